/*
 * plot.c -- line figures (plot_write, plot_write_multi; see plot.h): the data
 * as datablocks, the axes settings and one plot command per panel.  The
 * prologue, running gnuplot and the atomic renames are in plot_core.c.
 */
#include "plot_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Whether an hband's shaded band can be drawn (lo <= 0 on log y is fine: the
 * band then starts at the bottom of the graph). */
static int hband_has_band(const plot_hband *b, int logy)
{
    return isfinite(b->lo) && !plot_unplottable(b->hi, logy);
}

static int hband_has_line(const plot_hband *b, int logy)
{
    return !plot_unplottable(b->y, logy);
}

/* What the plot command of one panel needs to know about its data. */
typedef struct panel_info {
    int any_data;    /* some point or band row was written */
    int any_hband_y; /* some hband value takes part in y autoscaling */
    size_t *rows;    /* (nseries,) points written per series */
    size_t *brows;   /* (nseries,) band rows written per series */
} panel_info;

static int check_figure(const plot_figure *fig, const char *where, int single,
                        char *err, size_t errlen)
{
    if (!fig) return plot_fail(err, errlen, PLOT_EINVAL, "plot: %sfigure is NULL", where);
    if (fig->nseries && !fig->series)
        return plot_fail(err, errlen, PLOT_EINVAL, "plot: %snseries is %zu but series is NULL",
                    where, fig->nseries);
    if (fig->nbands && !fig->bands)
        return plot_fail(err, errlen, PLOT_EINVAL, "plot: %snbands is %zu but bands is NULL",
                    where, fig->nbands);
    if (single && plot_check_size(fig->width, fig->height, err, errlen))
        return PLOT_EINVAL;
    if (plot_has_ctrl(fig->key))
        return plot_fail(err, errlen, PLOT_EINVAL,
                    "plot: %skey '%s' contains a control character", where, fig->key);
    for (size_t i = 0; i < fig->nseries; i++) {
        const plot_series *s = &fig->series[i];
        const char *lab = s->label ? s->label : "";
        if (s->n && (!s->x || !s->y))
            return plot_fail(err, errlen, PLOT_EINVAL,
                        "plot: %sseries %zu '%s' has %zu points but x or y is NULL",
                        where, i + 1, lab, s->n);
        if ((s->ylo == NULL) != (s->yhi == NULL))
            return plot_fail(err, errlen, PLOT_EINVAL,
                        "plot: %sseries %zu '%s': ylo and yhi must both be set or both NULL",
                        where, i + 1, lab);
        if (s->style && (plot_has_ctrl(s->style) || s->style[strspn(s->style, " ")] == '\0'))
            return plot_fail(err, errlen, PLOT_EINVAL,
                        "plot: %sseries %zu '%s': style '%s' is empty or contains a control "
                        "character", where, i + 1, lab, s->style);
    }
    return PLOT_OK;
}

/* ---- data section --------------------------------------------------------- */

static void write_series_data(FILE *f, const char *pfx, size_t i,
                              const plot_series *s, int logx, int logy,
                              size_t *rows, size_t *brows)
{
    fprintf(f, "# series %zu", i + 1);
    if (s->label) {
        fputs(": ", f);
        plot_put_comment_text(f, s->label);
    }
    fprintf(f, " (%zu points)\n$%ss%zu << EOD\n# x y\n", s->n, pfx, i + 1);
    char a[32], b[32], c[32];
    *rows = 0;
    for (size_t k = 0; k < s->n; k++) {
        const char *bx = plot_unplottable(s->x[k], logx), *by = plot_unplottable(s->y[k], logy);
        if (bx || by)
            fprintf(f, "# skipped point %zu: %s = %s is %s\n", k + 1, bx ? "x" : "y",
                    plot_num(a, bx ? s->x[k] : s->y[k]), bx ? bx : by);
        else {
            fprintf(f, "%s %s\n", plot_num(a, s->x[k]), plot_num(b, s->y[k]));
            ++*rows;
        }
    }
    fputs("EOD\n", f);
    *brows = 0;
    if (!s->ylo) return;
    fprintf(f, "$%ss%zu_band << EOD\n# x ylo yhi\n", pfx, i + 1);
    for (size_t k = 0; k < s->n; k++) {
        const char *bx = plot_unplottable(s->x[k], logx);
        const char *bl = plot_unplottable(s->ylo[k], logy), *bh = plot_unplottable(s->yhi[k], logy);
        if (bx || bl || bh)
            fprintf(f, "# skipped row %zu: %s = %s is %s\n", k + 1,
                    bx ? "x" : bl ? "ylo" : "yhi",
                    plot_num(a, bx ? s->x[k] : bl ? s->ylo[k] : s->yhi[k]), bx ? bx : bl ? bl : bh);
        else {
            fprintf(f, "%s %s %s\n", plot_num(a, s->x[k]), plot_num(b, s->ylo[k]), plot_num(c, s->yhi[k]));
            ++*brows;
        }
    }
    fputs("EOD\n", f);
}

