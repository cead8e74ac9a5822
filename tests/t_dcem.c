/*
 * t_dcem.c -- TAP tests of the `dcem` model (plugins/models/dcem.c):
 *   - backward against central differences of the forward, through every
 *     CEM iteration (soft elites by LML, the normalization, the mean and
 *     scale updates, the decoder at every sample and at the means), on a
 *     quadratic, Rosenbrock and a small control_mpc, in each variant:
 *     defaults, the decoder conditioned on x, unnormalized values, hard
 *     elites (the gradient of the decoder at the means only), a smooth floor;
 *   - the oracle is queried exactly samples x iters times per context (value
 *     in evaluation, value_grad in training; value only without a decoder or
 *     with hard elites);
 *   - latent_dim = 0 with hard elites is CEM over y: no parameters, every
 *     iterate inside the samples' hull moving towards y*, and soft elites at
 *     a low temperature pick the same elites as hard ones;
 *   - the noise: the same for a context whatever its batch, changed by
 *     noise_seed;
 *   - create's refusals, messages pinned, and needs_for.
 * Run from the repository root.
 */
#include "tap.h"
#include "plugtest.h"
#include "oracle.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TEST(cond, ...) tap_ok((cond), __VA_ARGS__)

static const int64_t h5[] = {5};

/* Settings of a small dcem: N = 12 samples, k = 3 elites, K = 3 iterations,
 * hidden {5}, plus up to four extra. */
static size_t small_set(pt_setting *s, const pt_setting *extra, size_t nextra)
{
    size_t k = 0, e;
    s[k++] = (pt_setting)PT_INT("samples", 12);
    s[k++] = (pt_setting)PT_INT("elites", 3);
    s[k++] = (pt_setting)PT_INT("iters", 3);
    s[k++] = (pt_setting)PT_LIST("hidden", h5);
    for (e = 0; e < nextra; e++) s[k++] = extra[e];
    return k;
}

static void check_grad(pt_prob *p, const char *label, const pt_setting *extra, size_t nextra,
                       double tol)
{
    pt_setting set[12];
    size_t ns = small_set(set, extra, nextra);
    pt_model mo;
    double e;
    pt_model_open_view(&mo, "dcem", p, set, ns);
    e = pt_model_grad_err(&mo, p, 4, 11, AMOR_FORWARD_TRAIN);
    TEST(e <= tol, "%s on %s: backward = central differences (%zu parameters, max rel err %.3g)",
         label, p->label, mo.np, e);
    pt_model_close(&mo);
}

static void test_gradients(void)
{
    pt_prob q = pt_prob_openv("quadratic", NULL, "dim", 4.0, NULL);
    pt_prob r = pt_prob_openv("rosenbrock", NULL, NULL);
    pt_prob c = pt_prob_openv("control_mpc", "control_mpc(4 links, H 5)", "links", 4.0,
                              "actuated", 2.0, "horizon", 5.0, NULL);
    pt_prob *ps[3] = {&q, &r, &c};
    size_t i;
    for (i = 0; i < 3; i++) pt_prob_wrap(ps[i]);
    for (i = 0; i < 3; i++) {
        pt_setting cond[] = {PT_BOOL("condition", 1)};
        pt_setting raw[] = {PT_BOOL("normalize", 0), PT_REAL("temperature", 3.0)};
        pt_setting hard[] = {PT_BOOL("soft", 0)};
        pt_setting tanh_[] = {PT_STR("activation", "tanh"), PT_REAL("sigma_min", 0.3),
                              PT_REAL("init_sigma", 0.5)};
        check_grad(ps[i], "defaults (elu, normalize, soft)", NULL, 0, 1e-6);
        check_grad(ps[i], "condition = true", cond, 1, 1e-6);
        check_grad(ps[i], "normalize = false, temperature 3", raw, 2, 1e-6);
        check_grad(ps[i], "soft = false", hard, 1, 1e-6);
        check_grad(ps[i], "tanh, sigma_min 0.3, init_sigma 0.5", tanh_, 3, 1e-6);
    }
    {
        /* one latent coordinate per action: latent_dim = ny */
        pt_setting full[] = {PT_INT("latent_dim", 4)};
        check_grad(&q, "latent_dim = ny", full, 1, 1e-6);
    }
    for (i = 0; i < 3; i++) pt_prob_close(ps[i]);
}

