/*
 * unroll.h -- what the semi-amortized models (unroll_gd, warmstart) share:
 * their inner MLP built from the `hidden` / `activation` parameter values,
 * and one projected gradient step y' = P(y - alpha grad f(y; x)) taken
 * through the amor_oracle, next to its reverse pass (also with
 * per-coordinate step sizes and a proximal term, unroll_rule); batched
 * conjugate gradient on the oracle's HVPs (implicit differentiation); and K
 * iterations of the problem's own solver through the oracle (warmstart,
 * solver_steps).
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

/* The general step: y' = P(y - a o (grad f(y; x) + lambda (y - c))), the
 * gradient step on f + lambda/2 |y - c|^2 with step sizes a, one for every
 * coordinate (avec, Meta-SGD) or one for all (alpha).  unroll_step is the
 * rule {alpha, NULL, 0, NULL}, bit for bit. */
typedef struct unroll_rule {
    double alpha;       /* the step size of every coordinate when avec is NULL */
    const double *avec; /* (ny) per-coordinate step sizes, or NULL */
    double lambda;      /* proximal weight >= 0; 0: none (c is not read) */
    const double *c;    /* (n, ny) proximal centres, one per context */
} unroll_rule;

/* unroll_step under rule r: g (n, ny) receives the gradient of the
 * regularized objective, grad f(y) + lambda (y - c), which is what
 * unroll_step_rule_backward reads back. */
int unroll_step_rule(double *y_next, double *g, double *f, const amor_oracle *o,
                     int project, const unroll_rule *r, size_t n, const double *x,
                     const double *y);

/* Reverse of unroll_step_rule at its stored (y, g), as unroll_step_backward:
 * u = J_P(z)^T adj (or adj), w = a o u, then
 *   dalpha: with avec, dalpha[k] -= sum_i u_ik g_ik (ny entries, one per
 *           coordinate); else *dalpha -= sum_i <u_i, g_i>  (NULL: skipped),
 *   adj := u - H(y) w - lambda w  (EXACT),  u - lambda w  (IDENTITY: the
 *          Hessian of f dropped, the proximal term's known part kept),
 *          unchanged (NONE),
 *   dc  += lambda w, the direct path to the centres c (not with NONE;
 *          NULL or lambda = 0: skipped).
 * With avec, H w takes the products at w (the Jacobian I - diag(a)(H +
 * lambda I) transposed), and z is also scratch for w: z is needed with
 * projection or avec; the rest as unroll_step_backward. */
int unroll_step_rule_backward(double *adj, double *dalpha, double *dc,
                              const amor_oracle *o, int project, unroll_jac jac,
                              const unroll_rule *r, size_t n, const double *x,
                              const double *y, const double *g, double *z, double *u,
                              double *hv);

/* Batched conjugate gradient for (H(y_i) + lambda I) v_i = b_i, i < n, the
 * linear system of implicit differentiation (iMAML's), with lambda > 0 and
 * H by the oracle's hvp at y: one hvp call for all n contexts per iteration,
 * each context with its own CG scalars, from v = 0.  Context i stops when
 * |r_i| <= tol |b_i| (b_i = 0 at once, v_i = 0), after maxit iterations,
 * or on curvature p'(H + lambda I) p <= 0 (the regularized inner problem is
 * not convex there, so CG has no solution to converge to): v_i then keeps
 * its iterate, and at the first iteration takes b_i / lambda (H taken as 0:
 * iMAML's first-order meta-gradient).  ws: 3 n ny + 2 n doubles.  Returns
 * AMOR_OK or the oracle's status. */
int unroll_cg(double *v, double *ws, const amor_oracle *o, double lambda, size_t maxit,
              double tol, size_t n, const double *x, const double *y, const double *b);

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
