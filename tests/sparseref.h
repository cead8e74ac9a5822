/*
 * sparseref.h -- the sparse-coding tests' own reference math, independent of
 * the plugins: the soft threshold, the lasso objective and smooth gradient
 * from a dictionary, D'D and its largest eigenvalue by Jacobi rotations (not
 * the plugins' power iteration).  Include after plugtest.h.
 */
#ifndef AMOR_SPARSEREF_H
#define AMOR_SPARSEREF_H

#include <math.h>
#include <stdlib.h>

static inline double soft(double v, double t) { return v > t ? v - t : v < -t ? v + t : 0.0; }

/* The test's own f(y; x) = 1/2 |x - D y|^2 + lambda |y|_1 and r = D'(Dy - x). */
static inline double ref_lasso(const double *D, double lambda, size_t nx, size_t ny,
                               const double *x, const double *y, double *r)
{
    double f = 0.0, l1 = 0.0;
    size_t i, j;
    double *e = pt_dalloc(nx);
    for (i = 0; i < nx; i++) {
        double s = -x[i];
        for (j = 0; j < ny; j++) s += D[i * ny + j] * y[j];
        e[i] = s;
        f += 0.5 * s * s;
    }
    for (j = 0; j < ny; j++) l1 += fabs(y[j]);
    if (r)
        for (j = 0; j < ny; j++) {
            double s = 0.0;
            for (i = 0; i < nx; i++) s += D[i * ny + j] * e[i];
            r[j] = s;
        }
    free(e);
    return f + lambda * l1;
}

/* Largest eigenvalue of the symmetric a (d, d) by cyclic Jacobi rotations
 * (destroys a); independent of the plugins' power iteration.  *trace gets
 * the sum of the eigenvalues. */
static inline double jacobi_maxeig(double *a, size_t d, double *trace)
{
    size_t sweep, p, q, k;
    double best, tr = 0.0;
    for (sweep = 0; sweep < 100; sweep++) {
        double off = 0.0, tot = 0.0;
        for (p = 0; p < d; p++)
            for (q = 0; q < d; q++) {
                tot += a[p * d + q] * a[p * d + q];
                if (p != q) off += a[p * d + q] * a[p * d + q];
            }
        if (off <= 1e-30 * tot) break;
        for (p = 0; p < d; p++)
            for (q = p + 1; q < d; q++) {
                double apq = a[p * d + q], th, t, c, s;
                if (apq == 0.0) continue;
                th = (a[q * d + q] - a[p * d + p]) / (2.0 * apq);
                t = (th >= 0 ? 1.0 : -1.0) / (fabs(th) + sqrt(th * th + 1.0));
                c = 1.0 / sqrt(t * t + 1.0);
                s = t * c;
                for (k = 0; k < d; k++) { /* columns p, q */
                    double akp = a[k * d + p], akq = a[k * d + q];
                    a[k * d + p] = c * akp - s * akq;
                    a[k * d + q] = s * akp + c * akq;
                }
                for (k = 0; k < d; k++) { /* rows p, q */
                    double apk = a[p * d + k], aqk = a[q * d + k];
                    a[p * d + k] = c * apk - s * aqk;
                    a[q * d + k] = s * apk + c * aqk;
                }
            }
    }
    best = a[0];
    for (p = 0; p < d; p++) {
        tr += a[p * d + p];
        if (a[p * d + p] > best) best = a[p * d + p];
    }
    *trace = tr;
    return best;
}

/* D'D (ny, ny) of D (nx, ny). */
static inline double *gram_of(const double *D, size_t nx, size_t ny)
{
    double *g = pt_dalloc(ny * ny);
    size_t i, j, k;
    for (i = 0; i < ny; i++)
        for (j = 0; j < ny; j++) {
            double s = 0.0;
            for (k = 0; k < nx; k++) s += D[k * ny + i] * D[k * ny + j];
            g[i * ny + j] = s;
        }
    return g;
}

/* L = |D|_2^2 of D (nx, ny) by Jacobi (its trace into *trace if not NULL). */
static inline double ref_lip(const double *D, size_t nx, size_t ny, double *trace)
{
    double *g = gram_of(D, nx, ny), tr, L = jacobi_maxeig(g, ny, &tr);
    free(g);
    if (trace) *trace = tr;
    return L;
}

/* One ISTA step out (ny) = soft(z - D'(Dz - s)/L, lambda/L) from z (ny) for
 * the signal s (nx). */
static inline void ref_ista(const double *D, double lambda, double L, size_t nx, size_t ny,
                            const double *s, const double *z, double *out)
{
    double *r = pt_dalloc(ny);
    size_t k;
    ref_lasso(D, lambda, nx, ny, s, z, r);
    for (k = 0; k < ny; k++) out[k] = soft(z[k] - r[k] / L, lambda / L);
    free(r);
}

/* The proximal-gradient residual L |y - ISTA(y)|_2 at y (ny). */
static inline double ref_prox_residual(const double *D, double lambda, double L, size_t nx,
                                       size_t ny, const double *s, const double *y)
{
    double *u = pt_dalloc(ny), q = 0.0;
    size_t k;
    ref_ista(D, lambda, L, nx, ny, s, y, u);
    for (k = 0; k < ny; k++) q += (y[k] - u[k]) * (y[k] - u[k]);
    free(u);
    return L * sqrt(q);
}

#endif
