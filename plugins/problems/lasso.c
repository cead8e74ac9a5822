/*
 * lasso.c -- problem plugin `lasso` (sparse coding): f(y; s) = 1/2 |s - D y|^2
 * + lambda |y|_1 with a fixed random dictionary D (nx, ny; Gaussian, unit-norm
 * columns), signals s = D y_true + noise e from sparse codes y_true, and
 * reference solutions y*(s) by FISTA.  Exposes D and lambda through the
 * `dictionary` capability so LISTA can start from ISTA.
 *
 * Contexts carry the generating code as private task data: x = (s (nx),
 * y_true (ny)), dims reports nx + ny, nx_model nx, so models see only the
 * signal.  Every objective, solve and the solver read only s; the validation
 * objective alone reads y_true:
 *   v(y; x) = |y - y_true|^2 / E|y_true|^2,  E|y_true|^2 = ny sparsity
 * (each coordinate is nonzero with probability `sparsity`, then N(0, 1)), a
 * scale fixed by the problem, so the held-out mean of v estimates NMSE =
 * E|y - y_true|^2 / E|y_true|^2 (Gregor & LeCun 2010; 10 log10 of it in dB).
 * With sparsity = 0 the truth is 0 and v is the plain squared error.
 *
 * Solver (state_dim / solver_init / solver_step / residual), with step t =
 * 1/L, L = |D|_2^2:
 *   method = ista:  state = y (ny); y <- soft(y - t D'(Dy - s), t lambda).
 *   method = fista: state = (y_k (ny), y_{k-1} (ny), t_k (1)), warm and cold
 *       starts at (y, y, 0); a step is t_{k+1} = (1 + sqrt(1 + 4 t_k^2)) / 2,
 *       z = y_k + (t_k - 1) / t_{k+1} (y_k - y_{k-1}), y_{k+1} = the ISTA
 *       step from z, next state (y_{k+1}, y_k, t_{k+1}) (Beck & Teboulle's
 *       FISTA as published: its first two steps are ISTA's).
 *   method = fista_restart: the same state and step, except that when the
 *       step goes against the momentum, (z - y_{k+1}).(y_{k+1} - y_k) > 0,
 *       the next state is (y_{k+1}, y_{k+1}, 0): the momentum restarts
 *       (O'Donoghue & Candes 2015's gradient restart, as `solve` uses; it
 *       restores linear convergence once the support settles, so it is the
 *       one to count iterations to a tight tolerance with).
 * residual: the norm of the proximal-gradient mapping at state[:ny],
 *   r = |y - soft(y - t D'(Dy - s), t lambda)|_2 / t,
 * absolute (in the units of the gradient), 0 exactly at a minimizer of f
 * and nowhere else, for either method.
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
    size_t nx, ny;      /* signal width (rows of D), code width */
    size_t nxc;         /* context width nx + ny: (signal, y_true) */
    int fista;          /* method = fista or fista_restart */
    int restart;        /* method = fista_restart */
    double lambda;      /* weight of |y|_1 */
    double noise;       /* std of the additive noise of p(x) */
    double sparsity;    /* P(y_true_j != 0) */
    size_t solve_iters; /* FISTA iteration cap */
    double *d;          /* (nx, ny) row-major, unit-norm columns */
    double *gram;       /* (ny, ny) D'D, exactly symmetric */
    double lip;         /* |D|_2^2, the largest eigenvalue of D'D */
    double vscale;      /* 1 / E|y_true|^2 of the validation objective */
    double *scratch;    /* (LASSO_CHUNK, max(nx, 4 ny)) */
    double *mom;        /* (LASSO_CHUNK) FISTA momentum t of each running row */
    size_t *row;        /* (LASSO_CHUNK) block row of each running row */
} lasso;

