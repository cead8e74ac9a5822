/*
 * params.c -- a plugin instance's parameter values: defaults, validated
 * setters with messages that name the parameter, and canonical text.
 */
#include "params.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *type_name(uint32_t t)
{
    switch (t) {
    case AMOR_PARAM_INT: return "int";
    case AMOR_PARAM_REAL: return "real";
    case AMOR_PARAM_BOOL: return "bool";
    case AMOR_PARAM_STRING: return "string";
    case AMOR_PARAM_INT_LIST: return "int list";
    }
    return "?";
}

const char *params_type_name(uint32_t t) { return type_name(t); }

long params_index(const amor_plugin_head *head, const char *name)
{
    size_t i;
    for (i = 0; i < head->num_params; i++)
        if (!strcmp(head->params[i].name, name)) return (long)i;
    return -1;
}

static void clear_value(amor_value *v)
{
    free((void *)v->s);
    free((void *)v->list);
    memset(v, 0, sizeof *v);
}

static int store_string(amor_value *v, const char *s)
{
    char *c = strdup(s ? s : "");
    if (!c) return -1;
    clear_value(v);
    v->s = c;
    return 0;
}

static int store_list(amor_value *v, const int64_t *l, size_t len)
{
    int64_t *c = malloc((len ? len : 1) * sizeof *c);
    if (!c) return -1;
    if (len) memcpy(c, l, len * sizeof *c);
    clear_value(v);
    v->list = c;
    v->len = len;
    return 0;
}

void params_free(params_set *ps)
{
    size_t i;
    if (!ps->values) return;
    for (i = 0; i < ps->n; i++) clear_value(&ps->values[i]);
    free(ps->values);
    free(ps->set);
    ps->values = NULL;
    ps->set = NULL;
    ps->n = 0;
}

int params_init(params_set *ps, const amor_plugin_head *head, char *err,
                size_t errlen)
{
    size_t i;
    ps->head = head;
    ps->n = head->num_params;
    ps->values = calloc(ps->n ? ps->n : 1, sizeof *ps->values);
    ps->set = calloc(ps->n ? ps->n : 1, 1);
    if (!ps->values || !ps->set) {
        free(ps->values);
        free(ps->set);
        ps->values = NULL;
        return amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
    }
    for (i = 0; i < ps->n; i++) {
        const amor_param_decl *d = &head->params[i];
        amor_value *v = &ps->values[i];
        int rc = 0;
        switch (d->type) {
        case AMOR_PARAM_INT:
        case AMOR_PARAM_BOOL:
            v->i = (int64_t)d->def;
            v->r = (double)v->i;
            break;
        case AMOR_PARAM_REAL:
            v->r = d->def;
            break;
        case AMOR_PARAM_STRING:
            rc = store_string(v, d->def_string);
            break;
        case AMOR_PARAM_INT_LIST:
            rc = store_list(v, d->def_list, d->def_list_len);
            break;
        default:
            params_free(ps);
            return amor_errorf(err, errlen, AMOR_EINVAL,
                               "%s '%s': parameter '%s' has unknown type %u",
                               "plugin", head->name, d->name, (unsigned)d->type);
        }
        if (rc) {
            params_free(ps);
            return amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
        }
    }
    return 0;
}

static const char *kind_name(uint32_t k)
{
    return k == AMOR_KIND_PROBLEM ? "problem" : k == AMOR_KIND_MODEL ? "model"
           : k == AMOR_KIND_LOSS  ? "loss" : "plugin";
}

/* Find `name` or write the "unknown parameter" message listing valid names. */
static long lookup(const params_set *ps, const char *name, uint32_t want,
                   char *err, size_t errlen)
{
    const amor_plugin_head *h = ps->head;
    long i = params_index(h, name);
    if (i < 0) {
        size_t off = (size_t)snprintf(err, errlen,
                                      "unknown parameter '%s' for %s '%s' (valid:",
                                      name, kind_name(h->kind), h->name);
        size_t k;
        for (k = 0; k < h->num_params && off < errlen; k++)
            off += (size_t)snprintf(err + off, errlen - off, "%s %s", k ? "," : "",
                                    h->params[k].name);
        if (h->num_params == 0 && off < errlen)
            off += (size_t)snprintf(err + off, errlen - off, " none");
        if (off < errlen) snprintf(err + off, errlen - off, ")");
        return -1;
    }
    if (want && h->params[i].type != want) {
        amor_errorf(err, errlen, AMOR_EINVAL,
                    "parameter '%s' of %s '%s' is of type %s, not %s", name,
                    kind_name(h->kind), h->name, type_name(h->params[i].type),
                    type_name(want));
        return -1;
    }
    return i;
}

void params_format_range(const amor_param_decl *d, char *buf, size_t buflen)
{
    char lo[32], hi[32];
    params_format_shortest(d->min, lo, sizeof lo);
    params_format_shortest(d->max, hi, sizeof hi);
    snprintf(buf, buflen, "[%s, %s]", lo, hi);
}

