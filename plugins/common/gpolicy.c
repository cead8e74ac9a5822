/*
 * gpolicy.c -- Gaussian policies (see gpolicy.h): layouts, reparameterized
 * samples, densities, KL with both gradients, the maximum-entropy optimum of
 * a quadratic, and the SVG / SAC objective over a problem's f(u; x).
 */
#include "gpolicy.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alapack.h"
#include "amath.h"
#include "amnoise.h"

#define LOG_2PI 1.8378770664093454836

/* ------------------------------------------------------------------------ */
/* Layouts                                                                  */

gp_layout gp_layout_of(const char *name)
{
    if (name && !strcmp(name, "gaussian")) return GP_FULL;
    if (name && !strcmp(name, "gaussian_diag")) return GP_DIAG;
    return GP_DETERMINISTIC;
}

const char *gp_layout_name(gp_layout lay)
{
    return lay == GP_FULL ? "gaussian" : lay == GP_DIAG ? "gaussian_diag" : "deterministic";
}

size_t gp_ny(gp_layout lay, size_t d)
{
    return lay == GP_FULL ? d + d * (d + 1) / 2 : lay == GP_DIAG ? 2 * d : d;
}

int gp_dim(gp_layout lay, size_t ny, size_t *d)
{
    size_t k;
    for (k = 1; gp_ny(lay, k) <= ny; k++)
        if (gp_ny(lay, k) == ny) {
            *d = k;
            return 0;
        }
    return 1;
}

/* The position in y of L's entry (a, b), b <= a (b == a for GP_DIAG). */
static size_t lidx(gp_layout lay, size_t d, size_t a, size_t b)
{
    return lay == GP_FULL ? d + a * (a + 1) / 2 + b : d + a;
}

void gp_factor(gp_layout lay, size_t d, const double *y, double *L)
{
    size_t a, b;
    memset(L, 0, d * d * sizeof *L);
    for (a = 0; a < d; a++) {
        for (b = 0; lay == GP_FULL && b < a; b++) L[a * d + b] = y[lidx(lay, d, a, b)];
        L[a * d + a] = exp(y[lidx(lay, d, a, a)]);
    }
}

void gp_factor_vjp(gp_layout lay, size_t d, const double *y, const double *gL, double *gy)
{
    size_t a, b;
    for (a = 0; a < d; a++) {
        size_t ia = lidx(lay, d, a, a);
        for (b = 0; lay == GP_FULL && b < a; b++) gy[lidx(lay, d, a, b)] += gL[a * d + b];
        gy[ia] += gL[a * d + a] * exp(y[ia]);
    }
}

/* dL (d, d) = the tangent of L(y) along v (one row, ny): v's entries below
 * the diagonal, L_ii v_ii on it. */
static void factor_jvp(gp_layout lay, size_t d, const double *y, const double *v, double *dL)
{
    size_t a, b;
    memset(dL, 0, d * d * sizeof *dL);
    for (a = 0; a < d; a++) {
        size_t ia = lidx(lay, d, a, a);
        for (b = 0; lay == GP_FULL && b < a; b++) dL[a * d + b] = v[lidx(lay, d, a, b)];
        dL[a * d + a] = exp(y[ia]) * v[ia];
    }
}

/* u (S, d) = m + L e_s for e (S, d), L (d, d) lower. */
static void affine(size_t d, size_t S, const double *m, const double *L, const double *e,
                   double *u)
{
    size_t s, a;
    for (s = 0; s < S; s++)
        for (a = 0; a < d; a++) u[s * d + a] = m[a];
    am_dgemm(AM_NOTRANS, AM_TRANS, S, d, d, 1.0, e, d, L, d, 1.0, u, d);
}

