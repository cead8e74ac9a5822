/*
 * plot.h -- the host's figure writer.  A figure is written as a self-contained
 * gnuplot script <stem>.gp (data inline as datablocks) and rendered by running
 * gnuplot on it into <stem>.png (pngcairo) and <stem>.svg beside the script.
 * Three kinds: line figures (plot_write, plot_write_multi), grouped bar charts
 * (plot_write_bars) and figures whose gnuplot commands the caller writes
 * (plot_write_raw: contour maps, images, anything else).  All of them share
 * everything below.
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
#include <stdio.h>

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
    int width, height;  /* whole image in px; 0 = 560 * cols x 400 * rows.
                         * With key_below, the key's rows are added to it */
    int key_below;      /* nonzero: one key for the whole figure, below the
                         * panels, in as many columns as fit the width (long
                         * labels never cover the data); it lists the entries
                         * of the panel with the most labelled entries (panels
                         * are expected to share their series), and the
                         * panels' own keys are off */
} plot_layout;

int plot_write_multi(const char *dir, const char *stem, const plot_layout *layout,
                     size_t npanels, const plot_figure *panels, char *err,
                     size_t errlen);

/* ---- figures written in gnuplot by the caller ------------------------------
 *
 * plot_write_raw writes dir/stem.gp around `body`, any gnuplot commands
 * (datablocks, set ..., plot / splot / multiplot, `with image`, pm3d maps,
 * contours), and renders it exactly like the figures above: the outputs are
 * located from ARG0, PNG (pngcairo) and SVG are both rendered, the images are
 * renamed into place atomically, and gnuplot's stderr is in err on failure.
 *
 * How the body is emitted: it runs once per format, png then svg, inside
 *     do for [amor_fmt in 'png svg'] { <terminal> ; set output ... ;
 *         reset ; <house style> ; <body> ; unset multiplot ; unset output }
 * The house style is the Okabe-Ito palette as linetypes 1..8 (these survive
 * `reset`), a grey border, outward tics, a viridis `set palette`; the body may
 * override any of it.  gnuplot cannot define a datablock inside a { } block,
 * so every here-document of the body (a line `$name << TAG` up to the line
 * starting with TAG) is moved ahead of the loop, in order, and defined once;
 * everything else is written verbatim inside the loop.  Hence:
 *   - no `set terminal`, `set output` (or unset), `reset session`: refused
 *     with PLOT_EINVAL (the words are looked for outside quotes and comments);
 *   - a here-document must start its own line (not after ';'), must be
 *     closed, and is defined once for both formats: a body that defines the
 *     same datablock twice sees the last definition everywhere (`set table
 *     $x` is a command and stays in the loop, so it is fine);
 *   - no inline data (`plot '-'`): gnuplot refuses it in a { } block; use a
 *     datablock;
 *   - the body ends in the state it started (close any `if {`/`do {` it
 *     opens); it may read amor_fmt ('png' or 'svg') and must not use
 *     variables or functions named amor_*; no `exit`, `quit`, `pause`.
 * Text is noenhanced (terminal option) unless the body says `enhanced` on a
 * label.  width, height: image size in px, 0 = 800 x 500.  body must not be
 * empty and may hold tabs and CR/LF line ends but no other control
 * characters. */
int plot_write_raw(const char *dir, const char *stem, int width, int height,
                   const char *body, char *err, size_t errlen);

/* ---- grouped bar charts -----------------------------------------------------
 *
 * Clustered bars: one cluster per group along x (group labels as x tics),
 * one bar per bar label inside each cluster, each bar label in its own
 * palette colour (the same in every group; colours repeat after 8) and listed
 * in the key, optional error bars as black whiskers with caps.  A NaN or
 * infinite value is a missing bar (its slot stays empty); on a log y axis a
 * value <= 0 is missing too, and a whisker that would reach 0 or below is cut
 * at a tenth of the value.  Each skipped value or cut whisker is noted in a
 * comment in the script's data. */
typedef struct plot_bars {
    const char *title, *ylabel;          /* NULL = none; shown literally */
    int logy;                            /* nonzero = logarithmic y axis */
    size_t ngroups;                      /* >= 1 */
    const char *const *group_labels;     /* (ngroups,) x-axis groups, e.g. problems;
                                          * NULL = 1..ngroups, an entry NULL = "" */
    size_t nbars;                        /* >= 1 */
    const char *const *bar_labels;       /* (nbars,) bars within a group, key entries,
                                          * e.g. "mlp/regression"; NULL (or an entry
                                          * NULL) = no key entry */
    const double *value;                 /* (ngroups, nbars) row-major: value[g *
                                          * nbars + b]; NaN = missing */
    const double *err;                   /* (ngroups, nbars) half-width of the error
                                          * bar, >= 0 (negative: PLOT_EINVAL); NULL =
                                          * none, NaN or Inf = none for that bar */
    const char *key;                     /* `set key` arguments; NULL = below the
                                          * axes, in a row ("bmargin center
                                          * horizontal"); e.g. "off", "top right" */
    int width, height;                   /* image size in px; 0 = 800 x 500 */
    const double *err_hi;                /* (ngroups, nbars) asymmetric error bars
                                          * (e.g. a bootstrap interval): the upper
                                          * half-width, err then being the lower
                                          * one; NULL = err both ways.  Needs err;
                                          * >= 0; NaN or Inf = no error bar */
} plot_bars;

int plot_write_bars(const char *dir, const char *stem, const plot_bars *b, char *err,
                    size_t errlen);

/* Several figures rendered at once.  Between plot_batch_begin and
 * plot_batch_end every plot_write* writes its script, starts gnuplot and
 * returns (an error then is the script's, or an earlier figure's of the
 * batch); at most `jobs` gnuplots run at a time.  Figures are finished --
 * images checked and renamed into place, "wrote DIR/STEM.{gp,png,svg}"
 * logged to log (may be NULL) -- in the order they were written.
 * plot_batch_end waits for all of them and returns the first error (its
 * message in err).  Not reentrant: one batch at a time per process. */
void plot_batch_begin(int jobs, FILE *log);
int plot_batch_end(char *err, size_t errlen);

#endif
