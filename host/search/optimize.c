/* The grid search driver: walks the product in chunks, evaluates each chunk
 * with the chosen backend, streams heatmap rows in grid order and keeps the
 * first maximum; the winner is re-run for its full statistics. Memory is
 * bounded by the chunk size, whatever the grid size. */
#include "btgpu.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef BTGPU_HAVE_OPENMP
#include <omp.h>
#endif

#include "backend.h"
#include "calendar.h"
#include "compiled.h"
#include "strategy.h"
#include "vexec.h"
#include "suggest.h"
#include "rng.h"
#include "topk.h"
#include "memory.h"
#include "cform.h"

#define CHUNK 65536 /* product indices per chunk: bounds the working memory */
#define CHUNK_STOPPED 1 /* eval_chunk: the stop flag was seen; the chunk's values are not to be used */

/* Per-combination outcome within a chunk. */
typedef struct combo_slot {
    double values[BT_MAX_PARAMS]; /* grid order */
    int types[BT_MAX_PARAMS];     /* their BT_PTYPE_* */
    double value;                 /* ranking value: the maximized key's (NaN without trades or below --min-trades) */
    int admissible;
    int passes;                   /* passes the constraint (admissible before sampling) */
    int done;                     /* value set by the vector executor */
    int status;                   /* BT_OK or this combination's error */
} combo_slot;

typedef struct plan {
    const bt_optimize_spec *spec;
    const bt_strategy_impl *impl; /* native strategies; NULL for compiled ones */
    size_t map[BT_MAX_PARAMS];   /* grid param -> strategy param index */
    bt_calendar cal;             /* shared facts for the heatmap statistics */
    bt_rng rng;                  /* the randomized grid's draws */
    double frac;
    uint64_t n_passing;          /* admissible before sampling */
    double *params;              /* CHUNK x n_params: admissible combinations, strategy order */
    double *values;              /* CHUNK x nk heatmap values of the admissible combinations */
    int keys[BT_N_STATS];        /* the statistics evaluated per combination: the maximized one first, then the
                                    heatmap_stats (each once), then # Trades for min_trades */
    size_t nk;
    size_t hs_col[4 * BT_N_STATS]; /* heatmap_stats[k] is keys[hs_col[k]] */
    int nt_col;                  /* the column of # Trades in keys (min_trades), else -1 */
    double *slot_vals;           /* CHUNK x nk: each slot's values */
    double *hs_row;              /* one row of heatmap_stats values */
    size_t *where;               /* CHUNK: slot of each admissible combination */
    int threads;
    bt_cpu_eval_fn eval;         /* the fast backend's kernel (NULL: reference) */
    bt_cl_session *cl;           /* the OpenCL session, when that backend runs */
    bt_cuda_session *cuda;       /* the CUDA session, when that backend runs */
    bt_vx *vx;                   /* a compiled strategy's vector executor (cpu), else NULL */
    int *ptypes;                 /* CHUNK x n_params: their types (vector executor) */
    unsigned char *escaped;      /* CHUNK: combinations the vector executor hands back */
} plan;

/* The full parameter vector (strategy order) of a combination: swept values
 * over the defaults, with their types (ptypes may be NULL). */
static void to_params(const plan *pl, const double *values, const int *types, double *params, int *ptypes)
{
    const bt_strategy_info *st = pl->spec->strategy;
    for (size_t p = 0; p < st->n_params; p++) {
        params[p] = st->param_defaults[p];
        if (ptypes)
            ptypes[p] = st->param_types[p];
    }
    for (size_t g = 0; g < pl->spec->grid->n_params; g++) {
        params[pl->map[g]] = values[g];
        if (ptypes)
            ptypes[pl->map[g]] = types[g];
    }
}

/* One full backtest: the compiled strategy's interpreter, or the native
 * strategy's reference implementation. */
static int run_one(const bt_optimize_spec *spec, const double *params, const int *ptypes, bt_run *run, bt_error *err)
{
    const bt_strategy_info *st = spec->strategy;
    if (st->compiled)
        return bt_compiled_run(st->compiled, spec->series, params, ptypes, spec->options, run, err);
    return bt_run_reference(spec->series, st, params, spec->options, run, err);
}

/* The statistics to evaluate per combination (pl->keys) and where the
 * heatmap_stats and # Trades are among them. */
static int plan_keys(const bt_optimize_spec *spec, plan *pl, bt_error *err)
{
    if (spec->n_heatmap_stats > 4 * BT_N_STATS)
        return bt_error_set(err, BT_ERR_USAGE, "%zu heatmap statistics (at most %d)", spec->n_heatmap_stats,
                            4 * BT_N_STATS);
    if (spec->n_heatmap_stats && !spec->heatmap_stats)
        return bt_error_set(err, BT_ERR_USAGE, "heatmap statistics: no list");
    pl->nk = 0;
    pl->nt_col = -1;
    for (size_t k = 0; k <= spec->n_heatmap_stats + 1; k++) {
        int id = k == 0 ? spec->maximize : k <= spec->n_heatmap_stats ? spec->heatmap_stats[k - 1] : BT_STAT_N_TRADES;
        if (k > spec->n_heatmap_stats && spec->min_trades <= 1)
            break;
        if (!bt_stat_rankable(id))
            return bt_error_set(err, BT_ERR_USAGE, "heatmap statistic '%s' is %s", id >= 0 && id < BT_N_STATS ?
                                bt_stat_name(id) : "?", id >= 0 && id < BT_N_STATS ? "the same for every combination"
                                : "unknown");
        size_t at = 0;
        while (at < pl->nk && pl->keys[at] != id)
            at++;
        if (at == pl->nk)
            pl->keys[pl->nk++] = id;
        if (k >= 1 && k <= spec->n_heatmap_stats)
            pl->hs_col[k - 1] = at;
        if (id == BT_STAT_N_TRADES)
            pl->nt_col = (int)at;
    }
    return BT_OK;
}

