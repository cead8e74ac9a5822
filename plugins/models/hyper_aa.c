/*
 * hyper_aa.c -- the `hyper_aa` model: a learned initializer plus Anderson
 * mixing whose coefficients a small network predicts from the residual
 * history (HyperDEQ: Bai, Koltun & Kolter 2022, "Neural Deep Equilibrium
 * Solvers"), around the problem's fixed-point map g(y; x) = one step of its
 * solver (accel.h).
 *
 *   y^0 = MLP_init(x) (init = mlp) or 0 (init = zero)
 *   for t = 1 .. K, over the memory of the last m_t = min(t, m) iterates
 *   y_k = y^{t - m_t + k}, k = 0 .. m_t - 1 (oldest first, the newest k = m_t - 1),
 *   with g_k = g(y_k) and f_k = g_k - y_k:
 *     features of slot k, with q_k = |f_k|^2, c_k = <f_k, f_new>, eps = 1e-30:
 *       phi_k = (q_k / (q_k + q_new + eps),  c_k / sqrt(q_k q_new + eps),
 *                (m_t - 1 - k) / m)          -- relative size, cosine, age
 *     (l_k, b_k) = MLP_mix(phi_k)            one network shared by the slots
 *     alpha = softmax(l_0 .. l_{m_t - 1}),  beta = sigmoid(mean_k b_k)
 *     y^t = beta sum_k alpha_k g_k + (1 - beta) sum_k alpha_k y_k
 * At t = 1 the memory holds y^0 alone: y^1 = beta g(y^0) + (1 - beta) y^0.
 * Every feature is bounded (the first in [0, 1), the cosine in [-1, 1] by
 * Cauchy-Schwarz) and invariant to the residuals' scale.  Training and
 * evaluation forwards are the same; T = K + 1.
 *
 * theta = [MLP_init (init = mlp only) | MLP_mix], am_mlp layouts.
 *
 * Gradient (jacobian = jfb, the default): Jacobian-free backpropagation
 * (Fung et al., AAAI 2022).  The ABI gives no VJP of the solver step, so
 * backward holds every g_k = g(y_k) constant and is exact through everything
 * else: the mixing weights alpha and beta, the features (through f_k = g_k -
 * y_k), the memory's y_k and the initializer.  Where g does not depend on y
 * this is the exact gradient.  jacobian = fd backpropagates through g too,
 * its Jacobian by central differences (accel_map_vjp_fd, 2 ny more map
 * evaluations per iterate): the full gradient to O(h^2), as a reference.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "accel.h"
#include "amath.h"
#include "amor.h"

#define HAA_EPS 1e-30
#define NFEAT 3

enum { P_STEPS, P_MEMORY, P_HIDDEN, P_INIT, P_INIT_HIDDEN, P_ACTIVATION, P_JACOBIAN, NUM_P };

static const int64_t haa_hidden_default[] = {32};
static const int64_t haa_init_hidden_default[] = {64};

static const amor_param_decl haa_params[NUM_P] = {
    {"steps", AMOR_PARAM_INT, "mixing steps K (iterates y^0 .. y^K)", 5, NULL, NULL, 0, 1, 1000,
     NULL},
    {"memory", AMOR_PARAM_INT, "Anderson memory m: the last m iterates are mixed", 5, NULL, NULL,
     0, 1, 100, NULL},
    {"hidden", AMOR_PARAM_INT_LIST, "hidden layer widths of the network predicting the mixing "
     "weights from each slot's features (empty: affine)", 0, NULL, haa_hidden_default, 1, 1,
     65536, NULL},
    {"init", AMOR_PARAM_STRING, "y^0: a learned MLP of the context (mlp) or 0 (zero)", 0, "mlp",
     NULL, 0, 0, 0, "mlp|zero"},
    {"init_hidden", AMOR_PARAM_INT_LIST, "hidden layer widths of the initializer MLP (empty: "
     "affine)", 0, NULL, haa_init_hidden_default, 1, 1, 65536, NULL},
    {"activation", AMOR_PARAM_STRING, "hidden-layer activation of both MLPs", 0, "relu", NULL, 0,
     0, 0, AM_ACT_CHOICES},
    {"jacobian", AMOR_PARAM_STRING, "backward through the map: jfb holds g(y) constant "
     "(Jacobian-free); fd also goes through g by central differences, 2 ny more map "
     "evaluations per iterate (a reference for jfb)", 0, "jfb", NULL, 0, 0, 0, "jfb|fd"},
};

typedef struct haa {
    const amor_oracle *o;
    am_mlp init, mix; /* nx -> .. -> ny (learn_y0 only);  3 -> .. -> 2 */
    size_t nx, ny, K, M, S, o_mix, np;
    int learn_y0;
    int fd; /* jacobian = fd */
} haa;

