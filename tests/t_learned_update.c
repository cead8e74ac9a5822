/*
 * t_learned_update.c -- TAP tests of the `learned_update` model: the forward
 * against the test's own coordinate-wise cell, exact backpropagation through
 * time against central differences (quadratic and rosenbrock, both inits),
 * truncation (window = steps is exact; window < steps is the gradient of the
 * loss with the state entering the window held fixed), oracle call counts,
 * and parameter refusals.  Run from the repository root.
 */
#include "tap.h"
#include "plugtest.h"
#include "oracle.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>


/* ------------------------------------------------------------------------ */
/* Problem and model                                                        */

typedef struct model {
    pt_model pm;
    /* as set: */
    size_t K, H, cut;
    int learn_y0;
    double gscale, uscale;
} model;

typedef struct cfg {
    const char *init, *grad;
    int steps, hidden, window;
    double gscale, uscale;
} cfg;

static int model_open(model *mi, const amor_oracle *o, size_t nx, size_t ny,
                      const cfg *c, char *err, size_t errlen)
{
    pt_setting set[] = {PT_STR("init", c->init), PT_STR("grad", c->grad),
                        PT_INT("steps", c->steps), PT_INT("hidden", c->hidden),
                        PT_INT("window", c->window), PT_REAL("grad_scale", c->gscale),
                        PT_REAL("update_scale", c->uscale ? c->uscale : 1.0)};
    int rc;
    memset(mi, 0, sizeof *mi);
    rc = pt_model_make(&mi->pm, "learned_update", o, nx, ny, set, PT_LEN(set), err, errlen);
    if (!rc) {
        mi->K = (size_t)c->steps;
        mi->H = (size_t)c->hidden;
        mi->learn_y0 = !strcmp(c->init, "constant");
        mi->cut = !strcmp(c->grad, "truncated") && c->window < c->steps
                      ? (size_t)(c->steps - c->window) : 0;
        mi->gscale = c->gscale;
        mi->uscale = c->uscale ? c->uscale : 1.0;
    }
    return rc;
}

static void model_must(model *mi, const amor_oracle *o, size_t nx, size_t ny,
                       const cfg *c)
{
    char err[512] = "";
    pt_must(model_open(mi, o, nx, ny, c, err, sizeof err), "learned_update", err);
}

/* ------------------------------------------------------------------------ */
/* The test's own unrolled cell, from the documented theta layout           */
/* [A (H, 2 + H) | a (H) | c (H) | c0 | y0 (ny)]:                          */
/*   h_i^t = tanh(A (y_i, s g_i, h_i^{t-1}) + a),                          */
/*   y_i^t = y_i + sigma (c'h^t + c0)                                       */
/* Steps t <= split use th_a, later ones th_b; y0 comes from th_a.          */

static void ref_run(const model *mi, const double *th_a, const double *th_b, size_t split,
                    const amor_oracle *o, size_t n, const double *x, double *it)
{
    size_t ny = mi->pm.ny, N = n * ny, H = mi->H, P = 2 + H, t, r, j, q;
    double *h = pt_dalloc(N * H), *hn = pt_dalloc(N * H), *f = pt_dalloc(n), *g = pt_dalloc(N);
    for (r = 0; r < N; r++) it[r] = mi->learn_y0 ? th_a[H * P + 2 * H + 1 + r % ny] : 0.0;
    for (t = 1; t <= mi->K; t++) {
        const double *th = t <= split ? th_a : th_b;
        const double *A = th, *a = A + H * P, *c = a + H, *c0 = c + H;
        const double *yp = it + (t - 1) * N;
        pt_must(o->value_grad(o->ctx, n, x, yp, f, g), "value_grad", "");
        for (r = 0; r < N; r++) {
            double u[64], d = c0[0];
            u[0] = yp[r];
            u[1] = mi->gscale * g[r];
            for (j = 0; j < H; j++) u[2 + j] = h[r * H + j];
            for (j = 0; j < H; j++) {
                double z = a[j];
                for (q = 0; q < P; q++) z += A[j * P + q] * u[q];
                hn[r * H + j] = tanh(z);
                d += c[j] * hn[r * H + j];
            }
            it[t * N + r] = yp[r] + mi->uscale * d;
        }
        memcpy(h, hn, N * H * sizeof *h);
    }
    free(h), free(hn), free(f), free(g);
}

