/*
 * unroll.c -- the gradient step of the semi-amortized models and its reverse
 * pass (see unroll.h), plus their inner MLP built from parameter values
 * (amath's am_act_parse_hidden and am_mlp_create_hidden), batched conjugate
 * gradient on the oracle's HVPs, and K iterations of the problem's own
 * solver.
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

/* out (n, ny) = y - a o g with a (ny) per coordinate; a plain loop too. */
static void sub_scaled_vec(double *out, const double *y, const double *a,
                           const double *g, size_t n, size_t ny)
{
    size_t i, k;
    for (i = 0; i < n; i++, out += ny, y += ny, g += ny)
        for (k = 0; k < ny; k++) out[k] = y[k] - a[k] * g[k];
}

/* out = y - a o g under rule r */
static void rule_sub(double *out, const double *y, const unroll_rule *r,
                     const double *g, size_t n, size_t ny)
{
    if (r->avec) sub_scaled_vec(out, y, r->avec, g, n, ny);
    else sub_scaled(out, y, r->alpha, g, n * ny);
}

int unroll_step_rule(double *y_next, double *g, double *f, const amor_oracle *o,
                     int project, const unroll_rule *r, size_t n, const double *x,
                     const double *y)
{
    size_t m = n * o->ny, k;
    int rc;
    if (n == 0) return AMOR_OK;
    if ((rc = o->value_grad(o->ctx, n, x, y, f, g))) return rc;
    if (r->lambda != 0)
        for (k = 0; k < m; k++) g[k] += r->lambda * (y[k] - r->c[k]);
    rule_sub(y_next, y, r, g, n, o->ny);
    if (project && (rc = o->project(o->ctx, n, x, y_next))) return rc;
    return AMOR_OK;
}

int unroll_step(double *y_next, double *g, double *f, const amor_oracle *o,
                int project, double alpha, size_t n, const double *x,
                const double *y)
{
    unroll_rule r = {alpha, NULL, 0.0, NULL};
    return unroll_step_rule(y_next, g, f, o, project, &r, n, x, y);
}

/* The scalar rule's adjoint update (EXACT or IDENTITY), hv = H u for EXACT;
 * without lambda exactly the loops unroll_step_backward always had, so its
 * callers (warmstart, unroll_gd without lambda) get the same bits. */
static void adj_scalar(double *adj, double *dc, const double *du, const double *hv,
                       double alpha, double lambda, size_t m)
{
    size_t k;
    if (dc && lambda != 0)
        for (k = 0; k < m; k++) dc[k] += lambda * alpha * du[k]; /* before adj: du may be adj */
    if (lambda == 0) {
        if (hv)
            for (k = 0; k < m; k++) adj[k] = du[k] - alpha * hv[k];
        else if (du != adj)
            memcpy(adj, du, m * sizeof *adj);
    } else if (hv) {
        for (k = 0; k < m; k++) adj[k] = du[k] - alpha * (hv[k] + lambda * du[k]);
    } else {
        for (k = 0; k < m; k++) adj[k] = du[k] - alpha * lambda * du[k];
    }
}

