#define _POSIX_C_SOURCE 200809L
/* The OpenCL backend from the command line: device listing, device choice,
 * automatic choice and every failure mode that can be provoked on a machine
 * with PoCL. (Byte-identity with the CPU backend on random series and grids
 * is in test_backends.) Every test starts its own process, so no OpenCL
 * context exists before Criterion forks. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support.h"

static char out[1 << 16], err[1 << 16], out2[1 << 16];

#define GRID "--method grid --data synth:700:3 --param n1=2:20:3 --param n2=5:60:7 --commission 0.002 "


static const char *tmp_dir(const char *tag)
{
    static char path[512];
    mkdir(BTGPU_TEST_TMP, 0777);
    snprintf(path, sizeof path, "%s/%s.%d", BTGPU_TEST_TMP, tag, (int)getpid());
    mkdir(path, 0777);
    return path;
}

Test(opencl, devices_lists_a_device_with_double_precision)
{
    int rc = bt_test_run_cli("devices", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    cr_assert(strstr(out, "fp64") != NULL, "%s", out);
    cr_assert(strstr(out, "\n0   ") != NULL, "device 0 is listed:\n%s", out);
    cr_assert(strstr(out, " yes ") != NULL, "a device with fp64:\n%s", out);
}

Test(opencl, opencl_heatmap_equals_cpu_heatmap)
{
    char a[1024], b[1024], args[4096];
    snprintf(a, sizeof a, "%s/cl.csv", tmp_dir("cl"));
    snprintf(b, sizeof b, "%s/cpu.csv", tmp_dir("cl"));
    snprintf(args, sizeof args, GRID "--backend opencl --device 0 --heatmap '%s' --quiet", a);
    int rc = bt_test_run_cli(args, out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    snprintf(args, sizeof args, GRID "--backend cpu --heatmap '%s' --quiet", b);
    cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "stderr: %s", err);
    char *ha = strdup(bt_test_slurp(a));
    cr_assert_str_eq(ha, bt_test_slurp(b));
    cr_assert(strlen(ha) > 100);
    free(ha);
}

Test(opencl, summary_names_the_device)
{
    int rc = bt_test_run_cli(GRID "--backend opencl", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    cr_assert(strstr(out, "Backend opencl (") != NULL, "%s", out);
}

Test(opencl, auto_without_a_gpu_uses_the_cpu_backend_quietly)
{
    int rc = bt_test_run_cli(GRID "--backend auto", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    cr_assert(strstr(out, "Backend cpu:") != NULL, "%s", out);
    cr_assert_str_empty(err);
}

Test(opencl, unknown_device_is_a_usage_error)
{
    int rc = bt_test_run_cli(GRID "--backend opencl --device no-such-device", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 2, "stderr: %s", err);
    cr_assert(strstr(err, "no OpenCL device name contains 'no-such-device'") != NULL, "%s", err);
    rc = bt_test_run_cli(GRID "--backend opencl --device 99", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 2, "stderr: %s", err);
    cr_assert(strstr(err, "there is no OpenCL device 99") != NULL, "%s", err);
}

Test(opencl, no_opencl_runtime_is_a_clear_runtime_error_and_auto_falls_back)
{
    /* the ICD loader finds no driver in an empty vendors folder */
    char args[2048];
    const char *empty = tmp_dir("novendors");
    snprintf(args, sizeof args, "devices");
    setenv("OCL_ICD_VENDORS", empty, 1);
    int rc = bt_test_run_cli(args, out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 1, "stderr: %s", err);
    cr_assert(strstr(err, "no OpenCL platform found") != NULL, "%s", err);
    rc = bt_test_run_cli(GRID "--backend opencl", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 1, "stderr: %s", err);
    cr_assert(strstr(err, "btgpu: no OpenCL platform found") != NULL, "%s", err);
    rc = bt_test_run_cli(GRID "--backend auto", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    cr_assert(strstr(err, "btgpu: warning: backend auto: no OpenCL platform found") != NULL, "%s", err);
    cr_assert(strstr(out, "Backend cpu:") != NULL, "%s", out);
    unsetenv("OCL_ICD_VENDORS");
}

