/*
 * t_gpolicy.c -- TAP tests of Gaussian policies (plugins/common/gpolicy.c)
 * and their use by control_lqr, control_mpc and the policy_kl loss: KL and
 * both its gradients against central differences and against the diagonal
 * closed form; entropy and log-density against the test's own Cholesky;
 * every objective mode's gradient and HVP against central differences on
 * both problems; the sampled expectation against the exact one on LQR;
 * pi* (solve) against N(-Kx, alpha H^-1) with H from the deterministic
 * problem's HVP, both diagonal optima, the Laplace approximation on the
 * chain; aux's KLs; noise fixed vs fresh; and the refusals.  Run from the
 * repository root.
 */
#include "refchol.h"
#include "tap.h"
#include "plugtest.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gpolicy.h"

#define FD_H 1e-6
#define FD_RTOL 1e-6

static const gp_layout LAYS[2] = {GP_FULL, GP_DIAG};


/* inv (n, n) = A^-1 for symmetric positive definite a, by Gauss-Jordan. */
static void inverse(double *inv, const double *a, size_t n)
{
    double *m = pt_dalloc(n * n);
    size_t i, j, k;
    memcpy(m, a, n * n * sizeof *m);
    for (i = 0; i < n * n; i++) inv[i] = 0.0;
    for (i = 0; i < n; i++) inv[i * n + i] = 1.0;
    for (k = 0; k < n; k++) {
        double p = m[k * n + k];
        for (j = 0; j < n; j++) m[k * n + j] /= p, inv[k * n + j] /= p;
        for (i = 0; i < n; i++) {
            double f = m[i * n + k];
            if (i == k) continue;
            for (j = 0; j < n; j++) m[i * n + j] -= f * m[k * n + j], inv[i * n + j] -= f * inv[k * n + j];
        }
    }
    free(m);
}

/* The covariance (d, d) of one policy row, L L' written out by the test. */
static void covariance(gp_layout lay, size_t d, const double *y, double *cov)
{
    double *L = pt_dalloc(d * d);
    size_t a, b, k, p = d;
    for (a = 0; a < d; a++) /* GP_FULL: row by row, entries (a, 0..a) */
        for (b = 0; b <= a; b++) {
            if (lay == GP_DIAG) {
                if (a == b) L[a * d + a] = exp(y[d + a]);
                continue;
            }
            L[a * d + b] = a == b ? exp(y[p]) : y[p];
            p++;
        }
    for (a = 0; a < d; a++)
        for (b = 0; b < d; b++) {
            double s = 0.0;
            for (k = 0; k < d; k++) s += L[a * d + k] * L[b * d + k];
            cov[a * d + b] = s;
        }
    free(L);
}

/* ------------------------------------------------------------------------ */
/* KL, entropy, density                                                     */

typedef struct kl_ctx {
    gp_layout l1, l2;
    size_t d;
    const double *y1, *y2;
    int side; /* 1: vary y1, 2: vary y2 */
    double *work;
} kl_ctx;

static double kl_of(void *c, const double *p)
{
    kl_ctx *k = c;
    double kl;
    gp_kl(k->l1, k->side == 1 ? p : k->y1, k->l2, k->side == 2 ? p : k->y2, k->d, 1, &kl, NULL,
          NULL, k->work);
    return kl;
}

