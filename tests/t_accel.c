/*
 * t_accel.c -- TAP tests of the learned fixed-point accelerators neural_fp
 * and hyper_aa: theta layouts and T = K + 1; forwards on lasso (ISTA) against
 * the test's own cell and ISTA written out (sparseref.h); the untrained
 * neural_fp is plain ISTA; Jacobian-free backward against central
 * differences, exactly where the step does not depend on y (a constant map
 * made here) and, on lasso, of the test's forward with the map's outputs
 * frozen; jacobian = fd against central differences of the forward through
 * ISTA; accumulation; oracle call counts; refusals.  Run from the
 * repository root.
 */
#include "tap.h"
#include "plugtest.h"
#include "sparseref.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* A problem whose solver step does not depend on y: g(y; x) = tanh(B x + c) */
/* (B (4, 3), c (4) fixed), state (y, s) with s = 7 carried unchanged.       */

#define CM_NX 3
#define CM_NY 4

static double cm_g(const double *x, size_t k)
{
    static const double B[CM_NY][CM_NX] = {
        {0.9, -0.4, 0.3}, {-0.2, 0.7, 0.5}, {0.6, 0.1, -0.8}, {-0.5, -0.6, 0.2}};
    static const double c[CM_NY] = {0.1, -0.3, 0.2, 0.05};
    return tanh(B[k][0] * x[0] + B[k][1] * x[1] + B[k][2] * x[2] + c[k]);
}

static int cm_create(const amor_value *p, void **inst, char *err, size_t errlen)
{
    static int token;
    (void)p, (void)err, (void)errlen;
    *inst = &token;
    return AMOR_OK;
}
static void cm_destroy(void *inst) { (void)inst; }
static void cm_dims(const void *inst, size_t *nx, size_t *ny)
{
    (void)inst;
    *nx = CM_NX, *ny = CM_NY;
}
static int cm_sample(void *inst, amor_rng *rng, size_t n, double *x, char *err, size_t errlen)
{
    size_t k;
    (void)inst, (void)err, (void)errlen;
    for (k = 0; k < n * CM_NX; k++) x[k] = amor_rng_range(rng, -1, 1);
    return AMOR_OK;
}
static int cm_value(void *inst, size_t n, const double *x, const double *y, double *f, char *err,
                    size_t errlen)
{
    size_t i, k;
    (void)inst, (void)err, (void)errlen;
    for (i = 0; i < n; i++)
        for (f[i] = 0, k = 0; k < CM_NY; k++) {
            double d = y[i * CM_NY + k] - cm_g(x + i * CM_NX, k);
            f[i] += 0.5 * d * d;
        }
    return AMOR_OK;
}
static size_t cm_state_dim(const void *inst) { (void)inst; return CM_NY + 1; }
static int cm_sinit(void *inst, size_t n, const double *x, const double *y, double *st,
                    char *err, size_t errlen)
{
    size_t i;
    (void)inst, (void)x, (void)err, (void)errlen;
    for (i = 0; i < n; i++) {
        memcpy(st + i * (CM_NY + 1), y + i * CM_NY, CM_NY * sizeof *st);
        st[i * (CM_NY + 1) + CM_NY] = 7.0;
    }
    return AMOR_OK;
}
static int cm_step(void *inst, size_t n, const double *x, const double *st, double *next,
                   char *err, size_t errlen)
{
    size_t i, k;
    (void)inst, (void)err, (void)errlen;
    for (i = 0; i < n; i++) {
        for (k = 0; k < CM_NY; k++) next[i * (CM_NY + 1) + k] = cm_g(x + i * CM_NX, k);
        next[i * (CM_NY + 1) + CM_NY] = st[i * (CM_NY + 1) + CM_NY];
    }
    return AMOR_OK;
}
static int cm_residual(void *inst, size_t n, const double *x, const double *st, double *r,
                       char *err, size_t errlen)
{
    size_t i, k;
    (void)inst, (void)err, (void)errlen;
    for (i = 0; i < n; i++)
        for (r[i] = 0, k = 0; k < CM_NY; k++)
            r[i] = fmax(r[i], fabs(cm_g(x + i * CM_NX, k) - st[i * (CM_NY + 1) + k]));
    return AMOR_OK;
}

