/*
 * check_iter.c -- `amor check` for a problem's own iterative solver (ABI
 * 1.1: state_dim, solver_init, solver_step, residual): the state's width,
 * warm-start initialisation that hands y over exactly, one step (finite,
 * deterministic, writing all of next and reading only state), the residual
 * (finite, >= 0, not 0 where a step still moves y), and the method run from
 * a cold start: the residual decreases along the first steps, comes near 0
 * within a budget, and one more step then leaves y in place.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_int.h"

/* The first steps from the cold start, after which the residual must be
 * below its starting value (not each step: ADMM or Sinkhorn need not
 * decrease monotonically). */
#define ITER_FIRST 10
/* The budget of the cold start, in steps. */
#define ITER_MAX 20000
/* Converged: r <= TOL_CONV max(1, r0) with r0 the cold start's residual --
 * near 0 on the residual's own fixed scale. */
#define TOL_CONV 1e-8
/* Once converged, one more step moves y by at most TOL_FIX max(1, |y|_inf)
 * and leaves the residual below 10 times the tolerance. */
#define TOL_FIX 1e-6
/* A step that moves y by at most this times max(1, |y|_inf) stands still. */
#define TOL_STILL 1e-12
/* A state a step moves by more than this times max(1, |y|_inf) is not a
 * fixed point: its residual must not be 0. */
#define TOL_MOVES 1e-6

static const char *const N_DIM = "solver: state_dim >= ny";
static const char *const N_INIT = "solver_init: state[:ny] = y exactly, finite, deterministic";
static const char *const N_STEP =
    "solver_step: finite, deterministic, writes all of next and reads only state";
static const char *const N_RES = "residual: finite, >= 0, not 0 where a step moves y";
static const char *const N_DEC = "solver: the residual decreases along the first steps from a cold start";
static const char *const N_CONV =
    "solver: converges from a cold start, then one more step leaves y in place";

/* |a - b|_inf over the first ny entries of two states. */
static double y_move(const double *a, const double *b, size_t ny)
{
    double m = 0;
    size_t k;
    for (k = 0; k < ny; k++)
        if (!(fabs(a[k] - b[k]) <= m)) m = fabs(a[k] - b[k]);
    return m;
}

static void skip_from(ck *c, int from, const char *why)
{
    const char *const names[] = {N_DIM, N_INIT, N_STEP, N_RES, N_DEC, N_CONV};
    int k;
    for (k = from; k < 6; k++) ck_skip(c, names[k], "%s", why);
}

/* states (n, S) := solver_init(y); the INIT check.  Returns non-zero when
 * the later checks cannot run. */
static int check_init(pb *p, size_t S, const double *y, double *st)
{
    ck *c = p->c;
    size_t n = p->n, ny = p->ny, i, k;
    double *st2 = ck_guarded(n * S), *g = ck_guarded(n * S);
    int ok = 1, bad = 0;
    ck_begin(c, N_INIT);
    ck_note(c, "(from random points; S = %zu, ny = %zu)", S, ny);
    p->err[0] = 0;
    if (p->d->solver_init(p->inst, n, p->x, y, g, p->err, sizeof p->err) ||
        p->d->solver_init(p->inst, n, p->x, y, st2, p->err, sizeof p->err)) {
        ck_diag(c, "solver_init failed: %s", pb_err(p));
        ck_end(c, 0);
        free(st2);
        free(g);
        return -1;
    }
    for (i = 0; i < n; i++)
        for (k = 0; k < ny && !bad; k++)
            if (memcmp(&g[i * S + k], &y[i * ny + k], sizeof *g)) {
                ok = 0;
                bad = 1;
                ck_diag(c, "instance %zu, entry %zu: the state holds %.17g, y is %.17g (state[:ny] "
                           "must be y bit for bit: a warm start hands over the model's prediction "
                           "unchanged)",
                        i, k, g[i * S + k], y[i * ny + k]);
            }
    if (!ck_all_finite(g, n * S)) {
        ok = 0;
        ck_diag(c, "the state is not finite, or not all n x S = %zu entries were written (they "
                   "held NaN before the call)", n * S);
    }
    if (!ck_guard_intact(g, n * S) || !ck_guard_intact(st2, n * S)) {
        ok = 0;
        ck_diag(c, "solver_init wrote past the n x S = %zu entries of state", n * S);
    }
    if (ok && memcmp(g, st2, n * S * sizeof *g)) {
        long e = ck_mismatch(g, st2, n * S, 0);
        ok = 0;
        ck_diag(c, "two calls on the same y differ: instance %ld, entry %ld: %.17g vs %.17g",
                e / (long)S, e % (long)S, g[e], st2[e]);
    }
    memcpy(st, g, n * S * sizeof *st);
    free(st2);
    free(g);
    ck_end(c, ok);
    return ck_all_finite(st, n * S) ? 0 : -1;
}

