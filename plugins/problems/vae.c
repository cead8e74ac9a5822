/*
 * vae.c -- the `vae` problem (tutorial §7.1): amortized variational inference
 * in a VAE on Fashion-MNIST.  Context x: one image, 784 pixels / 255.
 * Solution y = (mu, log sigma^2) of a latent Gaussian q(z) = N(mu, sigma^2)
 * (2L numbers).  Objective: the negative ELBO under a fixed, trained
 * Bernoulli decoder with logits l(z) = dec(z),
 *
 *   f(y; x) = 1/S sum_s BCE(x, l(z_s)) + KL(N(mu, sigma^2) || N(0, I)),
 *   z_s = mu + sigma eps_s,   BCE(x, l) = sum_j softplus(l_j) - x_j l_j,
 *   KL = 1/2 sum_k (mu_k^2 + e^{v_k} - 1 - v_k),  v = log sigma^2.
 *
 * Noise.  value/value_grad take no rng, so eps_s is a function of the
 * context: noise = fixed (default) draws eps_s from a stream seeded by a hash
 * of the context's bytes, `noise_seed` and s, so f is a deterministic,
 * differentiable function of (x, y) -- solver curves of different methods
 * see the same objective, gradients are exact derivatives of the value and
 * finite differences check them.  noise = fresh also mixes in a
 * per-instance call counter, giving new noise at every call like the
 * tutorial's torch.randn_like (values then differ between calls).  Caveat
 * of fixed noise with few samples: a per-instance solver can fit the draw
 * (e.g. sigma = 1, mu = z* - eps reconstructs perfectly), reaching values
 * far below the -ELBO that independent noise measures; solver baselines
 * against amortized models should use fresh noise, or many samples.
 *
 * Hessian-vector products are exact (forward mode through the decoder), for
 * semi-amortized models that differentiate through gradient steps: finite
 * differences of a ReLU network's gradients spike whenever the step crosses
 * a kink, and those spikes wreck training through the steps.
 *
 * The decoder is a real VAE decoder: create() trains a standard VAE
 * (encoder 784 -> encoder_hidden -> 2L, decoder L -> decoder_hidden -> 784,
 * ReLU, Adam, one reparameterized sample per image) on the first
 * train_images training images, once, and caches the decoder in cache_dir
 * under a name keyed by every setting that affects it (see vae_cache_key).
 * Training is reproducible bit for bit from decoder_seed (with one BLAS
 * thread).  `report` names a file that receives the training summary,
 * including the held-out ELBO of the VAE on the 10000 test images.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "adam.h"
#include "amath.h"
#include "amor.h"
#include "cache.h"
#include "idx.h"

#define NPIX 784          /* 28 x 28 */
#define VAE_CHUNK 256     /* (context, sample) rows per decoder pass */
#define VAE_CACHE_VERSION 1 /* bump when training changes its result */
#define DATA_HINT                                                             \
    "Fashion-MNIST comes from Debian's package dataset-fashion-mnist "        \
    "(apt-get install dataset-fashion-mnist); or set parameter data_dir"

enum {
    P_DATA_DIR, P_SPLIT, P_LATENT, P_ENC_HIDDEN, P_DEC_HIDDEN, P_EPOCHS, P_LR,
    P_BATCH, P_SEED, P_TRAIN_IMAGES, P_CACHE_DIR, P_NOISE, P_SAMPLES,
    P_NOISE_SEED, P_REPORT, NUM_P
};

static const int64_t enc_hidden_default[] = {512, 256};
static const int64_t dec_hidden_default[] = {256, 512};

static const amor_param_decl vae_params[NUM_P] = {
    {"data_dir", AMOR_PARAM_STRING, "directory of the Fashion-MNIST IDX .gz files", 0,
     "/usr/share/datasets/fashion-mnist", NULL, 0, 0, 0, NULL},
    {"split", AMOR_PARAM_STRING, "images sample() draws contexts from", 0, "test",
     NULL, 0, 0, 0, "train|test"},
    {"latent", AMOR_PARAM_INT, "latent dimension L (y has 2L entries)", 10, NULL,
     NULL, 0, 1, 256, NULL},
    {"encoder_hidden", AMOR_PARAM_INT_LIST, "hidden widths of the VAE's own encoder",
     0, NULL, enc_hidden_default, 2, 1, 8192, NULL},
    {"decoder_hidden", AMOR_PARAM_INT_LIST, "hidden widths of the decoder", 0, NULL,
     dec_hidden_default, 2, 1, 8192, NULL},
    {"decoder_epochs", AMOR_PARAM_INT, "VAE training epochs over the training images",
     20, NULL, NULL, 0, 1, 10000, NULL},
    {"decoder_lr", AMOR_PARAM_REAL, "Adam step size of VAE training", 1e-3, NULL,
     NULL, 0, 1e-8, 1, NULL},
    {"decoder_batch", AMOR_PARAM_INT, "VAE training batch size", 128, NULL, NULL, 0,
     1, 65536, NULL},
    {"decoder_seed", AMOR_PARAM_INT, "seed of VAE initialization, shuffling and noise",
     1, NULL, NULL, 0, 0, 2147483647.0, NULL},
    {"train_images", AMOR_PARAM_INT, "train the VAE on the first N training images (0: all)",
     0, NULL, NULL, 0, 0, 1e9, NULL},
    {"cache_dir", AMOR_PARAM_STRING, "directory of the trained-decoder cache", 0,
     "results/cache", NULL, 0, 0, 0, NULL},
    {"noise", AMOR_PARAM_STRING,
     "fixed: eps a function of the context (deterministic f); fresh: new eps every call",
     0, "fixed", NULL, 0, 0, 0, "fixed|fresh"},
    {"samples", AMOR_PARAM_INT, "noise samples S averaged in the ELBO estimate", 1,
     NULL, NULL, 0, 1, 1024, NULL},
    {"noise_seed", AMOR_PARAM_INT, "seed mixed into the objective's noise", 0, NULL,
     NULL, 0, 0, 2147483647.0, NULL},
    {"report", AMOR_PARAM_STRING,
     "write the decoder's training summary to this file ('' = none; not part of the cache key)",
     0, "", NULL, 0, 0, 0, NULL},
};

