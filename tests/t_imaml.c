/*
 * t_imaml.c -- unroll_gd's implicit MAML mode (grad = implicit), its memory,
 * safeguard and bad input, on loaded problems (quadratic dim 3 cond 5,
 * sinusoid 5-shot, sphere for its projection) and on a concave problem made
 * here.  The step-size shapes and the proximal term of the unrolled modes
 * are t_step_shapes.c's.  Meta-SGD's meta-gradient on sinusoid against
 * finite differences is t_maml.c's.
 *
 * Tolerances: gradients vs central differences (h = 1e-6), max over theta
 * of |got - want| / max(1, |want|) <= 1e-5; the implicit meta-gradient vs
 * the exact unrolled one on a converged quadratic <= 1e-8 in max |got -
 * want| / max |want| (the bound); closed forms and identities
 * <= 1e-12 in the same measure.
 */
#include "tap.h"
#include "plugtest.h"
#include "proxquad.h"


/* ------------------------------------------------------------------------ */
/* A concave problem made here: f = -|y|^2 + x'y (nx = ny = 2), H = -2 I.     */

static int cv_create(const amor_value *v, void **inst, char *err, size_t errlen)
{
    (void)v;
    *inst = malloc(1);
    return *inst ? 0 : amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
}

static void cv_destroy(void *inst) { free(inst); }

static void cv_dims(const void *inst, size_t *nx, size_t *ny)
{
    (void)inst;
    *nx = 2;
    *ny = 2;
}

static int cv_sample(void *inst, amor_rng *rng, size_t n, double *x, char *err, size_t errlen)
{
    (void)inst, (void)err, (void)errlen;
    pt_randn(x, 2 * n, 1.0, rng);
    return 0;
}

static int cv_value_grad(void *inst, size_t n, const double *x, const double *y, double *f,
                         double *g, char *err, size_t errlen)
{
    size_t i, k;
    (void)inst, (void)err, (void)errlen;
    for (i = 0; i < n; i++) {
        f[i] = 0;
        for (k = 2 * i; k < 2 * i + 2; k++) {
            f[i] += -y[k] * y[k] + x[k] * y[k];
            if (g) g[k] = -2 * y[k] + x[k];
        }
    }
    return 0;
}

static int cv_value(void *inst, size_t n, const double *x, const double *y, double *f,
                    char *err, size_t errlen)
{
    return cv_value_grad(inst, n, x, y, f, NULL, err, errlen);
}

static int cv_hvp(void *inst, size_t n, const double *x, const double *y, const double *v,
                  double *hv, char *err, size_t errlen)
{
    size_t k;
    (void)inst, (void)x, (void)y, (void)err, (void)errlen;
    for (k = 0; k < 2 * n; k++) hv[k] = -2 * v[k];
    return 0;
}

static const amor_problem_desc concave_desc = {
    .head = AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "t_concave", "1.0",
              "test: f = -|y|^2 + x'y", NULL, 0),
    .create = cv_create,
    .destroy = cv_destroy,
    .dims = cv_dims,
    .sample = cv_sample,
    .value = cv_value,
    .value_grad = cv_value_grad,
    .hvp = cv_hvp,
};

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */

/* max_k |a_k - b_k| / max_k |b_k| */
static double norm_relerr(const double *a, const double *b, size_t len)
{
    return pt_max_absdiff(a, b, len) / pt_max_abs(b, len);
}

/* A (d, d) of a quadratic problem, column by column from its own hvp. */
static void quad_matrix(const pt_prob *p, const double *x, double *A)
{
    size_t d = p->ny, j, k;
    double *e = pt_dalloc(d), *col = pt_dalloc(d), *y = pt_dalloc(d);
    char err[256] = "";
    for (j = 0; j < d; j++) {
        memset(e, 0, d * sizeof *e);
        e[j] = 1;
        pt_must(p->d.hvp(p->inst, 1, x, y, e, col, err, sizeof err), "hvp", err);
        for (k = 0; k < d; k++) A[k * d + j] = col[k];
    }
    free(e), free(col), free(y);
}

