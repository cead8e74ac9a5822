/*
 * t_control.c -- TAP tests of the control problems: control_lqr (gradients and
 * HVPs against central differences; the Riccati solution against the DARE,
 * with A, B and the quadratic forms of Q recovered through the plugin's own
 * interface; y* = -Kx for the test's K; spectral radius; errors) and
 * control_mpc (gradients and HVPs; the documented dynamics; Newton's y*
 * stationary, a local minimum and better than other sequences; the linear
 * chain's optimum equal to the LQR value; errors).  Run from the repository
 * root.
 */
#include "refchol.h"
#include "tap.h"
#include "plugtest.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FD_H 1e-6    /* central-difference step */
#define FD_RTOL 1e-6 /* FD error allowed, relative to max(1, |g|_inf) */

/* The host's validation of one integer parameter value. */
static int try_param_int(const char *name, const char *param, int64_t v, char *err,
                         size_t errlen)
{
    const amor_plugin_head *h = pt_find(AMOR_KIND_PROBLEM, name);
    params_set ps = pt_params(h);
    int rc;
    err[0] = 0;
    rc = params_set_int(&ps, param, v, err, errlen);
    params_free(&ps);
    return rc;
}


/* b (n, m) := A^-1 b for A = L L' from chol. */
static void chol_solve(const double *l, size_t n, double *b, size_t m)
{
    size_t i, k, c;
    for (c = 0; c < m; c++) {
        for (i = 0; i < n; i++) {
            double s = b[i * m + c];
            for (k = 0; k < i; k++) s -= l[i * n + k] * b[k * m + c];
            b[i * m + c] = s / l[i * n + i];
        }
        for (i = n; i-- > 0;) {
            double s = b[i * m + c];
            for (k = i + 1; k < n; k++) s -= l[k * n + i] * b[k * m + c];
            b[i * m + c] = s / l[i * n + i];
        }
    }
}

/* c (m, n) = a (m, k) b (k, n), naive. */
static void matmul(double *c, const double *a, const double *b, size_t m, size_t k, size_t n)
{
    size_t i, j, l;
    for (i = 0; i < m; i++)
        for (j = 0; j < n; j++) {
            double s = 0.0;
            for (l = 0; l < k; l++) s += a[i * k + l] * b[l * n + j];
            c[i * n + j] = s;
        }
}

static double frob(const double *a, size_t len)
{
    double s = 0.0;
    size_t i;
    for (i = 0; i < len; i++) s += a[i] * a[i];
    return sqrt(s);
}

/* ------------------------------------------------------------------------ */
/* Checks both problems get                                                 */

/* value == value_grad's f exactly; gradient and HVP against central
 * differences at npts sampled contexts and y ~ N(0, yscale^2 I). */
static void check_calculus(pt_prob *p, uint64_t seed, size_t npts, double yscale)
{
    pt_calculus w = pt_calculus_errors(p, seed, npts, yscale, NULL, FD_H, 0);
    if (!tap_ok(w.f == 0.0, "%s: value_grad's f equals value's f exactly", p->label))
        tap_diag("largest |f_vg - f_v|: %g", w.f);
    if (!tap_ok(w.g <= FD_RTOL, "%s: gradient matches central differences (%zu points, "
                "err <= %g max(1, |g|))", p->label, npts, FD_RTOL))
        tap_diag("got: worst relative error %.3g  want: <= %g", w.g, FD_RTOL);
    if (!tap_ok(w.h <= FD_RTOL, "%s: HVP matches central differences of the gradient "
                "(err <= %g max(1, |Hv|))", p->label, FD_RTOL))
        tap_diag("got: worst relative error %.3g  want: <= %g", w.h, FD_RTOL);
}

/* One batched call over n rows against n single-row calls: value,
 * value_grad, hvp within rtol, solve within srtol (relative to max(1, |row|)). */
