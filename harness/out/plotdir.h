/*
 * plotdir.h -- the standard figures of a results directory, drawn from its
 * CSVs (runs.csv, curves.csv, solver.csv) alone: `amor plot DIR`, and what
 * `amor run` draws after each experiment, so the two always agree.
 *
 * Cells that differ only by their seed form a group (the cell id without its
 * "/seed=N" part); each figure shows a group's mean over its seeds with a
 * 95% percentile bootstrap interval: 1000 resamples of the seeds with
 * replacement, the interval running from the 25th to the 975th smallest
 * resampled mean; the resampling stream is seeded from a hash of the
 * experiment, group and point, so figures are reproducible.  A group with
 * one seed has no interval.  Only cells with status ok take part (the title
 * says how many others were left out).  Per experiment:
 *
 *   <exp>_training_<problem>  held-out gap (log y) and objective during
 *                             training, one line per group, shaded band
 *   <exp>_solver_<problem>    from-scratch solvers (Adam, GD) vs iterations
 *                             and vs seconds, each group as a horizontal
 *                             line with its interval as a grey band.  The
 *                             solver curve of a seed is that of the seed's
 *                             first cell with solver rows; seconds are
 *                             averaged over seeds.  With a single seed the
 *                             bands are instead +/- one standard deviation
 *                             over the held-out contexts
 *   <exp>_final               bars: final held-out gap per problem (x) and
 *                             model/loss group (bars), or the objective for
 *                             a problem without y*, with the intervals as
 *                             (asymmetric) error bars; log y when all > 0
 *
 * Each figure is <stem>.gp + .png + .svg (plot.h), keys below the panels.
 */
#ifndef AMOR_PLOTDIR_H
#define AMOR_PLOTDIR_H

#include <stddef.h>
#include <stdio.h>

/* The kinds of figure: per problem, training curves, solvers against the
 * models, the problem's own method's residual; per experiment, final gaps. */
enum {
    PLOTDIR_KIND_TRAINING = 1u,
    PLOTDIR_KIND_SOLVER = 2u,
    PLOTDIR_KIND_RESIDUAL = 4u,
    PLOTDIR_KIND_FINAL = 8u,
    PLOTDIR_KIND_ALL = 15u
};

/* The kind named name ("training", "solver", "residual", "final"), or 0. */
unsigned plotdir_kind(const char *name);

/* Draw the figures of the kinds in the mask `kinds` (PLOTDIR_KIND_*) of the
 * experiments named in experiments[0..n) (n == 0: every experiment in
 * runs.csv) into dir.  log (may be NULL) gets a line per figure written.  Up
 * to `jobs` figures are rendered at once (plot.h's batch).  A missing
 * runs.csv, a malformed CSV (the message names the file and line), an
 * unknown experiment or a figure that cannot be written or rendered is an
 * error: non-zero with a message. */
int plotdir_figures(const char *dir, const char *const *experiments, size_t n, unsigned kinds,
                    FILE *log, int jobs, char *err, size_t errlen);

/* Resamples and the percentiles' ranks, for tests and docs. */
enum { PLOTDIR_BOOT = 1000, PLOTDIR_LO_RANK = 25, PLOTDIR_HI_RANK = 975 };

#endif
