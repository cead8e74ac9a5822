/*
 * qp.c -- problem plugin `qp`: convex QPs min 1/2 y'Py + q'y s.t. l <= Ay <= u
 * from the OSQP benchmark suite's "Random QP" class, with OSQP's ADMM
 * (Stellato et al. 2020, Algorithm 1, on unscaled data) as the solver step
 * and its adaptive-rho rule as the baseline.  docs/plugins.md ("Convex QPs
 * by ADMM: qp") documents the choices; the layouts:
 *
 *   context x = (q (n), l (m), u (m)) with data = fixed (P, A from `seed`),
 *               (q, l, u, M (n, n), A (m, n)) with data = random, P = M M' +
 *               p_shift I; m = m_ratio n, everything row-major.
 *   state     = (y (n), z (m), lambda (m), s = log rho (m), k (1)).
 *
 * The KKT matrix P + sigma I + A' diag(rho) A of each row is factored by
 * LAPACK's Cholesky (am_dpotrf) and cached per batch row, keyed by the bits
 * of the row's log rho and, with data = random, of its P and A data, so a
 * changed rho or context is always refactored.  solve runs the same ADMM to
 * solve_tol with OSQP's polish, the interior-point method as its fallback
 * (both in plugins/common/qpref.c).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alapack.h"
#include "amath.h"
#include "amor.h"
#include "logkern.h"
#include "qpref.h"

#define QP_CHUNK 64          /* rows per block of the batched products */
#define QP_SIGMA 1e-6        /* OSQP's sigma */
#define QP_RELAX 1.6         /* OSQP's alpha (over-relaxation) */
#define QP_RHO_MIN 1e-6      /* OSQP's RHO_MIN and RHO_MAX: the adaptive rule's range */
#define QP_RHO_MAX 1e6
#define QP_RHO_EQ 1e3        /* OSQP's RHO_EQ_OVER_RHO_INEQ */
#define QP_EQ_TOL 1e-4       /* OSQP's RHO_TOL: u - l below it is an equality */
#define QP_DIV_TOL 1e-20     /* OSQP's OSQP_DIVISION_TOL */
#define QP_SOLVE_INTERVAL 25 /* solve adapts rho every 25 iterations, as OSQP, */
#define QP_SOLVE_CHECK 5     /* ... and tests its residual every 5 */
#define QP_POLISH_FROM 1e-3  /* solve first polishes at this residual, */
#define QP_POLISH_EVERY 250  /* ... then 10x lower, and at least this often */

/* The state's log rho is clipped to this range (rho from RHO_MIN to
 * RHO_MAX times the equality factor), so any real number a model writes
 * there gives a usable rho. */
static const double LOG_RHO_LO = -13.815510557964274; /* log 1e-6 */
static const double LOG_RHO_HI = 20.72326583694641;   /* log 1e9 */

typedef struct qp {
    size_t n, m;          /* variables, constraints */
    size_t nx, S;         /* context width, state width n + 3m + 1 */
    size_t ndata;         /* n^2 + m n: the (M, A) part of a random context */
    int random;           /* data = random */
    double density, shift;
    double lmin, lmax, umin, umax;
    double log_rho0;      /* log of parameter rho */
    size_t interval;      /* adaptive_rho_interval, 0 = fixed rho */
    double log_tol;       /* log adaptive_rho_tolerance */
    double penalty;       /* weight of the l1 violation in f */
    double solve_tol;
    size_t solve_iters;
    double *P, *A;        /* data = fixed: (n, n), (m, n) */
    /* factor cache: one slot per batch row up to cap, then the scratch slot */
    size_t keylen;        /* m (+ ndata with data = random) */
    size_t slotlen;       /* keylen + n^2 (factor) */
    size_t cap, nslots;   /* most slots the memory budget allows, allocated */
    double *slots;        /* (nslots, slotlen): key, factor */
    unsigned char *valid; /* (nslots) */
    double *scratch_slot; /* (slotlen), rows past cap and solve */
    unsigned char scratch_valid;
    /* chunk scratch */
    double *w, *zt, *ay;  /* (QP_CHUNK, m) each */
    double *rh;           /* (QP_CHUNK, m) rho of each row */
    double *r, *py, *atl; /* (QP_CHUNK, n) each */
    double *kb;           /* (m, n) diag(sqrt rho) A while factoring */
    double *kp;           /* (n, n) P of a random context while factoring */
    double *tmp;          /* (n) */
    double *sst;          /* (3 S) solve's two states and a polished one; pf, rw follow */
    double *pf;           /* (n, n) Cholesky factor of P (data = fixed: at create) */
    double *rw;           /* qpref's work: the larger of polish's and ipm's */
} qp;

enum { P_N, P_M_RATIO, P_DENSITY, P_SHIFT, P_DATA, P_SEED, P_LMIN, P_LMAX, P_UMIN, P_UMAX,
       P_RHO, P_INTERVAL, P_TOLERANCE, P_PENALTY, P_SOLVE_TOL, P_SOLVE_ITERS, P_CACHE_MB,
       NUM_P };

