/*
 * riccati.h -- linear-system code the control problems share: the spectral radius of a square matrix
 * (Gelfand's formula by repeated squaring), and the discounted discrete
 * algebraic Riccati equation (DARE) solved by iterating the Riccati
 * recursion to convergence, with the LQR gain it gives.
 *
 * Matrices are row-major doubles with size_t dimensions; products go
 * through amath's BLAS wrapper.  Only ric_dare allocates (its own work, freed
 * before it returns); nothing prints or exits.
 */
#ifndef AMOR_RICCATI_H
#define AMOR_RICCATI_H

#include <stddef.h>

/* The spectral radius max |lambda_i(A)| of a (n, n), estimated as
 * |A^k|_F^(1/k) for k = 2^40 by 40 normalized squarings (Gelfand's formula;
 * the estimate's relative error is below 1e-10 for any matrix whose
 * eigenvector basis has a condition number under 1e100).  work: (2 n n).
 * Returns 0 for the zero matrix (and for nilpotent ones). */
double ric_spectral_radius(const double *a, size_t n, double *work);

/* How ric_dare ended. */
typedef enum ric_status {
    RIC_OK = 0,
    RIC_DIVERGED = 1, /* P grew past 1e100, turned non-finite, or
                         R + gamma B'PB lost definiteness: (sqrt(gamma) A, B)
                         is not stabilizable (numerically) */
    RIC_MAXITER = 2,  /* no convergence within max_iter iterations */
    RIC_NOMEM = 3
} ric_status;

/* The stabilizing solution P (nx, nx) of the discounted DARE
 *
 *   P = Q + gamma A'PA - gamma^2 A'PB (R + gamma B'PB)^-1 B'PA,
 *
 * the value matrix of min sum_t gamma^t (x_t'Q x_t + u_t'R u_t) subject to
 * x_{t+1} = A x_t + B u_t, by the Riccati recursion P_{k+1} = (right-hand
 * side at P_k) from P_0 = Q until |P_{k+1} - P_k|_F <= tol |P_{k+1}|_F.
 * Q (nx, nx) symmetric PSD, R (nu, nu) symmetric PD, A (nx, nx), B (nx, nu),
 * gamma in [0, 1].  *iters receives the iterations taken (may be NULL).
 * The recursion converges to the stabilizing solution when (sqrt(gamma) A,
 * B) is stabilizable and (A, Q^(1/2)) detectable. */
ric_status ric_dare(double *p, const double *a, const double *b,
                    const double *q, const double *r, double gamma,
                    size_t nx, size_t nu, long max_iter, double tol,
                    long *iters);

/* The LQR gain K (nu, nx) = gamma (R + gamma B'PB)^-1 B'PA, so that
 * u = -K x minimizes x'Qx + u'Ru + gamma (Ax + Bu)'P(Ax + Bu), and
 * M (nu, nu) = R + gamma B'PB (M may be NULL).  work: (nx nu + nu nu + nu nx).
 * Returns 0, or 1 if R + gamma B'PB is not positive definite. */
int ric_lqr_gain(double *k, double *m, const double *a, const double *b,
                 const double *p, const double *r, double gamma, size_t nx,
                 size_t nu, double *work);

#endif