/* Solve M z = b (d, d) in place by Gaussian elimination with partial
 * pivoting: z overwrites b, M is destroyed. */
static void solve_dense(double *M, double *b, size_t d)
{
    size_t c, r, k, piv;
    for (c = 0; c < d; c++) {
        for (piv = c, r = c + 1; r < d; r++)
            if (fabs(M[r * d + c]) > fabs(M[piv * d + c])) piv = r;
        for (k = 0; k < d; k++) {
            double t = M[c * d + k];
            M[c * d + k] = M[piv * d + k], M[piv * d + k] = t;
        }
        {
            double t = b[c];
            b[c] = b[piv], b[piv] = t;
        }
        for (r = c + 1; r < d; r++) {
            double l = M[r * d + c] / M[c * d + c];
            for (k = c; k < d; k++) M[r * d + k] -= l * M[c * d + k];
            b[r] -= l * b[c];
        }
    }
    for (c = d; c-- > 0;) {
        for (k = c + 1; k < d; k++) b[c] -= M[c * d + k] * b[k];
        b[c] /= M[c * d + c];
    }
}

/* G (T, n, ny) with G0 on iterate 0 and G1 on the last, zero elsewhere. */
static double *ends_G(size_t T, size_t n, size_t ny, const double *G0, const double *G1)
{
    double *G = pt_dalloc(T * n * ny);
    memcpy(G, G0, n * ny * sizeof *G);
    memcpy(G + (T - 1) * n * ny, G1, n * ny * sizeof *G);
    return G;
}

/* ------------------------------------------------------------------------ */
/* Implicit MAML on the quadratic                                           */

/* Solved to convergence, the implicit meta-gradient equals the exact
 * unrolled one of the same regularized inner problem, and y^K is the same. */
/* max over the n contexts of |grad f(yK) + LAMBDA (yK - y0)|: how well yK
 * solves the regularized inner problem */
static double prox_residual(const pt_prob *p, size_t n, const double *x, const double *y0,
                            const double *yK)
{
    size_t ny = p->ny, len = n * ny, i, k;
    double *f = pt_dalloc(n), *g = pt_dalloc(len), res = 0;
    pt_prob_eval(p, n, x, yK, f, g);
    for (i = 0; i < n; i++) {
        double s2 = 0;
        for (k = 0; k < ny; k++) {
            double gk = g[i * ny + k] + LAMBDA * (yK[i * ny + k] - y0[i * ny + k]);
            s2 += gk * gk;
        }
        pt_worsen(&res, sqrt(s2));
    }
    free(f), free(g);
    return res;
}

