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
        {"n1=5:x", BT_ERR_USAGE, "--param 'n1=5:x': stop 'x' is not an integer"},
        {"n1=1.5:3", BT_ERR_USAGE, "--param 'n1=1.5:3': start '1.5' is not an integer (a range needs integers)"},
        {"n1=1:5:0", BT_ERR_USAGE, "--param 'n1=1:5:0': the range step must not be zero"},
        {"n1=1:5:2x", BT_ERR_USAGE, "step '2x' is not an integer"},
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
