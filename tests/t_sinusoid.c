/*
 * t_sinusoid.c -- TAP tests of the `sinusoid` problem (few-shot sine
 * regression): the context layout and nx_model, sampled tasks against
 * y = A sin(x - phi) (A and phi recovered per context), both objectives
 * against a plain-loop reference MLP and the affine learner's closed form,
 * gradients and HVPs against central differences away from ReLU kinks,
 * the HVP against a finite-difference Hessian of a tiny two-hidden-layer net
 * (which the Gauss-Newton matrix does not match), symmetry, batching bit for
 * bit, the fixed initialisation, and refusals.  Run from the repository root.
 */
#include "tap.h"
#include "plugtest.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Reference: the learner by plain loops (layout W_l (out, in) row-major,    */
/* then b_l), independent of plugins/common                                  */

#define REF_MAXW 64 /* widest layer the reference handles */

typedef struct ref_net {
    size_t L;         /* affine layers */
    size_t dims[8];   /* L + 1 widths, dims[0] = dims[L] = 1 */
} ref_net;

static ref_net ref_make(const int64_t *hidden, size_t nh)
{
    ref_net r;
    size_t k;
    r.L = nh + 1;
    r.dims[0] = 1;
    for (k = 0; k < nh; k++) r.dims[k + 1] = (size_t)hidden[k];
    r.dims[nh + 1] = 1;
    return r;
}

static size_t ref_nparams(const ref_net *r)
{
    size_t l, s = 0;
    for (l = 0; l < r->L; l++) s += r->dims[l + 1] * (r->dims[l] + 1);
    return s;
}

/* net(x) at th; when pat != NULL, appends the signs (z > 0) of every hidden
 * pre-activation to pat[*np...], and *margin = min |z| over them. */
static double ref_out(const ref_net *r, const double *th, double x, unsigned char *pat,
                      size_t *np, double *margin)
{
    double a[REF_MAXW], z[REF_MAXW];
    size_t l, i, j, off = 0;
    a[0] = x;
    for (l = 0; l < r->L; l++) {
        size_t nin = r->dims[l], nout = r->dims[l + 1];
        const double *w = th + off, *b = w + nout * nin;
        for (i = 0; i < nout; i++) {
            double s = b[i];
            for (j = 0; j < nin; j++) s += w[i * nin + j] * a[j];
            z[i] = s;
        }
        off += nout * (nin + 1);
        if (l + 1 == r->L) return z[0];
        for (i = 0; i < nout; i++) {
            a[i] = z[i] > 0 ? z[i] : 0.0;
            if (pat) pat[(*np)++] = z[i] > 0;
            if (margin && fabs(z[i]) < *margin) *margin = fabs(z[i]);
        }
    }
    return 0.0;
}

/* mean over the m points of (net(px_j) - py_j)^2 */
static double ref_mse(const ref_net *r, const double *th, const double *px, const double *py,
                      size_t m)
{
    double s = 0.0;
    size_t j;
    for (j = 0; j < m; j++) {
        double e = ref_out(r, th, px[j], NULL, NULL, NULL) - py[j];
        s += e * e;
    }
    return s / (double)m;
}

/* The activation pattern of every point of a context (support and query)
 * into pat; returns the smallest |pre-activation|. */
static double ref_pattern(const ref_net *r, const double *th, const double *x, size_t K,
                          size_t Q, unsigned char *pat)
{
    size_t j, np = 0;
    double margin = INFINITY;
    for (j = 0; j < K; j++) ref_out(r, th, x[j], pat, &np, &margin);
    for (j = 0; j < Q; j++) ref_out(r, th, x[2 * K + j], pat, &np, &margin);
    return margin;
}

/* ------------------------------------------------------------------------ */
/* The two objectives behind one interface                                   */

typedef struct objective {
    const char *name;
    int (*f)(void *, size_t, const double *, const double *, double *, char *, size_t);
    int (*fg)(void *, size_t, const double *, const double *, double *, double *, char *,
              size_t);
    int (*hv)(void *, size_t, const double *, const double *, const double *, double *, char *,
              size_t);
} objective;

static objective obj_of(const pt_prob *p, int valid)
{
    objective o;
    if (valid)
        o = (objective){"valid", p->d.valid_value, p->d.valid_value_grad, p->d.valid_hvp};
    else o = (objective){"value", p->d.value, p->d.value_grad, p->d.hvp};
    return o;
}

static double obj_f(const pt_prob *p, const objective *o, const double *x, const double *y)
{
    double f;
    char err[256] = "";
    pt_must(o->f(p->inst, 1, x, y, &f, err, sizeof err), o->name, err);
    return f;
}

static void obj_g(const pt_prob *p, const objective *o, const double *x, const double *y,
                  double *g)
{
    double f;
    char err[256] = "";
    pt_must(o->fg(p->inst, 1, x, y, &f, g, err, sizeof err), o->name, err);
}

static void obj_hv(const pt_prob *p, const objective *o, const double *x, const double *y,
                   const double *v, double *hv)
{
    char err[256] = "";
    pt_must(o->hv(p->inst, 1, x, y, v, hv, err, sizeof err), o->name, err);
}

static const int64_t h4040[] = {40, 40};

/* ------------------------------------------------------------------------ */
/* Layout, sampling                                                         */

