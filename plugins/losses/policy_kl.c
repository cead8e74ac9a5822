/*
 * policy_kl.c -- loss plugin: the KL divergence between the Gaussian policy
 * a model predicts (last iterate) and the problem's pi* (its solve, as a
 * regression loss takes y*): direction = forward, KL(pi* || pi), is guided
 * policy search's regression onto its controller; reverse, KL(pi || pi*),
 * the mode-seeking direction.  Both layouts of gpolicy.h; d is decoded from
 * ny.  Gradient exact (gp_kl).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "amor.h"
#include "gpolicy.h"
#include "lossutil.h"

#define WHO "policy_kl"

enum { P_DIRECTION, P_POLICY, NUM_P };

static const amor_param_decl pkl_params[NUM_P] = {
    {"direction", AMOR_PARAM_STRING,
     "forward: KL(pi* || pi) (GPS, mass-covering); reverse: KL(pi || pi*) (mode-seeking)", 0,
     "forward", NULL, 0, 0, 0, "forward|reverse"},
    {"policy", AMOR_PARAM_STRING,
     "layout of y and y*: gaussian (mu, Cholesky factor with log diagonal) or gaussian_diag "
     "(mu, log sigma), as the problem's policy parameter",
     0, "gaussian", NULL, 0, 0, 0, "gaussian|gaussian_diag"},
};

typedef struct pkl {
    gp_layout lay;
    size_t d, ny;
    int forward;
    lu_buf work; /* gp_kl_work(d) */
} pkl;

static int pkl_create(const amor_value *params, const amor_env *env, void **inst, char *err,
                      size_t errlen)
{
    pkl *p;
    gp_layout lay = gp_layout_of(params[P_POLICY].s);
    size_t d;
    int rc = lu_env_check(env, 0, WHO, err, errlen);
    if (rc) return rc;
    if (gp_dim(lay, env->ny, &d))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           WHO ": ny = %zu fits no policy = %s over d actions (ny = %s for some "
                           "d >= 1); is the problem's policy parameter %s?",
                           env->ny, gp_layout_name(lay),
                           lay == GP_FULL ? "d + d(d+1)/2: 2, 5, 9, 14, ..." : "2d",
                           gp_layout_name(lay));
    p = calloc(1, sizeof *p);
    if (!p || lu_buf_reserve(&p->work, gp_kl_work(d))) {
        free(p);
        return amor_errorf(err, errlen, AMOR_ENOMEM, WHO ": out of memory");
    }
    p->lay = lay;
    p->d = d;
    p->ny = env->ny;
    p->forward = !strcmp(params[P_DIRECTION].s, "forward");
    *inst = p;
    return AMOR_OK;
}

static void pkl_destroy(void *inst)
{
    pkl *p = inst;
    if (!p) return;
    lu_buf_free(&p->work);
    free(p);
}

static int pkl_eval(void *inst, size_t n, size_t T, const double *x, const double *iterates,
                    const double *ystar, amor_rng *rng, double *loss, double *d_iterates,
                    char *err, size_t errlen)
{
    pkl *p = inst;
    size_t block = n * p->ny;
    const double *last;
    double *dlast = NULL;
    (void)x;
    (void)rng;
    if (T == 0) return amor_errorf(err, errlen, AMOR_EINVAL, WHO ": no iterates (T = 0)");
    if (!ystar)
        return amor_errorf(err, errlen, AMOR_EINVAL, WHO ": needs pi* (the problem's solve; got none)");
    last = iterates + (T - 1) * block;
    if (d_iterates) {
        memset(d_iterates, 0, (T - 1) * block * sizeof *d_iterates);
        dlast = d_iterates + (T - 1) * block;
    }
    /* the gradient of the policy's side only (pi* is fixed) */
    if (p->forward)
        gp_kl(p->lay, ystar, p->lay, last, p->d, n, loss, NULL, dlast, p->work.p);
    else
        gp_kl(p->lay, last, p->lay, ystar, p->d, n, loss, dlast, NULL, p->work.p);
    return AMOR_OK;
}

static const amor_loss_desc pkl_desc = {
    .head = AMOR_HEAD(amor_loss_desc, AMOR_KIND_LOSS, WHO, "1.0",
              "KL between the predicted Gaussian policy and the problem's pi* (GPS: forward)",
              pkl_params, NUM_P),
    .create = pkl_create,
    .destroy = pkl_destroy,
    .needs = AMOR_NEEDS_YSTAR,
    .eval = pkl_eval,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &pkl_desc.head : NULL;
}
