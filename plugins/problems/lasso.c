/*
 * lasso.c -- problem plugin `lasso` (sparse coding): f(y; x) = 1/2 |x - D y|^2
 * + lambda |y|_1 with a fixed random dictionary D (nx, ny; Gaussian, unit-norm
 * columns), contexts x = D y_true + noise e from sparse codes y_true, and
 * reference solutions y*(x) by FISTA.  Exposes D and lambda through the
 * `dictionary` capability so LISTA can start from ISTA.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "amath.h"
#include "amor.h"

/* Rows per block in value(), value_grad() and solve(): bounds the scratch,
 * and value() and value_grad() walk the batch in the same blocks so their f
 * agree bit for bit. */
#define LASSO_CHUNK 64

/* FISTA stops a row when |y_{k+1} - y_k|_inf <= LASSO_TOL max(1, |y_{k+1}|_inf). */
#define LASSO_TOL 1e-12

typedef struct lasso {
    size_t nx, ny;
    double lambda;      /* weight of |y|_1 */
    double noise;       /* std of the additive noise of p(x) */
    double sparsity;    /* P(y_true_j != 0) */
    size_t solve_iters; /* FISTA iteration cap */
    double *d;          /* (nx, ny) row-major, unit-norm columns */
    double *gram;       /* (ny, ny) D'D, exactly symmetric */
    double lip;         /* |D|_2^2, the largest eigenvalue of D'D */
    double *scratch;    /* (LASSO_CHUNK, max(nx, 4 ny)) */
    double *mom;        /* (LASSO_CHUNK) FISTA momentum t of each running row */
    size_t *row;        /* (LASSO_CHUNK) block row of each running row */
} lasso;

enum { P_NX, P_NY, P_LAMBDA, P_NOISE, P_SPARSITY, P_DICT_SEED, P_SOLVE_ITERS, NUM_P };

static const amor_param_decl lasso_params[NUM_P] = {
    {"nx", AMOR_PARAM_INT, "signal dimension (rows of D)", 16, NULL, NULL, 0, 1,
     16384, NULL},
    {"ny", AMOR_PARAM_INT, "code dimension (atoms, columns of D)", 32, NULL, NULL,
     0, 1, 16384, NULL},
    {"lambda", AMOR_PARAM_REAL, "weight of the l1 penalty", 0.1, NULL, NULL, 0, 0,
     1e6, NULL},
    {"noise", AMOR_PARAM_REAL, "std of the Gaussian noise added to D y_true", 0.01,
     NULL, NULL, 0, 0, 1e6, NULL},
    {"sparsity", AMOR_PARAM_REAL, "expected fraction of nonzeros of y_true", 0.1,
     NULL, NULL, 0, 0, 1, NULL},
    {"dict_seed", AMOR_PARAM_INT, "seed of the random dictionary D", 0, NULL, NULL,
     0, 0, 2147483647.0, NULL},
    {"solve_iters", AMOR_PARAM_INT, "iteration cap of the FISTA reference solver",
     5000, NULL, NULL, 0, 1, 1e8, NULL},
};

/* ------------------------------------------------------------------------ */
/* Raw math                                                                 */

/* Prox of t |.| at v. */
static double soft(double v, double t)
{
    return v > t ? v - t : v < -t ? v + t : 0.0;
}

static double sign0(double v) { return v > 0 ? 1.0 : v < 0 ? -1.0 : 0.0; }

/* r (m, nx) := y D' - x for m rows; f[i] = 1/2 |r_i|^2 + lambda |y_i|_1. */
static void residual_values(const lasso *p, size_t m, const double *x,
                            const double *y, double *r, double *f)
{
    size_t i, j, nx = p->nx, ny = p->ny;
    am_dgemm(AM_NOTRANS, AM_TRANS, m, nx, ny, 1.0, y, ny, p->d, ny, 0.0, r, nx);
    for (i = 0; i < m; i++) {
        double s = 0.0, l1 = 0.0;
        for (j = 0; j < nx; j++) {
            double e = r[i * nx + j] - x[i * nx + j];
            r[i * nx + j] = e;
            s += e * e;
        }
        for (j = 0; j < ny; j++) l1 += fabs(y[i * ny + j]);
        f[i] = 0.5 * s + p->lambda * l1;
    }
}

