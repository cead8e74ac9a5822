/*
 * t_plot_more.c -- the figure writer's other two kinds: figures whose
 * gnuplot body the caller writes (plot_write_raw, incl. rgbimage data and
 * syntax errors) and bar charts with error bars (plot_write_bars, missing
 * values, log axes, invalid input).  Line figures: t_plot.c.  Set
 * AMOR_TEST_KEEP=1 to keep the temp directory for a look at the figures.
 */
#include "plot.h"
#include "tap.h"
#include "plugtest.h" /* pt_remove_tree; this program loads no plugin */
#include "plotcheck.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#define TEST(cond, ...) tap_ok((cond), __VA_ARGS__)

static long find_in(const char *path, const char *needle)
{
    char *s = slurp(path, NULL), *p = s ? strstr(s, needle) : NULL;
    long pos = p ? (long)(p - s) : -1;
    free(s);
    return pos;
}

/* A body with two datablocks, a 1x2 multiplot, a filled-contour pm3d map of
 * f on a 20 x 20 grid and a small matrix drawn `with image`. */
static char *raw_body(void)
{
    size_t cap = 64 * 1024, len = 0;
    char *b = malloc(cap);
    if (!b) return NULL;
#define PUT(...) (len += (size_t)snprintf(b + len, cap - len, __VA_ARGS__))
    PUT("# f(x, y) on a 20 x 20 grid, one block per x for splot\n");
    PUT("  $grid << EOD\n# x y f\n");
    for (int i = 0; i < 20; i++) {
        for (int j = 0; j < 20; j++) {
            double x = -2 + 4.0 * i / 19, y = -2 + 4.0 * j / 19;
            PUT("%g %g %.6g\n", x, y, exp(-(x - 0.5) * (x - 0.5) - y * y) -
                                          0.6 * exp(-(x + 1) * (x + 1) - (y - 1) * (y - 1)));
        }
        PUT("\n");
    }
    PUT("EOD\n");
    PUT("$img<<M # a 4 x 6 matrix\n");
    for (int r = 0; r < 4; r++) {
        for (int c = 0; c < 6; c++) PUT("%d ", (r * 7 + c * 3) % 10);
        PUT("\n");
    }
    PUT("M\n");
    PUT("set multiplot layout 1,2 title 'raw body: pm3d map and image' font ',13'\n"
        "set title 'filled contours of f (splot, view map)'\n"
        "set view map; set size ratio -1\n"
        "set pm3d at b; set contour base; set cntrparam levels 8; set cntrlabel onecolor\n"
        "set xlabel 'x'; set ylabel 'y'; set cblabel 'f'; unset key\n"
        "set xrange [-2:2]; set yrange [-2:2]\n"
        "splot $grid using 1:2:3 with pm3d notitle, \\\n"
        "      $grid using 1:2:3 nosurface with lines lc rgb '#ffffff' lw 1 notitle\n"
        "unset view; unset pm3d; unset contour; unset xrange; unset yrange\n"
        "set autoscale fix; set title 'a 4 x 6 matrix (with image)'\n"
        "set xlabel 'column'; set ylabel 'row'; set cblabel 'value'\n"
        "plot $img matrix with image notitle\n"
        "unset multiplot\n");
#undef PUT
    return b;
}

