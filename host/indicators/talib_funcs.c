/* TA-Lib 0.6.4 functions as ta-lib-python 0.6.8 calls them, re-implemented
 * from the algorithms of TA-Lib's src/ta_func/ta_*.c (every operation in
 * TA-Lib's order; -ffp-contract=off keeps it) and talib/_func.pxi (the
 * begidx rule and the NaN-filled warm-up). */
#include "indicators.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* TA-Lib 0.6.x: TA_EPSILON 1e-14; TA_IS_ZERO(v) = -eps < v < eps,
 * TA_IS_ZERO_OR_NEG(v) = v < eps */
#define TA_EPS 0.00000000000001
#define TA_IS_ZERO(v) (((-TA_EPS) < (v)) && ((v) < TA_EPS))
#define TA_IS_ZERO_OR_NEG(v) ((v) < TA_EPS)
#define TA_REAL_DEFAULT (-4e37)
#define PER_TO_K(per) ((double)2.0 / ((double)(per) + 1.0))

/* ---- bt_ta_memo -------------------------------------------------------- */

#define MEMO_SLOTS 4
typedef struct memo_ent {
    int fn, a, b;     /* MEMO_BBANDS (a = timeperiod) or MEMO_MACD (a = fast, b = slow) */
    size_t m;         /* the input's length after its NaN prefix */
    double *x;        /* the input, copied */
    double *r0, *r1;  /* BBANDS: middle band and deviation; MACD: the line (r1 unused) */
    size_t cap;       /* doubles each of x, r0, r1 hold */
    unsigned long long stamp;
} memo_ent;
struct bt_ta_memo {
    memo_ent e[MEMO_SLOTS];
    unsigned long long clock;
};
enum { MEMO_BBANDS = 1, MEMO_MACD = 2 };
static _Thread_local bt_ta_memo *memo_now;

bt_ta_memo *bt_ta_memo_new(void) { return calloc(1, sizeof(bt_ta_memo)); }

void bt_ta_memo_free(bt_ta_memo *m)
{
    if (!m)
        return;
    for (int k = 0; k < MEMO_SLOTS; k++) {
        free(m->e[k].x);
        free(m->e[k].r0);
        free(m->e[k].r1);
    }
    free(m);
}

void bt_ta_memo_use(bt_ta_memo *m) { memo_now = m; }

/* The entry of (fn, a, b) over x[0..m), or NULL */
static memo_ent *memo_find(int fn, int a, int b, const double *x, size_t m)
{
    bt_ta_memo *M = memo_now;
    if (!M)
        return NULL;
    for (int k = 0; k < MEMO_SLOTS; k++) {
        memo_ent *e = &M->e[k];
        if (e->fn == fn && e->a == a && e->b == b && e->m == m && memcmp(e->x, x, m * sizeof *x) == 0) {
            e->stamp = ++M->clock;
            return e;
        }
    }
    return NULL;
}

/* The least recently used entry, made (fn, a, b) over a copy of x[0..m)
 * with r0 and r1 of m doubles; NULL when there is no memo or no memory. */
static memo_ent *memo_slot(int fn, int a, int b, const double *x, size_t m)
{
    bt_ta_memo *M = memo_now;
    if (!M || m == 0)
        return NULL;
    memo_ent *e = &M->e[0];
    for (int k = 1; k < MEMO_SLOTS; k++)
        if (M->e[k].stamp < e->stamp)
            e = &M->e[k];
    e->fn = 0;
    if (e->cap < m) {
        double *nx = realloc(e->x, m * sizeof *nx);
        if (nx)
            e->x = nx;
        double *n0 = nx ? realloc(e->r0, m * sizeof *n0) : NULL;
        if (n0)
            e->r0 = n0;
        double *n1 = n0 ? realloc(e->r1, m * sizeof *n1) : NULL;
        if (!n1)
            return NULL;
        e->r1 = n1;
        e->cap = m;
    }
    memcpy(e->x, x, m * sizeof *x);
    e->fn = fn;
    e->a = a;
    e->b = b;
    e->m = m;
    e->stamp = ++M->clock;
    return e;
}

/* ---- the cores: run on m bars (startIdx 0, endIdx m-1), write from o[0] the
 * m - lookback outputs (callers guarantee m > lookback) -------------------- */

static void core_sma(const double *x, size_t m, int p, double *o)
{
    double tot = 0.0;
    size_t i = 0, trail = 0, k = 0;
    while (i < (size_t)p - 1)
        tot += x[i++];
    do {
        tot += x[i++];
        double t = tot;
        tot -= x[trail++];
        o[k++] = t / (double)p;
    } while (i < m);
}

static void core_sum(const double *x, size_t m, int p, double *o)
{
    double tot = 0.0;
    size_t i = 0, trail = 0, k = 0;
    while (i < (size_t)p - 1)
        tot += x[i++];
    do {
        tot += x[i++];
        double t = tot;
        tot -= x[trail++];
        o[k++] = t;
    } while (i < m);
}

