/*
 * amor.h -- the amor plugin ABI.  This header is the whole contract between the
 * `amor` host and its plugins (problems, models, losses); it is self-contained
 * (C99, libc only), compiles as C and C++, and is documented in place.
 *
 * Words: MUST / MUST NOT / SHOULD / MAY as in RFC 2119.
 *
 * ----------------------------------------------------------------------------
 * Overview
 *
 *   A plugin file is a shared object exporting ONE symbol,
 *
 *       const amor_plugin_head *amor_plugin_descriptor(uint32_t index);
 *
 *   returning the index-th descriptor it carries, or NULL past the last (one
 *   file may carry several plugins, LADSPA/LV2 style).  Every descriptor
 *   begins with an amor_plugin_head whose first three fields are abi_version,
 *   struct_size and kind; `kind` says which full descriptor struct follows
 *   (amor_problem_desc, amor_model_desc, amor_loss_desc), and the host casts
 *   the head pointer to that struct.  Descriptors are `const`, static, and live
 *   as long as the shared object is loaded.
 *
 *   A plugin's identity is its `name` ([a-z0-9_]+), never its index.
 *
 *   Versioning: the host refuses a descriptor whose abi_version differs from
 *   AMOR_ABI_VERSION (the major version), and one whose struct_size is smaller
 *   than the size of the version-1 descriptor of its kind.  Descriptor structs
 *   only ever grow at the end; the host never reads a field at or past
 *   struct_size (such fields read as NULL / 0).  Optional capabilities are
 *   NULL function pointers.
 *
 *   Instances: `create` makes an opaque instance from validated parameter
 *   values; `destroy` frees it.  `create` MAY do expensive one-time
 *   preparation (e.g. train a decoder whose ELBO is the objective, or
 *   solve a Riccati equation); a plugin that caches such work on disk takes
 *   the cache directory as a parameter (convention: `cache_dir`, default
 *   "results/cache"), keys the cache by every parameter that affects it,
 *   writes it atomically (temporary file + rename) and reproduces it bit
 *   for bit from its own seed parameters.  An instance is used by one thread at a time.
 *   Plugins MUST NOT keep mutable global state, print, or exit; they report
 *   failure by returning a non-zero amor_status and writing a one-line,
 *   NUL-terminated message into the host-supplied buffer `err` of `errlen`
 *   bytes (see amor_errorf).
 *
 *   Arrays are row-major `double`: a batch of n contexts is n x nx, a batch of
 *   n solutions n x ny.  Every hot call takes a whole batch: the host
 *   calls with n >= 1 only (never 0), and every n >= 1 MUST work (1, odd
 *   sizes, and batches larger than any block a plugin uses inside).  Unless stated
 *   otherwise, pointers passed to a plugin are owned by the host and valid only
 *   for the duration of the call; output arrays never alias input arrays.
 *
 *   Randomness comes only from the amor_rng passed in by the host (defined
 *   below, inline, so plugins built anywhere reproduce the host's streams bit
 *   for bit).  `create` gets no rng: a plugin that needs fixed random data
 *   at create time (a dictionary, a data subset, an initial point) declares
 *   an integer parameter, by convention `seed` or `<what>_seed`, and draws
 *   from its own amor_rng seeded with amor_rng_seed(&rng, seed) -- the same
 *   parameters then give the same data bit for bit (template/myproblem.c).
 * ----------------------------------------------------------------------------
 */
#ifndef AMOR_H
#define AMOR_H

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Major version: bumped on any incompatible change.  Minor: bumped when a
 * field is appended to a descriptor or environment struct. */
#define AMOR_ABI_VERSION 1u
#define AMOR_ABI_MINOR 2u

/* The exported entry symbol, as a string for dlsym(). */
#define AMOR_ENTRY_SYMBOL "amor_plugin_descriptor"

#if defined(_WIN32)
#define AMOR_EXPORT __declspec(dllexport)
#else
#define AMOR_EXPORT __attribute__((visibility("default")))
#endif