static const amor_problem_desc cm_desc = {
    .head = AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "constmap", "1.0",
              "solver step g(y; x) = tanh(Bx + c), independent of y", NULL, 0),
    .create = cm_create, .destroy = cm_destroy, .dims = cm_dims, .sample = cm_sample,
    .value = cm_value, .state_dim = cm_state_dim, .solver_init = cm_sinit,
    .solver_step = cm_step, .residual = cm_residual,
};

/* ------------------------------------------------------------------------ */
/* Models                                                                   */

static const int64_t h4[] = {4}, h3[] = {3};

typedef struct acfg {
    const char *model, *init;
    int K, H, M;       /* steps; neural_fp hidden; hyper_aa memory */
    int enc;           /* neural_fp: encoder hidden {3} (else affine) */
    int mix_affine;    /* hyper_aa: hidden {} (else {3}) */
    double ds;         /* neural_fp delta_scale */
    const char *jac;   /* jacobian: NULL = the default (jfb) */
} acfg;

static int acc_make(pt_model *mo, const pt_prob *p, const acfg *c, char *err, size_t errlen)
{
    pt_setting s[9];
    size_t k = 0;
    s[k++] = (pt_setting)PT_INT("steps", c->K);
    s[k++] = (pt_setting)PT_STR("init", c->init);
    s[k++] = (pt_setting)PT_LIST("init_hidden", h4);
    s[k++] = (pt_setting)PT_STR("activation", "tanh");
    if (c->jac) s[k++] = (pt_setting)PT_STR("jacobian", c->jac);
    if (!strcmp(c->model, "neural_fp")) {
        s[k++] = (pt_setting)PT_INT("hidden", c->H);
        s[k++] = (pt_setting)PT_REAL("delta_scale", c->ds);
        if (c->enc) s[k++] = (pt_setting)PT_LIST("enc_hidden", h3);
    } else {
        s[k++] = (pt_setting)PT_INT("memory", c->M);
        if (c->mix_affine) s[k++] = (pt_setting)PT_LISTN("hidden", h3, 0);
        else s[k++] = (pt_setting)PT_LIST("hidden", h3);
    }
    return pt_model_make_view(mo, c->model, p, s, k, err, errlen);
}

static void acc_open(pt_model *mo, const pt_prob *p, const acfg *c)
{
    char err[512] = "";
    pt_must(acc_make(mo, p, c, err, sizeof err), c->model, err);
}

/* ------------------------------------------------------------------------ */
/* The test's own forwards, from the documented layouts (init_hidden {4},   */
/* tanh; neural_fp's encoder affine; hyper_aa's mixer affine).  g(k, i, y,  */
/* out) gives the map; with `frozen` (K, n, ny) non-NULL its values are      */
/* used instead of calling g (the map's outputs held constant).             */

typedef void (*mapfn)(void *ctx, size_t i, const double *y, double *out);

/* out (dout) = W2 tanh(W1 x + b1) + b2, W1 (4, nx) b1 (4) W2 (dout, 4) b2: am_mlp's layout */
static void ref_init(const double *th, const double *x, size_t nx, size_t dout, double *out)
{
    const double *W1 = th, *b1 = W1 + 4 * nx, *W2 = b1 + 4, *b2 = W2 + dout * 4;
    double h[4];
    size_t j, k;
    for (j = 0; j < 4; j++) {
        double z = b1[j];
        for (k = 0; k < nx; k++) z += W1[j * nx + k] * x[k];
        h[j] = tanh(z);
    }
    for (j = 0; j < dout; j++) {
        out[j] = b2[j];
        for (k = 0; k < 4; k++) out[j] += W2[j * 4 + k] * h[k];
    }
}

static double sg(double z) { return 1.0 / (1.0 + exp(-z)); }

