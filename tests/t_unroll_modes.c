/*
 * t_unroll_modes.c -- TAP tests of the semi-amortized models `unroll_gd` and
 * `warmstart`, continued from t_unroll.c: the differentiation modes (exact,
 * first_order, truncated) against each other and against independent
 * references, forward values against gradient descent written here, and
 * projected steps on a box problem made in this test, and warmstart's Adam
 * refinement against Adam written out here.  The loaded problems
 * are t_unroll.c's: quadratic with dim 3 and cond 5, rosenbrock with b_max 2.
 *
 * Tolerances: gradients vs central differences (h = 1e-6), max over theta of
 * |got - want| / max(1, |want|) <= 1e-5; identities between modes and
 * forward values vs the reference descent <= 1e-12 in the same relative
 * measure; "differs" means a max absolute difference > 1e-3.
 */
#include "tap.h"
#include "plugtest.h"

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
    .head = AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "t_linear", "1.0",
              "test: f = x'y", NULL, 0),
    .create = tp_create,
    .destroy = tp_destroy,
    .dims = tp_dims2,
    .sample = tp_sample,
    .value = lin_value,
    .value_grad = lin_value_grad,
    .hvp = lin_hvp,
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
    .head = AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "t_box", "1.0",
              "test: separable quartic on the box [-1, 1]^2", NULL, 0),
    .create = tp_create,
    .destroy = tp_destroy,
    .dims = tp_dims2,
    .sample = tp_sample,
    .value = box_value,
    .value_grad = box_value_grad,
    .hvp = box_hvp,
    .project = box_project,
    .project_vjp = box_project_vjp,
};

/* ------------------------------------------------------------------------ */
/* Problem instances and references                                         */

/* An in-test problem (no parameters); bails out on failure. */
static pt_prob prob_from(const amor_problem_desc *d)
{
    pt_prob p;
    char err[512] = "";
    pt_must(pt_prob_make(&p, d, NULL, 0, err, sizeof err), d->head.name, err);
    return p;
}

/* Reference descent: out (K + 1, n, ny) with out[0] = y0 and
 * out[t] = out[t-1] - alpha[t-1] grad f, gradients from the problem itself
 * (not through the oracle). */
static void ref_gd(pt_prob *p, size_t n, const double *x, const double *y0,
                   const double *alpha, size_t K, double *out)
{
    size_t len = n * p->ny, t, k;
    double *f = pt_dalloc(n), *g = pt_dalloc(len);
    memcpy(out, y0, len * sizeof *out);
    for (t = 1; t <= K; t++) {
        pt_prob_eval(p, n, x, out + (t - 1) * len, f, g);
        for (k = 0; k < len; k++)
            out[t * len + k] = out[(t - 1) * len + k] - alpha[t - 1] * g[k];
    }
    free(f), free(g);
}

/* ------------------------------------------------------------------------ */
/* Checks                                                                   */

/* Gradient of one unroll_gd configuration on given x and G. */
static double *ugd_grad(pt_prob *p, const pt_setting *s, size_t ns, const double *th,
                        size_t n, const double *x, const double *G, size_t *np)
{
    pt_model mo;
    double *g;
    void *ws;
    pt_model_on(&mo, "unroll_gd", p, s, ns);
    g = pt_dalloc(mo.np);
    ws = pt_model_ws(&mo, n);
    pt_model_grad(&mo, th, n, x, G, g, ws);
    *np = mo.np;
    free(ws);
    pt_model_close(&mo);
    return g;
}