/* sum_t G_t . y^t as a function of theta: through the plugin's forward, or
 * (ref) through ref_run with the state at `cut` held at theta_base. */
typedef struct fdc {
    const model *mi;
    const amor_oracle *o;
    size_t n;
    const double *x, *G, *base;
    double *it, *it2;
    void *ws;
    int ref;
} fdc;

static double fd_objective(void *ctx, const double *theta)
{
    fdc *c = ctx;
    size_t N = c->n * c->mi->pm.ny, t, r;
    double s = 0.0;
    if (!c->ref) {
        pt_model_forward(&c->mi->pm, theta, c->n, c->x, c->it, c->ws, 0);
    } else {
        ref_run(c->mi, theta, theta, 0, c->o, c->n, c->x, c->it);
        if (c->mi->cut > 0) { /* iterates after the cut: from the fixed state */
            ref_run(c->mi, c->base, theta, c->mi->cut, c->o, c->n, c->x, c->it2);
            memcpy(c->it + (c->mi->cut + 1) * N, c->it2 + (c->mi->cut + 1) * N,
                   (c->mi->K - c->mi->cut) * N * sizeof *c->it);
        }
    }
    for (t = 0; t < c->mi->pm.T; t++)
        for (r = 0; r < N; r++) s += c->G[t * N + r] * c->it[t * N + r];
    return s;
}

/* forward (training) + backward into g (zeroed first); returns the oracle
 * call counts of each pass through *fw_grad and *bw_hvp. */
static void fwd_bwd(const model *mi, pt_prob *p, const double *theta, size_t n,
                    const double *x, const double *G, double *it, double *g,
                    uint64_t *fw_grad, uint64_t *bw_hvp)
{
    char err[256];
    void *ws = pt_model_ws(&mi->pm, n);
    uint64_t g0 = p->oc.grad_calls, h0;
    memset(g, 0, mi->pm.np * sizeof *g);
    pt_model_forward(&mi->pm, theta, n, x, it, ws, AMOR_FORWARD_TRAIN);
    if (fw_grad) *fw_grad = p->oc.grad_calls - g0;
    h0 = p->oc.hvp_calls;
    pt_must(mi->pm.d->backward(mi->pm.m, theta, n, x, G, g, ws, err, sizeof err), "backward", err);
    if (bw_hvp) *bw_hvp = p->oc.hvp_calls - h0;
    free(ws);
}

static void setup(const model *mi, pt_prob *p, uint64_t seed, size_t n, double *theta,
                  double *x, double *G)
{
    char err[256];
    amor_rng rng;
    amor_rng_seed(&rng, seed);
    pt_model_init(&mi->pm, &rng, 0.3, theta);
    pt_must(p->d.sample(p->inst, &rng, n, x, err, sizeof err), "sample", err);
    pt_randn(G, mi->pm.T * n * mi->pm.ny, 1.0, &rng);
}

/* ------------------------------------------------------------------------ */
/* Checks                                                                   */

