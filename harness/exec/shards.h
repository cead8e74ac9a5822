/*
 * shards.h -- one sweep spread over machines.  `amor run --shard i/N`
 * runs the cells whose content key, read as a 64-bit number, is i modulo N,
 * into DIR/shards/i-of-N/: a results directory of its own (lock, store,
 * CSVs), so no two processes write one file and no lock is shared between
 * nodes.  A cell's shard depends on its content alone: adding cells moves
 * no other cell.  `amor merge` serves every cell of the script from the
 * shards' stores (shards_fetch), never running one.
 */
#ifndef AMOR_SHARDS_H
#define AMOR_SHARDS_H

#include <stddef.h>
#include <stdio.h>

#include "cell.h"

/* "i/N" (0 <= i < N <= SHARDS_MAX) into *i, *n; 1 with the message
 * otherwise. */
#define SHARDS_MAX 100000u
int shards_parse(const char *text, unsigned *i, unsigned *n, char *err, size_t errlen);

/* The shard of the cell with this key (16 hex digits) among n. */
unsigned shards_of(const char *key, unsigned n);

/* "dir/shards/i-of-n" into buf; non-zero if it does not fit. */
int shards_path(char *buf, size_t len, const char *dir, unsigned i, unsigned n);

/* ---- the state of a shard: shard_dir/shard.state ---------------------------
 *
 * Written atomically when the shard starts (state running, this host, pid
 * and time) and when it ends (finished, failed: the script's error, or
 * interrupted), with its cells' count.  A shard killed (scancel, the node
 * lost) stays "running"; amor merge tells a live one from a dead one by
 * its lock when it ran on the merge's host. */
int shards_begin(const char *shard_dir, char *err, size_t errlen);
int shards_end(const char *shard_dir, const char *state, size_t cells, size_t failed,
               const char *message, char *err, size_t errlen);

/* ---- merging ----------------------------------------------------------------- */

typedef struct shardset shardset;

/* The shards under dir/shards/ (every "i-of-N" directory; for each N found,
 * shards 0..N-1, those without a directory counted as never started).
 * NULL with a message when there is none. */
shardset *shards_scan(const char *dir, char *err, size_t errlen);
void shards_free(shardset *T);

/* Bring cell c's result into dir/.cells (and its checkpoint into
 * dir/models) from the shard whose store holds it ok and intact: 1 if one
 * did, 0 if none (a refused file is named in a warning), -1 with a message
 * when dir cannot be written.  A file already identical is left alone. */
int shards_fetch(shardset *T, const char *dir, const cell_spec *c, char *err, size_t errlen);

/* The result c's shard kept for it when it did not end ok
 * (stored_failed_get): 1 with r filled, else 0. */
int shards_failed(shardset *T, const cell_spec *c, cell_result *r);

/* Why no shard has cell `key`: "not in the store of shard 2/4 (...), which
 * ..." with the shard's state. */
void shards_missing(const shardset *T, const char *key, char *why, size_t len);

/* Shards in all, and those that did not finish (never started, running,
 * killed, failed); one line each of the latter to out. */
size_t shards_total(const shardset *T);
size_t shards_unfinished(const shardset *T);
void shards_report(const shardset *T, FILE *out);

#endif
