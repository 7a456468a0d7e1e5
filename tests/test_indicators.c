/* The indicator library (host/indicators/) against pandas 3.1.1 and TA-Lib
 * 0.6.8 (C 0.6.4), bit for bit, from the golden files that
 * scripts/gen-indicator-golden.py writes into tests/golden/indicators/;
 * plus the option checks and their messages. No Python at run time. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "btgpu.h"
#include "indicators.h"

#ifndef BTGPU_SOURCE_DIR
#error "BTGPU_SOURCE_DIR must be defined (CMakeLists.txt)"
#endif
#define GOLDEN_DIR BTGPU_SOURCE_DIR "/tests/golden/indicators/"

/* ------------------------------------------------------------ reading */

#define MAX_SERIES 8
#define MAX_LEN 4096

typedef struct gseries {
    char name[32];
    size_t n;
    double col[5][MAX_LEN]; /* open high low close volume */
} gseries;

static const char *COLS[5] = {"open", "high", "low", "close", "volume"};
static gseries *g_series;
static size_t g_n_series;

static char *slurp_big(const char *path)
{
    FILE *f = fopen(path, "rb");
    cr_assert(f, "cannot open %s (regenerate with scripts/gen-indicator-golden.py)", path);
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)len + 1);
    cr_assert(buf);
    cr_assert_eq(fread(buf, 1, (size_t)len, f), (size_t)len);
    buf[len] = 0;
    fclose(f);
    return buf;
}

/* parses up to cap doubles from p (space separated, float.hex or nan/inf) */
static size_t parse_values(char *p, double *out, size_t cap)
{
    size_t k = 0;
    while (*p && k < cap) {
        while (*p == ' ')
            p++;
        if (!*p || *p == '\n')
            break;
        char *end;
        out[k++] = strtod(p, &end);
        cr_assert(end != p, "bad number near '%.20s'", p);
        p = end;
    }
    return k;
}

static void load_series(void)
{
    if (g_series)
        return;
    g_series = calloc(MAX_SERIES, sizeof *g_series);
    char *text = slurp_big(GOLDEN_DIR "series.txt");
    gseries *cur = NULL;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#')
            continue;
        if (!strncmp(line, "series ", 7)) {
            cr_assert(g_n_series < MAX_SERIES);
            cur = &g_series[g_n_series++];
            cr_assert_eq(sscanf(line + 7, "%31s %zu", cur->name, &cur->n), 2);
            cr_assert(cur->n <= MAX_LEN);
            continue;
        }
        cr_assert(cur);
        for (int c = 0; c < 5; c++) {
            size_t l = strlen(COLS[c]);
            if (!strncmp(line, COLS[c], l) && line[l] == ' ')
                cr_assert_eq(parse_values(line + l, cur->col[c], MAX_LEN), cur->n, "series %s column %s", cur->name, COLS[c]);
        }
    }
    free(text);
}

static const double *series_col(const char *sname, const char *col, size_t *n)
{
    for (size_t i = 0; i < g_n_series; i++)
        if (!strcmp(g_series[i].name, sname))
            for (int c = 0; c < 5; c++)
                if (!strcmp(COLS[c], col)) {
                    *n = g_series[i].n;
                    return g_series[i].col[c];
                }
    cr_assert_fail("unknown series %s.%s", sname, col);
    return NULL;
}

typedef struct gcase {
    char func[32], series[32];
    char inputs[4][16];
    size_t n_inputs;
    char opt_name[8][24];
    double opt_val[8];
    size_t n_opts;
    char opts_text[256];
    char out_name[3][24];
    double *expect[3];
    size_t n_out;
} gcase;

static int opt_get(const gcase *c, const char *name, double *v)
{
    for (size_t k = 0; k < c->n_opts; k++)
        if (!strcmp(c->opt_name[k], name)) {
            *v = c->opt_val[k];
            return 1;
        }
    return 0;
}

