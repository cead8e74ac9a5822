/*
 * t_qp.c -- TAP tests of the `qp` problem (convex QPs, OSQP's ADMM): one
 * ADMM step and one adaptive-rho update against a hand computation on a
 * 2-variable QP, the equality rows' rho, the residual as OSQP's test, the
 * gradient and HVP of the exact-penalty objective against central
 * differences, data = fixed against data = random on the same data, the KKT
 * conditions at solve's y* and at converged ADMM states, y* and the duals
 * against python3-cvxopt's QP solver (skipped without it), the factor
 * cache (a changed rho or context is refactored exactly as a fresh instance
 * would), and refusals with their exact messages.  Run from the
 * repository root.
 */
#include "tap.h"
#include "plugtest.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define SIGMA 1e-6
#define RELAX 1.6

static void call_ok(int rc, const char *what, const char *err)
{
    if (rc) tap_diag("%s failed: %s", what, err);
}

static double clipd(double v, double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; }

/* ------------------------------------------------------------------------ */
/* One step by hand: n = 2, m = 2, data = random                           */

/* The context: q, l, u, M (2, 2), A (2, 2). */
static const double HX[14] = {0.3, -1.2, -0.5, -0.1, 0.4, 0.2, 1.0, 0.5, 0.0, 0.7,
                              1.0, 2.0, -1.0, 0.5};

/* The step from state st (9) into out (9), written from the formulas of
 * Stellato et al. (2020), Algorithm 1, with a 2 x 2 inverse. */
static void hand_step(const double *x, const double *st, double shift, double *out)
{
    const double *q = x, *l = x + 2, *u = x + 4, *M = x + 6, *A = x + 10;
    const double *y = st, *z = st + 2, *lam = st + 4, *s = st + 6;
    double P[4], K[4], rho[2], b[2], yt[2], zt[2], det;
    int i, j, k;
    for (i = 0; i < 2; i++)
        for (j = 0; j < 2; j++)
            P[2 * i + j] = M[2 * i] * M[2 * j] + M[2 * i + 1] * M[2 * j + 1] + (i == j ? shift : 0);
    for (k = 0; k < 2; k++) rho[k] = exp(s[k]);
    for (i = 0; i < 2; i++)
        for (j = 0; j < 2; j++) {
            K[2 * i + j] = P[2 * i + j] + (i == j ? SIGMA : 0);
            for (k = 0; k < 2; k++) K[2 * i + j] += A[2 * k + i] * rho[k] * A[2 * k + j];
        }
    for (i = 0; i < 2; i++) {
        b[i] = SIGMA * y[i] - q[i];
        for (k = 0; k < 2; k++) b[i] += A[2 * k + i] * (rho[k] * z[k] - lam[k]);
    }
    det = K[0] * K[3] - K[1] * K[2];
    yt[0] = (K[3] * b[0] - K[1] * b[1]) / det;
    yt[1] = (K[0] * b[1] - K[2] * b[0]) / det;
    for (k = 0; k < 2; k++) zt[k] = A[2 * k] * yt[0] + A[2 * k + 1] * yt[1];
    for (i = 0; i < 2; i++) out[i] = RELAX * yt[i] + (1 - RELAX) * y[i];
    for (k = 0; k < 2; k++) {
        double zr = RELAX * zt[k] + (1 - RELAX) * z[k];
        out[2 + k] = clipd(zr + lam[k] / rho[k], l[k], u[k]);
        out[4 + k] = lam[k] + rho[k] * (zr - out[2 + k]);
        out[6 + k] = s[k];
    }
    out[8] = st[8] + 1;
}

/* OSQP's compute_rho_estimate and adapt_rho at state st (9), scalar rho
 * exp(s), tolerance 5: the new log rho, or s itself. */
static double hand_adapt(const double *x, const double *st, double shift)
{
    const double *q = x, *M = x + 6, *A = x + 10, *y = st, *z = st + 2, *lam = st + 4;
    double ay[2], py[2], atl[2], pr = 0, ps = 0, du = 0, ds = 0, est;
    int i;
    for (i = 0; i < 2; i++) {
        double mty0 = M[0] * y[0] + M[2] * y[1], mty1 = M[1] * y[0] + M[3] * y[1];
        ay[i] = A[2 * i] * y[0] + A[2 * i + 1] * y[1];
        py[i] = M[2 * i] * mty0 + M[2 * i + 1] * mty1 + shift * y[i];
        atl[i] = A[i] * lam[0] + A[2 + i] * lam[1];
    }
    for (i = 0; i < 2; i++) {
        pr = fmax(pr, fabs(ay[i] - z[i]));
        ps = fmax(ps, fmax(fabs(ay[i]), fabs(z[i])));
        du = fmax(du, fabs(py[i] + q[i] + atl[i]));
        ds = fmax(ds, fmax(fmax(fabs(py[i]), fabs(atl[i])), fabs(q[i])));
    }
    est = exp(st[6]) * sqrt((pr / (ps + 1e-20)) / (du / (ds + 1e-20)));
    est = clipd(est, 1e-6, 1e6);
    return est > 5 * exp(st[6]) || est < exp(st[6]) / 5 ? log(est) : st[6];
}

