/* Walk-forward optimization: for each window, the grid search on a train
 * slice and a run of its best combination on the test slice that follows.
 * Each slice is what df.iloc[a:b] gives in pandas: the rows a .. b-1, with
 * the strategy's warm-up inside the slice, so backtesting.py on the same
 * slices is the oracle. */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "btgpu.h"
#include "cli_run.h"
#include "outfile.h"
#include "report.h"
#include "html_report.h"
#include "series_internal.h"

/* A window length: bars, or a duration in a calendar unit. */
typedef struct span {
    long long n;  /* bars, or units */
    char unit;    /* 0: bars; 'y', 'm' (months), 'w', 'd', 'h' */
} span;

static int parse_span(const char *opt, const char *text, span *out, bt_error *err)
{
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    out->n = v;
    out->unit = 0;
    if (end != text && *end && !end[1] && strchr("ymwdh", *end))
        out->unit = *end++;
    if (end == text || *end || errno || v < 1 || v > 1000000000LL)
        return bt_error_set(err, BT_ERR_USAGE, "option '%s': '%s' is not a number of bars (e.g. 500) or a duration "
                            "(2y, 6m, 4w, 30d, 12h)", opt, text);
    return BT_OK;
}

/* t moved on by k units of span s (months and years as calendar months, the
 * day clamped to the month's last, as pandas' DateOffset does). */
static int64_t add_span(int64_t t, const span *s, long long k)
{
    const long long n = s->n * k;
    switch (s->unit) {
    case 'h': return t + n * 3600;
    case 'd': return t + n * BT_SECONDS_PER_DAY;
    case 'w': return t + n * 7 * BT_SECONDS_PER_DAY;
    default: { /* 'm', 'y' */
        int64_t days = t >= 0 ? t / BT_SECONDS_PER_DAY : -((-t + BT_SECONDS_PER_DAY - 1) / BT_SECONDS_PER_DAY);
        int64_t sod = t - days * BT_SECONDS_PER_DAY, y;
        int m, d;
        bt_civil_from_days(days, &y, &m, &d);
        long long months = (long long)y * 12 + (m - 1) + (s->unit == 'y' ? 12 * n : n);
        y = months >= 0 ? months / 12 : -((-months + 11) / 12);
        m = (int)(months - y * 12) + 1;
        if (d > bt_days_in_month(y, m))
            d = bt_days_in_month(y, m);
        return bt_days_from_civil(y, m, d) * BT_SECONDS_PER_DAY + sod;
    }
    }
}

/* The first bar at or after time t (n when none). */
static size_t bar_at(const bt_series *s, int64_t t)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->time[mid] < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

typedef bt_report_window window; /* train rows [a, b), test rows [b, c) */

/* Appends x (on failure *w is freed and NULL). */
static int push_window(window **w, size_t *n, size_t *cap, window x)
{
    if (*n == *cap) {
        window *g = realloc(*w, (*cap *= 2) * sizeof **w);
        if (!g) {
            free(*w);
            *w = NULL;
            return -1;
        }
        *w = g;
    }
    (*w)[(*n)++] = x;
    return 0;
}

/* The windows, in order: rolling (or anchored at the first bar) train
 * slices, each followed by its test slice; a window is kept while its test
 * slice ends within the data (for durations: before the time one bar after
 * the last). */
