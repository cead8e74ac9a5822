/*
 * script.h -- running a Lua experiment script (see prelude.lua for the
 * experiment{...} grid syntax).
 */
#ifndef AMOR_SCRIPT_H
#define AMOR_SCRIPT_H

#include <stddef.h>

#include "loader.h"

#define AMOR_VERSION_STRING "0.1.0"

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
} script_opts;

/* Statuses a cell can end with, in the order the summary lists them. */
enum { SCRIPT_NSTATUS = 6 };

typedef struct script_outcome {
    int settings_error; /* a --set key or value refused before the script ran */
    int script_error;   /* the script raised an error (message below) */
    int interrupted;    /* SIGINT or SIGTERM ended the script (script_error too) */
    char message[4096]; /* Lua's message: "path:line: ..." plus traceback */
    size_t cells, failed;
    size_t status[SCRIPT_NSTATUS]; /* ok, diverged, error, crashed, timeout, oom */
    size_t resumed;     /* cells taken from earlier results */
    int figure_errors;
} script_outcome;

/* Run the script; returns non-zero when it raised an error. */
int script_run(const script_opts *o, loader *L, script_outcome *out);

#endif
