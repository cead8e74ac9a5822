/*
 * codec.c -- a cell's result as bytes, for the worker's pipe and the store
 * of finished cells, and the pipe's progress frames (see codec.h).
 */
#include "codec.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAGIC "AMRC"
#define TRAILER "END."
#define VERSION 6u

/* ---- encoding -------------------------------------------------------------- */

static void put_u8(sbuf *b, unsigned v)
{
    unsigned char c = (unsigned char)v;
    sb_add(b, &c, 1);
}

static void put_u32(sbuf *b, uint32_t v)
{
    unsigned char c[4];
    int i;
    for (i = 0; i < 4; i++) c[i] = (unsigned char)(v >> (8 * i));
    sb_add(b, c, 4);
}

static void put_u64(sbuf *b, uint64_t v)
{
    unsigned char c[8];
    int i;
    for (i = 0; i < 8; i++) c[i] = (unsigned char)(v >> (8 * i));
    sb_add(b, c, 8);
}

static void put_i64(sbuf *b, long v) { put_u64(b, (uint64_t)(int64_t)v); }

static void put_f64(sbuf *b, double v)
{
    uint64_t u;
    memcpy(&u, &v, sizeof u);
    put_u64(b, u);
}

static void put_str(sbuf *b, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    put_u32(b, (uint32_t)n);
    sb_add(b, s ? s : "", n);
}

static void put_f64s(sbuf *b, const double *a, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) put_f64(b, a[i]);
}

/* eval.tolerances: the counts, then per tolerance the statistics of each
 * method that ran */
static void encode_tolerances(const cell_result *r, sbuf *b)
{
    size_t t;
    int m, st;
    put_u32(b, (uint32_t)r->ntol);
    if (!r->ntol) return;
    put_i64(b, r->tol_budget);
    for (m = 0; m < TOL_NMETHODS; m++) {
        put_u8(b, r->tol_ran[m] != 0);
        for (st = 0; st < TOL_NSTARTS; st++) put_f64(b, r->tol_iter_seconds[m][st]);
    }
    for (t = 0; t < r->ntol; t++) {
        put_f64(b, r->tol[t]);
        for (m = 0; m < TOL_NMETHODS; m++) {
            for (st = 0; st < TOL_NSTARTS; st++) {
                const tol_stats *q = &r->tol_st[t][m][st];
                put_f64(b, q->iters_mean);
                put_f64(b, q->iters_median);
                put_i64(b, q->unconverged);
                put_f64(b, q->seconds_mean);
            }
            put_f64(b, r->tol_ratio[t][m]);
            put_f64(b, r->tol_ratio_median[t][m]);
        }
    }
}

/* eval.iterates: the count, then per iterate its index and metrics */
static void encode_iterates(const cell_result *r, sbuf *b)
{
    size_t j;
    put_u32(b, (uint32_t)r->niter);
    for (j = 0; j < r->niter; j++) {
        put_i64(b, r->iter_t[j]);
        put_f64(b, r->iter_objective_mean[j]);
        put_f64(b, r->iter_objective_std[j]);
        put_f64(b, r->iter_validation_mean[j]);
        put_f64(b, r->iter_validation_std[j]);
        put_f64(b, r->iter_gap_mean[j]);
        put_f64(b, r->iter_distance_mean[j]);
    }
}

