/*
 * t_sparse.c -- TAP tests of sparse coding: the `lasso` problem (calculus
 * against central differences, FISTA against the lasso optimality
 * conditions, batching, dictionary, sampling) and the `lista` and `psd`
 * models (LISTA from the dictionary = ISTA, gradients against central
 * differences away from the threshold kinks, batching, refusals).
 * Run from the repository root.
 */
#include "tap.h"
#include "plugtest.h"
#include "oracle.h"
#include "sparseref.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>


/* ------------------------------------------------------------------------ */
/* lasso                                                                    */

static void test_lasso_calculus(void)
{
    pt_prob p;
    const size_t n = 6;
    size_t nx, nxc, ny, i, k;
    double *x, *y, *v, *f, *fg, *g, *hv, *fd, *scr, *D, *r, lambda;
    double wf = 0, wref = 0, wg = 0, wh = 0, whref = 0;
    char err[512];
    amor_rng rng;
    pt_row fc;

    p = pt_prob_openv("lasso", NULL, "lambda", 0.3, (const char *)NULL);
    pt_prob_wrap(&p);
    nxc = p.nx, nx = p.nxm, ny = p.ny;
    tap_ok(nx == 16 && ny == 32 && nxc == 48,
           "lasso: default signal 16, code 32, contexts (signal, y_true) of 48 = nx, "
           "nx_model 16 (got %zu, %zu, %zu)", nx, ny, nxc);
    x = pt_dalloc(n * nxc), y = pt_dalloc(n * ny), v = pt_dalloc(n * ny), f = pt_dalloc(n),
    fg = pt_dalloc(n), g = pt_dalloc(n * ny), hv = pt_dalloc(n * ny), fd = pt_dalloc(ny),
    scr = pt_dalloc(ny), D = pt_dalloc(nx * ny), r = pt_dalloc(ny);
    amor_rng_seed(&rng, 11);
    pt_must(p.d.sample(p.inst, &rng, n, x, err, sizeof err), "sample", err);
    /* no coordinate within 0.1 of zero, so |.|_1 is smooth along the FD steps */
    for (k = 0; k < n * ny; k++) {
        double s = amor_rng_normal(&rng);
        y[k] = copysign(0.1 + fabs(s), s);
    }
    pt_randn(v, n * ny, 1.0, &rng);
    pt_must(p.d.dictionary(p.inst, D, &lambda, err, sizeof err), "dictionary", err);
    pt_must(p.d.value(p.inst, n, x, y, f, err, sizeof err), "value", err);
    pt_must(p.d.value_grad(p.inst, n, x, y, fg, g, err, sizeof err), "value_grad", err);
    pt_must(p.d.hvp(p.inst, n, x, y, v, hv, err, sizeof err), "hvp", err);
    fc.p = &p;
    fc.g = scr;
    for (i = 0; i < n; i++) {
        double want = ref_lasso(D, lambda, nx, ny, x + i * nxc, y + i * ny, r);
        double gs = 1.0, hs = 1.0;
        pt_worsen(&wf, fabs(f[i] - fg[i]));
        pt_worsen(&wref, fabs(f[i] - want) / fmax(1.0, fabs(want)));
        for (k = 0; k < ny; k++) { /* subgradient away from 0 = gradient */
            pt_worsen(&wref, fabs(g[i * ny + k] - (r[k] + lambda * (y[i * ny + k] > 0 ? 1 : -1))) /
                              fmax(1.0, fabs(g[i * ny + k])));
            gs = fmax(gs, fabs(g[i * ny + k]));
            hs = fmax(hs, fabs(hv[i * ny + k]));
        }
        fc.x = x + i * nxc;
        pt_fd_grad(pt_row_value, &fc, y + i * ny, ny, 1e-6, fd);
        for (k = 0; k < ny; k++) pt_worsen(&wg, fabs(fd[k] - g[i * ny + k]) / gs);
        for (k = 0; k < ny; k++) {
            double d;
            fc.comp = k;
            d = pt_fd_dir(pt_row_grad, &fc, y + i * ny, v + i * ny, ny, 1e-5);
            pt_worsen(&wh, fabs(d - hv[i * ny + k]) / hs);
        }
        /* D'D v by hand */
        {
            double *Dv = pt_dalloc(nx), *DtDv = pt_dalloc(ny);
            size_t a, b;
            for (a = 0; a < nx; a++)
                for (b = 0; b < ny; b++) Dv[a] += D[a * ny + b] * v[i * ny + b];
            for (b = 0; b < ny; b++)
                for (a = 0; a < nx; a++) DtDv[b] += D[a * ny + b] * Dv[a];
            for (b = 0; b < ny; b++)
                pt_worsen(&whref, fabs(DtDv[b] - hv[i * ny + b]) / hs);
            free(Dv), free(DtDv);
        }
    }
    tap_ok(wf == 0.0 && lambda == 0.3, "lasso: value_grad's f equals value's f exactly "
           "(max diff %g); dictionary reports lambda %g = 0.3", wf, lambda);
    tap_ok(wref <= 1e-12, "lasso: f and grad = the test's 1/2|x - Dy|^2 + lambda|y|_1 and "
           "D'(Dy - x) + lambda sign(y) from the dictionary's D (max rel err %.2g <= 1e-12)", wref);
    tap_ok(wg <= 1e-7, "lasso: gradient = central differences of value at %zu points with "
           "all |y_i| >= 0.1 (h 1e-6, max err %.2g <= 1e-7 max(1, |g|))", n, wg);
    tap_ok(wh <= 1e-8 && whref <= 1e-12, "lasso: hvp = central differences of the gradient "
           "(h 1e-5, max err %.2g <= 1e-8) and = D'D v by hand (%.2g <= 1e-12)", wh, whref);

    /* at a zero coordinate the l1 part contributes 0 (documented choice) */
    {
        double y0[32], g0[32], f0, r0[32];
        memcpy(y0, y, sizeof y0);
        y0[3] = 0.0;
        pt_must(p.d.value_grad(p.inst, 1, x, y0, &f0, g0, err, sizeof err), "value_grad", err);
        ref_lasso(D, lambda, nx, ny, x, y0, r0);
        tap_close(g0[3], r0[3], 1e-12, 1e-14,
                  "lasso: subgradient at y_i = 0 is D'(Dy - x)_i (sign(0) = 0)");
    }
    free(x), free(y), free(v), free(f), free(fg), free(g), free(hv), free(fd), free(scr),
        free(D), free(r);
    pt_prob_close(&p);
}