static void check_batch(pt_prob *p, uint64_t seed, size_t n, double rtol, double srtol)
{
    pt_batch b = pt_batch_diff(p, seed, n, 0);
    if (!tap_ok(b.worst <= rtol, "%s: batched value/value_grad/hvp over n = %zu match "
                "one-at-a-time calls (err <= %g max(1, |row|))", p->label, n, rtol))
        tap_diag("got: worst relative difference %.3g  want: <= %g", b.worst, rtol);
    if (!tap_ok(b.worst_solve <= srtol, "%s: batched solve over n = %zu matches one-at-a-time "
                "solves (err <= %g max(1, |y*|))", p->label, n, srtol))
        tap_diag("got: worst relative difference %.3g  want: <= %g", b.worst_solve, srtol);
}

/* ------------------------------------------------------------------------ */
/* control_lqr                                                              */

/* What the test recovers of an LQR instance through value, value_grad, hvp
 * and aux (next state Ax + Bu), with no access to the plugin's matrices. */
typedef struct lqr_view {
    size_t nx, nu;
    double gamma, r;
    double *a; /* (nx, nx) */
    double *b; /* (nx, nu) */
    double *s; /* (nx, nx) A'PA, from f(0; x) = x'x + gamma x'A'PAx */
    double *c; /* (nx, nu) A'PB, from grad_u f(0; x) = 2 gamma B'PAx */
    double *m; /* (nu, nu) R + gamma B'PB, from the HVP = 2 M v */
} lqr_view;

static lqr_view lqr_recover(pt_prob *p, double gamma, double r)
{
    size_t nx = p->nx, nu = p->ny, npair = nx * (nx + 1) / 2, i, j, q;
    lqr_view w = {nx, nu, gamma, r, pt_dalloc(nx * nx), pt_dalloc(nx * nu), pt_dalloc(nx * nx),
                  pt_dalloc(nx * nu), pt_dalloc(nu * nu)};
    size_t rows = npair > nx + nu ? npair : nx + nu;
    double *x = pt_dalloc(rows * nx), *u = pt_dalloc(rows * nu), *out = pt_dalloc(rows * nx);
    double *f = pt_dalloc(rows), *g = pt_dalloc(rows * nu), *fi = pt_dalloc(nx);
    char err[512];
    /* A and B: next states of unit contexts with zero actions, zero contexts
     * with unit actions */
    for (i = 0; i < nx; i++) x[i * nx + i] = 1.0;
    for (j = 0; j < nu; j++) u[(nx + j) * nu + j] = 1.0;
    pt_must(p->d.aux(p->inst, nx + nu, x, u, out, err, sizeof err), "aux", err);
    for (i = 0; i < nx; i++)
        for (q = 0; q < nx; q++) w.a[q * nx + i] = out[i * nx + q];
    for (j = 0; j < nu; j++)
        for (q = 0; q < nx; q++) w.b[q * nu + j] = out[(nx + j) * nx + q];
    /* C: gradients at u = 0 for unit contexts */
    memset(u, 0, rows * nu * sizeof *u);
    pt_must(p->d.value_grad(p->inst, nx, x, u, f, g, err, sizeof err), "value_grad", err);
    for (i = 0; i < nx; i++) {
        fi[i] = f[i]; /* f(0; e_i) = 1 + gamma S_ii */
        for (j = 0; j < nu; j++) w.c[i * nu + j] = g[i * nu + j] / (2.0 * gamma);
    }
    /* S by polarization: f(0; e_i + e_j) = f(0; e_i) + f(0; e_j) + 2 gamma S_ij */
    memset(x, 0, rows * nx * sizeof *x);
    for (q = 0, i = 0; i < nx; i++)
        for (j = i; j < nx; j++, q++) {
            x[q * nx + i] += 1.0;
            if (j != i) x[q * nx + j] += 1.0;
        }
    pt_must(p->d.value(p->inst, npair, x, u, f, err, sizeof err), "value", err);
    for (q = 0, i = 0; i < nx; i++)
        for (j = i; j < nx; j++, q++) {
            if (i == j) {
                w.s[i * nx + i] = (fi[i] - 1.0) / gamma;
            } else {
                w.s[i * nx + j] = w.s[j * nx + i] = (f[q] - fi[i] - fi[j]) / (2.0 * gamma);
            }
        }
    /* M: the Hessian's columns */
    memset(u, 0, rows * nu * sizeof *u);
    for (j = 0; j < nu; j++) u[j * nu + j] = 1.0;
    pt_must(p->d.hvp(p->inst, nu, x, u, u, g, err, sizeof err), "hvp", err);
    for (j = 0; j < nu; j++)
        for (q = 0; q < nu; q++) w.m[q * nu + j] = 0.5 * g[j * nu + q];
    free(x), free(u), free(out), free(f), free(g), free(fi);
    return w;
}

