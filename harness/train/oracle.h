/*
 * oracle.h -- the host side of amor_oracle: the current problem instance as
 * a function table for models and losses, with call counting, a central
 * finite-difference HVP when the problem has none, and the last error.
 */
#ifndef AMOR_ORACLE_H
#define AMOR_ORACLE_H

#include "amor.h"

typedef struct oracle_ctx {
    const amor_problem_desc *desc;
    void *inst;
    size_t nx, ny;
    amor_oracle table;      /* what plugins see; table.ctx = this */
    uint64_t value_calls;   /* instances evaluated (n per call) */
    uint64_t grad_calls;
    uint64_t hvp_calls;
    int fd_hvp;             /* 1 if hvp falls back to finite differences */
    int fd_hvp_used;        /* set once the fallback has run */
    double *scratch;        /* 4 x n x ny for the FD fallback */
    size_t scratch_n;
    char err[512];          /* message of the last failing call */
} oracle_ctx;

/* Wrap a created problem instance.  Returns non-zero on allocation failure. */
int oracle_init(oracle_ctx *o, const amor_problem_desc *desc, void *inst);
void oracle_free(oracle_ctx *o);

#endif
