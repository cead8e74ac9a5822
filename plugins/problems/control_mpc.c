/*
 * control_mpc.c -- problem plugin for model-based control (tutorial §7.1 and
 * eq. mpc): the H-step cost of an action sequence on a nonlinear pendulum
 * chain, with the LQR value of its linearization as the terminal cost.
 *
 * System: `links` inverted pendulums in a row, neighbours coupled by torsion
 * springs, `actuated` of them driven by a motor (spread evenly along the
 * chain).  State x = (theta (links), omega (links)), angles from upright, so
 * nx = 2 links; per step (semi-implicit Euler, step dt)
 *     a      = gravity sin(theta) - damping omega + stiffness L theta + gain S u
 *     omega' = omega + dt a,      theta' = theta + dt omega'
 * with L the chain's graph Laplacian (free ends) and S (links, actuated) the
 * motor placement.  Upright is unstable (gravity > 0).
 * Objective over u = (u_0, ..., u_{H-1}) (ny = H actuated), x_0 = the context:
 *     f(u; x) = sum_{t<H} gamma^t (|x_t|^2 + r |u_t|^2) + gamma^H x_H'P x_H,
 * P the DARE solution of the linearization at the origin (its discounted LQR
 * cost-to-go), so H = 1 on a linear chain is control_lqr's Q(x, u).  As in
 * the tutorial the last action enters the terminal value through x_H.
 * baseline = "value" subtracts x_0'P x_0 per context (y* and derivatives
 * unchanged), so f's spread over contexts reflects the actions.
 * Gradients by the adjoint (backprop through the rollout); exact
 * Hessian-vector products by forward-over-reverse.  y* by damped Newton from
 * two starts -- zero actions and the LQR feedback policy u_t = -K x_t rolled
 * out on the nonlinear chain -- keeping the lower f: exact Hessians (ny HVPs
 * per row), the Gauss-Newton one where the exact one is indefinite, Armijo
 * backtracking, until |grad f|_inf <= 1e-10 (1 + |f| + |x|^2) (newton()).
 * Contexts: theta ~ N(0, theta_std^2 I), omega ~ N(0, omega_std^2 I).
 * Defaults: 22 links (nx = 44), 17 motors, H = 3: ny = 51, the humanoid's
 * 17 x 3 in the tutorial's table (its state has 45 entries); gain 40 makes
 * Adam from zero actions (lr 5e-3) progress as in the tutorial's figure.
 *
 * Stochastic policies (policy = gaussian | gaussian_diag, gpolicy.h): y is
 * a Gaussian over the action sequence and f the sampled expectation of
 * policy_objective (svg or sac; f is not quadratic in u, so expectation =
 * exact is refused).  solve gives pi* = N(u*, alpha H(u*)^-1), the Laplace
 * approximation at Newton's y* (GPS's iLQG-style controller; the
 * Gauss-Newton H where the exact one is not positive definite).  On the
 * nonlinear chain it is not exactly the sac objective's optimum: the
 * dynamics' curvature moves E f away from the quadratic model.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "amath.h"
#include "alapack.h"
#include "amor.h"
#include "gpolicy.h"
#include "riccati.h"

#define MPC_DARE_TOL 1e-13     /* relative change of P ending the recursion */
#define MPC_GTOL 1e-10         /* Newton stops at |g|_inf <= MPC_GTOL (1 + |f| + |x|^2) */
#define MPC_ARMIJO 1e-4        /* sufficient decrease */
#define MPC_FROUND 1e-13       /* f's rounding, relative to 1 + |f| + |x|^2: below
                                  it a decrease cannot be verified */
#define MPC_LINE_STEPS 60      /* halvings before a Newton step is abandoned */
#define MPC_HESS_ROWS 4096     /* tangent rows per Hessian batch in solve */

enum {
    P_LINKS, P_ACTUATED, P_HORIZON, P_DT, P_GRAVITY, P_STIFFNESS, P_DAMPING,
    P_GAIN, P_R, P_GAMMA, P_THETA_STD, P_OMEGA_STD, P_DARE_MAX_ITER,
    P_SOLVER_ITERS, P_BASELINE, P_GP, NUM_P = P_GP + GP_NPARAMS
};

