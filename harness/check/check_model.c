/*
 * check_model.c -- `amor check` for models (losses: check_loss.c), run against a
 * problem (--problem, default quadratic) through an oracle restricted to what
 * the plugin declares it needs: shapes and guards, determinism, batching,
 * the model's VJP and the loss's gradient against finite differences, and
 * create/destroy leaks.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cell.h"
#include "check_int.h"

/* Relative tolerance of repeated / re-batched computations. */
#define TOL_SAME 1e-10
/* Relative tolerance of the finite-difference comparisons (ck_fd_judge). */
#define TOL_FD 1e-6
/* ... when a gradient-taking model meets a problem without hvp: backward
 * then goes through the host's finite-difference HVP. */
#define TOL_FD_FDHVP 1e-4
/* Solver steps of the solver_policy checks. */
#ifndef POLICY_STEPS
#define POLICY_STEPS 12
#endif
/* Probes near a kink are redrawn up to this many times. */
#define REDRAWS 4

const char *ck_ws(const char *err) { return err[0] ? err : "(no message)"; }

/* ------------------------------------------------------------------------ */
/* Models                                                                   */

typedef struct mc {
    ck *c;
    const amor_model_desc *d;
    uint32_t needs;     /* with the checked parameters */
    ck_problem pr;
    amor_oracle oracle; /* the host's model view, restricted to needs */
    amor_env env;
    void *inst;
    size_t n, nx, ny, T, np, wsz;
    double *x;     /* (n, nx): the visible part of xf */
    double *xf;    /* (n, pr.nx): whole contexts */
    double *theta; /* (np) */
    void *ws;      /* workspace_size(n) + guard */
    amor_rng rng;
    char err[1024];
} mc;

#define WS_GUARD 64
static const unsigned char WS_BYTE = 0xA5;

static void *ws_alloc(size_t bytes)
{
    size_t total = (bytes + WS_GUARD + 63) / 64 * 64;
    unsigned char *p = aligned_alloc(64, total);
    if (!p) {
        printf("Bail out! amor check: out of memory for a %zu-byte workspace\n", bytes);
        fflush(stdout);
        _exit(3);
    }
    memset(p, WS_BYTE, total);
    return p;
}

static int ws_intact(const void *w, size_t bytes)
{
    const unsigned char *p = w;
    size_t k;
    for (k = 0; k < WS_GUARD; k++)
        if (p[bytes + k] != WS_BYTE) return 0;
    return 1;
}

/* iterates (T, n, ny) := forward(theta) on the first n rows of x with its
 * own workspace of n rows. */
static int fwd(mc *m, const double *theta, size_t n, const double *x, double *it, void *w,
               unsigned flags)
{
    m->err[0] = 0;
    return m->d->forward(m->inst, theta, n, x, it, w, flags, m->err, sizeof m->err);
}

