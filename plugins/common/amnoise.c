/*
 * amnoise.c -- deterministic noise keyed by the context (see amnoise.h).
 * Moved from vaenet.c unchanged: the vae problem's noise is the same bit
 * for bit.
 */
#include "amnoise.h"

#include <string.h>

#include "amor.h"

static uint64_t mix64(uint64_t h)
{
    uint64_t s = h;
    return amor_splitmix64(&s);
}

uint64_t am_noise_hash(const double *x, size_t d)
{
    uint64_t h = 0xcbf29ce484222325ull, w;
    size_t j;
    for (j = 0; j < d; j++) {
        memcpy(&w, &x[j], sizeof w);
        h = (h ^ w) * 0x100000001b3ull;
    }
    return mix64(h);
}

void am_noise_fill(double *eps, size_t len, uint64_t hx, uint64_t key, size_t s,
                   uint64_t call)
{
    amor_rng r;
    size_t k;
    amor_rng_seed(&r, hx ^ key ^ mix64(0x5eed0000ull + s) ^ mix64(~call));
    for (k = 0; k < len; k++) eps[k] = amor_rng_normal(&r);
}

uint64_t am_noise_key(uint64_t seed)
{
    return mix64(0x6e6f697365ull ^ seed);
}