/* ------------------------------------------------------------------------ */
/* Plugin glue                                                              */

static void lasso_destroy(void *inst)
{
    lasso *p = inst;
    if (!p) return;
    free(p->d);
    free(p->gram);
    free(p->scratch);
    free(p->mom);
    free(p->row);
    free(p);
}

/* D from a local rng seeded by dict_seed (row-major draws), columns scaled
 * to unit norm; then D'D and its largest eigenvalue. */
static void build_dictionary(lasso *p, uint64_t seed)
{
    size_t nx = p->nx, ny = p->ny, i, j;
    amor_rng rng;
    amor_rng_seed(&rng, seed);
    for (i = 0; i < nx * ny; i++) p->d[i] = amor_rng_normal(&rng);
    for (j = 0; j < ny; j++) {
        double s = 0.0;
        for (i = 0; i < nx; i++) s += p->d[i * ny + j] * p->d[i * ny + j];
        if (s > 0) {
            s = 1.0 / sqrt(s);
            for (i = 0; i < nx; i++) p->d[i * ny + j] *= s;
        } else { /* probability zero, but keep the columns unit */
            p->d[j] = 1.0;
        }
    }
    am_gram(p->gram, p->d, nx, ny);
    p->lip = am_sym_maxeig(p->gram, ny, p->scratch);
}

static int lasso_create(const amor_value *params, void **inst, char *err,
                        size_t errlen)
{
    lasso *p = calloc(1, sizeof *p);
    size_t nx, ny, w;
    if (!p) return amor_errorf(err, errlen, AMOR_ENOMEM, "lasso: out of memory");
    nx = p->nx = (size_t)params[P_NX].i;
    ny = p->ny = (size_t)params[P_NY].i;
    p->lambda = params[P_LAMBDA].r;
    p->noise = params[P_NOISE].r;
    p->sparsity = params[P_SPARSITY].r;
    p->solve_iters = (size_t)params[P_SOLVE_ITERS].i;
    w = nx > 4 * ny ? nx : 4 * ny;
    p->d = malloc(nx * ny * sizeof *p->d);
    p->gram = malloc(ny * ny * sizeof *p->gram);
    p->scratch = malloc(LASSO_CHUNK * w * sizeof *p->scratch);
    p->mom = malloc(LASSO_CHUNK * sizeof *p->mom);
    p->row = malloc(LASSO_CHUNK * sizeof *p->row);
    if (!p->d || !p->gram || !p->scratch || !p->mom || !p->row) {
        lasso_destroy(p);
        return amor_errorf(err, errlen, AMOR_ENOMEM,
                           "lasso: out of memory for nx %zu, ny %zu", nx, ny);
    }
    build_dictionary(p, (uint64_t)params[P_DICT_SEED].i);
    if (!(p->lip > 0) || !isfinite(p->lip)) {
        double lip = p->lip;
        lasso_destroy(p);
        return amor_errorf(err, errlen, AMOR_ENUMERIC,
                           "lasso: |D|_2^2 came out as %g", lip);
    }
    *inst = p;
    return AMOR_OK;
}

static void lasso_dims(const void *inst, size_t *nx, size_t *ny)
{
    const lasso *p = inst;
    *nx = p->nx;
    *ny = p->ny;
}

/* x_i = D y_true + noise e: per row, for each atom j a uniform (nonzero when
 * < sparsity) and then, if nonzero, its N(0, 1) value; then nx noise draws. */
static int lasso_sample(void *inst, amor_rng *rng, size_t n, double *x,
                        char *err, size_t errlen)
{
    const lasso *p = inst;
    size_t i, j, r, nx = p->nx, ny = p->ny;
    (void)err;
    (void)errlen;
    for (i = 0; i < n; i++) {
        double *xi = x + i * nx;
        memset(xi, 0, nx * sizeof *xi);
        for (j = 0; j < ny; j++)
            if (amor_rng_uniform(rng) < p->sparsity) {
                double c = amor_rng_normal(rng);
                for (r = 0; r < nx; r++) xi[r] += c * p->d[r * ny + j];
            }
        for (r = 0; r < nx; r++) xi[r] += p->noise * amor_rng_normal(rng);
    }
    return AMOR_OK;
}

