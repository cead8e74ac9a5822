/*
 * t_loss_mixed_zo.c -- TAP tests of the loss catalogue, continued from
 * t_loss_catalogue.c: mixed (lambda and label_fraction, against the two
 * plain losses and closed forms, labels decided per context) and
 * zeroth_order (Gaussian-smoothing estimates from values only, against the
 * gradient of a quadratic).  Problems are loaded plugins wrapped in the
 * host's real oracle (oracle_init).  Run from the repository root.
 */
#include "tap.h"
#include "plugtest.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FD_H 1e-6    /* central-difference step */
#define FD_RTOL 1e-6 /* FD error allowed, relative to max(1, |d_iterates|_inf) */

/* ------------------------------------------------------------------------ */
/* mixed                                                                    */

static void test_mixed(void)
{
    enum { N = 6, T = 3, M = 1000 };
    pt_prob q;
    size_t ny, nx, block, i, k, nlab, nlab2, same, differ;
    double *x, *it, *ys, *lv, *d, *f, *g;
    double *xm, *ym, *ysm, *lm, *lrev, *xrev, *yrev, *ysrev;
    unsigned char *lab;
    amor_rng rng;
    pt_loss l, r;
    char err[1024];
    int rc;

    q = pt_prob_open("quadratic", NULL, NULL, 0);
    pt_prob_wrap(&q);
    nx = q.nx;
    ny = q.ny;
    block = N * ny;
    x = pt_dalloc(N * nx), it = pt_dalloc(T * block), ys = pt_dalloc(block), lv = pt_dalloc(N);
    d = pt_dalloc(T * block), f = pt_dalloc(N);
    g = pt_dalloc(block);
    amor_rng_seed(&rng, 13);
    pt_must(q.d.sample(q.inst, &rng, N, x, NULL, 0), "sample", "");
    pt_must(q.d.solve(q.inst, N, x, ys, NULL, 0), "solve", "");
    pt_randn(it, T * block, 1.0, &rng);
    pt_prob_eval(&q, N, x, it + (T - 1) * block, f, g);

    pt_loss_open(&l, "mixed", &q.oc.table, nx, ny, T, NULL, 0);
    tap_ok(l.d->needs == (AMOR_NEEDS_YSTAR | AMOR_NEEDS_GRAD) &&
               !strcmp(l.d->head.version, "1.0"),
           "mixed: version 1.0, needs y* and the gradient");
    pt_loss_close(&l);

    /* the endpoints are the two plain losses */
    {
        static const struct {
            const char *lambda, *plain;
        } ends[] = {{"1", "regression"}, {"0", "objective"}};
        size_t e;
        for (e = 0; e < PT_LEN(ends); e++) {
            const pt_setting kv[] = {PT_TEXT("lambda", ends[e].lambda)};
            double dl, dg;
            pt_loss_open(&l, "mixed", &q.oc.table, nx, ny, T, kv, PT_LEN(kv));
            pt_loss_open(&r, ends[e].plain, &q.oc.table, nx, ny, T, NULL, 0);
            pt_loss_diff(&l, &r, N, T, ny, x, it, ys, &dl, &dg);
            if (!tap_ok(dl <= 1e-15 && dg <= 1e-15, "mixed (lambda = %s) equals the %s "
                        "loss (loss and d_iterates, abs 1e-15)", ends[e].lambda, ends[e].plain))
                tap_diag("got: loss diff %.3g, gradient diff %.3g", dl, dg);
            pt_loss_close(&l), pt_loss_close(&r);
        }
    }

    /* lambda = 0.3, all labelled: closed form and central differences */
    {
        const pt_setting kv[] = {PT_TEXT("lambda", "0.3")};
        double werr = 0.0, gerr = 0.0, fd;
        pt_loss_open(&l, "mixed", &q.oc.table, nx, ny, T, kv, PT_LEN(kv));
        for (i = 0; i < T * block; i++) d[i] = NAN;
        pt_loss_eval(&l, N, T, x, it, ys, NULL, lv, d);
        for (i = 0; i < N; i++) {
            double ss = 0.0, want;
            for (k = 0; k < ny; k++) {
                double e = it[(T - 1) * block + i * ny + k] - ys[i * ny + k];
                ss += e * e;
                pt_worsen(&gerr, fabs(d[(T - 1) * block + i * ny + k] -
                                   (0.3 * e + 0.7 * g[i * ny + k])));
            }
            want = 0.3 * 0.5 * ss + 0.7 * f[i];
            pt_worsen(&werr, fabs(lv[i] - want) / fmax(1.0, fabs(want)));
        }
        if (!tap_ok(werr <= 1e-14 && gerr <= 1e-14 && pt_max_abs(d, (T - 1) * block) == 0.0,
                    "mixed (lambda = 0.3): loss = 0.3 1/2 |y - y*|^2 + 0.7 f, gradient "
                    "0.3 (y - y*) + 0.7 grad f (1e-14), earlier iterates exactly zero"))
            tap_diag("got: loss err %.3g, gradient err %.3g", werr, gerr);
        fd = pt_loss_fd_all(&l, N, T, ny, x, it, ys, d, FD_H);
        if (!tap_ok(fd <= FD_RTOL, "mixed (lambda = 0.3): d_iterates match central "
                    "differences (h %g, err <= %g max(1, |d|))", FD_H, FD_RTOL))
            tap_diag("got: worst relative error %.3g", fd);
        rc = l.d->eval(l.inst, N, T, x, it, NULL, NULL, lv, d, err, sizeof err);
        if (!tap_ok(rc == AMOR_EINVAL && pt_contains(err, "y*"),
                    "mixed: eval without y* is refused"))
            tap_diag("got: rc %d, '%s'", rc, err);
        pt_loss_close(&l);
    }

    /* label_fraction 0.5 over M random contexts: lambda = 1 makes a row's
     * loss 1/2 |y - y*|^2 > 0 when labelled and exactly 0 when not */
    xm = pt_dalloc(M * nx), ym = pt_dalloc(M * ny), ysm = pt_dalloc(M * ny), lm = pt_dalloc(M);
    xrev = pt_dalloc(M * nx), yrev = pt_dalloc(M * ny), ysrev = pt_dalloc(M * ny);
    lrev = pt_dalloc(M);
    lab = calloc(M, 1);
    pt_must(q.d.sample(q.inst, &rng, M, xm, NULL, 0), "sample", "");
    pt_must(q.d.solve(q.inst, M, xm, ysm, NULL, 0), "solve", "");
    pt_randn(ym, M * ny, 1.0, &rng);
    for (i = 0; i < M; i++) {
        memcpy(xrev + (M - 1 - i) * nx, xm + i * nx, nx * sizeof *xm);
        memcpy(yrev + (M - 1 - i) * ny, ym + i * ny, ny * sizeof *ym);
        memcpy(ysrev + (M - 1 - i) * ny, ysm + i * ny, ny * sizeof *ysm);
    }
    {
        const pt_setting kv[] = {PT_TEXT("lambda", "1"), PT_TEXT("label_fraction", "0.5")};
        const pt_setting kvs[] = {PT_TEXT("lambda", "1"), PT_TEXT("label_fraction", "0.5"),
                                  PT_TEXT("label_seed", "7")};
        int consistent = 1;
        pt_loss_open(&l, "mixed", &q.oc.table, nx, ny, 1, kv, PT_LEN(kv));
        pt_loss_eval(&l, M, 1, xm, ym, ysm, NULL, lm, NULL);
        for (i = nlab = 0; i < M; i++) {
            lab[i] = lm[i] > 0.0;
            nlab += lab[i];
            if (!lab[i] && lm[i] != 0.0) consistent = 0;
        }
        if (!tap_ok(nlab >= 400 && nlab <= 600 && consistent,
                    "mixed (label_fraction 0.5): between 40%% and 60%% of %d random "
                    "contexts are labelled, the rest have loss exactly 0", M))
            tap_diag("got: %zu labelled", nlab);
        /* reversed batch, and one context per batch */
        pt_loss_eval(&l, M, 1, xrev, yrev, ysrev, NULL, lrev, NULL);
        for (i = same = 0; i < M; i++) same += (lrev[M - 1 - i] > 0.0) == lab[i];
        for (i = 0; i < 50; i++) {
            double l1;
            pt_loss_eval(&l, 1, 1, xm + i * nx, ym + i * ny, ysm + i * ny, NULL, &l1, NULL);
            same += (l1 > 0.0) == lab[i];
        }
        if (!tap_ok(same == M + 50, "mixed (label_fraction 0.5): every context gets the "
                    "same decision in a reversed batch and alone in a batch of 1"))
            tap_diag("got: %zu of %d decisions agree", same, M + 50);
        pt_loss_close(&l);

        pt_loss_open(&l, "mixed", &q.oc.table, nx, ny, 1, kvs, PT_LEN(kvs));
        pt_loss_eval(&l, M, 1, xm, ym, ysm, NULL, lm, NULL);
        for (i = nlab2 = differ = 0; i < M; i++) {
            nlab2 += lm[i] > 0.0;
            differ += (lm[i] > 0.0) != lab[i];
        }
        if (!tap_ok(nlab2 >= 400 && nlab2 <= 600 && differ >= 300,
                    "mixed (label_fraction 0.5, label_seed 7): another half is labelled "
                    "(40%%-60%%, at least 300 of %d decisions differ)", M))
            tap_diag("got: %zu labelled, %zu differ", nlab2, differ);
        pt_loss_close(&l);
    }
    {
        const pt_setting kv0[] = {PT_TEXT("lambda", "1"), PT_TEXT("label_fraction", "0")};
        double m;
        pt_loss_open(&l, "mixed", &q.oc.table, nx, ny, 1, kv0, PT_LEN(kv0));
        rc = l.d->eval(l.inst, M, 1, xm, ym, NULL, NULL, lm, NULL, err, sizeof err);
        m = pt_max_abs(lm, M);
        if (!tap_ok(rc == 0 && m == 0.0, "mixed (label_fraction 0, lambda 1): no context "
                    "is labelled (all losses 0; y* not needed)"))
            tap_diag("got: rc %d, max loss %.3g, '%s'", rc, m, err);
        pt_loss_close(&l);
    }

    /* lambda = 0.5, label_fraction = 0.5: unlabelled rows keep (1 - lambda) f */
    {
        const pt_setting kv[] = {PT_TEXT("lambda", "0.5"), PT_TEXT("label_fraction", "0.5")};
        double *fm = pt_dalloc(M), *gm = pt_dalloc(M * ny), *dm = pt_dalloc(M * ny);
        double werr = 0.0, gerr = 0.0, fd;
        size_t nl = 0, nu = 0;
        pt_prob_eval(&q, M, xm, ym, fm, gm);
        pt_loss_open(&l, "mixed", &q.oc.table, nx, ny, 1, kv, PT_LEN(kv));
        pt_loss_eval(&l, M, 1, xm, ym, ysm, NULL, lm, dm);
        for (i = 0; i < M; i++) {
            double ss = 0.0, want;
            for (k = 0; k < ny; k++) {
                double e = ym[i * ny + k] - ysm[i * ny + k];
                double gw = 0.5 * gm[i * ny + k] + (lab[i] ? 0.5 * e : 0.0);
                ss += e * e;
                pt_worsen(&gerr, fabs(dm[i * ny + k] - gw));
            }
            want = 0.5 * fm[i] + (lab[i] ? 0.25 * ss : 0.0);
            pt_worsen(&werr, fabs(lm[i] - want) / fmax(1.0, fabs(want)));
            nl += lab[i], nu += !lab[i];
        }
        if (!tap_ok(werr <= 1e-14 && gerr <= 1e-14 && nl > 0 && nu > 0,
                    "mixed (lambda 0.5, label_fraction 0.5): labelled rows get 0.5 (1/2 "
                    "|r|^2 + f), unlabelled 0.5 f; gradients likewise (1e-14)"))
            tap_diag("got: loss err %.3g, gradient err %.3g (%zu / %zu)", werr, gerr, nl, nu);
        /* first 20 rows: a mix of both */
        fd = pt_loss_fd_all(&l, 20, 1, ny, xm, ym, ysm, dm, FD_H);
        if (!tap_ok(fd <= FD_RTOL, "mixed (lambda 0.5, label_fraction 0.5): gradients of "
                    "20 rows match central differences (err <= %g max(1, |d|))", FD_RTOL))
            tap_diag("got: worst relative error %.3g", fd);
        pt_loss_close(&l);
        free(fm), free(gm), free(dm);
    }
    pt_prob_close(&q);
    free(x), free(it), free(ys), free(lv), free(d), free(f), free(g);
    free(xm), free(ym), free(ysm), free(lm), free(xrev), free(yrev), free(ysrev), free(lrev);
    free(lab);
}

