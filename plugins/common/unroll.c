/*
 * unroll.c -- the gradient step of the semi-amortized models and its reverse
 * pass (see unroll.h), plus their inner MLP built from parameter values
 * (amath's am_act_parse_hidden and am_mlp_create_hidden), and K iterations of
 * the problem's own solver.
 */
#include "unroll.h"

#include <stddef.h>
#include <string.h>

int unroll_mlp_create(am_mlp *net, const amor_value *hidden,
                      const char *activation, size_t nx, size_t ny,
                      const char *who, char *err, size_t errlen)
{
    am_act act;
    int rc = am_act_parse_hidden(activation, &act, who, err, errlen);
    if (rc) return rc;
    return am_mlp_create_hidden(net, nx, hidden->list, hidden->len, ny, act, who,
                                err, errlen);
}

/* out (len) = y - alpha g.  A plain loop, not BLAS, so the forward step and
 * the backward recomputation of z produce the same bits (an FMA kernel
 * would not be guaranteed to). */
static void sub_scaled(double *out, const double *y, double alpha,
                       const double *g, size_t len)
{
    size_t k;
    for (k = 0; k < len; k++) out[k] = y[k] - alpha * g[k];
}

int unroll_step(double *y_next, double *g, double *f, const amor_oracle *o,
                int project, double alpha, size_t n, const double *x,
                const double *y)
{
    int rc;
    if (n == 0) return AMOR_OK;
    if ((rc = o->value_grad(o->ctx, n, x, y, f, g))) return rc;
    sub_scaled(y_next, y, alpha, g, n * o->ny);
    if (project && (rc = o->project(o->ctx, n, x, y_next))) return rc;
    return AMOR_OK;
}

int unroll_step_backward(double *adj, double *dalpha, const amor_oracle *o,
                         int project, unroll_jac jac, double alpha, size_t n,
                         const double *x, const double *y, const double *g,
                         double *z, double *u, double *hv)
{
    size_t m = n * o->ny, k;
    const double *du = adj; /* dL/dz */
    int rc;
    if (n == 0) return AMOR_OK;
    if (project) {
        sub_scaled(z, y, alpha, g, m);
        if ((rc = o->project_vjp(o->ctx, n, x, z, adj, u))) return rc;
        du = u;
    }
    if (dalpha) *dalpha -= am_ddot(m, du, g);
    switch (jac) {
    case UNROLL_JAC_EXACT:
        if ((rc = o->hvp(o->ctx, n, x, y, du, hv))) return rc;
        for (k = 0; k < m; k++) adj[k] = du[k] - alpha * hv[k]; /* du may be adj */
        break;
    case UNROLL_JAC_IDENTITY:
        if (du != adj) memcpy(adj, du, m * sizeof *adj);
        break;
    case UNROLL_JAC_NONE:
        break;
    }
    return AMOR_OK;
}

int unroll_has_solver(const amor_oracle *o, size_t ny)
{
    return o->struct_size >= offsetof(amor_oracle, residual) + sizeof o->residual &&
           o->solver_init && o->solver_step && o->state_dim >= ny;
}

int unroll_solver_steps(double *iterates, double *ws, const amor_oracle *o, size_t K,
                        size_t n, size_t ny, const double *x)
{
    size_t len = n * ny, S = o->state_dim, t, i;
    double *cur = ws, *next = ws + n * S, *tmp;
    int rc = o->solver_init(o->ctx, n, x, iterates, cur);
    for (t = 1; t <= K && !rc; t++) {
        if ((rc = o->solver_step(o->ctx, n, x, cur, next))) break;
        for (i = 0; i < n; i++) memcpy(iterates + t * len + i * ny, next + i * S, ny * sizeof *next);
        tmp = cur, cur = next, next = tmp;
    }
    return rc;
}
