/*
 * vexec.h - the vector executor of compiled strategies (--backend cpu).
 *
 * A compiled strategy's next() is lowered to a straight program of vector
 * operations over a block of lanes, one lane per combination: conditions
 * become masks, if/else both sides under their masks, buy()/sell()/
 * position.close() per-lane order codes. The orders go to the lane broker of
 * kernels/bt_lanes.h (market orders sized "all available margin", at most
 * one open trade, the reference engine's arithmetic), and the statistics to
 * the accumulators of kernels/bt_accum.h, as for the native sma_cross lanes.
 *
 * init() runs in the reference interpreter once per unique set of the
 * parameters each attribute depends on (a data-flow analysis of init()), so
 * an indicator is computed once per unique argument list, not once per
 * combination; next() then reads every lane's arrays through pointers.
 *
 * A lane whose run leaves that model (an order with SL/TP/limit/stop, a
 * second trade, an error such as a ZeroDivisionError or IndexError, a
 * combination whose attribute types the program was not lowered for) is
 * "escaped": the caller evaluates it with the reference interpreter, so the
 * executor is exact by construction and fast where the model holds.
 */
#ifndef BTGPU_VEXEC_H
#define BTGPU_VEXEC_H

#include <stddef.h>

#include "backend.h"
#include "compiled.h"

typedef struct bt_vx bt_vx;

/* Prepares c for the executor: NULL (with the reason in why) when its
 * next() uses something the executor does not lower, or on trailing
 * strategies. Immutable afterwards except for its lowering cache, which is
 * filled under a lock. */
bt_vx *bt_vx_prepare(const bt_compiled *c, char *why, size_t cap);
void bt_vx_free(bt_vx *v);

/* The heatmap values of m combinations (params/types: m rows of the
 * strategy's parameters, strategy order): values[c] as the reference's
 * bt_calendar_run_value, or escaped[c] = 1 where the combination must be
 * evaluated by the reference interpreter instead (values[c] untouched).
 * Lanes per block: BTGPU_VX_BLOCK (1..1024, default 64). BT_ERR_RANGE when
 * the working memory cannot be allocated. */
int bt_vx_eval(bt_vx *v, const bt_cpu_job *job, const double *params, const int *types, size_t m, double *values,
               unsigned char *escaped, bt_error *err);

#endif
