/*
 * unroll_gd.c -- the `unroll_gd` model: semi-amortized over the domain (MAML,
 * SAVAE).  y^0 is a learned constant (init = constant) or an inner MLP of x
 * (init = mlp); then K = `steps` steps y^t = P(y^{t-1} - alpha_t grad f(y^{t-1}; x))
 * with learned per-step sizes alpha_t = exp(theta_logalpha[t-1]) and P the
 * problem's projection (if any, and `project`).  Reports T = K + 1 iterates
 * y^0 .. y^K; y^K is the prediction.
 *
 * theta: [init: constant y0 (ny) | the am_mlp layout of nx -> hidden -> ny]
 *        [log alpha_1 .. log alpha_K, only when learn_steps]
 * With learn_steps = false the step sizes are the constant `step0` and are
 * not part of theta.
 *
 * Backpropagation (`grad`), with adj = dL/dy^t accumulated from the loss's
 * d_iterates[t] of every iterate and from the step after it:
 *   exact        adj_{t-1} = d_iterates[t-1] + (I - alpha_t H(y^{t-1})) J_P^T adj_t
 *                (H by the oracle's hvp: exact, or finite differences),
 *                dL/dlog alpha_t = -alpha_t <J_P^T adj_t, grad f(y^{t-1})>.
 *   first_order  the same with (I - alpha_t H) replaced by I (FOMAML); the
 *                projection's Jacobian J_P is kept, the alpha gradients too.
 *   truncated    window W <= K.  With c = K - W >= 1 this is the gradient
 *                of the model whose step c takes a detached input, i.e.
 *                `y = y.detach()` just before step c: steps c+1 .. K are
 *                backpropagated exactly (W Hessian products), y^c still
 *                receives its gradient and alpha_c its step-size gradient,
 *                but nothing flows into y^{c-1}: d_iterates[t] for t < c are
 *                ignored, alpha_1 .. alpha_{c-1} and the init get no
 *                gradient.  W = K (c = 0) is exact.
 *
 * Memory (workspace) per context, in doubles, S = number of steps whose
 * state is kept = K (exact, first_order) or min(W + 1, K) (truncated):
 *   S ny  iterates y^{t-1}  (unless first_order without projection)
 *   S ny  gradients grad f(y^{t-1})  (with learn_steps or projection)
 *   ny adjoint + ny HVP output (not first_order) + 2 ny (projection: z and
 *   J_P^T adj) + 1 (values f), plus the MLP's activations (init = mlp).
 * The final iterate y^K is never needed by backward and is not kept.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "amath.h"
#include "amor.h"
#include "unroll.h"

enum {
    P_INIT, P_HIDDEN, P_ACTIVATION, P_STEPS, P_STEP0, P_LEARN_STEPS,
    P_PROJECT, P_GRAD, P_WINDOW, P_INIT_STD, NUM_P
};

#define GRAD_CHOICES "exact|first_order|truncated"

static const int64_t ugd_hidden_default[] = {64, 64};

static const amor_param_decl ugd_params[NUM_P] = {
    {"init", AMOR_PARAM_STRING,
     "first iterate: learned constant or MLP of x", 0, "constant", NULL, 0,
     0, 0, "constant|mlp"},
    {"hidden", AMOR_PARAM_INT_LIST, "init = mlp: hidden layer widths (empty: affine)",
     0, NULL, ugd_hidden_default, 2, 1, 65536, NULL},
    {"activation", AMOR_PARAM_STRING, "init = mlp: hidden-layer activation", 0,
     "relu", NULL, 0, 0, 0, AM_ACT_CHOICES},
    {"steps", AMOR_PARAM_INT, "number K of unrolled gradient steps", 5, NULL,
     NULL, 0, 0, 1000, NULL},
    {"step0", AMOR_PARAM_REAL, "(initial) step size of every step, > 0", 0.1,
     NULL, NULL, 0, 0, 1e3, NULL},
    {"learn_steps", AMOR_PARAM_BOOL, "learn per-step log step sizes (else fixed step0)",
     1, NULL, NULL, 0, 0, 1, NULL},
    {"project", AMOR_PARAM_BOOL, "project each step if the problem can", 1,
     NULL, NULL, 0, 0, 1, NULL},
    {"grad", AMOR_PARAM_STRING, "differentiation through the steps", 0,
     "exact", NULL, 0, 0, 0, GRAD_CHOICES},
    {"window", AMOR_PARAM_INT, "grad = truncated: steps backpropagated (<= steps)",
     1, NULL, NULL, 0, 1, 1000, NULL},
    {"init_std", AMOR_PARAM_REAL,
     "init = constant: y0 starts at std times a normal truncated at 2 std (MAML's "
     "tf.truncated_normal; a network's weights must not all start at 0, a stationary "
     "point of a ReLU MLP); 0: y0 = 0", 0, NULL, NULL, 0, 0, 1e6, NULL},
};

typedef enum grad_mode { GRAD_EXACT, GRAD_FIRST_ORDER, GRAD_TRUNCATED } grad_mode;

typedef struct ugd {
    const amor_oracle *o;
    size_t nx, ny, K;
    int use_mlp;    /* init = mlp */
    am_mlp net;     /* init = mlp: nx -> hidden -> ny */
    size_t ninit;   /* theta entries of the init: ny or net.num_params */
    int learn;      /* log step sizes at theta[ninit .. ninit + K) */
    double step0;
    double init_std; /* init = constant: std of y0 (0: y0 = 0) */
    int project;    /* the oracle's projection is applied */
    grad_mode mode;
    size_t cut;     /* truncated with W < K: K - W (input of step cut
                       detached); else 0 */
    size_t first;   /* first step whose state is kept: max(cut, 1) */
    size_t nkeep;   /* steps kept: first .. K (0 when K = 0) */
    int keep_y, keep_g; /* y^{t-1} / grad f(y^{t-1}) of kept steps stored */
} ugd;

