/*
 * vaenet.c -- the math of the `vae` problem (see vaenet.h; vae.c documents
 * the objective and its noise): the -ELBO's formulas, its deterministic
 * noise, value and gradient, exact Hessian-vector products through the
 * decoder, the decoder's mean image, and the training of the VAE the
 * decoder comes from.
 */
#include "vaenet.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "adam.h"
#include "amath.h"
#include "amnoise.h"
#include "amor.h"

/* ------------------------------------------------------------------------ */
/* The evaluator's buffers                                                  */

int vn_elbo_alloc(vn_elbo *v, char *err, size_t errlen)
{
    size_t L = v->L;
    v->theta = malloc(v->dec.num_params * sizeof *v->theta);
    v->row_ctx = malloc(VN_CHUNK * sizeof *v->row_ctx);
    v->eps = malloc(VN_CHUNK * L * sizeof *v->eps);
    v->z = malloc(VN_CHUNK * L * sizeof *v->z);
    v->dz = malloc(VN_CHUNK * L * sizeof *v->dz);
    v->logit = malloc(VN_CHUNK * VN_NPIX * sizeof *v->logit);
    v->ws = malloc(am_mlp_workspace_size(&v->dec, VN_CHUNK));
    v->tw = v->dec.hmax > VN_NPIX ? v->dec.hmax : VN_NPIX;
    v->gz = malloc(VN_CHUNK * L * sizeof *v->gz);
    v->tz = malloc(VN_CHUNK * L * sizeof *v->tz);
    v->ta = malloc(VN_CHUNK * v->tw * sizeof *v->ta);
    v->tb = malloc(VN_CHUNK * v->tw * sizeof *v->tb);
    if (!v->theta || !v->row_ctx || !v->eps || !v->z || !v->dz || !v->logit || !v->ws ||
        !v->gz || !v->tz || !v->ta || !v->tb)
        return amor_errorf(err, errlen, AMOR_ENOMEM, "vae: out of memory");
    return AMOR_OK;
}

void vn_elbo_free(vn_elbo *v)
{
    am_mlp_free(&v->dec);
    free(v->theta);
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
}

/* ------------------------------------------------------------------------ */
/* The objective's formulas                                                 */

/* e[j] = exp(-|l_j|) and lp[j] = log1p(e[j]), j < d: the transcendental
 * part of the Bernoulli likelihood, a tenth of the encoder's training step
 * when done one pixel at a time.  glibc's vector math library (libmvec)
 * does 2, 4 or 8 at once -- the SSE2 variants on any x86-64, AVX2 and
 * AVX-512 ones picked when the plugin loads (an ifunc: no mutable state) --
 * accurate to a few ulp like the scalar functions, whose results they
 * match to rounding, not bit for bit.  Elsewhere, and under clang or
 * AddressSanitizer (whose ifunc resolvers would run before its runtime),
 * SSE2 or scalar. */
