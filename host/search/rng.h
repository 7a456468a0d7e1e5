/* rng.h - numpy.random.default_rng(seed).random(), bit for bit: SeedSequence
 * (numpy's entropy mixing) seeding PCG64 (128-bit LCG, XSL-RR output), and
 * the double in [0, 1) from the top 53 bits. backtesting.py's randomized grid
 * draws from it (optimize(max_tries=..., random_state=...)). */
#ifndef BT_RNG_H
#define BT_RNG_H

#include <stdint.h>

typedef struct bt_rng {
    unsigned __int128 state, inc;
} bt_rng;

/* numpy.random.default_rng(seed) for a non-negative integer seed */
void bt_rng_seed(bt_rng *r, uint64_t seed);
/* its next .random() */
double bt_rng_random(bt_rng *r);
/* as if .random() had been drawn delta times (PCG64's advance) */
void bt_rng_advance(bt_rng *r, uint64_t delta);

#endif
