/*
 * anderson.h -- Anderson acceleration (type II, Walker & Ni 2011) of any
 * fixed-point map given as a batched step, such as a problem's own solver
 * (amor_problem_desc.solver_step) on its full state; each instance of the
 * batch keeps its own history and least-squares problem.
 *
 * With x_k the state, g_k = step(x_k), f_k = g_k - x_k, and the last
 * m_k <= m secant pairs dX_j = x_{j+1} - x_j, dF_j = f_{j+1} - f_j as
 * columns of dX, dF:
 *
 *   gamma   = argmin |f_k - dF gamma|^2 + lambda |gamma|^2,
 *             lambda = reg |dF|_F^2           (Tikhonov, relative)
 *   x_{k+1} = x_k + beta f_k - (dX + beta dF) gamma
 *
 * (beta = 1: x_{k+1} = g_k - dG gamma).  The least squares is solved by QR
 * (LAPACK dgels on [dF; sqrt(lambda) I], through blas.h).  An instance whose
 * least squares is singular (reg = 0 and dF exactly rank-deficient) or gives
 * a non-finite gamma takes the plain step x_{k+1} = g_k and starts its
 * history again.
 *
 * Safeguard: with it on, an instance's Anderson iterate is rejected when the
 * residual grows -- when the map's residual at the Anderson iterate is not
 * at most its residual at the current iterate, r(x_{k+1}) > r(x_k) or NaN --
 * and the instance takes the plain step g_k instead (its residual computed
 * then) and starts its history again.  A plain step itself is never
 * rejected.
 */
#ifndef AMOR_ANDERSON_H
#define AMOR_ANDERSON_H

#include <stddef.h>

typedef struct anderson_cfg {
    size_t memory;   /* m >= 1: secant pairs kept */
    double beta;     /* mixing, in (0, 1] */
    double reg;      /* >= 0, relative to |dF|_F^2 */
    int safeguard;
} anderson_cfg;

/* The map: a step and a residual with the signatures of
 * amor_problem_desc.solver_step and .residual (ctx is their instance), on
 * contexts x (n, nx) and states (n, S). */
typedef struct anderson_map {
    void *ctx;
    size_t nx;
    const double *x;
    int (*step)(void *ctx, size_t n, const double *x, const double *state, double *next,
                char *err, size_t errlen);
    int (*residual)(void *ctx, size_t n, const double *x, const double *state, double *r,
                    char *err, size_t errlen);
} anderson_map;

typedef struct anderson anderson;

/* *out = workspace for n instances of states of length S and contexts of
 * width nx: everything an iteration needs is allocated here, nothing inside
 * anderson_iterate.  An amor_status: AMOR_ENOMEM, AMOR_EINVAL (a zero
 * size, or LAPACK cannot be loaded), with the message. */
int anderson_new(anderson **out, size_t n, size_t S, size_t nx, const anderson_cfg *cfg,
                 char *err, size_t errlen);
void anderson_free(anderson *A);

/* Forget every instance's history (a new start). */
void anderson_reset(anderson *A);

/* One iteration on every instance: state (n, S) holds x_k and r (n) its
 * residuals r(x_k) on entry, x_{k+1} and r(x_{k+1}) on return.  A failing
 * step or residual call returns its status with its message. */
int anderson_iterate(anderson *A, const anderson_map *F, double *state, double *r, char *err,
                     size_t errlen);

/* Iterations on which an instance fell back to the plain step since
 * anderson_new, counted per instance: by the safeguard, and because its
 * least squares failed. */
size_t anderson_rejected(const anderson *A);
size_t anderson_singular(const anderson *A);

#endif
