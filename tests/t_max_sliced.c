/*
 * t_max_sliced.c -- TAP tests of the `max_sliced` problem (-W_p between two
 * projected mini-batches): W_p against sorted differences, a brute-force
 * assignment LP and the quantile integral, the 1-D Gaussian closed form, the
 * one-point case, gradient and HVP against central differences, batching,
 * scale invariance, the projection, POT's emd2_1d (skipped without
 * python3-pot), Fashion-MNIST splits and classes, and bad input.
 * Run from the repository root.
 */
#include "tap.h"
#include "plugtest.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FD_H 1e-6      /* central-difference step, times |y| */
#define FD_RTOL 1e-6   /* FD error allowed, relative to max(1, |g|_inf) */
#define EXACT_RTOL 1e-12 /* two evaluations of one sum in a different order */
#define FASHION "/usr/share/datasets/fashion-mnist"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* proj (n) = X (n, d) u with u = th / |th|. */
static void project_rows(double *proj, const double *X, size_t n, size_t d, const double *th)
{
    size_t i, k;
    double r = 0.0;
    for (k = 0; k < d; k++) r += th[k] * th[k];
    r = sqrt(r);
    for (i = 0; i < n; i++) {
        double s = 0.0;
        for (k = 0; k < d; k++) s += X[i * d + k] * th[k] / r;
        proj[i] = s;
    }
}

/* The problem's f at one (x, y). */
static double f_at(const pt_prob *p, const double *x, const double *y)
{
    double f;
    char err[256];
    pt_must(p->d.value(p->inst, 1, x, y, &f, err, sizeof err), "value", err);
    return f;
}

/* A problem instance with n1, n2, d (gaussian), p and objective. */
static pt_prob open_ms(size_t n1, size_t n2, size_t d, double p, const char *objective)
{
    pt_setting set[] = {PT_INT("n1", (double)n1), PT_INT("n2", (double)n2),
                        PT_INT("dim", (double)d), PT_REAL("p", p), PT_STR("objective", objective)};
    return pt_prob_open("max_sliced", NULL, set, PT_LEN(set));
}

/* ------------------------------------------------------------------------ */
/* W_p against independent evaluations                                      */

/* Equal sizes: W_p^p = mean |sort(u'X) - sort(u'Y)|^p. */
static void check_equal_sizes(double p, const char *objective, uint64_t seed)
{
    size_t n = 9, d = 5, i, t;
    pt_prob pr = open_ms(n, n, d, p, objective);
    double *x = pt_dalloc(2 * n * d), y[5], u[9], v[9], worst = 0.0;
    int root = !strcmp(objective, "wp");
    amor_rng rng;
    amor_rng_seed(&rng, seed);
    for (t = 0; t < 20; t++) {
        double S = 0.0, want;
        pt_randn(x, 2 * n * d, 1.0, &rng);
        pt_randn(y, d, 3.0, &rng);
        project_rows(u, x, n, d, y);
        project_rows(v, x + n * d, n, d, y);
        qsort(u, n, sizeof *u, cmp_double);
        qsort(v, n, sizeof *v, cmp_double);
        for (i = 0; i < n; i++) S += pow(fabs(u[i] - v[i]), p) / (double)n;
        want = root ? -pow(S, 1.0 / p) : -S;
        pt_worsen(&worst, fabs(f_at(&pr, x, y) - want) / fabs(want));
    }
    if (!tap_ok(worst <= EXACT_RTOL, "n1 = n2 = 9, p = %g, objective %s: f = -(mean |sorted "
                "differences|^p)%s (20 contexts, |y| != 1)", p, objective, root ? "^(1/p)" : ""))
        tap_diag("got: worst relative error %.3g  want: <= %g", worst, EXACT_RTOL);
    free(x);
    pt_prob_close(&pr);
}

/* Brute-force LP for n1 n2 <= 8: split each x into n2 units and each y into
 * n1, so the coupling LP is an assignment problem on n1 n2 units (its
 * optimum is a permutation, Birkhoff); try every permutation. */
static double bf_best;
static void bf_perm(const double *a, const double *b, size_t m, double p, size_t *perm, size_t k,
                    double acc)
{
    size_t j;
    if (acc >= bf_best) return;
    if (k == m) {
        bf_best = acc;
        return;
    }
    for (j = k; j < m; j++) {
        size_t s = perm[k];
        perm[k] = perm[j], perm[j] = s;
        bf_perm(a, b, m, p, perm, k + 1, acc + pow(fabs(a[k] - b[perm[k]]), p));
        s = perm[k], perm[k] = perm[j], perm[j] = s;
    }
}

