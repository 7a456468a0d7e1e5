/* A stand-in OpenCL driver for the tests: an ICD library (loaded by the
 * system's ICD loader through OCL_ICD_VENDORS) with one platform and one
 * GPU that has no double precision, the kind of consumer device btgpu must
 * refuse. It answers the queries btgpu makes before it creates a context;
 * everything else reports CL_INVALID_OPERATION. */
#define CL_TARGET_OPENCL_VERSION 120
#define CL_USE_DEPRECATED_OPENCL_1_2_APIS
#include <CL/cl_icd.h>
#include <string.h>

#if defined(__GNUC__)
#define MOCK_EXPORT __attribute__((visibility("default")))
#else
#define MOCK_EXPORT
#endif

struct _cl_platform_id {
    cl_icd_dispatch *dispatch;
};
struct _cl_device_id {
    cl_icd_dispatch *dispatch;
};

static cl_icd_dispatch table; /* filled in by clIcdGetPlatformIDsKHR */
static struct _cl_platform_id platform = {&table};
static struct _cl_device_id device = {&table};

/* Copies a value of size n into an OpenCL info query's output. */
static cl_int answer(const void *v, size_t n, size_t cap, void *out, size_t *out_n)
{
    if (out_n)
        *out_n = n;
    if (out) {
        if (cap < n)
            return CL_INVALID_VALUE;
        memcpy(out, v, n);
    }
    return CL_SUCCESS;
}

static cl_int answer_text(const char *s, size_t cap, void *out, size_t *out_n)
{
    return answer(s, strlen(s) + 1, cap, out, out_n);
}

static cl_int CL_API_CALL platform_ids(cl_uint n, cl_platform_id *p, cl_uint *count)
{
    if (count)
        *count = 1;
    if (p && n > 0)
        p[0] = &platform;
    return CL_SUCCESS;
}

static cl_int CL_API_CALL platform_info(cl_platform_id p, cl_platform_info what, size_t cap, void *out,
                                        size_t *out_n)
{
    if (p != &platform)
        return CL_INVALID_PLATFORM;
    switch (what) {
    case CL_PLATFORM_PROFILE: return answer_text("FULL_PROFILE", cap, out, out_n);
    case CL_PLATFORM_VERSION: return answer_text("OpenCL 1.2 btgpu-mock", cap, out, out_n);
    case CL_PLATFORM_NAME: return answer_text("btgpu mock platform", cap, out, out_n);
    case CL_PLATFORM_VENDOR: return answer_text("btgpu tests", cap, out, out_n);
    case CL_PLATFORM_EXTENSIONS: return answer_text("cl_khr_icd", cap, out, out_n);
    case CL_PLATFORM_ICD_SUFFIX_KHR: return answer_text("MOCK", cap, out, out_n);
    default: return CL_INVALID_VALUE;
    }
}

static cl_int CL_API_CALL device_ids(cl_platform_id p, cl_device_type type, cl_uint n, cl_device_id *d,
                                     cl_uint *count)
{
    if (p != &platform)
        return CL_INVALID_PLATFORM;
    if (!(type & (CL_DEVICE_TYPE_GPU | CL_DEVICE_TYPE_DEFAULT)))
        return CL_DEVICE_NOT_FOUND;
    if (count)
        *count = 1;
    if (d && n > 0)
        d[0] = &device;
    return CL_SUCCESS;
}

static cl_int CL_API_CALL device_info(cl_device_id d, cl_device_info what, size_t cap, void *out, size_t *out_n)
{
    if (d != &device)
        return CL_INVALID_DEVICE;
    cl_device_type type = CL_DEVICE_TYPE_GPU;
    cl_device_fp_config fp64 = 0; /* no double precision */
    cl_ulong global = (cl_ulong)4 << 30, alloc = (cl_ulong)1 << 30;
    cl_uint units = 16;
    cl_bool yes = CL_TRUE;
    switch (what) {
    case CL_DEVICE_NAME: return answer_text("Mock GPU without fp64", cap, out, out_n);
    case CL_DEVICE_VENDOR: return answer_text("btgpu tests", cap, out, out_n);
    case CL_DEVICE_VERSION: return answer_text("OpenCL 1.2 btgpu-mock", cap, out, out_n);
    case CL_DRIVER_VERSION: return answer_text("1.0", cap, out, out_n);
    case CL_DEVICE_EXTENSIONS: return answer_text("cl_khr_icd", cap, out, out_n);
    case CL_DEVICE_TYPE: return answer(&type, sizeof type, cap, out, out_n);
    case CL_DEVICE_DOUBLE_FP_CONFIG: return answer(&fp64, sizeof fp64, cap, out, out_n);
    case CL_DEVICE_GLOBAL_MEM_SIZE: return answer(&global, sizeof global, cap, out, out_n);
    case CL_DEVICE_MAX_MEM_ALLOC_SIZE: return answer(&alloc, sizeof alloc, cap, out, out_n);
    case CL_DEVICE_MAX_COMPUTE_UNITS: return answer(&units, sizeof units, cap, out, out_n);
    case CL_DEVICE_AVAILABLE: return answer(&yes, sizeof yes, cap, out, out_n);
    case CL_DEVICE_PLATFORM: {
        cl_platform_id p = &platform;
        return answer(&p, sizeof p, cap, out, out_n);
    }
    default: return CL_INVALID_VALUE;
    }
}

MOCK_EXPORT CL_API_ENTRY cl_int CL_API_CALL clIcdGetPlatformIDsKHR(cl_uint n, cl_platform_id *p, cl_uint *count)
{
    table.clGetPlatformIDs = platform_ids;
    table.clGetPlatformInfo = platform_info;
    table.clGetDeviceIDs = device_ids;
    table.clGetDeviceInfo = device_info;
    return platform_ids(n, p, count);
}

/* The ICD loader also wants this entry point by name. */
MOCK_EXPORT CL_API_ENTRY cl_int CL_API_CALL clGetPlatformInfo(cl_platform_id p, cl_platform_info what, size_t cap,
                                                              void *out, size_t *out_n)
{
    return platform_info(p, what, cap, out, out_n);
}

MOCK_EXPORT CL_API_ENTRY void *CL_API_CALL clGetExtensionFunctionAddress(const char *name)
{
    if (strcmp(name, "clIcdGetPlatformIDsKHR") == 0)
        return (void *)clIcdGetPlatformIDsKHR;
    if (strcmp(name, "clGetPlatformInfo") == 0)
        return (void *)clGetPlatformInfo;
    return NULL;
}