static void write_panel_data(FILE *f, const char *pfx, const plot_figure *fig,
                             panel_info *info)
{
    info->any_data = 0;
    info->any_hband_y = 0;
    for (size_t i = 0; i < fig->nseries; i++) {
        write_series_data(f, pfx, i, &fig->series[i], fig->logx, fig->logy,
                          &info->rows[i], &info->brows[i]);
        if (info->rows[i] || info->brows[i]) info->any_data = 1;
    }
    for (size_t j = 0; j < fig->nbands; j++) {
        const plot_hband *b = &fig->bands[j];
        if (hband_has_line(b, fig->logy) || hband_has_band(b, fig->logy))
            info->any_hband_y = 1;
    }
}

/* ---- settings and plot command -------------------------------------------- */

/* The hband's line and band as an arrow and a rectangle spanning the graph
 * width, so they cover the full x range whatever autoscaling does. */
static void write_hband_objects(FILE *f, const char *ind, size_t j,
                                const plot_hband *b, int logy)
{
    const char *why;
    char a[32], b2[32], c[32];
    fprintf(f, "%s# reference %zu", ind, j + 1);
    if (b->label) {
        fputs(": ", f);
        plot_put_comment_text(f, b->label);
    }
    fprintf(f, " (y = %s, band [%s, %s])\n", plot_num(a, b->y), plot_num(b2, b->lo), plot_num(c, b->hi));
    if (hband_has_band(b, logy)) {
        fprintf(f, "%sset object %zu rect from graph 0, ", ind, j + 1);
        if (plot_unplottable(b->lo, logy)) fputs("graph 0", f); /* lo <= 0 on log y */
        else fprintf(f, "first %s", plot_num(a, b->lo));
        fprintf(f, " to graph 1, first %s behind fc rgb '#808080' "
                   "fs transparent solid 0.2 noborder\n", plot_num(c, b->hi));
    } else
        fprintf(f, "%s# band not drawn: lo or hi is %s\n", ind,
                plot_unplottable(b->hi, logy) ? plot_unplottable(b->hi, logy) : "not finite");
    if ((why = plot_unplottable(b->y, logy)))
        fprintf(f, "%s# line not drawn: y is %s\n", ind, why);
    else
        fprintf(f, "%sset arrow %zu from graph 0, first %s to graph 1, first %s "
                   "nohead front lc rgb '#000000' lw 1.5 dt %zu\n",
                ind, j + 1, plot_num(a, b->y), a, 2 + j % 4);
}

