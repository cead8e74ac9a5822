/*
 * rho_policy.c -- the `rho_policy` model: an RLQP-style learned ADMM
 * step-size policy (Ichnowski et al. 2021) on problem `qp` (data = fixed).
 * It runs K = `steps` iterations of the problem's own ADMM step through the
 * oracle from y = 0 and, every N = `interval` iterations, rewrites the log
 * rho entries of the state with a small MLP whose weights are shared across
 * constraints; `mode = once` predicts log rho once, before iterating, from
 * each constraint's (l_i, u_i) and the context's q.
 *
 * The same act is its solver_policy (ABI 1.2), so eval.tolerances counts
 * ADMM's iterations to each tolerance with the policy in the loop; past the
 * K iterations it trained on it keeps acting (beyond = act) or holds the
 * last rho it set within K (beyond = hold).
 *
 * ADMM has no useful gradient in rho here (the policy's effect is an
 * iteration count), so the model has no backward: the host refuses to train
 * it except with train.estimator = "es".
 * docs/plugins.md ("Learned ADMM step sizes: rho_policy") has the features.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "amath.h"
#include "amor.h"
#include "unroll.h"

#define RP_NF_POLICY 6 /* features per constraint, mode = policy */
#define RP_NF_ONCE 4   /* ... mode = once */
#define RP_EQ_TOL 1e-4 /* qp's: u - l below it is an equality row */
#define RP_STEP_FLOOR 1e-8 /* the feature log10(|dual step| / rho + floor): below
                             1e-8 the step is rounding, and a smaller floor would
                             turn rounding into O(1) feature changes */

typedef struct rpol {
    const amor_oracle *o;
    size_t n, m, S;    /* variables, constraints, state width n + 3m + 1 */
    size_t K, N, T;    /* steps, interval, iterates ceil(K/N) + 1 */
    int once;          /* mode = once */
    int hold;          /* beyond = hold: the solver policy leaves rho alone from k = K */
    size_t nf;         /* features per constraint */
    double max_delta;  /* |change of log rho| per rewrite <= this */
    am_mlp mlp;        /* nf -> hidden -> 1 */
} rpol;

enum { P_MODE, P_STEPS, P_INTERVAL, P_HIDDEN, P_ACTIVATION, P_MAX_DELTA, P_BEYOND, NUM_P };

static const int64_t DEF_HIDDEN[] = {16, 16};

static const amor_param_decl rp_params[NUM_P] = {
    {.name = "mode", .type = AMOR_PARAM_STRING, .doc = "policy: rewrite log rho every interval "
     "iterations from the ADMM state; once: predict it once from (q, l, u) before iterating",
     .def_string = "policy", .choices = "policy|once"},
    {.name = "steps", .type = AMOR_PARAM_INT, .doc = "ADMM iterations K of the problem's step",
     .def = 100, .min = 1, .max = 1e7},
    {.name = "interval", .type = AMOR_PARAM_INT, .doc = "iterations N between rewrites of log rho "
     "(and between reported iterates)", .def = 10, .min = 1, .max = 1e7},
    {.name = "hidden", .type = AMOR_PARAM_INT_LIST, .doc = "hidden widths of the per-constraint "
     "MLP", .def_list = DEF_HIDDEN, .def_list_len = 2, .min = 1, .max = 65536},
    {.name = "activation", .type = AMOR_PARAM_STRING, .doc = "hidden activation",
     .def_string = "tanh", .choices = AM_ACT_CHOICES},
    {.name = "max_delta", .type = AMOR_PARAM_REAL, .doc = "a rewrite changes log rho by "
     "max_delta tanh(MLP output), at most this much", .def = 3, .min = 1e-6, .max = 50},
    {.name = "beyond", .type = AMOR_PARAM_STRING, .doc = "as the solver's policy (eval.tolerances), "
     "past the K = steps iterations it was trained on: act (rewrite log rho every interval, as "
     "within K) or hold (keep the last rho it set within K: ADMM with a fixed rho converges)",
     .def_string = "act", .choices = "act|hold"},
};

static void rp_destroy(void *inst)
{
    rpol *r = inst;
    if (!r) return;
    am_mlp_free(&r->mlp);
    free(r);
}

