/*
 * t_maml.c -- MAML's meta-gradient on the sinusoid problem (issue 14):
 * unroll_gd (init = constant, one inner step of 0.01 on the support MSE)
 * under the loss objective with on = validation (the query MSE after the
 * step).  The second-order meta-gradient (grad = exact: backward through
 * the inner step, with the support MSE's exact HVP) equals central finite
 * differences of the whole meta-objective L(theta0) = mean over tasks of the
 * query MSE at theta0 - 0.01 grad_support(theta0); first order (FOMAML)
 * drops the Hessian term and differs from it.
 */
#include "tap.h"
#include "plugtest.h"

typedef struct meta {
    pt_prob *p;
    pt_model *mo;
    pt_loss *lo;
    size_t n;
    double *x, *xv, *it, *lossv, *d;
    void *ws;
} meta;

/* L(theta) and, with g != NULL, dL/dtheta through the model's backward. */
static double meta_loss(meta *m, const double *theta, double *g)
{
    size_t i, T = m->mo->T, len = T * m->n * m->mo->ny;
    double L = 0;
    char err[1024];
    oracle_bind(&m->p->oc, m->xv, m->x, m->n);
    pt_must(m->mo->d->forward(m->mo->m, theta, m->n, m->xv, m->it, m->ws,
                              g ? AMOR_FORWARD_TRAIN : 0, err, sizeof err), "forward", err);
    pt_loss_eval(m->lo, m->n, T, m->x, m->it, NULL, NULL, m->lossv, g ? m->d : NULL);
    for (i = 0; i < m->n; i++) L += m->lossv[i];
    L /= (double)m->n;
    if (g) {
        for (i = 0; i < len; i++) m->d[i] /= (double)m->n;
        memset(g, 0, m->mo->np * sizeof *g);
        pt_must(m->mo->d->backward(m->mo->m, theta, m->n, m->xv, m->d, g, m->ws, err, sizeof err),
                "backward", err);
    }
    return L;
}

static double meta_fd(void *ctx, const double *theta) { return meta_loss(ctx, theta, NULL); }

int main(void)
{
    static const int64_t hidden[] = {8, 8};
    pt_setting ps[] = {PT_INT("shots", 5), PT_INT("queries", 10), PT_LIST("hidden", hidden)};
    pt_prob p = pt_prob_open("sinusoid", NULL, ps, PT_LEN(ps));
    const char *modes[2] = {"exact", "first_order"};
    double *g[2] = {NULL, NULL}, *fd = NULL, *theta = NULL;
    amor_rng r;
    size_t n = 6, np = 0, T, mode;
    pt_prob_wrap(&p);
    for (mode = 0; mode < 2; mode++) {
        pt_setting ms[] = {PT_STR("init", "constant"), PT_REAL("init_std", 0.3), PT_INT("steps", 1),
                           PT_REAL("step0", 0.01), PT_BOOL("learn_steps", 0),
                           PT_STR("grad", modes[mode])};
        pt_setting ls[] = {PT_STR("on", "validation")};
        pt_model mo;
        pt_loss lo;
        meta m;
        pt_model_open_view(&mo, "unroll_gd", &p, ms, PT_LEN(ms));
        pt_loss_open(&lo, "objective", &p.oc.table, p.nx, p.ny, mo.T, ls, PT_LEN(ls));
        np = mo.np;
        T = mo.T;
        if (!theta) {
            theta = pt_dalloc(np);
            amor_rng_seed(&r, 7);
            pt_must(mo.d->init(mo.m, &r, theta, NULL, 0), "init", "");
        }
        m = (meta){&p, &mo, &lo, n, pt_dalloc(n * p.nx), pt_dalloc(n * p.nxm),
                   pt_dalloc(T * n * p.ny), pt_dalloc(n), pt_dalloc(T * n * p.ny), pt_model_ws(&mo, n)};
        pt_prob_sample(&p, 11, n, m.x);
        oracle_visible_rows(&p.oc, n, m.x, m.xv);
        g[mode] = pt_dalloc(np);
        meta_loss(&m, theta, g[mode]);
        if (mode == 0) {
            fd = pt_dalloc(np);
            pt_fd_grad(meta_fd, &m, theta, np, 1e-6, fd);
        }
        free(m.x), free(m.xv), free(m.it), free(m.lossv), free(m.d), free(m.ws);
        pt_loss_close(&lo);
        pt_model_close(&mo);
    }
    tap_ok(np == (1 * 8 + 8) + (8 * 8 + 8) + (8 * 1 + 1),
           "theta0 has the learner's %zu weights (1 -> 8 -> 8 -> 1)", np);
    double e2 = pt_max_relerr(g[0], fd, np), e1 = pt_max_relerr(g[1], fd, np);
    tap_ok(e2 <= 1e-6, "second-order MAML meta-gradient = finite differences of the whole "
                       "meta-objective (max relative error %.2g over %zu coordinates)", e2, np);
    tap_ok(e1 > 1e-3, "first order (FOMAML) differs from it on sinusoid (max relative error %.2g)",
           e1);
    free(g[0]), free(g[1]), free(fd), free(theta);
    pt_prob_close(&p);
    return tap_done();
}
