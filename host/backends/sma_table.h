/* Time-major SMA tables for the sma_cross backends: for one parameter, the
 * SMA of each unique window, a tile of bars at a time. */
#ifndef BTGPU_SMA_TABLE_H
#define BTGPU_SMA_TABLE_H
#include "indicators.h"

#include <stddef.h>
#include <stdint.h>

/* One parameter's table. Row 0 of the tile holds the bar before the tile
 * (NaN before bar 0); rows 1..tile_bars the tile's bars. */
typedef struct bt_sma_table {
    size_t n_windows;
    size_t *windows;     /* sorted unique lengths */
    double *state;       /* pandas' roll_mean state of every window, 8 x n_windows (structure of arrays) */
    double *rows;        /* (tile_bars + 1) x n_windows, row-major */
    size_t tile_bars;
} bt_sma_table;

/* Windows per span: the unit bt_sma_table_span works on (and threads share). */
#define BT_SMA_SPAN 64

/* Builds the table of parameter p of m combinations (params[stride * c + p])
 * and writes each combination's column into k[c]. Returns 0 when out of
 * memory (t is then freed). */
int bt_sma_table_init(bt_sma_table *t, int32_t *k, const double *params, size_t m, size_t stride, size_t p,
                      const double *close, size_t tile_bars);

/* Windows [w0, w1) for bars [t0, t1) (t1 - t0 <= tile_bars), after moving the
 * last row of the previous tile to row 0: pandas' roll_mean stepped for all
 * those windows at once (SIMD across windows), each window's value bit for
 * bit equal to bt_sma_pandas. */
void bt_sma_table_span(bt_sma_table *t, size_t w0, size_t w1, const double *close, size_t t0, size_t t1);

void bt_sma_table_free(bt_sma_table *t);

#endif
