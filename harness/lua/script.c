/*
 * script.c -- runs a Lua experiment script: the `amor` module (luabind.c's
 * functions, completed by prelude.lua), the prelude's private helpers
 * (cell, run_all, run, finish, ...: upvalues of the prelude, never fields of
 * amor), result tables, and error reporting with the script's path:line.
 * Cells are built by cellbuild.c and run by sweep.c.
 */
#include "script.h"

#include "cell.h"
#include "cellbuild.h"
#include "loader.h"
#include "luabind.h"
#include "params.h"
#include "results.h"
#include "runargs.h"
#include "shards.h"
#include "sweep.h"

#include <lauxlib.h>
#include <lualib.h>
#include <signal.h>
#include <math.h>
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
    unsigned nshards; /* a shard draws no figures: amor merge does */
} script_ctx;

static script_ctx *ctx_of(lua_State *S)
{
    return (script_ctx *)lua_touserdata(S, lua_upvalueindex(1));
}

/* ---- interrupts --------------------------------------------------------------
 *
 * A script is code like a Makefile's: its top level may loop forever.
 * SIGINT and SIGTERM while Lua runs arm a debug hook (lua.c's laction), and
 * the hook raises an error at the next call, return or instruction count, so
 * the script ends through the usual error path, with the line it was at,
 * after any host call in progress (an atomic file write, say) has finished.
 * The handler restores the default action, so a second signal ends amor at
 * once.  While cells run or figures render (sweep_run, results_figures) the
 * dispositions amor started with are back in place: a signal ends amor as it
 * always did (workers die with it, PR_SET_PDEATHSIG), and the workers forked
 * there inherit no handler of ours. */

static lua_State *volatile g_lua;        /* the script's state while Lua runs */
static volatile sig_atomic_t g_signal;   /* the first SIGINT/SIGTERM, or 0 */
static struct sigaction g_saved[2];      /* SIGINT's and SIGTERM's before ours */
static const int g_signals[2] = {SIGINT, SIGTERM};

static int msghandler(lua_State *S);

static void interrupted_hook(lua_State *S, lua_Debug *ar)
{
    if (ar->event == LUA_HOOKCALL) { /* not in the handler of an error on its way */
        int handler;
        lua_getinfo(S, "f", ar);
        handler = lua_tocfunction(S, -1) == msghandler;
        lua_pop(S, 1);
        if (handler) return;
    }
    /* the hook stays set: a pcall of the script's own that swallows the
     * error gets another one at its next instruction */
    luaL_error(S, "interrupted");
}

