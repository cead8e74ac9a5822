/*
 * regression_sum.c -- loss plugin: L^sum = sum_t w_t 1/2 |y^t - y*|^2 over
 * all T iterates of a (semi-amortized) model, with the weights of
 * lossutil.h (uniform, last, geometric, list; normalized to sum 1).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "amor.h"
#include "lossutil.h"

#define WHO "regression_sum"

typedef struct rsum {
    size_t ny, T;
    double *w; /* (T) iterate weights, sum 1 */
} rsum;

static void rsum_destroy(void *inst)
{
    rsum *p = inst;
    if (!p) return;
    free(p->w);
    free(p);
}

static int rsum_create(const amor_value *params, const amor_env *env,
                       void **inst, char *err, size_t errlen)
{
    rsum *p;
    int rc = lu_env_check(env, 0, WHO, err, errlen);
    if (rc) return rc;
    p = calloc(1, sizeof *p);
    if (p) p->w = malloc(env->num_iterates * sizeof *p->w);
    if (!p || !p->w) {
        rsum_destroy(p);
        return amor_errorf(err, errlen, AMOR_ENOMEM, WHO ": out of memory");
    }
    p->ny = env->ny;
    p->T = env->num_iterates;
    rc = lu_weights(p->w, p->T, params, WHO, err, errlen);
    if (rc) {
        rsum_destroy(p);
        return rc;
    }
    *inst = p;
    return AMOR_OK;
}

static int rsum_eval(void *inst, size_t n, size_t T, const double *x,
                     const double *iterates, const double *ystar, amor_rng *rng,
                     double *loss, double *d_iterates, char *err, size_t errlen)
{
    const rsum *p = inst;
    size_t t, i, ny = p->ny, block = n * ny;
    (void)x;
    (void)rng;
    if (T != p->T)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           WHO ": eval with T = %zu iterates, but the weights were "
                           "made for T = %zu", T, p->T);
    if (!ystar)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           WHO ": needs reference solutions y* (got none)");
    if (d_iterates) memset(d_iterates, 0, T * block * sizeof *d_iterates);
    for (i = 0; i < n; i++) loss[i] = 0.0;
    for (t = 0; t < T; t++) {
        const double *y = iterates + t * block; /* (n, ny): iterate t */
        double *d = d_iterates ? d_iterates + t * block : NULL;
        if (p->w[t] == 0.0) continue; /* rows stay exactly zero */
        for (i = 0; i < n; i++)
            loss[i] += p->w[t] * lu_sqerr_row(d ? d + i * ny : NULL, p->w[t],
                                              y + i * ny, ystar + i * ny, ny);
    }
    return AMOR_OK;
}

static const amor_loss_desc rsum_desc = {
    .head = AMOR_HEAD(amor_loss_desc, AMOR_KIND_LOSS, WHO, "1.0",
              "weighted sum over iterates of 1/2 |y^t - y*|^2 (L^sum, regression)",
              lu_weight_params, LU_WEIGHT_NPARAMS),
    .create = rsum_create,
    .destroy = rsum_destroy,
    .needs = AMOR_NEEDS_YSTAR,
    .eval = rsum_eval,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &rsum_desc.head : NULL;
}
