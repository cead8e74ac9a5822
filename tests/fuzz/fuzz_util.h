/*
 * fuzz_util.h -- what the libFuzzer harnesses share (make fuzz; see
 * tests/fuzz/README.md): the input written to a file for readers that take
 * a path.  Include in one .c file.
 */
#ifndef AMOR_FUZZ_UTIL_H
#define AMOR_FUZZ_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A file of this process (one per harness process, rewritten for every
 * input) holding len bytes of data; its path, or NULL. */
static const char *fz_file(const char *tag, const void *data, size_t len)
{
    static char path[256];
    FILE *f;
    if (!path[0]) {
        const char *dir = getenv("TMPDIR");
        snprintf(path, sizeof path, "%s/amor-fuzz-%s-%ld", dir && *dir ? dir : "/tmp", tag,
                 (long)getpid());
    }
    if (!(f = fopen(path, "wb"))) return NULL;
    if (len && fwrite(data, 1, len, f) != len) {
        fclose(f);
        return NULL;
    }
    return fclose(f) ? NULL : path;
}

/* Remove the file at exit. */
static void fz_cleanup(const char *tag)
{
    char path[256];
    const char *dir = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/amor-fuzz-%s-%ld", dir && *dir ? dir : "/tmp", tag,
             (long)getpid());
    unlink(path);
}

#endif
