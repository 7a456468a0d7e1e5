/* The grid spread over processes with MPI (mpirun -n K btgpu ...).
 *
 * The product indices are cut into blocks of a fixed size; rank r evaluates
 * blocks r, r + K, r + 2K, ... (interleaved, so every rank gets early and
 * late parts of the grid) and sends each block's rows to rank 0 as soon as
 * it is done. Rank 0 takes the blocks in grid order, its own and the
 * others', and hands every row to the same sinks a one-process search feeds
 * (the heatmap streams in grid order; one block is held at a time on every
 * rank), keeps the first maximum and the k best, and re-runs those for their
 * full statistics, so every output has the bytes of a one-process run. A
 * failing rank sends its message instead of a block; rank 0 prints it and
 * stops every rank. */
#define _DEFAULT_SOURCE /* readlink */
#include "cli_run.h"
#include "topk.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* started by an MPI launcher (mpirun, srun) */
static __attribute__((unused)) int launched(void)
{
    return getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMI_SIZE") || getenv("PMIX_RANK") || getenv("PMI_RANK");
}

#ifdef BTGPU_HAVE_MPI
#include <math.h>
#include <mpi.h>

static int g_rank, g_size = 1, g_active;
static int g_pending; /* rank 0 left blocks unreceived: the workers may be waiting to send */

int bt_cli_mpi_init(int *argc, char ***argv)
{
    /* only under a launcher: a plain btgpu-mpi stays one process without MPI's start-up */
    if (!launched())
        return 0;
    int inited = 0;
    MPI_Initialized(&inited);
    if (!inited && MPI_Init(argc, argv) != MPI_SUCCESS)
        return -1;
    MPI_Comm_rank(MPI_COMM_WORLD, &g_rank);
    MPI_Comm_size(MPI_COMM_WORLD, &g_size);
    g_active = 1;
    return g_rank;
}

int bt_cli_mpi_size(void) { return g_size; }
int bt_cli_mpi_rank(void) { return g_rank; }

void bt_cli_mpi_finalize(void)
{
    if (g_active)
        MPI_Finalize();
    g_active = 0;
}

void bt_cli_mpi_abort(int code)
{
    if (g_active && g_size > 1 && g_pending)
        MPI_Abort(MPI_COMM_WORLD, code);
}

/* One block's rows: per row the parameter values and types, the value and
 * the extra statistics, packed as doubles (types as doubles too). */
typedef struct block {
    size_t n, cap, width; /* width doubles per row */
    double *d;
    double counts[7]; /* status, n_admissible, n_no_trades, n_few_trades, rows, n_passing, sample_frac */
    char msg[sizeof(((bt_error *)0)->msg)];
} block;

typedef struct sink_ctx {
    block *b;
    size_t np, nh;
} sink_ctx;

static int grow(block *b)
{
    if (b->n < b->cap)
        return 0;
    size_t cap = b->cap ? 2 * b->cap : 1024;
    double *d = realloc(b->d, cap * b->width * sizeof *d);
    if (!d)
        return -1;
    b->d = d;
    b->cap = cap;
    return 0;
}

static int collect(void *ctx, const double *values, const int *types, double value, const double *stats)
{
    sink_ctx *c = ctx;
    if (grow(c->b))
        return BT_ERR_NOMEM;
    double *r = c->b->d + c->b->n++ * c->b->width;
    for (size_t p = 0; p < c->np; p++) {
        r[p] = values[p];
        r[c->np + p] = types[p];
    }
    r[2 * c->np] = value;
    for (size_t h = 0; h < c->nh; h++)
        r[2 * c->np + 1 + h] = stats[h];
    return BT_OK;
}

static int collect_typed(void *ctx, const double *values, const int *types, double value)
{
    return collect(ctx, values, types, value, NULL);
}

