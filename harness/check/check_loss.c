/*
 * check_loss.c -- `amor check` for losses, run against a problem chosen as
 * for models (check_model.c) through an oracle restricted to what the loss
 * declares it needs: shapes and guards, determinism, batching, the gradient
 * against finite differences (within standard errors for stochastic
 * losses), and create/destroy leaks.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cell.h"
#include "check_int.h"

/* Relative tolerance of repeated / re-batched computations. */
#define TOL_SAME 1e-10
/* Relative tolerance of the finite-difference comparisons (ck_fd_judge). */
#define TOL_FD 1e-6
/* Stochastic losses: the mean gradient over this many draws must lie within
 * Z_STOCH standard errors (plus the deterministic tolerance) of the finite
 * differences of the loss. */
#define STOCH_DRAWS 2000
#define Z_STOCH 5.0
#define REDRAWS 4

/* ------------------------------------------------------------------------ */
/* Losses                                                                   */

typedef struct lc {
    ck *c;
    const amor_loss_desc *d;
    uint32_t needs;     /* with the checked parameters */
    ck_problem pr;
    amor_oracle oracle; /* restricted to needs */
    amor_env env;
    void *inst;         /* for the current T */
    size_t n, nx, ny, T;
    double *x;          /* (n, nx) */
    double *ys;         /* (n, ny) y* passed to eval: NULL unless NEEDS_YSTAR */
    double *base;       /* (n, ny) where iterates are drawn: y* if known, else 0 */
    double *it;         /* (T, n, ny) iterates */
    int stochastic;     /* its gradient depends on the rng state */
    uint64_t seed;      /* the rng seed of the evaluations */
    amor_rng rng;
    char err[1024], msg[1400];
} lc;

static int leval(lc *l, size_t n, const double *x, const double *it, const double *ys,
                 uint64_t seed, double *loss, double *dit)
{
    amor_rng r;
    amor_rng_seed(&r, seed);
    l->err[0] = 0;
    l->pr.oc.err[0] = 0;
    return l->d->eval(l->inst, n, l->T, x, it, ys, &r, loss, dit, l->err, sizeof l->err);
}

static const char *lerr(lc *l)
{
    snprintf(l->msg, sizeof l->msg, "%s%s%s", ck_ws(l->err), l->pr.oc.err[0] ? "; oracle: " : "",
             l->pr.oc.err);
    return l->msg;
}

/* Iterates y^t = base + N(0, I). */
static void loss_iterates(lc *l)
{
    size_t t, i, k, ny = l->ny;
    for (t = 0; t < l->T; t++)
        for (i = 0; i < l->n; i++)
            for (k = 0; k < ny; k++)
                l->it[(t * l->n + i) * ny + k] = l->base[i * ny + k] + amor_rng_normal(&l->rng);
}

static double sum(const double *v, size_t n)
{
    double s = 0;
    size_t i;
    for (i = 0; i < n; i++) s += v[i];
    return s;
}

