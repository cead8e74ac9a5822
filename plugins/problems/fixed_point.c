/*
 * fixed_point.c -- problem plugin `fixed_point`: the fixed point y*(x) of a
 * DEQ-style layer, y = g(y; x) = tanh(W y + U x + b), y in R^ny, x in R^nx.
 *
 * W (ny, ny), U (ny, nx) and b (ny) are drawn once at create from an rng
 * seeded with `seed`, in this order: W row-major N(0, 1), then U row-major
 * N(0, 1/nx), then b N(0, 1/4); then W is scaled to spectral norm exactly
 * `w_scale` (< 1; sigma_max by LAPACK's dgesdd).  Since |tanh'| <= 1, g is
 * a contraction with constant w_scale in the 2-norm, so y* is unique and
 * Picard's iteration converges to it from anywhere.  Contexts x ~ N(0, I):
 * each (U x)_i is then N(0, |x|^2/nx), about N(0, 1), so the
 * pre-activations at y* spread over tanh's curved range (neither saturated
 * nor linear; tests/t_fixed_point.c measures it).
 *
 * Objective (for objective losses): f(y; x) = 1/2 |r|^2, r = g(y) - y, with
 *   grad f = J'r,  J = dg/dy - I = D W - I,  D = diag(1 - t^2),  t = g(y),
 *   Hv     = J'J v + W' diag(r o t'') W v,   t'' = -2 t (1 - t^2),
 * the second term being sum_i r_i (d^2 t_i/dy^2) v (t_i depends on y only
 * through z_i = w_i'y + ...).  f = 0 exactly at y* and nowhere else.
 *
 * Solver (ABI 1.1): state = y (state_dim ny), a step is g itself (Picard),
 * residual |g(y) - y|_2, absolute.  The cold start is y = 0.
 *
 * solve: Newton on g(y) - y = 0 from y = 0 (J factored by LAPACK's dgesv),
 * with a backtracking line search on |r|; when no step length decreases
 * |r| enough (or J is singular), a Picard step instead, which shrinks |r| by
 * at least w_scale.  A row stops at |r|_2 <= 1e-12; one that does not
 * within FP_SOLVE_ITERS iterations, or meets a non-finite value (a
 * non-finite context), is refused with AMOR_ENUMERIC naming it.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alapack.h"
#include "amath.h"
#include "amor.h"

/* Rows per block of the batched calls: bounds the scratch. */
#define FP_CHUNK 64
/* solve stops a row at |g(y) - y|_2 <= FP_TOL ... */
#define FP_TOL 1e-12
/* ... within this many Newton or Picard iterations. */
#define FP_SOLVE_ITERS 200
/* Line search: sufficient decrease |r+| <= (1 - FP_ARMIJO s) |r|, halvings. */
#define FP_ARMIJO 1e-4
#define FP_HALVINGS 30
/* std of the bias b */
#define FP_BIAS_STD 0.5

typedef struct fixed_point {
    size_t ny, nx;
    double w_scale;
    double *w;       /* (ny, ny) row-major, |W|_2 = w_scale */
    double *u;       /* (ny, nx) row-major */
    double *b;       /* (ny) */
    double *scratch; /* (FP_CHUNK, 5 ny): batched calls */
    double *jac;     /* (ny, ny): solve's Newton matrix */
    double *row;     /* (6 ny): solve's vectors for one row */
    int *ipiv;       /* (ny) */
} fixed_point;

enum { P_NY, P_NX, P_W_SCALE, P_SEED, NUM_P };

static const amor_param_decl fp_params[NUM_P] = {
    [P_NY] = {.name = "ny", .type = AMOR_PARAM_INT, .doc = "dimension of the fixed point y",
              .def = 64, .min = 1, .max = 4096},
    [P_NX] = {.name = "nx", .type = AMOR_PARAM_INT, .doc = "dimension of the context x",
              .def = 32, .min = 1, .max = 65536},
    /* declared up to 1e3 so that create, not the range check, refuses 1 and
     * above with the reason */
    [P_W_SCALE] = {.name = "w_scale", .type = AMOR_PARAM_REAL,
                   .doc = "spectral norm of W, below 1 (g a contraction)", .def = 0.9,
                   .min = 0, .max = 1e3},
    [P_SEED] = {.name = "seed", .type = AMOR_PARAM_INT,
                .doc = "seed of W, U and b, drawn at create", .def = 0, .min = 0,
                .max = 2147483647.0},
};

