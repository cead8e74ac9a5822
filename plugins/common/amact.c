/*
 * amact.c -- shared plugin math (see amath.h), part 3: elementwise
 * activations, the soft threshold and row-wise output transforms, each
 * forward next to its backward.
 */
#include "amath.h"
#include "amath_impl.h"

#include <math.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Activations                                                              */

static const char *const act_names[] = {"identity", "relu", "tanh",
                                        "softplus", "elu"};
#define NUM_ACTS (sizeof act_names / sizeof act_names[0])

int am_act_parse(const char *name, am_act *act)
{
    size_t i;
    for (i = 0; name && i < NUM_ACTS; i++)
        if (!strcmp(name, act_names[i])) {
            *act = (am_act)i;
            return 0;
        }
    return -1;
}

const char *am_act_name(am_act act)
{
    return (size_t)act < NUM_ACTS ? act_names[act] : "?";
}

static double softplus(double z)
{
    return z > 0.0 ? z + log1p(exp(-z)) : log1p(exp(z));
}

void am_act_forward(double *h, const double *z, size_t len, am_act act)
{
    size_t i;
    switch (act) {
    case AM_ACT_IDENTITY:
        if (h != z && len) memmove(h, z, len * sizeof *h);
        break;
    case AM_ACT_RELU:
        i = 0;
#ifdef AM_VEC2
        for (; i + 4 <= len; i += 4) { /* z > 0 ? z : 0, NaN -> 0 as below */
            am_v2d a = v2_load(z + i), b = v2_load(z + i + 2);
            const am_v2d zero = {0.0, 0.0};
            v2_store(h + i, v2_select(a > zero, a));
            v2_store(h + i + 2, v2_select(b > zero, b));
        }
#endif
        for (; i < len; i++) h[i] = z[i] > 0.0 ? z[i] : 0.0;
        break;
    case AM_ACT_TANH:
        for (i = 0; i < len; i++) h[i] = tanh(z[i]);
        break;
    case AM_ACT_SOFTPLUS:
        for (i = 0; i < len; i++) h[i] = softplus(z[i]);
        break;
    case AM_ACT_ELU:
        for (i = 0; i < len; i++) h[i] = z[i] > 0.0 ? z[i] : expm1(z[i]);
        break;
    }
}

void am_act_backward(double *dz, const double *dh, const double *z,
                     const double *h, size_t len, am_act act)
{
    size_t i;
    switch (act) {
    case AM_ACT_IDENTITY:
        add_row(dz, dh, len);
        break;
    case AM_ACT_RELU:
        i = 0;
#ifdef AM_VEC2
        for (; i + 4 <= len; i += 4) { /* dz += 0 where z <= 0: dz unchanged */
            const am_v2d zero = {0.0, 0.0};
            am_v2d a = v2_load(z + i), b = v2_load(z + i + 2);
            v2_store(dz + i, v2_load(dz + i) + v2_select(a > zero, v2_load(dh + i)));
            v2_store(dz + i + 2,
                     v2_load(dz + i + 2) + v2_select(b > zero, v2_load(dh + i + 2)));
        }
#endif
        for (; i < len; i++)
            if (z[i] > 0.0) dz[i] += dh[i];
        break;
    case AM_ACT_TANH:
        for (i = 0; i < len; i++) dz[i] += dh[i] * (1.0 - h[i] * h[i]);
        break;
    case AM_ACT_SOFTPLUS:
        for (i = 0; i < len; i++) dz[i] += dh[i] * sigmoid(z[i]);
        break;
    case AM_ACT_ELU:
        for (i = 0; i < len; i++) dz[i] += z[i] > 0.0 ? dh[i] : dh[i] * exp(z[i]);
        break;
    }
}

void am_shrink_forward(double *y, const double *z, const double *lam,
                       size_t n, size_t d)
{
    size_t i, j;
    for (i = 0; i < n; i++)
        for (j = 0; j < d; j++) {
            double v = z[i * d + j], t = lam[j];
            y[i * d + j] = v > t ? v - t : v < -t ? v + t : 0.0;
        }
}

void am_shrink_backward(double *dz, double *dlam, const double *dy,
                        const double *z, const double *lam, size_t n, size_t d)
{
    size_t i, j;
    for (i = 0; i < n; i++)
        for (j = 0; j < d; j++) {
            double v = z[i * d + j], g = dy[i * d + j];
            if (v > lam[j]) {
                if (dz) dz[i * d + j] += g;
                if (dlam) dlam[j] -= g;
            } else if (v < -lam[j]) {
                if (dz) dz[i * d + j] += g;
                if (dlam) dlam[j] += g;
            }
        }
}

/* ------------------------------------------------------------------------ */
/* Output transforms                                                        */

static const char *const out_names[] = {"none", "tanh_box", "sphere", "simplex"};
#define NUM_OUTS (sizeof out_names / sizeof out_names[0])

int am_out_parse(const char *name, am_outmap *o)
{
    size_t i;
    for (i = 0; name && i < NUM_OUTS; i++)
        if (!strcmp(name, out_names[i])) {
            o->kind = (am_out)i;
            return 0;
        }
    return -1;
}