/* What training measured; stored in the cache with the decoder. */
typedef struct vae_stats {
    double heldout_nelbo; /* mean -ELBO of the VAE (its encoder, 1 sample) on the test images */
    double train_nelbo;   /* mean training loss over the last epoch */
    double pixel_nll;     /* test -log-likelihood of independent Bernoulli pixels
                             at the training mean: what a decoder ignoring z gets */
    double seconds;       /* wall time of training */
    uint64_t steps, train_images, test_images;
} vae_stats;

typedef struct vae {
    size_t L;              /* latent dimension; ny = 2L */
    am_mlp dec;            /* L -> decoder_hidden -> NPIX logits, ReLU */
    double *theta;         /* (dec.num_params) */
    unsigned char *img;    /* (nimg, NPIX) the split sample() draws from */
    size_t nimg;
    int fresh;             /* noise = fresh */
    size_t S;              /* samples */
    uint64_t noise_key;    /* from noise_seed */
    uint64_t calls;        /* value/value_grad calls (noise = fresh) */
    vae_stats stats;
    /* scratch for one chunk of VAE_CHUNK (context, sample) rows */
    size_t *row_ctx;       /* (CH) context index of each row */
    double *eps;           /* (CH, L) noise */
    double *z;             /* (CH, L) latent samples */
    double *dz;            /* (CH, L) dL/dz */
    double *logit;         /* (CH, NPIX) logits, then dL/dlogits */
    void *ws;              /* decoder workspace for CH rows */
    double *gz;            /* (CH, L) hvp: dBCE/dz */
    double *tz;            /* (CH, L) hvp: direction in z */
    double *ta, *tb;       /* (CH, tw) hvp: tangents through the layers */
    size_t tw;             /* max(widest hidden layer, NPIX) */
} vae;

/* ------------------------------------------------------------------------ */
/* The objective's formulas                                                 */

/* -log p(x | logits l) = sum_j softplus(l_j) - x_j l_j over d pixels; if dl
 * is not NULL, dl = scale (sigmoid(l) - x) (dl may alias l). */
static double bce_logits(double *dl, const double *l, const double *x, size_t d,
                         double scale)
{
    double s = 0.0;
    size_t j;
    for (j = 0; j < d; j++) {
        double lj = l[j], e = exp(-fabs(lj));
        s += (lj > 0 ? lj : 0.0) + log1p(e) - x[j] * lj;
        if (dl) dl[j] = scale * ((lj >= 0 ? 1.0 : e) / (1.0 + e) - x[j]);
    }
    return s;
}

/* KL(N(mu, e^v) || N(0, I)) over L coordinates; adds its gradient (scaled)
 * to gmu, gv when not NULL. */
static double kl_normal(double *gmu, double *gv, const double *mu, const double *v,
                        size_t L, double scale)
{
    double s = 0.0;
    size_t k;
    for (k = 0; k < L; k++) {
        double ev = exp(v[k]);
        s += 0.5 * (mu[k] * mu[k] + ev - 1.0 - v[k]);
        if (gmu) gmu[k] += scale * mu[k];
        if (gv) gv[k] += scale * 0.5 * (ev - 1.0);
    }
    return s;
}

/* ------------------------------------------------------------------------ */
/* Deterministic noise                                                      */

static uint64_t mix64(uint64_t h)
{
    uint64_t s = h;
    return amor_splitmix64(&s);
}

/* A hash of the context's bytes (the bit patterns of its doubles). */
static uint64_t hash_context(const double *x, size_t d)
{
    uint64_t h = 0xcbf29ce484222325ull, w;
    size_t j;
    for (j = 0; j < d; j++) {
        memcpy(&w, &x[j], sizeof w);
        h = (h ^ w) * 0x100000001b3ull;
    }
    return mix64(h);
}

/* eps (L) for sample s of a context with hash hx. */
static void noise_for(double *eps, size_t L, uint64_t hx, uint64_t key, size_t s,
                      uint64_t call)
{
    amor_rng r;
    size_t k;
    amor_rng_seed(&r, hx ^ key ^ mix64(0x5eed0000ull + s) ^ mix64(~call));
    for (k = 0; k < L; k++) eps[k] = amor_rng_normal(&r);
}