static void test_modes(void)
{
    const size_t n = 5, K = 4;
    pt_prob p, lp;
    pt_model mo;
    pt_setting s[8];
    double *th, *x, *G, *ge, *gf, *gt, e;
    size_t np, k;
    amor_rng r;

    p = pt_prob_openv("quadratic", NULL, "dim", 3.0, "cond", 5.0, NULL);
    pt_prob_wrap(&p);
    pt_model_on(&mo, "unroll_gd", &p, s, pt_ugd_set(s, "mlp", (int)K, 0.1, 1, "exact", 1));
    th = pt_model_theta(&mo, 21, 0.1);
    pt_model_close(&mo);
    x = pt_dalloc(n * p.nx), G = pt_dalloc((K + 1) * n * p.ny);
    pt_prob_sample(&p, 22, n, x);
    amor_rng_seed(&r, 23);
    pt_randn(G, (K + 1) * n * p.ny, 1, &r);
    ge = ugd_grad(&p, s, pt_ugd_set(s, "mlp", (int)K, 0.1, 1, "exact", 1), th, n, x, G, &np);
    gt = ugd_grad(&p, s, pt_ugd_set(s, "mlp", (int)K, 0.1, 1, "truncated", (int)K), th, n, x, G, &np);
    gf = ugd_grad(&p, s, pt_ugd_set(s, "mlp", (int)K, 0.1, 1, "first_order", 1), th, n, x, G, &np);
    e = pt_max_relerr(gt, ge, np);
    tap_ok(e <= 1e-12, "quadratic, init mlp, K 4: truncated with window = K equals "
           "exact (max rel err %.2g <= 1e-12)", e);
    e = pt_max_absdiff(gf, ge, np);
    tap_ok(e > 1e-3, "quadratic: first_order differs from exact (max abs diff %.3g > 1e-3)", e);
    free(ge), free(gt), free(gf), free(th), free(x), free(G);

    /* first_order with init constant and no projection: dL/dy0 = sum_t G_t */
    pt_model_on(&mo, "unroll_gd", &p, s, pt_ugd_set(s, "constant", (int)K, 0.1, 1, "first_order", 1));
    th = pt_model_theta(&mo, 24, 0.1);
    pt_model_close(&mo);
    x = pt_dalloc(n * p.nx), G = pt_dalloc((K + 1) * n * p.ny);
    pt_prob_sample(&p, 25, n, x);
    pt_randn(G, (K + 1) * n * p.ny, 1, &r);
    gf = ugd_grad(&p, s, pt_ugd_set(s, "constant", (int)K, 0.1, 1, "first_order", 1), th, n,
                  x, G, &np);
    {
        double want[3] = {0, 0, 0};
        for (k = 0; k < (K + 1) * n * p.ny; k++) want[k % 3] += G[k];
        e = pt_max_relerr(gf, want, 3);
        tap_ok(e <= 1e-12, "quadratic, first_order, init constant: d theta_y0 = sum over "
               "iterates and contexts of G (max rel err %.2g)", e);
    }
    free(gf), free(th), free(x), free(G);

    /* Hessian zero: first_order == exact */
    lp = prob_from(&lin_desc);
    pt_prob_wrap(&lp);
    pt_model_on(&mo, "unroll_gd", &lp, s, pt_ugd_set(s, "mlp", (int)K, 0.1, 1, "exact", 1));
    th = pt_model_theta(&mo, 26, 0.1);
    pt_model_close(&mo);
    x = pt_dalloc(n * lp.nx), G = pt_dalloc((K + 1) * n * lp.ny);
    pt_prob_sample(&lp, 27, n, x);
    pt_randn(G, (K + 1) * n * lp.ny, 1, &r);
    ge = ugd_grad(&lp, s, pt_ugd_set(s, "mlp", (int)K, 0.1, 1, "exact", 1), th, n, x, G, &np);
    gf = ugd_grad(&lp, s, pt_ugd_set(s, "mlp", (int)K, 0.1, 1, "first_order", 1), th, n, x,
                  G, &np);
    e = pt_max_relerr(gf, ge, np);
    tap_ok(e <= 1e-12,
           "f = x'y (zero Hessian), in-test problem: first_order equals exact "
           "(max rel err %.2g <= 1e-12)", e);
    free(ge), free(gf), free(th), free(x), free(G);
    pt_prob_close(&lp);
    pt_prob_close(&p);
}

