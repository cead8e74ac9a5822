/*
 * cache.c -- keyed on-disk cache entries (see cache.h).  Layout: "AMORCACH",
 * key length (8 bytes) and key, payload length (8 bytes) and payload, then
 * the FNV-1a checksum of everything before it (8 bytes), native byte order.
 * A file is checked in this order: a regular file; the magic; the lengths
 * its header gives against its size; the checksum; the key; the payload's
 * size.
 */
#include "cache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "amfile.h"
#include "amor.h"

#define MAGIC "AMORCACH"

void am_cache_path(char *buf, size_t len, const char *dir, const char *prefix,
                   const char *key)
{
    snprintf(buf, len, "%s/%s-%016llx.bin", dir, prefix,
             (unsigned long long)am_fnv1a(AM_FNV_START, key, strlen(key)));
}

static size_t total_len(const am_cache_part *parts, size_t nparts)
{
    size_t k, n = 0;
    for (k = 0; k < nparts; k++) n += parts[k].len;
    return n;
}

static uint64_t u64_at(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

/* The checks of am_cache_load on an entry's bytes: 0, or a message saying
 * what is wrong (without the path). */
static int check_entry(const unsigned char *b, size_t len, const char *key, size_t plen,
                       char *why, size_t whylen)
{
    size_t klen = strlen(key);
    uint64_t fk, fp, sum;
    if (memcmp(b, MAGIC, len < 8 ? len : 8))
        return amor_errorf(why, whylen, AMOR_EDATA,
                           "not an amor cache file (it does not start with %s)", MAGIC);
    if (len < 16 || (fk = u64_at(b + 8)) > len - 16 || len - 16 - fk < 16)
        return amor_errorf(why, whylen, AMOR_EDATA,
                           "truncated: %zu bytes, it ends inside the header", len);
    fp = u64_at(b + 16 + fk);
    if (fp > len - 16 - fk - 16)
        return amor_errorf(why, whylen, AMOR_EDATA,
                           "truncated: %zu bytes, but its header promises %llu bytes of data", len,
                           (unsigned long long)fp);
    if (len > 16 + fk + 8 + fp + 8)
        return amor_errorf(why, whylen, AMOR_EDATA, "%llu unexpected bytes after the checksum",
                           (unsigned long long)(len - (16 + fk + 8 + fp + 8)));
    sum = am_fnv1a(AM_FNV_START, b, len - 8);
    if (u64_at(b + len - 8) != sum)
        return amor_errorf(why, whylen, AMOR_EDATA,
                           "checksum mismatch (stored %016llx, computed %016llx)",
                           (unsigned long long)u64_at(b + len - 8), (unsigned long long)sum);
    if (fk != klen || memcmp(b + 16, key, klen))
        return amor_errorf(why, whylen, AMOR_EDATA, "holds the entry of another key (%.*s%s)",
                           (int)(fk < 120 ? fk : 120), (const char *)b + 16,
                           fk < 120 ? "" : "...");
    if (fp != plen)
        return amor_errorf(why, whylen, AMOR_EDATA, "holds %llu bytes of data, this entry has %zu",
                           (unsigned long long)fp, plen);
    return 0;
}

/* path's bytes if it is a regular file (not a symbolic link, wherever it
 * points; opening does not wait for a FIFO's writer): 0, 1 if there is no
 * such file, or -1 with a message. */
static int read_entry(const char *path, unsigned char **buf, size_t *len, char *why,
                      size_t whylen)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC), e = errno;
    struct stat st;
    size_t n = 0;
    *buf = NULL;
    if (fd < 0) {
        if (e == ENOENT) return 1;
        if (e == ELOOP && lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
            snprintf(why, whylen, "not a regular file (a symbolic link)");
        else
            snprintf(why, whylen, "cannot read: %s", strerror(e));
        return -1;
    }
    if (fstat(fd, &st)) {
        snprintf(why, whylen, "cannot read: %s", strerror(errno));
        close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(why, whylen, "not a regular file (%s)",
                 S_ISDIR(st.st_mode) ? "a directory" : S_ISFIFO(st.st_mode) ? "a FIFO"
                                                                           : "a device or socket");
        close(fd);
        return -1;
    }
    if (!(*buf = malloc((size_t)st.st_size + 1))) {
        snprintf(why, whylen, "out of memory");
        close(fd);
        return -1;
    }
    while (n < (size_t)st.st_size) {
        ssize_t got = read(fd, *buf + n, (size_t)st.st_size - n);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            snprintf(why, whylen, "cannot read: %s", strerror(errno));
            close(fd);
            return -1;
        }
        if (got == 0) break;
        n += (size_t)got;
    }
    close(fd);
    *len = n;
    return 0;
}

