/*
 * t_stored.c -- the store of finished cells (harness/stored.h), what resume
 * reads back: a result round-trips through .cells/<key>.cell in the
 * documented layout; every flipped bit, every truncation, trailing bytes, a
 * file renamed from another cell's name, another experiment's file, a file
 * of format 1, a symbolic link, a FIFO and a directory are refused, each
 * with its message naming the file; writing replaces a link or a FIFO
 * without touching what the link points to; pruning keeps the results of
 * experiments the run did not claim; a shard's failed results (.failed) are
 * kept apart from what resume reads.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "amhash.h"
#include "checkpoint.h"
#include "codec.h"
#include "stored.h"
#include "tap.h"
#include "worker.h"

static char dir[256];

static const char K1[] = "0123456789abcdef", K2[] = "fedcba9876543210";

static uint64_t le(const unsigned char *p, int bytes)
{
    uint64_t v = 0;
    int i;
    for (i = bytes - 1; i >= 0; i--) v = (v << 8) | p[i];
    return v;
}

static void make_result(cell_result *r, double objective)
{
    size_t i;
    memset(r, 0, sizeof *r);
    r->status = CELL_OK;
    r->train_steps = 40;
    r->has_eval = 1;
    r->objective_mean = objective;
    r->objective_std = 0.25;
    r->ncurves = r->capcurves = 2;
    r->curves = malloc(2 * sizeof *r->curves);
    r->curves[0] = (curve_row){0, "eval", "objective", 3.0};
    r->curves[1] = (curve_row){20, "eval", "objective", objective};
    r->ny = 3;
    r->npredict = 4;
    r->predictions = malloc(12 * sizeof *r->predictions);
    for (i = 0; i < 12; i++) r->predictions[i] = 0.5 * (double)i - 1.0;
}

static void cell_path(char *buf, size_t len, const char *key)
{
    snprintf(buf, len, "%s/.cells/%s.cell", dir, key);
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *b = malloc(1 << 16);
    *len = f ? fread(b, 1, 1 << 16, f) : 0;
    if (f) fclose(f);
    return b;
}

static void spew(const char *path, const void *p, size_t len)
{
    FILE *f;
    unlink(path);
    f = fopen(path, "wb");
    if (!f || fwrite(p, 1, len, f) != len || fclose(f)) {
        printf("Bail out! cannot write %s\n", path);
        exit(1);
    }
}

/* get(K1, experiment) is refused with a message "PATH: ...want..." */
static int refused(const char *experiment, const char *want)
{
    char err[1024] = "", path[512];
    cell_result r;
    int rc = stored_cache_get(dir, K1, experiment, &r, err, sizeof err);
    int ok;
    cell_path(path, sizeof path, K1);
    ok = rc == STORED_REFUSED && !strncmp(err, path, strlen(path)) &&
         !strncmp(err + strlen(path), ": ", 2) && strstr(err, want) != NULL && r.curves == NULL &&
         r.predictions == NULL;
    if (!ok) tap_diag("got rc %d, message '%s'; want one starting '%s: ' with '%s'", rc, err, path, want);
    cell_result_free(&r);
    return ok;
}