static double lp_brute(const double *u, size_t n1, const double *v, size_t n2, double p)
{
    size_t m = n1 * n2, k, perm[8];
    double a[8], b[8];
    for (k = 0; k < m; k++) a[k] = u[k / n2], b[k] = v[k / n1], perm[k] = k;
    bf_best = INFINITY;
    bf_perm(a, b, m, p, perm, 0, 0.0);
    return bf_best / (double)m;
}

static void check_unequal_brute(uint64_t seed)
{
    static const size_t sizes[][2] = {{2, 3}, {3, 2}, {1, 4}, {4, 2}, {1, 1}, {2, 4}};
    static const double ps[] = {1.0, 1.5, 2.0, 3.0};
    size_t s, q, t, d = 3;
    double worst = 0.0;
    amor_rng rng;
    amor_rng_seed(&rng, seed);
    for (s = 0; s < PT_LEN(sizes); s++)
        for (q = 0; q < PT_LEN(ps); q++) {
            size_t n1 = sizes[s][0], n2 = sizes[s][1];
            pt_prob pr = open_ms(n1, n2, d, ps[q], "wpp");
            double *x = pt_dalloc((n1 + n2) * d), y[3], u[8], v[8];
            for (t = 0; t < 5; t++) {
                double want;
                pt_randn(x, (n1 + n2) * d, 1.0, &rng);
                pt_randn(y, d, 1.0, &rng);
                project_rows(u, x, n1, d, y);
                project_rows(v, x + n1 * d, n2, d, y);
                want = -lp_brute(u, n1, v, n2, ps[q]);
                pt_worsen(&worst, fabs(f_at(&pr, x, y) - want) / fmax(1e-300, fabs(want)));
            }
            free(x);
            pt_prob_close(&pr);
        }
    if (!tap_ok(worst <= EXACT_RTOL, "n1 != n2: W_p^p equals the brute-force assignment LP "
                "on n1 n2 unit masses (6 size pairs, p = 1, 1.5, 2, 3, 5 contexts each)"))
        tap_diag("got: worst relative error %.3g  want: <= %g", worst, EXACT_RTOL);
}

/* Larger sizes: W_p^p = integral over t in (0, 1) of |F^-1(t) - G^-1(t)|^p,
 * the quantile functions piecewise constant between the breakpoints k/n1
 * and k/n2 (evaluated at each piece's midpoint). */
static double quantile_integral(const double *u, size_t n1, const double *v, size_t n2, double p)
{
    size_t i = 1, j = 1;
    double t0 = 0.0, S = 0.0;
    while (i <= n1 || j <= n2) {
        double ti = i <= n1 ? (double)i / (double)n1 : 2.0, tj = j <= n2 ? (double)j / (double)n2 : 2.0;
        double t1 = fmin(ti, tj), tm = 0.5 * (t0 + t1);
        size_t a = (size_t)(tm * (double)n1), b = (size_t)(tm * (double)n2);
        S += (t1 - t0) * pow(fabs(u[a] - v[b]), p);
        if (ti <= t1) i++;
        if (tj <= t1) j++;
        t0 = t1;
    }
    return S;
}

static void check_unequal_quantiles(uint64_t seed)
{
    size_t n1 = 37, n2 = 23, d = 4, t;
    pt_prob pr = open_ms(n1, n2, d, 1.5, "wp");
    double *x = pt_dalloc((n1 + n2) * d), y[4], u[37], v[23], worst = 0.0;
    amor_rng rng;
    amor_rng_seed(&rng, seed);
    for (t = 0; t < 20; t++) {
        double want;
        pt_randn(x, (n1 + n2) * d, 1.0, &rng);
        for (size_t k = n1 * d; k < (n1 + n2) * d; k++) x[k] = 2.0 * x[k] + 0.5;
        pt_randn(y, d, 1.0, &rng);
        project_rows(u, x, n1, d, y);
        project_rows(v, x + n1 * d, n2, d, y);
        qsort(u, n1, sizeof *u, cmp_double);
        qsort(v, n2, sizeof *v, cmp_double);
        want = -pow(quantile_integral(u, n1, v, n2, 1.5), 1.0 / 1.5);
        pt_worsen(&worst, fabs(f_at(&pr, x, y) - want) / fabs(want));
    }
    if (!tap_ok(worst <= EXACT_RTOL, "n1 = 37, n2 = 23, p = 1.5: W_p equals the quantile "
                "integral (|F^-1 - G^-1|^p over the merged breakpoints)^(1/p) (20 contexts)"))
        tap_diag("got: worst relative error %.3g  want: <= %g", worst, EXACT_RTOL);
    free(x);
    pt_prob_close(&pr);
}

