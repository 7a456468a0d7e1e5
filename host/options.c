/* Backtest settings: defaults equal to backtesting.py's Backtest(). */
#include "btgpu.h"

#include <math.h>
#include <string.h>

void bt_options_default(bt_options *o)
{
    memset(o, 0, sizeof *o);
    o->cash = 10000.0;
    o->margin = 1.0;
}

int bt_options_validate(const bt_options *o, bt_error *err)
{
    if (!(o->cash > 0) || !isfinite(o->cash))
        return bt_error_set(err, BT_ERR_USAGE, "option '--cash': %.17g must be a finite number > 0", o->cash);
    if (!(o->margin > 0 && o->margin <= 1))
        return bt_error_set(err, BT_ERR_USAGE, "option '--margin': %.17g must be in (0, 1] (leverage = 1/margin)",
                            o->margin);
    if (!(o->commission >= -0.1 && o->commission < 0.1))
        return bt_error_set(err, BT_ERR_USAGE,
                            "option '--commission': %.17g must be in [-0.1, 0.1) (a relative rate; "
                            "negative values are rebates)",
                            o->commission);
    if (!(o->fixed_commission >= 0) || !isfinite(o->fixed_commission))
        return bt_error_set(err, BT_ERR_USAGE, "option '--fixed-commission': %.17g must be a finite number >= 0",
                            o->fixed_commission);
    if (!(o->spread >= 0 && o->spread < 1))
        return bt_error_set(err, BT_ERR_USAGE, "option '--spread': %.17g must be in [0, 1) (a relative spread)",
                            o->spread);
    return BT_OK;
}
