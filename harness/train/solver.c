/*
 * solver.c -- from-scratch solver baselines on the held-out contexts: the
 * gradient baselines, and the problem's own method to each tolerance (see
 * solver.h).
 */
#include "solver.h"

#include "anderson.h"
#include "clock.h"

#include "adam.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const solver_kind_names[SOLVER_NKINDS] = {"adam", "gd", "step", "step_warm",
                                                      "anderson", "anderson_warm", "policy"};

/* Append a row; -1 when out of memory (the caller fails the phase: a
 * solver.csv silently short of rows would look like an early stop). */
static int add_row(cell_result *r, solver_row row)
{
    if (r->nsolver == r->capsolver) {
        size_t nc = r->capsolver ? 2 * r->capsolver : 256;
        solver_row *q = realloc(r->solver_rows, nc * sizeof *q);
        if (!q) return -1;
        r->solver_rows = q;
        r->capsolver = nc;
    }
    r->solver_rows[r->nsolver++] = row;
    return 0;
}

static long log_every(const solver_cfg *cfg, long budget)
{
    long every = cfg->log_every > 0 ? cfg->log_every : (budget + 199) / 200;
    return every < 1 ? 1 : every;
}

/* ---- gradient baselines ------------------------------------------------------ */

static int run_one(const solver_job *j, int s, cell_result *r, double *y,
                   double *g, double *f, double *m, double *v, char *err,
                   size_t errlen)
{
    const solver_cfg *cfg = j->cfg;
    size_t n = j->n, len = n * j->ny, i;
    long it, every = log_every(cfg, cfg->iterations);
    am_adam adam = {len, m, v, 0, cfg->lr[s], 0.9, 0.999, 1e-8, 0.0};
    double elapsed = 0, t0, target = j->target;
    if (j->P->initial) {
        if (j->P->initial(j->pi, n, j->x, y, err, errlen)) return -1;
    } else {
        memset(y, 0, len * sizeof *y);
    }
    am_adam_reset(&adam);
    r->solver_ran[s] = 1;
    for (it = 0; it <= cfg->iterations; it++) {
        double mean = 0, sd = 0;
        t0 = clock_now();
        if (j->P->value_grad(j->pi, n, j->x, y, f, g, err, errlen)) return -1;
        elapsed += clock_now() - t0;
        for (i = 0; i < n; i++) mean += f[i];
        mean /= (double)n;
        /* delta is relative to how far the start is from the model, so one
         * value serves every objective's scale (the tutorial's normalized
         * value: model 0, start -1) */
        if (it == 0) target += cfg->match_delta * fabs(mean - j->target);
        if (!r->solver_reached[s] && mean <= target) {
            r->solver_reached[s] = 1;
            r->solver_iters[s] = it;
            r->solver_seconds[s] = elapsed;
        }
        if (it % every == 0 || it == cfg->iterations) {
            for (i = 0; i < n; i++) sd += (f[i] - mean) * (f[i] - mean);
            sd = n > 1 ? sqrt(sd / (double)(n - 1)) : 0;
            if (add_row(r, (solver_row){.solver = s, .iteration = it, .seconds = elapsed,
                                        .objective_mean = mean, .objective_std = sd}))
                return amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
        }
        r->solver_final[s] = mean;
        r->solver_budget_seconds[s] = elapsed;
        if (!isfinite(mean)) break; /* diverged: the rows say so */
        if (it == cfg->iterations) break;
        t0 = clock_now();
        if (s == SOLVER_ADAM) {
            am_adam_step(&adam, y, g);
        } else {
            for (i = 0; i < len; i++) y[i] -= cfg->lr[s] * g[i];
        }
        elapsed += clock_now() - t0;
    }
    return 0;
}

int solver_run(const solver_job *j, cell_result *r, char *err, size_t errlen)
{
    size_t len = j->n * j->ny;
    double *buf = malloc((4 * len + j->n) * sizeof *buf);
    int s, rc = 0;
    if (!buf) return amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
    for (s = 0; s < SOLVER_COUNT && !rc; s++)
        if (j->cfg->use[s])
            rc = run_one(j, s, r, buf, buf + len, buf + 4 * len, buf + 2 * len,
                         buf + 3 * len, err, errlen);
    free(buf);
    return rc;
}

/* ---- iterations to tolerance ------------------------------------------------- */

/* Ascending, NaN last (so a median over contexts some of which diverged is
 * still defined, and qsort's order is a total one). */
static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    if (isnan(x) || isnan(y)) return isnan(x) - isnan(y);
    return x < y ? -1 : x > y;
}

/* Median of v[0..n), n >= 1, sorting v. */
static double median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