/* ------------------------------------------------------------------------ */
/* zeroth_order                                                             */

/* The quadratic's descriptor without gradient or Hessian: a values-only
 * problem, wrapped in a real oracle. */
typedef struct vprob {
    pt_prob q;
    amor_problem_desc desc; /* copy of q.d with value_grad = hvp = NULL */
    oracle_ctx oc;
} vprob;

static void vprob_open(vprob *v)
{
    v->q = pt_prob_open("quadratic", NULL, NULL, 0);
    v->desc = v->q.d;
    v->desc.value_grad = NULL;
    v->desc.hvp = NULL;
    pt_must(oracle_init(&v->oc, &v->desc, v->q.inst), "oracle_init", "");
}

static void vprob_close(vprob *v)
{
    oracle_free(&v->oc);
    pt_prob_close(&v->q);
}

/* |mean over the n rows of est (n, ny) - gtrue (ny)| / |gtrue|. */
static double mean_rel_err(const double *est, size_t n, size_t ny, const double *gtrue)
{
    double e2 = 0.0, g2 = 0.0;
    size_t i, k;
    for (k = 0; k < ny; k++) {
        double m = 0.0;
        for (i = 0; i < n; i++) m += est[i * ny + k];
        m /= (double)n;
        e2 += (m - gtrue[k]) * (m - gtrue[k]);
        g2 += gtrue[k] * gtrue[k];
    }
    return sqrt(e2 / g2);
}

