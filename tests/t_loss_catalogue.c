/*
 * t_loss_catalogue.c -- TAP tests of the L^sum losses of the loss catalogue:
 * regression_sum and objective_sum over every weight scheme (values against
 * closed forms or the problem's f, d_iterates against central differences
 * over all iterates, oracle calls, refusals).  mixed and zeroth_order are
 * t_loss_mixed_zo.c's.  Problems are loaded plugins wrapped in the host's
 * real oracle (oracle_init).  Run from the repository root.
 */
#include "tap.h"
#include "plugtest.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FD_H 1e-6    /* central-difference step */
#define FD_RTOL 1e-6 /* FD error allowed, relative to max(1, |d_iterates|_inf) */

/* ------------------------------------------------------------------------ */
/* Weight schemes for T = 4 and the weights they must give                  */

enum { T4 = 4 };

typedef struct scheme {
    const char *label;
    pt_setting kv[2];
    double w[T4];
} scheme;

static const scheme schemes[] = {
    {"uniform", {PT_TEXT("weights", "uniform")}, {0.25, 0.25, 0.25, 0.25}},
    {"last", {PT_TEXT("weights", "last")}, {0, 0, 0, 1}},
    {"geometric gamma 0.5", {PT_TEXT("weights", "geometric")},
     {0.125 / 1.875, 0.25 / 1.875, 0.5 / 1.875, 1 / 1.875}},
    {"geometric gamma 0.3", {PT_TEXT("weights", "geometric"), PT_TEXT("gamma", "0.3")},
     {0.027 / 1.417, 0.09 / 1.417, 0.3 / 1.417, 1 / 1.417}},
    {"geometric gamma 1 (uniform)", {PT_TEXT("weights", "geometric"), PT_TEXT("gamma", "1")},
     {0.25, 0.25, 0.25, 0.25}},
    {"geometric gamma 0 (last)", {PT_TEXT("weights", "geometric"), PT_TEXT("gamma", "0")},
     {0, 0, 0, 1}},
    {"list \" 1, 2,3 ,4 \"", {PT_TEXT("weights", "list"), PT_TEXT("weight_list", " 1, 2,3 ,4 ")},
     {0.1, 0.2, 0.3, 0.4}},
    {"list \"0,0,2.5,0\"", {PT_TEXT("weights", "list"), PT_TEXT("weight_list", "0,0,2.5,0")},
     {0, 0, 1, 0}},
};
#define NSCHEMES (sizeof schemes / sizeof schemes[0])

/* Refusals common to both L^sum losses; every one names the parameter. */
static void check_refusals(const char *name, size_t nx, size_t ny, const amor_oracle *o)
{
    static const struct {
        pt_setting kv[2];
        const char *want1, *want2, *what;
    } bad[] = {
        {{PT_TEXT("weights", "list"), PT_TEXT("weight_list", "0.2,0.3,0.5")}, "weight_list",
         "T = 4", "a weight_list of 3 entries for T = 4"},
        {{PT_TEXT("weights", "list"), PT_TEXT("weight_list", "0.2,0.3,0.5,0.1,0.1")}, "weight_list",
         "T = 4", "a weight_list of 5 entries for T = 4"},
        {{PT_TEXT("weights", "list"), PT_TEXT("weight_list", "1,-1,1,1")}, "weight_list", "-1",
         "a negative weight"},
        {{PT_TEXT("weights", "list"), PT_TEXT("weight_list", "1,abc,1,1")}, "weight_list", "abc",
         "a weight that is not a number"},
        {{PT_TEXT("weights", "list"), PT_TEXT("weight_list", "1,,1,1")}, "weight_list", "finite",
         "an empty entry"},
        {{PT_TEXT("weights", "list"), PT_TEXT("weight_list", "1,nan,1,1")}, "weight_list", "nan",
         "a NaN weight"},
        {{PT_TEXT("weights", "list"), PT_TEXT("weight_list", "0,0,0,0")}, "weight_list", "positive",
         "weights summing to 0"},
        {{PT_TEXT("weights", "list")}, "weight_list", "T = 4", "weights = list without a list"},
        {{PT_TEXT("weights", "uniform"), PT_TEXT("weight_list", "1,2,3,4")}, "weight_list",
         "uniform", "a weight_list that weights = uniform would ignore"},
    };
    size_t b;
    for (b = 0; b < sizeof bad / sizeof bad[0]; b++) {
        pt_loss l;
        char err[1024];
        int rc = pt_loss_make(&l, name, o, nx, ny, T4, bad[b].kv, PT_LEN(bad[b].kv), err,
                              sizeof err);
        pt_loss_close(&l);
        if (!tap_ok(rc == AMOR_EINVAL && pt_contains(err, bad[b].want1) &&
                        pt_contains(err, bad[b].want2) && pt_contains(err, name),
                    "%s: %s is refused at create (EINVAL, message names %s, '%s')", name,
                    bad[b].what, bad[b].want1, bad[b].want2))
            tap_diag("got: rc %d, '%s'", rc, err);
    }
}

