/*
 * qpref.c -- OSQP's polish and a Mehrotra interior-point method for dense
 * convex QPs (qpref.h), through amath's BLAS and alapack's Cholesky.
 */
#include <math.h>
#include <string.h>

#include "alapack.h"
#include "amath.h"
#include "qpref.h"

static double clip(double v, double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; }

/* Row j's bound that polish takes as active: -1 lower, 1 upper, 0 none. */
static int active(const double *z, const double *lam, const double *l, const double *u, size_t j)
{
    return z[j] - l[j] < -lam[j] ? -1 : u[j] - z[j] < lam[j] ? 1 : 0;
}

size_t qpref_polish_work(size_t n, size_t m) { return 3 * n * n + 2 * n + m; }

int qpref_polish(double *out, const double *z, const double *lam, const double *lp,
                 const double *q, const double *a, const double *l, const double *u, size_t n,
                 size_t m, qpref_residual_fn res, void *ctx, double tol, double *work)
{
    double *pa = work, *pw = pa + n * n, *ps = pw + n * n; /* (n, n) each: active rows of A,
                                                              A_act P^-1, Schur complement */
    double *pt = ps + n * n, *pnu = pt + n, *ay = pnu + n; /* (n), (n), (m) */
    double *ys = out, *lo = out + n + m;
    size_t k = 0, i, j;
    for (j = 0; j < m; j++)
        if (active(z, lam, l, u, j) && k++ == n) return 0; /* more active rows than variables */
    memcpy(pt, q, n * sizeof *pt);
    am_dpotrs(lp, n, pt, 1); /* t = P^-1 q */
    for (i = j = 0; j < m; j++) { /* the active rows in order, again: i counts them */
        int side = active(z, lam, l, u, j);
        if (!side) continue;
        memcpy(pa + i * n, a + j * n, n * sizeof *pa);
        pnu[i++] = -am_ddot(n, a + j * n, pt) - (side < 0 ? l[j] : u[j]);
    }
    memcpy(pw, pa, k * n * sizeof *pw);
    am_dpotrs(lp, n, pw, k); /* rows of A_act P^-1 */
    am_dgemm(AM_NOTRANS, AM_TRANS, k, k, n, 1.0, pa, n, pw, n, 0.0, ps, k);
    if (k && am_dpotrf(ps, k)) return 0;
    am_dpotrs(ps, k, pnu, 1);
    memset(lo, 0, m * sizeof *lo);
    for (j = 0; j < n; j++) ys[j] = -pt[j];
    for (i = j = 0; j < m; j++) {
        int side = active(z, lam, l, u, j);
        if (!side) continue;
        if (side < 0 ? pnu[i] > 0 : pnu[i] < 0) return 0;
        lo[j] = pnu[i];
        am_daxpy(n, -pnu[i], pw + i * n, ys);
        i++;
    }
    am_dgemv(AM_NOTRANS, m, n, 1.0, a, n, ys, 0.0, ay);
    for (j = 0; j < m; j++) out[n + j] = clip(ay[j], l[j], u[j]);
    return res(ctx, out) <= tol;
}

size_t qpref_ipm_work(size_t n, size_t m) { return n * n + m * n + 2 * n + 19 * m; }

int qpref_ipm(double *out, const double *p, const double *q, const double *a, const double *l,
              const double *u, size_t n, size_t m, qpref_residual_fn res, void *ctx, double tol,
              double *work)
{
    size_t m2 = 2 * m, it, j;
    double *sl = work, *w = sl + m2, *rp = w + m2, *v = rp + m2, *ds = v + m2, *dw = ds + m2;
    double *dsa = dw + m2, *dwa = dsa + m2, *rc = dwa + m2; /* (2m) each */
    double *ay = rc + m2, *rd = ay + m, *dy = rd + n;       /* (m), (n), (n) */
    double *K = dy + n, *B = K + n * n;                     /* (n, n), (m, n) */
    double *y = out;
    memset(y, 0, n * sizeof *y);
    for (j = 0; j < m2; j++) sl[j] = w[j] = 1.0;
    for (it = 0; it < 200; it++) {
        double mu = 0, mua = 0, amax = INFINITY, alpha, sigma = 0;
        int pass;
        am_dgemv(AM_NOTRANS, m, n, 1.0, a, n, y, 0.0, ay);
        for (j = 0; j < m; j++) {
            rp[j] = ay[j] + sl[j] - u[j];
            rp[m + j] = -ay[j] + sl[m + j] + l[j];
            out[n + j] = clip(ay[j], l[j], u[j]);
            out[n + m + j] = w[j] - w[m + j];
        }
        for (j = 0; j < m2; j++) mu += sl[j] * w[j];
        mu /= (double)m2;
        if (res(ctx, out) <= tol && mu <= tol) return 1;
        if (!(mu == mu)) return 0;
        am_dgemv(AM_NOTRANS, n, n, 1.0, p, n, y, 0.0, rd); /* rd = Py + q + A'(w_u - w_l) */
        am_dgemv(AM_TRANS, m, n, 1.0, a, n, out + n + m, 1.0, rd);
        for (j = 0; j < n; j++) rd[j] += q[j];
        for (j = 0; j < m; j++) { /* B = diag(sqrt(d_u + d_l)) A */
            double dd = sqrt(w[j] / sl[j] + w[m + j] / sl[m + j]);
            size_t c;
            for (c = 0; c < n; c++) B[j * n + c] = dd * a[j * n + c];
        }
        am_gram(K, B, m, n);
        for (j = 0; j < n * n; j++) K[j] += p[j];
        if (am_dpotrf(K, n)) return 0;
        for (pass = 0; pass < 2; pass++) { /* the predictor, then the corrector */
            for (j = 0; j < m2; j++)
                rc[j] = pass ? -sl[j] * w[j] - dsa[j] * dwa[j] + sigma * mu : -sl[j] * w[j];
            for (j = 0; j < m2; j++) v[j] = w[j] / sl[j] * rp[j] + rc[j] / sl[j];
            for (j = 0; j < m; j++) v[j] -= v[m + j];
            memcpy(dy, rd, n * sizeof *dy);
            am_dgemv(AM_TRANS, m, n, 1.0, a, n, v, 1.0, dy);
            for (j = 0; j < n; j++) dy[j] = -dy[j];
            am_dpotrs(K, n, dy, 1);
            am_dgemv(AM_NOTRANS, m, n, 1.0, a, n, dy, 0.0, ay); /* A dy */
            amax = INFINITY;
            for (j = 0; j < m2; j++) {
                double gd = j < m ? ay[j] : -ay[j - m];
                dw[j] = w[j] / sl[j] * (gd + rp[j]) + rc[j] / sl[j];
                ds[j] = (rc[j] - sl[j] * dw[j]) / w[j];
                if (ds[j] < 0) amax = fmin(amax, -sl[j] / ds[j]);
                if (dw[j] < 0) amax = fmin(amax, -w[j] / dw[j]);
            }
            if (pass) break;
            alpha = fmin(1.0, amax);
            for (j = 0, mua = 0; j < m2; j++)
                mua += (sl[j] + alpha * ds[j]) * (w[j] + alpha * dw[j]);
            mua /= (double)m2;
            sigma = pow(mua / mu, 3);
            memcpy(dsa, ds, m2 * sizeof *ds);
            memcpy(dwa, dw, m2 * sizeof *dw);
        }
        alpha = fmin(1.0, 0.99 * amax);
        for (j = 0; j < n; j++) y[j] += alpha * dy[j];
        for (j = 0; j < m2; j++) sl[j] += alpha * ds[j], w[j] += alpha * dw[j];
    }
    return 0;
}