static const amor_param_decl qp_params[NUM_P] = {
    {"n", AMOR_PARAM_INT, "variables (ny)", 50, NULL, NULL, 0, 1, 2000, NULL},
    {"m_ratio", AMOR_PARAM_INT, "constraints per variable: m = m_ratio n (OSQP's class: 10)",
     10, NULL, NULL, 0, 1, 1000, NULL},
    {"density", AMOR_PARAM_REAL, "probability that an entry of M and of A is nonzero (N(0, 1))",
     0.15, NULL, NULL, 0, 0, 1, NULL},
    {"p_shift", AMOR_PARAM_REAL, "P = M M' + p_shift I (> 0, so y* is unique)", 1e-2, NULL,
     NULL, 0, 0, 1e6, NULL},
    {"data", AMOR_PARAM_STRING, "fixed: P and A from seed, x = (q, l, u); random: x also "
     "carries M and A", 0, "fixed", NULL, 0, 0, 0, "fixed|random"},
    {"seed", AMOR_PARAM_INT, "seed of P and A with data = fixed", 0, NULL, NULL, 0, 0,
     2147483647.0, NULL},
    {"l_min", AMOR_PARAM_REAL, "l ~ U(l_min, l_max)", -1, NULL, NULL, 0, -1e6, 1e6, NULL},
    {"l_max", AMOR_PARAM_REAL, "l ~ U(l_min, l_max)", 0, NULL, NULL, 0, -1e6, 1e6, NULL},
    {"u_min", AMOR_PARAM_REAL, "u ~ U(u_min, u_max)", 0, NULL, NULL, 0, -1e6, 1e6, NULL},
    {"u_max", AMOR_PARAM_REAL, "u ~ U(u_min, u_max)", 1, NULL, NULL, 0, -1e6, 1e6, NULL},
    {"rho", AMOR_PARAM_REAL, "ADMM penalty rho of the initial state (OSQP's default 0.1)", 0.1,
     NULL, NULL, 0, QP_RHO_MIN, QP_RHO_MAX, NULL},
    {"adaptive_rho_interval", AMOR_PARAM_INT, "solver_step applies OSQP's adaptive-rho rule "
     "every this many iterations (0: fixed rho)", 25, NULL, NULL, 0, 0, 1e9, NULL},
    {"adaptive_rho_tolerance", AMOR_PARAM_REAL, "the rule changes rho only by more than this "
     "factor", 5, NULL, NULL, 0, 1, 1e6, NULL},
    {"penalty", AMOR_PARAM_REAL, "weight w of the exact penalty w sum_i dist(a_i'y, [l_i, u_i]) "
     "in f", 100, NULL, NULL, 0, 0, 1e12, NULL},
    {"solve_tol", AMOR_PARAM_REAL, "solve runs ADMM to this residual", 1e-10, NULL, NULL, 0,
     1e-15, 1, NULL},
    {"solve_iters", AMOR_PARAM_INT, "solve's ADMM iterations before its interior-point "
     "fallback", 5000, NULL, NULL, 0, 0, 1e9, NULL},
    {"cache_mb", AMOR_PARAM_INT, "memory for the per-row KKT factors (0: refactor every step)",
     256, NULL, NULL, 0, 0, 1048576, NULL},
};

/* ------------------------------------------------------------------------ */
/* Contexts and states                                                      */

static const double *cq(const qp *p, const double *xi) { (void)p; return xi; }
static const double *cl(const qp *p, const double *xi) { return xi + p->n; }
static const double *cu(const qp *p, const double *xi) { return xi + p->n + p->m; }
static const double *cM(const qp *p, const double *xi) { return xi + p->n + 2 * p->m; }
static const double *cA(const qp *p, const double *xi)
{
    return p->random ? xi + p->n + 2 * p->m + p->n * p->n : p->A;
}

static int is_eq(double l, double u) { return u - l < QP_EQ_TOL; }

static double clip(double v, double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; }

static double maxabs(const double *v, size_t len)
{
    double w = 0.0;
    size_t k;
    for (k = 0; k < len; k++)
        if (!(fabs(v[k]) <= w)) w = fabs(v[k]); /* NaN sticks */
    return w;
}

/* Every call that reads contexts checks the bounds first. */
static int check_bounds(const qp *p, size_t n, const double *x, char *err, size_t errlen)
{
    size_t i, j;
    for (i = 0; i < n; i++) {
        const double *l = cl(p, x + i * p->nx), *u = cu(p, x + i * p->nx);
        for (j = 0; j < p->m; j++) {
            if (!isfinite(l[j]) || !isfinite(u[j]))
                return amor_errorf(err, errlen, AMOR_EINVAL,
                                   "qp: context %zu: constraint %zu has a bound that is not "
                                   "finite (l = %g, u = %g)", i, j, l[j], u[j]);
            if (l[j] > u[j])
                return amor_errorf(err, errlen, AMOR_EINVAL,
                                   "qp: context %zu: constraint %zu has l = %.17g > u = %.17g "
                                   "(infeasible)", i, j, l[j], u[j]);
        }
    }
    return AMOR_OK;
}

/* ------------------------------------------------------------------------ */
/* Products with the data of r contexts x (row stride nx): one matrix      */
/* product per block with data = fixed, one per row with data = random or  */
/* a single row (dgemm would pack all of A to multiply one row by it).      */