#ifdef BTGPU_MOCK_ICD
Test(opencl, a_gpu_without_double_precision_is_refused_and_auto_falls_back)
{
    /* the only driver: tests/mock_icd.c, one GPU without cl_khr_fp64 */
    const char *dir = tmp_dir("mockicd");
    char path[1024];
    snprintf(path, sizeof path, "%s/mock.icd", dir);
    FILE *f = fopen(path, "w");
    cr_assert(f != NULL);
    fprintf(f, "%s\n", BTGPU_MOCK_ICD);
    fclose(f);
    setenv("OCL_ICD_VENDORS", dir, 1);
    int rc = bt_test_run_cli("devices", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    cr_assert(strstr(out, "Mock GPU without fp64") != NULL, "%s", out);
    cr_assert(strstr(out, " GPU ") != NULL && strstr(out, " no ") != NULL, "listed as a GPU without fp64:\n%s", out);
    rc = bt_test_run_cli(GRID "--backend opencl --device Mock", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 1, "stderr: %s", err);
    cr_assert(strstr(err, "btgpu: OpenCL device 'Mock GPU without fp64' has no double precision (cl_khr_fp64)") !=
                  NULL, "%s", err);
    rc = bt_test_run_cli(GRID "--backend opencl", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 1, "stderr: %s", err);
    cr_assert(strstr(err, "btgpu: OpenCL GPU 'Mock GPU without fp64' has no double precision") != NULL, "%s", err);
    rc = bt_test_run_cli(GRID "--backend auto --heatmap /dev/null", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    cr_assert(strstr(err, "btgpu: warning: backend auto: OpenCL GPU 'Mock GPU without fp64' has no double "
                          "precision") != NULL && strstr(err, "using the CPU backend") != NULL, "%s", err);
    cr_assert(strstr(out, "Backend cpu:") != NULL, "%s", out);
    unsetenv("OCL_ICD_VENDORS");
}
#endif

Test(opencl, a_kernel_that_does_not_build_reports_the_build_log)
{
    /* development override of the kernel sources, with a syntax error */
    const char *dir = tmp_dir("badkernel");
    char path[1024], args[2048];
    snprintf(path, sizeof path, "%s/sma_cross.cl", dir);
    FILE *f = fopen(path, "w");
    cr_assert(f != NULL);
    fputs("__kernel void bt_sma_cross_tile(global double *x) { x[0] = ; }\n", f);
    fclose(f);
    setenv("BTGPU_KERNEL_DIR", dir, 1);
    setenv("BTGPU_CACHE_DIR", tmp_dir("badcache"), 1);
    snprintf(args, sizeof args, GRID "--backend opencl");
    int rc = bt_test_run_cli(args, out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 1, "stderr: %s", err);
    cr_assert(strstr(err, "the kernel does not build on") != NULL, "%s", err);
    cr_assert(strstr(err, "build log: ") != NULL && strstr(err, "error") != NULL, "%s", err);
    rc = bt_test_run_cli(GRID "--backend auto --device 0", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    cr_assert(strstr(err, "warning: backend auto:") != NULL && strstr(err, "using the CPU backend") != NULL, "%s",
              err);
    unsetenv("BTGPU_KERNEL_DIR");
    unsetenv("BTGPU_CACHE_DIR");
}

Test(opencl, a_corrupt_program_cache_is_rebuilt_not_fatal)
{
    const char *cache = tmp_dir("cache");
    char cmd[2048];
    setenv("BTGPU_CACHE_DIR", cache, 1);
    int rc = bt_test_run_cli(GRID "--backend opencl --quiet --maximize 'Return [%]' --stats /dev/stdout", out,
                             sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    /* overwrite every cached program with garbage */
    snprintf(cmd, sizeof cmd, "for f in '%s'/*.bin; do test -f \"$f\" && echo garbage > \"$f\"; done; ls '%s' | wc -l",
             cache, cache);
    FILE *p = popen(cmd, "r");
    int files = 0;
    cr_assert(p && fscanf(p, "%d", &files) == 1);
    pclose(p);
    cr_assert_eq(files, 1, "one cached program");
    rc = bt_test_run_cli(GRID "--backend opencl --quiet --maximize 'Return [%]' --stats /dev/stdout", out2,
                         sizeof out2, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    cr_assert_str_eq(out, out2, "same statistics after the rebuild");
    unsetenv("BTGPU_CACHE_DIR");
}
