/*
 * script.c -- runs a Lua experiment script: the `amor` table (describe,
 * list, settings, and the private _cell/_run/_finish used by prelude.lua),
 * conversion of Lua cell tables into validated cell_specs, and error
 * reporting with the script's path:line.
 */
#include "script.h"

#include "cell.h"
#include "loader.h"
#include "luabind.h"
#include "params.h"
#include "results.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdlib.h>
#include <string.h>

static const char PRELUDE[] =
#include "prelude.inc"
    ;

#define CELL_MT "amor.cell"

typedef struct script_ctx {
    loader *L;
    const char *outdir;
    results *R;
    int figure_errors;
} script_ctx;

static script_ctx *ctx_of(lua_State *S)
{
    return (script_ctx *)lua_touserdata(S, lua_upvalueindex(1));
}

/* ---- settings of a cell --------------------------------------------------- */

typedef enum { S_INT, S_REAL, S_BOOL, S_METHODS } stype;

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
    {"eval", "contexts", S_INT, OFF(eval.contexts), 1, 1e8, "held-out contexts"},
    {"eval", "timing", S_REAL, OFF(eval.timing), 0, 3600, "seconds spent timing inference"},
    {"eval", "track", S_INT, OFF(eval.track), 0, 1e6, "record predictions for this many held-out contexts at every evaluation (tracks.csv)"},
    {"solver", "iterations", S_INT, OFF(solver.iterations), 0, 1e9, "from-scratch solver budget (0: no baseline)"},
    {"solver", "methods", S_METHODS, OFF(solver.use), 0, 0, "list of from-scratch solvers: adam, gd"},
    {"solver", "adam_lr", S_REAL, OFF(solver.lr[SOLVER_ADAM]), 0, 1e6, "Adam step size on y"},
    {"solver", "gd_lr", S_REAL, OFF(solver.lr[SOLVER_GD]), 0, 1e6, "gradient descent step size on y"},
    {"solver", "log_every", S_INT, OFF(solver.log_every), 0, 1e9, "iterations between solver.csv rows (0: about 200 rows)"},
};
#define NSETTINGS (sizeof SETTINGS / sizeof SETTINGS[0])

static void default_settings(cell_spec *c)
{
    c->train = (train_cfg){1000, 64, 1e-3, 0.9, 0.999, 1e-8, 0.0, 0.0, 0, 0, 100};
    c->eval = (eval_cfg){256, 0.05, 0};
    c->solver.iterations = 1000;
    c->solver.use[SOLVER_ADAM] = 1;
    c->solver.use[SOLVER_GD] = 1;
    c->solver.lr[SOLVER_ADAM] = 5e-3;
    c->solver.lr[SOLVER_GD] = 1e-2;
    c->solver.log_every = 0;
}

