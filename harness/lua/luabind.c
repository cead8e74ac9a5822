/*
 * luabind.c -- the `amor` module's C functions, in one table: plugins
 * (amor.list, amor.describe, and amor.problem(spec) with :dims, :sample,
 * :value, :grad, :solve, :aux, e.g. to draw f on a grid, and :loss, a loss
 * plugin evaluated on the problem), atomic files in
 * the output directory (amor.write_file, amor.path, amor.read_csv) and
 * figures (amor.plot, amor.plot_multi, amor.plot_raw, amor.plot_bars: their
 * bindings are in luaplot.c).
 * Also three private helpers of prelude.lua (luabind_internals).
 */
#include "luabind.h"

#include "cell.h"
#include "luaplot.h"
#include "luautil.h"

#include "fileutil.h"

#include "cellbuild.h"

#include "csvread.h"
#include "oracle.h"
#include "params.h"
#include "results.h"

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROBLEM_MT "amor.problem"

/* on_write(fn): fn() runs before each helper that writes a file
 * (prelude.lua checks there that the script read its --set keys). */
static int l_on_write(lua_State *S)
{
    luaL_checktype(S, 1, LUA_TFUNCTION);
    lua_pushvalue(S, 1);
    lua_setfield(S, LUA_REGISTRYINDEX, "amor.on_write");
    return 0;
}

/* amor.path(name) -> outdir/name (absolute names unchanged) */
static void out_path(lb_ctx *X, const char *name, char *buf, size_t len)
{
    if (name[0] == '/') snprintf(buf, len, "%s", name);
    else snprintf(buf, len, "%s/%s", X->outdir, name);
}

static int l_path(lua_State *S)
{
    char buf[8192];
    out_path(lb_ctx_of(S), luaL_checkstring(S, 1), buf, sizeof buf);
    lua_pushstring(S, buf);
    return 1;
}

/* amor.write_file(name, text): atomically, under the output directory. */
static int l_write_file(lua_State *S)
{
    lb_ctx *X = lb_ctx_of(S);
    size_t len;
    const char *name = luaL_checkstring(S, 1);
    const char *text = luaL_checklstring(S, 2, &len);
    char path[8192], err[1024];
    lb_before_write(S);
    if (am_mkdirs(X->outdir, err, sizeof err)) return luaL_error(S, "%s", err);
    out_path(X, name, path, sizeof path);
    if (fu_write(path, text, len, err, sizeof err)) return luaL_error(S, "%s", err);
    return 0;
}

/* amor.read_csv(name) -> list of rows, each a table {column = text}; name
 * is relative to the output directory (e.g. "runs.csv"); a missing file is
 * an empty list.  Numbers stay text: tonumber() them as needed. */
static int l_read_csv(lua_State *S)
{
    lb_ctx *X = lb_ctx_of(S);
    char path[8192], err[1024];
    csv_file t;
    size_t r, c;
    out_path(X, luaL_checkstring(S, 1), path, sizeof path);
    if (csv_read_file(path, &t, err, sizeof err)) return luaL_error(S, "%s", err);
    lua_createtable(S, t.nrecords ? (int)t.nrecords - 1 : 0, 0);
    for (r = 1; r < t.nrecords; r++) {
        lua_createtable(S, 0, (int)csv_nfields(&t, 0));
        for (c = 0; c < csv_nfields(&t, 0); c++) {
            const char *v = csv_get(&t, r, c);
            lua_pushstring(S, v ? v : "");
            lua_setfield(S, -2, csv_get(&t, 0, c));
        }
        lua_seti(S, -2, (lua_Integer)r);
    }
    csv_free(&t);
    return 1;
}

/* ---- problems ------------------------------------------------------------ */

typedef struct lproblem {
    const amor_problem_desc *d;
    void *inst;
    size_t nx, ny;
} lproblem;

static int lp_gc(lua_State *S)
{
    lproblem *p = luaL_checkudata(S, 1, PROBLEM_MT);
    if (p->inst) p->d->destroy(p->inst);
    p->inst = NULL;
    return 0;
}

