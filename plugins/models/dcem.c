/*
 * dcem.c -- the `dcem` model: the differentiable cross-entropy method (Amos
 * & Yarats, ICML 2020).  CEM runs per context in a learned latent space z
 * in R^latent_dim, decoded into the solution (the action sequence) by an
 * MLP y = dec_theta(z) -- on z alone as in the paper's cartpole decoder, or
 * on (z, x) with `condition`:
 *
 *   mu_0 = 0, sigma_0 = init_sigma;  for t < K = iters:
 *     z_j = mu_t + sigma_t .* eps_j,  j < N = samples
 *     f_j = f(dec(z_j); x)                      (N oracle values)
 *     a_j = -(f_j - mean f) / ((std f + 1e-6) tau)   (normalize; else -f_j / tau)
 *     w   = LML_k(a)  (soft: the elites' soft indicator, sum w = k = elites)
 *           or the indicator of the k lowest f (soft = false: plain CEM)
 *     mu_{t+1}    = sum_j w_j z_j / sum_j w_j
 *     sigma_{t+1} = sqrt(sum_j w_j (z_j - mu_{t+1})^2 / sum_j w_j + sigma_min^2)
 *
 * (std f over the N samples with the N - 1 divisor and the 1e-6, as the
 * reference code's normalize = True; tau = `temperature` divides where the
 * reference multiplies by its `temp`.)  Iterates y^t = dec(mu_t), t = 0..K
 * (T = K + 1); y^K is the prediction.  latent_dim = 0 is CEM directly over
 * y (z = y, no decoder, no parameters): the full-space baseline.
 *
 * Noise: forward gets no rng, so eps comes from an amor_rng per context
 * seeded by a hash of the context's bytes and `noise_seed`, drawn in the
 * order (t, j, coordinate): the same context and parameters give the same
 * samples, and finite differences in theta see a deterministic function.
 *
 * backward is exact reverse mode through every iteration: the decoder at
 * mu_t (the iterates) and at every sample, the weighted mean and standard
 * deviation, the LML projection (implicit differentiation, lml.h) and the
 * normalization.  f enters only through its values, so its gradient
 * (value_grad at every sample of a training forward) is all it needs -- no
 * Hessian: d f(dec(z)) / dz = J_dec' grad f.  With soft = false the elites
 * are piecewise constant in theta, the latent trajectory does not depend on
 * theta at all, and the gradient is that of the decoder at the mu_t.
 *
 * Workspace per context, in doubles (d the search dimension: latent_dim, or
 * ny when 0; S = K stored iterations with a decoder, 1 without): S N d
 * noise and samples each, S N values and weights, K N ny gradients (soft
 * with a decoder), N ny decoded samples, N (d + nx) decoder inputs
 * (condition), the means and scales, backward's adjoints, and the decoder's
 * activations for N rows per context (recomputed, one iteration at a time,
 * in backward rather than kept for all K).
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "amath.h"
#include "amhash.h"
#include "amor.h"
#include "lml.h"
#include "unroll.h"

#define DC_NORM_EPS 1e-6 /* added to the values' std (the reference's) */

enum {
    P_LATENT_DIM, P_SAMPLES, P_ELITES, P_ITERS, P_TEMPERATURE, P_SOFT, P_NORMALIZE,
    P_INIT_SIGMA, P_SIGMA_MIN, P_HIDDEN, P_ACTIVATION, P_CONDITION, P_NOISE_SEED, NUM_P
};

static const int64_t dc_hidden_default[] = {64, 64};