static void test_kl(void)
{
    size_t d = 3, a, b, i;
    amor_rng r;
    double *work = pt_dalloc(gp_kl_work(d));
    char what[256];
    amor_rng_seed(&r, 7);
    for (a = 0; a < 2; a++)
        for (b = 0; b < 2; b++) {
            gp_layout l1 = LAYS[a], l2 = LAYS[b];
            size_t n1 = gp_ny(l1, d), n2 = gp_ny(l2, d);
            double *y1 = pt_dalloc(n1), *y2 = pt_dalloc(n2), *g1 = pt_dalloc(n1),
                   *g2 = pt_dalloc(n2), *fd1 = pt_dalloc(n1), *fd2 = pt_dalloc(n2), kl, self;
            double *c1 = pt_dalloc(d * d), *c2 = pt_dalloc(d * d), *i2 = pt_dalloc(d * d),
                   *l1c = pt_dalloc(d * d), *l2c = pt_dalloc(d * d), want, tr = 0, q = 0;
            kl_ctx k = {l1, l2, d, y1, y2, 1, work};
            pt_randn(y1, n1, 0.5, &r);
            pt_randn(y2, n2, 0.5, &r);
            gp_kl(l1, y1, l2, y2, d, 1, &kl, g1, g2, work);
            pt_fd_grad(kl_of, &k, y1, n1, FD_H, fd1);
            k.side = 2;
            pt_fd_grad(kl_of, &k, y2, n2, FD_H, fd2);
            if (!tap_ok(pt_max_relerr(g1, fd1, n1) <= FD_RTOL && pt_max_relerr(g2, fd2, n2) <= FD_RTOL,
                        "KL(%s || %s): both gradients match central differences",
                        gp_layout_name(l1), gp_layout_name(l2)))
                tap_diag("got: errors %.3g, %.3g", pt_max_relerr(g1, fd1, n1), pt_max_relerr(g2, fd2, n2));
            /* the textbook formula from covariances the test forms itself */
            covariance(l1, d, y1, c1);
            covariance(l2, d, y2, c2);
            inverse(i2, c2, d);
            memcpy(l1c, c1, d * d * sizeof *l1c);
            memcpy(l2c, c2, d * d * sizeof *l2c);
            ref_chol(l1c, d);
            ref_chol(l2c, d);
            for (i = 0; i < d * d; i++) tr += i2[i] * c1[(i % d) * d + i / d];
            for (i = 0; i < d * d; i++) q += (y2[i / d] - y1[i / d]) * i2[i] * (y2[i % d] - y1[i % d]);
            want = 0.5 * (tr + q - (double)d);
            for (i = 0; i < d; i++) want += log(l2c[i * d + i]) - log(l1c[i * d + i]);
            snprintf(what, sizeof what, "KL(%s || %s) = 1/2 (tr(S2^-1 S1) + dmu'S2^-1 dmu - d + "
                     "log det S2/S1)", gp_layout_name(l1), gp_layout_name(l2));
            tap_close(kl, want, 1e-12, 1e-13, what);
            gp_kl(l1, y1, l1, y1, d, 1, &self, NULL, NULL, work);
            snprintf(what, sizeof what, "KL(%s || itself) = 0", gp_layout_name(l1));
            tap_close(self, 0.0, 0, 1e-14, what);
            free(y1), free(y2), free(g1), free(g2), free(fd1), free(fd2);
            free(c1), free(c2), free(i2), free(l1c), free(l2c);
        }
    free(work);
}

static void test_entropy_density(void)
{
    size_t d = 4, a, i;
    amor_rng r;
    char what[256];
    amor_rng_seed(&r, 11);
    for (a = 0; a < 2; a++) {
        gp_layout lay = LAYS[a];
        size_t ny = gp_ny(lay, d);
        double *y = pt_dalloc(ny), *cov = pt_dalloc(d * d), *inv = pt_dalloc(d * d),
               *u = pt_dalloc(d), *work = pt_dalloc(d * d + d), h, lp, ld = 0, q = 0;
        pt_randn(y, ny, 0.6, &r);
        pt_randn(u, d, 1.0, &r);
        covariance(lay, d, y, cov);
        inverse(inv, cov, d);
        gp_entropy(lay, d, 1, y, &h);
        gp_log_density(lay, d, 1, y, u, &lp, work);
        ref_chol(cov, d);
        for (i = 0; i < d; i++) ld += 2.0 * log(cov[i * d + i]);
        for (i = 0; i < d * d; i++) q += (u[i / d] - y[i / d]) * inv[i] * (u[i % d] - y[i % d]);
        snprintf(what, sizeof what, "%s: entropy = 1/2 log det(2 pi e Sigma)", gp_layout_name(lay));
        tap_close(h, 0.5 * ld + 0.5 * (double)d * (1.0 + log(2.0 * M_PI)), 1e-12, 0, what);
        snprintf(what, sizeof what, "%s: log-density = -1/2 (u-mu)'Sigma^-1(u-mu) - 1/2 log "
                 "det(2 pi Sigma)", gp_layout_name(lay));
        tap_close(lp, -0.5 * q - 0.5 * ld - 0.5 * (double)d * log(2.0 * M_PI), 1e-12, 0, what);
        free(y), free(cov), free(inv), free(u), free(work);
    }
    tap_ok(gp_ny(GP_FULL, 3) == 9 && gp_ny(GP_DIAG, 3) == 6, "ny: 9 (gaussian) and 6 (diag) for d = 3");
    {
        size_t d1 = 0, d2 = 0;
        tap_ok(!gp_dim(GP_FULL, 14, &d1) && d1 == 4 && gp_dim(GP_FULL, 4, &d2) &&
                   gp_dim(GP_DIAG, 5, &d2),
               "gp_dim decodes ny 14 as d 4 and refuses ny 4 (full) and 5 (diag)");
    }
}