/* out (r, m) = rows y (r, n; stride ldy) times A'. */
static void mul_A(const qp *p, size_t r, const double *x, const double *y, size_t ldy,
                  double *out)
{
    size_t i, n = p->n, m = p->m;
    if (!p->random && r > 1) {
        am_dgemm(AM_NOTRANS, AM_TRANS, r, m, n, 1.0, y, ldy, p->A, n, 0.0, out, m);
        return;
    }
    for (i = 0; i < r; i++)
        am_dgemv(AM_NOTRANS, m, n, 1.0, cA(p, x + i * p->nx), n, y + i * ldy, 0.0, out + i * m);
}

/* out (r, n) = rows w (r, m; stride ldw) times A. */
static void mul_At(const qp *p, size_t r, const double *x, const double *w, size_t ldw,
                   double *out)
{
    size_t i, n = p->n, m = p->m;
    if (!p->random && r > 1) {
        am_dgemm(AM_NOTRANS, AM_NOTRANS, r, n, m, 1.0, w, ldw, p->A, n, 0.0, out, n);
        return;
    }
    for (i = 0; i < r; i++)
        am_dgemv(AM_TRANS, m, n, 1.0, cA(p, x + i * p->nx), n, w + i * ldw, 0.0, out + i * n);
}

/* out (r, n) = rows y (r, n; stride ldy) times P (symmetric); with data =
 * random M (M'y) + p_shift y, never forming P. */
static void mul_P(qp *p, size_t r, const double *x, const double *y, size_t ldy, double *out)
{
    size_t i, n = p->n;
    if (!p->random) {
        if (r > 1)
            am_dgemm(AM_NOTRANS, AM_NOTRANS, r, n, n, 1.0, y, ldy, p->P, n, 0.0, out, n);
        else
            am_dgemv(AM_NOTRANS, n, n, 1.0, p->P, n, y, 0.0, out);
        return;
    }
    for (i = 0; i < r; i++) {
        const double *M = cM(p, x + i * p->nx), *yi = y + i * ldy;
        double *o = out + i * n;
        size_t j;
        am_dgemv(AM_TRANS, n, n, 1.0, M, n, yi, 0.0, p->tmp);
        am_dgemv(AM_NOTRANS, n, n, 1.0, M, n, p->tmp, 0.0, o);
        for (j = 0; j < n; j++) o[j] += p->shift * yi[j];
    }
}

/* P (n, n) = M M' + shift I, exactly symmetric. */
static void form_P(double *P, const double *M, size_t n, double shift)
{
    size_t i, j;
    am_dgemm(AM_NOTRANS, AM_TRANS, n, n, n, 1.0, M, n, M, n, 0.0, P, n);
    for (i = 0; i < n; i++) {
        for (j = i + 1; j < n; j++)
            P[i * n + j] = P[j * n + i] = 0.5 * (P[i * n + j] + P[j * n + i]);
        P[i * n + i] += shift;
    }
}

/* OSQP's termination quantities at r states st (stride ldst), per row:
 * pr = |Ay - z|, ps = max(|Ay|, |z|), du = |Py + q + A'lambda|, ds =
 * max(|Py|, |A'lambda|, |q|) (infinity norms), into t (r, 4). */
static void term_parts(qp *p, size_t r, const double *x, const double *st, size_t ldst,
                       double *t)
{
    size_t i, j, n = p->n, m = p->m;
    mul_A(p, r, x, st, ldst, p->ay);
    mul_P(p, r, x, st, ldst, p->py);
    mul_At(p, r, x, st + n + m, ldst, p->atl);
    for (i = 0; i < r; i++) {
        const double *z = st + i * ldst + n, *q = cq(p, x + i * p->nx);
        const double *ay = p->ay + i * m, *py = p->py + i * n, *atl = p->atl + i * n;
        double pr = 0.0, du = 0.0;
        for (j = 0; j < m; j++)
            if (!(fabs(ay[j] - z[j]) <= pr)) pr = fabs(ay[j] - z[j]);
        for (j = 0; j < n; j++)
            if (!(fabs(py[j] + q[j] + atl[j]) <= du)) du = fabs(py[j] + q[j] + atl[j]);
        t[4 * i] = pr;
        t[4 * i + 1] = fmax(maxabs(ay, m), maxabs(z, m));
        t[4 * i + 2] = du;
        t[4 * i + 3] = fmax(fmax(maxabs(py, n), maxabs(atl, n)), maxabs(q, n));
    }
}

/* residual <= tol  <=>  OSQP's test with eps_abs = eps_rel = tol */
static double scaled_residual(const double *t)
{
    double a = t[0] / (1.0 + t[1]), b = t[2] / (1.0 + t[3]);
    return a > b || isnan(a) ? a : b;
}

/* ------------------------------------------------------------------------ */
/* The KKT factor cache                                                     */

/* Factor K = P + sigma I + A' diag(rho) A of context xi, rho = exp(s) (m,
 * given), into slot (key = s and the data, factor); AMOR_ENUMERIC if
 * dpotrf fails. */