static const amor_param_decl dc_params[NUM_P] = {
    {"latent_dim", AMOR_PARAM_INT, "dimension of the latent space CEM searches (<= ny); "
     "0: CEM directly over y, no decoder", 2, NULL, NULL, 0, 0, 65536, NULL},
    {"samples", AMOR_PARAM_INT, "samples N per CEM iteration", 100, NULL, NULL, 0, 2, 1e6, NULL},
    {"elites", AMOR_PARAM_INT, "elites k per iteration (< samples)", 10, NULL, NULL, 0, 1, 1e6,
     NULL},
    {"iters", AMOR_PARAM_INT, "CEM iterations K (T = K + 1 iterates)", 10, NULL, NULL, 0, 1,
     1000, NULL},
    {"temperature", AMOR_PARAM_REAL, "tau > 0: the LML projection's input is -f / tau "
     "(after normalize)", 1.0, NULL, NULL, 0, 0, 1e6, NULL},
    {"soft", AMOR_PARAM_BOOL, "soft elites by the LML projection (DCEM); false: the "
     "k best samples (CEM)", 1, NULL, NULL, 0, 0, 1, NULL},
    {"normalize", AMOR_PARAM_BOOL, "standardize the N values per context before the "
     "temperature", 1, NULL, NULL, 0, 0, 1, NULL},
    {"init_sigma", AMOR_PARAM_REAL, "sigma_0 of every coordinate (mu_0 = 0)", 1.0, NULL, NULL,
     0, 0, 1e6, NULL},
    {"sigma_min", AMOR_PARAM_REAL, "floor of sigma: sqrt(variance + sigma_min^2)", 1e-6, NULL,
     NULL, 0, 0, 1e6, NULL},
    {"hidden", AMOR_PARAM_INT_LIST, "decoder hidden layer widths (empty: affine)", 0, NULL,
     dc_hidden_default, 2, 1, 65536, NULL},
    {"activation", AMOR_PARAM_STRING, "decoder hidden-layer activation", 0, "elu", NULL, 0, 0,
     0, AM_ACT_CHOICES},
    {"condition", AMOR_PARAM_BOOL, "the decoder also sees the context: dec(z, x) (the "
     "paper's: dec(z))", 0, NULL, NULL, 0, 0, 1, NULL},
    {"noise_seed", AMOR_PARAM_INT, "seed mixed into every context's sample noise", 0, NULL,
     NULL, 0, 0, 9007199254740992.0, NULL},
};

typedef struct dcem {
    const amor_oracle *o;
    am_mlp net;       /* din -> hidden -> ny (latent only) */
    size_t nx, ny;
    size_t d;         /* latent_dim; 0: CEM over y */
    size_t D;         /* the search space's dimension: d, or ny */
    size_t din;       /* decoder input: d (+ nx with condition) */
    size_t N, k, K;
    double tau, sigma0, sigma_min;
    int soft, normalize, condition;
    int tape;         /* every iteration kept for backward (a decoder) */
    uint64_t key;     /* noise_seed's stream */
} dcem;

/* Where everything lives in the workspace, for a batch of n.  L = K slots
 * with the tape, else 1; sample-major (j, i) so that sample j of all n
 * contexts is one oracle call on the rows of x. */
typedef struct dc_ws {
    double *mlp;      /* the decoder's activations for N n rows (first: aligned) */
    double *mu, *sig; /* (K + 1 or 1, n, D) */
    double *eps, *z;  /* (L, N, n, D) */
    double *f;        /* (L, N, n) */
    double *w;        /* (L, n, N) elite weights */
    double *g;        /* (K, N, n, ny) gradients of f (soft, tape) */
    double *ys;       /* (N, n, ny) decoded samples (decoder) */
    double *in;       /* (N n, din) decoder inputs (condition) */
    double *a;        /* (n, N) LML input; backward: its adjoint */
    double *bmu, *bsig; /* (n, D) adjoints of mu_t, sigma_t */
    double *bz;       /* (N, n, D) */
    double *by;       /* (N, n, ny) */
    double *bw;       /* (n, N) */
    double *bin;      /* (N n, din) (condition) */
    amor_rng *rng;    /* (n) one noise stream per context */
} dc_ws;

/* Carve ws (NULL: only count) for a batch of n; returns the bytes, SIZE_MAX
 * on overflow. */
