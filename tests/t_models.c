/*
 * t_models.c -- TAP tests of the `linear` and `mlp` model plugins, loaded
 * from build/plugins: gradients against central differences, accumulation,
 * batching, output transforms, init, parameters.  The shared math on its
 * own is t_amath.c's.
 */
#include "tap.h"
#include "plugtest.h"

/* ------------------------------------------------------------------------ */
/* Gradient of sum(G .* y_hat(theta)) against central differences           */

static void check_grad(const char *label, pt_model *mi, uint64_t seed)
{
    const size_t n = 5;
    amor_rng r;
    char err[256] = "";
    double *theta = pt_dalloc(mi->np), *g = pt_dalloc(mi->np), *g2 = pt_dalloc(mi->np),
           *fd = pt_dalloc(mi->np), *pre = pt_dalloc(mi->np);
    double *x = pt_dalloc(n * mi->nx), *G = pt_dalloc(n * mi->ny), *yhat = pt_dalloc(n * mi->ny);
    void *ws = pt_model_ws(mi, n);
    pt_model_fd c = {mi, n, x, G, yhat, ws, 0};
    double e, e2, e3;
    size_t k;

    amor_rng_seed(&r, seed);
    pt_model_init(mi, &r, 0.3, theta);
    pt_randn(x, n * mi->nx, 1.0, &r);
    pt_randn(G, n * mi->ny, 1.0, &r);
    pt_randn(pre, mi->np, 1.0, &r);

    pt_model_forward(mi, theta, n, x, yhat, ws, AMOR_FORWARD_TRAIN);
    pt_must(mi->d->backward(mi->m, theta, n, x, G, g, ws, err, sizeof err),
            "backward", err);
    pt_must(mi->d->backward(mi->m, theta, n, x, G, g2, ws, err, sizeof err),
            "backward", err);
    pt_must(mi->d->backward(mi->m, theta, n, x, G, g2, ws, err, sizeof err),
            "backward", err);
    /* a pre-filled dtheta must be added to, not overwritten */
    pt_must(mi->d->backward(mi->m, theta, n, x, G, pre, ws, err, sizeof err),
            "backward", err);

    pt_fd_grad(pt_model_fd_loss, &c, theta, mi->np, 1e-6, fd);
    e = pt_max_relerr(g, fd, mi->np);
    if (!tap_ok(e <= 1e-6, "%s: backward = central differences over %zu params "
                "(max rel err %.2g <= 1e-6)", label, mi->np, e))
        for (k = 0; k < mi->np && k < 12; k++)
            tap_diag("theta[%zu]: got: %.12g  want: %.12g", k, g[k], fd[k]);

    for (k = 0; k < mi->np; k++) fd[k] = 2 * g[k];
    e2 = pt_max_relerr(g2, fd, mi->np);
    tap_ok(e2 <= 1e-14, "%s: two backward calls accumulate 2x the gradient "
           "(max rel err %.2g)", label, e2);
    amor_rng_seed(&r, seed); /* replay the stream up to `pre` */
    {
        double *t = pt_dalloc(mi->np), *xx = pt_dalloc(n * mi->nx), *gg = pt_dalloc(n * mi->ny);
        pt_model_init(mi, &r, 0.3, t);
        pt_randn(xx, n * mi->nx, 1.0, &r);
        pt_randn(gg, n * mi->ny, 1.0, &r);
        pt_randn(fd, mi->np, 1.0, &r);
        for (k = 0; k < mi->np; k++) fd[k] += g[k];
        free(t), free(xx), free(gg);
    }
    e3 = pt_max_relerr(pre, fd, mi->np);
    tap_ok(e3 <= 1e-14, "%s: backward adds to a non-zero dtheta (max rel err %.2g)",
           label, e3);
    free(theta), free(g), free(g2), free(fd), free(pre), free(x), free(G),
        free(yhat), free(ws);
}