static int build_factor(qp *p, const double *xi, const double *s, const double *rho,
                        double *slot)
{
    size_t n = p->n, m = p->m, i, j;
    double *fac = slot + p->keylen;
    const double *A = cA(p, xi);
    memcpy(slot, s, m * sizeof *slot);
    if (p->random) memcpy(slot + m, cM(p, xi), p->ndata * sizeof *slot);
    for (j = 0; j < m; j++) {
        double sr = sqrt(rho[j]);
        for (i = 0; i < n; i++) p->kb[j * n + i] = sr * A[j * n + i];
    }
    am_gram(fac, p->kb, m, n);
    if (p->random) form_P(p->kp, cM(p, xi), n, p->shift);
    for (i = 0; i < n * n; i++) fac[i] += p->random ? p->kp[i] : p->P[i];
    for (i = 0; i < n; i++) fac[i * n + i] += QP_SIGMA;
    return am_dpotrf(fac, n) ? AMOR_ENUMERIC : AMOR_OK;
}

/* The key: the bits of log rho, and of M and A with data = random. */
static int key_matches(const qp *p, const double *slot, const double *xi, const double *s)
{
    return !memcmp(slot, s, p->m * sizeof *s) &&
           (!p->random || !memcmp(slot + p->m, cM(p, xi), p->ndata * sizeof *slot));
}

/* Make room for slots of rows 0..rows-1 (within the budget). */
static int grow_cache(qp *p, size_t rows)
{
    size_t want = rows < p->cap ? rows : p->cap;
    double *s;
    unsigned char *v;
    if (want <= p->nslots) return AMOR_OK;
    if (!(s = realloc(p->slots, want * p->slotlen * sizeof *s))) return AMOR_ENOMEM;
    p->slots = s;
    if (!(v = realloc(p->valid, want))) return AMOR_ENOMEM;
    p->valid = v;
    memset(v + p->nslots, 0, want - p->nslots);
    p->nslots = want;
    return AMOR_OK;
}

/* The factor for (xi, s) with rho = exp(s), in the slot of batch row `row`
 * (the scratch slot past the budget and for row SIZE_MAX, which the next
 * call may overwrite): the slot's own when its key matches; else a copy of
 * *prev (the slot the previous row used) when that key matches -- rows
 * sharing rho and data factor once; else a new factorization. */
static int get_factor(qp *p, size_t row, const double *xi, const double *s, const double *rho,
                      double **prev, const double **fac)
{
    int own = row < p->nslots;
    double *slot = own ? p->slots + row * p->slotlen : p->scratch_slot;
    unsigned char *valid = own ? &p->valid[row] : &p->scratch_valid;
    if (!(*valid && key_matches(p, slot, xi, s))) {
        *valid = 0;
        if (*prev && *prev != slot && key_matches(p, *prev, xi, s))
            memcpy(slot, *prev, p->slotlen * sizeof *slot);
        else if (build_factor(p, xi, s, rho, slot))
            return AMOR_ENUMERIC;
        *valid = 1;
    }
    *prev = slot;
    *fac = slot + p->keylen;
    return AMOR_OK;
}

/* ------------------------------------------------------------------------ */
/* One ADMM iteration of r rows                                             */

/* OSQP's adapt_rho for row i of a block whose termination parts are t (4):
 * rho_new = rho sqrt((pr / ps) / (du / ds)) in [RHO_MIN, RHO_MAX], taken
 * when it differs from rho by more than the tolerance; rho is the
 * geometric mean of the row's rho (equality rows over their factor), which
 * is OSQP's scalar rho when the state has one. */
static void adapt_row(const qp *p, const double *xi, const double *t, double *s)
{
    const double *l = cl(p, xi), *u = cu(p, xi);
    double mean = 0.0, ratio, lnew;
    size_t j, m = p->m;
    for (j = 0; j < m; j++) mean += s[j] - (is_eq(l[j], u[j]) ? log(QP_RHO_EQ) : 0.0);
    mean /= (double)m;
    ratio = (t[0] / (t[1] + QP_DIV_TOL)) / (t[2] / (t[3] + QP_DIV_TOL));
    if (isnan(ratio)) return; /* both residuals 0: nothing to balance */
    lnew = log(clip(exp(mean) * sqrt(ratio), QP_RHO_MIN, QP_RHO_MAX));
    if (!(fabs(lnew - mean) > p->log_tol)) return;
    for (j = 0; j < m; j++) s[j] = lnew + (is_eq(l[j], u[j]) ? log(QP_RHO_EQ) : 0.0);
}

/* next (r, S) from st (r, S) for contexts x; row0 is the first row's index
 * in the call (messages, and cache slot when `cached`, else the scratch
 * slot); interval 0: no adaptation. */
