/*
 * t_enr.c -- TAP tests of the `enr` problem (NeuralFP's elastic-net
 * regression): the contexts are the documented draws (both context kinds,
 * k = 2 nonzeros of x_hat for the defaults); mu and L in the solver state
 * against the test's own (power iteration for sigma_max); one step equals
 * the reference's fixed_point_iteration written out by hand; the residual is
 * |T(y) - y| absolute; y* has residual <= 1e-12 and satisfies the elastic
 * net's optimality condition coordinate by coordinate; value, gradient and
 * HVP against the formula and central differences; refusals with their
 * exact messages.  Run from the repository root.
 */
#include "tap.h"
#include "plugtest.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define M 25
#define N 25

static void call_ok(int rc, const char *what, const char *err)
{
    if (rc) pt_must(rc, what, err);
}

/* |A|_2 of a (M, N) by power iteration on A'A in long double. */
static double power_norm(const double *a)
{
    long double v[N], w[M], s = 0, prev = -1;
    size_t i, j, it;
    for (j = 0; j < N; j++) v[j] = 1.0L + 0.01L * (long double)j;
    for (it = 0; it < 200000; it++) {
        long double nv = 0;
        for (i = 0; i < M; i++) {
            w[i] = 0;
            for (j = 0; j < N; j++) w[i] += (long double)a[i * N + j] * v[j];
        }
        for (j = 0; j < N; j++) {
            v[j] = 0;
            for (i = 0; i < M; i++) v[j] += (long double)a[i * N + j] * w[i];
        }
        for (j = 0; j < N; j++) nv += v[j] * v[j];
        nv = sqrtl(nv);
        for (j = 0; j < N; j++) v[j] /= nv;
        s = sqrtl(nv);
        if (fabsl(s - prev) <= 1e-18L * s && it > 10) break;
        prev = s;
    }
    return (double)s;
}

/* mu = 0.001 |A'b|_inf in plain loops. */
static double ref_mu(const double *a, const double *b)
{
    double mx = 0;
    size_t i, j;
    for (j = 0; j < N; j++) {
        double s = 0;
        for (i = 0; i < M; i++) s += a[i * N + j] * b[i];
        if (fabs(s) > mx) mx = fabs(s);
    }
    return 0.001 * mx;
}

/* The reference's fixed_point_iteration (automl21/enr.py) at beta = 0.5:
 * kappa = alpha mu / 2, dx = A'(Ay - b) + mu/2 y, soft(kappa, y - alpha dx),
 * alpha = 1.8 / L, L = sigma_max(A)^2 + mu/2. */
static void ref_step(const double *a, const double *b, double mu, double L, const double *y,
                     double *out)
{
    double alpha = 1.8 / L, kappa = alpha * mu / 2, r[M];
    size_t i, j;
    for (i = 0; i < M; i++) {
        r[i] = -b[i];
        for (j = 0; j < N; j++) r[i] += a[i * N + j] * y[j];
    }
    for (j = 0; j < N; j++) {
        double dx = 0.5 * mu * y[j], v;
        for (i = 0; i < M; i++) dx += a[i * N + j] * r[i];
        v = y[j] - alpha * dx;
        out[j] = (v > 0 ? 1 : v < 0 ? -1 : 0) * fmax(fabs(v) - kappa, 0.0);
    }
}

/* ------------------------------------------------------------------------ */

/* The contexts are the documented draws: per context A (ab), the places of
 * x_hat by a partial Fisher-Yates shuffle, their values, then w. */
static void test_sampling(void)
{
    static const char *ctx[] = {"ab", "b"};
    size_t c;
    for (c = 0; c < 2; c++) {
        pt_setting set[] = {PT_TEXT("context", ctx[c]), PT_INT("seed", 5)};
        pt_prob p = pt_prob_open("enr", NULL, set, PT_LEN(set));
        const size_t n = 6, nx = c == 0 ? M * N + M : M;
        double *x = pt_dalloc(n * nx), *want = pt_dalloc(n * nx), afix[M * N];
        size_t i, j, r, k = 0, bad = 0;
        amor_rng g;
        tap_ok(p.nx == nx && p.ny == N, "context = %s: nx = %zu, ny = 25", ctx[c], nx);
        amor_rng_seed(&g, 5);
        for (j = 0; j < M * N; j++) afix[j] = amor_rng_normal(&g);
        pt_prob_sample(&p, 3, n, x);
        amor_rng_seed(&g, 3);
        for (i = 0; i < n; i++) {
            double *wi = want + i * nx, *b = wi + (c == 0 ? M * N : 0);
            const double *a = c == 0 ? wi : afix;
            size_t perm[N];
            if (c == 0)
                for (j = 0; j < M * N; j++) wi[j] = amor_rng_normal(&g);
            for (j = 0; j < N; j++) perm[j] = j;
            for (k = 0; k < 2; k++) { /* round(0.1 * 25) = 2, half to even */
                size_t s = k + (size_t)(amor_rng_uniform(&g) * (double)(N - k)), t = perm[k];
                perm[k] = perm[s], perm[s] = t;
            }
            for (k = 0; k < 2; k++) {
                double v = amor_rng_normal(&g);
                for (r = 0; r < M; r++) b[r] += v * a[r * N + perm[k]];
            }
            for (r = 0; r < M; r++) b[r] += 0.1 * amor_rng_normal(&g);
        }
        for (j = 0; j < n * nx; j++) bad += !(x[j] == want[j]);
        if (!tap_ok(bad == 0, "context = %s: contexts are the documented draws (2 nonzeros of "
                              "x_hat, b = A x_hat + 0.1 w), bit for bit", ctx[c]))
            tap_diag("%zu of %zu entries differ", bad, n * nx);
        free(x), free(want);
        pt_prob_close(&p);
    }
}