/* Default-sized net: the gradient along random directions. */
static void check_grad_dirs(const char *label, pt_model *mi, uint64_t seed)
{
    const size_t n = 16;
    amor_rng r;
    char err[256] = "", what[160];
    double *theta = pt_dalloc(mi->np), *g = pt_dalloc(mi->np), *dir = pt_dalloc(mi->np);
    double *x = pt_dalloc(n * mi->nx), *G = pt_dalloc(n * mi->ny), *yhat = pt_dalloc(n * mi->ny);
    void *ws = pt_model_ws(mi, n);
    pt_model_fd c = {mi, n, x, G, yhat, ws, 0};
    size_t t, k;
    amor_rng_seed(&r, seed);
    pt_must(mi->d->init(mi->m, &r, theta, err, sizeof err), "init", err);
    pt_randn(x, n * mi->nx, 1.0, &r);
    pt_randn(G, n * mi->ny, 1.0, &r);
    pt_model_forward(mi, theta, n, x, yhat, ws, AMOR_FORWARD_TRAIN);
    pt_must(mi->d->backward(mi->m, theta, n, x, G, g, ws, err, sizeof err),
            "backward", err);
    for (t = 0; t < 3; t++) {
        double gd = 0;
        pt_randn(dir, mi->np, 1.0, &r);
        for (k = 0; k < mi->np; k++) gd += g[k] * dir[k];
        snprintf(what, sizeof what, "%s (%zu params): gradient . random direction %zu "
                 "= central difference (rtol 1e-6)", label, mi->np, t);
        tap_close(pt_fd_dir(pt_model_fd_loss, &c, theta, dir, mi->np, 1e-6), gd, 1e-6,
                  1e-6, what);
    }
    free(theta), free(g), free(dir), free(x), free(G), free(yhat), free(ws);
}

/* ------------------------------------------------------------------------ */
/* Independent reference forward (plain loops, textbook formulas)            */

static double ref_act(const char *a, double z)
{
    if (!strcmp(a, "relu")) return z > 0 ? z : 0;
    if (!strcmp(a, "tanh")) return tanh(z);
    if (!strcmp(a, "softplus")) return log(1 + exp(z));
    return z > 0 ? z : exp(z) - 1; /* elu */
}

/* dims[0..L]; theta layout W_l (dims[l+1], dims[l]) then b_l. */
static void ref_mlp(double *y, const double *theta, const double *x,
                    const size_t *dims, size_t L, const char *act,
                    const char *out, double lo, double hi)
{
    double a[64], b[64];
    size_t l, i, j;
    const double *p = theta;
    memcpy(a, x, dims[0] * sizeof *a);
    for (l = 0; l < L; l++) {
        const double *W = p, *bias = p + dims[l + 1] * dims[l];
        for (i = 0; i < dims[l + 1]; i++) {
            double s = bias[i];
            for (j = 0; j < dims[l]; j++) s += W[i * dims[l] + j] * a[j];
            b[i] = l + 1 < L ? ref_act(act, s) : s;
        }
        p = bias + dims[l + 1];
        memcpy(a, b, dims[l + 1] * sizeof *a);
    }
    {
        size_t d = dims[L];
        double s = 0;
        for (i = 0; i < d; i++) {
            if (!strcmp(out, "none")) y[i] = a[i];
            else if (!strcmp(out, "tanh_box")) y[i] = lo + (hi - lo) * (tanh(a[i]) + 1) / 2;
            else if (!strcmp(out, "sphere")) s += a[i] * a[i];
            else s += exp(a[i]);
        }
        if (!strcmp(out, "sphere"))
            for (i = 0; i < d; i++) y[i] = a[i] / sqrt(s);
        if (!strcmp(out, "simplex"))
            for (i = 0; i < d; i++) y[i] = exp(a[i]) / s;
    }
}

