/* The k best combinations of a search, kept as rows arrive in grid order. */
#ifndef BTGPU_TOPK_H
#define BTGPU_TOPK_H
#include "btgpu.h"

/* Offers a row (values, types: BT_MAX_PARAMS each) to out->top (room for k):
 * kept by value, descending, ties in the order offered; NaN never. */
void bt_top_offer(bt_optimize_result *out, size_t k, uint64_t index, const double *values, const int *types,
                  double value);

#endif
