/*
 * enr.c -- problem plugin `enr`: NeuralFP's elastic-net regression
 * (Venkataraman & Amos 2021; facebookresearch/neural-scs, automl21/enr.py),
 *
 *   f(y; A, b) = 1/2 |A y - b|^2 + mu (beta |y|_1 + (1 - beta)/2 |y|^2),
 *   mu = mu_scale |A'b|_inf,
 *
 * with A (m, n) N(0, 1), b = A x_hat + noise w, w ~ N(0, I_m), and x_hat
 * sparse: k = round(density n) coordinates (half to even, as
 * scipy.sparse.random counts them: 2 for the defaults) at distinct uniformly
 * random places, each N(0, 1).  Defaults are the reference's: m = n = 25,
 * density 0.1, noise 0.1, mu_scale 0.001, beta 0.5.
 *
 * The context (`context`):
 *   ab (default): x = (A row-major (m n), b (m)), a fresh A per context, as
 *       the reference samples each instance and conditions its models on
 *       cat(A, b); mu and L (below) differ per context.
 *   b:  x = b, with A drawn once at create from `seed` (row-major N(0, 1)).
 * Per context, the draws are, in order: A (ab only), the k places of x_hat
 * (a partial Fisher-Yates shuffle of 0..n-1, one uniform each), their k
 * values, then w.
 *
 * The map (the reference's fixed_point_iteration, one proximal-gradient
 * step):
 *   T(y) = soft(y - alpha (A'(A y - b) + mu (1 - beta) y), alpha mu beta),
 *   alpha = step / L,  L = sigma_max(A)^2 + mu (1 - beta),
 * with step = 1.8; the reference writes mu/2 for both mu beta and mu (1 -
 * beta), the same at its beta = 0.5.  sigma_max by LAPACK's dgesdd.
 *
 * Solver (ABI 1.1): state = (y (n), mu, L), state_dim n + 2: solver_init
 * computes mu and L of the context once (an SVD per context for ab), so a
 * step costs two matrix-vector products; the step is T and leaves mu and L
 * as they are (Anderson's mixing leaves them too: their differences are
 * 0).  residual |T(y) - y|_2, absolute (the reference divides by the
 * residual at its random starting point; that would judge warm starts on
 * another scale than cold ones).  The cold start is y = 0 (the reference
 * starts at a random unit vector).
 *
 * Objective losses: f is nonsmooth, so value_grad gives the gradient where
 * no coordinate is 0 and, at a zero coordinate, the subgradient with sign(0)
 * = 0 (as lasso); hvp is the Hessian of the smooth part, A'A v + mu (1 -
 * beta) v.
 *
 * solve: FISTA (step 1/L) with gradient restart from y = 0; every
 * ENR_POLISH_EVERY iterations, the elastic net restricted to the current
 * support and signs is solved exactly (a linear system, LU by LAPACK's
 * dgesv) and taken when its residual |T(y) - y| is <= 1e-12.  A context
 * that does not get there within `solve_iters` iterations is refused
 * (AMOR_ENUMERIC, naming it).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alapack.h"
#include "amath.h"
#include "amor.h"

/* solve stops at |T(y) - y|_2 <= ENR_TOL ... */
#define ENR_TOL 1e-12
/* ... trying the exact solve on the current support this often. */
#define ENR_POLISH_EVERY 25

typedef struct enr {
    size_t m, n;      /* A is (m, n); y in R^n */
    int ctx_ab;       /* context = ab */
    size_t nx;        /* m n + m (ab) or m (b) */
    size_t nnz;       /* nonzeros of x_hat */
    double noise, mu_scale, beta, step;
    size_t solve_iters;
    double *a;        /* (m, n) the fixed A (context = b), else NULL */
    double sig2;      /* sigma_max(A)^2 of the fixed A */
    double *svd;      /* am_sigma_max_work(m, n) doubles */
    double *work;     /* (6 n + 2 m + n n) doubles: per-row vectors, Gram */
    int *ipiv;        /* (n) */
    size_t *perm;     /* (n) sample's shuffle */
} enr;

enum { P_M, P_N, P_CONTEXT, P_DENSITY, P_NOISE, P_MU_SCALE, P_BETA, P_STEP, P_SEED,
       P_SOLVE_ITERS, NUM_P };