static void test_raw(void)
{
    char err[1024] = "x";
    char *body = raw_body();
    int rc = plot_write_raw(tmp, "raw", 1100, 480, body, err, sizeof err);
    free(body);
    if (!TEST(rc == PLOT_OK, "raw: multiplot + splot pm3d map + image renders"))
        tap_diag("rc %d: %s", rc, err);
    TEST(err[0] == '\0', "raw: no error message on success");
    TEST(is_png(at("raw.png")), "raw.png starts with the PNG magic bytes");
    TEST(file_contains(at("raw.svg"), "<svg") && file_contains(at("raw.svg"), "<image"),
         "raw.svg is an SVG with the image in it");
    {
        double w, h;
        png_size(at("raw.png"), &w, &h);
        tap_close(w, 1100, 0, 0, "raw: PNG width as asked");
        tap_close(h, 480, 0, 0, "raw: PNG height as asked");
    }
    TEST(count_suffix(tmp, ".tmp") == 0, "raw: no *.tmp files remain");
    {
        long grid = find_in(at("raw.gp"), "  $grid << EOD\n");
        long img = find_in(at("raw.gp"), "$img<<M");
        long loop = find_in(at("raw.gp"), "do for [amor_fmt in 'png svg']");
        long mp = find_in(at("raw.gp"), "\nset multiplot layout 1,2");
        TEST(grid >= 0 && img > grid && loop > img,
             "raw: datablocks moved ahead of the loop, in order (%ld, %ld, loop %ld)", grid,
             img, loop);
        TEST(mp > loop && find_in(at("raw.gp"), "# (datablock $grid is defined") > loop,
             "raw: the commands stay in the loop, with a note where each datablock was");
    }
    TEST(file_contains(at("raw.gp"), "ARG0") && file_contains(at("raw.gp"), "amor_suffix"),
         "raw: the script locates its outputs from ARG0 and renders to temp names");
    {
        char other[] = "/tmp/amor_t_plot_cwd.XXXXXX";
        char cmd[2048];
        if (mkdtemp(other)) {
            snprintf(cmd, sizeof cmd, "cd '%s' && gnuplot '%s/raw.gp' 2>/dev/null", other, tmp);
            rerun(other, "raw", cmd, "raw.gp from another dir");
            pt_remove_tree(other);
        } else
            TEST(0, "mkdtemp for the rerun cwd: %s", strerror(errno));
    }
}

static void test_raw_rgbimage(void)
{
    char err[1024] = "";
    const char *body =
        "$rgb << EOD\n"
        "# x y r g b\n"
        "0 0 230 159 0\n1 0 86 180 233\n2 0 0 158 115\n"
        "0 1 240 228 66\n1 1 0 114 178\n2 1 213 94 0\n"
        "EOD\n"
        "set title 'a 3 x 2 RGB grid (with rgbimage)'\n"
        "set autoscale fix; set size ratio -1\n"
        "plot $rgb using 1:2:3:4:5 with rgbimage notitle\n";
    int rc = plot_write_raw(tmp, "rawrgb", 0, 0, body, err, sizeof err);
    if (!TEST(rc == PLOT_OK && is_png(at("rawrgb.png")) && file_contains(at("rawrgb.svg"), "<svg"),
              "raw: a body drawing `with rgbimage` renders both formats"))
        tap_diag("rc %d: %s", rc, err);
    {
        double w, h;
        png_size(at("rawrgb.png"), &w, &h);
        tap_close(w, 800, 0, 0, "raw: width 0 = 800 px");
    }
}

