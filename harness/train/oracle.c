/*
 * oracle.c -- amor_oracle implementation over a problem instance (oracle.h).
 */
#include "oracle.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef int (*grad_fn)(void *inst, size_t n, const double *x, const double *y, double *f,
                       double *g, char *err, size_t errlen);

/* ---- whole contexts ------------------------------------------------------ */

static int o_value(void *ctx, size_t n, const double *x, const double *y, double *f)
{
    oracle_ctx *o = ctx;
    o->value_calls += n;
    return o->desc->value(o->inst, n, x, y, f, o->err, sizeof o->err);
}

static int o_value_grad(void *ctx, size_t n, const double *x, const double *y,
                        double *f, double *g)
{
    oracle_ctx *o = ctx;
    o->grad_calls += n;
    return o->desc->value_grad(o->inst, n, x, y, f, g, o->err, sizeof o->err);
}

/* Central difference of gradients along v, per instance scaled by |v|. */
static int fd_hvp(oracle_ctx *o, grad_fn grad, size_t n, const double *x, const double *y,
                  const double *v, double *hv)
{
    size_t i, k, m = n * o->ny;
    int rc;
    if (n > o->scratch_n) {
        double *s = realloc(o->scratch, 4 * m * sizeof *s + 2 * n * sizeof *s);
        if (!s) return amor_errorf(o->err, sizeof o->err, AMOR_ENOMEM, "out of memory");
        o->scratch = s;
        o->scratch_n = n;
    }
    double *yp = o->scratch, *ym = yp + m, *gp = ym + m, *gm = gp + m;
    double *f = gm + m, *hs = f + n;
    for (i = 0; i < n; i++) {
        double nv = 0, ny = 0;
        for (k = 0; k < o->ny; k++) {
            nv += v[i * o->ny + k] * v[i * o->ny + k];
            ny += y[i * o->ny + k] * y[i * o->ny + k];
        }
        nv = sqrt(nv);
        hs[i] = nv > 0 ? 1e-5 * (1.0 + sqrt(ny)) / nv : 0;
        for (k = 0; k < o->ny; k++) {
            yp[i * o->ny + k] = y[i * o->ny + k] + hs[i] * v[i * o->ny + k];
            ym[i * o->ny + k] = y[i * o->ny + k] - hs[i] * v[i * o->ny + k];
        }
    }
    if ((rc = grad(o->inst, n, x, yp, f, gp, o->err, sizeof o->err))) return rc;
    if ((rc = grad(o->inst, n, x, ym, f, gm, o->err, sizeof o->err))) return rc;
    for (i = 0; i < n; i++)
        for (k = 0; k < o->ny; k++)
            hv[i * o->ny + k] = hs[i] > 0 ? (gp[i * o->ny + k] - gm[i * o->ny + k]) / (2 * hs[i]) : 0;
    o->fd_hvp_used = 1;
    return 0;
}

static int o_hvp(void *ctx, size_t n, const double *x, const double *y,
                 const double *v, double *hv)
{
    oracle_ctx *o = ctx;
    o->hvp_calls += n;
    if (!o->fd_hvp) return o->desc->hvp(o->inst, n, x, y, v, hv, o->err, sizeof o->err);
    return fd_hvp(o, o->desc->value_grad, n, x, y, v, hv);
}

static int o_project(void *ctx, size_t n, const double *x, double *y)
{
    oracle_ctx *o = ctx;
    return o->desc->project(o->inst, n, x, y, o->err, sizeof o->err);
}

static int o_project_vjp(void *ctx, size_t n, const double *x, const double *y,
                         const double *gout, double *gin)
{
    oracle_ctx *o = ctx;
    return o->desc->project_vjp(o->inst, n, x, y, gout, gin, o->err, sizeof o->err);
}

static int o_dictionary(void *ctx, double *D, double *lambda)
{
    oracle_ctx *o = ctx;
    return o->desc->dictionary(o->inst, D, lambda, o->err, sizeof o->err);
}

static int o_solver_init(void *ctx, size_t n, const double *x, const double *y, double *state)
{
    oracle_ctx *o = ctx;
    return o->desc->solver_init(o->inst, n, x, y, state, o->err, sizeof o->err);
}

