/* SmaCross, backtesting.py's Quick-Start strategy:
 *
 *   init: sma1 = SMA(Close, n1); sma2 = SMA(Close, n2)
 *   next: if crossover(sma1, sma2): position.close(); buy()
 *         elif crossover(sma2, sma1): position.close(); sell()
 */
#include "indicators.h"
#include "strategy.h"

#include <stdlib.h>

typedef struct sma_cross_state {
    double *sma1, *sma2; /* full-length indicator arrays */
} sma_cross_state;

/* backtesting.lib.crossover(a, b) on bar i: a[i-1] < b[i-1] and a[i] > b[i]
 * (strict; any NaN gives false). */
static int crossover(const double *a, const double *b, size_t i)
{
    return a[i - 1] < b[i - 1] && a[i] > b[i];
}

void bt_sma_cross_free(void *state)
{
    sma_cross_state *st = state;
    if (!st)
        return;
    free(st->sma1);
    free(st->sma2);
    free(st);
}

int bt_sma_cross_init(const bt_series *s, const double *params, void **state, size_t *warmup,
                      bt_error *err)
{
    sma_cross_state *st = calloc(1, sizeof *st);
    size_t n = s->n ? s->n : 1;
    if (st) {
        st->sma1 = malloc(n * sizeof(double));
        st->sma2 = malloc(n * sizeof(double));
    }
    if (!st || !st->sma1 || !st->sma2) {
        bt_sma_cross_free(st);
        return bt_error_set(err, BT_ERR_NOMEM, "out of memory for indicators (%zu bars)", s->n);
    }
    bt_sma_pandas(s->close, s->n, (size_t)params[0], st->sma1);
    bt_sma_pandas(s->close, s->n, (size_t)params[1], st->sma2);
    size_t w1 = bt_first_valid(st->sma1, s->n), w2 = bt_first_valid(st->sma2, s->n);
    *warmup = w1 > w2 ? w1 : w2;
    *state = st;
    return BT_OK;
}

void bt_sma_cross_next(void *state, bt_broker *b, size_t i)
{
    const sma_cross_state *st = state;
    if (crossover(st->sma1, st->sma2, i)) {
        bt_broker_position_close(b);
        bt_broker_buy(b, BT_FULL_SIZE);
    } else if (crossover(st->sma2, st->sma1, i)) {
        bt_broker_position_close(b);
        bt_broker_sell(b, BT_FULL_SIZE);
    }
}
