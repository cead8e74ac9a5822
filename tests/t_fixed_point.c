/*
 * t_fixed_point.c -- TAP tests of the `fixed_point` problem, y = tanh(W y +
 * U x + b): W, U and b read back from the Picard map and checked against
 * the documented draws; |W|_2 = w_scale by the test's own power iteration;
 * y* a fixed point to 1e-12 and equal to a long Picard run of the test's
 * own; gradient and HVP against central differences and, at y*, against
 * the Gauss-Newton closed form; the pre-activations at y* neither saturated
 * nor linear; the residual; refusals with their exact messages.  Run from
 * the repository root.
 */
#include "tap.h"
#include "plugtest.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The problem's data as the test sees it: W (ny, ny), U (ny, nx), b (ny). */
typedef struct fpref {
    size_t ny, nx;
    double *w, *u, *b;
} fpref;

static void call_ok(int rc, const char *what, const char *err)
{
    if (rc) pt_must(rc, what, err);
}

static void ref_free(fpref *r) { free(r->w), free(r->u), free(r->b); }

/* |M|_2 of m (rows, cols) by power iteration on M'M from a fixed start,
 * in long double, until the estimate stops changing. */
static double power_norm(const double *m, size_t rows, size_t cols)
{
    long double *v = calloc(cols, sizeof *v), *a = calloc(rows, sizeof *a), s = 0, prev = -1;
    size_t i, j, it;
    for (j = 0; j < cols; j++) v[j] = 1.0L + 0.01L * (long double)j;
    for (it = 0; it < 100000; it++) {
        long double nv = 0;
        for (i = 0; i < rows; i++) {
            a[i] = 0;
            for (j = 0; j < cols; j++) a[i] += (long double)m[i * cols + j] * v[j];
        }
        for (j = 0; j < cols; j++) {
            v[j] = 0;
            for (i = 0; i < rows; i++) v[j] += (long double)m[i * cols + j] * a[i];
        }
        for (j = 0; j < cols; j++) nv += v[j] * v[j];
        nv = sqrtl(nv);
        for (j = 0; j < cols; j++) v[j] /= nv;
        s = sqrtl(nv); /* |M'M v_old| -> sigma^2 */
        if (fabsl(s - prev) <= 1e-18L * s && it > 10) break;
        prev = s;
    }
    free(v), free(a);
    return (double)s;
}

/* The documented draws: W N(0, 1) scaled to |W|_2 = w_scale (by the test's
 * power iteration), U N(0, 1/nx), b N(0, 1/4), in that order. */
static fpref ref_draw(size_t ny, size_t nx, double w_scale, uint64_t seed)
{
    fpref r = {ny, nx, pt_dalloc(ny * ny), pt_dalloc(ny * nx), pt_dalloc(ny)};
    size_t k;
    double s;
    amor_rng g;
    amor_rng_seed(&g, seed);
    for (k = 0; k < ny * ny; k++) r.w[k] = amor_rng_normal(&g);
    for (k = 0; k < ny * nx; k++) r.u[k] = amor_rng_normal(&g) / sqrt((double)nx);
    for (k = 0; k < ny; k++) r.b[k] = 0.5 * amor_rng_normal(&g);
    s = power_norm(r.w, ny, ny);
    for (k = 0; k < ny * ny; k++) r.w[k] *= w_scale / s;
    return r;
}

/* W, U and b read back from the plugin's Picard step g(y; x) = tanh(W y + U x
 * + b): atanh g(0; 0) = b, atanh g(e_j; 0) - b = W e_j, atanh g(0; e_k) - b
 * = U e_k, all in one batch. */
static fpref ref_readback(const pt_prob *p)
{
    size_t ny = p->ny, nx = p->nx, n = 1 + ny + nx, i, k;
    double *x = pt_dalloc(n * nx), *y = pt_dalloc(n * ny), *t = pt_dalloc(n * ny);
    fpref r = {ny, nx, pt_dalloc(ny * ny), pt_dalloc(ny * nx), pt_dalloc(ny)};
    char err[256] = "";
    for (k = 0; k < ny; k++) y[(1 + k) * ny + k] = 1.0;
    for (k = 0; k < nx; k++) x[(1 + ny + k) * nx + k] = 1.0;
    call_ok(p->d.solver_step(p->inst, n, x, y, t, err, sizeof err), "solver_step", err);
    for (i = 0; i < ny; i++) r.b[i] = atanh(t[i]);
    for (k = 0; k < ny; k++)
        for (i = 0; i < ny; i++) r.w[i * ny + k] = atanh(t[(1 + k) * ny + i]) - r.b[i];
    for (k = 0; k < nx; k++)
        for (i = 0; i < ny; i++) r.u[i * nx + k] = atanh(t[(1 + ny + k) * ny + i]) - r.b[i];
    free(x), free(y), free(t);
    return r;
}