static int check_model_forward(mc *m)
{
    ck *c = m->c;
    size_t n = m->n, ny = m->ny, T = m->T, len = T * n * ny, i, t;
    double *it = ck_guarded(len), *it2 = ck_guarded(len), *one = ck_alloc(T * ny, sizeof *one);
    double *xc = ck_alloc(n * m->nx, sizeof *xc), *thc = ck_alloc(m->np, sizeof *thc);
    int ok = 1, det = 1, bat = 1, inp = 1, mode, wsbad = 0;
    char b[256], batmsg[512] = "";
    void *w1 = ws_alloc(m->d->workspace_size(m->inst, 1));
    size_t wsz1 = m->d->workspace_size(m->inst, 1);

    memcpy(xc, m->x, n * m->nx * sizeof *xc);
    memcpy(thc, m->theta, m->np * sizeof *thc);
    ck_begin(c, "forward: writes every iterate and nothing past them");
    ck_note(c, "(T = %zu iterates of n x ny = %zu x %zu, training and evaluation passes)", T, n, ny);
    for (mode = 0; mode < 2 && ok; mode++) {
        unsigned flags = mode ? 0 : AMOR_FORWARD_TRAIN;
        const char *mname = mode ? "evaluation" : "training";
        for (i = 0; i < len; i++) it[i] = NAN;
        if (fwd(m, m->theta, n, m->x, it, m->ws, flags)) {
            ok = 0;
            ck_diag(c, "%s forward failed: %s", mname, ck_ws(m->err));
            break;
        }
        for (t = 0; t < T; t++)
            if (!ck_all_finite(it + t * n * ny, n * ny)) {
                ok = 0;
                ck_diag(c, "%s forward: iterate %zu of %zu not written or not finite: %s", mname,
                        t, T, ck_vec(b, sizeof b, it + t * n * ny, n * ny));
                break;
            }
        if (!ck_guard_intact(it, len)) {
            ok = 0;
            ck_diag(c, "%s forward wrote past the T x n x ny = %zu entries of iterates", mname, len);
        }
        if (!ws_intact(m->ws, m->wsz)) {
            ok = 0;
            ck_diag(c, "%s forward wrote past the %zu bytes workspace_size(%zu) asked for", mname,
                    m->wsz, n);
        }
        /* determinism, batching and inputs in the same two passes */
        for (i = 0; i < len; i++) it2[i] = NAN;
        if (fwd(m, m->theta, n, m->x, it2, m->ws, flags) || memcmp(it, it2, len * sizeof *it)) {
            det = 0;
        }
        for (i = 0; i < n && bat; i++) {
            if (fwd(m, m->theta, 1, m->x + i * m->nx, one, w1, flags)) {
                bat = 0;
                snprintf(batmsg, sizeof batmsg, "%s forward on one instance failed: %s", mname,
                         ck_ws(m->err));
                break;
            }
            if (!ws_intact(w1, wsz1) && !wsbad) {
                ok = 0;
                wsbad = 1;
                ck_diag(c, "forward(n = 1) wrote past workspace_size(1) = %zu bytes", wsz1);
            }
            for (t = 0; t < T; t++) {
                long k = ck_mismatch(it + (t * n + i) * ny, one + t * ny, ny, TOL_SAME);
                if (k >= 0 && bat) {
                    bat = 0;
                    snprintf(batmsg, sizeof batmsg,
                             "%s forward: instance %zu, iterate %zu, entry %ld: %.17g in a batch "
                             "of %zu, %.17g alone",
                             mname, i, t, k, it[(t * n + i) * ny + k], n, one[t * ny + k]);
                }
            }
        }
        if (memcmp(xc, m->x, n * m->nx * sizeof *xc) || memcmp(thc, m->theta, m->np * sizeof *thc))
            inp = 0;
    }
    ck_end(c, ok);
    ck_report(c, "forward: deterministic", det, "two forward passes on the same input differ");
    ck_begin(c, "forward: batched agrees with one instance at a time");
    ck_note(c, "(relative tolerance %g)", TOL_SAME);
    if (!bat) ck_diag(c, "%s", batmsg);
    ck_end(c, bat);
    ck_report(c, "forward: leaves theta and x unchanged", inp, "forward modified theta or x");
    free(it);
    free(it2);
    free(one);
    free(xc);
    free(thc);
    free(w1);
    return ok;
}

/* phi(theta) = <w, iterates(theta)> for the VJP check. */
static int vjp_phi(mc *m, const double *theta, const double *w, double *it, double *phi)
{
    size_t len = m->T * m->n * m->ny;
    if (fwd(m, theta, m->n, m->x, it, m->ws, AMOR_FORWARD_TRAIN)) return -1;
    *phi = ck_dot(w, it, len);
    return 0;
}

