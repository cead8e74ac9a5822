/*
 * t_unroll.c -- TAP tests of the semi-amortized models `unroll_gd` and
 * `warmstart`: gradients through the unrolled steps against central
 * differences, the differentiation modes against each other and against
 * independent references, forward values against gradient descent written
 * here, oracle call counts, projection, and parameter errors.
 *
 * Tolerances: gradients vs central differences (h = 1e-6), max over theta of
 * |got - want| / max(1, |want|) <= 1e-5; identities between modes and
 * forward values vs the reference descent <= 1e-12 in the same relative
 * measure; "differs" means a max absolute difference > 1e-3.
 */
#include "tap.h"
#include "plugtest.h"

#include "oracle.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static const int64_t H5[] = {5};

static double *vec(size_t len) { return calloc(len ? len : 1, sizeof(double)); }

static void randn(double *p, size_t len, double s, amor_rng *r)
{
    size_t k;
    for (k = 0; k < len; k++) p[k] = s * amor_rng_normal(r);
}

/* max_k |a_k - b_k| / max(1, |b_k|); NaN wins. */
static double max_relerr(const double *a, const double *b, size_t len)
{
    double worst = 0.0;
    size_t k;
    for (k = 0; k < len; k++) {
        double e = fabs(a[k] - b[k]) / fmax(1.0, fabs(b[k]));
        if (!(e <= worst)) worst = e;
    }
    return worst;
}

static double max_absdiff(const double *a, const double *b, size_t len)
{
    double worst = 0.0;
    size_t k;
    for (k = 0; k < len; k++) {
        double e = fabs(a[k] - b[k]);
        if (!(e <= worst)) worst = e;
    }
    return worst;
}

/* ------------------------------------------------------------------------ */
/* Problems made in this test                                               */

static int tp_create(const amor_value *v, void **inst, char *err, size_t errlen)
{
    (void)v;
    *inst = malloc(1);
    return *inst ? 0 : amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
}

static void tp_destroy(void *inst) { free(inst); }

static int tp_sample(void *inst, amor_rng *rng, size_t n, double *x, char *err,
                     size_t errlen)
{
    size_t k;
    (void)inst, (void)err, (void)errlen;
    for (k = 0; k < 2 * n; k++) x[k] = amor_rng_normal(rng);
    return 0;
}

static void tp_dims2(const void *inst, size_t *nx, size_t *ny)
{
    (void)inst;
    *nx = 2;
    *ny = 2;
}

/* linear: f(y; x) = x'y (nx = ny = 2); gradient x, Hessian zero. */
static int lin_value(void *inst, size_t n, const double *x, const double *y,
                     double *f, char *err, size_t errlen)
{
    size_t i;
    (void)inst, (void)err, (void)errlen;
    for (i = 0; i < n; i++) f[i] = x[2 * i] * y[2 * i] + x[2 * i + 1] * y[2 * i + 1];
    return 0;
}

static int lin_value_grad(void *inst, size_t n, const double *x, const double *y,
                          double *f, double *g, char *err, size_t errlen)
{
    lin_value(inst, n, x, y, f, err, errlen);
    memcpy(g, x, 2 * n * sizeof *g);
    return 0;
}

static int lin_hvp(void *inst, size_t n, const double *x, const double *y,
                   const double *v, double *hv, char *err, size_t errlen)
{
    (void)inst, (void)x, (void)y, (void)v, (void)err, (void)errlen;
    memset(hv, 0, 2 * n * sizeof *hv);
    return 0;
}

static const amor_problem_desc lin_desc = {
    AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "t_linear", "1.0",
              "test: f = x'y", NULL, 0),
    tp_create, tp_destroy, tp_dims2, tp_sample, lin_value, lin_value_grad,
    lin_hvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};

/* box: f = sum_k 1/2 (y_k - 2 x_k)^2 + y_k^4 / 40 on C = [-1, 1]^2, with the
 * clamp as projection; unconstrained minimizers are often outside C. */
static int box_value_grad(void *inst, size_t n, const double *x, const double *y,
                          double *f, double *g, char *err, size_t errlen)
{
    size_t k;
    (void)inst, (void)err, (void)errlen;
    for (k = 0; k < n; k++) f[k] = 0;
    for (k = 0; k < 2 * n; k++) {
        double d = y[k] - 2 * x[k];
        f[k / 2] += 0.5 * d * d + y[k] * y[k] * y[k] * y[k] / 40;
        if (g) g[k] = d + y[k] * y[k] * y[k] / 10;
    }
    return 0;
}

static int box_value(void *inst, size_t n, const double *x, const double *y,
                     double *f, char *err, size_t errlen)
{
    return box_value_grad(inst, n, x, y, f, NULL, err, errlen);
}

static int box_hvp(void *inst, size_t n, const double *x, const double *y,
                   const double *v, double *hv, char *err, size_t errlen)
{
    size_t k;
    (void)inst, (void)x, (void)err, (void)errlen;
    for (k = 0; k < 2 * n; k++) hv[k] = (1 + 0.3 * y[k] * y[k]) * v[k];
    return 0;
}

static int box_project(void *inst, size_t n, const double *x, double *y,
                       char *err, size_t errlen)
{
    size_t k;
    (void)inst, (void)x, (void)err, (void)errlen;
    for (k = 0; k < 2 * n; k++) y[k] = fmin(1.0, fmax(-1.0, y[k]));
    return 0;
}

static int box_project_vjp(void *inst, size_t n, const double *x, const double *y,
                           const double *gout, double *gin, char *err, size_t errlen)
{
    size_t k;
    (void)inst, (void)x, (void)err, (void)errlen;
    for (k = 0; k < 2 * n; k++) gin[k] = fabs(y[k]) < 1.0 ? gout[k] : 0.0;
    return 0;
}

static const amor_problem_desc box_desc = {
    AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "t_box", "1.0",
              "test: separable quartic on the box [-1, 1]^2", NULL, 0),
    tp_create, tp_destroy, tp_dims2, tp_sample, box_value, box_value_grad,
    box_hvp, NULL, box_project, box_project_vjp, NULL, NULL, NULL, NULL,
};