static void write_panel_settings(FILE *f, const char *ind, const plot_figure *fig,
                                 const panel_info *info, int multi, int key_off)
{
    const char *lo = fig->logx ? "1" : "0", *hi = fig->logx ? "10" : "1";
    const char *text[3] = {fig->title, fig->xlabel, fig->ylabel};
    static const char *const what[3] = {"title", "xlabel", "ylabel"};
    if (multi) /* panels share the gnuplot state: start each from scratch */
        fprintf(f, "%sunset object; unset arrow; unset logscale; set autoscale\n", ind);
    for (int k = 0; k < 3; k++) {
        if (text[k]) {
            fprintf(f, "%sset %s ", ind, what[k]);
            plot_put_quoted(f, text[k]);
            fputc('\n', f);
        } else if (multi)
            fprintf(f, "%sunset %s\n", ind, what[k]);
    }
    /* log axes: "1e-07", not gnuplot's default "0.0000001" */
    if (fig->logx) fprintf(f, "%sset logscale x; set format x '%%g'\n", ind);
    else if (multi) fprintf(f, "%sset format x '%% h'\n", ind);
    if (fig->logy) fprintf(f, "%sset logscale y; set format y '%%g'\n", ind);
    else if (multi) fprintf(f, "%sset format y '%% h'\n", ind);
    fprintf(f, "%sset grid xtics ytics %smxtics %smytics\n", ind, fig->logx ? "" : "no",
            fig->logy ? "" : "no");
    fprintf(f, "%sset key %s\n", ind, key_off ? "off" : fig->key ? fig->key : "top right");
    if (!info->any_data) {
        fprintf(f, "%s# no plottable points: fixed ranges so the empty axes still render\n", ind);
        fprintf(f, "%sset xrange [%s:%s]\n", ind, lo, hi);
        if (!info->any_hband_y)
            fprintf(f, "%sset yrange [%s:%s]\n", ind, fig->logy ? "1" : "0",
                    fig->logy ? "10" : "1");
    }
    for (size_t j = 0; j < fig->nbands; j++)
        write_hband_objects(f, ind, j, &fig->bands[j], fig->logy);
}

/* `with <style> lt k <options>`: the linetype goes right after the style word
 * so that options in the user's style override the palette. */
static void put_with(FILE *f, const char *style, size_t lt)
{
    const char *s = style ? style + strspn(style, " ") : "lines";
    size_t w = strcspn(s, " ");
    fprintf(f, "with %.*s lt %zu%s%s", (int)w, s, lt, s[w] ? " " : "", s[w] ? s + w + 1 : "");
}

static void next_elem(FILE *f, const char *ind, int *nelem)
{
    fprintf(f, *nelem ? ", \\\n%s     " : "%splot ", ind);
    ++*nelem;
}

static void write_panel_plot(FILE *f, const char *ind, const char *pfx,
                             const plot_figure *fig, const panel_info *info)
{
    int nelem = 0;
    char a[32];
    /* translucent bands first, so the lines are drawn over them */
    for (size_t i = 0; i < fig->nseries; i++) {
        if (!info->brows[i]) continue;
        next_elem(f, ind, &nelem);
        fprintf(f, "$%ss%zu_band using 1:2:3 with filledcurves lt %zu "
                   "fs transparent solid 0.2 noborder notitle",
                pfx, i + 1, i % PLOT_NCOLORS + 1);
    }
    /* invisible: lets y autoscaling include the reference lines and bands */
    for (size_t j = 0; j < fig->nbands; j++) {
        const plot_hband *b = &fig->bands[j];
        double v[3] = {b->y, b->lo, b->hi};
        for (int k = 0; k < 3; k++) {
            if (plot_unplottable(v[k], fig->logy)) continue;
            if (k > 0 && !hband_has_band(b, fig->logy)) continue;
            next_elem(f, ind, &nelem);
            fprintf(f, "%s lt nodraw notitle", plot_num(a, v[k]));
        }
    }
    if (!nelem && !info->any_data) {
        /* gnuplot 5.4 trips an assertion on a plot of keyentries alone */
        next_elem(f, ind, &nelem);
        fputs("NaN notitle", f);
    }
    for (size_t i = 0; i < fig->nseries; i++) {
        const plot_series *s = &fig->series[i];
        if (!info->rows[i] && !s->label) continue;
        next_elem(f, ind, &nelem);
        if (info->rows[i]) fprintf(f, "$%ss%zu using 1:2 ", pfx, i + 1);
        else fputs("keyentry ", f); /* nothing to draw, keep the key entry */
        put_with(f, s->style, i % PLOT_NCOLORS + 1);
        if (s->label) { fputs(" title ", f); plot_put_quoted(f, s->label); }
        else fputs(" notitle", f);
    }
    for (size_t j = 0; j < fig->nbands; j++) {
        const plot_hband *b = &fig->bands[j];
        if (!b->label || !(hband_has_line(b, fig->logy) || hband_has_band(b, fig->logy)))
            continue;
        next_elem(f, ind, &nelem);
        fprintf(f, "keyentry with lines lc rgb '#000000' lw 1.5 dt %zu title ", 2 + j % 4);
        plot_put_quoted(f, b->label);
    }
    fputc('\n', f);
}