#define TOL_PLAIN_COLD TOL_NSTARTS

/* What one run (a method from one start) works with; allocated once. */
typedef struct tol_work {
    size_t S, nt;
    double *state, *next;  /* (n, S) */
    double *y0;            /* (n, ny) */
    double *res;           /* (n) residuals of the current iterate */
    double *scratch;       /* (n) for medians */
    long *hit[TOL_NSTARTS + 1]; /* (n, nt): first iteration below tolerance t, -1 not
                                   yet; [TOL_PLAIN_COLD]: the plain method's cold ones,
                                   kept for the policy's ratios */
    anderson *A;           /* with "anderson" in solver.methods */
} tol_work;

/* The residual row of iteration k (seconds per context so far). */
static int residual_row(const tol_job *j, tol_work *w, cell_result *r, int kind, long k,
                        double elapsed)
{
    size_t i, n = j->n;
    double mean = 0;
    for (i = 0; i < n; i++) mean += w->res[i];
    memcpy(w->scratch, w->res, n * sizeof *w->scratch);
    return add_row(r, (solver_row){.solver = kind, .iteration = k,
                                   .seconds = elapsed / (double)n,
                                   .residual_mean = mean / (double)n,
                                   .residual_median = median(w->scratch, n)});
}

/* Record the contexts whose residual is below a tolerance for the first
 * time at iteration k; returns how many are now below the smallest. */
static size_t record_hits(const tol_job *j, tol_work *w, long *hit, long k)
{
    size_t i, t, nt = w->nt, done = 0;
    for (i = 0; i < j->n; i++) {
        for (t = 0; t < nt; t++)
            if (hit[i * nt + t] < 0 && w->res[i] < j->eval->tolerances[t]) hit[i * nt + t] = k;
        done += hit[i * nt + nt - 1] >= 0;
    }
    return done;
}

/* One method from one start: the hits, the residual rows, and the seconds
 * per iteration per context. */
static int tol_run(const tol_job *j, tol_work *w, int method, int start, cell_result *r,
                   double *iter_seconds, char *err, size_t errlen)
{
    const amor_problem_desc *P = j->P;
    size_t n = j->n, ny = j->ny, i;
    long k = 0, budget = j->eval->max_iterations, every = log_every(j->cfg, budget);
    long *hit = w->hit[start];
    int kind = method == TOL_POLICY ? SOLVER_POLICY
               : (method == TOL_STEP ? SOLVER_STEP : SOLVER_ANDERSON) + start, rc;
    double elapsed = 0, t0;
    size_t done;
    anderson_map map = {j->pi, j->nx, j->x, P->solver_step, P->residual};
    if (start == TOL_WARM) memcpy(w->y0, j->yhat, n * ny * sizeof *w->y0);
    else if (P->initial) {
        if ((rc = P->initial(j->pi, n, j->x, w->y0, err, errlen))) return rc;
    } else
        memset(w->y0, 0, n * ny * sizeof *w->y0);
    t0 = clock_now();
    if ((rc = P->solver_init(j->pi, n, j->x, w->y0, w->state, err, errlen)) ||
        (method == TOL_POLICY && (rc = j->policy(j->policy_ctx, 0, NULL, w->state, err, errlen))) ||
        (rc = P->residual(j->pi, n, j->x, w->state, w->res, err, errlen)))
        return rc;
    if (method == TOL_POLICY) elapsed += clock_now() - t0; /* the policy's first act */
    if (w->A) anderson_reset(w->A);
    for (i = 0; i < n * w->nt; i++) hit[i] = -1;
    done = record_hits(j, w, hit, 0);
    if (residual_row(j, w, r, kind, 0, 0))
        return amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
    while (done < n && k < budget) {
        t0 = clock_now();
        if (method == TOL_ANDERSON) {
            rc = anderson_iterate(w->A, &map, w->state, w->res, err, errlen);
        } else if (!(rc = P->solver_step(j->pi, n, j->x, w->state, w->next, err, errlen))) {
            double *t = w->state;
            w->state = w->next;
            w->next = t;
            if (method == TOL_POLICY)
                rc = j->policy(j->policy_ctx, (size_t)k + 1, w->next, w->state, err, errlen);
            if (!rc) rc = P->residual(j->pi, n, j->x, w->state, w->res, err, errlen);
        }
        elapsed += clock_now() - t0;
        if (rc) return rc;
        k++;
        done = record_hits(j, w, hit, k);
        if ((k % every == 0 || done == n || k == budget) &&
            residual_row(j, w, r, kind, k, elapsed))
            return amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
    }
    *iter_seconds = k ? elapsed / ((double)k * (double)n) : 0;
    return 0;
}