static void test_layout(void)
{
    static const int64_t h3[] = {3};
    pt_setting s1[] = {PT_INT("shots", 7), PT_INT("queries", 4), PT_LIST("hidden", h3)};
    pt_prob p = pt_prob_open("sinusoid", NULL, NULL, 0), q;
    tap_ok(p.nx == 30 && p.nxm == 10 && p.ny == 1761,
           "defaults: 5 shots + 10 queries give nx = 2 (5 + 10) = 30, nx_model = 2 shots = 10, "
           "1 -> 40 -> 40 -> 1 has 1,761 weights (got %zu, %zu, %zu)", p.nx, p.nxm, p.ny);
    pt_prob_close(&p);
    q = pt_prob_open("sinusoid", NULL, s1, PT_LEN(s1));
    tap_ok(q.nx == 22 && q.nxm == 14 && q.ny == 10,
           "shots 7, queries 4, hidden {3}: nx 22, nx_model 14, ny 3 + 3 + 3 + 1 = 10 "
           "(got %zu, %zu, %zu)", q.nx, q.nxm, q.ny);
    pt_prob_close(&q);
}

/* Fit y = a sin x + b cos x (= A sin(x - phi) with a = A cos phi, b = -A sin phi) to
 * the m points (px, py) by least squares; returns the largest residual. */
static double fit_sine(const double *px, const double *py, size_t m, double *A, double *phi)
{
    double ss = 0, sc = 0, cc = 0, ys = 0, yc = 0, det, a, b, worst = 0;
    size_t j;
    for (j = 0; j < m; j++) {
        double s = sin(px[j]), c = cos(px[j]);
        ss += s * s, sc += s * c, cc += c * c, ys += py[j] * s, yc += py[j] * c;
    }
    det = ss * cc - sc * sc;
    a = (ys * cc - yc * sc) / det;
    b = (yc * ss - ys * sc) / det;
    for (j = 0; j < m; j++)
        worst = fmax(worst, fabs(a * sin(px[j]) + b * cos(px[j]) - py[j]));
    *A = sqrt(a * a + b * b);
    *phi = atan2(-b, a);
    return worst;
}

static void test_sample(void)
{
    pt_setting set[] = {PT_INT("shots", 5), PT_INT("queries", 10)};
    pt_prob p = pt_prob_open("sinusoid", NULL, set, PT_LEN(set));
    const size_t n = 400, K = 5, Q = 10;
    double *x = pt_dalloc(n * p.nx), amin = INFINITY, amax = 0, pmin = INFINITY, pmax = -INFINITY;
    double xmin = INFINITY, xmax = -INFINITY, worst_all = 0, worst_q = 0;
    size_t i, j;
    pt_prob_sample(&p, 3, n, x);
    for (i = 0; i < n; i++) {
        const double *xi = x + i * p.nx;
        double pts_x[15], pts_y[15], A, phi, As, phis;
        for (j = 0; j < K; j++) pts_x[j] = xi[j], pts_y[j] = xi[K + j];
        for (j = 0; j < Q; j++) pts_x[K + j] = xi[2 * K + j], pts_y[K + j] = xi[2 * K + Q + j];
        for (j = 0; j < K + Q; j++) xmin = fmin(xmin, pts_x[j]), xmax = fmax(xmax, pts_x[j]);
        /* one task for support and query: a fit to all 15 points is exact */
        pt_worsen(&worst_all, fit_sine(pts_x, pts_y, K + Q, &A, &phi) / fmax(A, 1.0));
        /* the task recovered from the support alone predicts the query set */
        fit_sine(pts_x, pts_y, K, &As, &phis);
        for (j = 0; j < Q; j++)
            pt_worsen(&worst_q, fabs(As * sin(pts_x[K + j] - phis) - pts_y[K + j]) / fmax(A, 1.0));
        amin = fmin(amin, A), amax = fmax(amax, A), pmin = fmin(pmin, phi), pmax = fmax(pmax, phi);
    }
    tap_ok(xmin >= -5 && xmax < 5 && xmin < -4.9 && xmax > 4.9,
           "inputs x ~ U[-5, 5): all inside, and they reach both ends (min %.4f, max %.4f)", xmin,
           xmax);
    if (!tap_ok(worst_all <= 1e-12 && worst_q <= 1e-10,
                "each context's support and query lie on one sine y = A sin(x - phi): the fit to "
                "all 15 points is exact, and the task fitted to the 5 support points predicts the "
                "10 query targets"))
        tap_diag("got: residual %.3g, query prediction error %.3g  want: <= 1e-12, 1e-10",
                 worst_all, worst_q);
    tap_ok(amin >= 0.1 - 1e-12 && amax <= 5 + 1e-12 && amin < 0.3 && amax > 4.8,
           "recovered amplitudes lie in [0.1, 5] and span it (min %.4f, max %.4f)", amin, amax);
    tap_ok(pmin >= -1e-12 && pmax <= M_PI + 1e-12 && pmin < 0.1 && pmax > M_PI - 0.1,
           "recovered phases lie in [0, pi] and span it (min %.4f, max %.4f)", pmin, pmax);
    free(x);
    pt_prob_close(&p);
}