/* rows (a list of lists of d numbers) at index i -> new array (on the stack) */
static double *rows_arg(lua_State *S, int i, size_t d, size_t *n, const char *what)
{
    lua_Integer k, m, j, len;
    double *a;
    char why[256];
    if (cellbuild_list(S, i, &m, why, sizeof why))
        lb_err(S, "%s must be a list of rows (lists of %zu numbers), %s", what, d, why);
    a = lua_newuserdatauv(S, ((size_t)m * d + 1) * sizeof *a, 0);
    for (k = 1; k <= m; k++) {
        lua_rawgeti(S, i, k);
        if (cellbuild_list(S, -1, &len, why, sizeof why) || (size_t)len != d)
            lb_err(S, "%s: row %lld must be a list of %zu numbers", what, (long long)k, d);
        for (j = 1; j <= (lua_Integer)d; j++) {
            lua_rawgeti(S, -1, j);
            if (lua_type(S, -1) != LUA_TNUMBER) {
                cellbuild_value_text(S, -1, why, sizeof why);
                lb_err(S, "%s: row %lld, value %lld is not a number, got %s", what, (long long)k,
                     (long long)j, why);
            }
            a[(size_t)(k - 1) * d + (size_t)(j - 1)] = lua_tonumber(S, -1);
            lua_pop(S, 1);
        }
        lua_pop(S, 1);
    }
    *n = (size_t)m;
    return a;
}

void luabind_push_rows(lua_State *S, const double *a, size_t n, size_t d)
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

static int lp_dims(lua_State *S)
{
    lproblem *p = luaL_checkudata(S, 1, PROBLEM_MT);
    lua_pushinteger(S, (lua_Integer)p->nx);
    lua_pushinteger(S, (lua_Integer)p->ny);
    return 2;
}

/* p:sample(n, seed, split) -> rows; split "train" (the default) or
 * "heldout", through the problem's sample_split when it has one (as the
 * host draws training and held-out contexts), else sample for both. */
static int lp_sample(lua_State *S)
{
    static const char *const splits[] = {"train", "heldout", NULL};
    lproblem *p = luaL_checkudata(S, 1, PROBLEM_MT);
    lua_Integer n = luaL_checkinteger(S, 2);
    lua_Integer seed = luaL_optinteger(S, 3, 1);
    uint32_t split = luaL_checkoption(S, 4, "train", splits) ? AMOR_SPLIT_HELDOUT : AMOR_SPLIT_TRAIN;
    amor_rng r;
    char err[1024];
    double *x;
    int rc;
    luaL_argcheck(S, n >= 0, 2, "must be non-negative");
    x = lua_newuserdatauv(S, ((size_t)n * p->nx + 1) * sizeof *x, 0);
    amor_rng_seed(&r, (uint64_t)seed);
    rc = n == 0 ? 0 /* the header promises plugins n >= 1 */
       : p->d->sample_split ? p->d->sample_split(p->inst, &r, split, (size_t)n, x, err, sizeof err)
                            : p->d->sample(p->inst, &r, (size_t)n, x, err, sizeof err);
    if (rc) return luaL_error(S, "sample: %s", err);
    luabind_push_rows(S, x, (size_t)n, p->nx);
    return 1;
}

/* p:value(xrows, yrows) -> list of f;  p:grad(xrows, yrows) -> f list, grad rows */
static int value_or_grad(lua_State *S, int grad)
{
    lproblem *p = luaL_checkudata(S, 1, PROBLEM_MT);
    size_t n, m, i;
    double *x = rows_arg(S, 2, p->nx, &n, "x");
    double *y = rows_arg(S, 3, p->ny, &m, "y");
    double *f, *g = NULL;
    char err[1024];
    if (n != m) return lb_err(S, "value: %zu contexts but %zu solutions", n, m);
    f = lua_newuserdatauv(S, (n + 1) * sizeof *f, 0);
    if (grad) {
        if (!p->d->value_grad) return luaL_error(S, "problem '%s' has no gradient", p->d->head.name);
        g = lua_newuserdatauv(S, (n * p->ny + 1) * sizeof *g, 0);
        if (n && p->d->value_grad(p->inst, n, x, y, f, g, err, sizeof err)) return luaL_error(S, "value_grad: %s", err);
    } else if (n && p->d->value(p->inst, n, x, y, f, err, sizeof err)) {
        return luaL_error(S, "value: %s", err);
    }
    lua_createtable(S, (int)n, 0);
    for (i = 0; i < n; i++) {
        lua_pushnumber(S, f[i]);
        lua_seti(S, -2, (lua_Integer)i + 1);
    }
    if (!grad) return 1;
    luabind_push_rows(S, g, n, p->ny);
    return 2;
}

