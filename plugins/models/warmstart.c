/*
 * warmstart.c -- the `warmstart` model: a fully-amortized MLP trained as is,
 * refined at inference by K = `steps` iterations (the tutorial's
 * "warm-starting and fine-tuning" baseline, section 2.1.2.3), either
 *   refine = gd:     plain gradient steps
 *                    y^t = P(y^{t-1} - step_size grad f(y^{t-1}; x)), or
 *   refine = adam:   Adam steps of learning rate step_size (torch's
 *                    defaults beta = (0.9, 0.999), eps = 1e-8, moments
 *                    from zero at y^0), each context on its own (Adam is
 *                    coordinate-wise), projected like gd (w2ot's fine-tuning
 *                    of a predicted conjugate), or
 *   refine = solver: the problem's own solver (ISTA for lasso, ...) warm
 *                    started from the prediction: state = solver_init(y^0),
 *                    then K solver_step calls; y^t = state[:ny] after t.
 *                    step_size and project do not apply, or
 *   refine = es:     zeroth-order steps from values alone (test-time
 *                    fine-tuning by evolution strategies, Fickinger et al.
 *                    2021): with P = es_pairs draws e_j ~ N(0, I) and
 *                    s = es_sigma, per context
 *                      g = 1/(2 s P) sum_j (f(y + s e_j) - f(y - s e_j)) e_j,
 *                    the antithetic estimate of the gradient of the smoothed
 *                    E f(y + s e) (esgrad.h, as the zeroth_order loss's),
 *                    then y^t = P(y^{t-1} - step_size g) (es_update = sgd)
 *                    or one Adam step on g as refine = adam (es_update =
 *                    adam), projected like gd.  The perturbed points are not
 *                    projected: the estimate is of the smoothed f itself.
 *
 * ES noise: forward has no rng, so e_j of step t for context row x_i comes
 * from an amor_rng seeded with am_fnv1a over the row's bytes (nx doubles),
 * continued over the three uint64 {noise_seed, t, j}; e_j = ny draws of
 * amor_rng_normal_fill.  A context's steps therefore depend on its row, the
 * seed and nothing else: the same in any batch, at any position, on every
 * call.  Each of the 2 P value calls of a step takes all n contexts (a
 * model's oracle takes rows of its own x, so n rows with the P perturbations
 * side by side would need copies of x, which the ABI forbids).
 *
 * Iterates: T = K + 1 always (the ABI fixes T per instance).
 *   evaluation forward (flags without AMOR_FORWARD_TRAIN):
 *       y^0 = MLP(x), y^t = the t-th refinement from it; y^K predicts.
 *   training forward: every iterate y^0 .. y^K is the MLP output (no oracle
 *       call), so training is exactly the fully-amortized model; backward
 *       sends sum_t d_iterates[t] into the MLP.
 * theta is the am_mlp layout of nx -> hidden -> ny (the `mlp` model's theta
 * with output = none).  The steps are never differentiated, so a projecting
 * problem needs no project_vjp here.
 *
 * Needs (needs_for): AMOR_NEEDS_GRAD with refine = gd or adam, AMOR_NEEDS_SOLVER
 * with refine = solver, AMOR_NEEDS_VALUE with refine = es.  The static `needs` is the default's (GRAD), which
 * is all a host without needs_for (ABI 1.0) can check; such a host has no
 * solver calls to offer, and create refuses refine = solver there.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "adam.h"
#include "amath.h"
#include "amhash.h"
#include "amor.h"
#include "esgrad.h"
#include "unroll.h"

enum {
    P_HIDDEN, P_ACTIVATION, P_STEPS, P_STEP_SIZE, P_PROJECT, P_REFINE, P_ES_PAIRS,
    P_ES_SIGMA, P_ES_UPDATE, P_NOISE_SEED, NUM_P
};

static const int64_t ws_hidden_default[] = {64, 64};

static const amor_param_decl ws_params[NUM_P] = {
    {"hidden", AMOR_PARAM_INT_LIST, "hidden layer widths (empty: affine)", 0,
     NULL, ws_hidden_default, 2, 1, 65536, NULL},
    {"activation", AMOR_PARAM_STRING, "hidden-layer activation", 0, "relu",
     NULL, 0, 0, 0, AM_ACT_CHOICES},
    {"steps", AMOR_PARAM_INT, "refinement steps K taken at evaluation only", 5,
     NULL, NULL, 0, 0, 1000, NULL},
    {"step_size", AMOR_PARAM_REAL, "fixed step size (refine = gd, or es with es_update "
     "= sgd) or learning rate (refine = adam, or es with es_update = adam) of the "
     "evaluation steps, > 0", 0.1, NULL, NULL, 0, 0, 1e3, NULL},
    {"project", AMOR_PARAM_BOOL, "project each step if the problem can "
     "(refine = gd, adam or es)", 1, NULL, NULL, 0, 0, 1, NULL},
    {"refine", AMOR_PARAM_STRING, "what the K evaluation steps are: gd (gradient "
     "steps), adam (Adam steps), solver (the problem's own solver, warm started) or "
     "es (zeroth-order steps on antithetic Gaussian estimates of the gradient)",
     0, "gd", NULL, 0, 0, 0, "gd|adam|solver|es"},
    {"es_pairs", AMOR_PARAM_INT, "refine = es: antithetic pairs P per step and context "
     "(2 P value calls)", 8, NULL, NULL, 0, 1, 100000, NULL},
    {"es_sigma", AMOR_PARAM_REAL, "refine = es: scale of the perturbations, > 0", 0.1,
     NULL, NULL, 0, 0, 1e6, NULL},
    {"es_update", AMOR_PARAM_STRING, "refine = es: what a step does with the estimate: "
     "sgd (y -= step_size g) or adam (an Adam step of learning rate step_size)", 0,
     "sgd", NULL, 0, 0, 0, "sgd|adam"},
    {"noise_seed", AMOR_PARAM_INT, "refine = es: seed mixed into every context's "
     "perturbations", 0, NULL, NULL, 0, 0, 2147483647.0, NULL},
};

typedef struct wstart {
    const amor_oracle *o;
    am_mlp net;     /* nx -> hidden -> ny */
    size_t nx, ny, K;
    double alpha;   /* step_size */
    int project;    /* the oracle's projection is applied */
    int solver;     /* refine = solver */
    int adam;       /* refine = adam, or es with es_update = adam */
    int es;         /* refine = es */
    size_t pairs;   /* es_pairs */
    double sigma;   /* es_sigma */
    uint64_t noise_seed;
    size_t S;       /* the solver's state_dim (refine = solver) */
} wstart;

