/*
 * results.h -- the results of one `amor run`: runs.csv, curves.csv and
 * solver.csv in the output directory (rewritten atomically after every cell,
 * so an interrupted sweep leaves whole rows only; rows in the order the
 * script submitted its cells), the figures of each experiment, and the
 * summary printed to stdout.
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

/* Record a finished cell (takes no ownership) as row `seq` of this run:
 * rows are written in seq order whatever order they are recorded in. */
int results_record(results *R, size_t seq, const cell_spec *c, const cell_result *r,
                   char *err, size_t errlen);

/* Rewrite runs.csv, curves.csv, solver.csv (and tracks.csv when any row has
 * tracks), each atomically: earlier runs' rows still kept (results_attach),
 * then this run's. */
int results_write(results *R, char *err, size_t errlen);

/* The directory's earlier rows (stored.h); R takes ownership. */
struct stored;
void results_attach(results *R, struct stored *S);
struct stored *results_stored(results *R);

/* Remove stored cell results this run has no row for, except those of
 * experiments it did not run (stored_cache_prune). */
void results_prune_cache(results *R);

/* Figures of one experiment (plotdir.h: training curves, solvers vs
 * amortized models, final gaps; means over seeds with bootstrap intervals),
 * drawn from the CSVs results_write left in the directory, up to `jobs`
 * rendered at once. */
int results_figures(results *R, const char *experiment, int jobs, char *err, size_t errlen);

/* A short table of the experiment's cells. */
void results_print_summary(const results *R, const char *experiment, FILE *out);

/* Cells this run recorded, how many did not end "ok", how many ended with
 * the given status. */
size_t results_count(const results *R);
size_t results_failed(const results *R);
size_t results_count_status(const results *R, const char *status);


#endif
