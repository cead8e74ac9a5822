/*
 * t_conjugate.c -- TAP tests of the `conjugate` problem (amortized convex
 * conjugates): each potential rebuilt here from its documented recipe and
 * evaluated by plain loops (the quadratic's conjugate in closed form), the
 * Newton solution against the closed form (quadratic) and by stationarity,
 * the second-order condition, a fine 1-D grid maximizing <z, x> - phi(z),
 * and the envelope theorem grad phi*(x) = z*(x) by finite differences
 * (lse, icnn); gradients and HVPs against central differences; Newton's
 * line search; refusals.  Run from the repository root.
 */
#include "tap.h"
#include "plugtest.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAXD 8   /* widest d the references handle */
#define MAXW 16  /* widest ICNN layer the reference handles */
#define MAXK 32  /* most log-sum-exp pieces the reference handles */

/* ------------------------------------------------------------------------ */
/* References: the potentials by plain loops, from the documented draws     */

static double ref_softplus(double a) { return a > 0 ? a + log1p(exp(-a)) : log1p(exp(a)); }

static double ref_trunc(amor_rng *r, double std)
{
    double z;
    do z = amor_rng_normal(r);
    while (fabs(z) > 2.0);
    return std * z;
}

typedef struct ref_pot {
    int kind; /* 0 quadratic, 1 lse, 2 icnn */
    size_t d;
    double mu;
    double a[MAXD * MAXD], b[MAXD];         /* quadratic */
    size_t K;
    double p[MAXK * MAXD], c[MAXK];         /* lse */
    size_t L, n[4];
    double w[4][MAXW * MAXD], bb[4][MAXW], u[4][MAXW * MAXW], uo[MAXW], wo[MAXD]; /* icnn */
} ref_pot;

static ref_pot ref_quadratic(size_t d, double mu, uint64_t seed)
{
    ref_pot r;
    double m[MAXD * MAXD];
    size_t i, j, k;
    amor_rng g;
    memset(&r, 0, sizeof r);
    r.kind = 0, r.d = d, r.mu = mu;
    amor_rng_seed(&g, seed);
    for (i = 0; i < d * d; i++) m[i] = amor_rng_normal(&g);
    for (i = 0; i < d; i++) r.b[i] = amor_rng_normal(&g);
    for (i = 0; i < d; i++)
        for (j = 0; j < d; j++) {
            double s = 0.0;
            for (k = 0; k < d; k++) s += m[i * d + k] * m[j * d + k];
            r.a[i * d + j] = s / (double)d + (i == j ? mu : 0.0);
        }
    return r;
}

static ref_pot ref_lse(size_t d, double mu, size_t K, uint64_t seed)
{
    ref_pot r;
    size_t i;
    amor_rng g;
    memset(&r, 0, sizeof r);
    r.kind = 1, r.d = d, r.mu = mu, r.K = K;
    amor_rng_seed(&g, seed);
    for (i = 0; i < K * d; i++) r.p[i] = amor_rng_normal(&g);
    for (i = 0; i < K; i++) r.c[i] = amor_rng_normal(&g);
    return r;
}

static ref_pot ref_icnn(size_t d, double mu, const int64_t *hidden, size_t L, uint64_t seed)
{
    ref_pot r;
    size_t l, k;
    amor_rng g;
    memset(&r, 0, sizeof r);
    r.kind = 2, r.d = d, r.mu = mu, r.L = L;
    amor_rng_seed(&g, seed);
    for (l = 0; l < L; l++) {
        r.n[l] = (size_t)hidden[l];
        for (k = 0; k < r.n[l] * d; k++) r.w[l][k] = ref_trunc(&g, 1.0 / sqrt((double)d));
        for (k = 0; k < r.n[l]; k++) r.bb[l][k] = amor_rng_normal(&g);
        if (l > 0) {
            double np = (double)r.n[l - 1];
            for (k = 0; k < r.n[l] * r.n[l - 1]; k++)
                r.u[l][k] = ref_softplus(ref_trunc(&g, 1.0 / sqrt(np))) / np;
        }
    }
    for (k = 0; k < r.n[L - 1]; k++)
        r.uo[k] = ref_softplus(ref_trunc(&g, 1.0 / sqrt((double)r.n[L - 1]))) /
                  (double)r.n[L - 1];
    for (k = 0; k < d; k++) r.wo[k] = ref_trunc(&g, 1.0 / sqrt((double)d));
    return r;
}

