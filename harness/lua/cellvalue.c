/*
 * cellvalue.c -- Lua values as they read in messages, the check that a
 * table is a list (no holes, no other keys, a length # agrees with), for
 * every table a script hands amor, and a Lua value as a plugin parameter
 * (a cell's plugins, eval.model, amor.problem{}).
 */
#include "cellbuild.h"
#include "cellbuild_int.h"

#include "params.h"

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>

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
void cellbuild_key_text(lua_State *S, int idx, char *buf, size_t len)
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
            cellbuild_key_text(S, -1, kt, sizeof kt);
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
