/*
 * grid.c - parameter grids: --param specs (Python's range() or a list of
 * numbers), the itertools.product order, and the optional constraint.
 * Every value carries the type of its Python literal (int, float, bool).
 */
#include "btgpu.h"
#include "expr.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "memory.h"

/* Most values one parameter may have. A larger range could not be evaluated
 * anyway, and refusing it before allocating keeps an 8-TiB malloc (which
 * overcommit may grant) from ever being attempted. */
#define BT_GRID_MAX_VALUES ((uint64_t)1 << 32)
/* Range values must be exact doubles, as Python's ints are exact. */
#define BT_GRID_MAX_EXACT ((int64_t)1 << 53)

/* A usage/range error about one --param spec; the message quotes the spec
 * (shortened when long, see bt_quote_len). */
static int spec_fail(bt_error *err, int status, const char *spec, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static int spec_fail(bt_error *err, int status, const char *spec, const char *fmt, ...)
{
    char what[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return bt_error_set(err, status, "--param '%.*s%s': %s", bt_quote_len(spec), spec, bt_quote_cut(spec), what);
}

static int is_space(char c) { return c == ' ' || c == '\t'; }

/* Copies [s, e) without surrounding blanks into buf (cap bytes); 0 if too long. */
static int trimmed(const char *s, const char *e, char *buf, size_t cap)
{
    while (s < e && is_space(*s))
        s++;
    while (e > s && is_space(e[-1]))
        e--;
    if ((size_t)(e - s) >= cap)
        return 0;
    memcpy(buf, s, (size_t)(e - s));
    buf[e - s] = '\0';
    return 1;
}

/* A literal as Python reads it: True/False (bool), a decimal integer without
 * '.' or exponent (int), or a decimal float literal ("2.0", "2.", ".5",
 * "1e3"). Returns 1 and sets *v and *type, or 0 when tok is not such a
 * literal. Integers keep their exact value in *ival when it fits 64 bits
 * (*big = 1 otherwise). */
static int parse_literal(const char *tok, double *v, int *type, int64_t *ival, int *big)
{
    *big = 0;
    *ival = 0;
    if (strcmp(tok, "True") == 0 || strcmp(tok, "False") == 0) {
        *type = BT_PTYPE_BOOL;
        *ival = tok[0] == 'T';
        *v = (double)*ival;
        return 1;
    }
    const char *p = tok;
    if (*p == '+' || *p == '-')
        p++;
    size_t int_digits = 0, frac_digits = 0;
    int dot = 0, expo = 0;
    while (*p >= '0' && *p <= '9')
        p++, int_digits++;
    if (*p == '.') {
        dot = 1;
        p++;
        while (*p >= '0' && *p <= '9')
            p++, frac_digits++;
    }
    if (int_digits + frac_digits == 0)
        return 0;
    if (*p == 'e' || *p == 'E') {
        expo = 1;
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!(*p >= '0' && *p <= '9'))
            return 0;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if (*p != '\0')
        return 0;
    if (!dot && !expo) {
        char *end;
        errno = 0;
        long long x = strtoll(tok, &end, 10);
        *type = BT_PTYPE_INT;
        if (errno == ERANGE) {
            *big = 1;
            *v = strtod(tok, NULL);
        } else {
            *ival = (int64_t)x;
            *v = (double)x; /* "-0" is the int 0, not -0.0 */
        }
        return 1;
    }
    *type = BT_PTYPE_FLOAT;
    *v = strtod(tok, NULL); /* correctly rounded, as Python's float() */
    return 1;
}

/* One range bound (what: "start", "stop" or "step"). */
typedef struct bound {
    double v;
    int64_t i;
    int type;
} bound;

static int parse_bound(const char *spec, const char *what, const char *s, const char *e, bound *out, bt_error *err)
{
    char tok[128];
    int big;
    if (!trimmed(s, e, tok, sizeof tok))
        return spec_fail(err, BT_ERR_USAGE, spec, "the range %s is too long", what);
    if (!tok[0])
        return spec_fail(err, BT_ERR_USAGE, spec, "the range %s is missing (expected START:STOP[:STEP])", what);
    if (!parse_literal(tok, &out->v, &out->type, &out->i, &big) || out->type == BT_PTYPE_BOOL)
        return spec_fail(err, BT_ERR_USAGE, spec, "%s '%s' is not a number (a range needs integers, or floats "
                         "for numpy.arange)", what, tok);
    if (out->type == BT_PTYPE_INT && big)
        return spec_fail(err, BT_ERR_USAGE, spec, "%s '%s' does not fit in 64 bits", what, tok);
    if (out->type == BT_PTYPE_FLOAT && !isfinite(out->v))
        return spec_fail(err, BT_ERR_USAGE, spec, "%s '%s' is not a finite number", what, tok);
    return BT_OK;
}

static int alloc_values(const char *spec, uint64_t n, double **values, unsigned char **types, bt_error *err)
{
    if (n > BT_GRID_MAX_VALUES || n > SIZE_MAX / sizeof(double))
        return spec_fail(err, BT_ERR_RANGE, spec, "too many values: %" PRIu64 " (at most %" PRIu64
                         " per parameter)", n, BT_GRID_MAX_VALUES);
    char what[96];
    snprintf(what, sizeof what, "--param '%.60s' (%" PRIu64 " values)", spec, n);
    int rc = bt_memory_check(n * (sizeof **values + 1), what, err);
    if (rc)
        return rc;
    *values = malloc((size_t)n * sizeof **values);
    *types = malloc((size_t)n);
    if (!*values || !*types) {
        free(*values);
        free(*types);
        *values = NULL;
        *types = NULL;
        return spec_fail(err, BT_ERR_RANGE, spec, "too many values: %" PRIu64 " cannot be allocated", n);
    }
    return BT_OK;
}

/* Python's range(start, stop, step) over integers. */
static int int_range(const char *spec, int64_t start, int64_t stop, int64_t step, double **values,
                     unsigned char **types, size_t *n_values, bt_error *err)
{
    if (step == 0)
        return spec_fail(err, BT_ERR_USAGE, spec, "the range step must not be zero");
    /* Count as Python does, in uint64 so no difference of int64s overflows. */
    uint64_t span, ustep, n = 0;
    if (step > 0 && start < stop) {
        span = (uint64_t)stop - (uint64_t)start;
        ustep = (uint64_t)step;
        n = (span - 1) / ustep + 1;
    } else if (step < 0 && start > stop) {
        span = (uint64_t)start - (uint64_t)stop;
        ustep = (uint64_t)0 - (uint64_t)step;
        n = (span - 1) / ustep + 1;
    }
    if (n == 0)
        return spec_fail(err, BT_ERR_USAGE, spec, "range(%" PRId64 ", %" PRId64 ", %" PRId64 ") is empty",
                         start, stop, step);
    /* The last value lies between start and stop, so it fits in int64. */
    int64_t last = (int64_t)((uint64_t)start + (n - 1) * (uint64_t)step);
    if (start < -BT_GRID_MAX_EXACT || start > BT_GRID_MAX_EXACT || last < -BT_GRID_MAX_EXACT ||
        last > BT_GRID_MAX_EXACT)
        return spec_fail(err, BT_ERR_USAGE, spec,
                         "range values must lie within +-2**53 (9007199254740992) to be exact");
    int rc = alloc_values(spec, n, values, types, err);
    if (rc)
        return rc;
    for (uint64_t i = 0; i < n; i++) {
        (*values)[i] = (double)(start + (int64_t)i * step);
        (*types)[i] = BT_PTYPE_INT;
    }
    *n_values = (size_t)n;
    return BT_OK;
}

/* numpy's _arange_safe_ceil_to_intp: ceil, then NaN and overflow checks
 * (1: NaN, 2: overflow). */
static int arange_ceil(double x, int64_t *len)
{
    double c = ceil(x);
    if (c != c)
        return 1;
    if (!(-9223372036854775808.0 <= c && c <= 9223372036854775807.0))
        return 2;
    /* 2^63 itself passes numpy's test (INTP_MAX rounds up to 2^63) and then
     * converts to INTP_MIN in C: a negative length, so an empty array */
    *len = c >= 9223372036854775808.0 ? INT64_MIN : (int64_t)c;
    return 0;
}

/* numpy.arange(start, stop, step) with Python scalars (int or float) of
 * which at least one is a float: numpy 2.x's PyArray_ArangeObj.
 *  - the length is ceil((stop - start) / step) computed with Python's
 *    operators on the scalars: stop - start is exact when both are ints, and
 *    int / float converts the int to the nearest double (_calc_length);
 *  - a quotient that underflows to zero while stop != start gives one value
 *    (or none when the zero is negative);
 *  - the dtype is float64; buffer[0] = start, buffer[1] = start + step (in
 *    Python arithmetic), and DOUBLE_fill writes buffer[i] = start + i*delta
 *    with delta = buffer[1] - buffer[0] for i >= 2 (double products, no FMA).
 * Errors as numpy raises them: step 0 is ZeroDivisionError, an infinite
 * length "Maximum allowed size exceeded", an empty result our usual error. */
static int float_range(const char *spec, const bound *b0, const bound *b1, const bound *b2, double **values,
                       unsigned char **types, size_t *n_values, bt_error *err)
{
    const bound *bs[3] = {b0, b1, b2};
    for (int k = 0; k < 3; k++)
        if (bs[k]->type == BT_PTYPE_INT && (bs[k]->i < -BT_GRID_MAX_EXACT || bs[k]->i > BT_GRID_MAX_EXACT))
            return spec_fail(err, BT_ERR_USAGE, spec,
                             "integer range bounds must lie within +-2**53 (9007199254740992) to be exact");
    char text[3][40];
    for (int k = 0; k < 3; k++)
        bt_format_param(bs[k]->v, bs[k]->type, text[k], sizeof text[k]);
    double delta;
    int delta_nonzero;
    if (b0->type == BT_PTYPE_INT && b1->type == BT_PTYPE_INT) {
        int64_t d = b1->i - b0->i; /* exact: both within +-2^53 */
        delta = (double)d;
        delta_nonzero = d != 0;
    } else {
        delta = b1->v - b0->v;
        delta_nonzero = delta != 0;
    }
    if (b2->v == 0)
        return spec_fail(err, BT_ERR_USAGE, spec, "numpy.arange(%s, %s, %s): ZeroDivisionError: float division by zero",
                         text[0], text[1], text[2]);
    double q = delta / b2->v;
    int64_t len;
    if (q == 0 && delta_nonzero)
        len = signbit(q) ? 0 : 1;
    else {
        int bad = arange_ceil(q, &len);
        if (bad == 1)
            return spec_fail(err, BT_ERR_USAGE, spec, "numpy.arange(%s, %s, %s): ValueError: arange: cannot "
                             "compute length", text[0], text[1], text[2]);
        if (bad == 2)
            return spec_fail(err, BT_ERR_RANGE, spec, "numpy.arange(%s, %s, %s): ValueError: Maximum allowed size "
                             "exceeded", text[0], text[1], text[2]);
    }
    if (len <= 0)
        return spec_fail(err, BT_ERR_USAGE, spec, "numpy.arange(%s, %s, %s) is empty", text[0], text[1], text[2]);
    int rc = alloc_values(spec, (uint64_t)len, values, types, err);
    if (rc)
        return rc;
    double *v = *values;
    v[0] = b0->v;
    if (len > 1)
        v[1] = b0->v + b2->v; /* Python's start + step: int operands convert exactly (|int| <= 2^53) */
    if (len > 2) {
        double start = v[0], d = v[1] - v[0];
        for (int64_t i = 2; i < len; i++)
            v[i] = start + (double)i * d;
    }
    memset(*types, BT_PTYPE_FLOAT, (size_t)len);
    *n_values = (size_t)len;
    return BT_OK;
}

/* Parses START:STOP[:STEP]: Python's range() over integers, numpy.arange()
 * when any bound is a float literal. */
static int parse_range(const char *spec, const char *s, double **values, unsigned char **types, size_t *n_values,
                       bt_error *err)
{
    const char *c1 = strchr(s, ':');
    const char *c2 = strchr(c1 + 1, ':');
    const char *end = s + strlen(s);
    if (c2 && strchr(c2 + 1, ':'))
        return spec_fail(err, BT_ERR_USAGE, spec, "a range has at most three parts (START:STOP:STEP)");
    bound b0, b1, b2 = {1, 1, BT_PTYPE_INT};
    int rc;
    if ((rc = parse_bound(spec, "start", s, c1, &b0, err)) != BT_OK ||
        (rc = parse_bound(spec, "stop", c1 + 1, c2 ? c2 : end, &b1, err)) != BT_OK ||
        (c2 && (rc = parse_bound(spec, "step", c2 + 1, end, &b2, err)) != BT_OK))
        return rc;
    if (b0.type == BT_PTYPE_INT && b1.type == BT_PTYPE_INT && b2.type == BT_PTYPE_INT)
        return int_range(spec, b0.i, b1.i, b2.i, values, types, n_values, err);
    return float_range(spec, &b0, &b1, &b2, values, types, n_values, err);
}

/* Parses V1,V2,... (Python literals: ints, floats, True/False; order and
 * duplicates kept). */
static int parse_list(const char *spec, const char *s, double **values, unsigned char **types, size_t *n_values,
                      bt_error *err)
{
    size_t n = 1;
    for (const char *q = s; *q; q++)
        n += *q == ',';
    int rc = alloc_values(spec, n, values, types, err);
    if (rc)
        return rc;
    double *v = *values;
    const char *item = s;
    for (size_t i = 0; i < n; i++) {
        const char *comma = strchr(item, ',');
        const char *item_end = comma ? comma : item + strlen(item);
        char tok[128];
        int type, big;
        int64_t iv;
        if (!trimmed(item, item_end, tok, sizeof tok)) {
            rc = spec_fail(err, BT_ERR_USAGE, spec, "value %zu is too long", i + 1);
            goto done;
        }
        if (!tok[0]) {
            rc = spec_fail(err, BT_ERR_USAGE, spec, "value %zu is empty", i + 1);
            goto done;
        }
        if (!parse_literal(tok, &v[i], &type, &iv, &big)) {
            char *end;
            double x = strtod(tok, &end);
            if (*end == '\0' && !strpbrk(tok, "xX") && !isfinite(x))
                rc = spec_fail(err, BT_ERR_USAGE, spec, "'%s' is not a finite number", tok);
            else
                rc = spec_fail(err, BT_ERR_USAGE, spec, "'%s' is not a number (or True/False)", tok);
            goto done;
        }
        if (!isfinite(v[i])) {
            rc = spec_fail(err, BT_ERR_USAGE, spec, "'%s' is not a finite number", tok);
            goto done;
        }
        if (type == BT_PTYPE_INT && (big || iv < -BT_GRID_MAX_EXACT || iv > BT_GRID_MAX_EXACT)) {
            rc = spec_fail(err, BT_ERR_USAGE, spec, "integer '%s' must lie within +-2**53 (9007199254740992) to be "
                           "exact", tok);
            goto done;
        }
        (*types)[i] = (unsigned char)type;
        item = item_end + 1;
    }
    *n_values = n;
    return BT_OK;
done:
    free(*values);
    free(*types);
    *values = NULL;
    *types = NULL;
    return rc;
}

int bt_grid_add_param(bt_grid *g, const char *spec, bt_error *err)
{
    double *values = NULL;
    unsigned char *types = NULL;
    size_t n_values = 0;
    int rc = BT_OK;
    if (!g || !spec) {
        rc = bt_error_set(err, BT_ERR_USAGE, "--param: no grid or spec given");
        goto done;
    }
    const char *eq = strchr(spec, '=');
    if (!eq) {
        rc = spec_fail(err, BT_ERR_USAGE, spec, "expected NAME=VALUES (e.g. n1=5:50:5 or n1=10,20,30)");
        goto done;
    }
    char name[BT_NAME_MAX + 1];
    if (!trimmed(spec, eq, name, sizeof name - 1)) {
        rc = spec_fail(err, BT_ERR_USAGE, spec, "the name is longer than %d characters", BT_NAME_MAX - 1);
        goto done;
    }
    if (!name[0]) {
        rc = spec_fail(err, BT_ERR_USAGE, spec, "the name before '=' is missing");
        goto done;
    }
    int valid = (name[0] < '0' || name[0] > '9');
    for (const char *c = name; *c; c++)
        valid &= (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '_';
    if (!valid) {
        rc = spec_fail(err, BT_ERR_USAGE, spec,
                       "'%s' is not a valid name (letters, digits and '_', not starting with a digit)", name);
        goto done;
    }
    for (size_t i = 0; i < g->n_params; i++) {
        if (strcmp(g->params[i].name, name) == 0) {
            rc = spec_fail(err, BT_ERR_USAGE, spec, "'%s' is already a parameter", name);
            goto done;
        }
    }
    if (g->n_params >= BT_MAX_PARAMS) {
        rc = spec_fail(err, BT_ERR_USAGE, spec, "more than %d parameters", BT_MAX_PARAMS);
        goto done;
    }
    const char *rhs = eq + 1;
    while (is_space(*rhs))
        rhs++;
    if (!*rhs) {
        rc = spec_fail(err, BT_ERR_USAGE, spec, "no values after '='");
        goto done;
    }
    rc = strchr(rhs, ':') ? parse_range(spec, rhs, &values, &types, &n_values, err)
                          : parse_list(spec, rhs, &values, &types, &n_values, err);
    if (rc != BT_OK)
        goto done;
    uint64_t before = g->n_params ? g->n_product : 1;
    if (before > UINT64_MAX / n_values) {
        rc = spec_fail(err, BT_ERR_RANGE, spec, "the grid has more than %" PRIu64 " combinations", UINT64_MAX);
        goto done;
    }
    bt_param_spec *p = &g->params[g->n_params++];
    memcpy(p->name, name, strlen(name) + 1);
    p->n_values = n_values;
    p->values = values;
    p->types = types;
    values = NULL;
    types = NULL;
    g->n_product = before * n_values;
done:
    free(values);
    free(types);
    return rc;
}

int bt_grid_set_constraint(bt_grid *g, const char *expr, bt_error *err)
{
    const char *names[BT_MAX_PARAMS];
    struct bt_expr *e = NULL;
    if (!g || !expr)
        return bt_error_set(err, BT_ERR_USAGE, "constraint: no grid or expression given");
    if (g->n_params == 0)
        return bt_error_set(err, BT_ERR_USAGE, "constraint '%.*s%s': there are no parameters to constrain",
                            bt_quote_len(expr), expr, bt_quote_cut(expr));
    for (size_t i = 0; i < g->n_params; i++)
        names[i] = g->params[i].name;
    int rc = bt_expr_compile(expr, names, g->n_params, &e, err);
    if (rc != BT_OK)
        return rc;
    bt_expr_free(g->constraint);
    g->constraint = e;
    return BT_OK;
}

void bt_grid_decode(const bt_grid *g, uint64_t k, double *values)
{
    for (size_t i = g->n_params; i-- > 0;) {
        const bt_param_spec *p = &g->params[i];
        values[i] = p->values[k % p->n_values];
        k /= p->n_values;
    }
}

void bt_grid_decode_types(const bt_grid *g, uint64_t k, double *values, int *types)
{
    for (size_t i = g->n_params; i-- > 0;) {
        const bt_param_spec *p = &g->params[i];
        size_t j = (size_t)(k % p->n_values);
        if (values)
            values[i] = p->values[j];
        if (types)
            types[i] = p->types ? p->types[j] : BT_PTYPE_INT;
        k /= p->n_values;
    }
}

/* Writes v for a message: an integer without decimals ("10"), anything else
 * as the shortest "%.*g" that reads back as v ("0.1", "1e+300"). */
static void format_value(double v, char *buf, size_t cap)
{
    if (v == floor(v) && fabs(v) < 1e17) {
        snprintf(buf, cap, "%.0f", v);
        return;
    }
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, cap, "%.*g", prec, v);
        if (strtod(buf, NULL) == v || v != v)
            return;
    }
}

int bt_grid_admissible(const bt_grid *g, const double *values, int *ok, bt_error *err)
{
    double r;
    *ok = 1;
    if (!g->constraint)
        return BT_OK;
    int fault = bt_expr_eval(g->constraint, values, &r);
    if (fault == BT_EXPR_OK) {
        *ok = bt_expr_truthy(r);
        return BT_OK;
    }
    *ok = 0;
    char combo[640];
    size_t n = 0;
    combo[0] = '\0';
    for (size_t i = 0; i < g->n_params && n < sizeof combo; i++) {
        char num[32];
        format_value(values[i], num, sizeof num);
        int w = snprintf(combo + n, sizeof combo - n, "%s%s=%s", i ? ", " : "", g->params[i].name, num);
        n += w > 0 ? (size_t)w : 0;
    }
    const char *src = bt_expr_source(g->constraint);
    return bt_error_set(err, BT_ERR_USAGE, "constraint '%.*s%s': %s at %s", bt_quote_len(src), src,
                        bt_quote_cut(src), bt_expr_fault_text(fault), combo);
}

void bt_grid_free(bt_grid *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->n_params && i < BT_MAX_PARAMS; i++) {
        free(g->params[i].values);
        free(g->params[i].types);
    }
    bt_expr_free(g->constraint);
    memset(g, 0, sizeof *g);
}