static void test_hand_step(void)
{
    pt_setting set[] = {PT_INT("n", 2), PT_INT("m_ratio", 1), PT_STR("data", "random")};
    pt_prob p = pt_prob_open("qp", "n 2", set, PT_LEN(set));
    double st[9], nt[9], want[9], y0[2] = {0.5, -0.25}, worst = 0, la;
    char err[512] = "";
    int k;
    tap_ok(p.nx == 14 && p.ny == 2 && p.d.state_dim(p.inst) == 9,
           "n 2, m_ratio 1, data random: nx 2 + 2 + 2 + 4 + 4 = 14, state 2 + 3*2 + 1 = 9");
    call_ok(p.d.solver_init(p.inst, 1, HX, y0, st, err, sizeof err), "solver_init", err);
    /* A y0 = (0.5 - 0.5, -0.5 - 0.125) = (0, -0.625): z = clip to [l, u] = (0, -0.1) */
    tap_ok(st[0] == 0.5 && st[1] == -0.25 && st[2] == 0 && st[3] == -0.1 && st[4] == 0 &&
               st[5] == 0 && st[6] == log(0.1) && st[7] == log(0.1) && st[8] == 0,
           "solver_init: (y, z = clip(Ay, l, u), lambda = 0, log rho = log 0.1, k = 0)");
    /* a state with duals, two rho and clipping in z */
    st[4] = 0.8, st[5] = -0.3, st[6] = log(2.0), st[7] = log(0.05), st[8] = 3;
    call_ok(p.d.solver_step(p.inst, 1, HX, st, nt, err, sizeof err), "solver_step", err);
    hand_step(HX, st, 1e-2, want);
    for (k = 0; k < 9; k++) worst = fmax(worst, fabs(nt[k] - want[k]) / fmax(1, fabs(want[k])));
    if (!tap_ok(worst <= 1e-13, "one ADMM step = the hand computation (worst %.2g)", worst))
        for (k = 0; k < 9; k++) tap_diag("  [%d] got %.17g want %.17g", k, nt[k], want[k]);
    tap_ok(nt[2] == HX[4] || nt[3] == HX[3] || nt[2] == HX[2] || nt[3] == HX[5],
           "... the z-update clipped at a bound (z+ = (%g, %g))", nt[2], nt[3]);
    /* k = 24: the 25th iteration applies the adaptive rule (scalar rho); at
     * y = -P^-1 q, lambda = 0 the dual residual is small, so rho grows */
    st[0] = -(0.50 * 0.3 - 0.35 * -1.2) / (1.26 * 0.50 - 0.35 * 0.35);
    st[1] = -(1.26 * -1.2 - 0.35 * 0.3) / (1.26 * 0.50 - 0.35 * 0.35);
    st[4] = st[5] = 0, st[6] = st[7] = log(1e-3), st[8] = 24;
    call_ok(p.d.solver_step(p.inst, 1, HX, st, nt, err, sizeof err), "solver_step", err);
    hand_step(HX, st, 1e-2, want);
    la = hand_adapt(HX, want, 1e-2);
    tap_ok(la != st[6], "the hand computation changes rho at iteration 25 (1e-3 -> %.6g)", exp(la));
    tap_close(nt[6], la, 1e-13, 0, "adaptive rho: log rho = OSQP's estimate rho sqrt((r_p/s_p)/(r_d/s_d))");
    tap_ok(nt[7] == nt[6] && nt[8] == 25, "... on every constraint, counter 25");
    st[8] = 25;
    call_ok(p.d.solver_step(p.inst, 1, HX, st, nt, err, sizeof err), "solver_step", err);
    tap_ok(nt[6] == st[6] && nt[7] == st[7], "iteration 26: rho left alone");
    pt_prob_close(&p);
}

