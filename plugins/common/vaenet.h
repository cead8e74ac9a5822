/*
 * vaenet.h -- the math of the `vae` problem (plugins/problems/vae.c, which
 * documents the objective): a Bernoulli VAE on 28 x 28 images with ReLU MLPs.
 * The -ELBO of latent Gaussians y = (mu, log sigma^2) under a fixed decoder,
 * its gradient and exact Hessian-vector products, with the noise a function
 * of the context or fresh at every call; the decoder's mean image; and the
 * training of a whole VAE (encoder and decoder, Adam) whose decoder the
 * problem keeps.  Conventions as amath.h; only vn_elbo_alloc and vn_train
 * allocate; nothing prints or exits.  Messages start with "vae: ".
 */
#ifndef AMOR_VAENET_H
#define AMOR_VAENET_H

#include <stddef.h>
#include <stdint.h>

#include "amath.h"

#define VN_NPIX 784  /* 28 x 28 */
#define VN_CHUNK 256 /* (context, sample) rows per decoder pass */

/* What training measured; stored in the cache with the decoder. */
typedef struct vn_stats {
    double heldout_nelbo; /* mean -ELBO of the VAE (its encoder, 1 sample) on the test images */
    double train_nelbo;   /* mean training loss over the last epoch */
    double pixel_nll;     /* test -log-likelihood of independent Bernoulli pixels
                             at the training mean: what a decoder ignoring z gets */
    double seconds;       /* wall time of training */
    uint64_t steps, train_images, test_images;
} vn_stats;

/* The -ELBO under a fixed decoder, with the scratch of one chunk of
 * VN_CHUNK (context, sample) rows. */
typedef struct vn_elbo {
    size_t L;              /* latent dimension; ny = 2L */
    am_mlp dec;            /* L -> decoder_hidden -> VN_NPIX logits, ReLU */
    double *theta;         /* (dec.num_params) */
    int fresh;             /* noise = fresh */
    size_t S;              /* samples */
    uint64_t noise_key;    /* from noise_seed (vn_noise_key) */
    uint64_t calls;        /* value/value_grad calls (noise = fresh) */
    /* scratch for one chunk of VN_CHUNK (context, sample) rows */
    size_t *row_ctx;       /* (CH) context index of each row */
    double *eps;           /* (CH, L) noise */
    double *z;             /* (CH, L) latent samples */
    double *dz;            /* (CH, L) dL/dz */
    double *logit;         /* (CH, VN_NPIX) logits, then dL/dlogits */
    void *ws;              /* decoder workspace for CH rows */
    double *gz;            /* (CH, L) hvp: dBCE/dz */
    double *tz;            /* (CH, L) hvp: direction in z */
    double *ta, *tb;       /* (CH, tw) hvp: tangents through the layers */
    size_t tw;             /* max(widest hidden layer, VN_NPIX) */
} vn_elbo;

/* With e->dec created: allocates e->theta (not filled) and the scratch.
 * Returns AMOR_OK or AMOR_ENOMEM; either way vn_elbo_free frees e. */
int vn_elbo_alloc(vn_elbo *e, char *err, size_t errlen);
/* Frees the decoder, theta and the scratch (not e itself). */
void vn_elbo_free(vn_elbo *e);

/* e->noise_key for the problem's noise_seed. */
uint64_t vn_noise_key(uint64_t seed);

/* f (n) and, if grad != NULL, grad (n, 2L) for contexts x (n, VN_NPIX) and
 * y (n, 2L). */
void vn_elbo_eval(vn_elbo *e, size_t n, const double *x, const double *y, double *f,
                  double *grad);
/* hv (n, 2L) = (d^2 f / d y^2) dir (n, 2L), exact for a ReLU decoder. */
void vn_elbo_hvp(vn_elbo *e, size_t n, const double *x, const double *y,
                 const double *dir, double *hv);
/* out (n, VN_NPIX) = sigmoid(dec(mu)) for the mu of each row of y (n, 2L):
 * the decoder's mean image at z = mu. */
void vn_mean_image(vn_elbo *e, size_t n, const double *y, double *out);

/* x (len) = b (len) / 255: pixels from image bytes. */
void vn_bytes_to_pixels(double *x, const unsigned char *b, size_t len);

/* VAE training settings. */
typedef struct vn_cfg {
    size_t L, epochs, batch, ntrain;
    double lr;
    uint64_t seed;
} vn_cfg;

/* Train the VAE enc (VN_NPIX -> 2L), dec (L -> VN_NPIX) on the first
 * c->ntrain images of train, measuring on the ntest images of test (both
 * (count, VN_NPIX) bytes); the decoder's parameters go to theta_dec
 * (dec->num_params), what training measured to *st (zeroed by the caller:
 * steps are counted into it).  Reproducible bit for bit from c->seed (with
 * one BLAS thread).  Returns AMOR_OK, AMOR_ENOMEM or AMOR_ENUMERIC
 * (diverged). */
int vn_train(const vn_cfg *c, const am_mlp *enc, const am_mlp *dec,
             const unsigned char *train, const unsigned char *test, size_t ntest,
             double *theta_dec, vn_stats *st, char *err, size_t errlen);

#endif
