/*
 * esgrad.h -- the antithetic Gaussian-smoothing (ES) gradient estimate
 * through the amor_oracle, once for the zeroth_order loss and warmstart's
 * refine = es: one pair of value calls per draw, each over all n contexts.
 *
 * Conventions as amath.h: outputs first, (n, ny) row-major batches, nothing
 * allocates, prints or exits.  Oracle failures return the oracle's status
 * unchanged (the host holds the message).
 */
#ifndef AMOR_ESGRAD_H
#define AMOR_ESGRAD_H

#include <stddef.h>

#include "amor.h"

/* One antithetic pair for n contexts x: yp = y + sigma eps and
 * ym = y - sigma eps (n, ny each, the same eps for both: common random
 * numbers), fp = f(yp; x) and fm = f(ym; x) (n each) by two value calls,
 * then, unless g is NULL, g (n, ny) += coef (fp_i - fm_i) eps_i row by row.
 * With coef = 1 / (2 sigma S), S such pairs sum to the estimate of
 * grad E f(y + sigma eps; x).  x must be what the oracle accepts (a model
 * passes rows of the x it was given, never copies). */
int es_pair(double *g, double *yp, double *ym, double *fp, double *fm,
            const amor_oracle *o, size_t n, size_t ny, const double *x,
            const double *y, const double *eps, double sigma, double coef);

#endif
