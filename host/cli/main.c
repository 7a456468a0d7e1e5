/* btgpu: parse, load, search, report. */
#define _POSIX_C_SOURCE 200809L
#include "btgpu.h"
#include "cli.h"
#include "report.h"
#include "outfile.h"
#include "strategy.h"
#include "suggest.h"
#include "memory.h"
#include "cli_run.h"
#include "html_report.h"

#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <sys/statvfs.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef BTGPU_VERSION
#define BTGPU_VERSION "0.1.0"
#endif

double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Peak resident memory of this program in MiB: VmHWM of /proc/self/status
 * (getrusage's ru_maxrss would include the parent's memory at fork). NaN
 * where /proc is not available. */
static double peak_rss_mib(void)
{
    char line[256];
    double kib = NAN;
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return NAN;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "VmHWM: %lf kB", &kib) == 1)
            break;
    fclose(f);
    return kib / 1024.0;
}

/* Prints an error the way the CLI promises and returns the exit code. */
int fail(const bt_error *err, int status)
{
    fprintf(stderr, "btgpu: %s\n", err->msg);
    if (bt_status_exit_code(status) == 2)
        fputs("Try 'btgpu --help' for more information.\n", stderr);
    return bt_status_exit_code(status);
}

/* --data FILE or --data synth:BARS[:SEED]. */
int load_data(const char *spec, char sep, bt_series *s, bt_error *err)
{
    if (strncmp(spec, "synth:", 6) != 0)
        return bt_series_load_csv_sep(spec, sep, s, err);
    char *end;
    errno = 0;
    unsigned long long bars = strtoull(spec + 6, &end, 10), seed = 1;
    if (end != spec + 6 && *end == ':') {
        const char *p = end + 1;
        seed = strtoull(p, &end, 10);
        if (end == p)
            end = (char *)"x";
    }
    if (end == spec + 6 || *end != '\0' || errno || bars == 0 || bars > BT_SYNTH_MAX_BARS || spec[6] == '-')
        return bt_error_set(err, BT_ERR_USAGE, "option '--data': '%s' is not synth:BARS[:SEED] with 1 <= BARS <= %u "
                            "(business days from 2000-01-03 to %d-12-31)", spec, BT_SYNTH_MAX_BARS, BT_MAX_YEAR);
    return bt_series_synth((size_t)bars, seed, s, err);
}


static int report_progress(void *ctx, uint64_t done, uint64_t total);

int bt_cli_exit(const bt_error *err, int rc)
{
    if (g_signal && rc == BT_ERR_INTERRUPTED) {
        fail(err, rc);
        return 128 + g_signal;
    }
    return rc ? fail(err, rc) : 0;
}

/* "45 s", "3 min 20 s", "2 h 5 min", "31 days" */
static void format_duration(double t, char *buf, size_t cap)
{
    if (t < 60)
        snprintf(buf, cap, "%.0f s", t);
    else if (t < 3600)
        snprintf(buf, cap, "%.0f min %.0f s", floor(t / 60), fmod(t, 60));
    else if (t < 86400 * 2)
        snprintf(buf, cap, "%.0f h %.0f min", floor(t / 3600), floor(fmod(t, 3600) / 60));
    else
        snprintf(buf, cap, "%.0f days", t / 86400);
}

/* After the first chunk (the probe): a search that will take more than a
 * minute says how long and how large its heatmap will be; checked once. */
static void announce(progress_state *p, const bt_progress *q, double now)
{
    const double rate = (double)(q->done - p->base_done) / (now - p->base_t);
    const double left = (double)(q->total - q->done) / rate, frac = (double)q->done / (double)q->total;
    const char *over = getenv("BTGPU_ESTIMATE_OVER"); /* seconds (tests: 0); default one minute */
    if (!(left > (over && *over ? atof(over) : 60)))
        return;
    char t[64], size[64] = "";
    format_duration(now - p->t0 + left, t, sizeof t);
    fprintf(stderr, "%sbtgpu: %llu combinations: about %s in all at %.3g combinations/s (measured on the first "
            "%llu)", p->shown ? "\n" : "", (unsigned long long)q->total, t, rate, (unsigned long long)q->done);
    long at = p->heatmap ? ftell(p->heatmap) : -1;
    if (at > 0) {
        double bytes = (double)at / frac;
        bt_format_bytes(bytes >= 1.8e19 ? UINT64_MAX : (uint64_t)bytes, size, sizeof size);
        fprintf(stderr, "; the heatmap %s will be about %s", p->heatmap_path, size);
        struct statvfs fs;
        char dir[4096];
        snprintf(dir, sizeof dir, "%s", p->heatmap_path);
        char *slash = strrchr(dir, '/');
        if (slash)
            slash[slash == dir] = '\0';
        if (statvfs(slash ? dir : ".", &fs) == 0 && (double)fs.f_bavail * (double)fs.f_frsize < bytes) {
            bt_format_bytes((uint64_t)fs.f_bavail * fs.f_frsize, size, sizeof size);
            fprintf(stderr, ", more than the %s free there", size);
        }
    }
    fputs("; Ctrl-C stops it and keeps what is done\n", stderr);
    p->shown = 0;
}