static void lqr_view_free(lqr_view *w) { free(w->a), free(w->b), free(w->s), free(w->c), free(w->m); }

/* The DARE P = I + gamma A'PA - gamma^2 A'PB M^-1 B'PA, seen through A:
 * S = A' (I + gamma S - gamma^2 C M^-1 C') A with S = A'PA, C = A'PB. */
static void check_dare(pt_prob *p, double gamma, double r, double tol)
{
    lqr_view w = lqr_recover(p, gamma, r);
    size_t nx = w.nx, nu = w.nu, i, j;
    double *l = pt_dalloc(nu * nu), *mc = pt_dalloc(nu * nx), *rhs = pt_dalloc(nx * nx);
    double *t = pt_dalloc(nx * nx), *res = pt_dalloc(nx * nx), *k = pt_dalloc(nu * nx);
    double *x = pt_dalloc(8 * nx), *ys = pt_dalloc(8 * nu), *g = pt_dalloc(8 * nu);
    double *f = pt_dalloc(8);
    double rel, worst = 0.0, gworst = 0.0, asym = 0.0;
    char err[512];
    amor_rng rng;
    memcpy(l, w.m, nu * nu * sizeof *l);
    for (i = 0; i < nu; i++) /* M is symmetric up to rounding */
        for (j = 0; j < nu; j++) pt_worsen(&asym, fabs(w.m[i * nu + j] - w.m[j * nu + i]));
    tap_ok(asym <= 1e-12 * fmax(1.0, pt_max_abs(w.m, nu * nu)),
           "%s: the Hessian 2 (R + gamma B'PB) is symmetric", p->label);
    if (!tap_ok(!ref_chol(l, nu), "%s: R + gamma B'PB is positive definite (y* is the unique "
                "minimizer)", p->label)) {
        lqr_view_free(&w);
        return;
    }
    for (i = 0; i < nu; i++) /* mc = M^-1 C' */
        for (j = 0; j < nx; j++) mc[i * nx + j] = w.c[j * nu + i];
    chol_solve(l, nu, mc, nx);
    matmul(rhs, w.c, mc, nx, nu, nx); /* C M^-1 C' */
    for (i = 0; i < nx * nx; i++) rhs[i] = gamma * w.s[i] - gamma * gamma * rhs[i];
    for (i = 0; i < nx; i++) rhs[i * nx + i] += 1.0; /* = P */
    matmul(t, rhs, w.a, nx, nx, nx);
    for (i = 0; i < nx; i++) /* res = A' P A */
        for (j = 0; j < nx; j++) {
            double s = 0.0;
            size_t q;
            for (q = 0; q < nx; q++) s += w.a[q * nx + i] * t[q * nx + j];
            res[i * nx + j] = s - w.s[i * nx + j];
        }
    rel = frob(res, nx * nx) / frob(w.s, nx * nx);
    if (!tap_ok(rel <= tol, "%s: P satisfies the discounted DARE (A'(rhs - P)A, relative "
                "Frobenius residual <= %g)", p->label, tol))
        tap_diag("got: %.3g  want: <= %g", rel, tol);
    /* y* = -K x with the test's K = gamma M^-1 B'PA = gamma M^-1 C' */
    for (i = 0; i < nu * nx; i++) k[i] = gamma * mc[i];
    amor_rng_seed(&rng, 99);
    pt_must(p->d.sample(p->inst, &rng, 8, x, err, sizeof err), "sample", err);
    pt_must(p->d.solve(p->inst, 8, x, ys, err, sizeof err), "solve", err);
    pt_must(p->d.value_grad(p->inst, 8, x, ys, f, g, err, sizeof err), "value_grad", err);
    for (i = 0; i < 8; i++) {
        double kx[1024], s = 0.0;
        for (j = 0; j < nu; j++) {
            size_t q;
            for (s = 0.0, q = 0; q < nx; q++) s += k[j * nx + q] * x[i * nx + q];
            kx[j] = -s;
        }
        for (j = 0; j < nu; j++)
            pt_worsen(&worst, fabs(ys[i * nu + j] - kx[j]) / fmax(1.0, pt_max_abs(kx, nu)));
        pt_worsen(&gworst, pt_max_abs(g + i * nu, nu) / (1.0 + fabs(f[i])));
    }
    if (!tap_ok(worst <= 1e-9, "%s: y* = -Kx for the K computed here from the recovered "
                "B'PA and M (8 contexts)", p->label))
        tap_diag("got: worst relative difference %.3g  want: <= 1e-9", worst);
    if (!tap_ok(gworst <= 1e-12, "%s: the gradient vanishes at y* (|g|_inf <= 1e-12 (1 + |f|))",
                p->label))
        tap_diag("got: %.3g", gworst);
    free(l), free(mc), free(rhs), free(t), free(res), free(k), free(x), free(ys), free(g), free(f);
    lqr_view_free(&w);
}

