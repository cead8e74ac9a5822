/*
 * t_sparse_solver.c -- TAP tests of sparse coding on ABI 1.1: lasso's
 * private task data (the generating code after the signal) and validation
 * objective (squared error on the fixed NMSE scale), lasso's solver (ISTA
 * and FISTA steps, the proximal-gradient residual), `warmstart` refined by
 * the problem's solver, and the needs the sparse-coding models declare.
 * The reference math is the test's own (sparseref.h).  Run from the
 * repository root.
 */
#include "tap.h"
#include "plugtest.h"
#include "sparseref.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A wrapped lasso with its dictionary and the test's own L. */
typedef struct lref {
    pt_prob p;
    size_t nx, nxc, ny; /* signal, context, code widths */
    double *D, lambda, L;
} lref;

static void lref_open(lref *r, const pt_setting *set, size_t nset)
{
    char err[512] = "";
    r->p = pt_prob_open("lasso", NULL, set, nset);
    pt_prob_wrap(&r->p);
    r->nxc = r->p.nx, r->nx = r->p.nxm, r->ny = r->p.ny;
    r->D = pt_dalloc(r->nx * r->ny);
    pt_must(r->p.d.dictionary(r->p.inst, r->D, &r->lambda, err, sizeof err), "dictionary", err);
    r->L = ref_lip(r->D, r->nx, r->ny, NULL);
}

static void lref_close(lref *r)
{
    free(r->D);
    pt_prob_close(&r->p);
}

/* The problem's calls on p, bailing out on failure. */
static void solver_init(const pt_prob *p, size_t n, const double *x, const double *y, double *st)
{
    char err[512] = "";
    pt_must(p->d.solver_init(p->inst, n, x, y, st, err, sizeof err), "solver_init", err);
}

static void solver_step(const pt_prob *p, size_t n, const double *x, const double *st,
                        double *next)
{
    char err[512] = "";
    pt_must(p->d.solver_step(p->inst, n, x, st, next, err, sizeof err), "solver_step", err);
}

static void residual(const pt_prob *p, size_t n, const double *x, const double *st, double *r)
{
    char err[512] = "";
    pt_must(p->d.residual(p->inst, n, x, st, r, err, sizeof err), "residual", err);
}

/* The test's own FISTA (Beck & Teboulle) from y0 (ny) for K steps on signal s,
 * with the plugin's documented state (y_k, y_{k-1}, t_k) starting at (y0, y0,
 * 0), and with restart the documented gradient restart: the last state into
 * out (2 ny + 1); returns the number of restarts. */
static size_t ref_fista(const lref *r, const double *s, const double *y0, size_t K, int restart,
                        double *out)
{
    size_t ny = r->ny, k, j, nrestart = 0;
    double *y = out, *yp = out + ny, *z = pt_dalloc(ny), *yn = pt_dalloc(ny), t = 0.0;
    memcpy(y, y0, ny * sizeof *y);
    memcpy(yp, y0, ny * sizeof *y);
    for (k = 0; k < K; k++) {
        double tn = 0.5 * (1.0 + sqrt(1.0 + 4.0 * t * t)), beta = (t - 1.0) / tn, dot = 0.0;
        for (j = 0; j < ny; j++) z[j] = y[j] + beta * (y[j] - yp[j]);
        ref_ista(r->D, r->lambda, r->L, r->nx, ny, s, z, yn);
        for (j = 0; j < ny; j++) dot += (z[j] - yn[j]) * (yn[j] - y[j]);
        t = tn;
        if (restart && dot > 0) {
            nrestart++;
            memcpy(yp, yn, ny * sizeof *y);
            t = 0.0;
        } else {
            memcpy(yp, y, ny * sizeof *y);
        }
        memcpy(y, yn, ny * sizeof *y);
    }
    out[2 * ny] = t;
    free(z), free(yn);
    return nrestart;
}

/* ------------------------------------------------------------------------ */
/* Private task data                                                        */

/* Everything but the validation objective reads the signal alone: garbage in
 * the y_true part changes none of their outputs (bit for bit). */