/* Large samples of N(m1, s1^2) and N(m2, s2^2) along the first axis (the
 * other axis carries independent noise the direction e_1 ignores):
 * W_2 -> sqrt((m1 - m2)^2 + (s1 - s2)^2) = sqrt(4.5).  The estimator's error
 * is O(1 / sqrt(n)) (about 0.02 here); the allowance is 0.06, and a wrong
 * coupling (e.g. an unsorted one) is off by more than 1. */
static void check_gaussian_1d(uint64_t seed)
{
    size_t n1 = 6000, n2 = 4000, i;
    pt_prob pr = open_ms(n1, n2, 2, 2.0, "wp");
    double *x = pt_dalloc((n1 + n2) * 2), y[2] = {2.5, 0.0}, f;
    amor_rng rng;
    amor_rng_seed(&rng, seed);
    for (i = 0; i < n1; i++) x[2 * i] = 1.0 + 0.5 * amor_rng_normal(&rng), x[2 * i + 1] = amor_rng_normal(&rng);
    for (i = n1; i < n1 + n2; i++)
        x[2 * i] = -0.5 + 2.0 * amor_rng_normal(&rng), x[2 * i + 1] = amor_rng_normal(&rng);
    f = f_at(&pr, x, y);
    tap_close(-f, sqrt(4.5), 0.0, 0.06,
              "1-D Gaussians, n1 = 6000, n2 = 4000: W_2 -> sqrt((m1-m2)^2 + (s1-s2)^2)");
    free(x);
    pt_prob_close(&pr);
}

/* n1 = n2 = 1: f(y) = -|u'(x - z)|, maximal at y = c (x - z), c > 0, where
 * f = -|x - z| and the gradient vanishes. */
static void check_one_point(void)
{
    pt_prob pr = open_ms(1, 1, 3, 2.0, "wp");
    double x[6] = {1.0, 2.0, -1.0, 0.5, -2.0, 1.0}, y[3], g[3], f;
    char err[256];
    size_t k;
    for (k = 0; k < 3; k++) y[k] = 4.0 * (x[k] - x[3 + k]);
    pt_must(pr.d.value_grad(pr.inst, 1, x, y, &f, g, err, sizeof err), "value_grad", err);
    tap_close(f, -sqrt(0.25 + 16.0 + 4.0), 1e-15, 0.0, "n1 = n2 = 1: f(x - z) = -|x - z|");
    tap_ok(pt_max_abs(g, 3) <= 1e-15, "n1 = n2 = 1: the gradient vanishes at y = c (x - z)");
    y[0] = 1.0, y[1] = y[2] = 0.0;
    tap_close(f_at(&pr, x, y), -0.5, 1e-15, 0.0, "n1 = n2 = 1: f(e_1) = -|x_1 - z_1|");
    pt_prob_close(&pr);
}

/* ------------------------------------------------------------------------ */
/* Calculus, batching, invariance, projection                               */

static void check_calculus(size_t n1, size_t n2, double p, const char *obj, uint64_t seed,
                           double yscale)
{
    pt_prob pr = open_ms(n1, n2, 6, p, obj);
    pt_calculus w = pt_calculus_errors(&pr, seed, 60, yscale, NULL, FD_H, 1);
    if (!tap_ok(w.f == 0.0 && w.g <= FD_RTOL && w.h <= FD_RTOL,
                "n1 = %zu, n2 = %zu, p = %g, %s, |y| ~ %g: value_grad's f = value's, gradient "
                "and HVP match central differences (60 points)",
                n1, n2, p, obj, yscale))
        tap_diag("got: |f_vg - f_v| %.3g, grad err %.3g, hvp err %.3g  want: 0, <= %g, <= %g",
                 w.f, w.g, w.h, FD_RTOL, FD_RTOL);
    pt_prob_close(&pr);
}

