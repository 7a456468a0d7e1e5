/* The device-independent half of the accelerator backends (OpenCL, CUDA):
 * lane set-up, indicator tiles and read-back, around a small table of
 * device operations each backend fills. */
#ifndef BTGPU_BACKEND_DEVICE_H
#define BTGPU_BACKEND_DEVICE_H
#include "backend.h"
#include "bt_accum.h"

/* What a device backend provides for one chunk of m lanes. */
typedef struct bt_device_ops {
    void *self;
    size_t max_alloc; /* bytes of the largest buffer the device takes */
    /* Creates the chunk's buffers and uploads the initial lane state (7 x m
     * doubles: cash, size, entry, entry bar, pend, alive, from), the
     * accumulators (BT_ACC_BAR_FIELDS x m doubles, m trade structs), the
     * lanes' table columns, and the tables' shapes (w1, w2 windows,
     * tile + 1 rows). */
    int (*begin)(void *self, size_t m, size_t w1, size_t w2, size_t tile, const double *lanes, const double *accb,
                 const bt_acc_trades *tacc, const int32_t *k1, const int32_t *k2, bt_error *err);
    /* Uploads one tile's tables ((t1 - t0 + 1) rows each) and runs every lane
     * over bars [t0, t1) (kernels/sma_cross.h: bt_sma_tile). */
    int (*tile)(void *self, size_t t0, size_t t1, const double *rows1, const double *rows2, bt_error *err);
    /* Reads the accumulators back. */
    int (*finish)(void *self, double *accb, bt_acc_trades *tacc, bt_error *err);
    /* Releases the chunk's buffers (also after a failure). */
    void (*end)(void *self);
} bt_device_ops;

/* sma_cross on a device: values[c] as bt_sma_cross_cpu gives them. */
int bt_device_sma_cross(const bt_cpu_job *job, const bt_device_ops *ops, const double *params, size_t m,
                        double *values, bt_error *err);

#endif