static uint32_t haa_needs_for(const amor_value *params)
{
    (void)params;
    return AMOR_NEEDS_SOLVER;
}

static void haa_destroy(void *inst)
{
    haa *m = inst;
    if (!m) return;
    if (m->learn_y0) am_mlp_free(&m->init);
    am_mlp_free(&m->mix);
    free(m);
}

static int haa_create(const amor_value *params, const amor_env *env, void **inst, char *err,
                      size_t errlen)
{
    haa *m;
    int learn, rc;
    am_act act;
    if ((rc = accel_check(env, params[P_STEPS].i, params[P_INIT].s, &learn, "hyper_aa", err,
                          errlen)))
        return rc;
    if (params[P_MEMORY].i < 1 || params[P_MEMORY].i > 100)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "hyper_aa: parameter 'memory' must be in [1, 100], got %lld",
                           (long long)params[P_MEMORY].i);
    if ((rc = am_act_parse_hidden(params[P_ACTIVATION].s, &act, "hyper_aa", err, errlen)))
        return rc;
    if (!(m = calloc(1, sizeof *m)))
        return amor_errorf(err, errlen, AMOR_ENOMEM, "hyper_aa: out of memory");
    m->o = env->oracle;
    m->nx = env->nx;
    m->ny = env->ny;
    m->K = (size_t)params[P_STEPS].i;
    m->M = (size_t)params[P_MEMORY].i;
    m->S = env->oracle->state_dim;
    m->learn_y0 = learn;
    m->fd = accel_jacobian_fd(params[P_JACOBIAN].s);
    if (learn && (rc = am_mlp_create_hidden(&m->init, m->nx, params[P_INIT_HIDDEN].list,
                                            params[P_INIT_HIDDEN].len, m->ny, act, "hyper_aa",
                                            err, errlen))) {
        free(m);
        return rc;
    }
    if ((rc = am_mlp_create_hidden(&m->mix, NFEAT, params[P_HIDDEN].list, params[P_HIDDEN].len,
                                   2, act, "hyper_aa", err, errlen))) {
        if (learn) am_mlp_free(&m->init);
        free(m);
        return rc;
    }
    m->o_mix = learn ? m->init.num_params : 0;
    m->np = m->o_mix + m->mix.num_params;
    *inst = m;
    return AMOR_OK;
}

static size_t haa_num_params(const void *inst) { return ((const haa *)inst)->np; }

static size_t haa_num_iterates(const void *inst) { return ((const haa *)inst)->K + 1; }

/* The workspace, for a batch of n (doubles unless said), with slots of every
 * step laid out (n, m) (context-major; a step with m_t < m uses the first
 * n m_t rows as (n, m_t)):
 *   Y   (K + 1, n, ny)  the iterates (backward's adjoints of them in YB)
 *   Gv  (K, n, ny)      g(y^j), j < K
 *   PHI (K, n m, 3), OUT (K, n m, 2)  the mixing network's inputs, outputs
 *   QC  (K, n m, 2)     q_k and c_k
 *   AL  (K, n m), BE (K, n)  alpha and beta
 *   YB  (K + 1, n, ny)  adjoints of the iterates
 *   dP  (n m, 3), dO (n m, 2), dQ (n m, 2)  feature, output, (q, c) adjoints
 *   st  (2 n S)         solver states
 *   jacobian = fd only: GB (K, n, ny) adjoints of the g(y^j), and
 *                       accel_map_vjp_fd's scratch
 * then the initializer's am_mlp workspace (bytes) and K of the mixer's,
 * each for n m rows. */
typedef struct haa_ws {
    double *Y, *Gv, *PHI, *OUT, *QC, *AL, *BE, *YB, *dP, *dO, *dQ, *st, *GB, *vjp;
    char *w_init, *w_mix;
    size_t mix_bytes;
} haa_ws;

static size_t haa_init_ws(const haa *m, size_t n)
{
    return m->learn_y0 ? am_mlp_workspace_size(&m->init, n) : 0;
}