static void test_private_data(void)
{
    static const pt_setting fista[] = {PT_TEXT("method", "fista")};
    const size_t n = 5;
    size_t c;
    for (c = 0; c < 2; c++) {
        lref r;
        size_t nxc, ny, S, i, k, bad = 0;
        double *x, *x2, *y, *v, *st, *a, *b, fa[5], fb[5];
        char err[512] = "";
        amor_rng rng;
        lref_open(&r, fista, c);
        nxc = r.nxc, ny = r.ny, S = r.p.d.state_dim(r.p.inst);
        x = pt_dalloc(n * nxc), x2 = pt_dalloc(n * nxc), y = pt_dalloc(n * ny),
        v = pt_dalloc(n * ny), st = pt_dalloc(n * S), a = pt_dalloc(n * S), b = pt_dalloc(n * S);
        pt_prob_sample(&r.p, 5, n, x);
        memcpy(x2, x, n * nxc * sizeof *x);
        amor_rng_seed(&rng, 6);
        for (i = 0; i < n; i++)
            for (k = r.nx; k < nxc; k++) x2[i * nxc + k] = 1e3 * amor_rng_normal(&rng);
        pt_randn(y, n * ny, 1.0, &rng);
        pt_randn(v, n * ny, 1.0, &rng);
        pt_randn(st, n * S, 1.0, &rng);
        for (i = 0; i < n; i++) st[i * S + S - 1] = fabs(st[i * S + S - 1]); /* FISTA's t */
        pt_must(r.p.d.value(r.p.inst, n, x, y, fa, err, sizeof err), "value", err);
        pt_must(r.p.d.value(r.p.inst, n, x2, y, fb, err, sizeof err), "value", err);
        bad += !!memcmp(fa, fb, sizeof fa);
        pt_must(r.p.d.value_grad(r.p.inst, n, x, y, fa, a, err, sizeof err), "value_grad", err);
        pt_must(r.p.d.value_grad(r.p.inst, n, x2, y, fb, b, err, sizeof err), "value_grad", err);
        bad += !!memcmp(fa, fb, sizeof fa) + !!memcmp(a, b, n * ny * sizeof *a);
        pt_must(r.p.d.hvp(r.p.inst, n, x, y, v, a, err, sizeof err), "hvp", err);
        pt_must(r.p.d.hvp(r.p.inst, n, x2, y, v, b, err, sizeof err), "hvp", err);
        bad += !!memcmp(a, b, n * ny * sizeof *a);
        pt_must(r.p.d.solve(r.p.inst, n, x, a, err, sizeof err), "solve", err);
        pt_must(r.p.d.solve(r.p.inst, n, x2, b, err, sizeof err), "solve", err);
        bad += !!memcmp(a, b, n * ny * sizeof *a);
        solver_step(&r.p, n, x, st, a);
        solver_step(&r.p, n, x2, st, b);
        bad += !!memcmp(a, b, n * S * sizeof *a);
        residual(&r.p, n, x, st, fa);
        residual(&r.p, n, x2, st, fb);
        bad += !!memcmp(fa, fb, sizeof fa);
        pt_must(r.p.d.valid_value(r.p.inst, n, x, y, fa, err, sizeof err), "valid_value", err);
        pt_must(r.p.d.valid_value(r.p.inst, n, x2, y, fb, err, sizeof err), "valid_value", err);
        tap_ok(bad == 0 && fa[0] != fb[0] && r.p.d.nx_model(r.p.inst) == 16 && nxc == 48,
               "lasso method=%s: value, value_grad, hvp, solve, solver_step and residual read "
               "only the signal (16 of 48 entries): garbage in y_true changes none of them "
               "(%zu differ); valid_value reads y_true", c ? "fista" : "ista", bad);
        free(x), free(x2), free(y), free(v), free(st), free(a), free(b);
        lref_close(&r);
    }
}

/* ------------------------------------------------------------------------ */
/* The validation objective                                                 */

typedef struct vrow {
    const pt_prob *p;
    const double *x; /* (nxc) one whole context */
    size_t comp;
    double *g; /* (ny) */
} vrow;

static double vrow_value(void *c, const double *y)
{
    vrow *r = c;
    double f;
    char err[256];
    pt_must(r->p->d.valid_value(r->p->inst, 1, r->x, y, &f, err, sizeof err), "valid_value", err);
    return f;
}

static double vrow_grad(void *c, const double *y)
{
    vrow *r = c;
    double f;
    char err[256];
    pt_must(r->p->d.valid_value_grad(r->p->inst, 1, r->x, y, &f, r->g, err, sizeof err),
            "valid_value_grad", err);
    return r->g[r->comp];
}

