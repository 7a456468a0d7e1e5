/* fuzz_constraint.c - the constraint language: the input is a
 * bt_grid_set_constraint expression over a grid of int, float and bool
 * parameters (n1, n2, x, flag), evaluated on every combination. */
#include "btgpu.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const specs[] = {"n1=1:20:4", "n2=0,5,10,-3", "x=0.5,1.5,-2.0", "flag=True,False"};
    char *text = fuzz_strdup(data, size);
    bt_grid g = {0};
    bt_error err = {0};
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
        FUZZ_CHECK(bt_grid_add_param(&g, specs[i], &err) == BT_OK);
    int rc = bt_grid_set_constraint(&g, text, &err);
    if (rc != BT_OK) {
        FUZZ_CHECK_ERROR(rc, err);
        FUZZ_CHECK(g.constraint == NULL);
    } else {
        for (uint64_t k = 0; k < g.n_product; k++) {
            double v[BT_MAX_PARAMS];
            int ok = -1;
            bt_error e2 = {0};
            bt_grid_decode(&g, k, v);
            rc = bt_grid_admissible(&g, v, &ok, &e2);
            if (rc != BT_OK) {
                FUZZ_CHECK_ERROR(rc, e2);
                FUZZ_CHECK(ok == 0);
            } else {
                FUZZ_CHECK(ok == 0 || ok == 1);
            }
        }
        /* a second constraint replaces the first */
        rc = bt_grid_set_constraint(&g, "n1 < 10", &err);
        FUZZ_CHECK(rc == BT_OK);
    }
    bt_grid_free(&g);
    free(text);
    return 0;
}
