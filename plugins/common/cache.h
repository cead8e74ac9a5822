/*
 * cache.h -- a keyed on-disk cache for expensive one-time preparation in a
 * plugin's create (amor.h: cache_dir convention).  An entry is one file
 * <dir>/<prefix>-<16 hex digits of a hash of key>.bin holding a magic, the
 * full key (so a hash collision is a miss, not a wrong hit), the payload and
 * a checksum; it is written atomically (temporary file + rename) and
 * anything that does not match exactly -- another key, another size, a
 * damaged or truncated file -- is a miss.  Payloads are raw bytes in the
 * machine's format: put what that depends on (sizeof(double), endianness)
 * into the key.  Nothing prints or exits.
 */
#ifndef AMOR_CACHE_H
#define AMOR_CACHE_H

#include <stddef.h>
#include <stdint.h>

/* One piece of a payload (an entry is the concatenation of its parts). */
typedef struct am_cache_part {
    void *p;    /* store reads it, load writes it */
    size_t len; /* bytes */
} am_cache_part;

/* FNV-1a 64 of len bytes, continuing from h (start: AM_FNV_START). */
#define AM_FNV_START 0xcbf29ce484222325ull
uint64_t am_fnv1a(uint64_t h, const void *p, size_t len);

/* buf = dir/prefix-<hash of key>.bin */
void am_cache_path(char *buf, size_t len, const char *dir, const char *prefix,
                   const char *key);

/* 0 with the parts filled if path holds a valid entry for key whose payload
 * has exactly the parts' total size; 1 (parts unspecified) otherwise. */
int am_cache_load(const char *path, const char *key, const am_cache_part *parts,
                  size_t nparts);

/* Create the directories of path's parent (mkdir -p), then write the entry
 * atomically.  Returns 0, or AMOR_EDATA with a message naming the path. */
int am_cache_store(const char *path, const char *key, const am_cache_part *parts,
                   size_t nparts, char *err, size_t errlen);

/* mkdir -p dir.  Returns 0, or AMOR_EDATA / AMOR_EINVAL with a message. */
int am_mkdirs(const char *dir, char *err, size_t errlen);

#endif