/* z = W y + U x + b in plain loops. */
static void ref_pre(const fpref *r, const double *x, const double *y, double *z)
{
    size_t i, j;
    for (i = 0; i < r->ny; i++) {
        double s = r->b[i];
        for (j = 0; j < r->ny; j++) s += r->w[i * r->ny + j] * y[j];
        for (j = 0; j < r->nx; j++) s += r->u[i * r->nx + j] * x[j];
        z[i] = s;
    }
}

/* ------------------------------------------------------------------------ */

/* The map's W, U, b are the documented draws, and |W|_2 = w_scale. */
static void test_weights(void)
{
    static const struct {
        size_t ny, nx;
        double ws;
        uint64_t seed;
    } cs[] = {{64, 32, 0.9, 0}, {7, 3, 0.5, 11}, {1, 1, 0.25, 3}};
    size_t c;
    for (c = 0; c < PT_LEN(cs); c++) {
        pt_setting set[] = {PT_INT("ny", (double)cs[c].ny), PT_INT("nx", (double)cs[c].nx),
                            PT_REAL("w_scale", cs[c].ws), PT_INT("seed", (double)cs[c].seed)};
        pt_prob p = pt_prob_open("fixed_point", NULL, set, PT_LEN(set));
        fpref got = ref_readback(&p), want = ref_draw(cs[c].ny, cs[c].nx, cs[c].ws, cs[c].seed);
        double ew = pt_max_absdiff(got.w, want.w, cs[c].ny * cs[c].ny);
        double eu = pt_max_absdiff(got.u, want.u, cs[c].ny * cs[c].nx);
        double eb = pt_max_absdiff(got.b, want.b, cs[c].ny);
        if (!tap_ok(ew <= 1e-13 && eu <= 1e-13 && eb <= 1e-13,
                    "ny %zu, nx %zu, seed %llu: W, U, b read back from g are the documented draws",
                    cs[c].ny, cs[c].nx, (unsigned long long)cs[c].seed))
            tap_diag("max abs differences: W %.3g, U %.3g, b %.3g", ew, eu, eb);
        tap_close(power_norm(got.w, cs[c].ny, cs[c].ny), cs[c].ws, 0, 1e-12,
                  "... and |W|_2 (the test's power iteration on the read-back W) = w_scale");
        ref_free(&got), ref_free(&want);
        pt_prob_close(&p);
    }
}

/* y* is a fixed point to 1e-12, equals the test's own long Picard run, and
 * the pre-activations there use tanh's curved range. */
static void test_solve(void)
{
    const size_t n = 256, ny = 64, nx = 32;
    pt_prob p = pt_prob_open("fixed_point", NULL, NULL, 0);
    fpref r = ref_readback(&p);
    double *x = pt_dalloc(n * nx), *ys = pt_dalloc(n * ny), *res = pt_dalloc(n);
    double *y = pt_dalloc(ny), *z = pt_dalloc(ny), rmax, dmax = 0, sat = 0, lin = 0, curv = 0;
    size_t i, j, k;
    char err[512] = "";
    pt_prob_sample(&p, 7, n, x);
    call_ok(p.d.solve(p.inst, n, x, ys, err, sizeof err), "solve", err);
    call_ok(p.d.residual(p.inst, n, x, ys, res, err, sizeof err), "residual", err);
    rmax = pt_max_abs(res, n);
    if (!tap_ok(rmax <= 1e-12, "solve: |g(y*) - y*|_2 <= 1e-12 on %zu contexts", n))
        tap_diag("worst residual %.3g", rmax);
    for (i = 0; i < n; i++) {
        const double *xi = x + i * nx;
        memset(y, 0, ny * sizeof *y);
        for (k = 0; k < 500 && i < 64; k++) { /* |y_k - y*| <= 0.9^k |y_1 - y_0| / 0.1 */
            ref_pre(&r, xi, y, z);
            for (j = 0; j < ny; j++) y[j] = tanh(z[j]);
        }
        if (i < 64) pt_worsen(&dmax, pt_max_absdiff(y, ys + i * ny, ny));
        ref_pre(&r, xi, ys + i * ny, z);
        for (j = 0; j < ny; j++) {
            sat += fabs(z[j]) > 2.5;  /* tanh' < 0.03 */
            lin += fabs(z[j]) < 0.25; /* tanh within 2 % of linear */
            curv += 1 - tanh(z[j]) * tanh(z[j]);
        }
    }
    if (!tap_ok(dmax <= 1e-12, "solve: y* equals 500 Picard steps of the test's own on 64 contexts (max |diff| 1e-12)"))
        tap_diag("max |y* - y_picard| = %.3g", dmax);
    sat /= (double)(n * ny), lin /= (double)(n * ny), curv /= (double)(n * ny);
    if (!tap_ok(sat < 0.05 && lin < 0.3 && curv > 0.3 && curv < 0.8,
                "at y*, pre-activations W y* + U x + b are neither saturated nor linear: "
                "%.1f %% beyond |z| 2.5, %.1f %% within 0.25, mean tanh' %.2f",
                100 * sat, 100 * lin, curv))
        tap_diag("want < 5 %% saturated, < 30 %% linear, mean tanh' in (0.3, 0.8)");
    free(x), free(ys), free(res), free(y), free(z);
    ref_free(&r);
    pt_prob_close(&p);
}

