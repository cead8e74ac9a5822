/*
 * lml.c -- the LML projection and its vector-Jacobian product (lml.h).
 */
#include "lml.h"

#include <math.h>

#define LML_FTOL 1e-12   /* |sum_i y_i - k| at which nu is accepted */
#define LML_MAX_ITERS 4096 /* more than the halvings between any two doubles */

/* sigmoid(z) and sigmoid(z) sigmoid(-z), with one exp of a non-positive
 * argument (no overflow, and s keeps its relative precision where y is
 * within rounding of 1). */
static double sig(double z, double *s)
{
    double e = exp(-fabs(z)), q = 1.0 / (1.0 + e);
    if (s) *s = e * q * q;
    return z >= 0 ? q : e * q;
}

/* nu of one row x (d), 0 < k < d, every entry finite. */
static double lml_nu(const double *x, size_t d, double k)
{
    double xmax = x[0], xmin = x[0], lo, hi, nu;
    size_t i, it;
    for (i = 1; i < d; i++) {
        if (x[i] > xmax) xmax = x[i];
        if (x[i] < xmin) xmin = x[i];
    }
    /* g(lo) < 0: every y_i < e^{-log(d/k) - 1}, so sum y < k / e; g(hi) > 0
     * likewise for 1 - y_i.  Halves are taken before adding so that a
     * bracket spanning most of the doubles does not overflow. */
    lo = -xmax - log((double)d / k) - 1.0;
    hi = -xmin + log((double)d / ((double)d - k)) + 1.0;
    nu = 0.5 * lo + 0.5 * hi;
    for (it = 0; it < LML_MAX_ITERS; it++) {
        double g = -k, dg = 0.0, s, next;
        for (i = 0; i < d; i++) {
            g += sig(x[i] + nu, &s);
            dg += s;
        }
        if (fabs(g) <= LML_FTOL) break;
        if (g < 0) lo = nu;
        else hi = nu;
        next = dg > 0 ? nu - g / dg : lo; /* lo: outside, so bisect */
        if (!(next > lo && next < hi)) next = 0.5 * lo + 0.5 * hi;
        if (next == lo || next == hi || next == nu) break; /* adjacent doubles */
        nu = next;
    }
    return nu;
}

int am_lml_forward(double *y, double *nu, const double *x, size_t n, size_t d,
                   double k)
{
    size_t r, i;
    if (!(k > 0 && k < (double)d)) return -1;
    for (r = 0; r < n; r++) {
        const double *xr = x + r * d;
        double v;
        for (i = 0; i < d; i++)
            if (!isfinite(xr[i])) return -1;
        v = lml_nu(xr, d, k);
        for (i = 0; i < d; i++) y[r * d + i] = sig(xr[i] + v, NULL);
        if (nu) nu[r] = v;
    }
    return 0;
}

void am_lml_backward(double *dx, const double *dy, const double *y, size_t n,
                     size_t d)
{
    size_t r, i;
    for (r = 0; r < n; r++) {
        const double *yr = y + r * d, *gr = dy + r * d;
        double ss = 0.0, sg = 0.0, c;
        for (i = 0; i < d; i++) {
            double s = yr[i] * (1.0 - yr[i]);
            ss += s;
            sg += s * gr[i];
        }
        if (!(ss > 0)) continue;
        c = sg / ss;
        for (i = 0; i < d; i++) dx[r * d + i] += yr[i] * (1.0 - yr[i]) * (gr[i] - c);
    }
}