static void test_valid_calculus(void)
{
    lref r;
    const size_t n = 6;
    size_t nxc, ny, i, k;
    double *x, *y, *v, *f, *fg, *g, *hv, *fd, *scr, scale, wown = 0, wfd = 0, wh = 0, whc = 0;
    char err[512] = "";
    amor_rng rng;
    vrow vr;
    static const pt_setting set[] = {PT_TEXT("ny", "12"), PT_TEXT("nx", "7"),
                                     PT_TEXT("sparsity", "0.25")};
    lref_open(&r, set, PT_LEN(set));
    nxc = r.nxc, ny = r.ny;
    scale = (double)ny * 0.25; /* E|y_true|^2 */
    x = pt_dalloc(n * nxc), y = pt_dalloc(n * ny), v = pt_dalloc(n * ny), f = pt_dalloc(n),
    fg = pt_dalloc(n), g = pt_dalloc(n * ny), hv = pt_dalloc(n * ny), fd = pt_dalloc(ny),
    scr = pt_dalloc(ny);
    pt_prob_sample(&r.p, 7, n, x);
    amor_rng_seed(&rng, 8);
    pt_randn(y, n * ny, 1.0, &rng);
    pt_randn(v, n * ny, 1.0, &rng);
    pt_must(r.p.d.valid_value(r.p.inst, n, x, y, f, err, sizeof err), "valid_value", err);
    pt_must(r.p.d.valid_value_grad(r.p.inst, n, x, y, fg, g, err, sizeof err), "valid_value_grad",
            err);
    pt_must(r.p.d.valid_hvp(r.p.inst, n, x, y, v, hv, err, sizeof err), "valid_hvp", err);
    vr.p = &r.p;
    vr.g = scr;
    for (i = 0; i < n; i++) {
        const double *yt = x + i * nxc + r.nx;
        double want = 0.0, gs = fmax(1.0, pt_max_abs(g + i * ny, ny));
        for (k = 0; k < ny; k++) want += (y[i * ny + k] - yt[k]) * (y[i * ny + k] - yt[k]);
        want /= scale;
        pt_worsen(&wown, fabs(f[i] - want) / want);
        for (k = 0; k < ny; k++) {
            pt_worsen(&wown, fabs(g[i * ny + k] - 2.0 * (y[i * ny + k] - yt[k]) / scale) / gs);
            pt_worsen(&whc, fabs(hv[i * ny + k] - 2.0 * v[i * ny + k] / scale));
        }
        vr.x = x + i * nxc;
        pt_fd_grad(vrow_value, &vr, y + i * ny, ny, 1e-6, fd);
        for (k = 0; k < ny; k++) pt_worsen(&wfd, fabs(fd[k] - g[i * ny + k]) / gs);
        for (k = 0; k < ny; k++) {
            vr.comp = k;
            pt_worsen(&wh, fabs(pt_fd_dir(vrow_grad, &vr, y + i * ny, v + i * ny, ny, 1e-5) -
                                hv[i * ny + k]) /
                               fmax(1.0, pt_max_abs(hv + i * ny, ny)));
        }
    }
    tap_ok(!memcmp(f, fg, n * sizeof *f) && wown <= 1e-14,
           "lasso valid_value = |y - y_true|^2 / (ny sparsity) = /%g, the same f from "
           "valid_value_grad, gradient 2 (y - y_true) / %g (max rel err %.2g)", scale, scale,
           wown);
    tap_ok(wfd <= 1e-8, "lasso valid_value_grad = central differences of valid_value "
           "(h 1e-6, max err %.2g <= 1e-8 max(1, |g|))", wfd);
    tap_ok(wh <= 1e-8 && whc <= 1e-15, "lasso valid_hvp = central differences of the "
           "validation gradient (h 1e-5, %.2g <= 1e-8) and = 2 v / %g (%.2g)", wh, scale, whc);
    free(x), free(y), free(v), free(f), free(fg), free(g), free(hv), free(fd), free(scr);
    lref_close(&r);

    /* sparsity 0: the truth is 0 and no scale exists; v is the plain squared error */
    {
        static const pt_setting z0[] = {PT_TEXT("ny", "3"), PT_TEXT("nx", "2"),
                                        PT_TEXT("sparsity", "0")};
        double xz[5], yz[3] = {1.0, -2.0, 0.5}, fz;
        amor_rng rz;
        pt_prob z = pt_prob_open("lasso", NULL, z0, PT_LEN(z0));
        amor_rng_seed(&rz, 1);
        pt_must(z.d.sample(z.inst, &rz, 1, xz, err, sizeof err), "sample", err);
        pt_must(z.d.valid_value(z.inst, 1, xz, yz, &fz, err, sizeof err), "valid_value", err);
        tap_ok(fz == 5.25 && xz[2] == 0 && xz[3] == 0 && xz[4] == 0,
               "lasso sparsity=0: y_true = 0 and valid_value = |y|^2 (%g = 5.25)", fz);
        pt_prob_close(&z);
    }
}

/* E|y_true|^2 = ny sparsity in closed form against Monte-Carlo averages, and
 * the held-out mean of v at y = 0 is the NMSE of predicting 0, i.e. 1. */
static void test_valid_scale(void)
{
    static const struct { const char *ny, *sp; double want; } cases[] = {
        {"32", "0.1", 3.2}, {"12", "0.35", 4.2}, {"5", "1", 5.0}};
    const size_t n = 20000;
    size_t c;
    for (c = 0; c < PT_LEN(cases); c++) {
        const pt_setting set[] = {PT_TEXT("ny", cases[c].ny), PT_TEXT("sparsity", cases[c].sp),
                                  PT_TEXT("nx", "4")};
        pt_prob p = pt_prob_open("lasso", NULL, set, PT_LEN(set));
        size_t ny = p.ny, i, k;
        double *x = pt_dalloc(n * p.nx), *y0 = pt_dalloc(n * ny), *v = pt_dalloc(n);
        double m = 0.0, m2 = 0.0, se, vm = 0.0;
        char err[512] = "";
        pt_prob_sample(&p, 100 + c, n, x);
        for (i = 0; i < n; i++) {
            double q = 0.0;
            for (k = 0; k < ny; k++) q += x[i * p.nx + p.nxm + k] * x[i * p.nx + p.nxm + k];
            m += q;
            m2 += q * q;
        }
        m /= (double)n;
        se = sqrt((m2 / (double)n - m * m) / (double)n);
        pt_must(p.d.valid_value(p.inst, n, x, y0, v, err, sizeof err), "valid_value", err);
        for (i = 0; i < n; i++) vm += v[i];
        vm /= (double)n;
        tap_ok(fabs(m - cases[c].want) <= 4 * se && fabs(vm - m / cases[c].want) <= 1e-12,
               "lasso ny=%s sparsity=%s: mean |y_true|^2 over %zu samples %.4f = ny sparsity "
               "%.4g within 4 standard errors (%.3g); mean valid_value at y = 0 %.6f = that "
               "mean over the closed form", cases[c].ny, cases[c].sp, n, m, cases[c].want, se,
               vm);
        free(x), free(y0), free(v);
        pt_prob_close(&p);
    }
}

