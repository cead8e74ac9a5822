/*
 * t_anderson.c -- Anderson acceleration (harness/train/anderson.c) on maps
 * whose behaviour is known: a linear contraction of dimension n, which
 * Anderson with memory >= n solves in n + 1 iterations in exact arithmetic
 * (it is GMRES on (I - A) y = b then; Walker & Ni 2011); ISTA on a small
 * lasso; and a map whose fixed point the plain iteration cannot reach,
 * where unsafeguarded Anderson overshoots.
 *
 * The lasso here is test-local: the shipped lasso plugin gains its ISTA
 * step separately, after which the same check belongs against lasso.so.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "amor.h"
#include "anderson.h"
#include "blas.h"

/* ---- a linear contraction y <- A y + b, A upper triangular (not
 * symmetric, not normal), eigenvalues its diagonal, all in [0.9, 0.97] ---- */

#define LN 8

typedef struct linear {
    double A[LN * LN];
    int calls;   /* steps taken, to see batching */
    int fail_at; /* step call that fails (0: none) */
} linear;

static void linear_init(linear *L)
{
    amor_rng rng;
    size_t i, j;
    memset(L, 0, sizeof *L);
    amor_rng_seed(&rng, 7);
    for (i = 0; i < LN; i++)
        for (j = 0; j < LN; j++)
            L->A[i * LN + j] = j < i ? 0 : j == i ? 0.9 + 0.01 * (double)i
                                              : 0.3 * amor_rng_normal(&rng);
}

/* contexts: b (n x LN); states: y (n x LN) */
static int linear_step(void *ctx, size_t n, const double *x, const double *y, double *next,
                       char *err, size_t errlen)
{
    linear *L = ctx;
    size_t k, i, j;
    if (++L->calls == L->fail_at) return amor_errorf(err, errlen, AMOR_ENUMERIC, "the step fails");
    for (k = 0; k < n; k++)
        for (i = 0; i < LN; i++) {
            double s = x[k * LN + i];
            for (j = 0; j < LN; j++) s += L->A[i * LN + j] * y[k * LN + j];
            next[k * LN + i] = s;
        }
    return 0;
}

/* |A y + b - y|_2 */
static int linear_residual(void *ctx, size_t n, const double *x, const double *y, double *r,
                           char *err, size_t errlen)
{
    const linear *L = ctx;
    size_t k, i, j;
    (void)err;
    (void)errlen;
    for (k = 0; k < n; k++) {
        double q = 0;
        for (i = 0; i < LN; i++) {
            double s = x[k * LN + i] - y[k * LN + i];
            for (j = 0; j < LN; j++) s += L->A[i * LN + j] * y[k * LN + j];
            q += s * s;
        }
        r[k] = sqrt(q);
    }
    return 0;
}

/* Iterations until every instance's residual is at most rel times its
 * first, at most `budget`; with A NULL the plain step. */
static long iterations_to(anderson *A, const anderson_map *F, size_t n, size_t S, double *y,
                          double rel, long budget, int plain_step)
{
    double r[8], r0[8], next[8 * LN];
    char err[256];
    long k;
    size_t i;
    F->residual(F->ctx, n, F->x, y, r0, err, sizeof err);
    memcpy(r, r0, sizeof r);
    for (k = 0; k < budget; k++) {
        int done = 1;
        for (i = 0; i < n; i++) done &= r[i] <= rel * r0[i];
        if (done) return k;
        if (plain_step) {
            F->step(F->ctx, n, F->x, y, next, err, sizeof err);
            memcpy(y, next, n * S * sizeof *y);
            F->residual(F->ctx, n, F->x, y, r, err, sizeof err);
        } else if (anderson_iterate(A, F, y, r, err, sizeof err)) {
            tap_diag("anderson_iterate: %s", err);
            return -1;
        }
    }
    return budget;
}