static void check_reference(const char *label, pt_model *mi, const size_t *dims,
                            size_t L, const char *act, const char *out,
                            double lo, double hi, uint64_t seed)
{
    const size_t n = 4;
    amor_rng r;
    double *theta = pt_dalloc(mi->np), *x = pt_dalloc(n * mi->nx), *y = pt_dalloc(n * mi->ny),
           *want = pt_dalloc(n * mi->ny);
    void *ws = pt_model_ws(mi, n);
    size_t i;
    double e;
    amor_rng_seed(&r, seed);
    pt_model_init(mi, &r, 0.3, theta);
    pt_randn(x, n * mi->nx, 1.0, &r);
    pt_model_forward(mi, theta, n, x, y, ws, 0);
    for (i = 0; i < n; i++)
        ref_mlp(want + i * mi->ny, theta, x + i * mi->nx, dims, L, act, out, lo, hi);
    e = pt_max_relerr(y, want, n * mi->ny);
    tap_ok(e <= 1e-12, "%s: forward = plain-loop reference (max rel err %.2g)",
           label, e);
    free(theta), free(x), free(y), free(want), free(ws);
}

/* ------------------------------------------------------------------------ */
/* Batched forward equals single-row forwards                               */

static void check_batch(const char *label, pt_model *mi, uint64_t seed)
{
    const size_t n = 7;
    amor_rng r;
    char err[256] = "";
    double *theta = pt_dalloc(mi->np), *x = pt_dalloc(n * mi->nx), *y = pt_dalloc(n * mi->ny),
           *y1 = pt_dalloc(n * mi->ny);
    void *ws = pt_model_ws(mi, n), *ws1 = pt_model_ws(mi, 1);
    size_t i;
    double e;
    amor_rng_seed(&r, seed);
    pt_must(mi->d->init(mi->m, &r, theta, err, sizeof err), "init", err);
    pt_randn(x, n * mi->nx, 1.0, &r);
    pt_model_forward(mi, theta, n, x, y, ws, AMOR_FORWARD_TRAIN);
    for (i = 0; i < n; i++)
        pt_model_forward(mi, theta, 1, x + i * mi->nx, y1 + i * mi->ny, ws1, 0);
    e = pt_max_relerr(y, y1, n * mi->ny);
    tap_ok(e <= 1e-14, "%s: forward on n = 7 = seven n = 1 forwards (max rel err %.2g)",
           label, e);
    free(theta), free(x), free(y), free(y1), free(ws), free(ws1);
}

/* ------------------------------------------------------------------------ */
/* mlp: the activation x output grid                                        */

static const char *const acts[] = {"relu", "tanh", "softplus", "elu"};
static const char *const outs[] = {"none", "tanh_box", "sphere", "simplex"};

static void test_mlp_grid(void)
{
    static const int64_t h54[] = {5, 4};
    size_t a, o;
    for (a = 0; a < PT_LEN(acts); a++)
        for (o = 0; o < PT_LEN(outs); o++) {
            pt_setting set[] = {
                PT_LIST("hidden", h54),
                PT_STR("activation", acts[a]),
                PT_STR("output", outs[o]),
                PT_REAL("box_lo", -2.0),
                PT_REAL("box_hi", 0.5),
            };
            const size_t dims[] = {3, 5, 4, 4};
            char label[128];
            pt_model mi;
            pt_model_open(&mi, "mlp", NULL, 3, 4, set, PT_LEN(set));
            snprintf(label, sizeof label, "mlp %s/%s hidden 5,4", acts[a], outs[o]);
            check_grad(label, &mi, 100 + 10 * a + o);
            check_reference(label, &mi, dims, 3, acts[a], outs[o], -2.0, 0.5,
                            200 + 10 * a + o);
            check_batch(label, &mi, 300 + 10 * a + o);
            pt_model_close(&mi);
        }
}

