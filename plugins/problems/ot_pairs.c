/*
 * ot_pairs.c -- problem plugin `ot_pairs`: Meta OT's discrete setting (Amos,
 * Cohen, Luise & Redko, ICML 2023): entropic optimal transport between two
 * Fashion-MNIST images as probability measures on the 28 x 28 grid of
 * [0, 1]^2 (points (c/27, r/27), squared-Euclidean cost C), predicted as the
 * dual potential f.
 *
 * Context x = (a (784), b (784)): two images drawn independently and
 * uniformly (training images for the train split, test images for the
 * held-out one), each divided by its total; pixels of zero mass stay zero
 * (masked: they drop out of every log-sum-exp) unless min_mass > 0 floors
 * them and renormalises.  Solution y = f (784).
 *
 * With the regulariser epsilon KL(P | a (x) b) the plan of potentials (f, g)
 * is P_ij = a_i b_j exp((f_i + g_j - C_ij) / eps), and g has the closed form
 *   g_j(f) = -eps log sum_i a_i exp((f_i - C_ij) / eps)    (so P^T 1 = b).
 * Objective (the negative entropic semi-dual):
 *   F(f) = -<a, f> - <b, g(f)>,
 * which is -D(f, g(f)) for the entropic dual D(f, g) = <a, f> + <b, g> -
 * eps sum_ij a_i b_j (exp((f_i + g_j - C_ij)/eps) - 1) when sum a = sum b =
 * 1; its minimum is -OT_eps(a, b).  Gradient: P1 - a.  Hessian-vector
 * product, exact: (Hv)_i = (r_i / eps) (v_i - sum_j P_ij A_j / r_i), r = P1,
 * A_j = sum_i P_ij v_i / b_j.  F is convex and invariant under f + const.
 *
 * Solver (ABI 1.1): state = f; a step is one log-domain Sinkhorn iteration,
 * g = g(f) then f_i = -eps log sum_j b_j exp((g_j - C_ij)/eps); residual =
 * |P1 - a|_1 + |P^T 1 - b|_1 at (f, g(f)), absolute; cold start f = 0.
 * solve runs the same iteration from 0 until the residual <= solve_tol.
 *
 * kernel = separable: C = C1 (+) C1 on the grid, so each log-sum-exp is two
 * nested 28-point ones (plugins/common/logkern.c); dense: the 784 x 784
 * reference.  Contexts are checked on every call that reads them: finite,
 * non-negative entries, each measure summing to 1 within 1e-6 (POT's test).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "amor.h"
#include "idx.h"
#include "logkern.h"

#define OT_S 28            /* grid side */
#define OT_N (OT_S * OT_S) /* points per measure */
#define OT_MASS_TOL 1e-6   /* |sum - 1| allowed of a context's measure */
#define DATA_HINT                                                             \
    "Fashion-MNIST comes from Debian's package dataset-fashion-mnist "        \
    "(apt-get install dataset-fashion-mnist); or set parameter data_dir"

enum { P_DATA_DIR, P_EPSILON, P_KERNEL, P_MIN_MASS, P_SOLVE_TOL, P_SOLVE_ITERS, NUM_P };

static const amor_param_decl ot_params[NUM_P] = {
    {"data_dir", AMOR_PARAM_STRING, "directory of the Fashion-MNIST IDX .gz files", 0,
     "/usr/share/datasets/fashion-mnist", NULL, 0, 0, 0, NULL},
    {"epsilon", AMOR_PARAM_REAL, "entropic regularisation eps (> 0)", 1e-2, NULL, NULL, 0, 0,
     1e6, NULL},
    {"kernel", AMOR_PARAM_STRING,
     "log-sum-exp over the grid: separable (two nested 28-point ones) or dense (784 x 784)", 0,
     "separable", NULL, 0, 0, 0, "separable|dense"},
    {"min_mass", AMOR_PARAM_REAL,
     "floor of every pixel's mass before renormalising (0: zero-mass pixels are masked)", 0,
     NULL, NULL, 0, 0, 1, NULL},
    {"solve_tol", AMOR_PARAM_REAL, "solve: Sinkhorn until |P1 - a|_1 + |P'1 - b|_1 <= this",
     1e-11, NULL, NULL, 0, 1e-15, 1, NULL},
    {"solve_iters", AMOR_PARAM_INT, "solve: Sinkhorn iteration cap", 100000, NULL, NULL, 0, 1,
     1e9, NULL},
};