int report_info(void *ctx, const bt_progress *q)
{
    progress_state *p = ctx;
    const double now = now_seconds();
    if (p->quiet || q->done >= q->total)
        p->announced = 1;
    if (!p->announced && p->base_t == 0) {
        p->base_t = now;
        p->base_done = q->done;
    } else if (!p->announced && now - p->base_t >= (getenv("BTGPU_ESTIMATE_OVER") ? 0 : 0.5) &&
               q->done > p->base_done) {
        p->announced = 1; /* the first half second after the first chunk is the probe */
        announce(p, q, now);
    }
    if (!p->warned && q->n_admissible == 0 && q->rejected_run >= 10000000) {
        p->warned = 1; /* a warning: shown with --quiet too */
        fprintf(stderr, "%sbtgpu: warning: the constraint has rejected all of the first %llu combinations (of %llu); "
                "still searching (Ctrl-C stops)\n", p->shown ? "\n" : "", (unsigned long long)q->rejected_run,
                (unsigned long long)q->total);
        p->shown = 0;
    }
    return report_progress(ctx, q->done, q->total);
}

/* SIGINT / SIGTERM: the first asks the search to stop at a chunk boundary
 * (the outputs then hold what was done); a second exits at once, removing
 * only btgpu's own temporary files. */
volatile sig_atomic_t g_signal;

static void on_signal(int sig)
{
    if (g_signal) {
        bt_outfile_unlink_all(); /* async-signal-safe: unlink() of the recorded paths */
        _exit(128 + sig);
    }
    g_signal = sig;
}

void catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

static int report_progress(void *ctx, uint64_t done, uint64_t total)
{
    progress_state *p = ctx;
    if (g_signal)
        return 1; /* stop here */
    if (p->quiet)
        return BT_OK;
    double now = now_seconds(), el = now - p->t0;
    if (!p->forced && (el < 2 || !isatty(2)))
        return BT_OK;
    if (now - p->last < 0.25 && done < total)
        return BT_OK;
    p->last = now;
    double frac = total ? (double)done / (double)total : 1;
    fprintf(stderr, "%sbtgpu: %5.1f%% (%llu of %llu combinations), %.3g bar*combos/s, %.1f s elapsed, about %.1f s "
            "left", p->forced ? "" : "\r", 100 * frac, (unsigned long long)done, (unsigned long long)total,
            el > 0 ? (double)done * (double)p->bars / el : 0.0, el, frac > 0 ? el / frac - el : 0.0);
    if (p->forced)
        fputc('\n', stderr);
    p->shown = !p->forced;
    return BT_OK;
}

void warn_about_data(const char *path, const bt_series *s, const bt_options *o)
{
    if (s->was_sorted)
        fprintf(stderr, "btgpu: warning: %s: rows were not in date order; sorted them (as backtesting.py does)\n",
                path);
    if (s->n_duplicates)
        fprintf(stderr, "btgpu: warning: %s:%zu: %zu row(s) repeat the previous timestamp; kept, as backtesting.py "
                        "keeps them\n", path, s->first_duplicate_line, s->n_duplicates);
    if (!s->is_datetime && s->n) {
        /* an integer index that looks like dates or epoch times: pandas reads integers, and
         * backtesting.py then has no CAGR and no annualized statistics (it warns as well) */
        int ymd = 1, sec = 1, ms = 1;
        for (size_t i = 0; i < s->n; i++) {
            const int64_t t = s->time[i];
            const int64_t y = t / 10000, m = t / 100 % 100, d = t % 100;
            ymd &= y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
            sec &= t >= 315532800 && t <= 4102444800;          /* 1980 .. 2100 in seconds */
            ms &= t >= 315532800000LL && t <= 4102444800000LL; /* ... and in milliseconds */
        }
        if ((uint64_t)s->time[s->n - 1] - (uint64_t)s->time[0] > (uint64_t)INT64_MAX)
            fprintf(stderr, "btgpu: warning: %s: the integer index spans %lld .. %lld, more than 2^63 - 1: btgpu "
                            "reports the true differences (Duration, durations in index units), where backtesting.py's "
                            "int64 arithmetic wraps around (a negative Duration)\n", path, (long long)s->time[0],
                    (long long)s->time[s->n - 1]);
        if (ymd || sec || ms)
            fprintf(stderr, "btgpu: warning: %s: the index is read as plain integers (as pandas reads it) although it "
                            "looks like %s: durations are in bars and CAGR and the annualized statistics are left out; "
                            "write the dates as YYYY-MM-DD[ HH:MM:SS] to get them\n", path,
                    ymd ? "dates written as YYYYMMDD" : sec ? "Unix times in seconds" : "Unix times in milliseconds");
    }
    for (size_t i = 0; i < s->n; i++)
        if (s->close[i] > o->cash) {
            fprintf(stderr, "btgpu: warning: some prices are larger than the initial cash (%g): whole units only, "
                            "so such bars cannot be traded\n", o->cash);
            break;
        }
}