static int step_block(qp *p, size_t r, size_t row0, int cached, const double *x,
                      const double *st, double *nt, size_t interval, double **prev, char *err,
                      size_t errlen)
{
    size_t i, j, n = p->n, m = p->m, S = p->S;
    int trig = 0;
    for (i = 0; i < r; i++) { /* log rho clipped into next; rho = exp of it */
        const double *si = st + i * S + n + 2 * m;
        double *so = nt + i * S + n + 2 * m;
        for (j = 0; j < m; j++) {
            if (!isfinite(si[j]))
                return amor_errorf(err, errlen, AMOR_EINVAL,
                                   "qp: context %zu: the state's log rho of constraint %zu is "
                                   "not finite (%g)", row0 + i, j, si[j]);
            so[j] = clip(si[j], LOG_RHO_LO, LOG_RHO_HI);
        }
        if (!isfinite(si[m]))
            return amor_errorf(err, errlen, AMOR_EINVAL,
                               "qp: context %zu: the state's iteration counter is not finite (%g)",
                               row0 + i, si[m]);
        am_vexp(p->rh + i * m, so, m);
    }
    /* w = rho z - lambda;  r = sigma y - q + A'w;  y~ = K^-1 r;  z~ = A y~ */
    for (i = 0; i < r; i++) {
        const double *z = st + i * S + n, *lam = z + m, *rho = p->rh + i * m;
        for (j = 0; j < m; j++) p->w[i * m + j] = rho[j] * z[j] - lam[j];
    }
    mul_At(p, r, x, p->w, m, p->r);
    for (i = 0; i < r; i++) {
        const double *y = st + i * S, *q = cq(p, x + i * p->nx), *fac;
        double *ri = p->r + i * n;
        for (j = 0; j < n; j++) ri[j] += QP_SIGMA * y[j] - q[j];
        if (get_factor(p, cached ? row0 + i : SIZE_MAX, x + i * p->nx, nt + i * S + n + 2 * m,
                       p->rh + i * m, prev, &fac))
            return amor_errorf(err, errlen, AMOR_ENUMERIC, "qp: context %zu: the KKT matrix P + "
                               "sigma I + A' diag(rho) A is not positive definite in floating "
                               "point (LAPACK dpotrf)", row0 + i);
        am_dpotrs(fac, n, ri, 1); /* before the next row may reuse the scratch slot */
    }
    mul_A(p, r, x, p->r, n, p->zt);
    /* the relaxed updates */
    for (i = 0; i < r; i++) {
        const double *xi = x + i * p->nx, *l = cl(p, xi), *u = cu(p, xi), *rho = p->rh + i * m;
        const double *y = st + i * S, *z = y + n, *lam = z + m, *zt = p->zt + i * m;
        const double *yt = p->r + i * n;
        double *yn = nt + i * S, *zn = yn + n, *ln = zn + m, k = y[n + 3 * m];
        for (j = 0; j < n; j++) yn[j] = QP_RELAX * yt[j] + (1.0 - QP_RELAX) * y[j];
        for (j = 0; j < m; j++) {
            double zr = QP_RELAX * zt[j] + (1.0 - QP_RELAX) * z[j];
            zn[j] = clip(zr + lam[j] / rho[j], l[j], u[j]);
            ln[j] = lam[j] + rho[j] * (zr - zn[j]);
        }
        yn[n + 3 * m] = k + 1.0;
        trig |= interval && floor((k + 1.0) / (double)interval) > floor(k / (double)interval);
    }
    if (trig) { /* OSQP's rule at the new iterate, for the rows whose counter passes a multiple */
        double t[4 * QP_CHUNK];
        term_parts(p, r, x, nt, S, t);
        for (i = 0; i < r; i++) {
            double k = st[i * S + n + 3 * m];
            if (floor((k + 1.0) / (double)interval) > floor(k / (double)interval))
                adapt_row(p, x + i * p->nx, t + 4 * i, nt + i * S + n + 2 * m);
        }
    }
    return AMOR_OK;
}

/* ------------------------------------------------------------------------ */
/* Plugin glue                                                              */

static void qp_destroy(void *inst)
{
    qp *p = inst;
    if (!p) return;
    free(p->P);
    free(p->A);
    free(p->slots);
    free(p->valid);
    free(p->scratch_slot);
    free(p->w);
    free(p->kb);
    free(p->kp);
    free(p->sst);
    free(p);
}

/* One context of the data = random layout: q ~ N(0, 1), l ~ U(l_min,
 * l_max), u ~ U(u_min, u_max), then (when data) M and A row by row, each
 * entry nonzero with probability density and then N(0, 1). */
static void draw_context(const qp *p, amor_rng *rng, double *xi, int data)
{
    size_t k, n = p->n, m = p->m;
    double *l = xi + n, *u = l + m, *d = u + m;
    for (k = 0; k < n; k++) xi[k] = amor_rng_normal(rng);
    for (k = 0; k < m; k++) l[k] = amor_rng_range(rng, p->lmin, p->lmax);
    for (k = 0; k < m; k++) u[k] = amor_rng_range(rng, p->umin, p->umax);
    if (!data) return;
    for (k = 0; k < p->ndata; k++)
        d[k] = amor_rng_uniform(rng) < p->density ? amor_rng_normal(rng) : 0.0;
}

