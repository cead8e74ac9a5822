/*
 * train.c -- runs one cell: creates the problem, model and loss instances,
 * trains theta with Adam on contexts from p(x), evaluates on a held-out set
 * (objective, gap, distance, inference time) and runs the from-scratch solver
 * baseline.  All buffers are allocated once, before the training loop.
 *
 * train.threads = t > 1 splits every training batch (and every pass over the
 * held-out set) into up to t contiguous shards of at least SHARD_MIN_ROWS
 * rows, run by a team of threads (team.h).
 * Shard k has its own problem, model and loss instances (the ABI lets an
 * instance be used by one thread at a time), oracle, workspace, iterates
 * and loss stream; the batch is sampled whole, on the calling thread, from
 * the same stream as with one thread.  Shard k's gradient goes into its own
 * buffer and the buffers are added in shard order, so a run is reproducible
 * for a given t; the result differs from t = 1 at rounding level (a sum
 * split in two is added in another order), as it would with another batch
 * shape.  OpenBLAS runs one thread per call meanwhile (cell_run_progress).
 */
#include "cell.h"
#include "adam.h"
#include "blas.h"
#include "checkpoint.h"
#include "oracle.h"
#include "solver.h"
#include "team.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

double train_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

uint64_t cell_hash(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ull;
    }
    return amor_splitmix64(&h);
}

void cell_spec_free(cell_spec *c)
{
    size_t i;
    free(c->predict);
    free(c->experiment);
    free(c->id);
    free(c->model_text);
    free(c->checkpoint);
    free(c->init_path);
    free(c->train.init_from);
    if (c->init) checkpoint_free(c->init);
    free(c->init);
    params_free(&c->problem.ps);
    params_free(&c->model.ps);
    params_free(&c->loss.ps);
    for (i = 0; i < c->ncols; i++) {
        free(c->cols[i].name);
        free(c->cols[i].value);
    }
    free(c->cols);
    memset(c, 0, sizeof *c);
}

void cell_result_free(cell_result *r)
{
    free(r->curves);
    free(r->solver_rows);
    free(r->track_x);
    free(r->track_ystar);
    free(r->track_steps);
    free(r->track_yhat);
    free(r->predictions);
    memset(r, 0, sizeof *r);
}

int cell_incompatible(const cell_spec *c, char *why, size_t whylen)
{
    const amor_problem_desc *p = (const amor_problem_desc *)c->problem.head;
    const amor_loss_desc *l = (const amor_loss_desc *)c->loss.head;
    if ((l->needs & AMOR_NEEDS_YSTAR) && !p->solve)
        return amor_errorf(why, whylen, 1,
                           "loss '%s' needs reference solutions y* but problem "
                           "'%s' has no solver", l->head.name, p->head.name);
    const amor_model_desc *m = (const amor_model_desc *)c->model.head;
    if ((m->needs & AMOR_NEEDS_GRAD) && !p->value_grad)
        return amor_errorf(why, whylen, 1,
                           "model '%s' takes gradient steps but problem '%s' provides "
                           "only values", m->head.name, p->head.name);
    if ((l->needs & AMOR_NEEDS_GRAD) && !p->value_grad)
        return amor_errorf(why, whylen, 1,
                           "loss '%s' needs gradients but problem '%s' provides "
                           "only values", l->head.name, p->head.name);
    return 0;
}

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