/* ------------------------------------------------------------------------ */
/* Problem instances behind an oracle.  `copy` is the descriptor the oracle  */
/* sees, so a test can drop capabilities (hvp = NULL, ...) before wrapping.  */
/* A prob must not move after prob_wrap (the oracle points into it).        */

typedef struct prob {
    amor_problem_desc copy;
    void *inst;
    oracle_ctx oc;
    size_t nx, ny;
} prob;

static void prob_from(prob *p, const amor_problem_desc *d, const amor_value *values)
{
    char err[512] = "";
    memset(p, 0, sizeof *p);
    p->copy = *d;
    pt_must(d->create(values, &p->inst, err, sizeof err), d->head.name, err);
    d->dims(p->inst, &p->nx, &p->ny);
}

/* A loaded problem: quadratic (dim 3, cond 5), rosenbrock (b in [1, 2]),
 * anything else with defaults. */
static void prob_load(prob *p, const char *name)
{
    const amor_plugin_head *h = pt_find(AMOR_KIND_PROBLEM, name);
    params_set ps = pt_params(h);
    char err[512] = "";
    if (!strcmp(name, "quadratic")) {
        pt_must(params_set_int(&ps, "dim", 3, err, sizeof err), "dim", err);
        pt_must(params_set_real(&ps, "cond", 5, err, sizeof err), "cond", err);
    } else if (!strcmp(name, "rosenbrock")) {
        pt_must(params_set_real(&ps, "b_max", 2, err, sizeof err), "b_max", err);
    }
    prob_from(p, (const amor_problem_desc *)h, ps.values);
    params_free(&ps);
}

static void prob_wrap(prob *p) { pt_must(oracle_init(&p->oc, &p->copy, p->inst), "oracle_init", ""); }

static void prob_close(prob *p)
{
    oracle_free(&p->oc);
    p->copy.destroy(p->inst);
}

static void prob_sample(prob *p, uint64_t seed, size_t n, double *x)
{
    char err[256] = "";
    amor_rng r;
    amor_rng_seed(&r, seed);
    pt_must(p->copy.sample(p->inst, &r, n, x, err, sizeof err), "sample", err);
}

static void reset_counts(prob *p)
{
    p->oc.value_calls = p->oc.grad_calls = p->oc.hvp_calls = 0;
}

/* ------------------------------------------------------------------------ */
/* Model instances                                                          */

typedef struct setting {
    const char *name;
    char type; /* s string, i int, r real, b bool, l int list */
    const char *s;
    double v;
    const int64_t *list;
    size_t len;
} setting;

#define STR(n, x) {(n), 's', (x), 0, NULL, 0}
#define INT(n, x) {(n), 'i', NULL, (x), NULL, 0}
#define REAL(n, x) {(n), 'r', NULL, (x), NULL, 0}
#define BOOL(n, x) {(n), 'b', NULL, (x), NULL, 0}
#define LIST(n, a) {(n), 'l', NULL, 0, (a), LEN(a)}

typedef struct model {
    const amor_model_desc *d;
    void *m;
    size_t nx, ny, np, T;
    amor_env env;
} model;

static int apply(params_set *ps, const setting *s, char *err, size_t errlen)
{
    switch (s->type) {
    case 's': return params_set_string(ps, s->name, s->s, err, errlen);
    case 'i': return params_set_int(ps, s->name, (int64_t)s->v, err, errlen);
    case 'r': return params_set_real(ps, s->name, s->v, err, errlen);
    case 'b': return params_set_bool(ps, s->name, (int)s->v, err, errlen);
    default: return params_set_list(ps, s->name, s->list, s->len, err, errlen);
    }
}

/* Create model `name` on the oracle `o` (nx, ny); returns the create status.
 * A model must not move while it lives (env is kept by address). */
static int model_make(model *mo, const char *name, const amor_oracle *o, size_t nx,
                      size_t ny, const setting *set, size_t nset, char *err,
                      size_t errlen)
{
    const amor_plugin_head *h = pt_find(AMOR_KIND_MODEL, name);
    params_set ps = pt_params(h);
    size_t k;
    int rc = 0;
    memset(mo, 0, sizeof *mo);
    mo->d = (const amor_model_desc *)h;
    mo->nx = nx;
    mo->ny = ny;
    mo->env = (amor_env){sizeof(amor_env), 0, nx, ny, 0, o};
    for (k = 0; k < nset && !rc; k++) rc = apply(&ps, &set[k], err, errlen);
    if (!rc) rc = mo->d->create(ps.values, &mo->env, &mo->m, err, errlen);
    params_free(&ps);
    if (!rc) {
        mo->np = mo->d->num_params(mo->m);
        mo->T = mo->d->num_iterates(mo->m);
    } else {
        mo->m = NULL;
    }
    return rc;
}

static void model_must(model *mo, const char *name, prob *p, const setting *set,
                       size_t nset)
{
    char err[512] = "";
    pt_must(model_make(mo, name, &p->oc.table, p->nx, p->ny, set, nset, err, sizeof err),
            name, err);
}

static void model_free(model *mo)
{
    if (mo->m) mo->d->destroy(mo->m);
    mo->m = NULL;
}

static void *ws_for(const model *mo, size_t n)
{
    size_t bytes = mo->d->workspace_size(mo->m, n);
    return aligned_alloc(64, ((bytes ? bytes : 1) + 63) / 64 * 64);
}

/* theta from init, perturbed by N(0, s^2) so nothing sits at a symmetric
 * point. */
static double *theta_for(const model *mo, uint64_t seed, double s)
{
    double *th = vec(mo->np);
    char err[256] = "";
    amor_rng r;
    size_t k;
    amor_rng_seed(&r, seed);
    pt_must(mo->d->init(mo->m, &r, th, err, sizeof err), "init", err);
    for (k = 0; k < mo->np; k++) th[k] += s * amor_rng_normal(&r);
    return th;
}

static void fwd(const model *mo, const double *th, size_t n, const double *x,
                double *it, void *ws, unsigned flags)
{
    char err[256] = "";
    pt_must(mo->d->forward(mo->m, th, n, x, it, ws, flags, err, sizeof err), "forward", err);
}