static size_t dc_carve(const dcem *m, size_t n, void *ws, dc_ws *p)
{
    size_t L = m->tape ? m->K : 1, Lm = m->tape ? m->K + 1 : 1, nN, off = 0, bytes, mlp = 0;
    size_t sizes[16], k, cnt = 0, rngb;
    double **ptr[16];
    double *base;
    dc_ws count; /* counting only: the pointers land here, unused */
    if (!p) p = &count;
    if (am_mul_size(n, m->N, &nN)) return SIZE_MAX;
    if (m->d) {
        mlp = am_mlp_workspace_size(&m->net, nN);
        if (mlp == SIZE_MAX) return SIZE_MAX;
    }
#define DC_BUF(P, A, B, C)                                                            \
    do {                                                                              \
        size_t s_;                                                                    \
        if (am_mul_size((A), (B), &s_) || am_mul_size(s_, (C), &s_)) return SIZE_MAX; \
        ptr[cnt] = (P);                                                               \
        sizes[cnt++] = s_;                                                            \
    } while (0)
    DC_BUF(&p->mu, Lm, n, m->D);
    DC_BUF(&p->sig, Lm, n, m->D);
    DC_BUF(&p->eps, L, nN, m->D);
    DC_BUF(&p->z, L, nN, m->D);
    DC_BUF(&p->f, L, nN, 1);
    DC_BUF(&p->w, L, nN, 1);
    DC_BUF(&p->g, (m->tape && m->soft) ? m->K : 0, nN, m->ny);
    DC_BUF(&p->ys, m->d ? 1 : 0, nN, m->ny);
    DC_BUF(&p->in, m->condition ? 1 : 0, nN, m->din);
    DC_BUF(&p->a, 1, nN, 1);
    DC_BUF(&p->bmu, m->tape, n, m->D);
    DC_BUF(&p->bsig, m->tape, n, m->D);
    DC_BUF(&p->bz, m->tape, nN, m->D);
    DC_BUF(&p->by, m->tape, nN, m->ny);
    DC_BUF(&p->bw, m->tape, nN, 1);
    DC_BUF(&p->bin, m->tape && m->condition, nN, m->din);
#undef DC_BUF
    for (k = 0; k < cnt; k++)
        if (am_add_size(off, sizes[k], &off)) return SIZE_MAX;
    if (am_mul_size(n, sizeof(amor_rng), &rngb) || am_mul_size(off, sizeof(double), &bytes) ||
        am_add_size(bytes, mlp, &bytes) || am_add_size(bytes, rngb, &bytes))
        return SIZE_MAX;
    if (!ws) return bytes;
    p->mlp = ws;
    base = (double *)((char *)ws + mlp);
    for (k = 0, off = 0; k < cnt; k++) {
        *ptr[k] = base + off;
        off += sizes[k];
    }
    p->rng = (amor_rng *)(base + off);
    return bytes;
}

/* soft with a decoder: the samples' gradients are needed. */
static int dc_needs_grad(const amor_value *params)
{
    return params[P_LATENT_DIM].i > 0 && params[P_SOFT].i;
}

static uint32_t dc_needs_for(const amor_value *params)
{
    return dc_needs_grad(params) ? AMOR_NEEDS_GRAD : AMOR_NEEDS_VALUE;
}

static void dc_destroy(void *inst)
{
    dcem *m = inst;
    if (!m) return;
    if (m->d) am_mlp_free(&m->net);
    free(m);
}