/* The full run of a best or top combination: run_one with the strategy's
 * indicators (bt_run.indicator_*), for stats._trades' Entry_ / Exit_
 * columns. A native strategy takes them from its embedded Python file (the
 * same indicators), run once more for them. */
static int run_full(const bt_optimize_spec *spec, const double *params, const int *ptypes, bt_run *run, bt_error *err)
{
    const bt_strategy_info *st = spec->strategy;
    if (!spec->keep_indicators)
        return run_one(spec, params, ptypes, run, err);
    if (st->compiled)
        return bt_compiled_run_ex(st->compiled, spec->series, params, ptypes, spec->options, 1, run, err);
    int rc = bt_run_reference(spec->series, st, params, spec->options, run, err);
    long f = rc == BT_OK ? bt_builtin_file_find(st->name) : -1;
    const bt_strategy_info *file = NULL;
    if (f >= 0 && bt_strategy_builtin_compile((size_t)f, &file, NULL) == BT_OK && file->compiled &&
        file->n_params == st->n_params) {
        bt_run ind = {0};
        if (bt_compiled_run_ex(file->compiled, spec->series, params, ptypes, spec->options, 1, &ind, NULL) == BT_OK) {
            run->n_indicators = ind.n_indicators;
            run->indicator_names = ind.indicator_names;
            run->indicator_values = ind.indicator_values;
            run->indicator_bool = ind.indicator_bool;
            run->n_indicators_unnamed = ind.n_indicators_unnamed;
            ind.n_indicators = 0;
            ind.indicator_names = NULL;
            ind.indicator_values = NULL;
            ind.indicator_bool = NULL;
        }
        bt_run_free(&ind);
    }
    bt_strategy_release(file);
    return rc;
}

/* bt_strategy_check_params(check_as, ...) of the defaults and of every swept
 * value over them (pl->map: grid parameter -> strategy parameter) */
static int check_swept(const bt_optimize_spec *spec, const plan *pl, const bt_strategy_info *check_as, bt_error *err)
{
    const bt_strategy_info *st = spec->strategy;
    const bt_grid *g = spec->grid;
    double params[BT_MAX_STRATEGY_PARAMS];
    for (size_t q = 0; q < g->n_params; q++)
        for (size_t v = 0; v < g->params[q].n_values; v++) {
            for (size_t p = 0; p < st->n_params; p++)
                params[p] = st->param_defaults[p];
            params[pl->map[q]] = g->params[q].values[v];
            int rc = bt_strategy_check_params(check_as, params, err);
            if (rc)
                return rc;
        }
    for (size_t p = 0; p < st->n_params; p++)
        params[p] = st->param_defaults[p];
    return bt_strategy_check_params(check_as, params, err);
}

/* Maps grid names onto the strategy and checks every swept value once. */
static int make_plan(const bt_optimize_spec *spec, plan *pl, bt_error *err)
{
    const bt_strategy_info *st = spec->strategy;
    const bt_grid *g = spec->grid;
    pl->spec = spec;
    pl->impl = st->compiled ? NULL : bt_strategy_impl_of(st);
    if (!pl->impl && !st->compiled)
        return bt_error_set(err, BT_ERR_USAGE, "unknown strategy");
    if (st->n_params > BT_MAX_STRATEGY_PARAMS)
        return bt_error_set(err, BT_ERR_USAGE, "strategy '%s' has %zu parameters (at most %d)", st->name,
                            st->n_params, BT_MAX_STRATEGY_PARAMS);
    for (size_t q = 0; q < g->n_params; q++) {
        size_t p = 0;
        while (p < st->n_params && strcmp(st->param_names[p], g->params[q].name) != 0)
            p++;
        if (p == st->n_params) {
            char names[640] = "";
            for (size_t r = 0; r < st->n_params; r++) {
                strncat(names, r ? ", " : "", sizeof names - strlen(names) - 1);
                strncat(names, st->param_names[r], sizeof names - strlen(names) - 1);
            }
            char hint[120];
            return bt_error_set(err, BT_ERR_USAGE, "--param '%s': strategy '%s' has no such parameter%s (parameters: %s)",
                                g->params[q].name, st->name,
                                bt_suggest_hint(g->params[q].name, (const char *const *)st->param_names, st->n_params,
                                                hint, sizeof hint), names);
        }
        pl->map[q] = p;
    }
    return check_swept(spec, pl, st, err);
}

