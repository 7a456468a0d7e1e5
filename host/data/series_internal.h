/* series_internal.h - calendar helpers shared by csv.c and series.c.
 *
 * Dates are naive and proleptic Gregorian (no time zones, no leap seconds);
 * a day number counts days since 1970-01-01 (negative before it). */
#ifndef BTGPU_SERIES_INTERNAL_H
#define BTGPU_SERIES_INTERNAL_H

#include <stdint.h>

#define BT_SECONDS_PER_DAY 86400

/* Day number of the civil date y-m-d (m 1..12, d 1..31; not validated).
 * Example: bt_days_from_civil(2000, 1, 3) == 10959. */
int64_t bt_days_from_civil(int64_t y, int m, int d);

/* Inverse of bt_days_from_civil: the civil date of day number days. */
void bt_civil_from_days(int64_t days, int64_t *y, int *m, int *d);

/* 1 when y is a Gregorian leap year. */
int bt_is_leap_year(int64_t y);

/* Number of days in month m (1..12) of year y. */
int bt_days_in_month(int64_t y, int m);

#endif
