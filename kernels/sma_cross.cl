/*
 * sma_cross.cl - the OpenCL backend's kernel: one work-item per combination,
 * bars [t0, t1) of one time tile, the per-lane code of sma_cross.h (the same
 * code the CPU backend runs). Lane state and accumulators live in global
 * arrays (structure of arrays, so neighbouring work-items touch neighbouring
 * memory) and persist from one tile's launch to the next; the host reads
 * the accumulators back and turns them into statistics.
 */
#include "sma_cross.h"

__kernel void bt_sma_cross_tile(ulong n, ulong m, ulong t0, ulong t1,
                                __global const double *open, __global const double *close,
                                __global const double *times, __global const uchar *bin_last,
                                double fixed, double rel, double spread, double lev, int trade_on_close,
                                int finalize, int groups,
                                __global const double *rows1, ulong w1, __global const double *rows2, ulong w2,
                                __global const int *k1, __global const int *k2,
                                __global double *lanes, __global double *accb, __global bt_acc_trades *tacc)
{
    size_t c = get_global_id(0);
    if (c >= m)
        return;
    bt_lane_cfg g;
    bt_lanes l;
    bt_acc_ctx x;
    bt_acc_bars a;
    bt_sma_device_view(&g, &l, &x, &a, n, m, open, close, times, bin_last, fixed, rel, spread, lev, trade_on_close,
                       finalize, groups, lanes, accb);
    bt_sma_tile(&g, &l, c, tacc + c, &x, &a, t0, t1, rows1, w1, rows2, w2, k1[c], k2[c], groups);
}
