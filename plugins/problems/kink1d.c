/*
 * kink1d.c -- problem plugin: the tutorial's non-smooth 1-D loss of its
 * smoothed-loss figure (code/figures/smoothed-loss.py),
 * f(y; x) = cos y + weight |y - x|, the kink at the context x ~
 * U[x_min, x_max) (the figure's x = pi/2 by default).  Many local minima
 * and a kink: what Gaussian smoothing (the zeroth_order loss) flattens.
 * The gradient takes the subgradient 0 at the kink; no solve (the global
 * minimizer is not what the problem is for).
 */
#include <math.h>
#include <stdlib.h>

#include "amor.h"

#define KINK_PI_2 1.5707963267948966

typedef struct kink {
    double w;            /* weight of |y - x| */
    double x_min, x_max; /* x ~ U[x_min, x_max) */
} kink;

enum { P_WEIGHT, P_X_MIN, P_X_MAX };

static const amor_param_decl kink_params[] = {
    {"weight", AMOR_PARAM_REAL, "weight of the kink term |y - x|", 0.2, NULL, NULL, 0,
     0, 1e3, NULL},
    {"x_min", AMOR_PARAM_REAL, "lower end of the kink's range", KINK_PI_2, NULL, NULL, 0,
     -1e3, 1e3, NULL},
    {"x_max", AMOR_PARAM_REAL, "upper end of the kink's range (= x_min: fixed)", KINK_PI_2,
     NULL, NULL, 0, -1e3, 1e3, NULL},
};

/* f(y; x) and, when d1 / d2 are non-NULL, f' (the subgradient 0 at the
 * kink) and f'' (away from it) in y. */
static double kink_raw_w(double y, double x, double w, double *d1, double *d2)
{
    double r = y - x;
    if (d1) *d1 = -sin(y) + w * (r > 0 ? 1.0 : r < 0 ? -1.0 : 0.0);
    if (d2) *d2 = -cos(y); /* away from the kink */
    return cos(y) + w * fabs(r);
}

static int kink_create(const amor_value *params, void **inst, char *err, size_t errlen)
{
    kink *p;
    if (params[P_X_MIN].r > params[P_X_MAX].r)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "kink1d: x_min (%.17g) must be <= x_max (%.17g)",
                           params[P_X_MIN].r, params[P_X_MAX].r);
    p = malloc(sizeof *p);
    if (!p) return amor_errorf(err, errlen, AMOR_ENOMEM, "kink1d: out of memory");
    p->w = params[P_WEIGHT].r;
    p->x_min = params[P_X_MIN].r;
    p->x_max = params[P_X_MAX].r;
    *inst = p;
    return AMOR_OK;
}

static void kink_destroy(void *inst) { free(inst); }

static void kink_dims(const void *inst, size_t *nx, size_t *ny)
{
    (void)inst;
    *nx = 1;
    *ny = 1;
}

static int kink_sample(void *inst, amor_rng *rng, size_t n, double *x, char *err,
                       size_t errlen)
{
    const kink *p = inst;
    size_t i;
    (void)err, (void)errlen;
    for (i = 0; i < n; i++) x[i] = amor_rng_range(rng, p->x_min, p->x_max);
    return AMOR_OK;
}

static int kink_value_grad(void *inst, size_t n, const double *x, const double *y,
                           double *f, double *g, char *err, size_t errlen)
{
    const kink *p = inst;
    size_t i;
    (void)err, (void)errlen;
    for (i = 0; i < n; i++) f[i] = kink_raw_w(y[i], x[i], p->w, g ? &g[i] : NULL, NULL);
    return AMOR_OK;
}

static int kink_value(void *inst, size_t n, const double *x, const double *y, double *f,
                      char *err, size_t errlen)
{
    return kink_value_grad(inst, n, x, y, f, NULL, err, errlen);
}

static int kink_hvp(void *inst, size_t n, const double *x, const double *y,
                    const double *v, double *hv, char *err, size_t errlen)
{
    const kink *p = inst;
    size_t i;
    (void)err, (void)errlen;
    for (i = 0; i < n; i++) {
        double h;
        kink_raw_w(y[i], x[i], p->w, NULL, &h);
        hv[i] = h * v[i];
    }
    return AMOR_OK;
}

static const amor_problem_desc kink_desc = {
    .head = AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "kink1d", "1.0",
              "the tutorial's smoothed-loss example cos y + weight |y - x| (x = pi/2)",
              kink_params, sizeof kink_params / sizeof kink_params[0]),
    .create = kink_create,
    .destroy = kink_destroy,
    .dims = kink_dims,
    .sample = kink_sample,
    .value = kink_value,
    .value_grad = kink_value_grad,
    .hvp = kink_hvp,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &kink_desc.head : NULL;
}
