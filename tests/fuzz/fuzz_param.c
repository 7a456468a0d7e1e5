/* fuzz_param.c - --param specs: each line of the input is one
 * bt_grid_add_param spec; then a few combinations are decoded and their
 * values printed as Python's repr(). */
#include "btgpu.h"
#include "fuzz.h"

#include <math.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        bt_set_memory_limit((uint64_t)256 << 20); /* as --max-memory 256M: a huge range is refused, not allocated */
        ready = 1;
    }
    char *text = fuzz_strdup(data, size);
    bt_grid g = {0};
    bt_error err = {0};
    for (char *line = text, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        size_t before = g.n_params;
        int rc = bt_grid_add_param(&g, line, &err);
        if (rc != BT_OK) {
            FUZZ_CHECK_ERROR(rc, err);
            FUZZ_CHECK(g.n_params == before); /* a failed spec adds nothing */
        } else {
            FUZZ_CHECK(g.n_params == before + 1 && g.params[before].n_values > 0);
        }
    }
    if (g.n_params) {
        uint64_t prod = 1;
        for (size_t p = 0; p < g.n_params; p++)
            prod *= g.params[p].n_values;
        FUZZ_CHECK(prod == g.n_product && prod > 0);
        const uint64_t ks[4] = {0, g.n_product / 3, g.n_product / 2, g.n_product - 1};
        for (int t = 0; t < 4; t++) {
            double v[BT_MAX_PARAMS];
            int types[BT_MAX_PARAMS];
            bt_grid_decode_types(&g, ks[t], v, types);
            for (size_t p = 0; p < g.n_params; p++) {
                char buf[64];
                FUZZ_CHECK(types[p] == BT_PTYPE_INT || types[p] == BT_PTYPE_FLOAT || types[p] == BT_PTYPE_BOOL);
                FUZZ_CHECK(types[p] != BT_PTYPE_BOOL || v[p] == 0 || v[p] == 1);
                FUZZ_CHECK(types[p] != BT_PTYPE_INT || v[p] == floor(v[p]));
                bt_format_param(v[p], types[p], buf, sizeof buf);
                FUZZ_CHECK(buf[0] != '\0' && strlen(buf) < sizeof buf);
            }
        }
    }
    bt_grid_free(&g);
    FUZZ_CHECK(g.n_params == 0);
    free(text);
    return 0;
}
