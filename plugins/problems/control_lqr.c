/*
 * control_lqr.c -- problem plugin for model-free control (tutorial §7.1 and
 * eq. Q-opt): the action-value of a random discounted linear-quadratic system
 * x' = A x + B u,  f(u; x) = Q(x, u) = x'x + r u'u + gamma (Ax+Bu)'P(Ax+Bu),
 * P from the DARE, contexts x ~ N(0, x_std^2 I), y*(x) = -K x exactly.
 *
 * We minimize the cost-to-go Q (the tutorial maximizes the value -Q).  Q is
 * the exact action-value of the optimal policy, so a policy trained on it is
 * DPG on a perfect critic and the regression target -Kx is the expert.
 * A = rho G / rho(G) for a Gaussian G (spectral radius exactly rho, default 1:
 * marginally stable, so acting matters), B = b_scale G' / sqrt(nx) for another
 * Gaussian G' (b_scale 3 makes Adam from zero actions, lr 5e-3, progress as in
 * the tutorial's figure).  The discount defaults to 0.99, the usual one of
 * the actor-critic agents whose Q the tutorial amortizes (gamma = 1 is the
 * classical undiscounted LQR).  A draw whose Riccati recursion does not
 * converge is replaced by the next seed, up to `system_draws` draws.
 * baseline = "value" subtracts V(x) = x'Px: f becomes the advantage Q - V,
 * 0 at y*, with the same minimizer and derivatives.
 *
 * Stochastic policies (policy = gaussian | gaussian_diag, gpolicy.h): y is
 * a Gaussian N(mu, LL') over u and f the expectation of policy_objective
 * (svg: E f; sac: E[alpha log pi + f]), exact by default -- f is quadratic
 * in u, so E f(mu + L eps) = f(mu) + 1/2 tr(L'HL) -- or sampled.  solve
 * gives the maximum-entropy optimum pi* = N(-Kx, alpha H^-1), the argmin of
 * the sac objective (gaussian_diag: the diagonal nearest to it, in the
 * direction diag_pistar says: the sac objective's argmin, or GPS's target);
 * aux appends KL(pi_y || pi*) and KL(pi* || pi_y) to the next state of mu.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "amath.h"
#include "amor.h"
#include "gpolicy.h"
#include "riccati.h"

#define LQR_DARE_TOL 1e-13 /* relative change of P ending the recursion */

enum {
    P_NX, P_NU, P_R, P_GAMMA, P_RHO, P_B_SCALE, P_X_STD, P_SYSTEM_SEED,
    P_SYSTEM_DRAWS, P_DARE_MAX_ITER, P_BASELINE, P_GP, NUM_P = P_GP + GP_NPARAMS
};

static const amor_param_decl lqr_params[NUM_P] = {
    {"nx", AMOR_PARAM_INT, "state dimension (context); 45 = the humanoid's", 45,
     NULL, NULL, 0, 1, 1024, NULL},
    {"nu", AMOR_PARAM_INT, "action dimension (solution); 17 = the humanoid's", 17,
     NULL, NULL, 0, 1, 1024, NULL},
    {"r", AMOR_PARAM_REAL, "action cost weight: stage cost x'x + r u'u", 0.1, NULL,
     NULL, 0, 1e-6, 1e6, NULL},
    {"gamma", AMOR_PARAM_REAL, "discount factor of the cost-to-go", 0.99, NULL,
     NULL, 0, 0, 1, NULL},
    {"rho", AMOR_PARAM_REAL, "spectral radius of A (1: marginally stable)", 1.0,
     NULL, NULL, 0, 0, 100, NULL},
    {"b_scale", AMOR_PARAM_REAL,
     "scale of B = b_scale G / sqrt(nx), G Gaussian; calibrated: 3 was tuned so that Adam "
     "from zero actions (lr 5e-3) progresses as in the tutorial's control figure, 1 is "
     "unscaled (scripts/control.lua --set calibration=untuned)",
     3.0, NULL, NULL, 0, 1e-6, 1e6, NULL},
    {"x_std", AMOR_PARAM_REAL, "contexts (states) x ~ N(0, x_std^2 I)", 1.0, NULL,
     NULL, 0, 1e-6, 1e6, NULL},
    {"system_seed", AMOR_PARAM_INT, "seed of the first draw of (A, B)", 0, NULL,
     NULL, 0, 0, 2147483647.0, NULL},
    {"system_draws", AMOR_PARAM_INT,
     "draws of (A, B) tried (seeds system_seed, +1, ...) before giving up", 8,
     NULL, NULL, 0, 1, 1000, NULL},
    {"dare_max_iter", AMOR_PARAM_INT, "iteration limit of the Riccati recursion",
     10000, NULL, NULL, 0, 1, 1e8, NULL},
    {"baseline", AMOR_PARAM_STRING,
     "subtracted from f per context (y* and gradients unchanged): none, or value: "
     "V(x) = x'Px, making f the advantage Q - V (0 at y*)",
     0, "none", NULL, 0, 0, 0, "none|value"},
    GP_PARAM_DECLS("exact"),
};

