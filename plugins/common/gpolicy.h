/*
 * gpolicy.h -- Gaussian policies over d actions, shared by control_lqr,
 * control_mpc and the policy_kl loss: the parameter layouts, sampling by
 * reparameterization and its VJP, log-density, entropy, KL between two
 * policies with gradients in both, the maximum-entropy optimum
 * N(mu, alpha H^-1) of a quadratic, and the stochastic objective (SVG or
 * SAC, sampled or exact) built on a problem's deterministic f(u; x).
 *
 * Layouts of a policy's parameters y (one row):
 *   GP_FULL  y = (mu (d), then the lower-triangular Cholesky factor L of
 *            the covariance row by row, d(d+1)/2 entries, each diagonal entry
 *            stored as log L_ii); ny = d + d(d+1)/2.
 *   GP_DIAG  y = (mu (d), log sigma (d)); ny = 2d (L = diag(sigma)).
 * Conventions as amath.h (row-major doubles, size_t dimensions, batched
 * over n rows); only gp_obj_* allocate (their scratch, grown on demand and
 * freed by gp_obj_free); nothing prints or exits.
 */
#ifndef AMOR_GPOLICY_H
#define AMOR_GPOLICY_H

#include <stddef.h>
#include <stdint.h>

#include "amor.h"

typedef enum gp_layout { GP_DETERMINISTIC = 0, GP_FULL = 1, GP_DIAG = 2 } gp_layout;

/* The layout named by a policy parameter value (deterministic, gaussian,
 * gaussian_diag); GP_DETERMINISTIC for anything else. */
gp_layout gp_layout_of(const char *name);
const char *gp_layout_name(gp_layout lay);

/* ny of a policy over d actions (d itself when deterministic). */
size_t gp_ny(gp_layout lay, size_t d);
/* *d with gp_ny(lay, *d) = ny; non-zero when ny fits no d >= 1. */
int gp_dim(gp_layout lay, size_t ny, size_t *d);

/* L (d, d): the factor of one row y, lower triangle with exp'd diagonal,
 * zeros above. */
void gp_factor(gp_layout lay, size_t d, const double *y, double *L);
/* gy (ny) += d/dy of <gL, L(y)> for gL (d, d) (its lower triangle, or
 * diagonal for GP_DIAG, is read): the chain rule through the layout,
 * including d L_ii / d log L_ii = L_ii.  The mean part of gy is untouched. */
void gp_factor_vjp(gp_layout lay, size_t d, const double *y, const double *gL,
                   double *gy);

/* u (n, S, d) = mu_i + L_i eps (n, S, d) for rows y (n, ny). */
void gp_sample(gp_layout lay, size_t d, size_t n, size_t S, const double *y,
               const double *eps, double *u);
/* The reparameterization's VJP: gy (n, ny) += d/dy of sum_{i,s} <gu_is,
 * u_is> at fixed eps, gu (n, S, d).  work: (d d). */
void gp_sample_vjp(gp_layout lay, size_t d, size_t n, size_t S, const double *y,
                   const double *eps, const double *gu, double *gy, double *work);

/* h (n): the entropy d/2 (1 + log 2 pi) + sum_i log L_ii. */
void gp_entropy(gp_layout lay, size_t d, size_t n, const double *y, double *h);
/* logp (n) = log N(u_i; mu_i, L_i L_i') for u (n, d).  work: (d d + d). */
void gp_log_density(gp_layout lay, size_t d, size_t n, const double *y,
                    const double *u, double *logp, double *work);

/* Doubles of work gp_kl needs for d actions. */
size_t gp_kl_work(size_t d);
/* kl (n) = KL(N1 || N2) for rows y1 (n, ny1) in layout l1 and y2 (n, ny2)
 * in l2 (any two Gaussian layouts), and, when not NULL, g1 (n, ny1) and
 * g2 (n, ny2) its gradients (overwritten). */
void gp_kl(gp_layout l1, const double *y1, gp_layout l2, const double *y2,
           size_t d, size_t n, double *kl, double *g1, double *g2, double *work);

