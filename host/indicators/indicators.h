/* The indicator library: full-series computations, bit for bit equal to
 * pandas 3.1.1 / numpy 2.4.6 Series methods and to TA-Lib 0.6.8 (C library
 * 0.6.4) as ta-lib-python calls it. Shared by the reference engine, the
 * compiled strategies and the fast backends.
 *
 * Every function writes n outputs; inputs may contain NaN. None allocates
 * except the TA-Lib functions that need scratch space (BT_ERR_NOMEM then). */
#ifndef BTGPU_INDICATORS_H
#define BTGPU_INDICATORS_H
#include <stddef.h>

#include "btgpu.h"

/* ---- backtesting.test.SMA and the warm-up helper ------------------------ */

/* out[i] = pandas' Series(x).rolling(window).mean()[i], bit for bit (the same
 * as bt_pd_rolling_mean(x, n, window, window, out)). window >= 1. */
void bt_sma_pandas(const double *x, size_t n, size_t window, double *out);

/* Index of the first non-NaN value of x, or 0 when all are NaN (backtesting.py
 * takes an argmin over the NaN mask, so an all-NaN indicator counts as 0). */
size_t bt_first_valid(const double *x, size_t n);

/* ---- pandas Series methods ---------------------------------------------- */

/* Series(x).rolling(window, min_periods=min_periods).AGG() with pandas'
 * defaults otherwise (center=False, closed='right'). window >= 1,
 * min_periods <= window (pandas' default min_periods is window). As pandas,
 * +-inf inputs are treated as NaN; NaNs are skipped and do not count as
 * observations; a window with fewer than min_periods observations is NaN.
 * mean/sum: Kahan sums with separate add/remove compensations, the
 * repeated-value shortcut and the sign clamp of pandas' roll_mean/roll_sum
 * (sum: an empty window with min_periods 0 is 0). var/std: Welford with the
 * pandas 3 recomputation on catastrophic cancellation, divisor
 * nobs - ddof (NaN when nobs <= ddof), std = sqrt(var) with negatives -> 0.
 * max/min: exact (monotone deque); NaN when no observation is in the window. */
int  bt_pd_rolling_check(long window, long min_periods, bt_error *err); /* pandas' ValueError texts */
void bt_pd_rolling_mean(const double *x, size_t n, size_t window, size_t min_periods, double *out);
void bt_pd_rolling_sum (const double *x, size_t n, size_t window, size_t min_periods, double *out);
void bt_pd_rolling_var (const double *x, size_t n, size_t window, size_t min_periods, int ddof, double *out);
void bt_pd_rolling_std (const double *x, size_t n, size_t window, size_t min_periods, int ddof, double *out);
void bt_pd_rolling_max (const double *x, size_t n, size_t window, size_t min_periods, double *out);
void bt_pd_rolling_min (const double *x, size_t n, size_t window, size_t min_periods, double *out);

/* Series.ewm(...) decay forms. */
enum { BT_EWM_COM = 0, BT_EWM_SPAN = 1, BT_EWM_HALFLIFE = 2, BT_EWM_ALPHA = 3 };

/* pandas' get_center_of_mass: com from com=/span=/halflife=/alpha=, with its
 * validation (BT_ERR_USAGE "span must satisfy: span >= 1" etc.). */
int bt_pd_ewm_com(int kind, double value, double *com, bt_error *err);
/* alpha = 1 / (1 + com), as pandas' ewm kernel computes it. */
int bt_pd_ewm_alpha(int kind, double value, double *alpha, bt_error *err);

/* Series(x).ewm(com=com, adjust=, ignore_na=, min_periods=).mean(): exact.
 * min_periods 0 is treated as 1 (pandas). Leading NaNs stay NaN; a NaN later
 * outputs the previous value (when enough observations) and, unless
 * ignore_na, decays the old weight. */
void bt_pd_ewm_mean_com(const double *x, size_t n, double com, int adjust, size_t min_periods,
                        int ignore_na, double *out);
