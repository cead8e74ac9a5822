/*
 * solver.c -- from-scratch solver baselines on the held-out contexts.
 */
#include "solver.h"

#include "clock.h"

#include "adam.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void add_row(cell_result *r, int s, long it, double sec, double m, double sd)
{
    if (r->nsolver == r->capsolver) {
        size_t nc = r->capsolver ? 2 * r->capsolver : 256;
        solver_row *q = realloc(r->solver_rows, nc * sizeof *q);
        if (!q) return;
        r->solver_rows = q;
        r->capsolver = nc;
    }
    r->solver_rows[r->nsolver++] = (solver_row){s, it, sec, m, sd};
}

static int run_one(const solver_job *j, int s, cell_result *r, double *y,
                   double *g, double *f, double *m, double *v, char *err,
                   size_t errlen)
{
    const solver_cfg *cfg = j->cfg;
    size_t n = j->n, len = n * j->ny, i;
    long it, every = cfg->log_every > 0 ? cfg->log_every
                                        : (cfg->iterations + 199) / 200;
    am_adam adam = {len, m, v, 0, cfg->lr[s], 0.9, 0.999, 1e-8, 0.0};
    double elapsed = 0, t0;
    if (every < 1) every = 1;
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
        if (!r->solver_reached[s] && mean <= j->target) {
            r->solver_reached[s] = 1;
            r->solver_iters[s] = it;
            r->solver_seconds[s] = elapsed;
        }
        if (it % every == 0 || it == cfg->iterations) {
            for (i = 0; i < n; i++) sd += (f[i] - mean) * (f[i] - mean);
            sd = n > 1 ? sqrt(sd / (double)(n - 1)) : 0;
            add_row(r, s, it, elapsed, mean, sd);
        }
        r->solver_final[s] = mean;
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
