/*
 * check_local.c -- the local checks of `amor check` for problems: gradient
 * against finite differences of the value, Hessian-vector products against
 * second differences of the value (never through the gradient, so that a
 * wrong gradient is blamed alone), both for the training and the validation
 * objective (with the kink gate of ck_fd_judge), the projection (idempotent,
 * nearest, its VJP), and the reference solver's optimality (no descent
 * direction at y*, no random point better).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_int.h"

#define TOL_SAME CK_TOL_SAME
/* Relative tolerance of the finite-difference comparisons (see ck_fd_judge). */
#define TOL_FD 1e-6
/* Largest first-order decrease rate allowed at y*, relative to the scale
 * max(1, |f(y*)|, |f(y0) - f(y*)| / |y0 - y*|). */
#define TOL_STATIONARY 1e-6
/* f(y*) may exceed the best random point by this times max(1, |f(y*)|). */
#define TOL_BEST 1e-9
/* FD probes are redrawn at most this many times when they land near a kink. */
#define REDRAWS 4
/* The step of second differences, relative to max(1, |y|_inf): larger than
 * the first differences' 1e-3, as their rounding error grows as 1/h^2. */
#define STEP2 1e-2

/* ------------------------------------------------------------------------ */
/* Finite-difference probes                                                  */

/* PHI_VALUE: g.d against first differences of f along d; PHI_HVP: d'Hd
 * against second differences of f along d; PHI_PROJ: d'J'u against first
 * differences of u'P along d. */
enum { PHI_VALUE, PHI_HVP, PHI_PROJ };

/* m probes: instance idx, point y, direction d, weights u (PHI_PROJ), the
 * objective o, and the judgement r. */
typedef struct probes {
    size_t m;
    size_t *idx;
    double *y, *d, *u, *h, *a, *scale, *phi0;
    ck_fd *r;
    unsigned char *todo;
    const pb_obj *o;
} probes;

static void probes_alloc(probes *q, size_t m, size_t ny)
{
    q->m = m;
    q->idx = ck_alloc(m, sizeof *q->idx);
    q->y = ck_alloc(m * ny, sizeof *q->y);
    q->d = ck_alloc(m * ny, sizeof *q->d);
    q->u = ck_alloc(m * ny, sizeof *q->u);
    q->h = ck_alloc(m, sizeof *q->h);
    q->a = ck_alloc(m, sizeof *q->a);
    q->scale = ck_alloc(m, sizeof *q->scale);
    q->phi0 = ck_alloc(m, sizeof *q->phi0);
    q->r = ck_alloc(m, sizeof *q->r);
    q->todo = ck_alloc(m, 1);
    q->o = NULL;
}

static void probes_free(probes *q)
{
    free(q->idx);
    free(q->y);
    free(q->d);
    free(q->u);
    free(q->h);
    free(q->a);
    free(q->scale);
    free(q->phi0);
    free(q->r);
    free(q->todo);
}

/* A fresh random point for probe k: P(base_i + N(0, max(1, |base_i|)^2 I)),
 * and its step; `shrink` (1, 0.1, ...) makes the step smaller on redraws,
 * where kinks are dense. */
static int probe_point(pb *p, probes *q, int kind, size_t k, double shrink)
{
    size_t i = q->idx[k], ny = p->ny, j;
    double s = fmax(1.0, ck_maxabs(p->base + i * ny, ny));
    for (j = 0; j < ny; j++) q->y[k * ny + j] = p->base[i * ny + j] + s * amor_rng_normal(&p->rng);
    if (pb_project(p, 1, p->x + i * p->nx, q->y + k * ny)) return -1;
    q->h[k] = shrink * ck_fd_step(q->y + k * ny, ny);
    if (kind == PHI_HVP) q->h[k] *= STEP2 / 1e-3;
    return 0;
}

