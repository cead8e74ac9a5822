/*
 * sinusoid.c -- problem plugin `sinusoid`: few-shot sine regression (Finn et
 * al. 2017, MAML section 5.1; cbfinn/maml's data generator).  A task is
 * y = A sin(x - phi), A ~ U[amplitude_min, amplitude_max), phi ~ U[0,
 * phase_max), inputs x ~ U[-input_max, input_max); the solution is the flat
 * weight vector of a ReLU MLP learner 1 -> hidden -> 1 (1 -> 40 -> 40 -> 1:
 * 1,761 weights), carved as plugins/common's am_mlp does: per layer W_l
 * (out, in) row-major, then b_l.
 *
 * Context (K = shots, Q = queries), nx = 2 K + 2 Q:
 *   x = (sx_1 .. sx_K, sy_1 .. sy_K,  qx_1 .. qx_Q, qy_1 .. qy_Q)
 * the support inputs then their targets (visible: nx_model = 2 K), then the
 * query set in the same order (private task data).
 *
 * Objectives: value = the support MSE (1/K) sum_j (f_theta(sx_j) - sy_j)^2,
 * plain MSE without a 1/2, as MAML's; valid_value = the same over the query
 * set.  Gradients by backpropagation, Hessian-vector products exact by
 * Pearlmutter's R-operator (forward and backward passes in the direction v,
 * with every cross-layer term; ReLU's second derivative is 0 away from its
 * kink at 0, where the derivative is taken as 0, as in am_mlp).
 *
 * initial: the learner's fixed initialisation, the same for every context,
 * as cbfinn/maml's: weights from a normal of std init_std truncated at two
 * standard deviations (redrawn beyond, as tf.truncated_normal), biases 0,
 * drawn layer by layer (W row-major) from an rng seeded with `seed`.
 * No reference solver (no closed form).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "amath.h"
#include "amor.h"

#define SIN_PI 3.14159265358979323846

typedef struct sinusoid {
    size_t K, Q;          /* support and query points per task */
    size_t nx;            /* 2 K + 2 Q */
    double amin, amax;    /* A ~ U[amin, amax) */
    double phase_max;     /* phi ~ U[0, phase_max) */
    double input_max;     /* x ~ U[-input_max, input_max) */
    am_mlp net;           /* 1 -> hidden -> 1, ReLU */
    size_t mmax;          /* max(K, Q): rows of every scratch buffer */
    double *theta0;       /* (ny) the fixed initialisation */
    void *ws;             /* am_mlp workspace for mmax rows */
    double *out, *res;    /* (mmax) network outputs; dL/dout */
    double *rout, *rres;  /* (mmax) R(out); R(dL/dout) */
    double *ra;           /* (mmax, hsum) R(H_l) of every hidden layer */
    double *del, *rdel;   /* (mmax, hmax) dL/dZ_l and its R, current layer */
    double *dh, *rdh;     /* (mmax, hmax) dL/dH_{l-1} and its R */
} sinusoid;

enum { P_SHOTS, P_QUERIES, P_HIDDEN, P_SEED, P_INIT_STD, P_AMIN, P_AMAX, P_PHASE_MAX,
       P_INPUT_MAX, NUM_P };

static const int64_t sin_hidden_default[] = {40, 40};

static const amor_param_decl sin_params[NUM_P] = {
    {"shots", AMOR_PARAM_INT, "support points per task (visible to models)", 5, NULL, NULL, 0,
     1, 100000, NULL},
    {"queries", AMOR_PARAM_INT, "query points per task (private; the validation objective)",
     10, NULL, NULL, 0, 1, 100000, NULL},
    {"hidden", AMOR_PARAM_INT_LIST, "hidden layer widths of the ReLU learner (empty: affine)",
     0, NULL, sin_hidden_default, 2, 1, 4096, NULL},
    {"seed", AMOR_PARAM_INT, "seed of the learner's fixed initialisation (initial)", 0, NULL,
     NULL, 0, 0, 2147483647.0, NULL},
    {"init_std", AMOR_PARAM_REAL,
     "std of initial's weights (normal truncated at 2 std; biases 0)", 0.01, NULL, NULL, 0, 0,
     10, NULL},
    {"amplitude_min", AMOR_PARAM_REAL, "A ~ U[amplitude_min, amplitude_max)", 0.1, NULL, NULL,
     0, 0, 1e6, NULL},
    {"amplitude_max", AMOR_PARAM_REAL, "upper end of the amplitude range", 5, NULL, NULL, 0, 0,
     1e6, NULL},
    {"phase_max", AMOR_PARAM_REAL, "phi ~ U[0, phase_max)", SIN_PI, NULL, NULL, 0, 0,
     2 * SIN_PI, NULL},
    {"input_max", AMOR_PARAM_REAL, "inputs x ~ U[-input_max, input_max)", 5, NULL, NULL, 0,
     0, 1e6, NULL},
};