static void test_lasso_solve(void)
{
    pt_prob p;
    const size_t n = 24, nrand = 20;
    size_t nx, nxc, ny, i, k, q, zeros = 0, nonzeros = 0, worse = 0, trials = 0, yzero = 0;
    double *x, *ys, *fs, *D, *r, *yt, lambda, wz = 0, wnz = 0, margin = INFINITY;
    char err[512];
    amor_rng rng;

    p = pt_prob_openv("lasso", NULL, (const char *)NULL);
    pt_prob_wrap(&p);
    nxc = p.nx, nx = p.nxm, ny = p.ny;
    x = pt_dalloc(n * nxc), ys = pt_dalloc(n * ny), fs = pt_dalloc(n), D = pt_dalloc(nx * ny),
    r = pt_dalloc(ny), yt = pt_dalloc(ny);
    amor_rng_seed(&rng, 21);
    pt_must(p.d.sample(p.inst, &rng, n, x, err, sizeof err), "sample", err);
    pt_must(p.d.dictionary(p.inst, D, &lambda, err, sizeof err), "dictionary", err);
    pt_must(p.d.solve(p.inst, n, x, ys, err, sizeof err), "solve", err);
    pt_must(p.d.value(p.inst, n, x, ys, fs, err, sizeof err), "value", err);
    for (i = 0; i < n; i++) {
        const double *y = ys + i * ny;
        ref_lasso(D, lambda, nx, ny, x + i * nxc, y, r);
        for (k = 0; k < ny; k++)
            if (y[k] == 0.0) {
                zeros++;
                pt_worsen(&wz, fabs(r[k]) / lambda);
            } else {
                nonzeros++;
                pt_worsen(&wnz, fabs(r[k] + lambda * (y[k] > 0 ? 1 : -1)));
            }
        /* convexity: no perturbation, small or large, may do better */
        for (q = 0; q < nrand; q++) {
            double eps = q % 4 == 0 ? 1e-6 : q % 4 == 1 ? 1e-3 : q % 4 == 2 ? 0.1 : 1.0, fr;
            for (k = 0; k < ny; k++) yt[k] = y[k] + eps * amor_rng_normal(&rng);
            fr = ref_lasso(D, lambda, nx, ny, x + i * nxc, yt, NULL);
            trials++;
            if (!(fr >= fs[i] - 1e-13)) {
                worse++;
                tap_diag("row %zu eps %g: f %.17g < f(y*) %.17g", i, eps, fr, fs[i]);
            }
            if (eps == 1.0) margin = fmin(margin, fr - fs[i]);
        }
        /* f(0) > f(y*) unless y* = 0 (x small: lambda >= |D'x|_inf) */
        for (k = 0; k < ny && y[k] == 0.0; k++) {}
        memset(yt, 0, ny * sizeof *yt);
        if (k == ny) yzero++;
        if (!(k == ny ? ref_lasso(D, lambda, nx, ny, x + i * nxc, yt, NULL) >= fs[i]
                      : ref_lasso(D, lambda, nx, ny, x + i * nxc, yt, NULL) > fs[i])) {
            worse++;
            tap_diag("row %zu: f(0) %.17g <= f(y*) %.17g", i,
                     ref_lasso(D, lambda, nx, ny, x + i * nxc, yt, NULL), fs[i]);
        }
    }
    tap_ok(zeros > 0 && nonzeros > 0 && wz <= 1 + 1e-6,
           "lasso solve: |D'(Dy - x)_i| <= lambda (1 + 1e-6) where y_i = 0 "
           "(%zu zeros, max ratio %.12g)", zeros, wz);
    tap_ok(nonzeros > 0 && wnz <= 1e-8,
           "lasso solve: D'(Dy - x)_i = -lambda sign(y_i) where y_i != 0 (%zu nonzeros, "
           "max err %.2g <= 1e-8)", nonzeros, wnz);
    tap_ok(worse == 0 && margin > 0 && yzero < n,
           "lasso solve: f(y*) <= f(y* + eps N(0, I)) for %zu random points (eps 1e-6 .. 1) "
           "and < f(0) where y* != 0 (%zu rows have y* = 0; %zu worse; min margin at eps 1: "
           "%.3g)", trials, yzero, worse, margin);
    free(x), free(ys), free(fs), free(D), free(r), free(yt);
    pt_prob_close(&p);
}

