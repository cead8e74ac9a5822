/*
 * double_well.c -- problem plugin: the tilted double well
 *
 *   f(y; x) = (y^2 - 1)^2 + x y,   x ~ U[x_min, x_max),  y in R,
 *
 * a bounded-below, non-convex 1-D objective (f'' = 12 y^2 - 4 < 0 for
 * |y| < 1/sqrt 3) with two wells near y = -1 and y = +1; the tilt x makes
 * the well against its sign the deeper one.  It stands in for the tutorial's
 * iMAML sketch f = -y^3 - 10 y, which is unbounded below, so that every
 * proximal problem f(y) + lambda/2 (y - y0)^2 has a minimizer
 * (scripts/metalearn.lua's iMAML figure).
 *
 * y*(x): for x > 0, f'(-1) = x > 0 and f' < 0 far left, and the global
 * minimum is the root of f'(y) = 4 y^3 - 4 y + x in (-inf, -1); for x < 0 by
 * symmetry in (1, inf); x = 0 has two global minima, and solve() returns
 * y* = -1 (the convention of the x >= 0 branch).  Each root is found by
 * Newton's method safeguarded by bisection on its bracket, where f is
 * convex, to |f'| <= 1e-13 (scaled by 1 + |x|).
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "amath.h"
#include "amor.h"

#define DW_NEWTON 200 /* iterations of safeguarded Newton, bisection-bounded */

typedef struct dw {
    double x_min, x_max;
} dw;

enum { P_X_MIN, P_X_MAX };

static const amor_param_decl dw_params[] = {
    {"x_min", AMOR_PARAM_REAL, "lower end of the tilt range", -1, NULL, NULL, 0,
     -1e3, 1e3, NULL},
    {"x_max", AMOR_PARAM_REAL, "upper end of the tilt range", 1, NULL, NULL, 0,
     -1e3, 1e3, NULL},
};

/* f, f' and f'' at y for tilt x. */
static double dw_at(double y, double x, double *d1, double *d2)
{
    double u = y * y - 1.0;
    if (d1) *d1 = 4.0 * y * u + x;
    if (d2) *d2 = 12.0 * y * y - 4.0;
    return u * u + x * y;
}

static int dw_create(const amor_value *params, void **inst, char *err, size_t errlen)
{
    dw *p;
    double x_min = params[P_X_MIN].r, x_max = params[P_X_MAX].r;
    if (x_min > x_max)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "double_well: x_min (%.17g) must be <= x_max (%.17g)",
                           x_min, x_max);
    p = malloc(sizeof *p);
    if (!p) return amor_errorf(err, errlen, AMOR_ENOMEM, "double_well: out of memory");
    p->x_min = x_min;
    p->x_max = x_max;
    *inst = p;
    return AMOR_OK;
}

static void dw_destroy(void *inst) { free(inst); }

static void dw_dims(const void *inst, size_t *nx, size_t *ny)
{
    (void)inst;
    *nx = 1;
    *ny = 1;
}

static int dw_sample(void *inst, amor_rng *rng, size_t n, double *x, char *err,
                     size_t errlen)
{
    const dw *p = inst;
    size_t i;
    (void)err;
    (void)errlen;
    for (i = 0; i < n; i++) x[i] = amor_rng_range(rng, p->x_min, p->x_max);
    return AMOR_OK;
}

static int dw_value(void *inst, size_t n, const double *x, const double *y, double *f,
                    char *err, size_t errlen)
{
    (void)inst, (void)err, (void)errlen;
    am_scalar_value(dw_at, n, x, y, f);
    return AMOR_OK;
}

static int dw_value_grad(void *inst, size_t n, const double *x, const double *y,
                         double *f, double *grad, char *err, size_t errlen)
{
    (void)inst, (void)err, (void)errlen;
    am_scalar_value_grad(dw_at, n, x, y, f, grad);
    return AMOR_OK;
}

static int dw_hvp(void *inst, size_t n, const double *x, const double *y,
                  const double *v, double *hv, char *err, size_t errlen)
{
    (void)inst, (void)err, (void)errlen;
    am_scalar_hvp(dw_at, n, x, y, v, hv);
    return AMOR_OK;
}

/* The global minimizer for tilt x (see the header comment). */
static int dw_solve_one(double x, double *ystar, char *err, size_t errlen)
{
    double s = x >= 0 ? -1.0 : 1.0; /* the deeper well's side */
    double lo, hi, y, tol = 1e-13 * (1.0 + fabs(x));
    size_t it;
    if (!isfinite(x))
        return amor_errorf(err, errlen, AMOR_EINVAL, "double_well: solve got a non-finite context");
    if (x == 0) {
        *ystar = -1.0;
        return AMOR_OK;
    }
    /* the root lies between the well's edge (f' has x's sign at y = s) and
     * s (2 + |x|) (there |4 y (y^2 - 1)| = 4 (2 + |x|) (3 + 4|x| + x^2) > |x|) */
    lo = s < 0 ? -(2.0 + fabs(x)) : 1.0;
    hi = s < 0 ? -1.0 : 2.0 + fabs(x);
    y = 0.5 * (lo + hi);
    for (it = 0; it < DW_NEWTON; it++) {
        double g, h, yn;
        dw_at(y, x, &g, &h);
        if (fabs(g) <= tol) break;
        if (g > 0) hi = y;
        else lo = y;
        yn = y - g / h; /* h >= 8 > 0 on the bracket: |y| >= 1 */
        if (!(yn > lo && yn < hi)) yn = 0.5 * (lo + hi);
        if (fabs(yn - y) <= 4.0 * DBL_EPSILON * fabs(y)) {
            y = yn;
            break;
        }
        y = yn;
    }
    if (it == DW_NEWTON)
        return amor_errorf(err, errlen, AMOR_ENUMERIC,
                           "double_well: Newton did not converge at x = %.17g", x);
    *ystar = y;
    return AMOR_OK;
}

static int dw_solve(void *inst, size_t n, const double *x, double *ystar, char *err,
                    size_t errlen)
{
    size_t i;
    (void)inst;
    for (i = 0; i < n; i++) {
        int rc = dw_solve_one(x[i], &ystar[i], err, errlen);
        if (rc) return rc;
    }
    return AMOR_OK;
}

static const amor_problem_desc dw_desc = {
    .head = AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "double_well", "1.0",
              "tilted double well (y^2 - 1)^2 + x y: bounded below, non-convex, 1-D",
              dw_params, sizeof dw_params / sizeof dw_params[0]),
    .create = dw_create,
    .destroy = dw_destroy,
    .dims = dw_dims,
    .sample = dw_sample,
    .value = dw_value,
    .value_grad = dw_value_grad,
    .hvp = dw_hvp,
    .solve = dw_solve,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &dw_desc.head : NULL;
}