static void test_implicit_vs_exact(void)
{
    const size_t n = 5, K = 100;
    pt_prob p;
    pt_model me, mi;
    pt_setting s[12];
    size_t ny = QDIM, len = n * ny, k;
    double *th, *x, *G0, *G1, *Ge, *Gi, *ge, *gi, *ite, *iti, res = 0, e;
    void *wse, *wsi;
    amor_rng r;

    quad_open(&p);
    pt_model_on(&me, "unroll_gd", &p, s, quad_set(s, "mlp", "exact", (int)K));
    pt_model_on(&mi, "unroll_gd", &p, s, quad_set(s, "mlp", "implicit", (int)K));
    th = pt_model_theta(&me, 1, 0.1);
    x = pt_dalloc(n * p.nx), G0 = pt_dalloc(len), G1 = pt_dalloc(len);
    pt_prob_sample(&p, 2, n, x);
    amor_rng_seed(&r, 3);
    pt_randn(G0, len, 1, &r);
    pt_randn(G1, len, 1, &r);
    Ge = ends_G(me.T, n, ny, G0, G1), Gi = ends_G(mi.T, n, ny, G0, G1);
    ge = pt_dalloc(me.np), gi = pt_dalloc(mi.np);
    ite = pt_dalloc(me.T * len), iti = pt_dalloc(mi.T * len);
    wse = pt_model_ws(&me, n), wsi = pt_model_ws(&mi, n);
    pt_model_grad(&me, th, n, x, Ge, ge, wse);
    pt_model_grad(&mi, th, n, x, Gi, gi, wsi);
    pt_model_forward(&me, th, n, x, ite, wse, 0);
    pt_model_forward(&mi, th, n, x, iti, wsi, 0);

    /* the inner problem is solved: |grad f + lambda (y^K - y^0)| */
    res = prox_residual(&p, n, x, iti, iti + len);
    tap_ok(mi.T == 2 && me.T == K + 1 && mi.np == me.np && res <= 1e-13 &&
               pt_max_absdiff(iti, ite, len) == 0.0 &&
               pt_max_absdiff(iti + len, ite + K * len, len) == 0.0,
           "quadratic, init mlp, lambda 0.5, 100 steps of 0.25: implicit reports T = 2 "
           "(y^0 and y^K), the same y^0 and y^K as exact (bit for bit), and the "
           "regularized inner gradient at y^K is %.2g <= 1e-13", res);
    e = norm_relerr(gi, ge, me.np);
    if (!tap_ok(e <= 1e-8 && pt_max_abs(ge, me.np) > 0.1,
                "quadratic solved to convergence: the implicit meta-gradient (CG on "
                "HVPs) equals the exact unrolled one over %zu params (rel err %.2g <= "
                "1e-8)", me.np, e))
        for (k = 0; k < 6; k++) tap_diag("theta[%zu]: got: %.15g  want: %.15g", k, gi[k], ge[k]);
    e = pt_model_grad_err(&mi, &p, 4, 10, 0);
    tap_ok(e <= 1e-5, "implicit on the converged quadratic: backward (G on y^0 and y^K) = "
           "central differences of the forward (max rel err %.2g <= 1e-5)", e);
    free(th), free(x), free(G0), free(G1), free(Ge), free(Gi), free(ge), free(gi);
    free(ite), free(iti), free(wse), free(wsi);
    pt_model_close(&me);
    pt_model_close(&mi);
    pt_prob_close(&p);
}

/* init = constant: dL/dy0 = sum_i lambda (A + lambda I)^-1 b_i for L = sum_i
 * <b_i, y*_i>, with A from the problem's hvp and a dense solve here. */
static void test_implicit_closed_form(void)
{
    const size_t n = 4, K = 100;
    pt_prob p;
    pt_model mi, me;
    pt_setting s[12];
    size_t ny = QDIM, len = n * ny, i, k;
    double *th, *x, *G0, *G1, *Gi, *Ge, *gi, *ge, *A, *M, *b, want[3] = {0, 0, 0}, ei, ee;
    void *ws;
    amor_rng r;

    quad_open(&p);
    pt_model_on(&mi, "unroll_gd", &p, s, quad_set(s, "constant", "implicit", (int)K));
    pt_model_on(&me, "unroll_gd", &p, s, quad_set(s, "constant", "exact", (int)K));
    th = pt_model_theta(&mi, 20, 1.0);
    x = pt_dalloc(n * p.nx), G0 = pt_dalloc(len), G1 = pt_dalloc(len);
    A = pt_dalloc(ny * ny), M = pt_dalloc(ny * ny), b = pt_dalloc(ny);
    pt_prob_sample(&p, 21, n, x);
    amor_rng_seed(&r, 22);
    pt_randn(G1, len, 1, &r);
    quad_matrix(&p, x, A);
    for (i = 0; i < n; i++) {
        memcpy(M, A, ny * ny * sizeof *M);
        for (k = 0; k < ny; k++) M[k * ny + k] += LAMBDA;
        memcpy(b, G1 + i * ny, ny * sizeof *b);
        solve_dense(M, b, ny);
        for (k = 0; k < ny; k++) want[k] += LAMBDA * b[k];
    }
    Gi = ends_G(mi.T, n, ny, G0, G1), Ge = ends_G(me.T, n, ny, G0, G1);
    gi = pt_dalloc(mi.np), ge = pt_dalloc(me.np);
    ws = pt_model_ws(&mi, n);
    pt_model_grad(&mi, th, n, x, Gi, gi, ws);
    free(ws);
    ws = pt_model_ws(&me, n);
    pt_model_grad(&me, th, n, x, Ge, ge, ws);
    free(ws);
    ei = norm_relerr(gi, want, ny), ee = norm_relerr(ge, want, ny);
    tap_ok(mi.np == ny && ei <= 1e-12 && ee <= 1e-12,
           "quadratic, init constant: d y*/d y0 = lambda (A + lambda I)^-1 (A from the "
           "problem's hvp, a dense solve here): implicit rel err %.2g, exact unrolled "
           "%.2g (<= 1e-12)", ei, ee);
    free(th), free(x), free(G0), free(G1), free(Gi), free(Ge), free(gi), free(ge);
    free(A), free(M), free(b);
    pt_model_close(&mi);
    pt_model_close(&me);
    pt_prob_close(&p);
}