static void test_raw_errors(void)
{
    char err[1024] = "";
    int rc;
    /* gnuplot's own error: message passed on, no images, the script kept */
    rc = plot_write_raw(tmp, "rawbad", 0, 0,
                        "$d << EOD\n1 2\n2 3\nEOD\nset xrange [0:3\nplot $d using 1:2 with lines\n",
                        err, sizeof err);
    TEST(rc == PLOT_ERENDER, "raw syntax error: PLOT_ERENDER (got %d)", rc);
    if (!TEST(strstr(err, "gnuplot failed") && strstr(err, "rawbad.gp") &&
                  strstr(err, "line ") && strstr(err, "unfinished range"),
              "raw syntax error: gnuplot's message, with the line, is in err"))
        tap_diag("err: %s", err);
    tap_diag("raw syntax error message: %s", err);
    TEST(exists(at("rawbad.gp")) && !exists(at("rawbad.png")) && !exists(at("rawbad.svg")),
         "raw syntax error: the script is kept, no .png/.svg");
    TEST(count_suffix(tmp, ".tmp") == 0, "raw syntax error: no *.tmp files remain");

    /* refused before anything is written */
    rc = plot_write_raw(tmp, "rawterm", 0, 0, "plot x\nset xrange [0:1]; set term png\n", err,
                        sizeof err);
    if (!TEST(rc == PLOT_EINVAL && strstr(err, "line 2") && strstr(err, "terminal"),
              "raw: `set term` in the body is refused, naming the line"))
        tap_diag("rc %d: %s", rc, err);
    TEST(!exists(at("rawterm.gp")), "raw: nothing written for a refused body");
    rc = plot_write_raw(tmp, "rawout", 0, 0, "if (1) { unset \\\n o }\nplot x\n", err, sizeof err);
    if (!TEST(rc == PLOT_EINVAL && strstr(err, "output"),
              "raw: `unset o` (abbreviated, on a continued line) is refused"))
        tap_diag("rc %d: %s", rc, err);
    rc = plot_write_raw(tmp, "rawsess", 0, 0, "reset session\nplot x\n", err, sizeof err);
    TEST(rc == PLOT_EINVAL && strstr(err, "reset session"), "raw: `reset session` is refused");
    rc = plot_write_raw(tmp, "rawopen", 0, 0, "$d << END\n1 2\nplot $d\n", err, sizeof err);
    if (!TEST(rc == PLOT_EINVAL && strstr(err, "line 1") && strstr(err, "$d") &&
                  strstr(err, "END"),
              "raw: an unterminated datablock is refused"))
        tap_diag("rc %d: %s", rc, err);
    TEST(plot_write_raw(tmp, "rawnull", 0, 0, NULL, err, sizeof err) == PLOT_EINVAL &&
             strstr(err, "NULL"), "raw: a NULL body is refused");
    TEST(plot_write_raw(tmp, "rawempty", 0, 0, " \n\t\n", err, sizeof err) == PLOT_EINVAL &&
             strstr(err, "no commands"), "raw: an empty body is refused");
    TEST(plot_write_raw(tmp, "rawsize", -1, 0, "plot x\n", err, sizeof err) == PLOT_EINVAL,
         "raw: a negative width is refused");
    TEST(plot_write_raw(tmp, "raw/x", 0, 0, "plot x\n", err, sizeof err) == PLOT_EINVAL &&
             strstr(err, "stem"), "raw: a stem with '/' is refused");

    /* a multiplot the body leaves open is closed after it */
    rc = plot_write_raw(tmp, "rawopenmp", 600, 300,
                        "set multiplot layout 1,2\nplot sin(x)\nplot cos(x) lt 2\n", err,
                        sizeof err);
    if (!TEST(rc == PLOT_OK && is_png(at("rawopenmp.png")) &&
                  file_contains(at("rawopenmp.svg"), "</svg>"),
              "raw: a body that leaves its multiplot open still renders both formats"))
        tap_diag("rc %d: %s", rc, err);

    /* the same words inside quotes, comments and datablocks are fine */
    rc = plot_write_raw(tmp, "rawwords", 400, 300,
                        "$t << EOD\nset output 1\n2 3\nEOD\n"
                        "set title 'set output; set term' # set terminal\n"
                        "set label 1 \"unset output\" at graph 0.1, 0.5\n"
                        "set offsets 0, 0, 0.5, 0.5\n"
                        "plot $t using 0:2 with points title 'set term'\n",
                        err, sizeof err);
    if (!TEST(rc == PLOT_OK && is_png(at("rawwords.png")),
              "raw: set output/term inside strings, comments, datablocks is allowed"))
        tap_diag("rc %d: %s", rc, err);
}

/* ---- bar charts ----------------------------------------------------------- */

