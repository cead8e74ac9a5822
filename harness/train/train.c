/*
 * train.c -- runs one cell: creates the problem, model and loss instances,
 * trains theta with Adam on contexts from p(x), evaluates on a held-out set
 * (objective, gap, distance, inference time; with eval.model by a second
 * model instance, with eval.iterates per iterate too) and runs the
 * from-scratch solver baseline.  All buffers are allocated once, before the training loop.
 * Batches and held-out passes go through the slices of slice.c (one, the
 * run itself, unless train.threads > 1).
 */
#include "train_int.h"
#include "adam.h"
#include "amhash.h"
#include "blas.h"
#include "checkpoint.h"
#include "clock.h"
#include "es.h"
#include "solver.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void add_curve(cell_result *r, long step, const char *split,
                      const char *metric, double v)
{
    if (r->ncurves == r->capcurves) {
        size_t nc = r->capcurves ? 2 * r->capcurves : 256;
        curve_row *q = realloc(r->curves, nc * sizeof *q);
        if (!q) return;
        r->curves = q;
        r->capcurves = nc;
    }
    r->curves[r->ncurves++] = (curve_row){step, split, metric, v};
}

static void mean_std(const double *a, size_t n, double *mean, double *sd)
{
    double s = 0, q = 0;
    size_t i;
    for (i = 0; i < n; i++) s += a[i];
    s /= (double)n;
    for (i = 0; i < n; i++) q += (a[i] - s) * (a[i] - s);
    *mean = s;
    *sd = n > 1 ? sqrt(q / (double)(n - 1)) : 0.0;
}

/* How a non-finite value is written in messages, whatever the sign of a NaN
 * (printf gives "-nan" for some). */
static const char *nonfinite_text(double v)
{
    return isnan(v) ? "nan" : v > 0 ? "inf" : "-inf";
}

static void report(run *u, int phase, long step, double loss)
{
    if (u->progress) u->progress(u->pctx, phase, step, u->c->train.steps, loss);
}

static void run_free(run *u)
{
    slices_free(u);
    cell_instances_free(u, u->pi, u->mi, u->emi, u->li, u->oc_ready ? &u->oc : NULL);
    free(u->evalues);
    free(u->es_eps);
    free(u->block);
    free(u->ws);
}

int cell_sample(const run *u, void *pi, amor_rng *rng, uint32_t split, size_t n, double *x,
                char *err, size_t errlen)
{
    if (u->P->sample_split) return u->P->sample_split(pi, rng, split, n, x, err, errlen);
    return u->P->sample(pi, rng, n, x, err, errlen);
}

/* Held-out metrics of the current theta into the given outputs; the
 * validation objective's mean and std into val[0], val[1] when the problem
 * has one. */
static int evaluate(run *u, double *obj_mean, double *obj_sd, double *gap,
                    double *dist, double *val)
{
    size_t i, k, N = u->N, ny = u->ny;
    const double *yhat = u->ite + (u->Te - 1) * N * ny;
    if (slices_round(u, slice_eval_round, u->nshe)) return -1;
    mean_std(u->fe, N, obj_mean, obj_sd);
    if (u->fve) mean_std(u->fve, N, &val[0], &val[1]);
    if (u->yse) {
        double g = 0, d = 0;
        for (i = 0; i < N; i++) {
            double s = 0;
            g += u->fe[i] - u->fse[i];
            for (k = 0; k < ny; k++) {
                double e = yhat[i * ny + k] - u->yse[i * ny + k];
                s += e * e;
            }
            d += sqrt(s);
        }
        *gap = g / (double)N;
        *dist = d / (double)N;
    }
    return 0;
}

/* Append the tracked contexts' current predictions (left in u->ite by
 * evaluate) to r->track_*. */
static void add_track(run *u, long step)
{
    cell_result *r = u->r;
    size_t k = r->ntrack, ny = u->ny;
    if (!k) return;
    if (r->ntrack_steps == r->cap_track_steps) {
        size_t nc = r->cap_track_steps ? 2 * r->cap_track_steps : 64;
        long *st = realloc(r->track_steps, nc * sizeof *st);
        if (!st) return;
        r->track_steps = st;
        double *y = realloc(r->track_yhat, nc * k * ny * sizeof *y);
        if (!y) return;
        r->track_yhat = y;
        r->cap_track_steps = nc;
    }
    r->track_steps[r->ntrack_steps] = step;
    memcpy(r->track_yhat + r->ntrack_steps * k * ny, u->ite + (u->Te - 1) * u->N * ny,
           k * ny * sizeof(double));
    r->ntrack_steps++;
}

