/*
 * plugtest.h -- helpers for the C tests of plugins: load a plugin by kind and
 * name from build/plugins (AMOR_TEST_BUILD; tests run from the repository root), make an
 * instance with default or adjusted parameters, and finite differences.
 * Include after tap.h, in one .c file.
 */
#ifndef AMOR_PLUGTEST_H
#define AMOR_PLUGTEST_H

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "amor.h"
#include "loader.h"
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
    double gp, gm;
    for (k = 0; k < len; k++) p[k] += h * d[k];
    gp = g(ctx, p);
    for (k = 0; k < len; k++) p[k] -= 2 * h * d[k];
    gm = g(ctx, p);
    for (k = 0; k < len; k++) p[k] += h * d[k];
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
static const amor_oracle pt_no_oracle = {sizeof(amor_oracle), 0, NULL, 0, 0,
                                         NULL, NULL, NULL, NULL, NULL, NULL};

/* Small helpers the plugin tests share. */
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

#endif
