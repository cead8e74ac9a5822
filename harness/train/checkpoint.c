/*
 * checkpoint.c -- theta files (see checkpoint.h for the format and the
 * order of the checks): encoding, decoding with a message for each way a
 * file can be wrong, atomic writing.
 */
#include "checkpoint.h"

#include "amhash.h"
#include "amor.h"
#include "csvread.h"
#include "fileutil.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- encoding -------------------------------------------------------------- */

static void put_le(sbuf *b, uint64_t v, int bytes)
{
    unsigned char c[8];
    int i;
    for (i = 0; i < bytes; i++) c[i] = (unsigned char)(v >> (8 * i));
    sb_add(b, c, (size_t)bytes);
}

static void put_str(sbuf *b, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    put_le(b, n, 4);
    sb_add(b, s ? s : "", n);
}

void checkpoint_encode(const checkpoint *ck, sbuf *b)
{
    size_t i, start = b->len;
    sb_add(b, CHECKPOINT_MAGIC, 8);
    put_le(b, ck->format, 4);
    put_le(b, ck->abi, 4);
    put_str(b, ck->key);
    put_str(b, ck->model);
    put_le(b, ck->n, 8);
    put_str(b, ck->params);
    put_le(b, ck->nx, 8);
    put_le(b, ck->ny, 8);
    for (i = 0; i < ck->n; i++) {
        uint64_t u;
        memcpy(&u, &ck->theta[i], sizeof u);
        put_le(b, u, 8);
    }
    if (!b->oom) put_le(b, am_fnv1a(AM_FNV_START, b->p + start, b->len - start), 8);
}

/* ---- decoding -------------------------------------------------------------- */

typedef struct rd {
    const unsigned char *p;
    size_t len, at;
    const char *short_at; /* the field the file ended in, or NULL */
} rd;

static int have(rd *R, size_t n, const char *what)
{
    if (R->short_at) return 0;
    if (n > R->len - R->at) {
        R->short_at = what;
        return 0;
    }
    return 1;
}

static uint64_t get_le(rd *R, int bytes, const char *what)
{
    uint64_t v = 0;
    int i;
    if (!have(R, (size_t)bytes, what)) return 0;
    for (i = bytes - 1; i >= 0; i--) v = (v << 8) | R->p[R->at + (size_t)i];
    R->at += (size_t)bytes;
    return v;
}

static char *get_str(rd *R, const char *what)
{
    uint64_t n = get_le(R, 4, what);
    char *s;
    if (!have(R, (size_t)n, what)) return NULL;
    if (!(s = malloc((size_t)n + 1))) return NULL;
    memcpy(s, R->p + R->at, (size_t)n);
    s[n] = 0;
    R->at += (size_t)n;
    return s;
}

int checkpoint_decode(const void *buf, size_t len, const char *path, checkpoint *ck, char *err,
                      size_t errlen)
{
    rd R = {buf, len, 0, NULL};
    uint64_t n, sum;
    size_t i;
    memset(ck, 0, sizeof *ck);
    if (len < 8 ? memcmp(buf, CHECKPOINT_MAGIC, len) != 0 : memcmp(buf, CHECKPOINT_MAGIC, 8) != 0)
        return amor_errorf(err, errlen, AMOR_EDATA,
                           "checkpoint %s: not an amor checkpoint (it does not start with %s)",
                           path, CHECKPOINT_MAGIC);
    if (len < 8)
        return amor_errorf(err, errlen, AMOR_EDATA,
                           "checkpoint %s: truncated: %zu bytes, it ends inside the magic", path,
                           len);
    R.at = 8;
    ck->format = (uint32_t)get_le(&R, 4, "the format version");
    if (!R.short_at && ck->format != CHECKPOINT_VERSION)
        return amor_errorf(err, errlen, AMOR_EDATA,
                           "checkpoint %s: format version %u, this amor reads version %u", path,
                           (unsigned)ck->format, CHECKPOINT_VERSION);
    ck->abi = (uint32_t)get_le(&R, 4, "the ABI version");
    ck->key = get_str(&R, "the cell key");
    ck->model = get_str(&R, "the model name");
    n = get_le(&R, 8, "the parameter count");
    ck->params = get_str(&R, "the model parameters");
    ck->nx = get_le(&R, 8, "the dimensions");
    ck->ny = get_le(&R, 8, "the dimensions");
    if (!R.short_at && (!ck->key || !ck->model || !ck->params))
        return amor_errorf(err, errlen, AMOR_ENOMEM, "checkpoint %s: out of memory", path);
    if (R.short_at)
        return amor_errorf(err, errlen, AMOR_EDATA,
                           "checkpoint %s: truncated: %zu bytes, it ends inside %s", path, len,
                           R.short_at);
    /* what the header promises: n doubles and the checksum */
    if (n > (len - R.at) / 8 || len - R.at - 8 * n < 8) {
        char all[64] = "";
        if (n < (uint64_t)1 << 56)
            snprintf(all, sizeof all, " (%llu bytes in all)",
                     (unsigned long long)(R.at + 8 * n + 8));
        return amor_errorf(err, errlen, AMOR_EDATA,
                           "checkpoint %s: truncated: %zu bytes, but its header promises %llu "
                           "parameters%s", path, len, (unsigned long long)n, all);
    }
    if (len - R.at - 8 * n > 8)
        return amor_errorf(err, errlen, AMOR_EDATA,
                           "checkpoint %s: %llu unexpected bytes after the checksum (%llu "
                           "parameters take %llu bytes in all, the file has %zu)", path,
                           (unsigned long long)(len - R.at - 8 * n - 8), (unsigned long long)n,
                           (unsigned long long)(R.at + 8 * n + 8), len);
    sum = am_fnv1a(AM_FNV_START, buf, len - 8);
    R.at = len - 8;
    ck->checksum = get_le(&R, 8, "the checksum");
    if (ck->checksum != sum)
        return amor_errorf(err, errlen, AMOR_EDATA,
                           "checkpoint %s: checksum mismatch (stored %016llx, computed %016llx): "
                           "the file is corrupted", path, (unsigned long long)ck->checksum,
                           (unsigned long long)sum);
    if (ck->abi != AMOR_ABI_VERSION)
        return amor_errorf(err, errlen, AMOR_EDATA,
                           "checkpoint %s: written by an amor with plugin ABI version %u, this "
                           "amor has ABI version %u", path, (unsigned)ck->abi, AMOR_ABI_VERSION);
    R.at = len - 8 - 8 * (size_t)n;
    if (!(ck->theta = malloc((size_t)n * sizeof *ck->theta + 1)))
        return amor_errorf(err, errlen, AMOR_ENOMEM, "checkpoint %s: out of memory", path);
    for (i = 0; i < (size_t)n; i++) {
        uint64_t u = get_le(&R, 8, "theta");
        memcpy(&ck->theta[i], &u, sizeof u);
    }
    ck->n = (size_t)n;
    return 0;
}