enum { P_NX, P_NY, P_LAMBDA, P_NOISE, P_SPARSITY, P_DICT_SEED, P_SOLVE_ITERS, P_METHOD,
       NUM_P };

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
    {"method", AMOR_PARAM_STRING, "the solver step offered to the host and models "
     "(solver_step): ista, or fista (state y, previous y, momentum t) as "
     "published or with gradient restart", 0, "ista", NULL, 0, 0, 0,
     "ista|fista|fista_restart"},
};

/* ------------------------------------------------------------------------ */
/* Raw math                                                                 */

/* Prox of t |.| at v. */
static double soft(double v, double t)
{
    return v > t ? v - t : v < -t ? v + t : 0.0;
}

static double sign0(double v) { return v > 0 ? 1.0 : v < 0 ? -1.0 : 0.0; }

/* r (m, nx) := y D' - s for m rows of contexts x (m, nxc) with signals s;
 * f[i] = 1/2 |r_i|^2 + lambda |y_i|_1. */
static void residual_values(const lasso *p, size_t m, const double *x,
                            const double *y, double *r, double *f)
{
    size_t i, j, nx = p->nx, ny = p->ny;
    am_dgemm(AM_NOTRANS, AM_TRANS, m, nx, ny, 1.0, y, ny, p->d, ny, 0.0, r, nx);
    for (i = 0; i < m; i++) {
        double s = 0.0, l1 = 0.0;
        for (j = 0; j < nx; j++) {
            double e = r[i * nx + j] - x[i * p->nxc + j];
            r[i * nx + j] = e;
            s += e * e;
        }
        for (j = 0; j < ny; j++) l1 += fabs(y[i * ny + j]);
        f[i] = 0.5 * s + p->lambda * l1;
    }
}

/* g (m, ny) := D'(D y_i - s_i) for m rows, as y G - s D: y (m, ny) with row
 * stride ldy (a solver state), contexts x (m, nxc). */
static void smooth_grad(const lasso *p, size_t m, const double *x,
                        const double *y, size_t ldy, double *g)
{
    size_t nx = p->nx, ny = p->ny;
    am_dgemm(AM_NOTRANS, AM_NOTRANS, m, ny, ny, 1.0, y, ldy, p->gram, ny, 0.0,
             g, ny);
    am_dgemm(AM_NOTRANS, AM_NOTRANS, m, ny, nx, -1.0, x, p->nxc, p->d, ny, 1.0,
             g, ny);
}

/* The ISTA step from z (ny) with smooth gradient g (ny) there, into out. */
static void ista_row(const lasso *p, const double *z, const double *g,
                     double *out)
{
    double step = 1.0 / p->lip, thr = p->lambda / p->lip;
    size_t j;
    for (j = 0; j < p->ny; j++) out[j] = soft(z[j] - step * g[j], thr);
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
    p->nxc = nx + ny;
    p->restart = !strcmp(params[P_METHOD].s, "fista_restart");
    p->fista = p->restart || !strcmp(params[P_METHOD].s, "fista");
    p->lambda = params[P_LAMBDA].r;
    p->noise = params[P_NOISE].r;
    p->sparsity = params[P_SPARSITY].r;
    p->solve_iters = (size_t)params[P_SOLVE_ITERS].i;
    if (!p->fista && strcmp(params[P_METHOD].s, "ista")) {
        lasso_destroy(p);
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "lasso: parameter 'method' must be ista, fista or "
                           "fista_restart, got '%s'", params[P_METHOD].s);
    }
    /* E|y_true|^2 = ny sparsity E z^2 with z ~ N(0, 1) (lasso_sample) */
    p->vscale = p->sparsity > 0 ? 1.0 / ((double)ny * p->sparsity) : 1.0;
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

/* Contexts are (signal, y_true); models see the signal only. */
static void lasso_dims(const void *inst, size_t *nx, size_t *ny)
{
    const lasso *p = inst;
    *nx = p->nxc;
    *ny = p->ny;
}

static size_t lasso_nx_model(const void *inst)
{
    return ((const lasso *)inst)->nx;
}

