/* The native strategy registry, generated from strategies.def (strategies
 * compiled from Python files: host/strategy/builtin.c). */
#include "strategy.h"

#include <math.h>
#include <string.h>

static const bt_strategy_impl registry[] = {
#define BT_STRATEGY(id, desc, np, names, defs)                                                   \
    {{#id, desc, np, {BT_UNPAREN names}, {BT_UNPAREN defs}, {0}, NULL, NULL},                                  \
     bt_##id##_init, bt_##id##_next, bt_##id##_free, bt_##id##_cpu, bt_##id##_opencl, bt_##id##_cuda},
#include "strategies.def"
#undef BT_STRATEGY
};

#define N_STRATEGIES (sizeof registry / sizeof registry[0])

size_t bt_strategy_count(void) { return N_STRATEGIES; }

const bt_strategy_info *bt_strategy_at(size_t i)
{
    return i < N_STRATEGIES ? &registry[i].info : NULL;
}

const bt_strategy_info *bt_strategy_find(const char *name)
{
    for (size_t i = 0; i < N_STRATEGIES; i++)
        if (strcmp(registry[i].info.name, name) == 0)
            return &registry[i].info;
    return NULL;
}

const bt_strategy_impl *bt_strategy_impl_of(const bt_strategy_info *info)
{
    for (size_t i = 0; i < N_STRATEGIES; i++)
        if (&registry[i].info == info)
            return &registry[i];
    return NULL;
}

int bt_strategy_check_params(const bt_strategy_info *st, const double *params, bt_error *err)
{
    if (st->compiled)
        return BT_OK; /* the interpreter raises what pandas / TA-Lib would */
    /* Every native parameter so far is an indicator window: pandas'
     * rolling() takes whole numbers only. */
    for (size_t p = 0; p < st->n_params; p++) {
        double v = params[p];
        if (!(v >= 1) || v != floor(v) || v > 1e15)
            return bt_error_set(err, BT_ERR_USAGE,
                                "strategy '%s': parameter %s=%.17g must be a whole number >= 1 "
                                "(it is an indicator window)",
                                st->name, st->param_names[p], v);
    }
    return BT_OK;
}