typedef struct otp {
    double eps;
    int dense;              /* kernel = dense */
    double min_mass;
    double tol;             /* solve_tol */
    size_t iters;           /* solve_iters */
    double k1[OT_S * OT_S]; /* (S, S) C1 / eps, C1(r, r') = ((r - r') / 27)^2 */
    double *k;              /* (N, N) C / eps, kernel = dense only */
    double e1[OT_S * OT_S]; /* exp(-k1) */
    double pos[2][OT_N];    /* grid point k's coordinates (c / 27, r / 27) */
    double *e;              /* (N, N) exp(-k), kernel = dense only */
    int prod;               /* log-sum-exps as products (logkern.h) */
    unsigned char *train, *test; /* (ntrain | ntest, N) image bytes */
    size_t ntrain, ntest;
    double *scratch;        /* the per-pair buffers below, one allocation */
    double *la, *lb;        /* (N) log a, log b (-inf at zero mass) */
    double *h, *L, *g, *F;  /* (N) exponents; log-sum-exps; g(f); the f-update */
    double *A, *B, *f;      /* (N) HVP averages (offsets); solve's iterate */
    double *work;           /* (max(3 S S, N)) logkern's scratch */
    size_t *idx;            /* (3 N) the averages' indices Ai, Bi; logkern's iwork */
} otp;

/* ------------------------------------------------------------------------ */
/* Raw math on one pair                                                     */

/* The kernel's log-sum-exps of h into L, with averages of base[ii] + oo
 * into (Ai, Ao) when base != NULL (logkern.h). */
static void lse(const otp *p, double *L, size_t *Ai, double *Ao, const double *h,
                const double *base, const size_t *ii, const double *oo)
{
    if (!base && p->prod) {
        if (p->dense)
            am_lse_dense_prod(L, h, p->e, OT_N, p->work);
        else
            am_lse_sep_prod(L, h, p->e1, OT_S, p->work);
    } else if (p->dense)
        am_lse_dense(L, Ai, Ao, h, base, ii, oo, p->k, OT_N, p->work);
    else
        am_lse_sep(L, Ai, Ao, h, base, ii, oo, p->k1, OT_S, p->work, p->idx + 2 * OT_N);
}

/* p->g = g(f), p->L the log-sum-exps it came from (g = -eps L); when v !=
 * NULL, the column averages A_j = sum_i P_ij v_i / b_j = v[Ai_j] + A_j. */
static void g_update(otp *p, const double *f, const double *v)
{
    size_t k;
    for (k = 0; k < OT_N; k++) p->h[k] = p->la[k] + f[k] / p->eps;
    lse(p, p->L, p->idx, p->A, p->h, v, NULL, NULL);
    for (k = 0; k < OT_N; k++) p->g[k] = -p->eps * p->L[k];
}

/* p->F = the f-update from p->g; when v != NULL (the v of g_update), the
 * row averages of those column averages, sum_j P_ij A_j / r_i = v[Bi_i] +
 * B_i. */
static void f_update(otp *p, const double *v)
{
    size_t k;
    for (k = 0; k < OT_N; k++) p->h[k] = p->lb[k] + p->g[k] / p->eps;
    lse(p, p->F, p->idx + OT_N, p->B, p->h, v, p->idx, p->A);
    for (k = 0; k < OT_N; k++) p->F[k] *= -p->eps;
}

/* (P1)_i at (f, g(f)) after f_update: a_i exp((f_i - F_i) / eps). */
static double row_mass(const otp *p, const double *f, size_t i)
{
    return p->la[i] == -INFINITY ? 0.0 : exp(p->la[i] + (f[i] - p->F[i]) / p->eps);
}

/* -<a, f> - <b, g> after g_update (zero-mass terms are 0 whatever f is). */
static double semi_dual(const otp *p, const double *a, const double *b, const double *f)
{
    double s = 0.0;
    size_t k;
    for (k = 0; k < OT_N; k++) {
        if (a[k] > 0) s -= a[k] * f[k];
        if (b[k] > 0) s -= b[k] * p->g[k];
    }
    return s;
}

