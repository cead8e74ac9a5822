/*
 * t_losses.c -- TAP tests of the loss plugins regression (plain and Huber)
 * and objective (on the training and on the validation objective): values
 * against closed forms or the problem's f, gradients against central
 * differences, and the iterate layout of d_iterates.  The objective loss
 * sees a problem plugin through a small oracle built here, whose validation
 * objective is a closed form of the test's own.  Run from the repository
 * root.
 */
#include "tap.h"
#include "plugtest.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FD_H 1e-6    /* central-difference step */
#define FD_RTOL 1e-6 /* FD error allowed, relative to max(1, |g|_inf) */

/* ------------------------------------------------------------------------ */
/* A test oracle over a loaded problem instance                             */

typedef struct test_oracle {
    pt_prob p;
    int fail;            /* non-zero: every call fails with AMOR_ENUMERIC */
    size_t value_calls;  /* calls (not rows) */
    size_t grad_calls;
    size_t valid_calls;  /* of valid_value */
    size_t valid_grad_calls;
    char err[256];
    amor_oracle table;
} test_oracle;

static int to_value(void *ctx, size_t n, const double *x, const double *y, double *f)
{
    test_oracle *o = ctx;
    o->value_calls++;
    if (o->fail) return amor_errorf(o->err, sizeof o->err, AMOR_ENUMERIC, "injected failure");
    return o->p.d.value(o->p.inst, n, x, y, f, o->err, sizeof o->err);
}

static int to_value_grad(void *ctx, size_t n, const double *x, const double *y,
                         double *f, double *g)
{
    test_oracle *o = ctx;
    o->grad_calls++;
    if (o->fail) return amor_errorf(o->err, sizeof o->err, AMOR_ENUMERIC, "injected failure");
    return o->p.d.value_grad(o->p.inst, n, x, y, f, g, o->err, sizeof o->err);
}

/* The validation objective of the test oracle (needs nx = ny): 1/2 |y - 2x|^2,
 * which differs from every problem's own f. */
static double valid_row(const double *x, const double *y, double *g, size_t ny)
{
    double f = 0.0;
    size_t k;
    for (k = 0; k < ny; k++) {
        double r = y[k] - 2.0 * x[k];
        f += 0.5 * r * r;
        if (g) g[k] = r;
    }
    return f;
}

static int to_valid_value(void *ctx, size_t n, const double *x, const double *y, double *f)
{
    test_oracle *o = ctx;
    size_t i;
    o->valid_calls++;
    if (o->fail) return amor_errorf(o->err, sizeof o->err, AMOR_ENUMERIC, "injected failure");
    for (i = 0; i < n; i++) f[i] = valid_row(x + i * o->p.nx, y + i * o->p.ny, NULL, o->p.ny);
    return AMOR_OK;
}

static int to_valid_value_grad(void *ctx, size_t n, const double *x, const double *y,
                               double *f, double *g)
{
    test_oracle *o = ctx;
    size_t i;
    o->valid_grad_calls++;
    if (o->fail) return amor_errorf(o->err, sizeof o->err, AMOR_ENUMERIC, "injected failure");
    for (i = 0; i < n; i++)
        f[i] = valid_row(x + i * o->p.nx, y + i * o->p.ny, g + i * o->p.ny, o->p.ny);
    return AMOR_OK;
}

/* Load problem `name` with default parameters and wrap it. */
static void oracle_open(test_oracle *o, const char *name)
{
    memset(o, 0, sizeof *o);
    o->p = pt_prob_open(name, NULL, NULL, 0);
    o->table.struct_size = sizeof(amor_oracle);
    o->table.ctx = o;
    o->table.nx = o->p.nx;
    o->table.ny = o->p.ny;
    o->table.value = to_value;
    o->table.value_grad = to_value_grad;
    o->table.valid_value = to_valid_value;
    o->table.valid_value_grad = to_valid_value_grad;
}

static void oracle_close(test_oracle *o) { pt_prob_close(&o->p); }

/* ------------------------------------------------------------------------ */
/* Loss instances                                                           */

/* Create loss `name` (huber_delta set when delta >= 0) for an env with
 * dimensions nx, ny, T iterates and oracle o; returns the create status. */
