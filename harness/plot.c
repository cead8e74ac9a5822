/*
 * plot.c -- the figure writer (see plot.h): emits a self-contained gnuplot
 * script with the data inline, runs gnuplot on it with temporary output names,
 * and renames the images into place only when gnuplot succeeded.
 */
#include "plot.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

enum { PATH_LEN = 4096, NCOLORS = 8, STDERR_KEEP = 8192 };

/* Okabe-Ito (colour-blind safe), black left out: it belongs to the hbands. */
static const char *const palette[NCOLORS] = {
    "#0072b2", "#d55e00", "#009e73", "#cc79a7",
    "#e69f00", "#56b4e9", "#882255", "#666666",
};
static const int point_type[NCOLORS] = {7, 5, 9, 11, 13, 15, 7, 5};

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static int fail(char *err, size_t errlen, int code, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return code;
}

static int has_ctrl(const char *s)
{
    for (; s && *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f) return 1;
    return 0;
}

/* Inside a gnuplot single-quoted string only '' needs escaping; control
 * characters (which would end the script line) become spaces. */
static void put_escaped(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\'') fputs("''", f);
        else fputc(c < 0x20 || c == 0x7f ? ' ' : c, f);
    }
}

static void put_quoted(FILE *f, const char *s)
{
    fputc('\'', f);
    put_escaped(f, s);
    fputc('\'', f);
}

/* The shortest %.Ng (N <= 17) that reads back as exactly v: as faithful as
 * %.17g, but 0.35 stays "0.35" for whoever restyles the script. */
static const char *num(char out[32], double v)
{
    for (int p = 6; p < 17; p++) {
        snprintf(out, 32, "%.*g", p, v);
        if (strtod(out, NULL) == v) return out;
    }
    snprintf(out, 32, "%.17g", v);
    return out;
}

/* Text inside a # comment: same, minus the quoting. */
static void put_comment_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        fputc(c < 0x20 || c == 0x7f ? ' ' : c, f);
    }
}

/* Why v cannot be plotted, or NULL if it can. */
static const char *unplottable(double v, int logaxis)
{
    if (isnan(v)) return "NaN";
    if (!isfinite(v)) return "infinite";
    if (logaxis && v <= 0) return "not positive on a log axis";
    return NULL;
}

/* Whether an hband's shaded band can be drawn (lo <= 0 on log y is fine: the
 * band then starts at the bottom of the graph). */
static int hband_has_band(const plot_hband *b, int logy)
{
    return isfinite(b->lo) && !unplottable(b->hi, logy);
}

