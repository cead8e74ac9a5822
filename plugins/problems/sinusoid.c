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
    double *out, *res;    /* (mmax) network outputs; dL/dout */
    double *rout, *rres;  /* (mmax) R(out); R(dL/dout) */
    double *act;          /* (2 mmax hsum) per hidden layer l, for m points:
                             H_l (m, h_l) then R(H_l) (m, h_l), at m net.hoff[l] */
    double *dd, *dd2;     /* (2 mmax, hmax) deltas of one layer and the next:
                             D_l (m, h) in the gradient, [R(D_l); D_l] in the HVP */
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

/* A task has a handful of points (5 or 10): the learner's products are
 * (m, 40) by (40, 40), which BLAS runs near its peak, and much of the time
 * went to everything around them (bench/maml_oracle: the three oracle calls
 * of a MAML meta-step on 25 tasks took 168 us through am_mlp, about 40 % of
 * it outside BLAS; 112 us here).  So the learner has its own passes: the
 * first layer (one input) and the last (one output) are loops, not BLAS
 * calls of inner size 1; a product's output starts as bias rows or one
 * zeroing pass (am_dgemm's beta = 0 clears row by row, a memset call per
 * 40-wide row), followed by one ReLU or mask pass; H_l > 0 is the ReLU mask
 * (true exactly where Z_l > 0; NaN in neither), so Z_l is not kept;
 * gradients are written where they are formed, not zeroed as a whole and
 * accumulated.  The HVP runs the forward and R-forward together and keeps
 * H_l over R(H_l), and R(D_l) over D_l, so that one product of 2m rows does
 * the work of two of m; it skips D_0 = dL/dZ_0, which no Hessian term reads
 * (R(H_{-1}) = R(x) = 0).  The elementwise passes get AVX2 and AVX-512
 * clones; they neither reassociate nor contract, so every clone computes
 * the same bits. */

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__)
#define SIN_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define SIN_CLONES
#endif

/* H_l of hidden layer l, (m, h_l) for m points; R(H_l) follows, (m, h_l). */
static double *act_h(const sinusoid *p, size_t l, size_t m)
{
    return p->act + m * p->net.hoff[l];
}

/* C (m, n) = op(A) op(B) + C for a contiguous C that the caller has set. */
static void gemm_acc(int ta, int tb, size_t m, size_t n, size_t k, const double *a, size_t lda,
                     const double *b, size_t ldb, double *c)
{
    am_dgemm(ta, tb, m, n, k, 1.0, a, lda, b, ldb, 1.0, c, n);
}

/* dst (m, d): every row b */
SIN_CLONES
static void bias_rows(double *restrict dst, const double *restrict b, size_t m, size_t d)
{
    size_t j, k;
    for (j = 0; j < m; j++, dst += d)
        for (k = 0; k < d; k++) dst[k] = b[k];
}

/* h (n) = relu(h) */
SIN_CLONES
static void relu(double *restrict h, size_t n)
{
    size_t k;
    for (k = 0; k < n; k++) h[k] = h[k] > 0.0 ? h[k] : 0.0;
}

/* d (rows, w) = d where the matching row of h (m, w) is > 0, else 0; row j
 * of d is masked by row j mod m of h (stacked pairs share a mask). */
SIN_CLONES
static void relu_mask(double *restrict d, const double *restrict h, size_t rows, size_t m,
                      size_t w)
{
    size_t j, k;
    for (j = 0; j < rows; j++, d += w) {
        const double *hj = h + (j % m) * w;
        for (k = 0; k < w; k++) d[k] = hj[k] > 0.0 ? d[k] : 0.0;
    }
}

/* gw (d) = sum_j a_j u_j and, unless gb is NULL, gb (d) = sum_j u_j, for
 * rows u_j (m, d), written (the first layer's gradients, with a = x) */