static void log_eval(run *u, long step, double train_loss, int has_train)
{
    double m, s, g = 0, d = 0, v[2] = {0, 0};
    if (has_train) add_curve(u->r, step, "train", "loss", train_loss);
    if (evaluate(u, &m, &s, &g, &d, v)) return;
    add_track(u, step);
    add_curve(u->r, step, "eval", "objective", m);
    if (u->fve) add_curve(u->r, step, "eval", "validation", v[0]);
    if (u->yse) {
        add_curve(u->r, step, "eval", "gap", g);
        add_curve(u->r, step, "eval", "distance", d);
    }
}

/* eval.iterates: each within the evaluation model's iterates 0 .. Te-1,
 * checked before training. */
static int check_iterates(run *u)
{
    const cell_spec *c = u->c;
    size_t j;
    for (j = 0; j < c->eval.niterates; j++) {
        char with[1024] = "", outs[64];
        if ((size_t)c->eval.iterates[j] < u->Te) continue;
        if (cell_eval_model_count(c)) {
            char t[1000];
            cell_eval_model_text(c, 0, " = ", t, sizeof t);
            snprintf(with, sizeof with, " with %s (eval.model)", t);
        }
        if (u->Te == 1) snprintf(outs, sizeof outs, "1 iterate (0)");
        else snprintf(outs, sizeof outs, "%zu iterates (0 .. %zu)", u->Te, u->Te - 1);
        snprintf(u->err, sizeof u->err, "eval.iterates: iterate %ld, but model '%s'%s outputs %s",
                 c->eval.iterates[j], c->model.head->name, with, outs);
        cell_fail(u->r, CELL_ERROR, AMOR_EINVAL, u->err, NULL);
        return -1;
    }
    return 0;
}

/* The seed of the training contexts' stream, xored into the cell's
 * stream_seed (eval.on_train_set draws the same set from it). */
#define TRAIN_STREAM 0x2222222222222222ull