/* ------------------------------------------------------------------------ */
/* Raw math                                                                 */

/* c (m, ny) = x U' + b for m contexts x (m, nx). */
static void affine_context(const fixed_point *p, size_t m, const double *x, double *c)
{
    am_rows_fill(c, p->b, m, p->ny);
    am_dgemm(AM_NOTRANS, AM_TRANS, m, p->ny, p->nx, 1.0, x, p->nx, p->u, p->nx, 1.0, c,
             p->ny);
}

/* t (m, ny) = g(y) = tanh(y W' + c) for y with row stride ldy. */
static void map_rows(const fixed_point *p, size_t m, const double *y, size_t ldy,
                     const double *c, double *t)
{
    size_t k, ny = p->ny;
    memcpy(t, c, m * ny * sizeof *t);
    am_dgemm(AM_NOTRANS, AM_TRANS, m, ny, ny, 1.0, y, ldy, p->w, ny, 1.0, t, ny);
    for (k = 0; k < m * ny; k++) t[k] = tanh(t[k]);
}

/* t = g(y), r = t - y and f = 1/2 |r|^2 for m rows (y contiguous). */
static void forward_rows(const fixed_point *p, size_t m, const double *x, const double *y,
                         double *c, double *t, double *r, double *f)
{
    size_t i, j, ny = p->ny;
    affine_context(p, m, x, c);
    map_rows(p, m, y, ny, c, t);
    for (i = 0; i < m; i++) {
        double s = 0.0;
        for (j = 0; j < ny; j++) {
            double e = t[i * ny + j] - y[i * ny + j];
            r[i * ny + j] = e;
            s += e * e;
        }
        f[i] = 0.5 * s;
    }
}

static double norm2(size_t n, const double *v) { return sqrt(am_ddot(n, v, v)); }

/* ------------------------------------------------------------------------ */
/* Plugin glue                                                              */

static void fp_destroy(void *inst)
{
    fixed_point *p = inst;
    if (!p) return;
    free(p->w);
    free(p->u);
    free(p->b);
    free(p->scratch);
    free(p->jac);
    free(p->row);
    free(p->ipiv);
    free(p);
}

/* W, U, b from the seed (see the top of the file); W scaled to |W|_2 =
 * w_scale.  Returns 0, or -1 when the SVD fails or W is 0 (neither happens
 * for Gaussian draws). */
static int draw_weights(fixed_point *p, uint64_t seed)
{
    size_t ny = p->ny, nx = p->nx, k, lw = am_sigma_max_work(ny, ny);
    double smax, *work = malloc(lw * sizeof *work), su = 1.0 / sqrt((double)nx);
    amor_rng rng;
    int rc;
    if (!work) return -1;
    amor_rng_seed(&rng, seed);
    for (k = 0; k < ny * ny; k++) p->w[k] = amor_rng_normal(&rng);
    for (k = 0; k < ny * nx; k++) p->u[k] = su * amor_rng_normal(&rng);
    for (k = 0; k < ny; k++) p->b[k] = FP_BIAS_STD * amor_rng_normal(&rng);
    rc = am_sigma_max(&smax, p->w, ny, ny, work);
    free(work);
    if (rc || !(smax > 0) || !isfinite(smax)) return -1;
    am_dscal(ny * ny, p->w_scale / smax, p->w);
    return 0;
}