static void check_model_vjp(mc *m)
{
    ck *c = m->c;
    size_t n = m->n, ny = m->ny, T = m->T, np = m->np, len = T * n * ny, k, j, r;
    size_t ndir = 6, ncoord = np < 32 ? np : 32, nprobe = ndir + ncoord;
    double *w = ck_alloc(len, sizeof *w), *wc = ck_alloc(len, sizeof *wc);
    double *it = ck_alloc(len, sizeof *it), *g = ck_guarded(np), *g2 = ck_guarded(np);
    double *th = ck_alloc(np, sizeof *th), *d = ck_alloc(np, sizeof *d), *c0 = ck_alloc(np, sizeof *c0);
    double rtol = m->pr.oc.fd_hvp && (m->needs & AMOR_NEEDS_GRAD) ? TOL_FD_FDHVP : TOL_FD;
    double worst = 0, phi[CK_FD_N];
    size_t redrawn = 0, rough = 0, bad = 0;
    int ok = 1, acc = 1, det = 1;
    char b[256];

    ck_normal(&m->rng, w, len);
    memcpy(wc, w, len * sizeof *wc);
    for (k = 0; k < np; k++) g[k] = 0;
    if (np == 0 || !m->d->backward) {
        const char *why = np == 0 ? "no parameters"
                                  : "no backward: the model trains by train.estimator = es only";
        ck_skip(c, "backward: VJP matches finite differences of forward", why);
        ck_skip(c, "backward: accumulates into dtheta, deterministic", why);
        goto out;
    }
    ck_begin(c, "backward: VJP matches finite differences of forward");
    if (fwd(m, m->theta, n, m->x, it, m->ws, AMOR_FORWARD_TRAIN) ||
        (m->err[0] = 0, m->d->backward(m->inst, m->theta, n, m->x, w, g, m->ws, m->err, sizeof m->err))) {
        ck_diag(c, "forward/backward failed: %s", ck_ws(m->err));
        ck_end(c, 0);
        goto out;
    }
    if (!ck_guard_intact(g, np)) ok = 0, ck_diag(c, "backward wrote past the %zu entries of dtheta", np);
    if (memcmp(w, wc, len * sizeof *w)) ok = 0, ck_diag(c, "backward modified d_iterates");
    for (r = 0; r < nprobe && ok; r++) {
        size_t round, coord = 0;
        ck_fd f;
        memset(&f, 0, sizeof f);
        if (r < ndir) ck_unit(&m->rng, d, np);
        else {
            memset(d, 0, np * sizeof *d);
            coord = ncoord == np ? r - ndir : (size_t)(amor_rng_uniform(&m->rng) * (double)np);
            d[coord] = 1.0;
        }
        for (round = 0; round <= REDRAWS; round++) {
            /* a 10 times smaller step on each redraw: kinks may be dense */
            double h = pow(0.1, (double)round) * ck_fd_step(m->theta, np), a = ck_dot(g, d, np);
            for (j = 0; j < CK_FD_N; j++) {
                for (k = 0; k < np; k++) th[k] = m->theta[k] + CK_FD_OFF[j] * h * d[k];
                if (vjp_phi(m, th, w, it, &phi[j])) {
                    ck_diag(c, "forward failed: %s", ck_ws(m->err));
                    ok = 0;
                    break;
                }
            }
            if (!ok) break;
            ck_fd_judge(&f, a, phi, h, rtol, ck_norm(g, np));
            if (f.smooth || round == REDRAWS) break;
            /* near a kink (relu, threshold): another theta */
            redrawn++;
            for (k = 0; k < np; k++) m->theta[k] += 0.01 * amor_rng_normal(&m->rng);
            memset(g, 0, np * sizeof *g);
            if (fwd(m, m->theta, n, m->x, it, m->ws, AMOR_FORWARD_TRAIN) ||
                m->d->backward(m->inst, m->theta, n, m->x, w, g, m->ws, m->err, sizeof m->err)) {
                ck_diag(c, "forward/backward failed: %s", ck_ws(m->err));
                ok = 0;
                break;
            }
        }
        if (!ok) break;
        if (!f.smooth) {
            rough++;
            continue;
        }
        if (f.allowed > 0) worst = fmax(worst, f.err / f.allowed);
        if (!f.ok) {
            bad++;
            if (r < ndir)
                ck_diag(c, "random direction %zu over theta (%zu entries): dL/dtheta.d = %.10g, "
                           "finite differences %.10g (step %.3g): error %.3g > allowed %.3g",
                        r, np, f.a, f.fd, f.h, f.err, f.allowed);
            else
                ck_diag(c, "theta[%zu]: dL/dtheta = %.10g, finite differences %.10g (step %.3g): "
                           "error %.3g > allowed %.3g",
                        coord, f.a, f.fd, f.h, f.err, f.allowed);
        }
    }
    if (rough * 4 > nprobe) {
        ok = 0;
        ck_diag(c, "%zu of %zu probes stayed near a kink after %d redraws", rough, nprobe, REDRAWS);
    }
    ck_note(c, "(%zu random directions + %zu coordinates of %zu, random dL/d iterates over T = %zu; "
               "%zu redrawn near kinks; worst error %.2g times the allowed, rtol %g)",
            ndir, ncoord, np, T, redrawn, worst, rtol);
    ck_end(c, ok && !bad);

    /* accumulation: dtheta prefilled with c0 ends as c0 + g; twice the same */
    ck_begin(c, "backward: accumulates into dtheta, deterministic");
    ck_normal(&m->rng, c0, np);
    memset(g, 0, np * sizeof *g);
    memcpy(g2, c0, np * sizeof *g2);
    if (fwd(m, m->theta, n, m->x, it, m->ws, AMOR_FORWARD_TRAIN) ||
        m->d->backward(m->inst, m->theta, n, m->x, w, g, m->ws, m->err, sizeof m->err) ||
        fwd(m, m->theta, n, m->x, it, m->ws, AMOR_FORWARD_TRAIN) ||
        m->d->backward(m->inst, m->theta, n, m->x, w, g2, m->ws, m->err, sizeof m->err)) {
        ck_diag(c, "forward/backward failed: %s", ck_ws(m->err));
        acc = 0;
    } else {
        for (k = 0; k < np; k++)
            if (!(fabs(g2[k] - c0[k] - g[k]) <= TOL_SAME * (1 + fabs(g[k]) + fabs(c0[k])))) {
                acc = 0;
                ck_diag(c, "theta[%zu]: dtheta started at %.10g and should end at %.10g + "
                           "%.10g, got %.10g (backward must add, not overwrite)",
                        k, c0[k], c0[k], g[k], g2[k]);
                break;
            }
        /* determinism: a second gradient from zero equals the first */
        memset(g2, 0, np * sizeof *g2);
        if (!fwd(m, m->theta, n, m->x, it, m->ws, AMOR_FORWARD_TRAIN) &&
            !m->d->backward(m->inst, m->theta, n, m->x, w, g2, m->ws, m->err, sizeof m->err) &&
            memcmp(g, g2, np * sizeof *g)) {
            det = 0;
            ck_diag(c, "two backward passes on the same input differ: %s vs ...",
                    ck_vec(b, sizeof b, g, np));
        }
    }
    ck_end(c, acc && det);
out:
    free(w);
    free(wc);
    free(it);
    free(g);
    free(g2);
    free(th);
    free(d);
    free(c0);
}

