/*
 * mixed.c -- loss plugin: lambda 1/2 |y_hat - y*|^2 + (1 - lambda) f(y_hat; x)
 * on the last iterate, with optionally only a fraction of the contexts
 * labelled (semi-supervised amortization): an unlabelled context keeps only
 * its objective term, (1 - lambda) f.
 *
 * Which contexts are labelled is a pure function of the context's bytes and
 * label_seed (a hash, not the rng), so a context is labelled or not wherever
 * it sits in a batch, in every batch, in every run.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "amor.h"
#include "lossutil.h"

#define WHO "mixed"

typedef struct mixl {
    const amor_oracle *oracle; /* host-owned; valid until destroy */
    size_t nx, ny;
    double lambda;       /* weight of the regression term */
    double frac;         /* label_fraction */
    uint64_t seed;       /* label_seed */
    lu_buf f;            /* (n): objective values; grown with n */
    lu_buf sink;         /* (n, ny): gradient sink for value-only calls */
} mixl;

enum { P_LAMBDA, P_LABEL_FRACTION, P_LABEL_SEED };

static const amor_param_decl mix_params[] = {
    {"lambda", AMOR_PARAM_REAL,
     "weight of the regression term: lambda 1/2 |y_hat - y*|^2 + (1 - lambda) f(y_hat; x)",
     0.5, NULL, NULL, 0, 0, 1, NULL},
    {"label_fraction", AMOR_PARAM_REAL,
     "fraction of contexts that carry y* (chosen by a hash of x); the others "
     "get only (1 - lambda) f",
     1, NULL, NULL, 0, 0, 1, NULL},
    {"label_seed", AMOR_PARAM_INT,
     "seed of the hash that decides which contexts are labelled", 0, NULL, NULL,
     0, 0, 2147483647.0, NULL},
};

/* Uniform number in [0, 1) determined by the bytes of context x (nx) and
 * seed: splitmix64 chained over the 64-bit patterns of the entries, with -0
 * read as +0 so equal contexts always agree. */
static double context_uniform(const double *x, size_t nx, uint64_t seed)
{
    uint64_t h = seed ^ ((uint64_t)nx * 0x9e3779b97f4a7c15ull);
    size_t k;
    for (k = 0; k < nx; k++) {
        double v = x[k] == 0.0 ? 0.0 : x[k];
        uint64_t bits;
        memcpy(&bits, &v, sizeof bits);
        h ^= bits;
        h = amor_splitmix64(&h);
    }
    return (double)(h >> 11) * (1.0 / 9007199254740992.0);
}

static void mix_destroy(void *inst)
{
    mixl *p = inst;
    if (!p) return;
    lu_buf_free(&p->f);
    lu_buf_free(&p->sink);
    free(p);
}

static int mix_create(const amor_value *params, const amor_env *env,
                      void **inst, char *err, size_t errlen)
{
    mixl *p;
    int rc = lu_env_check(env, AMOR_NEEDS_GRAD, WHO, err, errlen);
    if (rc) return rc;
    p = calloc(1, sizeof *p);
    if (!p) return amor_errorf(err, errlen, AMOR_ENOMEM, WHO ": out of memory");
    p->oracle = env->oracle;
    p->nx = env->nx;
    p->ny = env->ny;
    p->lambda = params[P_LAMBDA].r;
    p->frac = params[P_LABEL_FRACTION].r;
    p->seed = (uint64_t)params[P_LABEL_SEED].i;
    *inst = p;
    return AMOR_OK;
}

static int mix_eval(void *inst, size_t n, size_t T, const double *x,
                    const double *iterates, const double *ystar, amor_rng *rng,
                    double *loss, double *d_iterates, char *err, size_t errlen)
{
    mixl *p = inst;
    size_t i, k, ny = p->ny, block = n * ny;
    const double lam = p->lambda, mu = 1.0 - p->lambda;
    const double *last;   /* (n, ny): the prediction y^{T-1} */
    double *dlast = NULL; /* (n, ny): its rows of d_iterates */
    (void)rng;
    if (T == 0)
        return amor_errorf(err, errlen, AMOR_EINVAL, WHO ": no iterates (T = 0)");
    if (!ystar && lam > 0.0 && p->frac > 0.0)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           WHO ": needs reference solutions y* (got none)");
    last = iterates + (T - 1) * block;
    if (d_iterates) {
        memset(d_iterates, 0, (T - 1) * block * sizeof *d_iterates);
        dlast = d_iterates + (T - 1) * block;
    }
    /* objective term first: value_grad writes grad f straight into dlast */
    if (mu > 0.0) {
        int rc;
        if (lu_buf_reserve(&p->f, n))
            return amor_errorf(err, errlen, AMOR_ENOMEM, WHO ": out of memory");
        rc = lu_objective(p->oracle, n, x, last, p->f.p, dlast, &p->sink, WHO,
                          err, errlen);
        if (rc) return rc;
        for (i = 0; i < n; i++) loss[i] = mu * p->f.p[i];
        if (dlast && mu != 1.0)
            for (k = 0; k < block; k++) dlast[k] *= mu;
    } else {
        for (i = 0; i < n; i++) loss[i] = 0.0;
        if (dlast) memset(dlast, 0, block * sizeof *dlast);
    }
    if (lam > 0.0 && p->frac > 0.0)
        for (i = 0; i < n; i++) {
            if (!(context_uniform(x + i * p->nx, p->nx, p->seed) < p->frac))
                continue; /* unlabelled */
            loss[i] += lam * lu_sqerr_row(dlast ? dlast + i * ny : NULL, lam,
                                          last + i * ny, ystar + i * ny, ny);
        }
    return AMOR_OK;
}

static const amor_loss_desc mix_desc = {
    .head = AMOR_HEAD(amor_loss_desc, AMOR_KIND_LOSS, WHO, "1.0",
              "lambda 1/2 |y_hat - y*|^2 + (1 - lambda) f(y_hat; x) on the last "
              "iterate, y* on a label_fraction of the contexts",
              mix_params, sizeof mix_params / sizeof mix_params[0]),
    .create = mix_create,
    .destroy = mix_destroy,
    .needs = AMOR_NEEDS_YSTAR | AMOR_NEEDS_GRAD,
    .eval = mix_eval,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &mix_desc.head : NULL;
}
