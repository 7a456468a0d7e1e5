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
    x.close = close;
    x.groups = groups;
    bt_acc_bars a;
    bt_acc_bars_bind(&a, accb, m);
    __global bt_acc_trades *tr = tacc + c;
    const int c1 = k1[c], c2 = k2[c];
    for (size_t i = t0; i < t1; i++) {
        size_t r = i - t0 + 1;
        double s1 = rows1[r * w1 + c1], s2 = rows2[r * w2 + c2];
        double q1 = rows1[(r - 1) * w1 + c1], q2 = rows2[(r - 1) * w2 + c2];
        if (i > 0 && l.pend[c] != 0)
            bt_sma_event(&g, &l, c, tr, i);
        if (i + 1 == n) {
            bt_sma_last(&g, &l, c, tr, &x, &a, s1, s2, q1, q2, groups);
        } else {
            double pend;
            double eq = bt_sma_bar(l.cash[c], l.size[c], l.entry[c], l.from[c], close[i], (double)i, s1, s2, q1, q2,
                                   &pend);
            bt_acc_bar(&x, &a, c, i, eq, groups);
            l.pend[c] = pend;
        }
    }
}
