/*
 * linear.c -- the `linear` model: y_hat = W x + b, fully amortized.
 * theta = W (ny, nx) row-major, then b (ny).
 */
#include <stdlib.h>
#include <string.h>

#include "amath.h"
#include "amor.h"

typedef struct linear {
    size_t nx, ny;
    double init_scale;
} linear;

static const amor_param_decl linear_params[] = {
    {"init_scale", AMOR_PARAM_REAL,
     "W ~ N(0, 1/nx) times this at init (b = 0)", 1.0, NULL, NULL, 0, 0.0,
     1e6, NULL},
};

static int linear_create(const amor_value *params, const amor_env *env,
                         void **inst, char *err, size_t errlen)
{
    linear *m;
    size_t wlen, len;
    if (am_mul_size(env->ny, env->nx, &wlen) || am_add_size(wlen, env->ny, &len))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "linear: nx %zu x ny %zu overflows", env->nx, env->ny);
    m = malloc(sizeof *m);
    if (!m) return amor_errorf(err, errlen, AMOR_ENOMEM, "linear: out of memory");
    m->nx = env->nx;
    m->ny = env->ny;
    m->init_scale = params[0].r;
    *inst = m;
    return AMOR_OK;
}

static void linear_destroy(void *inst) { free(inst); }

static size_t linear_num_params(const void *inst)
{
    const linear *m = inst;
    return m->ny * m->nx + m->ny;
}

static size_t linear_num_iterates(const void *inst)
{
    (void)inst;
    return 1;
}

static size_t linear_workspace_size(const void *inst, size_t n)
{
    (void)inst;
    (void)n;
    return 0; /* backward needs only x, which it is given */
}

static int linear_init(void *inst, amor_rng *rng, double *theta, char *err,
                       size_t errlen)
{
    const linear *m = inst;
    double std = m->nx ? m->init_scale / sqrt((double)m->nx) : 0.0;
    (void)err;
    (void)errlen;
    am_fill_normal(theta, m->ny * m->nx, 0.0, std, rng);
    memset(theta + m->ny * m->nx, 0, m->ny * sizeof *theta); /* b = 0 */
    return AMOR_OK;
}

static int linear_forward(void *inst, const double *theta, size_t n,
                          const double *x, double *iterates, void *ws,
                          unsigned flags, char *err, size_t errlen)
{
    const linear *m = inst;
    const double *w = theta;                  /* (ny, nx) */
    const double *b = theta + m->ny * m->nx;  /* (ny) */
    (void)ws;
    (void)flags;
    (void)err;
    (void)errlen;
    am_dense_forward(iterates, x, w, b, n, m->nx, m->ny); /* (n, ny) */
    return AMOR_OK;
}

static int linear_backward(void *inst, const double *theta, size_t n,
                           const double *x, const double *d_iterates,
                           double *dtheta, void *ws, char *err, size_t errlen)
{
    const linear *m = inst;
    (void)ws;
    (void)err;
    (void)errlen;
    am_dense_backward(NULL, dtheta, dtheta + m->ny * m->nx, d_iterates, x,
                      theta, n, m->nx, m->ny);
    return AMOR_OK;
}

static const amor_model_desc linear_desc = {
    .head = AMOR_HEAD(amor_model_desc, AMOR_KIND_MODEL, "linear", "1.0",
              "affine map y_hat = W x + b",
              linear_params, sizeof linear_params / sizeof linear_params[0]),
    .create = linear_create,
    .destroy = linear_destroy,
    .num_params = linear_num_params,
    .num_iterates = linear_num_iterates,
    .workspace_size = linear_workspace_size,
    .init = linear_init,
    .forward = linear_forward,
    .backward = linear_backward,
    .needs = 0, /* needs: fully amortized, never queries f */
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &linear_desc.head : NULL;
}