SIN_CLONES
static void outer_sum(double *restrict gw, double *restrict gb, const double *restrict a,
                      const double *restrict u, size_t m, size_t d)
{
    size_t j, k;
    memset(gw, 0, d * sizeof *gw);
    if (gb) memset(gb, 0, d * sizeof *gb);
    for (j = 0; j < m; j++, u += d) {
        for (k = 0; k < d; k++) gw[k] += a[j] * u[k];
        if (gb)
            for (k = 0; k < d; k++) gb[k] += u[k];
    }
}

/* gb (d) = column sums of u (m, d), written, row by row */
SIN_CLONES
static void col_sum(double *restrict gb, const double *restrict u, size_t m, size_t d)
{
    size_t j, k;
    memset(gb, 0, d * sizeof *gb);
    for (j = 0; j < m; j++, u += d)
        for (k = 0; k < d; k++) gb[k] += u[k];
}

/* The first layer (one input): h (m, d) = relu(x_j w + b) and, unless rh is
 * NULL, rh (m, d) = [x_j w + b > 0] (x_j vw + vb), its R-forward along v.
 * (Masks are applied to stored values, never as "c ? a * b : 0": GCC does
 * not vectorize a product it could not evaluate on every lane.) */
SIN_CLONES
static void first_layer(double *restrict h, double *restrict rh, const double *restrict w,
                        const double *restrict b, const double *restrict vw,
                        const double *restrict vb, const double *restrict px, size_t m,
                        size_t d)
{
    size_t j, k;
    for (j = 0; j < m; j++, h += d) {
        for (k = 0; k < d; k++) h[k] = w[k] * px[j] + b[k];
        for (k = 0; k < d; k++) h[k] = h[k] > 0.0 ? h[k] : 0.0;
        if (rh) {
            for (k = 0; k < d; k++) rh[k] = vw[k] * px[j] + vb[k];
            for (k = 0; k < d; k++) rh[k] = h[k] > 0.0 ? rh[k] : 0.0;
            rh += d;
        }
    }
}

/* Through the last layer (one output, weights w (d)), from D_top = res (m)
 * and, unless rd is NULL, R(D_top) = rres (m): the rows below,
 *   d (m, d) = [h > 0] res_j w,  rd (m, d) = [h > 0] (rres_j w + res_j vw),
 * and gw (d) += sum_j res_j rh_j, the D^T R(H) term of the HVP. */
SIN_CLONES
static void top_delta(double *restrict d, double *restrict rd, double *restrict gw,
                      const double *restrict h, const double *restrict rh,
                      const double *restrict res, const double *restrict rres,
                      const double *restrict w, const double *restrict vw, size_t m, size_t dd)
{
    size_t j, k;
    for (j = 0; j < m; j++, h += dd, d += dd) {
        for (k = 0; k < dd; k++) d[k] = res[j] * w[k];
        for (k = 0; k < dd; k++) d[k] = h[k] > 0.0 ? d[k] : 0.0;
        if (rd) {
            for (k = 0; k < dd; k++) rd[k] = rres[j] * w[k] + res[j] * vw[k];
            for (k = 0; k < dd; k++) rd[k] = h[k] > 0.0 ? rd[k] : 0.0;
            for (k = 0; k < dd; k++) gw[k] += res[j] * rh[k];
            rd += dd, rh += dd;
        }
    }
}

/* The last layer (one output): out_j = b + h_j . w and, unless h2 is NULL,
 * + h2_j . w2, over rows h_j, h2_j (m, d); each dot product summed in eight
 * interleaved partial sums (lanes of one vector) added in a fixed order. */