static const amor_param_decl mpc_params[NUM_P] = {
    {"links", AMOR_PARAM_INT, "pendulums in the chain (nx = 2 links)", 22, NULL, NULL, 0,
     1, 512, NULL},
    {"actuated", AMOR_PARAM_INT, "motors, spread along the chain (<= links)", 17, NULL,
     NULL, 0, 1, 512, NULL},
    {"horizon", AMOR_PARAM_INT, "H: actions optimized (ny = H actuated)", 3, NULL, NULL,
     0, 1, 64, NULL},
    {"dt", AMOR_PARAM_REAL, "integration step", 0.05, NULL, NULL, 0, 1e-4, 1, NULL},
    {"gravity", AMOR_PARAM_REAL, "g / l: upright instability (1/s^2)", 10, NULL, NULL, 0,
     0, 1e4, NULL},
    {"stiffness", AMOR_PARAM_REAL, "torsion spring between neighbours", 5, NULL, NULL, 0,
     0, 1e4, NULL},
    {"damping", AMOR_PARAM_REAL, "viscous damping of each joint", 0.1, NULL, NULL, 0, 0,
     1e4, NULL},
    {"gain", AMOR_PARAM_REAL,
     "angular acceleration per unit action; calibrated: 40 was tuned so that Adam "
     "from zero actions (lr 5e-3) progresses as in the tutorial's model-based figure, 1 is "
     "unscaled (scripts/control.lua --set calibration=untuned)", 40, NULL, NULL, 0,
     1e-6, 1e6, NULL},
    {"r", AMOR_PARAM_REAL, "action cost weight: stage cost |x|^2 + r |u|^2", 0.1, NULL,
     NULL, 0, 1e-6, 1e6, NULL},
    {"gamma", AMOR_PARAM_REAL, "discount factor", 0.99, NULL, NULL, 0, 0, 1, NULL},
    {"theta_std", AMOR_PARAM_REAL, "contexts: angles ~ N(0, theta_std^2)", 0.5, NULL,
     NULL, 0, 0, 100, NULL},
    {"omega_std", AMOR_PARAM_REAL, "contexts: angular velocities ~ N(0, omega_std^2)",
     0.5, NULL, NULL, 0, 0, 100, NULL},
    {"dare_max_iter", AMOR_PARAM_INT, "iteration limit of the Riccati recursion", 10000,
     NULL, NULL, 0, 1, 1e8, NULL},
    {"solver_iters", AMOR_PARAM_INT, "Newton iterations per start in solve (y*)", 100, NULL,
     NULL, 0, 1, 1e6, NULL},
    {"baseline", AMOR_PARAM_STRING,
     "subtracted from f per context (y* and gradients unchanged): none, or value: "
     "x_0'P x_0, the linearization's LQR cost-to-go",
     0, "none", NULL, 0, 0, 0, "none|value"},
    GP_PARAM_DECLS("sampled"),
};

/* Scratch, grown only when a call needs more rows.  Slabs of n rows are
 * contiguous: state t of row i is traj + (t n + i) nx. */
typedef struct mpc_ws {
    size_t cap, tcap;  /* primal rows, tangent rows */
    double *traj;      /* (H+1, cap, nx) x_0 .. x_H */
    double *ga;        /* (H, cap, links) adjoint of the accelerations a_t */
    double *lam;       /* (cap, nx) P x_H, then the adjoint of x_t */
    double *fbuf;      /* (cap) values hvp() computes on the way */
    double *gbuf;      /* (cap, ny) gradients hvp() computes on the way */
    double *dtraj;     /* (H+1, tcap, nx) tangent states */
    double *dga;       /* (tcap, links) tangent of ga at one step */
    double *dlam;      /* (tcap, nx) tangent adjoint */
} mpc_ws;

/* solve()'s own buffers, grown with the chunk size. */
typedef struct mpc_sol {
    size_t cap;  /* chunk rows */
    double *u;     /* (cap, ny) current iterate of every row */
    double *ub;    /* (cap, ny) best over starts */
    double *fc, *fb; /* (cap) f at u, at ub */
    unsigned char *active; /* (cap) row still iterating */
    /* the active rows, gathered: row a is row idx[a] of the chunk */
    size_t *idx;   /* (cap) */
    double *xa;    /* (cap, nx) */
    double *ua;    /* (cap, ny) */
    double *ut;    /* (cap, ny) line-search trial */
    double *g;     /* (cap, ny) gradient */
    double *d;     /* (cap, ny) Newton direction */
    double *hv;    /* (cap ny, ny) Hessians, row-major per row a */
    double *eye;   /* (cap ny, ny) unit directions for the Hessian columns */
    double *fac;   /* (ny, ny) a shifted Hessian's Cholesky factor */
    double *f, *ft, *alpha, *slope, *scale; /* (cap) */
    unsigned char *pending, *gn;    /* (cap) in the line search; Gauss-Newton */
} mpc_sol;

typedef struct mpc {
    size_t nl, nx, nu, H, ny;
    double dt, kappa, stiff, damp, gain, r, gamma, theta_std, omega_std;
    long solver_iters;
    int baseline;  /* subtract x_0'P x_0 from f */
    size_t *act;   /* (nu) link driven by motor j */
    double *p;     /* (nx, nx) terminal cost matrix (DARE of the linearization) */
    double *k;     /* (nu, nx) its LQR gain */
    double *disc;  /* (H + 1) gamma^t */
    mpc_ws ws;
    mpc_sol sol;
    gp_config gc;  /* the policy (gc.layout 0: deterministic) */
    gp_obj go;     /* its objective over f */
    size_t gny;    /* ny of the policy */
} mpc;

/* ------------------------------------------------------------------------ */
/* Dynamics, raw                                                            */

/* (L v)_l for the chain Laplacian with free ends. */
static inline double lap(const double *v, size_t l, size_t nl)
{
    double s = 0.0;
    if (l > 0) s += v[l - 1] - v[l];
    if (l + 1 < nl) s += v[l + 1] - v[l];
    return s;
}

/* One step of one row: xn (nx) from x (nx) and u (nu). */
static void step_row(const mpc *m, double *xn, const double *x, const double *u)
{
    size_t nl = m->nl, l, j;
    const double *th = x, *om = x + nl;
    double *thn = xn, *omn = xn + nl;
    for (l = 0; l < nl; l++)
        omn[l] = om[l] + m->dt * (m->kappa * sin(th[l]) - m->damp * om[l] +
                                  m->stiff * lap(th, l, nl));
    for (j = 0; j < m->nu; j++) omn[m->act[j]] += m->dt * m->gain * u[j];
    for (l = 0; l < nl; l++) thn[l] = th[l] + m->dt * omn[l];
}