static int setup(run *u)
{
    const cell_spec *c = u->c;
    cell_result *r = u->r;
    int rc;
    size_t S = c->train.train_set > 0 ? (size_t)c->train.train_set : 0;
    size_t total, wsb, wse;
    double *p;
    amor_rng erng;

    u->P = (const amor_problem_desc *)c->problem.head;
    u->M = (const amor_model_desc *)c->model.head;
    u->Lo = (const amor_loss_desc *)c->loss.head;
    u->B = (size_t)c->train.batch;
    u->N = c->eval.on_train_set ? S : (size_t)c->eval.contexts;

    if (c->eval.on_train_set && !S) {
        cell_fail(r, CELL_ERROR, AMOR_EINVAL, "eval.on_train_set",
                  "needs a fixed training set: set train.train_set > 0");
        return -1;
    }
    if (cell_incompatible(c, u->err, sizeof u->err)) {
        cell_fail(r, CELL_ERROR, AMOR_ENOTSUP, "incompatible cell", u->err);
        return -1;
    }
    if ((rc = u->P->create(c->problem.ps.values, &u->pi, u->err, sizeof u->err)) || !u->pi) {
        u->pi = NULL;
        cell_fail(r, CELL_ERROR, rc ? rc : AMOR_EINVAL, "problem create", u->err);
        return -1;
    }
    oracle_init(&u->oc, u->P, u->pi);
    u->oc_ready = 1;
    u->nx = u->oc.nx;
    u->ny = u->oc.ny;
    u->nxm = u->oc.nxm;
    if (!u->nx || !u->ny) {
        snprintf(u->err, sizeof u->err,
                 "problem '%s' reports dims nx = %zu, ny = %zu; both must be positive",
                 u->P->head.name, u->nx, u->ny);
        cell_fail(r, CELL_ERROR, AMOR_EINVAL, u->err, NULL);
        return -1;
    }
    u->menv = (amor_env){sizeof(amor_env), 0, u->nxm, u->ny, 0, &u->oc.mtable, u->nx};
    if ((rc = u->M->create(c->model.ps.values, &u->menv, &u->mi, u->err, sizeof u->err)) ||
        !u->mi) {
        u->mi = NULL;
        cell_fail(r, CELL_ERROR, rc ? rc : AMOR_EINVAL, "model create", u->err);
        return -1;
    }
    u->T = u->M->num_iterates(u->mi);
    u->np = u->M->num_params(u->mi);
    if (u->T < 1) {
        cell_fail(r, CELL_ERROR, AMOR_EINVAL, "model", "num_iterates must be at least 1");
        return -1;
    }
    u->emi = u->mi;
    u->Te = u->T;
    if (cell_eval_model_count(c)) {
        if (!(u->evalues = cell_eval_model_values(c))) {
            cell_fail(r, CELL_ERROR, AMOR_ENOMEM, "allocation", "out of memory");
            return -1;
        }
        u->emi = NULL;
        u->Te = 0;
        if (cell_eval_model_create(u, &u->menv, &u->emi, "", u->err, sizeof u->err)) return -1;
    }
    if (check_iterates(u)) return -1;
    u->lenv = (amor_env){sizeof(amor_env), 0, u->nx, u->ny, u->T, &u->oc.table, u->nx};
    if ((rc = u->Lo->create(c->loss.ps.values, &u->lenv, &u->li, u->err, sizeof u->err)) ||
        !u->li) {
        u->li = NULL;
        cell_fail(r, CELL_ERROR, rc ? rc : AMOR_EINVAL, "loss create", u->err);
        return -1;
    }

    size_t B = u->B, N = u->N, nx = u->nx, ny = u->ny, T = u->T, Te = u->Te, np = u->np;
    size_t nvis = u->nxm < nx ? u->nxm : 0; /* visible copies needed */
    size_t nit = c->eval.niterates;
    int need_ys = (cell_needs(u->c->loss.head, u->c->loss.ps.values) & AMOR_NEEDS_YSTAR) != 0;
    total = 4 * np + B * nx + B * ny + 2 * T * B * ny + B + S * nx + S * ny +
            N * nx + 2 * N * ny + N + Te * N * ny + N + (u->P->valid_value ? N : 0) +
            (B + N) * nvis +
            nit * N * (1 + (u->P->valid_value ? 1 : 0) + (u->P->solve ? 1 : 0));
    u->block = calloc(total ? total : 1, sizeof(double));
    wsb = u->M->workspace_size(u->mi, B);
    wse = u->M->workspace_size(u->emi, N);
    wsb = wsb > wse ? wsb : wse;
    u->ws = aligned_alloc(64, ((wsb ? wsb : 1) + 63) / 64 * 64);
    if (!u->block || !u->ws) {
        cell_fail(r, CELL_ERROR, AMOR_ENOMEM, "allocation", "out of memory");
        return -1;
    }
    p = u->block;
    u->theta = p; p += np;
    u->grad = p; p += np;
    u->am = p; p += np;
    u->av = p; p += np;
    u->xb = p; p += B * nx;
    u->ysb = p; p += B * ny;
    u->itb = p; p += T * B * ny;
    u->ditb = p; p += T * B * ny;
    u->lossb = p; p += B;
    u->xs = S ? p : NULL; p += S * nx;
    u->yss = S ? p : NULL; p += S * ny;
    u->xe = p; p += N * nx;
    u->yse = p; p += N * ny;
    u->fse = p; p += N;
    u->ite = p; p += Te * N * ny;
    u->fe = p; p += N;
    u->fve = u->P->valid_value ? p : NULL; p += u->P->valid_value ? N : 0;
    u->xbv = nvis ? p : u->xb; p += B * nvis;
    u->xev = nvis ? p : u->xe; p += N * nvis;
    u->fit = p; p += nit * N;
    u->fvit = u->P->valid_value ? p : NULL; p += u->P->valid_value ? nit * N : 0;
    u->dit = u->P->solve ? p : NULL; p += u->P->solve ? nit * N : 0;
    u->need_ys = need_ys;
    if (slices_setup(u)) return -1;

    /* held-out set: its own stream, shared by every cell on this problem;
     * with eval.on_train_set the training set itself, drawn from the
     * training stream's seed exactly as train() draws it */
    amor_rng_seed(&erng, c->eval.on_train_set ? c->stream_seed ^ TRAIN_STREAM : c->eval_seed);
    if ((rc = cell_sample(u, u->pi, &erng, c->eval.on_train_set ? AMOR_SPLIT_TRAIN
                                                                : AMOR_SPLIT_HELDOUT,
                          N, u->xe, u->err, sizeof u->err))) {
        cell_fail(r, CELL_ERROR, rc, "problem sample (held-out set)", u->err);
        return -1;
    }
    oracle_visible_rows(&u->oc, N, u->xe, u->xev);
    if (u->P->solve) {
        if ((rc = u->P->solve(u->pi, N, u->xe, u->yse, u->err, sizeof u->err)) ||
            (rc = u->P->value(u->pi, N, u->xe, u->yse, u->fse, u->err, sizeof u->err))) {
            cell_fail(r, CELL_ERROR, rc, "problem solve (held-out set)", u->err);
            return -1;
        }
    } else {
        u->yse = NULL;
        u->fse = NULL;
    }
    if (c->eval.track > 0) {
        size_t k = (size_t)c->eval.track < N ? (size_t)c->eval.track : N;
        r->nx = nx;
        r->ny = ny;
        r->track_x = malloc(k * nx * sizeof(double));
        r->track_ystar = u->yse ? malloc(k * ny * sizeof(double)) : NULL;
        if (!r->track_x || (u->yse && !r->track_ystar)) {
            cell_fail(r, CELL_ERROR, AMOR_ENOMEM, "allocation", "out of memory");
            return -1;
        }
        memcpy(r->track_x, u->xe, k * nx * sizeof(double));
        if (u->yse) memcpy(r->track_ystar, u->yse, k * ny * sizeof(double));
        r->ntrack = k;
    }
    return 0;
}

