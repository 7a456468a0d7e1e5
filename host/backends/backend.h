/* Internal interface of the evaluation backends. */
#ifndef BTGPU_BACKEND_H
#define BTGPU_BACKEND_H
#include "btgpu.h"
#include "calendar.h"

/* What a backend needs to evaluate combinations of one search. */
typedef struct bt_cpu_job {
    const bt_series *series;
    const bt_options *options;
    const bt_calendar *calendar; /* its ctx.groups match key */
    const int *keys;             /* bt_stat_ids of the heatmap values: the maximized one first */
    size_t n_keys;               /* >= 1 */
    int threads;                 /* >= 1 */
    struct bt_cl_session *device; /* the OpenCL backend's session, else NULL */
    struct bt_cuda_session *cuda; /* the CUDA backend's session, else NULL */
    const volatile sig_atomic_t *stop; /* bt_optimize_spec.stop_flag, or NULL */
} bt_cpu_job;

/* A stop flag (bt_optimize_spec.stop_flag, may be NULL) is raised. */
static inline int bt_stop_raised(const volatile sig_atomic_t *stop)
{
    return stop && *stop;
}

/* The threads of a team for `units` pieces of work and at most `threads`
 * threads: a piece per thread at most, and one thread (no team) for work too
 * small to share. */
static inline int bt_team_size(int threads, size_t units)
{
    return threads < 1 || units < 1 ? 1 : (size_t)threads > units ? (int)units : threads;
}

/* The search is being stopped: an engine may leave its work unfinished (the
 * caller drops the chunk). Engines look between tiles and combinations. */
static inline int bt_job_stopping(const bt_cpu_job *job)
{
    return bt_stop_raised(job->stop);
}

/* A strategy's CPU backend: values[c * n_keys + k] = heatmap value of
 * keys[k] (NaN without trades) of the m combinations params[c * n_params ...]
 * (strategy order), equal to the reference engine's bt_calendar_run_values.
 * BT_ERR_RANGE when the working memory cannot be allocated. */
typedef int (*bt_cpu_eval_fn)(const bt_cpu_job *job, const double *params, size_t m, double *values,
                              bt_error *err);

/* Lane c's heatmap values of every key of the job, from its accumulators
 * (row: job->n_keys values; NaN for all without a closed trade). */
static inline void bt_job_values(const bt_cpu_job *job, const bt_acc_ctx *x, const bt_acc_bars *a, size_t c,
                                 const bt_acc_trades *t, size_t warmup, double *row)
{
    for (size_t k = 0; k < job->n_keys; k++)
        row[k] = t->n ? bt_acc_value(x, a, c, t, warmup, job->keys[k]) : (double)NAN;
}

/* ------------------------------------------------------------ OpenCL */

typedef struct bt_cl_session bt_cl_session;

/* Prints the OpenCL devices (index, name, platform, type, fp64, memory,
 * largest buffer, compute units). BT_ERR_UNSUPPORTED without a runtime. */
int bt_cl_list_devices(FILE *f, bt_error *err);

/* Opens a device for one search and uploads the series: spec is an index
 * from bt_cl_list_devices or a substring of a device name; NULL takes the
 * first device with double precision, or with gpu_only the first such GPU.
 * Errors: BT_ERR_UNSUPPORTED (no runtime, no device, no fp64), BT_ERR_USAGE
 * (no device matches spec), BT_ERR_DEVICE (the kernel does not build: the
 * message carries the build log). The built program is cached on disk
 * (BTGPU_CACHE_DIR, else ~/.cache/btgpu/opencl) keyed by platform, device,
 * driver, source and options; an unusable cache entry is rebuilt. */
int bt_cl_open(const char *spec, int gpu_only, const bt_series *series, const bt_calendar *cal,
               bt_cl_session **out, bt_error *err);
void bt_cl_close(bt_cl_session *s);
const char *bt_cl_device_name(const bt_cl_session *s);

/* ------------------------------------------------------------ CUDA */

typedef struct bt_cuda_session bt_cuda_session;

/* Prints the CUDA devices ("cuda:N name compute memory SMs");
 * BT_ERR_UNSUPPORTED without a device or when built without CUDA. */
int bt_cuda_list_devices(FILE *f, bt_error *err);
/* Opens CUDA device spec ("cuda:N", "N" or a name substring; NULL: device 0)
 * for one search and uploads the series. */
int bt_cuda_open(const char *spec, const bt_series *series, const bt_calendar *cal, bt_cuda_session **out,
                 bt_error *err);
void bt_cuda_close(bt_cuda_session *s);
const char *bt_cuda_device_name(const bt_cuda_session *s);

#endif
