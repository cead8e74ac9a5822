/*
 * slice.c -- the slices of a cell (train_int.h).
 *
 * train.threads = t > 1 splits every training batch (and every pass over the
 * held-out set) into up to t contiguous slices of at least SLICE_MIN_ROWS
 * rows, run by a team of threads (team.h).
 * Slice k has its own problem, model and loss instances (the ABI lets an
 * instance be used by one thread at a time; with eval.model an evaluation
 * model instance too), oracle, workspace, iterates and loss stream; the batch is sampled whole, on the calling thread, from
 * the same stream as with one thread.  Slice k's gradient goes into its own
 * buffer and the buffers are added in slice order, so a run is reproducible
 * for a given t; the result differs from t = 1 at rounding level (a sum
 * split in two is added in another order), as it would with another batch
 * shape.  OpenBLAS runs one thread per call meanwhile (cell_run_progress).
 */
#include "train_int.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void slices_free(run *u)
{
    size_t k;
    team_destroy(u->team);
    u->team = NULL;
    if (!u->sh) return;
    for (k = 1; k < u->nsh || k < u->nshe; k++) {
        slice *s = &u->sh[k];
        cell_instances_free(u, s->pi, s->mi, s->emi, s->li, s->own_oc_ready ? &s->own_oc : NULL);
        free(s->block);
        free(s->own_ws);
    }
    free(u->sh[0].block);
    free(u->sh);
    u->sh = NULL;
}

/* The first failed slice of the last round: its message into u->err.
 * Returns the failed call's name, or NULL if none failed. */
static const char *slice_failure(run *u, size_t nsh)
{
    size_t k;
    for (k = 0; k < nsh; k++) {
        slice *s = &u->sh[k];
        if (s->rc) {
            snprintf(u->err, sizeof u->err, "%s", s->err[0] ? s->err : s->oc->err);
            u->code = s->rc;
            return s->what;
        }
    }
    return NULL;
}

static int slice_failed(slice *s, int rc, const char *what)
{
    if (rc) {
        s->rc = rc;
        s->what = what;
    }
    return rc;
}

/* A forward pass of slice k's evaluation model over its rows of the
 * held-out set: the last iterate lands in the run's ite (Te = 1, or one
 * slice: written there). */
static int slice_forward_eval(run *u, slice *s)
{
    size_t ny = u->ny, T = u->Te, N = u->N;
    const double *xv = u->xev + s->eoff * u->nxm;
    oracle_bind(s->oc, xv, u->xe + s->eoff * u->nx, s->en);
    if (slice_failed(s, u->M->forward(s->emi, u->theta, s->en, xv, s->ite, s->ws, 0, s->err,
                                      sizeof s->err), "model forward"))
        return -1;
    if (s->ite != u->ite && s->ite != u->ite + s->eoff * ny)
        memcpy(u->ite + (T - 1) * N * ny + s->eoff * ny, s->ite + (T - 1) * s->en * ny,
               s->en * ny * sizeof(double));
    return 0;
}

/* eval.iterates: objective, validation objective and distance to y* of
 * the asked iterates of slice s's rows (s->ite holds iterate t of its en
 * rows at t * en * ny, whether it is the run's ite or its own). */
static void slice_iterates(run *u, slice *s)
{
    size_t j, i, q, N = u->N, ny = u->ny, en = s->en;
    const double *x = u->xe + s->eoff * u->nx;
    for (j = 0; j < u->c->eval.niterates; j++) {
        const double *y = s->ite + (size_t)u->c->eval.iterates[j] * en * ny;
        if (slice_failed(s, u->P->value(s->pi, en, x, y, u->fit + j * N + s->eoff, s->err,
                                        sizeof s->err), "problem value (eval.iterates)"))
            return;
        if (u->fvit && slice_failed(s, u->P->valid_value(s->pi, en, x, y,
                                                          u->fvit + j * N + s->eoff, s->err,
                                                          sizeof s->err),
                                    "problem valid_value (eval.iterates)"))
            return;
        if (u->dit)
            for (i = 0; i < en; i++) {
                const double *ys = u->yse + (s->eoff + i) * ny;
                double e, d = 0;
                for (q = 0; q < ny; q++) {
                    e = y[i * ny + q] - ys[q];
                    d += e * e;
                }
                u->dit[j * N + s->eoff + i] = sqrt(d);
            }
    }
}

