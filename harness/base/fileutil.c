/*
 * fileutil.c -- atomic whole-file writes and their temporary files (see
 * fileutil.h).
 */
#include "fileutil.h"

#include "amfile.h"
#include "amor.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* fsync the directory holding path, so the rename itself is on disk. */
static void sync_dir_of(const char *path)
{
    char dir[4096];
    const char *slash = strrchr(path, '/');
    int fd;
    if (!slash) snprintf(dir, sizeof dir, ".");
    else if (slash == path) snprintf(dir, sizeof dir, "/");
    else snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

int fu_commit(const char *tmp, const char *path, char *err, size_t errlen)
{
    if (rename(tmp, path)) {
        int e = errno;
        unlink(tmp);
        return amor_errorf(err, errlen, AMOR_EDATA, "cannot rename %s to %s: %s", tmp, path,
                           strerror(e));
    }
    sync_dir_of(path);
    return 0;
}

int fu_write(const char *path, const void *data, size_t len, char *err, size_t errlen)
{
    char tmp[4200];
    const char *p = data;
    size_t off = 0;
    int fd;
    if (am_tmp_path(tmp, sizeof tmp, path))
        return amor_errorf(err, errlen, AMOR_EDATA, "cannot write %s: path too long", path);
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0)
        return amor_errorf(err, errlen, AMOR_EDATA, "cannot write %s: %s", tmp, strerror(errno));
    while (off < len) {
        ssize_t w = write(fd, p + off, len - off);
        if (w < 0) {
            int e = errno;
            if (e == EINTR) continue;
            close(fd);
            unlink(tmp);
            return amor_errorf(err, errlen, AMOR_EDATA, "cannot write %s: %s", tmp, strerror(e));
        }
        off += (size_t)w;
    }
    if (fsync(fd) || close(fd)) {
        int e = errno;
        unlink(tmp);
        return amor_errorf(err, errlen, AMOR_EDATA, "cannot write %s: %s", tmp, strerror(e));
    }
    return fu_commit(tmp, path, err, errlen);
}

/* ---- reading back ------------------------------------------------------ */

static const char *file_kind(mode_t m)
{
    return S_ISDIR(m) ? "a directory" : S_ISFIFO(m) ? "a FIFO" : S_ISCHR(m) ? "a character device"
         : S_ISBLK(m) ? "a block device" : S_ISSOCK(m) ? "a socket" : "an unknown kind of file";
}

int fu_open_own(const char *path, int *why, char *err, size_t errlen)
{
    /* O_NOFOLLOW: a link is refused wherever it points; O_NONBLOCK: opening
     * a FIFO would otherwise wait for a writer before fstat could refuse it
     * (it changes nothing for the reads of a regular file) */
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC), e = errno;
    struct stat st;
    *why = FU_REFUSED;
    if (fd < 0) {
        if (e == ENOENT) {
            *why = FU_ABSENT;
            return -1;
        }
        if (e == ELOOP && lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
            amor_errorf(err, errlen, AMOR_EDATA, "%s: not a regular file (a symbolic link)", path);
        else
            amor_errorf(err, errlen, AMOR_EDATA, "%s: cannot read: %s", path, strerror(e));
        return -1;
    }
    if (fstat(fd, &st)) {
        amor_errorf(err, errlen, AMOR_EDATA, "%s: cannot read: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        amor_errorf(err, errlen, AMOR_EDATA, "%s: not a regular file (%s)", path,
                    file_kind(st.st_mode));
        close(fd);
        return -1;
    }
    return fd;
}

int fu_read_own(const char *path, char **buf, size_t *len, char *err, size_t errlen)
{
    size_t n = 0, cap = 0;
    char *b = NULL;
    int why, fd = fu_open_own(path, &why, err, errlen);
    *buf = NULL;
    *len = 0;
    if (fd < 0) return why;
    for (;;) {
        ssize_t got;
        if (n == cap) {
            size_t nc = cap ? 2 * cap : 65536;
            char *q = realloc(b, nc + 1);
            if (!q) {
                amor_errorf(err, errlen, AMOR_ENOMEM, "%s: out of memory", path);
                goto fail;
            }
            b = q;
            cap = nc;
        }
        got = read(fd, b + n, cap - n);
        if (got == 0) break;
        if (got < 0) {
            if (errno == EINTR) continue;
            amor_errorf(err, errlen, AMOR_EDATA, "%s: cannot read: %s", path, strerror(errno));
            goto fail;
        }
        n += (size_t)got;
    }
    close(fd);
    b[n] = 0;
    *buf = b;
    *len = n;
    return FU_OK;
fail:
    free(b);
    close(fd);
    return FU_REFUSED;
}
