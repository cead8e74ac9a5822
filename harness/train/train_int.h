/*
 * train_int.h -- what train.c and slice.c share: one cell's run (every
 * buffer and instance it allocates) and its slices.
 */
#ifndef AMOR_TRAIN_INT_H
#define AMOR_TRAIN_INT_H

#include "cell.h"
#include "oracle.h"
#include "team.h"

/* One slice of the batch (and of the held-out set) and what it runs on.
 * Slice 0 uses the run's own instances and buffers where it can. */
typedef struct slice {
    size_t off, n;      /* rows of the training batch */
    size_t eoff, en;    /* rows of the held-out set */
    void *pi, *mi, *li;
    void *emi;          /* the evaluation model (eval.model; else mi) */
    oracle_ctx *oc;     /* &own_oc, or the run's for slice 0 */
    oracle_ctx own_oc;
    int own_oc_ready;
    amor_env menv, lenv;
    double *itb, *ditb; /* (T, n, ny) */
    double *g;          /* (np) its dL/dtheta; the run's grad for slice 0 */
    double *ite;        /* (Te, en, ny); the run's ite when there is one slice */
    double *block;      /* what this slice allocated (k > 0) */
    void *ws, *own_ws;
    amor_rng rloss;
    amor_rng rloss_pair; /* train.estimator = es: rloss before a pair's + member */
    int rc;             /* of the last round: 0, or failed */
    const char *what;   /* which call failed */
    char err[1024];
} slice;

/* Everything one cell allocates, in one place. */
typedef struct run {
    const cell_spec *c;
    cell_result *r;
    const amor_problem_desc *P;
    const amor_model_desc *M;
    const amor_loss_desc *Lo;
    void *pi, *mi, *li;
    /* eval.model: the instance every held-out evaluation runs, made with
     * evalues; without eval.model, emi = mi and evalues NULL */
    void *emi;
    amor_value *evalues;
    oracle_ctx oc;
    int oc_ready;
    amor_env menv, lenv;
    size_t nx, ny, T, np, B, N;
    size_t Te;          /* the evaluation model's iterates (T without eval.model) */
    size_t nxm;         /* the visible width models get (<= nx) */
    double *block;      /* one allocation for every double buffer below */
    double *theta, *grad, *am, *av; /* (np) */
    double *xb, *ysb;   /* (B, nx), (B, ny) training batch, its y* */
    double *itb, *ditb; /* (T, B, ny) iterates and dL/diterates */
    double *lossb;      /* (B) */
    double *xs, *yss;   /* (S, nx), (S, ny) fixed training set, if any */
    double *xe, *yse, *fse; /* (N, nx), (N, ny), (N) held-out set, y*, f(y*) */
    double *ite, *fe;   /* (Te, N, ny), (N) */
    double *fve;        /* (N) validation objective, or NULL without one */
    /* eval.iterates, filled by the final evaluation (iter_metrics set):
     * objective, validation objective and distance to y* of each asked
     * iterate, (niterates, N) each; fvit and dit NULL when not applicable */
    double *fit, *fvit, *dit;
    int iter_metrics;
    double *xbv, *xev;  /* (B, nxm), (N, nxm): what models see of xb and xe
                           (xb and xe themselves without private data) */
    void *ws;           /* model workspace, max over B and N */
    slice *sh;          /* train.threads slices (1 without threads) */
    size_t nsh;         /* slices of the training batch (slice.c) */
    size_t nshe;        /* slices of the held-out set */
    team *team;
    int need_ys;
    int solve_in_slices; /* y* of a fresh batch solved by the slices */
    /* train.estimator = es (es.h): the theta slice_loss_round runs, the
     * batch's y* already solved this step, the perturbation buffers */
    const double *theta_fwd;
    int es_solved;
    double *es_eps, *es_tp; /* (np) each */
    char err[1024];
    int code;           /* amor_status of the failure in err (slice rounds) */
    cell_progress_fn progress; /* may be NULL */
    void *pctx;
} run;

/* Draw n contexts of a split (AMOR_SPLIT_*) with the problem's sample_split,
 * or sample when it has none. */
int cell_sample(const run *u, void *pi, amor_rng *rng, uint32_t split, size_t n, double *x,
                char *err, size_t errlen);

/* Destroy a set of instances (any may be NULL; oc NULL when not set up;
 * emi only when it is not mi), loss and models before the problem their
 * oracle wraps. */
void cell_instances_free(const run *u, void *pi, void *mi, void *emi, void *li, oracle_ctx *oc);

/* The evaluation instance of eval.model on an oracle's model table (env),
 * checked against the trained model's num_params and the run's Te; stage
 * names the instance in messages ("" or " (thread 2 and beyond)").  0, or
 * -1 with the cell failed. */
int cell_eval_model_create(run *u, amor_env *env, void **emi, const char *stage, char *err,
                           size_t errlen);

/* slice.c: the slices of train.threads and the rounds they run.  A round
 * function (team_fn) gets the run and the slice's index. */
int slices_setup(run *u);          /* after the run's own instances and buffers */
void slices_free(run *u);
const char *slices_round(run *u, team_fn fn, size_t nsh); /* NULL, or the failed call
                                                             (message in u->err) */
void slice_eval_round(void *ctx, int k);  /* forward + value on the held-out rows
                                             (+ eval.iterates' metrics with
                                             iter_metrics) */
void slice_infer_round(void *ctx, int k); /* forward on the held-out rows */
void slice_train_round(void *ctx, int k); /* y*, forward, loss, dL/dtheta of a batch */
void slice_loss_round(void *ctx, int k);  /* y* (once per step), forward at theta_fwd,
                                             loss of a batch (train.estimator = es) */
uint64_t slices_oracle_calls(const run *u);
int slices_fd_hvp_used(const run *u);

#endif
