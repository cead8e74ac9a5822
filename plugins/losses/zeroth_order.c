/*
 * zeroth_order.c -- loss plugin: objective-based learning from values of f
 * alone.  The gradient handed back for the last iterate is a Monte Carlo
 * estimate of the gradient of the Gaussian smoothing
 *     f_sigma(y; x) = E_{eps ~ N(0, I)} f(y + sigma eps; x),
 * so a model can be trained on problems without value_grad (black-box
 * objectives, solvers with non-differentiable outputs).
 *
 * Estimators, with eps_s ~ N(0, I) drawn from the rng passed to eval:
 *   antithetic (default)  g = 1/(2 sigma S) sum_s (f(y + sigma eps_s)
 *                                                 - f(y - sigma eps_s)) eps_s
 *                         2 S value calls per context (S = samples pairs);
 *                         a baseline would cancel, so none is used.
 *   one-sided             g = 1/(sigma S) sum_s (f(y + sigma eps_s) - b) eps_s
 *                         S value calls, b = f(y) (one more call) when
 *                         baseline = true, else b = 0 (the plain score-
 *                         function form, unbiased but high-variance).
 * All are unbiased for grad f_sigma(y).
 *
 * The reported loss (report): "value" is f(y_hat; x) itself, comparable with
 * the objective loss (one extra value call unless the baseline already
 * made it); "smoothed" is the Monte Carlo estimate of f_sigma(y_hat) from the
 * same samples (no extra call): the mean of (f(y + sigma eps) + f(y - sigma
 * eps)) / 2, or of f(y + sigma eps) for one-sided estimators.
 *
 * rng stream: for each sample s, the n x ny deviates of eps_s row by row.  A
 * value-only eval (d_iterates == NULL) with report = value draws nothing.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "amor.h"
#include "esgrad.h"
#include "lossutil.h"

#define WHO "zeroth_order"

typedef struct zol {
    const amor_oracle *oracle; /* host-owned; valid until destroy */
    size_t ny;
    size_t samples;   /* S: pairs (antithetic) or single draws */
    double sigma;
    int antithetic;
    int baseline;     /* one-sided only */
    int smoothed;     /* report the estimate of f_sigma instead of f */
    lu_buf buf;       /* eps, y+, y- (n, ny each), f+, f-, f0 (n each) */
    size_t buf_n;     /* the n buf is carved for */
} zol;

enum { P_SAMPLES, P_SIGMA, P_ANTITHETIC, P_BASELINE, P_REPORT };

static const amor_param_decl zo_params[] = {
    {"samples", AMOR_PARAM_INT,
     "Monte Carlo samples S per context (antithetic pairs: 2 S value calls)", 8,
     NULL, NULL, 0, 1, 1000000, NULL},
    {"sigma", AMOR_PARAM_REAL,
     "smoothing radius: the estimated gradient is that of E f(y + sigma eps)",
     0.1, NULL, NULL, 0, 1e-8, 1e6, NULL},
    {"antithetic", AMOR_PARAM_BOOL,
     "antithetic pairs f(y + sigma eps) - f(y - sigma eps) (else one-sided draws)",
     1, NULL, NULL, 0, 0, 1, NULL},
    {"baseline", AMOR_PARAM_BOOL,
     "one-sided only: subtract the baseline b = f(y) (else b = 0); antithetic "
     "pairs need none",
     1, NULL, NULL, 0, 0, 1, NULL},
    {"report", AMOR_PARAM_STRING,
     "reported loss: value = f(y_hat; x), smoothed = the sample estimate of "
     "E f(y_hat + sigma eps; x)",
     0, "value", NULL, 0, 0, 0, "value|smoothed"},
};

static void zo_destroy(void *inst)
{
    zol *p = inst;
    if (!p) return;
    lu_buf_free(&p->buf);
    free(p);
}

static int zo_create(const amor_value *params, const amor_env *env,
                     void **inst, char *err, size_t errlen)
{
    zol *p;
    const char *report = params[P_REPORT].s ? params[P_REPORT].s : "value";
    int rc = lu_env_check(env, AMOR_NEEDS_VALUE, WHO, err, errlen);
    if (rc) return rc;
    if (strcmp(report, "value") && strcmp(report, "smoothed"))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           WHO ": report = '%s' is not one of value|smoothed", report);
    if (params[P_SAMPLES].i < 1 || !(params[P_SIGMA].r > 0.0))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           WHO ": samples must be >= 1 and sigma > 0");
    p = calloc(1, sizeof *p);
    if (!p) return amor_errorf(err, errlen, AMOR_ENOMEM, WHO ": out of memory");
    p->oracle = env->oracle;
    p->ny = env->ny;
    p->samples = (size_t)params[P_SAMPLES].i;
    p->sigma = params[P_SIGMA].r;
    p->antithetic = params[P_ANTITHETIC].i != 0;
    p->baseline = params[P_BASELINE].i != 0;
    p->smoothed = strcmp(report, "smoothed") == 0;
    *inst = p;
    return AMOR_OK;
}