static int o_solver_step(void *ctx, size_t n, const double *x, const double *state,
                         double *next)
{
    oracle_ctx *o = ctx;
    o->step_calls += n;
    return o->desc->solver_step(o->inst, n, x, state, next, o->err, sizeof o->err);
}

static int o_residual(void *ctx, size_t n, const double *x, const double *state, double *r)
{
    oracle_ctx *o = ctx;
    return o->desc->residual(o->inst, n, x, state, r, o->err, sizeof o->err);
}

static int o_valid_value(void *ctx, size_t n, const double *x, const double *y, double *f)
{
    oracle_ctx *o = ctx;
    o->value_calls += n;
    return o->desc->valid_value(o->inst, n, x, y, f, o->err, sizeof o->err);
}

static int o_valid_value_grad(void *ctx, size_t n, const double *x, const double *y,
                              double *f, double *g)
{
    oracle_ctx *o = ctx;
    o->grad_calls += n;
    return o->desc->valid_value_grad(o->inst, n, x, y, f, g, o->err, sizeof o->err);
}

static int o_valid_hvp(void *ctx, size_t n, const double *x, const double *y,
                       const double *v, double *hv)
{
    oracle_ctx *o = ctx;
    o->hvp_calls += n;
    if (!o->fd_valid_hvp)
        return o->desc->valid_hvp(o->inst, n, x, y, v, hv, o->err, sizeof o->err);
    return fd_hvp(o, o->desc->valid_value_grad, n, x, y, v, hv);
}

/* ---- a model's view ------------------------------------------------------ */

/* The whole contexts behind n rows a model passed, or NULL (message set). */
static const double *whole(oracle_ctx *o, size_t n, const double *x)
{
    uintptr_t p = (uintptr_t)x, b = (uintptr_t)o->vis, w = o->nxm * sizeof(double);
    size_t row;
    if (o->nxm == o->nx) return x;
    if (!o->vis || p < b || (p - b) % w || (row = (p - b) / w) >= o->rows ||
        n > o->rows - row) {
        amor_errorf(o->err, sizeof o->err, AMOR_EINVAL,
                    "a model called the oracle with contexts that are not rows of the "
                    "x it was given (the problem keeps private task data: the host "
                    "maps the model's rows back to whole contexts)");
        return NULL;
    }
    return o->full + row * o->nx;
}

#define VIEW(ctx) (((oracle_view *)(ctx))->o)
#define WHOLE_OR_FAIL(o, n, x, xf)                                           \
    const double *xf = whole(o, n, x);                                       \
    if (!xf) return AMOR_EINVAL

static int m_value(void *ctx, size_t n, const double *x, const double *y, double *f)
{
    oracle_ctx *o = VIEW(ctx);
    WHOLE_OR_FAIL(o, n, x, xf);
    return o_value(o, n, xf, y, f);
}

static int m_value_grad(void *ctx, size_t n, const double *x, const double *y, double *f,
                        double *g)
{
    oracle_ctx *o = VIEW(ctx);
    WHOLE_OR_FAIL(o, n, x, xf);
    return o_value_grad(o, n, xf, y, f, g);
}

static int m_hvp(void *ctx, size_t n, const double *x, const double *y, const double *v,
                 double *hv)
{
    oracle_ctx *o = VIEW(ctx);
    WHOLE_OR_FAIL(o, n, x, xf);
    return o_hvp(o, n, xf, y, v, hv);
}

static int m_project(void *ctx, size_t n, const double *x, double *y)
{
    oracle_ctx *o = VIEW(ctx);
    WHOLE_OR_FAIL(o, n, x, xf);
    return o_project(o, n, xf, y);
}

static int m_project_vjp(void *ctx, size_t n, const double *x, const double *y,
                         const double *gout, double *gin)
{
    oracle_ctx *o = VIEW(ctx);
    WHOLE_OR_FAIL(o, n, x, xf);
    return o_project_vjp(o, n, xf, y, gout, gin);
}

static int m_dictionary(void *ctx, double *D, double *lambda)
{
    return o_dictionary(VIEW(ctx), D, lambda);
}

