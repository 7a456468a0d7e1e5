/*
 * compiled.h - a backtesting.py Strategy class compiled from a Python file.
 *
 * bt_strategy_compile parses one file (host/strategy/parser.c), checks the
 * module and the selected Strategy subclass against the supported subset and
 * produces a resolved, typed form (host/strategy/cform.h): names resolved to
 * parameter / attribute / local slots, indicator calls identified with their
 * arguments, every construct outside the subset rejected with
 * "PATH:LINE:COL: 'TEXT' is not supported in a compiled strategy; supported: ...".
 *
 * bt_compiled_run is the reference interpreter (the oracle): it runs init()
 * once and next() on every bar over the checked tree, calling the broker
 * (host/engine/broker.h), and fills a bt_run exactly as bt_run_reference does.
 */
#ifndef BTGPU_COMPILED_H
#define BTGPU_COMPILED_H

#include <stddef.h>

#include "btgpu.h"

typedef struct bt_compiled bt_compiled; /* immutable once compiled; runs may share it across threads */

#ifndef BT_PTYPE_DEFINED
#define BT_PTYPE_DEFINED 1
enum { BT_PTYPE_INT = 0, BT_PTYPE_FLOAT = 1, BT_PTYPE_BOOL = 2 };
#endif

/* Parses and checks one file. class_name NULL: the file's only Strategy
 * subclass (none or several: BT_ERR_USAGE listing them). Syntax errors and
 * unsupported constructs are BT_ERR_USAGE with PATH:LINE:COL. */
int bt_strategy_compile(const char *path, const char *source, size_t len, const char *class_name,
                        bt_compiled **out, bt_error *err);
void bt_compiled_free(bt_compiled *c);
/* The same into a strategy descriptor named name, as bt_strategy_resolve
 * makes for a file (text: len bytes and a NUL); release with
 * bt_strategy_release. */
int bt_strategy_from_text(const char *name, const char *path, const char *text, size_t len, const char *class_name,
                          const bt_strategy_info **out, bt_error *err);

/* Whether a and b are the same program: the same init() and next() (and
 * helpers) once names are resolved, whatever the class, parameter and
 * attribute names, the parameters' defaults, docstrings, comments, layout or
 * the rest of the file are. Runs of a with b's parameter values give b's
 * numbers. */
int bt_compiled_same_program(const bt_compiled *a, const bt_compiled *b);

const char *bt_compiled_name(const bt_compiled *c);           /* the class name */
size_t bt_compiled_n_params(const bt_compiled *c);
const char *bt_compiled_param_name(const bt_compiled *c, size_t k);
double bt_compiled_param_default(const bt_compiled *c, size_t k);
int bt_compiled_param_type(const bt_compiled *c, size_t k);    /* BT_PTYPE_* of the default literal */

/* One backtest: Backtest(data, Class, **options).run(**params). params[k]
 * with types[k] (BT_PTYPE_*; types NULL: the defaults' types) in parameter
 * order. Runtime errors (ValueError from the broker, IndexError, a float
 * window to rolling(), ZeroDivisionError, ...) are BT_ERR_DATA:
 * "bar 123 (2005-03-01): ValueError: ..." (init(): "init(): ..."). */
int bt_compiled_run(const bt_compiled *c, const bt_series *s, const double *params, const int *types,
                    const bt_options *o, bt_run *out, bt_error *err);
/* The same, with the run's indicators (bt_run.indicator_*) when indicators is set. */
int bt_compiled_run_ex(const bt_compiled *c, const bt_series *s, const double *params, const int *types,
                       const bt_options *o, int indicators, bt_run *out, bt_error *err);

/* An attribute's value at the end of init() (bt_compiled_init_state), for
 * the vector executor: numbers with their Python type (pyrt.h's PV_*),
 * arrays as a private copy of their values with their flags, anything else
 * (multi-output rows, positions, ...) as BT_CIV_OTHER. warm: its part of the
 * run's warm-up (the largest first valid index of the registered indicators
 * it holds), exactly as bt_compiled_run counts it. */
enum { BT_CIV_UNSET = 0, BT_CIV_NUM, BT_CIV_ARR, BT_CIV_OTHER };
typedef struct bt_cinit_val {
    int kind;
    int pt;
    double num;
    double *x;
    size_t len;
    unsigned char isbool, ind;
    unsigned char borrowed; /* x is the caller's (bt_cinit_alloc): bt_cinit_free leaves it */
    size_t warm;
} bt_cinit_val;

/* Where bt_compiled_init_state_in puts the arrays it exports: alloc(ctx,
 * bytes) returns memory the caller owns (it may be called from several
 * threads at once), or NULL, and then the array is malloc'd. */
typedef struct bt_cinit_alloc {
    void *(*alloc)(void *ctx, size_t bytes);
    void *ctx;
    /* per attribute (NULL: every one): 0 where the caller never reads the
     * array's values, which are then not copied (x NULL; len, warm-up and
     * flags as for a copied one) */
    const unsigned char *keep;
} bt_cinit_alloc;

/* Runs init() of one combination and fills attrs[0 .. n_attrs + 2) (n_attrs:
 * the compiled form's attribute count, parameters first; then, for a
 * TrailingStrategy, its ATR array (unset before set_atr_periods) and its
 * set_trailing_sl multiplier, else two unset records). Errors as
 * bt_compiled_run's init() errors; attrs then hold nothing. Free with
 * bt_cinit_free(attrs, n_attrs + 2). */
int bt_compiled_init_state(const bt_compiled *c, const bt_series *s, const double *params, const int *types,
                           const bt_options *o, bt_cinit_val *attrs, bt_error *err);
/* The same, with the exported arrays from al (NULL: malloc). */
int bt_compiled_init_state_in(const bt_compiled *c, const bt_series *s, const double *params, const int *types,
                              const bt_options *o, const bt_cinit_alloc *al, bt_cinit_val *attrs, bt_error *err);
void bt_cinit_free(bt_cinit_val *attrs, size_t n);

#endif