static int lp_value(lua_State *S) { return value_or_grad(S, 0); }
static int lp_grad(lua_State *S) { return value_or_grad(S, 1); }

/* p:hvp(xrows, yrows, vrows) -> rows of H(y; x) v, the Hessian of f in y */
static int lp_hvp(lua_State *S)
{
    lproblem *p = luaL_checkudata(S, 1, PROBLEM_MT);
    size_t n, m, k;
    double *x = rows_arg(S, 2, p->nx, &n, "x");
    double *y = rows_arg(S, 3, p->ny, &m, "y");
    double *v = rows_arg(S, 4, p->ny, &k, "v"), *hv;
    char err[1024];
    if (!p->d->hvp) return luaL_error(S, "problem '%s' has no Hessian-vector product", p->d->head.name);
    if (n != m || n != k) return lb_err(S, "hvp: %zu contexts, %zu solutions and %zu directions", n, m, k);
    hv = lua_newuserdatauv(S, (n * p->ny + 1) * sizeof *hv, 0);
    if (n && p->d->hvp(p->inst, n, x, y, v, hv, err, sizeof err)) return luaL_error(S, "hvp: %s", err);
    luabind_push_rows(S, hv, n, p->ny);
    return 1;
}

/* p:solve(xrows) -> rows of y* */
static int lp_solve(lua_State *S)
{
    lproblem *p = luaL_checkudata(S, 1, PROBLEM_MT);
    size_t n;
    double *x = rows_arg(S, 2, p->nx, &n, "x"), *y;
    char err[1024];
    if (!p->d->solve) return luaL_error(S, "problem '%s' has no solver", p->d->head.name);
    y = lua_newuserdatauv(S, (n * p->ny + 1) * sizeof *y, 0);
    if (n && p->d->solve(p->inst, n, x, y, err, sizeof err)) return luaL_error(S, "solve: %s", err);
    luabind_push_rows(S, y, n, p->ny);
    return 1;
}

/* p:aux(xrows, yrows) -> rows of the problem's auxiliary view (e.g. images) */
static int lp_aux(lua_State *S)
{
    lproblem *p = luaL_checkudata(S, 1, PROBLEM_MT);
    size_t n, m, d;
    double *x = rows_arg(S, 2, p->nx, &n, "x");
    double *y = rows_arg(S, 3, p->ny, &m, "y"), *out;
    char err[1024];
    if (!p->d->aux) return luaL_error(S, "problem '%s' has no aux view", p->d->head.name);
    if (n != m) return lb_err(S, "aux: %zu contexts but %zu solutions", n, m);
    d = p->d->aux_dim(p->inst);
    out = lua_newuserdatauv(S, (n * d + 1) * sizeof *out, 0);
    if (n && p->d->aux(p->inst, n, x, y, out, err, sizeof err)) return luaL_error(S, "aux: %s", err);
    luabind_push_rows(S, out, n, d);
    return 1;
}

/* The plugin of `kind` and its validated parameters from the spec at index
 * idx, "name" or {"name", param = value, ...}, as experiment{} reads them;
 * `fn` names the caller in messages.  Raises a Lua error on a bad spec
 * (nothing to free then); otherwise the caller frees *ps. */
static const amor_plugin_head *spec_params(lua_State *S, int idx, uint32_t kind,
                                           const char *fn, params_set *ps)
{
    lb_ctx *X = lb_ctx_of(S);
    char err[2048];
    const char *name;
    const amor_plugin_head *h;
    int rc = 0;
    if (lua_type(S, idx) == LUA_TSTRING) {
        name = lua_tostring(S, idx);
    } else {
        luaL_checktype(S, idx, LUA_TTABLE);
        lua_geti(S, idx, 1);
        name = lua_type(S, -1) == LUA_TSTRING ? lua_tostring(S, -1) : NULL; /* t[1] keeps it */
        lua_pop(S, 1);
        if (!name) luaL_error(S, "%s: the plugin name comes first: {\"name\", ...}", fn);
    }
    if (!(h = loader_find(X->L, kind, name, err, sizeof err))) luaL_error(S, "%s", err);
    if (params_init(ps, h, err, sizeof err)) luaL_error(S, "%s", err);
    if (lua_istable(S, idx)) {
        lua_pushnil(S);
        while (!rc && lua_next(S, idx)) {
            if (lua_type(S, -2) == LUA_TSTRING) {
                rc = cellbuild_set_param(S, ps, lua_tostring(S, -2), err, sizeof err);
            } else if (!lua_isinteger(S, -2) || lua_tointeger(S, -2) != 1) {
                char k[128];
                cellbuild_value_text(S, -2, k, sizeof k);
                rc = amor_errorf(err, sizeof err, AMOR_EINVAL, "%s: a key %s in "
                                 "{\"%s\", param = value, ...} (parameter names are strings)",
                                 fn, k, name);
            }
            lua_pop(S, 1);
        }
        if (rc) lua_pop(S, 1);
    }
    if (rc) {
        params_free(ps);
        luaL_error(S, "%s", err);
    }
    return h;
}