/* l = u: rho0 1e3 (OSQP's RHO_EQ_OVER_RHO_INEQ); the residual is OSQP's test. */
static void test_equality_and_residual(void)
{
    pt_setting set[] = {PT_INT("n", 2), PT_INT("m_ratio", 1), PT_STR("data", "random")};
    pt_prob p = pt_prob_open("qp", "n 2", set, PT_LEN(set));
    double x[14], y0[2] = {0, 0}, st[9], r, want, ay[2], atl[2], py[2], mty[2];
    char err[512] = "";
    int i;
    memcpy(x, HX, sizeof x);
    x[3] = x[5] = 0.2; /* constraint 1: l = u */
    call_ok(p.d.solver_init(p.inst, 1, x, y0, st, err, sizeof err), "solver_init", err);
    tap_close(st[7], log(0.1) + log(1e3), 1e-15, 0, "an equality row (l = u) starts at rho 1e3 rho0");
    tap_ok(st[6] == log(0.1), "... an inequality row at rho0");
    st[0] = 0.3, st[1] = -0.7, st[2] = 0.1, st[3] = 0.2, st[4] = 0.4, st[5] = -2.0;
    call_ok(p.d.residual(p.inst, 1, x, st, &r, err, sizeof err), "residual", err);
    mty[0] = HX[6] * st[0] + HX[8] * st[1], mty[1] = HX[7] * st[0] + HX[9] * st[1];
    for (i = 0; i < 2; i++) {
        ay[i] = HX[10 + 2 * i] * st[0] + HX[11 + 2 * i] * st[1];
        atl[i] = HX[10 + i] * st[4] + HX[12 + i] * st[5];
        py[i] = HX[6 + 2 * i] * mty[0] + HX[7 + 2 * i] * mty[1] + 1e-2 * st[i];
    }
    want = fmax(fmax(fabs(ay[0] - st[2]), fabs(ay[1] - st[3])) /
                    (1 + fmax(fmax(fabs(ay[0]), fabs(ay[1])), fmax(fabs(st[2]), fabs(st[3])))),
                fmax(fabs(py[0] + x[0] + atl[0]), fabs(py[1] + x[1] + atl[1])) /
                    (1 + fmax(fmax(fmax(fabs(py[0]), fabs(py[1])), fmax(fabs(atl[0]), fabs(atl[1]))),
                              fmax(fabs(x[0]), fabs(x[1])))));
    tap_close(r, want, 1e-14, 0, "residual = max(|Ay - z| / (1 + max(|Ay|, |z|)), |Py + q + A'l| / "
              "(1 + max(|Py|, |A'l|, |q|)))");
    pt_prob_close(&p);
}

/* ------------------------------------------------------------------------ */
/* Calculus and the two data layouts                                       */

static pt_prob open_small(const char *data, const char *label, int cache_mb)
{
    pt_setting set[] = {PT_INT("n", 8), PT_STR("data", data), PT_INT("seed", 3),
                        PT_INT("cache_mb", cache_mb)};
    return pt_prob_open("qp", label, set, PT_LEN(set));
}

/* Whole random-layout contexts (n, 8 + 160 + 64 + 640) of fixed contexts
 * xf: their (q, l, u), then the M and A the fixed instance drew (those of
 * the first context data = random samples from seed 3). */
static void widen(const pt_prob *f, const pt_prob *r, size_t n, const double *xf, double *xr)
{
    double *x0 = pt_dalloc(r->nx);
    size_t i;
    pt_prob_sample(r, 3, 1, x0);
    for (i = 0; i < n; i++) {
        memcpy(xr + i * r->nx, xf + i * f->nx, f->nx * sizeof *xr);
        memcpy(xr + i * r->nx + f->nx, x0 + f->nx, (r->nx - f->nx) * sizeof *xr);
    }
    free(x0);
}