/* Analytic values a and scales of the pending probes. */
static int probes_analytic(pb *p, probes *q, int kind, const size_t *list, size_t cnt)
{
    size_t ny = p->ny, nx = p->nx, t, k;
    double *X = ck_alloc(cnt * nx, sizeof *X), *Y = ck_alloc(cnt * ny, sizeof *Y);
    double *D = ck_alloc(cnt * ny, sizeof *D), *G = ck_alloc(cnt * ny, sizeof *G);
    double *F = ck_alloc(cnt, sizeof *F);
    int rc;
    for (t = 0; t < cnt; t++) {
        k = list[t];
        memcpy(X + t * nx, p->x + q->idx[k] * nx, nx * sizeof *X);
        memcpy(Y + t * ny, q->y + k * ny, ny * sizeof *Y);
        memcpy(D + t * ny, kind == PHI_PROJ ? q->u + k * ny : q->d + k * ny, ny * sizeof *D);
    }
    p->err[0] = 0;
    if (kind == PHI_VALUE) rc = q->o->fg(p->inst, cnt, X, Y, F, G, p->err, sizeof p->err);
    else if (kind == PHI_HVP) rc = q->o->hv(p->inst, cnt, X, Y, D, G, p->err, sizeof p->err);
    else rc = p->d->project_vjp(p->inst, cnt, X, Y, D, G, p->err, sizeof p->err);
    for (t = 0; t < cnt && !rc; t++) {
        k = list[t];
        if (kind == PHI_VALUE) {
            q->a[k] = ck_dot(G + t * ny, q->d + k * ny, ny);
            q->scale[k] = ck_norm(G + t * ny, ny);
        } else if (kind == PHI_HVP) { /* d'Hd */
            q->a[k] = ck_dot(G + t * ny, q->d + k * ny, ny);
            q->scale[k] = ck_norm(G + t * ny, ny) * ck_norm(q->d + k * ny, ny);
        } else { /* d' J'u */
            q->a[k] = ck_dot(G + t * ny, q->d + k * ny, ny);
            q->scale[k] = ck_norm(G + t * ny, ny);
        }
    }
    free(X);
    free(Y);
    free(D);
    free(G);
    free(F);
    return rc;
}

/* phi at the six offsets of every pending probe (and, for PHI_HVP, at 0
 * into q->phi0), in one batched call. */
static int probes_phi(pb *p, probes *q, int kind, const size_t *list, size_t cnt, double *phi)
{
    size_t ny = p->ny, nx = p->nx, per = kind == PHI_HVP ? CK_FD_N + 1 : CK_FD_N;
    size_t rows = cnt * per, t, j, r, k;
    double *X = ck_alloc(rows * nx, sizeof *X), *Y = ck_alloc(rows * ny, sizeof *Y);
    double *F = ck_alloc(rows, sizeof *F);
    int rc;
    for (t = 0; t < cnt; t++) {
        k = list[t];
        for (j = 0; j < per; j++) {
            double off = j < CK_FD_N ? CK_FD_OFF[j] : 0.0;
            r = t * per + j;
            memcpy(X + r * nx, p->x + q->idx[k] * nx, nx * sizeof *X);
            for (size_t e = 0; e < ny; e++)
                Y[r * ny + e] = q->y[k * ny + e] + off * q->h[k] * q->d[k * ny + e];
        }
    }
    p->err[0] = 0;
    if (kind == PHI_PROJ) rc = p->d->project(p->inst, rows, X, Y, p->err, sizeof p->err);
    else rc = q->o->f(p->inst, rows, X, Y, F, p->err, sizeof p->err);
    for (t = 0; t < cnt && !rc; t++) {
        k = list[t];
        for (j = 0; j < CK_FD_N; j++) {
            r = t * per + j;
            phi[t * CK_FD_N + j] = kind == PHI_PROJ ? ck_dot(q->u + k * ny, Y + r * ny, ny) : F[r];
        }
        if (kind == PHI_HVP) q->phi0[k] = F[t * per + CK_FD_N];
    }
    free(X);
    free(Y);
    free(F);
    return rc;
}

/* Judge every probe, redrawing the points of those that land near a kink
 * (at most REDRAWS times, each time with a 10 times smaller step, as kinks
 * may be dense), and report the check. */
