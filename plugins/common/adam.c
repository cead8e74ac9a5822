/*
 * adam.c -- Adam for plugins (see adam.h).
 */
#include "adam.h"

#include <math.h>
#include <string.h>

void am_adam_reset(am_adam *a)
{
    memset(a->m, 0, a->n * sizeof *a->m);
    memset(a->v, 0, a->n * sizeof *a->v);
    a->t = 0;
}

void am_adam_step(am_adam *a, double *x, const double *g)
{
    size_t i;
    double b1 = a->beta1, b2 = a->beta2, c1, c2, step, sc2, decay;
    a->t++;
    c1 = 1.0 - pow(b1, (double)a->t);
    c2 = 1.0 - pow(b2, (double)a->t);
    step = a->lr / c1;
    sc2 = 1.0 / sqrt(c2);
    decay = 1.0 - a->lr * a->weight_decay;
    for (i = 0; i < a->n; i++) {
        double gi = g[i];
        a->m[i] = b1 * a->m[i] + (1.0 - b1) * gi;
        a->v[i] = b2 * a->v[i] + (1.0 - b2) * gi * gi;
        if (a->weight_decay != 0.0) x[i] *= decay;
        x[i] -= step * a->m[i] / (sqrt(a->v[i]) * sc2 + a->eps);
    }
}