static int loss_open(pt_loss *l, const char *name, double delta, size_t nx, size_t ny,
                     size_t T, const amor_oracle *o, char *err, size_t errlen)
{
    pt_setting hd[] = {PT_REAL("huber_delta", delta)};
    return pt_loss_make(l, name, o, nx, ny, T, hd, delta >= 0 ? 1 : 0, err, errlen);
}

/* Central differences of loss[i] in the last iterate's row i, against
 * d_iterates; returns the worst error relative to max(1, |g_i|_inf). */
static double fd_check(pt_loss *l, size_t n, size_t T, size_t ny, const double *x,
                       double *iterates, const double *ystar, const double *d_iterates)
{
    double *lb = pt_dalloc(n), *fd = pt_dalloc(ny), worst = 0.0;
    size_t i, k, last = (T - 1) * n * ny;
    pt_loss_fd fc = {l, n, T, 0, x, iterates, ystar, lb};
    for (i = 0; i < n; i++) {
        const double *g = d_iterates + last + i * ny;
        double gs = fmax(1.0, pt_max_abs(g, ny));
        fc.row = i;
        pt_fd_grad(pt_loss_fd_row, &fc, iterates + last + i * ny, ny, FD_H, fd);
        for (k = 0; k < ny; k++) pt_worsen(&worst, fabs(fd[k] - g[k]) / gs);
    }
    free(lb), free(fd);
    return worst;
}

/* Rows t < T-1 of d_iterates (T x n x ny) all exactly zero, row T-1 not. */
static int only_last_row(const double *d_iterates, size_t T, size_t n, size_t ny)
{
    size_t i, block = n * ny;
    for (i = 0; i < (T - 1) * block; i++)
        if (d_iterates[i] != 0.0) return 0;
    return pt_max_abs(d_iterates + (T - 1) * block, block) > 0.0;
}

/* ------------------------------------------------------------------------ */
/* regression                                                               */

static void test_regression(void)
{
    enum { N = 5, NY = 3, T = 3 };
    double x[N], it[T * N * NY], ys[N * NY], lossv[N], lossv2[N], d[T * N * NY];
    double worst = 0.0;
    size_t i, k;
    pt_loss l;
    char err[1024];
    amor_rng rng;
    int rc;

    amor_rng_seed(&rng, 1);
    for (i = 0; i < N; i++) x[i] = amor_rng_normal(&rng);
    for (i = 0; i < T * N * NY; i++) it[i] = amor_rng_normal(&rng);
    for (i = 0; i < N * NY; i++) ys[i] = amor_rng_normal(&rng);

    rc = loss_open(&l, "regression", -1, 1, NY, T, &pt_no_oracle, err, sizeof err);
    pt_must(rc, "create regression", err);
    tap_ok(l.d->needs == AMOR_NEEDS_YSTAR && !strcmp(l.d->head.version, "1.0"),
           "regression: version 1.0, needs y* only");

    for (i = 0; i < T * N * NY; i++) d[i] = NAN; /* must be overwritten */
    pt_loss_eval(&l, N, T, x, it, ys, NULL, lossv, d);
    for (i = 0; i < N; i++) {
        double ss = 0.0;
        for (k = 0; k < NY; k++) {
            double r = it[(T - 1) * N * NY + i * NY + k] - ys[i * NY + k];
            ss += r * r;
        }
        pt_worsen(&worst, fabs(lossv[i] - 0.5 * ss) / fmax(1e-300, 0.5 * ss));
    }
    if (!tap_ok(worst <= 1e-14, "regression: loss = 1/2 |y_hat - y*|^2 of the last iterate "
                "(rel 1e-14, 5 rows)"))
        tap_diag("got: worst relative error %.3g", worst);
    worst = 0.0;
    for (i = 0; i < N * NY; i++)
        pt_worsen(&worst, fabs(d[(T - 1) * N * NY + i] - (it[(T - 1) * N * NY + i] - ys[i])));
    if (!tap_ok(worst <= 1e-15, "regression: gradient = y_hat - y* (abs 1e-15)"))
        tap_diag("got: worst error %.3g", worst);
    tap_ok(only_last_row(d, T, N, NY),
           "regression: with T = 3 only the last iterate's rows of d_iterates are non-zero "
           "(earlier rows overwritten with exact zeros)");
    worst = fd_check(&l, N, T, NY, x, it, ys, d);
    if (!tap_ok(worst <= FD_RTOL, "regression: gradient matches central differences "
                "(h %g, err <= %g max(1, |g|))", FD_H, FD_RTOL))
        tap_diag("got: worst relative error %.3g", worst);

    /* earlier iterates do not enter; d_iterates == NULL gives the same loss */
    for (i = 0; i < (T - 1) * N * NY; i++) it[i] += 10.0;
    pt_loss_eval(&l, N, T, x, it, ys, NULL, lossv2, NULL);
    tap_ok(memcmp(lossv, lossv2, sizeof lossv) == 0,
           "regression: loss ignores earlier iterates and is the same without d_iterates");

    /* T = 1: the only iterate is the prediction */
    {
        double d1[N * NY];
        pt_loss_eval(&l, N, 1, x, it + (T - 1) * N * NY, ys, NULL, lossv2, d1);
        tap_ok(memcmp(lossv, lossv2, sizeof lossv) == 0 &&
                   memcmp(d1, d + (T - 1) * N * NY, sizeof d1) == 0,
               "regression: T = 1 on the last iterate gives the same loss and gradient");
    }
    pt_loss_close(&l);

    /* parameter range: huber_delta >= 0 */
    {
        params_set ps = pt_params(&l.d->head);
        err[0] = 0;
        rc = params_set_real(&ps, "huber_delta", -1.0, err, sizeof err);
        if (!tap_ok(rc != 0 && pt_contains(err, "'huber_delta'") && pt_contains(err, "[0, "),
                    "regression: huber_delta = -1 is refused, naming huber_delta and its range"))
            tap_diag("got: rc %d, '%s'", rc, err);
        params_free(&ps);
    }
}

