/*
 * conjugate.c -- problem plugin `conjugate`: amortized convex conjugates
 * (Amos, "On amortizing convex conjugates for optimal transport", ICLR 2023;
 * facebookresearch/w2ot).  For a fixed mu-strongly convex potential phi on
 * R^d and a point x, the solution is z*(x) = argmax_z <z, x> - phi(z), the
 * maximizer of the conjugate phi*(x); the objective to minimize is
 *
 *   f(z; x) = phi(z) - <z, x>,   so f(z*(x); x) = -phi*(x),
 *
 * and the host's gap f(y_hat; x) - f(z*; x) = phi*(x) - (<y_hat, x> -
 * phi(y_hat)) is exactly the error of the conjugate value a prediction gives.
 * Contexts x ~ N(0, I_d); nx = ny = d.
 *
 * Potentials (`potential`), each drawn once from an rng seeded with
 * `potential_seed`, in this order (tests/t_conjugate.c rebuilds them):
 *   quadratic: phi(z) = 1/2 z'Az + b'z, A = M M'/d + mu I with M (d, d)
 *              row-major N(0, 1) draws, then b (d) N(0, 1);
 *              z* = A^-1 (x - b), phi*(x) = 1/2 (x - b)'A^-1 (x - b).
 *   lse:       phi(z) = log sum_k exp(p_k'z + c_k) + mu/2 |z|^2, k < pieces,
 *              P (pieces, d) row-major N(0, 1), then c (pieces) N(0, 1).
 *   icnn:      an input-convex network (Amos et al. 2017, as w2ot's ICNN)
 *              plus mu/2 |z|^2, hidden widths n_0 .. n_{L-1}:
 *                a_0 = W_0 z + b_0,
 *                a_l = U_l s(a_{l-1}) + W_l z + b_l,      l = 1 .. L-1,
 *                phi = u's(a_{L-1}) + w'z + mu/2 |z|^2,
 *              s = softplus (convex, non-decreasing) and U_l, u >= 0, so phi
 *              - mu/2|z|^2 is convex.  Drawn layer by layer: W_l (n_l, d)
 *              truncated normal of std 1/sqrt(d), b_l (n_l) N(0, 1), then
 *              for l >= 1 U_l = softplus(R)/n_{l-1} with R (n_l, n_{l-1})
 *              truncated normal of std 1/sqrt(n_{l-1}) (w2ot's PositiveDense:
 *              softplus of a free kernel, gain 1/fan_in); then u =
 *              softplus(r)/n_{L-1} (r std 1/sqrt(n_{L-1})) and w (d) std
 *              1/sqrt(d).  "Truncated" is am_truncnormal (redrawn beyond 2
 *              std).  w2ot's biases start at 0 and are learned; these are
 *              random so that the kinks of the net spread around the
 *              contexts instead of all sitting at z = 0.
 * Gradients and Hessian-vector products are exact (the ICNN's by
 * backpropagation and Pearlmutter's R-operator).
 *
 * solve: Newton's method from z = 0 with a backtracking line search; the
 * Hessian is assembled from d Hessian-vector products and factored by
 * Cholesky (riccati.h).  A row stops at |grad f|_2 <= 1e-12 max(1, |x|_2)
 * (CONJ_TOL); a row whose line search finds no acceptable step first (the
 * rounding floor of f and grad f) is accepted at |grad f|_2 <= 1e-8 max(1,
 * |x|_2) (CONJ_STALL) and refused above it, as is a row that does not reach
 * CONJ_TOL within `solve_iters` iterations.
 *
 * No solver step of its own (ABI 1.1 state_dim ... residual): the host's
 * `amor check` picks the first problem on the plugin path with one for
 * models that need it, and tests/e2e_check.t expects that to be enr
 * (the first in name order).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "amath.h"
#include "alapack.h"
#include "amor.h"
#include "riccati.h"

/* Rows per block of the batched calls: bounds the scratch. */
#define CONJ_CHUNK 64
/* Newton stops a row at |grad|_2 <= CONJ_TOL max(1, |x|_2) ... */
#define CONJ_TOL 1e-12
/* ... or, once the line search stalls, accepts it at CONJ_STALL. */
#define CONJ_STALL 1e-8
/* Armijo constant and the halvings of the line search. */
#define CONJ_ARMIJO 1e-4
#define CONJ_HALVINGS 60