/* TA_INT_EMA(startIdx, endIdx) with the classic (non-Metastock) seed: the
 * mean of the period values ending at startIdx. Returns the count written. */
static size_t ema_int(const double *x, size_t start, size_t end, int p, double k, double *o)
{
    size_t lb = (size_t)p - 1;
    if (start < lb)
        start = lb;
    if (start > end)
        return 0;
    size_t today = start - lb;
    double t = 0.0;
    for (int i = p; i-- > 0;)
        t += x[today++];
    double prev = t / (double)p;
    while (today <= start)
        prev = ((x[today++] - prev) * k) + prev;
    size_t n = 0;
    o[n++] = prev;
    while (today <= end) {
        prev = ((x[today++] - prev) * k) + prev;
        o[n++] = prev;
    }
    return n;
}

/* ema_int(x, start, end, p1, ...) into o1 and the same with p2 <= p1 into
 * o2 (both begin at start >= p1 - 1, as MACD's two EMAs do), their
 * recurrences interleaved in one loop so that neither waits on the other's
 * latency: each value is computed exactly as ema_int computes it. */
static size_t ema_pair(const double *x, size_t start, size_t end, int p1, int p2, double *o1, double *o2)
{
    if (start < (size_t)p1 - 1 || p2 > p1 || start > end) {
        size_t n = ema_int(x, start, end, p1, PER_TO_K(p1), o1);
        ema_int(x, start, end, p2, PER_TO_K(p2), o2);
        return n;
    }
    const double k1 = PER_TO_K(p1), k2 = PER_TO_K(p2);
    size_t a = start - ((size_t)p1 - 1), b = start - ((size_t)p2 - 1);
    double t1 = 0.0, t2 = 0.0;
    for (int i = p1; i-- > 0;)
        t1 += x[a++];
    for (int i = p2; i-- > 0;)
        t2 += x[b++];
    double e1 = t1 / (double)p1, e2 = t2 / (double)p2;
    /* a == b == start + 1 here: both seeds end at start */
    size_t n = 0;
    o1[n] = e1;
    o2[n++] = e2;
    for (size_t today = start + 1; today <= end; today++, n++) {
        e1 = ((x[today] - e1) * k1) + e1;
        e2 = ((x[today] - e2) * k2) + e2;
        o1[n] = e1;
        o2[n] = e2;
    }
    return n;
}

static void core_wma(const double *x, size_t m, int p, double *o)
{
    int divider = (p * (p + 1)) >> 1;
    size_t trail = 0, in = 0, k = 0;
    double psum = 0.0, psub = 0.0;
    int i = 1;
    while (in < (size_t)p - 1) {
        double t = x[in++];
        psub += t;
        psum += t * i;
        i++;
    }
    double trailing = 0.0;
    while (in < m) {
        double t = x[in++];
        psub += t;
        psub -= trailing;
        psum += t * p;
        trailing = x[trail++];
        o[k++] = psum / divider;
        psum -= psub;
    }
}

static void core_rsi(const double *x, size_t m, int p, double *o)
{
    size_t today = 0, k = 0;
    double prev = x[today];
    double gain = 0.0, loss = 0.0;
    today++;
    for (int i = p; i > 0; i--) {
        double v = x[today++];
        double d = v - prev;
        prev = v;
        if (d < 0.0)
            loss -= d;
        else
            gain += d;
    }
    loss /= (double)p;
    gain /= (double)p;
    double s = gain + loss;
    o[k++] = !TA_IS_ZERO(s) ? 100.0 * (gain / s) : 0.0;
    while (today < m) {
        double v = x[today++];
        double d = v - prev;
        prev = v;
        loss *= (double)(p - 1);
        gain *= (double)(p - 1);
        if (d < 0.0)
            loss -= d;
        else
            gain += d;
        loss /= (double)p;
        gain /= (double)p;
        s = gain + loss;
        o[k++] = !TA_IS_ZERO(s) ? 100.0 * (gain / s) : 0.0;
    }
}

static inline double true_range(double h, double l, double yc)
{
    double g = h - l;
    double v2 = fabs(yc - h);
    if (v2 > g)
        g = v2;
    double v3 = fabs(yc - l);
    if (v3 > g)
        g = v3;
    return g;
}

static void core_trange(const double *h, const double *l, const double *c, size_t m, double *o)
{
    for (size_t t = 1; t < m; t++)
        o[t - 1] = true_range(h[t], l[t], c[t - 1]);
}

/* ATR / NATR: the TRANGE series from bar 1, seeded by its SMA over p bars,
 * then Wilder's smoothing in three statements. */