/* ------------------------------------------------------------------------ */
/* Evaluation                                                               */

/* f (n) and, if grad != NULL, grad (n, 2L) for contexts x (n, NPIX) and
 * y (n, 2L).  Rows (i, s) go through the decoder VAE_CHUNK at a time, in the
 * same order for value and value_grad, so both give the same f. */
static void vae_eval(vae *v, size_t n, const double *x, const double *y, double *f,
                     double *grad)
{
    size_t L = v->L, S = v->S, ny = 2 * L, total = n * S, r0, r, k, i;
    uint64_t call = v->fresh ? ++v->calls : 0, hx = 0;
    double inv = 1.0 / (double)S;
    for (i = 0; i < n; i++) f[i] = 0.0;
    if (grad) memset(grad, 0, n * ny * sizeof *grad);
    for (r0 = 0; r0 < total; r0 += VAE_CHUNK) {
        size_t m = total - r0 < VAE_CHUNK ? total - r0 : VAE_CHUNK;
        for (r = 0; r < m; r++) {
            size_t row = r0 + r, ci = row / S, s = row % S;
            const double *mu = y + ci * ny, *lv = mu + L;
            double *e = v->eps + r * L, *z = v->z + r * L;
            if (s == 0) hx = hash_context(x + ci * NPIX, NPIX);
            noise_for(e, L, hx, v->noise_key, s, call);
            for (k = 0; k < L; k++) z[k] = mu[k] + exp(0.5 * lv[k]) * e[k];
            v->row_ctx[r] = ci;
        }
        am_mlp_forward(&v->dec, v->logit, v->theta, v->z, m, v->ws);
        for (r = 0; r < m; r++) {
            size_t ci = v->row_ctx[r];
            double *l = v->logit + r * NPIX;
            f[ci] += inv * bce_logits(grad ? l : NULL, l, x + ci * NPIX, NPIX, inv);
        }
        if (!grad) continue;
        memset(v->dz, 0, m * L * sizeof *v->dz);
        am_mlp_backward(&v->dec, v->dz, NULL, v->logit, v->theta, v->z, m, v->ws);
        for (r = 0; r < m; r++) {
            size_t ci = v->row_ctx[r];
            const double *lv = y + ci * ny + L, *dz = v->dz + r * L, *e = v->eps + r * L;
            double *gmu = grad + ci * ny, *gv = gmu + L;
            for (k = 0; k < L; k++) {
                gmu[k] += dz[k];
                gv[k] += dz[k] * e[k] * 0.5 * exp(0.5 * lv[k]);
            }
        }
    }
    for (i = 0; i < n; i++) {
        const double *mu = y + i * ny;
        f[i] += kl_normal(grad ? grad + i * ny : NULL, grad ? grad + i * ny + L : NULL, mu,
                          mu + L, L, 1.0);
    }
}

/* ------------------------------------------------------------------------ */
/* Exact Hessian-vector products                                            */

/* t_out (m, NPIX) = J t_in: the decoder's Jacobian at the rows of the last
 * am_mlp_forward (whose activations are in v->ws) times t_in (m, L), by
 * forward-mode differentiation: each affine layer without its bias, then
 * act'(Z) elementwise.  Uses v->ta, v->tb. */
static double *decoder_jvp(vae *v, const double *t_in, size_t m)
{
    const am_mlp *net = &v->dec;
    const double *cur = t_in;
    size_t l;
    for (l = 0;; l++) {
        size_t nin = net->dims[l], nout = net->dims[l + 1];
        double *lin = cur == v->ta ? v->tb : v->ta; /* never the input */
        double *out = cur == t_in ? v->tb : (double *)cur; /* cur is used up */
        const double *zl;
        am_dense_forward(lin, cur, v->theta + net->woff[l], NULL, m, nin, nout);
        if (l + 1 == net->nlayers) return lin;
        zl = (const double *)v->ws + m * net->hoff[l]; /* (m, nout) Z_l, then H_l */
        memset(out, 0, m * nout * sizeof *out);
        am_act_backward(out, lin, zl, zl + m * nout, m * nout, net->act);
        cur = out;
    }
}

/* hv (n, 2L) = (d^2 f / d y^2) dir for the fixed-noise objective.  The
 * decoder is piecewise linear in z (ReLU), so the Hessian of BCE(l(z)) in z
 * is exactly J' D J, D = diag(p (1 - p)), almost everywhere; with
 * z = mu + e^{v/2} (.) eps, c = dz/dv = e^{v/2} (.) eps / 2 and
 * dz = dmu + c (.) dv:
 *   H_mu = 1/S sum_s J'DJ dz + dmu
 *   H_v  = 1/S sum_s [c (.) J'DJ dz + g_s (.) c/2 (.) dv] + e^v/2 (.) dv,
 * g_s = dBCE/dz at z_s.  Noise is drawn as in vae_eval (one call). */