/* One batched call over n rows against n single-row calls, bit for bit
 * (plugtest's pt_batch_diff wants a solve, which this problem lacks). */
static void check_batch(uint64_t seed)
{
    pt_prob pr = open_ms(7, 5, 6, 2.0, "wp");
    size_t n = 33, nx = pr.nx, ny = pr.ny, i, bad = 0;
    double *x = pt_dalloc(n * nx), *y = pt_dalloc(n * ny), *v = pt_dalloc(n * ny);
    double *f = pt_dalloc(n), *fg = pt_dalloc(n), *g = pt_dalloc(n * ny), *hv = pt_dalloc(n * ny);
    char err[256];
    amor_rng rng;
    amor_rng_seed(&rng, seed);
    pt_must(pr.d.sample(pr.inst, &rng, n, x, err, sizeof err), "sample", err);
    pt_randn(y, n * ny, 1.0, &rng);
    pt_randn(v, n * ny, 1.0, &rng);
    pt_must(pr.d.value(pr.inst, n, x, y, f, err, sizeof err), "value", err);
    pt_must(pr.d.value_grad(pr.inst, n, x, y, fg, g, err, sizeof err), "value_grad", err);
    pt_must(pr.d.hvp(pr.inst, n, x, y, v, hv, err, sizeof err), "hvp", err);
    for (i = 0; i < n; i++) {
        double f1, fg1, g1[6], hv1[6];
        pt_must(pr.d.value(pr.inst, 1, x + i * nx, y + i * ny, &f1, err, sizeof err), "value", err);
        pt_must(pr.d.value_grad(pr.inst, 1, x + i * nx, y + i * ny, &fg1, g1, err, sizeof err),
                "value_grad", err);
        pt_must(pr.d.hvp(pr.inst, 1, x + i * nx, y + i * ny, v + i * ny, hv1, err, sizeof err),
                "hvp", err);
        bad += (f1 != f[i]) + (fg1 != fg[i]) + !!memcmp(g1, g + i * ny, sizeof g1) +
               !!memcmp(hv1, hv + i * ny, sizeof hv1);
    }
    if (!tap_ok(bad == 0, "batched value/value_grad/hvp over n = 33 equal one-at-a-time calls "
                "exactly"))
        tap_diag("got: %zu differing rows  want: 0", bad);
    free(x), free(y), free(v), free(f), free(fg), free(g), free(hv);
    pt_prob_close(&pr);
}

/* f(c y) = f(y) for c > 0 and f(-y) = f(y) (W_p is symmetric under
 * reflection); the gradient is tangent, y'grad f = 0; y = 0 reads as e_1. */
static void check_invariance(uint64_t seed)
{
    pt_prob pr = open_ms(8, 6, 5, 2.0, "wp");
    double x[70], y[5], y2[5], g[5], f, worst = 0.0, worst_t = 0.0, z[5] = {0}, e1[5] = {1, 0, 0, 0, 0};
    char err[256];
    size_t t, k;
    amor_rng rng;
    amor_rng_seed(&rng, seed);
    for (t = 0; t < 30; t++) {
        double yg = 0.0;
        pt_must(pr.d.sample(pr.inst, &rng, 1, x, err, sizeof err), "sample", err);
        pt_randn(y, 5, 1.0, &rng);
        pt_must(pr.d.value_grad(pr.inst, 1, x, y, &f, g, err, sizeof err), "value_grad", err);
        for (k = 0; k < 5; k++) y2[k] = 7.25 * y[k], yg += y[k] * g[k];
        pt_worsen(&worst, fabs(f_at(&pr, x, y2) - f));
        for (k = 0; k < 5; k++) y2[k] = -0.3 * y[k];
        pt_worsen(&worst, fabs(f_at(&pr, x, y2) - f));
        pt_worsen(&worst_t, fabs(yg));
    }
    if (!tap_ok(worst <= 1e-13 && worst_t <= 1e-13,
                "f(c y) = f(y) for c = 7.25 and -0.3, and y'grad f(y) = 0 (30 points)"))
        tap_diag("got: %.3g, %.3g", worst, worst_t);
    tap_ok(f_at(&pr, x, z) == f_at(&pr, x, e1), "f(0) = f(e_1), the projection's image of 0");
    pt_prob_close(&pr);
}

