/*
 * results.c -- runs.csv / curves.csv / solver.csv (schema in docs/results.md),
 * rewritten atomically after each cell; per-experiment figures; summary.
 */
#include "results.h"

#include "fileutil.h"

#include "params.h"
#include "plotdir.h"
#include "sbuf.h"
#include "stored.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The fixed leading columns of runs.csv, in order. */
static const char *const FIXED[] = {
    "experiment", "cell", "problem", "model", "loss", "seed", "status", "error",
    "train_steps", "train_seconds", "eval_contexts", "objective_mean",
    "objective_std", "optimal_objective_mean", "gap_mean", "distance_mean",
    "infer_seconds", "initial_objective_mean", "initial_gap_mean",
    "validation_mean", "validation_std", "initial_validation_mean", "final_train_loss", "num_params", "oracle_calls_per_instance", "peak_rss_mib",
    "adam_iters_to_within_delta", "adam_seconds_to_within_delta", "adam_speedup_to_within_delta",
    "adam_seconds_budget", "adam_speedup_budget",
    "gd_iters_to_within_delta", "gd_seconds_to_within_delta", "gd_speedup_to_within_delta",
    "gd_seconds_budget", "gd_speedup_budget", "note", "key", "checkpoint"};
#define NFIXED (sizeof FIXED / sizeof FIXED[0])

static int col_index(const char *name);

typedef struct rec {
    size_t seq;          /* position among this run's rows */
    char *experiment, *id, *problem, *model, *loss;
    long seed;
    char *fixed[NFIXED];
    cell_column *cols;   /* explicit parameters and swept settings */
    size_t ncols;
    cell_column *mcols;  /* metric columns: eval.iterates' (iter<t>_*) and
                            eval.tolerances' (tol_*) */
    size_t nmcols;
    curve_row *curves;
    size_t ncurves;
    solver_row *srows;
    size_t nsrows;
    int ok, has_eval, has_optimal;
    double obj_mean, obj_std, gap, infer;
    int reached[SOLVER_COUNT], ran[SOLVER_COUNT];
    double speedup[SOLVER_COUNT];
    long iters[SOLVER_COUNT];
    char *tracks;        /* this cell's tracks.csv rows, preformatted */
} rec;

struct results {
    char *dir;
    rec *recs;           /* this run's rows, by seq */
    size_t n, cap;
    /* the columns after the fixed ones: metric columns (iter<t>_*, tol_*),
     * then parameter and setting columns (model.hidden, train.lr: always
     * with a section before a '.', never iter<t>_ or tol_); each the union
     * over the rows in row order (collect_extra) */
    char **extra;
    size_t nextra, capextra;
    char **mextra;
    size_t nmextra, capmextra;
    int extra_oom;
    stored *S;           /* rows of earlier runs still written, or NULL */
};

/* ---- files --------------------------------------------------------------- */

/* A solver's seconds (to within solver.match_delta of the model, or for its
 * whole budget) over the model's time for the same contexts; NaN (an empty
 * field, not "inf") when the model's time is not a positive number: a
 * clock that read 0 says nothing about a ratio. */
static double speedup_of(const cell_result *r, double seconds)
{
    double t = r->infer_seconds * (double)r->eval_contexts;
    return t > 0 && isfinite(t) ? seconds / t : NAN;
}

/* ---- records ------------------------------------------------------------- */

results *results_new(const char *dir, char *err, size_t errlen)
{
    results *R;
    if (am_mkdirs(dir, err, errlen)) return NULL;
    R = calloc(1, sizeof *R);
    if (!R || !(R->dir = strdup(dir))) {
        free(R);
        amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
        return NULL;
    }
    return R;
}

static void rec_free(rec *q)
{
    size_t i;
    free(q->experiment);
    free(q->id);
    free(q->problem);
    free(q->model);
    free(q->loss);
    for (i = 0; i < NFIXED; i++) free(q->fixed[i]);
    cell_columns_free(q->cols, q->ncols);
    cell_columns_free(q->mcols, q->nmcols);
    free(q->curves);
    free(q->srows);
    free(q->tracks);
}

