/*
 * logkern.h -- log-domain kernel transforms of entropic optimal transport:
 * the log-sum-exps of a Sinkhorn iteration over n points with cost matrix
 * C / epsilon = K, either dense (n x n) or separable on an s x s grid
 * (K = K1 (+) K1, the squared-Euclidean cost of grid points, so every
 * transform is two nested s-point log-sum-exps: O(s^3) instead of O(s^4)),
 * with an optional weighted average for Hessian-vector products.
 *
 * For h (n) and each target j:
 *   L_j = log sum_k exp(h_k - K_kj)                      (K symmetric)
 * and, when base != NULL, the average under the same weights of values
 * u_k = base[ii_k] + oo_k (ii NULL: ii_k = k; oo NULL: 0),
 *   avg_j = sum_k u_k exp(h_k - K_kj) / exp(L_j) = base[Ai_j] + Ao_j,
 * returned centred at the value of the largest weight (Ai_j its index
 * into base), so an average of averages (the two halves of a Sinkhorn HVP)
 * keeps differences far below base's rounding when the weights
 * concentrate.  Entries h_k = -inf (points of zero mass) drop out; a target
 * whose every term is -inf gets L_j = -inf and avg_j = u of its first
 * term.  Every exponential is of a max-shifted argument (<= 0), so nothing
 * overflows and no sum of a nonempty set underflows to 0.  Nothing
 * allocates, prints or exits.
 */
#ifndef AMOR_LOGKERN_H
#define AMOR_LOGKERN_H

#include <stddef.h>

/* out (n) = exp(in (n)), vectorized through glibc's libmvec where it can
 * (results agree with exp() to a few ulp; exp(-inf) = 0). */
void am_vexp(double *out, const double *in, size_t n);

/* Dense: K (n, n) symmetric row-major; work (n) doubles.  Ai, Ao, ii, oo
 * are read or written only when base != NULL. */
void am_lse_dense(double *L, size_t *Ai, double *Ao, const double *h,
                  const double *base, const size_t *ii, const double *oo,
                  const double *K, size_t n, double *work);

/* Separable on an s x s grid: point k = (r, c) at index r s + c, K_kl =
 * K1[r][r'] + K1[c][c'] with K1 (s, s) symmetric; every per-point array
 * is (s, s) row-major; work (3 s s) doubles, iwork (s s). */
void am_lse_sep(double *L, size_t *Ai, double *Ao, const double *h,
                const double *base, const size_t *ii, const double *oo,
                const double *K1, size_t s, double *work, size_t *iwork);

/* The same log-sum-exps without averages, as products: with m = max_k h_k
 * and w = exp(h - m) (<= 1, the argmax's 1), L_j = m + log (E w)_j for
 * E = exp(-K).  Exact to rounding as long as exp(-K) is a normal number
 * with room to spare: the argmax's term alone keeps (E w)_j >= exp(-K_max),
 * and a term that underflows to 0 (below 1e-308) weighs nothing against it.
 * So callers take this path only when K_max <= AM_LSE_PRODUCT_KMAX (e^-600
 * = 2.7e-261) and the max-shifted rows otherwise.  Dense: E (n, n)
 * symmetric, a matrix-vector product per measure (dgemm over a batch would
 * do several); work (n).  Separable: E1 = exp(-K1) (s, s), two s x s
 * products; work (2 s s). */
#define AM_LSE_PRODUCT_KMAX 600.0
void am_lse_dense_prod(double *L, const double *h, const double *E, size_t n, double *work);
void am_lse_sep_prod(double *L, const double *h, const double *E1, size_t s, double *work);

#endif
