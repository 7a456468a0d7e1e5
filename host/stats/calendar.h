/* Facts about a series that every combination shares, for the streaming
 * statistics of kernels/bt_accum.h. */
#ifndef BTGPU_CALENDAR_H
#define BTGPU_CALENDAR_H
#include "bt_accum.h"
#include "btgpu.h"

/* Owns the arrays an accumulator context points into. */
typedef struct bt_calendar {
    bt_acc_ctx ctx;          /* ready to use once bt_calendar_make succeeded */
    double *t;               /* bar times as doubles */
    unsigned char *bin_last; /* 1 on the last bar of each resample period */
    double *market_yc;       /* centred market log returns (Beta) */
} bt_calendar;

/* Computes the data period, periods per year, resample periods, CAGR years,
 * duration resolution and market log returns exactly as bt_stats_compute
 * does, for initial cash `cash` and the accumulator groups `groups`. */
int bt_calendar_make(const bt_series *s, double cash, int groups, bt_calendar *out, bt_error *err);
void bt_calendar_free(bt_calendar *c);

/* Feeds a finished reference run into one-lane accumulators and returns the
 * heatmap value of statistic key (NaN without closed trades): the same
 * definition the fast backends use. */
double bt_calendar_run_value(const bt_calendar *cal, const bt_run *run, int key);
/* The same for n keys at once from one pass over the run: out[k] for keys[k]. */
void bt_calendar_run_values(const bt_calendar *cal, const bt_run *run, const int *keys, size_t n, double *out);

#endif
