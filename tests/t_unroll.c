/*
 * t_unroll.c -- TAP tests of the semi-amortized models `unroll_gd` and
 * `warmstart` on loaded problems: theta layout and T, gradients through the
 * unrolled steps against central differences (also with the oracle's
 * finite-difference HVP), accumulation, oracle call counts, and parameter
 * errors.  The differentiation modes against each other, forward values,
 * projection and warmstart's steps are t_unroll_modes.c's.
 *
 * Tolerances: gradients vs central differences (h = 1e-6), max over theta of
 * |got - want| / max(1, |want|) <= 1e-5; identities <= 1e-14 in the same
 * relative measure.
 */
#include "tap.h"
#include "plugtest.h"

/* ------------------------------------------------------------------------ */
/* Problem instances                                                        */

/* A loaded problem: quadratic (dim 3, cond 5), rosenbrock (b in [1, 2]),
 * anything else with defaults. */
static pt_prob prob_load(const char *name)
{
    if (!strcmp(name, "quadratic")) return pt_prob_openv(name, NULL, "dim", 3.0, "cond", 5.0, NULL);
    if (!strcmp(name, "rosenbrock")) return pt_prob_openv(name, NULL, "b_max", 2.0, NULL);
    return pt_prob_openv(name, NULL, NULL);
}

/* ------------------------------------------------------------------------ */
/* Checks                                                                   */

static void test_layout(void)
{
    pt_prob p;
    pt_model mo;
    pt_setting s[8];
    const amor_model_desc *u = (const amor_model_desc *)pt_find(AMOR_KIND_MODEL, "unroll_gd");
    const amor_model_desc *w = (const amor_model_desc *)pt_find(AMOR_KIND_MODEL, "warmstart");
    size_t mlp_np = 5 * 3 + 5 + 3 * 5 + 3; /* 3 -> 5 -> 3 */
    int ok = 1;
    p = prob_load("quadratic");
    pt_prob_wrap(&p);
    pt_model_on(&mo, "unroll_gd", &p, s, pt_ugd_set(s, "constant", 4, 0.1, 1, "exact", 1));
    ok = ok && mo.np == 3 + 4 && mo.T == 5;
    pt_model_close(&mo);
    pt_model_on(&mo, "unroll_gd", &p, s, pt_ugd_set(s, "constant", 4, 0.1, 0, "exact", 1));
    ok = ok && mo.np == 3 && mo.T == 5;
    pt_model_close(&mo);
    pt_model_on(&mo, "unroll_gd", &p, s, pt_ugd_set(s, "mlp", 4, 0.1, 1, "exact", 1));
    ok = ok && mo.np == mlp_np + 4 && mo.T == 5;
    pt_model_close(&mo);
    pt_model_on(&mo, "unroll_gd", &p, s, pt_ugd_set(s, "mlp", 0, 0.1, 1, "exact", 1));
    ok = ok && mo.np == mlp_np && mo.T == 1;
    pt_model_close(&mo);
    tap_ok(ok && u->needs == AMOR_NEEDS_GRAD,
           "unroll_gd: needs GRAD; theta = init (ny or MLP) + K log step sizes "
           "(none without learn_steps); T = K + 1");
    {
        pt_setting ws[] = {PT_LIST("hidden", pt_h5), PT_INT("steps", 4)};
        pt_model_on(&mo, "warmstart", &p, ws, PT_LEN(ws));
        ok = mo.np == mlp_np && mo.T == 5;
        pt_model_close(&mo);
    }
    tap_ok(ok && w->needs == AMOR_NEEDS_GRAD,
           "warmstart: needs GRAD; theta = the MLP; T = K + 1");
    pt_prob_close(&p);
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
    for (a = 0; a < PT_LEN(probs); a++) {
        pt_prob p;
        p = prob_load(probs[a].name);
        pt_prob_wrap(&p);
        for (b = 0; b < PT_LEN(inits); b++)
            for (learn = 1; learn >= 0; learn--) {
                pt_model mo;
                pt_setting s[8];
                double e;
                pt_model_on(&mo, "unroll_gd", &p, s,
                           pt_ugd_set(s, inits[b], 3, probs[a].step0, learn, "exact", 1));
                e = pt_model_grad_err(&mo, &p, 4, 100 + 10 * a + 2 * b + (size_t)learn, 0);
                tap_ok(e <= 1e-5, "unroll_gd exact on %s, init %s, learn_steps %s, K 3: "
                       "backward = central differences over %zu params (max rel err "
                       "%.2g <= 1e-5)", probs[a].name, inits[b], learn ? "true" : "false",
                       mo.np, e);
                pt_model_close(&mo);
            }
        pt_prob_close(&p);
    }
}

