/*
 * cellsettings.c -- the settings of a cell (train.*, eval.*, solver.*,
 * limits.*): their table with types, ranges and docs, defaults, reading a
 * script's section or a --set value, and a setting as text (runs.csv
 * columns, cell ids, content keys, --only).
 */
#include "cellbuild.h"
#include "cellbuild_int.h"

#include "checkpoint.h"
#include "params.h"
#include "sbuf.h"

#include <lauxlib.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- settings of a cell --------------------------------------------------- */

typedef enum {
    S_INT, S_REAL, S_BOOL, S_METHODS, S_BYTES, S_STRING, S_TOLERANCES, S_MODEL, S_ITERATES
} stype;

typedef struct setting {
    const char *section, *key;
    stype type;
    size_t off;         /* into cell_spec */
    double min, max;
    const char *doc;
} setting;

#define OFF(f) offsetof(cell_spec, f)
static const setting SETTINGS[] = {
    {"train", "steps", S_INT, OFF(train.steps), 0, 1e9, "Adam steps on theta"},
    {"train", "batch", S_INT, OFF(train.batch), 1, 1e7, "contexts per step"},
    {"train", "lr", S_REAL, OFF(train.lr), 0, 1e6, "Adam learning rate"},
    {"train", "beta1", S_REAL, OFF(train.beta1), 0, 1, "Adam beta1"},
    {"train", "beta2", S_REAL, OFF(train.beta2), 0, 1, "Adam beta2"},
    {"train", "eps", S_REAL, OFF(train.eps), 0, 1, "Adam epsilon"},
    {"train", "weight_decay", S_REAL, OFF(train.weight_decay), 0, 1e6, "decoupled weight decay"},
    {"train", "clip", S_REAL, OFF(train.clip), 0, 1e300, "clip the gradient 2-norm (absent: no clipping)"},
    {"train", "train_set", S_INT, OFF(train.train_set), 0, 1e9, "fixed training set size (0: fresh contexts every step)"},
    {"train", "eval_every", S_INT, OFF(train.eval_every), 0, 1e9, "steps between held-out evaluations (0: only at the end)"},
    {"train", "save_model", S_BOOL, OFF(train.save_model), 0, 1, "write theta after training to <out>/models/<key>.amor (runs.csv column checkpoint)"},
    {"train", "init_from", S_STRING, OFF(train.init_from), 0, 0, "start from a checkpoint's theta instead of the model's init: a .amor path, or a cell key (<out>/models/<key>.amor); steps = 0 evaluates it"},
    {"train", "threads", S_INT, OFF(train.threads), 1, 256, "threads of one cell: each training batch and held-out pass is split into this many slices run in parallel, each on its own problem, model and loss instance, gradients summed in slice order (results are reproducible for a given value and change with it at rounding level)"},
    {"train", "estimator", S_STRING, OFF(train.estimator), 0, 0, "the gradient of each step: backprop (the model's backward, the default) or es (evolution strategies: antithetic Gaussian perturbations of theta, values only)"},
    {"train", "es_pairs", S_INT, OFF(train.es_pairs), 1, 1e6, "estimator = es: antithetic pairs of perturbations per step (2 es_pairs loss evaluations of the batch)"},
    {"train", "es_sigma", S_REAL, OFF(train.es_sigma), 1e-12, 1e6, "estimator = es: standard deviation of the perturbations of theta (the smoothing scale)"},
    {"eval", "contexts", S_INT, OFF(eval.contexts), 1, 1e8, "held-out contexts"},
    {"eval", "timing", S_REAL, OFF(eval.timing), 0, 3600, "seconds spent timing inference"},
    {"eval", "on_train_set", S_BOOL, OFF(eval.on_train_set), 0, 1, "evaluate (and track, time, run the solvers) on the fixed training set of train.train_set contexts instead of held-out ones (eval.contexts unused)"},
    {"eval", "track", S_INT, OFF(eval.track), 0, 1e6, "record predictions for this many held-out contexts at every evaluation (tracks.csv)"},
    {"eval", "tolerances", S_TOLERANCES, OFF(eval.tolerances), 0, CELL_MAX_TOLERANCES, "residual tolerances: iterations of the problem's own solver step to reach each, cold and warm-started from the model's predictions (runs.csv tol_* columns; empty: not measured)"},
    {"eval", "max_iterations", S_INT, OFF(eval.max_iterations), 1, 1e9, "budget of the eval.tolerances runs (contexts not converged count at it)"},
    {"eval", "model", S_MODEL, OFF(eval.model), 0, 0, "a table of the cell's model parameters overridden for every held-out evaluation ({steps = 10}: theta trained with the cell's model, evaluated by a model with these; it must have as many parameters); runs.csv columns eval.model.NAME"},
    {"eval", "iterates", S_ITERATES, OFF(eval.iterates), 0, CELL_MAX_ITERATES, "iterate indexes t (0 = the model's first iterate y^0) whose held-out metrics the final evaluation reports too (runs.csv iter<t>_* columns; empty: none)"},
    {"solver", "iterations", S_INT, OFF(solver.iterations), 0, 1e9, "from-scratch solver budget (0: no baseline)"},
    {"solver", "methods", S_METHODS, OFF(solver.use), 0, 0, "list of from-scratch solvers: adam, gd, anderson (Anderson acceleration of the problem's solver step, with eval.tolerances)"},
    {"solver", "adam_lr", S_REAL, OFF(solver.lr[SOLVER_ADAM]), 0, 1e6, "Adam step size on y"},
    {"solver", "gd_lr", S_REAL, OFF(solver.lr[SOLVER_GD]), 0, 1e6, "gradient descent step size on y"},
    {"solver", "match_delta", S_REAL, OFF(solver.match_delta), 0, 1, "a baseline reaches the model when its mean objective is within this fraction of |f(start) - f(model)| of the model's (0: the model's value itself); runs.csv <method>_*_to_within_delta"},
    {"solver", "log_every", S_INT, OFF(solver.log_every), 0, 1e9, "iterations between solver.csv rows (0: about 200 rows)"},
    {"solver", "anderson_memory", S_INT, OFF(solver.anderson_memory), 1, 100, "Anderson: secant pairs kept (m)"},
    {"solver", "anderson_beta", S_REAL, OFF(solver.anderson_beta), 1e-6, 1, "Anderson: mixing (1: no damping)"},
    {"solver", "anderson_reg", S_REAL, OFF(solver.anderson_reg), 0, 1, "Anderson: Tikhonov weight of the least squares, relative to |dF|_F^2"},
    {"solver", "anderson_safeguard", S_BOOL, OFF(solver.anderson_safeguard), 0, 1, "Anderson: take the plain step when the residual would grow"},
    {"limits", "timeout", S_REAL, OFF(limits.timeout), 0, 1e9, "wall-clock seconds per cell; the worker is killed and the cell recorded as timeout (0: none)"},
    {"limits", "memory", S_BYTES, OFF(limits.memory), 0, 1e18, "address space a cell may add, bytes or \"512M\", \"2G\"; beyond it the cell is recorded as oom (0: none)"},
};
#define NSETTINGS (sizeof SETTINGS / sizeof SETTINGS[0])