/* refine = solver, from a validated value (the choices are gd|adam|solver|es). */
static int ws_refine_solver(const amor_value *params)
{
    return !strcmp(params[P_REFINE].s, "solver");
}

static uint32_t ws_needs_for(const amor_value *params)
{
    if (!strcmp(params[P_REFINE].s, "es")) return AMOR_NEEDS_VALUE;
    return ws_refine_solver(params) ? AMOR_NEEDS_SOLVER : AMOR_NEEDS_GRAD;
}

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
    const char *refine = params[P_REFINE].s;
    const char *update = params[P_ES_UPDATE].s;
    double sigma = params[P_ES_SIGMA].r;
    int solver = ws_refine_solver(params), es = !strcmp(refine, "es");
    int adam = !strcmp(refine, "adam") || (es && !strcmp(update, "adam"));
    wstart *m;
    int rc;
    if (!solver && !adam && !es && strcmp(refine, "gd"))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "warmstart: parameter 'refine' must be gd, adam, solver or es, "
                           "got '%s'", refine);
    if (strcmp(update, "sgd") && strcmp(update, "adam"))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "warmstart: parameter 'es_update' must be sgd or adam, got '%s'",
                           update);
    if (solver && (!o || !unroll_has_solver(o, env->ny)))
        return amor_errorf(err, errlen, AMOR_ENOTSUP,
                           "warmstart: parameter 'refine' = solver needs the "
                           "problem's solver (solver_init, solver_step), which "
                           "this problem lacks; use refine = gd");
    if (es && (!o || !o->value))
        return amor_errorf(err, errlen, AMOR_ENOTSUP,
                           "warmstart: parameter 'refine' = es needs the problem's "
                           "values (value), which this oracle lacks");
    if (!solver && !es && (!o || !o->value_grad))
        return amor_errorf(err, errlen, AMOR_ENOTSUP,
                           "warmstart: the problem provides no gradients "
                           "(value_grad), which the fine-tuning steps need; "
                           "refine = es needs values only");
    if (params[P_ES_PAIRS].i < 1 || params[P_ES_PAIRS].i > 100000)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "warmstart: parameter 'es_pairs' must be in [1, 100000], "
                           "got %lld", (long long)params[P_ES_PAIRS].i);
    if (!(sigma > 0 && sigma <= 1e6))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "warmstart: parameter 'es_sigma' must be in (0, 1e6], "
                           "got %.17g", sigma);
    if (params[P_NOISE_SEED].i < 0)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "warmstart: parameter 'noise_seed' must be >= 0, got %lld",
                           (long long)params[P_NOISE_SEED].i);
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
    m->solver = solver;
    m->adam = adam;
    m->es = es;
    m->pairs = (size_t)params[P_ES_PAIRS].i;
    m->sigma = sigma;
    m->noise_seed = (uint64_t)params[P_NOISE_SEED].i;
    m->S = solver ? o->state_dim : 0;
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

/* ws: the MLP's activations and scratch, then in doubles
 *   refine = gd:     g (n, ny) -- the gradients in an evaluation forward,
 *                    sum_t d_iterates[t] in backward -- and f (n);
 *   refine = adam:   the same, then Adam's two moments (n, ny) each;
 *   refine = solver: two solver states (n, S) each, the current and the
 *                    next (the first also holds backward's sum, S >= ny);
 *   refine = es:     as gd or adam (es_update), then eps, y + s eps and
 *                    y - s eps (n, ny) each, their values (n) each and the
 *                    rows' hashes (n uint64). */
