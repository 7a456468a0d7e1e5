/* Helpers shared by the Criterion test binaries. */
#ifndef BTGPU_TEST_SUPPORT_H
#define BTGPU_TEST_SUPPORT_H
#include <stddef.h>

/* Writes text to a fresh file under the build's test-tmp folder and returns
 * its path (static storage, valid until the next call with the same tag). */
const char *bt_test_write_file(const char *tag, const char *text);

/* Runs the btgpu binary with the given argument string through /bin/sh,
 * captures stdout and stderr (each truncated to cap bytes) and returns the
 * exit code (or -1 when it could not run / was killed by a signal). */
int bt_test_run_cli(const char *args, char *out, size_t out_cap, char *err, size_t err_cap);

/* The contents of a file (at most 1 MiB; static storage, overwritten by the
 * next call); fails the current test when the file cannot be read. */
char *bt_test_slurp(const char *path);

/* Runs fn(ctx) in a forked child and returns how far it raised the child's
 * peak resident memory above its resident memory when it began, in KiB
 * (VmHWM - VmRSS of /proc/self/status; the peak is first reset to the
 * current size through /proc/self/clear_refs), or -1 when that cannot be
 * measured or fn returned non-zero (fn must not use Criterion's asserts). */
long bt_test_peak_growth_kib(int (*fn)(void *ctx), void *ctx);

/* The k-th comma-separated field (from 0; no quoting) of every line of a
 * CSV text, one per line; malloc'd, the caller frees it. */
char *bt_test_csv_column(const char *text, size_t k);

/* Sanitizer builds (the asan preset) run slower and use more memory: timing
 * bounds are widened and peak-memory tests skipped there. */
#ifdef BTGPU_SANITIZED
#define BT_TEST_SLOWDOWN 20.0 /* a timing bound is no measure there */
#define BT_TEST_SKIP_MEMORY() cr_skip_test("peak memory is not measured under the sanitizers")
#else
#define BT_TEST_SLOWDOWN 1.0
#define BT_TEST_SKIP_MEMORY() ((void)0)
#endif

#endif