#define VN_SOFTPLUS_BLOCK 8
static void softplus_tail(double *e, double *lp, const double *l, size_t j, size_t d)
{
    for (; j < d; j++) {
        e[j] = exp(-fabs(l[j]));
        lp[j] = log1p(e[j]);
    }
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define VN_MVEC 1
/* libmvec's entry points (x86_64 vector function ABI names) */
__m128d _ZGVbN2v_exp(__m128d);
__m128d _ZGVbN2v_log1p(__m128d);

static void softplus_sse2(double *e, double *lp, const double *l, size_t d)
{
    const __m128d sign = _mm_set1_pd(-0.0);
    size_t j = 0;
    for (; j + 2 <= d; j += 2) {
        __m128d ev = _ZGVbN2v_exp(_mm_or_pd(_mm_loadu_pd(l + j), sign)); /* -|l| */
        _mm_storeu_pd(e + j, ev);
        _mm_storeu_pd(lp + j, _ZGVbN2v_log1p(ev));
    }
    softplus_tail(e, lp, l, j, d);
}

#if defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__)
#define VN_MVEC_WIDE 1
__attribute__((target("avx2"))) __m256d _ZGVdN4v_exp(__m256d);
__attribute__((target("avx2"))) __m256d _ZGVdN4v_log1p(__m256d);
__attribute__((target("avx512f"))) __m512d _ZGVeN8v_exp(__m512d);
__attribute__((target("avx512f"))) __m512d _ZGVeN8v_log1p(__m512d);

__attribute__((target("avx2"))) static void softplus_avx2(double *e, double *lp,
                                                          const double *l, size_t d)
{
    const __m256d sign = _mm256_set1_pd(-0.0);
    size_t j = 0;
    for (; j + 4 <= d; j += 4) {
        __m256d ev = _ZGVdN4v_exp(_mm256_or_pd(_mm256_loadu_pd(l + j), sign));
        _mm256_storeu_pd(e + j, ev);
        _mm256_storeu_pd(lp + j, _ZGVdN4v_log1p(ev));
    }
    softplus_tail(e, lp, l, j, d);
}

__attribute__((target("avx512f"))) static void softplus_avx512(double *e, double *lp,
                                                               const double *l, size_t d)
{
    const __m512i sign = _mm512_set1_epi64((long long)0x8000000000000000ull);
    size_t j = 0;
    for (; j + 8 <= d; j += 8) {
        __m512i v = _mm512_or_epi64(_mm512_castpd_si512(_mm512_loadu_pd(l + j)), sign);
        __m512d ev = _ZGVeN8v_exp(_mm512_castsi512_pd(v));
        _mm512_storeu_pd(e + j, ev);
        _mm512_storeu_pd(lp + j, _ZGVeN8v_log1p(ev));
    }
    softplus_tail(e, lp, l, j, d);
}

typedef void (*softplus_fn)(double *, double *, const double *, size_t);
static softplus_fn softplus_resolve(void)
{
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return softplus_avx512;
    if (__builtin_cpu_supports("avx2")) return softplus_avx2;
    return softplus_sse2;
}
static void softplus_parts(double *e, double *lp, const double *l, size_t d)
    __attribute__((ifunc("softplus_resolve")));
#else
#define softplus_parts softplus_sse2
#endif
#else
#define softplus_parts(e, lp, l, d) softplus_tail(e, lp, l, 0, d)
#endif

/* -log p(x | logits l) = sum_j softplus(l_j) - x_j l_j over d pixels; if dl
 * is not NULL, dl = scale (sigmoid(l) - x) (dl may alias l). */
static double bce_logits(double *dl, const double *l, const double *x, size_t d,
                         double scale)
{
    double s = 0.0, e[VN_NPIX], lp[VN_NPIX];
    size_t j, j0;
    for (j0 = 0; j0 < d; j0 += VN_NPIX) {
        size_t m = d - j0 < VN_NPIX ? d - j0 : VN_NPIX;
        softplus_parts(e, lp, l + j0, m);
        for (j = 0; j < m; j++) {
            double lj = l[j0 + j], ej = e[j];
            s += (lj > 0 ? lj : 0.0) + lp[j] - x[j0 + j] * lj;
            if (dl) dl[j0 + j] = scale * ((lj >= 0 ? 1.0 : ej) / (1.0 + ej) - x[j0 + j]);
        }
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
/* Deterministic noise (amnoise.c)                                          */

uint64_t vn_noise_key(uint64_t seed) { return am_noise_key(seed); }

/* ------------------------------------------------------------------------ */
/* Evaluation                                                               */

/* f (n) and, if grad != NULL, grad (n, 2L) for contexts x (n, VN_NPIX) and
 * y (n, 2L).  Rows (i, s) go through the decoder VN_CHUNK at a time, in the
 * same order for value and value_grad, so both give the same f. */
void vn_elbo_eval(vn_elbo *v, size_t n, const double *x, const double *y, double *f,
                  double *grad)
{
    size_t L = v->L, S = v->S, ny = 2 * L, total = n * S, r0, r, k, i;
    uint64_t call = v->fresh ? ++v->calls : 0, hx = 0;
    double inv = 1.0 / (double)S;
    for (i = 0; i < n; i++) f[i] = 0.0;
    if (grad) memset(grad, 0, n * ny * sizeof *grad);
    for (r0 = 0; r0 < total; r0 += VN_CHUNK) {
        size_t m = total - r0 < VN_CHUNK ? total - r0 : VN_CHUNK;
        for (r = 0; r < m; r++) {
            size_t row = r0 + r, ci = row / S, s = row % S;
            const double *mu = y + ci * ny, *lv = mu + L;
            double *e = v->eps + r * L, *z = v->z + r * L;
            if (s == 0) hx = am_noise_hash(x + ci * VN_NPIX, VN_NPIX);
            am_noise_fill(e, L, hx, v->noise_key, s, call);
            for (k = 0; k < L; k++) z[k] = mu[k] + exp(0.5 * lv[k]) * e[k];
            v->row_ctx[r] = ci;
        }
        am_mlp_forward(&v->dec, v->logit, v->theta, v->z, m, v->ws);
        for (r = 0; r < m; r++) {
            size_t ci = v->row_ctx[r];
            double *l = v->logit + r * VN_NPIX;
            f[ci] += inv * bce_logits(grad ? l : NULL, l, x + ci * VN_NPIX, VN_NPIX, inv);
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

/* t_out (m, VN_NPIX) = J t_in: the decoder's Jacobian at the rows of the last
 * am_mlp_forward (whose activations are in v->ws) times t_in (m, L), by
 * forward-mode differentiation: each affine layer without its bias, then
 * act'(Z) elementwise.  Uses v->ta, v->tb. */
static double *decoder_jvp(vn_elbo *v, const double *t_in, size_t m)
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
 * g_s = dBCE/dz at z_s.  Noise is drawn as in vn_elbo_eval (one call). */
void vn_elbo_hvp(vn_elbo *v, size_t n, const double *x, const double *y,
                 const double *dir, double *hv)
{
    size_t L = v->L, S = v->S, ny = 2 * L, total = n * S, r0, r, k, j, i;
    uint64_t call = v->fresh ? ++v->calls : 0, hx = 0;
    double inv = 1.0 / (double)S;
    memset(hv, 0, n * ny * sizeof *hv);
    for (r0 = 0; r0 < total; r0 += VN_CHUNK) {
        size_t m = total - r0 < VN_CHUNK ? total - r0 : VN_CHUNK;
        double *u;
        for (r = 0; r < m; r++) {
            size_t row = r0 + r, ci = row / S, s = row % S;
            const double *mu = y + ci * ny, *lv = mu + L, *d = dir + ci * ny;
            double *e = v->eps + r * L, *z = v->z + r * L, *t = v->tz + r * L;
            if (s == 0) hx = am_noise_hash(x + ci * VN_NPIX, VN_NPIX);
            am_noise_fill(e, L, hx, v->noise_key, s, call);
            for (k = 0; k < L; k++) {
                double c = exp(0.5 * lv[k]) * e[k] * 0.5;
                z[k] = mu[k] + exp(0.5 * lv[k]) * e[k];
                t[k] = d[k] + c * d[L + k];
            }
            v->row_ctx[r] = ci;
        }
        am_mlp_forward(&v->dec, v->logit, v->theta, v->z, m, v->ws);
        u = decoder_jvp(v, v->tz, m); /* (m, VN_NPIX) J dz; in ta or tb */
        for (r = 0; r < m; r++) { /* logit := p - x, and the tangent := p(1-p) J dz */
            const double *xr = x + v->row_ctx[r] * VN_NPIX;
            double *l = v->logit + r * VN_NPIX, *w = u + r * VN_NPIX;
            for (j = 0; j < VN_NPIX; j++) {
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
/* The decoder's mean image                                                 */

void vn_mean_image(vn_elbo *v, size_t n, const double *y, double *out)
{
    size_t L = v->L, i0, i, k;
    for (i0 = 0; i0 < n; i0 += VN_CHUNK) {
        size_t m = n - i0 < VN_CHUNK ? n - i0 : VN_CHUNK;
        for (i = 0; i < m; i++)
            for (k = 0; k < L; k++) v->z[i * L + k] = y[(i0 + i) * 2 * L + k];
        am_mlp_forward(&v->dec, out + i0 * VN_NPIX, v->theta, v->z, m, v->ws);
    }
    for (i = 0; i < n * VN_NPIX; i++) out[i] = 1.0 / (1.0 + exp(-out[i]));
}

/* ------------------------------------------------------------------------ */
/* VAE training (create, on a cache miss)                                   */

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void vn_bytes_to_pixels(double *x, const unsigned char *b, size_t len)
{
    size_t j;
    for (j = 0; j < len; j++) x[j] = (double)b[j] / 255.0;
}

/* One pass of the VAE on x (B, VN_NPIX): encoder -> h (B, 2L) = (mu, v),
 * z = mu + e^{v/2} eps, decoder -> logits (B, VN_NPIX).  Returns the summed
 * -ELBO; with train, also accumulates gradients into dth (encoder then
 * decoder parameters, already zeroed), scaled by 1/B. */
typedef struct vae_pass {
    const am_mlp *enc, *dec;
    const double *th;  /* (enc.num_params + dec.num_params) */
    double *dth;       /* same layout */
    double *h, *dh;    /* (B, 2L) */
    double *eps, *z, *dz; /* (B, L) */
    double *logit;     /* (B, VN_NPIX) */
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
        double *l = p->logit + i * VN_NPIX;
        total += bce_logits(train ? l : NULL, l, x + i * VN_NPIX, VN_NPIX, scale);
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
    double p[VN_NPIX], s = 0.0;
    size_t i, j;
    for (j = 0; j < VN_NPIX; j++) p[j] = 0.0;
    for (i = 0; i < ntrain; i++)
        for (j = 0; j < VN_NPIX; j++) p[j] += train[i * VN_NPIX + j];
    for (j = 0; j < VN_NPIX; j++) {
        p[j] /= 255.0 * (double)ntrain;
        p[j] = p[j] < 1e-6 ? 1e-6 : p[j] > 1 - 1e-6 ? 1 - 1e-6 : p[j];
    }
    for (i = 0; i < ntest; i++)
        for (j = 0; j < VN_NPIX; j++) {
            double x = test[i * VN_NPIX + j] / 255.0;
            s -= x * log(p[j]) + (1 - x) * log1p(-p[j]);
        }
    return s / (double)ntest;
}

/* Train the VAE; the decoder's parameters go to theta_dec (dec->num_params).
 * Allocates its buffers once; returns AMOR_OK, AMOR_ENOMEM or AMOR_ENUMERIC. */
int vn_train(const vn_cfg *c, const am_mlp *enc, const am_mlp *dec,
             const unsigned char *train, const unsigned char *test, size_t ntest,
             double *theta_dec, vn_stats *st, char *err, size_t errlen)
{
    size_t L = c->L, N = c->ntrain, B = c->batch < N ? c->batch : N;
    size_t ne = enc->num_params, np = ne + dec->num_params, per_epoch = N / B, ep, b, i;
    size_t EB = B > VN_CHUNK ? B : VN_CHUNK; /* rows of the buffers */
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
    x = malloc(EB * VN_NPIX * sizeof *x);
    buf = malloc(EB * (7 * L + VN_NPIX) * sizeof *buf);
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
                vn_bytes_to_pixels(x + i * VN_NPIX, train + perm[b * B + i] * VN_NPIX, VN_NPIX);
            memset(dth, 0, np * sizeof *dth);
            acc += vae_step(&p, B, L, x, &rtrain, 1);
            am_adam_step(&adam, th, dth);
        }
        st->steps += per_epoch;
    }
    st->train_nelbo = acc / (double)(per_epoch * B);
    st->seconds = now_seconds() - t0;
    for (i = 0, acc = 0.0; i < ntest; i += VN_CHUNK) {
        size_t m = ntest - i < VN_CHUNK ? ntest - i : VN_CHUNK;
        vn_bytes_to_pixels(x, test + i * VN_NPIX, m * VN_NPIX);
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