static int rp_create(const amor_value *pv, const amor_env *env, void **inst, char *err,
                     size_t errlen)
{
    const amor_oracle *o = env->oracle;
    size_t n = env->ny, nx = env->nx, m;
    am_act act;
    rpol *r;
    int rc;
    if (!unroll_has_solver(o, env->ny) || !o->residual)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "rho_policy: the problem has no solver of its own (solver_step); it "
                           "needs problem qp with data = fixed");
    /* qp with data = fixed: x = (q (n), l (m), u (m)), state = (y, z, lambda,
     * log rho (m each), k): anything else has no log rho where we would write */
    m = nx > n && (nx - n) % 2 == 0 ? (nx - n) / 2 : 0;
    if (!m || env->nx_context != nx || o->state_dim != n + 3 * m + 1)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "rho_policy: needs problem qp with data = fixed (x = (q, l, u) of n + "
                           "2m, state (y, z, lambda, log rho, k) of n + 3m + 1); this problem "
                           "has nx = %zu, ny = %zu, state_dim = %zu", nx, n, o->state_dim);
    if ((rc = am_act_parse_hidden(pv[P_ACTIVATION].s, &act, "rho_policy", err, errlen)))
        return rc;
    if (!(r = calloc(1, sizeof *r)))
        return amor_errorf(err, errlen, AMOR_ENOMEM, "rho_policy: out of memory");
    r->o = o;
    r->n = n;
    r->m = m;
    r->S = o->state_dim;
    r->K = (size_t)pv[P_STEPS].i;
    r->N = (size_t)pv[P_INTERVAL].i;
    if (r->N > r->K) {
        rp_destroy(r);
        return amor_errorf(err, errlen, AMOR_EINVAL, "rho_policy: parameter 'interval' (%zu) "
                           "exceeds 'steps' (%zu): the policy would never act", (size_t)
                           pv[P_INTERVAL].i, (size_t)pv[P_STEPS].i);
    }
    r->T = (r->K + r->N - 1) / r->N + 1;
    r->once = !strcmp(pv[P_MODE].s, "once");
    r->hold = !strcmp(pv[P_BEYOND].s, "hold");
    r->nf = r->once ? RP_NF_ONCE : RP_NF_POLICY;
    r->max_delta = pv[P_MAX_DELTA].r;
    if ((rc = am_mlp_create_hidden(&r->mlp, r->nf, pv[P_HIDDEN].list, pv[P_HIDDEN].len, 1, act,
                                   "rho_policy", err, errlen))) {
        free(r);
        return rc;
    }
    *inst = r;
    return AMOR_OK;
}

static size_t rp_num_params(const void *inst) { return ((const rpol *)inst)->mlp.num_params; }
static size_t rp_num_iterates(const void *inst) { return ((const rpol *)inst)->T; }

/* two states (n, S), features (m, nf), outputs (m), residuals (n), the
 * MLP's workspace for m rows (one context at a time) */
static size_t rp_workspace_size(const void *inst, size_t n)
{
    const rpol *r = inst;
    return (2 * n * r->S + r->m * r->nf + r->m + n) * sizeof(double) +
           am_mlp_workspace_size(&r->mlp, r->m);
}

/* PyTorch's initialization, then a zero last layer: the untrained policy
 * keeps every log rho as it is (delta = max_delta tanh(0) = 0 exactly), so
 * ES starts from the problem's own rho schedule. */
static int rp_init(void *inst, amor_rng *rng, double *theta, char *err, size_t errlen)
{
    const rpol *r = inst;
    size_t L = r->mlp.nlayers - 1;
    (void)err, (void)errlen;
    am_mlp_init_torch(&r->mlp, theta, rng);
    memset(theta + r->mlp.woff[L], 0, r->mlp.dims[L] * sizeof *theta);
    theta[r->mlp.boff[L]] = 0.0;
    return AMOR_OK;
}

/* Features of context i for mode = policy, from its state cur after a step
 * from prev (both S): per constraint log rho, asinh lambda, log10 of the
 * relaxed primal residual |lambda - lambda_prev| / rho (the step's
 * lambda update), asinh of the slack min(z - l, u - z), the equality flag,
 * and the context's log10 residual (OSQP's scaled test, the same for every
 * constraint). */
static void policy_features(const rpol *r, const double *xi, const double *prev,
                            const double *cur, double res, double *f)
{
    size_t j, n = r->n, m = r->m;
    const double *l = xi + n, *u = l + m, *z = cur + n, *lam = z + m, *s = lam + m;
    const double *lamp = prev + n + m;
    double lres = log10(fmax(res, 1e-16));
    for (j = 0; j < m; j++) {
        double *fj = f + j * RP_NF_POLICY, rho = exp(s[j]);
        fj[0] = s[j];
        fj[1] = asinh(lam[j]);
        fj[2] = log10(fabs(lam[j] - lamp[j]) / rho + RP_STEP_FLOOR);
        fj[3] = asinh(fmin(z[j] - l[j], u[j] - z[j]));
        fj[4] = u[j] - l[j] < RP_EQ_TOL ? 1.0 : 0.0;
        fj[5] = lres;
    }
}

/* mode = once: (l_i, u_i, asinh(u_i - l_i), log10 |q|_inf) per constraint */
static void once_features(const rpol *r, const double *xi, double *f)
{
    size_t j, n = r->n, m = r->m;
    const double *q = xi, *l = xi + n, *u = l + m;
    double qmax = 0.0;
    for (j = 0; j < n; j++) qmax = fmax(qmax, fabs(q[j]));
    for (j = 0; j < m; j++) {
        double *fj = f + j * RP_NF_ONCE;
        fj[0] = l[j];
        fj[1] = u[j];
        fj[2] = asinh(u[j] - l[j]);
        fj[3] = log10(qmax + 1e-16);
    }
}

