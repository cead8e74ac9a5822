/*
 * amath.c -- shared plugin math (see amath.h), part 1: the single file that
 * calls BLAS, small symmetric matrices, initialization and size helpers.
 * Dense layers and the MLP stack are in amlp.c; activations, the soft
 * threshold and output transforms in amact.c.
 */
#include "amath.h"
#include "amath_impl.h"

#include <cblas.h>
#include <f77blas.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/* Largest dimension or row stride handed to BLAS in one call (its ints).
 * Overridable at compile time so a test can exercise the splitting. */
#ifndef AM_BLAS_MAX_DIM
#define AM_BLAS_MAX_DIM INT_MAX
#endif
#define AM_MAXD ((size_t)(AM_BLAS_MAX_DIM))

/* ------------------------------------------------------------------------ */
/* BLAS                                                                     */

/* c (m, n; row stride ldc) *= beta, with beta == 0 writing exact zeros. */
static void scale_rows(size_t m, size_t n, double beta, double *c, size_t ldc)
{
    size_t i, j;
    if (beta == 1.0) return;
    for (i = 0; i < m; i++) {
        double *row = c + i * ldc;
        if (beta == 0.0)
            memset(row, 0, n * sizeof *row);
        else
            for (j = 0; j < n; j++) row[j] *= beta;
    }
}

/* Reference loop for strides BLAS would refuse (it would print). */
static void gemm_naive(int ta, int tb, size_t m, size_t n, size_t k,
                       double alpha, const double *a, size_t lda,
                       const double *b, size_t ldb, double beta, double *c,
                       size_t ldc)
{
    size_t i, j, p;
    for (i = 0; i < m; i++)
        for (j = 0; j < n; j++) {
            double s = 0.0;
            for (p = 0; p < k; p++)
                s += (ta ? a[p * lda + i] : a[i * lda + p]) *
                     (tb ? b[j * ldb + p] : b[p * ldb + j]);
            c[i * ldc + j] = alpha * s + (beta == 0.0 ? 0.0 : beta * c[i * ldc + j]);
        }
}

void am_dgemm(int ta, int tb, size_t m, size_t n, size_t k, double alpha,
              const double *a, size_t lda, const double *b, size_t ldb,
              double beta, double *c, size_t ldc)
{
    size_t s, len;
    if (m == 0 || n == 0) return;
    if (k == 0 || alpha == 0.0) {
        scale_rows(m, n, beta, c, ldc);
        return;
    }
    if (beta == 0.0) { /* NaN-proof "not read"; BLAS then just adds A B */
        scale_rows(m, n, 0.0, c, ldc);
        beta = 1.0;
    }
    if (m > AM_MAXD) {
        for (s = 0; s < m; s += len) {
            len = min_sz(AM_MAXD, m - s);
            am_dgemm(ta, tb, len, n, k, alpha, ta ? a + s : a + s * lda, lda,
                     b, ldb, beta, c + s * ldc, ldc);
        }
        return;
    }
    if (n > AM_MAXD) {
        for (s = 0; s < n; s += len) {
            len = min_sz(AM_MAXD, n - s);
            am_dgemm(ta, tb, m, len, k, alpha, a, lda,
                     tb ? b + s * ldb : b + s, ldb, beta, c + s, ldc);
        }
        return;
    }
    if (k > AM_MAXD) {
        for (s = 0; s < k; s += len) {
            len = min_sz(AM_MAXD, k - s);
            am_dgemm(ta, tb, m, n, len, alpha, ta ? a + s * lda : a + s, lda,
                     tb ? b + s : b + s * ldb, ldb, s ? 1.0 : beta, c, ldc);
        }
        return;
    }
    if (lda < (ta ? m : k) || ldb < (tb ? k : n) || ldc < n || lda > AM_MAXD ||
        ldb > AM_MAXD || ldc > AM_MAXD) {
        gemm_naive(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        return;
    }
    cblas_dgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans,
                tb ? CblasTrans : CblasNoTrans, (int)m, (int)n, (int)k, alpha, a,
                (int)lda, b, (int)ldb, beta, c, (int)ldc);
}

void am_dgemv(int ta, size_t m, size_t n, double alpha, const double *a,
              size_t lda, const double *x, double beta, double *y)
{
    size_t rows = ta ? n : m, cols = ta ? m : n, s, len, i, j;
    if (rows == 0) return;
    if (cols == 0 || alpha == 0.0) {
        scale_rows(1, rows, beta, y, rows);
        return;
    }
    if (beta == 0.0) memset(y, 0, rows * sizeof *y);
    if (m > AM_MAXD) {
        for (s = 0; s < m; s += len) {
            len = min_sz(AM_MAXD, m - s);
            if (ta) /* m is summed over */
                am_dgemv(ta, len, n, alpha, a + s * lda, lda, x + s,
                         s ? 1.0 : beta, y);
            else
                am_dgemv(ta, len, n, alpha, a + s * lda, lda, x, beta, y + s);
        }
        return;
    }
    if (n > AM_MAXD) {
        for (s = 0; s < n; s += len) {
            len = min_sz(AM_MAXD, n - s);
            if (ta)
                am_dgemv(ta, m, len, alpha, a + s, lda, x, beta, y + s);
            else /* n is summed over */
                am_dgemv(ta, m, len, alpha, a + s, lda, x + s, s ? 1.0 : beta, y);
        }
        return;
    }
    if (lda < n || lda > AM_MAXD) {
        for (i = 0; i < rows; i++) {
            double acc = 0.0;
            for (j = 0; j < cols; j++)
                acc += (ta ? a[j * lda + i] : a[i * lda + j]) * x[j];
            y[i] = alpha * acc + (beta == 0.0 ? 0.0 : beta * y[i]);
        }
        return;
    }
    cblas_dgemv(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, (int)m, (int)n,
                alpha, a, (int)lda, x, 1, beta, y, 1);
}

