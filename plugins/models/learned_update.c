/*
 * learned_update.c -- the `learned_update` model: a learned, coordinate-wise
 * recurrent update rule (Andrychowicz et al. 2016; Li & Malik 2017), unrolled
 * for K steps on f through the oracle.  Every coordinate i of every instance
 * runs the same small cell, with its own hidden state h_i (hidden):
 *
 *   u_i   = (y_i^{t-1}, s * df/dy_i(y^{t-1}; x), h_i^{t-1})       (2 + H)
 *   h_i^t = tanh(A u_i + a)                                        (H)
 *   y_i^t = y_i^{t-1} + sigma (c'h_i^t + c0)
 *
 * with h^0 = 0 and y^0 a learned constant vector (init = constant) or 0
 * (init = zero), the constant starting at 0 or, with init_std > 0, at a
 * truncated normal draw (a learner network as y needs that); s = grad_scale,
 * sigma = update_scale.
 * The n * ny coordinates of a batch are the rows of one dense layer, so a
 * step is two dgemm calls.
 *
 * theta = [A (H, 2 + H) | a (H) | c (H) | c0 (1) | y0 (ny, init = constant)].
 *
 * Gradient: the gradient input depends on y^{t-1}, so exact backpropagation
 * through time needs (d grad f / dy)' v = H v, the oracle's hvp.  grad =
 * truncated with window w < K detaches the state (y^{K-w}, h^{K-w}) that
 * enters the last w steps (as `y = y.detach()` in PyTorch before step
 * K-w+1): losses on the last w iterates reach theta only through the last w
 * steps, losses on earlier iterates through all their own steps.  With
 * w = K nothing precedes the window and the gradient is exact.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "amath.h"
#include "amor.h"

enum { P_STEPS, P_HIDDEN, P_INIT, P_GRAD, P_WINDOW, P_GRAD_SCALE, P_INIT_STD, P_UPDATE_SCALE,
       NUM_P };

static const amor_param_decl lu_params[NUM_P] = {
    {"steps", AMOR_PARAM_INT, "number of unrolled updates K (iterates y^0 .. y^K)",
     5, NULL, NULL, 0, 1, 1000, NULL},
    {"hidden", AMOR_PARAM_INT, "hidden state size H of the coordinate-wise cell",
     16, NULL, NULL, 0, 1, 4096, NULL},
    {"init", AMOR_PARAM_STRING, "y^0: a learned constant vector or zero", 0,
     "constant", NULL, 0, 0, 0, "constant|zero"},
    {"grad", AMOR_PARAM_STRING,
     "exact backpropagation through time (uses the hvp) or truncated to the "
     "last `window` steps", 0, "exact", NULL, 0, 0, 0, "exact|truncated"},
    {"window", AMOR_PARAM_INT,
     "grad = truncated: steps backpropagated (<= steps); ignored when exact", 1,
     NULL, NULL, 0, 1, 1000, NULL},
    {"grad_scale", AMOR_PARAM_REAL, "factor s on the gradient input of the cell",
     1.0, NULL, NULL, 0, 0, 1e12, NULL},
    {"init_std", AMOR_PARAM_REAL,
     "init = constant: y^0 starts at std times a normal truncated at 2 std (as "
     "unroll_gd's; a network's weights as y must not all start at 0); 0: y^0 = 0",
     0, NULL, NULL, 0, 0, 1e6, NULL},
    {"update_scale", AMOR_PARAM_REAL,
     "factor sigma on the cell's output: y^t = y^{t-1} + sigma (c'h^t + c0) (learned "
     "optimizers scale their output to the size of a step, e.g. 0.01 for a network's "
     "weights)", 1.0, NULL, NULL, 0, 0, 1e12, NULL},
};

typedef struct lu {
    size_t nx, ny, K, H, P; /* P = 2 + H, the cell's input width */
    int learn_y0;           /* init = constant */
    size_t cut;             /* detach the state y^cut, h^cut; 0 = never */
    double gscale;
    double init_std;        /* init = constant: std of y^0's start (0: zeros) */
    double uscale;          /* sigma on the update */
    const amor_oracle *o;
} lu;

