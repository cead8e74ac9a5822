/*
 * t_step_shapes.c -- unroll_gd's step-size shapes (step: one learned log
 * step per step; shared: one for all steps; coordinate: Meta-SGD's signed
 * per-coordinate steps) and the proximal term lambda/2 |y - y^0|^2 in the
 * unrolled modes (exact, first_order, truncated): theta's layout, the
 * forward against a reference descent, and the gradients against central
 * differences, on quadratic dim 3 cond 5 and rosenbrock.  Meta-SGD's
 * meta-gradient on sinusoid is t_maml.c's; implicit MAML is t_imaml.c's.
 *
 * Tolerances: gradients vs central differences (h = 1e-6), max over theta
 * of |got - want| / max(1, |want|) <= 1e-5; identities <= 1e-12.
 */
#include "tap.h"
#include "plugtest.h"
#include "proxquad.h"

/* ------------------------------------------------------------------------ */
/* Step-size shapes and the proximal term in the unrolled modes             */

/* Settings of the shape checks into s (room for 12). */
static size_t shape_set(pt_setting *s, const char *init, const char *shape, int K,
                        const char *grad, double lambda, int window)
{
    size_t k = pt_ugd_set(s, init, K, 0.1, 1, grad, window);
    s[k++] = (pt_setting)PT_STR("step_shape", shape);
    s[k++] = (pt_setting)PT_REAL("lambda", lambda);
    s[k++] = (pt_setting)PT_REAL("step0_low", 0.02);
    return k;
}

static void test_shapes_layout(void)
{
    pt_prob p;
    pt_model mo;
    pt_setting s[12];
    static const struct {
        const char *shape;
        size_t n1, n10; /* step sizes in theta at steps 1 and 10 */
    } want[] = {{"step", 1, 10}, {"shared", 1, 1}, {"coordinate", 3, 3}};
    size_t a, K, np[2];
    double *th, *th2;
    int ok = 1, in_range = 1, varied = 0;
    quad_open(&p);
    for (a = 0; a < PT_LEN(want); a++)
        for (K = 0; K < 2; K++) {
            pt_model_on(&mo, "unroll_gd", &p, s,
                        shape_set(s, "constant", want[a].shape, K ? 10 : 1, "exact", 0, 1));
            np[K] = mo.np;
            pt_model_close(&mo);
            ok = ok && np[K] == 3 + (K ? want[a].n10 : want[a].n1);
        }
    {
        size_t ns = quad_set(s, "mlp", "implicit", 1);
        pt_model_on(&mo, "unroll_gd", &p, s, ns);
        np[0] = mo.np;
        pt_model_close(&mo);
        s[2] = (pt_setting)PT_INT("steps", 10);
        pt_model_on(&mo, "unroll_gd", &p, s, ns);
        ok = ok && np[0] == mo.np && mo.T == 2;
        pt_model_close(&mo);
    }
    tap_ok(ok, "num_params: K log step sizes with step_shape = step, 1 with shared, ny with "
           "coordinate, the same for steps = 1 and 10 with shared, coordinate and grad = "
           "implicit (a model rebuilt with more steps takes the same theta)");

    /* initial step sizes: shared log step0; coordinate uniform on [step0_low,
     * step0] from init's rng, reproducible */
    pt_model_on(&mo, "unroll_gd", &p, s, shape_set(s, "constant", "shared", 4, "exact", 0, 1));
    th = pt_model_theta(&mo, 50, 0.0);
    ok = th[3] == log(0.1);
    free(th);
    pt_model_close(&mo);
    pt_model_on(&mo, "unroll_gd", &p, s, shape_set(s, "constant", "coordinate", 4, "exact", 0, 1));
    th = pt_model_theta(&mo, 51, 0.0), th2 = pt_model_theta(&mo, 51, 0.0);
    for (a = 3; a < 6; a++) {
        in_range = in_range && th[a] >= 0.02 && th[a] <= 0.1;
        varied = varied || th[a] != th[3];
    }
    tap_ok(ok && in_range && varied && pt_max_absdiff(th, th2, mo.np) == 0.0,
           "init: shared starts at log step0; coordinate (Meta-SGD) at step sizes "
           "uniform on [step0_low, step0] = [0.02, 0.1] (%.4f %.4f %.4f), the same for "
           "the same seed", th[3], th[4], th[5]);
    free(th), free(th2);
    pt_model_close(&mo);
    s[pt_ugd_set(s, "constant", 4, 0.1, 1, "exact", 1)] = (pt_setting)PT_STR("step_shape",
                                                                            "coordinate");
    pt_model_on(&mo, "unroll_gd", &p, s, 8);
    th = pt_model_theta(&mo, 52, 0.0);
    tap_ok(th[3] == 0.1 && th[4] == 0.1 && th[5] == 0.1,
           "coordinate with step0_low = 0 (default): every step size starts at step0, "
           "not in log");
    free(th);
    pt_model_close(&mo);
    pt_prob_close(&p);
}