/* Read table at idx (a cell's train/eval/solver section) into c. */
static int read_section(lua_State *S, int idx, const char *section, cell_spec *c,
                        char *err, size_t errlen)
{
    idx = lua_absindex(S, idx);
    if (lua_isnil(S, idx)) return 0;
    if (!lua_istable(S, idx))
        return amor_errorf(err, errlen, 1, "'%s' must be a table", section);
    lua_pushnil(S);
    while (lua_next(S, idx)) {
        const char *key = lua_type(S, -2) == LUA_TSTRING ? lua_tostring(S, -2) : "?";
        const setting *st = NULL;
        size_t i;
        for (i = 0; i < NSETTINGS; i++)
            if (!strcmp(SETTINGS[i].section, section) && !strcmp(SETTINGS[i].key, key))
                st = &SETTINGS[i];
        if (!st) {
            size_t off = (size_t)snprintf(err, errlen, "unknown %s setting '%s' (valid:",
                                          section, key);
            int first = 1;
            for (i = 0; i < NSETTINGS && off < errlen; i++)
                if (!strcmp(SETTINGS[i].section, section)) {
                    off += (size_t)snprintf(err + off, errlen - off, "%s %s",
                                            first ? "" : ",", SETTINGS[i].key);
                    first = 0;
                }
            if (off < errlen) snprintf(err + off, errlen - off, ")");
            lua_pop(S, 2);
            return 1;
        }
        char *base = (char *)c + st->off;
        if (st->type == S_METHODS) {
            int *use = (int *)base;
            use[SOLVER_ADAM] = use[SOLVER_GD] = 0;
            if (!lua_istable(S, -1)) {
                lua_pop(S, 2);
                return amor_errorf(err, errlen, 1,
                                   "solver setting 'methods' must be a list of names (adam, gd)");
            }
            lua_Integer k, n = (lua_Integer)luaL_len(S, -1);
            for (k = 1; k <= n; k++) {
                lua_geti(S, -1, k);
                const char *m = lua_tostring(S, -1);
                if (m && !strcmp(m, "adam")) use[SOLVER_ADAM] = 1;
                else if (m && !strcmp(m, "gd")) use[SOLVER_GD] = 1;
                else {
                    amor_errorf(err, errlen, 1,
                                "unknown solver method '%s' (valid: adam, gd)", m ? m : "?");
                    lua_pop(S, 3);
                    return 1;
                }
                lua_pop(S, 1);
            }
        } else if (st->type == S_BOOL) {
            *(int *)base = lua_toboolean(S, -1);
        } else {
            int isnum = 0;
            double v = (double)lua_tonumberx(S, -1, &isnum);
            if (!isnum || !(v >= st->min && v <= st->max) ||
                (st->type == S_INT && v != (double)(long)v)) {
                amor_errorf(err, errlen, 1, "%s setting '%s' must be %s in [%g, %g], got %s",
                            section, key, st->type == S_INT ? "an integer" : "a number",
                            st->min, st->max, luaL_tolstring(S, -1, NULL));
                lua_pop(S, 3);
                return 1;
            }
            if (st->type == S_INT) *(long *)base = (long)v;
            else *(double *)base = v;
            if (!strcmp(key, "clip")) c->train.has_clip = 1;
        }
        lua_pop(S, 1);
    }
    return 0;
}

/* One Lua parameter value into ps, by the declared type. */
static int set_param(lua_State *S, params_set *ps, const char *name, char *err,
                     size_t errlen)
{
    long i = params_index(ps->head, name);
    int t = lua_type(S, -1);
    if (i < 0) return params_set_int(ps, name, 0, err, errlen); /* the message */
    switch (ps->head->params[i].type) {
    case AMOR_PARAM_INT:
    case AMOR_PARAM_REAL:
        if (t != LUA_TNUMBER) break;
        if (lua_isinteger(S, -1))
            return params_set_int(ps, name, (int64_t)lua_tointeger(S, -1), err, errlen);
        return params_set_real(ps, name, lua_tonumber(S, -1), err, errlen);
    case AMOR_PARAM_BOOL:
        if (t != LUA_TBOOLEAN) break;
        return params_set_bool(ps, name, lua_toboolean(S, -1), err, errlen);
    case AMOR_PARAM_STRING:
        if (t != LUA_TSTRING) break;
        return params_set_string(ps, name, lua_tostring(S, -1), err, errlen);
    case AMOR_PARAM_INT_LIST: {
        if (t == LUA_TNUMBER && lua_isinteger(S, -1)) {
            int64_t one = (int64_t)lua_tointeger(S, -1);
            return params_set_list(ps, name, &one, 1, err, errlen);
        }
        if (t != LUA_TTABLE) break;
        lua_Integer k, n = (lua_Integer)luaL_len(S, -1);
        int64_t *v = malloc(((size_t)n + 1) * sizeof *v);
        int rc;
        if (!v) return amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
        for (k = 1; k <= n; k++) {
            lua_geti(S, -1, k);
            if (!lua_isinteger(S, -1)) {
                lua_pop(S, 1);
                free(v);
                goto bad;
            }
            v[k - 1] = (int64_t)lua_tointeger(S, -1);
            lua_pop(S, 1);
        }
        rc = params_set_list(ps, name, v, (size_t)n, err, errlen);
        free(v);
        return rc;
    }
    }
bad:
    return amor_errorf(err, errlen, AMOR_EINVAL,
                       "parameter '%s' of %s '%s' must be of type %s, got %s", name,
                       loader_kind_name(ps->head->kind), ps->head->name,
                       params_type_name(ps->head->params[i].type), luaL_typename(S, -1));
}