static int qp_create(const amor_value *pv, void **inst, char *err, size_t errlen)
{
    qp *p;
    size_t n = (size_t)pv[P_N].i, m = n * (size_t)pv[P_M_RATIO].i, w = m > n ? m : n;
    size_t pw = qpref_polish_work(n, m), iw = qpref_ipm_work(n, m); /* solve's qpref work */
    double lmin = pv[P_LMIN].r, lmax = pv[P_LMAX].r, umin = pv[P_UMIN].r, umax = pv[P_UMAX].r;
    if (!(pv[P_SHIFT].r > 0))
        return amor_errorf(err, errlen, AMOR_EINVAL, "qp: parameter 'p_shift' must be > 0 (P = "
                           "M M' + p_shift I positive definite, so y* is unique), got %g",
                           pv[P_SHIFT].r);
    if (lmin > lmax || umin > umax)
        return amor_errorf(err, errlen, AMOR_EINVAL, "qp: empty bound range: l_min %g > l_max %g "
                           "or u_min %g > u_max %g", lmin, lmax, umin, umax);
    if (lmax > umin)
        return amor_errorf(err, errlen, AMOR_EINVAL, "qp: infeasible family: l ~ U(%g, %g) can "
                           "exceed u ~ U(%g, %g) (l_max %g > u_min %g)", lmin, lmax, umin, umax,
                           lmax, umin);
    if (lmax > 0 || umin < 0)
        return amor_errorf(err, errlen, AMOR_EINVAL, "qp: the family must keep y = 0 feasible "
                           "(l_max <= 0 <= u_min; otherwise Ay in [l, u] with m > n has no "
                           "solution in general), got l_max %g, u_min %g", lmax, umin);
    if (!(p = calloc(1, sizeof *p)))
        return amor_errorf(err, errlen, AMOR_ENOMEM, "qp: out of memory");
    p->n = n;
    p->m = m;
    p->random = !strcmp(pv[P_DATA].s, "random");
    p->ndata = n * n + m * n;
    p->nx = n + 2 * m + (p->random ? p->ndata : 0);
    p->S = n + 3 * m + 1;
    p->density = pv[P_DENSITY].r;
    p->shift = pv[P_SHIFT].r;
    p->lmin = lmin, p->lmax = lmax, p->umin = umin, p->umax = umax;
    p->log_rho0 = log(pv[P_RHO].r);
    p->interval = (size_t)pv[P_INTERVAL].i;
    p->log_tol = log(pv[P_TOLERANCE].r);
    p->penalty = pv[P_PENALTY].r;
    p->solve_tol = pv[P_SOLVE_TOL].r;
    p->solve_iters = (size_t)pv[P_SOLVE_ITERS].i;
    p->keylen = m + (p->random ? p->ndata : 0);
    p->slotlen = p->keylen + n * n;
    p->cap = (size_t)pv[P_CACHE_MB].i * ((size_t)1 << 20) / (p->slotlen * sizeof(double));
    p->scratch_slot = malloc(p->slotlen * sizeof *p->scratch_slot);
    p->w = malloc(QP_CHUNK * (4 * m + 3 * n) * sizeof *p->w);
    p->kb = malloc(m * n * sizeof *p->kb);
    p->kp = malloc((n * n + w) * sizeof *p->kp);
    p->sst = malloc((3 * p->S + n * n + (pw > iw ? pw : iw)) * sizeof *p->sst);
    if (!p->random) {
        p->P = malloc(n * n * sizeof *p->P);
        p->A = malloc(m * n * sizeof *p->A);
    }
    if (!p->scratch_slot || !p->w || !p->kb || !p->kp || !p->sst ||
        (!p->random && (!p->P || !p->A))) {
        qp_destroy(p);
        return amor_errorf(err, errlen, AMOR_ENOMEM, "qp: out of memory for n %zu, m %zu", n, m);
    }
    p->zt = p->w + QP_CHUNK * m;
    p->ay = p->zt + QP_CHUNK * m;
    p->rh = p->ay + QP_CHUNK * m;
    p->r = p->rh + QP_CHUNK * m;
    p->py = p->r + QP_CHUNK * n;
    p->atl = p->py + QP_CHUNK * n;
    p->tmp = p->kp + n * n;
    p->pf = p->sst + 3 * p->S;
    p->rw = p->pf + n * n;
    if (!p->random) { /* the data of the first context data = random draws with this seed */
        double *x0 = malloc((n + 2 * m + p->ndata) * sizeof *x0);
        amor_rng rng;
        if (!x0) {
            qp_destroy(p);
            return amor_errorf(err, errlen, AMOR_ENOMEM, "qp: out of memory for n %zu, m %zu", n,
                               m);
        }
        amor_rng_seed(&rng, (uint64_t)pv[P_SEED].i);
        draw_context(p, &rng, x0, 1);
        form_P(p->P, x0 + n + 2 * m, n, p->shift);
        memcpy(p->A, x0 + n + 2 * m + n * n, m * n * sizeof *p->A);
        free(x0);
        memcpy(p->pf, p->P, n * n * sizeof *p->pf);
        if (am_dpotrf(p->pf, n)) {
            qp_destroy(p);
            return amor_errorf(err, errlen, AMOR_ENUMERIC, "qp: P = M M' + %g I is not positive "
                               "definite in floating point (LAPACK dpotrf)", pv[P_SHIFT].r);
        }
    }
    *inst = p;
    return AMOR_OK;
}

static void qp_dims(const void *inst, size_t *nx, size_t *ny)
{
    const qp *p = inst;
    *nx = p->nx;
    *ny = p->n;
}

static int qp_sample(void *inst, amor_rng *rng, size_t n, double *x, char *err, size_t errlen)
{
    const qp *p = inst;
    size_t i;
    (void)err;
    (void)errlen;
    for (i = 0; i < n; i++) draw_context(p, rng, x + i * p->nx, p->random);
    return AMOR_OK;
}

/* f = 1/2 y'Py + q'y + w sum_i dist(a_i'y, [l_i, u_i]), grad (when not
 * NULL) = Py + q + w A' sign(violation). */