static void fail(cell_result *r, const char *status, const char *what,
                 const char *msg)
{
    snprintf(r->status, sizeof r->status, "%s", status);
    snprintf(r->error, sizeof r->error, "%s%s%s", what, msg && *msg ? ": " : "",
             msg ? msg : "");
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

/* One shard of the batch (and of the held-out set) and what it runs on.
 * Shard 0 uses the run's own instances and buffers where it can. */
typedef struct shard {
    size_t off, n;      /* rows of the training batch */
    size_t eoff, en;    /* rows of the held-out set */
    void *pi, *mi, *li;
    oracle_ctx *oc;     /* &own_oc, or the run's for shard 0 */
    oracle_ctx own_oc;
    int own_oc_ready;
    amor_env menv, lenv;
    double *itb, *ditb; /* (T, n, ny) */
    double *g;          /* (np) its dL/dtheta; the run's grad for shard 0 */
    double *ite;        /* (T, en, ny); the run's ite when there is one shard */
    double *block;      /* what this shard allocated (k > 0) */
    void *ws, *own_ws;
    amor_rng rloss;
    int rc;             /* of the last round: 0, or failed */
    const char *what;   /* which call failed */
    char err[1024];
} shard;

/* Everything one cell allocates, in one place. */
typedef struct run {
    const cell_spec *c;
    cell_result *r;
    const amor_problem_desc *P;
    const amor_model_desc *M;
    const amor_loss_desc *Lo;
    void *pi, *mi, *li;
    oracle_ctx oc;
    int oc_ready;
    amor_env menv, lenv;
    size_t nx, ny, T, np, B, N;
    double *block;      /* one allocation for every double buffer below */
    double *theta, *grad, *am, *av; /* (np) */
    double *xb, *ysb;   /* (B, nx), (B, ny) training batch, its y* */
    double *itb, *ditb; /* (T, B, ny) iterates and dL/diterates */
    double *lossb;      /* (B) */
    double *xs, *yss;   /* (S, nx), (S, ny) fixed training set, if any */
    double *xe, *yse, *fse; /* (N, nx), (N, ny), (N) held-out set, y*, f(y*) */
    double *ite, *fe;   /* (T, N, ny), (N) */
    void *ws;           /* model workspace, max over B and N */
    shard *sh;          /* train.threads shards (1 without threads) */
    size_t nsh;         /* shards of the training batch: min(threads, B) */
    size_t nshe;        /* shards of the held-out set: min(threads, N) */
    team *team;
    int need_ys;
    int solve_in_shards; /* y* of a fresh batch solved by the shards */
    char err[1024];
    cell_progress_fn progress; /* may be NULL */
    void *pctx;
} run;

static void report(run *u, int phase, long step, double loss)
{
    if (u->progress) u->progress(u->pctx, phase, step, u->c->train.steps, loss);
}

static void shards_free(run *u)
{
    size_t k;
    team_destroy(u->team);
    u->team = NULL;
    if (!u->sh) return;
    for (k = 1; k < u->nsh || k < u->nshe; k++) {
        shard *s = &u->sh[k];
        if (s->li) u->Lo->destroy(s->li);
        if (s->mi) u->M->destroy(s->mi);
        if (s->own_oc_ready) oracle_free(&s->own_oc);
        if (s->pi) u->P->destroy(s->pi);
        free(s->block);
        free(s->own_ws);
    }
    free(u->sh[0].block);
    free(u->sh);
    u->sh = NULL;
}

static void run_free(run *u)
{
    shards_free(u);
    if (u->li) u->Lo->destroy(u->li);
    if (u->mi) u->M->destroy(u->mi);
    if (u->oc_ready) oracle_free(&u->oc);
    if (u->pi) u->P->destroy(u->pi);
    free(u->block);
    free(u->ws);
}

/* The first failed shard of the last round: its message into u->err.
 * Returns the failed call's name, or NULL if none failed. */
static const char *shard_failure(run *u, size_t nsh)
{
    size_t k;
    for (k = 0; k < nsh; k++) {
        shard *s = &u->sh[k];
        if (s->rc) {
            snprintf(u->err, sizeof u->err, "%s", s->err[0] ? s->err : s->oc->err);
            return s->what;
        }
    }
    return NULL;
}

static int shard_failed(shard *s, int rc, const char *what)
{
    if (rc) {
        s->rc = rc;
        s->what = what;
    }
    return rc;
}

/* A forward pass of shard k over its rows of the held-out set: the last
 * iterate lands in the run's ite (T = 1, or one shard: written there). */
static int shard_forward_eval(run *u, shard *s)
{
    size_t ny = u->ny, T = u->T, N = u->N;
    if (shard_failed(s, u->M->forward(s->mi, u->theta, s->en, u->xe + s->eoff * u->nx, s->ite,
                                      s->ws, 0, s->err, sizeof s->err), "model forward"))
        return -1;
    if (s->ite != u->ite && s->ite != u->ite + s->eoff * ny)
        memcpy(u->ite + (T - 1) * N * ny + s->eoff * ny, s->ite + (T - 1) * s->en * ny,
               s->en * ny * sizeof(double));
    return 0;
}

static void eval_round(void *ctx, int k)
{
    run *u = ctx;
    shard *s = &u->sh[k];
    const double *yhat = u->ite + (u->T - 1) * u->N * u->ny;
    s->rc = 0;
    s->err[0] = 0;
    if (shard_forward_eval(u, s)) return;
    shard_failed(s, u->P->value(s->pi, s->en, u->xe + s->eoff * u->nx, yhat + s->eoff * u->ny,
                                u->fe + s->eoff, s->err, sizeof s->err), "problem value");
}

static void infer_round(void *ctx, int k)
{
    run *u = ctx;
    shard *s = &u->sh[k];
    s->rc = 0;
    s->err[0] = 0;
    shard_forward_eval(u, s);
}

/* Members beyond the shards of a round have nothing to do. */
typedef struct shard_round {
    run *u;
    size_t nsh;
    team_fn fn;
} shard_round;

static void round_member(void *ctx, int k)
{
    shard_round *r = ctx;
    if ((size_t)k < r->nsh) r->fn(r->u, k);
}

static const char *run_round(run *u, team_fn fn, size_t nsh)
{
    shard_round r = {u, nsh, fn};
    if (nsh == 1) fn(u, 0); /* the other members would only wake to wait */
    else team_run(u->team, round_member, &r);
    return shard_failure(u, nsh);
}

/* Held-out metrics of the current theta into the given outputs. */
static int evaluate(run *u, double *obj_mean, double *obj_sd, double *gap,
                    double *dist)
{
    size_t i, k, N = u->N, ny = u->ny;
    const double *yhat = u->ite + (u->T - 1) * N * ny;
    if (run_round(u, eval_round, u->nshe)) return -1;
    mean_std(u->fe, N, obj_mean, obj_sd);
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
    memcpy(r->track_yhat + r->ntrack_steps * k * ny, u->ite + (u->T - 1) * u->N * ny,
           k * ny * sizeof(double));
    r->ntrack_steps++;
}

static void log_eval(run *u, long step, double train_loss, int has_train)
{
    double m, s, g = 0, d = 0;
    if (has_train) add_curve(u->r, step, "train", "loss", train_loss);
    if (evaluate(u, &m, &s, &g, &d)) return;
    add_track(u, step);
    add_curve(u->r, step, "eval", "objective", m);
    if (u->yse) {
        add_curve(u->r, step, "eval", "gap", g);
        add_curve(u->r, step, "eval", "distance", d);
    }
}

/* Shards of n rows with t threads: at most t, each of at least
 * SHARD_MIN_ROWS rows (one shard below 2 x that).  A smaller shard costs
 * more than it saves: every shard reads all of theta and writes a gradient
 * of its size, from another core (make bench: the sphere MLP with two
 * threads is slower at batch 32, faster from batch 64 on). */
#define SHARD_MIN_ROWS 64
static size_t shard_count(size_t t, size_t n)
{
    size_t most = n / SHARD_MIN_ROWS;
    if (most < 1) most = 1;
    return t < most ? t : most;
}

/* The shards of train.threads (one, the run itself, without): instances,
 * oracles, buffers and loss streams for shards 1.., and the team. */
static int setup_shards(run *u)
{
    const cell_spec *c = u->c;
    size_t t = c->train.threads > 1 ? (size_t)c->train.threads : 1;
    size_t B = u->B, N = u->N, T = u->T, ny = u->ny, np = u->np, k, nmax;
    uint64_t st;
    u->nsh = shard_count(t, B);
    u->nshe = shard_count(t, N);
    nmax = u->nsh > u->nshe ? u->nsh : u->nshe;
    u->sh = calloc(nmax, sizeof *u->sh);
    if (!u->sh) {
        fail(u->r, "error", "allocation", "out of memory");
        return -1;
    }
    u->solve_in_shards = u->need_ys && !u->xs;
    st = c->stream_seed ^ 0x3333333333333333ull;
    for (k = 0; k < nmax; k++) {
        shard *s = &u->sh[k];
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
        /* shard 0's loss stream is the run's (seeded in train()); the
         * others' follow from it */
        if (k) amor_rng_seed(&s->rloss, amor_splitmix64(&st));
        if (k == 0) {
            s->pi = u->pi;
            s->mi = u->mi;
            s->li = u->li;
            s->oc = &u->oc;
            s->itb = u->itb;
            s->ditb = u->ditb;
            s->g = u->grad;
            s->ws = u->ws;
            if (u->nshe == 1 || T == 1) s->ite = u->ite;
            else if (!(s->ite = s->block = malloc(T * s->en * ny * sizeof(double)))) {
                fail(u->r, "error", "allocation", "out of memory");
                return -1;
            }
            continue;
        }
        if (u->P->create(c->problem.ps.values, &s->pi, s->err, sizeof s->err) || !s->pi) {
            s->pi = NULL;
            fail(u->r, "error", "problem create (thread 2 and beyond)", s->err);
            return -1;
        }
        if (oracle_init(&s->own_oc, u->P, s->pi)) {
            fail(u->r, "error", "allocation", "out of memory");
            return -1;
        }
        s->own_oc_ready = 1;
        s->oc = &s->own_oc;
        s->menv = (amor_env){sizeof(amor_env), 0, u->nx, ny, 0, &s->oc->table};
        s->lenv = (amor_env){sizeof(amor_env), 0, u->nx, ny, T, &s->oc->table};
        if (u->M->create(c->model.ps.values, &s->menv, &s->mi, s->err, sizeof s->err) || !s->mi) {
            s->mi = NULL;
            fail(u->r, "error", "model create (thread 2 and beyond)", s->err);
            return -1;
        }
        if (u->M->num_params(s->mi) != np || u->M->num_iterates(s->mi) != T) {
            fail(u->r, "error", "model create (thread 2 and beyond)",
                 "a second instance with the same parameters reports another num_params or "
                 "num_iterates");
            return -1;
        }
        if (u->Lo->create(c->loss.ps.values, &s->lenv, &s->li, s->err, sizeof s->err) || !s->li) {
            s->li = NULL;
            fail(u->r, "error", "loss create (thread 2 and beyond)", s->err);
            return -1;
        }
        total = 2 * T * s->n * ny + (k < u->nsh ? np : 0) + (T > 1 ? T * s->en * ny : 0);
        s->block = calloc(total ? total : 1, sizeof(double));
        if (s->n) wsz = u->M->workspace_size(s->mi, s->n);
        if (s->en) {
            size_t we = u->M->workspace_size(s->mi, s->en);
            if (we > wsz) wsz = we;
        }
        s->ws = s->own_ws = aligned_alloc(64, ((wsz ? wsz : 1) + 63) / 64 * 64);
        if (!s->block || !s->ws) {
            fail(u->r, "error", "allocation", "out of memory");
            return -1;
        }
        p = s->block;
        s->itb = p; p += T * s->n * ny;
        s->ditb = p; p += T * s->n * ny;
        s->g = k < u->nsh ? p : NULL; p += k < u->nsh ? np : 0;
        s->ite = T > 1 ? p : u->ite + s->eoff * ny;
    }
    u->team = team_create((int)nmax);
    if (!u->team) {
        fail(u->r, "error", "train.threads", "cannot start its threads");
        return -1;
    }
    return 0;
}

static int setup(run *u)
{
    const cell_spec *c = u->c;
    cell_result *r = u->r;
    size_t S = c->train.train_set > 0 ? (size_t)c->train.train_set : 0;
    size_t total, wsb, wse;
    double *p;
    amor_rng erng;

    u->P = (const amor_problem_desc *)c->problem.head;
    u->M = (const amor_model_desc *)c->model.head;
    u->Lo = (const amor_loss_desc *)c->loss.head;
    u->B = (size_t)c->train.batch;
    u->N = (size_t)c->eval.contexts;

    if (cell_incompatible(c, u->err, sizeof u->err)) {
        fail(r, "error", "incompatible cell", u->err);
        return -1;
    }
    if (u->P->create(c->problem.ps.values, &u->pi, u->err, sizeof u->err) || !u->pi) {
        u->pi = NULL;
        fail(r, "error", "problem create", u->err);
        return -1;
    }
    oracle_init(&u->oc, u->P, u->pi);
    u->oc_ready = 1;
    u->nx = u->oc.nx;
    u->ny = u->oc.ny;
    if (!u->nx || !u->ny) {
        snprintf(u->err, sizeof u->err,
                 "problem '%s' reports dims nx = %zu, ny = %zu; both must be positive",
                 u->P->head.name, u->nx, u->ny);
        fail(r, "error", u->err, NULL);
        return -1;
    }
    u->menv = (amor_env){sizeof(amor_env), 0, u->nx, u->ny, 0, &u->oc.table};
    if (u->M->create(c->model.ps.values, &u->menv, &u->mi, u->err, sizeof u->err) || !u->mi) {
        u->mi = NULL;
        fail(r, "error", "model create", u->err);
        return -1;
    }
    u->T = u->M->num_iterates(u->mi);
    u->np = u->M->num_params(u->mi);
    if (u->T < 1) {
        fail(r, "error", "model", "num_iterates must be at least 1");
        return -1;
    }
    u->lenv = (amor_env){sizeof(amor_env), 0, u->nx, u->ny, u->T, &u->oc.table};
    if (u->Lo->create(c->loss.ps.values, &u->lenv, &u->li, u->err, sizeof u->err) || !u->li) {
        u->li = NULL;
        fail(r, "error", "loss create", u->err);
        return -1;
    }

    size_t B = u->B, N = u->N, nx = u->nx, ny = u->ny, T = u->T, np = u->np;
    int need_ys = (u->Lo->needs & AMOR_NEEDS_YSTAR) != 0;
    total = 4 * np + B * nx + B * ny + 2 * T * B * ny + B + S * nx + S * ny +
            N * nx + 2 * N * ny + N + T * N * ny + N;
    u->block = calloc(total ? total : 1, sizeof(double));
    wsb = u->M->workspace_size(u->mi, B);
    wse = u->M->workspace_size(u->mi, N);
    wsb = wsb > wse ? wsb : wse;
    u->ws = aligned_alloc(64, ((wsb ? wsb : 1) + 63) / 64 * 64);
    if (!u->block || !u->ws) {
        fail(r, "error", "allocation", "out of memory");
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
    u->ite = p; p += T * N * ny;
    u->fe = p; p += N;
    u->need_ys = need_ys;
    if (setup_shards(u)) return -1;

    /* held-out set: its own stream, shared by every cell on this problem */
    amor_rng_seed(&erng, c->eval_seed);
    if (u->P->sample(u->pi, &erng, N, u->xe, u->err, sizeof u->err)) {
        fail(r, "error", "problem sample (held-out set)", u->err);
        return -1;
    }
    if (u->P->solve) {
        if (u->P->solve(u->pi, N, u->xe, u->yse, u->err, sizeof u->err) ||
            u->P->value(u->pi, N, u->xe, u->yse, u->fse, u->err, sizeof u->err)) {
            fail(r, "error", "problem solve (held-out set)", u->err);
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
            fail(r, "error", "allocation", "out of memory");
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
    size_t n = c->npredict, T = u->T, ny = u->ny;
    double *it;
    void *ws;
    if (!n) return;
    if (c->predict_nx != u->nx) {
        snprintf(u->err, sizeof u->err, "predict: contexts have %zu values, problem '%s' has nx = %zu",
                 c->predict_nx, u->P->head.name, u->nx);
        fail(r, "error", u->err, NULL);
        return;
    }
    it = malloc(T * n * ny * sizeof *it);
    ws = aligned_alloc(64, (u->M->workspace_size(u->mi, n) + 64) / 64 * 64);
    r->predictions = malloc(n * ny * sizeof(double));
    if (!it || !ws || !r->predictions) {
        fail(r, "error", "allocation", "out of memory");
    } else if (u->M->forward(u->mi, u->theta, n, c->predict, it, ws, 0, u->err, sizeof u->err)) {
        fail(r, "error", "model forward (predict)", u->err[0] ? u->err : u->oc.err);
    } else {
        memcpy(r->predictions, it + (T - 1) * n * ny, n * ny * sizeof(double));
        r->ny = ny;
        r->npredict = n;
    }
    free(it);
    free(ws);
}

/* Choose the next training batch into xb (and ysb if the loss needs y*). */
static int next_batch(run *u, amor_rng *rng)
{
    size_t B = u->B, nx = u->nx, ny = u->ny, i;
    int need_ys = (u->Lo->needs & AMOR_NEEDS_YSTAR) != 0;
    if (u->xs) {
        size_t S = (size_t)u->c->train.train_set;
        for (i = 0; i < B; i++) {
            size_t j = (size_t)(amor_rng_next(rng) % S);
            memcpy(u->xb + i * nx, u->xs + j * nx, nx * sizeof(double));
            if (need_ys) memcpy(u->ysb + i * ny, u->yss + j * ny, ny * sizeof(double));
        }
        return 0;
    }
    if (u->P->sample(u->pi, rng, B, u->xb, u->err, sizeof u->err)) return -1;
    (void)need_ys; /* y* of fresh contexts: solved by the shards (train_round) */
    return 0;
}

/* Shard k's part of a training step: y* of its contexts if the loss needs
 * them, forward, loss, dL/diterates / B, and its gradient into s->g. */
static void train_round(void *ctx, int k)
{
    run *u = ctx;
    shard *s = &u->sh[k];
    size_t i, n = s->n, nx = u->nx, ny = u->ny, T = u->T, m = T * n * ny;
    const double *x = u->xb + s->off * nx;
    double *ys = u->ysb + s->off * ny, *loss = u->lossb + s->off, sum = 0, inv;
    s->rc = 0;
    s->err[0] = 0;
    if (u->solve_in_shards &&
        shard_failed(s, u->P->solve(s->pi, n, x, ys, s->err, sizeof s->err), "training batch"))
        return;
    if (shard_failed(s, u->M->forward(s->mi, u->theta, n, x, s->itb, s->ws, AMOR_FORWARD_TRAIN,
                                      s->err, sizeof s->err), "model forward"))
        return;
    if (shard_failed(s, u->Lo->eval(s->li, n, T, x, s->itb, u->need_ys ? ys : NULL, &s->rloss,
                                     loss, s->ditb, s->err, sizeof s->err), "loss"))
        return;
    for (i = 0; i < n; i++) sum += loss[i];
    if (!isfinite(sum)) return; /* the step reports the divergence */
    inv = 1.0 / (double)u->B;
    for (i = 0; i < m; i++) s->ditb[i] *= inv;
    memset(s->g, 0, u->np * sizeof *s->g);
    shard_failed(s, u->M->backward(s->mi, u->theta, n, x, s->ditb, s->g, s->ws, s->err,
                                   sizeof s->err), "model backward");
}

/* train.init_from: theta from the checkpoint read when the cell was built,
 * if it fits this cell's model instance. */
static int init_from_checkpoint(run *u)
{
    const checkpoint *k = u->c->init;
    if (k->n != u->np || k->nx != u->nx || k->ny != u->ny) {
        snprintf(u->err, sizeof u->err,
                 "train.init_from: checkpoint %s holds %zu parameters of %s trained with nx = "
                 "%llu, ny = %llu; this cell's model has %zu parameters: %s with nx = %zu, "
                 "ny = %zu", u->c->init_path, k->n, k->params, (unsigned long long)k->nx,
                 (unsigned long long)k->ny, u->np, u->c->model_text, u->nx, u->ny);
        fail(u->r, "error", u->err, NULL);
        return -1;
    }
    memcpy(u->theta, k->theta, u->np * sizeof *u->theta);
    return 0;
}

static void train(run *u)
{
    const cell_spec *c = u->c;
    cell_result *r = u->r;
    amor_rng rinit, rtrain;
    size_t B = u->B, np = u->np, i, k;
    int need_ys = u->need_ys;
    const char *what;
    am_adam adam = {np, u->am, u->av, 0, c->train.lr, c->train.beta1,
                       c->train.beta2, c->train.eps, c->train.weight_decay};
    double t0, acc = 0, last = NAN, g, d;
    long step, nacc = 0;

    amor_rng_seed(&rinit, c->stream_seed ^ 0x1111111111111111ull);
    amor_rng_seed(&rtrain, c->stream_seed ^ 0x2222222222222222ull);
    amor_rng_seed(&u->sh[0].rloss, c->stream_seed ^ 0x3333333333333333ull);

    if (u->M->init(u->mi, &rinit, u->theta, u->err, sizeof u->err)) {
        fail(r, "error", "model init", u->err);
        return;
    }
    if (c->init && init_from_checkpoint(u)) return;
    if (u->xs) {
        size_t S = (size_t)c->train.train_set;
        if (u->P->sample(u->pi, &rtrain, S, u->xs, u->err, sizeof u->err) ||
            (need_ys && u->P->solve(u->pi, S, u->xs, u->yss, u->err, sizeof u->err))) {
            fail(r, "error", "training set", u->err);
            return;
        }
    }
    g = d = 0;
    if (evaluate(u, &r->initial_objective_mean, &g, &r->initial_gap_mean, &d)) {
        fail(r, "error", "initial evaluation", u->err);
        return;
    }
    r->has_initial = 1;
    log_eval(u, 0, 0, 0);

    am_adam_reset(&adam);
    t0 = train_now();
    for (step = 1; step <= c->train.steps; step++) {
        double lmean = 0;
        if (next_batch(u, &rtrain)) {
            fail(r, "error", "training batch", u->err);
            return;
        }
        if ((what = run_round(u, train_round, u->nsh))) {
            fail(r, "error", what, u->err);
            return;
        }
        for (i = 0; i < B; i++) lmean += u->lossb[i];
        lmean /= (double)B;
        if (!isfinite(lmean)) {
            char m[128];
            snprintf(m, sizeof m, "non-finite training loss at step %ld", step);
            fail(r, "diverged", m, NULL);
            r->train_steps = step;
            r->train_seconds = train_now() - t0;
            return;
        }
        for (k = 1; k < u->nsh; k++) {
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
            fail(r, "diverged", m, NULL);
            r->train_steps = step;
            r->train_seconds = train_now() - t0;
            return;
        }
        acc += lmean;
        nacc++;
        last = lmean;
        report(u, CELL_PHASE_TRAIN, step, acc / (double)nacc);
        if (c->train.eval_every > 0 &&
            (step % c->train.eval_every == 0 || step == c->train.steps)) {
            double e0 = train_now();
            log_eval(u, step, acc / (double)nacc, 1);
            t0 += train_now() - e0; /* evaluation is not training time */
            acc = 0;
            nacc = 0;
        }
    }
    r->train_seconds = train_now() - t0;
    r->train_steps = c->train.steps;
    r->final_train_loss = last;
}

/* Oracle calls of every shard so far. */
static uint64_t oracle_calls(const run *u)
{
    uint64_t n = 0;
    size_t k;
    for (k = 0; k < u->nshe; k++) {
        const oracle_ctx *o = u->sh[k].oc;
        n += o->value_calls + o->grad_calls + o->hvp_calls;
    }
    return n;
}

/* Final held-out metrics and inference timing. */
static void final_eval(run *u)
{
    cell_result *r = u->r;
    double t, t0, g = 0, d = 0;
    long reps = 0;
    uint64_t calls0;
    r->eval_contexts = (long)u->N;
    calls0 = oracle_calls(u);
    if (evaluate(u, &r->objective_mean, &r->objective_std, &g, &d)) {
        fail(r, "error", "final evaluation", u->err);
        return;
    }
    r->oracle_calls_per_instance = (double)(oracle_calls(u) - calls0) / (double)u->N;
    if (u->yse) {
        double fm, fs;
        mean_std(u->fse, u->N, &fm, &fs);
        r->has_optimal = 1;
        r->optimal_objective_mean = fm;
        r->gap_mean = g;
        r->distance_mean = d;
    }
    r->has_eval = 1;
    t0 = train_now();
    do {
        if (run_round(u, infer_round, u->nshe)) {
            fail(r, "error", "model forward (timing)", u->err);
            return;
        }
        reps++;
        t = train_now() - t0;
    } while (reps < 3 || t < u->c->eval.timing);
    r->infer_seconds = t / ((double)reps * (double)u->N);
}

static int fd_hvp_used(const run *u)
{
    size_t k, n = u->nsh > u->nshe ? u->nsh : u->nshe;
    if (u->oc.fd_hvp_used) return 1;
    for (k = 0; u->sh && k < n; k++)
        if (u->sh[k].oc && u->sh[k].oc->fd_hvp_used) return 1;
    return 0;
}

void cell_run(const cell_spec *c, cell_result *r)
{
    cell_run_progress(c, r, NULL, NULL);
}

void cell_run_progress(const cell_spec *c, cell_result *r, cell_progress_fn fn, void *ctx)
{
    run u;
    int blas_threads = -1;
    memset(r, 0, sizeof *r);
    memset(&u, 0, sizeof u);
    snprintf(r->status, sizeof r->status, "ok");
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
        if (!strcmp(r->status, "ok")) final_eval(&u);
        if (!strcmp(r->status, "ok")) predict(&u);
        if (!strcmp(r->status, "ok") && c->checkpoint &&
            checkpoint_write(c->checkpoint, c->model.head->name, c->model_text, u.nx, u.ny,
                             u.theta, u.np, u.err, sizeof u.err))
            fail(r, "error", "train.save_model", u.err);
        if (!strcmp(r->status, "ok") && c->solver.iterations > 0 && u.P->value_grad) {
            report(&u, CELL_PHASE_SOLVER, r->train_steps, r->final_train_loss);
            solver_job job = {u.P, u.pi, u.nx, u.ny, u.N, u.xe, r->objective_mean,
                              &c->solver};
            if (solver_run(&job, r, u.err, sizeof u.err))
                fail(r, "error", "solver baseline", u.err);
        }
        if (fd_hvp_used(&u))
            snprintf(r->note, sizeof r->note,
                     "problem has no hvp: Hessian-vector products by central finite "
                     "differences of gradients");
    }
    run_free(&u);
    if (blas_threads > 1) blas_set_threads(blas_threads);
}