/* ------------------------------------------------------------------------ */
/* The solver                                                               */

static void test_solver_state(void)
{
    static const pt_setting fista[] = {PT_TEXT("method", "fista")};
    static const pt_setting restart[] = {PT_TEXT("method", "fista_restart")};
    const size_t n = 70; /* crosses the plugin's 64-row blocks */
    lref a, b;
    size_t ny, nxc, Sa, Sb, i, k, t;
    double *x, *y, *sa, *sb, *na, *nb, *ref, *r, *r1, *one, w = 0, wf = 0, wt = 0, wr = 0,
                                                          wb = 0;
    int exact;
    amor_rng rng;
    lref_open(&a, NULL, 0);
    lref_open(&b, fista, PT_LEN(fista));
    ny = a.ny, nxc = a.nxc;
    Sa = a.p.d.state_dim(a.p.inst), Sb = b.p.d.state_dim(b.p.inst);
    tap_ok(Sa == ny && Sb == 2 * ny + 1 && a.p.oc.table.state_dim == Sa &&
               b.p.oc.table.state_dim == Sb && a.p.oc.table.solver_step != NULL,
           "lasso state_dim: ista %zu = ny, fista %zu = 2 ny + 1; the oracle passes the "
           "solver on", Sa, Sb);
    x = pt_dalloc(n * nxc), y = pt_dalloc(n * ny), sa = pt_dalloc(n * Sa), sb = pt_dalloc(n * Sb),
    na = pt_dalloc(n * Sa), nb = pt_dalloc(n * Sb), ref = pt_dalloc(2 * ny + 1), r = pt_dalloc(n),
    r1 = pt_dalloc(n), one = pt_dalloc(Sb);
    pt_prob_sample(&a.p, 9, n, x);
    amor_rng_seed(&rng, 10);
    pt_randn(y, n * ny, 1.0, &rng);
    for (k = 0; k < n * ny; k += 3) y[k] = 0.0; /* zeros, as sparse codes have */
    for (k = 0; k < n * Sb; k++) sb[k] = NAN;   /* every entry overwritten */
    solver_init(&a.p, n, x, y, sa);
    solver_init(&b.p, n, x, y, sb);
    exact = !memcmp(sa, y, n * ny * sizeof *y);
    for (i = 0; i < n; i++)
        exact &= !memcmp(sb + i * Sb, y + i * ny, ny * sizeof *y) &&
                 !memcmp(sb + i * Sb + ny, y + i * ny, ny * sizeof *y) && sb[i * Sb + 2 * ny] == 0;
    tap_ok(exact, "lasso solver_init round-trips y exactly: ista state = y, fista state = "
           "(y, y, t = 0)");

    /* ISTA: one step against the test's own; then the residual */
    solver_step(&a.p, n, x, sa, na);
    for (i = 0; i < n; i++) {
        ref_ista(a.D, a.lambda, a.L, a.nx, ny, x + i * nxc, y + i * ny, ref);
        for (k = 0; k < ny; k++)
            pt_worsen(&w, fabs(na[i * ny + k] - ref[k]) / fmax(1.0, fabs(ref[k])));
    }
    tap_ok(w <= 1e-13, "lasso ista step = soft(y - D'(Dy - s)/L, lambda/L) computed by the test "
           "with L by Jacobi (%zu rows, max rel err %.2g <= 1e-13)", n, w);

    /* FISTA: three steps from (y, y, 0) against the test's own */
    for (t = 0; t < 3; t++) {
        solver_step(&b.p, n, x, sb, nb);
        memcpy(sb, nb, n * Sb * sizeof *sb);
    }
    for (i = 0; i < n; i++) {
        ref_fista(&b, x + i * nxc, y + i * ny, 3, 0, ref);
        pt_worsen(&wf, pt_max_relerr(sb + i * Sb, ref, 2 * ny));
        pt_worsen(&wt, fabs(sb[i * Sb + 2 * ny] - ref[2 * ny]));
    }
    tap_ok(wf <= 1e-13 && wt == 0 && ref[2 * ny] > 2,
           "lasso fista: 3 steps from (y, y, 0) = (y_3, y_2, t_3) of the test's Beck-Teboulle "
           "FISTA (max rel err %.2g <= 1e-13, t_3 = %.17g exactly)", wf, ref[2 * ny]);

    /* fista_restart: 40 steps from 0, where the momentum restarts */
    {
        lref c;
        const size_t K = 40;
        double *s0 = pt_dalloc(n * Sb), *s1 = pt_dalloc(n * Sb), *y0 = pt_dalloc(n * ny), *tmp;
        double wrs = 0;
        size_t nrs = 0, rows = 0;
        lref_open(&c, restart, 1);
        solver_init(&c.p, n, x, y0, s0);
        for (t = 0; t < K; t++) {
            solver_step(&c.p, n, x, s0, s1);
            tmp = s0, s0 = s1, s1 = tmp;
        }
        for (i = 0; i < n; i++) {
            size_t q = ref_fista(&c, x + i * nxc, y0 + i * ny, K, 1, ref);
            nrs += q, rows += q > 0;
            pt_worsen(&wrs, pt_max_relerr(s0 + i * Sb, ref, Sb));
        }
        tap_ok(wrs <= 1e-10 && rows > n / 4,
               "lasso fista_restart: %zu steps from 0 = the test's FISTA with gradient restart "
               "(max rel err %.2g <= 1e-10; %zu restarts in %zu of %zu rows)", K, wrs, nrs, rows,
               n);
        free(s0), free(s1), free(y0);
        lref_close(&c);
    }

    /* residual at random states against the test's own; batch against rows */
    residual(&a.p, n, x, sa, r);
    residual(&b.p, n, x, sb, r1);
    for (i = 0; i < n; i++) {
        double want = ref_prox_residual(a.D, a.lambda, a.L, a.nx, ny, x + i * nxc, sa + i * Sa);
        double wantb = ref_prox_residual(b.D, b.lambda, b.L, b.nx, ny, x + i * nxc, sb + i * Sb);
        pt_worsen(&wr, fabs(r[i] - want) / fmax(1.0, want));
        pt_worsen(&wr, fabs(r1[i] - wantb) / fmax(1.0, wantb));
    }
    tap_ok(wr <= 1e-12 && r[0] > 0.1,
           "lasso residual = L |y - soft(y - D'(Dy - s)/L, lambda/L)|_2 at state[:ny], "
           "computed by the test, ista and fista (max rel err %.2g <= 1e-12)", wr);
    for (i = 0; i < n; i++) {
        double r2;
        residual(&b.p, 1, x + i * nxc, sb + i * Sb, &r2);
        pt_worsen(&wb, fabs(r2 - r1[i]) / fmax(1.0, r1[i]));
    }
    {
        double *all = pt_dalloc(n * Sb);
        solver_step(&b.p, n, x, sb, all);
        for (i = 0; i < n; i++) {
            solver_step(&b.p, 1, x + i * nxc, sb + i * Sb, one);
            pt_worsen(&wb, pt_max_relerr(one, all + i * Sb, Sb));
        }
        free(all);
    }
    tap_ok(wb <= 1e-13, "lasso fista: a batch of %zu (across blocks of 64) = one row at a time "
           "for solver_step and residual (max rel err %.2g)", n, wb);
    free(x), free(y), free(sa), free(sb), free(na), free(nb), free(ref), free(r), free(r1),
        free(one);
    lref_close(&a), lref_close(&b);
}

