/* The CPU backend for sma_cross: every combination of a chunk as one SIMD
 * lane, bars in order.
 *
 * The SMA of each unique window is computed once per time tile into a
 * time-major table (row = bar, column = window), so lanes that differ in a
 * window read neighbouring memory. OpenMP threads share out blocks of lanes;
 * inside a block, `omp simd` runs the branch-free per-bar body (equity,
 * accumulators, crossover signals) across lanes. Fills and wipe-outs are
 * rare and run as scalar code between two bars (kernels/bt_lanes.h), with
 * the reference engine's exact arithmetic, so every lane reproduces the
 * reference engine's bits. Nothing of size bars x combinations is allocated.
 */
#include "backend.h"
#include "strategy.h"
#include "bt_lanes.h"
#include "indicators.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef BTGPU_HAVE_OPENMP
#include <omp.h>
#endif

#define LANE_BLOCK 128 /* lanes per block: the block's state stays in L1/L2 */
#define TILE_BARS 512  /* bars per tile: the tile's table stays in L2 */

/* Everything one chunk of lanes needs. */
typedef struct sma_job {
    const bt_acc_ctx *x;
    bt_lane_cfg g;
    size_t m;             /* lanes */
    size_t n_windows;     /* unique windows */
    size_t *windows;      /* their lengths */
    bt_sma_stream *sma;   /* their running pandas state */
    double *tile;         /* TILE_BARS x n_windows */
    int32_t *k1, *k2;     /* each lane's two columns */
    double *start;        /* first bar the strategy runs on */
    size_t *warm;         /* Buy & Hold bar */
    double *p1, *p2;      /* previous bar's SMA values */
    bt_lanes l;
    bt_acc_bars acc;
    bt_acc_trades *tacc;
    unsigned char *blk_pend;
    double *storage;      /* one allocation behind the per-lane doubles */
} sma_job;

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

