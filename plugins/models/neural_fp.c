/*
 * neural_fp.c -- the `neural_fp` model: NeuralFP (Venkataraman & Amos 2021,
 * facebookresearch/neural-scs automl21/accel/neural_rec.py), a learned
 * initializer and a recurrent accelerator around the problem's fixed-point
 * map g(y; x) = one step of its solver (accel.h).  With H = `hidden`:
 *
 *   a       = MLP_init(x)                     (n, ny + H) or (n, H)
 *   y^0     = a[:ny] (init = mlp) or 0 (init = zero)
 *   h^0     = tanh(a[ny:]) (or tanh(a) with init = zero): the initializer's
 *             extra outputs are the GRU's initial state
 *   for t = 1 .. K:
 *     fx    = g(y^{t-1})                      (one solver_init + solver_step)
 *     z     = enc([y^{t-1}, fx, y^{t-1} - fx])   MLP 3 ny -> enc_hidden -> H
 *     h^t   = GRUCell(z, h^{t-1})             (torch.nn.GRUCell's equations)
 *     y^t   = fx + delta_scale (W_d h^t + b_d)
 *
 * The decoder (W_d, b_d) starts at zero, so the untrained model is the plain
 * fixed-point iteration y^t = g(y^{t-1}) from its initializer.  Training and
 * evaluation forwards are the same; T = K + 1.
 *
 * theta = [MLP_init | enc | W_ih (3H, H) | W_hh (3H, H) | b_ih (3H) |
 *          b_hh (3H) | W_d (ny, H) | b_d (ny)], the MLPs in am_mlp's layout,
 * the GRU's gates in torch's order (reset r, update u, new n).
 *
 * Gradient (jacobian = jfb, the default): Jacobian-free backpropagation
 * (Fung et al., AAAI 2022).  The ABI gives no VJP of the solver step, so
 * backward holds every fx = g(y^{t-1}) constant: it is exact through the
 * initializer, the encoder (through its y inputs), the GRU and the decoder,
 * and takes g's Jacobian as 0.  Where g does not depend on y it is the exact
 * gradient; elsewhere a descent direction when g is contractive enough (JFB's
 * result), not the gradient.  jacobian = fd backpropagates through g too,
 * its Jacobian by central differences (accel_map_vjp_fd, 2 ny more map
 * evaluations per step): the full gradient to O(h^2), as a reference.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "accel.h"
#include "amath.h"
#include "amor.h"
#include "unroll.h"

enum { P_STEPS, P_HIDDEN, P_INIT, P_INIT_HIDDEN, P_ENC_HIDDEN, P_ACTIVATION, P_DELTA, P_JACOBIAN,
       NUM_P };

static const int64_t nfp_init_hidden_default[] = {64};

static const amor_param_decl nfp_params[NUM_P] = {
    {"steps", AMOR_PARAM_INT, "accelerated steps K (iterates y^0 .. y^K)", 5, NULL, NULL, 0, 1,
     1000, NULL},
    {"hidden", AMOR_PARAM_INT, "GRU state size H", 64, NULL, NULL, 0, 1, 4096, NULL},
    {"init", AMOR_PARAM_STRING, "y^0: the initializer MLP's output (mlp) or 0 (zero; the MLP "
     "then gives only the GRU's initial state)", 0, "mlp", NULL, 0, 0, 0, "mlp|zero"},
    {"init_hidden", AMOR_PARAM_INT_LIST, "hidden layer widths of the initializer MLP (empty: "
     "affine)", 0, NULL, nfp_init_hidden_default, 1, 1, 65536, NULL},
    {"enc_hidden", AMOR_PARAM_INT_LIST, "hidden layer widths of the encoder of (y, g(y), "
     "y - g(y)) (empty: affine)", 0, NULL, NULL, 0, 1, 65536, NULL},
    {"activation", AMOR_PARAM_STRING, "hidden-layer activation of both MLPs", 0, "relu", NULL, 0,
     0, 0, AM_ACT_CHOICES},
    {"delta_scale", AMOR_PARAM_REAL, "factor on the decoder's output: y^t = g(y^{t-1}) + "
     "delta_scale dec(h^t)", 1.0, NULL, NULL, 0, 0, 1e6, NULL},
    {"jacobian", AMOR_PARAM_STRING, "backward through the map: jfb holds g(y) constant "
     "(Jacobian-free); fd also goes through g by central differences, 2 ny more map "
     "evaluations per step (a reference for jfb)", 0, "jfb", NULL, 0, 0, 0, "jfb|fd"},
};

typedef struct nfp {
    const amor_oracle *o;
    am_mlp init, enc;    /* nx -> .. -> D0;  3 ny -> .. -> H */
    size_t nx, ny, K, H, S, D0;
    int learn_y0;        /* init = mlp */
    int fd;              /* jacobian = fd */
    double ds;           /* delta_scale */
    size_t o_enc, o_gru, o_dec, np; /* offsets into theta */
} nfp;

