/*
 * check_problem.c -- `amor check` for problem plugins: sampling, values,
 * gradients and Hessian-vector products against finite differences,
 * batching, projection, the reference solver, the dictionary and aux
 * capabilities, and create/destroy leaks.  Tolerances are stated at each
 * check (and in README.md, "Checking a plugin").
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_int.h"

typedef struct pb {
    ck *c;
    const amor_problem_desc *d;
    void *inst;
    size_t nx, ny, n;
    double *x;   /* (n, nx) contexts from sample() */
    double *y0;  /* (n, ny) initial points (zeros without initial()) */
    double *ys;  /* (n, ny) y* from solve(), or NULL */
    double *base; /* (n, ny) where random points are centred: ys, else y0 */
    amor_rng rng;
    char err[1024];
} pb;

/* Relative tolerance of "the same computation done twice or in another
 * batch layout" (BLAS blocking may change the rounding). */
#define TOL_SAME 1e-10
/* ... for an iterative reference solver: its stopping test may trip one
 * iteration earlier or later, and a line search that stops when f no longer
 * decreases in floating point fixes y* only to about sqrt(eps) relative
 * (control_mpc's Newton: 1e-7).  Rows that interfere are off by far more. */
#define TOL_SAME_SOLVE 1e-6
/* Relative tolerance of the finite-difference comparisons (see ck_fd_judge). */
#define TOL_FD 1e-6
/* Largest first-order decrease rate allowed at y*, relative to the scale
 * max(1, |f(y*)|, |f(y0) - f(y*)| / |y0 - y*|). */
#define TOL_STATIONARY 1e-6
/* f(y*) may exceed the best random point by this times max(1, |f(y*)|). */
#define TOL_BEST 1e-9
/* FD probes are redrawn at most this many times when they land near a kink. */
#define REDRAWS 4

static const char *ws(pb *p)
{
    return p->err[0] ? p->err : "(no message)";
}

/* y (n, ny) := P(y) in place when the problem projects. */
static int project(pb *p, size_t n, const double *x, double *y)
{
    if (!p->d->project) return 0;
    p->err[0] = 0;
    return p->d->project(p->inst, n, x, y, p->err, sizeof p->err);
}

/* out (n, ny) := P(base + sigma max(1, |base_i|_inf) N(0, I)) row by row. */
static int random_points(pb *p, const double *base, double sigma, double *out)
{
    size_t i, k, ny = p->ny;
    for (i = 0; i < p->n; i++) {
        double s = sigma * fmax(1.0, ck_maxabs(base + i * ny, ny));
        for (k = 0; k < ny; k++) out[i * ny + k] = base[i * ny + k] + s * amor_rng_normal(&p->rng);
    }
    return project(p, p->n, p->x, out);
}

/* ------------------------------------------------------------------------ */
/* Setup checks                                                             */

static int check_sample(pb *p)
{
    ck *c = p->c;
    size_t m = p->n * p->nx;
    double *x2 = ck_guarded(m);
    amor_rng r1, r2;
    int rc1, rc2, ok = 1;
    char b[256];
    ck_begin(c, "sample: deterministic for a given RNG state, finite");
    ck_note(c, "(n = %zu, nx = %zu)", p->n, p->nx);
    amor_rng_seed(&r1, c->o->seed * 1000003u + 17);
    r2 = r1;
    p->err[0] = 0;
    rc1 = p->d->sample(p->inst, &r1, p->n, p->x, p->err, sizeof p->err);
    if (rc1) {
        ck_diag(c, "sample(n = %zu) failed: %s", p->n, ws(p));
        ck_end(c, 0);
        free(x2);
        return 0;
    }
    rc2 = p->d->sample(p->inst, &r2, p->n, x2, p->err, sizeof p->err);
    if (rc2 || memcmp(p->x, x2, m * sizeof *x2)) {
        long k = ck_mismatch(p->x, x2, m, 0);
        ok = 0;
        if (rc2) ck_diag(c, "second call failed: %s", ws(p));
        else
            ck_diag(c, "two calls from the same RNG state differ: instance %ld, entry %ld: %.17g "
                       "vs %.17g (a plugin must draw only from the rng it is given and keep no "
                       "mutable state)",
                    k / (long)p->nx, k % (long)p->nx, p->x[k], x2[k]);
    } else if (memcmp(&r1, &r2, sizeof r1)) {
        ok = 0;
        ck_diag(c, "two calls from the same RNG state left the rng in different states");
    }
    if (!ck_all_finite(p->x, m)) {
        ok = 0;
        ck_diag(c, "non-finite context: %s", ck_vec(b, sizeof b, p->x, m));
    }
    if (!ck_guard_intact(p->x, m)) {
        ok = 0;
        ck_diag(c, "sample wrote past the n x nx = %zu entries of x", m);
    }
    free(x2);
    return ck_end(c, ok);
}

static void check_initial(pb *p)
{
    ck *c = p->c;
    size_t m = p->n * p->ny;
    double *y2;
    int ok = 1;
    if (!p->d->initial) {
        ck_skip(c, "initial: finite, deterministic", "not provided (solvers start at zeros)");
        return;
    }
    ck_begin(c, "initial: finite, deterministic");
    y2 = ck_guarded(m);
    p->err[0] = 0;
    if (p->d->initial(p->inst, p->n, p->x, p->y0, p->err, sizeof p->err) ||
        p->d->initial(p->inst, p->n, p->x, y2, p->err, sizeof p->err)) {
        ck_diag(c, "initial failed: %s", ws(p));
        ok = 0;
    } else {
        if (!ck_all_finite(p->y0, m)) ok = 0, ck_diag(c, "non-finite initial point");
        if (!ck_guard_intact(p->y0, m)) ok = 0, ck_diag(c, "initial wrote past n x ny entries");
        if (memcmp(p->y0, y2, m * sizeof *y2)) ok = 0, ck_diag(c, "two calls differ");
    }
    if (!ok) memset(p->y0, 0, m * sizeof *p->y0);
    free(y2);
    ck_end(c, ok);
}