/* Workspace: pointers into the caller's block for a batch of n. */
typedef struct ugd_ws {
    void *mlp;   /* am_mlp workspace (init = mlp) */
    double *Y;   /* (nkeep, n, ny) y^{t-1} of steps first .. K, or NULL */
    double *G;   /* (nkeep, n, ny) grad f(y^{t-1}), or NULL */
    double *adj; /* (n, ny) dL/dy^t; forward: gradients of unkept steps */
    double *u;   /* (n, ny) J_P^T adj (projection), or NULL */
    double *z;   /* (n, ny) unprojected point (projection), or NULL */
    double *hv;  /* (n, ny) Hessian products (not first_order), or NULL */
    double *f;   /* (n) values from value_grad */
} ugd_ws;

/* Doubles per context after the MLP's part (see the header comment). */
static size_t ugd_row(const ugd *m)
{
    size_t per_step = (size_t)m->keep_y + (size_t)m->keep_g;
    size_t scratch = 1 + (m->project ? 2 : 0) + (m->mode != GRAD_FIRST_ORDER);
    return (m->nkeep * per_step + scratch) * m->ny + 1;
}

static size_t ugd_mlp_bytes(const ugd *m, size_t n)
{
    return m->use_mlp ? am_mlp_workspace_size(&m->net, n) : 0;
}

static ugd_ws ugd_carve(const ugd *m, size_t n, void *ws)
{
    ugd_ws w;
    size_t b = n * m->nkeep * m->ny, a = n * m->ny;
    double *p = (double *)((char *)ws + ugd_mlp_bytes(m, n));
    w.mlp = ws;
    w.Y = m->keep_y ? p : NULL;
    p += m->keep_y ? b : 0;
    w.G = m->keep_g ? p : NULL;
    p += m->keep_g ? b : 0;
    w.adj = p;
    p += a;
    w.u = m->project ? p : NULL;
    p += m->project ? a : 0;
    w.z = m->project ? p : NULL;
    p += m->project ? a : 0;
    w.hv = m->mode != GRAD_FIRST_ORDER ? p : NULL;
    p += m->mode != GRAD_FIRST_ORDER ? a : 0;
    w.f = p;
    return w;
}

static void ugd_destroy(void *inst)
{
    ugd *m = inst;
    if (!m) return;
    if (m->use_mlp) am_mlp_free(&m->net);
    free(m);
}