/* Iterations from y0 (n, ny) until each row's residual < tol (cap: *its gets
 * cap + 1 for a row that never gets there); returns the number converged. */
static size_t iters_to(const pt_prob *p, size_t n, const double *x, const double *y0, double tol,
                       size_t cap, size_t *its)
{
    size_t S = p->d.state_dim(p->inst), i, k, done = 0;
    double *s = pt_dalloc(n * S), *nx = pt_dalloc(n * S), *r = pt_dalloc(n), *tmp;
    for (i = 0; i < n; i++) its[i] = cap + 1;
    solver_init(p, n, x, y0, s);
    for (k = 0; k <= cap && done < n; k++) {
        residual(p, n, x, s, r);
        for (i = 0; i < n; i++)
            if (its[i] > cap && r[i] < tol) {
                its[i] = k;
                done++;
            }
        solver_step(p, n, x, s, nx);
        tmp = s, s = nx, nx = tmp;
    }
    free(s), free(nx), free(r);
    return done;
}

static void test_solver_convergence(void)
{
    static const char *const methods[] = {"ista", "fista", "fista_restart"};
    const size_t n = 24, K = 30, cap = 50000;
    lref a[3];
    size_t ny, nxc, S, i, k, c, nonmono = 0, conv[3], sum[3] = {0, 0, 0}, fewer = 0, yzero = 0;
    size_t *its[3];
    double *x, *ys, *st, *nx, *r, *r0, *rs, *y0, worst = 0, zero0 = 0, minr0 = INFINITY;
    double shrink = 0;
    char err[512] = "";
    for (c = 0; c < 3; c++) {
        const pt_setting set[] = {PT_TEXT("method", methods[c])};
        lref_open(&a[c], set, 1);
        its[c] = calloc(n, sizeof *its[c]);
    }
    ny = a[0].ny, nxc = a[0].nxc, S = 2 * ny + 1;
    x = pt_dalloc(n * nxc), ys = pt_dalloc(n * ny), st = pt_dalloc(n * S), nx = pt_dalloc(n * S),
    r = pt_dalloc(n), r0 = pt_dalloc(n), rs = pt_dalloc(n), y0 = pt_dalloc(n * ny);
    pt_prob_sample(&a[0].p, 21, n, x);
    pt_must(a[0].p.d.solve(a[0].p.inst, n, x, ys, err, sizeof err), "solve", err);

    /* 0 at the reference solution, for every method; at y = 0, exactly 0 where
     * y* = 0 (|D's|_inf <= lambda) and clearly positive elsewhere */
    for (c = 0; c < 3; c++) {
        solver_init(&a[c].p, n, x, ys, st);
        residual(&a[c].p, n, x, st, r);
        for (i = 0; i < n; i++) pt_worsen(&worst, r[i]);
    }
    solver_init(&a[0].p, n, x, y0, st);
    residual(&a[0].p, n, x, st, r0);
    for (i = 0; i < n; i++) {
        int z = pt_max_abs(ys + i * ny, ny) == 0.0;
        yzero += z;
        if (z)
            pt_worsen(&zero0, r0[i]);
        else
            minr0 = fmin(minr0, r0[i]);
    }
    tap_ok(worst < 1e-10 && zero0 == 0 && minr0 > 1e-3 && yzero > 0 && yzero < n,
           "lasso residual at solve's y* < 1e-10 for ista, fista, fista_restart (worst %.2g; "
           "%zu rows); at y = 0: 0 in the %zu rows whose y* = 0, >= %.3g in the others", worst,
           n, yzero, minr0);

    /* ISTA from 0: the residual never grows (T = prox-grad is nonexpansive, so
     * |T y+ - y+| <= |T y - y|) and shrinks */
    memcpy(rs, r0, n * sizeof *r0);
    for (k = 0; k < K; k++) {
        double *tmp;
        solver_step(&a[0].p, n, x, st, nx);
        tmp = st, st = nx, nx = tmp;
        residual(&a[0].p, n, x, st, r);
        for (i = 0; i < n; i++) {
            nonmono += !(r[i] <= rs[i] * (1 + 1e-12));
            rs[i] = r[i];
        }
    }
    for (i = 0; i < n; i++)
        if (r0[i] > 0) pt_worsen(&shrink, r[i] / r0[i]);
    tap_ok(nonmono == 0 && shrink < 0.5,
           "lasso ista from 0: the residual decreases along the first %zu steps in every row "
           "(%zu increases); after them at most %.3g of its start", K, nonmono, shrink);

    /* iterations to 1e-8 from 0 */
    for (c = 0; c < 3; c++) {
        conv[c] = iters_to(&a[c].p, n, x, y0, 1e-8, cap, its[c]);
        for (i = 0; i < n; i++) sum[c] += its[c][i];
    }
    for (i = 0; i < n; i++) fewer += its[2][i] < its[0][i];
    tap_ok(conv[0] == n && conv[1] == n && conv[2] == n && sum[1] < sum[0] && sum[2] < sum[1] &&
               fewer + yzero >= n,
           "lasso from 0 to residual 1e-8, iterations in all (mean): ista %zu (%.1f) > fista "
           "%zu (%.1f) > fista_restart %zu (%.1f); fista_restart needs fewer than ista in "
           "every row but the %zu where 0 is the solution", sum[0], (double)sum[0] / (double)n,
           sum[1], (double)sum[1] / (double)n, sum[2], (double)sum[2] / (double)n, yzero);
    free(x), free(ys), free(st), free(nx), free(r), free(r0), free(rs), free(y0);
    for (c = 0; c < 3; c++) {
        free(its[c]);
        lref_close(&a[c]);
    }
}