void cellbuild_default_settings(cell_spec *c)
{
    c->train = (train_cfg){1000, 64, 1e-3, 0.9, 0.999, 1e-8, 0.0, 0.0, 0, 0, 100, 0, NULL, 1, NULL, 8, 0.01};
    c->eval = (eval_cfg){.contexts = 256, .timing = 0.05, .track = 0, .ntolerances = 0,
                         .max_iterations = 1000};
    c->solver.iterations = 1000;
    c->solver.use[SOLVER_ADAM] = 1;
    c->solver.use[SOLVER_GD] = 1;
    c->solver.lr[SOLVER_ADAM] = 5e-3;
    c->solver.lr[SOLVER_GD] = 1e-2;
    c->solver.log_every = 0;
    c->solver.match_delta = 0.02;
    c->solver.anderson = 0;
    c->solver.anderson_memory = 5;
    c->solver.anderson_beta = 1;
    c->solver.anderson_reg = 1e-10;
    c->solver.anderson_safeguard = 1;
    c->limits.timeout = 0;
    c->limits.memory = 0;
}

/* "200M", "2G", "1.5g", "512KiB", 1048576 -> bytes (binary units); -1 if
 * the text is not a size. */
static double parse_bytes(const char *s)
{
    char *end;
    double v = strtod(s, &end), mult = 1;
    if (end == s || !(v >= 0)) return -1;
    while (*end == ' ') end++;
    switch (*end) {
    case 'k': case 'K': mult = 1024.0; end++; break;
    case 'm': case 'M': mult = 1024.0 * 1024; end++; break;
    case 'g': case 'G': mult = 1024.0 * 1024 * 1024; end++; break;
    case 't': case 'T': mult = 1024.0 * 1024 * 1024 * 1024; end++; break;
    default: break;
    }
    if (mult > 1 && *end == 'i') end++;
    if (*end == 'b' || *end == 'B') end++;
    return *end ? -1 : floor(v * mult);
}

