/*
 * cellbuild.h -- a Lua cell table (as prelude.lua builds it) into a validated
 * cell_spec: plugins and their parameters, the train/eval/solver/limits
 * settings, the cell id, the random streams and the content key.
 *
 * The content key (runs.csv column `key`, 16 hex digits) is a 64-bit hash of
 * everything that decides a cell's results: the experiment name, the seed,
 * for each of problem, model and loss its name, its own version string, a
 * hash of its shared object's bytes and every declared parameter's value
 * (defaults included), every train/eval/solver setting (train.init_from by
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
 * a failure).  Errors name the plugin, parameter or setting. */
int cellbuild_cell(cellbuild *B, lua_State *S, int idx, cell_spec *c, char *err,
                   size_t errlen);

/* 64-bit FNV-1a of a file's bytes; 0 with a message if unreadable. */
/* The Lua value on the top of S's stack as parameter `name` of ps, by its
 * declared type (an int list from a list of integers or one integer); a
 * value of another type is an error naming the parameter, the plugin and
 * both types.  Used by cells and by amor.problem{} alike. */
int cellbuild_set_param(lua_State *S, params_set *ps, const char *name, char *err,
                        size_t errlen);

int cellbuild_file_hash(const char *path, uint64_t *h, char *err, size_t errlen);

#endif