static void test_mlp_shapes(void)
{
    static const int64_t h3[] = {3}, h654[] = {6, 5, 4};
    size_t o;
    char label[128];
    pt_model mi;
    /* empty hidden list: affine, with every output transform */
    for (o = 0; o < PT_LEN(outs); o++) {
        pt_setting set[] = {PT_LISTN("hidden", NULL, 0),
                         PT_STR("output", outs[o])};
        const size_t dims[] = {3, 4};
        pt_model_open(&mi, "mlp", NULL, 3, 4, set, PT_LEN(set));
        snprintf(label, sizeof label, "mlp hidden {} (affine) /%s", outs[o]);
        tap_ok(mi.np == 4 * 3 + 4, "%s: num_params = %zu, want 16", label, mi.np);
        tap_ok(mi.d->workspace_size(mi.m, 5) ==
                   (o ? 3 * 5 * 4 * sizeof(double) : 0),
               "%s: workspace_size(5) = %zu", label, mi.d->workspace_size(mi.m, 5));
        check_grad(label, &mi, 400 + o);
        check_reference(label, &mi, dims, 1, "relu", outs[o], -1.0, 1.0, 410 + o);
        check_batch(label, &mi, 420 + o);
        pt_model_close(&mi);
    }
    {   /* one hidden layer, and three (the backward scratch ping-pongs) */
        pt_setting s1[] = {PT_LIST("hidden", h3),
                        PT_STR("activation", "softplus")};
        pt_setting s3[] = {PT_LIST("hidden", h654),
                        PT_STR("activation", "tanh"),
                        PT_STR("output", "sphere")};
        const size_t d1[] = {2, 3, 1}, d3[] = {4, 6, 5, 4, 3};
        pt_model_open(&mi, "mlp", NULL, 2, 1, s1, PT_LEN(s1));
        tap_ok(mi.np == 3 * 2 + 3 + 1 * 3 + 1, "mlp hidden 3, nx 2, ny 1: num_params = %zu, want 13", mi.np);
        check_grad("mlp softplus/none hidden 3, ny 1", &mi, 430);
        check_reference("mlp softplus/none hidden 3, ny 1", &mi, d1, 2, "softplus", "none", 0, 0, 431);
        pt_model_close(&mi);
        pt_model_open(&mi, "mlp", NULL, 4, 3, s3, PT_LEN(s3));
        tap_ok(mi.np == (6 * 4 + 6) + (5 * 6 + 5) + (4 * 5 + 4) + (3 * 4 + 3),
               "mlp hidden 6,5,4: num_params = %zu, want 104", mi.np);
        check_grad("mlp tanh/sphere hidden 6,5,4", &mi, 440);
        check_reference("mlp tanh/sphere hidden 6,5,4", &mi, d3, 4, "tanh", "sphere", 0, 0, 441);
        check_batch("mlp tanh/sphere hidden 6,5,4", &mi, 442);
        pt_model_close(&mi);
    }
    {   /* defaults: hidden {64, 64}, relu, none */
        pt_model_open(&mi, "mlp", NULL, 6, 3, NULL, 0);
        tap_ok(mi.np == (64 * 6 + 64) + (64 * 64 + 64) + (3 * 64 + 3),
               "mlp defaults, nx 6, ny 3: num_params = %zu, want 4803", mi.np);
        check_grad_dirs("mlp defaults", &mi, 450);
        check_batch("mlp defaults", &mi, 451);
        pt_model_close(&mi);
    }
    {   /* n = 0: nothing to do, no workspace, success */
        char err[256] = "";
        double theta[1] = {0}, dtheta[1] = {0};
        int rc;
        pt_model_open(&mi, "mlp", NULL, 3, 2, NULL, 0);
        rc = mi.d->forward(mi.m, theta, 0, NULL, NULL, NULL, AMOR_FORWARD_TRAIN, err, sizeof err) ||
             mi.d->backward(mi.m, theta, 0, NULL, NULL, dtheta, NULL, err, sizeof err);
        tap_ok(rc == 0 && mi.d->workspace_size(mi.m, 0) == 0,
               "mlp: n = 0 forward/backward succeed with no workspace");
        tap_ok(mi.d->num_iterates(mi.m) == 1, "mlp: num_iterates = 1");
        pt_model_close(&mi);
    }
}

