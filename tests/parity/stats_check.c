/*
 * stats_check - compares bt_stats_compute with backtesting.py's statistics.
 *
 * Reads the file written by tests/parity/stats_oracle.py (format described
 * there), rebuilds each run's bt_series and bt_run, computes the statistics
 * and compares all 32 keys: presence, kind and value. Values must be
 * bit-identical or within a relative difference of 1e-9; NaN equals NaN.
 *
 * Build (from the repository root):
 *   gcc -std=c11 -O2 -Wall -Wextra -ffp-contract=off -fno-trapping-math \
 *       -Iinclude -Ihost host/error.c host/numeric.c host/stats.c \
 *       tests/parity/stats_check.c -lm -o /tmp/stats_check
 * Run:
 *   /tmp/btvenv/bin/python tests/parity/stats_oracle.py /tmp/oracle.txt
 *   /tmp/stats_check /tmp/oracle.txt [-v]
 * Exit status 0 when every key of every run passes.
 */
#define _POSIX_C_SOURCE 200809L
#include "btgpu.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOL 1e-9

static int64_t ulp_distance(double a, double b)
{
    int64_t ia, ib;
    memcpy(&ia, &a, sizeof ia);
    memcpy(&ib, &b, sizeof ib);
    if (ia < 0)
        ia = INT64_MIN - ia;
    if (ib < 0)
        ib = INT64_MIN - ib;
    int64_t d = ia - ib;
    return d < 0 ? -d : d;
}

static const char *kind_name(int k)
{
    switch (k) {
    case BT_KIND_NUMBER:
        return "NUMBER";
    case BT_KIND_TIME:
        return "TIME";
    case BT_KIND_TIMEDELTA:
        return "TIMEDELTA";
    default:
        return "ABSENT";
    }
}