/* |P1 - a|_1 + |P^T 1 - b|_1 at (f, g(f)) after g_update and f_update. */
static double marginal_error(const otp *p, const double *a, const double *b, const double *f)
{
    double s = 0.0;
    size_t k;
    for (k = 0; k < OT_N; k++) {
        s += fabs(row_mass(p, f, k) - a[k]);
        if (b[k] > 0) s += fabs(b[k] * exp(p->g[k] / p->eps + p->L[k]) - b[k]);
    }
    return s;
}

/* ------------------------------------------------------------------------ */
/* Contexts                                                                 */

/* Check one side of context i and write its logs; AMOR_EINVAL with a
 * message naming the side and the context otherwise. */
static int check_measure(const double *m, double *lm, char side, size_t i, char *err,
                         size_t errlen)
{
    double s = 0.0;
    size_t k;
    for (k = 0; k < OT_N; k++) {
        if (!(m[k] >= 0) || !isfinite(m[k]))
            return amor_errorf(err, errlen, AMOR_EINVAL,
                               "ot_pairs: context %zu: measure %c has a negative or non-finite "
                               "mass %g at pixel %zu",
                               i, side, m[k], k);
        s += m[k];
        lm[k] = m[k] > 0 ? log(m[k]) : -INFINITY;
    }
    if (s == 0)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "ot_pairs: context %zu: measure %c (an image) has zero total mass",
                           i, side);
    if (fabs(s - 1.0) > OT_MASS_TOL)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "ot_pairs: context %zu: measure %c sums to %.9g, not 1 (within %g)", i,
                           side, s, OT_MASS_TOL);
    return AMOR_OK;
}

static int load_pair(otp *p, const double *xi, size_t i, char *err, size_t errlen)
{
    int rc = check_measure(xi, p->la, 'a', i, err, errlen);
    return rc ? rc : check_measure(xi + OT_N, p->lb, 'b', i, err, errlen);
}

/* ------------------------------------------------------------------------ */
/* Plugin glue                                                              */

static void ot_destroy(void *inst)
{
    otp *p = inst;
    if (!p) return;
    free(p->k);
    free(p->e);
    free(p->train);
    free(p->test);
    free(p->scratch);
    free(p->idx);
    free(p);
}

static int read_images(am_idx *out, const char *path, char *err, size_t errlen)
{
    const am_idx_shape shape = {3, {0, OT_S, OT_S, 0}, {"images", "rows", "columns", NULL},
                                DATA_HINT};
    return am_idx_read(out, path, &shape, err, errlen);
}