static void test_calculus(void)
{
    pt_prob f = open_small("fixed", "fixed", 256), r = open_small("random", "random", 256);
    enum { N = 3 };
    size_t ny = f.ny, i, k, S = f.d.state_dim(f.inst);
    double *xf = pt_dalloc(N * f.nx), *xr = pt_dalloc(N * r.nx), *y = pt_dalloc(N * ny);
    double *g1 = pt_dalloc(N * ny), *g2 = pt_dalloc(N * ny), *d = pt_dalloc(ny);
    double *s1 = pt_dalloc(N * S), *s2 = pt_dalloc(N * S), *n1 = pt_dalloc(N * S), *n2 = pt_dalloc(N * S);
    double f1[N], f2[N], worst_g = 0, worst_h = 0, w;
    char err[512] = "";
    amor_rng rng;
    pt_row row = {&f, xf, 0, pt_dalloc(ny)};
    pt_prob_sample(&f, 11, N, xf);
    widen(&f, &r, N, xf, xr);
    amor_rng_seed(&rng, 5);
    pt_randn(y, N * ny, 1.0, &rng); /* far enough out that constraints are violated */
    pt_prob_eval(&f, N, xf, y, f1, g1);
    pt_prob_eval(&r, N, xr, y, f2, g2);
    for (i = 0, w = 0; i < N; i++) w = fmax(w, fabs(f1[i] - f2[i]) / fabs(f2[i]));
    tap_ok(w <= 1e-12 && pt_max_relerr(g1, g2, N * ny) <= 1e-12,
           "data fixed = data random on the same P, A: value and gradient (%.2g, %.2g)", w,
           pt_max_relerr(g1, g2, N * ny));
    for (k = 0; k < 6; k++) { /* directional derivatives of row 0 */
        double got = 0, fd, hv[8], hvd = 0;
        pt_randn(d, ny, 1.0, &rng);
        for (i = 0; i < ny; i++) got += g1[i] * d[i];
        fd = pt_fd_dir(pt_row_value, &row, y, d, ny, 1e-6);
        worst_g = fmax(worst_g, fabs(got - fd) / fmax(1, fabs(fd)));
        call_ok(f.d.hvp(f.inst, 1, xf, y, d, hv, err, sizeof err), "hvp", err);
        for (i = 0; i < ny; i++) hvd += hv[i] * d[i];
        for (row.comp = 0, fd = 0; row.comp < ny; row.comp++)
            fd += d[row.comp] * pt_fd_dir(pt_row_grad, &row, y, d, ny, 1e-6);
        worst_h = fmax(worst_h, fabs(hvd - fd) / fmax(1, fabs(fd)));
    }
    tap_ok(worst_g <= 1e-7, "gradient . d = central difference of value (worst %.2g)", worst_g);
    tap_ok(worst_h <= 1e-7, "d' P d = central difference of gradient . d (worst %.2g)", worst_h);
    /* the solver, 30 steps with rho adapted every 25, in both layouts */
    call_ok(f.d.solver_init(f.inst, N, xf, y, s1, err, sizeof err), "solver_init", err);
    call_ok(r.d.solver_init(r.inst, N, xr, y, s2, err, sizeof err), "solver_init", err);
    for (k = 0; k < 30; k++) {
        call_ok(f.d.solver_step(f.inst, N, xf, s1, n1, err, sizeof err), "solver_step", err);
        call_ok(r.d.solver_step(r.inst, N, xr, s2, n2, err, sizeof err), "solver_step", err);
        memcpy(s1, n1, N * S * sizeof *s1);
        memcpy(s2, n2, N * S * sizeof *s2);
    }
    tap_ok(pt_max_relerr(s1, s2, N * S) <= 1e-9,
           "data fixed = data random: 30 ADMM steps through a rho update (%.2g)",
           pt_max_relerr(s1, s2, N * S));
    free(xf), free(xr), free(y), free(g1), free(g2), free(d), free(row.g);
    free(s1), free(s2), free(n1), free(n2);
    pt_prob_close(&f);
    pt_prob_close(&r);
}

/* ------------------------------------------------------------------------ */
/* y*: KKT, and against cvxopt                                              */

/* Run ADMM from y = 0 to residual <= 1e-11 (at most 20000 steps): the
 * states (n, S).  Returns the largest residual reached. */
static double converge(const pt_prob *p, size_t n, const double *x, double *st)
{
    size_t S = p->d.state_dim(p->inst), k;
    double *y = pt_dalloc(n * p->ny), *nt = pt_dalloc(n * S), *r = pt_dalloc(n), worst = 0;
    char err[512] = "";
    call_ok(p->d.solver_init(p->inst, n, x, y, st, err, sizeof err), "solver_init", err);
    for (k = 0; k < 20000; k++) {
        call_ok(p->d.residual(p->inst, n, x, st, r, err, sizeof err), "residual", err);
        worst = pt_max_abs(r, n);
        if (worst <= 1e-11) break;
        call_ok(p->d.solver_step(p->inst, n, x, st, nt, err, sizeof err), "solver_step", err);
        memcpy(st, nt, n * S * sizeof *st);
    }
    free(y), free(nt), free(r);
    return worst;
}

/* Primal feasibility |Ay - clip(Ay)| and stationarity |Py + q + A'lam| of
 * y (n) with duals lam (m) for random-layout context x; dual signs
 * (lam > 0 only at u, < 0 only at l, within tol): the largest violation. */
static double kkt(const pt_prob *r, const double *x, const double *y, const double *lam,
                  double tol)
{
    size_t n = r->ny, m = 10 * n, i, j;
    const double *q = x, *l = x + n, *u = l + m, *M = u + m, *A = M + n * n;
    double worst = 0, *g = pt_dalloc(n), *mty = pt_dalloc(n);
    for (j = 0; j < n; j++) {
        g[j] = q[j] + 1e-2 * y[j];
        for (i = 0; i < n; i++) mty[j] += M[i * n + j] * y[i];
    }
    for (j = 0; j < n; j++)
        for (i = 0; i < n; i++) g[j] += M[j * n + i] * mty[i];
    for (i = 0; i < m; i++) {
        double a = 0;
        for (j = 0; j < n; j++) a += A[i * n + j] * y[j], g[j] += A[i * n + j] * lam[i];
        worst = fmax(worst, fmax(a - u[i], l[i] - a));
        if (lam[i] > tol && a < u[i] - tol) worst = fmax(worst, 1);
        if (lam[i] < -tol && a > l[i] + tol) worst = fmax(worst, 1);
    }
    worst = fmax(worst, pt_max_abs(g, n));
    free(g), free(mty);
    return worst;
}