static int make_windows(const bt_series *s, const span *tr, const span *te, const span *st, int anchored,
                        window **out, size_t *n_out, bt_error *err)
{
    size_t cap = 16, n = 0;
    window *w = malloc(cap * sizeof *w);
    if (!w)
        return bt_error_set(err, BT_ERR_NOMEM, "out of memory");
    if (!tr->unit) {
        for (long long k = 0;; k++) {
            unsigned long long a = anchored ? 0 : (unsigned long long)(k * st->n);
            unsigned long long b = (anchored ? (unsigned long long)(tr->n + k * st->n) : a + (unsigned long long)tr->n);
            unsigned long long c = b + (unsigned long long)te->n;
            if (c > s->n)
                break;
            if (push_window(&w, &n, &cap, (window){(size_t)a, (size_t)b, (size_t)c}))
                return bt_error_set(err, BT_ERR_NOMEM, "out of memory");
        }
    } else {
        const int64_t t0 = s->time[0];
        const int64_t end = s->time[s->n - 1] + (s->n > 1 ? s->time[s->n - 1] - s->time[s->n - 2] : 1);
        for (long long k = 0;; k++) {
            int64_t ta = anchored ? t0 : add_span(t0, st, k);
            int64_t tb = anchored ? add_span(add_span(t0, tr, 1), st, k) : add_span(ta, tr, 1);
            int64_t tc = add_span(tb, te, 1);
            if (tc > end || k > 100000000)
                break;
            window x = {bar_at(s, ta), bar_at(s, tb), bar_at(s, tc)};
            if (x.b == x.a || x.c == x.b)
                continue; /* an empty slice (a gap in the data) */
            if (push_window(&w, &n, &cap, x))
                return bt_error_set(err, BT_ERR_NOMEM, "out of memory");
        }
    }
    if (n == 0) {
        free(w);
        return bt_error_set(err, BT_ERR_USAGE, "--train and --test: no window fits in the %zu bars of the data", s->n);
    }
    *out = w;
    *n_out = n;
    return BT_OK;
}

/* rows [a, b) of s as a series of its own (pointers into s: not freed) */
static bt_series slice(const bt_series *s, size_t a, size_t b)
{
    bt_series v = *s;
    v.n = b - a;
    v.time = s->time + a;
    v.open = s->open + a;
    v.high = s->high + a;
    v.low = s->low + a;
    v.close = s->close + a;
    v.volume = s->volume + a;
    return v;
}

static void put_time(FILE *f, const bt_series *s, int64_t t)
{
    if (!s->is_datetime) {
        fprintf(f, "%lld", (long long)t);
        return;
    }
    char b[48];
    bt_format_time(t, b, sizeof b);
    fprintf(f, "%s%s", b, s->tz);
}

typedef struct heat_ctx {
    FILE *f;
    size_t window;
    size_t np;
    const char *asset; /* several assets: the row's first column, else NULL */
} heat_ctx;

/* "NAME," before a row when several assets share the file */
static void put_asset(FILE *f, const char *asset)
{
    if (asset)
        fprintf(f, "%s,", asset);
}

static int heat_row(void *ctx, const double *values, const int *types, double value)
{
    heat_ctx *h = ctx;
    char b[64];
    put_asset(h->f, h->asset);
    fprintf(h->f, "%zu", h->window);
    for (size_t p = 0; p < h->np; p++) {
        bt_format_param(values[p], types[p], b, sizeof b);
        fprintf(h->f, ",%s", b);
    }
    bt_format_double(value, 0, b, sizeof b);
    fprintf(h->f, ",%s\n", b);
    return ferror(h->f) ? BT_ERR_IO : BT_OK;
}

