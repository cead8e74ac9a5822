/*
 * check_problem.c -- `amor check` for problem plugins: sampling (and the
 * splits), nx_model, the initial point and reference solutions, values of
 * both objectives, batching and inputs, the dictionary and aux capabilities,
 * create/destroy leaks; the local checks (derivatives against finite
 * differences, projection, the reference solver's optimality) are in
 * check_local.c, the problem's own iterative solver in check_iter.c.  Tolerances are stated at each check and in docs/plugins.md
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

static const char *split_name(uint32_t split)
{
    return split == AMOR_SPLIT_TRAIN ? "train" : "held-out";
}

/* Both splits as check_sample judges sample, and neither writes past or
 * short of n x nx (x holds NaN before the call). */
static void check_split(pb *p)
{
    ck *c = p->c;
    size_t m = p->n * p->nx;
    double *x1, *x2;
    uint32_t split;
    int ok = 1;
    char b[256];
    const char *name = "sample_split: both splits deterministic for a given RNG state, finite, n x nx";
    if (!p->d->sample_split) {
        ck_skip(c, name, "no sample_split (sample serves both splits)");
        return;
    }
    x1 = ck_guarded(m);
    x2 = ck_guarded(m);
    ck_begin(c, name);
    ck_note(c, "(n = %zu, nx = %zu)", p->n, p->nx);
    for (split = AMOR_SPLIT_TRAIN; split <= AMOR_SPLIT_HELDOUT; split++) {
        amor_rng r1, r2;
        size_t k;
        for (k = 0; k < m; k++) x1[k] = x2[k] = NAN;
        amor_rng_seed(&r1, c->o->seed * 1000003u + 29 + split);
        r2 = r1;
        p->err[0] = 0;
        if (p->d->sample_split(p->inst, &r1, split, p->n, x1, p->err, sizeof p->err) ||
            p->d->sample_split(p->inst, &r2, split, p->n, x2, p->err, sizeof p->err)) {
            ok = 0;
            ck_diag(c, "the %s split failed: %s", split_name(split), pb_err(p));
            continue;
        }
        if (!ck_all_finite(x1, m)) {
            ok = 0;
            ck_diag(c, "the %s split: contexts not finite or not all n x nx = %zu entries "
                       "written (x held NaN before the call): %s",
                    split_name(split), m, ck_vec(b, sizeof b, x1, m));
        } else if (memcmp(x1, x2, m * sizeof *x1)) {
            long k2 = ck_mismatch(x1, x2, m, 0);
            ok = 0;
            ck_diag(c, "the %s split: two calls from the same RNG state differ: instance %ld, "
                       "entry %ld: %.17g vs %.17g (draw only from the rng given, keep no mutable "
                       "state)",
                    split_name(split), k2 / (long)p->nx, k2 % (long)p->nx, x1[k2], x2[k2]);
        } else if (memcmp(&r1, &r2, sizeof r1)) {
            ok = 0;
            ck_diag(c, "the %s split: two calls from the same RNG state left the rng in "
                       "different states", split_name(split));
        }
        if (!ck_guard_intact(x1, m) || !ck_guard_intact(x2, m)) {
            ok = 0;
            ck_diag(c, "the %s split wrote past the n x nx = %zu entries of x", split_name(split), m);
        }
    }
    ck_end(c, ok);
    free(x1);
    free(x2);
}