/* next (n, S) := solver_step(st); the STEP check. */
static int check_step(pb *p, size_t S, const double *st, double *next)
{
    ck *c = p->c;
    size_t n = p->n, i;
    double *n1 = ck_guarded(n * S), *n2 = ck_guarded(n * S);
    int ok = 1;
    ck_begin(c, N_STEP);
    /* next holds NaN, then a copy of the state (what a step written for
     * in-place use would read): the results must agree bit for bit */
    memcpy(n2, st, n * S * sizeof *n2);
    p->err[0] = 0;
    if (p->d->solver_step(p->inst, n, p->x, st, n1, p->err, sizeof p->err) ||
        p->d->solver_step(p->inst, n, p->x, st, n2, p->err, sizeof p->err)) {
        ck_diag(c, "solver_step failed: %s", pb_err(p));
        ck_end(c, 0);
        free(n1);
        free(n2);
        return -1;
    }
    if (!ck_all_finite(n1, n * S)) {
        ok = 0;
        for (i = 0; i < n * S && isfinite(n1[i]); i++) {}
        ck_diag(c, "next is not finite or not all written: instance %zu, entry %zu is %g (next "
                   "held NaN before the call: solver_step must write every entry of next and "
                   "read only state, which next never aliases)",
                i / S, i % S, n1[i]);
    } else if (memcmp(n1, n2, n * S * sizeof *n1)) {
        long e = ck_mismatch(n1, n2, n * S, 0);
        ok = 0;
        ck_diag(c, "two steps from the same state differ: instance %ld, entry %ld: %.17g vs "
                   "%.17g (a step must be deterministic and must not read what next held before "
                   "the call)",
                e / (long)S, e % (long)S, n1[e], n2[e]);
    }
    if (!ck_guard_intact(n1, n * S) || !ck_guard_intact(n2, n * S)) {
        ok = 0;
        ck_diag(c, "solver_step wrote past the n x S = %zu entries of next", n * S);
    }
    memcpy(next, n1, n * S * sizeof *next);
    free(n1);
    free(n2);
    ck_end(c, ok);
    return ok ? 0 : -1;
}

/* The RES check at the states st and their successors next. */
static void check_residual(pb *p, size_t S, const double *st, const double *next)
{
    ck *c = p->c;
    size_t n = p->n, ny = p->ny, i;
    double *r1 = ck_guarded(n), *r2 = ck_guarded(n), *r3 = ck_guarded(n);
    int ok = 1;
    ck_begin(c, N_RES);
    ck_note(c, "(at the states from random points and one step after)");
    p->err[0] = 0;
    if (p->d->residual(p->inst, n, p->x, st, r1, p->err, sizeof p->err) ||
        p->d->residual(p->inst, n, p->x, st, r2, p->err, sizeof p->err) ||
        p->d->residual(p->inst, n, p->x, next, r3, p->err, sizeof p->err)) {
        ck_diag(c, "residual failed: %s", pb_err(p));
        ck_end(c, 0);
        goto out;
    }
    for (i = 0; i < n; i++) {
        double mv = y_move(st + i * S, next + i * S, ny);
        double sc = fmax(1.0, ck_maxabs(st + i * S, ny));
        if (!(r1[i] >= 0 && isfinite(r1[i])) || !(r3[i] >= 0 && isfinite(r3[i]))) {
            ok = 0;
            ck_diag(c, "instance %zu: residual %g at the state, %g one step later (it must be "
                       "finite and >= 0)", i, r1[i], r3[i]);
        } else if (r1[i] == 0 && mv > TOL_MOVES * sc) {
            ok = 0;
            ck_diag(c, "instance %zu: residual 0 at a state that one step moves by %.3g: the "
                       "residual must measure how far the state is from the method's fixed "
                       "point", i, mv);
        }
        if (memcmp(&r1[i], &r2[i], sizeof *r1)) {
            ok = 0;
            ck_diag(c, "instance %zu: two calls on the same state give %.17g and %.17g", i, r1[i],
                    r2[i]);
        }
    }
    if (!ck_guard_intact(r1, n) || !ck_guard_intact(r3, n)) {
        ok = 0;
        ck_diag(c, "residual wrote past its n = %zu values", n);
    }
    ck_end(c, ok);
out:
    free(r1);
    free(r2);
    free(r3);
}

