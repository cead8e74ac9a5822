/*
 * amfile.c -- temporary file names and their cleanup (see amfile.h).
 */
#include "amfile.h"

#include "amor.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *am_host(void)
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

const char *am_tmp_suffix(void)
{
    static char suffix[96];
    static pid_t pid;
    if (pid != getpid()) {
        pid = getpid();
        snprintf(suffix, sizeof suffix, ".tmp.%s.%ld", am_host(), (long)pid);
    }
    return suffix;
}

int am_tmp_path(char *buf, size_t len, const char *path)
{
    int n = snprintf(buf, len, "%s%s", path, am_tmp_suffix());
    return n < 0 || (size_t)n >= len;
}

int am_commit(FILE *f, const char *tmp, const char *path)
{
    int ok = fflush(f) == 0 && !ferror(f) && fsync(fileno(f)) == 0, e;
    ok = fclose(f) == 0 && ok;
    if (ok && rename(tmp, path) == 0) return 0;
    e = errno;
    remove(tmp);
    errno = e;
    return -1;
}

/* name = <stem>.tmp.<host>.<pid> with <stem> ending in one of exts: the
 * writer's pid, or 0 when name is not such a temporary of this host. */
static long tmp_writer(const char *name, const char *const *exts)
{
    const char *host = am_host(), *t = NULL, *s;
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

size_t am_remove_stale_tmp(const char *dir, const char *const *exts)
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

int am_mkdirs(const char *dir, char *err, size_t errlen)
{
    char buf[4096];
    size_t i, len = strlen(dir);
    if (len == 0 || len >= sizeof buf)
        return amor_errorf(err, errlen, AMOR_EINVAL, "bad directory name '%s'", dir);
    memcpy(buf, dir, len + 1);
    for (i = 1; i <= len; i++) {
        if (buf[i] != '/' && buf[i] != 0) continue;
        buf[i] = 0;
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return amor_errorf(err, errlen, AMOR_EDATA, "cannot create directory %s: %s", buf,
                               strerror(errno));
        buf[i] = dir[i];
    }
    return AMOR_OK;
}
