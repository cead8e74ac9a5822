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
 * blas.c).  Returns the number of buffers reserved (0 when this process
 * has not loaded OpenBLAS). */
int blas_reserve(int callers);

/* One line: OpenBLAS's build configuration, the kernels it chose, its
 * thread count and OPENBLAS_CORETYPE (loads OpenBLAS). */
void blas_describe(char *buf, size_t len);

#endif
