/*
 * amath_impl.h -- internals of the shared plugin math, included by its
 * three files (amath.c, amlp.c, amact.c) and nothing else: the helpers
 * more than one of them uses, static inline so each is defined once.
 * Plugins include amath.h.
 */
#ifndef AMOR_AMATH_IMPL_H
#define AMOR_AMATH_IMPL_H

#include <math.h>
#include <stddef.h>
#include <string.h>

static inline size_t min_sz(size_t a, size_t b) { return a < b ? a : b; }

/* Two-lane double vectors (GCC/Clang vector extensions: SSE2 on any x86-64,
 * NEON on arm64) for the elementwise passes, which -O2 would otherwise
 * compile to one scalar, branchy element at a time.  The lanes do exactly
 * the scalar arithmetic, element by element, so results are bit-identical
 * to the plain loops used elsewhere.  Loads and stores go through memcpy:
 * no alignment is assumed. */
#if defined(__GNUC__) || defined(__clang__)
#define AM_VEC2 1
typedef double am_v2d __attribute__((vector_size(16)));
typedef long long am_v2l __attribute__((vector_size(16)));
static inline am_v2d v2_load(const double *p)
{
    am_v2d v;
    memcpy(&v, p, sizeof v);
    return v;
}
static inline void v2_store(double *p, am_v2d v) { memcpy(p, &v, sizeof v); }
/* a where mask is all ones, else +0.0 */
static inline am_v2d v2_select(am_v2l mask, am_v2d a)
{
    return (am_v2d)((am_v2l)a & mask);
}
#endif

/* dv (d) += row (d); dv must not alias row. */
static inline void add_row(double *dv, const double *row, size_t d)
{
    size_t j = 0;
#ifdef AM_VEC2
    for (; j + 4 <= d; j += 4) {
        v2_store(dv + j, v2_load(dv + j) + v2_load(row + j));
        v2_store(dv + j + 2, v2_load(dv + j + 2) + v2_load(row + j + 2));
    }
#endif
    for (; j < d; j++) dv[j] += row[j];
}

/* 1 / (1 + e^-z) without overflow (softplus' derivative: am_act_backward,
 * and the MLP's fused backward pass) */
static inline double sigmoid(double z)
{
    double e;
    if (z >= 0.0) return 1.0 / (1.0 + exp(-z));
    e = exp(z);
    return e / (1.0 + e);
}

#endif
