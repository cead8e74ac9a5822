/*
 * unroll_gd.c -- the `unroll_gd` model: semi-amortized over the domain (MAML,
 * Meta-SGD, iMAML, SAVAE).  y^0 is a learned constant (init = constant) or
 * an inner MLP of x (init = mlp); then K = `steps` steps
 *   y^t = P(y^{t-1} - a_t o (grad f(y^{t-1}; x) + lambda (y^{t-1} - y^0)))
 * on the inner objective f + lambda/2 |y - y^0|^2 (lambda = `lambda`, 0 by
 * default: plain f), with P the problem's projection (if any, and
 * `project`).  Reports T = K + 1 iterates y^0 .. y^K (grad = implicit: T = 2,
 * y^0 and y^K); the last is the prediction.
 *
 * Step sizes a_t (`step_shape`, with learn_steps; without it every step is
 * the constant `step0` and theta holds none):
 *   step        a_t = exp(theta_a[t-1]), K numbers, initialised at log step0
 *   shared      a_t = exp(theta_a[0]) for every t, 1 number
 *   coordinate  a_t = theta_a (ny numbers, one per coordinate, every step):
 *               Meta-SGD's (Li et al. 2017) parameterisation, signed and
 *               learned as they are (not in log), initialised uniformly on
 *               [step0_low, step0] from init's rng (step0_low = 0: all step0)
 * With shared, coordinate or no learn_steps, num_params does not depend on K,
 * so a model rebuilt with more steps (an evaluation with 10 steps of a model
 * trained with 1, as MAML's paper reports) takes the same theta.
 *
 * theta: [init: constant y0 (ny) | the am_mlp layout of nx -> hidden -> ny]
 *        [step sizes theta_a: K, 1 or ny numbers (above), only when learn_steps]
 *
 * Backpropagation (`grad`), with adj = dL/dy^t accumulated from the loss's
 * d_iterates[t] of every iterate and from the step after it, u = J_P^T adj
 * and w = a_t o u:
 *   exact        adj_{t-1} = d_iterates[t-1] + u - H(y^{t-1}) w - lambda w
 *                (H by the oracle's hvp: exact, or finite differences), and
 *                lambda w flows straight to the centre y^0;
 *                dL/da_t = -u o g~ per coordinate, g~ = grad f + lambda (y - y^0)
 *                (summed over coordinates for a scalar a_t; times a_t for a
 *                log parameter; summed over steps for shared and coordinate).
 *   first_order  the same with H replaced by 0 (FOMAML; with lambda the
 *                proximal term's part stays, so dy^K/dy^0 is still I); the
 *                projection's Jacobian J_P is kept, the step-size gradients too.
 *   truncated    window W <= K.  With c = K - W >= 1 this is the gradient
 *                of the model whose step c takes a detached input, i.e.
 *                `y = y.detach()` just before step c: steps c+1 .. K are
 *                backpropagated exactly (W Hessian products), y^c still
 *                receives its gradient and a_c its step-size gradient,
 *                but nothing flows into y^{c-1}: d_iterates[t] for t < c are
 *                ignored, a_1 .. a_{c-1} and the init get no gradient (the
 *                centre y^0 of the proximal term is detached too).  W = K
 *                (c = 0) is exact.
 *   implicit     iMAML (Rajeswaran et al. 2019).  The K steps (constant
 *                step0, no projection, lambda > 0) approximate y* = argmin
 *                f(y) + lambda/2 |y - y^0|^2; a context stops early once
 *                |grad f + lambda (y - y^0)| <= inner_tol (0: never); with
 *                inner_safeguard a step that does not lower F = f + lambda/2
 *                |y - y^0|^2 is undone and that context's step halved (the
 *                last step is checked by one value call).  The
 *                gradient treats y^K as y*: by the implicit function theorem
 *                d y* / d y^0 = lambda (H(y*) + lambda I)^-1, so with
 *                b = d_iterates[1], dL/dy^0 = d_iterates[0] + lambda v for
 *                (H + lambda I) v = b, solved by batched conjugate gradient
 *                (unroll_cg: cg_steps iterations, one hvp call each, relative
 *                residual cg_tol; where H + lambda I is not positive
 *                definite along CG's direction, v = b / lambda or CG's last
 *                iterate, see unroll.h).  It does not depend on the path of
 *                the steps, hence no learned step sizes and no per-step
 *                state.
 *
 * Memory (workspace) per context, in doubles, S = number of steps whose
 * state is kept = K (exact, first_order) or min(W + 1, K) (truncated):
 *   S ny  iterates y^{t-1}  (unless first_order without projection)
 *   S ny  gradients g~(y^{t-1})  (with learn_steps or projection)
 *   ny adjoint + ny HVP output (not first_order) + 2 ny (projection: z and
 *   J_P^T adj; coordinate steps need z too) + ny (lambda > 0: dL/dy^0 through
 *   the centre) + 1 (values f), plus the MLP's activations (init = mlp).
 * The final iterate y^K is never needed by backward and is not kept.
 * implicit: 5 ny + 2, whatever K: y^K, v, and CG's r, p, Hp and two scalars
 * per context (the forward's gradient, values and early-stop flags reuse
 * them); the iterates the host holds are 2 ny.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "amath.h"
#include "amor.h"
#include "unroll.h"

enum {
    P_INIT, P_HIDDEN, P_ACTIVATION, P_STEPS, P_STEP0, P_LEARN_STEPS,
    P_PROJECT, P_GRAD, P_WINDOW, P_INIT_STD, P_STEP_SHAPE, P_STEP0_LOW,
    P_LAMBDA, P_INNER_TOL, P_CG_STEPS, P_CG_TOL, P_INNER_SAFEGUARD, NUM_P
};

typedef enum grad_mode { GRAD_EXACT, GRAD_FIRST_ORDER, GRAD_TRUNCATED, GRAD_IMPLICIT } grad_mode;
typedef enum step_shape { SHAPE_STEP, SHAPE_SHARED, SHAPE_COORDINATE } step_shape;

/* in enum order; the choices of the declarations below */
static const char *const grad_names[] = {"exact", "first_order", "truncated", "implicit"};
static const char *const shape_names[] = {"step", "shared", "coordinate"};
#define GRAD_CHOICES "exact|first_order|truncated|implicit"
#define SHAPE_CHOICES "step|shared|coordinate"

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
    {"learn_steps", AMOR_PARAM_BOOL, "learn the step sizes (step_shape; else fixed step0)",
     1, NULL, NULL, 0, 0, 1, NULL},
    {"project", AMOR_PARAM_BOOL, "project each step if the problem can", 1,
     NULL, NULL, 0, 0, 1, NULL},
    {"grad", AMOR_PARAM_STRING, "differentiation through the steps (implicit: iMAML)", 0,
     "exact", NULL, 0, 0, 0, GRAD_CHOICES},
    {"window", AMOR_PARAM_INT, "grad = truncated: steps backpropagated (<= steps)",
     1, NULL, NULL, 0, 1, 1000, NULL},
    {"init_std", AMOR_PARAM_REAL,
     "init = constant: y0 starts at std times a normal truncated at 2 std (MAML's "
     "tf.truncated_normal; a network's weights must not all start at 0, a stationary "
     "point of a ReLU MLP); 0: y0 = 0", 0, NULL, NULL, 0, 0, 1e6, NULL},
    {"step_shape", AMOR_PARAM_STRING,
     "learn_steps: a log step size per step, one shared by all steps, or a step size "
     "per coordinate shared by all steps, learned as is (Meta-SGD)", 0, "step", NULL, 0,
     0, 0, SHAPE_CHOICES},
    {"step0_low", AMOR_PARAM_REAL,
     "step_shape = coordinate: step sizes start uniform on [step0_low, step0] (Meta-SGD: "
     "[0.005, 0.1]); 0: all at step0", 0, NULL, NULL, 0, 0, 1e3, NULL},
    {"lambda", AMOR_PARAM_REAL,
     "proximal weight: the steps descend f + lambda/2 |y - y0|^2, y0 the init's output "
     "(> 0 with grad = implicit)", 0, NULL, NULL, 0, 0, 1e6, NULL},
    {"inner_tol", AMOR_PARAM_REAL,
     "grad = implicit: a context stops stepping once |grad f + lambda (y - y0)| <= "
     "inner_tol; 0: all steps", 0, NULL, NULL, 0, 0, 1e6, NULL},
    {"cg_steps", AMOR_PARAM_INT,
     "grad = implicit: conjugate-gradient iterations (one Hessian-vector product each)",
     5, NULL, NULL, 0, 1, 100000, NULL},
    {"cg_tol", AMOR_PARAM_REAL,
     "grad = implicit: CG stops for a context at relative residual |r| / |dL/dy^K| <= "
     "cg_tol", 1e-10, NULL, NULL, 0, 0, 1, NULL},
    {"inner_safeguard", AMOR_PARAM_BOOL,
     "grad = implicit: a step that does not lower f + lambda/2 |y - y0|^2 (or leaves the "
     "finite range) is undone and that context's step size halved, so the inner descent "
     "is monotone (the implicit gradient does not depend on the path)", 0, NULL, NULL, 0,
     0, 1, NULL},
};