/* ------------------------------------------------------------------------ */
/* Raw math: one task's MSE, gradient and HVP over m points                 */

/* out (m) = net(px), res (m) = 2/m (out - py); returns the MSE.  Hidden
 * activations stay in p->ws for the backward passes. */
static double mse_forward(sinusoid *p, const double *th, const double *px,
                          const double *py, size_t m)
{
    double s = 0.0, c = 2.0 / (double)m;
    size_t j;
    am_mlp_forward(&p->net, p->out, th, px, m, p->ws);
    for (j = 0; j < m; j++) {
        double e = p->out[j] - py[j];
        s += e * e;
        p->res[j] = c * e;
    }
    return s / (double)m;
}

/* Z_l and H_l of hidden layer l (0-based) in the am_mlp workspace of m rows. */
static const double *ws_z(const sinusoid *p, size_t l, size_t m)
{
    return (const double *)p->ws + m * p->net.hoff[l];
}

static const double *ws_h(const sinusoid *p, size_t l, size_t m)
{
    return ws_z(p, l, m) + m * p->net.dims[l + 1];
}

/* hv (ny) = H v of the MSE at th over m points, after mse_forward(th).
 *
 * R-forward: R(Z_l) = R(H_{l-1}) W_l^T + H_{l-1} V_l^T + Vb_l with R(H_0) = 0,
 * R(H_l) = [Z_l > 0] R(Z_l) (stored in p->ra), R(out) = R(Z_L).
 * R-backward, with D_l = dL/dZ_l and D_L = res: R(D_L) = 2/m R(out);
 *   hvW_l = R(D_l)^T H_{l-1} + D_l^T R(H_{l-1}),  hvb_l = colsum R(D_l),
 *   R(dH_{l-1}) = R(D_l) W_l + D_l V_l,  R(D_{l-1}) = [Z > 0] R(dH_{l-1}),
 *   D_{l-1} = [Z > 0] D_l W_l. */
static void mse_hvp(sinusoid *p, const double *th, const double *v, const double *px,
                    size_t m, double *hv)
{
    const am_mlp *net = &p->net;
    size_t L = net->nlayers, l, k, hs = 0;
    double c = 2.0 / (double)m;
    memset(hv, 0, net->num_params * sizeof *hv);
    /* R-forward; R(H_l) of hidden layer l at p->ra + m * (sum of widths below) */
    for (l = 0; l < L; l++) {
        size_t nin = net->dims[l], nout = net->dims[l + 1];
        const double *in = l ? ws_h(p, l - 1, m) : px;              /* (m, nin) */
        const double *rin = l ? p->ra + m * (hs - nin) : NULL;       /* (m, nin) */
        double *rz = l + 1 < L ? p->ra + m * hs : p->rout;           /* (m, nout) */
        am_dense_forward(rz, in, v + net->woff[l], v + net->boff[l], m, nin, nout);
        if (rin) /* rz += R(H_{l-1}) W_l^T */
            am_dgemm(AM_NOTRANS, AM_TRANS, m, nout, nin, 1.0, rin, nin, th + net->woff[l], nin,
                     1.0, rz, nout);
        if (l + 1 < L) {
            const double *z = ws_z(p, l, m);
            for (k = 0; k < m * nout; k++)
                if (!(z[k] > 0.0)) rz[k] = 0.0;
            hs += nout;
        }
    }
    /* R-backward from the top; del / rdel hold D_l and R(D_l) */
    for (k = 0; k < m; k++) p->rres[k] = c * p->rout[k];
    memcpy(p->del, p->res, m * sizeof *p->del);
    memcpy(p->rdel, p->rres, m * sizeof *p->rdel);
    l = L;
    while (l-- > 0) {
        size_t nin = net->dims[l], nout = net->dims[l + 1];
        const double *in = l ? ws_h(p, l - 1, m) : px;
        const double *rin = l ? p->ra + m * (hs - nin) : NULL;
        const double *w = th + net->woff[l], *vw = v + net->woff[l];
        am_dense_backward(NULL, hv + net->woff[l], hv + net->boff[l], p->rdel, in, w, m, nin,
                          nout);
        if (!l) break;
        am_dense_backward(NULL, hv + net->woff[l], NULL, p->del, rin, w, m, nin, nout);
        memset(p->dh, 0, m * nin * sizeof *p->dh);
        memset(p->rdh, 0, m * nin * sizeof *p->rdh);
        am_dense_backward(p->dh, NULL, NULL, p->del, NULL, w, m, nin, nout);
        am_dense_backward(p->rdh, NULL, NULL, p->rdel, NULL, w, m, nin, nout);
        am_dense_backward(p->rdh, NULL, NULL, p->del, NULL, vw, m, nin, nout);
        {
            const double *z = ws_z(p, l - 1, m);
            for (k = 0; k < m * nin; k++) {
                int on = z[k] > 0.0;
                p->del[k] = on ? p->dh[k] : 0.0;
                p->rdel[k] = on ? p->rdh[k] : 0.0;
            }
        }
        hs -= nin;
    }
}