/* cvxopt.solvers.qp(P, q, G = [A; -A], h = [u; -l]) on each whole context
 * of xr (n contexts): y (n, ny), lam = z_u - z_l (n, m).  0, 77 when cvxopt
 * is missing, else a failure. */
static int cvxopt_solve(const pt_prob *r, size_t n, const double *xr, double *y, double *lam)
{
    char in[] = "/tmp/t_qp_XXXXXX", cmd[2048];
    size_t i, k, ny = r->ny, m = 10 * ny;
    FILE *f;
    int fd = mkstemp(in), st, ok = 1;
    if (fd < 0 || !(f = fdopen(fd, "w"))) pt_must(1, "mkstemp", in);
    for (i = 0; i < n * r->nx; i++) fprintf(f, "%.17g\n", xr[i]);
    fclose(f);
    snprintf(cmd, sizeof cmd,
             "/usr/bin/python3 -c '\n"
             "import sys\n"
             "try:\n"
             "    import numpy as np\n"
             "    from cvxopt import matrix, solvers\n"
             "except ImportError:\n"
             "    sys.exit(77)\n"
             "n, m = %zu, %zu\n"
             "X = np.loadtxt(\"%s\").reshape(%zu, -1)\n"
             "solvers.options.update(show_progress=False, abstol=1e-12, reltol=1e-12, feastol=1e-12,"
             " maxiters=200)\n"
             "for x in X:\n"
             "    q, l, u = x[:n], x[n:n + m], x[n + m:n + 2 * m]\n"
             "    M = x[n + 2 * m:n + 2 * m + n * n].reshape(n, n); A = x[n + 2 * m + n * n:].reshape(m, n)\n"
             "    s = solvers.qp(matrix(M @ M.T + 1e-2 * np.eye(n)), matrix(q), matrix(np.vstack([A, -A])),"
             " matrix(np.concatenate([u, -l])))\n"
             "    if s[\"status\"] != \"optimal\": sys.exit(3)\n"
             "    z = np.array(s[\"z\"]).ravel()\n"
             "    for v in np.concatenate([np.array(s[\"x\"]).ravel(), z[:m] - z[m:]]): print(repr(float(v)))\n"
             "'",
             ny, m, in, n);
    f = popen(cmd, "r");
    for (i = 0; f && i < n; i++)
        for (k = 0; k < ny + m; k++)
            if (fscanf(f, "%lf", k < ny ? &y[i * ny + k] : &lam[i * m + k - ny]) != 1) ok = 0;
    st = f ? pclose(f) : -1;
    unlink(in);
    if (st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 77) return 77;
    return st == 0 && ok ? 0 : 1;
}