/* truncated(W < K) is the exact gradient of the model whose step c = K - W
 * starts from a detached y^{c-1}: checked per context against a constant-
 * init unroll_gd of W + 1 steps started at that y^{c-1} with step sizes
 * alpha_c .. alpha_K (exact mode); the init and alpha_1 .. alpha_{c-1} get
 * exactly zero. */
static void test_truncated(void)
{
    const size_t n = 3, K = 5, W = 2, c = K - W;
    pt_prob p;
    pt_model mt, tail;
    pt_setting s[8];
    double *th, *x, *G, *it, *gt, *want, e;
    void *ws;
    size_t i, t, k, ny, ninit;
    amor_rng r;
    int zeros = 1;

    p = pt_prob_openv("rosenbrock", NULL, "b_max", 2.0, NULL);
    pt_prob_wrap(&p);
    ny = p.ny;
    pt_model_on(&mt, "unroll_gd", &p, s, pt_ugd_set(s, "mlp", (int)K, 0.02, 1, "truncated", (int)W));
    ninit = mt.np - K;
    th = pt_model_theta(&mt, 31, 0.3);
    x = pt_dalloc(n * p.nx), G = pt_dalloc((K + 1) * n * ny), it = pt_dalloc((K + 1) * n * ny);
    gt = pt_dalloc(mt.np), want = pt_dalloc(K);
    ws = pt_model_ws(&mt, n);
    pt_prob_sample(&p, 32, n, x);
    amor_rng_seed(&r, 33);
    pt_randn(G, (K + 1) * n * ny, 1, &r);
    pt_model_grad(&mt, th, n, x, G, gt, ws);
    pt_model_forward(&mt, th, n, x, it, ws, 0);
    free(ws);

    pt_model_on(&tail, "unroll_gd", &p, s, pt_ugd_set(s, "constant", (int)(W + 1), 0.02, 1,
                                                  "exact", 1));
    for (i = 0; i < n; i++) {
        double *tth = pt_dalloc(tail.np), *tg = pt_dalloc(tail.np), *tG = pt_dalloc((W + 2) * ny);
        void *tws = pt_model_ws(&tail, 1);
        memcpy(tth, it + ((c - 1) * n + i) * ny, ny * sizeof *tth); /* y^{c-1}_i */
        memcpy(tth + ny, th + ninit + c - 1, (W + 1) * sizeof *tth); /* log alpha_c.. */
        for (t = c; t <= K; t++) /* tail iterate t - c + 1 is y^t */
            memcpy(tG + (t - c + 1) * ny, G + (t * n + i) * ny, ny * sizeof *tG);
        pt_model_grad(&tail, tth, 1, x + i * p.nx, tG, tg, tws);
        for (t = c; t <= K; t++) want[t - 1] += tg[ny + t - c];
        free(tth), free(tg), free(tG), free(tws);
    }
    for (k = 0; k < ninit + c - 1; k++) zeros = zeros && gt[k] == 0.0;
    e = pt_max_relerr(gt + ninit + c - 1, want + c - 1, W + 1);
    tap_ok(zeros && e <= 1e-12 && fabs(want[K - 1]) > 0,
           "rosenbrock, K 5, truncated window 2: init and alpha_1..alpha_2 get exactly 0, "
           "alpha_3..alpha_5 the exact gradient of a 3-step model started at a "
           "detached y^2 (max rel err %.2g <= 1e-12)", e);
    pt_model_close(&tail);
    pt_model_close(&mt);
    free(th), free(x), free(G), free(it), free(gt), free(want);
    pt_prob_close(&p);
}

