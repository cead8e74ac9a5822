/*
 * cellbuild.h -- a Lua cell table (as prelude.lua builds it) into a validated
 * cell_spec: plugins and their parameters, the train/eval/solver/limits
 * settings, the cell id, the random streams and the content key.
 *
 * The content key (runs.csv column `key`, 16 hex digits) is a 64-bit hash of
 * everything that decides a cell's results: the experiment name, the seed,
 * for each of problem, model and loss its name, its own version string, a
 * hash of its shared object's bytes and every declared parameter's value
 * (defaults included), every train/eval/solver setting (eval.model's
 * overrides and eval.iterates included; train.init_from by
 * the checksum of the checkpoint's content, not its file name; not
 * train.save_model, which decides what is kept, not what is computed), the
 * contexts to predict, and a hash of the amor executable itself (so a rebuilt amor runs
 * cells again rather than trusting another build's numbers; where
 * /proc/self/exe cannot be read, amor's version instead).  Two cells with the
 * same key compute the same numbers, so a finished cell with a matching key
 * need not run again (amor run --resume).  The limits (timeout, memory) are
 * left out: they decide whether a cell finishes, not what it computes.
 */
#ifndef AMOR_CELLBUILD_H
#define AMOR_CELLBUILD_H

#include <lua.h>

#include "cell.h"
#include "loader.h"

typedef struct cellbuild cellbuild;

/* One per run: remembers the loader and the hashes of plugin files.  outdir
 * is the run's output directory (NULL = "."): train.save_model writes to
 * <outdir>/models/<key>.amor, and train.init_from = "<key>" reads from it. */
cellbuild *cellbuild_new(loader *L, const char *outdir);
void cellbuild_free(cellbuild *B);

/* The cell table at idx into c (zeroed first; cell_spec_free it, also after
 * a failure).  Errors name the plugin, parameter or setting.  The id and
 * the columns name each eval.model override (eval.model.steps=10), swept
 * or not: it changes the model the cell's numbers come from, as the
 * model's own parameters do. */
int cellbuild_cell(cellbuild *B, lua_State *S, int idx, cell_spec *c, char *err,
                   size_t errlen);

/* The Lua value on the top of S's stack as parameter `name` of ps, by its
 * declared type (an int list from a list of integers or one integer); a
 * value of another type is an error naming the parameter, the plugin and
 * both types.  Used by cells and by amor.problem{} alike. */
int cellbuild_set_param(lua_State *S, params_set *ps, const char *name, char *err,
                        size_t errlen);

/* 64-bit FNV-1a of a file's bytes; 0 with a message if unreadable. */
int cellbuild_file_hash(const char *path, uint64_t *h, char *err, size_t errlen);

/* Whether the value at idx is a list: a table whose keys are exactly the
 * integers 1..n, no holes and no other keys, and whose length (#, a __len
 * metamethod included) is n.  Returns 0 with its length in *n, or 1 with why
 * not in why, worded to follow "must be a list of ..., ": "got string",
 * "got table: it has a key 'a'", "got table: it has no element 2 (a hole)",
 * "got table: its length (#) is -1 but it has 0 elements".  Lua errors
 * raised by a __len metamethod propagate. */
int cellbuild_list(lua_State *S, int idx, lua_Integer *n, char *why, size_t len);

/* The value at idx as a message shows it: 5, 2.5, true, string "abc"
 * (cut at 60 characters), or its type name (table, nil, ...). */
void cellbuild_value_text(lua_State *S, int idx, char *buf, size_t len);

/* --set section.key=text (amor run): whether section is one of the cells'
 * settings sections (train, eval, solver, limits); every settings key a
 * command line can give as "train.steps, train.batch, ..., limits.memory"
 * (not eval.model, a table); and the value as cells
 * and amor.setting see it, pushed onto S: text converted by the setting's
 * type (a number, true/false, a size, a comma-separated list of solver
 * methods, or text) and validated as a cell validates its settings.  On an
 * unknown key or a bad value, returns 1 with the message a script would get
 * ("unknown train setting 'x' (valid: ...)", "train setting 'steps' must be
 * an integer in [0, 1e+09], got string \"abc\"") and pushes nothing. */
int cellbuild_is_section(const char *section);
void cellbuild_setting_names(char *buf, size_t len);
int cellbuild_setting(lua_State *S, const char *section, const char *key, const char *text,
                      char *err, size_t errlen);

/* For amor run --only: the value of `key` in cell c as runs.csv shows it --
 * "experiment", "problem", "model", "loss" (plugin names), "seed", a
 * setting ("train.lr", swept or not), a parameter ("model.hidden", set
 * or not) or an eval.model override ("eval.model.steps") -- 0, or 1 (buf
 * "") when c has no such value (its model does not declare the parameter,
 * eval.model does not override it, an unknown key).  cellbuild_setting_text gives the
 * same for `text` given on the command line as the value of a setting
 * (converted and checked as cellbuild_setting does: "1e-3" reads "0.001"),
 * cellbuild_param_text as the value of c's parameter `key` (by the type its
 * plugin declares, an eval.model.NAME by the model's; 1 when it does not
 * declare key or text is no value of that type). */
int cellbuild_cell_value(const cell_spec *c, const char *key, char *buf, size_t len);
int cellbuild_setting_text(lua_State *S, const char *section, const char *key, const char *text,
                           char *buf, size_t len, char *err, size_t errlen);
int cellbuild_param_text(const cell_spec *c, const char *key, const char *text, char *buf,
                         size_t len);

#endif
