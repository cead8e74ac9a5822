/*
 * lml.h -- the Limited Multi-Label projection (Amos, Koltun & Kolter 2019),
 * the differentiable soft top-k of DCEM's elites: for a row x (d) and
 * 0 < k < d,
 *
 *     y = argmax_{0 < y < 1, 1'y = k}  x'y + H_b(y),
 *     H_b(y) = -sum_i (y_i log y_i + (1 - y_i) log(1 - y_i)),
 *
 * whose solution is y_i = sigmoid(x_i + nu) with the one nu that makes
 * sum_i y_i = k.  As the scale of x grows, y tends to the indicator of the k
 * largest entries (with ties shared).  Rows are independent; nothing
 * allocates, prints or exits.
 */
#ifndef AMOR_LML_H
#define AMOR_LML_H

#include <stddef.h>

/* y (n, d) = LML_k of each row of x (n, d); nu (n, or NULL) receives each
 * row's multiplier.  nu is found by Newton's method on the increasing
 * function g(nu) = sum_i sigmoid(x_i + nu) - k, safeguarded by bisection
 * inside a bracket that holds for any finite row, [-max x - log(d/k) - 1,
 * -min x + log(d/(d-k)) + 1], until |g| <= 1e-12 or the bracket is two
 * adjacent doubles.  Returns 0, or -1 (y and nu unwritten for that row and
 * those after it) when k is not in (0, d) or a row has a non-finite entry. */
int am_lml_forward(double *y, double *nu, const double *x, size_t n, size_t d,
                   double k);

/* The vector-Jacobian product of the projection, by implicit
 * differentiation of its optimality conditions: with s_i = y_i (1 - y_i),
 * J = diag(s) - s s' / 1's is symmetric and dx (n, d) += s .* (dy - (s'dy)
 * / 1's) for each row, given y (n, d) from am_lml_forward and dy (n, d).
 * A row whose s is all zero (every entry saturated) adds nothing. */
void am_lml_backward(double *dx, const double *dy, const double *y, size_t n,
                     size_t d);

#endif
