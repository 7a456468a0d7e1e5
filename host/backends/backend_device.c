/* The device-independent half of the accelerator backends. */
#include "backend_device.h"
#include "sma_table.h"

#include <math.h>
#include <stdlib.h>

#define TILE_BARS_MAX 4096

int bt_device_sma_cross(const bt_cpu_job *job, const bt_device_ops *ops, const double *params, size_t m,
                        double *values, bt_error *err)
{
    const bt_series *ser = job->series;
    const bt_options *o = job->options;
    const size_t n = ser->n;
    int rc = BT_OK, begun = 0;
    bt_sma_table tab[2] = {{0}};
    int32_t *k[2] = {NULL, NULL};
    double *lanes = NULL, *accb = NULL;
    bt_acc_trades *tacc = NULL;
    size_t *warm = NULL;

    if (m == 0)
        return BT_OK;
    k[0] = malloc(m * sizeof *k[0]);
    k[1] = malloc(m * sizeof *k[1]);
    lanes = malloc(7 * m * sizeof *lanes);
    accb = malloc((size_t)BT_ACC_BAR_FIELDS * m * sizeof *accb);
    tacc = malloc(m * sizeof *tacc);
    warm = malloc(m * sizeof *warm);
    if (!k[0] || !k[1] || !lanes || !accb || !tacc || !warm) {
        rc = bt_error_set(err, BT_ERR_RANGE, "cannot allocate the working memory for %zu combinations", m);
        goto done;
    }
    /* tiles as long as the device's largest buffer allows (m bounds the windows) */
    size_t tile = TILE_BARS_MAX;
    while (tile > 1 && (tile + 1) * m * sizeof(double) > ops->max_alloc / 2)
        tile /= 2;
    if (!bt_sma_table_init(&tab[0], k[0], params, m, 2, 0, ser->close, tile) ||
        !bt_sma_table_init(&tab[1], k[1], params, m, 2, 1, ser->close, tile)) {
        rc = bt_error_set(err, BT_ERR_RANGE, "cannot allocate the indicator tables for %zu combinations", m);
        goto done;
    }
    bt_acc_bars acc;
    bt_acc_bars_bind(&acc, accb, m);
    for (size_t c = 0; c < m; c++) {
        size_t w1 = (size_t)params[2 * c], w2 = (size_t)params[2 * c + 1];
        size_t a = w1 <= n ? w1 - 1 : 0, b = w2 <= n ? w2 - 1 : 0;
        warm[c] = a > b ? a : b;
        lanes[c] = o->cash;                       /* cash */
        lanes[m + c] = 0;                         /* size */
        lanes[2 * m + c] = 0;                     /* entry */
        lanes[3 * m + c] = 0;                     /* entry bar */
        lanes[4 * m + c] = 0;                     /* pend */
        lanes[5 * m + c] = 1;                     /* alive */
        lanes[6 * m + c] = (double)(warm[c] + 1); /* from */
        bt_acc_bars_reset(&acc, c, job->calendar->t[0]);
        bt_acc_trades_reset(&tacc[c]);
    }
    if ((rc = ops->begin(ops->self, m, tab[0].n_windows, tab[1].n_windows, tile, lanes, accb, tacc, k[0], k[1], err)))
        goto done;
    begun = 1;
    const size_t spans0 = (tab[0].n_windows + BT_SMA_SPAN - 1) / BT_SMA_SPAN;
    const size_t spans = spans0 + (tab[1].n_windows + BT_SMA_SPAN - 1) / BT_SMA_SPAN;
    for (size_t t0 = 0; t0 < n; t0 += tile) {
        if (bt_job_stopping(job))
            goto done; /* the caller drops the chunk */
        size_t t1 = t0 + tile < n ? t0 + tile : n;
        int threads = job->threads;
        (void)threads;
#ifdef BTGPU_HAVE_OPENMP
#pragma omp parallel for schedule(static) num_threads(threads)
#endif
        for (size_t sp = 0; sp < spans; sp++) {
            bt_sma_table *tb = &tab[sp >= spans0];
            size_t w0 = (sp >= spans0 ? sp - spans0 : sp) * BT_SMA_SPAN;
            size_t w1 = w0 + BT_SMA_SPAN < tb->n_windows ? w0 + BT_SMA_SPAN : tb->n_windows;
            bt_sma_table_span(tb, w0, w1, ser->close, t0, t1);
        }
        if ((rc = ops->tile(ops->self, t0, t1, tab[0].rows, tab[1].rows, err)))
            goto done;
    }
    if ((rc = ops->finish(ops->self, accb, tacc, err)))
        goto done;
    for (size_t c = 0; c < m; c++)
        bt_job_values(job, &job->calendar->ctx, &acc, c, &tacc[c], warm[c], values + c * job->n_keys);
done:
    if (begun)
        ops->end(ops->self);
    for (int t = 0; t < 2; t++) {
        bt_sma_table_free(&tab[t]);
        free(k[t]);
    }
    free(lanes);
    free(accb);
    free(tacc);
    free(warm);
    return rc;
}