static void test_linear(void)
{
    linear L;
    double b[3 * LN], y[3 * LN];
    anderson *A;
    anderson_cfg cfg = {LN, 1.0, 0.0, 0};
    anderson_map F = {&L, LN, b, linear_step, linear_residual};
    char err[256];
    long k_aa, k_plain;
    size_t i;
    amor_rng rng;
    linear_init(&L);
    amor_rng_seed(&rng, 3);
    for (i = 0; i < 3 * LN; i++) b[i] = amor_rng_normal(&rng);
    if (!tap_ok(anderson_new(&A, 3, LN, LN, &cfg, err, sizeof err) == 0, "anderson_new, memory %d",
                LN)) {
        tap_diag("%s", err);
        return;
    }
    memset(y, 0, sizeof y);
    k_aa = iterations_to(A, &F, 3, LN, y, 1e-10, 200, 0);
    if (!tap_ok(k_aa >= 1 && k_aa <= LN + 2,
                "linear contraction, n = %d, memory n, no regularization or safeguard: residual "
                "<= 1e-10 relative in %ld <= n + 2 iterations", LN, k_aa))
        tap_diag("got %ld iterations", k_aa);
    tap_ok(anderson_singular(A) == 0 && anderson_rejected(A) == 0,
           "and no instance fell back to the plain step on the way");
    {
        /* the fixed point, by back substitution: (I - A) y* = b */
        double ys[LN], e = 0, s = 0;
        int j, m;
        for (j = LN - 1; j >= 0; j--) {
            double t = b[j];
            for (m = j + 1; m < LN; m++) t += L.A[j * LN + m] * ys[m];
            ys[j] = t / (1 - L.A[j * LN + j]);
        }
        for (j = 0; j < LN; j++) {
            e += (y[j] - ys[j]) * (y[j] - ys[j]);
            s += ys[j] * ys[j];
        }
        tap_ok(sqrt(e) <= 1e-8 * sqrt(s), "instance 0 is at y* = (I - A)^-1 b (relative error %.2g)",
               sqrt(e / s));
    }
    memset(y, 0, sizeof y);
    k_plain = iterations_to(NULL, &F, 3, LN, y, 1e-10, 100000, 1);
    if (!tap_ok(k_plain > 10 * (LN + 2), "the plain iteration needs many more: %ld", k_plain))
        tap_diag("plain %ld, anderson %ld", k_plain, k_aa);

    /* batching: instance 1 alone takes the same iterates as in the batch */
    {
        anderson *A1;
        double y1[LN], yb[3 * LN], r1, rb[3];
        anderson_map F1 = {&L, LN, b + LN, linear_step, linear_residual};
        int k, same = 1;
        memset(y1, 0, sizeof y1);
        memset(yb, 0, sizeof yb);
        anderson_reset(A);
        anderson_new(&A1, 1, LN, LN, &cfg, err, sizeof err);
        linear_residual(&L, 1, b + LN, y1, &r1, err, sizeof err);
        linear_residual(&L, 3, b, yb, rb, err, sizeof err);
        for (k = 0; k < 6; k++) {
            anderson_iterate(A1, &F1, y1, &r1, err, sizeof err);
            anderson_iterate(A, &F, yb, rb, err, sizeof err);
            same &= !memcmp(y1, yb + LN, sizeof y1) && r1 == rb[1];
        }
        tap_ok(same, "a batch of 3 gives instance 1 the iterates it gets alone, bit for bit");
        anderson_free(A1);
    }
    /* a failing step is the iteration's failure, with its message */
    {
        int rc;
        memset(y, 0, sizeof y);
        double r[3];
        linear_residual(&L, 3, b, y, r, err, sizeof err);
        L.fail_at = L.calls + 2;
        anderson_iterate(A, &F, y, r, err, sizeof err);
        rc = anderson_iterate(A, &F, y, r, err, sizeof err);
        tap_ok(rc == AMOR_ENUMERIC && !strcmp(err, "the step fails"),
               "a step's failure is returned with its status and message");
        L.fail_at = 0;
    }
    anderson_free(A);
}

/* ---- ISTA on a small lasso: f(y) = 1/2 |x - D y|^2 + lam |y|_1,
 * y <- soft(y - D^T (D y - x) / L, lam / L), L = |D|_2^2 ---------------- */

#define LM 12 /* rows: the signal */
#define LP 20 /* atoms */

typedef struct lasso {
    double D[LM * LP];
    double L, lam;
} lasso;

static void lasso_init(lasso *P)
{
    amor_rng rng;
    double v[LP], w[LM], nv;
    size_t i, j, it;
    amor_rng_seed(&rng, 11);
    for (i = 0; i < LM * LP; i++) P->D[i] = amor_rng_normal(&rng) / sqrt((double)LM);
    /* L = |D|_2^2 by power iteration on D^T D */
    for (j = 0; j < LP; j++) v[j] = 1;
    for (it = 0; it < 500; it++) {
        for (i = 0; i < LM; i++) {
            w[i] = 0;
            for (j = 0; j < LP; j++) w[i] += P->D[i * LP + j] * v[j];
        }
        nv = 0;
        for (j = 0; j < LP; j++) {
            v[j] = 0;
            for (i = 0; i < LM; i++) v[j] += P->D[i * LP + j] * w[i];
            nv += v[j] * v[j];
        }
        nv = sqrt(nv);
        for (j = 0; j < LP; j++) v[j] /= nv;
        P->L = nv;
    }
    P->L *= 1.0001; /* a step 1/L a little inside the stable range */
    P->lam = 0.05;
}