static const char *const groups2[] = {"lasso", "logistic_regression"};
static const char *const bars3[] = {"mlp/regression", "mlp/solver-loss", "gd (100 steps)"};

static void test_bars(void)
{
    char err[1024] = "x";
    double v[] = {0.42, 0.31, 0.55, /* lasso */ 0.68, 0.52, 0.61};
    double e[] = {0.05, 0.03, 0.02, 0.08, 0.06, 0.04};
    plot_bars b = {.title = "Final objective, mean ± std over 5 seeds",
                   .ylabel = "objective (lower is better)", .ngroups = 2,
                   .group_labels = groups2, .nbars = 3, .bar_labels = bars3, .value = v,
                   .err = e};
    int rc = plot_write_bars(tmp, "bars", &b, err, sizeof err);
    if (!TEST(rc == PLOT_OK, "bars: 2 groups x 3 bars with error bars render"))
        tap_diag("rc %d: %s", rc, err);
    TEST(err[0] == '\0', "bars: no error message on success");
    TEST(is_png(at("bars.png")) && file_contains(at("bars.svg"), "<svg"),
         "bars.png and bars.svg written");
    {
        double w, h;
        png_size(at("bars.png"), &w, &h);
        tap_close(w, 800, 0, 0, "bars: default width 800 px");
    }
    TEST(file_contains(at("bars.gp"), "$bar1 << EOD\n# group value err\n0 0.42 0.05\n1 0.68 0.08\nEOD"),
         "bars: datablock per bar label, rows (group, value, err) as given");
    TEST(file_contains(at("bars.gp"), "$bar3 << EOD") &&
             file_contains(at("bars.gp"), "$bar3 using (bar_x($1, 3)):2:($2 - $3):($2 + $3):(bar_width) "
                                           "with boxerrorbars lt 3 lw 1 title 'gd (100 steps)'"),
         "bars: one boxerrorbars element per bar label, in its palette colour");
    TEST(file_contains(at("bars.gp"), "('lasso' 0, 'logistic_regression' 1)"),
         "bars: group labels are the x tics");
    TEST(file_contains(at("bars.svg"), "logistic_regression") &&
             file_contains(at("bars.svg"), "mlp/solver-loss"),
         "bars: labels shown literally (noenhanced)");
    TEST(count_suffix(tmp, ".tmp") == 0, "bars: no *.tmp files remain");

    /* many groups with long labels: slanted tics, a wider left margin */
    {
        static const char *const g6[] = {"sparse_lasso_regression", "logistic_regression",
                                         "quadratic_program", "robust_huber",
                                         "portfolio_optimization", "svm_hinge"};
        static const char *const l5[] = {"mlp/regression", "mlp/solver-loss",
                                         "deepsets/regression", "gd (100 steps)",
                                         "adam (100 steps)"};
        double v30[30], e30[30];
        plot_bars m = {.title = "6 groups x 5 bars, long group labels",
                       .ylabel = "relative objective gap", .ngroups = 6, .group_labels = g6,
                       .nbars = 5, .bar_labels = l5, .value = v30, .err = e30};
        for (int i = 0; i < 30; i++) {
            v30[i] = 0.2 + 0.1 * ((i * 7) % 9);
            e30[i] = 0.02 + 0.01 * (i % 4);
        }
        rc = plot_write_bars(tmp, "barsmany", &m, err, sizeof err);
        if (!TEST(rc == PLOT_OK && is_png(at("barsmany.png")) &&
                      file_contains(at("barsmany.gp"), "set xtics rotate by 30 right") &&
                      file_contains(at("barsmany.gp"), "set lmargin"),
                  "bars: 6 x 5 bars with long group labels render with slanted labels"))
            tap_diag("rc %d: %s", rc, err);
        TEST(!file_contains_quiet(at("bars.gp"), "rotate"),
             "bars: short group labels stay horizontal");
    }

    /* no error bars: plain boxes */
    b.err = NULL;
    b.key = "top left";
    rc = plot_write_bars(tmp, "barsnoerr", &b, err, sizeof err);
    if (!TEST(rc == PLOT_OK && file_contains(at("barsnoerr.gp"), "with boxes lt 1") &&
                  !file_contains_quiet(at("barsnoerr.gp"), "boxerrorbars") &&
                  file_contains(at("barsnoerr.gp"), "set key top left"),
              "bars: err NULL draws plain boxes; the caller's key is used"))
        tap_diag("rc %d: %s", rc, err);
}

