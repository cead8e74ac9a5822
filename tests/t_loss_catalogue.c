/*
 * t_loss_catalogue.c -- TAP tests of the loss catalogue: regression_sum and
 * objective_sum (L^sum over iterates, every weight scheme), mixed (lambda and
 * label_fraction) and zeroth_order (Gaussian-smoothing estimates from values
 * only).  Problems are loaded plugins wrapped in the host's real oracle
 * (oracle_init).  Run from the repository root.
 */
#include "tap.h"
#include "plugtest.h"
#include "oracle.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FD_H 1e-6    /* central-difference step */
#define FD_RTOL 1e-6 /* FD error allowed, relative to max(1, |d_iterates|_inf) */

static double *dalloc(size_t n)
{
    double *p = calloc(n ? n : 1, sizeof *p);
    if (!p) {
        printf("Bail out! out of memory\n");
        exit(1);
    }
    return p;
}

static void worsen(double *w, double e)
{
    if (!(e <= *w)) *w = isnan(e) ? INFINITY : e;
}

static double max_abs(const double *v, size_t n)
{
    double m = 0.0;
    size_t i;
    for (i = 0; i < n; i++) worsen(&m, fabs(v[i]));
    return m;
}

static double max_diff(const double *a, const double *b, size_t n)
{
    double m = 0.0;
    size_t i;
    for (i = 0; i < n; i++) worsen(&m, fabs(a[i] - b[i]));
    return m;
}

static int contains(const char *s, const char *sub) { return strstr(s, sub) != NULL; }

static void fill_normal(double *v, size_t n, amor_rng *r)
{
    size_t i;
    for (i = 0; i < n; i++) v[i] = amor_rng_normal(r);
}

/* ------------------------------------------------------------------------ */
/* Problems behind the host's oracle                                        */

typedef struct prob {
    const amor_problem_desc *desc;
    void *inst;
    size_t nx, ny;
    oracle_ctx oc;
} prob;

static void prob_open(prob *p, const char *name)
{
    char err[512];
    params_set ps;
    p->desc = (const amor_problem_desc *)pt_find(AMOR_KIND_PROBLEM, name);
    ps = pt_params(&p->desc->head);
    pt_must(p->desc->create(ps.values, &p->inst, err, sizeof err), "create problem", err);
    params_free(&ps);
    p->desc->dims(p->inst, &p->nx, &p->ny);
    pt_must(oracle_init(&p->oc, p->desc, p->inst), "oracle_init", "");
}

static void prob_close(prob *p)
{
    oracle_free(&p->oc);
    p->desc->destroy(p->inst);
}

/* f (n) and, if g != NULL, grad f (n, ny) straight from the problem. */
static void prob_f(const prob *p, size_t n, const double *x, const double *y, double *f,
                   double *g)
{
    char err[512];
    if (g)
        pt_must(p->desc->value_grad(p->inst, n, x, y, f, g, err, sizeof err), "value_grad", err);
    else
        pt_must(p->desc->value(p->inst, n, x, y, f, err, sizeof err), "value", err);
}

/* ------------------------------------------------------------------------ */
/* Loss instances                                                           */

typedef struct lossi {
    const amor_loss_desc *desc;
    void *inst;
    amor_env env;
} lossi;

/* Create loss `name` with parameters kv (NULL-terminated name, value text
 * pairs; NULL for defaults) for env (nx, ny, T, oracle o).  Returns the
 * create status, message in err. */
static int loss_open(lossi *l, const char *name, const char *const *kv, size_t nx,
                     size_t ny, size_t T, const amor_oracle *o, char *err, size_t errlen)
{
    params_set ps;
    int rc;
    l->desc = (const amor_loss_desc *)pt_find(AMOR_KIND_LOSS, name);
    ps = pt_params(&l->desc->head);
    for (; kv && kv[0]; kv += 2) {
        long i = params_index(&l->desc->head, kv[0]);
        uint32_t type = i >= 0 ? l->desc->head.params[i].type : 0;
        switch (type) {
        case AMOR_PARAM_REAL:
            rc = params_set_real(&ps, kv[0], strtod(kv[1], NULL), err, errlen);
            break;
        case AMOR_PARAM_INT:
            rc = params_set_int(&ps, kv[0], strtoll(kv[1], NULL, 10), err, errlen);
            break;
        case AMOR_PARAM_BOOL:
            rc = params_set_bool(&ps, kv[0], !strcmp(kv[1], "true"), err, errlen);
            break;
        default:
            rc = params_set_string(&ps, kv[0], kv[1], err, errlen);
        }
        pt_must(rc, kv[0], err);
    }
    memset(&l->env, 0, sizeof l->env);
    l->env.struct_size = sizeof(amor_env);
    l->env.nx = nx;
    l->env.ny = ny;
    l->env.num_iterates = T;
    l->env.oracle = o;
    l->inst = NULL;
    err[0] = 0;
    rc = l->desc->create(ps.values, &l->env, &l->inst, err, errlen);
    params_free(&ps);
    return rc;
}

static void loss_must_open(lossi *l, const char *name, const char *const *kv, size_t nx,
                           size_t ny, size_t T, const amor_oracle *o)
{
    char err[1024];
    pt_must(loss_open(l, name, kv, nx, ny, T, o, err, sizeof err), name, err);
}