/* value reads the support set only, valid_value the query set only. */
static void test_which_points(void)
{
    pt_prob p = pt_prob_open("sinusoid", NULL, NULL, 0);
    size_t K = 5, Q = 10, ny = p.ny, k;
    double *x = pt_dalloc(p.nx), *x2 = pt_dalloc(p.nx), *y = pt_dalloc(ny);
    double f1, f2, v1, v2;
    amor_rng r;
    char err[256];
    pt_prob_sample(&p, 5, 1, x);
    amor_rng_seed(&r, 6);
    pt_randn(y, ny, 0.3, &r);
    memcpy(x2, x, p.nx * sizeof *x);
    for (k = 2 * K; k < 2 * K + 2 * Q; k++) x2[k] += 0.5; /* move the query set */
    pt_must(p.d.value(p.inst, 1, x, y, &f1, err, sizeof err), "value", err);
    pt_must(p.d.value(p.inst, 1, x2, y, &f2, err, sizeof err), "value", err);
    pt_must(p.d.valid_value(p.inst, 1, x, y, &v1, err, sizeof err), "valid", err);
    pt_must(p.d.valid_value(p.inst, 1, x2, y, &v2, err, sizeof err), "valid", err);
    tap_ok(f1 == f2 && v1 != v2, "moving the query set changes valid_value only");
    memcpy(x2, x, p.nx * sizeof *x);
    for (k = 0; k < 2 * K; k++) x2[k] += 0.5; /* move the support set */
    pt_must(p.d.value(p.inst, 1, x2, y, &f2, err, sizeof err), "value", err);
    pt_must(p.d.valid_value(p.inst, 1, x2, y, &v2, err, sizeof err), "valid", err);
    tap_ok(f1 != f2 && v1 == v2, "moving the support set changes value only");
    free(x), free(x2), free(y);
    pt_prob_close(&p);
}

/* ------------------------------------------------------------------------ */
/* Values against references                                                */

static void test_values(void)
{
    pt_setting set[] = {PT_INT("shots", 6), PT_INT("queries", 9)};
    pt_prob p = pt_prob_open("sinusoid", NULL, set, PT_LEN(set));
    ref_net rn = ref_make(h4040, 2);
    const size_t n = 5, K = 6, Q = 9;
    double *x = pt_dalloc(n * p.nx), *y = pt_dalloc(n * p.ny), *f = pt_dalloc(n),
           *fv = pt_dalloc(n), worst = 0;
    size_t i;
    amor_rng r;
    char err[256];
    pt_prob_sample(&p, 7, n, x);
    amor_rng_seed(&r, 8);
    pt_randn(y, n * p.ny, 0.4, &r);
    pt_must(p.d.value(p.inst, n, x, y, f, err, sizeof err), "value", err);
    pt_must(p.d.valid_value(p.inst, n, x, y, fv, err, sizeof err), "valid_value", err);
    for (i = 0; i < n; i++) {
        const double *xi = x + i * p.nx, *yi = y + i * p.ny;
        double a = ref_mse(&rn, yi, xi, xi + K, K), b = ref_mse(&rn, yi, xi + 2 * K, xi + 2 * K + Q, Q);
        pt_worsen(&worst, fabs(f[i] - a) / a);
        pt_worsen(&worst, fabs(fv[i] - b) / b);
    }
    if (!tap_ok(ref_nparams(&rn) == p.ny && worst <= 1e-12,
                "value and valid_value = the support and query MSE (no 1/2) of a plain-loop "
                "1 -> 40 -> 40 -> 1 ReLU MLP with the documented layout (rel 1e-12)"))
        tap_diag("got: %.3g  want: <= 1e-12", worst);
    free(x), free(y), free(f), free(fv);
    pt_prob_close(&p);
}

/* hidden = {}: the learner is t = w x + b, f = mean (w x_j + b - y_j)^2, with
 * gradient 2 mean(e x, e) and Hessian (2/m) [sum x^2, sum x; sum x, m]. */
static void test_affine_closed_form(void)
{
    pt_setting set[] = {PT_INT("shots", 4), PT_INT("queries", 3), PT_LISTN("hidden", NULL, 0)};
    pt_prob p = pt_prob_open("sinusoid", NULL, set, PT_LEN(set));
    double x[14], y[2] = {0.7, -0.3}, v[2] = {1.3, -0.4}, f, g[2], hv[2];
    double sx = 0, sxx = 0, se = 0, sex = 0, s2 = 0, m = 4;
    size_t j;
    char err[256];
    tap_ok(p.ny == 2 && p.nx == 14, "hidden = {}: two weights w, b (ny %zu)", p.ny);
    pt_prob_sample(&p, 9, 1, x);
    for (j = 0; j < 4; j++) {
        double e = y[0] * x[j] + y[1] - x[4 + j];
        sx += x[j], sxx += x[j] * x[j], se += e, sex += e * x[j], s2 += e * e;
    }
    pt_must(p.d.value_grad(p.inst, 1, x, y, &f, g, err, sizeof err), "value_grad", err);
    pt_must(p.d.hvp(p.inst, 1, x, y, v, hv, err, sizeof err), "hvp", err);
    tap_close(f, s2 / m, 1e-14, 0, "affine learner: f = mean squared error");
    tap_ok(fabs(g[0] - 2 * sex / m) <= 1e-13 * fabs(2 * sex / m) + 1e-15 &&
               fabs(g[1] - 2 * se / m) <= 1e-13 * fabs(2 * se / m) + 1e-15,
           "affine learner: gradient = 2 mean(e x), 2 mean(e)");
    tap_ok(fabs(hv[0] - 2 / m * (sxx * v[0] + sx * v[1])) <= 1e-13 * (1 + fabs(hv[0])) &&
               fabs(hv[1] - 2 / m * (sx * v[0] + m * v[1])) <= 1e-13 * (1 + fabs(hv[1])),
           "affine learner: Hv = (2/m) [sum x^2, sum x; sum x, m] v");
    pt_prob_close(&p);
}