/* g (np) += dL/dtheta of L = sum G .* iterates, after a training forward. */
static void grad_of(const model *mo, const double *th, size_t n, const double *x,
                    const double *G, double *g, void *ws)
{
    char err[256] = "";
    double *it = vec(mo->T * n * mo->ny);
    fwd(mo, th, n, x, it, ws, AMOR_FORWARD_TRAIN);
    pt_must(mo->d->backward(mo->m, th, n, x, G, g, ws, err, sizeof err), "backward", err);
    free(it);
}

typedef struct fd_ctx {
    const model *mo;
    size_t n;
    const double *x, *G; /* (n, nx), (T, n, ny) */
    double *it;          /* (T, n, ny) */
    void *ws;
    unsigned flags;
} fd_ctx;

static double fd_loss(void *ctx, const double *th)
{
    fd_ctx *c = ctx;
    size_t k, len = c->mo->T * c->n * c->mo->ny;
    double s = 0;
    fwd(c->mo, th, c->n, c->x, c->it, c->ws, c->flags);
    for (k = 0; k < len; k++) s += c->G[k] * c->it[k];
    return s;
}

/* Max relative error of backward against central differences of
 * sum_t G_t . y^t(theta), random G on every iterate; contexts from p. */
static double grad_vs_fd(const model *mo, prob *p, size_t n, uint64_t seed,
                         unsigned fd_flags)
{
    amor_rng r;
    double *th = theta_for(mo, seed, 0.1), *g = vec(mo->np), *fd = vec(mo->np);
    double *x = vec(n * mo->nx), *G = vec(mo->T * n * mo->ny), *it = vec(mo->T * n * mo->ny);
    void *ws = ws_for(mo, n);
    fd_ctx c = {mo, n, x, G, it, ws, fd_flags};
    double e;
    size_t k;
    prob_sample(p, seed + 1, n, x);
    amor_rng_seed(&r, seed + 2);
    randn(G, mo->T * n * mo->ny, 1.0, &r);
    grad_of(mo, th, n, x, G, g, ws);
    pt_fd_grad(fd_loss, &c, th, mo->np, 1e-6, fd);
    e = max_relerr(g, fd, mo->np);
    if (!(e <= 1e-5))
        for (k = 0; k < mo->np && k < 12; k++)
            tap_diag("theta[%zu]: got: %.12g  want: %.12g", k, g[k], fd[k]);
    free(th), free(g), free(fd), free(x), free(G), free(it), free(ws);
    return e;
}

/* Settings of an unroll_gd instance (hidden {5} is ignored by init =
 * constant).  Returns the count written to s (<= 8). */
static size_t ugd_set(setting *s, const char *init, int K, double step0, int learn,
                      const char *grad, int window)
{
    size_t k = 0;
    s[k++] = (setting)STR("init", init);
    s[k++] = (setting)LIST("hidden", H5);
    s[k++] = (setting)INT("steps", K);
    s[k++] = (setting)REAL("step0", step0);
    s[k++] = (setting)BOOL("learn_steps", learn);
    s[k++] = (setting)STR("grad", grad);
    s[k++] = (setting)INT("window", window);
    return k;
}

/* Reference descent: out (K + 1, n, ny) with out[0] = y0 and
 * out[t] = out[t-1] - alpha[t-1] grad f, gradients from the problem itself
 * (not through the oracle). */
static void ref_gd(prob *p, size_t n, const double *x, const double *y0,
                   const double *alpha, size_t K, double *out)
{
    size_t len = n * p->ny, t, k;
    double *f = vec(n), *g = vec(len);
    char err[256] = "";
    memcpy(out, y0, len * sizeof *out);
    for (t = 1; t <= K; t++) {
        pt_must(p->copy.value_grad(p->inst, n, x, out + (t - 1) * len, f, g, err,
                                   sizeof err), "value_grad", err);
        for (k = 0; k < len; k++)
            out[t * len + k] = out[(t - 1) * len + k] - alpha[t - 1] * g[k];
    }
    free(f), free(g);
}

/* ------------------------------------------------------------------------ */
/* Checks                                                                   */

static void test_layout(void)
{
    prob p;
    model mo;
    setting s[8];
    const amor_model_desc *u = (const amor_model_desc *)pt_find(AMOR_KIND_MODEL, "unroll_gd");
    const amor_model_desc *w = (const amor_model_desc *)pt_find(AMOR_KIND_MODEL, "warmstart");
    size_t mlp_np = 5 * 3 + 5 + 3 * 5 + 3; /* 3 -> 5 -> 3 */
    int ok = 1;
    prob_load(&p, "quadratic");
    prob_wrap(&p);
    model_must(&mo, "unroll_gd", &p, s, ugd_set(s, "constant", 4, 0.1, 1, "exact", 1));
    ok = ok && mo.np == 3 + 4 && mo.T == 5;
    model_free(&mo);
    model_must(&mo, "unroll_gd", &p, s, ugd_set(s, "constant", 4, 0.1, 0, "exact", 1));
    ok = ok && mo.np == 3 && mo.T == 5;
    model_free(&mo);
    model_must(&mo, "unroll_gd", &p, s, ugd_set(s, "mlp", 4, 0.1, 1, "exact", 1));
    ok = ok && mo.np == mlp_np + 4 && mo.T == 5;
    model_free(&mo);
    model_must(&mo, "unroll_gd", &p, s, ugd_set(s, "mlp", 0, 0.1, 1, "exact", 1));
    ok = ok && mo.np == mlp_np && mo.T == 1;
    model_free(&mo);
    tap_ok(ok && u->needs == AMOR_NEEDS_GRAD,
           "unroll_gd: needs GRAD; theta = init (ny or MLP) + K log step sizes "
           "(none without learn_steps); T = K + 1");
    {
        setting ws[] = {LIST("hidden", H5), INT("steps", 4)};
        model_must(&mo, "warmstart", &p, ws, LEN(ws));
        ok = mo.np == mlp_np && mo.T == 5;
        model_free(&mo);
    }
    tap_ok(ok && w->needs == AMOR_NEEDS_GRAD,
           "warmstart: needs GRAD; theta = the MLP; T = K + 1");
    prob_close(&p);
}

/* grad = exact against central differences on three problems, init x
 * learn_steps. */