typedef struct ugd {
    const amor_oracle *o;
    size_t nx, ny, K;
    int use_mlp;    /* init = mlp */
    am_mlp net;     /* init = mlp: nx -> hidden -> ny */
    size_t ninit;   /* theta entries of the init: ny or net.num_params */
    int learn;      /* step sizes at theta[ninit .. ninit + nalpha) */
    step_shape shape;
    size_t nalpha;  /* K, 1 or ny (step_shape) with learn_steps; else 0 */
    double step0, step0_low;
    double init_std; /* init = constant: std of y0 (0: y0 = 0) */
    double lambda;  /* proximal weight (0: none) */
    int project;    /* the oracle's projection is applied */
    grad_mode mode;
    size_t cut;     /* truncated with W < K: K - W (input of step cut
                       detached); else 0 */
    size_t first;   /* first step whose state is kept: max(cut, 1) */
    size_t nkeep;   /* steps kept: first .. K (0 when K = 0, and implicit) */
    int keep_y, keep_g; /* y^{t-1} / g~(y^{t-1}) of kept steps stored */
    int need_z;     /* z scratch: projection or coordinate step sizes */
    double inner_tol, cg_tol; /* implicit */
    int safeguard;            /* implicit: monotone inner descent */
    size_t cg_steps;
} ugd;

