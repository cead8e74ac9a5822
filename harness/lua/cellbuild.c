/*
 * cellbuild.c -- Lua cell tables into cell_specs (see cellbuild.h): the
 * settings table, parameter conversion by declared type, cell ids, random
 * stream seeds and content keys.
 */
#include "cellbuild.h"

#include "amhash.h"
#include "checkpoint.h"
#include "params.h"
#include "sbuf.h"
#include "version.h"

#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct file_hash {
    char *path;
    uint64_t h;
} file_hash;

struct cellbuild {
    loader *L;
    char *outdir;     /* where train.save_model writes, and bare keys of
                         train.init_from are looked up: <outdir>/models/ */
    char host[32];    /* hash of the amor executable, or its version */
    file_hash *files; /* plugin files hashed so far */
    size_t nfiles;
};

cellbuild *cellbuild_new(loader *L, const char *outdir)
{
    cellbuild *B = calloc(1, sizeof *B);
    uint64_t h;
    char err[256];
    if (!B) return NULL;
    B->L = L;
    if (!(B->outdir = strdup(outdir ? outdir : "."))) {
        free(B);
        return NULL;
    }
    /* the host's own code decides results too (training, evaluation): a
     * rebuilt amor does not resume cells computed by another build */
    if (cellbuild_file_hash("/proc/self/exe", &h, err, sizeof err) == 0)
        snprintf(B->host, sizeof B->host, "%016llx", (unsigned long long)h);
    else
        snprintf(B->host, sizeof B->host, "amor %s", AMOR_VERSION_STRING);
    return B;
}

void cellbuild_free(cellbuild *B)
{
    size_t i;
    if (!B) return;
    for (i = 0; i < B->nfiles; i++) free(B->files[i].path);
    free(B->files);
    free(B->outdir);
    free(B);
}

/* ---- content key ------------------------------------------------------------ */

static void fnv(uint64_t *h, const void *p, size_t n)
{
    *h = am_fnv1a(*h, p, n);
}

/* One field of the key's canonical text, with a separator so that
 * ("ab", "c") and ("a", "bc") differ. */
static void fnv_field(uint64_t *h, const char *s)
{
    fnv(h, s, strlen(s));
    fnv(h, "\x1f", 1);
}

int cellbuild_file_hash(const char *path, uint64_t *h, char *err, size_t errlen)
{
    unsigned char buf[65536];
    size_t n;
    FILE *f = fopen(path, "rb");
    *h = AM_FNV_START;
    if (!f) return amor_errorf(err, errlen, AMOR_EDATA, "cannot read plugin file %s", path);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) fnv(h, buf, n);
    n = (size_t)ferror(f);
    fclose(f);
    if (n) return amor_errorf(err, errlen, AMOR_EDATA, "cannot read plugin file %s", path);
    return 0;
}

static int plugin_file_hash(cellbuild *B, const amor_plugin_head *head, uint64_t *h,
                            char *err, size_t errlen)
{
    const char *path = loader_path_of(B->L, head);
    size_t i;
    if (!path) return amor_errorf(err, errlen, AMOR_EINVAL, "no file known for plugin '%s'", head->name);
    for (i = 0; i < B->nfiles; i++)
        if (!strcmp(B->files[i].path, path)) {
            *h = B->files[i].h;
            return 0;
        }
    if (cellbuild_file_hash(path, h, err, errlen)) return 1;
    file_hash *q = realloc(B->files, (B->nfiles + 1) * sizeof *q);
    if (!q) return amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
    B->files = q;
    if (!(q[B->nfiles].path = strdup(path))) return amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
    q[B->nfiles++].h = *h;
    return 0;
}

/* ---- settings of a cell --------------------------------------------------- */

