/*
 * loader.h -- finding and opening plugin shared objects, validating their
 * descriptors against the ABI, and looking plugins up by kind and name.
 * Every file is loaded and validated in a child process first (the probe),
 * so that a file whose constructor or entry point crashes, exits or hangs,
 * or whose descriptor points into unmapped memory, is refused with a message
 * naming it instead of ending amor.
 */
#ifndef AMOR_LOADER_H
#define AMOR_LOADER_H

#include "amor.h"

typedef struct loader loader;

/* One plugin found in a file. */
typedef struct loader_entry {
    const amor_plugin_head *head; /* points into the loaded object, or at
                                     `own` for an older minor version */
    amor_plugin_head *own;        /* zero-filled full-size copy, or NULL */
    const char *path;             /* the file it came from */
} loader_entry;

/* The size of the ABI 1.0 descriptor of a kind: the least the host accepts
 * (0 for an unknown kind). */
size_t loader_min_struct_size(uint32_t kind);

/* A zero-filled copy, of this header's full size, of a descriptor of known
 * kind (the first struct_size bytes copied), so that fields an older minor
 * version lacks read as NULL / 0; NULL when out of memory.  The caller frees
 * it.  The loader does this for every registered descriptor smaller than its
 * kind's struct. */
amor_plugin_head *loader_widen(const amor_plugin_head *h);

loader *loader_new(void);
void loader_free(loader *L);

/* Read AMOR_LOAD_TIMEOUT: the seconds a probe may go without progress in a
 * file (default 10; a positive number, fractions allowed).  Non-zero with a
 * message when the variable is set to anything else. */
int loader_configure(loader *L, char *err, size_t errlen);

/* Open one shared object and register every descriptor it exports.  On
 * failure returns non-zero with a message naming the file and the stage:
 * open (dlerror text), symbol, ABI version (both numbers), struct size,
 * kind, name, a duplicate name, or, from the probe, "crashed while loading
 * (SIGSEGV, Segmentation fault)", "exited with status 3 in
 * amor_plugin_descriptor(0)", "crashed while reading the name of descriptor
 * 0 (...)", "timed out while reading descriptor 1 ('foo') (...)".  Once a
 * descriptor's name has been read and found valid, the messages name the
 * plugin: "descriptor 0 (problem 'foo') has struct_size 48, ...". */
int loader_open_file(loader *L, const char *path, char *err, size_t errlen);

/* Whether path can be dlopen'ed and its descriptors' names read (what `amor
 * check` does in amor itself) without crashing, exiting or hanging: non-zero
 * with a message as above if not.  A file that fails to open or validate is
 * not the probe's to report: 0. */
int loader_probe_file(const loader *L, const char *path, char *err, size_t errlen);

/* Register every `*.so` under dir/problems, dir/models, dir/losses and dir
 * itself.  Files that fail to load are remembered (loader_broken) rather than
 * fatal, so one bad file does not hide the others.  A missing dir is fine.
 * All files are probed in one child (a new one after each file that
 * fails), then opened in amor. */
void loader_scan_dir(loader *L, const char *dir);

/* The default search path: <dir of the amor executable>/plugins (i.e.
 * build/plugins in a build tree, lib/amor/plugins when installed, via
 * ../lib/amor/plugins), then each directory of $AMOR_PLUGIN_PATH; scanned
 * as one, like a single loader_scan_dir. */
void loader_scan_default(loader *L, const char *exe_path);

/* Look up by kind (0 = any) and name.  A name containing '/' or ending in
 * ".so" is opened as a file first.  On failure the message names the plugin,
 * lists the known names of that kind, and mentions files that failed to load. */
const amor_plugin_head *loader_find(loader *L, uint32_t kind, const char *name,
                                    char *err, size_t errlen);

size_t loader_count(const loader *L);
const loader_entry *loader_get(const loader *L, size_t i);

/* Files that failed during scanning, with their messages. */
size_t loader_broken_count(const loader *L);
const char *loader_broken_message(const loader *L, size_t i);

const char *loader_kind_name(uint32_t kind);   /* "problem", "model", "loss" */
const char *loader_path_of(const loader *L, const amor_plugin_head *h);

#endif