/* p:loss(spec, xrows, yrows [, seed]) -> list of losses, rows of dL/dy: loss
 * plugin `spec` ("name" or {"name", param = value, ...}) created on this
 * problem with one iterate (T = 1, y its prediction) and evaluated once over
 * all rows, its rng seeded with seed (default 1); y* from the problem's
 * solve when the loss needs it.  E.g. the zeroth_order loss's Monte Carlo
 * estimate of the smoothed f (report = "smoothed") on a grid of y. */
static int lp_loss(lua_State *S)
{
    lproblem *p = luaL_checkudata(S, 1, PROBLEM_MT);
    lua_Integer seed = luaL_optinteger(S, 5, 1); /* before rows_arg pushes its arrays */
    size_t n, m;
    double *x = rows_arg(S, 3, p->nx, &n, "x");
    double *y = rows_arg(S, 4, p->ny, &m, "y");
    double *ystar = NULL, *loss, *g;
    const amor_loss_desc *d;
    params_set ps;
    oracle_ctx *oc;
    amor_env env;
    amor_rng r;
    uint32_t needs;
    void *inst = NULL;
    char err[2048] = "", miss[512];
    int rc;
    if (n != m) return lb_err(S, "loss: %zu contexts but %zu solutions", n, m);
    loss = lua_newuserdatauv(S, (n + 1) * sizeof *loss, 0);
    g = lua_newuserdatauv(S, (n * p->ny + 1) * sizeof *g, 0);
    oc = lua_newuserdatauv(S, sizeof *oc, 0);
    d = (const amor_loss_desc *)spec_params(S, 2, AMOR_KIND_LOSS, "p:loss", &ps);
    needs = cell_needs(&d->head, ps.values);
    if (cell_needs_missing(p->d, needs, miss, sizeof miss)) {
        params_free(&ps);
        return luaL_error(S, "p:loss: loss '%s' needs what problem '%s' lacks: %s",
                          d->head.name, p->d->head.name, miss);
    }
    if ((needs & AMOR_NEEDS_YSTAR) && n) {
        ystar = lua_newuserdatauv(S, n * p->ny * sizeof *ystar, 0);
        if (p->d->solve(p->inst, n, x, ystar, err, sizeof err)) {
            params_free(&ps);
            return luaL_error(S, "solve: %s", err);
        }
    }
    if (oracle_init(oc, p->d, p->inst)) {
        params_free(&ps);
        return luaL_error(S, "p:loss: out of memory");
    }
    env = (amor_env){sizeof env, 0, p->nx, p->ny, 1, &oc->table, p->nx};
    rc = d->create(ps.values, &env, &inst, err, sizeof err);
    params_free(&ps);
    if (!rc && n) {
        amor_rng_seed(&r, (uint64_t)seed);
        rc = d->eval(inst, n, 1, x, y, ystar, &r, loss, g, err, sizeof err);
        if (rc && !err[0]) snprintf(err, sizeof err, "%s", oc->err); /* the oracle's own */
    }
    if (inst) d->destroy(inst);
    oracle_free(oc);
    if (rc) return luaL_error(S, "loss '%s': %s", d->head.name, err);
    lua_createtable(S, (int)n, 0);
    for (m = 0; m < n; m++) {
        lua_pushnumber(S, loss[m]);
        lua_seti(S, -2, (lua_Integer)m + 1);
    }
    luabind_push_rows(S, g, n, p->ny);
    return 2;
}