/* Oracle calls: the forward takes K gradients per context, the backward one
 * hvp call for all n contexts per CG iteration; CG converges in 3 on a
 * 3-dimensional quadratic (cg_tol 1e-10) or stops at cg_steps; with
 * inner_tol a context stops stepping once its regularized gradient is small
 * and keeps its value. */
static void test_implicit_counts(void)
{
    const size_t n = 6, K = 100;
    pt_prob p;
    pt_model mo;
    pt_setting s[14];
    size_t ny = QDIM, len = n * ny, ns, i, k, t;
    double *th, *x, *G, *g, *it, *ref, *f1, *g1, worst = 0, tol = 1e-3;
    void *ws;
    char err[256] = "";
    uint64_t gf, hf, hb;
    int stopped_ok = 1;

    quad_open(&p);
    ns = quad_set(s, "constant", "implicit", (int)K);
    pt_model_on(&mo, "unroll_gd", &p, s, ns);
    th = pt_model_theta(&mo, 30, 1.0);
    x = pt_dalloc(n * p.nx), G = pt_dalloc(mo.T * len), g = pt_dalloc(mo.np);
    it = pt_dalloc(mo.T * len);
    pt_prob_sample(&p, 31, n, x);
    for (k = 0; k < mo.T * len; k++) G[k] = 1.0;
    ws = pt_model_ws(&mo, n);
    p.oc.grad_calls = p.oc.hvp_calls = 0;
    pt_model_forward(&mo, th, n, x, it, ws, AMOR_FORWARD_TRAIN);
    gf = p.oc.grad_calls, hf = p.oc.hvp_calls;
    pt_must(mo.d->backward(mo.m, th, n, x, G, g, ws, err, sizeof err), "backward", err);
    hb = p.oc.hvp_calls - hf;
    tap_ok(gf == K * n && hf == 0 && hb == 3 * n && p.oc.grad_calls == gf,
           "implicit, K 100, n 6: training forward %llu gradients (want 600), backward "
           "%llu HVPs (want 18: 3 CG iterations of one call for all 6 contexts), no "
           "gradients", (unsigned long long)gf, (unsigned long long)hb);
    free(ws);
    pt_model_close(&mo);

    s[ns] = (pt_setting)PT_INT("cg_steps", 2); /* overrides quad_set's 10 */
    pt_model_on(&mo, "unroll_gd", &p, s, ns + 1);
    ws = pt_model_ws(&mo, n);
    pt_model_forward(&mo, th, n, x, it, ws, AMOR_FORWARD_TRAIN);
    hf = p.oc.hvp_calls;
    memset(g, 0, mo.np * sizeof *g);
    pt_must(mo.d->backward(mo.m, th, n, x, G, g, ws, err, sizeof err), "backward", err);
    tap_ok(p.oc.hvp_calls - hf == 2 * n, "cg_steps 2: the backward stops after 2 CG "
           "iterations (%llu HVPs, want 12)", (unsigned long long)(p.oc.hvp_calls - hf));
    free(ws);
    pt_model_close(&mo);

    /* inner_tol: each context stops at the first y whose regularized gradient
     * norm is <= tol, as plain descent written here does */
    s[ns] = (pt_setting)PT_REAL("inner_tol", tol);
    pt_model_on(&mo, "unroll_gd", &p, s, ns + 1);
    ws = pt_model_ws(&mo, n);
    p.oc.grad_calls = 0;
    pt_model_forward(&mo, th, n, x, it, ws, 0);
    gf = p.oc.grad_calls;
    ref = pt_dalloc(ny), f1 = pt_dalloc(1), g1 = pt_dalloc(ny);
    for (i = 0; i < n; i++) {
        double gn = 0;
        memcpy(ref, th, ny * sizeof *ref);
        for (t = 1; t <= K; t++) {
            pt_prob_eval(&p, 1, x + i * p.nx, ref, f1, g1);
            for (gn = 0, k = 0; k < ny; k++) {
                g1[k] += LAMBDA * (ref[k] - th[k]);
                gn += g1[k] * g1[k];
            }
            if (sqrt(gn) <= tol) break;
            for (k = 0; k < ny; k++) ref[k] -= 0.25 * g1[k];
        }
        stopped_ok = stopped_ok && t <= K && sqrt(gn) <= tol;
        pt_worsen(&worst, pt_max_relerr(it + len + i * ny, ref, ny));
    }
    tap_ok(stopped_ok && worst <= 1e-12 && gf < K * n && gf > n,
           "inner_tol 1e-3: every context stops early at the first regularized gradient "
           "norm <= 1e-3 and keeps that y (max rel err %.2g vs descent written here); "
           "%llu gradients instead of 600", worst, (unsigned long long)gf);
    free(ws), free(ref), free(f1), free(g1);
    pt_model_close(&mo);
    free(th), free(x), free(G), free(g), free(it);
    pt_prob_close(&p);
}