/* Huber with delta = 1.5: rows with |r| = 0.5, 1.2 (quadratic branch) and
 * 2, 4, 9 (linear branch), in random directions. */
static void test_huber(void)
{
    enum { N = 5, NY = 3, T = 3 };
    const double delta = 1.5, norms[N] = {0.5, 1.2, 2.0, 4.0, 9.0};
    double x[N], it[T * N * NY], ys[N * NY], lossv[N], d[T * N * NY];
    double werr_q = 0, werr_l = 0, wg = 0, worst;
    size_t i, k, last = (T - 1) * N * NY;
    pt_loss l;
    char err[1024];
    amor_rng rng;

    amor_rng_seed(&rng, 2);
    for (i = 0; i < N; i++) x[i] = 0.0;
    for (i = 0; i < T * N * NY; i++) it[i] = amor_rng_normal(&rng);
    for (i = 0; i < N; i++) { /* y_hat = y* + norms[i] u, |u| = 1 */
        double u[NY], un = 0.0;
        for (k = 0; k < NY; k++) {
            u[k] = amor_rng_normal(&rng);
            un += u[k] * u[k];
            ys[i * NY + k] = amor_rng_normal(&rng);
        }
        un = sqrt(un);
        for (k = 0; k < NY; k++) it[last + i * NY + k] = ys[i * NY + k] + norms[i] * u[k] / un;
    }
    pt_must(loss_open(&l, "regression", delta, 1, NY, T, &pt_no_oracle, err, sizeof err),
            "create regression (huber)", err);
    for (i = 0; i < T * N * NY; i++) d[i] = NAN;
    pt_loss_eval(&l, N, T, x, it, ys, NULL, lossv, d);
    for (i = 0; i < N; i++) {
        double r = 0.0, want, gn = 0.0;
        for (k = 0; k < NY; k++) {
            double e = it[last + i * NY + k] - ys[i * NY + k];
            r += e * e;
            gn += d[last + i * NY + k] * d[last + i * NY + k];
        }
        r = sqrt(r);
        gn = sqrt(gn);
        if (norms[i] <= delta) {
            want = 0.5 * r * r;
            pt_worsen(&werr_q, fabs(lossv[i] - want) / want);
            pt_worsen(&wg, fabs(gn - r)); /* |g| = |r| */
        } else {
            want = delta * (r - 0.5 * delta);
            pt_worsen(&werr_l, fabs(lossv[i] - want) / want);
            pt_worsen(&wg, fabs(gn - delta)); /* |g| = delta */
        }
    }
    if (!tap_ok(werr_q <= 1e-14, "huber: |r| <= delta gives 1/2 |r|^2 (rel 1e-14)"))
        tap_diag("got: worst relative error %.3g", werr_q);
    if (!tap_ok(werr_l <= 1e-14, "huber: |r| > delta gives delta (|r| - delta/2) (rel 1e-14)"))
        tap_diag("got: worst relative error %.3g", werr_l);
    if (!tap_ok(wg <= 1e-14, "huber: gradient norm is |r| inside, delta outside (abs 1e-14)"))
        tap_diag("got: worst error %.3g", wg);
    worst = fd_check(&l, N, T, NY, x, it, ys, d);
    if (!tap_ok(worst <= FD_RTOL, "huber: gradient matches central differences on both "
                "branches (h %g, err <= %g max(1, |g|))", FD_H, FD_RTOL))
        tap_diag("got: worst relative error %.3g", worst);
    tap_ok(only_last_row(d, T, N, NY),
           "huber: with T = 3 only the last iterate's rows of d_iterates are non-zero");
    pt_loss_close(&l);
}