/* log rho (m, in the state) += max_delta tanh(MLP(features)) */
static void rewrite(const rpol *r, const double *theta, const double *f, double *out, void *mws,
                    double *s)
{
    size_t j;
    am_mlp_forward(&r->mlp, out, theta, f, r->m, mws);
    for (j = 0; j < r->m; j++) s[j] += r->max_delta * tanh(out[j]);
}

static void put_iterate(const rpol *r, size_t n, const double *st, double *it)
{
    size_t i;
    for (i = 0; i < n; i++) memcpy(it + i * r->n, st + i * r->S, r->n * sizeof *it);
}

/* The policy's act after k solver steps (k = 0: right after solver_init;
 * prev: the states before step k, NULL at k = 0) on n states in place:
 * mode = once rewrites log rho at k = 0 only, mode = policy every N steps
 * (k > 0, k % N == 0).  scratch: features, outputs, residuals, the MLP's
 * workspace (the part of the workspace after the forward's two states). */
static int act(const rpol *r, const double *theta, size_t n, const double *x, size_t k,
               const double *prev, double *state, double *scratch)
{
    const amor_oracle *o = r->o;
    size_t S = r->S, nx = r->n + 2 * r->m, i;
    double *f = scratch, *out = f + r->m * r->nf, *res = out + r->m;
    void *mws = res + n;
    int rc;
    if (r->once ? k != 0 : k == 0 || k % r->N) return AMOR_OK;
    if (r->once) {
        for (i = 0; i < n; i++) {
            once_features(r, x + i * nx, f);
            rewrite(r, theta, f, out, mws, state + i * S + r->n + 2 * r->m);
        }
        return AMOR_OK;
    }
    if ((rc = o->residual(o->ctx, n, x, state, res))) return rc;
    for (i = 0; i < n; i++) {
        policy_features(r, x + i * nx, prev + i * S, state + i * S, res[i], f);
        rewrite(r, theta, f, out, mws, state + i * S + r->n + 2 * r->m);
    }
    return AMOR_OK;
}

/* amor_model_desc.solver_policy: the host's iterations to tolerance with
 * the policy in the loop run the very act forward() runs. */
static int rp_solver_policy(void *inst, const double *theta, size_t n, const double *x, size_t k,
                            const double *prev, double *state, void *ws, char *err,
                            size_t errlen)
{
    const rpol *r = inst;
    (void)err, (void)errlen;
    if (r->hold && k >= r->K) return AMOR_OK; /* beyond the training horizon: rho as it is */
    return act(r, theta, n, x, k, prev, state, (double *)ws + 2 * n * r->S);
}

static int rp_forward(void *inst, const double *theta, size_t n, const double *x,
                      double *iterates, void *ws, unsigned flags, char *err, size_t errlen)
{
    const rpol *r = inst;
    const amor_oracle *o = r->o;
    size_t S = r->S, k, t = 0;
    double *cur = ws, *nxt = cur + n * S, *scratch = nxt + n * S;
    int rc;
    (void)flags, (void)err, (void)errlen;
    memset(iterates, 0, n * r->n * sizeof *iterates); /* y^0 = 0, solver_init's input */
    if ((rc = o->solver_init(o->ctx, n, x, iterates, cur)) ||
        (rc = act(r, theta, n, x, 0, NULL, cur, scratch)))
        return rc;
    for (k = 1; k <= r->K; k++) {
        double *tmp;
        if ((rc = o->solver_step(o->ctx, n, x, cur, nxt))) return rc;
        tmp = cur, cur = nxt, nxt = tmp; /* cur: after k steps, nxt: after k - 1 */
        if (k % r->N && k < r->K) continue;
        put_iterate(r, n, cur, iterates + (++t) * n * r->n);
        if (k < r->K && (rc = act(r, theta, n, x, k, nxt, cur, scratch))) return rc;
    }
    return AMOR_OK;
}

static const amor_model_desc rp_desc = {
    .head = AMOR_HEAD(amor_model_desc, AMOR_KIND_MODEL, "rho_policy", "1.0",
                      "RLQP's learned ADMM rho policy on qp: K ADMM steps, log rho rewritten "
                      "every N by an MLP shared across constraints (mode once: predicted once); "
                      "trains by train.estimator = es only",
                      rp_params, NUM_P),
    .create = rp_create,
    .destroy = rp_destroy,
    .num_params = rp_num_params,
    .num_iterates = rp_num_iterates,
    .workspace_size = rp_workspace_size,
    .init = rp_init,
    .forward = rp_forward,
    .backward = NULL, /* no gradient: the host trains it by ES only (amor.h) */
    .needs = AMOR_NEEDS_SOLVER,
    .solver_policy = rp_solver_policy,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &rp_desc.head : NULL;
}
