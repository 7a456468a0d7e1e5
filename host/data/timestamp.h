/* The index timestamps btgpu reads: the forms pandas' read_csv(index_col=0,
 * parse_dates=True) turns into a DatetimeIndex, in whole seconds. */
#ifndef BTGPU_TIMESTAMP_H
#define BTGPU_TIMESTAMP_H
#include <stddef.h>
#include <stdint.h>

enum { BT_TS_OK, BT_TS_SHAPE, BT_TS_INVALID };

/* How a timestamp was written; every row of an index must share it. */
typedef struct bt_ts_layout {
    char order;      /* 'Y': year first (YYYY-MM-DD); 'M': month first (MM/DD/YYYY) */
    char sep;        /* the date separator: '-', '/' or '.' */
    int has_offset;  /* a UTC offset (Z, +HH:MM, +HHMM, +HH) ... */
    int offset_min;  /* ... of this many minutes east of UTC */
} bt_ts_layout;

/* Parses one timestamp of len characters:
 *   YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD (month and day of 1 or 2 digits; a
 *   year of 5 digits too, up to BT_MAX_YEAR), or
 *   MM/DD/YYYY, MM-DD-YYYY, MM.DD.YYYY (month first, as pandas reads them);
 *   optionally followed by ' ' or 'T' and H:MM or H:MM:SS (hour of 1 or 2
 *   digits), a fraction of a second of zeros only (the index is in whole
 *   seconds), and a UTC offset Z, +HH:MM, +HHMM or +HH (or -).
 * *t is the wall time in seconds since 1970-01-01 as written (the offset is
 * reported in *lay, not applied: a constant offset changes no statistic).
 * BT_TS_SHAPE: not a timestamp; BT_TS_INVALID: a timestamp that is not a
 * real date or time, or not supported, with the reason in why. */
int bt_parse_timestamp(const char *s, size_t len, int64_t *t, bt_ts_layout *lay, char *why, size_t cap);

/* The offset as pandas prints it after a time: "+05:30", "+00:00". */
void bt_format_offset(int minutes, char *buf, size_t cap);

#endif