int am_cache_load(const char *path, const char *key, const am_cache_part *parts,
                  size_t nparts)
{
    size_t plen = total_len(parts, nparts), len = 0, off, k;
    unsigned char *b = NULL;
    char why[512];
    int rc = read_entry(path, &b, &len, why, sizeof why);
    if (rc == 0 && check_entry(b, len, key, plen, why, sizeof why)) rc = -1;
    if (rc == 0) {
        off = 16 + strlen(key) + 8;
        for (k = 0; k < nparts; k++) {
            memcpy(parts[k].p, b + off, parts[k].len);
            off += parts[k].len;
        }
    } else if (rc < 0) {
        /* the one thing plugin code prints (see cache.h) */
        fprintf(stderr, "amor: warning: %s: %s; computing it again\n", path, why);
    }
    free(b);
    return rc != 0;
}

int am_cache_store(const char *path, const char *key, const am_cache_part *parts,
                   size_t nparts, char *err, size_t errlen)
{
    char tmp[4200], dir[4096];
    const char *slash = strrchr(path, '/');
    uint64_t klen = strlen(key), plen = total_len(parts, nparts), sum = AM_FNV_START;
    size_t k;
    FILE *f;
    int ok, rc;
    if (slash && slash != path) {
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
        if ((rc = am_mkdirs(dir, err, errlen))) return rc;
        static const char *const bin[] = {".bin", NULL};
        am_remove_stale_tmp(dir, bin); /* of writers killed meanwhile */
    }
    if (am_tmp_path(tmp, sizeof tmp, path))
        return amor_errorf(err, errlen, AMOR_EDATA, "cannot write cache file '%s': path too long",
                           path);
    if (!(f = fopen(tmp, "wb")))
        return amor_errorf(err, errlen, AMOR_EDATA, "cannot write cache file '%s': %s", tmp,
                           strerror(errno));
    sum = am_fnv1a(sum, MAGIC, 8);
    sum = am_fnv1a(sum, &klen, 8);
    sum = am_fnv1a(sum, key, klen);
    sum = am_fnv1a(sum, &plen, 8);
    for (k = 0; k < nparts; k++) sum = am_fnv1a(sum, parts[k].p, parts[k].len);
    ok = fwrite(MAGIC, 1, 8, f) == 8 && fwrite(&klen, 8, 1, f) == 1 &&
         fwrite(key, 1, klen, f) == klen && fwrite(&plen, 8, 1, f) == 1;
    for (k = 0; ok && k < nparts; k++)
        ok = fwrite(parts[k].p, 1, parts[k].len, f) == parts[k].len;
    ok = ok && fwrite(&sum, 8, 1, f) == 1;
    if (!ok) {
        int e = errno;
        fclose(f);
        remove(tmp);
        return amor_errorf(err, errlen, AMOR_EDATA, "cannot write cache file '%s': %s", path,
                           strerror(e));
    }
    if (am_commit(f, tmp, path))
        return amor_errorf(err, errlen, AMOR_EDATA, "cannot write cache file '%s': %s", path,
                           strerror(errno));
    return AMOR_OK;
}
