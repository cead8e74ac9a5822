/*
 * sphere.c -- problem plugin: random c-convex functions on the sphere S^2
 * (Cohen et al. 2021; the tutorial's section 7.2),
 *     f(y; x) = softmin_gamma_i { 1/2 d(pi(y), z_i)^2 + alpha_i },  i < m,
 * softmin_gamma(a) = -gamma log sum_i exp(-a_i / gamma), d the geodesic
 * distance, pi(y) = y / |y|; context x = (z_1 .. z_m, alpha_1 .. alpha_m),
 * z_i uniform on S^2, alpha_i ~ alpha_scale U(0, 1).  y* by multi-start
 * Riemannian gradient descent polished by Riemannian Newton.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "amath.h"
#include "amor.h"

#define SPH_MAX_M 64       /* components; bounds the per-row stack arrays */
#define SPH_GD_ITERS 200   /* Riemannian GD iterations per start */
#define SPH_GD_TOL 1e-10   /* stop GD when |grad_R| <= this */
#define SPH_NEWTON_ITERS 12
#define SPH_NEWTON_TOL 1e-15
#define SPH_ANTIPODE_S 1e-8 /* sin(theta) floor in theta cot(theta) near theta = pi */

typedef struct sphere {
    size_t m;          /* components */
    double gamma;      /* softmin temperature; 0 = hard min */
    double alpha_scale;
    size_t nstarts;    /* Fibonacci-lattice starts of solve() (besides the z_i) */
    double *lattice;   /* (nstarts, 3) unit vectors */
} sphere;

enum { P_M, P_GAMMA, P_ALPHA_SCALE, P_SOLVE_STARTS };

static const amor_param_decl sph_params[] = {
    {"m", AMOR_PARAM_INT, "number of components (centers z_i and offsets alpha_i)", 4,
     NULL, NULL, 0, 1, SPH_MAX_M, NULL},
    {"gamma", AMOR_PARAM_REAL, "soft-min temperature (0: hard min)", 0.5, NULL, NULL, 0,
     0, 100, NULL},
    {"alpha_scale", AMOR_PARAM_REAL, "offsets alpha_i ~ alpha_scale U(0, 1)", 0.7, NULL,
     NULL, 0, 0, 100, NULL},
    {"solve_starts", AMOR_PARAM_INT,
     "Fibonacci-lattice starting points of solve(), besides the m centers", 32, NULL,
     NULL, 0, 0, 100000, NULL},
};

/* ------------------------------------------------------------------------ */
/* The objective, one row at a time                                         */

static double dot3(const double *a, const double *b)
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/* u = y / |y|; returns r = |y|.  y = 0 maps to u = (1, 0, 0) (r = 0).
 * |y| = 1 exactly -- the common case: the centers z_i as sampled and
 * predictions of an mlp with output = sphere -- skips the divisions, whose
 * results would be y itself. */
static double unit3(double *u, const double *y)
{
    double r = sqrt(dot3(y, y));
    if (r == 1.0) {
        u[0] = y[0], u[1] = y[1], u[2] = y[2];
    } else if (r > 0.0) {
        u[0] = y[0] / r, u[1] = y[1] / r, u[2] = y[2] / r;
    } else {
        u[0] = 1.0, u[1] = 0.0, u[2] = 0.0;
    }
    return r;
}

/* The geometry of component i at the unit point u, with zhat = z / |z|:
 * t = u'zhat = cos(theta), zhat - t u = s e with s = sin(theta) >= 0 and e
 * the unit tangent at u pointing to zhat along the geodesic, theta =
 * atan2(s, t) in [0, pi] (atan2 keeps theta accurate at both ends, where
 * acos(t) would lose half the digits).  Where s = 0 (u = +-zhat) e is
 * undefined and set to 0: at zhat the gradient is 0 anyway; at the
 * antipode (the component's cone-shaped maximum) 0 is the Clarke
 * subgradient we report. */
typedef struct sph_geo {
    double theta, t, s;
    double e[3];
} sph_geo;

static void geo(sph_geo *g, const double *u, const double *z)
{
    double zh[3], k;
    unit3(zh, z);
    g->t = dot3(u, zh);
    g->e[0] = zh[0] - g->t * u[0];
    g->e[1] = zh[1] - g->t * u[1];
    g->e[2] = zh[2] - g->t * u[2];
    g->s = sqrt(dot3(g->e, g->e));
    g->theta = atan2(g->s, g->t);
    k = g->s > 0.0 ? 1.0 / g->s : 0.0;
    g->e[0] *= k, g->e[1] *= k, g->e[2] *= k;
}