void gp_sample(gp_layout lay, size_t d, size_t n, size_t S, const double *y,
               const double *eps, double *u)
{
    size_t ny = gp_ny(lay, d), i, a, b, s;
    for (i = 0; i < n; i++) /* L from y on the fly: no work */
        for (s = 0; s < S; s++) {
            const double *yi = y + i * ny, *e = eps + (i * S + s) * d;
            double *ui = u + (i * S + s) * d;
            for (a = 0; a < d; a++) {
                double v = yi[a] + exp(yi[lidx(lay, d, a, a)]) * e[a];
                for (b = 0; lay == GP_FULL && b < a; b++) v += yi[lidx(lay, d, a, b)] * e[b];
                ui[a] = v;
            }
        }
}

void gp_sample_vjp(gp_layout lay, size_t d, size_t n, size_t S, const double *y,
                   const double *eps, const double *gu, double *gy, double *work)
{
    size_t ny = gp_ny(lay, d), i, s;
    for (i = 0; i < n; i++) {
        const double *g = gu + i * S * d;
        for (s = 0; s < S; s++) am_daxpy(d, 1.0, g + s * d, gy + i * ny);
        /* dF/dL = sum_s gu_s eps_s' */
        am_dgemm(AM_TRANS, AM_NOTRANS, d, d, S, 1.0, g, d, eps + i * S * d, d, 0.0, work, d);
        gp_factor_vjp(lay, d, y + i * ny, work, gy + i * ny);
    }
}

static double log_det(gp_layout lay, size_t d, const double *y)
{
    double s = 0.0;
    size_t a;
    for (a = 0; a < d; a++) s += y[lidx(lay, d, a, a)];
    return s;
}

void gp_entropy(gp_layout lay, size_t d, size_t n, const double *y, double *h)
{
    size_t ny = gp_ny(lay, d), i;
    for (i = 0; i < n; i++) h[i] = 0.5 * (double)d * (1.0 + LOG_2PI) + log_det(lay, d, y + i * ny);
}

void gp_log_density(gp_layout lay, size_t d, size_t n, const double *y, const double *u,
                    double *logp, double *work)
{
    size_t ny = gp_ny(lay, d), i, a;
    double *L = work, *z = work + d * d;
    for (i = 0; i < n; i++) {
        const double *yi = y + i * ny;
        gp_factor(lay, d, yi, L);
        for (a = 0; a < d; a++) z[a] = u[i * d + a] - yi[a];
        am_tri_solve_cols(L, d, z, 1, 0);
        logp[i] = -0.5 * am_ddot(d, z, z) - log_det(lay, d, yi) - 0.5 * (double)d * LOG_2PI;
    }
}

/* ------------------------------------------------------------------------ */
/* KL                                                                       */

size_t gp_kl_work(size_t d) { return 4 * d * d + 2 * d; }

/* With M = L2^-1 L1 and delta = L2^-1 (mu2 - mu1):
 *   KL = 1/2 (|M|_F^2 + |delta|^2 - d) + sum log L2_ii - sum log L1_ii,
 *   dKL/dmu1 = -L2^-T delta = -dKL/dmu2,
 *   dKL/dL1 = L2^-T M (= S2^-1 L1),  dKL/dL2 = -L2^-T (M M' + delta delta'),
 * restricted to each layout's free entries. */
