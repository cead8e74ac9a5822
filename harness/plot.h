/*
 * plot.h -- the host's figure writer.  A figure is written as a self-contained
 * gnuplot script <stem>.gp (data inline as datablocks) and rendered by running
 * gnuplot on it into <stem>.png (pngcairo) and <stem>.svg beside the script.
 *
 * The script finds its own directory from ARG0, so a user can restyle it and
 * rerun `gnuplot path/to/<stem>.gp` from any working directory; the PNG and SVG
 * are regenerated next to the script.  (Fed on stdin, `gnuplot < x.gp`, there
 * is no ARG0 and the outputs go to the current directory.)
 *
 * Files are replaced atomically: the script goes to <stem>.gp.tmp and is
 * renamed; gnuplot renders to <stem>.png.tmp / <stem>.svg.tmp, which are renamed
 * only after gnuplot succeeded and wrote both, and removed otherwise, so a
 * failed render never replaces a good figure.
 *
 * Nothing here prints or exits.  Every function returns PLOT_OK (0) or one of
 * the nonzero plot_status codes, with a one-line NUL-terminated message in the
 * caller's buffer err of errlen bytes (err may be NULL when errlen is 0).
 * Functions are reentrant; concurrent calls must use different dir/stem pairs.
 */
#ifndef AMOR_PLOT_H
#define AMOR_PLOT_H

#include <stddef.h>

typedef enum plot_status {
    PLOT_OK = 0,
    PLOT_EINVAL = 1,     /* bad arguments: message names the panel/series/field */
    PLOT_EIO = 2,        /* could not write, rename or spawn (message has strerror) */
    PLOT_ENOGNUPLOT = 3, /* gnuplot is not on PATH: the .gp was written, no images */
    PLOT_ERENDER = 4     /* gnuplot failed: message carries its stderr; the .gp was
                          * written, the previous .png/.svg (if any) are untouched */
} plot_status;

/* One curve.  Points whose x or y is NaN/Inf, or not positive on a log axis,
 * are left out of the datablock (with a comment saying why); a series with
 * n == 0 is allowed and draws nothing (its label still appears in the key).
 * All pointers are borrowed for the duration of the call. */
typedef struct plot_series {
    const char *label;    /* key entry; NULL = no key entry.  Any text: quotes,
                           * underscores etc. are shown literally */
    size_t n;             /* number of points */
    const double *x, *y;  /* (n,) each; may be NULL only when n == 0 */
    const double *ylo;    /* (n,) lower edge of a shaded band around y, or NULL */
    const double *yhi;    /* (n,) upper edge; ylo and yhi are both set or both NULL */
    const char *style;    /* gnuplot plot style put after `with`: NULL = "lines";
                           * e.g. "points", "linespoints", "dots", "points pt 5".
                           * The first word is the style, the rest are options
                           * that override the palette (e.g. "lines dt 3") */
} plot_series;

/* A horizontal reference: a dashed black line at y across the whole x range,
 * over a grey translucent band [lo, hi] (e.g. the amortized model's mean +/-
 * std).  lo == hi draws just the line; a non-finite y drops the line, a
 * non-finite lo or hi drops the band.  On a log y axis, lo <= 0 extends the
 * band to the bottom of the plot.  The band takes part in y autoscaling. */
typedef struct plot_hband {
    const char *label; /* key entry for the line; NULL = none */
    double y, lo, hi;
} plot_hband;

/* One set of axes. */
typedef struct plot_figure {
    const char *title, *xlabel, *ylabel; /* NULL = none; shown literally */
    int logx, logy;                      /* nonzero = logarithmic axis */
    size_t nseries;
    const plot_series *series;           /* (nseries,); NULL only if nseries == 0 */
    size_t nbands;
    const plot_hband *bands;             /* (nbands,); NULL only if nbands == 0 */
    const char *key;    /* gnuplot `set key` arguments; NULL = "top right".
                         * e.g. "bottom left", "outside right top", "off" */
    int width, height;  /* image size in px; 0 = 800 x 500.  Ignored for the
                         * panels of plot_write_multi */
} plot_figure;

/* Write dir/stem.gp and render dir/stem.png and dir/stem.svg.  dir must exist;
 * stem is a file name (no '/', not empty). */
int plot_write(const char *dir, const char *stem, const plot_figure *fig,
               char *err, size_t errlen);

/* Several panels in one image (gnuplot multiplot), filled row by row. */
typedef struct plot_layout {
    const char *title;  /* overall title above the panels; NULL = none */
    size_t rows, cols;  /* grid, rows * cols >= npanels; 0 and 0 = one row */
    int width, height;  /* whole image in px; 0 = 560 * cols x 400 * rows */
} plot_layout;

int plot_write_multi(const char *dir, const char *stem, const plot_layout *layout,
                     size_t npanels, const plot_figure *panels, char *err,
                     size_t errlen);

#endif