/* Where H + lambda I is not positive definite (f concave, H = -2 I, lambda
 * 0.5), CG stops at its first iteration with v = b / lambda: dL/dy0 = G0 +
 * lambda v = G0 + G1, summed over contexts for init = constant. */
static void test_implicit_negative_curvature(void)
{
    const size_t n = 3;
    pt_prob p;
    pt_model mo;
    pt_setting s[] = {PT_STR("init", "constant"), PT_INT("steps", 1), PT_REAL("step0", 0.1),
                      PT_BOOL("learn_steps", 0), PT_STR("grad", "implicit"),
                      PT_REAL("lambda", 0.5)};
    double *th, *x, *G, *g, want[2] = {0, 0};
    void *ws;
    char err[256] = "";
    size_t k;
    uint64_t h0;
    amor_rng r;

    pt_must(pt_prob_make(&p, &concave_desc, NULL, 0, err, sizeof err), "t_concave", err);
    pt_prob_wrap(&p);
    pt_model_on(&mo, "unroll_gd", &p, s, PT_LEN(s));
    th = pt_model_theta(&mo, 40, 1.0);
    x = pt_dalloc(n * 2), G = pt_dalloc(2 * n * 2), g = pt_dalloc(2);
    pt_prob_sample(&p, 41, n, x);
    amor_rng_seed(&r, 42);
    pt_randn(G, 2 * n * 2, 1, &r);
    for (k = 0; k < 2 * n * 2; k++) want[k % 2] += G[k];
    ws = pt_model_ws(&mo, n);
    h0 = p.oc.hvp_calls;
    pt_model_grad(&mo, th, n, x, G, g, ws);
    tap_ok(pt_max_relerr(g, want, 2) <= 1e-15 && p.oc.hvp_calls - h0 == n,
           "f concave (H = -2 I, in test), lambda 0.5: CG meets p'(H + lambda I)p < 0 at "
           "once and takes v = b / lambda, so dL/dy0 = G0 + G1 (one HVP call)");
    free(th), free(x), free(G), free(g), free(ws);
    pt_model_close(&mo);
    pt_prob_close(&p);
}

/* ------------------------------------------------------------------------ */
/* Memory and bad input                                                     */

/* sinusoid 5-shot (1,761 weights), a meta-batch of 25: implicit's workspace
 * does not grow with the steps, exact's does. */
