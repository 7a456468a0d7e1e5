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
 *
 * When the statistic needs no per-bar accumulator (Equity Final, Return,
 * SQN, the trade statistics, ...), the crossing path replaces the per-bar
 * body: the SIMD loop only compares the two SMAs, and each lane catches up
 * with the scalar broker at its crossovers (block_cross, lane_advance).
 * BTGPU_CPU_PER_BAR=1 in the environment forces the per-bar body (the tests
 * compare both with the reference engine).
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
#if defined(__AVX512F__) || defined(__AVX2__)
#include <immintrin.h>
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


/* The lowest and highest close of a tile of bars. */
typedef struct close_range { double lo, hi; } close_range;

/* Everything one chunk of lanes needs. */
typedef struct sma_job {
    const bt_acc_ctx *x;
    bt_lane_cfg g;
    size_t m;             /* lanes */
    bt_sma_table tab[2];     /* SMA(n1) and SMA(n2) columns */
    int32_t *k[2];        /* each lane's column in each table */
    size_t *warm;         /* Buy & Hold bar */
    size_t *cur;          /* crossing path: each lane's next bar to simulate */
    struct close_range *range; /* crossing path: the close's range per tile of bars */
    bt_lanes l;
    bt_acc_bars acc;
    bt_acc_trades *tacc;
    lane_block *blocks;
    size_t n_blocks;
    double *storage;      /* one allocation behind the per-lane doubles */
    const bt_cpu_job *job;
    int halt;             /* the search is being stopped (read by every thread after a barrier) */
} sma_job;




