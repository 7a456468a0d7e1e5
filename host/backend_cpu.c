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
#include "sma_cross.h"
#include "sma_table.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef BTGPU_HAVE_OPENMP
#include <omp.h>
#endif

#define LANE_BLOCK 256 /* lanes per block: the block's state stays in L1/L2 */
#define TILE_BARS 512  /* bars per tile: the tile's table stays in L2 */

/* How a block of lanes reads its two SMA values each bar. */
enum {
    MODE_GATHER,  /* any windows: two gathers per lane */
    MODE_1_FIXED, /* all lanes share n1, and their n2 columns are consecutive */
    MODE_2_FIXED  /* all lanes share n2, and their n1 columns are consecutive */
};

/* A run of lanes processed together. */
typedef struct lane_block {
    size_t b0, b1; /* lanes [b0, b1) */
    int mode;
} lane_block;


/* Everything one chunk of lanes needs. */
typedef struct sma_job {
    const bt_acc_ctx *x;
    bt_lane_cfg g;
    size_t m;             /* lanes */
    bt_sma_table tab[2];     /* SMA(n1) and SMA(n2) columns */
    int32_t *k[2];        /* each lane's column in each table */
    size_t *warm;         /* Buy & Hold bar */
    bt_lanes l;
    bt_acc_bars acc;
    bt_acc_trades *tacc;
    lane_block *blocks;
    size_t n_blocks;
    double *storage;      /* one allocation behind the per-lane doubles */
} sma_job;




static void job_free(sma_job *j)
{
    bt_sma_table_free(&j->tab[0]);
    bt_sma_table_free(&j->tab[1]);
    free(j->k[0]);
    free(j->k[1]);
    free(j->warm);
    free(j->tacc);
    free(j->blocks);
    free(j->storage);
}


/* Cuts the lanes into blocks whose columns can be read without gathers
 * where the grid allows it (grid order makes long such runs). */
static void make_blocks(sma_job *j)
{
    const int32_t *k1 = j->k[0], *k2 = j->k[1];
    size_t c = 0;
    j->n_blocks = 0;
    while (c < j->m) {
        lane_block b = {c, c + 1, MODE_GATHER};
        if (c + 1 < j->m && k1[c + 1] == k1[c] && k2[c + 1] == k2[c] + 1)
            b.mode = MODE_1_FIXED;
        else if (c + 1 < j->m && k2[c + 1] == k2[c] && k1[c + 1] == k1[c] + 1)
            b.mode = MODE_2_FIXED;
        while (b.b1 < j->m && b.b1 - b.b0 < LANE_BLOCK) {
            size_t d = b.b1, off = d - b.b0;
            if (b.mode == MODE_1_FIXED && !(k1[d] == k1[b.b0] && k2[d] == k2[b.b0] + (int32_t)off))
                break;
            if (b.mode == MODE_2_FIXED && !(k2[d] == k2[b.b0] && k1[d] == k1[b.b0] + (int32_t)off))
                break;
            b.b1++;
        }
        j->blocks[j->n_blocks++] = b;
        c = b.b1;
    }
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
    j->g.groups = cj->calendar->ctx.groups;
    j->m = m;

    size_t n_doubles = 7 + BT_ACC_BAR_FIELDS;
    j->k[0] = malloc(m * sizeof *j->k[0]);
    j->k[1] = malloc(m * sizeof *j->k[1]);
    j->warm = malloc(m * sizeof *j->warm);
    j->tacc = malloc(m * sizeof *j->tacc);
    j->blocks = malloc(m * sizeof *j->blocks);
    j->storage = (m <= SIZE_MAX / sizeof(double) / n_doubles) ? malloc(n_doubles * m * sizeof(double)) : NULL;
    if (!j->k[0] || !j->k[1] || !j->warm || !j->tacc || !j->blocks || !j->storage)
        goto nomem;
    if (!bt_sma_table_init(&j->tab[0], j->k[0], params, m, 2, 0, s->close, TILE_BARS) ||
        !bt_sma_table_init(&j->tab[1], j->k[1], params, m, 2, 1, s->close, TILE_BARS))
        goto nomem;
    make_blocks(j);

    double *p = j->storage;
    double **lane_fields[] = {&j->l.cash, &j->l.size, &j->l.entry, &j->l.ebar, &j->l.pend, &j->l.alive, &j->l.from};
    for (size_t f = 0; f < sizeof lane_fields / sizeof lane_fields[0]; f++, p += m)
        *lane_fields[f] = p;
    bt_acc_bars_bind(&j->acc, p, m);

    for (size_t c = 0; c < m; c++) {
        size_t a = sma_warmup((size_t)params[2 * c], n), b = sma_warmup((size_t)params[2 * c + 1], n);
        j->warm[c] = a > b ? a : b;
        j->l.from[c] = (double)(j->warm[c] + 1);
        j->l.cash[c] = o->cash;
        j->l.size[c] = 0;
        j->l.entry[c] = 0;
        j->l.ebar[c] = 0;
        j->l.pend[c] = 0;
        j->l.alive[c] = 1;
        bt_acc_bars_reset(&j->acc, c);
        bt_acc_trades_reset(&j->tacc[c]);
    }
    return BT_OK;
nomem:
    job_free(j);
    return bt_error_set(err, BT_ERR_RANGE, "cannot allocate the working memory for %zu combinations", m);
}