static int zo_value(const zol *p, size_t n, const double *x, const double *y,
                    double *f, char *err, size_t errlen)
{
    int rc = p->oracle->value(p->oracle->ctx, n, x, y, f);
    return rc ? lu_oracle_failed(rc, err, errlen) : AMOR_OK;
}

static int zo_eval(void *inst, size_t n, size_t T, const double *x,
                   const double *iterates, const double *ystar, amor_rng *rng,
                   double *loss, double *d_iterates, char *err, size_t errlen)
{
    zol *p = inst;
    const size_t ny = p->ny, block = n * ny, S = p->samples;
    const double sigma = p->sigma;
    const double *y;      /* (n, ny): the prediction y^{T-1} */
    double *g = NULL;     /* (n, ny): its rows of d_iterates */
    double *eps, *yp, *ym; /* (n, ny) each */
    double *fp, *fm, *f0;  /* (n) each */
    double coef;
    size_t s, i, k;
    int one_sided_b, need_f0, rc;
    (void)ystar;
    if (T == 0)
        return amor_errorf(err, errlen, AMOR_EINVAL, WHO ": no iterates (T = 0)");
    y = iterates + (T - 1) * block;
    if (d_iterates) {
        memset(d_iterates, 0, T * block * sizeof *d_iterates);
        g = d_iterates + (T - 1) * block;
    }
    if (!g && !p->smoothed) /* value only: f(y_hat), no sampling */
        return zo_value(p, n, x, y, loss, err, errlen);
    if (!rng)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           WHO ": needs the host's rng to sample (got none)");

    if (n > p->buf_n) {
        if (lu_buf_reserve(&p->buf, 3 * block + 3 * n))
            return amor_errorf(err, errlen, AMOR_ENOMEM, WHO ": out of memory");
        p->buf_n = n;
    }
    eps = p->buf.p;
    yp = eps + block;
    ym = yp + block;
    fp = ym + block;
    fm = fp + n;
    f0 = fm + n;

    one_sided_b = !p->antithetic && p->baseline;
    need_f0 = one_sided_b || !p->smoothed;
    if (need_f0 && (rc = zo_value(p, n, x, y, f0, err, errlen))) return rc;
    if (p->smoothed)
        for (i = 0; i < n; i++) loss[i] = 0.0;
    else
        memcpy(loss, f0, n * sizeof *loss);

    coef = p->antithetic ? 1.0 / (2.0 * sigma * (double)S) : 1.0 / (sigma * (double)S);
    for (s = 0; s < S; s++) {
        for (k = 0; k < block; k++) eps[k] = amor_rng_normal(rng);
        if (p->antithetic) { /* the pair and its share of g: es_pair, as warmstart's */
            rc = es_pair(g, yp, ym, fp, fm, p->oracle, n, ny, x, y, eps, sigma, coef);
            if (rc) return lu_oracle_failed(rc, err, errlen);
            if (p->smoothed)
                for (i = 0; i < n; i++) loss[i] += 0.5 * (fp[i] + fm[i]);
            continue;
        }
        for (k = 0; k < block; k++) yp[k] = y[k] + sigma * eps[k];
        if ((rc = zo_value(p, n, x, yp, fp, err, errlen))) return rc;
        for (i = 0; i < n; i++) {
            double df = one_sided_b ? fp[i] - f0[i] : fp[i]; /* weighting eps_s of row i */
            if (p->smoothed) loss[i] += fp[i];
            if (g)
                for (k = 0; k < ny; k++) g[i * ny + k] += coef * df * eps[i * ny + k];
        }
    }
    if (p->smoothed)
        for (i = 0; i < n; i++) loss[i] /= (double)S;
    return AMOR_OK;
}

static const amor_loss_desc zo_desc = {
    .head = AMOR_HEAD(amor_loss_desc, AMOR_KIND_LOSS, WHO, "1.0",
              "objective loss from values only: Gaussian-smoothing gradient "
              "estimate on the last iterate",
              zo_params, sizeof zo_params / sizeof zo_params[0]),
    .create = zo_create,
    .destroy = zo_destroy,
    .needs = AMOR_NEEDS_VALUE,
    .eval = zo_eval,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &zo_desc.head : NULL;
}