/* cell[field] = {name=, params=} -> c->{problem,model,loss} */
static int read_plugin(lua_State *S, script_ctx *X, int cell, const char *field,
                       uint32_t kind, cell_plugin *cp, char *err, size_t errlen)
{
    const char *name;
    int rc = 0;
    lua_getfield(S, cell, field);
    lua_getfield(S, -1, "name");
    name = lua_tostring(S, -1);
    if (!name) {
        lua_pop(S, 2);
        return amor_errorf(err, errlen, 1, "cell without a %s name", field);
    }
    cp->head = loader_find(X->L, kind, name, err, errlen);
    lua_pop(S, 1);
    if (!cp->head || params_init(&cp->ps, cp->head, err, errlen)) {
        lua_pop(S, 1);
        return 1;
    }
    lua_getfield(S, -1, "params");
    if (lua_istable(S, -1)) {
        lua_pushnil(S);
        while (!rc && lua_next(S, -2)) {
            if (lua_type(S, -2) != LUA_TSTRING)
                rc = amor_errorf(err, errlen, 1, "%s '%s': parameter names must be strings",
                                 loader_kind_name(kind), name);
            else
                rc = set_param(S, &cp->ps, lua_tostring(S, -2), err, errlen);
            lua_pop(S, rc ? 2 : 1);
        }
    }
    lua_pop(S, 2);
    return rc;
}

/* "mlp(hidden=64,64)" -- the plugin name with explicitly set parameters;
 * all=1 gives every parameter (the canonical form hashed into seeds). */
static void plugin_text(const cell_plugin *cp, int all, char *buf, size_t len)
{
    size_t i, off = (size_t)snprintf(buf, len, "%s", cp->head->name);
    int first = 1;
    for (i = 0; i < cp->ps.n && off < len; i++) {
        char v[512];
        if (!all && !cp->ps.set[i]) continue;
        off += (size_t)snprintf(buf + off, len - off, "%s%s=%s", first ? "(" : ",",
                                cp->head->params[i].name, params_format(&cp->ps, i, v, sizeof v));
        first = 0;
    }
    if (!first && off < len) snprintf(buf + off, len - off, ")");
}

static int add_col(cell_spec *c, const char *name, const char *value)
{
    cell_column *q = realloc(c->cols, (c->ncols + 1) * sizeof *q);
    if (!q) return -1;
    c->cols = q;
    q[c->ncols].name = strdup(name);
    q[c->ncols].value = strdup(value);
    c->ncols++;
    return 0;
}

/* The swept setting `key` ("train.lr") as text, from c. */
static void setting_text(const cell_spec *c, const char *key, char *buf, size_t len)
{
    size_t i;
    buf[0] = 0;
    for (i = 0; i < NSETTINGS; i++) {
        char full[64];
        snprintf(full, sizeof full, "%s.%s", SETTINGS[i].section, SETTINGS[i].key);
        if (strcmp(full, key)) continue;
        const char *base = (const char *)c + SETTINGS[i].off;
        if (SETTINGS[i].type == S_INT) snprintf(buf, len, "%ld", *(const long *)base);
        else if (SETTINGS[i].type == S_REAL) params_format_real(*(const double *)base, buf, len);
        else if (SETTINGS[i].type == S_METHODS)
            snprintf(buf, len, "%s%s%s", c->solver.use[SOLVER_ADAM] ? "adam" : "",
                     c->solver.use[SOLVER_ADAM] && c->solver.use[SOLVER_GD] ? "," : "",
                     c->solver.use[SOLVER_GD] ? "gd" : "");
    }
}