static void test_solutions(void)
{
    pt_prob f = open_small("fixed", "fixed", 256), r = open_small("random", "random", 256);
    enum { N = 4 };
    size_t ny = f.ny, m = 10 * ny, S = f.d.state_dim(f.inst), i, j;
    double *x = pt_dalloc(2 * N * r.nx), *xf = pt_dalloc(N * f.nx), *ys = pt_dalloc(2 * N * ny);
    double *st = pt_dalloc(2 * N * S), *yc = pt_dalloc(2 * N * ny), *lc = pt_dalloc(2 * N * m);
    double worst_kkt = 0, worst_adm = 0, ey = 0, el = 0, res;
    char err[512] = "";
    int rc;
    /* contexts 0..N-1: fixed data, widened; N..2N-1: random data */
    pt_prob_sample(&f, 21, N, xf);
    widen(&f, &r, N, xf, x);
    pt_prob_sample(&r, 22, N, x + N * r.nx);
    call_ok(f.d.solve(f.inst, N, xf, ys, err, sizeof err), "solve (fixed)", err);
    call_ok(r.d.solve(r.inst, N, x + N * r.nx, ys + N * ny, err, sizeof err), "solve (random)", err);
    res = fmax(converge(&f, N, xf, st), converge(&r, N, x + N * r.nx, st + N * S));
    tap_ok(res <= 1e-11, "ADMM from y = 0 reaches residual 1e-11 on every context (%.2g)", res);
    for (i = 0; i < 2 * N; i++) {
        const double *si = st + i * S;
        worst_adm = fmax(worst_adm, kkt(&r, x + i * r.nx, si, si + ny + m, 1e-8));
        worst_kkt = fmax(worst_kkt, pt_max_absdiff(ys + i * ny, si, ny));
    }
    tap_ok(worst_adm <= 1e-9, "KKT at the converged ADMM states: feasibility, stationarity, dual "
           "signs (worst %.2g)", worst_adm);
    tap_ok(worst_kkt <= 1e-8, "solve's y* = the converged ADMM iterate (worst %.2g)", worst_kkt);
    {   /* solve_iters 0: the interior-point method alone, on the same contexts */
        pt_setting si[] = {PT_INT("n", 8), PT_STR("data", "random"), PT_INT("solve_iters", 0)};
        pt_prob ri = pt_prob_open("qp", "ipm", si, PT_LEN(si));
        double *yi = pt_dalloc(2 * N * ny);
        call_ok(ri.d.solve(ri.inst, 2 * N, x, yi, err, sizeof err), "solve (interior point)", err);
        tap_ok(pt_max_relerr(yi, ys, 2 * N * ny) <= 1e-8, "solve_iters 0 (interior-point method "
               "alone) = ADMM's y* (%.2g)", pt_max_relerr(yi, ys, 2 * N * ny));
        free(yi);
        pt_prob_close(&ri);
    }
    rc = cvxopt_solve(&r, 2 * N, x, yc, lc);
    if (rc == 77) {
        tap_ok(1, "cvxopt cross-check # SKIP python3-cvxopt not installed (apt-get install python3-cvxopt)");
    } else if (tap_ok(rc == 0, "cvxopt ran: solvers.qp(P, q, [A; -A], [u; -l]) at tolerance 1e-12, "
                      "optimal on %d contexts", 2 * N)) {
        for (i = 0; i < 2 * N; i++) {
            ey = fmax(ey, pt_max_absdiff(ys + i * ny, yc + i * ny, ny) / fmax(1, pt_max_abs(yc + i * ny, ny)));
            for (j = 0; j < m; j++)
                el = fmax(el, fabs(st[i * S + ny + m + j] - lc[i * m + j]) / fmax(1, pt_max_abs(lc + i * m, m)));
        }
        tap_ok(ey <= 1e-6, "y* = cvxopt's x, both layouts (worst relative %.2g)", ey);
        tap_ok(el <= 1e-6, "ADMM's duals = cvxopt's z_u - z_l (worst relative %.2g)", el);
        worst_kkt = 0;
        for (i = 0; i < 2 * N; i++)
            worst_kkt = fmax(worst_kkt, kkt(&r, x + i * r.nx, ys + i * ny, lc + i * m, 1e-7));
        tap_ok(worst_kkt <= 1e-8, "KKT at solve's y* with cvxopt's duals (worst %.2g)", worst_kkt);
    }
    free(x), free(xf), free(ys), free(st), free(yc), free(lc);
    pt_prob_close(&f);
    pt_prob_close(&r);
}

/* A small instance on which OSQP's rule keeps changing rho and ADMM stalls
 * near 7e-3: solve falls back on its interior-point method. */
static void test_cycling(void)
{
    pt_setting set[] = {PT_INT("n", 10), PT_INT("seed", 2)};
    pt_prob p = pt_prob_open("qp", "n 10", set, PT_LEN(set));
    size_t S = p.d.state_dim(p.inst), k;
    double *x = pt_dalloc(200 * p.nx), *xi = x + 127 * p.nx, *st = pt_dalloc(S);
    double *nt = pt_dalloc(S), y[10] = {0}, r, best = INFINITY;
    char err[512] = "";
    int rc;
    pt_prob_sample(&p, 1000020, 200, x);
    call_ok(p.d.solver_init(p.inst, 1, xi, y, st, err, sizeof err), "solver_init", err);
    for (k = 0; k < 5000; k++) {
        call_ok(p.d.solver_step(p.inst, 1, xi, st, nt, err, sizeof err), "solver_step", err);
        memcpy(st, nt, S * sizeof *st);
        call_ok(p.d.residual(p.inst, 1, xi, st, &r, err, sizeof err), "residual", err);
        best = fmin(best, r);
    }
    tap_ok(best > 1e-4, "n 10, context 127: 5000 steps with rho adapted every 25 stay above "
           "residual 1e-4 (best %.2g)", best);
    rc = p.d.solve(p.inst, 1, xi, y, err, sizeof err);
    if (!tap_ok(rc == 0, "... solve still converges (its interior-point fallback)"))
        tap_diag("%s", err);
    free(x), free(st), free(nt);
    pt_prob_close(&p);
}