/* The statistics of tolerance t from the hits of a method's two starts. */
static void tol_summary(const tol_job *j, tol_work *w, int method, size_t t, cell_result *r)
{
    size_t i, n = j->n, nt = w->nt;
    long budget = j->eval->max_iterations;
    double count[TOL_NSTARTS];
    int st;
    for (st = 0; st < TOL_NSTARTS; st++) {
        tol_stats *s = &r->tol_st[t][method][st];
        if (method == TOL_POLICY && st == TOL_WARM) break; /* cold only */
        double sum = 0;
        s->unconverged = 0;
        for (i = 0; i < n; i++) {
            long h = w->hit[st][i * nt + t];
            s->unconverged += h < 0;
            w->scratch[i] = (double)(h < 0 ? budget : h);
            sum += w->scratch[i];
        }
        s->iters_mean = sum / (double)n;
        s->iters_median = median(w->scratch, n);
        s->seconds_mean = s->iters_mean * r->tol_iter_seconds[method][st];
        count[st] = s->iters_mean;
    }
    if (method == TOL_POLICY) { /* the plain method's cold count over the policy's */
        count[TOL_WARM] = count[TOL_COLD];
        count[TOL_COLD] = r->tol_st[t][TOL_STEP][TOL_COLD].iters_mean;
    }
    r->tol_ratio[t][method] = count[TOL_WARM] > 0 ? count[TOL_COLD] / count[TOL_WARM] : NAN;
    for (i = 0; i < n; i++) {
        long c = w->hit[method == TOL_POLICY ? TOL_PLAIN_COLD : TOL_COLD][i * nt + t],
             h = w->hit[method == TOL_POLICY ? TOL_COLD : TOL_WARM][i * nt + t];
        c = c < 0 ? budget : c;
        h = h < 0 ? budget : h;
        w->scratch[i] = (double)(c > 1 ? c : 1) / (double)(h > 1 ? h : 1);
    }
    r->tol_ratio_median[t][method] = median(w->scratch, n);
}

int solver_tolerances(const tol_job *j, cell_result *r, char *err, size_t errlen)
{
    const amor_problem_desc *P = j->P;
    size_t n = j->n, ny = j->ny, nt = j->eval->ntolerances, t;
    tol_work w;
    double *block;
    int method, st, rc = 0;
    memset(&w, 0, sizeof w);
    w.nt = nt;
    w.S = P->state_dim(j->pi);
    if (w.S < ny)
        return amor_errorf(err, errlen, AMOR_EINVAL, "problem '%s': state_dim %zu is less than "
                           "ny = %zu", P->head.name, w.S, ny);
    block = malloc((2 * n * w.S + n * ny + 2 * n) * sizeof *block);
    w.hit[TOL_COLD] = malloc(3 * n * nt * sizeof(long));
    if (!block || !w.hit[TOL_COLD]) {
        free(block);
        free(w.hit[TOL_COLD]);
        return amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
    }
    w.hit[TOL_WARM] = w.hit[TOL_COLD] + n * nt;
    w.hit[TOL_PLAIN_COLD] = w.hit[TOL_WARM] + n * nt;
    w.state = block;
    w.next = w.state + n * w.S;
    w.y0 = w.next + n * w.S;
    w.res = w.y0 + n * ny;
    w.scratch = w.res + n;
    if (j->cfg->anderson) {
        anderson_cfg ac = {(size_t)j->cfg->anderson_memory, j->cfg->anderson_beta,
                           j->cfg->anderson_reg, j->cfg->anderson_safeguard};
        rc = anderson_new(&w.A, n, w.S, j->nx, &ac, err, errlen);
    }
    memcpy(r->tol, j->eval->tolerances, nt * sizeof *r->tol);
    r->tol_budget = j->eval->max_iterations;
    for (method = 0; method < TOL_NMETHODS && !rc; method++) {
        if ((method == TOL_ANDERSON && !w.A) || (method == TOL_POLICY && !j->policy)) continue;
        for (st = 0; st < (method == TOL_POLICY ? 1 : TOL_NSTARTS) && !rc; st++)
            rc = tol_run(j, &w, method, st, r, &r->tol_iter_seconds[method][st], err, errlen);
        if (rc) break;
        if (method == TOL_STEP)
            memcpy(w.hit[TOL_PLAIN_COLD], w.hit[TOL_COLD], n * nt * sizeof(long));
        r->tol_ran[method] = 1;
        for (t = 0; t < nt; t++) tol_summary(j, &w, method, t, r);
    }
    r->ntol = rc ? 0 : nt; /* a failed run reports no counts (its rows stay) */
    anderson_free(w.A);
    free(block);
    free(w.hit[TOL_COLD]);
    return rc;
}