/* ------------------------------------------------------------------------ */
/* Scratch                                                                  */

static int grow(double **p, size_t len)
{
    double *q = realloc(*p, (len ? len : 1) * sizeof *q);
    if (!q) return 1;
    *p = q;
    return 0;
}

/* Make room for n primal rows and nt tangent rows. */
static int ws_reserve(mpc *m, size_t n, size_t nt, char *err, size_t errlen)
{
    mpc_ws *w = &m->ws;
    size_t slabs = m->H + 1;
    if (n > w->cap) {
        if (grow(&w->traj, slabs * n * m->nx) || grow(&w->ga, m->H * n * m->nl) ||
            grow(&w->lam, n * m->nx) || grow(&w->fbuf, n) || grow(&w->gbuf, n * m->ny))
            return amor_errorf(err, errlen, AMOR_ENOMEM, "control_mpc: out of memory for %zu rows", n);
        w->cap = n;
    }
    if (nt > w->tcap) {
        if (grow(&w->dtraj, slabs * nt * m->nx) || grow(&w->dga, nt * m->nl) ||
            grow(&w->dlam, nt * m->nx))
            return amor_errorf(err, errlen, AMOR_ENOMEM, "control_mpc: out of memory for %zu rows", nt);
        w->tcap = nt;
    }
    return AMOR_OK;
}

/* ------------------------------------------------------------------------ */
/* f, its gradient and Hessian-vector products, batched over n rows         */

/* Roll out n rows into ws.traj and write f (n); leaves P x_H in ws.lam. */
static void forward(mpc *m, size_t n, const double *x, const double *u, double *f)
{
    size_t nx = m->nx, nu = m->nu, ny = m->ny, H = m->H, i, t;
    double *traj = m->ws.traj, *px = m->ws.lam, *xh = traj + H * n * nx;
    memcpy(traj, x, n * nx * sizeof *traj);
    for (t = 0; t < H; t++)
        for (i = 0; i < n; i++)
            step_row(m, traj + ((t + 1) * n + i) * nx, traj + (t * n + i) * nx,
                     u + i * ny + t * nu);
    if (m->baseline) { /* px = x_0 P first, for x_0'P x_0 */
        am_dgemm(AM_NOTRANS, AM_NOTRANS, n, nx, nx, 1.0, traj, nx, m->p, nx, 0.0, px, nx);
        for (i = 0; i < n; i++) f[i] = -am_ddot(nx, traj + i * nx, px + i * nx);
    } else {
        memset(f, 0, n * sizeof *f);
    }
    am_dgemm(AM_NOTRANS, AM_NOTRANS, n, nx, nx, 1.0, xh, nx, m->p, nx, 0.0, px, nx);
    for (i = 0; i < n; i++) {
        double s = f[i];
        for (t = 0; t < H; t++) {
            const double *xt = traj + (t * n + i) * nx, *ut = u + i * ny + t * nu;
            s += m->disc[t] * (am_ddot(nx, xt, xt) + m->r * am_ddot(nu, ut, ut));
        }
        f[i] = s + m->disc[H] * am_ddot(nx, xh + i * nx, px + i * nx);
    }
}

/* After forward() on the same rows: grad (n, ny), and the adjoints of the
 * accelerations in ws.ga for hvp. */
static void backward(mpc *m, size_t n, const double *u, double *grad)
{
    size_t nl = m->nl, nx = m->nx, nu = m->nu, ny = m->ny, H = m->H, i, t, l, j;
    double *lam = m->ws.lam, dt = m->dt;
    am_dscal(n * nx, 2.0 * m->disc[H], lam); /* lambda_H = 2 gamma^H P x_H */
    for (t = H; t-- > 0;) {
        double w = 2.0 * m->disc[t];
        for (i = 0; i < n; i++) {
            const double *th = m->ws.traj + (t * n + i) * nx, *om = th + nl;
            const double *ut = u + i * ny + t * nu;
            double *lth = lam + i * nx, *lom = lth + nl, *g = m->ws.ga + (t * n + i) * nl;
            double *gu = grad + i * ny + t * nu;
            for (l = 0; l < nl; l++) {
                lom[l] += dt * lth[l]; /* adjoint of omega_{t+1} as an input of theta_{t+1} */
                g[l] = dt * lom[l];
            }
            for (j = 0; j < nu; j++) gu[j] = w * m->r * ut[j] + m->gain * g[m->act[j]];
            if (t == 0) continue; /* x_0 is the context */
            for (l = 0; l < nl; l++) {
                lth[l] += w * th[l] + m->kappa * cos(th[l]) * g[l] + m->stiff * lap(g, l, nl);
                lom[l] += w * om[l] - m->damp * g[l];
            }
        }
    }
}

/* After forward() and backward() on n primal rows: hv (n rep, ny) = Hessian
 * of f at row r / rep times v (n rep, ny), row by row.  exact == 0: the
 * Gauss-Newton Hessian instead (the second derivative of the dynamics,
 * -gravity sin(theta), dropped). */
