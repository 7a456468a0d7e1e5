/* The CUDA backend's host glue: device choice and the bt_device_ops of
 * host/backend_device.h over the CUDA runtime. Built when CMake finds nvcc
 * (BTGPU_HAVE_CUDA); the kernel is kernels/sma_cross.cu, the per-lane code
 * kernels/sma_cross.h, the same as every other backend's. */
#include "backend_device.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef BTGPU_HAVE_CUDA

#include <cuda_runtime_api.h>

#include "bt_cuda_args.h"

struct bt_cuda_session {
    int device;
    char name[256];
    size_t max_alloc;
    double *open, *close, *times; /* the series, uploaded once */
    unsigned char *bin_last;
};

#define CU_TRY(call)                                                                                          \
    do {                                                                                                      \
        cudaError_t e_ = (call);                                                                              \
        if (e_ != cudaSuccess) {                                                                              \
            rc = bt_error_set(err, BT_ERR_DEVICE, "CUDA: %s failed: %s", #call, cudaGetErrorString(e_));      \
            goto done;                                                                                        \
        }                                                                                                     \
    } while (0)

static int device_count(int *n, bt_error *err)
{
    cudaError_t e = cudaGetDeviceCount(n);
    if (e != cudaSuccess || *n == 0)
        return bt_error_set(err, BT_ERR_UNSUPPORTED, "no CUDA device: %s",
                            e != cudaSuccess ? cudaGetErrorString(e) : "the driver reports none");
    return BT_OK;
}

int bt_cuda_list_devices(FILE *f, bt_error *err)
{
    int n = 0, rc = device_count(&n, err);
    if (rc)
        return rc;
    for (int d = 0; d < n; d++) {
        struct cudaDeviceProp p;
        if (cudaGetDeviceProperties(&p, d) != cudaSuccess)
            continue;
        fprintf(f, "cuda:%-2d %-40.40s compute %d.%d  %7.1f GiB  %d SMs\n", d, p.name, p.major, p.minor,
                p.totalGlobalMem / 1073741824.0, p.multiProcessorCount);
    }
    return BT_OK;
}

void bt_cuda_close(bt_cuda_session *s)
{
    if (!s)
        return;
    cudaFree(s->open);
    cudaFree(s->close);
    cudaFree(s->times);
    cudaFree(s->bin_last);
    free(s);
}

int bt_cuda_open(const char *spec, const bt_series *series, const bt_calendar *cal, bt_cuda_session **out,
                 bt_error *err)
{
    int n = 0, rc = device_count(&n, err), dev = 0;
    bt_cuda_session *s = NULL;
    *out = NULL;
    if (rc)
        return rc;
    if (spec && *spec) { /* "cuda:N", "N" or a name substring */
        const char *num = strncmp(spec, "cuda:", 5) == 0 ? spec + 5 : spec;
        char *end;
        long k = strtol(num, &end, 10);
        dev = -1;
        if (*end == '\0' && end != num && k >= 0 && k < n)
            dev = (int)k;
        for (int d = 0; dev < 0 && d < n; d++) {
            struct cudaDeviceProp p;
            if (cudaGetDeviceProperties(&p, d) == cudaSuccess && strstr(p.name, spec))
                dev = d;
        }
        if (dev < 0)
            return bt_error_set(err, BT_ERR_USAGE, "option '--device': no CUDA device '%s' (see 'btgpu devices')", spec);
    }
    s = calloc(1, sizeof *s);
    if (!s)
        return bt_error_set(err, BT_ERR_NOMEM, "out of memory");
    s->device = dev;
    struct cudaDeviceProp p;
    CU_TRY(cudaSetDevice(dev));
    CU_TRY(cudaGetDeviceProperties(&p, dev));
    snprintf(s->name, sizeof s->name, "%s", p.name);
    s->max_alloc = p.totalGlobalMem / 4;
    size_t nb = series->n;
    CU_TRY(cudaMalloc((void **)&s->open, nb * sizeof(double)));
    CU_TRY(cudaMalloc((void **)&s->close, nb * sizeof(double)));
    CU_TRY(cudaMalloc((void **)&s->times, nb * sizeof(double)));
    CU_TRY(cudaMalloc((void **)&s->bin_last, nb));
    CU_TRY(cudaMemcpy(s->open, series->open, nb * sizeof(double), cudaMemcpyHostToDevice));
    CU_TRY(cudaMemcpy(s->close, series->close, nb * sizeof(double), cudaMemcpyHostToDevice));
    CU_TRY(cudaMemcpy(s->times, cal->t, nb * sizeof(double), cudaMemcpyHostToDevice));
    CU_TRY(cudaMemcpy(s->bin_last, cal->bin_last, nb, cudaMemcpyHostToDevice));
done:
    if (rc)
        bt_cuda_close(s);
    else
        *out = s;
    return rc;
}

const char *bt_cuda_device_name(const bt_cuda_session *s) { return s->name; }

/* One chunk's device buffers. */
typedef struct cu_chunk {
    bt_cuda_args a; /* device pointers and settings of the launches */
} cu_chunk;

static void cu_end(void *self)
{
    bt_cuda_args *a = &((cu_chunk *)self)->a;
    void *all[] = {(void *)a->rows1, (void *)a->rows2, (void *)a->k1, (void *)a->k2, a->lanes, a->accb, a->tacc};
    for (size_t q = 0; q < sizeof all / sizeof all[0]; q++)
        cudaFree(all[q]);
    a->rows1 = a->rows2 = NULL;
    a->k1 = a->k2 = NULL;
    a->lanes = a->accb = NULL;
    a->tacc = NULL;
}

static int upload(void **dst, const void *src, size_t bytes, bt_error *err)
{
    int rc = BT_OK;
    CU_TRY(cudaMalloc(dst, bytes ? bytes : 1));
    if (src)
        CU_TRY(cudaMemcpy(*dst, src, bytes, cudaMemcpyHostToDevice));
done:
    return rc;
}

static int cu_begin(void *self, size_t m, size_t w1, size_t w2, size_t tile, const double *lanes, const double *accb,
                    const bt_acc_trades *tacc, const int32_t *k1, const int32_t *k2, bt_error *err)
{
    bt_cuda_args *a = &((cu_chunk *)self)->a;
    void *p;
    int rc;
    a->m = m;
    a->w1 = w1;
    a->w2 = w2;
#define UP(field, src, bytes)                                                                                 \
    if ((rc = upload(&p, src, bytes, err)))                                                                  \
        return rc;                                                                                            \
    a->field = p;
    UP(rows1, NULL, (tile + 1) * w1 * sizeof(double));
    UP(rows2, NULL, (tile + 1) * w2 * sizeof(double));
    UP(k1, k1, m * sizeof(int32_t));
    UP(k2, k2, m * sizeof(int32_t));
    UP(lanes, lanes, 7 * m * sizeof(double));
    UP(accb, accb, (size_t)BT_ACC_BAR_FIELDS * m * sizeof(double));
    UP(tacc, tacc, m * sizeof *tacc);
#undef UP
    return BT_OK;
}

static int cu_tile(void *self, size_t t0, size_t t1, const double *rows1, const double *rows2, bt_error *err)
{
    bt_cuda_args *a = &((cu_chunk *)self)->a;
    int rc = BT_OK;
    CU_TRY(cudaMemcpy((void *)a->rows1, rows1, (t1 - t0 + 1) * a->w1 * sizeof(double), cudaMemcpyHostToDevice));
    CU_TRY(cudaMemcpy((void *)a->rows2, rows2, (t1 - t0 + 1) * a->w2 * sizeof(double), cudaMemcpyHostToDevice));
    a->t0 = t0;
    a->t1 = t1;
    CU_TRY((cudaError_t)bt_cuda_launch_tile(a));
done:
    return rc;
}

static int cu_finish(void *self, double *accb, bt_acc_trades *tacc, bt_error *err)
{
    bt_cuda_args *a = &((cu_chunk *)self)->a;
    int rc = BT_OK;
    CU_TRY(cudaMemcpy(accb, a->accb, (size_t)BT_ACC_BAR_FIELDS * a->m * sizeof(double), cudaMemcpyDeviceToHost));
    CU_TRY(cudaMemcpy(tacc, a->tacc, a->m * sizeof *tacc, cudaMemcpyDeviceToHost));
done:
    return rc;
}

int bt_sma_cross_cuda(const bt_cpu_job *job, const double *params, size_t m, double *values, bt_error *err)
{
    bt_cuda_session *s = job->cuda;
    const bt_options *o = job->options;
    cu_chunk ch;
    memset(&ch, 0, sizeof ch);
    bt_cuda_args *a = &ch.a;
    a->n = job->series->n;
    a->open = s->open;
    a->close = s->close;
    a->times = s->times;
    a->bin_last = s->bin_last;
    a->fixed = o->fixed_commission;
    a->rel = o->commission;
    a->spread = o->spread;
    a->lev = 1 / o->margin;
    a->trade_on_close = o->trade_on_close;
    a->finalize = o->finalize_trades;
    a->groups = job->calendar->ctx.groups;
    bt_device_ops ops = {&ch, s->max_alloc, cu_begin, cu_tile, cu_finish, cu_end};
    return bt_device_sma_cross(job, &ops, params, m, values, err);
}

#else /* built without CUDA */

struct bt_cuda_session {
    int unused;
};

static int no_cuda(bt_error *err)
{
    return bt_error_set(err, BT_ERR_UNSUPPORTED,
                        "this btgpu was built without CUDA (it is built when CMake finds nvcc and the CUDA toolkit)");
}

int bt_cuda_list_devices(FILE *f, bt_error *err)
{
    (void)f;
    return no_cuda(err);
}

int bt_cuda_open(const char *spec, const bt_series *series, const bt_calendar *cal, bt_cuda_session **out,
                 bt_error *err)
{
    (void)spec, (void)series, (void)cal;
    *out = NULL;
    return no_cuda(err);
}

void bt_cuda_close(bt_cuda_session *s) { (void)s; }
const char *bt_cuda_device_name(const bt_cuda_session *s) { (void)s; return ""; }

int bt_sma_cross_cuda(const bt_cpu_job *job, const double *params, size_t m, double *values, bt_error *err)
{
    (void)job, (void)params, (void)m, (void)values;
    return no_cuda(err);
}

#endif