/* Workspace: pointers into the caller's block for a batch of n. */
typedef struct ugd_ws {
    void *mlp;   /* am_mlp workspace (init = mlp) */
    double *Y;   /* (nkeep, n, ny) y^{t-1} of steps first .. K, or NULL */
    double *G;   /* (nkeep, n, ny) g~(y^{t-1}), or NULL */
    double *adj; /* (n, ny) dL/dy^t; forward: gradients of unkept steps */
    double *u;   /* (n, ny) J_P^T adj (projection), or NULL */
    double *z;   /* (n, ny) unprojected point, a o u (need_z), or NULL */
    double *hv;  /* (n, ny) Hessian products (not first_order), or NULL */
    double *dc;  /* (n, ny) dL/dy^0 through the proximal centre (lambda > 0), or NULL */
    double *f;   /* (n) values from value_grad */
    /* implicit only (the rest NULL but mlp): */
    double *ys;  /* (n, ny) y^K of the training forward */
    double *v;   /* (n, ny) CG's solution */
    double *cg;  /* (3 n ny + 2 n) unroll_cg's scratch; the forward's
                    gradients (n, ny) at its start, values (n) and
                    still-stepping flags (n) at its end */
} ugd_ws;

/* Doubles per context after the MLP's part (see the header comment). */
static size_t ugd_row(const ugd *m)
{
    size_t per_step = (size_t)m->keep_y + (size_t)m->keep_g;
    size_t scratch = 1 + (m->project ? 1 : 0) + (size_t)m->need_z +
                     (m->mode != GRAD_FIRST_ORDER) + (m->lambda > 0);
    if (m->mode == GRAD_IMPLICIT) return 5 * m->ny + 2 + (m->safeguard ? 2 * m->ny + 2 : 0);
    return (m->nkeep * per_step + scratch) * m->ny + 1;
}

static size_t ugd_mlp_bytes(const ugd *m, size_t n)
{
    return m->use_mlp ? am_mlp_workspace_size(&m->net, n) : 0;
}

