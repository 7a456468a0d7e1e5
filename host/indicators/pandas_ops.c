/* pandas 3.1.1 Series methods, re-implemented from the algorithms of
 * pandas/_libs/window/aggregations.pyx and pandas/core/window/ (rolling.py, ewm.py). */
#include "indicators.h"

#include <math.h>
#include <stdint.h>

/* pandas' _prep_values: +-inf become NaN before the window kernels run */
static inline double prep(double v)
{
    return isinf(v) ? NAN : v;
}

int bt_pd_rolling_check(long window, long min_periods, bt_error *err)
{
    if (window < 0)
        return bt_error_set(err, BT_ERR_USAGE, "ValueError: window must be an integer 0 or greater");
    if (window == 0)
        return bt_error_set(err, BT_ERR_USAGE, "rolling: a window of 0 is not supported");
    if (min_periods < 0)
        return bt_error_set(err, BT_ERR_USAGE, "ValueError: min_periods must be >= 0");
    if (min_periods > window)
        return bt_error_set(err, BT_ERR_USAGE, "ValueError: min_periods %ld must be <= window %ld",
                            min_periods, window);
    return BT_OK;
}

/* ---- rolling mean / sum ---------------------------------------------------- */

typedef struct kahan_win {
    int64_t nobs, neg_ct, same_ct;
    double sum, comp_add, comp_rem, prev;
} kahan_win;

static void kw_reset(kahan_win *w, double first)
{
    w->nobs = w->neg_ct = w->same_ct = 0;
    w->sum = w->comp_add = w->comp_rem = 0.0;
    w->prev = first;
}

static inline void kw_add(kahan_win *w, double v)
{
    if (v != v)
        return;
    w->nobs++;
    double y = v - w->comp_add;
    double t = w->sum + y;
    w->comp_add = (t - w->sum) - y;
    w->sum = t;
    if (signbit(v))
        w->neg_ct++;
    if (v == w->prev)
        w->same_ct++;
    else
        w->same_ct = 1;
    w->prev = v;
}

static inline void kw_remove(kahan_win *w, double v)
{
    if (v != v)
        return;
    w->nobs--;
    double y = -v - w->comp_rem;
    double t = w->sum + y;
    w->comp_rem = (t - w->sum) - y;
    w->sum = t;
    if (signbit(v))
        w->neg_ct--;
}

/* Steps the fixed-window state to bar i (pandas' FixedWindowIndexer bounds:
 * [max(0, i+1-window), i+1)); the window restarts when it does not overlap
 * the previous one (window 1). */
static void kw_step(kahan_win *w, const double *x, size_t i, size_t window)
{
    size_t s = i + 1 > window ? i + 1 - window : 0;
    if (i == 0 || s >= i) {
        kw_reset(w, prep(x[s]));
        for (size_t j = s; j <= i; j++)
            kw_add(w, prep(x[j]));
        return;
    }
    size_t ps = i > window ? i - window : 0; /* previous start */
    for (size_t j = ps; j < s; j++)
        kw_remove(w, prep(x[j]));
    kw_add(w, prep(x[i]));
}

void bt_pd_rolling_mean(const double *x, size_t n, size_t window, size_t min_periods, double *out)
{
    kahan_win w;
    for (size_t i = 0; i < n; i++) {
        kw_step(&w, x, i, window);
        double r = NAN;
        if (w.nobs >= (int64_t)min_periods && w.nobs > 0) {
            r = w.sum / (double)w.nobs;
            if (w.same_ct >= w.nobs)
                r = w.prev;
            else if (w.neg_ct == 0 && r < 0)
                r = 0;
            else if (w.neg_ct == w.nobs && r > 0)
                r = 0;
        }
        out[i] = r;
    }
}

void bt_pd_rolling_sum(const double *x, size_t n, size_t window, size_t min_periods, double *out)
{
    kahan_win w;
    for (size_t i = 0; i < n; i++) {
        kw_step(&w, x, i, window);
        double r;
        if (w.nobs == 0 && min_periods == 0)
            r = 0;
        else if (w.nobs >= (int64_t)min_periods)
            r = (w.same_ct >= w.nobs) ? w.prev * (double)w.nobs : w.sum;
        else
            r = NAN;
        out[i] = r;
    }
}

/* ---- rolling var / std ----------------------------------------------------- */

#define INV_COND_TOL (2.220446049250313e-16 * 1e3)

typedef struct welford {
    double nobs, mean, ssqdm, comp_add, comp_rem;
    int unstable;
} welford;

static inline void wf_add(welford *w, double v)
{
    double prev_m2 = w->ssqdm;
    if (v != v)
        return;
    w->nobs = w->nobs + 1;
    double prev_mean = w->mean - w->comp_add;
    double y = v - w->comp_add;
    double t = y - w->mean;
    w->comp_add = t + w->mean - y;
    double delta = t;
    if (w->nobs != 0)
        w->mean = w->mean + delta / w->nobs;
    else
        w->mean = 0;
    w->ssqdm = w->ssqdm + (v - prev_mean) * (v - w->mean);
    if (prev_m2 * INV_COND_TOL > w->ssqdm)
        w->unstable = 1;
}