int main(void)
{
    cell_result in, out, other;
    char err[1024], path[512], p2[512];
    unsigned char *file, *c;
    size_t len, i, elen = strlen("exp one");
    sbuf enc = {0};
    int ok, bit;

    /* a FIFO that blocked the reader would hang the test: end it instead */
    alarm(60);
    snprintf(dir, sizeof dir, "/tmp/amor-t_stored-XXXXXX");
    if (!mkdtemp(dir)) {
        printf("Bail out! mkdtemp failed\n");
        return 1;
    }
    make_result(&in, 1.4069);
    cell_path(path, sizeof path, K1);

    /* ---- the layout */
    ok = stored_cache_put(dir, K1, "exp one", &in, err, sizeof err) == 0;
    if (!tap_ok(ok, "put writes .cells/<key>.cell (creating .cells)")) tap_diag("%s", err);
    file = slurp(path, &len);
    codec_encode_result(&in, &enc);
    ok = len == 8 + 4 + 16 + 4 + elen + 8 + enc.len + 8 && !memcmp(file, "AMORCELL", 8) &&
         le(file + 8, 4) == STORED_CELL_VERSION && STORED_CELL_VERSION == 2 &&
         !memcmp(file + 12, K1, 16) && le(file + 28, 4) == elen &&
         !memcmp(file + 32, "exp one", elen) && le(file + 32 + elen, 8) == enc.len &&
         !memcmp(file + 40 + elen, enc.p, enc.len);
    tap_ok(ok, "layout: AMORCELL, version 2, the key, the experiment, the result's encoding");
    tap_ok(le(file + len - 8, 8) == am_fnv1a(AM_FNV_START, file, len - 8),
           "the last 8 bytes: FNV-1a 64 of everything before them");

    /* ---- round trip */
    err[0] = 0;
    ok = stored_cache_get(dir, K1, "exp one", &out, err, sizeof err) == STORED_OK &&
         out.objective_mean == 1.4069 && out.ncurves == 2 && out.npredict == 4 &&
         out.predictions && out.predictions[11] == 4.5 && out.status == CELL_OK;
    if (!tap_ok(ok, "get reads the result back")) tap_diag("%s", err);
    cell_result_free(&out);
    err[0] = 0;
    tap_ok(stored_cache_get(dir, K2, "exp one", &out, err, sizeof err) == STORED_ABSENT && !err[0],
           "no file: STORED_ABSENT, nothing to say");

    /* ---- every flipped bit is refused; past the header it is the checksum */
    c = malloc(len + 1);
    ok = 1;
    {
        int sum = 1;
        for (i = 0; i < len; i++)
            for (bit = 0; bit < 8; bit++) {
                int lenfield = (i >= 28 && i < 32) || (i >= 32 + elen && i < 40 + elen);
                memcpy(c, file, len);
                c[i] ^= (unsigned char)(1u << bit);
                spew(path, c, len);
                ok &= refused("exp one", "");
                /* a damaged length says "truncated" or "unexpected bytes" first */
                if (i >= 12 && !lenfield) sum &= refused("exp one", ": checksum mismatch (stored ");
            }
        tap_ok(ok, "each of the %zu single-bit flips is refused", 8 * len);
        tap_ok(sum, "in the key, the experiment, the result or the checksum: 'checksum mismatch'");
    }
    memcpy(c, file, len);
    c[8] = 3;
    spew(path, c, len);
    tap_ok(refused("exp one", ": cell file format 3, this amor reads format 2"),
           "another format version is named");

    /* ---- truncated, trailing bytes */
    ok = 1;
    for (i = 0; i < len; i++) {
        spew(path, file, i);
        ok &= refused("exp one", ": truncated: ");
    }
    tap_ok(ok, "each of the %zu truncations: 'truncated'", len);
    spew(path, file, len - 100);
    snprintf(err, sizeof err, ": truncated: %zu bytes, but its header promises a %zu-byte result",
             len - 100, enc.len);
    tap_ok(refused("exp one", err), "a cut inside the result: the size and what the header promises");
    memcpy(c, file, len);
    c[len] = 0;
    spew(path, c, len + 1);
    tap_ok(refused("exp one", ": 1 unexpected bytes after the checksum"), "a byte after the checksum");

    /* ---- another cell's file under this name; another experiment */
    make_result(&other, 0.7034);
    ok = stored_cache_put(dir, K2, "exp one", &other, err, sizeof err) == 0;
    cell_path(p2, sizeof p2, K2);
    ok = ok && rename(p2, path) == 0;
    tap_ok(ok && refused("exp one", ": holds the result of cell fedcba9876543210, not of cell "
                                        "0123456789abcdef"),
           "a file renamed from another cell's name is refused, naming both keys");
    spew(path, file, len);
    tap_ok(refused("exp two", ": holds a result of experiment 'exp one', not of 'exp two'"),
           "another experiment's result is refused");

    /* ---- format 1: the bare encoding of earlier amors */
    spew(path, enc.p, enc.len);
    tap_ok(refused("exp one", ": cell file format 1 (an older amor's, without a checksum), this "
                                  "amor reads format 2"),
           "a file of format 1 (no checksum, no key) is stale");

    /* ---- a result that is not ok */
    other.status = CELL_ERROR;
    ok = stored_cache_put(dir, K1, "exp one", &other, err, sizeof err) == 0;
    tap_ok(ok && refused("exp one", ": holds a result with status 'error', not ok"),
           "a result with another status than ok is refused");

    /* ---- not a regular file */
    snprintf(p2, sizeof p2, "%s/elsewhere.cell", dir);
    spew(p2, file, len);
    unlink(path);
    ok = symlink(p2, path) == 0;
    tap_ok(ok && refused("exp one", ": not a regular file (a symbolic link)"),
           "a symbolic link to an intact file is refused");
    ok = stored_cache_put(dir, K1, "exp one", &in, err, sizeof err) == 0;
    {
        struct stat st;
        size_t l2;
        unsigned char *e = slurp(p2, &l2);
        ok = ok && lstat(path, &st) == 0 && S_ISREG(st.st_mode) && l2 == len && !memcmp(e, file, len);
        free(e);
    }
    tap_ok(ok, "put replaces the link by a regular file, leaving what it pointed to alone");
    unlink(path);
    ok = mkfifo(path, 0600) == 0;
    tap_ok(ok && refused("exp one", ": not a regular file (a FIFO)"),
           "a FIFO is refused without waiting for a writer");
    ok = stored_cache_put(dir, K1, "exp one", &in, err, sizeof err) == 0 &&
         stored_cache_get(dir, K1, "exp one", &out, err, sizeof err) == STORED_OK;
    cell_result_free(&out);
    tap_ok(ok, "put replaces the FIFO");
    unlink(path);
    ok = mkdir(path, 0700) == 0;
    tap_ok(ok && refused("exp one", ": not a regular file (a directory)"), "a directory is refused");
    rmdir(path);

    /* ---- fu_read_own: the reader of checkpoint_verify too */
    {
        char *b;
        size_t n;
        err[0] = 0;
        ok = fu_read_own(p2, &b, &n, err, sizeof err) == STORED_OK && n == len &&
             !memcmp(b, file, len);
        free(b);
        tap_ok(ok, "fu_read_own reads a regular file whole");
        snprintf(p2, sizeof p2, "/dev/zero");
        ok = fu_read_own(p2, &b, &n, err, sizeof err) == STORED_REFUSED &&
             !strcmp(err, "/dev/zero: not a regular file (a character device)") && !b;
        if (!tap_ok(ok, "a device is refused, not read without end")) tap_diag("%s", err);
    }

    /* ---- pruning */
    {
        static const char *keys[] = {"1111111111111111", "2222222222222222", "3333333333333333",
                                     "4444444444444444", "5555555555555555"};
        char *recorded[] = {(char *)keys[0]};
        stored *S = stored_load(dir, err, sizeof err);
        int there[5], k;
        ok = S && stored_claim(S, "exp one") == 0 &&
             stored_cache_put(dir, keys[0], "exp one", &in, err, sizeof err) == 0 &&
             stored_cache_put(dir, keys[1], "exp two", &in, err, sizeof err) == 0 &&
             stored_cache_put(dir, keys[2], "exp one", &in, err, sizeof err) == 0;
        cell_path(path, sizeof path, keys[3]);
        spew(path, "garbage", 7);
        cell_path(path, sizeof path, keys[4]);
        cell_path(p2, sizeof p2, keys[1]);
        ok = ok && symlink(p2, path) == 0;
        stored_cache_prune(dir, S, recorded, 1);
        for (k = 0; k < 5; k++) {
            struct stat st;
            cell_path(path, sizeof path, keys[k]);
            there[k] = lstat(path, &st) == 0;
        }
        tap_ok(ok && there[0] && there[1] && !there[2] && !there[3] && !there[4],
               "prune keeps this run's cells and an unclaimed experiment's, removes a claimed "
               "experiment's other cells, a damaged file and a link (kept: %d %d %d %d %d)",
               there[0], there[1], there[2], there[3], there[4]);
        stored_cache_prune(dir, NULL, recorded, 1);
        cell_path(path, sizeof path, keys[1]);
        tap_ok(access(path, F_OK) != 0 && errno == ENOENT,
               "without the stored results (--fresh), every cell this run did not record goes");
        stored_free(S);
    }

    /* ---- a shard's failed cells (.cells/<key>.failed, for amor merge) */
    {
        cell_result bad, got;
        make_result(&bad, 0);
        bad.status = CELL_ERROR;
        snprintf(bad.error, sizeof bad.error, "plugin: deliberate");
        ok = stored_failed_put(dir, K2, "exp one", &bad, err, sizeof err) == 0;
        snprintf(path, sizeof path, "%s/.cells/%s.failed", dir, K2);
        tap_ok(ok && access(path, F_OK) == 0, "a failed result goes to .cells/<key>.failed");
        ok = stored_failed_get(dir, K2, "exp one", &got, err, sizeof err) == STORED_OK &&
             got.status == CELL_ERROR && !strcmp(got.error, "plugin: deliberate") &&
             got.ncurves == 2;
        if (!tap_ok(ok, "and reads back as it ended")) tap_diag("%s", err);
        cell_result_free(&got);
        err[0] = 0;
        tap_ok(stored_cache_get(dir, K2, "exp one", &got, err, sizeof err) == STORED_ABSENT,
               "resume never sees it: no .cell for the key");
        cell_result_free(&got);
        /* a result with status ok under the failed name is not a failed one */
        stored_cache_put(dir, K2, "exp one", &in, err, sizeof err);
        snprintf(p2, sizeof p2, "%s/.cells/%s.cell", dir, K2);
        ok = rename(p2, path) == 0 &&
             stored_failed_get(dir, K2, "exp one", &got, err, sizeof err) == STORED_REFUSED;
        tap_ok(ok, "an ok result as .failed: refused");
        {
            char want[700];
            snprintf(want, sizeof want, "%s: holds a result with status ok, not a failed one", path);
            if (!tap_ok(!strcmp(err, want), "... with its message"))
                tap_diag("got: %s\nwant: %s", err, want);
        }
        cell_result_free(&got);
        stored_failed_remove(dir, K2);
        tap_ok(access(path, F_OK) != 0 && errno == ENOENT, "remove drops it");
        cell_result_free(&bad);
    }

    free(c);
    free(file);
    free(enc.p);
    cell_result_free(&in);
    cell_result_free(&other);
    {
        char cmd[600];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd) != 0) tap_diag("could not remove %s", dir);
    }
    return tap_done();
}
