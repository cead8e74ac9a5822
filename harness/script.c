/*
 * script.c -- runs a Lua experiment script: the `amor` table (describe,
 * list, settings, and the private _cell/_run_all/_run/_finish used by
 * prelude.lua), result tables, and error reporting with the script's
 * path:line.  Cells are built by cellbuild.c and run by sweep.c.
 */
#include "script.h"

#include "cell.h"
#include "cellbuild.h"
#include "loader.h"
#include "luabind.h"
#include "params.h"
#include "results.h"
#include "sweep.h"

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
    cellbuild *B;
    const char *outdir;
    sweep *W;
    int figure_errors;
    int jobs; /* -j: figures rendered at once too (at least one) */
} script_ctx;

static script_ctx *ctx_of(lua_State *S)
{
    return (script_ctx *)lua_touserdata(S, lua_upvalueindex(1));
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
    if (cellbuild_cell(X->B, S, 1, c, err, sizeof err)) {
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

/* The Lua table of a cell's result (what experiment{} and amor.run_cell
 * return). */
static void push_result(lua_State *S, const cell_spec *c, const cell_result *rp)
{
    const cell_result r = *rp;
    int s;
    lua_newtable(S);
    lua_pushstring(S, c->id);
    lua_setfield(S, -2, "cell");
    lua_pushstring(S, c->key);
    lua_setfield(S, -2, "key");
    if (c->checkpoint && !strcmp(r.status, "ok")) {
        lua_pushstring(S, c->checkpoint);
        lua_setfield(S, -2, "checkpoint");
    }
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
        set_num(S, "oracle_calls_per_instance", r.oracle_calls_per_instance);
        for (s = 0; s < SOLVER_COUNT; s++)
            if (r.solver_ran[s] && r.solver_reached[s]) {
                char k[64];
                const char *sn = s == SOLVER_ADAM ? "adam" : "gd";
                snprintf(k, sizeof k, "%s_iters_to_match", sn);
                set_num(S, k, (double)r.solver_iters[s]);
                snprintf(k, sizeof k, "%s_seconds_to_match", sn);
                set_num(S, k, r.solver_seconds[s]);
                snprintf(k, sizeof k, "%s_speedup", sn); /* as in runs.csv */
                set_num(S, k, r.solver_seconds[s] / (r.infer_seconds * (double)r.eval_contexts));
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
}

/* amor._run_all({cell, ...}) -> {metrics, ...} in the same order.  All the
 * cells are submitted at once and run in workers (sweep.h); each row is in
 * the CSVs as soon as its cell finishes, in the list's order. */
static int run_all(lua_State *S, int list)
{
    script_ctx *X = ctx_of(S);
    lua_Integer i, n;
    cell_spec **cells;
    cell_result *out;
    char err[2048];
    n = (lua_Integer)luaL_len(S, list);
    cells = lua_newuserdatauv(S, ((size_t)n + 1) * sizeof *cells, 0); /* freed by the GC */
    out = lua_newuserdatauv(S, ((size_t)n + 1) * sizeof *out, 0);
    for (i = 1; i <= n; i++) {
        lua_geti(S, list, i);
        cells[i - 1] = luaL_checkudata(S, -1, CELL_MT); /* alive: the list holds it */
        lua_pop(S, 1);
    }
    if (sweep_run(X->W, cells, (size_t)n, out, err, sizeof err))
        return luaL_error(S, "%s", err);
    lua_createtable(S, (int)n, 0);
    for (i = 0; i < n; i++) {
        push_result(S, cells[i], &out[i]);
        lua_seti(S, -2, i + 1);
    }
    for (i = 0; i < n; i++) cell_result_free(&out[i]);
    return 1;
}

static int l_run_all(lua_State *S)
{
    luaL_checktype(S, 1, LUA_TTABLE);
    return run_all(S, 1);
}

/* amor._run(cell) -> metrics table; the row is in runs.csv on return. */
static int l_run(lua_State *S)
{
    luaL_checkudata(S, 1, CELL_MT);
    lua_createtable(S, 1, 0);
    lua_pushvalue(S, 1);
    lua_seti(S, -2, 1);
    run_all(S, lua_gettop(S));
    lua_geti(S, -1, 1);
    return 1;
}

/* amor._finish(experiment [, quiet]): figures and summary table. */
static int l_finish(lua_State *S)
{
    script_ctx *X = ctx_of(S);
    const char *name = luaL_checkstring(S, 1);
    int quiet = lua_toboolean(S, 2);
    results *R = sweep_results(X->W);
    char err[2048];
    if (!R) return 0;
    if (results_figures(R, name, X->jobs, err, sizeof err)) {
        fprintf(stderr, "amor: warning: figures of '%s': %s\n", name, err);
        X->figure_errors++;
    }
    if (!quiet) results_print_summary(R, name, stdout);
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
    sweep_opts so = {o->outdir, o->jobs, !o->fresh, o->quiet};
    script_ctx X = {L, cellbuild_new(L, o->outdir), o->outdir, sweep_new(&so), 0,
                    o->jobs > 0 ? o->jobs : 1};
    static const luaL_Reg fns[] = {
        {"_cell", l_cell},       {"_run", l_run},       {"_run_all", l_run_all},
        {"_finish", l_finish},   {"_id", l_id},         {"_outdir", l_outdir},
        {"list", l_list},        {"describe", l_describe}, {NULL, NULL}};
    size_t i;
    int rc, base;
    memset(out, 0, sizeof *out);
    if (!S || !X.B || !X.W) {
        if (S) lua_close(S);
        cellbuild_free(X.B);
        sweep_free(X.W);
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
    lua_pushboolean(S, o->quiet);
    lua_setfield(S, -2, "_quiet");
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
        cellbuild_free(X.B);
        sweep_free(X.W);
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
    if (sweep_results(X.W)) {
        static const char *const st[SCRIPT_NSTATUS] = {"ok", "diverged", "error", "crashed",
                                                         "timeout", "oom"};
        results *R = sweep_results(X.W);
        out->cells = results_count(R);
        out->failed = results_failed(R);
        for (i = 0; i < SCRIPT_NSTATUS; i++) out->status[i] = results_count_status(R, st[i]);
    }
    out->resumed = sweep_resumed(X.W);
    out->figure_errors = X.figure_errors;
    lua_close(S); /* first: the cells live in Lua */
    sweep_free(X.W);
    cellbuild_free(X.B);
    return rc != LUA_OK;
}
