/* numpy/pandas/CPython-exact arithmetic helpers (see numeric.h). */
#include "numeric.h"
#include "bt_pymath.h"

#include <float.h>
#include <math.h>

/*
 * numpy's DOUBLE_pairwise_sum, generated for three element transforms so that
 * pandas' NaN handling needs no temporary array:
 *   plain:  x[i]
 *   nan0:   x[i], or 0 where x[i] is NaN          (nanops: putmask(values, mask, 0))
 *   sqdev:  (avg - x[i])^2, or 0 where x[i] is NaN (nanops.nanvar's sqr)
 */
#define BT_DEFINE_PAIRWISE(NAME, ELEM)                                                      \
    static double NAME(const double *a, size_t n, double avg)                               \
    {                                                                                       \
        (void)avg;                                                                          \
        if (n < 8) {                                                                        \
            double res = -0.0;                                                              \
            for (size_t i = 0; i < n; i++)                                                  \
                res += ELEM(a[i]);                                                          \
            return res;                                                                     \
        } else if (n <= 128) {                                                              \
            double r[8];                                                                    \
            size_t i;                                                                       \
            for (int j = 0; j < 8; j++)                                                     \
                r[j] = ELEM(a[j]);                                                          \
            for (i = 8; i < n - (n % 8); i += 8) {                                          \
                r[0] += ELEM(a[i + 0]);                                                     \
                r[1] += ELEM(a[i + 1]);                                                     \
                r[2] += ELEM(a[i + 2]);                                                     \
                r[3] += ELEM(a[i + 3]);                                                     \
                r[4] += ELEM(a[i + 4]);                                                     \
                r[5] += ELEM(a[i + 5]);                                                     \
                r[6] += ELEM(a[i + 6]);                                                     \
                r[7] += ELEM(a[i + 7]);                                                     \
            }                                                                               \
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7])); \
            for (; i < n; i++)                                                              \
                res += ELEM(a[i]);                                                          \
            return res;                                                                     \
        } else {                                                                            \
            size_t n2 = n / 2;                                                              \
            n2 -= n2 % 8;                                                                   \
            return NAME(a, n2, avg) + NAME(a + n2, n - n2, avg);                            \
        }                                                                                   \
    }

#define ELEM_PLAIN(v) (v)
#define ELEM_NAN0(v) (isnan(v) ? 0.0 : (v))
#define ELEM_SQDEV(v) (isnan(v) ? 0.0 : (avg - (v)) * (avg - (v)))

BT_DEFINE_PAIRWISE(pw_plain, ELEM_PLAIN)
BT_DEFINE_PAIRWISE(pw_nan0, ELEM_NAN0)
BT_DEFINE_PAIRWISE(pw_sqdev, ELEM_SQDEV)

double bt_pairwise_sum_block(const double *x, size_t m)
{
    return pw_plain(x, m, 0.0);
}

double bt_pairwise_sum(const double *x, size_t n)
{
    return 0.0 + pw_plain(x, n, 0.0);
}

typedef double (*pw_fn)(const double *, size_t, double);

static double blocked(pw_fn f, const double *x, size_t n, double avg)
{
    double acc = 0.0;
    size_t i = 0;
    do {
        size_t m = n - i < BT_PAIRWISE_BLOCK ? n - i : BT_PAIRWISE_BLOCK;
        acc += f(x + i, m, avg);
        i += m;
    } while (i < n);
    return acc;
}

double bt_pairwise_sum_cast(const double *x, size_t n)
{
    return blocked(pw_plain, x, n, 0.0);
}

/* DOUBLE_pairwise_sum over the next n values of the stream. The operands of
 * each + are evaluated into locals first: C leaves the order of two calls in
 * one expression open, and the stream must be read left to right. */
static double pw_stream(bt_next_fn next, void *ctx, size_t n)
{
    if (n < 8) {
        double res = -0.0;
        for (size_t i = 0; i < n; i++)
            res += next(ctx);
        return res;
    } else if (n <= 128) {
        double r[8];
        size_t i;
        for (int j = 0; j < 8; j++)
            r[j] = next(ctx);
        for (i = 8; i < n - (n % 8); i += 8)
            for (int j = 0; j < 8; j++)
                r[j] += next(ctx);
        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; i++)
            res += next(ctx);
        return res;
    } else {
        size_t n2 = n / 2;
        n2 -= n2 % 8;
        double left = pw_stream(next, ctx, n2);
        double right = pw_stream(next, ctx, n - n2);
        return left + right;
    }
}

double bt_pairwise_sum_stream(bt_next_fn next, void *ctx, size_t n)
{
    return 0.0 + pw_stream(next, ctx, n);
}

double bt_pairwise_sum_cast_stream(bt_next_fn next, void *ctx, size_t n)
{
    double acc = 0.0;
    size_t i = 0;
    do {
        size_t m = n - i < BT_PAIRWISE_BLOCK ? n - i : BT_PAIRWISE_BLOCK;
        acc += pw_stream(next, ctx, m);
        i += m;
    } while (i < n);
    return acc;
}

double bt_mean(const double *x, size_t n)
{
    if (n == 0)
        return NAN;
    return bt_pairwise_sum(x, n) / (double)n;
}

static size_t count_non_nan(const double *x, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += !isnan(x[i]);
    return c;
}

double bt_nanmean(const double *x, size_t n)
{
    size_t count = count_non_nan(x, n);
    if (count == 0)
        return NAN;
    return (0.0 + pw_nan0(x, n, 0.0)) / (double)count;
}

double bt_nanmean_cast(const double *x, size_t n)
{
    size_t count = count_non_nan(x, n);
    if (count == 0)
        return NAN;
    return blocked(pw_nan0, x, n, 0.0) / (double)count;
}

double bt_nanvar(const double *x, size_t n, int ddof)
{
    size_t count = count_non_nan(x, n);
    if (ddof < 0 || count <= (size_t)ddof)
        return NAN;
    double avg = (0.0 + pw_nan0(x, n, 0.0)) / (double)count;
    double ss = 0.0 + pw_sqdev(x, n, avg);
    return ss / (double)(count - (size_t)ddof);
}

double bt_nanstd(const double *x, size_t n, int ddof)
{
    return sqrt(bt_nanvar(x, n, ddof));
}

double bt_nanmax(const double *x, size_t n)
{
    double m = NAN;
    for (size_t i = 0; i < n; i++) {
        if (isnan(x[i]))
            continue;
        if (isnan(m) || x[i] > m)
            m = x[i];
    }
    return m;
}

double bt_nanmin(const double *x, size_t n)
{
    double m = NAN;
    for (size_t i = 0; i < n; i++) {
        if (isnan(x[i]))
            continue;
        if (isnan(m) || x[i] < m)
            m = x[i];
    }
    return m;
}

double bt_max_propagate(const double *x, size_t n)
{
    if (n == 0)
        return NAN;
    double m = x[0];
    for (size_t i = 1; i < n; i++) {
        if (isnan(x[i]))
            return x[i];
        if (x[i] > m)
            m = x[i];
    }
    return m;
}

double bt_nan_to_num(double x)
{
    if (isnan(x))
        return 0.0;
    if (isinf(x))
        return x > 0 ? DBL_MAX : -DBL_MAX;
    return x;
}

double bt_py_floordiv(double a, double b)
{
    return b == 0.0 ? NAN : bt_py_floordiv_from_mod(a, b, fmod(a, b));
}

double bt_py_mod(double a, double b)
{
    return b == 0.0 ? NAN : bt_py_mod_from_mod(b, fmod(a, b));
}
