/*
 * plot_bars.c -- grouped bar charts with error bars (plot_write_bars, see
 * plot.h).  One datablock per bar label with a row per group; each bar label
 * is one `boxerrorbars` element (or `boxes` without errors) placed by the
 * script function bar_x(group, bar), so restyling the widths is one line.
 * (`boxerrorbars` rather than `yerrorbars`: gnuplot 5.4 leaves a gap in a
 * yerrorbar around its point even when the point is not drawn.)
 */
#include "plot_int.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* On a log axis a whisker reaching 0 or below is cut at value * LOG_CLIP. */
#define LOG_CLIP 0.1

typedef struct bars_ctx {
    const plot_bars *b;
    int width, height;
    size_t *rows; /* (nbars,) rows written per bar label */
    int any_rows; /* some bar was written */
    int any_neg;  /* linear y: some bar or whisker below 0 */
} bars_ctx;

static double at(const double *a, const plot_bars *b, size_t g, size_t j)
{
    return a[g * b->nbars + j];
}

static int check_bars(const plot_bars *b, char *err, size_t errlen)
{
    int rc;
    if (!b) return plot_fail(err, errlen, PLOT_EINVAL, "plot: bars: plot_bars is NULL");
    if (!b->ngroups)
        return plot_fail(err, errlen, PLOT_EINVAL,
                         "plot: bars: ngroups is 0 (a bar chart needs at least one group)");
    if (!b->nbars)
        return plot_fail(err, errlen, PLOT_EINVAL,
                         "plot: bars: nbars is 0 (a bar chart needs at least one bar per group)");
    if (b->ngroups > SIZE_MAX / sizeof(double) / b->nbars)
        return plot_fail(err, errlen, PLOT_EINVAL, "plot: bars: %zu x %zu bars is too many",
                         b->ngroups, b->nbars);
    if (!b->value)
        return plot_fail(err, errlen, PLOT_EINVAL,
                         "plot: bars: value is NULL (want ngroups x nbars = %zu x %zu values)",
                         b->ngroups, b->nbars);
    if ((rc = plot_check_size(b->width, b->height, err, errlen))) return rc;
    if (plot_has_ctrl(b->key))
        return plot_fail(err, errlen, PLOT_EINVAL,
                         "plot: bars: key '%s' contains a control character", b->key);
    if (b->err_hi && !b->err)
        return plot_fail(err, errlen, PLOT_EINVAL,
                         "plot: bars: err_hi is set but err is NULL (err is the lower half-width)");
    for (int k = 0; k < 2; k++) {
        const double *e = k ? b->err_hi : b->err;
        if (!e) continue;
        for (size_t g = 0; g < b->ngroups; g++)
            for (size_t j = 0; j < b->nbars; j++)
                if (at(e, b, g, j) < 0) {
                    const char *gl = b->group_labels && b->group_labels[g] ? b->group_labels[g] : "";
                    const char *bl = b->bar_labels && b->bar_labels[j] ? b->bar_labels[j] : "";
                    char v[32];
                    return plot_fail(err, errlen, PLOT_EINVAL,
                                     "plot: bars: %s of group %zu '%s', bar %zu '%s' is %s "
                                     "(a half-width must be >= 0; NaN = no error bar)",
                                     k ? "err_hi" : "err", g + 1, gl, j + 1, bl,
                                     plot_num(v, at(e, b, g, j)));
                }
    }
    return PLOT_OK;
}

/* ---- data ----------------------------------------------------------------- */

static void write_bar_data(FILE *f, bars_ctx *c, size_t j)
{
    const plot_bars *b = c->b;
    const char *why;
    char a[32], d[32];
    fprintf(f, "# bar %zu", j + 1);
    if (b->bar_labels && b->bar_labels[j]) {
        fputs(": ", f);
        plot_put_comment_text(f, b->bar_labels[j]);
    }
    fprintf(f, "\n$bar%zu << EOD\n# group value%s\n", j + 1,
            b->err_hi ? " err_lo err_hi" : b->err ? " err" : "");
    c->rows[j] = 0;
    for (size_t g = 0; g < b->ngroups; g++) {
        double v = at(b->value, b, g, j), h = b->err ? at(b->err, b, g, j) : 0;
        double hh = b->err_hi ? at(b->err_hi, b, g, j) : h;
        if ((why = plot_unplottable(v, b->logy))) {
            fprintf(f, "# skipped group %zu: value = %s is %s\n", g + 1, plot_num(a, v), why);
            continue;
        }
        if (!b->err) {
            fprintf(f, "%zu %s\n", g, plot_num(a, v));
        } else {
            if (!isfinite(h) || !isfinite(hh)) {
                fprintf(f, "# group %zu: no error bar, err = %s\n", g + 1,
                        plot_num(a, isfinite(h) ? hh : h));
                h = hh = 0;
            } else if (b->logy && v - h <= 0)
                fprintf(f, "# group %zu: lower whisker cut at value/%g by bar_lo(): value - "
                           "err = %s is not positive on a log axis\n",
                        g + 1, 1 / LOG_CLIP, plot_num(a, v - h));
            if (b->err_hi) {
                char e2[32];
                fprintf(f, "%zu %s %s %s\n", g, plot_num(a, v), plot_num(d, h), plot_num(e2, hh));
            } else
                fprintf(f, "%zu %s %s\n", g, plot_num(a, v), plot_num(d, h));
        }
        if (!b->logy && v - h < 0) c->any_neg = 1;
        c->rows[j]++;
        c->any_rows = 1;
    }
    fputs("EOD\n", f);
}