void gp_kl(gp_layout l1, const double *y1, gp_layout l2, const double *y2, size_t d,
           size_t n, double *kl, double *g1, double *g2, double *work)
{
    size_t ny1 = gp_ny(l1, d), ny2 = gp_ny(l2, d), i, a;
    double *L1 = work, *L2 = L1 + d * d, *M = L2 + d * d, *G = M + d * d, *dl = G + d * d,
           *t = dl + d;
    for (i = 0; i < n; i++) {
        const double *a1 = y1 + i * ny1, *a2 = y2 + i * ny2;
        gp_factor(l1, d, a1, L1);
        gp_factor(l2, d, a2, L2);
        memcpy(M, L1, d * d * sizeof *M);
        am_tri_solve_cols(L2, d, M, d, 0);
        for (a = 0; a < d; a++) dl[a] = a2[a] - a1[a];
        am_tri_solve_cols(L2, d, dl, 1, 0);
        kl[i] = 0.5 * (am_ddot(d * d, M, M) + am_ddot(d, dl, dl) - (double)d) +
                log_det(l2, d, a2) - log_det(l1, d, a1);
        if (!g1 && !g2) continue;
        memcpy(t, dl, d * sizeof *t);
        am_tri_solve_cols(L2, d, t, 1, 1);
        if (g1) {
            double *gr = g1 + i * ny1;
            memset(gr, 0, ny1 * sizeof *gr);
            for (a = 0; a < d; a++) gr[a] = -t[a];
            memcpy(G, M, d * d * sizeof *G);
            am_tri_solve_cols(L2, d, G, d, 1);
            gp_factor_vjp(l1, d, a1, G, gr);
            for (a = 0; a < d; a++) gr[lidx(l1, d, a, a)] -= 1.0;
        }
        if (g2) {
            double *gr = g2 + i * ny2;
            memset(gr, 0, ny2 * sizeof *gr);
            for (a = 0; a < d; a++) gr[a] = t[a];
            am_dgemm(AM_NOTRANS, AM_TRANS, d, d, d, -1.0, M, d, M, d, 0.0, G, d);
            am_dgemm(AM_NOTRANS, AM_NOTRANS, d, d, 1, -1.0, dl, 1, dl, d, 1.0, G, d);
            am_tri_solve_cols(L2, d, G, d, 1);
            gp_factor_vjp(l2, d, a2, G, gr);
            for (a = 0; a < d; a++) gr[lidx(l2, d, a, a)] += 1.0;
        }
    }
}

void gp_kl_both(gp_layout lay, const double *y, const double *pfull, size_t d, size_t n,
                double *out, size_t ldo, double *work)
{
    size_t ny = gp_ny(lay, d), nf = gp_ny(GP_FULL, d), i;
    for (i = 0; i < n; i++) {
        gp_kl(lay, y + i * ny, GP_FULL, pfull + i * nf, d, 1, out + i * ldo, NULL, NULL, work);
        gp_kl(GP_FULL, pfull + i * nf, lay, y + i * ny, d, 1, out + i * ldo + 1, NULL, NULL, work);
    }
}

/* ------------------------------------------------------------------------ */
/* The maximum-entropy optimum of a quadratic                               */

size_t gp_hess_work(size_t d) { return 2 * d * d; }

int gp_from_hessian(gp_layout lay, size_t d, const double *mu, const double *H, double alpha,
                    int forward, double *y, double *work)
{
    double *R = work, *C = work + d * d;
    size_t a, b;
    memcpy(R, H, d * d * sizeof *R);
    if (am_dpotrf(R, d)) return 1;
    memset(C, 0, d * d * sizeof *C);
    for (a = 0; a < d; a++) C[a * d + a] = alpha;
    am_chol_solve_cols(R, d, C, d); /* C = alpha H^-1 */
    if (lay == GP_DIAG && !forward)
        for (a = 0; a < d; a++) C[a * d + a] = alpha / H[a * d + a];
    if (lay == GP_FULL) {
        for (a = 0; a < d; a++) /* symmetric up to rounding */
            for (b = 0; b < a; b++) C[a * d + b] = C[b * d + a] = 0.5 * (C[a * d + b] + C[b * d + a]);
        if (am_dpotrf(C, d)) return 1;
    }
    memcpy(y, mu, d * sizeof *y);
    for (a = 0; a < d; a++) {
        for (b = 0; lay == GP_FULL && b < a; b++) y[lidx(lay, d, a, b)] = C[a * d + b];
        y[lidx(lay, d, a, a)] = lay == GP_FULL ? log(C[a * d + a]) : 0.5 * log(C[a * d + a]);
    }
    return 0;
}

/* ------------------------------------------------------------------------ */
/* Parameters                                                               */