/* ------------------------------------------------------------------------ */
/* Output transforms                                                        */

/* Forward a batch with theta scaled by `scale` after init; returns y. */
static double *forward_scaled(pt_model *mi, size_t n, double scale, uint64_t seed)
{
    amor_rng r;
    char err[256] = "";
    double *theta = pt_dalloc(mi->np), *x = pt_dalloc(n * mi->nx), *y = pt_dalloc(n * mi->ny);
    void *ws = pt_model_ws(mi, n);
    size_t k;
    amor_rng_seed(&r, seed);
    pt_must(mi->d->init(mi->m, &r, theta, err, sizeof err), "init", err);
    for (k = 0; k < mi->np; k++) theta[k] = scale * (theta[k] + 0.3 * amor_rng_normal(&r));
    pt_randn(x, n * mi->nx, 1.0, &r);
    pt_model_forward(mi, theta, n, x, y, ws, AMOR_FORWARD_TRAIN);
    free(theta), free(x), free(ws);
    return y;
}

static void test_outputs(void)
{
    const size_t n = 50, ny = 5;
    static const double scales[] = {1.0, 1e3};
    size_t s, i, j;
    pt_model mi;
    for (s = 0; s < PT_LEN(scales); s++) {
        pt_setting sp[] = {PT_STR("output", "sphere")};
        pt_setting sx[] = {PT_STR("output", "simplex")};
        pt_setting tb[] = {PT_STR("output", "tanh_box"),
                        PT_REAL("box_lo", -0.25),
                        PT_REAL("box_hi", 3.0)};
        double worst = 0, *y;
        int ok = 1, inside = 1;
        double ymin = INFINITY, ymax = -INFINITY;

        pt_model_open(&mi, "mlp", NULL, 3, ny, sp, PT_LEN(sp));
        y = forward_scaled(&mi, n, scales[s], 500 + s);
        for (i = 0; i < n; i++) {
            double q = 0;
            for (j = 0; j < ny; j++) q += y[i * ny + j] * y[i * ny + j];
            if (!(fabs(sqrt(q) - 1) <= worst)) worst = fabs(sqrt(q) - 1);
        }
        tap_ok(worst <= 1e-14, "sphere (theta x %g): |y| = 1 on %zu rows (max err %.2g)",
               scales[s], n, worst);
        free(y), pt_model_close(&mi);

        pt_model_open(&mi, "mlp", NULL, 3, ny, sx, PT_LEN(sx));
        y = forward_scaled(&mi, n, scales[s], 510 + s);
        worst = 0;
        for (i = 0; i < n; i++) {
            double q = 0;
            for (j = 0; j < ny; j++) {
                q += y[i * ny + j];
                if (!(y[i * ny + j] > 0) && scales[s] == 1.0) ok = 0;
                if (!(y[i * ny + j] >= 0)) ok = 0;
            }
            if (!(fabs(q - 1) <= worst)) worst = fabs(q - 1);
        }
        tap_ok(worst <= 1e-14 && ok,
               "simplex (theta x %g): rows sum to 1 (max err %.2g) and are %s",
               scales[s], worst, scales[s] == 1.0 ? "positive" : "finite, >= 0");
        free(y), pt_model_close(&mi);

        pt_model_open(&mi, "mlp", NULL, 3, ny, tb, PT_LEN(tb));
        y = forward_scaled(&mi, n, scales[s], 520 + s);
        for (i = 0; i < n * ny; i++) {
            if (!(y[i] >= -0.25 && y[i] <= 3.0)) inside = 0;
            if (y[i] < ymin) ymin = y[i];
            if (y[i] > ymax) ymax = y[i];
        }
        tap_ok(inside, "tanh_box [-0.25, 3] (theta x %g): outputs inside, range [%.17g, %.17g]",
               scales[s], ymin, ymax);
        if (scales[s] > 1)
            tap_ok(ymin == -0.25 && ymax == 3.0,
                   "tanh_box saturates exactly at the bounds (got [%.17g, %.17g])", ymin, ymax);
        free(y), pt_model_close(&mi);
    }
    {   /* sphere at z = 0 (theta = 0): a unit vector and a finite, zero gradient */
        char err[256] = "";
        double theta[64] = {0}, dtheta[64] = {0}, x[6] = {1, 2, 3, 4, 5, 6},
               y[4], G[4] = {1, -2, 3, 0.5};
        void *ws;
        size_t k;
        int fin = 1, zero = 1;
        static const int64_t h2[] = {2};
        pt_setting sg[] = {PT_STR("output", "sphere"),
                        PT_LIST("hidden", h2)};
        pt_model_open(&mi, "mlp", NULL, 3, 2, sg, PT_LEN(sg));
        ws = pt_model_ws(&mi, 2);
        pt_model_forward(&mi, theta, 2, x, y, ws, AMOR_FORWARD_TRAIN);
        pt_must(mi.d->backward(mi.m, theta, 2, x, G, dtheta, ws, err, sizeof err), "backward", err);
        for (k = 0; k < mi.np; k++) {
            if (!isfinite(dtheta[k])) fin = 0;
            if (dtheta[k] != 0) zero = 0;
        }
        tap_ok(y[0] * y[0] + y[1] * y[1] == 1 && y[2] * y[2] + y[3] * y[3] == 1 && fin && zero,
               "sphere at z = 0: unit output (%g, %g) and zero gradient", y[0], y[1]);
        free(ws), pt_model_close(&mi);
    }
}