static int fp_create(const amor_value *params, void **inst, char *err, size_t errlen)
{
    fixed_point *p;
    size_t ny, nx;
    double ws = params[P_W_SCALE].r;
    if (!(ws < 1.0))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "fixed_point: parameter 'w_scale' is %g, but must be below 1: "
                           "with |W|_2 >= 1, g = tanh(W y + U x + b) is no contraction",
                           ws);
    if (!(p = calloc(1, sizeof *p)))
        return amor_errorf(err, errlen, AMOR_ENOMEM, "fixed_point: out of memory");
    ny = p->ny = (size_t)params[P_NY].i;
    nx = p->nx = (size_t)params[P_NX].i;
    p->w_scale = ws;
    p->w = malloc(ny * ny * sizeof *p->w);
    p->u = malloc(ny * nx * sizeof *p->u);
    p->b = malloc(ny * sizeof *p->b);
    p->scratch = malloc(FP_CHUNK * 5 * ny * sizeof *p->scratch);
    p->jac = malloc(ny * ny * sizeof *p->jac);
    p->row = malloc(6 * ny * sizeof *p->row);
    p->ipiv = malloc(ny * sizeof *p->ipiv);
    if (!p->w || !p->u || !p->b || !p->scratch || !p->jac || !p->row || !p->ipiv) {
        fp_destroy(p);
        return amor_errorf(err, errlen, AMOR_ENOMEM,
                           "fixed_point: out of memory for ny %zu, nx %zu", ny, nx);
    }
    if (draw_weights(p, (uint64_t)params[P_SEED].i)) {
        fp_destroy(p);
        return amor_errorf(err, errlen, AMOR_ENUMERIC,
                           "fixed_point: the spectral norm of the random W could not be "
                           "computed (LAPACK dgesdd)");
    }
    *inst = p;
    return AMOR_OK;
}

static void fp_dims(const void *inst, size_t *nx, size_t *ny)
{
    const fixed_point *p = inst;
    *nx = p->nx;
    *ny = p->ny;
}

/* x ~ N(0, I), row-major draws. */
static int fp_sample(void *inst, amor_rng *rng, size_t n, double *x, char *err,
                     size_t errlen)
{
    const fixed_point *p = inst;
    size_t k;
    (void)err;
    (void)errlen;
    for (k = 0; k < n * p->nx; k++) x[k] = amor_rng_normal(rng);
    return AMOR_OK;
}

/* f (and grad when not NULL) for n rows, in blocks of FP_CHUNK, so value
 * and value_grad compute f by the same operations. */
static void value_grad_rows(fixed_point *p, size_t n, const double *x, const double *y,
                            double *f, double *grad)
{
    size_t r0, k, ny = p->ny;
    double *c = p->scratch, *t = c + FP_CHUNK * ny, *r = t + FP_CHUNK * ny;
    for (r0 = 0; r0 < n; r0 += FP_CHUNK) {
        size_t m = n - r0 < FP_CHUNK ? n - r0 : FP_CHUNK;
        double *g;
        forward_rows(p, m, x + r0 * p->nx, y + r0 * ny, c, t, r, f + r0);
        if (!grad) continue;
        /* grad = J'r = W'(D r) - r; as rows, (D r) W - r */
        g = grad + r0 * ny;
        for (k = 0; k < m * ny; k++) c[k] = (1.0 - t[k] * t[k]) * r[k];
        am_dgemm(AM_NOTRANS, AM_NOTRANS, m, ny, ny, 1.0, c, ny, p->w, ny, 0.0, g, ny);
        for (k = 0; k < m * ny; k++) g[k] -= r[k];
    }
}

static int fp_value(void *inst, size_t n, const double *x, const double *y, double *f,
                    char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    value_grad_rows(inst, n, x, y, f, NULL);
    return AMOR_OK;
}

static int fp_value_grad(void *inst, size_t n, const double *x, const double *y, double *f,
                         double *grad, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    value_grad_rows(inst, n, x, y, f, grad);
    return AMOR_OK;
}

/* Hv = J'(J v) + W'(r o t'' o W v): with a = W v and u = J v = D a - v,
 * Hv = W'(D u + r t'' a) - u (rows: (D u + r t'' a) W - u). */
