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
 *
 * Splits.  Amortized models train on the training images and are evaluated
 * on the test images: sample_split(AMOR_SPLIT_TRAIN) and `sample` draw from
 * all 60000 images of the training file (whatever train_images the decoder
 * used), sample_split(AMOR_SPLIT_HELDOUT) from the 10000 of the test file,
 * so no held-out context is ever a training context (the two files share
 * no image).  heldout = train makes the held-out split draw from the
 * training images instead -- the images models trained on, for an
 * overfitting check; the splits then overlap by design.  The decoder never
 * sees a test image either: VAE training reads the training file only and
 * merely measures its held-out ELBO on the test file.
 *
 * The math -- the objective's formulas, its noise, value, gradient and
 * exact HVP, and VAE training -- is in plugins/common/vaenet.c; this file
 * declares the parameters, reads the images, keys and caches the decoder
 * and fills the problem descriptor.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "amath.h"
#include "amhash.h"
#include "amor.h"
#include "cache.h"
#include "idx.h"
#include "vaenet.h"

#define VAE_CACHE_VERSION 2 /* bump when training (vn_train) changes its result (2: libmvec exp, log1p) */
#define DATA_HINT                                                             \
    "Fashion-MNIST comes from Debian's package dataset-fashion-mnist "        \
    "(apt-get install dataset-fashion-mnist); or set parameter data_dir"

enum {
    P_DATA_DIR, P_HELDOUT, P_LATENT, P_ENC_HIDDEN, P_DEC_HIDDEN, P_EPOCHS, P_LR,
    P_BATCH, P_SEED, P_TRAIN_IMAGES, P_CACHE_DIR, P_NOISE, P_SAMPLES,
    P_NOISE_SEED, P_REPORT, NUM_P
};

static const int64_t enc_hidden_default[] = {512, 256};
static const int64_t dec_hidden_default[] = {256, 512};

