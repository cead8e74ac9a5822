/*
 * idx.c -- IDX reader over zlib (see idx.h).
 */
#include "idx.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "amor.h"

#define IDX_UBYTE 0x08u
#define IDX_MAX_BYTES ((size_t)1 << 34) /* refuse absurd headers (16 GiB) */

unsigned long long am_file_size(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) return 0;
    return (unsigned long long)st.st_size;
}

/* gzread exactly len bytes (len may exceed unsigned); returns bytes read,
 * or -1 on a stream error. */
static long long read_full(gzFile f, unsigned char *buf, size_t len)
{
    size_t got = 0;
    while (got < len) {
        size_t want = len - got > (1u << 30) ? (1u << 30) : len - got;
        int r = gzread(f, buf + got, (unsigned)want);
        if (r < 0) return -1;
        if (r == 0) break;
        got += (size_t)r;
    }
    return (long long)got;
}

static const char *gz_message(gzFile f)
{
    int code;
    const char *m = gzerror(f, &code);
    return code == Z_ERRNO ? strerror(errno) : m;
}

static void dim_name(const am_idx_shape *s, size_t k, char *buf, size_t len)
{
    if (k < AM_IDX_MAXDIMS && s->names[k]) snprintf(buf, len, "%s", s->names[k]);
    else snprintf(buf, len, "dimension %zu", k + 1);
}

/* "60000 x 28 x 28" */
static void shape_text(const size_t *dims, size_t nd, char *buf, size_t len)
{
    size_t k, used = 0;
    buf[0] = 0;
    for (k = 0; k < nd && used < len; k++) {
        int w = snprintf(buf + used, len - used, "%s%zu", k ? " x " : "", dims[k]);
        if (w < 0) break;
        used += (size_t)w;
    }
}

int am_idx_read(am_idx *out, const char *path, const am_idx_shape *shape,
                char *err, size_t errlen)
{
    unsigned char head[4 + 4 * AM_IDX_MAXDIMS], extra;
    size_t nd = shape->ndims, k, count = 1;
    long long r;
    char name[64], txt[128];
    uint32_t magic, want_magic;
    gzFile f;

    memset(out, 0, sizeof *out);
    if (nd < 1 || nd > AM_IDX_MAXDIMS)
        return amor_errorf(err, errlen, AMOR_EINVAL, "idx: %zu dimensions requested", nd);
    {   /* a FIFO would block, a directory read as garbage */
        struct stat st;
        if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
            return amor_errorf(err, errlen, AMOR_EDATA, "cannot read '%s': not a regular file",
                               path);
    }
    errno = 0;
    f = gzopen(path, "rb");
    if (!f)
        return amor_errorf(err, errlen, AMOR_EDATA, "cannot open '%s': %s%s%s", path,
                           errno ? strerror(errno) : "out of memory",
                           shape->missing_hint ? "; " : "",
                           shape->missing_hint ? shape->missing_hint : "");
    gzbuffer(f, 1u << 17);
    r = read_full(f, head, 4 + 4 * nd);
    if (r < 0) {
        amor_errorf(err, errlen, AMOR_EDATA, "'%s': %s", path, gz_message(f));
        gzclose(f);
        return AMOR_EDATA;
    }
    magic = (uint32_t)head[0] << 24 | (uint32_t)head[1] << 16 | (uint32_t)head[2] << 8 | head[3];
    want_magic = IDX_UBYTE << 8 | (uint32_t)nd;
    if (r < 4 || magic != want_magic) {
        if (r < 4)
            amor_errorf(err, errlen, AMOR_EDATA,
                        "'%s': corrupt IDX header: field 'magic' is truncated (%lld of 4 bytes)",
                        path, r);
        else
            amor_errorf(err, errlen, AMOR_EDATA,
                        "'%s': corrupt IDX header: field 'magic' is 0x%08x, want 0x%08x "
                        "(unsigned bytes, %zu dimensions)", path, (unsigned)magic,
                        (unsigned)want_magic, nd);
        gzclose(f);
        return AMOR_EDATA;
    }
    for (k = 0; k < nd; k++) {
        const unsigned char *p = head + 4 + 4 * k;
        size_t d;
        dim_name(shape, k, name, sizeof name);
        if (r < (long long)(8 + 4 * k)) {
            amor_errorf(err, errlen, AMOR_EDATA,
                        "'%s': corrupt IDX header: field '%s' (size %zu of %zu) is truncated",
                        path, name, k + 1, nd);
            gzclose(f);
            return AMOR_EDATA;
        }
        d = (size_t)((uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]);
        if (d == 0 || (shape->dims[k] && d != shape->dims[k]) || count > IDX_MAX_BYTES / d) {
            if (shape->dims[k] && d != shape->dims[k])
                amor_errorf(err, errlen, AMOR_EDATA,
                            "'%s': corrupt IDX header: field '%s' (size %zu of %zu) is %zu, want %zu",
                            path, name, k + 1, nd, d, shape->dims[k]);
            else
                amor_errorf(err, errlen, AMOR_EDATA,
                            "'%s': corrupt IDX header: field '%s' (size %zu of %zu) is %zu%s",
                            path, name, k + 1, nd, d, d ? ", too large" : ", want >= 1");
            gzclose(f);
            return AMOR_EDATA;
        }
        out->dims[k] = d;
        count *= d;
    }
    out->ndims = nd;
    out->count = count;
    /* deflate expands at most ~1032:1, so a file this small cannot hold the
     * data its header promises: say so before allocating for it */
    {
        unsigned long long fsz = am_file_size(path);
        if (fsz && (unsigned long long)count > fsz * 1100ull + 4096ull) {
            shape_text(out->dims, nd, txt, sizeof txt);
            gzclose(f);
            memset(out, 0, sizeof *out);
            return amor_errorf(err, errlen, AMOR_EDATA,
                               "'%s': truncated data: the header says %s (%zu bytes), more "
                               "than a %llu-byte file can hold",
                               path, txt, count, fsz);
        }
    }
    out->data = malloc(count);
    if (!out->data) {
        gzclose(f);
        memset(out, 0, sizeof *out);
        return amor_errorf(err, errlen, AMOR_ENOMEM, "'%s': out of memory for %zu bytes", path,
                           count);
    }
    r = read_full(f, out->data, count);
    shape_text(out->dims, nd, txt, sizeof txt);
    if (r >= 0 && (size_t)r < count) {
        amor_errorf(err, errlen, AMOR_EDATA,
                    "'%s': truncated data: %lld of %zu bytes (the header says %s)", path, r,
                    count, txt);
        r = -2;
    } else if (r >= 0 && (r = read_full(f, &extra, 1)) == 1) {
        amor_errorf(err, errlen, AMOR_EDATA,
                    "'%s': trailing bytes after the %zu data bytes (the header says %s)", path,
                    count, txt);
        r = -2;
    }
    if (r == -1) amor_errorf(err, errlen, AMOR_EDATA, "'%s': %s", path, gz_message(f));
    if (r < 0) {
        gzclose(f);
        am_idx_free(out);
        return AMOR_EDATA;
    }
    gzclose(f);
    return AMOR_OK;
}

void am_idx_free(am_idx *x)
{
    if (!x) return;
    free(x->data);
    memset(x, 0, sizeof *x);
}
