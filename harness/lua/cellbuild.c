/*
 * cellbuild.c -- Lua cell tables into cell_specs (see cellbuild.h):
 * parameter conversion by declared type, cell ids, random stream seeds and
 * content keys.  The settings table is cellsettings.c's, the checks of Lua
 * lists and values cellvalue.c's.
 */
#include "cellbuild.h"
#include "cellbuild_int.h"

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

/* Which parameters plugin_text writes. */
enum {
    TEXT_SET,        /* those the script set: the cell id, "mlp(hidden=64,64)" */
    TEXT_ALL,        /* every one: model_text, what a checkpoint records */
    TEXT_NONDEFAULT  /* those whose value differs from the declared default:
                        what seeds hash, so that a parameter a plugin appends
                        with a default (ABI-style growth) moves no cell's
                        random streams or held-out contexts */
};

static void plugin_text(const cell_plugin *cp, int which, char *buf, size_t len)
{
    size_t i, off = (size_t)snprintf(buf, len, "%s", cp->head->name);
    int first = 1, have_def = 0;
    params_set def;
    char e[64];
    if (which == TEXT_NONDEFAULT) have_def = params_init(&def, cp->head, e, sizeof e) == 0;
    for (i = 0; i < cp->ps.n && off < len; i++) {
        char v[512], dv[512];
        if (which == TEXT_SET && !cp->ps.set[i]) continue;
        params_format(&cp->ps, i, v, sizeof v);
        if (which == TEXT_NONDEFAULT && have_def &&
            !strcmp(v, params_format(&def, i, dv, sizeof dv)))
            continue;
        off += (size_t)snprintf(buf + off, len - off, "%s%s=%s", first ? "(" : ",",
                                cp->head->params[i].name, v);
        first = 0;
    }
    if (!first && off < len) snprintf(buf + off, len - off, ")");
    if (have_def) params_free(&def);
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
    for (i = 0; i < cellbuild_nsettings(); i++)
        if (!cellbuild_key_setting(c, i, t, sizeof t, v, sizeof v)) {
            fnv_field(&h, t);
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
    cellbuild_default_settings(c);
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
        rc = cellbuild_read_section(S, -1, sec[k], c, err, errlen);
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
        plugin_text(cps[k], TEXT_SET, txt, sizeof txt);
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
            /* eval.model's overrides are in every id, swept or not (below) */
            if (key && strncmp(key, "eval.model", 10)) {
                cellbuild_setting_value(c, key, txt, sizeof txt);
                off = clamp(off + (size_t)snprintf(id + off, sizeof id - off, "/%s=%s", key, txt),
                            sizeof id);
                add_col(c, key, txt);
            }
            lua_pop(S, 1);
        }
    }
    lua_pop(S, 1);
    /* eval.model: the model a cell's held-out numbers come from, named in
     * its id and columns like the model's own parameters (two cells that
     * differ only by it are two cells) */
    for (k = 0; k < c->eval.model.n; k++) {
        char name[256], v[512];
        if (!c->eval.model.set[k]) continue;
        snprintf(name, sizeof name, "eval.model.%s", c->model.head->params[k].name);
        params_format(&c->eval.model, k, v, sizeof v);
        off = clamp(off + (size_t)snprintf(id + off, sizeof id - off, "/%s=%s", name, v), sizeof id);
        if (add_col(c, name, v)) return amor_errorf(err, errlen, 1, "out of memory");
    }
    c->id = strdup(id);
    /* random streams: see cell.h */
    off = clamp((size_t)snprintf(canon, sizeof canon, "%s", c->experiment), sizeof canon);
    for (k = 0; k < 3; k++) {
        plugin_text(cps[k], TEXT_NONDEFAULT, txt, sizeof txt);
        off = clamp(off + (size_t)snprintf(canon + off, sizeof canon - off, "|%s", txt),
                    sizeof canon);
    }
    snprintf(canon + off, sizeof canon - off, "|seed=%ld", c->seed);
    c->stream_seed = cell_hash(canon);
    plugin_text(&c->problem, TEXT_NONDEFAULT, txt, sizeof txt);
    snprintf(canon, sizeof canon, "eval|%s|seed=%ld", txt, c->seed);
    c->eval_seed = cell_hash(canon);
    plugin_text(&c->model, TEXT_ALL, txt, sizeof txt);
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
    return cellbuild_setting_value(c, key, buf, len);
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
    if (!strncmp(key, "eval.model.", 11)) { /* an override: by the model's declaration */
        cp = &c->model;
        dot = key + 10;
    }
    if (!cp || (i = params_index(cp->head, dot + 1)) < 0) return 1;
    if (params_init(&ps, cp->head, err, sizeof err)) return 1;
    rc = params_set_text(&ps, dot + 1, text, err, sizeof err);
    if (!rc) params_format(&ps, (size_t)i, buf, len);
    params_free(&ps);
    return rc != 0;
}