double am_ddot(size_t n, const double *x, const double *y)
{
    double acc = 0.0;
    size_t s, len;
    for (s = 0; s < n; s += len) {
        len = min_sz(AM_MAXD, n - s);
        acc += cblas_ddot((int)len, x + s, 1, y + s, 1);
    }
    return acc;
}

void am_daxpy(size_t n, double alpha, const double *x, double *y)
{
    size_t s, len;
    for (s = 0; s < n; s += len) {
        len = min_sz(AM_MAXD, n - s);
        cblas_daxpy((int)len, alpha, x + s, 1, y + s, 1);
    }
}

void am_dscal(size_t n, double alpha, double *x)
{
    size_t s, len;
    if (alpha == 0.0) { /* BLAS may leave NaN * 0 as NaN */
        if (n) memset(x, 0, n * sizeof *x);
        return;
    }
    for (s = 0; s < n; s += len) {
        len = min_sz(AM_MAXD, n - s);
        cblas_dscal((int)len, alpha, x + s, 1);
    }
}

/* ------------------------------------------------------------------------ */
/* Small symmetric matrices                                                 */

void am_gram(double *g, const double *d, size_t nx, size_t ny)
{
    size_t i, j;
    am_dgemm(AM_TRANS, AM_NOTRANS, ny, ny, nx, 1.0, d, ny, d, ny, 0.0, g, ny);
    for (i = 0; i < ny; i++)
        for (j = i + 1; j < ny; j++) {
            double s = 0.5 * (g[i * ny + j] + g[j * ny + i]);
            g[i * ny + j] = g[j * ny + i] = s;
        }
}

double am_sym_maxeig(const double *a, size_t d, double *work)
{
    double *v = work, *av = work + d, lam = 0.0, nrm;
    size_t k, j, still = 0;
    amor_rng rng;
    amor_rng_seed(&rng, 0x6c61737361ull);
    for (j = 0; j < d; j++) v[j] = amor_rng_range(&rng, 0.5, 1.5);
    nrm = sqrt(am_ddot(d, v, v));
    am_dscal(d, 1.0 / nrm, v);
    for (k = 0; k < 100000 && still < 5; k++) {
        double rq;
        am_dgemv(AM_NOTRANS, d, d, 1.0, a, d, v, 0.0, av);
        rq = am_ddot(d, v, av);
        nrm = sqrt(am_ddot(d, av, av));
        if (!(nrm > 0)) return rq;
        memcpy(v, av, d * sizeof *v);
        am_dscal(d, 1.0 / nrm, v);
        still = fabs(rq - lam) <= 4e-16 * rq ? still + 1 : 0;
        lam = rq > lam ? rq : lam;
    }
    return lam;
}

/* ------------------------------------------------------------------------ */
/* Initialization and size helpers                                          */

void am_fill_uniform(double *p, size_t len, double lo, double hi, amor_rng *rng)
{
    size_t i;
    for (i = 0; i < len; i++) p[i] = amor_rng_range(rng, lo, hi);
}

void am_fill_normal(double *p, size_t len, double mean, double std, amor_rng *rng)
{
    size_t i;
    for (i = 0; i < len; i++) p[i] = mean + std * amor_rng_normal(rng);
}

double am_truncnormal(amor_rng *rng, double std)
{
    double z;
    do z = amor_rng_normal(rng);
    while (fabs(z) > 2.0);
    return std * z;
}

int am_mul_size(size_t a, size_t b, size_t *out)
{
    if (a && b > SIZE_MAX / a) return -1;
    *out = a * b;
    return 0;
}

int am_add_size(size_t a, size_t b, size_t *out)
{
    if (b > SIZE_MAX - a) return -1;
    *out = a + b;
    return 0;
}

void am_scalar_value(am_scalar_fn fn, size_t n, const double *x, const double *y, double *f)
{
    size_t i;
    for (i = 0; i < n; i++) f[i] = fn(y[i], x[i], NULL, NULL);
}

void am_scalar_value_grad(am_scalar_fn fn, size_t n, const double *x, const double *y,
                          double *f, double *g)
{
    size_t i;
    for (i = 0; i < n; i++) f[i] = fn(y[i], x[i], &g[i], NULL);
}

void am_scalar_hvp(am_scalar_fn fn, size_t n, const double *x, const double *y,
                   const double *v, double *hv)
{
    size_t i;
    double h;
    for (i = 0; i < n; i++) {
        fn(y[i], x[i], NULL, &h);
        hv[i] = h * v[i];
    }
}