/* Predictions for the contexts the cell asked for (cell_spec.predict). */
static void predict(run *u)
{
    const cell_spec *c = u->c;
    cell_result *r = u->r;
    int rc;
    size_t n = c->npredict, T = u->Te, ny = u->ny;
    double *it, *xv = NULL;
    void *ws;
    if (!n) return;
    if (c->predict_nx != u->nx) {
        if (u->nxm < u->nx)
            snprintf(u->err, sizeof u->err,
                     "predict: contexts have %zu values, problem '%s' has nx = %zu (whole "
                     "contexts: models see the first %zu, the rest is the problem's private "
                     "task data)", c->predict_nx, u->P->head.name, u->nx, u->nxm);
        else
            snprintf(u->err, sizeof u->err, "predict: contexts have %zu values, problem '%s' has nx = %zu",
                     c->predict_nx, u->P->head.name, u->nx);
        cell_fail(r, CELL_ERROR, AMOR_EINVAL, u->err, NULL);
        return;
    }
    it = malloc(T * n * ny * sizeof *it);
    ws = aligned_alloc(64, (u->M->workspace_size(u->emi, n) + 64) / 64 * 64);
    r->predictions = malloc(n * ny * sizeof(double));
    if (u->nxm < u->nx && (xv = malloc(n * u->nxm * sizeof *xv)))
        oracle_visible_rows(&u->oc, n, c->predict, xv);
    if (!it || !ws || !r->predictions || (u->nxm < u->nx && !xv)) {
        cell_fail(r, CELL_ERROR, AMOR_ENOMEM, "allocation", "out of memory");
    } else if (oracle_bind(&u->oc, xv ? xv : c->predict, c->predict, n),
               (rc = u->M->forward(u->emi, u->theta, n, xv ? xv : c->predict, it, ws, 0, u->err,
                                   sizeof u->err))) {
        cell_fail(r, CELL_ERROR, rc, "model forward (predict)", u->err[0] ? u->err : u->oc.err);
    } else {
        memcpy(r->predictions, it + (T - 1) * n * ny, n * ny * sizeof(double));
        r->ny = ny;
        r->npredict = n;
    }
    free(it);
    free(xv);
    free(ws);
}