static int ugd_create(const amor_value *params, const amor_env *env,
                      void **inst, char *err, size_t errlen)
{
    const amor_oracle *o = env->oracle;
    const char *g = params[P_GRAD].s, *init = params[P_INIT].s;
    size_t K = (size_t)params[P_STEPS].i, W = (size_t)params[P_WINDOW].i;
    grad_mode mode;
    int use_mlp, project, rc;
    ugd *m;

    if (!o || !o->value_grad)
        return amor_errorf(err, errlen, AMOR_ENOTSUP,
                           "unroll_gd: the problem provides no gradients "
                           "(value_grad), which the steps need");
    if (!strcmp(init, "constant")) use_mlp = 0;
    else if (!strcmp(init, "mlp")) use_mlp = 1;
    else
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "unroll_gd: parameter 'init' must be one of "
                           "constant|mlp, got '%s'", init);
    if (!strcmp(g, "exact")) mode = GRAD_EXACT;
    else if (!strcmp(g, "first_order")) mode = GRAD_FIRST_ORDER;
    else if (!strcmp(g, "truncated")) mode = GRAD_TRUNCATED;
    else
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "unroll_gd: parameter 'grad' must be one of %s, got '%s'",
                           GRAD_CHOICES, g);
    if (params[P_STEPS].i < 0 || params[P_STEPS].i > 1000)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "unroll_gd: parameter 'steps' must be in [0, 1000]");
    if (!(params[P_STEP0].r > 0 && params[P_STEP0].r <= 1e3))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "unroll_gd: parameter 'step0' must be in (0, 1000], "
                           "got %.17g", params[P_STEP0].r);
    if (mode == GRAD_TRUNCATED && (params[P_WINDOW].i < 1 || W > K))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "unroll_gd: parameter 'window' (%lld) must be in "
                           "[1, steps] with grad = truncated, but 'steps' is %zu",
                           (long long)params[P_WINDOW].i, K);
    if (mode != GRAD_FIRST_ORDER && !o->hvp)
        return amor_errorf(err, errlen, AMOR_ENOTSUP,
                           "unroll_gd: grad = %s needs Hessian-vector products, "
                           "which the oracle lacks; use grad = first_order", g);
    project = params[P_PROJECT].i && o->project;
    if (project && !o->project_vjp)
        return amor_errorf(err, errlen, AMOR_ENOTSUP,
                           "unroll_gd: the problem projects but has no "
                           "project_vjp, which backpropagation through the "
                           "steps needs; set project = false");

    m = calloc(1, sizeof *m);
    if (!m) return amor_errorf(err, errlen, AMOR_ENOMEM, "unroll_gd: out of memory");
    if (use_mlp &&
        (rc = unroll_mlp_create(&m->net, &params[P_HIDDEN], params[P_ACTIVATION].s,
                                env->nx, env->ny, "unroll_gd", err, errlen))) {
        free(m);
        return rc;
    }
    m->o = o;
    m->nx = env->nx;
    m->ny = env->ny;
    m->K = K;
    m->use_mlp = use_mlp;
    m->ninit = use_mlp ? m->net.num_params : env->ny;
    m->learn = params[P_LEARN_STEPS].i != 0;
    m->step0 = params[P_STEP0].r;
    m->init_std = params[P_INIT_STD].r;
    m->project = project;
    m->mode = mode;
    m->cut = mode == GRAD_TRUNCATED && W < K ? K - W : 0;
    m->first = m->cut ? m->cut : 1;
    m->nkeep = K >= m->first ? K - m->first + 1 : 0;
    m->keep_y = mode != GRAD_FIRST_ORDER || project;
    m->keep_g = m->learn || project;
    *inst = m;
    return AMOR_OK;
}

static size_t ugd_num_params(const void *inst)
{
    const ugd *m = inst;
    return m->ninit + (m->learn ? m->K : 0);
}

static size_t ugd_num_iterates(const void *inst)
{
    return ((const ugd *)inst)->K + 1;
}

static size_t ugd_workspace_size(const void *inst, size_t n)
{
    const ugd *m = inst;
    size_t bytes;
    if (am_mul_size(n, ugd_row(m), &bytes) ||
        am_mul_size(bytes, sizeof(double), &bytes) ||
        am_add_size(bytes, ugd_mlp_bytes(m, n), &bytes))
        return SIZE_MAX;
    return bytes;
}

static int ugd_init(void *inst, amor_rng *rng, double *theta, char *err,
                    size_t errlen)
{
    const ugd *m = inst;
    size_t t;
    (void)err;
    (void)errlen;
    if (m->use_mlp)
        am_mlp_init_torch(&m->net, theta, rng);
    else if (m->init_std > 0)
        for (t = 0; t < m->ny; t++) theta[t] = am_truncnormal(rng, m->init_std);
    else
        memset(theta, 0, m->ny * sizeof *theta); /* y0 = 0, as from-scratch solvers */
    if (m->learn)
        for (t = 0; t < m->K; t++) theta[m->ninit + t] = log(m->step0);
    return AMOR_OK;
}