static void test_grad_exact(void)
{
    static const struct {
        const char *name;
        double step0;
    } probs[] = {{"quadratic", 0.1}, {"rosenbrock", 0.02}, {"tutorial1d", 20.0}};
    static const char *const inits[] = {"constant", "mlp"};
    size_t a, b;
    int learn;
    for (a = 0; a < LEN(probs); a++) {
        prob p;
        prob_load(&p, probs[a].name);
        prob_wrap(&p);
        for (b = 0; b < LEN(inits); b++)
            for (learn = 1; learn >= 0; learn--) {
                model mo;
                setting s[8];
                double e;
                model_must(&mo, "unroll_gd", &p, s,
                           ugd_set(s, inits[b], 3, probs[a].step0, learn, "exact", 1));
                e = grad_vs_fd(&mo, &p, 4, 100 + 10 * a + 2 * b + (size_t)learn, 0);
                tap_ok(e <= 1e-5, "unroll_gd exact on %s, init %s, learn_steps %s, K 3: "
                       "backward = central differences over %zu params (max rel err "
                       "%.2g <= 1e-5)", probs[a].name, inits[b], learn ? "true" : "false",
                       mo.np, e);
                model_free(&mo);
            }
        prob_close(&p);
    }
}

/* Backward accumulates into dtheta. */
static void test_accumulate(void)
{
    const size_t n = 4;
    prob p;
    model mo;
    setting s[8];
    double *th, *g1, *g2, *pre, *want, *x, *G, e1, e2;
    void *ws;
    amor_rng r;
    size_t k;
    prob_load(&p, "rosenbrock");
    prob_wrap(&p);
    model_must(&mo, "unroll_gd", &p, s, ugd_set(s, "mlp", 3, 0.02, 1, "exact", 1));
    th = theta_for(&mo, 7, 0.1);
    g1 = vec(mo.np), g2 = vec(mo.np), pre = vec(mo.np), want = vec(mo.np);
    x = vec(n * p.nx), G = vec(mo.T * n * p.ny);
    ws = ws_for(&mo, n);
    prob_sample(&p, 8, n, x);
    amor_rng_seed(&r, 9);
    randn(G, mo.T * n * p.ny, 1, &r);
    randn(pre, mo.np, 1, &r);
    for (k = 0; k < mo.np; k++) want[k] = pre[k];
    grad_of(&mo, th, n, x, G, g1, ws);
    grad_of(&mo, th, n, x, G, g2, ws);
    grad_of(&mo, th, n, x, G, g2, ws);
    grad_of(&mo, th, n, x, G, pre, ws);
    for (k = 0; k < mo.np; k++) want[k] += g1[k];
    e1 = max_relerr(pre, want, mo.np);
    for (k = 0; k < mo.np; k++) want[k] = 2 * g1[k];
    e2 = max_relerr(g2, want, mo.np);
    tap_ok(e1 <= 1e-14 && e2 <= 1e-14,
           "unroll_gd: backward adds to a non-zero dtheta (rel err %.2g) and two "
           "backward calls accumulate twice the gradient (rel err %.2g)", e1, e2);
    free(th), free(g1), free(g2), free(pre), free(want), free(x), free(G), free(ws);
    model_free(&mo);
    prob_close(&p);
}

/* Gradient of one unroll_gd configuration on given x and G. */
static double *ugd_grad(prob *p, const setting *s, size_t ns, const double *th,
                        size_t n, const double *x, const double *G, size_t *np)
{
    model mo;
    double *g;
    void *ws;
    model_must(&mo, "unroll_gd", p, s, ns);
    g = vec(mo.np);
    ws = ws_for(&mo, n);
    grad_of(&mo, th, n, x, G, g, ws);
    *np = mo.np;
    free(ws);
    model_free(&mo);
    return g;
}

static void test_modes(void)
{
    const size_t n = 5, K = 4;
    prob p, lp;
    model mo;
    setting s[8];
    double *th, *x, *G, *ge, *gf, *gt, e;
    size_t np, k;
    amor_rng r;

    prob_load(&p, "quadratic");
    prob_wrap(&p);
    model_must(&mo, "unroll_gd", &p, s, ugd_set(s, "mlp", (int)K, 0.1, 1, "exact", 1));
    th = theta_for(&mo, 21, 0.1);
    model_free(&mo);
    x = vec(n * p.nx), G = vec((K + 1) * n * p.ny);
    prob_sample(&p, 22, n, x);
    amor_rng_seed(&r, 23);
    randn(G, (K + 1) * n * p.ny, 1, &r);
    ge = ugd_grad(&p, s, ugd_set(s, "mlp", (int)K, 0.1, 1, "exact", 1), th, n, x, G, &np);
    gt = ugd_grad(&p, s, ugd_set(s, "mlp", (int)K, 0.1, 1, "truncated", (int)K), th, n, x, G, &np);
    gf = ugd_grad(&p, s, ugd_set(s, "mlp", (int)K, 0.1, 1, "first_order", 1), th, n, x, G, &np);
    e = max_relerr(gt, ge, np);
    tap_ok(e <= 1e-12, "quadratic, init mlp, K 4: truncated with window = K equals "
           "exact (max rel err %.2g <= 1e-12)", e);
    e = max_absdiff(gf, ge, np);
    tap_ok(e > 1e-3, "quadratic: first_order differs from exact (max abs diff %.3g > 1e-3)", e);
    free(ge), free(gt), free(gf), free(th), free(x), free(G);

    /* first_order with init constant and no projection: dL/dy0 = sum_t G_t */
    model_must(&mo, "unroll_gd", &p, s, ugd_set(s, "constant", (int)K, 0.1, 1, "first_order", 1));
    th = theta_for(&mo, 24, 0.1);
    model_free(&mo);
    x = vec(n * p.nx), G = vec((K + 1) * n * p.ny);
    prob_sample(&p, 25, n, x);
    randn(G, (K + 1) * n * p.ny, 1, &r);
    gf = ugd_grad(&p, s, ugd_set(s, "constant", (int)K, 0.1, 1, "first_order", 1), th, n,
                  x, G, &np);
    {
        double want[3] = {0, 0, 0};
        for (k = 0; k < (K + 1) * n * p.ny; k++) want[k % 3] += G[k];
        e = max_relerr(gf, want, 3);
        tap_ok(e <= 1e-12, "quadratic, first_order, init constant: d theta_y0 = sum over "
               "iterates and contexts of G (max rel err %.2g)", e);
    }
    free(gf), free(th), free(x), free(G);

    /* Hessian zero: first_order == exact */
    prob_from(&lp, &lin_desc, NULL);
    prob_wrap(&lp);
    model_must(&mo, "unroll_gd", &lp, s, ugd_set(s, "mlp", (int)K, 0.1, 1, "exact", 1));
    th = theta_for(&mo, 26, 0.1);
    model_free(&mo);
    x = vec(n * lp.nx), G = vec((K + 1) * n * lp.ny);
    prob_sample(&lp, 27, n, x);
    randn(G, (K + 1) * n * lp.ny, 1, &r);
    ge = ugd_grad(&lp, s, ugd_set(s, "mlp", (int)K, 0.1, 1, "exact", 1), th, n, x, G, &np);
    gf = ugd_grad(&lp, s, ugd_set(s, "mlp", (int)K, 0.1, 1, "first_order", 1), th, n, x,
                  G, &np);
    e = max_relerr(gf, ge, np);
    tap_ok(e <= 1e-12,
           "f = x'y (zero Hessian), in-test problem: first_order equals exact "
           "(max rel err %.2g <= 1e-12)", e);
    free(ge), free(gf), free(th), free(x), free(G);
    prob_close(&lp);
    prob_close(&p);
}