static void check_solve(pb *p)
{
    ck *c = p->c;
    size_t m = p->n * p->ny, i;
    double *y2, *py;
    int ok = 1;
    char b[256];
    if (!p->d->solve) {
        ck_skip(c, "solve: finite, deterministic, feasible", "no reference solver");
        return;
    }
    ck_begin(c, "solve: finite, deterministic, feasible");
    p->ys = ck_guarded(m);
    y2 = ck_guarded(m);
    py = ck_alloc(m, sizeof *py);
    p->err[0] = 0;
    if (p->d->solve(p->inst, p->n, p->x, p->ys, p->err, sizeof p->err) ||
        p->d->solve(p->inst, p->n, p->x, y2, p->err, sizeof p->err)) {
        ck_diag(c, "solve failed: %s", ws(p));
        ok = 0;
    } else {
        if (!ck_all_finite(p->ys, m)) ok = 0, ck_diag(c, "non-finite y*: %s", ck_vec(b, sizeof b, p->ys, m));
        if (!ck_guard_intact(p->ys, m)) ok = 0, ck_diag(c, "solve wrote past n x ny entries");
        if (memcmp(p->ys, y2, m * sizeof *y2)) ok = 0, ck_diag(c, "two calls differ");
        memcpy(py, p->ys, m * sizeof *py);
        if (ok && p->d->project) {
            if (project(p, p->n, p->x, py)) {
                ok = 0;
                ck_diag(c, "project(y*) failed: %s", ws(p));
            } else {
                for (i = 0; i < p->n; i++) {
                    long k = ck_mismatch(p->ys + i * p->ny, py + i * p->ny, p->ny, TOL_SAME);
                    if (k >= 0) {
                        ok = 0;
                        ck_diag(c, "instance %zu: y* = %s is not feasible: P(y*) = %s "
                                   "(relative tolerance %g)",
                                i, ck_vec(b, 128, p->ys + i * p->ny, p->ny),
                                ck_vec(b + 128, 128, py + i * p->ny, p->ny), TOL_SAME);
                    }
                }
            }
        }
    }
    free(y2);
    free(py);
    if (!ok) {
        free(p->ys);
        p->ys = NULL;
    }
    ck_end(c, ok);
}

/* ------------------------------------------------------------------------ */
/* Values                                                                   */

/* The point sets of the value checks: the initial points, y*, and random
 * points at three scales around y* (else the initial points). */
#define NSETS 5
static const char *const SET_NAME[NSETS] = {"the initial points", "y*", "random points (sigma 0.1)",
                                           "random points (sigma 1)", "random points (sigma 3)"};

static int value_points(pb *p, double *sets /* (NSETS, n, ny) */)
{
    static const double sig[3] = {0.1, 1.0, 3.0};
    size_t m = p->n * p->ny, s;
    memcpy(sets, p->y0, m * sizeof *sets);
    memcpy(sets + m, p->ys ? p->ys : p->y0, m * sizeof *sets);
    for (s = 2; s < NSETS; s++)
        if (random_points(p, p->base, sig[s - 2], sets + s * m)) return -1;
    return 0;
}

static void check_values(pb *p)
{
    ck *c = p->c;
    size_t n = p->n, ny = p->ny, m = n * ny, s, i;
    double *sets = ck_alloc(NSETS * m, sizeof *sets), *f = ck_guarded(NSETS * n),
           *f2 = ck_guarded(n), *g = ck_guarded(m);
    int ok = 1;
    char b[256];
    ck_begin(c, "value: finite at sampled points");
    ck_note(c, "(initial points, y*, and random points at three scales around %s)",
            p->ys ? "y*" : "the initial points");
    if (value_points(p, sets)) {
        ok = 0;
        ck_diag(c, "project failed: %s", ws(p));
    }
    for (s = 0; s < NSETS && ok; s++) {
        const double *y = sets + s * m;
        p->err[0] = 0;
        if (p->d->value(p->inst, n, p->x, y, f + s * n, p->err, sizeof p->err)) {
            ok = 0;
            ck_diag(c, "value at %s failed: %s", SET_NAME[s], ws(p));
            break;
        }
        for (i = 0; i < n; i++)
            if (!isfinite(f[s * n + i])) {
                ok = 0;
                ck_diag(c, "f = %g at %s, instance %zu: x = %s, y = %s", f[s * n + i], SET_NAME[s],
                        i, ck_vec(b, 128, p->x + i * p->nx, p->nx), ck_vec(b + 128, 128, y + i * ny, ny));
            }
    }
    if (ok && !ck_guard_intact(f + (NSETS - 1) * n, n))
        ok = 0, ck_diag(c, "value wrote past the n = %zu values", n);
    ck_end(c, ok);

    if (!p->d->value_grad) {
        ck_skip(c, "value_grad: finite, f agrees with value", "no value_grad");
    } else if (!ok) {
        ck_skip(c, "value_grad: finite, f agrees with value", "value failed");
    } else {
        ck_begin(c, "value_grad: finite, f agrees with value");
        ck_note(c, "(the same points; relative tolerance %g)", TOL_SAME);
        for (s = 0; s < NSETS && ok; s++) {
            const double *y = sets + s * m;
            p->err[0] = 0;
            if (p->d->value_grad(p->inst, n, p->x, y, f2, g, p->err, sizeof p->err)) {
                ok = 0;
                ck_diag(c, "value_grad at %s failed: %s", SET_NAME[s], ws(p));
                break;
            }
            if (!ck_guard_intact(f2, n) || !ck_guard_intact(g, m)) {
                ok = 0;
                ck_diag(c, "value_grad wrote past n values or n x ny gradient entries");
            }
            for (i = 0; i < n; i++) {
                double fv = f[s * n + i];
                if (!(fabs(f2[i] - fv) <= TOL_SAME * (1 + fabs(fv)))) {
                    ok = 0;
                    ck_diag(c, "value_grad's f = %.17g but value's f = %.17g at %s, instance %zu",
                            f2[i], fv, SET_NAME[s], i);
                }
                if (!ck_all_finite(g + i * ny, ny)) {
                    ok = 0;
                    ck_diag(c, "non-finite gradient %s at %s, instance %zu",
                            ck_vec(b, sizeof b, g + i * ny, ny), SET_NAME[s], i);
                }
            }
        }
        ck_end(c, ok);
    }
    free(sets);
    free(f);
    free(f2);
    free(g);
}

/* ------------------------------------------------------------------------ */
/* Batched calls against one instance at a time, and inputs left alone       */

typedef struct cmp_ctx {
    pb *p;
    int ok;
    char inputs[512]; /* calls that modified an input, "" when none */
} cmp_ctx;

/* Compare the batch result rows (n x w) with the single-row results. */
static void compare_rows(cmp_ctx *q, const char *call, const double *batch,
                         const double *single, size_t w, double tol)
{
    size_t i;
    for (i = 0; i < q->p->n; i++) {
        long k = ck_mismatch(batch + i * w, single + i * w, w, tol);
        if (k >= 0) {
            q->ok = 0;
            ck_diag(q->p->c, "%s: instance %zu, entry %ld: %.17g in a batch of %zu, %.17g alone "
                             "(relative tolerance %g)",
                    call, i, k, batch[i * w + k], q->p->n, single[i * w + k], tol);
        }
    }
}

static void inputs_same(cmp_ctx *q, const char *call, const char *arg, const double *a,
                        const double *copy, size_t len)
{
    size_t off = strlen(q->inputs);
    if (memcmp(a, copy, len * sizeof *a) && off + 64 < sizeof q->inputs)
        snprintf(q->inputs + off, sizeof q->inputs - off, "%s%s modified its input %s",
                 off ? "; " : "", call, arg);
}