static void hvp_rows(mpc *m, size_t n, size_t rep, const double *v, double *hv, int exact)
{
    size_t nl = m->nl, nx = m->nx, nu = m->nu, ny = m->ny, H = m->H, N = n * rep, r, t, l, j;
    double *dtraj = m->ws.dtraj, *dlam = m->ws.dlam, dt = m->dt;
    /* forward tangent: dx_0 = 0 */
    memset(dtraj, 0, N * nx * sizeof *dtraj);
    for (t = 0; t < H; t++)
        for (r = 0; r < N; r++) {
            const double *th = m->ws.traj + (t * n + r / rep) * nx;
            const double *dth = dtraj + (t * N + r) * nx, *dom = dth + nl, *vt = v + r * ny + t * nu;
            double *dthn = dtraj + ((t + 1) * N + r) * nx, *domn = dthn + nl;
            for (l = 0; l < nl; l++)
                domn[l] = dom[l] + dt * (m->kappa * cos(th[l]) * dth[l] - m->damp * dom[l] +
                                         m->stiff * lap(dth, l, nl));
            for (j = 0; j < nu; j++) domn[m->act[j]] += dt * m->gain * vt[j];
            for (l = 0; l < nl; l++) dthn[l] = dth[l] + dt * domn[l];
        }
    /* reverse tangent: dlambda_H = 2 gamma^H P dx_H */
    am_dgemm(AM_NOTRANS, AM_NOTRANS, N, nx, nx, 2.0 * m->disc[H], dtraj + H * N * nx, nx,
             m->p, nx, 0.0, dlam, nx);
    for (t = H; t-- > 0;) {
        double w = 2.0 * m->disc[t];
        for (r = 0; r < N; r++) {
            size_t i = r / rep;
            const double *th = m->ws.traj + (t * n + i) * nx, *g = m->ws.ga + (t * n + i) * nl;
            const double *dth = dtraj + (t * N + r) * nx, *dom = dth + nl, *vt = v + r * ny + t * nu;
            double *lth = dlam + r * nx, *lom = lth + nl, *dg = m->ws.dga + r * nl;
            double *out = hv + r * ny + t * nu;
            for (l = 0; l < nl; l++) {
                lom[l] += dt * lth[l];
                dg[l] = dt * lom[l];
            }
            for (j = 0; j < nu; j++) out[j] = w * m->r * vt[j] + m->gain * dg[m->act[j]];
            if (t == 0) continue;
            for (l = 0; l < nl; l++) {
                lth[l] += w * dth[l] + m->kappa * cos(th[l]) * dg[l] + m->stiff * lap(dg, l, nl);
                if (exact) lth[l] -= m->kappa * sin(th[l]) * dth[l] * g[l];
                lom[l] += w * dom[l] - m->damp * dg[l];
            }
        }
    }
}

/* ------------------------------------------------------------------------ */
/* y*: damped Newton from two starts                                         */

static int grow_bytes(void *pp, size_t len)
{
    void **p = pp, *q = realloc(*p, len ? len : 1);
    if (!q) return 1;
    *p = q;
    return 0;
}

static int sol_reserve(mpc *m, size_t c, char *err, size_t errlen)
{
    mpc_sol *s = &m->sol;
    size_t ny = m->ny, i;
    if (c <= s->cap) return AMOR_OK;
    if (grow(&s->u, c * ny) || grow(&s->ub, c * ny) || grow(&s->fc, c) || grow(&s->fb, c) ||
        grow_bytes(&s->active, c) || grow_bytes(&s->idx, c * sizeof *s->idx) ||
        grow(&s->xa, c * m->nx) || grow(&s->ua, c * ny) || grow(&s->ut, c * ny) ||
        grow(&s->g, c * ny) || grow(&s->d, c * ny) || grow(&s->hv, c * ny * ny) ||
        grow(&s->eye, c * ny * ny) || grow(&s->fac, ny * ny) || grow(&s->f, c) ||
        grow(&s->ft, c) || grow(&s->alpha, c) || grow(&s->slope, c) ||
        grow(&s->scale, c) || grow_bytes(&s->pending, c) || grow_bytes(&s->gn, c))
        return amor_errorf(err, errlen, AMOR_ENOMEM, "control_mpc: out of memory in solve");
    memset(s->eye, 0, c * ny * ny * sizeof *s->eye);
    for (i = 0; i < c * ny; i++) s->eye[i * ny + i % ny] = 1.0;
    s->cap = c;
    return AMOR_OK;
}

/* d = -(H + mu I)^-1 g for the smallest mu in {0, 1e-8 s, 1e-7 s, ...}
 * (s = 1 + max |H_jj|) whose Cholesky factorization succeeds, trying at
 * most `tries` values.  Returns 0, or 1 (d untouched) if none did.  hess
 * (ny, ny) is symmetrized in place; fac (ny, ny) is scratch. */
static int newton_direction(double *d, double *fac, double *hess, const double *g,
                            size_t ny, int tries)
{
    size_t j, k;
    double s = 1.0, mu = 0.0;
    for (j = 0; j < ny; j++) s = fmax(s, 1.0 + fabs(hess[j * ny + j]));
    for (j = 0; j < ny; j++) /* symmetric up to rounding */
        for (k = j + 1; k < ny; k++)
            hess[j * ny + k] = hess[k * ny + j] = 0.5 * (hess[j * ny + k] + hess[k * ny + j]);
    for (; tries > 0; tries--) {
        memcpy(fac, hess, ny * ny * sizeof *fac);
        for (j = 0; j < ny; j++) fac[j * ny + j] += mu;
        if (!am_dpotrf(fac, ny)) {
            for (j = 0; j < ny; j++) d[j] = -g[j];
            am_dpotrs(fac, ny, d, 1);
            return 0;
        }
        mu = mu == 0.0 ? 1e-8 * s : 10.0 * mu;
    }
    return 1;
}

