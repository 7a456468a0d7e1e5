/* Result output: heatmap CSV, statistics JSON, the human-readable summary. */
#ifndef BTGPU_REPORT_H
#define BTGPU_REPORT_H
#include "btgpu.h"
#include "outfile.h"

/* Shortest text that reads back as the same double (like Python's repr),
 * "nan", "inf" or "-inf"; whole numbers below 1e16 without a decimal point
 * when as_int is set. buf >= 32 bytes. */
void bt_format_double(double v, int as_int, char *buf, size_t cap);

/* The heatmap sink: writes the header on open, then one row per combination. */
typedef struct bt_heatmap_writer {
    FILE *f;
    const bt_grid *grid;
    const char *path;
    size_t n_stats; /* extra statistic columns (bt_heatmap_open_stats) */
    bt_outfile out; /* a temporary file renamed into place by bt_heatmap_close */
} bt_heatmap_writer;

int bt_heatmap_open(bt_heatmap_writer *w, const char *path, const bt_grid *grid, const char *key, bt_error *err);
/* The same with n more columns after the key's, headed by the statistics' keys (rows: bt_heatmap_stats_row). */
int bt_heatmap_open_stats(bt_heatmap_writer *w, const char *path, const bt_grid *grid, const char *key,
                          const int *stats, size_t n, bt_error *err);
/* A bt_stats_row_fn: the typed row with the extra statistics' values. */
int bt_heatmap_stats_row(void *writer, const double *values, const int *types, double value, const double *stats);
/* Completes the file (renamed into place); bt_heatmap_abort removes the unfinished one. */
void bt_heatmap_abort(bt_heatmap_writer *w);
int bt_heatmap_row(void *writer, const double *values, double value);  /* a bt_row_fn (numbers only) */
/* A bt_typed_row_fn: each value as Python's repr of its type (bt_format_param). */
int bt_heatmap_typed_row(void *writer, const double *values, const int *types, double value);
int bt_heatmap_close(bt_heatmap_writer *w, bt_error *err);

/* Writes {"params": {...}, "all_params": {...}, "stats": {...}} for one
 * combination: "params" the grid's swept parameters (grid order: values[],
 * types[]), "all_params" the full vector (strategy order: params[],
 * param_types[], NULL: the defaults' types). grid NULL: only "params", the
 * full vector. Values keep their Python types: ints as JSON integers, floats
 * with a fraction or exponent, bools true/false. */
int bt_write_stats_json(FILE *f, const bt_series *s, const bt_strategy_info *st, const bt_grid *grid,
                        const double *values, const int *types, const double *params, const int *param_types,
                        const bt_stats *stats);

/* The best run's trades as pandas writes backtesting.py's stats._trades with
 * to_csv(): ",Size,EntryBar,ExitBar,EntryPrice,ExitPrice,SL,TP,PnL,Commission,
 * ReturnPct,EntryTime,ExitTime,Duration,Tag", a row per closed trade in
 * closing order, then Entry_NAME / Exit_NAME of each of the run's indicators
 * (bt_run.indicator_*; only with trades, as backtesting.py adds them); floats
 * as Python's repr, None and NaN empty, times date-only when every one in the
 * column is at midnight, durations "N days" when all are whole days. */
int bt_write_trades_csv(FILE *f, const bt_series *s, const bt_run *run);

/* The equity curve as stats._equity_curve.to_csv(): the index (named as the
 * data's), Equity, DrawdownPct (1 - equity / running peak) and
 * DrawdownDuration (at each drawdown's end, empty elsewhere). */
int bt_write_equity_csv(FILE *f, const bt_series *s, const bt_run *run);

/* A duration in seconds as pandas prints a Timedelta: "3 days 04:05:06". */
void bt_format_timedelta(double seconds, char *buf, size_t cap);

/* One statistic as bt_print_stats prints it (buf >= 64 bytes). */
void bt_format_stat(const bt_series *s, const bt_stats *st, int id, char *buf, size_t cap);

/* Prints the statistics like backtesting.py prints its stats Series. */
void bt_print_stats(FILE *f, const bt_series *s, const bt_stats *stats);

#endif
