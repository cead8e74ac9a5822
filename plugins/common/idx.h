/*
 * idx.h -- reader of IDX files of unsigned bytes (the MNIST / Fashion-MNIST
 * format: magic 0x0000 0x08 ndims, ndims big-endian uint32 sizes, then the
 * bytes row-major), gzip-compressed or plain (zlib reads both).  Every
 * failure is a one-line message naming the file and, for a corrupt header,
 * the field.  Nothing prints or exits.
 */
#ifndef AMOR_IDX_H
#define AMOR_IDX_H

#include <stddef.h>

#define AM_IDX_MAXDIMS 4

typedef struct am_idx {
    size_t ndims;
    size_t dims[AM_IDX_MAXDIMS]; /* sizes from the header */
    size_t count;                /* product of dims */
    unsigned char *data;         /* (count) row-major, owned */
} am_idx;

/* The expected shape of a file: ndims sizes (0 = any), a name per dimension
 * for messages ("images", "rows", "columns"), and a hint appended to the
 * message when the file cannot be opened (e.g. which package provides it). */
typedef struct am_idx_shape {
    size_t ndims;                       /* 1 .. AM_IDX_MAXDIMS */
    size_t dims[AM_IDX_MAXDIMS];        /* wanted sizes, 0 = any (>= 1) */
    const char *names[AM_IDX_MAXDIMS];  /* NULL = "dimension k" */
    const char *missing_hint;           /* NULL = none */
} am_idx_shape;

/* Read all of `path` into *out (zeroed first).  Returns 0, or AMOR_EDATA
 * (missing, unreadable, corrupt: bad magic, a size that differs from the
 * shape, truncated data, trailing bytes, a damaged gzip stream) or
 * AMOR_ENOMEM, with the message in err.  On failure *out holds nothing. */
int am_idx_read(am_idx *out, const char *path, const am_idx_shape *shape,
                char *err, size_t errlen);
void am_idx_free(am_idx *x);

/* Bytes of `path` on disk (for cache keys); 0 if it cannot be stat'ed. */
unsigned long long am_file_size(const char *path);

#endif