/* Choose the next training batch into xb (and ysb if the loss needs y*). */
static int next_batch(run *u, amor_rng *rng)
{
    size_t B = u->B, nx = u->nx, ny = u->ny, i;
    int need_ys = (cell_needs(u->c->loss.head, u->c->loss.ps.values) & AMOR_NEEDS_YSTAR) != 0;
    if (u->xs && (size_t)u->c->train.train_set == B) {
        /* full batch: every step sees the whole set once, in its order */
        memcpy(u->xb, u->xs, B * nx * sizeof(double));
        if (need_ys) memcpy(u->ysb, u->yss, B * ny * sizeof(double));
    } else if (u->xs) {
        size_t S = (size_t)u->c->train.train_set;
        for (i = 0; i < B; i++) {
            size_t j = (size_t)(amor_rng_next(rng) % S);
            memcpy(u->xb + i * nx, u->xs + j * nx, nx * sizeof(double));
            if (need_ys) memcpy(u->ysb + i * ny, u->yss + j * ny, ny * sizeof(double));
        }
    } else if ((u->code = cell_sample(u, u->pi, rng, AMOR_SPLIT_TRAIN, B, u->xb, u->err,
                                      sizeof u->err))) {
        return -1;
    } /* y* of fresh contexts: solved by the slices (slice_train_round) */
    oracle_visible_rows(&u->oc, B, u->xb, u->xbv);
    return 0;
}

/* train.init_from: theta from the checkpoint read when the cell was built,
 * if it fits this cell's model instance. */
static int init_from_checkpoint(run *u)
{
    const checkpoint *k = u->c->init;
    size_t bad, nbad;
    /* nx: the model's input, the visible width (a problem's private task
     * data, like sinusoid's query set, may differ between the two cells) */
    if (k->n != u->np || k->nx != u->nxm || k->ny != u->ny) {
        snprintf(u->err, sizeof u->err,
                 "train.init_from: checkpoint %s holds %zu parameters of %s trained with nx = "
                 "%llu, ny = %llu; this cell's model has %zu parameters: %s with nx = %zu, "
                 "ny = %zu", u->c->init_path, k->n, k->params, (unsigned long long)k->nx,
                 (unsigned long long)k->ny, u->np, u->c->model_text, u->nxm, u->ny);
        cell_fail(u->r, CELL_ERROR, AMOR_EINVAL, u->err, NULL);
        return -1;
    }
    /* NaN/Inf parameters are what a diverged cell has: the file holds them
     * faithfully (its checksum is fine), but evaluating them would give an
     * "ok" cell with a NaN objective */
    if ((bad = checkpoint_first_nonfinite(k, &nbad)) < k->n) {
        snprintf(u->err, sizeof u->err,
                 "train.init_from: checkpoint %s has non-finite parameters (%zu of %zu), the "
                 "first theta[%zu] = %s", u->c->init_path, nbad, k->n, bad,
                 nonfinite_text(k->theta[bad]));
        cell_fail(u->r, CELL_DIVERGED, AMOR_ENUMERIC, u->err, NULL);
        return -1;
    }
    memcpy(u->theta, k->theta, u->np * sizeof *u->theta);
    return 0;
}

/* es_loss_fn over the training batch: the mean loss at theta; a pair's -
 * member replays the loss streams of its + member (common random numbers). */
static int es_batch_loss(void *ctx, const double *theta, int first, double *loss)
{
    run *u = ctx;
    const char *what;
    double sum = 0;
    size_t k;
    for (k = 0; k < u->nsh; k++) {
        if (first) u->sh[k].rloss_pair = u->sh[k].rloss;
        else u->sh[k].rloss = u->sh[k].rloss_pair;
    }
    u->theta_fwd = theta;
    if ((what = slices_round(u, slice_loss_round, u->nsh))) {
        cell_fail(u->r, CELL_ERROR, u->code, what, u->err);
        return -1;
    }
    u->es_solved = 1;
    for (k = 0; k < u->B; k++) sum += u->lossb[k];
    *loss = sum / (double)u->B;
    return 0;
}

