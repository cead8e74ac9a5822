/*
 * oracle.c -- amor_oracle implementation over a problem instance.
 */
#include "oracle.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

static int o_hvp(void *ctx, size_t n, const double *x, const double *y,
                 const double *v, double *hv)
{
    oracle_ctx *o = ctx;
    size_t i, k, m = n * o->ny;
    int rc;
    o->hvp_calls += n;
    if (!o->fd_hvp) return o->desc->hvp(o->inst, n, x, y, v, hv, o->err, sizeof o->err);
    /* central difference of gradients along v, per instance scaled by |v| */
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
    if ((rc = o->desc->value_grad(o->inst, n, x, yp, f, gp, o->err, sizeof o->err))) return rc;
    if ((rc = o->desc->value_grad(o->inst, n, x, ym, f, gm, o->err, sizeof o->err))) return rc;
    for (i = 0; i < n; i++)
        for (k = 0; k < o->ny; k++)
            hv[i * o->ny + k] = hs[i] > 0 ? (gp[i * o->ny + k] - gm[i * o->ny + k]) / (2 * hs[i]) : 0;
    o->fd_hvp_used = 1;
    return 0;
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

int oracle_init(oracle_ctx *o, const amor_problem_desc *desc, void *inst)
{
    memset(o, 0, sizeof *o);
    o->desc = desc;
    o->inst = inst;
    desc->dims(inst, &o->nx, &o->ny);
    o->table.struct_size = sizeof(amor_oracle);
    o->table.ctx = o;
    o->table.nx = o->nx;
    o->table.ny = o->ny;
    o->table.value = o_value;
    if (desc->value_grad) {
        o->table.value_grad = o_value_grad;
        o->table.hvp = o_hvp;
        o->fd_hvp = desc->hvp == NULL;
    }
    if (desc->project) o->table.project = o_project;
    if (desc->project && desc->project_vjp) o->table.project_vjp = o_project_vjp;
    if (desc->dictionary) o->table.dictionary = o_dictionary;
    return 0;
}

void oracle_free(oracle_ctx *o)
{
    free(o->scratch);
    o->scratch = NULL;
}