void codec_encode_result(const cell_result *r, sbuf *b)
{
    size_t i;
    int s;
    sb_add(b, MAGIC, 4);
    put_u32(b, VERSION);
    put_str(b, (unsigned)r->status < CELL_NSTATUS ? cell_status_names[r->status] : "?");
    put_u32(b, (uint32_t)r->code);
    put_str(b, r->error);
    put_str(b, r->note);
    put_i64(b, r->train_steps);
    put_f64(b, r->train_seconds);
    put_i64(b, r->eval_contexts);
    put_u64(b, r->num_params);
    put_u8(b, r->has_eval != 0);
    put_f64(b, r->objective_mean);
    put_f64(b, r->objective_std);
    put_f64(b, r->infer_seconds);
    put_u8(b, r->has_optimal != 0);
    put_f64(b, r->optimal_objective_mean);
    put_f64(b, r->gap_mean);
    put_f64(b, r->distance_mean);
    put_u8(b, r->has_initial != 0);
    put_f64(b, r->initial_objective_mean);
    put_f64(b, r->initial_gap_mean);
    put_f64(b, r->final_train_loss);
    put_f64(b, r->oracle_calls_per_instance);
    put_f64(b, r->peak_rss_bytes);
    for (s = 0; s < SOLVER_COUNT; s++) {
        put_u8(b, r->solver_ran[s] != 0);
        put_u8(b, r->solver_reached[s] != 0);
        put_i64(b, r->solver_iters[s]);
        put_f64(b, r->solver_seconds[s]);
        put_f64(b, r->solver_budget_seconds[s]);
        put_f64(b, r->solver_final[s]);
    }
    put_u64(b, r->ncurves);
    for (i = 0; i < r->ncurves; i++) {
        put_i64(b, r->curves[i].step);
        put_str(b, r->curves[i].split);
        put_str(b, r->curves[i].metric);
        put_f64(b, r->curves[i].value);
    }
    put_u64(b, r->nsolver);
    for (i = 0; i < r->nsolver; i++) {
        const solver_row *q = &r->solver_rows[i];
        put_u8(b, (unsigned)q->solver);
        put_i64(b, q->iteration);
        put_f64(b, q->seconds);
        put_f64(b, q->objective_mean);
        put_f64(b, q->objective_std);
        put_f64(b, q->residual_mean);
        put_f64(b, q->residual_median);
    }
    put_u64(b, r->ntrack);
    put_u64(b, r->nx);
    put_u64(b, r->ny);
    put_u64(b, r->ntrack ? r->ntrack_steps : 0);
    put_u8(b, r->ntrack && r->track_ystar);
    if (r->ntrack) {
        put_f64s(b, r->track_x, r->ntrack * r->nx);
        if (r->track_ystar) put_f64s(b, r->track_ystar, r->ntrack * r->ny);
        for (i = 0; i < r->ntrack_steps; i++) put_i64(b, r->track_steps[i]);
        put_f64s(b, r->track_yhat, r->ntrack_steps * r->ntrack * r->ny);
    }
    put_u64(b, r->predictions ? r->npredict : 0);
    if (r->predictions) put_f64s(b, r->predictions, r->npredict * r->ny);
    put_u8(b, r->has_validation != 0);
    put_f64(b, r->validation_mean);
    put_f64(b, r->validation_std);
    put_f64(b, r->initial_validation_mean);
    encode_tolerances(r, b);
    encode_iterates(r, b);
    sb_add(b, TRAILER, 4);
}

/* ---- decoding -------------------------------------------------------------- */

typedef struct reader {
    const unsigned char *p;
    size_t left;
    int bad;      /* sticky: ran past the end or met a bad value */
    const char *what;
} reader;

static const unsigned char *take(reader *R, size_t n, const char *what)
{
    const unsigned char *q = R->p;
    if (R->bad) return NULL;
    if (n > R->left) {
        R->bad = 1;
        R->what = what;
        return NULL;
    }
    R->p += n;
    R->left -= n;
    return q;
}

static uint64_t get_u64(reader *R, const char *what)
{
    const unsigned char *c = take(R, 8, what);
    uint64_t v = 0;
    int i;
    if (!c) return 0;
    for (i = 7; i >= 0; i--) v = (v << 8) | c[i];
    return v;
}

static uint32_t get_u32(reader *R, const char *what)
{
    const unsigned char *c = take(R, 4, what);
    if (!c) return 0;
    return (uint32_t)c[0] | (uint32_t)c[1] << 8 | (uint32_t)c[2] << 16 | (uint32_t)c[3] << 24;
}

static int get_u8(reader *R, const char *what)
{
    const unsigned char *c = take(R, 1, what);
    return c ? c[0] : 0;
}

static long get_i64(reader *R, const char *what) { return (long)(int64_t)get_u64(R, what); }

static double get_f64(reader *R, const char *what)
{
    uint64_t u = get_u64(R, what);
    double v;
    memcpy(&v, &u, sizeof v);
    return v;
}