static double ref_phi(const ref_pot *r, const double *z)
{
    size_t i, j, l, d = r->d;
    double s = 0.0, zz = 0.0;
    for (i = 0; i < d; i++) zz += z[i] * z[i];
    if (r->kind == 0) {
        for (i = 0; i < d; i++) {
            for (j = 0; j < d; j++) s += 0.5 * z[i] * r->a[i * d + j] * z[j];
            s += r->b[i] * z[i];
        }
        return s;
    }
    if (r->kind == 1) {
        double t[MAXK], mx = -INFINITY;
        for (i = 0; i < r->K; i++) {
            t[i] = r->c[i];
            for (j = 0; j < d; j++) t[i] += r->p[i * d + j] * z[j];
            if (t[i] > mx) mx = t[i];
        }
        for (i = 0; i < r->K; i++) s += exp(t[i] - mx);
        return mx + log(s) + 0.5 * r->mu * zz;
    }
    {
        double h[MAXW], hn[MAXW];
        for (l = 0; l < r->L; l++) {
            for (i = 0; i < r->n[l]; i++) {
                double a = r->bb[l][i];
                for (j = 0; j < d; j++) a += r->w[l][i * d + j] * z[j];
                if (l > 0)
                    for (j = 0; j < r->n[l - 1]; j++) a += r->u[l][i * r->n[l - 1] + j] * h[j];
                hn[i] = ref_softplus(a);
            }
            memcpy(h, hn, r->n[l] * sizeof *h);
        }
        for (i = 0; i < r->n[r->L - 1]; i++) s += r->uo[i] * h[i];
        for (j = 0; j < d; j++) s += r->wo[j] * z[j];
        return s + 0.5 * r->mu * zz;
    }
}

/* x (d) := M^-1 b for the SPD m (d, d), by Cholesky in plain loops. */
static void ref_spd_solve(const double *m, const double *b, double *x, size_t d)
{
    double l[MAXD * MAXD] = {0}, y[MAXD];
    size_t i, j, k;
    for (j = 0; j < d; j++) {
        double s = m[j * d + j];
        for (k = 0; k < j; k++) s -= l[j * d + k] * l[j * d + k];
        l[j * d + j] = sqrt(s);
        for (i = j + 1; i < d; i++) {
            double t = m[i * d + j];
            for (k = 0; k < j; k++) t -= l[i * d + k] * l[j * d + k];
            l[i * d + j] = t / l[j * d + j];
        }
    }
    for (i = 0; i < d; i++) {
        double s = b[i];
        for (k = 0; k < i; k++) s -= l[i * d + k] * y[k];
        y[i] = s / l[i * d + i];
    }
    for (i = d; i-- > 0;) {
        double s = y[i];
        for (k = i + 1; k < d; k++) s -= l[k * d + i] * x[k];
        x[i] = s / l[i * d + i];
    }
}

/* ------------------------------------------------------------------------ */
/* Helpers on the plugin                                                    */

static void solve_rows(const pt_prob *p, size_t n, const double *x, double *ys)
{
    char err[512] = "";
    pt_must(p->d.solve(p->inst, n, x, ys, err, sizeof err), "solve", err);
}

/* phi*(x) = -f(z*(x); x) by the plugin's solve and value. */
static double conj_value(const pt_prob *p, const double *x)
{
    double z[MAXD], f;
    solve_rows(p, 1, x, z);
    pt_prob_eval(p, 1, x, z, &f, NULL);
    return -f;
}

/* H (d, d) of f at z from d HVPs (row i = H e_i). */
static void hessian(const pt_prob *p, const double *x, const double *z, double *h)
{
    size_t d = p->ny, i;
    double zr[MAXD * MAXD], xr[MAXD * MAXD], e[MAXD * MAXD] = {0};
    char err[256] = "";
    for (i = 0; i < d; i++) {
        memcpy(zr + i * d, z, d * sizeof *z);
        memcpy(xr + i * d, x, d * sizeof *x);
        e[i * d + i] = 1.0;
    }
    pt_must(p->d.hvp(p->inst, d, xr, zr, e, h, err, sizeof err), "hvp", err);
}