/* project: unit norm, 0 -> e_1; project_vjp = (I - u u') g / |y|; initial a
 * fixed unit direction, the same for every context. */
static void check_projection(void)
{
    pt_prob pr = open_ms(3, 3, 4, 2.0, "wp");
    double x[24] = {0}, y[8] = {3, 0, 4, 0, 0, 0, 0, 0}, g[4] = {1, 2, 3, 4}, gin[4], y0[8];
    double yy[4] = {3, 0, 4, 0};
    char err[256];
    pt_must(pr.d.project(pr.inst, 2, x, y, err, sizeof err), "project", err);
    tap_ok(y[0] == 0.6 && y[1] == 0.0 && y[2] == 0.8 && y[4] == 1.0 && y[5] == 0.0 && y[7] == 0.0,
           "project: (3, 0, 4, 0) -> (0.6, 0, 0.8, 0), 0 -> e_1");
    pt_must(pr.d.project_vjp(pr.inst, 1, x, yy, g, gin, err, sizeof err), "project_vjp", err);
    /* u = (0.6, 0, 0.8, 0), u'g = 3, (g - 3u) / 5 */
    tap_ok(fabs(gin[0] - (1 - 1.8) / 5) < 1e-15 && fabs(gin[1] - 0.4) < 1e-15 &&
               fabs(gin[2] - (3 - 2.4) / 5) < 1e-15 && fabs(gin[3] - 0.8) < 1e-15,
           "project_vjp: (I - u u') g / |y|");
    pt_must(pr.d.initial(pr.inst, 2, x, y0, err, sizeof err), "initial", err);
    tap_ok(fabs(y0[0] * y0[0] + y0[1] * y0[1] + y0[2] * y0[2] + y0[3] * y0[3] - 1.0) < 1e-15 &&
               !memcmp(y0, y0 + 4, 4 * sizeof *y0),
           "initial: one unit direction for every context");
    pt_prob_close(&pr);
}

/* ------------------------------------------------------------------------ */
/* POT                                                                      */

/* ot.emd2_1d between the projections (p = 2: sqeuclidean, p = 1:
 * minkowski, i.e. |x - y| in 1-D) for unequal sizes, against f with
 * objective wpp. */
static void check_pot(uint64_t seed)
{
    size_t n1 = 17, n2 = 11, d = 3, i, q;
    char path[] = "/tmp/t_max_sliced_XXXXXX", cmd[512];
    int fd;
    FILE *fp;
    /* Debian's python3-pot lives under /usr/bin/python3, which another python3
     * (pyenv, a venv) may shadow on PATH */
    const char *py = "python3";
    if (system("python3 -c 'import ot' >/dev/null 2>&1") != 0) py = "/usr/bin/python3";
    if (system("/usr/bin/python3 -c 'import ot' >/dev/null 2>&1") != 0 && py[0] == '/') {
        tap_ok(1, "# SKIP POT's emd2_1d: python3-pot is not installed");
        return;
    }
    for (q = 0; q < 2; q++) {
        double p = q ? 1.0 : 2.0, u[17], v[11], y[3], f, want = NAN;
        pt_prob pr = open_ms(n1, n2, d, p, "wpp");
        double *x = pt_dalloc((n1 + n2) * d);
        amor_rng rng;
        amor_rng_seed(&rng, seed + q);
        pt_randn(x, (n1 + n2) * d, 1.0, &rng);
        pt_randn(y, d, 1.0, &rng);
        f = f_at(&pr, x, y);
        project_rows(u, x, n1, d, y);
        project_rows(v, x + n1 * d, n2, d, y);
        if ((fd = mkstemp(path)) < 0 || !(fp = fdopen(fd, "w"))) {
            tap_ok(0, "POT: cannot write %s", path);
            break;
        }
        for (i = 0; i < n1; i++) fprintf(fp, "%s%.17g", i ? " " : "", u[i]);
        fprintf(fp, "\n");
        for (i = 0; i < n2; i++) fprintf(fp, "%s%.17g", i ? " " : "", v[i]);
        fprintf(fp, "\n");
        fclose(fp);
        snprintf(cmd, sizeof cmd,
                 "%s -c 'import sys, numpy as np, ot; l = open(sys.argv[1]).read().split(\"\\n\"); "
                 "u = np.array(l[0].split(), float); v = np.array(l[1].split(), float); "
                 "print(repr(float(ot.emd2_1d(u, v, metric=\"%s\"))))' %s",
                 py, q ? "minkowski" : "sqeuclidean", path);
        if ((fp = popen(cmd, "r"))) {
            if (fscanf(fp, "%lf", &want) != 1) want = NAN;
            pclose(fp);
        }
        remove(path);
        strcpy(path, "/tmp/t_max_sliced_XXXXXX");
        tap_close(-f, want, 1e-10, 0.0,
                  q ? "n1 = 17, n2 = 11: W_1 equals POT's ot.emd2_1d (minkowski)"
                    : "n1 = 17, n2 = 11: W_2^2 equals POT's ot.emd2_1d (sqeuclidean)");
        free(x);
        pt_prob_close(&pr);
    }
}