/* The next a entries of the block at *p, or NULL when !want. */
static double *ws_take(double **p, int want, size_t a)
{
    double *q = want ? *p : NULL;
    *p += want ? a : 0;
    return q;
}

static ugd_ws ugd_carve(const ugd *m, size_t n, void *ws)
{
    ugd_ws w;
    size_t b = n * m->nkeep * m->ny, a = n * m->ny;
    int imp = m->mode == GRAD_IMPLICIT;
    double *p = (double *)((char *)ws + ugd_mlp_bytes(m, n));
    memset(&w, 0, sizeof w);
    w.mlp = ws;
    if (imp) {
        w.ys = ws_take(&p, 1, a);
        w.v = ws_take(&p, 1, a);
        w.cg = p; /* 3 a + 2 n, then with the safeguard the previous point, its
                     gradient and inner objective, and the step sizes: 2 a + 2 n */
        return w;
    }
    w.Y = ws_take(&p, m->keep_y, b);
    w.G = ws_take(&p, m->keep_g, b);
    w.adj = ws_take(&p, 1, a);
    w.u = ws_take(&p, m->project, a);
    w.z = ws_take(&p, m->need_z, a);
    w.hv = ws_take(&p, m->mode != GRAD_FIRST_ORDER, a);
    w.dc = ws_take(&p, m->lambda > 0, a);
    w.f = p;
    return w;
}

#define NAMES_LEN(a) (sizeof(a) / sizeof *(a))

/* Index of v in names[0 .. count), or -1. */
static int ugd_lookup(const char *const *names, size_t count, const char *v)
{
    size_t k;
    for (k = 0; k < count; k++)
        if (!strcmp(names[k], v)) return (int)k;
    return -1;
}

static void ugd_destroy(void *inst)
{
    ugd *m = inst;
    if (!m) return;
    if (m->use_mlp) am_mlp_free(&m->net);
    free(m);
}

/* What grad = implicit refuses; AMOR_OK when the rest fits it. */
static int ugd_check_implicit(const amor_value *params, int project, char *err,
                              size_t errlen)
{
    if (params[P_LEARN_STEPS].i)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "unroll_gd: grad = implicit needs learn_steps = false (the "
                           "implicit meta-gradient does not depend on the path of the "
                           "inner steps, so their step sizes get no gradient)");
    if (!(params[P_LAMBDA].r > 0))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "unroll_gd: grad = implicit needs parameter 'lambda' > 0 (the "
                           "inner problem is f + lambda/2 |y - y0|^2; with lambda = 0 its "
                           "solution does not depend on y0), got %.17g",
                           params[P_LAMBDA].r);
    if (params[P_STEPS].i < 1)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "unroll_gd: grad = implicit needs 'steps' >= 1 (the inner "
                           "problem is solved by them)");
    if (project)
        return amor_errorf(err, errlen, AMOR_ENOTSUP,
                           "unroll_gd: grad = implicit does not support projected steps "
                           "(the implicit gradient is that of an unconstrained "
                           "minimizer); set project = false");
    return AMOR_OK;
}

