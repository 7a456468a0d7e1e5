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

/* Index of the first non-NaN value of x, or 0 when all are NaN (backtesting.py
 * takes an argmin over the NaN mask, so an all-NaN indicator counts as 0). */
size_t bt_first_valid(const double *x, size_t n);

#endif
