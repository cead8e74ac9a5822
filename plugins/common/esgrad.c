/*
 * esgrad.c -- one antithetic pair of the Gaussian-smoothing gradient
 * estimate (esgrad.h).
 */
#include "esgrad.h"

int es_pair(double *g, double *yp, double *ym, double *fp, double *fm,
            const amor_oracle *o, size_t n, size_t ny, const double *x,
            const double *y, const double *eps, double sigma, double coef)
{
    size_t i, k, len = n * ny;
    int rc;
    for (k = 0; k < len; k++) {
        yp[k] = y[k] + sigma * eps[k];
        ym[k] = y[k] - sigma * eps[k];
    }
    if ((rc = o->value(o->ctx, n, x, yp, fp))) return rc;
    if ((rc = o->value(o->ctx, n, x, ym, fm))) return rc;
    if (!g) return AMOR_OK;
    for (i = 0; i < n; i++) {
        double df = fp[i] - fm[i]; /* the finite difference weighting eps_i */
        for (k = 0; k < ny; k++) g[i * ny + k] += coef * df * eps[i * ny + k];
    }
    return AMOR_OK;
}
