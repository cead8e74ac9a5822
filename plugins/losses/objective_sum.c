/*
 * objective_sum.c -- loss plugin: L^sum = sum_t w_t f(y^t; x) over all T
 * iterates, through the oracle (one batched call per iterate of non-zero
 * weight, so x is never copied), with the weights of lossutil.h.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "amor.h"
#include "lossutil.h"

#define WHO "objective_sum"

typedef struct osum {
    const amor_oracle *oracle; /* host-owned; valid until destroy */
    size_t ny, T;
    double *w;    /* (T) iterate weights, sum 1 */
    lu_buf f;     /* (n): f of one iterate; grown with n */
    lu_buf sink;  /* (n, ny): gradient sink for value-only calls */
} osum;

static void osum_destroy(void *inst)
{
    osum *p = inst;
    if (!p) return;
    free(p->w);
    lu_buf_free(&p->f);
    lu_buf_free(&p->sink);
    free(p);
}

static int osum_create(const amor_value *params, const amor_env *env,
                       void **inst, char *err, size_t errlen)
{
    osum *p;
    int rc = lu_env_check(env, AMOR_NEEDS_GRAD, WHO, err, errlen);
    if (rc) return rc;
    p = calloc(1, sizeof *p);
    if (p) p->w = malloc(env->num_iterates * sizeof *p->w);
    if (!p || !p->w) {
        osum_destroy(p);
        return amor_errorf(err, errlen, AMOR_ENOMEM, WHO ": out of memory");
    }
    p->oracle = env->oracle;
    p->ny = env->ny;
    p->T = env->num_iterates;
    rc = lu_weights(p->w, p->T, params, WHO, err, errlen);
    if (rc) {
        osum_destroy(p);
        return rc;
    }
    *inst = p;
    return AMOR_OK;
}

static int osum_eval(void *inst, size_t n, size_t T, const double *x,
                     const double *iterates, const double *ystar, amor_rng *rng,
                     double *loss, double *d_iterates, char *err, size_t errlen)
{
    osum *p = inst;
    size_t t, i, block = n * p->ny;
    (void)ystar;
    (void)rng;
    if (T != p->T)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           WHO ": eval with T = %zu iterates, but the weights were "
                           "made for T = %zu", T, p->T);
    if (lu_buf_reserve(&p->f, n))
        return amor_errorf(err, errlen, AMOR_ENOMEM, WHO ": out of memory");
    for (i = 0; i < n; i++) loss[i] = 0.0;
    for (t = 0; t < T; t++) {
        const double w = p->w[t];
        double *d = d_iterates ? d_iterates + t * block : NULL; /* (n, ny) */
        int rc;
        if (w == 0.0) { /* not evaluated: no oracle call, exact zero rows */
            if (d) memset(d, 0, block * sizeof *d);
            continue;
        }
        rc = lu_objective(p->oracle, n, x, iterates + t * block, p->f.p, d,
                          &p->sink, WHO, err, errlen);
        if (rc) return rc;
        for (i = 0; i < n; i++) loss[i] += w * p->f.p[i];
        if (d && w != 1.0)
            for (i = 0; i < block; i++) d[i] *= w;
    }
    return AMOR_OK;
}

static const amor_loss_desc osum_desc = {
    .head = AMOR_HEAD(amor_loss_desc, AMOR_KIND_LOSS, WHO, "1.0",
              "weighted sum over iterates of f(y^t; x) (L^sum, objective)",
              lu_weight_params, LU_WEIGHT_NPARAMS),
    .create = osum_create,
    .destroy = osum_destroy,
    .needs = AMOR_NEEDS_GRAD,
    .eval = osum_eval,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &osum_desc.head : NULL;
}
