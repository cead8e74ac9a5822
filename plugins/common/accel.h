/*
 * accel.h -- what the learned fixed-point accelerators (neural_fp, hyper_aa)
 * share: the problem's solver step seen as a map g(y; x) through the oracle,
 * and their learned initializer y^0 = h(x) built from parameter values.
 *
 * Both models differentiate with g's outputs held constant (Jacobian-free
 * backpropagation, Fung et al. 2022): the ABI gives no VJP of the step.
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

/* Checks common to both models at create: the oracle passes on a solver
 * (ABI 1.1), steps and init valid.  `who` prefixes messages.  *learn_init
 * is 1 for init = mlp, 0 for zero. */
int accel_check(const amor_env *env, int64_t steps, const char *init, int *learn_init,
                const char *who, char *err, size_t errlen);

#endif
