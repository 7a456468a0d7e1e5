/* What bindings use: the grid's mask (a caller-evaluated constraint), the
 * in-memory row sink bt_row_buffer and bt_sizeof. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "btgpu.h"

typedef struct search {
    bt_row_buffer rows;
    bt_optimize_result res;
    int rc;
    bt_error err;
} search;

/* sma_cross over n1 in 5..14, n2 in 20..39 step 5 on 600 synthetic bars. */
static void run(const char *constraint, const unsigned char *mask, const int *hs, size_t nhs, double max_tries,
                search *out)
{
    bt_series s = {0};
    bt_grid g = {0};
    const bt_strategy_info *st = NULL;
    bt_options o;
    bt_options_default(&o);
    memset(out, 0, sizeof *out);
    cr_assert_eq(bt_series_synth(600, 3, &s, &out->err), BT_OK, "%s", out->err.msg);
    cr_assert_eq(bt_strategy_resolve("sma_cross", &st, &out->err), BT_OK, "%s", out->err.msg);
    cr_assert_eq(bt_grid_add_param(&g, "n1=5:15", &out->err), BT_OK, "%s", out->err.msg);
    cr_assert_eq(bt_grid_add_param(&g, "n2=20:40:5", &out->err), BT_OK, "%s", out->err.msg);
    if (constraint)
        cr_assert_eq(bt_grid_set_constraint(&g, constraint, &out->err), BT_OK, "%s", out->err.msg);
    g.mask = mask;
    out->rows.n_values = g.n_params;
    out->rows.n_stats = nhs;
    bt_optimize_spec spec = {.series = &s, .strategy = st, .grid = &g, .options = &o, .maximize = BT_STAT_SQN,
                             .backend = BT_BACKEND_CPU, .threads = 2, .on_stats_row = bt_row_buffer_append,
                             .on_row_ctx = &out->rows, .heatmap_stats = hs, .n_heatmap_stats = nhs,
                             .randomized = max_tries > 0, .max_tries = max_tries, .random_state = 7};
    out->rc = bt_optimize(&spec, &out->res, &out->err);
    bt_grid_free(&g);
    bt_strategy_release(st);
    bt_series_free(&s);
}

static void done(search *s)
{
    bt_row_buffer_free(&s->rows);
    bt_row_buffer_free(&s->rows); /* twice is fine */
    bt_optimize_result_free(&s->res);
}

/* A mask that admits what a constraint admits gives the same rows and best. */
Test(binding, mask_equals_constraint)
{
    unsigned char mask[40];
    for (int k = 0; k < 40; k++) /* n1 = 5 + k / 4, n2 = 20 + 5 * (k % 4) */
        mask[k] = (5 + k / 4) * 3 < 20 + 5 * (k % 4);
    const double fracs[2] = {0, 13};
    for (int r = 0; r < 2; r++) {
        search a, b;
        run("n1 * 3 < n2", NULL, NULL, 0, fracs[r], &a);
        run(NULL, mask, NULL, 0, fracs[r], &b);
        cr_assert_eq(a.rc, BT_OK, "%s", a.err.msg);
        cr_assert_eq(b.rc, BT_OK, "%s", b.err.msg);
        cr_assert_gt(a.rows.n, 3);
        cr_assert_eq(a.rows.n, b.rows.n);
        cr_assert_eq(memcmp(a.rows.rows, b.rows.rows, a.rows.n * 3 * sizeof(double)), 0);
        cr_assert_eq(a.res.best_index, b.res.best_index);
        cr_assert_eq(a.res.n_passing, b.res.n_passing);
        done(&a);
        done(&b);
    }
    /* both: the combinations that pass the two */
    search c;
    run("n2 != 25", mask, NULL, 0, 0, &c);
    cr_assert_eq(c.rc, BT_OK, "%s", c.err.msg);
    for (size_t i = 0; i < c.rows.n; i++) {
        const double *row = c.rows.rows + 3 * i;
        cr_assert(row[0] * 3 < row[1] && row[1] != 25, "row %zu: n1=%g n2=%g", i, row[0], row[1]);
    }
    done(&c);
    unsigned char none[40] = {0};
    search d;
    run(NULL, none, NULL, 0, 0, &d);
    cr_assert_eq(d.rc, BT_ERR_USAGE);
    cr_assert(strstr(d.err.msg, "no admissible combination"), "%s", d.err.msg);
    done(&d);
}

/* Every row in grid order with the values, the maximized key and the extra statistics. */
Test(binding, row_buffer_keeps_every_row)
{
    const int hs[2] = {BT_STAT_N_TRADES, BT_STAT_RETURN};
    search a;
    run(NULL, NULL, hs, 2, 0, &a);
    cr_assert_eq(a.rc, BT_OK, "%s", a.err.msg);
    cr_assert_eq(a.rows.n, 40);
    cr_assert_geq(a.rows.cap, a.rows.n);
    for (size_t i = 0; i < a.rows.n; i++) {
        const double *row = a.rows.rows + 5 * i;
        cr_assert_eq(row[0], 5 + (double)(i / 4));
        cr_assert_eq(row[1], 20 + 5 * (double)(i % 4));
        cr_assert(row[3] >= 0 && row[3] == floor(row[3]), "# Trades %g", row[3]);
        if (i == a.res.best_index)
            cr_assert_eq(row[2], a.res.best_value);
    }
    done(&a);
}

Test(binding, sizeof_names_the_public_structures)
{
    cr_assert_eq(bt_sizeof("bt_series"), sizeof(bt_series));
    cr_assert_eq(bt_sizeof("bt_grid"), sizeof(bt_grid));
    cr_assert_eq(bt_sizeof("bt_optimize_spec"), sizeof(bt_optimize_spec));
    cr_assert_eq(bt_sizeof("bt_optimize_result"), sizeof(bt_optimize_result));
    cr_assert_eq(bt_sizeof("bt_row_buffer"), sizeof(bt_row_buffer));
    cr_assert_eq(bt_sizeof("bt_nothing"), 0);
    cr_assert_eq(bt_sizeof(NULL), 0);
}