/* The arrays the per-bar body touches, loaded into locals once per block
 * and bar so the compiler knows the stores cannot move them. */
typedef struct lane_view {
    double *restrict cash, *restrict size, *restrict entry, *restrict pend;
    const double *restrict from;
    bt_acc_bars acc;
    const bt_acc_ctx *x;
} lane_view;

static inline lane_view view_of(sma_job *j)
{
    lane_view v = {j->l.cash, j->l.size, j->l.entry, j->l.pend, j->l.from, j->acc, j->x};
    return v;
}

/* Bar i of lane c (kernels/sma_cross.h) with the lane's arrays in restrict
 * locals, so the compiler keeps the block's lanes in vector registers. */
static inline __attribute__((always_inline)) void lane_bar(lane_view *v, size_t c, size_t i, double C, double di,
                                                           double s1, double s2, double q1, double q2,
                                                           const int groups)
{
    double pend;
    double eq = bt_sma_bar(v->cash[c], v->size[c], v->entry[c], v->from[c], C, di, s1, s2, q1, q2, &pend);
    bt_acc_bar(v->x, &v->acc, c, i, eq, groups);
    v->pend[c] = pend;
}

/* Bar i (tile row r) for one block. */
static inline __attribute__((always_inline)) void block_bar(sma_job *j, const lane_block *b, size_t i, size_t r,
                                                            const int groups)
{
    const size_t w1 = j->tab[0].n_windows, w2 = j->tab[1].n_windows;
    const double *row1 = j->tab[0].rows + r * w1, *row2 = j->tab[1].rows + r * w2;
    const double *prev1 = row1 - w1, *prev2 = row2 - w2;
    const int32_t *k1 = j->k[0], *k2 = j->k[1];
    const double C = j->g.close[i], di = (double)i;
    lane_view v = view_of(j);
    const size_t b0 = b->b0, b1 = b->b1;
    if (b->mode == MODE_1_FIXED) {
        const double s1 = row1[k1[b0]], q1 = prev1[k1[b0]];
        const double *s2 = row2 + k2[b0] - (ptrdiff_t)b0, *q2 = prev2 + k2[b0] - (ptrdiff_t)b0;
#pragma omp simd
        for (size_t c = b0; c < b1; c++)
            lane_bar(&v, c, i, C, di, s1, s2[c], q1, q2[c], groups);
    } else if (b->mode == MODE_2_FIXED) {
        const double s2 = row2[k2[b0]], q2 = prev2[k2[b0]];
        const double *s1 = row1 + k1[b0] - (ptrdiff_t)b0, *q1 = prev1 + k1[b0] - (ptrdiff_t)b0;
#pragma omp simd
        for (size_t c = b0; c < b1; c++)
            lane_bar(&v, c, i, C, di, s1[c], s2, q1[c], q2, groups);
    } else {
#pragma omp simd
        for (size_t c = b0; c < b1; c++)
            lane_bar(&v, c, i, C, di, row1[k1[c]], row2[k2[c]], prev1[k1[c]], prev2[k2[c]], groups);
    }
}

/* Processes the events of the block's lanes whose pend is non-zero, looking
 * at four lanes at a time through the bits of pend (0.0 has none). */
static void block_events(sma_job *j, const lane_block *b, size_t i)
{
    const double *pend = j->l.pend;
    size_t c = b->b0;
    for (; c + 4 <= b->b1; c += 4) {
        uint64_t w[4];
        memcpy(w, pend + c, sizeof w);
        if (!(w[0] | w[1] | w[2] | w[3]))
            continue;
        for (size_t d = c; d < c + 4; d++)
            if (pend[d] != 0)
                bt_sma_event(&j->g, &j->l, d, &j->tacc[d], i);
    }
    for (; c < b->b1; c++)
        if (pend[c] != 0)
            bt_sma_event(&j->g, &j->l, c, &j->tacc[c], i);
}

/* The last bar, one lane (tile row r): its event, then bt_sma_last. */
static void last_bar(sma_job *j, size_t c, size_t r, int groups)
{
    const size_t i = j->g.n - 1;
    const size_t w1 = j->tab[0].n_windows, w2 = j->tab[1].n_windows;
    const double *row1 = j->tab[0].rows + r * w1, *row2 = j->tab[1].rows + r * w2;
    const int32_t k1 = j->k[0][c], k2 = j->k[1][c];
    if (i > 0 && j->l.pend[c] != 0)
        bt_sma_event(&j->g, &j->l, c, &j->tacc[c], i);
    bt_sma_last(&j->g, &j->l, c, &j->tacc[c], j->x, &j->acc, row1[k1], row2[k2], (row1 - w1)[k1], (row2 - w2)[k2],
                groups);
}