/* ------------------------------------------------------------------------ */
/* The problems                                                             */

#define LQR_BASE PT_INT("nx", 4), PT_INT("nu", 3)
#define MPC_BASE PT_INT("links", 3), PT_INT("actuated", 2), PT_INT("horizon", 2)

static void check_calculus(pt_prob *p, double yscale)
{
    pt_calculus w = pt_calculus_errors(p, 21, 4, yscale, NULL, FD_H, 0);
    if (!tap_ok(w.f == 0.0 && w.g <= FD_RTOL && w.h <= FD_RTOL,
                "%s: value = value_grad's f; gradient and HVP match central differences", p->label))
        tap_diag("got: |df| %.3g, gradient error %.3g, HVP error %.3g (want 0, <= %g)", w.f, w.g,
                 w.h, FD_RTOL);
}

static void test_calculus(void)
{
    static const char *objs[2] = {"svg", "sac"};
    static const char *expect[2] = {"exact", "sampled"};
    char label[256];
    size_t a, o, e;
    for (a = 0; a < 2; a++)
        for (o = 0; o < 2; o++) {
            for (e = 0; e < 2; e++) {
                pt_setting set[] = {LQR_BASE, PT_STR("policy", gp_layout_name(LAYS[a])),
                                    PT_STR("policy_objective", objs[o]),
                                    PT_STR("expectation", expect[e]), PT_INT("samples", 3)};
                pt_prob p = pt_prob_open("control_lqr", NULL, set, PT_LEN(set));
                snprintf(label, sizeof label, "control_lqr(%s, %s, %s)", gp_layout_name(LAYS[a]),
                         objs[o], expect[e]);
                p.label = label;
                check_calculus(&p, 0.5);
                pt_prob_close(&p);
            }
            {
                pt_setting set[] = {MPC_BASE, PT_STR("policy", gp_layout_name(LAYS[a])),
                                    PT_STR("policy_objective", objs[o]), PT_INT("samples", 3)};
                pt_prob p = pt_prob_open("control_mpc", NULL, set, PT_LEN(set));
                snprintf(label, sizeof label, "control_mpc(%s, %s, sampled)",
                         gp_layout_name(LAYS[a]), objs[o]);
                p.label = label;
                check_calculus(&p, 0.3);
                pt_prob_close(&p);
            }
        }
}

/* Sampled against exact on LQR at random policies: K = 64 noise seeds of
 * 1024 draws each; the mean estimate of the value and of every gradient
 * entry lies within 4 standard errors (spread over the seeds / sqrt(K)) of
 * the exact expectation (measured: at most 3.1).  The gradient in L has no
 * baseline, so its spread is wide (0.9 of its scale per seed): K matters. */
