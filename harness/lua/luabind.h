/*
 * luabind.h -- script helpers beyond experiment{}: files, figures, problems.
 */
#ifndef AMOR_LUABIND_H
#define AMOR_LUABIND_H

#include <lua.h>

#include "loader.h"

/* Add amor.path, amor.write_file, amor.plot, amor.plot_multi, amor.plot_raw,
 * amor.plot_bars and amor.problem to the table on top of the stack.  outdir
 * is the run's output directory. */
void luabind_register(lua_State *S, loader *L, const char *outdir);

#endif
