/*
 * adam.h -- Adam (Kingma & Ba) for plugins that train something themselves
 * (e.g. the vae problem's decoder, trained once in create).  The same update
 * as the host's harness/optim.c and torch.optim.Adam, weight decay decoupled
 * (AdamW) when nonzero, so the host can later share this one copy.
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

/* x (n) -= lr * mhat / (sqrt(vhat) + eps) (+ decoupled decay), given g (n). */
void am_adam_step(am_adam *a, double *x, const double *g);

#endif
