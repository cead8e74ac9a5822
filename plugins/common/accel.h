/*
 * accel.h -- what the learned fixed-point accelerators (neural_fp, hyper_aa)
 * share: the problem's solver step seen as a map g(y; x) through the oracle,
 * its vector-Jacobian product by finite differences, and create-time checks.
 *
 * The ABI gives no VJP of the step: both models differentiate with g's
 * outputs held constant (Jacobian-free backpropagation, Fung et al. 2022) or,
 * with jacobian = fd, through g by central differences (accel_map_vjp_fd).
 * Conventions as amath.h: outputs first, (n, ny) row-major batches, nothing
 * prints or exits; oracle failures return the oracle's status unchanged.
 */
#ifndef AMOR_ACCEL_H
#define AMOR_ACCEL_H

#include <stddef.h>

#include "amath.h"
#include "amor.h"

/* fx (n, ny) = g(y) = solver_step(solver_init(y))[:ny]: one iteration of the
 * problem's method from a state at y with everything else at its defaults,
 * so g is a function of y alone (the state's extra entries -- momentum, a
 * penalty -- restart at every call).  ws: 2 n S doubles, S = o->state_dim. */
int accel_map(double *fx, double *ws, const amor_oracle *o, size_t n, const double *x,
              const double *y);

/* dy (n, ny) += J_g(y)^T a (a (n, ny)): the map's vector-Jacobian product,
 * the Jacobian by central differences column by column, 2 ny evaluations of
 * the map on the batch, column k from g(y_i +- h_i e_k) with h_i =
 * ACCEL_FD_STEP max(1, |y_i|_inf) divided by the difference of the two
 * points as represented.  Exact to O(h^2) where g is smooth (and exactly
 * for a piecewise-linear g such as ISTA's, away from its kinks).
 * ws: accel_vjp_ws_doubles(n, ny, S). */
#define ACCEL_FD_STEP 1e-6
size_t accel_vjp_ws_doubles(size_t n, size_t ny, size_t S);
int accel_map_vjp_fd(double *dy, double *ws, const amor_oracle *o, size_t n, const double *x,
                     const double *y, const double *a);

/* Parameter `jacobian`: 0 for jfb, 1 for fd (the choices are jfb|fd). */
int accel_jacobian_fd(const char *value);

/* Checks common to both models at create: the oracle passes on a solver
 * (ABI 1.1), steps and init valid.  `who` prefixes messages.  *learn_init
 * is 1 for init = mlp, 0 for zero. */
int accel_check(const amor_env *env, int64_t steps, const char *init, int *learn_init,
                const char *who, char *err, size_t errlen);

#endif
