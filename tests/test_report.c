#define _POSIX_C_SOURCE 200809L
/* Output formats: round-trip numbers, heatmap and statistics JSON details. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "btgpu.h"
#include "report.h"

typedef struct fmt_case {
    double v;
    int as_int;
    const char *want;
} fmt_case;

Test(report, numbers_print_like_python_repr)
{
    static const fmt_case cases[] = {
        {0.1, 0, "0.1"},
        {50.0, 0, "50.0"},
        {50.0, 1, "50"},
        {77829.05462000002, 0, "77829.05462000002"},
        {1e-05, 0, "1e-05"},
        {0.0001, 0, "0.0001"},
        {1e16, 0, "1e+16"},
        {123456789012345.6, 0, "123456789012345.6"},
        {-0.0, 0, "-0.0"},
        {208.0, 0, "208.0"},
        {-3.0, 0, "-3.0"},
        {4503599627370497.0, 0, "4503599627370497.0"},
        {9007199254740991.0, 0, "9007199254740991.0"},
        {9007199254740994.0, 0, "9007199254740994.0"},
        {NAN, 0, "nan"},
        {INFINITY, 0, "inf"},
        {-INFINITY, 0, "-inf"},
        {2.5, 1, "2.5"},
    };
    char buf[64];
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        bt_format_double(cases[k].v, cases[k].as_int, buf, sizeof buf);
        cr_assert_str_eq(buf, cases[k].want, "%.17g (as_int %d)", cases[k].v, cases[k].as_int);
        if (isfinite(cases[k].v))
            cr_assert_eq(strtod(buf, NULL), cases[k].v, "%s reads back", buf);
    }
}

Test(report, json_writes_nan_as_null_infinities_as_strings_and_durations_in_days)
{
    bt_series s = {0};
    s.is_datetime = 1;
    bt_stats st;
    memset(&st, 0, sizeof st);
    for (int id = 0; id < BT_N_STATS; id++) {
        st.present[id] = 1;
        st.kind[id] = BT_KIND_NUMBER;
        st.v[id] = 1.5;
    }
    st.kind[BT_STAT_START] = st.kind[BT_STAT_END] = BT_KIND_TIME;
    st.v[BT_STAT_START] = 1092873600; /* 2004-08-19 */
    st.v[BT_STAT_END] = 1362096000;   /* 2013-03-01 */
    st.kind[BT_STAT_DURATION] = BT_KIND_TIMEDELTA;
    st.v[BT_STAT_DURATION] = 3116.0 * 86400;
    st.v[BT_STAT_SORTINO] = INFINITY;
    st.v[BT_STAT_CALMAR] = -INFINITY;
    st.v[BT_STAT_SQN] = NAN;
    st.present[BT_STAT_COMMISSIONS] = 0;
    st.v[BT_STAT_N_TRADES] = 93;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    cr_assert(f != NULL);
    double params[2] = {10, 15};
    cr_assert_eq(bt_write_stats_json(f, &s, bt_strategy_find("sma_cross"), NULL, NULL, NULL, params, NULL, &st), BT_OK);
    fclose(f);
    cr_assert(strstr(text, "\"params\": {\"n1\": 10, \"n2\": 15}") != NULL, "%s", text);
    cr_assert(strstr(text, "\"Start\": \"2004-08-19T00:00:00\"") != NULL, "%s", text);
    cr_assert(strstr(text, "\"End\": \"2013-03-01T00:00:00\"") != NULL, "%s", text);
    cr_assert(strstr(text, "\"Duration\": 3116.0") != NULL, "%s", text);
    cr_assert(strstr(text, "\"Sortino Ratio\": \"inf\"") != NULL, "%s", text);
    cr_assert(strstr(text, "\"Calmar Ratio\": \"-inf\"") != NULL, "%s", text);
    cr_assert(strstr(text, "\"SQN\": null") != NULL, "%s", text);
    cr_assert(strstr(text, "\"# Trades\": 93,") != NULL, "%s", text);
    cr_assert(strstr(text, "Commissions") == NULL, "absent keys are left out: %s", text);
    free(text);
}

