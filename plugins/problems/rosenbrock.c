/*
 * rosenbrock.c -- problem plugin: the parametric Rosenbrock function
 * f(y; a, b) = (a - y1)^2 + b (y2 - y1^2)^2 with context x = (a, b) drawn
 * uniformly from a box; y*(a, b) = (a, a^2) exactly.
 */
#include <math.h>
#include <stdlib.h>

#include "amor.h"

typedef struct rosen {
    double a_min, a_max; /* a ~ U[a_min, a_max) */
    double b_min, b_max; /* b ~ U[b_min, b_max), b_min > 0 */
} rosen;

enum { P_A_MIN, P_A_MAX, P_B_MIN, P_B_MAX };

static const amor_param_decl rosen_params[] = {
    {"a_min", AMOR_PARAM_REAL, "lower end of the range of a", -1, NULL, NULL, 0,
     -1e6, 1e6, NULL},
    {"a_max", AMOR_PARAM_REAL, "upper end of the range of a", 1, NULL, NULL, 0,
     -1e6, 1e6, NULL},
    {"b_min", AMOR_PARAM_REAL, "lower end of the range of b (must be > 0)", 1,
     NULL, NULL, 0, 0, 1e6, NULL},
    {"b_max", AMOR_PARAM_REAL, "upper end of the range of b", 10, NULL, NULL, 0,
     0, 1e6, NULL},
};

/* f, gradient g (2) and Hessian h (2 x 2, row-major) at y (2); g and h may
 * be NULL. */
static double rosen_raw(const double *y, double a, double b, double *g,
                        double *h)
{
    double d1 = a - y[0], d2 = y[1] - y[0] * y[0];
    if (g) {
        g[0] = -2.0 * d1 - 4.0 * b * y[0] * d2;
        g[1] = 2.0 * b * d2;
    }
    if (h) {
        h[0] = 2.0 - 4.0 * b * d2 + 8.0 * b * y[0] * y[0];
        h[1] = h[2] = -4.0 * b * y[0];
        h[3] = 2.0 * b;
    }
    return d1 * d1 + b * d2 * d2;
}

static int rosen_create(const amor_value *params, void **inst, char *err,
                        size_t errlen)
{
    rosen *p;
    double a_min = params[P_A_MIN].r, a_max = params[P_A_MAX].r;
    double b_min = params[P_B_MIN].r, b_max = params[P_B_MAX].r;
    if (a_min > a_max)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "rosenbrock: a_min (%.17g) must be <= a_max (%.17g)",
                           a_min, a_max);
    if (b_min > b_max)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "rosenbrock: b_min (%.17g) must be <= b_max (%.17g)",
                           b_min, b_max);
    if (!(b_min > 0))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "rosenbrock: b_min (%.17g) must be > 0", b_min);
    p = malloc(sizeof *p);
    if (!p) return amor_errorf(err, errlen, AMOR_ENOMEM, "rosenbrock: out of memory");
    p->a_min = a_min;
    p->a_max = a_max;
    p->b_min = b_min;
    p->b_max = b_max;
    *inst = p;
    return AMOR_OK;
}

static void rosen_destroy(void *inst) { free(inst); }

static void rosen_dims(const void *inst, size_t *nx, size_t *ny)
{
    (void)inst;
    *nx = 2;
    *ny = 2;
}

static int rosen_sample(void *inst, amor_rng *rng, size_t n, double *x,
                        char *err, size_t errlen)
{
    const rosen *p = inst;
    size_t i;
    (void)err;
    (void)errlen;
    for (i = 0; i < n; i++) {
        x[2 * i] = amor_rng_range(rng, p->a_min, p->a_max);
        x[2 * i + 1] = amor_rng_range(rng, p->b_min, p->b_max);
    }
    return AMOR_OK;
}

static int rosen_value(void *inst, size_t n, const double *x, const double *y,
                       double *f, char *err, size_t errlen)
{
    size_t i;
    (void)inst;
    (void)err;
    (void)errlen;
    for (i = 0; i < n; i++)
        f[i] = rosen_raw(y + 2 * i, x[2 * i], x[2 * i + 1], NULL, NULL);
    return AMOR_OK;
}

static int rosen_value_grad(void *inst, size_t n, const double *x,
                            const double *y, double *f, double *grad,
                            char *err, size_t errlen)
{
    size_t i;
    (void)inst;
    (void)err;
    (void)errlen;
    for (i = 0; i < n; i++)
        f[i] = rosen_raw(y + 2 * i, x[2 * i], x[2 * i + 1], grad + 2 * i, NULL);
    return AMOR_OK;
}

static int rosen_hvp(void *inst, size_t n, const double *x, const double *y,
                     const double *v, double *hv, char *err, size_t errlen)
{
    size_t i;
    double h[4];
    (void)inst;
    (void)err;
    (void)errlen;
    for (i = 0; i < n; i++) {
        const double *vi = v + 2 * i;
        rosen_raw(y + 2 * i, x[2 * i], x[2 * i + 1], NULL, h);
        hv[2 * i] = h[0] * vi[0] + h[1] * vi[1];
        hv[2 * i + 1] = h[2] * vi[0] + h[3] * vi[1];
    }
    return AMOR_OK;
}

static int rosen_solve(void *inst, size_t n, const double *x, double *ystar,
                       char *err, size_t errlen)
{
    size_t i;
    (void)inst;
    (void)err;
    (void)errlen;
    for (i = 0; i < n; i++) {
        double a = x[2 * i];
        ystar[2 * i] = a;
        ystar[2 * i + 1] = a * a;
    }
    return AMOR_OK;
}

static const amor_problem_desc rosen_desc = {
    .head = AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "rosenbrock", "1.0",
              "Rosenbrock (a - y1)^2 + b (y2 - y1^2)^2, x = (a, b) uniform, y* = (a, a^2)",
              rosen_params, sizeof rosen_params / sizeof rosen_params[0]),
    .create = rosen_create,
    .destroy = rosen_destroy,
    .dims = rosen_dims,
    .sample = rosen_sample,
    .value = rosen_value,
    .value_grad = rosen_value_grad,
    .hvp = rosen_hvp,
    .solve = rosen_solve,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &rosen_desc.head : NULL;
}