/* ------------------------------------------------------------------------ */
/* Plugin glue                                                              */

static void sin_destroy(void *inst)
{
    sinusoid *p = inst;
    if (!p) return;
    am_mlp_free(&p->net);
    free(p->theta0);
    free(p->ws);
    free(p->out);
    free(p);
}


static void build_initial(sinusoid *p, uint64_t seed, double std)
{
    const am_mlp *net = &p->net;
    amor_rng rng;
    size_t l, k;
    amor_rng_seed(&rng, seed);
    for (l = 0; l < net->nlayers; l++) {
        size_t nw = net->dims[l] * net->dims[l + 1];
        for (k = 0; k < nw; k++) p->theta0[net->woff[l] + k] = am_truncnormal(&rng, std);
        memset(p->theta0 + net->boff[l], 0, net->dims[l + 1] * sizeof *p->theta0);
    }
}

static int sin_create(const amor_value *params, void **inst, char *err, size_t errlen)
{
    sinusoid *p;
    size_t ws_bytes, hw, nbuf;
    int rc;
    if (params[P_SHOTS].i < 1 || params[P_QUERIES].i < 1)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "sinusoid: parameter '%s' must be at least 1, got %lld",
                           params[P_SHOTS].i < 1 ? "shots" : "queries",
                           (long long)(params[P_SHOTS].i < 1 ? params[P_SHOTS].i
                                                             : params[P_QUERIES].i));
    if (params[P_SHOTS].i > 100000 || params[P_QUERIES].i > 100000)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "sinusoid: parameters 'shots' and 'queries' must be at most 100000");
    if (!(params[P_AMIN].r <= params[P_AMAX].r))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "sinusoid: parameter 'amplitude_min' (%g) must not exceed "
                           "'amplitude_max' (%g)",
                           params[P_AMIN].r, params[P_AMAX].r);
    p = calloc(1, sizeof *p);
    if (!p) return amor_errorf(err, errlen, AMOR_ENOMEM, "sinusoid: out of memory");
    p->K = (size_t)params[P_SHOTS].i;
    p->Q = (size_t)params[P_QUERIES].i;
    p->nx = 2 * (p->K + p->Q);
    p->amin = params[P_AMIN].r;
    p->amax = params[P_AMAX].r;
    p->phase_max = params[P_PHASE_MAX].r;
    p->input_max = params[P_INPUT_MAX].r;
    p->mmax = p->K > p->Q ? p->K : p->Q;
    if ((rc = am_mlp_create_hidden(&p->net, 1, params[P_HIDDEN].list, params[P_HIDDEN].len, 1,
                                   AM_ACT_RELU, "sinusoid", err, errlen))) {
        free(p);
        return rc;
    }
    ws_bytes = am_mlp_workspace_size(&p->net, p->mmax);
    hw = p->net.hmax > 1 ? p->net.hmax : 1;
    /* out, res, rout, rres (m each), ra (m hsum), del, rdel, dh, rdh (m hmax each):
     * hidden widths are at most 4096 and m at most 100000, so no overflow */
    nbuf = p->mmax * (4 + p->net.hsum + 4 * hw);
    p->theta0 = malloc(p->net.num_params * sizeof *p->theta0);
    p->ws = ws_bytes == SIZE_MAX ? NULL : malloc(ws_bytes ? ws_bytes : 1);
    p->out = malloc(nbuf * sizeof *p->out);
    if (!p->theta0 || !p->ws || !p->out) {
        size_t m = p->mmax;
        sin_destroy(p);
        return amor_errorf(err, errlen, AMOR_ENOMEM,
                           "sinusoid: out of memory for %zu points per task", m);
    }
    p->res = p->out + p->mmax;
    p->rout = p->res + p->mmax;
    p->rres = p->rout + p->mmax;
    p->ra = p->rres + p->mmax;
    p->del = p->ra + p->mmax * p->net.hsum;
    p->rdel = p->del + p->mmax * hw;
    p->dh = p->rdel + p->mmax * hw;
    p->rdh = p->dh + p->mmax * hw;
    build_initial(p, (uint64_t)params[P_SEED].i, params[P_INIT_STD].r);
    *inst = p;
    return AMOR_OK;
}

static void sin_dims(const void *inst, size_t *nx, size_t *ny)
{
    const sinusoid *p = inst;
    *nx = p->nx;
    *ny = p->net.num_params;
}

