/*
 * t_maml.c -- MAML's meta-gradient on the sinusoid problem (issue 14):
 * unroll_gd (init = constant, one inner step of 0.01 on the support MSE)
 * under the loss objective with on = validation (the query MSE after the
 * step).  The second-order meta-gradient (grad = exact: backward through
 * the inner step, with the support MSE's exact HVP) equals central finite
 * differences of the whole meta-objective L(theta0) = mean over tasks of the
 * query MSE at theta0 - 0.01 grad_support(theta0); first order (FOMAML)
 * drops the Hessian term and differs from it.
 *
 * Meta-SGD (step_shape = coordinate: a learned step size per weight, started
 * uniform on [0.005, 0.1] as Li et al. 2017): its meta-gradient over theta0
 * and the step sizes equals finite differences of the whole meta-objective,
 * over two inner steps and with a proximal term too; first order over one
 * step keeps the step sizes' gradient exact (it drops the Hessian only on
 * the way back to theta0) and differs on theta0.
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

static void test_maml(pt_prob *pp)
{
    const char *modes[2] = {"exact", "first_order"};
    double *g[2] = {NULL, NULL}, *fd = NULL, *theta = NULL;
    amor_rng r;
    size_t n = 6, np = 0, T, mode;
    for (mode = 0; mode < 2; mode++) {
        pt_setting ms[] = {PT_STR("init", "constant"), PT_REAL("init_std", 0.3), PT_INT("steps", 1),
                           PT_REAL("step0", 0.01), PT_BOOL("learn_steps", 0),
                           PT_STR("grad", modes[mode])};
        pt_setting ls[] = {PT_STR("on", "validation")};
        pt_model mo;
        pt_loss lo;
        meta m;
        pt_model_open_view(&mo, "unroll_gd", pp, ms, PT_LEN(ms));
        pt_loss_open(&lo, "objective", &pp->oc.table, pp->nx, pp->ny, mo.T, ls, PT_LEN(ls));
        np = mo.np;
        T = mo.T;
        if (!theta) {
            theta = pt_dalloc(np);
            amor_rng_seed(&r, 7);
            pt_must(mo.d->init(mo.m, &r, theta, NULL, 0), "init", "");
        }
        m = (meta){pp, &mo, &lo, n, pt_dalloc(n * pp->nx), pt_dalloc(n * pp->nxm),
                   pt_dalloc(T * n * pp->ny), pt_dalloc(n), pt_dalloc(T * n * pp->ny),
                   pt_model_ws(&mo, n)};
        pt_prob_sample(pp, 11, n, m.x);
        oracle_visible_rows(&pp->oc, n, m.x, m.xv);
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
}

/* Meta-SGD: theta = (theta0 (ny), alpha (ny)), y^K after K steps
 * y <- y - alpha o (grad support MSE + lambda (y - theta0)). */
static void test_metasgd(pt_prob *pp)
{
    static const struct {
        const char *grad;
        int K;
        double lambda;
    } cases[] = {{"exact", 2, 0.0}, {"exact", 2, 0.5}, {"first_order", 1, 0.0}};
    size_t n = 6, a, k, ny = pp->ny;
    for (a = 0; a < PT_LEN(cases); a++) {
        pt_setting ms[] = {PT_STR("init", "constant"), PT_REAL("init_std", 0.3),
                           PT_INT("steps", cases[a].K), PT_REAL("step0", 0.1),
                           PT_REAL("step0_low", 0.005), PT_STR("step_shape", "coordinate"),
                           PT_STR("grad", cases[a].grad), PT_REAL("lambda", cases[a].lambda)};
        pt_setting ls[] = {PT_STR("on", "validation")};
        pt_model mo;
        pt_loss lo;
        meta m;
        double *theta, *g, *fd, e0, ea;
        int in_range = 1;
        amor_rng r;
        pt_model_open_view(&mo, "unroll_gd", pp, ms, PT_LEN(ms));
        pt_loss_open(&lo, "objective", &pp->oc.table, pp->nx, ny, mo.T, ls, PT_LEN(ls));
        theta = pt_dalloc(mo.np), g = pt_dalloc(mo.np), fd = pt_dalloc(mo.np);
        amor_rng_seed(&r, 8);
        pt_must(mo.d->init(mo.m, &r, theta, NULL, 0), "init", "");
        for (k = ny; k < mo.np; k++) in_range = in_range && theta[k] >= 0.005 && theta[k] < 0.1;
        m = (meta){pp, &mo, &lo, n, pt_dalloc(n * pp->nx), pt_dalloc(n * pp->nxm),
                   pt_dalloc(mo.T * n * ny), pt_dalloc(n), pt_dalloc(mo.T * n * ny),
                   pt_model_ws(&mo, n)};
        pt_prob_sample(pp, 12 + a, n, m.x);
        oracle_visible_rows(&pp->oc, n, m.x, m.xv);
        meta_loss(&m, theta, g);
        pt_fd_grad(meta_fd, &m, theta, mo.np, 1e-6, fd);
        e0 = pt_max_relerr(g, fd, ny), ea = pt_max_relerr(g + ny, fd + ny, ny);
        if (a < 2)
            tap_ok(mo.np == 2 * ny && in_range && e0 <= 1e-6 && ea <= 1e-6,
                   "Meta-SGD (coordinate step sizes from U[0.005, 0.1]), exact, 2 steps, "
                   "lambda %g: meta-gradient = finite differences of the whole "
                   "meta-objective over theta0 (max rel err %.2g) and the %zu step sizes "
                   "(%.2g)", cases[a].lambda, e0, ny, ea);
        else
            tap_ok(ea <= 1e-6 && e0 > 1e-3,
                   "Meta-SGD first order, 1 step: the step sizes' gradient = finite "
                   "differences (max rel err %.2g), theta0's differs (%.2g > 1e-3)", ea, e0);
        free(m.x), free(m.xv), free(m.it), free(m.lossv), free(m.d), free(m.ws);
        free(theta), free(g), free(fd);
        pt_loss_close(&lo);
        pt_model_close(&mo);
    }
}

int main(void)
{
    static const int64_t hidden[] = {8, 8};
    pt_setting ps[] = {PT_INT("shots", 5), PT_INT("queries", 10), PT_LIST("hidden", hidden)};
    pt_prob p = pt_prob_open("sinusoid", NULL, ps, PT_LEN(ps));
    pt_prob_wrap(&p);
    test_maml(&p);
    test_metasgd(&p);
    pt_prob_close(&p);
    return tap_done();
}
