/*
 * t_es.c -- the evolution-strategies gradient of the trainer
 * (harness/train/es.c, train.estimator = "es") on a quadratic loss
 * L(theta) = 1/2 theta'A theta + b'theta, where everything is known:
 * an antithetic pair's difference is exactly 2 sigma e'grad L (the
 * curvature cancels), so one pair gives (e'grad L) e to rounding; many
 * pairs give grad L (the estimate is unbiased, its error shrinks as
 * 1/sqrt(pairs)); the mean of the losses estimates the smoothed loss
 * L(theta) + sigma^2/2 tr A.  Also: a failing loss stops the estimate
 * with its code, and the + and - members of a pair are flagged.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "amor.h"
#include "es.h"

#define NP 5

typedef struct quad {
    double A[NP * NP], b[NP];
    long calls, firsts;
    long fail_at; /* call that fails (0: none) */
} quad;

static int quad_loss(void *ctx, const double *th, int first, double *loss)
{
    quad *q = ctx;
    double s = 0;
    size_t i, j;
    q->calls++;
    q->firsts += first;
    if (q->fail_at && q->calls == q->fail_at) return 7;
    for (i = 0; i < NP; i++) {
        double r = 0;
        for (j = 0; j < NP; j++) r += q->A[i * NP + j] * th[j];
        s += 0.5 * th[i] * r + q->b[i] * th[i];
    }
    *loss = s;
    return 0;
}

static void quad_grad(const quad *q, const double *th, double *g)
{
    size_t i, j;
    for (i = 0; i < NP; i++) {
        g[i] = q->b[i];
        for (j = 0; j < NP; j++) g[i] += q->A[i * NP + j] * th[j];
    }
}

int main(void)
{
    quad q;
    amor_rng rng, again;
    double th[NP], g[NP], want[NP], eps[NP], tp[NP], e2[NP], mean, trA = 0, L0, err = 0, nrm = 0;
    size_t i, j;
    int rc;
    memset(&q, 0, sizeof q);
    amor_rng_seed(&rng, 1);
    for (i = 0; i < NP; i++) /* A = M M' + I, symmetric positive definite */
        for (j = 0; j < NP; j++) q.A[i * NP + j] = amor_rng_normal(&rng);
    {
        double M[NP * NP];
        memcpy(M, q.A, sizeof M);
        for (i = 0; i < NP; i++)
            for (j = 0; j < NP; j++) {
                size_t k;
                double s = i == j;
                for (k = 0; k < NP; k++) s += M[i * NP + k] * M[j * NP + k];
                q.A[i * NP + j] = s;
            }
    }
    for (i = 0; i < NP; i++) q.b[i] = amor_rng_normal(&rng), th[i] = amor_rng_normal(&rng);
    for (i = 0; i < NP; i++) trA += q.A[i * NP + i];
    quad_grad(&q, th, want);
    quad_loss(&q, th, 0, &L0);
    q.calls = q.firsts = 0;

    /* one pair: (e'grad L) e exactly, e the first NP normals of the stream */
    amor_rng_seed(&rng, 42);
    again = rng;
    rc = es_gradient(g, &mean, th, NP, 1, 0.1, &rng, eps, tp, quad_loss, &q);
    amor_rng_normal_fill(&again, NP, e2);
    {
        double d = 0, worst = 0;
        for (i = 0; i < NP; i++) d += e2[i] * want[i];
        for (i = 0; i < NP; i++) worst = fmax(worst, fabs(g[i] - d * e2[i]) / fabs(d * e2[i]));
        tap_ok(rc == 0 && worst <= 1e-10,
               "one antithetic pair on a quadratic: (e'grad L) e to rounding (worst relative "
               "difference %.2g)", worst);
    }
    tap_ok(q.calls == 2 && q.firsts == 1, "a pair is two loss calls, the first flagged (%ld, %ld)",
           q.calls, q.firsts);

    /* many pairs: grad L, and the smoothed loss L + sigma^2/2 tr A */
    q.calls = 0;
    rc = es_gradient(g, &mean, th, NP, 200000, 0.1, &rng, eps, tp, quad_loss, &q);
    for (i = 0; i < NP; i++) err += (g[i] - want[i]) * (g[i] - want[i]), nrm += want[i] * want[i];
    err = sqrt(err / nrm);
    /* the error's standard deviation is about sqrt(NP / pairs) = 0.005 of |grad L| */
    tap_ok(rc == 0 && err < 0.02,
           "200000 pairs: the exact gradient within 2 %% (relative error %.4f)", err);
    {
        char what[160];
        snprintf(what, sizeof what, "mean loss = the smoothed loss L + sigma^2/2 tr A (%.6f vs "
                 "%.6f)", mean, L0 + 0.5 * 0.01 * trA);
        tap_close(mean, L0 + 0.5 * 0.01 * trA, 0, 0.02 * 0.5 * 0.01 * trA + 1e-3 * fabs(L0), what);
    }

    /* a failing call stops the estimate with its code */
    q.calls = 0;
    q.fail_at = 3;
    rc = es_gradient(g, &mean, th, NP, 4, 0.1, &rng, eps, tp, quad_loss, &q);
    tap_ok(rc == 7 && q.calls == 3, "a failing loss call stops the estimate with its code (%d after "
           "%ld calls)", rc, q.calls);
    return tap_done();
}