#define MC_K 64
static void test_sampled_vs_exact(void)
{
    static const char *objs[2] = {"svg", "sac"};
    size_t a, o, n = 4, i, k, j;
    for (a = 0; a < 2; a++)
        for (o = 0; o < 2; o++) {
            pt_setting se[] = {LQR_BASE, PT_STR("policy", gp_layout_name(LAYS[a])),
                               PT_STR("policy_objective", objs[o])};
            pt_prob pe = pt_prob_open("control_lqr", NULL, se, PT_LEN(se));
            size_t ny = pe.ny, w = n * (ny + 1);
            double *x = pt_dalloc(n * pe.nx), *y = pt_dalloc(n * ny), *ex = pt_dalloc(w),
                   *est = pt_dalloc(MC_K * w), worst = 0, widest = 0;
            char err[512];
            amor_rng r;
            amor_rng_seed(&r, 5);
            pt_prob_sample(&pe, 3, n, x);
            pt_randn(y, n * ny, 0.3, &r);
            for (i = 0; i < n; i++) /* sigma about e^-1 */
                for (j = 0; j < 3; j++) y[i * ny + (a ? 3 + j : 3 + j * (j + 3) / 2)] -= 1.0;
            pt_must(pe.d.value_grad(pe.inst, n, x, y, ex, ex + n, err, sizeof err), "value_grad", err);
            for (k = 0; k < MC_K; k++) {
                pt_setting ss[] = {LQR_BASE, PT_STR("policy", gp_layout_name(LAYS[a])),
                                   PT_STR("policy_objective", objs[o]),
                                   PT_STR("expectation", "sampled"), PT_INT("samples", 1024),
                                   PT_INT("noise_seed", (double)k)};
                pt_prob ps = pt_prob_open("control_lqr", NULL, ss, PT_LEN(ss));
                double *e = est + k * w;
                pt_must(ps.d.value_grad(ps.inst, n, x, y, e, e + n, err, sizeof err), "value_grad", err);
                pt_prob_close(&ps);
            }
            for (j = 0; j < w; j++) {
                double m = 0, v = 0, se_;
                for (k = 0; k < MC_K; k++) m += est[k * w + j] / MC_K;
                for (k = 0; k < MC_K; k++) v += (est[k * w + j] - m) * (est[k * w + j] - m) / (MC_K - 1);
                se_ = sqrt(v / MC_K);
                pt_worsen(&worst, fabs(m - ex[j]) / (se_ + 1e-12));
                pt_worsen(&widest, sqrt(v) / fmax(1.0, fabs(ex[j])));
            }
            if (!tap_ok(worst <= 4.0,
                        "control_lqr(%s, %s): sampled value and gradient (64 x 1024 draws) agree "
                        "with the exact expectation within 4 standard errors",
                        gp_layout_name(LAYS[a]), objs[o]))
                tap_diag("got: %.3g standard errors (want <= 4; spread %.3g of the scale)", worst,
                         widest);
            free(x), free(y), free(ex), free(est);
            pt_prob_close(&pe);
        }
}

/* H (d, d) of the deterministic problem at u, by its HVP on unit vectors. */
static void hessian(pt_prob *det, const double *x, const double *u, double *H)
{
    size_t d = det->ny, j;
    double *xs = pt_dalloc(d * det->nx), *us = pt_dalloc(d * d), *e = pt_dalloc(d * d);
    char err[512];
    for (j = 0; j < d; j++) {
        memcpy(xs + j * det->nx, x, det->nx * sizeof *xs);
        memcpy(us + j * d, u, d * sizeof *us);
        e[j * d + j] = 1.0;
    }
    pt_must(det->d.hvp(det->inst, d, xs, us, e, H, err, sizeof err), "hvp", err);
    free(xs), free(us), free(e);
}

/* pi* of solve against N(y*, alpha H^-1) formed by the test from the
 * deterministic instance (same settings); the three layouts. */
static void check_pistar(const char *name, const pt_setting *base, size_t nbase, double alpha,
                         double tol)
{
    pt_setting set[8];
    pt_prob det = pt_prob_open(name, NULL, base, nbase);
    size_t d = det.ny, n = 3, i, j, k;
    double *x = pt_dalloc(n * det.nx), *ys = pt_dalloc(n * d), *H = pt_dalloc(d * d),
           *Hi = pt_dalloc(d * d), *cov = pt_dalloc(d * d);
    char err[512];
    memcpy(set, base, nbase * sizeof *set);
    pt_prob_sample(&det, 9, n, x);
    pt_must(det.d.solve(det.inst, n, x, ys, err, sizeof err), "solve", err);
    for (k = 0; k < 3; k++) {
        const char *dp = k == 2 ? "forward" : "reverse";
        gp_layout lay = k == 0 ? GP_FULL : GP_DIAG;
        pt_prob p;
        double *pis, worst = 0;
        set[nbase] = (pt_setting)PT_STR("policy", gp_layout_name(lay));
        set[nbase + 1] = (pt_setting)PT_STR("diag_pistar", dp);
        set[nbase + 2] = (pt_setting)PT_REAL("alpha", alpha);
        p = pt_prob_open(name, NULL, set, nbase + 3);
        pis = pt_dalloc(n * p.ny);
        pt_must(p.d.solve(p.inst, n, x, pis, err, sizeof err), "solve", err);
        for (i = 0; i < n; i++) {
            const double *pi = pis + i * p.ny;
            hessian(&det, x + i * det.nx, ys + i * d, H);
            inverse(Hi, H, d);
            covariance(lay, d, pi, cov);
            pt_worsen(&worst, pt_max_absdiff(pi, ys + i * d, d) / fmax(1.0, pt_max_abs(ys + i * d, d)));
            for (j = 0; j < d; j++) {
                size_t b;
                for (b = 0; b < d; b++) {
                    double want = lay == GP_FULL ? alpha * Hi[j * d + b]
                                  : j != b      ? 0.0
                                  : k == 2      ? alpha * Hi[j * d + j]
                                                : alpha / H[j * d + j];
                    pt_worsen(&worst, fabs(cov[j * d + b] - want) / (alpha * fabs(Hi[j * d + j])));
                }
            }
        }
        if (!tap_ok(worst <= tol, "%s: solve with policy = %s%s%s is N(y*, %s)", name,
                    gp_layout_name(lay), lay == GP_DIAG ? ", diag_pistar = " : "",
                    lay == GP_DIAG ? dp : "",
                    lay == GP_FULL ? "alpha H^-1" : k == 2 ? "diag(alpha (H^-1)_ii)" : "diag(alpha / H_ii)"))
            tap_diag("got: worst relative error %.3g  want: <= %g", worst, tol);
        free(pis);
        pt_prob_close(&p);
    }
    free(x), free(ys), free(H), free(Hi), free(cov);
    pt_prob_close(&det);
}

