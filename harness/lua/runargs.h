/*
 * runargs.h -- amor run's --set, --sweep and --only, for prelude.lua.
 */
#ifndef AMOR_RUNARGS_H
#define AMOR_RUNARGS_H

#include <lua.h>
#include <stddef.h>


/* What `amor run` was given (script_run's options). */
typedef struct script_opts {
    const char *script;          /* path of the .lua file */
    const char *outdir;          /* where runs.csv etc. go */
    const char *const *settings; /* "key=value" from --set */
    size_t nsettings;
    const char *const *sweeps;   /* "key=values" from --sweep */
    size_t nsweeps;
    const char *const *only;     /* "key=values" from --only */
    size_t nonly;
    int jobs;                    /* worker processes, 0 = in-process */
    int fresh;                   /* ignore the results the directory holds */
    int quiet;                   /* no per-cell lines, progress or tables */
    unsigned shard, nshards;     /* --shard shard/nshards (nshards 0: none);
                                    outdir is then the shard's directory */
    int merge;                   /* amor merge: cells from outdir's shards */
} script_opts;

/* Check o's --set, --sweep and --only against the settings amor knows (a
 * parameter's name is checked later, against each experiment's plugins)
 * and store them in the table on top of S as fields `set` and `only`, the
 * lists prelude.lua applies (runargs.c describes their entries).  0, or 1
 * with the message ("--sweep train.lr=1,x: train setting 'lr' must be a
 * number ...", a usage error of amor run) and S as it was. */
int runargs_push(lua_State *S, const script_opts *o, char *err, size_t errlen);

#endif
