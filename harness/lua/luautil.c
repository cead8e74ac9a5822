/*
 * luautil.c -- shared by the `amor` module's C functions (see luautil.h).
 */
#include "luautil.h"

#include <lauxlib.h>
#include <stdarg.h>
#include <stdio.h>

int lb_err(lua_State *S, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return luaL_error(S, "%s", buf);
}

void lb_before_write(lua_State *S)
{
    if (lua_getfield(S, LUA_REGISTRYINDEX, "amor.on_write") == LUA_TFUNCTION) lua_call(S, 0, 0);
    else lua_pop(S, 1);
}
