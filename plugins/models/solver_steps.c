/*
 * solver_steps.c -- the `solver_steps` model: K iterations of the problem's
 * own method (amor_problem_desc.solver_step: ISTA or FISTA for lasso,
 * Sinkhorn, ADMM, a fixed-point map) from y = 0, with no parameters: the
 * classical solver cut at K iterations as a model, the baseline that
 * unrolled and learned solvers (LISTA, NeuralFP, ...) are measured against
 * at the same K (e.g. NMSE against K in scripts/warmstart_iters.lua).
 *
 * Iterates: T = K + 1, y^0 = 0 and y^t = the first ny entries of the
 * method's state after t steps (state from solver_init(0)).  theta is empty
 * (num_params 0), so training leaves it as it is (train.steps = 0 is the
 * natural setting) and backward adds nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "amor.h"
#include "unroll.h"

typedef struct ssteps {
    const amor_oracle *o;
    size_t ny, S, K;
} ssteps;

enum { P_STEPS, NUM_P };

static const amor_param_decl ss_params[NUM_P] = {
    {.name = "steps", .type = AMOR_PARAM_INT, .doc = "iterations K of the problem's method",
     .def = 10, .min = 0, .max = 100000},
};

static int ss_create(const amor_value *params, const amor_env *env, void **inst, char *err,
                     size_t errlen)
{
    const amor_oracle *o = env->oracle;
    ssteps *m;
    if (!unroll_has_solver(o, env->ny))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "solver_steps: the problem has no solver of its own (solver_step)");
    if (!(m = malloc(sizeof *m)))
        return amor_errorf(err, errlen, AMOR_ENOMEM, "solver_steps: out of memory");
    m->o = o;
    m->ny = env->ny;
    m->S = o->state_dim;
    m->K = (size_t)params[P_STEPS].i;
    *inst = m;
    return AMOR_OK;
}

static void ss_destroy(void *inst) { free(inst); }

static size_t ss_num_params(const void *inst)
{
    (void)inst;
    return 0;
}

static size_t ss_num_iterates(const void *inst) { return ((const ssteps *)inst)->K + 1; }

/* two states of the batch, stepped in turn */
static size_t ss_workspace_size(const void *inst, size_t n)
{
    const ssteps *m = inst;
    return 2 * n * m->S * sizeof(double);
}

static int ss_init(void *inst, amor_rng *rng, double *theta, char *err, size_t errlen)
{
    (void)inst, (void)rng, (void)theta, (void)err, (void)errlen;
    return AMOR_OK;
}

static int ss_forward(void *inst, const double *theta, size_t n, const double *x,
                      double *iterates, void *ws, unsigned flags, char *err, size_t errlen)
{
    const ssteps *m = inst;
    (void)theta, (void)flags, (void)err, (void)errlen;
    memset(iterates, 0, n * m->ny * sizeof *iterates);
    return unroll_solver_steps(iterates, ws, m->o, m->K, n, m->ny, x);
}

static int ss_backward(void *inst, const double *theta, size_t n, const double *x,
                       const double *d_iterates, double *dtheta, void *ws, char *err,
                       size_t errlen)
{
    (void)inst, (void)theta, (void)n, (void)x, (void)d_iterates, (void)dtheta, (void)ws,
        (void)err, (void)errlen;
    return AMOR_OK; /* no parameters */
}

static const amor_model_desc ss_desc = {
    .head = AMOR_HEAD(amor_model_desc, AMOR_KIND_MODEL, "solver_steps", "1.0",
                      "K iterations of the problem's own method from y = 0, no parameters",
                      ss_params, NUM_P),
    .create = ss_create,
    .destroy = ss_destroy,
    .num_params = ss_num_params,
    .num_iterates = ss_num_iterates,
    .workspace_size = ss_workspace_size,
    .init = ss_init,
    .forward = ss_forward,
    .backward = ss_backward,
    .needs = AMOR_NEEDS_SOLVER,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &ss_desc.head : NULL;
}