static const amor_param_decl enr_params[NUM_P] = {
    [P_M] = {.name = "m", .type = AMOR_PARAM_INT, .doc = "rows of A (observations)", .def = 25,
             .min = 1, .max = 4096},
    [P_N] = {.name = "n", .type = AMOR_PARAM_INT, .doc = "columns of A, the dimension of y",
             .def = 25, .min = 1, .max = 4096},
    [P_CONTEXT] = {.name = "context", .type = AMOR_PARAM_STRING,
                   .doc = "what a context holds: ab (A and b, a fresh A each) or b (A fixed "
                          "by seed)",
                   .def_string = "ab", .choices = "ab|b"},
    [P_DENSITY] = {.name = "density", .type = AMOR_PARAM_REAL,
                   .doc = "fraction of nonzeros of x_hat (round(density n) of them)", .def = 0.1,
                   .min = 0, .max = 1},
    [P_NOISE] = {.name = "noise", .type = AMOR_PARAM_REAL,
                 .doc = "std of the noise w in b = A x_hat + noise w", .def = 0.1, .min = 0,
                 .max = 1e6},
    [P_MU_SCALE] = {.name = "mu_scale", .type = AMOR_PARAM_REAL,
                    .doc = "mu = mu_scale |A'b|_inf, the weight of the elastic net", .def = 0.001,
                    .min = 0, .max = 1e6},
    [P_BETA] = {.name = "beta", .type = AMOR_PARAM_REAL,
                .doc = "elastic-net mix: mu (beta |y|_1 + (1 - beta)/2 |y|^2)", .def = 0.5,
                .min = 0, .max = 1},
    /* declared up to 1e3 so that create, not the range check, says why 2
     * and above do not work */
    [P_STEP] = {.name = "step", .type = AMOR_PARAM_REAL,
                .doc = "the map's step alpha = step / L, in (0, 2)", .def = 1.8, .min = 0,
                .max = 1e3},
    [P_SEED] = {.name = "seed", .type = AMOR_PARAM_INT,
                .doc = "seed of the fixed A (context = b), drawn at create", .def = 0, .min = 0,
                .max = 2147483647.0},
    [P_SOLVE_ITERS] = {.name = "solve_iters", .type = AMOR_PARAM_INT,
                       .doc = "iteration cap of the reference solver (FISTA)", .def = 100000,
                       .min = 1, .max = 1e9},
};

/* ------------------------------------------------------------------------ */
/* Raw math                                                                 */

static double soft(double v, double t) { return v > t ? v - t : v < -t ? v + t : 0.0; }

static double sign0(double v) { return v > 0 ? 1.0 : v < 0 ? -1.0 : 0.0; }

/* A and b of context xi. */
static const double *ctx_a(const enr *p, const double *xi) { return p->ctx_ab ? xi : p->a; }
static const double *ctx_b(const enr *p, const double *xi)
{
    return p->ctx_ab ? xi + p->m * p->n : xi;
}

/* mu = mu_scale |A'b|_inf; tmp (n). */
static double ctx_mu(const enr *p, const double *a, const double *b, double *tmp)
{
    size_t j;
    double s = 0.0;
    am_dgemv(AM_TRANS, p->m, p->n, 1.0, a, p->n, b, 0.0, tmp);
    for (j = 0; j < p->n; j++)
        if (!(fabs(tmp[j]) <= s)) s = fabs(tmp[j]); /* NaN sticks */
    return p->mu_scale * s;
}

/* res (m) = A y - b; g (n) = A'(A y - b) + mu (1 - beta) y, the gradient of
 * the smooth part. */
static void smooth_grad(const enr *p, const double *a, const double *b, double mu,
                        const double *y, double *res, double *g)
{
    size_t i;
    for (i = 0; i < p->m; i++) res[i] = -b[i];
    am_dgemv(AM_NOTRANS, p->m, p->n, 1.0, a, p->n, y, 1.0, res);
    memcpy(g, y, p->n * sizeof *g);
    am_dgemv(AM_TRANS, p->m, p->n, 1.0, a, p->n, res, mu * (1.0 - p->beta), g);
}

/* out = T(y) = soft(y - alpha g, alpha mu beta), alpha = step / L, with g
 * the smooth gradient at y; res (m), g (n) scratch. */