static void run_probes(pb *p, probes *q, int kind, const char *name, const char *aname,
                       const char *fdname)
{
    ck *c = p->c;
    size_t ny = p->ny, k, cnt, round, redrawn = 0, rough = 0, bad = 0;
    size_t *list = ck_alloc(q->m, sizeof *list);
    double *phi = ck_alloc(q->m * CK_FD_N, sizeof *phi), worst = 0;
    char b[512];
    int failed_call = 0;

    ck_begin(c, name);
    memset(q->todo, 1, q->m);
    for (round = 0; round <= REDRAWS; round++) {
        for (cnt = 0, k = 0; k < q->m; k++)
            if (q->todo[k]) list[cnt++] = k;
        if (!cnt) break;
        if (probes_analytic(p, q, kind, list, cnt) || probes_phi(p, q, kind, list, cnt, phi)) {
            ck_diag(c, "a call failed: %s", pb_err(p));
            failed_call = 1;
            break;
        }
        for (size_t t = 0; t < cnt; t++) {
            k = list[t];
            if (kind == PHI_HVP)
                ck_fd_judge2(&q->r[k], q->a[k], phi + t * CK_FD_N, q->phi0[k], q->h[k], TOL_FD,
                             q->scale[k]);
            else
                ck_fd_judge(&q->r[k], q->a[k], phi + t * CK_FD_N, q->h[k], TOL_FD, q->scale[k]);
            q->todo[k] = !q->r[k].smooth && round < REDRAWS;
            if (q->todo[k]) {
                redrawn++;
                if (probe_point(p, q, kind, k, pow(0.1, (double)(round + 1)))) {
                    ck_diag(c, "project failed: %s", pb_err(p));
                    failed_call = 1;
                }
            }
        }
        if (failed_call) break;
    }
    for (k = 0; k < q->m && !failed_call; k++) {
        ck_fd *r = &q->r[k];
        size_t i = q->idx[k];
        if (!r->smooth) {
            rough++;
            continue;
        }
        if (r->allowed > 0) worst = fmax(worst, r->err / r->allowed);
        if (!r->ok) {
            bad++;
            ck_diag(c, "instance %zu, x = %s, y = %s, direction %s: %s %.10g, %s %.10g "
                       "(step %.3g): error %.3g > allowed %.3g",
                    i, ck_vec(b, 128, p->x + i * p->nx, p->nx), ck_vec(b + 128, 128, q->y + k * ny, ny),
                    ck_vec(b + 256, 128, q->d + k * ny, ny), aname, r->a, fdname, r->fd, q->h[k],
                    r->err, r->allowed);
        }
    }
    if (rough * 4 > q->m) {
        ck_diag(c, "%zu of %zu probes stayed near a kink or jump after %d redraws: f is not "
                   "smooth at the finite-difference scale",
                rough, q->m, REDRAWS);
    }
    ck_note(c, "(%zu probes, %zu redrawn near kinks; worst error %.2g times the allowed, rtol %g)",
            q->m, redrawn, worst, TOL_FD);
    ck_end(c, !failed_call && !bad && rough * 4 <= q->m);
    free(list);
    free(phi);
}

/* Probes: two random unit directions per instance, then coordinate
 * directions (e_k for k < min(ny, 64), instance k mod n).  With weights u
 * (random unit) for PHI_PROJ. */
static int make_probes(pb *p, probes *q, const pb_obj *o, int kind)
{
    size_t n = p->n, ny = p->ny, nc = ny < 64 ? ny : 64, m = 2 * n + nc, k;
    probes_alloc(q, m, ny);
    q->o = o;
    for (k = 0; k < m; k++) {
        q->idx[k] = k < 2 * n ? k / 2 : (k - 2 * n) % n;
        if (k < 2 * n) ck_unit(&p->rng, q->d + k * ny, ny);
        else q->d[k * ny + (k - 2 * n)] = 1.0;
        ck_unit(&p->rng, q->u + k * ny, ny);
        if (probe_point(p, q, kind, k, 1.0)) return -1;
    }
    return 0;
}

