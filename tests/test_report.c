#define _POSIX_C_SOURCE 200809L
/* Output formats: round-trip numbers, heatmap and statistics JSON details. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    cr_assert_eq(bt_write_stats_json(f, &s, bt_strategy_find("sma_cross"), params, &st), BT_OK);
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
    cr_assert_eq(bt_write_stats_json(f, &s, bt_strategy_find("sma_cross"), params, &st), BT_OK);
    fclose(f);
    cr_assert(strstr(text, "\"Start\": 0,") && strstr(text, "\"End\": 2147,"), "%s", text);
    cr_assert(strstr(text, "\"Duration\": 2147,") != NULL, "%s", text);
    cr_assert(strstr(text, "\"Max. Drawdown Duration\": 571.0,") != NULL, "%s", text);
    cr_assert(strstr(text, "\"Max. Trade Duration\": 85,") != NULL, "%s", text);
    cr_assert(strstr(text, "\"Avg. Trade Duration\": 21.763440860215052,") != NULL, "%s", text);
    cr_assert(strstr(text, "CAGR") == NULL, "no CAGR key without a datetime index: %s", text);
    free(text);
}
