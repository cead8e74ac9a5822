/*
 * stored.h -- what an output directory already holds when a run starts: the
 * rows of runs.csv, curves.csv, solver.csv and tracks.csv written by earlier
 * runs, and the store of finished cells' full results (.cells/<key>.cell)
 * that lets a sweep resume.
 *
 * Rows of an experiment this run does not touch are written back unchanged
 * (by column name: a column the new header adds is empty in them).  Once the
 * run submits cells of an experiment it "claims" it: the experiment's old
 * rows are no longer written; the cells whose stored result passes every
 * check (stored_cache_get) are recorded again from it and the others run.
 * Resume reads the store alone: the CSVs are for people and their tools, and
 * editing them never makes a cell run again.  Also: the lock that keeps two
 * runs out of one directory.
 */
#ifndef AMOR_STORED_H
#define AMOR_STORED_H

#include "fileutil.h"
#include "cell.h"
#include "sbuf.h"

typedef struct stored stored;

/* The four tables, in this order. */
enum { STORED_RUNS, STORED_CURVES, STORED_SOLVER, STORED_TRACKS, STORED_NTABLES };
extern const char *const stored_file_names[STORED_NTABLES]; /* "runs.csv", ... */

/* Read dir's CSVs (missing files are empty).  A file amor cannot parse is an
 * error naming it and the line. */
stored *stored_load(const char *dir, char *err, size_t errlen);
void stored_free(stored *S);

/* Rows of the old runs.csv (all experiments). */
size_t stored_count(const stored *S);

/* From now on, leave out the old rows of `experiment`. */
int stored_claim(stored *S, const char *experiment);

/* For the writer (results.c), about the old rows still written: */
/* each runs.csv column with a value in one of them, in file order */
void stored_columns(const stored *S, void (*add)(void *ctx, const char *name), void *ctx);
/* does `table` have any? */
int stored_has_rows(const stored *S, int table);
/* append them, fields in the order of cols (a column the file lacks is
 * empty), without a header */
void stored_write(const stored *S, int table, const char *const *cols, size_t ncols, sbuf *b);

/* ---- files amor reads back ----------------------------------------------- */

/* What reading back one of amor's own files found (fileutil.h's codes). */
enum { STORED_OK = FU_OK, STORED_ABSENT = FU_ABSENT, STORED_REFUSED = FU_REFUSED };

/* ---- the store of finished cells ------------------------------------------ */

/* The file, format version 2, little-endian:
 *
 *   offset 0   "AMORCELL"            8 bytes
 *          8   u32 format version    2
 *         12   the cell key          16 hex digits
 *         28   u32 length + bytes    the experiment's name
 *              u64 length + bytes    the result, in worker.h's encoding
 *              u64 checksum          64-bit FNV-1a (am_fnv1a) of every
 *                                    byte before it: the file's last 8 bytes
 *
 * Format 1, written by earlier amors, was the bare result encoding (it
 * starts with "AMRC"), with no checksum and no key: refused as stale. */
#define STORED_CELL_VERSION 2u

/* Atomically write r, the result of cell `key` of `experiment`, as
 * dir/.cells/<key>.cell. */
int stored_cache_put(const char *dir, const char *key, const char *experiment,
                     const cell_result *r, char *err, size_t errlen);

/* Read dir/.cells/<key>.cell into r if it is the result of this cell.
 * STORED_OK; STORED_ABSENT; or STORED_REFUSED, r empty, err "PATH: ..."
 * naming the first check that failed, in this order: a regular file
 * (fu_read_own); an older format; the magic; the format version; the
 * length the header implies ("truncated", or bytes after the checksum); the
 * checksum; the key (a file renamed from another cell's name); the
 * experiment; the result's encoding; status ok. */
int stored_cache_get(const char *dir, const char *key, const char *experiment, cell_result *r,
                     char *err, size_t errlen);

/* The result of a cell that did not end ok, for amor merge: a shard of a
 * sweep (amor run --shard) keeps it as dir/.cells/<key>.failed, in the same
 * format, so that the merge shows the cell as it ended.  Resume never reads
 * it: a failed cell runs again.  _get returns what stored_cache_get does,
 * refusing a result with status ok; _remove drops the file (the cell has
 * since ended ok). */
int stored_failed_put(const char *dir, const char *key, const char *experiment,
                      const cell_result *r, char *err, size_t errlen);
int stored_failed_get(const char *dir, const char *key, const char *experiment,
                      cell_result *r, char *err, size_t errlen);
void stored_failed_remove(const char *dir, const char *key);

/* Remove the files of .cells/ (<key>.cell, <key>.failed) whose key is not among keys[0..n) (sorted,
 * strcmp: the cells this run recorded), except, when S is given (a resumed
 * run), the files of experiments this run did not claim.  A file whose
 * header cannot be read is removed. */
void stored_cache_prune(const char *dir, const stored *S, char *const *keys, size_t n);

/* ---- one run per directory ------------------------------------------------ */

/* Lock dir/.amor.lock (flock, released when the process ends, even by
 * kill -9) and remove temporary files a killed run left; -1 with a message
 * if another amor run holds the lock. */
int stored_lock(const char *dir, int *fd, char *err, size_t errlen);

#endif