static int dc_create(const amor_value *params, const amor_env *env, void **inst, char *err,
                     size_t errlen)
{
    const amor_oracle *o = env->oracle;
    int64_t d = params[P_LATENT_DIM].i, N = params[P_SAMPLES].i, k = params[P_ELITES].i;
    double tau = params[P_TEMPERATURE].r, s0 = params[P_INIT_SIGMA].r;
    uint64_t st;
    dcem *m;
    int rc;
    if (k >= N)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "dcem: parameter 'elites' (%lld) must be below 'samples' (%lld)",
                           (long long)k, (long long)N);
    if ((uint64_t)d > (uint64_t)env->ny)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "dcem: parameter 'latent_dim' (%lld) must not exceed the length "
                           "of the solution (the action sequence), ny = %zu",
                           (long long)d, env->ny);
    if (!(tau > 0))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "dcem: parameter 'temperature' must be > 0, got %.17g", tau);
    if (!(s0 > 0))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "dcem: parameter 'init_sigma' must be > 0, got %.17g", s0);
    if (!o || !o->value || (dc_needs_grad(params) && !o->value_grad))
        return amor_errorf(err, errlen, AMOR_ENOTSUP,
                           "dcem: the problem provides no %s, which the CEM samples need",
                           o && o->value ? "gradients (value_grad)" : "values");
    m = calloc(1, sizeof *m);
    if (!m) return amor_errorf(err, errlen, AMOR_ENOMEM, "dcem: out of memory");
    m->o = o;
    m->nx = env->nx;
    m->ny = env->ny;
    m->d = (size_t)d;
    m->D = d ? (size_t)d : env->ny;
    m->condition = d && params[P_CONDITION].i;
    m->din = m->d + (m->condition ? env->nx : 0);
    m->N = (size_t)N;
    m->k = (size_t)k;
    m->K = (size_t)params[P_ITERS].i;
    m->tau = tau;
    m->sigma0 = s0;
    m->sigma_min = params[P_SIGMA_MIN].r;
    m->soft = (int)params[P_SOFT].i;
    m->normalize = (int)params[P_NORMALIZE].i;
    m->tape = d > 0;
    st = 0x6463656d00000000ull ^ (uint64_t)params[P_NOISE_SEED].i;
    m->key = amor_splitmix64(&st);
    if (d) {
        rc = unroll_mlp_create(&m->net, &params[P_HIDDEN], params[P_ACTIVATION].s, m->din,
                               env->ny, "dcem", err, errlen);
        if (rc) {
            free(m);
            return rc;
        }
    }
    if (dc_carve(m, 1, NULL, NULL) == SIZE_MAX) {
        dc_destroy(m);
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "dcem: samples x iters x dimensions overflow the workspace size");
    }
    *inst = m;
    return AMOR_OK;
}

static size_t dc_num_params(const void *inst)
{
    const dcem *m = inst;
    return m->d ? m->net.num_params : 0;
}

static size_t dc_num_iterates(const void *inst)
{
    return ((const dcem *)inst)->K + 1;
}

static size_t dc_workspace_size(const void *inst, size_t n)
{
    dc_ws p;
    return dc_carve(inst, n, NULL, &p);
}

static int dc_init(void *inst, amor_rng *rng, double *theta, char *err, size_t errlen)
{
    const dcem *m = inst;
    (void)err;
    (void)errlen;
    if (m->d) am_mlp_init_torch(&m->net, theta, rng);
    return AMOR_OK;
}

/* The decoder's input rows (rows, din) for latent rows z (rows, d), row r
 * belonging to context r % n: z itself, or [z, x] with condition. */
static const double *dc_input(const dcem *m, const dc_ws *p, const double *z, const double *x,
                              size_t rows, size_t n)
{
    size_t r;
    if (!m->condition) return z;
    for (r = 0; r < rows; r++) {
        memcpy(p->in + r * m->din, z + r * m->d, m->d * sizeof *z);
        memcpy(p->in + r * m->din + m->d, x + (r % n) * m->nx, m->nx * sizeof *x);
    }
    return p->in;
}

/* y (rows, ny) = dec(z (rows, d)); the activations stay in p->mlp. */
static void dc_decode(const dcem *m, const dc_ws *p, const double *theta, double *y,
                      const double *z, const double *x, size_t rows, size_t n)
{
    am_mlp_forward(&m->net, y, theta, dc_input(m, p, z, x, rows, n), rows, p->mlp);
}

/* dtheta += and bz (rows, d) += the decoder's VJP at z for dy (rows, ny),
 * recomputing its activations first. */
static void dc_decode_back(const dcem *m, const dc_ws *p, const double *theta, double *dtheta,
                           double *bz, const double *dy, const double *z, const double *x,
                           size_t rows, size_t n)
{
    const double *in = dc_input(m, p, z, x, rows, n);
    size_t r, c;
    am_mlp_forward(&m->net, p->ys, theta, in, rows, p->mlp); /* p->ys: scratch */
    if (!m->condition) {
        am_mlp_backward(&m->net, bz, dtheta, dy, theta, in, rows, p->mlp);
        return;
    }
    memset(p->bin, 0, rows * m->din * sizeof *p->bin);
    am_mlp_backward(&m->net, p->bin, dtheta, dy, theta, in, rows, p->mlp);
    for (r = 0; r < rows; r++)
        for (c = 0; c < m->d; c++) bz[r * m->d + c] += p->bin[r * m->din + c];
}