static int ugd_create(const amor_value *params, const amor_env *env,
                      void **inst, char *err, size_t errlen)
{
    const amor_oracle *o = env->oracle;
    const char *g = params[P_GRAD].s, *init = params[P_INIT].s;
    size_t K = (size_t)params[P_STEPS].i, W = (size_t)params[P_WINDOW].i;
    int mode, shape, use_mlp, project, learn, rc;
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
    if ((mode = ugd_lookup(grad_names, NAMES_LEN(grad_names), g)) < 0)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "unroll_gd: parameter 'grad' must be one of %s, got '%s'",
                           GRAD_CHOICES, g);
    if ((shape = ugd_lookup(shape_names, NAMES_LEN(shape_names), params[P_STEP_SHAPE].s)) < 0)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "unroll_gd: parameter 'step_shape' must be one of %s, got '%s'",
                           SHAPE_CHOICES, params[P_STEP_SHAPE].s);
    if (params[P_STEPS].i < 0 || params[P_STEPS].i > 1000)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "unroll_gd: parameter 'steps' must be in [0, 1000]");
    if (!(params[P_STEP0].r > 0 && params[P_STEP0].r <= 1e3))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "unroll_gd: parameter 'step0' must be in (0, 1000], "
                           "got %.17g", params[P_STEP0].r);
    if (!(params[P_STEP0_LOW].r >= 0 && params[P_STEP0_LOW].r <= params[P_STEP0].r))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "unroll_gd: parameter 'step0_low' (%.17g) must be in [0, "
                           "step0 = %.17g] (the step sizes start uniform on "
                           "[step0_low, step0]; 0: all at step0)",
                           params[P_STEP0_LOW].r, params[P_STEP0].r);
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
    if (mode == GRAD_IMPLICIT && (rc = ugd_check_implicit(params, project, err, errlen)))
        return rc;
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
    learn = params[P_LEARN_STEPS].i != 0;
    m->o = o;
    m->nx = env->nx;
    m->ny = env->ny;
    m->K = K;
    m->use_mlp = use_mlp;
    m->ninit = use_mlp ? m->net.num_params : env->ny;
    m->learn = learn;
    m->shape = (step_shape)shape;
    m->nalpha = !learn ? 0 : shape == SHAPE_STEP ? K : shape == SHAPE_SHARED ? 1 : env->ny;
    m->step0 = params[P_STEP0].r;
    m->step0_low = params[P_STEP0_LOW].r;
    m->init_std = params[P_INIT_STD].r;
    m->lambda = params[P_LAMBDA].r;
    m->project = project;
    m->mode = (grad_mode)mode;
    if (mode != GRAD_IMPLICIT) {
        m->cut = mode == GRAD_TRUNCATED && W < K ? K - W : 0;
        m->first = m->cut ? m->cut : 1;
        m->nkeep = K >= m->first ? K - m->first + 1 : 0;
        m->keep_y = mode != GRAD_FIRST_ORDER || project;
        m->keep_g = learn || project;
        m->need_z = project || (learn && shape == SHAPE_COORDINATE);
    }
    m->inner_tol = params[P_INNER_TOL].r;
    m->cg_steps = (size_t)params[P_CG_STEPS].i;
    m->cg_tol = params[P_CG_TOL].r;
    m->safeguard = params[P_INNER_SAFEGUARD].i != 0;
    *inst = m;
    return AMOR_OK;
}

static size_t ugd_num_params(const void *inst)
{
    const ugd *m = inst;
    return m->ninit + m->nalpha;
}

static size_t ugd_num_iterates(const void *inst)
{
    const ugd *m = inst;
    return m->mode == GRAD_IMPLICIT ? 2 : m->K + 1;
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
    double *a = theta + m->ninit; /* (nalpha) */
    size_t t;
    (void)err;
    (void)errlen;
    if (m->use_mlp)
        am_mlp_init_torch(&m->net, theta, rng);
    else if (m->init_std > 0)
        for (t = 0; t < m->ny; t++) theta[t] = am_truncnormal(rng, m->init_std);
    else
        memset(theta, 0, m->ny * sizeof *theta); /* y0 = 0, as from-scratch solvers */
    if (m->shape == SHAPE_COORDINATE && m->step0_low > 0) /* after the init's draws */
        am_fill_uniform(a, m->nalpha, m->step0_low, m->step0, rng);
    else
        for (t = 0; t < m->nalpha; t++)
            a[t] = m->shape == SHAPE_COORDINATE ? m->step0 : log(m->step0);
    return AMOR_OK;
}

/* The rule of step t = 1 .. K: its step sizes from theta, the proximal term
 * centred at y0 (n, ny). */
static unroll_rule ugd_rule(const ugd *m, const double *theta, size_t t, const double *y0)
{
    unroll_rule r = {m->step0, NULL, m->lambda, y0};
    const double *a = theta + m->ninit;
    if (!m->learn) return r;
    switch (m->shape) {
    case SHAPE_STEP: r.alpha = exp(a[t - 1]); break;
    case SHAPE_SHARED: r.alpha = exp(a[0]); break;
    case SHAPE_COORDINATE: r.avec = a; break;
    }
    return r;
}