/* The same with alpha = bt_pd_ewm_alpha(...) (com recovered as alpha == 0.5
 * <=> com == 1 for pandas' adjust=False special case; use _com when the
 * com is at hand). */
void bt_pd_ewm_mean(const double *x, size_t n, double alpha, int adjust, size_t min_periods,
                    int ignore_na, double *out);

/* diff(k): x[i] - x[i-k] (NaN where i-k is outside); k may be negative. */
void bt_pd_diff(const double *x, size_t n, long k, double *out);
/* shift(k): x[i-k], NaN outside. */
void bt_pd_shift(const double *x, size_t n, long k, double *out);
/* pct_change(k) with pandas 3's fill_method=None: x[i] / x[i-k] - 1. */
void bt_pd_pct_change(const double *x, size_t n, long k, double *out);
/* bfill() / ffill(): NaN replaced by the next / previous non-NaN value. */
void bt_pd_bfill(const double *x, size_t n, double *out);
void bt_pd_ffill(const double *x, size_t n, double *out);

/* ---- TA-Lib through ta-lib-python ----------------------------------------
 * talib.FUNC(inputs..., **opts): leading bars where any input is NaN are
 * skipped (the first bar where all inputs are non-NaN is begidx; n-1 when
 * none), TA-Lib runs on the rest, and outputs are NaN before
 * begidx + lookback. Later NaNs flow through TA-Lib's arithmetic. Options
 * outside TA-Lib's ranges are BT_ERR_USAGE naming the function, option and
 * value. opts[] holds every option in registry order (use opt_default). */
#define BT_TA_MAX_INPUTS 4
#define BT_TA_MAX_OPTS 6
#define BT_TA_MAX_OUTPUTS 3
typedef struct bt_ta_func {
    const char *name;                 /* "RSI" */
    size_t n_inputs;  const char *inputs[BT_TA_MAX_INPUTS];   /* "high","low","close" or "real" */
    size_t n_opts;    const char *opt_names[BT_TA_MAX_OPTS]; int opt_is_int[BT_TA_MAX_OPTS];
    double opt_default[BT_TA_MAX_OPTS]; double opt_min[BT_TA_MAX_OPTS], opt_max[BT_TA_MAX_OPTS];
    size_t n_outputs; const char *outputs[BT_TA_MAX_OUTPUTS];
    /* in[k]: n doubles per input; out[k]: n doubles per output */
    int (*compute)(const double *const *in, size_t n, const double *opts, double *const *out, bt_error *err);
    /* TA-Lib's TA_FUNC_Lookback for valid opts (ta-lib-python adds begidx) */
    size_t (*lookback)(const double *opts);
} bt_ta_func;

const bt_ta_func *bt_ta_find(const char *name);   /* NULL if unknown */
size_t bt_ta_count(void);
const bt_ta_func *bt_ta_at(size_t i);
/* Checks opts against the registry row's ranges (BT_ERR_USAGE, message
 * "RSI: timeperiod 1 is out of range 2..100000") and the unsupported
 * combinations; compute() calls it too. */
int bt_ta_check_opts(const bt_ta_func *f, const double *opts, bt_error *err);

/* A thread's memory of the parts that calls with other options share: the
 * middle band and deviation of BBANDS (the same for every nbdevup/nbdevdn),
 * the MACD line (the same for every signalperiod). Keyed by the function,
 * those options and the input's values (compared whole, so a hit is the same
 * computation), the last few of each kept. bt_ta_memo_use(m) makes this
 * thread's compute() calls use m (NULL: none, the default); the results are
 * the same bytes either way. */
typedef struct bt_ta_memo bt_ta_memo;
bt_ta_memo *bt_ta_memo_new(void);          /* NULL when out of memory (then unused) */
void bt_ta_memo_free(bt_ta_memo *m);
void bt_ta_memo_use(bt_ta_memo *m);

#endif
