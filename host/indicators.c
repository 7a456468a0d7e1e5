/* Indicators with pandas-exact arithmetic. */
#include "indicators.h"

#include <math.h>

/* Running state of pandas' roll_mean (pandas/_libs/window/aggregations.pyx). */
typedef struct sma_state {
    size_t nobs;      /* non-NaN values in the window */
    size_t neg_ct;    /* values with the sign bit set */
    size_t same_ct;   /* length of the run of equal values most recently added */
    double sum;       /* running sum */
    double comp_add;  /* Kahan compensation of additions */
    double comp_rem;  /* Kahan compensation of removals */
    double prev;      /* last value added */
} sma_state;

static void sma_add(sma_state *s, double v)
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

static void sma_remove(sma_state *s, double v)
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

static double sma_value(const sma_state *s, size_t minp)
{
    if (!(s->nobs >= minp && s->nobs > 0))
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

void bt_sma_pandas(const double *x, size_t n, size_t window, double *out)
{
    if (n == 0)
        return;
    sma_state s = {0};
    s.prev = x[0];
    for (size_t i = 0; i < n; i++) {
        if (window == 1) {
            /* pandas restarts the state whenever a window does not overlap
             * the previous one, which for a window of 1 is every bar */
            sma_state fresh = {0};
            fresh.prev = x[i];
            s = fresh;
        } else if (i >= window) {
            sma_remove(&s, x[i - window]);
        }
        sma_add(&s, x[i]);
        out[i] = sma_value(&s, window);
    }
}

size_t bt_first_valid(const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (x[i] == x[i])
            return i;
    return 0;
}