static void on_signal(int sig) /* async-signal-safe: sigaction, lua_sethook */
{
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigaction(sig, &dfl, NULL);
    if (!g_signal) g_signal = sig;
    if (g_lua)
        lua_sethook(g_lua, interrupted_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
}

/* Our handler for SIGINT and SIGTERM (on = 1), or the dispositions amor had
 * before the script (on = 0); a signal already taken stays at its default. */
static void interrupts(int on)
{
    struct sigaction sa;
    int k;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a script blocked in io.read wakes up */
    for (k = 0; k < 2; k++)
        if (!g_signal && g_saved[k].sa_handler != SIG_IGN) /* nohup, `cmd &`: left ignored */
            sigaction(g_signals[k], on ? &sa : &g_saved[k], NULL);
}

static const char *signal_name(int sig)
{
    return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "a signal";
}

/* cell(tbl) -> cell | nil, message ; third result: incompatibility */
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

/* tolerances = {{tol =, cold = {iters_mean =, iters_median =, unconverged =,
 * seconds_mean =}, warm = {...}, ratio =, ratio_median =, anderson = {cold =,
 * warm =, ratio =, ratio_median =}, policy = {iters_mean =, ..., ratio =,
 * ratio_median =}}, ...}: eval.tolerances, loosest first, as the tol_*
 * columns of runs.csv (ratio absent where that column is empty; anderson
 * and policy only when they ran; the policy from the cold start only, its
 * ratios the plain cold count over its own). */
static void push_tolerances(lua_State *S, const cell_result *r)
{
    static const char *const start[TOL_NSTARTS] = {"cold", "warm"};
    size_t t;
    int m, st;
    lua_newtable(S);
    for (t = 0; t < r->ntol; t++) {
        lua_newtable(S);
        set_num(S, "tol", r->tol[t]);
        for (m = 0; m < TOL_NMETHODS; m++) {
            if (!r->tol_ran[m]) continue;
            if (m != TOL_STEP) lua_newtable(S);
            for (st = 0; st < (m == TOL_POLICY ? 1 : TOL_NSTARTS); st++) {
                const tol_stats *q = &r->tol_st[t][m][st];
                if (m != TOL_POLICY) lua_newtable(S);
                set_num(S, "iters_mean", q->iters_mean);
                set_num(S, "iters_median", q->iters_median);
                set_num(S, "unconverged", (double)q->unconverged);
                set_num(S, "seconds_mean", q->seconds_mean);
                if (m != TOL_POLICY) lua_setfield(S, -2, start[st]);
            }
            if (!isnan(r->tol_ratio[t][m])) set_num(S, "ratio", r->tol_ratio[t][m]);
            set_num(S, "ratio_median", r->tol_ratio_median[t][m]);
            if (m != TOL_STEP) lua_setfield(S, -2, m == TOL_ANDERSON ? "anderson" : "policy");
        }
        lua_seti(S, -2, (lua_Integer)t + 1);
    }
    lua_setfield(S, -2, "tolerances");
}

/* iterates = {{iterate =, objective_mean =, objective_std =,
 * validation_mean =, validation_std =, gap_mean =, distance_mean =}, ...}:
 * eval.iterates in their order, as the iter<t>_* columns of runs.csv
 * (validation only for a problem with one, gap and distance with y*). */
static void push_iterates(lua_State *S, const cell_result *r)
{
    size_t j;
    lua_newtable(S);
    for (j = 0; j < r->niter; j++) {
        lua_newtable(S);
        lua_pushinteger(S, (lua_Integer)r->iter_t[j]);
        lua_setfield(S, -2, "iterate");
        set_num(S, "objective_mean", r->iter_objective_mean[j]);
        set_num(S, "objective_std", r->iter_objective_std[j]);
        if (r->has_validation) {
            set_num(S, "validation_mean", r->iter_validation_mean[j]);
            set_num(S, "validation_std", r->iter_validation_std[j]);
        }
        if (r->has_optimal) {
            set_num(S, "gap_mean", r->iter_gap_mean[j]);
            set_num(S, "distance_mean", r->iter_distance_mean[j]);
        }
        lua_seti(S, -2, (lua_Integer)j + 1);
    }
    lua_setfield(S, -2, "iterates");
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
    if (c->checkpoint && r.status == CELL_OK) {
        lua_pushstring(S, c->checkpoint);
        lua_setfield(S, -2, "checkpoint");
    }
    lua_pushstring(S, cell_status_names[r.status]);
    lua_setfield(S, -2, "status");
    lua_pushstring(S, r.error);
    lua_setfield(S, -2, "error");
    set_num(S, "train_seconds", r.train_seconds);
    set_num(S, "train_steps", (double)r.train_steps);
    set_num(S, "num_params", (double)r.num_params);
    if (r.peak_rss_bytes > 0) set_num(S, "peak_rss_mib", r.peak_rss_bytes / 1048576.0);
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
        for (s = 0; s < SOLVER_COUNT; s++) {
            char k[64];
            const char *sn = s == SOLVER_ADAM ? "adam" : "gd";
            double t = r.infer_seconds * (double)r.eval_contexts; /* as in runs.csv */
            if (!r.solver_ran[s]) continue;
            snprintf(k, sizeof k, "%s_seconds_budget", sn);
            set_num(S, k, r.solver_budget_seconds[s]);
            snprintf(k, sizeof k, "%s_speedup_budget", sn);
            if (t > 0 && isfinite(t)) set_num(S, k, r.solver_budget_seconds[s] / t);
            if (!r.solver_reached[s]) continue;
            snprintf(k, sizeof k, "%s_iters_to_within_delta", sn);
            set_num(S, k, (double)r.solver_iters[s]);
            snprintf(k, sizeof k, "%s_seconds_to_within_delta", sn);
            set_num(S, k, r.solver_seconds[s]);
            snprintf(k, sizeof k, "%s_speedup_to_within_delta", sn);
            if (t > 0 && isfinite(t)) set_num(S, k, r.solver_seconds[s] / t);
        }
    }
    /* solver = {adam = {iteration=, seconds=, mean=, std=}, gd = ...}: the
     * baselines that ran (the problem's own method is under tolerances) */
    if (r.nsolver && (r.solver_ran[SOLVER_ADAM] || r.solver_ran[SOLVER_GD])) {
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
        luabind_push_rows(S, r.predictions, c->npredict, r.ny);
        lua_setfield(S, -2, "predictions");
    }
    if (r.ntrack) {
        size_t k;
        lua_newtable(S);
        luabind_push_rows(S, r.track_x, r.ntrack, r.nx);
        lua_setfield(S, -2, "x");
        if (r.track_ystar) {
            luabind_push_rows(S, r.track_ystar, r.ntrack, r.ny);
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
            luabind_push_rows(S, r.track_yhat + k * r.ntrack * r.ny, r.ntrack, r.ny);
            lua_seti(S, -2, (lua_Integer)k + 1);
        }
        lua_setfield(S, -2, "yhat");
        lua_setfield(S, -2, "track");
    }
    if (r.has_initial) {
        set_num(S, "initial_objective_mean", r.initial_objective_mean);
        if (r.has_optimal) set_num(S, "initial_gap_mean", r.initial_gap_mean);
        if (r.has_validation) set_num(S, "initial_validation_mean", r.initial_validation_mean);
    }
    if (r.has_eval && r.has_validation) {
        set_num(S, "validation_mean", r.validation_mean);
        set_num(S, "validation_std", r.validation_std);
    }
    if (r.ntol) push_tolerances(S, &r);
    if (r.has_eval && r.niter) push_iterates(S, &r);
}

