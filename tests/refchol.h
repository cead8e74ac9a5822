/*
 * refchol.h -- the tests' own Cholesky factorization, independent of
 * LAPACK and of the plugins' (plugins/common/alapack), so a test of a
 * plugin that factors with LAPACK does not check LAPACK against itself.
 */
#ifndef REFCHOL_H
#define REFCHOL_H

#include <math.h>
#include <stddef.h>

/* In place: a (n, n) becomes its lower Cholesky factor L (upper triangle
 * zeroed); 0 when positive definite, 1 otherwise (a is then partial). */
static inline int ref_chol(double *a, size_t n)
{
    size_t i, j, k;
    for (j = 0; j < n; j++) {
        double d = a[j * n + j];
        for (k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k];
        if (!(d > 0.0)) return 1;
        a[j * n + j] = d = sqrt(d);
        for (i = j + 1; i < n; i++) {
            double s = a[i * n + j];
            for (k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
            a[i * n + j] = s / d;
        }
        for (i = 0; i < j; i++) a[i * n + j] = 0.0;
    }
    return 0;
}

#endif
