/*
 * plugtest.h -- helpers for the C tests of plugins: load a plugin by kind and
 * name from build/plugins (AMOR_TEST_BUILD; tests run from the repository root), make
 * problem, model and loss instances with default or adjusted parameters, wrap a problem
 * in the host's oracle, finite differences, and the numerical checks the tests share.
 * Include after tap.h, in one .c file.  Everything is static inline, so a test
 * program that uses only part of it neither warns nor links the rest.
 */
#ifndef AMOR_PLUGTEST_H
#define AMOR_PLUGTEST_H

#include <dirent.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "amor.h"
#include "loader.h"
#include "oracle.h"
#include "params.h"
#include "tap.h"

#ifndef AMOR_TEST_BUILD
#define AMOR_TEST_BUILD "build" /* the build directory; the Makefile passes $(B) */
#endif

static loader *pt_loader_;

/* The descriptor of plugin `name` of `kind`; bails out of the test program
 * (TAP "Bail out!") when it cannot be loaded. */
static inline const amor_plugin_head *pt_find(uint32_t kind, const char *name)
{
    char err[1024];
    const amor_plugin_head *h;
    if (!pt_loader_) {
        pt_loader_ = loader_new();
        loader_scan_dir(pt_loader_, AMOR_TEST_BUILD "/plugins");
    }
    h = loader_find(pt_loader_, kind, name, err, sizeof err);
    if (!h) {
        printf("Bail out! %s\n", err);
        exit(1);
    }
    return h;
}

/* Parameters with defaults; bail out on failure. */
static inline params_set pt_params(const amor_plugin_head *h)
{
    params_set ps;
    char err[1024];
    if (params_init(&ps, h, err, sizeof err)) {
        printf("Bail out! %s\n", err);
        exit(1);
    }
    return ps;
}

/* Bail out unless rc == 0 (for setup steps that must not fail). */
static inline void pt_must(int rc, const char *what, const char *err)
{
    if (rc) {
        printf("Bail out! %s: %s\n", what, err ? err : "");
        exit(1);
    }
}

/* A scalar function of a flat vector, for finite differences. */
typedef double (*pt_scalar_fn)(void *ctx, const double *p);

/* Central difference of g at p along direction d (len entries), step h:
 * (g(p + h d) - g(p - h d)) / (2h).  p is restored before returning. */
static inline double pt_fd_dir(pt_scalar_fn g, void *ctx, double *p, const double *d,
                        size_t len, double h)
{
    size_t k;
    double gp, gm, *p0 = malloc(len * sizeof *p0);
    if (!p0) return NAN;
    memcpy(p0, p, len * sizeof *p0); /* restored exactly: p + hd - 2hd + hd is not p */
    for (k = 0; k < len; k++) p[k] = p0[k] + h * d[k];
    gp = g(ctx, p);
    for (k = 0; k < len; k++) p[k] = p0[k] - h * d[k];
    gm = g(ctx, p);
    memcpy(p, p0, len * sizeof *p0);
    free(p0);
    return (gp - gm) / (2 * h);
}

/* Full central-difference gradient of g at p into out (len). */
static inline void pt_fd_grad(pt_scalar_fn g, void *ctx, double *p, size_t len,
                       double h, double *out)
{
    size_t k;
    for (k = 0; k < len; k++) {
        double save = p[k], gp, gm;
        p[k] = save + h;
        gp = g(ctx, p);
        p[k] = save - h;
        gm = g(ctx, p);
        p[k] = save;
        out[k] = (gp - gm) / (2 * h);
    }
}

/* A dummy oracle with no capabilities (for fully-amortized models). */
static const amor_oracle pt_no_oracle = {.struct_size = sizeof(amor_oracle)};

/* ------------------------------------------------------------------------ */
/* Small numerical helpers                                                  */

/* The number of elements of an array. */
#define PT_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* n zeroed doubles (at least one, so n = 0 is not NULL); bails out when out of memory. */
static inline double *pt_dalloc(size_t n)
{
    double *p = calloc(n ? n : 1, sizeof *p);
    if (!p) {
        printf("Bail out! out of memory\n");
        exit(1);
    }
    return p;
}

/* p[k] = s * N(0, 1) */
static inline void pt_randn(double *p, size_t len, double s, amor_rng *r)
{
    size_t k;
    for (k = 0; k < len; k++) p[k] = s * amor_rng_normal(r);
}

/* *w = max(*w, e), NaN winning. */
static inline void pt_worsen(double *w, double e)
{
    if (!(e <= *w)) *w = isnan(e) ? INFINITY : e;
}

