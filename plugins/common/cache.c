/*
 * cache.c -- keyed on-disk cache entries (see cache.h).  Layout: "AMORCACH",
 * key length (8 bytes) and key, payload length (8 bytes) and payload, then
 * the FNV-1a checksum of everything before it (8 bytes), native byte order.
 */
#include "cache.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "amor.h"

#define MAGIC "AMORCACH"

uint64_t am_fnv1a(uint64_t h, const void *p, size_t len)
{
    const unsigned char *b = p;
    size_t i;
    for (i = 0; i < len; i++) h = (h ^ b[i]) * 0x100000001b3ull;
    return h;
}

void am_cache_path(char *buf, size_t len, const char *dir, const char *prefix,
                   const char *key)
{
    snprintf(buf, len, "%s/%s-%016llx.bin", dir, prefix,
             (unsigned long long)am_fnv1a(AM_FNV_START, key, strlen(key)));
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
            return amor_errorf(err, errlen, AMOR_EDATA, "cannot create directory '%s': %s", buf,
                               strerror(errno));
        buf[i] = dir[i];
    }
    return AMOR_OK;
}

static size_t total_len(const am_cache_part *parts, size_t nparts)
{
    size_t k, n = 0;
    for (k = 0; k < nparts; k++) n += parts[k].len;
    return n;
}

int am_cache_load(const char *path, const char *key, const am_cache_part *parts,
                  size_t nparts)
{
    size_t klen = strlen(key), plen = total_len(parts, nparts), want, off, k;
    unsigned char *b = NULL;
    uint64_t v, sum;
    long len;
    int miss = 1;
    FILE *f = fopen(path, "rb");
    if (!f) return 1;
    want = 8 + 8 + klen + 8 + plen + 8;
    if (fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 || (size_t)len != want ||
        fseek(f, 0, SEEK_SET) || !(b = malloc(want)) || fread(b, 1, want, f) != want)
        goto out;
    memcpy(&sum, b + want - 8, 8);
    if (memcmp(b, MAGIC, 8) || am_fnv1a(AM_FNV_START, b, want - 8) != sum) goto out;
    memcpy(&v, b + 8, 8);
    if (v != klen || memcmp(b + 16, key, klen)) goto out;
    off = 16 + klen;
    memcpy(&v, b + off, 8);
    if (v != plen) goto out;
    off += 8;
    for (k = 0; k < nparts; k++) {
        memcpy(parts[k].p, b + off, parts[k].len);
        off += parts[k].len;
    }
    miss = 0;
out:
    free(b);
    fclose(f);
    return miss;
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
    }
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
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
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        int e = errno;
        remove(tmp);
        return amor_errorf(err, errlen, AMOR_EDATA, "cannot write cache file '%s': %s", path,
                           strerror(e));
    }
    return AMOR_OK;
}
