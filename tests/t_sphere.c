/*
 * t_sphere.c -- TAP tests of the `sphere` problem (c-convex functions on
 * S^2): gradient and HVP against central differences, batch invariance,
 * y* against a dense Fibonacci grid of the sphere, the projection and its
 * VJP, closed forms of the one-component and hard-min cases, sampling.
 * Run from the repository root.
 */
#include "tap.h"
#include "plugtest.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Tolerances (see each check for what they bound). */
#define FD_H 1e-6        /* central-difference step */
#define FD_RTOL 1e-6     /* FD error allowed, relative to max(1, |g|_inf) */
#define GRID_N 20000     /* Fibonacci points on S^2 for the y* check */
#define GRID_TOL 1e-10   /* f(y*) <= min over the grid + this */
#define RGRAD_TOL 1e-8   /* |Riemannian gradient at y*| */

typedef struct prob {
    const char *label;
    const amor_problem_desc *d;
    void *inst;
    size_t nx, ny;
} prob;

static double *dalloc(size_t n)
{
    double *p = calloc(n ? n : 1, sizeof *p);
    if (!p) {
        printf("Bail out! out of memory\n");
        exit(1);
    }
    return p;
}

/* sphere with NULL-terminated (name, double) parameter pairs; bails out on failure. */
static prob sph_open(const char *label, ...)
{
    prob p;
    params_set ps;
    char err[1024] = "";
    const char *pname;
    va_list ap;
    p.label = label;
    p.d = (const amor_problem_desc *)pt_find(AMOR_KIND_PROBLEM, "sphere");
    ps = pt_params(&p.d->head);
    va_start(ap, label);
    while ((pname = va_arg(ap, const char *)) != NULL) {
        double v = va_arg(ap, double);
        pt_must(params_set_real(&ps, pname, v, err, sizeof err), "set parameter", err);
    }
    va_end(ap);
    pt_must(p.d->create(ps.values, &p.inst, err, sizeof err), "create", err);
    params_free(&ps);
    p.d->dims(p.inst, &p.nx, &p.ny);
    return p;
}

static void sph_close(prob *p) { p->d->destroy(p->inst); }

/* *w = max(*w, e), with NaN winning. */
static void worsen(double *w, double e)
{
    if (!(e <= *w)) *w = isnan(e) ? INFINITY : e;
}

static double max_abs(const double *v, size_t n)
{
    double m = 0.0;
    size_t i;
    for (i = 0; i < n; i++) worsen(&m, fabs(v[i]));
    return m;
}

static double norm3(const double *v) { return sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]); }

/* Scalar views of one row for pt_fd_*. */
typedef struct fd_ctx {
    prob *p;
    const double *x;
    size_t comp;
    double g[3];
} fd_ctx;

static double fd_value(void *c, const double *y)
{
    fd_ctx *fc = c;
    double f;
    char err[256];
    pt_must(fc->p->d->value(fc->p->inst, 1, fc->x, y, &f, err, sizeof err), "value", err);
    return f;
}

static double fd_grad_comp(void *c, const double *y)
{
    fd_ctx *fc = c;
    double f;
    char err[256];
    pt_must(fc->p->d->value_grad(fc->p->inst, 1, fc->x, y, &f, fc->g, err, sizeof err),
            "value_grad", err);
    return fc->g[fc->comp];
}

static double fd_proj_comp(void *c, const double *y)
{
    fd_ctx *fc = c;
    double q[3] = {y[0], y[1], y[2]};
    char err[256];
    pt_must(fc->p->d->project(fc->p->inst, 1, fc->x, q, err, sizeof err), "project", err);
    return q[fc->comp];
}

/* ------------------------------------------------------------------------ */

/* value vs value_grad, gradient and HVP vs central differences at npts
 * points: contexts from sample(), y and v ~ N(0, I_3) times yscale (so |y|
 * ranges over (0, a few yscale) and the 1/|y| factors are exercised). */