typedef struct mleak {
    mc *m;
    double *it; /* (T, n, ny) */
} mleak;

/* States (n, S) after `steps` steps of the problem's solver from y = 0,
 * the model's solver_policy acting after solver_init and after each step
 * (as the host runs it); w is the policy's workspace for n rows. */
static int policy_path(mc *m, size_t n, const double *x, size_t steps, double *st, double *nx_,
                       void *w)
{
    const amor_oracle *o = &m->oracle;
    size_t S = o->state_dim, k;
    double *y0 = ck_alloc(n * m->ny, sizeof *y0);
    int rc;
    m->err[0] = 0;
    rc = o->solver_init(o->ctx, n, x, y0, st);
    free(y0);
    if (!rc) rc = m->d->solver_policy(m->inst, m->theta, n, x, 0, NULL, st, w, m->err, sizeof m->err);
    for (k = 1; k <= steps && !rc; k++) {
        memcpy(nx_, st, n * S * sizeof *st);
        if (!(rc = o->solver_step(o->ctx, n, x, nx_, st)))
            rc = m->d->solver_policy(m->inst, m->theta, n, x, k, nx_, st, w, m->err, sizeof m->err);
    }
    if (rc && !m->err[0]) snprintf(m->err, sizeof m->err, "%s", m->pr.oc.err);
    return rc;
}

/* solver_policy (ABI 1.2): succeeds on the problem's solver states, leaves
 * them finite, is deterministic and agrees batched and one at a time. */