static void train(run *u)
{
    const cell_spec *c = u->c;
    cell_result *r = u->r;
    int rc;
    amor_rng rinit, rtrain, res;
    int es = c->train.estimator && !strcmp(c->train.estimator, "es");
    size_t B = u->B, np = u->np, i, k;
    int need_ys = u->need_ys;
    const char *what;
    am_adam adam = {np, u->am, u->av, 0, c->train.lr, c->train.beta1,
                       c->train.beta2, c->train.eps, c->train.weight_decay};
    double t0, acc = 0, last = NAN, g, d, v[2] = {0, 0};
    long step, nacc = 0;

    amor_rng_seed(&rinit, c->stream_seed ^ 0x1111111111111111ull);
    amor_rng_seed(&rtrain, c->stream_seed ^ TRAIN_STREAM);
    amor_rng_seed(&u->sh[0].rloss, c->stream_seed ^ 0x3333333333333333ull);
    amor_rng_seed(&res, c->stream_seed ^ 0x4444444444444444ull);
    if (es && !(u->es_eps = malloc(2 * np * sizeof *u->es_eps))) {
        cell_fail(r, CELL_ERROR, AMOR_ENOMEM, "train.estimator = es: out of memory", NULL);
        return;
    }
    u->es_tp = es ? u->es_eps + np : NULL;

    if ((rc = u->M->init(u->mi, &rinit, u->theta, u->err, sizeof u->err))) {
        cell_fail(r, CELL_ERROR, rc, "model init", u->err);
        return;
    }
    if (c->init && init_from_checkpoint(u)) return;
    if (u->xs) {
        size_t S = (size_t)c->train.train_set, nx = u->nx, ny = u->ny;
        /* eval.on_train_set: the held-out set is this set, drawn from the
         * same seed (setup) and solved there already */
        int solved = need_ys && c->eval.on_train_set && u->yse && u->N == S;
        if ((rc = cell_sample(u, u->pi, &rtrain, AMOR_SPLIT_TRAIN, S, u->xs, u->err,
                              sizeof u->err))) {
            cell_fail(r, CELL_ERROR, rc, "training set", u->err);
            return;
        }
        solved = solved && !memcmp(u->xs, u->xe, S * nx * sizeof *u->xs);
        if (solved) memcpy(u->yss, u->yse, S * ny * sizeof *u->yss);
        else if (need_ys && (rc = u->P->solve(u->pi, S, u->xs, u->yss, u->err, sizeof u->err))) {
            cell_fail(r, CELL_ERROR, rc, "training set", u->err);
            return;
        }
    }
    g = d = 0;
    if (evaluate(u, &r->initial_objective_mean, &g, &r->initial_gap_mean, &d, v)) {
        cell_fail(r, CELL_ERROR, u->code, "initial evaluation", u->err);
        return;
    }
    r->has_initial = 1;
    r->initial_validation_mean = v[0];
    log_eval(u, 0, 0, 0);

    am_adam_reset(&adam);
    t0 = clock_now();
    for (step = 1; step <= c->train.steps; step++) {
        double lmean = 0;
        if (next_batch(u, &rtrain)) {
            cell_fail(r, CELL_ERROR, u->code, "training batch", u->err);
            return;
        }
        if (es) { /* the gradient from 2 es_pairs loss values of the batch */
            u->es_solved = 0;
            if (es_gradient(u->grad, &lmean, u->theta, np, c->train.es_pairs, c->train.es_sigma,
                            &res, u->es_eps, u->es_tp, es_batch_loss, u))
                return; /* es_batch_loss failed the cell */
        } else {
            if ((what = slices_round(u, slice_train_round, u->nsh))) {
                cell_fail(r, CELL_ERROR, u->code, what, u->err);
                return;
            }
            for (i = 0; i < B; i++) lmean += u->lossb[i];
            lmean /= (double)B;
        }
        if (!isfinite(lmean)) {
            char m[128];
            snprintf(m, sizeof m, "non-finite training loss at step %ld", step);
            cell_fail(r, CELL_DIVERGED, AMOR_ENUMERIC, m, NULL);
            r->train_steps = step;
            r->train_seconds = clock_now() - t0;
            return;
        }
        for (k = 1; !es && k < u->nsh; k++) {
            const double *gk = u->sh[k].g;
            for (i = 0; i < np; i++) u->grad[i] += gk[i];
        }
        if (c->train.has_clip) {
            double s = 0;
            for (i = 0; i < np; i++) s += u->grad[i] * u->grad[i];
            s = sqrt(s);
            if (s > c->train.clip)
                for (i = 0; i < np; i++) u->grad[i] *= c->train.clip / s;
        }
        if (!am_adam_step(&adam, u->theta, u->grad)) {
            char m[128];
            snprintf(m, sizeof m, "non-finite parameters after step %ld", step);
            cell_fail(r, CELL_DIVERGED, AMOR_ENUMERIC, m, NULL);
            r->train_steps = step;
            r->train_seconds = clock_now() - t0;
            return;
        }
        acc += lmean;
        nacc++;
        last = lmean;
        report(u, CELL_PHASE_TRAIN, step, acc / (double)nacc);
        if (c->train.eval_every > 0 &&
            (step % c->train.eval_every == 0 || step == c->train.steps)) {
            double e0 = clock_now();
            log_eval(u, step, acc / (double)nacc, 1);
            t0 += clock_now() - e0; /* evaluation is not training time */
            acc = 0;
            nacc = 0;
        }
    }
    r->train_seconds = clock_now() - t0;
    r->train_steps = c->train.steps;
    r->final_train_loss = last;
}