/* "unknown train setting 'x' (valid: steps, batch, ...)" */
static int unknown_setting(const char *section, const char *key, char *err, size_t errlen)
{
    size_t i, off = (size_t)snprintf(err, errlen, "unknown %s setting '%s' (valid:", section, key);
    int first = 1;
    for (i = 0; i < NSETTINGS && off < errlen; i++)
        if (!strcmp(SETTINGS[i].section, section)) {
            off += (size_t)snprintf(err + off, errlen - off, "%s %s", first ? "" : ",", SETTINGS[i].key);
            first = 0;
        }
    if (off < errlen) snprintf(err + off, errlen - off, ")");
    return 1;
}

static const setting *find_setting(const char *section, const char *key)
{
    size_t i;
    for (i = 0; i < NSETTINGS; i++)
        if (!strcmp(SETTINGS[i].section, section) && !strcmp(SETTINGS[i].key, key))
            return &SETTINGS[i];
    return NULL;
}

int cellbuild_is_section(const char *section)
{
    size_t i;
    for (i = 0; i < NSETTINGS; i++)
        if (!strcmp(SETTINGS[i].section, section)) return 1;
    return 0;
}

void cellbuild_setting_names(char *buf, size_t len)
{
    size_t i, off = 0;
    buf[0] = 0;
    for (i = 0; i < NSETTINGS && off < len; i++)
        if (SETTINGS[i].type != S_MODEL) /* a table: no command-line value */
            off += (size_t)snprintf(buf + off, len - off, "%s%s.%s", off ? ", " : "",
                                    SETTINGS[i].section, SETTINGS[i].key);
}

static int cmp_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x > y ? -1 : x < y;
}

/* eval.tolerances: the list on top of S, each a positive finite number,
 * into c sorted from the loosest, refusing two that name one runs.csv
 * column (the tolerance's %g text).  0, or 1 with a message. */
static int read_tolerances(lua_State *S, cell_spec *c, char *err, size_t errlen)
{
    double *tol = c->eval.tolerances;
    lua_Integer k, n;
    char why[256], got[128];
    size_t i;
    if (cellbuild_list(S, -1, &n, why, sizeof why))
        return amor_errorf(err, errlen, 1, "eval setting 'tolerances' must be a list of positive "
                           "numbers, %s", why);
    if (n > CELL_MAX_TOLERANCES)
        return amor_errorf(err, errlen, 1, "eval setting 'tolerances' holds %lld values, at most "
                           "%d are measured", (long long)n, CELL_MAX_TOLERANCES);
    for (k = 1; k <= n; k++) {
        lua_rawgeti(S, -1, k);
        tol[k - 1] = lua_type(S, -1) == LUA_TNUMBER ? lua_tonumber(S, -1) : NAN;
        if (!(tol[k - 1] > 0 && isfinite(tol[k - 1]))) {
            cellbuild_value_text(S, -1, got, sizeof got);
            lua_pop(S, 1);
            return amor_errorf(err, errlen, 1, "eval setting 'tolerances': element %lld must be a "
                               "positive number, got %s", (long long)k, got);
        }
        lua_pop(S, 1);
    }
    c->eval.ntolerances = (size_t)n;
    qsort(tol, (size_t)n, sizeof *tol, cmp_desc);
    for (i = 1; i < (size_t)n; i++) {
        char a[32], b[32];
        snprintf(a, sizeof a, "%g", tol[i - 1]);
        snprintf(b, sizeof b, "%g", tol[i]);
        if (!strcmp(a, b)) {
            char ta[40], tb[40];
            params_format_real(tol[i - 1], ta, sizeof ta);
            params_format_real(tol[i], tb, sizeof tb);
            c->eval.ntolerances = 0;
            return amor_errorf(err, errlen, 1, "eval setting 'tolerances': %s and %s are the same "
                               "tolerance to 6 digits (%s, the runs.csv columns tol_%s_*)",
                               ta, tb, a, a);
        }
    }
    return 0;
}