static int ot_create(const amor_value *pv, void **inst, char *err, size_t errlen)
{
    char path[4096];
    am_idx train = {0}, test = {0};
    size_t r, q, nwork = 3 * OT_S * OT_S > OT_N ? 3 * OT_S * OT_S : OT_N;
    otp *p;
    int rc;
    if (!(pv[P_EPSILON].r > 0))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "ot_pairs: parameter 'epsilon' must be > 0, got %g", pv[P_EPSILON].r);
    if (strcmp(pv[P_KERNEL].s, "separable") && strcmp(pv[P_KERNEL].s, "dense"))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "ot_pairs: parameter 'kernel' must be separable or dense, got '%s'",
                           pv[P_KERNEL].s);
    p = calloc(1, sizeof *p);
    if (!p) return amor_errorf(err, errlen, AMOR_ENOMEM, "ot_pairs: out of memory");
    p->eps = pv[P_EPSILON].r;
    p->dense = !strcmp(pv[P_KERNEL].s, "dense");
    p->min_mass = pv[P_MIN_MASS].r;
    p->tol = pv[P_SOLVE_TOL].r;
    p->iters = (size_t)pv[P_SOLVE_ITERS].i;
    for (r = 0; r < OT_S; r++)
        for (q = 0; q < OT_S; q++) {
            double d = ((double)r - (double)q) / (OT_S - 1);
            p->pos[0][r * OT_S + q] = (double)q / (OT_S - 1);
            p->pos[1][r * OT_S + q] = (double)r / (OT_S - 1);
            p->k1[r * OT_S + q] = d * d / p->eps;
            p->e1[r * OT_S + q] = exp(-p->k1[r * OT_S + q]);
        }
    /* the largest C / eps, 2 / eps, decides whether products are exact */
    p->prod = 2.0 / p->eps <= AM_LSE_PRODUCT_KMAX;
    p->scratch = malloc((9 * OT_N + nwork) * sizeof *p->scratch);
    p->idx = malloc(3 * OT_N * sizeof *p->idx);
    if (p->dense) p->k = malloc((size_t)OT_N * OT_N * sizeof *p->k);
    if (p->dense && p->prod) p->e = malloc((size_t)OT_N * OT_N * sizeof *p->e);
    if (!p->scratch || !p->idx || (p->dense && !p->k) || (p->dense && p->prod && !p->e)) {
        ot_destroy(p);
        return amor_errorf(err, errlen, AMOR_ENOMEM, "ot_pairs: out of memory");
    }
    p->la = p->scratch;
    p->lb = p->la + OT_N;
    p->h = p->lb + OT_N;
    p->L = p->h + OT_N;
    p->g = p->L + OT_N;
    p->F = p->g + OT_N;
    p->A = p->F + OT_N;
    p->B = p->A + OT_N;
    p->f = p->B + OT_N;
    p->work = p->f + OT_N;
    if (p->dense) /* the same sums of the same K1 entries as the separable kernel */
        for (r = 0; r < OT_N; r++)
            for (q = 0; q < OT_N; q++)
                p->k[r * OT_N + q] =
                    p->k1[(r / OT_S) * OT_S + q / OT_S] + p->k1[(r % OT_S) * OT_S + q % OT_S];
    if (p->e) {
        for (r = 0; r < (size_t)OT_N * OT_N; r++) p->e[r] = -p->k[r];
        am_vexp(p->e, p->e, (size_t)OT_N * OT_N);
    }
    snprintf(path, sizeof path, "%s/train-images-idx3-ubyte.gz", pv[P_DATA_DIR].s);
    if ((rc = read_images(&train, path, err, errlen))) goto fail;
    snprintf(path, sizeof path, "%s/t10k-images-idx3-ubyte.gz", pv[P_DATA_DIR].s);
    if ((rc = read_images(&test, path, err, errlen))) goto fail;
    p->train = train.data;
    p->ntrain = train.dims[0];
    p->test = test.data;
    p->ntest = test.dims[0];
    *inst = p;
    return AMOR_OK;
fail:
    am_idx_free(&train);
    am_idx_free(&test);
    ot_destroy(p);
    return rc;
}

static void ot_dims(const void *inst, size_t *nx, size_t *ny)
{
    (void)inst;
    *nx = 2 * OT_N;
    *ny = OT_N;
}

/* m (N) = image k of img as a probability vector (floored at min_mass and
 * renormalised when min_mass > 0); AMOR_EDATA for a blank image. */
static int image_measure(const otp *p, const unsigned char *img, size_t k, const char *file,
                         double *m, char *err, size_t errlen)
{
    const unsigned char *px = img + k * OT_N;
    double s = 0.0;
    size_t j;
    for (j = 0; j < OT_N; j++) s += px[j];
    if (s == 0)
        return amor_errorf(err, errlen, AMOR_EDATA,
                           "ot_pairs: image %zu of the %s file is blank (zero total mass)", k,
                           file);
    for (j = 0; j < OT_N; j++) m[j] = px[j] / s;
    if (p->min_mass > 0) {
        s = 0.0;
        for (j = 0; j < OT_N; j++) s += m[j] = m[j] > p->min_mass ? m[j] : p->min_mass;
        for (j = 0; j < OT_N; j++) m[j] /= s;
    }
    return AMOR_OK;
}