/* The method from the cold start (initial, else zeros): the DEC and CONV
 * checks. */
static void check_cold(pb *p, size_t S)
{
    ck *c = p->c;
    size_t n = p->n, ny = p->ny, i, k, steps = 0, left;
    double *cur = ck_alloc(n * S, sizeof *cur), *nxt = ck_alloc(n * S, sizeof *nxt);
    double *r = ck_alloc(n, sizeof *r), *r0 = ck_alloc(n, sizeof *r0), *tol = ck_alloc(n, sizeof *tol);
    double *first = ck_alloc((ITER_FIRST + 1) * n, sizeof *first), *last = ck_alloc(n, sizeof *last);
    size_t *conv = ck_alloc(n, sizeof *conv), *broke = ck_alloc(n, sizeof *broke);
    char b[256], fail[1024] = "";
    int ok_dec = 1, ok_conv = 1, halt = 0;

    p->err[0] = 0;
    if (p->d->solver_init(p->inst, n, p->x, p->y0, cur, p->err, sizeof p->err) ||
        p->d->residual(p->inst, n, p->x, cur, r0, p->err, sizeof p->err)) {
        snprintf(fail, sizeof fail, "solver_init or residual at the cold start failed: %s", pb_err(p));
        goto report;
    }
    for (i = 0, left = 0; i < n; i++) {
        tol[i] = TOL_CONV * fmax(1.0, r0[i]);
        first[i] = r0[i];
        conv[i] = isfinite(r0[i]) && r0[i] <= tol[i] ? 0 : (size_t)-1;
        left += conv[i] != 0;
        if (!isfinite(r0[i]) || !ck_all_finite(cur + i * S, S)) broke[i] = 1, halt = 1;
    }
    /* step until every row has converged (and at least the first steps
     * have run) or the budget is spent; rows go on stepping once converged */
    for (steps = 1; !halt && steps <= ITER_MAX && (left || steps <= ITER_FIRST); steps++) {
        double *t;
        p->err[0] = 0;
        if (p->d->solver_step(p->inst, n, p->x, cur, nxt, p->err, sizeof p->err) ||
            p->d->residual(p->inst, n, p->x, nxt, r, p->err, sizeof p->err)) {
            snprintf(fail, sizeof fail, "step %zu from the cold start failed: %s", steps, pb_err(p));
            goto report;
        }
        for (i = 0; i < n; i++) {
            last[i] = y_move(cur + i * S, nxt + i * S, ny);
            if (steps <= ITER_FIRST) first[steps * n + i] = r[i];
            /* a row that breaks ends the run: it will not converge */
            if (!isfinite(r[i]) || !ck_all_finite(nxt + i * S, S)) broke[i] = steps + 1, halt = 1;
            else if (conv[i] == (size_t)-1 && r[i] <= tol[i]) conv[i] = steps, left--;
        }
        t = cur, cur = nxt, nxt = t;
    }
    steps--;

report:
    /* the first steps */
    ck_begin(c, N_DEC);
    ck_note(c, "(%d steps from %s; each row's residual after them below its start, unless it "
               "started converged)",
            ITER_FIRST, p->d->initial ? "initial" : "zeros");
    if (fail[0]) {
        ok_dec = 0;
        ck_diag(c, "%s", fail);
    }
    for (i = 0; i < n && !fail[0]; i++) {
        double rk;
        if (broke[i] && broke[i] - 1 <= ITER_FIRST) {
            ok_dec = 0;
            ck_diag(c, "instance %zu: the state or residual became non-finite at step %zu", i,
                    broke[i] - 1);
            continue;
        }
        if (r0[i] <= tol[i] || steps < ITER_FIRST) continue; /* converged; or another row broke */
        rk = first[ITER_FIRST * n + i];
        if (!(rk < r0[i])) {
            double seq[ITER_FIRST + 1];
            for (k = 0; k <= ITER_FIRST; k++) seq[k] = first[k * n + i];
            ok_dec = 0;
            ck_diag(c, "instance %zu: the residual goes %s over the first %d steps: it does not "
                       "decrease", i, ck_vec(b, sizeof b, seq, ITER_FIRST + 1), ITER_FIRST);
        }
    }
    ck_end(c, ok_dec);

    /* convergence, then one more step */
    ck_begin(c, N_CONV);
    if (fail[0]) {
        ok_conv = 0;
        ck_diag(c, "%s", fail);
    } else {
        double *r2 = ck_alloc(n, sizeof *r2);
        size_t most = 0, nconv = 0;
        int stepped = !p->d->solver_step(p->inst, n, p->x, cur, nxt, p->err, sizeof p->err) &&
                      !p->d->residual(p->inst, n, p->x, nxt, r2, p->err, sizeof p->err);
        if (!stepped) {
            ok_conv = 0;
            ck_diag(c, "the step after convergence failed: %s", pb_err(p));
        }
        for (i = 0; i < n && stepped; i++) {
            double sc = fmax(1.0, ck_maxabs(cur + i * S, ny)), mv = y_move(cur + i * S, nxt + i * S, ny);
            if (broke[i]) {
                ok_conv = 0;
                ck_diag(c, "instance %zu: the state or residual became non-finite at step %zu "
                           "(residual %.3g at the cold start)", i, broke[i] - 1, r0[i]);
            } else if (conv[i] == (size_t)-1 && halt) {
                ok_conv = 0; /* another row broke and ended the run */
            } else if (conv[i] == (size_t)-1) {
                ok_conv = 0;
                if (last[i] <= TOL_STILL * sc)
                    ck_diag(c, "instance %zu: solver_step stands still (the last step moved y by "
                               "%.3g) but the residual there is %.6g, not near 0 (<= %.3g): the "
                               "residual must be 0 at the method's fixed point",
                            i, last[i], r[i], tol[i]);
                else
                    ck_diag(c, "instance %zu: no convergence within %d steps from the cold "
                               "start: the residual went from %.6g to %.6g (tolerance %.3g), and "
                               "the last step still moved y by %.3g",
                            i, ITER_MAX, r0[i], r[i], tol[i], last[i]);
            } else if (!(r[i] <= 10 * tol[i]) || !(r2[i] <= 10 * tol[i])) {
                ok_conv = 0;
                ck_diag(c, "instance %zu: the residual came below %.3g at step %zu but is %.3g "
                           "after %zu steps and %.3g one step later", i, tol[i], conv[i], r[i],
                        steps, r2[i]);
            } else if (!(mv <= TOL_FIX * sc)) {
                ok_conv = 0;
                ck_diag(c, "instance %zu: the residual is %.3g (<= %.3g) after %zu steps, but one "
                           "more step moves y by %.3g (allowed %.3g): a residual near 0 must "
                           "mean a fixed point of solver_step",
                        i, r[i], tol[i], steps, mv, TOL_FIX * sc);
            }
            if (conv[i] != (size_t)-1) {
                nconv++;
                if (conv[i] > most) most = conv[i];
            }
        }
        ck_note(c, "(from %s, budget %d steps: %zu of %zu rows reached residual <= %g max(1, its "
                   "start), the last after %zu steps; then y may move <= %g max(1, |y|_inf))",
                p->d->initial ? "initial" : "zeros", ITER_MAX, nconv, n, TOL_CONV, most, TOL_FIX);
        free(r2);
    }
    ck_end(c, ok_conv);
    free(cur);
    free(nxt);
    free(r);
    free(r0);
    free(tol);
    free(first);
    free(last);
    free(conv);
    free(broke);
}

