/* What a binding (the Python package) needs beyond the C calls: a row sink
 * that keeps every heatmap row without a call into the binding per row, and
 * the sizes of the public structures it mirrors. */
#include "btgpu.h"

#include <stdlib.h>
#include <string.h>

int bt_row_buffer_append(void *ctx, const double *values, const int *types, double value, const double *stats)
{
    bt_row_buffer *b = ctx;
    const size_t width = b->n_values + 1 + b->n_stats;
    (void)types;
    if (b->n == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 1024;
        if (cap > SIZE_MAX / sizeof(double) / width)
            return BT_ERR_NOMEM;
        double *rows = realloc(b->rows, cap * width * sizeof *rows);
        if (!rows)
            return BT_ERR_NOMEM;
        b->rows = rows;
        b->cap = cap;
    }
    double *row = b->rows + b->n * width;
    if (b->n_values)
        memcpy(row, values, b->n_values * sizeof *row);
    row[b->n_values] = value;
    if (b->n_stats)
        memcpy(row + b->n_values + 1, stats, b->n_stats * sizeof *row);
    b->n++;
    return BT_OK;
}

void bt_row_buffer_free(bt_row_buffer *b)
{
    if (!b)
        return;
    free(b->rows);
    memset(b, 0, sizeof *b);
}

size_t bt_sizeof(const char *type_name)
{
#define BT_SIZE(T) {#T, sizeof(T)}
    static const struct {
        const char *name;
        size_t size;
    } sizes[] = {BT_SIZE(bt_error),        BT_SIZE(bt_series),         BT_SIZE(bt_param_spec),
                 BT_SIZE(bt_grid),         BT_SIZE(bt_strategy_info),  BT_SIZE(bt_options),
                 BT_SIZE(bt_trade),        BT_SIZE(bt_run),            BT_SIZE(bt_stats),
                 BT_SIZE(bt_optimize_spec), BT_SIZE(bt_progress),      BT_SIZE(bt_top_entry),
                 BT_SIZE(bt_optimize_result), BT_SIZE(bt_row_buffer)};
#undef BT_SIZE
    for (size_t i = 0; type_name && i < sizeof sizes / sizeof sizes[0]; i++)
        if (strcmp(sizes[i].name, type_name) == 0)
            return sizes[i].size;
    return 0;
}