static void check_batched(pb *p)
{
    ck *c = p->c;
    size_t n = p->n, nx = p->nx, ny = p->ny, m = n * ny, i;
    size_t aw = p->d->aux_dim ? p->d->aux_dim(p->inst) : 0;
    size_t w = aw > ny ? aw : ny;
    double *y = ck_alloc(m, sizeof *y), *v = ck_alloc(m, sizeof *v);
    double *xc = ck_alloc(n * nx, sizeof *xc), *yc = ck_alloc(m, sizeof *yc),
           *vc = ck_alloc(m, sizeof *vc);
    double *b1 = ck_alloc(n * w, sizeof *b1), *b2 = ck_alloc(n * w, sizeof *b2);
    double *s1 = ck_alloc(n * w, sizeof *s1), *s2 = ck_alloc(n * w, sizeof *s2);
    cmp_ctx q = {p, 1, ""};
    char calls[128] = "value";
    int rc = 0;

    ck_begin(c, "batched calls agree with one instance at a time");
    random_points(p, p->base, 1.0, y);
    ck_normal(&p->rng, v, m);
    memcpy(xc, p->x, n * nx * sizeof *xc);
    memcpy(yc, y, m * sizeof *yc);
    memcpy(vc, v, m * sizeof *vc);
#define CALL(expr, name)                                                      \
    do {                                                                      \
        p->err[0] = 0;                                                        \
        if ((rc = (expr))) {                                                  \
            q.ok = 0;                                                         \
            ck_diag(c, "%s failed: %s", name, ws(p));                         \
        }                                                                     \
    } while (0)

    CALL(p->d->value(p->inst, n, p->x, y, b1, p->err, sizeof p->err), "value");
    for (i = 0; i < n && !rc; i++)
        CALL(p->d->value(p->inst, 1, p->x + i * nx, y + i * ny, s1 + i, p->err, sizeof p->err),
             "value (one instance)");
    if (!rc) compare_rows(&q, "value", b1, s1, 1, TOL_SAME);
    inputs_same(&q, "value", "x", p->x, xc, n * nx);
    inputs_same(&q, "value", "y", y, yc, m);

    if (p->d->value_grad) {
        strcat(calls, ", value_grad");
        CALL(p->d->value_grad(p->inst, n, p->x, y, b1, b2, p->err, sizeof p->err), "value_grad");
        for (i = 0; i < n && !rc; i++)
            CALL(p->d->value_grad(p->inst, 1, p->x + i * nx, y + i * ny, s1 + i, s2 + i * ny,
                                  p->err, sizeof p->err),
                 "value_grad (one instance)");
        if (!rc) {
            compare_rows(&q, "value_grad f", b1, s1, 1, TOL_SAME);
            compare_rows(&q, "value_grad gradient", b2, s2, ny, TOL_SAME);
        }
        inputs_same(&q, "value_grad", "x", p->x, xc, n * nx);
        inputs_same(&q, "value_grad", "y", y, yc, m);
    }
    if (p->d->hvp) {
        strcat(calls, ", hvp");
        CALL(p->d->hvp(p->inst, n, p->x, y, v, b1, p->err, sizeof p->err), "hvp");
        for (i = 0; i < n && !rc; i++)
            CALL(p->d->hvp(p->inst, 1, p->x + i * nx, y + i * ny, v + i * ny, s1 + i * ny, p->err,
                           sizeof p->err),
                 "hvp (one instance)");
        if (!rc) compare_rows(&q, "hvp", b1, s1, ny, TOL_SAME);
        inputs_same(&q, "hvp", "x", p->x, xc, n * nx);
        inputs_same(&q, "hvp", "y", y, yc, m);
        inputs_same(&q, "hvp", "v", v, vc, m);
    }
    if (p->d->solve) {
        strcat(calls, ", solve");
        CALL(p->d->solve(p->inst, n, p->x, b1, p->err, sizeof p->err), "solve");
        for (i = 0; i < n && !rc; i++)
            CALL(p->d->solve(p->inst, 1, p->x + i * nx, s1 + i * ny, p->err, sizeof p->err),
                 "solve (one instance)");
        if (!rc) compare_rows(&q, "solve", b1, s1, ny, TOL_SAME_SOLVE);
        inputs_same(&q, "solve", "x", p->x, xc, n * nx);
    }
    if (p->d->project) {
        strcat(calls, ", project");
        for (i = 0; i < m; i++) b1[i] = s1[i] = y[i] + 2 * v[i];
        CALL(p->d->project(p->inst, n, p->x, b1, p->err, sizeof p->err), "project");
        for (i = 0; i < n && !rc; i++)
            CALL(p->d->project(p->inst, 1, p->x + i * nx, s1 + i * ny, p->err, sizeof p->err),
                 "project (one instance)");
        if (!rc) compare_rows(&q, "project", b1, s1, ny, TOL_SAME);
        inputs_same(&q, "project", "x", p->x, xc, n * nx);
        if (p->d->project_vjp) {
            strcat(calls, ", project_vjp");
            CALL(p->d->project_vjp(p->inst, n, p->x, y, v, b1, p->err, sizeof p->err),
                 "project_vjp");
            for (i = 0; i < n && !rc; i++)
                CALL(p->d->project_vjp(p->inst, 1, p->x + i * nx, y + i * ny, v + i * ny,
                                       s1 + i * ny, p->err, sizeof p->err),
                     "project_vjp (one instance)");
            if (!rc) compare_rows(&q, "project_vjp", b1, s1, ny, TOL_SAME);
            inputs_same(&q, "project_vjp", "y", y, yc, m);
            inputs_same(&q, "project_vjp", "gout", v, vc, m);
        }
    }
    if (p->d->initial) {
        strcat(calls, ", initial");
        CALL(p->d->initial(p->inst, n, p->x, b1, p->err, sizeof p->err), "initial");
        for (i = 0; i < n && !rc; i++)
            CALL(p->d->initial(p->inst, 1, p->x + i * nx, s1 + i * ny, p->err, sizeof p->err),
                 "initial (one instance)");
        if (!rc) compare_rows(&q, "initial", b1, s1, ny, TOL_SAME);
    }
    if (p->d->aux && aw) {
        strcat(calls, ", aux");
        CALL(p->d->aux(p->inst, n, p->x, y, b1, p->err, sizeof p->err), "aux");
        for (i = 0; i < n && !rc; i++)
            CALL(p->d->aux(p->inst, 1, p->x + i * nx, y + i * ny, s1 + i * aw, p->err,
                           sizeof p->err),
                 "aux (one instance)");
        if (!rc) compare_rows(&q, "aux", b1, s1, aw, TOL_SAME);
        inputs_same(&q, "aux", "y", y, yc, m);
    }
#undef CALL
    ck_note(c, "(%s; relative tolerance %g, %g for solve)", calls, TOL_SAME, TOL_SAME_SOLVE);
    ck_end(c, q.ok);
    ck_report(c, "calls leave their inputs unchanged", !q.inputs[0], "%s", q.inputs);
    free(y);
    free(v);
    free(xc);
    free(yc);
    free(vc);
    free(b1);
    free(b2);
    free(s1);
    free(s2);
}

/* ------------------------------------------------------------------------ */
/* Finite-difference probes                                                  */

enum { PHI_VALUE, PHI_GRAD, PHI_PROJ };

/* m probes: instance idx, point y, direction d, weights u (PHI_GRAD,
 * PHI_PROJ), and the judgement r. */