int gp_config_read(gp_config *c, const amor_value *v, const char *who, int exact_ok, char *err,
                   size_t errlen)
{
    memset(c, 0, sizeof *c);
    c->layout = gp_layout_of(v[GP_P_POLICY].s);
    c->sac = !strcmp(v[GP_P_OBJECTIVE].s, "sac");
    c->exact = !strcmp(v[GP_P_EXPECTATION].s, "exact");
    c->fresh = !strcmp(v[GP_P_NOISE].s, "fresh");
    c->forward = !strcmp(v[GP_P_DIAG_PISTAR].s, "forward");
    c->samples = (size_t)v[GP_P_SAMPLES].i;
    c->alpha = v[GP_P_ALPHA].r;
    c->noise_key = am_noise_key((uint64_t)v[GP_P_NOISE_SEED].i);
    if (c->exact && !exact_ok)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "%s: parameter 'expectation' = exact needs f quadratic in the "
                           "actions (control_lqr); %s's is not: use expectation = sampled",
                           who, who);
    if (c->layout != GP_DETERMINISTIC && !(c->alpha > 0.0))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "%s: parameter 'alpha' must be > 0 with policy = %s (the entropy "
                           "temperature of pi* = N(argmin f, alpha H^-1)); got %g",
                           who, gp_layout_name(c->layout), c->alpha);
    return AMOR_OK;
}

/* ------------------------------------------------------------------------ */
/* The stochastic objective                                                 */

void gp_obj_init(gp_obj *o, const gp_config *c, size_t nx, size_t d, void *ctx, gp_vg_fn vg,
                 gp_hvp_fn hvp)
{
    memset(o, 0, sizeof *o);
    o->c = *c;
    o->nx = nx;
    o->d = d;
    o->ny = gp_ny(c->layout, d);
    o->ctx = ctx;
    o->vg = vg;
    o->hvp = hvp;
}

void gp_obj_free(gp_obj *o)
{
    free(o->xr), free(o->u), free(o->eps), free(o->v), free(o->g), free(o->hv), free(o->f);
    free(o->work);
    o->xr = o->u = o->eps = o->v = o->g = o->hv = o->f = o->work = NULL;
    o->cap = 0;
}

static int grow(double **p, size_t len)
{
    double *q = realloc(*p, (len ? len : 1) * sizeof *q);
    if (!q) return 1;
    *p = q;
    return 0;
}

static int reserve(gp_obj *o, size_t rows, char *err, size_t errlen)
{
    size_t d = o->d, rnx, rd;
    if (!o->work && grow(&o->work, 4 * d * d))
        return amor_errorf(err, errlen, AMOR_ENOMEM, "gaussian policy: out of memory");
    if (rows <= o->cap) return AMOR_OK;
    if (am_mul_size(rows, o->nx, &rnx) || am_mul_size(rows, d, &rd))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "gaussian policy: %zu rows overflow the buffer size", rows);
    if (grow(&o->xr, rnx) || grow(&o->u, rd) || grow(&o->eps, rd) ||
        grow(&o->v, rd) || grow(&o->g, rd) || grow(&o->hv, rd) ||
        grow(&o->f, rows))
        return amor_errorf(err, errlen, AMOR_ENOMEM,
                           "gaussian policy: out of memory for %zu rows", rows);
    o->cap = rows;
    return AMOR_OK;
}

/* Rows of the sampled objective: xr, eps and u for n contexts x S draws. */
static void draw(gp_obj *o, size_t n, const double *x, const double *y)
{
    size_t nx = o->nx, d = o->d, S = o->c.samples, i, s;
    uint64_t call = o->c.fresh ? ++o->calls : 0;
    for (i = 0; i < n; i++) {
        uint64_t hx = am_noise_hash(x + i * nx, nx);
        for (s = 0; s < S; s++) {
            memcpy(o->xr + (i * S + s) * nx, x + i * nx, nx * sizeof *o->xr);
            am_noise_fill(o->eps + (i * S + s) * d, d, hx, o->c.noise_key, s, call);
        }
    }
    gp_sample(o->c.layout, d, n, S, y, o->eps, o->u);
}