static void check_calculus(prob *p, uint64_t seed, size_t npts, double yscale)
{
    size_t nx = p->nx, i, k;
    double *x = dalloc(npts * nx), *y = dalloc(npts * 3), *v = dalloc(npts * 3);
    double *f = dalloc(npts), *fg = dalloc(npts), *g = dalloc(npts * 3), *hv = dalloc(npts * 3);
    double fd[3], worst_f = 0, worst_g = 0, worst_h = 0;
    char err[512];
    amor_rng rng;
    fd_ctx fc;
    amor_rng_seed(&rng, seed);
    pt_must(p->d->sample(p->inst, &rng, npts, x, err, sizeof err), "sample", err);
    for (i = 0; i < npts * 3; i++) {
        y[i] = yscale * amor_rng_normal(&rng);
        v[i] = amor_rng_normal(&rng);
    }
    pt_must(p->d->value(p->inst, npts, x, y, f, err, sizeof err), "value", err);
    pt_must(p->d->value_grad(p->inst, npts, x, y, fg, g, err, sizeof err), "value_grad", err);
    pt_must(p->d->hvp(p->inst, npts, x, y, v, hv, err, sizeof err), "hvp", err);
    fc.p = p;
    for (i = 0; i < npts; i++) {
        double gs, hs, h = FD_H * norm3(y + 3 * i); /* step relative to |y| */
        if (!(f[i] == fg[i])) worsen(&worst_f, fabs(f[i] - fg[i]));
        fc.x = x + i * nx;
        pt_fd_grad(fd_value, &fc, y + 3 * i, 3, h, fd);
        gs = fmax(1.0, max_abs(g + 3 * i, 3));
        for (k = 0; k < 3; k++) worsen(&worst_g, fabs(fd[k] - g[3 * i + k]) / gs);
        hs = fmax(1.0, max_abs(hv + 3 * i, 3));
        for (k = 0; k < 3; k++) {
            fc.comp = k;
            worsen(&worst_h,
                   fabs(pt_fd_dir(fd_grad_comp, &fc, y + 3 * i, v + 3 * i, 3, h) - hv[3 * i + k]) /
                       hs);
        }
    }
    if (!tap_ok(worst_f == 0.0, "%s: value_grad's f equals value's f exactly (%zu points)",
                p->label, npts))
        tap_diag("largest |f_vg - f_v|: %g", worst_f);
    if (!tap_ok(worst_g <= FD_RTOL, "%s: gradient through y/|y| matches central differences "
                "(h %g |y|, err <= %g max(1, |g|), |y| ~ %g)", p->label, FD_H, FD_RTOL, yscale))
        tap_diag("got: worst relative error %.3g  want: <= %g", worst_g, FD_RTOL);
    if (!tap_ok(worst_h <= FD_RTOL, "%s: HVP matches central differences of the gradient "
                "(h %g |y|, err <= %g max(1, |Hv|))", p->label, FD_H, FD_RTOL))
        tap_diag("got: worst relative error %.3g  want: <= %g", worst_h, FD_RTOL);
    free(x), free(y), free(v), free(f), free(fg), free(g), free(hv);
}

/* One batched call over n rows against n single-row calls, bit for bit
 * (every entry point works row by row). */