/* A held-out metric that is not finite at the final evaluation ends the cell
 * "diverged" (as NaN/Inf in training does), naming the first such metric of
 * objective_mean, gap_mean, distance_mean, validation_mean; an overflowing objective would
 * otherwise be an "ok" cell with an objective_mean of inf.  Returns 1 then. */
static int final_nonfinite(run *u, double obj, double gap, double dist, double val)
{
    char m[256];
    const char *metric = NULL, *what = NULL;
    const double *f = NULL;
    double bad = 0;
    size_t i, n = 0;
    if (!isfinite(obj)) {
        metric = "objective_mean", what = "objectives", f = u->fe, bad = obj;
    } else if (u->yse && !(isfinite(gap) && isfinite(dist))) {
        snprintf(m, sizeof m, "non-finite held-out %s at the final evaluation: %s",
                 isfinite(gap) ? "distance_mean" : "gap_mean",
                 nonfinite_text(isfinite(gap) ? dist : gap));
    } else if (u->fve && !isfinite(val)) {
        metric = "validation_mean", what = "validation objectives", f = u->fve, bad = val;
    } else {
        return 0;
    }
    if (f) {
        for (i = 0; i < u->N; i++) n += !isfinite(f[i]);
        snprintf(m, sizeof m,
                 "non-finite held-out %s at the final evaluation: %s; %zu of %zu held-out %s "
                 "are not finite", metric, nonfinite_text(bad), n, u->N, what);
    }
    cell_fail(u->r, CELL_DIVERGED, AMOR_ENUMERIC, m, NULL);
    return 1;
}

/* eval.iterates: the statistics of the per-context values the final
 * evaluation's slices left in fit, fvit and dit, summed in the order
 * evaluate() sums the final iterate's (so the last iterate's numbers are
 * objective_mean, gap_mean, ... bit for bit). */
static void iterate_metrics(run *u)
{
    cell_result *r = u->r;
    size_t j, i, N = u->N;
    for (j = 0; j < u->c->eval.niterates; j++) {
        const double *f = u->fit + j * N;
        r->iter_t[j] = u->c->eval.iterates[j];
        mean_std(f, N, &r->iter_objective_mean[j], &r->iter_objective_std[j]);
        if (u->fvit)
            mean_std(u->fvit + j * N, N, &r->iter_validation_mean[j], &r->iter_validation_std[j]);
        if (u->yse) {
            double g = 0, d = 0;
            for (i = 0; i < N; i++) {
                g += f[i] - u->fse[i];
                d += u->dit[j * N + i];
            }
            r->iter_gap_mean[j] = g / (double)N;
            r->iter_distance_mean[j] = d / (double)N;
        }
    }
    r->niter = u->c->eval.niterates;
}

/* Final held-out metrics and inference timing. */
static void final_eval(run *u)
{
    cell_result *r = u->r;
    double t, t0, g = 0, d = 0, v[2] = {0, 0};
    long reps = 0;
    uint64_t calls0;
    int rc;
    r->eval_contexts = (long)u->N;
    calls0 = slices_oracle_calls(u);
    u->iter_metrics = u->c->eval.niterates > 0;
    rc = evaluate(u, &r->objective_mean, &r->objective_std, &g, &d, v);
    u->iter_metrics = 0;
    if (rc) {
        cell_fail(r, CELL_ERROR, u->code, "final evaluation", u->err);
        return;
    }
    r->oracle_calls_per_instance = (double)(slices_oracle_calls(u) - calls0) / (double)u->N;
    if (final_nonfinite(u, r->objective_mean, g, d, v[0])) return;
    iterate_metrics(u);
    if (u->yse) {
        double fm, fs;
        mean_std(u->fse, u->N, &fm, &fs);
        r->has_optimal = 1;
        r->optimal_objective_mean = fm;
        r->gap_mean = g;
        r->distance_mean = d;
    }
    if (u->fve) {
        r->has_validation = 1;
        r->validation_mean = v[0];
        r->validation_std = v[1];
    }
    r->has_eval = 1;
    t0 = clock_now();
    do {
        if (slices_round(u, slice_infer_round, u->nshe)) {
            cell_fail(r, CELL_ERROR, u->code, "model forward (timing)", u->err);
            return;
        }
        reps++;
        t = clock_now() - t0;
    } while (reps < 3 || t < u->c->eval.timing);
    r->infer_seconds = t / ((double)reps * (double)u->N);
}

