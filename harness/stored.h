/*
 * stored.h -- what an output directory already holds when a run starts: the
 * rows of runs.csv, curves.csv, solver.csv and tracks.csv written by earlier
 * runs, and the cache of finished cells' full results (.cells/<key>.cell, in
 * worker.h's encoding) that lets a sweep resume.
 *
 * Rows of an experiment this run does not touch are written back unchanged
 * (by column name: a column the new header adds is empty in them).  Once the
 * run submits cells of an experiment it "claims" it: the experiment's old
 * rows are no longer written; the cells found finished (same key, status ok,
 * cached result present) are recorded again from the cache and the others
 * run.  Also: the lock that keeps two runs out of one directory.
 */
#ifndef AMOR_STORED_H
#define AMOR_STORED_H

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

/* Is there an old runs.csv row of `experiment` with this key and status ok? */
int stored_has_ok(const stored *S, const char *experiment, const char *key);

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
/* each key of the runs.csv rows */
void stored_keys(const stored *S, void (*add)(void *ctx, const char *key), void *ctx);

/* ---- the cache of finished cells ---------------------------------------- */

/* Atomically write r as dir/.cells/<key>.cell. */
int stored_cache_put(const char *dir, const char *key, const cell_result *r, char *err,
                     size_t errlen);

/* Read dir/.cells/<key>.cell into r: 0, or non-zero if missing or unreadable
 * (r is then empty). */
int stored_cache_get(const char *dir, const char *key, cell_result *r);

/* Remove cache files whose key is not among keys[0..n) (sorted, strcmp). */
void stored_cache_prune(const char *dir, char *const *keys, size_t n);

/* ---- one run per directory ------------------------------------------------ */

/* Lock dir/.amor.lock (flock, released when the process ends, even by
 * kill -9) and remove temporary files a killed run left; -1 with a message
 * if another amor run holds the lock. */
int stored_lock(const char *dir, int *fd, char *err, size_t errlen);

#endif