static size_t find_window(const size_t *w, size_t n, size_t v)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (w[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void job_free(sma_job *j)
{
    free(j->windows);
    free(j->sma);
    free(j->tile);
    free(j->k1);
    free(j->k2);
    free(j->warm);
    free(j->tacc);
    free(j->blk_pend);
    free(j->storage);
}

/* backtesting.py's warm-up of one SMA: first valid index, 0 when all NaN. */
static size_t sma_warmup(size_t window, size_t n) { return window <= n ? window - 1 : 0; }

static int job_init(sma_job *j, const bt_cpu_job *cj, const double *params, size_t m, bt_error *err)
{
    const bt_series *s = cj->series;
    const bt_options *o = cj->options;
    const size_t n = s->n;
    memset(j, 0, sizeof *j);
    j->x = &cj->calendar->ctx;
    j->g.open = s->open;
    j->g.close = s->close;
    j->g.t = cj->calendar->t;
    j->g.n = n;
    j->g.fixed = o->fixed_commission;
    j->g.rel = o->commission;
    j->g.spread = o->spread;
    j->g.lev = 1 / o->margin;
    j->g.trade_on_close = o->trade_on_close;
    j->g.finalize = o->finalize_trades;
    j->m = m;

    size_t n_blocks = (m + LANE_BLOCK - 1) / LANE_BLOCK;
    size_t n_doubles = 11 + BT_ACC_BAR_FIELDS;
    j->windows = malloc(2 * m * sizeof *j->windows);
    j->k1 = malloc(m * sizeof *j->k1);
    j->k2 = malloc(m * sizeof *j->k2);
    j->warm = malloc(m * sizeof *j->warm);
    j->tacc = malloc(m * sizeof *j->tacc);
    j->blk_pend = calloc(n_blocks, 1);
    j->storage = (m <= SIZE_MAX / sizeof(double) / n_doubles) ? malloc(n_doubles * m * sizeof(double)) : NULL;
    if (!j->windows || !j->k1 || !j->k2 || !j->warm || !j->tacc || !j->blk_pend || !j->storage)
        goto nomem;

    /* unique windows, sorted */
    size_t nw = 0;
    for (size_t c = 0; c < m; c++) {
        j->windows[nw++] = (size_t)params[2 * c];
        j->windows[nw++] = (size_t)params[2 * c + 1];
    }
    qsort(j->windows, nw, sizeof *j->windows, cmp_size);
    size_t u = 0;
    for (size_t k = 0; k < nw; k++)
        if (u == 0 || j->windows[k] != j->windows[u - 1])
            j->windows[u++] = j->windows[k];
    j->n_windows = u;
    j->sma = malloc(u * sizeof *j->sma);
    j->tile = malloc((size_t)TILE_BARS * u * sizeof *j->tile);
    if (!j->sma || !j->tile)
        goto nomem;
    for (size_t w = 0; w < u; w++)
        bt_sma_stream_init(&j->sma[w], j->windows[w], s->close);

    double *p = j->storage;
    double **lane_fields[] = {&j->l.cash, &j->l.size, &j->l.entry, &j->l.ebar, &j->l.pend, &j->l.alive,
                              &j->start, &j->p1, &j->p2};
    for (size_t f = 0; f < sizeof lane_fields / sizeof lane_fields[0]; f++, p += m)
        *lane_fields[f] = p;
    bt_acc_bars_bind(&j->acc, p, m);

    for (size_t c = 0; c < m; c++) {
        size_t w1 = (size_t)params[2 * c], w2 = (size_t)params[2 * c + 1];
        j->k1[c] = (int32_t)find_window(j->windows, u, w1);
        j->k2[c] = (int32_t)find_window(j->windows, u, w2);
        size_t a = sma_warmup(w1, n), b = sma_warmup(w2, n);
        j->warm[c] = a > b ? a : b;
        j->start[c] = (double)(j->warm[c] + 1);
        j->l.cash[c] = o->cash;
        j->l.size[c] = 0;
        j->l.entry[c] = 0;
        j->l.ebar[c] = 0;
        j->l.pend[c] = 0;
        j->l.alive[c] = 1;
        j->p1[c] = NAN;
        j->p2[c] = NAN;
        bt_acc_bars_reset(&j->acc, c);
        bt_acc_trades_reset(&j->tacc[c]);
    }
    return BT_OK;
nomem:
    job_free(j);
    return bt_error_set(err, BT_ERR_RANGE, "cannot allocate the working memory for %zu combinations", m);
}

/* One bar for lanes [b0, b1): the branch-free body. Returns the OR of "a
 * signal was raised" (bit 0) and "a lane ran out of money" (bit 1). */
static inline __attribute__((always_inline)) int bar_body(sma_job *j, size_t b0, size_t b1, size_t i,
                                                          const double *row, const int groups)
{
    const bt_acc_ctx *x = j->x;
    const double C = j->g.close[i], di = (double)i;
    double *cash = j->l.cash, *size = j->l.size, *entry = j->l.entry, *alive = j->l.alive, *pend = j->l.pend;
    double *p1 = j->p1, *p2 = j->p2, *start = j->start;
    const int32_t *k1 = j->k1, *k2 = j->k2;
    bt_acc_bars acc = j->acc;
    int anyp = 0, anyo = 0;
#pragma omp simd reduction(| : anyp, anyo)
    for (size_t c = b0; c < b1; c++) {
        double s1 = row[k1[c]], s2 = row[k2[c]];
        double eq = cash[c] + (C * size[c] - size[c] * entry[c]);
        int live = alive[c] != 0;
        int oom = live & (eq <= 0);
        bt_acc_bar(x, &acc, c, i, oom ? 0.0 : eq, groups);
        int act = live & !oom & (di >= start[c]);
        double q1 = p1[c], q2 = p2[c];
        int up = (q1 < q2) & (s1 > s2);
        int dn = (q2 < q1) & (s2 > s1);
        double sig = act ? (up ? 1.0 : (dn ? -1.0 : 0.0)) : 0.0;
        pend[c] = sig;
        p1[c] = s1;
        p2[c] = s2;
        anyp |= sig != 0;
        anyo |= oom;
    }
    return anyp | (anyo << 1);
}

/* The last bar, one lane: orders, equity, the last signal, finalize. */
static void last_bar(sma_job *j, size_t c, const double *row, int groups)
{
    const size_t i = j->g.n - 1;
    bt_lanes *l = &j->l;
    bt_acc_trades *tr = &j->tacc[c];
    double eq;
    if (!l->alive[c] || (double)i < j->start[c]) {
        eq = bt_lane_equity(&j->g, l, c, i);
    } else {
        if (l->pend[c] != 0)
            bt_lane_orders(&j->g, l, c, tr, i, l->pend[c], 1);
        l->pend[c] = 0;
        eq = bt_lane_equity(&j->g, l, c, i);
        if (eq <= 0) {
            bt_lane_wipe_out(&j->g, l, c, tr, i);
            eq = 0;
        } else if (j->g.finalize) {
            double s1 = row[j->k1[c]], s2 = row[j->k2[c]], q1 = j->p1[c], q2 = j->p2[c];
            double sig = (q1 < q2 && s1 > s2) ? 1.0 : (q2 < q1 && s2 > s1) ? -1.0 : 0.0;
            bt_lane_orders(&j->g, l, c, tr, i, sig, 1);
            eq = bt_lane_equity(&j->g, l, c, i);
            if (eq <= 0) {
                bt_lane_wipe_out(&j->g, l, c, tr, i);
                eq = 0;
            }
        }
    }
    bt_acc_bar(j->x, &j->acc, c, i, eq, groups);
}

/* Bars [i0, i1) of the tile starting at t0 for one block of lanes. */
static inline __attribute__((always_inline)) void block_bars(sma_job *j, size_t blk, size_t t0, size_t i0,
                                                              size_t i1, const int groups)
{
    size_t b0 = blk * LANE_BLOCK, b1 = b0 + LANE_BLOCK < j->m ? b0 + LANE_BLOCK : j->m;
    const size_t nw = j->n_windows;
    for (size_t i = i0; i < i1; i++) {
        const double *row = j->tile + (i - t0) * nw;
        if (j->blk_pend[blk]) {
            for (size_t c = b0; c < b1; c++)
                if (j->l.pend[c] != 0) {
                    bt_lane_orders(&j->g, &j->l, c, &j->tacc[c], i, j->l.pend[c], 1);
                    j->l.pend[c] = 0;
                }
        }
        int flags = bar_body(j, b0, b1, i, row, groups);
        j->blk_pend[blk] = flags & 1;
        if (flags & 2) {
            for (size_t c = b0; c < b1; c++)
                if (j->l.alive[c] && bt_lane_equity(&j->g, &j->l, c, i) <= 0)
                    bt_lane_wipe_out(&j->g, &j->l, c, &j->tacc[c], i);
        }
    }
}

/* One instantiation per accumulator set, so unused groups fold away. */
#define BLOCK_BARS_FOR(G)                                                                                      \
    static void block_bars_##G(sma_job *j, size_t blk, size_t t0, size_t i0, size_t i1)                        \
    {                                                                                                          \
        block_bars(j, blk, t0, i0, i1, G);                                                                     \
    }
BLOCK_BARS_FOR(0)
BLOCK_BARS_FOR(1)
BLOCK_BARS_FOR(2)
BLOCK_BARS_FOR(3)
BLOCK_BARS_FOR(4)

typedef void (*block_fn)(sma_job *, size_t, size_t, size_t, size_t);

static block_fn block_fn_for(int groups)
{
    switch (groups) {
    case 0: return block_bars_0;
    case BT_ACC_DRAWDOWN: return block_bars_1;
    case BT_ACC_RETURNS: return block_bars_2;
    case BT_ACC_DRAWDOWN | BT_ACC_RETURNS: return block_bars_3;
    default: return block_bars_4; /* BT_ACC_BETA alone */
    }
}

static void run_job(sma_job *j, int threads)
{
    const size_t n = j->g.n, nw = j->n_windows, m = j->m;
    const size_t n_blocks = (m + LANE_BLOCK - 1) / LANE_BLOCK;
    const int groups = j->x->groups;
    block_fn fn = block_fn_for(groups);
    const double *close = j->g.close;
    (void)threads;
#ifdef BTGPU_HAVE_OPENMP
#pragma omp parallel num_threads(threads)
#endif
    for (size_t t0 = 0; t0 < n; t0 += TILE_BARS) {
        size_t t1 = t0 + TILE_BARS < n ? t0 + TILE_BARS : n;
#ifdef BTGPU_HAVE_OPENMP
#pragma omp for schedule(static)
#endif
        for (size_t w = 0; w < nw; w++)
            for (size_t i = t0; i < t1; i++)
                j->tile[(i - t0) * nw + w] = bt_sma_next(&j->sma[w], close, i);
#ifdef BTGPU_HAVE_OPENMP
#pragma omp for schedule(static)
#endif
        for (size_t blk = 0; blk < n_blocks; blk++) {
            fn(j, blk, t0, t0, t1 < n ? t1 : n - 1);
            if (t1 == n) {
                size_t b0 = blk * LANE_BLOCK, b1 = b0 + LANE_BLOCK < m ? b0 + LANE_BLOCK : m;
                const double *row = j->tile + (n - 1 - t0) * nw;
                for (size_t c = b0; c < b1; c++)
                    last_bar(j, c, row, groups);
            }
        }
    }
}

int bt_sma_cross_cpu(const bt_cpu_job *cj, const double *params, size_t m, double *values, bt_error *err)
{
    sma_job j;
    if (m == 0)
        return BT_OK;
    int rc = job_init(&j, cj, params, m, err);
    if (rc)
        return rc;
    run_job(&j, cj->threads);
    for (size_t c = 0; c < m; c++)
        values[c] = j.tacc[c].n ? bt_acc_value(j.x, &j.acc, c, &j.tacc[c], j.warm[c], cj->key) : NAN;
    job_free(&j);
    return BT_OK;
}
