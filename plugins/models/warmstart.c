/*
 * warmstart.c -- the `warmstart` model: a fully-amortized MLP trained as is,
 * fine-tuned at inference by K = `steps` plain gradient steps
 * y^t = P(y^{t-1} - step_size grad f(y^{t-1}; x)) (the tutorial's
 * "warm-starting and fine-tuning" baseline, section 2.1.2.3).
 *
 * Iterates: T = K + 1 always (the ABI fixes T per instance).
 *   evaluation forward (flags without AMOR_FORWARD_TRAIN):
 *       y^0 = MLP(x), y^t = the t-th gradient step from it; y^K predicts.
 *   training forward: every iterate y^0 .. y^K is the MLP output (no oracle
 *       call), so training is exactly the fully-amortized model; backward
 *       sends sum_t d_iterates[t] into the MLP.
 * theta is the am_mlp layout of nx -> hidden -> ny (the `mlp` model's theta
 * with output = none).  The steps are never differentiated, so a projecting
 * problem needs no project_vjp here.
 */
#include <stdlib.h>
#include <string.h>

#include "amath.h"
#include "amor.h"
#include "unroll.h"

enum { P_HIDDEN, P_ACTIVATION, P_STEPS, P_STEP_SIZE, P_PROJECT, NUM_P };

static const int64_t ws_hidden_default[] = {64, 64};

static const amor_param_decl ws_params[NUM_P] = {
    {"hidden", AMOR_PARAM_INT_LIST, "hidden layer widths (empty: affine)", 0,
     NULL, ws_hidden_default, 2, 1, 65536, NULL},
    {"activation", AMOR_PARAM_STRING, "hidden-layer activation", 0, "relu",
     NULL, 0, 0, 0, AM_ACT_CHOICES},
    {"steps", AMOR_PARAM_INT, "gradient steps K taken at evaluation only", 5,
     NULL, NULL, 0, 0, 1000, NULL},
    {"step_size", AMOR_PARAM_REAL, "fixed step size of the evaluation steps, > 0",
     0.1, NULL, NULL, 0, 0, 1e3, NULL},
    {"project", AMOR_PARAM_BOOL, "project each step if the problem can", 1,
     NULL, NULL, 0, 0, 1, NULL},
};

typedef struct wstart {
    const amor_oracle *o;
    am_mlp net;     /* nx -> hidden -> ny */
    size_t nx, ny, K;
    double alpha;   /* step_size */
    int project;    /* the oracle's projection is applied */
} wstart;

static void ws_destroy(void *inst)
{
    wstart *m = inst;
    if (!m) return;
    am_mlp_free(&m->net);
    free(m);
}

static int ws_create(const amor_value *params, const amor_env *env,
                     void **inst, char *err, size_t errlen)
{
    const amor_oracle *o = env->oracle;
    double a = params[P_STEP_SIZE].r;
    wstart *m;
    int rc;
    if (!o || !o->value_grad)
        return amor_errorf(err, errlen, AMOR_ENOTSUP,
                           "warmstart: the problem provides no gradients "
                           "(value_grad), which the fine-tuning steps need");
    if (params[P_STEPS].i < 0 || params[P_STEPS].i > 1000)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "warmstart: parameter 'steps' must be in [0, 1000]");
    if (!(a > 0 && a <= 1e3))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "warmstart: parameter 'step_size' must be in (0, 1000], "
                           "got %.17g", a);
    m = calloc(1, sizeof *m);
    if (!m) return amor_errorf(err, errlen, AMOR_ENOMEM, "warmstart: out of memory");
    rc = unroll_mlp_create(&m->net, &params[P_HIDDEN], params[P_ACTIVATION].s,
                           env->nx, env->ny, "warmstart", err, errlen);
    if (rc) {
        free(m);
        return rc;
    }
    m->o = o;
    m->nx = env->nx;
    m->ny = env->ny;
    m->K = (size_t)params[P_STEPS].i;
    m->alpha = a;
    m->project = params[P_PROJECT].i && o->project;
    *inst = m;
    return AMOR_OK;
}

static size_t ws_num_params(const void *inst)
{
    return ((const wstart *)inst)->net.num_params;
}

static size_t ws_num_iterates(const void *inst)
{
    return ((const wstart *)inst)->K + 1;
}

/* ws: the MLP's activations and scratch, then g (n, ny) -- the gradients in
 * an evaluation forward, sum_t d_iterates[t] in backward -- and f (n). */
static size_t ws_workspace_size(const void *inst, size_t n)
{
    const wstart *m = inst;
    size_t bytes;
    if (am_mul_size(n, m->ny + 1, &bytes) ||
        am_mul_size(bytes, sizeof(double), &bytes) ||
        am_add_size(bytes, am_mlp_workspace_size(&m->net, n), &bytes))
        return SIZE_MAX;
    return bytes;
}

static double *ws_extra(const wstart *m, size_t n, void *ws)
{
    return (double *)((char *)ws + am_mlp_workspace_size(&m->net, n));
}

static int ws_init(void *inst, amor_rng *rng, double *theta, char *err,
                   size_t errlen)
{
    (void)err;
    (void)errlen;
    am_mlp_init_torch(&((const wstart *)inst)->net, theta, rng);
    return AMOR_OK;
}

static int ws_forward(void *inst, const double *theta, size_t n,
                      const double *x, double *iterates, void *ws,
                      unsigned flags, char *err, size_t errlen)
{
    const wstart *m = inst;
    size_t len = n * m->ny, t;
    double *g = ws_extra(m, n, ws), *f = g + len; /* (n, ny), (n) */
    int rc;
    (void)err;
    (void)errlen;
    if (n == 0) return AMOR_OK;
    am_mlp_forward(&m->net, iterates, theta, x, n, ws);
    for (t = 1; t <= m->K; t++) {
        if (flags & AMOR_FORWARD_TRAIN) {
            memcpy(iterates + t * len, iterates, len * sizeof *iterates);
            continue;
        }
        rc = unroll_step(iterates + t * len, g, f, m->o, m->project, m->alpha,
                         n, x, iterates + (t - 1) * len);
        if (rc) return rc;
    }
    return AMOR_OK;
}

static int ws_backward(void *inst, const double *theta, size_t n,
                       const double *x, const double *d_iterates,
                       double *dtheta, void *ws, char *err, size_t errlen)
{
    const wstart *m = inst;
    size_t len = n * m->ny, t, k;
    double *dy = ws_extra(m, n, ws); /* (n, ny) sum over iterates */
    (void)err;
    (void)errlen;
    if (n == 0) return AMOR_OK;
    memcpy(dy, d_iterates, len * sizeof *dy);
    for (t = 1; t <= m->K; t++)
        for (k = 0; k < len; k++) dy[k] += d_iterates[t * len + k];
    am_mlp_backward(&m->net, NULL, dtheta, dy, theta, x, n, ws);
    return AMOR_OK;
}

static const amor_model_desc ws_desc = {
    .head = AMOR_HEAD(amor_model_desc, AMOR_KIND_MODEL, "warmstart", "1.0",
              "MLP trained fully amortized, fine-tuned by K gradient steps "
              "at evaluation",
              ws_params, NUM_P),
    .create = ws_create,
    .destroy = ws_destroy,
    .num_params = ws_num_params,
    .num_iterates = ws_num_iterates,
    .workspace_size = ws_workspace_size,
    .init = ws_init,
    .forward = ws_forward,
    .backward = ws_backward,
    .needs = AMOR_NEEDS_GRAD,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &ws_desc.head : NULL;
}
