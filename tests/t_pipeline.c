/*
 * t_pipeline.c -- whole-pipeline gradient check: for every model x loss x
 * problem combination below, dL/dtheta from the host's path (model forward,
 * loss eval, 1/n scaling, model backward, through the host's oracle) matches
 * central finite differences of the mean loss over theta.
 *
 * Tolerance: |g.d - fd(d)| <= 1e-5 * max(1, |g.d|) along 6 random unit
 * directions d, h = 1e-6, plus the full gradient for models with <= 60
 * parameters (same tolerance per coordinate).  Stochastic losses
 * (zeroth_order) are excluded: their gradient is an estimate, checked
 * statistically in t_loss_catalogue.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "oracle.h"
#include "tap.h"
#include "plugtest.h"

typedef struct spec {
    const char *name;
    const char *params; /* "key=value;key=value" */
} spec;

static const spec PROBLEMS[] = {
    {"quadratic", "dim=3;cond=5"},
    {"rosenbrock", ""},
    {"tutorial1d", ""},
};
static const spec MODELS[] = {
    {"linear", ""},
    {"mlp", "hidden=5;activation=tanh"},
    {"mlp", "hidden=4,3;activation=softplus;output=tanh_box;box_lo=-3;box_hi=3"},
    {"unroll_gd", "steps=3;init=mlp;hidden=4;activation=tanh;step0=0.05"},
    {"unroll_gd", "steps=2;init=constant;grad=exact;step0=0.05"},
    {"learned_update", "steps=2;hidden=3"},
    {"psd", "hidden=4"},
    {"lista", "steps=2;init=random"},
};
static const spec LOSSES[] = {
    {"regression", ""},
    {"regression", "huber_delta=0.5"},
    {"objective", ""},
    {"regression_sum", "weights=uniform"},
    {"objective_sum", "weights=geometric;gamma=0.5"},
    {"mixed", "lambda=0.3"},
};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const amor_plugin_head *find(uint32_t kind, const char *name)
{
    char err[2048];
    if (!pt_loader_) {
        pt_loader_ = loader_new();
        loader_scan_dir(pt_loader_, AMOR_TEST_BUILD "/plugins");
    }
    return loader_find(pt_loader_, kind, name, err, sizeof err);
}