static double opt_req(const gcase *c, const char *name)
{
    double v = 0;
    cr_assert(opt_get(c, name, &v), "%s: option %s missing", c->func, name);
    return v;
}

static uint64_t bits(double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

static int same(double a, double b)
{
    return (a != a && b != b) || bits(a) == bits(b);
}

static size_t g_compared;

static void compare(const gcase *c, const char *out_name, const double *exp, const double *got, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!same(exp[i], got[i]))
            cr_assert_fail("%s on %s (%s; opts %s) output %s: first mismatch at index %zu: expected %a (%.17g), got "
                           "%a (%.17g)",
                           c->func, c->series, c->inputs[0], c->opts_text, out_name, i, exp[i], exp[i], got[i],
                           got[i]);
    }
    g_compared += n;
}

/* ------------------------------------------------------------ dispatch */

static void run_pandas(const gcase *c, const double *x, size_t n, double *out)
{
    const char *f = c->func;
    double v;
    if (!strncmp(f, "rolling_", 8)) {
        size_t w = (size_t)opt_req(c, "window"), mp = (size_t)opt_req(c, "min_periods");
        int ddof = opt_get(c, "ddof", &v) ? (int)v : 1;
        cr_assert_eq(bt_pd_rolling_check((long)w, (long)mp, NULL), BT_OK);
        if (!strcmp(f, "rolling_mean"))
            bt_pd_rolling_mean(x, n, w, mp, out);
        else if (!strcmp(f, "rolling_sum"))
            bt_pd_rolling_sum(x, n, w, mp, out);
        else if (!strcmp(f, "rolling_var"))
            bt_pd_rolling_var(x, n, w, mp, ddof, out);
        else if (!strcmp(f, "rolling_std"))
            bt_pd_rolling_std(x, n, w, mp, ddof, out);
        else if (!strcmp(f, "rolling_max"))
            bt_pd_rolling_max(x, n, w, mp, out);
        else if (!strcmp(f, "rolling_min"))
            bt_pd_rolling_min(x, n, w, mp, out);
        else
            cr_assert_fail("unknown %s", f);
        if (!strcmp(f, "rolling_mean") && mp == w) {
            /* backtesting.test.SMA is the same series */
            double *sma = malloc(n * sizeof *sma);
            bt_sma_pandas(x, n, w, sma);
            compare(c, "bt_sma_pandas", out, sma, n);
            free(sma);
        }
    } else if (!strcmp(f, "ewm_mean")) {
        static const char *kinds[4] = {"com", "span", "halflife", "alpha"};
        int kind = -1;
        double val = 0;
        for (int k = 0; k < 4; k++)
            if (opt_get(c, kinds[k], &val)) {
                kind = k;
                break;
            }
        cr_assert(kind >= 0);
        double com, alpha;
        cr_assert_eq(bt_pd_ewm_com(kind, val, &com, NULL), BT_OK);
        cr_assert_eq(bt_pd_ewm_alpha(kind, val, &alpha, NULL), BT_OK);
        int adjust = (int)opt_req(c, "adjust"), ig = (int)opt_req(c, "ignore_na");
        size_t mp = (size_t)opt_req(c, "min_periods");
        bt_pd_ewm_mean_com(x, n, com, adjust, mp, ig, out);
        double *o2 = malloc(n * sizeof *o2);
        bt_pd_ewm_mean(x, n, alpha, adjust, mp, ig, o2);
        compare(c, "ewm via alpha", out, o2, n);
        free(o2);
    } else if (!strcmp(f, "diff")) {
        bt_pd_diff(x, n, (long)opt_req(c, "k"), out);
    } else if (!strcmp(f, "shift")) {
        bt_pd_shift(x, n, (long)opt_req(c, "k"), out);
    } else if (!strcmp(f, "pct_change")) {
        bt_pd_pct_change(x, n, (long)opt_req(c, "k"), out);
    } else if (!strcmp(f, "bfill")) {
        bt_pd_bfill(x, n, out);
    } else if (!strcmp(f, "ffill")) {
        bt_pd_ffill(x, n, out);
    } else {
        cr_assert_fail("unknown pandas op %s", f);
    }
}