static void check_batch(prob *p, uint64_t seed, size_t n)
{
    size_t nx = p->nx, i, k, bad = 0;
    double *x = dalloc(n * nx), *y = dalloc(n * 3), *v = dalloc(n * 3), *fb = dalloc(n);
    double *fvb = dalloc(n), *gb = dalloc(n * 3), *hb = dalloc(n * 3), *sb = dalloc(n * 3);
    double *pb = dalloc(n * 3), *jb = dalloc(n * 3);
    char err[512];
    amor_rng rng;
    amor_rng_seed(&rng, seed);
    pt_must(p->d->sample(p->inst, &rng, n, x, err, sizeof err), "sample", err);
    for (i = 0; i < n * 3; i++) {
        y[i] = amor_rng_normal(&rng);
        v[i] = amor_rng_normal(&rng);
    }
    memcpy(pb, y, n * 3 * sizeof *y);
    pt_must(p->d->value(p->inst, n, x, y, fb, err, sizeof err), "value", err);
    pt_must(p->d->value_grad(p->inst, n, x, y, fvb, gb, err, sizeof err), "value_grad", err);
    pt_must(p->d->hvp(p->inst, n, x, y, v, hb, err, sizeof err), "hvp", err);
    pt_must(p->d->solve(p->inst, n, x, sb, err, sizeof err), "solve", err);
    pt_must(p->d->project(p->inst, n, x, pb, err, sizeof err), "project", err);
    pt_must(p->d->project_vjp(p->inst, n, x, y, v, jb, err, sizeof err), "project_vjp", err);
    for (i = 0; i < n; i++) {
        const double *xi = x + i * nx, *yi = y + 3 * i;
        double f1, fv1, g1[3], h1[3], s1[3], p1[3] = {yi[0], yi[1], yi[2]}, j1[3];
        pt_must(p->d->value(p->inst, 1, xi, yi, &f1, err, sizeof err), "value", err);
        pt_must(p->d->value_grad(p->inst, 1, xi, yi, &fv1, g1, err, sizeof err), "value_grad", err);
        pt_must(p->d->hvp(p->inst, 1, xi, yi, v + 3 * i, h1, err, sizeof err), "hvp", err);
        pt_must(p->d->solve(p->inst, 1, xi, s1, err, sizeof err), "solve", err);
        pt_must(p->d->project(p->inst, 1, xi, p1, err, sizeof err), "project", err);
        pt_must(p->d->project_vjp(p->inst, 1, xi, yi, v + 3 * i, j1, err, sizeof err),
                "project_vjp", err);
        bad += !(f1 == fb[i]) + !(fv1 == fvb[i]);
        for (k = 0; k < 3; k++)
            bad += !(g1[k] == gb[3 * i + k]) + !(h1[k] == hb[3 * i + k]) +
                   !(s1[k] == sb[3 * i + k]) + !(p1[k] == pb[3 * i + k]) +
                   !(j1[k] == jb[3 * i + k]);
    }
    if (!tap_ok(bad == 0, "%s: batched value/value_grad/hvp/solve/project/project_vjp over "
                "n = %zu equal one-at-a-time calls exactly", p->label, n))
        tap_diag("got: %zu differing entries  want: 0", bad);
    free(x), free(y), free(v), free(fb), free(fvb), free(gb), free(hb), free(sb), free(pb),
        free(jb);
}

/* y* of nsolve sampled contexts: unit norm, f(y*) <= min over GRID_N
 * Fibonacci points + GRID_TOL, Riemannian gradient (the gradient at a unit
 * point is tangent) <= RGRAD_TOL, and the Riemannian Hessian there is
 * positive semidefinite (a minimum, not a saddle). */
