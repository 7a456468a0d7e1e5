/* The CUDA backend from the command line. Where a CUDA GPU is present its
 * heatmap must equal the CPU backend's byte for byte; elsewhere (the usual
 * development and CI machine) asking for it must fail cleanly: exit 1 and a
 * message that says why, and auto must quietly pick another backend. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support.h"

static char out[1 << 16], err[1 << 16];

#define GRID "--method grid --data synth:900:4 --param n1=2:25:2 --param n2=5:80:6 --commission 0.002 "


Test(cuda, cuda_backend_equals_cpu_or_fails_cleanly)
{
    char a[1024], b[1024], args[4096];
    mkdir(BTGPU_TEST_TMP, 0777);
    snprintf(a, sizeof a, "%s/cuda.%d.csv", BTGPU_TEST_TMP, (int)getpid());
    snprintf(b, sizeof b, "%s/cpu.%d.csv", BTGPU_TEST_TMP, (int)getpid());
    snprintf(args, sizeof args, GRID "--backend cuda --heatmap '%s' --quiet", a);
    int rc = bt_test_run_cli(args, out, sizeof out, err, sizeof err);
    if (rc == 1) {
        cr_assert(strstr(err, "btgpu: no CUDA device: ") == err || strstr(err, "built without CUDA") != NULL,
                  "a clear reason: %s", err);
        cr_assert(access(a, F_OK) != 0, "no heatmap is left behind");
        return;
    }
    cr_assert_eq(rc, 0, "stderr: %s", err);
    snprintf(args, sizeof args, GRID "--backend cpu --heatmap '%s' --quiet", b);
    cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "stderr: %s", err);
    char *ha = strdup(bt_test_slurp(a));
    cr_assert_str_eq(ha, bt_test_slurp(b), "CUDA and CPU heatmaps differ");
    free(ha);
}

Test(cuda, auto_never_fails_for_want_of_a_gpu)
{
    int rc = bt_test_run_cli(GRID "--backend auto", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 0, "stderr: %s", err);
    cr_assert(strstr(out, "Backend cpu:") != NULL || strstr(out, "Backend cuda (") != NULL ||
                  strstr(out, "Backend opencl (") != NULL,
              "%s", out);
}