static int m_solver_init(void *ctx, size_t n, const double *x, const double *y, double *state)
{
    oracle_ctx *o = VIEW(ctx);
    WHOLE_OR_FAIL(o, n, x, xf);
    return o_solver_init(o, n, xf, y, state);
}

static int m_solver_step(void *ctx, size_t n, const double *x, const double *state,
                         double *next)
{
    oracle_ctx *o = VIEW(ctx);
    WHOLE_OR_FAIL(o, n, x, xf);
    return o_solver_step(o, n, xf, state, next);
}

static int m_residual(void *ctx, size_t n, const double *x, const double *state, double *r)
{
    oracle_ctx *o = VIEW(ctx);
    WHOLE_OR_FAIL(o, n, x, xf);
    return o_residual(o, n, xf, state, r);
}

/* ---- set-up ---------------------------------------------------------------- */

size_t oracle_visible_width(const amor_problem_desc *desc, const void *inst, size_t nx)
{
    size_t m = desc->nx_model ? desc->nx_model(inst) : 0;
    return m > 0 && m <= nx ? m : nx;
}

int oracle_has_solver(const amor_problem_desc *desc)
{
    return desc->state_dim && desc->solver_init && desc->solver_step && desc->residual;
}

int oracle_init(oracle_ctx *o, const amor_problem_desc *desc, void *inst)
{
    amor_oracle *t = &o->table, *m = &o->mtable;
    memset(o, 0, sizeof *o);
    o->desc = desc;
    o->inst = inst;
    desc->dims(inst, &o->nx, &o->ny);
    o->nxm = oracle_visible_width(desc, inst, o->nx);
    t->struct_size = sizeof(amor_oracle);
    t->ctx = o;
    t->nx = o->nx;
    t->ny = o->ny;
    t->value = o_value;
    if (desc->value_grad) {
        t->value_grad = o_value_grad;
        t->hvp = o_hvp;
        o->fd_hvp = desc->hvp == NULL;
    }
    if (desc->project) t->project = o_project;
    if (desc->project && desc->project_vjp) t->project_vjp = o_project_vjp;
    if (desc->dictionary) t->dictionary = o_dictionary;
    if (oracle_has_solver(desc)) {
        o->state_dim = desc->state_dim(inst);
        if (o->state_dim < o->ny) o->state_dim = 0; /* amor check says why */
    }
    if (o->state_dim) {
        t->state_dim = o->state_dim;
        t->solver_init = o_solver_init;
        t->solver_step = o_solver_step;
        t->residual = o_residual;
    }
    if (desc->valid_value) {
        t->valid_value = o_valid_value;
        if (desc->valid_value_grad) {
            t->valid_value_grad = o_valid_value_grad;
            t->valid_hvp = o_valid_hvp;
            o->fd_valid_hvp = desc->valid_hvp == NULL;
        }
    }

    o->view.o = o;
    m->struct_size = sizeof(amor_oracle);
    m->ctx = &o->view;
    m->nx = o->nxm;
    m->ny = o->ny;
    m->value = m_value;
    if (t->value_grad) {
        m->value_grad = m_value_grad;
        m->hvp = m_hvp;
    }
    if (t->project) m->project = m_project;
    if (t->project_vjp) m->project_vjp = m_project_vjp;
    if (t->dictionary) m->dictionary = m_dictionary;
    if (o->state_dim) {
        m->state_dim = o->state_dim;
        m->solver_init = m_solver_init;
        m->solver_step = m_solver_step;
        m->residual = m_residual;
    }
    return 0;
}

void oracle_bind(oracle_ctx *o, const double *vis, const double *full, size_t rows)
{
    o->vis = vis;
    o->full = full;
    o->rows = rows;
}

void oracle_visible_rows(const oracle_ctx *o, size_t n, const double *full, double *vis)
{
    size_t i;
    if (vis == full) return;
    for (i = 0; i < n; i++) memcpy(vis + i * o->nxm, full + i * o->nx, o->nxm * sizeof *vis);
}

void oracle_free(oracle_ctx *o)
{
    free(o->scratch);
    o->scratch = NULL;
}