static int core_atr(const double *h, const double *l, const double *c, size_t m, int p, int natr, double *o)
{
    if (p <= 1) {
        core_trange(h, l, c, m, o);
        return BT_OK;
    }
    double *tr = malloc((m - 1) * sizeof *tr);
    if (!tr)
        return BT_ERR_NOMEM;
    core_trange(h, l, c, m, tr);
    double t = 0.0;
    for (int i = 0; i < p; i++)
        t += tr[i];
    double prev = t / (double)p;
    size_t today = (size_t)p, k = 0;
    size_t nb = m - (size_t)p;
    if (natr) {
        double cv = c[today];
        o[k++] = !TA_IS_ZERO(cv) ? (prev / cv) * 100.0 : 0.0;
    } else {
        o[k++] = prev;
    }
    while (--nb != 0) {
        prev *= (double)(p - 1);
        prev += tr[today];
        prev /= (double)p;
        today++;
        if (natr) {
            double cv = c[today];
            o[k++] = !TA_IS_ZERO(cv) ? (prev / cv) * 100.0 : 0.0;
        } else {
            o[k++] = prev;
        }
    }
    free(tr);
    return BT_OK;
}

static void core_extreme(const double *x, size_t m, int p, int is_max, double *o)
{
    size_t trail = 0, today = (size_t)p - 1, k = 0;
    long best_idx = -1;
    double best = 0.0;
    while (today < m) {
        double t = x[today];
        if (best_idx < (long)trail) {
            best_idx = (long)trail;
            best = x[best_idx];
            size_t i = (size_t)best_idx;
            while (++i <= today) {
                t = x[i];
                if (is_max ? t > best : t < best) {
                    best_idx = (long)i;
                    best = t;
                }
            }
        } else if (is_max ? t >= best : t <= best) {
            best_idx = (long)today;
            best = t;
        }
        o[k++] = best;
        trail++;
        today++;
    }
}

static void core_var(const double *x, size_t m, int p, double *o)
{
    double t1 = 0.0, t2 = 0.0;
    size_t trail = 0, i = 0, k = 0;
    while (i < (size_t)p - 1) {
        double t = x[i++];
        t1 += t;
        t *= t;
        t2 += t;
    }
    do {
        double t = x[i++];
        t1 += t;
        t *= t;
        t2 += t;
        double m1 = t1 / (double)p;
        double m2 = t2 / (double)p;
        t = x[trail++];
        t1 -= t;
        t *= t;
        t2 -= t;
        o[k++] = m2 - m1 * m1;
    } while (i < m);
}

static void core_mom(const double *x, size_t m, int p, int roc, double *o)
{
    size_t k = 0;
    for (size_t in = (size_t)p, trail = 0; in < m; in++, trail++) {
        if (roc) {
            double t = x[trail];
            o[k++] = t != 0.0 ? ((x[in] / t) - 1.0) * 100.0 : 0.0;
        } else {
            o[k++] = x[in] - x[trail];
        }
    }
}

/* ---- the generic ta-lib-python wrapper ------------------------------------- */

static size_t begidx_of(const double *const *in, size_t n_in, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t k;
        for (k = 0; k < n_in; k++)
            if (in[k][i] != in[k][i])
                break;
        if (k == n_in)
            return i;
    }
    return n - 1;
}

/* fills the warm-up with NaN; returns 1 when there is something to compute,
 * with *beg = begidx and *tot = begidx + lookback */
static int ta_prologue(const bt_ta_func *f, const double *const *in, size_t n, const double *opts,
                       double *const *out, size_t *beg, size_t *tot)
{
    size_t b = begidx_of(in, f->n_inputs, n);
    size_t t = b + f->lookback(opts);
    size_t lim = t < n ? t : n;
    for (size_t k = 0; k < f->n_outputs; k++)
        for (size_t i = 0; i < lim; i++)
            out[k][i] = NAN;
    *beg = b;
    *tot = t;
    return t < n;
}

static int iopt(const double *opts, size_t k)
{
    return (int)opts[k];
}

/* the value TA-Lib uses for a double option (TA_REAL_DEFAULT -> default) */
static double dopt(const bt_ta_func *f, const double *opts, size_t k)
{
    return opts[k] == TA_REAL_DEFAULT ? f->opt_default[k] : opts[k];
}

int bt_ta_check_opts(const bt_ta_func *f, const double *opts, bt_error *err)
{
    for (size_t k = 0; k < f->n_opts; k++) {
        double v = opts[k];
        if (f->opt_is_int[k]) {
            if (v != v || v != floor(v))
                return bt_error_set(err, BT_ERR_USAGE, "%s: option %s must be an integer, got %.17g", f->name,
                                    f->opt_names[k], v);
            if (v < f->opt_min[k] || v > f->opt_max[k])
                return bt_error_set(err, BT_ERR_USAGE,
                                    "%s: %s %.17g is out of range %.0f..%.0f (TA_%s function failed with error "
                                    "code 2: Bad Parameter (TA_BAD_PARAM))",
                                    f->name, f->opt_names[k], v, f->opt_min[k], f->opt_max[k], f->name);
        } else if (v != TA_REAL_DEFAULT && (v < f->opt_min[k] || v > f->opt_max[k])) {
            return bt_error_set(err, BT_ERR_USAGE,
                                "%s: %s %.17g is out of range %g..%g (TA_%s function failed with error code 2: Bad "
                                "Parameter (TA_BAD_PARAM))",
                                f->name, f->opt_names[k], v, f->opt_min[k], f->opt_max[k], f->name);
        }
    }
    if (!strcmp(f->name, "BBANDS") && opts[3] != 0)
        return bt_error_set(err, BT_ERR_USAGE, "BBANDS: matype %d is not supported (only 0, SMA)", iopt(opts, 3));
    if (!strcmp(f->name, "STOCH") && (opts[2] != 0 || opts[4] != 0))
        return bt_error_set(err, BT_ERR_USAGE, "STOCH: %s %d is not supported (only 0, SMA)",
                            opts[2] != 0 ? "slowk_matype" : "slowd_matype", iopt(opts, opts[2] != 0 ? 2 : 4));
    if (!strcmp(f->name, "MACD") && opts[2] == 1)
        return bt_error_set(err, BT_ERR_USAGE,
                            "MACD: signalperiod 1 is not supported (TA-Lib 0.6.4 returns misaligned values for it)");
    return BT_OK;
}

