/* Error recording and status-to-exit-code mapping. */
#include "btgpu.h"

#include <stdarg.h>
#include <stdio.h>

int bt_error_set(bt_error *err, int status, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
        err->status = status;
    }
    return status;
}

int bt_status_exit_code(int status)
{
    if (status == BT_OK)
        return 0;
    if (status == BT_ERR_USAGE || status == BT_ERR_RANGE)
        return 2;
    return 1;
}