static void test_forward_values(void)
{
    const size_t n = 6, K = 4;
    pt_prob p;
    pt_model mo, ref;
    pt_setting s[8];
    double *th, *x, *it, *it2, *want, alpha[4];
    void *ws;
    size_t i, k, len;
    int ok;
    char err[256] = "";

    p = pt_prob_openv("quadratic", NULL, "dim", 3.0, "cond", 5.0, NULL);
    pt_prob_wrap(&p);
    len = n * p.ny;
    x = pt_dalloc(n * p.nx), it = pt_dalloc((K + 1) * len), it2 = pt_dalloc((K + 1) * len),
    want = pt_dalloc((K + 1) * len);
    pt_prob_sample(&p, 41, n, x);

    /* K = 0, constant: every row is theta */
    pt_model_on(&mo, "unroll_gd", &p, s, pt_ugd_set(s, "constant", 0, 0.1, 1, "exact", 1));
    th = pt_model_theta(&mo, 42, 1.0);
    ws = pt_model_ws(&mo, n);
    pt_model_forward(&mo, th, n, x, it, ws, 0);
    ok = mo.T == 1 && mo.np == p.ny;
    for (i = 0; i < n; i++)
        for (k = 0; k < p.ny; k++) ok = ok && it[i * p.ny + k] == th[k];
    tap_ok(ok, "unroll_gd K 0, init constant: T 1, forward = the learned constant");
    free(th), free(ws);
    pt_model_close(&mo);

    /* K = 0, mlp: the `mlp` model with the same theta */
    pt_model_on(&mo, "unroll_gd", &p, s, pt_ugd_set(s, "mlp", 0, 0.1, 1, "exact", 1));
    {
        pt_setting ms[] = {PT_LIST("hidden", pt_h5)};
        pt_must(pt_model_make(&ref, "mlp", &pt_no_oracle, p.nx, p.ny, ms, PT_LEN(ms), err,
                           sizeof err), "mlp", err);
    }
    th = pt_model_theta(&mo, 43, 0.3);
    ws = pt_model_ws(&mo, n);
    pt_model_forward(&mo, th, n, x, it, ws, 0);
    free(ws);
    ws = pt_model_ws(&ref, n);
    pt_model_forward(&ref, th, n, x, want, ws, 0);
    free(ws);
    tap_ok(ref.np == mo.np && pt_max_absdiff(it, want, len) == 0.0,
           "unroll_gd K 0, init mlp: forward = the mlp model with the same theta (bit for bit)");
    free(th);
    pt_model_close(&mo);
    pt_model_close(&ref);

    /* learn_steps = false: plain gradient descent with step0 */
    pt_model_on(&mo, "unroll_gd", &p, s, pt_ugd_set(s, "constant", (int)K, 0.15, 0, "exact", 1));
    th = pt_model_theta(&mo, 44, 1.0);
    ws = pt_model_ws(&mo, n);
    pt_model_forward(&mo, th, n, x, it, ws, 0);
    pt_model_forward(&mo, th, n, x, it2, ws, AMOR_FORWARD_TRAIN);
    for (k = 0; k < K; k++) alpha[k] = 0.15;
    for (i = 0; i < n; i++) memcpy(want + i * p.ny, th, p.ny * sizeof *want);
    ref_gd(&p, n, x, want, alpha, K, want);
    {
        double e = pt_max_relerr(it, want, (K + 1) * len);
        tap_ok(e <= 1e-12 && pt_max_absdiff(it, it2, (K + 1) * len) == 0.0 &&
               pt_max_absdiff(it + K * len, it, len) > 1e-3,
               "unroll_gd learn_steps false, init constant, K 4: every iterate = "
               "gradient descent y <- y - 0.15 grad f from the problem's value_grad "
               "(max rel err %.2g <= 1e-12); training forward identical", e);
    }
    free(th), free(ws);
    pt_model_close(&mo);

    /* learn_steps = true: alpha_t = exp(theta[ny + t - 1]) */
    pt_model_on(&mo, "unroll_gd", &p, s, pt_ugd_set(s, "constant", (int)K, 0.1, 1, "exact", 1));
    th = pt_model_theta(&mo, 45, 1.0);
    for (k = 0; k < K; k++) alpha[k] = 0.05 * (double)(k + 1), th[p.ny + k] = log(alpha[k]);
    ws = pt_model_ws(&mo, n);
    pt_model_forward(&mo, th, n, x, it, ws, 0);
    for (i = 0; i < n; i++) memcpy(want + i * p.ny, th, p.ny * sizeof *want);
    ref_gd(&p, n, x, want, alpha, K, want);
    {
        double e = pt_max_relerr(it, want, (K + 1) * len);
        tap_ok(e <= 1e-12, "unroll_gd learn_steps true: step t uses exp(theta[ny + t - 1]) "
               "(steps 0.05, 0.1, 0.15, 0.2; max rel err %.2g <= 1e-12)", e);
    }
    free(th), free(ws);
    pt_model_close(&mo);
    free(x), free(it), free(it2), free(want);
    pt_prob_close(&p);
}

