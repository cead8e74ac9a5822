/*
 * fuzz_cell.c -- validation of what a script hands the host for a cell
 * (harness/cellbuild.c: plugin names, parameters by declared type, the
 * train/eval/solver/limits settings, predict rows, swept keys, ids and
 * content keys).  The input is Lua source returning a cell table, the shape
 * prelude.lua builds and an experiment's override() may replace at will:
 *     return {experiment = "e", seed = 1, problem = {name = "quadratic",
 *             params = {dim = 4}}, model = {name = "mlp", params = {}},
 *             loss = {name = "objective", params = {}}, train = {steps = 5},
 *             eval = {}, solver = {}, limits = {}, swept = {"train.steps"}}
 * ("return " is prepended when the text does not compile alone).  The Lua
 * state has only base, string, table and math, a memory cap and an
 * instruction budget; cellbuild_cell runs under lua_pcall as amor._cell
 * does, its cell owned by a userdata whose __gc frees it, so a Lua error
 * raised inside (a metamethod) leaks nothing.  Plugins come from
 * $AMOR_FUZZ_PLUGINS (default build/plugins, the normal build); dlopen is
 * wrapped so a name that is a path opens nothing outside that directory, and
 * checkpoint_read so train.init_from reads only small regular files.
 */
#include <dlfcn.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "cell.h"
#include "cellbuild.h"
#include "checkpoint.h"
#include "loader.h"

#define FZ_MEMORY (64u << 20)   /* bytes a Lua state may hold */
#define FZ_BUDGET 200000        /* Lua instructions per input */
#define FZ_CELL_MT "fuzz.cell"

static loader *L;
static cellbuild *B;
static char plugdir[PATH_MAX];
static size_t used;
static long steps;
static int verbose; /* FUZZ_VERBOSE=1: say what became of each input */

/* ---- the wrapped calls (-Wl,--wrap=dlopen,--wrap=checkpoint_read) -------- */

void *__real_dlopen(const char *path, int flags);
void *__wrap_dlopen(const char *path, int flags)
{
    size_t n = strlen(plugdir);
    if (path && (strncmp(path, plugdir, n) || path[n] != '/'))
        return __real_dlopen("/nonexistent/refused-by-fuzz_cell.so", flags); /* sets dlerror */
    return __real_dlopen(path, flags);
}

int __real_checkpoint_read(const char *path, checkpoint *ck, char *err, size_t errlen);
int __wrap_checkpoint_read(const char *path, checkpoint *ck, char *err, size_t errlen)
{
    struct stat st;
    if (stat(path, &st) || !S_ISREG(st.st_mode) || st.st_size > (1 << 20)) {
        memset(ck, 0, sizeof *ck);
        snprintf(err, errlen, "checkpoint %s: not read by fuzz_cell", path);
        return 1;
    }
    return __real_checkpoint_read(path, ck, err, errlen);
}

/* ---- a bounded Lua state ------------------------------------------------------ */

static void *fz_alloc(void *ud, void *p, size_t osize, size_t nsize)
{
    (void)ud;
    if (!p) osize = 0;
    if (nsize == 0) {
        used -= osize;
        free(p);
        return NULL;
    }
    if (nsize > osize && used + (nsize - osize) > FZ_MEMORY) return NULL;
    p = realloc(p, nsize);
    if (p) used = used - osize + nsize;
    return p;
}

static void fz_hook(lua_State *S, lua_Debug *ar)
{
    (void)ar;
    if ((steps += 1000) > FZ_BUDGET) luaL_error(S, "fuzz: instruction budget exhausted");
}

static int cell_gc(lua_State *S)
{
    cell_spec *c = luaL_checkudata(S, 1, FZ_CELL_MT);
    cell_spec_free(c);
    return 0;
}

