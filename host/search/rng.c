/* numpy's default_rng, reimplemented from its published algorithms (rng.h):
 * SeedSequence's hash mixing with a pool of four 32-bit words, PCG64's
 * seeding (pcg_setseq_128_srandom_r) and step-then-output XSL-RR draws. */
#include "rng.h"

#define SS_POOL 4
#define SS_INIT_A 0x43b0d7e5u
#define SS_MULT_A 0x931e8875u
#define SS_INIT_B 0x8b51f9ddu
#define SS_MULT_B 0x58f38dedu
#define SS_MIX_L 0xca01f9ddu
#define SS_MIX_R 0x4973f715u
#define SS_XSHIFT 16

static uint32_t hashmix(uint32_t value, uint32_t *hash_const)
{
    value ^= *hash_const;
    *hash_const *= SS_MULT_A;
    value *= *hash_const;
    value ^= value >> SS_XSHIFT;
    return value;
}

static uint32_t mix(uint32_t x, uint32_t y)
{
    uint32_t r = SS_MIX_L * x - SS_MIX_R * y;
    r ^= r >> SS_XSHIFT;
    return r;
}

static const unsigned __int128 PCG_MULT =
    ((unsigned __int128)2549297995355413924ULL << 64) | (unsigned __int128)4865540595714422341ULL;

static void step(bt_rng *r) { r->state = r->state * PCG_MULT + r->inc; }

void bt_rng_seed(bt_rng *r, uint64_t seed)
{
    /* the seed as little-endian 32-bit words (at least one) */
    uint32_t ent[2] = {(uint32_t)seed, (uint32_t)(seed >> 32)};
    const int n_ent = ent[1] ? 2 : 1;
    uint32_t pool[SS_POOL], hc = SS_INIT_A;
    for (int i = 0; i < SS_POOL; i++)
        pool[i] = hashmix(i < n_ent ? ent[i] : 0, &hc);
    for (int s = 0; s < SS_POOL; s++)
        for (int d = 0; d < SS_POOL; d++)
            if (s != d)
                pool[d] = mix(pool[d], hashmix(pool[s], &hc));
    /* generate_state(4, uint64): eight 32-bit words cycling over the pool */
    uint32_t w[8];
    uint32_t hb = SS_INIT_B;
    for (int i = 0; i < 8; i++) {
        uint32_t v = pool[i % SS_POOL];
        v ^= hb;
        hb *= SS_MULT_B;
        v *= hb;
        v ^= v >> SS_XSHIFT;
        w[i] = v;
    }
    uint64_t s64[4];
    for (int k = 0; k < 4; k++)
        s64[k] = (uint64_t)w[2 * k] | ((uint64_t)w[2 * k + 1] << 32);
    const unsigned __int128 initstate = ((unsigned __int128)s64[0] << 64) | s64[1];
    const unsigned __int128 initseq = ((unsigned __int128)s64[2] << 64) | s64[3];
    r->state = 0;
    r->inc = (initseq << 1) | 1;
    step(r);
    r->state += initstate;
    step(r);
}

double bt_rng_random(bt_rng *r)
{
    step(r);
    const uint64_t x = (uint64_t)(r->state >> 64) ^ (uint64_t)r->state;
    const unsigned rot = (unsigned)(r->state >> 122);
    const uint64_t out = (x >> rot) | (x << ((64 - rot) & 63));
    return (double)(out >> 11) * (1.0 / 9007199254740992.0);
}

void bt_rng_advance(bt_rng *r, uint64_t delta)
{
    /* delta steps of the LCG at once: the composition of x -> m x + c with
     * itself, by squaring (O(log delta)) */
    unsigned __int128 acc_mult = 1, acc_plus = 0, cur_mult = PCG_MULT, cur_plus = r->inc;
    while (delta) {
        if (delta & 1) {
            acc_mult *= cur_mult;
            acc_plus = acc_plus * cur_mult + cur_plus;
        }
        cur_plus = (cur_mult + 1) * cur_plus;
        cur_mult *= cur_mult;
        delta >>= 1;
    }
    r->state = acc_mult * r->state + acc_plus;
}