/* One batched call against single-row calls: value, value_grad, hvp (bit
 * patterns not promised across BLAS shapes, so a tolerance) and solve. */
static void test_lasso_batch(void)
{
    pt_prob p;
    const size_t n = 150; /* crosses the plugin's 64-row blocks */
    size_t nx, ny, i;
    double *x, *y, *v, *f, *g, *hv, *ys, f1, *g1, *hv1, *ys1;
    double wv = 0, wg = 0, wh = 0, wsol = 0;
    char err[512];
    amor_rng rng;

    p = pt_prob_openv("lasso", NULL, "nx", 8.0, "ny", 12.0, (const char *)NULL);
    pt_prob_wrap(&p);
    nx = p.nx, ny = p.ny;
    x = pt_dalloc(n * nx), y = pt_dalloc(n * ny), v = pt_dalloc(n * ny), f = pt_dalloc(n),
    g = pt_dalloc(n * ny), hv = pt_dalloc(n * ny), ys = pt_dalloc(n * ny), g1 = pt_dalloc(ny),
    hv1 = pt_dalloc(ny), ys1 = pt_dalloc(ny);
    amor_rng_seed(&rng, 31);
    pt_must(p.d.sample(p.inst, &rng, n, x, err, sizeof err), "sample", err);
    pt_randn(y, n * ny, 1.0, &rng);
    pt_randn(v, n * ny, 1.0, &rng);
    pt_must(p.d.value_grad(p.inst, n, x, y, f, g, err, sizeof err), "value_grad", err);
    pt_must(p.d.hvp(p.inst, n, x, y, v, hv, err, sizeof err), "hvp", err);
    pt_must(p.d.solve(p.inst, n, x, ys, err, sizeof err), "solve", err);
    for (i = 0; i < n; i++) {
        double fv;
        pt_must(p.d.value(p.inst, 1, x + i * nx, y + i * ny, &fv, err, sizeof err), "value", err);
        pt_must(p.d.value_grad(p.inst, 1, x + i * nx, y + i * ny, &f1, g1, err, sizeof err),
             "value_grad", err);
        pt_must(p.d.hvp(p.inst, 1, x + i * nx, y + i * ny, v + i * ny, hv1, err, sizeof err),
             "hvp", err);
        pt_must(p.d.solve(p.inst, 1, x + i * nx, ys1, err, sizeof err), "solve", err);
        pt_worsen(&wv, fmax(fabs(fv - f[i]), fabs(f1 - f[i])) / fmax(1.0, fabs(f[i])));
        pt_worsen(&wg, pt_max_relerr(g1, g + i * ny, ny));
        pt_worsen(&wh, pt_max_relerr(hv1, hv + i * ny, ny));
        pt_worsen(&wsol, pt_max_absdiff(ys1, ys + i * ny, ny));
    }
    tap_ok(wv <= 1e-14 && wg <= 1e-14 && wh <= 1e-14,
           "lasso: batch of %zu = single-row calls for value, value_grad, hvp "
           "(max rel err %.2g, %.2g, %.2g <= 1e-14)", n, wv, wg, wh);
    tap_ok(wsol <= 1e-10, "lasso: batched solve = single-row solves (max abs diff %.2g "
           "<= 1e-10)", wsol);
    free(x), free(y), free(v), free(f), free(g), free(hv), free(ys), free(g1), free(hv1),
        free(ys1);
    pt_prob_close(&p);
}