static void test_workspace(void)
{
    static const int Ks[] = {5, 20, 100};
    pt_setting ps[] = {PT_INT("shots", 5)};
    pt_prob p = pt_prob_open("sinusoid", NULL, ps, PT_LEN(ps));
    size_t wi[3], we[3], a;
    pt_prob_wrap(&p);
    for (a = 0; a < 3; a++) {
        pt_setting si[] = {PT_INT("steps", Ks[a]), PT_REAL("step0", 0.01),
                           PT_BOOL("learn_steps", 0), PT_STR("grad", "implicit"),
                           PT_REAL("lambda", 1)};
        pt_model mo;
        pt_model_open_view(&mo, "unroll_gd", &p, si, PT_LEN(si));
        wi[a] = mo.d->workspace_size(mo.m, 25);
        pt_model_close(&mo);
        si[3] = (pt_setting)PT_STR("grad", "exact");
        pt_model_open_view(&mo, "unroll_gd", &p, si, PT_LEN(si));
        we[a] = mo.d->workspace_size(mo.m, 25);
        pt_model_close(&mo);
    }
    tap_ok(wi[0] == wi[1] && wi[1] == wi[2] && wi[0] == (5 * 1761 + 2) * 25 * sizeof(double) &&
               we[0] < we[1] && we[1] < we[2] && we[2] > 10 * wi[2],
           "sinusoid 5-shot, 25 tasks: implicit workspace %zu bytes at 5, 20 and 100 steps "
           "(5 ny + 2 doubles per task); exact %zu, %zu, %zu", wi[0], we[0], we[1], we[2]);
    pt_prob_close(&p);
}

/* create's status and message for settings on oracle o (dims of p). */
static int try_make(const pt_prob *p, const amor_oracle *o, const pt_setting *s, size_t ns,
                    char *err, size_t errlen)
{
    pt_model mo;
    int rc = pt_model_make(&mo, "unroll_gd", o, p->nx, p->ny, s, ns, err, errlen);
    if (!rc) pt_model_close(&mo);
    return rc;
}

static void test_bad_input(void)
{
    pt_prob p, sp;
    amor_oracle nohvp;
    pt_setting s[12];
    size_t ns = quad_set(s, "constant", "implicit", 5);
    char err[1024] = "";
    int rc;
    static const struct {
        pt_setting set;
        const char *msg;
    } bad[] = {
        {PT_REAL("lambda", 0),
         "unroll_gd: grad = implicit needs parameter 'lambda' > 0 (the inner problem is f "
         "+ lambda/2 |y - y0|^2; with lambda = 0 its solution does not depend on y0), got 0"},
        {PT_BOOL("learn_steps", 1),
         "unroll_gd: grad = implicit needs learn_steps = false (the implicit "
         "meta-gradient does not depend on the path of the inner steps, so their step "
         "sizes get no gradient)"},
        {PT_INT("steps", 0),
         "unroll_gd: grad = implicit needs 'steps' >= 1 (the inner problem is solved by them)"},
        {PT_REAL("step0_low", 0.5),
         "unroll_gd: parameter 'step0_low' (0.5) must be in [0, step0 = 0.25] (the step "
         "sizes start uniform on [step0_low, step0]; 0: all at step0)"},
    };
    size_t a;

    quad_open(&p);
    nohvp = p.oc.table;
    pt_must(try_make(&p, &p.oc.table, s, ns, err, sizeof err), "implicit", err);
    for (a = 0; a < PT_LEN(bad); a++) {
        s[ns] = bad[a].set;
        rc = try_make(&p, &p.oc.table, s, ns + 1, err, sizeof err);
        if (!tap_ok(rc == AMOR_EINVAL && !strcmp(err, bad[a].msg),
                    "refused at create with AMOR_EINVAL: %s", bad[a].msg))
            tap_diag("got: rc %d, '%s'", rc, err);
    }
    nohvp.hvp = NULL;
    rc = try_make(&p, &nohvp, s, ns, err, sizeof err);
    if (!tap_ok(rc == AMOR_ENOTSUP &&
                    !strcmp(err, "unroll_gd: grad = implicit needs Hessian-vector products, "
                                 "which the oracle lacks; use grad = first_order"),
                "an oracle without hvp: implicit refused (AMOR_ENOTSUP), message naming "
                "grad = implicit"))
        tap_diag("got: rc %d, '%s'", rc, err);
    {
        params_set ps = pt_params(pt_find(AMOR_KIND_MODEL, "unroll_gd"));
        rc = params_set_real(&ps, "lambda", -1, err, sizeof err);
        tap_ok(rc != 0 && strstr(err, "lambda"), "lambda = -1 refused by the declared "
               "range, naming the parameter ('%s')", err);
        rc = params_set_string(&ps, "step_shape", "layer", err, sizeof err);
        tap_ok(rc != 0 && strstr(err, "step|shared|coordinate"),
               "step_shape = layer refused, the message lists step|shared|coordinate");
        params_free(&ps);
    }

    /* sphere projects onto its manifold */
    sp = pt_prob_open("sphere", NULL, NULL, 0);
    pt_prob_wrap(&sp);
    rc = try_make(&sp, &sp.oc.table, s, ns, err, sizeof err);
    {
        int refused = rc == AMOR_ENOTSUP &&
                      !strcmp(err, "unroll_gd: grad = implicit does not support projected "
                                   "steps (the implicit gradient is that of an "
                                   "unconstrained minimizer); set project = false");
        if (!refused) tap_diag("got: rc %d, '%s'", rc, err);
        s[ns] = (pt_setting)PT_BOOL("project", 0);
        rc = try_make(&sp, &sp.oc.table, s, ns + 1, err, sizeof err);
        tap_ok(refused && rc == 0, "sphere (projects): implicit refused with project = true "
               "(AMOR_ENOTSUP, message says set project = false), accepted without");
    }
    pt_prob_close(&sp);
    pt_prob_close(&p);
}