/* Estimate with zeroth_order(kv) on n copies of one (x0, y0), rng seed
 * `seed`: the last iterate's rows of d go to est (n, ny), losses to lv. */
static void zo_estimate(vprob *v, const pt_setting *kv, size_t nkv, size_t n, size_t T,
                        const double *x0, const double *y0, uint64_t seed, double *est,
                        double *lv)
{
    size_t nx = v->q.nx, ny = v->q.ny, i, t;
    double *x = pt_dalloc(n * nx), *it = pt_dalloc(T * n * ny), *d = pt_dalloc(T * n * ny);
    amor_rng rng;
    pt_loss l;
    for (i = 0; i < n; i++) {
        memcpy(x + i * nx, x0, nx * sizeof *x);
        for (t = 0; t < T; t++) memcpy(it + (t * n + i) * ny, y0, ny * sizeof *it);
    }
    for (i = 0; i < T * n * ny; i++) d[i] = NAN;
    amor_rng_seed(&rng, seed);
    pt_loss_open(&l, "zeroth_order", &v->oc.table, nx, ny, T, kv, nkv);
    pt_loss_eval(&l, n, T, x, it, NULL, &rng, lv, d);
    memcpy(est, d + (T - 1) * n * ny, n * ny * sizeof *est);
    if (T > 1 && pt_max_abs(d, (T - 1) * n * ny) != 0.0)
        est[0] = NAN; /* earlier iterates must get exact zeros: poison the result */
    pt_loss_close(&l);
    free(x), free(it), free(d);
}