static int qp_value_grad(void *inst, size_t n, const double *x, const double *y, double *f,
                         double *grad, char *err, size_t errlen)
{
    qp *p = inst;
    size_t r0, i, j, ny = p->n, m = p->m;
    int rc;
    if ((rc = check_bounds(p, n, x, err, errlen))) return rc;
    for (r0 = 0; r0 < n; r0 += QP_CHUNK) {
        size_t r = n - r0 < QP_CHUNK ? n - r0 : QP_CHUNK;
        const double *xs = x + r0 * p->nx, *ys = y + r0 * ny;
        mul_A(p, r, xs, ys, ny, p->ay);
        mul_P(p, r, xs, ys, ny, p->py);
        for (i = 0; i < r; i++) {
            const double *xi = xs + i * p->nx, *q = cq(p, xi), *l = cl(p, xi), *u = cu(p, xi);
            const double *yi = ys + i * ny, *ay = p->ay + i * m;
            double quad = 0.0, viol = 0.0;
            for (j = 0; j < ny; j++) quad += yi[j] * (0.5 * p->py[i * ny + j] + q[j]);
            for (j = 0; j < m; j++) {
                double v = ay[j] < l[j] ? l[j] - ay[j] : ay[j] > u[j] ? ay[j] - u[j] : 0.0;
                viol += v;
                p->w[i * m + j] = ay[j] < l[j] ? -p->penalty : ay[j] > u[j] ? p->penalty : 0.0;
            }
            f[r0 + i] = quad + p->penalty * viol;
        }
        if (!grad) continue;
        mul_At(p, r, xs, p->w, m, grad + r0 * ny);
        for (i = 0; i < r; i++) {
            const double *q = cq(p, xs + i * p->nx);
            for (j = 0; j < ny; j++) grad[(r0 + i) * ny + j] += p->py[i * ny + j] + q[j];
        }
    }
    return AMOR_OK;
}

static int qp_value(void *inst, size_t n, const double *x, const double *y, double *f, char *err,
                    size_t errlen)
{
    return qp_value_grad(inst, n, x, y, f, NULL, err, errlen);
}

/* P v: the penalty is piecewise linear (no curvature off its kinks). */
static int qp_hvp(void *inst, size_t n, const double *x, const double *y, const double *v,
                  double *hv, char *err, size_t errlen)
{
    qp *p = inst;
    size_t r0;
    int rc;
    (void)y;
    if ((rc = check_bounds(p, n, x, err, errlen))) return rc;
    for (r0 = 0; r0 < n; r0 += QP_CHUNK) {
        size_t r = n - r0 < QP_CHUNK ? n - r0 : QP_CHUNK;
        mul_P(p, r, x + r0 * p->nx, v + r0 * p->n, p->n, hv + r0 * p->n);
    }
    return AMOR_OK;
}

static size_t qp_state_dim(const void *inst) { return ((const qp *)inst)->S; }

/* (y, z = clip(Ay, l, u), lambda = 0, log rho = log rho0 (+ log 1e3 on
 * equality rows), k = 0). */
static void init_block(qp *p, size_t r, const double *x, const double *y, size_t ldy,
                       double *st)
{
    size_t i, j, n = p->n, m = p->m, S = p->S;
    mul_A(p, r, x, y, ldy, p->ay);
    for (i = 0; i < r; i++) {
        const double *xi = x + i * p->nx, *l = cl(p, xi), *u = cu(p, xi);
        double *si = st + i * S;
        memmove(si, y + i * ldy, n * sizeof *si);
        for (j = 0; j < m; j++) {
            si[n + j] = clip(p->ay[i * m + j], l[j], u[j]);
            si[n + m + j] = 0.0;
            si[n + 2 * m + j] = p->log_rho0 + (is_eq(l[j], u[j]) ? log(QP_RHO_EQ) : 0.0);
        }
        si[n + 3 * m] = 0.0;
    }
}

static int qp_solver_init(void *inst, size_t n, const double *x, const double *y, double *state,
                          char *err, size_t errlen)
{
    qp *p = inst;
    size_t r0;
    int rc;
    if ((rc = check_bounds(p, n, x, err, errlen))) return rc;
    for (r0 = 0; r0 < n; r0 += QP_CHUNK) {
        size_t r = n - r0 < QP_CHUNK ? n - r0 : QP_CHUNK;
        init_block(p, r, x + r0 * p->nx, y + r0 * p->n, p->n, state + r0 * p->S);
    }
    return AMOR_OK;
}

static int qp_solver_step(void *inst, size_t n, const double *x, const double *state,
                          double *next, char *err, size_t errlen)
{
    qp *p = inst;
    size_t r0;
    double *prev = NULL;
    int rc;
    if ((rc = check_bounds(p, n, x, err, errlen))) return rc;
    if (grow_cache(p, n)) return amor_errorf(err, errlen, AMOR_ENOMEM, "qp: out of memory");
    for (r0 = 0; r0 < n; r0 += QP_CHUNK) {
        size_t r = n - r0 < QP_CHUNK ? n - r0 : QP_CHUNK;
        if ((rc = step_block(p, r, r0, 1, x + r0 * p->nx, state + r0 * p->S, next + r0 * p->S,
                             p->interval, &prev, err, errlen)))
            return rc;
    }
    return AMOR_OK;
}