static void test_bars_missing(void)
{
    char err[1024] = "";
    const char *groups[] = {"a", "b 'quoted'", "c"};
    const char *labels[] = {"it's", NULL};
    double v[] = {1.5, 2.0, NAN, -0.5, 1.0, INFINITY};
    double e[] = {0.2, NAN, 0.1, 0.3, 0.1, 0.1};
    plot_bars b = {.title = "missing bars", .ngroups = 3, .group_labels = groups, .nbars = 2,
                   .bar_labels = labels, .value = v, .err = e};
    int rc = plot_write_bars(tmp, "barsnan", &b, err, sizeof err);
    if (!TEST(rc == PLOT_OK && is_png(at("barsnan.png")),
              "bars: NaN and Inf values, a negative value and a NaN err render"))
        tap_diag("rc %d: %s", rc, err);
    TEST(file_contains(at("barsnan.gp"), "# skipped group 2: value = nan is NaN") &&
             file_contains(at("barsnan.gp"), "# skipped group 3: value = inf is infinite"),
         "bars: NaN/Inf bars are skipped with a comment");
    TEST(file_contains(at("barsnan.gp"), "# group 1: no error bar, err = nan\n0 2 0\n"),
         "bars: a NaN err draws the bar without a whisker");
    TEST(file_contains(at("barsnan.gp"), "set xzeroaxis"), "bars: a negative bar gets a zero line");
    TEST(file_contains(at("barsnan.gp"), "title 'it''s'") &&
             file_contains(at("barsnan.gp"), "'b ''quoted''' 1"),
         "bars: quotes in labels are escaped");
}

static void test_bars_logy(void)
{
    char err[1024] = "";
    double v[] = {0.5, 2e-3, 0.0, 0.03, 1.2, 4e-4};
    double e[] = {0.8, 1e-3, 0.1, 0.01, 0.3, 1e-4};
    plot_bars b = {.title = "log y: a zero value and a whisker reaching below 0",
                   .ylabel = "error", .logy = 1, .ngroups = 2, .group_labels = groups2,
                   .nbars = 3, .bar_labels = bars3, .value = v, .err = e};
    int rc = plot_write_bars(tmp, "barslog", &b, err, sizeof err);
    if (!TEST(rc == PLOT_OK && is_png(at("barslog.png")) &&
                  file_contains(at("barslog.svg"), "<svg"),
              "bars: logy with a zero value renders"))
        tap_diag("rc %d: %s", rc, err);
    TEST(file_contains(at("barslog.gp"),
                       "# skipped group 1: value = 0 is not positive on a log axis"),
         "bars: logy skips the zero value, with a comment");
    TEST(file_contains(at("barslog.gp"), "# group 1: lower whisker cut at value/10") &&
             file_contains(at("barslog.gp"), "bar_lo(v, e) = v - e > 0 ? v - e : v * 0.1\n") &&
             file_contains(at("barslog.gp"), ":2:(bar_lo($2, $3)):($2 + $3):"),
         "bars: logy cuts a whisker reaching below 0 at a tenth of the value");
    TEST(file_contains(at("barslog.gp"), "set logscale y"), "bars: log y axis");
}