/* neural_fp, affine encoder, one context: it (T, ny) */
static void ref_nfp(const double *th, size_t nx, size_t ny, size_t H, size_t K, int learn,
                    double ds, const double *x, mapfn g, void *gc, size_t i,
                    const double *frozen, size_t n, double *it, double *gout)
{
    size_t D0 = (learn ? ny : 0) + H, ni = 4 * nx + 4 + D0 * 4 + D0, t, j, k;
    const double *We = th + ni, *be = We + H * 3 * ny, *Wih = be + H, *Whh = Wih + 3 * H * H;
    const double *bih = Whh + 3 * H * H, *bhh = bih + 3 * H, *Wd = bhh + 3 * H, *bd = Wd + ny * H;
    double a[64], h[16], hn[16], z[16], u[96], fx[32], gi[48], gh[48];
    ref_init(th, x, nx, D0, a);
    for (k = 0; k < ny; k++) it[k] = learn ? a[k] : 0.0;
    for (j = 0; j < H; j++) h[j] = tanh(a[D0 - H + j]);
    for (t = 1; t <= K; t++) {
        const double *y = it + (t - 1) * ny;
        if (frozen) memcpy(fx, frozen + ((t - 1) * n + i) * ny, ny * sizeof *fx);
        else g(gc, i, y, fx);
        if (gout) memcpy(gout + (t - 1) * ny, fx, ny * sizeof *fx);
        for (k = 0; k < ny; k++) u[k] = y[k], u[ny + k] = fx[k], u[2 * ny + k] = y[k] - fx[k];
        for (j = 0; j < H; j++)
            for (z[j] = be[j], k = 0; k < 3 * ny; k++) z[j] += We[j * 3 * ny + k] * u[k];
        for (j = 0; j < 3 * H; j++) {
            gi[j] = bih[j], gh[j] = bhh[j];
            for (k = 0; k < H; k++) gi[j] += Wih[j * H + k] * z[k], gh[j] += Whh[j * H + k] * h[k];
        }
        for (j = 0; j < H; j++) {
            double r = sg(gi[j] + gh[j]), up = sg(gi[H + j] + gh[H + j]);
            double nn = tanh(gi[2 * H + j] + r * gh[2 * H + j]);
            hn[j] = (1 - up) * nn + up * h[j];
        }
        memcpy(h, hn, H * sizeof *h);
        for (k = 0; k < ny; k++) {
            double d = bd[k];
            for (j = 0; j < H; j++) d += Wd[k * H + j] * h[j];
            it[t * ny + k] = fx[k] + ds * d;
        }
    }
}

/* hyper_aa, affine mixer (l, b) = W phi + c, W (2, 3): it (T, ny), gs (K, ny) */
static void ref_haa(const double *th, size_t nx, size_t ny, size_t M, size_t K, int learn,
                    const double *x, mapfn g, void *gc, size_t i, const double *frozen,
                    size_t n, double *it, double *gs)
{
    const double *W = th + (learn ? 4 * nx + 4 + ny * 4 + ny : 0), *c = W + 6;
    size_t t, k, q;
    if (learn) ref_init(th, x, nx, ny, it);
    else memset(it, 0, ny * sizeof *it);
    for (t = 1; t <= K; t++) {
        size_t mt = t < M ? t : M, j0 = t - mt;
        double l[16], b = 0, al[16], s = 0, qn = 0, be, f[16][32];
        if (frozen) memcpy(gs + (t - 1) * ny, frozen + ((t - 1) * n + i) * ny, ny * sizeof *gs);
        else g(gc, i, it + (t - 1) * ny, gs + (t - 1) * ny);
        for (k = 0; k < mt; k++)
            for (q = 0; q < ny; q++) f[k][q] = gs[(j0 + k) * ny + q] - it[(j0 + k) * ny + q];
        for (q = 0; q < ny; q++) qn += f[mt - 1][q] * f[mt - 1][q];
        for (k = 0; k < mt; k++) {
            double qk = 0, ck = 0, phi[3];
            for (q = 0; q < ny; q++) qk += f[k][q] * f[k][q], ck += f[k][q] * f[mt - 1][q];
            phi[0] = qk / (qk + qn + 1e-30);
            phi[1] = ck / sqrt(qk * qn + 1e-30);
            phi[2] = (double)(mt - 1 - k) / (double)M;
            l[k] = c[0] + W[0] * phi[0] + W[1] * phi[1] + W[2] * phi[2];
            b += c[1] + W[3] * phi[0] + W[4] * phi[1] + W[5] * phi[2];
        }
        for (k = 0; k < mt; k++) s += al[k] = exp(l[k]);
        be = sg(b / (double)mt);
        for (q = 0; q < ny; q++) {
            double v = 0;
            for (k = 0; k < mt; k++)
                v += al[k] / s * (be * gs[(j0 + k) * ny + q] + (1 - be) * it[(j0 + k) * ny + q]);
            it[t * ny + q] = v;
        }
    }
}

