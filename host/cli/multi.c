/* Several assets in one run: each asset is searched with the same grid and
 * settings by its own bt_optimize (so each asset's values are exactly its
 * single-asset run's), and the best combination maximizes an aggregate of
 * the key over the assets (--aggregate). */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "btgpu.h"
#include "cli_run.h"
#include "memory.h"
#include "outfile.h"
#include "report.h"
#include "html_report.h"

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int push(char ***list, size_t *n, size_t *cap, const char *path)
{
    if (*n == *cap) {
        size_t c = *cap ? 2 * *cap : 16;
        char **l = realloc(*list, c * sizeof *l);
        if (!l)
            return -1;
        *list = l;
        *cap = c;
    }
    if (!((*list)[*n] = strdup(path)))
        return -1;
    (*n)++;
    return 0;
}

static int ends_with_csv(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcasecmp(name + n - 4, ".csv") == 0;
}

int bt_cli_expand_data(const bt_cli *cli, char ***paths, size_t *n, bt_error *err)
{
    size_t cap = 0;
    *paths = NULL;
    *n = 0;
    for (size_t k = 0; k < cli->n_data; k++) {
        const char *d = cli->data_list[k];
        struct stat st;
        size_t before = *n;
        if (strncmp(d, "synth:", 6) != 0 && stat(d, &st) == 0 && S_ISDIR(st.st_mode)) {
            /* a folder: its .csv files, sorted by name */
            DIR *dir = opendir(d);
            if (!dir)
                return bt_error_set(err, BT_ERR_IO, "--data %s: cannot read the folder: %s", d, strerror(errno));
            struct dirent *e;
            while ((e = readdir(dir)))
                if (e->d_name[0] != '.' && ends_with_csv(e->d_name)) {
                    char p[4096];
                    size_t len = strlen(d);
                    snprintf(p, sizeof p, "%s%s%s", d, len && d[len - 1] == '/' ? "" : "/", e->d_name);
                    if (push(paths, n, &cap, p)) {
                        closedir(dir);
                        return bt_error_set(err, BT_ERR_NOMEM, "out of memory");
                    }
                }
            closedir(dir);
            qsort(*paths + before, *n - before, sizeof **paths, cmp_str);
            if (*n == before)
                return bt_error_set(err, BT_ERR_USAGE, "--data %s: the folder has no .csv file", d);
        } else if (strncmp(d, "synth:", 6) != 0 && strpbrk(d, "*?[")) {
            glob_t g;
            int r = glob(d, 0, NULL, &g);
            if (r == GLOB_NOMATCH)
                return bt_error_set(err, BT_ERR_USAGE, "--data '%s': no file matches", d);
            if (r != 0)
                return bt_error_set(err, BT_ERR_IO, "--data '%s': cannot expand the pattern", d);
            for (size_t q = 0; q < g.gl_pathc; q++)
                if (push(paths, n, &cap, g.gl_pathv[q])) {
                    globfree(&g);
                    return bt_error_set(err, BT_ERR_NOMEM, "out of memory");
                }
            globfree(&g);
        } else if (push(paths, n, &cap, d)) {
            return bt_error_set(err, BT_ERR_NOMEM, "out of memory");
        }
    }
    for (size_t a = 0; a < *n; a++)
        for (size_t b = 0; b < a; b++)
            if (strcmp((*paths)[a], (*paths)[b]) == 0 ||
                (strncmp((*paths)[a], "synth:", 6) != 0 && bt_same_file((*paths)[a], (*paths)[b])))
                return bt_error_set(err, BT_ERR_USAGE, "--data %s is given twice", (*paths)[a]);
    return BT_OK;
}

void bt_cli_free_paths(char **paths, size_t n)
{
    for (size_t k = 0; k < n; k++)
        free(paths[k]);
    free(paths);
}