static void check_solve(prob *p, uint64_t seed, size_t nsolve)
{
    size_t nx = p->nx, i, k;
    double *x = dalloc(nsolve * nx), *ys = dalloc(nsolve * 3), *fs = dalloc(nsolve);
    double *gs = dalloc(nsolve * 3), *grid = dalloc(GRID_N * 3), *xr = dalloc(GRID_N * nx);
    double *fg = dalloc(GRID_N);
    double worst_gap = -INFINITY, worst_norm = 0, worst_grad = 0, min_eig = INFINITY;
    double mean_margin = 0.0;
    char err[512];
    amor_rng rng;
    for (k = 0; k < GRID_N; k++) {
        double zc = 1.0 - (2.0 * (double)k + 1.0) / GRID_N, rc = sqrt(1.0 - zc * zc);
        double ph = (double)k * M_PI * (3.0 - sqrt(5.0));
        grid[3 * k] = rc * cos(ph), grid[3 * k + 1] = rc * sin(ph), grid[3 * k + 2] = zc;
    }
    amor_rng_seed(&rng, seed);
    pt_must(p->d->sample(p->inst, &rng, nsolve, x, err, sizeof err), "sample", err);
    pt_must(p->d->solve(p->inst, nsolve, x, ys, err, sizeof err), "solve", err);
    pt_must(p->d->value_grad(p->inst, nsolve, x, ys, fs, gs, err, sizeof err), "value_grad", err);
    for (i = 0; i < nsolve; i++) {
        double fmin = INFINITY, b1[3], b2[3], h1[3], h2[3], a11, a12, a22, tr, det;
        const double *u = ys + 3 * i;
        for (k = 0; k < GRID_N; k++) memcpy(xr + k * nx, x + i * nx, nx * sizeof *x);
        pt_must(p->d->value(p->inst, GRID_N, xr, grid, fg, err, sizeof err), "value", err);
        for (k = 0; k < GRID_N; k++) fmin = fmin < fg[k] ? fmin : fg[k];
        worsen(&worst_gap, fs[i] - fmin);
        mean_margin += (fmin - fs[i]) / nsolve;
        worsen(&worst_norm, fabs(norm3(u) - 1.0));
        worsen(&worst_grad, norm3(gs + 3 * i));
        /* Riemannian Hessian in a tangent basis */
        b1[0] = -u[1], b1[1] = u[0], b1[2] = 0.0;
        if (norm3(b1) < 0.5) b1[0] = 0.0, b1[1] = -u[2], b1[2] = u[1];
        a11 = norm3(b1);
        for (k = 0; k < 3; k++) b1[k] /= a11;
        b2[0] = u[1] * b1[2] - u[2] * b1[1];
        b2[1] = u[2] * b1[0] - u[0] * b1[2];
        b2[2] = u[0] * b1[1] - u[1] * b1[0];
        pt_must(p->d->hvp(p->inst, 1, x + i * nx, u, b1, h1, err, sizeof err), "hvp", err);
        pt_must(p->d->hvp(p->inst, 1, x + i * nx, u, b2, h2, err, sizeof err), "hvp", err);
        a11 = b1[0] * h1[0] + b1[1] * h1[1] + b1[2] * h1[2];
        a22 = b2[0] * h2[0] + b2[1] * h2[1] + b2[2] * h2[2];
        a12 = b1[0] * h2[0] + b1[1] * h2[1] + b1[2] * h2[2];
        tr = a11 + a22, det = a11 * a22 - a12 * a12;
        tr = 0.5 * tr - sqrt(fmax(0.0, 0.25 * tr * tr - det));
        if (tr < min_eig) min_eig = tr;
    }
    if (!tap_ok(worst_gap <= GRID_TOL, "%s: f(y*) <= min over %d Fibonacci points + %g "
                "(%zu contexts)", p->label, GRID_N, GRID_TOL, nsolve))
        tap_diag("got: worst f(y*) - grid min %.3g  want: <= %g", worst_gap, GRID_TOL);
    tap_diag("%s: grid min - f(y*): mean %.3g (the grid's resolution)", p->label, mean_margin);
    if (!tap_ok(worst_norm <= 1e-14, "%s: |y*| = 1", p->label))
        tap_diag("got: worst ||y*| - 1| %.3g  want: <= 1e-14", worst_norm);
    if (!tap_ok(worst_grad <= RGRAD_TOL, "%s: Riemannian gradient at y* <= %g", p->label,
                RGRAD_TOL))
        tap_diag("got: worst |grad| %.3g  want: <= %g", worst_grad, RGRAD_TOL);
    if (!tap_ok(min_eig >= -1e-9, "%s: Riemannian Hessian at y* is positive semidefinite",
                p->label))
        tap_diag("got: smallest eigenvalue %.3g  want: >= 0", min_eig);
    free(x), free(ys), free(fs), free(gs), free(grid), free(xr), free(fg);
}