static int build_cell(lua_State *S, script_ctx *X, int idx, cell_spec *c, char *err,
                      size_t errlen)
{
    static const char *const kinds[] = {"problem", "model", "loss"};
    cell_plugin *cps[3] = {&c->problem, &c->model, &c->loss};
    char id[4096], canon[8192], txt[2048];
    size_t k, off;
    int isnum;

    memset(c, 0, sizeof *c);
    default_settings(c);
    lua_getfield(S, idx, "experiment");
    c->experiment = strdup(lua_tostring(S, -1) ? lua_tostring(S, -1) : "adhoc");
    lua_pop(S, 1);
    lua_getfield(S, idx, "seed");
    c->seed = (long)lua_tointegerx(S, -1, &isnum);
    lua_pop(S, 1);
    if (!isnum || c->seed < 0)
        return amor_errorf(err, errlen, 1, "seed must be a non-negative integer");
    for (k = 0; k < 3; k++)
        if (read_plugin(S, X, idx, kinds[k], (uint32_t)(k + 1), cps[k], err, errlen))
            return 1;
    for (k = 0; k < 3; k++) {
        static const char *const sec[] = {"train", "eval", "solver"};
        int rc;
        lua_getfield(S, idx, sec[k]);
        rc = read_section(S, -1, sec[k], c, err, errlen);
        lua_pop(S, 1);
        if (rc) return 1;
    }
    /* contexts to predict after training: a list of rows */
    lua_getfield(S, idx, "predict");
    if (lua_istable(S, -1)) {
        lua_Integer i, n = (lua_Integer)luaL_len(S, -1);
        for (i = 1; i <= n; i++) {
            lua_Integer j, m;
            lua_geti(S, -1, i);
            if (!lua_istable(S, -1)) {
                lua_pop(S, 2);
                return amor_errorf(err, errlen, 1, "predict: row %lld is not a list of numbers",
                                   (long long)i);
            }
            m = (lua_Integer)luaL_len(S, -1);
            if (i == 1) {
                c->predict_nx = (size_t)m;
                c->predict = malloc(((size_t)n * (size_t)m + 1) * sizeof(double));
                if (!c->predict) return amor_errorf(err, errlen, 1, "out of memory");
            } else if ((size_t)m != c->predict_nx) {
                lua_pop(S, 2);
                return amor_errorf(err, errlen, 1, "predict: row %lld has %lld values, row 1 has %zu",
                                   (long long)i, (long long)m, c->predict_nx);
            }
            for (j = 1; j <= m; j++) {
                int isn;
                lua_geti(S, -1, j);
                c->predict[(size_t)(i - 1) * c->predict_nx + (size_t)(j - 1)] = lua_tonumberx(S, -1, &isn);
                lua_pop(S, 1);
                if (!isn) {
                    lua_pop(S, 2);
                    return amor_errorf(err, errlen, 1, "predict: row %lld, value %lld is not a number",
                                       (long long)i, (long long)j);
                }
            }
            lua_pop(S, 1);
        }
        c->npredict = (size_t)n;
    }
    lua_pop(S, 1);
    /* identity: explicit parameters, seed, swept settings */
    off = 0;
    id[0] = 0;
    for (k = 0; k < 3; k++) {
        size_t i;
        plugin_text(cps[k], 0, txt, sizeof txt);
        off += (size_t)snprintf(id + off, sizeof id - off, "%s%s", k ? "/" : "", txt);
        for (i = 0; i < cps[k]->ps.n; i++) {
            char name[256], v[512];
            if (!cps[k]->ps.set[i]) continue;
            snprintf(name, sizeof name, "%s.%s", kinds[k], cps[k]->head->params[i].name);
            if (add_col(c, name, params_format(&cps[k]->ps, i, v, sizeof v)))
                return amor_errorf(err, errlen, 1, "out of memory");
        }
    }
    off += (size_t)snprintf(id + off, sizeof id - off, "/seed=%ld", c->seed);
    lua_getfield(S, idx, "swept");
    if (lua_istable(S, -1)) {
        lua_Integer i, n = (lua_Integer)luaL_len(S, -1);
        for (i = 1; i <= n; i++) {
            lua_geti(S, -1, i);
            const char *key = lua_tostring(S, -1);
            if (key) {
                setting_text(c, key, txt, sizeof txt);
                off += (size_t)snprintf(id + off, sizeof id - off, "/%s=%s", key, txt);
                add_col(c, key, txt);
            }
            lua_pop(S, 1);
        }
    }
    lua_pop(S, 1);
    c->id = strdup(id);
    /* random streams: see cell.h */
    off = (size_t)snprintf(canon, sizeof canon, "%s", c->experiment);
    for (k = 0; k < 3; k++) {
        plugin_text(cps[k], 1, txt, sizeof txt);
        off += (size_t)snprintf(canon + off, sizeof canon - off, "|%s", txt);
    }
    snprintf(canon + off, sizeof canon - off, "|seed=%ld", c->seed);
    c->stream_seed = cell_hash(canon);
    plugin_text(&c->problem, 1, txt, sizeof txt);
    snprintf(canon, sizeof canon, "eval|%s|seed=%ld", txt, c->seed);
    c->eval_seed = cell_hash(canon);
    if (!c->experiment || !c->id) return amor_errorf(err, errlen, 1, "out of memory");
    return 0;
}