static int hband_has_line(const plot_hband *b, int logy)
{
    return !unplottable(b->y, logy);
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
    if (!fig) return fail(err, errlen, PLOT_EINVAL, "plot: %sfigure is NULL", where);
    if (fig->nseries && !fig->series)
        return fail(err, errlen, PLOT_EINVAL, "plot: %snseries is %zu but series is NULL",
                    where, fig->nseries);
    if (fig->nbands && !fig->bands)
        return fail(err, errlen, PLOT_EINVAL, "plot: %snbands is %zu but bands is NULL",
                    where, fig->nbands);
    if (single && (fig->width < 0 || fig->height < 0 || fig->width > 32767 ||
                   fig->height > 32767))
        return fail(err, errlen, PLOT_EINVAL,
                    "plot: figure size %dx%d px is out of range (0 = default, max 32767)",
                    fig->width, fig->height);
    if (has_ctrl(fig->key))
        return fail(err, errlen, PLOT_EINVAL,
                    "plot: %skey '%s' contains a control character", where, fig->key);
    for (size_t i = 0; i < fig->nseries; i++) {
        const plot_series *s = &fig->series[i];
        const char *lab = s->label ? s->label : "";
        if (s->n && (!s->x || !s->y))
            return fail(err, errlen, PLOT_EINVAL,
                        "plot: %sseries %zu '%s' has %zu points but x or y is NULL",
                        where, i + 1, lab, s->n);
        if ((s->ylo == NULL) != (s->yhi == NULL))
            return fail(err, errlen, PLOT_EINVAL,
                        "plot: %sseries %zu '%s': ylo and yhi must both be set or both NULL",
                        where, i + 1, lab);
        if (s->style && (has_ctrl(s->style) || s->style[strspn(s->style, " ")] == '\0'))
            return fail(err, errlen, PLOT_EINVAL,
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
        put_comment_text(f, s->label);
    }
    fprintf(f, " (%zu points)\n$%ss%zu << EOD\n# x y\n", s->n, pfx, i + 1);
    char a[32], b[32], c[32];
    *rows = 0;
    for (size_t k = 0; k < s->n; k++) {
        const char *bx = unplottable(s->x[k], logx), *by = unplottable(s->y[k], logy);
        if (bx || by)
            fprintf(f, "# skipped point %zu: %s = %s is %s\n", k + 1, bx ? "x" : "y",
                    num(a, bx ? s->x[k] : s->y[k]), bx ? bx : by);
        else {
            fprintf(f, "%s %s\n", num(a, s->x[k]), num(b, s->y[k]));
            ++*rows;
        }
    }
    fputs("EOD\n", f);
    *brows = 0;
    if (!s->ylo) return;
    fprintf(f, "$%ss%zu_band << EOD\n# x ylo yhi\n", pfx, i + 1);
    for (size_t k = 0; k < s->n; k++) {
        const char *bx = unplottable(s->x[k], logx);
        const char *bl = unplottable(s->ylo[k], logy), *bh = unplottable(s->yhi[k], logy);
        if (bx || bl || bh)
            fprintf(f, "# skipped row %zu: %s = %s is %s\n", k + 1,
                    bx ? "x" : bl ? "ylo" : "yhi",
                    num(a, bx ? s->x[k] : bl ? s->ylo[k] : s->yhi[k]), bx ? bx : bl ? bl : bh);
        else {
            fprintf(f, "%s %s %s\n", num(a, s->x[k]), num(b, s->ylo[k]), num(c, s->yhi[k]));
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
        put_comment_text(f, b->label);
    }
    fprintf(f, " (y = %s, band [%s, %s])\n", num(a, b->y), num(b2, b->lo), num(c, b->hi));
    if (hband_has_band(b, logy)) {
        fprintf(f, "%sset object %zu rect from graph 0, ", ind, j + 1);
        if (unplottable(b->lo, logy)) fputs("graph 0", f); /* lo <= 0 on log y */
        else fprintf(f, "first %s", num(a, b->lo));
        fprintf(f, " to graph 1, first %s behind fc rgb '#808080' "
                   "fs transparent solid 0.2 noborder\n", num(c, b->hi));
    } else
        fprintf(f, "%s# band not drawn: lo or hi is %s\n", ind,
                unplottable(b->hi, logy) ? unplottable(b->hi, logy) : "not finite");
    if ((why = unplottable(b->y, logy)))
        fprintf(f, "%s# line not drawn: y is %s\n", ind, why);
    else
        fprintf(f, "%sset arrow %zu from graph 0, first %s to graph 1, first %s "
                   "nohead front lc rgb '#000000' lw 1.5 dt %zu\n",
                ind, j + 1, num(a, b->y), a, 2 + j % 4);
}

static void write_panel_settings(FILE *f, const char *ind, const plot_figure *fig,
                                 const panel_info *info, int multi)
{
    const char *lo = fig->logx ? "1" : "0", *hi = fig->logx ? "10" : "1";
    const char *text[3] = {fig->title, fig->xlabel, fig->ylabel};
    static const char *const what[3] = {"title", "xlabel", "ylabel"};
    if (multi) /* panels share the gnuplot state: start each from scratch */
        fprintf(f, "%sunset object; unset arrow; unset logscale; set autoscale\n", ind);
    for (int k = 0; k < 3; k++) {
        if (text[k]) {
            fprintf(f, "%sset %s ", ind, what[k]);
            put_quoted(f, text[k]);
            fputc('\n', f);
        } else if (multi)
            fprintf(f, "%sunset %s\n", ind, what[k]);
    }
    if (fig->logx) fprintf(f, "%sset logscale x\n", ind);
    if (fig->logy) fprintf(f, "%sset logscale y\n", ind);
    fprintf(f, "%sset grid xtics ytics %smxtics %smytics\n", ind, fig->logx ? "" : "no",
            fig->logy ? "" : "no");
    fprintf(f, "%sset key %s\n", ind, fig->key ? fig->key : "top right");
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
                pfx, i + 1, i % NCOLORS + 1);
    }
    /* invisible: lets y autoscaling include the reference lines and bands */
    for (size_t j = 0; j < fig->nbands; j++) {
        const plot_hband *b = &fig->bands[j];
        double v[3] = {b->y, b->lo, b->hi};
        for (int k = 0; k < 3; k++) {
            if (unplottable(v[k], fig->logy)) continue;
            if (k > 0 && !hband_has_band(b, fig->logy)) continue;
            next_elem(f, ind, &nelem);
            fprintf(f, "%s lt nodraw notitle", num(a, v[k]));
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
        put_with(f, s->style, i % NCOLORS + 1);
        if (s->label) { fputs(" title ", f); put_quoted(f, s->label); }
        else fputs(" notitle", f);
    }
    for (size_t j = 0; j < fig->nbands; j++) {
        const plot_hband *b = &fig->bands[j];
        if (!b->label || !(hband_has_line(b, fig->logy) || hband_has_band(b, fig->logy)))
            continue;
        next_elem(f, ind, &nelem);
        fprintf(f, "keyentry with lines lc rgb '#000000' lw 1.5 dt %zu title ", 2 + j % 4);
        put_quoted(f, b->label);
    }
    fputc('\n', f);
}

/* ---- the whole script ----------------------------------------------------- */

static void write_script(FILE *f, const char *stem, const plot_layout *layout,
                         size_t npanels, const plot_figure *panels,
                         panel_info *info, int width, int height)
{
    int multi = layout != NULL;
    char pfx[32] = "";

    fputs("# ", f);
    put_comment_text(f, stem);
    fputs(".gp -- a figure written by amor.  Restyle freely, then rerun\n"
          "#     gnuplot path/to/this.gp\n"
          "# from any directory: the .png and .svg are rewritten beside this script.\n"
          "# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are\n"
          "# left out of the datablocks, each with a comment saying why.\n\n", f);
    for (size_t p = 0; p < npanels; p++) {
        if (multi) {
            snprintf(pfx, sizeof pfx, "p%zu_", p + 1);
            fprintf(f, "# ---- panel %zu data\n", p + 1);
        }
        write_panel_data(f, pfx, &panels[p], &info[p]);
        fputc('\n', f);
    }

    fputs("# Where the images go: the directory of this script, taken from ARG0\n"
          "# (gnuplot 5.4 sets it to the script path for `gnuplot file.gp`, `load`\n"
          "# and `call`; when the script comes on stdin it is empty and the images go\n"
          "# to the working directory).  amor renders with -e \"amor_suffix='.tmp'\"\n"
          "# and renames the files into place once gnuplot has succeeded.\n"
          "if (!exists(\"amor_suffix\")) { amor_suffix = '' }\n"
          "amor_dir = ''\n"
          "amor_i = strlen(ARG0)\n"
          "while (amor_i > 0 && ARG0[amor_i:amor_i] ne '/') { amor_i = amor_i - 1 }\n"
          "if (amor_i > 0) { amor_dir = ARG0[1:amor_i] }\n"
          "amor_out(ext) = amor_dir . '", f);
    put_escaped(f, stem);
    fputs(".' . ext . amor_suffix\n\n", f);

    fputs("# Style: Okabe-Ito palette, series k uses linetype k.\n"
          "set encoding utf8\n", f);
    for (int k = 0; k < NCOLORS; k++)
        fprintf(f, "set linetype %d lc rgb '%s' lw 2 pt %d ps 0.9 dt solid\n", k + 1,
                palette[k], point_type[k]);
    fprintf(f, "set linetype cycle %d\n", NCOLORS);
    fputs("set border 3 lw 1 lc rgb '#404040'\n"
          "set tics nomirror out scale 0.6\n"
          "set rmargin 4  # room for the last x tic label\n"
          "set grid back lt 1 lw 1 lc rgb '#e4e4e4', lt 1 lw 1 lc rgb '#f2f2f2'\n"
          "set key noreverse Right samplen 2.5 spacing 1.15\n"
          "set style fill transparent solid 0.2 noborder\n", f);
    if (!multi) {
        fputs("\n# Axes\n", f);
        write_panel_settings(f, "", &panels[0], &info[0], 0);
    }
    fputc('\n', f);

    fprintf(f, "do for [amor_fmt in 'png svg'] {\n"
               "    if (amor_fmt eq 'png') {\n"
               "        set terminal pngcairo size %d,%d noenhanced font 'Sans,11' rounded\n"
               "    } else {\n"
               "        set terminal svg size %d,%d dynamic noenhanced font 'Sans,11' rounded "
               "background '#ffffff'\n"
               "    }\n"
               "    set output amor_out(amor_fmt)\n",
            width, height, width, height);
    if (!multi) {
        write_panel_plot(f, "    ", "", &panels[0], &info[0]);
    } else {
        fprintf(f, "    set multiplot layout %zu,%zu", layout->rows, layout->cols);
        if (layout->title) {
            fputs(" title ", f);
            put_quoted(f, layout->title);
            fputs(" font ',13'", f);
        }
        fputc('\n', f);
        for (size_t p = 0; p < npanels; p++) {
            snprintf(pfx, sizeof pfx, "p%zu_", p + 1);
            fprintf(f, "\n    # ---- panel %zu\n", p + 1);
            write_panel_settings(f, "    ", &panels[p], &info[p], 1);
            write_panel_plot(f, "    ", pfx, &panels[p], &info[p]);
        }
        fputs("    unset multiplot\n", f);
    }
    fputs("    unset output\n}\n", f);
}

/* ---- running gnuplot ------------------------------------------------------ */

/* gnuplot's stderr as one line: blank lines and the "^" marker lines dropped,
 * the rest joined with " | ".  Keeps the end, where the error is, if long. */
static void stderr_summary(char *out, size_t outlen, const char *text)
{
    char buf[STDERR_KEEP + 64];
    size_t len = 0;
    const char *line = text;
    while (*line) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        size_t a = 0, b = n;
        while (a < b && (line[a] == ' ' || line[a] == '\t' || line[a] == '\r')) a++;
        while (b > a && (line[b - 1] == ' ' || line[b - 1] == '\t' || line[b - 1] == '\r')) b--;
        if (b > a && !(b - a == 1 && line[a] == '^') && len + (b - a) + 4 < sizeof buf) {
            if (len) { memcpy(buf + len, " | ", 3); len += 3; }
            memcpy(buf + len, line + a, b - a);
            len += b - a;
        }
        line += n + (end ? 1 : 0);
    }
    buf[len] = '\0';
    if (!outlen) return;
    if (len < outlen) memcpy(out, buf, len + 1);
    else if (outlen > 4) {
        memcpy(out, "...", 3);
        memcpy(out + 3, buf + len - (outlen - 4), outlen - 3);
    } else
        out[0] = '\0';
}