static void check_model_policy(mc *m)
{
    ck *c = m->c;
    const amor_oracle *o = &m->oracle;
    size_t n = m->n, S = o->state_dim, steps = POLICY_STEPS, i;
    long k;
    double *a, *b, *pa, *pb;
    char msg[512] = "";
    void *w1;
    int ok = 1, det = 1, bat = 1;
    if (!m->d->solver_policy) return;
    ck_begin(c, "solver_policy: acts on the problem's solver states, finite");
    if (!o->solver_step || !S) {
        ck_diag(c, "the model has a solver_policy but the oracle has no solver: declare "
                   "AMOR_NEEDS_SOLVER and check against a problem with one (--problem)");
        ck_end(c, 0);
        return;
    }
    ck_note(c, "(%zu solver steps of n = %zu states of %zu, the policy after each)", steps, n, S);
    a = ck_alloc(n * S, sizeof *a), b = ck_alloc(n * S, sizeof *b);
    pa = ck_alloc(n * S, sizeof *pa), pb = ck_alloc(n * S, sizeof *pb);
    w1 = ws_alloc(m->d->workspace_size(m->inst, 1));
    if (policy_path(m, n, m->x, steps, a, pa, m->ws)) {
        ok = 0;
        ck_diag(c, "solver_policy failed: %s", ck_ws(m->err));
    } else if (!ck_all_finite(a, n * S)) {
        ok = 0;
        ck_diag(c, "the states are not finite after %zu steps with the policy", steps);
    } else if (!ws_intact(m->ws, m->wsz)) {
        ok = 0;
        ck_diag(c, "solver_policy wrote past the %zu bytes workspace_size(%zu) asked for", m->wsz, n);
    }
    ck_end(c, ok);
    if (ok) {
        det = !policy_path(m, n, m->x, steps, b, pb, m->ws) && !memcmp(a, b, n * S * sizeof *a);
        for (i = 0; i < n && bat; i++) {
            bat = !policy_path(m, 1, m->x + i * m->nx, steps, b, pb, w1);
            if (bat && (k = ck_mismatch(a + i * S, b, S, TOL_SAME)) >= 0) {
                bat = 0;
                snprintf(msg, sizeof msg, "instance %zu, state entry %ld: %.17g in a batch of "
                         "%zu, %.17g alone", i, k, a[i * S + (size_t)k], n, b[k]);
            } else if (!bat) {
                snprintf(msg, sizeof msg, "instance %zu alone: solver_policy failed: %s", i,
                         ck_ws(m->err));
            }
        }
    }
    ck_report(c, "solver_policy: deterministic", ok && det, "two runs of the policy differ");
    ck_begin(c, "solver_policy: batched agrees with one instance at a time");
    ck_note(c, "(relative tolerance %g)", TOL_SAME);
    if (ok && !bat) ck_diag(c, "%s", msg);
    ck_end(c, ok && bat);
    free(a);
    free(b);
    free(pa);
    free(pb);
    free(w1);
}

/* create, init, one forward, destroy */
static int model_cycle(void *ctx, char *err, size_t errlen)
{
    mleak *l = ctx;
    mc *m = l->m;
    void *inst = NULL;
    amor_rng r;
    int rc;
    if ((rc = m->d->create(m->c->ps.values, &m->env, &inst, err, errlen))) return rc;
    amor_rng_seed(&r, 3);
    if (m->d->num_params(inst) != m->np || m->d->num_iterates(inst) != m->T ||
        m->d->workspace_size(inst, m->n) != m->wsz)
        rc = amor_errorf(err, errlen, AMOR_EINVAL, "sizes changed between instances");
    if (!rc) rc = m->d->init(inst, &r, m->theta, err, errlen);
    if (!rc) rc = m->d->forward(inst, m->theta, m->n, m->x, l->it, m->ws, AMOR_FORWARD_TRAIN, err, errlen);
    m->d->destroy(inst);
    return rc;
}

/* "value, value_grad, hvp, ..." of an oracle, in buf. */
const char *ck_oracle_calls(const amor_oracle *o, char *buf, size_t len)
{
    size_t off = 0;
#define ADD(cond, name)                                                                    \
    do {                                                                                   \
        if ((cond) && off < len)                                                           \
            off += (size_t)snprintf(buf + off, len - off, "%s%s", off ? ", " : "", name);  \
    } while (0)
    buf[0] = 0;
    ADD(o->value, "value");
    ADD(o->value_grad, "value_grad");
    ADD(o->hvp, "hvp");
    ADD(o->project, "project");
    ADD(o->project_vjp, "project_vjp");
    ADD(o->dictionary, "dictionary");
    ADD(o->solver_step, "the solver");
    ADD(o->valid_value, "valid_value");
    ADD(o->valid_value_grad, "valid_value_grad");
#undef ADD
    return buf;
}