/* The projection: unit norm, idempotent, VJP = its Jacobian transposed
 * (columns by central differences), 0 = (1, 0, 0) with zero VJP. */
static void check_projection(prob *p, uint64_t seed)
{
    size_t n = 100, i, j, k;
    double *x = dalloc(n * p->nx), *y = dalloc(n * 3), *q = dalloc(n * 3), *q2 = dalloc(n * 3);
    double worst_n = 0, worst_i = 0, worst_j = 0, zero[3] = {0, 0, 0}, g0[3] = {1, 2, 3};
    double j0[3];
    char err[512];
    amor_rng rng;
    fd_ctx fc;
    amor_rng_seed(&rng, seed);
    pt_must(p->d->sample(p->inst, &rng, n, x, err, sizeof err), "sample", err);
    for (i = 0; i < n * 3; i++) y[i] = 3.0 * amor_rng_normal(&rng);
    memcpy(q, y, n * 3 * sizeof *y);
    pt_must(p->d->project(p->inst, n, x, q, err, sizeof err), "project", err);
    memcpy(q2, q, n * 3 * sizeof *y);
    pt_must(p->d->project(p->inst, n, x, q2, err, sizeof err), "project", err);
    fc.p = p;
    for (i = 0; i < n; i++) {
        worsen(&worst_n, fabs(norm3(q + 3 * i) - 1.0));
        for (k = 0; k < 3; k++) worsen(&worst_i, fabs(q2[3 * i + k] - q[3 * i + k]));
        for (j = 0; j < 3; j++) { /* gout = e_j: gin = row j of the Jacobian */
            double e[3] = {0, 0, 0}, gin[3];
            e[j] = 1.0;
            pt_must(p->d->project_vjp(p->inst, 1, x + i * p->nx, y + 3 * i, e, gin, err,
                                      sizeof err), "project_vjp", err);
            fc.x = x + i * p->nx;
            fc.comp = j;
            for (k = 0; k < 3; k++) {
                double d[3] = {0, 0, 0};
                d[k] = 1.0;
                worsen(&worst_j, fabs(pt_fd_dir(fd_proj_comp, &fc, y + 3 * i, d, 3, FD_H) - gin[k]) /
                                     fmax(1.0, fabs(gin[k])));
            }
        }
    }
    if (!tap_ok(worst_n <= 1e-15 && worst_i <= 1e-15, "%s: projection has unit norm and is "
                "idempotent", p->label))
        tap_diag("got: norm err %.3g, idempotence err %.3g  want: <= 1e-15", worst_n, worst_i);
    if (!tap_ok(worst_j <= FD_RTOL, "%s: project_vjp matches central differences", p->label))
        tap_diag("got: worst relative error %.3g  want: <= %g", worst_j, FD_RTOL);
    pt_must(p->d->project(p->inst, 1, x, zero, err, sizeof err), "project", err);
    pt_must(p->d->project_vjp(p->inst, 1, x, (const double[3]){0, 0, 0}, g0, j0, err, sizeof err),
            "project_vjp", err);
    tap_ok(zero[0] == 1.0 && zero[1] == 0.0 && zero[2] == 0.0 && j0[0] == 0.0 && j0[1] == 0.0 &&
               j0[2] == 0.0,
           "%s: y = 0 projects to (1, 0, 0) with a zero VJP", p->label);
    free(x), free(y), free(q), free(q2);
}

/* One component, x = (z, alpha): f = d(u, z)^2/2 + alpha in closed form at
 * chosen points, y* = z, and the Hessian at z (|z| = 1) is I - z z'. */