/* max_k |a_k - b_k| */
static inline double pt_max_absdiff(const double *a, const double *b, size_t len)
{
    double w = 0.0;
    size_t k;
    for (k = 0; k < len; k++) pt_worsen(&w, fabs(a[k] - b[k]));
    return w;
}

/* max_k |a_k - b_k| / max(1, |b_k|) */
static inline double pt_max_relerr(const double *a, const double *b, size_t len)
{
    double w = 0.0;
    size_t k;
    for (k = 0; k < len; k++) pt_worsen(&w, fabs(a[k] - b[k]) / fmax(1.0, fabs(b[k])));
    return w;
}

/* max_k |v_k|, infinite if any entry is NaN (so a scale built from it fails the check). */
static inline double pt_max_abs(const double *v, size_t len)
{
    double w = 0.0;
    size_t k;
    for (k = 0; k < len; k++) pt_worsen(&w, fabs(v[k]));
    return w;
}

/* Whether s contains sub (for checks on error messages). */
static inline int pt_contains(const char *s, const char *sub) { return strstr(s, sub) != NULL; }

/* Remove dir and everything below it (a test's temporary directory); a
 * symbolic link is removed, never followed.  remove() rather than unlink()
 * and rmdir(): <unistd.h> would claim names such as pipe for every test. */
static inline void pt_remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char p[1024];
    if (!d) return;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        if (remove(p) != 0) pt_remove_tree(p); /* a directory not yet empty */
    }
    closedir(d);
    remove(dir);
}

/* ------------------------------------------------------------------------ */
/* Parameter settings                                                       */

/* One parameter to set before create; write them with the PT_* macros.  An
 * entry whose name is NULL is skipped (the unused tail of a fixed-size table). */
typedef struct pt_setting {
    const char *name;
    char type;           /* s string, i int, r real, b bool, l int list, t text */
    const char *s;       /* string, or text read by the declared type (PT_TEXT) */
    double v;            /* int, real or bool */
    const int64_t *list; /* (len) */
    size_t len;
} pt_setting;

#define PT_STR(n, x) {(n), 's', (x), 0, NULL, 0}
#define PT_INT(n, x) {(n), 'i', NULL, (x), NULL, 0}
#define PT_REAL(n, x) {(n), 'r', NULL, (x), NULL, 0}
#define PT_BOOL(n, x) {(n), 'b', NULL, (x), NULL, 0}
#define PT_LIST(n, a) {(n), 'l', NULL, 0, (a), PT_LEN(a)}
#define PT_LISTN(n, a, len) {(n), 'l', NULL, 0, (a), (len)}
#define PT_TEXT(n, x) {(n), 't', (x), 0, NULL, 0} /* as `amor --set n=x` reads it */

/* Set set[0..nset) on ps in order; 0, or the first refusal's status (message in err). */
static inline int pt_apply(params_set *ps, const pt_setting *set, size_t nset, char *err,
                           size_t errlen)
{
    size_t k;
    int rc = 0;
    for (k = 0; k < nset && !rc; k++) {
        const pt_setting *s = &set[k];
        if (!s->name) continue;
        switch (s->type) {
        case 's': rc = params_set_string(ps, s->name, s->s, err, errlen); break;
        case 'i': rc = params_set_int(ps, s->name, (int64_t)s->v, err, errlen); break;
        case 'r': rc = params_set_real(ps, s->name, s->v, err, errlen); break;
        case 'b': rc = params_set_bool(ps, s->name, (int)s->v, err, errlen); break;
        case 'l': rc = params_set_list(ps, s->name, s->list, s->len, err, errlen); break;
        default: rc = params_set_text(ps, s->name, s->s, err, errlen);
        }
    }
    return rc;
}

/* Parameters of h with defaults, then set; bails out if a setting is refused (the
 * tests that expect a refusal call params_set_* themselves, or expect it at create). */
static inline params_set pt_params_with(const amor_plugin_head *h, const pt_setting *set,
                                        size_t nset)
{
    params_set ps = pt_params(h);
    char err[1024] = "";
    pt_must(pt_apply(&ps, set, nset, err, sizeof err), "set parameter", err);
    return ps;
}

/* ------------------------------------------------------------------------ */
/* Problem instances                                                        */

/* A problem instance.  d is a copy of the descriptor, so that a test can drop
 * capabilities (d.hvp = NULL, ...) before pt_prob_wrap; once wrapped, the
 * instance must not move (the oracle points into it). */
typedef struct pt_prob {
    const char *label; /* names the instance in test descriptions */
    amor_problem_desc d;
    void *inst;
    size_t nx, ny;
    oracle_ctx oc; /* the host's oracle over d, after pt_prob_wrap */
    size_t nxm;    /* the width models see (nx_model; nx without private data) */
} pt_prob;