static void test_lasso_dictionary_sample(void)
{
    pt_prob p, q, s;
    size_t nx, ny, i, j;
    double *D, *D2, *D3, lambda = -1, wcol = 0;
    char err[512];

    p = pt_prob_openv("lasso", NULL, "nx", 10.0, "ny", 20.0, "dict_seed", 5.0, (const char *)NULL);
    pt_prob_wrap(&p);
    q = pt_prob_openv("lasso", NULL, "nx", 10.0, "ny", 20.0, "dict_seed", 5.0, (const char *)NULL);
    pt_prob_wrap(&q);
    s = pt_prob_openv("lasso", NULL, "nx", 10.0, "ny", 20.0, "dict_seed", 6.0, (const char *)NULL);
    pt_prob_wrap(&s);
    nx = p.nxm, ny = p.ny;
    D = pt_dalloc(nx * ny), D2 = pt_dalloc(nx * ny), D3 = pt_dalloc(nx * ny);
    pt_must(p.d.dictionary(p.inst, D, &lambda, err, sizeof err), "dictionary", err);
    pt_must(q.d.dictionary(q.inst, D2, NULL, err, sizeof err), "dictionary", err);
    pt_must(s.d.dictionary(s.inst, D3, NULL, err, sizeof err), "dictionary", err);
    pt_must(p.d.dictionary(p.inst, NULL, NULL, err, sizeof err), "dictionary", err);
    for (j = 0; j < ny; j++) {
        double c = 0.0;
        for (i = 0; i < nx; i++) c += D[i * ny + j] * D[i * ny + j];
        pt_worsen(&wcol, fabs(sqrt(c) - 1.0));
    }
    tap_ok(wcol <= 1e-14 && lambda == 0.1,
           "lasso dictionary: D (10 x 20) has unit columns (max | |d_j| - 1 | %.2g) and "
           "lambda = 0.1 (default)", wcol);
    tap_ok(!memcmp(D, D2, nx * ny * sizeof *D) && pt_max_absdiff(D, D3, nx * ny) > 0.1,
           "lasso dictionary: same dict_seed gives the same D, another seed another D "
           "(outputs may be NULL)");
    tap_ok(p.oc.table.dictionary != NULL && p.oc.table.project == NULL,
           "lasso: the oracle exposes dictionary, no projection");

    /* p(x): x = (s, y_true), s = D y_true + noise e, drawn as documented;
     * E|s|^2 = ny sparsity + nx noise^2 for unit columns */
    {
        const size_t n = 4000, nxc = p.nx;
        double *x = pt_dalloc(n * nxc), *x2 = pt_dalloc(n * nxc), *ref = pt_dalloc(n * nxc);
        double m2 = 0.0, want, wdraw;
        size_t nnz = 0, r;
        amor_rng r1, r2, r3;
        amor_rng_seed(&r1, 41);
        amor_rng_seed(&r2, 41);
        amor_rng_seed(&r3, 41);
        pt_must(p.d.sample(p.inst, &r1, n, x, err, sizeof err), "sample", err);
        pt_must(p.d.sample(p.inst, &r2, n, x2, err, sizeof err), "sample", err);
        for (i = 0; i < n; i++) { /* the test's own draw, in the documented order */
            double *ri = ref + i * nxc;
            for (j = 0; j < ny; j++)
                if (amor_rng_uniform(&r3) < 0.1) {
                    double c = amor_rng_normal(&r3);
                    ri[nx + j] = c;
                    for (r = 0; r < nx; r++) ri[r] += c * D[r * ny + j];
                }
            for (r = 0; r < nx; r++) ri[r] += 0.01 * amor_rng_normal(&r3);
            for (r = 0; r < nx; r++) m2 += x[i * nxc + r] * x[i * nxc + r];
            for (j = 0; j < ny; j++) nnz += x[i * nxc + nx + j] != 0.0;
        }
        wdraw = pt_max_absdiff(x, ref, n * nxc);
        m2 /= (double)n;
        want = (double)ny * 0.1 + (double)nx * 1e-4;
        tap_ok(nxc == nx + ny && p.nxm == 10 && wdraw <= 1e-13,
               "lasso sample: x = (s, y_true) (%zu = %zu + %zu entries, nx_model %zu): "
               "y_true and s = D y_true + 0.01 e as the test draws them from the same rng "
               "(max diff %.2g <= 1e-13)", nxc, nx, ny, p.nxm, wdraw);
        tap_ok(!memcmp(x, x2, n * nxc * sizeof *x) && fabs(m2 - want) <= 0.1 * want &&
                   fabs((double)nnz / (double)(n * ny) - 0.1) <= 0.01,
               "lasso sample: reproducible from the rng; mean |s|^2 %.4g within 10%% of "
               "ny sparsity + nx noise^2 = %.4g; nonzero fraction of y_true %.4g ~ 0.1 "
               "(n %zu)", m2, want, (double)nnz / (double)(n * ny), n);
        free(x), free(x2), free(ref);
    }
    {
        pt_prob z;
        double x[100];
        amor_rng r;
        int allzero = 1;
        z = pt_prob_openv("lasso", NULL, "nx", 4.0, "ny", 6.0, "sparsity", 0.0, "noise", 0.0,
                  (const char *)NULL);
        pt_prob_wrap(&z);
        amor_rng_seed(&r, 1);
        pt_must(z.d.sample(z.inst, &r, 10, x, err, sizeof err), "sample", err);
        for (i = 0; i < 100; i++) allzero &= x[i] == 0.0;
        tap_ok(allzero && z.nx == 10, "lasso sample: sparsity 0 and noise 0 give x = (s, y_true) "
               "= 0 (10 entries each)");
        pt_prob_close(&z);
    }
    free(D), free(D2), free(D3);
    pt_prob_close(&p), pt_prob_close(&q), pt_prob_close(&s);
}