/* inner_safeguard: steps of 1.0 on the quadratic (eigenvalues of A + lambda I
 * up to 5.5: plain gradient descent multiplies some error by 4.5 per step)
 * blow up without it; with it every context's descent is monotone, its step
 * halves until it contracts, and y^K solves the regularized problem (to
 * where F's rounding hides its decrease). */
static void test_safeguard(void)
{
    const size_t n = 4, K = 200;
    pt_prob p;
    pt_model mo;
    pt_setting s[14];
    size_t ny = QDIM, len = n * ny, k, ns;
    double *th, *x, *it, res = 0, plain = 0;
    void *ws;
    int sg;
    quad_open(&p);
    x = pt_dalloc(n * p.nx);
    pt_prob_sample(&p, 5, n, x);
    for (sg = 0; sg < 2; sg++) {
        ns = quad_set(s, "constant", "implicit", (int)K);
        s[ns++] = (pt_setting)PT_REAL("step0", 1.0);
        s[ns++] = (pt_setting)PT_BOOL("inner_safeguard", sg);
        pt_model_on(&mo, "unroll_gd", &p, s, ns);
        th = pt_model_theta(&mo, 7, 0.5);
        it = pt_dalloc(mo.T * len), ws = pt_model_ws(&mo, n);
        pt_model_forward(&mo, th, n, x, it, ws, AMOR_FORWARD_TRAIN);
        if (!sg) {
            for (k = 0; k < len; k++) plain = fmax(plain, isfinite(it[len + k]) ? fabs(it[len + k]) : INFINITY);
        } else {
            res = prox_residual(&p, n, x, it, it + len);
        }
        free(th), free(it), free(ws);
        pt_model_close(&mo);
    }
    tap_ok(plain > 1e10, "steps of 1.0 on the quadratic without inner_safeguard: y^K blows up "
           "(max |y^K| %.3g)", plain);
    /* a decrease of F is only seen down to F's rounding (|g|^2 step ~ 1e-16 |F|):
     * the gradient stalls near sqrt(eps) */
    tap_ok(res <= 1e-7, "with inner_safeguard: y^K solves f + lambda/2 |y - y0|^2 "
           "(regularized gradient %.2g <= 1e-7, F's rounding level)", res);
    free(x);
    pt_prob_close(&p);
}

int main(void)
{
    test_implicit_vs_exact();
    test_implicit_closed_form();
    test_implicit_counts();
    test_implicit_negative_curvature();
    test_workspace();
    test_bad_input();
    test_safeguard();
    (void)tap_skip_all;
    (void)tap_close;
    if (pt_loader_) loader_free(pt_loader_);
    return tap_done();
}
