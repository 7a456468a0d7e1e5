/*
 * sma_cross.cu - the CUDA backend's kernel: one thread per combination,
 * bars [t0, t1) of one time tile, the per-lane code of sma_cross.h (the same
 * code as the CPU and OpenCL backends). Built with -fmad=false so no a*b+c
 * is contracted into an FMA, which keeps the bits of the other backends.
 */
#include "bt_cuda_args.h"
#include "sma_cross.h"

__global__ void bt_sma_cross_tile_cuda(bt_cuda_args p)
{
    size_t c = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (c >= p.m)
        return;
    bt_lane_cfg g;
    g.open = p.open;
    g.close = p.close;
    g.t = p.times;
    g.n = p.n;
    g.fixed = p.fixed;
    g.rel = p.rel;
    g.spread = p.spread;
    g.lev = p.lev;
    g.trade_on_close = p.trade_on_close;
    g.finalize = p.finalize;
    g.groups = p.groups;
    bt_lanes l;
    size_t m = p.m;
    l.cash = p.lanes;
    l.size = p.lanes + m;
    l.entry = p.lanes + 2 * m;
    l.ebar = p.lanes + 3 * m;
    l.pend = p.lanes + 4 * m;
    l.alive = p.lanes + 5 * m;
    l.from = p.lanes + 6 * m;
    bt_acc_ctx x = {};
    x.n = p.n;
    x.t = p.times;
    x.bin_last = p.bin_last;
    x.close = p.close;
    x.groups = p.groups;
    bt_acc_bars a;
    bt_acc_bars_bind(&a, p.accb, m);
    bt_sma_tile(&g, &l, c, p.tacc + c, &x, &a, p.t0, p.t1, p.rows1, p.w1, p.rows2, p.w2, p.k1[c], p.k2[c], p.groups);
}

extern "C" int bt_cuda_launch_tile(const bt_cuda_args *p)
{
    unsigned threads = 128;
    unsigned blocks = (unsigned)((p->m + threads - 1) / threads);
    bt_sma_cross_tile_cuda<<<blocks, threads>>>(*p);
    cudaError_t e = cudaGetLastError();
    if (e == cudaSuccess)
        e = cudaDeviceSynchronize();
    return (int)e;
}