/* The heatmap values (pl->nk keys) of one combination with the reference engine. */
static int eval_reference(const plan *pl, const double *values, const int *types, double *row, bt_error *err)
{
    const bt_optimize_spec *spec = pl->spec;
    double params[BT_MAX_STRATEGY_PARAMS];
    int ptypes[BT_MAX_STRATEGY_PARAMS];
    bt_run run = {0};
    to_params(pl, values, types, params, ptypes);
    int rc = run_one(spec, params, ptypes, &run, err);
    if (rc == BT_OK)
        bt_calendar_run_values(&pl->cal, &run, pl->keys, pl->nk, row);
    else if (err && spec->grid->n_params) {
        /* name the combination: "n1=10 sl_pct=0.05: bar 372 (...): ValueError: ..." */
        char combo[512] = "", num[48];
        for (size_t g = 0; g < spec->grid->n_params; g++) {
            bt_format_param(values[g], types ? types[g] : BT_PTYPE_FLOAT, num, sizeof num);
            snprintf(combo + strlen(combo), sizeof combo - strlen(combo), "%s%s=%s", g ? " " : "",
                     spec->grid->params[g].name, num);
        }
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err->msg);
        bt_error_set(err, rc, "combination %s: %s", combo, msg);
    }
    bt_run_free(&run);
    return rc;
}

/* Each admissible slot's ranking value: the maximized key's, NaN below min_trades. */
static void rank_values(const plan *pl, combo_slot *slots, size_t count)
{
    const uint64_t min_trades = pl->spec->min_trades;
    for (size_t j = 0; j < count; j++) {
        const double *row = pl->slot_vals + j * pl->nk;
        slots[j].value = row[0];
        if (min_trades > 1 && pl->nt_col >= 0 && !(row[pl->nt_col] >= (double)min_trades))
            slots[j].value = NAN;
    }
}

/* The grid's mask (when set) and its constraint for product index k with values v. */
static int admissible_at(const bt_grid *g, uint64_t k, const double *v, int *ok, bt_error *err)
{
    if (g->mask && !g->mask[k]) {
        *ok = 0;
        return BT_OK;
    }
    return bt_grid_admissible(g, v, ok, err);
}

/* Decodes, filters and evaluates product indices [k0, k0 + count); CHUNK_STOPPED
 * when the stop flag was seen (nothing of the chunk counts then). */
static int eval_chunk(plan *pl, uint64_t k0, size_t count, combo_slot *slots, bt_error *err)
{
    const bt_grid *g = pl->spec->grid;
    const int threads = pl->threads;
    /* decoding takes about a microsecond a combination: a team only for big chunks (a team
     * woken for a small search spins beside the main thread's serial work) */
    const int dthreads = count < 8192 ? 1 : threads;
    (void)dthreads;
    int failed = 0;
    const size_t nk = pl->nk;
#ifdef BTGPU_HAVE_OPENMP
#pragma omp parallel for schedule(static) num_threads(dthreads) reduction(| : failed)
#endif
    for (size_t j = 0; j < count; j++) {
        combo_slot *s = &slots[j];
        s->value = NAN;
        for (size_t k = 0; k < nk; k++)
            pl->slot_vals[j * nk + k] = NAN;
        s->done = 0;
        bt_grid_decode_types(g, k0 + j, s->values, s->types);
        s->status = admissible_at(g, k0 + j, s->values, &s->admissible, NULL);
        s->passes = s->admissible;
        failed |= s->status != BT_OK;
    }
    if (failed) /* report the first failing combination with its message */
        for (size_t j = 0; j < count; j++)
            if (slots[j].status)
                return admissible_at(g, k0 + j, slots[j].values, &slots[j].admissible, err);
    if (pl->spec->randomized) /* one draw per admissible combination, in grid order */
        for (size_t j = 0; j < count; j++)
            if (slots[j].admissible) {
                pl->n_passing++;
                slots[j].admissible = bt_rng_random(&pl->rng) <= pl->frac;
            }

    if (pl->vx) {
        /* the vector executor; the combinations it hands back run in the interpreter */
        const size_t np = pl->spec->strategy->n_params;
        size_t m = 0;
        for (size_t j = 0; j < count; j++)
            if (slots[j].admissible) {
                to_params(pl, slots[j].values, slots[j].types, pl->params + m * np, pl->ptypes + m * np);
                pl->where[m++] = j;
            }
        bt_cpu_job job = {pl->spec->series, pl->spec->options, &pl->cal, pl->keys, nk, threads, NULL, NULL,
                          pl->spec->stop_flag};
        int rc = bt_vx_eval(pl->vx, &job, pl->params, pl->ptypes, m, pl->values, pl->escaped, err);
        if (bt_job_stopping(&job))
            return CHUNK_STOPPED;
        if (rc)
            return rc;
        for (size_t q = 0; q < m; q++)
            if (!pl->escaped[q]) {
                slots[pl->where[q]].done = 1;
                memcpy(pl->slot_vals + pl->where[q] * nk, pl->values + q * nk, nk * sizeof *pl->values);
            }
    }
    if (!pl->eval) {
        size_t left = 0; /* combinations for the interpreter: a thread each at most */
        for (size_t j = 0; j < count; j++)
            left += slots[j].admissible && !slots[j].done;
        const int rthreads = bt_team_size(threads, left);
        (void)rthreads;
#ifdef BTGPU_HAVE_OPENMP
#pragma omp parallel for schedule(dynamic, 1) num_threads(rthreads) reduction(| : failed)
#endif
        for (size_t j = 0; j < count; j++)
            if (slots[j].admissible && !slots[j].done && !bt_stop_raised(pl->spec->stop_flag)) {
                slots[j].status = eval_reference(pl, slots[j].values, slots[j].types, pl->slot_vals + j * nk, NULL);
                failed |= slots[j].status != BT_OK;
            }
        if (bt_stop_raised(pl->spec->stop_flag))
            return CHUNK_STOPPED;
        if (failed)
            for (size_t j = 0; j < count; j++)
                if (slots[j].status)
                    return eval_reference(pl, slots[j].values, slots[j].types, pl->slot_vals + j * nk, err);
        rank_values(pl, slots, count);
        return BT_OK;
    }

    const size_t np = pl->spec->strategy->n_params;
    size_t m = 0;
    for (size_t j = 0; j < count; j++)
        if (slots[j].admissible) {
            to_params(pl, slots[j].values, slots[j].types, pl->params + m * np, NULL);
            pl->where[m++] = j;
        }
    bt_cpu_job job = {pl->spec->series, pl->spec->options, &pl->cal, pl->keys, nk, threads, pl->cl, pl->cuda,
                      pl->spec->stop_flag};
    int rc = pl->eval(&job, pl->params, m, pl->values, err);
    if (bt_job_stopping(&job))
        return CHUNK_STOPPED;
    for (size_t q = 0; q < m && rc == BT_OK; q++)
        memcpy(pl->slot_vals + pl->where[q] * nk, pl->values + q * nk, nk * sizeof *pl->values);
    if (rc == BT_OK)
        rank_values(pl, slots, count);
    return rc;
}