/* Per context: the index of image a, then of image b, each uniform. */
static int ot_sample_split(void *inst, amor_rng *rng, uint32_t split, size_t n, double *x,
                           char *err, size_t errlen)
{
    const otp *p = inst;
    const unsigned char *img = split == AMOR_SPLIT_HELDOUT ? p->test : p->train;
    size_t nimg = split == AMOR_SPLIT_HELDOUT ? p->ntest : p->ntrain, i, s;
    const char *file = split == AMOR_SPLIT_HELDOUT ? "test" : "training";
    int rc;
    if (split != AMOR_SPLIT_TRAIN && split != AMOR_SPLIT_HELDOUT)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "ot_pairs: unknown split %u (want AMOR_SPLIT_TRAIN %u or "
                           "AMOR_SPLIT_HELDOUT %u)",
                           (unsigned)split, AMOR_SPLIT_TRAIN, AMOR_SPLIT_HELDOUT);
    for (i = 0; i < n; i++)
        for (s = 0; s < 2; s++) {
            size_t k = (size_t)(amor_rng_uniform(rng) * (double)nimg);
            if (k >= nimg) k = nimg - 1;
            if ((rc = image_measure(p, img, k, file, x + (2 * i + s) * OT_N, err, errlen)))
                return rc;
        }
    return AMOR_OK;
}

static int ot_sample(void *inst, amor_rng *rng, size_t n, double *x, char *err, size_t errlen)
{
    return ot_sample_split(inst, rng, AMOR_SPLIT_TRAIN, n, x, err, errlen);
}

static int ot_value_grad(void *inst, size_t n, const double *x, const double *y, double *f,
                         double *grad, char *err, size_t errlen)
{
    otp *p = inst;
    size_t i, k;
    int rc;
    for (i = 0; i < n; i++) {
        const double *xi = x + i * 2 * OT_N, *yi = y + i * OT_N;
        if ((rc = load_pair(p, xi, i, err, errlen))) return rc;
        g_update(p, yi, NULL);
        f[i] = semi_dual(p, xi, xi + OT_N, yi);
        if (!grad) continue;
        f_update(p, NULL);
        for (k = 0; k < OT_N; k++) grad[i * OT_N + k] = row_mass(p, yi, k) - xi[k];
    }
    return AMOR_OK;
}

static int ot_value(void *inst, size_t n, const double *x, const double *y, double *f,
                    char *err, size_t errlen)
{
    return ot_value_grad(inst, n, x, y, f, NULL, err, errlen);
}

static int ot_hvp(void *inst, size_t n, const double *x, const double *y, const double *v,
                  double *hv, char *err, size_t errlen)
{
    otp *p = inst;
    size_t i, k;
    int rc;
    for (i = 0; i < n; i++) {
        const double *yi = y + i * OT_N, *vi = v + i * OT_N;
        if ((rc = load_pair(p, x + i * 2 * OT_N, i, err, errlen))) return rc;
        g_update(p, yi, vi);
        f_update(p, vi);
        for (k = 0; k < OT_N; k++) { /* v_k - (v[Bi_k] + B_k), the difference first */
            size_t x = p->idx[OT_N + k];
            double d = (x == k ? 0.0 : vi[k] - vi[x]) - p->B[k];
            hv[i * OT_N + k] = row_mass(p, yi, k) / p->eps * d;
        }
    }
    return AMOR_OK;
}

static size_t ot_state_dim(const void *inst)
{
    (void)inst;
    return OT_N;
}

static int ot_solver_init(void *inst, size_t n, const double *x, const double *y,
                          double *state, char *err, size_t errlen)
{
    (void)inst;
    (void)x;
    (void)err;
    (void)errlen;
    memcpy(state, y, n * OT_N * sizeof *state);
    return AMOR_OK;
}

static int ot_solver_step(void *inst, size_t n, const double *x, const double *state,
                          double *next, char *err, size_t errlen)
{
    otp *p = inst;
    size_t i;
    int rc;
    for (i = 0; i < n; i++) {
        if ((rc = load_pair(p, x + i * 2 * OT_N, i, err, errlen))) return rc;
        g_update(p, state + i * OT_N, NULL);
        f_update(p, NULL);
        memcpy(next + i * OT_N, p->F, OT_N * sizeof *next);
    }
    return AMOR_OK;
}

static int ot_residual(void *inst, size_t n, const double *x, const double *state, double *r,
                       char *err, size_t errlen)
{
    otp *p = inst;
    size_t i;
    int rc;
    for (i = 0; i < n; i++) {
        const double *xi = x + i * 2 * OT_N;
        if ((rc = load_pair(p, xi, i, err, errlen))) return rc;
        g_update(p, state + i * OT_N, NULL);
        f_update(p, NULL);
        r[i] = marginal_error(p, xi, xi + OT_N, state + i * OT_N);
    }
    return AMOR_OK;
}