static int range_error(const params_set *ps, const amor_param_decl *d,
                       const char *valtext, char *err, size_t errlen)
{
    char range[80];
    params_format_range(d, range, sizeof range);
    return amor_errorf(err, errlen, AMOR_EINVAL, "parameter '%s' of %s '%s' must be in %s, got %s",
                       d->name, kind_name(ps->head->kind), ps->head->name, range, valtext);
}

int params_set_int(params_set *ps, const char *name, int64_t v, char *err,
                   size_t errlen)
{
    long i = lookup(ps, name, 0, err, errlen);
    const amor_param_decl *d;
    char t[64];
    if (i < 0) return AMOR_EINVAL;
    d = &ps->head->params[i];
    if (d->type == AMOR_PARAM_REAL) return params_set_real(ps, name, (double)v, err, errlen);
    if (d->type != AMOR_PARAM_INT) {
        lookup(ps, name, AMOR_PARAM_INT, err, errlen);
        return AMOR_EINVAL;
    }
    snprintf(t, sizeof t, "%lld", (long long)v);
    if ((double)v < d->min || (double)v > d->max) return range_error(ps, d, t, err, errlen);
    ps->values[i].i = v;
    ps->values[i].r = (double)v;
    ps->set[i] = 1;
    return 0;
}

int params_set_real(params_set *ps, const char *name, double v, char *err,
                    size_t errlen)
{
    long i = lookup(ps, name, 0, err, errlen);
    const amor_param_decl *d;
    char t[64];
    if (i < 0) return AMOR_EINVAL;
    d = &ps->head->params[i];
    params_format_shortest(v, t, sizeof t);
    if (d->type == AMOR_PARAM_INT) {
        if (!isfinite(v) || v != floor(v) || fabs(v) > 9.007199254740992e15)
            return amor_errorf(err, errlen, AMOR_EINVAL,
                               "parameter '%s' of %s '%s' must be an integer, got %s",
                               name, kind_name(ps->head->kind), ps->head->name, t);
        return params_set_int(ps, name, (int64_t)v, err, errlen);
    }
    if (d->type != AMOR_PARAM_REAL) {
        lookup(ps, name, AMOR_PARAM_REAL, err, errlen);
        return AMOR_EINVAL;
    }
    if (!isfinite(v) || v < d->min || v > d->max) return range_error(ps, d, t, err, errlen);
    ps->values[i].r = v;
    ps->set[i] = 1;
    return 0;
}

int params_set_bool(params_set *ps, const char *name, int v, char *err,
                    size_t errlen)
{
    long i = lookup(ps, name, AMOR_PARAM_BOOL, err, errlen);
    if (i < 0) return AMOR_EINVAL;
    ps->values[i].i = v ? 1 : 0;
    ps->values[i].r = v ? 1.0 : 0.0;
    ps->set[i] = 1;
    return 0;
}

static int in_choices(const char *choices, const char *v)
{
    size_t len = strlen(v);
    const char *p = choices;
    while (p && *p) {
        const char *bar = strchr(p, '|');
        size_t l = bar ? (size_t)(bar - p) : strlen(p);
        if (l == len && !strncmp(p, v, len)) return 1;
        p = bar ? bar + 1 : NULL;
    }
    return 0;
}

int params_set_string(params_set *ps, const char *name, const char *v,
                      char *err, size_t errlen)
{
    long i = lookup(ps, name, AMOR_PARAM_STRING, err, errlen);
    const amor_param_decl *d;
    if (i < 0) return AMOR_EINVAL;
    d = &ps->head->params[i];
    if (d->choices && !in_choices(d->choices, v))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "parameter '%s' of %s '%s' must be one of %s, got '%s'",
                           name, kind_name(ps->head->kind), ps->head->name,
                           d->choices, v);
    if (store_string(&ps->values[i], v))
        return amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
    ps->set[i] = 1;
    return 0;
}

int params_set_list(params_set *ps, const char *name, const int64_t *v,
                    size_t len, char *err, size_t errlen)
{
    long i = lookup(ps, name, AMOR_PARAM_INT_LIST, err, errlen);
    const amor_param_decl *d;
    size_t k;
    if (i < 0) return AMOR_EINVAL;
    d = &ps->head->params[i];
    for (k = 0; k < len; k++)
        if ((double)v[k] < d->min || (double)v[k] > d->max) {
            char range[80];
            params_format_range(d, range, sizeof range);
            return amor_errorf(err, errlen, AMOR_EINVAL,
                               "parameter '%s' of %s '%s': element %zu must be in %s, got %lld",
                               name, kind_name(ps->head->kind), ps->head->name, k + 1, range,
                               (long long)v[k]);
        }
    if (store_list(&ps->values[i], v, len))
        return amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
    ps->set[i] = 1;
    return 0;
}

void params_format_shortest(double r, char *buf, size_t buflen)
{
    char digits[32];
    int prec;
    for (prec = 1; prec <= 17; prec++) { /* %.17g always reads back */
        snprintf(buf, buflen, "%.*g", prec, r);
        if (strtod(buf, NULL) == r) break;
    }
    /* an integer's digits when no longer: 1000, not 1e+03 */
    if (r == floor(r) && fabs(r) < 1e15 &&
        (size_t)snprintf(digits, sizeof digits, "%.0f", r) <= strlen(buf))
        snprintf(buf, buflen, "%s", digits);
}

