/*
 * t_adam.c -- the one Adam of amor (plugins/common/adam.c: the host's
 * optimizer of theta, the solver baseline, plugins' own training):
 *   - bit-identical to the plain one-element-at-a-time loop it replaced, at
 *     every length around its blocks of eight (the vector clones chosen at
 *     load time must not change a single bit), with and without decay;
 *   - equal to the textbook bias-corrected update (Kingma & Ba, AdamW decay)
 *     to rounding;
 *   - its return value: 1 while every parameter is finite, 0 as soon as one
 *     is not (a NaN or infinite gradient, in a block or in the tail), which
 *     is the host's divergence check.
 */
#include "tap.h"

#include "../plugins/common/adam.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TEST(cond, ...) tap_ok((cond), __VA_ARGS__)

/* The loop am_adam_step used to be (one element at a time). */
static void plain_step(am_adam *a, double *x, const double *g)
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

/* Deterministic gradients of mixed signs and magnitudes. */
static double grad_at(size_t i, int t)
{
    return sin(0.7 * (double)i + 1.3 * (double)t) * pow(10.0, (double)((int)(i % 7) - 3));
}

static void test_bit_identical(void)
{
    size_t lens[] = {1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1001};
    double decays[] = {0.0, 0.01};
    for (size_t li = 0; li < sizeof lens / sizeof *lens; li++)
        for (int di = 0; di < 2; di++) {
            size_t n = lens[li], i;
            double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
            double *m1 = calloc(n, sizeof *m1), *v1 = calloc(n, sizeof *v1);
            double *m2 = calloc(n, sizeof *m2), *v2 = calloc(n, sizeof *v2);
            double *g = malloc(n * sizeof *g);
            am_adam a = {n, m1, v1, 0, 1e-2, 0.9, 0.999, 1e-8, decays[di]};
            am_adam b = {n, m2, v2, 0, 1e-2, 0.9, 0.999, 1e-8, decays[di]};
            int ok = 1, fin = 1;
            for (i = 0; i < n; i++) x[i] = y[i] = cos((double)i);
            for (int t = 1; t <= 25; t++) {
                for (i = 0; i < n; i++) g[i] = grad_at(i, t);
                fin &= am_adam_step(&a, x, g) == 1;
                plain_step(&b, y, g);
            }
            ok = memcmp(x, y, n * sizeof *x) == 0 && memcmp(m1, m2, n * sizeof *m1) == 0 &&
                 memcmp(v1, v2, n * sizeof *v1) == 0 && a.t == b.t;
            TEST(ok && fin, "n = %zu, weight decay %g: 25 steps bit-identical to the plain loop, "
                            "finite reported",
                 n, decays[di]);
            free(x), free(y), free(m1), free(v1), free(m2), free(v2), free(g);
        }
}

static void test_textbook(void)
{
    enum { N = 37, T = 40 };
    double x[N], ref[N], m[N] = {0}, v[N] = {0}, rm[N] = {0}, rv[N] = {0}, g[N], worst = 0;
    double lr = 3e-3, b1 = 0.8, b2 = 0.99, eps = 1e-6, wd = 0.05;
    am_adam a = {N, m, v, 0, lr, b1, b2, eps, wd};
    size_t i;
    for (i = 0; i < N; i++) x[i] = ref[i] = 0.5 - 0.03 * (double)i;
    for (int t = 1; t <= T; t++) {
        for (i = 0; i < N; i++) g[i] = grad_at(i, t);
        am_adam_step(&a, x, g);
        for (i = 0; i < N; i++) { /* AdamW: decoupled decay, then the Adam step */
            double mh, vh;
            rm[i] = b1 * rm[i] + (1 - b1) * g[i];
            rv[i] = b2 * rv[i] + (1 - b2) * g[i] * g[i];
            mh = rm[i] / (1 - pow(b1, t));
            vh = rv[i] / (1 - pow(b2, t));
            ref[i] = ref[i] * (1 - lr * wd) - lr * mh / (sqrt(vh) + eps);
        }
    }
    for (i = 0; i < N; i++) {
        double e = fabs(x[i] - ref[i]) / fmax(1.0, fabs(ref[i]));
        if (e > worst) worst = e;
    }
    TEST(worst < 1e-13, "40 steps equal the textbook bias-corrected AdamW update to rounding "
                        "(worst relative difference %.2g)",
         worst);
}

static void test_nonfinite(void)
{
    enum { N = 21 }; /* two blocks of eight and a tail of five */
    size_t where[] = {0, 7, 8, 15, 16, 20};
    double bad[] = {NAN, INFINITY, -INFINITY};
    for (size_t w = 0; w < sizeof where / sizeof *where; w++)
        for (int k = 0; k < 3; k++) {
            double x[N], m[N] = {0}, v[N] = {0}, g[N];
            am_adam a = {N, m, v, 0, 1e-3, 0.9, 0.999, 1e-8, 0.0};
            size_t i;
            int first, second;
            for (i = 0; i < N; i++) x[i] = 1.0, g[i] = 0.1 * (double)i;
            first = am_adam_step(&a, x, g);
            g[where[w]] = bad[k];
            second = am_adam_step(&a, x, g);
            TEST(first == 1 && second == 0 && !isfinite(x[where[w]]),
                 "gradient %g at element %zu of %d: parameters not finite, reported (0)", bad[k],
                 where[w], N);
        }
    {
        double x[3] = {1e308, -1e308, 0}, m[3] = {0}, v[3] = {0}, g[3] = {1, -1, 1};
        am_adam a = {3, m, v, 0, 1e308, 0.9, 0.999, 1e-8, 0.0}; /* a step to overflow */
        TEST(am_adam_step(&a, x, g) == 0, "an update overflowing to infinity is reported (0)");
    }
}

int main(void)
{
    test_bit_identical();
    test_textbook();
    test_nonfinite();
    return tap_done();
}