/* At pi*, the exact sac objective's gradient vanishes (full; diag reverse),
 * and aux's KLs are 0 there and gp_kl's elsewhere. */
static void test_lqr_optimum(void)
{
    size_t a, n = 4, i, j;
    for (a = 0; a < 2; a++) {
        pt_setting set[] = {LQR_BASE, PT_STR("policy", gp_layout_name(LAYS[a])), PT_REAL("alpha", 0.3)};
        pt_prob p = pt_prob_open("control_lqr", NULL, set, PT_LEN(set));
        pt_setting fset[] = {LQR_BASE, PT_STR("policy", "gaussian"), PT_REAL("alpha", 0.3)};
        pt_prob pf = pt_prob_open("control_lqr", NULL, fset, PT_LEN(fset));
        size_t ny = p.ny, aw = p.d.aux_dim(p.inst), d = 3, nf = pf.ny;
        double *x = pt_dalloc(n * p.nx), *y = pt_dalloc(n * ny), *f = pt_dalloc(n),
               *g = pt_dalloc(n * ny), *aux = pt_dalloc(n * aw), *yf = pt_dalloc(n * nf),
               *work = pt_dalloc(gp_kl_work(d)), worst = 0, kl[2];
        char err[512];
        amor_rng r;
        amor_rng_seed(&r, 2);
        pt_prob_sample(&p, 4, n, x);
        pt_must(p.d.solve(p.inst, n, x, y, err, sizeof err), "solve", err);
        pt_must(pf.d.solve(pf.inst, n, x, yf, err, sizeof err), "solve", err);
        pt_must(p.d.value_grad(p.inst, n, x, y, f, g, err, sizeof err), "value_grad", err);
        for (i = 0; i < n; i++) pt_worsen(&worst, pt_max_abs(g + i * ny, ny) / fmax(1.0, fabs(f[i])));
        if (!tap_ok(worst <= 1e-12, "control_lqr(%s, sac, exact): the gradient vanishes at solve's pi*",
                    gp_layout_name(LAYS[a])))
            tap_diag("got: |g|_inf %.3g", worst);
        for (i = 0; i < n * ny; i++) y[i] += 0.2 * amor_rng_normal(&r);
        pt_must(p.d.aux(p.inst, n, x, y, aux, err, sizeof err), "aux", err);
        worst = 0;
        for (i = 0; i < n; i++) {
            gp_kl(LAYS[a], y + i * ny, GP_FULL, yf + i * nf, d, 1, kl, NULL, NULL, work);
            gp_kl(GP_FULL, yf + i * nf, LAYS[a], y + i * ny, d, 1, kl + 1, NULL, NULL, work);
            for (j = 0; j < 2; j++) pt_worsen(&worst, fabs(aux[i * aw + p.nx + j] - kl[j]) / kl[j]);
        }
        if (!tap_ok(aw == p.nx + 2 && worst <= 1e-12,
                    "control_lqr(%s): aux = (next state, KL(pi || pi*), KL(pi* || pi)), pi* full",
                    gp_layout_name(LAYS[a])))
            tap_diag("got: aux_dim %zu (want %zu), KL error %.3g", aw, p.nx + 2, worst);
        free(x), free(y), free(f), free(g), free(aux), free(yf), free(work);
        pt_prob_close(&p);
        pt_prob_close(&pf);
    }
}

