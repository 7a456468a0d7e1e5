/* csv_mem.h - the CSV loader on a text held in memory (internal). */
#ifndef BTGPU_CSV_MEM_H
#define BTGPU_CSV_MEM_H

#include <stddef.h>

#include "btgpu.h"

/* bt_series_load_csv_sep on the len bytes at buf instead of a file (the same
 * parser, checks and messages): name stands for the path in messages
 * (NULL: "<memory>"); sep 0 detects the delimiter from the header line. */
int bt_series_load_csv_mem(const char *buf, size_t len, char sep, const char *name, bt_series *out, bt_error *err);

#endif
