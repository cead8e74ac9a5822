/*
 * objective.c -- loss plugin: L = f(y_hat; x) on the last iterate
 * (objective-based amortization), through the host's oracle; its gradient
 * is the problem's grad_y f at the prediction.  The oracle call is
 * lossutil's lu_objective.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "amor.h"
#include "lossutil.h"

#define WHO "objective"

typedef struct objl {
    const amor_oracle *oracle; /* host-owned; valid until destroy */
    size_t ny;
    lu_buf sink; /* (n, ny): gradient sink when the oracle has no value */
} objl;

static int obj_create(const amor_value *params, const amor_env *env,
                      void **inst, char *err, size_t errlen)
{
    objl *p;
    int rc = lu_env_check(env, AMOR_NEEDS_GRAD, WHO, err, errlen);
    (void)params;
    if (rc) return rc;
    p = calloc(1, sizeof *p);
    if (!p) return amor_errorf(err, errlen, AMOR_ENOMEM, WHO ": out of memory");
    p->oracle = env->oracle;
    p->ny = env->ny;
    *inst = p;
    return AMOR_OK;
}

static void obj_destroy(void *inst)
{
    objl *p = inst;
    if (!p) return;
    lu_buf_free(&p->sink);
    free(p);
}

static int obj_eval(void *inst, size_t n, size_t T, const double *x,
                    const double *iterates, const double *ystar, amor_rng *rng,
                    double *loss, double *d_iterates, char *err, size_t errlen)
{
    objl *p = inst;
    size_t block = n * p->ny;
    const double *last; /* (n, ny): the prediction y^{T-1} */
    double *dlast = NULL; /* (n, ny): its rows of d_iterates */
    (void)ystar;
    (void)rng;
    if (T == 0)
        return amor_errorf(err, errlen, AMOR_EINVAL, WHO ": no iterates (T = 0)");
    last = iterates + (T - 1) * block;
    if (d_iterates) {
        memset(d_iterates, 0, (T - 1) * block * sizeof *d_iterates);
        dlast = d_iterates + (T - 1) * block;
    }
    return lu_objective(p->oracle, n, x, last, loss, dlast, &p->sink, WHO, err,
                        errlen);
}

static const amor_loss_desc obj_desc = {
    .head = AMOR_HEAD(amor_loss_desc, AMOR_KIND_LOSS, WHO, "1.0",
              "objective loss f(y_hat; x) on the last iterate", NULL, 0),
    .create = obj_create,
    .destroy = obj_destroy,
    .needs = AMOR_NEEDS_GRAD,
    .eval = obj_eval,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &obj_desc.head : NULL;
}