/* Rows of the exact objective: context i repeated, actions mu_i, and as
 * directions the columns of L_i (then, with v, of dL_i), after v_mu_i. */
static void columns(gp_obj *o, size_t n, const double *x, const double *y, const double *v,
                    size_t per)
{
    size_t nx = o->nx, d = o->d, ny = o->ny, i, r, a;
    double *L = o->work, *dL = o->work + d * d;
    for (i = 0; i < n; i++) {
        double *dir = o->v + i * per * d;
        gp_factor(o->c.layout, d, y + i * ny, L);
        if (v) factor_jvp(o->c.layout, d, y + i * ny, v + i * ny, dL);
        for (r = 0; r < per; r++) {
            memcpy(o->xr + (i * per + r) * nx, x + i * nx, nx * sizeof *o->xr);
            memcpy(o->u + (i * per + r) * d, y + i * ny, d * sizeof *o->u);
        }
        for (r = 0; r < d; r++)
            for (a = 0; a < d; a++) dir[r * d + a] = L[a * d + r];
        if (!v) continue;
        memcpy(dir + d * d, v + i * ny, d * sizeof *dir);
        for (r = 0; r < d; r++)
            for (a = 0; a < d; a++) dir[(d + 1 + r) * d + a] = dL[a * d + r];
    }
}

/* The entropy term of sac: alpha E[log pi] into f, its gradient into grad. */
static void sac_terms(const gp_obj *o, size_t n, const double *y, const double *elog,
                      double *f, double *grad)
{
    size_t d = o->d, ny = o->ny, i, a;
    if (!o->c.sac) return;
    for (i = 0; i < n; i++) {
        f[i] += o->c.alpha * (elog[i] - log_det(o->c.layout, d, y + i * ny));
        for (a = 0; grad && a < d; a++) grad[i * ny + lidx(o->c.layout, d, a, a)] -= o->c.alpha;
    }
}

int gp_obj_eval(gp_obj *o, size_t n, const double *x, const double *y, double *f, double *grad,
                char *err, size_t errlen)
{
    size_t d = o->d, ny = o->ny, S = o->c.samples, i, s, a;
    double inv = 1.0 / (double)S;
    int rc;
    if (grad) memset(grad, 0, n * ny * sizeof *grad);
    if (o->c.exact) { /* f(mu) + 1/2 tr(L'HL), dF/dL = HL */
        if ((rc = reserve(o, n * d > n ? n * d : n, err, errlen))) return rc;
        columns(o, n, x, y, NULL, d);
        if ((rc = o->hvp(o->ctx, n * d, o->xr, o->u, o->v, o->hv, err, errlen))) return rc;
        for (i = 0; i < n; i++) memcpy(o->xr + i * o->nx, x + i * o->nx, o->nx * sizeof *o->xr);
        for (i = 0; i < n; i++) memcpy(o->u + i * d, y + i * ny, d * sizeof *o->u);
        if ((rc = o->vg(o->ctx, n, o->xr, o->u, f, o->g, err, errlen))) return rc;
        for (i = 0; i < n; i++) {
            const double *hl = o->hv + i * d * d; /* row j: H l_j */
            f[i] += 0.5 * am_ddot(d * d, o->v + i * d * d, hl);
            if (!grad) continue;
            memcpy(grad + i * ny, o->g + i * d, d * sizeof *grad);
            for (s = 0; s < d; s++)
                for (a = 0; a < d; a++) o->work[a * d + s] = hl[s * d + a];
            gp_factor_vjp(o->c.layout, d, y + i * ny, o->work, grad + i * ny);
        }
        for (i = 0; i < n; i++) o->f[i] = -0.5 * (double)d * (1.0 + LOG_2PI);
    } else {
        if ((rc = reserve(o, n * S, err, errlen))) return rc;
        draw(o, n, x, y);
        if ((rc = o->vg(o->ctx, n * S, o->xr, o->u, o->f, o->g, err, errlen))) return rc;
        for (i = 0; i < n; i++) {
            double fs = 0.0, e2 = 0.0;
            for (s = 0; s < S; s++) {
                const double *e = o->eps + (i * S + s) * d;
                fs += o->f[i * S + s];
                e2 += am_ddot(d, e, e);
            }
            f[i] = inv * fs;
            o->f[i] = -0.5 * inv * e2 - 0.5 * (double)d * LOG_2PI; /* log pi(u_s) + log det L */
        }
        if (grad) {
            am_dscal(n * S * d, inv, o->g);
            gp_sample_vjp(o->c.layout, d, n, S, y, o->eps, o->g, grad, o->work);
        }
    }
    sac_terms(o, n, y, o->f, f, grad);
    return AMOR_OK;
}