static size_t haa_workspace_size(const void *inst, size_t n)
{
    const haa *m = inst;
    size_t K = m->K, M = m->M, nm, per, bytes, mix, mixes;
    per = (3 * K + 2) * m->ny + K * M * (NFEAT + 5) + K + M * (NFEAT + 4) + 2 * m->S;
    /* accel_vjp_ws_doubles is linear in n: its value at n = 1 per row */
    if (m->fd) per += K * m->ny + accel_vjp_ws_doubles(1, m->ny, m->S);
    if (am_mul_size(n, M, &nm) || am_mul_size(n, per, &bytes) ||
        am_mul_size(bytes, sizeof(double), &bytes) ||
        (mix = am_mlp_workspace_size(&m->mix, nm)) == SIZE_MAX ||
        am_mul_size(mix, K, &mixes) || am_add_size(bytes, mixes, &bytes) ||
        am_add_size(bytes, haa_init_ws(m, n), &bytes))
        return SIZE_MAX;
    return bytes;
}

static haa_ws carve(const haa *m, size_t n, void *ws)
{
    size_t K = m->K, nm = n * m->M, ny = m->ny;
    haa_ws w;
    w.Y = ws;
    w.Gv = w.Y + (K + 1) * n * ny;
    w.PHI = w.Gv + K * n * ny;
    w.OUT = w.PHI + K * nm * NFEAT;
    w.QC = w.OUT + K * nm * 2;
    w.AL = w.QC + K * nm * 2;
    w.BE = w.AL + K * nm;
    w.YB = w.BE + K * n;
    w.dP = w.YB + (K + 1) * n * ny;
    w.dO = w.dP + nm * NFEAT;
    w.dQ = w.dO + nm * 2;
    w.st = w.dQ + nm * 2;
    w.GB = w.st + 2 * n * m->S;
    w.vjp = w.GB + (m->fd ? K * n * ny : 0);
    w.w_init = (char *)(w.vjp + (m->fd ? accel_vjp_ws_doubles(n, ny, m->S) : 0));
    w.w_mix = w.w_init + haa_init_ws(m, n);
    w.mix_bytes = am_mlp_workspace_size(&m->mix, nm);
    return w;
}

static int haa_init(void *inst, amor_rng *rng, double *theta, char *err, size_t errlen)
{
    const haa *m = inst;
    (void)err;
    (void)errlen;
    if (m->learn_y0) am_mlp_init_torch(&m->init, theta, rng);
    am_mlp_init_torch(&m->mix, theta + m->o_mix, rng);
    return AMOR_OK;
}

static double sigm(double z)
{
    return z >= 0 ? 1.0 / (1.0 + exp(-z)) : exp(z) / (1.0 + exp(z));
}

/* f = g_j - y^j of context i, iterate j: into f (ny). */
static void resid(double *f, const haa_ws *w, size_t n, size_t ny, size_t j, size_t i)
{
    const double *g = w->Gv + (j * n + i) * ny, *y = w->Y + (j * n + i) * ny;
    size_t k;
    for (k = 0; k < ny; k++) f[k] = g[k] - y[k];
}

static double dot_resid(const haa_ws *w, size_t n, size_t ny, size_t j1, size_t j2, size_t i)
{
    const double *g1 = w->Gv + (j1 * n + i) * ny, *y1 = w->Y + (j1 * n + i) * ny;
    const double *g2 = w->Gv + (j2 * n + i) * ny, *y2 = w->Y + (j2 * n + i) * ny;
    double s = 0.0;
    size_t k;
    for (k = 0; k < ny; k++) s += (g1[k] - y1[k]) * (g2[k] - y2[k]);
    return s;
}