static uint32_t nfp_needs_for(const amor_value *params)
{
    (void)params;
    return AMOR_NEEDS_SOLVER;
}

static void nfp_destroy(void *inst)
{
    nfp *m = inst;
    if (!m) return;
    am_mlp_free(&m->init);
    am_mlp_free(&m->enc);
    free(m);
}

static int nfp_create(const amor_value *params, const amor_env *env, void **inst, char *err,
                      size_t errlen)
{
    nfp *m;
    int learn, rc;
    am_act act;
    double ds = params[P_DELTA].r;
    if ((rc = accel_check(env, params[P_STEPS].i, params[P_INIT].s, &learn, "neural_fp", err,
                          errlen)))
        return rc;
    if (params[P_HIDDEN].i < 1 || params[P_HIDDEN].i > 4096)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "neural_fp: parameter 'hidden' must be in [1, 4096], got %lld",
                           (long long)params[P_HIDDEN].i);
    if (!(ds >= 0 && ds <= 1e6))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "neural_fp: parameter 'delta_scale' must be in [0, 1e6], got %.17g",
                           ds);
    if ((rc = am_act_parse_hidden(params[P_ACTIVATION].s, &act, "neural_fp", err, errlen)))
        return rc;
    if (!(m = calloc(1, sizeof *m)))
        return amor_errorf(err, errlen, AMOR_ENOMEM, "neural_fp: out of memory");
    m->o = env->oracle;
    m->nx = env->nx;
    m->ny = env->ny;
    m->K = (size_t)params[P_STEPS].i;
    m->H = (size_t)params[P_HIDDEN].i;
    m->S = env->oracle->state_dim;
    m->learn_y0 = learn;
    m->ds = ds;
    m->fd = accel_jacobian_fd(params[P_JACOBIAN].s);
    m->D0 = (learn ? m->ny : 0) + m->H;
    rc = am_mlp_create_hidden(&m->init, m->nx, params[P_INIT_HIDDEN].list,
                              params[P_INIT_HIDDEN].len, m->D0, act, "neural_fp", err, errlen);
    if (rc) {
        free(m);
        return rc;
    }
    rc = am_mlp_create_hidden(&m->enc, 3 * m->ny, params[P_ENC_HIDDEN].list,
                              params[P_ENC_HIDDEN].len, m->H, act, "neural_fp", err, errlen);
    if (rc) {
        am_mlp_free(&m->init);
        free(m);
        return rc;
    }
    m->o_enc = m->init.num_params;
    m->o_gru = m->o_enc + m->enc.num_params;
    m->o_dec = m->o_gru + 6 * m->H * m->H + 6 * m->H;
    m->np = m->o_dec + m->ny * m->H + m->ny;
    *inst = m;
    return AMOR_OK;
}

static size_t nfp_num_params(const void *inst) { return ((const nfp *)inst)->np; }

static size_t nfp_num_iterates(const void *inst) { return ((const nfp *)inst)->K + 1; }

/* The workspace, for a batch of n (doubles unless said):
 *   U   (K, n, 3 ny)  encoder inputs [y^{t-1}, fx, y^{t-1} - fx]
 *   Z   (K, n, H)     encoder outputs
 *   R, G, N, C (K, n, H) each: reset gate, update gate, new gate, and
 *                     W_hn h^{t-1} + b_hn (what r multiplies)
 *   Hs  (K + 1, n, H) h^0 .. h^K
 *   A0  (n, D0)       the initializer's output
 *   gi, gh (n, 3 H)   gate pre-activations (forward), their adjoints (backward)
 *   fx  (n, ny), st (2 n S)  the map's output and the solver states
 *   yb  (n, ny), hb, dh (n, H), du (n, 3 ny), dA (n, D0)  adjoints
 *   jacobian = fd only: af, yp (n, ny) the adjoint of fx and y^{t-1}, and
 *                  accel_map_vjp_fd's scratch
 * then the initializer's am_mlp workspace (bytes) and K encoder workspaces. */