int bt_list_devices(FILE *f, bt_error *err)
{
    bt_error cuda_err = {0};
    int rc_cl = bt_cl_list_devices(f, err);
    int rc_cuda = bt_cuda_list_devices(f, &cuda_err);
    if (rc_cl && rc_cuda == BT_OK)
        return BT_OK; /* CUDA devices only */
    return rc_cl;
}

/* The native twin accepts every combination (bt_strategy_check_params: its
 * windows are whole numbers >= 1), each written as an int, as the
 * interpreter would take it without raising. */
static int twin_takes_grid(const bt_optimize_spec *spec, const plan *pl, const bt_strategy_info *twin)
{
    const bt_strategy_info *st = spec->strategy;
    for (size_t p = 0; p < st->n_params; p++)
        if (st->param_types[p] != BT_PTYPE_INT)
            return 0;
    for (size_t q = 0; q < spec->grid->n_params; q++) {
        const bt_param_spec *g = &spec->grid->params[q];
        for (size_t k = 0; g->types && k < g->n_values; k++)
            if (g->types[k] != BT_PTYPE_INT)
                return 0;
    }
    return check_swept(spec, pl, twin, NULL) == BT_OK;
}

/* Chooses the engine: sets pl->eval / pl->cl and out->backend_used/note. */
static int choose_backend(const bt_optimize_spec *spec, plan *pl, bt_optimize_result *out, bt_error *err)
{
    const char *dev = spec->device ? spec->device : getenv("BTGPU_DEVICE");
    snprintf(out->backend_used, sizeof out->backend_used, "cpu");
    /* a class with a native strategy's program runs on its kernels (cpu, opencl, cuda, auto), with
     * the same bytes, when every window is a whole number >= 1 (the interpreter raises what pandas
     * raises for the others); --backend reference stays the interpreter */
    const bt_strategy_info *twin = pl->impl ? NULL : bt_strategy_native_twin(spec->strategy);
    const char *vx = getenv("BTGPU_VX");
    if (twin && spec->backend != BT_BACKEND_REFERENCE && twin_takes_grid(spec, pl, twin) && (!vx || strcmp(vx, "0") != 0)) {
        pl->impl = bt_strategy_impl_of(twin);
        if (getenv("BTGPU_VX_WHY"))
            fprintf(stderr, "btgpu: the strategy is built-in %s's program: its native kernel runs the grid\n",
                    twin->name);
    }
    if (!pl->impl) {
        /* a compiled strategy: its interpreter, in parallel over the
         * combinations (eval_chunk's reference path) */
        pl->eval = NULL;
        if (spec->backend == BT_BACKEND_OPENCL || spec->backend == BT_BACKEND_CUDA)
            return bt_error_set(err, BT_ERR_USAGE, "--backend %s: strategy '%s' is compiled from a Python file; "
                                "only --backend cpu and reference run it so far",
                                spec->backend == BT_BACKEND_OPENCL ? "opencl" : "cuda", spec->strategy->name);
        if (spec->backend == BT_BACKEND_REFERENCE) {
            snprintf(out->backend_used, sizeof out->backend_used, "reference");
            return BT_OK;
        }
        /* the vector executor where it lowers next() (BTGPU_VX=0: the interpreter only) */
        if (!vx || strcmp(vx, "0") != 0) {
            char why[256] = "";
            pl->vx = bt_vx_prepare(spec->strategy->compiled, why, sizeof why);
            if (!pl->vx && getenv("BTGPU_VX_WHY"))
                fprintf(stderr, "btgpu: vector executor: %s\n", why[0] ? why : "out of memory");
        }
        return BT_OK;
    }
    pl->eval = pl->impl->cpu_eval;
    if (spec->backend == BT_BACKEND_REFERENCE) {
        snprintf(out->backend_used, sizeof out->backend_used, "reference");
        pl->eval = NULL;
        return BT_OK;
    }
    if (spec->backend == BT_BACKEND_CPU)
        return BT_OK;
    /* keys that need a logarithm per bar or per trade stay on the CPU: no
     * device is opened for them */
    if (pl->cal.ctx.groups & (BT_ACC_BETA | BT_ACC_TRADE_LOG)) {
        size_t k = 0;
        while (k + 1 < pl->nk && !(bt_acc_groups_for(pl->keys[k]) & (BT_ACC_BETA | BT_ACC_TRADE_LOG)))
            k++;
        if (spec->backend != BT_BACKEND_AUTO)
            snprintf(out->note, sizeof out->note, "'%s' needs correctly rounded logarithms, which OpenCL and CUDA "
                     "do not promise; it was evaluated by the CPU backend", bt_stat_name(pl->keys[k]));
        return BT_OK;
    }
    switch (spec->backend) {
    case BT_BACKEND_OPENCL: {
        int rc = bt_cl_open(dev, 0, spec->series, &pl->cal, &pl->cl, err);
        if (rc)
            return rc;
        break;
    }
    case BT_BACKEND_CUDA: {
        int rc = bt_cuda_open(dev, spec->series, &pl->cal, &pl->cuda, err);
        if (rc)
            return rc;
        break;
    }
    default: { /* BT_BACKEND_AUTO: a CUDA GPU, else an OpenCL GPU, else the CPU */
        bt_error why = {0};
        if ((!dev || strncmp(dev, "cuda:", 5) == 0) &&
            bt_cuda_open(dev, spec->series, &pl->cal, &pl->cuda, &why) == BT_OK)
            break;
        if (bt_cl_open(dev, dev ? 0 : 1, spec->series, &pl->cal, &pl->cl, &why) != BT_OK) {
            if (!strstr(why.msg, "no OpenCL GPU"))
                snprintf(out->note, sizeof out->note, "backend auto: %s; using the CPU backend", why.msg);
            return BT_OK;
        }
        break;
    }
    }
    if (pl->cuda) {
        snprintf(out->backend_used, sizeof out->backend_used, "cuda (%s)", bt_cuda_device_name(pl->cuda));
        pl->eval = pl->impl->cuda_eval;
    } else {
        snprintf(out->backend_used, sizeof out->backend_used, "opencl (%s)", bt_cl_device_name(pl->cl));
        pl->eval = pl->impl->opencl_eval;
    }
    return BT_OK;
}