/* rho(A) through |A^k|_F^(1/k), k = 2^14, by normalized squaring (the
 * test's own loop), against the parameter. */
static void check_spectral_radius(pt_prob *p, double want)
{
    lqr_view w = lqr_recover(p, 0.99, 0.1);
    size_t nx = w.nx, i, it;
    double *m = pt_dalloc(nx * nx), *m2 = pt_dalloc(nx * nx), logc, s, got;
    memcpy(m, w.a, nx * nx * sizeof *m);
    s = frob(m, nx * nx);
    for (i = 0; i < nx * nx; i++) m[i] /= s;
    logc = log(s);
    for (it = 0; it < 14; it++) {
        matmul(m2, m, m, nx, nx, nx);
        s = frob(m2, nx * nx);
        for (i = 0; i < nx * nx; i++) m[i] = m2[i] / s;
        logc = 2.0 * logc + log(s);
    }
    got = exp(logc / 16384.0);
    tap_close(got, want, 2e-3, 0.0, "control_lqr: the spectral radius of A is the rho parameter");
    free(m), free(m2);
    lqr_view_free(&w);
}

static void test_lqr(void)
{
    static const pt_setting dflt[] = {PT_REAL("gamma", 0.99)}; /* the default, spelled out */
    static const pt_setting undisc[] = {PT_REAL("nx", 6), PT_REAL("nu", 2), PT_REAL("gamma", 1.0),
                                        PT_REAL("system_seed", 5)};
    static const pt_setting adv[] = {PT_STR("baseline", "value")};
    static const pt_setting half[] = {PT_REAL("rho", 0.5), PT_REAL("nx", 12), PT_REAL("nu", 3)};
    static const pt_setting seed1[] = {PT_REAL("system_seed", 1)};
    static const pt_setting unstab[] = {PT_REAL("rho", 10), PT_REAL("gamma", 1.0),
                                        PT_REAL("nu", 1)};
    static const pt_setting slow[] = {PT_REAL("dare_max_iter", 3)};
    pt_prob p = pt_prob_open("control_lqr", "control_lqr", dflt, 1), q;
    size_t i, n = 64;
    char err[1024];
    int rc;

    tap_ok(p.nx == 45 && p.ny == 17, "control_lqr: default dims 45 -> 17 (the humanoid's)");
    check_calculus(&p, 11, 3, 1.0);
    check_batch(&p, 12, 9, 1e-12, 1e-12);
    check_dare(&p, 0.99, 0.1, 1e-10);
    check_spectral_radius(&p, 1.0);
    {
        /* contexts: x ~ N(0, x_std^2 I), x_std = 1 */
        double *x = pt_dalloc(2000 * p.nx), s = 0.0, mean = 0.0;
        amor_rng rng;
        amor_rng_seed(&rng, 3);
        pt_must(p.d.sample(p.inst, &rng, 2000, x, err, sizeof err), "sample", err);
        for (i = 0; i < 2000 * p.nx; i++) mean += x[i], s += x[i] * x[i];
        mean /= 2000.0 * (double)p.nx;
        s = sqrt(s / (2000.0 * (double)p.nx));
        tap_ok(fabs(mean) < 0.01 && fabs(s - 1.0) < 0.01,
               "control_lqr: sampled states have mean 0 and std x_std = 1 (got %.4f, %.4f)", mean, s);
        free(x);
    }
    {
        /* the advantage baseline: f(y*) = Q(x, u*) - V(x) = 0 (Bellman), and
         * f differs from the plain Q by a per-context constant */
        pt_prob a = pt_prob_open("control_lqr", "control_lqr(baseline=value)", adv, 1);
        double *x = pt_dalloc(n * p.nx), *ys = pt_dalloc(n * p.ny), *u = pt_dalloc(n * p.ny);
        double *f = pt_dalloc(n), *fa = pt_dalloc(n), *f0 = pt_dalloc(n), *fa0 = pt_dalloc(n);
        double worst = 0.0, dworst = 0.0;
        amor_rng rng;
        amor_rng_seed(&rng, 4);
        pt_must(p.d.sample(p.inst, &rng, n, x, err, sizeof err), "sample", err);
        for (i = 0; i < n * p.ny; i++) u[i] = amor_rng_normal(&rng);
        pt_must(a.d.solve(a.inst, n, x, ys, err, sizeof err), "solve", err);
        pt_must(a.d.value(a.inst, n, x, ys, fa, err, sizeof err), "value", err);
        pt_must(p.d.value(p.inst, n, x, ys, f, err, sizeof err), "value", err);
        pt_must(a.d.value(a.inst, n, x, u, fa0, err, sizeof err), "value", err);
        pt_must(p.d.value(p.inst, n, x, u, f0, err, sizeof err), "value", err);
        for (i = 0; i < n; i++) {
            pt_worsen(&worst, fabs(fa[i]) / f[i]);
            pt_worsen(&dworst, fabs((f0[i] - fa0[i]) - (f[i] - fa[i])) / f[i]);
        }
        if (!tap_ok(worst <= 1e-12, "control_lqr(baseline=value): f(y*) = Q(x, u*) - x'Px = 0 "
                    "(Bellman's equation; |f| <= 1e-12 Q)"))
            tap_diag("got: %.3g", worst);
        tap_ok(dworst <= 1e-12, "control_lqr(baseline=value): f - Q is a per-context constant");
        free(x), free(ys), free(u), free(f), free(fa), free(f0), free(fa0);
        pt_prob_close(&a);
    }
    {
        /* the system is a function of system_seed alone */
        pt_prob a = pt_prob_open("control_lqr", "control_lqr", dflt, 1);
        pt_prob b = pt_prob_open("control_lqr", "control_lqr", seed1, 1);
        double x[45], u[17], fp, fa, fb;
        amor_rng rng;
        amor_rng_seed(&rng, 8);
        for (i = 0; i < 45; i++) x[i] = amor_rng_normal(&rng);
        for (i = 0; i < 17; i++) u[i] = amor_rng_normal(&rng);
        pt_must(p.d.value(p.inst, 1, x, u, &fp, err, sizeof err), "value", err);
        pt_must(a.d.value(a.inst, 1, x, u, &fa, err, sizeof err), "value", err);
        pt_must(b.d.value(b.inst, 1, x, u, &fb, err, sizeof err), "value", err);
        tap_ok(fp == fa && fa != fb, "control_lqr: same system_seed, same Q; another seed, another Q");
        pt_prob_close(&a);
        pt_prob_close(&b);
    }
    pt_prob_close(&p);

    q = pt_prob_open("control_lqr", "control_lqr(nx=6,nu=2,gamma=1)", undisc, 4);
    check_calculus(&q, 21, 3, 1.0);
    check_dare(&q, 1.0, 0.1, 1e-10);
    pt_prob_close(&q);
    q = pt_prob_open("control_lqr", "control_lqr(rho=0.5)", half, 3);
    check_spectral_radius(&q, 0.5);
    check_dare(&q, 0.99, 0.1, 1e-10);
    pt_prob_close(&q);

    /* bad input */
    rc = try_param_int("control_lqr", "nx", 0, err, sizeof err);
    tap_ok(rc != 0 && strstr(err, "nx"), "control_lqr: nx = 0 refused by the declared range (%s)", err);
    rc = try_param_int("control_lqr", "nu", 5000, err, sizeof err);
    tap_ok(rc != 0 && strstr(err, "nu"), "control_lqr: nu = 5000 refused by the declared range (%s)", err);
    rc = pt_prob_try("control_lqr", unstab, 3, err, sizeof err);
    if (!tap_ok(rc == AMOR_ENUMERIC && strstr(err, "not stabilizable") && strstr(err, "system_seed 0..7"),
                "control_lqr: an unstabilizable family is refused, naming the cause and the seeds"))
        tap_diag("got: rc %d, '%s'", rc, err);
    rc = pt_prob_try("control_lqr", slow, 1, err, sizeof err);
    if (!tap_ok(rc == AMOR_ENUMERIC && strstr(err, "did not converge") && strstr(err, "dare_max_iter"),
                "control_lqr: a Riccati recursion that runs out of iterations is an error naming dare_max_iter"))
        tap_diag("got: rc %d, '%s'", rc, err);
}