/* run_all({cell, ...}) -> {metrics, ...} in the same order.  All the
 * cells are submitted at once and run in workers (sweep.h); each row is in
 * the CSVs as soon as its cell finishes, in the list's order. */
static int run_all(lua_State *S, int list)
{
    script_ctx *X = ctx_of(S);
    lua_Integer i, n;
    cell_spec **cells;
    cell_result *out;
    char err[2048];
    int rc;
    n = (lua_Integer)luaL_len(S, list);
    cells = lua_newuserdatauv(S, ((size_t)n + 1) * sizeof *cells, 0); /* freed by the GC */
    out = lua_newuserdatauv(S, ((size_t)n + 1) * sizeof *out, 0);
    for (i = 1; i <= n; i++) {
        lua_geti(S, list, i);
        cells[i - 1] = luaL_checkudata(S, -1, CELL_MT); /* alive: the list holds it */
        lua_pop(S, 1);
    }
    interrupts(0);
    rc = sweep_run(X->W, cells, (size_t)n, out, err, sizeof err);
    interrupts(1);
    if (rc) return luaL_error(S, "%s", err);
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

/* run(cell) -> metrics table; the row is in runs.csv on return. */
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

/* finish(experiment [, quiet]): figures and summary table. */
static int l_finish(lua_State *S)
{
    script_ctx *X = ctx_of(S);
    const char *name = luaL_checkstring(S, 1);
    int quiet = lua_toboolean(S, 2);
    results *R = sweep_results(X->W);
    char err[2048];
    int rc;
    if (!R) return 0;
    if (X->nshards) { /* one shard's cells would make partial figures */
        if (!quiet) results_print_summary(R, name, stdout);
        fflush(stdout);
        return 0;
    }
    interrupts(0);
    rc = results_figures(R, name, X->jobs, err, sizeof err);
    interrupts(1);
    if (rc) {
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

/* "path:line: " of the innermost frame of the script (not the prelude's, not
 * a C function's) on S's stack: where a signal interrupted it; "" if none. */
static void interrupted_at(lua_State *S, char *buf, size_t len)
{
    lua_Debug ar;
    int level;
    buf[0] = 0;
    for (level = 1; lua_getstack(S, level, &ar); level++) {
        lua_getinfo(S, "Sl", &ar);
        if (ar.currentline > 0 && strcmp(ar.source, "=prelude")) {
            snprintf(buf, len, "%s:%d: ", ar.source[0] == '@' ? ar.source + 1 : ar.short_src,
                     ar.currentline);
            return;
        }
    }
}

/* debug.traceback-based message handler (lua.c's msghandler); after a
 * signal, whatever the error, the message says where it interrupted. */
static int msghandler(lua_State *S)
{
    const char *msg = lua_tostring(S, 1);
    if (g_signal) {
        char at[4200];
        interrupted_at(S, at, sizeof at);
        msg = lua_pushfstring(S, "%sinterrupted by %s", at, signal_name(g_signal));
    } else if (!msg) {
        if (luaL_callmeta(S, 1, "__tostring") && lua_type(S, -1) == LUA_TSTRING) return 1;
        msg = lua_pushfstring(S, "(error object is a %s value)", luaL_typename(S, 1));
    }
    luaL_traceback(S, S, msg, 1);
    return 1;
}

/* value(cell, key) -> the cell's value of an --only key as runs.csv shows
 * it, or nil if it has none (cellbuild_cell_value) */
static int l_value(lua_State *S)
{
    cell_spec *c = luaL_checkudata(S, 1, CELL_MT);
    char buf[2048];
    if (cellbuild_cell_value(c, luaL_checkstring(S, 2), buf, sizeof buf)) return 0;
    lua_pushstring(S, buf);
    return 1;
}

/* param_text(cell, key, text) -> text as the cell's parameter key would
 * show it, or nil (cellbuild_param_text) */
static int l_param_text(lua_State *S)
{
    cell_spec *c = luaL_checkudata(S, 1, CELL_MT);
    char buf[2048];
    if (cellbuild_param_text(c, luaL_checkstring(S, 2), luaL_checkstring(S, 3), buf, sizeof buf))
        return 0;
    lua_pushstring(S, buf);
    return 1;
}

/* stored(cell) -> whether the run would take the cell from the results
 * directory's store instead of running it (sweep_stored) */
static int l_stored(lua_State *S)
{
    cell_spec *c = luaL_checkudata(S, 1, CELL_MT);
    char err[2048];
    int rc = sweep_stored(ctx_of(S)->W, c, err, sizeof err);
    if (rc < 0) return luaL_error(S, "%s", err);
    lua_pushboolean(S, rc);
    return 1;
}

/* shard_of(cell) -> the shard of the cell's key among the run's --shard N,
 * and the key */
static int l_shard_of(lua_State *S)
{
    cell_spec *c = luaL_checkudata(S, 1, CELL_MT);
    unsigned n = ctx_of(S)->nshards;
    lua_pushinteger(S, n ? (lua_Integer)shards_of(c->key, n) : 0);
    lua_pushstring(S, c->key);
    return 2;
}

/* The end of a shard, in its shard.state (shards.h), from the outcome. */
static void shard_ended(const script_opts *o, const script_outcome *out)
{
    char err[4400];
    int failed = out->script_error || out->settings_error;
    const char *state = out->interrupted ? "interrupted" : failed ? "failed" : "finished";
    if (shards_end(o->outdir, state, out->cells, out->failed, failed ? out->message : NULL, err,
                   sizeof err))
        fprintf(stderr, "amor: warning: %s\n", err);
}

int script_run(const script_opts *o, loader *L, script_outcome *out)
{
    lua_State *S = luaL_newstate();
    char serr[4400];
    shardset *T = o->merge ? shards_scan(o->outdir, serr, sizeof serr) : NULL;
    sweep_opts so = {o->outdir, o->jobs, o->merge || !o->fresh, o->quiet, o->nshards > 0, T};
    script_ctx X = {L, cellbuild_new(L, o->outdir), o->outdir, sweep_new(&so), 0,
                    o->jobs > 0 ? o->jobs : 1, o->nshards};
    /* the prelude's private helpers: the script never sees them */
    static const luaL_Reg internals[] = {
        {"cell", l_cell},     {"id", l_id},         {"run", l_run},       {"run_all", l_run_all},
        {"finish", l_finish}, {"outdir", l_outdir}, {"value", l_value},   {"stored", l_stored},
        {"param_text", l_param_text}, {"shard_of", l_shard_of}, {NULL, NULL}};
    size_t i;
    int rc, base, k, fin;
    memset(out, 0, sizeof *out);
    if (!S || !X.B || !X.W || (o->merge && !T)) {
        if (S) lua_close(S);
        cellbuild_free(X.B);
        sweep_free(X.W);
        snprintf(out->message, sizeof out->message, "%s",
                 o->merge && !T ? serr : "cannot create a Lua state");
        return 1;
    }
    /* a shard says it runs before its script does anything, and that it
     * ended, however it ended: amor merge reads it */
    if (o->nshards && (sweep_open(X.W, serr, sizeof serr) ||
                       shards_begin(o->outdir, serr, sizeof serr))) {
        lua_close(S);
        cellbuild_free(X.B);
        sweep_free(X.W);
        snprintf(out->message, sizeof out->message, "%s", serr);
        return 1;
    }
    luaL_openlibs(S);
    luaL_newmetatable(S, CELL_MT);
    lua_pushcfunction(S, l_cell_gc);
    lua_setfield(S, -2, "__gc");
    lua_pop(S, 1);

    /* prelude(amor, internals) completes the amor module and returns the
     * function that checks, when the script has ended, what it left unused
     * (fin, kept on the stack) */
    if (luaL_loadbuffer(S, PRELUDE, sizeof PRELUDE - 1, "=prelude")) {
        snprintf(out->message, sizeof out->message, "prelude: %s", lua_tostring(S, -1));
        lua_close(S);
        cellbuild_free(X.B);
        sweep_free(X.W);
        return 1;
    }
    luabind_open(S, L, o->outdir);
    lua_pushstring(S, AMOR_VERSION_STRING);
    lua_setfield(S, -2, "version");
    lua_pushvalue(S, -1);
    lua_setglobal(S, "amor");
    luaL_newlibtable(S, internals);
    lua_pushlightuserdata(S, &X);
    luaL_setfuncs(S, internals, 1);
    luabind_internals(S);
    lua_pushboolean(S, o->quiet);
    lua_setfield(S, -2, "quiet");
    if (o->nshards) { /* internals.shard = {index =, count =} */
        lua_createtable(S, 0, 2);
        lua_pushinteger(S, (lua_Integer)o->shard);
        lua_setfield(S, -2, "index");
        lua_pushinteger(S, (lua_Integer)o->nshards);
        lua_setfield(S, -2, "count");
        lua_setfield(S, -2, "shard");
    }
    if (runargs_push(S, o, out->message, sizeof out->message)) {
        out->settings_error = 1;
        if (o->nshards) shard_ended(o, out);
        lua_close(S);
        cellbuild_free(X.B);
        sweep_free(X.W);
        return 1;
    }
    if (lua_pcall(S, 2, 1, 0)) {
        snprintf(out->message, sizeof out->message, "prelude: %s", lua_tostring(S, -1));
        lua_close(S);
        cellbuild_free(X.B);
        sweep_free(X.W);
        return 1;
    }
    fin = lua_gettop(S);

    g_signal = 0;
    for (k = 0; k < 2; k++) sigaction(g_signals[k], NULL, &g_saved[k]);
    g_lua = S;
    interrupts(1);
    lua_pushcfunction(S, msghandler);
    base = lua_gettop(S);
    rc = luaL_loadfilex(S, o->script, "t");
    if (rc == LUA_OK) rc = lua_pcall(S, 0, 0, base);
    if (rc == LUA_OK) { /* --set keys the script never read */
        lua_pushvalue(S, fin);
        rc = lua_pcall(S, 0, 0, base);
    }
    g_lua = NULL;
    interrupts(0);
    lua_sethook(S, NULL, 0, 0);
    if (rc != LUA_OK) {
        snprintf(out->message, sizeof out->message, "%s", lua_tostring(S, -1));
        out->script_error = 1;
    }
    if (g_signal) { /* also one that came while the host worked for the script */
        if (rc == LUA_OK)
            snprintf(out->message, sizeof out->message, "interrupted by %s", signal_name(g_signal));
        out->script_error = 1;
        out->interrupted = g_signal;
        rc = LUA_ERRRUN;
    }
    if (sweep_results(X.W)) {
        results *R = sweep_results(X.W);
        out->cells = results_count(R);
        out->failed = results_failed(R);
        for (i = 0; i < CELL_NSTATUS; i++)
            out->status[i] = results_count_status(R, cell_status_names[i]);
    }
    out->resumed = sweep_resumed(X.W);
    out->figure_errors = X.figure_errors;
    if (o->nshards) shard_ended(o, out);
    if (T) {
        out->shards = shards_total(T);
        out->shards_unfinished = shards_unfinished(T);
        shards_report(T, stdout);
    }
    lua_close(S); /* first: the cells live in Lua */
    sweep_free(X.W);
    cellbuild_free(X.B);
    shards_free(T);
    return rc != LUA_OK;
}