static void vae_hvp_eval(vae *v, size_t n, const double *x, const double *y,
                         const double *dir, double *hv)
{
    size_t L = v->L, S = v->S, ny = 2 * L, total = n * S, r0, r, k, j, i;
    uint64_t call = v->fresh ? ++v->calls : 0, hx = 0;
    double inv = 1.0 / (double)S;
    memset(hv, 0, n * ny * sizeof *hv);
    for (r0 = 0; r0 < total; r0 += VAE_CHUNK) {
        size_t m = total - r0 < VAE_CHUNK ? total - r0 : VAE_CHUNK;
        double *u;
        for (r = 0; r < m; r++) {
            size_t row = r0 + r, ci = row / S, s = row % S;
            const double *mu = y + ci * ny, *lv = mu + L, *d = dir + ci * ny;
            double *e = v->eps + r * L, *z = v->z + r * L, *t = v->tz + r * L;
            if (s == 0) hx = hash_context(x + ci * NPIX, NPIX);
            noise_for(e, L, hx, v->noise_key, s, call);
            for (k = 0; k < L; k++) {
                double c = exp(0.5 * lv[k]) * e[k] * 0.5;
                z[k] = mu[k] + exp(0.5 * lv[k]) * e[k];
                t[k] = d[k] + c * d[L + k];
            }
            v->row_ctx[r] = ci;
        }
        am_mlp_forward(&v->dec, v->logit, v->theta, v->z, m, v->ws);
        u = decoder_jvp(v, v->tz, m); /* (m, NPIX) J dz; in ta or tb */
        for (r = 0; r < m; r++) { /* logit := p - x, and the tangent := p(1-p) J dz */
            const double *xr = x + v->row_ctx[r] * NPIX;
            double *l = v->logit + r * NPIX, *w = u + r * NPIX;
            for (j = 0; j < NPIX; j++) {
                double p = 1.0 / (1.0 + exp(-l[j]));
                l[j] = p - xr[j];
                w[j] *= p * (1.0 - p);
            }
        }
        memset(v->gz, 0, m * L * sizeof *v->gz);
        am_mlp_backward(&v->dec, v->gz, NULL, v->logit, v->theta, v->z, m, v->ws);
        memset(v->dz, 0, m * L * sizeof *v->dz);
        am_mlp_backward(&v->dec, v->dz, NULL, u, v->theta, v->z, m, v->ws);
        for (r = 0; r < m; r++) {
            size_t ci = v->row_ctx[r];
            const double *lv = y + ci * ny + L, *d = dir + ci * ny;
            const double *hz = v->dz + r * L, *g = v->gz + r * L, *e = v->eps + r * L;
            double *hm = hv + ci * ny, *hvv = hm + L;
            for (k = 0; k < L; k++) {
                double c = exp(0.5 * lv[k]) * e[k] * 0.5;
                hm[k] += inv * hz[k];
                hvv[k] += inv * (c * hz[k] + g[k] * 0.5 * c * d[L + k]);
            }
        }
    }
    for (i = 0; i < n; i++)
        for (k = 0; k < L; k++) {
            const double *d = dir + i * ny;
            hv[i * ny + k] += d[k];
            hv[i * ny + L + k] += 0.5 * exp(y[i * ny + L + k]) * d[L + k];
        }
}

/* ------------------------------------------------------------------------ */
/* VAE training (create, on a cache miss)                                   */

typedef struct vae_cfg {
    size_t L, epochs, batch, ntrain;
    double lr;
    uint64_t seed;
} vae_cfg;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void bytes_to_pixels(double *x, const unsigned char *b, size_t len)
{
    size_t j;
    for (j = 0; j < len; j++) x[j] = (double)b[j] / 255.0;
}

/* One pass of the VAE on x (B, NPIX): encoder -> h (B, 2L) = (mu, v),
 * z = mu + e^{v/2} eps, decoder -> logits (B, NPIX).  Returns the summed
 * -ELBO; with train, also accumulates gradients into dth (encoder then
 * decoder parameters, already zeroed), scaled by 1/B. */
typedef struct vae_pass {
    const am_mlp *enc, *dec;
    const double *th;  /* (enc.num_params + dec.num_params) */
    double *dth;       /* same layout */
    double *h, *dh;    /* (B, 2L) */
    double *eps, *z, *dz; /* (B, L) */
    double *logit;     /* (B, NPIX) */
    void *wenc, *wdec; /* workspaces for B rows */
} vae_pass;

static double vae_step(const vae_pass *p, size_t B, size_t L, const double *x,
                       amor_rng *rng, int train)
{
    const double *thd = p->th + p->enc->num_params;
    double total = 0.0, scale = 1.0 / (double)B;
    size_t i, k;
    am_mlp_forward(p->enc, p->h, p->th, x, B, p->wenc);
    for (i = 0; i < B; i++)
        for (k = 0; k < L; k++) {
            double e = amor_rng_normal(rng);
            p->eps[i * L + k] = e;
            p->z[i * L + k] = p->h[i * 2 * L + k] + exp(0.5 * p->h[i * 2 * L + L + k]) * e;
        }
    am_mlp_forward(p->dec, p->logit, thd, p->z, B, p->wdec);
    if (train) memset(p->dh, 0, B * 2 * L * sizeof *p->dh);
    for (i = 0; i < B; i++) {
        const double *mu = p->h + i * 2 * L;
        double *l = p->logit + i * NPIX;
        total += bce_logits(train ? l : NULL, l, x + i * NPIX, NPIX, scale);
        total += kl_normal(train ? p->dh + i * 2 * L : NULL,
                           train ? p->dh + i * 2 * L + L : NULL, mu, mu + L, L, scale);
    }
    if (!train) return total;
    memset(p->dz, 0, B * L * sizeof *p->dz);
    am_mlp_backward(p->dec, p->dz, p->dth + p->enc->num_params, p->logit, thd, p->z, B,
                    p->wdec);
    for (i = 0; i < B; i++)
        for (k = 0; k < L; k++) {
            double dz = p->dz[i * L + k];
            p->dh[i * 2 * L + k] += dz;
            p->dh[i * 2 * L + L + k] +=
                dz * p->eps[i * L + k] * 0.5 * exp(0.5 * p->h[i * 2 * L + L + k]);
        }
    am_mlp_backward(p->enc, NULL, p->dth, p->dh, p->th, x, B, p->wenc);
    return total;
}