/* ------------------------------------------------------------------------ */
/* control_mpc                                                              */

/* The documented step, written out here: x (2 nl) -> xn, motors at
 * (2j + 1) nl / (2 nu). */
static void chain_step(double *xn, const double *x, const double *u, size_t nl, size_t nu,
                       double dt, double grav, double stiff, double damp, double gain)
{
    size_t l, j;
    for (l = 0; l < nl; l++) {
        double lapl = (l > 0 ? x[l - 1] - x[l] : 0.0) + (l + 1 < nl ? x[l + 1] - x[l] : 0.0);
        double a = grav * sin(x[l]) - damp * x[nl + l] + stiff * lapl;
        for (j = 0; j < nu; j++)
            if ((2 * j + 1) * nl / (2 * nu) == l) a += gain * u[j];
        xn[nl + l] = x[nl + l] + dt * a;
        xn[l] = x[l] + dt * xn[nl + l];
    }
}

static void check_mpc_dynamics(pt_prob *p)
{
    size_t nx = p->nx, ny = p->ny, nl = nx / 2, nu = 17, H = 3, t;
    double *x = pt_dalloc(nx), *u = pt_dalloc(ny), *out = pt_dalloc(H * nx);
    double *want = pt_dalloc((H + 1) * nx);
    double worst = 0.0;
    char err[512];
    amor_rng rng;
    amor_rng_seed(&rng, 17);
    pt_must(p->d.sample(p->inst, &rng, 1, x, err, sizeof err), "sample", err);
    for (t = 0; t < ny; t++) u[t] = amor_rng_normal(&rng);
    pt_must(p->d.aux(p->inst, 1, x, u, out, err, sizeof err), "aux", err);
    memcpy(want, x, nx * sizeof *want);
    for (t = 0; t < H; t++)
        chain_step(want + (t + 1) * nx, want + t * nx, u + t * nu, nl, nu, 0.05, 10, 5, 0.1, 40);
    for (t = 0; t < H * nx; t++) pt_worsen(&worst, fabs(out[t] - want[nx + t]));
    if (!tap_ok(worst <= 1e-12, "control_mpc: the predicted states (aux) follow the documented "
                "chain dynamics (defaults: dt 0.05, gravity 10, stiffness 5, damping 0.1, gain 40)"))
        tap_diag("got: largest difference %.3g", worst);
    free(x), free(u), free(out), free(want);
}

