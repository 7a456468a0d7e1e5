/* Working-memory checks (memory.h). */
#define _POSIX_C_SOURCE 200809L
#include "memory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t g_limit; /* bt_set_memory_limit; 0: what the system has */

void bt_set_memory_limit(uint64_t bytes) { g_limit = bytes; }

/* The first number in a small file, or 0 ("max" reads as 0: no limit). */
static uint64_t read_number(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char buf[64] = "";
    uint64_t v = 0;
    if (fgets(buf, sizeof buf, f))
        v = strtoull(buf, NULL, 10);
    fclose(f);
    return v;
}

uint64_t bt_memory_available(void)
{
    uint64_t avail = 0;
    FILE *f = fopen("/proc/meminfo", "r");
    if (f) {
        char line[256];
        while (fgets(line, sizeof line, f))
            if (strncmp(line, "MemAvailable:", 13) == 0) {
                avail = strtoull(line + 13, NULL, 10) * 1024; /* kB */
                break;
            }
        fclose(f);
    }
    /* a container's own limit (cgroup v2), when it is the tighter one */
    uint64_t max = read_number("/sys/fs/cgroup/memory.max");
    if (max) {
        uint64_t cur = read_number("/sys/fs/cgroup/memory.current");
        uint64_t room = cur < max ? max - cur : 0;
        if (!avail || room < avail)
            avail = room;
    }
    return avail;
}

uint64_t bt_memory_limit(void) { return g_limit ? g_limit : bt_memory_available(); }

void bt_format_bytes(uint64_t n, char *buf, size_t cap)
{
    static const char *unit[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    if (n < 1024) {
        snprintf(buf, cap, "%llu bytes", (unsigned long long)n);
        return;
    }
    double v = (double)n / 1024;
    int u = 0;
    while (v >= 1024 && u < 5) {
        v /= 1024;
        u++;
    }
    snprintf(buf, cap, "%.1f %s", v, unit[u]);
}

int bt_memory_check(uint64_t need, const char *what, bt_error *err)
{
    const uint64_t limit = bt_memory_limit();
    if (!limit || need <= limit)
        return BT_OK;
    char a[32], b[32];
    bt_format_bytes(need, a, sizeof a);
    bt_format_bytes(limit, b, sizeof b);
    return bt_error_set(err, BT_ERR_RANGE, "%s needs about %s of memory, more than the %s %s (--max-memory SIZE "
                        "sets the limit)", what, a, b, g_limit ? "allowed" : "available");
}