/* ------------------------------------------------------------------------ */
/* objective                                                                */

/* The objective loss over `problem`: loss = f at the last iterate (exactly
 * the problem's own value_grad / value output), gradient = the problem's
 * gradient there and matches central differences, only the last rows of
 * d_iterates non-zero, and without d_iterates only value() is called. */
static void check_objective_on(const char *problem)
{
    enum { N = 6, T = 3 };
    test_oracle o;
    pt_loss l;
    char err[1024];
    amor_rng rng;
    size_t nx, ny, i, block;
    double *x, *it, *d, *lossv, *lossv2, *f, *g, worst;
    int same_vg = 1, same_v;

    oracle_open(&o, problem);
    nx = o.p.nx;
    ny = o.p.ny;
    block = N * ny;
    x = pt_dalloc(N * nx), it = pt_dalloc(T * block), d = pt_dalloc(T * block);
    lossv = pt_dalloc(N), lossv2 = pt_dalloc(N), f = pt_dalloc(N), g = pt_dalloc(block);
    amor_rng_seed(&rng, 3);
    pt_must(o.p.d.sample(o.p.inst, &rng, N, x, err, sizeof err), "sample", err);
    for (i = 0; i < T * block; i++) it[i] = amor_rng_normal(&rng);
    pt_must(loss_open(&l, "objective", -1, nx, ny, T, &o.table, err, sizeof err),
            "create objective", err);

    for (i = 0; i < T * block; i++) d[i] = NAN;
    pt_loss_eval(&l, N, T, x, it, NULL, NULL, lossv, d);
    pt_prob_eval(&o.p, N, x, it + (T - 1) * block, f, g);
    for (i = 0; i < N; i++) same_vg &= lossv[i] == f[i];
    for (i = 0; i < block; i++) same_vg &= d[(T - 1) * block + i] == g[i];
    tap_ok(same_vg, "objective(%s): loss and gradient are the problem's f and grad f at the "
           "last iterate (exact)", problem);
    tap_ok(only_last_row(d, T, N, ny), "objective(%s): with T = 3 only the last iterate's "
           "rows of d_iterates are non-zero", problem);
    worst = fd_check(&l, N, T, ny, x, it, NULL, d);
    if (!tap_ok(worst <= FD_RTOL, "objective(%s): gradient matches central differences "
                "(h %g, err <= %g max(1, |g|))", problem, FD_H, FD_RTOL))
        tap_diag("got: worst relative error %.3g", worst);

    o.value_calls = o.grad_calls = 0;
    pt_loss_eval(&l, N, T, x, it, NULL, NULL, lossv2, NULL);
    pt_prob_eval(&o.p, N, x, it + (T - 1) * block, f, NULL);
    same_v = memcmp(lossv2, f, N * sizeof *f) == 0;
    tap_ok(same_v && o.value_calls == 1 && o.grad_calls == 0,
           "objective(%s): without d_iterates the loss is value()'s f, from one value call "
           "and no gradient call", problem);

    /* An oracle failure: its status comes back and err is left empty, so the
     * host reports the problem's own message (it prefers a non-empty err). */
    o.fail = 1;
    {
        char err2[64];
        int rc, rc2;
        strcpy(err, "stale");
        strcpy(err2, "stale");
        rc = l.d->eval(l.inst, N, T, x, it, NULL, NULL, lossv2, d, err, sizeof err);
        rc2 = l.d->eval(l.inst, N, T, x, it, NULL, NULL, lossv2, NULL, err2, sizeof err2);
        if (!tap_ok(rc == AMOR_ENUMERIC && rc2 == AMOR_ENUMERIC && !err[0] && !err2[0],
                    "objective(%s): an oracle failure's status is returned, with err "
                    "cleared so the problem's message shows", problem))
            tap_diag("got: rc %d / %d, '%s' / '%s'", rc, rc2, err, err2);
    }
    pt_loss_close(&l);
    oracle_close(&o);
    free(x), free(it), free(d), free(lossv), free(lossv2), free(f), free(g);
}

