/*
 * numeric.h - numpy/pandas/CPython-exact arithmetic helpers.
 *
 * backtesting.py's numbers come out of numpy reductions, pandas' nan-aware
 * reductions and CPython float operators. Reproducing them bit for bit needs
 * the same order of operations, which these helpers pin down. They allocate
 * nothing, never fail and never print. Build with -ffp-contract=off (no FMA
 * contraction) and never with -ffast-math, or the guarantees below are void.
 *
 * Reference versions: numpy 2.4.6, pandas 3.1.1 without bottleneck, CPython 3.
 */
#ifndef BTGPU_NUMERIC_H
#define BTGPU_NUMERIC_H

#include <stddef.h>

/* Number of elements numpy's buffered reduction hands its inner add loop at
 * a time when it has to convert the elements (bt_pairwise_sum_cast). */
#define BT_PAIRWISE_BLOCK 8192

/* numpy's pairwise summation of m contiguous doubles (DOUBLE_pairwise_sum):
 * m < 8: a plain loop (res = -0.0; res += x[i]); 8 <= m <= 128: eight
 * interleaved accumulators r[j%8] over the largest multiple of 8, combined as
 * ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), then the remaining elements added one
 * by one; m > 128: split at m/2 rounded down to a multiple of 8, recurse on
 * both halves, add the two results. No identity is added. */
double bt_pairwise_sum_block(const double *x, size_t m);

/* np.add.reduce / np.sum / pandas Series.sum of n contiguous float64 values,
 * bit-identical to numpy 2.4.6: the identity +0.0 plus bt_pairwise_sum_block
 * over the WHOLE array (numpy 2.x does not cut a contiguous, same-dtype
 * reduction into blocks). n == 0 gives +0.0, an all -0.0 array +0.0.
 * Note: the §4.5 reference text (numpy 1.24) describes 8192-element blocks
 * for every sum; with numpy 2.4.6 that only holds for bt_pairwise_sum_cast. */
double bt_pairwise_sum(const double *x, size_t n);

/* The sum numpy computes when the reduction must convert its input, e.g.
 * np.sum(int64_array, dtype=float64) - pandas' mean of a timedelta or integer
 * Series: the buffered iterator delivers blocks of BT_PAIRWISE_BLOCK elements
 * (the last one shorter); each block is summed with bt_pairwise_sum_block and
 * the block sums are added, in order, to an accumulator starting at +0.0.
 * x holds the already converted values ((double)int64). Equal to
 * bt_pairwise_sum for n <= 8192. */
double bt_pairwise_sum_cast(const double *x, size_t n);

/* The same sums over n values that next(ctx) produces one at a time, in
 * order, instead of an array: bit-identical to bt_pairwise_sum /
 * bt_pairwise_sum_cast of the array of those values (the summation tree
 * depends only on n, and its leaves are visited left to right). This lets
 * a reduction over a derived per-bar series run without storing it. */
typedef double (*bt_next_fn)(void *ctx);
double bt_pairwise_sum_stream(bt_next_fn next, void *ctx, size_t n);
double bt_pairwise_sum_cast_stream(bt_next_fn next, void *ctx, size_t n);

/* np.mean: bt_pairwise_sum(x, n) / n; NaN when n == 0. */
double bt_mean(const double *x, size_t n);

/* pandas' skipna mean of a float64 Series (nanops.nanmean): the NaNs of the
 * FULL-length array are replaced by 0, the whole array is summed with
 * bt_pairwise_sum, and the sum is divided by the number of non-NaN values
 * (NaN when there are none). The positions of the NaNs matter for the last
 * bit. bt_nanmean_cast is the same for a Series that pandas stores as int64
 * (timedelta, NaT as NaN here) and sums with the float64 cast: it uses
 * bt_pairwise_sum_cast. Nothing is allocated or copied: the NaN -> 0
 * replacement happens while summing. */
double bt_nanmean(const double *x, size_t n);
double bt_nanmean_cast(const double *x, size_t n);

/* pandas' skipna variance of a float64 Series (nanops.nanvar, without
 * bottleneck), two passes:
 *   count = non-NaN values; avg = bt_pairwise_sum(x, NaN->0) / count;
 *   sqr[i] = (avg - x[i])^2 (0 at NaN positions);
 *   var = bt_pairwise_sum(sqr, n) / (count - ddof).
 * NaN when count <= ddof. bt_nanstd is sqrt(bt_nanvar). */
double bt_nanvar(const double *x, size_t n, int ddof);
double bt_nanstd(const double *x, size_t n, int ddof);

/* pandas' skipna max / min: NaN values are skipped; NaN when no value is left
 * (also for n == 0). */
double bt_nanmax(const double *x, size_t n);
double bt_nanmin(const double *x, size_t n);

/* numpy's ndarray.max / min: NaN as soon as any element is NaN; NaN for n == 0
 * (numpy raises there). */
double bt_max_propagate(const double *x, size_t n);

/* np.nan_to_num for one value: NaN -> 0.0, +inf -> DBL_MAX, -inf -> -DBL_MAX. */
double bt_nan_to_num(double x);

/* CPython's float floor division a // b (Objects/floatobject.c, _float_div_mod):
 *   mod = fmod(a, b); div = (a - mod) / b;
 *   if (mod != 0 && (b < 0) != (mod < 0)) div -= 1;
 *   if (div != 0) { r = floor(div); if (div - r > 0.5) r += 1; }
 *   else r = copysign(0.0, a / b);
 * e.g. 7.0//2.0 = 3.0, -7.0//2.0 = -4.0, 1.0//0.1 = 9.0 (not floor(1/0.1) =
 * 10.0), 0.0//-1.0 = -0.0. Python raises ZeroDivisionError for b == 0; this
 * function returns NaN then, so callers must check b themselves when they
 * need to report the error. */
double bt_py_floordiv(double a, double b);

/* CPython's float modulo a % b (same routine): the result has b's sign;
 * NaN for b == 0 (Python raises). */
double bt_py_mod(double a, double b);

#endif /* BTGPU_NUMERIC_H */
