/*
 * adam.h -- Adam (Kingma & Ba) for plugins that train something themselves
 * (e.g. the vae problem's decoder, trained once in create) and for the
 * host (the model's parameters, the from-scratch solver baseline).  The
 * same update as torch.optim.Adam, weight decay decoupled (AdamW) when
 * nonzero.
 */
#ifndef AMOR_ADAM_H
#define AMOR_ADAM_H

#include <stddef.h>

typedef struct am_adam {
    size_t n;
    double *m, *v; /* (n) moment estimates, caller-owned */
    long t;        /* steps taken */
    double lr, beta1, beta2, eps, weight_decay;
} am_adam;

/* Zero the moments and the step counter. */
void am_adam_reset(am_adam *a);

/* x (n) -= lr * mhat / (sqrt(vhat) + eps) (+ decoupled decay), given g (n).
 * Returns 1 when every element of x is finite afterwards, 0 otherwise (the
 * caller's divergence check, without a second pass over x). */
int am_adam_step(am_adam *a, double *x, const double *g);

#endif