void pb_check_iter(pb *p)
{
    ck *c = p->c;
    size_t S, n = p->n, ny = p->ny;
    double *y, *st, *next;
    if (!oracle_has_solver(p->d)) {
        skip_from(c, 0, "no solver (state_dim, solver_init, solver_step, residual)");
        return;
    }
    S = p->d->state_dim(p->inst);
    ck_begin(c, N_DIM);
    ck_note(c, "(S = %zu, ny = %zu)", S, ny);
    if (S < ny)
        ck_diag(c, "state_dim is %zu, less than ny = %zu: the state's first ny entries are y", S, ny);
    else if (S >= CK_MAX_DIM)
        ck_diag(c, "state_dim is %zu (a failed size computation?)", S);
    if (!ck_end(c, S >= ny && S < CK_MAX_DIM)) {
        skip_from(c, 1, "state_dim unusable");
        return;
    }
    y = ck_alloc(n * ny, sizeof *y);
    st = ck_alloc(n * S, sizeof *st);
    next = ck_alloc(n * S, sizeof *next);
    pb_random_points(p, p->base, 1.0, y);
    if (check_init(p, S, y, st)) {
        skip_from(c, 2, "solver_init failed");
    } else if (check_step(p, S, st, next)) {
        skip_from(c, 3, "solver_step failed");
    } else {
        check_residual(p, S, st, next);
        check_cold(p, S);
    }
    free(y);
    free(st);
    free(next);
}