/* ------------------------------------------------------------------------ */
/* Derivatives against central differences, away from kinks                 */

/* Whether the activation pattern of context x is the same at th and at
 * th +- h d (so that every central difference below sees one smooth piece). */
static int same_piece(const ref_net *rn, const double *th, const double *d, double h,
                      const double *x, size_t K, size_t Q, size_t ny, double *tmp,
                      unsigned char *p0, unsigned char *p1, size_t npat)
{
    size_t k, s;
    ref_pattern(rn, th, x, K, Q, p0);
    for (s = 0; s < 2; s++) {
        for (k = 0; k < ny; k++) tmp[k] = th[k] + (s ? -h : h) * d[k];
        ref_pattern(rn, tmp, x, K, Q, p1);
        if (memcmp(p0, p1, npat)) return 0;
    }
    return 1;
}

/* For both objectives at several random points, each with every ReLU
 * pre-activation at least 1e-3 away from 0 (redrawn otherwise), and
 * checked to stay on its side across each difference:
 *   the gradient against central differences of the value in every
 *   coordinate (step 1e-6), relative to max(1, |g|_inf);
 *   Hv against the central difference of the gradient along v (step 1e-5,
 *   exact up to rounding on one piece: the gradient is polynomial there),
 *   relative to max(1, |Hv|_inf). */
static void test_derivatives(void)
{
    pt_prob p = pt_prob_open("sinusoid", NULL, NULL, 0);
    ref_net rn = ref_make(h4040, 2);
    const size_t K = 5, Q = 10, ny = p.ny, npat = (K + Q) * 80;
    double *x = pt_dalloc(p.nx), *y = pt_dalloc(ny), *v = pt_dalloc(ny), *g = pt_dalloc(ny);
    double *hv = pt_dalloc(ny), *gp = pt_dalloc(ny), *gm = pt_dalloc(ny), *tmp = pt_dalloc(ny);
    double *e = pt_dalloc(ny);
    unsigned char *p0 = malloc(npat), *p1 = malloc(npat);
    double wg[2] = {0, 0}, wh[2] = {0, 0};
    size_t pt, k, skipped = 0, points = 0;
    int valid;
    amor_rng r;
    amor_rng_seed(&r, 12);
    for (pt = 0; points < 3 && pt < 40; pt++) {
        double gs, hs, h = 1e-6, hh = 1e-5;
        pt_prob_sample(&p, 100 + pt, 1, x);
        pt_randn(y, ny, 0.3, &r);
        pt_randn(v, ny, 1.0, &r);
        if (ref_pattern(&rn, y, x, K, Q, p0) < 1e-3 ||
            !same_piece(&rn, y, v, hh, x, K, Q, ny, tmp, p0, p1, npat)) {
            skipped++;
            continue;
        }
        points++;
        for (valid = 0; valid < 2; valid++) {
            objective o = obj_of(&p, valid);
            obj_g(&p, &o, x, y, g);
            obj_hv(&p, &o, x, y, v, hv);
            gs = fmax(1.0, pt_max_abs(g, ny));
            hs = fmax(1.0, pt_max_abs(hv, ny));
            for (k = 0; k < ny; k++) {
                double save = y[k], fp, fm;
                memset(e, 0, ny * sizeof *e);
                e[k] = 1.0;
                if (!same_piece(&rn, y, e, h, x, K, Q, ny, tmp, p0, p1, npat)) {
                    pt_worsen(&wg[valid], INFINITY); /* the margin should rule this out */
                    continue;
                }
                y[k] = save + h;
                fp = obj_f(&p, &o, x, y);
                y[k] = save - h;
                fm = obj_f(&p, &o, x, y);
                y[k] = save;
                pt_worsen(&wg[valid], fabs((fp - fm) / (2 * h) - g[k]) / gs);
            }
            for (k = 0; k < ny; k++) tmp[k] = y[k] + hh * v[k];
            obj_g(&p, &o, x, tmp, gp);
            for (k = 0; k < ny; k++) tmp[k] = y[k] - hh * v[k];
            obj_g(&p, &o, x, tmp, gm);
            for (k = 0; k < ny; k++)
                pt_worsen(&wh[valid], fabs((gp[k] - gm[k]) / (2 * hh) - hv[k]) / hs);
        }
    }
    tap_ok(points == 3, "three random points away from every ReLU kink (%zu redrawn)", skipped);
    for (valid = 0; valid < 2; valid++) {
        if (!tap_ok(wg[valid] <= 1e-7, "%s: gradient = central differences of the value in all "
                                       "1,761 coordinates (rel 1e-7; got %.2g)",
                    valid ? "valid_value_grad" : "value_grad", wg[valid]))
            tap_diag("got: %.3g  want: <= 1e-7", wg[valid]);
        if (!tap_ok(wh[valid] <= 1e-7, "%s: Hv = central difference of the gradient along v "
                                       "(rel 1e-7; got %.2g)", valid ? "valid_hvp" : "hvp", wh[valid]))
            tap_diag("got: %.3g  want: <= 1e-7", wh[valid]);
    }
    free(x), free(y), free(v), free(g), free(hv), free(gp), free(gm), free(tmp), free(e);
    free(p0), free(p1);
    pt_prob_close(&p);
}