static void test_bars_invalid(void)
{
    char err[1024] = "";
    double v[] = {1, 2}, e[] = {0.1, -0.2};
    plot_bars b = {.ngroups = 1, .nbars = 2, .value = v};
    plot_bars z = b;
    TEST(plot_write_bars(tmp, "bars0", NULL, err, sizeof err) == PLOT_EINVAL,
         "bars: NULL plot_bars is refused");
    z.ngroups = 0;
    if (!TEST(plot_write_bars(tmp, "bars0", &z, err, sizeof err) == PLOT_EINVAL &&
                  strstr(err, "ngroups is 0"),
              "bars: ngroups 0 is refused with a message"))
        tap_diag("err: %s", err);
    z = b;
    z.nbars = 0;
    TEST(plot_write_bars(tmp, "bars0", &z, err, sizeof err) == PLOT_EINVAL &&
             strstr(err, "nbars is 0"), "bars: nbars 0 is refused with a message");
    z = b;
    z.value = NULL;
    if (!TEST(plot_write_bars(tmp, "bars0", &z, err, sizeof err) == PLOT_EINVAL &&
                  strstr(err, "value is NULL"),
              "bars: a NULL value is refused with a message"))
        tap_diag("err: %s", err);
    z = b;
    z.err = e;
    if (!TEST(plot_write_bars(tmp, "bars0", &z, err, sizeof err) == PLOT_EINVAL &&
                  strstr(err, "bar 2") && strstr(err, "-0.2"),
              "bars: a negative err is refused, naming the bar"))
        tap_diag("err: %s", err);
    TEST(!exists(at("bars0.gp")), "bars: nothing written for refused arguments");
    TEST(plot_write_bars(tmp, "barsok", &b, NULL, 0) == PLOT_OK && is_png(at("barsok.png")) &&
             file_contains(at("barsok.gp"), "set xtics scale 0 nomirror ('1' 0)\n") &&
             file_contains(at("barsok.gp"), "with boxes lt 2 lw 1 notitle"),
         "bars: labels all NULL render (numbered groups, no key entries)");
}

/* Byte-for-byte equality of two files of tmp (at() has one buffer). */
static int same_bytes(const char *a, const char *b)
{
    size_t la = 0, lb = 0;
    char *x = slurp(at(a), &la), *y = slurp(at(b), &lb);
    int same = x && y && la == lb && memcmp(x, y, la) == 0;
    free(x);
    free(y);
    return same;
}

/* In a batch one gnuplot renders figure after figure: nothing a figure sets
 * leaks into the next (`reset session`), a `pause` does not wait for input,
 * a figure that fails ends its gnuplot and, for a caller that goes on after
 * the error (plot_write returns it when the next figure is added: that
 * figure is not started), the next figure gets a new gnuplot; one that runs
 * `exit` fails without images, as alone. */