/* The map of context i: lasso's ISTA written out (sparseref.h), or constmap. */
typedef struct mapctx {
    const double *D, *xc; /* (nx_signal, ny), whole contexts (n, nxc) */
    double lambda, L;
    size_t nxs, nxc, ny;
} mapctx;

static void map_ista(void *ctx, size_t i, const double *y, double *out)
{
    const mapctx *m = ctx;
    ref_ista(m->D, m->lambda, m->L, m->nxs, m->ny, m->xc + i * m->nxc, y, out);
}

static void map_const(void *ctx, size_t i, const double *y, double *out)
{
    const mapctx *m = ctx;
    size_t k;
    (void)y;
    for (k = 0; k < CM_NY; k++) out[k] = cm_g(m->xc + i * CM_NX, k);
}

/* ------------------------------------------------------------------------ */
/* A batch on a wrapped problem: whole contexts, the visible part, bound.   */

typedef struct batch {
    pt_prob *p;
    size_t n;
    double *xc, *x; /* (n, nx), (n, nxm) */
    mapctx mc;
    mapfn g;
} batch;

static batch batch_open(pt_prob *p, size_t n, uint64_t seed, int lasso)
{
    batch b = {p, n, pt_dalloc(n * p->nx), pt_dalloc(n * p->nxm), {0}, NULL};
    char err[256] = "";
    pt_prob_sample(p, seed, n, b.xc);
    oracle_visible_rows(&p->oc, n, b.xc, b.x);
    oracle_bind(&p->oc, b.x, b.xc, n);
    b.mc = (mapctx){NULL, b.xc, 0, 0, p->nxm, p->nx, p->ny};
    b.g = map_const;
    if (lasso) {
        double *D = pt_dalloc(p->nxm * p->ny);
        pt_must(p->d.dictionary(p->inst, D, &b.mc.lambda, err, sizeof err), "dictionary", err);
        b.mc.D = D;
        b.mc.L = ref_lip(D, p->nxm, p->ny, NULL);
        b.g = map_ista;
    }
    return b;
}

static void batch_close(batch *b)
{
    free(b->xc), free(b->x), free((double *)b->mc.D);
}

/* The test's forward of every context into it (T, n, ny), iterate-major;
 * the map's outputs into gs (K, n, ny) when not NULL. */
static void ref_forward(const acfg *c, const pt_model *mo, const double *th, const batch *b,
                        const double *frozen, double *it, double *gs)
{
    size_t n = b->n, ny = mo->ny, T = mo->T, K = T - 1, i, t;
    double *one = pt_dalloc(T * ny), *g1 = pt_dalloc(K * ny);
    int learn = !strcmp(c->init, "mlp");
    for (i = 0; i < n; i++) {
        void *gc = (void *)&b->mc;
        if (!strcmp(c->model, "neural_fp"))
            ref_nfp(th, mo->nx, ny, (size_t)c->H, K, learn, c->ds, b->x + i * mo->nx, b->g, gc,
                    i, frozen, n, one, g1);
        else
            ref_haa(th, mo->nx, ny, (size_t)c->M, K, learn, b->x + i * mo->nx, b->g, gc, i,
                    frozen, n, one, g1);
        for (t = 0; t < T; t++) memcpy(it + (t * n + i) * ny, one + t * ny, ny * sizeof *it);
        if (gs)
            for (t = 0; t < K; t++) memcpy(gs + (t * n + i) * ny, g1 + t * ny, ny * sizeof *gs);
    }
    free(one), free(g1);
}

/* sum_t G_t . y^t of the test's forward with the map frozen, for pt_fd_grad */
typedef struct frz {
    const acfg *c;
    const pt_model *mo;
    const batch *b;
    const double *frozen, *G;
    double *it;
} frz;

static double frozen_loss(void *ctx, const double *th)
{
    frz *f = ctx;
    size_t len = f->mo->T * f->b->n * f->mo->ny, k;
    double s = 0;
    ref_forward(f->c, f->mo, th, f->b, f->frozen, f->it, NULL);
    for (k = 0; k < len; k++) s += f->G[k] * f->it[k];
    return s;
}

