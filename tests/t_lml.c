/*
 * t_lml.c -- the LML projection of plugins/common/lml.c (DCEM's soft top-k):
 *   - closed forms: two entries with k = 1 give sigmoid((x1 - x2) / 2); equal
 *     entries give k / d;
 *   - the optimality conditions on random rows of every scale: sum y = k to
 *     1e-12 and logit(y_i) - x_i the same nu for every i;
 *   - the low-temperature limit: LML of x / eps is the indicator of the k
 *     largest entries (found here by sorting);
 *   - extreme rows (entries of +-1e300) still sum to k, finite;
 *   - the backward against central differences of the forward;
 *   - refusal of k outside (0, d) and of non-finite entries.
 */
#include "tap.h"

#include "lml.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "amor.h"

#define TEST(cond, ...) tap_ok((cond), __VA_ARGS__)

static double sigmoid(double z) { return 1.0 / (1.0 + exp(-z)); }

static void test_closed_forms(void)
{
    double x[6] = {0.3, -1.2, 2.0, 2.0 - 7.5, 4.0, -3.0}, y[6], nu[3];
    double eq[5] = {0.7, 0.7, 0.7, 0.7, 0.7}, ye[5];
    size_t r, i;
    TEST(am_lml_forward(y, nu, x, 3, 2, 1.0) == 0, "three rows of two, k = 1");
    for (r = 0; r < 3; r++) {
        double a = x[2 * r], b = x[2 * r + 1];
        tap_close(y[2 * r], sigmoid(0.5 * (a - b)), 1e-13, 1e-15, "y_1 = sigmoid((x_1 - x_2) / 2)");
        tap_close(y[2 * r + 1], sigmoid(0.5 * (b - a)), 1e-13, 1e-15, "y_2 = sigmoid((x_2 - x_1) / 2)");
        tap_close(nu[r], -0.5 * (a + b), 1e-12, 1e-12, "nu = -(x_1 + x_2) / 2");
    }
    TEST(am_lml_forward(ye, NULL, eq, 1, 5, 2.0) == 0, "equal entries, k = 2 of 5");
    for (i = 0; i < 5; i++) tap_close(ye[i], 0.4, 1e-13, 0, "equal entries: y_i = k / d");
}

/* sum y = k and logit(y_i) - x_i = nu for every entry, for rows scaled by
 * 1, 100 and 1e4 (in the last most entries saturate: there the logit is
 * checked only where y keeps precision). */
static void test_optimality(void)
{
    const double scales[] = {1.0, 100.0, 1e4}, ks[] = {1.0, 2.5, 10.0};
    amor_rng r;
    size_t d = 20, n = 4, si, ki, row, i;
    double *x = malloc(n * d * sizeof *x), *y = malloc(n * d * sizeof *y), nu[4];
    amor_rng_seed(&r, 17);
    for (si = 0; si < 3; si++)
        for (ki = 0; ki < 3; ki++) {
            double worst_sum = 0, worst_kkt = 0;
            for (i = 0; i < n * d; i++) x[i] = scales[si] * amor_rng_normal(&r);
            TEST(am_lml_forward(y, nu, x, n, d, ks[ki]) == 0, "random rows, scale %g, k %g",
                 scales[si], ks[ki]);
            for (row = 0; row < n; row++) {
                double s = 0;
                for (i = 0; i < d; i++) {
                    double yi = y[row * d + i];
                    s += yi;
                    if (yi > 1e-8 && yi < 1 - 1e-8) {
                        double e = fabs(log(yi / (1 - yi)) - x[row * d + i] - nu[row]);
                        e /= 1 + fabs(nu[row]) + fabs(x[row * d + i]);
                        if (e > worst_kkt) worst_kkt = e;
                    }
                }
                if (fabs(s - ks[ki]) > worst_sum) worst_sum = fabs(s - ks[ki]);
            }
            tap_close(worst_sum, 0, 0, 2e-12, "sum y = k");
            tap_close(worst_kkt, 0, 0, 1e-9, "logit(y_i) - x_i = nu (relative)");
        }
    free(x), free(y);
}

static int cmp_desc(const void *a, const void *b)
{
    double u = *(const double *)a, v = *(const double *)b;
    return (u < v) - (u > v);
}

