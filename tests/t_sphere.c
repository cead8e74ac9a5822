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
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Tolerances (see each check for what they bound). */
#define FD_H 1e-6        /* central-difference step */
#define FD_RTOL 1e-6     /* FD error allowed, relative to max(1, |g|_inf) */
#define GRID_N 20000     /* Fibonacci points on S^2 for the y* check */
#define GRID_TOL 1e-10   /* f(y*) <= min over the grid + this */
#define RGRAD_TOL 1e-8   /* |Riemannian gradient at y*| */

static double norm3(const double *v) { return sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]); }

/* Component comp of the projection of y, as a scalar function for pt_fd_dir. */
static double fd_proj_comp(void *c, const double *y)
{
    pt_row *r = c;
    double q[3] = {y[0], y[1], y[2]};
    char err[256];
    pt_must(r->p->d.project(r->p->inst, 1, r->x, q, err, sizeof err), "project", err);
    return q[r->comp];
}

/* ------------------------------------------------------------------------ */

/* value vs value_grad, gradient and HVP vs central differences at npts
 * points: contexts from sample(), y and v ~ N(0, I_3) times yscale (so |y|
 * ranges over (0, a few yscale) and the 1/|y| factors are exercised). */
static void check_calculus(pt_prob *p, uint64_t seed, size_t npts, double yscale)
{
    pt_calculus w = pt_calculus_errors(p, seed, npts, yscale, NULL, FD_H, 1);
    if (!tap_ok(w.f == 0.0, "%s: value_grad's f equals value's f exactly (%zu points)",
                p->label, npts))
        tap_diag("largest |f_vg - f_v|: %g", w.f);
    if (!tap_ok(w.g <= FD_RTOL, "%s: gradient through y/|y| matches central differences "
                "(h %g |y|, err <= %g max(1, |g|), |y| ~ %g)", p->label, FD_H, FD_RTOL, yscale))
        tap_diag("got: worst relative error %.3g  want: <= %g", w.g, FD_RTOL);
    if (!tap_ok(w.h <= FD_RTOL, "%s: HVP matches central differences of the gradient "
                "(h %g |y|, err <= %g max(1, |Hv|))", p->label, FD_H, FD_RTOL))
        tap_diag("got: worst relative error %.3g  want: <= %g", w.h, FD_RTOL);
}

/* One batched call over n rows against n single-row calls, bit for bit
 * (every entry point works row by row). */
static void check_batch(pt_prob *p, uint64_t seed, size_t n)
{
    pt_batch b = pt_batch_diff(p, seed, n, 1);
    if (!tap_ok(b.bad == 0, "%s: batched value/value_grad/hvp/solve/project/project_vjp over "
                "n = %zu equal one-at-a-time calls exactly", p->label, n))
        tap_diag("got: %zu differing entries  want: 0", b.bad);
}

/* y* of nsolve sampled contexts: unit norm, f(y*) <= min over GRID_N
 * Fibonacci points + GRID_TOL, Riemannian gradient (the gradient at a unit
 * point is tangent) <= RGRAD_TOL, and the Riemannian Hessian there is
 * positive semidefinite (a minimum, not a saddle). */
