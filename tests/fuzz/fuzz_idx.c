/*
 * fuzz_idx.c -- the IDX reader (plugins/common/idx.c, the VAE's
 * Fashion-MNIST files) on arbitrary bytes.  The first byte picks the
 * expected shape: bits 0-1 the number of dimensions - 1, bit 2 whether the
 * leading dimension is fixed (else any), bit 3 whether the others are fixed
 * at 2 (else any), bit 4 whether the rest of the input is gzip-compressed
 * here first (so mutations of plain IDX bytes reach the reader through
 * zlib too; a raw gzip stream in the input is read as it is).  An accepted
 * file is walked to its last byte.
 */
#include <stdint.h>
#include <zlib.h>

#include "amor.h"
#include "fuzz_util.h"
#include "idx.h"

static void done(void) { fz_cleanup("idx"); }

/* The reader allocates the data size its header promises (up to 16 GiB)
 * before reading any data: a known finding (reported), which would make
 * every such input an out-of-memory report and the rest crawl.  Inputs
 * whose header promises more than this are skipped, unless the reader
 * refuses them before allocating (beyond its 16 GiB cap). */
#define FZ_MAX_BYTES ((unsigned long long)1 << 24)

/* The data size the header of `path` promises (as the reader decodes it:
 * through zlib), 0 if it has no complete header. */
static unsigned long long promised(const char *path, size_t nd)
{
    unsigned char h[4 + 4 * AM_IDX_MAXDIMS];
    unsigned long long count = 1;
    size_t k;
    gzFile f = gzopen(path, "rb");
    int r;
    if (!f) return 0;
    r = gzread(f, h, (unsigned)(4 + 4 * nd));
    gzclose(f);
    if (r < (int)(4 + 4 * nd)) return 0;
    for (k = 0; k < nd; k++) {
        const unsigned char *p = h + 4 + 4 * k;
        count *= (unsigned long long)((uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
                                      (uint32_t)p[2] << 8 | p[3]);
        if (count > ((unsigned long long)1 << 34)) return 0; /* refused before allocating */
    }
    return count;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    atexit(done);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[AM_IDX_MAXDIMS] = {"images", "rows", NULL, NULL};
    am_idx_shape shape = {0, {0}, {NULL}, "fuzz hint"};
    char err[1024];
    unsigned char *z = NULL;
    const char *path;
    volatile unsigned sink = 0;
    am_idx x;
    size_t k, count = 1;
    int rc;

    if (!size) return 0;
    shape.ndims = (size_t)(data[0] & 3) + 1;
    for (k = 0; k < shape.ndims; k++) {
        shape.names[k] = names[k];
        if (k == 0) shape.dims[k] = data[0] & 4 ? 3 : 0;
        else shape.dims[k] = data[0] & 8 ? 2 : 0;
    }
    if (data[0] & 16) {
        uLongf zlen = compressBound((uLong)size) + 32;
        z_stream s;
        memset(&s, 0, sizeof s);
        if (!(z = malloc(zlen))) return 0;
        /* windowBits 15 + 16: a gzip wrapper, as gzopen expects */
        if (deflateInit2(&s, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
            free(z);
            return 0;
        }
        s.next_in = (Bytef *)(data + 1);
        s.avail_in = (uInt)(size - 1);
        s.next_out = z;
        s.avail_out = (uInt)zlen;
        rc = deflate(&s, Z_FINISH);
        deflateEnd(&s);
        if (rc != Z_STREAM_END) {
            free(z);
            return 0;
        }
        path = fz_file("idx", z, zlen - s.avail_out);
        free(z);
    } else {
        path = fz_file("idx", data + 1, size - 1);
    }
    if (!path) return 0;
    if (promised(path, shape.ndims) > FZ_MAX_BYTES) return 0;
    err[0] = 0;
    rc = am_idx_read(&x, path, &shape, err, sizeof err);
    if (rc == AMOR_OK) {
        if (x.ndims != shape.ndims) __builtin_trap();
        for (k = 0; k < x.ndims; k++) {
            if (!x.dims[k] || (shape.dims[k] && x.dims[k] != shape.dims[k])) __builtin_trap();
            count *= x.dims[k];
        }
        if (count != x.count) __builtin_trap();
        for (k = 0; k < x.count; k++) sink += x.data[k];
        am_idx_free(&x);
    } else {
        if (!err[0] || x.data || x.count) __builtin_trap(); /* nothing held on failure */
    }
    (void)sink;
    return 0;
}