/* ------------------------------------------------------------------------ */
/* Models                                                                   */

/* backward (after a training forward) against central differences over all
 * theta, accumulation onto a non-zero dtheta.  Returns the max rel err and
 * sets *acc to the accumulation error and *gmax to max |grad|. */
static double grad_vs_fd(const pt_model *mi, double *theta, size_t n, const double *x,
                         const double *G, double h, double *acc, double *gmax)
{
    char err[256];
    size_t len = mi->T * n * mi->ny, k;
    double *it = pt_dalloc(len), *g = pt_dalloc(mi->np), *g2 = pt_dalloc(mi->np);
    double *fd = pt_dalloc(mi->np);
    void *ws = pt_model_ws(mi, n);
    pt_model_fd c = {mi, n, x, G, it, ws, 0};
    double e;
    pt_model_forward(mi, theta, n, x, it, ws, AMOR_FORWARD_TRAIN);
    pt_must(mi->d->backward(mi->m, theta, n, x, G, g, ws, err, sizeof err), "backward", err);
    for (k = 0; k < mi->np; k++) g2[k] = 1.0 + (double)k;
    pt_must(mi->d->backward(mi->m, theta, n, x, G, g2, ws, err, sizeof err), "backward", err);
    *acc = 0.0;
    *gmax = 0.0;
    for (k = 0; k < mi->np; k++) {
        pt_worsen(acc, fabs(g2[k] - (g[k] + 1.0 + (double)k)) / fmax(1.0, fabs(g2[k])));
        *gmax = fmax(*gmax, fabs(g[k]));
    }
    pt_fd_grad(pt_model_fd_loss, &c, theta, mi->np, h, fd);
    e = pt_max_relerr(g, fd, mi->np);
    if (!(e <= 1e-5))
        for (k = 0; k < mi->np && k < 10; k++)
            tap_diag("theta[%zu]: got: %.12g  want: %.12g", k, g[k], fd[k]);
    free(it), free(g), free(g2), free(fd), free(ws);
    return e;
}

/* The test's own LISTA forward with the documented theta layout
 * [W (ny, nx) | S (ny, ny) | beta (nb, ny)]: iterates (K+1, n, ny); returns
 * min over all layers of | |z| - max(beta, 0) | (distance to a kink). */
static double ref_lista(const double *theta, size_t nx, size_t ny, size_t K, size_t nb,
                        size_t n, const double *x, double *it)
{
    const double *W = theta, *S = W + ny * nx, *beta = S + ny * ny;
    double kink = INFINITY, *z = pt_dalloc(ny);
    size_t t, i, j, k;
    memset(it, 0, n * ny * sizeof *it);
    for (t = 1; t <= K; t++)
        for (i = 0; i < n; i++) {
            const double *yp = it + (t - 1) * n * ny + i * ny;
            double *yt = it + t * n * ny + i * ny;
            const double *bt = nb == 1 ? beta : beta + (t - 1) * ny;
            for (j = 0; j < ny; j++) {
                double s = 0.0, b = fmax(bt[j], 0.0);
                for (k = 0; k < nx; k++) s += W[j * nx + k] * x[i * nx + k];
                for (k = 0; k < ny; k++) s += S[j * ny + k] * yp[k];
                z[j] = s;
                kink = fmin(kink, fabs(fabs(s) - b));
                yt[j] = soft(s, b);
            }
        }
    free(z);
    return kink;
}

