/* Working-memory checks: refuse a request that cannot fit before
 * allocating it, instead of being killed by the kernel's OOM killer. */
#ifndef BTGPU_MEMORY_H
#define BTGPU_MEMORY_H
#include <stdint.h>
#include "btgpu.h"

/* The memory this process may still use, in bytes: the smaller of the
 * system's MemAvailable and the cgroup's limit less its usage; 0 when
 * neither can be read (then nothing is refused). */
uint64_t bt_memory_available(void);

/* The limit requests are checked against: bt_set_memory_limit's, else
 * bt_memory_available(). */
uint64_t bt_memory_limit(void);

/* BT_ERR_RANGE when need bytes exceed the limit: "WHAT needs about 4.2 GiB of
 * memory, more than the 3.1 GiB available (--max-memory SIZE sets the
 * limit)"; BT_OK otherwise (also when the limit is unknown). */
int bt_memory_check(uint64_t need, const char *what, bt_error *err);

/* "4.2 GiB", "512.0 MiB", "900 bytes". */
void bt_format_bytes(uint64_t n, char *buf, size_t cap);

#endif