/* The descriptor of problem plugin `name` (bails out if it cannot be loaded). */
static inline const amor_problem_desc *pt_problem(const char *name)
{
    return (const amor_problem_desc *)pt_find(AMOR_KIND_PROBLEM, name);
}

/* Create an instance of d (loaded, or made in the test) with settings, which must be
 * accepted; returns create's status with its message in err (inst NULL on failure). */
static inline int pt_prob_make(pt_prob *p, const amor_problem_desc *d, const pt_setting *set,
                               size_t nset, char *err, size_t errlen)
{
    params_set ps = pt_params_with(&d->head, set, nset);
    int rc;
    memset(p, 0, sizeof *p);
    p->label = d->head.name;
    p->d = *d;
    err[0] = 0;
    rc = d->create(ps.values, &p->inst, err, errlen);
    params_free(&ps);
    if (rc) {
        p->inst = NULL;
    } else {
        d->dims(p->inst, &p->nx, &p->ny);
        p->nxm = oracle_visible_width(d, p->inst, p->nx);
    }
    return rc;
}

/* Problem `name` with settings, labelled `label` (NULL: the name); bails out on failure. */
static inline pt_prob pt_prob_open(const char *name, const char *label, const pt_setting *set,
                                   size_t nset)
{
    pt_prob p;
    char err[1024];
    pt_must(pt_prob_make(&p, pt_problem(name), set, nset, err, sizeof err), name, err);
    if (label) p.label = label;
    return p;
}

/* pt_prob_open with NULL-terminated (const char *name, double value) pairs, set with
 * params_set_real (which routes integer parameters through params_set_int). */
static inline pt_prob pt_prob_openv(const char *name, const char *label, ...)
{
    pt_setting set[16];
    size_t n = 0;
    const char *pname;
    va_list ap;
    va_start(ap, label);
    while ((pname = va_arg(ap, const char *)) != NULL) {
        pt_setting s = PT_REAL(pname, va_arg(ap, double));
        if (n == PT_LEN(set)) pt_must(1, "pt_prob_openv", "too many parameters");
        set[n++] = s;
    }
    va_end(ap);
    return pt_prob_open(name, label, set, n);
}

/* Create and destroy problem `name` with settings: create's status, message in err. */
static inline int pt_prob_try(const char *name, const pt_setting *set, size_t nset, char *err,
                              size_t errlen)
{
    pt_prob p;
    int rc = pt_prob_make(&p, pt_problem(name), set, nset, err, errlen);
    if (!rc) p.d.destroy(p.inst);
    return rc;
}

/* Wrap p in the host's oracle: p->oc.table is what losses see (whole
 * contexts), p->oc.mtable what models see (pt_model_make_view: the visible
 * width nxm, each call's rows mapped back to the whole contexts bound with
 * oracle_bind, any other x refused with AMOR_EINVAL). */
static inline void pt_prob_wrap(pt_prob *p)
{
    pt_must(oracle_init(&p->oc, &p->d, p->inst), "oracle_init", "");
}

/* Oracle calls through p's tables so far, as the host counts them:
 * instances evaluated by value, value_grad, hvp and solver_step. */
static inline uint64_t pt_oracle_calls(const pt_prob *p)
{
    return p->oc.value_calls + p->oc.grad_calls + p->oc.hvp_calls + p->oc.step_calls;
}

/* Free the oracle (if wrapped) and destroy the instance. */
static inline void pt_prob_close(pt_prob *p)
{
    oracle_free(&p->oc);
    if (p->inst) p->d.destroy(p->inst);
    p->inst = NULL;
}

/* n contexts from sample() with an rng seeded with seed into x (n, nx). */
static inline void pt_prob_sample(const pt_prob *p, uint64_t seed, size_t n, double *x)
{
    char err[512] = "";
    amor_rng r;
    amor_rng_seed(&r, seed);
    pt_must(p->d.sample(p->inst, &r, n, x, err, sizeof err), "sample", err);
}

/* f (n) and, when g != NULL, grad f (n, ny) straight from the problem (no oracle). */
static inline void pt_prob_eval(const pt_prob *p, size_t n, const double *x, const double *y,
                                double *f, double *g)
{
    char err[512] = "";
    if (g)
        pt_must(p->d.value_grad(p->inst, n, x, y, f, g, err, sizeof err), "value_grad", err);
    else
        pt_must(p->d.value(p->inst, n, x, y, f, err, sizeof err), "value", err);
}