/* The forward of grad = implicit after y^0 = iterates (n, ny): K steps of
 * step0 on the regularized objective in place in y^K = iterates + n ny, each
 * context until its gradient norm is <= inner_tol; kept for backward in w.ys
 * when train.  The steps' formulas are unroll_step_rule's, so with
 * inner_tol = 0 y^K equals grad = exact's bit for bit. */
static int ugd_forward_implicit(const ugd *m, size_t n, const double *x, double *iterates,
                                const ugd_ws *w, int train)
{
    size_t ny = m->ny, len = n * ny, t, i, j, k, live;
    const double *y0 = iterates;
    double *y = iterates + len, *g = w->cg, *f = g + 3 * len, *on = f + n;
    /* safeguard: previous point, its gradient and F = f + lambda/2 |y - y0|^2,
     * and each context's step size */
    double *yp = on + n, *gp = yp + len, *Fp = gp + len, *al = Fp + n;
    int rc;
    memcpy(y, y0, len * sizeof *y);
    for (i = 0; i < n; i++) on[i] = 1;
    if (m->safeguard)
        for (i = 0; i < n; i++) al[i] = m->step0;
    for (t = 1; t <= m->K; t++) {
        /* one oracle call per run of consecutive contexts still stepping
         * (the oracle takes rows of x, not a gathered copy) */
        for (i = 0; i < n; i = j) {
            for (; i < n && !on[i]; i++) {}
            for (j = i; j < n && on[j]; j++) {}
            if (j > i && (rc = m->o->value_grad(m->o->ctx, j - i, x + i * m->nx, y + i * ny,
                                                 f + i, g + i * ny)))
                return rc;
        }
        for (live = 0, i = 0; i < n; i++) {
            double *yi = y + i * ny, *gi = g + i * ny;
            const double *ci = y0 + i * ny;
            double a = m->step0;
            if (!on[i]) continue;
            for (k = 0; k < ny; k++) gi[k] += m->lambda * (yi[k] - ci[k]);
            if (m->safeguard) {
                double Fi = f[i], d2 = 0;
                for (k = 0; k < ny; k++) d2 += (yi[k] - ci[k]) * (yi[k] - ci[k]);
                Fi += 0.5 * m->lambda * d2;
                if (t > 1 && !(Fi <= Fp[i])) { /* worse, or not finite: undo, halve */
                    memcpy(yi, yp + i * ny, ny * sizeof *yi);
                    memcpy(gi, gp + i * ny, ny * sizeof *gi);
                    al[i] *= 0.5;
                } else {
                    memcpy(yp + i * ny, yi, ny * sizeof *yi);
                    memcpy(gp + i * ny, gi, ny * sizeof *gi);
                    Fp[i] = Fi;
                }
                a = al[i];
            }
            if (m->inner_tol > 0 && sqrt(am_ddot(ny, gi, gi)) <= m->inner_tol) {
                on[i] = 0;
                continue;
            }
            for (k = 0; k < ny; k++) yi[k] = yi[k] - a * gi[k];
            live++;
        }
        if (!live) break;
    }
    if (m->safeguard) { /* the last step is checked too: y^K is never worse */
        for (i = 0; i < n; i = j) {
            for (; i < n && !on[i]; i++) {}
            for (j = i; j < n && on[j]; j++) {}
            if (j > i && (rc = m->o->value(m->o->ctx, j - i, x + i * m->nx, y + i * ny, f + i)))
                return rc;
        }
        for (i = 0; i < n; i++) {
            double Fi = f[i], d2 = 0;
            const double *yi = y + i * ny, *ci = y0 + i * ny;
            if (!on[i]) continue;
            for (k = 0; k < ny; k++) d2 += (yi[k] - ci[k]) * (yi[k] - ci[k]);
            Fi += 0.5 * m->lambda * d2;
            if (!(Fi <= Fp[i])) memcpy(y + i * ny, yp + i * ny, ny * sizeof *y);
        }
    }
    if (train) memcpy(w->ys, y, len * sizeof *y);
    return AMOR_OK;
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
    if (m->mode == GRAD_IMPLICIT) return ugd_forward_implicit(m, n, x, iterates, &w, train);
    for (t = 1; t <= m->K; t++) {
        const double *y = iterates + (t - 1) * len; /* (n, ny) */
        int keep = train && t >= m->first;
        size_t slot = (t - m->first) * len;
        double *g = keep && w.G ? w.G + slot : w.adj; /* (n, ny) */
        unroll_rule r = ugd_rule(m, theta, t, iterates);
        rc = unroll_step_rule(iterates + t * len, g, w.f, m->o, m->project, &r, n, x, y);
        if (rc) return rc;
        if (keep && w.Y) memcpy(w.Y + slot, y, len * sizeof *y);
    }
    return AMOR_OK;
}

