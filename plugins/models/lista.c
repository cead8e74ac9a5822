/*
 * lista.c -- the `lista` model (Gregor & LeCun 2010, learned ISTA): K layers
 * y^0 = 0, y^t = h_{beta_t}(W x + S y^{t-1}), h the soft threshold, with W
 * and S shared across layers and thresholds per layer or shared.  Started
 * from the problem's dictionary it is exactly K steps of ISTA.
 *
 * theta = [W (ny, nx) | S (ny, ny) | beta (nb, ny)], row-major, with nb = K
 * (threshold = per_layer: row t-1 is layer t's) or 1 (shared).  Thresholds
 * are per coordinate.  A layer uses max(beta, 0) (am_shrink needs lam >= 0);
 * the gradient of a negative entry is therefore 0.
 *
 * Needs: the problem's dictionary with init = dictionary (needs_for says
 * AMOR_NEEDS_DICTIONARY, so the host refuses such a cell on a problem
 * without one before training; create refuses it too), nothing with init =
 * random; f is never queried.  The static `needs` keeps the ABI 1.0 bits of
 * the default's needs (none), all a host without needs_for can check.  On
 * a problem with private task data (nx_model) the model sees the signal
 * width, which is the dictionary's row count.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "amath.h"
#include "amor.h"

enum { P_STEPS, P_THRESHOLD, P_INIT, P_THRESHOLD0, NUM_P };

static const amor_param_decl lista_params[NUM_P] = {
    {"steps", AMOR_PARAM_INT, "number of layers K (iterates y^0 = 0 .. y^K)", 5,
     NULL, NULL, 0, 1, 1000, NULL},
    {"threshold", AMOR_PARAM_STRING,
     "per-coordinate thresholds: one vector per layer, or one shared", 0,
     "per_layer", NULL, 0, 0, 0, "per_layer|shared"},
    {"init", AMOR_PARAM_STRING,
     "dictionary: ISTA (W = D'/L, S = I - D'D/L, beta = lambda/L; needs the "
     "problem's dictionary); random: Gaussian W, S and beta = threshold0",
     0, "dictionary", NULL, 0, 0, 0, "dictionary|random"},
    {"threshold0", AMOR_PARAM_REAL, "initial thresholds of init = random", 0.1,
     NULL, NULL, 0, 0, 1e6, NULL},
};

/* init = dictionary, from a validated value (choices dictionary|random). */
static int lista_from_dict(const amor_value *params)
{
    return !strcmp(params[P_INIT].s, "dictionary");
}

static uint32_t lista_needs_for(const amor_value *params)
{
    return lista_from_dict(params) ? AMOR_NEEDS_DICTIONARY : 0;
}

typedef struct lista {
    size_t nx, ny, K;
    size_t nb;        /* threshold vectors: K (per_layer) or 1 (shared) */
    int from_dict;    /* init = dictionary */
    double beta0;     /* initial threshold (lambda / L or threshold0) */
    double *ws0;      /* init = dictionary: [D'/L (ny, nx) | I - D'D/L (ny, ny)] */
} lista;

static void lista_destroy(void *inst)
{
    lista *m = inst;
    if (!m) return;
    free(m->ws0);
    free(m);
}

/* ISTA's W and S from the problem's D and lambda, into m->ws0 and beta0. */
static int lista_from_dictionary(lista *m, const amor_oracle *o, char *err,
                                 size_t errlen)
{
    size_t nx = m->nx, ny = m->ny, i, j;
    /* (nx, ny), zeroed: the problem writes its nx_model rows, which is nx
     * when the host hides private task data; a host that does not (ABI 1.0)
     * gives wider contexts, and W stays 0 on their private columns. */
    double *d = calloc(nx * ny, sizeof *d);
    double *g = malloc(ny * ny * sizeof *g);      /* (ny, ny) D'D */
    double *w = malloc(2 * ny * sizeof *w);
    double lambda = 0.0, lip, *W, *S;
    int rc;
    m->ws0 = malloc((ny * nx + ny * ny) * sizeof *m->ws0);
    if (!d || !g || !w || !m->ws0) {
        free(d), free(g), free(w);
        return amor_errorf(err, errlen, AMOR_ENOMEM, "lista: out of memory");
    }
    rc = o->dictionary(o->ctx, d, &lambda);
    if (rc) {
        free(d), free(g), free(w);
        return amor_errorf(err, errlen, rc,
                           "lista: init = dictionary: the problem's dictionary "
                           "call failed (status %d)", rc);
    }
    am_gram(g, d, nx, ny);         /* as lasso's, so the two agree on */
    lip = am_sym_maxeig(g, ny, w); /* L = |D|_2^2 bit for bit */
    if (!(lip > 0) || !isfinite(lip) || !(lambda >= 0) || !isfinite(lambda)) {
        free(d), free(g), free(w);
        return amor_errorf(err, errlen, AMOR_ENUMERIC,
                           "lista: init = dictionary: unusable dictionary "
                           "(|D|_2^2 = %g, lambda = %g)", lip, lambda);
    }
    W = m->ws0;
    S = W + ny * nx;
    for (i = 0; i < ny; i++)
        for (j = 0; j < nx; j++) W[i * nx + j] = d[j * ny + i] / lip;
    for (i = 0; i < ny; i++)
        for (j = 0; j < ny; j++)
            S[i * ny + j] = (i == j ? 1.0 : 0.0) - g[i * ny + j] / lip;
    m->beta0 = lambda / lip;
    free(d), free(g), free(w);
    return AMOR_OK;
}

