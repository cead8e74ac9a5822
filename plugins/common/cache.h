/*
 * cache.h -- a keyed on-disk cache for expensive one-time preparation in a
 * plugin's create (amor.h: cache_dir convention).  An entry is one file
 * <dir>/<prefix>-<16 hex digits of a hash of key>.bin holding a magic, the
 * full key (so a hash collision, or a file renamed from another entry's
 * name, is a miss, not a wrong hit), the payload and a checksum over all of
 * it; it is written atomically (temporary file + rename) and anything that
 * does not match exactly -- not a regular file (a symbolic link, a FIFO, a
 * directory), another key, another size, a damaged or truncated file -- is
 * a miss.  Payloads are raw bytes in the machine's format: put what that
 * depends on (sizeof(double), endianness) into the key.  Nothing exits.
 *
 * A file that is there but refused is named on stderr ("amor: warning:
 * PATH: checksum mismatch (...); computing it again"): the only output of
 * plugin code (amor.h: plugins do not print), because the ABI has no channel
 * for a warning and a silent recomputation (the VAE's decoder: minutes)
 * would leave the damage unexplained.
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

/* FNV-1a 64 (am_fnv1a, AM_FNV_START) */
#include "amhash.h"

/* buf = dir/prefix-<hash of key>.bin */
void am_cache_path(char *buf, size_t len, const char *dir, const char *prefix,
                   const char *key);

/* 0 with the parts filled if path holds a valid entry for key whose payload
 * has exactly the parts' total size; 1 (parts unspecified) otherwise, after
 * the warning above unless there is no file at all.  A FIFO is refused
 * without waiting for a writer. */
int am_cache_load(const char *path, const char *key, const am_cache_part *parts,
                  size_t nparts);

/* Create the directories of path's parent (mkdir -p), then write the entry
 * atomically.  Returns 0, or AMOR_EDATA with a message naming the path. */
int am_cache_store(const char *path, const char *key, const am_cache_part *parts,
                   size_t nparts, char *err, size_t errlen);


/* Files a plugin writes whole go through amfile.h (am_tmp_path, am_commit,
 * am_remove_stale_tmp), as the host's do. */
#include "amfile.h"

#endif