/* ------------------------------------------------------------------------ */
/* Checks                                                                   */

static const char *cfg_label(const acfg *c, char *buf, size_t len)
{
    if (!strcmp(c->model, "neural_fp"))
        snprintf(buf, len, "neural_fp steps=%d hidden=%d init=%s enc_hidden=%s delta_scale=%g",
                 c->K, c->H, c->init, c->enc ? "{3}" : "{}", c->ds);
    else
        snprintf(buf, len, "hyper_aa steps=%d memory=%d init=%s hidden=%s", c->K, c->M, c->init,
                 c->mix_affine ? "{}" : "{3}");
    return buf;
}

/* num_params by the documented layout (init_hidden {4}) */
static size_t want_np(const acfg *c, size_t nx, size_t ny)
{
    int learn = !strcmp(c->init, "mlp");
    if (!strcmp(c->model, "neural_fp")) {
        size_t H = (size_t)c->H, D0 = (learn ? ny : 0) + H;
        size_t enc = c->enc ? 3 * 3 * ny + 3 + H * 3 + H : H * 3 * ny + H;
        return 4 * nx + 4 + 4 * D0 + D0 + enc + 6 * H * H + 6 * H + ny * H + ny;
    }
    return (learn ? 4 * nx + 4 + 4 * ny + ny : 0) + (c->mix_affine ? 8 : 20);
}

/* On the constant map the JFB gradient is the gradient: backward against
 * central differences of the plugin's own forward, every theta entry; and
 * backward adds into dtheta. */
static void check_exact_grad(const acfg *c, pt_prob *p)
{
    const size_t n = 3;
    pt_model mo;
    batch b = batch_open(p, n, 5, 0);
    char lab[160];
    double *th, *G, *g, *g2, *it, e, acc = 0, gmax = 0;
    void *ws;
    size_t k;
    amor_rng r;
    char err[256];
    acc_open(&mo, p, c);
    cfg_label(c, lab, sizeof lab);
    tap_ok(mo.T == (size_t)c->K + 1 && mo.np == want_np(c, mo.nx, mo.ny),
           "%s: T = K + 1 = %zu, num_params %zu = the documented layout's %zu", lab, mo.T, mo.np,
           want_np(c, mo.nx, mo.ny));
    th = pt_model_theta(&mo, 11, 0.2);
    G = pt_dalloc(mo.T * n * mo.ny), g = pt_dalloc(mo.np), g2 = pt_dalloc(mo.np);
    it = pt_dalloc(mo.T * n * mo.ny);
    amor_rng_seed(&r, 12);
    pt_randn(G, mo.T * n * mo.ny, 1.0, &r);
    ws = pt_model_ws(&mo, n);
    pt_model_grad(&mo, th, n, b.x, G, g, ws);
    {
        double *fd = pt_dalloc(mo.np);
        pt_model_fd c2 = {&mo, n, b.x, G, it, ws, AMOR_FORWARD_TRAIN};
        pt_fd_grad(pt_model_fd_loss, &c2, th, mo.np, 1e-6, fd);
        e = pt_max_relerr(g, fd, mo.np);
        if (!(e <= 1e-5))
            for (k = 0; k < mo.np && k < 12; k++)
                tap_diag("theta[%zu]: got: %.12g  want: %.12g", k, g[k], fd[k]);
        free(fd);
    }
    for (k = 0; k < mo.np; k++) g2[k] = 1.0 + (double)k, gmax = fmax(gmax, fabs(g[k]));
    pt_model_forward(&mo, th, n, b.x, it, ws, AMOR_FORWARD_TRAIN);
    pt_must(mo.d->backward(mo.m, th, n, b.x, G, g2, ws, err, sizeof err), "backward", err);
    for (k = 0; k < mo.np; k++)
        pt_worsen(&acc, fabs(g2[k] - (g[k] + 1.0 + (double)k)) / fmax(1.0, fabs(g2[k])));
    tap_ok(e <= 1e-5 && gmax > 1e-3 && acc <= 1e-14,
           "%s on a map independent of y: backward = central differences of forward over all "
           "%zu theta (h 1e-6, max rel err %.2g <= 1e-5); adds into dtheta (%.2g)",
           lab, mo.np, e, acc);
    free(th), free(G), free(g), free(g2), free(it), free(ws);
    pt_model_close(&mo);
    batch_close(&b);
}