/* Sinkhorn from f = 0; each iteration's two log-sum-exps give both the
 * residual of the current f and the next f.  At the cap: the last f. */
static int ot_solve(void *inst, size_t n, const double *x, double *ystar, char *err,
                    size_t errlen)
{
    otp *p = inst;
    size_t i, it, k;
    int rc;
    for (i = 0; i < n; i++) {
        const double *xi = x + i * 2 * OT_N;
        double res = INFINITY;
        if ((rc = load_pair(p, xi, i, err, errlen))) return rc;
        memset(p->f, 0, OT_N * sizeof *p->f);
        for (it = 0; it < p->iters; it++) {
            g_update(p, p->f, NULL);
            f_update(p, NULL);
            res = marginal_error(p, xi, xi + OT_N, p->f);
            if (!(res > p->tol)) break;
            memcpy(p->f, p->F, OT_N * sizeof *p->f);
        }
        for (k = 0; k < OT_N; k++)
            if (!isfinite(p->f[k]))
                return amor_errorf(err, errlen, AMOR_ENUMERIC,
                                   "ot_pairs: context %zu: Sinkhorn produced a non-finite "
                                   "potential (residual %g)",
                                   i, res);
        memcpy(ystar + i * OT_N, p->f, OT_N * sizeof *ystar);
    }
    return AMOR_OK;
}

/* The aux view, for figures of the transport: per pair, the barycentric map
 * of the plan at (f, g(f)), T(x_i) = sum_j P_ij y_j / sum_j P_ij (784 first
 * coordinates, then 784 second ones), then the row masses r = P1 (784).
 * Displacement interpolation moves the mass at x_i to (1 - t) x_i + t T(x_i).
 * T at a zero-mass pixel of a is the average under b's Gibbs weights alone
 * (it carries no mass). */
static size_t ot_aux_dim(const void *inst)
{
    (void)inst;
    return 3 * OT_N;
}

static int ot_aux(void *inst, size_t n, const double *x, const double *y, double *out,
                  char *err, size_t errlen)
{
    otp *p = inst;
    size_t i, k, d;
    int rc;
    for (i = 0; i < n; i++) {
        const double *yi = y + i * OT_N;
        double *o = out + i * 3 * OT_N;
        if ((rc = load_pair(p, x + i * 2 * OT_N, i, err, errlen))) return rc;
        g_update(p, yi, NULL);
        for (k = 0; k < OT_N; k++) p->h[k] = p->lb[k] + p->g[k] / p->eps;
        for (d = 0; d < 2; d++) {
            lse(p, p->F, p->idx + OT_N, p->B, p->h, p->pos[d], NULL, NULL);
            for (k = 0; k < OT_N; k++) o[d * OT_N + k] = p->pos[d][p->idx[OT_N + k]] + p->B[k];
        }
        for (k = 0; k < OT_N; k++) p->F[k] *= -p->eps;
        for (k = 0; k < OT_N; k++) o[2 * OT_N + k] = row_mass(p, yi, k);
    }
    return AMOR_OK;
}

static const amor_problem_desc ot_desc = {
    .head = AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "ot_pairs", "1.1",
                      "Meta OT (discrete): entropic OT between two Fashion-MNIST images on the "
                      "28x28 grid, y = the dual potential f, f = the negative semi-dual, "
                      "log-domain Sinkhorn steps",
                      ot_params, NUM_P),
    .create = ot_create,
    .destroy = ot_destroy,
    .dims = ot_dims,
    .sample = ot_sample,
    .value = ot_value,
    .value_grad = ot_value_grad,
    .hvp = ot_hvp,
    .solve = ot_solve,
    .aux_dim = ot_aux_dim,
    .aux = ot_aux,
    .sample_split = ot_sample_split,
    .state_dim = ot_state_dim,
    .solver_init = ot_solver_init,
    .solver_step = ot_solver_step,
    .residual = ot_residual,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &ot_desc.head : NULL;
}