pb_obj pb_objective(const pb *p, int valid)
{
    pb_obj o;
    if (valid) {
        o = (pb_obj){"valid_value", "valid_value_grad", "valid_hvp",
                     "valid_value_grad matches finite differences of valid_value",
                     "valid_hvp matches second differences of valid_value", "valid_hvp symmetric",
                     p->d->valid_value, p->d->valid_value_grad, p->d->valid_hvp};
    } else {
        o = (pb_obj){"value", "value_grad", "hvp", "gradient matches finite differences of value",
                     "hvp matches second differences of value", "hvp symmetric", p->d->value,
                     p->d->value_grad, p->d->hvp};
    }
    return o;
}

/* u'Hv = v'Hu: the second differences see only v'Hv, the symmetric part. */
static void check_symmetric(pb *p, const pb_obj *o)
{
    ck *c = p->c;
    size_t n = p->n, ny = p->ny, m = n * ny, i;
    double *y = ck_alloc(m, sizeof *y), *u = ck_alloc(m, sizeof *u), *v = ck_alloc(m, sizeof *v);
    double *hu = ck_alloc(m, sizeof *hu), *hv = ck_alloc(m, sizeof *hv), worst = 0;
    int ok = 1;
    char b[256];
    ck_begin(c, o->sym_check);
    pb_random_points(p, p->base, 1.0, y);
    ck_normal(&p->rng, u, m);
    ck_normal(&p->rng, v, m);
    p->err[0] = 0;
    if (o->hv(p->inst, n, p->x, y, u, hu, p->err, sizeof p->err) ||
        o->hv(p->inst, n, p->x, y, v, hv, p->err, sizeof p->err)) {
        ok = 0;
        ck_diag(c, "%s failed: %s", o->hvp, pb_err(p));
    }
    for (i = 0; i < n && ok; i++) {
        double a = ck_dot(u + i * ny, hv + i * ny, ny), b2 = ck_dot(v + i * ny, hu + i * ny, ny);
        double tol = TOL_SAME * 100 * (ck_norm(u + i * ny, ny) * ck_norm(hv + i * ny, ny) +
                                       ck_norm(v + i * ny, ny) * ck_norm(hu + i * ny, ny));
        if (tol > 0) worst = fmax(worst, fabs(a - b2) / tol);
        if (!(fabs(a - b2) <= tol)) {
            ok = 0;
            ck_diag(c, "instance %zu, y = %s: u'Hv = %.12g but v'Hu = %.12g (allowed difference %.3g)",
                    i, ck_vec(b, sizeof b, y + i * ny, ny), a, b2, tol);
        }
    }
    ck_note(c, "(n = %zu pairs; worst difference %.2g times the allowed, rtol %g)", n, worst,
            TOL_SAME * 100);
    ck_end(c, ok);
    free(y);
    free(u);
    free(v);
    free(hu);
    free(hv);
}

void pb_check_derivatives(pb *p, const pb_obj *o)
{
    probes q;
    char fdname[64];
    if (!o->fg) {
        ck_skip(p->c, o->grad_check, "no %s", o->value_grad);
    } else {
        if (make_probes(p, &q, o, PHI_VALUE))
            ck_report(p->c, o->grad_check, 0, "project failed: %s", pb_err(p));
        else run_probes(p, &q, PHI_VALUE, o->grad_check, "g.d", "finite differences");
        probes_free(&q);
    }
    if (!o->hv) {
        if (o->fg)
            ck_skip(p->c, o->hvp_check, "no %s (the host uses finite differences of gradients)",
                    o->hvp);
        else
            ck_skip(p->c, o->hvp_check, "no %s", o->hvp);
        ck_skip(p->c, o->sym_check, "no %s", o->hvp);
        return;
    }
    if (!o->fg) {
        ck_report(p->c, o->hvp_check, 0, "%s is given without %s", o->hvp, o->value_grad);
        return;
    }
    /* d'Hd against second differences of f, which do not go through the
     * gradient: a wrong gradient fails its own check, not this one too */
    snprintf(fdname, sizeof fdname, "second differences of %s", o->value);
    if (make_probes(p, &q, o, PHI_HVP))
        ck_report(p->c, o->hvp_check, 0, "project failed: %s", pb_err(p));
    else run_probes(p, &q, PHI_HVP, o->hvp_check, "v'Hv", fdname);
    probes_free(&q);
    check_symmetric(p, o);
}

