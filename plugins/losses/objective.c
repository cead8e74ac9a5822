/*
 * objective.c -- loss plugin: L = f(y_hat; x) on the last iterate
 * (objective-based amortization), through the host's oracle; its gradient
 * is the problem's grad_y f at the prediction.  on = validation takes f from
 * the problem's validation objective instead (meta-learning's outer, query
 * loss: the model's inner steps use the training objective, the loss the
 * held-out part of the task).  The oracle calls are lossutil's
 * lu_objective and lu_valid_objective.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "amor.h"
#include "lossutil.h"

#define WHO "objective"

enum { P_ON, NUM_P };

static const amor_param_decl obj_params[NUM_P] = {
    {.name = "on",
     .type = AMOR_PARAM_STRING,
     .doc = "the objective: the problem's training objective, or its validation objective "
            "(needs valid_value_grad)",
     .def_string = "train",
     .choices = "train|validation"},
};

typedef struct objl {
    const amor_oracle *oracle; /* host-owned; valid until destroy */
    size_t ny;
    int valid;   /* on = validation */
    lu_buf sink; /* (n, ny): gradient sink when the oracle has no value */
} objl;

static int on_validation(const amor_value *params)
{
    return !strcmp(params[P_ON].s, "validation");
}

static uint32_t obj_needs_for(const amor_value *params)
{
    return on_validation(params) ? AMOR_NEEDS_VALID | AMOR_NEEDS_VALID_GRAD : AMOR_NEEDS_GRAD;
}

static int obj_create(const amor_value *params, const amor_env *env,
                      void **inst, char *err, size_t errlen)
{
    objl *p;
    int rc = lu_env_check(env, obj_needs_for(params), WHO, err, errlen);
    if (rc) return rc;
    p = calloc(1, sizeof *p);
    if (!p) return amor_errorf(err, errlen, AMOR_ENOMEM, WHO ": out of memory");
    p->oracle = env->oracle;
    p->ny = env->ny;
    p->valid = on_validation(params);
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
    if (p->valid)
        return lu_valid_objective(p->oracle, n, x, last, loss, dlast, &p->sink, WHO, err,
                                  errlen);
    return lu_objective(p->oracle, n, x, last, loss, dlast, &p->sink, WHO, err,
                        errlen);
}

static const amor_loss_desc obj_desc = {
    .head = AMOR_HEAD(amor_loss_desc, AMOR_KIND_LOSS, WHO, "1.1",
              "objective loss f(y_hat; x) on the last iterate (training or validation "
              "objective)", obj_params, NUM_P),
    .create = obj_create,
    .destroy = obj_destroy,
    .needs = AMOR_NEEDS_GRAD, /* on = train, the default (what a 1.0 host reads) */
    .eval = obj_eval,
    .needs_for = obj_needs_for,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &obj_desc.head : NULL;
}
