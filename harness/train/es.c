/*
 * es.c -- antithetic evolution strategies (es.h).
 */
#include "es.h"

#include <string.h>

int es_gradient(double *grad, double *mean, const double *theta, size_t np, long pairs,
                double sigma, amor_rng *rng, double *eps, double *tp, es_loss_fn f, void *ctx)
{
    double lsum = 0;
    long k;
    size_t i;
    int rc;
    memset(grad, 0, np * sizeof *grad);
    for (k = 0; k < pairs; k++) {
        double lp, lm, w;
        amor_rng_normal_fill(rng, np, eps);
        for (i = 0; i < np; i++) tp[i] = theta[i] + sigma * eps[i];
        if ((rc = f(ctx, tp, 1, &lp))) return rc;
        for (i = 0; i < np; i++) tp[i] = theta[i] - sigma * eps[i];
        if ((rc = f(ctx, tp, 0, &lm))) return rc;
        w = (lp - lm) / (2.0 * sigma * (double)pairs);
        for (i = 0; i < np; i++) grad[i] += w * eps[i];
        lsum += lp + lm;
    }
    *mean = lsum / (2.0 * (double)pairs);
    return 0;
}