static int haa_forward(void *inst, const double *theta, size_t n, const double *x,
                       double *iterates, void *ws, unsigned flags, char *err, size_t errlen)
{
    const haa *m = inst;
    size_t ny = m->ny, len = n * ny, M = m->M, t, i, k, q;
    haa_ws w = carve(m, n, ws);
    int rc;
    (void)flags;
    (void)err;
    (void)errlen;
    if (m->learn_y0) am_mlp_forward(&m->init, w.Y, theta, x, n, w.w_init);
    else memset(w.Y, 0, len * sizeof *w.Y);
    for (t = 1; t <= m->K; t++) {
        size_t mt = t < M ? t : M, j0 = t - mt, nw = t - 1;
        double *PHI = w.PHI + (t - 1) * n * M * NFEAT, *OUT = w.OUT + (t - 1) * n * M * 2;
        double *QC = w.QC + (t - 1) * n * M * 2, *AL = w.AL + (t - 1) * n * M;
        double *BE = w.BE + (t - 1) * n, *yt = w.Y + t * len;
        if ((rc = accel_map(w.Gv + nw * len, w.st, m->o, n, x, w.Y + nw * len))) return rc;
        for (i = 0; i < n; i++) {
            double qn = dot_resid(&w, n, ny, nw, nw, i);
            for (k = 0; k < mt; k++) {
                double *ph = PHI + (i * mt + k) * NFEAT, *qc = QC + (i * mt + k) * 2;
                qc[0] = dot_resid(&w, n, ny, j0 + k, j0 + k, i);
                qc[1] = dot_resid(&w, n, ny, j0 + k, nw, i);
                ph[0] = qc[0] / (qc[0] + qn + HAA_EPS);
                ph[1] = qc[1] / sqrt(qc[0] * qn + HAA_EPS);
                ph[2] = (double)(mt - 1 - k) / (double)M;
            }
        }
        am_mlp_forward(&m->mix, OUT, theta + m->o_mix, PHI, n * mt,
                       w.w_mix + (t - 1) * w.mix_bytes);
        for (i = 0; i < n; i++) {
            const double *o = OUT + i * mt * 2;
            double *al = AL + i * mt, mx = o[0], s = 0.0, bm = 0.0, be;
            double *y = yt + i * ny;
            for (k = 1; k < mt; k++) mx = fmax(mx, o[2 * k]);
            for (k = 0; k < mt; k++) s += al[k] = exp(o[2 * k] - mx);
            for (k = 0; k < mt; k++) al[k] /= s, bm += o[2 * k + 1];
            BE[i] = be = sigm(bm / (double)mt);
            memset(y, 0, ny * sizeof *y);
            for (k = 0; k < mt; k++) {
                const double *g = w.Gv + ((j0 + k) * n + i) * ny, *yk = w.Y + ((j0 + k) * n + i) * ny;
                for (q = 0; q < ny; q++) y[q] += al[k] * (be * g[q] + (1.0 - be) * yk[q]);
            }
        }
    }
    memcpy(iterates, w.Y, (m->K + 1) * len * sizeof *iterates);
    return AMOR_OK;
}

/* The features' reverse pass for context i at step t: dP (m_t, 3) =
 * dL/dphi into dL/dy of the memory's iterates (YB) and, with jacobian = fd,
 * dL/dg (GB): f = g - y, so dL/dy -= dL/df and dL/dg += dL/df. */
static void features_backward(const haa *m, const haa_ws *w, size_t n, size_t i, size_t mt,
                              size_t j0, const double *QC, const double *dP, double *dQ,
                              double *f, double *fn)
{
    size_t ny = m->ny, nw = j0 + mt - 1, k, q;
    double qn = QC[(mt - 1) * 2], dqn = 0.0;
    double *ybn = w->YB + (nw * n + i) * ny, *gbn = m->fd ? w->GB + (nw * n + i) * ny : NULL;
    for (k = 0; k < mt; k++) { /* dQ (m_t, 2): dL/dq_k, dL/dc_k */
        double qk = QC[k * 2], ck = QC[k * 2 + 1], D = qk + qn + HAA_EPS;
        double S2 = qk * qn + HAA_EPS, S = sqrt(S2), d0 = dP[k * NFEAT], d1 = dP[k * NFEAT + 1];
        dQ[k * 2] = d0 * (qn + HAA_EPS) / (D * D) - d1 * ck * qn / (2 * S2 * S);
        dQ[k * 2 + 1] = d1 / S;
        dqn += -d0 * qk / (D * D) - d1 * ck * qk / (2 * S2 * S);
    }
    /* q_k = |f_k|^2, c_k = <f_k, f_new>, q_new; f = g - y so dL/dy = -dL/df */
    resid(fn, w, n, ny, nw, i);
    for (k = 0; k < mt; k++) {
        double *yb = w->YB + ((j0 + k) * n + i) * ny;
        double *gb = m->fd ? w->GB + ((j0 + k) * n + i) * ny : NULL;
        resid(f, w, n, ny, j0 + k, i);
        for (q = 0; q < ny; q++) {
            double dfk = 2.0 * dQ[k * 2] * f[q] + dQ[k * 2 + 1] * fn[q], dfn = dQ[k * 2 + 1] * f[q];
            yb[q] -= dfk;
            ybn[q] -= dfn;
            if (gb) gb[q] += dfk, gbn[q] += dfn;
        }
    }
    for (q = 0; q < ny; q++) {
        ybn[q] -= 2.0 * dqn * fn[q];
        if (gbn) gbn[q] += 2.0 * dqn * fn[q];
    }
}

