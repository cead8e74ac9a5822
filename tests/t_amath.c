/*
 * t_amath.c -- TAP tests of the shared plugin math (plugins/common/amath.c,
 * amlp.c, amact.c) on its own.  The Makefile builds this program from this
 * file and those three with -DAM_BLAS_MAX_DIM=2, so the BLAS wrapper's
 * int-limit splitting (unreachable with real sizes) runs against
 * plain-loop references.  The plugins themselves are tested through their
 * .so files (t_models.c ...).
 */
#include "tap.h"
#include "plugtest.h" /* finite differences, pt_randn; this program loads no plugin */

#include "alapack.h"
#include "amath.h"

/* ------------------------------------------------------------------------ */
/* BLAS wrapper with a BLAS dimension limit of 2                            */

static void ref_gemm(int ta, int tb, size_t m, size_t n, size_t k, double alpha,
                     const double *a, size_t lda, const double *b, size_t ldb,
                     double beta, double *c, size_t ldc)
{
    size_t i, j, p;
    for (i = 0; i < m; i++)
        for (j = 0; j < n; j++) {
            double s = 0;
            for (p = 0; p < k; p++)
                s += (ta ? a[p * lda + i] : a[i * lda + p]) * (tb ? b[j * ldb + p] : b[p * ldb + j]);
            c[i * ldc + j] = alpha * s + (beta == 0 ? 0 : beta * c[i * ldc + j]);
        }
}

static void test_amath_blas(void)
{
    amor_rng r;
    double a[200], b[200], c[200], want[200];
    size_t m, n, k, t, bad = 0, cases = 0, i;
    double worst = 0;
    amor_rng_seed(&r, 900);
    for (t = 0; t < 4; t++)
        for (m = 0; m <= 5; m++)
            for (n = 0; n <= 5; n++)
                for (k = 0; k <= 5; k++) {
                    int ta = t & 1, tb = t >> 1;
                    double beta = (m + n + k) % 3 == 0 ? 0.0 : 0.5;
                    size_t lda = (ta ? m : k) + 1, ldb = (tb ? k : n) + 2, ldc = n + 1;
                    pt_randn(a, 200, 1, &r), pt_randn(b, 200, 1, &r), pt_randn(c, 200, 1, &r);
                    if (beta == 0)
                        for (i = 0; i < 200; i++) c[i] = NAN; /* must not be read */
                    memcpy(want, c, sizeof c);
                    am_dgemm(ta, tb, m, n, k, 1.5, a, lda, b, ldb, beta, c, ldc);
                    ref_gemm(ta, tb, m, n, k, 1.5, a, lda, b, ldb, beta, want, ldc);
                    cases++;
                    for (i = 0; i < m * ldc; i++) {
                        double e;
                        if (i % ldc >= n) { /* padding untouched */
                            if (memcmp(&c[i], &want[i], sizeof c[i])) bad++;
                            continue;
                        }
                        e = fabs(c[i] - want[i]);
                        if (!(e <= 1e-13)) bad++;
                        if (e > worst) worst = e;
                    }
                }
    tap_ok(bad == 0, "am_dgemm, BLAS limit 2: %zu shapes x 4 transposes (dims 0..5, "
           "strided, beta 0 over NaN) = reference (%zu bad, max err %.2g)",
           cases / 4, bad, worst);

    bad = 0;
    for (t = 0; t < 2; t++)
        for (m = 0; m <= 5; m++)
            for (n = 0; n <= 5; n++) {
                size_t rows = t ? n : m, lda = n + 1;
                double x[8], y[8], yw[8];
                pt_randn(a, 200, 1, &r), pt_randn(x, 8, 1, &r), pt_randn(y, 8, 1, &r);
                memcpy(yw, y, sizeof y);
                am_dgemv((int)t, m, n, 2.0, a, lda, x, 0.25, y);
                /* y = 2 op(A) x + 0.25 y as a gemm with one column */
                ref_gemm((int)t, 0, rows, 1, t ? m : n, 2.0, a, lda, x, 1, 0.25, yw, 1);
                for (i = 0; i < rows; i++)
                    if (!(fabs(y[i] - yw[i]) <= 1e-13)) bad++;
                for (i = rows; i < 8; i++)
                    if (y[i] != yw[i]) bad++;
            }
    tap_ok(bad == 0, "am_dgemv, BLAS limit 2: both transposes, dims 0..5 = reference (%zu bad)", bad);

    {
        double x[7] = {1, 2, 3, 4, 5, 6, 7}, y[7] = {1, 1, 1, 1, 1, 1, 1}, z[3] = {NAN, 1, 2};
        int ok;
        ok = am_ddot(7, x, y) == 28 && am_ddot(0, x, y) == 0;
        am_daxpy(7, 2.0, x, y);
        ok = ok && y[0] == 3 && y[6] == 15 && y[3] == 9;
        am_dscal(7, 0.5, y);
        ok = ok && y[0] == 1.5 && y[6] == 7.5;
        am_dscal(3, 0.0, z);
        ok = ok && z[0] == 0 && z[1] == 0 && z[2] == 0;
        tap_ok(ok, "am_ddot / am_daxpy / am_dscal over BLAS chunks of 2 (dscal by 0 clears NaN)");
    }
}

