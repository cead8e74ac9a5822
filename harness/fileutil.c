/*
 * fileutil.c -- atomic whole-file writes and their temporary files (see
 * fileutil.h).
 */
#include "fileutil.h"

#include "amor.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *fu_host(void)
{
    static char host[65];
    char raw[256];
    size_t i;
    if (host[0]) return host;
    if (gethostname(raw, sizeof raw) != 0 || !raw[0]) snprintf(raw, sizeof raw, "localhost");
    raw[sizeof raw - 1] = 0;
    for (i = 0; raw[i] && i + 1 < sizeof host; i++) {
        char c = raw[i];
        host[i] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                          c == '-' || c == '_' ? c : '_';
    }
    host[i] = 0;
    return host;
}

const char *fu_tmp_suffix(void)
{
    /* per process: a forked worker has a pid of its own */
    static char suffix[96];
    static pid_t pid;
    if (pid != getpid()) {
        pid = getpid();
        snprintf(suffix, sizeof suffix, ".tmp.%s.%ld", fu_host(), (long)pid);
    }
    return suffix;
}

int fu_tmp_path(char *buf, size_t len, const char *path)
{
    int n = snprintf(buf, len, "%s%s", path, fu_tmp_suffix());
    return n < 0 || (size_t)n >= len;
}

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
    if (fu_tmp_path(tmp, sizeof tmp, path))
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

/* name = <stem>.tmp.<host>.<pid> with <stem> ending in one of exts: the
 * writer's pid, or 0 when name is not such a temporary of this host. */
static long tmp_writer(const char *name, const char *const *exts)
{
    const char *host = fu_host(), *t = NULL, *s;
    size_t hl = strlen(host), k;
    char *end;
    long pid;
    for (s = name; (s = strstr(s, ".tmp.")); s++) t = s; /* the last one */
    if (!t || strncmp(t + 5, host, hl) || t[5 + hl] != '.') return 0;
    s = t + 6 + hl;
    if (*s < '1' || *s > '9') return 0;
    errno = 0;
    pid = strtol(s, &end, 10);
    if (*end || errno || pid <= 0) return 0;
    for (k = 0; exts[k]; k++) {
        size_t el = strlen(exts[k]);
        if ((size_t)(t - name) > el && !strncmp(t - el, exts[k], el)) return pid;
    }
    return 0;
}

size_t fu_remove_stale_tmp(const char *dir, const char *const *exts)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t n = 0;
    if (!d) return 0;
    while ((e = readdir(d))) {
        char path[4200];
        long pid = tmp_writer(e->d_name, exts);
        if (!pid || pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH) continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (unlink(path) == 0) n++;
    }
    closedir(d);
    return n;
}