#define SIN_LANES 8
SIN_CLONES
static void top_forward(double *restrict out, const double *restrict h,
                        const double *restrict w, double b, const double *restrict h2,
                        const double *restrict w2, size_t m, size_t d)
{
    size_t j, k, i;
    for (j = 0; j < m; j++, h += d) {
        double acc[SIN_LANES] = {0}, s = b;
        for (k = 0; k + SIN_LANES <= d; k += SIN_LANES)
            for (i = 0; i < SIN_LANES; i++) acc[i] += h[k + i] * w[k + i];
        if (h2) {
            for (k = 0; k + SIN_LANES <= d; k += SIN_LANES)
                for (i = 0; i < SIN_LANES; i++) acc[i] += h2[k + i] * w2[k + i];
            for (k = d - d % SIN_LANES; k < d; k++) s += h2[k] * w2[k];
            h2 += d;
        }
        for (k = d - d % SIN_LANES; k < d; k++) s += h[k] * w[k];
        out[j] = s + (((acc[0] + acc[4]) + (acc[2] + acc[6])) +
                      ((acc[1] + acc[5]) + (acc[3] + acc[7])));
    }
}

/* p->out (m) = the learner at px, every H_l kept at act_h(l). */
SIN_CLONES
static void learner_forward(sinusoid *p, const double *th, const double *px, size_t m)
{
    const am_mlp *net = &p->net;
    size_t L = net->nlayers, l, j;
    const double *w0 = th + net->woff[0], *b0 = th + net->boff[0];
    double *hl;
    if (L == 1) { /* no hidden layer: affine */
        for (j = 0; j < m; j++) p->out[j] = w0[0] * px[j] + b0[0];
        return;
    }
    first_layer(act_h(p, 0, m), NULL, w0, b0, NULL, NULL, px, m, net->dims[1]);
    for (l = 1; l + 1 < L; l++) {
        size_t nin = net->dims[l], nout = net->dims[l + 1];
        hl = act_h(p, l, m);
        bias_rows(hl, th + net->boff[l], m, nout);
        gemm_acc(AM_NOTRANS, AM_TRANS, m, nout, nin, act_h(p, l - 1, m), nin,
                 th + net->woff[l], nin, hl);
        relu(hl, m * nout);
    }
    top_forward(p->out, act_h(p, L - 2, m), th + net->woff[L - 1], th[net->boff[L - 1]], NULL,
                NULL, m, net->dims[L - 1]);
}

/* The MSE from p->out; p->res (m) = dL/dout = 2/m (out - py). */
static double mse_res(sinusoid *p, const double *py, size_t m)
{
    double s = 0.0, c = 2.0 / (double)m;
    size_t j;
    for (j = 0; j < m; j++) {
        double e = p->out[j] - py[j];
        s += e * e;
        p->res[j] = c * e;
    }
    return s / (double)m;
}

/* g (ny) = the MSE's gradient after learner_forward(th) and mse_res,
 * written.  With D_l = dL/dZ_l and D_top = res: gW_l = D_l^T H_{l-1},
 * gb_l = colsum D_l, D_{l-1} = [H_{l-1} > 0] D_l W_l. */
SIN_CLONES
static void mse_grad(sinusoid *p, const double *th, const double *px, size_t m, double *g)
{
    const am_mlp *net = &p->net;
    size_t L = net->nlayers, l = L - 1, j, nin = net->dims[l];
    const double *w = th + net->woff[l], *in;
    double *d = p->dd, *d2 = p->dd2, *t, gb = 0.0;
    if (L == 1) {
        outer_sum(g + net->woff[0], g + net->boff[0], px, p->res, m, 1);
        return;
    }
    /* the last layer (one output), and D (m, nin) of the layer below */
    in = act_h(p, l - 1, m);
    outer_sum(g + net->woff[l], NULL, p->res, in, m, nin);
    top_delta(d, NULL, NULL, in, NULL, p->res, NULL, w, NULL, m, nin);
    for (j = 0; j < m; j++) gb += p->res[j];
    g[net->boff[l]] = gb;
    while (--l > 0) { /* hidden layer l: D_l (m, nout) in d */
        size_t nout = nin;
        nin = net->dims[l];
        in = act_h(p, l - 1, m);
        memset(g + net->woff[l], 0, nout * nin * sizeof *g);
        gemm_acc(AM_TRANS, AM_NOTRANS, nout, nin, m, d, nout, in, nin, g + net->woff[l]);
        col_sum(g + net->boff[l], d, m, nout);
        memset(d2, 0, m * nin * sizeof *d2);
        gemm_acc(AM_NOTRANS, AM_NOTRANS, m, nin, nout, d, nout, th + net->woff[l], nin, d2);
        relu_mask(d2, in, m, m, nin);
        t = d, d = d2, d2 = t;
    }
    outer_sum(g + net->woff[0], g + net->boff[0], px, d, m, nin);
}