/* Mean -log-likelihood on test of independent Bernoulli pixels with the
 * training images' mean intensities. */
static double pixel_baseline(const unsigned char *train, size_t ntrain,
                             const unsigned char *test, size_t ntest)
{
    double p[NPIX], s = 0.0;
    size_t i, j;
    for (j = 0; j < NPIX; j++) p[j] = 0.0;
    for (i = 0; i < ntrain; i++)
        for (j = 0; j < NPIX; j++) p[j] += train[i * NPIX + j];
    for (j = 0; j < NPIX; j++) {
        p[j] /= 255.0 * (double)ntrain;
        p[j] = p[j] < 1e-6 ? 1e-6 : p[j] > 1 - 1e-6 ? 1 - 1e-6 : p[j];
    }
    for (i = 0; i < ntest; i++)
        for (j = 0; j < NPIX; j++) {
            double x = test[i * NPIX + j] / 255.0;
            s -= x * log(p[j]) + (1 - x) * log1p(-p[j]);
        }
    return s / (double)ntest;
}

/* Train the VAE; the decoder's parameters go to theta_dec (dec->num_params).
 * Allocates its buffers once; returns AMOR_OK or AMOR_ENOMEM. */
static int train_vae(const vae_cfg *c, const am_mlp *enc, const am_mlp *dec,
                     const unsigned char *train, const unsigned char *test, size_t ntest,
                     double *theta_dec, vae_stats *st, char *err, size_t errlen)
{
    size_t L = c->L, N = c->ntrain, B = c->batch < N ? c->batch : N;
    size_t ne = enc->num_params, np = ne + dec->num_params, per_epoch = N / B, ep, b, i;
    size_t EB = B > VAE_CHUNK ? B : VAE_CHUNK; /* rows of the buffers */
    double *th = NULL, *dth = NULL, *am = NULL, *av = NULL, *x = NULL, *buf = NULL;
    size_t *perm = NULL;
    void *wenc = NULL, *wdec = NULL;
    amor_rng rinit, rtrain, reval;
    am_adam adam;
    vae_pass p;
    double t0 = now_seconds(), acc = 0.0;
    int rc = AMOR_OK;

    th = malloc(np * sizeof *th);
    dth = malloc(np * sizeof *dth);
    am = malloc(np * sizeof *am);
    av = malloc(np * sizeof *av);
    x = malloc(EB * NPIX * sizeof *x);
    buf = malloc(EB * (7 * L + NPIX) * sizeof *buf);
    perm = malloc(N * sizeof *perm);
    wenc = malloc(am_mlp_workspace_size(enc, EB));
    wdec = malloc(am_mlp_workspace_size(dec, EB));
    if (!th || !dth || !am || !av || !x || !buf || !perm || !wenc || !wdec) {
        rc = amor_errorf(err, errlen, AMOR_ENOMEM, "vae: out of memory for VAE training");
        goto done;
    }
    p = (vae_pass){enc, dec, th, dth, buf, buf + EB * 2 * L, buf + EB * 4 * L,
                   buf + EB * 5 * L, buf + EB * 6 * L, buf + EB * 7 * L, wenc, wdec};
    amor_rng_seed(&rinit, c->seed ^ 0x1a11a11a11a11a1ull);
    amor_rng_seed(&rtrain, c->seed ^ 0x2b22b22b22b22b2ull);
    amor_rng_seed(&reval, c->seed ^ 0x3c33c33c33c33c3ull);
    am_mlp_init_torch(enc, th, &rinit);
    am_mlp_init_torch(dec, th + ne, &rinit);
    adam = (am_adam){np, am, av, 0, c->lr, 0.9, 0.999, 1e-8, 0.0};
    am_adam_reset(&adam);
    for (i = 0; i < N; i++) perm[i] = i;
    for (ep = 0; ep < c->epochs; ep++) {
        for (i = N - 1; i > 0; i--) { /* Fisher-Yates */
            size_t j = (size_t)(amor_rng_uniform(&rtrain) * (double)(i + 1)), t;
            if (j > i) j = i;
            t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        acc = 0.0;
        for (b = 0; b < per_epoch; b++) {
            for (i = 0; i < B; i++)
                bytes_to_pixels(x + i * NPIX, train + perm[b * B + i] * NPIX, NPIX);
            memset(dth, 0, np * sizeof *dth);
            acc += vae_step(&p, B, L, x, &rtrain, 1);
            am_adam_step(&adam, th, dth);
        }
        st->steps += per_epoch;
    }
    st->train_nelbo = acc / (double)(per_epoch * B);
    st->seconds = now_seconds() - t0;
    for (i = 0, acc = 0.0; i < ntest; i += VAE_CHUNK) {
        size_t m = ntest - i < VAE_CHUNK ? ntest - i : VAE_CHUNK;
        bytes_to_pixels(x, test + i * NPIX, m * NPIX);
        acc += vae_step(&p, m, L, x, &reval, 0);
    }
    st->heldout_nelbo = acc / (double)ntest;
    st->pixel_nll = pixel_baseline(train, N, test, ntest);
    st->train_images = N;
    st->test_images = ntest;
    if (!isfinite(st->heldout_nelbo) || !isfinite(st->train_nelbo))
        rc = amor_errorf(err, errlen, AMOR_ENUMERIC,
                         "vae: VAE training diverged (held-out -ELBO %g); lower decoder_lr",
                         st->heldout_nelbo);
    else
        memcpy(theta_dec, th + ne, dec->num_params * sizeof *theta_dec);
done:
    free(th);
    free(dth);
    free(am);
    free(av);
    free(x);
    free(buf);
    free(perm);
    free(wenc);
    free(wdec);
    return rc;
}

/* ------------------------------------------------------------------------ */
/* The decoder cache key                                                    */

static void list_text(char *buf, size_t len, const amor_value *v)
{
    size_t k, used = 0;
    buf[0] = 0;
    for (k = 0; k < v->len && used < len; k++) {
        int w = snprintf(buf + used, len - used, "%s%lld", k ? "," : "", (long long)v->list[k]);
        if (w < 0) break;
        used += (size_t)w;
    }
}

static const char *endian_name(void)
{
    const uint16_t one = 1;
    unsigned char b;
    memcpy(&b, &one, 1);
    return b ? "little" : "big";
}

/* Every setting the trained decoder depends on, including the data files'
 * sizes and the number format of the stored parameters (train_images = 0,
 * all images, is determined by the training file). */
static void vae_cache_key(char *key, size_t len, const amor_value *pv,
                          unsigned long long train_bytes, unsigned long long test_bytes)
{
    char eh[512], dh[512];
    list_text(eh, sizeof eh, &pv[P_ENC_HIDDEN]);
    list_text(dh, sizeof dh, &pv[P_DEC_HIDDEN]);
    snprintf(key, len,
             "vae-decoder v%d latent=%lld encoder_hidden=%s decoder_hidden=%s act=relu "
             "epochs=%lld lr=%.17g batch=%lld seed=%lld train_images=%lld "
             "train_file_bytes=%llu test_file_bytes=%llu double=%zu endian=%s",
             VAE_CACHE_VERSION, (long long)pv[P_LATENT].i, eh, dh,
             (long long)pv[P_EPOCHS].i, pv[P_LR].r, (long long)pv[P_BATCH].i,
             (long long)pv[P_SEED].i, (long long)pv[P_TRAIN_IMAGES].i, train_bytes,
             test_bytes, sizeof(double), endian_name());
}

/* ------------------------------------------------------------------------ */
/* Plugin glue                                                              */

static void vae_destroy(void *inst)
{
    vae *v = inst;
    if (!v) return;
    am_mlp_free(&v->dec);
    free(v->theta);
    free(v->img);
    free(v->row_ctx);
    free(v->eps);
    free(v->z);
    free(v->dz);
    free(v->logit);
    free(v->ws);
    free(v->gz);
    free(v->tz);
    free(v->ta);
    free(v->tb);
    free(v);
}

static int make_mlp(am_mlp *m, size_t din, const amor_value *hid, size_t dout,
                    const char *what, char *err, size_t errlen)
{
    size_t dims[66], k;
    if (hid->len > 64)
        return amor_errorf(err, errlen, AMOR_EINVAL, "vae: parameter '%s' has more than 64 layers",
                           what);
    dims[0] = din;
    for (k = 0; k < hid->len; k++) dims[k + 1] = (size_t)hid->list[k];
    dims[hid->len + 1] = dout;
    return am_mlp_create(m, dims, hid->len + 1, AM_ACT_RELU, err, errlen);
}

static int read_images(am_idx *out, const char *path, char *err, size_t errlen)
{
    const am_idx_shape shape = {3, {0, 28, 28, 0}, {"images", "rows", "columns", NULL},
                                DATA_HINT};
    return am_idx_read(out, path, &shape, err, errlen);
}

static int write_report(const char *path, const char *cache, int hit, const char *key,
                        const vae_stats *st, char *err, size_t errlen)
{
    char tmp[4200];
    FILE *f;
    int ok;
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    if (!(f = fopen(tmp, "w")))
        return amor_errorf(err, errlen, AMOR_EDATA, "vae: cannot write report '%s': %s", tmp,
                           strerror(errno));
    fprintf(f, "cache_file: %s\ncache: %s\nkey: %s\n", cache, hit ? "hit" : "trained", key);
    fprintf(f, "train_images: %llu\ntest_images: %llu\nsteps: %llu\ntrain_seconds: %.6g\n",
            (unsigned long long)st->train_images, (unsigned long long)st->test_images,
            (unsigned long long)st->steps, st->seconds);
    fprintf(f, "train_nelbo_last_epoch: %.10g\nheldout_nelbo: %.10g\nheldout_elbo: %.10g\n",
            st->train_nelbo, st->heldout_nelbo, -st->heldout_nelbo);
    fprintf(f, "pixel_baseline_nll: %.10g\n", st->pixel_nll);
    ok = !ferror(f);
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        int e = errno;
        remove(tmp);
        return amor_errorf(err, errlen, AMOR_EDATA, "vae: cannot write report '%s': %s", path,
                           strerror(e));
    }
    return AMOR_OK;
}

