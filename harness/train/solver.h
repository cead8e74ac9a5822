/*
 * solver.h -- the from-scratch baseline (the tutorial's
 * evaluate_amortization_speed protocol): Adam and gradient descent on y for
 * the held-out contexts, from the problem's initial point (zeros by
 * default), logging objective mean/std against iteration and seconds, and
 * the first iteration that reaches the amortized model's mean objective.
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

/* Fills r->solver_rows and r->solver_{ran,reached,iters,seconds,final}. */
int solver_run(const solver_job *job, cell_result *r, char *err, size_t errlen);

#endif