enum { POT_QUADRATIC, POT_LSE, POT_ICNN };

typedef struct conj {
    size_t d;          /* nx = ny = dim */
    int kind;          /* POT_* */
    double mu;         /* strong convexity of phi */
    size_t solve_iters;
    /* quadratic */
    double *a;         /* (d, d) A, exactly symmetric */
    double *b;         /* (d) */
    /* lse */
    size_t K;          /* pieces */
    double *p;         /* (K, d) */
    double *c;         /* (K) */
    /* icnn: theta carved by the offset tables */
    size_t L;          /* hidden layers */
    size_t *n;         /* (L) widths */
    size_t *woff, *boff, *uoff; /* (L) W_l (n_l, d), b_l (n_l), U_l (n_l, n_{l-1}) */
    size_t *hoff;      /* (L) offset of layer l within a row's hsum block */
    size_t hsum, nmax;
    size_t uo, wo;     /* u (n_{L-1}), w (d) */
    double *theta;
    /* scratch */
    double *ws;        /* (CONJ_CHUNK, per-row width of the potential) */
    double *hess;      /* (d, d) Newton's Hessian, then its Cholesky factor */
    double *zrep;      /* (d, d) one point repeated, for the Hessian's HVPs */
    double *eye;       /* (d, d) identity */
    double *nz;        /* (5 d) Newton's z, g, direction, trial z, trial g */
    double *gs;        /* (CONJ_CHUNK, d) value()'s unused gradient */
} conj;

enum { P_DIM, P_POTENTIAL, P_MU, P_SEED, P_PIECES, P_HIDDEN, P_SOLVE_ITERS, NUM_P };

static const int64_t conj_hidden_default[] = {64, 64};

static const amor_param_decl conj_params[NUM_P] = {
    {"dim", AMOR_PARAM_INT, "dimension d of x and z", 2, NULL, NULL, 0, 1, 1024, NULL},
    {"potential", AMOR_PARAM_STRING, "the convex potential phi: quadratic (closed-form "
     "conjugate), lse (log-sum-exp of affine maps) or icnn (input-convex network), each "
     "plus mu/2 |z|^2", 0, "icnn", NULL, 0, 0, 0, "quadratic|lse|icnn"},
    {"mu", AMOR_PARAM_REAL, "strong convexity of phi, > 0 (phi - mu/2 |z|^2 is convex)",
     0.5, NULL, NULL, 0, 0, 1e6, NULL},
    {"potential_seed", AMOR_PARAM_INT, "seed of the potential's random weights", 0, NULL,
     NULL, 0, 0, 2147483647.0, NULL},
    {"pieces", AMOR_PARAM_INT, "affine maps inside the log-sum-exp (potential = lse)", 16,
     NULL, NULL, 0, 1, 65536, NULL},
    {"hidden", AMOR_PARAM_INT_LIST, "hidden widths of the ICNN (potential = icnn; at least "
     "one layer)", 0, NULL, conj_hidden_default, 2, 1, 4096, NULL},
    {"solve_iters", AMOR_PARAM_INT, "Newton iteration cap of solve", 100, NULL, NULL, 0, 1,
     1e6, NULL},
};

/* ------------------------------------------------------------------------ */
/* Raw math: phi, grad phi and Hessian-vector products on m <= CONJ_CHUNK    */
/* rows, each writing only its outputs and c->ws                            */

static double softplus(double a) { return fmax(a, 0.0) + log1p(exp(-fabs(a))); }

static double sigmoid(double a)
{
    double e;
    if (a >= 0) return 1.0 / (1.0 + exp(-a));
    e = exp(a);
    return e / (1.0 + e);
}

