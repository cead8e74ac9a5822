/*
 * optim.h -- Adam (Kingma & Ba), shared by the trainer (on theta) and the
 * from-scratch solver baseline (on y).  Same update as torch.optim.Adam;
 * weight decay is decoupled (AdamW) when nonzero.
 */
#ifndef AMOR_OPTIM_H
#define AMOR_OPTIM_H

#include <stddef.h>

typedef struct adam_state {
    size_t n;
    double *m, *v;   /* (n) moment estimates, caller-owned */
    long t;          /* steps taken */
    double lr, beta1, beta2, eps, weight_decay;
} adam_state;

/* Zero the moments and step counter. */
void adam_reset(adam_state *a);

/* x -= lr * mhat / (sqrt(vhat) + eps) (+ decoupled decay), for n entries. */
void adam_step(adam_state *a, double *x, const double *g);

#endif