Test(report, integer_index_durations_print_like_backtesting_py)
{
    bt_series s = {0}; /* is_datetime = 0: a RangeIndex */
    bt_stats st;
    memset(&st, 0, sizeof st);
    for (int id = 0; id < BT_N_STATS; id++) {
        st.present[id] = 1;
        st.kind[id] = BT_KIND_NUMBER;
        st.v[id] = 0.5;
    }
    st.present[BT_STAT_CAGR] = 0;
    st.kind[BT_STAT_START] = st.kind[BT_STAT_END] = BT_KIND_TIME;
    st.v[BT_STAT_START] = 0;
    st.v[BT_STAT_END] = 2147;
    st.v[BT_STAT_DURATION] = 2147;            /* an int in backtesting.py */
    st.v[BT_STAT_MAX_DD_DURATION] = 571;      /* a float there (NaN-padded series) */
    st.v[BT_STAT_MAX_TRADE_DURATION] = 85;    /* an int */
    st.v[BT_STAT_AVG_TRADE_DURATION] = 21.763440860215052;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    double params[2] = {10, 20};
    cr_assert_eq(bt_write_stats_json(f, &s, bt_strategy_find("sma_cross"), NULL, NULL, NULL, params, NULL, &st), BT_OK);
    fclose(f);
    cr_assert(strstr(text, "\"Start\": 0,") && strstr(text, "\"End\": 2147,"), "%s", text);
    cr_assert(strstr(text, "\"Duration\": 2147,") != NULL, "%s", text);
    cr_assert(strstr(text, "\"Max. Drawdown Duration\": 571.0,") != NULL, "%s", text);
    cr_assert(strstr(text, "\"Max. Trade Duration\": 85,") != NULL, "%s", text);
    cr_assert(strstr(text, "\"Avg. Trade Duration\": 21.763440860215052,") != NULL, "%s", text);
    cr_assert(strstr(text, "CAGR") == NULL, "no CAGR key without a datetime index: %s", text);
    free(text);
}

Test(report, trades_and_equity_durations_of_an_int64_spanning_index_are_exact)
{
    int64_t t[4] = {INT64_MIN + 1, -INT64_C(5000000000000000000), INT64_C(5000000000000000000), INT64_MAX - 1};
    double close[4] = {10, 11, 12, 13}, equity[4] = {100, 90, 100, 95};
    bt_series s = {.n = 4, .time = t, .close = close};
    bt_trade tr = {.size = 1, .entry_bar = 0, .exit_bar = 3, .entry_price = 10, .exit_price = 13, .sl = NAN,
                   .tp = NAN, .pnl = 3, .return_pct = 0.3};
    bt_run run = {.n_bars = 4, .equity = equity, .trades = &tr, .n_trades = 1};
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    cr_assert_eq(bt_write_trades_csv(f, &s, &run), BT_OK);
    fclose(f);
    /* 2^64 - 3 exactly: pandas' int64 difference would wrap to -3 */
    cr_assert(strstr(text, ",-9223372036854775807,9223372036854775806,18446744073709551613,\n") != NULL, "%s", text);
    free(text);
    f = open_memstream(&text, &len);
    cr_assert_eq(bt_write_equity_csv(f, &s, &run), BT_OK);
    fclose(f);
    /* an episode ends at bar 2, 5e18 + 2^63 - 1 after bar 0; the dip on the last bar has no bar inside */
    cr_assert_str_eq(text, ",Equity,DrawdownPct,DrawdownDuration\n"
                           "-9223372036854775807,100.0,0.0,\n"
                           "-5000000000000000000,90.0,0.09999999999999998,\n"
                           "5000000000000000000,100.0,0.0,1.4223372036854776e+19\n"
                           "9223372036854775806,95.0,0.050000000000000044,\n");
    free(text);
}