static int run_synth(const bt_cli *cli)
{
    bt_error err = {0};
    bt_series s = {0};
    int rc = bt_series_synth((size_t)cli->synth_bars, cli->synth_seed, &s, &err);
    FILE *f = stdout;
    if (rc == BT_OK && cli->synth_out && !(f = fopen(cli->synth_out, "w")))
        rc = bt_error_set(&err, BT_ERR_IO, "%s: cannot write: %s", cli->synth_out, strerror(errno));
    if (rc == BT_OK)
        rc = bt_series_write_csv(f, &s, &err);
    if (f && f != stdout && fclose(f) != 0 && rc == BT_OK)
        rc = bt_error_set(&err, BT_ERR_IO, "%s: cannot write: %s", cli->synth_out, strerror(errno));
    bt_series_free(&s);
    return rc ? fail(&err, rc) : 0;
}

static void print_summary(const bt_cli *cli, const bt_series *s, const bt_grid *g, const bt_optimize_result *r,
                          const char *backend, double t_load, double t_search)
{
    char a[32], b[32], v[64];
    bt_format_time(s->time[0], a, sizeof a);
    bt_format_time(s->time[s->n - 1], b, sizeof b);
    printf("btgpu %s: grid search of %s on %s\n", BTGPU_VERSION, cli->strategy, cli->data);
    if (s->is_datetime)
        printf("Data:          %zu bars, %s%s .. %s%s\n", s->n, a, s->tz, b, s->tz);
    else
        printf("Data:          %zu bars, index %lld .. %lld\n", s->n, (long long)s->time[0],
               (long long)s->time[s->n - 1]);
    if (cli->randomized)
        printf("Combinations:  %llu sampled of %llu admissible of %llu (%llu without trades; --max-tries %s, "
               "--random-state %llu)\n", (unsigned long long)r->n_admissible, (unsigned long long)r->n_passing,
               (unsigned long long)(g->n_params ? g->n_product : 1), (unsigned long long)r->n_no_trades,
               cli->max_tries_text, cli->random_state);
    else
        printf("Combinations:  %llu admissible of %llu (%llu without trades)\n", (unsigned long long)r->n_admissible,
               (unsigned long long)(g->n_params ? g->n_product : 1), (unsigned long long)r->n_no_trades);
    if (cli->min_trades > 1)
        printf("               %llu with fewer than %llu trades (--min-trades: ranked as nan)\n",
               (unsigned long long)r->n_few_trades, cli->min_trades);
    printf("Best:         ");
    for (size_t p = 0; p < g->n_params; p++) {
        bt_format_param(r->best_values[p], r->best_types[p], v, sizeof v);
        printf(" %s=%s", g->params[p].name, v);
    }
    bt_format_double(r->best_value, 0, v, sizeof v);
    printf("  (%s = %s)\n\n", cli->maximize, v);
    bt_print_stats(stdout, s, &r->best_stats);
    double bar_combos = (double)r->n_admissible * (double)s->n;
    printf("\nBackend %s: %.3f s search, %.3f s load; %.4g bar*combos/s (%.4g combos/s); peak RSS %.1f MiB\n",
           backend, t_search, t_load, t_search > 0 ? bar_combos / t_search : 0.0,
           t_search > 0 ? r->n_admissible / t_search : 0.0, peak_rss_mib());
}

/* The --top table: rank, the swept values, the maximized key and a few
 * statistics every trader looks at. */