static void test_objective(void)
{
    test_oracle o;
    pt_loss l;
    char err[1024];
    int rc;

    check_objective_on("quadratic");
    check_objective_on("rosenbrock");

    oracle_open(&o, "rosenbrock");
    /* an oracle without value(): the loss falls back to value_grad */
    o.table.value = NULL;
    pt_must(loss_open(&l, "objective", -1, 2, 2, 1, &o.table, err, sizeof err),
            "create objective", err);
    tap_ok(l.d->needs == AMOR_NEEDS_GRAD,
           "objective: needs the gradient");
    {
        double x[2] = {0.3, 4.0}, y[2] = {-0.2, 1.1}, lv = 0, f = 0;
        pt_loss_eval(&l, 1, 1, x, y, NULL, NULL, &lv, NULL);
        pt_prob_eval(&o.p, 1, x, y, &f, NULL);
        tap_ok(lv == f && o.grad_calls == 1,
               "objective: an oracle without value() is served through value_grad");
    }
    pt_loss_close(&l);

    /* no gradient: refused at create */
    o.table.value = to_value;
    o.table.value_grad = NULL;
    rc = loss_open(&l, "objective", -1, 2, 2, 1, &o.table, err, sizeof err);
    pt_loss_close(&l);
    if (!tap_ok(rc != 0 && pt_contains(err, "value_grad"),
                "objective: an oracle without value_grad is refused at create, saying so"))
        tap_diag("got: rc %d, '%s'", rc, err);
    oracle_close(&o);
}

/* objective with on = validation: the loss and its gradient are the
 * validation objective's at the last iterate, from valid_value /
 * valid_value_grad only; it declares what it needs through needs_for; an
 * oracle without valid_value_grad (or of ABI 1.0) is refused at create. */