/* ------------------------------------------------------------------------ */
/* The factor cache                                                         */

static void steps(const pt_prob *p, size_t n, const double *x, double *st, int k)
{
    size_t S = p->d.state_dim(p->inst);
    double *nt = pt_dalloc(n * S);
    char err[512] = "";
    while (k-- > 0) {
        call_ok(p->d.solver_step(p->inst, n, x, st, nt, err, sizeof err), "solver_step", err);
        memcpy(st, nt, n * S * sizeof *st);
    }
    free(nt);
}

static void test_cache(void)
{
    enum { N = 3 };
    pt_prob c = open_small("fixed", "cached", 256), u = open_small("fixed", "uncached", 0);
    pt_prob rc = open_small("random", "random cached", 256);
    size_t S = c.d.state_dim(c.inst), ny = c.ny, m = 10 * ny, j;
    double *x = pt_dalloc(N * rc.nx), *y = pt_dalloc(N * ny), *a = pt_dalloc(N * S);
    double *b = pt_dalloc(N * S), *o1 = pt_dalloc(N * S), *o2 = pt_dalloc(N * S);
    char err[512] = "";
    pt_prob_sample(&c, 31, N, x);
    call_ok(c.d.solver_init(c.inst, N, x, y, a, err, sizeof err), "solver_init", err);
    memcpy(b, a, N * S * sizeof *a);
    steps(&c, N, x, a, 40); /* rho adapted at 25 on each row: factors cached */
    steps(&u, N, x, b, 40);
    tap_ok(!memcmp(a, b, N * S * sizeof *a), "40 steps with the cache = without it (cache_mb 0), bit for bit");
    /* a policy rewrites rho of row 1 (half the constraints): the next step
     * refactors exactly as an instance that never saw the old rho */
    for (j = 0; j < m; j += 2) a[S + ny + 2 * m + j] += 0.7;
    memcpy(b, a, N * S * sizeof *a);
    call_ok(c.d.solver_step(c.inst, N, x, a, o1, err, sizeof err), "solver_step", err);
    pt_prob_close(&u);
    u = open_small("fixed", "fresh", 256);
    call_ok(u.d.solver_step(u.inst, N, x, b, o2, err, sizeof err), "solver_step", err);
    tap_ok(!memcmp(o1, o2, N * S * sizeof *o1), "a rho rewritten in the state: the step = a fresh "
           "instance's, bit for bit");
    memcpy(b, a, N * S * sizeof *a);
    for (j = 0; j < m; j += 2) b[S + ny + 2 * m + j] -= 0.7;
    call_ok(c.d.solver_step(c.inst, N, x, b, o1, err, sizeof err), "solver_step", err);
    tap_ok(memcmp(o1, o2, N * S * sizeof *o1) != 0, "... and a different rho gives a different step");
    /* data = random: a new A in row 2 with the same rho (each row its own
     * rho, so that no row's factor is a copy of another's) */
    pt_prob_sample(&rc, 33, N, x);
    call_ok(rc.d.solver_init(rc.inst, N, x, y, a, err, sizeof err), "solver_init", err);
    for (j = 0; j < N * m; j++) a[(j / m) * S + ny + 2 * m + j % m] += 0.1 * (double)(j / m);
    steps(&rc, N, x, a, 3);
    x[2 * rc.nx + rc.nx - 1] += 0.5, x[2 * rc.nx + rc.nx - 7] -= 0.25;
    memcpy(b, a, N * S * sizeof *a);
    call_ok(rc.d.solver_step(rc.inst, N, x, a, o1, err, sizeof err), "solver_step", err);
    pt_prob_close(&rc);
    rc = open_small("random", "random fresh", 256);
    call_ok(rc.d.solver_step(rc.inst, N, x, b, o2, err, sizeof err), "solver_step", err);
    tap_ok(!memcmp(o1, o2, N * S * sizeof *o1), "data random: a changed A with the same rho: the "
           "step = a fresh instance's, bit for bit");
    free(x), free(y), free(a), free(b), free(o1), free(o2);
    pt_prob_close(&c);
    pt_prob_close(&u);
    pt_prob_close(&rc);
}

/* ------------------------------------------------------------------------ */
/* Refusals                                                                 */

static void expect(int rc, int want_rc, const char *err, const char *want, const char *what)
{
    if (!tap_ok(rc == want_rc && !strcmp(err, want), "%s", what))
        tap_diag("got: %d '%s'  want: %d '%s'", rc, err, want_rc, want);
}