/* x_i = (s, y_true) with s = D y_true + noise e: per row, for each atom j a
 * uniform (nonzero when < sparsity) and then, if nonzero, its N(0, 1) value;
 * then nx noise draws.  (The signals are those of lasso 1.0, which drew the
 * same stream and kept only s.) */
static int lasso_sample(void *inst, amor_rng *rng, size_t n, double *x,
                        char *err, size_t errlen)
{
    const lasso *p = inst;
    size_t i, j, r, nx = p->nx, ny = p->ny;
    (void)err;
    (void)errlen;
    for (i = 0; i < n; i++) {
        double *xi = x + i * p->nxc, *yt = xi + nx;
        memset(xi, 0, p->nxc * sizeof *xi);
        for (j = 0; j < ny; j++)
            if (amor_rng_uniform(rng) < p->sparsity) {
                double c = amor_rng_normal(rng);
                yt[j] = c;
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
        residual_values(p, m, x + r0 * p->nxc, y + r0 * p->ny, p->scratch, f + r0);
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
        residual_values(p, m, x + r0 * p->nxc, y + r0 * ny, p->scratch, f + r0);
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
    am_dgemm(AM_NOTRANS, AM_NOTRANS, m, ny, p->nx, 1.0, x, p->nxc, p->d, ny, 0.0,
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
        if (fista_block(p, m, x + r0 * p->nxc, ystar + r0 * p->ny))
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

/* ------------------------------------------------------------------------ */
/* Validation objective: squared error to y_true on the fixed NMSE scale    */

static int lasso_valid_value_grad(void *inst, size_t n, const double *x,
                                  const double *y, double *f, double *grad,
                                  char *err, size_t errlen)
{
    const lasso *p = inst;
    size_t i, j, ny = p->ny;
    (void)err;
    (void)errlen;
    for (i = 0; i < n; i++) {
        const double *yt = x + i * p->nxc + p->nx, *yi = y + i * ny;
        double s = 0.0;
        for (j = 0; j < ny; j++) {
            double e = yi[j] - yt[j];
            s += e * e;
            if (grad) grad[i * ny + j] = 2.0 * p->vscale * e;
        }
        f[i] = p->vscale * s;
    }
    return AMOR_OK;
}

static int lasso_valid_value(void *inst, size_t n, const double *x,
                             const double *y, double *f, char *err,
                             size_t errlen)
{
    return lasso_valid_value_grad(inst, n, x, y, f, NULL, err, errlen);
}

static int lasso_valid_hvp(void *inst, size_t n, const double *x,
                           const double *y, const double *v, double *hv,
                           char *err, size_t errlen)
{
    const lasso *p = inst;
    size_t k;
    (void)x;
    (void)y;
    (void)err;
    (void)errlen;
    for (k = 0; k < n * p->ny; k++) hv[k] = 2.0 * p->vscale * v[k];
    return AMOR_OK;
}

/* ------------------------------------------------------------------------ */
/* The solver: ISTA or FISTA steps, the proximal-gradient residual          */

static size_t lasso_state_dim(const void *inst)
{
    const lasso *p = inst;
    return p->fista ? 2 * p->ny + 1 : p->ny;
}

/* state = y, or (y, y, t = 0) for FISTA (either kind). */
static int lasso_solver_init(void *inst, size_t n, const double *x,
                             const double *y, double *state, char *err,
                             size_t errlen)
{
    const lasso *p = inst;
    size_t i, ny = p->ny, S = lasso_state_dim(p);
    (void)x;
    (void)err;
    (void)errlen;
    for (i = 0; i < n; i++) {
        double *si = state + i * S;
        memcpy(si, y + i * ny, ny * sizeof *si);
        if (p->fista) {
            memcpy(si + ny, y + i * ny, ny * sizeof *si);
            si[2 * ny] = 0.0;
        }
    }
    return AMOR_OK;
}

/* ISTA: next = the step from y.  FISTA: the extrapolated z (chunk scratch)
 * first, then the step from z; the momentum of the rows is independent, so
 * each row's result does not depend on the rest of the batch. */
static int lasso_solver_step(void *inst, size_t n, const double *x,
                             const double *state, double *next, char *err,
                             size_t errlen)
{
    lasso *p = inst;
    size_t r0, i, j, ny = p->ny, S = lasso_state_dim(p);
    double *z = p->scratch, *g = z + LASSO_CHUNK * ny; /* (m, ny) each */
    (void)err;
    (void)errlen;
    for (r0 = 0; r0 < n; r0 += LASSO_CHUNK) {
        size_t m = n - r0 < LASSO_CHUNK ? n - r0 : LASSO_CHUNK;
        const double *xs = x + r0 * p->nxc, *st = state + r0 * S;
        double *nt = next + r0 * S;
        if (!p->fista) {
            smooth_grad(p, m, xs, st, S, g);
            for (i = 0; i < m; i++) ista_row(p, st + i * S, g + i * ny, nt + i * S);
            continue;
        }
        for (i = 0; i < m; i++) {
            const double *yk = st + i * S, *yp = yk + ny;
            double t = yk[2 * ny], tn = 0.5 * (1.0 + sqrt(1.0 + 4.0 * t * t));
            double beta = (t - 1.0) / tn;
            for (j = 0; j < ny; j++) z[i * ny + j] = yk[j] + beta * (yk[j] - yp[j]);
            nt[i * S + 2 * ny] = tn;
        }
        smooth_grad(p, m, xs, z, ny, g);
        for (i = 0; i < m; i++) {
            const double *yk = st + i * S, *zi = z + i * ny;
            double *yn = nt + i * S, dot = 0.0;
            ista_row(p, zi, g + i * ny, yn);
            if (p->restart)
                for (j = 0; j < ny; j++) dot += (zi[j] - yn[j]) * (yn[j] - yk[j]);
            if (dot > 0) { /* restart: (y_{k+1}, y_{k+1}, 0) */
                memcpy(yn + ny, yn, ny * sizeof *yn);
                yn[2 * ny] = 0.0;
            } else {
                memcpy(yn + ny, yk, ny * sizeof *yn);
            }
        }
    }
    return AMOR_OK;
}

/* r = L |y - soft(y - D'(Dy - s)/L, lambda/L)|_2 at y = state[:ny]. */
static int lasso_residual(void *inst, size_t n, const double *x,
                          const double *state, double *r, char *err,
                          size_t errlen)
{
    lasso *p = inst;
    size_t r0, i, j, ny = p->ny, S = lasso_state_dim(p);
    double *g = p->scratch, *u = g + LASSO_CHUNK * ny; /* (m, ny), (ny) */
    (void)err;
    (void)errlen;
    for (r0 = 0; r0 < n; r0 += LASSO_CHUNK) {
        size_t m = n - r0 < LASSO_CHUNK ? n - r0 : LASSO_CHUNK;
        const double *st = state + r0 * S;
        smooth_grad(p, m, x + r0 * p->nxc, st, S, g);
        for (i = 0; i < m; i++) {
            const double *yi = st + i * S;
            double s = 0.0;
            ista_row(p, yi, g + i * ny, u);
            for (j = 0; j < ny; j++) s += (yi[j] - u[j]) * (yi[j] - u[j]);
            r[r0 + i] = p->lip * sqrt(s);
        }
    }
    return AMOR_OK;
}

static const amor_problem_desc lasso_desc = {
    .head = AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "lasso", "1.1",
              "sparse coding 1/2|s - Dy|^2 + lambda|y|_1, fixed unit-column D, "
              "x = (s = D y_true + noise, y_true private), y* by FISTA, "
              "ISTA/FISTA steps",
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
    .nx_model = lasso_nx_model,
    .valid_value = lasso_valid_value,
    .valid_value_grad = lasso_valid_value_grad,
    .valid_hvp = lasso_valid_hvp,
    .state_dim = lasso_state_dim,
    .solver_init = lasso_solver_init,
    .solver_step = lasso_solver_step,
    .residual = lasso_residual,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &lasso_desc.head : NULL;
}
