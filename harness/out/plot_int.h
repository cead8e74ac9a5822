/*
 * plot_int.h -- internals shared by the figure writer's source files
 * (plot_core.c: escaping, script prologue, running gnuplot, atomic renames;
 * plot.c: line figures; plot_raw.c: caller-written bodies; plot_bars.c: bar
 * charts).  Not part of the host's API: include plot.h instead.
 */
#ifndef AMOR_PLOT_INT_H
#define AMOR_PLOT_INT_H

#include "plot.h"

#include <stdio.h>

enum { PLOT_NCOLORS = 8 };

/* Okabe-Ito (colour-blind safe), black left out: it belongs to the hbands. */
extern const char *const plot_palette[PLOT_NCOLORS];

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
int plot_fail(char *err, size_t errlen, int code, const char *fmt, ...);

/* Some byte is a control character (< 0x20 or 0x7f). */
int plot_has_ctrl(const char *s);

/* Text inside a gnuplot single-quoted string ('' for ', control characters
 * as spaces), with and without the quotes. */
void plot_put_escaped(FILE *f, const char *s);
void plot_put_quoted(FILE *f, const char *s);

/* Text inside a # comment: control characters as spaces. */
void plot_put_comment_text(FILE *f, const char *s);

/* The shortest %.Ng that reads back as exactly v. */
const char *plot_num(char out[32], double v);

/* Why v cannot be plotted (NaN, infinite, not positive on a log axis), or NULL. */
const char *plot_unplottable(double v, int logaxis);

/* The size check shared by all entry points: 0 = default, max 32767. */
int plot_check_size(int width, int height, char *err, size_t errlen);

/* Script pieces every figure uses, in this order:
 *   plot_put_outputs   the ARG0 block defining amor_out(ext)
 *   plot_put_linetypes encoding and the palette as linetypes 1..8 (these
 *                      survive `reset`)
 *   plot_put_loop_begin `do for [amor_fmt in 'png svg'] {`, terminal, output
 *   ... the figure's commands, run once per format ...
 *   plot_put_loop_end  `unset output` and the closing brace */
void plot_put_outputs(FILE *f, const char *stem);
void plot_put_linetypes(FILE *f);
void plot_put_loop_begin(FILE *f, int width, int height);
void plot_put_loop_end(FILE *f);

/* Writes the whole script to f. */
typedef void (*plot_script_fn)(FILE *f, const char *stem, void *ctx);

/* Check dir and stem (the caller does this first too, so that a bad stem is
 * reported before the figure's own checks). */
int plot_check_target(const char *dir, const char *stem, char *err, size_t errlen);

/* Write dir/stem.gp through write(), render it, rename the images into place
 * (see plot.h).  err is cleared first.  Inside a batch (plot.h) the
 * rendering may finish later, in plot_batch_end. */
int plot_emit(const char *dir, const char *stem, plot_script_fn write, void *ctx,
              char *err, size_t errlen);

#endif