#define TA_BEGIN(NAME)                                                                             \
    const bt_ta_func *f = bt_ta_find(#NAME);                                                       \
    int rc_ = bt_ta_check_opts(f, opts, err);                                                      \
    if (rc_ != BT_OK)                                                                              \
        return rc_;                                                                                \
    if (n == 0)                                                                                    \
        return BT_OK;                                                                              \
    size_t beg, tot;                                                                               \
    if (!ta_prologue(f, in, n, opts, out, &beg, &tot))                                             \
        return BT_OK;                                                                              \
    size_t m = n - beg;                                                                            \
    (void)m

#define NOMEM(NAME) bt_error_set(err, BT_ERR_NOMEM, "%s: out of memory", #NAME)

/* ---- lookbacks ---- */
static size_t lb_p_minus_1(const double *o) { return (size_t)o[0] - 1; }
static size_t lb_p(const double *o) { return (size_t)o[0]; }
static size_t lb_zero(const double *o) { (void)o; return 0; }
static size_t ta_SMA_lookback(const double *o) { return lb_p_minus_1(o); }
static size_t ta_EMA_lookback(const double *o) { return lb_p_minus_1(o); }
static size_t ta_WMA_lookback(const double *o) { return lb_p_minus_1(o); }
static size_t ta_RSI_lookback(const double *o) { return lb_p(o); }
static size_t ta_ATR_lookback(const double *o) { return lb_p(o); }
static size_t ta_NATR_lookback(const double *o) { return lb_p(o); }
static size_t ta_TRANGE_lookback(const double *o) { (void)o; return 1; }
static size_t ta_MACD_lookback(const double *o)
{
    int fast = (int)o[0], slow = (int)o[1];
    int mx = slow < fast ? fast : slow;
    return (size_t)(mx - 1) + (size_t)((int)o[2] - 1);
}
static size_t ta_BBANDS_lookback(const double *o) { return lb_p_minus_1(o); }
static size_t ta_MAX_lookback(const double *o) { return lb_p_minus_1(o); }
static size_t ta_MIN_lookback(const double *o) { return lb_p_minus_1(o); }
static size_t ta_SUM_lookback(const double *o) { return lb_p_minus_1(o); }
static size_t ta_STOCH_lookback(const double *o)
{
    return (size_t)((int)o[0] - 1) + (size_t)((int)o[1] - 1) + (size_t)((int)o[3] - 1);
}
static size_t ta_ADX_lookback(const double *o) { return 2 * (size_t)o[0] - 1; }
static size_t ta_CCI_lookback(const double *o) { return lb_p_minus_1(o); }
static size_t ta_WILLR_lookback(const double *o) { return lb_p_minus_1(o); }
static size_t ta_OBV_lookback(const double *o) { return lb_zero(o); }
static size_t ta_MFI_lookback(const double *o) { return lb_p(o); }
static size_t ta_MOM_lookback(const double *o) { return lb_p(o); }
static size_t ta_ROC_lookback(const double *o) { return lb_p(o); }
static size_t ta_STDDEV_lookback(const double *o) { return lb_p_minus_1(o); }

/* ---- computes ---- */

/* The one-input, one-period functions: x the input from the first valid bar,
 * m its length, p the period (option 0), o the output from the first value. */
#define TA_PERIOD_COMPUTE(NAME, CALL)                                                              \
    static int ta_##NAME##_compute(const double *const *in, size_t n, const double *opts,          \
                                   double *const *out, bt_error *err)                              \
    {                                                                                              \
        TA_BEGIN(NAME);                                                                            \
        const double *x = in[0] + beg;                                                             \
        int p = iopt(opts, 0);                                                                     \
        double *o = out[0] + tot;                                                                  \
        CALL;                                                                                      \
        return BT_OK;                                                                              \
    }

TA_PERIOD_COMPUTE(SMA, core_sma(x, m, p, o))

TA_PERIOD_COMPUTE(SUM, core_sum(x, m, p, o))

