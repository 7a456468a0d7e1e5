/*
 * expr.h - internal interface of the constraint language (host/expr.c).
 *
 * A constraint such as `n1 < n2 and n2 % n1 == 0` is compiled once into a
 * small postfix program over the grid's parameter names, then evaluated for
 * every combination with a fixed-size stack: no allocation, no recursion,
 * tens of nanoseconds per call.
 *
 * Semantics are Python's over doubles: + - * / // % ** (CPython's float
 * floor division and modulo, ** right-associative and binding tighter than a
 * unary minus on its left), comparisons chained as in Python (`a < b < c`
 * evaluates b once and stops at the first false link), `not`, short-circuit
 * `and`/`or` that yield an operand's value, True/False. Truthiness is
 * `v != 0`, so NaN is true, as in Python.
 */
#ifndef BTGPU_EXPR_H
#define BTGPU_EXPR_H

#include "btgpu.h"

#include <stddef.h>
#include <string.h>

/* Nesting limit of parentheses, unary operators, `not` and `**` together. */
#define BT_EXPR_MAX_NEST 200
/* Evaluation stack size; a program that would need more is rejected. */
#define BT_EXPR_STACK 256

/* Messages quote at most BT_QUOTE_MAX characters of user text (a constraint,
 * a --param spec): "'%.*s%s'" with bt_quote_len(s), s, bt_quote_cut(s) cuts a
 * longer text to BT_QUOTE_MAX - 3 characters followed by "...", so the part
 * of the message that says what is wrong always fits in a bt_error. */
#define BT_QUOTE_MAX 160
static inline int bt_quote_len(const char *src)
{
    size_t n = strlen(src);
    return n > BT_QUOTE_MAX ? BT_QUOTE_MAX - 3 : (int)n;
}
static inline const char *bt_quote_cut(const char *src)
{
    return strlen(src) > BT_QUOTE_MAX ? "..." : "";
}

/* Why an evaluation failed (bt_expr_eval's return value). Each of these is an
 * exception in Python, so the combination has no answer. */
typedef enum bt_expr_fault {
    BT_EXPR_OK = 0,
    BT_EXPR_DIV_ZERO,      /* x / 0       (ZeroDivisionError) */
    BT_EXPR_FLOORDIV_ZERO, /* x // 0      (ZeroDivisionError) */
    BT_EXPR_MOD_ZERO,      /* x % 0       (ZeroDivisionError) */
    BT_EXPR_POW_ZERO_NEG,  /* 0 ** -y     (ZeroDivisionError) */
    BT_EXPR_POW_COMPLEX    /* (-x) ** 0.5 (a complex number in Python) */
} bt_expr_fault;

/* Compiles src over the names names[0..n_names) (a name's index is its slot
 * in the values[] given to bt_expr_eval). On success *out owns a new program
 * (free with bt_expr_free). Errors are BT_ERR_USAGE with a message
 * "constraint 'SRC': column C: WHAT" followed by the source and a caret line
 * (long sources are quoted shortened and shown as a window around column C),
 * e.g. "constraint 'n1 < < n2': column 6: expected a number, a name or '('\n
 *   n1 < < n2\n       ^", or BT_ERR_NOMEM. *out is untouched on error. */
int bt_expr_compile(const char *src, const char *const *names, size_t n_names,
                    struct bt_expr **out, bt_error *err);

/* Evaluates e for one combination (values[i] is the value of name i).
 * Returns BT_EXPR_OK and writes *result, or a bt_expr_fault (result untouched).
 * Thread-safe: e is only read. */
int bt_expr_eval(const struct bt_expr *e, const double *values, double *result);

/* Python truthiness of a result: non-zero, NaN included. */
static inline int bt_expr_truthy(double v) { return v != 0.0; }

/* A fault's description for messages, e.g. "division by zero". */
const char *bt_expr_fault_text(int fault);

/* The source text e was compiled from (owned by e). */
const char *bt_expr_source(const struct bt_expr *e);

void bt_expr_free(struct bt_expr *e);

#endif