/* A string into a fixed buffer (truncated to fit, as the producer's was). */
static void get_str_into(reader *R, char *dst, size_t cap, const char *what)
{
    uint32_t n = get_u32(R, what);
    const unsigned char *c = take(R, n, what);
    size_t k = n < cap - 1 ? n : cap - 1;
    dst[0] = 0;
    if (!c) return;
    memcpy(dst, c, k);
    dst[k] = 0;
}

/* Curve split and metric names are static strings in a cell_result: map
 * them back onto the host's names.  A name this host does not know (an
 * older or newer worker?) is kept once for the process's lifetime. */
static const char *intern(const unsigned char *s, size_t n)
{
    static const char *const known[] = {"train", "eval", "loss", "objective", "gap", "distance",
                                        "validation"};
    static char **extra;
    static size_t nextra;
    size_t i;
    for (i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strlen(known[i]) == n && !memcmp(known[i], s, n)) return known[i];
    for (i = 0; i < nextra; i++)
        if (strlen(extra[i]) == n && !memcmp(extra[i], s, n)) return extra[i];
    char **q = realloc(extra, (nextra + 1) * sizeof *q);
    if (!q) return NULL;
    extra = q;
    if (!(extra[nextra] = malloc(n + 1))) return NULL;
    memcpy(extra[nextra], s, n);
    extra[nextra][n] = 0;
    return extra[nextra++];
}

static const char *get_name(reader *R, const char *what)
{
    uint32_t n = get_u32(R, what);
    const unsigned char *c = take(R, n, what);
    const char *s = c ? intern(c, n) : NULL;
    if (c && !s) {
        R->bad = 1;
        R->what = "out of memory";
    }
    return s;
}

/* Room for n items of `size` encoded bytes each?  Checked before every
 * allocation, so a corrupt count cannot ask for more than the input holds. */
static int fits(reader *R, uint64_t n, size_t size, const char *what)
{
    if (R->bad) return 0;
    if (n > R->left / size) {
        R->bad = 1;
        R->what = what;
        return 0;
    }
    return 1;
}

static double *get_f64s(reader *R, uint64_t n, const char *what)
{
    double *a;
    size_t i;
    if (!fits(R, n, 8, what)) return NULL;
    if (!(a = malloc((size_t)n * sizeof *a + 1))) {
        R->bad = 1;
        R->what = "out of memory";
        return NULL;
    }
    for (i = 0; i < n; i++) a[i] = get_f64(R, what);
    return a;
}

/* a * b without overflow, or UINT64_MAX */
static uint64_t mul(uint64_t a, uint64_t b)
{
    return a && b > UINT64_MAX / a ? UINT64_MAX : a * b;
}

static void decode_tolerances(reader *R, cell_result *r)
{
    uint32_t nt = get_u32(R, "tolerances");
    size_t t;
    int m, st;
    if (R->bad || !nt) return;
    if (nt > CELL_MAX_TOLERANCES) {
        R->bad = 1;
        R->what = "tolerances (too many)";
        return;
    }
    r->ntol = nt;
    r->tol_budget = get_i64(R, "tolerances");
    for (m = 0; m < TOL_NMETHODS; m++) {
        r->tol_ran[m] = get_u8(R, "tolerances");
        for (st = 0; st < TOL_NSTARTS; st++) r->tol_iter_seconds[m][st] = get_f64(R, "tolerances");
    }
    for (t = 0; t < nt; t++) {
        r->tol[t] = get_f64(R, "tolerances");
        for (m = 0; m < TOL_NMETHODS; m++) {
            for (st = 0; st < TOL_NSTARTS; st++) {
                tol_stats *q = &r->tol_st[t][m][st];
                q->iters_mean = get_f64(R, "tolerances");
                q->iters_median = get_f64(R, "tolerances");
                q->unconverged = get_i64(R, "tolerances");
                q->seconds_mean = get_f64(R, "tolerances");
            }
            r->tol_ratio[t][m] = get_f64(R, "tolerances");
            r->tol_ratio_median[t][m] = get_f64(R, "tolerances");
        }
    }
}