/* amor.problem("name" | {"name", param = value, ...}) -> problem object */
static int l_problem(lua_State *S)
{
    char err[2048];
    const amor_plugin_head *h;
    params_set ps;
    lproblem *p;
    int rc;
    h = spec_params(S, 1, AMOR_KIND_PROBLEM, "amor.problem", &ps);
    p = lua_newuserdatauv(S, sizeof *p, 0);
    memset(p, 0, sizeof *p);
    luaL_setmetatable(S, PROBLEM_MT);
    p->d = (const amor_problem_desc *)h;
    rc = p->d->create(ps.values, &p->inst, err, sizeof err);
    params_free(&ps);
    if (rc) {
        p->inst = NULL;
        return luaL_error(S, "problem create: %s", err);
    }
    p->d->dims(p->inst, &p->nx, &p->ny);
    return 1;
}

/* ---- plugins -------------------------------------------------------------- */

/* "problem", "model", "loss" (or their plurals, as amor list takes them)
 * at argument arg, if given: the kind, or a Lua error naming the valid ones. */
static uint32_t opt_kind(lua_State *S, int arg, const char *fn)
{
    static const char *const names[] = {"problem", "problems", "model", "models", "loss", "losses"};
    const char *k;
    size_t i;
    if (lua_isnoneornil(S, arg)) return 0;
    if (lua_type(S, arg) != LUA_TSTRING)
        return (uint32_t)luaL_error(S, "%s: the kind must be a string (problem, model, loss), got %s",
                                    fn, luaL_typename(S, arg));
    k = lua_tostring(S, arg);
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(k, names[i])) return (uint32_t)(i / 2 + 1); /* AMOR_KIND_PROBLEM.. */
    return (uint32_t)luaL_error(S, "%s: unknown kind '%s' (valid: problem, model, loss)", fn, k);
}

/* amor.list([kind]) -> {names} */
static int l_list(lua_State *S)
{
    lb_ctx *X = lb_ctx_of(S);
    uint32_t kind = opt_kind(S, 1, "amor.list");
    size_t i, k = 0;
    lua_newtable(S);
    for (i = 0; i < loader_count(X->L); i++) {
        const amor_plugin_head *h = loader_get(X->L, i)->head;
        if (kind && h->kind != kind) continue;
        lua_pushstring(S, h->name);
        lua_seti(S, -2, (lua_Integer)++k);
    }
    return 1;
}

/* amor.describe(name [, kind]) -> table of the plugin's declarations */
static int l_describe(lua_State *S)
{
    lb_ctx *X = lb_ctx_of(S);
    const char *name = luaL_checkstring(S, 1);
    uint32_t k = opt_kind(S, 2, "amor.describe");
    char err[2048];
    size_t i;
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
        /* with the default parameters, as amor describe prints them */
        params_set def;
        char e[64];
        uint32_t needs = ((const amor_loss_desc *)h)->needs;
        if (params_init(&def, h, e, sizeof e) == 0) {
            needs = cell_needs(h, def.values);
            params_free(&def);
        }
        lua_pushboolean(S, (needs & AMOR_NEEDS_YSTAR) != 0); lua_setfield(S, -2, "needs_ystar");
        lua_pushboolean(S, (needs & AMOR_NEEDS_GRAD) != 0); lua_setfield(S, -2, "needs_gradient");
    }
    lua_newtable(S);
    for (i = 0; i < h->num_params; i++) {
        lua_pushstring(S, h->params[i].name);
        lua_seti(S, -2, (lua_Integer)i + 1);
    }
    lua_setfield(S, -2, "params");
    return 1;
}

/* list_fault(v) -> nil if v is a list (cellbuild_list), else why not */
static int l_list_fault(lua_State *S)
{
    lua_Integer n;
    char why[256];
    luaL_checkany(S, 1);
    if (!cellbuild_list(S, 1, &n, why, sizeof why)) return 0;
    lua_pushstring(S, why);
    return 1;
}

/* plugin_param(kind, plugin, param, text, what), for --set model.hidden=8
 * (what: "--set model.hidden=8", the start of a message):
 *   true, value     the plugin declares param; text parsed by its type
 *   false, {names}  it does not; the parameters it declares
 *   nil, message    no such plugin, or text is not a value of param's type */