static const amor_param_decl vae_params[NUM_P] = {
    {"data_dir", AMOR_PARAM_STRING, "directory of the Fashion-MNIST IDX .gz files", 0,
     "/usr/share/datasets/fashion-mnist", NULL, 0, 0, 0, NULL},
    {"heldout", AMOR_PARAM_STRING,
     "images of the held-out split: test, or train (the training images: an overfitting check)",
     0, "test", NULL, 0, 0, 0, "test|train"},
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

typedef struct vae {
    vn_elbo e;             /* the objective: decoder, noise, scratch */
    unsigned char *train;  /* (ntrain, VN_NPIX) the training file: the train split */
    unsigned char *test;   /* (ntest, VN_NPIX) the test file */
    size_t ntrain, ntest;
    int heldout_train;     /* heldout = train: the held-out split draws from `train` */
    vn_stats stats;        /* what training measured (cached with the decoder) */
} vae;

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

/* Every setting the trained decoder and its stats depend on: the training
 * settings, the images themselves (a hash of the decoded bytes of both files:
 * data_dir and the files' contents, not their names or compressed sizes),
 * and the number format of the stored parameters (train_images = 0, all
 * images, is determined by the training file).  heldout, noise, samples,
 * noise_seed and report do not touch the decoder. */
static void vae_cache_key(char *key, size_t len, const amor_value *pv, const am_idx *train,
                          const am_idx *test)
{
    char eh[512], dh[512];
    list_text(eh, sizeof eh, &pv[P_ENC_HIDDEN]);
    list_text(dh, sizeof dh, &pv[P_DEC_HIDDEN]);
    snprintf(key, len,
             "vae-decoder v%d latent=%lld encoder_hidden=%s decoder_hidden=%s act=relu "
             "epochs=%lld lr=%.17g batch=%lld seed=%lld train_images=%lld "
             "train_data=%zu:%016llx test_data=%zu:%016llx double=%zu endian=%s",
             VAE_CACHE_VERSION, (long long)pv[P_LATENT].i, eh, dh,
             (long long)pv[P_EPOCHS].i, pv[P_LR].r, (long long)pv[P_BATCH].i,
             (long long)pv[P_SEED].i, (long long)pv[P_TRAIN_IMAGES].i, train->dims[0],
             (unsigned long long)am_fnv1a(AM_FNV_START, train->data, train->count),
             test->dims[0], (unsigned long long)am_fnv1a(AM_FNV_START, test->data, test->count),
             sizeof(double), endian_name());
}

/* ------------------------------------------------------------------------ */
/* Plugin glue                                                              */

static void vae_destroy(void *inst)
{
    vae *v = inst;
    if (!v) return;
    vn_elbo_free(&v->e);
    free(v->train);
    free(v->test);
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
                        const vn_stats *st, char *err, size_t errlen)
{
    char tmp[4200];
    FILE *f;
    if (am_tmp_path(tmp, sizeof tmp, path))
        return amor_errorf(err, errlen, AMOR_EDATA, "vae: cannot write report '%s': path too long",
                           path);
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
    if (am_commit(f, tmp, path))
        return amor_errorf(err, errlen, AMOR_EDATA, "vae: cannot write report '%s': %s", path,
                           strerror(errno));
    return AMOR_OK;
}

static int vae_create(const amor_value *pv, void **inst, char *err, size_t errlen)
{
    char train_path[4096], test_path[4096], key[2048], cache[4200];
    const char *dir = pv[P_DATA_DIR].s;
    int hit, rc;
    size_t L = (size_t)pv[P_LATENT].i, k, ntrain = (size_t)pv[P_TRAIN_IMAGES].i;
    am_idx train = {0}, test = {0};
    am_mlp enc = {0};
    am_cache_part parts[2];
    vae *v;

    if (strcmp(pv[P_HELDOUT].s, "test") && strcmp(pv[P_HELDOUT].s, "train"))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "vae: parameter 'heldout' must be test or train, got '%s'",
                           pv[P_HELDOUT].s);
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
    if (!am_file_size(train_path) || !am_file_size(test_path)) { /* the reader words it */
        rc = read_images(&train, am_file_size(train_path) ? test_path : train_path, err, errlen);
        am_idx_free(&train);
        return rc ? rc : amor_errorf(err, errlen, AMOR_EDATA, "vae: empty data file in '%s'", dir);
    }

    v = calloc(1, sizeof *v);
    if (!v) return amor_errorf(err, errlen, AMOR_ENOMEM, "vae: out of memory");
    v->e.L = L;
    v->heldout_train = !strcmp(pv[P_HELDOUT].s, "train");
    v->e.S = (size_t)pv[P_SAMPLES].i;
    v->e.fresh = !strcmp(pv[P_NOISE].s, "fresh");
    v->e.noise_key = vn_noise_key((uint64_t)pv[P_NOISE_SEED].i);
    if ((rc = make_mlp(&v->e.dec, L, &pv[P_DEC_HIDDEN], VN_NPIX, "decoder_hidden", err, errlen)))
        goto fail;
    if ((rc = vn_elbo_alloc(&v->e, err, errlen))) goto fail;

    /* Both files are read on every create: they are the two splits (and the
     * data and held-out set of VAE training). */
    if ((rc = read_images(&test, test_path, err, errlen))) goto fail;
    if ((rc = read_images(&train, train_path, err, errlen))) goto fail;
    if (ntrain == 0) ntrain = train.dims[0];
    if (ntrain > train.dims[0]) {
        rc = amor_errorf(err, errlen, AMOR_EINVAL,
                         "vae: parameter 'train_images' is %zu but '%s' holds %zu images",
                         ntrain, train_path, train.dims[0]);
        goto fail;
    }
    vae_cache_key(key, sizeof key, pv, &train, &test);
    am_cache_path(cache, sizeof cache, pv[P_CACHE_DIR].s, "vae-decoder", key);
    parts[0] = (am_cache_part){&v->stats, sizeof v->stats};
    parts[1] = (am_cache_part){v->e.theta, v->e.dec.num_params * sizeof *v->e.theta};
    hit = !am_cache_load(cache, key, parts, 2);
    if (!hit) {
        vn_cfg cfg;
        if ((rc = make_mlp(&enc, VN_NPIX, &pv[P_ENC_HIDDEN], 2 * L, "encoder_hidden", err, errlen)))
            goto fail;
        cfg = (vn_cfg){L, (size_t)pv[P_EPOCHS].i, (size_t)pv[P_BATCH].i, ntrain, pv[P_LR].r,
                       (uint64_t)pv[P_SEED].i};
        rc = vn_train(&cfg, &enc, &v->e.dec, train.data, test.data, test.dims[0], v->e.theta,
                      &v->stats, err, errlen);
        if (!rc) rc = am_cache_store(cache, key, parts, 2, err, errlen);
        if (rc) goto fail;
    }
    if (pv[P_REPORT].s[0] &&
        (rc = write_report(pv[P_REPORT].s, cache, hit, key, &v->stats, err, errlen)))
        goto fail;
    v->train = train.data;
    v->ntrain = train.dims[0];
    train.data = NULL;
    v->test = test.data;
    v->ntest = test.dims[0];
    test.data = NULL;
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
    *nx = VN_NPIX;
    *ny = 2 * v->e.L;
}

