/*
 * t_plot.c -- the gnuplot figure writer: script + PNG + SVG written
 * atomically, the script reruns from any working directory, awkward data and
 * labels render, and failures (bad style, no gnuplot) are reported, not
 * printed, without clobbering good images; several figures rendered at once.
 * Figures with caller-written bodies and bar charts: t_plot_more.c.  Set
 * AMOR_TEST_KEEP=1 to keep the temp directory for a look at the figures.
 */
#include "plot.h"
#include "tap.h"
#include "plugtest.h" /* pt_remove_tree; this program loads no plugin */
#include "plotcheck.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#define TEST(cond, ...) tap_ok((cond), __VA_ARGS__)

/* ---- the fixture figure: two solver curves (one with a band) and the
 * amortized model's mean +/- std as a horizontal band ---------------------- */

enum { K = 41 };
static double it[K], gd[K], gd_lo[K], gd_hi[K], it2[K], adam[K];

static void make_data(void)
{
    for (int k = 0; k < K; k++) {
        double sd = 0.12 * exp(-k / 15.0) + 0.02;
        it[k] = k;
        gd[k] = 0.1 + 2.0 * exp(-k / 8.0);
        gd_lo[k] = gd[k] - sd;
        gd_hi[k] = gd[k] + sd;
        it2[k] = 2 * k;
        adam[k] = 0.1 + 2.0 * exp(-k / 2.5) * (1 + 0.3 * sin(k));
    }
}

static plot_series main_series[2];
static plot_hband main_band = {"amortized (MLP), mean ± std", 0.35, 0.27, 0.43};

static plot_figure main_figure(void)
{
    plot_figure fig = {0};
    main_series[0] = (plot_series){"gradient descent", K, it, gd, gd_lo, gd_hi, NULL};
    main_series[1] = (plot_series){"Adam", K / 2 + 1, it2, adam, NULL, NULL, "linespoints"};
    fig.title = "Objective vs iteration";
    fig.xlabel = "iteration";
    fig.ylabel = "f(y; x), mean over contexts";
    fig.nseries = 2;
    fig.series = main_series;
    fig.nbands = 1;
    fig.bands = &main_band;
    return fig;
}

/* ---- checks --------------------------------------------------------------- */

static void test_basic(void)
{
    char err[512] = "x";
    plot_figure fig = main_figure();
    int rc = plot_write(tmp, "fig", &fig, err, sizeof err);
    if (!TEST(rc == PLOT_OK, "2 series + band + hband: plot_write succeeds"))
        tap_diag("rc %d: %s", rc, err);
    TEST(err[0] == '\0', "no error message on success");
    TEST(exists(at("fig.gp")), "fig.gp written");
    TEST(is_png(at("fig.png")), "fig.png starts with the PNG magic bytes");
    TEST(file_contains(at("fig.svg"), "<svg"), "fig.svg is an SVG");
    {
        double w, h;
        png_size(at("fig.png"), &w, &h);
        tap_close(w, 800, 0, 0, "default PNG width 800 px");
        tap_close(h, 500, 0, 0, "default PNG height 500 px");
    }
    TEST(count_suffix(tmp, ".tmp") == 0, "no *.tmp files remain");
    TEST(file_contains(at("fig.gp"), "$s1 << EOD") &&
             file_contains(at("fig.gp"), "$s1_band << EOD") &&
             file_contains(at("fig.gp"), "$s2 << EOD"),
         "data inline as datablocks");
    /* the datablock reads back bit for bit (shortest round-trip digits) */
    {
        char *gp = slurp(at("fig.gp"), NULL), *p = gp ? strstr(gp, "$s1 << EOD\n# x y\n") : NULL;
        int k = 0, exact = p != NULL;
        if (p) p = strchr(strchr(p, '\n') + 1, '\n') + 1;
        while (p && strncmp(p, "EOD", 3) != 0 && k < K) {
            char *end;
            double x = strtod(p, &end), y = strtod(end, &end);
            if (x != it[k] || y != gd[k]) exact = 0;
            k++;
            p = strchr(p, '\n');
            p = p ? p + 1 : NULL;
        }
        TEST(exact && k == K, "datablock $s1 holds all %d points, exactly (read %d)", K, k);
        TEST(file_contains(at("fig.gp"), "first 0.35 to graph 1"), "0.35 is written as 0.35");
        free(gp);
    }
    TEST(file_contains(at("fig.gp"), "ARG0"), "the script locates its outputs from ARG0");
}

/* Delete stem's images, run cmd, check both came back and nothing leaked
 * into the working directory `cwd`. */