/* ------------------------------------------------------------------------ */
/* regression_sum                                                           */

static void test_regression_sum(void)
{
    enum { N = 5 };
    pt_prob q;
    size_t ny, block, i, k, t, sc;
    double *x, *it, *ys, *lv, *lv2, *d;
    amor_rng rng;
    pt_loss l, r;
    char err[1024];
    int rc;

    q = pt_prob_open("quadratic", NULL, NULL, 0);
    pt_prob_wrap(&q);
    ny = q.ny;
    block = N * ny;
    x = pt_dalloc(N * q.nx), it = pt_dalloc(T4 * block), ys = pt_dalloc(block);
    lv = pt_dalloc(N), lv2 = pt_dalloc(N), d = pt_dalloc(T4 * block);
    amor_rng_seed(&rng, 11);
    pt_randn(x, N * q.nx, 1.0, &rng);
    pt_randn(it, T4 * block, 1.0, &rng);
    pt_randn(ys, block, 1.0, &rng);

    pt_loss_open(&l, "regression_sum", &q.oc.table, q.nx, ny, T4, NULL, 0);
    tap_ok(l.d->needs == AMOR_NEEDS_YSTAR && !strcmp(l.d->head.version, "1.0") &&
               l.d->head.num_params == 3,
           "regression_sum: version 1.0, needs y* only, parameters weights/gamma/weight_list");
    pt_loss_close(&l);

    for (sc = 0; sc < NSCHEMES; sc++) {
        const scheme *s = &schemes[sc];
        double werr = 0.0, gerr = 0.0, fd;
        pt_loss_open(&l, "regression_sum", &q.oc.table, q.nx, ny, T4, s->kv, PT_LEN(s->kv));
        for (i = 0; i < T4 * block; i++) d[i] = NAN; /* must be overwritten */
        pt_loss_eval(&l, N, T4, x, it, ys, NULL, lv, d);
        for (i = 0; i < N; i++) {
            double want = 0.0;
            for (t = 0; t < T4; t++) {
                double ss = 0.0;
                for (k = 0; k < ny; k++) {
                    double e = it[t * block + i * ny + k] - ys[i * ny + k];
                    ss += e * e;
                    pt_worsen(&gerr, fabs(d[t * block + i * ny + k] - s->w[t] * e));
                }
                want += s->w[t] * 0.5 * ss;
            }
            pt_worsen(&werr, fabs(lv[i] - want) / want);
        }
        if (!tap_ok(werr <= 1e-13 && gerr <= 1e-14,
                    "regression_sum (%s): loss = sum_t w_t 1/2 |y^t - y*|^2 (rel 1e-13), "
                    "d_iterates = w_t (y^t - y*) (abs 1e-14)", s->label))
            tap_diag("got: loss rel err %.3g, gradient err %.3g", werr, gerr);
        fd = pt_loss_fd_all(&l, N, T4, ny, x, it, ys, d, FD_H);
        if (!tap_ok(fd <= FD_RTOL, "regression_sum (%s): d_iterates over all 4 iterates "
                    "match central differences (h %g, err <= %g max(1, |d|))",
                    s->label, FD_H, FD_RTOL))
            tap_diag("got: worst relative error %.3g", fd);
        pt_loss_eval(&l, N, T4, x, it, ys, NULL, lv2, NULL);
        tap_ok(memcmp(lv, lv2, N * sizeof *lv) == 0,
               "regression_sum (%s): same loss without d_iterates", s->label);
        pt_loss_close(&l);
    }

    /* weights = last is the regression loss */
    {
        const pt_setting kv[] = {PT_TEXT("weights", "last")};
        double dl, dg;
        pt_loss_open(&l, "regression_sum", &q.oc.table, q.nx, ny, T4, kv, PT_LEN(kv));
        pt_loss_open(&r, "regression", &q.oc.table, q.nx, ny, T4, NULL, 0);
        pt_loss_diff(&l, &r, N, T4, ny, x, it, ys, &dl, &dg);
        if (!tap_ok(dl <= 1e-15 && dg <= 1e-15,
                    "regression_sum (weights = last) equals the regression loss "
                    "(loss and d_iterates, abs 1e-15)"))
            tap_diag("got: loss diff %.3g, gradient diff %.3g", dl, dg);
        pt_loss_close(&r);

        /* the weights belong to T: eval with another T is refused */
        rc = l.d->eval(l.inst, N, 3, x, it, ys, NULL, lv, d, err, sizeof err);
        if (!tap_ok(rc == AMOR_EINVAL && pt_contains(err, "T = 3") && pt_contains(err, "T = 4"),
                    "regression_sum: eval with T = 3 on an instance made for T = 4 is "
                    "refused, naming both"))
            tap_diag("got: rc %d, '%s'", rc, err);
        rc = l.d->eval(l.inst, N, T4, x, it, NULL, NULL, lv, d, err, sizeof err);
        if (!tap_ok(rc == AMOR_EINVAL && pt_contains(err, "y*"),
                    "regression_sum: eval without y* is refused"))
            tap_diag("got: rc %d, '%s'", rc, err);
        pt_loss_close(&l);
    }

    check_refusals("regression_sum", q.nx, ny, &q.oc.table);
    {
        const pt_setting kv[] = {PT_TEXT("weights", "list"), PT_TEXT("weight_list", "1,2,3,4")};
        rc = pt_loss_make(&l, "regression_sum", &q.oc.table, q.nx, ny, 0, kv, PT_LEN(kv), err,
                          sizeof err);
        pt_loss_close(&l);
        if (!tap_ok(rc == AMOR_EINVAL && pt_contains(err, "num_iterates"),
                    "regression_sum: an environment with T = 0 is refused"))
            tap_diag("got: rc %d, '%s'", rc, err);
    }
    {
        params_set ps = pt_params(&l.d->head);
        err[0] = 0;
        rc = params_set_real(&ps, "gamma", 1.5, err, sizeof err);
        if (!tap_ok(rc != 0 && pt_contains(err, "'gamma'"),
                    "regression_sum: gamma = 1.5 is refused by its declared range [0, 1]"))
            tap_diag("got: rc %d, '%s'", rc, err);
        rc = params_set_string(&ps, "weights", "cosine", err, sizeof err);
        if (!tap_ok(rc != 0 && pt_contains(err, "uniform|last|geometric|list"),
                    "regression_sum: weights = cosine is refused, listing the choices"))
            tap_diag("got: rc %d, '%s'", rc, err);
        params_free(&ps);
    }
    pt_prob_close(&q);
    free(x), free(it), free(ys), free(lv), free(lv2), free(d);
}