/* The rows of one asset's search: its values, and (first asset) the combinations. */
typedef struct capture {
    size_t n, cap, np;
    double *v;        /* n values */
    double *combo;    /* n x np parameter values, or NULL */
    int *types;       /* n x np their types */
    int keep_combos;
} capture;

static int capture_row(void *ctx, const double *values, const int *types, double value)
{
    capture *c = ctx;
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 1024;
        double *v = realloc(c->v, cap * sizeof *v);
        if (!v)
            return BT_ERR_NOMEM;
        c->v = v;
        if (c->keep_combos) {
            double *cb = realloc(c->combo, cap * (c->np ? c->np : 1) * sizeof *cb);
            if (!cb)
                return BT_ERR_NOMEM;
            c->combo = cb;
            int *t = realloc(c->types, cap * (c->np ? c->np : 1) * sizeof *t);
            if (!t)
                return BT_ERR_NOMEM;
            c->types = t;
        }
        c->cap = cap;
    }
    c->v[c->n] = value;
    if (c->keep_combos) {
        memcpy(c->combo + c->n * c->np, values, c->np * sizeof *values);
        memcpy(c->types + c->n * c->np, types, c->np * sizeof *types);
    }
    c->n++;
    return BT_OK;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The aggregate of v[0..n) (asset order): mean and min are NaN when any value
 * is; median sorts (NaN when any is); nanmean averages the numbers. */
static double aggregate(const char *how, const double *v, size_t n)
{
    double sum = 0, lo = INFINITY, tmp[BT_CLI_MAX_SPECS * 4];
    size_t k = 0, nan = 0;
    for (size_t a = 0; a < n; a++) {
        if (v[a] != v[a]) {
            nan++;
            continue;
        }
        sum += v[a];
        lo = v[a] < lo ? v[a] : lo;
        if (k < sizeof tmp / sizeof *tmp)
            tmp[k] = v[a];
        k++;
    }
    if (strcmp(how, "nanmean") == 0)
        return k ? sum / (double)k : NAN;
    if (nan)
        return NAN;
    if (strcmp(how, "min") == 0)
        return lo;
    if (strcmp(how, "median") == 0) {
        qsort(tmp, k, sizeof *tmp, cmp_double);
        return k % 2 ? tmp[k / 2] : (tmp[k / 2 - 1] + tmp[k / 2]) / 2;
    }
    return sum / (double)n;
}

/* The asset's column name: the file name without folder and extension, or
 * the whole argument when two assets would share a name. */
void bt_cli_asset_names(char **paths, size_t n, char (*names)[128])
{
    for (size_t a = 0; a < n; a++) {
        const char *b = strrchr(paths[a], '/');
        b = b ? b + 1 : paths[a];
        snprintf(names[a], sizeof names[a], "%s", b);
        size_t len = strlen(names[a]);
        if (ends_with_csv(names[a]))
            names[a][len - 4] = '\0';
    }
    for (size_t a = 0; a < n; a++)
        for (size_t b = 0; b < n; b++)
            if (a != b && strcmp(names[a], names[b]) == 0) {
                snprintf(names[a], sizeof names[a], "%s", paths[a]);
                break;
            }
}

static void csv_text(FILE *f, const char *text)
{
    if (!strpbrk(text, ",\"\r\n")) {
        fputs(text, f);
        return;
    }
    fputc('"', f);
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            fputc('"', f);
        fputc(*p, f);
    }
    fputc('"', f);
}

/* PATH.EXT -> PATH-NAME.EXT */
static void asset_path(const char *path, const char *name, char *buf, size_t cap)
{
    const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
    if (!dot || (slash && dot < slash))
        dot = path + strlen(path);
    char safe[128];
    snprintf(safe, sizeof safe, "%s", name);
    for (char *p = safe; *p; p++) /* "synth:1000" or a path as a name: one file name */
        if (*p == '/' || *p == ':' || *p == '\\')
            *p = '_';
    snprintf(buf, cap, "%.*s-%s%s", (int)(dot - path), path, safe, dot);
}