static void job_free(sma_job *j)
{
    bt_sma_table_free(&j->tab[0]);
    bt_sma_table_free(&j->tab[1]);
    free(j->k[0]);
    free(j->k[1]);
    free(j->warm);
    free(j->cur);
    free(j->range);
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
    j->job = cj;
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
    j->cur = calloc(m ? m : 1, sizeof *j->cur);
    j->range = malloc((n / TILE_BARS + 1) * sizeof *j->range);
    j->tacc = malloc(m * sizeof *j->tacc);
    j->blocks = malloc(m * sizeof *j->blocks);
    j->storage = (m <= SIZE_MAX / sizeof(double) / n_doubles) ? malloc(n_doubles * m * sizeof(double)) : NULL;
    if (!j->k[0] || !j->k[1] || !j->warm || !j->cur || !j->range || !j->tacc || !j->blocks || !j->storage)
        goto nomem;
    if (!bt_sma_table_init(&j->tab[0], j->k[0], params, m, 2, 0, s->close, TILE_BARS) ||
        !bt_sma_table_init(&j->tab[1], j->k[1], params, m, 2, 1, s->close, TILE_BARS))
        goto nomem;
    make_blocks(j);
    for (size_t t = 0; t <= n / TILE_BARS; t++) {
        double lo = INFINITY, hi = -INFINITY;
        for (size_t i = t * TILE_BARS; i < n && i < (t + 1) * TILE_BARS; i++) {
            lo = s->close[i] < lo ? s->close[i] : lo;
            hi = s->close[i] > hi ? s->close[i] : hi;
        }
        j->range[t].lo = lo;
        j->range[t].hi = hi;
    }

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
        bt_acc_bars_reset(&j->acc, c, j->x->t[0]);
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
    bt_acc_bar_at(v->x, &v->acc, c, i, eq, groups, 1);
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

/* Bits of the lanes among pend[0..k) (k <= 64) whose pend is non-zero
 * (0.0 has no bits set; a signal or a wipe-out has some). */
#if defined(__AVX512F__)
static inline uint64_t pend_bits(const double *pend, size_t k)
{
    uint64_t bits = 0;
    size_t v = 0;
    if (k == 64) {
        __m512i a = _mm512_loadu_si512(pend), b = _mm512_loadu_si512(pend + 8);
        __m512i e = _mm512_loadu_si512(pend + 16), f = _mm512_loadu_si512(pend + 24);
        __m512i g = _mm512_loadu_si512(pend + 32), h = _mm512_loadu_si512(pend + 40);
        __m512i u = _mm512_loadu_si512(pend + 48), w = _mm512_loadu_si512(pend + 56);
        __m512i any = _mm512_or_si512(_mm512_or_si512(_mm512_or_si512(a, b), _mm512_or_si512(e, f)),
                                      _mm512_or_si512(_mm512_or_si512(g, h), _mm512_or_si512(u, w)));
        if (!_mm512_test_epi64_mask(any, any))
            return 0;
    }
    for (; v + 8 <= k; v += 8) {
        __m512i a = _mm512_loadu_si512(pend + v);
        bits |= (uint64_t)_mm512_test_epi64_mask(a, a) << v;
    }
    if (v < k) {
        __m512i a = _mm512_maskz_loadu_epi64((__mmask8)((1u << (k - v)) - 1), pend + v);
        bits |= (uint64_t)_mm512_test_epi64_mask(a, a) << v;
    }
    return bits;
}
#elif defined(__AVX2__)
static inline uint64_t pend_bits(const double *pend, size_t k)
{
    uint64_t bits = 0;
    size_t v = 0;
    const __m256i z = _mm256_setzero_si256();
    if (k == 64) {
        __m256i any = z;
        for (size_t q = 0; q < 64; q += 4)
            any = _mm256_or_si256(any, _mm256_loadu_si256((const __m256i *)(pend + q)));
        if (_mm256_testz_si256(any, any))
            return 0;
    }
    for (; v + 4 <= k; v += 4) {
        const __m256i a = _mm256_loadu_si256((const __m256i *)(pend + v));
        const unsigned zero = (unsigned)_mm256_movemask_pd(_mm256_castsi256_pd(_mm256_cmpeq_epi64(a, z)));
        bits |= (uint64_t)(~zero & 15u) << v;
    }
    for (; v < k; v++) {
        uint64_t w;
        memcpy(&w, pend + v, sizeof w);
        bits |= (uint64_t)(w != 0) << v;
    }
    return bits;
}
#else
static inline uint64_t pend_bits(const double *pend, size_t k)
{
    uint64_t bits = 0, any = 0, w[64];
    memcpy(w, pend, k * sizeof *w);
    for (size_t d = 0; d < k; d++)
        any |= w[d];
    if (!any)
        return 0;
    for (size_t d = 0; d < k; d++)
        bits |= (uint64_t)(w[d] != 0) << d;
    return bits;
}
#endif

/* Processes the events of the block's lanes whose pend is non-zero, 64
 * lanes at a time, visiting only the lanes whose bit is set. */
static void block_events(sma_job *j, const lane_block *b, size_t i)
{
    const double *pend = j->l.pend;
    for (size_t c = b->b0; c < b->b1; c += 64) {
        size_t k = b->b1 - c < 64 ? b->b1 - c : 64;
        for (uint64_t bits = pend_bits(pend + c, k); bits; bits &= bits - 1) {
            size_t d = c + (size_t)__builtin_ctzll(bits);
            bt_lane_event(&j->g, &j->l, d, &j->tacc[d], i);
        }
    }
}

/* The crossing path: when no statistic needs the equity of every bar (no
 * drawdown, period-return, Beta or peak accumulators), a lane's bars between
 * two crossovers of its SMAs change nothing but a possible wipe-out, so the
 * SIMD loop only has to find the crossovers; each lane then catches up from
 * its last simulated bar with the scalar broker (lane_advance), bar for bar
 * the same operations as the per-bar body. */
#if defined(__AVX512F__) || defined(__AVX2__)
#define BT_CROSS_PATH 1
#else
#define BT_CROSS_PATH 0
#endif

#if BT_CROSS_PATH
/* First bar w in [a, b] on which lane d (state fixed over [a, b]) runs out
 * of money (bt_sma_bar's test), or b + 1. The equity is monotone in the
 * close (every rounding step is), so a position that survives the worst
 * close of the tiles spanning [a, b] survives every bar of them. */
static size_t first_wipe_out(const sma_job *j, size_t d, size_t a, size_t b)
{
    const bt_lanes *l = &j->l;
    if (!(l->from[d] < INFINITY))
        return b + 1;
    const double cash = l->cash[d], size = l->size[d], entry = l->entry[d];
    double worst = size > 0 ? INFINITY : -INFINITY;
    for (size_t t = a / TILE_BARS; t <= b / TILE_BARS; t++)
        worst = size > 0 ? (j->range[t].lo < worst ? j->range[t].lo : worst)
                         : (j->range[t].hi > worst ? j->range[t].hi : worst);
    if (cash + (worst * size - size * entry) > 0)
        return b + 1;
    for (size_t i = a; i <= b; i++)
        if (cash + (j->g.close[i] * size - size * entry) <= 0)
            return i;
    return b + 1;
}

/* Simulates lane d's bars from j->cur[d] through `upto`, where no bar before
 * `upto` crosses and `upto`'s crossover signal is sig (0: none): the queued
 * event on the first bar, wipe-outs, and the signal left for the next bar. */
static void lane_advance(sma_job *j, size_t d, size_t upto, double sig)
{
    bt_lanes *l = &j->l;
    size_t i = j->cur[d];
    while (i <= upto) {
        if (i > 0 && l->pend[d] != 0)
            bt_lane_event(&j->g, l, d, &j->tacc[d], i);
        size_t w = first_wipe_out(j, d, i, upto);
        if (w <= upto) {
            l->pend[d] = BT_PEND_WIPE_OUT;
            i = w + 1;
            continue;
        }
        l->pend[d] = (double)upto >= l->from[d] ? sig : 0;
        i = upto + 1;
    }
    j->cur[d] = i;
}

#if defined(__AVX512F__)
#define CROSS_W 8
typedef __m512d cross_vec;
static inline cross_vec cross_load(const double *p, unsigned k)
{
    return k == CROSS_W ? _mm512_loadu_pd(p) : _mm512_maskz_loadu_pd((__mmask8)((1u << k) - 1), p);
}
static inline cross_vec cross_set1(double x) { return _mm512_set1_pd(x); }
static inline unsigned cross_gt(cross_vec a, cross_vec b) { return _mm512_cmp_pd_mask(a, b, _CMP_GT_OQ); }
#else
#define CROSS_W 4
typedef __m256d cross_vec;
static inline cross_vec cross_load(const double *p, unsigned k)
{
    if (k == CROSS_W)
        return _mm256_loadu_pd(p);
    const __m256i lane = _mm256_set_epi64x(3, 2, 1, 0);
    return _mm256_maskload_pd(p, _mm256_cmpgt_epi64(_mm256_set1_epi64x((long long)k), lane));
}
static inline cross_vec cross_set1(double x) { return _mm256_set1_pd(x); }
static inline unsigned cross_gt(cross_vec a, cross_vec b)
{
    return (unsigned)_mm256_movemask_pd(_mm256_cmp_pd(a, b, _CMP_GT_OQ));
}
#endif

/* Lanes [c, c + nv * CROSS_W) (the last vector holding k_last lanes) over
 * tile rows [r0, r1): `fixed` is the shared window's column (stride fw),
 * `col` the first lane's column of the other table (stride vw). The masks of
 * "fixed above" and "fixed below" carry from bar to bar; a lane whose
 * crossover bit is set catches up in lane_advance. NaN compares false, as
 * in bt_crossover. */
static inline __attribute__((always_inline)) void cross_strip(sma_job *j, int one_fixed, size_t t0, size_t c,
                                                              const double *fixed, size_t fw, const double *col,
                                                              size_t vw, size_t r0, size_t r1, const unsigned nv,
                                                              unsigned k_last)
{
    enum { MAXV = 4 };
    unsigned above[MAXV], below[MAXV];
    const unsigned tail = k_last >= CROSS_W ? ~0u : (1u << k_last) - 1;
    cross_vec f = cross_set1(fixed[(r0 - 1) * fw]);
    for (unsigned v = 0; v < nv; v++) {
        cross_vec x = cross_load(col + (r0 - 1) * vw + v * CROSS_W, v + 1 == nv ? k_last : CROSS_W);
        above[v] = cross_gt(f, x);
        below[v] = cross_gt(x, f);
    }
    for (size_t r = r0; r < r1; r++) {
        unsigned a[MAXV], w[MAXV], ev[MAXV], any = 0;
        f = cross_set1(fixed[r * fw]);
        for (unsigned v = 0; v < nv; v++) {
            cross_vec x = cross_load(col + r * vw + v * CROSS_W, v + 1 == nv ? k_last : CROSS_W);
            a[v] = cross_gt(f, x);
            w[v] = cross_gt(x, f);
            /* lanes past k_last were loaded as 0.0: never theirs to report */
            ev[v] = ((below[v] & a[v]) | (above[v] & w[v])) & (v + 1 == nv ? tail : ~0u);
            any |= ev[v];
            above[v] = a[v];
            below[v] = w[v];
        }
        if (__builtin_expect(any != 0, 0)) {
            const size_t i = t0 + r - 1;
            for (unsigned v = 0; v < nv; v++)
                for (unsigned e = ev[v]; e; e &= e - 1) {
                    unsigned bit = (unsigned)__builtin_ctz(e);
                    /* the n1 SMA crosses above the n2 SMA: buy */
                    int n1_up = ((one_fixed ? a[v] : w[v]) >> bit) & 1;
                    lane_advance(j, c + v * CROSS_W + bit, i, n1_up ? 1.0 : -1.0);
                }
        }
    }
}

/* Bars [i0, i1) of the tile starting at t0 for one block whose lanes share
 * one window (MODE_1_FIXED or MODE_2_FIXED), CROSS_U vectors of lanes at a
 * time. Lanes catch up lazily: at their crossovers, and before the last bar
 * (run_job). */
static void block_cross(sma_job *j, const lane_block *b, size_t t0, size_t i0, size_t i1)
{
    enum { CROSS_U = 4 };
    const int one_fixed = b->mode == MODE_1_FIXED;
    const bt_sma_table *ft = &j->tab[one_fixed ? 0 : 1], *vt = &j->tab[one_fixed ? 1 : 0];
    const size_t fw = ft->n_windows, vw = vt->n_windows;
    const double *fixed = ft->rows + j->k[one_fixed ? 0 : 1][b->b0];
    const double *col0 = vt->rows + j->k[one_fixed ? 1 : 0][b->b0];
    const size_t r0 = i0 - t0 + 1, r1 = i1 - t0 + 1;
    size_t c = b->b0;
    for (; c + CROSS_U * CROSS_W <= b->b1; c += CROSS_U * CROSS_W)
        cross_strip(j, one_fixed, t0, c, fixed, fw, col0 + (c - b->b0), vw, r0, r1, CROSS_U, CROSS_W);
    for (; c < b->b1; c += CROSS_W) {
        const unsigned k = b->b1 - c < CROSS_W ? (unsigned)(b->b1 - c) : CROSS_W;
        cross_strip(j, one_fixed, t0, c, fixed, fw, col0 + (c - b->b0), vw, r0, r1, 1, k);
    }
}
#endif

/* The last bar, one lane (tile row r): its event, then bt_sma_last. */
static void last_bar(sma_job *j, size_t c, size_t r, int groups)
{
    const size_t i = j->g.n - 1;
    const size_t w1 = j->tab[0].n_windows, w2 = j->tab[1].n_windows;
    const double *row1 = j->tab[0].rows + r * w1, *row2 = j->tab[1].rows + r * w2;
    const int32_t k1 = j->k[0][c], k2 = j->k[1][c];
    if (i > 0 && j->l.pend[c] != 0)
        bt_lane_event(&j->g, &j->l, c, &j->tacc[c], i);
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
        /* a bar that ends no period feeds no period return: the lane loop
         * for it has no returns group (the test stays out of the SIMD loop) */
        if (!(groups & BT_ACC_RETURNS) || j->x->bin_last[i])
            block_bar(j, b, i, i - t0 + 1, groups);
        else
            block_bar(j, b, i, i - t0 + 1, groups & ~BT_ACC_RETURNS);
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
BLOCK_BARS_FOR(34)
BLOCK_BARS_FOR(39)
BLOCK_BARS_FOR(64)
BLOCK_BARS_FOR(66)

typedef void (*block_fn)(sma_job *, lane_block *, size_t, size_t, size_t);

static block_fn block_fn_for(int groups)
{
    switch (bt_acc_bar_groups(groups)) {
    case 0: return block_bars_0;
    case BT_ACC_PEAK: return block_bars_32;
    case BT_ACC_DRAWDOWN: return block_bars_1;
    case BT_ACC_RETURNS: return block_bars_2;
    case BT_ACC_DRAWDOWN | BT_ACC_RETURNS: return block_bars_3;
    case BT_ACC_BETA: return block_bars_4;
    case BT_ACC_RETURNS | BT_ACC_PEAK: return block_bars_34;
    case BT_ACC_MAX_DD: return block_bars_64;
    case BT_ACC_MAX_DD | BT_ACC_RETURNS: return block_bars_66;
    default: return block_bars_39; /* several statistics at once (--heatmap-stats): every group */
    }
}



/* The lane bounds of the threads' runs for the next tile (bound[0..team]):
 * each run's share moves halfway to where the times of this tile (took[t]
 * seconds for its lanes) say every run would take as long. Lanes cost
 * unequally (a block of gathers more than a block of shared columns, a run
 * of frequent trades more than a quiet one) and so may the threads (a busy
 * sibling core): equal shares left one thread waiting at every tile's
 * barrier. Each run stays contiguous and moves by a few lanes at its ends. */
static void rebalance(double *bound, const double *took, size_t team, size_t m)
{
    double sum = 0;
    for (size_t t = 0; t < team; t++) {
        const double lanes = bound[t + 1] - bound[t];
        if (!(lanes >= 1 && took[t] > 0))
            return; /* too little to measure: keep the shares */
        sum += lanes / took[t];
    }
    double at = 0;
    for (size_t t = 0; t + 1 < team; t++) {
        const double lanes = bound[t + 1] - bound[t], want = (double)m * (lanes / took[t]) / sum;
        at += 0.5 * (lanes + want);
        bound[t + 1] = at;
    }
}

/* Thread `me` of a team of `team`: every tile's share of the SMA spans, and
 * its own run of blocks, contiguous: interleaved blocks (thread t taking
 * blocks t, t + T, ...) put two threads on neighbouring lanes at the same
 * time, and the cache lines two blocks share at their edge went back and
 * forth on every bar (two threads ran no faster than one); blocks handed out
 * in chunks to whichever thread was free moved lanes' state between cores
 * (11% slower on 200,000 bars). The runs' bounds follow the tiles' times
 * (rebalance). */
static void run_thread(sma_job *j, size_t me, size_t team, double *bound, double *took)
{
    const size_t n = j->g.n;
    const int groups = j->x->groups;
    block_fn fn = block_fn_for(groups);
    const int cross = !(groups & BT_ACC_PER_BAR) &&
                      !getenv("BTGPU_CPU_PER_BAR");
    (void)cross;
    const double *close = j->g.close;
    const size_t spans0 = (j->tab[0].n_windows + BT_SMA_SPAN - 1) / BT_SMA_SPAN;
    const size_t spans = spans0 + (j->tab[1].n_windows + BT_SMA_SPAN - 1) / BT_SMA_SPAN;
    for (size_t t0 = 0; t0 < n; t0 += TILE_BARS) {
        size_t t1 = t0 + TILE_BARS < n ? t0 + TILE_BARS : n;
        const size_t i1 = t1 < n ? t1 : n - 1;
        /* a stop request (j->halt, set in one thread at the end of the last
         * tile): every thread leaves together and the caller drops the values */
        if (j->halt)
            break;
#ifdef BTGPU_HAVE_OPENMP
#pragma omp for schedule(static)
#endif
        for (size_t sp = 0; sp < spans; sp++) { /* the SMA tables, a span of windows at a time */
            bt_sma_table *tab = &j->tab[sp >= spans0];
            size_t w0 = (sp >= spans0 ? sp - spans0 : sp) * BT_SMA_SPAN;
            size_t w1 = w0 + BT_SMA_SPAN < tab->n_windows ? w0 + BT_SMA_SPAN : tab->n_windows;
            bt_sma_table_span(tab, w0, w1, close, t0, t1);
        }
        size_t kb0 = 0, kb1;
        while (kb0 < j->n_blocks && (double)j->blocks[kb0].b0 < bound[me])
            kb0++;
        for (kb1 = kb0; kb1 < j->n_blocks && (double)j->blocks[kb1].b0 < bound[me + 1];)
            kb1++;
#ifdef BTGPU_HAVE_OPENMP
        const double start = team > 1 ? omp_get_wtime() : 0;
#endif
        for (size_t k = kb0; k < kb1; k++) {
            lane_block *b = &j->blocks[k];
#if BT_CROSS_PATH
            if (cross && b->mode != MODE_GATHER) {
                if (t0 < i1)
                    block_cross(j, b, t0, t0, i1);
            } else
#endif
                fn(j, b, t0, t0, i1);
            if (t1 == n)
                for (size_t c = b->b0; c < b->b1; c++) {
#if BT_CROSS_PATH
                    if (cross && b->mode != MODE_GATHER && n >= 2)
                        lane_advance(j, c, n - 2, 0);
#endif
                    last_bar(j, c, n - 1 - t0 + 1, groups);
                }
        }
#ifdef BTGPU_HAVE_OPENMP
        if (team > 1) {
            took[me] = omp_get_wtime() - start;
#pragma omp barrier
        }
#endif
#ifdef BTGPU_HAVE_OPENMP
#pragma omp single /* its barrier: the next tile's spans overwrite the tables */
#endif
        {
            j->halt = bt_job_stopping(j->job);
            if (team > 1)
                rebalance(bound, took, team, j->m);
        }
    }
}

static int run_job(sma_job *j, int threads)
{
    const size_t cap = threads > 1 ? (size_t)threads : 1;
    double *bound = malloc((2 * cap + 1) * sizeof *bound), *took = bound + cap + 1;
    if (!bound)
        return -1;
#ifdef BTGPU_HAVE_OPENMP
#pragma omp parallel num_threads(threads)
    {
        const size_t team = (size_t)omp_get_num_threads();
#pragma omp single
        for (size_t t = 0; t <= team; t++)
            bound[t] = (double)(j->m * t / team);
        run_thread(j, (size_t)omp_get_thread_num(), team, bound, took);
    }
#else
    bound[0] = 0;
    bound[1] = (double)j->m;
    run_thread(j, 0, 1, bound, took);
#endif
    free(bound);
    return 0;
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
        for (size_t k = 0; k < cj->n_keys; k++)
            values[c * cj->n_keys + k] = NAN;
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
            if (run_job(&j, bt_team_size(cj->threads, j.n_blocks))) /* a thread per block of lanes at most */
                rc = bt_error_set(err, BT_ERR_RANGE, "cannot allocate the working memory for %zu combinations", m);
            for (size_t c = 0; rc == BT_OK && c < live; c++)
                bt_job_values(cj, j.x, &j.acc, c, &j.tacc[c], j.warm[c], values + where[c] * cj->n_keys);
            job_free(&j);
        }
    }
    free(packed);
    free(where);
    return rc;
}