static int lasso_value(void *inst, size_t n, const double *x, const double *y,
                       double *f, char *err, size_t errlen)
{
    lasso *p = inst;
    size_t r0;
    (void)err;
    (void)errlen;
    for (r0 = 0; r0 < n; r0 += LASSO_CHUNK) {
        size_t m = n - r0 < LASSO_CHUNK ? n - r0 : LASSO_CHUNK;
        residual_values(p, m, x + r0 * p->nx, y + r0 * p->ny, p->scratch, f + r0);
    }
    return AMOR_OK;
}

/* grad = D'(D y - x) + lambda sign(y) with sign(0) = 0: the gradient
 * wherever no coordinate is zero; at a zero coordinate, the element of the
 * subdifferential D'(Dy - x) + lambda [-1, 1] whose l1 part is 0 (not the
 * minimal-norm subgradient -- solvers should use the prox, as FISTA here). */
static int lasso_value_grad(void *inst, size_t n, const double *x,
                            const double *y, double *f, double *grad, char *err,
                            size_t errlen)
{
    lasso *p = inst;
    size_t r0, k, nx = p->nx, ny = p->ny;
    (void)err;
    (void)errlen;
    for (r0 = 0; r0 < n; r0 += LASSO_CHUNK) {
        size_t m = n - r0 < LASSO_CHUNK ? n - r0 : LASSO_CHUNK;
        residual_values(p, m, x + r0 * nx, y + r0 * ny, p->scratch, f + r0);
        am_dgemm(AM_NOTRANS, AM_NOTRANS, m, ny, nx, 1.0, p->scratch, nx, p->d,
                 ny, 0.0, grad + r0 * ny, ny);
    }
    for (k = 0; k < n * ny; k++) grad[k] += p->lambda * sign0(y[k]);
    return AMOR_OK;
}

/* Hessian of the smooth part, D'D v (the l1 part has zero curvature away
 * from zero coordinates). */
static int lasso_hvp(void *inst, size_t n, const double *x, const double *y,
                     const double *v, double *hv, char *err, size_t errlen)
{
    const lasso *p = inst;
    (void)x;
    (void)y;
    (void)err;
    (void)errlen;
    am_dgemm(AM_NOTRANS, AM_NOTRANS, n, p->ny, p->ny, 1.0, v, p->ny, p->gram,
             p->ny, 0.0, hv, p->ny);
    return AMOR_OK;
}

/* FISTA (Beck & Teboulle) from y = 0 with step 1/L and the gradient restart
 * of O'Donoghue & Candes (momentum reset when (z - y+).(y+ - y) > 0), which
 * restores linear convergence once the support settles.  Each row has its
 * own momentum and stops on its own (LASSO_TOL), so a row's result does not
 * depend on the rest of the batch; the rows still running are kept packed at
 * the front of the block so the smooth gradient z G - D'x of all of them is
 * one dgemm.  ystar (m, ny) gets each row as it finishes. */