/* eval.iterates: the list on top of S, non-negative integers in
 * increasing order.  0, or 1 with a message. */
static int read_iterates(lua_State *S, cell_spec *c, char *err, size_t errlen)
{
    lua_Integer k, n;
    char why[256], got[128];
    if (cellbuild_list(S, -1, &n, why, sizeof why))
        return amor_errorf(err, errlen, 1, "eval setting 'iterates' must be a list of "
                           "non-negative integers, %s", why);
    if (n > CELL_MAX_ITERATES)
        return amor_errorf(err, errlen, 1, "eval setting 'iterates' holds %lld values, at most "
                           "%d are measured", (long long)n, CELL_MAX_ITERATES);
    c->eval.niterates = 0;
    for (k = 1; k <= n; k++) {
        int isint = 0;
        lua_Integer v;
        lua_rawgeti(S, -1, k);
        v = lua_type(S, -1) == LUA_TNUMBER ? lua_tointegerx(S, -1, &isint) : 0;
        if (!isint || v < 0 || v > 1000000000) {
            cellbuild_value_text(S, -1, got, sizeof got);
            lua_pop(S, 1);
            return amor_errorf(err, errlen, 1, "eval setting 'iterates': element %lld must be a "
                               "non-negative integer, got %s", (long long)k, got);
        }
        lua_pop(S, 1);
        if (k > 1 && v <= c->eval.iterates[k - 2])
            return amor_errorf(err, errlen, 1, "eval setting 'iterates': element %lld is %lld "
                               "after %ld; the iterates must be increasing", (long long)k,
                               (long long)v, c->eval.iterates[k - 2]);
        c->eval.iterates[k - 1] = (long)v;
    }
    c->eval.niterates = (size_t)n;
    return 0;
}

/* eval.model: the table on top of S, parameters of the cell's model (read
 * before the settings) by their declared types, as the model's own are.
 * 0, or 1 with a message naming eval.model.NAME. */
static int read_eval_model(lua_State *S, cell_spec *c, char *err, size_t errlen)
{
    char got[128], why[1024];
    if (!lua_istable(S, -1)) {
        cellbuild_value_text(S, -1, got, sizeof got);
        return amor_errorf(err, errlen, 1, "eval setting 'model' must be a table of the model's "
                           "parameters (model = {steps = 10}), got %s", got);
    }
    if (!c->model.head)
        return amor_errorf(err, errlen, 1, "eval setting 'model' needs the cell's model");
    params_free(&c->eval.model);
    if (params_init(&c->eval.model, c->model.head, why, sizeof why))
        return amor_errorf(err, errlen, 1, "eval.model: %s", why);
    lua_pushnil(S);
    while (lua_next(S, -2)) {
        if (lua_type(S, -2) != LUA_TSTRING) {
            cellbuild_key_text(S, -2, got, sizeof got);
            lua_pop(S, 2);
            return amor_errorf(err, errlen, 1, "eval.model has a key %s (parameter names are "
                               "strings)", got);
        }
        if (cellbuild_set_param(S, &c->eval.model, lua_tostring(S, -2), why, sizeof why)) {
            amor_errorf(err, errlen, 1, "eval.model.%s: %s", lua_tostring(S, -2), why);
            lua_pop(S, 2);
            return 1;
        }
        lua_pop(S, 1);
    }
    return 0;
}

/* The value on top of S as setting st of c; 0, or 1 with a message (the
 * value stays on the stack either way). */