/* The checks of one T; returns 0 when the loss cannot be created. */
static int check_loss_T(lc *l)
{
    ck *c = l->c;
    size_t n = l->n, ny = l->ny, T = l->T, len = T * n * ny, i, t, k;
    double *loss = ck_guarded(n), *dit = ck_guarded(len), *loss2 = ck_guarded(n),
           *dit2 = ck_guarded(len);
    double *xc = ck_alloc(n * l->nx, sizeof *xc), *itc = ck_alloc(len, sizeof *itc),
           *ysc = ck_alloc(n * ny, sizeof *ysc), *one = ck_alloc(T * ny, sizeof *one);
    char name[160], b[256];
    int ok, rc;

    l->env = (amor_env){sizeof(amor_env), 0, l->nx, l->ny, T, &l->oracle, l->nx};
    snprintf(name, sizeof name, "create [T = %zu]", T);
    ck_begin(c, name);
    ck_note(c, "(against problem %s; oracle: %s; y* %s)", l->pr.d->head.name,
            ck_oracle_calls(&l->oracle, b, sizeof b), l->ys ? "given" : "NULL (needs declares none)");
    l->err[0] = 0;
    if (l->d->create(c->ps.values, &l->env, &l->inst, l->err, sizeof l->err)) {
        ck_diag(c, "create failed: %s", lerr(l));
        ck_end(c, 0);
        rc = 0;
        goto out;
    }
    ck_end(c, 1);
    rc = 1;
    loss_iterates(l);
    memcpy(xc, l->x, n * l->nx * sizeof *xc);
    memcpy(itc, l->it, len * sizeof *itc);
    if (l->ys) memcpy(ysc, l->ys, n * ny * sizeof *ysc);

    snprintf(name, sizeof name, "eval [T = %zu]: finite, overwrites all of d_iterates", T);
    ck_begin(c, name);
    ok = !leval(l, n, l->x, l->it, l->ys, l->seed, loss, dit);
    if (!ok) ck_diag(c, "eval failed: %s", lerr(l));
    if (ok && !ck_all_finite(loss, n)) ok = 0, ck_diag(c, "loss not finite: %s", ck_vec(b, sizeof b, loss, n));
    for (t = 0; t < T && ok; t++)
        if (!ck_all_finite(dit + t * n * ny, n * ny)) {
            ok = 0;
            ck_diag(c, "d_iterates of iterate %zu not written (it held NaN before the call: the "
                       "loss must overwrite it, zeros for iterates it ignores) or not finite: %s",
                    t, ck_vec(b, sizeof b, dit + t * n * ny, n * ny));
        }
    if (ok && (!ck_guard_intact(loss, n) || !ck_guard_intact(dit, len)))
        ok = 0, ck_diag(c, "eval wrote past n losses or T x n x ny gradient entries");
    if (!ck_end(c, ok)) goto out;

    /* value only, same rng state */
    snprintf(name, sizeof name, "eval [T = %zu]: without d_iterates gives the same loss", T);
    ck_begin(c, name);
    ok = !leval(l, n, l->x, l->it, l->ys, l->seed, loss2, NULL);
    if (!ok) ck_diag(c, "eval with d_iterates = NULL failed: %s", lerr(l));
    for (i = 0; i < n && ok; i++)
        if (!(fabs(loss2[i] - loss[i]) <= TOL_SAME * (1 + fabs(loss[i])))) {
            ok = 0;
            ck_diag(c, "instance %zu: loss %.17g with gradients, %.17g without", i, loss[i], loss2[i]);
        }
    ck_end(c, ok);

    snprintf(name, sizeof name, "eval [T = %zu]: deterministic for a given RNG state", T);
    ok = !leval(l, n, l->x, l->it, l->ys, l->seed, loss2, dit2) &&
         !memcmp(loss, loss2, n * sizeof *loss) && !memcmp(dit, dit2, len * sizeof *dit);
    ck_report(c, name, ok, "two evaluations from the same RNG state differ");
    /* stochastic: another rng state changes the gradient */
    if (!leval(l, n, l->x, l->it, l->ys, l->seed + 1, loss2, dit2))
        l->stochastic = memcmp(dit, dit2, len * sizeof *dit) != 0;

    snprintf(name, sizeof name, "eval [T = %zu]: leaves x, iterates and y* unchanged", T);
    ok = !memcmp(xc, l->x, n * l->nx * sizeof *xc) && !memcmp(itc, l->it, len * sizeof *itc) &&
         (!l->ys || !memcmp(ysc, l->ys, n * ny * sizeof *ysc));
    ck_report(c, name, ok, "eval modified one of its inputs");

    snprintf(name, sizeof name, "eval [T = %zu]: batched agrees with one instance at a time", T);
    if (l->stochastic) {
        ck_skip(c, name, "stochastic loss: its draws depend on the batch layout");
    } else {
        double *it1 = ck_alloc(T * ny, sizeof *it1), l1;
        ck_begin(c, name);
        ok = 1;
        for (i = 0; i < n && ok; i++) {
            for (t = 0; t < T; t++) memcpy(it1 + t * ny, l->it + (t * n + i) * ny, ny * sizeof *it1);
            if (leval(l, 1, l->x + i * l->nx, it1, l->ys ? l->ys + i * ny : NULL, l->seed, &l1, one)) {
                ok = 0;
                ck_diag(c, "eval on one instance failed: %s", lerr(l));
                break;
            }
            if (!(fabs(l1 - loss[i]) <= TOL_SAME * (1 + fabs(loss[i])))) {
                ok = 0;
                ck_diag(c, "instance %zu: loss %.17g in a batch of %zu, %.17g alone", i, loss[i], n, l1);
            }
            for (t = 0; t < T && ok; t++) {
                long e = ck_mismatch(dit + (t * n + i) * ny, one + t * ny, ny, TOL_SAME);
                if (e >= 0) {
                    ok = 0;
                    ck_diag(c, "instance %zu, iterate %zu, entry %ld: d_iterates %.17g in a batch, "
                               "%.17g alone",
                            i, t, e, dit[(t * n + i) * ny + e], one[t * ny + e]);
                }
            }
        }
        ck_note(c, "(relative tolerance %g)", TOL_SAME);
        ck_end(c, ok);
        free(it1);
    }

    /* gradient: 4 random directions over all iterates, then one per
     * iterate; phi(s) = sum_i loss_i(iterates + s D) with the same rng state
     * (common random numbers) */
    snprintf(name, sizeof name, "eval [T = %zu]: d_iterates matches finite differences of the loss", T);
    ck_begin(c, name);
    {
        size_t ndir = 4 + T, r, redrawn = 0, rough = 0, bad = 0, j;
        double *D = ck_alloc(ndir * len, sizeof *D), *itp = ck_alloc(len, sizeof *itp);
        double *mean = ck_alloc(ndir, sizeof *mean), *sq = ck_alloc(ndir, sizeof *sq);
        double phi[CK_FD_N], worst = 0;
        size_t draws = l->stochastic ? STOCH_DRAWS : 1;
        ok = 1;
        for (r = 0; r < ndir; r++) {
            if (r < 4) ck_unit(&l->rng, D + r * len, len);
            else ck_unit(&l->rng, D + r * len + (r - 4) * n * ny, n * ny);
        }
        for (r = 0; r < ndir && ok; r++) {
            size_t round;
            ck_fd f;
            memset(&f, 0, sizeof f);
            for (round = 0; round <= REDRAWS && ok; round++) {
                double h = pow(0.1, (double)round) * ck_fd_step(l->it, len), a, se = 0, sc;
                /* analytic: the gradient, or its mean over draws */
                mean[r] = sq[r] = 0;
                for (k = 0; k < draws; k++) {
                    double v;
                    if (leval(l, n, l->x, l->it, l->ys, l->stochastic ? l->seed + 1000 + k : l->seed,
                              loss2, dit2)) {
                        ok = 0;
                        ck_diag(c, "eval failed: %s", lerr(l));
                        break;
                    }
                    v = ck_dot(dit2, D + r * len, len);
                    mean[r] += v;
                    sq[r] += v * v;
                }
                if (!ok) break;
                a = mean[r] / (double)draws;
                sc = ck_norm(dit2, len);
                if (draws > 1) {
                    double var = fmax(0.0, sq[r] / (double)draws - a * a);
                    se = sqrt(var / (double)draws);
                }
                for (j = 0; j < CK_FD_N; j++) {
                    for (k = 0; k < len; k++) itp[k] = l->it[k] + CK_FD_OFF[j] * h * D[r * len + k];
                    if (leval(l, n, l->x, itp, l->ys, l->seed, loss2, NULL)) {
                        ok = 0;
                        ck_diag(c, "eval failed: %s", lerr(l));
                        break;
                    }
                    phi[j] = sum(loss2, n);
                }
                if (!ok) break;
                ck_fd_judge(&f, a, phi, h, TOL_FD, sc);
                if (draws > 1) { /* widen by the Monte Carlo error */
                    f.allowed += Z_STOCH * se;
                    f.smooth = isfinite(f.gap) && f.gap <= f.allowed;
                    f.ok = f.smooth && f.err <= f.allowed;
                }
                if (f.smooth || round == REDRAWS) break;
                redrawn++; /* near a kink (Huber's corner, a threshold): move the iterates */
                for (k = 0; k < len; k++) l->it[k] += 0.1 * amor_rng_normal(&l->rng);
            }
            if (!ok) break;
            if (!f.smooth) {
                rough++;
                continue;
            }
            if (f.allowed > 0) worst = fmax(worst, f.err / f.allowed);
            if (!f.ok) {
                bad++;
                if (r < 4)
                    ck_diag(c, "random direction %zu over all T x n x ny = %zu entries: %s %.10g, "
                               "finite differences %.10g (step %.3g): error %.3g > allowed %.3g",
                            r, len, l->stochastic ? "mean d_iterates.D" : "d_iterates.D", f.a, f.fd,
                            f.h, f.err, f.allowed);
                else
                    ck_diag(c, "direction within iterate %zu of %zu: %s %.10g, finite differences "
                               "%.10g (step %.3g): error %.3g > allowed %.3g",
                            r - 4, T, l->stochastic ? "mean d_iterates.D" : "d_iterates.D", f.a,
                            f.fd, f.h, f.err, f.allowed);
            }
        }
        if (rough * 4 > ndir) {
            ok = 0;
            ck_diag(c, "%zu of %zu probes stayed near a kink after %d redraws", rough, ndir, REDRAWS);
        }
        if (l->stochastic)
            ck_note(c, "(stochastic: mean over %d draws within %g standard errors; %zu directions, "
                       "%zu redrawn; worst error %.2g times the allowed, rtol %g)",
                    STOCH_DRAWS, Z_STOCH, ndir, redrawn, worst, TOL_FD);
        else
            ck_note(c, "(%zu directions, %zu redrawn near kinks; worst error %.2g times the allowed, "
                       "rtol %g)",
                    ndir, redrawn, worst, TOL_FD);
        ck_end(c, ok && !bad);
        free(D);
        free(itp);
        free(mean);
        free(sq);
    }
out:
    if (l->inst) l->d->destroy(l->inst);
    l->inst = NULL;
    free(loss);
    free(dit);
    free(loss2);
    free(dit2);
    free(xc);
    free(itc);
    free(ysc);
    free(one);
    return rc;
}