static inline void wf_remove(welford *w, double v)
{
    double prev_m2 = w->ssqdm;
    if (v != v)
        return;
    w->nobs = w->nobs - 1;
    if (w->nobs != 0) {
        double prev_mean = w->mean - w->comp_rem;
        double y = v - w->comp_rem;
        double t = y - w->mean;
        w->comp_rem = t + w->mean - y;
        double delta = t;
        w->mean = w->mean - delta / w->nobs;
        w->ssqdm = w->ssqdm - (v - prev_mean) * (v - w->mean);
        if (prev_m2 * INV_COND_TOL > w->ssqdm)
            w->unstable = 1;
    } else {
        w->mean = 0;
        w->ssqdm = 0;
        w->unstable = 0;
    }
}

void bt_pd_rolling_var(const double *x, size_t n, size_t window, size_t min_periods, int ddof, double *out)
{
    welford w = {0};
    double minp = min_periods < 1 ? 1.0 : (double)min_periods;
    for (size_t i = 0; i < n; i++) {
        size_t s = i + 1 > window ? i + 1 - window : 0;
        int recompute = (i == 0 || s >= i);
        if (!recompute) {
            size_t ps = i > window ? i - window : 0;
            for (size_t j = ps; j < s; j++)
                wf_remove(&w, prep(x[j]));
            wf_add(&w, prep(x[i]));
        }
        if (recompute || w.unstable) {
            w.mean = w.ssqdm = w.nobs = w.comp_add = w.comp_rem = 0;
            for (size_t j = s; j <= i; j++)
                wf_add(&w, prep(x[j]));
            w.unstable = 0;
        }
        if (w.nobs >= minp && w.nobs > (double)ddof)
            out[i] = w.ssqdm / (w.nobs - (double)ddof);
        else
            out[i] = NAN;
    }
}

void bt_pd_rolling_std(const double *x, size_t n, size_t window, size_t min_periods, int ddof, double *out)
{
    bt_pd_rolling_var(x, n, window, min_periods, ddof, out);
    for (size_t i = 0; i < n; i++) {
        double v = out[i];
        /* pandas' zsqrt: sqrt, negatives set to 0 */
        out[i] = (v < 0) ? 0.0 : sqrt(v);
    }
}

/* ---- rolling max / min ----------------------------------------------------- */

/* A monotone deque of indices in a ring of window+1 slots; NaNs are never
 * entered. Ties: the newest index replaces older equal ones (pandas pops
 * while the new value is >= (max) or <= (min) the back). */
static void rolling_extreme(const double *x, size_t n, size_t window, size_t min_periods, int is_max,
                            double *out)
{
    /* deque storage: out is reused? no: indices need their own space. Use a
     * simple O(n*window) fallback when window is large relative to a stack
     * buffer; otherwise a ring. */
    enum { RING = 4096 };
    size_t ring[RING];
    size_t cap = window + 1;
    size_t minp = min_periods < 1 ? 1 : min_periods;
    if (cap > RING) {
        /* direct scan: the same answer (the newest of the extreme values) */
        size_t cnt = 0;
        for (size_t i = 0; i < n; i++) {
            size_t s = i + 1 > window ? i + 1 - window : 0;
            double best = NAN;
            int have = 0;
            cnt = 0;
            for (size_t j = s; j <= i; j++) {
                double v = prep(x[j]);
                if (v != v)
                    continue;
                cnt++;
                if (!have || (is_max ? v >= best : v <= best)) {
                    best = v;
                    have = 1;
                }
            }
            out[i] = (have && cnt >= minp) ? best : NAN;
        }
        return;
    }
    size_t head = 0, len = 0, cnt = 0;
    for (size_t i = 0; i < n; i++) {
        size_t s = i + 1 > window ? i + 1 - window : 0;
        if (i >= window) {
            double old = prep(x[i - window]);
            if (old == old)
                cnt--;
        }
        while (len > 0 && ring[head] < s) {
            head = (head + 1) % cap;
            len--;
        }
        double v = prep(x[i]);
        if (v == v) {
            cnt++;
            while (len > 0) {
                double b = prep(x[ring[(head + len - 1) % cap]]);
                if (is_max ? v >= b : v <= b)
                    len--;
                else
                    break;
            }
            ring[(head + len) % cap] = i;
            len++;
        }
        out[i] = (len > 0 && cnt >= minp) ? prep(x[ring[head]]) : NAN;
    }
}

void bt_pd_rolling_max(const double *x, size_t n, size_t window, size_t min_periods, double *out)
{
    rolling_extreme(x, n, window, min_periods, 1, out);
}

void bt_pd_rolling_min(const double *x, size_t n, size_t window, size_t min_periods, double *out)
{
    rolling_extreme(x, n, window, min_periods, 0, out);
}

/* ---- ewm ------------------------------------------------------------------- */