/* ------------------------------------------------------------------------ */
/* objective_sum                                                            */

static void check_objective_sum_on(const char *problem)
{
    enum { N = 5 };
    pt_prob q;
    size_t ny, block, i, k, t, sc;
    double *x, *it, *lv, *d, *f, *g;
    amor_rng rng;
    pt_loss l, r;
    int quad = !strcmp(problem, "quadratic");

    q = pt_prob_open(problem, NULL, NULL, 0);
    pt_prob_wrap(&q);
    ny = q.ny;
    block = N * ny;
    x = pt_dalloc(N * q.nx), it = pt_dalloc(T4 * block), lv = pt_dalloc(N);
    d = pt_dalloc(T4 * block), f = pt_dalloc(T4 * N);
    g = pt_dalloc(T4 * block);
    amor_rng_seed(&rng, 12);
    pt_must(q.d.sample(q.inst, &rng, N, x, NULL, 0), "sample", "");
    pt_randn(it, T4 * block, 1.0, &rng);
    for (t = 0; t < T4; t++) pt_prob_eval(&q, N, x, it + t * block, f + t * N, g + t * block);

    for (sc = 0; sc < NSCHEMES; sc++) {
        const scheme *s = &schemes[sc];
        double werr = 0.0, gerr = 0.0, fd;
        uint64_t calls0 = q.oc.grad_calls;
        size_t nz = 0;
        if (!quad && sc != 0 && sc != 2 && sc != 6) continue; /* a few on rosenbrock */
        pt_loss_open(&l, "objective_sum", &q.oc.table, q.nx, ny, T4, s->kv, PT_LEN(s->kv));
        for (i = 0; i < T4 * block; i++) d[i] = NAN;
        pt_loss_eval(&l, N, T4, x, it, NULL, NULL, lv, d);
        for (t = 0; t < T4; t++) nz += s->w[t] != 0.0;
        for (i = 0; i < N; i++) {
            double want = 0.0;
            for (t = 0; t < T4; t++) {
                want += s->w[t] * f[t * N + i];
                for (k = 0; k < ny; k++)
                    pt_worsen(&gerr, fabs(d[t * block + i * ny + k] -
                                       s->w[t] * g[t * block + i * ny + k]) /
                                      fmax(1.0, fabs(g[t * block + i * ny + k])));
            }
            pt_worsen(&werr, fabs(lv[i] - want) / fmax(1e-300, fabs(want)));
        }
        if (!tap_ok(werr <= 1e-13 && gerr <= 1e-15,
                    "objective_sum on %s (%s): loss = sum_t w_t f(y^t; x) against the "
                    "problem's value calls (rel 1e-13), d_iterates = w_t grad f (1e-15)",
                    problem, s->label))
            tap_diag("got: loss rel err %.3g, gradient err %.3g", werr, gerr);
        if (!tap_ok(q.oc.grad_calls - calls0 == nz * N,
                    "objective_sum on %s (%s): the oracle is asked only about the %zu "
                    "iterates of non-zero weight", problem, s->label, nz))
            tap_diag("got: %llu rows evaluated, want %zu",
                     (unsigned long long)(q.oc.grad_calls - calls0), nz * N);
        fd = pt_loss_fd_all(&l, N, T4, ny, x, it, NULL, d, FD_H);
        if (!tap_ok(fd <= FD_RTOL, "objective_sum on %s (%s): d_iterates over all 4 "
                    "iterates match central differences (h %g, err <= %g max(1, |d|))",
                    problem, s->label, FD_H, FD_RTOL))
            tap_diag("got: worst relative error %.3g", fd);
        pt_loss_close(&l);
    }

    /* weights = last is the objective loss */
    {
        const pt_setting kv[] = {PT_TEXT("weights", "last")};
        double dl, dg;
        pt_loss_open(&l, "objective_sum", &q.oc.table, q.nx, ny, T4, kv, PT_LEN(kv));
        pt_loss_open(&r, "objective", &q.oc.table, q.nx, ny, T4, NULL, 0);
        pt_loss_diff(&l, &r, N, T4, ny, x, it, NULL, &dl, &dg);
        if (!tap_ok(dl <= 1e-15 && dg <= 1e-15,
                    "objective_sum (weights = last) on %s equals the objective loss "
                    "(loss and d_iterates, abs 1e-15)", problem))
            tap_diag("got: loss diff %.3g, gradient diff %.3g", dl, dg);
        pt_loss_close(&r);
        pt_loss_close(&l);
    }
    if (quad) check_refusals("objective_sum", q.nx, ny, &q.oc.table);
    pt_prob_close(&q);
    free(x), free(it), free(lv), free(d), free(f), free(g);
}

static void test_objective_sum(void)
{
    pt_prob v;
    pt_loss l;
    char err[1024];
    int rc;
    check_objective_sum_on("quadratic");
    check_objective_sum_on("rosenbrock");

    /* the quadratic without gradient or Hessian, behind the host's oracle */
    v = pt_prob_open("quadratic", NULL, NULL, 0);
    v.d.value_grad = NULL;
    v.d.hvp = NULL;
    pt_prob_wrap(&v);
    rc = pt_loss_make(&l, "objective_sum", &v.oc.table, v.nx, v.ny, T4, NULL, 0, err,
                      sizeof err);
    pt_loss_close(&l);
    if (!tap_ok(rc == AMOR_ENOTSUP && pt_contains(err, "value_grad") &&
                    l.d->needs == AMOR_NEEDS_GRAD,
                "objective_sum: needs the gradient; an oracle without value_grad is "
                "refused at create (ENOTSUP, naming value_grad)"))
        tap_diag("got: rc %d, '%s'", rc, err);
    pt_prob_close(&v);
}

int main(void)
{
    (void)tap_skip_all; /* tap.h helper this program does not need */
    test_regression_sum();
    test_objective_sum();
    return tap_done();
}