static void test_rerun(void)
{
    char other[] = "/tmp/amor_t_plot_cwd.XXXXXX";
    char cmd[2048];
    const char *base = strrchr(tmp, '/') + 1;
    if (!mkdtemp(other)) {
        TEST(0, "mkdtemp for the rerun cwd: %s", strerror(errno));
        return;
    }
    snprintf(cmd, sizeof cmd, "cd '%s' && gnuplot '%s/fig.gp' 2>/dev/null", other, tmp);
    rerun(other, "fig", cmd, "`gnuplot /abs/dir/fig.gp` from another dir");
    snprintf(cmd, sizeof cmd, "cd '%s' && gnuplot '../%s/fig.gp' 2>/dev/null", other, base);
    rerun(other, "fig", cmd, "`gnuplot ../dir/fig.gp` (relative path)");
    snprintf(cmd, sizeof cmd, "cd '%s' && gnuplot fig.gp 2>/dev/null", tmp);
    rerun(tmp, "fig", cmd, "`cd dir && gnuplot fig.gp`");
    pt_remove_tree(other);
}

static void test_log_and_nonfinite(void)
{
    char err[512] = "";
    double x[] = {1, 2, 3, 4, 5, 6, 7, 8};
    double y[] = {10, 0, -3, 1, NAN, 0.1, INFINITY, 0.01};
    double lo[] = {5, 0, 1, 0.5, 0.1, 0.05, 0.01, -1};
    double hi[] = {20, 1, 2, 2, 0.2, 0.2, 0.1, 0.02};
    plot_series s[] = {{"mixed", 8, x, y, lo, hi, "linespoints"}};
    plot_hband b[] = {{"hband with lo <= 0", 0.05, -1, 0.2}, {"no band", 0.5, 0.5, 0.5}};
    plot_figure fig = {.title = "log y with zero, negative, NaN and Inf values",
                       .logy = 1, .logx = 1, .nseries = 1, .series = s,
                       .nbands = 2, .bands = b};
    int rc = plot_write(tmp, "logy", &fig, err, sizeof err);
    if (!TEST(rc == PLOT_OK, "log axes with 0, negative, NaN, Inf values render"))
        tap_diag("rc %d: %s", rc, err);
    TEST(is_png(at("logy.png")), "logy.png written");
    TEST(file_contains(at("logy.gp"), "# skipped point 2: y = 0 is not positive on a log axis") &&
             file_contains(at("logy.gp"), "# skipped point 5: y = nan is NaN") &&
             file_contains(at("logy.gp"), "# skipped point 7: y = inf is infinite"),
         "skipped points are commented in the datablock");
}

static void test_labels(void)
{
    char err[512] = "";
    double x[] = {0, 1, 2}, y[] = {1, 2, 1.5};
    plot_series s[] = {{"it's a_b \"quoted\" {x} ^2 @", 3, x, y, NULL, NULL, "points"},
                       {"line\nbreak", 3, x, x, NULL, NULL, NULL}};
    plot_figure fig = {.title = "under_score's \"title\"", .xlabel = "x_1", .ylabel = "y^2",
                       .nseries = 2, .series = s};
    int rc = plot_write(tmp, "labels", &fig, err, sizeof err);
    if (!TEST(rc == PLOT_OK, "labels with quotes, underscores, newline render"))
        tap_diag("rc %d: %s", rc, err);
    TEST(is_png(at("labels.png")), "labels.png written");
    TEST(file_contains(at("labels.gp"), "title 'it''s a_b \"quoted\" {x} ^2 @'"),
         "single quote doubled in the gnuplot string");
    TEST(file_contains(at("labels.svg"), "a_b") && file_contains(at("labels.svg"), "x_1"),
         "underscores shown literally (noenhanced)");
}

static void test_empty(void)
{
    char err[512] = "";
    plot_series s[] = {{"no points yet", 0, NULL, NULL, NULL, NULL, NULL}};
    plot_figure fig = {.title = "empty series", .nseries = 1, .series = s};
    plot_figure none = {.title = "nothing at all", .logy = 1};
    plot_hband b = {"only a reference", 2, 1.5, 2.5};
    plot_figure only_band = {.nbands = 1, .bands = &b};
    int rc = plot_write(tmp, "empty", &fig, err, sizeof err);
    if (!TEST(rc == PLOT_OK && is_png(at("empty.png")), "an empty series still renders"))
        tap_diag("rc %d: %s", rc, err);
    rc = plot_write(tmp, "none", &none, err, sizeof err);
    if (!TEST(rc == PLOT_OK && is_png(at("none.png")), "a figure with no series renders"))
        tap_diag("rc %d: %s", rc, err);
    rc = plot_write(tmp, "onlyband", &only_band, err, sizeof err);
    if (!TEST(rc == PLOT_OK && is_png(at("onlyband.png")), "a figure with only an hband renders"))
        tap_diag("rc %d: %s", rc, err);
}