/* tol_job.policy: the evaluation model's solver_policy over the whole
 * held-out batch (the run's instance, oracle and workspace, which is sized
 * for N rows), its oracle bound to the visible held-out rows. */
static int tol_policy(void *ctx, size_t k, const double *prev, double *state, char *err,
                      size_t errlen)
{
    run *u = ctx;
    int rc;
    err[0] = '\0';
    oracle_bind(&u->oc, u->xev, u->xe, u->N);
    rc = u->M->solver_policy(u->emi, u->theta, u->N, u->xev, k, prev, state, u->ws, err, errlen);
    if (rc && !err[0]) snprintf(err, errlen, "%s", u->oc.err);
    return rc;
}

/* The from-scratch baselines (solver.h): the gradient ones, and the
 * problem's own method to eval.tolerances, cold and warm-started from the
 * final predictions (left in u->ite by final_eval). */
static void solver_phase(run *u)
{
    const cell_spec *c = u->c;
    cell_result *r = u->r;
    int rc, reported = 0;
    if (c->solver.iterations > 0 && u->P->value_grad) {
        report(u, CELL_PHASE_SOLVER, r->train_steps, r->final_train_loss);
        reported = 1;
        solver_job job = {u->P, u->pi, u->nx, u->ny, u->N, u->xe, r->objective_mean,
                          &c->solver};
        if ((rc = solver_run(&job, r, u->err, sizeof u->err))) {
            cell_fail(r, CELL_ERROR, rc, "solver baseline", u->err);
            return;
        }
    }
    if (c->eval.ntolerances > 0 && u->P->solver_step) {
        if (!reported) report(u, CELL_PHASE_SOLVER, r->train_steps, r->final_train_loss);
        tol_job job = {u->P, u->pi, u->nx, u->ny, u->N, u->xe,
                       u->ite + (u->Te - 1) * u->N * u->ny, &c->eval, &c->solver,
                       u->M->solver_policy ? tol_policy : NULL, u};
        if ((rc = solver_tolerances(&job, r, u->err, sizeof u->err)))
            cell_fail(r, CELL_ERROR, rc, "eval.tolerances (the problem's solver step)", u->err);
    }
}

void cell_run(const cell_spec *c, cell_result *r)
{
    cell_run_progress(c, r, NULL, NULL);
}

void cell_run_progress(const cell_spec *c, cell_result *r, cell_progress_fn fn, void *ctx)
{
    run u;
    int blas_threads = -1, rc;
    memset(r, 0, sizeof *r);
    memset(&u, 0, sizeof u);
    u.c = c;
    u.r = r;
    u.progress = fn;
    u.pctx = ctx;
    report(&u, CELL_PHASE_SETUP, 0, NAN);
    /* the cell's own threads each call BLAS: one OpenBLAS thread per call */
    if (c->train.threads > 1 && (blas_threads = blas_get_threads()) != 1)
        blas_set_threads(1);
    if (setup(&u) == 0) {
        r->num_params = u.np;
        report(&u, CELL_PHASE_TRAIN, 0, NAN);
        train(&u);
        report(&u, CELL_PHASE_EVAL, r->train_steps, r->final_train_loss);
        if (r->status == CELL_OK) final_eval(&u);
        if (r->status == CELL_OK) predict(&u);
        if (r->status == CELL_OK && c->checkpoint &&
            (rc = checkpoint_write(c->checkpoint, c->key, c->model.head->name, c->model_text,
                                   u.nxm, u.ny, u.theta, u.np, u.err, sizeof u.err)))
            cell_fail(r, CELL_ERROR, rc, "train.save_model", u.err);
        if (r->status == CELL_OK) solver_phase(&u);
        if (slices_fd_hvp_used(&u))
            snprintf(r->note, sizeof r->note,
                     "problem has no hvp: Hessian-vector products by central finite "
                     "differences of gradients");
    }
    run_free(&u);
    if (blas_threads > 1) blas_set_threads(blas_threads);
}
