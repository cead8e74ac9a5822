/*
 * alapack.h -- the LAPACK plugins share, from OpenBLAS (which carries the
 * reference LAPACK): the largest singular value of a matrix (dgesdd,
 * singular values only), a dense LU solve (dgesv) and Cholesky (dpotrf,
 * dpotrs, and BLAS's triangular solves for right-hand sides as columns, with a
 * Cholesky factor or any lower-triangular matrix).  The one file that
 * declares and calls LAPACK's Fortran symbols; row-major doubles with size_t
 * dimensions, as amath.h.  Nothing allocates, prints or exits.
 */
#ifndef AMOR_ALAPACK_H
#define AMOR_ALAPACK_H

#include <stddef.h>

/* Doubles of workspace am_sigma_max needs for an (m, n) matrix; 0 when a
 * dimension is 0 or the sizes pass LAPACK's int limit. */
size_t am_sigma_max_work(size_t m, size_t n);

/* *smax = the largest singular value |A|_2 of a (m, n) row-major (a is not
 * changed), by LAPACK's dgesdd with jobz = 'N' (the transpose that a
 * column-major routine sees has the same singular values).  work: at least
 * am_sigma_max_work(m, n) doubles.  Returns 0, or LAPACK's info (non-zero:
 * bad sizes, or the bidiagonal QR did not converge; *smax is then NaN). */
int am_sigma_max(double *smax, const double *a, size_t m, size_t n, double *work);

/* Solve A x = b for a (n, n) row-major and b (n) by LAPACK's dgesv (LU
 * with partial pivoting): a is transposed in place first (dgesv reads
 * column-major) and then holds the factors; b is overwritten by x.  ipiv:
 * (n) ints.  Returns 0, or LAPACK's info (> 0: A is exactly singular;
 * < 0: bad sizes, including n past the int limit). */
int am_lu_solve(double *a, double *b, size_t n, int *ipiv);

/* Cholesky factorization by LAPACK's dpotrf (OpenBLAS): a (n, n) symmetric
 * positive definite, row-major, is overwritten by a factor that only
 * am_dpotrs reads (L with a = L L' in the lower triangle; the strict upper
 * triangle is left as it was).  Returns 0; k > 0 when the leading minor of
 * order k is not positive definite (a then holds no usable factor); -1 when
 * n exceeds LAPACK's int. */
int am_dpotrf(double *a, size_t n);
/* Solve a x = b for each of the nrhs rows of b (nrhs, n), in place, with
 * the factor l (n, n) of a from am_dpotrf. */
void am_dpotrs(const double *l, size_t n, double *b, size_t nrhs);
/* b (n, m) := (L L')^-1 b, each of the m COLUMNS of the row-major b a
 * right-hand side, for the factor l of am_dpotrf (cblas_dtrsm twice);
 * n, m within BLAS's int. */
void am_chol_solve_cols(const double *l, size_t n, double *b, size_t m);
/* b (n, m) := L^-1 b (trans = 0) or L^-T b (trans = 1), each column of the
 * row-major b a right-hand side, for a lower-triangular l (n, n) read from
 * its lower triangle (cblas_dtrsm); n, m within BLAS's int. */
void am_tri_solve_cols(const double *l, size_t n, double *b, size_t m, int trans);

#endif