typedef struct lleak {
    lc *l;
    double *loss, *dit;
} lleak;

/* create, one eval with gradients, destroy */
static int loss_cycle(void *ctx, char *err, size_t errlen)
{
    lleak *q = ctx;
    lc *l = q->l;
    void *inst = NULL;
    amor_rng r;
    int rc;
    if ((rc = l->d->create(l->c->ps.values, &l->env, &inst, err, errlen))) return rc;
    amor_rng_seed(&r, 5);
    rc = l->d->eval(inst, l->n, l->T, l->x, l->it, l->ys, &r, q->loss, q->dit, err, errlen);
    l->d->destroy(inst);
    return rc;
}

void check_loss(ck *c)
{
    lc L;
    ck_problem *pr = &L.pr;
    size_t Ts[2] = {1, 3}, nT = 2, k;
    char cname[64]; /* the first create check, where setup failures go */

    memset(&L, 0, sizeof L);
    L.c = c;
    L.d = (const amor_loss_desc *)c->h;
    L.n = c->o->batch;
    L.seed = c->o->seed * 131 + 7;
    if (c->o->iterates) { /* --iterates T: that T only */
        Ts[0] = c->o->iterates;
        nT = 1;
    }
    amor_rng_seed(&L.rng, c->o->seed);
    snprintf(cname, sizeof cname, "create [T = %zu]", Ts[0]);
    L.needs = cell_needs(c->h, c->ps.values);
    if (ck_problem_open(c, pr, L.needs, cname)) return;
    L.nx = pr->nx; /* losses see whole contexts */
    L.ny = pr->ny;
    L.oracle = ck_restricted_oracle(pr, L.needs, 1);
    L.x = ck_alloc(L.n * L.nx, sizeof *L.x);
    L.base = ck_alloc(L.n * L.ny, sizeof *L.base);
    {
        amor_rng r;
        amor_rng_seed(&r, c->o->seed * 31 + 5);
        L.err[0] = 0;
        if (pr->d->sample(pr->inst, &r, L.n, L.x, L.err, sizeof L.err) ||
            (pr->d->solve && pr->d->solve(pr->inst, L.n, L.x, L.base, L.err, sizeof L.err))) {
            ck_report(c, cname, 0, "the problem's sample or solve failed: %s", L.err);
            goto out;
        }
    }
    if (L.needs & AMOR_NEEDS_YSTAR) L.ys = L.base;
    for (k = 0; k < nT; k++) {
        if (k) free(L.it);
        L.T = Ts[k];
        L.it = ck_alloc(L.T * L.n * L.ny, sizeof *L.it);
        if (!check_loss_T(&L)) goto out;
    }
    {
        lleak q = {&L, ck_alloc(L.n, sizeof(double)), ck_alloc(L.T * L.n * L.ny, sizeof(double))};
        ck_leaks(c, loss_cycle, &q);
        free(q.loss);
        free(q.dit);
    }
out:
    ck_problem_close(pr);
    free(L.x);
    free(L.base);
    free(L.it);
}