static void print_top(const bt_cli *cli, const bt_series *s, const bt_grid *g, const bt_optimize_result *r, int key)
{
    static const int cols[] = {BT_STAT_RETURN, BT_STAT_N_TRADES, BT_STAT_WIN_RATE, BT_STAT_SHARPE, BT_STAT_MAX_DD};
    char v[64];
    printf("\nTop %zu by %s:\n%-5s", r->n_top, cli->maximize, "rank");
    for (size_t p = 0; p < g->n_params; p++)
        printf(" %8s", g->params[p].name);
    printf(" %20s", bt_stat_name(key));
    for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++)
        if (cols[c] != key)
            printf(" %18s", bt_stat_name(cols[c]));
    putchar('\n');
    for (size_t t = 0; t < r->n_top; t++) {
        const bt_top_entry *e = &r->top[t];
        printf("%-5zu", t + 1);
        for (size_t p = 0; p < g->n_params; p++) {
            bt_format_param(e->values[p], e->types[p], v, sizeof v);
            printf(" %8s", v);
        }
        bt_format_double(e->value, 0, v, sizeof v);
        printf(" %20s", v);
        for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++)
            if (cols[c] != key)
                printf(" %18.6g", e->stats.v[cols[c]]);
        putchar('\n');
    }
    (void)s;
}

const char *const RUN_FILE_WHAT[2] = {"the trades", "the equity curve"};

/* Writes a run's trades (kind 0) or equity curve (kind 1) into the open o
 * and renames it into place; on a failure o's temporary file is removed. */
int finish_run_file(bt_outfile *o, int kind, const bt_series *s, const bt_run *run, bt_error *err)
{
    int wrc = kind == 0 ? bt_write_trades_csv(o->f, s, run) : bt_write_equity_csv(o->f, s, run);
    if (wrc) {
        int e = errno;
        bt_outfile_abort(o);
        return bt_error_set(err, wrc, "%s: cannot write %s: %s", o->path, RUN_FILE_WHAT[kind], strerror(e));
    }
    return bt_outfile_commit(o, RUN_FILE_WHAT[kind], err);
}

/* PATH with "-topK" before its extension (trades.csv: trades-top1.csv). */
static void ranked_path(const char *path, size_t k, char *buf, size_t cap)
{
    const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
    if (!dot || (slash && dot < slash) || dot == (slash ? slash + 1 : path))
        snprintf(buf, cap, "%s-top%zu", path, k);
    else
        snprintf(buf, cap, "%.*s-top%zu%s", (int)(dot - path), path, k, dot);
}

/* No output may be an input (the data, a strategy file) or another output:
 * the same path, or the same file (device and inode) under another name. */
static int check_outputs(const bt_cli *cli, bt_error *err)
{
    const char *out_opt[6] = {"--heatmap", "--stats", "--trades", "--equity", "--report", "--plot"};
    const char *out_path[6] = {cli->heatmap_path, cli->stats_path, cli->trades_path, cli->equity_path,
                               cli->report_path, cli->plot_path};
    const char *in_what[2] = {"--data", "--strategy"};
    const char *in_path[2] = {strncmp(cli->data ? cli->data : "", "synth:", 6) == 0 ? NULL : cli->data, NULL};
    char strat[4096];
    size_t len;
    const char *cls;
    if (cli->strategy && bt_strategy_file_spec(cli->strategy, &len, &cls)) { /* PATH.py[:Class]: its PATH.py */
        snprintf(strat, sizeof strat, "%.*s", (int)len, cli->strategy);
        in_path[1] = strat;
    }
    for (int k = 0; k < 6; k++) {
        if (!out_path[k])
            continue;
        for (int q = 0; q < 2; q++)
            if (in_path[q] && bt_same_file(out_path[k], in_path[q]))
                return bt_error_set(err, BT_ERR_USAGE, "%s %s is the %s file: it would be overwritten", out_opt[k],
                                    out_path[k], in_what[q]);
        for (int q = 0; q < k; q++)
            if (out_path[q] && bt_same_file(out_path[k], out_path[q]))
                return bt_error_set(err, BT_ERR_USAGE, "%s and %s name the same file (%s)", out_opt[q], out_opt[k],
                                    out_path[k]);
    }
    return BT_OK;
}

/* The id of a rankable statistic named by option opt, with a "did you mean" for a misspelling. */
static int find_stat(const char *opt, const char *name, int *id, bt_error *err)
{
    int key = bt_stat_find(name);
    if (key < 0) {
        const char *names[BT_N_STATS];
        char hint[120];
        for (int k = 0; k < BT_N_STATS; k++)
            names[k] = bt_stat_rankable(k) ? bt_stat_name(k) : NULL;
        return bt_error_set(err, BT_ERR_USAGE, "option '%s': '%s' is not a backtesting.py statistic%s "
                            "(e.g. 'SQN', 'Equity Final [$]', 'Sharpe Ratio'; 'btgpu stats' lists them)", opt, name,
                            bt_suggest_hint(name, names, BT_N_STATS, hint, sizeof hint));
    }
    if (!bt_stat_rankable(key))
        return bt_error_set(err, BT_ERR_USAGE, "option '%s': '%s' is the same for every combination", opt, name);
    *id = key;
    return BT_OK;
}