static void test_zeroth_order(void)
{
    enum { N = 32 };
    vprob v;
    size_t nx, ny, i, k;
    double x0[64], y0[64], gtrue[64], f0, trA = 0.0;
    double *est, *est2, *lv, *lv2, e4096, e16, eb, enb;
    amor_rng rng;
    pt_loss l;
    char err[1024];
    int rc;

    vprob_open(&v);
    nx = v.q.nx;
    ny = v.q.ny;
    if (nx > 64 || ny > 64) {
        printf("Bail out! quadratic dim > 64\n");
        exit(1);
    }
    est = pt_dalloc(N * ny), est2 = pt_dalloc(N * ny), lv = pt_dalloc(N), lv2 = pt_dalloc(N);
    amor_rng_seed(&rng, 14);
    pt_randn(x0, nx, 1.0, &rng);
    pt_randn(y0, ny, 1.0, &rng);
    pt_prob_eval(&v.q, 1, x0, y0, &f0, gtrue); /* the real quadratic: A y0 - x0 */
    for (k = 0; k < ny; k++) {              /* tr A = sum_k 2 f(e_k; 0) */
        double e[64] = {0}, z[64] = {0}, fk;
        e[k] = 1.0;
        pt_prob_eval(&v.q, 1, z, e, &fk, NULL);
        trA += 2.0 * fk;
    }

    tap_ok(v.oc.table.value_grad == NULL && v.oc.table.hvp == NULL && v.oc.table.value,
           "zeroth_order: the test problem's oracle has values only");
    rc = pt_loss_make(&l, "zeroth_order", &v.oc.table, nx, ny, 1, NULL, 0, err, sizeof err);
    if (!tap_ok(rc == 0 && l.d->needs == AMOR_NEEDS_VALUE &&
                    !strcmp(l.d->head.version, "1.0"),
                "zeroth_order: version 1.0, needs values only, created on a problem "
                "without value_grad"))
        tap_diag("got: rc %d, needs %u, '%s'", rc, (unsigned)l.d->needs, err);
    pt_loss_close(&l);

    /* antithetic, report = value: the loss is f(y_hat), calls are 2S + 1 */
    {
        const pt_setting kv[] = {PT_TEXT("samples", "4096")};
        uint64_t c0 = v.oc.value_calls;
        double lerr;
        zo_estimate(&v, kv, PT_LEN(kv), N, 1, x0, y0, 1, est, lv);
        e4096 = mean_rel_err(est, N, ny, gtrue);
        for (i = 0, lerr = 0.0; i < N; i++) pt_worsen(&lerr, fabs(lv[i] - f0));
        if (!tap_ok(e4096 < 0.05, "zeroth_order (antithetic, S = 4096): the mean estimate "
                    "over %d rows is within 5%% of grad f = A y - x (the gradient of the "
                    "Gaussian smoothing of a quadratic)", N))
            tap_diag("got: relative error %.3g", e4096);
        else
            tap_diag("relative error %.3g", e4096);
        if (!tap_ok(lerr <= 1e-15 && v.oc.value_calls - c0 == (uint64_t)N * (2 * 4096 + 1),
                    "zeroth_order (report = value): loss = f(y_hat) (abs 1e-15), using "
                    "2 S + 1 value calls per context"))
            tap_diag("got: loss err %.3g, %llu value rows", lerr,
                     (unsigned long long)(v.oc.value_calls - c0));
    }
    {
        const pt_setting kv[] = {PT_TEXT("samples", "16")};
        zo_estimate(&v, kv, PT_LEN(kv), N, 1, x0, y0, 1, est, lv);
        e16 = mean_rel_err(est, N, ny, gtrue);
        if (!tap_ok(e16 > e4096 && e16 > 2.0 * e4096,
                    "zeroth_order: the error falls as samples grow (S = 16: %.3g > 2 x "
                    "S = 4096: %.3g)", e16, e4096))
            tap_diag("got: S = 16 %.3g, S = 4096 %.3g", e16, e4096);
        /* determinism */
        zo_estimate(&v, kv, PT_LEN(kv), N, 1, x0, y0, 1, est2, lv2);
        tap_ok(memcmp(est, est2, N * ny * sizeof *est) == 0 &&
                   memcmp(lv, lv2, N * sizeof *lv) == 0,
               "zeroth_order: the same rng seed gives bit-identical estimates");
        zo_estimate(&v, kv, PT_LEN(kv), N, 1, x0, y0, 2, est2, lv2);
        tap_ok(memcmp(est, est2, N * ny * sizeof *est) != 0,
               "zeroth_order: another rng seed gives other estimates");
    }
    {
        const pt_setting kvb[] = {PT_TEXT("samples", "4096"), PT_TEXT("antithetic", "false")};
        const pt_setting kvn[] = {PT_TEXT("samples", "4096"), PT_TEXT("antithetic", "false"),
                                  PT_TEXT("baseline", "false")};
        zo_estimate(&v, kvb, PT_LEN(kvb), N, 1, x0, y0, 3, est, lv);
        eb = mean_rel_err(est, N, ny, gtrue);
        if (!tap_ok(eb < 0.05, "zeroth_order (one-sided, baseline f(y), S = 4096): mean "
                    "estimate within 5%% of grad f"))
            tap_diag("got: relative error %.3g", eb);
        else
            tap_diag("relative error %.3g", eb);
        zo_estimate(&v, kvn, PT_LEN(kvn), N, 1, x0, y0, 3, est, lv);
        enb = mean_rel_err(est, N, ny, gtrue);
        if (!tap_ok(enb > eb, "zeroth_order (one-sided): the baseline lowers the error "
                    "(without %.3g > with %.3g, same samples)", enb, eb))
            tap_diag("got: without %.3g, with %.3g", enb, eb);
    }
    /* report = smoothed: E f(y + sigma eps) = f(y) + sigma^2/2 tr A */
    {
        const pt_setting kv[] = {PT_TEXT("samples", "4096"), PT_TEXT("sigma", "0.3"),
                                 PT_TEXT("report", "smoothed")};
        const pt_setting kv1[] = {PT_TEXT("samples", "4096"), PT_TEXT("sigma", "0.3"),
                                  PT_TEXT("report", "smoothed"), PT_TEXT("antithetic", "false")};
        double want = f0 + 0.5 * 0.09 * trA, m = 0.0, m1 = 0.0;
        zo_estimate(&v, kv, PT_LEN(kv), N, 1, x0, y0, 4, est, lv);
        for (i = 0; i < N; i++) m += lv[i] / N;
        zo_estimate(&v, kv1, PT_LEN(kv1), N, 1, x0, y0, 4, est, lv);
        for (i = 0; i < N; i++) m1 += lv[i] / N;
        if (!tap_ok(fabs(m - want) <= 0.02 && fabs(m1 - want) <= 0.05,
                    "zeroth_order (report = smoothed, sigma 0.3): mean reported loss is "
                    "f(y) + sigma^2/2 tr A = %.4f (antithetic abs 0.02, one-sided abs 0.05; "
                    "f(y) = %.4f)", want, f0))
            tap_diag("got: antithetic %.6f, one-sided %.6f, want %.6f", m, m1, want);
    }
    /* T = 3: earlier iterates get exact zeros (zo_estimate poisons otherwise) */
    {
        const pt_setting kv[] = {PT_TEXT("samples", "64")};
        double e;
        zo_estimate(&v, kv, PT_LEN(kv), N, 3, x0, y0, 5, est, lv);
        e = mean_rel_err(est, N, ny, gtrue);
        if (!tap_ok(isfinite(e) && e < 0.5, "zeroth_order (T = 3): earlier iterates get "
                    "exact zero rows, the last a gradient estimate (S = 64, within 50%%)"))
            tap_diag("got: relative error %.3g", e);
    }
    /* value-only: f(y_hat), no random numbers; gradient without rng refused */
    {
        double x2[128], y2[128], f2[2], lval[2];
        amor_rng r0, r1;
        memcpy(x2, x0, nx * sizeof *x2), memcpy(x2 + nx, y0, nx * sizeof *x2);
        memcpy(y2, y0, ny * sizeof *y2), memcpy(y2 + ny, x0, ny * sizeof *y2);
        pt_prob_eval(&v.q, 2, x2, y2, f2, NULL);
        pt_loss_open(&l, "zeroth_order", &v.oc.table, nx, ny, 1, NULL, 0);
        amor_rng_seed(&r0, 9);
        r1 = r0;
        pt_loss_eval(&l, 2, 1, x2, y2, NULL, &r0, lval, NULL);
        tap_ok(lval[0] == f2[0] && lval[1] == f2[1] && memcmp(&r0, &r1, sizeof r0) == 0,
               "zeroth_order: a value-only eval reports f(y_hat) and draws no random numbers");
        rc = l.d->eval(l.inst, 2, 1, x2, y2, NULL, NULL, lval, est, err, sizeof err);
        if (!tap_ok(rc == AMOR_EINVAL && pt_contains(err, "rng"),
                    "zeroth_order: a gradient request without an rng is refused"))
            tap_diag("got: rc %d, '%s'", rc, err);
        pt_loss_close(&l);
    }
    vprob_close(&v);
    free(est), free(est2), free(lv), free(lv2);
}

int main(void)
{
    (void)tap_skip_all; /* tap.h helper this program does not need */
    test_mixed();
    test_zeroth_order();
    return tap_done();
}
