/*
 * t_vae.c -- TAP tests of the `vae` problem on small IDX fixture files the
 * test writes into a temporary directory: the IDX reader's errors (missing
 * file naming the path and the Debian package, bad magic, wrong sizes,
 * truncated data, trailing bytes), gradients against central differences
 * in the fixed-noise mode, batched = single, the objective against an
 * independent formula, aux, sampling, and the decoder cache (reused,
 * reproducible from its seed, rebuilt when damaged).  Run from the
 * repository root.
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

/* Image i: a Gaussian blob whose centre and width depend on i, as bytes. */
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
}

/* Write an IDX image file: n images of rows x cols, with the given magic,
 * `data` bytes of pixel data (count may differ from n rows cols: truncated
 * or trailing).  Plain bytes (zlib reads plain files as well as gzip). */
static void write_idx(const char *name, uint32_t magic, uint32_t n, uint32_t rows,
                      uint32_t cols, size_t data)
{
    char path[512];
    uint32_t head[4] = {magic, n, rows, cols};
    unsigned char img[NPIX];
    size_t k, written = 0, i = 0;
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
               "truncated training file: found when the decoder is trained");
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

static void test_sample(pt_prob *v)
{
    enum { N = 50 };
    double x[N * NPIX];
    unsigned char img[NPIX];
    size_t i, j, m, matched = 0;
    int ok = 1;
    char err[512];
    amor_rng r;
    amor_rng_seed(&r, 3);
    pt_must(v->d.sample(v->inst, &r, N, x, err, sizeof err), "sample", err);
    for (i = 0; i < N; i++) {
        for (j = 0; j < NPIX; j++) {
            double b = x[i * NPIX + j] * 255.0;
            if (!(b >= 0 && b <= 255 && fabs(b - round(b)) < 1e-9)) ok = 0;
        }
        for (m = 0; m < NTEST; m++) { /* split = test: one of the test images */
            blob_image(img, m);
            for (j = 0; j < NPIX && fabs(x[i * NPIX + j] * 255.0 - img[j]) < 1e-9; j++) {}
            if (j == NPIX) {
                matched++;
                break;
            }
        }
    }
    tap_ok(ok, "sample: pixels are bytes / 255 in [0, 1]");
    tap_ok(matched == N, "sample: every context is one of the split's images (%zu of %d)",
           matched, N);
}

/* split = train draws from the training images (fixture images 0 .. 95;
 * the test file holds 0 .. 23). */
static void test_split_train(void)
{
    enum { N = 100 };
    pt_prob v;
    double *x = pt_dalloc((size_t)N * NPIX);
    unsigned char img[NPIX];
    size_t i, j, m, beyond = 0, unmatched = 0;
    char err[1024];
    amor_rng r;
    pt_must(vae_open(&v, err, sizeof err, "split", "train", NULL), "create", err);
    amor_rng_seed(&r, 4);
    pt_must(v.d.sample(v.inst, &r, N, x, err, sizeof err), "sample", err);
    for (i = 0; i < N; i++) {
        for (m = 0; m < NTRAIN; m++) {
            blob_image(img, m);
            for (j = 0; j < NPIX && fabs(x[i * NPIX + j] * 255.0 - img[j]) < 1e-9; j++) {}
            if (j == NPIX) break;
        }
        if (m == NTRAIN) unmatched++;
        else if (m >= NTEST) beyond++;
    }
    tap_ok(unmatched == 0 && beyond > N / 2,
           "split = train: contexts are training images (%zu of %d beyond the test set's, "
           "%zu unmatched)", beyond, N, unmatched);
    pt_prob_close(&v);
    free(x);
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
    test_split_train();
    test_noise_modes();
    test_cache();
    pt_remove_tree(tmp);
    return tap_done();
}