typedef enum { S_INT, S_REAL, S_BOOL, S_METHODS, S_BYTES, S_STRING } stype;

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
    {"train", "threads", S_INT, OFF(train.threads), 1, 256, "threads of one cell: each training batch and held-out pass is split into this many shards run in parallel, each on its own problem, model and loss instance, gradients summed in shard order (results are reproducible for a given value and change with it at rounding level)"},
    {"eval", "contexts", S_INT, OFF(eval.contexts), 1, 1e8, "held-out contexts"},
    {"eval", "timing", S_REAL, OFF(eval.timing), 0, 3600, "seconds spent timing inference"},
    {"eval", "track", S_INT, OFF(eval.track), 0, 1e6, "record predictions for this many held-out contexts at every evaluation (tracks.csv)"},
    {"solver", "iterations", S_INT, OFF(solver.iterations), 0, 1e9, "from-scratch solver budget (0: no baseline)"},
    {"solver", "methods", S_METHODS, OFF(solver.use), 0, 0, "list of from-scratch solvers: adam, gd"},
    {"solver", "adam_lr", S_REAL, OFF(solver.lr[SOLVER_ADAM]), 0, 1e6, "Adam step size on y"},
    {"solver", "gd_lr", S_REAL, OFF(solver.lr[SOLVER_GD]), 0, 1e6, "gradient descent step size on y"},
    {"solver", "log_every", S_INT, OFF(solver.log_every), 0, 1e9, "iterations between solver.csv rows (0: about 200 rows)"},
    {"limits", "timeout", S_REAL, OFF(limits.timeout), 0, 1e9, "wall-clock seconds per cell; the worker is killed and the cell recorded as timeout (0: none)"},
    {"limits", "memory", S_BYTES, OFF(limits.memory), 0, 1e18, "address space a cell may add, bytes or \"512M\", \"2G\"; beyond it the cell is recorded as oom (0: none)"},
};
#define NSETTINGS (sizeof SETTINGS / sizeof SETTINGS[0])

