/* The randomized grid: numpy's default_rng reproduced, and the CLI's
 * --max-tries / --random-state / --method random. The sample itself is
 * checked against backtesting.py by tests/parity/random_cases.py. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "support.h"

/* numpy 2.4.6: [float.hex(x) for x in numpy.random.default_rng(seed).random(3)] */
static const struct {
    uint64_t seed;
    double x[3];
} numpy_draws[] = {
    {0, {0x1.461fd79fb3850p-1, 0x1.1442f7e20b674p-2, 0x1.4fa7b529d9bd0p-5}},
    {1, {0x1.060d7be6f245cp-1, 0x1.e6a32d7782a55p-1, 0x1.273d27b04760cp-3}},
    {42, {0x1.8c43f79a2db24p-1, 0x1.c16959869e47ep-2, 0x1.b79a2584ddb42p-1}},
    {4294967301ULL, {0x1.8c647d8643bd7p-1, 0x1.e20520871ce80p-2, 0x1.644a6db1c1d82p-1}},
    {9223372036854775807ULL, {0x1.675ac88b7d938p-3, 0x1.e134f9f4e4370p-2, 0x1.a66b4ed139c86p-1}},
};

Test(rng, draws_equal_numpy_default_rng_bit_for_bit)
{
    for (size_t k = 0; k < sizeof numpy_draws / sizeof numpy_draws[0]; k++) {
        bt_rng r;
        bt_rng_seed(&r, numpy_draws[k].seed);
        for (int i = 0; i < 3; i++) {
            double x = bt_rng_random(&r);
            cr_assert(x == numpy_draws[k].x[i], "seed %llu draw %d: %a, numpy %a", (unsigned long long)numpy_draws[k].seed,
                      i, x, numpy_draws[k].x[i]);
        }
    }
}

/* advance(k) is k draws: the ranks of an MPI search start their blocks' draws there */
Test(rng, advance_equals_that_many_draws)
{
    const uint64_t steps[] = {0, 1, 2, 3, 7, 64, 1000, 4097, 100003};
    for (size_t k = 0; k < sizeof steps / sizeof *steps; k++) {
        bt_rng a, b;
        bt_rng_seed(&a, 12345 + k);
        b = a;
        for (uint64_t i = 0; i < steps[k]; i++)
            bt_rng_random(&a);
        bt_rng_advance(&b, steps[k]);
        for (int i = 0; i < 5; i++) {
            double x = bt_rng_random(&a), y = bt_rng_random(&b);
            cr_assert(memcmp(&x, &y, sizeof x) == 0, "advance(%llu): draw %d: %.17g vs %.17g",
                      (unsigned long long)steps[k], i, x, y);
        }
    }
}

Test(rng, draws_are_uniform_on_the_unit_interval)
{
    bt_rng r;
    bt_rng_seed(&r, 2024);
    double sum = 0, lo = 1, hi = 0;
    size_t below = 0;
    const size_t n = 1000000;
    for (size_t i = 0; i < n; i++) {
        double x = bt_rng_random(&r);
        cr_assert(x >= 0 && x < 1, "draw %zu = %a", i, x);
        sum += x;
        lo = x < lo ? x : lo;
        hi = x > hi ? x : hi;
        below += x <= 0.25;
    }
    cr_assert(fabs(sum / n - 0.5) < 0.002, "mean %g", sum / n);
    cr_assert(fabs((double)below / n - 0.25) < 0.002, "share <= 0.25: %g", (double)below / n);
    cr_assert(lo < 1e-5 && hi > 1 - 1e-5, "range [%g, %g]", lo, hi);
}

static char out[1 << 16], err[1 << 16];

#define GRID "--method grid --data synth:600:3 --param n1=2:30 --param n2=5:60 --constraint 'n1 < n2' --quiet "

Test(random_cli, bad_settings_are_usage_errors)
{
    int rc = bt_test_run_cli(GRID "--max-tries 0", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 2);
    cr_assert(strstr(err, "option '--max-tries': 0 must be > 0") != NULL, "%s", err);
    rc = bt_test_run_cli(GRID "--max-tries ten", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 2);
    cr_assert(strstr(err, "'ten' is not a finite number") != NULL, "%s", err);
    rc = bt_test_run_cli(GRID "--method random", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 2);
    cr_assert(strstr(err, "--method random needs --max-tries") != NULL, "%s", err);
    rc = bt_test_run_cli(GRID "--method sambo", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 2);
    cr_assert(strstr(err, "'sambo' (model-based optimization) is not supported") != NULL, "%s", err);
    rc = bt_test_run_cli(GRID "--max-tries 5 --random-state -1", out, sizeof out, err, sizeof err);
    cr_assert_eq(rc, 2);
    cr_assert(strstr(err, "option '--random-state': '-1' is not a whole number") != NULL, "%s", err);
}

static char *copy(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    cr_assert(p != NULL);
    memcpy(p, s, n);
    return p;
}

static size_t rows(const char *path)
{
    const char *s = bt_test_slurp(path);
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n - 1; /* the header */
}

Test(random_cli, a_seed_gives_one_sample_on_every_backend_and_a_drawn_seed_is_printed)
{
    char h1[256], h2[256], h3[256], args[1024];
    snprintf(h1, sizeof h1, "%s/random-1.csv", BTGPU_TEST_TMP);
    snprintf(h2, sizeof h2, "%s/random-2.csv", BTGPU_TEST_TMP);
    snprintf(h3, sizeof h3, "%s/random-3.csv", BTGPU_TEST_TMP);
    snprintf(args, sizeof args, GRID "--max-tries 40 --random-state 5 --heatmap %s --backend cpu --threads 2", h1);
    cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "%s", err);
    snprintf(args, sizeof args, GRID "--max-tries 40 --random-state 5 --heatmap %s --backend reference --threads 1", h2);
    cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "%s", err);
    char *a = copy(bt_test_slurp(h1));
    cr_assert_str_eq(a, bt_test_slurp(h2), "cpu and reference sample the same combinations");
    /* about 40 of the 1,215 admissible (binomial: 40 +- 6.2) */
    size_t n = rows(h1);
    cr_assert(n >= 15 && n <= 65, "%zu sampled", n);
    /* a fraction keeps about that share; another seed another sample */
    snprintf(args, sizeof args, GRID "--max-tries 0.25 --random-state 6 --heatmap %s", h3);
    cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "%s", err);
    size_t m = rows(h3);
    cr_assert(m >= 230 && m <= 335, "%zu sampled of 1215 at 0.25", m);
    /* no --random-state: one is drawn and printed, and passing it repeats the sample */
    snprintf(args, sizeof args, GRID "--max-tries 40 --heatmap %s", h2);
    cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "%s", err);
    const char *at = strstr(err, "btgpu: --random-state ");
    cr_assert(at != NULL, "the drawn seed is printed: %s", err);
    unsigned long long seed = strtoull(at + strlen("btgpu: --random-state "), NULL, 10);
    char *drawn = copy(bt_test_slurp(h2));
    snprintf(args, sizeof args, GRID "--max-tries 40 --random-state %llu --heatmap %s", seed, h3);
    cr_assert_eq(bt_test_run_cli(args, out, sizeof out, err, sizeof err), 0, "%s", err);
    cr_assert_str_eq(drawn, bt_test_slurp(h3), "--random-state %llu repeats the sample", seed);
    cr_assert(strstr(err, "drawn") == NULL, "no seed drawn when one is given: %s", err);
    free(a);
    free(drawn);
}