typedef struct lqr {
    size_t nx, nu;
    double r, gamma, x_std;
    int baseline; /* subtract V(x) = x'Px from f */
    double *a;    /* (nx, nx) */
    double *b;    /* (nx, nu) */
    double *p;    /* (nx, nx) stabilizing DARE solution */
    double *k;    /* (nu, nx) LQR gain: y* = -K x */
    double *hess; /* (nu, nu) 2 (r I + gamma B'PB), the Hessian of f in u */
    size_t cap;   /* rows z and pz hold */
    double *z;    /* (cap, nx) Ax + Bu */
    double *pz;   /* (cap, nx) P (Ax + Bu) */
    gp_config gc; /* the policy (gc.layout 0: deterministic) */
    gp_obj go;    /* its objective over f */
    size_t gny;   /* ny of the policy */
    double *pis;  /* (gny) pi* at x = 0 in the policy's layout (mu = 0) */
    double *pif;  /* (ny of gaussian) the same, full covariance */
} lqr;

/* ------------------------------------------------------------------------ */
/* The system                                                               */

/* Draw (A, B) from seed and solve the DARE into s->p.  work: (2 nx nx). */
static ric_status draw_system(lqr *s, uint64_t seed, double rho, double b_scale,
                              long max_iter, const double *q, const double *r,
                              double *work)
{
    size_t nx = s->nx, nu = s->nu, i;
    amor_rng rng;
    double rad;
    amor_rng_seed(&rng, seed);
    for (i = 0; i < nx * nx; i++) s->a[i] = amor_rng_normal(&rng);
    for (i = 0; i < nx * nu; i++) s->b[i] = b_scale * amor_rng_normal(&rng) / sqrt((double)nx);
    rad = ric_spectral_radius(s->a, nx, work);
    am_dscal(nx * nx, rad > 0.0 ? rho / rad : 0.0, s->a);
    return ric_dare(s->p, s->a, s->b, q, r, s->gamma, nx, nu, max_iter, LQR_DARE_TOL, NULL);
}

static void lqr_destroy(void *inst)
{
    lqr *s = inst;
    if (!s) return;
    free(s->a);
    free(s->b);
    free(s->p);
    free(s->k);
    free(s->hess);
    free(s->z);
    free(s->pz);
    gp_obj_free(&s->go);
    free(s->pis);
    free(s->pif);
    free(s);
}

static int lqr_value_grad_det(void *inst, size_t n, const double *x, const double *y,
                              double *f, double *grad, char *err, size_t errlen);
static int lqr_hvp_det(void *inst, size_t n, const double *x, const double *y,
                       const double *v, double *hv, char *err, size_t errlen);

/* The Gaussian policy's objective and pi* at x = 0 (mu* = -Kx is linear in
 * x, the covariance alpha H^-1 the same for every context). */
