/*
 * oracle.h -- the host side of amor_oracle: the current problem instance as
 * a function table for models and losses, with call counting, a central
 * finite-difference HVP when the problem has none, and the last error.
 *
 * Two tables over one instance: `table` takes whole contexts (losses, and
 * everything that is not a model), `mtable` is a model's view.  A model sees
 * only the first nxm entries of each context (amor_problem_desc.nx_model);
 * before each forward/backward the host binds the visible rows it passes and
 * the whole rows they come from (oracle_bind), and mtable's calls map the
 * model's x back to whole contexts.  mtable has no validation objective.
 */
#ifndef AMOR_ORACLE_H
#define AMOR_ORACLE_H

#include "amor.h"

typedef struct oracle_ctx oracle_ctx;

/* mtable's ctx: the oracle it views. */
typedef struct oracle_view {
    oracle_ctx *o;
} oracle_view;

struct oracle_ctx {
    const amor_problem_desc *desc;
    void *inst;
    size_t nx, ny;
    size_t nxm;             /* the visible width, <= nx */
    size_t state_dim;       /* 0: no solver */
    amor_oracle table;      /* whole contexts; table.ctx = this */
    amor_oracle mtable;     /* a model's view; mtable.ctx = &view */
    oracle_view view;
    const double *vis;      /* bound rows: (rows, nxm) as the model got them */
    const double *full;     /* and (rows, nx) whole */
    size_t rows;
    uint64_t value_calls;   /* instances evaluated (n per call) */
    uint64_t grad_calls;
    uint64_t hvp_calls;
    uint64_t step_calls;    /* solver steps (n per call) */
    int fd_hvp;             /* 1 if hvp falls back to finite differences */
    int fd_valid_hvp;       /* the same for the validation objective */
    int fd_hvp_used;        /* set once a fallback has run */
    double *scratch;        /* 4 x n x ny + 2 n for the FD fallback */
    size_t scratch_n;
    char err[512];          /* message of the last failing call */
};

/* The visible width of a problem instance's contexts: nx_model when the
 * problem declares one in (0, nx], else nx. */
size_t oracle_visible_width(const amor_problem_desc *desc, const void *inst, size_t nx);

/* Does the problem provide its own solver (all four calls)? */
int oracle_has_solver(const amor_problem_desc *desc);

/* Wrap a created problem instance.  Returns non-zero on allocation failure. */
int oracle_init(oracle_ctx *o, const amor_problem_desc *desc, void *inst);
void oracle_free(oracle_ctx *o);

/* The rows a model is about to get: vis (rows, nxm) and the whole contexts
 * they were taken from, full (rows, nx).  Without private data (nxm == nx)
 * the two are the same array and nothing needs binding. */
void oracle_bind(oracle_ctx *o, const double *vis, const double *full, size_t rows);

/* Copy the visible part of n whole contexts (n, nx) into vis (n, nxm). */
void oracle_visible_rows(const oracle_ctx *o, size_t n, const double *full, double *vis);

#endif