/* softmin_gamma of c (m) with the weights w_i = d softmin / d c_i; gamma = 0
 * is the hard min (w one-hot on the first minimizer).  Shifted by min c. */
static double softmin(double *w, const double *c, size_t m, double gamma)
{
    double cmin = c[0], sum = 0.0;
    size_t i, imin = 0;
    for (i = 1; i < m; i++)
        if (c[i] < cmin) cmin = c[i], imin = i;
    if (gamma == 0.0) {
        for (i = 0; i < m; i++) w[i] = i == imin;
        return cmin;
    }
    for (i = 0; i < m; i++) sum += w[i] = exp(-(c[i] - cmin) / gamma);
    for (i = 0; i < m; i++) w[i] /= sum;
    return cmin - gamma * log(sum);
}

/* f(y; x) for one row, x (4m) = (z_1 .. z_m (3 each), alpha_1 .. alpha_m),
 * y (3); with grad (3) != NULL also the gradient through pi:
 * d c_i / d y = -theta_i e_i / r (the Riemannian gradient of d^2/2 is
 * -theta e, and pi's Jacobian (I - u u')/r leaves tangent vectors alone
 * but for the 1/r), d f / d y = sum_i w_i d c_i / d y.  At y = 0 the
 * gradient is 0 (pi is undefined there). */
static double sph_row(const sphere *p, const double *x, const double *y, double *grad)
{
    size_t m = p->m, i;
    const double *alpha = x + 3 * m;
    double c[SPH_MAX_M], w[SPH_MAX_M], u[3], f;
    sph_geo g[SPH_MAX_M];
    double r = unit3(u, y);
    for (i = 0; i < m; i++) {
        geo(&g[i], u, x + 3 * i);
        c[i] = 0.5 * g[i].theta * g[i].theta + alpha[i];
    }
    f = softmin(w, c, m, p->gamma);
    if (grad) {
        grad[0] = grad[1] = grad[2] = 0.0;
        if (r > 0.0) {
            for (i = 0; i < m; i++) {
                double k = -w[i] * g[i].theta;
                if (r != 1.0) k /= r; /* (k / 1 is k) */
                grad[0] += k * g[i].e[0];
                grad[1] += k * g[i].e[1];
                grad[2] += k * g[i].e[2];
            }
        }
    }
    return f;
}

/* theta cot(theta) from the geometry: 1 at theta = 0; near the antipode
 * (s < SPH_ANTIPODE_S, t < 0) it is -pi / s -> -inf, the curvature of the
 * component's cone-shaped maximum, and is floored at s = SPH_ANTIPODE_S. */
static double theta_cot(const sph_geo *g)
{
    if (g->s >= SPH_ANTIPODE_S) return g->theta * g->t / g->s;
    if (g->t > 0.0) return 1.0 - g->theta * g->theta / 3.0;
    return g->theta * g->t / SPH_ANTIPODE_S;
}

/* hv (3) = (d^2 f / d y^2)(y; x) v for one row (x (4m), y (3), v (3)).
 * With t_i = zhat_i' y / r,
 * c_i = phi(t_i) + alpha_i, phi(t) = acos(t)^2 / 2, and zhat = t u + s e:
 *   H_i v = [(1 - theta cot theta) e (e'v) + theta (e (u'v) + u (e'v))
 *            + theta cot theta (v - u (u'v))] / r^2
 * (phi'' grad t grad t' + phi' hess t, rewritten so that only theta cot
 * theta can grow: it does at the antipode, where f really has a cusp), and
 * the soft-min adds its own curvature:
 *   H v = sum_i w_i H_i v - (1/gamma) [sum_i w_i g_i (g_i'v) - gbar (gbar'v)]
 * with g_i = d c_i / d y and gbar = sum_i w_i g_i (none when gamma = 0).
 * At y = 0 the Hessian is taken as 0. */
