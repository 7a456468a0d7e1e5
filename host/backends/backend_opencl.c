/* The OpenCL backend: device choice, program build (with an on-disk cache
 * and the build log kept on failure), buffers, time tiles, read-back.
 *
 * The kernel (kernels/sma_cross.cl) runs the per-lane code of
 * kernels/sma_cross.h, the same code the CPU backend runs, one work-item per
 * combination. The host computes the SMA table tiles (host/sma_table.c),
 * uploads each tile, launches the kernel for all lanes, and finally reads
 * the accumulators back and turns them into heatmap values with
 * bt_acc_value, so the transcendental functions run in C on the host. */
#include "backend_device.h"
#include "strategy.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef BTGPU_HAVE_OPENCL

#define CL_TARGET_OPENCL_VERSION 120
#include <CL/cl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bt_accum.h"

extern const char bt_kernel_source[];
extern const size_t bt_kernel_source_len;
extern const char *const bt_kernel_source_files[];

#define BUILD_OPTIONS "-cl-std=CL1.2"

struct bt_cl_session {
    cl_platform_id platform;
    cl_device_id device;
    cl_context ctx;
    cl_command_queue queue;
    cl_program program;
    cl_kernel kernel;
    cl_mem open, close, times, bin_last; /* the series, uploaded once */
    cl_ulong max_alloc;
    char name[256];
    /* the search's settings, as kernel arguments */
    cl_ulong n;
    cl_double fixed, rel, spread, lev;
    cl_int toc, fin, groups;
};

static const char *cl_status(cl_int e)
{
    switch (e) {
#define S(x) case x: return #x;
        S(CL_DEVICE_NOT_FOUND) S(CL_DEVICE_NOT_AVAILABLE) S(CL_COMPILER_NOT_AVAILABLE)
        S(CL_MEM_OBJECT_ALLOCATION_FAILURE) S(CL_OUT_OF_RESOURCES) S(CL_OUT_OF_HOST_MEMORY)
        S(CL_BUILD_PROGRAM_FAILURE) S(CL_INVALID_VALUE) S(CL_INVALID_DEVICE) S(CL_INVALID_BINARY)
        S(CL_INVALID_BUILD_OPTIONS) S(CL_INVALID_PROGRAM) S(CL_INVALID_KERNEL_NAME) S(CL_INVALID_ARG_INDEX)
        S(CL_INVALID_ARG_VALUE) S(CL_INVALID_ARG_SIZE) S(CL_INVALID_KERNEL_ARGS) S(CL_INVALID_WORK_GROUP_SIZE)
        S(CL_INVALID_BUFFER_SIZE) S(CL_INVALID_GLOBAL_WORK_SIZE)
#undef S
    default: return "an OpenCL error";
    }
}

