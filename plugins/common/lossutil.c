/*
 * lossutil.c -- shared pieces of the loss plugins: iterate weights, the
 * regression row, the objective through the oracle, env checks, scratch.
 */
#include "lossutil.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const amor_param_decl lu_weight_params[LU_WEIGHT_NPARAMS] = {
    {"weights", AMOR_PARAM_STRING,
     "iterate weights w_t, normalized to sum 1: uniform (1/T), last (only the "
     "prediction), geometric (gamma^(T-1-t)), list (weight_list)",
     0, "uniform", NULL, 0, 0, 0, "uniform|last|geometric|list"},
    {"gamma", AMOR_PARAM_REAL,
     "weights = geometric: w_t proportional to gamma^(T-1-t) (1: uniform, 0: last)",
     0.5, NULL, NULL, 0, 0, 1, NULL},
    {"weight_list", AMOR_PARAM_STRING,
     "weights = list: T comma-separated reals >= 0 with a positive sum, "
     "e.g. \"0.1,0.2,0.7\" (normalized to sum 1)",
     0, "", NULL, 0, 0, 0, NULL},
};

/* Parse the comma-separated reals of s: the first `cap` go to out, all are
 * counted in *count.  Returns 0, or 1 with *bad pointing at the first entry
 * that is not a finite real >= 0. */
static int parse_list(const char *s, double *out, size_t cap, size_t *count,
                      const char **bad)
{
    const char *p = s;
    size_t c = 0;
    for (;;) {
        char *end;
        double v;
        while (isspace((unsigned char)*p)) p++;
        *bad = p;
        v = strtod(p, &end);
        if (end == p || !isfinite(v) || v < 0.0) return 1;
        p = end;
        while (isspace((unsigned char)*p)) p++;
        if (*p != ',' && *p != '\0') return 1;
        if (c < cap) out[c] = v;
        c++;
        if (*p == '\0') break;
        p++; /* past the comma */
    }
    *count = c;
    return 0;
}

int lu_weights(double *w, size_t T, const amor_value *v, const char *who,
               char *err, size_t errlen)
{
    const char *scheme = v[LU_W_WEIGHTS].s ? v[LU_W_WEIGHTS].s : "uniform";
    const char *list = v[LU_W_LIST].s ? v[LU_W_LIST].s : "";
    double sum = 0.0;
    size_t t;
    int is_list = strcmp(scheme, "list") == 0;
    if (T == 0)
        return amor_errorf(err, errlen, AMOR_EINVAL, "%s: no iterates (T = 0)", who);
    if (!is_list && list[0] != '\0')
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "%s: weight_list \"%s\" is given but weights is '%s' "
                           "(set weights = list to use it)", who, list, scheme);
    if (!strcmp(scheme, "uniform")) {
        for (t = 0; t < T; t++) w[t] = 1.0;
    } else if (!strcmp(scheme, "last")) {
        for (t = 0; t < T; t++) w[t] = t + 1 == T ? 1.0 : 0.0;
    } else if (!strcmp(scheme, "geometric")) {
        double gamma = v[LU_W_GAMMA].r, g = 1.0;
        if (!(gamma >= 0.0 && gamma <= 1.0))
            return amor_errorf(err, errlen, AMOR_EINVAL,
                               "%s: gamma = %g is outside [0, 1]", who, gamma);
        for (t = T; t-- > 0;) { /* gamma^(T-1-t), and 0^0 = 1 */
            w[t] = g;
            g *= gamma;
        }
    } else if (is_list) {
        size_t count = 0;
        const char *bad = list;
        if (parse_list(list, w, T, &count, &bad))
            return amor_errorf(err, errlen, AMOR_EINVAL,
                               "%s: weight_list \"%s\": entry \"%.32s\" is not a "
                               "finite real >= 0 (want T = %zu comma-separated reals)",
                               who, list, bad, T);
        if (count != T)
            return amor_errorf(err, errlen, AMOR_EINVAL,
                               "%s: weight_list has %zu entries but the model has "
                               "T = %zu iterates", who, count, T);
    } else {
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "%s: weights = '%s' is not one of "
                           "uniform|last|geometric|list", who, scheme);
    }
    for (t = 0; t < T; t++) sum += w[t];
    if (!(sum > 0.0) || !isfinite(sum))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "%s: weight_list \"%s\" must have a positive, finite sum",
                           who, list);
    if (sum != 1.0)
        for (t = 0; t < T; t++) w[t] /= sum;
    return AMOR_OK;
}