/* truncated(W < K) is the exact gradient of the model whose step c = K - W
 * starts from a detached y^{c-1}: checked per context against a constant-
 * init unroll_gd of W + 1 steps started at that y^{c-1} with step sizes
 * alpha_c .. alpha_K (exact mode); the init and alpha_1 .. alpha_{c-1} get
 * exactly zero. */
static void test_truncated(void)
{
    const size_t n = 3, K = 5, W = 2, c = K - W;
    prob p;
    model mt, tail;
    setting s[8];
    double *th, *x, *G, *it, *gt, *want, e;
    void *ws;
    size_t i, t, k, ny, ninit;
    amor_rng r;
    int zeros = 1;

    prob_load(&p, "rosenbrock");
    prob_wrap(&p);
    ny = p.ny;
    model_must(&mt, "unroll_gd", &p, s, ugd_set(s, "mlp", (int)K, 0.02, 1, "truncated", (int)W));
    ninit = mt.np - K;
    th = theta_for(&mt, 31, 0.3);
    x = vec(n * p.nx), G = vec((K + 1) * n * ny), it = vec((K + 1) * n * ny);
    gt = vec(mt.np), want = vec(K);
    ws = ws_for(&mt, n);
    prob_sample(&p, 32, n, x);
    amor_rng_seed(&r, 33);
    randn(G, (K + 1) * n * ny, 1, &r);
    grad_of(&mt, th, n, x, G, gt, ws);
    fwd(&mt, th, n, x, it, ws, 0);
    free(ws);

    model_must(&tail, "unroll_gd", &p, s, ugd_set(s, "constant", (int)(W + 1), 0.02, 1,
                                                  "exact", 1));
    for (i = 0; i < n; i++) {
        double *tth = vec(tail.np), *tg = vec(tail.np), *tG = vec((W + 2) * ny);
        void *tws = ws_for(&tail, 1);
        memcpy(tth, it + ((c - 1) * n + i) * ny, ny * sizeof *tth); /* y^{c-1}_i */
        memcpy(tth + ny, th + ninit + c - 1, (W + 1) * sizeof *tth); /* log alpha_c.. */
        for (t = c; t <= K; t++) /* tail iterate t - c + 1 is y^t */
            memcpy(tG + (t - c + 1) * ny, G + (t * n + i) * ny, ny * sizeof *tG);
        grad_of(&tail, tth, 1, x + i * p.nx, tG, tg, tws);
        for (t = c; t <= K; t++) want[t - 1] += tg[ny + t - c];
        free(tth), free(tg), free(tG), free(tws);
    }
    for (k = 0; k < ninit + c - 1; k++) zeros = zeros && gt[k] == 0.0;
    e = max_relerr(gt + ninit + c - 1, want + c - 1, W + 1);
    tap_ok(zeros && e <= 1e-12 && fabs(want[K - 1]) > 0,
           "rosenbrock, K 5, truncated window 2: init and alpha_1..alpha_2 get exactly 0, "
           "alpha_3..alpha_5 the exact gradient of a 3-step model started at a "
           "detached y^2 (max rel err %.2g <= 1e-12)", e);
    model_free(&tail);
    model_free(&mt);
    free(th), free(x), free(G), free(it), free(gt), free(want);
    prob_close(&p);
}