/* ------------------------------------------------------------------------ */
/* Initialization                                                           */

static void test_init(void)
{
    static const int64_t h[] = {50, 20};
    pt_setting set[] = {PT_LIST("hidden", h)};
    const size_t dims[] = {3, 50, 20, 4};
    char err[256] = "";
    amor_rng r;
    pt_model mi;
    double *a, *b, *want;
    size_t l, k, off = 0;
    int inbounds = 1, wide = 1;

    pt_model_open(&mi, "mlp", NULL, 3, 4, set, PT_LEN(set));
    a = pt_dalloc(mi.np), b = pt_dalloc(mi.np), want = pt_dalloc(mi.np);
    amor_rng_seed(&r, 7);
    pt_must(mi.d->init(mi.m, &r, a, err, sizeof err), "init", err);
    amor_rng_seed(&r, 7);
    pt_must(mi.d->init(mi.m, &r, b, err, sizeof err), "init", err);
    tap_ok(!memcmp(a, b, mi.np * sizeof *a), "mlp init: same seed, same theta");
    amor_rng_seed(&r, 8);
    pt_must(mi.d->init(mi.m, &r, b, err, sizeof err), "init", err);
    tap_ok(memcmp(a, b, mi.np * sizeof *a) != 0, "mlp init: another seed, another theta");

    /* PyTorch nn.Linear: |W|, |b| <= 1/sqrt(fan_in), and the draws fill the
     * range (a bound from fan_out would be too narrow or too wide). */
    for (l = 0; l < 3; l++) {
        size_t cnt = dims[l + 1] * dims[l] + dims[l + 1];
        double bound = 1 / sqrt((double)dims[l]), amax = 0;
        for (k = 0; k < cnt; k++) amax = fmax(amax, fabs(a[off + k]));
        if (!(amax <= bound)) inbounds = 0;
        if (!(amax >= 0.95 * bound)) wide = 0;
        tap_diag("layer %zu: fan_in %zu, bound %.4f, max |theta| %.4f", l, dims[l], bound, amax);
        off += cnt;
    }
    tap_ok(inbounds && wide && off == mi.np,
           "mlp init: every layer within U(-1/sqrt(fan_in), 1/sqrt(fan_in)) and filling it");

    /* exact stream: layer by layer, W row-major then b, amor_rng_range */
    amor_rng_seed(&r, 7);
    for (l = 0, off = 0; l < 3; l++) {
        double bound = 1 / sqrt((double)dims[l]);
        size_t cnt = dims[l + 1] * dims[l] + dims[l + 1];
        for (k = 0; k < cnt; k++) want[off + k] = amor_rng_range(&r, -bound, bound);
        off += cnt;
    }
    tap_ok(!memcmp(a, want, mi.np * sizeof *a),
           "mlp init: theta = (W1, b1, W2, b2, W3, b3) drawn in that order");
    free(a), free(b), free(want), pt_model_close(&mi);

    {   /* linear: W ~ N(0, 1/nx) init_scale, b = 0 */
        pt_setting ls[] = {PT_REAL("init_scale", 2.5)};
        size_t nx = 9, ny = 3;
        int same;
        pt_model_open(&mi, "linear", NULL, nx, ny, ls, PT_LEN(ls));
        tap_ok(mi.np == ny * nx + ny, "linear: num_params = %zu, want 30", mi.np);
        a = pt_dalloc(mi.np), want = pt_dalloc(mi.np);
        amor_rng_seed(&r, 11);
        pt_must(mi.d->init(mi.m, &r, a, err, sizeof err), "init", err);
        amor_rng_seed(&r, 11);
        for (k = 0; k < ny * nx; k++) want[k] = 2.5 / 3.0 * amor_rng_normal(&r);
        same = 1;
        for (k = 0; k < mi.np; k++)
            if (fabs(a[k] - want[k]) > 1e-15 * fabs(want[k])) same = 0;
        tap_ok(same, "linear init: W = init_scale N(0, 1/nx) from the rng stream, b = 0");
        free(a), free(want), pt_model_close(&mi);
    }
}

