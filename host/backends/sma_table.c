/* Time-major SMA tables shared by the sma_cross backends. */
#include "sma_table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

void bt_sma_table_free(bt_sma_table *t)
{
    free(t->windows);
    free(t->state);
    free(t->rows);
    memset(t, 0, sizeof *t);
}

int bt_sma_table_init(bt_sma_table *t, int32_t *k, const double *params, size_t m, size_t stride, size_t p,
                      const double *close, size_t tile_bars)
{
    memset(t, 0, sizeof *t);
    t->tile_bars = tile_bars;
    t->windows = malloc((m ? m : 1) * sizeof *t->windows);
    if (!t->windows)
        return 0;
    for (size_t c = 0; c < m; c++)
        t->windows[c] = (size_t)params[stride * c + p];
    qsort(t->windows, m, sizeof *t->windows, cmp_size);
    size_t u = 0;
    for (size_t c = 0; c < m; c++)
        if (u == 0 || t->windows[c] != t->windows[u - 1])
            t->windows[u++] = t->windows[c];
    t->n_windows = u;
    t->state = malloc((u ? u : 1) * 8 * sizeof *t->state);
    t->rows = (u && tile_bars + 1 <= SIZE_MAX / sizeof(double) / u) ? malloc((tile_bars + 1) * u * sizeof *t->rows)
                                                                   : NULL;
    if (!t->state || !t->rows) {
        bt_sma_table_free(t);
        return 0;
    }
    double *win = t->state, *nobs = win + u, *neg = nobs + u, *same = neg + u, *sum = same + u, *cadd = sum + u,
           *crem = cadd + u, *prev = crem + u;
    for (size_t w = 0; w < u; w++) { /* bt_sma_stream_init */
        win[w] = (double)t->windows[w];
        nobs[w] = neg[w] = same[w] = sum[w] = cadd[w] = crem[w] = 0;
        prev[w] = close[0];
        t->rows[w] = NAN; /* the bar before bar 0 */
    }
    for (size_t c = 0; c < m; c++)
        k[c] = (int32_t)find_window(t->windows, u, (size_t)params[stride * c + p]);
    return 1;
}

void bt_sma_table_span(bt_sma_table *t, size_t w0, size_t w1, const double *close, size_t t0, size_t t1)
{
    const size_t nw = t->n_windows;
    double *restrict win = t->state, *restrict nobs = win + nw, *restrict neg = nobs + nw,
                     *restrict same = neg + nw, *restrict sum = same + nw, *restrict cadd = sum + nw,
                     *restrict crem = cadd + nw, *restrict prev = crem + nw;
    if (t0 > 0)
        for (size_t w = w0; w < w1; w++)
            t->rows[w] = t->rows[t->tile_bars * nw + w];
    for (size_t i = t0; i < t1; i++) {
        const double x = close[i], di = (double)i;
        const int xok = x == x;
        const double xneg = copysign(1.0, x) < 0 ? 1.0 : 0.0;
        double *restrict out = t->rows + (i - t0 + 1) * nw;
        /* bt_sma_next (host/indicators/sma_pandas.c) with every branch turned into a select */
#pragma omp simd
        for (size_t w = w0; w < w1; w++) {
            /* conditions stay inside the selects (int temporaries stop GCC's vectorizer) */
            const double W = win[w];
            /* pandas restarts a window of 1 at every bar */
            double no = W == 1.0 ? 0 : nobs[w], ng = W == 1.0 ? 0 : neg[w], sa = W == 1.0 ? 0 : same[w];
            double su = W == 1.0 ? 0 : sum[w], ca = W == 1.0 ? 0 : cadd[w], cr = W == 1.0 ? 0 : crem[w];
            double pv = W == 1.0 ? x : prev[w];
            /* remove x[i - W] */
            const double back = di - W;
            const double xr = close[(int64_t)(back > 0 ? back : 0.0)]; /* read always, used only when removing */
            const double rm = (W != 1.0 && di >= W && xr == xr) ? 1.0 : 0.0;
            double y = -xr - cr, tt = su + y;
            cr = rm != 0 ? (tt - su) - y : cr;
            su = rm != 0 ? tt : su;
            no = no - rm;
            ng = ng - (rm != 0 && copysign(1.0, xr) < 0 ? 1.0 : 0.0);
            /* add x[i] */
            y = x - ca;
            tt = su + y;
            ca = xok ? (tt - su) - y : ca;
            su = xok ? tt : su;
            no = xok ? no + 1 : no;
            ng = xok ? ng + xneg : ng;
            sa = xok ? (x == pv ? sa + 1 : 1) : sa;
            pv = xok ? x : pv;
            /* the mean, with pandas' corrections */
            double r = su / no;
            r = sa >= no ? pv : ((ng == 0 && r < 0) ? 0 : ((ng == no && r > 0) ? 0 : r));
            out[w] = (no >= W && no > 0) ? r : NAN;
            nobs[w] = no;
            neg[w] = ng;
            same[w] = sa;
            sum[w] = su;
            cadd[w] = ca;
            crem[w] = cr;
            prev[w] = pv;
        }
    }
}
