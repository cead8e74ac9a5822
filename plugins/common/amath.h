/*
 * amath.h -- the math plugins share: the one BLAS wrapper (row-major, size_t
 * dimensions, degenerate shapes and the int limit handled), dense layers over
 * a batch, activations, output transforms, and a whole MLP stack carved from a
 * flat theta, each forward next to its backward.
 *
 * Conventions (karpathy/llm.c): outputs first, then inputs, then dimensions.
 * Every *_backward ACCUMULATES (+=) into its gradient outputs, parameter and
 * input gradients alike; a NULL gradient output is skipped.  Only
 * am_mlp_create and am_mlp_create_hidden allocate; nothing prints or
 * exits.  Compiled into every plugin with hidden visibility, so these
 * symbols never leave a .so.
 *
 * Implemented in three files sharing the internals of amath_impl.h:
 * amath.c (BLAS, small symmetric matrices, initialization and size
 * helpers), amlp.c (dense layers, the MLP stack) and amact.c (activations,
 * soft threshold, output transforms).
 */
#ifndef AMOR_AMATH_H
#define AMOR_AMATH_H

#include <stddef.h>
#include <stdint.h>

#include "amor.h"

/* ------------------------------------------------------------------------ */
/* BLAS (the only calls into OpenBLAS).  Argument order mirrors cblas_* so   */
/* call sites can be checked against the BLAS docs; layout is always         */
/* row-major and strides are 1.  Any dimension may be 0 or exceed INT_MAX    */
/* (split into int-sized calls); a row stride BLAS would reject (and print   */
/* about) is done by a plain loop instead; beta == 0 means the output is     */
/* not read (NaN there does not propagate).                                  */

#define AM_NOTRANS 0
#define AM_TRANS 1

/* C (m, n) = alpha op(A) (m, k) op(B) (k, n) + beta C; ld* are row strides of
 * the stored matrices (lda >= k if ta == AM_NOTRANS, else >= m; likewise B). */
void am_dgemm(int ta, int tb, size_t m, size_t n, size_t k, double alpha,
              const double *a, size_t lda, const double *b, size_t ldb,
              double beta, double *c, size_t ldc);
/* y = alpha op(A) x + beta y, A stored (m, n) with row stride lda. */
void am_dgemv(int ta, size_t m, size_t n, double alpha, const double *a,
              size_t lda, const double *x, double beta, double *y);
double am_ddot(size_t n, const double *x, const double *y);
void am_daxpy(size_t n, double alpha, const double *x, double *y); /* y += a x */
void am_dscal(size_t n, double alpha, double *x);                    /* x *= a */

/* ------------------------------------------------------------------------ */
/* Small symmetric matrices (dictionary problems and models).               */

/* g (ny, ny) = D^T D for d (nx, ny) row-major, then made exactly symmetric
 * (each off-diagonal pair replaced by its mean). */
void am_gram(double *g, const double *d, size_t nx, size_t ny);
/* Largest eigenvalue of the symmetric positive semidefinite a (d, d) by
 * power iteration from a fixed pseudo-random start, until the Rayleigh
 * quotient stalls at rounding level.  work: (2 d) doubles.  Deterministic,
 * so every plugin that calls it on the same matrix gets the same bits. */
double am_sym_maxeig(const double *a, size_t d, double *work);

/* ------------------------------------------------------------------------ */
/* Dense layer: out = in W^T + b, W (nout, nin) row-major as nn.Linear.     */

/* out (n, nout) = in (n, nin) W^T + b (nout, NULL = none). */
void am_dense_forward(double *out, const double *in, const double *w,
                      const double *b, size_t n, size_t nin, size_t nout);
/* Given dout (n, nout) = dL/dout: dinp (n, nin) += dout W;  dw (nout, nin)
 * += dout^T in;  db (nout) += column sums of dout.  dinp, dw, db may be
 * NULL (skipped); in is read only for dw, w only for dinp. */
void am_dense_backward(double *dinp, double *dw, double *db,
                       const double *dout, const double *in, const double *w,
                       size_t n, size_t nin, size_t nout);
/* dst (n, d): every row a copy of v (d); v must not lie inside dst. */
void am_rows_fill(double *dst, const double *v, size_t n, size_t d);
/* dv (d) += column sums of src (n, d). */
void am_colsum_acc(double *dv, const double *src, size_t n, size_t d);