/* ------------------------------------------------------------------------ */
/* Fashion-MNIST                                                            */

/* All of gzip'd file `path` after a header of skip bytes, (len) bytes. */
static unsigned char *read_gz(const char *path, size_t skip, size_t len)
{
    char cmd[512];
    unsigned char *buf = malloc(skip + len);
    FILE *fp;
    size_t got = 0;
    snprintf(cmd, sizeof cmd, "gzip -dc '%s'", path);
    if (!buf || !(fp = popen(cmd, "r"))) {
        free(buf);
        return NULL;
    }
    got = fread(buf, 1, skip + len, fp);
    pclose(fp);
    if (got != skip + len) {
        free(buf);
        return NULL;
    }
    memmove(buf, buf + skip, len);
    return buf;
}

/* The label of the image equal to row (784 pixels / 255), or -1. */
static int find_label(const double *row, const unsigned char *img, const unsigned char *lab,
                      size_t nimg)
{
    unsigned char b[784];
    size_t k;
    for (k = 0; k < 784; k++) {
        double v = row[k] * 255.0;
        if (!(v >= 0.0 && v <= 255.0) || fabs(v - nearbyint(v)) > 1e-9) return -1;
        b[k] = (unsigned char)nearbyint(v);
    }
    for (k = 0; k < nimg; k++)
        if (!memcmp(b, img + k * 784, 784)) return lab[k];
    return -1;
}

/* Per split, every row of X is an image of one class c1 and every row of Y
 * one of another class c2 of that split's file (classes = pair); with
 * classes = all, the rows are the file's images. */
static void check_fashion(void)
{
    static const char *const stem[2] = {"train", "t10k"};
    static const size_t nimg[2] = {60000, 10000};
    size_t n1 = 6, n2 = 5, s, i;
    char ip[256], lp[256];
    FILE *t = fopen(FASHION "/t10k-images-idx3-ubyte.gz", "r");
    if (!t) {
        tap_ok(1, "# SKIP Fashion-MNIST splits: dataset-fashion-mnist is not installed");
        return;
    }
    fclose(t);
    for (s = 0; s < 2; s++) {
        pt_setting set[] = {PT_STR("data", "fashion_mnist"), PT_INT("n1", 6), PT_INT("n2", 5),
                            PT_STR("classes", "pair")};
        pt_prob pr = pt_prob_open("max_sliced", NULL, set, PT_LEN(set));
        unsigned char *img, *lab;
        double *x;
        size_t bad = 0, same = 0, nctx = 8, c;
        char err[256];
        amor_rng rng;
        snprintf(ip, sizeof ip, FASHION "/%s-images-idx3-ubyte.gz", stem[s]);
        snprintf(lp, sizeof lp, FASHION "/%s-labels-idx1-ubyte.gz", stem[s]);
        img = read_gz(ip, 16, nimg[s] * 784);
        lab = read_gz(lp, 8, nimg[s]);
        tap_ok(pr.nx == (n1 + n2) * 784 && pr.ny == 784, "fashion_mnist: nx = (n1 + n2) 784, ny = 784");
        x = pt_dalloc(nctx * pr.nx);
        amor_rng_seed(&rng, 70 + s);
        pt_must(pr.d.sample_split(pr.inst, &rng, (uint32_t)s, nctx, x, err, sizeof err), "sample_split", err);
        for (c = 0; c < nctx && img && lab; c++) {
            int l1 = -2, l2 = -2;
            for (i = 0; i < n1 + n2; i++) {
                int l = find_label(x + c * pr.nx + i * 784, img, lab, nimg[s]);
                int *want = i < n1 ? &l1 : &l2;
                if (l < 0) bad++;
                if (*want == -2) *want = l;
                if (l != *want) bad++;
            }
            same += l1 == l2;
        }
        if (!tap_ok(img && lab && bad == 0 && same == 0,
                    "fashion_mnist %s split, classes = pair: X's rows are images of one class, "
                    "Y's of another, all from %s (8 contexts)",
                    s ? "held-out" : "train", ip))
            tap_diag("got: %zu rows off, %zu contexts with one class", bad, same);
        free(img), free(lab), free(x);
        pt_prob_close(&pr);
    }
}

