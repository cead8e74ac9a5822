/*
 * t_vae.c -- TAP tests of the `vae` problem on small IDX fixture files the
 * test writes into a temporary directory: the IDX reader's errors (missing
 * file naming the path and the Debian package, bad magic, wrong sizes,
 * truncated data, trailing bytes), gradients against central differences
 * in the fixed-noise mode, batched = single, the objective against an
 * independent formula, aux, the splits (training contexts from the training
 * file, held-out ones from the test file, each covering its file, no
 * held-out context equal to a training context; heldout = train), and the
 * decoder cache (reused, reproducible from its seed, rebuilt when damaged,
 * keyed by the images; the decoder never learns from a test image).  Run
 * from the repository root.
 */
#include "tap.h"
#include "plugtest.h"

#include <dirent.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NPIX 784
#define NTRAIN 96
#define NTEST 24
#define FD_H 1e-5     /* central-difference step on y */
#define FD_RTOL 1e-6  /* allowed FD error relative to max(1, |g|_inf): the
                         truncation error h^2 f''' ~ 1e-8 and rounding
                         1e-16 |f| / h ~ 1e-9 at |f| ~ 500 are far below */
#define HVP_H 1e-6    /* step of the central difference of gradients: small,
                         so it rarely crosses a kink of the ReLU decoder
                         (where gradients jump); the points are fixed */
#define HVP_RTOL 1e-5 /* rounding 1e-16 |g| / h ~ 1e-8 |g| */

static char tmp[256]; /* the temporary directory */

/* ------------------------------------------------------------------------ */
/* Fixture files                                                            */

#define TEST0 1000 /* image numbers of the test file: TEST0 + 0 .. NTEST - 1 */

/* Written into every fixture image: another value gives files of the same
 * sizes with other pixels. */
static unsigned char variant;

/* Image i: a Gaussian blob whose centre and width depend on i, as bytes;
 * its first two pixels spell i (the blobs alone repeat every 80 images)
 * and the third is `variant`, so the two files share no image. */
static void blob_image(unsigned char *px, size_t i)
{
    double cy = 6 + (double)((i * 7) % 16), cx = 6 + (double)((i * 11) % 16);
    double s = 2.0 + (double)(i % 5);
    size_t r, c;
    for (r = 0; r < 28; r++)
        for (c = 0; c < 28; c++) {
            double d2 = ((double)r - cy) * ((double)r - cy) + ((double)c - cx) * ((double)c - cx);
            px[r * 28 + c] = (unsigned char)lround(255.0 * exp(-d2 / (2 * s * s)));
        }
    px[0] = (unsigned char)(i & 255);
    px[1] = (unsigned char)(i >> 8);
    px[2] = variant;
}

/* Write an IDX image file: n images of rows x cols, with the given magic,
 * `data` bytes of pixel data (count may differ from n rows cols: truncated
 * or trailing), images 0, 1, ... in the training file and TEST0, TEST0 + 1,
 * ... in the test file (t10k-*).  Plain bytes (zlib reads plain files as
 * well as gzip). */
static void write_idx(const char *name, uint32_t magic, uint32_t n, uint32_t rows,
                      uint32_t cols, size_t data)
{
    char path[512];
    uint32_t head[4] = {magic, n, rows, cols};
    unsigned char img[NPIX];
    size_t k, written = 0, i = strncmp(name, "t10k", 4) ? 0 : TEST0;
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", tmp, name);
    f = fopen(path, "wb");
    if (!f) {
        printf("Bail out! cannot write %s\n", path);
        exit(1);
    }
    for (k = 0; k < 4; k++) {
        unsigned char b[4] = {(unsigned char)(head[k] >> 24), (unsigned char)(head[k] >> 16),
                              (unsigned char)(head[k] >> 8), (unsigned char)head[k]};
        fwrite(b, 1, 4, f);
    }
    while (written < data) {
        size_t m = data - written < NPIX ? data - written : NPIX;
        blob_image(img, i++);
        fwrite(img, 1, m, f);
        written += m;
    }
    fclose(f);
}

static void good_files(void)
{
    mkdir(tmp, 0700);
    write_idx("train-images-idx3-ubyte.gz", 0x803, NTRAIN, 28, 28, (size_t)NTRAIN * NPIX);
    write_idx("t10k-images-idx3-ubyte.gz", 0x803, NTEST, 28, 28, (size_t)NTEST * NPIX);
}

/* The one file in dir whose name starts with prefix (into out); count. */
static int find_file(const char *dir, const char *prefix, char *out, size_t len)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    if (!d) return 0;
    while ((e = readdir(d)))
        if (!strncmp(e->d_name, prefix, strlen(prefix))) {
            snprintf(out, len, "%s/%s", dir, e->d_name);
            n++;
        }
    closedir(d);
    return n;
}

/* The start of file path as a string in text (empty if it cannot be read). */
static void read_text(const char *path, char *text, size_t size)
{
    FILE *fp = fopen(path, "r");
    size_t len = fp ? fread(text, 1, size - 1, fp) : 0;
    text[len] = 0;
    if (fp) fclose(fp);
}

/* ------------------------------------------------------------------------ */
/* Instances                                                                */

/* Create vae on the fixture directory with a small architecture and budget,
 * plus NULL-terminated (name, value text) overrides; returns the status,
 * message in err. */
static int vae_open(pt_prob *v, char *err, size_t errlen, ...)
{
    static const int64_t enc[] = {64}, dec[] = {32, 48};
    char cache[512];
    pt_setting set[16] = {PT_STR("data_dir", tmp), PT_STR("cache_dir", cache),
                          PT_LIST("encoder_hidden", enc), PT_LIST("decoder_hidden", dec),
                          PT_INT("latent", 3), PT_INT("decoder_epochs", 3),
                          PT_INT("decoder_batch", 16)};
    size_t n = 7;
    const char *name;
    va_list ap;
    snprintf(cache, sizeof cache, "%s/cache", tmp);
    va_start(ap, errlen);
    while ((name = va_arg(ap, const char *)) != NULL) {
        pt_setting s = PT_TEXT(name, va_arg(ap, const char *));
        if (n == PT_LEN(set)) pt_must(1, "vae_open", "too many parameters");
        set[n++] = s;
    }
    va_end(ap);
    return pt_prob_make(v, pt_problem("vae"), set, n, err, errlen);
}

/* Contexts from sample() and points y = (mu, v) with mu ~ N(0, 1),
 * v ~ U(-3, 1). */
static void points(pt_prob *v, size_t n, uint64_t seed, double *x, double *y)
{
    size_t nx, ny, i, k;
    char err[512];
    amor_rng r;
    v->d.dims(v->inst, &nx, &ny);
    amor_rng_seed(&r, seed);
    pt_must(v->d.sample(v->inst, &r, n, x, err, sizeof err), "sample", err);
    for (i = 0; i < n; i++)
        for (k = 0; k < ny; k++)
            y[i * ny + k] = k < ny / 2 ? amor_rng_normal(&r) : amor_rng_range(&r, -3, 1);
}

/* ------------------------------------------------------------------------ */
/* Checks                                                                   */

static void test_errors(void)
{
    pt_prob v;
    char err[2048], path[512];
    int rc;

    snprintf(path, sizeof path, "%s/t10k-images-idx3-ubyte.gz", tmp);
    rc = vae_open(&v, err, sizeof err, "data_dir", "/nonexistent/fashion", NULL);
    tap_ok(rc == AMOR_EDATA && strstr(err, "/nonexistent/fashion/train-images-idx3-ubyte.gz") &&
               strstr(err, "dataset-fashion-mnist"),
           "missing data: the error names the path and the Debian package");
    tap_diag("message: %s", err);

    good_files();
    remove(path);
    rc = vae_open(&v, err, sizeof err, NULL);
    tap_ok(rc == AMOR_EDATA && strstr(err, path) && strstr(err, "dataset-fashion-mnist"),
           "missing test file: the error names it and the package");

    /* a FIFO in the data file's place is refused, not read (it would block) */
    tap_ok(mkfifo(path, 0600) == 0, "a FIFO in place of the test images");
    rc = vae_open(&v, err, sizeof err, NULL);
    tap_ok(rc == AMOR_EDATA && strstr(err, path) && strstr(err, "not a regular file"),
           "a FIFO as data file: refused, the error names it");
    tap_diag("message: %s", err);
    remove(path);

    write_idx("t10k-images-idx3-ubyte.gz", 0x801, NTEST, 28, 28, (size_t)NTEST * NPIX);
    rc = vae_open(&v, err, sizeof err, NULL);
    tap_ok(rc == AMOR_EDATA && strstr(err, path) && strstr(err, "'magic'") &&
               strstr(err, "0x00000801"),
           "bad magic: the error names the file and the field");
    tap_diag("message: %s", err);

    write_idx("t10k-images-idx3-ubyte.gz", 0x803, NTEST, 27, 28, (size_t)NTEST * 27 * 28);
    rc = vae_open(&v, err, sizeof err, NULL);
    tap_ok(rc == AMOR_EDATA && strstr(err, path) && strstr(err, "'rows'") && strstr(err, "27"),
           "wrong image size: the error names the file, the field and the value");
    tap_diag("message: %s", err);

    write_idx("t10k-images-idx3-ubyte.gz", 0x803, NTEST, 28, 28, (size_t)(NTEST - 1) * NPIX + 5);
    rc = vae_open(&v, err, sizeof err, NULL);
    tap_ok(rc == AMOR_EDATA && strstr(err, path) && strstr(err, "truncated") &&
               strstr(err, "24 x 28 x 28"),
           "truncated data: the error names the file and the header's shape");
    tap_diag("message: %s", err);

    write_idx("t10k-images-idx3-ubyte.gz", 0x803, NTEST, 28, 28, 0);
    rc = vae_open(&v, err, sizeof err, NULL);
    tap_ok(rc == AMOR_EDATA && strstr(err, "truncated data: 0 of"),
           "header without data: truncated");

    /* a tiny file whose header promises 47 MB: refused before allocating */
    write_idx("t10k-images-idx3-ubyte.gz", 0x803, 60000, 28, 28, 0);
    rc = vae_open(&v, err, sizeof err, NULL);
    tap_ok(rc == AMOR_EDATA && strstr(err, path) &&
               strstr(err, "the header says 60000 x 28 x 28 (47040000 bytes), more than a"),
           "a header promising more than the file can hold is refused before allocating");
    tap_diag("message: %s", err);

    write_idx("t10k-images-idx3-ubyte.gz", 0x803, 2, 28, 28, 3 * NPIX);
    rc = vae_open(&v, err, sizeof err, NULL);
    tap_ok(rc == AMOR_EDATA && strstr(err, path) && strstr(err, "trailing"),
           "more data than the header says: trailing bytes");

    write_idx("t10k-images-idx3-ubyte.gz", 0x803, NTEST, 28, 28, (size_t)NTEST * NPIX);
    {
        char p2[512];
        snprintf(p2, sizeof p2, "%s/train-images-idx3-ubyte.gz", tmp);
        write_idx("train-images-idx3-ubyte.gz", 0x803, NTRAIN, 28, 28, 10);
        rc = vae_open(&v, err, sizeof err, NULL);
        tap_ok(rc == AMOR_EDATA && strstr(err, p2) && strstr(err, "truncated"),
               "truncated training file: refused, naming it (it is read on every create)");
    }
    good_files();
    rc = vae_open(&v, err, sizeof err, "train_images", "1000", NULL);
    tap_ok(rc == AMOR_EINVAL && strstr(err, "train_images") && strstr(err, "96"),
           "train_images beyond the file: the error names the parameter and the count");
    pt_prob_close(&v);
}

static void test_calculus(pt_prob *v)
{
    enum { N = 4 };
    size_t nx, ny, i, k;
    double *x, *y, *f, *fg, *g, *fd, worst = 0, worst_fd = 0;
    char err[512];
    double *dir, *dir2, *hv, *hv2, *gs_, worst_h = 0, worst_sym = 0;
    pt_row fc = {v, NULL, 0, NULL};
    v->d.dims(v->inst, &nx, &ny);
    tap_ok(nx == NPIX && ny == 6, "dims: nx 784, ny 2 latent = 6 (got %zu, %zu)", nx, ny);
    x = pt_dalloc(N * nx), y = pt_dalloc(N * ny), f = pt_dalloc(N), fg = pt_dalloc(N);
    g = pt_dalloc(N * ny), fd = pt_dalloc(ny);
    dir = pt_dalloc(N * ny), dir2 = pt_dalloc(N * ny), hv = pt_dalloc(N * ny);
    hv2 = pt_dalloc(N * ny);
    gs_ = pt_dalloc(ny);
    fc.g = gs_;
    points(v, N, 11, x, y);
    {
        amor_rng r;
        amor_rng_seed(&r, 99);
        for (i = 0; i < N * ny; i++) dir[i] = amor_rng_normal(&r), dir2[i] = amor_rng_normal(&r);
    }
    pt_must(v->d.hvp(v->inst, N, x, y, dir, hv, err, sizeof err), "hvp", err);
    pt_must(v->d.hvp(v->inst, N, x, y, dir2, hv2, err, sizeof err), "hvp", err);
    pt_must(v->d.value(v->inst, N, x, y, f, err, sizeof err), "value", err);
    pt_must(v->d.value_grad(v->inst, N, x, y, fg, g, err, sizeof err), "value_grad", err);
    for (i = 0; i < N; i++) {
        double gs = fmax(1.0, pt_max_abs(g + i * ny, ny));
        if (f[i] != fg[i]) worst = INFINITY;
        fc.x = x + i * nx;
        pt_fd_grad(pt_row_value, &fc, y + i * ny, ny, FD_H, fd);
        for (k = 0; k < ny; k++) pt_worsen(&worst_fd, fabs(fd[k] - g[i * ny + k]) / gs);
        {
            double hs = fmax(1.0, pt_max_abs(hv + i * ny, ny)), a = 0, b = 0;
            for (k = 0; k < ny; k++) {
                fc.comp = k;
                pt_worsen(&worst_h, fabs(pt_fd_dir(pt_row_grad, &fc, y + i * ny, dir + i * ny,
                                                   ny, HVP_H) - hv[i * ny + k]) / hs);
                a += dir2[i * ny + k] * hv[i * ny + k];
                b += dir[i * ny + k] * hv2[i * ny + k];
            }
            pt_worsen(&worst_sym, fabs(a - b) / fmax(1, fabs(a)));
        }
    }
    tap_ok(worst == 0, "value_grad's f equals value's f exactly");
    if (!tap_ok(worst_h <= HVP_RTOL,
                "hvp matches central differences of the gradient (h %g, err <= %g max(1, |Hv|))",
                HVP_H, HVP_RTOL))
        tap_diag("got: worst relative error %.3g  want: <= %g", worst_h, HVP_RTOL);
    if (!tap_ok(worst_sym <= 1e-10, "hvp is symmetric: u'(Hv) = v'(Hu)"))
        tap_diag("got: worst relative asymmetry %.3g  want: <= 1e-10", worst_sym);
    if (!tap_ok(worst_fd <= FD_RTOL,
                "fixed noise: gradient matches central differences (h %g, err <= %g max(1, |g|))",
                FD_H, FD_RTOL))
        tap_diag("got: worst relative error %.3g  want: <= %g", worst_fd, FD_RTOL);
    {
        double f2[N];
        pt_must(v->d.value(v->inst, N, x, y, f2, err, sizeof err), "value", err);
        tap_ok(!memcmp(f, f2, sizeof f2), "fixed noise: repeated calls give identical values");
    }
    free(x), free(y), free(f), free(fg), free(g), free(fd);
    free(dir), free(dir2), free(hv), free(hv2), free(gs_);
}

/* One batched call against single-row calls (value and gradient). */
static void test_batch(pt_prob *v, size_t n, const char *what)
{
    size_t nx, ny, i;
    double *x, *y, *f, *g, f1, *g1, worst = 0;
    char err[512];
    v->d.dims(v->inst, &nx, &ny);
    x = pt_dalloc(n * nx), y = pt_dalloc(n * ny), f = pt_dalloc(n), g = pt_dalloc(n * ny);
    g1 = pt_dalloc(ny);
    points(v, n, 23, x, y);
    pt_must(v->d.value_grad(v->inst, n, x, y, f, g, err, sizeof err), "value_grad", err);
    for (i = 0; i < n; i++) {
        size_t k;
        pt_must(v->d.value_grad(v->inst, 1, x + i * nx, y + i * ny, &f1, g1, err, sizeof err),
                "value_grad", err);
        worst = fmax(worst, fabs(f1 - f[i]) / fmax(1, fabs(f1)));
        for (k = 0; k < ny; k++)
            worst = fmax(worst, fabs(g1[k] - g[i * ny + k]) / fmax(1, fabs(g1[k])));
        if (isnan(f[i])) worst = INFINITY;
    }
    /* BLAS may sum a row's products in another order for another batch
     * size; anything beyond rounding would be a bookkeeping bug */
    if (!tap_ok(worst <= 1e-12, "%s: batch of %zu equals single-row calls", what, n))
        tap_diag("got: worst relative difference %.3g  want: <= 1e-12", worst);
    free(x), free(y), free(f), free(g), free(g1);
}

/* With sigma -> 0, f = BCE(x, aux(mu)) + KL, computed here independently. */
static void test_formula(pt_prob *v)
{
    enum { N = 3 };
    size_t nx, ny, i, j, k, L;
    double x[N * NPIX], y[N * 6], f[N], img[N * NPIX], worst = 0;
    int in01 = 1;
    char err[512];
    v->d.dims(v->inst, &nx, &ny);
    L = ny / 2;
    points(v, N, 5, x, y);
    for (i = 0; i < N; i++)
        for (k = 0; k < L; k++) y[i * ny + L + k] = -40; /* sigma = e^-20 */
    pt_must(v->d.value(v->inst, N, x, y, f, err, sizeof err), "value", err);
    tap_ok(v->d.aux && v->d.aux_dim(v->inst) == NPIX, "aux: 784 values (a decoded image)");
    pt_must(v->d.aux(v->inst, N, x, y, img, err, sizeof err), "aux", err);
    for (i = 0; i < N; i++) {
        double want = 0;
        for (j = 0; j < NPIX; j++) {
            double p = img[i * NPIX + j], xv = x[i * NPIX + j];
            if (!(p > 0 && p < 1)) in01 = 0;
            want -= xv * log(p) + (1 - xv) * log1p(-p);
        }
        for (k = 0; k < L; k++) {
            double mu = y[i * ny + k], lv = y[i * ny + L + k];
            want += 0.5 * (mu * mu + exp(lv) - 1 - lv);
        }
        worst = fmax(worst, fabs(f[i] - want) / fabs(want));
    }
    tap_ok(in01, "aux: decoded means lie in (0, 1)");
    if (!tap_ok(worst <= 1e-9, "f at sigma = e^-20 equals BCE(x, aux(mu)) + KL"))
        tap_diag("got: worst relative error %.3g  want: <= 1e-9", worst);
}

/* The number of the fixture image (0 .. NTRAIN - 1 in the training file,
 * TEST0 .. TEST0 + NTEST - 1 in the test file) whose pixels / 255 row x is,
 * or -1. */
static long image_of(const double *x)
{
    static unsigned char img[NTRAIN + NTEST][NPIX];
    static int made;
    size_t m, j;
    if (!made) {
        for (m = 0; m < NTRAIN + NTEST; m++) blob_image(img[m], m < NTRAIN ? m : TEST0 + m - NTRAIN);
        made = 1;
    }
    for (m = 0; m < NTRAIN + NTEST; m++) {
        for (j = 0; j < NPIX && fabs(x[j] * 255.0 - img[m][j]) < 1e-9; j++) {}
        if (j == NPIX) return m < NTRAIN ? (long)m : (long)(TEST0 + m - NTRAIN);
    }
    return -1;
}

static void test_sample(pt_prob *v)
{
    enum { N = 50 };
    double x[N * NPIX];
    size_t i, j, matched = 0;
    int ok = 1;
    char err[512];
    amor_rng r;
    amor_rng_seed(&r, 3);
    pt_must(v->d.sample(v->inst, &r, N, x, err, sizeof err), "sample", err);
    for (i = 0; i < N; i++) {
        long m = image_of(x + i * NPIX);
        for (j = 0; j < NPIX; j++) {
            double b = x[i * NPIX + j] * 255.0;
            if (!(b >= 0 && b <= 255 && fabs(b - round(b)) < 1e-9)) ok = 0;
        }
        matched += m >= 0 && m < NTRAIN;
    }
    tap_ok(ok, "sample: pixels are bytes / 255 in [0, 1]");
    tap_ok(matched == N, "sample: every context is one of the training images (%zu of %d)",
           matched, N);
}

/* Draw n contexts of a split (seed) and count, per fixture image, how often
 * it came up: seen[m] for training image m, seen[NTRAIN + k] for test image
 * TEST0 + k; *unmatched: rows that are no fixture image.  x: (n, NPIX). */
static void split_draw(pt_prob *v, uint32_t split, uint64_t seed, size_t n, double *x,
                       size_t seen[NTRAIN + NTEST], size_t *unmatched)
{
    char err[512];
    size_t i;
    amor_rng r;
    amor_rng_seed(&r, seed);
    pt_must(v->d.sample_split(v->inst, &r, split, n, x, err, sizeof err), "sample_split", err);
    memset(seen, 0, (NTRAIN + NTEST) * sizeof *seen);
    *unmatched = 0;
    for (i = 0; i < n; i++) {
        long m = image_of(x + i * NPIX);
        if (m < 0) ++*unmatched;
        else seen[m < NTRAIN ? (size_t)m : (size_t)(NTRAIN + m - TEST0)]++;
    }
}

/* How many of seen[lo .. hi) are non-zero. */
static size_t count_seen(const size_t *seen, size_t lo, size_t hi)
{
    size_t k, c = 0;
    for (k = lo; k < hi; k++) c += seen[k] > 0;
    return c;
}

/* The splits: training contexts come from the training file, held-out ones
 * from the test file, and no held-out context equals a training context.
 * Enough draws that every image of a file comes up (a given one is missed
 * with probability (1 - 1/96)^5000 < 1e-22), so the index sets are seen to
 * cover each file; the seeds are fixed. */
static void test_splits(void)
{
    enum { NT = 5000, NH = 2000 };
    pt_prob v;
    double *xt = pt_dalloc((size_t)NT * NPIX), *xh = pt_dalloc((size_t)NH * NPIX);
    double *xs = pt_dalloc((size_t)NT * NPIX), *distinct[NTRAIN];
    size_t seen_t[NTRAIN + NTEST], seen_h[NTRAIN + NTEST], bad_t, bad_h, i, k, nd = 0, equal = 0;
    char err[1024];
    amor_rng r;
    int rc;

    pt_must(vae_open(&v, err, sizeof err, NULL), "create", err);
    if (!tap_ok(v.d.sample_split != NULL, "vae provides sample_split")) {
        pt_prob_close(&v);
        free(xt), free(xh), free(xs);
        return;
    }
    split_draw(&v, AMOR_SPLIT_TRAIN, 41, NT, xt, seen_t, &bad_t);
    split_draw(&v, AMOR_SPLIT_HELDOUT, 42, NH, xh, seen_h, &bad_h);
    tap_ok(bad_t == 0 && count_seen(seen_t, 0, NTRAIN) == NTRAIN &&
               count_seen(seen_t, NTRAIN, NTRAIN + NTEST) == 0,
           "train split: %d contexts, each a training image, all %d of them and no test image "
           "(%zu training, %zu test images, %zu unmatched)", NT, NTRAIN,
           count_seen(seen_t, 0, NTRAIN), count_seen(seen_t, NTRAIN, NTRAIN + NTEST), bad_t);
    tap_ok(bad_h == 0 && count_seen(seen_h, NTRAIN, NTRAIN + NTEST) == NTEST &&
               count_seen(seen_h, 0, NTRAIN) == 0,
           "held-out split: %d contexts, each a test image, all %d of them and no training image "
           "(%zu test, %zu training images, %zu unmatched)", NH, NTEST,
           count_seen(seen_h, NTRAIN, NTRAIN + NTEST), count_seen(seen_h, 0, NTRAIN), bad_h);
    /* the rows themselves, not through image_of: no held-out context is
     * bit for bit equal to any training context */
    for (i = 0; i < NT; i++) {
        for (k = 0; k < nd && memcmp(distinct[k], xt + i * NPIX, NPIX * sizeof(double)); k++) {}
        if (k == nd && nd < NTRAIN) distinct[nd++] = xt + i * NPIX;
    }
    for (i = 0; i < NH; i++)
        for (k = 0; k < nd; k++) equal += !memcmp(distinct[k], xh + i * NPIX, NPIX * sizeof(double));
    tap_ok(nd == NTRAIN && equal == 0,
           "no held-out context equals a training context (%zu distinct training rows, %zu equal)",
           nd, equal);

    amor_rng_seed(&r, 41);
    pt_must(v.d.sample(v.inst, &r, NT, xs, err, sizeof err), "sample", err);
    tap_ok(!memcmp(xs, xt, (size_t)NT * NPIX * sizeof(double)),
           "sample draws the train split: the same contexts as sample_split(TRAIN) from the same rng");
    amor_rng_seed(&r, 1);
    rc = v.d.sample_split(v.inst, &r, 7, 1, xs, err, sizeof err);
    tap_ok(rc == AMOR_EINVAL &&
               !strcmp(err, "vae: unknown split 7 (want AMOR_SPLIT_TRAIN 0 or AMOR_SPLIT_HELDOUT 1)"),
           "an unknown split is refused with a message naming it");
    tap_diag("message: %s", err);
    pt_prob_close(&v);

    /* the decoder trains on the first 50 images; the train split is still
     * the whole training file */
    pt_must(vae_open(&v, err, sizeof err, "train_images", "50", NULL), "create", err);
    split_draw(&v, AMOR_SPLIT_TRAIN, 41, NT, xt, seen_t, &bad_t);
    tap_ok(bad_t == 0 && count_seen(seen_t, 0, NTRAIN) == NTRAIN,
           "train_images = 50: the train split still draws all %d training images (%zu)", NTRAIN,
           count_seen(seen_t, 0, NTRAIN));
    pt_prob_close(&v);

    /* heldout = train: the overfitting check evaluates on training images */
    pt_must(vae_open(&v, err, sizeof err, "heldout", "train", NULL), "create", err);
    split_draw(&v, AMOR_SPLIT_HELDOUT, 42, NH, xh, seen_h, &bad_h);
    tap_ok(bad_h == 0 && count_seen(seen_h, 0, NTRAIN) == NTRAIN &&
               count_seen(seen_h, NTRAIN, NTRAIN + NTEST) == 0,
           "heldout = train: held-out contexts are the training images, all of them, no test "
           "image (%zu training, %zu test)", count_seen(seen_h, 0, NTRAIN),
           count_seen(seen_h, NTRAIN, NTRAIN + NTEST));
    split_draw(&v, AMOR_SPLIT_TRAIN, 41, NT, xs, seen_t, &bad_t);
    amor_rng_seed(&r, 41);
    tap_ok(!memcmp(xs, xt, (size_t)NT * NPIX * sizeof(double)),
           "heldout = train leaves the train split as it is");
    pt_prob_close(&v);
    {
        params_set ps = pt_params(&pt_problem("vae")->head);
        rc = params_set_text(&ps, "heldout", "validation", err, sizeof err);
        tap_ok(rc == AMOR_EINVAL && !strcmp(err, "parameter 'heldout' of problem 'vae' must be "
                                                 "one of test|train, got 'validation'"),
               "heldout = validation is refused, naming the parameter, the choices and the value");
        tap_diag("message: %s", err);
        rc = params_set_text(&ps, "split", "test", err, sizeof err);
        tap_ok(rc == AMOR_EINVAL && strstr(err, "unknown parameter 'split' for problem 'vae'"),
               "the former parameter 'split' is gone (heldout replaces it)");
        params_free(&ps);
    }
    free(xt), free(xh), free(xs);
}

static void test_noise_modes(void)
{
    enum { CALLS = 400 };
    pt_prob a, b;
    char err[1024];
    double x[NPIX * 2], y[12], f1[2], f2[2], fs[2], m = 0, m2 = 0, sd, tol;
    size_t c;
    pt_must(vae_open(&a, err, sizeof err, "noise", "fresh", NULL), "create fresh", err);
    points(&a, 2, 9, x, y);
    pt_must(a.d.value(a.inst, 2, x, y, f1, err, sizeof err), "value", err);
    pt_must(a.d.value(a.inst, 2, x, y, f2, err, sizeof err), "value", err);
    tap_ok(f1[0] != f2[0] && f1[1] != f2[1], "noise = fresh: new noise at every call");
    for (c = 0; c < CALLS; c++) {
        pt_must(a.d.value(a.inst, 1, x, y, f2, err, sizeof err), "value", err);
        m += f2[0];
        m2 += f2[0] * f2[0];
    }
    m /= CALLS;
    sd = sqrt((m2 / CALLS - m * m) * CALLS / (CALLS - 1));
    pt_prob_close(&a);
    pt_must(vae_open(&b, err, sizeof err, "samples", "400", NULL), "create", err);
    pt_must(b.d.value(b.inst, 1, x, y, fs, err, sizeof err), "value", err);
    pt_prob_close(&b);
    /* both estimate E_eps f: the 400-call mean and the 400-sample mean have
     * standard errors sd/20 each; 4 standard errors of their difference */
    tol = 4 * sd * sqrt(2.0 / CALLS);
    if (!tap_ok(sd > 0 && fabs(m - fs[0]) <= tol,
                "samples = 400 estimates the same expectation as 400 fresh single draws"))
        tap_diag("got: |%.6g - %.6g| = %.3g  want: <= %.3g (sd %.3g)", m, fs[0],
                 fabs(m - fs[0]), tol, sd);
    pt_must(vae_open(&a, err, sizeof err, NULL), "create", err);
    pt_must(vae_open(&b, err, sizeof err, "noise_seed", "7", NULL), "create", err);
    pt_must(a.d.value(a.inst, 2, x, y, f1, err, sizeof err), "value", err);
    pt_must(b.d.value(b.inst, 2, x, y, f2, err, sizeof err), "value", err);
    tap_ok(f1[0] != f2[0] && f1[1] != f2[1], "noise_seed changes the fixed noise");
    pt_prob_close(&a);
    pt_prob_close(&b);
}

static void test_cache(void)
{
    pt_prob a;
    char err[1024], cache_dir[512], file[1024], report[512], text[4096];
    double x[NPIX * 3], y[18], f0[3], f1[3];
    FILE *fp;
    snprintf(cache_dir, sizeof cache_dir, "%s/cache", tmp);
    snprintf(report, sizeof report, "%s/report.txt", tmp);
    pt_remove_tree(cache_dir);
    pt_must(vae_open(&a, err, sizeof err, "report", report, NULL), "create", err);
    points(&a, 3, 17, x, y);
    pt_must(a.d.value(a.inst, 3, x, y, f0, err, sizeof err), "value", err);
    pt_prob_close(&a);
    tap_ok(find_file(cache_dir, "vae-decoder-", file, sizeof file) == 1,
           "training leaves one decoder file in cache_dir");
    read_text(report, text, sizeof text);
    tap_ok(strstr(text, "cache: trained") && strstr(text, "heldout_nelbo: ") &&
               strstr(text, "train_images: 96") && strstr(text, "test_images: 24"),
           "report: trained, with the held-out -ELBO and the image counts");

    pt_must(vae_open(&a, err, sizeof err, "report", report, NULL), "create", err);
    pt_must(a.d.value(a.inst, 3, x, y, f1, err, sizeof err), "value", err);
    pt_prob_close(&a);
    read_text(report, text, sizeof text);
    tap_ok(strstr(text, "cache: hit") != NULL, "second create: the cache is hit");
    tap_ok(!memcmp(f0, f1, sizeof f0), "the cached decoder gives identical values");

    remove(file);
    pt_must(vae_open(&a, err, sizeof err, NULL), "create", err);
    pt_must(a.d.value(a.inst, 3, x, y, f1, err, sizeof err), "value", err);
    pt_prob_close(&a);
    tap_ok(!memcmp(f0, f1, sizeof f0), "retraining from an empty cache reproduces it bit for bit");

    fp = fopen(file, "r+b"); /* damage one stored parameter */
    if (fp) {
        fseek(fp, -100, SEEK_END);
        fputc(0x55, fp);
        fclose(fp);
    }
    pt_must(vae_open(&a, err, sizeof err, "report", report, NULL), "create", err);
    pt_must(a.d.value(a.inst, 3, x, y, f1, err, sizeof err), "value", err);
    pt_prob_close(&a);
    read_text(report, text, sizeof text);
    tap_ok(strstr(text, "cache: trained") && !memcmp(f0, f1, sizeof f0),
           "a damaged cache file is detected, retrained and replaced");

    pt_must(vae_open(&a, err, sizeof err, "decoder_seed", "2", NULL), "create", err);
    pt_must(a.d.value(a.inst, 3, x, y, f1, err, sizeof err), "value", err);
    pt_prob_close(&a);
    tap_ok(f0[0] != f1[0] && find_file(cache_dir, "vae-decoder-", file, sizeof file) == 2,
           "another decoder_seed is another decoder with its own cache file");

    /* Other test images, files of the same sizes: the key (which hashes the
     * images) changes, the decoder trained again is the same bit for bit --
     * it never learns from a test image -- and only its measured held-out
     * -ELBO moves. */
    {
        char before[4096], *p, *q;
        read_text(report, before, sizeof before); /* the damaged-cache retraining's */
        variant = 1;
        write_idx("t10k-images-idx3-ubyte.gz", 0x803, NTEST, 28, 28, (size_t)NTEST * NPIX);
        variant = 0;
        pt_must(vae_open(&a, err, sizeof err, "report", report, NULL), "create", err);
        pt_must(a.d.value(a.inst, 3, x, y, f1, err, sizeof err), "value", err);
        pt_prob_close(&a);
        read_text(report, text, sizeof text);
        p = strstr(before, "heldout_nelbo: ");
        q = strstr(text, "heldout_nelbo: ");
        tap_ok(strstr(text, "cache: trained") != NULL,
               "other test images of the same file size: the cache is not reused");
        tap_ok(!memcmp(f0, f1, sizeof f0) && p && q && strtod(p + 15, NULL) != strtod(q + 15, NULL),
               "the decoder is the same bit for bit (it never sees a test image); only the "
               "held-out -ELBO it reports changes");
        variant = 1;
        write_idx("train-images-idx3-ubyte.gz", 0x803, NTRAIN, 28, 28, (size_t)NTRAIN * NPIX);
        variant = 0;
        pt_must(vae_open(&a, err, sizeof err, "report", report, NULL), "create", err);
        pt_must(a.d.value(a.inst, 3, x, y, f1, err, sizeof err), "value", err);
        pt_prob_close(&a);
        read_text(report, text, sizeof text);
        tap_ok(strstr(text, "cache: trained") && f0[0] != f1[0],
               "other training images of the same file size: another decoder, trained anew");
        good_files();
    }
}

int main(void)
{
    pt_prob v;
    char err[1024];
    snprintf(tmp, sizeof tmp, "/tmp/amor-t_vae-XXXXXX");
    if (!mkdtemp(tmp)) {
        printf("Bail out! mkdtemp failed\n");
        return 1;
    }
    test_errors();
    good_files();
    pt_must(vae_open(&v, err, sizeof err, NULL), "create", err);
    test_calculus(&v);
    test_batch(&v, 5, "samples 1");
    test_formula(&v);
    test_sample(&v);
    pt_prob_close(&v);
    pt_must(vae_open(&v, err, sizeof err, "samples", "3", NULL), "create", err);
    test_batch(&v, 100, "samples 3, 300 rows over two chunks");
    test_calculus(&v);
    pt_prob_close(&v);
    test_splits();
    test_noise_modes();
    test_cache();
    pt_remove_tree(tmp);
    return tap_done();
}
