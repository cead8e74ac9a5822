/*
 * maxent.c -- problem plugin: the tutorial's maximum-entropy example
 * (code/figures/maxent.py): the negative entropy of a parameterized 1-D
 * density after normalizing its mean and variance, so that gradient steps
 * on y = phi converge towards the Gaussian.
 *
 * On the grid t_k = lo + k h (k < points, h = (hi - lo) / (points - 1)),
 *     a_k = -((t_k - phi0) / phi1)^2 / 2 + phi2 sin(phi3 t_k),
 *     w = softmax(a)                 (probabilities; the density is w / h),
 *     m = sum w t,  s^2 = sum w (t - m)^2.
 * The context x = (mu, sigma) is the normalization's target: the density is
 * carried by the affine flow u = mu + sigma (t - m) / s (mean mu, standard
 * deviation sigma), whose density is (w / h) s / sigma, so
 *     f(phi; x) = -H = sum w log w - log h + log s - log sigma.
 * maxent.py computes the same flow with jax (its Jacobian's diagonal also
 * carries O(h) terms of the grid's own spacing, and it skips the first grid
 * point); here the flow is the affine map it stands for, on all points.
 * The infimum is -(1/2) log(2 pi e sigma^2), the Gaussian's entropy, reached
 * as phi2 -> 0 (or phi3 -> 0) with phi1 small against the grid; there is
 * no unique minimizer, so no solve.
 *
 * Gradient: with S = sum w log w, df/da_k = w_k (log w_k - S)
 * + w_k ((t_k - m)^2 - s^2) / (2 s^2), then the chain rule through a_k.
 * aux: the flowed grid u (points) then its density (points), per context.
 * initial: maxent.py's starting phi = (0, 1.5, 0.7, 6).
 */
#include <math.h>
#include <stdlib.h>

#include "amor.h"

typedef struct maxent {
    size_t N;          /* grid points */
    double lo, hi, h;
    double mu[2], sd[2]; /* contexts: mu ~ U[mu[0], mu[1]), sigma ~ U[sd[0], sd[1]) */
    double *a, *w;     /* (N) scratch: one context at a time */
} maxent;

enum { P_POINTS, P_LO, P_HI, P_MU_MIN, P_MU_MAX, P_SD_MIN, P_SD_MAX };

static const amor_param_decl me_params[] = {
    {"points", AMOR_PARAM_INT, "grid points of the density's domain", 1000, NULL, NULL, 0,
     3, 1e6, NULL},
    {"lo", AMOR_PARAM_REAL, "lower end of the domain before the flow", -5, NULL, NULL, 0,
     -1e3, 1e3, NULL},
    {"hi", AMOR_PARAM_REAL, "upper end of the domain before the flow", 5, NULL, NULL, 0,
     -1e3, 1e3, NULL},
    {"mu_min", AMOR_PARAM_REAL, "lower end of the target mean's range", 0, NULL, NULL, 0,
     -1e3, 1e3, NULL},
    {"mu_max", AMOR_PARAM_REAL, "upper end of the target mean's range", 0, NULL, NULL, 0,
     -1e3, 1e3, NULL},
    {"sd_min", AMOR_PARAM_REAL, "lower end of the target standard deviation's range, > 0",
     1, NULL, NULL, 0, 1e-6, 1e3, NULL},
    {"sd_max", AMOR_PARAM_REAL, "upper end of the target standard deviation's range", 1,
     NULL, NULL, 0, 1e-6, 1e3, NULL},
};

static void me_destroy(void *inst)
{
    maxent *p = inst;
    if (!p) return;
    free(p->a);
    free(p);
}

static int me_create(const amor_value *v, void **inst, char *err, size_t errlen)
{
    maxent *p;
    if (!(v[P_LO].r < v[P_HI].r))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "maxent: lo (%.17g) must be < hi (%.17g)", v[P_LO].r, v[P_HI].r);
    if (v[P_MU_MIN].r > v[P_MU_MAX].r || v[P_SD_MIN].r > v[P_SD_MAX].r)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "maxent: mu_min must be <= mu_max and sd_min <= sd_max");
    p = calloc(1, sizeof *p);
    if (!p) return amor_errorf(err, errlen, AMOR_ENOMEM, "maxent: out of memory");
    p->N = (size_t)v[P_POINTS].i;
    p->a = malloc(2 * p->N * sizeof *p->a);
    if (!p->a) {
        free(p);
        return amor_errorf(err, errlen, AMOR_ENOMEM, "maxent: out of memory");
    }
    p->w = p->a + p->N;
    p->lo = v[P_LO].r;
    p->hi = v[P_HI].r;
    p->h = (p->hi - p->lo) / (double)(p->N - 1);
    p->mu[0] = v[P_MU_MIN].r, p->mu[1] = v[P_MU_MAX].r;
    p->sd[0] = v[P_SD_MIN].r, p->sd[1] = v[P_SD_MAX].r;
    *inst = p;
    return AMOR_OK;
}

static void me_dims(const void *inst, size_t *nx, size_t *ny)
{
    (void)inst;
    *nx = 2;
    *ny = 4;
}

