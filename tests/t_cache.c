/*
 * t_cache.c -- plugins' on-disk cache entries (plugins/common/cache.h, the
 * VAE's trained decoder): an entry round-trips; every flipped bit, every
 * truncation, trailing bytes, another key's entry under this name, another
 * payload size, a symbolic link, a FIFO (without waiting for a writer) and a
 * directory are a miss with a warning on stderr naming the file and what is
 * wrong; no file is a miss without one; storing replaces a link or a FIFO
 * without touching what the link points to.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cache.h"
#include "tap.h"

static char dir[256], path[512], warned[4096];

#define KEY "t_cache entry v1 n=5 double=8"

static double d_in[5] = {1.5, -0.0, 3.25e-300, 1e300, -7}, d_out[5];
static int32_t i_in[3] = {1, -2, 2147483647}, i_out[3];

static const am_cache_part in_parts[2] = {{d_in, sizeof d_in}, {i_in, sizeof i_in}};
static const am_cache_part out_parts[2] = {{d_out, sizeof d_out}, {i_out, sizeof i_out}};

/* am_cache_load with stderr captured into warned[]. */
static int load(const char *p, const char *key, const am_cache_part *parts, size_t nparts)
{
    FILE *t = tmpfile();
    int saved, rc;
    size_t n;
    fflush(stderr);
    saved = dup(2);
    if (!t || saved < 0 || dup2(fileno(t), 2) < 0) {
        printf("Bail out! cannot capture stderr\n");
        exit(1);
    }
    memset(d_out, 0, sizeof d_out);
    memset(i_out, 0, sizeof i_out);
    rc = am_cache_load(p, key, parts, nparts);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    rewind(t);
    n = fread(warned, 1, sizeof warned - 1, t);
    warned[n] = 0;
    fclose(t);
    return rc;
}

/* A miss with exactly one warning "amor: warning: PATH: ...want...; computing it again". */
static int miss_warned(const char *want)
{
    char head[600];
    int rc = load(path, KEY, out_parts, 2), ok;
    size_t n = strlen(warned);
    snprintf(head, sizeof head, "amor: warning: %s: ", path);
    ok = rc == 1 && !strncmp(warned, head, strlen(head)) && strstr(warned, want) &&
         n > 0 && strstr(warned, "; computing it again\n") == warned + n - 21 &&
         !strchr(warned, '\n')[1];
    if (!ok) tap_diag("got rc %d, stderr '%s'; want a miss and a warning with '%s'", rc, warned, want);
    return ok;
}

static unsigned char *slurp(const char *p, size_t *len)
{
    FILE *f = fopen(p, "rb");
    unsigned char *b = malloc(1 << 16);
    *len = f ? fread(b, 1, 1 << 16, f) : 0;
    if (f) fclose(f);
    return b;
}

static void spew(const char *p, const void *b, size_t len)
{
    FILE *f;
    unlink(p);
    f = fopen(p, "wb");
    if (!f || fwrite(b, 1, len, f) != len || fclose(f)) {
        printf("Bail out! cannot write %s\n", p);
        exit(1);
    }
}

static int store(const char *p, const char *key, const am_cache_part *parts)
{
    char err[512];
    int rc = am_cache_store(p, key, parts, 2, err, sizeof err);
    if (rc) tap_diag("store: %s", err);
    return rc;
}