static void test_lista_ista(void)
{
    pt_prob p;
    pt_model a, b;
    const size_t n = 10, K = 5;
    size_t nx, nxc, ny, T, i, k, t, nz = 0;
    double *x, *xc, *D, *G, *theta, *theta2, *it, *it2, *ref, lambda, L, tr, e;
    void *ws;
    char err[512];
    amor_rng rng;
    static const pt_setting per[] = {PT_TEXT("init", "dictionary"),
                                     PT_TEXT("threshold", "per_layer")};
    static const pt_setting shr[] = {PT_TEXT("init", "dictionary"), PT_TEXT("threshold", "shared")};

    p = pt_prob_openv("lasso", NULL, (const char *)NULL);
    pt_prob_wrap(&p);
    nxc = p.nx, nx = p.nxm, ny = p.ny;
    pt_model_open_view(&a, "lista", &p, per, PT_LEN(per));
    pt_model_open_view(&b, "lista", &p, shr, PT_LEN(shr));
    T = a.T;
    tap_ok(T == K + 1 && b.T == K + 1 && a.nx == 16 &&
               a.np == ny * nx + ny * ny + K * ny && b.np == ny * nx + ny * ny + ny,
           "lista on lasso: created with the signal width %zu, T = steps + 1 = %zu, theta = "
           "W + S + beta (%zu per_layer, %zu shared)", a.nx, T, a.np, b.np);

    x = pt_dalloc(n * nx), xc = pt_dalloc(n * nxc), D = pt_dalloc(nx * ny), theta = pt_dalloc(a.np), theta2 = pt_dalloc(b.np),
    it = pt_dalloc(T * n * ny), it2 = pt_dalloc(T * n * ny), ref = pt_dalloc(T * n * ny);
    amor_rng_seed(&rng, 51);
    pt_must(p.d.sample(p.inst, &rng, n, xc, err, sizeof err), "sample", err);
    oracle_visible_rows(&p.oc, n, xc, x);
    pt_must(p.d.dictionary(p.inst, D, &lambda, err, sizeof err), "dictionary", err);
    G = gram_of(D, nx, ny);
    L = jacobi_maxeig(G, ny, &tr);
    free(G);
    tap_ok(fabs(tr - (double)ny) <= 1e-10 && L >= 1.0 && L <= (double)ny,
           "test's Jacobi eigen-solve: trace of D'D = ny = %zu (got %.15g), "
           "L = %.15g in [1, ny]", ny, tr, L);

    /* ISTA from 0: y <- soft(y - D'(Dy - x)/L, lambda/L) */
    memset(ref, 0, n * ny * sizeof *ref);
    for (t = 1; t <= K; t++)
        for (i = 0; i < n; i++) {
            const double *yp = ref + (t - 1) * n * ny + i * ny;
            double *yt = ref + t * n * ny + i * ny, r[64];
            ref_lasso(D, lambda, nx, ny, x + i * nx, yp, r);
            for (k = 0; k < ny; k++) yt[k] = soft(yp[k] - r[k] / L, lambda / L);
        }
    for (k = K * n * ny; k < T * n * ny; k++) nz += ref[k] != 0.0;

    pt_must(a.d->init(a.m, &rng, theta, err, sizeof err), "init", err);
    pt_must(b.d->init(b.m, &rng, theta2, err, sizeof err), "init", err);
    ws = pt_model_ws(&a, n);
    pt_model_forward(&a, theta, n, x, it, ws, 0);
    free(ws);
    ws = pt_model_ws(&b, n);
    pt_model_forward(&b, theta2, n, x, it2, ws, 0);
    free(ws);
    e = pt_max_absdiff(it, ref, T * n * ny);
    tap_ok(e <= 1e-12 && nz > 0 && nz < n * ny,
           "lista init=dictionary: all %zu iterates = %zu ISTA steps from 0 computed by the "
           "test with L from a Jacobi eigen-solve (max abs diff %.2g <= 1e-12; %zu of %zu "
           "final coordinates nonzero)", T, K, e, nz, n * ny);
    tap_ok(!memcmp(it, it2, T * n * ny * sizeof *it),
           "lista init=dictionary: shared and per_layer thresholds give the same iterates");
    free(x), free(xc), free(D), free(theta), free(theta2), free(it), free(it2), free(ref);
    pt_model_close(&a), pt_model_close(&b);
    pt_prob_close(&p);
}

/* Gradients of lista on a small lasso, all four combinations of threshold
 * and init, at points where no |z| is within 1e-4 of its threshold. */