/* Apply "k=v;k=v" to ps by each parameter's declared type. */
static int apply(params_set *ps, const char *text, char *err, size_t errlen)
{
    char buf[512], *tok, *save = NULL;
    snprintf(buf, sizeof buf, "%s", text);
    for (tok = strtok_r(buf, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
        char *eq = strchr(tok, '=');
        long i;
        int rc = 0;
        if (!eq) return amor_errorf(err, errlen, 1, "bad spec '%s'", tok);
        *eq = 0;
        i = params_index(ps->head, tok);
        if (i < 0) return params_set_int(ps, tok, 0, err, errlen);
        switch (ps->head->params[i].type) {
        case AMOR_PARAM_INT: rc = params_set_int(ps, tok, strtoll(eq + 1, NULL, 10), err, errlen); break;
        case AMOR_PARAM_REAL: rc = params_set_real(ps, tok, strtod(eq + 1, NULL), err, errlen); break;
        case AMOR_PARAM_BOOL: rc = params_set_bool(ps, tok, !strcmp(eq + 1, "true"), err, errlen); break;
        case AMOR_PARAM_STRING: rc = params_set_string(ps, tok, eq + 1, err, errlen); break;
        case AMOR_PARAM_INT_LIST: {
            int64_t v[16];
            size_t n = 0;
            char *p = eq + 1;
            while (*p && n < 16) {
                v[n++] = strtoll(p, &p, 10);
                if (*p == ',') p++;
            }
            rc = params_set_list(ps, tok, v, n, err, errlen);
            break;
        }
        }
        if (rc) return rc;
    }
    return 0;
}

typedef struct pipe {
    const amor_problem_desc *P;
    const amor_model_desc *M;
    const amor_loss_desc *L;
    void *pi, *mi, *li;
    oracle_ctx oc;
    size_t n, nx, ny, T, np;
    double *x, *ys, *it, *dit, *loss, *theta, *g;
    void *ws;
    uint64_t loss_seed;
    int failed;
} pipe;

static double mean_loss(void *ctx, const double *theta)
{
    pipe *p = ctx;
    char err[1024];
    amor_rng r;
    double s = 0;
    size_t i;
    amor_rng_seed(&r, p->loss_seed);
    if (p->M->forward(p->mi, theta, p->n, p->x, p->it, p->ws, AMOR_FORWARD_TRAIN, err, sizeof err) ||
        p->L->eval(p->li, p->n, p->T, p->x, p->it, p->ys, &r, p->loss, NULL, err, sizeof err)) {
        p->failed = 1;
        tap_diag("evaluation failed: %s", err);
        return NAN;
    }
    for (i = 0; i < p->n; i++) s += p->loss[i];
    return s / (double)p->n;
}

static int gradient(pipe *p)
{
    char err[1024];
    amor_rng r;
    size_t i, m = p->T * p->n * p->ny;
    amor_rng_seed(&r, p->loss_seed);
    memset(p->g, 0, p->np * sizeof *p->g);
    if (p->M->forward(p->mi, p->theta, p->n, p->x, p->it, p->ws, AMOR_FORWARD_TRAIN, err, sizeof err) ||
        p->L->eval(p->li, p->n, p->T, p->x, p->it, p->ys, &r, p->loss, p->dit, err, sizeof err))
        return tap_diag("forward/loss failed: %s", err), -1;
    for (i = 0; i < m; i++) p->dit[i] /= (double)p->n;
    if (p->M->backward(p->mi, p->theta, p->n, p->x, p->dit, p->g, p->ws, err, sizeof err))
        return tap_diag("backward failed: %s", err), -1;
    return 0;
}

static void check(const spec *ps, const spec *ms, const spec *ls, uint64_t seed)
{
    pipe p;
    char err[2048], what[512];
    params_set pp, mp, lp;
    amor_rng rng;
    size_t i, k;
    const amor_plugin_head *hp = find(AMOR_KIND_PROBLEM, ps->name);
    const amor_plugin_head *hm = find(AMOR_KIND_MODEL, ms->name);
    const amor_plugin_head *hl = find(AMOR_KIND_LOSS, ls->name);
    amor_env menv, lenv;
    double worst = 0;
    int ok = 1;

    snprintf(what, sizeof what, "%s(%s) / %s(%s) / %s(%s)", ps->name, ps->params, ms->name,
             ms->params, ls->name, ls->params);
    if (!hp || !hm || !hl) {
        tap_ok(0, "%s: plugin not built", what);
        return;
    }
    memset(&p, 0, sizeof p);
    p.P = (const amor_problem_desc *)hp;
    p.M = (const amor_model_desc *)hm;
    p.L = (const amor_loss_desc *)hl;
    pp = pt_params(hp);
    mp = pt_params(hm);
    lp = pt_params(hl);
    pt_must(apply(&pp, ps->params, err, sizeof err), what, err);
    pt_must(apply(&mp, ms->params, err, sizeof err), what, err);
    pt_must(apply(&lp, ls->params, err, sizeof err), what, err);
    pt_must(p.P->create(pp.values, &p.pi, err, sizeof err), what, err);
    oracle_init(&p.oc, p.P, p.pi);
    p.nx = p.oc.nx;
    p.ny = p.oc.ny;
    menv = (amor_env){sizeof(amor_env), 0, p.nx, p.ny, 0, &p.oc.table, p.nx};
    pt_must(p.M->create(mp.values, &menv, &p.mi, err, sizeof err), what, err);
    p.T = p.M->num_iterates(p.mi);
    p.np = p.M->num_params(p.mi);
    lenv = (amor_env){sizeof(amor_env), 0, p.nx, p.ny, p.T, &p.oc.table, p.nx};
    pt_must(p.L->create(lp.values, &lenv, &p.li, err, sizeof err), what, err);
    p.n = 4;
    p.x = malloc(p.n * p.nx * sizeof(double));
    p.ys = malloc(p.n * p.ny * sizeof(double));
    p.it = malloc(p.T * p.n * p.ny * sizeof(double));
    p.dit = malloc(p.T * p.n * p.ny * sizeof(double));
    p.loss = malloc(p.n * sizeof(double));
    p.theta = malloc(p.np * sizeof(double));
    p.g = malloc(p.np * sizeof(double));
    p.ws = aligned_alloc(64, (p.M->workspace_size(p.mi, p.n) + 64) / 64 * 64);
    p.loss_seed = seed * 7 + 1;
    amor_rng_seed(&rng, seed);
    pt_must(p.P->sample(p.pi, &rng, p.n, p.x, err, sizeof err), what, err);
    if (p.L->needs & AMOR_NEEDS_YSTAR) pt_must(p.P->solve(p.pi, p.n, p.x, p.ys, err, sizeof err), what, err);
    pt_must(p.M->init(p.mi, &rng, p.theta, err, sizeof err), what, err);
    for (i = 0; i < p.np; i++) p.theta[i] += 0.05 * amor_rng_normal(&rng);

    if (gradient(&p)) {
        tap_ok(0, "%s: gradient computed", what);
        goto out;
    }
    {
        double *d = malloc(p.np * sizeof *d);
        for (k = 0; k < 6 && ok; k++) {
            double nrm = 0, gd = 0, fd, tol;
            for (i = 0; i < p.np; i++) {
                d[i] = amor_rng_normal(&rng);
                nrm += d[i] * d[i];
            }
            nrm = sqrt(nrm);
            for (i = 0; i < p.np; i++) gd += p.g[i] * (d[i] /= nrm);
            fd = pt_fd_dir(mean_loss, &p, p.theta, d, p.np, 1e-6);
            tol = 1e-5 * fmax(1.0, fabs(gd));
            worst = fmax(worst, fabs(gd - fd) / fmax(1.0, fabs(gd)));
            if (!(fabs(gd - fd) <= tol)) {
                ok = 0;
                tap_diag("direction %zu: backprop %.12g, finite differences %.12g", k, gd, fd);
            }
        }
        if (ok && p.np <= 60) {
            double *fg = malloc(p.np * sizeof *fg);
            pt_fd_grad(mean_loss, &p, p.theta, p.np, 1e-6, fg);
            for (i = 0; i < p.np && ok; i++) {
                worst = fmax(worst, fabs(p.g[i] - fg[i]) / fmax(1.0, fabs(p.g[i])));
                if (!(fabs(p.g[i] - fg[i]) <= 1e-5 * fmax(1.0, fabs(p.g[i])))) {
                    ok = 0;
                    tap_diag("theta[%zu]: backprop %.12g, finite differences %.12g", i, p.g[i], fg[i]);
                }
            }
            free(fg);
        }
        free(d);
    }
    tap_ok(ok && !p.failed, "%s: dL/dtheta = finite differences (%zu params, T = %zu, worst rel err %.1e)",
           what, p.np, p.T, worst);
out:
    p.L->destroy(p.li);
    p.M->destroy(p.mi);
    oracle_free(&p.oc);
    p.P->destroy(p.pi);
    params_free(&pp);
    params_free(&mp);
    params_free(&lp);
    free(p.x);
    free(p.ys);
    free(p.it);
    free(p.dit);
    free(p.loss);
    free(p.theta);
    free(p.g);
    free(p.ws);
}

int main(void)
{
    size_t a, b, c;
    uint64_t seed = 1;
    for (a = 0; a < COUNT(PROBLEMS); a++)
        for (b = 0; b < COUNT(MODELS); b++)
            for (c = 0; c < COUNT(LOSSES); c++) check(&PROBLEMS[a], &MODELS[b], &LOSSES[c], seed++);
    return tap_done();
}