/* ------------------------------------------------------------------------ */
/* linear                                                                   */

static void test_linear(void)
{
    const size_t nx = 4, ny = 3, n = 6;
    amor_rng r;
    pt_model mi;
    double *theta, *x, *y, *want, e;
    size_t i, j, k;

    pt_model_open(&mi, "linear", NULL, nx, ny, NULL, 0);
    check_grad("linear", &mi, 600);
    check_batch("linear", &mi, 601);
    tap_ok(mi.d->num_iterates(mi.m) == 1, "linear: num_iterates = 1");
    theta = pt_dalloc(mi.np), x = pt_dalloc(n * nx), y = pt_dalloc(n * ny), want = pt_dalloc(n * ny);
    amor_rng_seed(&r, 602);
    pt_randn(theta, mi.np, 1.0, &r);
    pt_randn(x, n * nx, 1.0, &r);
    pt_model_forward(&mi, theta, n, x, y, NULL, 0);
    for (i = 0; i < n; i++)
        for (j = 0; j < ny; j++) {
            double s = theta[ny * nx + j];
            for (k = 0; k < nx; k++) s += theta[j * nx + k] * x[i * nx + k];
            want[i * ny + j] = s;
        }
    e = pt_max_relerr(y, want, n * ny);
    tap_ok(e <= 1e-14, "linear: forward = W x + b by loops (max rel err %.2g)", e);
    free(theta), free(x), free(y), free(want), pt_model_close(&mi);

    {   /* nx = 0: y = b */
        double th[2] = {0.5, -1.5}, yy[4];
        pt_model_open(&mi, "linear", NULL, 0, 2, NULL, 0);
        pt_model_forward(&mi, th, 2, NULL, yy, NULL, 0);
        tap_ok(mi.np == 2 && yy[0] == 0.5 && yy[1] == -1.5 && yy[2] == 0.5 && yy[3] == -1.5,
               "linear with nx = 0: y_hat = b");
        pt_model_close(&mi);
    }
}

/* ------------------------------------------------------------------------ */
/* Parameter validation                                                     */