/* Offsets into theta. */
static size_t off_a(const lu *m) { return m->H * m->P; }
static size_t off_c(const lu *m) { return off_a(m) + m->H; }
static size_t off_c0(const lu *m) { return off_c(m) + m->H; }
static size_t off_y0(const lu *m) { return off_c0(m) + 1; }

static void lu_destroy(void *inst) { free(inst); }

static int lu_create(const amor_value *params, const amor_env *env, void **inst,
                     char *err, size_t errlen)
{
    lu *m;
    int64_t K = params[P_STEPS].i, H = params[P_HIDDEN].i, w = params[P_WINDOW].i;
    const char *init = params[P_INIT].s, *grad = params[P_GRAD].s;
    int learn_y0, truncated;
    if (!strcmp(init, "constant")) learn_y0 = 1;
    else if (!strcmp(init, "zero")) learn_y0 = 0;
    else
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "learned_update: parameter 'init' must be constant "
                           "or zero, got '%s'", init);
    if (!strcmp(grad, "exact")) truncated = 0;
    else if (!strcmp(grad, "truncated")) truncated = 1;
    else
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "learned_update: parameter 'grad' must be exact or "
                           "truncated, got '%s'", grad);
    if (K < 1 || K > 1000 || H < 1 || H > 4096 || w < 1)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "learned_update: parameters 'steps' (%lld), 'hidden' "
                           "(%lld) or 'window' (%lld) out of range",
                           (long long)K, (long long)H, (long long)w);
    if (truncated && w > K)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "learned_update: parameter 'window' (%lld) must be <= "
                           "'steps' (%lld) with grad = truncated",
                           (long long)w, (long long)K);
    if (!env->oracle || !env->oracle->value_grad || !env->oracle->hvp)
        return amor_errorf(err, errlen, AMOR_ENOTSUP,
                           "learned_update: needs the problem's gradient "
                           "(value_grad) and hvp, which this problem lacks");
    m = calloc(1, sizeof *m);
    if (!m)
        return amor_errorf(err, errlen, AMOR_ENOMEM, "learned_update: out of memory");
    m->nx = env->nx;
    m->ny = env->ny;
    m->K = (size_t)K;
    m->H = (size_t)H;
    m->P = 2 + m->H;
    m->learn_y0 = learn_y0;
    m->cut = truncated && w < K ? (size_t)(K - w) : 0;
    m->gscale = params[P_GRAD_SCALE].r;
    m->init_std = params[P_INIT_STD].r;
    m->uscale = params[P_UPDATE_SCALE].r;
    m->o = env->oracle;
    *inst = m;
    return AMOR_OK;
}

static size_t lu_num_params(const void *inst)
{
    const lu *m = inst;
    return off_y0(m) + (m->learn_y0 ? m->ny : 0);
}

static size_t lu_num_iterates(const void *inst)
{
    return ((const lu *)inst)->K + 1;
}

/* ws, in doubles, with N = n ny coordinates:
 *   U    (K, N, P)  cell inputs of every step (y^{t-1}, s g, h^{t-1})
 *   Hs   (K, N, H)  hidden states h^1 .. h^K
 *   f    (n)        values the oracle returns (unused)
 *   g    (N)        gradient (forward), y^{t-1} gathered (backward)
 *   ybar (N), v (N), hv (N)           adjoints of y, hvp input and output
 *   hbar (N, H), dZ (N, H), dU (N, P) adjoint of h, of the pre-activation,
 *                                     of the cell input */
static size_t lu_workspace_size(const void *inst, size_t n)
{
    const lu *m = inst;
    size_t N, per, a, b;
    if (am_mul_size(n, m->ny, &N)) return SIZE_MAX;
    per = m->P + m->H; /* per step and coordinate */
    if (am_mul_size(m->K, per, &a) || am_add_size(a, 4 + 2 * m->H + m->P, &a) ||
        am_mul_size(a, N, &a) || am_add_size(a, n, &a) ||
        am_mul_size(a, sizeof(double), &b))
        return SIZE_MAX;
    return b;
}