static int policy_setup(lqr *s, const gp_config *gc, char *err, size_t errlen)
{
    size_t d = s->nu;
    double *work, *zero;
    int bad;
    s->gc = *gc;
    s->gny = gp_ny(gc->layout, d);
    if (!gc->layout) return AMOR_OK;
    gp_obj_init(&s->go, gc, s->nx, d, s, lqr_value_grad_det, lqr_hvp_det);
    s->pis = malloc(s->gny * sizeof *s->pis);
    s->pif = malloc(gp_ny(GP_FULL, d) * sizeof *s->pif);
    work = malloc(gp_hess_work(d) * sizeof *work);
    zero = calloc(d, sizeof *zero);
    bad = !s->pis || !s->pif || !work || !zero;
    if (!bad)
        bad = 2 * (gp_from_hessian(gc->layout, d, zero, s->hess, gc->alpha, gc->forward, s->pis, work) ||
                   gp_from_hessian(GP_FULL, d, zero, s->hess, gc->alpha, 0, s->pif, work));
    free(work), free(zero);
    if (bad == 1) return amor_errorf(err, errlen, AMOR_ENOMEM, "control_lqr: out of memory");
    if (bad) /* R + gamma B'PB is positive definite after ric_lqr_gain; rounding aside */
        return amor_errorf(err, errlen, AMOR_ENUMERIC,
                           "control_lqr: the Hessian of f in u is not positive definite: no pi*");
    return AMOR_OK;
}

static int lqr_create(const amor_value *params, void **inst, char *err,
                      size_t errlen)
{
    size_t nx = (size_t)params[P_NX].i, nu = (size_t)params[P_NU].i, i;
    long draws = (long)params[P_SYSTEM_DRAWS].i, d, max_iter = (long)params[P_DARE_MAX_ITER].i;
    int64_t seed0 = params[P_SYSTEM_SEED].i;
    ric_status st = RIC_OK;
    double *q, *r, *work;
    gp_config gc;
    lqr *s;
    int rc = gp_config_read(&gc, params + P_GP, "control_lqr", 1, err, errlen);
    if (rc) return rc;
    if (!(s = calloc(1, sizeof *s)))
        return amor_errorf(err, errlen, AMOR_ENOMEM, "control_lqr: out of memory");
    s->nx = nx;
    s->nu = nu;
    s->r = params[P_R].r;
    s->gamma = params[P_GAMMA].r;
    s->x_std = params[P_X_STD].r;
    s->baseline = strcmp(params[P_BASELINE].s, "value") == 0;
    s->a = malloc(nx * nx * sizeof *s->a);
    s->b = malloc(nx * nu * sizeof *s->b);
    s->p = malloc(nx * nx * sizeof *s->p);
    s->k = malloc(nu * nx * sizeof *s->k);
    s->hess = malloc(nu * nu * sizeof *s->hess);
    q = calloc(nx * nx, sizeof *q);
    r = calloc(nu * nu, sizeof *r);
    work = malloc((2 * nx * nx + 2 * nx * nu + nu * nu) * sizeof *work);
    if (!s->a || !s->b || !s->p || !s->k || !s->hess || !q || !r || !work) {
        free(q), free(r), free(work);
        lqr_destroy(s);
        return amor_errorf(err, errlen, AMOR_ENOMEM, "control_lqr: out of memory (nx %zu, nu %zu)",
                           nx, nu);
    }
    for (i = 0; i < nx; i++) q[i * nx + i] = 1.0;
    for (i = 0; i < nu; i++) r[i * nu + i] = s->r;
    for (d = 0; d < draws; d++) {
        st = draw_system(s, (uint64_t)(seed0 + d), params[P_RHO].r, params[P_B_SCALE].r,
                         max_iter, q, r, work);
        if (st != RIC_DIVERGED && st != RIC_MAXITER) break;
    }
    if (st == RIC_OK &&
        ric_lqr_gain(s->k, s->hess, s->a, s->b, s->p, r, s->gamma, nx, nu, work))
        st = RIC_DIVERGED;
    free(q), free(r), free(work);
    if (st != RIC_OK) {
        int code = st == RIC_NOMEM ? AMOR_ENOMEM : AMOR_ENUMERIC;
        lqr_destroy(s);
        if (st == RIC_NOMEM)
            return amor_errorf(err, errlen, code, "control_lqr: out of memory solving the DARE");
        return amor_errorf(
            err, errlen, code,
            "control_lqr: no stabilizable system in %ld draw%s (system_seed %lld..%lld, "
            "nx %zu, nu %zu, rho %g, gamma %g): the Riccati recursion %s",
            draws, draws == 1 ? "" : "s", (long long)seed0, (long long)(seed0 + draws - 1), nx,
            nu, params[P_RHO].r, params[P_GAMMA].r, /* s is freed */
            st == RIC_DIVERGED ? "diverged (P blew up: (sqrt(gamma) A, B) is not stabilizable)"
                               : "did not converge within dare_max_iter iterations");
    }
    am_dscal(nu * nu, 2.0, s->hess); /* Hessian = 2 (R + gamma B'PB) */
    if ((rc = policy_setup(s, &gc, err, errlen))) {
        lqr_destroy(s);
        return rc;
    }
    *inst = s;
    return AMOR_OK;
}