/* Parses the space-separated doubles after a tag into a fresh array. */
static double *parse_doubles(char *p, size_t n)
{
    double *v = malloc((n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        char *end;
        v[i] = strtod(p, &end);
        if (end == p) {
            fprintf(stderr, "stats_check: short line (%zu of %zu values)\n", i, n);
            exit(2);
        }
        p = end;
    }
    return v;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: stats_check ORACLE.txt [-v]\n");
        return 2;
    }
    int verbose = argc > 2 && strcmp(argv[2], "-v") == 0;
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    char *line = NULL;
    size_t cap = 0;
    char name[512] = "";
    size_t n = 0, w = 0, nt = 0;
    int is_dt = 0;
    int64_t *time = NULL;
    double *close = NULL, *equity = NULL;
    bt_trade *trades = NULL;
    size_t itr = 0;
    double ref_v[BT_N_STATS];
    int ref_kind[BT_N_STATS]; /* -1: absent */

    size_t runs = 0, keys = 0, exact = 0, failed = 0, runs_failed = 0;
    size_t per_key_inexact[BT_N_STATS] = {0};
    double max_rel = 0.0, per_key_max_rel[BT_N_STATS] = {0};
    int64_t per_key_max_ulp[BT_N_STATS] = {0};
    char max_rel_where[700] = "";

    while (getline(&line, &cap, f) > 0) {
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, "RUN ", 4) == 0) {
            snprintf(name, sizeof name, "%s", line + 4);
            itr = 0;
        } else if (strncmp(line, "META ", 5) == 0) {
            sscanf(line + 5, "%zu %d %zu %zu", &n, &is_dt, &w, &nt);
            trades = calloc(nt ? nt : 1, sizeof *trades);
        } else if (strncmp(line, "TIME ", 5) == 0) {
            time = malloc(n * sizeof *time);
            char *p = line + 5;
            for (size_t i = 0; i < n; i++)
                time[i] = strtoll(p, &p, 10);
        } else if (strncmp(line, "CLOSE ", 6) == 0) {
            close = parse_doubles(line + 6, n);
        } else if (strncmp(line, "EQUITY ", 7) == 0) {
            equity = parse_doubles(line + 7, n);
        } else if (strncmp(line, "TRADE ", 6) == 0) {
            bt_trade *t = &trades[itr++];
            char *p = line + 6;
            t->size = strtod(p, &p);
            t->entry_bar = (size_t)strtoull(p, &p, 10);
            t->exit_bar = (size_t)strtoull(p, &p, 10);
            t->entry_price = strtod(p, &p);
            t->exit_price = strtod(p, &p);
            t->pnl = strtod(p, &p);
            t->commission = strtod(p, &p);
            t->return_pct = strtod(p, &p);
            t->sl = t->tp = NAN;
        } else if (strncmp(line, "STAT ", 5) == 0) {
            int id;
            char kind[32], val[64];
            sscanf(line + 5, "%d %31s %63s", &id, kind, val);
            ref_v[id] = strtod(val, NULL);
            ref_kind[id] = strcmp(kind, "NUMBER") == 0 ? BT_KIND_NUMBER
                           : strcmp(kind, "TIME") == 0 ? BT_KIND_TIME
                           : strcmp(kind, "TIMEDELTA") == 0 ? BT_KIND_TIMEDELTA
                                                            : -1;
        } else if (strcmp(line, "END") == 0) {
            bt_series s = {0};
            s.n = n;
            s.time = time;
            s.close = close;
            s.is_datetime = is_dt;
            bt_run r = {0};
            r.n_bars = n;
            r.equity = equity;
            r.trades = trades;
            r.n_trades = nt;
            r.warmup = w;
            r.start = w + 1;
            bt_stats st;
            bt_error err = {0};
            runs++;
            int rc = bt_stats_compute(&s, &r, &st, &err);
            int run_bad = 0;
            if (rc != BT_OK) {
                printf("FAIL %s: bt_stats_compute: %s\n", name, err.msg);
                failed += BT_N_STATS;
                run_bad = 1;
            } else {
                for (int k = 0; k < BT_N_STATS; k++) {
                    keys++;
                    int mine_kind = st.present[k] ? st.kind[k] : -1;
                    double a = st.v[k], b = ref_v[k];
                    int ok;
                    const char *why = "";
                    double rel = 0.0;
                    int64_t ulps = 0;
                    if (mine_kind != ref_kind[k]) {
                        ok = 0;
                        why = "kind";
                    } else if (ref_kind[k] < 0) {
                        ok = 1;
                        exact++;
                        continue;
                    } else if (isnan(a) && isnan(b)) {
                        ok = 1;
                        exact++;
                        continue;
                    } else if (memcmp(&a, &b, sizeof a) == 0) {
                        exact++;
                        continue;
                    } else {
                        ulps = ulp_distance(a, b);
                        if (isnan(a) || isnan(b) || isinf(a) || isinf(b))
                            rel = INFINITY;
                        else if (a == b)
                            rel = 0.0; /* +0.0 vs -0.0 */
                        else
                            rel = fabs(a - b) / fmax(fabs(a), fabs(b));
                        ok = rel <= TOL && !(a == 0.0 && b == 0.0);
                        why = (a == 0.0 && b == 0.0) ? "sign of zero" : "value";
                        per_key_inexact[k]++;
                        if (rel > per_key_max_rel[k])
                            per_key_max_rel[k] = rel;
                        if (ulps > per_key_max_ulp[k])
                            per_key_max_ulp[k] = ulps;
                        if (rel > max_rel) {
                            max_rel = rel;
                            snprintf(max_rel_where, sizeof max_rel_where, "%s / %s", name,
                                     bt_stat_name(k));
                        }
                    }
                    if (!ok) {
                        failed++;
                        run_bad = 1;
                        printf("FAIL %s: %s (%s): btgpu %s %.17g, backtesting.py %s %.17g\n", name,
                               bt_stat_name(k), why, kind_name(mine_kind), a, kind_name(ref_kind[k]),
                               b);
                    } else if (verbose) {
                        printf("inexact %s: %s: %.17g vs %.17g (%" PRId64 " ulp, rel %.3g)\n", name,
                               bt_stat_name(k), a, b, ulps, rel);
                    }
                }
            }
            runs_failed += run_bad;
            free(time);
            free(close);
            free(equity);
            free(trades);
            time = NULL;
            close = equity = NULL;
            trades = NULL;
        }
    }
    free(line);
    fclose(f);

    printf("\n%zu runs, %zu keys compared, %zu bit-exact (%.2f%%), %zu failed (in %zu runs)\n", runs,
           keys, exact, keys ? 100.0 * (double)exact / (double)keys : 0.0, failed, runs_failed);
    printf("max relative difference %.3g%s%s\n", max_rel, max_rel > 0 ? " at " : "", max_rel_where);
    printf("inexact values by key (count, max ulp, max rel):\n");
    for (int k = 0; k < BT_N_STATS; k++)
        if (per_key_inexact[k])
            printf("  %-24s %4zu  %6" PRId64 "  %.3g\n", bt_stat_name(k), per_key_inexact[k],
                   per_key_max_ulp[k], per_key_max_rel[k]);
    return failed ? 1 : 0;
}
