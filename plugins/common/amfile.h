/*
 * amfile.h -- the names of temporary files and their cleanup, shared by the
 * host (harness/fileutil.c) and the plugins (cache.c): one copy of the rule.
 *
 * A file is written whole into "<path>.tmp.<host>.<pid>" and renamed over
 * <path>.  The host name is in the temporary's name because a directory may
 * be shared between machines (NFS): a pid says whether a writer is alive
 * only on the host that wrote it, so a temporary is removed only by a
 * process on that host, once its writer is gone.
 */
#ifndef AMOR_AMFILE_H
#define AMOR_AMFILE_H

#include <stddef.h>
#include <stdio.h>

/* This host's name as it goes into temporary names: [A-Za-z0-9_-] only
 * (other characters become '_'), at most 64 characters, "localhost" when
 * gethostname fails.  Computed once. */
const char *am_host(void);

/* ".tmp.<host>.<pid>" of this process (a forked child has its own). */
const char *am_tmp_suffix(void);

/* "<path>.tmp.<host>.<pid>" into buf; non-zero if it does not fit. */
int am_tmp_path(char *buf, size_t len, const char *path);

/* Flush, fsync and close f (written to tmp), rename tmp over path: 0, or
 * -1 with errno set and tmp removed. */
int am_commit(FILE *f, const char *tmp, const char *path);

/* Remove, in dir, the temporaries "<name>.tmp.<this host>.<pid>" whose
 * <name> ends in one of exts (NULL-terminated, e.g. {".csv", NULL}) and
 * whose writer no longer runs.  Another host's, a live writer's and this
 * process's are left alone.  Returns how many it removed. */
size_t am_remove_stale_tmp(const char *dir, const char *const *exts);

/* mkdir -p dir: 0, or AMOR_EINVAL ("bad directory name") / AMOR_EDATA
 * ("cannot create directory DIR: reason") with the message in err. */
int am_mkdirs(const char *dir, char *err, size_t errlen);

#endif