static int me_sample(void *inst, amor_rng *rng, size_t n, double *x, char *err,
                     size_t errlen)
{
    const maxent *p = inst;
    size_t i;
    (void)err, (void)errlen;
    for (i = 0; i < n; i++) {
        x[2 * i] = amor_rng_range(rng, p->mu[0], p->mu[1]);
        x[2 * i + 1] = amor_rng_range(rng, p->sd[0], p->sd[1]);
    }
    return AMOR_OK;
}

static double me_t(const maxent *p, size_t k) { return p->lo + p->h * (double)k; }

/* w = softmax(a(phi)) into p->w; *m, *s2 its mean and variance; returns
 * S = sum w log w.  Non-zero status when phi1 = 0 or sigma <= 0. */
static int me_density(maxent *p, const double *phi, double sigma, double *m, double *s2,
                      double *S, char *err, size_t errlen)
{
    size_t k;
    double amax = -INFINITY, z = 0, mm = 0, vv = 0, ss = 0;
    if (phi[1] == 0 || !(sigma > 0))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "maxent: the width phi[1] (0-based) must be non-zero and the context's "
                           "sigma > 0 (got %.17g and %.17g)", phi[1], sigma);
    for (k = 0; k < p->N; k++) {
        double t = me_t(p, k), r = (t - phi[0]) / phi[1];
        p->a[k] = -0.5 * r * r + phi[2] * sin(phi[3] * t);
        amax = fmax(amax, p->a[k]);
    }
    for (k = 0; k < p->N; k++) z += p->w[k] = exp(p->a[k] - amax);
    for (k = 0; k < p->N; k++) {
        p->w[k] /= z;
        mm += p->w[k] * me_t(p, k);
    }
    for (k = 0; k < p->N; k++) {
        double d = me_t(p, k) - mm;
        vv += p->w[k] * d * d;
        if (p->w[k] > 0) ss += p->w[k] * log(p->w[k]);
    }
    *m = mm, *s2 = vv, *S = ss;
    return AMOR_OK;
}

static int me_value_grad(void *inst, size_t n, const double *x, const double *y,
                         double *f, double *g, char *err, size_t errlen)
{
    maxent *p = inst;
    size_t i, k;
    for (i = 0; i < n; i++) {
        const double *phi = y + 4 * i;
        double m, s2, S;
        int rc = me_density(p, phi, x[2 * i + 1], &m, &s2, &S, err, errlen);
        if (rc) return rc;
        f[i] = S - log(p->h) + 0.5 * log(s2) - log(x[2 * i + 1]);
        if (!g) continue;
        g[4 * i] = g[4 * i + 1] = g[4 * i + 2] = g[4 * i + 3] = 0;
        for (k = 0; k < p->N; k++) {
            double w = p->w[k], t = me_t(p, k), d = t - m, r = t - phi[0];
            double da = w * ((w > 0 ? log(w) : 0) - S) + w * (d * d - s2) / (2 * s2);
            g[4 * i] += da * r / (phi[1] * phi[1]);
            g[4 * i + 1] += da * r * r / (phi[1] * phi[1] * phi[1]);
            g[4 * i + 2] += da * sin(phi[3] * t);
            g[4 * i + 3] += da * phi[2] * t * cos(phi[3] * t);
        }
    }
    return AMOR_OK;
}

static int me_value(void *inst, size_t n, const double *x, const double *y, double *f,
                    char *err, size_t errlen)
{
    return me_value_grad(inst, n, x, y, f, NULL, err, errlen);
}

/* From-scratch solvers start at maxent.py's phi = (0, 1.5, 0.7, 6): zeros
 * would be a zero width. */
static int me_initial(void *inst, size_t n, const double *x, double *y0, char *err,
                      size_t errlen)
{
    static const double phi0[4] = {0, 1.5, 0.7, 6};
    size_t i;
    (void)inst, (void)x, (void)err, (void)errlen;
    for (i = 0; i < 4 * n; i++) y0[i] = phi0[i % 4];
    return AMOR_OK;
}

static size_t me_aux_dim(const void *inst) { return 2 * ((const maxent *)inst)->N; }

static int me_aux(void *inst, size_t n, const double *x, const double *y, double *out,
                  char *err, size_t errlen)
{
    maxent *p = inst;
    size_t i, k, N = p->N;
    for (i = 0; i < n; i++) {
        double m, s2, S, mu = x[2 * i], sigma = x[2 * i + 1], s;
        int rc = me_density(p, y + 4 * i, sigma, &m, &s2, &S, err, errlen);
        if (rc) return rc;
        s = sqrt(s2);
        for (k = 0; k < N; k++) {
            out[2 * N * i + k] = mu + sigma * (me_t(p, k) - m) / s;
            out[2 * N * i + N + k] = p->w[k] / p->h * s / sigma;
        }
    }
    return AMOR_OK;
}

static const amor_problem_desc me_desc = {
    .head = AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "maxent", "1.0",
              "the tutorial's maxent example: negative entropy of a 4-parameter density "
              "normalized to mean mu and deviation sigma (x = (mu, sigma))",
              me_params, sizeof me_params / sizeof me_params[0]),
    .create = me_create,
    .destroy = me_destroy,
    .dims = me_dims,
    .sample = me_sample,
    .value = me_value,
    .value_grad = me_value_grad,
    .initial = me_initial,
    .aux_dim = me_aux_dim,
    .aux = me_aux,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &me_desc.head : NULL;
}
