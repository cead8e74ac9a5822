/*
 * luautil.h -- what the C functions of the `amor` module share (luabind.c,
 * luaplot.c): their context, errors with printf formats, the check before
 * a write.
 */
#ifndef AMOR_LUAUTIL_H
#define AMOR_LUAUTIL_H

#include <lua.h>

#include "loader.h"

/* The context every function of the module has as its upvalue. */
typedef struct lb_ctx {
    loader *L;
    char outdir[4096];
} lb_ctx;

static inline lb_ctx *lb_ctx_of(lua_State *S) { return lua_touserdata(S, lua_upvalueindex(1)); }

/* luaL_error with full printf formats (lua_pushfstring lacks %zu, %g...). */
int lb_err(lua_State *S, const char *fmt, ...);

/* Run the function the prelude registered with on_write (its check that
 * the script read its --set keys) before a helper writes a file. */
void lb_before_write(lua_State *S);

#endif