int lu_env_check(const amor_env *env, unsigned needs, const char *who,
                 char *err, size_t errlen)
{
    const amor_oracle *o;
    if (!env || env->struct_size < offsetof(amor_env, oracle) + sizeof env->oracle)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "%s: missing or too small environment", who);
    if (env->num_iterates < 1)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "%s: the model reports no iterates (num_iterates = 0)", who);
    if (env->ny < 1)
        return amor_errorf(err, errlen, AMOR_EINVAL, "%s: ny = 0", who);
    if (!(needs & (AMOR_NEEDS_VALUE | AMOR_NEEDS_GRAD | AMOR_NEEDS_VALID |
                   AMOR_NEEDS_VALID_GRAD)))
        return AMOR_OK;
    o = env->oracle;
    if (!o || o->struct_size < offsetof(amor_oracle, value_grad) + sizeof o->value_grad)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "%s: missing or too small oracle", who);
    if ((needs & (AMOR_NEEDS_VALID | AMOR_NEEDS_VALID_GRAD)) &&
        o->struct_size < offsetof(amor_oracle, valid_hvp) + sizeof o->valid_hvp)
        return amor_errorf(err, errlen, AMOR_ENOTSUP,
                           "%s: loss needs the validation objective, but the host's oracle "
                           "predates it (ABI 1.0)", who);
    if ((needs & AMOR_NEEDS_VALID_GRAD) && !o->valid_value_grad)
        return amor_errorf(err, errlen, AMOR_ENOTSUP,
                           "%s: loss needs the gradient of the problem's validation "
                           "objective, but the oracle has no valid_value_grad", who);
    if ((needs & AMOR_NEEDS_VALID) && !o->valid_value)
        return amor_errorf(err, errlen, AMOR_ENOTSUP,
                           "%s: loss needs the problem's validation objective, but the "
                           "oracle has no valid_value", who);
    if ((needs & AMOR_NEEDS_GRAD) && !o->value_grad)
        return amor_errorf(err, errlen, AMOR_ENOTSUP,
                           "%s: loss needs the problem's gradient, but the oracle "
                           "has no value_grad", who);
    if ((needs & AMOR_NEEDS_VALUE) && !o->value)
        return amor_errorf(err, errlen, AMOR_ENOTSUP,
                           "%s: loss needs the problem's values, but the oracle "
                           "has no value", who);
    return AMOR_OK;
}

int lu_oracle_failed(int rc, char *err, size_t errlen)
{
    if (err && errlen) err[0] = '\0';
    return rc ? rc : AMOR_ENUMERIC;
}

int lu_buf_reserve(lu_buf *b, size_t len)
{
    double *p;
    if (len <= b->len) return 0;
    if (len > (size_t)-1 / sizeof *p) return 1;
    p = realloc(b->p, len * sizeof *p);
    if (!p) return 1;
    b->p = p;
    b->len = len;
    return 0;
}

void lu_buf_free(lu_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = 0;
}

double lu_sqerr_row(double *g, double w, const double *y, const double *ystar,
                    size_t ny)
{
    double ss = 0.0;
    size_t k;
    for (k = 0; k < ny; k++) {
        double r = y[k] - ystar[k];
        ss += r * r;
    }
    if (g)
        for (k = 0; k < ny; k++) g[k] += w * (y[k] - ystar[k]);
    return 0.5 * ss;
}

/* One objective through the oracle: value and value_grad are the oracle's
 * calls of the training or the validation objective (vg names the latter
 * in messages). */
static int objective(const amor_oracle *o,
                     int (*value)(void *, size_t, const double *, const double *, double *),
                     int (*value_grad)(void *, size_t, const double *, const double *,
                                       double *, double *),
                     const char *vg, size_t n, const double *x, const double *y,
                     double *f, double *g, lu_buf *sink, const char *who, char *err,
                     size_t errlen)
{
    int rc;
    if (g) {
        if (!value_grad)
            return amor_errorf(err, errlen, AMOR_ENOTSUP, "%s: the oracle has no %s", who, vg);
        rc = value_grad(o->ctx, n, x, y, f, g);
    } else if (value) {
        rc = value(o->ctx, n, x, y, f);
    } else {
        if (!value_grad)
            return amor_errorf(err, errlen, AMOR_ENOTSUP,
                               "%s: the oracle can evaluate nothing", who);
        if (lu_buf_reserve(sink, n * o->ny))
            return amor_errorf(err, errlen, AMOR_ENOMEM, "%s: out of memory", who);
        rc = value_grad(o->ctx, n, x, y, f, sink->p);
    }
    return rc ? lu_oracle_failed(rc, err, errlen) : AMOR_OK;
}

int lu_objective(const amor_oracle *o, size_t n, const double *x,
                 const double *y, double *f, double *g, lu_buf *sink,
                 const char *who, char *err, size_t errlen)
{
    return objective(o, o->value, o->value_grad, "value_grad", n, x, y, f, g, sink, who,
                     err, errlen);
}

int lu_valid_objective(const amor_oracle *o, size_t n, const double *x,
                       const double *y, double *f, double *g, lu_buf *sink,
                       const char *who, char *err, size_t errlen)
{
    if (o->struct_size < offsetof(amor_oracle, valid_hvp) + sizeof o->valid_hvp)
        return amor_errorf(err, errlen, AMOR_ENOTSUP,
                           "%s: the oracle predates the validation objective (ABI 1.0)", who);
    return objective(o, o->valid_value, o->valid_value_grad, "valid_value_grad", n, x, y, f,
                     g, sink, who, err, errlen);
}