static int vae_create(const amor_value *pv, void **inst, char *err, size_t errlen)
{
    char train_path[4096], test_path[4096], key[2048], cache[4200];
    const char *dir = pv[P_DATA_DIR].s;
    int use_train = !strcmp(pv[P_SPLIT].s, "train"), hit, rc;
    unsigned long long train_bytes, test_bytes;
    size_t L = (size_t)pv[P_LATENT].i, k, ntrain = (size_t)pv[P_TRAIN_IMAGES].i;
    am_idx train = {0}, test = {0};
    am_mlp enc = {0};
    am_cache_part parts[2];
    vae *v;

    if (strcmp(pv[P_SPLIT].s, "train") && strcmp(pv[P_SPLIT].s, "test"))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "vae: parameter 'split' must be train or test, got '%s'", pv[P_SPLIT].s);
    if (strcmp(pv[P_NOISE].s, "fixed") && strcmp(pv[P_NOISE].s, "fresh"))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "vae: parameter 'noise' must be fixed or fresh, got '%s'", pv[P_NOISE].s);
    for (k = 0; k < 2; k++) {
        const amor_value *h = &pv[k ? P_DEC_HIDDEN : P_ENC_HIDDEN];
        size_t j;
        for (j = 0; j < h->len; j++)
            if (h->list[j] < 1 || h->list[j] > 8192)
                return amor_errorf(err, errlen, AMOR_EINVAL,
                                   "vae: parameter '%s': element %zu must be in [1, 8192]",
                                   k ? "decoder_hidden" : "encoder_hidden", j + 1);
    }
    snprintf(train_path, sizeof train_path, "%s/train-images-idx3-ubyte.gz", dir);
    snprintf(test_path, sizeof test_path, "%s/t10k-images-idx3-ubyte.gz", dir);
    train_bytes = am_file_size(train_path);
    test_bytes = am_file_size(test_path);
    if (!train_bytes || !test_bytes) { /* the reader words the message */
        rc = read_images(&train, train_bytes ? test_path : train_path, err, errlen);
        am_idx_free(&train);
        return rc ? rc : amor_errorf(err, errlen, AMOR_EDATA, "vae: empty data file in '%s'", dir);
    }

    v = calloc(1, sizeof *v);
    if (!v) return amor_errorf(err, errlen, AMOR_ENOMEM, "vae: out of memory");
    v->L = L;
    v->S = (size_t)pv[P_SAMPLES].i;
    v->fresh = !strcmp(pv[P_NOISE].s, "fresh");
    v->noise_key = mix64(0x6e6f697365ull ^ (uint64_t)pv[P_NOISE_SEED].i);
    if ((rc = make_mlp(&v->dec, L, &pv[P_DEC_HIDDEN], NPIX, "decoder_hidden", err, errlen)))
        goto fail;
    v->theta = malloc(v->dec.num_params * sizeof *v->theta);
    v->row_ctx = malloc(VAE_CHUNK * sizeof *v->row_ctx);
    v->eps = malloc(VAE_CHUNK * L * sizeof *v->eps);
    v->z = malloc(VAE_CHUNK * L * sizeof *v->z);
    v->dz = malloc(VAE_CHUNK * L * sizeof *v->dz);
    v->logit = malloc(VAE_CHUNK * NPIX * sizeof *v->logit);
    v->ws = malloc(am_mlp_workspace_size(&v->dec, VAE_CHUNK));
    v->tw = v->dec.hmax > NPIX ? v->dec.hmax : NPIX;
    v->gz = malloc(VAE_CHUNK * L * sizeof *v->gz);
    v->tz = malloc(VAE_CHUNK * L * sizeof *v->tz);
    v->ta = malloc(VAE_CHUNK * v->tw * sizeof *v->ta);
    v->tb = malloc(VAE_CHUNK * v->tw * sizeof *v->tb);
    if (!v->theta || !v->row_ctx || !v->eps || !v->z || !v->dz || !v->logit || !v->ws ||
        !v->gz || !v->tz || !v->ta || !v->tb) {
        rc = amor_errorf(err, errlen, AMOR_ENOMEM, "vae: out of memory");
        goto fail;
    }

    /* The test images are always read: they are the held-out set of VAE
     * training and the default split; a header check on every create. */
    if ((rc = read_images(&test, test_path, err, errlen))) goto fail;
    if (use_train && (rc = read_images(&train, train_path, err, errlen))) goto fail;
    vae_cache_key(key, sizeof key, pv, train_bytes, test_bytes);
    am_cache_path(cache, sizeof cache, pv[P_CACHE_DIR].s, "vae-decoder", key);
    parts[0] = (am_cache_part){&v->stats, sizeof v->stats};
    parts[1] = (am_cache_part){v->theta, v->dec.num_params * sizeof *v->theta};
    hit = !am_cache_load(cache, key, parts, 2);
    if (!hit) {
        vae_cfg cfg;
        if (!train.data && (rc = read_images(&train, train_path, err, errlen))) goto fail;
        if (ntrain == 0) ntrain = train.dims[0];
        if (ntrain > train.dims[0]) {
            rc = amor_errorf(err, errlen, AMOR_EINVAL,
                             "vae: parameter 'train_images' is %zu but '%s' holds %zu images",
                             ntrain, train_path, train.dims[0]);
            goto fail;
        }
        if ((rc = make_mlp(&enc, NPIX, &pv[P_ENC_HIDDEN], 2 * L, "encoder_hidden", err, errlen)))
            goto fail;
        cfg = (vae_cfg){L, (size_t)pv[P_EPOCHS].i, (size_t)pv[P_BATCH].i, ntrain, pv[P_LR].r,
                        (uint64_t)pv[P_SEED].i};
        rc = train_vae(&cfg, &enc, &v->dec, train.data, test.data, test.dims[0], v->theta,
                       &v->stats, err, errlen);
        if (!rc) rc = am_cache_store(cache, key, parts, 2, err, errlen);
        if (rc) goto fail;
    }
    if (pv[P_REPORT].s[0] &&
        (rc = write_report(pv[P_REPORT].s, cache, hit, key, &v->stats, err, errlen)))
        goto fail;
    if (use_train) {
        v->img = train.data;
        v->nimg = train.dims[0];
        train.data = NULL;
    } else {
        v->img = test.data;
        v->nimg = test.dims[0];
        test.data = NULL;
    }
    am_idx_free(&train);
    am_idx_free(&test);
    am_mlp_free(&enc);
    *inst = v;
    return AMOR_OK;