/* Runs an OpenCL call; on failure records "call: NAME (code)" and jumps to done. */
#define CL_TRY(call)                                                                                           \
    do {                                                                                                       \
        cl_int e_ = (call);                                                                                    \
        if (e_ != CL_SUCCESS) {                                                                                \
            rc = bt_error_set(err, BT_ERR_DEVICE, "OpenCL: %s failed: %s (%d)", #call, cl_status(e_), (int)e_); \
            goto done;                                                                                         \
        }                                                                                                      \
    } while (0)

/* A device attribute as text (the two-call query wrapped once). */
static void dev_text(cl_device_id d, cl_device_info what, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    if (clGetDeviceInfo(d, what, cap - 1, buf, &n) == CL_SUCCESS)
        buf[n < cap ? n : cap - 1] = '\0';
}

static void plat_text(cl_platform_id p, cl_platform_info what, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    if (clGetPlatformInfo(p, what, cap - 1, buf, &n) == CL_SUCCESS)
        buf[n < cap ? n : cap - 1] = '\0';
}

static int dev_has_fp64(cl_device_id d)
{
    cl_device_fp_config cfg = 0;
    return clGetDeviceInfo(d, CL_DEVICE_DOUBLE_FP_CONFIG, sizeof cfg, &cfg, NULL) == CL_SUCCESS && cfg != 0;
}

/* Every (platform, device) pair, in platform then device order. */
typedef struct dev_list {
    size_t n;
    cl_platform_id plat[64];
    cl_device_id dev[64];
} dev_list;

static int list_devices(dev_list *l, bt_error *err)
{
    cl_platform_id plats[16];
    cl_uint np = 0;
    l->n = 0;
    cl_int e = clGetPlatformIDs(16, plats, &np);
    if (e != CL_SUCCESS || np == 0)
        return bt_error_set(err, BT_ERR_UNSUPPORTED,
                            "no OpenCL platform found (install an OpenCL driver, e.g. Debian's pocl-opencl-icd "
                            "for the CPU; error %d)", (int)e);
    for (cl_uint p = 0; p < np && p < 16; p++) {
        cl_device_id devs[16];
        cl_uint nd = 0;
        if (clGetDeviceIDs(plats[p], CL_DEVICE_TYPE_ALL, 16, devs, &nd) != CL_SUCCESS)
            continue;
        for (cl_uint d = 0; d < nd && d < 16 && l->n < 64; d++) {
            l->plat[l->n] = plats[p];
            l->dev[l->n++] = devs[d];
        }
    }
    if (l->n == 0)
        return bt_error_set(err, BT_ERR_UNSUPPORTED,
                            "OpenCL platforms found but no device (PoCL needs a writable POCL_CACHE_DIR)");
    return BT_OK;
}

int bt_cl_list_devices(FILE *f, bt_error *err)
{
    dev_list l;
    int rc = list_devices(&l, err);
    if (rc)
        return rc;
    fprintf(f, "%-3s %-40s %-22s %-5s %-5s %10s %10s  %s\n", "#", "device", "platform", "type", "fp64", "memory",
            "max alloc", "compute units");
    for (size_t k = 0; k < l.n; k++) {
        char name[256], plat[256];
        cl_device_type type = 0;
        cl_ulong mem = 0, alloc = 0;
        cl_uint cu = 0;
        dev_text(l.dev[k], CL_DEVICE_NAME, name, sizeof name);
        plat_text(l.plat[k], CL_PLATFORM_NAME, plat, sizeof plat);
        clGetDeviceInfo(l.dev[k], CL_DEVICE_TYPE, sizeof type, &type, NULL);
        clGetDeviceInfo(l.dev[k], CL_DEVICE_GLOBAL_MEM_SIZE, sizeof mem, &mem, NULL);
        clGetDeviceInfo(l.dev[k], CL_DEVICE_MAX_MEM_ALLOC_SIZE, sizeof alloc, &alloc, NULL);
        clGetDeviceInfo(l.dev[k], CL_DEVICE_MAX_COMPUTE_UNITS, sizeof cu, &cu, NULL);
        fprintf(f, "%-3zu %-40.40s %-22.22s %-5s %-5s %7.1f GiB %6.1f GiB  %u\n", k, name, plat,
                (type & CL_DEVICE_TYPE_GPU) ? "GPU" : (type & CL_DEVICE_TYPE_CPU) ? "CPU" : "other",
                dev_has_fp64(l.dev[k]) ? "yes" : "no", mem / 1073741824.0, alloc / 1073741824.0, cu);
    }
    return BT_OK;
}

/* ------------------------------------------------------------ program cache */

static uint64_t fnv1a(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* The cache file of this device, driver, source and options; "" if none. */
static void cache_path(const bt_cl_session *s, const char *src, size_t len, char *out, size_t cap)
{
    char buf[512];
    const char *dir = getenv("BTGPU_CACHE_DIR"), *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    char base[1024];
    out[0] = '\0';
    if (dir && *dir)
        snprintf(base, sizeof base, "%s", dir);
    else if (xdg && *xdg)
        snprintf(base, sizeof base, "%s/btgpu/opencl", xdg);
    else if (home && *home)
        snprintf(base, sizeof base, "%s/.cache/btgpu/opencl", home);
    else
        return;
    uint64_t h = 1469598103934665603ULL;
    plat_text(s->platform, CL_PLATFORM_NAME, buf, sizeof buf);
    h = fnv1a(h, buf, strlen(buf) + 1);
    plat_text(s->platform, CL_PLATFORM_VERSION, buf, sizeof buf);
    h = fnv1a(h, buf, strlen(buf) + 1);
    dev_text(s->device, CL_DEVICE_NAME, buf, sizeof buf);
    h = fnv1a(h, buf, strlen(buf) + 1);
    dev_text(s->device, CL_DEVICE_VERSION, buf, sizeof buf);
    h = fnv1a(h, buf, strlen(buf) + 1);
    dev_text(s->device, CL_DRIVER_VERSION, buf, sizeof buf);
    h = fnv1a(h, buf, strlen(buf) + 1);
    h = fnv1a(h, BUILD_OPTIONS, sizeof BUILD_OPTIONS);
    h = fnv1a(h, src, len);
    /* create the folder chain; failures just mean no cache */
    for (char *p = base + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(base, 0755);
            *p = '/';
        }
    mkdir(base, 0755);
    snprintf(out, cap, "%s/%016llx.bin", base, (unsigned long long)h);
}

/* A program from the cache, built; NULL when there is none or it is unusable. */
static cl_program cache_load(bt_cl_session *s, const char *path)
{
    if (!*path)
        return NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    unsigned char *bin = NULL;
    size_t n = 0;
    if (fseek(f, 0, SEEK_END) == 0) {
        long len = ftell(f);
        if (len > 0 && fseek(f, 0, SEEK_SET) == 0 && (bin = malloc((size_t)len)) != NULL)
            n = fread(bin, 1, (size_t)len, f) == (size_t)len ? (size_t)len : 0;
    }
    fclose(f);
    cl_program p = NULL;
    if (n) {
        cl_int st = CL_SUCCESS, e = CL_SUCCESS;
        const unsigned char *b = bin;
        p = clCreateProgramWithBinary(s->ctx, 1, &s->device, &n, &b, &st, &e);
        if (p && (e != CL_SUCCESS || st != CL_SUCCESS ||
                  clBuildProgram(p, 1, &s->device, BUILD_OPTIONS, NULL, NULL) != CL_SUCCESS)) {
            clReleaseProgram(p);
            p = NULL;
        }
    }
    free(bin);
    return p;
}

static void cache_store(const bt_cl_session *s, cl_program p, const char *path)
{
    size_t n = 0;
    if (!*path || clGetProgramInfo(p, CL_PROGRAM_BINARY_SIZES, sizeof n, &n, NULL) != CL_SUCCESS || n == 0)
        return;
    unsigned char *bin = malloc(n);
    char tmp[1100];
    if (!bin)
        return;
    unsigned char *bins[1] = {bin};
    if (clGetProgramInfo(p, CL_PROGRAM_BINARIES, sizeof bins, bins, NULL) == CL_SUCCESS) {
        snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
        FILE *f = fopen(tmp, "wb");
        if (f) {
            int ok = fwrite(bin, 1, n, f) == n;
            ok &= fclose(f) == 0;
            if (!ok || rename(tmp, path) != 0)
                remove(tmp);
        }
    }
    (void)s;
    free(bin);
}

/* The kernel source: embedded, or the files of BTGPU_KERNEL_DIR (development). */
static char *kernel_source(size_t *len)
{
    const char *dir = getenv("BTGPU_KERNEL_DIR");
    if (!dir || !*dir) {
        char *s = malloc(bt_kernel_source_len + 1);
        if (s) {
            memcpy(s, bt_kernel_source, bt_kernel_source_len + 1);
            *len = bt_kernel_source_len;
        }
        return s;
    }
    const char *const *files = bt_kernel_source_files; /* the embedded files, in order */
    size_t cap = 1 << 20, n = 0;
    char *s = malloc(cap);
    for (size_t k = 0; s && files[k]; k++) {
        char path[1024], line[4096];
        snprintf(path, sizeof path, "%s/%s", dir, files[k]);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        while (fgets(line, sizeof line, f)) {
            if (strncmp(line, "#include \"", 10) == 0)
                continue;
            size_t l = strlen(line);
            if (n + l + 1 > cap)
                break;
            memcpy(s + n, line, l);
            n += l;
        }
        fclose(f);
    }
    if (s)
        s[n] = '\0';
    *len = n;
    return s;
}

static int build_program(bt_cl_session *s, bt_error *err)
{
    int rc = BT_OK;
    size_t len = 0;
    char *src = kernel_source(&len);
    char path[1100];
    if (!src)
        return bt_error_set(err, BT_ERR_NOMEM, "out of memory for the OpenCL source");
    cache_path(s, src, len, path, sizeof path);
    s->program = cache_load(s, path);
    if (!s->program) {
        cl_int e;
        const char *srcs[1] = {src};
        s->program = clCreateProgramWithSource(s->ctx, 1, srcs, &len, &e);
        CL_TRY(e);
        e = clBuildProgram(s->program, 1, &s->device, BUILD_OPTIONS, NULL, NULL);
        if (e != CL_SUCCESS) {
            char log[700] = "";
            size_t n = 0;
            clGetProgramBuildInfo(s->program, s->device, CL_PROGRAM_BUILD_LOG, sizeof log - 1, log, &n);
            log[n < sizeof log ? n : sizeof log - 1] = '\0';
            rc = bt_error_set(err, BT_ERR_DEVICE, "OpenCL: the kernel does not build on %s: %s; build log: %s",
                              s->name, cl_status(e), log[0] ? log : "(empty)");
            goto done;
        }
        cache_store(s, s->program, path);
    }
    cl_int e;
    s->kernel = clCreateKernel(s->program, "bt_sma_cross_tile", &e);
    CL_TRY(e);
done:
    free(src);
    return rc;
}

/* ------------------------------------------------------------ session */

void bt_cl_close(bt_cl_session *s)
{
    if (!s)
        return;
    cl_mem bufs[] = {s->open, s->close, s->times, s->bin_last};
    for (size_t k = 0; k < sizeof bufs / sizeof bufs[0]; k++)
        if (bufs[k])
            clReleaseMemObject(bufs[k]);
    if (s->kernel)
        clReleaseKernel(s->kernel);
    if (s->program)
        clReleaseProgram(s->program);
    if (s->queue)
        clReleaseCommandQueue(s->queue);
    if (s->ctx)
        clReleaseContext(s->ctx);
    free(s);
}

/* Picks a device: spec is an index from `btgpu devices` or a substring of
 * its name; NULL picks the first GPU with fp64 (auto) or, when gpu_only is
 * 0, the first device with fp64. */
static int pick_device(const dev_list *l, const char *spec, int gpu_only, size_t *at, bt_error *err)
{
    char name[256];
    if (spec && *spec) {
        char *end;
        unsigned long k = strtoul(spec, &end, 10);
        if (*end == '\0' && end != spec) {
            if (k >= l->n)
                return bt_error_set(err, BT_ERR_USAGE, "option '--device': there is no OpenCL device %lu "
                                    "(see 'btgpu devices': %zu device(s))", k, l->n);
            *at = k;
            return BT_OK;
        }
        for (size_t d = 0; d < l->n; d++) {
            dev_text(l->dev[d], CL_DEVICE_NAME, name, sizeof name);
            if (strstr(name, spec)) {
                *at = d;
                return BT_OK;
            }
        }
        return bt_error_set(err, BT_ERR_USAGE, "option '--device': no OpenCL device name contains '%s' "
                            "(see 'btgpu devices')", spec);
    }
    size_t single_gpu = l->n; /* a GPU without double precision, to name in the message */
    for (size_t d = 0; d < l->n; d++) {
        cl_device_type type = 0;
        clGetDeviceInfo(l->dev[d], CL_DEVICE_TYPE, sizeof type, &type, NULL);
        int fp64 = dev_has_fp64(l->dev[d]);
        if ((!gpu_only || (type & CL_DEVICE_TYPE_GPU)) && fp64) {
            *at = d;
            return BT_OK;
        }
        if ((type & CL_DEVICE_TYPE_GPU) && !fp64 && single_gpu == l->n)
            single_gpu = d;
    }
    if (single_gpu < l->n) {
        dev_text(l->dev[single_gpu], CL_DEVICE_NAME, name, sizeof name);
        return bt_error_set(err, BT_ERR_UNSUPPORTED, "OpenCL GPU '%s' has no double precision (cl_khr_fp64), "
                            "which btgpu needs for backtesting.py's numbers", name);
    }
    return bt_error_set(err, BT_ERR_UNSUPPORTED, gpu_only ? "no OpenCL GPU with double precision found"
                                                           : "no OpenCL device with double precision found");
}

int bt_cl_open(const char *spec, int gpu_only, const bt_series *series, const bt_calendar *cal, bt_cl_session **out,
               bt_error *err)
{
    int rc = BT_OK;
    dev_list l;
    size_t at = 0;
    cl_int e;
    bt_cl_session *s = NULL;
    *out = NULL;
    if ((rc = list_devices(&l, err)) || (rc = pick_device(&l, spec, gpu_only, &at, err)))
        return rc;
    s = calloc(1, sizeof *s);
    if (!s)
        return bt_error_set(err, BT_ERR_NOMEM, "out of memory");
    s->platform = l.plat[at];
    s->device = l.dev[at];
    dev_text(s->device, CL_DEVICE_NAME, s->name, sizeof s->name);
    if (!dev_has_fp64(s->device)) {
        rc = bt_error_set(err, BT_ERR_UNSUPPORTED, "OpenCL device '%s' has no double precision (cl_khr_fp64), "
                          "which btgpu needs for backtesting.py's numbers", s->name);
        goto done;
    }
    clGetDeviceInfo(s->device, CL_DEVICE_MAX_MEM_ALLOC_SIZE, sizeof s->max_alloc, &s->max_alloc, NULL);
    cl_context_properties props[] = {CL_CONTEXT_PLATFORM, (cl_context_properties)s->platform, 0};
    s->ctx = clCreateContext(props, 1, &s->device, NULL, NULL, &e);
    CL_TRY(e);
    s->queue = clCreateCommandQueue(s->ctx, s->device, 0, &e);
    CL_TRY(e);
    if ((rc = build_program(s, err)))
        goto done;
    size_t n = series->n;
    s->open = clCreateBuffer(s->ctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, n * sizeof(double), series->open, &e);
    CL_TRY(e);
    s->close = clCreateBuffer(s->ctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, n * sizeof(double), series->close, &e);
    CL_TRY(e);
    s->times = clCreateBuffer(s->ctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, n * sizeof(double), cal->t, &e);
    CL_TRY(e);
    s->bin_last = clCreateBuffer(s->ctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, n, cal->bin_last, &e);
    CL_TRY(e);
done:
    if (rc)
        bt_cl_close(s);
    else
        *out = s;
    return rc;
}

const char *bt_cl_device_name(const bt_cl_session *s) { return s->name; }

/* ------------------------------------------------------------ evaluation */

/* One chunk's device buffers (bt_device_ops on a session). */
typedef struct cl_chunk {
    bt_cl_session *s;
    size_t m, w[2];
    cl_mem rows[2], k[2], lanes, accb, tacc;
} cl_chunk;

static void cl_end(void *self)
{
    cl_chunk *ch = self;
    cl_mem *all[] = {&ch->rows[0], &ch->rows[1], &ch->k[0], &ch->k[1], &ch->lanes, &ch->accb, &ch->tacc};
    for (size_t q = 0; q < sizeof all / sizeof all[0]; q++)
        if (*all[q]) {
            clReleaseMemObject(*all[q]);
            *all[q] = NULL;
        }
}

static int cl_begin(void *self, size_t m, size_t w1, size_t w2, size_t tile, const double *lanes, const double *accb,
                    const bt_acc_trades *tacc, const int32_t *k1, const int32_t *k2, bt_error *err)
{
    cl_chunk *ch = self;
    bt_cl_session *s = ch->s;
    int rc = BT_OK;
    cl_int e;
    const cl_mem_flags in = CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, io = CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR;
    ch->m = m;
    ch->w[0] = w1;
    ch->w[1] = w2;
    const int32_t *k[2] = {k1, k2};
    for (int t = 0; t < 2; t++) {
        ch->rows[t] = clCreateBuffer(s->ctx, CL_MEM_READ_ONLY, (tile + 1) * ch->w[t] * sizeof(double), NULL, &e);
        CL_TRY(e);
        ch->k[t] = clCreateBuffer(s->ctx, in, m * sizeof(int32_t), (void *)k[t], &e);
        CL_TRY(e);
    }
    ch->lanes = clCreateBuffer(s->ctx, io, 7 * m * sizeof(double), (void *)lanes, &e);
    CL_TRY(e);
    ch->accb = clCreateBuffer(s->ctx, io, (size_t)BT_ACC_BAR_FIELDS * m * sizeof(double), (void *)accb, &e);
    CL_TRY(e);
    ch->tacc = clCreateBuffer(s->ctx, io, m * sizeof *tacc, (void *)tacc, &e);
    CL_TRY(e);
    cl_kernel kn = s->kernel;
    cl_ulong un = s->n, um = m, uw1 = w1, uw2 = w2;
    CL_TRY(clSetKernelArg(kn, 0, sizeof un, &un));
    CL_TRY(clSetKernelArg(kn, 1, sizeof um, &um));
    CL_TRY(clSetKernelArg(kn, 4, sizeof(cl_mem), &s->open));
    CL_TRY(clSetKernelArg(kn, 5, sizeof(cl_mem), &s->close));
    CL_TRY(clSetKernelArg(kn, 6, sizeof(cl_mem), &s->times));
    CL_TRY(clSetKernelArg(kn, 7, sizeof(cl_mem), &s->bin_last));
    CL_TRY(clSetKernelArg(kn, 8, sizeof s->fixed, &s->fixed));
    CL_TRY(clSetKernelArg(kn, 9, sizeof s->rel, &s->rel));
    CL_TRY(clSetKernelArg(kn, 10, sizeof s->spread, &s->spread));
    CL_TRY(clSetKernelArg(kn, 11, sizeof s->lev, &s->lev));
    CL_TRY(clSetKernelArg(kn, 12, sizeof s->toc, &s->toc));
    CL_TRY(clSetKernelArg(kn, 13, sizeof s->fin, &s->fin));
    CL_TRY(clSetKernelArg(kn, 14, sizeof s->groups, &s->groups));
    CL_TRY(clSetKernelArg(kn, 15, sizeof(cl_mem), &ch->rows[0]));
    CL_TRY(clSetKernelArg(kn, 16, sizeof uw1, &uw1));
    CL_TRY(clSetKernelArg(kn, 17, sizeof(cl_mem), &ch->rows[1]));
    CL_TRY(clSetKernelArg(kn, 18, sizeof uw2, &uw2));
    CL_TRY(clSetKernelArg(kn, 19, sizeof(cl_mem), &ch->k[0]));
    CL_TRY(clSetKernelArg(kn, 20, sizeof(cl_mem), &ch->k[1]));
    CL_TRY(clSetKernelArg(kn, 21, sizeof(cl_mem), &ch->lanes));
    CL_TRY(clSetKernelArg(kn, 22, sizeof(cl_mem), &ch->accb));
    CL_TRY(clSetKernelArg(kn, 23, sizeof(cl_mem), &ch->tacc));
done:
    return rc;
}

static int cl_tile(void *self, size_t t0, size_t t1, const double *rows1, const double *rows2, bt_error *err)
{
    cl_chunk *ch = self;
    bt_cl_session *s = ch->s;
    int rc = BT_OK;
    const double *rows[2] = {rows1, rows2};
    for (int t = 0; t < 2; t++)
        CL_TRY(clEnqueueWriteBuffer(s->queue, ch->rows[t], CL_TRUE, 0, (t1 - t0 + 1) * ch->w[t] * sizeof(double),
                                    rows[t], 0, NULL, NULL));
    cl_ulong ut0 = t0, ut1 = t1;
    CL_TRY(clSetKernelArg(s->kernel, 2, sizeof ut0, &ut0));
    CL_TRY(clSetKernelArg(s->kernel, 3, sizeof ut1, &ut1));
    size_t global = ch->m;
    CL_TRY(clEnqueueNDRangeKernel(s->queue, s->kernel, 1, NULL, &global, NULL, 0, NULL, NULL));
    CL_TRY(clFinish(s->queue));
done:
    return rc;
}

static int cl_finish(void *self, double *accb, bt_acc_trades *tacc, bt_error *err)
{
    cl_chunk *ch = self;
    bt_cl_session *s = ch->s;
    int rc = BT_OK;
    CL_TRY(clEnqueueReadBuffer(s->queue, ch->accb, CL_TRUE, 0, (size_t)BT_ACC_BAR_FIELDS * ch->m * sizeof(double),
                               accb, 0, NULL, NULL));
    CL_TRY(clEnqueueReadBuffer(s->queue, ch->tacc, CL_TRUE, 0, ch->m * sizeof *tacc, tacc, 0, NULL, NULL));
done:
    return rc;
}

int bt_sma_cross_opencl(const bt_cpu_job *job, const double *params, size_t m, double *values, bt_error *err)
{
    bt_cl_session *s = job->device;
    const bt_options *o = job->options;
    cl_chunk ch = {0};
    ch.s = s;
    s->n = job->series->n;
    s->fixed = o->fixed_commission;
    s->rel = o->commission;
    s->spread = o->spread;
    s->lev = 1 / o->margin;
    s->toc = o->trade_on_close;
    s->fin = o->finalize_trades;
    s->groups = job->calendar->ctx.groups;
    bt_device_ops ops = {&ch, (size_t)s->max_alloc, cl_begin, cl_tile, cl_finish, cl_end};
    return bt_device_sma_cross(job, &ops, params, m, values, err);
}

#else /* no OpenCL at build time */

struct bt_cl_session {
    int unused;
};

static int no_opencl(bt_error *err)
{
    return bt_error_set(err, BT_ERR_UNSUPPORTED, "this btgpu was built without OpenCL (install ocl-icd-opencl-dev "
                        "and opencl-headers, then rebuild)");
}

int bt_cl_list_devices(FILE *f, bt_error *err)
{
    (void)f;
    return no_opencl(err);
}

int bt_cl_open(const char *spec, int gpu_only, const bt_series *series, const bt_calendar *cal, bt_cl_session **out,
               bt_error *err)
{
    (void)spec, (void)gpu_only, (void)series, (void)cal;
    *out = NULL;
    return no_opencl(err);
}

void bt_cl_close(bt_cl_session *s) { (void)s; }
const char *bt_cl_device_name(const bt_cl_session *s) { (void)s; return ""; }

int bt_sma_cross_opencl(const bt_cpu_job *job, const double *params, size_t m, double *values, bt_error *err)
{
    (void)job, (void)params, (void)m, (void)values;
    return no_opencl(err);
}

#endif