/* Reference descent on f + lambda/2 |y - y^0|^2 with step sizes a_t (ny)
 * per coordinate: out (K + 1, n, ny), gradients from the problem itself. */
static void ref_prox_gd(pt_prob *p, size_t n, const double *x, const double *y0,
                        const double *a, size_t K, double lambda, double *out)
{
    size_t ny = p->ny, len = n * ny, t, k;
    double *f = pt_dalloc(n), *g = pt_dalloc(len);
    memcpy(out, y0, len * sizeof *out);
    for (t = 1; t <= K; t++) {
        double *prev = out + (t - 1) * len;
        pt_prob_eval(p, n, x, prev, f, g);
        for (k = 0; k < len; k++)
            out[t * len + k] = prev[k] - a[(t - 1) * ny + k % ny] * (g[k] + lambda * (prev[k] - y0[k]));
    }
    free(f), free(g);
}

static void test_shapes_forward(void)
{
    const size_t n = 4, K = 3;
    pt_prob p;
    pt_model mo;
    pt_setting s[12];
    size_t ny = QDIM, len = n * ny, i, t, k;
    double *th, *x, *it, *want, *y0 = pt_dalloc(len), a[3 * 3], e1, e2;
    void *ws;
    quad_open(&p);
    x = pt_dalloc(n * p.nx), it = pt_dalloc((K + 1) * len), want = pt_dalloc((K + 1) * len);
    pt_prob_sample(&p, 60, n, x);

    pt_model_on(&mo, "unroll_gd", &p, s, shape_set(s, "constant", "coordinate", (int)K, "exact", 0.7, 1));
    th = pt_model_theta(&mo, 61, 1.0);
    th[3] = 0.05, th[4] = 0.1, th[5] = -0.02; /* signed: learned as they are */
    for (t = 0; t < K; t++)
        for (k = 0; k < ny; k++) a[t * ny + k] = th[3 + k];
    for (i = 0; i < n; i++) memcpy(y0 + i * ny, th, ny * sizeof *y0);
    ws = pt_model_ws(&mo, n);
    pt_model_forward(&mo, th, n, x, it, ws, 0);
    ref_prox_gd(&p, n, x, y0, a, K, 0.7, want);
    e1 = pt_max_relerr(it, want, (K + 1) * len);
    free(th), free(ws);
    pt_model_close(&mo);

    pt_model_on(&mo, "unroll_gd", &p, s, shape_set(s, "constant", "shared", (int)K, "exact", 0.7, 1));
    th = pt_model_theta(&mo, 62, 1.0);
    th[3] = log(0.12);
    for (k = 0; k < K * ny; k++) a[k] = 0.12;
    for (i = 0; i < n; i++) memcpy(y0 + i * ny, th, ny * sizeof *y0);
    ws = pt_model_ws(&mo, n);
    pt_model_forward(&mo, th, n, x, it, ws, 0);
    ref_prox_gd(&p, n, x, y0, a, K, 0.7, want);
    e2 = pt_max_relerr(it, want, (K + 1) * len);
    tap_ok(e1 <= 1e-12 && e2 <= 1e-12 && pt_max_absdiff(it + K * len, it, len) > 1e-3,
           "forward, lambda 0.7: y^t = y^{t-1} - a o (grad f + lambda (y^{t-1} - y^0)) "
           "with a = theta's (0.05, 0.1, -0.02) per coordinate (max rel err %.2g) and "
           "exp(theta) = 0.12 shared (%.2g) vs descent written here", e1, e2);
    free(th), free(ws), free(x), free(it), free(want), free(y0);
    pt_model_close(&mo);
    pt_prob_close(&p);
}

