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

/* The update of x[0..n): the same arithmetic, element by element and in
 * the same order, as the textbook loop, so every build and every clone
 * below gives bit-identical results (no contraction into FMAs: amor builds
 * as ISO C, where GCC's default is -ffp-contract=off).  Written in blocks of
 * AM_ADAM_BLOCK independent elements, which the compiler turns into vector
 * instructions (sqrt and division included: -fno-math-errno) without
 * reassociating anything; target_clones adds AVX2 and AVX-512 versions,
 * chosen once at load time by the CPU.  Returns 1 when every updated x is
 * finite: x * 0 is 0 for a finite x and NaN otherwise, accumulated per lane,
 * which saves a second pass over x. */
#define AM_ADAM_BLOCK 8

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__)
#define AM_ADAM_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define AM_ADAM_CLONES
#endif

/* One element: the textbook update of m, v and x, in the textbook order. */
static inline double adam_one(double *x, double *m, double *v, double g, double b1,
                              double a1, double b2, double a2, double step, double sc2,
                              double eps, double decay, int decays)
{
    double mi = b1 * *m + a1 * g, vi = b2 * *v + a2 * g * g, xi = *x;
    if (decays) xi *= decay;
    xi -= step * mi / (sqrt(vi) * sc2 + eps);
    *m = mi;
    *v = vi;
    *x = xi;
    return xi * 0.0;
}

AM_ADAM_CLONES
static int adam_update(size_t n, double *restrict x, double *restrict m, double *restrict v,
                       const double *restrict g, double b1, double b2, double step, double sc2,
                       double eps, double decay, int decays)
{
    double acc[AM_ADAM_BLOCK] = {0}, a1 = 1.0 - b1, a2 = 1.0 - b2, s = 0.0;
    size_t i = 0, k;
    for (; i + AM_ADAM_BLOCK <= n; i += AM_ADAM_BLOCK)
        for (k = 0; k < AM_ADAM_BLOCK; k++)
            acc[k] += adam_one(x + i + k, m + i + k, v + i + k, g[i + k], b1, a1, b2, a2, step,
                               sc2, eps, decay, decays);
    for (; i < n; i++)
        s += adam_one(x + i, m + i, v + i, g[i], b1, a1, b2, a2, step, sc2, eps, decay, decays);
    for (k = 0; k < AM_ADAM_BLOCK; k++) s += acc[k];
    return s == 0.0;
}

int am_adam_step(am_adam *a, double *x, const double *g)
{
    double c1, c2;
    a->t++;
    c1 = 1.0 - pow(a->beta1, (double)a->t);
    c2 = 1.0 - pow(a->beta2, (double)a->t);
    return adam_update(a->n, x, a->m, a->v, g, a->beta1, a->beta2, a->lr / c1, 1.0 / sqrt(c2),
                       a->eps, 1.0 - a->lr * a->weight_decay, a->weight_decay != 0.0);
}