typedef struct nfp_ws {
    double *U, *Z, *R, *G, *N, *C, *Hs, *A0, *gi, *gh, *fx, *st, *yb, *hb, *dh, *du, *dA;
    double *af, *yp, *vjp; /* jacobian = fd */
    char *w_init, *w_enc;
    size_t enc_bytes;
} nfp_ws;

static size_t nfp_doubles_per_row(const nfp *m)
{
    /* accel_vjp_ws_doubles is linear in n: its value at n = 1 per row */
    return (m->fd ? 2 * m->ny + accel_vjp_ws_doubles(1, m->ny, m->S) : 0) + m->K * (3 * m->ny + 5 * m->H) + (m->K + 1) * m->H + 2 * m->D0 + 6 * m->H +
           2 * m->ny + 2 * m->S + 2 * m->H + 3 * m->ny;
}

static size_t nfp_workspace_size(const void *inst, size_t n)
{
    const nfp *m = inst;
    size_t bytes, enc = am_mlp_workspace_size(&m->enc, n), encs;
    if (am_mul_size(n, nfp_doubles_per_row(m), &bytes) ||
        am_mul_size(bytes, sizeof(double), &bytes) || am_mul_size(enc, m->K, &encs) ||
        am_add_size(bytes, encs, &bytes) ||
        am_add_size(bytes, am_mlp_workspace_size(&m->init, n), &bytes))
        return SIZE_MAX;
    return bytes;
}

static nfp_ws carve(const nfp *m, size_t n, void *ws)
{
    size_t K = m->K, H = m->H, ny = m->ny;
    nfp_ws w;
    w.U = ws;
    w.Z = w.U + K * n * 3 * ny;
    w.R = w.Z + K * n * H;
    w.G = w.R + K * n * H;
    w.N = w.G + K * n * H;
    w.C = w.N + K * n * H;
    w.Hs = w.C + K * n * H;
    w.A0 = w.Hs + (K + 1) * n * H;
    w.gi = w.A0 + n * m->D0;
    w.gh = w.gi + n * 3 * H;
    w.fx = w.gh + n * 3 * H;
    w.st = w.fx + n * ny;
    w.yb = w.st + 2 * n * m->S;
    w.hb = w.yb + n * ny;
    w.dh = w.hb + n * H;
    w.du = w.dh + n * H;
    w.dA = w.du + n * 3 * ny;
    w.af = w.dA + n * m->D0;
    w.yp = w.af + (m->fd ? n * ny : 0);
    w.vjp = w.yp + (m->fd ? n * ny : 0);
    w.w_init = (char *)(w.vjp + (m->fd ? accel_vjp_ws_doubles(n, ny, m->S) : 0));
    w.w_enc = w.w_init + am_mlp_workspace_size(&m->init, n);
    w.enc_bytes = am_mlp_workspace_size(&m->enc, n);
    return w;
}

/* torch's defaults for the initializer, the encoder and the GRU
 * (U(-1/sqrt(H), 1/sqrt(H)) for all four of its tensors); the decoder at
 * zero, so that y^t = g(y^{t-1}) until it learns. */
static int nfp_init(void *inst, amor_rng *rng, double *theta, char *err, size_t errlen)
{
    const nfp *m = inst;
    double b = 1.0 / sqrt((double)m->H);
    (void)err;
    (void)errlen;
    am_mlp_init_torch(&m->init, theta, rng);
    am_mlp_init_torch(&m->enc, theta + m->o_enc, rng);
    am_fill_uniform(theta + m->o_gru, m->o_dec - m->o_gru, -b, b, rng);
    memset(theta + m->o_dec, 0, (m->np - m->o_dec) * sizeof *theta);
    return AMOR_OK;
}

static double sigm(double z)
{
    return z >= 0 ? 1.0 / (1.0 + exp(-z)) : exp(z) / (1.0 + exp(z));
}

