/*
 * tutorial1d.c -- problem plugin: the tutorial's 1-D main example,
 * f(y; x) = sigmoid((y - s(x))^2 / 80) with s(x) = sin x + x (1 + 0.1 cos x),
 * x ~ U[x_min, x_max).  solve() finds the minimizer numerically (grid, then
 * safeguarded Newton) as a generic 1-D solver would; s(x) is the check.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "amath.h"
#include "amor.h"

#define T1D_GRID 101    /* grid points; spacing <= 100 keeps f unsaturated */
#define T1D_WIDEN 64    /* widenings before giving up */
#define T1D_NEWTON 200  /* safeguarded Newton iterations (bisection-bounded) */
#define T1D_GTOL 1e-12  /* stop when |f'| <= this */

typedef struct t1d {
    double x_min, x_max; /* x ~ U[x_min, x_max) */
    double y_lo, y_hi;   /* solve()'s initial search interval */
} t1d;

enum { P_X_MIN, P_X_MAX, P_Y_LO, P_Y_HI };

static const amor_param_decl t1d_params[] = {
    {"x_min", AMOR_PARAM_REAL, "lower end of the context range", -5, NULL, NULL,
     0, -1e3, 1e3, NULL},
    {"x_max", AMOR_PARAM_REAL, "upper end of the context range", 5, NULL, NULL,
     0, -1e3, 1e3, NULL},
    {"y_lo", AMOR_PARAM_REAL, "lower end of solve's initial grid (widened if needed)",
     -10, NULL, NULL, 0, -1e4, 1e4, NULL},
    {"y_hi", AMOR_PARAM_REAL, "upper end of solve's initial grid (widened if needed)",
     10, NULL, NULL, 0, -1e4, 1e4, NULL},
};

/* The closed-form minimizer (used by f itself; solve() does not call it
 * directly, only through f's derivatives). */
static double t1d_center(double x) { return sin(x) + x * (1.0 + 0.1 * cos(x)); }

/* f(y; x) given s = s(x), and f' and f'' in y when d1 / d2 are non-NULL
 * (solve() computes s once per context).  With u = r^2/80,
 * r = y - s(x): f = sig(u), f' = sig'(u) r/40, f'' = sig''(u) (r/40)^2 +
 * sig'(u)/40, sig' = sig(1 - sig), sig'' = sig'(1 - 2 sig).  u >= 0, so
 * 1/(1 + e^-u) is stable. */
static double t1d_at(double y, double s, double *d1, double *d2)
{
    double r = y - s;
    double u = r * r / 80.0;
    double e = exp(-u);
    double sig = 1.0 / (1.0 + e);
    double dsig = e / ((1.0 + e) * (1.0 + e));
    double du = r / 40.0;
    if (d1) *d1 = dsig * du;
    if (d2) *d2 = dsig * (1.0 - 2.0 * sig) * du * du + dsig / 40.0;
    return sig;
}

static double t1d_raw(double y, double x, double *d1, double *d2)
{
    return t1d_at(y, t1d_center(x), d1, d2);
}

static int t1d_create(const amor_value *params, void **inst, char *err,
                      size_t errlen)
{
    t1d *p;
    double x_min = params[P_X_MIN].r, x_max = params[P_X_MAX].r;
    double y_lo = params[P_Y_LO].r, y_hi = params[P_Y_HI].r;
    if (x_min > x_max)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "tutorial1d: x_min (%.17g) must be <= x_max (%.17g)",
                           x_min, x_max);
    if (!(y_lo < y_hi))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "tutorial1d: y_lo (%.17g) must be < y_hi (%.17g)",
                           y_lo, y_hi);
    p = malloc(sizeof *p);
    if (!p) return amor_errorf(err, errlen, AMOR_ENOMEM, "tutorial1d: out of memory");
    p->x_min = x_min;
    p->x_max = x_max;
    p->y_lo = y_lo;
    p->y_hi = y_hi;
    *inst = p;
    return AMOR_OK;
}

static void t1d_destroy(void *inst) { free(inst); }

static void t1d_dims(const void *inst, size_t *nx, size_t *ny)
{
    (void)inst;
    *nx = 1;
    *ny = 1;
}

static int t1d_sample(void *inst, amor_rng *rng, size_t n, double *x,
                      char *err, size_t errlen)
{
    const t1d *p = inst;
    size_t i;
    (void)err;
    (void)errlen;
    for (i = 0; i < n; i++) x[i] = amor_rng_range(rng, p->x_min, p->x_max);
    return AMOR_OK;
}

static int t1d_value(void *inst, size_t n, const double *x, const double *y,
                     double *f, char *err, size_t errlen)
{
    (void)inst, (void)err, (void)errlen;
    am_scalar_value(t1d_raw, n, x, y, f);
    return AMOR_OK;
}