/* ---- settings ------------------------------------------------------------- */

/* Characters (not bytes) in a UTF-8 string. */
static size_t text_len(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++) n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

static void write_xtics(FILE *f, const plot_bars *b, int width)
{
    size_t longest = 0, first = 0;
    /* rough: a Sans 11 character is ~7 px, the axes ~width - 110 px wide */
    double slot = (width - 110.0) / (double)b->ngroups;
    fputs("set xtics scale 0 nomirror (", f);
    for (size_t g = 0; g < b->ngroups; g++) {
        const char *lab = b->group_labels ? b->group_labels[g] : NULL;
        char numbered[32];
        size_t n;
        if (g) fputs(", ", f);
        snprintf(numbered, sizeof numbered, "%zu", g + 1);
        if (!b->group_labels) lab = numbered;
        plot_put_quoted(f, lab ? lab : "");
        fprintf(f, " %zu", g);
        n = text_len(lab);
        if (n > longest) longest = n;
        if (!g) first = n;
    }
    fputs(")\n", f);
    if (7.0 * (double)longest > 0.95 * slot) {
        /* slanted, the first label reaches ~6 px per character left of its tic,
         * which is half a slot right of the axis and its ~10-character margin */
        double over = 6.1 * (double)first - 0.5 * slot;
        fputs("set xtics rotate by 30 right  # long group labels\n", f);
        if (over > 70) fprintf(f, "set lmargin %.0f  # room for the first slanted label\n",
                               ceil(over / 7.0) + 1);
    }
}

static void write_settings(FILE *f, const bars_ctx *c)
{
    const plot_bars *b = c->b;
    /* error bar caps: ~35% of a bar, in units of the tic length (~9 px) */
    double bar_px = (c->width - 110.0) * 0.8 / (double)(b->ngroups * b->nbars);
    double cap = fmin(1.5, fmax(0.3, 0.35 * bar_px / 9.0));

    fputs("set border 3 lw 1 lc rgb '#404040'\n"
          "set tics nomirror out scale 0.6\n", f);
    write_xtics(f, b, c->width);
    fprintf(f, "set xrange [-0.5:%zu.5]\n", b->ngroups - 1);
    if (b->logy) fputs("set logscale y; set format y '%g'\n", f);
    fputs("set grid noxtics ytics nomytics back lt 1 lw 1 lc rgb '#e4e4e4'\n", f);
    if (c->any_neg) fputs("set xzeroaxis lt 1 lw 1 lc rgb '#404040'\n", f);
    if (!b->logy) /* on a log axis, extending to the next decade leaves room */
        fputs("set offsets 0, 0, graph 0.05, 0  # headroom above the tallest bar\n", f);
    if (!c->any_rows)
        fprintf(f, "set yrange [%s]  # no plottable values\n", b->logy ? "1:10" : "0:1");
    if (b->title) {
        fputs("set title ", f);
        plot_put_quoted(f, b->title);
        fputc('\n', f);
    }
    if (b->ylabel) {
        fputs("set ylabel ", f);
        plot_put_quoted(f, b->ylabel);
        fputc('\n', f);
    }
    fprintf(f, "set key %s\n",
            b->key ? b->key : "bmargin center horizontal reverse Left samplen 1.5 width 2 "
                              "height 0.6");
    fputs("set style fill solid 0.85 border lc rgb '#303030'\n", f);
    if (b->err) fprintf(f, "set errorbars %.2f lc rgb '#000000' lw 1.2  # cap width in tic "
                           "lengths\n", cap);
    fprintf(f, "bar_n = %zu\n"
               "bar_width = 0.8 / bar_n  # one bar; a group's bars fill 80%% of a unit\n"
               "bar_x(g, j) = g + (j - (bar_n + 1) / 2.0) * bar_width\n", b->nbars);
    if (b->err && b->logy)
        fprintf(f, "# lower end of a whisker: on a log axis it cannot reach 0, so it is cut "
                   "at a tenth of the value\n"
                   "bar_lo(v, e) = v - e > 0 ? v - e : v * %g\n", LOG_CLIP);
}

