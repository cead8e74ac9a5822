/*
 * mlp.c -- the `mlp` model: a fully-amortized multilayer perceptron
 * x -> act(W1 x + b1) -> ... -> W_L h + b_L = z -> y_hat = T(z), with T an
 * output transform (none, tanh_box, sphere, simplex).  Layers and theta
 * layout are amath's am_mlp (nn.Linear order: W (out, in) then b).
 */
#include <float.h>
#include <stdlib.h>
#include <string.h>

#include "amath.h"
#include "amor.h"

enum { P_HIDDEN, P_ACTIVATION, P_OUTPUT, P_BOX_LO, P_BOX_HI, NUM_P };

static const int64_t mlp_hidden_default[] = {64, 64};

static const amor_param_decl mlp_params[NUM_P] = {
    {"hidden", AMOR_PARAM_INT_LIST, "hidden layer widths (empty: affine)", 0,
     NULL, mlp_hidden_default, 2, 1, 65536, NULL},
    {"activation", AMOR_PARAM_STRING, "hidden-layer activation", 0, "relu",
     NULL, 0, 0, 0, AM_ACT_CHOICES},
    {"output", AMOR_PARAM_STRING, "transform of the last layer's output", 0,
     "none", NULL, 0, 0, 0, AM_OUT_CHOICES},
    {"box_lo", AMOR_PARAM_REAL, "lower bound of output tanh_box", -1.0, NULL,
     NULL, 0, -DBL_MAX, DBL_MAX, NULL},
    {"box_hi", AMOR_PARAM_REAL, "upper bound of output tanh_box", 1.0, NULL,
     NULL, 0, -DBL_MAX, DBL_MAX, NULL},
};

typedef struct mlp {
    am_mlp net;       /* nx -> hidden ... -> ny */
    am_outmap out;
    size_t nx, ny;
} mlp;

static void mlp_destroy(void *inst)
{
    mlp *m = inst;
    if (!m) return;
    am_mlp_free(&m->net);
    free(m);
}

static int mlp_create(const amor_value *params, const amor_env *env,
                      void **inst, char *err, size_t errlen)
{
    const amor_value *hid = &params[P_HIDDEN];
    am_act act;
    am_outmap out = {AM_OUT_NONE, params[P_BOX_LO].r, params[P_BOX_HI].r};
    am_mlp net;
    mlp *m;
    int rc;
    if ((rc = am_act_parse_hidden(params[P_ACTIVATION].s, &act, "mlp", err, errlen)))
        return rc;
    if (am_out_parse(params[P_OUTPUT].s, &out))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "mlp: parameter 'output' must be one of %s",
                           AM_OUT_CHOICES);
    if (out.kind == AM_OUT_TANH_BOX && !(out.lo < out.hi))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "mlp: output tanh_box needs box_lo < box_hi, got "
                           "[%.17g, %.17g]", out.lo, out.hi);
    if ((rc = am_mlp_create_hidden(&net, env->nx, hid->list, hid->len, env->ny,
                                   act, "mlp", err, errlen)))
        return rc;
    m = calloc(1, sizeof *m);
    if (!m) {
        am_mlp_free(&net);
        return amor_errorf(err, errlen, AMOR_ENOMEM, "mlp: out of memory");
    }
    m->net = net; /* the tables move with it */
    m->out = out;
    m->nx = env->nx;
    m->ny = env->ny;
    *inst = m;
    return AMOR_OK;
}

static size_t mlp_num_params(const void *inst)
{
    return ((const mlp *)inst)->net.num_params;
}

static size_t mlp_num_iterates(const void *inst)
{
    (void)inst;
    return 1;
}

/* ws: the net's hidden activations and scratch, then, with an output
 * transform, z (n, ny), y (n, ny) and dz (n, ny). */
static size_t mlp_workspace_size(const void *inst, size_t n)
{
    const mlp *m = inst;
    size_t net = am_mlp_workspace_size(&m->net, n), extra;
    if (m->out.kind == AM_OUT_NONE) return net;
    if (am_mul_size(n, m->ny, &extra) || am_mul_size(extra, 3 * sizeof(double), &extra) ||
        am_add_size(net, extra, &extra))
        return SIZE_MAX;
    return extra;
}

static int mlp_init(void *inst, amor_rng *rng, double *theta, char *err,
                    size_t errlen)
{
    (void)err;
    (void)errlen;
    am_mlp_init_torch(&((const mlp *)inst)->net, theta, rng);
    return AMOR_OK;
}

static double *mlp_extra(const mlp *m, size_t n, void *ws)
{
    return (double *)((char *)ws + am_mlp_workspace_size(&m->net, n));
}

static int mlp_forward(void *inst, const double *theta, size_t n,
                       const double *x, double *iterates, void *ws,
                       unsigned flags, char *err, size_t errlen)
{
    const mlp *m = inst;
    double *z, *y;
    (void)err;
    (void)errlen;
    if (n == 0) return AMOR_OK;
    if (m->out.kind == AM_OUT_NONE) {
        am_mlp_forward(&m->net, iterates, theta, x, n, ws);
        return AMOR_OK;
    }
    z = mlp_extra(m, n, ws); /* (n, ny) */
    y = z + n * m->ny;       /* (n, ny) */
    am_mlp_forward(&m->net, z, theta, x, n, ws);
    am_out_forward(iterates, z, n, m->ny, &m->out);
    if (flags & AMOR_FORWARD_TRAIN) memcpy(y, iterates, n * m->ny * sizeof *y);
    return AMOR_OK;
}

static int mlp_backward(void *inst, const double *theta, size_t n,
                        const double *x, const double *d_iterates,
                        double *dtheta, void *ws, char *err, size_t errlen)
{
    const mlp *m = inst;
    double *z, *y, *dz;
    (void)err;
    (void)errlen;
    if (n == 0) return AMOR_OK;
    if (m->out.kind == AM_OUT_NONE) {
        am_mlp_backward(&m->net, NULL, dtheta, d_iterates, theta, x, n, ws);
        return AMOR_OK;
    }
    z = mlp_extra(m, n, ws); /* (n, ny) */
    y = z + n * m->ny;       /* (n, ny) */
    dz = y + n * m->ny;      /* (n, ny) */
    memset(dz, 0, n * m->ny * sizeof *dz);
    am_out_backward(dz, d_iterates, z, y, n, m->ny, &m->out);
    am_mlp_backward(&m->net, NULL, dtheta, dz, theta, x, n, ws);
    return AMOR_OK;
}

static const amor_model_desc mlp_desc = {
    .head = AMOR_HEAD(amor_model_desc, AMOR_KIND_MODEL, "mlp", "1.0",
              "multilayer perceptron with an optional output transform",
              mlp_params, NUM_P),
    .create = mlp_create,
    .destroy = mlp_destroy,
    .num_params = mlp_num_params,
    .num_iterates = mlp_num_iterates,
    .workspace_size = mlp_workspace_size,
    .init = mlp_init,
    .forward = mlp_forward,
    .backward = mlp_backward,
    .needs = 0, /* needs: fully amortized, never queries f */
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &mlp_desc.head : NULL;
}