void check_model(ck *c)
{
    mc M;
    ck_problem *pr = &M.pr;
    size_t k;
    double *t2;
    int ok;
    char b[256];

    memset(&M, 0, sizeof M);
    M.c = c;
    M.d = (const amor_model_desc *)c->h;
    M.n = c->o->batch;
    M.needs = cell_needs(c->h, c->ps.values);
    amor_rng_seed(&M.rng, c->o->seed);
    if (ck_problem_open(c, pr, M.needs, "create")) return;
    /* models see the visible part of each context (nx_model) */
    M.nx = pr->oc.nxm;
    M.ny = pr->ny;
    M.xf = ck_alloc(M.n * pr->nx, sizeof *M.xf);
    M.x = ck_alloc(M.n * M.nx, sizeof *M.x);
    {
        amor_rng r;
        amor_rng_seed(&r, c->o->seed * 31 + 5);
        if (pr->d->sample(pr->inst, &r, M.n, M.xf, M.err, sizeof M.err)) {
            ck_report(c, "create", 0, "the problem's sample failed: %s", M.err);
            goto out;
        }
        oracle_visible_rows(&pr->oc, M.n, M.xf, M.x);
    }
    /* every forward and backward below takes rows of M.x: the oracle maps
     * them back to M.xf, as the host does */
    oracle_bind(&pr->oc, M.x, M.xf, M.n);
    M.oracle = ck_restricted_oracle(pr, M.needs, 0);
    M.env = (amor_env){sizeof(amor_env), 0, M.nx, M.ny, 0, &M.oracle, pr->nx};
    ck_begin(c, "create");
    if (M.nx < pr->nx)
        ck_note(c, "(against problem %s, nx = %zu visible of %zu, ny = %zu; oracle: %s)",
                pr->d->head.name, M.nx, pr->nx, M.ny, ck_oracle_calls(M.env.oracle, b, sizeof b));
    else
        ck_note(c, "(against problem %s, nx = %zu, ny = %zu; oracle: %s)", pr->d->head.name, M.nx,
                M.ny, ck_oracle_calls(M.env.oracle, b, sizeof b));
    M.err[0] = 0;
    if (M.d->create(c->ps.values, &M.env, &M.inst, M.err, sizeof M.err)) {
        ck_diag(c, "create failed: %s%s%s", ck_ws(M.err), pr->oc.err[0] ? "; oracle: " : "", pr->oc.err);
        ck_end(c, 0);
        goto out;
    }
    ck_end(c, 1);

    M.T = M.d->num_iterates(M.inst);
    M.np = M.d->num_params(M.inst);
    M.wsz = M.d->workspace_size(M.inst, M.n);
    ck_begin(c, "sizes: num_iterates >= 1, num_params, workspace_size");
    ck_note(c, "(T = %zu, %zu parameters, %zu workspace bytes for n = %zu)", M.T, M.np, M.wsz, M.n);
    ok = M.T >= 1 && M.T < 100000 && M.np < ((size_t)1 << 31) && M.wsz < ((size_t)1 << 36);
    if (!ok) ck_diag(c, "T must be >= 1; sizes must be sane (a failed size computation returns SIZE_MAX)");
    if (!ck_end(c, ok)) goto out;

    M.theta = ck_guarded(M.np);
    t2 = ck_guarded(M.np);
    {
        amor_rng r1, r2;
        amor_rng_seed(&r1, c->o->seed * 7 + 3);
        r2 = r1;
        ck_begin(c, "init: deterministic for a given RNG state, finite");
        M.err[0] = 0;
        ok = !M.d->init(M.inst, &r1, M.theta, M.err, sizeof M.err) &&
             !M.d->init(M.inst, &r2, t2, M.err, sizeof M.err);
        if (!ok) ck_diag(c, "init failed: %s", ck_ws(M.err));
        if (ok && memcmp(M.theta, t2, M.np * sizeof *t2)) ok = 0, ck_diag(c, "two inits from the same RNG state differ");
        if (ok && !ck_all_finite(M.theta, M.np)) ok = 0, ck_diag(c, "theta not finite: %s", ck_vec(b, sizeof b, M.theta, M.np));
        if (ok && !ck_guard_intact(M.theta, M.np)) ok = 0, ck_diag(c, "init wrote past num_params entries");
        free(t2);
        if (!ck_end(c, ok)) goto out;
    }
    /* a random theta near the initial one: zero biases and symmetric
     * initializations would hide mistakes */
    for (k = 0; k < M.np; k++) M.theta[k] += 0.05 * amor_rng_normal(&M.rng);
    M.ws = ws_alloc(M.wsz);
    if (check_model_forward(&M)) {
        check_model_vjp(&M);
        check_model_policy(&M);
    }
    M.d->destroy(M.inst);
    M.inst = NULL;
    {
        mleak l = {&M, ck_alloc(M.T * M.n * M.ny, sizeof(double))};
        ck_leaks(c, model_cycle, &l);
        free(l.it);
    }
out:
    if (M.inst) M.d->destroy(M.inst);
    ck_problem_close(pr);
    free(M.x);
    free(M.xf);
    free(M.theta);
    free(M.ws);
}