static size_t ws_per_context(const wstart *m)
{
    if (m->solver) return 2 * m->S;
    return (1 + (m->adam ? 2 : 0) + (m->es ? 3 : 0)) * m->ny + 1 + (m->es ? 3 : 0);
}

static size_t ws_workspace_size(const void *inst, size_t n)
{
    const wstart *m = inst;
    size_t bytes;
    if (am_mul_size(n, ws_per_context(m), &bytes) ||
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

/* The scratch of refine = es (see ws_workspace_size). */
typedef struct ws_es {
    double *eps, *yp, *ym; /* (n, ny) each */
    double *fp, *fm;       /* (n) each */
    uint64_t *hx;          /* (n) the rows' hashes */
} ws_es;

/* refine = es: g (n, ny) = the antithetic estimate at y (n, ny) for step t,
 * P pairs of value calls over all n contexts (the head comment's noise). */
static int ws_es_grad(const wstart *m, size_t n, const double *x, const double *y,
                      uint64_t t, double *g, const ws_es *b)
{
    const size_t ny = m->ny;
    const double coef = 1.0 / (2.0 * m->sigma * (double)m->pairs);
    size_t i, j;
    int rc;
    memset(g, 0, n * ny * sizeof *g);
    for (j = 0; j < m->pairs; j++) {
        for (i = 0; i < n; i++) {
            const uint64_t w[3] = {m->noise_seed, t, (uint64_t)j};
            amor_rng r;
            amor_rng_seed(&r, am_fnv1a(b->hx[i], w, sizeof w));
            amor_rng_normal_fill(&r, ny, b->eps + i * ny);
        }
        rc = es_pair(g, b->yp, b->ym, b->fp, b->fm, m->o, n, ny, x, y, b->eps, m->sigma, coef);
        if (rc) return rc;
    }
    return AMOR_OK;
}

/* refine = adam or es: y^t = y^{t-1} after one step on every context's
 * gradient (value_grad) or ES estimate at once -- an Adam step, or
 * y - step_size g -- then projected; g (n, ny), f (n), then the moments
 * (adam) and the ES scratch (es). */
static int ws_steps(const wstart *m, size_t n, const double *x, double *iterates,
                    double *g, double *f)
{
    size_t len = n * m->ny, t, k;
    double *mom = f + n, *e = mom + (m->adam ? 2 * len : 0);
    am_adam a = {len, mom, mom + len, 0, m->alpha, 0.9, 0.999, 1e-8, 0.0};
    ws_es b = {e, e + len, e + 2 * len, e + 3 * len, e + 3 * len + n,
               (uint64_t *)(e + 3 * len + 2 * n)};
    size_t i;
    int rc;
    if (m->adam) am_adam_reset(&a);
    if (m->es)
        for (i = 0; i < n; i++)
            b.hx[i] = am_fnv1a(AM_FNV_START, x + i * m->nx, m->nx * sizeof *x);
    for (t = 1; t <= m->K; t++) {
        const double *yprev = iterates + (t - 1) * len;
        double *y = iterates + t * len;
        rc = m->es ? ws_es_grad(m, n, x, yprev, t, g, &b)
                   : m->o->value_grad(m->o->ctx, n, x, yprev, f, g);
        if (rc) return rc;
        memcpy(y, yprev, len * sizeof *y);
        if (m->adam)
            am_adam_step(&a, y, g);
        else
            for (k = 0; k < len; k++) y[k] -= m->alpha * g[k];
        if (m->project && (rc = m->o->project(m->o->ctx, n, x, y))) return rc;
    }
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
    if (!(flags & AMOR_FORWARD_TRAIN) && m->solver && m->K > 0)
        return unroll_solver_steps(iterates, g, m->o, m->K, n, m->ny, x);
    if (!(flags & AMOR_FORWARD_TRAIN) && (m->adam || m->es) && m->K > 0)
        return ws_steps(m, n, x, iterates, g, f);
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
    .head = AMOR_HEAD(amor_model_desc, AMOR_KIND_MODEL, "warmstart", "1.1",
              "MLP trained fully amortized, refined at evaluation by K gradient, "
              "Adam or zeroth-order (ES) steps or K steps of the problem's solver",
              ws_params, NUM_P),
    .create = ws_create,
    .destroy = ws_destroy,
    .num_params = ws_num_params,
    .num_iterates = ws_num_iterates,
    .workspace_size = ws_workspace_size,
    .init = ws_init,
    .forward = ws_forward,
    .backward = ws_backward,
    .needs = AMOR_NEEDS_GRAD, /* the default's; see the head comment */
    .needs_for = ws_needs_for,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &ws_desc.head : NULL;
}