/* Gradient and HVP against central differences at random points; at y*
 * (r = 0) the HVP is the Gauss-Newton term J'J v exactly, J = D W - I. */
static void test_calculus(void)
{
    pt_setting set[] = {PT_INT("ny", 12), PT_INT("nx", 5), PT_INT("seed", 4)};
    pt_prob p = pt_prob_open("fixed_point", NULL, set, PT_LEN(set));
    pt_calculus c = pt_calculus_errors(&p, 9, 6, 1.0, NULL, 1e-5, 0);
    fpref r = ref_readback(&p);
    size_t ny = 12, nx = 5, i, j;
    double x[5], ys[12], v[12], hv[12], z[12], jv[12], want[12], e;
    char err[256] = "";
    amor_rng g;
    tap_diag("worst relative errors: gradient %.3g, HVP %.3g", c.g, c.h);
    tap_ok(c.f == 0, "value and value_grad give the same f (bit for bit)");
    if (!tap_ok(c.g <= 1e-8, "gradient J'r matches central differences of f"))
        tap_diag("worst relative error %.3g", c.g);
    if (!tap_ok(c.h <= 1e-7, "HVP (J'J + W' diag(r t'') W) v matches central differences of the gradient"))
        tap_diag("worst relative error %.3g", c.h);
    amor_rng_seed(&g, 12);
    pt_randn(x, nx, 1.0, &g);
    pt_randn(v, ny, 1.0, &g);
    call_ok(p.d.solve(p.inst, 1, x, ys, err, sizeof err), "solve", err);
    call_ok(p.d.hvp(p.inst, 1, x, ys, v, hv, err, sizeof err), "hvp", err);
    ref_pre(&r, x, ys, z);
    for (i = 0; i < ny; i++) { /* J v */
        double a = 0;
        for (j = 0; j < ny; j++) a += r.w[i * ny + j] * v[j];
        jv[i] = (1 - tanh(z[i]) * tanh(z[i])) * a - v[i];
    }
    for (j = 0; j < ny; j++) { /* J'(J v) = W' D (J v) - J v */
        double a = 0;
        for (i = 0; i < ny; i++) a += r.w[i * ny + j] * (1 - tanh(z[i]) * tanh(z[i])) * jv[i];
        want[j] = a - jv[j];
    }
    e = pt_max_absdiff(hv, want, ny);
    if (!tap_ok(e <= 1e-12 * fmax(1.0, pt_max_abs(want, ny)), "at y*, Hv = J'J v (the second-order term vanishes with r)"))
        tap_diag("max |diff| %.3g", e);
    ref_free(&r);
    pt_prob_close(&p);
}

/* The solver: the step is g, the residual |g(y) - y|_2; Picard from 0
 * converges at least at rate w_scale. */