static int ta_EMA_compute(const double *const *in, size_t n, const double *opts, double *const *out, bt_error *err)
{
    TA_BEGIN(EMA);
    int p = iopt(opts, 0);
    ema_int(in[0] + beg, 0, m - 1, p, PER_TO_K(p), out[0] + tot);
    return BT_OK;
}

TA_PERIOD_COMPUTE(WMA, core_wma(x, m, p, o))

TA_PERIOD_COMPUTE(RSI, core_rsi(x, m, p, o))

static int ta_ATR_compute(const double *const *in, size_t n, const double *opts, double *const *out, bt_error *err)
{
    TA_BEGIN(ATR);
    if (core_atr(in[0] + beg, in[1] + beg, in[2] + beg, m, iopt(opts, 0), 0, out[0] + tot) != BT_OK)
        return NOMEM(ATR);
    return BT_OK;
}

static int ta_NATR_compute(const double *const *in, size_t n, const double *opts, double *const *out, bt_error *err)
{
    TA_BEGIN(NATR);
    if (core_atr(in[0] + beg, in[1] + beg, in[2] + beg, m, iopt(opts, 0), 1, out[0] + tot) != BT_OK)
        return NOMEM(NATR);
    return BT_OK;
}

static int ta_TRANGE_compute(const double *const *in, size_t n, const double *opts, double *const *out,
                             bt_error *err)
{
    TA_BEGIN(TRANGE);
    core_trange(in[0] + beg, in[1] + beg, in[2] + beg, m, out[0] + tot);
    return BT_OK;
}

static int ta_MACD_compute(const double *const *in, size_t n, const double *opts, double *const *out, bt_error *err)
{
    TA_BEGIN(MACD);
    const double *x = in[0] + beg;
    int fast = iopt(opts, 0), slow = iopt(opts, 1), sig = iopt(opts, 2);
    if (slow < fast) {
        int t = slow;
        slow = fast;
        fast = t;
    }
    size_t lb_sig = (size_t)sig - 1;
    size_t start = lb_sig + (size_t)slow - 1, end = m - 1;
    size_t cnt = end - start + 1;
    double *fastb = malloc((cnt + lb_sig) * sizeof *fastb), *slowb = malloc((cnt + lb_sig) * sizeof *slowb);
    if (!fastb || !slowb) {
        free(fastb);
        free(slowb);
        return NOMEM(MACD);
    }
    /* the line starts at slow - 1 whatever the signal period: memorized */
    const memo_ent *had = memo_find(MEMO_MACD, fast, slow, x, m);
    size_t n1 = cnt + lb_sig;
    if (had) {
        memcpy(fastb, had->r0, n1 * sizeof *fastb);
    } else {
        n1 = ema_pair(x, start - lb_sig, end, slow, fast, slowb, fastb);
        for (size_t i = 0; i < n1; i++)
            fastb[i] = fastb[i] - slowb[i];
        memo_ent *keep = memo_slot(MEMO_MACD, fast, slow, x, m);
        if (keep)
            memcpy(keep->r0, fastb, n1 * sizeof *fastb);
    }
    double *om = out[0] + tot, *os = out[1] + tot, *oh = out[2] + tot;
    memcpy(om, fastb + lb_sig, cnt * sizeof *om);
    size_t n2 = ema_int(fastb, 0, n1 - 1, sig, PER_TO_K(sig), os);
    for (size_t i = 0; i < n2; i++)
        oh[i] = om[i] - os[i];
    free(fastb);
    free(slowb);
    return BT_OK;
}

/* TA-Lib's band branches all reduce to these operations */
static inline void bands(double m0, double sd, double up, double dn, double *hi, double *lo)
{
    if (up == dn) {
        double d = up == 1.0 ? sd : sd * up;
        *hi = m0 + d;
        *lo = m0 - d;
    } else {
        *hi = m0 + (up == 1.0 ? sd : sd * up);
        *lo = m0 - (dn == 1.0 ? sd : sd * dn);
    }
}

static int ta_BBANDS_compute(const double *const *in, size_t n, const double *opts, double *const *out,
                             bt_error *err)
{
    TA_BEGIN(BBANDS);
    const double *x = in[0] + beg;
    int p = iopt(opts, 0);
    double up = dopt(f, opts, 1), dn = dopt(f, opts, 2);
    size_t nb = m - (size_t)p + 1;
    double *mid = out[1] + tot, *hi = out[0] + tot, *lo = out[2] + tot;
    const memo_ent *had = memo_find(MEMO_BBANDS, p, 0, x, m);
    memo_ent *keep = had ? NULL : memo_slot(MEMO_BBANDS, p, 0, x, m);
    double *sdv = had ? had->r1 : keep ? keep->r1 : NULL; /* the deviations, when memorized */
    if (had) {
        memcpy(mid, had->r0, nb * sizeof *mid);
    } else {
        core_sma(x, m, p, mid);
        /* TA_INT_stddev_using_precalc_ma: running sum of squares minus mean^2 */
        size_t ss = 0, es = (size_t)p - 1;
        double t2 = 0.0;
        for (size_t j = ss; j < es; j++) {
            double t = x[j];
            t *= t;
            t2 += t;
        }
        for (size_t o = 0; o < nb; o++, ss++, es++) {
            double t = x[es];
            t *= t;
            t2 += t;
            double mean2 = t2 / (double)p;
            t = x[ss];
            t *= t;
            t2 -= t;
            t = mid[o];
            t *= t;
            mean2 -= t;
            double sd = !TA_IS_ZERO_OR_NEG(mean2) ? sqrt(mean2) : 0.0;
            if (sdv)
                sdv[o] = sd;
            else
                bands(mid[o], sd, up, dn, hi + o, lo + o);
        }
        if (keep)
            memcpy(keep->r0, mid, nb * sizeof *mid);
        if (!sdv)
            return BT_OK;
    }
    for (size_t o = 0; o < nb; o++)
        bands(mid[o], sdv[o], up, dn, hi + o, lo + o);
    return BT_OK;
}