/* The iterate y (n, ny) at the mean mu (n, D). */
static void dc_iterate(const dcem *m, const dc_ws *p, const double *theta, double *y,
                       const double *mu, const double *x, size_t n)
{
    if (m->d) dc_decode(m, p, theta, y, mu, x, n, n);
    else memcpy(y, mu, n * m->ny * sizeof *y);
}

/* Mean and, with the N - 1 divisor, standard deviation of v (N). */
static void dc_moments(const double *v, size_t N, double *mean, double *sd)
{
    double s = 0, q = 0;
    size_t j;
    for (j = 0; j < N; j++) s += v[j];
    s /= (double)N;
    for (j = 0; j < N; j++) q += (v[j] - s) * (v[j] - s);
    *mean = s;
    *sd = sqrt(q / (double)(N - 1));
}

/* w (N) = the indicator of the k lowest f (N), ties to the lower index. */
static void dc_hard_elites(double *w, const double *f, size_t N, size_t k)
{
    size_t e, j;
    for (j = 0; j < N; j++) w[j] = 0.0;
    for (e = 0; e < k; e++) {
        size_t best = N;
        for (j = 0; j < N; j++)
            if (w[j] == 0.0 && (best == N || f[j] < f[best])) best = j;
        w[best] = 1.0;
    }
}

/* mu1, sig1 (D) of context i from the weights w (N) of its samples z
 * (N, n, D) in sample-major rows. */
static void dc_update(const dcem *m, double *mu1, double *sig1, const double *w,
                      const double *z, size_t n, size_t i)
{
    size_t D = m->D, j, c;
    double W = 0;
    for (j = 0; j < m->N; j++) W += w[j];
    for (c = 0; c < D; c++) mu1[c] = 0, sig1[c] = 0;
    for (j = 0; j < m->N; j++)
        for (c = 0; c < D; c++) mu1[c] += w[j] * z[(j * n + i) * D + c];
    for (c = 0; c < D; c++) mu1[c] /= W;
    for (j = 0; j < m->N; j++)
        for (c = 0; c < D; c++) {
            double e = z[(j * n + i) * D + c] - mu1[c];
            sig1[c] += w[j] * e * e;
        }
    for (c = 0; c < D; c++) sig1[c] = sqrt(sig1[c] / W + m->sigma_min * m->sigma_min);
}