/* ---- the whole script ----------------------------------------------------- */

typedef struct lines_ctx {
    const plot_layout *layout; /* NULL = one panel */
    size_t npanels;
    const plot_figure *panels;
    panel_info *info;
    int width, height;
    /* layout->key_below: */
    size_t key_panel;          /* whose entries the key lists */
    size_t key_rows;           /* rows of the key */
    int key_px, title_px;      /* heights of the key and the title strip */
} lines_ctx;

/* ---- one key below all panels (plot_layout.key_below) ---------------------- */

/* Characters (not bytes) in a UTF-8 string. */
static size_t text_len(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++) n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

/* Labelled entries of a panel and the longest label, in characters. */
static size_t key_entries(const plot_figure *fig, size_t *longest)
{
    size_t n = 0, i;
    for (i = 0; i < fig->nseries; i++)
        if (fig->series[i].label) {
            n++;
            if (text_len(fig->series[i].label) > *longest) *longest = text_len(fig->series[i].label);
        }
    for (i = 0; i < fig->nbands; i++)
        if (fig->bands[i].label) {
            n++;
            if (text_len(fig->bands[i].label) > *longest) *longest = text_len(fig->bands[i].label);
        }
    return n;
}

/* The key's size: columns as wide as the longest label (Sans 11 is at most
 * ~8 px a character, plus the sample line and spacing), as many as fit the
 * width, and the rows they need. */
static void key_geometry(lines_ctx *c)
{
    size_t best = 0, p, longest = 0, cols;
    for (p = 0; p < c->npanels; p++) {
        size_t l = 0, n = key_entries(&c->panels[p], &l);
        if (n > best) best = n, c->key_panel = p;
        if (l > longest) longest = l;
    }
    cols = (size_t)(c->width - 40) / (8 * longest + 80);
    if (cols < 1) cols = 1;
    c->key_rows = best ? (best + cols - 1) / cols : 0;
    c->key_px = best ? 20 * (int)c->key_rows + 24 : 0;
    c->title_px = c->layout->title ? 40 : 12;
}

/* The rest of a `set multiplot` line: the layout's title, if any, in a
 * font small enough for its length to fit the image's width (13 pt is about
 * 10 px a character, with a margin; a long problem id in a title would run off both sides),
 * down to 8 pt. */
static void put_multiplot_title(FILE *f, const plot_layout *layout, int width)
{
    if (layout->title) {
        double px = 10.0 * (double)strlen(layout->title), pt = 13;
        if (width > 40 && px > width - 40) pt = 13 * (width - 40) / px;
        fputs(" title ", f);
        plot_put_quoted(f, layout->title);
        fprintf(f, " font ',%d'", pt < 8 ? 8 : (int)pt);
    }
    fputc('\n', f);
}

/* Panels placed by hand (origin and size) above the key's strip. */
static void put_panel_place(FILE *f, const lines_ctx *c, size_t p)
{
    const plot_layout *L = c->layout;
    double bottom = (double)c->key_px / c->height;
    double top = 1.0 - (double)c->title_px / c->height;
    double w = 1.0 / (double)L->cols, h = (top - bottom) / (double)L->rows;
    size_t r = p / L->cols, k = p % L->cols;
    fprintf(f, "    set origin %.5f, %.5f; set size %.5f, %.5f\n", (double)k * w,
            bottom + (double)(L->rows - 1 - r) * h, w, h);
}