static void test_forward_values(void)
{
    const size_t n = 6, K = 4;
    prob p;
    model mo, ref;
    setting s[8];
    double *th, *x, *it, *it2, *want, alpha[4];
    void *ws;
    size_t i, k, len;
    int ok;
    char err[256] = "";

    prob_load(&p, "quadratic");
    prob_wrap(&p);
    len = n * p.ny;
    x = vec(n * p.nx), it = vec((K + 1) * len), it2 = vec((K + 1) * len),
    want = vec((K + 1) * len);
    prob_sample(&p, 41, n, x);

    /* K = 0, constant: every row is theta */
    model_must(&mo, "unroll_gd", &p, s, ugd_set(s, "constant", 0, 0.1, 1, "exact", 1));
    th = theta_for(&mo, 42, 1.0);
    ws = ws_for(&mo, n);
    fwd(&mo, th, n, x, it, ws, 0);
    ok = mo.T == 1 && mo.np == p.ny;
    for (i = 0; i < n; i++)
        for (k = 0; k < p.ny; k++) ok = ok && it[i * p.ny + k] == th[k];
    tap_ok(ok, "unroll_gd K 0, init constant: T 1, forward = the learned constant");
    free(th), free(ws);
    model_free(&mo);

    /* K = 0, mlp: the `mlp` model with the same theta */
    model_must(&mo, "unroll_gd", &p, s, ugd_set(s, "mlp", 0, 0.1, 1, "exact", 1));
    {
        setting ms[] = {LIST("hidden", H5)};
        pt_must(model_make(&ref, "mlp", &pt_no_oracle, p.nx, p.ny, ms, LEN(ms), err,
                           sizeof err), "mlp", err);
    }
    th = theta_for(&mo, 43, 0.3);
    ws = ws_for(&mo, n);
    fwd(&mo, th, n, x, it, ws, 0);
    free(ws);
    ws = ws_for(&ref, n);
    fwd(&ref, th, n, x, want, ws, 0);
    free(ws);
    tap_ok(ref.np == mo.np && max_absdiff(it, want, len) == 0.0,
           "unroll_gd K 0, init mlp: forward = the mlp model with the same theta (bit for bit)");
    free(th);
    model_free(&mo);
    model_free(&ref);

    /* learn_steps = false: plain gradient descent with step0 */
    model_must(&mo, "unroll_gd", &p, s, ugd_set(s, "constant", (int)K, 0.15, 0, "exact", 1));
    th = theta_for(&mo, 44, 1.0);
    ws = ws_for(&mo, n);
    fwd(&mo, th, n, x, it, ws, 0);
    fwd(&mo, th, n, x, it2, ws, AMOR_FORWARD_TRAIN);
    for (k = 0; k < K; k++) alpha[k] = 0.15;
    for (i = 0; i < n; i++) memcpy(want + i * p.ny, th, p.ny * sizeof *want);
    ref_gd(&p, n, x, want, alpha, K, want);
    {
        double e = max_relerr(it, want, (K + 1) * len);
        tap_ok(e <= 1e-12 && max_absdiff(it, it2, (K + 1) * len) == 0.0 &&
               max_absdiff(it + K * len, it, len) > 1e-3,
               "unroll_gd learn_steps false, init constant, K 4: every iterate = "
               "gradient descent y <- y - 0.15 grad f from the problem's value_grad "
               "(max rel err %.2g <= 1e-12); training forward identical", e);
    }
    free(th), free(ws);
    model_free(&mo);

    /* learn_steps = true: alpha_t = exp(theta[ny + t - 1]) */
    model_must(&mo, "unroll_gd", &p, s, ugd_set(s, "constant", (int)K, 0.1, 1, "exact", 1));
    th = theta_for(&mo, 45, 1.0);
    for (k = 0; k < K; k++) alpha[k] = 0.05 * (double)(k + 1), th[p.ny + k] = log(alpha[k]);
    ws = ws_for(&mo, n);
    fwd(&mo, th, n, x, it, ws, 0);
    for (i = 0; i < n; i++) memcpy(want + i * p.ny, th, p.ny * sizeof *want);
    ref_gd(&p, n, x, want, alpha, K, want);
    {
        double e = max_relerr(it, want, (K + 1) * len);
        tap_ok(e <= 1e-12, "unroll_gd learn_steps true: step t uses exp(theta[ny + t - 1]) "
               "(steps 0.05, 0.1, 0.15, 0.2; max rel err %.2g <= 1e-12)", e);
    }
    free(th), free(ws);
    model_free(&mo);
    free(x), free(it), free(it2), free(want);
    prob_close(&p);
}

/* Problems without hvp: the oracle's finite-difference fallback. */
static void test_fd_hvp(void)
{
    static const char *const names[] = {"quadratic", "rosenbrock"};
    size_t a;
    for (a = 0; a < LEN(names); a++) {
        prob p;
        model mo;
        setting s[8];
        double e;
        int before;
        prob_load(&p, names[a]);
        p.copy.hvp = NULL;
        prob_wrap(&p);
        model_must(&mo, "unroll_gd", &p, s,
                   ugd_set(s, "mlp", 3, a ? 0.02 : 0.1, 1, "exact", 1));
        before = p.oc.fd_hvp_used;
        e = grad_vs_fd(&mo, &p, 4, 50 + a, 0);
        tap_ok(p.oc.fd_hvp && !before && p.oc.fd_hvp_used && e <= 1e-5,
               "%s without hvp: the oracle's finite-difference HVP is used and the "
               "exact-mode gradient = central differences (max rel err %.2g <= 1e-5)",
               names[a], e);
        model_free(&mo);
        prob_close(&p);
    }
}

static void test_counts(void)
{
    const size_t n = 7, K = 3;
    prob p;
    setting s[8];
    static const struct {
        const char *grad;
        int window;
        size_t hvps; /* per context in backward */
    } modes[] = {{"exact", 1, 3}, {"first_order", 1, 0}, {"truncated", 1, 1},
                 {"truncated", 2, 2}};
    size_t a;
    prob_load(&p, "quadratic");
    prob_wrap(&p);
    for (a = 0; a < LEN(modes); a++) {
        model mo;
        double *th, *x, *G, *g, *it;
        void *ws;
        char err[256] = "";
        uint64_t gf, hf, gb, hb, ge, vc;
        model_must(&mo, "unroll_gd", &p, s,
                   ugd_set(s, "mlp", (int)K, 0.1, 1, modes[a].grad, modes[a].window));
        th = theta_for(&mo, 60, 0.1), g = vec(mo.np);
        x = vec(n * p.nx), G = vec(mo.T * n * p.ny), it = vec(mo.T * n * p.ny);
        ws = ws_for(&mo, n);
        prob_sample(&p, 61, n, x);
        for (size_t k = 0; k < mo.T * n * p.ny; k++) G[k] = 1.0;
        reset_counts(&p);
        fwd(&mo, th, n, x, it, ws, AMOR_FORWARD_TRAIN);
        gf = p.oc.grad_calls, hf = p.oc.hvp_calls;
        pt_must(mo.d->backward(mo.m, th, n, x, G, g, ws, err, sizeof err), "backward", err);
        gb = p.oc.grad_calls - gf, hb = p.oc.hvp_calls - hf;
        fwd(&mo, th, n, x, it, ws, 0);
        ge = p.oc.grad_calls - gf - gb;
        vc = p.oc.value_calls;
        if (!tap_ok(gf == K * n && hf == 0 && gb == 0 && hb == modes[a].hvps * n &&
                    ge == K * n && vc == 0,
                    "oracle counts, %s window %d, K 3, n 7: training forward %llu "
                    "gradients (want 21), backward %llu HVPs (want %zu), evaluation "
                    "forward %llu gradients", modes[a].grad, modes[a].window,
                    (unsigned long long)gf, (unsigned long long)hb, modes[a].hvps * n,
                    (unsigned long long)ge))
            tap_diag("got: hvp in forward %llu, gradients in backward %llu, values %llu",
                     (unsigned long long)hf, (unsigned long long)gb,
                     (unsigned long long)vc);
        free(th), free(g), free(x), free(G), free(it), free(ws);
        model_free(&mo);
    }
    prob_close(&p);
}