TA_PERIOD_COMPUTE(MAX, core_extreme(x, m, p, 1, o))

TA_PERIOD_COMPUTE(MIN, core_extreme(x, m, p, 0, o))

static int ta_STOCH_compute(const double *const *in, size_t n, const double *opts, double *const *out,
                            bt_error *err)
{
    TA_BEGIN(STOCH);
    const double *h = in[0] + beg, *l = in[1] + beg, *c = in[2] + beg;
    int fk = iopt(opts, 0), sk = iopt(opts, 1), sd = iopt(opts, 3);
    size_t lbk = (size_t)fk - 1, lbks = (size_t)sk - 1, lbds = (size_t)sd - 1;
    size_t trail = 0, today = lbk;
    size_t nk = m - lbk;
    double *fast = malloc(nk * sizeof *fast), *slowk = malloc(nk * sizeof *slowk);
    if (!fast || !slowk) {
        free(fast);
        free(slowk);
        return NOMEM(STOCH);
    }
    long lo_idx = -1, hi_idx = -1;
    double diff = 0.0, hi = 0.0, lo = 0.0;
    size_t k = 0;
    while (today < m) {
        double t = l[today];
        if (lo_idx < (long)trail) {
            lo_idx = (long)trail;
            lo = l[lo_idx];
            size_t i = (size_t)lo_idx;
            while (++i <= today) {
                t = l[i];
                if (t < lo) {
                    lo_idx = (long)i;
                    lo = t;
                }
            }
            diff = (hi - lo) / 100.0;
        } else if (t <= lo) {
            lo_idx = (long)today;
            lo = t;
            diff = (hi - lo) / 100.0;
        }
        t = h[today];
        if (hi_idx < (long)trail) {
            hi_idx = (long)trail;
            hi = h[hi_idx];
            size_t i = (size_t)hi_idx;
            while (++i <= today) {
                t = h[i];
                if (t > hi) {
                    hi_idx = (long)i;
                    hi = t;
                }
            }
            diff = (hi - lo) / 100.0;
        } else if (t >= hi) {
            hi_idx = (long)today;
            hi = t;
            diff = (hi - lo) / 100.0;
        }
        fast[k++] = diff != 0.0 ? (c[today] - lo) / diff : 0.0;
        trail++;
        today++;
    }
    /* slowK = SMA(fastK, sk), slowD = SMA(slowK, sd); period 1 copies */
    size_t nsk = nk - lbks;
    if (sk == 1)
        memcpy(slowk, fast, nk * sizeof *fast);
    else
        core_sma(fast, nk, sk, slowk);
    size_t nsd = nsk - lbds;
    double *ok = out[0] + tot, *od = out[1] + tot;
    if (sd == 1)
        memcpy(od, slowk, nsk * sizeof *od);
    else
        core_sma(slowk, nsk, sd, od);
    memcpy(ok, slowk + lbds, nsd * sizeof *ok);
    free(fast);
    free(slowk);
    return BT_OK;
}

/* TA-Lib's ADX state: the previous bar's high, low and close, the summed (then
 * Wilder-smoothed) -DM, +DM and true range */
typedef struct adx_state {
    double ph, pl, pc, pmdm, ppdm, ptr;
} adx_state;

/* Bar i of TA-Lib's ADX: summed into the state before the first p bars
 * (smooth 0), smoothed over period p after (smooth 1); then 1 with the bar's
 * DX in *dx, 0 where it has none (before, or a zero range or DI sum). */
static inline int adx_bar(adx_state *s, const double *h, const double *l, const double *c, size_t i, int p,
                          int smooth, double *dx)
{
    double t = h[i];
    double dp = t - s->ph;
    s->ph = t;
    t = l[i];
    double dm = s->pl - t;
    s->pl = t;
    if (smooth) {
        s->pmdm -= s->pmdm / p;
        s->ppdm -= s->ppdm / p;
    }
    if ((dm > 0) && (dp < dm))
        s->pmdm += dm;
    else if ((dp > 0) && (dp > dm))
        s->ppdm += dp;
    t = true_range(s->ph, s->pl, s->pc);
    if (smooth)
        s->ptr = s->ptr - (s->ptr / p) + t;
    else
        s->ptr += t;
    s->pc = c[i];
    if (!smooth || TA_IS_ZERO(s->ptr))
        return 0;
    double mdi = (100.0 * (s->pmdm / s->ptr));
    double pdi = (100.0 * (s->ppdm / s->ptr));
    t = mdi + pdi;
    if (TA_IS_ZERO(t))
        return 0;
    *dx = (100.0 * (fabs(mdi - pdi) / t));
    return 1;
}

