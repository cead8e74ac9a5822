/*
 * t_checkpoint.c -- the checkpoint file format (harness/checkpoint.h): theta
 * and its description round-trip bit for bit through a file; the layout is
 * the documented one; every truncation, every flipped byte, trailing bytes,
 * another magic, format version or ABI version is refused with its message;
 * a file named after one cell's key holding another's is refused; what
 * resume checks (checkpoint_verify) refuses a symbolic link, a FIFO
 * (without waiting), a directory, a damaged file and another cell's.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include "amhash.h"
#include "amor.h"
#include "checkpoint.h"
#include "fileutil.h"
#include "stored.h"
#include "tap.h"

#define KEY "0123456789abcdef"

static int same_bits(double a, double b) { return !memcmp(&a, &b, sizeof a); }

static uint64_t le(const unsigned char *p, int bytes)
{
    uint64_t v = 0;
    int i;
    for (i = bytes - 1; i >= 0; i--) v = (v << 8) | p[i];
    return v;
}

static checkpoint sample(double *theta, size_t n)
{
    size_t i;
    uint64_t nan_payload = 0x7ff8000000000123ull;
    for (i = 0; i < n; i++) theta[i] = sin(1.0 + (double)i) * pow(10.0, (double)(i % 7) - 3);
    theta[0] = -0.0;
    memcpy(&theta[1], &nan_payload, sizeof theta[1]);
    theta[2] = INFINITY;
    theta[3] = 5e-324; /* smallest subnormal */
    return (checkpoint){CHECKPOINT_VERSION, AMOR_ABI_VERSION, KEY, "mlp",
                        "mlp(hidden=8,activation=tanh)", 3, 2, n, theta, 0};
}

static int decode_fails_with(const unsigned char *buf, size_t len, const char *want)
{
    checkpoint ck;
    char err[512] = "";
    int rc = checkpoint_decode(buf, len, "f.amor", &ck, err, sizeof err);
    int ok = rc != 0 && strstr(err, want) != NULL && !strncmp(err, "checkpoint f.amor: ", 19);
    checkpoint_free(&ck);
    if (!ok) tap_diag("len %zu: got rc %d, message '%s'; want one containing '%s'", len, rc, err, want);
    return ok;
}

/* checkpoint_verify(path, key) is refused with "checkpoint PATH: ...want..." */
static int verify_refuses(const char *path, const char *key, const char *want)
{
    char err[1024] = "", head[512];
    int rc = checkpoint_verify(path, key, err, sizeof err);
    int ok;
    snprintf(head, sizeof head, "checkpoint %s: ", path);
    ok = rc == STORED_REFUSED && !strncmp(err, head, strlen(head)) && strstr(err, want);
    if (!ok) tap_diag("got rc %d, message '%s'; want one starting '%s' with '%s'", rc, err, head, want);
    return ok;
}

/* A checkpoint is the one its cell saved: a file named after one key holding
 * another's is refused (checkpoint_read, for train.init_from); and what
 * resume checks before it skips a cell that saves its model. */