static int read_setting(lua_State *S, const setting *st, cell_spec *c, char *err, size_t errlen)
{
    const char *section = st->section, *key = st->key;
    char *base = (char *)c + st->off;
    char got[128], why[256];
    int t = lua_type(S, -1);
    cellbuild_value_text(S, -1, got, sizeof got);
    if (st->type == S_METHODS) {
        int *use = (int *)base;
        lua_Integer k, n;
        if (cellbuild_list(S, -1, &n, why, sizeof why))
            return amor_errorf(err, errlen, 1, "solver setting 'methods' must be a list of names "
                               "(adam, gd, anderson), %s", why);
        use[SOLVER_ADAM] = use[SOLVER_GD] = c->solver.anderson = 0;
        for (k = 1; k <= n; k++) {
            const char *m;
            lua_rawgeti(S, -1, k);
            m = lua_type(S, -1) == LUA_TSTRING ? lua_tostring(S, -1) : NULL;
            if (m && !strcmp(m, "adam")) use[SOLVER_ADAM] = 1;
            else if (m && !strcmp(m, "gd")) use[SOLVER_GD] = 1;
            else if (m && !strcmp(m, "anderson")) c->solver.anderson = 1;
            else {
                cellbuild_value_text(S, -1, got, sizeof got);
                lua_pop(S, 1);
                return amor_errorf(err, errlen, 1, "unknown solver method %s (valid: adam, gd, "
                                   "anderson)", got);
            }
            lua_pop(S, 1);
        }
    } else if (st->type == S_TOLERANCES) {
        if (read_tolerances(S, c, err, errlen)) return 1;
    } else if (st->type == S_ITERATES) {
        if (read_iterates(S, c, err, errlen)) return 1;
    } else if (st->type == S_MODEL) {
        if (read_eval_model(S, c, err, errlen)) return 1;
    } else if (st->type == S_BOOL) {
        if (t != LUA_TBOOLEAN)
            return amor_errorf(err, errlen, 1, "%s setting '%s' must be true or false, got %s",
                               section, key, got);
        *(int *)base = lua_toboolean(S, -1);
    } else if (st->type == S_STRING) {
        char **dst = (char **)base;
        if (t != LUA_TSTRING || !*lua_tostring(S, -1))
            return amor_errorf(err, errlen, 1, "%s setting '%s' must be a non-empty string, got %s",
                               section, key, got);
        if (st->off == OFF(train.estimator) && strcmp(lua_tostring(S, -1), "backprop") &&
            strcmp(lua_tostring(S, -1), "es"))
            return amor_errorf(err, errlen, 1, "%s setting '%s' must be backprop or es, got %s",
                               section, key, got);
        free(*dst);
        if (!(*dst = strdup(lua_tostring(S, -1)))) return amor_errorf(err, errlen, 1, "out of memory");
    } else if (st->type == S_BYTES) {
        double v = t == LUA_TNUMBER ? lua_tonumber(S, -1)
                   : t == LUA_TSTRING ? parse_bytes(lua_tostring(S, -1)) : -1;
        if (!(v >= st->min && v <= st->max))
            return amor_errorf(err, errlen, 1,
                               "%s setting '%s' must be a size in bytes (a number, or text like "
                               "\"512M\" or \"2G\"), got %s", section, key,
                               t == LUA_TSTRING ? lua_tostring(S, -1) : got);
        *(double *)base = floor(v);
    } else {
        /* a number, not text that reads as one: "5" in a script is a slip */
        double v = t == LUA_TNUMBER ? lua_tonumber(S, -1) : NAN;
        if (!(v >= st->min && v <= st->max) || (st->type == S_INT && v != (double)(long)v))
            return amor_errorf(err, errlen, 1, "%s setting '%s' must be %s in [%g, %g], got %s",
                               section, key, st->type == S_INT ? "an integer" : "a number",
                               st->min, st->max, got);
        if (st->type == S_INT) *(long *)base = (long)v;
        else *(double *)base = v;
        if (st->off == OFF(train.clip)) c->train.has_clip = 1;
    }
    return 0;
}