static void run_case(const gcase *c)
{
    size_t n = 0;
    const double *in[4];
    for (size_t k = 0; k < c->n_inputs; k++)
        in[k] = series_col(c->series, c->inputs[k], &n);
    double *out[3];
    for (size_t k = 0; k < 3; k++) {
        out[k] = malloc(n * sizeof(double));
        for (size_t i = 0; i < n; i++)
            out[k][i] = -12345.678; /* any slot left unwritten shows up */
    }
    const bt_ta_func *f = bt_ta_find(c->func);
    if (f) {
        cr_assert_eq(f->n_inputs, c->n_inputs, "%s: inputs", c->func);
        cr_assert_eq(f->n_outputs, c->n_out, "%s: outputs", c->func);
        double opts[BT_TA_MAX_OPTS];
        for (size_t k = 0; k < f->n_opts; k++) {
            cr_assert(opt_get(c, f->opt_names[k], &opts[k]), "%s: golden case lacks option %s", c->func,
                      f->opt_names[k]);
        }
        bt_error err = {0};
        int rc = f->compute(in, n, opts, out, &err);
        cr_assert_eq(rc, BT_OK, "%s (%s): %s", c->func, c->opts_text, err.msg);
        for (size_t k = 0; k < c->n_out; k++) {
            cr_assert_str_eq(f->outputs[k], c->out_name[k]);
            compare(c, c->out_name[k], c->expect[k], out[k], n);
        }
    } else {
        cr_assert_eq(c->n_out, 1);
        run_pandas(c, in[0], n, out[0]);
        compare(c, c->out_name[0], c->expect[0], out[0], n);
    }
    for (size_t k = 0; k < 3; k++)
        free(out[k]);
}

/* Reads one golden file and checks every case in it; returns the case count. */
static size_t check_file(const char *name)
{
    load_series();
    char path[1024];
    snprintf(path, sizeof path, "%s%s.txt", GOLDEN_DIR, name);
    char *text = slurp_big(path);
    size_t ncase = 0, before = g_compared;
    gcase c;
    memset(&c, 0, sizeof c);
    int open = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save);; line = strtok_r(NULL, "\n", &save)) {
        if (!line || !strncmp(line, "case ", 5)) {
            if (open) {
                run_case(&c);
                ncase++;
                for (size_t k = 0; k < c.n_out; k++)
                    free(c.expect[k]);
                memset(&c, 0, sizeof c);
                open = 0;
            }
            if (!line)
                break;
            char inputs[128], opts[256];
            cr_assert_eq(sscanf(line + 5, "%31s %31s inputs=%127s opts=%255s", c.func, c.series, inputs, opts), 4,
                         "bad case line: %s", line);
            snprintf(c.opts_text, sizeof c.opts_text, "%s", opts);
            for (char *tok = strtok(inputs, ","); tok; tok = strtok(NULL, ","))
                snprintf(c.inputs[c.n_inputs++], sizeof c.inputs[0], "%s", tok);
            if (strcmp(opts, "-"))
                for (char *tok = strtok(opts, ","); tok; tok = strtok(NULL, ",")) {
                    char *eq = strchr(tok, '=');
                    cr_assert(eq);
                    *eq = 0;
                    snprintf(c.opt_name[c.n_opts], sizeof c.opt_name[0], "%s", tok);
                    c.opt_val[c.n_opts++] = strtod(eq + 1, NULL);
                }
            open = 1;
        } else if (!strncmp(line, "out ", 4)) {
            cr_assert(open && c.n_out < 3);
            char *p = line + 4, *sp = strchr(p, ' ');
            cr_assert(sp);
            *sp = 0;
            snprintf(c.out_name[c.n_out], sizeof c.out_name[0], "%s", p);
            c.expect[c.n_out] = malloc(MAX_LEN * sizeof(double));
            parse_values(sp + 1, c.expect[c.n_out], MAX_LEN);
            c.n_out++;
        }
    }
    free(text);
    cr_assert(ncase > 0, "%s: no cases", name);
    cr_assert(g_compared > before, "%s: nothing compared", name);
    return ncase;
}