fail:
    am_idx_free(&train);
    am_idx_free(&test);
    am_mlp_free(&enc);
    vae_destroy(v);
    return rc;
}

static void vae_dims(const void *inst, size_t *nx, size_t *ny)
{
    const vae *v = inst;
    *nx = NPIX;
    *ny = 2 * v->L;
}

static int vae_sample(void *inst, amor_rng *rng, size_t n, double *x, char *err,
                      size_t errlen)
{
    const vae *v = inst;
    size_t i;
    (void)err;
    (void)errlen;
    for (i = 0; i < n; i++) {
        size_t k = (size_t)(amor_rng_uniform(rng) * (double)v->nimg);
        if (k >= v->nimg) k = v->nimg - 1;
        bytes_to_pixels(x + i * NPIX, v->img + k * NPIX, NPIX);
    }
    return AMOR_OK;
}

static int vae_value(void *inst, size_t n, const double *x, const double *y, double *f,
                     char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    vae_eval(inst, n, x, y, f, NULL);
    return AMOR_OK;
}

static int vae_value_grad(void *inst, size_t n, const double *x, const double *y,
                          double *f, double *grad, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    vae_eval(inst, n, x, y, f, grad);
    return AMOR_OK;
}

static int vae_hvp(void *inst, size_t n, const double *x, const double *y, const double *dir,
                   double *hv, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    vae_hvp_eval(inst, n, x, y, dir, hv);
    return AMOR_OK;
}