static void test_bad_inputs(void)
{
    pt_setting s0 = PT_REAL("p_shift", 0.0);
    pt_setting inf[] = {PT_REAL("l_max", 0.5), PT_REAL("u_min", 0.2)};
    pt_setting empty[] = {PT_REAL("l_min", 0.5)};
    pt_setting off0[] = {PT_REAL("l_min", -2), PT_REAL("l_max", -1.5), PT_REAL("u_min", -1),
                         PT_REAL("u_max", 1)};
    params_set ps = pt_params(&pt_problem("qp")->head);
    pt_prob p = open_small("fixed", "fixed", 256);
    size_t S = p.d.state_dim(p.inst), ny = p.ny, m = 10 * ny;
    double *x = pt_dalloc(2 * p.nx), *y = pt_dalloc(2 * ny), *st = pt_dalloc(2 * S);
    double *nt = pt_dalloc(2 * S), f[2];
    char err[512] = "";
    int rc;
    rc = params_set_real(&ps, "rho", 0.0, err, sizeof err);
    expect(rc, AMOR_EINVAL, err, "parameter 'rho' of problem 'qp' must be in [1e-06, 1e+06], got 0",
           "rho = 0 refused by its declared range");
    rc = params_set_real(&ps, "rho", -0.1, err, sizeof err);
    expect(rc, AMOR_EINVAL, err,
           "parameter 'rho' of problem 'qp' must be in [1e-06, 1e+06], got -0.1", "rho < 0 too");
    params_free(&ps);
    rc = pt_prob_try("qp", &s0, 1, err, sizeof err);
    expect(rc, AMOR_EINVAL, err, "qp: parameter 'p_shift' must be > 0 (P = M M' + p_shift I "
           "positive definite, so y* is unique), got 0", "p_shift = 0 refused at create");
    rc = pt_prob_try("qp", inf, PT_LEN(inf), err, sizeof err);
    expect(rc, AMOR_EINVAL, err, "qp: infeasible family: l ~ U(-1, 0.5) can exceed u ~ U(0.2, 1) "
           "(l_max 0.5 > u_min 0.2)", "a family where l > u can be drawn: refused at create");
    rc = pt_prob_try("qp", empty, PT_LEN(empty), err, sizeof err);
    expect(rc, AMOR_EINVAL, err, "qp: empty bound range: l_min 0.5 > l_max 0 or u_min 0 > u_max 1",
           "l_min > l_max refused at create");
    rc = pt_prob_try("qp", off0, PT_LEN(off0), err, sizeof err);
    expect(rc, AMOR_EINVAL, err, "qp: the family must keep y = 0 feasible (l_max <= 0 <= u_min; "
           "otherwise Ay in [l, u] with m > n has no solution in general), got l_max -1.5, u_min -1",
           "a family without y = 0 feasible refused at create");

    pt_prob_sample(&p, 41, 2, x);
    call_ok(p.d.solver_init(p.inst, 2, x, y, st, err, sizeof err), "solver_init", err);
    x[p.nx + ny + 3] = 0.5, x[p.nx + ny + m + 3] = 0.25; /* context 1, constraint 3 */
    rc = p.d.value(p.inst, 2, x, y, f, err, sizeof err);
    expect(rc, AMOR_EINVAL, err, "qp: context 1: constraint 3 has l = 0.5 > u = 0.25 (infeasible)",
           "value: a context with l > u");
    rc = p.d.solve(p.inst, 2, x, y, err, sizeof err);
    expect(rc, AMOR_EINVAL, err, "qp: context 1: constraint 3 has l = 0.5 > u = 0.25 (infeasible)",
           "solve: the same");
    rc = p.d.solver_step(p.inst, 2, x, st, nt, err, sizeof err);
    expect(rc, AMOR_EINVAL, err, "qp: context 1: constraint 3 has l = 0.5 > u = 0.25 (infeasible)",
           "solver_step: the same, before stepping");
    x[p.nx + ny + 3] = -0.5, x[ny + 7] = NAN, x[ny + m + 7] = 0.75;
    rc = p.d.residual(p.inst, 2, x, st, f, err, sizeof err);
    expect(rc, AMOR_EINVAL, err, "qp: context 0: constraint 7 has a bound that is not finite "
           "(l = nan, u = 0.75)", "residual: a NaN bound");
    x[ny + 7] = -0.1;
    st[S + ny + 2 * m + 5] = NAN;
    rc = p.d.solver_step(p.inst, 2, x, st, nt, err, sizeof err);
    expect(rc, AMOR_EINVAL, err, "qp: context 1: the state's log rho of constraint 5 is not finite (nan)",
           "solver_step: a NaN log rho in the state");
    free(x), free(y), free(st), free(nt);
    pt_prob_close(&p);
}

int main(void)
{
    test_hand_step();
    test_equality_and_residual();
    test_calculus();
    test_solutions();
    test_cycling();
    test_cache();
    test_bad_inputs();
    return tap_done();
}