/* ------------------------------------------------------------------------ */
/* warmstart refine = solver                                                */

static const int64_t h5[] = {5};

/* warmstart on the model view of p with hidden {5}, K steps, refine. */
static void ws_open(pt_model *mo, const pt_prob *p, int K, const char *refine)
{
    char ks[16];
    snprintf(ks, sizeof ks, "%d", K);
    {
        const pt_setting set[] = {PT_LIST("hidden", h5), PT_TEXT("steps", ks),
                                  PT_TEXT("refine", refine)};
        pt_model_open_view(mo, "warmstart", p, set, PT_LEN(set));
    }
}

static void test_warmstart_solver(void)
{
    static const char *const methods[] = {"ista", "fista"};
    const size_t n = 70, K = 6;
    size_t c;
    for (c = 0; c < 2; c++) {
        const pt_setting set[] = {PT_TEXT("method", methods[c])};
        lref r;
        pt_model ws, gd0, sv0;
        size_t ny, nxc, nx, T, i, k, t;
        uint64_t calls_eval, calls_train, calls0;
        double *th, *xc, *x, *it, *it0, *itg, *ref, *G, *g1, *g2, w = 0;
        int mlp_same, train_same;
        void *wsb, *wsg, *ws0;
        char err[512] = "";
        lref_open(&r, set, 1);
        ny = r.ny, nxc = r.nxc, nx = r.nx;
        ws_open(&ws, &r.p, (int)K, "solver");
        ws_open(&gd0, &r.p, 0, "gd");
        ws_open(&sv0, &r.p, 0, "solver");
        T = ws.T;
        th = pt_model_theta(&ws, 31, 0.1);
        xc = pt_dalloc(n * nxc), x = pt_dalloc(n * nx), it = pt_dalloc(T * n * ny),
        it0 = pt_dalloc(n * ny), itg = pt_dalloc(n * ny), ref = pt_dalloc(2 * ny + 1),
        G = pt_dalloc(T * n * ny), g1 = pt_dalloc(ws.np), g2 = pt_dalloc(ws.np);
        pt_prob_sample(&r.p, 32, n, xc);
        oracle_visible_rows(&r.p.oc, n, xc, x);
        oracle_bind(&r.p.oc, x, xc, n);
        wsb = pt_model_ws(&ws, n), wsg = pt_model_ws(&gd0, n), ws0 = pt_model_ws(&sv0, n);

        /* K = 0: the MLP, refine = solver or gd alike, no oracle call */
        calls0 = pt_oracle_calls(&r.p);
        pt_model_forward(&sv0, th, n, x, it0, ws0, 0);
        pt_model_forward(&gd0, th, n, x, itg, wsg, 0);
        calls0 = pt_oracle_calls(&r.p) - calls0;
        tap_ok(sv0.T == 1 && ws.np == gd0.np && !memcmp(it0, itg, n * ny * sizeof *it0) &&
                   calls0 == 0,
               "warmstart refine=solver steps=0 on lasso method=%s: T = 1, the MLP's output "
               "(= refine=gd steps=0 with the same theta, bit for bit), no oracle call",
               methods[c]);

        /* K steps: y^0 the MLP, then the problem's own iterations from it */
        calls_eval = pt_oracle_calls(&r.p);
        pt_model_forward(&ws, th, n, x, it, wsb, 0);
        calls_eval = pt_oracle_calls(&r.p) - calls_eval;
        mlp_same = !memcmp(it, it0, n * ny * sizeof *it);
        for (t = 1; t <= K; t++)
            for (i = 0; i < n; i++) {
                const double *s = xc + i * nxc, *y0 = it0 + i * ny;
                if (c == 0) { /* t ISTA steps from y0 */
                    double *z = pt_dalloc(ny);
                    size_t q;
                    memcpy(z, y0, ny * sizeof *z);
                    for (q = 0; q < t; q++) {
                        ref_ista(r.D, r.lambda, r.L, nx, ny, s, z, ref);
                        memcpy(z, ref, ny * sizeof *z);
                    }
                    free(z);
                } else {
                    ref_fista(&r, s, y0, t, 0, ref);
                }
                for (k = 0; k < ny; k++)
                    pt_worsen(&w, fabs(it[t * n * ny + i * ny + k] - ref[k]) /
                                      fmax(1.0, fabs(ref[k])));
            }
        tap_ok(T == K + 1 && mlp_same && w <= 1e-12 && calls_eval == K * n,
               "warmstart refine=solver steps=%zu on lasso method=%s (%zu contexts, the model "
               "sees %zu of %zu entries): y^0 = the MLP, y^t = t %s steps from it computed by "
               "the test (max rel err %.2g <= 1e-12); %zu solver_step calls on the model's own "
               "x, no other oracle call (%llu instances counted)", K, methods[c], n, nx, nxc,
               c ? "FISTA" : "ISTA", w, K, (unsigned long long)calls_eval);

        /* training: fully amortized, no oracle call; backward as refine = gd's */
        calls_train = pt_oracle_calls(&r.p);
        pt_model_forward(&ws, th, n, x, it, wsb, AMOR_FORWARD_TRAIN);
        calls_train = pt_oracle_calls(&r.p) - calls_train;
        train_same = 1;
        for (t = 0; t < T; t++) train_same &= !memcmp(it + t * n * ny, it0, n * ny * sizeof *it);
        {
            amor_rng rng;
            pt_model gdk;
            void *wsk;
            double *itk = pt_dalloc(T * n * ny);
            amor_rng_seed(&rng, 33);
            pt_randn(G, T * n * ny, 1.0, &rng);
            ws_open(&gdk, &r.p, (int)K, "gd");
            wsk = pt_model_ws(&gdk, n);
            pt_must(ws.d->backward(ws.m, th, n, x, G, g1, wsb, err, sizeof err), "backward", err);
            pt_model_forward(&gdk, th, n, x, itk, wsk, AMOR_FORWARD_TRAIN);
            pt_must(gdk.d->backward(gdk.m, th, n, x, G, g2, wsk, err, sizeof err), "backward",
                    err);
            free(itk), free(wsk);
            pt_model_close(&gdk);
        }
        tap_ok(train_same && calls_train == 0 && !memcmp(g1, g2, ws.np * sizeof *g1) &&
                   pt_max_abs(g1, ws.np) > 0,
               "warmstart refine=solver, training forward: all %zu iterates = the MLP, no "
               "oracle call; backward = refine=gd's (bit for bit)", T);
        free(th), free(xc), free(x), free(it), free(it0), free(itg), free(ref), free(G),
            free(g1), free(g2), free(wsb), free(wsg), free(ws0);
        pt_model_close(&ws), pt_model_close(&gd0), pt_model_close(&sv0);
        lref_close(&r);
    }
}