/* Box-constrained in-test problem: projected steps and project_vjp. */
static void test_projection(void)
{
    const size_t n = 8, K = 3;
    prob p, q;
    model mo;
    setting s[9];
    double *th, *x, *it, e;
    void *ws;
    size_t k, ns, on_edge = 0, outside = 0, len;
    int inside = 1, rc;
    char err[512] = "";

    prob_from(&p, &box_desc, NULL);
    prob_wrap(&p);
    len = n * p.ny;
    ns = ugd_set(s, "mlp", (int)K, 0.3, 1, "exact", 1);
    model_must(&mo, "unroll_gd", &p, s, ns);
    e = grad_vs_fd(&mo, &p, n, 70, 0);
    th = theta_for(&mo, 71, 0.1);
    x = vec(n * p.nx), it = vec((K + 1) * len);
    ws = ws_for(&mo, n);
    prob_sample(&p, 72, n, x);
    fwd(&mo, th, n, x, it, ws, 0);
    for (k = len; k < (K + 1) * len; k++) {
        inside = inside && fabs(it[k]) <= 1.0;
        on_edge += fabs(it[k]) == 1.0;
    }
    tap_ok(inside && on_edge > 0 && on_edge < K * len && e <= 1e-5,
           "box problem (in test), exact, K 3: steps stay in [-1, 1]^2 (%zu of %zu "
           "coordinates on the boundary), gradient through project_vjp = central "
           "differences (max rel err %.2g <= 1e-5)", on_edge, K * len, e);
    free(ws);
    model_free(&mo);

    s[ns++] = (setting)BOOL("project", 0);
    model_must(&mo, "unroll_gd", &p, s, ns);
    ws = ws_for(&mo, n);
    fwd(&mo, th, n, x, it, ws, 0);
    for (k = len; k < (K + 1) * len; k++) outside += fabs(it[k]) > 1.0;
    tap_ok(outside > 0, "box problem, project = false: the projection is not applied "
           "(%zu coordinates outside the box)", outside);
    free(ws);
    model_free(&mo);
    free(th), free(x), free(it);

    /* a projection without its VJP */
    prob_from(&q, &box_desc, NULL);
    q.copy.project_vjp = NULL;
    prob_wrap(&q);
    ns = ugd_set(s, "mlp", (int)K, 0.3, 1, "first_order", 1);
    rc = model_make(&mo, "unroll_gd", &q.oc.table, q.nx, q.ny, s, ns, err, sizeof err);
    {
        int refused = rc == AMOR_ENOTSUP && strstr(err, "project_vjp") != NULL;
        s[ns++] = (setting)BOOL("project", 0);
        rc = model_make(&mo, "unroll_gd", &q.oc.table, q.nx, q.ny, s, ns, err, sizeof err);
        tap_ok(refused && rc == 0, "a problem with project but no project_vjp: refused at "
               "create (message names project_vjp); accepted with project = false");
        if (!rc) model_free(&mo);
    }
    prob_close(&q);
    prob_close(&p);
}

static void test_warmstart(void)
{
    const size_t n = 6, K = 4;
    prob p, b;
    model mo, ref;
    setting ws_set[] = {LIST("hidden", H5), INT("steps", (int)K), REAL("step_size", 0.2)};
    double *th, *x, *it, *want, alpha[4];
    void *ws;
    size_t t, k, len;
    char err[256] = "";
    int same = 1;
    double e;

    prob_load(&p, "quadratic");
    prob_wrap(&p);
    len = n * p.ny;
    model_must(&mo, "warmstart", &p, ws_set, LEN(ws_set));
    {
        setting ms[] = {LIST("hidden", H5)};
        pt_must(model_make(&ref, "mlp", &pt_no_oracle, p.nx, p.ny, ms, LEN(ms), err,
                           sizeof err), "mlp", err);
    }
    th = theta_for(&mo, 80, 0.3);
    x = vec(n * p.nx), it = vec((K + 1) * len), want = vec((K + 1) * len);
    prob_sample(&p, 81, n, x);
    ws = ws_for(&ref, n);
    fwd(&ref, th, n, x, want, ws, 0);
    free(ws);

    ws = ws_for(&mo, n);
    reset_counts(&p);
    fwd(&mo, th, n, x, it, ws, AMOR_FORWARD_TRAIN);
    for (t = 0; t <= K; t++) same = same && max_absdiff(it + t * len, want, len) == 0.0;
    tap_ok(same && p.oc.grad_calls == 0 && p.oc.value_calls == 0,
           "warmstart training forward: all %zu iterates = the mlp model (bit for bit), "
           "no oracle calls", mo.T);

    fwd(&mo, th, n, x, it, ws, 0);
    for (k = 0; k < K; k++) alpha[k] = 0.2;
    ref_gd(&p, n, x, want, alpha, K, want);
    e = max_relerr(it, want, (K + 1) * len);
    tap_ok(e <= 1e-12 && p.oc.grad_calls == K * n &&
           max_absdiff(it + K * len, it, len) > 1e-3,
           "warmstart evaluation forward: y0 = mlp, then 4 steps y <- y - 0.2 grad f "
           "(max rel err %.2g <= 1e-12; %llu gradient evaluations, want 24)", e,
           (unsigned long long)p.oc.grad_calls);
    free(ws);

    e = grad_vs_fd(&mo, &p, n, 82, AMOR_FORWARD_TRAIN);
    tap_ok(e <= 1e-5, "warmstart: training backward (G on all 5 iterates) = central "
           "differences of the training forward over %zu params (max rel err %.2g <= 1e-5)",
           mo.np, e);
    free(th), free(x), free(it), free(want);
    model_free(&mo);
    model_free(&ref);
    prob_close(&p);

    /* evaluation steps are projected, without needing project_vjp */
    prob_from(&b, &box_desc, NULL);
    b.copy.project_vjp = NULL;
    prob_wrap(&b);
    {
        setting bs[] = {LIST("hidden", H5), INT("steps", 3), REAL("step_size", 0.5)};
        int inside = 1;
        size_t edge = 0;
        model_must(&mo, "warmstart", &b, bs, LEN(bs));
        th = theta_for(&mo, 83, 0.3);
        len = n * b.ny;
        x = vec(n * b.nx), it = vec(mo.T * len);
        prob_sample(&b, 84, n, x);
        ws = ws_for(&mo, n);
        fwd(&mo, th, n, x, it, ws, 0);
        for (k = len; k < mo.T * len; k++) {
            inside = inside && fabs(it[k]) <= 1.0;
            edge += fabs(it[k]) == 1.0;
        }
        tap_ok(inside && edge > 0, "warmstart on the box problem (no project_vjp): "
               "evaluation steps projected (%zu coordinates on the boundary)", edge);
        free(th), free(x), free(it), free(ws);
        model_free(&mo);
    }
    prob_close(&b);
}