static int qp_residual(void *inst, size_t n, const double *x, const double *state, double *res,
                       char *err, size_t errlen)
{
    qp *p = inst;
    size_t r0, i;
    double t[4 * QP_CHUNK];
    int rc;
    if ((rc = check_bounds(p, n, x, err, errlen))) return rc;
    for (r0 = 0; r0 < n; r0 += QP_CHUNK) {
        size_t r = n - r0 < QP_CHUNK ? n - r0 : QP_CHUNK;
        term_parts(p, r, x + r0 * p->nx, state + r0 * p->S, p->S, t);
        for (i = 0; i < r; i++) res[r0 + i] = scaled_residual(t + 4 * i);
    }
    return AMOR_OK;
}

/* qpref's methods stop on solve's own test: scaled_residual at a point v =
 * (y, z, lambda) of context xi. */
typedef struct point_ctx {
    qp *p;
    const double *xi;
} point_ctx;

static double point_residual(void *ctx, const double *v)
{
    const point_ctx *c = ctx;
    double parts[4];
    term_parts(c->p, 1, c->xi, v, c->p->S, parts);
    return scaled_residual(parts);
}

/* qpref_polish of state st into out (S); data = random: P's factor formed here */
static int polish(qp *p, point_ctx *c, const double *st, double *out)
{
    const double *xi = c->xi;
    if (p->random) {
        form_P(p->pf, cM(p, xi), p->n, p->shift);
        if (am_dpotrf(p->pf, p->n)) return 0;
    }
    return qpref_polish(out, st + p->n, st + p->n + p->m, p->pf, cq(p, xi), cA(p, xi), cl(p, xi),
                        cu(p, xi), p->n, p->m, point_residual, c, p->solve_tol, p->rw);
}

/* ADMM from y = 0, one context at a time (its result does not depend on
 * the batch), with OSQP's rule every QP_SOLVE_INTERVAL iterations whatever
 * adaptive_rho_interval says, polished (qpref_polish) once the residual is
 * below 1e-3, at every further factor of 10 and every QP_POLISH_EVERY
 * iterations, until a polished point passes or ADMM itself reaches
 * solve_tol; after solve_iters iterations the interior-point method
 * (qpref_ipm) instead, polished if it stops short; else refused. */
static int qp_solve(void *inst, size_t n, const double *x, double *ystar, char *err,
                    size_t errlen)
{
    qp *p = inst;
    size_t i, it;
    int rc;
    if ((rc = check_bounds(p, n, x, err, errlen))) return rc;
    for (i = 0; i < n; i++) {
        const double *xi = x + i * p->nx;
        double *cur = p->sst, *nxt = cur + p->S, *pol = nxt + p->S, *t, res = INFINITY;
        double next_polish = QP_POLISH_FROM;
        size_t last_polish = 0;
        point_ctx c = {p, xi};
        int done = 0;
        memset(ystar + i * p->n, 0, p->n * sizeof *ystar);
        init_block(p, 1, xi, ystar + i * p->n, p->n, cur);
        for (it = 0; it < p->solve_iters; it++) {
            double *prev = NULL;
            if (it % QP_SOLVE_CHECK == 0) {
                if ((done = (res = point_residual(&c, cur)) <= p->solve_tol)) break;
                if (res <= next_polish ||
                    (res <= QP_POLISH_FROM && it - last_polish >= QP_POLISH_EVERY)) {
                    if ((done = polish(p, &c, cur, pol))) {
                        cur = pol;
                        break;
                    }
                    while (next_polish >= res) next_polish /= 10;
                    last_polish = it;
                }
            }
            if ((rc = step_block(p, 1, i, 0, xi, cur, nxt, QP_SOLVE_INTERVAL, &prev, err,
                                 errlen)))
                return rc;
            t = cur, cur = nxt, nxt = t;
        }
        /* the interior-point method; near its end P + A'DA becomes too ill
         * conditioned to factor, but its active set is then plain to polish */
        if (!done) {
            if (p->random) form_P(p->kp, cM(p, xi), p->n, p->shift);
            done = qpref_ipm(cur = pol, p->random ? p->kp : p->P, cq(p, xi), cA(p, xi), cl(p, xi),
                             cu(p, xi), p->n, p->m, point_residual, &c, p->solve_tol, p->rw);
            if (!done && (done = polish(p, &c, pol, nxt))) cur = nxt;
        }
        if (!done)
            return amor_errorf(err, errlen, AMOR_ENUMERIC, "qp: context %zu: neither ADMM "
                               "(residual %.3g after %zu iterations) nor the interior-point "
                               "method reached solve_tol %g", i, res, it, p->solve_tol);
        memcpy(ystar + i * p->n, cur, p->n * sizeof *ystar);
    }
    return AMOR_OK;
}

static const amor_problem_desc qp_desc = {
    .head = AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "qp", "1.1",
                      "convex QP 1/2 y'Py + q'y s.t. l <= Ay <= u (OSQP's Random QP class), x = "
                      "(q, l, u) or all data, OSQP's ADMM steps with adaptive rho, y* by ADMM",
                      qp_params, NUM_P),
    .create = qp_create,
    .destroy = qp_destroy,
    .dims = qp_dims,
    .sample = qp_sample,
    .value = qp_value,
    .value_grad = qp_value_grad,
    .hvp = qp_hvp,
    .solve = qp_solve,
    .state_dim = qp_state_dim,
    .solver_init = qp_solver_init,
    .solver_step = qp_solver_step,
    .residual = qp_residual,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &qp_desc.head : NULL;
}