static void put_shared_key(FILE *f, const lines_ctx *c)
{
    const plot_figure *fig = &c->panels[c->key_panel];
    int nelem = 0;
    if (!c->key_rows) return;
    fprintf(f, "\n    # ---- the key of every panel, below them\n"
               "    unset object; unset arrow; unset logscale; unset title; unset xlabel; "
               "unset ylabel\n"
               "    unset border; unset tics; unset grid\n"
               "    set origin 0, 0; set size 1, %.5f\n"
               "    set lmargin 0; set rmargin 0; set tmargin 0; set bmargin 0\n"
               "    set xrange [0:1]; set yrange [0:1]\n"
               "    set key inside center center horizontal Left reverse samplen 2.5 "
               "spacing 1.15 width 2 maxrows %zu\n",
            (double)c->key_px / c->height, c->key_rows);
    for (size_t i = 0; i < fig->nseries; i++) {
        const plot_series *s = &fig->series[i];
        if (!s->label) continue;
        fputs(nelem++ ? ", \\\n         " : "    plot ", f);
        fputs("keyentry ", f);
        put_with(f, s->style, i % PLOT_NCOLORS + 1);
        fputs(" title ", f);
        plot_put_quoted(f, s->label);
    }
    for (size_t j = 0; j < fig->nbands; j++) {
        const plot_hband *b = &fig->bands[j];
        if (!b->label || !(hband_has_line(b, fig->logy) || hband_has_band(b, fig->logy)))
            continue;
        fputs(nelem++ ? ", \\\n         " : "    plot ", f);
        fprintf(f, "keyentry with lines lc rgb '#000000' lw 1.5 dt %zu title ", 2 + j % 4);
        plot_put_quoted(f, fig->bands[j].label);
    }
    /* gnuplot 5.4 trips an assertion on a plot of keyentries alone */
    fputs(", \\\n         NaN notitle\n", f);
    /* back to the prologue's settings for the next format */
    fputs("    set border 3 lw 1 lc rgb '#404040'; set tics; set tics nomirror out scale 0.6\n"
          "    set lmargin -1; set tmargin -1; set bmargin -1; set rmargin 4\n"
          "    set key noreverse Right samplen 2.5 spacing 1.15 width 0 maxrows auto\n", f);
}

static void write_script(FILE *f, const char *stem, void *vctx)
{
    const lines_ctx *c = vctx;
    const plot_layout *layout = c->layout;
    const plot_figure *panels = c->panels;
    panel_info *info = c->info;
    int multi = layout != NULL;
    char pfx[32] = "";

    fputs("# ", f);
    plot_put_comment_text(f, stem);
    fputs(".gp -- a figure written by amor.  Restyle freely, then rerun\n"
          "#     gnuplot path/to/this.gp\n"
          "# from any directory: the .png and .svg are rewritten beside this script.\n"
          "# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are\n"
          "# left out of the datablocks, each with a comment saying why.\n\n", f);
    for (size_t p = 0; p < c->npanels; p++) {
        if (multi) {
            snprintf(pfx, sizeof pfx, "p%zu_", p + 1);
            fprintf(f, "# ---- panel %zu data\n", p + 1);
        }
        write_panel_data(f, pfx, &panels[p], &info[p]);
        fputc('\n', f);
    }

    plot_put_outputs(f, stem);
    plot_put_linetypes(f);
    fputs("set border 3 lw 1 lc rgb '#404040'\n"
          "set tics nomirror out scale 0.6\n"
          "set rmargin 4  # room for the last x tic label\n"
          "set grid back lt 1 lw 1 lc rgb '#e4e4e4', lt 1 lw 1 lc rgb '#f2f2f2'\n"
          "set key noreverse Right samplen 2.5 spacing 1.15\n"
          "set style fill transparent solid 0.2 noborder\n", f);
    if (!multi) {
        fputs("\n# Axes\n", f);
        write_panel_settings(f, "", &panels[0], &info[0], 0, 0);
    }
    fputc('\n', f);

    plot_put_loop_begin(f, c->width, c->height);
    if (!multi) {
        write_panel_plot(f, "    ", "", &panels[0], &info[0]);
    } else if (layout->key_below) {
        fputs("    set multiplot", f);
        put_multiplot_title(f, layout, c->width);
        for (size_t p = 0; p < c->npanels; p++) {
            snprintf(pfx, sizeof pfx, "p%zu_", p + 1);
            fprintf(f, "\n    # ---- panel %zu\n", p + 1);
            put_panel_place(f, c, p);
            write_panel_settings(f, "    ", &panels[p], &info[p], 1, 1);
            write_panel_plot(f, "    ", pfx, &panels[p], &info[p]);
        }
        put_shared_key(f, c);
        fputs("    unset multiplot\n", f);
    } else {
        fprintf(f, "    set multiplot layout %zu,%zu", layout->rows, layout->cols);
        put_multiplot_title(f, layout, c->width);
        for (size_t p = 0; p < c->npanels; p++) {
            snprintf(pfx, sizeof pfx, "p%zu_", p + 1);
            fprintf(f, "\n    # ---- panel %zu\n", p + 1);
            write_panel_settings(f, "    ", &panels[p], &info[p], 1, 0);
            write_panel_plot(f, "    ", pfx, &panels[p], &info[p]);
        }
        fputs("    unset multiplot\n", f);
    }
    plot_put_loop_end(f);
}