static int fista_block(lasso *p, size_t m, const double *x, double *ystar)
{
    size_t ny = p->ny, i, j, k, nact = m;
    double *b = p->scratch;     /* (m, ny) D'x */
    double *y = b + m * ny;     /* (m, ny) iterate */
    double *z = y + m * ny;     /* (m, ny) extrapolated point */
    double *g = z + m * ny;     /* (m, ny) gradient at z, then y+ */
    double step = 1.0 / p->lip, thr = p->lambda / p->lip;
    int bad = 0;
    am_dgemm(AM_NOTRANS, AM_NOTRANS, m, ny, p->nx, 1.0, x, p->nx, p->d, ny, 0.0,
             b, ny);
    memset(y, 0, m * ny * sizeof *y);
    memset(z, 0, m * ny * sizeof *z);
    for (i = 0; i < m; i++) {
        p->mom[i] = 1.0;
        p->row[i] = i;
    }
    for (k = 0; k < p->solve_iters && nact > 0; k++) {
        size_t keep = 0;
        am_dgemm(AM_NOTRANS, AM_NOTRANS, nact, ny, ny, 1.0, z, ny, p->gram, ny,
                 0.0, g, ny);
        for (i = 0; i < nact; i++) {
            double *yi = y + i * ny, *zi = z + i * ny, *gi = g + i * ny;
            const double *bi = b + i * ny;
            double dmax = 0.0, ymax = 0.0, dot = 0.0, t = p->mom[i], tn, beta;
            for (j = 0; j < ny; j++) {
                double yn = soft(zi[j] - step * (gi[j] - bi[j]), thr);
                double dl = yn - yi[j];
                dot += (zi[j] - yn) * dl;
                if (!(fabs(dl) <= dmax)) dmax = fabs(dl); /* NaN sticks */
                if (fabs(yn) > ymax) ymax = fabs(yn);
                gi[j] = yn;
            }
            tn = 0.5 * (1.0 + sqrt(1.0 + 4.0 * t * t));
            beta = (t - 1.0) / tn;
            if (dot > 0) { /* restart */
                tn = 1.0;
                beta = 0.0;
            }
            for (j = 0; j < ny; j++) {
                zi[j] = gi[j] + beta * (gi[j] - yi[j]);
                yi[j] = gi[j];
            }
            p->mom[i] = tn;
            if (dmax <= LASSO_TOL * (ymax > 1.0 ? ymax : 1.0)) { /* done */
                memcpy(ystar + p->row[i] * ny, yi, ny * sizeof *yi);
                continue;
            }
            if (keep != i) { /* pack the running rows */
                memcpy(b + keep * ny, bi, ny * sizeof *b);
                memcpy(y + keep * ny, yi, ny * sizeof *y);
                memcpy(z + keep * ny, zi, ny * sizeof *z);
                p->mom[keep] = p->mom[i];
                p->row[keep] = p->row[i];
            }
            keep++;
        }
        nact = keep;
    }
    for (i = 0; i < nact; i++) /* iteration cap: the last iterate */
        memcpy(ystar + p->row[i] * ny, y + i * ny, ny * sizeof *y);
    for (i = 0; i < m * ny; i++) bad |= !isfinite(ystar[i]);
    return bad ? AMOR_ENUMERIC : AMOR_OK;
}

static int lasso_solve(void *inst, size_t n, const double *x, double *ystar,
                       char *err, size_t errlen)
{
    lasso *p = inst;
    size_t r0;
    for (r0 = 0; r0 < n; r0 += LASSO_CHUNK) {
        size_t m = n - r0 < LASSO_CHUNK ? n - r0 : LASSO_CHUNK;
        if (fista_block(p, m, x + r0 * p->nx, ystar + r0 * p->ny))
            return amor_errorf(err, errlen, AMOR_ENUMERIC,
                               "lasso: FISTA produced a non-finite solution "
                               "(non-finite context in rows %zu..%zu?)",
                               r0, r0 + m - 1);
    }
    return AMOR_OK;
}

static int lasso_dictionary(void *inst, double *D, double *lambda, char *err,
                            size_t errlen)
{
    const lasso *p = inst;
    (void)err;
    (void)errlen;
    if (D) memcpy(D, p->d, p->nx * p->ny * sizeof *D);
    if (lambda) *lambda = p->lambda;
    return AMOR_OK;
}

static const amor_problem_desc lasso_desc = {
    .head = AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "lasso", "1.0",
              "sparse coding 1/2|x - Dy|^2 + lambda|y|_1, fixed unit-column D, "
              "x = D y_sparse + noise, y* by FISTA",
              lasso_params, NUM_P),
    .create = lasso_create,
    .destroy = lasso_destroy,
    .dims = lasso_dims,
    .sample = lasso_sample,
    .value = lasso_value,
    .value_grad = lasso_value_grad,
    .hvp = lasso_hvp,
    .solve = lasso_solve,
    .dictionary = lasso_dictionary,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &lasso_desc.head : NULL;
}