/* ------------------------------------------------------------------------ */
/* Pieces the model plugins' tests do not reach: am_mlp_backward's dx (for  */
/* models that backpropagate into their inputs) and the soft threshold.     */

typedef struct amath_ctx {
    const am_mlp *m;
    const double *theta, *x, *G, *lam;
    double *out, *ws;
    size_t n, d;
    int which; /* 0: mlp in x, 1: shrink in z, 2: shrink in lam */
} amath_ctx;

static double amath_objective(void *ctx, const double *p)
{
    amath_ctx *c = ctx;
    double s = 0;
    size_t k, len;
    if (c->which == 0) {
        am_mlp_forward(c->m, c->out, c->theta, p, c->n, c->ws);
        len = c->n * c->m->dims[c->m->nlayers];
    } else {
        am_shrink_forward(c->out, c->which == 1 ? p : c->x,
                          c->which == 2 ? p : c->lam, c->n, c->d);
        len = c->n * c->d;
    }
    for (k = 0; k < len; k++) s += c->G[k] * c->out[k];
    return s;
}

static void test_amath_pieces(void)
{
    const size_t dims[] = {3, 4, 5, 2}, n = 4, d = 6;
    char err[128] = "";
    amor_rng r;
    am_mlp m;
    double theta[64], x[12], G[24], dx[12], fd[12], out[24], z[24], lam[6],
           dz[24], dlam[6], fdz[24], fdl[6];
    double *ws;
    amath_ctx c;
    size_t k;
    double e;

    pt_must(am_mlp_create(&m, dims, 3, AM_ACT_ELU, err, sizeof err), "am_mlp_create", err);
    ws = malloc(am_mlp_workspace_size(&m, n));
    amor_rng_seed(&r, 950);
    am_mlp_init_torch(&m, theta, &r);
    pt_randn(x, n * 3, 1, &r), pt_randn(G, n * 2, 1, &r);
    for (k = 0; k < n * 3; k++) dx[k] = 1.0; /* accumulates onto 1 */
    am_mlp_forward(&m, out, theta, x, n, ws);
    am_mlp_backward(&m, dx, NULL, G, theta, x, n, ws);
    c = (amath_ctx){&m, theta, x, G, NULL, out, ws, n, 0, 0};
    pt_fd_grad(amath_objective, &c, x, n * 3, 1e-6, fd);
    for (k = 0; k < n * 3; k++) fd[k] += 1.0;
    e = pt_max_relerr(dx, fd, n * 3);
    tap_ok(m.num_params == 4 * 3 + 4 + 5 * 4 + 5 + 2 * 5 + 2 && e <= 1e-6,
           "am_mlp_backward: dx += dL/dx matches central differences (max rel err %.2g)", e);
    free(ws), am_mlp_free(&m);

    pt_randn(z, n * d, 1, &r), pt_randn(G, n * d, 1, &r);
    for (k = 0; k < d; k++) lam[k] = 0.1 * (double)(k + 1);
    memset(dz, 0, sizeof dz), memset(dlam, 0, sizeof dlam);
    am_shrink_backward(dz, dlam, G, z, lam, n, d);
    c = (amath_ctx){NULL, NULL, z, G, lam, out, NULL, n, d, 1};
    pt_fd_grad(amath_objective, &c, z, n * d, 1e-7, fdz);
    c.which = 2;
    pt_fd_grad(amath_objective, &c, lam, d, 1e-7, fdl);
    e = fmax(pt_max_relerr(dz, fdz, n * d), pt_max_relerr(dlam, fdl, d));
    am_shrink_forward(out, z, lam, n, d);
    {
        int zeros = 0, ok = 1;
        for (k = 0; k < n * d; k++) {
            double t = lam[k % d], want = fabs(z[k]) <= t ? 0 : z[k] - copysign(t, z[k]);
            if (out[k] != want) ok = 0;
            zeros += out[k] == 0;
        }
        tap_ok(ok && zeros > 0 && zeros < (int)(n * d) && e <= 1e-6,
               "am_shrink: sign(z) max(|z| - lam, 0) (%d of %zu zero), gradients in z "
               "and lam = central differences (max rel err %.2g)", zeros, n * d, e);
    }
}