void slice_eval_round(void *ctx, int k)
{
    run *u = ctx;
    slice *s = &u->sh[k];
    const double *yhat = u->ite + (u->Te - 1) * u->N * u->ny;
    if (slice_forward_eval(u, s)) return;
    if (slice_failed(s, u->P->value(s->pi, s->en, u->xe + s->eoff * u->nx,
                                    yhat + s->eoff * u->ny, u->fe + s->eoff, s->err,
                                    sizeof s->err), "problem value"))
        return;
    if (u->fve && slice_failed(s, u->P->valid_value(s->pi, s->en, u->xe + s->eoff * u->nx,
                                                    yhat + s->eoff * u->ny, u->fve + s->eoff,
                                                    s->err, sizeof s->err),
                               "problem valid_value"))
        return;
    if (u->iter_metrics) slice_iterates(u, s);
}

void slice_infer_round(void *ctx, int k)
{
    run *u = ctx;
    slice_forward_eval(u, &u->sh[k]);
}

/* Members beyond the slices of a round have nothing to do. */
typedef struct slice_round {
    run *u;
    size_t nsh;
    team_fn fn;
} slice_round;

static void round_member(void *ctx, int k)
{
    slice_round *r = ctx;
    if ((size_t)k < r->nsh) r->fn(r->u, k);
}

const char *slices_round(run *u, team_fn fn, size_t nsh)
{
    slice_round r = {u, nsh, fn};
    size_t k;
    for (k = 0; k < nsh; k++) {
        u->sh[k].rc = 0;
        u->sh[k].err[0] = '\0';
    }
    if (nsh == 1) fn(u, 0); /* the other members would only wake to wait */
    else team_run(u->team, round_member, &r);
    return slice_failure(u, nsh);
}

void cell_instances_free(const run *u, void *pi, void *mi, void *emi, void *li, oracle_ctx *oc)
{
    if (li) u->Lo->destroy(li);
    if (emi && emi != mi) u->M->destroy(emi);
    if (mi) u->M->destroy(mi);
    if (oc) oracle_free(oc);
    if (pi) u->P->destroy(pi);
}

int cell_eval_model_create(run *u, amor_env *env, void **emi, const char *stage, char *err,
                           size_t errlen)
{
    const cell_spec *c = u->c;
    char what[96], was[1024], now[1024];
    size_t np, Te;
    int rc;
    snprintf(what, sizeof what, "eval.model: model create%s", stage);
    if ((rc = u->M->create(u->evalues, env, emi, err, errlen)) || !*emi) {
        *emi = NULL;
        cell_fail(u->r, CELL_ERROR, rc ? rc : AMOR_EINVAL, what, err);
        return -1;
    }
    np = u->M->num_params(*emi);
    Te = u->M->num_iterates(*emi);
    if (np != u->np) {
        /* theta is trained on one instance and evaluated on the other:
         * eval.model may change how theta is used, not its size */
        cell_eval_model_text(c, 0, " = ", now, sizeof now);
        cell_eval_model_text(c, 1, " = ", was, sizeof was);
        snprintf(err, errlen, "eval.model: %s with %s has %zu parameters, the trained model "
                 "(%s) %zu; the trained theta must fit the evaluation model", c->model.head->name,
                 now, np, was, u->np);
        cell_fail(u->r, CELL_ERROR, AMOR_EINVAL, err, NULL);
        return -1;
    }
    if (Te < 1 || (u->Te && Te != u->Te)) {
        cell_fail(u->r, CELL_ERROR, AMOR_EINVAL, what,
                  Te < 1 ? "num_iterates must be at least 1"
                         : "a second instance with the same parameters reports another "
                           "num_iterates");
        return -1;
    }
    u->Te = Te;
    return 0;
}

/* Slices of n rows with t threads: at most t, each of at least
 * SLICE_MIN_ROWS rows (one slice below 2 x that).  A smaller slice costs
 * more than it saves: every slice reads all of theta and writes a gradient
 * of its size, from another core (make bench: the sphere MLP with two
 * threads is slower at batch 32, faster from batch 64 on). */
#define SLICE_MIN_ROWS 64
static size_t slice_count(size_t t, size_t n)
{
    size_t most = n / SLICE_MIN_ROWS;
    if (most < 1) most = 1;
    return t < most ? t : most;
}

/* The slices of train.threads (one, the run itself, without): instances,
 * oracles, buffers and loss streams for slices 1.., and the team. */
