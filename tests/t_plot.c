/*
 * t_plot.c -- the gnuplot figure writer: script + PNG + SVG written
 * atomically, the script reruns from any working directory, awkward data and
 * labels render, and failures (bad style, no gnuplot) are reported, not
 * printed, without clobbering good images.  Set AMOR_TEST_KEEP=1 to keep the
 * temp directory for a look at the figures.
 */
#include "plot.h"
#include "tap.h"
#include "plugtest.h" /* pt_remove_tree; this program loads no plugin */

#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TEST(cond, ...) tap_ok((cond), __VA_ARGS__)

static char tmp[256];  /* the temp dir */
static char buf[8192]; /* scratch path / command */

static const char *at(const char *name)
{
    snprintf(buf, sizeof buf, "%s/%s", tmp, name);
    return buf;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Whole file as a NUL-terminated string (caller frees), or NULL. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *s = NULL;
    long n;
    if (!f) return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (s = malloc((size_t)n + 1))) {
        size_t got = fread(s, 1, (size_t)n, f);
        s[got] = '\0';
        if (len) *len = got;
    }
    fclose(f);
    return s;
}

static int file_contains(const char *path, const char *needle)
{
    char *s = slurp(path, NULL);
    int ok = s && strstr(s, needle) != NULL;
    if (!ok) tap_diag("%s does not contain: %s", path, needle);
    free(s);
    return ok;
}

static int file_contains_quiet(const char *path, const char *needle)
{
    char *s = slurp(path, NULL);
    int ok = s && strstr(s, needle) != NULL;
    free(s);
    return ok;
}

static int is_png(const char *path)
{
    static const unsigned char magic[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    size_t len = 0;
    char *s = slurp(path, &len);
    int ok = s && len > 8 && memcmp(s, magic, 8) == 0;
    free(s);
    return ok;
}

/* Width and height from the PNG's IHDR chunk (bytes 16..23), or -1. */
static void png_size(const char *path, double *w, double *h)
{
    size_t len = 0;
    unsigned char *s = (unsigned char *)slurp(path, &len);
    *w = *h = -1;
    if (s && len >= 24) {
        *w = (double)((unsigned long)s[16] << 24 | s[17] << 16 | s[18] << 8 | s[19]);
        *h = (double)((unsigned long)s[20] << 24 | s[21] << 16 | s[22] << 8 | s[23]);
    }
    free(s);
}

/* Files in dir whose name ends in suffix. */
static int count_suffix(const char *dir, const char *suffix)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    size_t ls = strlen(suffix);
    if (!d) return -1;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l >= ls && strcmp(e->d_name + l - ls, suffix) == 0) n++;
    }
    closedir(d);
    return n;
}

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
static void rerun(const char *cwd, const char *stem, const char *cmd, const char *what)
{
    char png[512], svg[512];
    int before = count_suffix(cwd, ".png") + count_suffix(cwd, ".svg");
    snprintf(png, sizeof png, "%s/%s.png", tmp, stem);
    snprintf(svg, sizeof svg, "%s/%s.svg", tmp, stem);
    unlink(png);
    unlink(svg);
    int rc = system(cmd);
    if (!TEST(rc == 0 && is_png(png) && file_contains(svg, "<svg"),
              "rerun %s regenerates %s.png and %s.svg beside the script", what, stem,
              stem))
        tap_diag("command: %s (status %d)", cmd, rc);
    if (strcmp(cwd, tmp) != 0)
        TEST(count_suffix(cwd, ".png") + count_suffix(cwd, ".svg") == before,
             "rerun %s writes nothing into the working directory", what);
    TEST(count_suffix(tmp, ".tmp") == 0, "rerun %s leaves no *.tmp files", what);
}

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

int main(void)
{
    snprintf(tmp, sizeof tmp, "/tmp/amor_t_plot.XXXXXX");
    if (system("command -v gnuplot >/dev/null 2>&1") != 0)
        tap_skip_all("gnuplot not installed (Debian package gnuplot-nox)");
    if (!mkdtemp(tmp)) {
        tap_ok(0, "mkdtemp: %s", strerror(errno));
        return tap_done();
    }
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
    test_raw();
    test_raw_rgbimage();
    test_raw_errors();
    test_bars();
    test_bars_missing();
    test_bars_logy();
    test_bars_invalid();
    if (getenv("AMOR_TEST_KEEP")) tap_diag("kept %s", tmp);
    else pt_remove_tree(tmp);
    return tap_done();
}
