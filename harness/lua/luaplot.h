/*
 * luaplot.h -- the figure functions of the `amor` module: amor.plot,
 * amor.plot_multi, amor.plot_raw, amor.plot_bars (luabind.c puts them in
 * the module's table).
 */
#ifndef AMOR_LUAPLOT_H
#define AMOR_LUAPLOT_H

#include <lua.h>

int lb_plot(lua_State *S);
int lb_plot_multi(lua_State *S);
int lb_plot_raw(lua_State *S);
int lb_plot_bars(lua_State *S);

#endif