/* The key a file name of amor's (<16 hex digits>.amor) says, or NULL. */
static const char *name_key(const char *path, char *key)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strlen(base) != 16 + 5 || strcmp(base + 16, ".amor") ||
        strspn(base, "0123456789abcdef") != 16)
        return NULL;
    memcpy(key, base, 16);
    key[16] = 0;
    return key;
}

/* Was ck saved by cell `key`? */
static int check_key(const checkpoint *ck, const char *path, const char *key, char *err,
                     size_t errlen)
{
    if (!strcmp(ck->key, key)) return 0;
    if (!ck->key[0])
        return amor_errorf(err, errlen, AMOR_EDATA,
                           "checkpoint %s: saved by no cell, but its name says cell %s", path,
                           key);
    return amor_errorf(err, errlen, AMOR_EDATA,
                       "checkpoint %s: saved by cell %.64s, but its name says cell %s", path,
                       ck->key, key);
}

int checkpoint_read(const char *path, checkpoint *ck, char *err, size_t errlen)
{
    char key[17];
    char *buf;
    size_t len;
    /* only regular files: /dev/zero would be read without end, and opening
     * a FIFO would wait for a writer (csvread.h) */
    int rc = csv_slurp_regular(path, &buf, &len);
    memset(ck, 0, sizeof *ck);
    if (rc == CSV_NOT_REGULAR)
        return amor_errorf(err, errlen, AMOR_EDATA, "checkpoint %s: not a regular file", path);
    if (rc == CSV_NO_MEMORY)
        return amor_errorf(err, errlen, AMOR_ENOMEM, "checkpoint %s: out of memory", path);
    if (rc == CSV_READ_ERROR)
        return amor_errorf(err, errlen, AMOR_EDATA, "checkpoint %s: cannot read", path);
    if (rc)
        return amor_errorf(err, errlen, AMOR_EDATA, "checkpoint %s: cannot read: %s", path,
                           strerror(rc));
    rc = checkpoint_decode(buf, len, path, ck, err, errlen);
    free(buf);
    if (!rc && name_key(path, key)) rc = check_key(ck, path, key, err, errlen);
    return rc;
}

int checkpoint_verify(const char *path, const char *key, char *err, size_t errlen)
{
    char *buf, why[4400];
    size_t len;
    checkpoint ck;
    int rc = fu_read_own(path, &buf, &len, why, sizeof why);
    if (rc) {
        if (rc == FU_REFUSED) amor_errorf(err, errlen, AMOR_EDATA, "checkpoint %s", why);
        return rc;
    }
    rc = FU_OK;
    if (checkpoint_decode(buf, len, path, &ck, err, errlen) ||
        check_key(&ck, path, key, err, errlen))
        rc = FU_REFUSED;
    checkpoint_free(&ck);
    free(buf);
    return rc;
}

int checkpoint_write(const char *path, const char *key, const char *model, const char *params,
                     size_t nx, size_t ny, const double *theta, size_t n, char *err,
                     size_t errlen)
{
    checkpoint ck = {CHECKPOINT_VERSION, AMOR_ABI_VERSION, (char *)key, (char *)model,
                     (char *)params, nx, ny, n, (double *)theta, 0};
    sbuf b = {0};
    char dir[4096];
    const char *slash = strrchr(path, '/');
    int rc;
    if (slash && (size_t)(slash - path) < sizeof dir && slash > path) {
        memcpy(dir, path, (size_t)(slash - path));
        dir[slash - path] = 0;
        if (am_mkdirs(dir, err, errlen)) return 1;
    }
    checkpoint_encode(&ck, &b);
    if (b.oom) {
        free(b.p);
        return amor_errorf(err, errlen, AMOR_ENOMEM, "checkpoint %s: out of memory", path);
    }
    rc = fu_write(path, b.p, b.len, err, errlen);
    free(b.p);
    return rc;
}

size_t checkpoint_first_nonfinite(const checkpoint *ck, size_t *count)
{
    size_t i, first = ck->n, bad = 0;
    for (i = 0; i < ck->n; i++)
        if (!isfinite(ck->theta[i])) {
            if (!bad++) first = i;
        }
    if (count) *count = bad;
    return first;
}

void checkpoint_free(checkpoint *ck)
{
    free(ck->key);
    free(ck->model);
    free(ck->params);
    free(ck->theta);
    memset(ck, 0, sizeof *ck);
}
