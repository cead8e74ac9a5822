/*
 * lossutil.h -- what several loss plugins share: the iterate weights of
 * L^sum (declared parameters, parsing, computation), the per-row regression
 * term, the objective term through the oracle, environment checks and
 * growable scratch buffers.  Compiled into every plugin with hidden
 * visibility; nothing here prints, exits or keeps mutable global state.
 */
#ifndef AMOR_LOSSUTIL_H
#define AMOR_LOSSUTIL_H

#include <stddef.h>

#include "amor.h"

/* ------------------------------------------------------------------------ */
/* Iterate weights w (T) of L^sum = sum_t w_t L(y^t).                       */
/*                                                                          */
/*   weights = uniform    w_t = 1/T                                         */
/*             last       w = e_T (only the prediction)                     */
/*             geometric  w_t proportional to gamma^(T-1-t), gamma in [0, 1] */
/*                        (gamma = 1: uniform; gamma = 0: last, as 0^0 = 1)  */
/*             list       w_t proportional to the t-th entry of weight_list, */
/*                        comma-separated reals (strtod), exactly T of them, */
/*                        each finite and >= 0, with a positive sum          */
/*                                                                          */
/* Every scheme is normalized to sum 1, so L^sum is a weighted mean of the  */
/* per-iterate losses: its scale does not depend on T or the scheme, and    */
/* weights = last is exactly the single-iterate loss.  weight_list must be  */
/* empty unless weights = list (a list that would be ignored is refused).   */

/* Positions of the weight parameters inside lu_weight_params. */
enum { LU_W_WEIGHTS, LU_W_GAMMA, LU_W_LIST, LU_WEIGHT_NPARAMS };

/* The declarations of weights, gamma and weight_list, in that order; a loss
 * whose tunables are exactly these points its descriptor at this array. */
extern const amor_param_decl lu_weight_params[LU_WEIGHT_NPARAMS];

/* Fill w (T >= 1) from the LU_WEIGHT_NPARAMS values v (in lu_weight_params
 * order).  Returns AMOR_OK, or AMOR_EINVAL with a message that starts with
 * `who` and names the offending parameter (a weight_list whose length is not
 * T names weight_list and T). */
int lu_weights(double *w, size_t T, const amor_value *v, const char *who,
               char *err, size_t errlen);

/* ------------------------------------------------------------------------ */
/* Environment and oracle                                                   */

/* Check env at create: present and large enough to hold num_iterates and
 * oracle, num_iterates >= 1, ny >= 1, and, for the AMOR_NEEDS_* bits in
 * `needs`, the oracle's value (AMOR_NEEDS_VALUE), value_grad
 * (AMOR_NEEDS_GRAD), valid_value (AMOR_NEEDS_VALID) or valid_value_grad
 * (AMOR_NEEDS_VALID_GRAD; the oracle must be of ABI 1.1 for these two).
 * AMOR_NEEDS_YSTAR is not the oracle's business and is ignored.  Returns
 * AMOR_OK, AMOR_EINVAL or AMOR_ENOTSUP with a message. */
int lu_env_check(const amor_env *env, unsigned needs, const char *who,
                 char *err, size_t errlen);

/* The status of a failed oracle call, passed through.  The host already
 * holds the oracle's message, so err is cleared (rather than overwritten
 * with a vaguer one) and the host reports the oracle's own text. */
int lu_oracle_failed(int rc, char *err, size_t errlen);

/* ------------------------------------------------------------------------ */
/* Scratch                                                                  */

/* A growable array of doubles.  The ABI gives no batch size at create, so
 * losses size their scratch at the first eval and regrow it only when a
 * larger n arrives: a training run allocates once. */
typedef struct lu_buf {
    double *p;
    size_t len; /* doubles allocated */
} lu_buf;

/* Make room for len doubles (grows, never shrinks; contents not kept).
 * Non-zero when out of memory (b unchanged). */
int lu_buf_reserve(lu_buf *b, size_t len);
void lu_buf_free(lu_buf *b);

/* ------------------------------------------------------------------------ */
/* Loss terms                                                               */

/* 1/2 |y - ystar|^2 of one row (ny); if g != NULL, g (ny) += w (y - ystar).
 * The one squared-error row of regression (huber_delta = 0),
 * regression_sum and mixed. */
double lu_sqerr_row(double *g, double w, const double *y, const double *ystar,
                    size_t ny);

/* f (n) = f(y_i; x_i) and, if g != NULL, g (n, ny) = grad_y f (overwritten),
 * in one oracle call.  Without g, the oracle's value is used when present,
 * else value_grad with the gradient going to `sink` (grown to n * ny).
 * Returns the oracle's status, or AMOR_ENOMEM / AMOR_ENOTSUP (message in
 * err, starting with who). */
int lu_objective(const amor_oracle *o, size_t n, const double *x,
                 const double *y, double *f, double *g, lu_buf *sink,
                 const char *who, char *err, size_t errlen);

/* The same with the validation objective (valid_value, valid_value_grad;
 * AMOR_ENOTSUP from an ABI 1.0 oracle). */
int lu_valid_objective(const amor_oracle *o, size_t n, const double *x,
                       const double *y, double *f, double *g, lu_buf *sink,
                       const char *who, char *err, size_t errlen);

#endif