/* ------------------------------------------------------------------------ */
/* Projection                                                               */

#define NEAR_K 12

void pb_check_projection(pb *p)
{
    ck *c = p->c;
    size_t n = p->n, ny = p->ny, m = n * ny, i, j, k;
    double *z, *pz, *ppz;
    int ok = 1;
    char b[512];
    if (!p->d->project) {
        ck_skip(c, "project: idempotent", "no projection (unconstrained)");
        ck_skip(c, "project: nearest feasible point", "no projection");
        ck_skip(c, "project_vjp matches finite differences of project", "no projection");
        return;
    }
    z = ck_alloc(NEAR_K * m, sizeof *z);
    pz = ck_alloc(NEAR_K * m, sizeof *pz);
    ppz = ck_alloc(NEAR_K * m, sizeof *ppz);
    /* NEAR_K random points per instance, instance-major blocks of n rows */
    {
        double *X = ck_alloc(NEAR_K * n * p->nx, sizeof *X);
        for (k = 0; k < NEAR_K; k++) {
            memcpy(X + k * n * p->nx, p->x, n * p->nx * sizeof *X);
            for (i = 0; i < n; i++) {
                double s = (k % 2 ? 3.0 : 1.0) * fmax(1.0, ck_maxabs(p->base + i * ny, ny));
                for (j = 0; j < ny; j++)
                    z[(k * n + i) * ny + j] = p->base[i * ny + j] + s * amor_rng_normal(&p->rng);
            }
        }
        memcpy(pz, z, NEAR_K * m * sizeof *pz);
        p->err[0] = 0;
        if (p->d->project(p->inst, NEAR_K * n, X, pz, p->err, sizeof p->err)) {
            ok = 0;
        } else {
            memcpy(ppz, pz, NEAR_K * m * sizeof *ppz);
            if (p->d->project(p->inst, NEAR_K * n, X, ppz, p->err, sizeof p->err)) ok = 0;
        }
        free(X);
    }
    ck_begin(c, "project: idempotent");
    if (!ok) ck_diag(c, "project failed: %s", pb_err(p));
    for (k = 0; k < NEAR_K * n && ok; k++) {
        long e = ck_mismatch(pz + k * ny, ppz + k * ny, ny, TOL_SAME);
        if (!ck_all_finite(pz + k * ny, ny)) {
            ok = 0;
            ck_diag(c, "P(y) not finite for y = %s", ck_vec(b, 256, z + k * ny, ny));
        } else if (e >= 0) {
            ok = 0;
            ck_diag(c, "instance %zu, y = %s: P(y) = %s but P(P(y)) = %s (relative tolerance %g)",
                    k % n, ck_vec(b, 128, z + k * ny, ny), ck_vec(b + 128, 128, pz + k * ny, ny),
                    ck_vec(b + 256, 128, ppz + k * ny, ny), TOL_SAME);
        }
    }
    ck_note(c, "(%zu points; P(P(y)) = P(y), relative tolerance %g)", NEAR_K * n, TOL_SAME);
    if (!ck_end(c, ok)) {
        ck_skip(c, "project: nearest feasible point", "projection not idempotent");
    } else {
        /* |z - P(z)| <= |z - P(z')| for the other feasible points P(z') of the
         * same context: a metric projection picks the nearest point */
        ck_begin(c, "project: nearest feasible point");
        for (i = 0; i < n; i++)
            for (k = 0; k < NEAR_K; k++) {
                const double *zk = z + (k * n + i) * ny, *pk = pz + (k * n + i) * ny;
                double dk = 0, tol;
                for (j = 0; j < ny; j++) dk += (zk[j] - pk[j]) * (zk[j] - pk[j]);
                dk = sqrt(dk);
                tol = TOL_SAME * (1 + ck_norm(zk, ny));
                for (size_t l = 0; l < NEAR_K; l++) {
                    const double *pl = pz + (l * n + i) * ny;
                    double dl = 0;
                    for (j = 0; j < ny; j++) dl += (zk[j] - pl[j]) * (zk[j] - pl[j]);
                    dl = sqrt(dl);
                    if (!(dk <= dl + tol)) {
                        ok = 0;
                        ck_diag(c, "instance %zu, y = %s: |y - P(y)| = %.10g but the feasible "
                                   "point %s is closer (%.10g)",
                                i, ck_vec(b, 256, zk, ny), dk, ck_vec(b + 256, 256, pl, ny), dl);
                    }
                }
                if (p->ys) {
                    const double *yi = p->ys + i * ny;
                    double dl = 0;
                    for (j = 0; j < ny; j++) dl += (zk[j] - yi[j]) * (zk[j] - yi[j]);
                    dl = sqrt(dl);
                    if (!(dk <= dl + tol)) {
                        ok = 0;
                        ck_diag(c, "instance %zu, y = %s: |y - P(y)| = %.10g but y* = %s is "
                                   "closer (%.10g)",
                                i, ck_vec(b, 256, zk, ny), dk, ck_vec(b + 256, 256, yi, ny), dl);
                    }
                }
            }
        ck_note(c, "(%d points per context, each against the others%s)", NEAR_K,
                p->ys ? " and y*" : "");
        ck_end(c, ok);
    }
    free(z);
    free(pz);
    free(ppz);
    if (!p->d->project_vjp) {
        ck_skip(c, "project_vjp matches finite differences of project", "no project_vjp");
        return;
    }
    {
        probes q;
        /* the vjp is taken at unprojected points: probe from raw ones */
        size_t nc = ny < 64 ? ny : 64, mm = 2 * n + nc;
        probes_alloc(&q, mm, ny);
        for (k = 0; k < mm; k++) {
            q.idx[k] = k < 2 * n ? k / 2 : (k - 2 * n) % n;
            if (k < 2 * n) ck_unit(&p->rng, q.d + k * ny, ny);
            else q.d[k * ny + (k - 2 * n)] = 1.0;
            ck_unit(&p->rng, q.u + k * ny, ny);
            probe_point(p, &q, PHI_PROJ, k, 1.0);
            for (j = 0; j < ny; j++) q.y[k * ny + j] += 0.5 * amor_rng_normal(&p->rng);
            q.h[k] = ck_fd_step(q.y + k * ny, ny);
        }
        run_probes(p, &q, PHI_PROJ, "project_vjp matches finite differences of project",
                   "d'J'u", "finite differences of u'P");
        probes_free(&q);
    }
}