/* --heatmap-stats: 'all' (every rankable statistic but the maximized one, in
 * backtesting.py's order) or keys separated by commas (spaces around them
 * ignored, repeats dropped), in the order given. */
static int parse_heatmap_stats(const char *text, int key, int *ids, size_t *n, bt_error *err)
{
    *n = 0;
    if (strcmp(text, "all") == 0) {
        for (int k = 0; k < BT_N_STATS; k++)
            if (bt_stat_rankable(k) && k != key)
                ids[(*n)++] = k;
        return BT_OK;
    }
    for (const char *p = text;;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        while (len && isspace((unsigned char)*p))
            p++, len--;
        while (len && isspace((unsigned char)p[len - 1]))
            len--;
        char name[128];
        if (len == 0 || len >= sizeof name)
            return bt_error_set(err, BT_ERR_USAGE, "option '--heatmap-stats': '%s': %s", text, len ? "a key is too "
                                "long" : "an empty key (keys are separated by commas, e.g. 'Sharpe Ratio,# Trades')");
        memcpy(name, p, len);
        name[len] = '\0';
        int id = -1;
        int rc = find_stat("--heatmap-stats", name, &id, err);
        if (rc)
            return rc;
        size_t at = 0;
        while (at < *n && ids[at] != id)
            at++;
        if (at == *n)
            ids[(*n)++] = id;
        if (!e)
            return BT_OK;
        p = e + 1;
    }
}

/* What every search of the command line needs before its data: the outputs
 * checked, the strategy resolved, the statistics and the grid parsed. */
int bt_cli_prepare(const bt_cli *cli, const bt_strategy_info **st, int *key, int *hstats, size_t *n_hstats,
                   bt_grid *g, bt_error *err)
{
    int rc;
    bt_set_memory_limit(cli->max_memory);
    if ((rc = check_outputs(cli, err)))
        return rc;
    if ((rc = bt_strategy_resolve(cli->strategy, st, err)))
        return rc;
    *n_hstats = 0;
    if ((rc = find_stat("--maximize", cli->maximize, key, err)))
        return rc;
    if (cli->heatmap_stats && (rc = parse_heatmap_stats(cli->heatmap_stats, *key, hstats, n_hstats, err)))
        return rc;
    for (size_t i = 0; i < cli->n_param_specs && rc == BT_OK; i++) {
        rc = bt_grid_add_param(g, cli->param_specs[i], err);
        if (rc == BT_OK && cli->single && g->params[g->n_params - 1].n_values != 1)
            rc = bt_error_set(err, BT_ERR_USAGE, "--set '%s': one value (btgpu run runs one backtest; a grid "
                              "takes --param)", cli->param_specs[i]);
    }
    if (rc == BT_OK && cli->constraint)
        rc = bt_grid_set_constraint(g, cli->constraint, err);
    return rc;
}