/* Return codes of every fallible call. */
typedef enum amor_status {
    AMOR_OK = 0,
    AMOR_EINVAL = 1,  /* bad argument or parameter value */
    AMOR_ENOMEM = 2,  /* allocation failed */
    AMOR_ENOTSUP = 3, /* capability not provided */
    AMOR_ENUMERIC = 4, /* numerical failure (non-finite value, no convergence) */
    AMOR_EDATA = 5    /* missing or malformed data file */
} amor_status;

typedef enum amor_kind {
    AMOR_KIND_PROBLEM = 1,
    AMOR_KIND_MODEL = 2,
    AMOR_KIND_LOSS = 3
} amor_kind;

/* ------------------------------------------------------------------------ */
/* Errors                                                                   */

/* Write a printf-style message into err (if err != NULL and errlen > 0) and
 * return `code`, so plugins can write `return amor_errorf(err, errlen,
 * AMOR_EINVAL, "dim %zu too large", d);`. */
static inline int amor_errorf(char *err, size_t errlen, int code,
                              const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static inline int amor_errorf(char *err, size_t errlen, int code,
                              const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return code;
}

/* ------------------------------------------------------------------------ */
/* Random numbers: xoshiro256** (Blackman & Vigna), seeded by splitmix64.    */
/* Normal deviates by the Marsaglia polar method (only log and sqrt).        */

typedef struct amor_rng {
    uint64_t s[4];
} amor_rng;

static inline uint64_t amor_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static inline void amor_rng_seed(amor_rng *r, uint64_t seed)
{
    uint64_t st = seed;
    int i;
    for (i = 0; i < 4; i++)
        r->s[i] = amor_splitmix64(&st);
}

static inline uint64_t amor_rng_next(amor_rng *r)
{
    uint64_t *s = r->s;
    uint64_t x = s[1] * 5u;
    uint64_t result = ((x << 7) | (x >> 57)) * 9u;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = (s[3] << 45) | (s[3] >> 19);
    return result;
}

/* Uniform on [0, 1) with 53 random bits. */
static inline double amor_rng_uniform(amor_rng *r)
{
    return (double)(amor_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform on [lo, hi). */
static inline double amor_rng_range(amor_rng *r, double lo, double hi)
{
    return lo + (hi - lo) * amor_rng_uniform(r);
}

/* Standard normal.  Draws pairs and discards the second deviate, so the
 * stream position depends only on the number of calls. */
static inline double amor_rng_normal(amor_rng *r)
{
    double u, v, s;
    do {
        u = 2.0 * amor_rng_uniform(r) - 1.0;
        v = 2.0 * amor_rng_uniform(r) - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    return u * sqrt(-2.0 * log(s) / s);
}

/* Fill out[0..n) with standard normals, using both deviates of each polar
 * pair (about twice as fast as n calls of amor_rng_normal, and a different
 * stream: a plugin picks one of the two and keeps it). */
static inline void amor_rng_normal_fill(amor_rng *r, size_t n, double *out)
{
    size_t i = 0;
    while (i < n) {
        double u, v, s, k;
        do {
            u = 2.0 * amor_rng_uniform(r) - 1.0;
            v = 2.0 * amor_rng_uniform(r) - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        k = sqrt(-2.0 * log(s) / s);
        out[i++] = u * k;
        if (i < n) out[i++] = v * k;
    }
}

/* ------------------------------------------------------------------------ */
/* Declared parameters                                                      */

typedef enum amor_param_type {
    AMOR_PARAM_INT = 1,     /* integer in [min, max] */
    AMOR_PARAM_REAL = 2,    /* finite real in [min, max] */
    AMOR_PARAM_BOOL = 3,    /* true / false */
    AMOR_PARAM_STRING = 4,  /* string, optionally one of `choices` */
    AMOR_PARAM_INT_LIST = 5 /* list of integers, each in [min, max] */
} amor_param_type;

/* One tunable of a plugin.  A plugin lists its tunables as a static array
 * (amor_plugin_head.params / num_params).  Names are unique, [a-z0-9_]+. */
typedef struct amor_param_decl {
    const char *name;
    uint32_t type;           /* amor_param_type */
    const char *doc;         /* one line */
    double def;              /* default of INT, REAL, BOOL (0 or 1) */
    const char *def_string;  /* default of STRING */
    const int64_t *def_list; /* default of INT_LIST (may be NULL if len 0) */
    size_t def_list_len;
    double min, max;         /* inclusive bounds: INT, REAL, INT_LIST elements */
    const char *choices;     /* STRING: allowed values separated by '|', or
                                NULL for any string */
} amor_param_decl;

/* The value of one parameter as handed to `create`.  The host passes an array
 * of values in the order of the plugin's declarations, every entry present
 * (defaults filled in) and validated against its declaration.  The values,
 * including strings and lists, are valid only during `create`: a plugin
 * copies what it keeps. */
typedef struct amor_value {
    int64_t i;            /* INT; BOOL as 0/1 */
    double r;             /* REAL; also INT and BOOL converted to double */
    const char *s;        /* STRING (NUL-terminated); NULL otherwise */
    const int64_t *list;  /* INT_LIST elements; NULL otherwise */
    size_t len;           /* INT_LIST length */
} amor_value;

/* ------------------------------------------------------------------------ */
/* Common descriptor head                                                   */

typedef struct amor_plugin_head {
    uint32_t abi_version;  /* MUST be AMOR_ABI_VERSION */
    uint32_t struct_size;  /* sizeof the full descriptor struct of this kind */
    uint32_t kind;         /* amor_kind */
    uint32_t abi_minor;    /* AMOR_ABI_MINOR the plugin was built with */
    const char *name;      /* identity, [a-z0-9_]+ */
    const char *version;   /* the plugin's own version string, e.g. "1.0" */
    const char *doc;       /* one-line description */
    const amor_param_decl *params; /* tunables, may be NULL if num_params 0 */
    size_t num_params;
} amor_plugin_head;

/* Fill in the head of a descriptor of type T. */
#define AMOR_HEAD(T, KIND, NAME, VERSION, DOC, PARAMS, NPARAMS)                \
    {AMOR_ABI_VERSION, (uint32_t)sizeof(T), (KIND), AMOR_ABI_MINOR, (NAME),    \
     (VERSION), (DOC), (PARAMS), (NPARAMS)}

/* ------------------------------------------------------------------------ */
/* Problems: f(y; x), its context distribution p(x), and what else is known. */

typedef struct amor_problem_desc {
    amor_plugin_head head;

    /* Make an instance from validated parameter values (see amor_value). */
    int (*create)(const amor_value *params, void **inst, char *err,
                  size_t errlen);
    void (*destroy)(void *inst);

    /* Context and solution dimensions; fixed for the instance's life. */
    void (*dims)(const void *inst, size_t *nx, size_t *ny);

    /* Draw n contexts from p(x) into x (n x nx), using only rng. */
    int (*sample)(void *inst, amor_rng *rng, size_t n, double *x, char *err,
                  size_t errlen);

    /* Objective values f[i] = f(y_i; x_i), i < n.  Required. */
    int (*value)(void *inst, size_t n, const double *x, const double *y,
                 double *f, char *err, size_t errlen);

    /* Optional: values and gradients, f (n) and grad (n x ny) = d f / d y. */
    int (*value_grad)(void *inst, size_t n, const double *x, const double *y,
                      double *f, double *grad, char *err, size_t errlen);

    /* Optional: Hessian-vector products hv_i = (d^2 f / d y^2)(y_i; x_i) v_i,
     * v and hv n x ny. */
    int (*hvp)(void *inst, size_t n, const double *x, const double *y,
               const double *v, double *hv, char *err, size_t errlen);

    /* Optional: reference solutions ystar (n x ny) of argmin_y f(y; x). */
    int (*solve)(void *inst, size_t n, const double *x, double *ystar,
                 char *err, size_t errlen);

    /* Optional: project y (n x ny, in place) onto the feasible set C(x). */
    int (*project)(void *inst, size_t n, const double *x, double *y,
                   char *err, size_t errlen);

    /* Optional (with project): vector-Jacobian product of the projection at
     * the unprojected point y: gin_i = (dP/dy (y_i))^T gout_i. */
    int (*project_vjp)(void *inst, size_t n, const double *x, const double *y,
                       const double *gout, double *gin, char *err,
                       size_t errlen);

    /* Optional: the starting point y0 (n x ny) of from-scratch solvers;
     * zeros when NULL. */
    int (*initial)(void *inst, size_t n, const double *x, double *y0,
                   char *err, size_t errlen);

    /* Optional: for problems of the form f(y; x) = 1/2 |x - D y|^2 + g(y)
     * (sparse coding / lasso), the dictionary D (m x ny, row-major, m the
     * visible width nx_model, which is nx without private task data) and the
     * weight lambda of g = lambda |y|_1, so models such as LISTA can start
     * from ISTA.  Either output may be NULL. */
    int (*dictionary)(void *inst, double *D, double *lambda, char *err,
                      size_t errlen);

    /* Optional: a problem-specific view of solutions, e.g. the image a VAE
     * decodes from a latent code (y = (mu, log sigma^2)), for figures.
     * aux_dim gives its length per instance; aux writes out (n x aux_dim)
     * for contexts x (n x nx) and solutions y (n x ny).  Both or neither. */
    size_t (*aux_dim)(const void *inst);
    int (*aux)(void *inst, size_t n, const double *x, const double *y,
               double *out, char *err, size_t errlen);

    /* ---- ABI 1.1: every field below is optional (NULL = absent); the host
     * reads none of them from a descriptor whose struct_size ends before. */

    /* Private task data.  Models see only the first nx_model(inst) <= nx
     * entries of each context; the remaining nx - nx_model entries are task
     * data that the problem's objectives need and models must not see (a
     * meta-learning query set, the sparse code that generated a signal).
     * The host creates models with env->nx = nx_model and hands forward()
     * and backward() the visible part of each context (n x nx_model,
     * contiguous); losses, solvers and every problem call get whole
     * contexts.  NULL, or a return of 0 or nx: everything is visible. */
    size_t (*nx_model)(const void *inst);

    /* Splits.  Draw n contexts for the given split (AMOR_SPLIT_TRAIN or
     * AMOR_SPLIT_HELDOUT), using only rng.  A problem backed by a finite
     * data set keeps the two splits disjoint; a synthetic problem may ignore
     * `split`.  When present the host calls it instead of `sample` (which
     * stays required, for 1.0 hosts, and SHOULD equal the train split). */
    int (*sample_split)(void *inst, amor_rng *rng, uint32_t split, size_t n,
                        double *x, char *err, size_t errlen);

    /* A validation objective over the whole context, same shapes and rules
     * as value / value_grad / hvp (meta-learning's query loss beside the
     * support loss of `value`; any bilevel problem's outer objective).  The
     * host reports held-out metrics with it (runs.csv validation_mean) and
     * hands it to losses (amor_oracle.valid_*); models keep stepping on the
     * training objective.  valid_value is required for the other two. */
    int (*valid_value)(void *inst, size_t n, const double *x, const double *y,
                       double *f, char *err, size_t errlen);
    int (*valid_value_grad)(void *inst, size_t n, const double *x,
                            const double *y, double *f, double *grad,
                            char *err, size_t errlen);
    int (*valid_hvp)(void *inst, size_t n, const double *x, const double *y,
                     const double *v, double *hv, char *err, size_t errlen);

    /* The problem's own iterative solver (ISTA, Sinkhorn, ADMM, a fixed-point
     * map), one iteration at a time on a batch.  All four or none.
     *
     *   state_dim:    the length S >= ny of a solver state per instance; its
     *                 first ny entries are the current y, the rest what the
     *                 method carries (duals, momentum, a penalty rho).
     *   solver_init:  state (n x S) from solutions y (n x ny): state[:ny] = y
     *                 exactly, the rest at the method's defaults.  The host
     *                 starts cold from `initial` (zeros when NULL) and warm
     *                 from a model's prediction through this same call.
     *   solver_step:  next (n x S) = one iteration of the method from state
     *                 (n x S); next never aliases state.  Deterministic.
     *   residual:     r[i] >= 0, the method's convergence criterion at
     *                 state i: absolute, or on a scale fixed by the problem
     *                 (never relative to the starting point, so cold and
     *                 warm starts are judged alike); 0 at a fixed point.
     *                 Each problem documents its meaning. */
    size_t (*state_dim)(const void *inst);
    int (*solver_init)(void *inst, size_t n, const double *x, const double *y,
                       double *state, char *err, size_t errlen);
    int (*solver_step)(void *inst, size_t n, const double *x,
                       const double *state, double *next, char *err,
                       size_t errlen);
    int (*residual)(void *inst, size_t n, const double *x, const double *state,
                    double *r, char *err, size_t errlen);
} amor_problem_desc;

/* The splits of sample_split. */
#define AMOR_SPLIT_TRAIN 0u   /* contexts models are trained on */
#define AMOR_SPLIT_HELDOUT 1u /* contexts they are evaluated on */

/* ------------------------------------------------------------------------ */
/* The oracle: the current problem as seen by a model or a loss.            */
/* Supplied by the host; lets semi-amortized models and losses query f      */
/* without linking the problem, and lets the host count evaluations.        */
/* Each call returns an amor_status; on failure the host already holds the  */
/* message, so the caller just returns the status.  A NULL member means the */
/* capability is absent.                                                    */

typedef struct amor_oracle {
    uint32_t struct_size; /* sizeof(amor_oracle) as built into the host */
    uint32_t reserved;
    void *ctx;            /* first argument of every call */
    size_t nx, ny;
    int (*value)(void *ctx, size_t n, const double *x, const double *y,
                 double *f);
    int (*value_grad)(void *ctx, size_t n, const double *x, const double *y,
                      double *f, double *grad);
    /* Present whenever value_grad is: exact, or a central finite difference
     * of gradients when the problem has no hvp. */
    int (*hvp)(void *ctx, size_t n, const double *x, const double *y,
               const double *v, double *hv);
    int (*project)(void *ctx, size_t n, const double *x, double *y);
    int (*project_vjp)(void *ctx, size_t n, const double *x, const double *y,
                       const double *gout, double *gin);
    /* The problem's dictionary capability (see amor_problem_desc). */
    int (*dictionary)(void *ctx, double *D, double *lambda);

    /* ---- ABI 1.1 (read only when struct_size reaches them). */

    /* The problem's solver (see amor_problem_desc.state_dim ...); state_dim
     * is 0 and the three calls NULL when the problem has none. */
    size_t state_dim;
    int (*solver_init)(void *ctx, size_t n, const double *x, const double *y,
                       double *state);
    int (*solver_step)(void *ctx, size_t n, const double *x,
                       const double *state, double *next);
    int (*residual)(void *ctx, size_t n, const double *x, const double *state,
                    double *r);

    /* The validation objective, for losses only (NULL in a model's oracle,
     * and when the problem has none).  valid_hvp is present whenever
     * valid_value_grad is, by finite differences if need be. */
    int (*valid_value)(void *ctx, size_t n, const double *x, const double *y,
                       double *f);
    int (*valid_value_grad)(void *ctx, size_t n, const double *x,
                            const double *y, double *f, double *grad);
    int (*valid_hvp)(void *ctx, size_t n, const double *x, const double *y,
                     const double *v, double *hv);
} amor_oracle;
/* A model's oracle takes the contexts the model was given: x in every call
 * MUST point at a row of the x passed to the forward() or backward() being
 * run (any n consecutive rows from there).  With private task data
 * (amor_problem_desc.nx_model) the host maps those rows back to whole
 * contexts; it refuses other pointers with AMOR_EINVAL.  Its nx is the
 * visible width.  A loss's oracle takes whole contexts. */

/* ------------------------------------------------------------------------ */
/* Models: y_hat = model(x; theta), possibly through iterates y^0 .. y^K.    */

/* What a model or loss learns about the cell at create time. */
typedef struct amor_env {
    uint32_t struct_size;  /* sizeof(amor_env) as built into the host */
    uint32_t reserved;
    size_t nx, ny;         /* the problem's dimensions */
    size_t num_iterates;   /* losses only: the model's T (>= 1); 0 for models */
    const amor_oracle *oracle; /* the problem; capabilities may be NULL */
    /* ---- ABI 1.1 */
    size_t nx_context;     /* the width of whole contexts: nx for losses; for
                              models nx is the visible width and nx_context
                              >= nx the problem's own */
} amor_env;
/* `env` and `env->oracle` stay valid until the instance is destroyed, so an
 * instance MAY keep the pointers. */

/* What a model or loss needs from the host (amor_model_desc.needs,
 * amor_loss_desc.needs). */
#define AMOR_NEEDS_YSTAR 1u /* reference solutions y* (problem's solve) */
#define AMOR_NEEDS_GRAD 2u  /* the oracle's value_grad (and hvp) */
#define AMOR_NEEDS_VALUE 4u /* the oracle's value (zeroth order) */
/* ABI 1.1 */
#define AMOR_NEEDS_DICTIONARY 8u /* the problem's dictionary */
#define AMOR_NEEDS_SOLVER 16u    /* the problem's solver step and residual */
#define AMOR_NEEDS_VALID 32u     /* the validation objective (losses only) */
#define AMOR_NEEDS_VALID_GRAD 64u /* its gradient (losses only) */
#define AMOR_NEEDS_PROJECT 128u  /* the problem's project and project_vjp */
#define AMOR_NEEDS_HVP 256u      /* the problem's own hvp, exact (without this
                                    bit a host may differentiate value_grad
                                    numerically for the oracle's hvp) */

/* Flags of forward(). */
#define AMOR_FORWARD_TRAIN 1u /* training pass: backward() will follow */

typedef struct amor_model_desc {
    amor_plugin_head head;

    int (*create)(const amor_value *params, const amor_env *env, void **inst,
                  char *err, size_t errlen);
    void (*destroy)(void *inst);

    /* Length of the flat parameter vector theta. */
    size_t (*num_params)(const void *inst);

    /* T >= 1: the number of iterates forward() reports (y^0 .. y^{T-1}); the
     * last is the prediction.  1 for fully-amortized models. */
    size_t (*num_iterates)(const void *inst);

    /* Bytes of workspace forward/backward need for a batch of n.  The host
     * allocates it (64-byte aligned) once per batch size, passes the same
     * block to a forward() and the backward() that follows it, and never
     * touches it itself. */
    size_t (*workspace_size)(const void *inst, size_t n);

    /* Initialize theta (num_params) using only rng. */
    int (*init)(void *inst, amor_rng *rng, double *theta, char *err,
                size_t errlen);

    /* Predict for n contexts x (n x nx): write the iterates, a T x n x ny
     * array (iterate-major; iterates + (T-1)*n*ny is the prediction), and
     * record in ws what backward() needs.  `oracle` is the same as at
     * create.  flags: AMOR_FORWARD_TRAIN or 0 (evaluation). */
    int (*forward)(void *inst, const double *theta, size_t n, const double *x,
                   double *iterates, void *ws, unsigned flags, char *err,
                   size_t errlen);

    /* Reverse pass of the last forward(…, AMOR_FORWARD_TRAIN) on the same
     * batch: given d_iterates (T x n x ny, dL/dy^t for every iterate; rows of
     * iterates a loss ignores are zero), ACCUMULATE dL/dtheta into dtheta
     * (+=).  d_iterates is read-only.  NULL for a model without a gradient
     * (one whose forward runs something non-differentiable, e.g. a policy
     * that changes a solver's parameters): the host then trains it only
     * with train.estimator = "es" (values only) and refuses other training
     * before it starts (hosts built before this rule refuse to load it). */
    int (*backward)(void *inst, const double *theta, size_t n,
                    const double *x, const double *d_iterates, double *dtheta,
                    void *ws, char *err, size_t errlen);

    /* AMOR_NEEDS_* bits (defined below) of what the model queries through
     * the oracle: AMOR_NEEDS_GRAD for semi-amortized models that take
     * gradient steps (they also get hvp), 0 for fully-amortized ones.  The
     * host refuses, before training, a cell whose problem cannot provide
     * them. */
    uint32_t needs;

    /* ---- ABI 1.1 */

    /* Optional: what the model needs with these parameter values (validated,
     * in declaration order, as `create` gets them) when that depends on
     * them, e.g. LISTA started from the problem's dictionary.  The host
     * calls it before `create` and refuses a cell whose problem lacks any
     * bit, naming it.  NULL: `needs`. */
    uint32_t (*needs_for)(const amor_value *params);

    /* ---- ABI 1.2 */

    /* Optional: the model as a policy acting on the problem's own solver
     * (RLQP's learned rho: the model rewrites the method's parameters in
     * the solver state as it runs).  Called with the states (n x S, S the
     * oracle's state_dim) of n contexts: once with k = 0 and prev = NULL
     * right after solver_init, then after every solver step k = 1, 2, ...
     * with prev the states before that step; it MAY rewrite any entry of
     * `state` in place (the next step starts from what it leaves) and MUST
     * be deterministic.  x and ws as in forward() (ws sized by
     * workspace_size(inst, n)); the oracle is bound to x as in forward().
     * The host measures iterations to a tolerance with the policy in the
     * loop (eval.tolerances, the `policy` columns) from the cold start;
     * the model's forward() SHOULD run the same policy, so training sees
     * what is measured.  NULL: the model is not a solver policy. */
    int (*solver_policy)(void *inst, const double *theta, size_t n, const double *x, size_t k,
                         const double *prev, double *state, void *ws, char *err,
                         size_t errlen);
} amor_model_desc;

/* ------------------------------------------------------------------------ */
/* Losses: L(iterates; x, y*) per instance, and its gradient.               */


typedef struct amor_loss_desc {
    amor_plugin_head head;

    int (*create)(const amor_value *params, const amor_env *env, void **inst,
                  char *err, size_t errlen);
    void (*destroy)(void *inst);

    /* AMOR_NEEDS_* bits; the host refuses a cell that cannot provide them. */
    uint32_t needs;

    /* For n contexts x (n x nx), iterates (T x n x ny, as forward() wrote
     * them) and ystar (n x ny, or NULL unless AMOR_NEEDS_YSTAR): write the
     * per-instance loss[i] and, if d_iterates != NULL, d_iterates (T x n x ny)
     * = d loss[i] / d y^t_i (overwritten, not accumulated; zero rows for
     * iterates that do not enter the loss).  The host averages over i.
     * rng is for stochastic losses (e.g. zeroth-order estimators). */
    int (*eval)(void *inst, size_t n, size_t T, const double *x,
                const double *iterates, const double *ystar, amor_rng *rng,
                double *loss, double *d_iterates, char *err, size_t errlen);

    /* ---- ABI 1.1: as amor_model_desc.needs_for. */
    uint32_t (*needs_for)(const amor_value *params);
} amor_loss_desc;

/* ------------------------------------------------------------------------ */
/* The entry symbol every plugin file exports.                              */

typedef const amor_plugin_head *(*amor_descriptor_fn)(uint32_t index);

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index);

#ifdef __cplusplus
}
#endif

#endif /* AMOR_H */