typedef struct probes {
    size_t m;
    size_t *idx;
    double *y, *d, *u, *h, *a, *scale;
    ck_fd *r;
    unsigned char *todo;
} probes;

static void probes_alloc(probes *q, size_t m, size_t ny)
{
    q->m = m;
    q->idx = ck_alloc(m, sizeof *q->idx);
    q->y = ck_alloc(m * ny, sizeof *q->y);
    q->d = ck_alloc(m * ny, sizeof *q->d);
    q->u = ck_alloc(m * ny, sizeof *q->u);
    q->h = ck_alloc(m, sizeof *q->h);
    q->a = ck_alloc(m, sizeof *q->a);
    q->scale = ck_alloc(m, sizeof *q->scale);
    q->r = ck_alloc(m, sizeof *q->r);
    q->todo = ck_alloc(m, 1);
}

static void probes_free(probes *q)
{
    free(q->idx);
    free(q->y);
    free(q->d);
    free(q->u);
    free(q->h);
    free(q->a);
    free(q->scale);
    free(q->r);
    free(q->todo);
}

/* A fresh random point for probe k: P(base_i + N(0, max(1, |base_i|)^2 I)),
 * and its step; `shrink` (1, 0.1, ...) makes the step smaller on redraws,
 * where kinks are dense. */
static int probe_point(pb *p, probes *q, size_t k, double shrink)
{
    size_t i = q->idx[k], ny = p->ny, j;
    double s = fmax(1.0, ck_maxabs(p->base + i * ny, ny));
    for (j = 0; j < ny; j++) q->y[k * ny + j] = p->base[i * ny + j] + s * amor_rng_normal(&p->rng);
    if (project(p, 1, p->x + i * p->nx, q->y + k * ny)) return -1;
    q->h[k] = shrink * ck_fd_step(q->y + k * ny, ny);
    return 0;
}

/* Analytic values a and scales of the pending probes. */
static int probes_analytic(pb *p, probes *q, int kind, const size_t *list, size_t cnt)
{
    size_t ny = p->ny, nx = p->nx, t, k;
    double *X = ck_alloc(cnt * nx, sizeof *X), *Y = ck_alloc(cnt * ny, sizeof *Y);
    double *D = ck_alloc(cnt * ny, sizeof *D), *G = ck_alloc(cnt * ny, sizeof *G);
    double *F = ck_alloc(cnt, sizeof *F);
    int rc;
    for (t = 0; t < cnt; t++) {
        k = list[t];
        memcpy(X + t * nx, p->x + q->idx[k] * nx, nx * sizeof *X);
        memcpy(Y + t * ny, q->y + k * ny, ny * sizeof *Y);
        memcpy(D + t * ny, kind == PHI_PROJ ? q->u + k * ny : q->d + k * ny, ny * sizeof *D);
    }
    p->err[0] = 0;
    if (kind == PHI_VALUE) rc = p->d->value_grad(p->inst, cnt, X, Y, F, G, p->err, sizeof p->err);
    else if (kind == PHI_GRAD) rc = p->d->hvp(p->inst, cnt, X, Y, D, G, p->err, sizeof p->err);
    else rc = p->d->project_vjp(p->inst, cnt, X, Y, D, G, p->err, sizeof p->err);
    for (t = 0; t < cnt && !rc; t++) {
        k = list[t];
        if (kind == PHI_VALUE) {
            q->a[k] = ck_dot(G + t * ny, q->d + k * ny, ny);
            q->scale[k] = ck_norm(G + t * ny, ny);
        } else if (kind == PHI_GRAD) { /* u'Hd */
            q->a[k] = ck_dot(G + t * ny, q->u + k * ny, ny);
            q->scale[k] = ck_norm(G + t * ny, ny) * ck_norm(q->u + k * ny, ny);
        } else { /* d' J'u */
            q->a[k] = ck_dot(G + t * ny, q->d + k * ny, ny);
            q->scale[k] = ck_norm(G + t * ny, ny);
        }
    }
    free(X);
    free(Y);
    free(D);
    free(G);
    free(F);
    return rc;
}

/* phi at the six offsets of every pending probe, in one batched call. */
static int probes_phi(pb *p, probes *q, int kind, const size_t *list, size_t cnt, double *phi)
{
    size_t ny = p->ny, nx = p->nx, rows = cnt * CK_FD_N, t, j, r, k;
    double *X = ck_alloc(rows * nx, sizeof *X), *Y = ck_alloc(rows * ny, sizeof *Y);
    double *F = ck_alloc(rows, sizeof *F), *G = ck_alloc(rows * ny, sizeof *G);
    int rc;
    for (t = 0; t < cnt; t++) {
        k = list[t];
        for (j = 0; j < CK_FD_N; j++) {
            r = t * CK_FD_N + j;
            memcpy(X + r * nx, p->x + q->idx[k] * nx, nx * sizeof *X);
            for (size_t e = 0; e < ny; e++)
                Y[r * ny + e] = q->y[k * ny + e] + CK_FD_OFF[j] * q->h[k] * q->d[k * ny + e];
        }
    }
    p->err[0] = 0;
    if (kind == PHI_VALUE) rc = p->d->value(p->inst, rows, X, Y, F, p->err, sizeof p->err);
    else if (kind == PHI_GRAD) rc = p->d->value_grad(p->inst, rows, X, Y, F, G, p->err, sizeof p->err);
    else rc = p->d->project(p->inst, rows, X, Y, p->err, sizeof p->err);
    for (t = 0; t < cnt && !rc; t++)
        for (j = 0; j < CK_FD_N; j++) {
            r = t * CK_FD_N + j;
            k = list[t];
            phi[r] = kind == PHI_VALUE ? F[r]
                     : kind == PHI_GRAD ? ck_dot(q->u + k * ny, G + r * ny, ny)
                                        : ck_dot(q->u + k * ny, Y + r * ny, ny);
        }
    free(X);
    free(Y);
    free(F);
    free(G);
    return rc;
}

/* Judge every probe, redrawing the points of those that land near a kink
 * (at most REDRAWS times, each time with a 10 times smaller step, as kinks
 * may be dense), and report the check. */