int unroll_step_rule_backward(double *adj, double *dalpha, double *dc,
                              const amor_oracle *o, int project, unroll_jac jac,
                              const unroll_rule *r, size_t n, const double *x,
                              const double *y, const double *g, double *z, double *u,
                              double *hv)
{
    size_t ny = o->ny, m = n * ny, i, k;
    const double *du = adj; /* dL/dz */
    int rc;
    if (n == 0) return AMOR_OK;
    if (project) {
        rule_sub(z, y, r, g, n, ny);
        if ((rc = o->project_vjp(o->ctx, n, x, z, adj, u))) return rc;
        du = u;
    }
    if (dalpha && r->avec) {
        for (i = 0; i < n; i++)
            for (k = 0; k < ny; k++) dalpha[k] -= du[i * ny + k] * g[i * ny + k];
    } else if (dalpha) {
        *dalpha -= am_ddot(m, du, g);
    }
    if (jac == UNROLL_JAC_NONE) return AMOR_OK;
    if (!r->avec) {
        if (jac == UNROLL_JAC_EXACT && (rc = o->hvp(o->ctx, n, x, y, du, hv))) return rc;
        adj_scalar(adj, dc, du, jac == UNROLL_JAC_EXACT ? hv : NULL, r->alpha, r->lambda, m);
        return AMOR_OK;
    }
    for (i = 0; i < n; i++) /* w = a o u, in z (free again after project_vjp) */
        for (k = 0; k < ny; k++) z[i * ny + k] = r->avec[k] * du[i * ny + k];
    if (jac == UNROLL_JAC_EXACT && (rc = o->hvp(o->ctx, n, x, y, z, hv))) return rc;
    if (dc && r->lambda != 0)
        for (k = 0; k < m; k++) dc[k] += r->lambda * z[k];
    for (k = 0; k < m; k++) /* du may be adj: each entry read before it is written */
        adj[k] = du[k] - ((jac == UNROLL_JAC_EXACT ? hv[k] : 0.0) + r->lambda * z[k]);
    return AMOR_OK;
}

int unroll_step_backward(double *adj, double *dalpha, const amor_oracle *o,
                         int project, unroll_jac jac, double alpha, size_t n,
                         const double *x, const double *y, const double *g,
                         double *z, double *u, double *hv)
{
    unroll_rule r = {alpha, NULL, 0.0, NULL};
    return unroll_step_rule_backward(adj, dalpha, NULL, o, project, jac, &r, n, x, y, g,
                                     z, u, hv);
}

/* v_i += a p_i, r_i -= a hp_i; returns |r_i|^2. */
static double cg_update(double *v, double *r, const double *p, const double *hp, double a,
                        size_t ny)
{
    size_t k;
    double rr = 0.0;
    for (k = 0; k < ny; k++) {
        v[k] += a * p[k];
        r[k] -= a * hp[k];
        rr += r[k] * r[k];
    }
    return rr;
}

int unroll_cg(double *v, double *ws, const amor_oracle *o, double lambda, size_t maxit,
              double tol, size_t n, const double *x, const double *y, const double *b)
{
    size_t ny = o->ny, m = n * ny, i, k, it, live;
    double *r = ws, *p = r + m, *hp = p + m; /* (n, ny) each */
    double *rr = hp + m, *thr = rr + n;       /* (n) |r_i|^2 and its stopping level */
    int rc;
    memset(v, 0, m * sizeof *v);
    memcpy(r, b, m * sizeof *r);
    memcpy(p, b, m * sizeof *p);
    for (i = 0; i < n; i++) {
        rr[i] = am_ddot(ny, r + i * ny, r + i * ny);
        thr[i] = tol * tol * rr[i];
    }
    for (it = 0; it < maxit; it++) {
        /* context i iterates while !(rr <= thr): a stopped one has both 0,
         * a NaN keeps going (and stays NaN for the host to see) */
        for (live = 0, i = 0; i < n; i++) live += !(rr[i] <= thr[i]);
        if (!live) break;
        if ((rc = o->hvp(o->ctx, n, x, y, p, hp))) return rc;
        for (i = 0; i < n; i++) {
            double *vi = v + i * ny, *ri = r + i * ny, *pi = p + i * ny, *hpi = hp + i * ny;
            double pap, rn;
            if (rr[i] <= thr[i]) continue;
            for (k = 0; k < ny; k++) hpi[k] += lambda * pi[k];
            pap = am_ddot(ny, pi, hpi);
            if (!(pap > 0)) { /* not positive definite along p */
                if (it == 0)
                    for (k = 0; k < ny; k++) vi[k] = b[i * ny + k] / lambda;
                rr[i] = thr[i] = 0.0;
                continue;
            }
            rn = cg_update(vi, ri, pi, hpi, rr[i] / pap, ny);
            if (rn <= thr[i]) {
                rr[i] = thr[i] = 0.0;
                continue;
            }
            for (k = 0; k < ny; k++) pi[k] = ri[k] + rn / rr[i] * pi[k];
            rr[i] = rn;
        }
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
