/*
 * accel.c -- the solver step as a map g(y; x) and the create-time checks of
 * the learned fixed-point accelerators (see accel.h).
 */
#include "accel.h"

#include <math.h>
#include <string.h>

#include "unroll.h"

int accel_map(double *fx, double *ws, const amor_oracle *o, size_t n, const double *x,
              const double *y)
{
    size_t S = o->state_dim, ny = o->ny, i;
    double *cur = ws, *next = ws + n * S; /* (n, S) each */
    int rc;
    if ((rc = o->solver_init(o->ctx, n, x, y, cur))) return rc;
    if ((rc = o->solver_step(o->ctx, n, x, cur, next))) return rc;
    for (i = 0; i < n; i++) memcpy(fx + i * ny, next + i * S, ny * sizeof *fx);
    return AMOR_OK;
}

size_t accel_vjp_ws_doubles(size_t n, size_t ny, size_t S)
{
    return 3 * n * ny + 2 * n * S + n;
}

int accel_map_vjp_fd(double *dy, double *ws, const amor_oracle *o, size_t n, const double *x,
                     const double *y, const double *a)
{
    size_t ny = o->ny, S = o->state_dim, i, k, q;
    double *yp = ws, *gp = yp + n * ny, *gm = gp + n * ny, *st = gm + n * ny; /* (n, ny) x3 */
    double *h = st + 2 * n * S;                                             /* (n) */
    int rc;
    for (i = 0; i < n; i++) {
        double m = 1.0;
        for (q = 0; q < ny; q++) m = fmax(m, fabs(y[i * ny + q]));
        h[i] = ACCEL_FD_STEP * m;
    }
    memcpy(yp, y, n * ny * sizeof *yp);
    for (k = 0; k < ny; k++) {
        for (i = 0; i < n; i++) yp[i * ny + k] = y[i * ny + k] + h[i];
        if ((rc = accel_map(gp, st, o, n, x, yp))) return rc;
        for (i = 0; i < n; i++) yp[i * ny + k] = y[i * ny + k] - h[i];
        if ((rc = accel_map(gm, st, o, n, x, yp))) return rc;
        for (i = 0; i < n; i++) {
            double d = (y[i * ny + k] + h[i]) - yp[i * ny + k], s = 0.0;
            for (q = 0; q < ny; q++) s += (gp[i * ny + q] - gm[i * ny + q]) * a[i * ny + q];
            dy[i * ny + k] += s / d;
            yp[i * ny + k] = y[i * ny + k];
        }
    }
    return AMOR_OK;
}

int accel_jacobian_fd(const char *value)
{
    return !strcmp(value, "fd");
}

int accel_check(const amor_env *env, int64_t steps, const char *init, int *learn_init,
                const char *who, char *err, size_t errlen)
{
    if (!strcmp(init, "mlp")) *learn_init = 1;
    else if (!strcmp(init, "zero")) *learn_init = 0;
    else
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "%s: parameter 'init' must be mlp or zero, got '%s'", who, init);
    if (steps < 1 || steps > 1000)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "%s: parameter 'steps' must be in [1, 1000], got %lld", who,
                           (long long)steps);
    if (!env->oracle || !unroll_has_solver(env->oracle, env->ny))
        return amor_errorf(err, errlen, AMOR_ENOTSUP,
                           "%s: needs the problem's solver (solver_init, solver_step), "
                           "which this problem lacks", who);
    return AMOR_OK;
}