/* Box-constrained in-test problem: projected steps and project_vjp. */
static void test_projection(void)
{
    const size_t n = 8, K = 3;
    pt_prob p, q;
    pt_model mo;
    pt_setting s[9];
    double *th, *x, *it, e;
    void *ws;
    size_t k, ns, on_edge = 0, outside = 0, len;
    int inside = 1, rc;
    char err[512] = "";

    p = prob_from(&box_desc);
    pt_prob_wrap(&p);
    len = n * p.ny;
    ns = pt_ugd_set(s, "mlp", (int)K, 0.3, 1, "exact", 1);
    pt_model_on(&mo, "unroll_gd", &p, s, ns);
    e = pt_model_grad_err(&mo, &p, n, 70, 0);
    th = pt_model_theta(&mo, 71, 0.1);
    x = pt_dalloc(n * p.nx), it = pt_dalloc((K + 1) * len);
    ws = pt_model_ws(&mo, n);
    pt_prob_sample(&p, 72, n, x);
    pt_model_forward(&mo, th, n, x, it, ws, 0);
    for (k = len; k < (K + 1) * len; k++) {
        inside = inside && fabs(it[k]) <= 1.0;
        on_edge += fabs(it[k]) == 1.0;
    }
    tap_ok(inside && on_edge > 0 && on_edge < K * len && e <= 1e-5,
           "box problem (in test), exact, K 3: steps stay in [-1, 1]^2 (%zu of %zu "
           "coordinates on the boundary), gradient through project_vjp = central "
           "differences (max rel err %.2g <= 1e-5)", on_edge, K * len, e);
    free(ws);
    pt_model_close(&mo);

    /* Meta-SGD step sizes and a proximal term through the projection */
    {
        size_t nc = ns;
        s[nc++] = (pt_setting)PT_STR("step_shape", "coordinate");
        s[nc++] = (pt_setting)PT_REAL("lambda", 0.5);
        pt_model_on(&mo, "unroll_gd", &p, s, nc);
        e = pt_model_grad_err(&mo, &p, n, 73, 0);
        tap_ok(e <= 1e-5 && mo.np == 5 * 2 + 5 + 2 * 5 + 2 + 2,
               "box problem, exact, step_shape coordinate, lambda 0.5: gradient through "
               "project_vjp = central differences over %zu params (max rel err %.2g)",
               mo.np, e);
        pt_model_close(&mo);
    }

    s[ns++] = (pt_setting)PT_BOOL("project", 0);
    pt_model_on(&mo, "unroll_gd", &p, s, ns);
    ws = pt_model_ws(&mo, n);
    pt_model_forward(&mo, th, n, x, it, ws, 0);
    for (k = len; k < (K + 1) * len; k++) outside += fabs(it[k]) > 1.0;
    tap_ok(outside > 0, "box problem, project = false: the projection is not applied "
           "(%zu coordinates outside the box)", outside);
    free(ws);
    pt_model_close(&mo);
    free(th), free(x), free(it);

    /* a projection without its VJP */
    q = prob_from(&box_desc);
    q.d.project_vjp = NULL;
    pt_prob_wrap(&q);
    ns = pt_ugd_set(s, "mlp", (int)K, 0.3, 1, "first_order", 1);
    rc = pt_model_make(&mo, "unroll_gd", &q.oc.table, q.nx, q.ny, s, ns, err, sizeof err);
    {
        int refused = rc == AMOR_ENOTSUP && strstr(err, "project_vjp") != NULL;
        s[ns++] = (pt_setting)PT_BOOL("project", 0);
        rc = pt_model_make(&mo, "unroll_gd", &q.oc.table, q.nx, q.ny, s, ns, err, sizeof err);
        tap_ok(refused && rc == 0, "a problem with project but no project_vjp: refused at "
               "create (message names project_vjp); accepted with project = false");
        if (!rc) pt_model_close(&mo);
    }
    pt_prob_close(&q);
    pt_prob_close(&p);
}