/* alpha_t, t = 1 .. K */
static double ugd_alpha(const ugd *m, const double *theta, size_t t)
{
    return m->learn ? exp(theta[m->ninit + t - 1]) : m->step0;
}

static int ugd_forward(void *inst, const double *theta, size_t n,
                       const double *x, double *iterates, void *ws,
                       unsigned flags, char *err, size_t errlen)
{
    const ugd *m = inst;
    size_t len = n * m->ny, t;
    int train = (flags & AMOR_FORWARD_TRAIN) != 0, rc;
    ugd_ws w;
    (void)err;
    (void)errlen;
    if (n == 0) return AMOR_OK;
    w = ugd_carve(m, n, ws);
    if (m->use_mlp)
        am_mlp_forward(&m->net, iterates, theta, x, n, w.mlp);
    else
        am_rows_fill(iterates, theta, n, m->ny);
    for (t = 1; t <= m->K; t++) {
        const double *y = iterates + (t - 1) * len; /* (n, ny) */
        int keep = train && t >= m->first;
        size_t slot = (t - m->first) * len;
        double *g = keep && w.G ? w.G + slot : w.adj; /* (n, ny) */
        rc = unroll_step(iterates + t * len, g, w.f, m->o, m->project,
                         ugd_alpha(m, theta, t), n, x, y);
        if (rc) return rc;
        if (keep && w.Y) memcpy(w.Y + slot, y, len * sizeof *y);
    }
    return AMOR_OK;
}

static int ugd_backward(void *inst, const double *theta, size_t n,
                        const double *x, const double *d_iterates,
                        double *dtheta, void *ws, char *err, size_t errlen)
{
    const ugd *m = inst;
    size_t len = n * m->ny, t, k;
    unroll_jac jac_all = m->mode == GRAD_FIRST_ORDER ? UNROLL_JAC_IDENTITY
                                                     : UNROLL_JAC_EXACT;
    ugd_ws w;
    int rc;
    (void)err;
    (void)errlen;
    if (n == 0) return AMOR_OK;
    w = ugd_carve(m, n, ws);
    memset(w.adj, 0, len * sizeof *w.adj);
    for (t = m->K; t >= 1; t--) {
        const double *dy = d_iterates + t * len; /* (n, ny) dL/dy^t direct */
        size_t slot = (t - m->first) * len;
        unroll_jac jac = t == m->cut ? UNROLL_JAC_NONE : jac_all;
        double alpha = ugd_alpha(m, theta, t), da = 0;
        for (k = 0; k < len; k++) w.adj[k] += dy[k];
        if (jac != UNROLL_JAC_NONE || m->learn) {
            rc = unroll_step_backward(w.adj, m->learn ? &da : NULL, m->o,
                                      m->project, jac, alpha, n, x,
                                      w.Y ? w.Y + slot : NULL,
                                      w.G ? w.G + slot : NULL, w.z, w.u, w.hv);
            if (rc) return rc;
            if (m->learn) dtheta[m->ninit + t - 1] += alpha * da;
        }
        if (t == m->cut) return AMOR_OK; /* detached: no gradient further back */
    }
    for (k = 0; k < len; k++) w.adj[k] += d_iterates[k];
    if (m->use_mlp)
        am_mlp_backward(&m->net, NULL, dtheta, w.adj, theta, x, n, w.mlp);
    else
        am_colsum_acc(dtheta, w.adj, n, m->ny);
    return AMOR_OK;
}

static const amor_model_desc ugd_desc = {
    .head = AMOR_HEAD(amor_model_desc, AMOR_KIND_MODEL, "unroll_gd", "1.0",
              "semi-amortized: learned init (constant or MLP) + K unrolled "
              "gradient steps with learned step sizes",
              ugd_params, NUM_P),
    .create = ugd_create,
    .destroy = ugd_destroy,
    .num_params = ugd_num_params,
    .num_iterates = ugd_num_iterates,
    .workspace_size = ugd_workspace_size,
    .init = ugd_init,
    .forward = ugd_forward,
    .backward = ugd_backward,
    .needs = AMOR_NEEDS_GRAD,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &ugd_desc.head : NULL;
}
