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
        return amor_errorf(err, errlen, AMOR_EINVAL, "cannot rename %s to %s: %s", tmp, path,
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
        return amor_errorf(err, errlen, AMOR_EINVAL, "cannot write %s: path too long", path);
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0)
        return amor_errorf(err, errlen, AMOR_EINVAL, "cannot write %s: %s", tmp, strerror(errno));
    while (off < len) {
        ssize_t w = write(fd, p + off, len - off);
        if (w < 0) {
            int e = errno;
            if (e == EINTR) continue;
            close(fd);
            unlink(tmp);
            return amor_errorf(err, errlen, AMOR_EINVAL, "cannot write %s: %s", tmp, strerror(e));
        }
        off += (size_t)w;
    }
    if (fsync(fd) || close(fd)) {
        int e = errno;
        unlink(tmp);
        return amor_errorf(err, errlen, AMOR_EINVAL, "cannot write %s: %s", tmp, strerror(e));
    }
    return fu_commit(tmp, path, err, errlen);
}

int fu_mkdirs(const char *dir, char *err, size_t errlen)
{
    char tmp[4096];
    size_t i, len = strlen(dir);
    if (len == 0 || len >= sizeof tmp)
        return amor_errorf(err, errlen, AMOR_EINVAL, "bad output directory '%s'", dir);
    memcpy(tmp, dir, len + 1);
    for (i = 1; i <= len; i++) {
        if (tmp[i] == '/' || tmp[i] == 0) {
            char c = tmp[i];
            tmp[i] = 0;
            if (mkdir(tmp, 0777) && errno != EEXIST)
                return amor_errorf(err, errlen, AMOR_EINVAL, "cannot create directory %s: %s",
                                   tmp, strerror(errno));
            tmp[i] = c;
        }
    }
    return 0;
}