static int run_grid(const bt_cli *cli)
{
    bt_error err = {0};
    bt_series s = {0};
    bt_grid g = {0};
    bt_optimize_result res = {0};
    bt_heatmap_writer hw = {0};
    bt_outfile stats_out = {0}, trades_out = {0}, equity_out = {0}, report_out = {0}, plot_out = {0};
    bt_report rep = {0};
    int rc = BT_OK;
    double t0 = now_seconds(), t_load = 0, t_search = 0;

    const bt_strategy_info *st = NULL;
    int key = -1, hstats[4 * BT_N_STATS];
    size_t n_hstats = 0;
    if ((rc = bt_cli_prepare(cli, &st, &key, hstats, &n_hstats, &g, &err)))
        goto done;

    if ((rc = load_data(cli->data, cli->sep, &s, &err)))
        goto done;
    warn_about_data(cli->data, &s, &cli->options);
    t_load = now_seconds() - t0;

    if (cli->heatmap_path &&
        (rc = bt_heatmap_open_stats(&hw, cli->heatmap_path, &g, bt_stat_name(key), hstats, n_hstats, &err)))
        goto done;
    /* open the statistics file now, so that a bad path fails before a long search */
    if (cli->stats_path && (rc = bt_outfile_open(&stats_out, cli->stats_path, "the statistics", &err)))
        goto done;

    if (cli->trades_path && (rc = bt_outfile_open(&trades_out, cli->trades_path, RUN_FILE_WHAT[0], &err)))
        goto done;
    if (cli->equity_path && (rc = bt_outfile_open(&equity_out, cli->equity_path, RUN_FILE_WHAT[1], &err)))
        goto done;
    const int with_report = cli->report_path || cli->plot_path;
    if (with_report) {
        if ((rc = bt_report_init(&rep, &g, bt_stat_name(key), cli->report_agg ? bt_report_agg_find(cli->report_agg)
                                 : BT_AGG_MAX, &err)))
            goto done;
        if (cli->plot_path && !rep.n_swept) {
            rc = bt_error_set(&err, BT_ERR_USAGE, "--plot %s: no parameter takes more than one value, so there is "
                              "no heatmap to draw", cli->plot_path);
            goto done;
        }
        rep.next_ctx = &hw;
        rep.next_typed = cli->heatmap_path && !n_hstats ? bt_heatmap_typed_row : NULL;
        rep.next_stats = cli->heatmap_path && n_hstats ? bt_heatmap_stats_row : NULL;
    }
    if (cli->report_path && (rc = bt_outfile_open(&report_out, cli->report_path, "the report", &err)))
        goto done;
    if (cli->plot_path && (rc = bt_outfile_open(&plot_out, cli->plot_path, "the plot", &err)))
        goto done;

    progress_state prog = {now_seconds(), 0, cli->progress, 0, cli->quiet, s.n, hw.f, cli->heatmap_path, 0, 0, 0, 0};
    catch_signals();
    bt_optimize_spec spec = {.series = &s,
                             .strategy = st,
                             .grid = &g,
                             .options = &cli->options,
                             .maximize = key,
                             .backend = cli->backend,
                             .threads = cli->threads,
                             .on_typed_row = cli->heatmap_path && !n_hstats ? bt_heatmap_typed_row : NULL,
                             .heatmap_stats = hstats,
                             .n_heatmap_stats = n_hstats,
                             .on_stats_row = cli->heatmap_path && n_hstats ? bt_heatmap_stats_row : NULL,
                             .min_trades = cli->min_trades,
                             .on_row_ctx = &hw,
                             .device = cli->device,
                             .top_k = (size_t)cli->top,
                             .on_progress_info = report_info,
                             .stop_flag = &g_signal,
                             .on_progress_ctx = &prog,
                             .randomized = cli->randomized,
                             .max_tries = cli->max_tries,
                             .random_state = cli->random_state,
                             .keep_top_runs = cli->top && (cli->trades_path || cli->equity_path),
                             .keep_indicators = cli->trades_path != NULL};
    if (with_report) { /* the report sees every row, then passes it on to the heatmap file */
        spec.on_typed_row = n_hstats ? NULL : bt_report_typed_row;
        spec.on_stats_row = n_hstats ? bt_report_stats_row : NULL;
        spec.on_row_ctx = &rep;
    }
    bt_cli drawn;
    if (cli->randomized && !cli->have_random_state) {
        /* a seed from the OS, printed so the sample can be repeated */
        uint64_t seed = 0;
        FILE *u = fopen("/dev/urandom", "rb");
        if (!u || fread(&seed, sizeof seed, 1, u) != 1)
            seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
        if (u)
            fclose(u);
        seed &= 0x7fffffffffffffffULL;
        drawn = *cli;
        drawn.random_state = seed;
        cli = &drawn;
        spec.random_state = seed;
        fprintf(stderr, "btgpu: --random-state %llu (drawn from the system; pass it to repeat this sample)\n",
                (unsigned long long)seed);
    }
    double t1 = now_seconds();
    rc = bt_cli_mpi_optimize(&spec, &res, &err);
    t_search = now_seconds() - t1;
    if (prog.shown)
        fputc('\n', stderr);
    if (rc == BT_ERR_IO && cli->heatmap_path)
        bt_error_set(&err, rc, "%s: cannot write the heatmap: %s", cli->heatmap_path, strerror(errno));
    if (rc == BT_OK)
        rc = bt_heatmap_close(&hw, &err);
    if (rc)
        goto done;
    if (res.note[0])
        fprintf(stderr, "btgpu: warning: %s\n", res.note);
    if (res.stopped)
        fprintf(stderr, "btgpu: interrupted after %llu of %llu combinations: the outputs and the summary describe "
                "those (the best so far)\n", (unsigned long long)res.n_done,
                (unsigned long long)(g.n_params ? g.n_product : 1));

    if (stats_out.f) {
        if (bt_write_stats_json(stats_out.f, &s, st, &g, res.best_values, res.best_types, res.best_params,
                                res.best_param_types, &res.best_stats))
            rc = bt_error_set(&err, BT_ERR_IO, "%s: cannot write the statistics: %s", cli->stats_path, strerror(errno));
        else
            rc = bt_outfile_commit(&stats_out, "the statistics", &err);
        if (rc)
            goto done;
    }
    if (trades_out.f && (rc = finish_run_file(&trades_out, 0, &s, &res.best_run, &err)))
        goto done;
    if (equity_out.f && (rc = finish_run_file(&equity_out, 1, &s, &res.best_run, &err)))
        goto done;
    /* with --top K: the trades and equity of each of the K best, PATH-topK.EXT */
    for (size_t t = 0; t < res.n_top && rc == BT_OK && spec.keep_top_runs; t++) {
        const char *paths[2] = {cli->trades_path, cli->equity_path};
        for (int k = 0; k < 2 && rc == BT_OK; k++) {
            if (!paths[k])
                continue;
            char ranked[4096];
            ranked_path(paths[k], t + 1, ranked, sizeof ranked);
            bt_outfile o;
            if ((rc = bt_outfile_open(&o, ranked, RUN_FILE_WHAT[k], &err)) == BT_OK)
                rc = finish_run_file(&o, k, &s, &res.top[t].run, &err);
        }
    }
    if (rc)
        goto done;
    if (plot_out.f) {
        if (bt_report_write_svg(plot_out.f, &rep, bt_report_best(&res)))
            rc = bt_error_set(&err, BT_ERR_IO, "%s: cannot write the plot: %s", cli->plot_path, strerror(errno));
        else
            rc = bt_outfile_commit(&plot_out, "the plot", &err);
        if (rc)
            goto done;
    }
    if (report_out.f) {
        bt_report_run rr = {cli, &s, st, &res, t_search};
        if (bt_report_write_html(report_out.f, cli->single ? NULL : &rep, &rr))
            rc = bt_error_set(&err, BT_ERR_IO, "%s: cannot write the report: %s", cli->report_path, strerror(errno));
        else
            rc = bt_outfile_commit(&report_out, "the report", &err);
        if (rc)
            goto done;
    }
    if (!cli->quiet && !cli->stdout_taken && cli->single) { /* one backtest: its parameters and statistics */
        char v[64];
        printf("%s(", st->name);
        for (size_t p = 0; p < st->n_params; p++) {
            bt_format_param(res.best_params[p], res.best_param_types[p], v, sizeof v);
            printf("%s%s=%s", p ? ", " : "", st->param_names[p], v);
        }
        printf(") on %s\n\n", cli->data);
        bt_print_stats(stdout, &s, &res.best_stats);
    } else if (!cli->quiet && !cli->stdout_taken) {
        print_summary(cli, &s, &g, &res, res.backend_used, t_load, t_search);
    }
    if (cli->top && !cli->stdout_taken)
        print_top(cli, &s, &g, &res, key);

done:
    /* a failure: the unfinished outputs' temporary files go; existing targets stay as they were */
    bt_heatmap_abort(&hw);
    bt_outfile_abort(&stats_out); /* no-ops once committed */
    bt_outfile_abort(&trades_out);
    bt_outfile_abort(&equity_out);
    bt_outfile_abort(&report_out);
    bt_outfile_abort(&plot_out);
    bt_report_free(&rep);
    bt_optimize_result_free(&res);
    bt_grid_free(&g);
    bt_series_free(&s);
    bt_strategy_release(st);
    if (g_signal) /* interrupted: what was done is written; the exit status says how it ended */
    {
        if (rc)
            fail(&err, rc);
        return 128 + g_signal;
    }
    return rc ? fail(&err, rc) : 0;
}