static int dc_forward(void *inst, const double *theta, size_t n, const double *x,
                      double *iterates, void *ws, unsigned flags, char *err, size_t errlen)
{
    const dcem *m = inst;
    const amor_oracle *o = m->o;
    size_t N = m->N, D = m->D, ny = m->ny, nN = n * N, i, j, c, t;
    int grads = m->tape && m->soft && (flags & AMOR_FORWARD_TRAIN), rc;
    dc_ws p;
    if (n == 0) return AMOR_OK;
    dc_carve(m, n, ws, &p);
    for (i = 0; i < n; i++) {
        uint64_t h = am_fnv1a(AM_FNV_START, x + i * m->nx, m->nx * sizeof *x) ^ m->key;
        amor_rng_seed(&p.rng[i], amor_splitmix64(&h));
        for (c = 0; c < D; c++) p.mu[i * D + c] = 0.0, p.sig[i * D + c] = m->sigma0;
    }
    dc_iterate(m, &p, theta, iterates, p.mu, x, n);
    for (t = 0; t < m->K; t++) {
        size_t s = m->tape ? t : 0;
        const double *mu = p.mu + (m->tape ? t : 0) * n * D, *sig = p.sig + (m->tape ? t : 0) * n * D;
        double *mu1 = p.mu + (m->tape ? t + 1 : 0) * n * D, *sig1 = p.sig + (m->tape ? t + 1 : 0) * n * D;
        double *eps = p.eps + s * nN * D, *z = p.z + s * nN * D, *f = p.f + s * nN;
        double *w = p.w + s * nN, *ys = m->d ? p.ys : z;
        for (i = 0; i < n; i++)
            for (j = 0; j < N; j++) amor_rng_normal_fill(&p.rng[i], D, eps + (j * n + i) * D);
        for (j = 0; j < N; j++)
            for (i = 0; i < n; i++)
                for (c = 0; c < D; c++) {
                    size_t q = (j * n + i) * D + c;
                    z[q] = mu[i * D + c] + sig[i * D + c] * eps[q];
                }
        if (m->d) dc_decode(m, &p, theta, ys, z, x, nN, n);
        for (j = 0; j < N; j++) {
            rc = grads ? o->value_grad(o->ctx, n, x, ys + j * n * ny, f + j * n,
                                       p.g + (t * nN + j * n) * ny)
                       : o->value(o->ctx, n, x, ys + j * n * ny, f + j * n);
            if (rc) return rc;
        }
        for (i = 0; i < n; i++) {
            double *a = p.a + i * N, *wi = w + i * N, mean = 0, sd = 0;
            for (j = 0; j < N; j++) {
                a[j] = f[j * n + i];
                if (!isfinite(a[j]))
                    return amor_errorf(err, errlen, AMOR_ENUMERIC,
                                       "dcem: non-finite objective %g at CEM iteration %zu, "
                                       "sample %zu of context %zu", a[j], t, j, i);
            }
            if (!m->soft) {
                dc_hard_elites(wi, a, N, m->k);
            } else {
                if (m->normalize) dc_moments(a, N, &mean, &sd);
                for (j = 0; j < N; j++)
                    a[j] = m->normalize ? -(a[j] - mean) / ((sd + DC_NORM_EPS) * m->tau)
                                        : -a[j] / m->tau;
                if (am_lml_forward(wi, NULL, a, 1, N, (double)m->k))
                    return amor_errorf(err, errlen, AMOR_ENUMERIC,
                                       "dcem: the LML projection failed at CEM iteration "
                                       "%zu of context %zu (objective / temperature "
                                       "overflows)", t, i);
            }
            dc_update(m, mu1 + i * D, sig1 + i * D, wi, z, n, i);
        }
        dc_iterate(m, &p, theta, iterates + (t + 1) * n * ny, mu1, x, n);
    }
    return AMOR_OK;
}

/* bf (N) = the adjoint of the values f (N) from that of a = -normalized f /
 * tau, ba (N). */
static void dc_values_back(const dcem *m, double *bf, const double *ba, const double *f)
{
    size_t N = m->N, j;
    double mean = 0, sd = 0, sb = 0, sbf = 0, den;
    if (!m->normalize) {
        for (j = 0; j < N; j++) bf[j] = -ba[j] / m->tau;
        return;
    }
    /* a_j = -(f_j - mean) / ((sd + e) tau):  with b_j = -ba_j / tau,
     * bf_j = (b_j - mean b) / (sd + e) - (sum_l b_l (f_l - mean) / (sd + e)^2)
     *        (f_j - mean) / ((N - 1) sd)   (the last term 0 at sd = 0) */
    dc_moments(f, N, &mean, &sd);
    den = sd + DC_NORM_EPS;
    for (j = 0; j < N; j++) {
        double b = -ba[j] / m->tau;
        sb += b;
        sbf += b * (f[j] - mean);
    }
    sb /= (double)N;
    for (j = 0; j < N; j++) {
        double b = -ba[j] / m->tau;
        bf[j] = (b - sb) / den;
        if (sd > 0) bf[j] -= sbf / (den * den) * (f[j] - mean) / ((double)(N - 1) * sd);
    }
}