static void run_probes(pb *p, probes *q, int kind, const char *name, const char *aname,
                       const char *fdname)
{
    ck *c = p->c;
    size_t ny = p->ny, k, cnt, round, redrawn = 0, rough = 0, bad = 0;
    size_t *list = ck_alloc(q->m, sizeof *list);
    double *phi = ck_alloc(q->m * CK_FD_N, sizeof *phi), worst = 0;
    char b[512];
    int failed_call = 0;

    ck_begin(c, name);
    memset(q->todo, 1, q->m);
    for (round = 0; round <= REDRAWS; round++) {
        for (cnt = 0, k = 0; k < q->m; k++)
            if (q->todo[k]) list[cnt++] = k;
        if (!cnt) break;
        if (probes_analytic(p, q, kind, list, cnt) || probes_phi(p, q, kind, list, cnt, phi)) {
            ck_diag(c, "a call failed: %s", ws(p));
            failed_call = 1;
            break;
        }
        for (size_t t = 0; t < cnt; t++) {
            k = list[t];
            ck_fd_judge(&q->r[k], q->a[k], phi + t * CK_FD_N, q->h[k], TOL_FD, q->scale[k]);
            q->todo[k] = !q->r[k].smooth && round < REDRAWS;
            if (q->todo[k]) {
                redrawn++;
                if (probe_point(p, q, k, pow(0.1, (double)(round + 1)))) {
                    ck_diag(c, "project failed: %s", ws(p));
                    failed_call = 1;
                }
            }
        }
        if (failed_call) break;
    }
    for (k = 0; k < q->m && !failed_call; k++) {
        ck_fd *r = &q->r[k];
        size_t i = q->idx[k];
        if (!r->smooth) {
            rough++;
            continue;
        }
        if (r->allowed > 0) worst = fmax(worst, r->err / r->allowed);
        if (!r->ok) {
            bad++;
            ck_diag(c, "instance %zu, x = %s, y = %s, direction %s: %s %.10g, %s %.10g "
                       "(step %.3g): error %.3g > allowed %.3g",
                    i, ck_vec(b, 128, p->x + i * p->nx, p->nx), ck_vec(b + 128, 128, q->y + k * ny, ny),
                    ck_vec(b + 256, 128, q->d + k * ny, ny), aname, r->a, fdname, r->fd, q->h[k],
                    r->err, r->allowed);
        }
    }
    if (rough * 4 > q->m) {
        ck_diag(c, "%zu of %zu probes stayed near a kink or jump after %d redraws: f is not "
                   "smooth at the finite-difference scale",
                rough, q->m, REDRAWS);
    }
    ck_note(c, "(%zu probes, %zu redrawn near kinks; worst error %.2g of allowed, rtol %g)", q->m,
            redrawn, worst, TOL_FD);
    ck_end(c, !failed_call && !bad && rough * 4 <= q->m);
    free(list);
    free(phi);
}

/* Probes: two random unit directions per instance, then coordinate
 * directions (e_k for k < min(ny, 64), instance k mod n).  With weights u
 * (random unit) for PHI_GRAD and PHI_PROJ. */
static int make_probes(pb *p, probes *q)
{
    size_t n = p->n, ny = p->ny, nc = ny < 64 ? ny : 64, m = 2 * n + nc, k;
    probes_alloc(q, m, ny);
    for (k = 0; k < m; k++) {
        q->idx[k] = k < 2 * n ? k / 2 : (k - 2 * n) % n;
        if (k < 2 * n) ck_unit(&p->rng, q->d + k * ny, ny);
        else q->d[k * ny + (k - 2 * n)] = 1.0;
        ck_unit(&p->rng, q->u + k * ny, ny);
        if (probe_point(p, q, k, 1.0)) return -1;
    }
    return 0;
}

static void check_derivatives(pb *p)
{
    probes q;
    if (!p->d->value_grad) {
        ck_skip(p->c, "gradient matches finite differences of value", "no value_grad");
    } else {
        if (make_probes(p, &q)) ck_report(p->c, "gradient matches finite differences of value", 0, "project failed: %s", ws(p));
        else run_probes(p, &q, PHI_VALUE, "gradient matches finite differences of value",
                        "g.d", "finite differences");
        probes_free(&q);
    }
    if (!p->d->hvp) {
        ck_skip(p->c, "hvp matches finite differences of value_grad",
                "%s", p->d->value_grad ? "no hvp (the host uses finite differences of gradients)" : "no hvp");
        ck_skip(p->c, "hvp symmetric", "no hvp");
        return;
    }
    if (!p->d->value_grad) {
        ck_report(p->c, "hvp matches finite differences of value_grad", 0,
                  "hvp is given without value_grad");
        return;
    }
    if (make_probes(p, &q)) ck_report(p->c, "hvp matches finite differences of value_grad", 0, "project failed: %s", ws(p));
    else run_probes(p, &q, PHI_GRAD, "hvp matches finite differences of value_grad", "u'Hv",
                    "finite differences of u'g");
    probes_free(&q);

    { /* u'Hv = v'Hu */
        ck *c = p->c;
        size_t n = p->n, ny = p->ny, m = n * ny, i;
        double *y = ck_alloc(m, sizeof *y), *u = ck_alloc(m, sizeof *u), *v = ck_alloc(m, sizeof *v);
        double *hu = ck_alloc(m, sizeof *hu), *hv = ck_alloc(m, sizeof *hv), worst = 0;
        int ok = 1;
        char b[256];
        ck_begin(c, "hvp symmetric");
        random_points(p, p->base, 1.0, y);
        ck_normal(&p->rng, u, m);
        ck_normal(&p->rng, v, m);
        p->err[0] = 0;
        if (p->d->hvp(p->inst, n, p->x, y, u, hu, p->err, sizeof p->err) ||
            p->d->hvp(p->inst, n, p->x, y, v, hv, p->err, sizeof p->err)) {
            ok = 0;
            ck_diag(c, "hvp failed: %s", ws(p));
        }
        for (i = 0; i < n && ok; i++) {
            double a = ck_dot(u + i * ny, hv + i * ny, ny), b2 = ck_dot(v + i * ny, hu + i * ny, ny);
            double tol = TOL_SAME * 100 * (ck_norm(u + i * ny, ny) * ck_norm(hv + i * ny, ny) +
                                           ck_norm(v + i * ny, ny) * ck_norm(hu + i * ny, ny));
            if (tol > 0) worst = fmax(worst, fabs(a - b2) / tol);
            if (!(fabs(a - b2) <= tol)) {
                ok = 0;
                ck_diag(c, "instance %zu, y = %s: u'Hv = %.12g but v'Hu = %.12g (allowed difference %.3g)",
                        i, ck_vec(b, sizeof b, y + i * ny, ny), a, b2, tol);
            }
        }
        ck_note(c, "(n = %zu pairs; worst %.2g of allowed, rtol %g)", n, worst, TOL_SAME * 100);
        ck_end(c, ok);
        free(y);
        free(u);
        free(v);
        free(hu);
        free(hv);
    }
}

/* ------------------------------------------------------------------------ */
/* Projection                                                               */

#define NEAR_K 12