static void lqr_dims(const void *inst, size_t *nx, size_t *ny)
{
    const lqr *s = inst;
    *nx = s->nx;
    *ny = s->gny;
}

static int lqr_sample(void *inst, amor_rng *rng, size_t n, double *x, char *err,
                      size_t errlen)
{
    const lqr *s = inst;
    size_t i;
    (void)err;
    (void)errlen;
    amor_rng_normal_fill(rng, n * s->nx, x);
    for (i = 0; i < n * s->nx; i++) x[i] *= s->x_std;
    return AMOR_OK;
}

/* ------------------------------------------------------------------------ */
/* Q(x, u)                                                                  */

static int reserve(lqr *s, size_t n, char *err, size_t errlen)
{
    double *z, *pz;
    if (n <= s->cap) return AMOR_OK;
    z = realloc(s->z, n * s->nx * sizeof *z);
    if (z) s->z = z;
    pz = z ? realloc(s->pz, n * s->nx * sizeof *pz) : NULL;
    if (pz) s->pz = pz;
    if (!z || !pz)
        return amor_errorf(err, errlen, AMOR_ENOMEM, "control_lqr: out of memory for %zu rows", n);
    s->cap = n;
    return AMOR_OK;
}

/* z = x A' + u B' and pz = z P (n rows); f[i] = x'x + r u'u + gamma z'Pz,
 * minus x'Px with the value baseline. */
static void q_values(lqr *s, size_t n, const double *x, const double *u, double *f)
{
    size_t nx = s->nx, nu = s->nu, i;
    if (s->baseline) { /* pz = x P first, for V(x) */
        am_dgemm(AM_NOTRANS, AM_NOTRANS, n, nx, nx, 1.0, x, nx, s->p, nx, 0.0, s->pz, nx);
        for (i = 0; i < n; i++) f[i] = -am_ddot(nx, x + i * nx, s->pz + i * nx);
    } else {
        memset(f, 0, n * sizeof *f);
    }
    am_dgemm(AM_NOTRANS, AM_TRANS, n, nx, nx, 1.0, x, nx, s->a, nx, 0.0, s->z, nx);
    am_dgemm(AM_NOTRANS, AM_TRANS, n, nx, nu, 1.0, u, nu, s->b, nu, 1.0, s->z, nx);
    am_dgemm(AM_NOTRANS, AM_NOTRANS, n, nx, nx, 1.0, s->z, nx, s->p, nx, 0.0, s->pz, nx);
    for (i = 0; i < n; i++)
        f[i] += am_ddot(nx, x + i * nx, x + i * nx) + s->r * am_ddot(nu, u + i * nu, u + i * nu) +
                s->gamma * am_ddot(nx, s->z + i * nx, s->pz + i * nx);
}

static int lqr_value(void *inst, size_t n, const double *x, const double *y,
                     double *f, char *err, size_t errlen)
{
    lqr *s = inst;
    int rc;
    if (s->gc.layout) return gp_obj_eval(&s->go, n, x, y, f, NULL, err, errlen);
    if ((rc = reserve(s, n, err, errlen))) return rc;
    q_values(s, n, x, y, f);
    return AMOR_OK;
}

/* grad = 2 r u + 2 gamma B'P(Ax + Bu), row-wise: 2 gamma pz B + 2 r u. */
static int lqr_value_grad_det(void *inst, size_t n, const double *x, const double *y,
                              double *f, double *grad, char *err, size_t errlen)
{
    lqr *s = inst;
    int rc = reserve(s, n, err, errlen);
    if (rc) return rc;
    q_values(s, n, x, y, f);
    am_dgemm(AM_NOTRANS, AM_NOTRANS, n, s->nu, s->nx, 2.0 * s->gamma, s->pz, s->nx, s->b,
             s->nu, 0.0, grad, s->nu);
    am_daxpy(n * s->nu, 2.0 * s->r, y, grad);
    return AMOR_OK;
}