/* Bars [i0, i1) of the tile starting at t0 for one block of lanes. */
static inline __attribute__((always_inline)) void block_bars(sma_job *j, lane_block *b, size_t t0, size_t i0,
                                                              size_t i1, const int groups)
{
    for (size_t i = i0; i < i1; i++) {
        if (i > 0)
            block_events(j, b, i);
        block_bar(j, b, i, i - t0 + 1, groups);
    }
}

/* One instantiation per accumulator set, so unused groups fold away. */
#define BLOCK_BARS_FOR(G)                                                                                      \
    static void block_bars_##G(sma_job *j, lane_block *b, size_t t0, size_t i0, size_t i1)                    \
    {                                                                                                          \
        block_bars(j, b, t0, i0, i1, G);                                                                       \
    }
BLOCK_BARS_FOR(0)
BLOCK_BARS_FOR(1)
BLOCK_BARS_FOR(2)
BLOCK_BARS_FOR(3)
BLOCK_BARS_FOR(4)
BLOCK_BARS_FOR(32)

typedef void (*block_fn)(sma_job *, lane_block *, size_t, size_t, size_t);

static block_fn block_fn_for(int groups)
{
    switch (groups & (BT_ACC_DRAWDOWN | BT_ACC_RETURNS | BT_ACC_BETA | BT_ACC_PEAK)) {
    case 0: return block_bars_0;
    case BT_ACC_PEAK: return block_bars_32;
    case BT_ACC_DRAWDOWN: return block_bars_1;
    case BT_ACC_RETURNS: return block_bars_2;
    case BT_ACC_DRAWDOWN | BT_ACC_RETURNS: return block_bars_3;
    default: return block_bars_4; /* BT_ACC_BETA */
    }
}



static void run_job(sma_job *j, int threads)
{
    const size_t n = j->g.n;
    const int groups = j->x->groups;
    block_fn fn = block_fn_for(groups);
    const double *close = j->g.close;
    const size_t spans0 = (j->tab[0].n_windows + BT_SMA_SPAN - 1) / BT_SMA_SPAN;
    const size_t spans = spans0 + (j->tab[1].n_windows + BT_SMA_SPAN - 1) / BT_SMA_SPAN;
    (void)threads;
#ifdef BTGPU_HAVE_OPENMP
#pragma omp parallel num_threads(threads)
#endif
    for (size_t t0 = 0; t0 < n; t0 += TILE_BARS) {
        size_t t1 = t0 + TILE_BARS < n ? t0 + TILE_BARS : n;
#ifdef BTGPU_HAVE_OPENMP
#pragma omp for schedule(static)
#endif
        for (size_t sp = 0; sp < spans; sp++) { /* the SMA tables, a span of windows at a time */
            bt_sma_table *tab = &j->tab[sp >= spans0];
            size_t w0 = (sp >= spans0 ? sp - spans0 : sp) * BT_SMA_SPAN;
            size_t w1 = w0 + BT_SMA_SPAN < tab->n_windows ? w0 + BT_SMA_SPAN : tab->n_windows;
            bt_sma_table_span(tab, w0, w1, close, t0, t1);
        }
#ifdef BTGPU_HAVE_OPENMP
#pragma omp for schedule(static, 1)
#endif
        for (size_t k = 0; k < j->n_blocks; k++) {
            lane_block *b = &j->blocks[k];
            fn(j, b, t0, t0, t1 < n ? t1 : n - 1);
            if (t1 == n)
                for (size_t c = b->b0; c < b->b1; c++)
                    last_bar(j, c, n - 1 - t0 + 1, groups);
        }
    }
}

int bt_sma_cross_cpu(const bt_cpu_job *cj, const double *params, size_t m, double *values, bt_error *err)
{
    /* Combinations that provably never trade are NaN without a simulation:
     * an SMA longer than the series is all NaN, and two equal windows give
     * equal SMAs, which never cross strictly. The rest are packed into lanes. */
    const size_t n = cj->series->n;
    size_t live = 0;
    double *packed = malloc((m ? m : 1) * 2 * sizeof *packed);
    size_t *where = malloc((m ? m : 1) * sizeof *where);
    if (!packed || !where) {
        free(packed);
        free(where);
        return bt_error_set(err, BT_ERR_RANGE, "cannot allocate the working memory for %zu combinations", m);
    }
    for (size_t c = 0; c < m; c++) {
        double w1 = params[2 * c], w2 = params[2 * c + 1];
        values[c] = NAN;
        if (w1 > (double)n || w2 > (double)n || w1 == w2)
            continue;
        packed[2 * live] = w1;
        packed[2 * live + 1] = w2;
        where[live++] = c;
    }
    int rc = BT_OK;
    if (live) {
        sma_job j;
        rc = job_init(&j, cj, packed, live, err);
        if (rc == BT_OK) {
            run_job(&j, cj->threads);
            for (size_t c = 0; c < live; c++)
                values[where[c]] = j.tacc[c].n ? bt_acc_value(j.x, &j.acc, c, &j.tacc[c], j.warm[c], cj->key) : NAN;
            job_free(&j);
        }
    }
    free(packed);
    free(where);
    return rc;
}