/* Read table at idx (a cell's train/eval/solver/limits section) into c. */
int cellbuild_read_section(lua_State *S, int idx, const char *section, cell_spec *c,
                        char *err, size_t errlen)
{
    idx = lua_absindex(S, idx);
    if (lua_isnil(S, idx)) return 0;
    if (!lua_istable(S, idx))
        return amor_errorf(err, errlen, 1, "'%s' must be a table of settings, got %s", section,
                           luaL_typename(S, idx));
    lua_pushnil(S);
    while (lua_next(S, idx)) {
        const setting *st;
        if (lua_type(S, -2) != LUA_TSTRING) {
            char kt[96];
            cellbuild_key_text(S, -2, kt, sizeof kt);
            lua_pop(S, 2);
            return amor_errorf(err, errlen, 1, "'%s' has a key %s (setting names are strings)",
                               section, kt);
        }
        if (!(st = find_setting(section, lua_tostring(S, -2)))) {
            unknown_setting(section, lua_tostring(S, -2), err, errlen);
            lua_pop(S, 2);
            return 1;
        }
        if (read_setting(S, st, c, err, errlen)) {
            lua_pop(S, 2);
            return 1;
        }
        lua_pop(S, 1);
    }
    return 0;
}

int cellbuild_setting(lua_State *S, const char *section, const char *key, const char *text,
                      char *err, size_t errlen)
{
    const setting *st = find_setting(section, key);
    cell_spec scratch;
    int rc;
    if (!strcmp(section, "eval") && !strncmp(key, "model", 5) && (!key[5] || key[5] == '.'))
        return amor_errorf(err, errlen, 1, "eval.model is a table of the model's parameters, "
                           "given in the script (eval = {model = {steps = 10}}), not on the "
                           "command line (a script may read a value with amor.setting; --only "
                           "eval.model.NAME=V selects cells by one)");
    if (!st) return unknown_setting(section, key, err, errlen);
    switch (st->type) {
    case S_INT: case S_REAL: case S_BYTES:
        if (!lua_stringtonumber(S, text)) lua_pushstring(S, text); /* refused below */
        break;
    case S_BOOL:
        if (!strcmp(text, "true") || !strcmp(text, "false")) lua_pushboolean(S, text[0] == 't');
        else lua_pushstring(S, text);
        break;
    case S_STRING: lua_pushstring(S, text); break;
    case S_MODEL: lua_pushnil(S); break; /* refused above */
    case S_METHODS: case S_TOLERANCES: case S_ITERATES: { /* "adam,gd", "1e-4,1e-6", "0,1,10" */
        const char *p = text;
        lua_Integer k = 0;
        lua_newtable(S);
        while (*p) {
            size_t n = strcspn(p, ",");
            const char *a = p, *b = p + n;
            while (a < b && *a == ' ') a++;
            while (b > a && b[-1] == ' ') b--;
            lua_pushlstring(S, a, (size_t)(b - a));
            /* a number as a number; anything else stays text, refused by
             * read_setting naming it */
            if (st->type != S_METHODS && lua_stringtonumber(S, lua_tostring(S, -1)))
                lua_remove(S, -2);
            lua_rawseti(S, -2, ++k);
            p += n + (p[n] == ',');
        }
        break;
    }
    }
    memset(&scratch, 0, sizeof scratch);
    cellbuild_default_settings(&scratch);
    rc = read_setting(S, st, &scratch, err, errlen);
    free(scratch.train.init_from);
    free(scratch.train.estimator);
    if (rc) lua_pop(S, 1);
    return rc;
}