static int lista_create(const amor_value *params, const amor_env *env,
                        void **inst, char *err, size_t errlen)
{
    lista *m;
    int per_layer, from_dict, rc;
    const char *th = params[P_THRESHOLD].s, *in = params[P_INIT].s;
    if (!strcmp(th, "per_layer")) per_layer = 1;
    else if (!strcmp(th, "shared")) per_layer = 0;
    else
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "lista: parameter 'threshold' must be per_layer or "
                           "shared, got '%s'", th);
    if (!strcmp(in, "dictionary")) from_dict = 1;
    else if (!strcmp(in, "random")) from_dict = 0;
    else
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "lista: parameter 'init' must be dictionary or "
                           "random, got '%s'", in);
    if (from_dict && (!env->oracle || !env->oracle->dictionary))
        return amor_errorf(err, errlen, AMOR_ENOTSUP,
                           "lista: parameter 'init' = dictionary needs the "
                           "problem's dictionary capability (sparse coding, "
                           "e.g. lasso), which this problem lacks; use init = "
                           "random");
    if (from_dict && (env->oracle->nx != env->nx || env->oracle->ny != env->ny))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "lista: init = dictionary: the oracle's dimensions "
                           "(%zu, %zu) differ from the model's (%zu, %zu)",
                           env->oracle->nx, env->oracle->ny, env->nx, env->ny);
    if (params[P_STEPS].i < 1 || params[P_STEPS].i > 1000)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "lista: parameter 'steps' must be in [1, 1000], got %lld",
                           (long long)params[P_STEPS].i);
    m = calloc(1, sizeof *m);
    if (!m) return amor_errorf(err, errlen, AMOR_ENOMEM, "lista: out of memory");
    m->nx = env->nx;
    m->ny = env->ny;
    m->K = (size_t)params[P_STEPS].i;
    m->nb = per_layer ? m->K : 1;
    m->from_dict = from_dict;
    m->beta0 = params[P_THRESHOLD0].r;
    if (from_dict && (rc = lista_from_dictionary(m, env->oracle, err, errlen))) {
        lista_destroy(m);
        return rc;
    }
    *inst = m;
    return AMOR_OK;
}

static size_t lista_num_params(const void *inst)
{
    const lista *m = inst;
    return m->ny * m->nx + m->ny * m->ny + m->nb * m->ny;
}

static size_t lista_num_iterates(const void *inst)
{
    return ((const lista *)inst)->K + 1;
}

/* ws, in doubles: b (n, ny) = x W'; z (K, n, ny) pre-threshold of every
 * layer; beff (nb, ny) = max(beta, 0); for backward dy, dz, dB, yp (n, ny)
 * each and dl (ny). */
static size_t lista_workspace_size(const void *inst, size_t n)
{
    const lista *m = inst;
    size_t nny, a, b;
    if (am_mul_size(n, m->ny, &nny) || am_mul_size(nny, m->K + 5, &a) ||
        am_mul_size(m->nb + 1, m->ny, &b) || am_add_size(a, b, &a) ||
        am_mul_size(a, sizeof(double), &a))
        return SIZE_MAX;
    return a;
}

static int lista_init(void *inst, amor_rng *rng, double *theta, char *err,
                      size_t errlen)
{
    const lista *m = inst;
    size_t nw = m->ny * m->nx, ns = m->ny * m->ny, k;
    double *beta = theta + nw + ns;
    (void)err;
    (void)errlen;
    if (m->from_dict) {
        memcpy(theta, m->ws0, (nw + ns) * sizeof *theta);
    } else { /* W: unit gain on x; S: spectral radius about 1/4 */
        am_fill_normal(theta, nw, 0.0, 1.0 / sqrt((double)(m->nx ? m->nx : 1)), rng);
        am_fill_normal(theta + nw, ns, 0.0, 0.25 / sqrt((double)m->ny), rng);
    }
    for (k = 0; k < m->nb * m->ny; k++) beta[k] = m->beta0;
    return AMOR_OK;
}

typedef struct lista_ws {
    double *b, *z, *beff, *dy, *dz, *dB, *yp, *dl;
} lista_ws;