/* On lasso (ISTA): the forward = the test's cell around ISTA written out;
 * K n solver steps per forward, none in backward; backward = central
 * differences of the test's forward with the map's outputs frozen (JFB),
 * which is not the full gradient. */
static void check_lasso(const acfg *c, pt_prob *p)
{
    const size_t n = 4;
    pt_model mo;
    batch b = batch_open(p, n, 21, 1);
    char lab[160];
    size_t len, k;
    double *th, *it, *ref, *gs, *G, *g, *fd, *fdfull, e, ef, efull;
    uint64_t s0, sf, sb;
    void *ws;
    amor_rng r;
    acc_open(&mo, p, c);
    cfg_label(c, lab, sizeof lab);
    len = mo.T * n * mo.ny;
    th = pt_model_theta(&mo, 22, 0.3);
    it = pt_dalloc(len), ref = pt_dalloc(len), gs = pt_dalloc(len), G = pt_dalloc(len);
    g = pt_dalloc(mo.np), fd = pt_dalloc(mo.np), fdfull = pt_dalloc(mo.np);
    ws = pt_model_ws(&mo, n);
    s0 = p->oc.step_calls;
    pt_model_forward(&mo, th, n, b.x, it, ws, AMOR_FORWARD_TRAIN);
    sf = p->oc.step_calls - s0;
    ref_forward(c, &mo, th, &b, NULL, ref, gs);
    ef = pt_max_relerr(it, ref, len);
    amor_rng_seed(&r, 23);
    pt_randn(G, len, 1.0, &r);
    s0 = p->oc.step_calls;
    pt_must(mo.d->backward(mo.m, th, n, b.x, G, g, ws, NULL, 0), "backward", "");
    sb = p->oc.step_calls - s0;
    tap_ok(ef <= 1e-12 && sf == (mo.T - 1) * n && sb == 0,
           "%s on lasso (ISTA): all %zu iterates = the test's cell around ISTA written out "
           "(max rel err %.2g <= 1e-12); forward %llu solver steps (K n = %zu), backward %llu",
           lab, mo.T, ef, (unsigned long long)sf, (mo.T - 1) * n, (unsigned long long)sb);
    {
        frz f = {c, &mo, &b, gs, G, pt_dalloc(len)};
        pt_model_fd full = {&mo, n, b.x, G, pt_dalloc(len), ws, AMOR_FORWARD_TRAIN};
        pt_fd_grad(frozen_loss, &f, th, mo.np, 1e-6, fd);
        pt_fd_grad(pt_model_fd_loss, &full, th, mo.np, 1e-6, fdfull);
        free(f.it), free(full.it);
    }
    e = pt_max_relerr(g, fd, mo.np);
    efull = pt_max_relerr(g, fdfull, mo.np);
    if (!tap_ok(e <= 1e-5 && efull > 1e-3,
                "%s on lasso: backward = central differences of sum_t G_t.y^t with every "
                "g(y^{t-1}) frozen at its value (JFB; max rel err %.2g <= 1e-5), not the full "
                "gradient through ISTA's Jacobian (max rel err %.2g > 1e-3)",
                lab, e, efull))
        for (k = 0; k < mo.np && k < 12; k++)
            tap_diag("theta[%zu]: got: %.12g  want: %.12g", k, g[k], fd[k]);
    free(th), free(it), free(ref), free(gs), free(G), free(g), free(fd), free(fdfull), free(ws);
    pt_model_close(&mo);
    batch_close(&b);
}

/* y^1 .. y^K of mo at th are K steps of the problem's own solver_step from
 * the model's y^0, bit for bit: the number of rows that differ. */