/* A, a: nn.Linear(2 + H, H); c, c0: nn.Linear(H, 1); y0 = 0, or drawn
 * after the cell's weights with init_std > 0. */
static int lu_init(void *inst, amor_rng *rng, double *theta, char *err,
                   size_t errlen)
{
    const lu *m = inst;
    double ba = 1.0 / sqrt((double)m->P), bc = 1.0 / sqrt((double)m->H);
    (void)err;
    (void)errlen;
    am_fill_uniform(theta, m->H * m->P, -ba, ba, rng);
    am_fill_uniform(theta + off_a(m), m->H, -ba, ba, rng);
    am_fill_uniform(theta + off_c(m), m->H + 1, -bc, bc, rng);
    if (m->learn_y0 && m->init_std > 0) {
        size_t i;
        for (i = 0; i < m->ny; i++) theta[off_y0(m) + i] = am_truncnormal(rng, m->init_std);
    } else if (m->learn_y0)
        memset(theta + off_y0(m), 0, m->ny * sizeof *theta);
    return AMOR_OK;
}

typedef struct lu_ws {
    double *U, *Hs, *f, *g, *ybar, *v, *hv, *hbar, *dZ, *dU;
} lu_ws;

static lu_ws carve(const lu *m, size_t n, void *ws)
{
    size_t N = n * m->ny;
    lu_ws w;
    w.U = ws;
    w.Hs = w.U + m->K * N * m->P;
    w.f = w.Hs + m->K * N * m->H;
    w.g = w.f + n;
    w.ybar = w.g + N;
    w.v = w.ybar + N;
    w.hv = w.v + N;
    w.hbar = w.hv + N;
    w.dZ = w.hbar + N * m->H;
    w.dU = w.dZ + N * m->H;
    return w;
}

static int lu_forward(void *inst, const double *theta, size_t n,
                      const double *x, double *iterates, void *ws,
                      unsigned flags, char *err, size_t errlen)
{
    const lu *m = inst;
    size_t N = n * m->ny, H = m->H, P = m->P, t, r;
    const double *A = theta, *a = theta + off_a(m), *c = theta + off_c(m),
                 *c0 = theta + off_c0(m);
    lu_ws w = carve(m, n, ws);
    /* backward needs every step's cell inputs and hidden states; an
     * evaluation keeps one step's inputs and two hidden states (the
     * workspace's other pages are never touched: 2.9 GB for 600 sine
     * tasks at K = 10, 21 s of page faults, before) */
    int train = (flags & AMOR_FORWARD_TRAIN) != 0, rc;
    (void)err;
    (void)errlen;
    if (n == 0) return AMOR_OK;
    if (m->learn_y0) am_rows_fill(iterates, theta + off_y0(m), n, m->ny);
    else memset(iterates, 0, N * sizeof *iterates);
    for (t = 1; t <= m->K; t++) {
        const double *yp = iterates + (t - 1) * N;
        double *yt = iterates + t * N;
        double *Ut = w.U + (train ? t - 1 : 0) * N * P;
        double *Ht = w.Hs + (train ? t - 1 : (t - 1) % 2) * N * H;
        const double *Hp = t < 2 ? NULL : w.Hs + (train ? t - 2 : t % 2) * N * H; /* h^{t-1} */
        if ((rc = m->o->value_grad(m->o->ctx, n, x, yp, w.f, w.g))) return rc;
        for (r = 0; r < N; r++) {
            double *u = Ut + r * P;
            u[0] = yp[r];
            u[1] = m->gscale * w.g[r];
            if (t == 1) memset(u + 2, 0, H * sizeof *u);
            else memcpy(u + 2, Hp + r * H, H * sizeof *u);
        }
        am_dense_forward(Ht, Ut, A, a, N, P, H);
        am_act_forward(Ht, Ht, N * H, AM_ACT_TANH);
        am_dense_forward(yt, Ht, c, c0, N, H, 1); /* the update */
        if (m->uscale != 1.0) am_dscal(N, m->uscale, yt);
        am_daxpy(N, 1.0, yp, yt);
    }
    return AMOR_OK;
}

static int all_zero(const double *p, size_t len)
{
    size_t k;
    for (k = 0; k < len; k++)
        if (p[k] != 0.0) return 0;
    return 1;
}