static void sph_hvp_row(const sphere *p, const double *x, const double *y,
                        const double *v, double *hv)
{
    size_t m = p->m, i, k;
    const double *alpha = x + 3 * m;
    double c[SPH_MAX_M], w[SPH_MAX_M], gv[SPH_MAX_M], u[3], gbar[3] = {0, 0, 0};
    double gbv = 0.0, uv, pv[3];
    sph_geo g[SPH_MAX_M];
    double r = unit3(u, y);
    hv[0] = hv[1] = hv[2] = 0.0;
    if (!(r > 0.0)) return;
    for (i = 0; i < m; i++) {
        geo(&g[i], u, x + 3 * i);
        c[i] = 0.5 * g[i].theta * g[i].theta + alpha[i];
    }
    softmin(w, c, m, p->gamma);
    uv = dot3(u, v);
    for (k = 0; k < 3; k++) pv[k] = v[k] - u[k] * uv;
    for (i = 0; i < m; i++) {
        double ev = dot3(g[i].e, v), tc = theta_cot(&g[i]), th = g[i].theta;
        double a = w[i] / (r * r);
        for (k = 0; k < 3; k++)
            hv[k] += a * ((1.0 - tc) * g[i].e[k] * ev + th * (g[i].e[k] * uv + u[k] * ev) +
                          tc * pv[k]);
        gv[i] = -th * ev / r; /* g_i'v */
        for (k = 0; k < 3; k++) gbar[k] += w[i] * (-th * g[i].e[k] / r);
    }
    if (p->gamma == 0.0) return;
    gbv = dot3(gbar, v);
    for (i = 0; i < m; i++)
        for (k = 0; k < 3; k++)
            hv[k] -= w[i] * (-g[i].theta * g[i].e[k] / r) * gv[i] / p->gamma;
    for (k = 0; k < 3; k++) hv[k] += gbar[k] * gbv / p->gamma;
}

/* ------------------------------------------------------------------------ */
/* The reference solver                                                     */

/* u := pi(u + a) */
static void retract(double *out, const double *u, const double *a)
{
    double q[3] = {u[0] + a[0], u[1] + a[1], u[2] + a[2]};
    unit3(out, q);
}

/* Riemannian gradient descent from the unit point u (in place), step size
 * doubled after an accepted Armijo step and halved after a rejected one;
 * the gradient of f o pi at a unit point is already the Riemannian one. */
static double descend(const sphere *p, const double *x, double *u)
{
    double g[3], f = sph_row(p, x, u, g), eta = 1.0;
    int it;
    for (it = 0; it < SPH_GD_ITERS; it++) {
        double gn2 = dot3(g, g), un[3], gn[3], fn, step[3];
        if (gn2 <= SPH_GD_TOL * SPH_GD_TOL) break;
        for (;;) {
            step[0] = -eta * g[0], step[1] = -eta * g[1], step[2] = -eta * g[2];
            retract(un, u, step);
            fn = sph_row(p, x, un, gn);
            if (fn <= f - 1e-4 * eta * gn2) break;
            eta *= 0.5;
            if (eta < 1e-12) return f;
        }
        memcpy(u, un, sizeof un);
        memcpy(g, gn, sizeof gn);
        f = fn;
        if (eta < 2.0) eta *= 2.0;
    }
    return f;
}

/* Riemannian Newton in the tangent plane at u (in place) while the 2x2
 * Riemannian Hessian (the Euclidean one of f o pi at |y| = 1, restricted to
 * tangent vectors) is positive definite and the gradient shrinks. */
