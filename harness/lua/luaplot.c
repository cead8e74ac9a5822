/*
 * luaplot.c -- the figure functions of the `amor` module (amor.plot,
 * amor.plot_multi, amor.plot_raw, amor.plot_bars): Lua option tables,
 * checked field by field with the script's file:line, into plot.h's
 * structures.
 */
#include "luaplot.h"

#include "luautil.h"

#include "cellbuild.h"
#include "fileutil.h"
#include "plot.h"

#include <lauxlib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A block of memory owned by the table at index `keep` (so it lives as long
 * as that table, and the stack stays balanced). */
static void *keep_alloc(lua_State *S, int keep, size_t size)
{
    void *p = lua_newuserdatauv(S, size ? size : 1, 0);
    lua_seti(S, keep, (lua_Integer)luaL_len(S, keep) + 1);
    return p;
}

/* Lua errors about a figure table: "plot: series 2: 'x' must be ...".  what
 * is the function and the place in its table ("plot", "plot: series 2"). */

/* t[field] is a list of numbers (NaN and infinities included) or nil. */
static double *num_list(lua_State *S, int keep, int t, const char *field, size_t *n,
                        const char *what)
{
    double *a;
    lua_Integer i, m;
    char why[256];
    lua_getfield(S, t, field);
    if (lua_isnil(S, -1)) {
        lua_pop(S, 1);
        *n = 0;
        return NULL;
    }
    if (cellbuild_list(S, -1, &m, why, sizeof why))
        lb_err(S, "%s: '%s' must be a list of numbers, %s", what, field, why);
    a = keep_alloc(S, keep, ((size_t)m + 1) * sizeof *a);
    for (i = 1; i <= m; i++) {
        lua_rawgeti(S, -1, i);
        if (lua_type(S, -1) != LUA_TNUMBER) {
            cellbuild_value_text(S, -1, why, sizeof why);
            lb_err(S, "%s: '%s' must be a list of numbers, got table: element %lld is %s", what,
                 field, (long long)i, why);
        }
        a[i - 1] = lua_tonumber(S, -1);
        lua_pop(S, 1);
    }
    lua_pop(S, 1);
    *n = (size_t)m;
    return a;
}

/* t[field] as a string (a number reads as one) kept alive by `keep`; NULL
 * if absent. */
static const char *opt_str(lua_State *S, int keep, int t, const char *field, const char *what)
{
    const char *v;
    int ty = lua_getfield(S, t, field);
    if (ty == LUA_TNIL) {
        lua_pop(S, 1);
        return NULL;
    }
    if (ty != LUA_TSTRING && ty != LUA_TNUMBER)
        lb_err(S, "%s: '%s' must be a string, got %s", what, field, lua_typename(S, ty));
    v = lua_tostring(S, -1);
    lua_seti(S, keep, (lua_Integer)luaL_len(S, keep) + 1);
    return v;
}

/* t[field] as a whole number of at least 0, def if absent. */
static lua_Integer opt_int(lua_State *S, int t, const char *field, lua_Integer def, const char *what)
{
    lua_Integer v = def;
    int isint = 0;
    char got[128];
    if (lua_getfield(S, t, field) != LUA_TNIL) {
        if (lua_type(S, -1) == LUA_TNUMBER) v = lua_tointegerx(S, -1, &isint);
        if (!isint || v < 0) {
            cellbuild_value_text(S, -1, got, sizeof got);
            lb_err(S, "%s: '%s' must be a whole number (0 or more), got %s", what, field, got);
        }
    }
    lua_pop(S, 1);
    return v;
}

static int opt_bool(lua_State *S, int t, const char *field, const char *what)
{
    int v = 0;
    char got[128];
    if (lua_getfield(S, t, field) != LUA_TNIL) {
        if (!lua_isboolean(S, -1)) {
            cellbuild_value_text(S, -1, got, sizeof got);
            lb_err(S, "%s: '%s' must be true or false, got %s", what, field, got);
        }
        v = lua_toboolean(S, -1);
    }
    lua_pop(S, 1);
    return v;
}

static double opt_num(lua_State *S, int t, const char *field, double def, const char *what)
{
    double v = def;
    char got[128];
    if (lua_getfield(S, t, field) != LUA_TNIL) {
        if (lua_type(S, -1) != LUA_TNUMBER) {
            cellbuild_value_text(S, -1, got, sizeof got);
            lb_err(S, "%s: '%s' must be a number, got %s", what, field, got);
        }
        v = lua_tonumber(S, -1);
    }
    lua_pop(S, 1);
    return v;
}

/* Every key of the table at t is one of valid (NULL-terminated): a misspelt
 * field would otherwise be ignored without a word. */