static int fp_hvp(void *inst, size_t n, const double *x, const double *y, const double *v,
                  double *hv, char *err, size_t errlen)
{
    fixed_point *p = inst;
    size_t r0, k, ny = p->ny;
    double *c = p->scratch, *t = c + FP_CHUNK * ny, *r = t + FP_CHUNK * ny;
    double *a = r + FP_CHUNK * ny, *u = a + FP_CHUNK * ny, f[FP_CHUNK];
    (void)err;
    (void)errlen;
    for (r0 = 0; r0 < n; r0 += FP_CHUNK) {
        size_t m = n - r0 < FP_CHUNK ? n - r0 : FP_CHUNK;
        const double *vb = v + r0 * ny;
        forward_rows(p, m, x + r0 * p->nx, y + r0 * ny, c, t, r, f);
        am_dgemm(AM_NOTRANS, AM_TRANS, m, ny, ny, 1.0, vb, ny, p->w, ny, 0.0, a, ny);
        for (k = 0; k < m * ny; k++) {
            double d = 1.0 - t[k] * t[k], t2 = -2.0 * t[k] * d;
            u[k] = d * a[k] - vb[k];
            c[k] = d * u[k] + r[k] * t2 * a[k];
        }
        am_dgemm(AM_NOTRANS, AM_NOTRANS, m, ny, ny, 1.0, c, ny, p->w, ny, 0.0, hv + r0 * ny,
                 ny);
        for (k = 0; k < m * ny; k++) hv[r0 * ny + k] -= u[k];
    }
    return AMOR_OK;
}

/* ------------------------------------------------------------------------ */
/* solve: damped Newton with Picard fallback                                */

/* t = g(y) and r = t - y for one row with affine part c; returns |r|_2. */
static double residual_row(const fixed_point *p, const double *c, const double *y, double *t,
                           double *r)
{
    size_t j, ny = p->ny;
    memcpy(t, c, ny * sizeof *t);
    am_dgemv(AM_NOTRANS, ny, ny, 1.0, p->w, ny, y, 1.0, t);
    for (j = 0; j < ny; j++) {
        t[j] = tanh(t[j]);
        r[j] = t[j] - y[j];
    }
    return norm2(ny, r);
}

/* y* of one context with affine part c (ny) into y (ny), from y = 0. */
static int newton_row(fixed_point *p, size_t row, const double *c, double *y, char *err,
                      size_t errlen)
{
    size_t ny = p->ny, i, j, it, h;
    double *t = p->row, *r = t + ny, *d = r + ny, *yt = d + ny, *tt = yt + ny, *rt = tt + ny;
    double rn, *J = p->jac;
    memset(y, 0, ny * sizeof *y);
    rn = residual_row(p, c, y, t, r);
    for (it = 0; it < FP_SOLVE_ITERS && rn > FP_TOL && isfinite(rn); it++) {
        double s = 1.0, rtn = rn;
        int ok = 0;
        /* J = D W - I, then J d = -r */
        for (i = 0; i < ny; i++) {
            double di = 1.0 - t[i] * t[i];
            for (j = 0; j < ny; j++) J[i * ny + j] = di * p->w[i * ny + j];
            J[i * ny + i] -= 1.0;
            d[i] = -r[i];
        }
        if (am_lu_solve(J, d, ny, p->ipiv) == 0)
            for (h = 0; h < FP_HALVINGS && !ok; h++, s *= 0.5) {
                for (j = 0; j < ny; j++) yt[j] = y[j] + s * d[j];
                rtn = residual_row(p, c, yt, tt, rt);
                ok = rtn <= (1.0 - FP_ARMIJO * s) * rn;
            }
        if (ok) {
            memcpy(y, yt, ny * sizeof *y);
            memcpy(t, tt, ny * sizeof *t);
            memcpy(r, rt, ny * sizeof *r);
            rn = rtn;
        } else { /* Picard: y <- g(y); |r| shrinks by w_scale at least */
            memcpy(y, t, ny * sizeof *y);
            rn = residual_row(p, c, y, t, r);
        }
    }
    if (rn <= FP_TOL) return AMOR_OK;
    if (!isfinite(rn))
        return amor_errorf(err, errlen, AMOR_ENUMERIC,
                           "fixed_point: g(y) - y is not finite at context %zu (a non-finite "
                           "context?)", row);
    return amor_errorf(err, errlen, AMOR_ENUMERIC,
                       "fixed_point: Newton did not reach |g(y) - y| <= %g in %d iterations "
                       "at context %zu: |g(y) - y| = %g", FP_TOL, FP_SOLVE_ITERS, row, rn);
}