int main(void)
{
    char other[600], elsewhere[600], err[512];
    unsigned char *file, *c;
    size_t len, i, klen = strlen(KEY);
    int ok, bit;

    alarm(60); /* a FIFO that blocked the reader would hang the test */
    snprintf(dir, sizeof dir, "/tmp/amor-t_cache-XXXXXX");
    if (!mkdtemp(dir)) {
        printf("Bail out! mkdtemp failed\n");
        return 1;
    }
    snprintf(elsewhere, sizeof elsewhere, "%s/cache", dir);
    am_cache_path(path, sizeof path, elsewhere, "t", KEY);

    tap_ok(load(path, KEY, out_parts, 2) == 1 && !warned[0], "no file: a miss, nothing printed");
    tap_ok(store(path, KEY, in_parts) == 0, "store (creating the directory)");
    ok = load(path, KEY, out_parts, 2) == 0 && !warned[0] && !memcmp(d_out, d_in, sizeof d_in) &&
         !memcmp(i_out, i_in, sizeof i_in);
    tap_ok(ok, "load: a hit, both parts back bit for bit, nothing printed");
    file = slurp(path, &len);
    tap_ok(len == 8 + 8 + klen + 8 + sizeof d_in + sizeof i_in + 8 && !memcmp(file, "AMORCACH", 8),
           "layout: magic, key length and key, payload length and payload, checksum");
    c = malloc(len + 1);

    /* ---- every flipped bit; past the lengths it is the checksum */
    {
        int all = 1, sum = 1;
        for (i = 0; i < len; i++)
            for (bit = 0; bit < 8; bit++) {
                int lenfield = (i >= 8 && i < 16) || (i >= 16 + klen && i < 24 + klen);
                memcpy(c, file, len);
                c[i] ^= (unsigned char)(1u << bit);
                spew(path, c, len);
                all &= miss_warned("");
                if (i >= 8 && !lenfield) sum &= miss_warned(": checksum mismatch (stored ");
            }
        tap_ok(all, "each of the %zu single-bit flips is a miss with a warning", 8 * len);
        tap_ok(sum, "in the key, the payload or the checksum: 'checksum mismatch'");
    }
    memcpy(c, file, len);
    c[0] = 'X';
    spew(path, c, len);
    tap_ok(miss_warned(": not an amor cache file (it does not start with AMORCACH)"), "another magic");

    /* ---- truncated, trailing bytes */
    ok = 1;
    for (i = 0; i < len; i++) {
        spew(path, file, i);
        ok &= miss_warned(": truncated: ");
    }
    tap_ok(ok, "each of the %zu truncations: 'truncated'", len);
    memcpy(c, file, len);
    c[len] = 0;
    spew(path, c, len + 1);
    tap_ok(miss_warned(": 1 unexpected bytes after the checksum"), "a byte after the checksum");

    /* ---- another key's entry under this name; another payload size */
    am_cache_path(other, sizeof other, elsewhere, "t", "t_cache entry v2 n=5 double=8");
    ok = store(other, "t_cache entry v2 n=5 double=8", in_parts) == 0 && rename(other, path) == 0;
    tap_ok(ok && miss_warned(": holds the entry of another key (t_cache entry v2 n=5 double=8)"),
           "an entry renamed from another key's name is a miss, naming that key");
    spew(path, file, len);
    ok = load(path, KEY, out_parts, 1) == 1 &&
         strstr(warned, ": holds 52 bytes of data, this entry has 40; computing it again") != NULL;
    if (!tap_ok(ok, "another payload size is a miss, naming both")) tap_diag("%s", warned);

    /* ---- not a regular file */
    snprintf(elsewhere, sizeof elsewhere, "%s/elsewhere.bin", dir);
    spew(elsewhere, file, len);
    unlink(path);
    ok = symlink(elsewhere, path) == 0;
    tap_ok(ok && miss_warned(": not a regular file (a symbolic link)"),
           "a symbolic link to an intact entry is a miss");
    ok = store(path, KEY, in_parts) == 0 && load(path, KEY, out_parts, 2) == 0;
    {
        struct stat st;
        size_t l2;
        unsigned char *e = slurp(elsewhere, &l2);
        ok = ok && lstat(path, &st) == 0 && S_ISREG(st.st_mode) && l2 == len && !memcmp(e, file, len);
        free(e);
    }
    tap_ok(ok, "store replaces the link by the entry, leaving what it pointed to alone");
    unlink(path);
    ok = mkfifo(path, 0600) == 0;
    tap_ok(ok && miss_warned(": not a regular file (a FIFO)"),
           "a FIFO is a miss, without waiting for a writer");
    ok = store(path, KEY, in_parts) == 0 && load(path, KEY, out_parts, 2) == 0 && !warned[0];
    tap_ok(ok, "store replaces the FIFO; the next load is a hit");
    unlink(path);
    ok = mkdir(path, 0700) == 0;
    tap_ok(ok && miss_warned(": not a regular file (a directory)"), "a directory is a miss");
    tap_ok(am_cache_store(path, KEY, in_parts, 2, err, sizeof err) != 0 && strstr(err, path),
           "storing over a directory fails, naming it");
    rmdir(path);

    /* ---- temporaries of killed writers: this host's dead ones go, nothing else */
    {
        char host[65], raw[256], name[5][900];
        const int gone[5] = {1, 0, 0, 0, 0};
        pid_t dead = fork();
        size_t k;
        int all = 1;
        if (dead == 0) _exit(0);
        waitpid(dead, NULL, 0); /* a pid no process has now */
        if (gethostname(raw, sizeof raw) != 0) snprintf(raw, sizeof raw, "localhost");
        raw[sizeof raw - 1] = 0;
        for (k = 0; raw[k] && k + 1 < sizeof host; k++)
            host[k] = (raw[k] >= 'a' && raw[k] <= 'z') || (raw[k] >= 'A' && raw[k] <= 'Z') ||
                              (raw[k] >= '0' && raw[k] <= '9') || raw[k] == '-' || raw[k] == '_'
                          ? raw[k] : '_';
        host[k] = 0;
        snprintf(name[0], sizeof name[0], "%s.tmp.%s.%ld", path, host, (long)dead);
        snprintf(name[1], sizeof name[1], "%s.tmp.other-host.%ld", path, (long)dead);
        snprintf(name[2], sizeof name[2], "%s.tmp.%s.%ld", path, host, (long)getppid());
        snprintf(name[3], sizeof name[3], "%.*s/notes.txt.tmp.%s.%ld",
                 (int)(strrchr(path, '/') - path), path, host, (long)dead);
        snprintf(name[4], sizeof name[4], "%s.tmp.%s.x%ld", path, host, (long)dead);
        for (k = 0; k < 5; k++) {
            FILE *f = fopen(name[k], "w");
            if (f) fclose(f);
        }
        tap_ok(store(path, KEY, in_parts) == 0, "store beside leftover temporaries");
        for (k = 0; k < 5; k++) {
            int there = access(name[k], F_OK) == 0;
            if (there == gone[k]) {
                all = 0;
                tap_diag("%s: %s", name[k], there ? "still there" : "removed");
            }
            unlink(name[k]);
        }
        tap_ok(all, "a dead writer's temporary of this host is removed; another host's, a "
                    "live writer's, another kind of file's and a malformed name are kept");
    }

    free(c);
    free(file);
    {
        char cmd[600];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd) != 0) tap_diag("could not remove %s", dir);
    }
    return tap_done();
}