int slices_setup(run *u)
{
    const cell_spec *c = u->c;
    size_t t = c->train.threads > 1 ? (size_t)c->train.threads : 1;
    size_t B = u->B, N = u->N, T = u->T, Te = u->Te, ny = u->ny, np = u->np, k, nmax;
    int rc;
    uint64_t st;
    u->nsh = slice_count(t, B);
    u->nshe = slice_count(t, N);
    nmax = u->nsh > u->nshe ? u->nsh : u->nshe;
    u->sh = calloc(nmax, sizeof *u->sh);
    if (!u->sh) {
        cell_fail(u->r, CELL_ERROR, AMOR_ENOMEM, "allocation", "out of memory");
        return -1;
    }
    u->solve_in_slices = u->need_ys && !u->xs;
    st = c->stream_seed ^ 0x3333333333333333ull;
    for (k = 0; k < nmax; k++) {
        slice *s = &u->sh[k];
        size_t wsz = 0, total;
        double *p;
        if (k < u->nsh) {
            s->off = B * k / u->nsh;
            s->n = B * (k + 1) / u->nsh - s->off;
        }
        if (k < u->nshe) {
            s->eoff = N * k / u->nshe;
            s->en = N * (k + 1) / u->nshe - s->eoff;
        }
        /* slice 0's loss stream is the run's (seeded in train()); the
         * others' follow from it */
        if (k) amor_rng_seed(&s->rloss, amor_splitmix64(&st));
        if (k == 0) {
            s->pi = u->pi;
            s->mi = u->mi;
            s->emi = u->emi;
            s->li = u->li;
            s->oc = &u->oc;
            s->itb = u->itb;
            s->ditb = u->ditb;
            s->g = u->grad;
            s->ws = u->ws;
            if (u->nshe == 1 || Te == 1) s->ite = u->ite;
            else if (!(s->ite = s->block = malloc(Te * s->en * ny * sizeof(double)))) {
                cell_fail(u->r, CELL_ERROR, AMOR_ENOMEM, "allocation", "out of memory");
                return -1;
            }
            continue;
        }
        if ((rc = u->P->create(c->problem.ps.values, &s->pi, s->err, sizeof s->err)) || !s->pi) {
            s->pi = NULL;
            cell_fail(u->r, CELL_ERROR, rc ? rc : AMOR_EINVAL, "problem create (thread 2 and beyond)", s->err);
            return -1;
        }
        if (oracle_init(&s->own_oc, u->P, s->pi)) {
            cell_fail(u->r, CELL_ERROR, AMOR_ENOMEM, "allocation", "out of memory");
            return -1;
        }
        s->own_oc_ready = 1;
        s->oc = &s->own_oc;
        s->menv = (amor_env){sizeof(amor_env), 0, u->nxm, ny, 0, &s->oc->mtable, u->nx};
        s->lenv = (amor_env){sizeof(amor_env), 0, u->nx, ny, T, &s->oc->table, u->nx};
        if ((rc = u->M->create(c->model.ps.values, &s->menv, &s->mi, s->err, sizeof s->err)) || !s->mi) {
            s->mi = NULL;
            cell_fail(u->r, CELL_ERROR, rc ? rc : AMOR_EINVAL, "model create (thread 2 and beyond)", s->err);
            return -1;
        }
        if (u->M->num_params(s->mi) != np || u->M->num_iterates(s->mi) != T) {
            cell_fail(u->r, CELL_ERROR, AMOR_EINVAL, "model create (thread 2 and beyond)",
                      "a second instance with the same parameters reports another "
                      "num_params or num_iterates");
            return -1;
        }
        s->emi = s->mi;
        if (u->evalues && cell_eval_model_create(u, &s->menv, &s->emi, " (thread 2 and beyond)",
                                                 s->err, sizeof s->err))
            return -1;
        if ((rc = u->Lo->create(c->loss.ps.values, &s->lenv, &s->li, s->err, sizeof s->err)) || !s->li) {
            s->li = NULL;
            cell_fail(u->r, CELL_ERROR, rc ? rc : AMOR_EINVAL, "loss create (thread 2 and beyond)", s->err);
            return -1;
        }
        total = 2 * T * s->n * ny + (k < u->nsh ? np : 0) + (Te > 1 ? Te * s->en * ny : 0);
        s->block = calloc(total ? total : 1, sizeof(double));
        if (s->n) wsz = u->M->workspace_size(s->mi, s->n);
        if (s->en) {
            size_t we = u->M->workspace_size(s->emi, s->en);
            if (we > wsz) wsz = we;
        }
        s->ws = s->own_ws = aligned_alloc(64, ((wsz ? wsz : 1) + 63) / 64 * 64);
        if (!s->block || !s->ws) {
            cell_fail(u->r, CELL_ERROR, AMOR_ENOMEM, "allocation", "out of memory");
            return -1;
        }
        p = s->block;
        s->itb = p; p += T * s->n * ny;
        s->ditb = p; p += T * s->n * ny;
        s->g = k < u->nsh ? p : NULL; p += k < u->nsh ? np : 0;
        s->ite = Te > 1 ? p : u->ite + s->eoff * ny;
    }
    u->team = team_create((int)nmax);
    if (!u->team) {
        int e = errno;
        char why[128];
        snprintf(why, sizeof why, "cannot start its threads: %s", strerror(e));
        /* glibc reports a thread stack it could not map as EAGAIN: under a
         * memory limit that is the cell running out of memory */
        cell_fail(u->r, CELL_ERROR, e == EAGAIN || e == ENOMEM ? AMOR_ENOMEM : AMOR_EINVAL,
                  "train.threads", why);
        return -1;
    }
    return 0;
}