/* u'Hv = v'Hu for both objectives at random points of the default net. */
static void test_symmetry(void)
{
    pt_prob p = pt_prob_open("sinusoid", NULL, NULL, 0);
    const size_t n = 4, ny = p.ny;
    double *x = pt_dalloc(n * p.nx), *y = pt_dalloc(n * ny), *u = pt_dalloc(n * ny);
    double *v = pt_dalloc(n * ny), *hu = pt_dalloc(n * ny), *hv = pt_dalloc(n * ny);
    double worst[2] = {0, 0};
    size_t i;
    int valid;
    amor_rng r;
    char err[256];
    pt_prob_sample(&p, 21, n, x);
    amor_rng_seed(&r, 22);
    pt_randn(y, n * ny, 0.5, &r);
    pt_randn(u, n * ny, 1.0, &r);
    pt_randn(v, n * ny, 1.0, &r);
    for (valid = 0; valid < 2; valid++) {
        objective o = obj_of(&p, valid);
        pt_must(o.hv(p.inst, n, x, y, u, hu, err, sizeof err), o.name, err);
        pt_must(o.hv(p.inst, n, x, y, v, hv, err, sizeof err), o.name, err);
        for (i = 0; i < n; i++) {
            double a = 0, b = 0, s = 0;
            size_t k;
            for (k = 0; k < ny; k++) {
                a += u[i * ny + k] * hv[i * ny + k];
                b += v[i * ny + k] * hu[i * ny + k];
                s += fabs(u[i * ny + k] * hv[i * ny + k]) + fabs(v[i * ny + k] * hu[i * ny + k]);
            }
            pt_worsen(&worst[valid], fabs(a - b) / s);
        }
        if (!tap_ok(worst[valid] <= 1e-13, "%s: u'Hv = v'Hu (rel 1e-13 of sum |terms|)",
                    valid ? "valid_hvp" : "hvp"))
            tap_diag("got: %.3g  want: <= 1e-13", worst[valid]);
    }
    free(x), free(y), free(u), free(v), free(hu), free(hv);
    pt_prob_close(&p);
}

/* A tiny net 1 -> 3 -> 2 -> 1 (17 weights), two hidden layers so that the
 * cross-layer terms are there: the Hessian column by column from central
 * differences of value_grad (checked above against differences of the
 * value), symmetric; hvp(e_k) and hvp(v) against it; and the Gauss-Newton
 * matrix (2/m) J'J (J by central differences of the reference net's
 * outputs) shown to differ from it, so a Gauss-Newton hvp fails here. */