static void map_row(const enr *p, const double *a, const double *b, double mu, double L,
                    const double *y, double *res, double *g, double *out)
{
    size_t j;
    double alpha = p->step / L, thr = alpha * mu * p->beta;
    smooth_grad(p, a, b, mu, y, res, g);
    for (j = 0; j < p->n; j++) out[j] = soft(y[j] - alpha * g[j], thr);
}

/* |T(y) - y|_2; res (m), g and t (n) scratch. */
static double resid_row(const enr *p, const double *a, const double *b, double mu, double L,
                        const double *y, double *res, double *g, double *t)
{
    size_t j;
    double s = 0.0;
    map_row(p, a, b, mu, L, y, res, g, t);
    for (j = 0; j < p->n; j++) s += (t[j] - y[j]) * (t[j] - y[j]);
    return sqrt(s);
}

/* mu and L of a context; svd per context for ab.  0, or -1 when the SVD
 * fails or mu or L is not finite (a non-finite context). */
static int ctx_mu_lip(enr *p, const double *xi, double *mu, double *L)
{
    const double *a = ctx_a(p, xi), *b = ctx_b(p, xi);
    double s2 = p->sig2;
    *mu = ctx_mu(p, a, b, p->work);
    if (p->ctx_ab) {
        double s;
        if (am_sigma_max(&s, a, p->m, p->n, p->svd)) return -1;
        s2 = s * s;
    }
    *L = s2 + *mu * (1.0 - p->beta);
    return isfinite(*mu) && isfinite(*L) ? 0 : -1;
}

/* ------------------------------------------------------------------------ */
/* Plugin glue                                                              */

static void enr_destroy(void *inst)
{
    enr *p = inst;
    if (!p) return;
    free(p->a);
    free(p->svd);
    free(p->work);
    free(p->ipiv);
    free(p->perm);
    free(p);
}

static int enr_create(const amor_value *params, void **inst, char *err, size_t errlen)
{
    enr *p;
    size_t m = (size_t)params[P_M].i, n = (size_t)params[P_N].i, k;
    double step = params[P_STEP].r;
    if (!(step > 0 && step < 2))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "enr: parameter 'step' is %g, but must be in (0, 2): the "
                           "proximal-gradient map with alpha = step / L converges only then",
                           step);
    if (!(p = calloc(1, sizeof *p)))
        return amor_errorf(err, errlen, AMOR_ENOMEM, "enr: out of memory");
    p->m = m, p->n = n;
    p->ctx_ab = !strcmp(params[P_CONTEXT].s, "ab");
    p->nx = p->ctx_ab ? m * n + m : m;
    /* round half to even (the default rounding mode), as Python's round */
    p->nnz = (size_t)nearbyint(params[P_DENSITY].r * (double)n);
    p->noise = params[P_NOISE].r;
    p->mu_scale = params[P_MU_SCALE].r;
    p->beta = params[P_BETA].r;
    p->step = step;
    p->solve_iters = (size_t)params[P_SOLVE_ITERS].i;
    p->svd = malloc(am_sigma_max_work(m, n) * sizeof *p->svd);
    p->work = malloc((6 * n + 2 * m + n * n) * sizeof *p->work);
    p->ipiv = malloc(n * sizeof *p->ipiv);
    p->perm = malloc(n * sizeof *p->perm);
    if (!p->ctx_ab) p->a = malloc(m * n * sizeof *p->a);
    if (!p->svd || !p->work || !p->ipiv || !p->perm || (!p->ctx_ab && !p->a)) {
        enr_destroy(p);
        return amor_errorf(err, errlen, AMOR_ENOMEM, "enr: out of memory for m %zu, n %zu",
                           m, n);
    }
    if (!p->ctx_ab) {
        amor_rng rng;
        double s;
        amor_rng_seed(&rng, (uint64_t)params[P_SEED].i);
        for (k = 0; k < m * n; k++) p->a[k] = amor_rng_normal(&rng);
        if (am_sigma_max(&s, p->a, m, n, p->svd)) {
            enr_destroy(p);
            return amor_errorf(err, errlen, AMOR_ENUMERIC,
                               "enr: the spectral norm of the fixed A could not be computed "
                               "(LAPACK dgesdd)");
        }
        p->sig2 = s * s;
    }
    *inst = p;
    return AMOR_OK;
}

