/*
 * fileutil.h -- files amor writes: whole files replaced atomically, the
 * names of their temporary files, and removing the temporaries of writers
 * that died.
 *
 * A file is written as <path>.tmp.<host>.<pid>, flushed to disk (fsync) and
 * renamed over <path>, and the directory is synced: a reader sees the old
 * file or the new one, never part of one, and a crash leaves at most a
 * temporary file.  The host name is in the temporary's name because a
 * results directory may be shared between machines (NFS): a pid says
 * whether a writer is alive only on the host that wrote it, so a temporary
 * is removed only by a process on that host, and only once its writer is
 * gone (fu_remove_stale_tmp).
 */
#ifndef AMOR_FILEUTIL_H
#define AMOR_FILEUTIL_H

#include <stddef.h>

/* This host's name as it goes into temporary names: [A-Za-z0-9_-] only
 * (other characters become '_'), at most 64 characters, "localhost" when
 * gethostname fails.  Computed once. */
const char *fu_host(void);

/* "<path>.tmp.<host>.<pid>" into buf; non-zero if it does not fit. */
int fu_tmp_path(char *buf, size_t len, const char *path);

/* The suffix alone, ".tmp.<host>.<pid>". */
const char *fu_tmp_suffix(void);

/* Write data to path atomically (see above).  AMOR_EINVAL with "cannot
 * write <file>: <reason>" on failure; nothing is left behind. */
int fu_write(const char *path, const void *data, size_t len, char *err, size_t errlen);

/* Rename tmp over path and sync the directory; on failure tmp is removed
 * and the message says "cannot rename <tmp> to <path>: ...". */
int fu_commit(const char *tmp, const char *path, char *err, size_t errlen);

/* mkdir -p. */
int fu_mkdirs(const char *dir, char *err, size_t errlen);

/* Remove, in dir, the temporary files "<name>.tmp.<this host>.<pid>" whose
 * <name> ends in one of exts (e.g. {".csv", ".cell", NULL}) and whose
 * writer (pid) no longer runs.  Temporaries of other hosts, of live
 * writers and of this process are left alone.  Returns how many it
 * removed. */
size_t fu_remove_stale_tmp(const char *dir, const char *const *exts);

#endif