static int dc_backward(void *inst, const double *theta, size_t n, const double *x,
                       const double *d_iterates, double *dtheta, void *ws, char *err,
                       size_t errlen)
{
    const dcem *m = inst;
    size_t N = m->N, D = m->D, ny = m->ny, nN = n * N, len = n * ny, i, j, c, tt;
    dc_ws p;
    (void)err;
    (void)errlen;
    if (n == 0 || !m->d) return AMOR_OK; /* no parameters without a decoder */
    dc_carve(m, n, ws, &p);
    memset(p.bmu, 0, n * D * sizeof *p.bmu);
    memset(p.bsig, 0, n * D * sizeof *p.bsig);
    dc_decode_back(m, &p, theta, dtheta, p.bmu, d_iterates + m->K * len, p.mu + m->K * n * D,
                   x, n, n);
    for (tt = m->K; tt-- > 0;) {
        const double *mu1 = p.mu + (tt + 1) * n * D, *sig1 = p.sig + (tt + 1) * n * D;
        const double *eps = p.eps + tt * nN * D, *z = p.z + tt * nN * D, *f = p.f + tt * nN;
        const double *w = p.w + tt * nN;
        /* through mu_{t+1} and sigma_{t+1} to the samples and the weights */
        for (i = 0; i < n; i++) {
            const double *wi = w + i * N;
            double W = 0;
            for (j = 0; j < N; j++) W += wi[j];
            for (j = 0; j < N; j++) {
                double bwj = 0; /* through the weights: only soft elites have a gradient there */
                for (c = 0; c < D; c++) {
                    size_t q = (j * n + i) * D + c;
                    double e = z[q] - mu1[i * D + c], s1 = sig1[i * D + c];
                    double v = s1 * s1 - m->sigma_min * m->sigma_min;
                    double bvc = p.bsig[i * D + c] / (2.0 * s1);
                    /* mu = sum w z / W, v = sum w e^2 / W (d v / d mu = 0:
                     * sum_j w_j e_j = 0) */
                    p.bz[q] = wi[j] / W * (p.bmu[i * D + c] + 2.0 * bvc * e);
                    if (m->soft) bwj += (p.bmu[i * D + c] * e + bvc * (e * e - v)) / W;
                }
                if (m->soft) p.bw[i * N + j] = bwj;
            }
        }
        if (m->soft) {
            /* through the LML projection and the values to the decoder at
             * every sample */
            memset(p.a, 0, nN * sizeof *p.a);
            am_lml_backward(p.a, p.bw, w, n, N);
            for (i = 0; i < n; i++) {
                double *bf = p.bw + i * N; /* row i of bw is read: reuse it */
                /* the context's values, gathered from the sample-major f */
                for (j = 0; j < N; j++) p.ys[j] = f[j * n + i];
                dc_values_back(m, bf, p.a + i * N, p.ys);
            }
            for (j = 0; j < N; j++)
                for (i = 0; i < n; i++) {
                    const double *g = p.g + (tt * nN + j * n + i) * ny;
                    double b = p.bw[i * N + j], *by = p.by + (j * n + i) * ny;
                    for (c = 0; c < ny; c++) by[c] = b * g[c];
                }
            dc_decode_back(m, &p, theta, dtheta, p.bz, p.by, z, x, nN, n);
        }
        /* z_j = mu_t + sigma_t eps_j */
        memset(p.bmu, 0, n * D * sizeof *p.bmu);
        memset(p.bsig, 0, n * D * sizeof *p.bsig);
        for (j = 0; j < N; j++)
            for (i = 0; i < n; i++)
                for (c = 0; c < D; c++) {
                    size_t q = (j * n + i) * D + c;
                    p.bmu[i * D + c] += p.bz[q];
                    p.bsig[i * D + c] += p.bz[q] * eps[q];
                }
        dc_decode_back(m, &p, theta, dtheta, p.bmu, d_iterates + tt * len, p.mu + tt * n * D,
                       x, n, n);
    }
    return AMOR_OK;
}

static const amor_model_desc dc_desc = {
    .head = AMOR_HEAD(amor_model_desc, AMOR_KIND_MODEL, "dcem", "1.0",
              "differentiable cross-entropy method: CEM in a learned latent space, soft "
              "elites by the LML projection (latent_dim = 0: CEM over y)",
              dc_params, NUM_P),
    .create = dc_create,
    .destroy = dc_destroy,
    .num_params = dc_num_params,
    .num_iterates = dc_num_iterates,
    .workspace_size = dc_workspace_size,
    .init = dc_init,
    .forward = dc_forward,
    .backward = dc_backward,
    .needs = AMOR_NEEDS_GRAD, /* the default's; needs_for is exact */
    .needs_for = dc_needs_for,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &dc_desc.head : NULL;
}
