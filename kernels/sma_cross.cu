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
    bt_lanes l;
    bt_acc_ctx x;
    bt_acc_bars a;
    bt_sma_device_view(&g, &l, &x, &a, p.n, p.m, p.open, p.close, p.times, p.bin_last, p.fixed, p.rel, p.spread,
                       p.lev, p.trade_on_close, p.finalize, p.groups, p.lanes, p.accb);
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
