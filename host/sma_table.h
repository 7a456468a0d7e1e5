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
    bt_sma_stream *sma;  /* running pandas state of each */
    double *rows;        /* (tile_bars + 1) x n_windows, row-major */
    size_t tile_bars;
    long *twin;          /* optional: the other table's column of the same window, or -1 */
} bt_sma_table;

/* Builds the table of parameter p of m combinations (params[stride * c + p])
 * and writes each combination's column into k[c]. Returns 0 when out of
 * memory (t is then freed). */
int bt_sma_table_init(bt_sma_table *t, int32_t *k, const double *params, size_t m, size_t stride, size_t p,
                      const double *close, size_t tile_bars);

/* Marks the columns of t whose window `other` also has, so that
 * bt_sma_table_column skips them and bt_sma_table_copy_twin copies them. */
int bt_sma_table_link_twins(bt_sma_table *t, const bt_sma_table *other);

/* Column w for bars [t0, t1) (t1 - t0 <= tile_bars), after moving the last
 * row of the previous tile (of `prev_rows` rows) to row 0. */
void bt_sma_table_column(bt_sma_table *t, size_t w, const double *close, size_t t0, size_t t1, size_t prev_rows);

/* Copies twin column w from `other` for rows 0..rows (after other's columns
 * were computed for the same tile). */
void bt_sma_table_copy_twin(bt_sma_table *t, const bt_sma_table *other, size_t w, size_t rows);

void bt_sma_table_free(bt_sma_table *t);

#endif