/* Backward accumulates into dtheta. */
static void test_accumulate(void)
{
    const size_t n = 4;
    pt_prob p;
    pt_model mo;
    pt_setting s[8];
    double *th, *g1, *g2, *pre, *want, *x, *G, e1, e2;
    void *ws;
    amor_rng r;
    size_t k;
    p = prob_load("rosenbrock");
    pt_prob_wrap(&p);
    pt_model_on(&mo, "unroll_gd", &p, s, pt_ugd_set(s, "mlp", 3, 0.02, 1, "exact", 1));
    th = pt_model_theta(&mo, 7, 0.1);
    g1 = pt_dalloc(mo.np), g2 = pt_dalloc(mo.np), pre = pt_dalloc(mo.np), want = pt_dalloc(mo.np);
    x = pt_dalloc(n * p.nx), G = pt_dalloc(mo.T * n * p.ny);
    ws = pt_model_ws(&mo, n);
    pt_prob_sample(&p, 8, n, x);
    amor_rng_seed(&r, 9);
    pt_randn(G, mo.T * n * p.ny, 1, &r);
    pt_randn(pre, mo.np, 1, &r);
    for (k = 0; k < mo.np; k++) want[k] = pre[k];
    pt_model_grad(&mo, th, n, x, G, g1, ws);
    pt_model_grad(&mo, th, n, x, G, g2, ws);
    pt_model_grad(&mo, th, n, x, G, g2, ws);
    pt_model_grad(&mo, th, n, x, G, pre, ws);
    for (k = 0; k < mo.np; k++) want[k] += g1[k];
    e1 = pt_max_relerr(pre, want, mo.np);
    for (k = 0; k < mo.np; k++) want[k] = 2 * g1[k];
    e2 = pt_max_relerr(g2, want, mo.np);
    tap_ok(e1 <= 1e-14 && e2 <= 1e-14,
           "unroll_gd: backward adds to a non-zero dtheta (rel err %.2g) and two "
           "backward calls accumulate twice the gradient (rel err %.2g)", e1, e2);
    free(th), free(g1), free(g2), free(pre), free(want), free(x), free(G), free(ws);
    pt_model_close(&mo);
    pt_prob_close(&p);
}

/* Problems without hvp: the oracle's finite-difference fallback. */
static void test_fd_hvp(void)
{
    static const char *const names[] = {"quadratic", "rosenbrock"};
    size_t a;
    for (a = 0; a < PT_LEN(names); a++) {
        pt_prob p;
        pt_model mo;
        pt_setting s[8];
        double e;
        int before;
        p = prob_load(names[a]);
        p.d.hvp = NULL;
        pt_prob_wrap(&p);
        pt_model_on(&mo, "unroll_gd", &p, s,
                   pt_ugd_set(s, "mlp", 3, a ? 0.02 : 0.1, 1, "exact", 1));
        before = p.oc.fd_hvp_used;
        e = pt_model_grad_err(&mo, &p, 4, 50 + a, 0);
        tap_ok(p.oc.fd_hvp && !before && p.oc.fd_hvp_used && e <= 1e-5,
               "%s without hvp: the oracle's finite-difference HVP is used and the "
               "exact-mode gradient = central differences (max rel err %.2g <= 1e-5)",
               names[a], e);
        pt_model_close(&mo);
        pt_prob_close(&p);
    }
}

static void test_counts(void)
{
    const size_t n = 7, K = 3;
    pt_prob p;
    pt_setting s[8];
    static const struct {
        const char *grad;
        int window;
        size_t hvps; /* per context in backward */
    } modes[] = {{"exact", 1, 3}, {"first_order", 1, 0}, {"truncated", 1, 1},
                 {"truncated", 2, 2}};
    size_t a;
    p = prob_load("quadratic");
    pt_prob_wrap(&p);
    for (a = 0; a < PT_LEN(modes); a++) {
        pt_model mo;
        double *th, *x, *G, *g, *it;
        void *ws;
        char err[256] = "";
        uint64_t gf, hf, gb, hb, ge, vc;
        pt_model_on(&mo, "unroll_gd", &p, s,
                   pt_ugd_set(s, "mlp", (int)K, 0.1, 1, modes[a].grad, modes[a].window));
        th = pt_model_theta(&mo, 60, 0.1), g = pt_dalloc(mo.np);
        x = pt_dalloc(n * p.nx), G = pt_dalloc(mo.T * n * p.ny), it = pt_dalloc(mo.T * n * p.ny);
        ws = pt_model_ws(&mo, n);
        pt_prob_sample(&p, 61, n, x);
        for (size_t k = 0; k < mo.T * n * p.ny; k++) G[k] = 1.0;
        p.oc.value_calls = p.oc.grad_calls = p.oc.hvp_calls = 0;
        pt_model_forward(&mo, th, n, x, it, ws, AMOR_FORWARD_TRAIN);
        gf = p.oc.grad_calls, hf = p.oc.hvp_calls;
        pt_must(mo.d->backward(mo.m, th, n, x, G, g, ws, err, sizeof err), "backward", err);
        gb = p.oc.grad_calls - gf, hb = p.oc.hvp_calls - hf;
        pt_model_forward(&mo, th, n, x, it, ws, 0);
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
        pt_model_close(&mo);
    }
    pt_prob_close(&p);
}

