/*
 * blas.h -- the OpenBLAS amor's plugins share: its kernels and its threads
 * (see blas.c for what is chosen and why).
 */
#ifndef AMOR_BLAS_H
#define AMOR_BLAS_H

#include <stddef.h>

/* Before any plugin is loaded: one OpenBLAS thread unless the environment
 * already says (OPENBLAS_NUM_THREADS). */
void blas_prepare(void);

/* Use n BLAS threads from now on in this process (a sweep worker). */
void blas_set_threads(int n);

/* The BLAS thread count now (OPENBLAS_NUM_THREADS before OpenBLAS is
 * loaded; 1 if neither says). */
int blas_get_threads(void);

/* Map OpenBLAS's work buffers for `callers` threads calling it at once, and
 * start its own threads, now: before a worker's memory limit, under which
 * OpenBLAS would retry a failed mapping forever instead of failing (see
 * blas.c).  Loads OpenBLAS if no plugin has (the host calls its LAPACK:
 * blas_dgels).  Returns the number of buffers reserved (0 when OpenBLAS
 * cannot be loaded). */
int blas_reserve(int callers);

/* Least squares min_g |A g - b|_2 by QR, LAPACK's dgels from the OpenBLAS
 * the plugins share (the host's only LAPACK call; OpenBLAS is loaded on
 * first use if no plugin has loaded it).  A is m x n column-major with
 * leading dimension lda >= m, m >= n >= 1, and is overwritten; b (m) holds
 * the right-hand side, and g in b[0..n) on return.  work holds lwork
 * doubles, at least blas_dgels_work(m, n).  Returns 0; LAPACK's info > 0
 * when A is exactly rank-deficient (R(info, info) = 0: b is then not a
 * solution); -1 with a message when OpenBLAS or its dgels cannot be loaded
 * or a size passes LAPACK's int. */
int blas_dgels(size_t m, size_t n, double *a, size_t lda, double *b, double *work,
               size_t lwork, char *err, size_t errlen);

/* The work length dgels asks for with these shapes (its workspace query),
 * at least its documented minimum; 0 with a message as blas_dgels. */
size_t blas_dgels_work(size_t m, size_t n, char *err, size_t errlen);

/* One line: OpenBLAS's build configuration, the kernels it chose, its
 * thread count and OPENBLAS_CORETYPE (loads OpenBLAS). */
void blas_describe(char *buf, size_t len);

#endif
