/* Tests of the CSV loader, the synthetic series, the CSV writer and
 * bt_format_time. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "btgpu.h"
#include "support.h"

#define DAY 86400

/* ------------------------------------------------------------------ helpers */

/* Writes text to a temp file and loads it; the file's path goes to path. */
static int load_text(const char *text, bt_series *s, bt_error *e, char *path, size_t cap)
{
    const char *p = bt_test_write_file("csv", text);
    cr_assert_not_null(p, "cannot write the test file");
    snprintf(path, cap, "%s", p);
    memset(e, 0, sizeof *e);
    return bt_series_load_csv(path, s, e);
}

/* Loads text and asserts success. */
static void load_ok(const char *text, bt_series *s)
{
    bt_error e;
    char path[4096];
    int st = load_text(text, s, &e, path, sizeof path);
    cr_assert_eq(st, BT_OK, "load failed: %s", e.msg);
}

/* Loads text and asserts the status and the exact message "<path><suffix>";
 * the series must come back empty. */
static void expect_error(const char *text, int status, const char *suffix)
{
    bt_series s;
    bt_error e;
    char path[4096], want[8192];
    int st = load_text(text, &s, &e, path, sizeof path);
    snprintf(want, sizeof want, "%s%s", path, suffix);
    cr_assert_eq(st, status, "status %d (want %d), message: %s", st, status, e.msg);
    cr_assert_eq(e.status, status);
    cr_assert_str_eq(e.msg, want);
    cr_assert_eq(s.n, 0);
    cr_assert_null(s.time);
    cr_assert_null(s.open);
    cr_assert_null(s.volume);
}

static void assert_row(const bt_series *s, size_t i, int64_t t, double o, double h, double l, double c)
{
    cr_assert_eq(s->time[i], t, "row %zu: time %lld, want %lld", i, (long long)s->time[i], (long long)t);
    cr_assert_eq(s->open[i], o, "row %zu: open %.17g, want %.17g", i, s->open[i], o);
    cr_assert_eq(s->high[i], h, "row %zu: high %.17g, want %.17g", i, s->high[i], h);
    cr_assert_eq(s->low[i], l, "row %zu: low %.17g, want %.17g", i, s->low[i], l);
    cr_assert_eq(s->close[i], c, "row %zu: close %.17g, want %.17g", i, s->close[i], c);
}

/* ------------------------------------------------------------------ loading: success */

Test(csv, bom_crlf_quoted_fields_and_a_missing_final_newline_parse_exactly)
{
    bt_series s;
    load_ok("\xEF\xBB\xBF,Open,High,Low,Close,Volume\r\n"
            "\"2020-01-02\",\"1.5\",2,1,1.75,100\r\n"
            "2020-01-03, 1.75 ,\"2.5\",1.5,2,\r\n"
            "2020-01-06,2,3,1,2.5,300",
            &s);
    cr_assert_eq(s.n, 3);
    cr_assert_eq(s.is_datetime, 1);
    cr_assert_eq(s.has_volume, 1);
    cr_assert_eq(s.was_sorted, 0);
    cr_assert_eq(s.n_duplicates, 0);
    cr_assert_eq(s.first_duplicate_line, 0);
    assert_row(&s, 0, 1577923200, 1.5, 2, 1, 1.75);
    assert_row(&s, 1, 1577923200 + DAY, 1.75, 2.5, 1.5, 2);
    assert_row(&s, 2, 1577923200 + 4 * DAY, 2, 3, 1, 2.5);
    cr_assert_eq(s.volume[0], 100);
    cr_assert(isnan(s.volume[1]), "an empty volume cell is NaN");
    cr_assert_eq(s.volume[2], 300);
    bt_series_free(&s);
}

Test(csv, semicolons_and_tabs_are_detected_from_the_header_and_sep_forces_one)
{
    const char *texts[] = {
        "Date;Open;High;Low;Close;Volume\n2020-01-02;1.5;2.5;1.25;2;100\n2020-01-03;2;3;1.75;2.5;200\n",
        "Date\tOpen\tHigh\tLow\tClose\tVolume\n2020-01-02\t1.5\t2.5\t1.25\t2\t100\n2020-01-03\t2\t3\t1.75\t2.5\t200\n",
        "Date,Open,High,Low,Close,Volume\n2020-01-02,1.5,2.5,1.25,2,100\n2020-01-03,2,3,1.75,2.5,200\n",
        /* quoted commas in a semicolon header do not count */
        "\"Date, UTC\";Open;High;Low;Close;Volume\n2020-01-02;1.5;2.5;1.25;2;100\n2020-01-03;2;3;1.75;2.5;200\n",
    };
    for (size_t k = 0; k < 4; k++) {
        bt_series s;
        load_ok(texts[k], &s);
        cr_assert_eq(s.n, 2, "file %zu", k);
        assert_row(&s, 0, 18263 * (int64_t)DAY, 1.5, 2.5, 1.25, 2);
        assert_row(&s, 1, 18264 * (int64_t)DAY, 2, 3, 1.75, 2.5);
        cr_assert_eq(s.volume[1], 200);
        cr_assert_str_eq(s.index_name, k == 3 ? "Date, UTC" : "Date", "the index name");
        bt_series_free(&s);
    }
    /* a forced delimiter reads the file with it */
    bt_series s;
    bt_error e = {0};
    const char *p = bt_test_write_file("csv", texts[0]);
    cr_assert_eq(bt_series_load_csv_sep(p, ',', &s, &e), BT_ERR_DATA);
    cr_assert(strstr(e.msg, "missing required column 'Open'") != NULL, "%s", e.msg);
    cr_assert_eq(bt_series_load_csv_sep(p, ';', &s, &e), BT_OK, "%s", e.msg);
    cr_assert_eq(s.n, 2);
    bt_series_free(&s);
}

Test(csv, a_decimal_comma_gets_a_hint)
{
    expect_error("Date;Open;High;Low;Close\n2020-01-02;104,06;105;103;104\n", BT_ERR_DATA,
                 ":2:2: column 'Open': '104,06' is not a number (a decimal comma? numbers need a '.' decimal point, "
                 "as pandas reads them)");
    expect_error("Date;Open;High;Low;Close\n2020-01-02;1x4;105;103;104\n", BT_ERR_DATA,
                 ":2:2: column 'Open': '1x4' is not a number");
}

Test(csv, header_names_match_case_insensitively_and_extra_columns_are_ignored)
{
    bt_series s;
    load_ok("Date,open,HIGH,Adj Close,low,cLoSe,VOLUME,Note\n"
            "2020-01-02,1.25,2.5,9,0.75,2,1000,hello\n",
            &s);
    cr_assert_eq(s.n, 1);
    assert_row(&s, 0, 1577923200, 1.25, 2.5, 0.75, 2);
    cr_assert_eq(s.volume[0], 1000);
    cr_assert_eq(s.has_volume, 1);
    bt_series_free(&s);
}

Test(csv, quoted_header_names_are_trimmed_and_matched)
{
    bt_series s;
    load_ok("\"\",\" Open \",\"High\",Low ,  Close\n2020-01-02,1,2,0.5,1.5\n", &s);
    assert_row(&s, 0, 1577923200, 1, 2, 0.5, 1.5);
    bt_series_free(&s);
}

Test(csv, datetimes_with_and_without_seconds_and_a_T_separator)
{
    bt_series s;
    load_ok("Date,Open,High,Low,Close\n"
            "1969-07-20 20:17:40,1,1,1,1\n"
            "2020-01-02,1,1,1,1\n"
            "2020-01-02 09:30,1,1,1,1\n"
            "2020-01-02T09:30:15,1,1,1,1\n"
            "2020-01-02 09:30:16.000,1,1,1,1\n",
            &s);
    cr_assert_eq(s.n, 5);
    cr_assert_eq(s.is_datetime, 1);
    cr_assert_eq(s.time[0], -14182940);
    cr_assert_eq(s.time[1], 1577923200);
    cr_assert_eq(s.time[2], 1577957400);
    cr_assert_eq(s.time[3], 1577957415);
    cr_assert_eq(s.time[4], 1577957416);
    cr_assert_eq(s.was_sorted, 0);
    bt_series_free(&s);
}

