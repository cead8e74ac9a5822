/*
 * myproblem.c -- a template amor problem plugin, built out of tree against an
 * installed amor (see README.md next to it).  Rename it, then replace the
 * objective.  The example:
 *
 *     f(y; x) = 1/2 |y - x|^2 + lambda sum_k w_k log cosh(y_k),   x ~ N(0, x_std^2 I),
 *
 * a smooth, strictly convex, separable objective whose minimizer has no
 * closed form: y*_k solves y - x_k + lambda w_k tanh(y) = 0, found by a
 * safeguarded Newton iteration per coordinate.  The weights w_k, uniform on
 * [0.5, 1.5], are fixed random data drawn once at create from the `seed`
 * parameter: the same parameters give the same problem, bit for bit.
 *
 * The whole contract is amor.h.  In short: export one function returning
 * const descriptors by index; keep all state in the instance made by create;
 * every hot call takes a batch of n row-major rows (n >= 1); report errors
 * by return code and a message in the host's buffer; never print, exit or
 * keep mutable globals; draw randomness only from the amor_rng passed in,
 * or, at create, from one seeded by a parameter.
 *
 * Descriptors and parameter declarations use C99 designated initializers
 * (.name = ...): the members left out are NULL / 0, and a function in the
 * wrong slot (solve, project and initial share one type) cannot happen
 * silently.  C++ before C++20 has none: see myproblem_cxx.cc.
 */
#include <math.h>
#include <stdlib.h>

#include <amor.h>

/* ------------------------------------------------------------------------ */
/* Parameters: declared once, validated by the host, handed to create in     */
/* declaration order (defaults filled in).                                   */

enum { P_DIM, P_LAMBDA, P_X_STD, P_SEED, NUM_P };

/* [P_...] = keeps each declaration at its enum's index; members left out
 * (def_string, def_list, choices, ...) are NULL / 0 */
static const amor_param_decl my_params[NUM_P] = {
    [P_DIM] = {.name = "dim", .type = AMOR_PARAM_INT, .doc = "dimension of x and y",
               .def = 4, .min = 1, .max = 1e6},
    [P_LAMBDA] = {.name = "lambda", .type = AMOR_PARAM_REAL, .doc = "weight of the log-cosh term",
                  .def = 1.0, .min = 0, .max = 1e6},
    [P_X_STD] = {.name = "x_std", .type = AMOR_PARAM_REAL,
                 .doc = "standard deviation of the contexts", .def = 2.0, .min = 0, .max = 1e3},
    /* create gets no rng: fixed random data come from a seed parameter */
    [P_SEED] = {.name = "seed", .type = AMOR_PARAM_INT,
                .doc = "seed of the fixed weights w, drawn at create", .def = 0, .min = 0,
                .max = 1e15},
};

typedef struct myproblem {
    size_t d;      /* nx = ny = dim */
    double lambda;
    double x_std;
    double *w;     /* (d) fixed weights, from seed */
} myproblem;

/* ------------------------------------------------------------------------ */
/* The raw math, apart from the glue                                         */

/* log cosh(v) without overflow: |v| + log1p(e^{-2|v|}) - log 2. */
static double log_cosh(double v)
{
    double a = fabs(v);
    return a + log1p(exp(-2.0 * a)) - log(2.0);
}

/* f of one row; with g != NULL also its gradient y - x + lambda w tanh(y). */
static double my_row(const myproblem *p, const double *x, const double *y, double *g)
{
    double f = 0.0;
    size_t k;
    for (k = 0; k < p->d; k++) {
        double r = y[k] - x[k], lw = p->lambda * p->w[k];
        f += 0.5 * r * r + lw * log_cosh(y[k]);
        if (g) g[k] = r + lw * tanh(y[k]);
    }
    return f;
}

/* The minimizer of 1/2 (y - x)^2 + lambda log cosh(y): the root of
 * h(y) = y - x + lambda tanh(y), which lies between 0 and x (h(0) = -x and
 * h(x) = lambda tanh(x) have opposite signs).  Newton, kept inside the
 * bracket by bisection. */
static double my_solve1(double x, double lambda)
{
    double lo = x < 0 ? x : 0.0, hi = x < 0 ? 0.0 : x, y = x / (1.0 + lambda);
    int it;
    for (it = 0; it < 200; it++) {
        double t = tanh(y), h = y - x + lambda * t, dh = 1.0 + lambda * (1.0 - t * t), yn;
        if (fabs(h) <= 1e-15 * (1.0 + fabs(x))) break;
        if (h > 0) hi = y;
        else lo = y;
        yn = y - h / dh;
        if (!(yn > lo && yn < hi)) yn = 0.5 * (lo + hi);
        if (yn == y) break;
        y = yn;
    }
    return y;
}