/* amor._cell(tbl) -> cell | nil, message ; third result: incompatibility */
static int l_cell(lua_State *S)
{
    script_ctx *X = ctx_of(S);
    char err[2048], why[512];
    cell_spec *c;
    luaL_checktype(S, 1, LUA_TTABLE);
    c = lua_newuserdatauv(S, sizeof *c, 0);
    memset(c, 0, sizeof *c);
    luaL_setmetatable(S, CELL_MT);
    err[0] = 0;
    if (build_cell(S, X, 1, c, err, sizeof err)) {
        lua_pushnil(S);
        lua_pushstring(S, err);
        return 2;
    }
    if (cell_incompatible(c, why, sizeof why)) {
        lua_pushnil(S);
        lua_pushstring(S, why);
        return 3;
    }
    return 1;
}

static int l_cell_gc(lua_State *S)
{
    cell_spec *c = luaL_checkudata(S, 1, CELL_MT);
    cell_spec_free(c);
    return 0;
}

static int l_id(lua_State *S)
{
    cell_spec *c = luaL_checkudata(S, 1, CELL_MT);
    lua_pushstring(S, c->id);
    return 1;
}

static int ensure_results(lua_State *S, script_ctx *X)
{
    char err[1024];
    if (X->R) return 0;
    X->R = results_new(X->outdir, err, sizeof err);
    if (!X->R) return luaL_error(S, "%s", err);
    return 0;
}

static void set_num(lua_State *S, const char *k, double v)
{
    lua_pushnumber(S, v);
    lua_setfield(S, -2, k);
}

/* Push an (n, d) row-major array as a Lua list of lists. */
static void push_rows(lua_State *S, const double *a, size_t n, size_t d)
{
    size_t i, j;
    lua_createtable(S, (int)n, 0);
    for (i = 0; i < n; i++) {
        lua_createtable(S, (int)d, 0);
        for (j = 0; j < d; j++) {
            lua_pushnumber(S, a[i * d + j]);
            lua_seti(S, -2, (lua_Integer)j + 1);
        }
        lua_seti(S, -2, (lua_Integer)i + 1);
    }
}

/* amor._run(cell) -> metrics table; the row is in runs.csv on return. */
static int l_run(lua_State *S)
{
    script_ctx *X = ctx_of(S);
    cell_spec *c = luaL_checkudata(S, 1, CELL_MT);
    cell_result r;
    char err[1024];
    int s;
    ensure_results(S, X);
    cell_run(c, &r);
    if (results_add(X->R, c, &r, err, sizeof err)) {
        cell_result_free(&r);
        return luaL_error(S, "writing results: %s", err);
    }
    lua_newtable(S);
    lua_pushstring(S, c->id);
    lua_setfield(S, -2, "cell");
    lua_pushstring(S, r.status);
    lua_setfield(S, -2, "status");
    lua_pushstring(S, r.error);
    lua_setfield(S, -2, "error");
    set_num(S, "train_seconds", r.train_seconds);
    set_num(S, "train_steps", (double)r.train_steps);
    set_num(S, "num_params", (double)r.num_params);
    if (r.has_eval) {
        set_num(S, "objective_mean", r.objective_mean);
        set_num(S, "objective_std", r.objective_std);
        set_num(S, "infer_seconds", r.infer_seconds);
        set_num(S, "final_train_loss", r.final_train_loss);
        if (r.has_optimal) {
            set_num(S, "optimal_objective_mean", r.optimal_objective_mean);
            set_num(S, "gap_mean", r.gap_mean);
            set_num(S, "distance_mean", r.distance_mean);
        }
        for (s = 0; s < SOLVER_COUNT; s++)
            if (r.solver_ran[s] && r.solver_reached[s]) {
                char k[64];
                snprintf(k, sizeof k, "%s_iters_to_match", s == SOLVER_ADAM ? "adam" : "gd");
                set_num(S, k, (double)r.solver_iters[s]);
            }
    }
    if (r.nsolver) { /* solver = {adam = {iteration=, seconds=, mean=, std=}, gd = ...} */
        lua_newtable(S);
        for (s = 0; s < SOLVER_COUNT; s++) {
            size_t k, m = 0;
            if (!r.solver_ran[s]) continue;
            lua_newtable(S);
            static const char *const cols[] = {"iteration", "seconds", "mean", "std"};
            for (int col = 0; col < 4; col++) {
                lua_newtable(S);
                m = 0;
                for (k = 0; k < r.nsolver; k++) {
                    const solver_row *sr = &r.solver_rows[k];
                    if (sr->solver != s) continue;
                    lua_pushnumber(S, col == 0 ? (double)sr->iteration : col == 1 ? sr->seconds
                                      : col == 2 ? sr->objective_mean : sr->objective_std);
                    lua_seti(S, -2, (lua_Integer)++m);
                }
                lua_setfield(S, -2, cols[col]);
            }
            lua_setfield(S, -2, s == SOLVER_ADAM ? "adam" : "gd");
        }
        lua_setfield(S, -2, "solver");
    }
    if (r.predictions) {
        push_rows(S, r.predictions, c->npredict, r.ny);
        lua_setfield(S, -2, "predictions");
    }
    if (r.ntrack) {
        size_t k;
        lua_newtable(S);
        push_rows(S, r.track_x, r.ntrack, r.nx);
        lua_setfield(S, -2, "x");
        if (r.track_ystar) {
            push_rows(S, r.track_ystar, r.ntrack, r.ny);
            lua_setfield(S, -2, "ystar");
        }
        lua_newtable(S);
        for (k = 0; k < r.ntrack_steps; k++) {
            lua_pushinteger(S, (lua_Integer)r.track_steps[k]);
            lua_seti(S, -2, (lua_Integer)k + 1);
        }
        lua_setfield(S, -2, "steps");
        lua_newtable(S); /* yhat[step index][context] = row */
        for (k = 0; k < r.ntrack_steps; k++) {
            push_rows(S, r.track_yhat + k * r.ntrack * r.ny, r.ntrack, r.ny);
            lua_seti(S, -2, (lua_Integer)k + 1);
        }
        lua_setfield(S, -2, "yhat");
        lua_setfield(S, -2, "track");
    }
    if (r.has_initial) {
        set_num(S, "initial_objective_mean", r.initial_objective_mean);
        if (r.has_optimal) set_num(S, "initial_gap_mean", r.initial_gap_mean);
    }
    cell_result_free(&r);
    return 1;
}