void results_free(results *R)
{
    size_t i;
    if (!R) return;
    for (i = 0; i < R->n; i++) rec_free(&R->recs[i]);
    for (i = 0; i < R->nextra; i++) free(R->extra[i]);
    for (i = 0; i < R->nmextra; i++) free(R->mextra[i]);
    free(R->recs);
    free(R->extra);
    free(R->mextra);
    free(R->dir);
    stored_free(R->S);
    free(R);
}

void results_attach(results *R, stored *S)
{
    stored_free(R->S);
    R->S = S;
}

stored *results_stored(results *R) { return R->S; }

size_t results_count_status(const results *R, const char *status)
{
    size_t i, k = 0;
    for (i = 0; i < R->n; i++) k += !strcmp(R->recs[i].fixed[col_index("status")], status);
    return k;
}

/* Keys of this run's rows, sorted; for pruning the cache (the rows of
 * earlier runs play no part: the CSVs are not what resume reads). */
typedef struct keylist {
    char **k;
    size_t n, cap;
    int oom;
} keylist;

static void keylist_add(void *ctx, const char *key)
{
    keylist *L = ctx;
    if (L->oom || !key || !*key) return;
    if (L->n == L->cap) {
        size_t nc = L->cap ? 2 * L->cap : 64;
        char **q = realloc(L->k, nc * sizeof *q);
        if (!q) {
            L->oom = 1;
            return;
        }
        L->k = q;
        L->cap = nc;
    }
    L->k[L->n++] = (char *)key;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void results_prune_cache(results *R)
{
    keylist L = {0};
    size_t i;
    for (i = 0; i < R->n; i++) keylist_add(&L, R->recs[i].fixed[col_index("key")]);
    if (!L.oom) {
        if (L.n) qsort(L.k, L.n, sizeof *L.k, cmp_str);
        stored_cache_prune(R->dir, R->S, L.k, L.n);
    }
    free(L.k);
}

const char *results_dir(const results *R) { return R->dir; }
size_t results_count(const results *R) { return R->n; }

size_t results_failed(const results *R)
{
    size_t i, k = 0;
    for (i = 0; i < R->n; i++) k += !R->recs[i].ok;
    return k;
}

static char *fmt_real(double v)
{
    char t[40];
    params_format_real(v, t, sizeof t);
    return strdup(t);
}

static char *fmt_long(long v)
{
    char t[32];
    snprintf(t, sizeof t, "%ld", v);
    return strdup(t);
}

static int col_index(const char *name)
{
    size_t i;
    for (i = 0; i < NFIXED; i++)
        if (!strcmp(FIXED[i], name)) return (int)i;
    return -1;
}

#define SETF(name, expr) (q->fixed[col_index(name)] = (expr))

static void fill_fixed(rec *q, const cell_spec *c, const cell_result *r)
{
    int s;
    SETF("experiment", strdup(c->experiment));
    SETF("cell", strdup(c->id));
    SETF("problem", strdup(c->problem.head->name));
    SETF("model", strdup(c->model.head->name));
    SETF("loss", strdup(c->loss.head->name));
    SETF("seed", fmt_long(c->seed));
    SETF("status", strdup(cell_status_names[r->status]));
    SETF("error", strdup(r->error));
    SETF("train_steps", fmt_long(r->train_steps));
    SETF("train_seconds", fmt_real(r->train_seconds));
    SETF("num_params", fmt_long((long)r->num_params));
    if (r->peak_rss_bytes > 0) SETF("peak_rss_mib", fmt_real(r->peak_rss_bytes / 1048576.0));
    SETF("note", strdup(r->note));
    SETF("key", strdup(c->key));
    if (c->checkpoint && r->status == CELL_OK) { /* relative to the results directory */
        char rel[64];
        snprintf(rel, sizeof rel, "models/%s.amor", c->key);
        SETF("checkpoint", strdup(rel));
    }
    if (r->has_initial) {
        SETF("initial_objective_mean", fmt_real(r->initial_objective_mean));
        if (r->has_optimal) SETF("initial_gap_mean", fmt_real(r->initial_gap_mean));
        if (r->has_validation) SETF("initial_validation_mean", fmt_real(r->initial_validation_mean));
    }
    if (!r->has_eval) return;
    if (r->has_validation) {
        SETF("validation_mean", fmt_real(r->validation_mean));
        SETF("validation_std", fmt_real(r->validation_std));
    }
    SETF("final_train_loss", fmt_real(r->final_train_loss));
    SETF("eval_contexts", fmt_long(r->eval_contexts));
    SETF("objective_mean", fmt_real(r->objective_mean));
    SETF("objective_std", fmt_real(r->objective_std));
    SETF("infer_seconds", fmt_real(r->infer_seconds));
    SETF("oracle_calls_per_instance", fmt_real(r->oracle_calls_per_instance));
    if (r->has_optimal) {
        SETF("optimal_objective_mean", fmt_real(r->optimal_objective_mean));
        SETF("gap_mean", fmt_real(r->gap_mean));
        SETF("distance_mean", fmt_real(r->distance_mean));
    }
    for (s = 0; s < SOLVER_COUNT; s++) {
        char name[64];
        double sp;
        if (!r->solver_ran[s]) continue;
        snprintf(name, sizeof name, "%s_seconds_budget", solver_kind_names[s]);
        q->fixed[col_index(name)] = fmt_real(r->solver_budget_seconds[s]);
        snprintf(name, sizeof name, "%s_speedup_budget", solver_kind_names[s]);
        if (isfinite(sp = speedup_of(r, r->solver_budget_seconds[s])))
            q->fixed[col_index(name)] = fmt_real(sp);
        if (!r->solver_reached[s]) continue;
        snprintf(name, sizeof name, "%s_iters_to_within_delta", solver_kind_names[s]);
        q->fixed[col_index(name)] = fmt_long(r->solver_iters[s]);
        snprintf(name, sizeof name, "%s_seconds_to_within_delta", solver_kind_names[s]);
        q->fixed[col_index(name)] = fmt_real(r->solver_seconds[s]);
        snprintf(name, sizeof name, "%s_speedup_to_within_delta", solver_kind_names[s]);
        if (isfinite(sp = speedup_of(r, r->solver_seconds[s])))
            q->fixed[col_index(name)] = fmt_real(sp);
    }
}

/* Is a column after the fixed ones a metric's: tol_*, iter<digits>_*? */
static int is_metric(const char *name)
{
    size_t d;
    if (!strncmp(name, "tol_", 4)) return 1;
    if (strncmp(name, "iter", 4)) return 0;
    d = strspn(name + 4, "0123456789");
    return d > 0 && name[4 + d] == '_';
}

/* A column after the fixed ones, into its group (see struct results). */
static int add_extra_name(results *R, const char *name)
{
    int metric = is_metric(name);
    char ***list = metric ? &R->mextra : &R->extra;
    size_t *n = metric ? &R->nmextra : &R->nextra, *cap = metric ? &R->capmextra : &R->capextra;
    size_t i;
    if (col_index(name) >= 0) return 0;
    for (i = 0; i < *n; i++)
        if (!strcmp((*list)[i], name)) return 0;
    if (*n == *cap) {
        size_t nc = *cap ? 2 * *cap : 16;
        char **q = realloc(*list, nc * sizeof *q);
        if (!q) return -1;
        *list = q;
        *cap = nc;
    }
    if (!((*list)[*n] = strdup(name))) return -1;
    ++*n;
    return 0;
}

/* ---- eval.tolerances' columns ----------------------------------------------- */

static int add_mcol(rec *q, size_t *cap, const char *name, char *value)
{
    if (!value) return -1;
    if (q->nmcols == *cap) {
        size_t nc = *cap ? 2 * *cap : 32;
        cell_column *c = realloc(q->mcols, nc * sizeof *c);
        if (!c) {
            free(value);
            return -1;
        }
        q->mcols = c;
        *cap = nc;
    }
    if (!(q->mcols[q->nmcols].name = strdup(name))) {
        free(value);
        return -1;
    }
    q->mcols[q->nmcols++].value = value;
    return 0;
}

/* A ratio's text: empty when it is undefined (NaN: the warm mean is 0). */
static char *fmt_ratio(double v)
{
    return isnan(v) ? strdup("") : fmt_real(v);
}

/* The iter<t>_* columns of a cell that measured eval.iterates (names in
 * docs/results.md): per iterate t its objective, validation objective
 * (when the problem has one) and gap and distance (when it has y*). */
static int iterate_columns(rec *q, size_t *cap, const cell_result *r)
{
    size_t j;
    char name[96];
    for (j = 0; j < r->niter; j++) {
        long t = r->iter_t[j];
        snprintf(name, sizeof name, "iter%ld_objective_mean", t);
        if (add_mcol(q, cap, name, fmt_real(r->iter_objective_mean[j]))) return -1;
        snprintf(name, sizeof name, "iter%ld_objective_std", t);
        if (add_mcol(q, cap, name, fmt_real(r->iter_objective_std[j]))) return -1;
        if (r->has_validation) {
            snprintf(name, sizeof name, "iter%ld_validation_mean", t);
            if (add_mcol(q, cap, name, fmt_real(r->iter_validation_mean[j]))) return -1;
            snprintf(name, sizeof name, "iter%ld_validation_std", t);
            if (add_mcol(q, cap, name, fmt_real(r->iter_validation_std[j]))) return -1;
        }
        if (r->has_optimal) {
            snprintf(name, sizeof name, "iter%ld_gap_mean", t);
            if (add_mcol(q, cap, name, fmt_real(r->iter_gap_mean[j]))) return -1;
            snprintf(name, sizeof name, "iter%ld_distance_mean", t);
            if (add_mcol(q, cap, name, fmt_real(r->iter_distance_mean[j]))) return -1;
        }
    }
    return 0;
}

/* The tol_* columns of a cell that measured eval.tolerances (names in
 * docs/results.md): per method that ran, the seconds per iteration per
 * context cold and warm, then per tolerance (its %g text) and method the
 * statistics cold and warm and the two ratios.  The policy (a model's
 * solver_policy) runs from the cold start only: its columns are
 * tol_policy_iter_seconds and tol_<t>_policy_iters_mean, ..., ratio. */
static int tolerance_columns(rec *q, size_t *cap, const cell_result *r)
{
    /* per method, the column stem of each start it runs from (NULL: none;
     * the policy runs from the cold start only) and its ratios' prefix */
    static const char *const stem[TOL_NMETHODS][TOL_NSTARTS] = {
        {"cold", "warm"}, {"anderson_cold", "anderson_warm"}, {"policy", NULL}};
    static const char *const ratio[TOL_NMETHODS] = {"", "anderson_", "policy_"};
    size_t t;
    int m, st;
    char name[128];
    for (m = 0; m < TOL_NMETHODS; m++) {
        if (!r->tol_ran[m]) continue;
        for (st = 0; st < TOL_NSTARTS && stem[m][st]; st++) {
            snprintf(name, sizeof name, "tol_%s_iter_seconds", stem[m][st]);
            if (add_mcol(q, cap, name, fmt_real(r->tol_iter_seconds[m][st]))) return -1;
        }
    }
    for (t = 0; t < r->ntol; t++) {
        char tol[32];
        snprintf(tol, sizeof tol, "%g", r->tol[t]);
        for (m = 0; m < TOL_NMETHODS; m++) {
            if (!r->tol_ran[m]) continue;
            for (st = 0; st < TOL_NSTARTS && stem[m][st]; st++) {
                const tol_stats *s = &r->tol_st[t][m][st];
                const char *sn = stem[m][st];
                snprintf(name, sizeof name, "tol_%s_%s_iters_mean", tol, sn);
                if (add_mcol(q, cap, name, fmt_real(s->iters_mean))) return -1;
                snprintf(name, sizeof name, "tol_%s_%s_iters_median", tol, sn);
                if (add_mcol(q, cap, name, fmt_real(s->iters_median))) return -1;
                snprintf(name, sizeof name, "tol_%s_%s_unconverged", tol, sn);
                if (add_mcol(q, cap, name, fmt_long(s->unconverged))) return -1;
                snprintf(name, sizeof name, "tol_%s_%s_seconds_mean", tol, sn);
                if (add_mcol(q, cap, name, fmt_real(s->seconds_mean))) return -1;
            }
            snprintf(name, sizeof name, "tol_%s_%sratio", tol, ratio[m]);
            if (add_mcol(q, cap, name, fmt_ratio(r->tol_ratio[t][m]))) return -1;
            snprintf(name, sizeof name, "tol_%s_%sratio_median", tol, ratio[m]);
            if (add_mcol(q, cap, name, fmt_real(r->tol_ratio_median[t][m]))) return -1;
        }
    }
    return 0;
}


/* One tracks.csv row: experiment,cell,step,context,var,index,value (step
 * empty for the context x and its y*). */
static void track_row(sbuf *t, const rec *q, const long *step, size_t ctx,
                      const char *var, size_t index, double v)
{
    char b[96];
    sb_field(t, q->experiment);
    sb_str(t, ",");
    sb_field(t, q->id);
    if (step) snprintf(b, sizeof b, ",%ld,%zu,%s,%zu,", *step, ctx, var, index);
    else snprintf(b, sizeof b, ",,%zu,%s,%zu,", ctx, var, index);
    sb_str(t, b);
    sb_real(t, v);
    sb_str(t, "\n");
}

/* A copy of n items of `size` bytes (NULL when n is 0); NULL and *oom set
 * when it cannot be made. */
static void *copy_of(const void *src, size_t n, size_t size, int *oom)
{
    void *p;
    if (!n) return NULL;
    if (!(p = malloc(n * size))) {
        *oom = 1;
        return NULL;
    }
    return memcpy(p, src, n * size);
}

int results_record(results *R, size_t seq, const cell_spec *c, const cell_result *r,
                   char *err, size_t errlen)
{
    rec *q;
    size_t i, at, mcap = 0; /* q->mcols' room */
    int s, oom = 0;
    if (R->n == R->cap) {
        size_t nc = R->cap ? 2 * R->cap : 16;
        rec *nr = realloc(R->recs, nc * sizeof *nr);
        if (!nr) return amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
        R->recs = nr;
        R->cap = nc;
    }
    /* rows stay in submission order whatever order cells finish in */
    for (at = R->n; at > 0 && R->recs[at - 1].seq > seq; at--) {}
    memmove(&R->recs[at + 1], &R->recs[at], (R->n - at) * sizeof *R->recs);
    q = &R->recs[at];
    memset(q, 0, sizeof *q);
    q->seq = seq;
    q->experiment = strdup(c->experiment);
    q->id = strdup(c->id);
    q->problem = strdup(c->problem.head->name);
    q->model = strdup(c->model.head->name);
    q->loss = strdup(c->loss.head->name);
    q->seed = c->seed;
    fill_fixed(q, c, r);
    /* out of memory below: the row is kept (freed with the others) and the
     * run fails, rather than a row written silently short of its columns,
     * curves or solver rows */
    if ((q->cols = calloc(c->ncols ? c->ncols : 1, sizeof *q->cols))) {
        q->ncols = c->ncols;
        for (i = 0; i < c->ncols; i++) {
            q->cols[i].name = strdup(c->cols[i].name);
            q->cols[i].value = strdup(c->cols[i].value);
            oom |= !q->cols[i].name || !q->cols[i].value;
        }
    } else
        oom = 1;
    if (r->has_eval && r->niter && iterate_columns(q, &mcap, r)) oom = 1;
    if (r->has_eval && r->ntol && tolerance_columns(q, &mcap, r)) oom = 1;
    if ((q->curves = copy_of(r->curves, r->ncurves, sizeof *q->curves, &oom)))
        q->ncurves = r->ncurves;
    if ((q->srows = copy_of(r->solver_rows, r->nsolver, sizeof *q->srows, &oom)))
        q->nsrows = r->nsolver;
    q->ok = r->status == CELL_OK;
    q->has_eval = r->has_eval;
    q->has_optimal = r->has_optimal;
    q->obj_mean = r->objective_mean;
    q->obj_std = r->objective_std;
    q->gap = r->gap_mean;
    q->infer = r->infer_seconds;
    for (s = 0; s < SOLVER_COUNT; s++) {
        q->ran[s] = r->solver_ran[s];
        q->reached[s] = r->solver_reached[s];
        q->iters[s] = r->solver_iters[s];
        q->speedup[s] = speedup_of(r, r->solver_seconds[s]);
    }
    if (r->ntrack) {
        sbuf t = {0};
        size_t k, j, st;
        for (k = 0; k < r->ntrack; k++) {
            for (j = 0; j < r->nx; j++) track_row(&t, q, NULL, k, "x", j, r->track_x[k * r->nx + j]);
            for (j = 0; r->track_ystar && j < r->ny; j++)
                track_row(&t, q, NULL, k, "ystar", j, r->track_ystar[k * r->ny + j]);
        }
        for (st = 0; st < r->ntrack_steps; st++)
            for (k = 0; k < r->ntrack; k++)
                for (j = 0; j < r->ny; j++)
                    track_row(&t, q, &r->track_steps[st], k, "yhat", j,
                              r->track_yhat[(st * r->ntrack + k) * r->ny + j]);
        q->tracks = t.p;
        oom |= t.oom;
    }
    R->n++;
    return oom ? amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory") : 0;
}

static int write_one(results *R, const char *name, sbuf *b, char *err, size_t errlen)
{
    char path[4200];
    if (b->oom) return amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
    snprintf(path, sizeof path, "%s/%s", R->dir, name);
    return fu_write(path, b->p ? b->p : "", b->len, err, errlen);
}

static const char *const CURVES_COLS[] = {"experiment", "cell", "step", "split", "metric", "value"};
static const char *const SOLVER_COLS[] = {"experiment", "cell", "solver", "iteration", "seconds",
                                          "objective_mean", "objective_std", "residual_mean",
                                          "residual_median"};
static const char *const TRACKS_COLS[] = {"experiment", "cell", "step", "context", "var", "index",
                                          "value"};
#define NCOLS(a) (sizeof a / sizeof a[0])

static void header(sbuf *b, const char *const *cols, size_t n)
{
    size_t j;
    for (j = 0; j < n; j++) {
        if (j) sb_str(b, ",");
        sb_field(b, cols[j]);
    }
    sb_str(b, "\n");
}

static void add_extra_cb(void *ctx, const char *name)
{
    results *R = ctx;
    if (add_extra_name(R, name)) R->extra_oom = 1;
}

/* The extra columns: those of the earlier rows kept, then this run's, in
 * row order -- so the header does not depend on which cell finished first. */
static int collect_extra(results *R)
{
    size_t i, k;
    for (i = 0; i < R->nextra; i++) free(R->extra[i]);
    for (i = 0; i < R->nmextra; i++) free(R->mextra[i]);
    R->nextra = R->nmextra = 0;
    R->extra_oom = 0;
    stored_columns(R->S, add_extra_cb, R);
    if (R->extra_oom) return -1;
    for (i = 0; i < R->n; i++) {
        for (k = 0; k < R->recs[i].nmcols; k++)
            if (add_extra_name(R, R->recs[i].mcols[k].name)) return -1;
        for (k = 0; k < R->recs[i].ncols; k++)
            if (R->recs[i].cols[k].name && add_extra_name(R, R->recs[i].cols[k].name)) return -1;
    }
    return 0;
}

/* The value of column `name` among cols[0..n), or NULL. */
static const char *col_value(const cell_column *cols, size_t n, const char *name)
{
    size_t k;
    for (k = 0; k < n; k++)
        if (cols[k].name && !strcmp(cols[k].name, name)) return cols[k].value;
    return NULL;
}

/* ",value" for each column of names[0..n) among cols[0..nc), "," where a row
 * has none. */
static void extra_fields(sbuf *b, char *const *names, size_t n, const cell_column *cols,
                         size_t nc)
{
    size_t j;
    for (j = 0; j < n; j++) {
        const char *v = col_value(cols, nc, names[j]);
        sb_str(b, ",");
        if (v) sb_field(b, v);
    }
}

int results_write(results *R, char *err, size_t errlen)
{
    sbuf runs = {0}, cur = {0}, sol = {0};
    const char **allcols;
    size_t i, j, k;
    int rc;

    if (collect_extra(R)) return amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
    if (!(allcols = malloc((NFIXED + R->nmextra + R->nextra) * sizeof *allcols)))
        return amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
    for (j = 0; j < NFIXED; j++) allcols[j] = FIXED[j];
    for (j = 0; j < R->nmextra; j++) allcols[NFIXED + j] = R->mextra[j];
    for (j = 0; j < R->nextra; j++) allcols[NFIXED + R->nmextra + j] = R->extra[j];
    header(&runs, allcols, NFIXED + R->nmextra + R->nextra);
    stored_write(R->S, STORED_RUNS, allcols, NFIXED + R->nmextra + R->nextra, &runs);
    free(allcols);
    header(&cur, CURVES_COLS, NCOLS(CURVES_COLS));
    stored_write(R->S, STORED_CURVES, CURVES_COLS, NCOLS(CURVES_COLS), &cur);
    header(&sol, SOLVER_COLS, NCOLS(SOLVER_COLS));
    stored_write(R->S, STORED_SOLVER, SOLVER_COLS, NCOLS(SOLVER_COLS), &sol);
    for (i = 0; i < R->n; i++) {
        const rec *q = &R->recs[i];
        for (j = 0; j < NFIXED; j++) {
            if (j) sb_str(&runs, ",");
            sb_field(&runs, q->fixed[j]);
        }
        extra_fields(&runs, R->mextra, R->nmextra, q->mcols, q->nmcols);
        extra_fields(&runs, R->extra, R->nextra, q->cols, q->ncols);
        sb_str(&runs, "\n");
        for (k = 0; k < q->ncurves; k++) {
            char t[32];
            sb_field(&cur, q->experiment);
            sb_str(&cur, ",");
            sb_field(&cur, q->id);
            snprintf(t, sizeof t, ",%ld,", q->curves[k].step);
            sb_str(&cur, t);
            sb_str(&cur, q->curves[k].split);
            sb_str(&cur, ",");
            sb_str(&cur, q->curves[k].metric);
            sb_str(&cur, ",");
            sb_real(&cur, q->curves[k].value);
            sb_str(&cur, "\n");
        }
        for (k = 0; k < q->nsrows; k++) {
            const solver_row *s = &q->srows[k];
            char t[64];
            sb_field(&sol, q->experiment);
            sb_str(&sol, ",");
            sb_field(&sol, q->id);
            snprintf(t, sizeof t, ",%s,%ld,", solver_kind_names[s->solver], s->iteration);
            sb_str(&sol, t);
            sb_real(&sol, s->seconds);
            /* the baselines' objective, the problem's method's residual;
             * each leaves the other's columns empty */
            if (s->solver < SOLVER_COUNT) {
                sb_str(&sol, ",");
                sb_real(&sol, s->objective_mean);
                sb_str(&sol, ",");
                sb_real(&sol, s->objective_std);
                sb_str(&sol, ",,\n");
            } else {
                sb_str(&sol, ",,,");
                sb_real(&sol, s->residual_mean);
                sb_str(&sol, ",");
                sb_real(&sol, s->residual_median);
                sb_str(&sol, "\n");
            }
        }
    }
    rc = write_one(R, "runs.csv", &runs, err, errlen);
    if (!rc) rc = write_one(R, "curves.csv", &cur, err, errlen);
    if (!rc) rc = write_one(R, "solver.csv", &sol, err, errlen);
    {
        sbuf tr = {0};
        int any = 0;
        for (i = 0; i < R->n; i++) any |= R->recs[i].tracks != NULL;
        any |= stored_has_rows(R->S, STORED_TRACKS);
        {
            /* rewrite one that exists, if only to drop the rows of the
             * experiments this run replaced */
            char path[4200];
            snprintf(path, sizeof path, "%s/tracks.csv", R->dir);
            any |= access(path, F_OK) == 0;
        }
        if (any && !rc) {
            header(&tr, TRACKS_COLS, NCOLS(TRACKS_COLS));
            stored_write(R->S, STORED_TRACKS, TRACKS_COLS, NCOLS(TRACKS_COLS), &tr);
            for (i = 0; i < R->n; i++)
                if (R->recs[i].tracks) sb_str(&tr, R->recs[i].tracks);
            rc = write_one(R, "tracks.csv", &tr, err, errlen);
        }
        free(tr.p);
    }
    free(runs.p);
    free(cur.p);
    free(sol.p);
    return rc;
}

/* ---- summary ------------------------------------------------------------- */

void results_print_summary(const results *R, const char *experiment, FILE *out)
{
    size_t i;
    int w = 4;
    for (i = 0; i < R->n; i++)
        if (!strcmp(R->recs[i].experiment, experiment) && (int)strlen(R->recs[i].id) > w)
            w = (int)strlen(R->recs[i].id);
    /* Adam's speedup and iterations to within solver.match_delta */
    fprintf(out, "\n%-*s %-8s %12s %12s %10s %14s %12s\n", w, "cell", "status",
            "objective", "gap", "infer_us", "adam_speedup_d", "adam_iters_d");
    for (i = 0; i < R->n; i++) {
        const rec *q = &R->recs[i];
        char gap[32] = "-", sp[32] = "-", it[32] = "-", obj[32] = "-", inf[32] = "-";
        if (strcmp(q->experiment, experiment)) continue;
        if (q->has_eval) {
            snprintf(obj, sizeof obj, "%.6g", q->obj_mean);
            snprintf(inf, sizeof inf, "%.3g", q->infer * 1e6);
            if (q->has_optimal) snprintf(gap, sizeof gap, "%.3g", q->gap);
            if (q->ran[SOLVER_ADAM]) {
                if (q->reached[SOLVER_ADAM]) {
                    if (isfinite(q->speedup[SOLVER_ADAM]))
                        snprintf(sp, sizeof sp, "%.3g", q->speedup[SOLVER_ADAM]);
                    snprintf(it, sizeof it, "%ld", q->iters[SOLVER_ADAM]);
                } else {
                    snprintf(sp, sizeof sp, "not reached");
                    snprintf(it, sizeof it, "> budget");
                }
            }
        }
        fprintf(out, "%-*s %-8s %12s %12s %10s %14s %12s\n", w, q->id,
                q->fixed[col_index("status")], obj, gap, inf, sp, it);
        if (!q->ok && q->fixed[col_index("error")] && *q->fixed[col_index("error")])
            fprintf(out, "    %s\n", q->fixed[col_index("error")]);
    }
}

/* ---- figures ------------------------------------------------------------- */

int results_figures(results *R, const char *experiment, int jobs, char *err, size_t errlen)
{
    size_t i;
    for (i = 0; i < R->n && strcmp(R->recs[i].experiment, experiment); i++) {}
    if (i == R->n) return 0; /* nothing recorded: nothing to draw */
    /* from the CSVs just written, exactly as `amor plot DIR` draws them */
    return plotdir_figures(R->dir, &experiment, 1, PLOTDIR_KIND_ALL, NULL, jobs, err, errlen);
}