static void test_bad_style(void)
{
    char err[1024] = "";
    plot_figure fig = main_figure();
    plot_series s[2];
    size_t good_len = 0, now_len = 0;
    char *good, *now;
    int rc;

    memcpy(s, main_series, sizeof s);
    s[1].style = "bogusstyle";
    fig.series = s;
    rc = plot_write(tmp, "bad", &fig, err, sizeof err);
    TEST(rc == PLOT_ERENDER, "bad style: plot_write returns PLOT_ERENDER (got %d)", rc);
    if (!TEST(strstr(err, "gnuplot failed") && strstr(err, "unrecognized plot type"),
              "bad style: gnuplot's error text is in err"))
        tap_diag("err: %s", err);
    tap_diag("bad style message: %s", err);
    TEST(exists(at("bad.gp")), "bad style: the script is still left for debugging");
    TEST(!exists(at("bad.png")) && !exists(at("bad.svg")), "bad style: no .png/.svg");
    TEST(count_suffix(tmp, ".tmp") == 0, "bad style: no *.tmp files remain");

    /* a failed re-render keeps the previous good images */
    good = slurp(at("fig.png"), &good_len);
    rc = plot_write(tmp, "fig", &fig, err, sizeof err);
    now = slurp(at("fig.png"), &now_len);
    TEST(rc == PLOT_ERENDER && good && now && good_len == now_len &&
             memcmp(good, now, good_len) == 0 && file_contains(at("fig.svg"), "<svg"),
         "a failed render leaves the previous fig.png/fig.svg untouched");
    free(good);
    free(now);
    fig = main_figure(); /* restore for later checks */
    rc = plot_write(tmp, "fig", &fig, err, sizeof err);
    TEST(rc == PLOT_OK, "fig re-rendered");
}

/* A batch renders several figures at once, finishes and logs them in the
 * order they were written, and reports the first failure (a figure whose
 * gnuplot fails) from plot_batch_end while the good ones still land. */
static void test_batch(void)
{
    char err[1024] = "", *log = NULL;
    size_t loglen = 0;
    FILE *lf = open_memstream(&log, &loglen);
    plot_figure fig = main_figure();
    plot_series s[2];
    const char *stems[4] = {"b0", "b1", "bbad", "b3"};
    int rc = PLOT_OK, k, order = 1;
    char want[4][512];

    memcpy(s, main_series, sizeof s);
    s[1].style = "bogusstyle";
    plot_batch_begin(2, lf);
    for (k = 0; k < 4 && rc == PLOT_OK; k++) {
        fig.series = k == 2 ? s : main_series;
        rc = plot_write(tmp, stems[k], &fig, err, sizeof err);
    }
    TEST(rc == PLOT_OK && k == 4, "batch: four figures started (rc %d at figure %d: %s)", rc, k,
         err);
    rc = plot_batch_end(err, sizeof err);
    fclose(lf);
    TEST(rc == PLOT_ERENDER && strstr(err, "bbad.gp") && strstr(err, "unrecognized plot type"),
         "batch: plot_batch_end reports the failed figure by name (rc %d: %s)", rc, err);
    TEST(is_png(at("b0.png")) && is_png(at("b1.png")) && is_png(at("b3.png")) &&
             file_contains(at("b3.svg"), "<svg"),
         "batch: the three good figures are rendered");
    TEST(exists(at("bbad.gp")) && !exists(at("bbad.png")) && !exists(at("bbad.svg")),
         "batch: the failed figure leaves its script and no images");
    TEST(count_suffix(tmp, ".tmp") == 0, "batch: no *.tmp files remain");
    for (k = 0; k < 4; k++) snprintf(want[k], sizeof want[k], "wrote %s/%s.{gp,png,svg}\n", tmp,
                                     stems[k]);
    {
        const char *p = log ? strstr(log, want[0]) : NULL, *q = p ? strstr(p, want[1]) : NULL;
        order = p && q && strstr(q, want[3]) && !strstr(log, want[2]);
    }
    if (!TEST(order, "batch: the log names b0, b1, b3 in that order and not the failed one"))
        tap_diag("log: %s", log ? log : "(none)");
    free(log);

    /* an error while a figure is written stops nothing already started */
    plot_batch_begin(3, NULL);
    fig.series = main_series;
    rc = plot_write(tmp, "c0", &fig, err, sizeof err);
    TEST(rc == PLOT_OK && plot_write(tmp, "c/1", &fig, err, sizeof err) == PLOT_EINVAL,
         "batch: a bad stem is refused at once");
    rc = plot_batch_end(err, sizeof err);
    TEST(rc == PLOT_OK && is_png(at("c0.png")), "batch: the figure before it still lands");
}