int gp_obj_hvp(gp_obj *o, size_t n, const double *x, const double *y, const double *v,
               double *hv, char *err, size_t errlen)
{
    size_t d = o->d, ny = o->ny, S = o->c.samples, i, s, a, b;
    gp_layout lay = o->c.layout;
    double inv = 1.0 / (double)S, *hL = o->work + 3 * d * d;
    int rc;
    memset(hv, 0, n * ny * sizeof *hv);
    if (o->c.exact) { /* per context: H l_j (j < d), H v_mu, H dl_j (j < d) */
        size_t per = 2 * d + 1;
        if ((rc = reserve(o, n * per, err, errlen))) return rc;
        columns(o, n, x, y, v, per);
        if ((rc = o->hvp(o->ctx, n * per, o->xr, o->u, o->v, o->hv, err, errlen))) return rc;
        for (i = 0; i < n; i++) {
            const double *r = o->hv + i * per * d;
            memcpy(hv + i * ny, r + d * d, d * sizeof *hv);
            for (a = 0; a < d; a++)
                for (b = 0; b < d; b++) hL[a * d + b] = r[(d + 1 + b) * d + a]; /* (H dL)_ab */
            gp_factor_vjp(lay, d, y + i * ny, hL, hv + i * ny);
            for (a = 0; a < d; a++) { /* d^2/ds^2 of e^s: the first derivative again, */
                size_t ia = lidx(lay, d, a, a);     /* times (HL)_aa = r[a d + a] */
                hv[i * ny + ia] += v[i * ny + ia] * exp(y[i * ny + ia]) * r[a * d + a];
            }
        }
        return AMOR_OK;
    }
    if ((rc = reserve(o, n * S, err, errlen))) return rc;
    draw(o, n, x, y);
    for (i = 0; i < n; i++) { /* du_s = v_mu + dL eps_s */
        factor_jvp(lay, d, y + i * ny, v + i * ny, o->work);
        affine(d, S, v + i * ny, o->work, o->eps + i * S * d, o->v + i * S * d);
    }
    if ((rc = o->vg(o->ctx, n * S, o->xr, o->u, o->f, o->g, err, errlen)) ||
        (rc = o->hvp(o->ctx, n * S, o->xr, o->u, o->v, o->hv, err, errlen)))
        return rc;
    am_dscal(n * S * d, inv, o->hv);
    gp_sample_vjp(lay, d, n, S, y, o->eps, o->hv, hv, o->work);
    for (i = 0; i < n; i++) {
        const double *g = o->g + i * S * d, *e = o->eps + i * S * d;
        for (a = 0; a < d; a++) {
            size_t ia = lidx(lay, d, a, a);
            double ge = 0.0;
            for (s = 0; s < S; s++) ge += g[s * d + a] * e[s * d + a];
            hv[i * ny + ia] += v[i * ny + ia] * exp(y[i * ny + ia]) * inv * ge;
        }
    }
    return AMOR_OK;
}
