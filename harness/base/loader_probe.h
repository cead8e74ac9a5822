/*
 * loader_probe.h -- the loader's probe: plugin files opened in a child
 * process first, whose progress amor follows through a pipe, so that a file
 * that crashes, exits or hangs while it is loaded is reported, naming the
 * step, instead of taking amor down.  What "opening" means (dlopen,
 * validation) is the loader's (loader.c); this is only the child process.
 */
#ifndef AMOR_LOADER_PROBE_H
#define AMOR_LOADER_PROBE_H

#include <stddef.h>
#include <stdint.h>

/* The steps the child announces before taking them (loader_probe_step). */
enum {
    LOADER_STEP_OPEN = 1, /* dlopen: the file's constructors run */
    LOADER_STEP_ENTRY,    /* the entry point, for descriptor `index` */
    LOADER_STEP_NAME,     /* reading the name of descriptor `index` */
    LOADER_STEP_READ      /* validating and reading descriptor `index` */
};

/* The child's end of the pipe; NULL in amor itself. */
typedef struct loader_probe_out loader_probe_out;

/* Announce a step (a no-op with po NULL, so one function can open a file in
 * amor and in the child); `name`: the descriptor's name once it has been
 * read and found valid, else NULL, so that what goes wrong next names the
 * plugin ("crashed while reading descriptor 0 ('foo')"). */
void loader_probe_step(const loader_probe_out *po, uint32_t step, uint32_t index,
                       const char *name);

enum {
    LOADER_PROBE_PENDING, /* to be probed */
    LOADER_PROBE_OK,      /* fine (or unprobed: no process for a probe) */
    LOADER_PROBE_REFUSED, /* `open` refused it: msg */
    LOADER_PROBE_FAILED,  /* crashed, exited or hung: msg */
    LOADER_PROBE_LOADED   /* fine, and opened in amor by `passed` */
};

typedef struct loader_probe {
    const char *path; /* as named: messages */
    const char *real; /* resolved: what to open */
    int state;        /* LOADER_PROBE_* */
    char *msg;        /* why, when refused or failed (malloc'd; NULL when out of memory) */
} loader_probe;

/* Opens one file in the child, announcing each step on po: 0, or non-zero
 * with a message in err (the file is refused). */
typedef int (*loader_probe_open_fn)(const loader_probe_out *po, const char *path,
                                    const char *real, char *err, size_t errlen);

/* Open each pending file of p (in order) with `open` in a child process, one
 * child for all of them while none fails, and set its state: OK, REFUSED
 * (with open's message) or FAILED, when the child crashed, exited or made no
 * progress (no step announced) for `timeout` seconds in it -- "<path>:
 * crashed while loading (SIGSEGV, Segmentation fault)", "<path>: exited
 * with status 3 in amor_plugin_descriptor(0)", "<path>: crashed while
 * reading the name of descriptor 0 (...)", "<path>: timed out while reading
 * descriptor 1 ('foo') (...)"; a new child goes on with the next file.
 * `passed`, if given, is called in amor as soon as a file is found fine (to
 * open it there while the child goes on).  Without a pipe or a process the
 * rest stay unprobed (OK). */
void loader_probe_files(loader_probe *p, size_t n, double timeout, loader_probe_open_fn open,
                        void (*passed)(void *ctx, loader_probe *q), void *ctx);

#endif
