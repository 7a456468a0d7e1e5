/* Backtest settings: defaults equal to backtesting.py's Backtest(). */
#include "btgpu.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* v in the fewest significant digits that read back as v (0.1, not
 * 0.10000000000000001): a setting echoed as the user typed it */
static const char *shortest(double v, char *buf, size_t cap)
{
    if (v == floor(v) && fabs(v) < 1e17) { /* whole numbers in full: 10000, not 1e+04 */
        snprintf(buf, cap, "%.0f", v);
        return buf;
    }
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, cap, "%.*g", p, v);
        if (strtod(buf, NULL) == v || v != v)
            break;
    }
    return buf;
}

void bt_options_default(bt_options *o)
{
    memset(o, 0, sizeof *o);
    o->cash = 10000.0;
    o->margin = 1.0;
}

int bt_options_validate(const bt_options *o, bt_error *err)
{
    char b[40];
    if (!(o->cash > 0) || !isfinite(o->cash))
        return bt_error_set(err, BT_ERR_USAGE, "option '--cash': %s must be a finite number > 0", shortest(o->cash, b, sizeof b));
    if (!(o->margin > 0 && o->margin <= 1))
        return bt_error_set(err, BT_ERR_USAGE, "option '--margin': %s must be in (0, 1] (leverage = 1/margin)",
                            shortest(o->margin, b, sizeof b));
    /* cash * leverage: see BT_MAX_BUYING_POWER for the computations that overflow past it */
    if (!(o->cash <= BT_MAX_BUYING_POWER))
        return bt_error_set(err, BT_ERR_USAGE,
                            "option '--cash': %s is more than %g: the statistics square trade P&L of the order of "
                            "cash / margin (SQN), which would overflow to infinity",
                            shortest(o->cash, b, sizeof b), BT_MAX_BUYING_POWER);
    if (!(o->cash / o->margin <= BT_MAX_BUYING_POWER)) {
        char c[40], p[40];
        return bt_error_set(err, BT_ERR_USAGE,
                            "option '--margin': %s with --cash %s gives a buying power (cash / margin) of %s, more "
                            "than %g: the statistics square trade P&L of that order (SQN), which would overflow to "
                            "infinity", shortest(o->margin, b, sizeof b), shortest(o->cash, c, sizeof c),
                            shortest(o->cash / o->margin, p, sizeof p), BT_MAX_BUYING_POWER);
    }
    if (!(o->commission >= -0.1 && o->commission < 0.1))
        return bt_error_set(err, BT_ERR_USAGE,
                            "option '--commission': %s must be in [-0.1, 0.1) (a relative rate; "
                            "negative values are rebates)",
                            shortest(o->commission, b, sizeof b));
    if (!(o->fixed_commission >= 0) || !isfinite(o->fixed_commission))
        return bt_error_set(err, BT_ERR_USAGE, "option '--fixed-commission': %s must be a finite number >= 0",
                            shortest(o->fixed_commission, b, sizeof b));
    if (!(o->spread >= 0 && o->spread < 1))
        return bt_error_set(err, BT_ERR_USAGE, "option '--spread': %s must be in [0, 1) (a relative spread)",
                            shortest(o->spread, b, sizeof b));
    return BT_OK;
}