static int l_plugin_param(lua_State *S)
{
    lb_ctx *X = lb_ctx_of(S);
    uint32_t kind = opt_kind(S, 1, "plugin_param");
    const char *name = luaL_checkstring(S, 2), *param = luaL_checkstring(S, 3);
    const char *text = luaL_checkstring(S, 4), *what = luaL_checkstring(S, 5);
    const amor_plugin_head *h;
    params_set ps;
    char err[2048];
    const amor_value *v;
    long i;
    size_t k;
    if (!(h = loader_find(X->L, kind, name, err, sizeof err)) || params_init(&ps, h, err, sizeof err)) {
        lua_pushnil(S);
        lua_pushstring(S, err);
        return 2;
    }
    if ((i = params_index(h, param)) < 0) {
        params_free(&ps);
        lua_pushboolean(S, 0);
        lua_createtable(S, (int)h->num_params, 0);
        for (k = 0; k < h->num_params; k++) {
            lua_pushstring(S, h->params[k].name);
            lua_rawseti(S, -2, (lua_Integer)k + 1);
        }
        return 2;
    }
    if (params_set_text(&ps, param, text, err, sizeof err)) {
        params_free(&ps);
        lua_pushnil(S);
        lua_pushfstring(S, "%s: %s", what, err);
        return 2;
    }
    lua_pushboolean(S, 1);
    v = &ps.values[i];
    switch (h->params[i].type) {
    case AMOR_PARAM_INT: lua_pushinteger(S, (lua_Integer)v->i); break;
    case AMOR_PARAM_REAL: lua_pushnumber(S, v->r); break;
    case AMOR_PARAM_BOOL: lua_pushboolean(S, v->i != 0); break;
    case AMOR_PARAM_STRING: lua_pushstring(S, v->s ? v->s : ""); break;
    default: /* AMOR_PARAM_INT_LIST */
        lua_createtable(S, (int)v->len, 0);
        for (k = 0; k < v->len; k++) {
            lua_pushinteger(S, (lua_Integer)v->list[k]);
            lua_rawseti(S, -2, (lua_Integer)k + 1);
        }
    }
    params_free(&ps);
    return 2;
}

/* The amor module: every function a script may call, in one table (the
 * prelude adds sweep, experiment, run_cell, setting, settings, mean_std and
 * minmax, written in Lua). */
static const luaL_Reg AMOR_FNS[] = {
    {"list", l_list},         {"describe", l_describe},   {"problem", l_problem},
    {"path", l_path},         {"write_file", l_write_file}, {"read_csv", l_read_csv},
    {"plot", lb_plot},        {"plot_multi", lb_plot_multi}, {"plot_raw", lb_plot_raw},
    {"plot_bars", lb_plot_bars}, {NULL, NULL}};

/* The prelude's private helpers from this file (see luabind_internals). */
static const luaL_Reg INTERNAL_FNS[] = {
    {"on_write", l_on_write}, {"list_fault", l_list_fault}, {"plugin_param", l_plugin_param},
    {NULL, NULL}};

/* The context all functions of this file share as their upvalue: a full
 * userdata in the registry (so it lives as long as S), passed as a light one. */
static void push_ctx(lua_State *S)
{
    lua_getfield(S, LUA_REGISTRYINDEX, "amor.luabind");
    lua_pushlightuserdata(S, lua_touserdata(S, -1));
    lua_remove(S, -2);
}

void luabind_open(lua_State *S, loader *L, const char *outdir)
{
    static const luaL_Reg methods[] = {{"dims", lp_dims},   {"sample", lp_sample},
                                       {"value", lp_value}, {"grad", lp_grad},
                                       {"hvp", lp_hvp},     {"loss", lp_loss},
                                       {"solve", lp_solve}, {"aux", lp_aux},
                                       {NULL, NULL}};
    lb_ctx *X = lua_newuserdatauv(S, sizeof *X, 0);
    X->L = L;
    snprintf(X->outdir, sizeof X->outdir, "%s", outdir);
    lua_setfield(S, LUA_REGISTRYINDEX, "amor.luabind");
    luaL_newmetatable(S, PROBLEM_MT);
    lua_pushcfunction(S, lp_gc);
    lua_setfield(S, -2, "__gc");
    luaL_newlibtable(S, methods); /* with the context: p:loss finds plugins */
    push_ctx(S);
    luaL_setfuncs(S, methods, 1);
    lua_setfield(S, -2, "__index");
    lua_pop(S, 1);
    luaL_newlibtable(S, AMOR_FNS);
    push_ctx(S);
    luaL_setfuncs(S, AMOR_FNS, 1);
}

void luabind_internals(lua_State *S)
{
    push_ctx(S);
    luaL_setfuncs(S, INTERNAL_FNS, 1);
}
