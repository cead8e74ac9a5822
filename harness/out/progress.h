/*
 * progress.h -- what `amor run` prints while cells run.
 *
 * On a terminal: one line per finished cell ("[3/12] <cell> ok (1.2s)"),
 * below them a live block redrawn in place -- one line per running cell
 * (cell i/N, phase, training step, mean training loss, ETA) and an overall
 * bar (cells done, running, elapsed, ETA).  When stdout is not a terminal:
 * the finished-cell lines and, every 10 s while cells run, one plain status
 * line.  Quiet: nothing.
 */
#ifndef AMOR_PROGRESS_H
#define AMOR_PROGRESS_H

#include <stdio.h>

#include "cell.h"
#include "codec.h"

typedef struct progress progress;

enum { PROGRESS_QUIET, PROGRESS_PLAIN, PROGRESS_TTY };

/* mode PROGRESS_TTY falls back to PLAIN when out is not a terminal. */
progress *progress_new(FILE *out, int mode);
void progress_free(progress *P);

/* A batch of n cells (one experiment, or one run_cell), `resumed` of them
 * taken from earlier results in dir. */
void progress_begin(progress *P, size_t n, size_t resumed, const char *dir);
void progress_started(progress *P, size_t i, const char *id);
void progress_update(progress *P, size_t i, const codec_progress *w);
void progress_finished(progress *P, size_t i, const char *id, const cell_result *r,
                       double seconds);
/* Redraw (terminal, at most 10 times a second) or print the periodic line. */
void progress_tick(progress *P);
/* Clears the live block. */
void progress_end(progress *P);

#endif