/* phi (m) and g (m, d) = grad phi for the quadratic. */
static void quad_grad(const conj *c, size_t m, const double *z, double *phi, double *g)
{
    size_t i, d = c->d;
    am_dgemm(AM_NOTRANS, AM_NOTRANS, m, d, d, 1.0, z, d, c->a, d, 0.0, g, d);
    for (i = 0; i < m; i++) {
        phi[i] = 0.5 * am_ddot(d, z + i * d, g + i * d) + am_ddot(d, c->b, z + i * d);
        am_daxpy(d, 1.0, c->b, g + i * d);
    }
}

/* s (m, K) := softmax(z P' + c) per row; lse (m) the log-sum-exp (may be NULL). */
static void lse_probs(const conj *c, size_t m, const double *z, double *s, double *lse)
{
    size_t i, k, K = c->K;
    am_rows_fill(s, c->c, m, K);
    am_dgemm(AM_NOTRANS, AM_TRANS, m, K, c->d, 1.0, z, c->d, c->p, c->d, 1.0, s, K);
    for (i = 0; i < m; i++) {
        double *si = s + i * K, mx = si[0], sum = 0.0;
        for (k = 1; k < K; k++) mx = fmax(mx, si[k]);
        for (k = 0; k < K; k++) sum += (si[k] = exp(si[k] - mx));
        for (k = 0; k < K; k++) si[k] /= sum;
        if (lse) lse[i] = mx + log(sum);
    }
}

static void lse_grad(const conj *c, size_t m, const double *z, double *phi, double *g)
{
    size_t i, d = c->d;
    double *s = c->ws; /* (m, K) */
    lse_probs(c, m, z, s, phi);
    memcpy(g, z, m * d * sizeof *g);
    am_dgemm(AM_NOTRANS, AM_NOTRANS, m, d, c->K, 1.0, s, c->K, c->p, d, c->mu, g, d);
    for (i = 0; i < m; i++) phi[i] += 0.5 * c->mu * am_ddot(d, z + i * d, z + i * d);
}

/* Hessian P'(diag(s) - s s')P + mu I with s the softmax at z. */
static void lse_hvp(const conj *c, size_t m, const double *z, const double *v, double *hv)
{
    size_t i, k, d = c->d, K = c->K;
    double *s = c->ws, *t = s + CONJ_CHUNK * K; /* (m, K) each */
    lse_probs(c, m, z, s, NULL);
    am_dgemm(AM_NOTRANS, AM_TRANS, m, K, d, 1.0, v, d, c->p, d, 0.0, t, K);
    for (i = 0; i < m; i++) {
        double *si = s + i * K, *ti = t + i * K, st = am_ddot(K, si, ti);
        for (k = 0; k < K; k++) ti[k] = si[k] * (ti[k] - st);
    }
    memcpy(hv, v, m * d * sizeof *hv);
    am_dgemm(AM_NOTRANS, AM_NOTRANS, m, d, K, 1.0, t, K, c->p, d, c->mu, hv, d);
}

/* The ICNN's pre-activations A_l (m, n_l) and activations H_l = s(A_l) into
 * the scratch: A at ws, H after it, each layer at m hoff[l]. */
static void icnn_forward(const conj *c, size_t m, const double *z)
{
    size_t l, k, d = c->d;
    double *A = c->ws, *H = A + CONJ_CHUNK * c->hsum;
    for (l = 0; l < c->L; l++) {
        size_t nl = c->n[l];
        double *al = A + m * c->hoff[l], *hl = H + m * c->hoff[l];
        am_rows_fill(al, c->theta + c->boff[l], m, nl);
        am_dgemm(AM_NOTRANS, AM_TRANS, m, nl, d, 1.0, z, d, c->theta + c->woff[l], d, 1.0,
                 al, nl);
        if (l > 0)
            am_dgemm(AM_NOTRANS, AM_TRANS, m, nl, c->n[l - 1], 1.0, H + m * c->hoff[l - 1],
                     c->n[l - 1], c->theta + c->uoff[l], c->n[l - 1], 1.0, al, nl);
        for (k = 0; k < m * nl; k++) hl[k] = softplus(al[k]);
    }
}