/* y* from solve on n contexts: stationary, a local minimum (its Hessian is
 * positive definite), and no worse than zero actions, random sequences and
 * perturbations of itself. */
static void check_mpc_solve(pt_prob *p, size_t n)
{
    size_t nx = p->nx, ny = p->ny, i, j, k, ntrial = 24;
    double *x = pt_dalloc(n * nx), *ys = pt_dalloc(n * ny), *f = pt_dalloc(n);
    double *g = pt_dalloc(n * ny);
    double *xr = pt_dalloc(ny * nx), *yr = pt_dalloc(ny * ny), *hm = pt_dalloc(ny * ny);
    double *eye = pt_dalloc(ny * ny);
    double *xt = pt_dalloc(ntrial * nx), *ut = pt_dalloc(ntrial * ny), *ft = pt_dalloc(ntrial);
    double gworst = 0.0, rms = 0.0;
    size_t notpd = 0, beaten = 0;
    char err[512];
    amor_rng rng;
    amor_rng_seed(&rng, 23);
    pt_must(p->d.sample(p->inst, &rng, n, x, err, sizeof err), "sample", err);
    pt_must(p->d.solve(p->inst, n, x, ys, err, sizeof err), "solve", err);
    pt_must(p->d.value_grad(p->inst, n, x, ys, f, g, err, sizeof err), "value_grad", err);
    for (i = 0; i < n * ny; i++) rms += ys[i] * ys[i];
    rms = sqrt(rms / (double)(n * ny));
    for (j = 0; j < ny; j++) eye[j * ny + j] = 1.0;
    for (i = 0; i < n; i++) {
        const double *xi = x + i * nx, *yi = ys + i * ny;
        double scale = 1.0 + fabs(f[i]), fi = f[i];
        for (k = 0; k < nx; k++) scale += xi[k] * xi[k];
        pt_worsen(&gworst, pt_max_abs(g + i * ny, ny) / scale);
        /* the Hessian by ny HVPs */
        for (j = 0; j < ny; j++) {
            memcpy(xr + j * nx, xi, nx * sizeof *xr);
            memcpy(yr + j * ny, yi, ny * sizeof *yr);
        }
        pt_must(p->d.hvp(p->inst, ny, xr, yr, eye, hm, err, sizeof err), "hvp", err);
        notpd += ref_chol(hm, ny) != 0;
        /* trials: zero, random sequences of y*'s scale, perturbations */
        for (k = 0; k < ntrial; k++) {
            memcpy(xt + k * nx, xi, nx * sizeof *xt);
            for (j = 0; j < ny; j++)
                ut[k * ny + j] = k == 0 ? 0.0
                                 : k < ntrial / 2 ? 2.0 * rms * amor_rng_normal(&rng)
                                                  : yi[j] + 0.05 * rms * amor_rng_normal(&rng);
        }
        pt_must(p->d.value(p->inst, ntrial, xt, ut, ft, err, sizeof err), "value", err);
        for (k = 0; k < ntrial; k++) beaten += ft[k] < fi - 1e-12 * (1.0 + fabs(fi));
    }
    if (!tap_ok(gworst <= 1e-9, "%s: Newton's y* is stationary (|grad f|_inf <= 1e-9 "
                "(1 + |f| + |x|^2), %zu contexts)", p->label, n))
        tap_diag("got: %.3g", gworst);
    if (!tap_ok(notpd == 0, "%s: the Hessian at y* is positive definite (a strict local "
                "minimum) for all %zu contexts", p->label, n))
        tap_diag("got: %zu not positive definite", notpd);
    if (!tap_ok(beaten == 0, "%s: y* beats zero actions, %zu random sequences and %zu "
                "perturbations of itself per context", p->label, ntrial / 2 - 1, ntrial / 2))
        tap_diag("got: %zu trial sequences with lower f", beaten);
    free(x), free(ys), free(f), free(g), free(xr), free(yr), free(hm), free(xt), free(ut), free(ft);
    free(eye);
}

