/* Result output: heatmap CSV, statistics JSON, the human-readable summary. */
#ifndef BTGPU_REPORT_H
#define BTGPU_REPORT_H
#include "btgpu.h"

/* Shortest text that reads back as the same double (like Python's repr),
 * "nan", "inf" or "-inf"; whole numbers below 1e16 without a decimal point
 * when as_int is set. buf >= 32 bytes. */
void bt_format_double(double v, int as_int, char *buf, size_t cap);

/* The heatmap sink: writes the header on open, then one row per combination. */
typedef struct bt_heatmap_writer {
    FILE *f;
    const bt_grid *grid;
    const char *path;
} bt_heatmap_writer;

int bt_heatmap_open(bt_heatmap_writer *w, const char *path, const bt_grid *grid, const char *key, bt_error *err);
int bt_heatmap_row(void *writer, const double *values, double value);  /* a bt_row_fn */
int bt_heatmap_close(bt_heatmap_writer *w, bt_error *err);

/* Writes {"params": {...}, "stats": {...}} for one combination. */
int bt_write_stats_json(FILE *f, const bt_series *s, const bt_strategy_info *st, const double *params,
                        const bt_stats *stats);

/* Prints the statistics like backtesting.py prints its stats Series. */
void bt_print_stats(FILE *f, const bt_series *s, const bt_stats *stats);

#endif
