/*
 * amhash.h -- FNV-1a, the one 64-bit hash of bytes amor uses for keys and
 * checksums (cell keys, result files, checkpoints, plugin caches, figure
 * names).  One copy for the host and the plugins: the host links this file
 * as it links adam.c.  Not a cryptographic hash: it finds damage and tells
 * names apart, it does not resist an attacker.
 */
#ifndef AMOR_AMHASH_H
#define AMOR_AMHASH_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a 64 of len bytes, continuing from h (start: AM_FNV_START). */
#define AM_FNV_START 0xcbf29ce484222325ull
uint64_t am_fnv1a(uint64_t h, const void *p, size_t len);

#endif