static int fp_solve(void *inst, size_t n, const double *x, double *ystar, char *err,
                    size_t errlen)
{
    fixed_point *p = inst;
    size_t i, ny = p->ny;
    double *c = p->scratch;
    for (i = 0; i < n; i++) {
        int rc;
        affine_context(p, 1, x + i * p->nx, c);
        if ((rc = newton_row(p, i, c, ystar + i * ny, err, errlen))) return rc;
    }
    return AMOR_OK;
}

/* ------------------------------------------------------------------------ */
/* The solver: Picard steps, the absolute residual                          */

static size_t fp_state_dim(const void *inst) { return ((const fixed_point *)inst)->ny; }

static int fp_solver_init(void *inst, size_t n, const double *x, const double *y,
                          double *state, char *err, size_t errlen)
{
    const fixed_point *p = inst;
    (void)x;
    (void)err;
    (void)errlen;
    memcpy(state, y, n * p->ny * sizeof *state);
    return AMOR_OK;
}

static int fp_solver_step(void *inst, size_t n, const double *x, const double *state,
                          double *next, char *err, size_t errlen)
{
    fixed_point *p = inst;
    size_t r0, ny = p->ny;
    double *c = p->scratch;
    (void)err;
    (void)errlen;
    for (r0 = 0; r0 < n; r0 += FP_CHUNK) {
        size_t m = n - r0 < FP_CHUNK ? n - r0 : FP_CHUNK;
        affine_context(p, m, x + r0 * p->nx, c);
        map_rows(p, m, state + r0 * ny, ny, c, next + r0 * ny);
    }
    return AMOR_OK;
}

/* r = |g(y) - y|_2, absolute. */
static int fp_residual(void *inst, size_t n, const double *x, const double *state, double *r,
                       char *err, size_t errlen)
{
    fixed_point *p = inst;
    size_t r0, i, j, ny = p->ny;
    double *c = p->scratch, *t = c + FP_CHUNK * ny;
    (void)err;
    (void)errlen;
    for (r0 = 0; r0 < n; r0 += FP_CHUNK) {
        size_t m = n - r0 < FP_CHUNK ? n - r0 : FP_CHUNK;
        const double *st = state + r0 * ny;
        affine_context(p, m, x + r0 * p->nx, c);
        map_rows(p, m, st, ny, c, t);
        for (i = 0; i < m; i++) {
            double s = 0.0;
            for (j = 0; j < ny; j++) {
                double e = t[i * ny + j] - st[i * ny + j];
                s += e * e;
            }
            r[r0 + i] = sqrt(s);
        }
    }
    return AMOR_OK;
}

static const amor_problem_desc fp_desc = {
    .head = AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "fixed_point", "1.0",
                      "DEQ fixed point y = tanh(W y + U x + b), |W|_2 = w_scale < 1, x ~ N(0, I), "
                      "f = 1/2|g(y) - y|^2, y* by Newton, Picard steps",
                      fp_params, NUM_P),
    .create = fp_create,
    .destroy = fp_destroy,
    .dims = fp_dims,
    .sample = fp_sample,
    .value = fp_value,
    .value_grad = fp_value_grad,
    .hvp = fp_hvp,
    .solve = fp_solve,
    .state_dim = fp_state_dim,
    .solver_init = fp_solver_init,
    .solver_step = fp_solver_step,
    .residual = fp_residual,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &fp_desc.head : NULL;
}