static int ta_ADX_compute(const double *const *in, size_t n, const double *opts, double *const *out, bt_error *err)
{
    TA_BEGIN(ADX);
    const double *h = in[0] + beg, *l = in[1] + beg, *c = in[2] + beg;
    int p = iopt(opts, 0);
    double *o = out[0] + tot;
    size_t today = 0, k = 0, end = m - 1;
    adx_state s = {h[today], l[today], c[today], 0.0, 0.0, 0.0};
    double dx;
    for (int i = p - 1; i-- > 0;)
        adx_bar(&s, h, l, c, ++today, p, 0, &dx);
    double sumdx = 0.0;
    for (int i = p; i-- > 0;)
        if (adx_bar(&s, h, l, c, ++today, p, 1, &dx))
            sumdx += dx;
    double padx = (sumdx / p);
    o[k++] = padx;
    while (today < end) {
        if (adx_bar(&s, h, l, c, ++today, p, 1, &dx))
            padx = (((padx * (p - 1)) + dx) / p);
        o[k++] = padx;
    }
    return BT_OK;
}

static int ta_CCI_compute(const double *const *in, size_t n, const double *opts, double *const *out, bt_error *err)
{
    TA_BEGIN(CCI);
    const double *h = in[0] + beg, *l = in[1] + beg, *c = in[2] + beg;
    int p = iopt(opts, 0);
    double *circ = malloc((size_t)p * sizeof *circ);
    if (!circ)
        return NOMEM(CCI);
    size_t ci = 0, maxi = (size_t)p - 1, i = 0, k = 0;
    double *o = out[0] + tot;
    while (i < (size_t)p - 1) {
        circ[ci] = (h[i] + l[i] + c[i]) / 3;
        i++;
        ci = ci == maxi ? 0 : ci + 1;
    }
    do {
        double last = (h[i] + l[i] + c[i]) / 3;
        circ[ci] = last;
        double avg = 0;
        for (int j = 0; j < p; j++)
            avg += circ[j];
        avg /= p;
        double t2 = 0;
        for (int j = 0; j < p; j++)
            t2 += fabs(circ[j] - avg);
        double t = last - avg;
        if ((t != 0.0) && (t2 != 0.0))
            o[k++] = t / (0.015 * (t2 / p));
        else
            o[k++] = 0.0;
        ci = ci == maxi ? 0 : ci + 1;
        i++;
    } while (i < m);
    free(circ);
    return BT_OK;
}

static int ta_WILLR_compute(const double *const *in, size_t n, const double *opts, double *const *out,
                            bt_error *err)
{
    TA_BEGIN(WILLR);
    const double *h = in[0] + beg, *l = in[1] + beg, *c = in[2] + beg;
    int p = iopt(opts, 0);
    double *o = out[0] + tot;
    size_t trail = 0, today = (size_t)p - 1, k = 0;
    long lo_idx = -1, hi_idx = -1;
    double diff = 0.0, hi = 0.0, lo = 0.0;
    while (today < m) {
        double t = l[today];
        if (lo_idx < (long)trail) {
            lo_idx = (long)trail;
            lo = l[lo_idx];
            size_t i = (size_t)lo_idx;
            while (++i <= today) {
                t = l[i];
                if (t < lo) {
                    lo_idx = (long)i;
                    lo = t;
                }
            }
            diff = (hi - lo) / (-100.0);
        } else if (t <= lo) {
            lo_idx = (long)today;
            lo = t;
            diff = (hi - lo) / (-100.0);
        }
        t = h[today];
        if (hi_idx < (long)trail) {
            hi_idx = (long)trail;
            hi = h[hi_idx];
            size_t i = (size_t)hi_idx;
            while (++i <= today) {
                t = h[i];
                if (t > hi) {
                    hi_idx = (long)i;
                    hi = t;
                }
            }
            diff = (hi - lo) / (-100.0);
        } else if (t >= hi) {
            hi_idx = (long)today;
            hi = t;
            diff = (hi - lo) / (-100.0);
        }
        o[k++] = diff != 0.0 ? (hi - c[today]) / diff : 0.0;
        trail++;
        today++;
    }
    return BT_OK;
}

static int ta_OBV_compute(const double *const *in, size_t n, const double *opts, double *const *out, bt_error *err)
{
    TA_BEGIN(OBV);
    const double *x = in[0] + beg, *v = in[1] + beg;
    double *o = out[0] + tot;
    double obv = v[0], prev = x[0];
    for (size_t i = 0; i < m; i++) {
        double t = x[i];
        if (t > prev)
            obv += v[i];
        else if (t < prev)
            obv -= v[i];
        o[i] = obv;
        prev = t;
    }
    return BT_OK;
}

