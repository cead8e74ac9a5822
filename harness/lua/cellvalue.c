/*
 * cellvalue.c -- Lua values as they read in messages, and the check that a
 * table is a list (no holes, no other keys, a length # agrees with), for
 * every table a script hands amor.
 */
#include "cellbuild.h"
#include "cellbuild_int.h"

#include <lauxlib.h>
#include <stdio.h>

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