static void ista(const lasso *P, const double *x, const double *y, double *out)
{
    double res[LM];
    size_t i, j;
    for (i = 0; i < LM; i++) {
        res[i] = -x[i];
        for (j = 0; j < LP; j++) res[i] += P->D[i * LP + j] * y[j];
    }
    for (j = 0; j < LP; j++) {
        double g = 0, z, t = P->lam / P->L;
        for (i = 0; i < LM; i++) g += P->D[i * LP + j] * res[i];
        z = y[j] - g / P->L;
        out[j] = z > t ? z - t : z < -t ? z + t : 0;
    }
}

static int lasso_step(void *ctx, size_t n, const double *x, const double *y, double *next,
                      char *err, size_t errlen)
{
    size_t k;
    (void)err;
    (void)errlen;
    for (k = 0; k < n; k++) ista(ctx, x + k * LM, y + k * LP, next + k * LP);
    return 0;
}

/* L |ista(y) - y|_inf: the gradient mapping's size, 0 exactly at a minimizer */
static int lasso_residual(void *ctx, size_t n, const double *x, const double *y, double *r,
                          char *err, size_t errlen)
{
    const lasso *P = ctx;
    double t[LP];
    size_t k, j;
    (void)err;
    (void)errlen;
    for (k = 0; k < n; k++) {
        r[k] = 0;
        ista(P, x + k * LM, y + k * LP, t);
        for (j = 0; j < LP; j++)
            if (fabs(t[j] - y[k * LP + j]) * P->L > r[k]) r[k] = fabs(t[j] - y[k * LP + j]) * P->L;
    }
    return 0;
}

/* Iterations until every residual is below tol (absolute), at most budget. */
static long lasso_iterations(anderson *A, const anderson_map *F, size_t n, double tol, long budget)
{
    double y[4 * LP], next[4 * LP], r[4];
    char err[256];
    long k;
    size_t i;
    memset(y, 0, sizeof y);
    F->residual(F->ctx, n, F->x, y, r, err, sizeof err);
    for (k = 0; k < budget; k++) {
        int done = 1;
        for (i = 0; i < n; i++) done &= r[i] < tol;
        if (done) return k;
        if (A) {
            if (anderson_iterate(A, F, y, r, err, sizeof err)) return -1;
        } else {
            F->step(F->ctx, n, F->x, y, next, err, sizeof err);
            memcpy(y, next, sizeof y);
            F->residual(F->ctx, n, F->x, y, r, err, sizeof err);
        }
    }
    return budget;
}

static void test_lasso(void)
{
    lasso P;
    double x[4 * LM];
    anderson *A;
    anderson_cfg def = {5, 1.0, 1e-10, 1}; /* the defaults of solver.anderson_* */
    anderson_map F = {&P, LM, x, lasso_step, lasso_residual};
    amor_rng rng;
    char err[256];
    long k_ista, k_aa;
    size_t i, j;
    lasso_init(&P);
    amor_rng_seed(&rng, 5);
    /* signals from 3-sparse codes plus a little noise */
    for (i = 0; i < 4; i++) {
        double code[LP] = {0};
        for (j = 0; j < 3; j++) code[amor_rng_next(&rng) % LP] = amor_rng_normal(&rng);
        for (j = 0; j < LM; j++) {
            size_t k;
            x[i * LM + j] = 0.01 * amor_rng_normal(&rng);
            for (k = 0; k < LP; k++) x[i * LM + j] += P.D[j * LP + k] * code[k];
        }
    }
    k_ista = lasso_iterations(NULL, &F, 4, 1e-8, 100000);
    if (anderson_new(&A, 4, LP, LM, &def, err, sizeof err)) {
        tap_ok(0, "anderson_new: %s", err);
        return;
    }
    k_aa = lasso_iterations(A, &F, 4, 1e-8, 100000);
    if (!tap_ok(k_aa > 0 && k_aa < k_ista && k_ista < 100000,
                "lasso (test-local ISTA), defaults (m = 5, beta = 1, reg = 1e-10, safeguard): "
                "Anderson reaches 1e-8 in %ld iterations, plain ISTA in %ld", k_aa, k_ista))
        tap_diag("anderson %ld, ista %ld", k_aa, k_ista);
    anderson_free(A);
}