static void test_tiny_hessian(void)
{
    static const int64_t h32[] = {3, 2};
    pt_setting set[] = {PT_INT("shots", 5), PT_INT("queries", 4), PT_LIST("hidden", h32)};
    pt_prob p = pt_prob_open("sinusoid", NULL, set, PT_LEN(set));
    ref_net rn = ref_make(h32, 2);
    enum { NY = 17, K = 5, Q = 4, NPAT = (K + Q) * 5 };
    double x[2 * (K + Q)], y[NY], v[NY], e[NY], gp[NY], gm[NY], tmp[NY], hv[NY];
    double H[NY][NY], GN[NY][NY], J[K][NY], hs = 0, werr = 0, wsym = 0, wv = 0, gn_gap = 0;
    unsigned char p0[NPAT], p1[NPAT];
    const double h = 1e-5;
    size_t a, b, j, tries = 0;
    int ok_piece = 0;
    objective o = obj_of(&p, 0);
    amor_rng r;
    tap_ok(p.ny == NY, "hidden {3, 2}: 17 weights (got %zu)", p.ny);
    amor_rng_seed(&r, 31);
    while (!ok_piece && tries++ < 50) { /* a point whose pattern survives every FD step */
        pt_prob_sample(&p, 300 + tries, 1, x);
        pt_randn(y, NY, 0.8, &r);
        ok_piece = ref_pattern(&rn, y, x, K, Q, p0) > 1e-3;
        for (a = 0; a < NY && ok_piece; a++) {
            memset(e, 0, sizeof e);
            e[a] = 1.0;
            ok_piece = same_piece(&rn, y, e, h, x, K, Q, NY, tmp, p0, p1, NPAT);
        }
    }
    tap_ok(ok_piece, "a point of the tiny net away from its kinks (%zu tries)", tries);
    for (a = 0; a < NY; a++) { /* column a of H from differences of value_grad */
        memset(e, 0, sizeof e);
        e[a] = 1.0;
        for (b = 0; b < NY; b++) tmp[b] = y[b] + h * e[b];
        obj_g(&p, &o, x, tmp, gp);
        for (b = 0; b < NY; b++) tmp[b] = y[b] - h * e[b];
        obj_g(&p, &o, x, tmp, gm);
        for (b = 0; b < NY; b++) H[b][a] = (gp[b] - gm[b]) / (2 * h);
    }
    for (a = 0; a < NY; a++)
        for (b = 0; b < NY; b++) hs = fmax(hs, fabs(H[a][b]));
    for (a = 0; a < NY; a++) {
        memset(e, 0, sizeof e);
        e[a] = 1.0;
        obj_hv(&p, &o, x, y, e, hv);
        for (b = 0; b < NY; b++) {
            pt_worsen(&werr, fabs(hv[b] - H[b][a]) / hs);
            pt_worsen(&wsym, fabs(H[a][b] - H[b][a]) / hs);
        }
    }
    pt_randn(v, NY, 1.0, &r);
    obj_hv(&p, &o, x, y, v, hv);
    for (a = 0; a < NY; a++) {
        double s = 0;
        for (b = 0; b < NY; b++) s += H[a][b] * v[b];
        pt_worsen(&wv, fabs(hv[a] - s) / (hs * pt_max_abs(v, NY)));
    }
    if (!tap_ok(werr <= 1e-8 && wsym <= 1e-8,
                "tiny net: hvp(e_k) = column k of the finite-difference Hessian, which is "
                "symmetric (rel 1e-8 of max |H|; got %.2g, %.2g)", werr, wsym))
        tap_diag("got: %.3g, asymmetry %.3g  want: <= 1e-8", werr, wsym);
    if (!tap_ok(wv <= 1e-8, "tiny net: hvp(v) = H v for a random v (rel 1e-8; got %.2g)", wv))
        tap_diag("got: %.3g  want: <= 1e-8", wv);
    /* Gauss-Newton (2/m) J'J from the reference net's outputs */
    for (j = 0; j < K; j++)
        for (a = 0; a < NY; a++) {
            memcpy(tmp, y, sizeof tmp);
            tmp[a] = y[a] + h;
            J[j][a] = ref_out(&rn, tmp, x[j], NULL, NULL, NULL);
            tmp[a] = y[a] - h;
            J[j][a] = (J[j][a] - ref_out(&rn, tmp, x[j], NULL, NULL, NULL)) / (2 * h);
        }
    for (a = 0; a < NY; a++)
        for (b = 0; b < NY; b++) {
            double s = 0;
            for (j = 0; j < K; j++) s += J[j][a] * J[j][b];
            GN[a][b] = 2.0 / K * s;
            gn_gap = fmax(gn_gap, fabs(GN[a][b] - H[a][b]) / hs);
        }
    tap_ok(gn_gap > 1e-2,
           "tiny net: the exact Hessian is not the Gauss-Newton matrix (2/m) J'J (they differ "
           "by %.3g of max |H|), so the check above tells them apart", gn_gap);
    pt_prob_close(&p);
}

/* Deeper tiny nets, three and four hidden layers, where the HVP's
 * backward pass also carries D_l = dL/dZ_l down through hidden layers (with
 * two hidden layers only R(D_l) reaches the bottom one), for both
 * objectives: the gradient against central differences of the value in
 * every coordinate, hvp(e_k) against the Hessian's columns from central
 * differences of value_grad, and hvp(v) against H v. */