/* 1 when h - s I is positive definite (Cholesky succeeds). */
static int pd_above(const double *h, size_t d, double s)
{
    double l[MAXD * MAXD];
    size_t i, j, k;
    memcpy(l, h, d * d * sizeof *l);
    for (i = 0; i < d; i++) l[i * d + i] -= s;
    for (j = 0; j < d; j++) {
        double t = l[j * d + j];
        for (k = 0; k < j; k++) t -= l[j * d + k] * l[j * d + k];
        if (!(t > 0)) return 0;
        l[j * d + j] = sqrt(t);
        for (i = j + 1; i < d; i++) {
            double u = l[i * d + j];
            for (k = 0; k < j; k++) u -= l[i * d + k] * l[j * d + k];
            l[i * d + j] = u / l[j * d + j];
        }
    }
    return 1;
}

/* f against the reference phi(z) - <z, x> at random (x, z), relative error. */
static double value_error(const pt_prob *p, const ref_pot *r, uint64_t seed)
{
    enum { N = 67 }; /* more than one 64-row block */
    size_t d = p->ny, i, k;
    double *x = pt_dalloc(N * d), *z = pt_dalloc(N * d), f[N], worst = 0.0;
    amor_rng g;
    amor_rng_seed(&g, seed);
    pt_randn(x, N * d, 1.0, &g);
    pt_randn(z, N * d, 2.0, &g);
    pt_prob_eval(p, N, x, z, f, NULL);
    for (i = 0; i < N; i++) {
        double want = ref_phi(r, z + i * d);
        for (k = 0; k < d; k++) want -= z[i * d + k] * x[i * d + k];
        pt_worsen(&worst, fabs(f[i] - want) / fmax(1.0, fabs(want)));
    }
    free(x);
    free(z);
    return worst;
}

/* Worst gradient (vs central differences of value) and HVP (vs central
 * differences of the gradient) errors over a few random points. */