/* build(tbl): what amor._cell does, then a look at everything built */
static int build(lua_State *S)
{
    char err[2048], why[512];
    volatile size_t sink = 0;
    cell_spec *c;
    size_t i;
    luaL_checktype(S, 1, LUA_TTABLE);
    c = lua_newuserdatauv(S, sizeof *c, 0);
    memset(c, 0, sizeof *c);
    luaL_setmetatable(S, FZ_CELL_MT);
    err[0] = 0;
    if (cellbuild_cell(B, S, 1, c, err, sizeof err)) {
        if (verbose) fprintf(stderr, "fuzz_cell: refused: %s\n", err);
        if (!err[0]) abort(); /* a refusal always says why */
        return 0;
    }
    if (verbose) fprintf(stderr, "fuzz_cell: cell %s key %s\n", c->id, c->key);
    if (!c->id || !c->experiment || strlen(c->key) != 16) abort();
    sink += strlen(c->id) + strlen(c->experiment);
    for (i = 0; i < c->ncols; i++) sink += strlen(c->cols[i].name) + strlen(c->cols[i].value);
    for (i = 0; i < c->npredict * c->predict_nx; i++) sink += c->predict[i] > 0;
    sink += (size_t)cell_incompatible(c, why, sizeof why);
    (void)sink;
    return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *dir = getenv("AMOR_FUZZ_PLUGINS");
    (void)argc, (void)argv;
    verbose = getenv("FUZZ_VERBOSE") && *getenv("FUZZ_VERBOSE") == '1';
    if (!realpath(dir && *dir ? dir : "build/plugins", plugdir)) {
        fprintf(stderr, "fuzz_cell: no plugin directory %s (run make first)\n",
                dir && *dir ? dir : "build/plugins");
        exit(2);
    }
    L = loader_new();
    loader_scan_dir(L, plugdir);
    if (!loader_count(L)) {
        fprintf(stderr, "fuzz_cell: no plugins in %s\n", plugdir);
        exit(2);
    }
    B = cellbuild_new(L, "/nonexistent/amor-fuzz-out");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const luaL_Reg libs[] = {{LUA_GNAME, luaopen_base}, {LUA_STRLIBNAME, luaopen_string},
                                    {LUA_TABLIBNAME, luaopen_table},
                                    {LUA_MATHLIBNAME, luaopen_math}};
    static const char *const drop[] = {"dofile", "loadfile", "print", "require"};
    lua_State *S;
    size_t i;

    used = 0;
    steps = 0;
    if (!(S = lua_newstate(fz_alloc, NULL))) return 0;
    for (i = 0; i < sizeof libs / sizeof libs[0]; i++) {
        luaL_requiref(S, libs[i].name, libs[i].func, 1);
        lua_pop(S, 1);
    }
    for (i = 0; i < sizeof drop / sizeof drop[0]; i++) {
        lua_pushnil(S);
        lua_setglobal(S, drop[i]);
    }
    luaL_newmetatable(S, FZ_CELL_MT);
    lua_pushcfunction(S, cell_gc);
    lua_setfield(S, -2, "__gc");
    lua_pop(S, 1);
    lua_sethook(S, fz_hook, LUA_MASKCOUNT, 1000);

    if (luaL_loadbufferx(S, (const char *)data, size, "=cell", "t") != LUA_OK) {
        luaL_Buffer b;
        lua_pop(S, 1);
        luaL_buffinit(S, &b);
        luaL_addstring(&b, "return ");
        luaL_addlstring(&b, (const char *)data, size);
        luaL_pushresult(&b);
        if (luaL_loadbufferx(S, lua_tostring(S, -1), lua_rawlen(S, -1), "=cell", "t") != LUA_OK) {
            lua_close(S);
            return 0;
        }
        lua_remove(S, -2);
    }
    if (lua_pcall(S, 0, 1, 0) == LUA_OK && lua_istable(S, -1)) {
        lua_pushcfunction(S, build);
        lua_insert(S, -2);
        if (lua_pcall(S, 1, 0, 0) != LUA_OK && verbose) /* a Lua error is a refusal too */
            fprintf(stderr, "fuzz_cell: Lua error: %s\n", lua_tostring(S, -1));
    } else if (verbose) {
        fprintf(stderr, "fuzz_cell: no cell table: %s\n", luaL_tolstring(S, -1, NULL));
    }
    lua_close(S);
    return 0;
}