static void enr_dims(const void *inst, size_t *nx, size_t *ny)
{
    const enr *p = inst;
    *nx = p->nx;
    *ny = p->n;
}

/* Per context: A (ab), the places of x_hat, their values, w (see the top). */
static int enr_sample(void *inst, amor_rng *rng, size_t n, double *x, char *err, size_t errlen)
{
    enr *p = inst;
    size_t i, j, r, m = p->m, nn = p->n;
    (void)err;
    (void)errlen;
    for (i = 0; i < n; i++) {
        double *xi = x + i * p->nx, *b;
        const double *a;
        if (p->ctx_ab)
            for (j = 0; j < m * nn; j++) xi[j] = amor_rng_normal(rng);
        a = ctx_a(p, xi);
        b = xi + (p->ctx_ab ? m * nn : 0);
        for (j = 0; j < nn; j++) p->perm[j] = j;
        for (j = 0; j < p->nnz; j++) {
            size_t s = j + (size_t)(amor_rng_uniform(rng) * (double)(nn - j)), t = p->perm[j];
            p->perm[j] = p->perm[s];
            p->perm[s] = t;
        }
        memset(b, 0, m * sizeof *b);
        for (j = 0; j < p->nnz; j++) {
            double v = amor_rng_normal(rng);
            for (r = 0; r < m; r++) b[r] += v * a[r * nn + p->perm[j]];
        }
        for (r = 0; r < m; r++) b[r] += p->noise * amor_rng_normal(rng);
    }
    return AMOR_OK;
}

/* f, and the (sub)gradient with sign(0) = 0 when grad is not NULL. */
static void value_grad_rows(enr *p, size_t n, const double *x, const double *y, double *f,
                            double *grad)
{
    size_t i, j, nn = p->n;
    double *res = p->work, *g = res + p->m;
    for (i = 0; i < n; i++) {
        const double *xi = x + i * p->nx, *yi = y + i * nn, *a = ctx_a(p, xi);
        const double *b = ctx_b(p, xi);
        double mu = ctx_mu(p, a, b, g), s = 0.0, l1 = 0.0, l2 = 0.0;
        smooth_grad(p, a, b, mu, yi, res, g);
        for (j = 0; j < p->m; j++) s += res[j] * res[j];
        for (j = 0; j < nn; j++) {
            l1 += fabs(yi[j]);
            l2 += yi[j] * yi[j];
        }
        f[i] = 0.5 * s + mu * (p->beta * l1 + 0.5 * (1.0 - p->beta) * l2);
        if (grad)
            for (j = 0; j < nn; j++) grad[i * nn + j] = g[j] + mu * p->beta * sign0(yi[j]);
    }
}

static int enr_value(void *inst, size_t n, const double *x, const double *y, double *f,
                     char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    value_grad_rows(inst, n, x, y, f, NULL);
    return AMOR_OK;
}

/* grad = A'(Ay - b) + mu (1 - beta) y + mu beta sign(y), sign(0) = 0: the
 * gradient wherever no coordinate is zero; at a zero coordinate the element
 * of the subdifferential whose l1 part is 0 (not the minimal-norm one:
 * solvers should use the prox, as the map does). */
static int enr_value_grad(void *inst, size_t n, const double *x, const double *y, double *f,
                          double *grad, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    value_grad_rows(inst, n, x, y, f, grad);
    return AMOR_OK;
}

/* The Hessian of the smooth part, A'A v + mu (1 - beta) v (the l1 part has
 * no curvature away from zero coordinates). */
static int enr_hvp(void *inst, size_t n, const double *x, const double *y, const double *v,
                   double *hv, char *err, size_t errlen)
{
    enr *p = inst;
    size_t i, nn = p->n;
    double *av = p->work, *tmp = av + p->m;
    (void)y;
    (void)err;
    (void)errlen;
    for (i = 0; i < n; i++) {
        const double *xi = x + i * p->nx, *a = ctx_a(p, xi), *vi = v + i * nn;
        double mu = ctx_mu(p, a, ctx_b(p, xi), tmp);
        am_dgemv(AM_NOTRANS, p->m, nn, 1.0, a, nn, vi, 0.0, av);
        memcpy(hv + i * nn, vi, nn * sizeof *hv);
        am_dgemv(AM_TRANS, p->m, nn, 1.0, a, nn, av, mu * (1.0 - p->beta), hv + i * nn);
    }
    return AMOR_OK;
}

