/* Statistics from the streaming accumulators of kernels/bt_accum.h. */
#include "bt_accum.h"
#include "btgpu.h"

#include <math.h>

static double or_nan(double v) { return v == 0 ? NAN : v; }

/* Durations are rounded up to the data's resolution, then given in days. */
static double duration_value(const bt_acc_ctx *x, double d)
{
    if (!x->is_datetime || d != d)
        return d;
    if (x->resolution > 0)
        d = ceil(d / x->resolution) * x->resolution;
    return d / 86400.0;
}

/* Per-key facts of the registry (stats.def). */
static const int stat_groups[BT_N_STATS] = {
#define BT_STAT(id, key, kind, groups, ranked, absent) [id] = groups,
#include "stats.def"
#undef BT_STAT
};
static const unsigned char stat_kind[BT_N_STATS] = {
#define BT_STAT(id, key, kind, groups, ranked, absent) [id] = BT_KIND_##kind,
#include "stats.def"
#undef BT_STAT
};

int bt_acc_groups_for(int key)
{
    return key >= 0 && key < BT_N_STATS ? stat_groups[key] : 0;
}

/* Geometric mean of the period returns: exp(log(prod(1 + r)) / m) - 1 with
 * the product telescoped to last / first period equity. */
static double gmean_returns(const bt_acc_bars *a, size_t c)
{
    if (a->r_nonpos[c])
        return 0;
    if (a->r_n[c] == 0)
        return NAN;
    return exp(log(a->bin_prev[c] / a->bin_first[c]) / a->r_n[c]) - 1;
}

double bt_acc_value(const bt_acc_ctx *x, const bt_acc_bars *a, size_t c, const bt_acc_trades *t, size_t warmup,
                    int key)
{
    if (!bt_stat_rankable(key))
        return NAN; /* no heatmap value: Start, End, Duration */
    double n = t->n, N = x->periods_per_year;
    double g = x->is_datetime ? gmean_returns(a, c) : 0;
    double annret = pow(1 + g, N) - 1;
    double var = a->r_n[c] > 1 ? a->r_m2[c] / (a->r_n[c] - 1) : NAN;
    double vol = x->is_datetime ? sqrt(pow(var + pow(1 + g, 2), N) - pow(1 + g, 2 * N)) * 100 : NAN;
    double max_dd = a->max_dd[c] == a->max_dd[c] ? a->max_dd[c] : 0;
    /* the final bar always ends an episode when it is not a zero itself */
    double last_i = (double)(x->n - 1);
    int tail = last_i > a->zero_at[c] + 1;
    double n_ep = a->n_ep[c] + tail;
    double ep_sum = a->ep_sum[c] + (tail ? a->ep_max[c] : 0);
    double tail_dur = tail ? x->t[x->n - 1] - a->zero_t[c] : 0;
    double dur_sum = a->dur_sum[c] + tail_dur;
    double dur_max = tail && tail_dur > a->dur_max[c] ? tail_dur : a->dur_max[c];
    double c0 = x->close[warmup], cn = x->close[x->n - 1];
    double bh = (cn - c0) / c0 * 100;
    double ret = (a->last[c] - x->cash) / x->cash * 100;
    double win = n ? t->wins / n : NAN;
    double d; /* a duration's value in time units, for duration_value below */

    switch (key) {
    case BT_STAT_EXPOSURE: return t->covered / (double)x->n * 100;
    case BT_STAT_EQUITY_FINAL: return a->last[c];
    case BT_STAT_EQUITY_PEAK: return a->peak[c];
    case BT_STAT_COMMISSIONS: return t->comm;
    case BT_STAT_RETURN: return ret;
    case BT_STAT_BUY_HOLD: return bh;
    case BT_STAT_RETURN_ANN: return annret * 100;
    case BT_STAT_VOLATILITY_ANN: return vol;
    case BT_STAT_CAGR:
        return x->is_datetime && x->years != 0 ? (pow(a->last[c] / x->cash, 1 / x->years) - 1) * 100 : NAN;
    case BT_STAT_SHARPE: return (annret * 100 - 0.0) / or_nan(vol);
    case BT_STAT_SORTINO:
        return (annret - 0) / (sqrt(a->r_n[c] ? a->r_negsq[c] / a->r_n[c] : NAN) * sqrt(N));
    case BT_STAT_CALMAR: return annret / or_nan(max_dd);
    case BT_STAT_ALPHA:
    case BT_STAT_BETA: {
        double m = (double)(x->n - 1);
        double beta = NAN;
        if (x->n - 1 > 1) {
            double mx = a->x_sum[c] / m;
            beta = (a->xy_sum[c] - mx * x->market_yc_sum) / x->market_yc_sq;
        }
        return key == BT_STAT_BETA ? beta : ret - 0.0 - beta * (bh - 0.0);
    }
    case BT_STAT_MAX_DD: return -max_dd * 100;
    case BT_STAT_AVG_DD:
        return n_ep ? -(ep_sum / n_ep) * 100 : -(a->nz_n[c] ? a->nz_sum[c] / a->nz_n[c] : NAN) * 100;
    case BT_STAT_MAX_DD_DURATION:
        if (!n_ep) /* degenerate: the dd values themselves, as plain numbers */
            return a->nz_n[c] ? a->max_dd[c] : NAN;
        d = dur_max;
        break;
    case BT_STAT_AVG_DD_DURATION:
        if (!n_ep)
            return a->nz_n[c] ? a->nz_sum[c] / a->nz_n[c] : NAN;
        d = dur_sum / n_ep;
        break;
    case BT_STAT_N_TRADES: return n;
    case BT_STAT_WIN_RATE: return win * 100;
    case BT_STAT_BEST_TRADE: return t->best * 100;
    case BT_STAT_WORST_TRADE: return t->worst * 100;
    case BT_STAT_AVG_TRADE:
        if (!n)
            return NAN;
        return t->ret_le_m1 ? 0 : (exp(t->log_sum / n) - 1) * 100;
    case BT_STAT_MAX_TRADE_DURATION: d = n ? t->dur_max : NAN; break;
    case BT_STAT_AVG_TRADE_DURATION: d = n ? t->dur_sum / n : NAN; break;
    case BT_STAT_PROFIT_FACTOR: return t->ret_pos / or_nan(fabs(t->ret_neg));
    case BT_STAT_EXPECTANCY: return n ? t->ret_sum / n * 100 : NAN;
    case BT_STAT_SQN:
        return (sqrt(n) * (n ? t->pnl_sum / n : NAN)) / or_nan(n > 1 ? sqrt(t->pnl_m2 / (n - 1)) : NAN);
    case BT_STAT_KELLY: {
        double avg_win = t->n_pos ? t->pnl_pos / t->n_pos : NAN;
        double avg_loss = t->n_neg ? t->pnl_neg / t->n_neg : NAN;
        return win - (1 - win) / (avg_win / -avg_loss);
    }
    default: return NAN;
    }
    /* the durations (KIND TIMEDELTA in stats.def) break out of the switch */
    return stat_kind[key] == BT_KIND_TIMEDELTA ? duration_value(x, d) : d;
}
