/* Internal interface between the reference engine and the built-in strategies. */
#ifndef BTGPU_STRATEGY_H
#define BTGPU_STRATEGY_H
#include "backend.h"
#include "btgpu.h"

typedef struct bt_broker bt_broker;

/* Broker calls a strategy's next() may make (backtesting.py's Strategy API).
 * These are thin wrappers over the full broker API in host/engine/broker.h
 * (bt_broker_order, bt_broker_position_close_portion, ...); since they return
 * nothing, the first error they meet is kept and reported by
 * bt_broker_pending_error() (the reference engine checks it after next()). */
/* Strategy.buy(size=size) / sell(size=size): market order; size is a fraction
 * in (0, 1) of available margin or a whole number of units >= 1. */
void bt_broker_buy(bt_broker *b, double size);
void bt_broker_sell(bt_broker *b, double size);
/* Strategy.position.close(): a close order for every open trade. */
void bt_broker_position_close(bt_broker *b);

/* backtesting.py's default order size, 1 - machine epsilon: "all margin". */
#define BT_FULL_SIZE (1.0 - 2.220446049250313e-16)

/* One built-in strategy's reference implementation.
 * init: computes the indicators for params (strategy order) over s into a
 *       freshly allocated state and reports the warm-up (backtesting.py's
 *       nbars: the largest first-valid index over the indicators).
 * next: the strategy's next() on bar i (data visible up to and including i).
 * free: releases the state (accepts NULL). */
typedef struct bt_strategy_impl {
    bt_strategy_info info;
    int (*init)(const bt_series *s, const double *params, void **state, size_t *warmup, bt_error *err);
    void (*next)(void *state, bt_broker *b, size_t i);
    void (*free)(void *state);
    bt_cpu_eval_fn cpu_eval;    /* the CPU backend's kernel */
    bt_cpu_eval_fn opencl_eval; /* the OpenCL backend's (same contract; job->device set) */
    bt_cpu_eval_fn cuda_eval;   /* the CUDA backend's (same contract; job->cuda set) */
} bt_strategy_impl;

/* Whether a --strategy spec names a Python file: PATH.py or PATH.py:Class.
 * Sets the length of PATH.py and the class (NULL if none). */
int bt_strategy_file_spec(const char *spec, size_t *path_len, const char **class_name);

/* For a compiled strategy whose class compiles to the same program as a
 * native strategy's embedded file (bt_compiled_same_program: names,
 * defaults, docstrings and the rest of the file aside), that native
 * strategy, whose kernels the search may run instead. NULL otherwise. */
const bt_strategy_info *bt_strategy_native_twin(const bt_strategy_info *st);

/* The implementation behind a public strategy descriptor. */
const bt_strategy_impl *bt_strategy_impl_of(const bt_strategy_info *info);

#define BT_UNPAREN(...) __VA_ARGS__
#define BT_STRATEGY(id, desc, np, names, defs)                                                   \
    int bt_##id##_init(const bt_series *s, const double *params, void **state, size_t *warmup,   \
                       bt_error *err);                                                           \
    void bt_##id##_next(void *state, bt_broker *b, size_t i);                                    \
    void bt_##id##_free(void *state);                                                           \
    int bt_##id##_cpu(const bt_cpu_job *job, const double *params, size_t m, double *values, bt_error *err);     \
    int bt_##id##_opencl(const bt_cpu_job *job, const double *params, size_t m, double *values, bt_error *err);  \
    int bt_##id##_cuda(const bt_cpu_job *job, const double *params, size_t m, double *values, bt_error *err);
#include "strategies.def"
#undef BT_STRATEGY

#endif