static void test_param_errors(void)
{
    pt_prob p, nog;
    pt_model mo;
    pt_setting s[8];
    char err[512] = "";
    int rc, ok;
    const amor_plugin_head *h = pt_find(AMOR_KIND_MODEL, "unroll_gd");

    p = prob_load("quadratic");
    pt_prob_wrap(&p);

    rc = pt_model_make(&mo, "unroll_gd", &p.oc.table, p.nx, p.ny, s,
                    pt_ugd_set(s, "constant", 3, 0.1, 1, "truncated", 4), err, sizeof err);
    ok = rc == AMOR_EINVAL && strstr(err, "window") && strstr(err, "steps");
    if (!tap_ok(ok, "truncated with window 4 > steps 3: refused at create, naming "
                "window and steps"))
        tap_diag("got: rc %d, '%s'", rc, err);
    if (!rc) pt_model_close(&mo);

    rc = pt_model_make(&mo, "unroll_gd", &p.oc.table, p.nx, p.ny, s,
                    pt_ugd_set(s, "constant", 3, 0.1, 1, "exact", 4), err, sizeof err);
    ok = rc == 0;
    if (!rc) pt_model_close(&mo);
    rc = pt_model_make(&mo, "unroll_gd", &p.oc.table, p.nx, p.ny, s,
                    pt_ugd_set(s, "constant", 3, 0.1, 1, "truncated", 3), err, sizeof err);
    tap_ok(ok && rc == 0, "window > steps is accepted with grad = exact, window = steps "
           "with truncated");
    if (!rc) pt_model_close(&mo);

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

    rc = pt_model_make(&mo, "unroll_gd", &p.oc.table, p.nx, p.ny, s,
                    pt_ugd_set(s, "constant", 3, 0.0, 1, "exact", 1), err, sizeof err);
    ok = rc == AMOR_EINVAL && strstr(err, "step0");
    if (!rc) pt_model_close(&mo);
    {
        pt_setting ws0[] = {PT_REAL("step_size", 0.0)};
        rc = pt_model_make(&mo, "warmstart", &p.oc.table, p.nx, p.ny, ws0, 1, err, sizeof err);
        ok = ok && rc == AMOR_EINVAL && strstr(err, "step_size");
        if (!rc) pt_model_close(&mo);
    }
    tap_ok(ok, "step sizes must be > 0: unroll_gd step0 = 0 and warmstart step_size = 0 "
           "refused at create");

    /* no gradients at all */
    nog = prob_load("quadratic");
    nog.d.value_grad = NULL;
    nog.d.hvp = NULL;
    pt_prob_wrap(&nog);
    rc = pt_model_make(&mo, "unroll_gd", &nog.oc.table, nog.nx, nog.ny, s,
                    pt_ugd_set(s, "constant", 3, 0.1, 1, "first_order", 1), err, sizeof err);
    ok = rc == AMOR_ENOTSUP && strstr(err, "value_grad");
    if (!rc) pt_model_close(&mo);
    rc = pt_model_make(&mo, "warmstart", &nog.oc.table, nog.nx, nog.ny, NULL, 0, err,
                    sizeof err);
    ok = ok && rc == AMOR_ENOTSUP && strstr(err, "value_grad");
    if (!rc) pt_model_close(&mo);
    tap_ok(ok, "an oracle without value_grad: both models refuse at create");
    pt_prob_close(&nog);

    /* batch of 0 */
    {
        double th[8] = {0}, g[8] = {0};
        pt_model_on(&mo, "unroll_gd", &p, s, pt_ugd_set(s, "constant", 2, 0.1, 1, "exact", 1));
        void *ws = pt_model_ws(&mo, 0);
        rc = mo.d->forward(mo.m, th, 0, NULL, NULL, ws, AMOR_FORWARD_TRAIN, err, sizeof err);
        rc = rc || mo.d->backward(mo.m, th, 0, NULL, NULL, g, ws, err, sizeof err);
        tap_ok(rc == 0 && g[0] == 0 && g[4] == 0, "unroll_gd: a batch of 0 contexts is a no-op");
        free(ws);
        pt_model_close(&mo);
    }
    pt_prob_close(&p);
}

int main(void)
{
    test_layout();
    test_grad_exact();
    test_accumulate();
    test_fd_hvp();
    test_counts();
    test_param_errors();
    (void)tap_skip_all;
    (void)tap_close;
    if (pt_loader_) loader_free(pt_loader_);
    return tap_done();
}