static size_t rows_off_solver(const pt_model *mo, pt_prob *p, const batch *b, const double *th)
{
    size_t n = b->n, S = p->oc.state_dim, K = mo->T - 1, t, i, bad = 0;
    double *it = pt_dalloc(mo->T * n * mo->ny), *st = pt_dalloc(n * S), *nx = pt_dalloc(n * S);
    void *ws = pt_model_ws(mo, n);
    char err[256] = "";
    pt_model_forward(mo, th, n, b->x, it, ws, 0);
    pt_must(p->d.solver_init(p->inst, n, b->xc, it, st, err, sizeof err), "solver_init", err);
    for (t = 1; t <= K; t++) {
        pt_must(p->d.solver_step(p->inst, n, b->xc, st, nx, err, sizeof err), "solver_step", err);
        for (i = 0; i < n; i++)
            bad += memcmp(it + (t * n + i) * mo->ny, nx + i * S, mo->ny * sizeof *nx) != 0;
        memcpy(st, nx, n * S * sizeof *st);
    }
    if (!(pt_max_abs(it, n * mo->ny) > 0)) bad++; /* a y^0 of zeros proves little */
    free(it), free(st), free(nx), free(ws);
    return bad;
}

/* The plain iteration as a special case of each model, on lasso (ISTA):
 * neural_fp as initialized (decoder zero); hyper_aa with memory 3, the
 * mixer's weights zero but -1e4 on the age feature of l (alpha = (0, 0, 1)
 * exactly: exp(-3333) underflows) and bias 40 on b (beta = sigmoid(40) = 1
 * in double). */
static void check_plain_iteration(pt_prob *p)
{
    const size_t n = 5, K = 6;
    acfg cn = {"neural_fp", "mlp", (int)K, 8, 0, 1, 0, 0.5, NULL};
    acfg ch = {"hyper_aa", "mlp", (int)K, 0, 3, 0, 1, 0, NULL};
    pt_model mn, mh;
    batch b = batch_open(p, n, 31, 1);
    double *th;
    size_t bad, o;
    char err[256] = "";
    amor_rng r;
    acc_open(&mn, p, &cn);
    th = pt_dalloc(mn.np);
    amor_rng_seed(&r, 32);
    pt_must(mn.d->init(mn.m, &r, th, err, sizeof err), "init", err);
    bad = rows_off_solver(&mn, p, &b, th);
    tap_ok(bad == 0, "neural_fp as initialized (decoder zero) on lasso: y^1 .. y^%zu are %zu ISTA "
           "steps from the learned y^0, bit for bit (%zu of %zu rows differ)", K, K, bad, K * n);
    free(th);
    acc_open(&mh, p, &ch);
    th = pt_model_theta(&mh, 33, 0.3);
    o = mh.np - 8; /* the affine mixer: W (2, 3), c (2) */
    memset(th + o, 0, 8 * sizeof *th);
    th[o + 2] = -1e4;
    th[o + 7] = 40.0;
    bad = rows_off_solver(&mh, p, &b, th);
    tap_ok(bad == 0, "hyper_aa memory=3 with alpha on the newest slot and beta = 1 set through "
           "theta on lasso: y^1 .. y^%zu are %zu ISTA steps from y^0, bit for bit (%zu of %zu "
           "rows differ)", K, K, bad, K * n);
    free(th);
    pt_model_close(&mn);
    pt_model_close(&mh);
    batch_close(&b);
}

/* jacobian = fd on lasso: backward = central differences of the plugin's own
 * forward through ISTA (the full gradient), and 2 ny map evaluations per
 * map evaluation of the forward. */
