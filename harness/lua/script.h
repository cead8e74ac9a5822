/*
 * script.h -- running a Lua experiment script (see prelude.lua for the
 * experiment{...} grid syntax).
 */
#ifndef AMOR_SCRIPT_H
#define AMOR_SCRIPT_H

#include <stddef.h>

#include "cell.h"
#include "loader.h"

#include "runargs.h"
#include "version.h"


typedef struct script_outcome {
    int settings_error; /* a --set key or value refused before the script ran */
    int script_error;   /* the script raised an error (message below) */
    int interrupted;    /* SIGINT or SIGTERM ended the script (script_error too) */
    char message[4096]; /* Lua's message: "path:line: ..." plus traceback */
    size_t cells, failed;
    size_t status[CELL_NSTATUS]; /* cells per status (cell_status_names) */
    size_t resumed;     /* cells taken from earlier results */
    int figure_errors;
    size_t shards, shards_unfinished; /* amor merge: shards found, and those
                                         that did not finish */
} script_outcome;

/* Run the script; returns non-zero when it raised an error. */
int script_run(const script_opts *o, loader *L, script_outcome *out);

#endif
