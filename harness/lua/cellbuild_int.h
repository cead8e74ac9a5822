/*
 * cellbuild_int.h -- what the three files of cellbuild share: cellbuild.c
 * (cells), cellsettings.c (the settings table), cellvalue.c (Lua values in
 * messages, lists).
 */
#ifndef AMOR_CELLBUILD_INT_H
#define AMOR_CELLBUILD_INT_H

#include <lua.h>
#include <stddef.h>

#include "cell.h"

/* cellsettings.c */
void cellbuild_default_settings(cell_spec *c);
/* Read the script's table at idx as settings section `section` ("train")
 * into c: 0, or non-zero with the message. */
int cellbuild_read_section(lua_State *S, int idx, const char *section, cell_spec *c, char *err,
                           size_t errlen);
/* The setting `key` ("train.lr") of c as text: 0, or 1 when key names no
 * setting (buf empty). */
int cellbuild_setting_value(const cell_spec *c, const char *key, char *buf, size_t len);
size_t cellbuild_nsettings(void);
/* Setting i as it enters a cell's content key, its name and value: 0, or 1
 * when it does not (limits.*, train.save_model). */
int cellbuild_key_setting(const cell_spec *c, size_t i, char *name, size_t nlen, char *val,
                          size_t vlen);

/* At most this many values in an int list parameter or the predict rows:
 * lengths come from luaL_len, which a table's __len metamethod may set to
 * anything, and size allocations. */
#define CB_MAX_VALUES ((lua_Integer)1 << 28)

/* cellvalue.c: a table key as it reads in a message: 'name', 3, 1.5, true */
void cellbuild_key_text(lua_State *S, int idx, char *buf, size_t len);

#endif