int bt_pd_ewm_com(int kind, double value, double *com, bt_error *err)
{
    double c = NAN;
    switch (kind) {
    case BT_EWM_COM:
        if (value < 0)
            return bt_error_set(err, BT_ERR_USAGE, "ValueError: comass must satisfy: comass >= 0");
        c = value;
        break;
    case BT_EWM_SPAN:
        if (value < 1)
            return bt_error_set(err, BT_ERR_USAGE, "ValueError: span must satisfy: span >= 1");
        c = (value - 1) / 2;
        break;
    case BT_EWM_HALFLIFE: {
        if (value <= 0)
            return bt_error_set(err, BT_ERR_USAGE, "ValueError: halflife must satisfy: halflife > 0");
        double decay = 1 - exp(log(0.5) / value);
        c = 1 / decay - 1;
        break;
    }
    case BT_EWM_ALPHA:
        if (value <= 0 || value > 1)
            return bt_error_set(err, BT_ERR_USAGE, "ValueError: alpha must satisfy: 0 < alpha <= 1");
        c = (1 - value) / value;
        break;
    default:
        return bt_error_set(err, BT_ERR_USAGE, "ValueError: Must pass one of comass, span, halflife, or alpha");
    }
    if (value != value) /* NaN passes pandas' comparisons; keep it */
        c = NAN;
    *com = c;
    return BT_OK;
}

int bt_pd_ewm_alpha(int kind, double value, double *alpha, bt_error *err)
{
    double com = NAN;
    int rc = bt_pd_ewm_com(kind, value, &com, err);
    if (rc != BT_OK)
        return rc;
    *alpha = 1. / (1. + com);
    return BT_OK;
}

static void ewm_core(const double *x, size_t n, double alpha, int com_is_1, int adjust, size_t min_periods,
                     int ignore_na, double *out)
{
    if (n == 0)
        return;
    size_t minp = min_periods < 1 ? 1 : min_periods;
    double old_wt_factor = 1. - alpha;
    double new_wt = adjust ? 1. : alpha;
    double weighted = prep(x[0]);
    size_t nobs = weighted == weighted;
    out[0] = nobs >= minp ? weighted : NAN;
    double old_wt = 1.;
    for (size_t i = 1; i < n; i++) {
        double cur = prep(x[i]);
        int is_obs = cur == cur;
        nobs += is_obs;
        if (weighted == weighted) {
            if (is_obs || !ignore_na) {
                old_wt *= old_wt_factor;
                if (is_obs) {
                    if (weighted != cur) {
                        if (!adjust && com_is_1)
                            new_wt = 1. - old_wt;
                        weighted = old_wt * weighted + new_wt * cur;
                        weighted /= (old_wt + new_wt);
                    }
                    if (adjust)
                        old_wt += new_wt;
                    else
                        old_wt = 1.;
                }
            }
        } else if (is_obs) {
            weighted = cur;
        }
        out[i] = nobs >= minp ? weighted : NAN;
    }
}

void bt_pd_ewm_mean_com(const double *x, size_t n, double com, int adjust, size_t min_periods,
                        int ignore_na, double *out)
{
    ewm_core(x, n, 1. / (1. + com), com == 1, adjust, min_periods, ignore_na, out);
}

void bt_pd_ewm_mean(const double *x, size_t n, double alpha, int adjust, size_t min_periods,
                    int ignore_na, double *out)
{
    ewm_core(x, n, alpha, alpha == 0.5, adjust, min_periods, ignore_na, out);
}

/* ---- diff / shift / pct_change / fills ------------------------------------ */

static inline int lag_index(size_t i, size_t n, long k, size_t *j)
{
    long long jj = (long long)i - (long long)k;
    if (jj < 0 || jj >= (long long)n)
        return 0;
    *j = (size_t)jj;
    return 1;
}

void bt_pd_diff(const double *x, size_t n, long k, double *out)
{
    for (size_t i = 0; i < n; i++) {
        size_t j;
        out[i] = lag_index(i, n, k, &j) ? x[i] - x[j] : NAN;
    }
}

void bt_pd_shift(const double *x, size_t n, long k, double *out)
{
    /* out may alias x only when k == 0 */
    if (k == 0) {
        for (size_t i = 0; i < n; i++)
            out[i] = x[i];
        return;
    }
    for (size_t i = 0; i < n; i++) {
        size_t j;
        out[i] = lag_index(i, n, k, &j) ? x[j] : NAN;
    }
}

void bt_pd_pct_change(const double *x, size_t n, long k, double *out)
{
    /* pandas: self / self.shift(k) - 1 */
    for (size_t i = 0; i < n; i++) {
        size_t j;
        out[i] = lag_index(i, n, k, &j) ? x[i] / x[j] - 1 : NAN;
    }
}

void bt_pd_ffill(const double *x, size_t n, double *out)
{
    double last = NAN;
    for (size_t i = 0; i < n; i++) {
        if (x[i] == x[i])
            last = x[i];
        out[i] = last;
    }
}

void bt_pd_bfill(const double *x, size_t n, double *out)
{
    double next = NAN;
    for (size_t i = n; i-- > 0;) {
        if (x[i] == x[i])
            next = x[i];
        out[i] = next;
    }
}