/* hv (ny) = H v of the support or query MSE (points px, py) at th, written:
 * Pearlmutter's R-operator along v, forward and R-forward in one pass.
 *
 * R-forward: R(Z_l) = R(H_{l-1}) W_l^T + H_{l-1} V_l^T + Vb_l with R(H_{-1}) =
 * R(x) = 0, R(H_l) = [H_l > 0] R(Z_l), R(out) = R(Z_top).
 * R-backward, D_top = res = 2/m (out - py), R(D_top) = 2/m R(out):
 *   hvW_l = R(D_l)^T H_{l-1} + D_l^T R(H_{l-1})   (one product: [R(D_l); D_l]^T
 *           [H_{l-1}; R(H_{l-1})]),  hvb_l = colsum R(D_l),
 *   D_{l-1} = [H_{l-1} > 0] D_l W_l,
 *   R(D_{l-1}) = [H_{l-1} > 0] (R(D_l) W_l + D_l V_l). */
SIN_CLONES
static void mse_hvp(sinusoid *p, const double *th, const double *v, const double *px,
                    const double *py, size_t m, double *hv)
{
    const am_mlp *net = &p->net;
    size_t L = net->nlayers, l, j, h = net->dims[1], nin;
    const double *w, *vw, *in, *rin;
    double c = 2.0 / (double)m, *d = p->dd, *d2 = p->dd2, *t, *hl, *rh, gb = 0.0;
    if (L == 1) { /* affine: R(out) = v_w x + v_b */
        for (j = 0; j < m; j++) p->rres[j] = c * (v[0] * px[j] + v[1]);
        outer_sum(hv, hv + 1, px, p->rres, m, 1);
        return;
    }
    /* forward and R-forward; R(H_l) right below H_l */
    hl = act_h(p, 0, m);
    first_layer(hl, hl + m * h, th + net->woff[0], th + net->boff[0], v + net->woff[0],
                v + net->boff[0], px, m, h);
    for (l = 1; l + 1 < L; l++) {
        size_t nout = net->dims[l + 1];
        nin = net->dims[l];
        in = act_h(p, l - 1, m);
        hl = act_h(p, l, m);
        rh = hl + m * nout;
        /* [Z_l; R(Z_l)] = [b; Vb] + [H; R(H)] W_l^T + [0; H V_l^T] */
        bias_rows(hl, th + net->boff[l], m, nout);
        bias_rows(rh, v + net->boff[l], m, nout);
        gemm_acc(AM_NOTRANS, AM_TRANS, 2 * m, nout, nin, in, nin, th + net->woff[l], nin, hl);
        gemm_acc(AM_NOTRANS, AM_TRANS, m, nout, nin, in, nin, v + net->woff[l], nin, rh);
        relu(hl, m * nout);
        relu_mask(rh, hl, m, m, nout);
    }
    /* the last layer: out, R(out) = R(H) w^T + H v^T + v_b, then D_top and
     * R(D_top) */
    l = L - 1;
    nin = net->dims[l];
    in = act_h(p, l - 1, m);
    rin = in + m * nin;
    w = th + net->woff[l];
    vw = v + net->woff[l];
    top_forward(p->out, in, w, th[net->boff[l]], NULL, NULL, m, nin);
    top_forward(p->rout, rin, w, v[net->boff[l]], in, vw, m, nin);
    for (j = 0; j < m; j++) {
        p->res[j] = c * (p->out[j] - py[j]);
        p->rres[j] = c * p->rout[j];
    }
    /* R-backward through it: hvW = sum_j R(D_j) H_j + D_j R(H_j); then
     * [R(D); D] (2m, nin) of the layer below */
    outer_sum(hv + net->woff[l], NULL, p->rres, in, m, nin);
    top_delta(d + m * nin, d, hv + net->woff[l], in, rin, p->res, p->rres, w, vw, m, nin);
    for (j = 0; j < m; j++) gb += p->rres[j];
    hv[net->boff[l]] = gb;
    while (--l > 0) { /* hidden layer l: [R(D_l); D_l] (2m, nout) in d */
        size_t nout = nin, rows = l > 1 ? 2 * m : m; /* D_{l-1} only if a layer below reads it */
        nin = net->dims[l];
        in = act_h(p, l - 1, m);
        memset(hv + net->woff[l], 0, nout * nin * sizeof *hv);
        gemm_acc(AM_TRANS, AM_NOTRANS, nout, nin, 2 * m, d, nout, in, nin, hv + net->woff[l]);
        col_sum(hv + net->boff[l], d, m, nout);
        /* [R(D_l) W_l + D_l V_l; D_l W_l] */
        memset(d2, 0, rows * nin * sizeof *d2);
        gemm_acc(AM_NOTRANS, AM_NOTRANS, rows, nin, nout, d, nout, th + net->woff[l], nin, d2);
        gemm_acc(AM_NOTRANS, AM_NOTRANS, m, nin, nout, d + m * nout, nout, v + net->woff[l], nin,
                 d2);
        relu_mask(d2, in, rows, m, nin);
        t = d, d = d2, d2 = t;
    }
    /* the first layer: R(x) = 0, so only R(D_0) */
    outer_sum(hv + net->woff[0], hv + net->boff[0], px, d, m, nin);
}