int bt_cli_run_assets(const bt_cli *cli, char **paths, size_t n_assets)
{
    bt_error err = {0};
    bt_grid g = {0};
    const bt_strategy_info *st = NULL;
    bt_series *series = calloc(n_assets, sizeof *series);
    capture *cap = calloc(n_assets, sizeof *cap);
    char (*names)[128] = calloc(n_assets, sizeof *names);
    bt_optimize_result *fin = calloc(n_assets, sizeof *fin);
    bt_outfile heat = {0}, stats_out = {0}, rep_out = {0}, plot_out = {0};
    bt_report rep = {0};
    double *agg = NULL, row[BT_CLI_MAX_SPECS * 4];
    int key = -1, hstats[4 * BT_N_STATS], rc = BT_OK;
    size_t n_hstats = 0, rows = 0;
    if (!series || !cap || !names || !fin) {
        rc = bt_error_set(&err, BT_ERR_NOMEM, "out of memory");
        goto done;
    }
    if (n_assets > sizeof row / sizeof *row) {
        rc = bt_error_set(&err, BT_ERR_USAGE, "%zu assets (at most %zu)", n_assets, sizeof row / sizeof *row);
        goto done;
    }
    if (cli->single || cli->top || cli->heatmap_stats) {
        rc = bt_error_set(&err, BT_ERR_USAGE, "%s is for one asset (--data names %zu)", cli->single ? "btgpu run" :
                          cli->top ? "--top" : "--heatmap-stats", n_assets);
        goto done;
    }
    if ((rc = bt_cli_prepare(cli, &st, &key, hstats, &n_hstats, &g, &err)))
        goto done;
    for (size_t a = 0; a < n_assets && rc == BT_OK; a++) {
        const char *out[4] = {cli->heatmap_path, cli->stats_path, cli->report_path, cli->plot_path};
        const char *opt[4] = {"--heatmap", "--stats", "--report", "--plot"};
        for (int k = 0; k < 4 && rc == BT_OK; k++)
            if (out[k] && strncmp(paths[a], "synth:", 6) != 0 && bt_same_file(out[k], paths[a]))
                rc = bt_error_set(&err, BT_ERR_USAGE, "%s %s is the --data file %s: it would be overwritten",
                                  opt[k], out[k], paths[a]);
    }
    if (rc)
        goto done;
    bt_cli_asset_names(paths, n_assets, names);
    for (size_t a = 0; a < n_assets; a++) {
        if ((rc = load_data(paths[a], cli->sep, &series[a], &err)))
            goto done;
        warn_about_data(paths[a], &series[a], &cli->options);
    }
    if (cli->heatmap_path && (rc = bt_outfile_open(&heat, cli->heatmap_path, "the heatmap", &err)))
        goto done;
    if (cli->stats_path && (rc = bt_outfile_open(&stats_out, cli->stats_path, "the statistics", &err)))
        goto done;
    if (cli->report_path && (rc = bt_outfile_open(&rep_out, cli->report_path, "the report", &err)))
        goto done;
    if (cli->plot_path && (rc = bt_outfile_open(&plot_out, cli->plot_path, "the plot", &err)))
        goto done;

    /* every asset's search, in the order given */
    catch_signals();
    for (size_t a = 0; a < n_assets; a++) {
        progress_state prog = {now_seconds(), 0, cli->progress, 0, cli->quiet, series[a].n, NULL, NULL, 0, 0, 0, 0};
        cap[a].np = g.n_params;
        cap[a].keep_combos = a == 0;
        bt_optimize_spec spec = {.series = &series[a], .strategy = st, .grid = &g, .options = &cli->options,
                                 .maximize = key, .backend = cli->backend, .threads = cli->threads,
                                 .on_typed_row = capture_row, .on_row_ctx = &cap[a], .device = cli->device,
                                 .on_progress_info = report_info, .on_progress_ctx = &prog, .stop_flag = &g_signal,
                                 .randomized = cli->randomized, .max_tries = cli->max_tries,
                                 .random_state = cli->random_state, .min_trades = cli->min_trades};
        bt_optimize_result res = {0};
        rc = bt_cli_mpi_optimize(&spec, &res, &err); /* under mpirun: every rank's blocks, the rows on rank 0 */
        if (prog.shown)
            fputc('\n', stderr);
        if (rc == BT_OK && res.note[0])
            fprintf(stderr, "btgpu: warning: %s: %s\n", names[a], res.note);
        int stopped = res.stopped;
        bt_optimize_result_free(&res);
        if (rc) {
            char m[sizeof err.msg];
            snprintf(m, sizeof m, "%s", err.msg);
            bt_error_set(&err, rc, "%s: %s", paths[a], m);
            goto done;
        }
        if (stopped || g_signal) {
            rc = bt_error_set(&err, BT_ERR_INTERRUPTED, "interrupted during the search of asset %zu of %zu (%s): "
                              "nothing was written", a + 1, n_assets, names[a]);
            goto done;
        }
        if (a > 0 && cap[a].n != cap[0].n) {
            rc = bt_error_set(&err, BT_ERR_DATA, "%s: %zu combinations, but %zu on %s", paths[a], cap[a].n, cap[0].n,
                              paths[0]);
            goto done;
        }
    }
    rows = cap[0].n;
    if (bt_cli_mpi_rank() > 0)
        goto done; /* an MPI worker: rank 0 chooses and writes */

    /* the aggregate per combination and the first maximum (all NaN: the first combination) */
    if ((rc = bt_memory_check((uint64_t)rows * 8, "the aggregate of every combination", &err)))
        goto done;
    agg = malloc((rows ? rows : 1) * sizeof *agg);
    if (!agg) {
        rc = bt_error_set(&err, BT_ERR_NOMEM, "out of memory");
        goto done;
    }
    size_t best = 0;
    int have = 0;
    for (size_t r = 0; r < rows; r++) {
        for (size_t a = 0; a < n_assets; a++)
            row[a] = cap[a].v[r];
        agg[r] = aggregate(cli->aggregate, row, n_assets);
        if (agg[r] == agg[r] && (!have || agg[r] > agg[best])) {
            best = r;
            have = 1;
        }
    }

    /* the chosen combination on every asset: a one-combination search each */
    bt_grid one = {0};
    for (size_t p = 0; p < g.n_params && rc == BT_OK; p++) {
        char v[64], spec[128];
        bt_format_param(cap[0].combo[best * g.n_params + p], cap[0].types[best * g.n_params + p], v, sizeof v);
        snprintf(spec, sizeof spec, "%s=%s", g.params[p].name, v);
        rc = bt_grid_add_param(&one, spec, &err);
    }
    for (size_t a = 0; a < n_assets && rc == BT_OK; a++) {
        bt_optimize_spec spec = {.series = &series[a], .strategy = st, .grid = &one, .options = &cli->options,
                                 .maximize = key, .backend = BT_BACKEND_REFERENCE, .threads = 1,
                                 .keep_indicators = cli->trades_path != NULL};
        rc = bt_optimize(&spec, &fin[a], &err);
    }
    bt_grid_free(&one);
    if (rc)
        goto done;

    /* the heatmap: the parameters, each asset's value, the aggregate */
    char aggname[160], v[64];
    snprintf(aggname, sizeof aggname, "%s %s", cli->aggregate, bt_stat_name(key));
    if (heat.f) {
        FILE *f = heat.f;
        for (size_t p = 0; p < g.n_params; p++) {
            csv_text(f, g.params[p].name);
            fputc(',', f);
        }
        for (size_t a = 0; a < n_assets; a++) {
            csv_text(f, names[a]);
            fputc(',', f);
        }
        csv_text(f, aggname);
        fputc('\n', f);
        for (size_t r = 0; r < rows; r++) {
            for (size_t p = 0; p < g.n_params; p++) {
                bt_format_param(cap[0].combo[r * g.n_params + p], cap[0].types[r * g.n_params + p], v, sizeof v);
                fputs(v, f);
                fputc(',', f);
            }
            for (size_t a = 0; a < n_assets; a++) {
                bt_format_double(cap[a].v[r], 0, v, sizeof v);
                fputs(v, f);
                fputc(',', f);
            }
            bt_format_double(agg[r], 0, v, sizeof v);
            fputs(v, f);
            fputc('\n', f);
        }
        if (ferror(f)) {
            rc = bt_error_set(&err, BT_ERR_IO, "%s: cannot write the heatmap: %s", cli->heatmap_path, strerror(errno));
            goto done;
        }
        if ((rc = bt_outfile_commit(&heat, "the heatmap", &err)))
            goto done;
    }
    /* the statistics: the aggregate and every asset's full statistics */
    if (stats_out.f) {
        FILE *f = stats_out.f;
        bt_format_double(agg[best], 0, v, sizeof v);
        fprintf(f, "{\"aggregate\": {\"how\": \"%s\", \"key\": \"%s\", \"value\": %s}, \"assets\": {", cli->aggregate,
                bt_stat_name(key), strcmp(v, "nan") == 0 ? "null" : v);
        for (size_t a = 0; a < n_assets && rc == BT_OK; a++) {
            fprintf(f, "%s\"", a ? ", " : "");
            for (const char *p = names[a]; *p; p++) /* a JSON string */
                fprintf(f, *p == '"' || *p == '\\' ? "\\%c" : (unsigned char)*p < 32 ? "\\u%04x" : "%c", *p);
            fputs("\": ", f);
            if (bt_write_stats_json(f, &series[a], st, &g, fin[a].best_values, fin[a].best_types, fin[a].best_params,
                                    fin[a].best_param_types, &fin[a].best_stats))
                rc = BT_ERR_IO;
        }
        fputs("}}\n", f);
        if (rc || ferror(f)) {
            rc = bt_error_set(&err, BT_ERR_IO, "%s: cannot write the statistics: %s", cli->stats_path, strerror(errno));
            goto done;
        }
        if ((rc = bt_outfile_commit(&stats_out, "the statistics", &err)))
            goto done;
    }
    /* the trades and equity of the chosen combination, one file per asset: PATH-NAME.EXT */
    for (size_t a = 0; a < n_assets && rc == BT_OK; a++) {
        const char *want[2] = {cli->trades_path, cli->equity_path};
        for (int k = 0; k < 2 && rc == BT_OK; k++) {
            if (!want[k])
                continue;
            char path[4096];
            bt_outfile o;
            asset_path(want[k], names[a], path, sizeof path);
            if ((rc = bt_outfile_open(&o, path, RUN_FILE_WHAT[k], &err)) == BT_OK)
                rc = finish_run_file(&o, k, &series[a], &fin[a].best_run, &err);
        }
    }
    if (rc)
        goto done;
    if (rep_out.f || plot_out.f) { /* the heatmaps of the aggregate, the chosen combination on every asset */
        if ((rc = bt_report_init(&rep, &g, aggname, cli->report_agg ? bt_report_agg_find(cli->report_agg) : BT_AGG_MAX,
                                 &err)))
            goto done;
        for (size_t r = 0; r < rows; r++)
            bt_report_typed_row(&rep, cap[0].combo + r * g.n_params, cap[0].types + r * g.n_params, agg[r]);
        double bv[BT_MAX_PARAMS];
        int bty[BT_MAX_PARAMS];
        for (size_t p = 0; p < g.n_params; p++) {
            bv[p] = cap[0].combo[best * g.n_params + p];
            bty[p] = cap[0].types[best * g.n_params + p];
        }
        bt_report_assets ra = {cli, st, n_assets, paths, names, series, fin, bv, bty, have ? agg[best] : NAN, rows};
        if (plot_out.f) {
            if (bt_report_write_svg(plot_out.f, &rep, have ? bv : NULL))
                rc = bt_error_set(&err, BT_ERR_IO, "%s: cannot write the plot: %s", cli->plot_path, strerror(errno));
            else
                rc = bt_outfile_commit(&plot_out, "the plot", &err);
        }
        if (rc == BT_OK && rep_out.f) {
            if (bt_report_write_assets_html(rep_out.f, &rep, &ra))
                rc = bt_error_set(&err, BT_ERR_IO, "%s: cannot write the report: %s", cli->report_path,
                                  strerror(errno));
            else
                rc = bt_outfile_commit(&rep_out, "the report", &err);
        }
        if (rc)
            goto done;
    }

    if (!cli->quiet && !cli->stdout_taken) {
        printf("btgpu: grid search of %s on %zu assets\n", cli->strategy, n_assets);
        for (size_t a = 0; a < n_assets; a++) {
            char t0[40], t1[40];
            bt_format_time(series[a].time[0], t0, sizeof t0);
            bt_format_time(series[a].time[series[a].n - 1], t1, sizeof t1);
            if (series[a].is_datetime)
                printf("Asset %-9zu%s: %zu bars, %s%s .. %s%s\n", a + 1, names[a], series[a].n, t0, series[a].tz,
                       t1, series[a].tz);
            else
                printf("Asset %-9zu%s: %zu bars, index %lld .. %lld\n", a + 1, names[a], series[a].n,
                       (long long)series[a].time[0], (long long)series[a].time[series[a].n - 1]);
        }
        printf("Combinations:  %zu on each asset\n", rows);
        printf("Best:         ");
        for (size_t p = 0; p < g.n_params; p++) {
            bt_format_param(cap[0].combo[best * g.n_params + p], cap[0].types[best * g.n_params + p], v, sizeof v);
            printf(" %s=%s", g.params[p].name, v);
        }
        bt_format_double(agg[best], 0, v, sizeof v);
        printf("  (%s = %s%s)\n\n", aggname, v, have ? "" : "; every combination is nan: the first one");
        /* a table: one column per asset */
        printf("%-26s", "");
        for (size_t a = 0; a < n_assets; a++)
            printf("%26.26s", names[a]);
        putchar('\n');
        for (int id = 0; id < BT_N_STATS; id++) {
            int any = 0;
            for (size_t a = 0; a < n_assets; a++)
                any |= fin[a].best_stats.present[id];
            if (!any)
                continue;
            printf("%-26s", bt_stat_name(id));
            for (size_t a = 0; a < n_assets; a++) {
                char b[64] = "";
                if (fin[a].best_stats.present[id])
                    bt_format_stat(&series[a], &fin[a].best_stats, id, b, sizeof b);
                printf("%26s", b);
            }
            putchar('\n');
        }
    }

done:
    bt_outfile_abort(&heat);
    bt_outfile_abort(&stats_out);
    bt_outfile_abort(&rep_out);
    bt_outfile_abort(&plot_out);
    bt_report_free(&rep);
    for (size_t a = 0; series && a < n_assets; a++)
        bt_series_free(&series[a]);
    for (size_t a = 0; cap && a < n_assets; a++) {
        free(cap[a].v);
        free(cap[a].combo);
        free(cap[a].types);
    }
    for (size_t a = 0; fin && a < n_assets; a++)
        bt_optimize_result_free(&fin[a]);
    free(series);
    free(cap);
    free(names);
    free(fin);
    free(agg);
    bt_grid_free(&g);
    bt_strategy_release(st);
    return bt_cli_exit(&err, rc);
}
