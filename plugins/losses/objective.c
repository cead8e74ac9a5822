/*
 * objective.c -- loss plugin: L = f(y_hat; x) on the last iterate
 * (objective-based amortization), through the host's oracle; its gradient
 * is the problem's grad_y f at the prediction.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "amor.h"

typedef struct objl {
    const amor_oracle *oracle; /* host-owned; valid until destroy */
    size_t ny;
    double *scratch;  /* (scratch_n, ny): gradient sink when value is absent */
    size_t scratch_n;
} objl;

static int obj_create(const amor_value *params, const amor_env *env,
                      void **inst, char *err, size_t errlen)
{
    objl *p;
    const amor_oracle *o;
    (void)params;
    if (!env || env->struct_size < offsetof(amor_env, oracle) + sizeof env->oracle)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "objective: missing or too small environment");
    o = env->oracle;
    if (!o || o->struct_size < offsetof(amor_oracle, value_grad) + sizeof o->value_grad ||
        !o->value_grad)
        return amor_errorf(err, errlen, AMOR_ENOTSUP,
                           "objective: loss needs the problem's gradient, but the "
                           "oracle has no value_grad");
    p = calloc(1, sizeof *p);
    if (!p) return amor_errorf(err, errlen, AMOR_ENOMEM, "objective: out of memory");
    p->oracle = o;
    p->ny = env->ny;
    *inst = p;
    return AMOR_OK;
}

static void obj_destroy(void *inst)
{
    objl *p = inst;
    if (!p) return;
    free(p->scratch);
    free(p);
}

/* Make room for an (n, ny) gradient sink, used only when the oracle has no
 * value(); grows, never shrinks.  Non-zero when out of memory. */
static int grow_scratch(objl *p, size_t n)
{
    double *s;
    size_t len = n * p->ny;
    if (n <= p->scratch_n) return 0;
    s = realloc(p->scratch, (len > 0 ? len : 1) * sizeof *s);
    if (!s) return 1;
    p->scratch = s;
    p->scratch_n = n;
    return 0;
}

static int obj_eval(void *inst, size_t n, size_t T, const double *x,
                    const double *iterates, const double *ystar, amor_rng *rng,
                    double *loss, double *d_iterates, char *err, size_t errlen)
{
    objl *p = inst;
    const amor_oracle *o = p->oracle;
    size_t block = n * p->ny;
    const double *last; /* (n, ny): the prediction y^{T-1} */
    int rc;
    (void)ystar;
    (void)rng;
    if (T == 0)
        return amor_errorf(err, errlen, AMOR_EINVAL, "objective: no iterates (T = 0)");
    last = iterates + (T - 1) * block;
    if (d_iterates) {
        memset(d_iterates, 0, (T - 1) * block * sizeof *d_iterates);
        rc = o->value_grad(o->ctx, n, x, last, loss, d_iterates + (T - 1) * block);
    } else if (o->value) {
        rc = o->value(o->ctx, n, x, last, loss);
    } else {
        if (grow_scratch(p, n))
            return amor_errorf(err, errlen, AMOR_ENOMEM, "objective: out of memory");
        rc = o->value_grad(o->ctx, n, x, last, loss, p->scratch);
    }
    if (rc && err && errlen) /* the host holds the problem's own message and */
        err[0] = 0;          /* reports it when ours is empty: don't mask it */
    return rc;
}

static const amor_loss_desc obj_desc = {
    AMOR_HEAD(amor_loss_desc, AMOR_KIND_LOSS, "objective", "1.0",
              "objective loss f(y_hat; x) on the last iterate", NULL, 0),
    obj_create,
    obj_destroy,
    AMOR_NEEDS_GRAD,
    obj_eval,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &obj_desc.head : NULL;
}
