/* Indicator computations shared by the reference engine and the fast backends. */
#ifndef BTGPU_INDICATORS_H
#define BTGPU_INDICATORS_H
#include <stddef.h>

/* out[i] = pandas' Series(x).rolling(window).mean()[i], bit for bit: the
 * sliding Kahan-compensated sum of pandas >= 1.4 (separate compensations for
 * additions and removals, the repeated-value and sign corrections), NaN for
 * the first window-1 bars and everywhere when window > n. window >= 1.
 * NaN inputs are skipped as pandas skips them. */
void bt_sma_pandas(const double *x, size_t n, size_t window, double *out);

/* pandas' roll_mean as a stream, for backends that compute indicators tile
 * by tile: bt_sma_next(&st, x, i) returns out[i] of bt_sma_pandas given the
 * values x[0..i], called for i = 0, 1, 2, ... in order. */
typedef struct bt_sma_stream {
    size_t window;
    size_t nobs, neg_ct, same_ct;
    double sum, comp_add, comp_rem, prev;
} bt_sma_stream;

void bt_sma_stream_init(bt_sma_stream *st, size_t window, const double *x);
double bt_sma_next(bt_sma_stream *st, const double *x, size_t i);

/* out[(i - t0) * stride] = bt_sma_next(st, x, i) for i in [t0, t1): one
 * column of a time-major table, in one call. */
void bt_sma_column(bt_sma_stream *st, const double *x, size_t t0, size_t t1, double *out, size_t stride);

/* Index of the first non-NaN value of x, or 0 when all are NaN (backtesting.py
 * takes an argmin over the NaN mask, so an all-NaN indicator counts as 0). */
size_t bt_first_valid(const double *x, size_t n);

#endif
