/*
 * pyrt.h - Python / numpy scalar semantics for compiled strategies: the
 * number types a strategy sees (bool, int, float, numpy float64 / bool_),
 * their arithmetic (ZeroDivisionError for Python numbers, IEEE inf/NaN for
 * numpy ones, CPython's // and %), comparisons, truthiness and repr.
 */
#ifndef BTGPU_PYRT_H
#define BTGPU_PYRT_H

#include <stddef.h>

enum { PV_NONE = 0, PV_BOOL, PV_INT, PV_FLOAT, PV_NPF, PV_NPB };

typedef struct pyv {
    int t;    /* PV_* */
    double d; /* the value (bools 0/1; ints exact up to 2^53) */
} pyv;

/* a OP b (BT_OP_ADD ... BT_OP_POW); 0 or -1 with the Python exception text in e */
int py_binop(int op, pyv a, pyv b, pyv *out, char *e, size_t cap);
/* -a, +a, not a */
int py_unary(int op, pyv a, pyv *out, char *e, size_t cap);
/* a CMP b (BT_CMP_LT ... BT_CMP_ISNOT) */
int py_cmp(int cmp, pyv a, pyv b, pyv *out, char *e, size_t cap);
int py_truth(pyv a);
/* Python's repr of the value ("2", "2.5", "0.1", "inf", "nan", "True", "None") */
void py_repr(pyv a, char *buf, size_t cap);
const char *py_type_name(pyv a);
/* repr of a double as a Python float */
void py_float_repr(double v, char *buf, size_t cap);

#endif