/* Damped Newton on the c rows of x from s->u (c, ny); leaves the iterate in
 * s->u and its f in s->fc.  Each iteration works on the rows still active
 * (gathered into s->xa, s->ua): the exact Hessian when it is positive
 * definite, else the Gauss-Newton one (the dynamics' curvature dropped:
 * J'WJ + 2 gamma^t r I, positive definite), then Armijo backtracking.  A row
 * stops when |g|_inf <= MPC_GTOL (1 + |f| + |x|^2) or when no step decreases
 * f (stationary to rounding). */
static void newton(mpc *m, size_t c, const double *x)
{
    mpc_sol *s = &m->sol;
    size_t nx = m->nx, ny = m->ny, i, a, na, j, ls, npend, ngn;
    long it;
    memset(s->active, 1, c);
    for (it = 0; it < m->solver_iters; it++) {
        for (na = 0, i = 0; i < c; i++) {
            if (!s->active[i]) continue;
            s->idx[na] = i;
            memcpy(s->xa + na * nx, x + i * nx, nx * sizeof *s->xa);
            memcpy(s->ua + na * ny, s->u + i * ny, ny * sizeof *s->ua);
            na++;
        }
        if (!na) break;
        forward(m, na, s->xa, s->ua, s->f);
        backward(m, na, s->ua, s->g);
        for (a = 0; a < na; a++) {
            double gmax = 0.0;
            s->scale[a] = 1.0 + fabs(s->f[a]) + am_ddot(nx, s->xa + a * nx, s->xa + a * nx);
            for (j = 0; j < ny; j++) gmax = fmax(gmax, fabs(s->g[a * ny + j]));
            s->pending[a] = gmax > MPC_GTOL * s->scale[a];
            if (!s->pending[a]) s->active[s->idx[a]] = 0;
        }
        hvp_rows(m, na, ny, s->eye, s->hv, 1);
        for (ngn = 0, a = 0; a < na; a++) {
            s->gn[a] = s->pending[a] &&
                       newton_direction(s->d + a * ny, s->fac, s->hv + a * ny * ny, s->g + a * ny, ny, 1);
            ngn += s->gn[a];
        }
        if (ngn) hvp_rows(m, na, ny, s->eye, s->hv, 0);
        for (a = 0; a < na; a++) {
            if (!s->pending[a]) continue;
            if (s->gn[a] &&
                newton_direction(s->d + a * ny, s->fac, s->hv + a * ny * ny, s->g + a * ny, ny, 20))
                for (j = 0; j < ny; j++) s->d[a * ny + j] = -s->g[a * ny + j];
            s->slope[a] = am_ddot(ny, s->g + a * ny, s->d + a * ny);
            if (!(s->slope[a] < 0.0)) { /* not a descent direction: steepest descent */
                for (j = 0; j < ny; j++) s->d[a * ny + j] = -s->g[a * ny + j];
                s->slope[a] = -am_ddot(ny, s->g + a * ny, s->g + a * ny);
            }
            s->alpha[a] = 1.0;
        }
        for (ls = 0; ls < MPC_LINE_STEPS; ls++) {
            memcpy(s->ut, s->ua, na * ny * sizeof *s->ut);
            for (a = 0; a < na; a++)
                if (s->pending[a]) am_daxpy(ny, s->alpha[a], s->d + a * ny, s->ut + a * ny);
            forward(m, na, s->xa, s->ut, s->ft);
            for (npend = 0, a = 0; a < na; a++) {
                if (!s->pending[a]) continue;
                /* Armijo, with f's rounding allowed: near y* the decrease
                 * of a Newton step is below it and the gradient test ends */
                if (s->ft[a] <= s->f[a] + MPC_ARMIJO * s->alpha[a] * s->slope[a] +
                                   MPC_FROUND * s->scale[a]) {
                    memcpy(s->u + s->idx[a] * ny, s->ut + a * ny, ny * sizeof *s->u);
                    s->pending[a] = 0;
                } else {
                    s->alpha[a] *= 0.5;
                    npend++;
                }
            }
            if (!npend) break;
        }
        for (a = 0; a < na; a++) /* no decrease at any step: stationary to rounding */
            if (s->pending[a]) s->active[s->idx[a]] = 0;
    }
    forward(m, c, x, s->u, s->fc);
}