/* ------------------------------------------------------------------------ */
/* Bad input                                                                */

static void check_bad_input(void)
{
    char err[512];
    pt_setting n1[] = {PT_INT("n1", 0)}, n2[] = {PT_INT("n2", 0)}, p[] = {PT_REAL("p", 0.5)};
    pt_setting data[] = {PT_STR("data", "mnist")};
    pt_setting dir[] = {PT_STR("data", "fashion_mnist"), PT_STR("data_dir", "/nonexistent/fm")};
    params_set ps = pt_params(&pt_problem("max_sliced")->head);
    int rc;
    rc = pt_apply(&ps, n1, 1, err, sizeof err);
    tap_ok(rc && !strcmp(err, "parameter 'n1' of problem 'max_sliced' must be in [1, 1e+06], got 0"),
           "n1 = 0 is refused, naming the parameter: %s", err);
    rc = pt_apply(&ps, n2, 1, err, sizeof err);
    tap_ok(rc && !strcmp(err, "parameter 'n2' of problem 'max_sliced' must be in [1, 1e+06], got 0"),
           "n2 = 0 is refused, naming the parameter: %s", err);
    rc = pt_apply(&ps, p, 1, err, sizeof err);
    tap_ok(rc && !strcmp(err, "parameter 'p' of problem 'max_sliced' must be in [1, 64], got 0.5"),
           "p = 0.5 is refused (W_p needs p >= 1): %s", err);
    rc = pt_apply(&ps, data, 1, err, sizeof err);
    tap_ok(rc && pt_contains(err, "'data'") && pt_contains(err, "gaussian|fashion_mnist"),
           "data = mnist is refused, listing the choices: %s", err);
    params_free(&ps);
    rc = pt_prob_try("max_sliced", dir, PT_LEN(dir), err, sizeof err);
    tap_ok(rc == AMOR_EDATA && pt_contains(err, "/nonexistent/fm/train-images-idx3-ubyte.gz") &&
               pt_contains(err, "dataset-fashion-mnist"),
           "a missing data_dir names the file and the package: %s", err);
    {
        pt_prob pr = open_ms(2, 2, 2, 2.0, "wp");
        double x[8];
        amor_rng rng;
        amor_rng_seed(&rng, 1);
        rc = pr.d.sample_split(pr.inst, &rng, 7, 1, x, err, sizeof err);
        tap_ok(rc == AMOR_EINVAL && !strcmp(err, "max_sliced: unknown split 7 (want AMOR_SPLIT_TRAIN 0 "
                                                  "or AMOR_SPLIT_HELDOUT 1)"),
               "an unknown split is refused: %s", err);
        pt_prob_close(&pr);
    }
}

int main(void)
{
    check_equal_sizes(2.0, "wpp", 1);
    check_equal_sizes(2.0, "wp", 2);
    check_equal_sizes(3.0, "wp", 3);
    check_equal_sizes(1.0, "wpp", 4);
    check_unequal_brute(5);
    check_unequal_quantiles(6);
    check_gaussian_1d(7);
    check_one_point();
    check_calculus(6, 6, 2.0, "wp", 11, 1.0);
    check_calculus(6, 6, 2.0, "wpp", 12, 30.0);
    check_calculus(7, 4, 2.0, "wp", 13, 0.05);
    check_calculus(5, 8, 1.5, "wp", 14, 1.0);
    check_calculus(4, 6, 3.0, "wpp", 15, 1.0);
    check_calculus(6, 3, 1.0, "wp", 16, 1.0);
    check_batch(21);
    check_invariance(31);
    check_projection();
    check_pot(41);
    check_fashion();
    check_bad_input();
    return tap_done();
}