/* One row of a problem as a scalar function of y for pt_fd_*: its value
 * (pt_row_value), or gradient component comp (pt_row_grad; g is (ny) scratch). */
typedef struct pt_row {
    const pt_prob *p;
    const double *x; /* (nx) */
    size_t comp;
    double *g; /* (ny) */
} pt_row;

static inline double pt_row_value(void *c, const double *y)
{
    pt_row *r = c;
    double f;
    char err[256];
    pt_must(r->p->d.value(r->p->inst, 1, r->x, y, &f, err, sizeof err), "value", err);
    return f;
}

static inline double pt_row_grad(void *c, const double *y)
{
    pt_row *r = c;
    double f;
    char err[256];
    pt_must(r->p->d.value_grad(r->p->inst, 1, r->x, y, &f, r->g, err, sizeof err), "value_grad",
            err);
    return r->g[r->comp];
}

/* Worst errors of a problem's calculus (pt_calculus_errors). */
typedef struct pt_calculus {
    double f; /* max |value's f - value_grad's f| (0 when equal bit for bit) */
    double g; /* gradient vs central differences of value, over max(1, |g|_inf) */
    double h; /* HVP vs central differences of the gradient, over max(1, |Hv|_inf) */
} pt_calculus;

/* value, value_grad and hvp at npts contexts from sample() (rng seeded with seed), with
 * y = y0 + yscale N(0, I) (y0 NULL: 0) and HVP directions v ~ N(0, I) drawn in turn;
 * central differences of step h, times |y| of the row when rel_step. */
static inline pt_calculus pt_calculus_errors(const pt_prob *p, uint64_t seed, size_t npts,
                                             double yscale, const double *y0, double h,
                                             int rel_step)
{
    size_t nx = p->nx, ny = p->ny, i, k;
    double *x = pt_dalloc(npts * nx), *y = pt_dalloc(npts * ny), *v = pt_dalloc(npts * ny);
    double *f = pt_dalloc(npts), *fg = pt_dalloc(npts), *g = pt_dalloc(npts * ny);
    double *hv = pt_dalloc(npts * ny), *fd = pt_dalloc(ny), *scratch = pt_dalloc(ny);
    pt_calculus w = {0, 0, 0};
    char err[512];
    amor_rng rng;
    pt_row r = {p, NULL, 0, scratch};
    amor_rng_seed(&rng, seed);
    pt_must(p->d.sample(p->inst, &rng, npts, x, err, sizeof err), "sample", err);
    for (i = 0; i < npts * ny; i++) {
        y[i] = y0 ? y0[i] + yscale * amor_rng_normal(&rng) : yscale * amor_rng_normal(&rng);
        v[i] = amor_rng_normal(&rng);
    }
    pt_must(p->d.value(p->inst, npts, x, y, f, err, sizeof err), "value", err);
    pt_must(p->d.value_grad(p->inst, npts, x, y, fg, g, err, sizeof err), "value_grad", err);
    pt_must(p->d.hvp(p->inst, npts, x, y, v, hv, err, sizeof err), "hvp", err);
    for (i = 0; i < npts; i++) {
        double *yi = y + i * ny, gs = fmax(1.0, pt_max_abs(g + i * ny, ny));
        double hs = fmax(1.0, pt_max_abs(hv + i * ny, ny)), step = h;
        if (rel_step) {
            double s = 0.0;
            for (k = 0; k < ny; k++) s += yi[k] * yi[k];
            step = h * sqrt(s);
        }
        if (!(f[i] == fg[i])) pt_worsen(&w.f, fabs(f[i] - fg[i])); /* NaN too */
        r.x = x + i * nx;
        pt_fd_grad(pt_row_value, &r, yi, ny, step, fd);
        for (k = 0; k < ny; k++) pt_worsen(&w.g, fabs(fd[k] - g[i * ny + k]) / gs);
        for (k = 0; k < ny; k++) {
            r.comp = k;
            pt_worsen(&w.h, fabs(pt_fd_dir(pt_row_grad, &r, yi, v + i * ny, ny, step) -
                                 hv[i * ny + k]) / hs);
        }
    }
    free(x), free(y), free(v), free(f), free(fg), free(g), free(hv), free(fd), free(scratch);
    return w;
}

/* Differences between batched and one-row calls (pt_batch_diff). */
typedef struct pt_batch {
    size_t bad;         /* entries not equal bit for bit, over every call compared */
    double worst;       /* value, value_grad, hvp: over max(1, |f|), max(1, |row|_inf) */
    double worst_solve; /* solve: over max(1, |y* row|_inf) */
} pt_batch;

