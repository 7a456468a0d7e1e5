/*
 * grid.c - parameter grids: --param specs (Python's range() or a list of
 * numbers), the itertools.product order, and the optional constraint.
 */
#include "btgpu.h"
#include "expr.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

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

/* Parses one range bound (what: "start", "stop" or "step") as Python's int(). */
static int parse_int(const char *spec, const char *what, const char *s, const char *e, int64_t *out,
                     bt_error *err)
{
    char tok[128];
    if (!trimmed(s, e, tok, sizeof tok))
        return spec_fail(err, BT_ERR_USAGE, spec, "the range %s is too long", what);
    if (!tok[0])
        return spec_fail(err, BT_ERR_USAGE, spec, "the range %s is missing (expected START:STOP[:STEP])", what);
    char *end;
    errno = 0;
    long long v = strtoll(tok, &end, 10);
    if (*end != '\0') {
        strtod(tok, &end);
        if (*end == '\0')
            return spec_fail(err, BT_ERR_USAGE, spec, "%s '%s' is not an integer (a range needs integers)",
                             what, tok);
        return spec_fail(err, BT_ERR_USAGE, spec, "%s '%s' is not an integer", what, tok);
    }
    if (errno == ERANGE)
        return spec_fail(err, BT_ERR_USAGE, spec, "%s '%s' does not fit in 64 bits", what, tok);
    *out = (int64_t)v;
    return BT_OK;
}

/* Parses START:STOP[:STEP] into a new array (Python's range()). */
static int parse_range(const char *spec, const char *s, double **values, size_t *n_values, bt_error *err)
{
    const char *c1 = strchr(s, ':');
    const char *c2 = strchr(c1 + 1, ':');
    const char *end = s + strlen(s);
    if (c2 && strchr(c2 + 1, ':'))
        return spec_fail(err, BT_ERR_USAGE, spec, "a range has at most three parts (START:STOP:STEP)");
    int64_t start, stop, step = 1;
    int rc;
    if ((rc = parse_int(spec, "start", s, c1, &start, err)) != BT_OK ||
        (rc = parse_int(spec, "stop", c1 + 1, c2 ? c2 : end, &stop, err)) != BT_OK ||
        (c2 && (rc = parse_int(spec, "step", c2 + 1, end, &step, err)) != BT_OK))
        return rc;
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
    if (n > BT_GRID_MAX_VALUES || n > SIZE_MAX / sizeof(double))
        return spec_fail(err, BT_ERR_RANGE, spec, "too many values: %" PRIu64 " (at most %" PRIu64
                         " per parameter)", n, BT_GRID_MAX_VALUES);
    double *v = malloc((size_t)n * sizeof *v);
    if (!v)
        return spec_fail(err, BT_ERR_RANGE, spec, "too many values: %" PRIu64 " cannot be allocated", n);
    for (uint64_t i = 0; i < n; i++)
        v[i] = (double)(start + (int64_t)i * step);
    *values = v;
    *n_values = (size_t)n;
    return BT_OK;
}

/* Parses V1,V2,... (finite decimal numbers, order and duplicates kept). */
static int parse_list(const char *spec, const char *s, double **values, size_t *n_values, bt_error *err)
{
    size_t n = 1;
    for (const char *q = s; *q; q++)
        n += *q == ',';
    double *v = malloc(n * sizeof *v);
    int rc = BT_OK;
    if (!v) {
        rc = spec_fail(err, BT_ERR_RANGE, spec, "too many values: %zu cannot be allocated", n);
        goto done;
    }
    const char *item = s;
    for (size_t i = 0; i < n; i++) {
        const char *comma = strchr(item, ',');
        const char *item_end = comma ? comma : item + strlen(item);
        char tok[128], *end;
        if (!trimmed(item, item_end, tok, sizeof tok)) {
            rc = spec_fail(err, BT_ERR_USAGE, spec, "value %zu is too long", i + 1);
            goto done;
        }
        if (!tok[0]) {
            rc = spec_fail(err, BT_ERR_USAGE, spec, "value %zu is empty", i + 1);
            goto done;
        }
        v[i] = strtod(tok, &end);
        if (*end != '\0' || strpbrk(tok, "xX")) {
            rc = spec_fail(err, BT_ERR_USAGE, spec, "'%s' is not a number", tok);
            goto done;
        }
        if (!isfinite(v[i])) {
            rc = spec_fail(err, BT_ERR_USAGE, spec, "'%s' is not a finite number", tok);
            goto done;
        }
        item = item_end + 1;
    }
    *values = v;
    *n_values = n;
    v = NULL;
done:
    free(v);
    return rc;
}

int bt_grid_add_param(bt_grid *g, const char *spec, bt_error *err)
{
    double *values = NULL;
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
    rc = strchr(rhs, ':') ? parse_range(spec, rhs, &values, &n_values, err)
                          : parse_list(spec, rhs, &values, &n_values, err);
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
    values = NULL;
    g->n_product = before * n_values;
done:
    free(values);
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
    for (size_t i = 0; i < g->n_params && i < BT_MAX_PARAMS; i++)
        free(g->params[i].values);
    bt_expr_free(g->constraint);
    memset(g, 0, sizeof *g);
}
