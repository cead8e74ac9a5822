/*
 * runargs.c -- amor run's --set, --sweep and --only, checked before the
 * script runs (keys, the syntax of value lists, each value of a setting by
 * its type) and handed to prelude.lua as Lua tables; the prelude applies
 * them to the cells.
 */
#include "runargs.h"

#include "amor.h"
#include "cellbuild.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_name(const char *s)
{
    return *s && s[strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")] == 0;
}

static int is_plugin_kind(const char *s)
{
    return !strcmp(s, "problem") || !strcmp(s, "model") || !strcmp(s, "loss");
}

/* The values of --sweep and --only, "a,b,[c,d]": pushes the list {"a", "b",
 * "c,d"} -- a value in brackets is a list, its commas kept, as --set takes
 * one (model.hidden=64,64).  0, or 1 with why not (nothing pushed). */
static int push_values(lua_State *S, const char *text, char *why, size_t len)
{
    const char *p = text;
    lua_Integer n = 0, k;
    lua_newtable(S);
    for (;;) {
        const char *a = p, *b;
        if (*p == '[') {
            a = p + 1;
            b = a + strcspn(a, "[]");
            if (*b != ']') {
                lua_pop(S, 1);
                return amor_errorf(why, len, 1, *b ? "a '[' inside [...] (a value is a list of "
                                   "numbers or names, not of lists)" : "a '[' without its ']'");
            }
            p = b + 1;
            if (*p && *p != ',') {
                lua_pop(S, 1);
                return amor_errorf(why, len, 1, "'%c' after ']' (values are separated by ',')", *p);
            }
        } else {
            b = p + strcspn(p, ",[]");
            if (*b == '[' || *b == ']') {
                lua_pop(S, 1);
                return amor_errorf(why, len, 1, "a '%c' inside a value (a list value is written "
                                   "whole in brackets: [64,64])", *b);
            }
            if (b == a) {
                lua_pop(S, 1);
                return amor_errorf(why, len, 1, "an empty value (values are separated by ',')");
            }
            p = b;
        }
        lua_pushlstring(S, a, (size_t)(b - a));
        for (k = 1; k <= n; k++) {
            int same;
            lua_rawgeti(S, -2, k);
            same = lua_rawequal(S, -1, -2);
            lua_pop(S, 1);
            if (same) {
                amor_errorf(why, len, 1, "the value '%s' is given twice", lua_tostring(S, -1));
                lua_pop(S, 2);
                return 1;
            }
        }
        lua_rawseti(S, -2, ++n);
        if (!*p) return 0;
        if (!*++p) {
            lua_pop(S, 1);
            return amor_errorf(why, len, 1, "an empty value after the last ','");
        }
    }
}

/* kv of `--opt key=...` has a '=' after a non-empty key; else the message. */
static int key_value_error(const char *opt, const char *kv, const char *example, char *err,
                           size_t errlen)
{
    const char *eq = strchr(kv, '=');
    if (!eq)
        return amor_errorf(err, errlen, 1, "%s %s: no '=' (expected key=%s, e.g. %s %s=%s)", opt,
                           kv, !strcmp(opt, "--set") ? "value" : "values", opt, kv, example);
    if (eq == kv) return amor_errorf(err, errlen, 1, "%s %s: empty key before '='", opt, kv);
    return 0;
}

/* The --set and --sweep keys as the list the prelude reads (internals.set),
 * --set's first, each in command-line order: {op=, key=, text=, kind=,
 * name=, value=, values=}.  op is "set" or "sweep"; text what follows the
 * '='; kind the settings section (train, eval, solver, limits: key checked
 * here, and the text converted by the setting's type into value, or each
 * of --sweep's values into values), "problem", "model" or "loss" (a
 * parameter: values holds --sweep's texts, each checked against each
 * experiment's plugins by the prelude) or "plain" (--set only: the script's
 * own, which it must read: see prelude.lua).  main.c has checked the syntax
 * of --set (key=value, non-empty key, no key twice). */
static int push_settings(lua_State *S, const script_opts *o, char *err, size_t errlen)
{
    size_t i, j, n = o->nsettings + o->nsweeps;
    int list;
    lua_newtable(S);
    list = lua_gettop(S);
    for (i = 0; i < n; i++) {
        int sweep = i >= o->nsettings;
        const char *opt = sweep ? "--sweep" : "--set";
        const char *kv = sweep ? o->sweeps[i - o->nsettings] : o->settings[i], *eq;
        const char *key, *dot, *name;
        char why[2048];
        if (sweep && key_value_error(opt, kv, "1,2", err, errlen)) return 1;
        eq = strchr(kv, '=');
        for (j = 0; j < i; j++) { /* main.c compared the --set keys with each other */
            const char *prev = j < o->nsettings ? o->settings[j] : o->sweeps[j - o->nsettings];
            if (sweep && !strncmp(prev, kv, (size_t)(eq - kv) + 1))
                return amor_errorf(err, errlen, 1, "%s %s and --sweep %s: the key '%.*s' is "
                                   "given twice", j < o->nsettings ? "--set" : "--sweep", prev,
                                   kv, (int)(eq - kv), kv);
        }
        key = lua_pushlstring(S, kv, (size_t)(eq - kv));
        dot = strchr(key, '.');
        name = key;
        lua_createtable(S, 0, 7);
        if (sweep && push_values(S, eq + 1, why, sizeof why))
            return amor_errorf(err, errlen, 1, "--sweep %s: %s", kv, why);
        if (sweep) lua_setfield(S, -2, "values");
        if (dot) {
            const char *section = lua_pushlstring(S, key, (size_t)(dot - key));
            name = dot + 1;
            if (cellbuild_is_section(section)) {
                if (!sweep) {
                    if (cellbuild_setting(S, section, name, eq + 1, why, sizeof why))
                        return amor_errorf(err, errlen, 1, "--set %s: %s", kv, why);
                    lua_setfield(S, -3, "value");
                } else { /* each value by the setting's type, in place */
                    lua_Integer k, nv;
                    lua_getfield(S, -2, "values");
                    nv = (lua_Integer)lua_rawlen(S, -1);
                    for (k = 1; k <= nv; k++) {
                        lua_rawgeti(S, -1, k);
                        if (cellbuild_setting(S, section, name, lua_tostring(S, -1), why,
                                              sizeof why))
                            return amor_errorf(err, errlen, 1, "--sweep %s: %s", kv, why);
                        lua_rawseti(S, -3, k);
                        lua_pop(S, 1);
                    }
                    lua_pop(S, 1);
                }
            } else if (!is_plugin_kind(section) || !is_name(name)) {
                cellbuild_setting_names(why, sizeof why);
                return amor_errorf(err, errlen, 1,
                                   "%s %s: unknown key '%s' (valid: %s; problem.NAME, model.NAME "
                                   "or loss.NAME for a parameter NAME that plugins of that kind in "
                                   "the run declare%s)", opt, kv, key, why,
                                   sweep ? "" : "; or a key without '.' that the script reads "
                                   "with amor.setting");
            }
            lua_setfield(S, -2, "kind");
        } else if (sweep) {
            return amor_errorf(err, errlen, 1, "--sweep %s: '%s' is no setting or parameter, and "
                               "amor cannot sweep a key of the script's own (--sweep takes "
                               "train.*, eval.*, solver.*, limits.*, problem.NAME, model.NAME or "
                               "loss.NAME; the script may sweep over amor.setting(\"%s\") itself)",
                               kv, key, key);
        } else {
            lua_pushliteral(S, "plain");
            lua_setfield(S, -2, "kind");
        }
        lua_pushstring(S, sweep ? "sweep" : "set");
        lua_setfield(S, -2, "op");
        lua_pushstring(S, key);
        lua_setfield(S, -2, "key");
        lua_pushstring(S, eq + 1);
        lua_setfield(S, -2, "text");
        lua_pushstring(S, name);
        lua_setfield(S, -2, "name");
        lua_rawseti(S, list, (lua_Integer)i + 1);
        lua_settop(S, list);
    }
    return 0;
}

/* The --only filters as the list the prelude reads (internals.only): one
 * entry per key, in the order the keys first appear, {key=, kind=, texts=,
 * values=}: kind "experiment", "plugin" (key problem, model or loss: the
 * plugin's name), "seed", "setting" (train.lr...) or "param"
 * (model.hidden..., eval.model.steps...); texts the values as given, from every --only of the
 * key; values the same as runs.csv would show them (a seed as an integer, a
 * setting converted by its type: 1e-3 reads 0.001), or, for a parameter,
 * the texts (its type is known per cell). */
static int push_only(lua_State *S, const script_opts *o, char *err, size_t errlen)
{
    size_t i;
    int list;
    lua_newtable(S);
    list = lua_gettop(S);
    for (i = 0; i < o->nonly; i++) {
        const char *kv = o->only[i], *eq, *key, *dot, *kind;
        char why[2048], canon[512];
        lua_Integer k, nv, base;
        if (key_value_error("--only", kv, "mlp", err, errlen)) return 1;
        eq = strchr(kv, '=');
        key = lua_pushlstring(S, kv, (size_t)(eq - kv));
        dot = strchr(key, '.');
        if (!dot) {
            kind = !strcmp(key, "experiment") ? "experiment" : !strcmp(key, "seed") ? "seed"
                   : is_plugin_kind(key) ? "plugin" : NULL;
        } else {
            const char *section = lua_pushlstring(S, key, (size_t)(dot - key));
            /* eval.model.NAME: a model parameter, read by its declared type */
            kind = !strncmp(key, "eval.model.", 11) && is_name(key + 11) ? "param"
                   : cellbuild_is_section(section) ? "setting"
                   : is_plugin_kind(section) && is_name(dot + 1) ? "param" : NULL;
            lua_pop(S, 1);
        }
        if (!kind) {
            cellbuild_setting_names(why, sizeof why);
            return amor_errorf(err, errlen, 1,
                               "--only %s: unknown key '%s' (valid: experiment, problem, model, "
                               "loss, seed, %s; problem.NAME, model.NAME or loss.NAME for a "
                               "parameter NAME, eval.model.NAME for an eval.model override)",
                               kv, key, why);
        }
        if (push_values(S, eq + 1, why, sizeof why))
            return amor_errorf(err, errlen, 1, "--only %s: %s", kv, why);
        /* the entry of this key, new or from an earlier --only */
        for (k = 1; k <= (lua_Integer)lua_rawlen(S, list); k++) {
            lua_rawgeti(S, list, k);
            lua_getfield(S, -1, "key");
            if (!strcmp(lua_tostring(S, -1), key)) {
                lua_pop(S, 1);
                break;
            }
            lua_pop(S, 2);
        }
        if (k > (lua_Integer)lua_rawlen(S, list)) {
            lua_createtable(S, 0, 4);
            lua_pushstring(S, key);
            lua_setfield(S, -2, "key");
            lua_pushstring(S, kind);
            lua_setfield(S, -2, "kind");
            lua_newtable(S);
            lua_setfield(S, -2, "texts");
            lua_newtable(S);
            lua_setfield(S, -2, "values");
            lua_pushvalue(S, -1);
            lua_rawseti(S, list, k);
        }
        /* stack: key, new values, entry, then the entry's texts and values */
        lua_getfield(S, -1, "texts");
        lua_getfield(S, -2, "values");
        base = (lua_Integer)lua_rawlen(S, -1);
        nv = (lua_Integer)lua_rawlen(S, -4);
        for (k = 1; k <= nv; k++) {
            const char *text;
            lua_Integer j;
            lua_rawgeti(S, -4, k);
            text = lua_tostring(S, -1);
            for (j = 1; j <= base; j++) {
                int same;
                lua_rawgeti(S, -3, j);
                same = !strcmp(lua_tostring(S, -1), text);
                lua_pop(S, 1);
                if (same)
                    return amor_errorf(err, errlen, 1, "--only %s: the value '%s' of '%s' is "
                                       "given twice", kv, text, key);
            }
            snprintf(canon, sizeof canon, "%s", text);
            if (!strcmp(kind, "seed")) {
                char *end;
                long long v = strtoll(text, &end, 10);
                if (*end || v < 0 || text[0] == '-' || text[0] == '+' || text[0] == ' ')
                    return amor_errorf(err, errlen, 1, "--only %s: a seed is a non-negative "
                                       "integer, got '%s'", kv, text);
                snprintf(canon, sizeof canon, "%lld", v);
            } else if (!strcmp(kind, "setting")) {
                char section[64];
                snprintf(section, sizeof section, "%.*s", (int)(dot - key), key);
                if (cellbuild_setting_text(S, section, dot + 1, text, canon, sizeof canon, why,
                                           sizeof why))
                    return amor_errorf(err, errlen, 1, "--only %s: %s", kv, why);
            }
            lua_rawseti(S, -3, base + k); /* the text into texts */
            lua_pushstring(S, canon);
            lua_rawseti(S, -2, base + k);
        }
        lua_settop(S, list);
    }
    return 0;
}

int runargs_push(lua_State *S, const script_opts *o, char *err, size_t errlen)
{
    int t = lua_gettop(S);
    if (push_settings(S, o, err, errlen)) goto bad;
    lua_setfield(S, t, "set");
    if (push_only(S, o, err, errlen)) goto bad;
    lua_setfield(S, t, "only");
    return 0;
bad:
    lua_settop(S, t);
    return 1;
}