static void loss_close(lossi *l)
{
    if (l->inst) l->desc->destroy(l->inst);
    l->inst = NULL;
}

static void loss_eval(lossi *l, size_t n, size_t T, const double *x, const double *it,
                      const double *ys, amor_rng *rng, double *lossv, double *d)
{
    char err[1024];
    pt_must(l->desc->eval(l->inst, n, T, x, it, ys, rng, lossv, d, err, sizeof err),
            l->desc->head.name, err);
}

/* Central differences of loss[i] in every row (t, i) of every iterate,
 * against d (T x n x ny); worst error relative to max(1, |d|_inf). */
typedef struct fd_ctx {
    lossi *l;
    size_t n, T, row;
    const double *x, *it, *ys;
    double *lb; /* (n) */
} fd_ctx;

static double fd_fn(void *c, const double *p)
{
    fd_ctx *fc = c;
    (void)p; /* p aliases the iterate row being varied */
    loss_eval(fc->l, fc->n, fc->T, fc->x, fc->it, fc->ys, NULL, fc->lb, NULL);
    return fc->lb[fc->row];
}

static double fd_all(lossi *l, size_t n, size_t T, size_t ny, const double *x, double *it,
                     const double *ys, const double *d)
{
    double *fd = dalloc(ny), worst = 0.0, scale = fmax(1.0, max_abs(d, T * n * ny));
    size_t t, i, k, block = n * ny;
    fd_ctx fc = {l, n, T, 0, x, it, ys, dalloc(n)};
    for (t = 0; t < T; t++)
        for (i = 0; i < n; i++) {
            fc.row = i;
            pt_fd_grad(fd_fn, &fc, it + t * block + i * ny, ny, FD_H, fd);
            for (k = 0; k < ny; k++)
                worsen(&worst, fabs(fd[k] - d[t * block + i * ny + k]) / scale);
        }
    free(fd), free(fc.lb);
    return worst;
}

/* ------------------------------------------------------------------------ */
/* Weight schemes for T = 4 and the weights they must give                  */

enum { T4 = 4 };

typedef struct scheme {
    const char *label;
    const char *kv[7];
    double w[T4];
} scheme;

static const scheme schemes[] = {
    {"uniform", {"weights", "uniform", NULL}, {0.25, 0.25, 0.25, 0.25}},
    {"last", {"weights", "last", NULL}, {0, 0, 0, 1}},
    {"geometric gamma 0.5", {"weights", "geometric", NULL},
     {0.125 / 1.875, 0.25 / 1.875, 0.5 / 1.875, 1 / 1.875}},
    {"geometric gamma 0.3", {"weights", "geometric", "gamma", "0.3", NULL},
     {0.027 / 1.417, 0.09 / 1.417, 0.3 / 1.417, 1 / 1.417}},
    {"geometric gamma 1 (uniform)", {"weights", "geometric", "gamma", "1", NULL},
     {0.25, 0.25, 0.25, 0.25}},
    {"geometric gamma 0 (last)", {"weights", "geometric", "gamma", "0", NULL}, {0, 0, 0, 1}},
    {"list \" 1, 2,3 ,4 \"", {"weights", "list", "weight_list", " 1, 2,3 ,4 ", NULL},
     {0.1, 0.2, 0.3, 0.4}},
    {"list \"0,0,2.5,0\"", {"weights", "list", "weight_list", "0,0,2.5,0", NULL},
     {0, 0, 1, 0}},
};
#define NSCHEMES (sizeof schemes / sizeof schemes[0])