/* Prints text word-wrapped into columns [indent, width), each line indented. */
static void print_wrapped(const char *text, int indent, int width)
{
    const char *p = text;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        int room = width - indent, len = 0, cut = 0;
        while (p[len] && len < room) {
            if (p[len] == ' ')
                cut = len;
            len++;
        }
        if (p[len] && p[len] != ' ' && cut > 0)
            len = cut; /* break at the last space that fits; a longer word overflows */
        else if (p[len] && p[len] != ' ')
            while (p[len] && p[len] != ' ')
                len++;
        printf("%*s%.*s\n", indent, "", len, p);
        p += len;
    }
}

/* btgpu list: every built-in strategy file with its class, parameters
 * (defaults as Python's repr) and the first line of its docstring. */
static int run_list(void)
{
    int bad = 0;
    printf("Built-in strategies (btgpu show NAME prints one; --strategy NAME sweeps it):\n");
    for (size_t i = 0; i < bt_builtin_file_count(); i++) {
        const bt_strategy_info *st = NULL;
        bt_error err = {0};
        const char *name = bt_builtin_file_name(i);
        if (bt_strategy_builtin_compile(i, &st, &err) != BT_OK) {
            printf("  %-20s (does not compile: %s)\n", name, err.msg);
            fprintf(stderr, "btgpu: built-in strategy '%s': %s\n", name, err.msg);
            bad = 1;
            continue;
        }
        printf("  %-20s %s(", name, st->class_name ? st->class_name : "?");
        for (size_t p = 0; p < st->n_params; p++) {
            char v[64];
            bt_format_param(st->param_defaults[p], st->param_types[p], v, sizeof v);
            printf("%s%s=%s", p ? ", " : "", st->param_names[p], v);
        }
        printf(")%s\n", bt_strategy_find(name) ? "  [native: cpu, opencl, cuda]" : "");
        print_wrapped(st->description ? st->description : "", 23, 79);
        bt_strategy_release(st);
    }
    return bad;
}