int cellbuild_setting_value(const cell_spec *c, const char *key, char *buf, size_t len)
{
    size_t i;
    buf[0] = 0;
    if (!strncmp(key, "eval.model.", 11)) { /* one override: none when not overridden */
        long k = c->model.head ? params_index(c->model.head, key + 11) : -1;
        if (k < 0 || !cell_eval_model_count(c) || !c->eval.model.set[k]) return 1;
        params_format(&c->eval.model, (size_t)k, buf, len);
        return 0;
    }
    for (i = 0; i < NSETTINGS; i++) {
        char full[64];
        snprintf(full, sizeof full, "%s.%s", SETTINGS[i].section, SETTINGS[i].key);
        if (strcmp(full, key)) continue;
        const char *base = (const char *)c + SETTINGS[i].off;
        if (SETTINGS[i].type == S_INT) snprintf(buf, len, "%ld", *(const long *)base);
        else if (SETTINGS[i].type == S_REAL) params_format_real(*(const double *)base, buf, len);
        else if (SETTINGS[i].type == S_BYTES) bytes_text(*(const double *)base, "", buf, len);
        else if (SETTINGS[i].type == S_BOOL) snprintf(buf, len, "%s", *(const int *)base ? "true" : "false");
        else if (SETTINGS[i].type == S_STRING) /* an absent estimator is the default's */
            snprintf(buf, len, "%s", *(char *const *)base ? *(char *const *)base
                                     : SETTINGS[i].off == OFF(train.estimator) ? "backprop" : "");
        else if (SETTINGS[i].type == S_METHODS) {
            const char *m[3] = {c->solver.use[SOLVER_ADAM] ? "adam" : NULL,
                                c->solver.use[SOLVER_GD] ? "gd" : NULL,
                                c->solver.anderson ? "anderson" : NULL};
            size_t k, off = 0;
            for (k = 0; k < 3 && off < len; k++)
                if (m[k]) off += (size_t)snprintf(buf + off, len - off, "%s%s", off ? "," : "", m[k]);
        } else if (SETTINGS[i].type == S_MODEL) {
            if (c->model.head) cell_eval_model_text(c, 0, "=", buf, len);
        } else if (SETTINGS[i].type == S_ITERATES) {
            size_t k, off = 0;
            for (k = 0; k < c->eval.niterates && off < len; k++)
                off += (size_t)snprintf(buf + off, len - off, "%s%ld", k ? "," : "",
                                        c->eval.iterates[k]);
        } else if (SETTINGS[i].type == S_TOLERANCES) {
            size_t k, off = 0;
            for (k = 0; k < c->eval.ntolerances && off < len; k++) {
                char t[40];
                params_format_real(c->eval.tolerances[k], t, sizeof t);
                off += (size_t)snprintf(buf + off, len - off, "%s%s", k ? "," : "", t);
            }
        }
        return 0;
    }
    return 1;
}

size_t cellbuild_nsettings(void) { return NSETTINGS; }

int cellbuild_key_setting(const cell_spec *c, size_t i, char *name, size_t nlen, char *val,
                          size_t vlen)
{
    /* save_model decides what is kept, not what is computed (a resumed
     * cell whose checkpoint is missing runs again: sweep.c); the limits
     * whether a cell finishes */
    if (!strcmp(SETTINGS[i].section, "limits") || SETTINGS[i].off == OFF(train.save_model))
        return 1;
    snprintf(name, nlen, "%s.%s", SETTINGS[i].section, SETTINGS[i].key);
    if (SETTINGS[i].off == OFF(train.init_from)) /* the file's content, not its name */
        snprintf(val, vlen, "%016llx", c->init ? (unsigned long long)c->init->checksum : 0ull);
    else if (SETTINGS[i].type == S_MODEL) { /* whatever its length: hashed */
        char text[8192];
        cell_eval_model_text(c, 0, "=", text, sizeof text);
        snprintf(val, vlen, "%016llx", (unsigned long long)cell_hash(text));
    } else
        cellbuild_setting_value(c, name, val, vlen);
    return 0;
}

int cellbuild_setting_text(lua_State *S, const char *section, const char *key, const char *text,
                           char *buf, size_t len, char *err, size_t errlen)
{
    cell_spec scratch;
    char full[128];
    int rc;
    if (cellbuild_setting(S, section, key, text, err, errlen)) return 1;
    memset(&scratch, 0, sizeof scratch);
    cellbuild_default_settings(&scratch);
    rc = read_setting(S, find_setting(section, key), &scratch, err, errlen);
    lua_pop(S, 1);
    snprintf(full, sizeof full, "%s.%s", section, key);
    if (!rc) cellbuild_setting_value(&scratch, full, buf, len);
    free(scratch.train.init_from);
    free(scratch.train.estimator);
    return rc;
}