Test(csv, every_timestamp_form_pandas_reads_into_a_datetime_index)
{
    /* each form of 2020-01-02 09:30:15 (or its date), as pandas' read_csv(parse_dates=True) reads it */
    static const struct {
        const char *text;
        int64_t t;
        const char *tz;
    } forms[] = {
        {"2020/01/02", 1577923200, ""},
        {"2020.01.02", 1577923200, ""},
        {"2020-1-2", 1577923200, ""},
        {"01/02/2020", 1577923200, ""}, /* month first */
        {"1/2/2020 09:30:15", 1577957415, ""},
        {"01-02-2020", 1577923200, ""},
        {"2020/01/02 9:30", 1577957400, ""},
        {"2020-01-02T09:30:15Z", 1577957415, "+00:00"},
        {"2020-01-02 09:30:15+00:00", 1577957415, "+00:00"},
        {"2020-01-02 09:30:15+05:30", 1577957415, "+05:30"}, /* the wall time as written */
        {"2020-01-02 09:30:15-0400", 1577957415, "-04:00"},
        {"2020-01-02 09:30:15.000-07", 1577957415, "-07:00"},
    };
    for (size_t k = 0; k < sizeof forms / sizeof *forms; k++) {
        char text[256];
        bt_series s;
        snprintf(text, sizeof text, "Date,Open,High,Low,Close\n%s,1,1,1,1\n", forms[k].text);
        load_ok(text, &s);
        cr_assert_eq(s.is_datetime, 1, "%s", forms[k].text);
        cr_assert_eq(s.time[0], forms[k].t, "%s: %lld", forms[k].text, (long long)s.time[0]);
        cr_assert_str_eq(s.tz, forms[k].tz, "%s", forms[k].text);
        bt_series_free(&s);
    }
}

Test(csv, leap_days_are_real_dates_in_leap_years)
{
    bt_series s;
    load_ok("Date,Open,High,Low,Close\n2000-02-29,1,1,1,1\n2020-02-29,1,1,1,1\n", &s);
    cr_assert_eq(s.time[0], 951782400);
    cr_assert_eq(s.time[1], 1582934400);
    bt_series_free(&s);
}

Test(csv, an_integer_index_is_kept_as_integers)
{
    bt_series s;
    load_ok(",Open,High,Low,Close\n-5,1,2,0.5,1\n0,2,3,1,2\n7,3,4,2,3\n", &s);
    cr_assert_eq(s.n, 3);
    cr_assert_eq(s.is_datetime, 0);
    cr_assert_eq(s.has_volume, 0);
    cr_assert_eq(s.time[0], -5);
    cr_assert_eq(s.time[1], 0);
    cr_assert_eq(s.time[2], 7);
    for (size_t i = 0; i < s.n; i++)
        cr_assert(isnan(s.volume[i]), "no Volume column: volume is NaN");
    bt_series_free(&s);
}

Test(csv, unsorted_rows_are_sorted_stably_with_their_values)
{
    bt_series s;
    load_ok("i,Open,High,Low,Close,Volume\n"
            "3,30,31,29,30.5,3\n"   /* line 2 */
            "1,10,11,9,10.5,1\n"    /* line 3 */
            "2,20,21,19,20.5,2\n"   /* line 4 */
            "1,12,13,11,12.5,4\n"   /* line 5: same time as line 3, stays after it */
            "0,5,6,4,5.5,5\n",      /* line 6 */
            &s);
    cr_assert_eq(s.n, 5);
    cr_assert_eq(s.was_sorted, 1);
    assert_row(&s, 0, 0, 5, 6, 4, 5.5);
    assert_row(&s, 1, 1, 10, 11, 9, 10.5);
    assert_row(&s, 2, 1, 12, 13, 11, 12.5);
    assert_row(&s, 3, 2, 20, 21, 19, 20.5);
    assert_row(&s, 4, 3, 30, 31, 29, 30.5);
    double vol[] = {5, 1, 4, 2, 3};
    for (size_t i = 0; i < 5; i++)
        cr_assert_eq(s.volume[i], vol[i], "row %zu volume", i);
    cr_assert_eq(s.n_duplicates, 1);
    cr_assert_eq(s.first_duplicate_line, 5);
    bt_series_free(&s);
}

Test(csv, a_long_unsorted_file_is_sorted_stably)
{
    /* 2000 rows whose times cycle 9, 8, ..., 0: each time appears 200 times
     * and its rows must keep their file order (Open = file row number). */
    size_t n = 2000, cap = 64 * n + 64, o = 0;
    char *text = malloc(cap);
    cr_assert_not_null(text);
    o += (size_t)snprintf(text + o, cap - o, ",Open,High,Low,Close\n");
    for (size_t i = 0; i < n; i++)
        o += (size_t)snprintf(text + o, cap - o, "%zu,%zu,%zu,%zu,%zu\n", 9 - i % 10, i, i, i, i);
    bt_series s;
    load_ok(text, &s);
    free(text);
    cr_assert_eq(s.n, n);
    cr_assert_eq(s.was_sorted, 1);
    for (size_t i = 1; i < n; i++) {
        cr_assert(s.time[i - 1] <= s.time[i], "row %zu out of order", i);
        if (s.time[i - 1] == s.time[i])
            cr_assert_lt(s.open[i - 1], s.open[i], "tie at row %zu lost file order", i);
        cr_assert_eq(s.open[i], s.close[i]);
    }
    cr_assert_eq(s.n_duplicates, n - 10);
    cr_assert_eq(s.first_duplicate_line, 2 + 19); /* the second row with time 0 */
    bt_series_free(&s);
}

Test(csv, duplicate_timestamps_are_kept_and_counted)
{
    bt_series s;
    load_ok("Date,Open,High,Low,Close\n"
            "2020-01-02,1,1,1,1\n"
            "2020-01-03,2,2,2,2\n"
            "2020-01-03,3,3,3,3\n"
            "2020-01-03,4,4,4,4\n"
            "2020-01-06,5,5,5,5\n"
            "2020-01-06,6,6,6,6\n",
            &s);
    cr_assert_eq(s.n, 6);
    cr_assert_eq(s.was_sorted, 0);
    cr_assert_eq(s.n_duplicates, 3);
    cr_assert_eq(s.first_duplicate_line, 4);
    for (size_t i = 0; i < 6; i++)
        cr_assert_eq(s.open[i], (double)(i + 1));
    bt_series_free(&s);
}

Test(csv, numbers_are_read_correctly_rounded)
{
    bt_series s;
    load_ok("Date,Open,High,Low,Close\n"
            "2020-01-02,0.1,1e23,9007199254740993,2.2250738585072011e-308\n"
            "2020-01-03,  0.3  ,+7,-0.0,123456789012345678901234567890\n",
            &s);
    cr_assert_eq(s.open[0], 0.1);
    cr_assert_eq(s.high[0], 1e23);
    cr_assert_eq(s.low[0], 9007199254740992.0);
    cr_assert_eq(s.close[0], 2.2250738585072011e-308);
    cr_assert_eq(s.open[1], 0.3);
    cr_assert_eq(s.high[1], 7);
    cr_assert(s.low[1] == 0 && signbit(s.low[1]), "-0.0 keeps its sign");
    cr_assert_eq(s.close[1], 123456789012345678901234567890.0);
    bt_series_free(&s);
}