/* gravity 0: the chain is linear, the H-step optimum with the LQR terminal
 * value is the LQR value itself, so with the value baseline f(y*) = 0. */
static void check_mpc_linear(size_t horizon)
{
    const pt_setting lin[] = {PT_REAL("gravity", 0), PT_REAL("horizon", (double)horizon),
                              PT_STR("baseline", "value")};
    pt_prob p = pt_prob_open("control_mpc", "control_mpc(gravity=0)", lin, 3);
    size_t n = 32, i;
    double *x = pt_dalloc(n * p.nx), *ys = pt_dalloc(n * p.ny), *f = pt_dalloc(n), worst = 0.0;
    char err[512];
    amor_rng rng;
    amor_rng_seed(&rng, 31);
    pt_must(p.d.sample(p.inst, &rng, n, x, err, sizeof err), "sample", err);
    pt_must(p.d.solve(p.inst, n, x, ys, err, sizeof err), "solve", err);
    pt_must(p.d.value(p.inst, n, x, ys, f, err, sizeof err), "value", err);
    for (i = 0; i < n; i++) {
        size_t k;
        double xx = 0.0;
        for (k = 0; k < p.nx; k++) xx += x[i * p.nx + k] * x[i * p.nx + k];
        pt_worsen(&worst, fabs(f[i]) / (1.0 + xx));
    }
    if (!tap_ok(worst <= 1e-9, "control_mpc(gravity=0, horizon=%zu): the optimum equals the "
                "terminal LQR value x'Px (|f(y*) - x'Px| <= 1e-9 (1 + |x|^2))", horizon))
        tap_diag("got: %.3g", worst);
    free(x), free(ys), free(f);
    pt_prob_close(&p);
}