static void check_projection(pb *p)
{
    ck *c = p->c;
    size_t n = p->n, ny = p->ny, m = n * ny, i, j, k;
    double *z, *pz, *ppz, worst = 0;
    int ok = 1;
    char b[512];
    if (!p->d->project) {
        ck_skip(c, "project: idempotent", "no projection (unconstrained)");
        ck_skip(c, "project: nearest feasible point", "no projection");
        ck_skip(c, "project_vjp matches finite differences of project", "no projection");
        return;
    }
    z = ck_alloc(NEAR_K * m, sizeof *z);
    pz = ck_alloc(NEAR_K * m, sizeof *pz);
    ppz = ck_alloc(NEAR_K * m, sizeof *ppz);
    /* NEAR_K random points per instance, instance-major blocks of n rows */
    {
        double *X = ck_alloc(NEAR_K * n * p->nx, sizeof *X);
        for (k = 0; k < NEAR_K; k++) {
            memcpy(X + k * n * p->nx, p->x, n * p->nx * sizeof *X);
            for (i = 0; i < n; i++) {
                double s = (k % 2 ? 3.0 : 1.0) * fmax(1.0, ck_maxabs(p->base + i * ny, ny));
                for (j = 0; j < ny; j++)
                    z[(k * n + i) * ny + j] = p->base[i * ny + j] + s * amor_rng_normal(&p->rng);
            }
        }
        memcpy(pz, z, NEAR_K * m * sizeof *pz);
        p->err[0] = 0;
        if (p->d->project(p->inst, NEAR_K * n, X, pz, p->err, sizeof p->err)) {
            ok = 0;
        } else {
            memcpy(ppz, pz, NEAR_K * m * sizeof *ppz);
            if (p->d->project(p->inst, NEAR_K * n, X, ppz, p->err, sizeof p->err)) ok = 0;
        }
        free(X);
    }
    ck_begin(c, "project: idempotent");
    if (!ok) ck_diag(c, "project failed: %s", ws(p));
    for (k = 0; k < NEAR_K * n && ok; k++) {
        long e = ck_mismatch(pz + k * ny, ppz + k * ny, ny, TOL_SAME);
        if (!ck_all_finite(pz + k * ny, ny)) {
            ok = 0;
            ck_diag(c, "P(y) not finite for y = %s", ck_vec(b, 256, z + k * ny, ny));
        } else if (e >= 0) {
            ok = 0;
            ck_diag(c, "instance %zu, y = %s: P(y) = %s but P(P(y)) = %s (relative tolerance %g)",
                    k % n, ck_vec(b, 128, z + k * ny, ny), ck_vec(b + 128, 128, pz + k * ny, ny),
                    ck_vec(b + 256, 128, ppz + k * ny, ny), TOL_SAME);
        }
    }
    ck_note(c, "(%zu points; P(P(y)) = P(y), relative tolerance %g)", NEAR_K * n, TOL_SAME);
    if (!ck_end(c, ok)) {
        ck_skip(c, "project: nearest feasible point", "projection not idempotent");
    } else {
        /* |z - P(z)| <= |z - P(z')| for the other feasible points P(z') of the
         * same context: a metric projection picks the nearest point */
        ck_begin(c, "project: nearest feasible point");
        for (i = 0; i < n; i++)
            for (k = 0; k < NEAR_K; k++) {
                const double *zk = z + (k * n + i) * ny, *pk = pz + (k * n + i) * ny;
                double dk = 0, tol;
                for (j = 0; j < ny; j++) dk += (zk[j] - pk[j]) * (zk[j] - pk[j]);
                dk = sqrt(dk);
                tol = TOL_SAME * (1 + ck_norm(zk, ny));
                for (size_t l = 0; l < NEAR_K; l++) {
                    const double *pl = pz + (l * n + i) * ny;
                    double dl = 0;
                    for (j = 0; j < ny; j++) dl += (zk[j] - pl[j]) * (zk[j] - pl[j]);
                    dl = sqrt(dl);
                    if (!(dk <= dl + tol)) {
                        ok = 0;
                        ck_diag(c, "instance %zu, y = %s: |y - P(y)| = %.10g but the feasible "
                                   "point %s is closer (%.10g)",
                                i, ck_vec(b, 256, zk, ny), dk, ck_vec(b + 256, 256, pl, ny), dl);
                    }
                }
                if (p->ys) {
                    const double *yi = p->ys + i * ny;
                    double dl = 0;
                    for (j = 0; j < ny; j++) dl += (zk[j] - yi[j]) * (zk[j] - yi[j]);
                    dl = sqrt(dl);
                    if (!(dk <= dl + tol)) {
                        ok = 0;
                        ck_diag(c, "instance %zu, y = %s: |y - P(y)| = %.10g but y* = %s is "
                                   "closer (%.10g)",
                                i, ck_vec(b, 256, zk, ny), dk, ck_vec(b + 256, 256, yi, ny), dl);
                    }
                }
            }
        ck_note(c, "(%d points per context, each against the others%s)", NEAR_K,
                p->ys ? " and y*" : "");
        ck_end(c, ok);
    }
    free(z);
    free(pz);
    free(ppz);
    if (!p->d->project_vjp) {
        ck_skip(c, "project_vjp matches finite differences of project", "no project_vjp");
        return;
    }
    {
        probes q;
        /* the vjp is taken at unprojected points: probe from raw ones */
        size_t nc = ny < 64 ? ny : 64, mm = 2 * n + nc;
        probes_alloc(&q, mm, ny);
        for (k = 0; k < mm; k++) {
            q.idx[k] = k < 2 * n ? k / 2 : (k - 2 * n) % n;
            if (k < 2 * n) ck_unit(&p->rng, q.d + k * ny, ny);
            else q.d[k * ny + (k - 2 * n)] = 1.0;
            ck_unit(&p->rng, q.u + k * ny, ny);
            probe_point(p, &q, k, 1.0);
            for (j = 0; j < ny; j++) q.y[k * ny + j] += 0.5 * amor_rng_normal(&p->rng);
            q.h[k] = ck_fd_step(q.y + k * ny, ny);
        }
        (void)worst;
        run_probes(p, &q, PHI_PROJ, "project_vjp matches finite differences of project",
                   "d'J'u", "finite differences of u'P");
        probes_free(&q);
    }
}

/* ------------------------------------------------------------------------ */
/* The reference solver                                                     */

#define STAT_RANDOM 8   /* random directions besides the coordinate ones */
#define STAT_COORDS 32  /* coordinate directions +-e_k, k < min(ny, 32) */
#define BEST_POINTS 64  /* random points per context */