/* Evaluates product indices [k0, k1) into b (rows and counts, or the error). */
static void eval_block(const bt_optimize_spec *spec, uint64_t k0, uint64_t k1, uint64_t skip, block *b)
{
    const size_t np = spec->grid->n_params;
    sink_ctx c = {b, np, spec->n_heatmap_stats};
    bt_optimize_spec part = *spec;
    part.range_begin = k0;
    part.range_end = k1;
    part.rng_skip = skip;
    part.partial = 1;
    part.top_k = 0;
    part.keep_top_runs = 0;
    part.on_row = NULL;
    part.on_typed_row = spec->n_heatmap_stats ? NULL : collect_typed;
    part.on_stats_row = spec->n_heatmap_stats ? collect : NULL;
    part.on_row_ctx = &c;
    part.on_progress = NULL;
    part.on_progress_info = NULL;
    bt_optimize_result r = {0};
    bt_error err = {0};
    b->n = 0;
    int rc = bt_optimize(&part, &r, &err);
    b->counts[0] = rc;
    b->counts[1] = (double)r.n_admissible;
    b->counts[2] = (double)r.n_no_trades;
    b->counts[3] = (double)r.n_few_trades;
    b->counts[4] = (double)b->n;
    b->counts[5] = (double)r.n_passing;
    b->counts[6] = r.sample_frac;
    snprintf(b->msg, sizeof b->msg, "%s", rc ? err.msg : r.backend_used);
    bt_optimize_result_free(&r);
}

enum { TAG_HEAD = 1, TAG_ROWS = 2, TAG_MSG = 3 };

static void send_block(const block *b)
{
    MPI_Send(b->counts, 7, MPI_DOUBLE, 0, TAG_HEAD, MPI_COMM_WORLD);
    MPI_Send(b->msg, (int)sizeof b->msg, MPI_CHAR, 0, TAG_MSG, MPI_COMM_WORLD);
    if (b->n)
        MPI_Send(b->d, (int)(b->n * b->width), MPI_DOUBLE, 0, TAG_ROWS, MPI_COMM_WORLD);
}

