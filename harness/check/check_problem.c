/*
 * check_problem.c -- `amor check` for problem plugins: sampling, the initial
 * point and reference solutions, values, batching and inputs, the dictionary
 * and aux capabilities, create/destroy leaks; the local checks (derivatives
 * against finite differences, projection, the solver's optimality) are in
 * check_local.c.  Tolerances are stated at each check and in docs/plugins.md
 * ("amor check PLUGIN").
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_int.h"

#define TOL_SAME CK_TOL_SAME
/* ... for an iterative reference solver: its stopping test may trip one
 * iteration earlier or later, and a line search that stops when f no longer
 * decreases in floating point fixes y* only to about sqrt(eps) relative
 * (control_mpc's Newton: 1e-7).  Rows that interfere are off by far more. */
#define TOL_SAME_SOLVE 1e-6

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
        ck_diag(c, "sample(n = %zu) failed: %s", p->n, pb_err(p));
        ck_end(c, 0);
        free(x2);
        return 0;
    }
    rc2 = p->d->sample(p->inst, &r2, p->n, x2, p->err, sizeof p->err);
    if (rc2 || memcmp(p->x, x2, m * sizeof *x2)) {
        long k = ck_mismatch(p->x, x2, m, 0);
        ok = 0;
        if (rc2) ck_diag(c, "second call failed: %s", pb_err(p));
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
        ck_diag(c, "initial failed: %s", pb_err(p));
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
        ck_diag(c, "solve failed: %s", pb_err(p));
        ok = 0;
    } else {
        if (!ck_all_finite(p->ys, m)) ok = 0, ck_diag(c, "non-finite y*: %s", ck_vec(b, sizeof b, p->ys, m));
        if (!ck_guard_intact(p->ys, m)) ok = 0, ck_diag(c, "solve wrote past n x ny entries");
        if (memcmp(p->ys, y2, m * sizeof *y2)) ok = 0, ck_diag(c, "two calls differ");
        memcpy(py, p->ys, m * sizeof *py);
        if (ok && p->d->project) {
            if (pb_project(p, p->n, p->x, py)) {
                ok = 0;
                ck_diag(c, "project(y*) failed: %s", pb_err(p));
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
        if (pb_random_points(p, p->base, sig[s - 2], sets + s * m)) return -1;
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
    ck_note(c, "(initial points, %srandom points at three scales around %s)",
            p->ys ? "y*, " : "", p->ys ? "y*" : "the initial points");
    if (value_points(p, sets)) {
        ok = 0;
        ck_diag(c, "project failed: %s", pb_err(p));
    }
    for (s = 0; s < NSETS && ok; s++) {
        const double *y = sets + s * m;
        if (s == 1 && !p->ys) continue; /* no y* */
        p->err[0] = 0;
        if (p->d->value(p->inst, n, p->x, y, f + s * n, p->err, sizeof p->err)) {
            ok = 0;
            ck_diag(c, "value at %s failed: %s", SET_NAME[s], pb_err(p));
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
            if (s == 1 && !p->ys) continue;
            p->err[0] = 0;
            if (p->d->value_grad(p->inst, n, p->x, y, f2, g, p->err, sizeof p->err)) {
                ok = 0;
                ck_diag(c, "value_grad at %s failed: %s", SET_NAME[s], pb_err(p));
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
    pb_random_points(p, p->base, 1.0, y);
    ck_normal(&p->rng, v, m);
    memcpy(xc, p->x, n * nx * sizeof *xc);
    memcpy(yc, y, m * sizeof *yc);
    memcpy(vc, v, m * sizeof *vc);
#define CALL(expr, name)                                                      \
    do {                                                                      \
        p->err[0] = 0;                                                        \
        if ((rc = (expr))) {                                                  \
            q.ok = 0;                                                         \
            ck_diag(c, "%s failed: %s", name, pb_err(p));                         \
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
/* Dictionary and aux                                                       */

static void check_dictionary(pb *p)
{
    ck *c = p->c;
    size_t n = p->n, nx = p->nx, ny = p->ny, i, j, k;
    size_t m = p->d->nx_model ? p->d->nx_model(p->inst) : 0; /* D's rows */
    double *D, lambda = NAN, *y, *f;
    int ok = 1;
    char b[256];
    if (m == 0 || m > nx) m = nx;
    if (!p->d->dictionary) {
        ck_skip(c, "dictionary: f = 1/2 |x - D y|^2 + lambda |y|_1", "no dictionary");
        return;
    }
    ck_begin(c, "dictionary: f = 1/2 |x - D y|^2 + lambda |y|_1");
    D = ck_guarded(m * ny);
    y = ck_alloc(n * ny, sizeof *y);
    f = ck_alloc(n, sizeof *f);
    p->err[0] = 0;
    if (p->d->dictionary(p->inst, D, &lambda, p->err, sizeof p->err)) {
        ok = 0;
        ck_diag(c, "dictionary failed: %s", pb_err(p));
    } else if (!ck_all_finite(D, m * ny) || !ck_guard_intact(D, m * ny) ||
               !(lambda >= 0 && isfinite(lambda))) {
        ok = 0;
        ck_diag(c, "D (nx_model x ny) not finite or written past %zu x %zu entries, or "
                "lambda = %g < 0", m, ny, lambda);
    } else {
        pb_random_points(p, p->base, 1.0, y);
        if (p->d->value(p->inst, n, p->x, y, f, p->err, sizeof p->err)) {
            ok = 0;
            ck_diag(c, "value failed: %s", pb_err(p));
        }
        for (i = 0; i < n && ok; i++) {
            double r2 = 0, l1 = 0, want;
            for (j = 0; j < m; j++) {
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
    pb_random_points(p, p->base, 1.0, y);
    p->err[0] = 0;
    if (p->d->aux(p->inst, n, p->x, y, out, p->err, sizeof p->err)) {
        ok = 0;
        ck_diag(c, "aux failed: %s", pb_err(p));
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
        ck_diag(c, "create failed: %s", pb_err(&P));
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
    pb_check_derivatives(&P);
    pb_check_projection(&P);
    pb_check_solver(&P);
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
