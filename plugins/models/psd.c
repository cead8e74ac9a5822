/*
 * psd.c -- the `psd` model: the fully-amortized encoder of predictive sparse
 * decomposition (Kavukcuoglu, Ranzato & LeCun 2008), y_hat = D_p tanh(F x + f)
 * + d_p, with F (hidden, nx), D_p (ny, hidden) and biases f (hidden), d_p (ny).
 * It is amath's am_mlp nx -> hidden -> ny with tanh: theta = [F | f | D_p |
 * d_p] in nn.Linear order, initialized as PyTorch's nn.Linear.
 */
#include <stdlib.h>

#include "amath.h"
#include "amor.h"

enum { P_HIDDEN, NUM_P };

static const amor_param_decl psd_params[NUM_P] = {
    {"hidden", AMOR_PARAM_INT, "width of the tanh layer (rows of F)", 64, NULL,
     NULL, 0, 1, 65536, NULL},
};

typedef struct psd {
    am_mlp net; /* nx -> hidden -> ny, tanh */
} psd;

static void psd_destroy(void *inst)
{
    psd *m = inst;
    if (!m) return;
    am_mlp_free(&m->net);
    free(m);
}

static int psd_create(const amor_value *params, const amor_env *env,
                      void **inst, char *err, size_t errlen)
{
    psd *m;
    int rc;
    if (params[P_HIDDEN].i < 1 || params[P_HIDDEN].i > 65536)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "psd: parameter 'hidden' must be in [1, 65536], got %lld",
                           (long long)params[P_HIDDEN].i);
    m = calloc(1, sizeof *m);
    if (!m) return amor_errorf(err, errlen, AMOR_ENOMEM, "psd: out of memory");
    if ((rc = am_mlp_create_hidden(&m->net, env->nx, &params[P_HIDDEN].i, 1,
                                   env->ny, AM_ACT_TANH, "psd", err, errlen))) {
        free(m);
        return rc;
    }
    *inst = m;
    return AMOR_OK;
}

static size_t psd_num_params(const void *inst)
{
    return ((const psd *)inst)->net.num_params;
}

static size_t psd_num_iterates(const void *inst)
{
    (void)inst;
    return 1;
}

static size_t psd_workspace_size(const void *inst, size_t n)
{
    return am_mlp_workspace_size(&((const psd *)inst)->net, n);
}

static int psd_init(void *inst, amor_rng *rng, double *theta, char *err,
                    size_t errlen)
{
    (void)err;
    (void)errlen;
    am_mlp_init_torch(&((const psd *)inst)->net, theta, rng);
    return AMOR_OK;
}

static int psd_forward(void *inst, const double *theta, size_t n,
                       const double *x, double *iterates, void *ws,
                       unsigned flags, char *err, size_t errlen)
{
    (void)flags;
    (void)err;
    (void)errlen;
    if (n) am_mlp_forward(&((const psd *)inst)->net, iterates, theta, x, n, ws);
    return AMOR_OK;
}

static int psd_backward(void *inst, const double *theta, size_t n,
                        const double *x, const double *d_iterates,
                        double *dtheta, void *ws, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    if (n)
        am_mlp_backward(&((const psd *)inst)->net, NULL, dtheta, d_iterates,
                        theta, x, n, ws);
    return AMOR_OK;
}

static const amor_model_desc psd_desc = {
    .head = AMOR_HEAD(amor_model_desc, AMOR_KIND_MODEL, "psd", "1.0",
              "predictive sparse decomposition encoder D_p tanh(F x + f) + d_p",
              psd_params, NUM_P),
    .create = psd_create,
    .destroy = psd_destroy,
    .num_params = psd_num_params,
    .num_iterates = psd_num_iterates,
    .workspace_size = psd_workspace_size,
    .init = psd_init,
    .forward = psd_forward,
    .backward = psd_backward,
    .needs = 0, /* fully amortized: no oracle call, no dictionary (the
                   encoder alone; PSD's decoder is not part of the model) */
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &psd_desc.head : NULL;
}