static void check_solver(pb *p)
{
    ck *c = p->c;
    size_t n = p->n, ny = p->ny, nx = p->nx, i, j, k;
    size_t nc = ny < STAT_COORDS ? ny : STAT_COORDS, nd = 2 * nc + 2 * STAT_RANDOM;
    double *fs, *f0, *X, *Y, *F, *g = NULL;
    int ok = 1, rc;
    char b[512];
    if (!p->ys) {
        ck_skip(c, "solve: no descent direction at y*", "%s",
                p->d->solve ? "solve failed above" : "no reference solver");
        ck_skip(c, "solve: no random point is better than y*", "%s",
                p->d->solve ? "solve failed above" : "no reference solver");
        return;
    }
    fs = ck_alloc(n, sizeof *fs);
    f0 = ck_alloc(n, sizeof *f0);
    X = ck_alloc(n * (nd > BEST_POINTS ? nd : BEST_POINTS) * nx, sizeof *X);
    Y = ck_alloc(n * (nd > BEST_POINTS ? nd : BEST_POINTS) * ny, sizeof *Y);
    F = ck_alloc(n * (nd > BEST_POINTS ? nd : BEST_POINTS), sizeof *F);
    p->err[0] = 0;
    rc = p->d->value(p->inst, n, p->x, p->ys, fs, p->err, sizeof p->err) ||
         p->d->value(p->inst, n, p->x, p->y0, f0, p->err, sizeof p->err);

    /* Stationarity as "no descent direction": for unit d among +-e_k and
     * random directions, the decrease rate (f(y*) - f(y')) / |y' - y*| with
     * y' = P(y* + h d), h = 1e-4 max(1, |y*|_inf), is at most
     * TOL_STATIONARY * scale.  For smooth f this bounds the (projected)
     * gradient's entries; unlike |grad f(y*)| it also holds at kinks (lasso's
     * zero coordinates, where the gradient is not small but every direction
     * goes up). */
    ck_begin(c, "solve: no descent direction at y*");
    if (rc) {
        ok = 0;
        ck_diag(c, "value failed: %s", ws(p));
    } else {
        double *dirs = ck_alloc(nd * ny, sizeof *dirs), worst = 0;
        for (k = 0; k < nc; k++) {
            dirs[(2 * k) * ny + k] = 1.0;
            dirs[(2 * k + 1) * ny + k] = -1.0;
        }
        for (k = 2 * nc; k < nd; k += 2) {
            ck_unit(&p->rng, dirs + k * ny, ny);
            for (j = 0; j < ny; j++) dirs[(k + 1) * ny + j] = -dirs[k * ny + j];
        }
        for (i = 0; i < n; i++) {
            const double *yi = p->ys + i * ny;
            double h = 1e-4 * fmax(1.0, ck_maxabs(yi, ny));
            for (k = 0; k < nd; k++) {
                memcpy(X + (i * nd + k) * nx, p->x + i * nx, nx * sizeof *X);
                for (j = 0; j < ny; j++) Y[(i * nd + k) * ny + j] = yi[j] + h * dirs[k * ny + j];
            }
        }
        p->err[0] = 0;
        if ((p->d->project && p->d->project(p->inst, n * nd, X, Y, p->err, sizeof p->err)) ||
            p->d->value(p->inst, n * nd, X, Y, F, p->err, sizeof p->err)) {
            ok = 0;
            ck_diag(c, "value/project failed: %s", ws(p));
        }
        if (ok && p->d->value_grad) {
            double *f1 = ck_alloc(n, sizeof *f1);
            g = ck_alloc(n * ny, sizeof *g);
            if (p->d->value_grad(p->inst, n, p->x, p->ys, f1, g, p->err, sizeof p->err)) {
                free(g);
                g = NULL;
            }
            free(f1);
        }
        for (i = 0; i < n && ok; i++) {
            const double *yi = p->ys + i * ny;
            double dist0 = 0, scale, tol, rate_max = -INFINITY;
            size_t kmax = 0;
            for (j = 0; j < ny; j++) dist0 += (p->y0[i * ny + j] - yi[j]) * (p->y0[i * ny + j] - yi[j]);
            dist0 = sqrt(dist0);
            scale = fmax(1.0, fabs(fs[i]));
            if (dist0 > 0) scale = fmax(scale, fabs(f0[i] - fs[i]) / dist0);
            tol = TOL_STATIONARY * scale;
            for (k = 0; k < nd; k++) {
                const double *yk = Y + (i * nd + k) * ny;
                double step = 0, rate;
                for (j = 0; j < ny; j++) step += (yk[j] - yi[j]) * (yk[j] - yi[j]);
                step = sqrt(step);
                if (!(step > 0)) continue; /* the projection undid the step */
                rate = (fs[i] - F[i * nd + k]) / step;
                if (!(rate <= rate_max)) rate_max = rate, kmax = k;
            }
            if (tol > 0 && isfinite(rate_max)) worst = fmax(worst, rate_max / tol);
            if (!(rate_max <= tol)) {
                ok = 0;
                ck_diag(c, "instance %zu, x = %s, y* = %s: f decreases at rate %.4g along %s "
                           "(f(y*) = %.12g), allowed %.3g%s%s",
                        i, ck_vec(b, 128, p->x + i * nx, nx), ck_vec(b + 128, 128, yi, ny), rate_max,
                        kmax < 2 * nc ? (kmax % 2 ? "-e_k" : "+e_k") : "a random direction",
                        fs[i], tol, g ? "; gradient at y* " : "",
                        g ? ck_vec(b + 256, 256, g + i * ny, ny) : "");
                if (kmax < 2 * nc) ck_diag(c, "  (k = %zu)", kmax / 2);
            }
        }
        ck_note(c, "(%zu directions per context; worst rate %.2g of allowed, tolerance %g x "
                   "max(1, |f(y*)|, slope from the initial point))",
                nd, worst, TOL_STATIONARY);
        free(dirs);
    }
    ck_end(c, ok);
    free(g);

    /* f(y*) <= min over random points + TOL_BEST max(1, |f(y*)|); points
     * P(y* + s N(0, I)) with s cycling through 1e-3 .. 3 times max(1,
     * |y*|_inf), and P(y0 + N(0, I)). */
    ok = !rc;
    ck_begin(c, "solve: no random point is better than y*");
    if (rc) {
        ck_diag(c, "value failed: %s", ws(p));
    } else {
        static const double sig[5] = {1e-3, 1e-2, 0.1, 1.0, 3.0};
        for (i = 0; i < n; i++) {
            const double *yi = p->ys + i * ny;
            for (k = 0; k < BEST_POINTS; k++) {
                const double *c0 = k % 6 == 5 ? p->y0 + i * ny : yi;
                double s = (k % 6 == 5 ? 1.0 : sig[k % 6]) * fmax(1.0, ck_maxabs(c0, ny));
                memcpy(X + (i * BEST_POINTS + k) * nx, p->x + i * nx, nx * sizeof *X);
                for (j = 0; j < ny; j++)
                    Y[(i * BEST_POINTS + k) * ny + j] = c0[j] + s * amor_rng_normal(&p->rng);
            }
        }
        p->err[0] = 0;
        if ((p->d->project && p->d->project(p->inst, n * BEST_POINTS, X, Y, p->err, sizeof p->err)) ||
            p->d->value(p->inst, n * BEST_POINTS, X, Y, F, p->err, sizeof p->err)) {
            ok = 0;
            ck_diag(c, "value/project failed: %s", ws(p));
        }
        for (i = 0; i < n && ok; i++) {
            size_t best = 0;
            double tol = TOL_BEST * fmax(1.0, fabs(fs[i]));
            for (k = 1; k < BEST_POINTS; k++)
                if (F[i * BEST_POINTS + k] < F[i * BEST_POINTS + best]) best = k;
            if (!(fs[i] <= F[i * BEST_POINTS + best] + tol)) {
                ok = 0;
                ck_diag(c, "instance %zu, x = %s: f(y*) = %.12g at y* = %s, but f = %.12g at %s "
                           "(allowed excess %.3g)",
                        i, ck_vec(b, 128, p->x + i * nx, nx), fs[i],
                        ck_vec(b + 128, 128, p->ys + i * ny, ny), F[i * BEST_POINTS + best],
                        ck_vec(b + 256, 256, Y + (i * BEST_POINTS + best) * ny, ny), tol);
            }
        }
        ck_note(c, "(%d random points per context, from 1e-3 to 3 around y* and around the "
                   "initial point)",
                BEST_POINTS);
    }
    ck_end(c, ok);
    free(fs);
    free(f0);
    free(X);
    free(Y);
    free(F);
}

