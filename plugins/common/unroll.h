/*
 * unroll.h -- what the semi-amortized models (unroll_gd, warmstart) share:
 * their inner MLP built from the `hidden` / `activation` parameter values,
 * and one projected gradient step y' = P(y - alpha grad f(y; x)) taken
 * through the amor_oracle, next to its reverse pass; and K iterations of
 * the problem's own solver through the oracle (warmstart, solver_steps).
 *
 * Conventions as amath.h: outputs first, (n, ny) row-major batches, nothing
 * allocates (except unroll_mlp_create), prints or exits.  Oracle failures
 * return the oracle's status unchanged (the host holds the message).
 */
#ifndef AMOR_UNROLL_H
#define AMOR_UNROLL_H

#include <stddef.h>

#include "amath.h"
#include "amor.h"

/* net: nx -> hidden[0] -> ... -> ny with `activation` between layers, from
 * an INT_LIST value (empty: affine) and an activation name (one of
 * AM_ACT_CHOICES): am_act_parse_hidden then am_mlp_create_hidden.  `who`
 * (the plugin name) prefixes messages.  Returns AMOR_OK, AMOR_EINVAL or
 * AMOR_ENOMEM; free with am_mlp_free. */
int unroll_mlp_create(am_mlp *net, const amor_value *hidden,
                      const char *activation, size_t nx, size_t ny,
                      const char *who, char *err, size_t errlen);

/* One step for n contexts x (n, nx):  g (n, ny) = grad f(y; x),
 * y_next (n, ny) = P(y - alpha g), P the oracle's projection when `project`
 * (the caller checked o->project) and the identity otherwise.  f (n) is
 * scratch for the values.  y_next must not alias y or g. */
int unroll_step(double *y_next, double *g, double *f, const amor_oracle *o,
                int project, double alpha, size_t n, const double *x,
                const double *y);

/* How unroll_step_backward propagates dL/dy_next to dL/dy. */
typedef enum unroll_jac {
    UNROLL_JAC_EXACT = 0, /* (I - alpha H(y)) via the oracle's hvp */
    UNROLL_JAC_IDENTITY,  /* first order: (I - alpha H) taken as I */
    UNROLL_JAC_NONE       /* stop: only the step-size gradient */
} unroll_jac;

/* Reverse of unroll_step at the stored (y, g) of its forward.  On entry adj
 * (n, ny) = dL/dy_next.  With projection u = J_P(z)^T adj at the unprojected
 * z = y - alpha g (recomputed bit for bit), else u = adj.  Then
 *   *dalpha += dL/dalpha = -sum_i <u_i, g_i>      (if dalpha != NULL),
 *   adj := u - alpha H(y) u  (EXACT),  u  (IDENTITY),  unchanged (NONE).
 * Scratch (n, ny) each: z and u (used only with projection), hv (only for
 * EXACT).  y is read only with projection or EXACT, g only with projection
 * or dalpha; either may be NULL when not read. */
int unroll_step_backward(double *adj, double *dalpha, const amor_oracle *o,
                         int project, unroll_jac jac, double alpha, size_t n,
                         const double *x, const double *y, const double *g,
                         double *z, double *u, double *hv);

/* Does o pass on the problem's own solver (solver_init, solver_step) with a
 * state of at least ny entries?  An oracle of an ABI 1.0 host ends before
 * those fields (struct_size), and has none. */
int unroll_has_solver(const amor_oracle *o, size_t ny);

/* Iterates 1..K (each (n, ny), after iterates[0]) by the problem's own
 * method from y^0 = iterates[0]: state = solver_init(y^0), then K
 * solver_step calls, y^t = state[:ny] after t of them.  ws: 2 n S doubles
 * (S = o->state_dim), the current state and the next. */
int unroll_solver_steps(double *iterates, double *ws, const amor_oracle *o, size_t K,
                        size_t n, size_t ny, const double *x);

#endif
