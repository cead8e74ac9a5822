/*
 * loader.h -- finding and opening plugin shared objects, validating their
 * descriptors against the ABI, and looking plugins up by kind and name.
 */
#ifndef AMOR_LOADER_H
#define AMOR_LOADER_H

#include "amor.h"

typedef struct loader loader;

/* One plugin found in a file. */
typedef struct loader_entry {
    const amor_plugin_head *head; /* points into the loaded object */
    const char *path;             /* the file it came from */
} loader_entry;

loader *loader_new(void);
void loader_free(loader *L);

/* Open one shared object and register every descriptor it exports.  On
 * failure returns non-zero with a message naming the file and the stage:
 * open (dlerror text), symbol, ABI version (both numbers), struct size,
 * kind, name, or a duplicate name. */
int loader_open_file(loader *L, const char *path, char *err, size_t errlen);

/* Register every `*.so` under dir/problems, dir/models, dir/losses and dir
 * itself.  Files that fail to load are remembered (loader_broken) rather than
 * fatal, so one bad file does not hide the others.  A missing dir is fine. */
void loader_scan_dir(loader *L, const char *dir);

/* The default search path: <dir of the amor executable>/plugins (i.e.
 * build/plugins in a build tree, lib/amor/plugins when installed, via
 * ../lib/amor/plugins), then each directory of $AMOR_PLUGIN_PATH. */
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