static void test_solver(void)
{
    const size_t n = 5, ny = 64, nx = 32;
    pt_prob p = pt_prob_open("fixed_point", NULL, NULL, 0);
    fpref r = ref_readback(&p);
    double *x = pt_dalloc(n * nx), *y = pt_dalloc(n * ny), *st = pt_dalloc(n * ny);
    double *nx_ = pt_dalloc(n * ny), *res = pt_dalloc(n), z[64], e = 0, er = 0;
    size_t i, j, k, slow = 0;
    char err[256] = "";
    amor_rng g;
    tap_ok(p.d.state_dim(p.inst) == ny, "state_dim = ny (the state is y)");
    pt_prob_sample(&p, 3, n, x);
    amor_rng_seed(&g, 4);
    pt_randn(y, n * ny, 1.0, &g);
    call_ok(p.d.solver_init(p.inst, n, x, y, st, err, sizeof err), "solver_init", err);
    tap_ok(!memcmp(st, y, n * ny * sizeof *y), "solver_init: state = y");
    call_ok(p.d.solver_step(p.inst, n, x, st, nx_, err, sizeof err), "solver_step", err);
    call_ok(p.d.residual(p.inst, n, x, st, res, err, sizeof err), "residual", err);
    for (i = 0; i < n; i++) {
        double s = 0;
        ref_pre(&r, x + i * nx, y + i * ny, z);
        for (j = 0; j < ny; j++) {
            pt_worsen(&e, fabs(nx_[i * ny + j] - tanh(z[j])));
            s += (tanh(z[j]) - y[i * ny + j]) * (tanh(z[j]) - y[i * ny + j]);
        }
        pt_worsen(&er, fabs(res[i] - sqrt(s)) / sqrt(s));
    }
    if (!tap_ok(e <= 1e-14, "solver_step = tanh(W y + U x + b)")) tap_diag("max |diff| %.3g", e);
    if (!tap_ok(er <= 1e-13, "residual = |g(y) - y|_2, absolute")) tap_diag("max rel diff %.3g", er);
    /* |r_{k+1}| <= w_scale |r_k| along Picard from 0 */
    memset(st, 0, n * ny * sizeof *st);
    for (k = 0; k < 30; k++) {
        double rn[5];
        call_ok(p.d.residual(p.inst, n, x, st, res, err, sizeof err), "residual", err);
        call_ok(p.d.solver_step(p.inst, n, x, st, nx_, err, sizeof err), "solver_step", err);
        call_ok(p.d.residual(p.inst, n, x, nx_, rn, err, sizeof err), "residual", err);
        for (i = 0; i < n; i++) slow += !(rn[i] <= 0.9 * res[i] + 1e-15);
        memcpy(st, nx_, n * ny * sizeof *st);
    }
    tap_ok(slow == 0, "Picard from 0: each step shrinks the residual by w_scale = 0.9 at least");
    free(x), free(y), free(st), free(nx_), free(res);
    ref_free(&r);
    pt_prob_close(&p);
}

static void test_refusals(void)
{
    char err[512] = "";
    int rc;
    static const double bad[] = {1.0, 1.5};
    size_t c;
    for (c = 0; c < PT_LEN(bad); c++) {
        pt_setting set[] = {PT_REAL("w_scale", bad[c])};
        char want[256];
        snprintf(want, sizeof want,
                 "fixed_point: parameter 'w_scale' is %g, but must be below 1: with |W|_2 >= 1, "
                 "g = tanh(W y + U x + b) is no contraction", bad[c]);
        rc = pt_prob_try("fixed_point", set, PT_LEN(set), err, sizeof err);
        if (!tap_ok(rc == AMOR_EINVAL && !strcmp(err, want),
                    "w_scale = %g is refused at create: no contraction", bad[c]))
            tap_diag("got: rc %d, '%s'", rc, err);
    }
    {
        const amor_problem_desc *d = pt_problem("fixed_point");
        params_set ps = pt_params(&d->head);
        rc = params_set_real(&ps, "w_scale", -0.5, err, sizeof err);
        if (!tap_ok(rc != 0 && !strcmp(err, "parameter 'w_scale' of problem 'fixed_point' must "
                                            "be in [0, 1000], got -0.5"),
                    "w_scale < 0 is refused by the declared range"))
            tap_diag("got: rc %d, '%s'", rc, err);
        rc = params_set_int(&ps, "ny", 0, err, sizeof err);
        if (!tap_ok(rc != 0 && !strcmp(err, "parameter 'ny' of problem 'fixed_point' must "
                                            "be in [1, 4096], got 0"),
                    "ny = 0 is refused by the declared range"))
            tap_diag("got: rc %d, '%s'", rc, err);
        params_free(&ps);
    }
    { /* a non-finite context: solve names the row */
        pt_setting set[] = {PT_INT("ny", 3), PT_INT("nx", 2)};
        pt_prob p = pt_prob_open("fixed_point", NULL, set, PT_LEN(set));
        double x[4] = {0.5, -1.0, NAN, 0.0}, y[6];
        rc = p.d.solve(p.inst, 2, x, y, err, sizeof err);
        if (!tap_ok(rc == AMOR_ENUMERIC &&
                        !strcmp(err, "fixed_point: g(y) - y is not finite at context 1 (a "
                                     "non-finite context?)"),
                    "solve on a non-finite context fails, naming the context"))
            tap_diag("got: rc %d, '%s'", rc, err);
        pt_prob_close(&p);
    }
}

int main(void)
{
    test_weights();
    test_solve();
    test_calculus();
    test_solver();
    test_refusals();
    (void)tap_skip_all;
    return tap_done();
}
