/*
 * quadratic.c -- problem plugin: f(y; x) = 1/2 y'Ay - x'y with x ~ N(0, I),
 * A = Q diag(lambda) Q' a fixed random SPD matrix (eigenvalues log-spaced on
 * [1, cond], Q from the QR of a Gaussian matrix), y*(x) = A^-1 x.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "amath.h"
#include "amor.h"

/* Rows per dgemm in value() and value_grad(): bounds value()'s scratch, and
 * both walk the batch in the same blocks so their f agree bit for bit. */
#define QUAD_CHUNK 128
#define QUAD_NB 64 /* rows per block when orthonormalizing */

typedef struct quad {
    size_t d;        /* nx = ny = dim */
    double *a;       /* (d, d) row-major, symmetric positive definite */
    double *ainv;    /* (d, d) row-major, A^-1 */
    double *scratch; /* (QUAD_CHUNK, d): Y A for value() */
} quad;

enum { P_DIM, P_COND, P_MATRIX_SEED };

static const amor_param_decl quad_params[] = {
    {"dim", AMOR_PARAM_INT, "dimension of x and y", 4, NULL, NULL, 0, 1, 4096,
     NULL},
    {"cond", AMOR_PARAM_REAL, "condition number of A (eigenvalues log-spaced on [1, cond])",
     10, NULL, NULL, 0, 1, 1e8, NULL},
    {"matrix_seed", AMOR_PARAM_INT, "seed of the random orthogonal basis of A", 0,
     NULL, NULL, 0, 0, 2147483647.0, NULL},
};

/* ------------------------------------------------------------------------ */
/* Construction of A                                                        */

/* Orthonormalize the rows of m (d, d, row-major) in place, in order: the
 * result is Q' for the Q of the QR factorization of m' (a Gaussian matrix
 * transposed is still Gaussian).  Block Gram-Schmidt with
 * reorthogonalization (BCGS2): each block of QUAD_NB rows is projected off
 * the finished rows twice with dgemm, then orthonormalized within the block
 * by modified Gram-Schmidt, twice.  Orthogonal to rounding for the
 * well-conditioned matrices a square Gaussian draw gives, and mostly BLAS-3
 * (a row-by-row Householder QR took 40 s at dim 4096).
 * c: (QUAD_NB, d) work. */
static void orthonormalize_rows(double *m, double *c, size_t d)
{
    size_t j0, b, i, r, pass;
    for (j0 = 0; j0 < d; j0 += b) {
        double *blk = m + j0 * d; /* (b, d) rows to orthonormalize */
        b = d - j0 < QUAD_NB ? d - j0 : QUAD_NB;
        for (pass = 0; pass < 2; pass++) {
            /* blk -= (blk Qf') Qf over the finished rows Qf = m[:j0] */
            am_dgemm(AM_NOTRANS, AM_TRANS, b, j0, d, 1.0, blk, d, m, d, 0.0, c, j0);
            am_dgemm(AM_NOTRANS, AM_NOTRANS, b, d, j0, -1.0, c, j0, m, d, 1.0, blk, d);
            for (i = 0; i < b; i++) { /* modified Gram-Schmidt within blk */
                double *row = blk + i * d;
                for (r = 0; r < i; r++)
                    am_daxpy(d, -am_ddot(d, row, blk + r * d), blk + r * d, row);
                am_dscal(d, 1.0 / sqrt(am_ddot(d, row, row)), row);
            }
        }
    }
}

/* out (d, d) := P' diag(lam) P for P = Q', symmetrized exactly.
 * b: (d, d) work. */
static void spectral_matrix(double *out, const double *p, const double *lam,
                            double *b, size_t d)
{
    size_t i, j;
    for (i = 0; i < d; i++)
        for (j = 0; j < d; j++) b[i * d + j] = lam[i] * p[i * d + j];
    am_dgemm(AM_TRANS, AM_NOTRANS, d, d, d, 1.0, p, d, b, d, 0.0, out, d);
    for (i = 0; i < d; i++)
        for (j = i + 1; j < d; j++) {
            double s = 0.5 * (out[i * d + j] + out[j * d + i]);
            out[i * d + j] = out[j * d + i] = s;
        }
}

/* Fill A and A^-1 of a dimension-d instance from matrix_seed.  Eigenvalue j
 * is cond^(j/(d-1)) (1 when d = 1).  A depends on the Gaussian draw only,
 * not on the QR algorithm: Q is unique up to column signs, which cancel in
 * Q diag(lambda) Q'.  Returns non-zero on allocation failure. */
static int build_matrices(quad *p, double cond, uint64_t seed)
{
    size_t d = p->d, i;
    amor_rng rng;
    double *q = malloc(d * d * sizeof *q); /* (d, d) Gaussian, then Q' */
    double *b = malloc(d * d * sizeof *b); /* (d, d) work */
    double *lam = calloc(d, sizeof *lam);  /* (d) eigenvalues */
    if (!q || !b || !lam) {
        free(q);
        free(b);
        free(lam);
        return 1;
    }
    amor_rng_seed(&rng, seed);
    for (i = 0; i < d * d; i++) q[i] = amor_rng_normal(&rng);
    orthonormalize_rows(q, b, d);
    for (i = 0; i < d; i++) /* endpoints exact */
        lam[i] = i == 0       ? 1.0
                 : i == d - 1 ? cond
                              : pow(cond, (double)i / (double)(d - 1));
    spectral_matrix(p->a, q, lam, b, d);
    for (i = 0; i < d; i++) lam[i] = 1.0 / lam[i];
    spectral_matrix(p->ainv, q, lam, b, d);
    free(q);
    free(b);
    free(lam);
    return 0;
}