static void test_mpc(void)
{
    static const pt_setting small[] = {PT_REAL("links", 5), PT_REAL("actuated", 2),
                                       PT_REAL("horizon", 4), PT_REAL("theta_std", 1.0)};
    static const pt_setting toomany[] = {PT_REAL("actuated", 30)};
    static const pt_setting onemotor[] = {PT_REAL("actuated", 1)};
    pt_prob p = pt_prob_open("control_mpc", "control_mpc", NULL, 0), q;
    char err[1024];
    int rc;
    tap_ok(p.nx == 44 && p.ny == 51, "control_mpc: default dims 44 -> 51 (17 motors x H = 3)");
    check_mpc_dynamics(&p);
    check_calculus(&p, 41, 3, 1.0);
    check_batch(&p, 42, 7, 1e-12, 1e-7);
    check_mpc_solve(&p, 40);
    pt_prob_close(&p);

    q = pt_prob_open("control_mpc", "control_mpc(links=5,actuated=2,horizon=4)", small, 4);
    check_calculus(&q, 43, 4, 2.0);
    check_mpc_solve(&q, 40);
    pt_prob_close(&q);
    check_mpc_linear(1);
    check_mpc_linear(3);

    rc = try_param_int("control_mpc", "horizon", 0, err, sizeof err);
    tap_ok(rc != 0 && strstr(err, "horizon"), "control_mpc: horizon 0 refused by the declared range (%s)", err);
    rc = pt_prob_try("control_mpc", toomany, 1, err, sizeof err);
    tap_ok(rc == AMOR_EINVAL && strstr(err, "actuated (30) must not exceed links (22)"),
           "control_mpc: more motors than links refused (%s)", err);
    rc = pt_prob_try("control_mpc", onemotor, 1, err, sizeof err);
    tap_ok(rc == AMOR_ENUMERIC && strstr(err, "not stabilizable"),
           "control_mpc: a chain one motor cannot stabilize is refused, naming the cause (%s)", err);
}

int main(void)
{
    test_lqr();
    test_mpc();
    return tap_done();
}