/* One batched call over n rows against n single-row calls, for value, value_grad,
 * hvp and solve, and project and project_vjp (counted in bad only) when with_project;
 * contexts from sample() (rng seeded with seed), y and v ~ N(0, I) drawn in turn. */
static inline pt_batch pt_batch_diff(const pt_prob *p, uint64_t seed, size_t n, int with_project)
{
    size_t nx = p->nx, ny = p->ny, i, k;
    double *x = pt_dalloc(n * nx), *y = pt_dalloc(n * ny), *v = pt_dalloc(n * ny);
    double *fb = pt_dalloc(n), *gb = pt_dalloc(n * ny), *fvb = pt_dalloc(n);
    double *hb = pt_dalloc(n * ny), *sb = pt_dalloc(n * ny), *pb = pt_dalloc(n * ny);
    double *jb = pt_dalloc(n * ny), *g1 = pt_dalloc(ny), *h1 = pt_dalloc(ny);
    double *s1 = pt_dalloc(ny), *p1 = pt_dalloc(ny), *j1 = pt_dalloc(ny);
    pt_batch b = {0, 0.0, 0.0};
    char err[512];
    amor_rng rng;
    amor_rng_seed(&rng, seed);
    pt_must(p->d.sample(p->inst, &rng, n, x, err, sizeof err), "sample", err);
    for (i = 0; i < n * ny; i++) {
        y[i] = amor_rng_normal(&rng);
        v[i] = amor_rng_normal(&rng);
    }
    memcpy(pb, y, n * ny * sizeof *y);
    pt_must(p->d.value(p->inst, n, x, y, fb, err, sizeof err), "value", err);
    pt_must(p->d.value_grad(p->inst, n, x, y, fvb, gb, err, sizeof err), "value_grad", err);
    pt_must(p->d.hvp(p->inst, n, x, y, v, hb, err, sizeof err), "hvp", err);
    pt_must(p->d.solve(p->inst, n, x, sb, err, sizeof err), "solve", err);
    if (with_project) {
        pt_must(p->d.project(p->inst, n, x, pb, err, sizeof err), "project", err);
        pt_must(p->d.project_vjp(p->inst, n, x, y, v, jb, err, sizeof err), "project_vjp", err);
    }
    for (i = 0; i < n; i++) {
        const double *xi = x + i * nx, *yi = y + i * ny;
        double f1, fv1, gs = fmax(1.0, pt_max_abs(gb + i * ny, ny));
        double hs = fmax(1.0, pt_max_abs(hb + i * ny, ny)), ss = fmax(1.0, pt_max_abs(sb + i * ny, ny));
        pt_must(p->d.value(p->inst, 1, xi, yi, &f1, err, sizeof err), "value", err);
        pt_must(p->d.value_grad(p->inst, 1, xi, yi, &fv1, g1, err, sizeof err), "value_grad", err);
        pt_must(p->d.hvp(p->inst, 1, xi, yi, v + i * ny, h1, err, sizeof err), "hvp", err);
        pt_must(p->d.solve(p->inst, 1, xi, s1, err, sizeof err), "solve", err);
        if (with_project) {
            memcpy(p1, yi, ny * sizeof *p1);
            pt_must(p->d.project(p->inst, 1, xi, p1, err, sizeof err), "project", err);
            pt_must(p->d.project_vjp(p->inst, 1, xi, yi, v + i * ny, j1, err, sizeof err),
                    "project_vjp", err);
            for (k = 0; k < ny; k++)
                b.bad += !(p1[k] == pb[i * ny + k]) + !(j1[k] == jb[i * ny + k]);
        }
        b.bad += !(f1 == fb[i]) + !(fv1 == fvb[i]);
        pt_worsen(&b.worst, fabs(f1 - fb[i]) / fmax(1.0, fabs(fb[i])));
        pt_worsen(&b.worst, fabs(fv1 - fvb[i]) / fmax(1.0, fabs(fvb[i])));
        for (k = 0; k < ny; k++) {
            b.bad += !(g1[k] == gb[i * ny + k]) + !(h1[k] == hb[i * ny + k]) +
                     !(s1[k] == sb[i * ny + k]);
            pt_worsen(&b.worst, fabs(g1[k] - gb[i * ny + k]) / gs);
            pt_worsen(&b.worst, fabs(h1[k] - hb[i * ny + k]) / hs);
            pt_worsen(&b.worst_solve, fabs(s1[k] - sb[i * ny + k]) / ss);
        }
    }
    free(x), free(y), free(v), free(fb), free(gb), free(fvb), free(hb), free(sb), free(pb);
    free(jb), free(g1), free(h1), free(s1), free(p1), free(j1);
    return b;
}

#include "plugtest_models.h"

#endif