/* out[i ldo] = KL(pi_i || pi*_i) and out[i ldo + 1] = KL(pi*_i || pi_i) for
 * policies y (n, ny of lay) and pfull (n, ny of GP_FULL): the problems'
 * aux view of a policy's distance to pi*.  work: gp_kl_work(d). */
void gp_kl_both(gp_layout lay, const double *y, const double *pfull, size_t d, size_t n,
                double *out, size_t ldo, double *work);

/* Doubles of work gp_from_hessian needs for d actions. */
size_t gp_hess_work(size_t d);
/* y (ny of lay) = pi* = N(mu, alpha H^-1) for one row: mu (d), H (d, d)
 * symmetric positive definite.  GP_FULL: exactly.  GP_DIAG: the diagonal
 * Gaussian nearest to pi* -- forward != 0: in KL(pi* || pi), pi*'s
 * marginals sigma_i^2 = alpha (H^-1)_ii (GPS's target); forward == 0: in
 * KL(pi || pi*), sigma_i^2 = alpha / H_ii (the argmin of the sac
 * objective on a quadratic).  Returns 0, or non-zero (y untouched) when H is
 * not positive definite. */
int gp_from_hessian(gp_layout lay, size_t d, const double *mu, const double *H,
                    double alpha, int forward, double *y, double *work);

/* ------------------------------------------------------------------------ */
/* The problem parameters of a Gaussian policy                              */

/* Their positions inside the block a problem declares with GP_PARAM_DECLS. */
enum { GP_P_POLICY, GP_P_OBJECTIVE, GP_P_ALPHA, GP_P_EXPECTATION, GP_P_NOISE,
       GP_P_SAMPLES, GP_P_NOISE_SEED, GP_P_DIAG_PISTAR, GP_NPARAMS };

/* The block of declarations (initializers of amor_param_decl, in the order
 * above), with the expectation's default ("exact" or "sampled"). */
#define GP_PARAM_DECLS(EXPECT_DEFAULT)                                                       \
    {"policy", AMOR_PARAM_STRING,                                                            \
     "deterministic: y = the actions u; gaussian: y = (mu, Cholesky factor with log "        \
     "diagonal), a policy N(mu, LL') over u; gaussian_diag: y = (mu, log sigma)",           \
     0, "deterministic", NULL, 0, 0, 0, "deterministic|gaussian|gaussian_diag"},            \
    {"policy_objective", AMOR_PARAM_STRING,                                                  \
     "Gaussian policies: svg = E[f(u)], sac = E[alpha log pi(u) + f(u)] (maximum entropy)", \
     0, "sac", NULL, 0, 0, 0, "svg|sac"},                                                    \
    {"alpha", AMOR_PARAM_REAL,                                                               \
     "entropy temperature (> 0 with a Gaussian policy): pi* = N(argmin f, alpha H^-1)",     \
     0.01, NULL, NULL, 0, 0, 1e6, NULL},                                                     \
    {"expectation", AMOR_PARAM_STRING,                                                       \
     "Gaussian policies: sampled (reparameterized, `samples` draws) or exact (f quadratic "  \
     "in u: f(mu) + 1/2 tr(L'HL))",                                                          \
     0, EXPECT_DEFAULT, NULL, 0, 0, 0, "sampled|exact"},                                     \
    {"noise", AMOR_PARAM_STRING,                                                             \
     "sampled expectation: fixed (eps a function of the context: deterministic f) or "      \
     "fresh (new eps every call)",                                                           \
     0, "fixed", NULL, 0, 0, 0, "fixed|fresh"},                                              \
    {"samples", AMOR_PARAM_INT, "sampled expectation: draws per context", 1, NULL, NULL, 0, \
     1, 1024, NULL},                                                                         \
    {"noise_seed", AMOR_PARAM_INT, "seed mixed into the policy's noise", 0, NULL, NULL, 0,  \
     0, 2147483647.0, NULL},                                                                 \
    {"diag_pistar", AMOR_PARAM_STRING,                                                       \
     "gaussian_diag: the diagonal pi* solve returns: reverse = argmin KL(pi || pi*), "      \
     "sigma_i^2 = alpha / H_ii (SAC's); forward = argmin KL(pi* || pi), alpha (H^-1)_ii "   \
     "(GPS's: pi*'s marginals)",                                                              \
     0, "reverse", NULL, 0, 0, 0, "reverse|forward"}

