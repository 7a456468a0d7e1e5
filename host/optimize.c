/* The grid search driver: walks the product in chunks, evaluates each chunk
 * with the chosen backend, streams heatmap rows in grid order and keeps the
 * first maximum; the winner is re-run for its full statistics. Memory is
 * bounded by the chunk size, whatever the grid size. */
#include "btgpu.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef BTGPU_HAVE_OPENMP
#include <omp.h>
#endif

#define CHUNK 4096

/* Per-combination outcome within a chunk. */
typedef struct combo_slot {
    double values[BT_MAX_PARAMS]; /* grid order */
    double value;                 /* heatmap value (NaN without trades) */
    int admissible;
    int status;                   /* BT_OK or the error of this combination */
    bt_error err;
} combo_slot;

typedef struct plan {
    const bt_optimize_spec *spec;
    size_t map[BT_MAX_PARAMS];   /* grid param -> strategy param index */
} plan;

static void to_params(const plan *pl, const double *values, double *params)
{
    const bt_strategy_info *st = pl->spec->strategy;
    for (size_t p = 0; p < st->n_params; p++)
        params[p] = st->param_defaults[p];
    for (size_t g = 0; g < pl->spec->grid->n_params; g++)
        params[pl->map[g]] = values[g];
}

/* Maps grid names onto the strategy and checks every swept value once. */
static int make_plan(const bt_optimize_spec *spec, plan *pl, bt_error *err)
{
    const bt_strategy_info *st = spec->strategy;
    const bt_grid *g = spec->grid;
    pl->spec = spec;
    for (size_t q = 0; q < g->n_params; q++) {
        size_t p = 0;
        while (p < st->n_params && strcmp(st->param_names[p], g->params[q].name) != 0)
            p++;
        if (p == st->n_params) {
            char names[256] = "";
            for (size_t r = 0; r < st->n_params; r++) {
                strncat(names, r ? ", " : "", sizeof names - strlen(names) - 1);
                strncat(names, st->param_names[r], sizeof names - strlen(names) - 1);
            }
            return bt_error_set(err, BT_ERR_USAGE, "--param '%s': strategy '%s' has no such parameter (parameters: %s)",
                                g->params[q].name, st->name, names);
        }
        pl->map[q] = p;
    }
    double params[BT_MAX_PARAMS];
    for (size_t q = 0; q < g->n_params; q++)
        for (size_t v = 0; v < g->params[q].n_values; v++) {
            for (size_t p = 0; p < st->n_params; p++)
                params[p] = st->param_defaults[p];
            params[pl->map[q]] = g->params[q].values[v];
            int rc = bt_strategy_check_params(st, params, err);
            if (rc)
                return rc;
        }
    return BT_OK;
}

/* The heatmap value of one combination with the reference engine. */
static int eval_reference(const plan *pl, const double *values, double *value, bt_error *err)
{
    const bt_optimize_spec *spec = pl->spec;
    double params[BT_MAX_PARAMS];
    bt_run run = {0};
    bt_stats st;
    to_params(pl, values, params);
    int rc = bt_run_reference(spec->series, spec->strategy, params, spec->options, &run, err);
    if (rc == BT_OK)
        rc = bt_stats_compute(spec->series, &run, &st, err);
    if (rc == BT_OK)
        *value = run.n_trades ? bt_stats_rank_value(&st, spec->maximize) : NAN;
    bt_run_free(&run);
    return rc;
}

static void eval_chunk(const plan *pl, uint64_t k0, size_t count, combo_slot *slots, int threads)
{
    const bt_grid *g = pl->spec->grid;
#ifdef BTGPU_HAVE_OPENMP
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
#endif
    for (size_t j = 0; j < count; j++) {
        combo_slot *s = &slots[j];
        s->status = BT_OK;
        s->value = NAN;
        bt_grid_decode(g, k0 + j, s->values);
        s->status = bt_grid_admissible(g, s->values, &s->admissible, &s->err);
        if (s->status == BT_OK && s->admissible)
            s->status = eval_reference(pl, s->values, &s->value, &s->err);
    }
    (void)threads;
}

void bt_optimize_result_free(bt_optimize_result *r)
{
    if (!r)
        return;
    bt_run_free(&r->best_run);
    memset(r, 0, sizeof *r);
}

int bt_optimize(const bt_optimize_spec *spec, bt_optimize_result *out, bt_error *err)
{
    int rc = BT_OK;
    plan pl;
    combo_slot *slots = NULL;
    const bt_grid *g = spec->grid;
    int threads = spec->threads;

    memset(out, 0, sizeof *out);
    if (spec->maximize < 0 || spec->maximize >= BT_N_STATS)
        return bt_error_set(err, BT_ERR_USAGE, "unknown statistic to maximize");
    rc = bt_options_validate(spec->options, err);
    if (rc)
        return rc;
    rc = make_plan(spec, &pl, err);
    if (rc)
        return rc;
#ifdef BTGPU_HAVE_OPENMP
    if (threads <= 0)
        threads = omp_get_max_threads();
#endif
    if (threads <= 0)
        threads = 1;

    uint64_t total = g->n_params ? g->n_product : 1;
    size_t chunk = total < CHUNK ? (size_t)total : CHUNK;
    slots = calloc(chunk ? chunk : 1, sizeof *slots);
    if (!slots)
        return bt_error_set(err, BT_ERR_RANGE, "cannot allocate the working memory for %zu combinations", chunk);

    int have_best = 0;
    uint64_t first_index = 0;
    double first_values[BT_MAX_PARAMS] = {0};
    for (uint64_t k0 = 0; k0 < total; k0 += chunk) {
        size_t count = (total - k0) < chunk ? (size_t)(total - k0) : chunk;
        eval_chunk(&pl, k0, count, slots, threads);
        for (size_t j = 0; j < count; j++) {
            combo_slot *s = &slots[j];
            if (s->status) {
                if (err)
                    *err = s->err;
                rc = s->status;
                goto done;
            }
            if (!s->admissible)
                continue;
            if (out->n_admissible++ == 0) {
                first_index = k0 + j;
                memcpy(first_values, s->values, sizeof first_values);
            }
            if (s->value != s->value)
                out->n_no_trades++;
            else if (!have_best || s->value > out->best_value) {
                have_best = 1;
                out->best_value = s->value;
                out->best_index = k0 + j;
                memcpy(out->best_values, s->values, sizeof out->best_values);
            }
            if (spec->on_row && (rc = spec->on_row(spec->on_row_ctx, s->values, s->value)) != BT_OK)
                goto done;
        }
    }
    if (out->n_admissible == 0) {
        rc = bt_error_set(err, BT_ERR_USAGE, "no admissible combination: the constraint rejects all %llu combinations",
                          (unsigned long long)total);
        goto done;
    }
    if (!have_best) { /* all NaN: backtesting.py returns the first combination */
        out->best_index = first_index;
        out->best_value = NAN;
        memcpy(out->best_values, first_values, sizeof first_values);
    }
    to_params(&pl, out->best_values, out->best_params);
    rc = bt_run_reference(spec->series, spec->strategy, out->best_params, spec->options, &out->best_run, err);
    if (rc == BT_OK)
        rc = bt_stats_compute(spec->series, &out->best_run, &out->best_stats, err);

done:
    free(slots);
    if (rc)
        bt_optimize_result_free(out);
    return rc;
}