static void test_lista_grad(void)
{
    pt_prob p;
    const size_t n = 3, K = 3;
    size_t nx, ny, c;
    char err[512];
    p = pt_prob_openv("lasso", NULL, "nx", 4.0, "ny", 6.0, (const char *)NULL);
    pt_prob_wrap(&p);
    nx = p.nxm, ny = p.ny;
    for (c = 0; c < 4; c++) {
        const char *thr = c & 1 ? "shared" : "per_layer", *init = c & 2 ? "random" : "dictionary";
        const pt_setting set[] = {PT_TEXT("threshold", thr), PT_TEXT("init", init),
                                  PT_TEXT("steps", "3")};
        pt_model m;
        amor_rng rng;
        double *theta, *x = pt_dalloc(n * nx), *G, *it, *ref, kink = 0, e, acc, gmax, fe;
        size_t k, tries = 0, nb, nz = 0;
        void *ws;
        pt_model_open_view(&m, "lista", &p, set, PT_LEN(set));
        nb = c & 1 ? 1 : K;
        theta = pt_dalloc(m.np), G = pt_dalloc(m.T * n * ny), it = pt_dalloc(m.T * n * ny),
        ref = pt_dalloc(m.T * n * ny);
        amor_rng_seed(&rng, 60 + c);
        pt_must(m.d->init(m.m, &rng, theta, err, sizeof err), "init", err);
        for (k = 0; k < m.np; k++) {
            if (k >= ny * nx + ny * ny) /* thresholds: positive, spread out */
                theta[k] = 0.05 + 0.2 * amor_rng_uniform(&rng);
            else
                theta[k] += 0.1 * amor_rng_normal(&rng);
        }
        pt_randn(G, m.T * n * ny, 1.0, &rng);
        do {
            pt_randn(x, n * nx, 1.0, &rng);
            kink = ref_lista(theta, nx, ny, K, nb, n, x, ref);
        } while (kink < 1e-4 && ++tries < 1000);
        ws = pt_model_ws(&m, n);
        pt_model_forward(&m, theta, n, x, it, ws, 0);
        free(ws);
        fe = pt_max_absdiff(it, ref, m.T * n * ny);
        for (k = n * ny; k < m.T * n * ny; k++) nz += it[k] != 0.0;
        e = grad_vs_fd(&m, theta, n, x, G, 1e-6, &acc, &gmax);
        tap_ok(kink >= 1e-4 && fe <= 1e-13 && nz > 0 && nz < K * n * ny,
               "lista threshold=%s init=%s: forward = the documented layout computed by the test "
               "(max diff %.2g); point %.2g >= 1e-4 from every kink; %zu of %zu layer "
               "outputs nonzero", thr, init, fe, kink, nz, K * n * ny);
        tap_ok(e <= 1e-5 && acc <= 1e-14 && gmax > 0.1,
               "lista threshold=%s init=%s: backward = central differences over all %zu theta of "
               "sum_t G_t.y^t (h 1e-6, max rel err %.2g <= 1e-5); accumulates (%.2g)",
               thr, init, m.np, e, acc);
        free(theta), free(x), free(G), free(it), free(ref);
        pt_model_close(&m);
    }

    /* a negative threshold acts as 0 and gets no gradient */
    {
        static const pt_setting set[] = {PT_TEXT("threshold", "shared"), PT_TEXT("init", "random"),
                                         PT_TEXT("steps", "2")};
        pt_model m;
        amor_rng rng;
        double *theta, x[12], *G, *g, acc, gmax;
        size_t k, ob = ny * nx + ny * ny;
        pt_model_open_view(&m, "lista", &p, set, PT_LEN(set));
        theta = pt_dalloc(m.np), G = pt_dalloc(m.T * n * ny), g = pt_dalloc(m.np);
        amor_rng_seed(&rng, 70);
        pt_must(m.d->init(m.m, &rng, theta, err, sizeof err), "init", err);
        for (k = 0; k < ny; k++) theta[ob + k] = k % 2 ? -0.2 : 0.1 + 0.05 * (double)k;
        pt_randn(x, n * nx, 1.0, &rng);
        pt_randn(G, m.T * n * ny, 1.0, &rng);
        (void)grad_vs_fd(&m, theta, n, x, G, 1e-6, &acc, &gmax);
        {
            void *ws = pt_model_ws(&m, n);
            double *it = pt_dalloc(m.T * n * ny), *ref = pt_dalloc(m.T * n * ny);
            int dead = 1;
            pt_model_forward(&m, theta, n, x, it, ws, AMOR_FORWARD_TRAIN);
            pt_must(m.d->backward(m.m, theta, n, x, G, g, ws, err, sizeof err), "backward", err);
            ref_lista(theta, nx, ny, 2, 1, n, x, ref);
            for (k = 1; k < ny; k += 2) dead &= g[ob + k] == 0.0;
            tap_ok(dead && g[ob] != 0.0 && pt_max_absdiff(it, ref, m.T * n * ny) <= 1e-13,
                   "lista: a negative threshold acts as max(beta, 0) = 0 with zero gradient");
            free(ws), free(it), free(ref);
        }
        free(theta), free(G), free(g);
        pt_model_close(&m);
    }
    pt_prob_close(&p);
}