static void default_settings(cell_spec *c)
{
    c->train = (train_cfg){1000, 64, 1e-3, 0.9, 0.999, 1e-8, 0.0, 0.0, 0, 0, 100, 0, NULL, 1};
    c->eval = (eval_cfg){256, 0.05, 0};
    c->solver.iterations = 1000;
    c->solver.use[SOLVER_ADAM] = 1;
    c->solver.use[SOLVER_GD] = 1;
    c->solver.lr[SOLVER_ADAM] = 5e-3;
    c->solver.lr[SOLVER_GD] = 1e-2;
    c->solver.log_every = 0;
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

/* ---- lists and values in messages ------------------------------------------ */

void cellbuild_value_text(lua_State *S, int idx, char *buf, size_t len)
{
    switch (lua_type(S, idx)) {
    case LUA_TSTRING: snprintf(buf, len, "string \"%.60s\"", lua_tostring(S, idx)); break;
    case LUA_TNUMBER:
        if (lua_isinteger(S, idx)) snprintf(buf, len, "%lld", (long long)lua_tointeger(S, idx));
        else snprintf(buf, len, "%.17g", lua_tonumber(S, idx));
        break;
    case LUA_TBOOLEAN: snprintf(buf, len, "%s", lua_toboolean(S, idx) ? "true" : "false"); break;
    default: snprintf(buf, len, "%s", luaL_typename(S, idx)); break;
    }
}

/* A key of a table as it reads in a message: 'name', 3, 1.5, true, table. */
static void key_text(lua_State *S, int idx, char *buf, size_t len)
{
    if (lua_type(S, idx) == LUA_TSTRING) snprintf(buf, len, "'%.60s'", lua_tostring(S, idx));
    else cellbuild_value_text(S, idx, buf, len);
}

int cellbuild_list(lua_State *S, int idx, lua_Integer *n, char *why, size_t len)
{
    lua_Integer count = 0, max = 0, k, l;
    int isint;
    char kt[96];
    idx = lua_absindex(S, idx);
    *n = 0;
    if (!lua_istable(S, idx)) {
        snprintf(why, len, "got %s", luaL_typename(S, idx));
        return 1;
    }
    lua_pushnil(S);
    while (lua_next(S, idx)) {
        lua_pop(S, 1);
        k = lua_isinteger(S, -1) ? lua_tointeger(S, -1) : 0;
        if (k < 1) {
            key_text(S, -1, kt, sizeof kt);
            snprintf(why, len, "got table: it has a key %s", kt);
            lua_pop(S, 1);
            return 1;
        }
        count++;
        if (k > max) max = k;
    }
    if (max != count) /* an index below max is missing, at most count + 1: the first */
        for (k = 1; k <= count + 1; k++) {
            int t = lua_rawgeti(S, idx, k);
            lua_pop(S, 1);
            if (t == LUA_TNIL) {
                snprintf(why, len, "got table: it has no element %lld (a hole)", (long long)k);
                return 1;
            }
        }
    lua_len(S, idx); /* what # says, a __len metamethod included */
    l = lua_tointegerx(S, -1, &isint);
    lua_pop(S, 1);
    if (!isint) {
        snprintf(why, len, "got table: its length (#) is not an integer");
        return 1;
    }
    if (l != count) {
        snprintf(why, len, "got table: its length (#) is %lld but it has %lld element%s",
                 (long long)l, (long long)count, count == 1 ? "" : "s");
        return 1;
    }
    *n = count;
    return 0;
}

/* ---- settings of a cell, continued ----------------------------------------- */

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
        off += (size_t)snprintf(buf + off, len - off, "%s%s.%s", i ? ", " : "", SETTINGS[i].section,
                                SETTINGS[i].key);
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
                               "(adam, gd), %s", why);
        use[SOLVER_ADAM] = use[SOLVER_GD] = 0;
        for (k = 1; k <= n; k++) {
            const char *m;
            lua_rawgeti(S, -1, k);
            m = lua_type(S, -1) == LUA_TSTRING ? lua_tostring(S, -1) : NULL;
            if (m && !strcmp(m, "adam")) use[SOLVER_ADAM] = 1;
            else if (m && !strcmp(m, "gd")) use[SOLVER_GD] = 1;
            else {
                cellbuild_value_text(S, -1, got, sizeof got);
                lua_pop(S, 1);
                return amor_errorf(err, errlen, 1, "unknown solver method %s (valid: adam, gd)",
                                   got);
            }
            lua_pop(S, 1);
        }
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
static int read_section(lua_State *S, int idx, const char *section, cell_spec *c,
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
            key_text(S, -2, kt, sizeof kt);
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
    case S_METHODS: { /* "adam,gd" */
        const char *p = text;
        lua_Integer k = 0;
        lua_newtable(S);
        while (*p) {
            size_t n = strcspn(p, ",");
            const char *a = p, *b = p + n;
            while (a < b && *a == ' ') a++;
            while (b > a && b[-1] == ' ') b--;
            lua_pushlstring(S, a, (size_t)(b - a));
            lua_rawseti(S, -2, ++k);
            p += n + (p[n] == ',');
        }
        break;
    }
    }
    memset(&scratch, 0, sizeof scratch);
    default_settings(&scratch);
    rc = read_setting(S, st, &scratch, err, errlen);
    free(scratch.train.init_from);
    if (rc) lua_pop(S, 1);
    return rc;
}

/* At most this many values in an int list parameter or the predict rows:
 * lengths come from luaL_len, which a table's __len metamethod may set to
 * anything, and size allocations. */
#define CB_MAX_VALUES ((lua_Integer)1 << 28)