Test(csv, every_decimal_spelling_reads_as_strtod_reads_it)
{
    /* 20,000 cells of 1 to 19 digits, with and without a point, exponents
     * around the fast path's +-22 limit and mantissas around 2^53: each
     * value must have strtod's bits */
    enum { N = 20000 };
    static char cells[N][48];
    size_t cap = (size_t)N * 4 * 50 + 64, used = 0;
    char *text = malloc(cap);
    cr_assert_not_null(text);
    used += (size_t)snprintf(text + used, cap - used, "Date,Open,High,Low,Close\n");
    uint64_t r = 0x2545F4914F6CDD1Du;
    for (int k = 0; k < N; k++) {
        char *c = cells[k];
        r ^= r << 13;
        r ^= r >> 7;
        r ^= r << 17;
        int digits = 1 + (int)(r % 19), point = (int)((r >> 8) % (digits + 2)), n = 0;
        if ((r >> 16) % 5 == 0)
            c[n++] = '-';
        for (int d = 0; d < digits; d++) {
            if (d == point)
                c[n++] = '.';
            uint64_t x = r >> (20 + (d % 40));
            c[n++] = (char)('0' + (k % 7 == 0 ? "9007199254740993"[d % 16] - '0' : (int)(x % 10)));
        }
        if ((r >> 24) % 3 == 0)
            n += sprintf(c + n, "e%d", (int)((r >> 32) % 61) - 30);
        c[n] = 0;
        used += (size_t)snprintf(text + used, cap - used, "%d,1,1,1,%s\n", k, c);
    }
    bt_series s;
    load_ok(text, &s);
    cr_assert_eq(s.n, (size_t)N);
    for (int k = 0; k < N; k++) {
        double want = strtod(cells[k], NULL);
        cr_assert(memcmp(&want, &s.close[k], sizeof want) == 0, "'%s': strtod %.17g, loaded %.17g", cells[k], want,
                  s.close[k]);
    }
    bt_series_free(&s);
    free(text);
}

Test(csv, blank_lines_are_skipped_and_do_not_shift_line_numbers)
{
    bt_series s;
    load_ok("\n\nDate,Open,High,Low,Close\n\n2020-01-02,1,1,1,1\n   \n\t\n2020-01-03,2,2,2,2\n\n\n", &s);
    cr_assert_eq(s.n, 2);
    cr_assert_eq(s.open[1], 2);
    bt_series_free(&s);
    expect_error("Date,Open,High,Low,Close\n\n2020-01-02,1,1,1,1\n \n\n2020-01-03,2,x,2,2\n", BT_ERR_DATA,
                 ":6:3: column 'High': 'x' is not a number");
}

Test(csv, quoted_fields_spanning_lines_do_not_shift_line_numbers)
{
    bt_series s;
    load_ok("Date,Open,High,Low,Close,Note\n"
            "2020-01-02,1,1,1,1,\"two\nlines\"\n"
            "2020-01-03,2,2,2,2,\"say \"\"hi\"\"\"\n",
            &s);
    cr_assert_eq(s.n, 2);
    cr_assert_eq(s.time[1], 1577923200 + DAY);
    bt_series_free(&s);
    /* lines 2-4 hold one row; the bad cell is on line 6 */
    expect_error("Date,Open,High,Low,Close,Note\n"
                 "2020-01-02,1,1,1,1,\"a\r\nb\nc\"\n"
                 "2020-01-03,1,1,1,1,x\n"
                 "2020-01-06,1,1,bad,1,x\n",
                 BT_ERR_DATA, ":6:4: column 'Low': 'bad' is not a number");
    /* a bad cell after a multi-line quoted cell in the same row */
    expect_error("Date,Note,Open,High,Low,Close\n"
                 "2020-01-02,\"a\nb\",1,1,1,zz\n",
                 BT_ERR_DATA, ":3:6: column 'Close': 'zz' is not a number");
}

/* A CSV text and the end of the message it must give. */
struct text_case {
    char csv[200];
    char msg[300];
};

ParameterizedTestParameters(csv, every_line_ending_keeps_line_numbers)
{
    static struct text_case cases[] = {
        {"Date,Open,High,Low,Close\n2020-01-02,1,1,1,1\n2020-01-03,1,1,1,?\n", ":3:5: column 'Close': '?' is not a number"},
        {"Date,Open,High,Low,Close\r\n2020-01-02,1,1,1,1\r\n\r\n2020-01-03,1,1,1,?\r\n", ":4:5: column 'Close': '?' is not a number"},
        {"Date,Open,High,Low,Close\r2020-01-02,1,1,1,1\r2020-01-03,1,1,1,?\r", ":3:5: column 'Close': '?' is not a number"},
        {"Date,Open,High,Low,Close\r\n2020-01-02,1,1,1,1\n2020-01-03,1,1,1,1\r2020-01-06,1,1,1,?", ":4:5: column 'Close': '?' is not a number"},
    };
    return cr_make_param_array(struct text_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct text_case *c, csv, every_line_ending_keeps_line_numbers)
{
    expect_error(c->csv, BT_ERR_DATA, c->msg);
}

Test(csv, a_carriage_return_at_a_read_buffer_boundary_is_one_line_break)
{
    /* Pads the header so that a "\r\n" straddles the loader's 64 KiB reads. */
    size_t pad = 64 * 1024 - strlen("Date,Open,High,Low,Close,") - 1;
    char *text = malloc(pad + 256);
    cr_assert_not_null(text);
    strcpy(text, "Date,Open,High,Low,Close,");
    memset(text + strlen(text), 'x', pad);
    strcpy(text + strlen("Date,Open,High,Low,Close,") + pad, "\r\n2020-01-02,1,1,1,1,\r\n2020-01-03,1,1,1,?,\r\n");
    cr_assert_eq(text[64 * 1024 - 1], '\r');
    expect_error(text, BT_ERR_DATA, ":3:5: column 'Close': '?' is not a number");
    free(text);
}

Test(csv, volume_cells_may_be_empty_or_nan)
{
    bt_series s;
    load_ok("Date,Open,High,Low,Close,Volume\n"
            "2020-01-02,1,1,1,1,\n"
            "2020-01-03,1,1,1,1,nan\n"
            "2020-01-06,1,1,1,1,NA\n"
            "2020-01-07,1,1,1,1,1234.5\n",
            &s);
    cr_assert_eq(s.has_volume, 1);
    cr_assert(isnan(s.volume[0]) && isnan(s.volume[1]) && isnan(s.volume[2]));
    cr_assert_eq(s.volume[3], 1234.5);
    bt_series_free(&s);
}

Test(csv, a_hundred_thousand_rows_load_with_exact_times)
{
    enum { N = 100000 };
    size_t cap = (size_t)N * 64 + 64, o = 0;
    char *text = malloc(cap);
    cr_assert_not_null(text);
    o += (size_t)snprintf(text + o, cap - o, "Date,Open,High,Low,Close,Volume\n");
    /* day i = 2000-01-01 + i days, written with an independent calendar walk */
    int y = 2000, m = 1, d = 1;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int i = 0; i < N; i++) {
        o += (size_t)snprintf(text + o, cap - o, "%04d-%02d-%02d,%d.25,%d.5,%d,%d.75,%d\n", y, m, d, i, i + 1, i, i, i);
        int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        if (++d > mdays[m - 1] + (m == 2 && leap)) {
            d = 1;
            if (++m > 12) {
                m = 1;
                y++;
            }
        }
    }
    bt_series s;
    load_ok(text, &s);
    free(text);
    cr_assert_eq(s.n, N);
    cr_assert_eq(s.was_sorted, 0);
    cr_assert_eq(s.n_duplicates, 0);
    for (int i = 0; i < N; i++) {
        cr_assert_eq(s.time[i], 946684800 + (int64_t)i * DAY, "row %d", i);
        cr_assert_eq(s.open[i], i + 0.25);
        cr_assert_eq(s.close[i], i + 0.75);
        cr_assert_eq(s.volume[i], i);
    }
    cr_assert_eq(s.time[N - 1], 9586598400); /* 2273-10-15 */
    bt_series_free(&s);
}