static void test_objective_validation(void)
{
    enum { N = 5, T = 2 };
    pt_setting on_valid[] = {PT_STR("on", "validation")};
    test_oracle o;
    pt_loss l;
    char err[1024];
    amor_rng rng;
    size_t nx, ny, i, block;
    double *x, *it, *d, *lossv, *want, *g, worst;
    int exact = 1, rc;

    oracle_open(&o, "quadratic");
    nx = o.p.nx;
    ny = o.p.ny;
    block = N * ny;
    x = pt_dalloc(N * nx), it = pt_dalloc(T * block), d = pt_dalloc(T * block);
    lossv = pt_dalloc(N), want = pt_dalloc(N), g = pt_dalloc(block);
    amor_rng_seed(&rng, 11);
    pt_must(o.p.d.sample(o.p.inst, &rng, N, x, err, sizeof err), "sample", err);
    for (i = 0; i < T * block; i++) it[i] = amor_rng_normal(&rng);

    pt_must(pt_loss_make(&l, "objective", &o.table, nx, ny, T, on_valid, 1, err, sizeof err),
            "create objective on = validation", err);
    {
        params_set ps = pt_params_with(&l.d->head, on_valid, 1), pd = pt_params(&l.d->head);
        tap_ok(l.d->needs_for && l.d->needs_for(ps.values) == (AMOR_NEEDS_VALID |
                                                               AMOR_NEEDS_VALID_GRAD) &&
                   l.d->needs_for(pd.values) == AMOR_NEEDS_GRAD && l.d->needs == AMOR_NEEDS_GRAD &&
                   !strcmp(l.d->head.version, "1.1"),
               "objective 1.1: needs_for asks for the validation objective and its gradient "
               "with on = validation, the gradient by default (= needs, for 1.0 hosts)");
        params_free(&ps);
        params_free(&pd);
    }
    for (i = 0; i < T * block; i++) d[i] = NAN;
    pt_loss_eval(&l, N, T, x, it, NULL, NULL, lossv, d);
    for (i = 0; i < N; i++) {
        want[i] = valid_row(x + i * nx, it + (T - 1) * block + i * ny, g + i * ny, ny);
        exact &= lossv[i] == want[i];
    }
    for (i = 0; i < block; i++) exact &= d[(T - 1) * block + i] == g[i];
    tap_ok(exact && o.valid_grad_calls == 1 && o.grad_calls == 0 && o.value_calls == 0,
           "objective on = validation: loss and gradient are 1/2 |y - 2x|^2 and y - 2x at the "
           "last iterate (exact), from one valid_value_grad call and no training-objective call");
    tap_ok(only_last_row(d, T, N, ny),
           "objective on = validation: only the last iterate's rows of d_iterates are non-zero");
    worst = fd_check(&l, N, T, ny, x, it, NULL, d);
    if (!tap_ok(worst <= FD_RTOL, "objective on = validation: gradient matches central "
                "differences (h %g, err <= %g max(1, |g|))", FD_H, FD_RTOL))
        tap_diag("got: worst relative error %.3g", worst);
    o.valid_calls = o.valid_grad_calls = o.value_calls = o.grad_calls = 0;
    pt_loss_eval(&l, N, T, x, it, NULL, NULL, lossv, NULL);
    tap_ok(!memcmp(lossv, want, N * sizeof *want) && o.valid_calls == 1 &&
               o.valid_grad_calls == 0 && o.value_calls == 0 && o.grad_calls == 0,
           "objective on = validation: without d_iterates one valid_value call, nothing else");
    o.fail = 1;
    strcpy(err, "stale");
    rc = l.d->eval(l.inst, N, T, x, it, NULL, NULL, lossv, d, err, sizeof err);
    if (!tap_ok(rc == AMOR_ENUMERIC && !err[0],
                "objective on = validation: an oracle failure's status is returned, err cleared"))
        tap_diag("got: rc %d, '%s'", rc, err);
    o.fail = 0;
    pt_loss_close(&l);

    /* the training objective stays the default */
    pt_must(pt_loss_make(&l, "objective", &o.table, nx, ny, T, NULL, 0, err, sizeof err),
            "create objective", err);
    o.valid_calls = o.valid_grad_calls = o.value_calls = o.grad_calls = 0;
    pt_loss_eval(&l, N, T, x, it, NULL, NULL, lossv, d);
    pt_prob_eval(&o.p, N, x, it + (T - 1) * block, want, NULL);
    tap_ok(!memcmp(lossv, want, N * sizeof *want) && o.grad_calls == 1 && o.valid_calls == 0 &&
               o.valid_grad_calls == 0,
           "objective (on = train): the problem's own f, never the validation objective");
    pt_loss_close(&l);

    /* refusals at create */
    o.table.valid_value_grad = NULL;
    rc = pt_loss_make(&l, "objective", &o.table, nx, ny, T, on_valid, 1, err, sizeof err);
    pt_loss_close(&l);
    if (!tap_ok(rc == AMOR_ENOTSUP && !strcmp(err, "objective: loss needs the gradient of the "
                                               "problem's validation objective, but the oracle "
                                               "has no valid_value_grad"),
                "objective on = validation: an oracle without valid_value_grad is refused at "
                "create, saying so"))
        tap_diag("got: rc %d, '%s'", rc, err);
    o.table.valid_value_grad = to_valid_value_grad;
    o.table.struct_size = (uint32_t)offsetof(amor_oracle, state_dim); /* an ABI 1.0 host's */
    rc = pt_loss_make(&l, "objective", &o.table, nx, ny, T, on_valid, 1, err, sizeof err);
    pt_loss_close(&l);
    if (!tap_ok(rc == AMOR_ENOTSUP && pt_contains(err, "predates it (ABI 1.0)"),
                "objective on = validation: an ABI 1.0 oracle is refused at create"))
        tap_diag("got: rc %d, '%s'", rc, err);
    oracle_close(&o);
    free(x), free(it), free(d), free(lossv), free(want), free(g);
}

int main(void)
{
    (void)tap_skip_all; /* tap.h helper this program does not need */
    test_regression();
    test_huber();
    test_objective();
    test_objective_validation();
    return tap_done();
}
