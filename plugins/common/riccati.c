/*
 * riccati.c -- spectral radius and the discounted DARE by the Riccati
 * recursion (see riccati.h); Cholesky from LAPACK (alapack.h).
 */
#include "riccati.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alapack.h"
#include "amath.h"

#define RIC_SQUARINGS 40   /* Gelfand: k = 2^40 */
#define RIC_HUGE 1e100     /* |P|_F past this: the recursion diverges */

static double frob(const double *a, size_t len)
{
    return sqrt(am_ddot(len, a, a));
}

double ric_spectral_radius(const double *a, size_t n, double *work)
{
    double *m = work, *m2 = work + n * n;
    double s = frob(a, n * n), logc;
    int i;
    if (!(s > 0.0)) return 0.0;
    memcpy(m, a, n * n * sizeof *m);
    am_dscal(n * n, 1.0 / s, m);
    logc = log(s); /* m = A^(2^i) / c_i, log c_i = logc */
    for (i = 0; i < RIC_SQUARINGS; i++) {
        am_dgemm(AM_NOTRANS, AM_NOTRANS, n, n, n, 1.0, m, n, m, n, 0.0, m2, n);
        s = frob(m2, n * n);
        if (!(s > 0.0)) return 0.0; /* nilpotent */
        am_dscal(n * n, 1.0 / s, m2);
        memcpy(m, m2, n * n * sizeof *m);
        logc = 2.0 * logc + log(s);
    }
    return exp(logc / ldexp(1.0, RIC_SQUARINGS));
}

static void symmetrize(double *a, size_t n)
{
    size_t i, j;
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++) {
            double s = 0.5 * (a[i * n + j] + a[j * n + i]);
            a[i * n + j] = a[j * n + i] = s;
        }
}

/* pb (nx, nu) = P B;  m (nu, nu) = chol(R + gamma B'PB);  c (nu, nx) = B'PA.
 * Returns 1 if R + gamma B'PB is not positive definite. */
static int riccati_terms(double *pb, double *m, double *c, const double *a,
                         const double *b, const double *p, const double *r,
                         double gamma, size_t nx, size_t nu)
{
    am_dgemm(AM_NOTRANS, AM_NOTRANS, nx, nu, nx, 1.0, p, nx, b, nu, 0.0, pb, nu);
    memcpy(m, r, nu * nu * sizeof *m);
    am_dgemm(AM_TRANS, AM_NOTRANS, nu, nu, nx, gamma, b, nu, pb, nu, 1.0, m, nu);
    symmetrize(m, nu);
    /* B'PA = (PB)'A, P symmetric */
    am_dgemm(AM_TRANS, AM_NOTRANS, nu, nx, nx, 1.0, pb, nu, a, nx, 0.0, c, nx);
    return am_dpotrf(m, nu) != 0;
}

ric_status ric_dare(double *p, const double *a, const double *b,
                    const double *q, const double *r, double gamma,
                    size_t nx, size_t nu, long max_iter, double tol,
                    long *iters)
{
    size_t lp = nx * nx;
    double *buf = malloc((2 * lp + 3 * nx * nu + nu * nu) * sizeof *buf);
    double *pa, *pn, *pb, *m, *c, *x;
    ric_status st = RIC_MAXITER;
    long it;
    if (iters) *iters = 0;
    if (!buf) return RIC_NOMEM;
    pa = buf;            /* (nx, nx) P A */
    pn = pa + lp;        /* (nx, nx) next P */
    pb = pn + lp;        /* (nx, nu) P B */
    c = pb + nx * nu;    /* (nu, nx) B'PA */
    x = c + nx * nu;     /* (nu, nx) M^-1 B'PA */
    m = x + nx * nu;     /* (nu, nu) chol(R + gamma B'PB) */
    memcpy(p, q, lp * sizeof *p);
    for (it = 1; it <= max_iter; it++) {
        double diff, norm;
        size_t i;
        if (riccati_terms(pb, m, c, a, b, p, r, gamma, nx, nu)) {
            st = RIC_DIVERGED;
            break;
        }
        memcpy(x, c, nx * nu * sizeof *x);
        am_chol_solve_cols(m, nu, x, nx);
        am_dgemm(AM_NOTRANS, AM_NOTRANS, nx, nx, nx, 1.0, p, nx, a, nx, 0.0, pa, nx);
        memcpy(pn, q, lp * sizeof *pn);
        am_dgemm(AM_TRANS, AM_NOTRANS, nx, nx, nx, gamma, a, nx, pa, nx, 1.0, pn, nx);
        am_dgemm(AM_TRANS, AM_NOTRANS, nx, nx, nu, -gamma * gamma, c, nx, x, nx, 1.0, pn, nx);
        symmetrize(pn, nx);
        for (diff = 0.0, i = 0; i < lp; i++) diff += (pn[i] - p[i]) * (pn[i] - p[i]);
        diff = sqrt(diff);
        norm = frob(pn, lp);
        memcpy(p, pn, lp * sizeof *p);
        if (iters) *iters = it;
        if (!isfinite(norm) || norm > RIC_HUGE) {
            st = RIC_DIVERGED;
            break;
        }
        if (diff <= tol * norm) {
            st = RIC_OK;
            break;
        }
    }
    free(buf);
    return st;
}

int ric_lqr_gain(double *k, double *m, const double *a, const double *b,
                 const double *p, const double *r, double gamma, size_t nx,
                 size_t nu, double *work)
{
    double *pb = work, *mm = pb + nx * nu, *c = mm + nu * nu;
    size_t i;
    if (riccati_terms(pb, mm, c, a, b, p, r, gamma, nx, nu)) return 1;
    if (m) { /* R + gamma B'PB itself, not its factor */
        memcpy(m, r, nu * nu * sizeof *m);
        am_dgemm(AM_TRANS, AM_NOTRANS, nu, nu, nx, gamma, b, nu, pb, nu, 1.0, m, nu);
        symmetrize(m, nu);
    }
    am_chol_solve_cols(mm, nu, c, nx);
    for (i = 0; i < nu * nx; i++) k[i] = gamma * c[i];
    return 0;
}