static size_t vae_aux_dim(const void *inst)
{
    (void)inst;
    return NPIX;
}

/* out (n, NPIX) = sigmoid(dec(mu)): the decoder's mean image at z = mu. */
static int vae_aux(void *inst, size_t n, const double *x, const double *y, double *out,
                   char *err, size_t errlen)
{
    vae *v = inst;
    size_t L = v->L, i0, i, k;
    (void)x;
    (void)err;
    (void)errlen;
    for (i0 = 0; i0 < n; i0 += VAE_CHUNK) {
        size_t m = n - i0 < VAE_CHUNK ? n - i0 : VAE_CHUNK;
        for (i = 0; i < m; i++)
            for (k = 0; k < L; k++) v->z[i * L + k] = y[(i0 + i) * 2 * L + k];
        am_mlp_forward(&v->dec, out + i0 * NPIX, v->theta, v->z, m, v->ws);
    }
    for (i = 0; i < n * NPIX; i++) out[i] = 1.0 / (1.0 + exp(-out[i]));
    return AMOR_OK;
}

static const amor_problem_desc vae_desc = {
    AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "vae", "1.0",
              "VAE on Fashion-MNIST: -ELBO of y = (mu, log sigma^2) for an image x "
              "under a trained Bernoulli decoder",
              vae_params, NUM_P),
    vae_create,
    vae_destroy,
    vae_dims,
    vae_sample,
    vae_value,
    vae_value_grad,
    vae_hvp, /* exact: finite differences of a ReLU decoder's gradients spike at kinks */
    NULL, /* solve: no closed form */
    NULL, /* project */
    NULL, /* project_vjp */
    NULL, /* initial: zeros, lambda = (0, 0) = the prior */
    NULL, /* dictionary */
    vae_aux_dim,
    vae_aux,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &vae_desc.head : NULL;
}