static void test_warmstart(void)
{
    const size_t n = 6, K = 4;
    pt_prob p, b;
    pt_model mo, ref;
    pt_setting ws_set[] = {PT_LIST("hidden", pt_h5), PT_INT("steps", (int)K), PT_REAL("step_size", 0.2)};
    double *th, *x, *it, *want, alpha[4];
    void *ws;
    size_t t, k, len;
    char err[256] = "";
    int same = 1;
    double e;

    p = pt_prob_openv("quadratic", NULL, "dim", 3.0, "cond", 5.0, NULL);
    pt_prob_wrap(&p);
    len = n * p.ny;
    pt_model_on(&mo, "warmstart", &p, ws_set, PT_LEN(ws_set));
    {
        pt_setting ms[] = {PT_LIST("hidden", pt_h5)};
        pt_must(pt_model_make(&ref, "mlp", &pt_no_oracle, p.nx, p.ny, ms, PT_LEN(ms), err,
                           sizeof err), "mlp", err);
    }
    th = pt_model_theta(&mo, 80, 0.3);
    x = pt_dalloc(n * p.nx), it = pt_dalloc((K + 1) * len), want = pt_dalloc((K + 1) * len);
    pt_prob_sample(&p, 81, n, x);
    ws = pt_model_ws(&ref, n);
    pt_model_forward(&ref, th, n, x, want, ws, 0);
    free(ws);

    ws = pt_model_ws(&mo, n);
    p.oc.value_calls = p.oc.grad_calls = p.oc.hvp_calls = 0;
    pt_model_forward(&mo, th, n, x, it, ws, AMOR_FORWARD_TRAIN);
    for (t = 0; t <= K; t++) same = same && pt_max_absdiff(it + t * len, want, len) == 0.0;
    tap_ok(same && p.oc.grad_calls == 0 && p.oc.value_calls == 0,
           "warmstart training forward: all %zu iterates = the mlp model (bit for bit), "
           "no oracle calls", mo.T);

    pt_model_forward(&mo, th, n, x, it, ws, 0);
    for (k = 0; k < K; k++) alpha[k] = 0.2;
    ref_gd(&p, n, x, want, alpha, K, want);
    e = pt_max_relerr(it, want, (K + 1) * len);
    tap_ok(e <= 1e-12 && p.oc.grad_calls == K * n &&
           pt_max_absdiff(it + K * len, it, len) > 1e-3,
           "warmstart evaluation forward: y0 = mlp, then 4 steps y <- y - 0.2 grad f "
           "(max rel err %.2g <= 1e-12; %llu gradient evaluations, want 24)", e,
           (unsigned long long)p.oc.grad_calls);
    free(ws);

    e = pt_model_grad_err(&mo, &p, n, 82, AMOR_FORWARD_TRAIN);
    tap_ok(e <= 1e-5, "warmstart: training backward (G on all 5 iterates) = central "
           "differences of the training forward over %zu params (max rel err %.2g <= 1e-5)",
           mo.np, e);
    free(th), free(x), free(it), free(want);
    pt_model_close(&mo);
    pt_model_close(&ref);
    pt_prob_close(&p);

    /* evaluation steps are projected, without needing project_vjp */
    b = prob_from(&box_desc);
    b.d.project_vjp = NULL;
    pt_prob_wrap(&b);
    {
        pt_setting bs[] = {PT_LIST("hidden", pt_h5), PT_INT("steps", 3), PT_REAL("step_size", 0.5)};
        int inside = 1;
        size_t edge = 0;
        pt_model_on(&mo, "warmstart", &b, bs, PT_LEN(bs));
        th = pt_model_theta(&mo, 83, 0.3);
        len = n * b.ny;
        x = pt_dalloc(n * b.nx), it = pt_dalloc(mo.T * len);
        pt_prob_sample(&b, 84, n, x);
        ws = pt_model_ws(&mo, n);
        pt_model_forward(&mo, th, n, x, it, ws, 0);
        for (k = len; k < mo.T * len; k++) {
            inside = inside && fabs(it[k]) <= 1.0;
            edge += fabs(it[k]) == 1.0;
        }
        tap_ok(inside && edge > 0, "warmstart on the box problem (no project_vjp): "
               "evaluation steps projected (%zu coordinates on the boundary)", edge);
        free(th), free(x), free(it), free(ws);
        pt_model_close(&mo);
    }
    pt_prob_close(&b);
}