/* The forward and the loss of slice s's rows of the training batch at theta
 * (y* solved first when solve); 0, or -1 with the slice failed. */
static int slice_forward_loss(run *u, slice *s, const double *theta, int solve)
{
    size_t n = s->n, ny = u->ny;
    const double *x = u->xb + s->off * u->nx, *xv = u->xbv + s->off * u->nxm;
    double *ys = u->ysb + s->off * ny;
    if (solve &&
        slice_failed(s, u->P->solve(s->pi, n, x, ys, s->err, sizeof s->err), "training batch"))
        return -1;
    oracle_bind(s->oc, xv, x, n);
    if (slice_failed(s, u->M->forward(s->mi, theta, n, xv, s->itb, s->ws, AMOR_FORWARD_TRAIN,
                                      s->err, sizeof s->err), "model forward") ||
        slice_failed(s, u->Lo->eval(s->li, n, u->T, x, s->itb, u->need_ys ? ys : NULL, &s->rloss,
                                    u->lossb + s->off, s->ditb, s->err, sizeof s->err), "loss"))
        return -1;
    return 0;
}

/* Slice k's part of a training step: y* of its contexts if the loss needs
 * them, forward, loss, dL/diterates / B, and its gradient into s->g. */
void slice_train_round(void *ctx, int k)
{
    run *u = ctx;
    slice *s = &u->sh[k];
    size_t i, n = s->n, m = u->T * n * u->ny;
    const double *xv = u->xbv + s->off * u->nxm, *loss = u->lossb + s->off;
    double sum = 0, inv;
    if (slice_forward_loss(u, s, u->theta, u->solve_in_slices)) return;
    for (i = 0; i < n; i++) sum += loss[i];
    if (!isfinite(sum)) return; /* the step reports the divergence */
    inv = 1.0 / (double)u->B;
    for (i = 0; i < m; i++) s->ditb[i] *= inv;
    memset(s->g, 0, u->np * sizeof *s->g);
    slice_failed(s, u->M->backward(s->mi, u->theta, n, xv, s->ditb, s->g, s->ws, s->err,
                                   sizeof s->err), "model backward");
}

/* train.estimator = es: the loss of the batch at u->theta_fwd, no backward;
 * y* of a fresh batch solved by the first round of a step only. */
void slice_loss_round(void *ctx, int k)
{
    run *u = ctx;
    slice_forward_loss(u, &u->sh[k], u->theta_fwd, u->solve_in_slices && !u->es_solved);
}

/* Oracle calls of every slice so far. */
uint64_t slices_oracle_calls(const run *u)
{
    uint64_t n = 0;
    size_t k;
    for (k = 0; k < u->nshe; k++) {
        const oracle_ctx *o = u->sh[k].oc;
        n += o->value_calls + o->grad_calls + o->hvp_calls + o->step_calls;
    }
    return n;
}

int slices_fd_hvp_used(const run *u)
{
    size_t k, n = u->nsh > u->nshe ? u->nsh : u->nshe;
    if (u->oc.fd_hvp_used) return 1;
    for (k = 0; u->sh && k < n; k++)
        if (u->sh[k].oc && u->sh[k].oc->fd_hvp_used) return 1;
    return 0;
}