/* value calls in evaluation, value_grad calls in training: N K per context. */
static void test_oracle_calls(void)
{
    pt_prob c = pt_prob_openv("control_mpc", "control_mpc(4 links, H 5)", "links", 4.0,
                              "actuated", 2.0, "horizon", 5.0, NULL);
    const pt_setting variants[3][2] = {
        {PT_INT("latent_dim", 2), PT_BOOL("soft", 1)},
        {PT_INT("latent_dim", 2), PT_BOOL("soft", 0)},
        {PT_INT("latent_dim", 0), PT_BOOL("soft", 0)},
    };
    size_t n = 5, v;
    double *x;
    pt_prob_wrap(&c);
    x = pt_dalloc(n * c.nx);
    pt_prob_sample(&c, 3, n, x);
    for (v = 0; v < 3; v++) {
        pt_setting set[12];
        size_t ns = small_set(set, variants[v], 2);
        pt_model mo;
        double *th, *it;
        void *ws;
        uint64_t v0, g0;
        int grads = v == 0;
        pt_model_open_view(&mo, "dcem", &c, set, ns);
        th = pt_model_theta(&mo, 1, 0.0);
        it = pt_dalloc(mo.T * n * mo.ny);
        ws = pt_model_ws(&mo, n);
        TEST(mo.T == 4, "variant %zu: T = iters + 1 = 4", v);
        v0 = c.oc.value_calls, g0 = c.oc.grad_calls;
        pt_model_forward(&mo, th, n, x, it, ws, 0);
        TEST(c.oc.value_calls - v0 == 12 * 3 * n && c.oc.grad_calls == g0,
             "variant %zu: evaluation makes samples x iters = 36 value calls per context", v);
        v0 = c.oc.value_calls, g0 = c.oc.grad_calls;
        pt_model_forward(&mo, th, n, x, it, ws, AMOR_FORWARD_TRAIN);
        TEST(grads ? (c.oc.grad_calls - g0 == 36 * n && c.oc.value_calls == v0)
                   : (c.oc.value_calls - v0 == 36 * n && c.oc.grad_calls == g0),
             "variant %zu: training makes 36 %s calls per context", v,
             grads ? "value_grad" : "value");
        if (v == 2) TEST(mo.np == 0, "latent_dim = 0: no parameters");
        free(th), free(it), free(ws);
        pt_model_close(&mo);
    }
    free(x);
    pt_prob_close(&c);
}