/* MFI as TA-Lib 0.6.4 has it: a ring of per-bar money flows; a flow sum
 * below 1.0 gives 0 (the threshold later releases changed, #107). */
/* Bar i of TA-Lib's MFI: its money flow (typical price times volume) into
 * *pos or *neg, and into their sum, by the move of the typical price */
static inline void mfi_bar(const double *h, const double *l, const double *c, const double *v, size_t i,
                           double *prev, double *pos, double *neg, double *psum, double *nsum)
{
    double t1 = (h[i] + l[i] + c[i]) / 3.0;
    double t2 = t1 - *prev;
    *prev = t1;
    t1 *= v[i];
    if (t2 < 0) {
        *neg = t1;
        *nsum += t1;
        *pos = 0.0;
    } else if (t2 > 0) {
        *pos = t1;
        *psum += t1;
        *neg = 0.0;
    } else {
        *pos = 0.0;
        *neg = 0.0;
    }
}

static int ta_MFI_compute(const double *const *in, size_t n, const double *opts, double *const *out, bt_error *err)
{
    TA_BEGIN(MFI);
    const double *h = in[0] + beg, *l = in[1] + beg, *c = in[2] + beg, *v = in[3] + beg;
    int p = iopt(opts, 0);
    double *pos = malloc((size_t)p * sizeof *pos), *neg = malloc((size_t)p * sizeof *neg);
    if (!pos || !neg) {
        free(pos);
        free(neg);
        return NOMEM(MFI);
    }
    double *o = out[0] + tot;
    size_t idx = 0, maxi = (size_t)p - 1, today = 0, k = 0;
    double prev = (h[today] + l[today] + c[today]) / 3.0;
    double psum = 0.0, nsum = 0.0;
    today++;
    for (int i = p; i > 0; i--) {
        mfi_bar(h, l, c, v, today++, &prev, pos + idx, neg + idx, &psum, &nsum);
        idx = idx == maxi ? 0 : idx + 1;
    }
    double s = psum + nsum;
    o[k++] = s < 1.0 ? 0.0 : 100.0 * (psum / s);
    while (today < m) {
        psum -= pos[idx];
        nsum -= neg[idx];
        mfi_bar(h, l, c, v, today++, &prev, pos + idx, neg + idx, &psum, &nsum);
        s = psum + nsum;
        o[k++] = s < 1.0 ? 0.0 : 100.0 * (psum / s);
        idx = idx == maxi ? 0 : idx + 1;
    }
    free(pos);
    free(neg);
    return BT_OK;
}

TA_PERIOD_COMPUTE(MOM, core_mom(x, m, p, 0, o))

TA_PERIOD_COMPUTE(ROC, core_mom(x, m, p, 1, o))

static int ta_STDDEV_compute(const double *const *in, size_t n, const double *opts, double *const *out,
                             bt_error *err)
{
    TA_BEGIN(STDDEV);
    int p = iopt(opts, 0);
    double nbdev = dopt(f, opts, 1);
    double *o = out[0] + tot;
    core_var(in[0] + beg, m, p, o);
    size_t nb = m - (size_t)p + 1;
    for (size_t i = 0; i < nb; i++) {
        double t = o[i];
        if (nbdev != 1.0)
            o[i] = !TA_IS_ZERO_OR_NEG(t) ? sqrt(t) * nbdev : 0.0;
        else
            o[i] = !TA_IS_ZERO_OR_NEG(t) ? sqrt(t) : 0.0;
    }
    return BT_OK;
}

/* ---- the registry ---------------------------------------------------------- */

#define BT_UNPAREN(...) __VA_ARGS__
#define BT_TA(NAME, NIN, INS, NOPT, ONAMES, OINT, ODEF, OMIN, OMAX, NOUT, OUTS)                      \
    {#NAME,        NIN,               {BT_UNPAREN INS},  NOPT,      {BT_UNPAREN ONAMES},            \
     {BT_UNPAREN OINT}, {BT_UNPAREN ODEF}, {BT_UNPAREN OMIN}, {BT_UNPAREN OMAX}, NOUT,               \
     {BT_UNPAREN OUTS}, ta_##NAME##_compute, ta_##NAME##_lookback},
static const bt_ta_func TA_TABLE[] = {
#include "talib.def"
};
#undef BT_TA

size_t bt_ta_count(void)
{
    return sizeof TA_TABLE / sizeof TA_TABLE[0];
}

const bt_ta_func *bt_ta_at(size_t i)
{
    return i < bt_ta_count() ? &TA_TABLE[i] : NULL;
}

const bt_ta_func *bt_ta_find(const char *name)
{
    for (size_t i = 0; i < bt_ta_count(); i++)
        if (!strcmp(TA_TABLE[i].name, name))
            return &TA_TABLE[i];
    return NULL;
}