static void test_params(void)
{
    const amor_plugin_head *h = pt_find(AMOR_KIND_MODEL, "mlp");
    params_set ps = pt_params(h);
    char err[512] = "";
    static const int64_t bad[] = {64, 0}, big[] = {65537};
    int rc;
    pt_model mi;

    tap_ok(h->num_params == 5 && !strcmp(h->version, "1.0") &&
               !strcmp(h->params[0].name, "hidden") && h->params[0].def_list_len == 2 &&
               h->params[0].def_list[0] == 64 && h->params[0].def_list[1] == 64 &&
               !strcmp(h->params[1].def_string, "relu") &&
               !strcmp(h->params[2].def_string, "none") &&
               h->params[3].def == -1 && h->params[4].def == 1,
           "mlp: declares hidden {64, 64}, activation relu, output none, box [-1, 1]");

    rc = params_set_string(&ps, "activation", "sigmoid", err, sizeof err);
    if (!tap_ok(rc != 0 && !strcmp(err, "parameter 'activation' of model 'mlp' must be "
                                         "one of relu|tanh|softplus|elu, got 'sigmoid'"),
                "activation = \"sigmoid\" rejected naming the parameter and the choices"))
        tap_diag("got: rc %d, \"%s\"", rc, err);

    rc = params_set_list(&ps, "hidden", bad, 2, err, sizeof err);
    if (!tap_ok(rc != 0 && !strcmp(err, "parameter 'hidden' of model 'mlp': element 2 "
                                         "must be in [1, 65536], got 0"),
                "hidden = {64, 0} rejected naming the parameter and the range"))
        tap_diag("got: rc %d, \"%s\"", rc, err);
    rc = params_set_list(&ps, "hidden", big, 1, err, sizeof err);
    tap_ok(rc != 0 && strstr(err, "'hidden'") && strstr(err, "65537"),
           "hidden = {65537} rejected (%s)", err);

    rc = params_set_string(&ps, "output", "cube", err, sizeof err);
    tap_ok(rc != 0 && strstr(err, "none|tanh_box|sphere|simplex"),
           "output = \"cube\" rejected listing the choices (%s)", err);
    params_free(&ps);

    {   /* box_lo >= box_hi is caught at create */
        pt_setting s[] = {PT_STR("output", "tanh_box"),
                       PT_REAL("box_lo", 2.0),
                       PT_REAL("box_hi", 2.0)};
        err[0] = 0;
        rc = pt_model_make(&mi, "mlp", NULL, 2, 2, s, PT_LEN(s), err, sizeof err);
        tap_ok(rc == AMOR_EINVAL && strstr(err, "box_lo < box_hi"),
               "tanh_box with box_lo = box_hi = 2 rejected at create (%s)", err);
        if (!rc) pt_model_close(&mi);
    }
    {   /* each hidden size validated at create too (a host that skips checks) */
        amor_value v[5];
        amor_env env = {sizeof(amor_env), 0, 2, 2, 0, &pt_no_oracle, 2};
        const amor_model_desc *d = (const amor_model_desc *)h;
        void *m = NULL;
        memset(v, 0, sizeof v);
        v[0].list = bad, v[0].len = 2;
        v[1].s = "relu", v[2].s = "none", v[3].r = -1, v[4].r = 1;
        err[0] = 0;
        rc = d->create(v, &env, &m, err, sizeof err);
        tap_ok(rc == AMOR_EINVAL && strstr(err, "hidden") && strstr(err, "[1, 65536]"),
               "create rejects a hidden size of 0 itself (%s)", err);
        if (!rc) d->destroy(m);
    }
}

int main(void)
{
    test_linear();
    test_mlp_grid();
    test_mlp_shapes();
    test_outputs();
    test_init();
    test_params();
    (void)tap_skip_all; /* tap.h's statics must be used under -Werror */
    if (pt_loader_) loader_free(pt_loader_);
    return tap_done();
}