/* Refusals common to both L^sum losses; every one names the parameter. */
static void check_refusals(const char *name, size_t nx, size_t ny, const amor_oracle *o)
{
    static const struct {
        const char *kv[5];
        const char *want1, *want2, *what;
    } bad[] = {
        {{"weights", "list", "weight_list", "0.2,0.3,0.5", NULL}, "weight_list", "T = 4",
         "a weight_list of 3 entries for T = 4"},
        {{"weights", "list", "weight_list", "0.2,0.3,0.5,0.1,0.1", NULL}, "weight_list",
         "T = 4", "a weight_list of 5 entries for T = 4"},
        {{"weights", "list", "weight_list", "1,-1,1,1", NULL}, "weight_list", "-1",
         "a negative weight"},
        {{"weights", "list", "weight_list", "1,abc,1,1", NULL}, "weight_list", "abc",
         "a weight that is not a number"},
        {{"weights", "list", "weight_list", "1,,1,1", NULL}, "weight_list", "finite",
         "an empty entry"},
        {{"weights", "list", "weight_list", "1,nan,1,1", NULL}, "weight_list", "nan",
         "a NaN weight"},
        {{"weights", "list", "weight_list", "0,0,0,0", NULL}, "weight_list", "positive",
         "weights summing to 0"},
        {{"weights", "list", NULL}, "weight_list", "T = 4", "weights = list without a list"},
        {{"weights", "uniform", "weight_list", "1,2,3,4", NULL}, "weight_list", "uniform",
         "a weight_list that weights = uniform would ignore"},
    };
    size_t b;
    for (b = 0; b < sizeof bad / sizeof bad[0]; b++) {
        lossi l;
        char err[1024];
        int rc = loss_open(&l, name, bad[b].kv, nx, ny, T4, o, err, sizeof err);
        loss_close(&l);
        if (!tap_ok(rc == AMOR_EINVAL && contains(err, bad[b].want1) &&
                        contains(err, bad[b].want2) && contains(err, name),
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
    prob q;
    size_t ny, block, i, k, t, sc;
    double *x, *it, *ys, *lv, *lv2, *d, *d2;
    amor_rng rng;
    lossi l, r;
    char err[1024];
    int rc;

    prob_open(&q, "quadratic");
    ny = q.ny;
    block = N * ny;
    x = dalloc(N * q.nx), it = dalloc(T4 * block), ys = dalloc(block);
    lv = dalloc(N), lv2 = dalloc(N), d = dalloc(T4 * block), d2 = dalloc(T4 * block);
    amor_rng_seed(&rng, 11);
    fill_normal(x, N * q.nx, &rng);
    fill_normal(it, T4 * block, &rng);
    fill_normal(ys, block, &rng);

    loss_must_open(&l, "regression_sum", NULL, q.nx, ny, T4, &q.oc.table);
    tap_ok(l.desc->needs == AMOR_NEEDS_YSTAR && !strcmp(l.desc->head.version, "1.0") &&
               l.desc->head.num_params == 3,
           "regression_sum: version 1.0, needs y* only, parameters weights/gamma/weight_list");
    loss_close(&l);

    for (sc = 0; sc < NSCHEMES; sc++) {
        const scheme *s = &schemes[sc];
        double werr = 0.0, gerr = 0.0, fd;
        loss_must_open(&l, "regression_sum", s->kv, q.nx, ny, T4, &q.oc.table);
        for (i = 0; i < T4 * block; i++) d[i] = NAN; /* must be overwritten */
        loss_eval(&l, N, T4, x, it, ys, NULL, lv, d);
        for (i = 0; i < N; i++) {
            double want = 0.0;
            for (t = 0; t < T4; t++) {
                double ss = 0.0;
                for (k = 0; k < ny; k++) {
                    double e = it[t * block + i * ny + k] - ys[i * ny + k];
                    ss += e * e;
                    worsen(&gerr, fabs(d[t * block + i * ny + k] - s->w[t] * e));
                }
                want += s->w[t] * 0.5 * ss;
            }
            worsen(&werr, fabs(lv[i] - want) / want);
        }
        if (!tap_ok(werr <= 1e-13 && gerr <= 1e-14,
                    "regression_sum (%s): loss = sum_t w_t 1/2 |y^t - y*|^2 (rel 1e-13), "
                    "d_iterates = w_t (y^t - y*) (abs 1e-14)", s->label))
            tap_diag("got: loss rel err %.3g, gradient err %.3g", werr, gerr);
        fd = fd_all(&l, N, T4, ny, x, it, ys, d);
        if (!tap_ok(fd <= FD_RTOL, "regression_sum (%s): d_iterates over all 4 iterates "
                    "match central differences (h %g, err <= %g max(1, |d|))",
                    s->label, FD_H, FD_RTOL))
            tap_diag("got: worst relative error %.3g", fd);
        loss_eval(&l, N, T4, x, it, ys, NULL, lv2, NULL);
        tap_ok(memcmp(lv, lv2, N * sizeof *lv) == 0,
               "regression_sum (%s): same loss without d_iterates", s->label);
        loss_close(&l);
    }

    /* weights = last is the regression loss */
    {
        const char *kv[] = {"weights", "last", NULL};
        double dl, dg;
        loss_must_open(&l, "regression_sum", kv, q.nx, ny, T4, &q.oc.table);
        loss_must_open(&r, "regression", NULL, q.nx, ny, T4, &q.oc.table);
        loss_eval(&l, N, T4, x, it, ys, NULL, lv, d);
        loss_eval(&r, N, T4, x, it, ys, NULL, lv2, d2);
        dl = max_diff(lv, lv2, N);
        dg = max_diff(d, d2, T4 * block);
        if (!tap_ok(dl <= 1e-15 && dg <= 1e-15,
                    "regression_sum (weights = last) equals the regression loss "
                    "(loss and d_iterates, abs 1e-15)"))
            tap_diag("got: loss diff %.3g, gradient diff %.3g", dl, dg);
        loss_close(&r);

        /* the weights belong to T: eval with another T is refused */
        rc = l.desc->eval(l.inst, N, 3, x, it, ys, NULL, lv, d, err, sizeof err);
        if (!tap_ok(rc == AMOR_EINVAL && contains(err, "T = 3") && contains(err, "T = 4"),
                    "regression_sum: eval with T = 3 on an instance made for T = 4 is "
                    "refused, naming both"))
            tap_diag("got: rc %d, '%s'", rc, err);
        rc = l.desc->eval(l.inst, N, T4, x, it, NULL, NULL, lv, d, err, sizeof err);
        if (!tap_ok(rc == AMOR_EINVAL && contains(err, "y*"),
                    "regression_sum: eval without y* is refused"))
            tap_diag("got: rc %d, '%s'", rc, err);
        loss_close(&l);
    }

    check_refusals("regression_sum", q.nx, ny, &q.oc.table);
    {
        const char *kv[] = {"weights", "list", "weight_list", "1,2,3,4", NULL};
        rc = loss_open(&l, "regression_sum", kv, q.nx, ny, 0, &q.oc.table, err, sizeof err);
        loss_close(&l);
        if (!tap_ok(rc == AMOR_EINVAL && contains(err, "num_iterates"),
                    "regression_sum: an environment with T = 0 is refused"))
            tap_diag("got: rc %d, '%s'", rc, err);
    }
    {
        params_set ps = pt_params(&l.desc->head);
        err[0] = 0;
        rc = params_set_real(&ps, "gamma", 1.5, err, sizeof err);
        if (!tap_ok(rc != 0 && contains(err, "'gamma'"),
                    "regression_sum: gamma = 1.5 is refused by its declared range [0, 1]"))
            tap_diag("got: rc %d, '%s'", rc, err);
        rc = params_set_string(&ps, "weights", "cosine", err, sizeof err);
        if (!tap_ok(rc != 0 && contains(err, "uniform|last|geometric|list"),
                    "regression_sum: weights = cosine is refused, listing the choices"))
            tap_diag("got: rc %d, '%s'", rc, err);
        params_free(&ps);
    }
    prob_close(&q);
    free(x), free(it), free(ys), free(lv), free(lv2), free(d), free(d2);
}

/* ------------------------------------------------------------------------ */
/* objective_sum                                                            */

static void check_objective_sum_on(const char *problem)
{
    enum { N = 5 };
    prob q;
    size_t ny, block, i, k, t, sc;
    double *x, *it, *lv, *lv2, *d, *d2, *f, *g;
    amor_rng rng;
    lossi l, r;
    int quad = !strcmp(problem, "quadratic");

    prob_open(&q, problem);
    ny = q.ny;
    block = N * ny;
    x = dalloc(N * q.nx), it = dalloc(T4 * block), lv = dalloc(N), lv2 = dalloc(N);
    d = dalloc(T4 * block), d2 = dalloc(T4 * block), f = dalloc(T4 * N), g = dalloc(T4 * block);
    amor_rng_seed(&rng, 12);
    pt_must(q.desc->sample(q.inst, &rng, N, x, NULL, 0), "sample", "");
    fill_normal(it, T4 * block, &rng);
    for (t = 0; t < T4; t++) prob_f(&q, N, x, it + t * block, f + t * N, g + t * block);

    for (sc = 0; sc < NSCHEMES; sc++) {
        const scheme *s = &schemes[sc];
        double werr = 0.0, gerr = 0.0, fd;
        uint64_t calls0 = q.oc.grad_calls;
        size_t nz = 0;
        if (!quad && sc != 0 && sc != 2 && sc != 6) continue; /* a few on rosenbrock */
        loss_must_open(&l, "objective_sum", s->kv, q.nx, ny, T4, &q.oc.table);
        for (i = 0; i < T4 * block; i++) d[i] = NAN;
        loss_eval(&l, N, T4, x, it, NULL, NULL, lv, d);
        for (t = 0; t < T4; t++) nz += s->w[t] != 0.0;
        for (i = 0; i < N; i++) {
            double want = 0.0;
            for (t = 0; t < T4; t++) {
                want += s->w[t] * f[t * N + i];
                for (k = 0; k < ny; k++)
                    worsen(&gerr, fabs(d[t * block + i * ny + k] -
                                       s->w[t] * g[t * block + i * ny + k]) /
                                      fmax(1.0, fabs(g[t * block + i * ny + k])));
            }
            worsen(&werr, fabs(lv[i] - want) / fmax(1e-300, fabs(want)));
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
        fd = fd_all(&l, N, T4, ny, x, it, NULL, d);
        if (!tap_ok(fd <= FD_RTOL, "objective_sum on %s (%s): d_iterates over all 4 "
                    "iterates match central differences (h %g, err <= %g max(1, |d|))",
                    problem, s->label, FD_H, FD_RTOL))
            tap_diag("got: worst relative error %.3g", fd);
        loss_close(&l);
    }

    /* weights = last is the objective loss */
    {
        const char *kv[] = {"weights", "last", NULL};
        double dl, dg;
        loss_must_open(&l, "objective_sum", kv, q.nx, ny, T4, &q.oc.table);
        loss_must_open(&r, "objective", NULL, q.nx, ny, T4, &q.oc.table);
        loss_eval(&l, N, T4, x, it, NULL, NULL, lv, d);
        loss_eval(&r, N, T4, x, it, NULL, NULL, lv2, d2);
        dl = max_diff(lv, lv2, N);
        dg = max_diff(d, d2, T4 * block);
        if (!tap_ok(dl <= 1e-15 && dg <= 1e-15,
                    "objective_sum (weights = last) on %s equals the objective loss "
                    "(loss and d_iterates, abs 1e-15)", problem))
            tap_diag("got: loss diff %.3g, gradient diff %.3g", dl, dg);
        loss_close(&r);
        loss_close(&l);
    }
    if (quad) check_refusals("objective_sum", q.nx, ny, &q.oc.table);
    prob_close(&q);
    free(x), free(it), free(lv), free(lv2), free(d), free(d2), free(f), free(g);
}

/* The quadratic's descriptor without gradient or Hessian: a values-only
 * problem, wrapped in a real oracle. */
typedef struct vprob {
    prob q;
    amor_problem_desc desc; /* copy of q.desc with value_grad = hvp = NULL */
    oracle_ctx oc;
} vprob;

static void vprob_open(vprob *v)
{
    prob_open(&v->q, "quadratic");
    v->desc = *v->q.desc;
    v->desc.value_grad = NULL;
    v->desc.hvp = NULL;
    pt_must(oracle_init(&v->oc, &v->desc, v->q.inst), "oracle_init", "");
}

static void vprob_close(vprob *v)
{
    oracle_free(&v->oc);
    prob_close(&v->q);
}

static void test_objective_sum(void)
{
    vprob v;
    lossi l;
    char err[1024];
    int rc;
    check_objective_sum_on("quadratic");
    check_objective_sum_on("rosenbrock");

    vprob_open(&v);
    rc = loss_open(&l, "objective_sum", NULL, v.q.nx, v.q.ny, T4, &v.oc.table, err,
                   sizeof err);
    loss_close(&l);
    if (!tap_ok(rc == AMOR_ENOTSUP && contains(err, "value_grad") &&
                    l.desc->needs == AMOR_NEEDS_GRAD,
                "objective_sum: needs the gradient; an oracle without value_grad is "
                "refused at create (ENOTSUP, naming value_grad)"))
        tap_diag("got: rc %d, '%s'", rc, err);
    vprob_close(&v);
}

/* ------------------------------------------------------------------------ */
/* mixed                                                                    */

static void test_mixed(void)
{
    enum { N = 6, T = 3, M = 1000 };
    prob q;
    size_t ny, nx, block, i, k, nlab, nlab2, same, differ;
    double *x, *it, *ys, *lv, *lv2, *d, *d2, *f, *g;
    double *xm, *ym, *ysm, *lm, *lrev, *xrev, *yrev, *ysrev;
    unsigned char *lab;
    amor_rng rng;
    lossi l, r;
    char err[1024];
    int rc;

    prob_open(&q, "quadratic");
    nx = q.nx;
    ny = q.ny;
    block = N * ny;
    x = dalloc(N * nx), it = dalloc(T * block), ys = dalloc(block), lv = dalloc(N);
    lv2 = dalloc(N), d = dalloc(T * block), d2 = dalloc(T * block), f = dalloc(N);
    g = dalloc(block);
    amor_rng_seed(&rng, 13);
    pt_must(q.desc->sample(q.inst, &rng, N, x, NULL, 0), "sample", "");
    pt_must(q.desc->solve(q.inst, N, x, ys, NULL, 0), "solve", "");
    fill_normal(it, T * block, &rng);
    prob_f(&q, N, x, it + (T - 1) * block, f, g);

    loss_must_open(&l, "mixed", NULL, nx, ny, T, &q.oc.table);
    tap_ok(l.desc->needs == (AMOR_NEEDS_YSTAR | AMOR_NEEDS_GRAD) &&
               !strcmp(l.desc->head.version, "1.0"),
           "mixed: version 1.0, needs y* and the gradient");
    loss_close(&l);

    /* the endpoints are the two plain losses */
    {
        const char *kv1[] = {"lambda", "1", NULL}, *kv0[] = {"lambda", "0", NULL};
        double dl, dg;
        loss_must_open(&l, "mixed", kv1, nx, ny, T, &q.oc.table);
        loss_must_open(&r, "regression", NULL, nx, ny, T, &q.oc.table);
        loss_eval(&l, N, T, x, it, ys, NULL, lv, d);
        loss_eval(&r, N, T, x, it, ys, NULL, lv2, d2);
        dl = max_diff(lv, lv2, N);
        dg = max_diff(d, d2, T * block);
        if (!tap_ok(dl <= 1e-15 && dg <= 1e-15, "mixed (lambda = 1) equals the regression "
                    "loss (loss and d_iterates, abs 1e-15)"))
            tap_diag("got: loss diff %.3g, gradient diff %.3g", dl, dg);
        loss_close(&l), loss_close(&r);

        loss_must_open(&l, "mixed", kv0, nx, ny, T, &q.oc.table);
        loss_must_open(&r, "objective", NULL, nx, ny, T, &q.oc.table);
        loss_eval(&l, N, T, x, it, ys, NULL, lv, d);
        loss_eval(&r, N, T, x, it, ys, NULL, lv2, d2);
        dl = max_diff(lv, lv2, N);
        dg = max_diff(d, d2, T * block);
        if (!tap_ok(dl <= 1e-15 && dg <= 1e-15, "mixed (lambda = 0) equals the objective "
                    "loss (loss and d_iterates, abs 1e-15)"))
            tap_diag("got: loss diff %.3g, gradient diff %.3g", dl, dg);
        loss_close(&l), loss_close(&r);
    }

    /* lambda = 0.3, all labelled: closed form and central differences */
    {
        const char *kv[] = {"lambda", "0.3", NULL};
        double werr = 0.0, gerr = 0.0, fd;
        loss_must_open(&l, "mixed", kv, nx, ny, T, &q.oc.table);
        for (i = 0; i < T * block; i++) d[i] = NAN;
        loss_eval(&l, N, T, x, it, ys, NULL, lv, d);
        for (i = 0; i < N; i++) {
            double ss = 0.0, want;
            for (k = 0; k < ny; k++) {
                double e = it[(T - 1) * block + i * ny + k] - ys[i * ny + k];
                ss += e * e;
                worsen(&gerr, fabs(d[(T - 1) * block + i * ny + k] -
                                   (0.3 * e + 0.7 * g[i * ny + k])));
            }
            want = 0.3 * 0.5 * ss + 0.7 * f[i];
            worsen(&werr, fabs(lv[i] - want) / fmax(1.0, fabs(want)));
        }
        if (!tap_ok(werr <= 1e-14 && gerr <= 1e-14 && max_abs(d, (T - 1) * block) == 0.0,
                    "mixed (lambda = 0.3): loss = 0.3 1/2 |y - y*|^2 + 0.7 f, gradient "
                    "0.3 (y - y*) + 0.7 grad f (1e-14), earlier iterates exactly zero"))
            tap_diag("got: loss err %.3g, gradient err %.3g", werr, gerr);
        fd = fd_all(&l, N, T, ny, x, it, ys, d);
        if (!tap_ok(fd <= FD_RTOL, "mixed (lambda = 0.3): d_iterates match central "
                    "differences (h %g, err <= %g max(1, |d|))", FD_H, FD_RTOL))
            tap_diag("got: worst relative error %.3g", fd);
        rc = l.desc->eval(l.inst, N, T, x, it, NULL, NULL, lv, d, err, sizeof err);
        if (!tap_ok(rc == AMOR_EINVAL && contains(err, "y*"),
                    "mixed: eval without y* is refused"))
            tap_diag("got: rc %d, '%s'", rc, err);
        loss_close(&l);
    }

    /* label_fraction 0.5 over M random contexts: lambda = 1 makes a row's
     * loss 1/2 |y - y*|^2 > 0 when labelled and exactly 0 when not */
    xm = dalloc(M * nx), ym = dalloc(M * ny), ysm = dalloc(M * ny), lm = dalloc(M);
    xrev = dalloc(M * nx), yrev = dalloc(M * ny), ysrev = dalloc(M * ny), lrev = dalloc(M);
    lab = calloc(M, 1);
    pt_must(q.desc->sample(q.inst, &rng, M, xm, NULL, 0), "sample", "");
    pt_must(q.desc->solve(q.inst, M, xm, ysm, NULL, 0), "solve", "");
    fill_normal(ym, M * ny, &rng);
    for (i = 0; i < M; i++) {
        memcpy(xrev + (M - 1 - i) * nx, xm + i * nx, nx * sizeof *xm);
        memcpy(yrev + (M - 1 - i) * ny, ym + i * ny, ny * sizeof *ym);
        memcpy(ysrev + (M - 1 - i) * ny, ysm + i * ny, ny * sizeof *ysm);
    }
    {
        const char *kv[] = {"lambda", "1", "label_fraction", "0.5", NULL};
        const char *kvs[] = {"lambda", "1", "label_fraction", "0.5", "label_seed", "7", NULL};
        int consistent = 1;
        loss_must_open(&l, "mixed", kv, nx, ny, 1, &q.oc.table);
        loss_eval(&l, M, 1, xm, ym, ysm, NULL, lm, NULL);
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
        loss_eval(&l, M, 1, xrev, yrev, ysrev, NULL, lrev, NULL);
        for (i = same = 0; i < M; i++) same += (lrev[M - 1 - i] > 0.0) == lab[i];
        for (i = 0; i < 50; i++) {
            double l1;
            loss_eval(&l, 1, 1, xm + i * nx, ym + i * ny, ysm + i * ny, NULL, &l1, NULL);
            same += (l1 > 0.0) == lab[i];
        }
        if (!tap_ok(same == M + 50, "mixed (label_fraction 0.5): every context gets the "
                    "same decision in a reversed batch and alone in a batch of 1"))
            tap_diag("got: %zu of %d decisions agree", same, M + 50);
        loss_close(&l);

        loss_must_open(&l, "mixed", kvs, nx, ny, 1, &q.oc.table);
        loss_eval(&l, M, 1, xm, ym, ysm, NULL, lm, NULL);
        for (i = nlab2 = differ = 0; i < M; i++) {
            nlab2 += lm[i] > 0.0;
            differ += (lm[i] > 0.0) != lab[i];
        }
        if (!tap_ok(nlab2 >= 400 && nlab2 <= 600 && differ >= 300,
                    "mixed (label_fraction 0.5, label_seed 7): another half is labelled "
                    "(40%%-60%%, at least 300 of %d decisions differ)", M))
            tap_diag("got: %zu labelled, %zu differ", nlab2, differ);
        loss_close(&l);
    }
    {
        const char *kv0[] = {"lambda", "1", "label_fraction", "0", NULL};
        double m;
        loss_must_open(&l, "mixed", kv0, nx, ny, 1, &q.oc.table);
        rc = l.desc->eval(l.inst, M, 1, xm, ym, NULL, NULL, lm, NULL, err, sizeof err);
        m = max_abs(lm, M);
        if (!tap_ok(rc == 0 && m == 0.0, "mixed (label_fraction 0, lambda 1): no context "
                    "is labelled (all losses 0; y* not needed)"))
            tap_diag("got: rc %d, max loss %.3g, '%s'", rc, m, err);
        loss_close(&l);
    }

    /* lambda = 0.5, label_fraction = 0.5: unlabelled rows keep (1 - lambda) f */
    {
        const char *kv[] = {"lambda", "0.5", "label_fraction", "0.5", NULL};
        double *fm = dalloc(M), *gm = dalloc(M * ny), *dm = dalloc(M * ny);
        double werr = 0.0, gerr = 0.0, fd;
        size_t nl = 0, nu = 0;
        prob_f(&q, M, xm, ym, fm, gm);
        loss_must_open(&l, "mixed", kv, nx, ny, 1, &q.oc.table);
        loss_eval(&l, M, 1, xm, ym, ysm, NULL, lm, dm);
        for (i = 0; i < M; i++) {
            double ss = 0.0, want;
            for (k = 0; k < ny; k++) {
                double e = ym[i * ny + k] - ysm[i * ny + k];
                double gw = 0.5 * gm[i * ny + k] + (lab[i] ? 0.5 * e : 0.0);
                ss += e * e;
                worsen(&gerr, fabs(dm[i * ny + k] - gw));
            }
            want = 0.5 * fm[i] + (lab[i] ? 0.25 * ss : 0.0);
            worsen(&werr, fabs(lm[i] - want) / fmax(1.0, fabs(want)));
            nl += lab[i], nu += !lab[i];
        }
        if (!tap_ok(werr <= 1e-14 && gerr <= 1e-14 && nl > 0 && nu > 0,
                    "mixed (lambda 0.5, label_fraction 0.5): labelled rows get 0.5 (1/2 "
                    "|r|^2 + f), unlabelled 0.5 f; gradients likewise (1e-14)"))
            tap_diag("got: loss err %.3g, gradient err %.3g (%zu / %zu)", werr, gerr, nl, nu);
        fd = fd_all(&l, 20, 1, ny, xm, ym, ysm, dm); /* first 20 rows: a mix of both */
        if (!tap_ok(fd <= FD_RTOL, "mixed (lambda 0.5, label_fraction 0.5): gradients of "
                    "20 rows match central differences (err <= %g max(1, |d|))", FD_RTOL))
            tap_diag("got: worst relative error %.3g", fd);
        loss_close(&l);
        free(fm), free(gm), free(dm);
    }
    prob_close(&q);
    free(x), free(it), free(ys), free(lv), free(lv2), free(d), free(d2), free(f), free(g);
    free(xm), free(ym), free(ysm), free(lm), free(xrev), free(yrev), free(ysrev), free(lrev);
    free(lab);
}

/* ------------------------------------------------------------------------ */
/* zeroth_order                                                             */

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
static void zo_estimate(vprob *v, const char *const *kv, size_t n, size_t T,
                        const double *x0, const double *y0, uint64_t seed, double *est,
                        double *lv)
{
    size_t nx = v->q.nx, ny = v->q.ny, i, t;
    double *x = dalloc(n * nx), *it = dalloc(T * n * ny), *d = dalloc(T * n * ny);
    amor_rng rng;
    lossi l;
    for (i = 0; i < n; i++) {
        memcpy(x + i * nx, x0, nx * sizeof *x);
        for (t = 0; t < T; t++) memcpy(it + (t * n + i) * ny, y0, ny * sizeof *it);
    }
    for (i = 0; i < T * n * ny; i++) d[i] = NAN;
    amor_rng_seed(&rng, seed);
    loss_must_open(&l, "zeroth_order", kv, nx, ny, T, &v->oc.table);
    loss_eval(&l, n, T, x, it, NULL, &rng, lv, d);
    memcpy(est, d + (T - 1) * n * ny, n * ny * sizeof *est);
    if (T > 1 && max_abs(d, (T - 1) * n * ny) != 0.0)
        est[0] = NAN; /* earlier iterates must get exact zeros: poison the result */
    loss_close(&l);
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
    lossi l;
    char err[1024];
    int rc;

    vprob_open(&v);
    nx = v.q.nx;
    ny = v.q.ny;
    if (nx > 64 || ny > 64) {
        printf("Bail out! quadratic dim > 64\n");
        exit(1);
    }
    est = dalloc(N * ny), est2 = dalloc(N * ny), lv = dalloc(N), lv2 = dalloc(N);
    amor_rng_seed(&rng, 14);
    fill_normal(x0, nx, &rng);
    fill_normal(y0, ny, &rng);
    prob_f(&v.q, 1, x0, y0, &f0, gtrue); /* the real quadratic: A y0 - x0 */
    for (k = 0; k < ny; k++) {              /* tr A = sum_k 2 f(e_k; 0) */
        double e[64] = {0}, z[64] = {0}, fk;
        e[k] = 1.0;
        prob_f(&v.q, 1, z, e, &fk, NULL);
        trA += 2.0 * fk;
    }

    tap_ok(v.oc.table.value_grad == NULL && v.oc.table.hvp == NULL && v.oc.table.value,
           "zeroth_order: the test problem's oracle has values only");
    rc = loss_open(&l, "zeroth_order", NULL, nx, ny, 1, &v.oc.table, err, sizeof err);
    if (!tap_ok(rc == 0 && l.desc->needs == AMOR_NEEDS_VALUE &&
                    !strcmp(l.desc->head.version, "1.0"),
                "zeroth_order: version 1.0, needs values only, created on a problem "
                "without value_grad"))
        tap_diag("got: rc %d, needs %u, '%s'", rc, (unsigned)l.desc->needs, err);
    loss_close(&l);

    /* antithetic, report = value: the loss is f(y_hat), calls are 2S + 1 */
    {
        const char *kv[] = {"samples", "4096", NULL};
        uint64_t c0 = v.oc.value_calls;
        double lerr;
        zo_estimate(&v, kv, N, 1, x0, y0, 1, est, lv);
        e4096 = mean_rel_err(est, N, ny, gtrue);
        for (i = 0, lerr = 0.0; i < N; i++) worsen(&lerr, fabs(lv[i] - f0));
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
        const char *kv[] = {"samples", "16", NULL};
        zo_estimate(&v, kv, N, 1, x0, y0, 1, est, lv);
        e16 = mean_rel_err(est, N, ny, gtrue);
        if (!tap_ok(e16 > e4096 && e16 > 2.0 * e4096,
                    "zeroth_order: the error falls as samples grow (S = 16: %.3g > 2 x "
                    "S = 4096: %.3g)", e16, e4096))
            tap_diag("got: S = 16 %.3g, S = 4096 %.3g", e16, e4096);
        /* determinism */
        zo_estimate(&v, kv, N, 1, x0, y0, 1, est2, lv2);
        tap_ok(memcmp(est, est2, N * ny * sizeof *est) == 0 &&
                   memcmp(lv, lv2, N * sizeof *lv) == 0,
               "zeroth_order: the same rng seed gives bit-identical estimates");
        zo_estimate(&v, kv, N, 1, x0, y0, 2, est2, lv2);
        tap_ok(memcmp(est, est2, N * ny * sizeof *est) != 0,
               "zeroth_order: another rng seed gives other estimates");
    }
    {
        const char *kvb[] = {"samples", "4096", "antithetic", "false", NULL};
        const char *kvn[] = {"samples", "4096", "antithetic", "false", "baseline", "false",
                             NULL};
        zo_estimate(&v, kvb, N, 1, x0, y0, 3, est, lv);
        eb = mean_rel_err(est, N, ny, gtrue);
        if (!tap_ok(eb < 0.05, "zeroth_order (one-sided, baseline f(y), S = 4096): mean "
                    "estimate within 5%% of grad f"))
            tap_diag("got: relative error %.3g", eb);
        else
            tap_diag("relative error %.3g", eb);
        zo_estimate(&v, kvn, N, 1, x0, y0, 3, est, lv);
        enb = mean_rel_err(est, N, ny, gtrue);
        if (!tap_ok(enb > eb, "zeroth_order (one-sided): the baseline lowers the error "
                    "(without %.3g > with %.3g, same samples)", enb, eb))
            tap_diag("got: without %.3g, with %.3g", enb, eb);
    }
    /* report = smoothed: E f(y + sigma eps) = f(y) + sigma^2/2 tr A */
    {
        const char *kv[] = {"samples", "4096", "sigma", "0.3", "report", "smoothed", NULL};
        const char *kv1[] = {"samples", "4096", "sigma", "0.3", "report", "smoothed",
                             "antithetic", "false", NULL};
        double want = f0 + 0.5 * 0.09 * trA, m = 0.0, m1 = 0.0;
        zo_estimate(&v, kv, N, 1, x0, y0, 4, est, lv);
        for (i = 0; i < N; i++) m += lv[i] / N;
        zo_estimate(&v, kv1, N, 1, x0, y0, 4, est, lv);
        for (i = 0; i < N; i++) m1 += lv[i] / N;
        if (!tap_ok(fabs(m - want) <= 0.02 && fabs(m1 - want) <= 0.05,
                    "zeroth_order (report = smoothed, sigma 0.3): mean reported loss is "
                    "f(y) + sigma^2/2 tr A = %.4f (antithetic abs 0.02, one-sided abs 0.05; "
                    "f(y) = %.4f)", want, f0))
            tap_diag("got: antithetic %.6f, one-sided %.6f, want %.6f", m, m1, want);
    }
    /* T = 3: earlier iterates get exact zeros (zo_estimate poisons otherwise) */
    {
        const char *kv[] = {"samples", "64", NULL};
        double e;
        zo_estimate(&v, kv, N, 3, x0, y0, 5, est, lv);
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
        prob_f(&v.q, 2, x2, y2, f2, NULL);
        loss_must_open(&l, "zeroth_order", NULL, nx, ny, 1, &v.oc.table);
        amor_rng_seed(&r0, 9);
        r1 = r0;
        loss_eval(&l, 2, 1, x2, y2, NULL, &r0, lval, NULL);
        tap_ok(lval[0] == f2[0] && lval[1] == f2[1] && memcmp(&r0, &r1, sizeof r0) == 0,
               "zeroth_order: a value-only eval reports f(y_hat) and draws no random numbers");
        rc = l.desc->eval(l.inst, 2, 1, x2, y2, NULL, NULL, lval, est, err, sizeof err);
        if (!tap_ok(rc == AMOR_EINVAL && contains(err, "rng"),
                    "zeroth_order: a gradient request without an rng is refused"))
            tap_diag("got: rc %d, '%s'", rc, err);
        loss_close(&l);
    }
    vprob_close(&v);
    free(est), free(est2), free(lv), free(lv2);
}

int main(void)
{
    (void)tap_skip_all; /* tap.h helper this program does not need */
    test_regression_sum();
    test_objective_sum();
    test_mixed();
    test_zeroth_order();
    return tap_done();
}