static void test_lista_refusals(void)
{
    pt_prob q;
    pt_model m;
    char err[512] = "";
    int rc;
    static const pt_setting dict[] = {PT_TEXT("init", "dictionary")};
    static const pt_setting rnd[] = {PT_TEXT("init", "random")};
    q = pt_prob_openv("quadratic", NULL, "dim", 3.0, (const char *)NULL);
    pt_prob_wrap(&q);
    rc = pt_model_make(&m, "lista", &q.oc.table, 3, 3, dict, PT_LEN(dict), err, sizeof err);
    tap_ok(rc != 0 && strstr(err, "'init'") && strstr(err, "dictionary"),
           "lista init=dictionary on quadratic (no dictionary) is refused naming 'init' "
           "and the capability (%s)", err);
    if (!rc) pt_model_close(&m);
    err[0] = 0;
    rc = pt_model_make(&m, "lista", &pt_no_oracle, 3, 3, NULL, 0, err, sizeof err);
    tap_ok(rc != 0 && strstr(err, "'init'"),
           "lista with defaults and an oracle without capabilities is refused (%s)", err);
    if (!rc) pt_model_close(&m);
    err[0] = 0;
    rc = pt_model_make(&m, "lista", &q.oc.table, 3, 3, rnd, PT_LEN(rnd), err, sizeof err);
    tap_ok(rc == 0, "lista init=random works on any problem (%s)", err);
    if (!rc) {
        amor_rng r;
        double *theta = pt_dalloc(m.np);
        size_t k, ok = 1;
        amor_rng_seed(&r, 3);
        pt_must(m.d->init(m.m, &r, theta, err, sizeof err), "init", err);
        for (k = 9 + 9; k < m.np; k++) ok &= theta[k] == 0.1;
        tap_ok(ok && m.np == 9 + 9 + 5 * 3, "lista init=random: thresholds = threshold0 0.1");
        free(theta);
        pt_model_close(&m);
    }
    pt_prob_close(&q);
}

/* ------------------------------------------------------------------------ */
/* psd                                                                      */

static void test_psd(void)
{
    static const pt_setting set[] = {PT_TEXT("hidden", "5")};
    pt_model m;
    const size_t nx = 4, ny = 6, n = 9;
    double *theta, *x, *G, *it, *one, e, acc, gmax, wb = 0;
    size_t k, i;
    void *ws;
    amor_rng rng;
    pt_model_open(&m, "psd", &pt_no_oracle, nx, ny, set, PT_LEN(set));
    tap_ok(m.d->needs == 0 && m.T == 1 && m.np == 5 * (nx + 1) + ny * (5 + 1),
           "psd: needs 0, T = 1, theta = F, f, D_p, d_p (%zu)", m.np);
    theta = pt_dalloc(m.np), x = pt_dalloc(n * nx), G = pt_dalloc(n * ny), it = pt_dalloc(n * ny),
    one = pt_dalloc(ny);
    amor_rng_seed(&rng, 80);
    pt_model_init(&m, &rng, 0.3, theta);
    pt_randn(x, n * nx, 1.0, &rng);
    pt_randn(G, n * ny, 1.0, &rng);
    e = grad_vs_fd(&m, theta, n, x, G, 1e-6, &acc, &gmax);
    tap_ok(e <= 1e-6 && acc <= 1e-14 && gmax > 0.1,
           "psd: backward = central differences over all %zu theta (max rel err %.2g "
           "<= 1e-6); accumulates (%.2g)", m.np, e, acc);
    ws = pt_model_ws(&m, n);
    pt_model_forward(&m, theta, n, x, it, ws, 0);
    for (i = 0; i < n; i++) {
        pt_model_forward(&m, theta, 1, x + i * nx, one, ws, 0);
        pt_worsen(&wb, pt_max_absdiff(one, it + i * ny, ny));
    }
    {
        /* y = D_p tanh(F x + f) + d_p by hand, row 0 */
        const double *F = theta, *f = F + 5 * nx, *Dp = f + 5, *dp = Dp + ny * 5;
        double h[5], w = 0;
        size_t j;
        for (j = 0; j < 5; j++) {
            double s = f[j];
            for (k = 0; k < nx; k++) s += F[j * nx + k] * x[k];
            h[j] = tanh(s);
        }
        for (i = 0; i < ny; i++) {
            double s = dp[i];
            for (j = 0; j < 5; j++) s += Dp[i * 5 + j] * h[j];
            pt_worsen(&w, fabs(s - it[i]));
        }
        tap_ok(wb <= 1e-14 && w <= 1e-14,
               "psd: batch of %zu = single forwards (max diff %.2g), and = D_p tanh(F x + f) "
               "+ d_p by hand (%.2g)", n, wb, w);
    }
    free(ws), free(theta), free(x), free(G), free(it), free(one);
    pt_model_close(&m);
}

int main(void)
{
    test_lasso_calculus();
    test_lasso_solve();
    test_lasso_batch();
    test_lasso_dictionary_sample();
    test_lista_ista();
    test_lista_grad();
    test_lista_refusals();
    test_psd();
    (void)tap_skip_all;
    (void)tap_diag;
    if (pt_loader_) loader_free(pt_loader_);
    return tap_done();
}
