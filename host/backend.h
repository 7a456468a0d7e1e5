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
    int key;                     /* bt_stat_id of the heatmap value */
    int threads;                 /* >= 1 */
} bt_cpu_job;

/* A strategy's CPU backend: values[c] = heatmap value (NaN without trades)
 * of the m combinations params[c * n_params ...] (strategy order), equal to
 * the reference engine's bt_calendar_run_value. BT_ERR_RANGE when the
 * working memory cannot be allocated. */
typedef int (*bt_cpu_eval_fn)(const bt_cpu_job *job, const double *params, size_t m, double *values,
                              bt_error *err);

#endif