static void check_one_component(void)
{
    prob p = sph_open("sphere m=1", "m", 1.0, NULL);
    const double s = 1.0 / sqrt(3.0);
    double x[4] = {s, s, s, 0.25}, ys[3], f, hv[3], want, worst = 0;
    double y90[3] = {2 * s, -s, -s}, yanti[3] = {-5 * s, -5 * s, -5 * s}; /* 90 deg, antipode */
    double v[3] = {0.3, -0.7, 1.1}, zv = s * (0.3 - 0.7 + 1.1);
    char err[256];
    size_t k;
    pt_must(p.d->value(p.inst, 1, x, y90, &f, err, sizeof err), "value", err);
    tap_close(f, 0.5 * (M_PI / 2) * (M_PI / 2) + 0.25, 1e-15, 0, "sphere m=1: f at 90 degrees "
              "from z is (pi/2)^2/2 + alpha");
    pt_must(p.d->value(p.inst, 1, x, yanti, &f, err, sizeof err), "value", err);
    tap_close(f, 0.5 * M_PI * M_PI + 0.25, 1e-15, 0, "sphere m=1: f at the antipode of z is "
              "pi^2/2 + alpha");
    pt_must(p.d->solve(p.inst, 1, x, ys, err, sizeof err), "solve", err);
    for (k = 0; k < 3; k++) worsen(&worst, fabs(ys[k] - x[k]));
    if (!tap_ok(worst <= 1e-12, "sphere m=1: y* = z"))
        tap_diag("got: (%.17g, %.17g, %.17g)  want: z", ys[0], ys[1], ys[2]);
    pt_must(p.d->hvp(p.inst, 1, x, x, v, hv, err, sizeof err), "hvp", err);
    worst = 0;
    for (k = 0; k < 3; k++) {
        want = v[k] - x[k] * zv;
        worsen(&worst, fabs(hv[k] - want));
    }
    if (!tap_ok(worst <= 1e-14, "sphere m=1: Hessian at y = z is I - z z'"))
        tap_diag("got: worst error %.3g", worst);
    sph_close(&p);
}

/* gamma = 0 (hard min): y* is the center with the smallest alpha and
 * f(y*) = min alpha; gamma > 0 lies below the hard min by at most
 * gamma log m. */
static void check_hard_min(uint64_t seed)
{
    prob ph = sph_open("sphere gamma=0", "gamma", 0.0, NULL);
    prob ps = sph_open("sphere", NULL);
    size_t n = 200, i, k, j, m = ph.nx / 4, bad = 0;
    double *x = dalloc(n * ph.nx), ys[3], f, fs, worst = 0, worst_sm = -INFINITY;
    char err[256];
    amor_rng rng;
    amor_rng_seed(&rng, seed);
    pt_must(ph.d->sample(ph.inst, &rng, n, x, err, sizeof err), "sample", err);
    for (i = 0; i < n; i++) {
        const double *xi = x + i * ph.nx;
        double y[3];
        size_t jmin = 0;
        for (j = 1; j < m; j++)
            if (xi[3 * m + j] < xi[3 * m + jmin]) jmin = j;
        pt_must(ph.d->solve(ph.inst, 1, xi, ys, err, sizeof err), "solve", err);
        pt_must(ph.d->value(ph.inst, 1, xi, ys, &f, err, sizeof err), "value", err);
        for (k = 0; k < 3; k++) bad += !(fabs(ys[k] - xi[3 * jmin + k]) <= 1e-15);
        worsen(&worst, fabs(f - xi[3 * m + jmin]));
        for (k = 0; k < 3; k++) y[k] = amor_rng_normal(&rng);
        pt_must(ph.d->value(ph.inst, 1, xi, y, &f, err, sizeof err), "value", err);
        pt_must(ps.d->value(ps.inst, 1, xi, y, &fs, err, sizeof err), "value", err);
        worsen(&worst_sm, fmax(fs - f, f - fs - 0.5 * log((double)m)));
    }
    tap_ok(bad == 0 && worst <= 1e-15, "sphere gamma=0: y* is the center with the smallest "
           "alpha and f(y*) = min alpha");
    if (!tap_ok(worst_sm <= 1e-15, "sphere: hard min - gamma log m <= softmin <= hard min"))
        tap_diag("got: worst violation %.3g", worst_sm);
    free(x);
    sph_close(&ph);
    sph_close(&ps);
}