/* latent_dim = 0 on a quadratic: plain CEM over y. */
static void test_cem(void)
{
    pt_prob q = pt_prob_openv("quadratic", NULL, "dim", 3.0, NULL);
    pt_setting hard[] = {PT_INT("latent_dim", 0), PT_BOOL("soft", 0), PT_INT("samples", 200),
                         PT_INT("elites", 20), PT_INT("iters", 12)};
    pt_setting cold[] = {PT_INT("latent_dim", 0), PT_BOOL("soft", 1), PT_BOOL("normalize", 0),
                         PT_REAL("temperature", 1e-9), PT_INT("samples", 200),
                         PT_INT("elites", 20), PT_INT("iters", 12)};
    pt_model mh, ms;
    size_t n = 6, T, t, i, j;
    double *x, *ys, *ih, *is, *f, worst_first = 0, worst_last = 0, f0 = 0, fl = 0;
    void *wh, *wsoft;
    pt_prob_wrap(&q);
    pt_model_open_view(&mh, "dcem", &q, hard, PT_LEN(hard));
    pt_model_open_view(&ms, "dcem", &q, cold, PT_LEN(cold));
    T = mh.T;
    x = pt_dalloc(n * q.nx), ys = pt_dalloc(n * q.ny), f = pt_dalloc(n);
    ih = pt_dalloc(T * n * q.ny), is = pt_dalloc(T * n * q.ny);
    wh = pt_model_ws(&mh, n), wsoft = pt_model_ws(&ms, n);
    pt_prob_sample(&q, 7, n, x);
    pt_must(q.d.solve(q.inst, n, x, ys, NULL, 0), "solve", "");
    pt_model_forward(&mh, NULL, n, x, ih, wh, 0);
    pt_model_forward(&ms, NULL, n, x, is, wsoft, 0);
    for (i = 0; i < n * q.ny; i++) {
        double e0 = fabs(ih[i] - 0.0), el = fabs(ih[(T - 1) * n * q.ny + i] - ys[i]);
        if (e0 > worst_first) worst_first = e0;
        if (el > worst_last) worst_last = el;
    }
    TEST(worst_first == 0.0, "y^0 = mu_0 = 0");
    TEST(worst_last < 1e-3, "12 iterations of CEM (200 samples, 20 elites) reach y* to 1e-3 "
         "(max |y^K - y*| %.3g)", worst_last);
    for (t = 0; t < T; t++) {
        double s = 0;
        pt_prob_eval(&q, n, x, ih + t * n * q.ny, f, NULL);
        for (i = 0; i < n; i++) s += f[i];
        if (t == 0) f0 = s;
        if (t == T - 1) fl = s;
    }
    TEST(fl < f0, "the objective decreases from y^0 to y^K (%.6g -> %.6g)", f0 / n, fl / n);
    /* soft elites at temperature 1e-9 are the hard ones: the same iterates
     * while the gaps between the values of the k-th and (k+1)-th best
     * sample stay well above 1e-9 (the first 6 iterations; after 8 the
     * samples have shrunk so far that the gaps reach the temperature) */
    for (j = 0, worst_last = 0; j < 7 * n * q.ny; j++)
        if (fabs(ih[j] - is[j]) > worst_last) worst_last = fabs(ih[j] - is[j]);
    TEST(worst_last < 1e-12, "soft elites at temperature 1e-9 = hard elites, y^0..y^6 (max "
         "diff %.3g)", worst_last);
    free(x), free(ys), free(f), free(ih), free(is), free(wh), free(wsoft);
    pt_model_close(&mh), pt_model_close(&ms);
    pt_prob_close(&q);
}

/* A context's noise does not depend on its batch; noise_seed changes it. */
static void test_noise(void)
{
    pt_prob q = pt_prob_openv("quadratic", NULL, "dim", 4.0, NULL);
    pt_setting s0[12], s1[12];
    pt_setting seed1[] = {PT_INT("noise_seed", 1)};
    size_t n0 = small_set(s0, NULL, 0), n1 = small_set(s1, seed1, 1), n = 4, i, len;
    pt_model a, b;
    double *th, *x, *all, *one, *other, d = 0, moved = 0;
    void *wa, *w1;
    pt_prob_wrap(&q);
    pt_model_open_view(&a, "dcem", &q, s0, n0);
    pt_model_open_view(&b, "dcem", &q, s1, n1);
    len = a.T * n * a.ny;
    th = pt_model_theta(&a, 2, 0.1);
    x = pt_dalloc(n * q.nx), all = pt_dalloc(len), one = pt_dalloc(a.T * a.ny), other = pt_dalloc(len);
    wa = pt_model_ws(&a, n), w1 = pt_model_ws(&a, 1);
    pt_prob_sample(&q, 4, n, x);
    pt_model_forward(&a, th, n, x, all, wa, 0);
    pt_model_forward(&a, th, 1, x + 2 * q.nx, one, w1, 0);
    for (i = 0; i < a.T * a.ny; i++) {
        size_t t = i / a.ny, c = i % a.ny;
        d = fmax(d, fabs(one[i] - all[(t * n + 2) * a.ny + c]));
    }
    /* the same samples: equal up to the decoder's BLAS rounding, which
     * depends on the batch size */
    TEST(d < 1e-13, "context 2 alone gives its iterates in a batch of 4 (max diff %.3g)", d);
    pt_model_forward(&b, th, n, x, other, wa, 0);
    for (i = a.ny * n; i < len; i++) moved = fmax(moved, fabs(other[i] - all[i]));
    TEST(moved > 1e-3, "noise_seed = 1 draws other samples (iterates move by %.3g)", moved);
    free(th), free(x), free(all), free(one), free(other), free(wa), free(w1);
    pt_model_close(&a), pt_model_close(&b);
    pt_prob_close(&q);
}

