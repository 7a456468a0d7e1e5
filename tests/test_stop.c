/* bt_optimize_spec.stop_flag: a search stopped while a chunk runs drops that
 * chunk and describes the chunks before it, exactly as if the grid ended
 * there; a flag already set stops it before anything is done. Every engine:
 * the native CPU kernel (crossing path and per-bar body), the vector
 * executor, the reference engine and OpenCL (when built). */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "btgpu.h"

typedef struct rows {
    double v[4096][3]; /* n1, n2, value */
    size_t n;
} rows;

static int sink(void *ctx, const double *values, double value)
{
    rows *r = ctx;
    cr_assert(r->n < 4096);
    r->v[r->n][0] = values[0];
    r->v[r->n][1] = values[1];
    r->v[r->n][2] = value;
    r->n++;
    return BT_OK;
}

typedef struct flagger {
    volatile sig_atomic_t flag;
    uint64_t at;     /* raise the flag once this many product indices are done */
    uint64_t calls;  /* progress reports seen */
} flagger;

static int on_progress(void *ctx, uint64_t done, uint64_t total)
{
    flagger *f = ctx;
    (void)total;
    f->calls++;
    if (done >= f->at)
        f->flag = 1; /* seen by the engines inside the next chunk */
    return 0;
}

typedef struct engine {
    const char *strategy;
    bt_backend backend;
    int key;
    const char *what;
} engine;

/* One search of strategy over n1 x n2 (with n1 < n2); stop raised after `at`
 * product indices (0: before the start; UINT64_MAX: never). */
static int search(const engine *e, uint64_t at, rows *r, bt_optimize_result *res, bt_error *err, flagger *f)
{
    static bt_series s;
    if (!s.n)
        cr_assert_eq(bt_series_synth(3000, 5, &s, err), BT_OK, "%s", err->msg);
    const bt_strategy_info *st = NULL;
    cr_assert_eq(bt_strategy_resolve(e->strategy, &st, err), BT_OK, "%s", err->msg);
    bt_grid g = {0};
    cr_assert_eq(bt_grid_add_param(&g, "n1=5:45:2", err), BT_OK, "%s", err->msg);
    cr_assert_eq(bt_grid_add_param(&g, "n2=10:130:3", err), BT_OK, "%s", err->msg);
    cr_assert_eq(bt_grid_set_constraint(&g, "n1 < n2", err), BT_OK, "%s", err->msg);
    bt_options o;
    bt_options_default(&o);
    o.commission = 0.002;
    memset(f, 0, sizeof *f);
    f->at = at;
    f->flag = at == 0;
    r->n = 0;
    memset(res, 0, sizeof *res);
    bt_optimize_spec spec = {.series = &s, .strategy = st, .grid = &g, .options = &o, .maximize = e->key,
                             .backend = e->backend, .threads = 2, .on_row = sink, .on_row_ctx = r,
                             .on_progress = on_progress, .on_progress_ctx = f, .stop_flag = &f->flag};
    int rc = bt_optimize(&spec, res, err);
    bt_grid_free(&g);
    bt_strategy_release(st);
    return rc;
}

static void check_engine(const engine *e)
{
    static rows all, part;
    bt_optimize_result full, res;
    bt_error err = {0};
    flagger f;
    setenv("BTGPU_CHUNK", "100", 1); /* 20 x 40 = 800 product indices: 8 chunks */
    cr_assert_eq(search(e, UINT64_MAX, &all, &full, &err, &f), BT_OK, "%s: %s", e->what, err.msg);
    cr_assert_eq(full.stopped, 0, "%s", e->what);
    cr_assert_eq(f.calls, 8, "%s: %llu progress reports", e->what, (unsigned long long)f.calls);
    cr_assert(all.n > 300, "%s: %zu rows", e->what, all.n);
    bt_optimize_result_free(&full);

    /* raised after the third chunk: the fourth is dropped, wherever its engine saw the flag */
    cr_assert_eq(search(e, 300, &part, &res, &err, &f), BT_OK, "%s: %s", e->what, err.msg);
    cr_assert_eq(res.stopped, 1, "%s", e->what);
    cr_assert_eq(res.n_done, 300, "%s: %llu done", e->what, (unsigned long long)res.n_done);
    cr_assert_eq(f.calls, 3, "%s: %llu progress reports", e->what, (unsigned long long)f.calls);
    size_t want = 0; /* the rows of product indices [0, 300): n1 index * 40 + n2 index < 300 */
    for (size_t k = 0; k < all.n; k++) {
        const size_t i1 = (size_t)(all.v[k][0] - 5) / 2, i2 = (size_t)(all.v[k][1] - 10) / 3;
        want += i1 * 40 + i2 < 300;
    }
    cr_assert_eq(part.n, want, "%s: %zu rows, want %zu", e->what, part.n, want);
    cr_assert_eq(res.n_admissible, want, "%s", e->what);
    cr_assert(memcmp(part.v, all.v, want * sizeof all.v[0]) == 0, "%s: the rows done are the full search's",
              e->what);
    /* the best of what was done, with its full run */
    size_t best = 0;
    for (size_t k = 1; k < want; k++)
        if (part.v[k][2] > part.v[best][2])
            best = k;
    cr_assert(res.best_values[0] == part.v[best][0] && res.best_values[1] == part.v[best][1],
              "%s: best n1=%g n2=%g, want %g %g", e->what, res.best_values[0], res.best_values[1], part.v[best][0],
              part.v[best][1]);
    cr_assert(res.best_run.n_bars == 3000, "%s: the best run is there", e->what);
    bt_optimize_result_free(&res);

    /* set before the start: nothing done */
    cr_assert_eq(search(e, 0, &part, &res, &err, &f), BT_ERR_INTERRUPTED, "%s: %s", e->what, err.msg);
    cr_assert(strstr(err.msg, "stopped before any admissible combination finished (0 of 800 done)") != NULL, "%s: %s",
              e->what, err.msg);
    cr_assert_eq(part.n, 0, "%s", e->what);
    bt_optimize_result_free(&res);
    unsetenv("BTGPU_CHUNK");
}

Test(stop, native_cpu_kernel_crossing_path)
{
    engine e = {"sma_cross", BT_BACKEND_CPU, BT_STAT_SQN, "native sma_cross, SQN"};
    check_engine(&e);
}

Test(stop, native_cpu_kernel_per_bar_body)
{
    engine e = {"sma_cross", BT_BACKEND_CPU, BT_STAT_SHARPE, "native sma_cross, Sharpe Ratio"};
    check_engine(&e);
}

Test(stop, vector_executor)
{
    engine e = {"ema_cross", BT_BACKEND_CPU, BT_STAT_SHARPE, "ema_cross (compiled), Sharpe Ratio"};
    check_engine(&e);
}

Test(stop, reference_engine)
{
    engine e = {"sma_cross", BT_BACKEND_REFERENCE, BT_STAT_EQUITY_FINAL, "reference, Equity Final"};
    check_engine(&e);
}

#ifdef BTGPU_HAVE_OPENCL
Test(stop, opencl)
{
    engine e = {"sma_cross", BT_BACKEND_OPENCL, BT_STAT_SQN, "opencl, SQN"};
    check_engine(&e);
}
#endif