static void check_fields(lua_State *S, int t, const char *what, const char *const *valid)
{
    lua_pushnil(S);
    while (lua_next(S, t)) {
        const char *k = lua_type(S, -2) == LUA_TSTRING ? lua_tostring(S, -2) : NULL;
        size_t i;
        lua_pop(S, 1);
        for (i = 0; k && valid[i]; i++)
            if (!strcmp(k, valid[i])) break;
        if (!k || !valid[i]) {
            char names[512], key[128];
            size_t off = 0;
            for (i = 0; valid[i] && off < sizeof names; i++)
                off += (size_t)snprintf(names + off, sizeof names - off, "%s%s", i ? ", " : "",
                                        valid[i]);
            if (k) snprintf(key, sizeof key, "'%.60s'", k);
            else cellbuild_value_text(S, -1, key, sizeof key);
            lb_err(S, "%s: unknown field %s (valid: %s)", what, key, names);
        }
    }
}

/* t[field]: a list of tables, or nil (0 entries). */
static size_t table_list(lua_State *S, int t, const char *field, const char *what)
{
    lua_Integer n, i;
    char why[256];
    lua_getfield(S, t, field);
    if (lua_isnil(S, -1)) return 0;
    if (cellbuild_list(S, -1, &n, why, sizeof why))
        lb_err(S, "%s: '%s' must be a list of tables, %s", what, field, why);
    for (i = 1; i <= n; i++) {
        int ty = lua_rawgeti(S, -1, i);
        lua_pop(S, 1);
        if (ty != LUA_TTABLE)
            lb_err(S, "%s: '%s' must be a list of tables, got table: element %lld is a %s", what,
                 field, (long long)i, lua_typename(S, ty));
    }
    return (size_t)n;
}

static const char *const FIGURE_FIELDS[] = {"stem", "title", "xlabel", "ylabel", "logx", "logy",
                                            "key", "width", "height", "series", "bands", NULL};
/* a panel of amor.plot_multi: the layout has the file name and size */
static const char *const PANEL_FIELDS[] = {"title", "xlabel", "ylabel", "logx", "logy", "key",
                                           "series", "bands", NULL};
static const char *const SERIES_FIELDS[] = {"label", "style", "x", "y", "ylo", "yhi", NULL};
static const char *const BAND_FIELDS[] = {"label", "y", "lo", "hi", NULL};

/* Read the figure table at t, whose keys must be among fields, into *f;
 * memory owned by `keep`. */
static void read_figure(lua_State *S, int keep, int t, plot_figure *f, const char *what,
                        const char *const *fields)
{
    size_t i, ns, nb, n2;
    plot_series *ser;
    plot_hband *bands;
    char at[160];
    memset(f, 0, sizeof *f);
    check_fields(S, t, what, fields);
    f->title = opt_str(S, keep, t, "title", what);
    f->xlabel = opt_str(S, keep, t, "xlabel", what);
    f->ylabel = opt_str(S, keep, t, "ylabel", what);
    f->key = opt_str(S, keep, t, "key", what);
    f->logx = opt_bool(S, t, "logx", what);
    f->logy = opt_bool(S, t, "logy", what);
    f->width = (int)opt_int(S, t, "width", 0, what);
    f->height = (int)opt_int(S, t, "height", 0, what);
    ns = table_list(S, t, "series", what);
    ser = keep_alloc(S, keep, (ns + 1) * sizeof *ser);
    for (i = 0; i < ns; i++) {
        int st;
        lua_rawgeti(S, -1, (lua_Integer)i + 1);
        st = lua_gettop(S);
        snprintf(at, sizeof at, "%s: series %zu", what, i + 1);
        check_fields(S, st, at, SERIES_FIELDS);
        ser[i].label = opt_str(S, keep, st, "label", at);
        ser[i].style = opt_str(S, keep, st, "style", at);
        ser[i].x = num_list(S, keep, st, "x", &ser[i].n, at);
        ser[i].y = num_list(S, keep, st, "y", &n2, at);
        if (n2 != ser[i].n) lb_err(S, "%s has %zu x and %zu y values", at, ser[i].n, n2);
        ser[i].ylo = num_list(S, keep, st, "ylo", &n2, at);
        if (ser[i].ylo && n2 != ser[i].n) lb_err(S, "%s: ylo has %zu values, want %zu", at, n2, ser[i].n);
        ser[i].yhi = num_list(S, keep, st, "yhi", &n2, at);
        if (ser[i].yhi && n2 != ser[i].n) lb_err(S, "%s: yhi has %zu values, want %zu", at, n2, ser[i].n);
        lua_pop(S, 1);
    }
    lua_pop(S, 1);
    f->series = ser;
    f->nseries = ns;
    nb = table_list(S, t, "bands", what);
    bands = keep_alloc(S, keep, (nb + 1) * sizeof *bands);
    for (i = 0; i < nb; i++) {
        int bt;
        lua_rawgeti(S, -1, (lua_Integer)i + 1);
        bt = lua_gettop(S);
        snprintf(at, sizeof at, "%s: band %zu", what, i + 1);
        check_fields(S, bt, at, BAND_FIELDS);
        bands[i].label = opt_str(S, keep, bt, "label", at);
        bands[i].y = opt_num(S, bt, "y", NAN, at);
        bands[i].lo = opt_num(S, bt, "lo", bands[i].y, at);
        bands[i].hi = opt_num(S, bt, "hi", bands[i].y, at);
        lua_pop(S, 1);
    }
    lua_pop(S, 1);
    f->bands = bands;
    f->nbands = nb;
}