static void calculus_errors(const pt_prob *p, double *ge, double *he)
{
    size_t d = p->ny, t, k, j;
    double x[MAXD], z[MAXD], g[MAXD], fd[MAXD], gw[MAXD], f, h[MAXD * MAXD];
    pt_row row = {p, x, 0, gw};
    amor_rng r;
    amor_rng_seed(&r, 11);
    *ge = *he = 0.0;
    for (t = 0; t < 4; t++) {
        pt_randn(x, d, 1.0, &r);
        pt_randn(z, d, 1.5, &r);
        pt_prob_eval(p, 1, x, z, &f, g);
        pt_fd_grad(pt_row_value, &row, z, d, 1e-5, fd);
        for (k = 0; k < d; k++) pt_worsen(ge, fabs(g[k] - fd[k]) / fmax(1.0, fabs(g[k])));
        hessian(p, x, z, h);
        for (j = 0; j < d; j++) {
            row.comp = j;
            pt_fd_grad(pt_row_grad, &row, z, d, 1e-5, fd); /* row j of H */
            for (k = 0; k < d; k++)
                pt_worsen(he, fabs(h[j * d + k] - fd[k]) / fmax(1.0, fabs(fd[k])));
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */

static void test_quadratic(void)
{
    enum { N = 20 };
    const size_t d = 5;
    pt_setting set[] = {PT_STR("potential", "quadratic"), PT_INT("dim", 5), PT_REAL("mu", 0.3),
                        PT_INT("potential_seed", 7)};
    pt_prob p = pt_prob_open("conjugate", NULL, set, PT_LEN(set));
    ref_pot r = ref_quadratic(d, 0.3, 7);
    double x[N * 5], ys[N * 5], f[N], ze = 0.0, ce = 0.0, ge, he;
    size_t i, k;
    amor_rng g;
    tap_ok(p.nx == d && p.ny == d, "quadratic: nx = ny = dim");
    tap_close(value_error(&p, &r, 3), 0.0, 0.0, 1e-13,
              "quadratic: f = 1/2 z'Az + b'z - z'x, A = MM'/d + mu I from the documented draws");
    amor_rng_seed(&g, 5);
    pt_randn(x, N * d, 1.0, &g);
    solve_rows(&p, N, x, ys);
    pt_prob_eval(&p, N, x, ys, f, NULL);
    for (i = 0; i < N; i++) {
        double xb[MAXD], zs[MAXD], phis = 0.0;
        for (k = 0; k < d; k++) xb[k] = x[i * d + k] - r.b[k];
        ref_spd_solve(r.a, xb, zs, d);
        for (k = 0; k < d; k++) {
            pt_worsen(&ze, fabs(ys[i * d + k] - zs[k]) / fmax(1.0, fabs(zs[k])));
            phis += 0.5 * xb[k] * zs[k];
        }
        pt_worsen(&ce, fabs(-f[i] - phis) / fmax(1.0, phis));
    }
    tap_close(ze, 0.0, 0.0, 1e-11, "quadratic: solve gives z* = A^-1 (x - b)");
    tap_close(ce, 0.0, 0.0, 1e-12,
              "quadratic: -f(z*) = phi*(x) = 1/2 (x - b)'A^-1 (x - b)");
    calculus_errors(&p, &ge, &he);
    tap_close(ge, 0.0, 0.0, 1e-8, "quadratic: gradient matches central differences");
    tap_close(he, 0.0, 0.0, 1e-8, "quadratic: HVP matches differences of the gradient");
    {   /* the Hessian is A itself */
        double h[MAXD * MAXD], e = 0.0;
        hessian(&p, x, ys, h);
        for (k = 0; k < d * d; k++) pt_worsen(&e, fabs(h[k] - r.a[k]));
        tap_close(e, 0.0, 0.0, 1e-13, "quadratic: Hessian = A");
    }
    pt_prob_close(&p);
}

/* Stationarity, second order, envelope theorem and residual at z* for a
 * potential with no closed form; `label` names it. */
static void check_optimality(const pt_prob *p, const char *label, double mu)
{
    enum { N = 12 };
    size_t d = p->ny, i, k;
    double x[N * MAXD], ys[N * MAXD], f[N], g[N * MAXD];
    double gmax = 0.0, env = 0.0;
    int pd = 1;
    char what[160];
    amor_rng r;
    amor_rng_seed(&r, 21);
    pt_randn(x, N * d, 1.0, &r);
    solve_rows(p, N, x, ys);
    pt_prob_eval(p, N, x, ys, f, g);
    for (i = 0; i < N; i++) {
        double h[MAXD * MAXD], gn = 0.0, xn = 0.0;
        for (k = 0; k < d; k++) {
            gn += g[i * d + k] * g[i * d + k];
            xn += x[i * d + k] * x[i * d + k];
        }
        pt_worsen(&gmax, sqrt(gn) / fmax(1.0, sqrt(xn)));
        hessian(p, x + i * d, ys + i * d, h);
        pd &= pd_above(h, d, mu * (1 - 1e-9));
        for (k = 0; k < d; k++) { /* d phi* / d x_k = z*_k */
            double xp[MAXD], xm[MAXD], hh = 1e-5, fd;
            memcpy(xp, x + i * d, d * sizeof *xp);
            memcpy(xm, x + i * d, d * sizeof *xm);
            xp[k] += hh;
            xm[k] -= hh;
            fd = (conj_value(p, xp) - conj_value(p, xm)) / (2 * hh);
            pt_worsen(&env, fabs(fd - ys[i * d + k]) / fmax(1.0, fabs(ys[i * d + k])));
        }
    }
    if (!tap_ok(gmax <= 1e-12, "%s: solve reaches |grad f(z*)| <= 1e-12 max(1, |x|)", label))
        tap_diag("worst %g", gmax);
    tap_ok(pd, "%s: Hessian at z* is positive definite with eigenvalues >= mu", label);
    snprintf(what, sizeof what, "%s: envelope theorem: finite differences of phi*(x) = "
             "-f(z*(x); x) give z*(x)", label);
    tap_close(env, 0.0, 0.0, 1e-7, what);

}

/* dim 1: phi*(x) = max over a fine grid of z x - phi(z) (the reference phi),
 * against -f(z*): the grid value never exceeds it and comes within the
 * grid's resolution, (max curvature) h^2 / 8. */
static void check_grid(const pt_prob *p, const ref_pot *r, const char *label)
{
    const double lo = -40, hi = 40, h = 2e-4;
    size_t i, t, steps = (size_t)((hi - lo) / h);
    double above = -INFINITY, gap = 0.0;
    amor_rng g;
    amor_rng_seed(&g, 31);
    for (t = 0; t < 4; t++) {
        double x = 1.5 * amor_rng_normal(&g), best = -INFINITY, cs = conj_value(p, &x);
        for (i = 0; i <= steps; i++) {
            double z = lo + h * (double)i, v = z * x - ref_phi(r, &z);
            if (v > best) best = v;
        }
        if (best - cs > above) above = best - cs;
        pt_worsen(&gap, cs - best);
    }
    if (!tap_ok(above <= 1e-12 && gap <= 1e-6,
                "%s: phi*(x) = -f(z*) matches the max of z x - phi(z) over a 1-D grid of "
                "step 2e-4", label))
        tap_diag("grid above solve by %g; solve above grid by %g", above, gap);
}

static void test_lse(void)
{
    double ge, he;
    {
        pt_setting set[] = {PT_STR("potential", "lse"), PT_INT("dim", 3), PT_REAL("mu", 0.2),
                            PT_INT("pieces", 9), PT_INT("potential_seed", 4)};
        pt_prob p = pt_prob_open("conjugate", "lse", set, PT_LEN(set));
        ref_pot r = ref_lse(3, 0.2, 9, 4);
        tap_close(value_error(&p, &r, 3), 0.0, 0.0, 1e-13,
                  "lse: f = log sum exp(Pz + c) + mu/2|z|^2 - z'x from the documented draws");
        calculus_errors(&p, &ge, &he);
        tap_close(ge, 0.0, 0.0, 1e-8, "lse: gradient matches central differences");
        tap_close(he, 0.0, 0.0, 1e-7, "lse: HVP matches differences of the gradient");
        check_optimality(&p, "lse", 0.2);
        pt_prob_close(&p);
    }
    {
        pt_setting set[] = {PT_STR("potential", "lse"), PT_INT("dim", 1), PT_REAL("mu", 0.1),
                            PT_INT("pieces", 5)};
        pt_prob p = pt_prob_open("conjugate", "lse", set, PT_LEN(set));
        ref_pot r = ref_lse(1, 0.1, 5, 0);
        check_grid(&p, &r, "lse, dim 1");
        pt_prob_close(&p);
    }
    {   /* nearly linear far out (mu = 0.01): full Newton steps from 0 overshoot
         * and cycle; the line search must bring every row home */
        enum { N = 64 };
        pt_setting set[] = {PT_STR("potential", "lse"), PT_INT("dim", 2), PT_REAL("mu", 0.01),
                            PT_INT("pieces", 4)};
        pt_prob p = pt_prob_open("conjugate", "lse", set, PT_LEN(set));
        double x[N * 2], ys[N * 2], f[N], g[N * 2], gmax = 0.0;
        char err[512] = "";
        size_t i;
        int rc;
        amor_rng r;
        amor_rng_seed(&r, 1);
        pt_randn(x, N * 2, 3.0, &r);
        rc = p.d.solve(p.inst, N, x, ys, err, sizeof err);
        if (rc == 0) {
            pt_prob_eval(&p, N, x, ys, f, g);
            for (i = 0; i < N; i++)
                pt_worsen(&gmax, hypot(g[2 * i], g[2 * i + 1]) /
                                     fmax(1.0, hypot(x[2 * i], x[2 * i + 1])));
        }
        if (!tap_ok(rc == 0 && gmax <= 1e-12,
                    "lse, mu = 0.01, |x| ~ 3: Newton's line search reaches z* on every row"))
            tap_diag("rc %d '%s', worst |grad| %g", rc, err, gmax);
        pt_prob_close(&p);
    }
}

static void test_icnn(void)
{
    static const int64_t hid[] = {12, 10, 8};
    double ge, he;
    {
        pt_setting set[] = {PT_INT("dim", 4), PT_LIST("hidden", hid), PT_REAL("mu", 0.05),
                            PT_INT("potential_seed", 9)};
        pt_prob p = pt_prob_open("conjugate", "icnn", set, PT_LEN(set));
        ref_pot r = ref_icnn(4, 0.05, hid, 3, 9);
        tap_close(value_error(&p, &r, 3), 0.0, 0.0, 1e-13,
                  "icnn: f = ICNN(z) + mu/2|z|^2 - z'x from the documented draws");
        calculus_errors(&p, &ge, &he);
        tap_close(ge, 0.0, 0.0, 1e-8, "icnn: gradient matches central differences");
        tap_close(he, 0.0, 0.0, 1e-7, "icnn: HVP (R-operator) matches differences of the "
                                      "gradient");
        check_optimality(&p, "icnn", 0.05);
        pt_prob_close(&p);
    }
    {
        static const int64_t small[] = {6, 5};
        pt_setting set[] = {PT_INT("dim", 1), PT_LIST("hidden", small), PT_REAL("mu", 0.1)};
        pt_prob p = pt_prob_open("conjugate", "icnn", set, PT_LEN(set));
        ref_pot r = ref_icnn(1, 0.1, small, 2, 0);
        check_grid(&p, &r, "icnn, dim 1");
        pt_prob_close(&p);
    }
    {   /* the default: dim 2, hidden 64, 64 */
        pt_prob p = pt_prob_open("conjugate", NULL, NULL, 0);
        tap_ok(p.nx == 2 && p.ny == 2, "default: dim 2 (w2ot's 2-D benchmarks)");
        check_optimality(&p, "default icnn", 0.5);
        pt_prob_close(&p);
    }
}

static void test_refusals(void)
{
    char err[512] = "";
    int rc;
    {
        pt_setting set[] = {PT_REAL("mu", 0)};
        rc = pt_prob_try("conjugate", set, PT_LEN(set), err, sizeof err);
        if (!tap_ok(rc == AMOR_EINVAL &&
                        !strcmp(err, "conjugate: parameter 'mu' must be > 0 (phi must be "
                                     "strongly convex for phi* to be finite everywhere), got 0"),
                    "mu = 0 is refused at create, saying why"))
            tap_diag("got: rc %d, '%s'", rc, err);
    }
    {
        const amor_problem_desc *d = pt_problem("conjugate");
        params_set ps = pt_params(&d->head);
        rc = params_set_real(&ps, "mu", -1, err, sizeof err);
        if (!tap_ok(rc != 0 && !strcmp(err, "parameter 'mu' of problem 'conjugate' must be in "
                                            "[0, 1e+06], got -1"),
                    "mu < 0 is refused by the declared range"))
            tap_diag("got: rc %d, '%s'", rc, err);
        params_free(&ps);
    }
    {
        pt_setting set[] = {PT_LISTN("hidden", NULL, 0)};
        rc = pt_prob_try("conjugate", set, PT_LEN(set), err, sizeof err);
        if (!tap_ok(rc == AMOR_EINVAL &&
                        !strcmp(err, "conjugate: parameter 'hidden' must list at least one "
                                     "layer for potential = icnn"),
                    "an ICNN without hidden layers is refused"))
            tap_diag("got: rc %d, '%s'", rc, err);
    }
    {   /* an iteration cap Newton cannot meet: solve fails naming it */
        pt_setting set[] = {PT_INT("solve_iters", 1)};
        pt_prob p = pt_prob_open("conjugate", NULL, set, PT_LEN(set));
        double x[2] = {2.0, -1.0}, y[2];
        rc = p.d.solve(p.inst, 1, x, y, err, sizeof err);
        if (!tap_ok(rc == AMOR_ENUMERIC &&
                        pt_contains(err, "conjugate: Newton did not reach |grad| <= 2.23607e-12 "
                                         "in 1 iterations (solve_iters) at context 0"),
                    "solve past solve_iters is an error naming the cap and the context"))
            tap_diag("got: rc %d, '%s'", rc, err);
        pt_prob_close(&p);
    }
}

int main(void)
{
    test_quadratic();
    test_lse();
    test_icnn();
    test_refusals();
    (void)tap_skip_all;
    return tap_done();
}
