/*
 * es.h -- evolution strategies in the trainer (train.estimator = "es"):
 * the gradient of the Gaussian-smoothed loss
 *   L_sigma(theta) = E_{e ~ N(0, I)} L(theta + sigma e)
 * estimated from values only, with antithetic pairs (Salimans et al. 2017;
 * learned_optimization's full ES):
 *   g = 1 / (2 sigma P) sum_{k=1..P} (L(theta + sigma e_k) - L(theta - sigma e_k)) e_k,
 * unbiased for grad L_sigma.  On a quadratic L the antithetic difference
 * is exactly 2 sigma e_k' grad L (the curvature cancels), so g = (1/P)
 * sum e_k e_k' grad L.  The parameter-space counterpart of the
 * zeroth_order loss, which smooths in the solution y instead.
 */
#ifndef AMOR_ES_H
#define AMOR_ES_H

#include <stddef.h>

#include "amor.h"

/* The loss at theta (np), into *loss; first: 1 for the + member of a pair,
 * 0 for its - member (a caller whose loss draws noise replays the + draw
 * for the - member: common random numbers).  0, or non-zero to stop. */
typedef int (*es_loss_fn)(void *ctx, const double *theta, int first, double *loss);

/* grad (np) = the estimate above from `pairs` antithetic pairs of N(0, I)
 * directions drawn from rng, and *mean = the mean of the 2 P losses (the
 * smoothed loss's estimate).  eps, tp: (np) scratch.  Returns f's non-zero
 * code as soon as a call fails (grad then partial).  Nothing allocates. */
int es_gradient(double *grad, double *mean, const double *theta, size_t np, long pairs,
                double sigma, amor_rng *rng, double *eps, double *tp, es_loss_fn f, void *ctx);

#endif