static void test_low_temperature(void)
{
    amor_rng r;
    size_t d = 30, k = 7, i, t;
    double x[30], xs[30], sorted[30], y[30], thr;
    amor_rng_seed(&r, 5);
    for (t = 0; t < 3; t++) {
        double worst = 0;
        for (i = 0; i < d; i++) x[i] = amor_rng_normal(&r);
        memcpy(sorted, x, sizeof x);
        qsort(sorted, d, sizeof *sorted, cmp_desc);
        thr = 0.5 * (sorted[k - 1] + sorted[k]); /* between the k-th and (k+1)-th */
        /* the gap between the k-th and (k+1)-th largest sets the temperature */
        for (i = 0; i < d; i++) xs[i] = x[i] / (1e-3 * (sorted[k - 1] - sorted[k]));
        TEST(am_lml_forward(y, NULL, xs, 1, d, (double)k) == 0, "x / eps, k = 7 of 30");
        for (i = 0; i < d; i++) {
            double e = fabs(y[i] - (x[i] > thr ? 1.0 : 0.0));
            if (e > worst) worst = e;
        }
        tap_close(worst, 0, 0, 1e-11, "low temperature: the top-k indicator of sorting");
    }
}

static void test_extreme(void)
{
    double x[4] = {1e300, -1e300, 0.0, 5.0}, y[4], s = 0;
    size_t i;
    TEST(am_lml_forward(y, NULL, x, 1, 4, 1.5) == 0, "entries of +-1e300");
    for (i = 0; i < 4; i++) {
        TEST(isfinite(y[i]) && y[i] >= 0 && y[i] <= 1, "y_%zu in [0, 1]", i);
        s += y[i];
    }
    tap_close(s, 1.5, 0, 1e-12, "entries of +-1e300: sum y = k");
    tap_close(y[0], 1.0, 0, 1e-15, "the largest is in");
    tap_close(y[1], 0.0, 0, 1e-15, "the smallest is out");
}

/* phi(x) = G . LML(x) for the finite differences. */
static double phi(const double *x, const double *G, size_t n, size_t d, double k, double *y)
{
    double s = 0;
    size_t i;
    if (am_lml_forward(y, NULL, x, n, d, k)) return NAN;
    for (i = 0; i < n * d; i++) s += G[i] * y[i];
    return s;
}

static void test_backward(void)
{
    amor_rng r;
    size_t n = 3, d = 8, i;
    double x[24], G[24], y[24], dx[24], fd[24], h = 1e-6, worst = 0, scale = 0;
    amor_rng_seed(&r, 9);
    for (i = 0; i < n * d; i++) x[i] = 2.0 * amor_rng_normal(&r), G[i] = amor_rng_normal(&r);
    TEST(am_lml_forward(y, NULL, x, n, d, 3.0) == 0, "forward for the backward");
    for (i = 0; i < n * d; i++) dx[i] = 1.0; /* accumulates onto this */
    am_lml_backward(dx, G, y, n, d);
    for (i = 0; i < n * d; i++) {
        double keep = x[i], p, m;
        x[i] = keep + h, p = phi(x, G, n, d, 3.0, y);
        x[i] = keep - h, m = phi(x, G, n, d, 3.0, y);
        x[i] = keep;
        fd[i] = (p - m) / (2 * h);
        if (fabs(dx[i] - 1.0 - fd[i]) > worst) worst = fabs(dx[i] - 1.0 - fd[i]);
        if (fabs(fd[i]) > scale) scale = fabs(fd[i]);
    }
    TEST(scale > 0.05, "the test gradient is not trivially zero (max %g)", scale);
    tap_close(worst, 0, 0, 1e-8 * scale, "backward (accumulated) = central differences");
    {
        /* rows of x + c have the same y: the VJP sums to zero per row */
        double s = 0;
        for (i = 0; i < d; i++) s += dx[i] - 1.0;
        tap_close(s, 0, 0, 1e-14, "the VJP is orthogonal to the all-ones direction");
    }
}

static void test_refusals(void)
{
    double x[3] = {0, 1, 2}, y[3] = {-7, -7, -7};
    TEST(am_lml_forward(y, NULL, x, 1, 3, 0.0) == -1, "k = 0 refused");
    TEST(am_lml_forward(y, NULL, x, 1, 3, 3.0) == -1, "k = d refused");
    TEST(am_lml_forward(y, NULL, x, 1, 3, -1.0) == -1, "k < 0 refused");
    x[1] = NAN;
    TEST(am_lml_forward(y, NULL, x, 1, 3, 1.0) == -1, "a NaN entry refused");
    x[1] = INFINITY;
    TEST(am_lml_forward(y, NULL, x, 1, 3, 1.0) == -1, "an infinite entry refused");
    TEST(y[0] == -7 && y[1] == -7 && y[2] == -7, "nothing written on refusal");
}

int main(void)
{
    test_closed_forms();
    test_optimality();
    test_low_temperature();
    test_extreme();
    test_backward();
    test_refusals();
    return tap_done();
}