static void check_exact(const char *label, pt_prob *p, const cfg *c, uint64_t seed)
{
    const size_t n = 3;
    model mi;
    double *theta, *x, *G, *it, *ref, *g, *g2, *fd, fe, e, acc = 0, gmax = 0;
    uint64_t fw, bw;
    size_t k;
    void *ws;
    char err[256];
    fdc fc;

    model_must(&mi, &p->oc.table, p->nx, p->ny, c);
    theta = pt_dalloc(mi.pm.np), x = pt_dalloc(n * p->nx), G = pt_dalloc(mi.pm.T * n * p->ny);
    it = pt_dalloc(mi.pm.T * n * p->ny), ref = pt_dalloc(mi.pm.T * n * p->ny);
    g = pt_dalloc(mi.pm.np), g2 = pt_dalloc(mi.pm.np), fd = pt_dalloc(mi.pm.np);
    setup(&mi, p, seed, n, theta, x, G);
    fwd_bwd(&mi, p, theta, n, x, G, it, g, &fw, &bw);
    ref_run(&mi, theta, theta, 0, &p->oc.table, n, x, ref);
    fe = pt_max_absdiff(it, ref, mi.pm.T * n * p->ny);
    tap_ok(fe <= 1e-12 && mi.pm.T == mi.K + 1,
           "%s: forward's %zu iterates = the test's cell on the documented layout "
           "(max diff %.2g <= 1e-12)", label, mi.pm.T, fe);
    tap_ok(fw == mi.K * n && bw == (mi.learn_y0 ? mi.K : mi.K - 1) * n,
           "%s: forward makes K n = %zu gradient evaluations (got %llu), exact backward "
           "%zu hvp evaluations (got %llu)", label, mi.K * n, (unsigned long long)fw,
           (mi.learn_y0 ? mi.K : mi.K - 1) * n, (unsigned long long)bw);

    /* an evaluation (flags 0) gives the same iterates, bit for bit, from
     * one step's cell inputs: the workspace's U of steps 2 .. K (the first
     * K N P doubles, N = n ny, P = H + 2) is left as it was */
    {
        size_t N = n * p->ny, P = (size_t)c->hidden + 2, len = mi.pm.T * N, untouched = 0, k2;
        size_t wsz = mi.pm.d->workspace_size(mi.pm.m, n);
        ws = pt_model_ws(&mi.pm, n);
        memset(ws, 0xA5, wsz);
        pt_model_forward(&mi.pm, theta, n, x, ref, ws, 0);
        size_t H = (size_t)c->hidden, Hs = mi.K * N * P; /* hidden states after U */
        size_t want = (mi.K - 1) * N * P + (mi.K > 2 ? (mi.K - 2) * N * H : 0);
        for (k2 = 0; k2 < Hs + mi.K * N * H; k2++) {
            uint64_t b;
            if (k2 < N * P || (k2 >= Hs && k2 < Hs + 2 * N * H)) continue; /* the ones used */
            memcpy(&b, (double *)ws + k2, sizeof b);
            untouched += b == 0xA5A5A5A5A5A5A5A5ull;
        }
        free(ws);
        tap_ok(!memcmp(it, ref, len * sizeof *it) && untouched == want,
               "%s: evaluation forward = training forward bit for bit, and leaves the cell "
               "inputs of steps 2 .. K and hidden states 3 .. K untouched (%zu of %zu)", label,
               untouched, want);
    }

    /* accumulation: a second backward onto a non-zero dtheta */
    ws = pt_model_ws(&mi.pm, n);
    pt_model_forward(&mi.pm, theta, n, x, it, ws, AMOR_FORWARD_TRAIN);
    for (k = 0; k < mi.pm.np; k++) g2[k] = 1.0 + (double)k;
    pt_must(mi.pm.d->backward(mi.pm.m, theta, n, x, G, g2, ws, err, sizeof err), "backward", err);
    free(ws);
    for (k = 0; k < mi.pm.np; k++) {
        pt_worsen(&acc, fabs(g2[k] - (g[k] + 1.0 + (double)k)) / fmax(1.0, fabs(g2[k])));
        gmax = fmax(gmax, fabs(g[k]));
    }

    fc = (fdc){&mi, &p->oc.table, n, x, G, NULL, it, NULL, NULL, 0};
    fc.ws = pt_model_ws(&mi.pm, n);
    pt_fd_grad(fd_objective, &fc, theta, mi.pm.np, 1e-6, fd);
    free(fc.ws);
    e = pt_max_relerr(g, fd, mi.pm.np);
    if (!tap_ok(e <= 1e-5 && acc <= 1e-14 && gmax > 1e-3,
                "%s: exact backward = central differences over all %zu theta of "
                "sum_t G_t.y^t (h 1e-6, max rel err %.2g <= 1e-5); accumulates (%.2g)",
                label, mi.pm.np, e, acc))
        for (k = 0; k < mi.pm.np && k < 12; k++)
            tap_diag("theta[%zu]: got: %.12g  want: %.12g", k, g[k], fd[k]);
    free(theta), free(x), free(G), free(it), free(ref), free(g), free(g2), free(fd);
    pt_model_close(&mi.pm);
}

