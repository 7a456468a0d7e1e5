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
    g.open = open;
    g.close = close;
    g.t = times;
    g.n = n;
    g.fixed = fixed;
    g.rel = rel;
    g.spread = spread;
    g.lev = lev;
    g.trade_on_close = trade_on_close;
    g.finalize = finalize;
    g.groups = groups;
    bt_lanes l;
    l.cash = lanes;
    l.size = lanes + m;
    l.entry = lanes + 2 * m;
    l.ebar = lanes + 3 * m;
    l.pend = lanes + 4 * m;
    l.alive = lanes + 5 * m;
    l.from = lanes + 6 * m;
    bt_acc_ctx x;
    x.n = n;
    x.t = times;
    x.bin_last = bin_last;
    x.market_yc = 0;
    x.market_yc_sum = 0;
    x.market_yc_sq = 0;
    x.close = close;
    x.cash = 0;
    x.periods_per_year = 0;
    x.years = 0;
    x.resolution = 0;
    x.is_datetime = 0;
    x.groups = groups;
    bt_acc_bars a;
    bt_acc_bars_bind(&a, accb, m);
    bt_sma_tile(&g, &l, c, tacc + c, &x, &a, t0, t1, rows1, w1, rows2, w2, k1[c], k2[c], groups);
}