static void icnn_grad(const conj *c, size_t m, const double *z, double *phi, double *g)
{
    size_t i, k, l, d = c->d, top = c->L - 1, nt = c->n[top];
    const double *u = c->theta + c->uo, *w = c->theta + c->wo;
    double *A = c->ws, *H = A + CONJ_CHUNK * c->hsum;
    double *e = H + CONJ_CHUNK * c->hsum, *q = e + CONJ_CHUNK * c->nmax; /* (m, nmax) */
    icnn_forward(c, m, z);
    for (i = 0; i < m; i++) {
        const double *zi = z + i * d;
        phi[i] = am_ddot(nt, u, H + m * c->hoff[top] + i * nt) + am_ddot(d, w, zi) +
                 0.5 * c->mu * am_ddot(d, zi, zi);
        for (k = 0; k < d; k++) g[i * d + k] = w[k] + c->mu * zi[k];
    }
    /* e = dphi/dA_top, then down the hidden path through U_l >= 0 */
    for (i = 0; i < m; i++)
        for (k = 0; k < nt; k++)
            e[i * nt + k] = u[k] * sigmoid(A[m * c->hoff[top] + i * nt + k]);
    for (l = top;; l--) {
        size_t nl = c->n[l];
        am_dgemm(AM_NOTRANS, AM_NOTRANS, m, d, nl, 1.0, e, nl, c->theta + c->woff[l], d, 1.0,
                 g, d);
        if (l == 0) break;
        am_dgemm(AM_NOTRANS, AM_NOTRANS, m, c->n[l - 1], nl, 1.0, e, nl,
                 c->theta + c->uoff[l], c->n[l - 1], 0.0, q, c->n[l - 1]);
        for (k = 0; k < m * c->n[l - 1]; k++)
            e[k] = q[k] * sigmoid(A[m * c->hoff[l - 1] + k]);
    }
}

/* Pearlmutter's R-operator along v: the forward in direction v (RA_l), then
 * the backward of the forward's e_l together with its directional
 * derivative re_l; hv = mu v + sum_l re_l W_l. */
static void icnn_hvp(const conj *c, size_t m, const double *z, const double *v, double *hv)
{
    size_t i, k, l, d = c->d, top = c->L - 1, nt = c->n[top], W = CONJ_CHUNK * c->nmax;
    const double *u = c->theta + c->uo;
    double *A = c->ws, *H = A + CONJ_CHUNK * c->hsum, *RA = H + CONJ_CHUNK * c->hsum;
    double *e = RA + CONJ_CHUNK * c->hsum, *re = e + W, *q = re + W, *rq = q + W;
    icnn_forward(c, m, z);
    for (l = 0; l < c->L; l++) {
        size_t nl = c->n[l];
        double *ral = RA + m * c->hoff[l];
        am_dgemm(AM_NOTRANS, AM_TRANS, m, nl, d, 1.0, v, d, c->theta + c->woff[l], d, 0.0,
                 ral, nl);
        if (l > 0) {
            size_t np = c->n[l - 1];
            const double *ap = A + m * c->hoff[l - 1], *rap = RA + m * c->hoff[l - 1];
            for (k = 0; k < m * np; k++) q[k] = sigmoid(ap[k]) * rap[k]; /* R(H_{l-1}) */
            am_dgemm(AM_NOTRANS, AM_TRANS, m, nl, np, 1.0, q, np, c->theta + c->uoff[l], np,
                     1.0, ral, nl);
        }
    }
    for (i = 0; i < m; i++)
        for (k = 0; k < nt; k++) {
            size_t o = m * c->hoff[top] + i * nt + k;
            double sg = sigmoid(A[o]);
            e[i * nt + k] = u[k] * sg;
            re[i * nt + k] = u[k] * sg * (1.0 - sg) * RA[o];
        }
    for (k = 0; k < m * d; k++) hv[k] = c->mu * v[k];
    for (l = top;; l--) {
        size_t nl = c->n[l], np;
        const double *ul = c->theta + c->uoff[l];
        am_dgemm(AM_NOTRANS, AM_NOTRANS, m, d, nl, 1.0, re, nl, c->theta + c->woff[l], d, 1.0,
                 hv, d);
        if (l == 0) break;
        np = c->n[l - 1];
        am_dgemm(AM_NOTRANS, AM_NOTRANS, m, np, nl, 1.0, e, nl, ul, np, 0.0, q, np);
        am_dgemm(AM_NOTRANS, AM_NOTRANS, m, np, nl, 1.0, re, nl, ul, np, 0.0, rq, np);
        for (k = 0; k < m * np; k++) {
            size_t o = m * c->hoff[l - 1] + k;
            double sg = sigmoid(A[o]);
            e[k] = q[k] * sg;
            re[k] = rq[k] * sg + q[k] * sg * (1.0 - sg) * RA[o];
        }
    }
}

