/* Tests of --param specs, the product order and the constraint language.
 * Expected values are Python's (range(), itertools.product, float operators). */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "btgpu.h"
#include "expr.h"

/* ------------------------------------------------------------------ specs */

/* Strings are arrays, not pointers: Criterion runs each case in a fresh
 * process where pointers into the parent's image would not be valid. */
struct good_spec {
    char spec[64];
    char name[BT_NAME_MAX];
    size_t n;
    double v[8];
};

ParameterizedTestParameters(param, valid_spec_gives_python_values)
{
    static struct good_spec cases[] = {
        {"n=1:5", "n", 4, {1, 2, 3, 4}},
        {"n=10:0:-3", "n", 4, {10, 7, 4, 1}},
        {"n=5:50:15", "n", 3, {5, 20, 35}},
        {"n=-3:3:2", "n", 3, {-3, -1, 1}},
        {"n=0:1", "n", 1, {0}},
        {"n=5:-5:-5", "n", 2, {5, 0}},
        {"n=7:8:1000", "n", 1, {7}},
        {"n=+2:-1:-1", "n", 3, {2, 1, 0}},
        {" n = 2 : 4 ", "n", 2, {2, 3}},
        {"n=9007199254740990:9007199254740993", "n", 3,
         {9007199254740990.0, 9007199254740991.0, 9007199254740992.0}},
        {"n=-9007199254740991:-9007199254740993:-1", "n", 2, {-9007199254740991.0, -9007199254740992.0}},
        {"x=1.5,2,-3e2", "x", 3, {1.5, 2, -300}},
        {"x= 1 , 2 ", "x", 2, {1, 2}},
        {"x=3,1,3", "x", 3, {3, 1, 3}},
        {"x=7", "x", 1, {7}},
        {"_a1=.5", "_a1", 1, {0.5}},
        {"abcdefghijklmnopqrstuvwxyz01234=1", "abcdefghijklmnopqrstuvwxyz01234", 1, {1}},
    };
    return cr_make_param_array(struct good_spec, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct good_spec *c, param, valid_spec_gives_python_values)
{
    bt_grid g = {0};
    bt_error err = {0};
    cr_assert_eq(bt_grid_add_param(&g, c->spec, &err), BT_OK, "%s: %s", c->spec, err.msg);
    cr_assert_eq(g.n_params, 1);
    cr_assert_str_eq(g.params[0].name, c->name);
    cr_assert_eq(g.params[0].n_values, c->n, "%s: %zu values", c->spec, g.params[0].n_values);
    cr_assert_eq(g.n_product, c->n);
    for (size_t i = 0; i < c->n; i++)
        cr_assert_eq(g.params[0].values[i], c->v[i], "%s: value %zu is %.17g", c->spec, i, g.params[0].values[i]);
    bt_grid_free(&g);
}

struct bad_spec {
    char spec[64];
    int status;
    char fragment[96];
};

ParameterizedTestParameters(param, invalid_spec_is_an_error_naming_the_wrong_part)
{
    static struct bad_spec cases[] = {
        {"n1=5:x", BT_ERR_USAGE, "--param 'n1=5:x': stop 'x' is not a number"},
        {"n1=True:3", BT_ERR_USAGE, "--param 'n1=True:3': start 'True' is not a number"},
        {"n1=1:5:1.5x", BT_ERR_USAGE, "step '1.5x' is not a number"},
        {"n1=1:5:0", BT_ERR_USAGE, "--param 'n1=1:5:0': the range step must not be zero"},
        {"n1=1:5:2x", BT_ERR_USAGE, "step '2x' is not a number"},
        {"n1=5:5", BT_ERR_USAGE, "--param 'n1=5:5': range(5, 5, 1) is empty"},
        {"n1=1:5:-1", BT_ERR_USAGE, "range(1, 5, -1) is empty"},
        {"n1=:5", BT_ERR_USAGE, "the range start is missing"},
        {"n1=1:", BT_ERR_USAGE, "the range stop is missing"},
        {"n1=1:5:", BT_ERR_USAGE, "the range step is missing"},
        {"n1=1:2:3:4", BT_ERR_USAGE, "a range has at most three parts"},
        {"n1=1:99999999999999999999", BT_ERR_USAGE, "stop '99999999999999999999' does not fit in 64 bits"},
        {"n1=0:9007199254740994", BT_ERR_USAGE, "range values must lie within +-2**53"},
        {"n1=-9223372036854775808:-9223372036854775807", BT_ERR_USAGE, "range values must lie within +-2**53"},
        {"n1=0:1099511627776", BT_ERR_RANGE, "--param 'n1=0:1099511627776': too many values: 1099511627776"},
        {"n1=1,,2", BT_ERR_USAGE, "--param 'n1=1,,2': value 2 is empty"},
        {"n1=1,2,", BT_ERR_USAGE, "value 3 is empty"},
        {"n1=12abc", BT_ERR_USAGE, "--param 'n1=12abc': '12abc' is not a number"},
        {"n1=1, 2 3", BT_ERR_USAGE, "'2 3' is not a number"},
        {"n1=0x10", BT_ERR_USAGE, "'0x10' is not a number"},
        {"n1=inf", BT_ERR_USAGE, "'inf' is not a finite number"},
        {"n1=nan", BT_ERR_USAGE, "'nan' is not a finite number"},
        {"n1=1e999", BT_ERR_USAGE, "'1e999' is not a finite number"},
        {"n1=true", BT_ERR_USAGE, "'true' is not a number (or True/False)"},
        {"n1=1_000", BT_ERR_USAGE, "'1_000' is not a number"},
        {"n1=1e", BT_ERR_USAGE, "'1e' is not a number"},
        {"n1=.", BT_ERR_USAGE, "'.' is not a number"},
        {"n1=9007199254740993", BT_ERR_USAGE, "integer '9007199254740993' must lie within +-2**53"},
        {"n1=99999999999999999999", BT_ERR_USAGE, "integer '99999999999999999999' must lie within +-2**53"},
        /* numpy.arange's errors (numpy 2.4.6 on Python 3.11) */
        {"x=0.1:1:0", BT_ERR_USAGE, "numpy.arange(0.1, 1, 0): ZeroDivisionError: float division by zero"},
        {"x=0:1:0.0", BT_ERR_USAGE, "numpy.arange(0, 1, 0.0): ZeroDivisionError: float division by zero"},
        {"x=0.0:1.0:1e-320", BT_ERR_RANGE, "numpy.arange(0.0, 1.0, 1e-320): ValueError: Maximum allowed size exceeded"},
        {"x=0.0:1e300:1e-300", BT_ERR_RANGE, "Maximum allowed size exceeded"},
        {"x=1:0.5:0.1", BT_ERR_USAGE, "--param 'x=1:0.5:0.1': numpy.arange(1, 0.5, 0.1) is empty"},
        {"x=1.0:1.0:0.1", BT_ERR_USAGE, "numpy.arange(1.0, 1.0, 0.1) is empty"},
        {"x=0.0:-1e-320:1.0", BT_ERR_USAGE, "numpy.arange(0.0, -1e-320, 1.0) is empty"},
        {"x=0:1:-0.1", BT_ERR_USAGE, "numpy.arange(0, 1, -0.1) is empty"},
        {"x=0.0:1:False", BT_ERR_USAGE, "step 'False' is not a number"},
        {"x=0.0:1e999", BT_ERR_USAGE, "stop '1e999' is not a finite number"},
        {"x=0:9007199254740994:0.5", BT_ERR_USAGE, "integer range bounds must lie within +-2**53"},
        {"x=0:1e12:0.5", BT_ERR_RANGE, "too many values: 2000000000000"},
        {"n1", BT_ERR_USAGE, "--param 'n1': expected NAME=VALUES"},
        {"=1,2", BT_ERR_USAGE, "the name before '=' is missing"},
        {"1n=5", BT_ERR_USAGE, "'1n' is not a valid name"},
        {"n-1=5", BT_ERR_USAGE, "'n-1' is not a valid name"},
        {"n1=", BT_ERR_USAGE, "--param 'n1=': no values after '='"},
        {"abcdefghijklmnopqrstuvwxyz012345=1", BT_ERR_USAGE, "the name is longer than 31 characters"},
    };
    return cr_make_param_array(struct bad_spec, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct bad_spec *c, param, invalid_spec_is_an_error_naming_the_wrong_part)
{
    bt_grid g = {0};
    bt_error err = {0};
    cr_assert_eq(bt_grid_add_param(&g, c->spec, &err), c->status, "%s: %s", c->spec, err.msg);
    cr_assert_eq(err.status, c->status);
    cr_assert(strstr(err.msg, c->fragment), "%s: message '%s' lacks '%s'", c->spec, err.msg, c->fragment);
    cr_assert_eq(g.n_params, 0, "a failed spec must leave the grid unchanged");
    cr_assert_eq(g.n_product, 0);
    bt_grid_free(&g);
}

Test(param, long_spec_is_quoted_shortened_so_the_reason_fits)
{
    char spec[4096] = "n1=";
    for (int i = 0; i < 800; i++)
        strcat(spec, "1,");
    strcat(spec, "x");
    bt_grid g = {0};
    bt_error err = {0};
    cr_assert_eq(bt_grid_add_param(&g, spec, &err), BT_ERR_USAGE);
    cr_assert(strstr(err.msg, "...': 'x' is not a number"), "%s", err.msg);
    cr_assert_eq(strncmp(err.msg, "--param 'n1=1,1,", 16), 0, "%s", err.msg);
}

Test(param, duplicate_name_is_an_error)
{
    bt_grid g = {0};
    bt_error err = {0};
    cr_assert_eq(bt_grid_add_param(&g, "n1=1:3", &err), BT_OK);
    cr_assert_eq(bt_grid_add_param(&g, "n1=5", &err), BT_ERR_USAGE);
    cr_assert_str_eq(err.msg, "--param 'n1=5': 'n1' is already a parameter");
    cr_assert_eq(g.n_params, 1);
    cr_assert_eq(g.n_product, 2);
    bt_grid_free(&g);
}

Test(param, more_than_max_params_is_an_error)
{
    bt_grid g = {0};
    bt_error err = {0};
    char spec[32];
    for (int i = 0; i < BT_MAX_PARAMS; i++) {
        snprintf(spec, sizeof spec, "p%d=1,2", i);
        cr_assert_eq(bt_grid_add_param(&g, spec, &err), BT_OK, "%s", err.msg);
    }
    cr_assert_eq(g.n_product, 1u << BT_MAX_PARAMS);
    cr_assert_eq(bt_grid_add_param(&g, "extra=1", &err), BT_ERR_USAGE);
    cr_assert_str_eq(err.msg, "--param 'extra=1': more than 8 parameters");
    cr_assert_eq(g.n_params, BT_MAX_PARAMS);
    bt_grid_free(&g);
}

Test(param, product_at_the_limit_is_accepted_and_one_more_value_overflows)
{
    bt_grid g = {0};
    bt_error err = {0};
    for (int i = 0; i < 3; i++) {
        char spec[32];
        snprintf(spec, sizeof spec, "p%d=0:65536", i);
        cr_assert_eq(bt_grid_add_param(&g, spec, &err), BT_OK, "%s", err.msg);
    }
    cr_assert_eq(bt_grid_add_param(&g, "last=0:65535", &err), BT_OK, "%s", err.msg);
    cr_assert_eq(g.n_product, (1ull << 48) * 65535ull);
    bt_grid_free(&g);

    for (int i = 0; i < 3; i++) {
        char spec[32];
        snprintf(spec, sizeof spec, "p%d=0:65536", i);
        cr_assert_eq(bt_grid_add_param(&g, spec, &err), BT_OK, "%s", err.msg);
    }
    cr_assert_eq(bt_grid_add_param(&g, "last=0:65536", &err), BT_ERR_RANGE);
    cr_assert_str_eq(err.msg, "--param 'last=0:65536': the grid has more than 18446744073709551615 combinations");
    cr_assert_eq(g.n_params, 3);
    cr_assert_eq(g.n_product, 1ull << 48);
    bt_grid_free(&g);
}

Test(param, five_ranges_of_ten_thousand_overflow_the_product)
{
    bt_grid g = {0};
    bt_error err = {0};
    const char *specs[] = {"a=0:10000", "b=0:10000", "c=0:10000", "d=0:10000", "e=0:10000"};
    for (int i = 0; i < 4; i++)
        cr_assert_eq(bt_grid_add_param(&g, specs[i], &err), BT_OK, "%s", err.msg);
    cr_assert_eq(g.n_product, 10000000000000000ull);
    cr_assert_eq(bt_grid_add_param(&g, specs[4], &err), BT_ERR_RANGE);
    cr_assert(strstr(err.msg, "more than 18446744073709551615 combinations"), "%s", err.msg);
    bt_grid_free(&g);
}

Test(param, huge_single_ranges_are_refused_before_allocating)
{
    bt_grid g = {0};
    bt_error err = {0};
    /* 2**40 and 2**53 values: refusing them must not try to allocate 8 TiB. */
    cr_assert_eq(bt_grid_add_param(&g, "a=0:1099511627776", &err), BT_ERR_RANGE);
    cr_assert(strstr(err.msg, "too many values"), "%s", err.msg);
    cr_assert_eq(bt_grid_add_param(&g, "a=-9007199254740992:9007199254740992", &err), BT_ERR_RANGE);
    cr_assert(strstr(err.msg, "too many values: 18014398509481984"), "%s", err.msg);
    cr_assert_eq(g.n_params, 0);
}

/* ------------------------------------------------------------------ product order */

Test(decode, product_order_varies_the_last_param_fastest)
{
    bt_grid g = {0};
    bt_error err = {0};
    cr_assert_eq(bt_grid_add_param(&g, "a=1,2", &err), BT_OK);
    cr_assert_eq(bt_grid_add_param(&g, "b=10,20,30", &err), BT_OK);
    cr_assert_eq(bt_grid_add_param(&g, "c=100:400:100", &err), BT_OK);
    cr_assert_eq(g.n_product, 18);
    static const struct { uint64_t k; double a, b, c; } want[] = {
        {0, 1, 10, 100}, {1, 1, 10, 200}, {2, 1, 10, 300}, {3, 1, 20, 100},
        {8, 1, 30, 300}, {9, 2, 10, 100}, {13, 2, 20, 200}, {17, 2, 30, 300},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        double v[3];
        bt_grid_decode(&g, want[i].k, v);
        cr_assert(v[0] == want[i].a && v[1] == want[i].b && v[2] == want[i].c,
                  "k=%llu: (%g, %g, %g)", (unsigned long long)want[i].k, v[0], v[1], v[2]);
    }
    /* Every index, against nested loops (itertools.product). */
    uint64_t k = 0;
    for (size_t i = 0; i < 2; i++)
        for (size_t j = 0; j < 3; j++)
            for (size_t l = 0; l < 3; l++, k++) {
                double v[3];
                bt_grid_decode(&g, k, v);
                cr_assert(v[0] == g.params[0].values[i] && v[1] == g.params[1].values[j] &&
                          v[2] == g.params[2].values[l]);
            }
    bt_grid_free(&g);
}

Test(grid, free_accepts_null_and_may_be_called_twice)
{
    bt_grid g = {0};
    bt_grid_free(NULL);
    bt_grid_free(&g);
    cr_assert_eq(bt_grid_add_param(&g, "a=1:3", NULL), BT_OK);
    cr_assert_eq(bt_grid_set_constraint(&g, "a > 1", NULL), BT_OK);
    bt_grid_free(&g);
    cr_assert(g.n_params == 0 && g.n_product == 0 && g.constraint == NULL && g.params[0].values == NULL);
    bt_grid_free(&g);
    bt_expr_free(NULL);
}

/* ------------------------------------------------------------------ constraint values */

/* Compiles expr over x, y, z and evaluates it; fails the test on any error. */
static double eval3(const char *expr, double x, double y, double z)
{
    static const char *const names[] = {"x", "y", "z"};
    struct bt_expr *e = NULL;
    bt_error err = {0};
    cr_assert_eq(bt_expr_compile(expr, names, 3, &e, &err), BT_OK, "%s: %s", expr, err.msg);
    double values[3] = {x, y, z}, r = -12345;
    int fault = bt_expr_eval(e, values, &r);
    cr_assert_eq(fault, BT_EXPR_OK, "%s: %s", expr, bt_expr_fault_text(fault));
    bt_expr_free(e);
    return r;
}

struct value_case {
    char expr[64];
    double x, y, z;
    double want; /* Python's result (True == 1, False == 0) */
};

ParameterizedTestParameters(constraint, expression_evaluates_like_python)
{
    static struct value_case cases[] = {
        /* floor division and modulo take the divisor's sign */
        {"-7 // 2", 0, 0, 0, -4},
        {"7 // -2", 0, 0, 0, -4},
        {"-7 % 2", 0, 0, 0, 1},
        {"7 % -3", 0, 0, 0, -2},
        {"-7 % -3", 0, 0, 0, -1},
        {"-7.5 // 2", 0, 0, 0, -4.0},
        {"-7.5 % 2", 0, 0, 0, 0.5},
        {"7.5 % -2", 0, 0, 0, -0.5},
        {"1 // 0.1", 0, 0, 0, 9.0},
        {"1 % 0.1", 0, 0, 0, 0.09999999999999995},
        {"x // y", -7, 2, 0, -4},
        {"x % y == 0", 6, 3, 0, 1},
        /* precedence and associativity */
        {"1 + 2 * 3", 0, 0, 0, 7},
        {"(1 + 2) * 3", 0, 0, 0, 9},
        {"10 - 4 - 3", 0, 0, 0, 3},
        {"100 / 10 / 5", 0, 0, 0, 2},
        {"2 * 3 % 4", 0, 0, 0, 2},
        {"7 / 2", 0, 0, 0, 3.5},
        {"2 ** 3 ** 2", 0, 0, 0, 512},
        {"-2 ** 2", 0, 0, 0, -4},
        {"(-2) ** 2", 0, 0, 0, 4},
        {"2 ** -1", 0, 0, 0, 0.5},
        {"-2 ** -2", 0, 0, 0, -0.25},
        {"- - 3", 0, 0, 0, 3},
        {"+-3", 0, 0, 0, -3},
        {"-x", 3, 0, 0, -3},
        {"1 + 2 < 4 and 3 > 2", 0, 0, 0, 1},
        /* chained comparisons: a < b < c is a < b and b < c, not (a < b) < c */
        {"1 < 2 < 3", 0, 0, 0, 1},
        {"1 < 3 < 2", 0, 0, 0, 0},
        {"3 > 2 > 1", 0, 0, 0, 1},
        {"2 == 2 == 1", 0, 0, 0, 0},
        {"(2 == 2) == 1", 0, 0, 0, 1},
        {"1 < 2 == 2 != 3 >= 3 <= 4", 0, 0, 0, 1},
        {"x < y < z", 1, 2, 3, 1},
        {"x < y < z", 1, 3, 2, 0},
        {"x <= y >= z", 2, 2, 1, 1},
        /* not, and, or (Python returns an operand for and/or) */
        {"not 1 == 2", 0, 0, 0, 1},
        {"not x", 0, 0, 0, 1},
        {"not not 3", 0, 0, 0, 1},
        {"not 1 < 0 and 2", 0, 0, 0, 2},
        {"1 and 0 or 5", 0, 0, 0, 5},
        {"2 and 3", 0, 0, 0, 3},
        {"0 or 0", 0, 0, 0, 0},
        {"0 or 1 and 0", 0, 0, 0, 0},
        {"1 or 0 and 0", 0, 0, 0, 1},
        {"(x and y) + 1", 2, 5, 0, 6},
        /* literals */
        {"True + True", 0, 0, 0, 2},
        {"False", 0, 0, 0, 0},
        {"1_000 + 0.5e1", 0, 0, 0, 1005},
        {"5. + .5", 0, 0, 0, 5.5},
        {"1E3 + 25e-2", 0, 0, 0, 1000.25},
        {"00 + 0.0", 0, 0, 0, 0},
        /* short circuits skip what Python would not evaluate */
        {"0 and 1 / 0", 0, 0, 0, 0},
        {"1 or 1 / 0", 0, 0, 0, 1},
        {"1 > 2 < 1 / 0", 0, 0, 0, 0},
        {"y != 0 and x / y > 1", 5, 0, 0, 0},
        /* NaN: comparisons are false */
        {"(1e999 - 1e999) == (1e999 - 1e999)", 0, 0, 0, 0},
        {"(1e999 - 1e999) != (1e999 - 1e999)", 0, 0, 0, 1},
        {"\tx\t<  y", 1, 2, 0, 1},
    };
    return cr_make_param_array(struct value_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct value_case *c, constraint, expression_evaluates_like_python)
{
    double r = eval3(c->expr, c->x, c->y, c->z);
    cr_assert_eq(r, c->want, "%s at x=%g, y=%g, z=%g: %.17g, Python gives %.17g", c->expr, c->x, c->y, c->z, r,
                 c->want);
}

Test(constraint, floor_division_keeps_the_sign_of_zero)
{
    cr_assert(signbit(eval3("0.0 // -5", 0, 0, 0)));  /* -0.0 in Python */
    cr_assert(signbit(eval3("0.0 % -5", 0, 0, 0)));   /* -0.0 in Python */
    cr_assert(!signbit(eval3("-0.0 % 5", 0, 0, 0)));  /* 0.0 in Python */
    cr_assert(signbit(eval3("-1 // 5.0 * 0", 0, 0, 0))); /* -1.0 * 0 */
}

Test(constraint, nan_is_truthy_like_python)
{
    bt_grid g = {0};
    int ok = -1;
    cr_assert_eq(bt_grid_add_param(&g, "x=1", NULL), BT_OK);
    cr_assert_eq(bt_grid_set_constraint(&g, "1e999 - 1e999", NULL), BT_OK);
    double v = 1;
    cr_assert_eq(bt_grid_admissible(&g, &v, &ok, NULL), BT_OK);
    cr_assert_eq(ok, 1);
    cr_assert_eq(bt_grid_set_constraint(&g, "not (1e999 - 1e999)", NULL), BT_OK);
    cr_assert_eq(bt_grid_admissible(&g, &v, &ok, NULL), BT_OK);
    cr_assert_eq(ok, 0);
    bt_grid_free(&g);
}

/* ------------------------------------------------------------------ grid + constraint */

static void grid_n1_n2(bt_grid *g)
{
    bt_error err = {0};
    cr_assert_eq(bt_grid_add_param(g, "n1=5,0.1", &err), BT_OK, "%s", err.msg);
    cr_assert_eq(bt_grid_add_param(g, "n2=5:15", &err), BT_OK, "%s", err.msg);
}

Test(constraint, admissible_filters_combinations)
{
    bt_grid g = {0};
    bt_error err = {0};
    grid_n1_n2(&g);
    cr_assert_eq(bt_grid_set_constraint(&g, "n2 % 2 == 0 and n1 < n2", &err), BT_OK, "%s", err.msg);
    size_t n_ok = 0;
    for (uint64_t k = 0; k < g.n_product; k++) {
        double v[2];
        int ok = -1;
        bt_grid_decode(&g, k, v);
        cr_assert_eq(bt_grid_admissible(&g, v, &ok, &err), BT_OK);
        cr_assert_eq(ok, fmod(v[1], 2) == 0 && v[0] < v[1]);
        n_ok += (size_t)ok;
    }
    cr_assert_eq(n_ok, 10); /* n2 in 6,8,10,12,14 for both n1 */
    bt_grid_free(&g);
}

Test(constraint, no_constraint_admits_everything)
{
    bt_grid g = {0};
    grid_n1_n2(&g);
    double v[2] = {5, 5};
    int ok = 0;
    cr_assert_eq(bt_grid_admissible(&g, v, &ok, NULL), BT_OK);
    cr_assert_eq(ok, 1);
    bt_grid_free(&g);
}

Test(constraint, division_by_zero_names_the_combination)
{
    bt_grid g = {0};
    bt_error err = {0};
    grid_n1_n2(&g);
    cr_assert_eq(bt_grid_set_constraint(&g, "n1 / (n2 - 10) > 1", &err), BT_OK, "%s", err.msg);
    double v[2] = {5, 11};
    int ok = -1;
    cr_assert_eq(bt_grid_admissible(&g, v, &ok, &err), BT_OK);
    cr_assert_eq(ok, 1);
    v[1] = 10;
    cr_assert_eq(bt_grid_admissible(&g, v, &ok, &err), BT_ERR_USAGE);
    cr_assert_eq(err.status, BT_ERR_USAGE);
    cr_assert_str_eq(err.msg, "constraint 'n1 / (n2 - 10) > 1': division by zero at n1=5, n2=10");
    v[0] = 0.1;
    cr_assert_eq(bt_grid_admissible(&g, v, &ok, &err), BT_ERR_USAGE);
    cr_assert_str_eq(err.msg, "constraint 'n1 / (n2 - 10) > 1': division by zero at n1=0.1, n2=10");
    bt_grid_free(&g);
}

struct fault_case {
    char expr[32];
    char msg[112];
};

ParameterizedTestParameters(constraint, python_exceptions_are_usage_errors)
{
    static struct fault_case cases[] = {
        {"n1 // (n2 - 10)", "constraint 'n1 // (n2 - 10)': floor division by zero at n1=5, n2=10"},
        {"n1 % (n2 - 10)", "constraint 'n1 % (n2 - 10)': modulo by zero at n1=5, n2=10"},
        {"(n2 - 10) ** -1", "constraint '(n2 - 10) ** -1': 0 raised to a negative power at n1=5, n2=10"},
        {"(-n1) ** 0.5", "constraint '(-n1) ** 0.5': a negative number raised to a fractional power at n1=5, n2=10"},
        {"0.0 / 0 == 0", "constraint '0.0 / 0 == 0': division by zero at n1=5, n2=10"},
    };
    return cr_make_param_array(struct fault_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct fault_case *c, constraint, python_exceptions_are_usage_errors)
{
    bt_grid g = {0};
    bt_error err = {0};
    grid_n1_n2(&g);
    cr_assert_eq(bt_grid_set_constraint(&g, c->expr, &err), BT_OK, "%s", err.msg);
    double v[2] = {5, 10};
    int ok = -1;
    cr_assert_eq(bt_grid_admissible(&g, v, &ok, &err), BT_ERR_USAGE);
    cr_assert_str_eq(err.msg, c->msg);
    bt_grid_free(&g);
}

Test(constraint, setting_it_again_replaces_it_and_a_failed_one_keeps_it)
{
    bt_grid g = {0};
    bt_error err = {0};
    grid_n1_n2(&g);
    double v[2] = {5, 6};
    int ok = -1;
    cr_assert_eq(bt_grid_set_constraint(&g, "n1 > n2", &err), BT_OK);
    cr_assert_eq(bt_grid_admissible(&g, v, &ok, &err), BT_OK);
    cr_assert_eq(ok, 0);
    cr_assert_eq(bt_grid_set_constraint(&g, "n1 < n2", &err), BT_OK);
    cr_assert_eq(bt_grid_admissible(&g, v, &ok, &err), BT_OK);
    cr_assert_eq(ok, 1);
    cr_assert_eq(bt_grid_set_constraint(&g, "n1 <", &err), BT_ERR_USAGE);
    cr_assert_eq(bt_grid_admissible(&g, v, &ok, &err), BT_OK);
    cr_assert_eq(ok, 1);
    cr_assert_str_eq(bt_expr_source(g.constraint), "n1 < n2");
    bt_grid_free(&g);
}

Test(constraint, needs_parameters_first)
{
    bt_grid g = {0};
    bt_error err = {0};
    cr_assert_eq(bt_grid_set_constraint(&g, "1 < 2", &err), BT_ERR_USAGE);
    cr_assert_str_eq(err.msg, "constraint '1 < 2': there are no parameters to constrain");
}

/* ------------------------------------------------------------------ syntax errors */

struct syntax_case {
    char expr[16];
    char fragment[96]; /* "column C: what" */
};

ParameterizedTestParameters(constraint, syntax_error_points_at_the_column)
{
    static struct syntax_case cases[] = {
        {"n1 < < n2", "column 6: expected a number, a name or '('"},
        {"n1 <", "column 5: unexpected end of the expression; expected a number, a name or '('"},
        {"n1 ** ** 2", "column 7: expected a number, a name or '('"},
        {"n1 <> n2", "column 5: expected a number, a name or '('"},
        {"n1 + not n2", "column 6: expected a number, a name or '('"},
        {"n1 < n3", "column 6: unknown parameter 'n3' (parameters: n1, n2)"},
        {"abs(n1) > 1", "column 1: unknown parameter 'abs' (parameters: n1, n2); function calls are not supported"},
        {"n1 < n2 n1", "column 9: expected an operator or the end of the expression, found 'n1'"},
        {"n1 < 2(3)", "column 7: expected an operator or the end of the expression, found '('"},
        {"(n1 < n2", "column 9: missing ')' for the '(' at column 1"},
        {"((n1) < n2", "column 11: missing ')' for the '(' at column 1"},
        {"(n1 n2)", "column 5: expected ')' or an operator, found 'n2'"},
        {"n1 < n2)", "column 8: unmatched ')'"},
        {"1.2.3 < n1", "column 1: malformed number '1.2.3'"},
        {"n1 < 12abc", "column 6: malformed number '12abc'"},
        {"n1 < 1e", "column 6: malformed number '1e'"},
        {"n1 < 1__0", "column 6: malformed number '1__0'"},
        {"n1 < 0x10", "column 6: malformed number '0x10' (only decimal numbers are supported)"},
        {"n1 < 007", "column 6: leading zeros are not allowed in '007'"},
        {"n1 & n2", "column 4: unexpected '&'; use 'and'"},
        {"n1 && n2", "column 4: unexpected '&&'; use 'and'"},
        {"n1 | n2", "column 4: unexpected '|'; use 'or'"},
        {"n1 || n2", "column 4: unexpected '||'; use 'or'"},
        {"!n1", "column 1: unexpected '!'; use 'not'"},
        {"n1 = n2", "column 4: unexpected '='; did you mean '=='?"},
        {"n1 ^ 2", "column 4: unexpected '^'; use '**' for powers"},
        {"n1 < $", "column 6: unexpected character '$'"},
        {"n1 < \xc3\xa9", "column 6: unexpected byte 0xC3"},
        {"n1 is n2", "column 4: 'is' is not supported"},
        {"n1 in n2", "column 4: 'in' is not supported"},
    };
    return cr_make_param_array(struct syntax_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct syntax_case *c, constraint, syntax_error_points_at_the_column)
{
    bt_grid g = {0};
    bt_error err = {0};
    grid_n1_n2(&g);
    cr_assert_eq(bt_grid_set_constraint(&g, c->expr, &err), BT_ERR_USAGE, "%s compiled", c->expr);
    cr_assert_eq(err.status, BT_ERR_USAGE);
    char want[512];
    snprintf(want, sizeof want, "constraint '%s': %s\n  %s\n", c->expr, c->fragment, c->expr);
    cr_assert(strncmp(err.msg, want, strlen(want)) == 0, "got:\n%s\nwant prefix:\n%s", err.msg, want);
    /* The caret sits under the reported column. */
    unsigned col = 0;
    cr_assert_eq(sscanf(strstr(err.msg, "column ") + 7, "%u", &col), 1);
    const char *caret_line = strrchr(err.msg, '\n') + 1;
    cr_assert_eq(strlen(caret_line), 2 + col, "caret line '%s' for column %u", caret_line, col);
    cr_assert_eq(caret_line[2 + col - 1], '^');
    cr_assert_null(g.constraint);
    bt_grid_free(&g);
}

Test(constraint, syntax_error_message_has_a_caret_line)
{
    bt_grid g = {0};
    bt_error err = {0};
    grid_n1_n2(&g);
    cr_assert_eq(bt_grid_set_constraint(&g, "n1 < < n2", &err), BT_ERR_USAGE);
    cr_assert_str_eq(err.msg, "constraint 'n1 < < n2': column 6: expected a number, a name or '('\n"
                              "  n1 < < n2\n"
                              "       ^");
    bt_grid_free(&g);
}

Test(constraint, empty_expression_is_an_error)
{
    bt_grid g = {0};
    bt_error err = {0};
    grid_n1_n2(&g);
    cr_assert_eq(bt_grid_set_constraint(&g, "", &err), BT_ERR_USAGE);
    cr_assert_str_eq(err.msg, "constraint '': the expression is empty");
    cr_assert_eq(bt_grid_set_constraint(&g, "  \t ", &err), BT_ERR_USAGE);
    cr_assert(strstr(err.msg, "the expression is empty"), "%s", err.msg);
    bt_grid_free(&g);
}

/* Builds prefix x n + middle + suffix x n into a fresh buffer. */
static char *repeat(const char *prefix, const char *middle, const char *suffix, size_t n)
{
    size_t lp = strlen(prefix), ls = strlen(suffix);
    char *s = malloc(n * (lp + ls) + strlen(middle) + 1), *q = s;
    cr_assert_not_null(s);
    for (size_t i = 0; i < n; i++, q += lp)
        memcpy(q, prefix, lp);
    memcpy(q, middle, strlen(middle));
    q += strlen(middle);
    for (size_t i = 0; i < n; i++, q += ls)
        memcpy(q, suffix, ls);
    *q = '\0';
    return s;
}

Test(constraint, deep_nesting_is_a_clean_error_not_a_crash)
{
    bt_grid g = {0};
    bt_error err = {0};
    grid_n1_n2(&g);
    /* Each form nests once per repetition; col is where level 201 starts. */
    static const struct { const char *pre, *mid, *post; unsigned col; } forms[] = {
        {"(", "n1", ")", 201}, {"-", "n1", "", 201}, {"not ", "n1", "", 801}, {"2 ** ", "n1", "", 1003},
    };
    for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
        char *ok = repeat(forms[f].pre, forms[f].mid, forms[f].post, BT_EXPR_MAX_NEST);
        cr_assert_eq(bt_grid_set_constraint(&g, ok, &err), BT_OK, "%.40s...: %.200s", ok, err.msg);
        free(ok);
        char *deep = repeat(forms[f].pre, forms[f].mid, forms[f].post, 10000);
        cr_assert_eq(bt_grid_set_constraint(&g, deep, &err), BT_ERR_USAGE, "%.40s...", deep);
        char want[128];
        snprintf(want, sizeof want, "column %u: expression is nested too deeply (more than 200 levels)",
                 forms[f].col);
        cr_assert(strstr(err.msg, want), "%.40s...: %s", deep, strstr(err.msg, "column"));
        free(deep);
    }
    bt_grid_free(&g);
}

Test(constraint, too_many_pending_values_is_a_clean_error)
{
    bt_grid g = {0};
    bt_error err = {0};
    grid_n1_n2(&g);
    /* Four values wait at each level: the stack fills before the nesting limit. */
    char *deep = repeat("1 < 1 + 1 * 1 ** (", "n1", ")", 100);
    cr_assert_eq(bt_grid_set_constraint(&g, deep, &err), BT_ERR_USAGE);
    cr_assert(strstr(err.msg, "expression is nested too deeply (more than 256 pending values)"), "%.300s",
              strstr(err.msg, "column"));
    free(deep);
    char *fine = repeat("1 < 1 + 1 * 1 ** (", "n1", ")", 50);
    cr_assert_eq(bt_grid_set_constraint(&g, fine, &err), BT_OK, "%.300s", err.msg);
    double v[2] = {1, 1}, r;
    cr_assert_eq(bt_expr_eval(g.constraint, v, &r), BT_EXPR_OK);
    cr_assert_eq(r, 1); /* every level is 1 < 1 + 1 * 1 ** (1) */
    free(fine);
    bt_grid_free(&g);
}

Test(constraint, long_flat_expression_compiles)
{
    bt_grid g = {0};
    bt_error err = {0};
    grid_n1_n2(&g);
    char *flat = repeat("n1 + ", "0", "", 20000); /* left-associative: two values pending at most */
    cr_assert_eq(bt_grid_set_constraint(&g, flat, &err), BT_OK, "%.200s", err.msg);
    double v[2] = {1, 0}, r;
    cr_assert_eq(bt_expr_eval(g.constraint, v, &r), BT_EXPR_OK);
    cr_assert_eq(r, 20000);
    free(flat);
    bt_grid_free(&g);
}

/* ------------------------------------------------------------------ typed values */

/* Each value has its Python literal's type: `2` int, `2.0` / `2.` / `1e3` /
 * `.5` float, True/False bool (1/0). */
Test(types, list_values_keep_their_literal_types)
{
    static const struct {
        char spec[48];
        size_t n;
        double v[6];
        int t[6];
    } cases[] = {
        {"k=1.5,2,2.5", 3, {1.5, 2, 2.5}, {BT_PTYPE_FLOAT, BT_PTYPE_INT, BT_PTYPE_FLOAT}},
        {"flag=True,False", 2, {1, 0}, {BT_PTYPE_BOOL, BT_PTYPE_BOOL}},
        {"x=2.,1e3,-0,+3,.5,2.0", 6, {2, 1000, 0, 3, 0.5, 2},
         {BT_PTYPE_FLOAT, BT_PTYPE_FLOAT, BT_PTYPE_INT, BT_PTYPE_INT, BT_PTYPE_FLOAT, BT_PTYPE_FLOAT}},
        {"x=1E-3, -7 ,True", 3, {0.001, -7, 1}, {BT_PTYPE_FLOAT, BT_PTYPE_INT, BT_PTYPE_BOOL}},
        {"x=9007199254740992", 1, {9007199254740992.0}, {BT_PTYPE_INT}},
        {"x=3:6", 3, {3, 4, 5}, {BT_PTYPE_INT, BT_PTYPE_INT, BT_PTYPE_INT}},
        {"x=1.5:3", 2, {1.5, 2.5}, {BT_PTYPE_FLOAT, BT_PTYPE_FLOAT}},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        bt_grid g = {0};
        bt_error err = {0};
        cr_assert_eq(bt_grid_add_param(&g, cases[c].spec, &err), BT_OK, "%s: %s", cases[c].spec, err.msg);
        cr_assert_eq(g.params[0].n_values, cases[c].n, "%s", cases[c].spec);
        for (size_t i = 0; i < cases[c].n; i++) {
            cr_assert_eq(g.params[0].values[i], cases[c].v[i], "%s: value %zu is %.17g", cases[c].spec, i,
                         g.params[0].values[i]);
            cr_assert(!signbit(g.params[0].values[i]) || cases[c].v[i] < 0, "%s: value %zu is -0.0", cases[c].spec, i);
            cr_assert_eq(g.params[0].types[i], cases[c].t[i], "%s: type of value %zu", cases[c].spec, i);
        }
        bt_grid_free(&g);
    }
}

Test(types, decode_types_follows_the_product_order)
{
    bt_grid g = {0};
    bt_error err = {0};
    cr_assert_eq(bt_grid_add_param(&g, "a=1,2.0", &err), BT_OK);
    cr_assert_eq(bt_grid_add_param(&g, "b=True,0.5,3", &err), BT_OK);
    static const struct { double a, b; int ta, tb; } want[] = {
        {1, 1, BT_PTYPE_INT, BT_PTYPE_BOOL},   {1, 0.5, BT_PTYPE_INT, BT_PTYPE_FLOAT},
        {1, 3, BT_PTYPE_INT, BT_PTYPE_INT},    {2, 1, BT_PTYPE_FLOAT, BT_PTYPE_BOOL},
        {2, 0.5, BT_PTYPE_FLOAT, BT_PTYPE_FLOAT}, {2, 3, BT_PTYPE_FLOAT, BT_PTYPE_INT},
    };
    cr_assert_eq(g.n_product, 6);
    for (uint64_t k = 0; k < 6; k++) {
        double v[2], w[2];
        int t[2];
        bt_grid_decode_types(&g, k, v, t);
        bt_grid_decode(&g, k, w);
        cr_assert(v[0] == want[k].a && v[1] == want[k].b && t[0] == want[k].ta && t[1] == want[k].tb,
                  "k=%d: (%g:%d, %g:%d)", (int)k, v[0], t[0], v[1], t[1]);
        cr_assert(w[0] == v[0] && w[1] == v[1]);
    }
    bt_grid_decode_types(&g, 4, NULL, (int[2]){0}); /* either output may be NULL */
    bt_grid_free(&g);
}

Test(types, constraints_see_bools_as_one_and_zero)
{
    bt_grid g = {0};
    bt_error err = {0};
    cr_assert_eq(bt_grid_add_param(&g, "flag=True,False", &err), BT_OK);
    cr_assert_eq(bt_grid_add_param(&g, "sl=0.0,0.02", &err), BT_OK);
    cr_assert_eq(bt_grid_set_constraint(&g, "flag or sl > 0", &err), BT_OK, "%s", err.msg);
    int expect[4] = {1, 1, 0, 1}; /* (True, 0.0) (True, 0.02) (False, 0.0) (False, 0.02) */
    for (uint64_t k = 0; k < 4; k++) {
        double v[2];
        int ok = -1;
        bt_grid_decode(&g, k, v);
        cr_assert_eq(bt_grid_admissible(&g, v, &ok, &err), BT_OK);
        cr_assert_eq(ok, expect[k], "k=%d", (int)k);
    }
    cr_assert_eq(bt_grid_set_constraint(&g, "flag == True and flag + 1 == 2", &err), BT_OK, "%s", err.msg);
    double v[2] = {1, 0};
    int ok = 0;
    cr_assert_eq(bt_grid_admissible(&g, v, &ok, &err), BT_OK);
    cr_assert_eq(ok, 1);
    bt_grid_free(&g);
}

/* ------------------------------------------------------------------ numpy.arange */

/* Expected values of numpy.arange(START, STOP, STEP) for float ranges, as
 * produced by numpy 2.4.6 (the parity virtualenv's) on Python 3.11, each
 * value written with float.hex(). START/STOP/STEP are parsed as Python
 * literals (int() if it is an integer literal, else float()). The first 15
 * are hand-picked (0.1:0.4:0.1 has 4 values, 0.30000000000000004 among them;
 * an underflowing quotient gives one value), the other 240 were drawn at
 * random (seed 20261201; 123 with a negative step, 120 with an int bound):
 *
 *   def lit(r):  # an int, a decimal with 0-4 places ("3."), "XeY" or a repr()
 *       ...
 *   a, b = lit(r), lit(r); target = r.randint(1, 25)
 *   step = (float(b) - float(a)) / target * r.uniform(0.8, 1.2)  # as repr() or "%.<1-4>g"
 *   arr = np.arange(pyval(a), pyval(b), pyval(step))  # kept when 1 <= len(arr) <= 50
 *   print('{"%s:%s:%s", %d, %d},' % (a, b, step, len(arr), offset), [x.hex() for x in arr])
 *
 * The same generator was also run offline for 20,000 ranges of up to 60
 * values and 300 of up to 10,000 values against bt_grid_add_param: all
 * lengths and bits equal. */
static const struct arange_case { char spec[64]; size_t n, first; } arange_cases[] = {
    {"0.01:0.1:0.01", 9, 0},
    {"0.1:1:0.1", 9, 9},
    {"0:1:0.1", 10, 18},
    {"1:0:-0.1", 10, 28},
    {"0.3:0.9:0.1", 7, 38},
    {"0:1.0", 1, 45},
    {"1.5:4", 3, 46},
    {"0.5:3.5:0.5", 6, 49},
    {"1:2:0.3", 4, 55},
    {"-1:1:0.25", 8, 59},
    {"10:0:-2.5", 4, 67},
    {"0.0:1e-320:1.0", 1, 71},
    {"1e-05:5e-05:1e-05", 4, 72},
    {"0.1:0.4:0.1", 4, 76},
    {"2:3.0:1", 1, 80},
    {"-15:-18:-0.5986929312304539", 6, 81},
    {"-10:-18.470604173044546:-0.6", 15, 87},
    {"4:1e0:-0.1894", 16, 102},
    {"9e-4:-1.4374:-0.065", 23, 118},
    {"9:-0.27:-1.86", 5, 141},
    {"-7.0:12:2.2", 9, 146},
    {"0.9:16.42907305491778:6.91352938874943", 3, 155},
    {"-4.2310:-24:-1.946", 11, 158},
    {"-6.928:5e-3:0.6", 12, 169},
    {"-18:4.:8.42", 3, 181},
    {"-0.5540811013691709:-5e0:-0.6630856691090992", 7, 184},
    {"-11.05:8e0:1.286", 15, 191},
    {"19:8.15:-0.716", 16, 206},
    {"22:-8e-2:-22.3", 1, 222},
    {"-0.04:14.037074506087485:0.566", 25, 223},
    {"6.80:-4.691677819670655:-1.23", 10, 248},
    {"-8.9390:-23:-0.665", 22, 258},
    {"9.2225:1.93:-0.29", 26, 280},
    {"-23:7:2.677", 12, 306},
    {"4:10.8:0.4", 17, 318},
    {"-7.7966:-20:-0.9790559776166352", 13, 335},
    {"-2e-1:-4e0:-0.224", 17, 348},
    {"5e-2:-26:-7.109384815701543", 4, 365},
    {"7:-13:-1.047", 20, 369},
    {"6.2:-9.336497604644505:-3.156875570628162", 5, 389},
    {"-3e-3:8e1:4.79", 17, 394},
    {"-0.7481096641105864:3e2:27.81766944675724", 11, 411},
    {"0.196:7e-4:-0.016", 13, 422},
    {"-8e-1:-10:-1.77", 6, 435},
    {"8e2:5.63:-2e+02", 4, 441},
    {"-7:9.34:0.882", 19, 445},
    {"9.1598500509959:16:0.27156508962348597", 26, 464},
    {"1:9e-3:-0.161", 7, 490},
    {"-8e0:-4e2:-456.0", 1, 497},
    {"10.584395129423164:-2.7228175803456978:-0.7", 20, 498},
    {"18:-15:-6.228296908381411", 6, 518},
    {"3.:-1.228:-2.0", 3, 524},
    {"8.029:-6e1:-6.0", 12, 527},
    {"-5e-3:-8e-3:-0.000172", 18, 539},
    {"-10.5569:14.252092620551508:1", 25, 557},
    {"-13.383165362480614:-2:5.959247510350342", 2, 582},
    {"-4:7.85:3.4", 4, 584},
    {"-4.980388733036918:-5e1:-2.0", 23, 588},
    {"-1.:7e-2:0.05152173455020995", 21, 611},
    {"6.007901001444598:6e-2:-1.0", 6, 632},
    {"22:-11.32511085274957:-1.0", 34, 638},
    {"11:-5.2231:-1.366", 12, 672},
    {"11:-5.5164952910017195:-0.72", 23, 684},
    {"2e0:11:0.3622296377639812", 25, 707},
    {"-9.2:-6.595939165398356:0.10557668649845303", 25, 732},
    {"-8:6e-1:0.6753", 13, 757},
    {"5.006268178007328:3.1374:-0.111", 17, 770},
    {"-7.:-3e1:-4.0", 6, 787},
    {"-8e-2:8.0746:2.3", 4, 793},
    {"-3e-3:3e0:0.3733", 9, 797},
    {"-9.53:9.11:16.262259935279097", 2, 806},
    {"-5.8:-8.0:-0.14165002506702798", 16, 808},
    {"-9.7036:4.:0.591", 24, 824},
    {"-17.829836693702063:-8.056184420149677:0.6138990979295281", 16, 848},
    {"-6.7:-2.201634410745722:0.24", 19, 864},
    {"-4:5e-3:0.18842546458293447", 22, 883},
    {"1.57:8.3:2.4", 3, 905},
    {"12:-15.386092674962878:-2.337", 12, 908},
    {"4.018943646418766:-2.7900828265309876:-1", 7, 920},
    {"3e-2:11:1", 11, 927},
    {"-27:-4.008:3.94", 6, 938},
    {"-3e2:25:23.0", 15, 944},
    {"5.1:1.:-0.1", 41, 959},
    {"-1.57:8.8:0.4127198113025344", 26, 1000},
    {"-22:12:1.453292955304128", 24, 1026},
    {"-8.3870:-0.3388:0.7351860795534456", 11, 1050},
    {"-11.381071320689312:6:1", 18, 1061},
    {"-0.17:1e-2:0.013616848952862913", 14, 1079},
    {"28:24:-1.15", 4, 1093},
    {"1:-7.:-0.4975530701462443", 17, 1097},
    {"-21:-13:0.4775178460333686", 17, 1114},
    {"-19:-15:2.25", 2, 1131},
    {"23:8.6:-0.7086948628210239", 21, 1133},
    {"2e-2:10:0.6852931174101475", 15, 1154},
    {"-27:-3e1:-0.12821130340380865", 24, 1169},
    {"-13.550298050849108:2.166:0.5809", 28, 1193},
    {"-4.:19:3.145", 8, 1221},
    {"8:-13.152099341459271:-2.0", 11, 1229},
    {"11.931277296612663:-2.1:-0.97", 15, 1240},
    {"1e-3:-4e-3:-0.000788", 7, 1255},
    {"-4.730962743785035:-8e-1:0.147", 27, 1262},
    {"-16:12.0:1.81", 16, 1289},
    {"-10.64:11.4303:24.0", 1, 1305},
    {"-9.646947322173695:6.89:4.528", 4, 1306},
    {"-6.:-1.664:2.521", 2, 1310},
    {"13:1e-1:-4.688", 3, 1312},
    {"-8e-2:1.175:0.6885938001082901", 2, 1315},
    {"-4.1:7.2921:1", 12, 1317},
    {"-7.825796385225292:-7:0.042", 20, 1329},
    {"2.785:-0.5979071428948686:-0.25", 14, 1349},
    {"-15.73660634640584:7.50:1.8259445795746854", 13, 1363},
    {"6.19:1e1:1.954", 2, 1376},
    {"-8.:-28:-1.685775246436771", 12, 1378},
    {"-27:-20:0.36", 20, 1390},
    {"3e2:-1e1:-1e+01", 31, 1410},
    {"3.0143453062601253:-3e-3:-0.15", 21, 1441},
    {"4.532075897345141:0.4695:-1.130898657558617", 4, 1462},
    {"8.084:3.758:-0.2", 22, 1466},
    {"6.:10:1.1522324345991923", 4, 1488},
    {"8e2:1e1:-7e+01", 12, 1492},
    {"2.:4.90:2.5400201939718032", 2, 1504},
    {"-5.:-1e-1:5.0", 1, 1506},
    {"0.81:-8e-4:-1", 1, 1507},
    {"13:8e-1:-1", 13, 1508},
    {"-1.924:-6.686:-1.315339100946781", 4, 1521},
    {"8:16:0.397", 21, 1525},
    {"-5e0:-11.5976:-0.87", 8, 1546},
    {"2e-2:-17.41543289082964:-19.2", 1, 1554},
    {"-7e0:-23:-0.8", 20, 1555},
    {"10.79:-7:-1", 18, 1575},
    {"-1.:8e2:1e+02", 9, 1593},
    {"-2.907937432997816:-2.7367928384413034:0.00870408608341631", 20, 1602},
    {"5.989080246637442:3e-3:-1", 6, 1622},
    {"3e1:29:-0.12850309471750412", 8, 1628},
    {"-1.973342728611339:9:0.57", 20, 1636},
    {"9.74:-5.42:-1.1686706804585734", 13, 1656},
    {"15.448647918765246:4e-1:-2.756", 6, 1669},
    {"-2.872:1.10:0.9", 5, 1675},
    {"1e2:16.485309380596377:-44.0", 2, 1680},
    {"8.47950178369555:21:0.5383253915379861", 24, 1682},
    {"-2.9:17:1", 20, 1706},
    {"16.371817393303814:8.71:-0.3223", 24, 1726},
    {"-25:-2.:1.469", 16, 1750},
    {"3.820:1.:-0.1967307364965069", 15, 1766},
    {"10:9.454:-0.09487115575319267", 6, 1781},
    {"-8.5815:9e0:1.0", 18, 1787},
    {"30:0.2:-1.3", 23, 1805},
    {"-9:-2.:1.0", 7, 1828},
    {"-7.58:-11.687629436501696:-0.47", 9, 1835},
    {"9e1:-2.9364:-9.991", 10, 1844},
    {"-28:7.450:5.547550485687146", 7, 1854},
    {"-6.:11.08:0.9", 19, 1861},
    {"-3.6:1e0:0.65", 8, 1880},
    {"-15:-7.:1.5806978517082764", 6, 1888},
    {"-3e-3:-0.8:-0.060508617354066235", 14, 1894},
    {"-22:-15.522138799331472:0.3268856705093798", 20, 1908},
    {"-0.:-9e1:-8.25", 11, 1928},
    {"9.6:-8.4:-1.51", 12, 1939},
    {"-5e1:-8.586:3.69", 12, 1951},
    {"-16.03622464957204:3e-2:0.61", 27, 1963},
    {"5e2:-8e1:-6e+02", 1, 1990},
    {"-12.214757170627472:-5:1", 8, 1991},
    {"-5e1:-6:13.757968571770975", 4, 1999},
    {"1e-3:-24:-2.331578374042884", 11, 2003},
    {"-7.3930:9.71:1", 18, 2014},
    {"5.77:29:2.0", 12, 2032},
    {"17.681504452684784:4e0:-1.0348607670060495", 14, 2044},
    {"4.79:3e-3:-0.6023799993737677", 8, 2058},
    {"20:7e0:-1.0", 13, 2066},
    {"-9.3:1.5509263908076818:0.788", 14, 2079},
    {"5.618:-6.757:-0.5868376360826163", 22, 2093},
    {"-2.446:-5e-2:0.16148470099384768", 15, 2115},
    {"-8.:9e-1:2.396540514636466", 4, 2130},
    {"-24:4:1.0", 28, 2134},
    {"-5.5484:-6.196478987974107:-0.04", 17, 2162},
    {"3.167:-15.179803630017329:-0.7055", 27, 2179},
    {"14.882484504833798:1e-2:-0.832125934568667", 18, 2206},
    {"-8e-1:-1e-2:0.03543", 23, 2224},
    {"-10.140805285594654:14.93610345172214:5.0", 6, 2247},
    {"16.74691470461149:10.429372851771625:-1", 7, 2253},
    {"0.06859774774211402:-29:-1.4", 21, 2260},
    {"19.19574065409617:-9.:-1.16", 25, 2281},
    {"3.:1.3:-0.10204969769246279", 17, 2306},
    {"-2e-1:11.306529937941793:0.8", 15, 2323},
    {"-1:-11:-1.89", 6, 2338},
    {"11.89:-6e2:-22.4", 28, 2344},
    {"4e-3:5:1.089", 5, 2372},
    {"17.612669759923335:-9.5330:-0.9443596710749489", 29, 2377},
    {"-10.25:3.:1.3323129904875965", 10, 2406},
    {"6.0552:9e2:73.0", 13, 2416},
    {"-4.2520:7.3:0.5639232738183648", 21, 2429},
    {"-5:-28:-2.6", 9, 2450},
    {"1.3363:17.544115137129722:0.92", 18, 2459},
    {"4.557714532751675:-13.309854772988068:-0.8149", 22, 2477},
    {"-2.3159274139474384:8e2:37.99", 22, 2499},
    {"-8.49:2.0:9.173", 2, 2521},
    {"10:-4.71:-0.8203762124795478", 18, 2523},
    {"-14:-18:-0.40570400336498075", 10, 2541},
    {"-4.885279379339611:-9.1963:-0.17330718999749234", 25, 2551},
    {"14.73521812648847:0e-2:-0.8083643128506588", 19, 2576},
    {"-7:-8.3:-0.07046393727937035", 19, 2595},
    {"-19:23:3.254", 13, 2614},
    {"-27:-9e-4:1.7389486883291272", 16, 2627},
    {"-21:11:2.0", 16, 2643},
    {"8:-3.870121538330011:-0.5072228934796791", 24, 2659},
    {"-9e0:-4:0.2088", 24, 2683},
    {"-8.4:5:0.6906", 20, 2707},
    {"6.:8e1:4.72189437517936", 16, 2727},
    {"-8:9.43:1.142", 16, 2743},
    {"24:1e0:-1.9040884298362324", 13, 2759},
    {"-3.:28:6.156", 6, 2772},
    {"1.25:-29:-2.26", 14, 2778},
    {"-9.909476867806122:-6.9032851375742155:0.22253952549411005", 14, 2792},
    {"29:4.9:-4.000569879820756", 7, 2806},
    {"-5:8.460:1.0", 14, 2813},
    {"7.2:-24:-1.2", 26, 2827},
    {"6.58:4.843:-0.08790835747385285", 20, 2853},
    {"-27:13:5.2", 8, 2873},
    {"-4e-3:-9e-1:-0.0538581505681111", 17, 2881},
    {"6.876:-6:-0.85", 16, 2898},
    {"-9.43:9.7:1.23", 16, 2914},
    {"13:-4:-1.4", 13, 2930},
    {"10:11:0.16", 7, 2943},
    {"-4e2:-6:52.46", 8, 2950},
    {"-13:-2e2:-9.2", 21, 2958},
    {"-11.996439858407694:-6e1:-1.691", 29, 2979},
    {"4.79:-5e-3:-0.276", 18, 3008},
    {"1e-4:1.747:0.12", 15, 3026},
    {"-3.22:-15.569084157250721:-0.5356084762120892", 24, 3041},
    {"-5.4563:-3.26:0.3361128595889263", 7, 3065},
    {"-10.0764:11.337559926300163:2.0", 11, 3072},
    {"-8.098057422969145:9.0:0.7", 25, 3083},
    {"-11.9228:0e2:0.7664010904706092", 16, 3108},
    {"1.:2.480658343998705:0.07986451363942593", 19, 3124},
    {"-1.55:-0.89:0.545", 2, 3143},
    {"-9.:0e-2:0.84", 11, 3145},
    {"0e-1:-3.52:-0.2", 18, 3156},
    {"-9e0:7.392:5.991", 3, 3174},
    {"4.26412351151912:7e-2:-0.24371030519426526", 18, 3177},
    {"23:8.331139815264788:-2e+01", 1, 3195},
    {"23:-19.398498888666875:-2.0731306159075538", 21, 3196},
    {"6.:-3e-2:-1", 7, 3217},
    {"-18.484293001835592:5e-3:0.8167784071117165", 23, 3224},
    {"-1.:4.363:0.192", 28, 3247},
    {"19:-1e-4:-0.7938", 24, 3275},
    {"11.3121:26:2.552954674766692", 6, 3299},
    {"4.16:4.:-0.006207011940786795", 26, 3305},
    {"-1e-3:6.7:0.5", 14, 3331},
    {"16.104168778013438:1.2151:-0.693", 22, 3345},
    {"5e0:19:1.816", 8, 3367},
    {"5.04:-12.955039265006283:-4.6", 4, 3375},
    {"-8.457234391340354:-9.395798809895698:-1", 1, 3379},
    {"-16.868031025943143:-1.:15.7", 2, 3380},
    {"29:-2.:-1.9945014885927734", 16, 3382},
    {"7e0:16.878248114815392:0.5824140515258276", 17, 3398},
};
static const double arange_values[] = {
    0x1.47ae147ae147bp-7, 0x1.47ae147ae147bp-6, 0x1.eb851eb851eb8p-6, 0x1.47ae147ae147bp-5,
    0x1.999999999999ap-5, 0x1.eb851eb851eb9p-5, 0x1.1eb851eb851ebp-4, 0x1.47ae147ae147bp-4,
    0x1.70a3d70a3d70ap-4, 0x1.999999999999ap-4, 0x1.999999999999ap-3, 0x1.3333333333334p-2,
    0x1.999999999999ap-2, 0x1.0000000000000p-1, 0x1.3333333333333p-1, 0x1.6666666666667p-1,
    0x1.999999999999ap-1, 0x1.ccccccccccccdp-1, 0x0.0p+0, 0x1.999999999999ap-4,
    0x1.999999999999ap-3, 0x1.3333333333334p-2, 0x1.999999999999ap-2, 0x1.0000000000000p-1,
    0x1.3333333333334p-1, 0x1.6666666666667p-1, 0x1.999999999999ap-1, 0x1.ccccccccccccdp-1,
    0x1.0000000000000p+0, 0x1.ccccccccccccdp-1, 0x1.999999999999ap-1, 0x1.6666666666667p-1,
    0x1.3333333333334p-1, 0x1.0000000000001p-1, 0x1.999999999999cp-2, 0x1.3333333333336p-2,
    0x1.99999999999a0p-3, 0x1.99999999999a8p-4, 0x1.3333333333333p-2, 0x1.999999999999ap-2,
    0x1.0000000000000p-1, 0x1.3333333333334p-1, 0x1.6666666666668p-1, 0x1.999999999999cp-1,
    0x1.ccccccccccccep-1, 0x0.0p+0, 0x1.8000000000000p+0, 0x1.4000000000000p+1,
    0x1.c000000000000p+1, 0x1.0000000000000p-1, 0x1.0000000000000p+0, 0x1.8000000000000p+0,
    0x1.0000000000000p+1, 0x1.4000000000000p+1, 0x1.8000000000000p+1, 0x1.0000000000000p+0,
    0x1.4cccccccccccdp+0, 0x1.999999999999ap+0, 0x1.e666666666667p+0, -0x1.0000000000000p+0,
    -0x1.8000000000000p-1, -0x1.0000000000000p-1, -0x1.0000000000000p-2, 0x0.0p+0,
    0x1.0000000000000p-2, 0x1.0000000000000p-1, 0x1.8000000000000p-1, 0x1.4000000000000p+3,
    0x1.e000000000000p+2, 0x1.4000000000000p+2, 0x1.4000000000000p+1, 0x0.0p+0,
    0x1.4f8b588e368f1p-17, 0x1.4f8b588e368f1p-16, 0x1.f75104d551d6ap-16, 0x1.4f8b588e368f1p-15,
    0x1.999999999999ap-4, 0x1.999999999999ap-3, 0x1.3333333333334p-2, 0x1.999999999999ap-2,
    0x1.0000000000000p+1, -0x1.e000000000000p+3, -0x1.f3287e13ff65dp+3, -0x1.03287e13ff65dp+4,
    -0x1.0cbcbd1dff18cp+4, -0x1.1650fc27fecbap+4, -0x1.1fe53b31fe7e8p+4, -0x1.4000000000000p+3,
    -0x1.5333333333333p+3, -0x1.6666666666666p+3, -0x1.7999999999999p+3, -0x1.8ccccccccccccp+3,
    -0x1.9ffffffffffffp+3, -0x1.b333333333332p+3, -0x1.c666666666665p+3, -0x1.d999999999998p+3,
    -0x1.ecccccccccccbp+3, -0x1.ffffffffffffep+3, -0x1.0999999999998p+4, -0x1.1333333333332p+4,
    -0x1.1ccccccccccccp+4, -0x1.2666666666665p+4, 0x1.0000000000000p+2, 0x1.e7c1bda5119cep+1,
    0x1.cf837b4a2339cp+1, 0x1.b74538ef34d6ap+1, 0x1.9f06f69446738p+1, 0x1.86c8b43958106p+1,
    0x1.6e8a71de69ad4p+1, 0x1.564c2f837b4a2p+1, 0x1.3e0ded288ce70p+1, 0x1.25cfaacd9e83ep+1,
    0x1.0d916872b020cp+1, 0x1.eaa64c2f837b4p+0, 0x1.ba29c779a6b50p+0, 0x1.89ad42c3c9eecp+0,
    0x1.5930be0ded288p+0, 0x1.28b4395810624p+0, 0x1.d7dbf487fcb92p-11, -0x1.068db8bac710dp-4,
    -0x1.086594af4f0d8p-3, -0x1.8d844d013a92ap-3, -0x1.095182a9930bep-2, -0x1.4be0ded288ce7p-2,
    -0x1.8e703afb7e910p-2, -0x1.d0ff972474539p-2, -0x1.09c779a6b50b1p-1, -0x1.2b0f27bb2fec5p-1,
    -0x1.4c56d5cfaacdap-1, -0x1.6d9e83e425aefp-1, -0x1.8ee631f8a0903p-1, -0x1.b02de00d1b717p-1,
    -0x1.d1758e219652cp-1, -0x1.f2bd3c3611341p-1, -0x1.0a027525460abp+0, -0x1.1aa64c2f837b5p+0,
    -0x1.2b4a2339c0ebfp+0, -0x1.3bedfa43fe5cap+0, -0x1.4c91d14e3bcd4p+0, -0x1.5d35a858793dep+0,
    -0x1.6dd97f62b6ae9p+0, 0x1.2000000000000p+3, 0x1.c8f5c28f5c28fp+2, 0x1.51eb851eb851ep+2,
    0x1.b5c28f5c28f5ap+1, 0x1.8f5c28f5c28f0p+0, -0x1.c000000000000p+2, -0x1.3333333333333p+2,
    -0x1.4ccccccccccccp+1, -0x1.9999999999990p-2, 0x1.cccccccccccd0p+0, 0x1.0000000000000p+2,
    0x1.8cccccccccccep+2, 0x1.0cccccccccccep+3, 0x1.5333333333334p+3, 0x1.ccccccccccccdp-1,
    0x1.f410dd91c0e00p+2, 0x1.d74410c4f4133p+3, -0x1.0ec8b43958106p+2, -0x1.8b53f7ced9168p+2,
    -0x1.03ef9db22d0e5p+3, -0x1.42353f7ced916p+3, -0x1.807ae147ae147p+3, -0x1.bec083126e978p+3,
    -0x1.fd0624dd2f1a9p+3, -0x1.1da5e353f7cedp+4, -0x1.3cc8b43958106p+4, -0x1.5beb851eb851ep+4,
    -0x1.7b0e560418936p+4, -0x1.bb645a1cac083p+2, -0x1.94fdf3b645a1dp+2, -0x1.6e978d4fdf3b7p+2,
    -0x1.483126e978d51p+2, -0x1.21cac083126ebp+2, -0x1.f6c8b4395810ap+1, -0x1.a9fbe76c8b43ep+1,
    -0x1.5d2f1a9fbe772p+1, -0x1.10624dd2f1aa6p+1, -0x1.872b020c49bb4p+0, -0x1.db22d0e560438p-1,
    -0x1.4fdf3b645a210p-2, -0x1.2000000000000p+4, -0x1.328f5c28f5c29p+3, -0x1.28f5c28f5c290p+0,
    -0x1.1bb084a36cac0p-1, -0x1.37983dd0fb6b7p+0, -0x1.e15839504080ep+0, -0x1.458c1a67c2cb2p+1,
    -0x1.9a6c18276555ep+1, -0x1.ef4c15e707e0ap+1, -0x1.221609d35535ap+2, -0x1.619999999999ap+3,
    -0x1.3872b020c49bbp+3, -0x1.0f4bc6a7ef9dcp+3, -0x1.cc49ba5e353fap+2, -0x1.79fbe76c8b43cp+2,
    -0x1.27ae147ae147ep+2, -0x1.aac083126e980p+1, -0x1.0624dd2f1aa04p+1, -0x1.8624dd2f1aa20p-1,
    0x1.0c49ba5e353d0p-1, 0x1.cf5c28f5c28e0p+0, 0x1.8c49ba5e353ecp+1, 0x1.1872b020c49b4p+2,
    0x1.6ac083126e974p+2, 0x1.bd0e560418930p+2, 0x1.3000000000000p+4, 0x1.248b439581062p+4,
    0x1.1916872b020c4p+4, 0x1.0da1cac083126p+4, 0x1.022d0e5604188p+4, 0x1.ed70a3d70a3d4p+3,
    0x1.d6872b020c498p+3, 0x1.bf9db22d0e55cp+3, 0x1.a8b4395810620p+3, 0x1.91cac083126e4p+3,
    0x1.7ae147ae147a8p+3, 0x1.63f7ced91686cp+3, 0x1.4d0e560418930p+3, 0x1.3624dd2f1a9f4p+3,
    0x1.1f3b645a1cab8p+3, 0x1.0851eb851eb7cp+3, 0x1.6000000000000p+4, -0x1.47ae147ae147bp-5,
    0x1.0d4fdf3b645a1p-1, 0x1.178d4fdf3b645p+0, 0x1.a872b020c49bap+0, 0x1.1cac083126e97p+1,
    0x1.651eb851eb851p+1, 0x1.ad916872b020cp+1, 0x1.f604189374bc6p+1, 0x1.1f3b645a1cac0p+2,
    0x1.4374bc6a7ef9dp+2, 0x1.67ae147ae147ap+2, 0x1.8be76c8b43957p+2, 0x1.b020c49ba5e35p+2,
    0x1.d45a1cac08312p+2, 0x1.f89374bc6a7efp+2, 0x1.0e66666666666p+3, 0x1.2083126e978d5p+3,
    0x1.329fbe76c8b44p+3, 0x1.44bc6a7ef9db2p+3, 0x1.56d916872b021p+3, 0x1.68f5c28f5c28fp+3,
    0x1.7b126e978d4fep+3, 0x1.8d2f1a9fbe76cp+3, 0x1.9f4bc6a7ef9dbp+3, 0x1.b16872b020c4ap+3,
    0x1.b333333333333p+2, 0x1.647ae147ae148p+2, 0x1.15c28f5c28f5dp+2, 0x1.8e147ae147ae4p+1,
    0x1.e147ae147ae1cp+0, 0x1.4cccccccccce0p-1, -0x1.28f5c28f5c278p-1, -0x1.cf5c28f5c28e4p+0,
    -0x1.851eb851eb84ap+1, -0x1.1147ae147ae11p+2, -0x1.1e0c49ba5e354p+3, -0x1.3353f7ced9168p+3,
    -0x1.489ba5e353f7cp+3, -0x1.5de353f7ced90p+3, -0x1.732b020c49ba4p+3, -0x1.8872b020c49b8p+3,
    -0x1.9dba5e353f7ccp+3, -0x1.b3020c49ba5e0p+3, -0x1.c849ba5e353f4p+3, -0x1.dd916872b0208p+3,
    -0x1.f2d916872b01cp+3, -0x1.0410624dd2f18p+4, -0x1.0eb4395810622p+4, -0x1.195810624dd2cp+4,
    -0x1.23fbe76c8b436p+4, -0x1.2e9fbe76c8b40p+4, -0x1.394395810624ap+4, -0x1.43e76c8b43954p+4,
    -0x1.4e8b43958105ep+4, -0x1.592f1a9fbe768p+4, -0x1.63d2f1a9fbe72p+4, -0x1.6e76c8b43957cp+4,
    0x1.271eb851eb852p+3, 0x1.1dd70a3d70a3ep+3, 0x1.148f5c28f5c2ap+3, 0x1.0b47ae147ae16p+3,
    0x1.0200000000002p+3, 0x1.f170a3d70a3dcp+2, 0x1.dee147ae147b4p+2, 0x1.cc51eb851eb8cp+2,
    0x1.b9c28f5c28f64p+2, 0x1.a73333333333cp+2, 0x1.94a3d70a3d714p+2, 0x1.82147ae147aecp+2,
    0x1.6f851eb851ec4p+2, 0x1.5cf5c28f5c29cp+2, 0x1.4a66666666674p+2, 0x1.37d70a3d70a4cp+2,
    0x1.2547ae147ae24p+2, 0x1.12b851eb851fcp+2, 0x1.0028f5c28f5d4p+2, 0x1.db33333333358p+1,
    0x1.b6147ae147b08p+1, 0x1.90f5c28f5c2b8p+1, 0x1.6bd70a3d70a68p+1, 0x1.46b851eb85218p+1,
    0x1.21999999999c8p+1, 0x1.f8f5c28f5c2f0p+0, -0x1.7000000000000p+4, -0x1.452b020c49ba6p+4,
    -0x1.1a5604189374cp+4, -0x1.df020c49ba5e4p+3, -0x1.895810624dd30p+3, -0x1.33ae147ae147cp+3,
    -0x1.bc083126e9790p+2, -0x1.10b4395810628p+2, -0x1.95810624dd300p+0, 0x1.17ced916872a0p+0,
    0x1.e28f5c28f5c20p+1, 0x1.9c9ba5e353f78p+2, 0x1.0000000000000p+2, 0x1.199999999999ap+2,
    0x1.3333333333334p+2, 0x1.4cccccccccccep+2, 0x1.6666666666668p+2, 0x1.8000000000002p+2,
    0x1.999999999999cp+2, 0x1.b333333333336p+2, 0x1.cccccccccccd0p+2, 0x1.e66666666666ap+2,
    0x1.0000000000002p+3, 0x1.0cccccccccccfp+3, 0x1.199999999999cp+3, 0x1.2666666666669p+3,
    0x1.3333333333336p+3, 0x1.4000000000003p+3, 0x1.4ccccccccccd0p+3, -0x1.f2fb7e90ff972p+2,
    -0x1.18d22c7c19ee7p+3, -0x1.382699afb4115p+3, -0x1.577b06e34e343p+3, -0x1.76cf7416e8571p+3,
    -0x1.9623e14a8279fp+3, -0x1.b5784e7e1c9cdp+3, -0x1.d4ccbbb1b6bfbp+3, -0x1.f42128e550e29p+3,
    -0x1.09bacb0c7582cp+4, -0x1.196501a642942p+4, -0x1.290f38400fa5ap+4, -0x1.38b96ed9dcb70p+4,
    -0x1.999999999999ap-3, -0x1.b22d0e560418ap-2, -0x1.4bc6a7ef9db24p-1, -0x1.be76c8b439582p-1,
    -0x1.189374bc6a7f0p+0, -0x1.51eb851eb851fp+0, -0x1.8b4395810624fp+0, -0x1.c49ba5e353f7ep+0,
    -0x1.fdf3b645a1cadp+0, -0x1.1ba5e353f7cefp+1, -0x1.3851eb851eb86p+1, -0x1.54fdf3b645a1ep+1,
    -0x1.71a9fbe76c8b6p+1, -0x1.8e5604189374dp+1, -0x1.ab020c49ba5e5p+1, -0x1.c7ae147ae147cp+1,
    -0x1.e45a1cac08314p+1, 0x1.999999999999ap-5, -0x1.c3ccf5f8544bap+2, -0x1.c5668f91ede53p+3,
    -0x1.54735213d8d25p+4, 0x1.c000000000000p+2, 0x1.7cfdf3b645a1dp+2, 0x1.39fbe76c8b43ap+2,
    0x1.edf3b645a1caep+1, 0x1.67ef9db22d0e8p+1, 0x1.c3d70a3d70a44p+0, 0x1.6f9db22d0e570p-1,
    -0x1.50e5604189350p-2, -0x1.604189374bc60p+0, -0x1.3624dd2f1a9f8p+1, -0x1.bc28f5c28f5bcp+1,
    -0x1.2116872b020c0p+2, -0x1.64189374bc6a4p+2, -0x1.a71a9fbe76c88p+2, -0x1.ea1cac083126ap+2,
    -0x1.168f5c28f5c26p+3, -0x1.3810624dd2f18p+3, -0x1.59916872b020ap+3, -0x1.7b126e978d4fcp+3,
    -0x1.9c9374bc6a7ecp+3, 0x1.8cccccccccccdp+2, 0x1.858519eee7c54p+1, -0x1.d1ecb77941e40p-4,
    -0x1.a2a3e5667be36p+1, -0x1.9b5c328896dbfp+2, -0x1.89374bc6a7efap-9, 0x1.325e353f7ced9p+2,
    0x1.3276c8b439581p+3, 0x1.cbbe76c8b4396p+3, 0x1.3283126e978d5p+4, 0x1.7f26e978d4fdfp+4,
    0x1.cbcac083126eap+4, 0x1.0c374bc6a7efap+5, 0x1.3289374bc6a7fp+5, 0x1.58db22d0e5604p+5,
    0x1.7f2d0e5604189p+5, 0x1.a57ef9db22d0ep+5, 0x1.cbd0e56041894p+5, 0x1.f222d0e560419p+5,
    0x1.0c3a5e353f7cfp+6, 0x1.1f6353f7ced91p+6, 0x1.328c49ba5e354p+6, -0x1.7f083ada5a600p-1,
    0x1.b11ceab7f9591p+4, 0x1.b7190ba362c29p+5, 0x1.4ad1d0f5646c5p+6, 0x1.ba171c1917775p+6,
    0x1.14ae339e65413p+7, 0x1.4c50d9303ec6bp+7, 0x1.83f37ec2184c3p+7, 0x1.bb962453f1d1bp+7,
    0x1.f338c9e5cb573p+7, 0x1.156db7bbd26e6p+8, 0x1.916872b020c4ap-3, 0x1.70a3d70a3d70ap-3,
    0x1.4fdf3b645a1cap-3, 0x1.2f1a9fbe76c8ap-3, 0x1.0e5604189374ap-3, 0x1.db22d0e560414p-4,
    0x1.9999999999994p-4, 0x1.5810624dd2f14p-4, 0x1.16872b020c494p-4, 0x1.a9fbe76c8b428p-5,
    0x1.26e978d4fdf28p-5, 0x1.47ae147ae1450p-6, 0x1.0624dd2f1a940p-8, -0x1.999999999999ap-1,
    -0x1.48f5c28f5c290p+1, -0x1.15c28f5c28f5dp+2, -0x1.870a3d70a3d71p+2, -0x1.f851eb851eb86p+2,
    -0x1.34ccccccccccep+3, 0x1.9000000000000p+9, 0x1.2c00000000000p+9, 0x1.9000000000000p+8,
    0x1.9000000000000p+7, -0x1.c000000000000p+2, -0x1.878d4fdf3b646p+2, -0x1.4f1a9fbe76c8cp+2,
    -0x1.16a7ef9db22d2p+2, -0x1.bc6a7ef9db230p+1, -0x1.4b851eb851ebcp+1, -0x1.b53f7ced91690p+0,
    -0x1.a6e978d4fdf50p-1, 0x1.cac083126e800p-5, 0x1.e04189374bc50p-1, 0x1.d1eb851eb8510p+0,
    0x1.59db22d0e55fcp+1, 0x1.cac083126e970p+1, 0x1.1dd2f1a9fbe72p+2, 0x1.5645a1cac082cp+2,
    0x1.8eb851eb851e6p+2, 0x1.c72b020c49ba0p+2, 0x1.ff9db22d0e55ap+2, 0x1.1c083126e978ap+3,
    0x1.251d7ddaa9528p+3, 0x1.2dce271ffeb44p+3, 0x1.367ed06554160p+3, 0x1.3f2f79aaa977cp+3,
    0x1.47e022effed98p+3, 0x1.5090cc35543b4p+3, 0x1.5941757aa99d0p+3, 0x1.61f21ebffefecp+3,
    0x1.6aa2c80554608p+3, 0x1.7353714aa9c24p+3, 0x1.7c041a8fff240p+3, 0x1.84b4c3d55485cp+3,
    0x1.8d656d1aa9e78p+3, 0x1.9616165fff494p+3, 0x1.9ec6bfa554ab0p+3, 0x1.a77768eaaa0ccp+3,
    0x1.b028122fff6e8p+3, 0x1.b8d8bb7554d04p+3, 0x1.c18964baaa320p+3, 0x1.ca3a0dffff93cp+3,
    0x1.d2eab74554f58p+3, 0x1.db9b608aaa574p+3, 0x1.e44c09cfffb90p+3, 0x1.ecfcb315551acp+3,
    0x1.f5ad5c5aaa7c8p+3, 0x1.fe5e059fffde4p+3, 0x1.0000000000000p+0, 0x1.ad916872b020cp-1,
    0x1.5b22d0e560418p-1, 0x1.08b4395810624p-1, 0x1.6c8b439581060p-2, 0x1.8f5c28f5c28f0p-3,
    0x1.16872b020c480p-5, -0x1.0000000000000p+3, 0x1.52b35d6a1a0dcp+3, 0x1.3c4cf703b3a76p+3,
    0x1.25e6909d4d410p+3, 0x1.0f802a36e6daap+3, 0x1.f23387a100e88p+2, 0x1.c566bad4341bcp+2,
    0x1.9899ee07674f0p+2, 0x1.6bcd213a9a824p+2, 0x1.3f00546dcdb58p+2, 0x1.123387a100e8cp+2,
    0x1.cacd75a868380p+1, 0x1.7133dc0ece9e8p+1, 0x1.179a427535050p+1, 0x1.7c0151b736d70p+0,
    0x1.919c3d0807480p-1, 0x1.59aeb50d07100p-4, -0x1.3b308fc4c5840p-1, -0x1.50cb7b1595f50p+0,
    -0x1.01ff572464940p+1, -0x1.5b98f0bdfe2d8p+1, 0x1.2000000000000p+4, 0x1.78b1caae972a7p+3,
    0x1.62c72aba5ca9cp+2, -0x1.5ea9ff43a80c0p-1, -0x1.ba71aa8b46ac8p+2, -0x1.a4870a970c2bcp+3,
    0x1.8000000000000p+1, 0x1.0000000000000p+0, -0x1.0000000000000p+0, 0x1.00ed916872b02p+3,
    0x1.03b645a1cac08p+1, -0x1.fc49ba5e353f8p+1, -0x1.3f126e978d4fep+3, -0x1.ff126e978d4fep+3,
    -0x1.5f89374bc6a7fp+4, -0x1.bf89374bc6a7fp+4, -0x1.0fc49ba5e3540p+5, -0x1.3fc49ba5e3540p+5,
    -0x1.6fc49ba5e3540p+5, -0x1.9fc49ba5e3540p+5, -0x1.cfc49ba5e3540p+5, -0x1.47ae147ae147bp-8,
    -0x1.52f3c2dadb835p-8, -0x1.5e39713ad5befp-8, -0x1.697f1f9acffa9p-8, -0x1.74c4cdfaca363p-8,
    -0x1.800a7c5ac471dp-8, -0x1.8b502ababead7p-8, -0x1.9695d91ab8e91p-8, -0x1.a1db877ab324bp-8,
    -0x1.ad2135daad605p-8, -0x1.b866e43aa79bfp-8, -0x1.c3ac929aa1d79p-8, -0x1.cef240fa9c133p-8,
    -0x1.da37ef5a964edp-8, -0x1.e57d9dba908a7p-8, -0x1.f0c34c1a8ac61p-8, -0x1.fc08fa7a8501bp-8,
    -0x1.03a7546d3f9eap-7, -0x1.51d21ff2e48e9p+3, -0x1.31d21ff2e48e9p+3, -0x1.11d21ff2e48e9p+3,
    -0x1.e3a43fe5c91d2p+2, -0x1.a3a43fe5c91d2p+2, -0x1.63a43fe5c91d2p+2, -0x1.23a43fe5c91d2p+2,
    -0x1.c7487fcb923a4p+1, -0x1.47487fcb923a4p+1, -0x1.8e90ff9724748p+0, -0x1.1d21ff2e48e90p-1,
    0x1.c5bc01a36e2e0p-2, 0x1.716f0068db8b8p+0, 0x1.38b780346dc5cp+1, 0x1.b8b780346dc5cp+1,
    0x1.1c5bc01a36e2ep+2, 0x1.5c5bc01a36e2ep+2, 0x1.9c5bc01a36e2ep+2, 0x1.dc5bc01a36e2ep+2,
    0x1.0e2de00d1b717p+3, 0x1.2e2de00d1b717p+3, 0x1.4e2de00d1b717p+3, 0x1.6e2de00d1b717p+3,
    0x1.8e2de00d1b717p+3, 0x1.ae2de00d1b717p+3, -0x1.ac42e4019a0e2p+3, -0x1.db217857c5c3fp+2,
    -0x1.0000000000000p+2, -0x1.3333333333334p-1, 0x1.6666666666666p+1, 0x1.8ccccccccccccp+2,
    -0x1.3ebeb06270ab0p+2, -0x1.bebeb06270ab0p+2, -0x1.1f5f583138558p+3, -0x1.5f5f583138558p+3,
    -0x1.9f5f583138558p+3, -0x1.df5f583138558p+3, -0x1.0fafac189c2acp+4, -0x1.2fafac189c2acp+4,
    -0x1.4fafac189c2acp+4, -0x1.6fafac189c2acp+4, -0x1.8fafac189c2acp+4, -0x1.afafac189c2acp+4,
    -0x1.cfafac189c2acp+4, -0x1.efafac189c2acp+4, -0x1.07d7d60c4e156p+5, -0x1.17d7d60c4e156p+5,
    -0x1.27d7d60c4e156p+5, -0x1.37d7d60c4e156p+5, -0x1.47d7d60c4e156p+5, -0x1.57d7d60c4e156p+5,
    -0x1.67d7d60c4e156p+5, -0x1.77d7d60c4e156p+5, -0x1.87d7d60c4e156p+5, -0x1.0000000000000p+0,
    -0x1.e59ef17625b62p-1, -0x1.cb3de2ec4b6c4p-1, -0x1.b0dcd46271226p-1, -0x1.967bc5d896d88p-1,
    -0x1.7c1ab74ebc8eap-1, -0x1.61b9a8c4e244cp-1, -0x1.47589a3b07faep-1, -0x1.2cf78bb12db10p-1,
    -0x1.12967d2753672p-1, -0x1.f06add3af23a8p-2, -0x1.bba8c0273da6cp-2, -0x1.86e6a31389130p-2,
    -0x1.522485ffd47f4p-2, -0x1.1d6268ec1feb8p-2, -0x1.d14097b0d6af8p-3, -0x1.67bc5d896d880p-3,
    -0x1.fc7046c408c10p-4, -0x1.2967d27536720p-4, -0x1.597d7899908c0p-6, 0x1.f2a458a1b8b00p-6,
    0x1.80817333b3da4p+2, 0x1.40817333b3da4p+2, 0x1.00817333b3da4p+2, 0x1.8102e66767b48p+1,
    0x1.0102e66767b48p+1, 0x1.0205cccecf690p+0, 0x1.6000000000000p+4, 0x1.5000000000000p+4,
    0x1.4000000000000p+4, 0x1.3000000000000p+4, 0x1.2000000000000p+4, 0x1.1000000000000p+4,
    0x1.0000000000000p+4, 0x1.e000000000000p+3, 0x1.c000000000000p+3, 0x1.a000000000000p+3,
    0x1.8000000000000p+3, 0x1.6000000000000p+3, 0x1.4000000000000p+3, 0x1.2000000000000p+3,
    0x1.0000000000000p+3, 0x1.c000000000000p+2, 0x1.8000000000000p+2, 0x1.4000000000000p+2,
    0x1.0000000000000p+2, 0x1.8000000000000p+1, 0x1.0000000000000p+1, 0x1.0000000000000p+0,
    0x0.0p+0, -0x1.0000000000000p+0, -0x1.0000000000000p+1, -0x1.8000000000000p+1,
    -0x1.0000000000000p+2, -0x1.4000000000000p+2, -0x1.8000000000000p+2, -0x1.c000000000000p+2,
    -0x1.0000000000000p+3, -0x1.2000000000000p+3, -0x1.4000000000000p+3, -0x1.6000000000000p+3,
    0x1.6000000000000p+3, 0x1.3449ba5e353f8p+3, 0x1.089374bc6a7f0p+3, 0x1.b9ba5e353f7d0p+2,
    0x1.624dd2f1a9fc0p+2, 0x1.0ae147ae147b0p+2, 0x1.66e978d4fdf40p+1, 0x1.7020c49ba5e40p+0,
    0x1.26e978d4fe000p-4, -0x1.4b43958106240p+0, -0x1.547ae147ae140p+1, -0x1.01a9fbe76c8b0p+2,
    0x1.6000000000000p+3, 0x1.48f5c28f5c28fp+3, 0x1.31eb851eb851ep+3, 0x1.1ae147ae147adp+3,
    0x1.03d70a3d70a3cp+3, 0x1.d999999999996p+2, 0x1.ab851eb851eb4p+2, 0x1.7d70a3d70a3d2p+2,
    0x1.4f5c28f5c28f0p+2, 0x1.2147ae147ae0ep+2, 0x1.e666666666658p+1, 0x1.8a3d70a3d7094p+1,
    0x1.2e147ae147ad0p+1, 0x1.a3d70a3d70a18p+0, 0x1.d70a3d70a3d20p-1, 0x1.9999999999840p-3,
    -0x1.0a3d70a3d7100p-1, -0x1.3d70a3d70a408p+0, -0x1.f5c28f5c28f90p+0, -0x1.570a3d70a3d8cp+1,
    -0x1.b333333333350p+1, -0x1.07ae147ae148ap+2, -0x1.35c28f5c28f6cp+2, 0x1.0000000000000p+1,
    0x1.2e5d8a6feb4b0p+1, 0x1.5cbb14dfd6960p+1, 0x1.8b189f4fc1e10p+1, 0x1.b97629bfad2c0p+1,
    0x1.e7d3b42f98770p+1, 0x1.0b189f4fc1e10p+2, 0x1.22476487b7868p+2, 0x1.397629bfad2c0p+2,
    0x1.50a4eef7a2d18p+2, 0x1.67d3b42f98770p+2, 0x1.7f0279678e1c8p+2, 0x1.96313e9f83c20p+2,
    0x1.ad6003d779678p+2, 0x1.c48ec90f6f0d0p+2, 0x1.dbbd8e4764b28p+2, 0x1.f2ec537f5a580p+2,
    0x1.050d8c5ba7fecp+3, 0x1.10a4eef7a2d18p+3, 0x1.1c3c51939da44p+3, 0x1.27d3b42f98770p+3,
    0x1.336b16cb9349cp+3, 0x1.3f0279678e1c8p+3, 0x1.4a99dc0388ef4p+3, 0x1.56313e9f83c20p+3,
    -0x1.2666666666666p+3, -0x1.2305840a6f02dp+3, -0x1.1fa4a1ae779f4p+3, -0x1.1c43bf52803bbp+3,
    -0x1.18e2dcf688d82p+3, -0x1.1581fa9a91749p+3, -0x1.1221183e9a110p+3, -0x1.0ec035e2a2ad7p+3,
    -0x1.0b5f5386ab49ep+3, -0x1.07fe712ab3e65p+3, -0x1.049d8ecebc82cp+3, -0x1.013cac72c51f3p+3,
    -0x1.fbb7942d9b774p+2, -0x1.f4f5cf75acb02p+2, -0x1.ee340abdbde90p+2, -0x1.e7724605cf21ep+2,
    -0x1.e0b0814de05acp+2, -0x1.d9eebc95f193ap+2, -0x1.d32cf7de02cc8p+2, -0x1.cc6b332614056p+2,
    -0x1.c5a96e6e253e4p+2, -0x1.bee7a9b636772p+2, -0x1.b825e4fe47b00p+2, -0x1.b164204658e8ep+2,
    -0x1.aaa25b8e6a21cp+2, -0x1.0000000000000p+3, -0x1.d4c7e28240b78p+2, -0x1.a98fc504816f0p+2,
    -0x1.7e57a786c2268p+2, -0x1.531f8a0902de0p+2, -0x1.27e76c8b43958p+2, -0x1.f95e9e1b089a0p+1,
    -0x1.a2ee631f8a090p+1, -0x1.4c7e28240b780p+1, -0x1.ec1bda5119ce0p+0, -0x1.3f3b645a1cac0p+0,
    -0x1.24b5dcc63f140p-1, 0x1.a858793dd9800p-4, 0x1.4066b2a4e301cp+2, 0x1.394c12e66c391p+2,
    0x1.32317327f5706p+2, 0x1.2b16d3697ea7bp+2, 0x1.23fc33ab07df0p+2, 0x1.1ce193ec91165p+2,
    0x1.15c6f42e1a4dap+2, 0x1.0eac546fa384fp+2, 0x1.0791b4b12cbc4p+2, 0x1.007714f2b5f39p+2,
    0x1.f2b8ea687e55cp+1, 0x1.e483aaeb90c46p+1, 0x1.d64e6b6ea3330p+1, 0x1.c8192bf1b5a1ap+1,
    0x1.b9e3ec74c8104p+1, 0x1.abaeacf7da7eep+1, 0x1.9d796d7aeced8p+1, -0x1.c000000000000p+2,
    -0x1.6000000000000p+3, -0x1.e000000000000p+3, -0x1.3000000000000p+4, -0x1.7000000000000p+4,
    -0x1.b000000000000p+4, -0x1.47ae147ae147bp-4, 0x1.1c28f5c28f5c2p+1, 0x1.2147ae147ae14p+2,
    0x1.b47ae147ae147p+2, -0x1.89374bc6a7efap-9, 0x1.7b2fec56d5cfbp-2, 0x1.7cb923a29c77ap-1,
    0x1.1ded288ce703cp+0, 0x1.7d7dbf487fcbap+0, 0x1.dd0e560418938p+0, 0x1.1e4f765fd8adbp+1,
    0x1.4e17c1bda511ap+1, 0x1.7de00d1b71759p+1, -0x1.30f5c28f5c28fp+3, 0x1.aedd58c68c77ap+2,
    -0x1.7333333333333p+2, -0x1.7c43fe777c309p+2, -0x1.8554c9bbc52dfp+2, -0x1.8e6595000e2b5p+2,
    -0x1.977660445728bp+2, -0x1.a0872b88a0261p+2, -0x1.a997f6cce9237p+2, -0x1.b2a8c2113220dp+2,
    -0x1.bbb98d557b1e3p+2, -0x1.c4ca5899c41b9p+2, -0x1.cddb23de0d18fp+2, -0x1.d6ebef2256165p+2,
    -0x1.dffcba669f13bp+2, -0x1.e90d85aae8111p+2, -0x1.f21e50ef310e7p+2, -0x1.fb2f1c337a0bdp+2,
    -0x1.3683e425aee63p+3, -0x1.239a6b50b0f28p+3, -0x1.10b0f27bb2fedp+3, -0x1.fb8ef34d6a164p+2,
    -0x1.d5bc01a36e2eep+2, -0x1.afe90ff972478p+2, -0x1.8a161e4f76602p+2, -0x1.64432ca57a78cp+2,
    -0x1.3e703afb7e916p+2, -0x1.189d495182aa0p+2, -0x1.e594af4f0d854p+1, -0x1.99eecbfb15b68p+1,
    -0x1.4e48e8a71de7cp+1, -0x1.02a3055326190p+1, -0x1.6dfa43fe5c948p+0, -0x1.ad5cfaacd9ee0p-1,
    -0x1.fb15b573eacc0p-3, 0x1.5fa43fe5c9100p-2, 0x1.de69ad42c3c30p-1, 0x1.86809d49517f0p+0,
    0x1.0ee631f8a08e4p+1, 0x1.5a8c154c985d0p+1, 0x1.a631f8a0902bcp+1, 0x1.f1d7dbf487fa8p+1,
    -0x1.1d4702d74789cp+4, -0x1.13747afafd1e5p+4, -0x1.09a1f31eb2b2ep+4, -0x1.ff9ed684d08eep+3,
    -0x1.ebf9c6cc3bb80p+3, -0x1.d854b713a6e12p+3, -0x1.c4afa75b120a4p+3, -0x1.b10a97a27d336p+3,
    -0x1.9d6587e9e85c8p+3, -0x1.89c078315385ap+3, -0x1.761b6878beaecp+3, -0x1.627658c029d7ep+3,
    -0x1.4ed1490795010p+3, -0x1.3b2c394f002a2p+3, -0x1.278729966b534p+3, -0x1.13e219ddd67c6p+3,
    -0x1.acccccccccccdp+2, -0x1.9d70a3d70a3d7p+2, -0x1.8e147ae147ae1p+2, -0x1.7eb851eb851ebp+2,
    -0x1.6f5c28f5c28f5p+2, -0x1.5ffffffffffffp+2, -0x1.50a3d70a3d709p+2, -0x1.4147ae147ae13p+2,
    -0x1.31eb851eb851dp+2, -0x1.228f5c28f5c27p+2, -0x1.1333333333331p+2, -0x1.03d70a3d70a3bp+2,
    -0x1.e8f5c28f5c28ap+1, -0x1.ca3d70a3d709ep+1, -0x1.ab851eb851eb2p+1, -0x1.8ccccccccccc6p+1,
    -0x1.6e147ae147adap+1, -0x1.4f5c28f5c28eep+1, -0x1.30a3d70a3d702p+1, -0x1.0000000000000p+2,
    -0x1.e7e1aca3f0fc0p+1, -0x1.cfc35947e1f80p+1, -0x1.b7a505ebd2f40p+1, -0x1.9f86b28fc3f00p+1,
    -0x1.87685f33b4ec0p+1, -0x1.6f4a0bd7a5e80p+1, -0x1.572bb87b96e40p+1, -0x1.3f0d651f87e00p+1,
    -0x1.26ef11c378dc0p+1, -0x1.0ed0be6769d80p+1, -0x1.ed64d616b5a80p+0, -0x1.bd282f5e97a00p+0,
    -0x1.8ceb88a679980p+0, -0x1.5caee1ee5b900p+0, -0x1.2c723b363d880p+0, -0x1.f86b28fc3f000p-1,
    -0x1.97f1db8c02f00p-1, -0x1.37788e1bc6e00p-1, -0x1.adfe815715a00p-2, -0x1.da17cced3b000p-3,
    -0x1.60ca5cb12b000p-5, 0x1.91eb851eb851fp+0, 0x1.fc28f5c28f5c2p+1, 0x1.97ae147ae147ap+2,
    0x1.8000000000000p+3, 0x1.35374bc6a7efap+3, 0x1.d4dd2f1a9fbe8p+2, 0x1.3f4bc6a7ef9dcp+2,
    0x1.5374bc6a7efa0p+1, 0x1.428f5c28f5c40p-2, -0x1.02d0e56041890p+1, -0x1.16f9db22d0e54p+2,
    -0x1.ac8b439581060p+2, -0x1.210e560418936p+3, -0x1.6bd70a3d70a3cp+3, -0x1.b69fbe76c8b42p+3,
    0x1.01365f69757a4p+2, 0x1.826cbed2eaf48p+1, 0x1.026cbed2eaf48p+1, 0x1.04d97da5d5e90p+0,
    0x1.365f69757a400p-6, -0x1.f64d04b4542e0p-1, -0x1.fb26825a2a170p+0, 0x1.eb851eb851eb8p-6,
    0x1.07ae147ae147bp+0, 0x1.03d70a3d70a3dp+1, 0x1.83d70a3d70a3dp+1, 0x1.01eb851eb851fp+2,
    0x1.41eb851eb851fp+2, 0x1.81eb851eb851fp+2, 0x1.c1eb851eb851fp+2, 0x1.00f5c28f5c28fp+3,
    0x1.20f5c28f5c28fp+3, 0x1.40f5c28f5c28fp+3, -0x1.b000000000000p+4, -0x1.70f5c28f5c28fp+4,
    -0x1.31eb851eb851ep+4, -0x1.e5c28f5c28f5ap+3, -0x1.67ae147ae1478p+3, -0x1.d33333333332cp+2,
    -0x1.2c00000000000p+8, -0x1.1500000000000p+8, -0x1.fc00000000000p+7, -0x1.ce00000000000p+7,
    -0x1.a000000000000p+7, -0x1.7200000000000p+7, -0x1.4400000000000p+7, -0x1.1600000000000p+7,
    -0x1.d000000000000p+6, -0x1.7400000000000p+6, -0x1.1800000000000p+6, -0x1.7800000000000p+5,
    -0x1.8000000000000p+4, -0x1.0000000000000p+0, 0x1.6000000000000p+4, 0x1.4666666666666p+2,
    0x1.4000000000000p+2, 0x1.399999999999ap+2, 0x1.3333333333334p+2, 0x1.2cccccccccccep+2,
    0x1.2666666666668p+2, 0x1.2000000000002p+2, 0x1.199999999999cp+2, 0x1.1333333333336p+2,
    0x1.0ccccccccccd0p+2, 0x1.066666666666ap+2, 0x1.0000000000004p+2, 0x1.f33333333333cp+1,
    0x1.e666666666670p+1, 0x1.d9999999999a4p+1, 0x1.cccccccccccd8p+1, 0x1.c00000000000cp+1,
    0x1.b333333333340p+1, 0x1.a666666666674p+1, 0x1.99999999999a8p+1, 0x1.8ccccccccccdcp+1,
    0x1.8000000000010p+1, 0x1.7333333333344p+1, 0x1.6666666666678p+1, 0x1.59999999999acp+1,
    0x1.4cccccccccce0p+1, 0x1.4000000000014p+1, 0x1.3333333333348p+1, 0x1.266666666667cp+1,
    0x1.19999999999b0p+1, 0x1.0cccccccccce4p+1, 0x1.0000000000018p+1, 0x1.e666666666698p+0,
    0x1.ccccccccccd00p+0, 0x1.b333333333368p+0, 0x1.99999999999d0p+0, 0x1.8000000000038p+0,
    0x1.66666666666a0p+0, 0x1.4cccccccccd08p+0, 0x1.3333333333370p+0, 0x1.19999999999d8p+0,
    -0x1.91eb851eb851fp+0, -0x1.284383b2c3aacp+0, -0x1.7d37048d9e072p-1, -0x1.53ce036b69718p-2,
    0x1.4b480911a4ad0p-4, 0x1.f97207f43bc84p-2, 0x1.d00906d207326p-1, 0x1.51ac84d4f8405p+0,
    0x1.bb548640ece79p+0, 0x1.127e43d670c76p+1, 0x1.4752448c6b1b0p+1, 0x1.7c264542656e8p+1,
    0x1.b0fa45f85fc22p+1, 0x1.e5ce46ae5a15cp+1, 0x1.0d5123b22a34ap+2, 0x1.27bb240d275e7p+2,
    0x1.4225246824884p+2, 0x1.5c8f24c321b21p+2, 0x1.76f9251e1edbep+2, 0x1.916325791c05ap+2,
    0x1.abcd25d4192f8p+2, 0x1.c637262f16594p+2, 0x1.e0a1268a13830p+2, 0x1.fb0b26e510acep+2,
    0x1.0aba93a006eb5p+3, 0x1.17ef93cd85803p+3, -0x1.6000000000000p+4, -0x1.48bf4fe2d762ap+4,
    -0x1.317e9fc5aec54p+4, -0x1.1a3defa88627ep+4, -0x1.02fd3f8b5d8a8p+4, -0x1.d7791edc69da4p+3,
    -0x1.a8f7bea2189f8p+3, -0x1.7a765e67c764cp+3, -0x1.4bf4fe2d762a0p+3, -0x1.1d739df324ef4p+3,
    -0x1.dde47b71a7690p+2, -0x1.80e1bafd04f38p+2, -0x1.23defa88627e0p+2, -0x1.8db8742780110p+1,
    -0x1.a765e67c764c0p+0, -0x1.9ad7254f63b00p-3, 0x1.40b01d289d600p+0, 0x1.5a5d8f7d939b0p+1,
    0x1.0a3188336c430p+2, 0x1.673448a80eb88p+2, 0x1.c437091cb12e0p+2, 0x1.109ce4c8a9d1cp+3,
    0x1.3f1e4502fb0c8p+3, 0x1.6d9fa53d4c474p+3, -0x1.0c624dd2f1aa0p+3, -0x1.e9b751bbd94fep+2,
    -0x1.baaa07d1cf4bcp+2, -0x1.8b9cbde7c547ap+2, -0x1.5c8f73fdbb438p+2, -0x1.2d822a13b13f6p+2,
    -0x1.fce9c0534e768p+1, -0x1.9ecf2c7f3a6e4p+1, -0x1.40b498ab26660p+1, -0x1.c53409ae24bb8p+0,
    -0x1.08fee205fcab0p+0, -0x1.6c31bc7b79bb6p+3, -0x1.4c31bc7b79bb6p+3, -0x1.2c31bc7b79bb6p+3,
    -0x1.0c31bc7b79bb6p+3, -0x1.d86378f6f376cp+2, -0x1.986378f6f376cp+2, -0x1.586378f6f376cp+2,
    -0x1.186378f6f376cp+2, -0x1.b0c6f1ede6ed8p+1, -0x1.30c6f1ede6ed8p+1, -0x1.618de3dbcddb0p+0,
    -0x1.86378f6f376c0p-2, 0x1.3ce43848644a0p-1, 0x1.9e721c2432250p+0, 0x1.4f390e1219128p+1,
    0x1.cf390e1219128p+1, 0x1.279c87090c894p+2, 0x1.679c87090c894p+2, -0x1.5c28f5c28f5c3p-3,
    -0x1.4045cf3b249f5p-3, -0x1.2462a8b3b9e27p-3, -0x1.087f822c4f259p-3, -0x1.d938b749c8d16p-4,
    -0x1.a1726a3af357ap-4, -0x1.69ac1d2c1dddep-4, -0x1.31e5d01d48642p-4, -0x1.f43f061ce5d4cp-5,
    -0x1.84b26bff3ae14p-5, -0x1.1525d1e18fedcp-5, -0x1.4b326f87c9f48p-6, -0x1.b064ed31d0360p-8,
    0x1.cbffe3bb87660p-8, 0x1.c000000000000p+4, 0x1.ad9999999999ap+4, 0x1.9b33333333334p+4,
    0x1.88ccccccccccep+4, 0x1.0000000000000p+0, 0x1.0140b957651d0p-1, 0x1.40b957651d000p-8,
    -0x1.f87ba7f3a1520p-2, -0x1.fafd1aa26b8c0p-1, -0x1.7cde30a583378p+0, -0x1.fc3dd3f9d0a90p+0,
    -0x1.3dcebba70f0d4p+1, -0x1.7d7e8d5135c60p+1, -0x1.bd2e5efb5c7ecp+1, -0x1.fcde30a583378p+1,
    -0x1.1e470127d4f82p+2, -0x1.3e1ee9fce8548p+2, -0x1.5df6d2d1fbb0ep+2, -0x1.7dcebba70f0d4p+2,
    -0x1.9da6a47c2269ap+2, -0x1.bd7e8d5135c60p+2, -0x1.5000000000000p+4, -0x1.485c163f407c3p+4,
    -0x1.40b82c7e80f86p+4, -0x1.391442bdc1749p+4, -0x1.317058fd01f0cp+4, -0x1.29cc6f3c426cfp+4,
    -0x1.2228857b82e92p+4, -0x1.1a849bbac3655p+4, -0x1.12e0b1fa03e18p+4, -0x1.0b3cc839445dbp+4,
    -0x1.0398de7884d9ep+4, -0x1.f7e9e96f8aac2p+3, -0x1.e8a215ee0ba48p+3, -0x1.d95a426c8c9cep+3,
    -0x1.ca126eeb0d954p+3, -0x1.baca9b698e8dap+3, -0x1.ab82c7e80f860p+3, -0x1.3000000000000p+4,
    -0x1.0c00000000000p+4, 0x1.7000000000000p+4, 0x1.64a92f935572bp+4, 0x1.59525f26aae56p+4,
    0x1.4dfb8eba00581p+4, 0x1.42a4be4d55cacp+4, 0x1.374dede0ab3d7p+4, 0x1.2bf71d7400b02p+4,
    0x1.20a04d075622dp+4, 0x1.15497c9aab958p+4, 0x1.09f2ac2e01083p+4, 0x1.fd37b782acf5cp+3,
    0x1.e68a16a957db2p+3, 0x1.cfdc75d002c08p+3, 0x1.b92ed4f6ada5ep+3, 0x1.a281341d588b4p+3,
    0x1.8bd393440370ap+3, 0x1.7525f26aae560p+3, 0x1.5e785191593b6p+3, 0x1.47cab0b80420cp+3,
    0x1.311d0fdeaf062p+3, 0x1.1a6f6f0559eb8p+3, 0x1.47ae147ae147bp-6, 0x1.691c2df2bdae8p-1,
    0x1.63fd75a0d2296p+0, 0x1.09b66a2422bdcp+1, 0x1.616e1977dc66dp+1, 0x1.b925c8cb960fep+1,
    0x1.086ebc0fa7dc7p+2, 0x1.344a93b984b10p+2, 0x1.60266b6361858p+2, 0x1.8c02430d3e5a0p+2,
    0x1.b7de1ab71b2e9p+2, 0x1.e3b9f260f8032p+2, 0x1.07cae5056a6bdp+3, 0x1.1db8d0da58d61p+3,
    0x1.33a6bcaf47406p+3, -0x1.b000000000000p+4, -0x1.b20d274bb18cep+4, -0x1.b41a4e976319cp+4,
    -0x1.b62775e314a6ap+4, -0x1.b8349d2ec6338p+4, -0x1.ba41c47a77c06p+4, -0x1.bc4eebc6294d4p+4,
    -0x1.be5c1311dada2p+4, -0x1.c0693a5d8c670p+4, -0x1.c27661a93df3ep+4, -0x1.c48388f4ef80cp+4,
    -0x1.c690b040a10dap+4, -0x1.c89dd78c529a8p+4, -0x1.caaafed804276p+4, -0x1.ccb82623b5b44p+4,
    -0x1.cec54d6f67412p+4, -0x1.d0d274bb18ce0p+4, -0x1.d2df9c06ca5aep+4, -0x1.d4ecc3527be7cp+4,
    -0x1.d6f9ea9e2d74ap+4, -0x1.d90711e9df018p+4, -0x1.db143935908e6p+4, -0x1.dd216081421b4p+4,
    -0x1.df2e87ccf3a82p+4, -0x1.b19c0aa86e620p+3, -0x1.9f054f0fa67f8p+3, -0x1.8c6e9376de9d0p+3,
    -0x1.79d7d7de16ba8p+3, -0x1.67411c454ed80p+3, -0x1.54aa60ac86f58p+3, -0x1.4213a513bf130p+3,
    -0x1.2f7ce97af7308p+3, -0x1.1ce62de22f4e0p+3, -0x1.0a4f7249676b8p+3, -0x1.ef716d613f120p+2,
    -0x1.ca43f62faf4d0p+2, -0x1.a5167efe1f880p+2, -0x1.7fe907cc8fc30p+2, -0x1.5abb909afffe0p+2,
    -0x1.358e196970390p+2, -0x1.1060a237e0740p+2, -0x1.d666560ca15e0p+1, -0x1.8c0b67a981d40p+1,
    -0x1.41b07946624a0p+1, -0x1.eeab15c685800p+0, -0x1.59f53900466c0p+0, -0x1.8a7eb8740eb00p-1,
    -0x1.844bfb9e42200p-3, 0x1.90b17549db400p-2, 0x1.f1c474316bc80p-1, 0x1.8d9816def4f80p+0,
    0x1.1126f9d29a060p+1, -0x1.0000000000000p+2, -0x1.b5c28f5c28f5cp-1, 0x1.251eb851eb852p+1,
    0x1.5bd70a3d70a3ep+2, 0x1.128f5c28f5c29p+3, 0x1.7733333333333p+3, 0x1.dbd70a3d70a3ep+3,
    0x1.203d70a3d70a4p+4, 0x1.0000000000000p+3, 0x1.8000000000000p+2, 0x1.0000000000000p+2,
    0x1.0000000000000p+1, 0x0.0p+0, -0x1.0000000000000p+1, -0x1.0000000000000p+2,
    -0x1.8000000000000p+2, -0x1.0000000000000p+3, -0x1.4000000000000p+3, -0x1.8000000000000p+3,
    0x1.7dcd060b8ead8p+3, 0x1.5ec2c89aead67p+3, 0x1.3fb88b2a46ff6p+3, 0x1.20ae4db9a3285p+3,
    0x1.01a41048ff514p+3, 0x1.c533a5b0b6f46p+2, 0x1.871f2acf6f464p+2, 0x1.490aafee27982p+2,
    0x1.0af6350cdfea0p+2, 0x1.99c374573077cp+1, 0x1.1d9a7e94a11b8p+1, 0x1.42e311a4237e8p+0,
    0x1.2a44987c13180p-2, -0x1.5b818acc33e50p-1, -0x1.a612b0eb38ab0p+0, 0x1.0624dd2f1a9fcp-10,
    0x1.bc98a222d5174p-13, -0x1.2dfd694ccab3ep-11, -0x1.65907d912556cp-10, -0x1.1a11233df2a9dp-9,
    -0x1.815a07b352a84p-9, -0x1.e8a2ec28b2a6ap-9, -0x1.2ec817f5c9ac8p+2, -0x1.255fa545a8e7ep+2,
    -0x1.1bf7329588234p+2, -0x1.128ebfe5675eap+2, -0x1.09264d35469a0p+2, -0x1.ff7bb50a4baacp+1,
    -0x1.ecaacfaa0a218p+1, -0x1.d9d9ea49c8984p+1, -0x1.c70904e9870f0p+1, -0x1.b4381f894585cp+1,
    -0x1.a1673a2903fc8p+1, -0x1.8e9654c8c2734p+1, -0x1.7bc56f6880ea0p+1, -0x1.68f48a083f60cp+1,
    -0x1.5623a4a7fdd78p+1, -0x1.4352bf47bc4e4p+1, -0x1.3081d9e77ac50p+1, -0x1.1db0f487393bcp+1,
    -0x1.0ae00f26f7b28p+1, -0x1.f01e538d6c528p+0, -0x1.ca7c88cce9400p+0, -0x1.a4dabe0c662d8p+0,
    -0x1.7f38f34be31b0p+0, -0x1.5997288b60088p+0, -0x1.33f55dcadcf60p+0, -0x1.0e53930a59e38p+0,
    -0x1.d1639093ada20p-1, -0x1.0000000000000p+4, -0x1.c6147ae147ae1p+3, -0x1.8c28f5c28f5c2p+3,
    -0x1.523d70a3d70a3p+3, -0x1.1851eb851eb84p+3, -0x1.bcccccccccccap+2, -0x1.48f5c28f5c28cp+2,
    -0x1.aa3d70a3d709cp+1, -0x1.851eb851eb840p+0, 0x1.28f5c28f5c300p-2, 0x1.0ccccccccccd8p+1,
    0x1.f47ae147ae150p+1, 0x1.6e147ae147ae8p+2, 0x1.e1eb851eb8528p+2, 0x1.2ae147ae147b2p+3,
    0x1.64cccccccccd0p+3, -0x1.547ae147ae148p+3, -0x1.34b3cadedf10cp+3, -0x1.479cd53aabb2fp+2,
    -0x1.2e90a5bcca230p-1, 0x1.f7f15796f2548p+1, -0x1.8000000000000p+2, -0x1.bd4fdf3b645a2p+1,
    0x1.a000000000000p+3, 0x1.09fbe76c8b43ap+3, 0x1.cfdf3b645a1d0p+1, -0x1.47ae147ae147bp-4,
    0x1.37999b4806e53p-1, -0x1.0666666666666p+2, -0x1.8ccccccccccccp+1, -0x1.0ccccccccccccp+1,
    -0x1.1999999999998p+0, -0x1.9999999999980p-4, 0x1.cccccccccccd0p-1, 0x1.e666666666668p+0,
    0x1.7333333333334p+1, 0x1.f333333333334p+1, 0x1.399999999999ap+2, 0x1.799999999999ap+2,
    0x1.b99999999999ap+2, -0x1.f4d9d914eca64p+2, -0x1.f229b85051006p+2, -0x1.ef79978bb55a8p+2,
    -0x1.ecc976c719b4ap+2, -0x1.ea1956027e0ecp+2, -0x1.e769353de268ep+2, -0x1.e4b9147946c30p+2,
    -0x1.e208f3b4ab1d2p+2, -0x1.df58d2f00f774p+2, -0x1.dca8b22b73d16p+2, -0x1.d9f89166d82b8p+2,
    -0x1.d74870a23c85ap+2, -0x1.d4984fdda0dfcp+2, -0x1.d1e82f190539ep+2, -0x1.cf380e5469940p+2,
    -0x1.cc87ed8fcdee2p+2, -0x1.c9d7cccb32484p+2, -0x1.c727ac0696a26p+2, -0x1.c4778b41fafc8p+2,
    -0x1.c1c76a7d5f56ap+2, 0x1.647ae147ae148p+1, 0x1.447ae147ae148p+1, 0x1.247ae147ae148p+1,
    0x1.047ae147ae148p+1, 0x1.c8f5c28f5c290p+0, 0x1.88f5c28f5c290p+0, 0x1.48f5c28f5c290p+0,
    0x1.08f5c28f5c290p+0, 0x1.91eb851eb8520p-1, 0x1.11eb851eb8520p-1, 0x1.23d70a3d70a40p-2,
    0x1.1eb851eb85200p-5, -0x1.b851eb851eb80p-3, -0x1.dc28f5c28f5c0p-2, -0x1.f7924778fada2p+3,
    -0x1.bd242425483c8p+3, -0x1.82b600d1959eep+3, -0x1.4847dd7de3014p+3, -0x1.0dd9ba2a3063ap+3,
    -0x1.a6d72dacfb8c0p+2, -0x1.31fae7059650cp+2, -0x1.7a3d40bc622b0p+1, -0x1.210966db2f690p+0,
    0x1.64cf6784cb080p-1, 0x1.42ec672ffd388p+1, 0x1.16527a3f63d78p+2, 0x1.8b2ec0e6c912cp+2,
    0x1.8c28f5c28f5c3p+2, 0x1.049ba5e353f7dp+3, -0x1.0000000000000p+3, -0x1.35f1deedfb45dp+3,
    -0x1.6be3bddbf68bap+3, -0x1.a1d59cc9f1d17p+3, -0x1.d7c77bb7ed174p+3, -0x1.06dcad52f42e8p+4,
    -0x1.21d59cc9f1d17p+4, -0x1.3cce8c40ef746p+4, -0x1.57c77bb7ed174p+4, -0x1.72c06b2eeaba2p+4,
    -0x1.8db95aa5e85d1p+4, -0x1.a8b24a1ce6000p+4, -0x1.b000000000000p+4, -0x1.aa3d70a3d70a4p+4,
    -0x1.a47ae147ae148p+4, -0x1.9eb851eb851ecp+4, -0x1.98f5c28f5c290p+4, -0x1.9333333333334p+4,
    -0x1.8d70a3d70a3d8p+4, -0x1.87ae147ae147cp+4, -0x1.81eb851eb8520p+4, -0x1.7c28f5c28f5c4p+4,
    -0x1.7666666666668p+4, -0x1.70a3d70a3d70cp+4, -0x1.6ae147ae147b0p+4, -0x1.651eb851eb854p+4,
    -0x1.5f5c28f5c28f8p+4, -0x1.599999999999cp+4, -0x1.53d70a3d70a40p+4, -0x1.4e147ae147ae4p+4,
    -0x1.4851eb851eb88p+4, -0x1.428f5c28f5c2cp+4, 0x1.2c00000000000p+8, 0x1.2200000000000p+8,
    0x1.1800000000000p+8, 0x1.0e00000000000p+8, 0x1.0400000000000p+8, 0x1.f400000000000p+7,
    0x1.e000000000000p+7, 0x1.cc00000000000p+7, 0x1.b800000000000p+7, 0x1.a400000000000p+7,
    0x1.9000000000000p+7, 0x1.7c00000000000p+7, 0x1.6800000000000p+7, 0x1.5400000000000p+7,
    0x1.4000000000000p+7, 0x1.2c00000000000p+7, 0x1.1800000000000p+7, 0x1.0400000000000p+7,
    0x1.e000000000000p+6, 0x1.b800000000000p+6, 0x1.9000000000000p+6, 0x1.6800000000000p+6,
    0x1.4000000000000p+6, 0x1.1800000000000p+6, 0x1.e000000000000p+5, 0x1.9000000000000p+5,
    0x1.4000000000000p+5, 0x1.e000000000000p+4, 0x1.4000000000000p+4, 0x1.4000000000000p+3,
    0x0.0p+0, 0x1.81d611269e820p+1, 0x1.6ea2ddf36b4edp+1, 0x1.5b6faac0381bap+1,
    0x1.483c778d04e87p+1, 0x1.35094459d1b54p+1, 0x1.21d611269e821p+1, 0x1.0ea2ddf36b4eep+1,
    0x1.f6df558070376p+0, 0x1.d078ef1a09d10p+0, 0x1.aa1288b3a36aap+0, 0x1.83ac224d3d044p+0,
    0x1.5d45bbe6d69dep+0, 0x1.36df558070378p+0, 0x1.1078ef1a09d12p+0, 0x1.d425116746d58p-1,
    0x1.8758449a7a08cp-1, 0x1.3a8b77cdad3c0p-1, 0x1.db7d5601c0de8p-2, 0x1.41e3bc6827450p-2,
    0x1.5094459d1b570p-3, 0x1.d611269e82400p-7, 0x1.220d881085954p+2, 0x1.b359c69a642e9p+1,
    0x1.22987d13bd32ap+1, 0x1.23ae671a2c6d6p+0, 0x1.02b020c49ba5ep+3, 0x1.f89374bc6a7efp+2,
    0x1.ebc6a7ef9db22p+2, 0x1.def9db22d0e55p+2, 0x1.d22d0e5604188p+2, 0x1.c5604189374bbp+2,
    0x1.b89374bc6a7eep+2, 0x1.abc6a7ef9db21p+2, 0x1.9ef9db22d0e54p+2, 0x1.922d0e5604187p+2,
    0x1.85604189374bap+2, 0x1.789374bc6a7edp+2, 0x1.6bc6a7ef9db20p+2, 0x1.5ef9db22d0e53p+2,
    0x1.522d0e5604186p+2, 0x1.45604189374b9p+2, 0x1.389374bc6a7ecp+2, 0x1.2bc6a7ef9db1fp+2,
    0x1.1ef9db22d0e52p+2, 0x1.122d0e5604185p+2, 0x1.05604189374b8p+2, 0x1.f126e978d4fd6p+1,
    0x1.8000000000000p+2, 0x1.c9be2d1bff9d8p+2, 0x1.09be2d1bff9d8p+3, 0x1.2e9d43a9ff6c4p+3,
    0x1.9000000000000p+9, 0x1.6d00000000000p+9, 0x1.4a00000000000p+9, 0x1.2700000000000p+9,
    0x1.0400000000000p+9, 0x1.c200000000000p+8, 0x1.7c00000000000p+8, 0x1.3600000000000p+8,
    0x1.e000000000000p+7, 0x1.5400000000000p+7, 0x1.9000000000000p+6, 0x1.e000000000000p+4,
    0x1.0000000000000p+1, 0x1.228fb0dc12765p+2, -0x1.4000000000000p+2, 0x1.9eb851eb851ecp-1,
    0x1.a000000000000p+3, 0x1.8000000000000p+3, 0x1.6000000000000p+3, 0x1.4000000000000p+3,
    0x1.2000000000000p+3, 0x1.0000000000000p+3, 0x1.c000000000000p+2, 0x1.8000000000000p+2,
    0x1.4000000000000p+2, 0x1.0000000000000p+2, 0x1.8000000000000p+1, 0x1.0000000000000p+1,
    0x1.0000000000000p+0, -0x1.ec8b439581062p+0, -0x1.9ea2a9e59c384p+1, -0x1.237fd9003bf6cp+2,
    -0x1.77ae5d0da9d15p+2, 0x1.0000000000000p+3, 0x1.0cb4395810625p+3, 0x1.196872b020c4ap+3,
    0x1.261cac083126fp+3, 0x1.32d0e56041894p+3, 0x1.3f851eb851eb9p+3, 0x1.4c395810624dep+3,
    0x1.58ed916872b03p+3, 0x1.65a1cac083128p+3, 0x1.725604189374dp+3, 0x1.7f0a3d70a3d72p+3,
    0x1.8bbe76c8b4397p+3, 0x1.9872b020c49bcp+3, 0x1.a526e978d4fe1p+3, 0x1.b1db22d0e5606p+3,
    0x1.be8f5c28f5c2bp+3, 0x1.cb43958106250p+3, 0x1.d7f7ced916875p+3, 0x1.e4ac083126e9ap+3,
    0x1.f1604189374bfp+3, 0x1.fe147ae147ae4p+3, -0x1.4000000000000p+2, -0x1.77ae147ae147bp+2,
    -0x1.af5c28f5c28f6p+2, -0x1.e70a3d70a3d71p+2, -0x1.0f5c28f5c28f6p+3, -0x1.2b33333333334p+3,
    -0x1.470a3d70a3d71p+3, -0x1.62e147ae147aep+3, 0x1.47ae147ae147bp-6, -0x1.c000000000000p+2,
    -0x1.f333333333333p+2, -0x1.1333333333333p+3, -0x1.2ccccccccccccp+3, -0x1.4666666666666p+3,
    -0x1.6000000000000p+3, -0x1.7999999999999p+3, -0x1.9333333333332p+3, -0x1.accccccccccccp+3,
    -0x1.c666666666666p+3, -0x1.dffffffffffffp+3, -0x1.f999999999998p+3, -0x1.0999999999999p+4,
    -0x1.1666666666666p+4, -0x1.2333333333332p+4, -0x1.2ffffffffffffp+4, -0x1.3ccccccccccccp+4,
    -0x1.4999999999999p+4, -0x1.5666666666666p+4, -0x1.6333333333332p+4, 0x1.5947ae147ae14p+3,
    0x1.3947ae147ae14p+3, 0x1.1947ae147ae14p+3, 0x1.f28f5c28f5c28p+2, 0x1.b28f5c28f5c28p+2,
    0x1.728f5c28f5c28p+2, 0x1.328f5c28f5c28p+2, 0x1.e51eb851eb850p+1, 0x1.651eb851eb850p+1,
    0x1.ca3d70a3d70a0p+0, 0x1.947ae147ae140p-1, -0x1.ae147ae147b00p-3, -0x1.35c28f5c28f60p+0,
    -0x1.1ae147ae147b0p+1, -0x1.9ae147ae147b0p+1, -0x1.0d70a3d70a3d8p+2, -0x1.4d70a3d70a3d8p+2,
    -0x1.8d70a3d70a3d8p+2, -0x1.0000000000000p+0, 0x1.8c00000000000p+6, 0x1.8e00000000000p+7,
    0x1.2b00000000000p+8, 0x1.8f00000000000p+8, 0x1.f300000000000p+8, 0x1.2b80000000000p+9,
    0x1.5d80000000000p+9, 0x1.8f80000000000p+9, -0x1.74374b36c5188p+1, -0x1.731a140c3c27fp+1,
    -0x1.71fcdce1b3376p+1, -0x1.70dfa5b72a46dp+1, -0x1.6fc26e8ca1564p+1, -0x1.6ea537621865bp+1,
    -0x1.6d8800378f752p+1, -0x1.6c6ac90d06849p+1, -0x1.6b4d91e27d940p+1, -0x1.6a305ab7f4a37p+1,
    -0x1.6913238d6bb2ep+1, -0x1.67f5ec62e2c25p+1, -0x1.66d8b53859d1cp+1, -0x1.65bb7e0dd0e13p+1,
    -0x1.649e46e347f0ap+1, -0x1.63810fb8bf001p+1, -0x1.6263d88e360f8p+1, -0x1.6146a163ad1efp+1,
    -0x1.60296a39242e6p+1, -0x1.5f0c330e9b3ddp+1, 0x1.7f4d173c1b5b0p+2, 0x1.3f4d173c1b5b0p+2,
    0x1.fe9a2e7836b60p+1, 0x1.7e9a2e7836b60p+1, 0x1.fd345cf06d6c0p+0, 0x1.fa68b9e0dad80p-1,
    0x1.e000000000000p+4, 0x1.ddf1a6bd2c0e7p+4, 0x1.dbe34d7a581cep+4, 0x1.d9d4f437842b5p+4,
    0x1.d7c69af4b039cp+4, 0x1.d5b841b1dc483p+4, 0x1.d3a9e86f0856ap+4, 0x1.d19b8f2c34651p+4,
    -0x1.f92cfd332f630p+0, -0x1.6741781477112p+0, -0x1.aaabe5eb7d7e8p-1, -0x1.0da9b75c19b58p-2,
    0x1.3a045d1ec7920p-2, 0x1.c0d938ccd46ccp-1, 0x1.7258218522884p+0, 0x1.0221d351ed6d1p+1,
    0x1.4b1795e149960p+1, 0x1.940d5870a5bf0p+1, 0x1.dd031b0001e7ep+1, 0x1.12fc6ec7af086p+2,
    0x1.3777500f5d1cep+2, 0x1.5bf231570b316p+2, 0x1.806d129eb945dp+2, 0x1.a4e7f3e6675a4p+2,
    0x1.c962d52e156ecp+2, 0x1.edddb675c3834p+2, 0x1.092c4bdeb8cbep+3, 0x1.1b69bc828fd61p+3,
    0x1.37ae147ae147bp+3, 0x1.1248546cd5a4cp+3, 0x1.d9c528bd9403ap+2, 0x1.8ef9a8a17cbdcp+2,
    0x1.442e28856577ep+2, 0x1.f2c550d29c640p+1, 0x1.5d2e509a6dd84p+1, 0x1.8f2ea0c47e990p+0,
    0x1.9002815086060p-2, -0x1.8e5ac038772c0p-1, -0x1.f25b608c98ad8p+0, -0x1.8ec4b07e7ae28p+1,
    -0x1.122dd85b54b72p+2, 0x1.ee5b52e1507c8p+3, 0x1.962a2bf7d7a78p+3, 0x1.3df9050e5ed28p+3,
    0x1.cb8fbc49cbfb0p+2, 0x1.1b2d6e76da510p+2, 0x1.ab2c828fa29c0p+0, -0x1.6f9db22d0e560p+1,
    -0x1.f8d4fdf3b645ap+0, -0x1.126e978d4fdf4p+0, -0x1.604189374bc70p-3, 0x1.74bc6a7ef9db0p-1,
    0x1.9000000000000p+6, 0x1.c000000000000p+5, 0x1.0f58141feb12ep+3, 0x1.20920a4bd3759p+3,
    0x1.31cc0077bbd84p+3, 0x1.4305f6a3a43afp+3, 0x1.543feccf8c9dap+3, 0x1.6579e2fb75005p+3,
    0x1.76b3d9275d630p+3, 0x1.87edcf5345c5bp+3, 0x1.9927c57f2e286p+3, 0x1.aa61bbab168b1p+3,
    0x1.bb9bb1d6feedcp+3, 0x1.ccd5a802e7507p+3, 0x1.de0f9e2ecfb32p+3, 0x1.ef49945ab815dp+3,
    0x1.0041c543503c4p+4, 0x1.08dec059446dap+4, 0x1.117bbb6f389efp+4, 0x1.1a18b6852cd04p+4,
    0x1.22b5b19b2101ap+4, 0x1.2b52acb115330p+4, 0x1.33efa7c709645p+4, 0x1.3c8ca2dcfd95ap+4,
    0x1.45299df2f1c70p+4, 0x1.4dc69908e5f86p+4, -0x1.7333333333333p+1, -0x1.e666666666666p+0,
    -0x1.cccccccccccccp-1, 0x1.99999999999a0p-4, 0x1.199999999999ap+0, 0x1.0cccccccccccdp+1,
    0x1.8cccccccccccdp+1, 0x1.0666666666666p+2, 0x1.4666666666666p+2, 0x1.8666666666666p+2,
    0x1.c666666666666p+2, 0x1.0333333333333p+3, 0x1.2333333333333p+3, 0x1.4333333333333p+3,
    0x1.6333333333333p+3, 0x1.8333333333333p+3, 0x1.a333333333333p+3, 0x1.c333333333333p+3,
    0x1.e333333333333p+3, 0x1.019999999999ap+4, 0x1.05f2f6cb852e8p+4, 0x1.00cad2c00d2b4p+4,
    0x1.f7455d692a500p+3, 0x1.ecf515523a498p+3, 0x1.e2a4cd3b4a430p+3, 0x1.d85485245a3c8p+3,
    0x1.ce043d0d6a360p+3, 0x1.c3b3f4f67a2f8p+3, 0x1.b963acdf8a290p+3, 0x1.af1364c89a228p+3,
    0x1.a4c31cb1aa1c0p+3, 0x1.9a72d49aba158p+3, 0x1.90228c83ca0f0p+3, 0x1.85d2446cda088p+3,
    0x1.7b81fc55ea020p+3, 0x1.7131b43ef9fb8p+3, 0x1.66e16c2809f50p+3, 0x1.5c91241119ee8p+3,
    0x1.5240dbfa29e80p+3, 0x1.47f093e339e18p+3, 0x1.3da04bcc49db0p+3, 0x1.335003b559d48p+3,
    0x1.28ffbb9e69ce0p+3, 0x1.1eaf738779c78p+3, -0x1.9000000000000p+4, -0x1.787ef9db22d0ep+4,
    -0x1.60fdf3b645a1cp+4, -0x1.497ced916872ap+4, -0x1.31fbe76c8b438p+4, -0x1.1a7ae147ae146p+4,
    -0x1.02f9db22d0e54p+4, -0x1.d6f1a9fbe76c4p+3, -0x1.a7ef9db22d0e0p+3, -0x1.78ed916872afcp+3,
    -0x1.49eb851eb8518p+3, -0x1.1ae978d4fdf34p+3, -0x1.d7ced916872a0p+2, -0x1.79cac083126d8p+2,
    -0x1.1bc6a7ef9db10p+2, -0x1.7b851eb851e90p+1, 0x1.e8f5c28f5c28fp+1, 0x1.cfc74987acbcbp+1,
    0x1.b698d07ffd507p+1, 0x1.9d6a57784de43p+1, 0x1.843bde709e77fp+1, 0x1.6b0d6568ef0bbp+1,
    0x1.51deec613f9f7p+1, 0x1.38b0735990333p+1, 0x1.1f81fa51e0c6fp+1, 0x1.0653814a315abp+1,
    0x1.da4a108503dcep+0, 0x1.a7ed1e75a5046p+0, 0x1.75902c66462bep+0, 0x1.43333a56e7536p+0,
    0x1.10d64847887aep+0, 0x1.4000000000000p+3, 0x1.3cf6d0c4169a2p+3, 0x1.39eda1882d344p+3,
    0x1.36e4724c43ce6p+3, 0x1.33db43105a688p+3, 0x1.30d213d47102ap+3, -0x1.129ba5e353f7dp+3,
    -0x1.e5374bc6a7efap+2, -0x1.a5374bc6a7efap+2, -0x1.65374bc6a7efap+2, -0x1.25374bc6a7efap+2,
    -0x1.ca6e978d4fdf4p+1, -0x1.4a6e978d4fdf4p+1, -0x1.94dd2f1a9fbe8p+0, -0x1.29ba5e353f7d0p-1,
    0x1.ac8b439581060p-2, 0x1.6b22d0e560418p+0, 0x1.35916872b020cp+1, 0x1.b5916872b020cp+1,
    0x1.1ac8b43958106p+2, 0x1.5ac8b43958106p+2, 0x1.9ac8b43958106p+2, 0x1.dac8b43958106p+2,
    0x1.0d645a1cac083p+3, 0x1.e000000000000p+4, 0x1.cb33333333333p+4, 0x1.b666666666666p+4,
    0x1.a199999999999p+4, 0x1.8ccccccccccccp+4, 0x1.77fffffffffffp+4, 0x1.6333333333332p+4,
    0x1.4e66666666665p+4, 0x1.3999999999998p+4, 0x1.24ccccccccccbp+4, 0x1.0fffffffffffep+4,
    0x1.f666666666662p+3, 0x1.cccccccccccc8p+3, 0x1.a33333333332ep+3, 0x1.7999999999994p+3,
    0x1.4fffffffffffap+3, 0x1.2666666666660p+3, 0x1.f99999999998cp+2, 0x1.a666666666658p+2,
    0x1.5333333333324p+2, 0x1.fffffffffffe0p+1, 0x1.5999999999978p+1, 0x1.6666666666620p+0,
    -0x1.2000000000000p+3, -0x1.0000000000000p+3, -0x1.c000000000000p+2, -0x1.8000000000000p+2,
    -0x1.4000000000000p+2, -0x1.0000000000000p+2, -0x1.8000000000000p+1, -0x1.e51eb851eb852p+2,
    -0x1.019999999999ap+3, -0x1.10a3d70a3d70bp+3, -0x1.1fae147ae147cp+3, -0x1.2eb851eb851edp+3,
    -0x1.3dc28f5c28f5ep+3, -0x1.4cccccccccccfp+3, -0x1.5bd70a3d70a40p+3, -0x1.6ae147ae147b1p+3,
    0x1.6800000000000p+6, 0x1.4009374bc6a7fp+6, 0x1.18126e978d4fep+6, 0x1.e0374bc6a7efap+5,
    0x1.9049ba5e353f8p+5, 0x1.405c28f5c28f6p+5, 0x1.e0dd2f1a9fbe8p+4, 0x1.41020c49ba5e4p+4,
    0x1.424dd2f1a9fc0p+3, 0x1.4bc6a7ef9dc00p-4, -0x1.c000000000000p+4, -0x1.673d3bb3b1096p+4,
    -0x1.0e7a77676212cp+4, -0x1.6b6f663626384p+3, -0x1.73d3bb3b10960p+2, -0x1.0c8aa09d4bb80p-2,
    0x1.52426727671f0p+2, -0x1.8000000000000p+2, -0x1.4666666666666p+2, -0x1.0ccccccccccccp+2,
    -0x1.a666666666664p+1, -0x1.3333333333330p+1, -0x1.7fffffffffff8p+0, -0x1.3333333333320p-1,
    0x1.3333333333360p-2, 0x1.3333333333340p+0, 0x1.0ccccccccccd4p+1, 0x1.8000000000008p+1,
    0x1.f33333333333cp+1, 0x1.3333333333338p+2, 0x1.6ccccccccccd2p+2, 0x1.a66666666666cp+2,
    0x1.e000000000006p+2, 0x1.0ccccccccccd0p+3, 0x1.299999999999dp+3, 0x1.466666666666ap+3,
    -0x1.ccccccccccccdp+1, -0x1.799999999999ap+1, -0x1.2666666666667p+1, -0x1.a666666666668p+0,
    -0x1.0000000000002p+0, -0x1.6666666666670p-2, 0x1.3333333333328p-2, 0x1.e66666666665cp-1,
    -0x1.e000000000000p+3, -0x1.ad6aec56c1c6ap+3, -0x1.7ad5d8ad838d4p+3, -0x1.4840c5044553ep+3,
    -0x1.15abb15b071a8p+3, -0x1.c62d3b6391c24p+2, -0x1.89374bc6a7efap-9, -0x1.04219ca8cc5c2p-4,
    -0x1.fbf97ef36378cp-4, -0x1.79e8b09efd4abp-3, -0x1.f5d4a1c448d90p-3, -0x1.38e04974ca33ap-2,
    -0x1.76d642076ffadp-2, -0x1.b4cc3a9a15c20p-2, -0x1.f2c2332cbb892p-2, -0x1.185c15dfb0a82p-1,
    -0x1.37571229038bbp-1, -0x1.56520e72566f5p-1, -0x1.754d0abba952ep-1, -0x1.94480704fc367p-1,
    -0x1.6000000000000p+4, -0x1.5ac51387fa195p+4, -0x1.558a270ff432ap+4, -0x1.504f3a97ee4bfp+4,
    -0x1.4b144e1fe8654p+4, -0x1.45d961a7e27e9p+4, -0x1.409e752fdc97ep+4, -0x1.3b6388b7d6b13p+4,
    -0x1.36289c3fd0ca8p+4, -0x1.30edafc7cae3dp+4, -0x1.2bb2c34fc4fd2p+4, -0x1.2677d6d7bf167p+4,
    -0x1.213cea5fb92fcp+4, -0x1.1c01fde7b3491p+4, -0x1.16c7116fad626p+4, -0x1.118c24f7a77bbp+4,
    -0x1.0c51387fa1950p+4, -0x1.07164c079bae5p+4, -0x1.01db5f8f95c7ap+4, -0x1.f940e62f1fc1ep+3,
    -0x0.0p+0, -0x1.0800000000000p+3, -0x1.0800000000000p+4, -0x1.8c00000000000p+4,
    -0x1.0800000000000p+5, -0x1.4a00000000000p+5, -0x1.8c00000000000p+5, -0x1.ce00000000000p+5,
    -0x1.0800000000000p+6, -0x1.2900000000000p+6, -0x1.4a00000000000p+6, 0x1.3333333333333p+3,
    0x1.02e147ae147aep+3, 0x1.a51eb851eb852p+2, 0x1.447ae147ae148p+2, 0x1.c7ae147ae147cp+1,
    0x1.0666666666668p+1, 0x1.147ae147ae150p-1, -0x1.f0a3d70a3d700p-1, -0x1.3d70a3d70a3d4p+1,
    -0x1.feb851eb851e8p+1, -0x1.5fffffffffffep+2, -0x1.c0a3d70a3d70ap+2, -0x1.9000000000000p+5,
    -0x1.727ae147ae148p+5, -0x1.54f5c28f5c290p+5, -0x1.3770a3d70a3d8p+5, -0x1.19eb851eb8520p+5,
    -0x1.f8cccccccccd0p+4, -0x1.bdc28f5c28f60p+4, -0x1.82b851eb851f0p+4, -0x1.47ae147ae1480p+4,
    -0x1.0ca3d70a3d710p+4, -0x1.a333333333340p+3, -0x1.2d1eb851eb860p+3, -0x1.0094604c53892p+4,
    -0x1.eda3a1e05526cp+3, -0x1.da1e8328033b4p+3, -0x1.c699646fb14fcp+3, -0x1.b31445b75f644p+3,
    -0x1.9f8f26ff0d78cp+3, -0x1.8c0a0846bb8d4p+3, -0x1.7884e98e69a1cp+3, -0x1.64ffcad617b64p+3,
    -0x1.517aac1dc5cacp+3, -0x1.3df58d6573df4p+3, -0x1.2a706ead21f3cp+3, -0x1.16eb4ff4d0084p+3,
    -0x1.0366313c7e1ccp+3, -0x1.dfc2250858628p+2, -0x1.b8b7e797b48b8p+2, -0x1.91adaa2710b48p+2,
    -0x1.6aa36cb66cdd8p+2, -0x1.43992f45c9068p+2, -0x1.1c8ef1d5252f8p+2, -0x1.eb0968c902b10p+1,
    -0x1.9cf4ede7bb030p+1, -0x1.4ee0730673550p+1, -0x1.00cbf8252ba70p+1, -0x1.656efa87c7f20p+0,
    -0x1.928c098a712c0p-1, -0x1.68e8781549d00p-3, 0x1.f400000000000p+8, -0x1.86df4a6e0da5cp+3,
    -0x1.66df4a6e0da5cp+3, -0x1.46df4a6e0da5cp+3, -0x1.26df4a6e0da5cp+3, -0x1.06df4a6e0da5cp+3,
    -0x1.cdbe94dc1b4b8p+2, -0x1.8dbe94dc1b4b8p+2, -0x1.4dbe94dc1b4b8p+2, -0x1.9000000000000p+5,
    -0x1.21efae2c66c86p+5, -0x1.67beb8b19b218p+4, -0x1.173c2a14d1648p+3, 0x1.0624dd2f1a9fcp-10,
    -0x1.2a506464a3b7bp+1, -0x1.2a60c6b276a95p+2, -0x1.bf995b329b76dp+2, -0x1.2a68f7d960223p+3,
    -0x1.750542197288fp+3, -0x1.bfa18c5984efbp+3, -0x1.051eeb4ccbab3p+4, -0x1.2a6d106cd4de9p+4,
    -0x1.4fbb358cde11fp+4, -0x1.75095aace7455p+4, -0x1.d926e978d4fdfp+2, -0x1.9926e978d4fdfp+2,
    -0x1.5926e978d4fdfp+2, -0x1.1926e978d4fdfp+2, -0x1.b24dd2f1a9fbep+1, -0x1.324dd2f1a9fbep+1,
    -0x1.649ba5e353f7cp+0, -0x1.926e978d4fdf0p-2, 0x1.36c8b43958108p-1, 0x1.9b645a1cac084p+0,
    0x1.4db22d0e56042p+1, 0x1.cdb22d0e56042p+1, 0x1.26d916872b021p+2, 0x1.66d916872b021p+2,
    0x1.a6d916872b021p+2, 0x1.e6d916872b021p+2, 0x1.136c8b4395810p+3, 0x1.336c8b4395810p+3,
    0x1.7147ae147ae14p+2, 0x1.f147ae147ae14p+2, 0x1.38a3d70a3d70ap+3, 0x1.78a3d70a3d70ap+3,
    0x1.b8a3d70a3d70ap+3, 0x1.f8a3d70a3d70ap+3, 0x1.1c51eb851eb85p+4, 0x1.3c51eb851eb85p+4,
    0x1.5c51eb851eb85p+4, 0x1.7c51eb851eb85p+4, 0x1.9c51eb851eb85p+4, 0x1.bc51eb851eb85p+4,
    0x1.1ae7713685c0ap+4, 0x1.0a58a70ca27b3p+4, 0x1.f393b9c57e6b8p+3, 0x1.d2762571b7e0ap+3,
    0x1.b158911df155cp+3, 0x1.903afcca2acaep+3, 0x1.6f1d687664400p+3, 0x1.4dffd4229db52p+3,
    0x1.2ce23fced72a4p+3, 0x1.0bc4ab7b109f6p+3, 0x1.d54e2e4e94290p+2, 0x1.931305a707134p+2,
    0x1.50d7dcff79fd8p+2, 0x1.0e9cb457ece7cp+2, 0x1.328f5c28f5c29p+2, 0x1.0c01f751b0f88p+2,
    0x1.cae924f4d85cep+1, 0x1.7dce5b464ec8cp+1, 0x1.30b39197c534ap+1, 0x1.c7318fd277410p+0,
    0x1.2cfbfc756418cp+0, 0x1.258cd230a1e10p-1, 0x1.4000000000000p+4, 0x1.3000000000000p+4,
    0x1.2000000000000p+4, 0x1.1000000000000p+4, 0x1.0000000000000p+4, 0x1.e000000000000p+3,
    0x1.c000000000000p+3, 0x1.a000000000000p+3, 0x1.8000000000000p+3, 0x1.6000000000000p+3,
    0x1.4000000000000p+3, 0x1.2000000000000p+3, 0x1.0000000000000p+3, -0x1.299999999999ap+3,
    -0x1.10624dd2f1aa0p+3, -0x1.ee5604189374cp+2, -0x1.bbe76c8b43958p+2, -0x1.8978d4fdf3b64p+2,
    -0x1.570a3d70a3d70p+2, -0x1.249ba5e353f7cp+2, -0x1.e45a1cac08310p+1, -0x1.7f7ced9168728p+1,
    -0x1.1a9fbe76c8b40p+1, -0x1.6b851eb851eb0p+0, -0x1.4395810624dc0p-1, 0x1.3f7ced9168780p-3,
    0x1.e353f7ced9180p-1, 0x1.678d4fdf3b646p+2, 0x1.41fe906d7909bp+2, 0x1.1c6fd0fbb6af0p+2,
    0x1.edc22313e8a8ap+1, 0x1.a2a4a43063f34p+1, 0x1.5787254cdf3dep+1, 0x1.0c69a6695a888p+1,
    0x1.82984f0baba64p+0, 0x1.d8baa28944770p-1, 0x1.58894df663430p-2, -0x1.0062a925c2680p-2,
    -0x1.aca75020f4098p-1, -0x1.6c8ea5d7836f8p+0, -0x1.0164d1cf466d2p+1, -0x1.4c8250b2cb228p+1,
    -0x1.979fcf964fd7cp+1, -0x1.e2bd4e79d48d4p+1, -0x1.16ed66aeaca16p+2, -0x1.3c7c26206efc0p+2,
    -0x1.620ae5923156ap+2, -0x1.8799a503f3b16p+2, -0x1.ad286475b60c2p+2, -0x1.3916872b020c5p+1,
    -0x1.246aff5038b71p+1, -0x1.0fbf77756f61dp+1, -0x1.f627df354c192p+0, -0x1.ccd0cf7fb96eap+0,
    -0x1.a379bfca26c42p+0, -0x1.7a22b0149419ap+0, -0x1.50cba05f016f2p+0, -0x1.277490a96ec4ap+0,
    -0x1.fc3b01e7b8344p-1, -0x1.a98ce27c92df4p-1, -0x1.56dec3116d8a4p-1, -0x1.0430a3a648354p-1,
    -0x1.6305087645c08p-2, -0x1.7b51933ff62d0p-3, -0x1.0000000000000p+3, -0x1.669f1488863b5p+2,
    -0x1.9a7c522218ed4p+1, -0x1.9ee9eccc958f8p-1, -0x1.8000000000000p+4, -0x1.7000000000000p+4,
    -0x1.6000000000000p+4, -0x1.5000000000000p+4, -0x1.4000000000000p+4, -0x1.3000000000000p+4,
    -0x1.2000000000000p+4, -0x1.1000000000000p+4, -0x1.0000000000000p+4, -0x1.e000000000000p+3,
    -0x1.c000000000000p+3, -0x1.a000000000000p+3, -0x1.8000000000000p+3, -0x1.6000000000000p+3,
    -0x1.4000000000000p+3, -0x1.2000000000000p+3, -0x1.0000000000000p+3, -0x1.c000000000000p+2,
    -0x1.8000000000000p+2, -0x1.4000000000000p+2, -0x1.0000000000000p+2, -0x1.8000000000000p+1,
    -0x1.0000000000000p+1, -0x1.0000000000000p+0, 0x0.0p+0, 0x1.0000000000000p+0,
    0x1.0000000000000p+1, 0x1.8000000000000p+1, -0x1.6318fc504816fp+2, -0x1.65a858793dd98p+2,
    -0x1.6837b4a2339c1p+2, -0x1.6ac710cb295eap+2, -0x1.6d566cf41f213p+2, -0x1.6fe5c91d14e3cp+2,
    -0x1.727525460aa65p+2, -0x1.7504816f0068ep+2, -0x1.7793dd97f62b7p+2, -0x1.7a2339c0ebee0p+2,
    -0x1.7cb295e9e1b09p+2, -0x1.7f41f212d7732p+2, -0x1.81d14e3bcd35bp+2, -0x1.8460aa64c2f84p+2,
    -0x1.86f0068db8badp+2, -0x1.897f62b6ae7d6p+2, -0x1.8c0ebedfa43ffp+2, 0x1.95604189374bcp+1,
    0x1.3b126e978d4fep+1, 0x1.c189374bc6a80p+0, 0x1.0ced916872b04p+0, 0x1.6147ae147ae20p-2,
    -0x1.7126e978d4fd0p-2, -0x1.10e5604189370p+0, -0x1.c5810624dd2ecp+0, -0x1.3d0e560418934p+1,
    -0x1.975c28f5c28f2p+1, -0x1.f1a9fbe76c8b0p+1, -0x1.25fbe76c8b437p+2, -0x1.5322d0e560416p+2,
    -0x1.8049ba5e353f6p+2, -0x1.ad70a3d70a3d4p+2, -0x1.da978d4fdf3b2p+2, -0x1.03df3b645a1c9p+3,
    -0x1.1a72b020c49b9p+3, -0x1.310624dd2f1a8p+3, -0x1.4799999999997p+3, -0x1.5e2d0e5604187p+3,
    -0x1.74c083126e977p+3, -0x1.8b53f7ced9166p+3, -0x1.a1e76c8b43955p+3, -0x1.b87ae147ae145p+3,
    -0x1.cf0e560418935p+3, -0x1.e5a1cac083125p+3, 0x1.dc3d5024ef9d0p+3, 0x1.c19c89938b95fp+3,
    0x1.a6fbc302278eep+3, 0x1.8c5afc70c387dp+3, 0x1.71ba35df5f80cp+3, 0x1.57196f4dfb79bp+3,
    0x1.3c78a8bc9772ap+3, 0x1.21d7e22b336b9p+3, 0x1.07371b99cf648p+3, 0x1.d92caa10d6baep+2,
    0x1.a3eb1cee0eaccp+2, 0x1.6ea98fcb469eap+2, 0x1.396802a87e908p+2, 0x1.04267585b6826p+2,
    0x1.9dc9d0c5dce88p+1, 0x1.3346b6804ccc4p+1, 0x1.9187387579600p+0, 0x1.790207d4b24f0p-1,
    -0x1.999999999999ap-1, -0x1.8775b81301649p-1, -0x1.7551d68c692f8p-1, -0x1.632df505d0fa7p-1,
    -0x1.510a137f38c56p-1, -0x1.3ee631f8a0905p-1, -0x1.2cc25072085b4p-1, -0x1.1a9e6eeb70263p-1,
    -0x1.087a8d64d7f12p-1, -0x1.ecad57bc7f782p-2, -0x1.c86594af4f0e0p-2, -0x1.a41dd1a21ea3ep-2,
    -0x1.7fd60e94ee39cp-2, -0x1.5b8e4b87bdcfap-2, -0x1.3746887a8d658p-2, -0x1.12fec56d5cfb6p-2,
    -0x1.dd6e04c059228p-3, -0x1.94de7ea5f84e4p-3, -0x1.4c4ef88b977a0p-3, -0x1.03bf727136a5cp-3,
    -0x1.765fd8adaba30p-4, -0x1.ca8198f1d3f50p-5, -0x1.50870110a1480p-6, -0x1.44817a1617749p+3,
    -0x1.4902f42c2ee92p+2, -0x1.205e8585dd240p-3, 0x1.36fd0bd3d116ep+2, 0x1.3b7e85e9e88b7p+3,
    0x1.db7e85e9e88b7p+3, 0x1.0bf35cd553536p+4, 0x1.f7e6b9aaa6a6cp+3, 0x1.d7e6b9aaa6a6cp+3,
    0x1.b7e6b9aaa6a6cp+3, 0x1.97e6b9aaa6a6cp+3, 0x1.77e6b9aaa6a6cp+3, 0x1.57e6b9aaa6a6cp+3,
    0x1.18f9f3b21b300p-4, -0x1.54d6c72b44b36p+0, -0x1.5d9e96c8d58cep+1, -0x1.0868e4fe04600p+2,
    -0x1.62027e979df9ap+2, -0x1.bb9c183137934p+2, -0x1.0a9ad8e568966p+3, -0x1.3767a5b235633p+3,
    -0x1.6434727f02300p+3, -0x1.91013f4bcefcdp+3, -0x1.bdce0c189bc9ap+3, -0x1.ea9ad8e568966p+3,
    -0x1.0bb3d2d91ab19p+4, -0x1.221a393f81180p+4, -0x1.38809fa5e77e6p+4, -0x1.4ee7060c4de4dp+4,
    -0x1.654d6c72b44b3p+4, -0x1.7bb3d2d91ab19p+4, -0x1.921a393f81180p+4, -0x1.a8809fa5e77e6p+4,
    -0x1.bee7060c4de4dp+4, 0x1.3321c0f3bd738p+4, 0x1.209264cac7b0fp+4, 0x1.0e0308a1d1ee6p+4,
    0x1.f6e758f1b857ap+3, 0x1.d1c8a09fccd28p+3, 0x1.aca9e84de14d6p+3, 0x1.878b2ffbf5c84p+3,
    0x1.626c77aa0a432p+3, 0x1.3d4dbf581ebe0p+3, 0x1.182f07063338ep+3, 0x1.e6209d688f678p+2,
    0x1.9be32cc4b85d4p+2, 0x1.51a5bc20e1530p+2, 0x1.07684b7d0a48cp+2, 0x1.7a55b5b2667d0p+1,
    0x1.cbb5a8d570d10p+0, 0x1.457fcc8c29500p-1, -0x1.0c6bb8928f020p-1, -0x1.af2b9ed8a3aa0p+0,
    -0x1.6c10b0b3ffe98p+1, -0x1.0045c8fdd6ff0p+2, -0x1.4a8339a1ae094p+2, -0x1.94c0aa4585138p+2,
    -0x1.defe1ae95c1dcp+2, -0x1.149dc5c699940p+3, 0x1.8000000000000p+1, 0x1.72f00916ec0e4p+1,
    0x1.65e0122dd81c8p+1, 0x1.58d01b44c42acp+1, 0x1.4bc0245bb0390p+1, 0x1.3eb02d729c474p+1,
    0x1.31a0368988558p+1, 0x1.24903fa07463cp+1, 0x1.178048b760720p+1, 0x1.0a7051ce4c804p+1,
    0x1.fac0b5ca711d0p+0, 0x1.e0a0c7f849398p+0, 0x1.c680da2621560p+0, 0x1.ac60ec53f9728p+0,
    0x1.9240fe81d18f0p+0, 0x1.782110afa9ab8p+0, 0x1.5e0122dd81c80p+0, -0x1.999999999999ap-3,
    0x1.3333333333334p-1, 0x1.6666666666667p+0, 0x1.199999999999ap+1, 0x1.8000000000000p+1,
    0x1.e666666666666p+1, 0x1.2666666666667p+2, 0x1.599999999999ap+2, 0x1.8cccccccccccdp+2,
    0x1.c000000000000p+2, 0x1.f333333333333p+2, 0x1.1333333333334p+3, 0x1.2cccccccccccep+3,
    0x1.4666666666667p+3, 0x1.6000000000001p+3, -0x1.0000000000000p+0, -0x1.71eb851eb851ep+1,
    -0x1.31eb851eb851ep+2, -0x1.aae147ae147adp+2, -0x1.11eb851eb851ep+3, -0x1.4e66666666666p+3,
    0x1.7c7ae147ae148p+3, -0x1.5051eb851eb84p+3, -0x1.0747ae147ae14p+5, -0x1.ba7ae147ae146p+5,
    -0x1.36d70a3d70a3dp+6, -0x1.9070a3d70a3d7p+6, -0x1.ea0a3d70a3d6fp+6, -0x1.21d1eb851eb84p+7,
    -0x1.4e9eb851eb852p+7, -0x1.7b6b851eb851ep+7, -0x1.a83851eb851ecp+7, -0x1.d5051eb851eb8p+7,
    -0x1.00e8f5c28f5c2p+8, -0x1.174f5c28f5c29p+8, -0x1.2db5c28f5c28fp+8, -0x1.441c28f5c28f6p+8,
    -0x1.5a828f5c28f5cp+8, -0x1.70e8f5c28f5c2p+8, -0x1.874f5c28f5c29p+8, -0x1.9db5c28f5c28fp+8,
    -0x1.b41c28f5c28f6p+8, -0x1.ca828f5c28f5cp+8, -0x1.e0e8f5c28f5c2p+8, -0x1.f74f5c28f5c28p+8,
    -0x1.06dae147ae147p+9, -0x1.120e147ae147bp+9, -0x1.1d4147ae147aep+9, -0x1.28747ae147ae1p+9,
    0x1.0624dd2f1a9fcp-8, 0x1.17ced916872b0p+0, 0x1.174bc6a7ef9dbp+1, 0x1.a2b020c49ba5ep+1,
    0x1.170a3d70a3d70p+2, 0x1.19cd7ece61e70p+4, 0x1.0ab165eb730d0p+4, 0x1.f72a9a1108660p+3,
    0x1.d8f2684b2ab20p+3, 0x1.baba36854cfe0p+3, 0x1.9c8204bf6f4a0p+3, 0x1.7e49d2f991960p+3,
    0x1.6011a133b3e20p+3, 0x1.41d96f6dd62e0p+3, 0x1.23a13da7f87a0p+3, 0x1.05690be21ac60p+3,
    0x1.ce61b4387a240p+2, 0x1.91f150acbebc0p+2, 0x1.5580ed2103540p+2, 0x1.1910899547ec0p+2,
    0x1.b9404c1319080p+1, 0x1.405f84fba2380p+1, 0x1.8efd7bc856d00p+0, 0x1.3a77db32d2600p-1,
    -0x1.5216825611c00p-2, -0x1.46472ec472100p+0, -0x1.1c045e79afd80p+1, -0x1.94e5259126a80p+1,
    -0x1.06e2f6544ebc0p+2, -0x1.435359e00a240p+2, -0x1.7fc3bd6bc58c0p+2, -0x1.bc3420f780f40p+2,
    -0x1.f8a484833c5c0p+2, -0x1.1a8a74077be20p+3, -0x1.4800000000000p+3, -0x1.1d5db125ba3bfp+3,
    -0x1.e576c496e8efcp+2, -0x1.903226e25d67ap+2, -0x1.3aed892dd1df8p+2, -0x1.cb51d6f28caecp+1,
    -0x1.20c89b89759e8p+1, -0x1.d8fd80817a390p-1, 0x1.a24eda45c4100p-2, 0x1.bda62d639f248p+0,
    0x1.83886594af4f1p+2, 0x1.3c3886594af4fp+6, 0x1.301c432ca57a8p+7, 0x1.c21c432ca57a8p+7,
    0x1.2a0e219652bd4p+8, 0x1.730e219652bd4p+8, 0x1.bc0e219652bd4p+8, 0x1.028710cb295eap+9,
    0x1.270710cb295eap+9, 0x1.4b8710cb295eap+9, 0x1.700710cb295eap+9, 0x1.948710cb295eap+9,
    0x1.b90710cb295eap+9, -0x1.1020c49ba5e35p+2, -0x1.d812e5ee0b601p+1, -0x1.8fe442a4caf98p+1,
    -0x1.47b59f5b8a92fp+1, -0x1.ff0df8249458cp+0, -0x1.6eb0b192138bap+0, -0x1.bca6d5ff257d0p-1,
    -0x1.37d891b447c58p-2, 0x1.099c8895bb6f0p-2, 0x1.a588d16fdf518p-1, 0x1.6321af4a70760p+0,
    0x1.f37ef5dcf1434p+0, 0x1.41ee1e37b9082p+1, 0x1.8a1cc180f96eap+1, 0x1.d24b64ca39d54p+1,
    0x1.0d3d0409bd1dfp+2, 0x1.315455ae5d513p+2, 0x1.556ba752fd847p+2, 0x1.7982f8f79db7bp+2,
    0x1.9d9a4a9c3deb1p+2, 0x1.c1b19c40de1e5p+2, -0x1.4000000000000p+2, -0x1.e666666666666p+2,
    -0x1.4666666666666p+3, -0x1.9999999999999p+3, -0x1.eccccccccccccp+3, -0x1.2000000000000p+4,
    -0x1.4999999999999p+4, -0x1.7333333333332p+4, -0x1.9ccccccccccccp+4, 0x1.5617c1bda511ap+0,
    0x1.20ce703afb7e9p+1, 0x1.9690ff9724745p+1, 0x1.0629c779a6b50p+2, 0x1.410b0f27bb2fep+2,
    0x1.7bec56d5cfaacp+2, 0x1.b6cd9e83e425ap+2, 0x1.f1aee631f8a08p+2, 0x1.164816f0068dbp+3,
    0x1.33b8bac710cb2p+3, 0x1.51295e9e1b089p+3, 0x1.6e9a027525460p+3, 0x1.8c0aa64c2f837p+3,
    0x1.a97b4a2339c0ep+3, 0x1.c6ebedfa43fe5p+3, 0x1.e45c91d14e3bcp+3, 0x1.00e69ad42c3cap+4,
    0x1.0f9eecbfb15b5p+4, 0x1.23b1984bab080p+2, 0x1.df148bee94bb4p+1, 0x1.76c5e745d3668p+1,
    0x1.0e77429d1211cp+1, 0x1.4c513be8a17a0p+0, 0x1.eecfca5c7b420p-2, -0x1.53a55ae98f640p-2,
    -0x1.2586a00be6828p+0, -0x1.f623e95d692c0p+0, -0x1.6360995775eacp+1, -0x1.cbaf3e00373f8p+1,
    -0x1.19fef1547c4a2p+2, -0x1.4e2643a8dcf48p+2, -0x1.824d95fd3d9eep+2, -0x1.b674e8519e494p+2,
    -0x1.ea9c3aa5fef3ap+2, -0x1.0f61c67d2fcf0p+3, -0x1.29756fa760243p+3, -0x1.438918d190796p+3,
    -0x1.5d9cc1fbc0ce9p+3, -0x1.77b06b25f123cp+3, -0x1.91c4145021790p+3, -0x1.28704f3b68348p+1,
    0x1.1d64802b01ceap+5, 0x1.26a802a4dd104p+6, 0x1.be9dc53439393p+6, 0x1.2b49c3e1cab11p+7,
    0x1.7744a52978c59p+7, 0x1.c33f867126da0p+7, 0x1.079d33dc6a773p+8, 0x1.2d9aa48041817p+8,
    0x1.53981524188bbp+8, 0x1.799585c7ef95fp+8, 0x1.9f92f66bc6a02p+8, 0x1.c590670f9daa6p+8,
    0x1.eb8dd7b374b4ap+8, 0x1.08c5a42ba5df7p+9, 0x1.1bc45c7d91649p+9, 0x1.2ec314cf7ce9bp+9,
    0x1.41c1cd21686edp+9, 0x1.54c0857353f3fp+9, 0x1.67bf3dc53f791p+9, 0x1.7abdf6172afe3p+9,
    0x1.8dbcae6916834p+9, -0x1.0fae147ae147bp+3, 0x1.5db22d0e56040p-1, 0x1.4000000000000p+3,
    0x1.25bf7a629f7cep+3, 0x1.0b7ef4c53ef9cp+3, 0x1.e27cde4fbced4p+2, 0x1.adfbd314fbe70p+2,
    0x1.797ac7da3ae0cp+2, 0x1.44f9bc9f79da8p+2, 0x1.1078b164b8d44p+2, 0x1.b7ef4c53ef9c0p+1,
    0x1.4eed35de6d8f8p+1, 0x1.cbd63ed1d7060p+0, 0x1.f3a423cda5da0p-1, 0x1.3e6f27de76a00p-3,
    -0x1.546c8fde6a8a0p-1, -0x1.7c3a74da395e0p+0, -0x1.271f50e29ebb8p+1, -0x1.9021675820c80p+1,
    -0x1.f9237dcda2d48p+1, -0x1.c000000000000p+3, -0x1.ccfb86f649e24p+3, -0x1.d9f70dec93c48p+3,
    -0x1.e6f294e2dda6cp+3, -0x1.f3ee1bd927890p+3, -0x1.0074d167b8b5ap+4, -0x1.06f294e2dda6cp+4,
    -0x1.0d70585e0297ep+4, -0x1.13ee1bd927890p+4, -0x1.1a6bdf544c7a2p+4, -0x1.38a86ad7858e4p+2,
    -0x1.43bfe1e1d269ap+2, -0x1.4ed758ec1f450p+2, -0x1.59eecff66c206p+2, -0x1.65064700b8fbcp+2,
    -0x1.701dbe0b05d72p+2, -0x1.7b35351552b28p+2, -0x1.864cac1f9f8dep+2, -0x1.91642329ec694p+2,
    -0x1.9c7b9a343944ap+2, -0x1.a793113e86200p+2, -0x1.b2aa8848d2fb6p+2, -0x1.bdc1ff531fd6cp+2,
    -0x1.c8d9765d6cb22p+2, -0x1.d3f0ed67b98d8p+2, -0x1.df0864720668ep+2, -0x1.ea1fdb7c53444p+2,
    -0x1.f5375286a01fap+2, -0x1.002764c8767d8p+3, -0x1.05b3204d9ceb3p+3, -0x1.0b3edbd2c358ep+3,
    -0x1.10ca9757e9c69p+3, -0x1.165652dd10344p+3, -0x1.1be20e6236a1fp+3, -0x1.216dc9e75d0fap+3,
    0x1.d786e82a16384p+3, 0x1.bda8c95437e9bp+3, 0x1.a3caaa7e599b2p+3, 0x1.89ec8ba87b4c9p+3,
    0x1.700e6cd29cfe0p+3, 0x1.56304dfcbeaf7p+3, 0x1.3c522f26e060ep+3, 0x1.2274105102125p+3,
    0x1.0895f17b23c3cp+3, 0x1.dd6fa54a8aea6p+2, 0x1.a9b3679ece4d4p+2, 0x1.75f729f311b02p+2,
    0x1.423aec4755130p+2, 0x1.0e7eae9b9875ep+2, 0x1.b584e1dfb7b18p+1, 0x1.4e0c66883e774p+1,
    0x1.cd27d6618a7a0p+0, 0x1.fc6dbf65300b0p-1, 0x1.7a2f481d2c880p-3, -0x1.c000000000000p+2,
    -0x1.c4827b2c8a630p+2, -0x1.c904f65914c60p+2, -0x1.cd8771859f290p+2, -0x1.d209ecb2298c0p+2,
    -0x1.d68c67deb3ef0p+2, -0x1.db0ee30b3e520p+2, -0x1.df915e37c8b50p+2, -0x1.e413d96453180p+2,
    -0x1.e8965490dd7b0p+2, -0x1.ed18cfbd67de0p+2, -0x1.f19b4ae9f2410p+2, -0x1.f61dc6167ca40p+2,
    -0x1.faa0414307070p+2, -0x1.ff22bc6f916a0p+2, -0x1.01d29bce0de68p+3, -0x1.0413d96453180p+3,
    -0x1.065516fa98498p+3, -0x1.08965490dd7b0p+3, -0x1.3000000000000p+4, -0x1.f7df3b645a1cbp+3,
    -0x1.8fbe76c8b4396p+3, -0x1.279db22d0e561p+3, -0x1.7ef9db22d0e58p+2, -0x1.5d70a3d70a3e0p+1,
    0x1.0c49ba5e353e0p-1, 0x1.e395810624dd0p+1, 0x1.c20c49ba5e350p+2, 0x1.4926e978d4fdcp+3,
    0x1.b147ae147ae10p+3, 0x1.0cb4395810624p+4, 0x1.40c49ba5e353ep+4, -0x1.b000000000000p+4,
    -0x1.942d4423e344dp+4, -0x1.785a8847c689ap+4, -0x1.5c87cc6ba9ce7p+4, -0x1.40b5108f8d134p+4,
    -0x1.24e254b370581p+4, -0x1.090f98d7539cep+4, -0x1.da79b9f66dc36p+3, -0x1.a2d4423e344d0p+3,
    -0x1.6b2eca85fad6ap+3, -0x1.338952cdc1604p+3, -0x1.f7c7b62b0fd3cp+2, -0x1.887cc6ba9ce70p+2,
    -0x1.1931d74a29fa4p+2, -0x1.53cdcfb36e1b0p+1, -0x1.d4dfc34a21060p-1, -0x1.5000000000000p+4,
    -0x1.3000000000000p+4, -0x1.1000000000000p+4, -0x1.e000000000000p+3, -0x1.a000000000000p+3,
    -0x1.6000000000000p+3, -0x1.2000000000000p+3, -0x1.c000000000000p+2, -0x1.4000000000000p+2,
    -0x1.8000000000000p+1, -0x1.0000000000000p+0, 0x1.0000000000000p+0, 0x1.8000000000000p+1,
    0x1.4000000000000p+2, 0x1.c000000000000p+2, 0x1.2000000000000p+3, 0x1.0000000000000p+3,
    0x1.df89a8fd2e39fp+2, 0x1.bf1351fa5c73ep+2, 0x1.9e9cfaf78aaddp+2, 0x1.7e26a3f4b8e7cp+2,
    0x1.5db04cf1e721bp+2, 0x1.3d39f5ef155bap+2, 0x1.1cc39eec43959p+2, 0x1.f89a8fd2e39f0p+1,
    0x1.b7ade1cd4012ep+1, 0x1.76c133c79c86cp+1, 0x1.35d485c1f8faap+1, 0x1.e9cfaf78aadd0p+0,
    0x1.67f6536d63c4cp+0, 0x1.cc39eec439590p-1, 0x1.910e6d5b56510p-2, -0x1.d95c0b4718400p-4,
    -0x1.3ede397f71380p-1, -0x1.214878caffb48p+0, -0x1.a321d4d646cd0p+0, -0x1.127d9870c6f28p+1,
    -0x1.536a46766a7e8p+1, -0x1.9456f47c0e0acp+1, -0x1.d543a281b1970p+1, -0x1.2000000000000p+3,
    -0x1.195182a9930bep+3, -0x1.12a305532617cp+3, -0x1.0bf487fcb923ap+3, -0x1.05460aa64c2f8p+3,
    -0x1.fd2f1a9fbe76cp+2, -0x1.efd21ff2e48e8p+2, -0x1.e27525460aa64p+2, -0x1.d5182a9930be0p+2,
    -0x1.c7bb2fec56d5cp+2, -0x1.ba5e353f7ced8p+2, -0x1.ad013a92a3054p+2, -0x1.9fa43fe5c91d0p+2,
    -0x1.92474538ef34cp+2, -0x1.84ea4a8c154c8p+2, -0x1.778d4fdf3b644p+2, -0x1.6a305532617c0p+2,
    -0x1.5cd35a858793cp+2, -0x1.4f765fd8adab8p+2, -0x1.4219652bd3c34p+2, -0x1.34bc6a7ef9db0p+2,
    -0x1.275f6fd21ff2cp+2, -0x1.1a027525460a8p+2, -0x1.0ca57a786c224p+2, -0x1.0cccccccccccdp+3,
    -0x1.ed66cf41f212ep+2, -0x1.c13404ea4a8c2p+2, -0x1.95013a92a3056p+2, -0x1.68ce703afb7eap+2,
    -0x1.3c9ba5e353f7ep+2, -0x1.1068db8bac712p+2, -0x1.c86c226809d4cp+1, -0x1.70068db8bac74p+1,
    -0x1.17a0f9096bb9cp+1, -0x1.7e76c8b439588p+0, -0x1.9b573eab367b0p-1, -0x1.ce075f6fd2280p-4,
    0x1.27d566cf41f10p-1, 0x1.44b5dcc63f138p+0, 0x1.f5810624dd2e8p+0, 0x1.532617c1bda4cp+1,
    0x1.ab8bac710cb24p+1, 0x1.01f8a0902ddfep+2, 0x1.2e2b6ae7d566ap+2, 0x1.8000000000000p+2,
    0x1.5719c23b91f98p+3, 0x1.ee33847723f30p+3, 0x1.42a6a3595af64p+4, 0x1.8e33847723f30p+4,
    0x1.d9c06594ecefcp+4, 0x1.12a6a3595af64p+5, 0x1.386d13e83f74ap+5, 0x1.5e33847723f30p+5,
    0x1.83f9f50608716p+5, 0x1.a9c06594ecefcp+5, 0x1.cf86d623d16e2p+5, 0x1.f54d46b2b5ec8p+5,
    0x1.0d89dba0cd357p+6, 0x1.206d13e83f74ap+6, 0x1.33504c2fb1b3dp+6, -0x1.0000000000000p+3,
    -0x1.b6e978d4fdf3cp+2, -0x1.6dd2f1a9fbe78p+2, -0x1.24bc6a7ef9db4p+2, -0x1.b74bc6a7ef9e0p+1,
    -0x1.251eb851eb858p+1, -0x1.25e353f7ceda0p+0, -0x1.89374bc6a9000p-8, 0x1.22d0e56041880p+0,
    0x1.2395810624dc8p+1, 0x1.b5c28f5c28f50p+1, 0x1.23f7ced91686cp+2, 0x1.6d0e560418930p+2,
    0x1.b624dd2f1a9f4p+2, 0x1.ff3b645a1cab8p+2, 0x1.2428f5c28f5bep+3, 0x1.8000000000000p+4,
    0x1.6188da9212951p+4, 0x1.4311b524252a2p+4, 0x1.249a8fb637bf3p+4, 0x1.06236a484a544p+4,
    0x1.cf5889b4b9d2ap+3, 0x1.926a3ed8defccp+3, 0x1.557bf3fd0426ep+3, 0x1.188da92129510p+3,
    0x1.b73ebc8a9cf64p+2, 0x1.3d6226d2e74a8p+2, 0x1.870b2236633d8p+1, 0x1.26a3ed8defcc0p+0,
    -0x1.8000000000000p+1, 0x1.93f7ced916872p+1, 0x1.29fbe76c8b439p+3, 0x1.eef9db22d0e56p+3,
    0x1.59fbe76c8b439p+4, 0x1.bc7ae147ae147p+4, 0x1.4000000000000p+0, -0x1.028f5c28f5c28p+0,
    -0x1.a28f5c28f5c28p+1, -0x1.61eb851eb851ep+2, -0x1.f28f5c28f5c28p+2, -0x1.4199999999999p+3,
    -0x1.89eb851eb851ep+3, -0x1.d23d70a3d70a3p+3, -0x1.0d47ae147ae14p+4, -0x1.3170a3d70a3d6p+4,
    -0x1.5599999999999p+4, -0x1.79c28f5c28f5cp+4, -0x1.9deb851eb851ep+4, -0x1.c2147ae147ae0p+4,
    -0x1.3d1a6f3b76441p+3, -0x1.35fb640574333p+3, -0x1.2edc58cf72225p+3, -0x1.27bd4d9970117p+3,
    -0x1.209e42636e009p+3, -0x1.197f372d6befbp+3, -0x1.12602bf769dedp+3, -0x1.0b4120c167cdfp+3,
    -0x1.0422158b65bd1p+3, -0x1.fa0614aac7586p+2, -0x1.ebc7fe3ec336ap+2, -0x1.dd89e7d2bf14ep+2,
    -0x1.cf4bd166baf32p+2, -0x1.c10dbafab6d16p+2, 0x1.d000000000000p+4, 0x1.8ffdaa700cea5p+4,
    0x1.4ffb54e019d4ap+4, 0x1.0ff8ff5026befp+4, 0x1.9fed538067528p+3, 0x1.1fe8a86081272p+3,
    0x1.3fc7fa8135f78p+2, -0x1.4000000000000p+2, -0x1.0000000000000p+2, -0x1.8000000000000p+1,
    -0x1.0000000000000p+1, -0x1.0000000000000p+0, 0x0.0p+0, 0x1.0000000000000p+0,
    0x1.0000000000000p+1, 0x1.8000000000000p+1, 0x1.0000000000000p+2, 0x1.4000000000000p+2,
    0x1.8000000000000p+2, 0x1.c000000000000p+2, 0x1.0000000000000p+3, 0x1.ccccccccccccdp+2,
    0x1.8000000000000p+2, 0x1.3333333333333p+2, 0x1.cccccccccccccp+1, 0x1.3333333333332p+1,
    0x1.3333333333330p+0, -0x1.0000000000000p-50, -0x1.333333333333cp+0, -0x1.3333333333336p+1,
    -0x1.ccccccccccccep+1, -0x1.3333333333335p+2, -0x1.8000000000003p+2, -0x1.ccccccccccccfp+2,
    -0x1.0cccccccccccep+3, -0x1.3333333333336p+3, -0x1.599999999999cp+3, -0x1.8000000000002p+3,
    -0x1.a666666666668p+3, -0x1.ccccccccccccep+3, -0x1.f333333333336p+3, -0x1.0cccccccccccep+4,
    -0x1.2000000000001p+4, -0x1.3333333333335p+4, -0x1.4666666666668p+4, -0x1.599999999999bp+4,
    -0x1.6cccccccccccep+4, 0x1.a51eb851eb852p+2, 0x1.9f7e6df1d238fp+2, 0x1.99de2391b8eccp+2,
    0x1.943dd9319fa09p+2, 0x1.8e9d8ed186546p+2, 0x1.88fd44716d083p+2, 0x1.835cfa1153bc0p+2,
    0x1.7dbcafb13a6fdp+2, 0x1.781c65512123ap+2, 0x1.727c1af107d77p+2, 0x1.6cdbd090ee8b4p+2,
    0x1.673b8630d53f1p+2, 0x1.619b3bd0bbf2ep+2, 0x1.5bfaf170a2a6bp+2, 0x1.565aa710895a8p+2,
    0x1.50ba5cb0700e5p+2, 0x1.4b1a125056c22p+2, 0x1.4579c7f03d75fp+2, 0x1.3fd97d902429cp+2,
    0x1.3a3933300add9p+2, -0x1.b000000000000p+4, -0x1.5cccccccccccdp+4, -0x1.099999999999ap+4,
    -0x1.6cccccccccccep+3, -0x1.8ccccccccccd0p+2, -0x1.0000000000010p+0, 0x1.0ccccccccccc8p+2,
    0x1.2ccccccccccc8p+3, -0x1.0624dd2f1a9fcp-8, -0x1.d9f9560fe8166p-5, -0x1.c997083cf66c6p-4,
    -0x1.5318b2b8fc66cp-3, -0x1.c165e1537d976p-3, -0x1.17d987f6ff640p-2, -0x1.4f001f443ffc4p-2,
    -0x1.8626b69180949p-2, -0x1.bd4d4ddec12cep-2, -0x1.f473e52c01c53p-2, -0x1.15cd3e3ca12ecp-1,
    -0x1.316089e3417aep-1, -0x1.4cf3d589e1c70p-1, -0x1.6887213082133p-1, -0x1.841a6cd7225f5p-1,
    -0x1.9fadb87dc2ab8p-1, -0x1.bb41042462f7ap-1, 0x1.b810624dd2f1bp+2, 0x1.81a9fbe76c8b5p+2,
    0x1.4b4395810624fp+2, 0x1.14dd2f1a9fbe9p+2, 0x1.bced916872b06p+1, 0x1.5020c49ba5e3ap+1,
    0x1.c6a7ef9db22dcp+0, 0x1.da1cac0831288p-1, 0x1.374bc6a7efac0p-4, -0x1.8c49ba5e353d8p-1,
    -0x1.9fbe76c8b4384p+0, -0x1.3cac083126e8ep+1, -0x1.a978d4fdf3b5ap+1, -0x1.0b22d0e560413p+2,
    -0x1.4189374bc6a79p+2, -0x1.77ef9db22d0dfp+2, -0x1.2dc28f5c28f5cp+3, -0x1.0666666666666p+3,
    -0x1.be147ae147ae0p+2, -0x1.6f5c28f5c28f4p+2, -0x1.20a3d70a3d708p+2, -0x1.a3d70a3d70a38p+1,
    -0x1.0666666666660p+1, -0x1.a3d70a3d70a20p-1, 0x1.a3d70a3d70a80p-2, 0x1.a3d70a3d70a50p+0,
    0x1.6f5c28f5c2900p+1, 0x1.066666666666cp+2, 0x1.551eb851eb858p+2, 0x1.a3d70a3d70a44p+2,
    0x1.f28f5c28f5c30p+2, 0x1.20a3d70a3d70ep+3, 0x1.a000000000000p+3, 0x1.7333333333333p+3,
    0x1.4666666666666p+3, 0x1.1999999999999p+3, 0x1.d999999999998p+2, 0x1.7fffffffffffep+2,
    0x1.2666666666664p+2, 0x1.9999999999994p+1, 0x1.cccccccccccc0p+0, 0x1.9999999999960p-2,
    -0x1.0000000000010p+0, -0x1.333333333333cp+1, -0x1.e666666666670p+1, 0x1.4000000000000p+3,
    0x1.451eb851eb852p+3, 0x1.4a3d70a3d70a4p+3, 0x1.4f5c28f5c28f6p+3, 0x1.547ae147ae148p+3,
    0x1.599999999999ap+3, 0x1.5eb851eb851ecp+3, -0x1.9000000000000p+8, -0x1.5b8a3d70a3d71p+8,
    -0x1.27147ae147ae2p+8, -0x1.e53d70a3d70a6p+7, -0x1.7c51eb851eb88p+7, -0x1.136666666666ap+7,
    -0x1.54f5c28f5c298p+6, -0x1.063d70a3d70b8p+5, -0x1.a000000000000p+3, -0x1.6333333333333p+4,
    -0x1.f666666666666p+4, -0x1.44cccccccccccp+5, -0x1.8e66666666666p+5, -0x1.d800000000000p+5,
    -0x1.10cccccccccccp+6, -0x1.3599999999999p+6, -0x1.5a66666666666p+6, -0x1.7f33333333333p+6,
    -0x1.a400000000000p+6, -0x1.c8cccccccccccp+6, -0x1.ed99999999999p+6, -0x1.0933333333333p+7,
    -0x1.1b99999999999p+7, -0x1.2e00000000000p+7, -0x1.4066666666666p+7, -0x1.52cccccccccccp+7,
    -0x1.6533333333333p+7, -0x1.7799999999999p+7, -0x1.8a00000000000p+7, -0x1.7fe2d5d789576p+3,
    -0x1.b5ff81dfba7e5p+3, -0x1.ec1c2de7eba54p+3, -0x1.111c6cf80e662p+4, -0x1.2c2ac2fc26f99p+4,
    -0x1.473919003f8d0p+4, -0x1.62476f0458208p+4, -0x1.7d55c50870b40p+4, -0x1.98641b0c89477p+4,
    -0x1.b3727110a1daep+4, -0x1.ce80c714ba6e6p+4, -0x1.e98f1d18d301dp+4, -0x1.024eb98e75caap+5,
    -0x1.0fd5e49082146p+5, -0x1.1d5d0f928e5e2p+5, -0x1.2ae43a949aa7ep+5, -0x1.386b6596a6f1ap+5,
    -0x1.45f29098b33b6p+5, -0x1.5379bb9abf851p+5, -0x1.6100e69ccbcecp+5, -0x1.6e88119ed8188p+5,
    -0x1.7c0f3ca0e4624p+5, -0x1.899667a2f0ac0p+5, -0x1.971d92a4fcf5cp+5, -0x1.a4a4bda7093f8p+5,
    -0x1.b22be8a915894p+5, -0x1.bfb313ab21d30p+5, -0x1.cd3a3ead2e1cap+5, -0x1.dac169af3a666p+5,
    0x1.328f5c28f5c29p+2, 0x1.20e5604189375p+2, 0x1.0f3b645a1cac1p+2, 0x1.fb22d0e56041ap+1,
    0x1.d7ced916872b2p+1, 0x1.b47ae147ae14ap+1, 0x1.9126e978d4fe2p+1, 0x1.6dd2f1a9fbe7ap+1,
    0x1.4a7ef9db22d12p+1, 0x1.272b020c49baap+1, 0x1.03d70a3d70a42p+1, 0x1.c10624dd2f1b4p+0,
    0x1.7a5e353f7cee4p+0, 0x1.33b645a1cac14p+0, 0x1.da1cac0831288p-1, 0x1.4cccccccccce8p-1,
    0x1.7ef9db22d0e90p-2, 0x1.916872b020d40p-4, 0x1.a36e2eb1c432dp-14, 0x1.ebedfa43fe5c9p-4,
    0x1.ebb98c7e28240p-3, 0x1.70be0ded288cep-2, 0x1.eb9f559b3d07cp-2, 0x1.33404ea4a8c15p-1,
    0x1.70b0f27bb2fecp-1, 0x1.ae219652bd3c3p-1, 0x1.eb923a29c779ap-1, 0x1.14816f0068db9p+0,
    0x1.3339c0ebedfa4p+0, 0x1.51f212d77318fp+0, 0x1.70aa64c2f837bp+0, 0x1.8f62b6ae7d567p+0,
    0x1.ae1b089a02752p+0, -0x1.9c28f5c28f5c3p+1, -0x1.e0b7c74ef4a61p+1, -0x1.12a34c6dacf80p+2,
    -0x1.34eab533df9cep+2, -0x1.57321dfa1241ep+2, -0x1.797986c044e6cp+2, -0x1.9bc0ef86778bcp+2,
    -0x1.be08584caa30ap+2, -0x1.e04fc112dcd5ap+2, -0x1.014b94ec87bd4p+3, -0x1.126f494fa10fcp+3,
    -0x1.2392fdb2ba623p+3, -0x1.34b6b215d3b4bp+3, -0x1.45da6678ed072p+3, -0x1.56fe1adc0659ap+3,
    -0x1.6821cf3f1fac1p+3, -0x1.794583a238fe9p+3, -0x1.8a69380552511p+3, -0x1.9b8cec686ba38p+3,
    -0x1.acb0a0cb84f5fp+3, -0x1.bdd4552e9e487p+3, -0x1.cef80991b79afp+3, -0x1.e01bbdf4d0ed6p+3,
    -0x1.f13f7257ea3fdp+3, -0x1.5d3404ea4a8c1p+2, -0x1.47b125675dc7dp+2, -0x1.322e45e471039p+2,
    -0x1.1cab6661843f5p+2, -0x1.072886de977b1p+2, -0x1.e34b4eb7556dap+1, -0x1.b8458fb17be52p+1,
    -0x1.4271de69ad42cp+3, -0x1.0271de69ad42cp+3, -0x1.84e3bcd35a858p+2, -0x1.04e3bcd35a858p+2,
    -0x1.09c779a6b50b0p+1, -0x1.38ef34d6a1600p-4, 0x1.ec710cb295ea0p+0, 0x1.f63886594af50p+1,
    0x1.7b1c432ca57a8p+2, 0x1.fb1c432ca57a8p+2, 0x1.3d8e219652bd4p+3, -0x1.03234952190a6p+3,
    -0x1.d979c5d76547fp+2, -0x1.acacf90a987b2p+2, -0x1.7fe02c3dcbae5p+2, -0x1.53135f70fee18p+2,
    -0x1.264692a43214bp+2, -0x1.f2f38baeca8fcp+1, -0x1.9959f21530f62p+1, -0x1.3fc0587b975c8p+1,
    -0x1.cc4d7dc3fb85cp+0, -0x1.191a4a90c8528p+0, -0x1.979c5d76547d0p-2, 0x1.35306f5678500p-2,
    0x1.007f4f08d1470p+0, 0x1.b3b2823c047a8p+0, 0x1.3372dab79bd70p+1, 0x1.8d0c745135708p+1,
    0x1.e6a60deacf0a0p+1, 0x1.201fd3c23451ep+2, 0x1.4ceca08f011ecp+2, 0x1.79b96d5bcdeb8p+2,
    0x1.a6863a289ab84p+2, 0x1.d35306f567852p+2, 0x1.000fe9e11a290p+3, 0x1.16765047808f6p+3,
    -0x1.7d8793dd97f63p+3, -0x1.6501384931e1bp+3, -0x1.4c7adcb4cbcd3p+3, -0x1.33f4812065b8bp+3,
    -0x1.1b6e258bffa43p+3, -0x1.02e7c9f7998fbp+3, -0x1.d4c2dcc666f66p+2, -0x1.a3b6259d9acd6p+2,
    -0x1.72a96e74cea46p+2, -0x1.419cb74c027b6p+2, -0x1.1090002336526p+2, -0x1.bf0691f4d452cp+1,
    -0x1.5ced23a33c00cp+1, -0x1.f5a76aa3475d8p+0, -0x1.31748e0016b98p+0, -0x1.b506c57398560p-2,
    0x1.0000000000000p+0, 0x1.1472003231394p+0, 0x1.28e4006462728p+0, 0x1.3d56009693abcp+0,
    0x1.51c800c8c4e50p+0, 0x1.663a00faf61e4p+0, 0x1.7aac012d27578p+0, 0x1.8f1e015f5890cp+0,
    0x1.a390019189ca0p+0, 0x1.b80201c3bb034p+0, 0x1.cc7401f5ec3c8p+0, 0x1.e0e602281d75cp+0,
    0x1.f558025a4eaf0p+0, 0x1.04e501463ff42p+1, 0x1.0f1e015f5890cp+1, 0x1.19570178712d6p+1,
    0x1.2390019189ca0p+1, 0x1.2dc901aaa266ap+1, 0x1.380201c3bb034p+1, -0x1.8cccccccccccdp+0,
    -0x1.0147ae147ae14p+0, -0x1.2000000000000p+3, -0x1.051eb851eb852p+3, -0x1.d47ae147ae148p+2,
    -0x1.9eb851eb851ecp+2, -0x1.68f5c28f5c290p+2, -0x1.3333333333334p+2, -0x1.fae147ae147b0p+1,
    -0x1.8f5c28f5c28f8p+1, -0x1.23d70a3d70a40p+1, -0x1.70a3d70a3d710p+0, -0x1.3333333333340p-1,
    0x0.0p+0, -0x1.999999999999ap-3, -0x1.999999999999ap-2, -0x1.3333333333334p-1,
    -0x1.999999999999ap-1, -0x1.0000000000000p+0, -0x1.3333333333334p+0, -0x1.6666666666667p+0,
    -0x1.999999999999ap+0, -0x1.ccccccccccccdp+0, -0x1.0000000000000p+1, -0x1.199999999999ap+1,
    -0x1.3333333333334p+1, -0x1.4cccccccccccdp+1, -0x1.6666666666667p+1, -0x1.8000000000000p+1,
    -0x1.999999999999ap+1, -0x1.b333333333334p+1, -0x1.2000000000000p+3, -0x1.8126e978d4fe0p+1,
    0x1.7db22d0e56040p+1, 0x1.10e7664d05134p+2, 0x1.014e733164979p+2, 0x1.e36b002b8837cp+1,
    0x1.c43919f447406p+1, 0x1.a50733bd06490p+1, 0x1.85d54d85c551ap+1, 0x1.66a3674e845a4p+1,
    0x1.477181174362ep+1, 0x1.283f9ae0026b8p+1, 0x1.090db4a8c1742p+1, 0x1.d3b79ce300f98p+0,
    0x1.9553d0747f0acp+0, 0x1.56f00405fd1c0p+0, 0x1.188c37977b2d4p+0, 0x1.b450d651f27d0p-1,
    0x1.37893d74ee9f8p-1, 0x1.7583492fd5840p-2, 0x1.efd05dd737240p-4, 0x1.7000000000000p+4,
    0x1.7000000000000p+4, 0x1.4ed474fdc5739p+4, 0x1.2da8e9fb8ae72p+4, 0x1.0c7d5ef9505abp+4,
    0x1.d6a3a7ee2b9c8p+3, 0x1.944c91e9b683ap+3, 0x1.51f57be5416acp+3, 0x1.0f9e65e0cc51ep+3,
    0x1.9a8e9fb8ae720p+2, 0x1.15e073afc4404p+2, 0x1.22648f4db41d0p+1, 0x1.908373bdfb980p-3,
    -0x1.e0a841abe9540p+0, -0x1.f9b078e7c90d8p+1, -0x1.8186687cceb88p+2, -0x1.031a4a42dc752p+3,
    -0x1.45716047518e0p+3, -0x1.87c8764bc6a70p+3, -0x1.ca1f8c503bbfcp+3, -0x1.063b512a586c4p+4,
    -0x1.2766dc2c92f8cp+4, 0x1.8000000000000p+2, 0x1.4000000000000p+2, 0x1.0000000000000p+2,
    0x1.8000000000000p+1, 0x1.0000000000000p+1, 0x1.0000000000000p+0, 0x0.0p+0,
    -0x1.27bfaa04c90c7p+4, -0x1.1aae23c89f116p+4, -0x1.0d9c9d8c75165p+4, -0x1.008b17504b1b4p+4,
    -0x1.e6f3222842406p+3, -0x1.ccd015afee4a4p+3, -0x1.b2ad09379a542p+3, -0x1.9889fcbf465e0p+3,
    -0x1.7e66f046f267ep+3, -0x1.6443e3ce9e71cp+3, -0x1.4a20d7564a7bap+3, -0x1.2ffdcaddf6858p+3,
    -0x1.15dabe65a28f6p+3, -0x1.f76f63da9d328p+2, -0x1.c3294ae9f5464p+2, -0x1.8ee331f94d5a0p+2,
    -0x1.5a9d1908a56dcp+2, -0x1.26570017fd818p+2, -0x1.e421ce4eab2a8p+1, -0x1.7b959c6d5b520p+1,
    -0x1.13096a8c0b798p+1, -0x1.54fa715577420p+0, -0x1.07c41b25af220p-1, -0x1.0000000000000p+0,
    -0x1.9db22d0e56042p-1, -0x1.3b645a1cac084p-1, -0x1.b22d0e560418cp-2, -0x1.db22d0e560420p-3,
    -0x1.47ae147ae14a0p-5, 0x1.374bc6a7ef9d0p-3, 0x1.604189374bc64p-2, 0x1.126e978d4fdf0p-1,
    0x1.74bc6a7ef9daep-1, 0x1.d70a3d70a3d6cp-1, 0x1.1cac083126e94p+0, 0x1.4dd2f1a9fbe74p+0,
    0x1.7ef9db22d0e54p+0, 0x1.b020c49ba5e32p+0, 0x1.e147ae147ae10p+0, 0x1.09374bc6a7ef8p+1,
    0x1.21cac083126e8p+1, 0x1.3a5e353f7ced7p+1, 0x1.52f1a9fbe76c6p+1, 0x1.6b851eb851eb6p+1,
    0x1.84189374bc6a6p+1, 0x1.9cac083126e94p+1, 0x1.b53f7ced91684p+1, 0x1.cdd2f1a9fbe74p+1,
    0x1.e666666666664p+1, 0x1.fef9db22d0e54p+1, 0x1.0bc6a7ef9db21p+2, 0x1.3000000000000p+4,
    0x1.234c985f06f69p+4, 0x1.169930be0ded2p+4, 0x1.09e5c91d14e3bp+4, 0x1.fa64c2f837b48p+3,
    0x1.e0fdf3b645a1ap+3, 0x1.c7972474538ecp+3, 0x1.ae305532617bep+3, 0x1.94c985f06f690p+3,
    0x1.7b62b6ae7d562p+3, 0x1.61fbe76c8b434p+3, 0x1.4895182a99306p+3, 0x1.2f2e48e8a71d8p+3,
    0x1.15c779a6b50aap+3, 0x1.f8c154c985ef8p+2, 0x1.c5f3b645a1c9cp+2, 0x1.932617c1bda40p+2,
    0x1.6058793dd97e4p+2, 0x1.2d8adab9f5588p+2, 0x1.f57a786c22658p+1, 0x1.8fdf3b645a1a0p+1,
    0x1.2a43fe5c91ce8p+1, 0x1.895182a993060p+0, 0x1.7c36113404de0p-1, 0x1.69fcb923a29c7p+3,
    0x1.bbae87242bfedp+3, 0x1.06b02a925ab0ap+4, 0x1.2f8911929f61cp+4, 0x1.5861f892e4130p+4,
    0x1.813adf9328c42p+4, 0x1.0a3d70a3d70a4p+2, 0x1.09d7be8b84615p+2, 0x1.09720c7331b86p+2,
    0x1.090c5a5adf0f7p+2, 0x1.08a6a8428c668p+2, 0x1.0840f62a39bd9p+2, 0x1.07db4411e714ap+2,
    0x1.077591f9946bbp+2, 0x1.070fdfe141c2cp+2, 0x1.06aa2dc8ef19dp+2, 0x1.06447bb09c70ep+2,
    0x1.05dec99849c7fp+2, 0x1.0579177ff71f0p+2, 0x1.05136567a4761p+2, 0x1.04adb34f51cd2p+2,
    0x1.04480136ff243p+2, 0x1.03e24f1eac7b4p+2, 0x1.037c9d0659d25p+2, 0x1.0316eaee07296p+2,
    0x1.02b138d5b4807p+2, 0x1.024b86bd61d78p+2, 0x1.01e5d4a50f2e9p+2, 0x1.0180228cbc85ap+2,
    0x1.011a707469dcbp+2, 0x1.00b4be5c1733cp+2, 0x1.004f0c43c48adp+2, -0x1.0624dd2f1a9fcp-10,
    0x1.fef9db22d0e56p-2, 0x1.ff7ced916872bp-1, 0x1.7fbe76c8b4396p+0, 0x1.ffbe76c8b4396p+0,
    0x1.3fdf3b645a1cbp+1, 0x1.7fdf3b645a1cbp+1, 0x1.bfdf3b645a1cbp+1, 0x1.ffdf3b645a1cbp+1,
    0x1.1fef9db22d0e5p+2, 0x1.3fef9db22d0e5p+2, 0x1.5fef9db22d0e5p+2, 0x1.7fef9db22d0e5p+2,
    0x1.9fef9db22d0e5p+2, 0x1.01aaace16d4fep+4, 0x1.ed284b6cd6873p+3, 0x1.d6fb3d16d26eap+3,
    0x1.c0ce2ec0ce561p+3, 0x1.aaa1206aca3d8p+3, 0x1.94741214c624fp+3, 0x1.7e4703bec20c6p+3,
    0x1.6819f568bdf3dp+3, 0x1.51ece712b9db4p+3, 0x1.3bbfd8bcb5c2bp+3, 0x1.2592ca66b1aa2p+3,
    0x1.0f65bc10ad919p+3, 0x1.f2715b7552f20p+2, 0x1.c6173ec94ac0ep+2, 0x1.99bd221d428fcp+2,
    0x1.6d6305713a5eap+2, 0x1.4108e8c5322d8p+2, 0x1.14aecc1929fc6p+2, 0x1.d0a95eda43968p+1,
    0x1.77f5258233344p+1, 0x1.1f40ec2a22d20p+1, 0x1.8d1965a424df8p+0, 0x1.4000000000000p+2,
    0x1.b4395810624ddp+2, 0x1.14395810624ddp+3, 0x1.4e5604189374cp+3, 0x1.8872b020c49bap+3,
    0x1.c28f5c28f5c28p+3, 0x1.fcac083126e97p+3, 0x1.1b645a1cac083p+4, 0x1.428f5c28f5c29p+2,
    0x1.c28f5c28f5c30p-2, -0x1.0a3d70a3d70a3p+2, -0x1.1851eb851eb84p+3, -0x1.0ea1aa04ad39ap+3,
    -0x1.0de37480456d1p+4, -0x1.2b0414d1239e0p+0, 0x1.d000000000000p+4, 0x1.b016859b6abb4p+4,
    0x1.902d0b36d5768p+4, 0x1.704390d24031cp+4, 0x1.505a166daaed0p+4, 0x1.30709c0915a84p+4,
    0x1.108721a480638p+4, 0x1.e13b4e7fd63d8p+3, 0x1.a16859b6abb40p+3, 0x1.619564ed812a8p+3,
    0x1.21c2702456a10p+3, 0x1.c3def6b6582f0p+2, 0x1.44390d24031c0p+2, 0x1.892647235c120p+1,
    0x1.13b4e7fd63d80p+0, -0x1.d5c57c97e0e80p-1, 0x1.c000000000000p+2, 0x1.e54645960231cp+2,
    0x1.054645960231cp+3, 0x1.17e96861034aap+3, 0x1.2a8c8b2c04638p+3, 0x1.3d2fadf7057c6p+3,
    0x1.4fd2d0c206954p+3, 0x1.6275f38d07ae2p+3, 0x1.7519165808c70p+3, 0x1.87bc392309dfep+3,
    0x1.9a5f5bee0af8cp+3, 0x1.ad027eb90c11ap+3, 0x1.bfa5a1840d2a8p+3, 0x1.d248c44f0e436p+3,
    0x1.e4ebe71a0f5c4p+3, 0x1.f78f09e510752p+3, 0x1.0519165808c70p+4,
};

Test(arange, float_ranges_equal_numpy_bit_for_bit)
{
    const size_t n_cases = sizeof arange_cases / sizeof arange_cases[0];
    cr_assert_geq(n_cases, 250);
    for (size_t c = 0; c < n_cases; c++) {
        const struct arange_case *a = &arange_cases[c];
        char spec[80];
        snprintf(spec, sizeof spec, "x=%.63s", a->spec);
        bt_grid g = {0};
        bt_error err = {0};
        cr_assert_eq(bt_grid_add_param(&g, spec, &err), BT_OK, "%s: %s", spec, err.msg);
        cr_assert_eq(g.params[0].n_values, a->n, "%s: %zu values, numpy has %zu", spec, g.params[0].n_values, a->n);
        for (size_t i = 0; i < a->n; i++) {
            double want = arange_values[a->first + i], got = g.params[0].values[i];
            cr_assert(memcmp(&want, &got, sizeof want) == 0, "%s: value %zu is %a, numpy has %a", spec, i, got, want);
            cr_assert_eq(g.params[0].types[i], BT_PTYPE_FLOAT, "%s: numpy.arange gives floats", spec);
        }
        bt_grid_free(&g);
    }
}

Test(arange, integer_ranges_stay_python_ranges)
{
    bt_grid g = {0};
    bt_error err = {0};
    cr_assert_eq(bt_grid_add_param(&g, "n=10:0:-3", &err), BT_OK);
    for (size_t i = 0; i < 4; i++)
        cr_assert_eq(g.params[0].types[i], BT_PTYPE_INT);
    bt_grid_free(&g);
}