/* Models see the support set only. */
static size_t sin_nx_model(const void *inst) { return 2 * ((const sinusoid *)inst)->K; }

/* Per context: A, phi, then the K support and Q query inputs in order. */
static int sin_sample(void *inst, amor_rng *rng, size_t n, double *x, char *err,
                      size_t errlen)
{
    const sinusoid *p = inst;
    size_t i, j, K = p->K, Q = p->Q;
    (void)err;
    (void)errlen;
    for (i = 0; i < n; i++) {
        double *xi = x + i * p->nx, *q = xi + 2 * K;
        double a = amor_rng_range(rng, p->amin, p->amax);
        double phi = amor_rng_range(rng, 0.0, p->phase_max);
        for (j = 0; j < K; j++) xi[j] = amor_rng_range(rng, -p->input_max, p->input_max);
        for (j = 0; j < Q; j++) q[j] = amor_rng_range(rng, -p->input_max, p->input_max);
        for (j = 0; j < K; j++) xi[K + j] = a * sin(xi[j] - phi);
        for (j = 0; j < Q; j++) q[Q + j] = a * sin(q[j] - phi);
    }
    return AMOR_OK;
}

/* The points of one objective: support (query = 0) or query set. */
static void points(const sinusoid *p, const double *xi, int query, const double **px,
                   const double **py, size_t *m)
{
    *m = query ? p->Q : p->K;
    *px = query ? xi + 2 * p->K : xi;
    *py = *px + *m;
}

static int eval_fg(sinusoid *p, int query, size_t n, const double *x, const double *y,
                   double *f, double *grad)
{
    size_t i, ny = p->net.num_params, m;
    const double *px, *py;
    for (i = 0; i < n; i++) {
        const double *th = y + i * ny;
        points(p, x + i * p->nx, query, &px, &py, &m);
        f[i] = mse_forward(p, th, px, py, m);
        if (grad) {
            double *g = grad + i * ny;
            memset(g, 0, ny * sizeof *g);
            am_mlp_backward(&p->net, NULL, g, p->res, th, px, m, p->ws);
        }
    }
    return AMOR_OK;
}

static int eval_hvp(sinusoid *p, int query, size_t n, const double *x, const double *y,
                    const double *v, double *hv)
{
    size_t i, ny = p->net.num_params, m;
    const double *px, *py;
    for (i = 0; i < n; i++) {
        points(p, x + i * p->nx, query, &px, &py, &m);
        mse_forward(p, y + i * ny, px, py, m);
        mse_hvp(p, y + i * ny, v + i * ny, px, m, hv + i * ny);
    }
    return AMOR_OK;
}

static int sin_value(void *inst, size_t n, const double *x, const double *y, double *f,
                     char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    return eval_fg(inst, 0, n, x, y, f, NULL);
}

static int sin_value_grad(void *inst, size_t n, const double *x, const double *y, double *f,
                          double *grad, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    return eval_fg(inst, 0, n, x, y, f, grad);
}

static int sin_hvp(void *inst, size_t n, const double *x, const double *y, const double *v,
                   double *hv, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    return eval_hvp(inst, 0, n, x, y, v, hv);
}

static int sin_valid_value(void *inst, size_t n, const double *x, const double *y, double *f,
                           char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    return eval_fg(inst, 1, n, x, y, f, NULL);
}

static int sin_valid_value_grad(void *inst, size_t n, const double *x, const double *y,
                                double *f, double *grad, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    return eval_fg(inst, 1, n, x, y, f, grad);
}

static int sin_valid_hvp(void *inst, size_t n, const double *x, const double *y,
                         const double *v, double *hv, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    return eval_hvp(inst, 1, n, x, y, v, hv);
}

/* The same fixed initialisation for every context. */
static int sin_initial(void *inst, size_t n, const double *x, double *y0, char *err,
                       size_t errlen)
{
    const sinusoid *p = inst;
    (void)x;
    (void)err;
    (void)errlen;
    am_rows_fill(y0, p->theta0, n, p->net.num_params);
    return AMOR_OK;
}

static const amor_problem_desc sin_desc = {
    .head = AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "sinusoid", "1.0",
                      "few-shot sine regression (MAML): y = weights of a ReLU MLP 1->40->40->1, "
                      "f = support MSE, validation = query MSE (private), exact HVPs",
                      sin_params, NUM_P),
    .create = sin_create,
    .destroy = sin_destroy,
    .dims = sin_dims,
    .sample = sin_sample,
    .value = sin_value,
    .value_grad = sin_value_grad,
    .hvp = sin_hvp,
    .initial = sin_initial,
    .nx_model = sin_nx_model,
    .valid_value = sin_valid_value,
    .valid_value_grad = sin_valid_value_grad,
    .valid_hvp = sin_valid_hvp,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &sin_desc.head : NULL;
}