static const char *check_stem(lua_State *S, int keep, int t, const char *what)
{
    const char *stem = opt_str(S, keep, t, "stem", what);
    if (!stem || !*stem) lb_err(S, "%s: 'stem' (the file name without extension) is required", what);
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
int lb_plot(lua_State *S)
{
    lb_ctx *X = lb_ctx_of(S);
    plot_figure f;
    char err[4096];
    int keep;
    lb_before_write(S);
    luaL_checktype(S, 1, LUA_TTABLE);
    lua_newtable(S);
    keep = lua_gettop(S);
    const char *stem = check_stem(S, keep, 1, "plot");
    read_figure(S, keep, 1, &f, "plot", FIGURE_FIELDS);
    if (am_mkdirs(X->outdir, err, sizeof err)) return luaL_error(S, "%s", err);
    return report(S, plot_write(X->outdir, stem, &f, err, sizeof err), err);
}

/* amor.plot_multi{stem=, title=, rows=, cols=, width=, height=, key_below=,
 *                 panels={fig...}} */
int lb_plot_multi(lua_State *S)
{
    static const char *const fields[] = {"stem", "title", "rows", "cols", "width", "height",
                                         "key_below", "panels", NULL};
    lb_ctx *X = lb_ctx_of(S);
    plot_layout lay;
    plot_figure *panels;
    size_t i, n;
    char err[4096], at[64];
    int keep;
    lb_before_write(S);
    luaL_checktype(S, 1, LUA_TTABLE);
    lua_newtable(S);
    keep = lua_gettop(S);
    check_fields(S, 1, "plot_multi", fields);
    const char *stem = check_stem(S, keep, 1, "plot_multi");
    lay.title = opt_str(S, keep, 1, "title", "plot_multi");
    lay.rows = (size_t)opt_int(S, 1, "rows", 0, "plot_multi");
    lay.cols = (size_t)opt_int(S, 1, "cols", 0, "plot_multi");
    lay.width = (int)opt_int(S, 1, "width", 0, "plot_multi");
    lay.height = (int)opt_int(S, 1, "height", 0, "plot_multi");
    lay.key_below = opt_bool(S, 1, "key_below", "plot_multi");
    lua_getfield(S, 1, "panels");
    if (lua_isnil(S, -1)) return luaL_error(S, "plot_multi: 'panels' must be a list of figures");
    lua_pop(S, 1);
    n = table_list(S, 1, "panels", "plot_multi");
    panels = keep_alloc(S, keep, (n + 1) * sizeof *panels);
    for (i = 0; i < n; i++) {
        lua_rawgeti(S, -1, (lua_Integer)i + 1);
        snprintf(at, sizeof at, "plot_multi: panel %zu", i + 1);
        read_figure(S, keep, lua_gettop(S), &panels[i], at, PANEL_FIELDS);
        lua_pop(S, 1);
    }
    if (am_mkdirs(X->outdir, err, sizeof err)) return luaL_error(S, "%s", err);
    return report(S, plot_write_multi(X->outdir, stem, &lay, n, panels, err, sizeof err), err);
}

/* amor.plot_raw{stem=, width=, height=, body="gnuplot commands"} */
int lb_plot_raw(lua_State *S)
{
    static const char *const fields[] = {"stem", "width", "height", "body", NULL};
    lb_ctx *X = lb_ctx_of(S);
    char err[4096];
    int keep, width, height;
    lb_before_write(S);
    luaL_checktype(S, 1, LUA_TTABLE);
    lua_newtable(S);
    keep = lua_gettop(S);
    check_fields(S, 1, "plot_raw", fields);
    const char *stem = check_stem(S, keep, 1, "plot_raw");
    const char *body = opt_str(S, keep, 1, "body", "plot_raw");
    if (!body) return luaL_error(S, "plot_raw: 'body' (gnuplot commands) is required");
    width = (int)opt_int(S, 1, "width", 0, "plot_raw");
    height = (int)opt_int(S, 1, "height", 0, "plot_raw");
    if (am_mkdirs(X->outdir, err, sizeof err)) return luaL_error(S, "%s", err);
    return report(S, plot_write_raw(X->outdir, stem, width, height, body, err, sizeof err), err);
}

/* Strings of t[field] (a list; numbers read as strings) into a kept array
 * of n pointers. */
static const char **str_list(lua_State *S, int keep, int t, const char *field, size_t *n)
{
    const char **a;
    lua_Integer i, m;
    char why[256];
    lua_getfield(S, t, field);
    if (cellbuild_list(S, -1, &m, why, sizeof why))
        lb_err(S, "plot_bars: '%s' must be a list of labels, %s", field, why);
    a = keep_alloc(S, keep, ((size_t)m + 1) * sizeof *a);
    for (i = 1; i <= m; i++) {
        int ty = lua_rawgeti(S, -1, i);
        if (ty != LUA_TSTRING && ty != LUA_TNUMBER)
            lb_err(S, "plot_bars: '%s' must be a list of labels, got table: element %lld is a %s",
                 field, (long long)i, lua_typename(S, ty));
        a[i - 1] = lua_tostring(S, -1);
        lua_seti(S, keep, (lua_Integer)luaL_len(S, keep) + 1);
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
    lua_Integer m;
    char why[256];
    lua_getfield(S, t, field);
    if (lua_isnil(S, -1)) {
        lua_pop(S, 1);
        return NULL;
    }
    if (cellbuild_list(S, -1, &m, why, sizeof why))
        lb_err(S, "plot_bars: '%s' must be a list of %zu rows (one per group), %s", field, ng, why);
    if ((size_t)m != ng)
        lb_err(S, "plot_bars: '%s' must be a list of %zu rows (one per group)", field, ng);
    a = keep_alloc(S, keep, (ng * nb + 1) * sizeof *a);
    for (g = 0; g < ng; g++) {
        lua_rawgeti(S, -1, (lua_Integer)g + 1);
        if (cellbuild_list(S, -1, &m, why, sizeof why) || (size_t)m != nb)
            lb_err(S, "plot_bars: '%s' row %zu must have %zu numbers (one per bar)", field, g + 1, nb);
        for (b = 0; b < nb; b++) {
            lua_rawgeti(S, -1, (lua_Integer)b + 1);
            if (lua_type(S, -1) != LUA_TNUMBER) {
                cellbuild_value_text(S, -1, why, sizeof why);
                lb_err(S, "plot_bars: '%s' row %zu, value %zu is not a number, got %s", field,
                     g + 1, b + 1, why);
            }
            a[g * nb + b] = lua_tonumber(S, -1);
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
int lb_plot_bars(lua_State *S)
{
    static const char *const fields[] = {"stem", "title", "ylabel", "logy", "key", "width",
                                         "height", "groups", "bars", "value", "err", "err_hi", NULL};
    lb_ctx *X = lb_ctx_of(S);
    plot_bars b;
    char err[4096];
    int keep;
    lb_before_write(S);
    luaL_checktype(S, 1, LUA_TTABLE);
    lua_newtable(S);
    keep = lua_gettop(S);
    memset(&b, 0, sizeof b);
    check_fields(S, 1, "plot_bars", fields);
    const char *stem = check_stem(S, keep, 1, "plot_bars");
    b.title = opt_str(S, keep, 1, "title", "plot_bars");
    b.ylabel = opt_str(S, keep, 1, "ylabel", "plot_bars");
    b.key = opt_str(S, keep, 1, "key", "plot_bars");
    b.logy = opt_bool(S, 1, "logy", "plot_bars");
    b.width = (int)opt_int(S, 1, "width", 0, "plot_bars");
    b.height = (int)opt_int(S, 1, "height", 0, "plot_bars");
    b.group_labels = str_list(S, keep, 1, "groups", &b.ngroups);
    b.bar_labels = str_list(S, keep, 1, "bars", &b.nbars);
    b.value = matrix(S, keep, 1, "value", b.ngroups, b.nbars);
    b.err = matrix(S, keep, 1, "err", b.ngroups, b.nbars);
    b.err_hi = matrix(S, keep, 1, "err_hi", b.ngroups, b.nbars);
    if (!b.value) return luaL_error(S, "plot_bars: 'value' is required");
    if (am_mkdirs(X->outdir, err, sizeof err)) return luaL_error(S, "%s", err);
    return report(S, plot_write_bars(X->outdir, stem, &b, err, sizeof err), err);
}