/* solver_init: (y, mu, L); one step is the reference's map; the residual
 * is |T(y) - y|_2, absolute. */
static void test_map(void)
{
    pt_prob p = pt_prob_open("enr", NULL, NULL, 0);
    const size_t n = 4, nx = M * N + M, S = N + 2;
    double *x = pt_dalloc(n * nx), *y = pt_dalloc(n * N), *st = pt_dalloc(n * S);
    double *nt = pt_dalloc(n * S), r[4], t[N], emu = 0, eL = 0, es = 0, er = 0;
    size_t i, j, zeros = 0, ybad = 0, kept = 0;
    char err[256] = "";
    amor_rng g;
    tap_ok(p.d.state_dim(p.inst) == S, "state_dim = n + 2: (y, mu, L)");
    pt_prob_sample(&p, 8, n, x);
    amor_rng_seed(&g, 9);
    pt_randn(y, n * N, 0.3, &g);
    for (j = 0; j < N; j += 5) y[j] = 0; /* zero coordinates too */
    /* rows 2, 3 near y*, where the threshold sets coordinates to 0 */
    call_ok(p.d.solve(p.inst, 2, x + 2 * nx, y + 2 * N, err, sizeof err), "solve", err);
    for (j = 2 * N; j < 4 * N; j++) y[j] += 1e-7 * amor_rng_normal(&g);
    call_ok(p.d.solver_init(p.inst, n, x, y, st, err, sizeof err), "solver_init", err);
    call_ok(p.d.solver_step(p.inst, n, x, st, nt, err, sizeof err), "solver_step", err);
    call_ok(p.d.residual(p.inst, n, x, st, r, err, sizeof err), "residual", err);
    for (i = 0; i < n; i++) {
        const double *a = x + i * nx, *b = a + M * N;
        double mu = ref_mu(a, b), s = power_norm(a), L = s * s + mu / 2, d = 0;
        pt_worsen(&emu, fabs(st[i * S + N] - mu) / mu);
        pt_worsen(&eL, fabs(st[i * S + N + 1] - L) / L);
        ybad += memcmp(st + i * S, y + i * N, N * sizeof *y) != 0;
        ref_step(a, b, mu, L, y + i * N, t);
        for (j = 0; j < N; j++) {
            pt_worsen(&es, fabs(nt[i * S + j] - t[j]));
            zeros += t[j] == 0;
            d += (t[j] - y[i * N + j]) * (t[j] - y[i * N + j]);
        }
        pt_worsen(&er, fabs(r[i] - sqrt(d))); /* rows 2, 3 are ~1e-7: absolute */
        kept += nt[i * S + N] == st[i * S + N] && nt[i * S + N + 1] == st[i * S + N + 1];
    }
    tap_ok(ybad == 0, "solver_init: state[:n] = y");
    tap_ok(kept == n, "solver_step leaves mu and L in the state as they are");
    if (!tap_ok(emu <= 1e-14 && eL <= 1e-12,
                "solver_init: mu = 0.001 |A'b|_inf, L = sigma_max(A)^2 + mu/2 (power iteration)"))
        tap_diag("relative errors: mu %.3g, L %.3g", emu, eL);
    if (!tap_ok(es <= 1e-14 && zeros > 0,
                "solver_step = enr.py's fixed_point_iteration, alpha = 1.8/L (%zu coordinates "
                "thresholded to 0)", zeros))
        tap_diag("max |diff| %.3g", es);
    if (!tap_ok(er <= 1e-14, "residual = |T(y) - y|_2, absolute")) tap_diag("max |diff| %.3g", er);
    free(x), free(y), free(st), free(nt);
    pt_prob_close(&p);
}