int cellbuild_set_param(lua_State *S, params_set *ps, const char *name, char *err,
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
        lua_Integer k, n;
        char why[256];
        if (t == LUA_TNUMBER && lua_isinteger(S, -1)) {
            int64_t one = (int64_t)lua_tointeger(S, -1);
            return params_set_list(ps, name, &one, 1, err, errlen);
        }
        if (t != LUA_TTABLE) break;
        if (cellbuild_list(S, -1, &n, why, sizeof why) || n > CB_MAX_VALUES)
            return amor_errorf(err, errlen, AMOR_EINVAL,
                               "parameter '%s' of %s '%s' must be of type int list, %s", name,
                               loader_kind_name(ps->head->kind), ps->head->name,
                               n > CB_MAX_VALUES ? "got table: too long" : why);
        int64_t *v = malloc(((size_t)n + 1) * sizeof *v);
        int rc, isint;
        if (!v) return amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
        for (k = 1; k <= n; k++) {
            lua_rawgeti(S, -1, k);
            v[k - 1] = lua_type(S, -1) == LUA_TNUMBER ? (int64_t)lua_tointegerx(S, -1, &isint) : 0;
            if (lua_type(S, -1) != LUA_TNUMBER || !isint) {
                char got[128];
                cellbuild_value_text(S, -1, got, sizeof got);
                lua_pop(S, 1);
                free(v);
                return amor_errorf(err, errlen, AMOR_EINVAL,
                                   "parameter '%s' of %s '%s' must be of type int list, got "
                                   "table: element %lld is %s", name,
                                   loader_kind_name(ps->head->kind), ps->head->name,
                                   (long long)k, got);
            }
            lua_pop(S, 1);
        }
        rc = params_set_list(ps, name, v, (size_t)n, err, errlen);
        free(v);
        return rc;
    }
    }
    return amor_errorf(err, errlen, AMOR_EINVAL,
                       "parameter '%s' of %s '%s' must be of type %s, got %s", name,
                       loader_kind_name(ps->head->kind), ps->head->name,
                       params_type_name(ps->head->params[i].type), luaL_typename(S, -1));
}

/* cell[field] = {name=, params=} -> c->{problem,model,loss} */
static int read_plugin(lua_State *S, cellbuild *X, int cell, const char *field,
                       uint32_t kind, cell_plugin *cp, char *err, size_t errlen)
{
    const char *name;
    int rc = 0;
    lua_getfield(S, cell, field);
    if (!lua_istable(S, -1)) {
        const char *got = luaL_typename(S, -1); /* a static string */
        lua_pop(S, 1);
        return amor_errorf(err, errlen, 1, "cell's %s must be a table {name = ..., params = {...}}, "
                           "got %s", field, got);
    }
    lua_getfield(S, -1, "name");
    name = lua_type(S, -1) == LUA_TSTRING ? lua_tostring(S, -1) : NULL;
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
                                 loader_kind_name(kind), cp->head->name); /* name is popped */
            else
                rc = cellbuild_set_param(S, &cp->ps, lua_tostring(S, -2), err, errlen);
            lua_pop(S, rc ? 2 : 1);
        }
    } else if (!lua_isnil(S, -1)) {
        rc = amor_errorf(err, errlen, 1, "%s '%s': its params must be a table, got %s",
                         loader_kind_name(kind), cp->head->name, luaL_typename(S, -1));
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
        else if (SETTINGS[i].type == S_BYTES) bytes_text(*(const double *)base, "", buf, len);
        else if (SETTINGS[i].type == S_BOOL) snprintf(buf, len, "%s", *(const int *)base ? "true" : "false");
        else if (SETTINGS[i].type == S_STRING)
            snprintf(buf, len, "%s", *(char *const *)base ? *(char *const *)base : "");
        else if (SETTINGS[i].type == S_METHODS)
            snprintf(buf, len, "%s%s%s", c->solver.use[SOLVER_ADAM] ? "adam" : "",
                     c->solver.use[SOLVER_ADAM] && c->solver.use[SOLVER_GD] ? "," : "",
                     c->solver.use[SOLVER_GD] ? "gd" : "");
    }
}

static void setting_text(const cell_spec *c, const char *key, char *buf, size_t len);

/* train.init_from: a cell key (16 hex digits, ".amor" optional) names
 * <outdir>/models/<key>.amor, anything else is a path.  The file is read and
 * verified now (checksum, ABI, model name), so a bad checkpoint is an error
 * of the script, at the line of its experiment; the parameter count and
 * dimensions need the model instance and are checked when the cell runs
 * (train.c). */