static int lqr_value_grad(void *inst, size_t n, const double *x, const double *y,
                          double *f, double *grad, char *err, size_t errlen)
{
    lqr *s = inst;
    if (s->gc.layout) return gp_obj_eval(&s->go, n, x, y, f, grad, err, errlen);
    return lqr_value_grad_det(inst, n, x, y, f, grad, err, errlen);
}

static int lqr_hvp_det(void *inst, size_t n, const double *x, const double *y,
                       const double *v, double *hv, char *err, size_t errlen)
{
    const lqr *s = inst;
    (void)x;
    (void)y;
    (void)err;
    (void)errlen;
    am_dgemm(AM_NOTRANS, AM_NOTRANS, n, s->nu, s->nu, 1.0, v, s->nu, s->hess, s->nu, 0.0, hv,
             s->nu);
    return AMOR_OK;
}

static int lqr_hvp(void *inst, size_t n, const double *x, const double *y,
                   const double *v, double *hv, char *err, size_t errlen)
{
    lqr *s = inst;
    if (s->gc.layout) return gp_obj_hvp(&s->go, n, x, y, v, hv, err, errlen);
    return lqr_hvp_det(inst, n, x, y, v, hv, err, errlen);
}

/* ystar (n, ny of lay) = -Kx, then pi*'s factor (p: at x = 0, in lay). */
static void pistar(const lqr *s, size_t n, const double *x, gp_layout lay, const double *p,
                   double *ystar)
{
    size_t ny = gp_ny(lay, s->nu), i;
    am_dgemm(AM_NOTRANS, AM_TRANS, n, s->nu, s->nx, -1.0, x, s->nx, s->k, s->nx, 0.0, ystar, ny);
    for (i = 0; lay && i < n; i++)
        memcpy(ystar + i * ny + s->nu, p + s->nu, (ny - s->nu) * sizeof *ystar);
}

static int lqr_solve(void *inst, size_t n, const double *x, double *ystar,
                     char *err, size_t errlen)
{
    const lqr *s = inst;
    (void)err;
    (void)errlen;
    pistar(s, n, x, s->gc.layout, s->pis, ystar);
    return AMOR_OK;
}

/* The view of a solution: the next state Ax + Bu (u = mu with a Gaussian
 * policy, then KL(pi_y || pi*) and KL(pi* || pi_y)). */
static size_t lqr_aux_dim(const void *inst)
{
    const lqr *s = inst;
    return s->nx + (s->gc.layout ? 2 : 0);
}

static int lqr_aux(void *inst, size_t n, const double *x, const double *y,
                   double *out, char *err, size_t errlen)
{
    const lqr *s = inst;
    size_t aw = lqr_aux_dim(s), d = s->nu;
    double *pf, *work;
    am_dgemm(AM_NOTRANS, AM_TRANS, n, s->nx, s->nx, 1.0, x, s->nx, s->a, s->nx, 0.0, out, aw);
    am_dgemm(AM_NOTRANS, AM_TRANS, n, s->nx, d, 1.0, y, s->gny, s->b, d, 1.0, out, aw);
    if (!s->gc.layout) return AMOR_OK;
    pf = malloc(n * gp_ny(GP_FULL, d) * sizeof *pf);
    work = malloc(gp_kl_work(d) * sizeof *work);
    if (pf && work) {
        pistar(s, n, x, GP_FULL, s->pif, pf);
        gp_kl_both(s->gc.layout, y, pf, d, n, out + s->nx, aw, work);
    }
    free(work);
    if (!pf || !work) {
        free(pf);
        return amor_errorf(err, errlen, AMOR_ENOMEM, "control_lqr: out of memory in aux");
    }
    free(pf);
    return AMOR_OK;
}

static const amor_problem_desc lqr_desc = {
    .head = AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "control_lqr", "1.0",
              "model-free control: LQR action-value Q(x, u) of a random system, "
              "y* = -Kx (Riccati)",
              lqr_params, NUM_P),
    .create = lqr_create,
    .destroy = lqr_destroy,
    .dims = lqr_dims,
    .sample = lqr_sample,
    .value = lqr_value,
    .value_grad = lqr_value_grad,
    .hvp = lqr_hvp,
    .solve = lqr_solve,
    .aux_dim = lqr_aux_dim,
    .aux = lqr_aux,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &lqr_desc.head : NULL;
}