static int nfp_forward(void *inst, const double *theta, size_t n, const double *x,
                       double *iterates, void *ws, unsigned flags, char *err, size_t errlen)
{
    const nfp *m = inst;
    size_t ny = m->ny, H = m->H, len = n * ny, t, i, k;
    const double *Wih = theta + m->o_gru, *Whh = Wih + 3 * H * H, *bih = Whh + 3 * H * H,
                 *bhh = bih + 3 * H, *Wd = theta + m->o_dec, *bd = Wd + ny * H;
    nfp_ws w = carve(m, n, ws);
    int rc;
    (void)flags;
    (void)err;
    (void)errlen;
    am_mlp_forward(&m->init, w.A0, theta, x, n, w.w_init);
    for (i = 0; i < n; i++) {
        const double *a = w.A0 + i * m->D0;
        if (m->learn_y0) memcpy(iterates + i * ny, a, ny * sizeof *a);
        else memset(iterates + i * ny, 0, ny * sizeof *iterates);
        for (k = 0; k < H; k++) w.Hs[i * H + k] = tanh(a[m->D0 - H + k]);
    }
    for (t = 1; t <= m->K; t++) {
        const double *yp = iterates + (t - 1) * len, *hp = w.Hs + (t - 1) * n * H;
        double *yt = iterates + t * len, *U = w.U + (t - 1) * n * 3 * ny;
        double *Z = w.Z + (t - 1) * n * H, *R = w.R + (t - 1) * n * H, *G = w.G + (t - 1) * n * H;
        double *N = w.N + (t - 1) * n * H, *C = w.C + (t - 1) * n * H, *ht = w.Hs + t * n * H;
        if ((rc = accel_map(w.fx, w.st, m->o, n, x, yp))) return rc;
        for (i = 0; i < n; i++) {
            double *u = U + i * 3 * ny;
            for (k = 0; k < ny; k++) {
                u[k] = yp[i * ny + k];
                u[ny + k] = w.fx[i * ny + k];
                u[2 * ny + k] = yp[i * ny + k] - w.fx[i * ny + k];
            }
        }
        am_mlp_forward(&m->enc, Z, theta + m->o_enc, U, n, w.w_enc + (t - 1) * w.enc_bytes);
        am_dense_forward(w.gi, Z, Wih, bih, n, H, 3 * H);
        am_dense_forward(w.gh, hp, Whh, bhh, n, H, 3 * H);
        for (i = 0; i < n; i++) {
            const double *gi = w.gi + i * 3 * H, *gh = w.gh + i * 3 * H;
            for (k = 0; k < H; k++) {
                size_t r = i * H + k;
                R[r] = sigm(gi[k] + gh[k]);
                G[r] = sigm(gi[H + k] + gh[H + k]);
                C[r] = gh[2 * H + k];
                N[r] = tanh(gi[2 * H + k] + R[r] * C[r]);
                ht[r] = (1.0 - G[r]) * N[r] + G[r] * hp[r];
            }
        }
        am_dense_forward(yt, ht, Wd, bd, n, H, ny);
        for (k = 0; k < len; k++) yt[k] = w.fx[k] + m->ds * yt[k];
    }
    return AMOR_OK;
}