static void test_no_gnuplot(void)
{
    char err[512] = "";
    char *path = getenv("PATH") ? strdup(getenv("PATH")) : NULL;
    plot_figure fig = main_figure();
    int rc;
    setenv("PATH", tmp, 1); /* a directory without gnuplot */
    rc = plot_write(tmp, "nognuplot", &fig, err, sizeof err);
    if (path) setenv("PATH", path, 1);
    else unsetenv("PATH");
    free(path);
    TEST(rc == PLOT_ENOGNUPLOT, "no gnuplot on PATH: PLOT_ENOGNUPLOT (got %d)", rc);
    if (!TEST(strstr(err, "gnuplot-nox") != NULL, "the message names gnuplot-nox"))
        tap_diag("err: %s", err);
    TEST(exists(at("nognuplot.gp")) && !exists(at("nognuplot.png")),
         "no gnuplot: the .gp is written, no image");
}

static void test_invalid(void)
{
    char err[512] = "";
    double x[] = {1}, y[] = {1};
    plot_series s[] = {{"half band", 1, x, y, y, NULL, NULL}};
    plot_figure fig = {.nseries = 1, .series = s};
    plot_figure ok = main_figure();
    TEST(plot_write(tmp, "a/b", &ok, err, sizeof err) == PLOT_EINVAL && strstr(err, "stem"),
         "a stem with '/' is refused");
    TEST(plot_write(tmp, "half", &fig, err, sizeof err) == PLOT_EINVAL &&
             strstr(err, "series 1 'half band'"),
         "ylo without yhi is refused, naming the series");
    TEST(plot_write("/nonexistent/dir", "x", &ok, err, sizeof err) == PLOT_EIO &&
             strstr(err, "/nonexistent/dir/x.gp.tmp"),
         "a missing directory is an I/O error naming the file");
    TEST(plot_write(tmp, "tiny", &ok, NULL, 0) == PLOT_OK, "err may be NULL with errlen 0");
}

static void test_multi(void)
{
    char err[512] = "";
    double sec[K];
    plot_series s1[2], s2[1];
    plot_figure p[2];
    plot_layout L = {"Gradient descent vs the amortized model", 1, 2, 0, 0, 0};
    int rc;
    for (int k = 0; k < K; k++) sec[k] = 1e-4 * (k + 1);
    p[0] = main_figure();
    p[0].title = "vs iteration";
    memcpy(s1, main_series, sizeof s1);
    s2[0] = main_series[0];
    s2[0].x = sec;
    p[1] = main_figure();
    p[1].title = "vs time";
    p[1].xlabel = "seconds";
    p[1].ylabel = NULL;
    p[1].logx = 1;
    p[1].nseries = 1;
    p[1].series = s2;
    p[1].key = "top right";
    rc = plot_write_multi(tmp, "pair", &L, 2, p, err, sizeof err);
    if (!TEST(rc == PLOT_OK, "a 1x2 multiplot renders")) tap_diag("rc %d: %s", rc, err);
    TEST(is_png(at("pair.png")) && file_contains(at("pair.svg"), "<svg"),
         "pair.png and pair.svg written");
    TEST(file_contains(at("pair.gp"), "$p2_s1 << EOD"), "panel datablocks are prefixed");
    {
        double w, h;
        png_size(at("pair.png"), &w, &h);
        tap_close(w, 2 * 560, 0, 0, "1x2 multiplot default width 2 x 560 px");
    }
    L.rows = 1, L.cols = 1;
    TEST(plot_write_multi(tmp, "pair", &L, 2, p, err, sizeof err) == PLOT_EINVAL,
         "a 1x1 layout for 2 panels is refused");
}


/* ---- raw figures ---------------------------------------------------------- */

/* Position of needle in the file, or -1. */
int main(void)
{
    if (!plotcheck_setup("t_plot")) return tap_done();
    make_data();
    test_basic();
    test_rerun();
    test_log_and_nonfinite();
    test_labels();
    test_empty();
    test_bad_style();
    test_batch();
    test_no_gnuplot();
    test_invalid();
    test_multi();
    if (getenv("AMOR_TEST_KEEP")) tap_diag("kept %s", tmp);
    else pt_remove_tree(tmp);
    return tap_done();
}