/* ------------------------------------------------------------------------ */
/* Elementwise activations.                                                 */

typedef enum am_act {
    AM_ACT_IDENTITY = 0,
    AM_ACT_RELU,
    AM_ACT_TANH,
    AM_ACT_SOFTPLUS, /* log(1 + e^z), stable for any z */
    AM_ACT_ELU       /* alpha = 1, as torch.nn.ELU() */
} am_act;

/* The activation choices a plugin declares (amor_param_decl.choices). */
#define AM_ACT_CHOICES "relu|tanh|softplus|elu"

/* Parse "identity", "relu", "tanh", "softplus", "elu"; 0 on success. */
int am_act_parse(const char *name, am_act *act);
const char *am_act_name(am_act act);

/* h (len) = act(z (len)); h == z is allowed. */
void am_act_forward(double *h, const double *z, size_t len, am_act act);
/* dz (len) += dh * act'(z).  Reads z (pre-activation) and h = act(z) (tanh
 * uses h); dz must not alias dh. */
void am_act_backward(double *dz, const double *dh, const double *z,
                     const double *h, size_t len, am_act act);

/* Soft threshold (LISTA / ISTA prox of lam |.|_1), per coordinate:
 * y = sign(z) max(|z| - lam_j, 0) with lam (d) >= 0, rows of z (n, d). */
void am_shrink_forward(double *y, const double *z, const double *lam,
                       size_t n, size_t d);
/* dz (n, d) += dy * [|z| > lam];  dlam (d) -= sum_i dy sign(z) [|z| > lam].
 * dz or dlam may be NULL. */
void am_shrink_backward(double *dz, double *dlam, const double *dy,
                        const double *z, const double *lam, size_t n, size_t d);

/* ------------------------------------------------------------------------ */
/* Row-wise output transforms y = T(z) on rows of length d.                  */

typedef enum am_out {
    AM_OUT_NONE = 0,  /* y = z */
    AM_OUT_TANH_BOX,  /* y = lo + (hi - lo)(tanh z + 1)/2, inside [lo, hi] */
    AM_OUT_SPHERE,    /* y = z / |z|; z = 0 maps to (1, 0, ..., 0), grad 0 */
    AM_OUT_SIMPLEX    /* y = softmax(z), max-shifted */
} am_out;

#define AM_OUT_CHOICES "none|tanh_box|sphere|simplex"

typedef struct am_outmap {
    am_out kind;
    double lo, hi; /* AM_OUT_TANH_BOX only */
} am_outmap;

/* Parse "none", "tanh_box", "sphere", "simplex" into o->kind; 0 on success
 * (lo and hi are left alone). */
int am_out_parse(const char *name, am_outmap *o);

/* y (n, d) = T(z (n, d)); y must not alias z. */
/* The sphere projection of n rows of d, y = z / |z| (z = 0 reads as e_1),
 * its norm computed without overflow or underflow (y may be z); and its
 * VJP gin = (I - u u') gout / |z|, u = z / |z| (0 at z = 0; gin may be
 * gout).  The `sphere` output map below is the same projection; problems
 * on the sphere use these for project / project_vjp. */
void am_sphere_project(double *y, const double *z, size_t n, size_t d);
void am_sphere_project_vjp(double *gin, const double *z, const double *gout, size_t n, size_t d);

void am_out_forward(double *y, const double *z, size_t n, size_t d,
                    const am_outmap *o);
/* dz (n, d) += J_T(z)^T dy, given z and y = T(z) from the forward. */
void am_out_backward(double *dz, const double *dy, const double *z,
                     const double *y, size_t n, size_t d, const am_outmap *o);

/* ------------------------------------------------------------------------ */
/* MLP stack: dims[0] -> dims[1] -> ... -> dims[L], L affine layers with     */
/* `act` after every layer but the last (L = 1: affine).  Theta is carved    */
/* layer by layer as W_l (dims[l+1], dims[l]) then b_l (dims[l+1]), starting */
/* at offset 0 of the theta pointer passed in (callers embed it anywhere).   */