static int t1d_value_grad(void *inst, size_t n, const double *x,
                          const double *y, double *f, double *grad, char *err,
                          size_t errlen)
{
    (void)inst, (void)err, (void)errlen;
    am_scalar_value_grad(t1d_raw, n, x, y, f, grad);
    return AMOR_OK;
}

static int t1d_hvp(void *inst, size_t n, const double *x, const double *y,
                   const double *v, double *hv, char *err, size_t errlen)
{
    (void)inst, (void)err, (void)errlen;
    am_scalar_hvp(t1d_raw, n, x, y, v, hv);
    return AMOR_OK;
}

/* Index of the smallest f(.; x), s = s(x), on the grid of T1D_GRID points over [lo, hi]
 * (first one on ties); *flat is set when the last point ties with it, i.e.
 * the whole grid sits on f's saturated plateau (f == 1 in double far from
 * the minimizer) and says nothing about which way to look. */
static size_t grid_argmin(double lo, double hi, double s, int *flat)
{
    size_t k, best = 0;
    double fbest = INFINITY, f = INFINITY;
    for (k = 0; k < T1D_GRID; k++) {
        double y = lo + (hi - lo) * (double)k / (T1D_GRID - 1);
        f = t1d_at(y, s, NULL, NULL);
        if (f < fbest) {
            fbest = f;
            best = k;
        }
    }
    *flat = best == 0 && f == fbest;
    return best;
}

/* Minimize f(.; x) on the real line: find a grid cell whose best point is
 * interior (widening [lo, hi] toward the side where the minimum sits, or
 * both ways when the grid is all plateau), then
 * Newton on f' safeguarded by the bracket of the best point's neighbours. */
static int t1d_solve_one(const t1d *p, double x, double *ystar, char *err,
                         size_t errlen)
{
    double lo = p->y_lo, hi = p->y_hi, h, y, bl, bh, s;
    size_t j, w, it;
    if (!isfinite(x))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "tutorial1d: solve got a non-finite context");
    s = t1d_center(x); /* once: f on the grid and in Newton only moves y */
    for (w = 0;; w++) {
        int flat;
        double width = hi - lo;
        j = grid_argmin(lo, hi, s, &flat);
        if (j > 0 && j < T1D_GRID - 1) break;
        if (w == T1D_WIDEN || !isfinite(width))
            return amor_errorf(err, errlen, AMOR_ENUMERIC,
                               "tutorial1d: no interior minimum on [%g, %g] at x = %.17g",
                               lo, hi, x);
        if (flat) {
            lo -= width;
            hi += width;
        } else if (j == 0) {
            lo -= width;
        } else {
            hi += width;
        }
    }
    h = (hi - lo) / (T1D_GRID - 1);
    y = lo + h * (double)j;
    bl = y - h;
    bh = y + h;
    for (it = 0; it < T1D_NEWTON; it++) {
        double g, hh, yn;
        t1d_at(y, s, &g, &hh);
        if (fabs(g) <= T1D_GTOL) break;
        if (g > 0)
            bh = y;
        else
            bl = y;
        yn = y - g / hh; /* Newton, unless it leaves the bracket or f'' <= 0 */
        if (!(hh > 0 && yn > bl && yn < bh)) yn = 0.5 * (bl + bh);
        if (fabs(yn - y) <= 4.0 * DBL_EPSILON * fmax(1.0, fabs(y))) {
            y = yn;
            break;
        }
        y = yn;
    }
    if (it == T1D_NEWTON)
        return amor_errorf(err, errlen, AMOR_ENUMERIC,
                           "tutorial1d: Newton did not converge at x = %.17g", x);
    *ystar = y;
    return AMOR_OK;
}

static int t1d_solve(void *inst, size_t n, const double *x, double *ystar,
                     char *err, size_t errlen)
{
    const t1d *p = inst;
    size_t i;
    for (i = 0; i < n; i++) {
        int rc = t1d_solve_one(p, x[i], &ystar[i], err, errlen);
        if (rc) return rc;
    }
    return AMOR_OK;
}

static const amor_problem_desc t1d_desc = {
    .head = AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "tutorial1d", "1.0",
              "tutorial main example sigmoid((y - y*(x))^2/80), y* = sin x + x(1 + 0.1 cos x)",
              t1d_params, sizeof t1d_params / sizeof t1d_params[0]),
    .create = t1d_create,
    .destroy = t1d_destroy,
    .dims = t1d_dims,
    .sample = t1d_sample,
    .value = t1d_value,
    .value_grad = t1d_value_grad,
    .hvp = t1d_hvp,
    .solve = t1d_solve,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &t1d_desc.head : NULL;
}
