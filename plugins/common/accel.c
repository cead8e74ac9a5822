/*
 * accel.c -- the solver step as a map g(y; x) and the create-time checks of
 * the learned fixed-point accelerators (see accel.h).
 */
#include "accel.h"

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