/* x (n, VN_NPIX): n images drawn uniformly, with replacement, from img
 * (nimg, VN_NPIX). */
static void draw_images(amor_rng *rng, const unsigned char *img, size_t nimg, size_t n,
                        double *x)
{
    size_t i;
    for (i = 0; i < n; i++) {
        size_t k = (size_t)(amor_rng_uniform(rng) * (double)nimg);
        if (k >= nimg) k = nimg - 1;
        vn_bytes_to_pixels(x + i * VN_NPIX, img + k * VN_NPIX, VN_NPIX);
    }
}

static int vae_sample_split(void *inst, amor_rng *rng, uint32_t split, size_t n, double *x,
                            char *err, size_t errlen)
{
    const vae *v = inst;
    if (split == AMOR_SPLIT_TRAIN || (split == AMOR_SPLIT_HELDOUT && v->heldout_train))
        draw_images(rng, v->train, v->ntrain, n, x);
    else if (split == AMOR_SPLIT_HELDOUT)
        draw_images(rng, v->test, v->ntest, n, x);
    else
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "vae: unknown split %u (want AMOR_SPLIT_TRAIN %u or "
                           "AMOR_SPLIT_HELDOUT %u)",
                           (unsigned)split, AMOR_SPLIT_TRAIN, AMOR_SPLIT_HELDOUT);
    return AMOR_OK;
}

/* The train split, for hosts that do not know splits (ABI 1.0). */
static int vae_sample(void *inst, amor_rng *rng, size_t n, double *x, char *err,
                      size_t errlen)
{
    return vae_sample_split(inst, rng, AMOR_SPLIT_TRAIN, n, x, err, errlen);
}

static int vae_value(void *inst, size_t n, const double *x, const double *y, double *f,
                     char *err, size_t errlen)
{
    vae *v = inst;
    (void)err;
    (void)errlen;
    vn_elbo_eval(&v->e, n, x, y, f, NULL);
    return AMOR_OK;
}

static int vae_value_grad(void *inst, size_t n, const double *x, const double *y,
                          double *f, double *grad, char *err, size_t errlen)
{
    vae *v = inst;
    (void)err;
    (void)errlen;
    vn_elbo_eval(&v->e, n, x, y, f, grad);
    return AMOR_OK;
}

static int vae_hvp(void *inst, size_t n, const double *x, const double *y, const double *dir,
                   double *hv, char *err, size_t errlen)
{
    vae *v = inst;
    (void)err;
    (void)errlen;
    vn_elbo_hvp(&v->e, n, x, y, dir, hv);
    return AMOR_OK;
}

static size_t vae_aux_dim(const void *inst)
{
    (void)inst;
    return VN_NPIX;
}

/* out (n, VN_NPIX) = sigmoid(dec(mu)): the decoder's mean image at z = mu. */
static int vae_aux(void *inst, size_t n, const double *x, const double *y, double *out,
                   char *err, size_t errlen)
{
    vae *v = inst;
    (void)x;
    (void)err;
    (void)errlen;
    vn_mean_image(&v->e, n, y, out);
    return AMOR_OK;
}

static const amor_problem_desc vae_desc = {
    .head = AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "vae", "1.0",
              "VAE on Fashion-MNIST: -ELBO of y = (mu, log sigma^2) for an image x "
              "under a trained Bernoulli decoder",
              vae_params, NUM_P),
    .create = vae_create,
    .destroy = vae_destroy,
    .dims = vae_dims,
    .sample = vae_sample,
    .value = vae_value,
    .value_grad = vae_value_grad,
    .hvp = vae_hvp, /* exact: finite differences of a ReLU decoder's gradients spike at kinks */
    .aux_dim = vae_aux_dim,
    .aux = vae_aux,
    .sample_split = vae_sample_split,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &vae_desc.head : NULL;
}