static int read_init(cellbuild *X, cell_spec *c, char *err, size_t errlen)
{
    const char *v = c->train.init_from;
    size_t n = strspn(v, "0123456789abcdef");
    char path[8192], why[2048];
    if (n == 16 && (!v[16] || !strcmp(v + 16, ".amor")))
        snprintf(path, sizeof path, "%s/models/%.16s.amor", X->outdir, v);
    else
        snprintf(path, sizeof path, "%s", v);
    if (!(c->init_path = strdup(path)) || !(c->init = calloc(1, sizeof *c->init)))
        return amor_errorf(err, errlen, 1, "out of memory");
    if (checkpoint_read(path, c->init, why, sizeof why))
        return amor_errorf(err, errlen, 1, "train.init_from: %s", why);
    if (strcmp(c->init->model, c->model.head->name))
        return amor_errorf(err, errlen, 1,
                           "train.init_from: checkpoint %s holds a model '%s' (%s), this cell's "
                           "model is '%s' (%s)", path, c->init->model, c->init->params,
                           c->model.head->name, c->model_text);
    return 0;
}

/* c->key: see cellbuild.h for what goes in. */
static int content_key(cellbuild *X, cell_spec *c, char *err, size_t errlen)
{
    static const char *const kinds[] = {"problem", "model", "loss"};
    const cell_plugin *cps[3] = {&c->problem, &c->model, &c->loss};
    uint64_t h = AM_FNV_START, fh;
    char t[1024], v[512];
    size_t k, i;
    fnv_field(&h, "amor cell key 1");
    fnv_field(&h, X->host);
    fnv_field(&h, c->experiment);
    snprintf(t, sizeof t, "seed=%ld", c->seed);
    fnv_field(&h, t);
    for (k = 0; k < 3; k++) {
        const amor_plugin_head *hd = cps[k]->head;
        if (plugin_file_hash(X, hd, &fh, err, errlen)) return 1;
        snprintf(t, sizeof t, "%s=%s version=%s file=%016llx", kinds[k], hd->name,
                 hd->version ? hd->version : "", (unsigned long long)fh);
        fnv_field(&h, t);
        for (i = 0; i < cps[k]->ps.n; i++) {
            fnv_field(&h, hd->params[i].name);
            fnv_field(&h, params_format(&cps[k]->ps, i, v, sizeof v));
        }
    }
    for (i = 0; i < NSETTINGS; i++) {
        /* save_model decides what is kept, not what is computed (a resumed
         * cell whose checkpoint is missing runs again: sweep.c) */
        if (!strcmp(SETTINGS[i].section, "limits") || SETTINGS[i].off == OFF(train.save_model))
            continue;
        snprintf(t, sizeof t, "%s.%s", SETTINGS[i].section, SETTINGS[i].key);
        fnv_field(&h, t);
        if (SETTINGS[i].off == OFF(train.init_from)) /* the file's content, not its name */
            snprintf(v, sizeof v, "%016llx", c->init ? (unsigned long long)c->init->checksum : 0ull);
        else
            setting_text(c, t, v, sizeof v);
        fnv_field(&h, v);
    }
    fnv_field(&h, c->train.has_clip ? "clip" : "no clip");
    snprintf(t, sizeof t, "predict=%zux%zu", c->npredict, c->predict_nx);
    fnv_field(&h, t);
    for (i = 0; i < c->npredict * c->predict_nx; i++) {
        uint64_t bits;
        memcpy(&bits, &c->predict[i], sizeof bits);
        fnv(&h, &bits, sizeof bits);
    }
    h = amor_splitmix64(&h);
    snprintf(c->key, sizeof c->key, "%016llx", (unsigned long long)h);
    return 0;
}

/* The offset after an snprintf into a buffer of len bytes: snprintf returns
 * the length it wanted, so a long experiment name or parameter text would
 * move the next write past the buffer's end. */
static size_t clamp(size_t off, size_t len)
{
    return off < len ? off : len - 1;
}

