/*
 * luabind.c -- helpers scripts call besides experiment{}: atomic files in
 * the output directory (amor.write_file, amor.path), figures (amor.plot,
 * amor.plot_multi, amor.plot_raw, amor.plot_bars) and direct access to a
 * problem plugin (amor.problem(spec) with :dims, :sample, :value, :grad,
 * :solve, :aux), e.g. to draw f on a grid.
 */
#include "luabind.h"

#include "cellbuild.h"

#include "csvread.h"
#include "oracle.h"
#include "params.h"
#include "plot.h"
#include "results.h"

#include <lauxlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROBLEM_MT "amor.problem"

typedef struct lb_ctx {
    loader *L;
    char outdir[4096];
} lb_ctx;

static lb_ctx *ctx(lua_State *S) { return lua_touserdata(S, lua_upvalueindex(1)); }

/* luaL_error with full printf formats (lua_pushfstring lacks %zu, %g...). */
static int lerr(lua_State *S, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return luaL_error(S, "%s", buf);
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
    out_path(ctx(S), luaL_checkstring(S, 1), buf, sizeof buf);
    lua_pushstring(S, buf);
    return 1;
}

/* amor.write_file(name, text): atomically, under the output directory. */
static int l_write_file(lua_State *S)
{
    lb_ctx *X = ctx(S);
    size_t len;
    const char *name = luaL_checkstring(S, 1);
    const char *text = luaL_checklstring(S, 2, &len);
    char path[8192], err[1024];
    if (results_mkdirs(X->outdir, err, sizeof err)) return luaL_error(S, "%s", err);
    out_path(X, name, path, sizeof path);
    if (results_write_file(path, text, len, err, sizeof err)) return luaL_error(S, "%s", err);
    return 0;
}

/* amor.read_csv(name) -> list of rows, each a table {column = text}; name
 * is relative to the output directory (e.g. "runs.csv"); a missing file is
 * an empty list.  Numbers stay text: tonumber() them as needed. */
