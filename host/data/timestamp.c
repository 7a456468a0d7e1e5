/* Index timestamps (timestamp.h). */
#include "timestamp.h"

#include <stdio.h>

#include "btgpu.h"
#include "series_internal.h"

/* 1 to max decimal digits at *p (advanced past them); -1 when none. */
static int digits(const char **p, const char *end, int max)
{
    int v = 0, n = 0;
    while (*p < end && n < max && **p >= '0' && **p <= '9') {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    return n ? v : -1;
}

/* Exactly n digits. */
static int fixed_digits(const char **p, const char *end, int n)
{
    const char *q = *p;
    int v = digits(&q, end, n);
    if (v < 0 || q - *p != n)
        return -1;
    *p = q;
    return v;
}

void bt_format_offset(int minutes, char *buf, size_t cap)
{
    int m = minutes < 0 ? -minutes : minutes;
    snprintf(buf, cap, "%c%02d:%02d", minutes < 0 ? '-' : '+', m / 60, m % 60);
}

int bt_parse_timestamp(const char *s, size_t len, int64_t *t, bt_ts_layout *lay, char *why, size_t cap)
{
    const char *p = s, *end = s + len;
    int y, mo, d, h = 0, mi = 0, se = 0;
    bt_ts_layout L = {0};
    /* the date: year first, or month first */
    const char *q = p;
    int first = digits(&q, end, 5);
    if (first < 0 || q >= end || (*q != '-' && *q != '/' && *q != '.'))
        return BT_TS_SHAPE;
    L.sep = *q;
    const int year_digits = (int)(q - p);
    if (year_digits == 4 || year_digits == 5) { /* years to BT_MAX_YEAR: every series btgpu synth writes */
        L.order = 'Y';
        y = first;
        p = q + 1;
        if ((mo = digits(&p, end, 2)) < 0 || p >= end || *p != L.sep)
            return BT_TS_SHAPE;
        p++;
        if ((d = digits(&p, end, 2)) < 0)
            return BT_TS_SHAPE;
    } else if (q - p <= 2) {
        L.order = 'M';
        mo = first;
        p = q + 1;
        if ((d = digits(&p, end, 2)) < 0 || p >= end || *p != L.sep)
            return BT_TS_SHAPE;
        p++;
        if ((y = fixed_digits(&p, end, 4)) < 0)
            return BT_TS_SHAPE;
    } else {
        return BT_TS_SHAPE;
    }
    /* the time */
    if (p < end && (*p == ' ' || *p == 'T')) {
        p++;
        if ((h = digits(&p, end, 2)) < 0 || p >= end || *p != ':')
            return BT_TS_SHAPE;
        p++;
        if ((mi = fixed_digits(&p, end, 2)) < 0)
            return BT_TS_SHAPE;
        if (p < end && *p == ':') {
            p++;
            if ((se = fixed_digits(&p, end, 2)) < 0)
                return BT_TS_SHAPE;
            if (p < end && *p == '.') {
                const char *frac = ++p;
                int nonzero = 0;
                for (; p < end && *p >= '0' && *p <= '9'; p++)
                    nonzero |= *p != '0';
                if (p == frac)
                    return BT_TS_SHAPE;
                if (nonzero) {
                    snprintf(why, cap, "fractions of a second are not supported (the index is kept in whole "
                             "seconds)");
                    return BT_TS_INVALID;
                }
            }
        }
        /* a UTC offset */
        if (p < end && (*p == 'Z' || *p == '+' || *p == '-')) {
            L.has_offset = 1;
            if (*p == 'Z') {
                p++;
            } else {
                const int sign = *p++ == '-' ? -1 : 1;
                int oh = fixed_digits(&p, end, 2), om = 0;
                if (oh < 0)
                    return BT_TS_SHAPE;
                if (p < end && *p == ':')
                    p++;
                if (p < end && (om = fixed_digits(&p, end, 2)) < 0)
                    return BT_TS_SHAPE;
                if (oh > 23 || om > 59) {
                    snprintf(why, cap, "UTC offset %02d:%02d is out of range", oh, om);
                    return BT_TS_INVALID;
                }
                L.offset_min = sign * (oh * 60 + om);
            }
        }
    }
    if (p != end)
        return BT_TS_SHAPE;
    if (y < 1)
        snprintf(why, cap, "year %0*d is out of range (0001-%d)", L.order == 'Y' ? year_digits : 4, 0, BT_MAX_YEAR);
    else if (mo < 1 || mo > 12)
        snprintf(why, cap, "month %02d is not 01-12%s", mo, L.order == 'M' ? " (dates with '/' and the year last are "
                 "read month first, as pandas reads them)" : "");
    else if (d < 1 || d > bt_days_in_month(y, mo))
        snprintf(why, cap, "day %02d is not in %04d-%02d, which has %d days", d, y, mo, bt_days_in_month(y, mo));
    else if (h > 23)
        snprintf(why, cap, "hour %02d is not 00-23", h);
    else if (mi > 59)
        snprintf(why, cap, "minute %02d is not 00-59", mi);
    else if (se > 59)
        snprintf(why, cap, "second %02d is not 00-59", se);
    else {
        *t = bt_days_from_civil(y, mo, d) * BT_SECONDS_PER_DAY + h * 3600 + mi * 60 + se;
        *lay = L;
        return BT_TS_OK;
    }
    return BT_TS_INVALID;
}
