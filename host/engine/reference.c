/* The reference engine: Backtest.run() of backtesting.py 0.6.6 for a native
 * built-in strategy, one combination at a time, on the one broker
 * (host/engine/broker.c: the full order model). It is the oracle every fast
 * backend is tested against. */
#include "broker.h"
#include "strategy.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void bt_run_free(bt_run *r)
{
    if (!r)
        return;
    free(r->equity);
    free(r->trades);
    for (size_t k = 0; k < r->n_indicators; k++)
        free(r->indicator_values[k]);
    free(r->indicator_values);
    free(r->indicator_names);
    free(r->indicator_bool);
    memset(r, 0, sizeof *r);
}

int bt_run_reference(const bt_series *s, const bt_strategy_info *st, const double *params,
                     const bt_options *o, bt_run *out, bt_error *err)
{
    int rc = BT_OK;
    void *state = NULL;
    bt_broker *b = NULL;
    const bt_strategy_impl *impl = bt_strategy_impl_of(st);

    memset(out, 0, sizeof *out);
    if (!impl)
        return bt_error_set(err, BT_ERR_USAGE, "unknown strategy");
    if (s->n == 0)
        return bt_error_set(err, BT_ERR_DATA, "the series has no bars");
    rc = bt_strategy_check_params(st, params, err);
    if (rc)
        return rc;

    rc = bt_broker_open(s, o, out, &b, err);
    if (rc)
        goto done;

    size_t warmup = 0;
    rc = impl->init(s, params, &state, &warmup, err);
    if (rc)
        goto done;
    out->warmup = warmup;
    out->start = warmup + 1;

    for (size_t i = out->start; i < s->n; i++) {
        rc = bt_broker_next(b, i, err);
        if (rc < 0)
            goto done;
        if (rc == 1) { /* out of money: the run stops */
            rc = BT_OK;
            break;
        }
        impl->next(state, b, i);
        rc = bt_broker_pending_error(b, err);
        if (rc)
            goto done;
    }
    rc = bt_broker_finalize(b, err);

done:
    if (impl && state)
        impl->free(state);
    bt_broker_free(b);
    if (rc)
        bt_run_free(out);
    return rc;
}