/* y*: residual <= 1e-12, and 0 in the subdifferential coordinate by
 * coordinate: g_j + mu beta sign(y_j) = 0 where y_j != 0, |g_j| <= mu beta
 * where y_j = 0, g the smooth gradient A'(Ay - b) + mu (1 - beta) y. */
static void test_solve(void)
{
    static const char *ctx[] = {"ab", "b"};
    size_t c;
    for (c = 0; c < 2; c++) {
        pt_setting set[] = {PT_TEXT("context", ctx[c])};
        pt_prob p = pt_prob_open("enr", NULL, set, PT_LEN(set));
        const size_t n = 64, nx = p.nx, S = N + 2;
        double *x = pt_dalloc(n * nx), *ys = pt_dalloc(n * N), *st = pt_dalloc(n * S);
        double *r = pt_dalloc(n), *afix = pt_dalloc(M * N), worst = 0, kkt = 0;
        size_t i, j, k, zeros = 0;
        char err[256] = "";
        amor_rng g;
        amor_rng_seed(&g, 0); /* the default seed's fixed A */
        for (j = 0; j < M * N; j++) afix[j] = amor_rng_normal(&g);
        pt_prob_sample(&p, 21, n, x);
        call_ok(p.d.solve(p.inst, n, x, ys, err, sizeof err), "solve", err);
        call_ok(p.d.solver_init(p.inst, n, x, ys, st, err, sizeof err), "solver_init", err);
        call_ok(p.d.residual(p.inst, n, x, st, r, err, sizeof err), "residual", err);
        worst = pt_max_abs(r, n);
        for (i = 0; i < n; i++) {
            const double *xi = x + i * nx, *a = c == 0 ? xi : afix, *b = c == 0 ? xi + M * N : xi;
            const double *y = ys + i * N;
            double mu = ref_mu(a, b), res[M];
            for (k = 0; k < M; k++) {
                res[k] = -b[k];
                for (j = 0; j < N; j++) res[k] += a[k * N + j] * y[j];
            }
            for (j = 0; j < N; j++) {
                double gj = 0.5 * mu * y[j], e;
                for (k = 0; k < M; k++) gj += a[k * N + j] * res[k];
                if (y[j] != 0) {
                    e = fabs(gj + 0.5 * mu * (y[j] > 0 ? 1 : -1));
                } else {
                    e = fmax(fabs(gj) - 0.5 * mu, 0.0);
                    zeros++;
                }
                pt_worsen(&kkt, e / mu);
            }
        }
        if (!tap_ok(worst <= 1e-12, "context = %s: solve: |T(y*) - y*| <= 1e-12 on %zu contexts",
                    ctx[c], n))
            tap_diag("worst residual %.3g", worst);
        if (!tap_ok(kkt <= 1e-8 && zeros > 0,
                    "context = %s: y* satisfies 0 in grad + mu beta d|y|_1 per coordinate "
                    "(%zu zero coordinates, |y_j| <= mu beta there)", ctx[c], zeros))
            tap_diag("worst violation %.3g mu", kkt);
        free(x), free(ys), free(st), free(r), free(afix);
        pt_prob_close(&p);
    }
}

/* value = the formula; gradient and HVP against central differences at
 * points with no zero coordinate; the subgradient has sign(0) = 0. */
static void test_calculus(void)
{
    pt_prob p = pt_prob_open("enr", NULL, NULL, 0);
    pt_calculus c = pt_calculus_errors(&p, 4, 5, 1.0, NULL, 1e-5, 0);
    const size_t nx = M * N + M;
    double x[M * N + M], y[N], f, gr[N], want = 0, l1 = 0, l2 = 0, res, mu, e = 0;
    size_t i, j;
    amor_rng g;
    tap_diag("worst relative errors: gradient %.3g, HVP %.3g", c.g, c.h);
    tap_ok(c.f == 0, "value and value_grad give the same f (bit for bit)");
    if (!tap_ok(c.g <= 1e-8, "gradient matches central differences of f"))
        tap_diag("worst relative error %.3g", c.g);
    if (!tap_ok(c.h <= 1e-7, "HVP A'A v + mu (1 - beta) v matches central differences"))
        tap_diag("worst relative error %.3g", c.h);
    pt_prob_sample(&p, 6, 1, x);
    amor_rng_seed(&g, 7);
    pt_randn(y, N, 1.0, &g);
    y[3] = 0;
    pt_prob_eval(&p, 1, x, y, &f, gr);
    mu = ref_mu(x, x + M * N);
    for (i = 0; i < M; i++) {
        res = -x[M * N + i];
        for (j = 0; j < N; j++) res += x[i * N + j] * y[j];
        want += 0.5 * res * res;
    }
    for (j = 0; j < N; j++) l1 += fabs(y[j]), l2 += y[j] * y[j];
    want += mu * (0.5 * l1 + 0.25 * l2);
    tap_close(f, want, 1e-13, 0, "value = 1/2|Ay - b|^2 + mu (beta |y|_1 + (1 - beta)/2 |y|^2)");
    for (i = 0, res = 0; i < M; i++) { /* gradient of coordinate 3 (y_3 = 0): smooth part only */
        double ri = -x[M * N + i];
        for (j = 0; j < N; j++) ri += x[i * N + j] * y[j];
        res += x[i * N + 3] * ri;
    }
    e = fabs(gr[3] - res);
    if (!tap_ok(e <= 1e-12 * fmax(1, fabs(res)), "at y_j = 0 the subgradient takes sign(0) = 0"))
        tap_diag("got %.17g, want %.17g", gr[3], res);
    (void)nx;
    pt_prob_close(&p);
}

