/*
 * solver.h -- the from-scratch baselines on the held-out contexts.
 *
 * solver_run: the tutorial's evaluate_amortization_speed protocol, Adam and
 * gradient descent on y from the problem's initial point (zeros by
 * default), logging objective mean/std against iteration and seconds, the
 * first iteration whose mean objective is within solver.match_delta of the
 * amortized model's (target f_model + delta |f_start - f_model|, f_start
 * the mean at iteration 0), and the seconds of the whole budget.
 *
 * solver_tolerances (eval.tolerances): the problem's own iterative method
 * (amor_problem_desc.solver_step), plain and, with "anderson" in
 * solver.methods, Anderson-accelerated (anderson.h), run on the whole
 * held-out batch from the cold start (`initial`, zeros when NULL) and from
 * the model's predictions (warm), each through solver_init, for at most
 * eval.max_iterations iterations: a context's count at a tolerance is the
 * first iteration k (0 = the starting state) at which its own residual is
 * below it.  The batch stops when every context is below the smallest
 * tolerance.  Seconds per context = its count x the measured seconds per
 * iteration per context: the wall time of the batched iterations (step and
 * residual; for Anderson its least squares and safeguard too) divided by
 * the iterations run and the number of contexts.  A model with a
 * solver_policy (amor.h, ABI 1.2) adds a third run, from the cold start
 * with the policy called after solver_init and after every step (its time
 * counted in the seconds).
 */
#ifndef AMOR_SOLVER_H
#define AMOR_SOLVER_H

#include "cell.h"

typedef struct solver_job {
    const amor_problem_desc *P;
    void *pi;
    size_t nx, ny, n;
    const double *x;          /* (n, nx) held-out contexts */
    double target;            /* the model's mean objective */
    const solver_cfg *cfg;
} solver_job;

/* Fills r->solver_rows and r->solver_{ran,reached,iters,seconds,budget_seconds,final}. */
int solver_run(const solver_job *job, cell_result *r, char *err, size_t errlen);

typedef struct tol_job {
    const amor_problem_desc *P; /* with state_dim ... residual */
    void *pi;
    size_t nx, ny, n;
    const double *x;          /* (n, nx) held-out contexts, whole */
    const double *yhat;       /* (n, ny) the model's final predictions */
    const eval_cfg *eval;     /* tolerances, max_iterations */
    const solver_cfg *cfg;    /* anderson*, log_every */
    /* the model's solver_policy on the whole batch (k, prev, state as in
     * amor.h), or NULL: then no TOL_POLICY run */
    int (*policy)(void *ctx, size_t k, const double *prev, double *state, char *err,
                  size_t errlen);
    void *policy_ctx;
} tol_job;

/* Fills r->tol_* and appends solver rows of kinds SOLVER_STEP ...
 * SOLVER_POLICY (residual mean and median against iteration and
 * seconds per context). */
int solver_tolerances(const tol_job *job, cell_result *r, char *err, size_t errlen);

#endif