void params_format_real(double r, char *buf, size_t buflen)
{
    if (r == floor(r) && fabs(r) < 1e15) { /* integers read best as integers */
        snprintf(buf, buflen, "%.0f", r);
        if (!strcmp(buf, "-0")) snprintf(buf, buflen, "0");
        return;
    }
    params_format_shortest(r, buf, buflen);
}

const char *params_format(const params_set *ps, size_t i, char *buf,
                          size_t buflen)
{
    const amor_param_decl *d = &ps->head->params[i];
    const amor_value *v = &ps->values[i];
    size_t off = 0, k;
    buf[0] = 0;
    switch (d->type) {
    case AMOR_PARAM_INT: snprintf(buf, buflen, "%lld", (long long)v->i); break;
    case AMOR_PARAM_REAL: params_format_real(v->r, buf, buflen); break;
    case AMOR_PARAM_BOOL: snprintf(buf, buflen, "%s", v->i ? "true" : "false"); break;
    case AMOR_PARAM_STRING: snprintf(buf, buflen, "%s", v->s ? v->s : ""); break;
    case AMOR_PARAM_INT_LIST:
        for (k = 0; k < v->len && off < buflen; k++)
            off += (size_t)snprintf(buf + off, buflen - off, "%s%lld", k ? "," : "",
                                    (long long)v->list[k]);
        break;
    }
    return buf;
}

/* ------------------------------------------------------------------------ */
/* Values from text (command-line --set name=value)                         */

static int text_error(const params_set *ps, const amor_param_decl *d,
                      const char *what, const char *text, char *err, size_t errlen)
{
    return amor_errorf(err, errlen, AMOR_EINVAL,
                       "parameter '%s' of %s '%s' expects %s, got '%s'", d->name,
                       kind_name(ps->head->kind), ps->head->name, what, text);
}

/* strtod over the whole of s (surrounding blanks allowed). */
static int parse_real(const char *s, double *v)
{
    char *end;
    while (*s == ' ' || *s == '\t') s++;
    if (!*s) return -1;
    *v = strtod(s, &end);
    while (*end == ' ' || *end == '\t') end++;
    return *end ? -1 : 0;
}

int params_set_text(params_set *ps, const char *name, const char *text,
                    char *err, size_t errlen)
{
    long i = params_index(ps->head, name);
    const amor_param_decl *d;
    double r;
    if (i < 0) return params_set_int(ps, name, 0, err, errlen); /* the message */
    d = &ps->head->params[i];
    switch (d->type) {
    case AMOR_PARAM_INT:
    case AMOR_PARAM_REAL:
        if (parse_real(text, &r))
            return text_error(ps, d, d->type == AMOR_PARAM_INT ? "an integer" : "a number",
                              text, err, errlen);
        return params_set_real(ps, name, r, err, errlen);
    case AMOR_PARAM_BOOL:
        if (!strcmp(text, "true") || !strcmp(text, "1") || !strcmp(text, "yes") ||
            !strcmp(text, "on"))
            return params_set_bool(ps, name, 1, err, errlen);
        if (!strcmp(text, "false") || !strcmp(text, "0") || !strcmp(text, "no") ||
            !strcmp(text, "off"))
            return params_set_bool(ps, name, 0, err, errlen);
        return text_error(ps, d, "true or false", text, err, errlen);
    case AMOR_PARAM_STRING:
        return params_set_string(ps, name, text, err, errlen);
    case AMOR_PARAM_INT_LIST: {
        size_t len = strlen(text), n = 0, cap = 8;
        int64_t *v = malloc(cap * sizeof *v);
        char *copy = strdup(text), *p, *tok, *save = NULL;
        int rc;
        if (!v || !copy) {
            free(v);
            free(copy);
            return amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
        }
        p = copy;
        while (*p == ' ') p++;
        if (*p == '{' && len > 0) {
            char *close = strrchr(p, '}');
            if (!close) {
                free(v);
                free(copy);
                return text_error(ps, d, "a list of integers such as 64,64", text, err, errlen);
            }
            *close = 0;
            p++;
        }
        for (tok = strtok_r(p, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
            if (parse_real(tok, &r) || r != floor(r) || fabs(r) > 9.007199254740992e15) {
                /* a lone blank token is the empty list ("{}", " ") */
                const char *s = tok;
                while (*s == ' ') s++;
                if (!*s && n == 0) continue;
                free(v);
                free(copy);
                return text_error(ps, d, "a list of integers such as 64,64", text, err, errlen);
            }
            if (n == cap) {
                int64_t *nv = realloc(v, 2 * cap * sizeof *nv);
                if (!nv) {
                    free(v);
                    free(copy);
                    return amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
                }
                v = nv;
                cap *= 2;
            }
            v[n++] = (int64_t)r;
        }
        rc = params_set_list(ps, name, v, n, err, errlen);
        free(v);
        free(copy);
        return rc;
    }
    }
    return text_error(ps, d, "a value of a known type", text, err, errlen);
}