static double polish(const sphere *p, const double *x, double *u, double f)
{
    int it;
    for (it = 0; it < SPH_NEWTON_ITERS; it++) {
        double g[3], b1[3], b2[3], h1[3], h2[3], un[3], gn[3], step[3], fn;
        double a11, a12, a22, g1, g2, det, s1, s2, nb;
        sph_row(p, x, u, g);
        if (sqrt(dot3(g, g)) <= SPH_NEWTON_TOL) break;
        /* b1 = the unit of u x (the axis u is least aligned with), b2 = u x b1 */
        if (fabs(u[0]) <= fabs(u[1]) && fabs(u[0]) <= fabs(u[2]))
            b1[0] = 0.0, b1[1] = u[2], b1[2] = -u[1];
        else if (fabs(u[1]) <= fabs(u[2]))
            b1[0] = -u[2], b1[1] = 0.0, b1[2] = u[0];
        else
            b1[0] = u[1], b1[1] = -u[0], b1[2] = 0.0;
        nb = sqrt(dot3(b1, b1));
        b1[0] /= nb, b1[1] /= nb, b1[2] /= nb;
        b2[0] = u[1] * b1[2] - u[2] * b1[1];
        b2[1] = u[2] * b1[0] - u[0] * b1[2];
        b2[2] = u[0] * b1[1] - u[1] * b1[0];
        sph_hvp_row(p, x, u, b1, h1);
        sph_hvp_row(p, x, u, b2, h2);
        a11 = dot3(b1, h1), a22 = dot3(b2, h2), a12 = 0.5 * (dot3(b1, h2) + dot3(b2, h1));
        det = a11 * a22 - a12 * a12;
        if (!(a11 > 0.0 && det > 0.0)) break;
        g1 = dot3(b1, g), g2 = dot3(b2, g);
        s1 = -(a22 * g1 - a12 * g2) / det;
        s2 = -(a11 * g2 - a12 * g1) / det;
        step[0] = s1 * b1[0] + s2 * b2[0];
        step[1] = s1 * b1[1] + s2 * b2[1];
        step[2] = s1 * b1[2] + s2 * b2[2];
        retract(un, u, step);
        fn = sph_row(p, x, un, gn);
        if (!(dot3(gn, gn) < dot3(g, g)) || fn > f + 1e-12 * (1.0 + fabs(f))) break;
        memcpy(u, un, sizeof un);
        f = fn;
    }
    return f;
}

/* y* for one row: descend from every center z_i (every local minimum sits
 * in some center's basin) and from the Fibonacci lattice, then polish the
 * best point.  gamma = 0: the minimum of the hard min is alpha_min at its
 * center, exactly. */
static void solve_row(const sphere *p, const double *x, double *ystar)
{
    size_t m = p->m, i, best_i = 0;
    double best = INFINITY, u[3], ub[3] = {1.0, 0.0, 0.0};
    if (p->gamma == 0.0) {
        for (i = 1; i < m; i++)
            if (x[3 * m + i] < x[3 * m + best_i]) best_i = i;
        unit3(ystar, x + 3 * best_i);
        return;
    }
    for (i = 0; i < m + p->nstarts; i++) {
        double f;
        unit3(u, i < m ? x + 3 * i : p->lattice + 3 * (i - m));
        f = descend(p, x, u);
        if (f < best) best = f, memcpy(ub, u, sizeof u);
    }
    polish(p, x, ub, best);
    memcpy(ystar, ub, sizeof ub);
}

/* ------------------------------------------------------------------------ */
/* Plugin glue                                                              */

static void sph_destroy(void *inst)
{
    sphere *p = inst;
    if (!p) return;
    free(p->lattice);
    free(p);
}

static int sph_create(const amor_value *params, void **inst, char *err, size_t errlen)
{
    sphere *p = calloc(1, sizeof *p);
    size_t k;
    if (!p) return amor_errorf(err, errlen, AMOR_ENOMEM, "sphere: out of memory");
    p->m = (size_t)params[P_M].i;
    p->gamma = params[P_GAMMA].r;
    p->alpha_scale = params[P_ALPHA_SCALE].r;
    p->nstarts = (size_t)params[P_SOLVE_STARTS].i;
    p->lattice = malloc((p->nstarts ? p->nstarts : 1) * 3 * sizeof *p->lattice);
    if (!p->lattice) {
        sph_destroy(p);
        return amor_errorf(err, errlen, AMOR_ENOMEM, "sphere: out of memory");
    }
    for (k = 0; k < p->nstarts; k++) { /* Fibonacci lattice */
        double zc = 1.0 - (2.0 * (double)k + 1.0) / (double)p->nstarts;
        double rc = sqrt(fmax(0.0, 1.0 - zc * zc));
        double ph = (double)k * M_PI * (3.0 - sqrt(5.0));
        p->lattice[3 * k] = rc * cos(ph);
        p->lattice[3 * k + 1] = rc * sin(ph);
        p->lattice[3 * k + 2] = zc;
    }
    *inst = p;
    return AMOR_OK;
}

static void sph_dims(const void *inst, size_t *nx, size_t *ny)
{
    const sphere *p = inst;
    *nx = 4 * p->m;
    *ny = 3;
}

/* Per row, as the tutorial: z_1 .. z_m ~ N(0, I_3) normalized, then
 * alpha_1 .. alpha_m ~ alpha_scale U(0, 1). */