/* dL/dy^0 (n, ny) into the init's parameters. */
static void ugd_init_backward(const ugd *m, const double *theta, size_t n, const double *x,
                              const double *dy0, double *dtheta, const ugd_ws *w)
{
    if (m->use_mlp)
        am_mlp_backward(&m->net, NULL, dtheta, dy0, theta, x, n, w->mlp);
    else
        am_colsum_acc(dtheta, dy0, n, m->ny);
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
    if (m->mode == GRAD_IMPLICIT) {
        /* dL/dy^0 = d_iterates[0] + lambda v, (H(y^K) + lambda I) v = d_iterates[1] */
        rc = unroll_cg(w.v, w.cg, m->o, m->lambda, m->cg_steps, m->cg_tol, n, x, w.ys,
                       d_iterates + len);
        if (rc) return rc;
        for (k = 0; k < len; k++) w.v[k] = d_iterates[k] + m->lambda * w.v[k];
        ugd_init_backward(m, theta, n, x, w.v, dtheta, &w);
        return AMOR_OK;
    }
    memset(w.adj, 0, len * sizeof *w.adj);
    if (w.dc) memset(w.dc, 0, len * sizeof *w.dc);
    for (t = m->K; t >= 1; t--) {
        const double *dy = d_iterates + t * len; /* (n, ny) dL/dy^t direct */
        size_t slot = (t - m->first) * len;
        unroll_jac jac = t == m->cut ? UNROLL_JAC_NONE : jac_all;
        unroll_rule r = ugd_rule(m, theta, t, NULL); /* the centre is not read backward */
        double da = 0, *dalpha = NULL;
        for (k = 0; k < len; k++) w.adj[k] += dy[k];
        if (m->learn) /* coordinate: straight into theta, a linear parameter */
            dalpha = m->shape == SHAPE_COORDINATE ? dtheta + m->ninit : &da;
        if (jac != UNROLL_JAC_NONE || m->learn) {
            rc = unroll_step_rule_backward(w.adj, dalpha, w.dc, m->o, m->project, jac, &r,
                                           n, x, w.Y ? w.Y + slot : NULL,
                                           w.G ? w.G + slot : NULL, w.z, w.u, w.hv);
            if (rc) return rc;
            if (m->learn && m->shape != SHAPE_COORDINATE) /* d log a = a da */
                dtheta[m->ninit + (m->shape == SHAPE_STEP ? t - 1 : 0)] += r.alpha * da;
        }
        if (t == m->cut) return AMOR_OK; /* detached: no gradient further back */
    }
    for (k = 0; k < len; k++) w.adj[k] += d_iterates[k];
    if (w.dc)
        for (k = 0; k < len; k++) w.adj[k] += w.dc[k];
    ugd_init_backward(m, theta, n, x, w.adj, dtheta, &w);
    return AMOR_OK;
}

/* grad = implicit solves with the Hessian, which finite differences of the
 * gradient (what a host gives a problem without hvp) do not resolve to CG's
 * tolerance: it needs the problem's own. */
static uint32_t ugd_needs_for(const amor_value *params)
{
    return AMOR_NEEDS_GRAD | (!strcmp(params[P_GRAD].s, "implicit") ? AMOR_NEEDS_HVP : 0);
}

static const amor_model_desc ugd_desc = {
    .head = AMOR_HEAD(amor_model_desc, AMOR_KIND_MODEL, "unroll_gd", "1.1",
              "semi-amortized: learned init (constant or MLP) + K unrolled "
              "gradient steps with learned step sizes (MAML, Meta-SGD, iMAML)",
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
    .needs_for = ugd_needs_for,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &ugd_desc.head : NULL;
}