/* ------------------------------------------------------------------------ */
/* solve: FISTA with restart, polished on the support                       */

/* The minimizer over y with y_j = 0 off the support of y and sign(y_j)
 * fixed on it: (A_S'A_S + mu (1 - beta) I) y_S = A_S'b - mu beta sign(y_S),
 * into out (n).  -1 when the system is singular. */
static int polish(enr *p, const double *a, const double *b, double mu, const double *y,
                  double *out, double *gram)
{
    size_t nn = p->n, m = p->m, i, j, r, k = 0;
    size_t *sup = p->perm;
    for (j = 0; j < nn; j++)
        if (y[j] != 0.0) sup[k++] = j;
    memset(out, 0, nn * sizeof *out);
    if (k == 0) return 0;
    for (i = 0; i < k; i++) {
        double s = 0.0;
        for (j = 0; j < k; j++) {
            double g = 0.0;
            for (r = 0; r < m; r++) g += a[r * nn + sup[i]] * a[r * nn + sup[j]];
            gram[i * k + j] = g + (i == j ? mu * (1.0 - p->beta) : 0.0);
        }
        for (r = 0; r < m; r++) s += a[r * nn + sup[i]] * b[r];
        out[i] = s - mu * p->beta * sign0(y[sup[i]]);
    }
    if (am_lu_solve(gram, out, k, p->ipiv)) return -1;
    for (i = k; i-- > 0;) { /* scatter, from the back: sup[i] >= i */
        double v = out[i];
        out[i] = 0.0;
        out[sup[i]] = v;
    }
    return 0;
}

static int fista_row(enr *p, size_t row, const double *xi, double *y, char *err, size_t errlen)
{
    size_t nn = p->n, j, it;
    const double *a = ctx_a(p, xi), *b = ctx_b(p, xi);
    double *res = p->work, *g = res + p->m, *z = g + nn, *yn = z + nn, *t = yn + nn;
    double *cand = t + nn, *gram = cand + nn + p->m;
    double mu = NAN, L = NAN, mom = 1.0, r = INFINITY, alpha, thr;
    if (ctx_mu_lip(p, xi, &mu, &L))
        return amor_errorf(err, errlen, AMOR_ENUMERIC,
                           "enr: context %zu is not finite (mu = %g, L = %g)", row, mu, L);
    alpha = 1.0 / L, thr = alpha * mu * p->beta;
    memset(y, 0, nn * sizeof *y);
    memset(z, 0, nn * sizeof *z);
    for (it = 0; it < p->solve_iters; it++) {
        double dot = 0.0, mn, beta;
        smooth_grad(p, a, b, mu, z, res, g);
        for (j = 0; j < nn; j++) yn[j] = soft(z[j] - alpha * g[j], thr);
        for (j = 0; j < nn; j++) dot += (z[j] - yn[j]) * (yn[j] - y[j]);
        mn = 0.5 * (1.0 + sqrt(1.0 + 4.0 * mom * mom));
        beta = (mom - 1.0) / mn;
        if (dot > 0) { /* restart (O'Donoghue & Candes) */
            mn = 1.0;
            beta = 0.0;
        }
        for (j = 0; j < nn; j++) {
            z[j] = yn[j] + beta * (yn[j] - y[j]);
            y[j] = yn[j];
        }
        mom = mn;
        if ((it + 1) % ENR_POLISH_EVERY) continue;
        r = resid_row(p, a, b, mu, L, y, res, g, t);
        if (r <= ENR_TOL) return AMOR_OK;
        if (!isfinite(r)) break;
        if (polish(p, a, b, mu, y, cand, gram) == 0 &&
            resid_row(p, a, b, mu, L, cand, res, g, t) <= ENR_TOL) {
            memcpy(y, cand, nn * sizeof *y);
            return AMOR_OK;
        }
    }
    r = resid_row(p, a, b, mu, L, y, res, g, t);
    if (r <= ENR_TOL) return AMOR_OK;
    return amor_errorf(err, errlen, AMOR_ENUMERIC,
                       "enr: FISTA did not reach |T(y) - y| <= %g in %zu iterations "
                       "(solve_iters) at context %zu: |T(y) - y| = %g",
                       ENR_TOL, p->solve_iters, row, r);
}