typedef struct am_mlp {
    size_t nlayers;   /* L >= 1 */
    size_t *dims;     /* (L + 1) widths, owned */
    size_t *woff;     /* (L) offset of W_l in theta */
    size_t *boff;     /* (L) offset of b_l in theta */
    size_t *hoff;     /* (L - 1) Z_l starts at ws + n hoff[l] doubles, H_l
                         at ws + n (hoff[l] + dims[l+1]) */
    size_t num_params;
    size_t hsum;      /* sum of hidden widths */
    size_t hmax;      /* widest hidden layer (0 if none) */
    am_act act;
} am_mlp;

/* Set up for dims (nlayers + 1 entries, each >= 0); allocates the tables.
 * Returns AMOR_OK, AMOR_EINVAL (nlayers == 0, size overflow) or AMOR_ENOMEM
 * with a message in err. */
int am_mlp_create(am_mlp *m, const size_t *dims, size_t nlayers, am_act act,
                  char *err, size_t errlen);
void am_mlp_free(am_mlp *m);

/* A model's MLP from its parameter values, in two steps so a model can
 * check other parameters in between:
 *
 * the hidden-layer activation named by parameter 'activation', one of
 * AM_ACT_CHOICES (identity is not one); returns AMOR_OK or AMOR_EINVAL;
 *
 * m: nx -> hidden[0] -> ... -> hidden[nhidden - 1] -> ny with act between
 * layers (nhidden == 0: affine), the widths from parameter 'hidden', each
 * in [1, 65536]; returns AMOR_OK, AMOR_EINVAL or AMOR_ENOMEM (on failure
 * m holds nothing to free; on success free it with am_mlp_free).
 *
 * Messages start with `who` (the plugin name) and name the parameter. */
int am_act_parse_hidden(const char *name, am_act *act, const char *who,
                        char *err, size_t errlen);
int am_mlp_create_hidden(am_mlp *m, size_t nx, const int64_t *hidden,
                         size_t nhidden, size_t ny, am_act act, const char *who,
                         char *err, size_t errlen);

/* Workspace bytes for a batch of n (SIZE_MAX on overflow): Z and H of every
 * hidden layer, plus two (n, hmax) scratch buffers for backward. */
size_t am_mlp_workspace_size(const am_mlp *m, size_t n);

/* PyTorch nn.Linear default: W, b ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)),
 * drawn layer by layer, W row-major then b (bound 0 when fan_in == 0). */
void am_mlp_init_torch(const am_mlp *m, double *theta, amor_rng *rng);

/* out (n, dims[L]) = net(x (n, dims[0])); hidden activations go to ws. */
void am_mlp_forward(const am_mlp *m, double *out, const double *theta,
                    const double *x, size_t n, void *ws);
/* After am_mlp_forward on the same x and ws: dtheta (num_params) +=
 * dL/dtheta and dx (n, dims[0]) += dL/dx (NULL to skip), given dout (n,
 * dims[L]) = dL/dout.  Uses the scratch part of ws. */
void am_mlp_backward(const am_mlp *m, double *dx, double *dtheta,
                     const double *dout, const double *theta, const double *x,
                     size_t n, void *ws);

/* ------------------------------------------------------------------------ */
/* Initialization and size helpers.                                         */

void am_fill_uniform(double *p, size_t len, double lo, double hi, amor_rng *rng);
void am_fill_normal(double *p, size_t len, double mean, double std, amor_rng *rng);

/* std times a standard normal redrawn until |z| <= 2 (tf.truncated_normal,
 * MAML's initialization). */
double am_truncnormal(amor_rng *rng, double std);

/* *out = a * b or a + b; non-zero on size_t overflow. */
int am_mul_size(size_t a, size_t b, size_t *out);
int am_add_size(size_t a, size_t b, size_t *out);

/* ------------------------------------------------------------------------ */
/* Scalar problems (nx = ny = 1): f(y; x) with its first and second         */
/* derivatives in y, written once as fn(y, x, &f', &f'') (either pointer may */
/* be NULL); these fill a batch of n contexts for value / value_grad / hvp. */

typedef double (*am_scalar_fn)(double y, double x, double *d1, double *d2);
void am_scalar_value(am_scalar_fn fn, size_t n, const double *x, const double *y, double *f);
void am_scalar_value_grad(am_scalar_fn fn, size_t n, const double *x, const double *y,
                          double *f, double *g);
void am_scalar_hvp(am_scalar_fn fn, size_t n, const double *x, const double *y,
                   const double *v, double *hv);

#endif
