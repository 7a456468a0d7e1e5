/* series.c - calendar helpers, the synthetic series, the CSV writer and
 * bt_series_free. The CSV loader lives in csv.c. */
#include "btgpu.h"
#include "series_internal.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ dates */

/* Howard Hinnant's days_from_civil: exact for every int64 year that does
 * not overflow the result. */
int64_t bt_days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;                                   /* [0, 399] */
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

void bt_civil_from_days(int64_t days, int64_t *y, int *m, int *d)
{
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;                                       /* [0, 146096] */
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* [0, 365] */
    int64_t mp = (5 * doy + 2) / 153;                                     /* [0, 11] */
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

int bt_is_leap_year(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int bt_days_in_month(int64_t y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && bt_is_leap_year(y))
        return 29;
    return days[m - 1];
}

/* Splits t into a day number and the seconds within that day (floor
 * division, so negative t works; no overflow even for INT64_MIN). */
static void split_time(int64_t t, int64_t *days, int64_t *sod)
{
    int64_t q = t / BT_SECONDS_PER_DAY, r = t % BT_SECONDS_PER_DAY;
    if (r < 0) {
        r += BT_SECONDS_PER_DAY;
        q -= 1;
    }
    *days = q;
    *sod = r;
}

void bt_format_time(int64_t t, char *buf, size_t cap)
{
    int64_t days, sod, y;
    int m, d;
    if (!buf || cap == 0)
        return;
    split_time(t, &days, &sod);
    bt_civil_from_days(days, &y, &m, &d);
    snprintf(buf, cap, "%04" PRId64 "-%02d-%02d %02d:%02d:%02d", y, m, d, (int)(sod / 3600),
             (int)(sod / 60 % 60), (int)(sod % 60));
}

double bt_time_diff(int64_t from, int64_t to)
{
    /* unsigned arithmetic is modular, and to - from < 2^64 when from <= to */
    if (to >= from)
        return (double)((uint64_t)to - (uint64_t)from);
    return -(double)((uint64_t)from - (uint64_t)to);
}

/* ------------------------------------------------------------------ free */

void bt_series_free(bt_series *s)
{
    if (!s)
        return;
    free(s->time);
    free(s->open);
    free(s->high);
    free(s->low);
    free(s->close);
    free(s->volume);
    memset(s, 0, sizeof *s);
}

/* ------------------------------------------------------------------ synth */

/* xoshiro256** seeded through splitmix64: fast, and the same stream on
 * every platform (only the libm calls below may differ between libms). */
typedef struct bt_rng {
    uint64_t s[4];
} bt_rng;

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static void rng_seed(bt_rng *r, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(bt_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Uniform double in [0, 1) with 53 random bits. */
static double rng_uniform(bt_rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* Two independent standard normals (Box-Muller). */
static void rng_normal2(bt_rng *r, double *z0, double *z1)
{
    double u1 = 1.0 - rng_uniform(r); /* (0, 1]: log() stays finite */
    double u2 = rng_uniform(r);
    double rad = sqrt(-2.0 * log(u1));
    double ang = 6.283185307179586 * u2;
    *z0 = rad * cos(ang);
    *z1 = rad * sin(ang);
}

/* Walk parameters (per business day, in log price). The weak pull towards
 * the start level keeps million-bar series in a sane price range while
 * looking like a plain geometric random walk over a few years. */
#define SYNTH_START_PRICE 100.0
#define SYNTH_DRIFT 0.0002       /* slight upward drift */
#define SYNTH_VOL_GAP 0.003      /* overnight gap: close -> next open */
#define SYNTH_VOL_DAY 0.0147     /* open -> close; total ~1.5% a day */
#define SYNTH_VOL_RANGE 0.006    /* high/low excursion beyond open/close */
#define SYNTH_REVERSION 0.001    /* pull of the log price towards the start */
#define SYNTH_LOG_MIN (-2.0)     /* clamp: prices stay within ~[0.14, 1e7] */
#define SYNTH_LOG_MAX 16.0

/* A price rounded to whole cents, at least one cent: (double)cents / 100
 * is exactly what strtod returns for the "%.2f" text. */
static double to_cents(double price)
{
    long long cents = llround(price * 100.0);
    if (cents < 1)
        cents = 1;
    return (double)cents / 100.0;
}

static double clamp(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

/* Allocates the six arrays of s for n bars (n >= 1, n * 8 checked). */
static int series_alloc(bt_series *s, size_t n)
{
    s->n = n;
    s->time = malloc(n * sizeof *s->time);
    s->open = malloc(n * sizeof *s->open);
    s->high = malloc(n * sizeof *s->high);
    s->low = malloc(n * sizeof *s->low);
    s->close = malloc(n * sizeof *s->close);
    s->volume = malloc(n * sizeof *s->volume);
    if (!s->time || !s->open || !s->high || !s->low || !s->close || !s->volume)
        return BT_ERR_NOMEM;
    return BT_OK;
}

int bt_series_synth(size_t n_bars, uint64_t seed, bt_series *out, bt_error *err)
{
    int st = BT_OK;
    bt_rng rng;
    if (!out)
        return bt_error_set(err, BT_ERR_USAGE, "bt_series_synth: out is NULL");
    memset(out, 0, sizeof *out);
    if (n_bars < 1)
        return bt_error_set(err, BT_ERR_USAGE, "synthetic series: the number of bars must be at least 1");
    if (n_bars > BT_SYNTH_MAX_BARS)
        return bt_error_set(err, BT_ERR_USAGE,
                            "synthetic series: %zu bars is more than %u (business days from 2000-01-03 to "
                            "%d-12-31, the last date a CSV index can hold)", n_bars, BT_SYNTH_MAX_BARS, BT_MAX_YEAR);
    st = series_alloc(out, n_bars);
    if (st != BT_OK) {
        bt_error_set(err, st, "synthetic series: out of memory for %zu bars", n_bars);
        goto done;
    }

    rng_seed(&rng, seed);
    const int64_t day0 = bt_days_from_civil(2000, 1, 3); /* a Monday */
    const double log_start = log(SYNTH_START_PRICE);
    double log_close = log_start; /* the previous close, unrounded */
    for (size_t i = 0; i < n_bars; i++) {
        double z_gap, z_day, z_high, z_low;
        rng_normal2(&rng, &z_gap, &z_day);
        rng_normal2(&rng, &z_high, &z_low);
        double log_open = i == 0 ? log_start : log_close + SYNTH_VOL_GAP * z_gap;
        log_close = log_open + SYNTH_DRIFT + SYNTH_VOL_DAY * z_day
                    - SYNTH_REVERSION * (log_open - log_start);
        log_open = clamp(log_open, SYNTH_LOG_MIN, SYNTH_LOG_MAX);
        log_close = clamp(log_close, SYNTH_LOG_MIN, SYNTH_LOG_MAX);
        double open = exp(log_open), close = exp(log_close);
        double high = fmax(open, close) * exp(SYNTH_VOL_RANGE * fabs(z_high));
        double low = fmin(open, close) * exp(-SYNTH_VOL_RANGE * fabs(z_low));
        /* Rounding is monotone, so low <= min(open, close) and
         * max(open, close) <= high survive it. */
        out->open[i] = to_cents(open);
        out->high[i] = to_cents(high);
        out->low[i] = to_cents(low);
        out->close[i] = to_cents(close);
        out->volume[i] = floor(1e5 * exp(4.605170185988092 * rng_uniform(&rng))); /* [1e5, 1e7) */
        int64_t week = (int64_t)(i / 5), weekday = (int64_t)(i % 5);
        out->time[i] = (day0 + week * 7 + weekday) * BT_SECONDS_PER_DAY;
    }
    out->is_datetime = 1;
    out->has_volume = 1;

done:
    if (st != BT_OK)
        bt_series_free(out);
    return st;
}

/* ------------------------------------------------------------------ writer */

/* Writes the decimal digits of v, at least width of them (zero-padded),
 * at p and returns the end. */
static char *put_uint(char *p, uint64_t v, int width)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n < width)
        tmp[n++] = '0';
    while (n)
        *p++ = tmp[--n];
    return p;
}

static char *put_int(char *p, int64_t v)
{
    if (v < 0) {
        *p++ = '-';
        return put_uint(p, (uint64_t)0 - (uint64_t)v, 1);
    }
    return put_uint(p, (uint64_t)v, 1);
}

/* 1 when text reads back (strtod) as exactly x. */
static int round_trips(const char *text, double x)
{
    double back = strtod(text, NULL);
    return memcmp(&back, &x, sizeof x) == 0;
}

/* The shortest "%.*g" text (precision 1..17) that strtod reads back as the
 * same double, e.g. "0.1", "1e-07", "1e+21", with whole numbers below 1e17
 * keeping all their digits ("1000", not "1e+03"). x is finite. */
static char *put_shortest_g(char *p, double x)
{
    char buf[40];
    int prec = 1;
    for (; prec < 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, x);
        if (round_trips(buf, x))
            break;
    }
    snprintf(buf, sizeof buf, "%.*e", prec - 1, x);
    long exp10 = strtol(strchr(buf, 'e') + 1, NULL, 10);
    if (exp10 >= prec && exp10 < 17)
        prec = (int)exp10 + 1; /* %g would switch to an exponent */
    int n = snprintf(p, 40, "%.*g", prec, x);
    return p + n;
}

/* Fast path for whole cents (synthetic prices, integer volumes): when
 * |x| < 1e13 is the double nearest to some cents / 100, the text
 * "whole[.c[c]]" is that number's shortest round-tripping form (any shorter
 * decimal is at least 0.01 away, far beyond the spacing of doubles there)
 * and what put_shortest_g prints. Returns NULL when x is not such a value. */
static char *put_cents(char *p, double x)
{
    double a = fabs(x);
    if (!(a < 1e13))
        return NULL;
    double c = round(a * 100.0);
    if (c / 100.0 != a)
        return NULL;
    uint64_t cents = (uint64_t)c, frac = cents % 100;
    if (signbit(x))
        *p++ = '-';
    p = put_uint(p, cents / 100, 1);
    if (frac) {
        *p++ = '.';
        p = frac % 10 ? put_uint(p, frac, 2) : put_uint(p, frac / 10, 1);
    }
    return p;
}

/* A number cell: the shortest round-tripping text; NaN stays empty;
 * infinities print as "inf" / "-inf". Writes at most 40 bytes. */
static char *put_number(char *p, double x)
{
    char *end;
    if (isnan(x))
        return p;
    if (isinf(x)) {
        memcpy(p, x > 0 ? "inf" : "-inf", x > 0 ? 3 : 4);
        return p + (x > 0 ? 3 : 4);
    }
    if ((end = put_cents(p, x)))
        return end;
    return put_shortest_g(p, x);
}

/* The index cell of row i: an integer, "YYYY-MM-DD" or
 * "YYYY-MM-DD HH:MM:SS" (years 0-9999; others, such as the five-digit years
 * of a long synthetic series, via bt_format_time). */
static char *put_index(char *p, const bt_series *s, size_t i, int dates_only)
{
    int64_t days, sod, y;
    int m, d;
    if (!s->is_datetime)
        return put_int(p, s->time[i]);
    split_time(s->time[i], &days, &sod);
    bt_civil_from_days(days, &y, &m, &d);
    if (y < 0 || y > 9999) {
        bt_format_time(s->time[i], p, 40);
        return p + (dates_only ? strcspn(p, " ") : strlen(p));
    }
    p = put_uint(p, (uint64_t)y, 4);
    *p++ = '-';
    p = put_uint(p, (uint64_t)m, 2);
    *p++ = '-';
    p = put_uint(p, (uint64_t)d, 2);
    if (dates_only)
        return p;
    *p++ = ' ';
    p = put_uint(p, (uint64_t)(sod / 3600), 2);
    *p++ = ':';
    p = put_uint(p, (uint64_t)(sod / 60 % 60), 2);
    *p++ = ':';
    return put_uint(p, (uint64_t)(sod % 60), 2);
}

/* 1 when every timestamp is at midnight (the index is a plain date). */
static int all_midnight(const bt_series *s)
{
    for (size_t i = 0; i < s->n; i++) {
        int64_t days, sod;
        split_time(s->time[i], &days, &sod);
        if (sod != 0)
            return 0;
    }
    return 1;
}

int bt_series_write_csv(FILE *f, const bt_series *s, bt_error *err)
{
    if (!f || !s)
        return bt_error_set(err, BT_ERR_USAGE, "bt_series_write_csv: NULL file or series");
    const double *cols[5] = {s->open, s->high, s->low, s->close, s->volume};
    int n_cols = s->has_volume ? 5 : 4;
    int dates_only = s->is_datetime && all_midnight(s);
    errno = 0;
    int failed = fputs(s->has_volume ? ",Open,High,Low,Close,Volume\n" : ",Open,High,Low,Close\n", f) < 0;
    for (size_t i = 0; i < s->n && !failed; i++) {
        char line[5 * 48 + 64], *p = put_index(line, s, i, dates_only);
        for (int k = 0; k < n_cols; k++) {
            *p++ = ',';
            p = put_number(p, cols[k][i]);
        }
        *p++ = '\n';
        failed = fwrite(line, 1, (size_t)(p - line), f) != (size_t)(p - line);
    }
    if (!failed)
        failed = fflush(f) != 0 || ferror(f);
    if (failed)
        return bt_error_set(err, BT_ERR_IO, "cannot write CSV: %s", strerror(errno ? errno : EIO));
    return BT_OK;
}