int cellbuild_cell(cellbuild *X, lua_State *S, int idx, cell_spec *c, char *err, size_t errlen)
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
    c->seed = lua_type(S, -1) == LUA_TNUMBER ? (long)lua_tointegerx(S, -1, &isnum) : 0;
    if (lua_type(S, -1) != LUA_TNUMBER || !isnum || c->seed < 0) {
        cellbuild_value_text(S, -1, txt, sizeof txt);
        lua_pop(S, 1);
        return amor_errorf(err, errlen, 1, "seed must be a non-negative integer, got %s", txt);
    }
    lua_pop(S, 1);
    for (k = 0; k < 3; k++)
        if (read_plugin(S, X, idx, kinds[k], (uint32_t)(k + 1), cps[k], err, errlen))
            return 1;
    for (k = 0; k < 4; k++) {
        static const char *const sec[] = {"train", "eval", "solver", "limits"};
        int rc;
        lua_getfield(S, idx, sec[k]);
        rc = read_section(S, -1, sec[k], c, err, errlen);
        lua_pop(S, 1);
        if (rc) return 1;
    }
    /* contexts to predict after training: a list of rows */
    lua_getfield(S, idx, "predict");
    if (!lua_isnil(S, -1)) {
        lua_Integer i, n;
        char why[256];
        if (cellbuild_list(S, -1, &n, why, sizeof why) || n > CB_MAX_VALUES) {
            lua_pop(S, 1);
            return amor_errorf(err, errlen, 1, "predict must be a list of rows (lists of numbers), %s",
                               n > CB_MAX_VALUES ? "got table: too long" : why);
        }
        for (i = 1; i <= n; i++) {
            lua_Integer j, m;
            lua_rawgeti(S, -1, i);
            if (cellbuild_list(S, -1, &m, why, sizeof why)) {
                lua_pop(S, 2);
                return amor_errorf(err, errlen, 1, "predict: row %lld must be a list of numbers, %s",
                                   (long long)i, why);
            }
            if (m > 0 && n > CB_MAX_VALUES / m) { /* n x m doubles are allocated */
                lua_pop(S, 2);
                return amor_errorf(err, errlen, 1, "predict: row %lld has length %lld (%lld rows)",
                                   (long long)i, (long long)m, (long long)n);
            }
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
                lua_rawgeti(S, -1, j);
                if (lua_type(S, -1) != LUA_TNUMBER) {
                    cellbuild_value_text(S, -1, txt, sizeof txt);
                    lua_pop(S, 3);
                    return amor_errorf(err, errlen, 1, "predict: row %lld, value %lld is not a "
                                       "number, got %s", (long long)i, (long long)j, txt);
                }
                c->predict[(size_t)(i - 1) * c->predict_nx + (size_t)(j - 1)] = lua_tonumber(S, -1);
                lua_pop(S, 1);
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
        off = clamp(off + (size_t)snprintf(id + off, sizeof id - off, "%s%s", k ? "/" : "", txt),
                    sizeof id);
        for (i = 0; i < cps[k]->ps.n; i++) {
            char name[256], v[512];
            if (!cps[k]->ps.set[i]) continue;
            snprintf(name, sizeof name, "%s.%s", kinds[k], cps[k]->head->params[i].name);
            if (add_col(c, name, params_format(&cps[k]->ps, i, v, sizeof v)))
                return amor_errorf(err, errlen, 1, "out of memory");
        }
    }
    off = clamp(off + (size_t)snprintf(id + off, sizeof id - off, "/seed=%ld", c->seed), sizeof id);
    lua_getfield(S, idx, "swept");
    if (lua_istable(S, -1)) {
        lua_Integer i, n = (lua_Integer)luaL_len(S, -1);
        for (i = 1; i <= n; i++) {
            lua_geti(S, -1, i);
            const char *key = lua_tostring(S, -1);
            if (key) {
                setting_text(c, key, txt, sizeof txt);
                off = clamp(off + (size_t)snprintf(id + off, sizeof id - off, "/%s=%s", key, txt),
                            sizeof id);
                add_col(c, key, txt);
            }
            lua_pop(S, 1);
        }
    }
    lua_pop(S, 1);
    c->id = strdup(id);
    /* random streams: see cell.h */
    off = clamp((size_t)snprintf(canon, sizeof canon, "%s", c->experiment), sizeof canon);
    for (k = 0; k < 3; k++) {
        plugin_text(cps[k], 1, txt, sizeof txt);
        off = clamp(off + (size_t)snprintf(canon + off, sizeof canon - off, "|%s", txt),
                    sizeof canon);
    }
    snprintf(canon + off, sizeof canon - off, "|seed=%ld", c->seed);
    c->stream_seed = cell_hash(canon);
    plugin_text(&c->problem, 1, txt, sizeof txt);
    snprintf(canon, sizeof canon, "eval|%s|seed=%ld", txt, c->seed);
    c->eval_seed = cell_hash(canon);
    plugin_text(&c->model, 1, txt, sizeof txt);
    c->model_text = strdup(txt);
    if (!c->experiment || !c->id || !c->model_text)
        return amor_errorf(err, errlen, 1, "out of memory");
    if (c->train.init_from && read_init(X, c, err, errlen)) return 1;
    if (content_key(X, c, err, errlen)) return 1;
    if (c->train.save_model) {
        snprintf(canon, sizeof canon, "%s/models/%s.amor", X->outdir, c->key);
        if (!(c->checkpoint = strdup(canon))) return amor_errorf(err, errlen, 1, "out of memory");
    }
    return 0;
}