/* ------------------------------------------------------------------------ */
/* Small symmetric matrices: am_gram, am_sym_maxeig                         */

static void test_amath_symmetric(void)
{
    enum { NX = 5, NY = 4, D = 5 };
    double d[NX * NY], g[NY * NY], want[NY * NY], a[D * D], work[2 * D], zero[9] = {0};
    size_t i, j, k;
    int sym = 1;
    amor_rng r;
    double e, lam;

    amor_rng_seed(&r, 970);
    pt_randn(d, NX * NY, 1, &r);
    am_gram(g, d, NX, NY);
    for (i = 0; i < NY; i++)
        for (j = 0; j < NY; j++) {
            double s = 0;
            for (k = 0; k < NX; k++) s += d[k * NY + i] * d[k * NY + j];
            want[i * NY + j] = s;
            if (memcmp(&g[i * NY + j], &g[j * NY + i], sizeof *g)) sym = 0;
        }
    e = pt_max_relerr(g, want, NY * NY);
    tap_ok(sym && e <= 1e-14, "am_gram: D'D by loops (max rel err %.2g), exactly symmetric", e);

    /* tridiag(-1, 2, -1) of order D: eigenvalues 2 - 2 cos(k pi / (D + 1)) */
    for (i = 0; i < D * D; i++) a[i] = 0;
    for (i = 0; i < D; i++) {
        a[i * D + i] = 2;
        if (i + 1 < D) a[i * D + i + 1] = a[(i + 1) * D + i] = -1;
    }
    lam = am_sym_maxeig(a, D, work);
    tap_close(lam, 2 + 2 * cos(M_PI / (D + 1)), 1e-12, 0,
              "am_sym_maxeig: tridiag(-1, 2, -1) of order 5 gives 2 + 2 cos(pi/6) (rtol 1e-12)");
    tap_ok(am_sym_maxeig(a, D, work) == lam, "am_sym_maxeig: a second call gives the same bits");
    tap_ok(am_sym_maxeig(zero, 3, work) == 0, "am_sym_maxeig: the zero matrix gives 0");

    /* Cholesky of tridiag(-1, 2, -1) + I (order 5, past the BLAS limit of
     * 2: LAPACK is never split), then two right-hand sides at once */
    {
        double f[D * D], b[2 * D], x[2 * D];
        for (i = 0; i < D; i++) a[i * D + i] = 3;
        memcpy(f, a, sizeof f);
        pt_randn(x, 2 * D, 1, &r);
        for (k = 0; k < 2; k++)
            for (i = 0; i < D; i++) {
                b[k * D + i] = 0;
                for (j = 0; j < D; j++) b[k * D + i] += a[i * D + j] * x[k * D + j];
            }
        tap_ok(am_dpotrf(f, D) == 0, "am_dpotrf: an SPD matrix of order 5 factors");
        am_dpotrs(f, D, b, 2);
        e = pt_max_relerr(b, x, 2 * D);
        tap_ok(e <= 1e-14, "am_dpotrs: A x = b for two rows of b at once (max rel err %.2g)", e);
        a[2 * D + 2] = -1; /* leading minor of order 3 no longer positive */
        tap_ok(am_dpotrf(a, D) == 3, "am_dpotrf: an indefinite matrix reports its first bad minor (3)");
    }
}