static void decode_iterates(reader *R, cell_result *r)
{
    uint32_t n = get_u32(R, "iterates");
    size_t j;
    if (R->bad || !n) return;
    if (n > CELL_MAX_ITERATES) {
        R->bad = 1;
        R->what = "iterates (too many)";
        return;
    }
    for (j = 0; j < n; j++) {
        r->iter_t[j] = get_i64(R, "iterates");
        r->iter_objective_mean[j] = get_f64(R, "iterates");
        r->iter_objective_std[j] = get_f64(R, "iterates");
        r->iter_validation_mean[j] = get_f64(R, "iterates");
        r->iter_validation_std[j] = get_f64(R, "iterates");
        r->iter_gap_mean[j] = get_f64(R, "iterates");
        r->iter_distance_mean[j] = get_f64(R, "iterates");
    }
    if (!R->bad) r->niter = n;
}

int codec_decode_result(const void *buf, size_t len, cell_result *r, char *err, size_t errlen)
{
    reader R = {buf, len, 0, NULL};
    const unsigned char *m;
    uint32_t version;
    uint64_t n, i;
    int s;
    memset(r, 0, sizeof *r);
    m = take(&R, 4, "magic");
    if (!m || memcmp(m, MAGIC, 4))
        return amor_errorf(err, errlen, AMOR_EDATA, "not an encoded cell result");
    version = get_u32(&R, "version");
    if (version != VERSION)
        return amor_errorf(err, errlen, AMOR_EDATA,
                           "encoded cell result has version %u, this host reads version %u",
                           (unsigned)version, VERSION);
    {
        char name[16];
        int st;
        get_str_into(&R, name, sizeof name, "status");
        if (!R.bad && (st = cell_status_parse(name)) < 0) {
            cell_result_free(r);
            return amor_errorf(err, errlen, AMOR_EDATA, "encoded cell result: unknown status '%s'",
                               name);
        }
        r->status = R.bad ? CELL_ERROR : (cell_status)st;
    }
    r->code = (int)get_u32(&R, "code");
    get_str_into(&R, r->error, sizeof r->error, "error");
    get_str_into(&R, r->note, sizeof r->note, "note");
    r->train_steps = get_i64(&R, "train_steps");
    r->train_seconds = get_f64(&R, "train_seconds");
    r->eval_contexts = get_i64(&R, "eval_contexts");
    r->num_params = (size_t)get_u64(&R, "num_params");
    r->has_eval = get_u8(&R, "has_eval");
    r->objective_mean = get_f64(&R, "objective_mean");
    r->objective_std = get_f64(&R, "objective_std");
    r->infer_seconds = get_f64(&R, "infer_seconds");
    r->has_optimal = get_u8(&R, "has_optimal");
    r->optimal_objective_mean = get_f64(&R, "optimal_objective_mean");
    r->gap_mean = get_f64(&R, "gap_mean");
    r->distance_mean = get_f64(&R, "distance_mean");
    r->has_initial = get_u8(&R, "has_initial");
    r->initial_objective_mean = get_f64(&R, "initial_objective_mean");
    r->initial_gap_mean = get_f64(&R, "initial_gap_mean");
    r->final_train_loss = get_f64(&R, "final_train_loss");
    r->oracle_calls_per_instance = get_f64(&R, "oracle_calls_per_instance");
    r->peak_rss_bytes = get_f64(&R, "peak_rss_bytes");
    for (s = 0; s < SOLVER_COUNT; s++) {
        r->solver_ran[s] = get_u8(&R, "solver");
        r->solver_reached[s] = get_u8(&R, "solver");
        r->solver_iters[s] = get_i64(&R, "solver");
        r->solver_seconds[s] = get_f64(&R, "solver");
        r->solver_budget_seconds[s] = get_f64(&R, "solver");
        r->solver_final[s] = get_f64(&R, "solver");
    }
    n = get_u64(&R, "curves");
    if (fits(&R, n, 8 + 4 + 4 + 8, "curves") && n) {
        if (!(r->curves = malloc((size_t)n * sizeof *r->curves))) goto oom;
        r->capcurves = (size_t)n;
        for (i = 0; i < n && !R.bad; i++) {
            curve_row *c = &r->curves[i];
            c->step = get_i64(&R, "curves");
            c->split = get_name(&R, "curves");
            c->metric = get_name(&R, "curves");
            c->value = get_f64(&R, "curves");
            r->ncurves = (size_t)i + 1;
        }
    }
    n = get_u64(&R, "solver rows");
    if (fits(&R, n, 1 + 8 * 6, "solver rows") && n) {
        if (!(r->solver_rows = malloc((size_t)n * sizeof *r->solver_rows))) goto oom;
        r->capsolver = (size_t)n;
        for (i = 0; i < n && !R.bad; i++) {
            solver_row *q = &r->solver_rows[i];
            q->solver = get_u8(&R, "solver rows");
            q->iteration = get_i64(&R, "solver rows");
            q->seconds = get_f64(&R, "solver rows");
            q->objective_mean = get_f64(&R, "solver rows");
            q->objective_std = get_f64(&R, "solver rows");
            q->residual_mean = get_f64(&R, "solver rows");
            q->residual_median = get_f64(&R, "solver rows");
            if (q->solver >= SOLVER_NKINDS && !R.bad) {
                R.bad = 1;
                R.what = "solver rows (unknown solver)";
            }
            r->nsolver = (size_t)i + 1;
        }
    }
    {
        uint64_t nt = get_u64(&R, "track"), nx = get_u64(&R, "track");
        uint64_t ny = get_u64(&R, "track"), ns = get_u64(&R, "track");
        int has_ystar = get_u8(&R, "track");
        r->nx = (size_t)nx;
        r->ny = (size_t)ny;
        if (nt && !R.bad) {
            r->track_x = get_f64s(&R, mul(nt, nx), "track x");
            if (has_ystar) r->track_ystar = get_f64s(&R, mul(nt, ny), "track ystar");
            if (fits(&R, ns, 8, "track steps")) {
                if (!(r->track_steps = malloc((size_t)ns * sizeof *r->track_steps + 1))) goto oom;
                for (i = 0; i < ns; i++) r->track_steps[i] = get_i64(&R, "track steps");
            }
            r->track_yhat = get_f64s(&R, mul(mul(ns, nt), ny), "track yhat");
            if (!R.bad) {
                r->ntrack = (size_t)nt;
                r->ntrack_steps = r->cap_track_steps = (size_t)ns;
            }
        }
    }
    n = get_u64(&R, "predictions");
    if (n && !R.bad) {
        r->predictions = get_f64s(&R, mul(n, r->ny), "predictions");
        r->npredict = (size_t)n;
    }
    r->has_validation = get_u8(&R, "validation");
    r->validation_mean = get_f64(&R, "validation");
    r->validation_std = get_f64(&R, "validation");
    r->initial_validation_mean = get_f64(&R, "validation");
    decode_tolerances(&R, r);
    decode_iterates(&R, r);
    m = take(&R, 4, "end marker");
    if (!R.bad && memcmp(m, TRAILER, 4)) {
        R.bad = 1;
        R.what = "end marker";
    }
    if (!R.bad && R.left) {
        R.bad = 1;
        R.what = "trailing bytes";
    }
    if (R.bad)
        return amor_errorf(err, errlen, AMOR_EDATA, "malformed cell result (at %s, %zu of %zu bytes read)",
                           R.what, len - R.left, len);
    return 0;
oom:
    return amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory decoding a cell result");
}

int codec_decode_progress(const void *buf, size_t len, codec_progress *p)
{
    reader R = {buf, len, 0, NULL};
    p->phase = get_u8(&R, "progress");
    p->step = get_i64(&R, "progress");
    p->steps = get_i64(&R, "progress");
    p->loss = get_f64(&R, "progress");
    return R.bad || R.left ? -1 : 0;
}

void codec_encode_progress(int phase, long step, long steps, double loss, sbuf *b)
{
    put_u8(b, (unsigned)phase);
    put_i64(b, step);
    put_i64(b, steps);
    put_f64(b, loss);
}