/* ---- values of a built cell, for amor run --only ---------------------------- */

int cellbuild_setting_text(lua_State *S, const char *section, const char *key, const char *text,
                           char *buf, size_t len, char *err, size_t errlen)
{
    cell_spec scratch;
    char full[128];
    int rc;
    if (cellbuild_setting(S, section, key, text, err, errlen)) return 1;
    memset(&scratch, 0, sizeof scratch);
    default_settings(&scratch);
    rc = read_setting(S, find_setting(section, key), &scratch, err, errlen);
    lua_pop(S, 1);
    snprintf(full, sizeof full, "%s.%s", section, key);
    if (!rc) setting_text(&scratch, full, buf, len);
    free(scratch.train.init_from);
    return rc;
}

/* c's plugin of kind "problem", "model" or "loss" (the text before the
 * '.' of key, whose length is n), or NULL. */
static const cell_plugin *plugin_of(const cell_spec *c, const char *key, size_t n)
{
    if (n == 7 && !strncmp(key, "problem", n)) return &c->problem;
    if (n == 5 && !strncmp(key, "model", n)) return &c->model;
    if (n == 4 && !strncmp(key, "loss", n)) return &c->loss;
    return NULL;
}

int cellbuild_cell_value(const cell_spec *c, const char *key, char *buf, size_t len)
{
    const char *dot = strchr(key, '.');
    const cell_plugin *cp;
    long i;
    buf[0] = 0;
    if (!dot) {
        if (!strcmp(key, "experiment")) snprintf(buf, len, "%s", c->experiment);
        else if (!strcmp(key, "seed")) snprintf(buf, len, "%ld", c->seed);
        else if ((cp = plugin_of(c, key, strlen(key)))) snprintf(buf, len, "%s", cp->head->name);
        else return 1;
        return 0;
    }
    if ((cp = plugin_of(c, key, (size_t)(dot - key)))) {
        if ((i = params_index(cp->head, dot + 1)) < 0) return 1;
        params_format(&cp->ps, (size_t)i, buf, len);
        return 0;
    }
    for (i = 0; i < (long)NSETTINGS; i++) {
        char full[128];
        snprintf(full, sizeof full, "%s.%s", SETTINGS[i].section, SETTINGS[i].key);
        if (!strcmp(full, key)) {
            setting_text(c, key, buf, len);
            return 0;
        }
    }
    return 1;
}

int cellbuild_param_text(const cell_spec *c, const char *key, const char *text, char *buf,
                         size_t len)
{
    const char *dot = strchr(key, '.');
    const cell_plugin *cp = dot ? plugin_of(c, key, (size_t)(dot - key)) : NULL;
    params_set ps;
    char err[1024];
    long i;
    int rc;
    if (!cp || (i = params_index(cp->head, dot + 1)) < 0) return 1;
    if (params_init(&ps, cp->head, err, sizeof err)) return 1;
    rc = params_set_text(&ps, dot + 1, text, err, sizeof err);
    if (!rc) params_format(&ps, (size_t)i, buf, len);
    params_free(&ps);
    return rc != 0;
}