/* ------------------------------------------------------------------------ */
/* The reference solver                                                     */

#define STAT_RANDOM 8   /* random directions besides the coordinate ones */
#define STAT_COORDS 32  /* coordinate directions +-e_k, k < min(ny, 32) */
#define BEST_POINTS 64  /* random points per context */

void pb_check_solver(pb *p)
{
    ck *c = p->c;
    size_t n = p->n, ny = p->ny, nx = p->nx, i, j, k;
    size_t nc = ny < STAT_COORDS ? ny : STAT_COORDS, nd = 2 * nc + 2 * STAT_RANDOM;
    double *fs, *f0, *X, *Y, *F, *g = NULL;
    int ok = 1, rc;
    char b[512];
    if (!p->ys) {
        ck_skip(c, "solve: no descent direction at y*", "%s",
                p->d->solve ? "solve failed above" : "no reference solver");
        ck_skip(c, "solve: no random point is better than y*", "%s",
                p->d->solve ? "solve failed above" : "no reference solver");
        return;
    }
    fs = ck_alloc(n, sizeof *fs);
    f0 = ck_alloc(n, sizeof *f0);
    X = ck_alloc(n * (nd > BEST_POINTS ? nd : BEST_POINTS) * nx, sizeof *X);
    Y = ck_alloc(n * (nd > BEST_POINTS ? nd : BEST_POINTS) * ny, sizeof *Y);
    F = ck_alloc(n * (nd > BEST_POINTS ? nd : BEST_POINTS), sizeof *F);
    p->err[0] = 0;
    rc = p->d->value(p->inst, n, p->x, p->ys, fs, p->err, sizeof p->err) ||
         p->d->value(p->inst, n, p->x, p->y0, f0, p->err, sizeof p->err);

    /* Stationarity as "no descent direction": for unit d among +-e_k and
     * random directions, the decrease rate (f(y*) - f(y')) / |y' - y*| with
     * y' = P(y* + h d), h = 1e-4 max(1, |y*|_inf), is at most
     * TOL_STATIONARY * scale.  For smooth f this bounds the (projected)
     * gradient's entries; unlike |grad f(y*)| it also holds at kinks (lasso's
     * zero coordinates, where the gradient is not small but every direction
     * goes up). */
    ck_begin(c, "solve: no descent direction at y*");
    if (rc) {
        ok = 0;
        ck_diag(c, "value failed: %s", pb_err(p));
    } else {
        double *dirs = ck_alloc(nd * ny, sizeof *dirs), worst = 0;
        for (k = 0; k < nc; k++) {
            dirs[(2 * k) * ny + k] = 1.0;
            dirs[(2 * k + 1) * ny + k] = -1.0;
        }
        for (k = 2 * nc; k < nd; k += 2) {
            ck_unit(&p->rng, dirs + k * ny, ny);
            for (j = 0; j < ny; j++) dirs[(k + 1) * ny + j] = -dirs[k * ny + j];
        }
        for (i = 0; i < n; i++) {
            const double *yi = p->ys + i * ny;
            double h = 1e-4 * fmax(1.0, ck_maxabs(yi, ny));
            for (k = 0; k < nd; k++) {
                memcpy(X + (i * nd + k) * nx, p->x + i * nx, nx * sizeof *X);
                for (j = 0; j < ny; j++) Y[(i * nd + k) * ny + j] = yi[j] + h * dirs[k * ny + j];
            }
        }
        p->err[0] = 0;
        if ((p->d->project && p->d->project(p->inst, n * nd, X, Y, p->err, sizeof p->err)) ||
            p->d->value(p->inst, n * nd, X, Y, F, p->err, sizeof p->err)) {
            ok = 0;
            ck_diag(c, "value/project failed: %s", pb_err(p));
        }
        if (ok && p->d->value_grad) {
            double *f1 = ck_alloc(n, sizeof *f1);
            g = ck_alloc(n * ny, sizeof *g);
            if (p->d->value_grad(p->inst, n, p->x, p->ys, f1, g, p->err, sizeof p->err)) {
                free(g);
                g = NULL;
            }
            free(f1);
        }
        for (i = 0; i < n && ok; i++) {
            const double *yi = p->ys + i * ny;
            double dist0 = 0, scale, tol, rate_max = -INFINITY;
            size_t kmax = 0;
            for (j = 0; j < ny; j++) dist0 += (p->y0[i * ny + j] - yi[j]) * (p->y0[i * ny + j] - yi[j]);
            dist0 = sqrt(dist0);
            scale = fmax(1.0, fabs(fs[i]));
            if (dist0 > 0) scale = fmax(scale, fabs(f0[i] - fs[i]) / dist0);
            tol = TOL_STATIONARY * scale;
            for (k = 0; k < nd; k++) {
                const double *yk = Y + (i * nd + k) * ny;
                double step = 0, rate;
                for (j = 0; j < ny; j++) step += (yk[j] - yi[j]) * (yk[j] - yi[j]);
                step = sqrt(step);
                if (!(step > 0)) continue; /* the projection undid the step */
                rate = (fs[i] - F[i * nd + k]) / step;
                if (!(rate <= rate_max)) rate_max = rate, kmax = k;
            }
            if (tol > 0 && isfinite(rate_max)) worst = fmax(worst, rate_max / tol);
            if (!(rate_max <= tol)) {
                ok = 0;
                ck_diag(c, "instance %zu, x = %s, y* = %s: f decreases at rate %.4g along %s "
                           "(f(y*) = %.12g), allowed %.3g%s%s",
                        i, ck_vec(b, 128, p->x + i * nx, nx), ck_vec(b + 128, 128, yi, ny), rate_max,
                        kmax < 2 * nc ? (kmax % 2 ? "-e_k" : "+e_k") : "a random direction",
                        fs[i], tol, g ? "; gradient at y* " : "",
                        g ? ck_vec(b + 256, 256, g + i * ny, ny) : "");
                if (kmax < 2 * nc) ck_diag(c, "  (k = %zu)", kmax / 2);
            }
        }
        ck_note(c, "(%zu directions per context; worst rate %.2g times the allowed, tolerance %g x "
                   "max(1, |f(y*)|, slope from the initial point))",
                nd, worst, TOL_STATIONARY);
        free(dirs);
    }
    ck_end(c, ok);
    free(g);

    /* f(y*) <= min over random points + TOL_BEST max(1, |f(y*)|); points
     * P(y* + s N(0, I)) with s cycling through 1e-3 .. 3 times max(1,
     * |y*|_inf), and P(y0 + N(0, I)). */
    ok = !rc;
    ck_begin(c, "solve: no random point is better than y*");
    if (rc) {
        ck_diag(c, "value failed: %s", pb_err(p));
    } else {
        static const double sig[5] = {1e-3, 1e-2, 0.1, 1.0, 3.0};
        for (i = 0; i < n; i++) {
            const double *yi = p->ys + i * ny;
            for (k = 0; k < BEST_POINTS; k++) {
                const double *c0 = k % 6 == 5 ? p->y0 + i * ny : yi;
                double s = (k % 6 == 5 ? 1.0 : sig[k % 6]) * fmax(1.0, ck_maxabs(c0, ny));
                memcpy(X + (i * BEST_POINTS + k) * nx, p->x + i * nx, nx * sizeof *X);
                for (j = 0; j < ny; j++)
                    Y[(i * BEST_POINTS + k) * ny + j] = c0[j] + s * amor_rng_normal(&p->rng);
            }
        }
        p->err[0] = 0;
        if ((p->d->project && p->d->project(p->inst, n * BEST_POINTS, X, Y, p->err, sizeof p->err)) ||
            p->d->value(p->inst, n * BEST_POINTS, X, Y, F, p->err, sizeof p->err)) {
            ok = 0;
            ck_diag(c, "value/project failed: %s", pb_err(p));
        }
        for (i = 0; i < n && ok; i++) {
            size_t best = 0;
            double tol = TOL_BEST * fmax(1.0, fabs(fs[i]));
            for (k = 1; k < BEST_POINTS; k++)
                if (F[i * BEST_POINTS + k] < F[i * BEST_POINTS + best]) best = k;
            if (!(fs[i] <= F[i * BEST_POINTS + best] + tol)) {
                ok = 0;
                ck_diag(c, "instance %zu, x = %s: f(y*) = %.12g at y* = %s, but f = %.12g at %s "
                           "(allowed excess %.3g)",
                        i, ck_vec(b, 128, p->x + i * nx, nx), fs[i],
                        ck_vec(b + 128, 128, p->ys + i * ny, ny), F[i * BEST_POINTS + best],
                        ck_vec(b + 256, 256, Y + (i * BEST_POINTS + best) * ny, ny), tol);
            }
        }
        ck_note(c, "(%d random points per context, from 1e-3 to 3 around y* and around the "
                   "initial point)",
                BEST_POINTS);
    }
    ck_end(c, ok);
    free(fs);
    free(f0);
    free(X);
    free(Y);
    free(F);
}