int bt_cli_run_walk_forward(const bt_cli *cli, char **paths, size_t n_assets)
{
    bt_error err = {0};
    bt_series s = {0};
    bt_grid g = {0};
    const bt_strategy_info *st = NULL;
    window *w = NULL;
    size_t nw = 0;
    bt_optimize_result *is = NULL, *oos = NULL;
    bt_outfile win_out = {0}, eq_out = {0}, heat_out = {0}, stats_out = {0}, rep_out = {0};
    char (*names)[128] = NULL; /* the assets' names (several assets) */
    int key = -1, hstats[4 * BT_N_STATS], rc;
    size_t n_hstats = 0;
    span tr, te, sp;
    char v[64];

    if ((rc = parse_span("--train", cli->wf_train, &tr, &err)) || (rc = parse_span("--test", cli->wf_test, &te, &err)))
        goto done;
    sp = te;
    if (cli->wf_step && (rc = parse_span("--step", cli->wf_step, &sp, &err)))
        goto done;
    if ((tr.unit != 0) != (te.unit != 0) || (sp.unit != 0) != (te.unit != 0)) {
        rc = bt_error_set(&err, BT_ERR_USAGE, "--train, --test and --step: give all three in bars or all as durations");
        goto done;
    }
    const char *outs[5] = {cli->windows_path, cli->equity_path, cli->heatmap_path, cli->stats_path, cli->report_path};
    if (cli->plot_path) {
        rc = bt_error_set(&err, BT_ERR_USAGE, "--method walk-forward: --plot draws one search's heatmaps (--report "
                          "draws the windows)");
        goto done;
    }
    for (int a = 0; a < 5; a++)
        for (int b = 0; b < a; b++)
            if (outs[a] && outs[b] && bt_same_file(outs[a], outs[b])) {
                rc = bt_error_set(&err, BT_ERR_USAGE, "two outputs name the same file (%s)", outs[a]);
                goto done;
            }
    for (size_t a = 0; a < n_assets; a++)
        for (int o = 0; o < 5; o++)
            if (outs[o] && strncmp(paths[a], "synth:", 6) != 0 && bt_same_file(outs[o], paths[a])) {
                rc = bt_error_set(&err, BT_ERR_USAGE, "%s is the --data file %s: it would be overwritten", outs[o],
                                  paths[a]);
                goto done;
            }
    if ((rc = bt_cli_prepare(cli, &st, &key, hstats, &n_hstats, &g, &err)))
        goto done;
    names = calloc(n_assets, sizeof *names);
    if (!names) {
        rc = bt_error_set(&err, BT_ERR_NOMEM, "out of memory");
        goto done;
    }
    bt_cli_asset_names(paths, n_assets, names);
    if (cli->windows_path && (rc = bt_outfile_open(&win_out, cli->windows_path, "the windows", &err)))
        goto done;
    if (cli->equity_path && (rc = bt_outfile_open(&eq_out, cli->equity_path, RUN_FILE_WHAT[1], &err)))
        goto done;
    if (cli->heatmap_path && (rc = bt_outfile_open(&heat_out, cli->heatmap_path, "the heatmap", &err)))
        goto done;
    if (cli->stats_path && (rc = bt_outfile_open(&stats_out, cli->stats_path, "the statistics", &err)))
        goto done;
    if (cli->report_path && (rc = bt_outfile_open(&rep_out, cli->report_path, "the report", &err)))
        goto done;
    if (rep_out.f)
        bt_report_wf_begin(rep_out.f, cli, st, n_assets);
    heat_ctx hc = {heat_out.f, 0, g.n_params, NULL};
    const char *acol = n_assets > 1 ? "asset," : "";
    if (heat_out.f) {
        fprintf(heat_out.f, "%swindow", acol);
        for (size_t p = 0; p < g.n_params; p++)
            fprintf(heat_out.f, ",%s", g.params[p].name);
        fprintf(heat_out.f, ",%s\n", bt_stat_name(key));
    }

    if (win_out.f) {
        FILE *f = win_out.f;
        fprintf(f, "%swindow,train_start,train_end,test_start,test_end,train_bars,test_bars", acol);
        for (size_t p = 0; p < g.n_params; p++)
            fprintf(f, ",%s", g.params[p].name);
        fprintf(f, ",in-sample %s", bt_stat_name(key));
        for (int id = 0; id < BT_N_STATS; id++)
            if (bt_stat_rankable(id))
                fprintf(f, ",%s", bt_stat_name(id));
        fputc('\n', f);
    }
    if (stats_out.f)
        fputs(n_assets > 1 ? "{\"assets\": {" : "{\"windows\": [", stats_out.f);
    catch_signals();
    for (size_t asset = 0; asset < n_assets; asset++) {
    const char *data = paths[asset], *aname = n_assets > 1 ? names[asset] : NULL;
    hc.asset = aname;
    if ((rc = load_data(data, cli->sep, &s, &err)))
        goto done;
    warn_about_data(data, &s, &cli->options);
    if (tr.unit && !s.is_datetime) {
        rc = bt_error_set(&err, BT_ERR_USAGE, "--train %s: durations need a datetime index (%s has integers); give "
                          "bars", cli->wf_train, data);
        goto done;
    }
    if ((rc = make_windows(&s, &tr, &te, &sp, cli->wf_anchored, &w, &nw, &err))) {
        char m[sizeof err.msg];
        snprintf(m, sizeof m, "%s", err.msg);
        bt_error_set(&err, rc, "%s: %s", data, m);
        goto done;
    }
    is = calloc(nw, sizeof *is);
    oos = calloc(nw, sizeof *oos);
    if (!is || !oos) {
        rc = bt_error_set(&err, BT_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < nw; k++) {
        bt_series train = slice(&s, w[k].a, w[k].b), test = slice(&s, w[k].b, w[k].c);
        progress_state prog = {now_seconds(), 0, cli->progress, 0, cli->quiet, train.n, NULL, NULL, 0, 0, 0, 0};
        hc.window = k + 1;
        bt_optimize_spec spec = {.series = &train, .strategy = st, .grid = &g, .options = &cli->options,
                                 .maximize = key, .backend = cli->backend, .threads = cli->threads,
                                 .on_typed_row = heat_out.f ? heat_row : NULL, .on_row_ctx = &hc,
                                 .device = cli->device, .on_progress_info = report_info, .on_progress_ctx = &prog,
                                 .stop_flag = &g_signal,
                                 .randomized = cli->randomized, .max_tries = cli->max_tries,
                                 .random_state = cli->random_state, .min_trades = cli->min_trades};
        rc = bt_cli_mpi_optimize(&spec, &is[k], &err); /* under mpirun: every rank's blocks */
        if (prog.shown)
            fputc('\n', stderr);
        if (rc == BT_OK && (is[k].stopped || g_signal))
            rc = bt_error_set(&err, BT_ERR_INTERRUPTED, "interrupted in window %zu of %zu: nothing was written",
                              k + 1, nw);
        if (rc == BT_OK && bt_cli_mpi_rank() > 0)
            continue; /* an MPI worker: rank 0 runs the test slices and writes */
        if (rc == BT_OK) { /* the train slice's best, run on the test slice */
            bt_grid one = {0};
            for (size_t p = 0; p < g.n_params && rc == BT_OK; p++) {
                char spec1[128];
                bt_format_param(is[k].best_values[p], is[k].best_types[p], v, sizeof v);
                snprintf(spec1, sizeof spec1, "%s=%s", g.params[p].name, v);
                rc = bt_grid_add_param(&one, spec1, &err);
            }
            bt_optimize_spec run = {.series = &test, .strategy = st, .grid = &one, .options = &cli->options,
                                    .maximize = key, .backend = BT_BACKEND_REFERENCE, .threads = 1};
            if (rc == BT_OK)
                rc = bt_optimize(&run, &oos[k], &err);
            bt_grid_free(&one);
        }
        if (rc) {
            if (rc != BT_ERR_INTERRUPTED) {
                char m[sizeof err.msg], t0[48], t1[48];
                snprintf(m, sizeof m, "%s", err.msg);
                bt_format_time(s.time[w[k].a], t0, sizeof t0);
                bt_format_time(s.time[w[k].c - 1], t1, sizeof t1);
                if (s.is_datetime)
                    bt_error_set(&err, rc, "%s%swindow %zu (%s .. %s): %s", aname ? aname : "", aname ? ": " : "",
                                 k + 1, t0, t1, m);
                else
                    bt_error_set(&err, rc, "%s%swindow %zu (rows %zu .. %zu): %s", aname ? aname : "",
                                 aname ? ": " : "", k + 1, w[k].a, w[k].c - 1, m);
            }
            goto done;
        }
    }

    if (bt_cli_mpi_rank() > 0)
        goto next_asset;
    /* the windows */
    if (win_out.f) {
        FILE *f = win_out.f;
        for (size_t k = 0; k < nw; k++) {
            put_asset(f, aname);
            fprintf(f, "%zu,", k + 1);
            put_time(f, &s, s.time[w[k].a]);
            fputc(',', f);
            put_time(f, &s, s.time[w[k].b - 1]);
            fputc(',', f);
            put_time(f, &s, s.time[w[k].b]);
            fputc(',', f);
            put_time(f, &s, s.time[w[k].c - 1]);
            fprintf(f, ",%zu,%zu", w[k].b - w[k].a, w[k].c - w[k].b);
            for (size_t p = 0; p < g.n_params; p++) {
                bt_format_param(is[k].best_values[p], is[k].best_types[p], v, sizeof v);
                fprintf(f, ",%s", v);
            }
            bt_format_double(is[k].best_value, 0, v, sizeof v);
            fprintf(f, ",%s", v);
            for (int id = 0; id < BT_N_STATS; id++)
                if (bt_stat_rankable(id)) {
                    bt_format_double(bt_stats_rank_value(&oos[k].best_stats, id), 0, v, sizeof v);
                    fprintf(f, ",%s", v);
                }
            fputc('\n', f);
        }
    }
    /* the out-of-sample equity of every window in sequence, and compounded across them */
    double growth = 1;
    if (eq_out.f) {
        FILE *f = eq_out.f;
        if (asset == 0)
            fprintf(f, "%s%s,window,Equity,Compounded\n", acol, s.index_name);
        for (size_t k = 0; k < nw; k++) {
            const bt_run *r = &oos[k].best_run;
            for (size_t i = 0; i < r->n_bars; i++) {
                put_asset(f, aname);
                put_time(f, &s, s.time[w[k].b + i]);
                bt_format_double(r->equity[i], 0, v, sizeof v);
                fprintf(f, ",%zu,%s,", k + 1, v);
                bt_format_double(r->equity[i] / cli->options.cash * growth * cli->options.cash, 0, v, sizeof v);
                fprintf(f, "%s\n", v);
            }
            growth *= r->equity[r->n_bars - 1] / cli->options.cash;
        }
    }
    if (stats_out.f) {
        FILE *f = stats_out.f;
        if (aname)
            fprintf(f, "%s\"%s\": {\"windows\": [", asset ? ", " : "", aname);
        for (size_t k = 0; k < nw && rc == BT_OK; k++) {
            fprintf(f, "%s{\"window\": %zu, \"train\": [%zu, %zu], \"test\": [%zu, %zu], \"in_sample\": ", k ? ", " : "",
                    k + 1, w[k].a, w[k].b, w[k].b, w[k].c);
            bt_format_double(is[k].best_value, 0, v, sizeof v);
            fprintf(f, "%s, \"out_of_sample\": ", strcmp(v, "nan") == 0 ? "null" : v);
            bt_series test = slice(&s, w[k].b, w[k].c);
            if (bt_write_stats_json(f, &test, st, &g, oos[k].best_values, oos[k].best_types, oos[k].best_params,
                                    oos[k].best_param_types, &oos[k].best_stats))
                rc = BT_ERR_IO;
            fputc('}', f);
        }
        if (aname)
            fputs("]}", f);
        if (rc) {
            rc = bt_error_set(&err, BT_ERR_IO, "%s: cannot write the statistics: %s", cli->stats_path, strerror(errno));
            goto done;
        }
    }

    if (rep_out.f)
        bt_report_wf_asset(rep_out.f, cli, &g, key, aname, data, &s, w, nw, is, oos);

    if (!cli->quiet && !cli->stdout_taken) {
        printf("%sbtgpu: walk-forward %s of %s on %s: %zu windows (train %s, test %s, step %s%s)\n",
               asset ? "\n" : "", bt_stat_name(key), cli->strategy, data, nw, cli->wf_train, cli->wf_test,
               cli->wf_step ? cli->wf_step : cli->wf_test, cli->wf_anchored ? ", anchored" : "");
        printf("%-7s %-21s %-21s", "window", "train from", "test from .. to");
        for (size_t p = 0; p < g.n_params; p++)
            printf(" %10.10s", g.params[p].name);
        printf(" %14s %14s %12s\n", "in-sample", "out-of-sample", "OOS return %");
        for (size_t k = 0; k < nw; k++) {
            char a[48], b[48], c[48];
            if (s.is_datetime) {
                bt_format_time(s.time[w[k].a], a, sizeof a);
                bt_format_time(s.time[w[k].b], b, sizeof b);
                bt_format_time(s.time[w[k].c - 1], c, sizeof c);
                a[10] = b[10] = c[10] = '\0';
            } else {
                snprintf(a, sizeof a, "%zu", w[k].a);
                snprintf(b, sizeof b, "%zu", w[k].b);
                snprintf(c, sizeof c, "%zu", w[k].c - 1);
            }
            printf("%-7zu %-21s %-10s..%-10s", k + 1, a, b, c);
            for (size_t p = 0; p < g.n_params; p++) {
                bt_format_param(is[k].best_values[p], is[k].best_types[p], v, sizeof v);
                printf(" %10s", v);
            }
            printf(" %14.6g %14.6g %12.4f\n", is[k].best_value, bt_stats_rank_value(&oos[k].best_stats, key),
                   oos[k].best_stats.v[BT_STAT_RETURN]);
        }
        /* how stable the chosen parameters are: each value and how many windows chose it */
        printf("\nParameter stability (windows choosing each value):\n");
        for (size_t p = 0; p < g.n_params; p++) {
            printf("  %-12s", g.params[p].name);
            for (size_t k = 0; k < nw; k++) {
                int seen = 0;
                for (size_t q = 0; q < k && !seen; q++)
                    seen = memcmp(&is[q].best_values[p], &is[k].best_values[p], sizeof(double)) == 0;
                if (seen)
                    continue;
                size_t count = 0;
                for (size_t q = k; q < nw; q++)
                    count += memcmp(&is[q].best_values[p], &is[k].best_values[p], sizeof(double)) == 0;
                bt_format_param(is[k].best_values[p], is[k].best_types[p], v, sizeof v);
                printf(" %s (%zu)", v, count);
            }
            putchar('\n');
        }
        double total = 1;
        for (size_t k = 0; k < nw; k++)
            total *= oos[k].best_run.equity[oos[k].best_run.n_bars - 1] / cli->options.cash;
        printf("\nOut of sample, compounded over the %zu test windows: %.4f%%\n", nw, (total - 1) * 100);
    }
next_asset:
    for (size_t k = 0; k < nw; k++) {
        bt_optimize_result_free(&is[k]);
        bt_optimize_result_free(&oos[k]);
    }
    free(is);
    free(oos);
    free(w);
    is = oos = NULL;
    w = NULL;
    nw = 0;
    bt_series_free(&s);
    }

    /* every output complete: into place */
    if (bt_cli_mpi_rank() == 0) {
        if (stats_out.f)
            fputs(n_assets > 1 ? "}}\n" : "]}\n", stats_out.f);
        if (rep_out.f)
            bt_report_wf_end(rep_out.f);
        bt_outfile *files[5] = {&win_out, &eq_out, &heat_out, &stats_out, &rep_out};
        const char *what[5] = {"the windows", RUN_FILE_WHAT[1], "the heatmap", "the statistics", "the report"};
        for (int o = 0; o < 5 && rc == BT_OK; o++)
            if (files[o]->f) {
                if (ferror(files[o]->f))
                    rc = bt_error_set(&err, BT_ERR_IO, "%s: cannot write %s: %s", outs[o], what[o], strerror(errno));
                else
                    rc = bt_outfile_commit(files[o], what[o], &err);
            }
    }

done:
    bt_outfile_abort(&win_out);
    bt_outfile_abort(&eq_out);
    bt_outfile_abort(&heat_out);
    bt_outfile_abort(&stats_out);
    bt_outfile_abort(&rep_out);
    for (size_t k = 0; k < nw; k++) {
        if (is)
            bt_optimize_result_free(&is[k]);
        if (oos)
            bt_optimize_result_free(&oos[k]);
    }
    free(is);
    free(oos);
    free(w);
    free(names);
    bt_series_free(&s);
    bt_grid_free(&g);
    bt_strategy_release(st);
    return bt_cli_exit(&err, rc);
}