/* Refusals, and what the models declare they need. */
static void test_needs(void)
{
    const amor_model_desc *w = (const amor_model_desc *)pt_find(AMOR_KIND_MODEL, "warmstart");
    const amor_model_desc *l = (const amor_model_desc *)pt_find(AMOR_KIND_MODEL, "lista");
    const amor_model_desc *d = (const amor_model_desc *)pt_find(AMOR_KIND_MODEL, "psd");
    static const pt_setting sol[] = {PT_TEXT("refine", "solver")};
    static const pt_setting rnd[] = {PT_TEXT("init", "random")};
    params_set pw = pt_params(&w->head), pws = pt_params_with(&w->head, sol, 1);
    params_set pl = pt_params(&l->head), plr = pt_params_with(&l->head, rnd, 1);
    pt_prob q, la;
    pt_model mo;
    amor_oracle old;
    char err[512] = "";
    int rc, rc2;
    const char *want = "warmstart: parameter 'refine' = solver needs the problem's solver "
                       "(solver_init, solver_step), which this problem lacks; use refine = gd";

    tap_ok(w->needs_for && w->needs_for(pw.values) == AMOR_NEEDS_GRAD &&
               w->needs_for(pws.values) == AMOR_NEEDS_SOLVER && w->needs == AMOR_NEEDS_GRAD,
           "warmstart needs_for: GRAD with refine=gd (the default), SOLVER with refine=solver; "
           "needs = the default's GRAD");
    tap_ok(l->needs_for && l->needs_for(pl.values) == AMOR_NEEDS_DICTIONARY &&
               l->needs_for(plr.values) == 0 && l->needs == 0 && d->needs == 0 &&
               d->needs_for == NULL,
           "lista needs_for: DICTIONARY with init=dictionary (the default), 0 with random; "
           "needs = 0 (ABI 1.0 bits); psd needs nothing");
    params_free(&pw), params_free(&pws), params_free(&pl), params_free(&plr);

    q = pt_prob_openv("quadratic", NULL, "dim", 3.0, (const char *)NULL);
    pt_prob_wrap(&q);
    rc = pt_model_make_view(&mo, "warmstart", &q, sol, 1, err, sizeof err);
    tap_ok(rc == AMOR_ENOTSUP && !strcmp(err, want),
           "warmstart refine=solver on quadratic (no solver) is refused at create: %s", err);
    if (!rc) pt_model_close(&mo);

    /* an oracle from before ABI 1.1 ends before the solver fields */
    la = pt_prob_openv("lasso", NULL, "nx", 4.0, "ny", 6.0, (const char *)NULL);
    pt_prob_wrap(&la);
    old = la.oc.mtable;
    old.struct_size = (uint32_t)offsetof(amor_oracle, state_dim);
    err[0] = 0;
    rc = pt_model_make_nxc(&mo, "warmstart", &old, la.nxm, la.nx, la.ny, sol, 1, err, sizeof err);
    if (!rc) pt_model_close(&mo);
    rc2 = pt_model_make_view(&mo, "warmstart", &la, sol, 1, err + 256, 256);
    tap_ok(rc == AMOR_ENOTSUP && !strcmp(err, want) && rc2 == 0,
           "warmstart refine=solver: an ABI 1.0 oracle (struct_size %u) is refused (%s); "
           "the 1.1 view of the same lasso is accepted", old.struct_size, err);
    if (!rc2) pt_model_close(&mo);
    err[0] = 0;
    rc = pt_model_make_nxc(&mo, "solver_steps", &old, la.nxm, la.nx, la.ny, NULL, 0, err,
                           sizeof err);
    if (!rc) pt_model_close(&mo);
    rc2 = pt_model_make_view(&mo, "solver_steps", &la, NULL, 0, err + 256, 256);
    tap_ok(rc == AMOR_EINVAL &&
               !strcmp(err, "solver_steps: the problem has no solver of its own (solver_step)") &&
               rc2 == 0,
           "solver_steps: an ABI 1.0 oracle (struct_size %u) is refused, its solver fields "
           "unread (%s); the 1.1 view is accepted", old.struct_size, err);
    if (!rc2) pt_model_close(&mo);
    pt_prob_close(&la);
    pt_prob_close(&q);
}

int main(void)
{
    test_private_data();
    test_valid_calculus();
    test_valid_scale();
    test_solver_state();
    test_solver_convergence();
    test_warmstart_solver();
    test_needs();
    (void)tap_skip_all;
    (void)tap_diag;
    if (pt_loader_) loader_free(pt_loader_);
    return tap_done();
}
