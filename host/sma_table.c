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
    free(t->sma);
    free(t->rows);
    free(t->twin);
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
    t->sma = malloc((u ? u : 1) * sizeof *t->sma);
    t->rows = (u && tile_bars + 1 <= SIZE_MAX / sizeof(double) / u) ? malloc((tile_bars + 1) * u * sizeof *t->rows)
                                                                   : NULL;
    if (!t->sma || !t->rows) {
        bt_sma_table_free(t);
        return 0;
    }
    for (size_t w = 0; w < u; w++) {
        bt_sma_stream_init(&t->sma[w], t->windows[w], close);
        t->rows[w] = NAN; /* the bar before bar 0 */
    }
    for (size_t c = 0; c < m; c++)
        k[c] = (int32_t)find_window(t->windows, u, (size_t)params[stride * c + p]);
    return 1;
}

int bt_sma_table_link_twins(bt_sma_table *t, const bt_sma_table *other)
{
    t->twin = malloc((t->n_windows ? t->n_windows : 1) * sizeof *t->twin);
    if (!t->twin)
        return 0;
    for (size_t w = 0; w < t->n_windows; w++) {
        size_t at = find_window(other->windows, other->n_windows, t->windows[w]);
        t->twin[w] = at < other->n_windows && other->windows[at] == t->windows[w] ? (long)at : -1;
    }
    return 1;
}

void bt_sma_table_column(bt_sma_table *t, size_t w, const double *close, size_t t0, size_t t1, size_t prev_rows)
{
    const size_t nw = t->n_windows;
    double *col = t->rows + w;
    if (t0 > 0)
        col[0] = col[prev_rows * nw];
    if (!t->twin || t->twin[w] < 0)
        bt_sma_column(&t->sma[w], close, t0, t1, col + nw, nw);
}

void bt_sma_table_copy_twin(bt_sma_table *t, const bt_sma_table *other, size_t w, size_t rows)
{
    if (!t->twin || t->twin[w] < 0)
        return;
    const size_t n1 = t->n_windows, n0 = other->n_windows;
    const double *src = other->rows + t->twin[w];
    double *dst = t->rows + w;
    for (size_t r = 0; r <= rows; r++)
        dst[r * n1] = src[r * n0];
}