/* ------------------------------------------------------------ golden tests */

#define GOLDEN(file)                                                                               \
    Test(golden, file)                                                                             \
    {                                                                                              \
        check_file(#file);                                                                         \
    }

GOLDEN(pd_rolling_mean)
GOLDEN(pd_rolling_sum)
GOLDEN(pd_rolling_var)
GOLDEN(pd_rolling_std)
GOLDEN(pd_rolling_max)
GOLDEN(pd_rolling_min)
GOLDEN(pd_ewm_mean)
GOLDEN(pd_diff)
GOLDEN(pd_shift)
GOLDEN(pd_pct_change)
GOLDEN(pd_fill)

/* every registry row has a golden file and passes it */
Test(golden, every_talib_function)
{
    cr_assert_geq(bt_ta_count(), 13);
    for (size_t i = 0; i < bt_ta_count(); i++) {
        char name[64];
        snprintf(name, sizeof name, "ta_%s", bt_ta_at(i)->name);
        check_file(name);
    }
}

/* ------------------------------------------------------------ registry and options */

static void default_opts(const bt_ta_func *f, double *o)
{
    for (size_t k = 0; k < f->n_opts; k++)
        o[k] = f->opt_default[k];
}

Test(talib, registry_rows)
{
    static const char *need[] = {"SMA", "EMA", "WMA", "RSI", "ATR", "MACD", "BBANDS", "MAX", "MIN", "STOCH",
                                 "ADX", "OBV", "CCI"};
    for (size_t i = 0; i < sizeof need / sizeof need[0]; i++)
        cr_assert(bt_ta_find(need[i]), "%s missing", need[i]);
    cr_assert_null(bt_ta_find("NOPE"));
    const bt_ta_func *f = bt_ta_find("RSI");
    cr_assert_eq(f->n_opts, 1);
    cr_assert_str_eq(f->opt_names[0], "timeperiod");
    cr_assert_eq(f->opt_default[0], 14);
    cr_assert_eq(f->opt_min[0], 2);
    cr_assert_eq(f->opt_max[0], 100000);
    f = bt_ta_find("MACD");
    cr_assert_eq(f->n_outputs, 3);
    cr_assert_str_eq(f->outputs[1], "macdsignal");
    double o[BT_TA_MAX_OPTS];
    default_opts(f, o);
    cr_assert_eq(f->lookback(o), 33);
    f = bt_ta_find("ATR");
    cr_assert_str_eq(f->inputs[2], "close");
    f = bt_ta_find("ADX");
    default_opts(f, o);
    cr_assert_eq(f->lookback(o), 27);
}

Test(talib, option_ranges)
{
    const bt_ta_func *f = bt_ta_find("RSI");
    double o[BT_TA_MAX_OPTS] = {1};
    double x[40], out0[40];
    for (int i = 0; i < 40; i++)
        x[i] = 10 + (i % 7);
    const double *in[1] = {x};
    double *out[1] = {out0};
    bt_error err = {0};
    cr_assert_eq(f->compute(in, 40, o, out, &err), BT_ERR_USAGE);
    cr_assert(strstr(err.msg, "RSI: timeperiod 1 is out of range 2..100000"), "%s", err.msg);
    o[0] = 100001;
    cr_assert_eq(f->compute(in, 40, o, out, &err), BT_ERR_USAGE);
    cr_assert(strstr(err.msg, "timeperiod 100001"), "%s", err.msg);
    o[0] = 2.5;
    cr_assert_eq(f->compute(in, 40, o, out, &err), BT_ERR_USAGE);
    cr_assert(strstr(err.msg, "must be an integer"), "%s", err.msg);
    o[0] = 2;
    cr_assert_eq(f->compute(in, 40, o, out, &err), BT_OK);

    f = bt_ta_find("BBANDS");
    double ob[4] = {5, 2, 2, 1};
    double u[40], m[40], l[40];
    double *outb[3] = {u, m, l};
    cr_assert_eq(bt_ta_check_opts(f, ob, &err), BT_ERR_USAGE);
    cr_assert_str_eq(err.msg, "BBANDS: matype 1 is not supported (only 0, SMA)");
    ob[3] = 0;
    ob[1] = 3.1e37;
    cr_assert_eq(f->compute(in, 40, ob, outb, &err), BT_ERR_USAGE);
    cr_assert(strstr(err.msg, "BBANDS: nbdevup"), "%s", err.msg);

    f = bt_ta_find("MACD");
    double om[3] = {12, 26, 1};
    cr_assert_eq(bt_ta_check_opts(f, om, &err), BT_ERR_USAGE);
    cr_assert(strstr(err.msg, "MACD: signalperiod 1 is not supported"), "%s", err.msg);
    om[0] = 1;
    om[2] = 9;
    cr_assert_eq(bt_ta_check_opts(f, om, &err), BT_ERR_USAGE);
    cr_assert(strstr(err.msg, "MACD: fastperiod 1 is out of range 2..100000"), "%s", err.msg);
}

/* ta-lib-python's NaN rule: leading NaNs of all inputs jointly are skipped */
Test(talib, begidx_rule)
{
    double h[30], l[30], c[30], a[30];
    for (int i = 0; i < 30; i++) {
        c[i] = 100 + i * 0.5 + (i % 3);
        h[i] = c[i] + 1;
        l[i] = c[i] - 1;
    }
    h[0] = h[1] = NAN;
    c[0] = NAN;
    l[2] = NAN; /* bar 2 also lacks an input: begidx = 3 */
    const double *in[3] = {h, l, c};
    double *out[1] = {a};
    double o[1] = {5};
    cr_assert_eq(bt_ta_find("ATR")->compute(in, 30, o, out, NULL), BT_OK);
    for (int i = 0; i < 8; i++)
        cr_assert(isnan(a[i]), "index %d", i);
    cr_assert(!isnan(a[8]));
    /* all NaN: begidx = n-1, everything NaN */
    double z[10], zo[10];
    for (int i = 0; i < 10; i++)
        z[i] = NAN;
    const double *in1[1] = {z};
    double *out1[1] = {zo};
    double p[1] = {3};
    cr_assert_eq(bt_ta_find("SMA")->compute(in1, 10, p, out1, NULL), BT_OK);
    for (int i = 0; i < 10; i++)
        cr_assert(isnan(zo[i]));
}

Test(pandas, ewm_validation)
{
    bt_error err = {0};
    double v;
    cr_assert_eq(bt_pd_ewm_alpha(BT_EWM_SPAN, 0.5, &v, &err), BT_ERR_USAGE);
    cr_assert_str_eq(err.msg, "ValueError: span must satisfy: span >= 1");
    cr_assert_eq(bt_pd_ewm_alpha(BT_EWM_COM, -1, &v, &err), BT_ERR_USAGE);
    cr_assert_str_eq(err.msg, "ValueError: comass must satisfy: comass >= 0");
    cr_assert_eq(bt_pd_ewm_alpha(BT_EWM_HALFLIFE, 0, &v, &err), BT_ERR_USAGE);
    cr_assert_str_eq(err.msg, "ValueError: halflife must satisfy: halflife > 0");
    cr_assert_eq(bt_pd_ewm_alpha(BT_EWM_ALPHA, 1.5, &v, &err), BT_ERR_USAGE);
    cr_assert_str_eq(err.msg, "ValueError: alpha must satisfy: 0 < alpha <= 1");
    cr_assert_eq(bt_pd_ewm_alpha(BT_EWM_ALPHA, 0, &v, &err), BT_ERR_USAGE);
    cr_assert_eq(bt_pd_ewm_alpha(BT_EWM_SPAN, 20, &v, &err), BT_OK);
    cr_assert_eq(v, 1. / (1. + 9.5));
    cr_assert_eq(bt_pd_ewm_alpha(BT_EWM_ALPHA, 1, &v, &err), BT_OK);
    cr_assert_eq(v, 1.0);
}

Test(pandas, rolling_validation)
{
    bt_error err = {0};
    cr_assert_eq(bt_pd_rolling_check(-1, 0, &err), BT_ERR_USAGE);
    cr_assert_str_eq(err.msg, "ValueError: window must be an integer 0 or greater");
    cr_assert_eq(bt_pd_rolling_check(5, 6, &err), BT_ERR_USAGE);
    cr_assert_str_eq(err.msg, "ValueError: min_periods 6 must be <= window 5");
    cr_assert_eq(bt_pd_rolling_check(5, -1, &err), BT_ERR_USAGE);
    cr_assert_str_eq(err.msg, "ValueError: min_periods must be >= 0");
    cr_assert_eq(bt_pd_rolling_check(5, 5, &err), BT_OK);
}

/* independent small checks (values worked out by hand) */
Test(pandas, small_cases)
{
    double x[6] = {1, NAN, 3, 4, INFINITY, 6}, o[6];
    bt_pd_rolling_max(x, 6, 2, 1, o);
    cr_assert_eq(o[0], 1);
    cr_assert_eq(o[1], 1);
    cr_assert_eq(o[2], 3);
    cr_assert_eq(o[3], 4);
    cr_assert_eq(o[4], 4); /* inf is NaN for pandas' rolling */
    cr_assert_eq(o[5], 6);
    bt_pd_rolling_sum(x, 6, 2, 0, o);
    cr_assert_eq(o[1], 1);
    bt_pd_ffill(x, 6, o);
    cr_assert_eq(o[1], 1);
    bt_pd_bfill(x, 6, o);
    cr_assert_eq(o[1], 3);
    bt_pd_diff(x, 6, -1, o);
    cr_assert_eq(o[2], -1);
    cr_assert(isnan(o[5]));
    bt_pd_shift(x, 6, 2, o);
    cr_assert(isnan(o[1]));
    cr_assert(isnan(o[3]));
    cr_assert_eq(o[4], 3);
    bt_pd_pct_change(x, 6, 1, o);
    cr_assert_eq(o[3], 4.0 / 3.0 - 1);
    double c[4] = {2, 2, 2, 2};
    bt_pd_rolling_var(c, 4, 3, 3, 1, o);
    cr_assert_eq(o[3], 0);
}

/* windows past the deque's fixed ring take the direct scan: same answers */
Test(pandas, rolling_max_min_long_window)
{
    enum { N = 6000, W = 4500 };
    static double x[N], o[N], o2[N];
    unsigned s = 12345;
    for (int i = 0; i < N; i++) {
        s = s * 1103515245u + 12345u;
        x[i] = (double)((s >> 8) % 1000) / 7.0;
        if (i % 97 == 3)
            x[i] = NAN;
    }
    bt_pd_rolling_max(x, N, W, 10, o);
    bt_pd_rolling_min(x, N, W, 10, o2);
    for (int i = 0; i < N; i++) {
        double mx = -INFINITY, mn = INFINITY;
        int cnt = 0;
        for (int j = i - W + 1 < 0 ? 0 : i - W + 1; j <= i; j++)
            if (x[j] == x[j]) {
                cnt++;
                mx = fmax(mx, x[j]);
                mn = fmin(mn, x[j]);
            }
        if (cnt < 10) {
            cr_assert(isnan(o[i]) && isnan(o2[i]), "index %d", i);
        } else {
            cr_assert_eq(o[i], mx, "index %d", i);
            cr_assert_eq(o2[i], mn, "index %d", i);
        }
    }
}

/* bt_ta_memo: BBANDS over several deviations and MACD over several signal
 * periods give the same bytes with the memo as without, also for two inputs
 * of one length that differ in one value (the memo compares values) and
 * after more keys than it keeps */
enum { MEMO_N = 300 }; /* the memo test's series length */
static void ta_run(const char *fn, const double *x, size_t n, const double *opts, double out[3][MEMO_N])
{
    const double *in[1] = {x};
    double *o[3] = {out[0], out[1], out[2]};
    bt_error err = {0};
    cr_assert_eq(bt_ta_find(fn)->compute(in, n, opts, o, &err), BT_OK, "%s: %s", fn, err.msg);
}
/* fn over x without and with the memo: the same bytes in every output; the
 * number of outputs compared */
static size_t same_with_memo(const char *fn, const double *x, const double *opts, bt_ta_memo *memo, const char *what)
{
    static double want[3][MEMO_N], got[3][MEMO_N];
    bt_ta_memo_use(NULL);
    ta_run(fn, x, MEMO_N, opts, want);
    bt_ta_memo_use(memo);
    ta_run(fn, x, MEMO_N, opts, got);
    bt_ta_memo_use(NULL);
    for (int r = 0; r < 3; r++)
        cr_assert(memcmp(want[r], got[r], sizeof want[r]) == 0, "%s %s output %d", fn, what, r);
    return 3;
}
Test(talib, the_memo_gives_the_same_bytes)
{
    static double x1[MEMO_N], x2[MEMO_N];
    for (int i = 0; i < MEMO_N; i++)
        x1[i] = x2[i] = 100 + 10 * sin(i * 0.07) + (i % 7) * 0.3;
    x2[150] += 1e-9;
    x1[0] = x2[0] = NAN; /* a NaN prefix */
    bt_ta_memo *memo = bt_ta_memo_new();
    cr_assert_not_null(memo);
    size_t compared = 0, differ = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int xi = 0; xi < 2; xi++) {
            const double *x = xi ? x2 : x1;
            for (int p = 5; p <= 40; p += 7)           /* 6 periods: more than the memo keeps */
                for (double k = 1.0; k <= 3.0; k += 0.5) {
                    double opts[4] = {p, k, k == 1.5 ? 2.0 : k, 0};
                    char what[64];
                    snprintf(what, sizeof what, "p=%d k=%g", p, k);
                    compared += same_with_memo("BBANDS", x, opts, memo, what);
                }
            for (int fast = 3; fast <= 12; fast += 3)
                for (int slow = 14; slow <= 30; slow += 8)
                    for (int sig = 2; sig <= 11; sig += 3) {
                        double opts[3] = {fast, slow, sig};
                        char what[64];
                        snprintf(what, sizeof what, "%d/%d/%d", fast, slow, sig);
                        compared += same_with_memo("MACD", x, opts, memo, what);
                    }
        }
    /* the inputs differ, so must the outputs right of the change: a memo keyed on less would share them */
    double o1[3][MEMO_N], o2[3][MEMO_N], opts[4] = {20, 2, 2, 0};
    bt_ta_memo_use(memo);
    ta_run("BBANDS", x1, MEMO_N, opts, o1);
    ta_run("BBANDS", x2, MEMO_N, opts, o2);
    bt_ta_memo_use(NULL);
    for (int i = 150; i < 170; i++)
        differ += o1[1][i] != o2[1][i];
    cr_assert_eq(differ, 20, "%zu of the middle bands after the changed value differ", differ);
    cr_assert_eq(compared, 2 * 2 * (6 * 5 + 4 * 3 * 4) * 3);
    bt_ta_memo_free(memo);
}
