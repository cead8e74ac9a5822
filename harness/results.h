/*
 * results.h -- the results of one `amor run`: runs.csv, curves.csv and
 * solver.csv in the output directory (rewritten atomically after every cell,
 * so an interrupted sweep leaves whole rows only), the figures of each
 * experiment, and the summary printed to stdout.
 */
#ifndef AMOR_RESULTS_H
#define AMOR_RESULTS_H

#include <stdio.h>

#include "cell.h"

typedef struct results results;

/* Results written under dir (created if missing, with parents). */
results *results_new(const char *dir, char *err, size_t errlen);
void results_free(results *R);
const char *results_dir(const results *R);

/* Record a finished cell (takes no ownership) and rewrite the CSVs. */
int results_add(results *R, const cell_spec *c, const cell_result *r, char *err,
                size_t errlen);

/* Figures of one experiment: training curves and solver-vs-amortized. */
int results_figures(results *R, const char *experiment, char *err, size_t errlen);

/* A short table of the experiment's cells. */
void results_print_summary(const results *R, const char *experiment, FILE *out);

/* Cells recorded so far, and how many did not end "ok". */
size_t results_count(const results *R);
size_t results_failed(const results *R);

/* Write `len` bytes to path atomically (temp file in the same directory,
 * fsync, rename). */
int results_write_file(const char *path, const char *data, size_t len, char *err,
                       size_t errlen);

/* mkdir -p */
int results_mkdirs(const char *dir, char *err, size_t errlen);

#endif