/* ---- the safeguard: g(y) = cos(3 y) / 2, whose fixed point y* ~ 0.305
 * repels the plain iteration (|g'(y*)| ~ 1.19), from y0 = -0.5 ---------- */

static int cos_step(void *ctx, size_t n, const double *x, const double *y, double *next,
                    char *err, size_t errlen)
{
    size_t i;
    (void)ctx, (void)x, (void)err, (void)errlen;
    for (i = 0; i < n; i++) next[i] = 0.5 * cos(3 * y[i]);
    return 0;
}

static int cos_residual(void *ctx, size_t n, const double *x, const double *y, double *r,
                        char *err, size_t errlen)
{
    size_t i;
    (void)ctx, (void)x, (void)err, (void)errlen;
    for (i = 0; i < n; i++) r[i] = fabs(0.5 * cos(3 * y[i]) - y[i]);
    return 0;
}

static void test_safeguard(void)
{
    double x[2] = {0, 0};
    anderson_map F = {NULL, 1, x, cos_step, cos_residual};
    char err[256];
    int sg;
    double r1[2], r2[2], y1[2], y2[2];
    for (sg = 0; sg < 2; sg++) {
        anderson_cfg cfg = {5, 1.0, 1e-10, sg};
        anderson *A;
        /* instance 1 starts at the fixed point's neighbourhood: it never
         * falls back, so rejections are per instance */
        double y[2] = {-0.5, 0.30495}, r[2];
        anderson_new(&A, 2, 1, 1, &cfg, err, sizeof err);
        cos_residual(NULL, 2, x, y, r, err, sizeof err);
        anderson_iterate(A, &F, y, r, err, sizeof err); /* the plain step g(y0) */
        r1[sg] = r[0];
        y1[sg] = y[0];
        anderson_iterate(A, &F, y, r, err, sizeof err); /* the first secant step */
        r2[sg] = r[0];
        y2[sg] = y[0];
        if (!sg)
            tap_ok(r2[0] > r1[0] && anderson_rejected(A) == 0,
                   "without the safeguard the residual grows: %.3g after %.3g", r2[0], r1[0]);
        else {
            tap_ok(anderson_rejected(A) == 1 && y2[1] == 0.5 * cos(3 * y1[1]),
                   "with it, instance 0 falls back to the plain step g(y1) exactly (one rejection)");
            tap_ok(r2[1] <= r1[1] && r2[1] < r2[0] && r2[1] == fabs(0.5 * cos(3 * y2[1]) - y2[1]),
                   "its residual %.3g did not grow, and is the plain step's", r2[1]);
        }
        anderson_free(A);
    }
}

/* ---- an exactly singular least squares: a state of length 1 with reg = 0
 * has dF of rank 1, so the least squares of 2 secant pairs has R(2, 2) = 0
 * exactly; the plain step is taken, safeguard or not ------------------------ */

static void test_singular(void)
{
    double x = 0, y = -0.5, r, y2 = 0, a[4] = {1, 0, 1, 0}, b[2] = {1, 1}, work[64];
    anderson_cfg cfg = {3, 1.0, 0.0, 0};
    anderson_map F = {NULL, 1, &x, cos_step, cos_residual};
    anderson *A;
    char err[256];
    int k;
    anderson_new(&A, 1, 1, 1, &cfg, err, sizeof err);
    cos_residual(NULL, 1, &x, &y, &r, err, sizeof err);
    for (k = 1; k <= 3; k++) {
        if (k == 3) y2 = y;
        anderson_iterate(A, &F, &y, &r, err, sizeof err);
        if (k == 2)
            tap_ok(anderson_singular(A) == 0, "one secant pair: a regular least squares");
    }
    tap_ok(anderson_singular(A) == 1 && y == 0.5 * cos(3 * y2) && anderson_rejected(A) == 0,
           "two secant pairs of a state of length 1, reg 0: singular, the plain step g(y2) is "
           "taken");
    anderson_free(A);
    tap_ok(blas_dgels(2, 2, a, 2, b, work, 64, err, sizeof err) == 2,
           "blas_dgels: two equal columns are rank-deficient (info 2)");
    tap_ok(blas_dgels(1, 2, a, 1, b, work, 64, err, sizeof err) == -1 &&
               !strcmp(err, "LAPACK: dgels on a 1 x 2 matrix of leading dimension 1 (needs m >= n "
                            ">= 1, lda >= m)"),
           "blas_dgels: a shape it does not solve is refused with a message");
}

int main(void)
{
    test_linear();
    test_lasso();
    test_safeguard();
    test_singular();
    return tap_done();
}