/* ------------------------------------------------------------------ loading: errors */

Test(csv, a_missing_file_is_an_io_error_naming_the_file)
{
    bt_series s;
    bt_error e = {0};
    int st = bt_series_load_csv("/nonexistent/dir/prices.csv", &s, &e);
    cr_assert_eq(st, BT_ERR_IO);
    cr_assert_eq(e.status, BT_ERR_IO);
    cr_assert_str_eq(e.msg, "/nonexistent/dir/prices.csv: cannot open: No such file or directory");
    cr_assert_eq(s.n, 0);
    cr_assert_null(s.time);
}

Test(csv, a_directory_is_an_io_error)
{
    bt_series s;
    bt_error e = {0};
    int st = bt_series_load_csv("/", &s, &e);
    cr_assert_eq(st, BT_ERR_IO, "message: %s", e.msg);
    cr_assert(strncmp(e.msg, "/: ", 3) == 0, "message names the path: %s", e.msg);
}

ParameterizedTestParameters(csv, an_empty_file_is_a_data_error)
{
    static struct text_case cases[] = {
        {"", ""},
        {"\xEF\xBB\xBF", ""},
        {"\n\r\n  \t\n\n", ""},
        {"\xEF\xBB\xBF \r\n", ""},
    };
    return cr_make_param_array(struct text_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct text_case *c, csv, an_empty_file_is_a_data_error)
{
    expect_error(c->csv, BT_ERR_DATA, ": the file is empty (expected a header row such as ',Open,High,Low,Close,Volume')");
}

ParameterizedTestParameters(csv, a_header_without_rows_is_a_data_error)
{
    static struct text_case cases[] = {
        {"Date,Open,High,Low,Close\n", ":1: no data rows after the header"},
        {"Date,Open,High,Low,Close", ":1: no data rows after the header"},
        {"\r\n\r\nDate,Open,High,Low,Close\r\n\r\n", ":3: no data rows after the header"},
    };
    return cr_make_param_array(struct text_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct text_case *c, csv, a_header_without_rows_is_a_data_error)
{
    expect_error(c->csv, BT_ERR_DATA, c->msg);
}

ParameterizedTestParameters(csv, header_problems_name_the_column)
{
    static struct text_case cases[] = {
        {"Date,Open,High,Low\n2020-01-02,1,1,1\n",
         ":1: missing required column 'Close' (columns are: 'Date', 'Open', 'High', 'Low')"},
        {",open,high,close,volume\n2020-01-02,1,1,1,1\n",
         ":1: missing required column 'Low' (columns are: '', 'open', 'high', 'close', 'volume')"},
        {"Open,High,Low,Close\n1,1,1,1\n",
         ":1: missing required column 'Open' (columns are: 'Open', 'High', 'Low', 'Close'); the first column is the index"},
        {"Date,Open,High,Low,Close,close\n2020-01-02,1,1,1,1,1\n",
         ":1:6: column 'close' duplicates column 'Close' (column 5)"},
        {"Date,Volume,Open,High,Low,Close,VOLUME\n2020-01-02,1,1,1,1,1,1\n",
         ":1:7: column 'VOLUME' duplicates column 'Volume' (column 2)"},
    };
    return cr_make_param_array(struct text_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct text_case *c, csv, header_problems_name_the_column)
{
    expect_error(c->csv, BT_ERR_DATA, c->msg);
}

#define HDR "Date,Open,High,Low,Close\n"
#define HDRV "Date,Open,High,Low,Close,Volume\n"

ParameterizedTestParameters(csv, bad_cells_name_the_line_the_column_and_the_value)
{
    static struct text_case cases[] = {
        /* prices */
        {HDR "2020-01-02,1,1,1,1\n2020-01-03,1,abc,1,1\n", ":3:3: column 'High': 'abc' is not a number"},
        {HDR "2020-01-02,12abc,1,1,1\n", ":2:2: column 'Open': '12abc' is not a number"},
        {HDR "2020-01-02,0x10,1,1,1\n", ":2:2: column 'Open': '0x10' is not a number"},
        {HDR "2020-01-02,1 2,1,1,1\n", ":2:2: column 'Open': '1 2' is not a number"},
        {HDR "2020-01-02,1,1,,1\n", ":2:4: column 'Low': empty value (prices must be finite numbers)"},
        {HDR "2020-01-02,1,1,\"  \",1\n", ":2:4: column 'Low': empty value (prices must be finite numbers)"},
        {HDR "2020-01-02,1,1,1,nan\n", ":2:5: column 'Close': 'nan' is not a finite number (NaN prices are not allowed)"},
        {HDR "2020-01-02,1,1,1,NaN\n", ":2:5: column 'Close': 'NaN' is not a finite number (NaN prices are not allowed)"},
        {HDR "2020-01-02,1,1,1,NA\n", ":2:5: column 'Close': 'NA' is not a finite number (NaN prices are not allowed)"},
        {HDR "2020-01-02,inf,1,1,1\n", ":2:2: column 'Open': 'inf' is not a finite number"},
        {HDR "2020-01-02,1,-Infinity,1,1\n", ":2:3: column 'High': '-Infinity' is not a finite number"},
        {HDR "2020-01-02,1,1e999,1,1\n", ":2:3: column 'High': '1e999' is not a finite number"},
        /* volume */
        {HDRV "2020-01-02,1,1,1,1,lots\n", ":2:6: column 'Volume': 'lots' is not a number"},
        {HDRV "2020-01-02,1,1,1,1,inf\n", ":2:6: column 'Volume': 'inf' is not a finite number"},
        /* dates */
        {HDR "2020-13-01,1,1,1,1\n", ":2:1: column 'Date': '2020-13-01' is not a valid date: month 13 is not 01-12"},
        {HDR "2020-00-10,1,1,1,1\n", ":2:1: column 'Date': '2020-00-10' is not a valid date: month 00 is not 01-12"},
        {HDR "2020-02-30,1,1,1,1\n", ":2:1: column 'Date': '2020-02-30' is not a valid date: day 30 is not in 2020-02, which has 29 days"},
        {HDR "2019-02-29,1,1,1,1\n", ":2:1: column 'Date': '2019-02-29' is not a valid date: day 29 is not in 2019-02, which has 28 days"},
        {HDR "1900-02-29,1,1,1,1\n", ":2:1: column 'Date': '1900-02-29' is not a valid date: day 29 is not in 1900-02, which has 28 days"},
        {HDR "2020-04-31,1,1,1,1\n", ":2:1: column 'Date': '2020-04-31' is not a valid date: day 31 is not in 2020-04, which has 30 days"},
        {HDR "2020-04-00,1,1,1,1\n", ":2:1: column 'Date': '2020-04-00' is not a valid date: day 00 is not in 2020-04, which has 30 days"},
        {HDR "0000-01-01,1,1,1,1\n", ":2:1: column 'Date': '0000-01-01' is not a valid date: year 0000 is out of range (0001-99999)"},
        {HDR "00000-01-01,1,1,1,1\n", ":2:1: column 'Date': '00000-01-01' is not a valid date: year 00000 is out of range (0001-99999)"},
        {HDR "100000-01-01,1,1,1,1\n", ":2:1: column 'Date': '100000-01-01' is not a date (YYYY-MM-DD, YYYY/MM/DD or MM/DD/YYYY, then optionally HH:MM[:SS] and a UTC offset) or an integer"},
        {HDR "99999-02-29,1,1,1,1\n", ":2:1: column 'Date': '99999-02-29' is not a valid date: day 29 is not in 99999-02, which has 28 days"},
        {HDR "2020-01-01 24:00,1,1,1,1\n", ":2:1: column 'Date': '2020-01-01 24:00' is not a valid date: hour 24 is not 00-23"},
        {HDR "2020-01-01 12:60,1,1,1,1\n", ":2:1: column 'Date': '2020-01-01 12:60' is not a valid date: minute 60 is not 00-59"},
        {HDR "2020-01-01T12:00:60,1,1,1,1\n", ":2:1: column 'Date': '2020-01-01T12:00:60' is not a valid date: second 60 is not 00-59"},
        {HDR "2020-01-01 12:00:00.5,1,1,1,1\n", ":2:1: column 'Date': '2020-01-01 12:00:00.5' is not a valid date: fractions of a second are not supported (the index is kept in whole seconds)"},
        {HDR "2020-01-01 12:00.000,1,1,1,1\n", ":2:1: column 'Date': '2020-01-01 12:00.000' is not a date (YYYY-MM-DD, YYYY/MM/DD or MM/DD/YYYY, then optionally HH:MM[:SS] and a UTC offset) or an integer"},
        {HDR "2020-01-01 12:00:00.,1,1,1,1\n", ":2:1: column 'Date': '2020-01-01 12:00:00.' is not a date (YYYY-MM-DD, YYYY/MM/DD or MM/DD/YYYY, then optionally HH:MM[:SS] and a UTC offset) or an integer"},
        {HDR "yesterday,1,1,1,1\n", ":2:1: column 'Date': 'yesterday' is not a date (YYYY-MM-DD, YYYY/MM/DD or MM/DD/YYYY, then optionally HH:MM[:SS] and a UTC offset) or an integer"},
        {HDR "2020/01/02 9:3,1,1,1,1\n", ":2:1: column 'Date': '2020/01/02 9:3' is not a date (YYYY-MM-DD, YYYY/MM/DD or MM/DD/YYYY, then optionally HH:MM[:SS] and a UTC offset) or an integer"},
        {HDR "13/02/2020,1,1,1,1\n", ":2:1: column 'Date': '13/02/2020' is not a valid date: month 13 is not 01-12 (dates with '/' and the year last are read month first, as pandas reads them)"},
        {HDR "2020-01-02 09:30+24:00,1,1,1,1\n", ":2:1: column 'Date': '2020-01-02 09:30+24:00' is not a valid date: UTC offset 24:00 is out of range"},
        {HDR "2020-01-02 09:30+05:30,1,1,1,1\n2020-01-03 09:30+05:00,1,1,1,1\n", ":3:1: column 'Date': '2020-01-03 09:30+05:00' is written YYYY-MM-DD with UTC offset +05:00, but the dates from line 2 on are YYYY-MM-DD with UTC offset +05:30; every date of an index must be written one way (pandas reads a mixed column as text)"},
        {HDR "2020-01-02,1,1,1,1\n2020/01/03,1,1,1,1\n", ":3:1: column 'Date': '2020/01/03' is written YYYY/MM/DD without a UTC offset, but the dates from line 2 on are YYYY-MM-DD without a UTC offset; every date of an index must be written one way (pandas reads a mixed column as text)"},
        {HDR "2020-01-02+01:00,1,1,1,1\n", ":2:1: column 'Date': '2020-01-02+01:00' is not a date (YYYY-MM-DD, YYYY/MM/DD or MM/DD/YYYY, then optionally HH:MM[:SS] and a UTC offset) or an integer"},
        {HDR "1.5,1,1,1,1\n", ":2:1: column 'Date': '1.5' is not a date (YYYY-MM-DD, YYYY/MM/DD or MM/DD/YYYY, then optionally HH:MM[:SS] and a UTC offset) or an integer"},
        {HDR ",1,1,1,1\n", ":2:1: column 'Date': empty value (every row needs a date or an integer index)"},
        {",Open,High,Low,Close\nsoon,1,1,1,1\n", ":2:1: index column: 'soon' is not a date (YYYY-MM-DD, YYYY/MM/DD or MM/DD/YYYY, then optionally HH:MM[:SS] and a UTC offset) or an integer"},
        {HDR "99999999999999999999,1,1,1,1\n", ":2:1: column 'Date': '99999999999999999999' is out of range for an integer index"},
        {HDR "0,1,1,1,1\n2020-01-02,1,1,1,1\n",
         ":3:1: column 'Date': '2020-01-02' is a date, but the index on line 2 is an integer; an index must be all dates or all integers"},
        {HDR "2020-01-02,1,1,1,1\n\n7,1,1,1,1\n",
         ":4:1: column 'Date': '7' is an integer, but the index on line 2 is a date; an index must be all dates or all integers"},
        /* field counts */
        {HDR "2020-01-02,1,2\n", ":2:4: column 'Low' is missing: the row has 3 fields, the header has 5"},
        {HDR "2020-01-02\n", ":2:2: column 'Open' is missing: the row has 1 field, the header has 5"},
        {HDR "2020-01-02,1,1,1,1,7\n", ":2:6: too many fields: the row has 6, the header has 5"},
        {HDR "2020-01-02,1,1,1,1,\n", ":2:6: too many fields: the row has 6, the header has 5"},
        /* quoting */
        {HDR "2020-01-02,\"1\"x,1,1,1\n", ":2:2: column 'Open': malformed quoting (a quote inside an unquoted field, or text after a closing quote)"},
        {HDR "2020-01-02,1,1,1\"5,1\n", ":2:4: column 'Low': malformed quoting (a quote inside an unquoted field, or text after a closing quote)"},
        {"Date,Op\"en,High,Low,Close\n", ":1:2: header: malformed quoting (a quote inside an unquoted field, or text after a closing quote)"},
        {HDR "2020-01-02,1,1,1,1\n2020-01-03,1,\"1,1,1\n2020-01-06,1,1,1,1\n",
         ":3:3: column 'High': unterminated quoted field (the quote opened here is never closed)"},
        {HDR "2020-01-02,1,1,1,\"1", ":2:5: column 'Close': unterminated quoted field (the quote opened here is never closed)"},
        {HDR "2020-01-02,1,1,1,\"1\r", ":2:5: column 'Close': unterminated quoted field (the quote opened here is never closed)"},
        {"Date,\"Open\n", ":1:2: header: unterminated quoted field (the quote opened here is never closed)"},
    };
    return cr_make_param_array(struct text_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct text_case *c, csv, bad_cells_name_the_line_the_column_and_the_value)
{
    expect_error(c->csv, BT_ERR_DATA, c->msg);
}

Test(csv, long_bad_values_are_quoted_shortened_in_the_message)
{
    expect_error(HDR "2020-01-02,1,1,1,\"0123456789012345678901234567890123456789012345678901234567890\nabc\"\n",
                 BT_ERR_DATA,
                 ":2:5: column 'Close': '012345678901234567890123456789012345678901234567...' is not a number");
    expect_error(HDR "2020-01-02,1,1,1,\"1\n2\"\n", BT_ERR_DATA, ":2:5: column 'Close': '1\\n2' is not a number");
}

Test(csv, freeing_a_zeroed_or_freed_series_is_harmless)
{
    bt_series s = {0};
    bt_series_free(&s);
    bt_series_free(NULL);
    load_ok(HDR "2020-01-02,1,1,1,1\n", &s);
    bt_series_free(&s);
    cr_assert_eq(s.n, 0);
    cr_assert_null(s.time);
    bt_series_free(&s);
}

/* ------------------------------------------------------------------ synth */

static int same_series(const bt_series *a, const bt_series *b)
{
    size_t bytes = a->n * sizeof(double);
    return a->n == b->n && memcmp(a->time, b->time, a->n * sizeof(int64_t)) == 0 &&
           memcmp(a->open, b->open, bytes) == 0 && memcmp(a->high, b->high, bytes) == 0 &&
           memcmp(a->low, b->low, bytes) == 0 && memcmp(a->close, b->close, bytes) == 0 &&
           memcmp(a->volume, b->volume, bytes) == 0 && a->is_datetime == b->is_datetime &&
           a->has_volume == b->has_volume;
}

Test(synth, the_same_seed_gives_the_same_series_and_another_seed_another)
{
    bt_series a, b, c;
    cr_assert_eq(bt_series_synth(5000, 42, &a, NULL), BT_OK);
    cr_assert_eq(bt_series_synth(5000, 42, &b, NULL), BT_OK);
    cr_assert_eq(bt_series_synth(5000, 43, &c, NULL), BT_OK);
    cr_assert(same_series(&a, &b));
    cr_assert_not(same_series(&a, &c));
    size_t differ = 0;
    for (size_t i = 0; i < a.n; i++)
        differ += a.close[i] != c.close[i];
    cr_assert_gt(differ, 4000, "only %zu closes differ", differ);
    bt_series_free(&a);
    bt_series_free(&b);
    bt_series_free(&c);
}

Test(synth, a_prefix_of_a_longer_series_is_the_shorter_series)
{
    bt_series a, b;
    cr_assert_eq(bt_series_synth(100, 7, &a, NULL), BT_OK);
    cr_assert_eq(bt_series_synth(1000, 7, &b, NULL), BT_OK);
    b.n = 100;
    cr_assert(same_series(&a, &b));
    b.n = 1000;
    bt_series_free(&a);
    bt_series_free(&b);
}

static int is_cents(double x)
{
    double cents = round(x * 100.0);
    return cents / 100.0 == x;
}

Test(synth, bars_are_consistent_whole_cent_business_days)
{
    bt_series s;
    size_t n = 200000;
    cr_assert_eq(bt_series_synth(n, 1, &s, NULL), BT_OK);
    cr_assert_eq(s.n, n);
    cr_assert_eq(s.is_datetime, 1);
    cr_assert_eq(s.has_volume, 1);
    cr_assert_eq(s.was_sorted, 0);
    cr_assert_eq(s.n_duplicates, 0);
    cr_assert_eq(s.time[0], 946857600); /* 2000-01-03 */
    cr_assert_eq(s.open[0], 100.0);
    for (size_t i = 0; i < n; i++) {
        double o = s.open[i], h = s.high[i], l = s.low[i], c = s.close[i], v = s.volume[i];
        cr_assert(l <= fmin(o, c) && fmax(o, c) <= h, "bar %zu: O %g H %g L %g C %g", i, o, h, l, c);
        cr_assert(l >= 0.01, "bar %zu: low %g", i, l);
        cr_assert(is_cents(o) && is_cents(h) && is_cents(l) && is_cents(c), "bar %zu not in cents", i);
        cr_assert(v == floor(v) && v >= 1e5 && v < 1e7, "bar %zu: volume %.17g", i, v);
        int64_t days = s.time[i] / DAY;
        int weekday = (int)((days + 4) % 7); /* 0 = Sunday; 1970-01-01 was a Thursday */
        cr_assert(s.time[i] % DAY == 0 && weekday >= 1 && weekday <= 5, "bar %zu on weekday %d", i, weekday);
        if (i > 0) {
            int64_t step = s.time[i] - s.time[i - 1];
            cr_assert(step == (weekday == 1 ? 3 : 1) * DAY, "bar %zu: step %lld", i, (long long)step);
        }
    }
    bt_series_free(&s);
}

Test(synth, daily_moves_are_about_one_and_a_half_percent)
{
    bt_series s;
    cr_assert_eq(bt_series_synth(100000, 3, &s, NULL), BT_OK);
    double sum = 0, sum2 = 0;
    for (size_t i = 1; i < s.n; i++) {
        double r = log(s.close[i] / s.close[i - 1]);
        sum += r;
        sum2 += r * r;
    }
    double m = sum / (double)(s.n - 1), sd = sqrt(sum2 / (double)(s.n - 1) - m * m);
    cr_assert(sd > 0.013 && sd < 0.017, "daily volatility %g", sd);
    for (size_t i = 0; i < s.n; i++)
        cr_assert(s.close[i] > 1 && s.close[i] < 10000, "bar %zu: close %g", i, s.close[i]);
    bt_series_free(&s);
}

Test(synth, zero_bars_is_a_usage_error)
{
    bt_series s;
    bt_error e = {0};
    cr_assert_eq(bt_series_synth(0, 1, &s, &e), BT_ERR_USAGE);
    cr_assert_eq(e.status, BT_ERR_USAGE);
    cr_assert_str_eq(e.msg, "synthetic series: the number of bars must be at least 1");
    cr_assert_eq(s.n, 0);
    cr_assert_null(s.time);
}

Test(synth, writing_and_loading_back_gives_the_same_bits)
{
    bt_series a, b;
    bt_error e = {0};
    cr_assert_eq(bt_series_synth(1000, 2024, &a, NULL), BT_OK);
    const char *p = bt_test_write_file("synth", "");
    cr_assert_not_null(p);
    char path[4096];
    snprintf(path, sizeof path, "%s", p);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    cr_assert_eq(bt_series_write_csv(f, &a, &e), BT_OK, "%s", e.msg);
    cr_assert_eq(fclose(f), 0);
    cr_assert_eq(bt_series_load_csv(path, &b, &e), BT_OK, "%s", e.msg);
    cr_assert(same_series(&a, &b));
    cr_assert_eq(b.was_sorted, 0);
    cr_assert_eq(b.n_duplicates, 0);
    bt_series_free(&a);
    bt_series_free(&b);
}

#define WIDE_EXTRA 2000000 /* extra columns */

/* A CSV whose header has WIDE_EXTRA columns besides the used ones (Close
 * after all of them), and three data rows. */
static const char *write_wide_csv(void)
{
    const char *p = bt_test_write_file("wide", "");
    cr_assert_not_null(p);
    FILE *f = fopen(p, "w");
    cr_assert_not_null(f);
    fputs("Date,Open,High,Low", f);
    for (size_t c = 0; c < WIDE_EXTRA; c++)
        fputs(",x", f);
    fputs(",close\n", f);
    for (int r = 0; r < 3; r++) {
        fprintf(f, "2020-01-0%d,%d,%d,%d", r + 2, 10 + r, 12 + r, 9 + r);
        for (size_t c = 0; c < WIDE_EXTRA; c++)
            fputc(',', f);
        fprintf(f, ",%d.5\n", 11 + r);
    }
    cr_assert_eq(fclose(f), 0);
    return p;
}

static int load_wide(void *path)
{
    bt_series s;
    bt_error e = {0};
    int ok = bt_series_load_csv(path, &s, &e) == BT_OK && s.n == 3 && s.close[2] == 13.5 && s.open[0] == 10;
    bt_series_free(&s);
    return ok ? 0 : 1;
}

#define SERIES_BARS 500000

static int load_series(void *path)
{
    bt_series s;
    int ok = bt_series_load_csv(path, &s, NULL) == BT_OK && s.n == SERIES_BARS;
    bt_series_free(&s);
    return ok ? 0 : 1;
}

Test(csv, a_loaded_series_peaks_at_about_six_doubles_a_bar)
{
    BT_TEST_SKIP_MEMORY();
    /* the six columns (time, open, high, low, close, volume) and nothing per row
     * besides: no line numbers; 52 bytes a bar leaves room for the allocator and
     * libcsv but not for a seventh array */
    bt_series a;
    char path[4096];
    cr_assert_eq(bt_series_synth(SERIES_BARS, 3, &a, NULL), BT_OK);
    const char *p = bt_test_write_file("series", "");
    cr_assert_not_null(p);
    snprintf(path, sizeof path, "%s", p);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    cr_assert_eq(bt_series_write_csv(f, &a, NULL), BT_OK);
    cr_assert_eq(fclose(f), 0);
    bt_series_free(&a);
    long kib = bt_test_peak_growth_kib(load_series, path);
    cr_assert(kib > 0, "the child could not load or measure (%ld)", kib);
    double per_bar = (double)kib * 1024.0 / SERIES_BARS;
    cr_assert(per_bar >= 48 && per_bar <= 52, "loading %d bars peaked at %.1f bytes a bar", SERIES_BARS, per_bar);
    unlink(path);
}

Test(csv, the_first_repeat_of_an_unsorted_file_is_named_by_its_line)
{
    /* sorted: 01-02 (line 4, spanning 4-5), 01-03 (line 2), 01-03 (line 7): the
     * repeat's line is found again past a blank line and a quoted line break */
    bt_series s;
    load_ok("Date,Open,High,Low,Close\n2020-01-03,1,1,1,1\n\n2020-01-02,\"1\n\",1,1,1\n"
            "2020-01-06,1,1,1,1\n2020-01-03,2,2,2,2\n", &s);
    cr_assert_eq(s.was_sorted, 1);
    cr_assert_eq(s.n_duplicates, 1);
    cr_assert_eq(s.first_duplicate_line, 7);
    cr_assert_eq(s.close[2], 2);
    bt_series_free(&s);
}

Test(csv, a_header_of_millions_of_columns_loads_in_bounded_memory)
{
    BT_TEST_SKIP_MEMORY();
    char path[4096];
    snprintf(path, sizeof path, "%s", write_wide_csv());
    bt_series s;
    bt_error e = {0};
    cr_assert_eq(bt_series_load_csv(path, &s, &e), BT_OK, "%s", e.msg);
    cr_assert_eq(s.n, 3);
    assert_row(&s, 2, 1578096000, 12, 14, 11, 13.5); /* 2020-01-04 */
    cr_assert_str_eq(s.index_name, "Date");
    bt_series_free(&s);
    /* nothing kept per column: 2 million header names would take 80 MB (a pointer
     * and a heap block each); libcsv and the loader need well under 8 MB */
    long kib = bt_test_peak_growth_kib(load_wide, path);
    cr_assert(kib >= 0, "the child could not load or measure (%ld)", kib);
    cr_assert(kib < 8 * 1024, "loading a %d-column header raised the peak memory by %ld KiB", WIDE_EXTRA + 5, kib);
    unlink(path);
}

Test(csv, columns_past_the_first_64_are_named_by_number_or_by_their_role)
{
    /* Close is column 90; columns 5..89 and 91..100 are extras */
    char text[4096] = "Date,Open,High,Low", *p = text + strlen(text);
    for (int c = 5; c <= 100; c++)
        p += sprintf(p, c == 90 ? ",CLOSE" : ",e%d", c);
    p += sprintf(p, "\n2020-01-02,1,1,1");
    for (int c = 5; c <= 100; c++)
        p += sprintf(p, c == 90 ? ",x" : ",0");
    strcpy(p, "\n");
    expect_error(text, BT_ERR_DATA, ":2:90: column 'CLOSE': 'x' is not a number");
    p = strstr(text, "\n") + 1;
    p += sprintf(p, "2020-01-02,1,1,1");
    for (int c = 5; c < 80; c++)
        p += sprintf(p, ",0");
    strcpy(p, "\n");
    expect_error(text, BT_ERR_DATA, ":2:80: column 80 is missing: the row has 79 fields, the header has 100");
}

Test(csv, five_digit_years_load_up_to_99999_12_31)
{
    bt_series s;
    load_ok(HDR "9999-12-31,1,1,1,1\n10000-01-03,2,2,2,2\n99999-12-31 23:59:59,3,3,3,3\n", &s);
    cr_assert_eq(s.n, 3);
    cr_assert_eq(s.is_datetime, 1);
    cr_assert_eq(s.time[0], INT64_C(253402214400));
    cr_assert_eq(s.time[1], INT64_C(253402473600));    /* 10000-01-03: three days later */
    cr_assert_eq(s.time[2], INT64_C(3093527980799));   /* 99999-12-31 23:59:59 */
    char buf[32];
    bt_format_time(s.time[2], buf, sizeof buf);
    cr_assert_str_eq(buf, "99999-12-31 23:59:59");
    bt_series_free(&s);
}

/* Writes s to a fresh temp file (path to path) and loads it back into b. */
static void write_and_load(const bt_series *a, bt_series *b, char *path, size_t cap)
{
    bt_error e = {0};
    const char *p = bt_test_write_file("synth", "");
    cr_assert_not_null(p);
    snprintf(path, cap, "%s", p);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    cr_assert_eq(bt_series_write_csv(f, a, &e), BT_OK, "%s", e.msg);
    cr_assert_eq(fclose(f), 0);
    cr_assert_eq(bt_series_load_csv(path, b, &e), BT_OK, "%s", e.msg);
}

Test(synth, a_series_reaching_year_10000_loads_back)
{
    /* 2,087,101 business days from 2000-01-03: the last bar is 10000-01-03,
     * the first that needs a five-digit year */
    bt_series a, b;
    char path[4096], buf[32];
    cr_assert_eq(bt_series_synth(2087101, 5, &a, NULL), BT_OK);
    bt_format_time(a.time[a.n - 2], buf, sizeof buf);
    cr_assert_str_eq(buf, "9999-12-31 00:00:00");
    bt_format_time(a.time[a.n - 1], buf, sizeof buf);
    cr_assert_str_eq(buf, "10000-01-03 00:00:00");
    write_and_load(&a, &b, path, sizeof path);
    cr_assert(same_series(&a, &b));
    bt_series_free(&a);
    bt_series_free(&b);
    unlink(path);
}

Test(synth, the_bar_limit_is_the_last_business_day_a_csv_index_holds)
{
    /* bar i of the synthetic series falls on day0 + (i / 5) * 7 + i % 5 */
    const int64_t day0 = 10959; /* 2000-01-03 */
    char buf[32];
    size_t last = BT_SYNTH_MAX_BARS - 1, next = BT_SYNTH_MAX_BARS;
    bt_format_time((day0 + (int64_t)(last / 5) * 7 + (int64_t)(last % 5)) * DAY, buf, sizeof buf);
    cr_assert_str_eq(buf, "99999-12-31 00:00:00", "the last bar: %s", buf); /* a Friday */
    bt_format_time((day0 + (int64_t)(next / 5) * 7 + (int64_t)(next % 5)) * DAY, buf, sizeof buf);
    cr_assert_str_eq(buf, "100000-01-03 00:00:00", "one more bar: %s", buf);

    bt_series s;
    bt_error e = {0};
    cr_assert_eq(bt_series_synth(BT_SYNTH_MAX_BARS + 1, 1, &s, &e), BT_ERR_USAGE);
    cr_assert_str_eq(e.msg, "synthetic series: 25566976 bars is more than 25566975 (business days from 2000-01-03 "
                            "to 99999-12-31, the last date a CSV index can hold)");
    cr_assert_null(s.time);

    /* the last day itself round-trips through the writer */
    int64_t t = (day0 + (int64_t)(last / 5) * 7 + (int64_t)(last % 5)) * DAY;
    double px[2] = {1.5, 2.25};
    int64_t times[2] = {t - 3 * DAY, t};
    bt_series a = {.n = 2, .time = times, .open = px, .high = px, .low = px, .close = px, .volume = px,
                   .is_datetime = 1, .has_volume = 1}, b;
    char path[4096];
    write_and_load(&a, &b, path, sizeof path);
    cr_assert(same_series(&a, &b));
    cr_assert(strstr(bt_test_slurp(path), "\n99999-12-31,2.25,") != NULL);
    bt_series_free(&b);
    unlink(path);
}

/* ------------------------------------------------------------------ writer */

/* Writes s to a temp file and returns its text (caller frees). */
static char *write_to_text(const bt_series *s)
{
    bt_error e = {0};
    const char *p = bt_test_write_file("written", "");
    cr_assert_not_null(p);
    FILE *f = fopen(p, "w+");
    cr_assert_not_null(f);
    cr_assert_eq(bt_series_write_csv(f, s, &e), BT_OK, "%s", e.msg);
    long len = ftell(f);
    char *text = calloc((size_t)len + 1, 1);
    cr_assert_not_null(text);
    rewind(f);
    cr_assert_eq(fread(text, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    return text;
}

Test(writer, numbers_use_the_shortest_text_that_round_trips)
{
    int64_t t[] = {946684800, 946771200, 951782400};
    double o[] = {0.1, 1.0 / 3.0, 100};
    double h[] = {1e-7, 123456789.125, 1e300};
    double l[] = {-0.0, 5e-324, 0.30000000000000004};
    double c[] = {2.5, 1e21, 1e17};
    double v[] = {1000, NAN, 12345000000};
    bt_series s = {.n = 3, .time = t, .open = o, .high = h, .low = l, .close = c, .volume = v, .is_datetime = 1, .has_volume = 1};
    char *text = write_to_text(&s);
    cr_assert_str_eq(text, ",Open,High,Low,Close,Volume\n"
                           "2000-01-01,0.1,1e-07,-0,2.5,1000\n"
                           "2000-01-02,0.3333333333333333,123456789.125,5e-324,1e+21,\n"
                           "2000-02-29,100,1e+300,0.30000000000000004,1e+17,12345000000\n");
    double big[] = {1e16, 9007199254740993.0, 0.0001, 123.456, -INFINITY};
    bt_series s2 = {.n = 1, .time = t, .open = big, .high = big + 1, .low = big + 2, .close = big + 3,
                    .volume = big + 4, .is_datetime = 1, .has_volume = 1};
    free(text);
    text = write_to_text(&s2);
    cr_assert_str_eq(text, ",Open,High,Low,Close,Volume\n2000-01-01,10000000000000000,9007199254740992,0.0001,123.456,-inf\n");
    free(text);
}

/* The shortest "%.*g" form that round-trips, with whole numbers below 1e17
 * written out in full: the writer's contract, computed the slow way. */
static void reference_text(char *buf, size_t cap, double x)
{
    int prec = 1;
    for (; prec < 17; prec++) {
        snprintf(buf, cap, "%.*g", prec, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    snprintf(buf, cap, "%.*e", prec - 1, x);
    long exp10 = strtol(strchr(buf, 'e') + 1, NULL, 10);
    if (exp10 >= prec && exp10 < 17)
        prec = (int)exp10 + 1;
    snprintf(buf, cap, "%.*g", prec, x);
}

Test(writer, every_cell_is_the_shortest_text_that_round_trips)
{
    enum { N = 3000 };
    static int64_t t[N];
    static double col[4][N];
    uint64_t state = 12345;
    for (size_t i = 0; i < N; i++) {
        t[i] = (int64_t)i;
        for (int k = 0; k < 4; k++) {
            state = state * 6364136223846793005u + 1442695040888963407u;
            uint64_t r = state >> 11;
            double cents = (double)(r % 100000000000000u) / (double)(UINT64_C(1) << (r % 40)); /* many magnitudes */
            cents = round(cents);
            /* columns: cents; negative cents; arbitrary doubles; tiny/huge values */
            col[0][i] = cents / 100.0;
            col[1][i] = -cents / 100.0;
            col[2][i] = (double)r / 3.0 * pow(10.0, (double)(int)(r % 20) - 10);
            col[3][i] = (double)r * pow(10.0, (double)(int)(r % 60) - 40);
        }
    }
    bt_series s = {.n = N, .time = t, .open = col[0], .high = col[1], .low = col[2], .close = col[3]};
    char *text = write_to_text(&s), *line = strchr(text, '\n') + 1;
    for (size_t i = 0; i < N; i++) {
        char *end = strchr(line, '\n');
        *end = '\0';
        char *cell = strchr(line, ',') + 1;
        for (int k = 0; k < 4; k++) {
            char want[64], *next = strchr(cell, ',');
            if (next)
                *next = '\0';
            reference_text(want, sizeof want, col[k][i]);
            cr_assert_str_eq(cell, want, "row %zu column %d (%.17g)", i, k, col[k][i]);
            cell = next + 1;
        }
        line = end + 1;
    }
    free(text);
}

Test(writer, intraday_times_integer_indexes_and_no_volume)
{
    int64_t t[] = {1577923200, 1577957415};
    double x[] = {1.5, 2.25};
    bt_series s = {.n = 2, .time = t, .open = x, .high = x, .low = x, .close = x, .volume = x, .is_datetime = 1, .has_volume = 0};
    char *text = write_to_text(&s);
    cr_assert_str_eq(text, ",Open,High,Low,Close\n"
                           "2020-01-02 00:00:00,1.5,1.5,1.5,1.5\n"
                           "2020-01-02 09:30:15,2.25,2.25,2.25,2.25\n");
    free(text);
    int64_t idx[] = {-3, 12};
    s.time = idx;
    s.is_datetime = 0;
    s.has_volume = 1;
    text = write_to_text(&s);
    cr_assert_str_eq(text, ",Open,High,Low,Close,Volume\n-3,1.5,1.5,1.5,1.5,1.5\n12,2.25,2.25,2.25,2.25,2.25\n");
    free(text);
}

Test(writer, a_write_failure_is_an_io_error)
{
    FILE *f = fopen("/dev/full", "w");
    if (!f)
        cr_skip_test("/dev/full is not available");
    bt_series s;
    bt_error e = {0};
    cr_assert_eq(bt_series_synth(5000, 1, &s, NULL), BT_OK);
    int st = bt_series_write_csv(f, &s, &e);
    fclose(f);
    cr_assert_eq(st, BT_ERR_IO);
    cr_assert_eq(e.status, BT_ERR_IO);
    cr_assert_str_eq(e.msg, "cannot write CSV: No space left on device");
    bt_series_free(&s);
}

/* ------------------------------------------------------------------ format_time */

struct time_case {
    int64_t t;
    char text[24];
};

ParameterizedTestParameters(format_time, times_print_as_naive_utc_calendar_dates)
{
    static struct time_case cases[] = {
        {0, "1970-01-01 00:00:00"},
        {-1, "1969-12-31 23:59:59"},
        {-14182940, "1969-07-20 20:17:40"},
        {951782400, "2000-02-29 00:00:00"},
        {1577957415, "2020-01-02 09:30:15"},
        {253402300799, "9999-12-31 23:59:59"},
        {-62135596800, "0001-01-01 00:00:00"},
    };
    return cr_make_param_array(struct time_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct time_case *c, format_time, times_print_as_naive_utc_calendar_dates)
{
    char buf[32];
    bt_format_time(c->t, buf, sizeof buf);
    cr_assert_str_eq(buf, c->text);
}

Test(format_time, a_small_buffer_is_truncated_not_overrun)
{
    char buf[8] = "xxxxxxx";
    bt_format_time(0, buf, 5);
    cr_assert_str_eq(buf, "1970");
    cr_assert_eq(buf[5], 'x');
}
