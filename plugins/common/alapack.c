/*
 * alapack.c -- LAPACK for plugins (see alapack.h): OpenBLAS's Fortran
 * symbols, declared here as gfortran compiles them (LP64 ints, and the
 * hidden length of each character argument last, as size_t).
 */
#include "alapack.h"

#include <cblas.h>

#include <limits.h>
#include <math.h>
#include <string.h>

void dgesdd_(const char *jobz, const int *m, const int *n, double *a, const int *lda,
             double *s, double *u, const int *ldu, double *vt, const int *ldvt, double *work,
             const int *lwork, int *iwork, int *info, size_t jobz_len);
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info,
             size_t uplo_len);
void dpotrs_(const char *uplo, const int *n, const int *nrhs, const double *a, const int *lda,
             double *b, const int *ldb, int *info, size_t uplo_len);
void dgesv_(const int *n, const int *nrhs, double *a, const int *lda, int *ipiv, double *b,
            const int *ldb, int *info);

/* dgesdd's documented minimum for jobz = 'N': 3 mn + max(mx, 7 mn) */
static size_t gesdd_lwork(size_t m, size_t n)
{
    size_t mn = m < n ? m : n, mx = m < n ? n : m;
    return 3 * mn + (mx > 7 * mn ? mx : 7 * mn);
}

size_t am_sigma_max_work(size_t m, size_t n)
{
    size_t mn = m < n ? m : n;
    if (!m || !n || m > INT_MAX / n || gesdd_lwork(m, n) > INT_MAX) return 0;
    /* the copy of a, the singular values, dgesdd's work, its 8 mn ints */
    return m * n + mn + gesdd_lwork(m, n) + (8 * mn * sizeof(int) + sizeof(double) - 1) / sizeof(double);
}

int am_sigma_max(double *smax, const double *a, size_t m, size_t n, double *work)
{
    size_t mn = m < n ? m : n;
    double *ac = work, *s, *w, dummy = 0.0;
    int im, in, lda, lwork, one = 1, info = 0;
    *smax = NAN;
    if (!am_sigma_max_work(m, n)) return -1;
    s = ac + m * n;
    w = s + mn;
    /* the row-major (m, n) array is the column-major (n, m) A^T */
    im = (int)n, in = (int)m, lda = (int)n, lwork = (int)gesdd_lwork(m, n);
    memcpy(ac, a, m * n * sizeof *ac);
    dgesdd_("N", &im, &in, ac, &lda, s, &dummy, &one, &dummy, &one, w, &lwork,
            (int *)(void *)(w + lwork), &info, 1);
    if (info == 0) *smax = s[0]; /* descending */
    return info;
}

int am_lu_solve(double *a, double *b, size_t n, int *ipiv)
{
    size_t i, j;
    int in, one = 1, info = 0;
    if (n > INT_MAX) return -1;
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++) {
            double t = a[i * n + j];
            a[i * n + j] = a[j * n + i];
            a[j * n + i] = t;
        }
    in = (int)n;
    dgesv_(&in, &one, a, &in, ipiv, b, &in, &info);
    return info;
}

static size_t sz_min(size_t a, size_t b) { return a < b ? a : b; }

/* A row-major symmetric matrix is its own
 * column-major transpose, so 'U' in LAPACK's column-major terms is the
 * lower triangle here.  No splitting at AM_BLAS_MAX_DIM: a factorization
 * cannot be cut into pieces, so only LAPACK's own int limit applies. */
int am_dpotrf(double *a, size_t n)
{
    char uplo = 'U';
    int in = (int)n, info = 0;
    if (n == 0) return 0;
    if (n > INT_MAX) return -1;
    dpotrf_(&uplo, &in, a, &in, &info, 1);
    return info < 0 ? -1 : (int)info;
}

void am_dpotrs(const double *l, size_t n, double *b, size_t nrhs)
{
    char uplo = 'U';
    int in = (int)n, nr, info = 0;
    size_t s, len;
    if (n == 0 || n > INT_MAX) return;
    for (s = 0; s < nrhs; s += len) {
        len = sz_min((size_t)INT_MAX / n, nrhs - s);
        nr = (int)len;
        dpotrs_(&uplo, &in, &nr, l, &in, b + s * n, &in, &info, 1);
    }
}

void am_chol_solve_cols(const double *l, size_t n, double *b, size_t m)
{
    if (n == 0 || m == 0) return;
    /* L Z = B, then L' X = Z, B (n, m) row-major: BLAS's triangular solves */
    cblas_dtrsm(CblasRowMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, (blasint)n,
                (blasint)m, 1.0, l, (blasint)n, b, (blasint)m);
    cblas_dtrsm(CblasRowMajor, CblasLeft, CblasLower, CblasTrans, CblasNonUnit, (blasint)n,
                (blasint)m, 1.0, l, (blasint)n, b, (blasint)m);
}

void am_tri_solve_cols(const double *l, size_t n, double *b, size_t m, int trans)
{
    if (n == 0 || m == 0) return;
    cblas_dtrsm(CblasRowMajor, CblasLeft, CblasLower, trans ? CblasTrans : CblasNoTrans,
                CblasNonUnit, (blasint)n, (blasint)m, 1.0, l, (blasint)n, b, (blasint)m);
}