/* Run `gnuplot -e "amor_suffix='.tmp'" gp`; capture its stderr. */
static int run_gnuplot(const char *gp, char *err, size_t errlen)
{
    char arg[PATH_LEN + 2];
    char *argv[] = {"gnuplot", "-e", "amor_suffix='.tmp'", arg, NULL};
    char text[STDERR_KEEP + 1];
    size_t tlen = 0;
    posix_spawn_file_actions_t fa;
    int pfd[2], rc, wst;
    pid_t pid;

    /* a path starting with '-' would be taken for an option */
    snprintf(arg, sizeof arg, "%s%s", gp[0] == '-' ? "./" : "", gp);
    if (pipe(pfd) != 0)
        return fail(err, errlen, PLOT_EIO, "plot: pipe: %s", strerror(errno));
    /* neither end may leak into children spawned meanwhile by other threads;
     * the dup2 onto fd 2 in our child clears the flag there */
    fcntl(pfd[0], F_SETFD, FD_CLOEXEC);
    fcntl(pfd[1], F_SETFD, FD_CLOEXEC);
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, pfd[1], 2);
    posix_spawn_file_actions_addclose(&fa, pfd[1]);
    rc = posix_spawnp(&pid, "gnuplot", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(pfd[1]);
    if (rc != 0) {
        close(pfd[0]);
        if (rc == ENOENT)
            return fail(err, errlen, PLOT_ENOGNUPLOT,
                        "plot: gnuplot not found on PATH, so %s was written but not "
                        "rendered; install the Debian package gnuplot-nox", gp);
        return fail(err, errlen, PLOT_EIO, "plot: cannot run gnuplot: %s", strerror(rc));
    }
    for (;;) {
        char chunk[1024];
        ssize_t n = read(pfd[0], chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        if (tlen + (size_t)n > STDERR_KEEP) { /* keep the tail */
            size_t drop = tlen + (size_t)n - STDERR_KEEP;
            if (drop > tlen) drop = tlen;
            memmove(text, text + drop, tlen - drop);
            tlen -= drop;
        }
        memcpy(text + tlen, chunk, (size_t)n > STDERR_KEEP ? STDERR_KEEP : (size_t)n);
        tlen += (size_t)n > STDERR_KEEP ? STDERR_KEEP : (size_t)n;
    }
    close(pfd[0]);
    text[tlen] = '\0';
    while (waitpid(pid, &wst, 0) < 0)
        if (errno != EINTR)
            return fail(err, errlen, PLOT_EIO, "plot: waitpid(gnuplot): %s", strerror(errno));
    if (WIFEXITED(wst) && WEXITSTATUS(wst) == 0) return PLOT_OK;
    {
        char head[PATH_LEN + 96];
        size_t hl;
        if (WIFEXITED(wst))
            snprintf(head, sizeof head, "plot: gnuplot failed on %s (exit status %d): ",
                     gp, WEXITSTATUS(wst));
        else
            snprintf(head, sizeof head, "plot: gnuplot failed on %s (signal %d): ", gp,
                     WIFSIGNALED(wst) ? WTERMSIG(wst) : 0);
        fail(err, errlen, PLOT_ERENDER, "%s", head);
        hl = strlen(head);
        if (err && errlen > hl + 1) stderr_summary(err + hl, errlen - hl, text);
    }
    return PLOT_ERENDER;
}

static int nonempty_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
}