/* phi (m) and grad phi (m, d) at z (m, d), m <= CONJ_CHUNK. */
static void pot_grad(const conj *c, size_t m, const double *z, double *phi, double *g)
{
    if (c->kind == POT_QUADRATIC) quad_grad(c, m, z, phi, g);
    else if (c->kind == POT_LSE) lse_grad(c, m, z, phi, g);
    else icnn_grad(c, m, z, phi, g);
}

/* hv (m, d) = Hess phi(z_i) v_i, m <= CONJ_CHUNK. */
static void pot_hvp(const conj *c, size_t m, const double *z, const double *v, double *hv)
{
    if (c->kind == POT_QUADRATIC)
        am_dgemm(AM_NOTRANS, AM_NOTRANS, m, c->d, c->d, 1.0, v, c->d, c->a, c->d, 0.0, hv,
                 c->d);
    else if (c->kind == POT_LSE) lse_hvp(c, m, z, v, hv);
    else icnn_hvp(c, m, z, v, hv);
}

/* f (n) = phi(y) - <y, x> and grad (n, d) = grad phi(y) - x, block by block. */
static void obj_grad(const conj *c, size_t n, const double *x, const double *y, double *f,
                     double *g)
{
    size_t r0, i, d = c->d;
    for (r0 = 0; r0 < n; r0 += CONJ_CHUNK) {
        size_t m = n - r0 < CONJ_CHUNK ? n - r0 : CONJ_CHUNK;
        const double *xs = x + r0 * d, *ys = y + r0 * d;
        pot_grad(c, m, ys, f + r0, g + r0 * d);
        for (i = 0; i < m; i++) {
            f[r0 + i] -= am_ddot(d, ys + i * d, xs + i * d);
            am_daxpy(d, -1.0, xs + i * d, g + (r0 + i) * d);
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Newton's method, one row at a time                                        */

static double norm2(size_t d, const double *v) { return sqrt(am_ddot(d, v, v)); }

/* One Newton iteration on the row x from z with f(z) = *f, grad f(z) = g:
 * direction -H^-1 g, then the largest t = 2^-j (j < CONJ_HALVINGS) with
 * Armijo's decrease f(z + t dir) <= f + CONJ_ARMIJO t g'dir, or, for the
 * full step, a halved gradient norm (near z* the decrease of f falls below
 * its rounding while the gradient still converges quadratically).  On
 * success z, *f and g move to the new point; returns 0, 1 when no step was
 * acceptable (z, *f, g unchanged), -1 when the Hessian is not numerically
 * positive definite. */
static int newton_iter(conj *c, const double *x, double *z, double *f, double *g)
{
    size_t d = c->d, r0, i, j;
    double *dir = c->nz + 2 * d, *zt = dir + d, *gt = zt + d, gd, gn = norm2(d, g), t = 1.0;
    for (i = 0; i < d; i++) memcpy(c->zrep + i * d, z, d * sizeof *z);
    for (r0 = 0; r0 < d; r0 += CONJ_CHUNK) {
        size_t m = d - r0 < CONJ_CHUNK ? d - r0 : CONJ_CHUNK;
        pot_hvp(c, m, c->zrep + r0 * d, c->eye + r0 * d, c->hess + r0 * d);
    }
    for (i = 0; i < d; i++) /* rows are H e_i; symmetric up to rounding */
        for (j = i + 1; j < d; j++)
            c->hess[i * d + j] = c->hess[j * d + i] =
                0.5 * (c->hess[i * d + j] + c->hess[j * d + i]);
    if (am_dpotrf(c->hess, d)) return -1;
    for (i = 0; i < d; i++) dir[i] = -g[i];
    am_dpotrs(c->hess, d, dir, 1);
    gd = am_ddot(d, g, dir);
    for (j = 0; j < CONJ_HALVINGS; j++, t *= 0.5) {
        double ft;
        for (i = 0; i < d; i++) zt[i] = z[i] + t * dir[i];
        obj_grad(c, 1, x, zt, &ft, gt);
        if (!isfinite(ft)) continue;
        if (ft <= *f + CONJ_ARMIJO * t * gd || (j == 0 && norm2(d, gt) <= 0.5 * gn)) {
            memcpy(z, zt, d * sizeof *z);
            memcpy(g, gt, d * sizeof *g);
            *f = ft;
            return 0;
        }
    }
    return 1;
}

/* z* of the row x into z (d), from z = 0. */
static int newton_solve(conj *c, size_t row, const double *x, double *z, char *err,
                        size_t errlen)
{
    size_t d = c->d, it;
    double *g = c->nz + d, f, scale = fmax(1.0, norm2(d, x));
    memset(z, 0, d * sizeof *z);
    obj_grad(c, 1, x, z, &f, g);
    for (it = 0;; it++) {
        double gn = norm2(d, g);
        int rc;
        if (gn <= CONJ_TOL * scale) return AMOR_OK;
        if (it == c->solve_iters)
            return amor_errorf(err, errlen, AMOR_ENUMERIC,
                               "conjugate: Newton did not reach |grad| <= %g in %zu "
                               "iterations (solve_iters) at context %zu: |grad| = %g",
                               CONJ_TOL * scale, c->solve_iters, row, gn);
        rc = newton_iter(c, x, z, &f, g);
        if (rc < 0)
            return amor_errorf(err, errlen, AMOR_ENUMERIC,
                               "conjugate: Hessian not positive definite at context %zu",
                               row);
        if (rc > 0) {
            if (gn <= CONJ_STALL * scale) return AMOR_OK;
            return amor_errorf(err, errlen, AMOR_ENUMERIC,
                               "conjugate: Newton's line search stalled at context %zu "
                               "with |grad| = %g", row, gn);
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Construction                                                             */

static void conj_destroy(void *inst)
{
    conj *c = inst;
    if (!c) return;
    free(c->a);
    free(c->b);
    free(c->p);
    free(c->c);
    free(c->n);
    free(c->woff);
    free(c->boff);
    free(c->uoff);
    free(c->hoff);
    free(c->theta);
    free(c->ws);
    free(c->hess);
    free(c->zrep);
    free(c->eye);
    free(c->nz);
    free(c->gs);
    free(c);
}

/* The quadratic's A = M M'/d + mu I (exactly symmetric) and b. */
static int build_quadratic(conj *c, amor_rng *rng)
{
    size_t d = c->d, i, j;
    double *m = malloc(d * d * sizeof *m);
    c->a = malloc(d * d * sizeof *c->a);
    c->b = malloc(d * sizeof *c->b);
    if (!m || !c->a || !c->b) {
        free(m);
        return AMOR_ENOMEM;
    }
    for (i = 0; i < d * d; i++) m[i] = amor_rng_normal(rng);
    for (i = 0; i < d; i++) c->b[i] = amor_rng_normal(rng);
    am_dgemm(AM_NOTRANS, AM_TRANS, d, d, d, 1.0 / (double)d, m, d, m, d, 0.0, c->a, d);
    for (i = 0; i < d; i++) {
        for (j = i + 1; j < d; j++)
            c->a[i * d + j] = c->a[j * d + i] = 0.5 * (c->a[i * d + j] + c->a[j * d + i]);
        c->a[i * d + i] += c->mu;
    }
    free(m);
    return AMOR_OK;
}

static int build_lse(conj *c, amor_rng *rng)
{
    size_t i;
    c->p = malloc(c->K * c->d * sizeof *c->p);
    c->c = malloc(c->K * sizeof *c->c);
    if (!c->p || !c->c) return AMOR_ENOMEM;
    for (i = 0; i < c->K * c->d; i++) c->p[i] = amor_rng_normal(rng);
    for (i = 0; i < c->K; i++) c->c[i] = amor_rng_normal(rng);
    return AMOR_OK;
}

/* The ICNN's layout and random weights (see the top of the file). */
static int build_icnn(conj *c, const amor_value *hidden, amor_rng *rng)
{
    size_t L = c->L = hidden->len, l, k, d = c->d, off = 0, hs = 0;
    if (L == 0) return AMOR_EINVAL; /* refused by create already */
    c->n = malloc(L * sizeof *c->n);
    c->woff = malloc(L * sizeof *c->woff);
    c->boff = malloc(L * sizeof *c->boff);
    c->uoff = malloc(L * sizeof *c->uoff);
    c->hoff = malloc(L * sizeof *c->hoff);
    if (!c->n || !c->woff || !c->boff || !c->uoff || !c->hoff) return AMOR_ENOMEM;
    for (l = 0; l < L; l++) {
        size_t nl = c->n[l] = (size_t)hidden->list[l];
        c->hoff[l] = hs;
        hs += nl;
        if (nl > c->nmax) c->nmax = nl;
        c->woff[l] = off;
        off += nl * d;
        c->boff[l] = off;
        off += nl;
        c->uoff[l] = off;
        if (l > 0) off += nl * c->n[l - 1];
    }
    c->hsum = hs;
    c->uo = off;
    off += c->n[L - 1];
    c->wo = off;
    off += d;
    if (!(c->theta = malloc(off * sizeof *c->theta))) return AMOR_ENOMEM;
    for (l = 0; l < L; l++) {
        size_t nl = c->n[l];
        double *w = c->theta + c->woff[l], *b = c->theta + c->boff[l];
        for (k = 0; k < nl * d; k++) w[k] = am_truncnormal(rng, 1.0 / sqrt((double)d));
        for (k = 0; k < nl; k++) b[k] = amor_rng_normal(rng);
        if (l > 0) {
            size_t np = c->n[l - 1];
            double *u = c->theta + c->uoff[l];
            for (k = 0; k < nl * np; k++)
                u[k] = softplus(am_truncnormal(rng, 1.0 / sqrt((double)np))) / (double)np;
        }
    }
    for (k = 0; k < c->n[L - 1]; k++)
        c->theta[c->uo + k] =
            softplus(am_truncnormal(rng, 1.0 / sqrt((double)c->n[L - 1]))) /
            (double)c->n[L - 1];
    for (k = 0; k < d; k++) c->theta[c->wo + k] = am_truncnormal(rng, 1.0 / sqrt((double)d));
    return AMOR_OK;
}

static int conj_create(const amor_value *params, void **inst, char *err, size_t errlen)
{
    conj *c;
    const char *pot = params[P_POTENTIAL].s;
    size_t d, row, i;
    amor_rng rng;
    int rc;
    if (!(params[P_MU].r > 0))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "conjugate: parameter 'mu' must be > 0 (phi must be strongly "
                           "convex for phi* to be finite everywhere), got %g",
                           params[P_MU].r);
    if (!strcmp(pot, "icnn") && params[P_HIDDEN].len == 0)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "conjugate: parameter 'hidden' must list at least one layer "
                           "for potential = icnn");
    if (strcmp(pot, "quadratic") && strcmp(pot, "lse") && strcmp(pot, "icnn"))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "conjugate: parameter 'potential' must be quadratic, lse or "
                           "icnn, got '%s'", pot);
    if (!(c = calloc(1, sizeof *c)))
        return amor_errorf(err, errlen, AMOR_ENOMEM, "conjugate: out of memory");
    d = c->d = (size_t)params[P_DIM].i;
    c->mu = params[P_MU].r;
    c->solve_iters = (size_t)params[P_SOLVE_ITERS].i;
    c->K = (size_t)params[P_PIECES].i;
    c->kind = !strcmp(pot, "quadratic") ? POT_QUADRATIC : !strcmp(pot, "lse") ? POT_LSE
                                                                             : POT_ICNN;
    amor_rng_seed(&rng, (uint64_t)params[P_SEED].i);
    rc = c->kind == POT_QUADRATIC ? build_quadratic(c, &rng)
         : c->kind == POT_LSE     ? build_lse(c, &rng)
                                  : build_icnn(c, &params[P_HIDDEN], &rng);
    if (rc == AMOR_OK) {
        row = c->kind == POT_LSE ? 2 * c->K : c->kind == POT_ICNN ? 3 * c->hsum + 4 * c->nmax : 1;
        c->ws = malloc(CONJ_CHUNK * row * sizeof *c->ws);
        c->hess = malloc(d * d * sizeof *c->hess);
        c->zrep = malloc(d * d * sizeof *c->zrep);
        c->eye = calloc(d * d, sizeof *c->eye);
        c->nz = malloc(5 * d * sizeof *c->nz);
        c->gs = malloc(CONJ_CHUNK * d * sizeof *c->gs);
        if (!c->ws || !c->hess || !c->zrep || !c->eye || !c->nz || !c->gs) rc = AMOR_ENOMEM;
    }
    if (rc) {
        conj_destroy(c);
        return amor_errorf(err, errlen, rc, "conjugate: out of memory for dim %zu", d);
    }
    for (i = 0; i < d; i++) c->eye[i * d + i] = 1.0;
    *inst = c;
    return AMOR_OK;
}

/* ------------------------------------------------------------------------ */
/* Plugin glue                                                              */

static void conj_dims(const void *inst, size_t *nx, size_t *ny)
{
    const conj *c = inst;
    *nx = *ny = c->d;
}

/* x ~ N(0, I_d), row by row. */
static int conj_sample(void *inst, amor_rng *rng, size_t n, double *x, char *err,
                       size_t errlen)
{
    const conj *c = inst;
    size_t k;
    (void)err;
    (void)errlen;
    for (k = 0; k < n * c->d; k++) x[k] = amor_rng_normal(rng);
    return AMOR_OK;
}

static int conj_value_grad(void *inst, size_t n, const double *x, const double *y,
                           double *f, double *grad, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    obj_grad(inst, n, x, y, f, grad);
    return AMOR_OK;
}

/* value_grad's blocks with the gradient into scratch, so value and
 * value_grad agree bit for bit. */
static int conj_value(void *inst, size_t n, const double *x, const double *y, double *f,
                      char *err, size_t errlen)
{
    conj *c = inst;
    size_t r0, d = c->d;
    (void)err;
    (void)errlen;
    for (r0 = 0; r0 < n; r0 += CONJ_CHUNK) {
        size_t m = n - r0 < CONJ_CHUNK ? n - r0 : CONJ_CHUNK;
        obj_grad(c, m, x + r0 * d, y + r0 * d, f + r0, c->gs);
    }
    return AMOR_OK;
}

static int conj_hvp(void *inst, size_t n, const double *x, const double *y, const double *v,
                    double *hv, char *err, size_t errlen)
{
    conj *c = inst;
    size_t r0, d = c->d;
    (void)x;
    (void)err;
    (void)errlen;
    for (r0 = 0; r0 < n; r0 += CONJ_CHUNK) {
        size_t m = n - r0 < CONJ_CHUNK ? n - r0 : CONJ_CHUNK;
        pot_hvp(c, m, y + r0 * d, v + r0 * d, hv + r0 * d);
    }
    return AMOR_OK;
}

static int conj_solve(void *inst, size_t n, const double *x, double *ystar, char *err,
                      size_t errlen)
{
    conj *c = inst;
    size_t i;
    for (i = 0; i < n; i++) {
        int rc = newton_solve(c, i, x + i * c->d, ystar + i * c->d, err, errlen);
        if (rc) return rc;
    }
    return AMOR_OK;
}

static const amor_problem_desc conj_desc = {
    .head = AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "conjugate", "1.0",
                      "convex conjugate phi*(x): f(z; x) = phi(z) - <z, x>, phi quadratic, "
                      "log-sum-exp or ICNN plus mu/2|z|^2, x ~ N(0, I), y* by Newton",
                      conj_params, NUM_P),
    .create = conj_create,
    .destroy = conj_destroy,
    .dims = conj_dims,
    .sample = conj_sample,
    .value = conj_value,
    .value_grad = conj_value_grad,
    .hvp = conj_hvp,
    .solve = conj_solve,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &conj_desc.head : NULL;
}