static void check_truncated(const char *label, pt_prob *p, const cfg *exact, uint64_t seed)
{
    const size_t n = 3;
    cfg ce = *exact, cw = *exact, ct = *exact;
    model me, mw, mt;
    double *theta, *x, *G, *it, *ge, *gw, *gt, *fd, *Glast, *base, e, diff;
    uint64_t bw;
    size_t N, k;
    fdc fc;

    cw.grad = ct.grad = "truncated";
    cw.window = exact->steps;
    ct.window = 2;
    model_must(&me, &p->oc.table, p->nx, p->ny, &ce);
    model_must(&mw, &p->oc.table, p->nx, p->ny, &cw);
    model_must(&mt, &p->oc.table, p->nx, p->ny, &ct);
    N = n * p->ny;
    theta = pt_dalloc(me.pm.np), x = pt_dalloc(n * p->nx), G = pt_dalloc(me.pm.T * N);
    it = pt_dalloc(me.pm.T * N), ge = pt_dalloc(me.pm.np), gw = pt_dalloc(me.pm.np);
    gt = pt_dalloc(me.pm.np), fd = pt_dalloc(me.pm.np), Glast = pt_dalloc(me.pm.T * N);
    base = pt_dalloc(me.pm.np);
    setup(&me, p, seed, n, theta, x, G);
    fwd_bwd(&me, p, theta, n, x, G, it, ge, NULL, NULL);
    fwd_bwd(&mw, p, theta, n, x, G, it, gw, NULL, NULL);
    fwd_bwd(&mt, p, theta, n, x, G, it, gt, NULL, NULL);
    tap_ok(!memcmp(ge, gw, me.pm.np * sizeof *ge),
           "%s: truncated with window = steps = %d gives exactly the exact gradient",
           label, exact->steps);
    diff = pt_max_absdiff(ge, gt, me.pm.np);
    tap_ok(diff > 1e-6, "%s: truncated with window 2 < steps %d differs from exact "
           "(max diff %.3g > 1e-6)", label, exact->steps, diff);

    /* the truncated gradient is that of the loss with (y, h) entering the
     * window held at their values for the base theta */
    memcpy(base, theta, me.pm.np * sizeof *base);
    fc = (fdc){&mt, &p->oc.table, n, x, G, base, it, pt_dalloc(me.pm.T * N), NULL, 1};
    pt_fd_grad(fd_objective, &fc, theta, me.pm.np, 1e-6, fd);
    free(fc.it2);
    e = pt_max_relerr(gt, fd, me.pm.np);
    if (!tap_ok(e <= 1e-5, "%s: truncated (window 2) backward = central differences of "
                "sum_t G_t.y^t with the state y^%zu, h^%zu held fixed inside the window "
                "(test's own cell; max rel err %.2g <= 1e-5)", label, mt.cut, mt.cut, e))
        for (k = 0; k < me.pm.np && k < 12; k++)
            tap_diag("theta[%zu]: got: %.12g  want: %.12g", k, gt[k], fd[k]);

    /* a loss on the last iterate only: truncation saves the hvp calls */
    memcpy(Glast + me.K * N, G + me.K * N, N * sizeof *G);
    fwd_bwd(&mt, p, theta, n, x, Glast, it, gt, NULL, &bw);
    tap_ok(bw == 2 * n, "%s: window 2, loss on y^K only: backward makes 2 n = %zu hvp "
           "evaluations (got %llu)", label, 2 * n, (unsigned long long)bw);
    free(theta), free(x), free(G), free(it), free(ge), free(gw), free(gt), free(fd),
        free(Glast), free(base);
    pt_model_close(&me.pm), pt_model_close(&mw.pm), pt_model_close(&mt.pm);
}