static int recv_block(int from, block *b)
{
    MPI_Recv(b->counts, 7, MPI_DOUBLE, from, TAG_HEAD, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    MPI_Recv(b->msg, (int)sizeof b->msg, MPI_CHAR, from, TAG_MSG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    const size_t need = (size_t)b->counts[4];
    if (need > b->cap) {
        double *d = realloc(b->d, need * b->width * sizeof *d);
        if (!d)
            return -1;
        b->d = d;
        b->cap = need;
    }
    b->n = need;
    if (b->n)
        MPI_Recv(b->d, (int)(b->n * b->width), MPI_DOUBLE, from, TAG_ROWS, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    return 0;
}

/* One combination's full run and statistics (a one-combination search). */
static int run_combo(const bt_optimize_spec *spec, const double *values, const int *types, bt_optimize_result *r,
                     bt_error *err)
{
    bt_grid one = {0};
    int rc = BT_OK;
    for (size_t p = 0; p < spec->grid->n_params && rc == BT_OK; p++) {
        char v[64], text[128];
        bt_format_param(values[p], types[p], v, sizeof v);
        snprintf(text, sizeof text, "%s=%s", spec->grid->params[p].name, v);
        rc = bt_grid_add_param(&one, text, err);
    }
    bt_optimize_spec s1 = {.series = spec->series, .strategy = spec->strategy, .grid = &one, .options = spec->options,
                           .maximize = spec->maximize, .backend = BT_BACKEND_REFERENCE, .threads = 1,
                           .keep_indicators = spec->keep_indicators};
    if (rc == BT_OK)
        rc = bt_optimize(&s1, r, err);
    bt_grid_free(&one);
    return rc;
}

int bt_cli_mpi_optimize(const bt_optimize_spec *spec, bt_optimize_result *out, bt_error *err)
{
    if (g_size <= 1)
        return bt_optimize(spec, out, err);
    memset(out, 0, sizeof *out);
    const bt_grid *g = spec->grid;
    const size_t np = g->n_params, nh = spec->n_heatmap_stats;
    const uint64_t total = np ? g->n_product : 1;
    const size_t bars = spec->series->n ? spec->series->n : 1;
    uint64_t bs = ((uint64_t)1 << 24) / bars; /* about 2^24 bar*combinations a block; the same on every rank */
    bs = bs < 64 ? 64 : bs > 65536 ? 65536 : bs;
    const uint64_t nblocks = (total + bs - 1) / bs;
    block b = {0};
    b.width = 2 * np + 1 + nh;
    /* a randomized grid draws once per admissible combination, in grid order: each block's draws start
     * after those of the blocks before it, counted first (every rank its own blocks, then summed) */
    uint64_t *skip = NULL;
    if (spec->randomized) {
        if (nblocks > 10000000)
            return bt_error_set(err, BT_ERR_RANGE, "--max-tries over %llu blocks of %llu combinations under MPI: "
                                "too many to count; run it in one process", (unsigned long long)nblocks,
                                (unsigned long long)bs);
        skip = calloc(nblocks + 1, sizeof *skip);
        if (!skip)
            return bt_error_set(err, BT_ERR_NOMEM, "out of memory");
        int bad = 0;
        double vals[BT_MAX_PARAMS];
        for (uint64_t k = (uint64_t)g_rank; k < nblocks && !bad; k += (uint64_t)g_size)
            for (uint64_t j = k * bs; j < (k + 1) * bs && j < total; j++) {
                int ok = 0;
                bt_grid_decode(g, j, vals);
                if (bt_grid_admissible(g, vals, &ok, NULL)) {
                    bad = 1; /* the search itself reports the combination */
                    break;
                }
                skip[k + 1] += ok != 0;
            }
        MPI_Allreduce(MPI_IN_PLACE, skip, (int)(nblocks + 1), MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD);
        for (uint64_t k = 1; k <= nblocks; k++)
            skip[k] += skip[k - 1];
    }
    if (g_rank != 0) { /* a worker: its blocks, then done */
        for (uint64_t k = (uint64_t)g_rank; k < nblocks; k += (uint64_t)g_size) {
            eval_block(spec, k * bs, (k + 1) * bs < total ? (k + 1) * bs : total, skip ? skip[k] : 0, &b);
            send_block(&b);
            if (b.counts[0] != BT_OK)
                break;
        }
        free(b.d);
        free(skip);
        return BT_OK;
    }
    /* rank 0: every block in grid order */
    if (spec->top_k && !(out->top = calloc(spec->top_k, sizeof *out->top)))
        return bt_error_set(err, BT_ERR_NOMEM, "out of memory");
    int rc = BT_OK, have_best = 0, first = 1;
    g_pending = 1;
    double hrow[4 * BT_N_STATS];
    int types[BT_MAX_PARAMS] = {0};
    for (uint64_t k = 0; k < nblocks && rc == BT_OK; k++) {
        const int from = (int)(k % (uint64_t)g_size);
        const uint64_t k0 = k * bs, k1 = (k + 1) * bs < total ? (k + 1) * bs : total;
        if (from == 0)
            eval_block(spec, k0, k1, skip ? skip[k] : 0, &b);
        else if (recv_block(from, &b))
            return bt_error_set(err, BT_ERR_NOMEM, "out of memory for a block of rank %d", from);
        if (b.counts[0] != BT_OK) {
            if (from)
                rc = bt_error_set(err, (int)b.counts[0], "rank %d: %s", from, b.msg);
            else
                rc = bt_error_set(err, (int)b.counts[0], "%s", b.msg);
            break;
        }
        if (k == 0)
            snprintf(out->backend_used, sizeof out->backend_used, "%.120s (%d MPI ranks)", b.msg, g_size);
        out->n_admissible += (uint64_t)b.counts[1];
        out->n_no_trades += (uint64_t)b.counts[2];
        out->n_few_trades += (uint64_t)b.counts[3];
        out->n_passing += (uint64_t)b.counts[5];
        out->sample_frac = b.counts[6];
        for (size_t r = 0; r < b.n && rc == BT_OK; r++) {
            const double *row = b.d + r * b.width, value = row[2 * np];
            for (size_t p = 0; p < np; p++)
                types[p] = (int)row[np + p];
            for (size_t h = 0; h < nh; h++)
                hrow[h] = row[2 * np + 1 + h];
            if (first) { /* all NaN: the first admissible combination, as in backtesting.py */
                first = 0;
                memcpy(out->best_values, row, np * sizeof *row);
                memcpy(out->best_types, types, np * sizeof *types);
                out->best_value = NAN;
            }
            if (value == value && (!have_best || value > out->best_value)) {
                have_best = 1;
                out->best_value = value;
                memcpy(out->best_values, row, np * sizeof *row);
                memcpy(out->best_types, types, np * sizeof *types);
            }
            double vals[BT_MAX_PARAMS] = {0};
            memcpy(vals, row, np * sizeof *row);
            bt_top_offer(out, spec->top_k, 0, vals, types, value); /* (the product index is not sent) */
            if (spec->on_stats_row)
                rc = spec->on_stats_row(spec->on_row_ctx, row, types, value, hrow);
            if (rc == BT_OK && spec->on_typed_row)
                rc = spec->on_typed_row(spec->on_row_ctx, row, types, value);
            if (rc == BT_OK && spec->on_row)
                rc = spec->on_row(spec->on_row_ctx, row, value);
        }
        bt_progress info = {k1, total, out->n_admissible, 0};
        if (rc == BT_OK && spec->on_progress_info && spec->on_progress_info(spec->on_progress_ctx, &info) && k1 < total) {
            out->stopped = 1;
            out->n_done = k1;
            break;
        }
    }
    free(b.d);
    free(skip);
    if (rc)
        return rc;
    if (!out->stopped) {
        out->n_done = total;
        g_pending = 0; /* every block received: the workers are done */
    }
    if (out->n_admissible == 0 && spec->randomized && out->n_passing > 0 && !out->stopped)
        return bt_error_set(err, BT_ERR_USAGE, "no combination sampled: none of the %llu admissible combinations drew "
                            "<= %.17g (max_tries %.17g)", (unsigned long long)out->n_passing, out->sample_frac,
                            spec->max_tries);
    if (out->n_admissible == 0)
        return bt_error_set(err, out->stopped ? BT_ERR_INTERRUPTED : BT_ERR_USAGE, out->stopped
                            ? "the search was stopped before any admissible combination finished (%llu of %llu done)"
                            : "no admissible combination: the constraint rejects all %llu combinations",
                            (unsigned long long)(out->stopped ? out->n_done : total), (unsigned long long)total);
    /* the full statistics of the k best and of the best, on rank 0 */
    for (size_t t = 0; t < out->n_top && rc == BT_OK; t++) {
        bt_top_entry *e = &out->top[t];
        bt_optimize_result r = {0};
        if ((rc = run_combo(spec, e->values, e->types, &r, err)) == BT_OK) {
            memcpy(e->params, r.best_params, sizeof e->params);
            memcpy(e->param_types, r.best_param_types, sizeof e->param_types);
            e->stats = r.best_stats;
            if (spec->keep_top_runs) {
                e->run = r.best_run;
                memset(&r.best_run, 0, sizeof r.best_run);
            }
        }
        bt_optimize_result_free(&r);
    }
    bt_optimize_result r = {0};
    if (rc == BT_OK && (rc = run_combo(spec, out->best_values, out->best_types, &r, err)) == BT_OK) {
        memcpy(out->best_params, r.best_params, sizeof out->best_params);
        memcpy(out->best_param_types, r.best_param_types, sizeof out->best_param_types);
        out->best_stats = r.best_stats;
        out->best_run = r.best_run;
        memset(&r.best_run, 0, sizeof r.best_run);
    }
    bt_optimize_result_free(&r);
    return rc;
}

#else /* without MPI: one process */

/* btgpu is built without MPI and btgpu-mpi, the same program linked with MPI, beside it
 * (BTGPU_MPI_EXEC): under a launcher, each rank becomes btgpu-mpi, so that a plain btgpu
 * starts without loading MPI's libraries (1.6 ms of each start). */
int bt_cli_mpi_init(int *argc, char ***argv)
{
    (void)argc;
#ifdef BTGPU_MPI_EXEC
    if (launched()) {
        char self[4096];
        ssize_t n = readlink("/proc/self/exe", self, sizeof self - sizeof "btgpu-mpi");
        char *slash = NULL;
        if (n > 0) {
            self[n] = '\0';
            slash = strrchr(self, '/');
        }
        if (slash) {
            strcpy(slash + 1, "btgpu-mpi");
            execv(self, *argv);
            fprintf(stderr, "btgpu: started by an MPI launcher, but cannot run %s (btgpu with MPI): %s\n", self,
                    strerror(errno));
        } else {
            fprintf(stderr, "btgpu: started by an MPI launcher, but cannot find its own path to run btgpu-mpi\n");
        }
        return -1;
    }
#else
    (void)argv;
#endif
    return 0;
}
int bt_cli_mpi_size(void) { return 1; }
int bt_cli_mpi_rank(void) { return 0; }
void bt_cli_mpi_finalize(void) {}
void bt_cli_mpi_abort(int code) { (void)code; }
int bt_cli_mpi_optimize(const bt_optimize_spec *spec, bt_optimize_result *out, bt_error *err)
{
    return bt_optimize(spec, out, err);
}

#endif