static void test_deep_derivatives(void)
{
    static const int64_t h322[] = {3, 2, 2}, h2322[] = {2, 3, 2, 2};
    static const struct { const int64_t *h; size_t nh, ny; const char *name; } nets[] = {
        {h322, 3, 23, "1 -> 3 -> 2 -> 2 -> 1"}, {h2322, 4, 30, "1 -> 2 -> 3 -> 2 -> 2 -> 1"}};
    enum { K = 5, Q = 4, NYMAX = 30, NPMAX = (K + Q) * 9 };
    size_t t;
    for (t = 0; t < 2; t++) {
        pt_setting set[] = {PT_INT("shots", K), PT_INT("queries", Q),
                            PT_LISTN("hidden", nets[t].h, nets[t].nh)};
        pt_prob p = pt_prob_open("sinusoid", NULL, set, PT_LEN(set));
        ref_net rn = ref_make(nets[t].h, nets[t].nh);
        const size_t NY = nets[t].ny, npat = NPMAX;
        double x[2 * (K + Q)], y[NYMAX], v[NYMAX], e[NYMAX], gp[NYMAX], gm[NYMAX];
        double tmp[NYMAX], g[NYMAX], hv[NYMAX], H[NYMAX][NYMAX];
        double wg[2] = {0, 0}, wh[2] = {0, 0}, wv[2] = {0, 0};
        unsigned char p0[NPMAX], p1[NPMAX];
        const double h = 1e-5;
        size_t a, b, tries = 0;
        int ok_piece = 0, valid;
        amor_rng r;
        memset(p0, 0, sizeof p0), memset(p1, 0, sizeof p1);
        tap_ok(p.ny == NY, "%s: %zu weights (got %zu)", nets[t].name, NY, p.ny);
        amor_rng_seed(&r, 51 + t);
        while (!ok_piece && tries++ < 200) { /* a point whose pattern survives every FD step */
            pt_prob_sample(&p, 500 + tries, 1, x);
            pt_randn(y, NY, 0.8, &r);
            ok_piece = ref_pattern(&rn, y, x, K, Q, p0) > 1e-3;
            for (a = 0; a < NY && ok_piece; a++) {
                memset(e, 0, sizeof e);
                e[a] = 1.0;
                ok_piece = same_piece(&rn, y, e, h, x, K, Q, NY, tmp, p0, p1, npat);
            }
        }
        tap_ok(ok_piece, "%s: a point away from its kinks (%zu tries)", nets[t].name, tries);
        pt_randn(v, NY, 1.0, &r);
        for (valid = 0; valid < 2; valid++) {
            objective o = obj_of(&p, valid);
            double gs, hs = 0;
            obj_g(&p, &o, x, y, g);
            gs = fmax(1.0, pt_max_abs(g, NY));
            for (a = 0; a < NY; a++) { /* gradient; column a of H from value_grad */
                double fp, fm;
                memcpy(tmp, y, NY * sizeof *tmp);
                tmp[a] = y[a] + h;
                fp = obj_f(&p, &o, x, tmp);
                obj_g(&p, &o, x, tmp, gp);
                tmp[a] = y[a] - h;
                fm = obj_f(&p, &o, x, tmp);
                obj_g(&p, &o, x, tmp, gm);
                pt_worsen(&wg[valid], fabs((fp - fm) / (2 * h) - g[a]) / gs);
                for (b = 0; b < NY; b++) H[b][a] = (gp[b] - gm[b]) / (2 * h);
            }
            for (a = 0; a < NY; a++)
                for (b = 0; b < NY; b++) hs = fmax(hs, fabs(H[a][b]));
            for (a = 0; a < NY; a++) {
                memset(e, 0, sizeof e);
                e[a] = 1.0;
                obj_hv(&p, &o, x, y, e, hv);
                for (b = 0; b < NY; b++) pt_worsen(&wh[valid], fabs(hv[b] - H[b][a]) / hs);
            }
            obj_hv(&p, &o, x, y, v, hv);
            for (a = 0; a < NY; a++) {
                double sum = 0;
                for (b = 0; b < NY; b++) sum += H[a][b] * v[b];
                pt_worsen(&wv[valid], fabs(hv[a] - sum) / (hs * pt_max_abs(v, NY)));
            }
        }
        for (valid = 0; valid < 2; valid++) {
            if (!tap_ok(wg[valid] <= 1e-8 && wh[valid] <= 1e-8 && wv[valid] <= 1e-8,
                        "%s, %s: gradient = central differences of the value (rel 1e-8), "
                        "hvp(e_k) = column k of the finite-difference Hessian and hvp(v) = H v "
                        "(rel 1e-8 of max |H|)", nets[t].name, valid ? "query" : "support"))
                tap_diag("got: %.3g, %.3g, %.3g  want: <= 1e-8", wg[valid], wh[valid], wv[valid]);
        }
        pt_prob_close(&p);
    }
}

/* ------------------------------------------------------------------------ */
/* Batching, initial, refusals                                              */

static void test_batching(void)
{
    pt_prob p = pt_prob_open("sinusoid", NULL, NULL, 0);
    const size_t n = 7, ny = p.ny, nx = p.nx;
    double *x = pt_dalloc(n * nx), *y = pt_dalloc(n * ny), *v = pt_dalloc(n * ny);
    double *f = pt_dalloc(n), *fg = pt_dalloc(n), *g = pt_dalloc(n * ny), *hv = pt_dalloc(n * ny);
    double *y0 = pt_dalloc(n * ny), f1, g1[1761], h1[1761], y01[1761];
    size_t i, bad = 0;
    int valid;
    amor_rng r;
    char err[256];
    pt_prob_sample(&p, 41, n, x);
    amor_rng_seed(&r, 42);
    pt_randn(y, n * ny, 0.5, &r);
    pt_randn(v, n * ny, 1.0, &r);
    for (valid = 0; valid < 2; valid++) {
        objective o = obj_of(&p, valid);
        pt_must(o.f(p.inst, n, x, y, f, err, sizeof err), o.name, err);
        pt_must(o.fg(p.inst, n, x, y, fg, g, err, sizeof err), o.name, err);
        pt_must(o.hv(p.inst, n, x, y, v, hv, err, sizeof err), o.name, err);
        for (i = 0; i < n; i++) {
            const double *xi = x + i * nx, *yi = y + i * ny;
            pt_must(o.f(p.inst, 1, xi, yi, &f1, err, sizeof err), o.name, err);
            bad += f1 != f[i] || fg[i] != f[i];
            pt_must(o.fg(p.inst, 1, xi, yi, &f1, g1, err, sizeof err), o.name, err);
            pt_must(o.hv(p.inst, 1, xi, yi, v + i * ny, h1, err, sizeof err), o.name, err);
            bad += !!memcmp(g1, g + i * ny, sizeof g1) + !!memcmp(h1, hv + i * ny, sizeof h1);
        }
    }
    pt_must(p.d.initial(p.inst, n, x, y0, err, sizeof err), "initial", err);
    pt_must(p.d.initial(p.inst, 1, x, y01, err, sizeof err), "initial", err);
    for (i = 0; i < n; i++) bad += !!memcmp(y01, y0 + i * ny, sizeof y01);
    if (!tap_ok(bad == 0, "7 contexts at once = one at a time, bit for bit: value, value_grad "
                          "(f equal to value's), hvp, their valid_* twins, initial"))
        tap_diag("got: %zu mismatches  want: 0", bad);
    free(x), free(y), free(v), free(f), free(fg), free(g), free(hv), free(y0);
    pt_prob_close(&p);
}

