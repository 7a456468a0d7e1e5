/* fuzz_csv.c - the CSV loader on a text in memory (bt_series_load_csv_mem,
 * the parser bt_series_load_csv uses). A first byte 0x01, 0x02 or 0x03
 * selects the delimiter ',', ';' or '\t' (any other: detected, as --sep is
 * not given). A loaded series is checked (sorted, finite prices), written
 * back with bt_series_write_csv and loaded again: the same numbers. */
#define _POSIX_C_SOURCE 200809L
#include "btgpu.h"
#include "csv_mem.h"
#include "fuzz.h"

#include <math.h>

static int same(double a, double b) { return a == b || (isnan(a) && isnan(b)); }

static void check_series(const bt_series *s)
{
    FUZZ_CHECK(s->n > 0 && s->time && s->open && s->high && s->low && s->close && s->volume);
    for (size_t i = 0; i < s->n; i++) {
        FUZZ_CHECK(i == 0 || s->time[i - 1] <= s->time[i]);
        FUZZ_CHECK(isfinite(s->open[i]) && isfinite(s->high[i]) && isfinite(s->low[i]) && isfinite(s->close[i]));
        FUZZ_CHECK(s->has_volume || isnan(s->volume[i]));
        FUZZ_CHECK(!isinf(s->volume[i]));
    }
    FUZZ_CHECK(s->n_duplicates < s->n);
    FUZZ_CHECK((s->n_duplicates == 0) == (s->first_duplicate_line == 0));
}

/* write_csv, then load what it wrote (the times as written: without a UTC offset) */
static void check_round_trip(const bt_series *s)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    bt_error err = {0};
    bt_series back = {0};
    FUZZ_CHECK(f);
    FUZZ_CHECK(bt_series_write_csv(f, s, &err) == BT_OK);
    fclose(f);
    int rc = bt_series_load_csv_mem(text, len, ',', "<written>", &back, &err);
    if (rc != BT_OK)
        fprintf(stderr, "written back, it does not load: %s\n", err.msg);
    FUZZ_CHECK(rc == BT_OK);
    FUZZ_CHECK(back.n == s->n && back.is_datetime == s->is_datetime && back.has_volume == s->has_volume);
    for (size_t i = 0; i < s->n; i++) {
        FUZZ_CHECK(back.time[i] == s->time[i]);
        FUZZ_CHECK(same(back.open[i], s->open[i]) && same(back.high[i], s->high[i]));
        FUZZ_CHECK(same(back.low[i], s->low[i]) && same(back.close[i], s->close[i]));
        FUZZ_CHECK(same(back.volume[i], s->volume[i]));
    }
    bt_series_free(&back);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char seps[4] = {0, ',', ';', '\t'};
    char sep = 0;
    if (size > 0 && data[0] >= 1 && data[0] <= 3) {
        sep = seps[data[0]];
        data++;
        size--;
    }
    bt_series s;
    bt_error err = {0};
    int rc = bt_series_load_csv_mem((const char *)data, size, sep, "fuzz.csv", &s, &err);
    if (rc != BT_OK) {
        FUZZ_CHECK_ERROR(rc, err);
        FUZZ_CHECK(strncmp(err.msg, "fuzz.csv", 8) == 0);
        FUZZ_CHECK(s.n == 0 && !s.time);
        return 0;
    }
    check_series(&s);
    check_round_trip(&s);
    bt_series_free(&s);
    return 0;
}