static double wall_seconds(void)
{
    struct timespec ts;
    timespec_get(&ts, TIME_UTC); /* C11; only chunk sizes depend on it */
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* A chunk of `want` combinations within [least, chunk], or the fixed size when one is set. */
static size_t chunk_size(double want, size_t least, size_t chunk, size_t fixed)
{
    if (fixed)
        return fixed < chunk ? fixed : chunk;
    return want >= (double)chunk ? chunk : want <= (double)least ? (least < chunk ? least : chunk) : (size_t)want;
}

/* Chunk sizes from the chunks' measured times: the next chunk takes about
 * CHUNK_SECONDS at the last chunk's rate, and it doubles instead (up to
 * CHUNK_MAX_SECONDS) while a larger chunk has proved cheaper per combination
 * (an engine's fixed cost per chunk, such as indicator tables over a long
 * series, is shared by more combinations). A stop request does not wait for
 * the chunk's end (stop_flag), so the sizes only pace the progress reports. */
#define CHUNK_SECONDS 0.5
#define CHUNK_MAX_SECONDS 4.0
typedef struct chunk_pace {
    double count, per; /* the previous chunk's combinations and seconds per combination (count 0: none yet) */
} chunk_pace;

static double next_chunk(chunk_pace *p, double count, double secs)
{
    const double per = secs / count;
    double want = CHUNK_SECONDS / per;
    /* the first chunk, or one that paid off: try twice its size */
    const int grow = p->count == 0 || (count >= 1.5 * p->count && per < 0.85 * p->per);
    if (grow && 2 * secs <= CHUNK_MAX_SECONDS && want < 2 * count)
        want = 2 * count;
    p->count = count;
    p->per = per;
    return want < 16 * count ? want : 16 * count;
}

/* The least chunk an engine runs efficiently. The CPU kernels need several
 * blocks of lanes per thread, and compute their indicator tables over the
 * whole series for every chunk (a chunk of one row of an n1 x n2 grid
 * computes almost every n2 window for a few lanes); a GPU wants thousands of
 * work-items per launch. The reference engine runs one combination at a
 * time. A stop request does not wait for the chunk (stop_flag). */
static size_t least_chunk(const plan *pl)
{
    if (pl->cl || pl->cuda)
        return 16384;
    if (pl->eval || pl->vx)
        return 1024 * (size_t)(pl->threads > 0 ? pl->threads : 1);
    return 16;
}

/* Keeps the k best (value desc, then index asc) in out->top[0..n_top). */
void bt_top_offer(bt_optimize_result *out, size_t k, uint64_t index, const double *values, const int *types,
                      double value)
{
    if (k == 0 || value != value)
        return;
    size_t n = out->n_top;
    if (n == k && !(value > out->top[n - 1].value))
        return; /* not better than the k-th (ties keep the earlier combination) */
    size_t at = n < k ? n : k - 1;
    while (at > 0 && value > out->top[at - 1].value) {
        if (at < k)
            out->top[at] = out->top[at - 1];
        at--;
    }
    bt_top_entry *e = &out->top[at];
    memset(e, 0, sizeof *e);
    e->index = index;
    e->value = value;
    memcpy(e->values, values, sizeof e->values);
    memcpy(e->types, types, sizeof e->types);
    if (n < k)
        out->n_top++;
}

void bt_optimize_result_free(bt_optimize_result *r)
{
    if (!r)
        return;
    for (size_t t = 0; r->top && t < r->n_top; t++)
        bt_run_free(&r->top[t].run);
    free(r->top);
    bt_run_free(&r->best_run);
    memset(r, 0, sizeof *r);
}

/* The search's working memory beyond the loaded series, estimated before
 * anything is allocated: the chunk buffers, the k best entries (and their
 * runs when kept), the best run and its statistics, and per thread the runs
 * the reference engine or the interpreter hold (a compiled strategy's
 * indicator arrays), or the vector executor's init() values. */
static int check_memory(const bt_optimize_spec *spec, const plan *pl, size_t chunk, int threads, bt_error *err)
{
    const double n = (double)spec->series->n, np = (double)spec->strategy->n_params, nk = (double)pl->nk;
    const double run = n * 48.0; /* equity, trades and the statistics' per-bar arrays */
    double need = (double)chunk * ((double)sizeof(combo_slot) + np * 12 + nk * 16 + sizeof(size_t) + 1);
    need += (double)spec->top_k * ((double)sizeof(bt_top_entry) + (spec->keep_top_runs ? run : 0));
    need += run;
    const bt_compiled *c = spec->strategy->compiled;
    double per_thread = run + (c ? (double)c->n_attrs * n * 8 : 0);
    need += (double)threads * per_thread;
    if (pl->vx)
        need += (double)((size_t)256 << 20); /* the executor's init() budget (bt_vx_eval) */
    char what[160];
    snprintf(what, sizeof what, "the search (%.0f bars, %s%zu best kept)", n,
             spec->keep_top_runs ? "with the runs of the " : "", spec->top_k);
    return bt_memory_check(need >= 1.8e19 ? UINT64_MAX : (uint64_t)need, what, err);
}

int bt_optimize(const bt_optimize_spec *spec, bt_optimize_result *out, bt_error *err)
{
    int rc = BT_OK;
    plan pl = {0};
    combo_slot *slots = NULL;
    const bt_grid *g = spec->grid;
    int threads = spec->threads;

    memset(out, 0, sizeof *out);
    if (spec->maximize < 0 || spec->maximize >= BT_N_STATS)
        return bt_error_set(err, BT_ERR_USAGE, "unknown statistic to maximize");
    rc = bt_options_validate(spec->options, err);
    if (rc)
        return rc;
    rc = make_plan(spec, &pl, err);
    if (rc)
        return rc;
    if ((rc = plan_keys(spec, &pl, err)))
        return rc;
    int groups = 0;
    for (size_t k = 0; k < pl.nk; k++)
        groups |= bt_acc_groups_for(pl.keys[k]);
    rc = bt_calendar_make(spec->series, spec->options->cash, groups, &pl.cal, err);
    if (rc)
        return rc;
    if ((rc = choose_backend(spec, &pl, out, err)))
        goto done;
#ifdef BTGPU_HAVE_OPENMP
    if (threads <= 0)
        threads = omp_get_max_threads();
#endif
    if (threads <= 0)
        threads = 1;

    uint64_t total = g->n_params ? g->n_product : 1;
    const uint64_t grid_total = total; /* the whole grid (total becomes the part's end) */
    const uint64_t begin = spec->range_end ? spec->range_begin : 0;
    if (spec->range_end) {
        if (spec->range_begin >= spec->range_end || spec->range_end > total) {
            rc = bt_error_set(err, BT_ERR_USAGE, "a part of the grid: [%llu, %llu) of %llu combinations",
                              (unsigned long long)spec->range_begin, (unsigned long long)spec->range_end,
                              (unsigned long long)total);
            goto done;
        }
        total = spec->range_end;
    }
    size_t chunk = total - begin < CHUNK ? (size_t)(total - begin) : CHUNK;
    pl.threads = threads;
    if ((rc = check_memory(spec, &pl, chunk, threads, err)))
        goto done;
    slots = calloc(chunk ? chunk : 1, sizeof *slots);
    pl.params = malloc((chunk ? chunk : 1) * (spec->strategy->n_params ? spec->strategy->n_params : 1) *
                       sizeof *pl.params);
    pl.values = malloc((chunk ? chunk : 1) * pl.nk * sizeof *pl.values);
    pl.slot_vals = malloc((chunk ? chunk : 1) * pl.nk * sizeof *pl.slot_vals);
    pl.hs_row = malloc((spec->n_heatmap_stats ? spec->n_heatmap_stats : 1) * sizeof *pl.hs_row);
    pl.where = malloc((chunk ? chunk : 1) * sizeof *pl.where);
    pl.ptypes = malloc((chunk ? chunk : 1) * (spec->strategy->n_params ? spec->strategy->n_params : 1) *
                       sizeof *pl.ptypes);
    pl.escaped = malloc(chunk ? chunk : 1);
    if (spec->top_k && spec->top_k > SIZE_MAX / sizeof *out->top) {
        rc = bt_error_set(err, BT_ERR_USAGE, "--top %zu is too large", spec->top_k);
        goto done;
    }
    out->top = spec->top_k ? calloc(spec->top_k, sizeof *out->top) : NULL;
    if (!slots || !pl.params || !pl.values || !pl.slot_vals || !pl.hs_row || !pl.where || !pl.ptypes || !pl.escaped || (spec->top_k && !out->top)) {
        rc = bt_error_set(err, BT_ERR_RANGE, "cannot allocate the working memory for %zu combinations", chunk);
        goto done;
    }

    if (spec->randomized) {
        bt_rng_seed(&pl.rng, spec->random_state);
        if (spec->range_end)
            bt_rng_advance(&pl.rng, spec->rng_skip); /* the draws of the admissible combinations before the part */
        double m = spec->max_tries;
        if (m == 0)
            pl.frac = 1;
        else if (m > 0 && m <= 1)
            pl.frac = m;
        else {
            uint64_t size = grid_total;
            if (size < 10000 && (g->constraint || g->mask)) { /* backtesting.py counts the admissible ones */
                size = 0;
                double v[BT_MAX_PARAMS];
                int t[BT_MAX_PARAMS], ok = 0;
                for (uint64_t k = 0; k < grid_total; k++) {
                    bt_grid_decode_types(g, k, v, t);
                    if ((rc = admissible_at(g, k, v, &ok, err)))
                        goto done;
                    size += ok != 0;
                }
            }
            if (size == 0) {
                rc = bt_error_set(err, BT_ERR_USAGE, "no admissible combination: the constraint rejects all %llu "
                                  "combinations", (unsigned long long)grid_total);
                goto done;
            }
            pl.frac = m / (double)size;
        }
        out->sample_frac = pl.frac;
    }
    int have_best = 0;
    uint64_t first_index = 0, rejected_run = 0;
    double first_values[BT_MAX_PARAMS] = {0};
    int first_types[BT_MAX_PARAMS] = {0};
    /* chunks paced by next_chunk (at most `chunk`): progress is seen every few seconds at most,
     * whatever a combination costs; the results do not depend on it */
    /* the first chunk: about 2^21 bar*combinations (976 combinations of 2,148 bars), small enough
     * for the slowest engine to report progress within a second, large enough that small grids
     * (and a GPU's launches) take one chunk */
    const size_t n_bars = spec->series->n ? spec->series->n : 1;
    const char *fixed = getenv("BTGPU_CHUNK"); /* tests: a fixed chunk size (results must not depend on it) */
    const size_t fixed_step = fixed && atol(fixed) > 0 ? (size_t)atol(fixed) : 0;
    const size_t least = least_chunk(&pl);
    size_t step = chunk_size((double)((size_t)1 << 21) / (double)n_bars, least, chunk, fixed_step), count = 0;
    chunk_pace pace = {0, 0};
    for (uint64_t k0 = begin; k0 < total; k0 += count) {
        count = (total - k0) < step ? (size_t)(total - k0) : step;
        const double t_chunk = wall_seconds();
        const uint64_t n_passing = pl.n_passing;
        if ((rc = eval_chunk(&pl, k0, count, slots, err)) == CHUNK_STOPPED) {
            rc = BT_OK; /* the search as if the grid ended at k0 */
            pl.n_passing = n_passing;
            out->stopped = 1;
            out->n_done = k0;
            break;
        }
        if (rc)
            goto done;
        const double dt = wall_seconds() - t_chunk;
        step = chunk_size(dt > 0 ? next_chunk(&pace, (double)count, dt) : (double)chunk, least, chunk, fixed_step);
        /* no short last chunk: the engine's fixed cost per chunk (indicator tables over the whole
         * series) would be paid again for a few combinations; the rest in one, at most twice the size */
        const uint64_t left = total - (k0 + count);
        if (!fixed_step && left > step && left <= 2 * (uint64_t)step && left <= chunk)
            step = (size_t)left;
        for (size_t j = 0; j < count; j++) {
            combo_slot *s = &slots[j];
            rejected_run = s->passes ? 0 : rejected_run + 1;
            if (!s->admissible)
                continue;
            if (out->n_admissible++ == 0) {
                first_index = k0 + j;
                memcpy(first_values, s->values, sizeof first_values);
                memcpy(first_types, s->types, sizeof first_types);
            }
            if (s->value != s->value) {
                const double raw = pl.slot_vals[j * pl.nk];
                if (raw != raw)
                    out->n_no_trades++;
                else
                    out->n_few_trades++; /* below min_trades */
            }
            else if (!have_best || s->value > out->best_value) {
                have_best = 1;
                out->best_value = s->value;
                out->best_index = k0 + j;
                memcpy(out->best_values, s->values, sizeof out->best_values);
                memcpy(out->best_types, s->types, sizeof out->best_types);
            }
            bt_top_offer(out, spec->top_k, k0 + j, s->values, s->types, s->value);
            if (spec->on_stats_row) {
                for (size_t h = 0; h < spec->n_heatmap_stats; h++)
                    pl.hs_row[h] = pl.slot_vals[j * pl.nk + pl.hs_col[h]];
                if ((rc = spec->on_stats_row(spec->on_row_ctx, s->values, s->types, s->value, pl.hs_row)) != BT_OK)
                    goto done;
            }
            if (spec->on_typed_row &&
                (rc = spec->on_typed_row(spec->on_row_ctx, s->values, s->types, s->value)) != BT_OK)
                goto done;
            if (spec->on_row && (rc = spec->on_row(spec->on_row_ctx, s->values, s->value)) != BT_OK)
                goto done;
        }
        bt_progress info = {k0 + count, total, out->n_admissible, rejected_run};
        int stop = spec->on_progress_info && spec->on_progress_info(spec->on_progress_ctx, &info) != 0;
        stop |= spec->on_progress && spec->on_progress(spec->on_progress_ctx, k0 + count, total) != 0;
        if (stop && k0 + count < total) {
            out->stopped = 1;
            out->n_done = k0 + count;
            break;
        }
    }
    if (!out->stopped)
        out->n_done = total;
    if (out->stopped && out->n_admissible == 0) {
        rc = bt_error_set(err, BT_ERR_INTERRUPTED, "the search was stopped before any admissible combination finished "
                          "(%llu of %llu done)", (unsigned long long)out->n_done, (unsigned long long)total);
        goto done;
    }
    out->n_passing = pl.n_passing;
    if (spec->partial)
        goto done; /* the rows and the counts only */
    if (out->n_admissible == 0 && spec->randomized && pl.n_passing > 0) {
        rc = bt_error_set(err, BT_ERR_USAGE, "no combination sampled: none of the %llu admissible combinations drew "
                          "<= %.17g (max_tries %.17g)", (unsigned long long)pl.n_passing, pl.frac, spec->max_tries);
        goto done;
    }
    if (out->n_admissible == 0) {
        rc = bt_error_set(err, BT_ERR_USAGE, "no admissible combination: the constraint rejects all %llu combinations",
                          (unsigned long long)total);
        goto done;
    }
    if (!have_best) { /* all NaN: backtesting.py returns the first combination */
        out->best_index = first_index;
        out->best_value = NAN;
        memcpy(out->best_values, first_values, sizeof first_values);
        memcpy(out->best_types, first_types, sizeof first_types);
    }
    /* the heatmap's per-bar calendar is done with: free it before the full runs
     * (and bt_stats_compute) need their per-bar memory */
    bt_calendar_free(&pl.cal);
    for (size_t t = 0; t < out->n_top && rc == BT_OK; t++) { /* full statistics of the k best */
        bt_top_entry *e = &out->top[t];
        bt_run run = {0};
        to_params(&pl, e->values, e->types, e->params, e->param_types);
        rc = spec->keep_top_runs ? run_full(spec, e->params, e->param_types, &run, err)
                                 : run_one(spec, e->params, e->param_types, &run, err);
        if (rc == BT_OK)
            rc = bt_stats_compute(spec->series, &run, &e->stats, err);
        if (spec->keep_top_runs)
            e->run = run;
        else
            bt_run_free(&run);
    }
    if (rc)
        goto done;
    to_params(&pl, out->best_values, out->best_types, out->best_params, out->best_param_types);
    rc = run_full(spec, out->best_params, out->best_param_types, &out->best_run, err);
    if (rc == BT_OK)
        rc = bt_stats_compute(spec->series, &out->best_run, &out->best_stats, err);

done:
    free(slots);
    free(pl.params);
    free(pl.values);
    free(pl.slot_vals);
    free(pl.hs_row);
    free(pl.where);
    free(pl.ptypes);
    free(pl.escaped);
    bt_vx_free(pl.vx);
    bt_calendar_free(&pl.cal);
    bt_cl_close(pl.cl);
    bt_cuda_close(pl.cuda);
    if (rc)
        bt_optimize_result_free(out);
    return rc;
}