/* Parameter values print as Python's repr() of their type: the expected
 * texts are CPython 3.11's repr(int(v)), repr(float(v)), repr(bool(v)). */
Test(report, parameters_print_as_python_repr_of_their_type)
{
    static const struct { double v; int type; const char *want; } cases[] = {
        {2, BT_PTYPE_INT, "2"},
        {-7, BT_PTYPE_INT, "-7"},
        {-0.0, BT_PTYPE_INT, "0"},
        {9007199254740992.0, BT_PTYPE_INT, "9007199254740992"},
        {1e20, BT_PTYPE_INT, "100000000000000000000"},
        {2, BT_PTYPE_FLOAT, "2.0"},
        {0.1, BT_PTYPE_FLOAT, "0.1"},
        {1e-05, BT_PTYPE_FLOAT, "1e-05"},
        {0.1 + 0.2, BT_PTYPE_FLOAT, "0.30000000000000004"},
        {0.0001, BT_PTYPE_FLOAT, "0.0001"},
        {1e15, BT_PTYPE_FLOAT, "1000000000000000.0"},
        {1e16, BT_PTYPE_FLOAT, "1e+16"},
        {12247663604700484.0, BT_PTYPE_FLOAT, "1.2247663604700484e+16"},
        {-52195132875345096.0, BT_PTYPE_FLOAT, "-5.2195132875345096e+16"},
        {9999999999999998.0, BT_PTYPE_FLOAT, "9999999999999998.0"},
        {1.5e22, BT_PTYPE_FLOAT, "1.5e+22"},
        {5e-324, BT_PTYPE_FLOAT, "5e-324"},
        {1.7976931348623157e308, BT_PTYPE_FLOAT, "1.7976931348623157e+308"},
        {-0.0, BT_PTYPE_FLOAT, "-0.0"},
        {-2.5, BT_PTYPE_FLOAT, "-2.5"},
        {INFINITY, BT_PTYPE_FLOAT, "inf"},
        {-INFINITY, BT_PTYPE_FLOAT, "-inf"},
        {NAN, BT_PTYPE_FLOAT, "nan"},
        {1, BT_PTYPE_BOOL, "True"},
        {0, BT_PTYPE_BOOL, "False"},
    };
    char buf[64];
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        bt_format_param(cases[k].v, cases[k].type, buf, sizeof buf);
        cr_assert_str_eq(buf, cases[k].want, "%.17g (type %d)", cases[k].v, cases[k].type);
    }
}

static char *heatmap_text(const bt_grid *g, const double *rows, const int *types, size_t n_rows)
{
    char path[512];
    snprintf(path, sizeof path, "%s/report-heat.%d.csv", BTGPU_TEST_TMP, (int)getpid());
    mkdir(BTGPU_TEST_TMP, 0777);
    bt_heatmap_writer w = {0};
    bt_error err = {0};
    cr_assert_eq(bt_heatmap_open(&w, path, g, "SQN", &err), BT_OK, "%s", err.msg);
    for (size_t r = 0; r < n_rows; r++)
        cr_assert_eq(bt_heatmap_typed_row(&w, rows + r * g->n_params, types + r * g->n_params, 0.5), BT_OK);
    cr_assert_eq(bt_heatmap_close(&w, &err), BT_OK);
    static char text[4096];
    FILE *f = fopen(path, "r");
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    unlink(path);
    return text;
}