/* u (c, ny): the LQR feedback u_t = -K x_t rolled out on the nonlinear chain. */
static void lqr_start(mpc *m, size_t c, const double *x, double *u)
{
    size_t nx = m->nx, nu = m->nu, ny = m->ny, i, t;
    double *xt = m->ws.lam, *xn = m->ws.traj; /* two (nx) rows of ws scratch */
    for (i = 0; i < c; i++) {
        memcpy(xt, x + i * nx, nx * sizeof *xt);
        for (t = 0; t < m->H; t++) {
            double *ut = u + i * ny + t * nu;
            am_dgemv(AM_NOTRANS, nu, nx, -1.0, m->k, nx, xt, 0.0, ut);
            step_row(m, xn, xt, ut);
            memcpy(xt, xn, nx * sizeof *xt);
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Plugin glue                                                              */

static void mpc_destroy(void *inst)
{
    mpc *m = inst;
    if (!m) return;
    free(m->act);
    free(m->p);
    free(m->k);
    free(m->disc);
    free(m->ws.traj), free(m->ws.ga), free(m->ws.lam), free(m->ws.fbuf), free(m->ws.gbuf);
    free(m->ws.dtraj), free(m->ws.dga), free(m->ws.dlam);
    free(m->sol.u), free(m->sol.ub), free(m->sol.fc), free(m->sol.fb), free(m->sol.active);
    free(m->sol.idx), free(m->sol.xa), free(m->sol.ua), free(m->sol.ut), free(m->sol.g);
    free(m->sol.d), free(m->sol.hv), free(m->sol.eye), free(m->sol.fac), free(m->sol.f);
    free(m->sol.ft), free(m->sol.alpha), free(m->sol.slope), free(m->sol.scale), free(m->sol.pending), free(m->sol.gn);
    gp_obj_free(&m->go);
    free(m);
}

/* The linearization at the origin: a (nx, nx), b (nx, nu). */
static void linearize(const mpc *m, double *a, double *b)
{
    size_t nl = m->nl, nx = m->nx, nu = m->nu, l, j;
    double dt = m->dt, e = 1.0 - m->damp * dt;
    memset(a, 0, nx * nx * sizeof *a);
    memset(b, 0, nx * nu * sizeof *b);
    for (l = 0; l < nl; l++) {
        double *wrow = a + (nl + l) * nx; /* omega'_l */
        wrow[l] = dt * m->kappa;
        if (l > 0) wrow[l - 1] += dt * m->stiff, wrow[l] -= dt * m->stiff;
        if (l + 1 < nl) wrow[l + 1] += dt * m->stiff, wrow[l] -= dt * m->stiff;
        wrow[nl + l] = e;
    }
    for (l = 0; l < nl; l++) { /* theta' = theta + dt omega' */
        double *trow = a + l * nx;
        const double *wrow = a + (nl + l) * nx;
        for (j = 0; j < nx; j++) trow[j] = dt * wrow[j];
        trow[l] += 1.0;
    }
    for (j = 0; j < nu; j++) {
        b[(nl + m->act[j]) * nu + j] = dt * m->gain;
        b[m->act[j] * nu + j] = dt * dt * m->gain;
    }
}

static int mpc_value_grad_det(void *inst, size_t n, const double *x, const double *y,
                              double *f, double *grad, char *err, size_t errlen);
static int mpc_hvp_det(void *inst, size_t n, const double *x, const double *y,
                       const double *v, double *hv, char *err, size_t errlen);

static int mpc_create(const amor_value *params, void **inst, char *err,
                      size_t errlen)
{
    size_t nl = (size_t)params[P_LINKS].i, nu = (size_t)params[P_ACTUATED].i, nx, i, t;
    double *a = NULL, *b = NULL, *q = NULL, *r = NULL, *work = NULL;
    ric_status st;
    long iters = 0;
    gp_config gc;
    mpc *m;
    int rc = gp_config_read(&gc, params + P_GP, "control_mpc", 0, err, errlen);
    if (rc) return rc;
    if (nu > nl)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "control_mpc: actuated (%zu) must not exceed links (%zu)", nu, nl);
    if (!(m = calloc(1, sizeof *m)))
        return amor_errorf(err, errlen, AMOR_ENOMEM, "control_mpc: out of memory");
    m->nl = nl;
    m->nx = nx = 2 * nl;
    m->nu = nu;
    m->H = (size_t)params[P_HORIZON].i;
    m->ny = m->H * nu;
    m->dt = params[P_DT].r;
    m->kappa = params[P_GRAVITY].r;
    m->stiff = params[P_STIFFNESS].r;
    m->damp = params[P_DAMPING].r;
    m->gain = params[P_GAIN].r;
    m->r = params[P_R].r;
    m->gamma = params[P_GAMMA].r;
    m->theta_std = params[P_THETA_STD].r;
    m->omega_std = params[P_OMEGA_STD].r;
    m->solver_iters = (long)params[P_SOLVER_ITERS].i;
    m->baseline = strcmp(params[P_BASELINE].s, "value") == 0;
    m->act = malloc(nu * sizeof *m->act);
    m->p = malloc(nx * nx * sizeof *m->p);
    m->k = malloc(nu * nx * sizeof *m->k);
    m->disc = malloc((m->H + 1) * sizeof *m->disc);
    a = malloc(nx * nx * sizeof *a);
    b = malloc(nx * nu * sizeof *b);
    q = calloc(nx * nx, sizeof *q);
    r = calloc(nu * nu, sizeof *r);
    work = malloc((2 * nx * nu + nu * nu) * sizeof *work);
    if (!m->act || !m->p || !m->k || !m->disc || !a || !b || !q || !r || !work) {
        free(a), free(b), free(q), free(r), free(work);
        mpc_destroy(m);
        return amor_errorf(err, errlen, AMOR_ENOMEM, "control_mpc: out of memory (links %zu)", nl);
    }
    for (i = 0; i < nu; i++) m->act[i] = (2 * i + 1) * nl / (2 * nu); /* centred, distinct */
    for (t = 0, m->disc[0] = 1.0; t < m->H; t++) m->disc[t + 1] = m->disc[t] * m->gamma;
    for (i = 0; i < nx; i++) q[i * nx + i] = 1.0;
    for (i = 0; i < nu; i++) r[i * nu + i] = m->r;
    linearize(m, a, b);
    st = ric_dare(m->p, a, b, q, r, m->gamma, nx, nu, (long)params[P_DARE_MAX_ITER].i,
                  MPC_DARE_TOL, &iters);
    if (st == RIC_OK && ric_lqr_gain(m->k, NULL, a, b, m->p, r, m->gamma, nx, nu, work))
        st = RIC_DIVERGED;
    free(a), free(b), free(q), free(r), free(work);
    if (st != RIC_OK) {
        mpc_destroy(m);
        if (st == RIC_NOMEM)
            return amor_errorf(err, errlen, AMOR_ENOMEM, "control_mpc: out of memory solving the DARE");
        return amor_errorf(err, errlen, AMOR_ENUMERIC,
                           "control_mpc: no terminal value: the Riccati recursion of the "
                           "linearized chain %s after %ld iterations (links %zu, actuated %zu, "
                           "gamma %g)",
                           st == RIC_DIVERGED ? "diverged (not stabilizable)"
                                              : "did not converge (dare_max_iter)",
                           iters, nl, nu, params[P_GAMMA].r); /* m is freed */
    }
    m->gc = gc;
    m->gny = gp_ny(gc.layout, m->ny);
    if (gc.layout) gp_obj_init(&m->go, &gc, nx, m->ny, m, mpc_value_grad_det, mpc_hvp_det);
    *inst = m;
    return AMOR_OK;
}

static void mpc_dims(const void *inst, size_t *nx, size_t *ny)
{
    const mpc *m = inst;
    *nx = m->nx;
    *ny = m->gny;
}

static int mpc_sample(void *inst, amor_rng *rng, size_t n, double *x, char *err,
                      size_t errlen)
{
    const mpc *m = inst;
    size_t i, l;
    (void)err;
    (void)errlen;
    for (i = 0; i < n; i++) {
        for (l = 0; l < m->nl; l++) x[i * m->nx + l] = m->theta_std * amor_rng_normal(rng);
        for (l = 0; l < m->nl; l++) x[i * m->nx + m->nl + l] = m->omega_std * amor_rng_normal(rng);
    }
    return AMOR_OK;
}

static int mpc_value(void *inst, size_t n, const double *x, const double *y,
                     double *f, char *err, size_t errlen)
{
    mpc *m = inst;
    int rc;
    if (m->gc.layout) return gp_obj_eval(&m->go, n, x, y, f, NULL, err, errlen);
    if ((rc = ws_reserve(m, n, 0, err, errlen))) return rc;
    forward(m, n, x, y, f);
    return AMOR_OK;
}

static int mpc_value_grad_det(void *inst, size_t n, const double *x, const double *y,
                          double *f, double *grad, char *err, size_t errlen)
{
    mpc *m = inst;
    int rc = ws_reserve(m, n, 0, err, errlen);
    if (rc) return rc;
    forward(m, n, x, y, f);
    backward(m, n, y, grad);
    return AMOR_OK;
}

static int mpc_value_grad(void *inst, size_t n, const double *x, const double *y,
                          double *f, double *grad, char *err, size_t errlen)
{
    mpc *m = inst;
    if (m->gc.layout) return gp_obj_eval(&m->go, n, x, y, f, grad, err, errlen);
    return mpc_value_grad_det(inst, n, x, y, f, grad, err, errlen);
}

static int mpc_hvp_det(void *inst, size_t n, const double *x, const double *y,
                       const double *v, double *hv, char *err, size_t errlen)
{
    mpc *m = inst;
    int rc = ws_reserve(m, n, n, err, errlen);
    if (rc) return rc;
    forward(m, n, x, y, m->ws.fbuf); /* the primal pass hvp_rows linearizes */
    backward(m, n, y, m->ws.gbuf);
    hvp_rows(m, n, 1, v, hv, 1);
    return AMOR_OK;
}

static int mpc_hvp(void *inst, size_t n, const double *x, const double *y,
                   const double *v, double *hv, char *err, size_t errlen)
{
    mpc *m = inst;
    if (m->gc.layout) return gp_obj_hvp(&m->go, n, x, y, v, hv, err, errlen);
    return mpc_hvp_det(inst, n, x, y, v, hv, err, errlen);
}

/* The c rows of pi* = N(u, alpha H(u)^-1) in layout lay (out: rows of that
 * ny) at the minimizers u (c, ny) in sol.ua; ws reserved for c ny tangents. */
static int laplace(mpc *m, size_t c, const double *x, gp_layout lay, int fwd, double *out,
                   char *err, size_t errlen)
{
    mpc_sol *s = &m->sol;
    size_t ny = m->ny, gny = gp_ny(lay, ny), i;
    double *work = malloc(gp_hess_work(ny) * sizeof *work);
    int gn = 0, bad = 0;
    if (!work) return amor_errorf(err, errlen, AMOR_ENOMEM, "control_mpc: out of memory in solve");
    forward(m, c, x, s->ua, s->f);
    backward(m, c, s->ua, s->g);
    hvp_rows(m, c, ny, s->eye, s->hv, 1);
    for (i = 0; i < c; i++) /* then Gauss-Newton (positive definite) for the rows that fail */
        if (gp_from_hessian(lay, ny, s->ua + i * ny, s->hv + i * ny * ny, m->gc.alpha, fwd,
                            out + i * gny, work))
            s->gn[i] = 1, gn = 1;
        else
            s->gn[i] = 0;
    if (gn) hvp_rows(m, c, ny, s->eye, s->hv, 0);
    for (i = 0; gn && i < c; i++)
        if (s->gn[i])
            bad |= gp_from_hessian(lay, ny, s->ua + i * ny, s->hv + i * ny * ny, m->gc.alpha, fwd,
                                   out + i * gny, work);
    free(work);
    if (bad) return amor_errorf(err, errlen, AMOR_ENUMERIC, "control_mpc: solve: no pi* (the "
                                "Gauss-Newton Hessian is not positive definite)");
    return AMOR_OK;
}

/* ystar (n, ny of lay): y*, or pi* in layout lay. */
static int solve_into(mpc *m, size_t n, const double *x, gp_layout lay, int fwd,
                      double *ystar, char *err, size_t errlen)
{
    mpc_sol *s = &m->sol;
    size_t ny = m->ny, gny = gp_ny(lay, ny), c0, chunk = MPC_HESS_ROWS / ny, i;
    int rc;
    if (chunk < 1) chunk = 1;
    if (chunk > n) chunk = n ? n : 1;
    if ((rc = sol_reserve(m, chunk, err, errlen)) ||
        (rc = ws_reserve(m, chunk, chunk * ny, err, errlen)))
        return rc;
    for (c0 = 0; c0 < n; c0 += chunk) {
        size_t c = n - c0 < chunk ? n - c0 : chunk;
        const double *xc = x + c0 * m->nx;
        memset(s->u, 0, c * ny * sizeof *s->u); /* start 1: zero actions */
        newton(m, c, xc);
        memcpy(s->ub, s->u, c * ny * sizeof *s->ub);
        memcpy(s->fb, s->fc, c * sizeof *s->fb);
        lqr_start(m, c, xc, s->u); /* start 2: the LQR policy */
        newton(m, c, xc);
        for (i = 0; i < c; i++) {
            const double *best = s->fc[i] < s->fb[i] ? s->u + i * ny : s->ub + i * ny;
            if (!isfinite(s->fc[i]) && !isfinite(s->fb[i]))
                return amor_errorf(err, errlen, AMOR_ENUMERIC,
                                   "control_mpc: solve: non-finite objective for context %zu",
                                   c0 + i);
            memcpy(lay ? s->ua + i * ny : ystar + (c0 + i) * ny, best, ny * sizeof *ystar);
        }
        if (lay && (rc = laplace(m, c, xc, lay, fwd, ystar + c0 * gny, err, errlen))) return rc;
    }
    return AMOR_OK;
}

static int mpc_solve(void *inst, size_t n, const double *x, double *ystar,
                     char *err, size_t errlen)
{
    mpc *m = inst;
    return solve_into(m, n, x, m->gc.layout, m->gc.forward, ystar, err, errlen);
}

/* The view of a solution: the predicted states x_1 .. x_H (under the mean
 * actions with a Gaussian policy, then KL(pi_y || pi*), KL(pi* || pi_y)). */
static size_t mpc_aux_dim(const void *inst)
{
    const mpc *m = inst;
    return m->H * m->nx + (m->gc.layout ? 2 : 0);
}

static int mpc_aux(void *inst, size_t n, const double *x, const double *y,
                   double *out, char *err, size_t errlen)
{
    mpc *m = inst;
    size_t nx = m->nx, H = m->H, aw = mpc_aux_dim(m), i, t;
    double *pf, *work;
    int rc;
    for (i = 0; i < n; i++) {
        const double *xt = x + i * nx;
        for (t = 0; t < H; t++) {
            double *xn = out + i * aw + t * nx;
            step_row(m, xn, xt, y + i * m->gny + t * m->nu);
            xt = xn;
        }
    }
    if (!m->gc.layout) return AMOR_OK;
    pf = malloc(n * gp_ny(GP_FULL, m->ny) * sizeof *pf);
    work = malloc(gp_kl_work(m->ny) * sizeof *work);
    rc = !pf || !work ? amor_errorf(err, errlen, AMOR_ENOMEM, "control_mpc: out of memory in aux")
                      : solve_into(m, n, x, GP_FULL, 0, pf, err, errlen);
    if (!rc) gp_kl_both(m->gc.layout, y, pf, m->ny, n, out + H * nx, aw, work);
    free(pf), free(work);
    return rc;
}

static const amor_problem_desc mpc_desc = {
    .head = AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "control_mpc", "1.0",
              "model-based control: H-step cost of a nonlinear pendulum chain plus "
              "an LQR terminal value, y* by Newton",
              mpc_params, NUM_P),
    .create = mpc_create,
    .destroy = mpc_destroy,
    .dims = mpc_dims,
    .sample = mpc_sample,
    .value = mpc_value,
    .value_grad = mpc_value_grad,
    .hvp = mpc_hvp,
    .solve = mpc_solve,
    .aux_dim = mpc_aux_dim,
    .aux = mpc_aux,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &mpc_desc.head : NULL;
}
