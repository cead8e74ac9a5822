/*
 * quadratic.c -- problem plugin: f(y; x) = 1/2 y'Ay - x'y with x ~ N(0, I),
 * A = Q diag(lambda) Q' a fixed random SPD matrix (eigenvalues log-spaced on
 * [1, cond], Q from a Householder QR of a Gaussian matrix), y*(x) = A^-1 x.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "amath.h"
#include "amor.h"

/* Rows per dgemm in value() and value_grad(): bounds value()'s scratch, and
 * both walk the batch in the same blocks so their f agree bit for bit. */
#define QUAD_CHUNK 128

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

/* Householder QR of the matrix whose COLUMNS are the rows of m (d, d,
 * row-major; a Gaussian matrix transposed is still Gaussian), so that every
 * reflector and every column it is applied to is a contiguous row.  On
 * return row k holds R_kk at [k] and the reflector tail after it (v_0 = 1
 * implicit, as LAPACK's dgeqr2); tau (d) gets the reflector scalars,
 * H_k = I - tau_k v_k v_k'.  w: (d) work. */
static void householder_qr(double *m, double *tau, double *w, size_t d)
{
    size_t k;
    for (k = 0; k < d; k++) {
        size_t len = d - k;
        double *v = m + k * d + k; /* column k from the diagonal down */
        double alpha = v[0], xnorm = sqrt(am_ddot(len - 1, v + 1, v + 1));
        double beta;
        tau[k] = 0.0;
        if (xnorm == 0.0) continue; /* already triangular: H_k = I */
        beta = -copysign(hypot(alpha, xnorm), alpha);
        tau[k] = (beta - alpha) / beta;
        am_dscal(len - 1, 1.0 / (alpha - beta), v + 1);
        v[0] = 1.0;
        /* later columns c (rows k+1.. of m, from entry k) -= tau (c.v) v */
        am_dgemv(AM_NOTRANS, d - k - 1, len, 1.0, v + d, d, v, 0.0, w);
        am_dgemm(AM_NOTRANS, AM_NOTRANS, d - k - 1, len, 1, -tau[k], w, 1, v,
                 len, 1.0, v + d, d);
        v[0] = beta;
    }
}

/* p (d, d) := Q' for Q = H_0 H_1 ... H_{d-1} from householder_qr's m and
 * tau: p = I H_{d-1} ... H_0, where applying H_k only touches p[k:, k:]
 * (LAPACK dorg2r's structure, transposed).  w: (d) work. */
static void householder_qt(double *p, double *m, const double *tau,
                           double *w, size_t d)
{
    size_t k, i;
    memset(p, 0, d * d * sizeof *p);
    for (i = 0; i < d; i++) p[i * d + i] = 1.0;
    for (k = d; k-- > 0;) {
        size_t len = d - k;
        double *v = m + k * d + k, *pk = p + k * d + k, save = v[0];
        if (tau[k] == 0.0) continue;
        v[0] = 1.0;
        am_dgemv(AM_NOTRANS, len, len, 1.0, pk, d, v, 0.0, w); /* w = P v */
        am_dgemm(AM_NOTRANS, AM_NOTRANS, len, len, 1, -tau[k], w, 1, v, len,
                 1.0, pk, d); /* P -= tau w v' */
        v[0] = save;
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
 * is cond^(j/(d-1)) (1 when d = 1).  Column signs of Q are not normalized:
 * they cancel in Q diag(lambda) Q'.  Returns non-zero on allocation failure. */
static int build_matrices(quad *p, double cond, uint64_t seed)
{
    size_t d = p->d, i;
    amor_rng rng;
    double *g = malloc(d * d * sizeof *g);   /* (d, d) Gaussian, then QR */
    double *q = malloc(d * d * sizeof *q);   /* (d, d) orthogonal factor */
    double *work = calloc(3 * d, sizeof *work); /* tau, w, lambda */
    double *tau, *w, *lam;
    if (!g || !q || !work) {
        free(g);
        free(q);
        free(work);
        return 1;
    }
    tau = work;
    w = work + d;
    lam = work + 2 * d;
    amor_rng_seed(&rng, seed);
    for (i = 0; i < d * d; i++) g[i] = amor_rng_normal(&rng);
    householder_qr(g, tau, w, d);
    householder_qt(q, g, tau, w, d);
    for (i = 0; i < d; i++) /* endpoints exact */
        lam[i] = i == 0       ? 1.0
                 : i == d - 1 ? cond
                              : pow(cond, (double)i / (double)(d - 1));
    spectral_matrix(p->a, q, lam, g, d);
    for (i = 0; i < d; i++) lam[i] = 1.0 / lam[i];
    spectral_matrix(p->ainv, q, lam, g, d);
    free(g);
    free(q);
    free(work);
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
    size_t i;
    (void)err;
    (void)errlen;
    for (i = 0; i < n * p->d; i++) x[i] = amor_rng_normal(rng);
    return AMOR_OK;
}

/* out (m, d) := y (m, d) A  (A symmetric, so each row is (A y_i)'). */
static void times_a(const quad *p, size_t m, const double *y, double *out)
{
    am_dgemm(AM_NOTRANS, AM_NOTRANS, m, p->d, p->d, 1.0, y, p->d, p->a, p->d,
             0.0, out, p->d);
}

/* f[i] = y_i' (1/2 (Ay)_i - x_i), given ay = y A (m, d). */
static void values_from_ay(double *f, const double *x, const double *y,
                           const double *ay, size_t m, size_t d)
{
    size_t i, j;
    for (i = 0; i < m; i++) {
        double s = 0.0;
        for (j = 0; j < d; j++)
            s += y[i * d + j] * (0.5 * ay[i * d + j] - x[i * d + j]);
        f[i] = s;
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
    AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "quadratic", "1.0",
              "random SPD quadratic 1/2 y'Ay - x'y, x ~ N(0, I), y* = A^-1 x",
              quad_params, sizeof quad_params / sizeof quad_params[0]),
    quad_create,
    quad_destroy,
    quad_dims,
    quad_sample,
    quad_value,
    quad_value_grad,
    quad_hvp,
    quad_solve,
    NULL, /* project */
    NULL, /* project_vjp */
    NULL, /* initial: zeros */
    NULL, /* dictionary */
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &quad_desc.head : NULL;
}