static void check_solve(pt_prob *p, uint64_t seed, size_t nsolve)
{
    size_t nx = p->nx, i, k;
    double *x = pt_dalloc(nsolve * nx), *ys = pt_dalloc(nsolve * 3), *fs = pt_dalloc(nsolve);
    double *gs = pt_dalloc(nsolve * 3), *grid = pt_dalloc(GRID_N * 3);
    double *xr = pt_dalloc(GRID_N * nx);
    double *fg = pt_dalloc(GRID_N);
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
    pt_must(p->d.sample(p->inst, &rng, nsolve, x, err, sizeof err), "sample", err);
    pt_must(p->d.solve(p->inst, nsolve, x, ys, err, sizeof err), "solve", err);
    pt_must(p->d.value_grad(p->inst, nsolve, x, ys, fs, gs, err, sizeof err), "value_grad", err);
    for (i = 0; i < nsolve; i++) {
        double fmin = INFINITY, b1[3], b2[3], h1[3], h2[3], a11, a12, a22, tr, det;
        const double *u = ys + 3 * i;
        for (k = 0; k < GRID_N; k++) memcpy(xr + k * nx, x + i * nx, nx * sizeof *x);
        pt_must(p->d.value(p->inst, GRID_N, xr, grid, fg, err, sizeof err), "value", err);
        for (k = 0; k < GRID_N; k++) fmin = fmin < fg[k] ? fmin : fg[k];
        pt_worsen(&worst_gap, fs[i] - fmin);
        mean_margin += (fmin - fs[i]) / nsolve;
        pt_worsen(&worst_norm, fabs(norm3(u) - 1.0));
        pt_worsen(&worst_grad, norm3(gs + 3 * i));
        /* Riemannian Hessian in a tangent basis */
        b1[0] = -u[1], b1[1] = u[0], b1[2] = 0.0;
        if (norm3(b1) < 0.5) b1[0] = 0.0, b1[1] = -u[2], b1[2] = u[1];
        a11 = norm3(b1);
        for (k = 0; k < 3; k++) b1[k] /= a11;
        b2[0] = u[1] * b1[2] - u[2] * b1[1];
        b2[1] = u[2] * b1[0] - u[0] * b1[2];
        b2[2] = u[0] * b1[1] - u[1] * b1[0];
        pt_must(p->d.hvp(p->inst, 1, x + i * nx, u, b1, h1, err, sizeof err), "hvp", err);
        pt_must(p->d.hvp(p->inst, 1, x + i * nx, u, b2, h2, err, sizeof err), "hvp", err);
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
static void check_projection(pt_prob *p, uint64_t seed)
{
    size_t n = 100, i, j, k;
    double *x = pt_dalloc(n * p->nx), *y = pt_dalloc(n * 3), *q = pt_dalloc(n * 3);
    double *q2 = pt_dalloc(n * 3);
    double worst_n = 0, worst_i = 0, worst_j = 0, zero[3] = {0, 0, 0}, g0[3] = {1, 2, 3};
    double j0[3];
    char err[512];
    amor_rng rng;
    pt_row fc = {p, NULL, 0, NULL};
    amor_rng_seed(&rng, seed);
    pt_must(p->d.sample(p->inst, &rng, n, x, err, sizeof err), "sample", err);
    for (i = 0; i < n * 3; i++) y[i] = 3.0 * amor_rng_normal(&rng);
    memcpy(q, y, n * 3 * sizeof *y);
    pt_must(p->d.project(p->inst, n, x, q, err, sizeof err), "project", err);
    memcpy(q2, q, n * 3 * sizeof *y);
    pt_must(p->d.project(p->inst, n, x, q2, err, sizeof err), "project", err);
    for (i = 0; i < n; i++) {
        pt_worsen(&worst_n, fabs(norm3(q + 3 * i) - 1.0));
        for (k = 0; k < 3; k++) pt_worsen(&worst_i, fabs(q2[3 * i + k] - q[3 * i + k]));
        for (j = 0; j < 3; j++) { /* gout = e_j: gin = row j of the Jacobian */
            double e[3] = {0, 0, 0}, gin[3];
            e[j] = 1.0;
            pt_must(p->d.project_vjp(p->inst, 1, x + i * p->nx, y + 3 * i, e, gin, err,
                                      sizeof err), "project_vjp", err);
            fc.x = x + i * p->nx;
            fc.comp = j;
            for (k = 0; k < 3; k++) {
                double d[3] = {0, 0, 0};
                d[k] = 1.0;
                pt_worsen(&worst_j,
                          fabs(pt_fd_dir(fd_proj_comp, &fc, y + 3 * i, d, 3, FD_H) - gin[k]) /
                              fmax(1.0, fabs(gin[k])));
            }
        }
    }
    if (!tap_ok(worst_n <= 1e-15 && worst_i <= 1e-15, "%s: projection has unit norm and is "
                "idempotent", p->label))
        tap_diag("got: norm err %.3g, idempotence err %.3g  want: <= 1e-15", worst_n, worst_i);
    if (!tap_ok(worst_j <= FD_RTOL, "%s: project_vjp matches central differences", p->label))
        tap_diag("got: worst relative error %.3g  want: <= %g", worst_j, FD_RTOL);
    pt_must(p->d.project(p->inst, 1, x, zero, err, sizeof err), "project", err);
    pt_must(p->d.project_vjp(p->inst, 1, x, (const double[3]){0, 0, 0}, g0, j0, err, sizeof err),
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
    pt_prob p = pt_prob_openv("sphere", "sphere m=1", "m", 1.0, NULL);
    const double s = 1.0 / sqrt(3.0);
    double x[4] = {s, s, s, 0.25}, ys[3], f, hv[3], want, worst = 0;
    double y90[3] = {2 * s, -s, -s}, yanti[3] = {-5 * s, -5 * s, -5 * s}; /* 90 deg, antipode */
    double v[3] = {0.3, -0.7, 1.1}, zv = s * (0.3 - 0.7 + 1.1);
    char err[256];
    size_t k;
    pt_must(p.d.value(p.inst, 1, x, y90, &f, err, sizeof err), "value", err);
    tap_close(f, 0.5 * (M_PI / 2) * (M_PI / 2) + 0.25, 1e-15, 0, "sphere m=1: f at 90 degrees "
              "from z is (pi/2)^2/2 + alpha");
    pt_must(p.d.value(p.inst, 1, x, yanti, &f, err, sizeof err), "value", err);
    tap_close(f, 0.5 * M_PI * M_PI + 0.25, 1e-15, 0, "sphere m=1: f at the antipode of z is "
              "pi^2/2 + alpha");
    pt_must(p.d.solve(p.inst, 1, x, ys, err, sizeof err), "solve", err);
    for (k = 0; k < 3; k++) pt_worsen(&worst, fabs(ys[k] - x[k]));
    if (!tap_ok(worst <= 1e-12, "sphere m=1: y* = z"))
        tap_diag("got: (%.17g, %.17g, %.17g)  want: z", ys[0], ys[1], ys[2]);
    pt_must(p.d.hvp(p.inst, 1, x, x, v, hv, err, sizeof err), "hvp", err);
    worst = 0;
    for (k = 0; k < 3; k++) {
        want = v[k] - x[k] * zv;
        pt_worsen(&worst, fabs(hv[k] - want));
    }
    if (!tap_ok(worst <= 1e-14, "sphere m=1: Hessian at y = z is I - z z'"))
        tap_diag("got: worst error %.3g", worst);
    pt_prob_close(&p);
}

/* gamma = 0 (hard min): y* is the center with the smallest alpha and
 * f(y*) = min alpha; gamma > 0 lies below the hard min by at most
 * gamma log m. */
static void check_hard_min(uint64_t seed)
{
    pt_prob ph = pt_prob_openv("sphere", "sphere gamma=0", "gamma", 0.0, NULL);
    pt_prob ps = pt_prob_openv("sphere", "sphere", NULL);
    size_t n = 200, i, k, j, m = ph.nx / 4, bad = 0;
    double *x = pt_dalloc(n * ph.nx), ys[3], f, fs, worst = 0, worst_sm = -INFINITY;
    char err[256];
    amor_rng rng;
    amor_rng_seed(&rng, seed);
    pt_must(ph.d.sample(ph.inst, &rng, n, x, err, sizeof err), "sample", err);
    for (i = 0; i < n; i++) {
        const double *xi = x + i * ph.nx;
        double y[3];
        size_t jmin = 0;
        for (j = 1; j < m; j++)
            if (xi[3 * m + j] < xi[3 * m + jmin]) jmin = j;
        pt_must(ph.d.solve(ph.inst, 1, xi, ys, err, sizeof err), "solve", err);
        pt_must(ph.d.value(ph.inst, 1, xi, ys, &f, err, sizeof err), "value", err);
        for (k = 0; k < 3; k++) bad += !(fabs(ys[k] - xi[3 * jmin + k]) <= 1e-15);
        pt_worsen(&worst, fabs(f - xi[3 * m + jmin]));
        for (k = 0; k < 3; k++) y[k] = amor_rng_normal(&rng);
        pt_must(ph.d.value(ph.inst, 1, xi, y, &f, err, sizeof err), "value", err);
        pt_must(ps.d.value(ps.inst, 1, xi, y, &fs, err, sizeof err), "value", err);
        pt_worsen(&worst_sm, fmax(fs - f, f - fs - 0.5 * log((double)m)));
    }
    tap_ok(bad == 0 && worst <= 1e-15, "sphere gamma=0: y* is the center with the smallest "
           "alpha and f(y*) = min alpha");
    if (!tap_ok(worst_sm <= 1e-15, "sphere: hard min - gamma log m <= softmin <= hard min"))
        tap_diag("got: worst violation %.3g", worst_sm);
    free(x);
    pt_prob_close(&ph);
    pt_prob_close(&ps);
}

/* sample(): unit centers, alpha in [0, alpha_scale); f(c y) = f(y) for c > 0
 * and an unnormalized center gives the same f. */
static void check_sample_and_invariance(uint64_t seed)
{
    pt_prob p = pt_prob_openv("sphere", "sphere alpha_scale=2", "alpha_scale", 2.0, "m", 5.0, NULL);
    size_t n = 500, i, j, m = p.nx / 4;
    double *x = pt_dalloc(n * p.nx), worst_n = 0, amin = INFINITY, amax = -INFINITY, worst_s = 0;
    char err[256];
    amor_rng rng;
    tap_ok(p.nx == 20 && p.ny == 3, "sphere m=5: nx = 4m = 20, ny = 3");
    amor_rng_seed(&rng, seed);
    pt_must(p.d.sample(p.inst, &rng, n, x, err, sizeof err), "sample", err);
    for (i = 0; i < n; i++) {
        double *xi = x + i * p.nx, y[3], y2[3], f1, f2, f3;
        for (j = 0; j < m; j++) {
            pt_worsen(&worst_n, fabs(norm3(xi + 3 * j) - 1.0));
            if (xi[3 * m + j] < amin) amin = xi[3 * m + j];
            if (xi[3 * m + j] > amax) amax = xi[3 * m + j];
        }
        for (j = 0; j < 3; j++) y[j] = amor_rng_normal(&rng), y2[j] = 7.5 * y[j];
        pt_must(p.d.value(p.inst, 1, xi, y, &f1, err, sizeof err), "value", err);
        pt_must(p.d.value(p.inst, 1, xi, y2, &f2, err, sizeof err), "value", err);
        for (j = 0; j < 3; j++) xi[j] *= 3.0; /* first center, unnormalized */
        pt_must(p.d.value(p.inst, 1, xi, y, &f3, err, sizeof err), "value", err);
        pt_worsen(&worst_s, fmax(fabs(f1 - f2), fabs(f1 - f3)));
    }
    if (!tap_ok(worst_n <= 1e-15, "sphere: sampled centers have unit norm"))
        tap_diag("got: worst ||z| - 1| %.3g", worst_n);
    if (!tap_ok(amin >= 0.0 && amax < 2.0 && amax > 1.9 && amin < 0.1,
                "sphere: alpha ~ alpha_scale U(0, 1) (500 x 5 draws span [0, 2))"))
        tap_diag("got: alpha in [%g, %g]", amin, amax);
    if (!tap_ok(worst_s <= 1e-14, "sphere: f(c y) = f(y) and centers are normalized inside f"))
        tap_diag("got: worst difference %.3g", worst_s);
    free(x);
    pt_prob_close(&p);
}

int main(void)
{
    pt_prob def = pt_prob_openv("sphere", "sphere", NULL);
    pt_prob cold = pt_prob_openv("sphere", "sphere gamma=0.05 m=8", "gamma", 0.05, "m", 8.0, NULL);
    pt_prob hot = pt_prob_openv("sphere", "sphere gamma=5 alpha_scale=3", "gamma", 5.0,
                                "alpha_scale", 3.0, NULL);
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
    pt_prob_close(&def);
    pt_prob_close(&cold);
    pt_prob_close(&hot);
    return tap_done();
}