static void check_refusals(pt_prob *p)
{
    model mi;
    char err[512] = "";
    int rc;
    cfg c = {"constant", "truncated", 3, 4, 4, 1.0, 1.0};
    rc = model_open(&mi, &p->oc.table, p->nx, p->ny, &c, err, sizeof err);
    tap_ok(rc == AMOR_EINVAL && strstr(err, "'window'") && strstr(err, "'steps'"),
           "learned_update: grad = truncated with window 4 > steps 3 is refused naming "
           "both (%s)", err);
    if (!rc) pt_model_close(&mi.pm);
    c.grad = "exact";
    err[0] = 0;
    rc = model_open(&mi, &p->oc.table, p->nx, p->ny, &c, err, sizeof err);
    tap_ok(rc == 0, "learned_update: grad = exact ignores window (%s)", err);
    if (!rc) {
        tap_ok(mi.pm.d->needs == AMOR_NEEDS_GRAD && mi.pm.np == 4 * 6 + 4 + 4 + 1 + p->ny,
               "learned_update: needs AMOR_NEEDS_GRAD; theta = A (H, 2+H), a, c, c0, y0 "
               "(%zu)", mi.pm.np);
        pt_model_close(&mi.pm);
    }
    err[0] = 0;
    rc = model_open(&mi, &pt_no_oracle, p->nx, p->ny, &c, err, sizeof err);
    tap_ok(rc != 0 && strstr(err, "value_grad"),
           "learned_update: an oracle without value_grad is refused (%s)", err);
    if (!rc) pt_model_close(&mi.pm);
}

int main(void)
{
    pt_prob q, r;
    cfg qc = {"constant", "exact", 4, 3, 1, 1.0, 1.0};
    cfg qz = {"zero", "exact", 4, 3, 1, 1.0, 1.0};
    cfg rc = {"constant", "exact", 4, 3, 1, 0.1, 1.0};
    cfg rz = {"zero", "exact", 3, 4, 1, 1.0, 1.0};
    cfg qs = {"constant", "exact", 4, 3, 1, 1.0, 0.03};
    cfg q1 = {"constant", "exact", 1, 3, 1, 1.0, 1.0};
    cfg q2 = {"zero", "exact", 2, 3, 1, 1.0, 1.0};

    q = pt_prob_openv("quadratic", NULL, "dim", 3.0, (const char *)NULL);
    pt_prob_wrap(&q);
    r = pt_prob_openv("rosenbrock", NULL, (const char *)NULL);
    pt_prob_wrap(&r);
    check_exact("quadratic dim 3, init constant", &q, &qc, 1);
    check_exact("quadratic dim 3, init zero", &q, &qz, 2);
    check_exact("rosenbrock, init constant, grad_scale 0.1", &r, &rc, 3);
    check_exact("rosenbrock, init zero", &r, &rz, 4);
    check_exact("quadratic dim 3, init constant, update_scale 0.03", &q, &qs, 7);
    check_exact("quadratic dim 3, init constant, 1 step", &q, &q1, 9);
    check_exact("quadratic dim 3, init zero, 2 steps", &q, &q2, 10);
    check_truncated("quadratic, update_scale 0.03", &q, &qs, 8);
    check_truncated("quadratic", &q, &qc, 5);
    check_truncated("rosenbrock", &r, &rc, 6);
    check_refusals(&q);
    pt_prob_close(&q), pt_prob_close(&r);
    (void)tap_skip_all;
    if (pt_loader_) loader_free(pt_loader_);
    return tap_done();
}
