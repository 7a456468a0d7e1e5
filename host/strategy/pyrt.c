/* pyrt.c - Python / numpy scalar semantics (see pyrt.h). */
#include "pyrt.h"
#include "ast.h"
#include "numeric.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *py_type_name(pyv a)
{
    switch (a.t) {
    case PV_NONE: return "NoneType";
    case PV_BOOL: return "bool";
    case PV_INT: return "int";
    case PV_FLOAT: return "float";
    case PV_NPF: return "numpy.float64";
    default: return "numpy.bool";
    }
}

void py_float_repr(double v, char *buf, size_t cap)
{
    if (isnan(v)) {
        snprintf(buf, cap, "nan");
        return;
    }
    if (isinf(v)) {
        snprintf(buf, cap, v > 0 ? "inf" : "-inf");
        return;
    }
    char tmp[64];
    for (int p = 1; p <= 17; p++) {
        snprintf(tmp, sizeof tmp, "%.*g", p, v);
        if (strtod(tmp, NULL) == v)
            break;
    }
    /* Python: exponent form when exp < -4 or >= 16 */
    char *e = strchr(tmp, 'e');
    if (e) {
        int ex = atoi(e + 1);
        if (ex >= -4 && ex < 16) {
            snprintf(tmp, sizeof tmp, "%.17f", v);
            /* shortest fixed: retry precisions */
            for (int p = 0; p <= 17; p++) {
                snprintf(tmp, sizeof tmp, "%.*f", p, v);
                if (strtod(tmp, NULL) == v)
                    break;
            }
        } else {
            /* Python writes 1e+16 as 1e+16, 1e-05 as 1e-05 */
            char mant[40];
            size_t ml = (size_t)(e - tmp);
            memcpy(mant, tmp, ml);
            mant[ml] = '\0';
            snprintf(tmp, sizeof tmp, "%se%c%02d", mant, ex < 0 ? '-' : '+', abs(ex));
        }
    }
    if (!strchr(tmp, '.') && !strchr(tmp, 'e') && !strchr(tmp, 'n') && !strchr(tmp, 'i'))
        strcat(tmp, ".0");
    snprintf(buf, cap, "%s", tmp);
}

void py_repr(pyv a, char *buf, size_t cap)
{
    switch (a.t) {
    case PV_NONE: snprintf(buf, cap, "None"); break;
    case PV_BOOL: case PV_NPB: snprintf(buf, cap, a.d != 0 ? "True" : "False"); break;
    case PV_INT: snprintf(buf, cap, "%.0f", a.d); break;
    default: py_float_repr(a.d, buf, cap); break;
    }
}

int py_truth(pyv a) { return a.t != PV_NONE && a.d != 0; } /* NaN != 0: truthy */

static const char *opsym(int op)
{
    switch (op) {
    case BT_OP_ADD: return "+";
    case BT_OP_SUB: return "-";
    case BT_OP_MUL: return "*";
    case BT_OP_DIV: return "/";
    case BT_OP_FLOORDIV: return "//";
    case BT_OP_MOD: return "%";
    case BT_OP_POW: return "** or pow()";
    default: return "?";
    }
}

static int is_np(pyv a) { return a.t == PV_NPF || a.t == PV_NPB; }
static int is_intlike(pyv a) { return a.t == PV_INT || a.t == PV_BOOL; }

/* numpy's float64 floor division and remainder (npy_divmod): division by zero gives a / b and fmod's NaN */
static double np_floordiv(double a, double b)
{
    if (b == 0)
        return a / b;
    return bt_py_floordiv(a, b);
}

static double np_mod(double a, double b)
{
    if (b == 0)
        return fmod(a, b);
    return bt_py_mod(a, b);
}