static int l_read_csv(lua_State *S)
{
    lb_ctx *X = ctx(S);
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

/* ---- figures ---------------------------------------------------------- */

/* A block of memory owned by the table at index `keep` (so it lives as long
 * as that table, and the stack stays balanced). */
static void *keep_alloc(lua_State *S, int keep, size_t size)
{
    void *p = lua_newuserdatauv(S, size ? size : 1, 0);
    lua_seti(S, keep, (lua_Integer)luaL_len(S, keep) + 1);
    return p;
}

/* Numbers of t[field] (a list) into a kept array; *n is its length. */
static double *num_list(lua_State *S, int keep, int t, const char *field, size_t *n)
{
    double *a;
    lua_Integer i, m;
    lua_getfield(S, t, field);
    if (lua_isnil(S, -1)) {
        lua_pop(S, 1);
        *n = 0;
        return NULL;
    }
    if (!lua_istable(S, -1)) luaL_error(S, "plot: '%s' must be a list of numbers", field);
    m = (lua_Integer)luaL_len(S, -1);
    a = keep_alloc(S, keep, ((size_t)m + 1) * sizeof *a);
    for (i = 1; i <= m; i++) {
        lua_geti(S, -1, i);
        a[i - 1] = lua_isnumber(S, -1) ? lua_tonumber(S, -1) : (double)NAN;
        lua_pop(S, 1);
    }
    lua_pop(S, 1);
    *n = (size_t)m;
    return a;
}

/* t[field] as a string kept alive by `keep` (NULL if absent). */
static const char *opt_str(lua_State *S, int keep, int t, const char *field)
{
    const char *v;
    lua_getfield(S, t, field);
    v = lua_tostring(S, -1);
    if (v) lua_seti(S, keep, (lua_Integer)luaL_len(S, keep) + 1);
    else lua_pop(S, 1);
    return v;
}

static lua_Integer opt_int(lua_State *S, int t, const char *field, lua_Integer def)
{
    lua_Integer v;
    lua_getfield(S, t, field);
    v = lua_isnumber(S, -1) ? lua_tointeger(S, -1) : def;
    lua_pop(S, 1);
    return v;
}

static int opt_bool(lua_State *S, int t, const char *field)
{
    int v;
    lua_getfield(S, t, field);
    v = lua_toboolean(S, -1);
    lua_pop(S, 1);
    return v;
}

static double opt_num(lua_State *S, int t, const char *field, double def)
{
    double v;
    lua_getfield(S, t, field);
    v = lua_isnumber(S, -1) ? lua_tonumber(S, -1) : def;
    lua_pop(S, 1);
    return v;
}

/* Read the figure table at t into *f; memory owned by `keep`. */
static void read_figure(lua_State *S, int keep, int t, plot_figure *f)
{
    size_t i, ns, nb, n2;
    plot_series *ser;
    plot_hband *bands;
    memset(f, 0, sizeof *f);
    f->title = opt_str(S, keep, t, "title");
    f->xlabel = opt_str(S, keep, t, "xlabel");
    f->ylabel = opt_str(S, keep, t, "ylabel");
    f->key = opt_str(S, keep, t, "key");
    f->logx = opt_bool(S, t, "logx");
    f->logy = opt_bool(S, t, "logy");
    f->width = (int)opt_int(S, t, "width", 0);
    f->height = (int)opt_int(S, t, "height", 0);
    lua_getfield(S, t, "series");
    ns = lua_istable(S, -1) ? (size_t)luaL_len(S, -1) : 0;
    ser = keep_alloc(S, keep, (ns + 1) * sizeof *ser);
    for (i = 0; i < ns; i++) {
        int st;
        lua_geti(S, -1, (lua_Integer)i + 1);
        st = lua_gettop(S);
        if (!lua_istable(S, st)) lerr(S, "plot: series %zu must be a table", i + 1);
        ser[i].label = opt_str(S, keep, st, "label");
        ser[i].style = opt_str(S, keep, st, "style");
        ser[i].x = num_list(S, keep, st, "x", &ser[i].n);
        ser[i].y = num_list(S, keep, st, "y", &n2);
        if (n2 != ser[i].n) lerr(S, "plot: series %zu has %zu x and %zu y values", i + 1, ser[i].n, n2);
        ser[i].ylo = num_list(S, keep, st, "ylo", &n2);
        if (ser[i].ylo && n2 != ser[i].n) lerr(S, "plot: series %zu: ylo has %zu values, want %zu", i + 1, n2, ser[i].n);
        ser[i].yhi = num_list(S, keep, st, "yhi", &n2);
        if (ser[i].yhi && n2 != ser[i].n) lerr(S, "plot: series %zu: yhi has %zu values, want %zu", i + 1, n2, ser[i].n);
        lua_pop(S, 1);
    }
    lua_pop(S, 1);
    f->series = ser;
    f->nseries = ns;
    lua_getfield(S, t, "bands");
    nb = lua_istable(S, -1) ? (size_t)luaL_len(S, -1) : 0;
    bands = keep_alloc(S, keep, (nb + 1) * sizeof *bands);
    for (i = 0; i < nb; i++) {
        int bt;
        lua_geti(S, -1, (lua_Integer)i + 1);
        bt = lua_gettop(S);
        bands[i].label = opt_str(S, keep, bt, "label");
        bands[i].y = opt_num(S, bt, "y", NAN);
        bands[i].lo = opt_num(S, bt, "lo", bands[i].y);
        bands[i].hi = opt_num(S, bt, "hi", bands[i].y);
        lua_pop(S, 1);
    }
    lua_pop(S, 1);
    f->bands = bands;
    f->nbands = nb;
}

static const char *check_stem(lua_State *S, int keep, int t)
{
    const char *stem = opt_str(S, keep, t, "stem");
    if (!stem || !*stem) luaL_error(S, "plot: 'stem' (the file name without extension) is required");
    return stem;
}

static int report(lua_State *S, int rc, const char *err)
{
    if (rc) return luaL_error(S, "plot: %s", err);
    return 0;
}

/* amor.plot{stem=, title=, xlabel=, ylabel=, logx=, logy=, key=, width=,
 *           height=, series={{label=, x=, y=, ylo=, yhi=, style=}, ...},
 *           bands={{label=, y=, lo=, hi=}, ...}} */
static int l_plot(lua_State *S)
{
    lb_ctx *X = ctx(S);
    plot_figure f;
    char err[4096];
    int keep;
    luaL_checktype(S, 1, LUA_TTABLE);
    lua_newtable(S);
    keep = lua_gettop(S);
    const char *stem = check_stem(S, keep, 1);
    if (results_mkdirs(X->outdir, err, sizeof err)) return luaL_error(S, "%s", err);
    read_figure(S, keep, 1, &f);
    return report(S, plot_write(X->outdir, stem, &f, err, sizeof err), err);
}

/* amor.plot_multi{stem=, title=, rows=, cols=, width=, height=, key_below=,
 *                 panels={fig...}} */
static int l_plot_multi(lua_State *S)
{
    lb_ctx *X = ctx(S);
    plot_layout lay;
    plot_figure *panels;
    size_t i, n;
    char err[4096];
    int keep;
    luaL_checktype(S, 1, LUA_TTABLE);
    lua_newtable(S);
    keep = lua_gettop(S);
    const char *stem = check_stem(S, keep, 1);
    if (results_mkdirs(X->outdir, err, sizeof err)) return luaL_error(S, "%s", err);
    lay.title = opt_str(S, keep, 1, "title");
    lay.rows = (size_t)opt_int(S, 1, "rows", 0);
    lay.cols = (size_t)opt_int(S, 1, "cols", 0);
    lay.width = (int)opt_int(S, 1, "width", 0);
    lay.height = (int)opt_int(S, 1, "height", 0);
    lua_getfield(S, 1, "key_below");
    lay.key_below = lua_toboolean(S, -1);
    lua_pop(S, 1);
    lua_getfield(S, 1, "panels");
    if (!lua_istable(S, -1)) return luaL_error(S, "plot_multi: 'panels' must be a list of figures");
    n = (size_t)luaL_len(S, -1);
    panels = keep_alloc(S, keep, (n + 1) * sizeof *panels);
    for (i = 0; i < n; i++) {
        lua_geti(S, -1, (lua_Integer)i + 1);
        read_figure(S, keep, lua_gettop(S), &panels[i]);
        lua_pop(S, 1);
    }
    return report(S, plot_write_multi(X->outdir, stem, &lay, n, panels, err, sizeof err), err);
}

/* amor.plot_raw{stem=, width=, height=, body="gnuplot commands"} */
static int l_plot_raw(lua_State *S)
{
    lb_ctx *X = ctx(S);
    char err[4096];
    int keep;
    luaL_checktype(S, 1, LUA_TTABLE);
    lua_newtable(S);
    keep = lua_gettop(S);
    const char *stem = check_stem(S, keep, 1);
    const char *body = opt_str(S, keep, 1, "body");
    if (!body) return luaL_error(S, "plot_raw: 'body' (gnuplot commands) is required");
    if (results_mkdirs(X->outdir, err, sizeof err)) return luaL_error(S, "%s", err);
    return report(S, plot_write_raw(X->outdir, stem, (int)opt_int(S, 1, "width", 0),
                                    (int)opt_int(S, 1, "height", 0), body, err, sizeof err),
                  err);
}

/* Strings of t[field] (a list) into a kept array of n pointers. */
static const char **str_list(lua_State *S, int keep, int t, const char *field, size_t *n)
{
    const char **a;
    lua_Integer i, m;
    lua_getfield(S, t, field);
    if (!lua_istable(S, -1)) lerr(S, "plot_bars: '%s' must be a list of labels", field);
    m = (lua_Integer)luaL_len(S, -1);
    a = keep_alloc(S, keep, ((size_t)m + 1) * sizeof *a);
    for (i = 1; i <= m; i++) {
        lua_geti(S, -1, i);
        a[i - 1] = lua_tostring(S, -1);
        if (a[i - 1]) lua_seti(S, keep, (lua_Integer)luaL_len(S, keep) + 1);
        else lua_pop(S, 1);
    }
    lua_pop(S, 1);
    *n = (size_t)m;
    return a;
}

/* t[field] as a (ng, nb) matrix given as a list of ng rows of nb numbers */
static double *matrix(lua_State *S, int keep, int t, const char *field, size_t ng, size_t nb)
{
    double *a;
    size_t g, b;
    lua_getfield(S, t, field);
    if (lua_isnil(S, -1)) {
        lua_pop(S, 1);
        return NULL;
    }
    if (!lua_istable(S, -1) || (size_t)luaL_len(S, -1) != ng)
        lerr(S, "plot_bars: '%s' must be a list of %zu rows (one per group)", field, ng);
    a = keep_alloc(S, keep, (ng * nb + 1) * sizeof *a);
    for (g = 0; g < ng; g++) {
        lua_geti(S, -1, (lua_Integer)g + 1);
        if (!lua_istable(S, -1) || (size_t)luaL_len(S, -1) != nb)
            lerr(S, "plot_bars: '%s' row %zu must have %zu numbers (one per bar)", field, g + 1, nb);
        for (b = 0; b < nb; b++) {
            lua_geti(S, -1, (lua_Integer)b + 1);
            a[g * nb + b] = lua_isnumber(S, -1) ? lua_tonumber(S, -1) : (double)NAN;
            lua_pop(S, 1);
        }
        lua_pop(S, 1);
    }
    lua_pop(S, 1);
    return a;
}

/* amor.plot_bars{stem=, title=, ylabel=, logy=, key=, width=, height=,
 *                groups={labels}, bars={labels}, value={{row per group}},
 *                err={{row per group}}, err_hi={{row per group}}} */
static int l_plot_bars(lua_State *S)
{
    lb_ctx *X = ctx(S);
    plot_bars b;
    char err[4096];
    int keep;
    luaL_checktype(S, 1, LUA_TTABLE);
    lua_newtable(S);
    keep = lua_gettop(S);
    memset(&b, 0, sizeof b);
    const char *stem = check_stem(S, keep, 1);
    b.title = opt_str(S, keep, 1, "title");
    b.ylabel = opt_str(S, keep, 1, "ylabel");
    b.key = opt_str(S, keep, 1, "key");
    b.logy = opt_bool(S, 1, "logy");
    b.width = (int)opt_int(S, 1, "width", 0);
    b.height = (int)opt_int(S, 1, "height", 0);
    b.group_labels = str_list(S, keep, 1, "groups", &b.ngroups);
    b.bar_labels = str_list(S, keep, 1, "bars", &b.nbars);
    b.value = matrix(S, keep, 1, "value", b.ngroups, b.nbars);
    b.err = matrix(S, keep, 1, "err", b.ngroups, b.nbars);
    b.err_hi = matrix(S, keep, 1, "err_hi", b.ngroups, b.nbars);
    if (!b.value) return luaL_error(S, "plot_bars: 'value' is required");
    if (results_mkdirs(X->outdir, err, sizeof err)) return luaL_error(S, "%s", err);
    return report(S, plot_write_bars(X->outdir, stem, &b, err, sizeof err), err);
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

/* rows (a list of lists of length d) at index i -> new array (on the stack) */
static double *rows_arg(lua_State *S, int i, size_t d, size_t *n, const char *what)
{
    lua_Integer k, m, j;
    double *a;
    luaL_checktype(S, i, LUA_TTABLE);
    m = (lua_Integer)luaL_len(S, i);
    a = lua_newuserdatauv(S, ((size_t)m * d + 1) * sizeof *a, 0);
    for (k = 1; k <= m; k++) {
        lua_geti(S, i, k);
        if (!lua_istable(S, -1) || (size_t)luaL_len(S, -1) != d)
            lerr(S, "%s: row %lld must be a list of %zu numbers", what, (long long)k, d);
        for (j = 1; j <= (lua_Integer)d; j++) {
            lua_geti(S, -1, j);
            a[(size_t)(k - 1) * d + (size_t)(j - 1)] = luaL_checknumber(S, -1);
            lua_pop(S, 1);
        }
        lua_pop(S, 1);
    }
    *n = (size_t)m;
    return a;
}

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

static int lp_dims(lua_State *S)
{
    lproblem *p = luaL_checkudata(S, 1, PROBLEM_MT);
    lua_pushinteger(S, (lua_Integer)p->nx);
    lua_pushinteger(S, (lua_Integer)p->ny);
    return 2;
}

/* p:sample(n, seed) -> rows */
static int lp_sample(lua_State *S)
{
    lproblem *p = luaL_checkudata(S, 1, PROBLEM_MT);
    lua_Integer n = luaL_checkinteger(S, 2);
    lua_Integer seed = luaL_optinteger(S, 3, 1);
    amor_rng r;
    char err[1024];
    double *x;
    luaL_argcheck(S, n >= 0, 2, "must be non-negative");
    x = lua_newuserdatauv(S, ((size_t)n * p->nx + 1) * sizeof *x, 0);
    amor_rng_seed(&r, (uint64_t)seed);
    if (p->d->sample(p->inst, &r, (size_t)n, x, err, sizeof err)) return luaL_error(S, "sample: %s", err);
    push_rows(S, x, (size_t)n, p->nx);
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
    if (n != m) return lerr(S, "value: %zu contexts but %zu solutions", n, m);
    f = lua_newuserdatauv(S, (n + 1) * sizeof *f, 0);
    if (grad) {
        if (!p->d->value_grad) return luaL_error(S, "problem '%s' has no gradient", p->d->head.name);
        g = lua_newuserdatauv(S, (n * p->ny + 1) * sizeof *g, 0);
        if (p->d->value_grad(p->inst, n, x, y, f, g, err, sizeof err)) return luaL_error(S, "value_grad: %s", err);
    } else if (p->d->value(p->inst, n, x, y, f, err, sizeof err)) {
        return luaL_error(S, "value: %s", err);
    }
    lua_createtable(S, (int)n, 0);
    for (i = 0; i < n; i++) {
        lua_pushnumber(S, f[i]);
        lua_seti(S, -2, (lua_Integer)i + 1);
    }
    if (!grad) return 1;
    push_rows(S, g, n, p->ny);
    return 2;
}

static int lp_value(lua_State *S) { return value_or_grad(S, 0); }
static int lp_grad(lua_State *S) { return value_or_grad(S, 1); }

/* p:solve(xrows) -> rows of y* */
static int lp_solve(lua_State *S)
{
    lproblem *p = luaL_checkudata(S, 1, PROBLEM_MT);
    size_t n;
    double *x = rows_arg(S, 2, p->nx, &n, "x"), *y;
    char err[1024];
    if (!p->d->solve) return luaL_error(S, "problem '%s' has no solver", p->d->head.name);
    y = lua_newuserdatauv(S, (n * p->ny + 1) * sizeof *y, 0);
    if (p->d->solve(p->inst, n, x, y, err, sizeof err)) return luaL_error(S, "solve: %s", err);
    push_rows(S, y, n, p->ny);
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
    if (n != m) return lerr(S, "aux: %zu contexts but %zu solutions", n, m);
    d = p->d->aux_dim(p->inst);
    out = lua_newuserdatauv(S, (n * d + 1) * sizeof *out, 0);
    if (p->d->aux(p->inst, n, x, y, out, err, sizeof err)) return luaL_error(S, "aux: %s", err);
    push_rows(S, out, n, d);
    return 1;
}

/* amor.problem("name" | {"name", param = value, ...}) -> problem object */
static int l_problem(lua_State *S)
{
    lb_ctx *X = ctx(S);
    char err[2048];
    const char *name;
    const amor_plugin_head *h;
    params_set ps;
    lproblem *p;
    int rc = 0;
    if (lua_isstring(S, 1)) {
        name = lua_tostring(S, 1);
    } else {
        luaL_checktype(S, 1, LUA_TTABLE);
        lua_geti(S, 1, 1);
        name = lua_tostring(S, -1);
        lua_pop(S, 1);
        if (!name) return luaL_error(S, "amor.problem: the plugin name comes first: {\"name\", ...}");
    }
    if (!(h = loader_find(X->L, AMOR_KIND_PROBLEM, name, err, sizeof err)))
        return luaL_error(S, "%s", err);
    if (params_init(&ps, h, err, sizeof err)) return luaL_error(S, "%s", err);
    if (lua_istable(S, 1)) {
        lua_pushnil(S);
        while (!rc && lua_next(S, 1)) {
            if (lua_type(S, -2) == LUA_TSTRING) {
                rc = cellbuild_set_param(S, &ps, lua_tostring(S, -2), err, sizeof err);
            }
            lua_pop(S, 1);
        }
        if (rc) lua_pop(S, 1);
    }
    if (rc) {
        params_free(&ps);
        return luaL_error(S, "%s", err);
    }
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

void luabind_register(lua_State *S, loader *L, const char *outdir)
{
    static const luaL_Reg fns[] = {{"path", l_path},         {"write_file", l_write_file},
                                   {"read_csv", l_read_csv},
                                   {"plot", l_plot},         {"plot_multi", l_plot_multi},
                                   {"plot_raw", l_plot_raw}, {"plot_bars", l_plot_bars},
                                   {"problem", l_problem},   {NULL, NULL}};
    static const luaL_Reg methods[] = {{"dims", lp_dims},   {"sample", lp_sample},
                                       {"value", lp_value}, {"grad", lp_grad},
                                       {"solve", lp_solve}, {"aux", lp_aux},
                                       {NULL, NULL}};
    lb_ctx *X = lua_newuserdatauv(S, sizeof *X, 0);
    X->L = L;
    snprintf(X->outdir, sizeof X->outdir, "%s", outdir);
    lua_setfield(S, LUA_REGISTRYINDEX, "amor.luabind");
    luaL_newmetatable(S, PROBLEM_MT);
    lua_pushcfunction(S, lp_gc);
    lua_setfield(S, -2, "__gc");
    luaL_newlib(S, methods);
    lua_setfield(S, -2, "__index");
    lua_pop(S, 1);
    /* the amor table is on top */
    lua_getfield(S, LUA_REGISTRYINDEX, "amor.luabind");
    X = lua_touserdata(S, -1);
    lua_pop(S, 1);
    lua_pushlightuserdata(S, X);
    luaL_setfuncs(S, fns, 1);
}