static int haa_backward(void *inst, const double *theta, size_t n, const double *x,
                        const double *d_iterates, double *dtheta, void *ws, char *err,
                        size_t errlen)
{
    const haa *m = inst;
    size_t ny = m->ny, len = n * ny, M = m->M, t, i, k, q;
    haa_ws w = carve(m, n, ws);
    /* scratch for two residual rows: the state buffer is free in backward */
    double *f = w.st, *fn = w.st + ny;
    (void)err;
    (void)errlen;
    memcpy(w.YB, d_iterates, (m->K + 1) * len * sizeof *w.YB);
    if (m->fd) memset(w.GB, 0, m->K * len * sizeof *w.GB);
    for (t = m->K; t >= 1; t--) {
        size_t mt = t < M ? t : M, j0 = t - mt;
        const double *PHI = w.PHI + (t - 1) * n * M * NFEAT, *QC = w.QC + (t - 1) * n * M * 2;
        const double *AL = w.AL + (t - 1) * n * M, *BE = w.BE + (t - 1) * n;
        const double *yb = w.YB + t * len;
        for (i = 0; i < n; i++) {
            const double *al = AL + i * mt, *ybi = yb + i * ny;
            double be = BE[i], dbe = 0.0, sda = 0.0, *dO = w.dO + i * mt * 2;
            for (k = 0; k < mt; k++) {
                const double *g = w.Gv + ((j0 + k) * n + i) * ny, *yk = w.Y + ((j0 + k) * n + i) * ny;
                double *ybk = w.YB + ((j0 + k) * n + i) * ny, da = 0.0, db = 0.0;
                for (q = 0; q < ny; q++) {
                    da += ybi[q] * (be * g[q] + (1.0 - be) * yk[q]);
                    db += ybi[q] * (g[q] - yk[q]);
                    ybk[q] += (1.0 - be) * al[k] * ybi[q];
                }
                if (m->fd) am_daxpy(ny, be * al[k], ybi, w.GB + ((j0 + k) * n + i) * ny);
                dO[2 * k] = da; /* dL/dalpha_k for now */
                dbe += al[k] * db;
                sda += al[k] * da;
            }
            for (k = 0; k < mt; k++) {
                dO[2 * k] = al[k] * (dO[2 * k] - sda);
                dO[2 * k + 1] = dbe * be * (1.0 - be) / (double)mt;
            }
        }
        memset(w.dP, 0, n * mt * NFEAT * sizeof *w.dP);
        am_mlp_backward(&m->mix, w.dP, dtheta + m->o_mix, w.dO, theta + m->o_mix, PHI, n * mt,
                        w.w_mix + (t - 1) * w.mix_bytes);
        for (i = 0; i < n; i++)
            features_backward(m, &w, n, i, mt, j0, QC + i * mt * 2, w.dP + i * mt * NFEAT,
                              w.dQ, f, fn);
        /* g(y^{t-1}) enters no earlier step: its adjoint is complete */
        if (m->fd) {
            int rc = accel_map_vjp_fd(w.YB + (t - 1) * len, w.vjp, m->o, n, x,
                                      w.Y + (t - 1) * len, w.GB + (t - 1) * len);
            if (rc) return rc;
        }
    }
    if (m->learn_y0) am_mlp_backward(&m->init, NULL, dtheta, w.YB, theta, x, n, w.w_init);
    return AMOR_OK;
}

static const amor_model_desc haa_desc = {
    .head = AMOR_HEAD(amor_model_desc, AMOR_KIND_MODEL, "hyper_aa", "1.0",
              "HyperDEQ-style learned Anderson: learned initializer + mixing weights "
              "predicted from the residual history, Jacobian-free backprop",
              haa_params, NUM_P),
    .create = haa_create,
    .destroy = haa_destroy,
    .num_params = haa_num_params,
    .num_iterates = haa_num_iterates,
    .workspace_size = haa_workspace_size,
    .init = haa_init,
    .forward = haa_forward,
    .backward = haa_backward,
    .needs = AMOR_NEEDS_SOLVER,
    .needs_for = haa_needs_for,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &haa_desc.head : NULL;
}
