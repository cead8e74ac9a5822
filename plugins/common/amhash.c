/*
 * amhash.c -- FNV-1a 64 (see amhash.h).
 */
#include "amhash.h"

uint64_t am_fnv1a(uint64_t h, const void *p, size_t len)
{
    const unsigned char *b = p;
    size_t i;
    for (i = 0; i < len; i++) h = (h ^ b[i]) * 0x100000001b3ull;
    return h;
}