static int sph_sample(void *inst, amor_rng *rng, size_t n, double *x, char *err,
                      size_t errlen)
{
    const sphere *p = inst;
    size_t m = p->m, nx = 4 * m, i, j;
    (void)err;
    (void)errlen;
    for (i = 0; i < n; i++) {
        double *xi = x + i * nx;
        for (j = 0; j < m; j++) {
            double *z = xi + 3 * j, r;
            do {
                z[0] = amor_rng_normal(rng);
                z[1] = amor_rng_normal(rng);
                z[2] = amor_rng_normal(rng);
                r = sqrt(dot3(z, z));
            } while (r == 0.0);
            z[0] /= r, z[1] /= r, z[2] /= r;
        }
        for (j = 0; j < m; j++) xi[3 * m + j] = p->alpha_scale * amor_rng_uniform(rng);
    }
    return AMOR_OK;
}

static int sph_value(void *inst, size_t n, const double *x, const double *y, double *f,
                     char *err, size_t errlen)
{
    const sphere *p = inst;
    size_t i;
    (void)err;
    (void)errlen;
    for (i = 0; i < n; i++) f[i] = sph_row(p, x + i * 4 * p->m, y + i * 3, NULL);
    return AMOR_OK;
}

static int sph_value_grad(void *inst, size_t n, const double *x, const double *y,
                          double *f, double *grad, char *err, size_t errlen)
{
    const sphere *p = inst;
    size_t i;
    (void)err;
    (void)errlen;
    for (i = 0; i < n; i++) f[i] = sph_row(p, x + i * 4 * p->m, y + i * 3, grad + i * 3);
    return AMOR_OK;
}

static int sph_hvp(void *inst, size_t n, const double *x, const double *y,
                   const double *v, double *hv, char *err, size_t errlen)
{
    const sphere *p = inst;
    size_t i;
    (void)err;
    (void)errlen;
    for (i = 0; i < n; i++) sph_hvp_row(p, x + i * 4 * p->m, y + i * 3, v + i * 3, hv + i * 3);
    return AMOR_OK;
}

static int sph_solve(void *inst, size_t n, const double *x, double *ystar, char *err,
                     size_t errlen)
{
    const sphere *p = inst;
    size_t i;
    (void)err;
    (void)errlen;
    for (i = 0; i < n; i++) solve_row(p, x + i * 4 * p->m, ystar + i * 3);
    return AMOR_OK;
}

/* pi(y) = y / |y| in place (y = 0 -> (1, 0, 0)); its VJP (I - u u') g / |y|
 * (0 at y = 0): amath's sphere projection. */
static int sph_project(void *inst, size_t n, const double *x, double *y, char *err,
                       size_t errlen)
{
    (void)inst, (void)x, (void)err, (void)errlen;
    am_sphere_project(y, y, n, 3);
    return AMOR_OK;
}

static int sph_project_vjp(void *inst, size_t n, const double *x, const double *y,
                           const double *gout, double *gin, char *err, size_t errlen)
{
    (void)inst, (void)x, (void)err, (void)errlen;
    am_sphere_project_vjp(gin, y, gout, n, 3);
    return AMOR_OK;
}

/* The solvers start from (1, 1, 1)/sqrt(3) for every context. */
static int sph_initial(void *inst, size_t n, const double *x, double *y0, char *err,
                       size_t errlen)
{
    size_t i;
    (void)inst;
    (void)x;
    (void)err;
    (void)errlen;
    for (i = 0; i < 3 * n; i++) y0[i] = 1.0 / sqrt(3.0);
    return AMOR_OK;
}

static const amor_problem_desc sph_desc = {
    .head = AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "sphere", "1.0",
              "c-convex softmin_i {d(y/|y|, z_i)^2/2 + alpha_i} on S^2, x = (z, alpha), y in R^3",
              sph_params, sizeof sph_params / sizeof sph_params[0]),
    .create = sph_create,
    .destroy = sph_destroy,
    .dims = sph_dims,
    .sample = sph_sample,
    .value = sph_value,
    .value_grad = sph_value_grad,
    .hvp = sph_hvp,
    .solve = sph_solve,
    .project = sph_project,
    .project_vjp = sph_project_vjp,
    .initial = sph_initial,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &sph_desc.head : NULL;
}