/* exact with every shape, with and without lambda, against central
 * differences; truncated with window = K equals exact; first_order with
 * lambda still passes sum_t G_t to a constant init (d y^t / d y^0 = I once
 * H is dropped: (1 - a lambda) + a lambda per step). */
static void test_shapes_grad(void)
{
    static const char *const shapes[] = {"step", "shared", "coordinate"};
    static const double lambdas[] = {0.0, 0.7};
    const size_t n = 4, K = 3;
    pt_prob p = pt_prob_openv("rosenbrock", NULL, "b_max", 2.0, NULL);
    pt_model mo;
    pt_setting s[12];
    size_t a, b, k, ny, len;
    double *th, *x, *G, *ge, *gt, e;
    void *ws;
    amor_rng r;

    pt_prob_wrap(&p);
    ny = p.ny, len = n * ny;
    for (a = 0; a < PT_LEN(shapes); a++)
        for (b = 0; b < PT_LEN(lambdas); b++) {
            pt_model_on(&mo, "unroll_gd", &p, s,
                        shape_set(s, "mlp", shapes[a], (int)K, "exact", lambdas[b], 1));
            e = pt_model_grad_err(&mo, &p, n, 70 + 2 * a + b, 0);
            tap_ok(e <= 1e-5, "rosenbrock, exact, step_shape %s, lambda %g, init mlp, K 3: "
                   "backward = central differences over %zu params (max rel err %.2g)",
                   shapes[a], lambdas[b], mo.np, e);
            pt_model_close(&mo);
        }

    x = pt_dalloc(n * p.nx), G = pt_dalloc((K + 1) * len);
    pt_prob_sample(&p, 80, n, x);
    amor_rng_seed(&r, 81);
    pt_randn(G, (K + 1) * len, 1, &r);
    pt_model_on(&mo, "unroll_gd", &p, s, shape_set(s, "mlp", "coordinate", (int)K, "exact", 0.7, 1));
    th = pt_model_theta(&mo, 82, 0.1);
    ge = pt_dalloc(mo.np), gt = pt_dalloc(mo.np);
    ws = pt_model_ws(&mo, n);
    pt_model_grad(&mo, th, n, x, G, ge, ws);
    free(ws);
    pt_model_close(&mo);
    pt_model_on(&mo, "unroll_gd", &p, s,
                shape_set(s, "mlp", "coordinate", (int)K, "truncated", 0.7, (int)K));
    ws = pt_model_ws(&mo, n);
    pt_model_grad(&mo, th, n, x, G, gt, ws);
    e = pt_max_relerr(gt, ge, mo.np);
    tap_ok(e <= 1e-12, "coordinate, lambda 0.7: truncated with window = K equals exact "
           "(max rel err %.2g)", e);
    free(ws), free(th), free(ge), free(gt);
    pt_model_close(&mo);

    pt_model_on(&mo, "unroll_gd", &p, s,
                shape_set(s, "constant", "coordinate", (int)K, "first_order", 0.7, 1));
    th = pt_model_theta(&mo, 83, 0.1);
    ge = pt_dalloc(mo.np);
    ws = pt_model_ws(&mo, n);
    pt_model_grad(&mo, th, n, x, G, ge, ws);
    {
        double want[2] = {0, 0};
        for (k = 0; k < (K + 1) * len; k++) want[k % 2] += G[k];
        e = pt_max_relerr(ge, want, 2);
        tap_ok(e <= 1e-12, "first_order, lambda 0.7, coordinate, init constant: d theta_y0 "
               "= sum over iterates and contexts of G (max rel err %.2g)", e);
    }
    free(ws), free(th), free(ge), free(x), free(G);
    pt_model_close(&mo);
    pt_prob_close(&p);
}


int main(void)
{
    test_shapes_layout();
    test_shapes_forward();
    test_shapes_grad();
    (void)tap_skip_all;
    (void)tap_close;
    if (pt_loader_) loader_free(pt_loader_);
    return tap_done();
}