static void test_batch_server(void)
{
    char err[1024] = "";
    const char *leaky = "set logscale y\nset grid\nleak = 1\n$d << EOD\n1 1\n2 10\nEOD\n"
                        "plot $d with lines title 'one'\n";
    const char *plain = "plot (exists(\"leak\") ? 100 : 1) + x**2 title 'two'\n";
    const char *pausing = "pause -1\nplot x title 'paused'\n";
    const char *broken = "plot sin(x title 'broken'\n";
    const char *exiting = "exit\n";
    int rc;
    /* the reference: "plain" rendered alone, by a gnuplot of its own */
    rc = plot_write_raw(tmp, "alone", 400, 300, plain, err, sizeof err);
    if (!TEST(rc == PLOT_OK, "server: reference figure rendered alone")) tap_diag("%s", err);
    alarm(120); /* a pause waiting for input would hang here */
    plot_batch_begin(1, NULL); /* one gnuplot for all of them */
    {
        /* a failure surfaces when the next figure needs its gnuplot (or at
         * the end): keep the first, go on with the rest */
        const char *stems[8] = {"leaky", "plain", "pausing", "broken", "after", "exiting",
                                "spacer", "last"};
        const char *bodies[8] = {leaky, plain, pausing, broken, plain, exiting, plain, plain};
        char e[1024];
        rc = PLOT_OK;
        for (int k = 0; k < 8; k++) {
            int r = plot_write_raw(tmp, stems[k], 400, 300, bodies[k], e, sizeof e);
            if (r != PLOT_OK && rc == PLOT_OK) {
                rc = r;
                snprintf(err, sizeof err, "%s", e);
            }
        }
        int r = plot_batch_end(e, sizeof e);
        if (r != PLOT_OK && rc == PLOT_OK) {
            rc = r;
            snprintf(err, sizeof err, "%s", e);
        }
    }
    alarm(0);
    TEST(rc == PLOT_ERENDER && strstr(err, "broken.gp") && strstr(err, "exit status 1"),
         "server: the failing figure is named with gnuplot's exit status (rc %d: %s)", rc, err);
    TEST(is_png(at("leaky.png")) && is_png(at("plain.png")) && is_png(at("pausing.png")) &&
             is_png(at("last.png")),
         "server: the good figures rendered, the one after the failure and the exit too");
    TEST(!exists(at("broken.png")) && !exists(at("exiting.png")) && !exists(at("after.png")) &&
             !exists(at("spacer.png")),
         "server: the failed figures have no images (nor the ones whose start reported a "
         "failure)");
    TEST(same_bytes("plain.png", "alone.png"),
         "server: a figure after one that set logscale, grid, a variable and a datablock is "
         "byte-identical to the same figure rendered alone");
    TEST(same_bytes("last.png", "alone.png"),
         "server: so is the figure after the failure and the exit, from a new gnuplot");
    TEST(count_suffix(tmp, ".tmp") == 0, "server: no *.tmp files remain");

    /* a directory with a line break in its name cannot go into a server's
     * command line: its figure gets a gnuplot of its own, in order */
    {
        char odd[4096], png[4200], *log = NULL;
        size_t loglen = 0;
        FILE *lf = open_memstream(&log, &loglen);
        snprintf(odd, sizeof odd, "%s/line\nbreak", tmp);
        if (mkdir(odd, 0777) != 0) {
            TEST(0, "mkdir of a directory with a line break: %s", strerror(errno));
            fclose(lf);
            free(log);
            return;
        }
        plot_batch_begin(2, lf);
        rc = plot_write_raw(tmp, "before", 400, 300, plain, err, sizeof err);
        if (rc == PLOT_OK) rc = plot_write_raw(odd, "odd", 400, 300, plain, err, sizeof err);
        if (rc == PLOT_OK) rc = plot_write_raw(tmp, "after2", 400, 300, plain, err, sizeof err);
        if (rc == PLOT_OK) rc = plot_batch_end(err, sizeof err);
        else plot_batch_end(NULL, 0);
        fclose(lf);
        snprintf(png, sizeof png, "%s/odd.png", odd);
        if (!TEST(rc == PLOT_OK && is_png(png) && same_bytes("before.png", "alone.png") &&
                      same_bytes("after2.png", "alone.png"),
                  "server: a figure in a directory named with a line break renders, and the "
                  "ones around it"))
            tap_diag("rc %d: %s", rc, err);
        {
            const char *a = log ? strstr(log, "/before.{") : NULL;
            const char *b = a ? strstr(a, "/odd.{") : NULL;
            TEST(b && strstr(b, "/after2.{"), "server: logged in the order written");
        }
        free(log);
    }
}

int main(void)
{
    if (!plotcheck_setup("t_plot_more")) return tap_done();
    test_raw();
    test_raw_rgbimage();
    test_raw_errors();
    test_bars();
    test_bars_missing();
    test_bars_logy();
    test_bars_invalid();
    test_batch_server();
    if (getenv("AMOR_TEST_KEEP")) tap_diag("kept %s", tmp);
    else pt_remove_tree(tmp);
    return tap_done();
}