static void test_param_errors(void)
{
    prob p, nog;
    model mo;
    setting s[8];
    char err[512] = "";
    int rc, ok;
    const amor_plugin_head *h = pt_find(AMOR_KIND_MODEL, "unroll_gd");

    prob_load(&p, "quadratic");
    prob_wrap(&p);

    rc = model_make(&mo, "unroll_gd", &p.oc.table, p.nx, p.ny, s,
                    ugd_set(s, "constant", 3, 0.1, 1, "truncated", 4), err, sizeof err);
    ok = rc == AMOR_EINVAL && strstr(err, "window") && strstr(err, "steps");
    if (!tap_ok(ok, "truncated with window 4 > steps 3: refused at create, naming "
                "window and steps"))
        tap_diag("got: rc %d, '%s'", rc, err);
    if (!rc) model_free(&mo);

    rc = model_make(&mo, "unroll_gd", &p.oc.table, p.nx, p.ny, s,
                    ugd_set(s, "constant", 3, 0.1, 1, "exact", 4), err, sizeof err);
    ok = rc == 0;
    if (!rc) model_free(&mo);
    rc = model_make(&mo, "unroll_gd", &p.oc.table, p.nx, p.ny, s,
                    ugd_set(s, "constant", 3, 0.1, 1, "truncated", 3), err, sizeof err);
    tap_ok(ok && rc == 0, "window > steps is accepted with grad = exact, window = steps "
           "with truncated");
    if (!rc) model_free(&mo);

    {
        params_set ps = pt_params(h);
        rc = params_set_string(&ps, "grad", "second_order", err, sizeof err);
        ok = rc != 0 && strstr(err, "exact|first_order|truncated") && strstr(err, "grad");
        if (!tap_ok(ok, "grad = second_order rejected by params_set_string, message "
                    "lists exact|first_order|truncated"))
            tap_diag("got: rc %d, '%s'", rc, err);
        rc = params_set_string(&ps, "init", "zero", err, sizeof err);
        tap_ok(rc != 0 && strstr(err, "constant|mlp"), "init = zero rejected (choices "
               "constant|mlp)");
        params_free(&ps);
    }

    rc = model_make(&mo, "unroll_gd", &p.oc.table, p.nx, p.ny, s,
                    ugd_set(s, "constant", 3, 0.0, 1, "exact", 1), err, sizeof err);
    ok = rc == AMOR_EINVAL && strstr(err, "step0");
    if (!rc) model_free(&mo);
    {
        setting ws0[] = {REAL("step_size", 0.0)};
        rc = model_make(&mo, "warmstart", &p.oc.table, p.nx, p.ny, ws0, 1, err, sizeof err);
        ok = ok && rc == AMOR_EINVAL && strstr(err, "step_size");
        if (!rc) model_free(&mo);
    }
    tap_ok(ok, "step sizes must be > 0: unroll_gd step0 = 0 and warmstart step_size = 0 "
           "refused at create");

    /* no gradients at all */
    prob_load(&nog, "quadratic");
    nog.copy.value_grad = NULL;
    nog.copy.hvp = NULL;
    prob_wrap(&nog);
    rc = model_make(&mo, "unroll_gd", &nog.oc.table, nog.nx, nog.ny, s,
                    ugd_set(s, "constant", 3, 0.1, 1, "first_order", 1), err, sizeof err);
    ok = rc == AMOR_ENOTSUP && strstr(err, "value_grad");
    if (!rc) model_free(&mo);
    rc = model_make(&mo, "warmstart", &nog.oc.table, nog.nx, nog.ny, NULL, 0, err,
                    sizeof err);
    ok = ok && rc == AMOR_ENOTSUP && strstr(err, "value_grad");
    if (!rc) model_free(&mo);
    tap_ok(ok, "an oracle without value_grad: both models refuse at create");
    prob_close(&nog);

    /* batch of 0 */
    {
        double th[8] = {0}, g[8] = {0};
        model_must(&mo, "unroll_gd", &p, s, ugd_set(s, "constant", 2, 0.1, 1, "exact", 1));
        void *ws = ws_for(&mo, 0);
        rc = mo.d->forward(mo.m, th, 0, NULL, NULL, ws, AMOR_FORWARD_TRAIN, err, sizeof err);
        rc = rc || mo.d->backward(mo.m, th, 0, NULL, NULL, g, ws, err, sizeof err);
        tap_ok(rc == 0 && g[0] == 0 && g[4] == 0, "unroll_gd: a batch of 0 contexts is a no-op");
        free(ws);
        model_free(&mo);
    }
    prob_close(&p);
}

int main(void)
{
    test_layout();
    test_grad_exact();
    test_accumulate();
    test_modes();
    test_truncated();
    test_forward_values();
    test_fd_hvp();
    test_counts();
    test_projection();
    test_warmstart();
    test_param_errors();
    (void)tap_skip_all;
    (void)tap_close;
    if (pt_loader_) loader_free(pt_loader_);
    return tap_done();
}
