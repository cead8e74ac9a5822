/*
 * regression.c -- loss plugin: L = 1/2 |y_hat - y*|^2 on the last iterate
 * (regression-based amortization), or the Huber loss of the residual norm
 * when huber_delta > 0.  The squared-error row is lossutil's.
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "amor.h"
#include "lossutil.h"

#define WHO "regression"

typedef struct reg {
    size_t ny;
    double delta; /* Huber threshold; 0 = plain squared loss */
} reg;

enum { P_HUBER_DELTA };

static const amor_param_decl reg_params[] = {
    {"huber_delta", AMOR_PARAM_REAL,
     "Huber threshold on |y_hat - y*| (0: plain 1/2 |y_hat - y*|^2)", 0, NULL,
     NULL, 0, 0, 1e300, NULL},
};

/* Huber loss of one row (delta > 0), and g (ny) = d loss / d yhat if g !=
 * NULL (overwritten).  With r = yhat - ystar: 1/2 |r|^2 (g = r) when
 * |r| <= delta, else delta (|r| - delta/2) (g = delta r / |r|). */
static double huber_row(const double *yhat, const double *ystar, size_t ny,
                        double delta, double *g)
{
    double ss = 0.0, rn, scale;
    size_t k;
    int huber;
    for (k = 0; k < ny; k++) {
        double r = yhat[k] - ystar[k];
        ss += r * r;
    }
    rn = sqrt(ss);
    huber = rn > delta;
    scale = huber ? delta / rn : 1.0;
    if (g)
        for (k = 0; k < ny; k++) g[k] = scale * (yhat[k] - ystar[k]);
    return huber ? delta * (rn - 0.5 * delta) : 0.5 * ss;
}

static int reg_create(const amor_value *params, const amor_env *env,
                      void **inst, char *err, size_t errlen)
{
    reg *p;
    int rc = lu_env_check(env, 0, WHO, err, errlen);
    if (rc) return rc;
    p = malloc(sizeof *p);
    if (!p) return amor_errorf(err, errlen, AMOR_ENOMEM, WHO ": out of memory");
    p->ny = env->ny;
    p->delta = params[P_HUBER_DELTA].r;
    *inst = p;
    return AMOR_OK;
}

static void reg_destroy(void *inst) { free(inst); }

static int reg_eval(void *inst, size_t n, size_t T, const double *x,
                    const double *iterates, const double *ystar, amor_rng *rng,
                    double *loss, double *d_iterates, char *err, size_t errlen)
{
    const reg *p = inst;
    size_t i, ny = p->ny, block = n * ny;
    const double *last;   /* (n, ny): the prediction y^{T-1} */
    double *dlast = NULL; /* (n, ny): its rows of d_iterates */
    (void)x;
    (void)rng;
    if (T == 0)
        return amor_errorf(err, errlen, AMOR_EINVAL, WHO ": no iterates (T = 0)");
    if (!ystar)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           WHO ": needs reference solutions y* (got none)");
    last = iterates + (T - 1) * block;
    if (d_iterates) { /* lu_sqerr_row adds into dlast */
        memset(d_iterates, 0, T * block * sizeof *d_iterates);
        dlast = d_iterates + (T - 1) * block;
    }
    for (i = 0; i < n; i++) {
        double *g = dlast ? dlast + i * ny : NULL;
        loss[i] = p->delta > 0.0
                      ? huber_row(last + i * ny, ystar + i * ny, ny, p->delta, g)
                      : lu_sqerr_row(g, 1.0, last + i * ny, ystar + i * ny, ny);
    }
    return AMOR_OK;
}

static const amor_loss_desc reg_desc = {
    .head = AMOR_HEAD(amor_loss_desc, AMOR_KIND_LOSS, WHO, "1.0",
              "regression loss 1/2 |y_hat - y*|^2 (or Huber) on the last iterate",
              reg_params, sizeof reg_params / sizeof reg_params[0]),
    .create = reg_create,
    .destroy = reg_destroy,
    .needs = AMOR_NEEDS_YSTAR,
    .eval = reg_eval,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &reg_desc.head : NULL;
}