static void test_noise(void)
{
    static const char *modes[2] = {"fixed", "fresh"};
    size_t m;
    for (m = 0; m < 2; m++) {
        pt_setting set[] = {LQR_BASE, PT_STR("policy", "gaussian"), PT_STR("expectation", "sampled"),
                            PT_STR("noise", modes[m])};
        pt_prob p = pt_prob_open("control_lqr", NULL, set, PT_LEN(set));
        double x[4] = {0.3, -1, 0.5, 2}, y[9] = {0}, f1, f2;
        char err[512];
        pt_must(p.d.value(p.inst, 1, x, y, &f1, err, sizeof err), "value", err);
        pt_must(p.d.value(p.inst, 1, x, y, &f2, err, sizeof err), "value", err);
        tap_ok(m ? f1 != f2 : f1 == f2, "control_lqr(gaussian, noise = %s): two calls %s (%.17g, %.17g)",
               modes[m], m ? "draw new noise" : "give the same value", f1, f2);
        pt_prob_close(&p);
    }
}

static void test_refusals(void)
{
    pt_setting a0[] = {PT_STR("policy", "gaussian"), PT_REAL("alpha", 0)};
    pt_setting ex[] = {PT_STR("expectation", "exact")};
    const amor_loss_desc *ld = (const amor_loss_desc *)pt_find(AMOR_KIND_LOSS, "policy_kl");
    params_set ps = pt_params(&ld->head);
    amor_env env = {sizeof(amor_env), 0, 4, 4, 1, &pt_no_oracle, 4};
    void *inst = NULL;
    char err[1024];
    int rc = pt_prob_try("control_lqr", a0, PT_LEN(a0), err, sizeof err);
    tap_ok(rc == AMOR_EINVAL && !strcmp(err, "control_lqr: parameter 'alpha' must be > 0 with policy = "
                                             "gaussian (the entropy temperature of pi* = N(argmin f, "
                                             "alpha H^-1)); got 0"),
           "control_lqr: alpha = 0 with a Gaussian policy refused (%s)", err);
    rc = pt_prob_try("control_mpc", a0, PT_LEN(a0), err, sizeof err);
    tap_ok(rc == AMOR_EINVAL && strstr(err, "control_mpc: parameter 'alpha' must be > 0"),
           "control_mpc: alpha = 0 with a Gaussian policy refused (%s)", err);
    rc = pt_prob_try("control_mpc", ex, PT_LEN(ex), err, sizeof err);
    tap_ok(rc == AMOR_EINVAL && !strcmp(err, "control_mpc: parameter 'expectation' = exact needs f "
                                             "quadratic in the actions (control_lqr); control_mpc's "
                                             "is not: use expectation = sampled"),
           "control_mpc: expectation = exact refused (%s)", err);
    err[0] = 0;
    rc = ld->create(ps.values, &env, &inst, err, sizeof err);
    tap_ok(rc == AMOR_EINVAL && !strcmp(err, "policy_kl: ny = 4 fits no policy = gaussian over d "
                                             "actions (ny = d + d(d+1)/2: 2, 5, 9, 14, ... for some "
                                             "d >= 1); is the problem's policy parameter gaussian?"),
           "policy_kl: ny = 4 fits no full layout: refused (%s)", err);
    if (!rc) ld->destroy(inst);
    params_free(&ps);
}

int main(void)
{
    static const pt_setting lqr[] = {LQR_BASE};
    static const pt_setting mpc[] = {MPC_BASE};
    test_kl();
    test_entropy_density();
    test_calculus();
    test_sampled_vs_exact();
    check_pistar("control_lqr", lqr, PT_LEN(lqr), 0.3, 1e-10);
    check_pistar("control_mpc", mpc, PT_LEN(mpc), 0.3, 1e-6);
    test_lqr_optimum();
    test_noise();
    test_refusals();
    return tap_done();
}
