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
 * gone (am_remove_stale_tmp).
 */
#ifndef AMOR_FILEUTIL_H
#define AMOR_FILEUTIL_H

#include <stddef.h>

/* Temporary names and their cleanup are plugins/common/amfile.h's (one
 * rule for the host and the plugins): am_tmp_path, am_tmp_suffix,
 * am_remove_stale_tmp, and mkdir -p: am_mkdirs. */
#include "amfile.h"

/* Every function here that writes or reads a file fails with one code,
 * AMOR_EDATA (the plugins' cache.c and amfile.c too); the message says
 * which file and why. */

/* Write data to path atomically (see above).  AMOR_EDATA with "cannot
 * write <file>: <reason>" on failure; nothing is left behind. */
int fu_write(const char *path, const void *data, size_t len, char *err, size_t errlen);

/* Rename tmp over path and sync the directory; on failure tmp is removed
 * and the message says "cannot rename <tmp> to <path>: ...". */
int fu_commit(const char *tmp, const char *path, char *err, size_t errlen);


/* What reading back one of amor's own files found. */
enum {
    FU_OK = 0,     /* there, and it passed every check */
    FU_ABSENT = 1, /* no such file: nothing to say */
    FU_REFUSED = 2 /* there but refused: err says "PATH: what failed" */
};

/* Open path for reading if it is a regular file and not a symbolic link
 * (without waiting for a FIFO's writer): the fd (O_NONBLOCK, close-on-exec),
 * or -1 with FU_ABSENT / FU_REFUSED in *why and a message. */
int fu_open_own(const char *path, int *why, char *err, size_t errlen);

/* The whole of a file amor wrote itself, into *buf (malloc'd, the caller
 * frees) and *len.  Only a regular file: a symbolic link (wherever it
 * points), a directory, a FIFO or a device is refused, and opening does not
 * wait for a FIFO's writer.  FU_OK, FU_ABSENT or FU_REFUSED
 * ("PATH: not a regular file (a FIFO)", "PATH: cannot read: ..."). */
int fu_read_own(const char *path, char **buf, size_t *len, char *err, size_t errlen);

#endif
