/* The HTML report (--report OUT.html) and the heatmap picture (--plot
 * OUT.svg): heatmaps of the maximized key for every pair of swept
 * parameters, aggregated over the others as backtesting.py's plot_heatmaps
 * does, collected row by row while the search runs (bounded memory), then
 * the best run's price, equity and drawdown charts with its trades, its
 * statistics and its trades table. Self-contained: inline SVG and CSS, no
 * script, no network. */
#ifndef BTGPU_HTML_REPORT_H
#define BTGPU_HTML_REPORT_H
#include <stdio.h>

#include "btgpu.h"
#include "cli.h"

enum { BT_AGG_MAX = 0, BT_AGG_MEAN = 1, BT_AGG_MIN = 2 };

/* Cells of one heatmap (two parameters) or of the one-parameter line. */
typedef struct bt_report_cells {
    int a, b;          /* parameter indices (grid order); b < 0 for a line */
    size_t nx, ny;     /* cells along a and b (ny 1 for a line) */
    double *acc;       /* max, min or sum of the values that are not NaN */
    uint64_t *n;       /* combinations that fell in the cell */
    uint64_t *n_num;   /* ... with a value that is not NaN */
} bt_report_cells;

/* One swept parameter's distinct values, sorted, and how they map to cells. */
typedef struct bt_report_axis {
    size_t n;          /* distinct values */
    double *v;         /* ascending */
    unsigned char *t;  /* their BT_PTYPE_* */
    size_t bins;       /* cells along this axis (n, or fewer: consecutive values share a cell) */
} bt_report_axis;

typedef struct bt_report {
    const bt_grid *grid;
    const char *key;   /* the maximized statistic's name */
    int agg;           /* BT_AGG_* */
    size_t n_swept;    /* parameters with more than one value */
    int swept[BT_MAX_PARAMS];
    bt_report_axis axis[BT_MAX_PARAMS];
    size_t n_cells;
    bt_report_cells cells[BT_MAX_PARAMS * (BT_MAX_PARAMS - 1) / 2];
    uint64_t n_rows;
    /* the sinks rows are passed on to (the heatmap file), or NULL */
    bt_typed_row_fn next_typed;
    bt_stats_row_fn next_stats;
    void *next_ctx;
} bt_report;

/* "max", "mean", "min": BT_AGG_*, or -1. */
int bt_report_agg_find(const char *name);

/* Prepares the cells for grid g (BT_ERR_NOMEM). key: the statistic's name. */
int bt_report_init(bt_report *r, const bt_grid *g, const char *key, int agg, bt_error *err);
/* Row sinks (ctx: a bt_report): count the row, then pass it on. */
int bt_report_typed_row(void *ctx, const double *values, const int *types, double value);
int bt_report_stats_row(void *ctx, const double *values, const int *types, double value, const double *stats);
void bt_report_free(bt_report *r);

/* What the page says about the search. */
typedef struct bt_report_run {
    const bt_cli *cli;
    const bt_series *series;
    const bt_strategy_info *strategy;
    const bt_optimize_result *result;
    double t_search;   /* seconds */
} bt_report_run;

/* The best combination's values (grid order) to mark, or NULL when the
 * search has none (nothing admissible, or every value NaN). */
const double *bt_report_best(const bt_optimize_result *res);
/* The heatmaps (or the line chart) as one standalone SVG document, the cell
 * of combination best (NULL: none) outlined. */
int bt_report_write_svg(FILE *f, const bt_report *r, const double *best);
/* The whole page. r may be NULL (btgpu run: no heatmaps). */
int bt_report_write_html(FILE *f, const bt_report *r, const bt_report_run *run);

/* Several assets: the heatmaps of the aggregate (r), then the chosen
 * combination on every asset. */
typedef struct bt_report_assets {
    const bt_cli *cli;
    const bt_strategy_info *strategy;
    size_t n;
    char **paths;
    char (*names)[128];
    const bt_series *series;        /* n */
    const bt_optimize_result *fin;  /* n: the chosen combination's run on each */
    const double *best_values;      /* the chosen combination (grid order) */
    const int *best_types;
    double best_value;              /* its aggregate */
    uint64_t n_rows;                /* combinations on each asset */
} bt_report_assets;
int bt_report_write_assets_html(FILE *f, const bt_report *r, const bt_report_assets *a);

/* Walk-forward: the page's head, a section per asset, its end. */
typedef struct bt_report_window {
    size_t a, b, c; /* train rows [a, b), test rows [b, c) */
} bt_report_window;
void bt_report_wf_begin(FILE *f, const bt_cli *cli, const bt_strategy_info *st, size_t n_assets);
/* name NULL: one asset. is/oos: each window's search on its train slice and its best run on the test slice. */
void bt_report_wf_asset(FILE *f, const bt_cli *cli, const bt_grid *g, int key, const char *name, const char *data,
                        const bt_series *s, const bt_report_window *w, size_t nw, const bt_optimize_result *is,
                        const bt_optimize_result *oos);
int bt_report_wf_end(FILE *f);

#endif