static int nfp_backward(void *inst, const double *theta, size_t n, const double *x,
                        const double *d_iterates, double *dtheta, void *ws, char *err,
                        size_t errlen)
{
    const nfp *m = inst;
    size_t ny = m->ny, H = m->H, len = n * ny, t, i, k;
    const double *Wih = theta + m->o_gru, *Whh = Wih + 3 * H * H, *Wd = theta + m->o_dec;
    double *dWih = dtheta + m->o_gru, *dWhh = dWih + 3 * H * H, *dbih = dWhh + 3 * H * H,
           *dbhh = dbih + 3 * H, *dWd = dtheta + m->o_dec, *dbd = dWd + ny * H;
    nfp_ws w = carve(m, n, ws);
    (void)err;
    (void)errlen;
    memcpy(w.yb, d_iterates + m->K * len, len * sizeof *w.yb);
    memset(w.hb, 0, n * H * sizeof *w.hb);
    for (t = m->K; t >= 1; t--) {
        const double *U = w.U + (t - 1) * n * 3 * ny, *Z = w.Z + (t - 1) * n * H;
        const double *R = w.R + (t - 1) * n * H, *G = w.G + (t - 1) * n * H;
        const double *N = w.N + (t - 1) * n * H, *C = w.C + (t - 1) * n * H;
        const double *hp = w.Hs + (t - 1) * n * H, *ht = hp + n * H;
        /* y^t = fx + ds (W_d h^t + b_d); fx held constant (jfb) or not (fd) */
        if (m->fd) memcpy(w.af, w.yb, len * sizeof *w.af);
        if (m->ds != 1.0) am_dscal(len, m->ds, w.yb);
        am_dense_backward(w.hb, dWd, dbd, w.yb, ht, Wd, n, H, ny);
        /* the GRU cell: gi, gh become the adjoints of its pre-activations */
        memset(w.dh, 0, n * H * sizeof *w.dh);
        for (i = 0; i < n; i++) {
            double *gi = w.gi + i * 3 * H, *gh = w.gh + i * 3 * H;
            for (k = 0; k < H; k++) {
                size_t r = i * H + k;
                double hb = w.hb[r], dn = hb * (1.0 - G[r]), dg = hb * (hp[r] - N[r]);
                double da = dn * (1.0 - N[r] * N[r]), dr = da * C[r];
                w.dh[r] = hb * G[r];
                gi[k] = gh[k] = dr * R[r] * (1.0 - R[r]);
                gi[H + k] = gh[H + k] = dg * G[r] * (1.0 - G[r]);
                gi[2 * H + k] = da;
                gh[2 * H + k] = da * R[r];
            }
        }
        am_dense_backward(w.dh, dWhh, dbhh, w.gh, hp, Whh, n, H, 3 * H);
        memset(w.hb, 0, n * H * sizeof *w.hb); /* dL/dz, then dL/dh^{t-1} below */
        am_dense_backward(w.hb, dWih, dbih, w.gi, Z, Wih, n, H, 3 * H);
        memset(w.du, 0, n * 3 * ny * sizeof *w.du);
        am_mlp_backward(&m->enc, w.du, dtheta + m->o_enc, w.hb, theta + m->o_enc, U, n,
                        w.w_enc + (t - 1) * w.enc_bytes);
        /* y^{t-1} enters u twice (y and y - fx), and fx = g(y^{t-1}) once
         * more through u; jfb stops there */
        memcpy(w.yb, d_iterates + (t - 1) * len, len * sizeof *w.yb);
        for (i = 0; i < n; i++)
            for (k = 0; k < ny; k++)
                w.yb[i * ny + k] += w.du[i * 3 * ny + k] + w.du[i * 3 * ny + 2 * ny + k];
        if (m->fd) {
            int rc;
            for (i = 0; i < n; i++)
                for (k = 0; k < ny; k++) {
                    w.af[i * ny + k] += w.du[i * 3 * ny + ny + k] - w.du[i * 3 * ny + 2 * ny + k];
                    w.yp[i * ny + k] = U[i * 3 * ny + k];
                }
            if ((rc = accel_map_vjp_fd(w.yb, w.vjp, m->o, n, x, w.yp, w.af))) return rc;
        }
        memcpy(w.hb, w.dh, n * H * sizeof *w.hb);
    }
    for (i = 0; i < n; i++) {
        double *da = w.dA + i * m->D0;
        const double *h0 = w.Hs + i * H;
        if (m->learn_y0) memcpy(da, w.yb + i * ny, ny * sizeof *da);
        for (k = 0; k < H; k++) da[m->D0 - H + k] = w.hb[i * H + k] * (1.0 - h0[k] * h0[k]);
    }
    am_mlp_backward(&m->init, NULL, dtheta, w.dA, theta, x, n, w.w_init);
    return AMOR_OK;
}

static const amor_model_desc nfp_desc = {
    .head = AMOR_HEAD(amor_model_desc, AMOR_KIND_MODEL, "neural_fp", "1.0",
              "NeuralFP: learned initializer + GRU accelerator of the problem's fixed-point "
              "map, y^t = g(y^{t-1}) + dec(h^t), Jacobian-free backprop",
              nfp_params, NUM_P),
    .create = nfp_create,
    .destroy = nfp_destroy,
    .num_params = nfp_num_params,
    .num_iterates = nfp_num_iterates,
    .workspace_size = nfp_workspace_size,
    .init = nfp_init,
    .forward = nfp_forward,
    .backward = nfp_backward,
    .needs = AMOR_NEEDS_SOLVER,
    .needs_for = nfp_needs_for,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &nfp_desc.head : NULL;
}
