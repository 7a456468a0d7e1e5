/* Indicators with pandas-exact arithmetic. */
#include "indicators.h"

#include <math.h>

/* pandas' roll_mean state (host/sma_table.c steps the same state for many
 * windows at once; keep the two in step). */
typedef struct bt_sma_stream {
    size_t window;
    size_t nobs, neg_ct, same_ct;
    double sum, comp_add, comp_rem, prev;
} bt_sma_stream;

/* pandas' roll_mean (pandas/_libs/window/aggregations.pyx): a running sum
 * with separate Kahan compensations for additions and removals, a count of
 * negative values and the length of the latest run of equal values. */
static inline void sma_add(bt_sma_stream *s, double v)
{
    if (v != v)
        return;
    s->nobs++;
    double y = v - s->comp_add;
    double t = s->sum + y;
    s->comp_add = (t - s->sum) - y;
    s->sum = t;
    if (signbit(v))
        s->neg_ct++;
    s->same_ct = (v == s->prev) ? s->same_ct + 1 : 1;
    s->prev = v;
}

static inline void sma_remove(bt_sma_stream *s, double v)
{
    if (v != v)
        return;
    s->nobs--;
    double y = -v - s->comp_rem;
    double t = s->sum + y;
    s->comp_rem = (t - s->sum) - y;
    s->sum = t;
    if (signbit(v))
        s->neg_ct--;
}

static inline double sma_value(const bt_sma_stream *s)
{
    if (!(s->nobs >= s->window && s->nobs > 0))
        return NAN;
    double r = s->sum / (double)s->nobs;
    if (s->same_ct >= s->nobs)
        r = s->prev;
    else if (s->neg_ct == 0 && r < 0)
        r = 0;
    else if (s->neg_ct == s->nobs && r > 0)
        r = 0;
    return r;
}

static void sma_init(bt_sma_stream *st, size_t window, const double *x)
{
    bt_sma_stream z = {0};
    z.window = window;
    z.prev = x[0];
    *st = z;
}

static inline double sma_next(bt_sma_stream *st, const double *x, size_t i)
{
    if (st->window == 1) {
        /* pandas restarts the state whenever a window does not overlap the
         * previous one, which for a window of 1 is every bar */
        sma_init(st, 1, x + i);
    } else if (i >= st->window) {
        sma_remove(st, x[i - st->window]);
    }
    sma_add(st, x[i]);
    return sma_value(st);
}

void bt_sma_pandas(const double *x, size_t n, size_t window, double *out)
{
    if (n == 0)
        return;
    bt_sma_stream st;
    sma_init(&st, window, x);
    for (size_t i = 0; i < n; i++)
        out[i] = sma_next(&st, x, i);
}

size_t bt_first_valid(const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (x[i] == x[i])
            return i;
    return 0;
}