/* amor._finish(experiment [, quiet]): figures and summary table. */
static int l_finish(lua_State *S)
{
    script_ctx *X = ctx_of(S);
    const char *name = luaL_checkstring(S, 1);
    int quiet = lua_toboolean(S, 2);
    char err[2048];
    if (!X->R) return 0;
    if (results_figures(X->R, name, err, sizeof err)) {
        fprintf(stderr, "amor: warning: figures of '%s': %s\n", name, err);
        X->figure_errors++;
    }
    if (!quiet) results_print_summary(X->R, name, stdout);
    fflush(stdout);
    return 0;
}

static int l_outdir(lua_State *S)
{
    lua_pushstring(S, ctx_of(S)->outdir);
    return 1;
}

/* amor.list([kind]) -> {names} */
static int l_list(lua_State *S)
{
    script_ctx *X = ctx_of(S);
    const char *kind = luaL_optstring(S, 1, NULL);
    size_t i, k = 0;
    lua_newtable(S);
    for (i = 0; i < loader_count(X->L); i++) {
        const amor_plugin_head *h = loader_get(X->L, i)->head;
        if (kind && strcmp(kind, loader_kind_name(h->kind))) continue;
        lua_pushstring(S, h->name);
        lua_seti(S, -2, (lua_Integer)++k);
    }
    return 1;
}

/* amor.describe(name [, kind]) -> table of the plugin's declarations */
static int l_describe(lua_State *S)
{
    script_ctx *X = ctx_of(S);
    const char *name = luaL_checkstring(S, 1);
    const char *kind = luaL_optstring(S, 2, NULL);
    uint32_t k = 0;
    char err[2048];
    size_t i;
    if (kind) k = !strcmp(kind, "problem") ? 1 : !strcmp(kind, "model") ? 2 : !strcmp(kind, "loss") ? 3 : 0;
    const amor_plugin_head *h = loader_find(X->L, k, name, err, sizeof err);
    if (!h) return luaL_error(S, "%s", err);
    lua_newtable(S);
    lua_pushstring(S, h->name); lua_setfield(S, -2, "name");
    lua_pushstring(S, loader_kind_name(h->kind)); lua_setfield(S, -2, "kind");
    lua_pushstring(S, h->doc ? h->doc : ""); lua_setfield(S, -2, "doc");
    lua_pushstring(S, h->version ? h->version : ""); lua_setfield(S, -2, "version");
    if (h->kind == AMOR_KIND_PROBLEM) {
        const amor_problem_desc *d = (const amor_problem_desc *)h;
        lua_pushboolean(S, d->value_grad != NULL); lua_setfield(S, -2, "gradient");
        lua_pushboolean(S, d->hvp != NULL); lua_setfield(S, -2, "hvp");
        lua_pushboolean(S, d->solve != NULL); lua_setfield(S, -2, "solve");
        lua_pushboolean(S, d->project != NULL); lua_setfield(S, -2, "project");
    } else if (h->kind == AMOR_KIND_LOSS) {
        const amor_loss_desc *d = (const amor_loss_desc *)h;
        lua_pushboolean(S, (d->needs & AMOR_NEEDS_YSTAR) != 0); lua_setfield(S, -2, "needs_ystar");
        lua_pushboolean(S, (d->needs & AMOR_NEEDS_GRAD) != 0); lua_setfield(S, -2, "needs_gradient");
    }
    lua_newtable(S);
    for (i = 0; i < h->num_params; i++) {
        lua_pushstring(S, h->params[i].name);
        lua_seti(S, -2, (lua_Integer)i + 1);
    }
    lua_setfield(S, -2, "params");
    return 1;
}