static void sync_file(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* ---- entry points --------------------------------------------------------- */

typedef struct paths {
    char gp[PATH_LEN], gp_tmp[PATH_LEN];
    char png[PATH_LEN], png_tmp[PATH_LEN];
    char svg[PATH_LEN], svg_tmp[PATH_LEN];
} paths;

static int make_paths(paths *P, const char *dir, const char *stem, char *err,
                      size_t errlen)
{
    const char *sep = dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/";
    char *dst[6] = {P->gp, P->gp_tmp, P->png, P->png_tmp, P->svg, P->svg_tmp};
    const char *ext[6] = {".gp", ".gp.tmp", ".png", ".png.tmp", ".svg", ".svg.tmp"};
    for (int k = 0; k < 6; k++) {
        int n = snprintf(dst[k], PATH_LEN, "%s%s%s%s", dir, sep, stem, ext[k]);
        if (n < 0 || n >= PATH_LEN)
            return fail(err, errlen, PLOT_EINVAL, "plot: path %s%s%s%s is too long", dir,
                        sep, stem, ext[k]);
    }
    return PLOT_OK;
}

static int write_all(const char *dir, const char *stem, const plot_layout *layout,
                     size_t npanels, const plot_figure *panels, int width,
                     int height, char *err, size_t errlen)
{
    paths *P;
    panel_info *info;
    size_t total = 0, off = 0;
    FILE *f;
    int rc, bad;

    if (err && errlen) err[0] = '\0';
    if (!dir || !stem)
        return fail(err, errlen, PLOT_EINVAL, "plot: dir and stem must not be NULL");
    if (!stem[0] || strchr(stem, '/') || has_ctrl(stem))
        return fail(err, errlen, PLOT_EINVAL,
                    "plot: stem '%s' must be a non-empty file name without '/'", stem);
    if (!dir[0]) dir = ".";
    for (size_t p = 0; p < npanels; p++) {
        char where[48] = "";
        if (layout) snprintf(where, sizeof where, "panel %zu: ", p + 1);
        if ((rc = check_figure(&panels[p], where, !layout, err, errlen))) return rc;
        total += panels[p].nseries;
    }

    P = malloc(sizeof *P);
    info = calloc(npanels, sizeof *info);
    size_t *counts = calloc(2 * total + 1, sizeof *counts);
    if (!P || !info || !counts) {
        free(P);
        free(info);
        free(counts);
        return fail(err, errlen, PLOT_EIO, "plot: out of memory");
    }
    for (size_t p = 0; p < npanels; p++) {
        info[p].rows = counts + off;
        info[p].brows = counts + total + off;
        off += panels[p].nseries;
    }
    if ((rc = make_paths(P, dir, stem, err, errlen))) goto out;

    if (!(f = fopen(P->gp_tmp, "w"))) {
        rc = fail(err, errlen, PLOT_EIO, "plot: cannot write %s: %s", P->gp_tmp,
                  strerror(errno));
        goto out;
    }
    write_script(f, stem, layout, npanels, panels, info, width, height);
    bad = ferror(f) || fflush(f) != 0 || fsync(fileno(f)) != 0;
    if (bad) {
        int e = errno;
        fclose(f);
        unlink(P->gp_tmp);
        rc = fail(err, errlen, PLOT_EIO, "plot: cannot write %s: %s", P->gp_tmp, strerror(e));
        goto out;
    }
    if (fclose(f) != 0 || rename(P->gp_tmp, P->gp) != 0) {
        rc = fail(err, errlen, PLOT_EIO, "plot: cannot write %s: %s", P->gp, strerror(errno));
        unlink(P->gp_tmp);
        goto out;
    }

    rc = run_gnuplot(P->gp, err, errlen);
    if (rc == PLOT_OK && !(nonempty_file(P->png_tmp) && nonempty_file(P->svg_tmp)))
        rc = fail(err, errlen, PLOT_ERENDER,
                  "plot: gnuplot ran on %s but did not write %s and %s", P->gp,
                  P->png_tmp, P->svg_tmp);
    if (rc == PLOT_OK) {
        sync_file(P->png_tmp);
        sync_file(P->svg_tmp);
        if (rename(P->png_tmp, P->png) != 0 || rename(P->svg_tmp, P->svg) != 0)
            rc = fail(err, errlen, PLOT_EIO, "plot: cannot rename the images into %s: %s",
                      dir, strerror(errno));
    }
    if (rc != PLOT_OK) { /* never leave half-written images behind */
        unlink(P->png_tmp);
        unlink(P->svg_tmp);
    }
out:
    free(counts);
    free(info);
    free(P);
    return rc;
}

int plot_write(const char *dir, const char *stem, const plot_figure *fig, char *err,
               size_t errlen)
{
    if (!fig) return fail(err, errlen, PLOT_EINVAL, "plot: figure is NULL");
    return write_all(dir, stem, NULL, 1, fig, fig->width > 0 ? fig->width : 800,
                     fig->height > 0 ? fig->height : 500, err, errlen);
}

int plot_write_multi(const char *dir, const char *stem, const plot_layout *layout,
                     size_t npanels, const plot_figure *panels, char *err,
                     size_t errlen)
{
    plot_layout L;
    if (!layout) return fail(err, errlen, PLOT_EINVAL, "plot: layout is NULL");
    if (!npanels || !panels)
        return fail(err, errlen, PLOT_EINVAL, "plot: a multi-panel figure needs panels");
    L = *layout;
    if (!L.rows && !L.cols) L.rows = 1, L.cols = npanels;
    else if (!L.rows) L.rows = (npanels + L.cols - 1) / L.cols;
    else if (!L.cols) L.cols = (npanels + L.rows - 1) / L.rows;
    if (L.rows > 64 || L.cols > 64 || L.rows * L.cols < npanels)
        return fail(err, errlen, PLOT_EINVAL,
                    "plot: a %zu x %zu layout cannot hold %zu panels", L.rows, L.cols,
                    npanels);
    if (L.width < 0 || L.height < 0 || L.width > 32767 || L.height > 32767)
        return fail(err, errlen, PLOT_EINVAL,
                    "plot: figure size %dx%d px is out of range (0 = default, max 32767)",
                    L.width, L.height);
    if (!L.width) L.width = (int)(560 * L.cols);
    if (!L.height) L.height = (int)(400 * L.rows) + (L.title ? 30 : 0);
    return write_all(dir, stem, &L, npanels, panels, L.width, L.height, err, errlen);
}