/* ---- the script ----------------------------------------------------------- */

static void write_bars_script(FILE *f, const char *stem, void *vctx)
{
    bars_ctx *c = vctx;
    const plot_bars *b = c->b;
    int nelem = 0;

    fputs("# ", f);
    plot_put_comment_text(f, stem);
    fputs(".gp -- a bar chart written by amor.  Restyle freely, then rerun\n"
          "#     gnuplot path/to/this.gp\n"
          "# from any directory: the .png and .svg are rewritten beside this script.\n"
          "# One datablock per bar label, one row per group: group is the group's\n"
          "# x position (0 = the first), err the half-width of its error bar\n"
          "# (err_lo and err_hi: below and above the value).\n"
          "# Values that cannot be plotted (NaN, Inf, <= 0 on a log axis) are left\n"
          "# out, each with a comment saying why.\n", f);
    fputs("# groups:", f);
    for (size_t g = 0; g < b->ngroups; g++) {
        fprintf(f, " %zu = ", g);
        if (b->group_labels && b->group_labels[g])
            plot_put_comment_text(f, b->group_labels[g]);
        fputc(g + 1 < b->ngroups ? ',' : '\n', f);
    }
    fputc('\n', f);
    for (size_t j = 0; j < b->nbars; j++) write_bar_data(f, c, j);
    fputc('\n', f);

    plot_put_outputs(f, stem);
    plot_put_linetypes(f);
    fputs("\n# Axes\n", f);
    write_settings(f, c);
    fputc('\n', f);

    plot_put_loop_begin(f, c->width, c->height);
    for (size_t j = 0; j < b->nbars; j++) {
        const char *lab = b->bar_labels ? b->bar_labels[j] : NULL;
        size_t lt = j % PLOT_NCOLORS + 1;
        if (!c->rows[j] && !lab) continue;
        fputs(nelem++ ? ", \\\n         " : "    plot ", f);
        if (!c->rows[j])
            fprintf(f, "keyentry with boxes lt %zu lw 1", lt); /* nothing to draw, keep the key */
        else if (b->err)
            fprintf(f, "$bar%zu using (bar_x($1, %zu)):2:(%s):($2 + $%d):(bar_width) "
                       "with boxerrorbars lt %zu lw 1", j + 1, j + 1,
                    b->logy ? "bar_lo($2, $3)" : "$2 - $3", b->err_hi ? 4 : 3, lt);
        else
            fprintf(f, "$bar%zu using (bar_x($1, %zu)):2:(bar_width) with boxes lt %zu lw 1",
                    j + 1, j + 1, lt);
        if (lab) {
            fputs(" title ", f);
            plot_put_quoted(f, lab);
        } else
            fputs(" notitle", f);
    }
    /* linear y: the bars stand on 0, so autoscaling must include it; and gnuplot
     * 5.4 trips an assertion on a plot of keyentries alone */
    if (!b->logy || !c->any_rows) {
        fputs(nelem++ ? ", \\\n         " : "    plot ", f);
        fputs(b->logy ? "NaN notitle" : "0 lt nodraw notitle", f);
    }
    fputc('\n', f);
    plot_put_loop_end(f);
}

int plot_write_bars(const char *dir, const char *stem, const plot_bars *b, char *err,
                    size_t errlen)
{
    bars_ctx c = {0};
    int rc;
    if (err && errlen) err[0] = '\0';
    if ((rc = plot_check_target(dir, stem, err, errlen))) return rc;
    if ((rc = check_bars(b, err, errlen))) return rc;
    c.b = b;
    c.width = b->width > 0 ? b->width : 800;
    c.height = b->height > 0 ? b->height : 500;
    if (!(c.rows = calloc(b->nbars, sizeof *c.rows)))
        return plot_fail(err, errlen, PLOT_EIO, "plot: out of memory");
    rc = plot_emit(dir, stem, write_bars_script, &c, err, errlen);
    free(c.rows);
    return rc;
}
