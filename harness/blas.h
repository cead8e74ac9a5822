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

/* One line: OpenBLAS's build configuration, the kernels it chose, its
 * thread count and OPENBLAS_CORETYPE (loads OpenBLAS). */
void blas_describe(char *buf, size_t len);

#endif