/* ------------------------------------------------------------------------ */
/* An MLP from a model's parameter values                                   */

static void test_amath_mlp_params(void)
{
    static const int64_t h54[] = {5, 4}, bad[] = {3, 0}, big[] = {65537};
    char err[256] = "";
    am_mlp m;
    am_act act = AM_ACT_IDENTITY;
    int rc;

    rc = am_act_parse_hidden("tanh", &act, "who", err, sizeof err);
    tap_ok(rc == AMOR_OK && act == AM_ACT_TANH, "am_act_parse_hidden: tanh accepted");
    rc = am_act_parse_hidden("identity", &act, "who", err, sizeof err);
    if (!tap_ok(rc == AMOR_EINVAL && !strcmp(err, "who: parameter 'activation' must be "
                                            "one of relu|tanh|softplus|elu"),
                "am_act_parse_hidden: identity refused, listing the choices"))
        tap_diag("got: rc %d, \"%s\"", rc, err);
    rc = am_act_parse_hidden(NULL, &act, "who", err, sizeof err);
    tap_ok(rc == AMOR_EINVAL, "am_act_parse_hidden: NULL refused");

    pt_must(am_mlp_create_hidden(&m, 3, h54, 2, 2, AM_ACT_RELU, "who", err, sizeof err),
            "am_mlp_create_hidden", err);
    tap_ok(m.nlayers == 3 && m.dims[0] == 3 && m.dims[1] == 5 && m.dims[2] == 4 &&
               m.dims[3] == 2 && m.act == AM_ACT_RELU &&
               m.num_params == (5 * 3 + 5) + (4 * 5 + 4) + (2 * 4 + 2),
           "am_mlp_create_hidden: 3 -> 5 -> 4 -> 2, %zu params", m.num_params);
    am_mlp_free(&m);
    pt_must(am_mlp_create_hidden(&m, 3, NULL, 0, 2, AM_ACT_RELU, "who", err, sizeof err),
            "am_mlp_create_hidden", err);
    tap_ok(m.nlayers == 1 && m.num_params == 2 * 3 + 2,
           "am_mlp_create_hidden: no hidden widths is affine");
    am_mlp_free(&m);

    rc = am_mlp_create_hidden(&m, 3, bad, 2, 2, AM_ACT_RELU, "who", err, sizeof err);
    if (!tap_ok(rc == AMOR_EINVAL && !strcmp(err, "who: parameter 'hidden': element 2 "
                                            "must be in [1, 65536], got 0"),
                "am_mlp_create_hidden: width 0 refused, naming the element"))
        tap_diag("got: rc %d, \"%s\"", rc, err);
    rc = am_mlp_create_hidden(&m, 3, big, 1, 2, AM_ACT_RELU, "who", err, sizeof err);
    tap_ok(rc == AMOR_EINVAL && strstr(err, "65537"),
           "am_mlp_create_hidden: width 65537 refused (%s)", err);
}

int main(void)
{
    test_amath_blas();
    test_amath_pieces();
    test_amath_symmetric();
    test_amath_mlp_params();
    (void)tap_skip_all; /* tap.h's statics must be used under -Werror */
    (void)pt_loader_;   /* plugtest.h's loader: never opened here */
    return tap_done();
}