static void check_nx_model(pb *p)
{
    ck *c = p->c;
    size_t v;
    const char *name = "nx_model: at most nx";
    if (!p->d->nx_model) {
        ck_skip(c, name, "no nx_model (models see whole contexts)");
        return;
    }
    v = p->d->nx_model(p->inst);
    ck_begin(c, name);
    ck_note(c, "(nx_model = %zu, nx = %zu%s)", v, p->nx,
            v == 0 || v == p->nx ? ": everything visible" : "");
    if (v > p->nx)
        ck_diag(c, "nx_model is %zu but contexts have nx = %zu entries: models see the first "
                   "nx_model entries (0 or nx when all are visible)", v, p->nx);
    ck_end(c, v <= p->nx);
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

static void check_values(pb *p, const pb_obj *o)
{
    ck *c = p->c;
    size_t n = p->n, ny = p->ny, m = n * ny, s, i;
    double *sets, *f, *f2, *g;
    int ok = 1;
    char b[256], name[128], name2[128];
    snprintf(name, sizeof name, "%s: finite at sampled points", o->value);
    snprintf(name2, sizeof name2, "%s: finite, f agrees with %s", o->value_grad, o->value);
    if (!o->f) {
        ck_skip(c, name, "no validation objective");
        ck_skip(c, name2, "no validation objective");
        return;
    }
    sets = ck_alloc(NSETS * m, sizeof *sets);
    f = ck_guarded(NSETS * n);
    f2 = ck_guarded(n);
    g = ck_guarded(m);
    ck_begin(c, name);
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
        if (o->f(p->inst, n, p->x, y, f + s * n, p->err, sizeof p->err)) {
            ok = 0;
            ck_diag(c, "%s at %s failed: %s", o->value, SET_NAME[s], pb_err(p));
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
        ok = 0, ck_diag(c, "%s wrote past the n = %zu values", o->value, n);
    ck_end(c, ok);

    if (!o->fg) {
        ck_skip(c, name2, "no %s", o->value_grad);
    } else if (!ok) {
        ck_skip(c, name2, "%s failed", o->value);
    } else {
        ck_begin(c, name2);
        ck_note(c, "(the same points; relative tolerance %g)", TOL_SAME);
        for (s = 0; s < NSETS && ok; s++) {
            const double *y = sets + s * m;
            if (s == 1 && !p->ys) continue;
            p->err[0] = 0;
            if (o->fg(p->inst, n, p->x, y, f2, g, p->err, sizeof p->err)) {
                ok = 0;
                ck_diag(c, "%s at %s failed: %s", o->value_grad, SET_NAME[s], pb_err(p));
                break;
            }
            if (!ck_guard_intact(f2, n) || !ck_guard_intact(g, m)) {
                ok = 0;
                ck_diag(c, "%s wrote past n values or n x ny gradient entries", o->value_grad);
            }
            for (i = 0; i < n; i++) {
                double fv = f[s * n + i];
                if (!(fabs(f2[i] - fv) <= TOL_SAME * (1 + fabs(fv)))) {
                    ok = 0;
                    ck_diag(c, "%s's f = %.17g but %s's f = %.17g at %s, instance %zu",
                            o->value_grad, f2[i], o->value, fv, SET_NAME[s], i);
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

/* The state width of the problem's solver when it is usable by the checks
 * (state_dim >= ny and sane; check_iter.c reports otherwise), else 0. */
static size_t solver_width(pb *p)
{
    size_t S;
    if (!oracle_has_solver(p->d)) return 0;
    S = p->d->state_dim(p->inst);
    return S >= p->ny && S < CK_MAX_DIM ? S : 0;
}

typedef struct bat {
    pb *p;
    cmp_ctx *q;
    const double *y, *v, *xc, *yc, *vc; /* inputs and their copies */
    double *b1, *b2, *s1, *s2;          /* (n, w) batch and single results */
    char *calls;                        /* the list of calls compared */
    size_t callslen;
    int rc;
} bat;

#define CALL(B, expr, name)                                                   \
    do {                                                                      \
        (B)->p->err[0] = 0;                                                   \
        if (((B)->rc = (expr))) {                                             \
            (B)->q->ok = 0;                                                   \
            ck_diag((B)->p->c, "%s failed: %s", name, pb_err((B)->p));        \
        }                                                                     \
    } while (0)

static void add_call(bat *B, const char *name)
{
    size_t off = strlen(B->calls);
    snprintf(B->calls + off, B->callslen - off, "%s%s", off ? ", " : "", name);
}

/* value, value_grad and hvp of one objective, batched against one row. */
static void batch_objective(bat *B, const pb_obj *o)
{
    pb *p = B->p;
    size_t n = p->n, nx = p->nx, ny = p->ny, m = n * ny, i;
    char one[80];
    if (!o->f) return;
    add_call(B, o->value);
    snprintf(one, sizeof one, "%s (one instance)", o->value);
    CALL(B, o->f(p->inst, n, p->x, B->y, B->b1, p->err, sizeof p->err), o->value);
    for (i = 0; i < n && !B->rc; i++)
        CALL(B, o->f(p->inst, 1, p->x + i * nx, B->y + i * ny, B->s1 + i, p->err, sizeof p->err), one);
    if (!B->rc) compare_rows(B->q, o->value, B->b1, B->s1, 1, TOL_SAME);
    inputs_same(B->q, o->value, "x", p->x, B->xc, n * nx);
    inputs_same(B->q, o->value, "y", B->y, B->yc, m);
    if (o->fg) {
        char fname[80], gname[80];
        add_call(B, o->value_grad);
        snprintf(one, sizeof one, "%s (one instance)", o->value_grad);
        snprintf(fname, sizeof fname, "%s f", o->value_grad);
        snprintf(gname, sizeof gname, "%s gradient", o->value_grad);
        CALL(B, o->fg(p->inst, n, p->x, B->y, B->b1, B->b2, p->err, sizeof p->err), o->value_grad);
        for (i = 0; i < n && !B->rc; i++)
            CALL(B, o->fg(p->inst, 1, p->x + i * nx, B->y + i * ny, B->s1 + i, B->s2 + i * ny,
                          p->err, sizeof p->err),
                 one);
        if (!B->rc) {
            compare_rows(B->q, fname, B->b1, B->s1, 1, TOL_SAME);
            compare_rows(B->q, gname, B->b2, B->s2, ny, TOL_SAME);
        }
        inputs_same(B->q, o->value_grad, "x", p->x, B->xc, n * nx);
        inputs_same(B->q, o->value_grad, "y", B->y, B->yc, m);
    }
    if (o->hv) {
        add_call(B, o->hvp);
        snprintf(one, sizeof one, "%s (one instance)", o->hvp);
        CALL(B, o->hv(p->inst, n, p->x, B->y, B->v, B->b1, p->err, sizeof p->err), o->hvp);
        for (i = 0; i < n && !B->rc; i++)
            CALL(B, o->hv(p->inst, 1, p->x + i * nx, B->y + i * ny, B->v + i * ny, B->s1 + i * ny,
                          p->err, sizeof p->err),
                 one);
        if (!B->rc) compare_rows(B->q, o->hvp, B->b1, B->s1, ny, TOL_SAME);
        inputs_same(B->q, o->hvp, "x", p->x, B->xc, n * nx);
        inputs_same(B->q, o->hvp, "y", B->y, B->yc, m);
        inputs_same(B->q, o->hvp, "v", B->v, B->vc, m);
    }
}

/* solver_init from y, then solver_step and residual from those states. */
static void batch_solver(bat *B, size_t S)
{
    pb *p = B->p;
    size_t n = p->n, nx = p->nx, ny = p->ny, i;
    double *st = ck_alloc(n * S, sizeof *st), *stc = ck_alloc(n * S, sizeof *stc);
    add_call(B, "solver_init, solver_step, residual");
    CALL(B, p->d->solver_init(p->inst, n, p->x, B->y, B->b1, p->err, sizeof p->err), "solver_init");
    for (i = 0; i < n && !B->rc; i++)
        CALL(B, p->d->solver_init(p->inst, 1, p->x + i * nx, B->y + i * ny, B->s1 + i * S, p->err,
                                  sizeof p->err),
             "solver_init (one instance)");
    if (!B->rc) compare_rows(B->q, "solver_init", B->b1, B->s1, S, TOL_SAME);
    inputs_same(B->q, "solver_init", "x", p->x, B->xc, n * nx);
    inputs_same(B->q, "solver_init", "y", B->y, B->yc, n * ny);
    if (B->rc) goto out;
    memcpy(st, B->b1, n * S * sizeof *st);
    memcpy(stc, st, n * S * sizeof *stc);
    CALL(B, p->d->solver_step(p->inst, n, p->x, st, B->b1, p->err, sizeof p->err), "solver_step");
    for (i = 0; i < n && !B->rc; i++)
        CALL(B, p->d->solver_step(p->inst, 1, p->x + i * nx, st + i * S, B->s1 + i * S, p->err,
                                  sizeof p->err),
             "solver_step (one instance)");
    if (!B->rc) compare_rows(B->q, "solver_step", B->b1, B->s1, S, TOL_SAME);
    inputs_same(B->q, "solver_step", "x", p->x, B->xc, n * nx);
    inputs_same(B->q, "solver_step", "state", st, stc, n * S);
    CALL(B, p->d->residual(p->inst, n, p->x, st, B->b1, p->err, sizeof p->err), "residual");
    for (i = 0; i < n && !B->rc; i++)
        CALL(B, p->d->residual(p->inst, 1, p->x + i * nx, st + i * S, B->s1 + i, p->err,
                               sizeof p->err),
             "residual (one instance)");
    if (!B->rc) compare_rows(B->q, "residual", B->b1, B->s1, 1, TOL_SAME);
    inputs_same(B->q, "residual", "x", p->x, B->xc, n * nx);
    inputs_same(B->q, "residual", "state", st, stc, n * S);
out:
    free(st);
    free(stc);
}

static void check_batched(pb *p)
{
    ck *c = p->c;
    size_t n = p->n, nx = p->nx, ny = p->ny, m = n * ny, i;
    size_t aw = p->d->aux_dim ? p->d->aux_dim(p->inst) : 0, S = solver_width(p);
    size_t w = aw > ny ? aw : ny;
    double *y = ck_alloc(m, sizeof *y), *v = ck_alloc(m, sizeof *v);
    double *xc = ck_alloc(n * nx, sizeof *xc), *yc = ck_alloc(m, sizeof *yc),
           *vc = ck_alloc(m, sizeof *vc);
    double *b1, *b2, *s1, *s2;
    cmp_ctx q = {p, 1, ""};
    char calls[256] = "";
    pb_obj train = pb_objective(p, 0), valid = pb_objective(p, 1);
    bat B;

    if (S > w) w = S;
    b1 = ck_alloc(n * w, sizeof *b1), b2 = ck_alloc(n * w, sizeof *b2);
    s1 = ck_alloc(n * w, sizeof *s1), s2 = ck_alloc(n * w, sizeof *s2);
    B = (bat){p, &q, y, v, xc, yc, vc, b1, b2, s1, s2, calls, sizeof calls, 0};
    ck_begin(c, "batched calls agree with one instance at a time");
    pb_random_points(p, p->base, 1.0, y);
    ck_normal(&p->rng, v, m);
    memcpy(xc, p->x, n * nx * sizeof *xc);
    memcpy(yc, y, m * sizeof *yc);
    memcpy(vc, v, m * sizeof *vc);

    batch_objective(&B, &train);
    batch_objective(&B, &valid);
    if (p->d->solve) {
        add_call(&B, "solve");
        CALL(&B, p->d->solve(p->inst, n, p->x, b1, p->err, sizeof p->err), "solve");
        for (i = 0; i < n && !B.rc; i++)
            CALL(&B, p->d->solve(p->inst, 1, p->x + i * nx, s1 + i * ny, p->err, sizeof p->err),
                 "solve (one instance)");
        if (!B.rc) compare_rows(&q, "solve", b1, s1, ny, TOL_SAME_SOLVE);
        inputs_same(&q, "solve", "x", p->x, xc, n * nx);
    }
    if (p->d->project) {
        add_call(&B, "project");
        for (i = 0; i < m; i++) b1[i] = s1[i] = y[i] + 2 * v[i];
        CALL(&B, p->d->project(p->inst, n, p->x, b1, p->err, sizeof p->err), "project");
        for (i = 0; i < n && !B.rc; i++)
            CALL(&B, p->d->project(p->inst, 1, p->x + i * nx, s1 + i * ny, p->err, sizeof p->err),
                 "project (one instance)");
        if (!B.rc) compare_rows(&q, "project", b1, s1, ny, TOL_SAME);
        inputs_same(&q, "project", "x", p->x, xc, n * nx);
        if (p->d->project_vjp) {
            add_call(&B, "project_vjp");
            CALL(&B, p->d->project_vjp(p->inst, n, p->x, y, v, b1, p->err, sizeof p->err),
                 "project_vjp");
            for (i = 0; i < n && !B.rc; i++)
                CALL(&B, p->d->project_vjp(p->inst, 1, p->x + i * nx, y + i * ny, v + i * ny,
                                           s1 + i * ny, p->err, sizeof p->err),
                     "project_vjp (one instance)");
            if (!B.rc) compare_rows(&q, "project_vjp", b1, s1, ny, TOL_SAME);
            inputs_same(&q, "project_vjp", "y", y, yc, m);
            inputs_same(&q, "project_vjp", "gout", v, vc, m);
        }
    }
    if (p->d->initial) {
        add_call(&B, "initial");
        CALL(&B, p->d->initial(p->inst, n, p->x, b1, p->err, sizeof p->err), "initial");
        for (i = 0; i < n && !B.rc; i++)
            CALL(&B, p->d->initial(p->inst, 1, p->x + i * nx, s1 + i * ny, p->err, sizeof p->err),
                 "initial (one instance)");
        if (!B.rc) compare_rows(&q, "initial", b1, s1, ny, TOL_SAME);
    }
    if (p->d->aux && aw) {
        add_call(&B, "aux");
        CALL(&B, p->d->aux(p->inst, n, p->x, y, b1, p->err, sizeof p->err), "aux");
        for (i = 0; i < n && !B.rc; i++)
            CALL(&B, p->d->aux(p->inst, 1, p->x + i * nx, y + i * ny, s1 + i * aw, p->err,
                               sizeof p->err),
                 "aux (one instance)");
        if (!B.rc) compare_rows(&q, "aux", b1, s1, aw, TOL_SAME);
        inputs_same(&q, "aux", "y", y, yc, m);
    }
    if (S) batch_solver(&B, S);
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
#undef CALL

/* ------------------------------------------------------------------------ */
/* Dictionary and aux                                                       */

static void check_dictionary(pb *p)
{
    ck *c = p->c;
    size_t n = p->n, nx = p->nx, ny = p->ny, i, j, k;
    size_t m = oracle_visible_width(p->d, p->inst, nx); /* D's rows */
    double *D, lambda = NAN, *y, *f;
    int ok = 1;
    char b[256];
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
    size_t S;          /* the solver's state width, 0 without one */
    double *x, *y, *f; /* preallocated: (n, nx), (n, ny) zeros, (n) */
    double *s1, *s2;   /* (n, S) */
} leak_ctx;

/* create, sample n, one value call (and one of valid_value, solver_init,
 * solver_step and residual when given), destroy; y is the problem's
 * initial point when it has one (as the value check's first points: a
 * problem need not be defined at zeros, e.g. maxent's zero width), else 0 */
static int leak_cycle(void *ctx, char *err, size_t errlen)
{
    leak_ctx *l = ctx;
    pb *p = l->p;
    const amor_problem_desc *d = p->d;
    void *inst = NULL;
    amor_rng r;
    int rc;
    size_t nx, ny;
    if ((rc = d->create(p->c->ps.values, &inst, err, errlen))) return rc;
    d->dims(inst, &nx, &ny);
    amor_rng_seed(&r, 7);
    if (nx != p->nx || ny != p->ny) rc = amor_errorf(err, errlen, AMOR_EINVAL, "dims changed between instances");
    if (!rc) rc = d->sample(inst, &r, p->n, l->x, err, errlen);
    if (!rc && d->initial) rc = d->initial(inst, p->n, l->x, l->y, err, errlen);
    if (!rc) rc = d->value(inst, p->n, l->x, l->y, l->f, err, errlen);
    if (!rc && d->valid_value) rc = d->valid_value(inst, p->n, l->x, l->y, l->f, err, errlen);
    if (!rc && l->S && d->state_dim(inst) != l->S)
        rc = amor_errorf(err, errlen, AMOR_EINVAL, "state_dim changed between instances");
    if (!rc && l->S) rc = d->solver_init(inst, p->n, l->x, l->y, l->s1, err, errlen);
    if (!rc && l->S) rc = d->solver_step(inst, p->n, l->x, l->s1, l->s2, err, errlen);
    if (!rc && l->S) rc = d->residual(inst, p->n, l->x, l->s2, l->f, err, errlen);
    d->destroy(inst);
    return rc;
}

void check_problem(ck *c)
{
    pb P;
    pb_obj train, valid;
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
    if (!ck_end(c, P.nx >= 1 && P.ny >= 1 && P.nx < CK_MAX_DIM && P.ny < CK_MAX_DIM))
        goto out;

    m = P.n * P.ny;
    P.x = ck_guarded(P.n * P.nx);
    P.y0 = ck_guarded(m);
    memset(P.y0, 0, m * sizeof *P.y0);
    if (!check_sample(&P)) goto out;
    check_split(&P);
    check_nx_model(&P);
    check_initial(&P);
    check_solve(&P);
    P.base = P.ys ? P.ys : P.y0;
    train = pb_objective(&P, 0);
    valid = pb_objective(&P, 1);
    check_values(&P, &train);
    check_batched(&P);
    pb_check_derivatives(&P, &train);
    check_values(&P, &valid);
    if (valid.f) {
        pb_check_derivatives(&P, &valid);
    } else {
        ck_skip(c, valid.grad_check, "no validation objective");
        ck_skip(c, valid.hvp_check, "no validation objective");
        ck_skip(c, valid.sym_check, "no validation objective");
    }
    pb_check_projection(&P);
    pb_check_solver(&P);
    pb_check_iter(&P);
    check_dictionary(&P);
    check_aux(&P);
    {
        leak_ctx l = {&P, solver_width(&P), ck_alloc(P.n * P.nx, sizeof(double)),
                      ck_alloc(m, sizeof(double)), ck_alloc(P.n, sizeof(double)), NULL, NULL};
        P.d->destroy(P.inst);
        P.inst = NULL;
        l.s1 = ck_alloc(P.n * (l.S ? l.S : 1), sizeof(double));
        l.s2 = ck_alloc(P.n * (l.S ? l.S : 1), sizeof(double));
        ck_leaks(c, leak_cycle, &l);
        free(l.x);
        free(l.y);
        free(l.f);
        free(l.s1);
        free(l.s2);
    }
out:
    if (P.inst) P.d->destroy(P.inst);
    free(P.x);
    free(P.y0);
    free(P.ys);
}