static lista_ws carve(const lista *m, size_t n, void *ws)
{
    size_t nny = n * m->ny;
    lista_ws w;
    w.b = ws;
    w.z = w.b + nny;
    w.beff = w.z + m->K * nny;
    w.dy = w.beff + m->nb * m->ny;
    w.dz = w.dy + nny;
    w.dB = w.dz + nny;
    w.yp = w.dB + nny;
    w.dl = w.yp + nny;
    return w;
}

/* Layer t's (1-based) threshold vector in beff or theta's beta. */
static const double *layer_beta(const lista *m, const double *beta, size_t t)
{
    return m->nb == 1 ? beta : beta + (t - 1) * m->ny;
}

static int lista_forward(void *inst, const double *theta, size_t n,
                         const double *x, double *iterates, void *ws,
                         unsigned flags, char *err, size_t errlen)
{
    const lista *m = inst;
    size_t ny = m->ny, nny = n * ny, t, k;
    const double *W = theta, *S = W + ny * m->nx, *beta = S + ny * ny;
    lista_ws w = carve(m, n, ws);
    (void)flags;
    (void)err;
    (void)errlen;
    if (n == 0) return AMOR_OK;
    for (k = 0; k < m->nb * ny; k++) w.beff[k] = beta[k] > 0 ? beta[k] : 0.0;
    am_dense_forward(w.b, x, W, NULL, n, m->nx, ny);
    memset(iterates, 0, nny * sizeof *iterates); /* y^0 = 0 */
    for (t = 1; t <= m->K; t++) {
        double *zt = w.z + (t - 1) * nny;
        if (t == 1) { /* S y^0 = 0 */
            memcpy(zt, w.b, nny * sizeof *zt);
        } else {
            am_dense_forward(zt, iterates + (t - 1) * nny, S, NULL, n, ny, ny);
            am_daxpy(nny, 1.0, w.b, zt);
        }
        am_shrink_forward(iterates + t * nny, zt, layer_beta(m, w.beff, t), n, ny);
    }
    return AMOR_OK;
}

static int lista_backward(void *inst, const double *theta, size_t n,
                          const double *x, const double *d_iterates,
                          double *dtheta, void *ws, char *err, size_t errlen)
{
    const lista *m = inst;
    size_t ny = m->ny, nny = n * ny, t, j;
    const double *W = theta, *S = W + ny * m->nx, *beta = S + ny * ny;
    double *dW = dtheta, *dS = dW + ny * m->nx, *dbeta = dS + ny * ny;
    lista_ws w = carve(m, n, ws);
    (void)err;
    (void)errlen;
    if (n == 0) return AMOR_OK;
    memset(w.dB, 0, nny * sizeof *w.dB);
    memcpy(w.dy, d_iterates + m->K * nny, nny * sizeof *w.dy);
    for (t = m->K; t >= 1; t--) {
        const double *zt = w.z + (t - 1) * nny, *bt = layer_beta(m, beta, t);
        double *dbt = m->nb == 1 ? dbeta : dbeta + (t - 1) * ny;
        memset(w.dz, 0, nny * sizeof *w.dz);
        memset(w.dl, 0, ny * sizeof *w.dl);
        am_shrink_backward(w.dz, w.dl, w.dy, zt, layer_beta(m, w.beff, t), n, ny);
        for (j = 0; j < ny; j++)
            if (bt[j] >= 0) dbt[j] += w.dl[j]; /* d max(beta, 0) / d beta */
        am_daxpy(nny, 1.0, w.dz, w.dB);
        if (t == 1) break; /* y^0 = 0 does not depend on theta */
        /* y^{t-1} again from its pre-threshold, as forward wrote it */
        am_shrink_forward(w.yp, zt - nny, layer_beta(m, w.beff, t - 1), n, ny);
        memcpy(w.dy, d_iterates + (t - 1) * nny, nny * sizeof *w.dy);
        am_dense_backward(w.dy, dS, NULL, w.dz, w.yp, S, n, ny, ny);
    }
    am_dense_backward(NULL, dW, NULL, w.dB, x, W, n, m->nx, ny);
    return AMOR_OK;
}

static const amor_model_desc lista_desc = {
    .head = AMOR_HEAD(amor_model_desc, AMOR_KIND_MODEL, "lista", "1.0",
              "learned ISTA: y^t = shrink_beta(W x + S y^{t-1}), K layers "
              "sharing W and S",
              lista_params, NUM_P),
    .create = lista_create,
    .destroy = lista_destroy,
    .num_params = lista_num_params,
    .num_iterates = lista_num_iterates,
    .workspace_size = lista_workspace_size,
    .init = lista_init,
    .forward = lista_forward,
    .backward = lista_backward,
    .needs = 0, /* ABI 1.0 bits: none (the dictionary bit comes from needs_for) */
    .needs_for = lista_needs_for,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &lista_desc.head : NULL;
}