/* ------------------------------------------------------------------------ */
/* Plugin glue                                                              */

static void sin_destroy(void *inst)
{
    sinusoid *p = inst;
    if (!p) return;
    am_mlp_free(&p->net);
    free(p->theta0);
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
    size_t hw, row, nbuf;
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
    hw = p->net.hmax > 1 ? p->net.hmax : 1;
    /* per point: out, res, rout, rres, act (2 hsum), dd and dd2 (2 hmax each);
     * am_mlp_create checked that 2 hsum + 2 hmax fits, the products here are
     * checked too */
    if (am_mul_size(2, p->net.hsum + 2 * hw, &row) || am_add_size(row, 4, &row) ||
        am_mul_size(p->mmax, row, &nbuf) || am_mul_size(nbuf, sizeof(double), &nbuf))
        nbuf = SIZE_MAX;
    p->theta0 = malloc(p->net.num_params * sizeof *p->theta0);
    p->out = nbuf == SIZE_MAX ? NULL : malloc(nbuf);
    if (!p->theta0 || !p->out) {
        size_t m = p->mmax;
        sin_destroy(p);
        return amor_errorf(err, errlen, AMOR_ENOMEM,
                           "sinusoid: out of memory for %zu points per task", m);
    }
    p->res = p->out + p->mmax;
    p->rout = p->res + p->mmax;
    p->rres = p->rout + p->mmax;
    p->act = p->rres + p->mmax;
    p->dd = p->act + 2 * p->mmax * p->net.hsum;
    p->dd2 = p->dd + 2 * p->mmax * hw;
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
        learner_forward(p, th, px, m);
        f[i] = mse_res(p, py, m);
        if (grad) mse_grad(p, th, px, m, grad + i * ny);
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
        mse_hvp(p, y + i * ny, v + i * ny, px, py, m, hv + i * ny);
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