/* refine = adam: K Adam steps from the mlp's prediction, against Adam
 * written out here (torch's update, beta = (0.9, 0.999), eps = 1e-8, bias
 * corrected, each coordinate on its own). */
static void test_warmstart_adam(void)
{
    const size_t n = 5, K = 6;
    const double lr = 0.05;
    pt_prob p;
    pt_model mo;
    pt_setting set[] = {PT_LIST("hidden", pt_h5), PT_INT("steps", (int)K),
                        PT_REAL("step_size", lr), PT_STR("refine", "adam")};
    double *th, *x, *it, *want, *f, *g, *m, *v;
    void *ws;
    size_t t, k, len;
    double e;
    p = pt_prob_openv("quadratic", NULL, "dim", 3.0, "cond", 5.0, NULL);
    pt_prob_wrap(&p);
    len = n * p.ny;
    pt_model_on(&mo, "warmstart", &p, set, PT_LEN(set));
    th = pt_model_theta(&mo, 90, 0.3);
    x = pt_dalloc(n * p.nx), it = pt_dalloc((K + 1) * len), want = pt_dalloc((K + 1) * len);
    f = pt_dalloc(n), g = pt_dalloc(len), m = pt_dalloc(len), v = pt_dalloc(len);
    pt_prob_sample(&p, 91, n, x);
    ws = pt_model_ws(&mo, n);
    p.oc.grad_calls = 0;
    pt_model_forward(&mo, th, n, x, it, ws, 0);
    memcpy(want, it, len * sizeof *want); /* y^0 = the mlp (checked in test_warmstart) */
    for (t = 1; t <= K; t++) {
        double c1 = 1 - pow(0.9, (double)t), c2 = 1 - pow(0.999, (double)t);
        pt_prob_eval(&p, n, x, want + (t - 1) * len, f, g);
        for (k = 0; k < len; k++) {
            m[k] = 0.9 * m[k] + 0.1 * g[k];
            v[k] = 0.999 * v[k] + 0.001 * g[k] * g[k];
            want[t * len + k] = want[(t - 1) * len + k] -
                                lr * (m[k] / c1) / (sqrt(v[k] / c2) + 1e-8);
        }
    }
    e = pt_max_relerr(it, want, (K + 1) * len);
    tap_ok(e <= 1e-12 && p.oc.grad_calls == K * n && pt_max_absdiff(it + K * len, it, len) > 1e-3,
           "warmstart refine = adam: y0 = mlp, then 6 Adam steps of lr 0.05 as written out "
           "here (max rel err %.2g <= 1e-12; %llu gradient evaluations, want 30)", e,
           (unsigned long long)p.oc.grad_calls);
    free(ws), free(th), free(x), free(it), free(want), free(f), free(g), free(m), free(v);
    pt_model_close(&mo);
    pt_prob_close(&p);
}

int main(void)
{
    test_modes();
    test_truncated();
    test_forward_values();
    test_projection();
    test_warmstart();
    test_warmstart_adam();
    (void)tap_skip_all;
    (void)tap_close;
    if (pt_loader_) loader_free(pt_loader_);
    return tap_done();
}