/* btgpu show NAME: the built-in file, byte for byte. */
static int run_show(const char *name)
{
    long i = bt_builtin_file_find(name);
    if (i < 0) {
        bt_error err = {0};
        char names[512] = "";
        for (size_t k = 0; k < bt_builtin_file_count(); k++) {
            strncat(names, k ? ", " : "", sizeof names - strlen(names) - 1);
            strncat(names, bt_builtin_file_name(k), sizeof names - strlen(names) - 1);
        }
        bt_error_set(&err, BT_ERR_USAGE, "show: unknown strategy '%s' (built-in: %s)", name, names);
        return fail(&err, BT_ERR_USAGE);
    }
    size_t len = 0;
    const char *text = bt_builtin_file_text((size_t)i, &len);
    if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
        bt_error err = {0};
        bt_error_set(&err, BT_ERR_IO, "show: cannot write: %s", strerror(errno));
        return fail(&err, BT_ERR_IO);
    }
    return 0;
}

static int run_main(int argc, char **argv, int rank)
{
    bt_cli cli;
    bt_error err = {0};
    int rc = bt_cli_parse(argc, argv, &cli, &err);
    if (rc)
        return fail(&err, rc);
    if (rank > 0) {
        /* an MPI worker: it evaluates its part of the grid; rank 0 writes every output and every message */
        cli.heatmap_path = cli.stats_path = cli.trades_path = cli.equity_path = cli.windows_path = NULL;
        cli.report_path = cli.plot_path = NULL;
        cli.quiet = 1;
        cli.progress = 0;
        cli.top = 0;
    }
    if (bt_cli_mpi_size() > 1 && (cli.command != BT_CMD_GRID || cli.single)) {
        bt_error_set(&err, BT_ERR_USAGE, "several MPI ranks (%d) run searches; run this in one process",
                     bt_cli_mpi_size());
        return fail(&err, BT_ERR_USAGE);
    }
    switch (cli.command) {
    case BT_CMD_HELP: bt_cli_help(stdout); return 0;
    case BT_CMD_VERSION: printf("btgpu %s\n", BTGPU_VERSION); return 0;
    case BT_CMD_SYNTH: return run_synth(&cli);
    case BT_CMD_DEVICES:
        rc = bt_list_devices(stdout, &err);
        return rc ? fail(&err, rc) : 0;
    case BT_CMD_LIST: return run_list();
    case BT_CMD_SHOW: return run_show(cli.show_name);
    case BT_CMD_STATS:
        for (int k = 0; k < BT_N_STATS; k++)
            if (bt_stat_rankable(k))
                printf("%s\n", bt_stat_name(k));
            else
                printf("%-28sthe same for every combination\n", bt_stat_name(k));
        return 0;
    case BT_CMD_GRID: break;
    }
    char **paths = NULL;
    size_t n_paths = 0;
    if ((rc = bt_cli_expand_data(&cli, &paths, &n_paths, &err))) {
        bt_cli_free_paths(paths, n_paths);
        return fail(&err, rc);
    }
    if (n_paths == 1) /* a folder or a pattern with one file is that file */
        cli.data = paths[0];
    rc = cli.walk_forward ? bt_cli_run_walk_forward(&cli, paths, n_paths)
         : n_paths > 1    ? bt_cli_run_assets(&cli, paths, n_paths)
                          : run_grid(&cli);
    bt_cli_free_paths(paths, n_paths);
    return rc;
}

int main(int argc, char **argv)
{
    int rank = bt_cli_mpi_init(&argc, &argv);
    if (rank < 0) {
        fputs("btgpu: MPI could not be initialized\n", stderr);
        return 1;
    }
    if (rank > 0 && !freopen("/dev/null", "w", stderr)) /* rank 0 reports for every rank */
        return 1;
    int rc = run_main(argc, argv, rank);
    if (rc && rank == 0 && bt_cli_mpi_size() > 1) {
        fflush(NULL);
        bt_cli_mpi_abort(rc); /* the other ranks may still wait to send their blocks */
    }
    bt_cli_mpi_finalize();
    return rc;
}