static void test_names_and_verify(const double *theta, size_t n)
{
    char dir[128], a[256], b[256], other[256], err[1024];
    checkpoint ck;
    int ok;
    FILE *f;
    alarm(60); /* a FIFO that blocked the reader would hang the test: end it instead */
    snprintf(dir, sizeof dir, "/tmp/amor-t-checkpoint-v-%ld", (long)getpid());
    snprintf(a, sizeof a, "%s/models/" KEY ".amor", dir);
    snprintf(b, sizeof b, "%s/models/fedcba9876543210.amor", dir);
    snprintf(other, sizeof other, "%s/models/best.amor", dir);
    ok = checkpoint_write(a, KEY, "mlp", "mlp()", 3, 2, theta, n, err, sizeof err) == 0 &&
         checkpoint_write(b, "fedcba9876543210", "mlp", "mlp()", 3, 2, theta, n, err, sizeof err) == 0;
    if (!tap_ok(ok, "two cells' checkpoints written")) tap_diag("%s", err);
    tap_ok(checkpoint_verify(a, KEY, err, sizeof err) == STORED_OK, "verify: the cell's own checkpoint");
    tap_ok(checkpoint_verify(other, KEY, err, sizeof err) == STORED_ABSENT, "verify: no file is STORED_ABSENT");
    ok = rename(b, other) == 0 && checkpoint_read(other, &ck, err, sizeof err) == 0;
    checkpoint_free(&ck);
    tap_ok(ok, "read: a checkpoint under a name of the user's is read whatever cell saved it");

    /* swap: a's content under b's name */
    ok = rename(a, b) == 0 && checkpoint_read(b, &ck, err, sizeof err) != 0 &&
         strstr(err, "checkpoint ") && strstr(err, "fedcba9876543210.amor: saved by cell " KEY
                                                   ", but its name says cell fedcba9876543210");
    checkpoint_free(&ck);
    if (!tap_ok(ok, "read: a file renamed to another cell's checkpoint name is refused")) tap_diag("%s", err);
    tap_ok(verify_refuses(b, "fedcba9876543210", "saved by cell " KEY ", but its name says cell fedcba9876543210"),
           "verify: the same, naming both keys");
    ok = rename(b, a) == 0 && symlink(a, b) == 0;
    tap_ok(ok && verify_refuses(b, "fedcba9876543210", "not a regular file (a symbolic link)"),
           "verify: a symbolic link is refused");
    unlink(b);
    ok = mkfifo(b, 0600) == 0;
    tap_ok(ok && verify_refuses(b, "fedcba9876543210", "not a regular file (a FIFO)"),
           "verify: a FIFO is refused without waiting for a writer");
    unlink(b);
    ok = mkdir(b, 0700) == 0;
    tap_ok(ok && verify_refuses(b, "fedcba9876543210", "not a regular file (a directory)"),
           "verify: a directory is refused");
    rmdir(b);
    {
        int byte;
        ok = (f = fopen(a, "r+b")) != NULL && fseek(f, -20, SEEK_END) == 0 &&
             (byte = fgetc(f)) != EOF && fseek(f, -20, SEEK_END) == 0 && fputc(byte ^ 0x08, f) != EOF;
    }
    if (f) fclose(f);
    tap_ok(ok && verify_refuses(a, KEY, "checksum mismatch"), "verify: a damaged theta is refused");
    ok = truncate(a, 50) == 0;
    tap_ok(ok && verify_refuses(a, KEY, "truncated: 50 bytes"), "verify: a truncated file is refused");
    unlink(a);
    unlink(other);
    snprintf(a, sizeof a, "%s/models", dir);
    rmdir(a);
    rmdir(dir);
}