/* debug.traceback-based message handler (lua.c's msghandler). */
static int msghandler(lua_State *S)
{
    const char *msg = lua_tostring(S, 1);
    if (!msg) {
        if (luaL_callmeta(S, 1, "__tostring") && lua_type(S, -1) == LUA_TSTRING) return 1;
        msg = lua_pushfstring(S, "(error object is a %s value)", luaL_typename(S, 1));
    }
    luaL_traceback(S, S, msg, 1);
    return 1;
}

int script_run(const script_opts *o, loader *L, script_outcome *out)
{
    lua_State *S = luaL_newstate();
    script_ctx X = {L, o->outdir, NULL, 0};
    static const luaL_Reg fns[] = {
        {"_cell", l_cell},       {"_run", l_run},   {"_finish", l_finish},
        {"_id", l_id},           {"_outdir", l_outdir}, {"list", l_list},
        {"describe", l_describe}, {NULL, NULL}};
    size_t i;
    int rc, base;
    memset(out, 0, sizeof *out);
    if (!S) {
        snprintf(out->message, sizeof out->message, "cannot create a Lua state");
        return 1;
    }
    luaL_openlibs(S);
    luaL_newmetatable(S, CELL_MT);
    lua_pushcfunction(S, l_cell_gc);
    lua_setfield(S, -2, "__gc");
    lua_pop(S, 1);

    lua_newtable(S);
    lua_pushlightuserdata(S, &X);
    luaL_setfuncs(S, fns, 1);
    lua_pushstring(S, AMOR_VERSION_STRING);
    lua_setfield(S, -2, "version");
    lua_newtable(S);
    for (i = 0; i < o->nsettings; i++) {
        const char *kv = o->settings[i], *eq = strchr(kv, '=');
        lua_pushlstring(S, kv, (size_t)(eq - kv));
        lua_pushstring(S, eq + 1);
        lua_settable(S, -3);
    }
    lua_setfield(S, -2, "settings");
    luabind_register(S, L, o->outdir);
    lua_setglobal(S, "amor");

    if (luaL_loadbuffer(S, PRELUDE, sizeof PRELUDE - 1, "=prelude") ||
        lua_pcall(S, 0, 0, 0)) {
        snprintf(out->message, sizeof out->message, "prelude: %s", lua_tostring(S, -1));
        lua_close(S);
        return 1;
    }
    /* settings: "true"/"false"/numbers become Lua values */
    (void)luaL_dostring(S, "for k, v in pairs(amor.settings) do "
                     "if v == 'true' then amor.settings[k] = true "
                     "elseif v == 'false' then amor.settings[k] = false "
                     "elseif tonumber(v) then amor.settings[k] = tonumber(v) end end");

    lua_pushcfunction(S, msghandler);
    base = lua_gettop(S);
    rc = luaL_loadfilex(S, o->script, "t");
    if (rc == LUA_OK) rc = lua_pcall(S, 0, 0, base);
    if (rc != LUA_OK) {
        snprintf(out->message, sizeof out->message, "%s", lua_tostring(S, -1));
        out->script_error = 1;
    }
    if (X.R) {
        out->cells = results_count(X.R);
        out->failed = results_failed(X.R);
    }
    out->figure_errors = X.figure_errors;
    lua_close(S);
    results_free(X.R);
    return rc != LUA_OK;
}
