/*
 * logkern.c -- log-domain kernel transforms of entropic optimal transport
 * (see logkern.h): a vectorized exp, and the dense and separable
 * log-sum-exps of a Sinkhorn iteration built on one row-wise kernel.
 */
#include <math.h>

#include "amath.h"
#include "logkern.h"

/* ------------------------------------------------------------------------ */
/* exp over an array: glibc's libmvec 2, 4 or 8 at a time (as vaenet.c)      */

static void vexp_tail(double *out, const double *in, size_t j, size_t n)
{
    for (; j < n; j++) out[j] = exp(in[j]);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
__m128d _ZGVbN2v_exp(__m128d);

static void vexp_sse2(double *out, const double *in, size_t n)
{
    size_t j = 0;
    for (; j + 2 <= n; j += 2) _mm_storeu_pd(out + j, _ZGVbN2v_exp(_mm_loadu_pd(in + j)));
    vexp_tail(out, in, j, n);
}

#if defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__)
__attribute__((target("avx2"))) __m256d _ZGVdN4v_exp(__m256d);
__attribute__((target("avx512f"))) __m512d _ZGVeN8v_exp(__m512d);

__attribute__((target("avx2"))) static void vexp_avx2(double *out, const double *in, size_t n)
{
    size_t j = 0;
    for (; j + 4 <= n; j += 4)
        _mm256_storeu_pd(out + j, _ZGVdN4v_exp(_mm256_loadu_pd(in + j)));
    vexp_tail(out, in, j, n);
}

__attribute__((target("avx512f"))) static void vexp_avx512(double *out, const double *in,
                                                           size_t n)
{
    size_t j = 0;
    for (; j + 8 <= n; j += 8)
        _mm512_storeu_pd(out + j, _ZGVeN8v_exp(_mm512_loadu_pd(in + j)));
    vexp_tail(out, in, j, n);
}

typedef void (*vexp_fn)(double *, const double *, size_t);
static vexp_fn vexp_resolve(void)
{
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return vexp_avx512;
    if (__builtin_cpu_supports("avx2")) return vexp_avx2;
    return vexp_sse2;
}
static void vexp_any(double *out, const double *in, size_t n)
    __attribute__((ifunc("vexp_resolve")));
#else
#define vexp_any vexp_sse2
#endif
#else
#define vexp_any(out, in, n) vexp_tail(out, in, 0, n)
#endif

void am_vexp(double *out, const double *in, size_t n) { vexp_any(out, in, n); }

/* ------------------------------------------------------------------------ */
/* The row-wise kernel                                                      */

/* For each row i of e (rows, w), the exponents of one target: L[i * ls] =
 * log sum_k exp(e_ik).  If base != NULL, the weighted average of the terms'
 * values too, value_ik = base[x] + o with x = ii ? ii[p] : ibase + p and
 * o = oo ? oo[p] : 0 at p = i vs + k, written as Ai[i * ls] = the index x
 * of the row's largest weight and Ao[i * ls] = value - base[that index]:
 * centred there, so when one weight dominates (a nearly deterministic
 * plan) the average keeps the small differences that an HVP reads, which
 * summing the values themselves would round away.  e is overwritten. */
static void rows_lse(double *L, size_t *Ai, double *Ao, size_t ls, double *e,
                     const double *base, const size_t *ii, size_t ibase, const double *oo,
                     size_t vs, size_t rows, size_t w)
{
    size_t i, k;
    for (i = 0; i < rows; i++) {
        double *ei = e + i * w, mi = -INFINITY;
        size_t km = 0;
        for (k = 0; k < w; k++)
            if (ei[k] > mi) mi = ei[k], km = k;
        if (mi == -INFINITY) /* every term is -inf: exp gives 0, not NaN */
            for (k = 0; k < w; k++) ei[k] = -INFINITY;
        else
            for (k = 0; k < w; k++) ei[k] -= mi;
        L[i * ls] = mi; /* the max, until the sums below */
        if (base) Ai[i * ls] = km; /* the position, until the sums below */
    }
    am_vexp(e, e, rows * w);
    for (i = 0; i < rows; i++) {
        const double *ei = e + i * w;
        double s = 0.0;
        for (k = 0; k < w; k++) s += ei[k];
        if (base) {
            size_t p0 = i * vs, pm = p0 + Ai[i * ls], xm = ii ? ii[pm] : ibase + pm;
            double om = oo ? oo[pm] : 0.0, sv = 0.0;
            for (k = 0; k < w; k++) {
                size_t p = p0 + k, x = ii ? ii[p] : ibase + p;
                double d = (x == xm ? 0.0 : base[x] - base[xm]) + ((oo ? oo[p] : 0.0) - om);
                sv += d * ei[k];
            }
            Ai[i * ls] = xm;
            Ao[i * ls] = om + (s > 0 ? sv / s : 0.0);
        }
        if (s > 0) L[i * ls] += log(s); /* else the max stays -inf */
    }
}

void am_lse_dense(double *L, size_t *Ai, double *Ao, const double *h, const double *base,
                  const size_t *ii, const double *oo, const double *K, size_t n, double *work)
{
    size_t j, k;
    for (j = 0; j < n; j++) {
        const double *kj = K + j * n;
        for (k = 0; k < n; k++) work[k] = h[k] - kj[k];
        rows_lse(L + j, Ai + j, Ao + j, 1, work, base, ii, 0, oo, 0, 1, n);
    }
}

/* Stage 1 along the columns of every image row r: T[c'][r] = log sum_c
 * exp(h[r][c] - K1[c'][c]) (and the average V[c'][r] of row r's values);
 * stage 2 along the rows: L[r'][c'] = log sum_r exp(T[c'][r] - K1[r'][r]),
 * the average of V[c'][.] under those weights being A's. */
void am_lse_sep(double *L, size_t *Ai, double *Ao, const double *h, const double *base,
                const size_t *ii, const double *oo, const double *K1, size_t s, double *work,
                size_t *iwork)
{
    double *e = work, *T = e + s * s, *Vo = T + s * s;
    size_t r, c, q, *Vi = iwork;
    for (r = 0; r < s; r++) {
        const double *hr = h + r * s;
        for (q = 0; q < s; q++)
            for (c = 0; c < s; c++) e[q * s + c] = hr[c] - K1[q * s + c];
        rows_lse(T + r, Vi + r, Vo + r, s, e, base, ii ? ii + r * s : NULL, r * s,
                 oo ? oo + r * s : NULL, 0, s, s);
    }
    for (r = 0; r < s; r++) { /* r = r', q = c' */
        const double *kr = K1 + r * s;
        for (q = 0; q < s; q++)
            for (c = 0; c < s; c++) e[q * s + c] = T[q * s + c] - kr[c];
        rows_lse(L + r * s, Ai + r * s, Ao + r * s, 1, e, base, Vi, 0, Vo, s, s, s);
    }
}

/* ------------------------------------------------------------------------ */
/* Products (see logkern.h)                                                 */

/* w = exp(h - max h); returns the max (-inf: w = 0). */
static double shifted_exp(double *w, const double *h, size_t n)
{
    double m = -INFINITY;
    size_t k;
    for (k = 0; k < n; k++) m = h[k] > m ? h[k] : m;
    if (m == -INFINITY) {
        for (k = 0; k < n; k++) w[k] = 0.0;
        return m;
    }
    for (k = 0; k < n; k++) w[k] = h[k] - m;
    am_vexp(w, w, n);
    return m;
}

static void log_shift(double *L, size_t n, double m)
{
    size_t k;
    for (k = 0; k < n; k++) L[k] = m == -INFINITY ? m : m + log(L[k]);
}

void am_lse_dense_prod(double *L, const double *h, const double *E, size_t n, double *work)
{
    double m = shifted_exp(work, h, n);
    am_dgemv(AM_NOTRANS, n, n, 1.0, E, n, work, 0.0, L);
    log_shift(L, n, m);
}

/* T = W E1^T (T[r][c'] = sum_c W[r][c] E1[c'][c]), then L = E1 T. */
void am_lse_sep_prod(double *L, const double *h, const double *E1, size_t s, double *work)
{
    double *W = work, *T = work + s * s, m = shifted_exp(W, h, s * s);
    am_dgemm(AM_NOTRANS, AM_TRANS, s, s, s, 1.0, W, s, E1, s, 0.0, T, s);
    am_dgemm(AM_NOTRANS, AM_NOTRANS, s, s, s, 1.0, E1, s, T, s, 0.0, L, s);
    log_shift(L, s * s, m);
}