/* |z| without overflow or underflow: max |z_j| times the norm of z / max. */
static double norm_scaled(const double *z, size_t d, double *amax_out)
{
    double amax = 0.0, s = 0.0;
    size_t j;
    for (j = 0; j < d; j++)
        if (fabs(z[j]) > amax || isnan(z[j])) amax = fabs(z[j]);
    *amax_out = amax;
    if (amax == 0.0 || !isfinite(amax)) return amax;
    for (j = 0; j < d; j++) {
        double t = z[j] / amax;
        s += t * t;
    }
    return amax * sqrt(s);
}

static void sphere_row(double *y, const double *z, size_t d)
{
    double amax, nrm = norm_scaled(z, d, &amax), inv;
    size_t j;
    if (amax == 0.0) { /* no direction: pick e_1 (zero gradient there) */
        memset(y, 0, d * sizeof *y);
        y[0] = 1.0;
        return;
    }
    if (isfinite(nrm)) { /* divided, not scaled by 1/|z|: rounded once */
        for (j = 0; j < d; j++) y[j] = z[j] / nrm;
        return;
    }
    /* |z| overflows: z / amax has norm in [1, sqrt(d)], safe to divide */
    inv = amax / nrm;
    for (j = 0; j < d; j++) y[j] = (z[j] / amax) * inv;
}

void am_sphere_project(double *y, const double *z, size_t n, size_t d)
{
    size_t i;
    for (i = 0; i < n; i++) sphere_row(y + i * d, z + i * d, d);
}

void am_sphere_project_vjp(double *gin, const double *z, const double *gout, size_t n, size_t d)
{
    size_t i, j;
    for (i = 0; i < n; i++) {
        const double *zi = z + i * d, *go = gout + i * d;
        double *gi = gin + i * d, amax, nrm = norm_scaled(zi, d, &amax), ug = 0.0;
        if (!(amax > 0.0) || !isfinite(nrm)) { /* no direction: zero gradient */
            memset(gi, 0, d * sizeof *gi);
            continue;
        }
        for (j = 0; j < d; j++) ug += zi[j] / nrm * go[j];
        for (j = 0; j < d; j++) gi[j] = (go[j] - zi[j] / nrm * ug) / nrm;
    }
}

static void softmax_row(double *y, const double *z, size_t d)
{
    double mx = z[0], s = 0.0;
    size_t j;
    for (j = 1; j < d; j++)
        if (z[j] > mx) mx = z[j];
    for (j = 0; j < d; j++) s += (y[j] = exp(z[j] - mx));
    for (j = 0; j < d; j++) y[j] /= s;
}

void am_out_forward(double *y, const double *z, size_t n, size_t d,
                    const am_outmap *o)
{
    size_t i;
    if (n == 0 || d == 0) return;
    switch (o->kind) {
    case AM_OUT_NONE:
        memcpy(y, z, n * d * sizeof *y);
        break;
    case AM_OUT_TANH_BOX: {
        double mid = 0.5 * o->lo + 0.5 * o->hi, half = 0.5 * o->hi - 0.5 * o->lo;
        for (i = 0; i < n * d; i++) {
            double v = mid + half * tanh(z[i]);
            y[i] = v < o->lo ? o->lo : v > o->hi ? o->hi : v; /* rounding */
        }
        break;
    }
    case AM_OUT_SPHERE:
        for (i = 0; i < n; i++) sphere_row(y + i * d, z + i * d, d);
        break;
    case AM_OUT_SIMPLEX:
        for (i = 0; i < n; i++) softmax_row(y + i * d, z + i * d, d);
        break;
    }
}

void am_out_backward(double *dz, const double *dy, const double *z,
                     const double *y, size_t n, size_t d, const am_outmap *o)
{
    size_t i, j;
    if (n == 0 || d == 0) return;
    switch (o->kind) {
    case AM_OUT_NONE:
        for (i = 0; i < n * d; i++) dz[i] += dy[i];
        break;
    case AM_OUT_TANH_BOX: {
        double half = 0.5 * o->hi - 0.5 * o->lo; /* no overflow */
        for (i = 0; i < n * d; i++) {
            double t = tanh(z[i]);
            dz[i] += dy[i] * half * (1.0 - t * t);
        }
        break;
    }
    case AM_OUT_SPHERE: /* dz = (I - y y^T) dy / |z| */
        for (i = 0; i < n; i++) {
            const double *zi = z + i * d, *yi = y + i * d, *gi = dy + i * d;
            double amax, nrm = norm_scaled(zi, d, &amax), yg = 0.0;
            if (amax == 0.0) continue;
            for (j = 0; j < d; j++) yg += yi[j] * gi[j];
            for (j = 0; j < d; j++) dz[i * d + j] += (gi[j] - yi[j] * yg) / nrm;
        }
        break;
    case AM_OUT_SIMPLEX: /* dz = y * (dy - y . dy) */
        for (i = 0; i < n; i++) {
            const double *yi = y + i * d, *gi = dy + i * d;
            double yg = 0.0;
            for (j = 0; j < d; j++) yg += yi[j] * gi[j];
            for (j = 0; j < d; j++) dz[i * d + j] += yi[j] * (gi[j] - yg);
        }
        break;
    }
}
