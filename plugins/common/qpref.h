/*
 * qpref.h -- dense reference methods for the convex QP
 * min 1/2 y'Py + q'y s.t. l <= Ay <= u (P positive definite): OSQP's polish
 * and a Mehrotra predictor-corrector interior-point method, the ones the qp
 * problem's solve uses to reach y* to its tolerance.
 *
 * Matrices are row-major doubles with size_t dimensions: P (n, n), A (m, n),
 * q (n), l and u (m).  A point is v = (y (n), z (m), lambda (m)), z the
 * constraint values Ay clipped into [l, u] and lambda the multipliers of
 * l <= Ay <= u (<= 0 where the lower bound is active, >= 0 at the upper).
 * Both methods stop on the caller's residual of a point (so that they stop
 * exactly where the caller's own test would) and work in caller-provided
 * memory; nothing allocates, prints or exits.
 */
#ifndef AMOR_QPREF_H
#define AMOR_QPREF_H

#include <stddef.h>

/* The residual of the point v = (y, z, lambda) (n + 2m), for ctx; the
 * methods accept a point when it is <= tol (NaN never is).  Called with v
 * inside the method's out; it must not write v. */
typedef double (*qpref_residual_fn)(void *ctx, const double *v);

/* Doubles of work qpref_polish needs: 3 n^2 + 2 n + m. */
size_t qpref_polish_work(size_t n, size_t m);

/* OSQP's polish: guess the active constraints from z and lam (m each; lower
 * where z - l < -lam, upper where u - z < lam), solve the equality-
 * constrained QP on them exactly (P y + A_act' nu = -q, A_act y = b, b the
 * active bounds, by the Schur complement A_act P^-1 A_act'), and write the
 * point (y, z = clip(Ay, l, u), lambda = nu on the active rows and 0
 * elsewhere) to out (n + 2m; must not overlap z or lam).  lp: the factor of
 * P from am_dpotrf (alapack.h).  work: qpref_polish_work(n, m) doubles.
 * Returns 1 when the point is kept: the multipliers have the right signs
 * (nu <= 0 at l, >= 0 at u) and res(ctx, out) <= tol, so that it satisfies
 * the KKT conditions to tol.  Returns 0 without writing out when more than
 * n rows are active (degenerate) or the Schur complement is not positive
 * definite in floating point, and with out partly or wholly written when a
 * sign or the residual fails. */
int qpref_polish(double *out, const double *z, const double *lam, const double *lp,
                 const double *q, const double *a, const double *l, const double *u, size_t n,
                 size_t m, qpref_residual_fn res, void *ctx, double tol, double *work);

/* Doubles of work qpref_ipm needs: n^2 + m n + 2 n + 19 m. */
size_t qpref_ipm_work(size_t n, size_t m);

/* Mehrotra's predictor-corrector on G y <= h, G = [A; -A], h = [u; -l],
 * slacks s and multipliers w > 0 (2m each) from y = 0, s = w = 1, every
 * Newton system reduced to (P + A' diag(d_u + d_l) A) dy = rhs, d = w / s,
 * and factored by Cholesky; at most 200 iterations.  Robust where ADMM
 * crawls (degenerate vertices of small instances).  Each iterate is
 * written to out (n + 2m) as (y, clip(Ay, l, u), w_u - w_l) and tested;
 * returns 1 at the first with res(ctx, out) <= tol and mean
 * complementarity s'w / 2m <= tol.  Returns 0 when the complementarity
 * turns NaN, P + A'DA cannot be factored (near the end it becomes too
 * ill-conditioned: the active set is then plain, and out's z and lambda,
 * those of the last iterate tested, are worth polishing) or the
 * iterations run out (out's y has then taken one step past them).  work:
 * qpref_ipm_work(n, m) doubles. */
int qpref_ipm(double *out, const double *p, const double *q, const double *a, const double *l,
              const double *u, size_t n, size_t m, qpref_residual_fn res, void *ctx, double tol,
              double *work);

#endif