static int enr_solve(void *inst, size_t n, const double *x, double *ystar, char *err,
                     size_t errlen)
{
    enr *p = inst;
    size_t i;
    for (i = 0; i < n; i++) {
        int rc = fista_row(p, i, x + i * p->nx, ystar + i * p->n, err, errlen);
        if (rc) return rc;
    }
    return AMOR_OK;
}

/* ------------------------------------------------------------------------ */
/* The solver: the map T, the absolute residual                             */

static size_t enr_state_dim(const void *inst) { return ((const enr *)inst)->n + 2; }

/* state = (y, mu, L) */
static int enr_solver_init(void *inst, size_t n, const double *x, const double *y,
                           double *state, char *err, size_t errlen)
{
    enr *p = inst;
    size_t i, nn = p->n, S = nn + 2;
    for (i = 0; i < n; i++) {
        double *si = state + i * S;
        memcpy(si, y + i * nn, nn * sizeof *si);
        si[nn] = si[nn + 1] = NAN;
        if (ctx_mu_lip(p, x + i * p->nx, si + nn, si + nn + 1))
            return amor_errorf(err, errlen, AMOR_ENUMERIC,
                               "enr: context %zu is not finite (mu = %g, L = %g)", i, si[nn],
                               si[nn + 1]);
    }
    return AMOR_OK;
}

/* mu and L of state row i, checked: a state not from solver_init is refused
 * rather than stepped with a wrong or negative step. */
static int state_mu_lip(const enr *p, const double *si, size_t i, double *mu, double *L,
                        char *err, size_t errlen)
{
    *mu = si[p->n], *L = si[p->n + 1];
    if (!(*mu >= 0) || !(*L > 0) || !isfinite(*mu) || !isfinite(*L))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "enr: state %zu holds mu = %g, L = %g (states come from "
                           "solver_init)", i, *mu, *L);
    return AMOR_OK;
}

static int enr_solver_step(void *inst, size_t n, const double *x, const double *state,
                           double *next, char *err, size_t errlen)
{
    enr *p = inst;
    size_t i, nn = p->n, S = nn + 2;
    double *res = p->work, *g = res + p->m;
    for (i = 0; i < n; i++) {
        const double *xi = x + i * p->nx, *si = state + i * S;
        double mu, L;
        int rc = state_mu_lip(p, si, i, &mu, &L, err, errlen);
        if (rc) return rc;
        map_row(p, ctx_a(p, xi), ctx_b(p, xi), mu, L, si, res, g, next + i * S);
        next[i * S + nn] = mu;
        next[i * S + nn + 1] = L;
    }
    return AMOR_OK;
}

/* r = |T(y) - y|_2, absolute. */
static int enr_residual(void *inst, size_t n, const double *x, const double *state, double *r,
                        char *err, size_t errlen)
{
    enr *p = inst;
    size_t i, S = p->n + 2;
    double *res = p->work, *g = res + p->m, *t = g + p->n;
    for (i = 0; i < n; i++) {
        const double *xi = x + i * p->nx, *si = state + i * S;
        double mu, L;
        int rc = state_mu_lip(p, si, i, &mu, &L, err, errlen);
        if (rc) return rc;
        r[i] = resid_row(p, ctx_a(p, xi), ctx_b(p, xi), mu, L, si, res, g, t);
    }
    return AMOR_OK;
}

static const amor_problem_desc enr_desc = {
    .head = AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "enr", "1.0",
                      "NeuralFP elastic net 1/2|Ay - b|^2 + mu(beta|y|_1 + (1-beta)/2|y|^2), "
                      "x = (A, b) or b, proximal-gradient steps alpha = 1.8/L, y* by FISTA",
                      enr_params, NUM_P),
    .create = enr_create,
    .destroy = enr_destroy,
    .dims = enr_dims,
    .sample = enr_sample,
    .value = enr_value,
    .value_grad = enr_value_grad,
    .hvp = enr_hvp,
    .solve = enr_solve,
    .state_dim = enr_state_dim,
    .solver_init = enr_solver_init,
    .solver_step = enr_solver_step,
    .residual = enr_residual,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &enr_desc.head : NULL;
}