/* ------------------------------------------------------------------------ */
/* Dictionary and aux                                                       */

static void check_dictionary(pb *p)
{
    ck *c = p->c;
    size_t n = p->n, nx = p->nx, ny = p->ny, i, j, k;
    double *D, lambda = NAN, *y, *f;
    int ok = 1;
    char b[256];
    if (!p->d->dictionary) {
        ck_skip(c, "dictionary: f = 1/2 |x - D y|^2 + lambda |y|_1", "no dictionary");
        return;
    }
    ck_begin(c, "dictionary: f = 1/2 |x - D y|^2 + lambda |y|_1");
    D = ck_guarded(nx * ny);
    y = ck_alloc(n * ny, sizeof *y);
    f = ck_alloc(n, sizeof *f);
    p->err[0] = 0;
    if (p->d->dictionary(p->inst, D, &lambda, p->err, sizeof p->err)) {
        ok = 0;
        ck_diag(c, "dictionary failed: %s", ws(p));
    } else if (!ck_all_finite(D, nx * ny) || !ck_guard_intact(D, nx * ny) ||
               !(lambda >= 0 && isfinite(lambda))) {
        ok = 0;
        ck_diag(c, "D (nx x ny) not finite or written past nx x ny entries, or lambda = %g < 0",
                lambda);
    } else {
        random_points(p, p->base, 1.0, y);
        if (p->d->value(p->inst, n, p->x, y, f, p->err, sizeof p->err)) {
            ok = 0;
            ck_diag(c, "value failed: %s", ws(p));
        }
        for (i = 0; i < n && ok; i++) {
            double r2 = 0, l1 = 0, want;
            for (j = 0; j < nx; j++) {
                double e = p->x[i * nx + j];
                for (k = 0; k < ny; k++) e -= D[j * ny + k] * y[i * ny + k];
                r2 += e * e;
            }
            for (k = 0; k < ny; k++) l1 += fabs(y[i * ny + k]);
            want = 0.5 * r2 + lambda * l1;
            if (!(fabs(f[i] - want) <= TOL_SAME * (1 + fabs(want)))) {
                ok = 0;
                ck_diag(c, "instance %zu, y = %s: value gives %.12g, the dictionary form %.12g",
                        i, ck_vec(b, sizeof b, y + i * ny, ny), f[i], want);
            }
        }
    }
    ck_note(c, "(relative tolerance %g)", TOL_SAME);
    ck_end(c, ok);
    free(D);
    free(y);
    free(f);
}

static void check_aux(pb *p)
{
    ck *c = p->c;
    size_t aw, n = p->n;
    double *out, *y;
    int ok = 1;
    if (!p->d->aux) {
        ck_skip(c, "aux: finite, shaped n x aux_dim", "no aux");
        return;
    }
    ck_begin(c, "aux: finite, shaped n x aux_dim");
    aw = p->d->aux_dim(p->inst);
    ck_note(c, "(aux_dim %zu)", aw);
    if (!aw || aw > ((size_t)1 << 28)) {
        ck_diag(c, "aux_dim is %zu", aw);
        ck_end(c, 0);
        return;
    }
    out = ck_guarded(n * aw);
    y = ck_alloc(n * p->ny, sizeof *y);
    random_points(p, p->base, 1.0, y);
    p->err[0] = 0;
    if (p->d->aux(p->inst, n, p->x, y, out, p->err, sizeof p->err)) {
        ok = 0;
        ck_diag(c, "aux failed: %s", ws(p));
    } else {
        if (!ck_all_finite(out, n * aw)) ok = 0, ck_diag(c, "non-finite aux output");
        if (!ck_guard_intact(out, n * aw)) ok = 0, ck_diag(c, "aux wrote past n x aux_dim entries");
    }
    ck_end(c, ok);
    free(out);
    free(y);
}

/* ------------------------------------------------------------------------ */
/* Leaks and the whole                                                      */

typedef struct leak_ctx {
    pb *p;
    double *x, *y, *f; /* preallocated: (n, nx), (n, ny) zeros, (n) */
} leak_ctx;

/* create, sample n, one value call, destroy */
static int leak_cycle(void *ctx, char *err, size_t errlen)
{
    leak_ctx *l = ctx;
    pb *p = l->p;
    void *inst = NULL;
    amor_rng r;
    int rc;
    size_t nx, ny;
    if ((rc = p->d->create(p->c->ps.values, &inst, err, errlen))) return rc;
    p->d->dims(inst, &nx, &ny);
    amor_rng_seed(&r, 7);
    if (nx != p->nx || ny != p->ny) rc = amor_errorf(err, errlen, AMOR_EINVAL, "dims changed between instances");
    if (!rc) rc = p->d->sample(inst, &r, p->n, l->x, err, errlen);
    if (!rc) rc = p->d->value(inst, p->n, l->x, l->y, l->f, err, errlen);
    p->d->destroy(inst);
    return rc;
}

void check_problem(ck *c)
{
    pb P;
    size_t m;
    memset(&P, 0, sizeof P);
    P.c = c;
    P.d = (const amor_problem_desc *)c->h;
    P.n = c->o->batch;
    amor_rng_seed(&P.rng, c->o->seed);

    ck_begin(c, "create");
    P.err[0] = 0;
    if (P.d->create(c->ps.values, &P.inst, P.err, sizeof P.err)) {
        ck_diag(c, "create failed: %s", ws(&P));
        ck_end(c, 0);
        return;
    }
    ck_end(c, 1);

    P.d->dims(P.inst, &P.nx, &P.ny);
    ck_begin(c, "dims: nx >= 1, ny >= 1");
    ck_note(c, "(nx = %zu, ny = %zu)", P.nx, P.ny);
    if (!ck_end(c, P.nx >= 1 && P.ny >= 1 && P.nx < ((size_t)1 << 26) && P.ny < ((size_t)1 << 26)))
        goto out;

    m = P.n * P.ny;
    P.x = ck_guarded(P.n * P.nx);
    P.y0 = ck_guarded(m);
    memset(P.y0, 0, m * sizeof *P.y0);
    if (!check_sample(&P)) goto out;
    check_initial(&P);
    check_solve(&P);
    P.base = P.ys ? P.ys : P.y0;
    check_values(&P);
    check_batched(&P);
    check_derivatives(&P);
    check_projection(&P);
    check_solver(&P);
    check_dictionary(&P);
    check_aux(&P);
    P.d->destroy(P.inst);
    P.inst = NULL;
    {
        leak_ctx l = {&P, ck_alloc(P.n * P.nx, sizeof(double)), ck_alloc(m, sizeof(double)),
                      ck_alloc(P.n, sizeof(double))};
        ck_leaks(c, leak_cycle, &l);
        free(l.x);
        free(l.y);
        free(l.f);
    }
out:
    if (P.inst) P.d->destroy(P.inst);
    free(P.x);
    free(P.y0);
    free(P.ys);
}