static void test_initial(void)
{
    pt_setting s7[] = {PT_INT("seed", 7)}, s8[] = {PT_INT("seed", 8)};
    pt_prob a = pt_prob_open("sinusoid", NULL, s7, 1), b = pt_prob_open("sinusoid", NULL, s7, 1);
    pt_prob c = pt_prob_open("sinusoid", NULL, s8, 1);
    const size_t ny = a.ny;
    double ya[1761], yb[1761], yc[1761], x[30] = {0}, s2 = 0, wmax = 0, bmax = 0;
    size_t k, nw = 0;
    char err[256];
    static const size_t boffs[][2] = {{40, 40}, {1680, 1720}, {1760, 1761}}; /* biases */
    pt_must(a.d.initial(a.inst, 1, x, ya, err, sizeof err), "initial", err);
    pt_must(b.d.initial(b.inst, 1, x, yb, err, sizeof err), "initial", err);
    pt_must(c.d.initial(c.inst, 1, x, yc, err, sizeof err), "initial", err);
    tap_ok(!memcmp(ya, yb, sizeof ya) && memcmp(ya, yc, sizeof ya),
           "initial: two instances with seed 7 agree bit for bit, seed 8 differs");
    for (k = 0; k < ny; k++) {
        int bias = 0;
        size_t t;
        for (t = 0; t < 3; t++) bias |= k >= boffs[t][0] && k < boffs[t][1];
        if (bias) {
            bmax = fmax(bmax, fabs(ya[k]));
        } else {
            wmax = fmax(wmax, fabs(ya[k]));
            s2 += ya[k] * ya[k];
            nw++;
        }
    }
    tap_ok(bmax == 0 && nw == 1720 && wmax <= 0.02 && fabs(sqrt(s2 / nw) / 0.00880 - 1) < 0.1,
           "initial: biases 0, the 1,720 weights within 2 std = 0.02 with the root mean square "
           "of N(0, 0.01^2) truncated at 2 std (0.0088) within 10%% (got %.5f, max %.4f)",
           sqrt(s2 / nw), wmax);
    pt_prob_close(&a), pt_prob_close(&b), pt_prob_close(&c);
}

static void test_refusals(void)
{
    const amor_plugin_head *h = pt_find(AMOR_KIND_PROBLEM, "sinusoid");
    const amor_problem_desc *d = (const amor_problem_desc *)h;
    params_set ps = pt_params(h);
    char err[512] = "";
    void *inst = NULL;
    int rc;
    rc = params_set_int(&ps, "shots", 0, err, sizeof err);
    if (!tap_ok(rc == AMOR_EINVAL &&
                    !strcmp(err, "parameter 'shots' of problem 'sinusoid' must be in [1, 1e+05], "
                                 "got 0"),
                "shots = 0 is refused by its declaration"))
        tap_diag("got: rc %d, '%s'", rc, err);
    rc = params_set_int(&ps, "queries", 0, err, sizeof err);
    if (!tap_ok(rc == AMOR_EINVAL &&
                    !strcmp(err, "parameter 'queries' of problem 'sinusoid' must be in [1, "
                                 "1e+05], got 0"),
                "queries = 0 is refused by its declaration"))
        tap_diag("got: rc %d, '%s'", rc, err);
    /* create refuses them too, for a host that did not validate */
    ps.values[0].i = 0, ps.values[0].r = 0;
    rc = d->create(ps.values, &inst, err, sizeof err);
    if (!tap_ok(rc == AMOR_EINVAL && !inst &&
                    !strcmp(err, "sinusoid: parameter 'shots' must be at least 1, got 0"),
                "create refuses shots = 0 with its own message"))
        tap_diag("got: rc %d, '%s'", rc, err);
    ps.values[0].i = 5, ps.values[1].i = 0;
    rc = d->create(ps.values, &inst, err, sizeof err);
    if (!tap_ok(rc == AMOR_EINVAL && !inst &&
                    !strcmp(err, "sinusoid: parameter 'queries' must be at least 1, got 0"),
                "create refuses queries = 0 with its own message"))
        tap_diag("got: rc %d, '%s'", rc, err);
    params_free(&ps);
    {
        pt_setting set[] = {PT_REAL("amplitude_min", 3), PT_REAL("amplitude_max", 2)};
        rc = pt_prob_try("sinusoid", set, PT_LEN(set), err, sizeof err);
        if (!tap_ok(rc == AMOR_EINVAL &&
                        !strcmp(err, "sinusoid: parameter 'amplitude_min' (3) must not exceed "
                                     "'amplitude_max' (2)"),
                    "amplitude_min > amplitude_max is refused naming both"))
            tap_diag("got: rc %d, '%s'", rc, err);
    }
}

int main(void)
{
    test_layout();
    test_sample();
    test_which_points();
    test_values();
    test_affine_closed_form();
    test_derivatives();
    test_symmetry();
    test_tiny_hessian();
    test_deep_derivatives();
    test_batching();
    test_initial();
    test_refusals();
    return tap_done();
}
