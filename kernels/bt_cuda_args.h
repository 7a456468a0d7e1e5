/* The arguments of one CUDA tile launch, shared by the kernel
 * (kernels/sma_cross.cu) and its host glue (host/backend_cuda.c). All
 * pointers are device pointers. */
#ifndef BT_CUDA_ARGS_H
#define BT_CUDA_ARGS_H
#include "bt_accum.h"

typedef struct bt_cuda_args {
    unsigned long long n, m, t0, t1;        /* bars, lanes, the tile [t0, t1) */
    const double *open, *close, *times;     /* the series */
    const unsigned char *bin_last;
    double fixed, rel, spread, lev;         /* the settings */
    int trade_on_close, finalize, groups;
    const double *rows1, *rows2;            /* the tile's SMA tables */
    unsigned long long w1, w2;              /* their widths */
    const int *k1, *k2;                     /* each lane's columns */
    double *lanes, *accb;                   /* lane state, bar accumulators (structure of arrays) */
    bt_acc_trades *tacc;                    /* trade accumulators */
} bt_cuda_args;

#ifdef __cplusplus
extern "C" {
#endif
/* Runs every lane over the tile; returns a cudaError_t (0: success). */
int bt_cuda_launch_tile(const bt_cuda_args *args);
#ifdef __cplusplus
}
#endif

#endif
