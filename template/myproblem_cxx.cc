// myproblem_cxx.cc -- the template's problem written in C++ (C++11 or later;
// `make cxx` builds myproblem_cxx.so).  amor.h compiles as C++; what differs
// from C is how the tables are filled in:
//
//   - C++ before C++20 has no designated initializers, and positional ones
//     put a function in the wrong slot silently (solve, project and initial
//     share one type).  So each table is built by a function that
//     value-initializes the struct (every member NULL / 0) and assigns the
//     members by name: make_desc() and param() below.
//   - The callbacks are called through C function pointers: declare them in
//     an extern "C" block, and let no exception cross it (catch, and return
//     a status with a message).
//
// The example: f(y; x) = 1/2 sum_k w_k (y_k - x_k)^2, x ~ N(0, I), y* = x,
// with weights w_k uniform on [0.5, 2] drawn at create from `seed`.
#include <amor.h>

#include <new>
#include <vector>

namespace {

enum { P_DIM, P_SEED, NUM_P };

struct myproblem {
    std::size_t d;         // nx = ny = dim
    std::vector<double> w; // (d) fixed weights, from seed
};

// One row's f and, with g, its gradient w (y - x).
double row(const myproblem &p, const double *x, const double *y, double *g)
{
    double f = 0.0;
    for (std::size_t k = 0; k < p.d; k++) {
        double r = y[k] - x[k];
        f += 0.5 * p.w[k] * r * r;
        if (g) g[k] = p.w[k] * r;
    }
    return f;
}

} // namespace

extern "C" {

static int my_create(const amor_value *params, void **inst, char *err, size_t errlen)
{
    try {
        myproblem *p = new myproblem;
        p->d = static_cast<std::size_t>(params[P_DIM].i);
        p->w.resize(p->d);
        amor_rng rng; // create gets no rng: the problem's own, from its seed
        amor_rng_seed(&rng, static_cast<uint64_t>(params[P_SEED].i));
        for (std::size_t k = 0; k < p->d; k++) p->w[k] = amor_rng_range(&rng, 0.5, 2.0);
        *inst = p;
        return AMOR_OK;
    } catch (const std::bad_alloc &) {
        return amor_errorf(err, errlen, AMOR_ENOMEM, "myproblem_cxx: out of memory");
    } catch (...) {
        return amor_errorf(err, errlen, AMOR_EINVAL, "myproblem_cxx: create failed");
    }
}

static void my_destroy(void *inst) { delete static_cast<myproblem *>(inst); }

static void my_dims(const void *inst, size_t *nx, size_t *ny)
{
    *nx = *ny = static_cast<const myproblem *>(inst)->d;
}

static int my_sample(void *inst, amor_rng *rng, size_t n, double *x, char *, size_t)
{
    const myproblem *p = static_cast<const myproblem *>(inst);
    for (std::size_t k = 0; k < n * p->d; k++) x[k] = amor_rng_normal(rng);
    return AMOR_OK;
}

static int my_value(void *inst, size_t n, const double *x, const double *y, double *f, char *,
                    size_t)
{
    const myproblem &p = *static_cast<const myproblem *>(inst);
    for (std::size_t i = 0; i < n; i++) f[i] = row(p, x + i * p.d, y + i * p.d, nullptr);
    return AMOR_OK;
}

static int my_value_grad(void *inst, size_t n, const double *x, const double *y, double *f,
                         double *grad, char *, size_t)
{
    const myproblem &p = *static_cast<const myproblem *>(inst);
    for (std::size_t i = 0; i < n; i++) f[i] = row(p, x + i * p.d, y + i * p.d, grad + i * p.d);
    return AMOR_OK;
}

static int my_hvp(void *inst, size_t n, const double *, const double *, const double *v,
                  double *hv, char *, size_t)
{
    const myproblem &p = *static_cast<const myproblem *>(inst);
    for (std::size_t k = 0; k < n * p.d; k++) hv[k] = p.w[k % p.d] * v[k];
    return AMOR_OK;
}

static int my_solve(void *inst, size_t n, const double *x, double *ystar, char *, size_t)
{
    const myproblem &p = *static_cast<const myproblem *>(inst);
    for (std::size_t k = 0; k < n * p.d; k++) ystar[k] = x[k];
    return AMOR_OK;
}

} // extern "C"

namespace {

// A parameter declaration: value-initialized, then the members by name.
amor_param_decl param(const char *name, amor_param_type type, const char *doc, double def,
                      double min, double max)
{
    amor_param_decl d = {};
    d.name = name;
    d.type = type;
    d.doc = doc;
    d.def = def;
    d.min = min;
    d.max = max;
    return d;
}

const amor_param_decl my_params[NUM_P] = {
    param("dim", AMOR_PARAM_INT, "dimension of x and y", 4, 1, 1e6),
    param("seed", AMOR_PARAM_INT, "seed of the fixed weights w, drawn at create", 0, 0, 1e15),
};

amor_problem_desc make_desc()
{
    amor_problem_desc d = {}; // every capability NULL until assigned
    d.head = AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "myproblem_cxx", "1.0",
                       "template (C++): 1/2 sum w_k (y_k - x_k)^2, w from seed, y* = x",
                       my_params, NUM_P);
    d.create = my_create;
    d.destroy = my_destroy;
    d.dims = my_dims;
    d.sample = my_sample;
    d.value = my_value;
    d.value_grad = my_value_grad;
    d.hvp = my_hvp;
    d.solve = my_solve;
    return d;
}

// Built when the shared object is loaded, before the host asks for it.
const amor_problem_desc my_desc = make_desc();

} // namespace

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &my_desc.head : nullptr;
}