/* ---- entry points --------------------------------------------------------- */

static int write_all(const char *dir, const char *stem, const plot_layout *layout,
                     size_t npanels, const plot_figure *panels, int width,
                     int height, char *err, size_t errlen)
{
    lines_ctx c = {layout, npanels, panels, NULL, width, height, 0, 0, 0, 0};
    size_t total = 0, off = 0, *counts;
    int rc;

    if (err && errlen) err[0] = '\0';
    if ((rc = plot_check_target(dir, stem, err, errlen))) return rc;
    for (size_t p = 0; p < npanels; p++) {
        char where[48] = "";
        if (layout) snprintf(where, sizeof where, "panel %zu: ", p + 1);
        if ((rc = check_figure(&panels[p], where, !layout, err, errlen))) return rc;
        total += panels[p].nseries;
    }

    if (layout && layout->key_below) {
        key_geometry(&c);
        c.height += c.key_px + (layout->title ? 10 : 0);
        if (c.height > 32767) c.height = 32767;
    }
    c.info = calloc(npanels, sizeof *c.info);
    counts = calloc(2 * total + 1, sizeof *counts);
    if (!c.info || !counts) {
        free(c.info);
        free(counts);
        return plot_fail(err, errlen, PLOT_EIO, "plot: out of memory");
    }
    for (size_t p = 0; p < npanels; p++) {
        c.info[p].rows = counts + off;
        c.info[p].brows = counts + total + off;
        off += panels[p].nseries;
    }
    rc = plot_emit(dir, stem, write_script, &c, err, errlen);
    free(counts);
    free(c.info);
    return rc;
}

int plot_write(const char *dir, const char *stem, const plot_figure *fig, char *err,
               size_t errlen)
{
    if (!fig) return plot_fail(err, errlen, PLOT_EINVAL, "plot: figure is NULL");
    return write_all(dir, stem, NULL, 1, fig, fig->width > 0 ? fig->width : 800,
                     fig->height > 0 ? fig->height : 500, err, errlen);
}

int plot_write_multi(const char *dir, const char *stem, const plot_layout *layout,
                     size_t npanels, const plot_figure *panels, char *err,
                     size_t errlen)
{
    plot_layout L;
    if (!layout) return plot_fail(err, errlen, PLOT_EINVAL, "plot: layout is NULL");
    if (!npanels || !panels)
        return plot_fail(err, errlen, PLOT_EINVAL, "plot: a multi-panel figure needs panels");
    L = *layout;
    if (!L.rows && !L.cols) L.rows = 1, L.cols = npanels;
    else if (!L.rows) L.rows = (npanels + L.cols - 1) / L.cols;
    else if (!L.cols) L.cols = (npanels + L.rows - 1) / L.rows;
    if (L.rows > 64 || L.cols > 64 || L.rows * L.cols < npanels)
        return plot_fail(err, errlen, PLOT_EINVAL,
                    "plot: a %zu x %zu layout cannot hold %zu panels", L.rows, L.cols,
                    npanels);
    if (plot_check_size(L.width, L.height, err, errlen)) return PLOT_EINVAL;
    if (!L.width) L.width = (int)(560 * L.cols);
    if (!L.height) L.height = (int)(400 * L.rows) + (L.title ? 30 : 0);
    return write_all(dir, stem, &L, npanels, panels, L.width, L.height, err, errlen);
}