Test(report, heatmap_rows_print_each_value_with_its_type)
{
    bt_grid g = {0};
    bt_error err = {0};
    cr_assert_eq(bt_grid_add_param(&g, "k=1.5,2,2.5", &err), BT_OK);
    cr_assert_eq(bt_grid_add_param(&g, "flag=True,False", &err), BT_OK);
    cr_assert_eq(bt_grid_add_param(&g, "sl=0.01:0.04:0.01", &err), BT_OK);
    double rows[3 * 3];
    int types[3 * 3];
    uint64_t ks[3] = {0, 7, 17};
    for (int r = 0; r < 3; r++)
        bt_grid_decode_types(&g, ks[r], rows + 3 * r, types + 3 * r);
    char *h = heatmap_text(&g, rows, types, 3);
    /* numpy.arange(0.01, 0.04, 0.01) is [0.01, 0.02, 0.03] */
    cr_assert_str_eq(h, "k,flag,sl,SQN\n1.5,True,0.01,0.5\n2,True,0.02,0.5\n2.5,False,0.03,0.5\n");
    bt_grid_free(&g);
}

Test(report, stats_json_gives_parameters_their_types)
{
    bt_series s = {0};
    bt_stats st;
    memset(&st, 0, sizeof st);
    st.present[BT_STAT_SQN] = 1;
    st.v[BT_STAT_SQN] = 1.25;
    bt_strategy_info info = {.name = "x", .description = "", .n_params = 5,
                             .param_names = {"n", "sl", "flag", "off", "big"},
                             .param_types = {BT_PTYPE_INT, BT_PTYPE_FLOAT, BT_PTYPE_BOOL, BT_PTYPE_BOOL,
                                             BT_PTYPE_FLOAT}};
    double params[5] = {14, 0.02, 1, 0, 1e-05};
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    cr_assert_eq(bt_write_stats_json(f, &s, &info, NULL, NULL, NULL, params, NULL, &st), BT_OK);
    fclose(f);
    cr_assert(strstr(text, "\"params\": {\"n\": 14, \"sl\": 0.02, \"flag\": true, \"off\": false, \"big\": 1e-05}"),
              "%s", text);
    free(text);
    /* per-combination types override the defaults' */
    int types[5] = {BT_PTYPE_FLOAT, BT_PTYPE_FLOAT, BT_PTYPE_INT, BT_PTYPE_BOOL, BT_PTYPE_FLOAT};
    f = open_memstream(&text, &len);
    cr_assert_eq(bt_write_stats_json(f, &s, &info, NULL, NULL, NULL, params, types, &st), BT_OK);
    fclose(f);
    cr_assert(strstr(text, "\"params\": {\"n\": 14.0, \"sl\": 0.02, \"flag\": 1, \"off\": false, \"big\": 1e-05}"),
              "%s", text);
    free(text);
}

Test(report, stats_json_params_are_the_swept_ones_in_grid_order)
{
    bt_series s = {0};
    bt_stats st;
    memset(&st, 0, sizeof st);
    bt_strategy_info info = {.name = "x", .description = "", .n_params = 3, .param_names = {"n", "sl", "flag"},
                             .param_types = {BT_PTYPE_INT, BT_PTYPE_FLOAT, BT_PTYPE_BOOL}};
    bt_grid g = {0};
    bt_error err = {0};
    cr_assert_eq(bt_grid_add_param(&g, "flag=True,False", &err), BT_OK);
    cr_assert_eq(bt_grid_add_param(&g, "sl=0.01:0.03:0.01", &err), BT_OK);
    double values[2];
    int types[2];
    bt_grid_decode_types(&g, 3, values, types); /* (False, 0.02) */
    double params[3] = {14, values[1], values[0]};
    int ptypes[3] = {BT_PTYPE_INT, types[1], types[0]};
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    cr_assert_eq(bt_write_stats_json(f, &s, &info, &g, values, types, params, ptypes, &st), BT_OK);
    fclose(f);
    cr_assert(strstr(text, "\"params\": {\"flag\": false, \"sl\": 0.02},\n"
                           "  \"all_params\": {\"n\": 14, \"sl\": 0.02, \"flag\": false},\n  \"stats\": {"),
              "%s", text);
    free(text);
    bt_grid_free(&g);
}