static int lu_backward(void *inst, const double *theta, size_t n,
                       const double *x, const double *d_iterates,
                       double *dtheta, void *ws, char *err, size_t errlen)
{
    const lu *m = inst;
    size_t N = n * m->ny, H = m->H, P = m->P, t, r;
    const double *A = theta, *c = theta + off_c(m);
    double *dA = dtheta, *da = dtheta + off_a(m), *dc = dtheta + off_c(m),
           *dc0 = dtheta + off_c0(m);
    lu_ws w = carve(m, n, ws);
    int hzero = 1, rc;
    (void)err;
    (void)errlen;
    if (n == 0) return AMOR_OK;
    /* ybar = dL/dy^t, hbar = dL/dh^t, each total over all later paths */
    memcpy(w.ybar, d_iterates + m->K * N, N * sizeof *w.ybar);
    memset(w.hbar, 0, N * H * sizeof *w.hbar);
    for (t = m->K; t >= 1; t--) {
        const double *Ut = w.U + (t - 1) * N * P, *Ht = w.Hs + (t - 1) * N * H;
        /* y^{t-1} enters theta's gradient only if it is not the constant 0 */
        int need_prev = t > 1 || m->learn_y0;
        if (!hzero || !all_zero(w.ybar, N)) {
            /* y^t = y^{t-1} + sigma (c'h^t + c0): ybar flows on to y^{t-1}
             * unchanged, sigma ybar into the cell (w.v is free until below) */
            const double *dout = w.ybar;
            if (m->uscale != 1.0) {
                for (r = 0; r < N; r++) w.v[r] = m->uscale * w.ybar[r];
                dout = w.v;
            }
            am_dense_backward(w.hbar, dc, dc0, dout, Ht, c, N, H, 1);
            memset(w.dZ, 0, N * H * sizeof *w.dZ);
            am_act_backward(w.dZ, w.hbar, Ht, Ht, N * H, AM_ACT_TANH);
            memset(w.dU, 0, N * P * sizeof *w.dU);
            am_dense_backward(w.dU, dA, da, w.dZ, Ut, A, N, P, H);
            if (need_prev) {
                for (r = 0; r < N; r++) {
                    w.ybar[r] += w.dU[r * P];
                    w.v[r] = m->gscale * w.dU[r * P + 1];
                    w.g[r] = Ut[r * P]; /* y^{t-1} */
                }
                if (!all_zero(w.v, N)) { /* through g = grad f(y^{t-1}) */
                    if ((rc = m->o->hvp(m->o->ctx, n, x, w.g, w.v, w.hv))) return rc;
                    am_daxpy(N, 1.0, w.hv, w.ybar);
                }
            }
            for (r = 0; r < N; r++)
                memcpy(w.hbar + r * H, w.dU + r * P + 2, H * sizeof *w.hbar);
            hzero = 0;
        }
        if (t - 1 == m->cut && m->cut > 0) { /* truncated: detach the state */
            memset(w.ybar, 0, N * sizeof *w.ybar);
            memset(w.hbar, 0, N * H * sizeof *w.hbar);
            hzero = 1;
        }
        am_daxpy(N, 1.0, d_iterates + (t - 1) * N, w.ybar);
    }
    if (m->learn_y0) am_colsum_acc(dtheta + off_y0(m), w.ybar, n, m->ny);
    return AMOR_OK;
}

static const amor_model_desc lu_desc = {
    .head = AMOR_HEAD(amor_model_desc, AMOR_KIND_MODEL, "learned_update", "1.0",
              "learned coordinate-wise recurrent update rule y += c'tanh(A(y, "
              "grad, h) + a) + c0, unrolled K steps",
              lu_params, NUM_P),
    .create = lu_create,
    .destroy = lu_destroy,
    .num_params = lu_num_params,
    .num_iterates = lu_num_iterates,
    .workspace_size = lu_workspace_size,
    .init = lu_init,
    .forward = lu_forward,
    .backward = lu_backward,
    .needs = AMOR_NEEDS_GRAD,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &lu_desc.head : NULL;
}