/* ------------------------------------------------------------------------ */
/* Plugin glue                                                              */

static void quad_destroy(void *inst)
{
    quad *p = inst;
    if (!p) return;
    free(p->a);
    free(p->ainv);
    free(p->scratch);
    free(p);
}

static int quad_create(const amor_value *params, void **inst, char *err,
                       size_t errlen)
{
    quad *p = calloc(1, sizeof *p);
    if (!p) return amor_errorf(err, errlen, AMOR_ENOMEM, "quadratic: out of memory");
    p->d = (size_t)params[P_DIM].i;
    p->a = malloc(p->d * p->d * sizeof *p->a);
    p->ainv = malloc(p->d * p->d * sizeof *p->ainv);
    p->scratch = malloc(QUAD_CHUNK * p->d * sizeof *p->scratch);
    if (!p->a || !p->ainv || !p->scratch ||
        build_matrices(p, params[P_COND].r, (uint64_t)params[P_MATRIX_SEED].i)) {
        quad_destroy(p);
        return amor_errorf(err, errlen, AMOR_ENOMEM,
                           "quadratic: out of memory for dim %zu", (size_t)params[P_DIM].i);
    }
    *inst = p;
    return AMOR_OK;
}

static void quad_dims(const void *inst, size_t *nx, size_t *ny)
{
    const quad *p = inst;
    *nx = *ny = p->d;
}

static int quad_sample(void *inst, amor_rng *rng, size_t n, double *x,
                       char *err, size_t errlen)
{
    const quad *p = inst;
    (void)err;
    (void)errlen;
    amor_rng_normal_fill(rng, n * p->d, x);
    return AMOR_OK;
}

/* out (m, d) := y (m, d) A  (A symmetric, so each row is (A y_i)'). */
static void times_a(const quad *p, size_t m, const double *y, double *out)
{
    am_dgemm(AM_NOTRANS, AM_NOTRANS, m, p->d, p->d, 1.0, y, p->d, p->a, p->d,
             0.0, out, p->d);
}

/* f[i] = y_i' (1/2 (Ay)_i - x_i), given ay = y A (m, d).  Four partial
 * sums per row, which the compiler keeps in vector registers (a single
 * running sum is a chain of dependent additions it may not reorder). */
static void values_from_ay(double *f, const double *x, const double *y,
                           const double *ay, size_t m, size_t d)
{
    size_t i, j, k;
    for (i = 0; i < m; i++) {
        const double *yi = y + i * d, *ai = ay + i * d, *xi = x + i * d;
        double s[4] = {0.0, 0.0, 0.0, 0.0}, t;
        for (j = 0; j + 4 <= d; j += 4)
            for (k = 0; k < 4; k++) s[k] += yi[j + k] * (0.5 * ai[j + k] - xi[j + k]);
        t = (s[0] + s[1]) + (s[2] + s[3]);
        for (; j < d; j++) t += yi[j] * (0.5 * ai[j] - xi[j]);
        f[i] = t;
    }
}

static int quad_value(void *inst, size_t n, const double *x, const double *y,
                      double *f, char *err, size_t errlen)
{
    quad *p = inst;
    size_t r0, d = p->d;
    (void)err;
    (void)errlen;
    for (r0 = 0; r0 < n; r0 += QUAD_CHUNK) {
        size_t m = n - r0 < QUAD_CHUNK ? n - r0 : QUAD_CHUNK;
        times_a(p, m, y + r0 * d, p->scratch);
        values_from_ay(f + r0, x + r0 * d, y + r0 * d, p->scratch, m, d);
    }
    return AMOR_OK;
}

static int quad_value_grad(void *inst, size_t n, const double *x,
                           const double *y, double *f, double *grad, char *err,
                           size_t errlen)
{
    quad *p = inst;
    size_t r0, i, d = p->d;
    (void)err;
    (void)errlen;
    for (r0 = 0; r0 < n; r0 += QUAD_CHUNK) {
        size_t m = n - r0 < QUAD_CHUNK ? n - r0 : QUAD_CHUNK;
        times_a(p, m, y + r0 * d, grad + r0 * d);
        values_from_ay(f + r0, x + r0 * d, y + r0 * d, grad + r0 * d, m, d);
    }
    for (i = 0; i < n * d; i++) grad[i] -= x[i];
    return AMOR_OK;
}

static int quad_hvp(void *inst, size_t n, const double *x, const double *y,
                    const double *v, double *hv, char *err, size_t errlen)
{
    (void)x;
    (void)y;
    (void)err;
    (void)errlen;
    times_a(inst, n, v, hv);
    return AMOR_OK;
}

static int quad_solve(void *inst, size_t n, const double *x, double *ystar,
                      char *err, size_t errlen)
{
    const quad *p = inst;
    (void)err;
    (void)errlen;
    am_dgemm(AM_NOTRANS, AM_NOTRANS, n, p->d, p->d, 1.0, x, p->d, p->ainv, p->d,
             0.0, ystar, p->d);
    return AMOR_OK;
}

static const amor_problem_desc quad_desc = {
    .head = AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "quadratic", "1.0",
              "random SPD quadratic 1/2 y'Ay - x'y, x ~ N(0, I), y* = A^-1 x",
              quad_params, sizeof quad_params / sizeof quad_params[0]),
    .create = quad_create,
    .destroy = quad_destroy,
    .dims = quad_dims,
    .sample = quad_sample,
    .value = quad_value,
    .value_grad = quad_value_grad,
    .hvp = quad_hvp,
    .solve = quad_solve,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &quad_desc.head : NULL;
}
