/*
 * luabind.h -- the `amor` module's C functions: plugins, files, figures.
 */
#ifndef AMOR_LUABIND_H
#define AMOR_LUABIND_H

#include <lua.h>

#include "loader.h"

/* Push a new table holding the amor module's C functions: amor.list,
 * amor.describe, amor.problem, amor.path, amor.write_file, amor.read_csv,
 * amor.plot, amor.plot_multi, amor.plot_raw and amor.plot_bars.  outdir is
 * the run's output directory; L must outlive S. */
void luabind_open(lua_State *S, loader *L, const char *outdir);

/* Add prelude.lua's private helpers from luabind.c to the table on top of
 * the stack (after luabind_open): on_write(fn), fn() called before each
 * function that writes a file; list_fault(v), nil if v is a list, else why
 * not (cellbuild_list); plugin_param(kind, plugin, param, text, what), a
 * parameter's value from its text (see luabind.c). */
void luabind_internals(lua_State *S);

/* Push an (n, d) row-major array as a Lua list of lists. */
void luabind_push_rows(lua_State *S, const double *a, size_t n, size_t d);

#endif