static void check_fd_jacobian(const acfg *c, pt_prob *p)
{
    const size_t n = 3;
    pt_model mo;
    batch b = batch_open(p, n, 41, 1);
    char lab[160];
    double *th, *G, *g, *fd, *it, e;
    uint64_t s0, sb;
    size_t k;
    void *ws;
    amor_rng r;
    acc_open(&mo, p, c);
    cfg_label(c, lab, sizeof lab);
    th = pt_model_theta(&mo, 42, 0.3);
    G = pt_dalloc(mo.T * n * mo.ny), g = pt_dalloc(mo.np), fd = pt_dalloc(mo.np);
    it = pt_dalloc(mo.T * n * mo.ny);
    amor_rng_seed(&r, 43);
    pt_randn(G, mo.T * n * mo.ny, 1.0, &r);
    ws = pt_model_ws(&mo, n);
    pt_model_forward(&mo, th, n, b.x, it, ws, AMOR_FORWARD_TRAIN);
    s0 = p->oc.step_calls;
    pt_must(mo.d->backward(mo.m, th, n, b.x, G, g, ws, NULL, 0), "backward", "");
    sb = p->oc.step_calls - s0;
    {
        pt_model_fd fc = {&mo, n, b.x, G, it, ws, AMOR_FORWARD_TRAIN};
        pt_fd_grad(pt_model_fd_loss, &fc, th, mo.np, 1e-6, fd);
    }
    e = pt_max_relerr(g, fd, mo.np);
    if (!tap_ok(e <= 1e-5 && sb == 2 * mo.ny * (mo.T - 1) * n,
                "%s jacobian=fd on lasso: backward = central differences of the forward "
                "through ISTA over all %zu theta (max rel err %.2g <= 1e-5); %llu solver steps "
                "in backward (2 ny K n = %zu)", lab, mo.np, e, (unsigned long long)sb,
                2 * mo.ny * (mo.T - 1) * n))
        for (k = 0; k < mo.np && k < 12; k++)
            tap_diag("theta[%zu]: got: %.12g  want: %.12g", k, g[k], fd[k]);
    free(th), free(G), free(g), free(fd), free(it), free(ws);
    pt_model_close(&mo);
    batch_close(&b);
}

static void check_refusals(void)
{
    static const char *const models[] = {"neural_fp", "hyper_aa"};
    pt_prob q = pt_prob_open("quadratic", NULL, NULL, 0);
    size_t k;
    pt_prob_wrap(&q);
    for (k = 0; k < 2; k++) {
        acfg c = {models[k], "mlp", 3, 4, 2, 0, 0, 1.0, NULL};
        pt_model mo;
        char err[512] = "", want[256];
        int rc = acc_make(&mo, &q, &c, err, sizeof err);
        snprintf(want, sizeof want, "%s: needs the problem's solver (solver_init, solver_step), "
                 "which this problem lacks", models[k]);
        tap_ok(rc == AMOR_ENOTSUP && !strcmp(err, want),
               "%s on quadratic (no solver): refused with ENOTSUP and '%s' (got %d '%s')",
               models[k], want, rc, err);
        if (!rc) pt_model_close(&mo);
    }
    pt_prob_close(&q);
}

int main(void)
{
    static const acfg exact[] = {
        {"neural_fp", "mlp", 4, 3, 0, 0, 0, 0.7, NULL},
        {"neural_fp", "zero", 3, 2, 0, 1, 0, 1.0, NULL},
        {"hyper_aa", "mlp", 5, 0, 3, 0, 0, 0, NULL},
        {"hyper_aa", "zero", 4, 0, 1, 0, 1, 0, NULL},
        {"hyper_aa", "mlp", 3, 0, 5, 0, 1, 0, NULL},
    };
    static const acfg onlasso[] = {
        {"neural_fp", "mlp", 4, 3, 0, 0, 0, 0.7, NULL},
        {"neural_fp", "zero", 3, 2, 0, 0, 0, 1.3, NULL},
        {"hyper_aa", "mlp", 5, 0, 3, 0, 1, 0, NULL},
        {"hyper_aa", "zero", 4, 0, 2, 0, 1, 0, NULL},
    };
    const pt_setting lset[] = {PT_INT("nx", 6), PT_INT("ny", 8), PT_TEXT("method", "ista")};
    pt_prob cm, la;
    size_t k;
    char err[256] = "";
    pt_must(pt_prob_make(&cm, &cm_desc, NULL, 0, err, sizeof err), "constmap", err);
    pt_prob_wrap(&cm);
    la = pt_prob_open("lasso", NULL, lset, PT_LEN(lset));
    pt_prob_wrap(&la);
    for (k = 0; k < PT_LEN(exact); k++) check_exact_grad(&exact[k], &cm);
    for (k = 0; k < PT_LEN(onlasso); k++) check_lasso(&onlasso[k], &la);
    for (k = 0; k < PT_LEN(onlasso); k++) {
        acfg c = onlasso[k];
        c.jac = "fd";
        check_fd_jacobian(&c, &la);
    }
    check_plain_iteration(&la);
    check_refusals();
    pt_prob_close(&cm);
    pt_prob_close(&la);
    return tap_done();
}