int py_binop(int op, pyv a, pyv b, pyv *out, char *e, size_t cap)
{
    if (a.t == PV_NONE || b.t == PV_NONE) {
        snprintf(e, cap, "TypeError: unsupported operand type(s) for %s: '%s' and '%s'", opsym(op), py_type_name(a),
                 py_type_name(b));
        return -1;
    }
    double x = a.d, y = b.d, r;
    if (is_np(a) || is_np(b)) {
        switch (op) {
        case BT_OP_ADD: r = x + y; break;
        case BT_OP_SUB: r = x - y; break;
        case BT_OP_MUL: r = x * y; break;
        case BT_OP_DIV: r = x / y; break;
        case BT_OP_FLOORDIV: r = np_floordiv(x, y); break;
        case BT_OP_MOD: r = np_mod(x, y); break;
        case BT_OP_POW: r = pow(x, y); break;
        default: snprintf(e, cap, "TypeError: unsupported operand"); return -1;
        }
        *out = (pyv){PV_NPF, r};
        return 0;
    }
    int ints = is_intlike(a) && is_intlike(b);
    switch (op) {
    case BT_OP_ADD: *out = (pyv){ints ? PV_INT : PV_FLOAT, x + y}; return 0;
    case BT_OP_SUB: *out = (pyv){ints ? PV_INT : PV_FLOAT, x - y}; return 0;
    case BT_OP_MUL: *out = (pyv){ints ? PV_INT : PV_FLOAT, x * y}; return 0;
    case BT_OP_DIV:
        if (y == 0) {
            snprintf(e, cap, ints ? "ZeroDivisionError: division by zero" : "ZeroDivisionError: float division by zero");
            return -1;
        }
        *out = (pyv){PV_FLOAT, x / y};
        return 0;
    case BT_OP_FLOORDIV:
        if (y == 0) {
            snprintf(e, cap, ints ? "ZeroDivisionError: integer division or modulo by zero"
                                  : "ZeroDivisionError: float floor division by zero");
            return -1;
        }
        *out = (pyv){ints ? PV_INT : PV_FLOAT, ints ? floor(x / y) : bt_py_floordiv(x, y)};
        if (ints) { /* exact integer floor division for |values| < 2^53 */
            double q = trunc(x / y);
            if (q * y != x && ((x < 0) != (y < 0)))
                q -= 1;
            out->d = q;
        }
        return 0;
    case BT_OP_MOD:
        if (y == 0) {
            snprintf(e, cap, ints ? "ZeroDivisionError: integer division or modulo by zero"
                                  : "ZeroDivisionError: float modulo");
            return -1;
        }
        *out = (pyv){ints ? PV_INT : PV_FLOAT, bt_py_mod(x, y)};
        return 0;
    case BT_OP_POW:
        if (ints && y >= 0) {
            *out = (pyv){PV_INT, pow(x, y)};
            return 0;
        }
        if (x == 0 && y < 0) {
            snprintf(e, cap, "ZeroDivisionError: 0.0 cannot be raised to a negative power");
            return -1;
        }
        if (x < 0 && isfinite(y) && y != floor(y)) {
            snprintf(e, cap, "TypeError: a negative number to a fractional power is complex (not supported)");
            return -1;
        }
        r = pow(x, y);
        if (isinf(r) && isfinite(x) && isfinite(y)) {
            snprintf(e, cap, "OverflowError: (34, 'Numerical result out of range')");
            return -1;
        }
        *out = (pyv){PV_FLOAT, r};
        return 0;
    default:
        snprintf(e, cap, "TypeError: unsupported operand type(s) for %s", opsym(op));
        return -1;
    }
}

int py_unary(int op, pyv a, pyv *out, char *e, size_t cap)
{
    if (op == BT_OP_NOT) {
        *out = (pyv){PV_BOOL, py_truth(a) ? 0 : 1};
        return 0;
    }
    if (a.t == PV_NONE) {
        snprintf(e, cap, "TypeError: bad operand type for unary %s: 'NoneType'", op == BT_OP_NEG ? "-" : "+");
        return -1;
    }
    int t = a.t == PV_BOOL ? PV_INT : a.t == PV_NPB ? PV_NPF : a.t;
    if (a.t == PV_NPB && op == BT_OP_NEG) {
        snprintf(e, cap, "TypeError: The numpy boolean negative, the `-` operator, is not supported, use the `~` "
                         "operator or the logical_not function instead.");
        return -1;
    }
    *out = (pyv){t, op == BT_OP_NEG ? -a.d : a.d};
    return 0;
}

static const char *cmpsym(int c)
{
    switch (c) {
    case BT_CMP_LT: return "<";
    case BT_CMP_LE: return "<=";
    case BT_CMP_GT: return ">";
    case BT_CMP_GE: return ">=";
    case BT_CMP_EQ: return "==";
    default: return "!=";
    }
}

int py_cmp(int c, pyv a, pyv b, pyv *out, char *e, size_t cap)
{
    int np = is_np(a) || is_np(b);
    int t = np ? PV_NPB : PV_BOOL;
    if (c == BT_CMP_IS || c == BT_CMP_ISNOT) {
        int same = (a.t == PV_NONE) == (b.t == PV_NONE) && (a.t == PV_NONE || (a.t == b.t && a.d == b.d));
        *out = (pyv){PV_BOOL, (c == BT_CMP_IS) == same};
        return 0;
    }
    if (a.t == PV_NONE || b.t == PV_NONE) {
        if (c == BT_CMP_EQ || c == BT_CMP_NE) {
            int eq = a.t == PV_NONE && b.t == PV_NONE;
            *out = (pyv){PV_BOOL, (c == BT_CMP_EQ) == eq};
            return 0;
        }
        snprintf(e, cap, "TypeError: '%s' not supported between instances of '%s' and '%s'", cmpsym(c),
                 py_type_name(a), py_type_name(b));
        return -1;
    }
    double x = a.d, y = b.d;
    int r;
    switch (c) {
    case BT_CMP_LT: r = x < y; break;
    case BT_CMP_LE: r = x <= y; break;
    case BT_CMP_GT: r = x > y; break;
    case BT_CMP_GE: r = x >= y; break;
    case BT_CMP_EQ: r = x == y; break;
    default: r = x != y; break;
    }
    *out = (pyv){t, r};
    return 0;
}