/* ------------------------------------------------------------------------ */
/* Plugin glue                                                               */

static void my_destroy(void *inst)
{
    myproblem *p = inst;
    if (p) free(p->w);
    free(p);
}

static int my_create(const amor_value *params, void **inst, char *err, size_t errlen)
{
    myproblem *p = calloc(1, sizeof *p);
    amor_rng rng;
    size_t k;
    if (!p) return amor_errorf(err, errlen, AMOR_ENOMEM, "myproblem: out of memory");
    p->d = (size_t)params[P_DIM].i;
    p->lambda = params[P_LAMBDA].r;
    p->x_std = params[P_X_STD].r;
    if (!(p->w = malloc(p->d * sizeof *p->w))) {
        my_destroy(p);
        return amor_errorf(err, errlen, AMOR_ENOMEM, "myproblem: out of memory");
    }
    /* the problem's own stream, seeded by its parameter: the host's rng is
     * for sample() and the like, and create never sees one */
    amor_rng_seed(&rng, (uint64_t)params[P_SEED].i);
    for (k = 0; k < p->d; k++) p->w[k] = amor_rng_range(&rng, 0.5, 1.5);
    *inst = p;
    return AMOR_OK;
}

static void my_dims(const void *inst, size_t *nx, size_t *ny)
{
    const myproblem *p = inst;
    *nx = *ny = p->d;
}

static int my_sample(void *inst, amor_rng *rng, size_t n, double *x, char *err, size_t errlen)
{
    const myproblem *p = inst;
    size_t k;
    (void)err, (void)errlen;
    for (k = 0; k < n * p->d; k++) x[k] = p->x_std * amor_rng_normal(rng);
    return AMOR_OK;
}

static int my_value(void *inst, size_t n, const double *x, const double *y, double *f, char *err,
                    size_t errlen)
{
    const myproblem *p = inst;
    size_t i;
    (void)err, (void)errlen;
    for (i = 0; i < n; i++) f[i] = my_row(p, x + i * p->d, y + i * p->d, NULL);
    return AMOR_OK;
}

static int my_value_grad(void *inst, size_t n, const double *x, const double *y, double *f,
                         double *grad, char *err, size_t errlen)
{
    const myproblem *p = inst;
    size_t i;
    (void)err, (void)errlen;
    for (i = 0; i < n; i++) f[i] = my_row(p, x + i * p->d, y + i * p->d, grad + i * p->d);
    return AMOR_OK;
}

/* The Hessian is diagonal: 1 + lambda w_k (1 - tanh(y_k)^2). */
static int my_hvp(void *inst, size_t n, const double *x, const double *y, const double *v,
                  double *hv, char *err, size_t errlen)
{
    const myproblem *p = inst;
    size_t k;
    (void)x, (void)err, (void)errlen;
    for (k = 0; k < n * p->d; k++) {
        double t = tanh(y[k]);
        hv[k] = (1.0 + p->lambda * p->w[k % p->d] * (1.0 - t * t)) * v[k];
    }
    return AMOR_OK;
}

static int my_solve(void *inst, size_t n, const double *x, double *ystar, char *err, size_t errlen)
{
    const myproblem *p = inst;
    size_t k;
    for (k = 0; k < n * p->d; k++) {
        if (!isfinite(x[k]))
            return amor_errorf(err, errlen, AMOR_EINVAL, "myproblem: non-finite context");
        ystar[k] = my_solve1(x[k], p->lambda * p->w[k % p->d]);
    }
    return AMOR_OK;
}

static const amor_problem_desc my_desc = {
    .head = AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "myproblem", "1.0",
              "template: 1/2 |y - x|^2 + lambda sum w_k log cosh(y_k), w from seed, y* by Newton",
              my_params, NUM_P),
    .create = my_create,
    .destroy = my_destroy,
    .dims = my_dims,
    .sample = my_sample,
    .value = my_value,
    .value_grad = my_value_grad, /* optional: NULL if you have no gradient */
    .hvp = my_hvp, /* optional: NULL lets the host use finite differences of gradients */
    .solve = my_solve, /* optional: reference solutions y* (regression losses need them) */
    /* every other capability (project, initial, dictionary, the problem's
     * own solver, a validation objective, ...) is left out: NULL */
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &my_desc.head : NULL;
}