int main(void)
{
    double theta[41];
    checkpoint in = sample(theta, 41), out;
    sbuf b = {0};
    char err[512], path[256], dir[128];
    size_t i, n = 41, hdr;
    int ok;

    checkpoint_encode(&in, &b);
    tap_ok(!b.oom, "encode");

    /* ---- layout: the documented fields at their offsets */
    hdr = 8 + 4 + 4 + 4 + 16 + 4 + 3 + 8 + 4 + strlen(in.params) + 8 + 8;
    tap_ok(b.len == hdr + 8 * n + 8, "length: header %zu + 8 n + 8 (got %zu)", hdr, b.len);
    ok = !memcmp(b.p, "AMORCKPT", 8) && le((unsigned char *)b.p + 8, 4) == 2 &&
         le((unsigned char *)b.p + 12, 4) == AMOR_ABI_VERSION && le((unsigned char *)b.p + 16, 4) == 16 &&
         !memcmp(b.p + 20, KEY, 16) && le((unsigned char *)b.p + 36, 4) == 3 &&
         !memcmp(b.p + 40, "mlp", 3) && le((unsigned char *)b.p + 43, 8) == n &&
         le((unsigned char *)b.p + 51, 4) == strlen(in.params) &&
         !memcmp(b.p + 55, in.params, strlen(in.params)) &&
         le((unsigned char *)b.p + hdr - 16, 8) == 3 && le((unsigned char *)b.p + hdr - 8, 8) == 2;
    tap_ok(ok, "layout: magic, version 2, ABI, cell key, name, count, parameters text, nx, ny");
    {
        uint64_t bits;
        memcpy(&bits, &theta[5], 8);
        tap_ok(le((unsigned char *)b.p + hdr + 40, 8) == bits, "theta[5] as little-endian IEEE bits");
    }
    tap_ok(le((unsigned char *)b.p + b.len - 8, 8) == am_fnv1a(AM_FNV_START, b.p, b.len - 8),
           "the last 8 bytes: FNV-1a of everything before them");
    tap_ok(am_fnv1a(AM_FNV_START, "a", 1) == 0xaf63dc4c8601ec8cull, "FNV-1a 64 of \"a\" (reference value)");

    /* ---- round trip through a file */
    snprintf(dir, sizeof dir, "/tmp/amor-t-checkpoint-%ld", (long)getpid());
    snprintf(path, sizeof path, "%s/models/x.amor", dir);
    if (!tap_ok(checkpoint_write(path, KEY, in.model, in.params, 3, 2, theta, n, err, sizeof err) == 0,
           "write (creates the directory)")) tap_diag("%s", err);
    if (!tap_ok(checkpoint_read(path, &out, err, sizeof err) == 0, "read back")) tap_diag("%s", err);
    {   /* writing fails with one code, AMOR_EDATA, whatever stops it */
        char bad[400];
        int rc1, rc2, rc3;
        snprintf(bad, sizeof bad, "%s/models/x.amor/below.amor", dir); /* a file as a directory */
        rc1 = checkpoint_write(bad, KEY, in.model, in.params, 3, 2, theta, n, err, sizeof err);
        snprintf(bad, sizeof bad, "%s/models", dir); /* a directory in the file's place */
        rc2 = checkpoint_write(bad, KEY, in.model, in.params, 3, 2, theta, n, err, sizeof err);
        rc3 = fu_write("/proc/version", "x", 1, err, sizeof err); /* cannot be replaced */
        if (!tap_ok(rc1 == AMOR_EDATA && rc2 == AMOR_EDATA && rc3 == AMOR_EDATA,
                    "a write that cannot be done fails with AMOR_EDATA (a file as directory, "
                    "a directory as file, a read-only place)"))
            tap_diag("%d %d %d: %s", rc1, rc2, rc3, err);
    }
    ok = out.n == n && out.nx == 3 && out.ny == 2 && out.model && !strcmp(out.model, "mlp") &&
         out.params && !strcmp(out.params, in.params) && out.abi == AMOR_ABI_VERSION &&
         out.format == 2 && out.key && !strcmp(out.key, KEY);
    tap_ok(ok, "cell key, name, parameters text, count and dimensions round-trip");
    ok = out.theta != NULL;
    for (i = 0; ok && i < n; i++) ok = same_bits(out.theta[i], theta[i]);
    tap_ok(ok, "theta round-trips bit for bit (-0, a NaN payload, Inf, a subnormal)");
    tap_ok(out.checksum == le((unsigned char *)b.p + b.len - 8, 8), "the checksum is reported");
    checkpoint_free(&out);
    {
        FILE *f = fopen(path, "rb");
        unsigned char buf[2048];
        size_t got = f ? fread(buf, 1, sizeof buf, f) : 0;
        if (f) fclose(f);
        tap_ok(got == b.len && !memcmp(buf, b.p, got), "the file holds exactly the encoding");
    }
    unlink(path);
    snprintf(path, sizeof path, "%s/models", dir);
    rmdir(path);
    rmdir(dir);
    if (!tap_ok(checkpoint_read("/nonexistent/x.amor", &out, err, sizeof err) != 0 &&
               strstr(err, "checkpoint /nonexistent/x.amor: cannot read: No such file"),
           "a missing file: 'cannot read' with the path")) tap_diag("%s", err);
    checkpoint_free(&out);

    /* ---- truncation at every length */
    ok = 1;
    for (i = 0; i < b.len; i++) ok &= decode_fails_with((unsigned char *)b.p, i, "truncated");
    tap_ok(ok, "each of the %zu truncations: 'truncated'", b.len);
    snprintf(err, sizeof err, "truncated: %zu bytes, but its header promises 41 parameters (%zu bytes in all)",
             hdr + 8 * 10, b.len);
    ok = decode_fails_with((unsigned char *)b.p, hdr + 8 * 10, err);
    tap_ok(ok, "a cut inside theta names the size and what the header promises");
    ok = decode_fails_with((unsigned char *)b.p, 30, "ends inside the cell key") &&
         decode_fails_with((unsigned char *)b.p, 48, "ends inside the parameter count");
    tap_ok(ok, "a cut inside the header names the field");

    /* ---- every flipped byte is refused; inside theta it is the checksum */
    {
        unsigned char *c = malloc(b.len + 16);
        int all = 1, sum = 1;
        memcpy(c, b.p, b.len);
        for (i = 0; i < b.len; i++) {
            checkpoint ck;
            char e2[512] = "";
            c[i] ^= 0x5a;
            all &= checkpoint_decode(c, b.len, "f.amor", &ck, e2, sizeof e2) != 0;
            checkpoint_free(&ck);
            if (i >= hdr) sum &= decode_fails_with(c, b.len, "checksum mismatch");
            c[i] ^= 0x5a;
        }
        tap_ok(all, "each of the %zu single-byte corruptions is refused", b.len);
        tap_ok(sum, "a corrupted theta or checksum: 'checksum mismatch ... the file is corrupted'");
        c[b.len] = 0;
        tap_ok(decode_fails_with(c, b.len + 1, "1 unexpected bytes after the checksum"),
               "trailing bytes are refused");
        memcpy(c, "AMORCKPX", 8);
        tap_ok(decode_fails_with(c, b.len, "not an amor checkpoint (it does not start with AMORCKPT)"),
               "another magic");
        free(c);
    }

    /* ---- another format version, another ABI (with a valid checksum) */
    {
        sbuf v = {0};
        checkpoint o = in;
        o.format = 3;
        checkpoint_encode(&o, &v);
        tap_ok(decode_fails_with((unsigned char *)v.p, v.len, "format version 3, this amor reads version 2"),
               "format version 3 is refused with both versions");
        /* format 1: no key after the ABI version */
        memmove(v.p + 16, v.p + 36, v.len - 36);
        v.p[8] = 1;
        tap_ok(decode_fails_with((unsigned char *)v.p, v.len - 20, "format version 1, this amor reads version 2"),
               "format version 1 (earlier amors', without the cell key) is refused as stale");
        free(v.p);
        memset(&v, 0, sizeof v);
        o = in;
        o.abi = AMOR_ABI_VERSION + 1;
        checkpoint_encode(&o, &v);
        snprintf(err, sizeof err, "plugin ABI version %u, this amor has ABI version %u",
                 AMOR_ABI_VERSION + 1, AMOR_ABI_VERSION);
        tap_ok(decode_fails_with((unsigned char *)v.p, v.len, err), "another ABI major version is refused with both");
        free(v.p);
    }
    {
        checkpoint z = sample(theta, 4), r;
        sbuf v = {0};
        z.n = 0;
        checkpoint_encode(&z, &v);
        if (!tap_ok(checkpoint_decode(v.p, v.len, "z", &r, err, sizeof err) == 0 && r.n == 0,
               "a model without parameters round-trips")) tap_diag("%s", err);
        checkpoint_free(&r);
        free(v.p);
    }
    test_names_and_verify(theta, n);
    {
        /* decoded as stored (the round trip above); which theta is not
         * finite is the reader's to ask (a cell starting from it diverges) */
        checkpoint z = sample(theta, 41);
        size_t nbad = 99;
        tap_ok(checkpoint_first_nonfinite(&z, &nbad) == 1 && nbad == 2,
               "first non-finite parameter: theta[1] (a NaN payload), 2 of them (and Inf)");
        theta[1] = 1;
        theta[2] = -INFINITY;
        tap_ok(checkpoint_first_nonfinite(&z, &nbad) == 2 && nbad == 1, "-Inf counts");
        theta[2] = DBL_MAX;
        theta[40] = NAN;
        tap_ok(checkpoint_first_nonfinite(&z, &nbad) == 40 && nbad == 1, "the last one counts");
        theta[40] = 0;
        tap_ok(checkpoint_first_nonfinite(&z, &nbad) == 41 && nbad == 0,
               "all finite (DBL_MAX, subnormals, -0): n, none counted");
        tap_ok(checkpoint_first_nonfinite(&z, NULL) == 41, "count may be NULL");
    }
    free(b.p);
    return tap_done();
}