/* sample(): unit centers, alpha in [0, alpha_scale); f(c y) = f(y) for c > 0
 * and an unnormalized center gives the same f. */
static void check_sample_and_invariance(uint64_t seed)
{
    prob p = sph_open("sphere alpha_scale=2", "alpha_scale", 2.0, "m", 5.0, NULL);
    size_t n = 500, i, j, m = p.nx / 4;
    double *x = dalloc(n * p.nx), worst_n = 0, amin = INFINITY, amax = -INFINITY, worst_s = 0;
    char err[256];
    amor_rng rng;
    tap_ok(p.nx == 20 && p.ny == 3, "sphere m=5: nx = 4m = 20, ny = 3");
    amor_rng_seed(&rng, seed);
    pt_must(p.d->sample(p.inst, &rng, n, x, err, sizeof err), "sample", err);
    for (i = 0; i < n; i++) {
        double *xi = x + i * p.nx, y[3], y2[3], f1, f2, f3;
        for (j = 0; j < m; j++) {
            worsen(&worst_n, fabs(norm3(xi + 3 * j) - 1.0));
            if (xi[3 * m + j] < amin) amin = xi[3 * m + j];
            if (xi[3 * m + j] > amax) amax = xi[3 * m + j];
        }
        for (j = 0; j < 3; j++) y[j] = amor_rng_normal(&rng), y2[j] = 7.5 * y[j];
        pt_must(p.d->value(p.inst, 1, xi, y, &f1, err, sizeof err), "value", err);
        pt_must(p.d->value(p.inst, 1, xi, y2, &f2, err, sizeof err), "value", err);
        for (j = 0; j < 3; j++) xi[j] *= 3.0; /* first center, unnormalized */
        pt_must(p.d->value(p.inst, 1, xi, y, &f3, err, sizeof err), "value", err);
        worsen(&worst_s, fmax(fabs(f1 - f2), fabs(f1 - f3)));
    }
    if (!tap_ok(worst_n <= 1e-15, "sphere: sampled centers have unit norm"))
        tap_diag("got: worst ||z| - 1| %.3g", worst_n);
    if (!tap_ok(amin >= 0.0 && amax < 2.0 && amax > 1.9 && amin < 0.1,
                "sphere: alpha ~ alpha_scale U(0, 1) (500 x 5 draws span [0, 2))"))
        tap_diag("got: alpha in [%g, %g]", amin, amax);
    if (!tap_ok(worst_s <= 1e-14, "sphere: f(c y) = f(y) and centers are normalized inside f"))
        tap_diag("got: worst difference %.3g", worst_s);
    free(x);
    sph_close(&p);
}

int main(void)
{
    prob def = sph_open("sphere", NULL);
    prob cold = sph_open("sphere gamma=0.05 m=8", "gamma", 0.05, "m", 8.0, NULL);
    prob hot = sph_open("sphere gamma=5 alpha_scale=3", "gamma", 5.0, "alpha_scale", 3.0, NULL);
    tap_ok(def.nx == 16 && def.ny == 3, "sphere: default m = 4 gives nx = 16, ny = 3");
    check_calculus(&def, 11, 300, 1.0);
    check_calculus(&def, 12, 100, 40.0);
    check_calculus(&def, 13, 100, 0.05);
    check_calculus(&cold, 14, 300, 1.0);
    check_calculus(&hot, 15, 300, 1.0);
    check_batch(&def, 21, 64);
    check_batch(&cold, 22, 64);
    check_solve(&def, 31, 200);
    check_solve(&cold, 32, 100);
    check_solve(&hot, 33, 100);
    check_projection(&def, 41);
    check_one_component();
    check_hard_min(51);
    check_sample_and_invariance(61);
    sph_close(&def);
    sph_close(&cold);
    sph_close(&hot);
    return tap_done();
}