static void test_refusals(void)
{
    char err[512] = "";
    int rc;
    static const double bad[] = {2.0, 0.0};
    size_t c;
    for (c = 0; c < PT_LEN(bad); c++) {
        pt_setting set[] = {PT_REAL("step", bad[c])};
        char want[256];
        snprintf(want, sizeof want,
                 "enr: parameter 'step' is %g, but must be in (0, 2): the proximal-gradient map "
                 "with alpha = step / L converges only then", bad[c]);
        rc = pt_prob_try("enr", set, PT_LEN(set), err, sizeof err);
        if (!tap_ok(rc == AMOR_EINVAL && !strcmp(err, want), "step = %g is refused at create",
                    bad[c]))
            tap_diag("got: rc %d, '%s'", rc, err);
    }
    {
        const amor_problem_desc *d = pt_problem("enr");
        params_set ps = pt_params(&d->head);
        rc = params_set_string(&ps, "context", "A", err, sizeof err);
        if (!tap_ok(rc != 0 && !strcmp(err, "parameter 'context' of problem 'enr' must be one "
                                            "of ab|b, got 'A'"),
                    "context = A is refused, naming the choices"))
            tap_diag("got: rc %d, '%s'", rc, err);
        rc = params_set_real(&ps, "beta", 1.5, err, sizeof err);
        if (!tap_ok(rc != 0 && !strcmp(err, "parameter 'beta' of problem 'enr' must be in [0, 1], "
                                            "got 1.5"),
                    "beta = 1.5 is refused by the declared range"))
            tap_diag("got: rc %d, '%s'", rc, err);
        params_free(&ps);
    }
    {
        pt_setting set[] = {PT_TEXT("context", "b"), PT_INT("solve_iters", 30)};
        pt_prob p = pt_prob_open("enr", NULL, set, PT_LEN(set));
        double x[2 * M], y[2 * N], st[N + 2];
        pt_prob_sample(&p, 2, 2, x);
        rc = p.d.solve(p.inst, 2, x, y, err, sizeof err);
        if (!tap_ok(rc == AMOR_ENUMERIC && pt_contains(err, "enr: FISTA did not reach |T(y) - y| "
                                                            "<= 1e-12 in 30 iterations (solve_iters) "
                                                            "at context 0: |T(y) - y| = "),
                    "solve past solve_iters fails, naming the cap and the context"))
            tap_diag("got: rc %d, '%s'", rc, err);
        x[M + 3] = NAN;
        rc = p.d.solve(p.inst, 1, x + M, y, err, sizeof err);
        if (!tap_ok(rc == AMOR_ENUMERIC && pt_contains(err, "enr: context 0 is not finite"),
                    "solve on a non-finite context fails, naming it"))
            tap_diag("got: rc %d, '%s'", rc, err);
        rc = p.d.solver_init(p.inst, 1, x + M, y, st, err, sizeof err);
        if (!tap_ok(rc == AMOR_ENUMERIC && pt_contains(err, "enr: context 0 is not finite"),
                    "solver_init on a non-finite context fails, naming it"))
            tap_diag("got: rc %d, '%s'", rc, err);
        memset(st, 0, sizeof st);
        rc = p.d.solver_step(p.inst, 1, x, st, y, err, sizeof err);
        if (!tap_ok(rc == AMOR_EINVAL && !strcmp(err, "enr: state 0 holds mu = 0, L = 0 (states "
                                                      "come from solver_init)"),
                    "a state not from solver_init (L = 0) is refused by the step"))
            tap_diag("got: rc %d, '%s'", rc, err);
        pt_prob_close(&p);
    }
}

int main(void)
{
    test_sampling();
    test_map();
    test_solve();
    test_calculus();
    test_refusals();
    (void)tap_skip_all;
    return tap_done();
}