static void refuse(const pt_prob *p, const pt_setting *set, size_t ns, const char *want,
                   const char *what)
{
    pt_model mo;
    char err[512];
    int rc = pt_model_make_view(&mo, "dcem", p, set, ns, err, sizeof err);
    TEST(rc == AMOR_EINVAL, "%s refused with AMOR_EINVAL", what);
    if (!TEST(strcmp(err, want) == 0, "%s: the message names the parameter", what))
        tap_diag("got: %s\n# want: %s", err, want);
    if (!rc) pt_model_close(&mo);
}

static void test_refusals(void)
{
    pt_prob c = pt_prob_openv("control_mpc", NULL, "links", 4.0, "actuated", 2.0, "horizon",
                              5.0, NULL);
    pt_setting eq[] = {PT_INT("samples", 10), PT_INT("elites", 10)};
    pt_setting gt[] = {PT_INT("samples", 10), PT_INT("elites", 11)};
    pt_setting lat[] = {PT_INT("latent_dim", 11)};
    pt_setting tau[] = {PT_REAL("temperature", 0)};
    pt_setting sig[] = {PT_REAL("init_sigma", 0)};
    pt_setting ok[] = {PT_INT("latent_dim", 10), PT_INT("samples", 11), PT_INT("elites", 10)};
    const amor_model_desc *d = (const amor_model_desc *)pt_find(AMOR_KIND_MODEL, "dcem");
    pt_model mo;
    char err[512];
    pt_prob_wrap(&c);
    refuse(&c, eq, 2, "dcem: parameter 'elites' (10) must be below 'samples' (10)",
           "elites = samples");
    refuse(&c, gt, 2, "dcem: parameter 'elites' (11) must be below 'samples' (10)",
           "elites > samples");
    refuse(&c, lat, 1, "dcem: parameter 'latent_dim' (11) must not exceed the length of the "
           "solution (the action sequence), ny = 10", "latent_dim > ny");
    refuse(&c, tau, 1, "dcem: parameter 'temperature' must be > 0, got 0", "temperature = 0");
    refuse(&c, sig, 1, "dcem: parameter 'init_sigma' must be > 0, got 0", "init_sigma = 0");
    TEST(pt_model_make_view(&mo, "dcem", &c, ok, 3, err, sizeof err) == AMOR_OK,
         "latent_dim = ny and elites = samples - 1 accepted");
    pt_model_close(&mo);
    {
        params_set ps = pt_params_with(&d->head, NULL, 0);
        pt_setting h[] = {PT_BOOL("soft", 0)}, z[] = {PT_INT("latent_dim", 0)};
        params_set ph = pt_params_with(&d->head, h, 1), pz = pt_params_with(&d->head, z, 1);
        TEST(d->needs_for(ps.values) == AMOR_NEEDS_GRAD, "needs_for: gradients by default");
        TEST(d->needs_for(ph.values) == AMOR_NEEDS_VALUE, "needs_for: values with soft = false");
        TEST(d->needs_for(pz.values) == AMOR_NEEDS_VALUE, "needs_for: values with latent_dim = 0");
        params_free(&ps), params_free(&ph), params_free(&pz);
    }
    pt_prob_close(&c);
}

int main(void)
{
    test_gradients();
    test_oracle_calls();
    test_cem();
    test_noise();
    test_refusals();
    return tap_done();
}