typedef struct gp_config {
    gp_layout layout;
    int sac;        /* policy_objective = sac */
    int exact;      /* expectation = exact */
    int fresh;      /* noise = fresh */
    int forward;    /* diag_pistar = forward */
    size_t samples;
    double alpha;
    uint64_t noise_key;
} gp_config;

/* Read the block v (GP_NPARAMS values, as declared) into c.  who: the
 * problem's name, for messages; exact_ok: whether expectation = exact is
 * possible (f quadratic in u).  Returns AMOR_OK or AMOR_EINVAL with a
 * message naming the parameter (alpha <= 0, exact where f is not
 * quadratic). */
int gp_config_read(gp_config *c, const amor_value *v, const char *who, int exact_ok,
                   char *err, size_t errlen);

/* ------------------------------------------------------------------------ */
/* The stochastic objective                                                 */

/* The problem's deterministic f(u; x) (ny = d): value_grad and hvp with the
 * ABI's shapes and rules, on ctx. */
typedef int (*gp_vg_fn)(void *ctx, size_t n, const double *x, const double *u, double *f,
                        double *g, char *err, size_t errlen);
typedef int (*gp_hvp_fn)(void *ctx, size_t n, const double *x, const double *u,
                         const double *v, double *hv, char *err, size_t errlen);

/* F(y; x) for a policy y (ny = gp_ny(layout, d)):
 *   svg:  E_{u ~ pi_y} f(u; x)
 *   sac:  E_{u ~ pi_y} [alpha log pi_y(u) + f(u; x)]
 * sampled: 1/S sum_s over u_s = mu + L eps_s, eps_s from amnoise (keyed by
 * the context; log pi_y(u_s) = -|eps_s|^2/2 - sum log L_ii - d/2 log 2 pi);
 * gradients by reparameterization.  exact (f quadratic in u): f(mu) +
 * 1/2 tr(L'HL), minus alpha times the entropy for sac, H through hvp. */
typedef struct gp_obj {
    gp_config c;
    size_t nx, d, ny;
    uint64_t calls; /* value/value_grad/hvp calls (noise = fresh) */
    void *ctx;
    gp_vg_fn vg;
    gp_hvp_fn hvp;
    size_t cap;     /* rows (context, sample or column) the scratch holds */
    double *xr;     /* (cap, nx) contexts, repeated */
    double *u;      /* (cap, d) actions */
    double *eps;    /* (cap, d) noise (exact: unit-free columns of L) */
    double *v;      /* (cap, d) directions */
    double *g;      /* (cap, d) gradients of f */
    double *hv;     /* (cap, d) Hessian-vector products of f */
    double *f;      /* (cap) values of f */
    double *work;   /* (4 d d) */
} gp_obj;

/* Set up o (no allocation yet). */
void gp_obj_init(gp_obj *o, const gp_config *c, size_t nx, size_t d, void *ctx, gp_vg_fn vg,
                 gp_hvp_fn hvp);
void gp_obj_free(gp_obj *o);
/* F (n) and, if grad != NULL, its gradient (n, ny) at policies y (n, ny). */
int gp_obj_eval(gp_obj *o, size_t n, const double *x, const double *y, double *f,
                double *grad, char *err, size_t errlen);
/* hv (n, ny) = (d^2 F / d y^2) v, exact given the problem's exact hvp. */
int gp_obj_hvp(gp_obj *o, size_t n, const double *x, const double *y, const double *v,
               double *hv, char *err, size_t errlen);

#endif
