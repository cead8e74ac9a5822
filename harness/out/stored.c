/*
 * stored.c -- the output directory's earlier results, the cache of finished
 * cells and the directory lock (see stored.h).
 */
#include "stored.h"

#include "amhash.h"
#include "checkpoint.h"
#include "codec.h"
#include "csvread.h"
#include "fileutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

const char *const stored_file_names[STORED_NTABLES] = {"runs.csv", "curves.csv", "solver.csv",
                                                       "tracks.csv"};

struct stored {
    csv_file t[STORED_NTABLES];
    long exp_col[STORED_NTABLES]; /* column of `experiment` */
    char **claimed;
    size_t nclaimed;
};

stored *stored_load(const char *dir, char *err, size_t errlen)
{
    stored *S = calloc(1, sizeof *S);
    int k;
    if (!S) {
        amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
        return NULL;
    }
    for (k = 0; k < STORED_NTABLES; k++) {
        char path[4200];
        csv_file *t = &S->t[k];
        size_t r, nh;
        snprintf(path, sizeof path, "%s/%s", dir, stored_file_names[k]);
        if (csv_read_file(path, t, err, errlen)) goto bad;
        if (!t->nrecords) continue;
        S->exp_col[k] = csv_column(t, "experiment");
        if (S->exp_col[k] < 0) {
            amor_errorf(err, errlen, AMOR_EDATA, "%s:1: no 'experiment' column: not a table amor wrote",
                        path);
            goto bad;
        }
        nh = csv_nfields(t, 0);
        for (r = 1; r < t->nrecords; r++)
            if (csv_nfields(t, r) != nh) {
                amor_errorf(err, errlen, AMOR_EDATA, "%s:%ld: %zu fields, the header has %zu", path,
                            t->line[r], csv_nfields(t, r), nh);
                goto bad;
            }
        if (k == STORED_RUNS && csv_column(t, "status") < 0) {
            amor_errorf(err, errlen, AMOR_EDATA, "%s:1: no 'status' column: not a table amor wrote",
                        path);
            goto bad;
        }
    }
    return S;
bad:
    stored_free(S);
    return NULL;
}

void stored_free(stored *S)
{
    size_t i;
    int k;
    if (!S) return;
    for (k = 0; k < STORED_NTABLES; k++) csv_free(&S->t[k]);
    for (i = 0; i < S->nclaimed; i++) free(S->claimed[i]);
    free(S->claimed);
    free(S);
}

size_t stored_count(const stored *S)
{
    return S && S->t[STORED_RUNS].nrecords ? S->t[STORED_RUNS].nrecords - 1 : 0;
}

static int is_claimed(const stored *S, const char *experiment)
{
    size_t i;
    for (i = 0; i < S->nclaimed; i++)
        if (!strcmp(S->claimed[i], experiment)) return 1;
    return 0;
}

int stored_claim(stored *S, const char *experiment)
{
    char **q;
    if (!S || is_claimed(S, experiment)) return 0;
    if (!(q = realloc(S->claimed, (S->nclaimed + 1) * sizeof *q))) return -1;
    S->claimed = q;
    if (!(q[S->nclaimed] = strdup(experiment))) return -1;
    S->nclaimed++;
    return 0;
}

/* Is record r of table k still written? */
static int kept(const stored *S, int k, size_t r)
{
    return !is_claimed(S, csv_get(&S->t[k], r, (size_t)S->exp_col[k]));
}

void stored_columns(const stored *S, void (*add)(void *ctx, const char *name), void *ctx)
{
    const csv_file *t;
    size_t c, r, nh;
    if (!S) return;
    t = &S->t[STORED_RUNS];
    nh = csv_nfields(t, 0);
    for (c = 0; c < nh; c++)
        for (r = 1; r < t->nrecords; r++)
            if (kept(S, STORED_RUNS, r) && *csv_get(t, r, c)) {
                add(ctx, csv_get(t, 0, c));
                break;
            }
}

int stored_has_rows(const stored *S, int table)
{
    size_t r;
    if (!S) return 0;
    for (r = 1; r < S->t[table].nrecords; r++)
        if (kept(S, table, r)) return 1;
    return 0;
}

void stored_write(const stored *S, int table, const char *const *cols, size_t ncols, sbuf *b)
{
    const csv_file *t;
    long *map;
    size_t r, j;
    if (!S || !S->t[table].nrecords) return;
    t = &S->t[table];
    if (!(map = malloc((ncols + 1) * sizeof *map))) {
        b->oom = 1;
        return;
    }
    for (j = 0; j < ncols; j++) map[j] = csv_column(t, cols[j]);
    for (r = 1; r < t->nrecords; r++) {
        if (!kept(S, table, r)) continue;
        for (j = 0; j < ncols; j++) {
            if (j) sb_str(b, ",");
            if (map[j] >= 0) sb_field(b, csv_get(t, r, (size_t)map[j]));
        }
        sb_str(b, "\n");
    }
    free(map);
}

/* ---- the store of finished cells --------------------------------------------- */

#define CELL_MAGIC "AMORCELL"
#define CELL_HEAD (8 + 4 + 16 + 4) /* magic, version, key, experiment length */

static void set_le(void *p, uint64_t v, int bytes)
{
    unsigned char *c = p;
    int i;
    for (i = 0; i < bytes; i++) c[i] = (unsigned char)(v >> (8 * i));
}

static void put_le(sbuf *b, uint64_t v, int bytes)
{
    unsigned char c[8];
    set_le(c, v, bytes);
    sb_add(b, c, (size_t)bytes);
}

static uint64_t get_le(const void *p, int bytes)
{
    const unsigned char *c = p;
    uint64_t v = 0;
    int i;
    for (i = bytes - 1; i >= 0; i--) v = (v << 8) | c[i];
    return v;
}

static int valid_key(const char *key)
{
    size_t i;
    for (i = 0; key[i]; i++)
        if (!((key[i] >= '0' && key[i] <= '9') || (key[i] >= 'a' && key[i] <= 'f'))) return 0;
    return i == 16;
}

/* Write r as dir/.cells/<key><suffix> (see stored.h for the format). */
static int cell_file_put(const char *dir, const char *key, const char *suffix,
                         const char *experiment, const cell_result *r, char *err, size_t errlen)
{
    char path[4200];
    sbuf b = {0};
    size_t at, elen = strlen(experiment);
    int rc;
    if (!valid_key(key)) return amor_errorf(err, errlen, AMOR_EINVAL, "bad cell key '%s'", key);
    snprintf(path, sizeof path, "%s/.cells", dir);
    if (am_mkdirs(path, err, errlen)) return 1;
    snprintf(path, sizeof path, "%s/.cells/%s%s", dir, key, suffix);
    sb_add(&b, CELL_MAGIC, 8);
    put_le(&b, STORED_CELL_VERSION, 4);
    sb_add(&b, key, 16);
    put_le(&b, elen, 4);
    sb_add(&b, experiment, elen);
    at = b.len;
    put_le(&b, 0, 8); /* the result's length, filled in below */
    codec_encode_result(r, &b);
    if (!b.oom) {
        set_le(b.p + at, b.len - at - 8, 8);
        put_le(&b, am_fnv1a(AM_FNV_START, b.p, b.len), 8);
    }
    rc = b.oom ? amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory")
               : fu_write(path, b.p, b.len, err, errlen);
    free(b.p);
    return rc;
}

int stored_cache_put(const char *dir, const char *key, const char *experiment,
                     const cell_result *r, char *err, size_t errlen)
{
    return cell_file_put(dir, key, ".cell", experiment, r, err, errlen);
}

int stored_failed_put(const char *dir, const char *key, const char *experiment,
                      const cell_result *r, char *err, size_t errlen)
{
    return cell_file_put(dir, key, ".failed", experiment, r, err, errlen);
}

void stored_failed_remove(const char *dir, const char *key)
{
    char path[4200];
    if (!valid_key(key)) return;
    snprintf(path, sizeof path, "%s/.cells/%s.failed", dir, key);
    unlink(path);
}

/* The checks of stored_cache_get on the file's bytes. */
static int check_cell(const char *path, const unsigned char *p, size_t len, const char *key,
                      const char *experiment, int want_ok, cell_result *r, char *err,
                      size_t errlen)
{
    uint64_t version, elen, plen, want, sum, got;
    const unsigned char *e;
    char why[512];
    if (len >= 4 && !memcmp(p, "AMRC", 4))
        return amor_errorf(err, errlen, AMOR_EDATA,
                           "%s: cell file format 1 (an older amor's, without a checksum), this "
                           "amor reads format %u", path, STORED_CELL_VERSION);
    if (memcmp(p, CELL_MAGIC, len < 8 ? len : 8))
        return amor_errorf(err, errlen, AMOR_EDATA,
                           "%s: not an amor cell file (it does not start with %s)", path,
                           CELL_MAGIC);
    if (len < 12)
        return amor_errorf(err, errlen, AMOR_EDATA, "%s: truncated: %zu bytes, it ends inside "
                           "the header", path, len);
    if ((version = get_le(p + 8, 4)) != STORED_CELL_VERSION)
        return amor_errorf(err, errlen, AMOR_EDATA, "%s: cell file format %u, this amor reads "
                           "format %u", path, (unsigned)version, STORED_CELL_VERSION);
    if (len < CELL_HEAD)
        return amor_errorf(err, errlen, AMOR_EDATA, "%s: truncated: %zu bytes, it ends inside "
                           "the header", path, len);
    elen = get_le(p + 28, 4);
    if (len - CELL_HEAD < elen + 8)
        return amor_errorf(err, errlen, AMOR_EDATA, "%s: truncated: %zu bytes, it ends inside "
                           "the header", path, len);
    e = p + CELL_HEAD;
    plen = get_le(e + elen, 8);
    /* what the header promises: the result and the checksum */
    if (plen > len || (want = CELL_HEAD + elen + 8 + plen + 8) > len)
        return amor_errorf(err, errlen, AMOR_EDATA, "%s: truncated: %zu bytes, but its header "
                           "promises a %llu-byte result", path, len, (unsigned long long)plen);
    if (len > want)
        return amor_errorf(err, errlen, AMOR_EDATA, "%s: %llu unexpected bytes after the "
                           "checksum", path, (unsigned long long)(len - want));
    sum = am_fnv1a(AM_FNV_START, p, len - 8);
    if ((got = get_le(p + len - 8, 8)) != sum)
        return amor_errorf(err, errlen, AMOR_EDATA, "%s: checksum mismatch (stored %016llx, "
                           "computed %016llx)", path, (unsigned long long)got,
                           (unsigned long long)sum);
    /* intact: what it says is what amor wrote */
    if (memcmp(p + 12, key, 16))
        return amor_errorf(err, errlen, AMOR_EDATA, "%s: holds the result of cell %.16s, not "
                           "of cell %s", path, (const char *)p + 12, key);
    if (elen != strlen(experiment) || memcmp(e, experiment, elen))
        return amor_errorf(err, errlen, AMOR_EDATA, "%s: holds a result of experiment '%.*s', "
                           "not of '%s'", path, (int)elen, (const char *)e, experiment);
    if (codec_decode_result(e + elen + 8, plen, r, why, sizeof why))
        return amor_errorf(err, errlen, AMOR_EDATA, "%s: %s", path, why);
    if (want_ok && r->status != CELL_OK)
        return amor_errorf(err, errlen, AMOR_EDATA, "%s: holds a result with status '%s', not "
                           "ok", path, cell_status_names[r->status]);
    if (!want_ok && r->status == CELL_OK)
        return amor_errorf(err, errlen, AMOR_EDATA, "%s: holds a result with status ok, not "
                           "a failed one", path);
    return 0;
}

/* dir/.cells/<key><suffix> into r if it is this cell's (and ok, or failed,
 * as want_ok says). */
static int cell_file_get(const char *dir, const char *key, const char *suffix,
                         const char *experiment, int want_ok, cell_result *r, char *err,
                         size_t errlen)
{
    char path[4200], *buf;
    size_t len;
    int rc;
    memset(r, 0, sizeof *r);
    if (!valid_key(key)) {
        amor_errorf(err, errlen, AMOR_EINVAL, "bad cell key '%s'", key);
        return STORED_REFUSED;
    }
    snprintf(path, sizeof path, "%s/.cells/%s%s", dir, key, suffix);
    if ((rc = fu_read_own(path, &buf, &len, err, errlen))) return rc;
    if (check_cell(path, (const unsigned char *)buf, len, key, experiment, want_ok, r, err,
                   errlen)) {
        cell_result_free(r);
        rc = STORED_REFUSED;
    }
    free(buf);
    return rc;
}

int stored_cache_get(const char *dir, const char *key, const char *experiment, cell_result *r,
                     char *err, size_t errlen)
{
    return cell_file_get(dir, key, ".cell", experiment, 1, r, err, errlen);
}

int stored_failed_get(const char *dir, const char *key, const char *experiment,
                      cell_result *r, char *err, size_t errlen)
{
    return cell_file_get(dir, key, ".failed", experiment, 0, r, err, errlen);
}

static int cmp_key(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Does path hold the header of key's cell file in this format, naming an
 * experiment S did not claim?  Only the header is read. */
static int unclaimed(const char *path, const char *key, const stored *S)
{
    unsigned char h[CELL_HEAD];
    char *name = NULL, err[64];
    int why, keep = 0, fd = fu_open_own(path, &why, err, sizeof err);
    uint64_t elen;
    if (fd < 0) return 0;
    if (pread(fd, h, CELL_HEAD, 0) == CELL_HEAD && !memcmp(h, CELL_MAGIC, 8) &&
        get_le(h + 8, 4) == STORED_CELL_VERSION && !memcmp(h + 12, key, 16) &&
        (elen = get_le(h + 28, 4)) < 65536 && (name = malloc(elen + 1)) &&
        pread(fd, name, elen, CELL_HEAD) == (ssize_t)elen) {
        name[elen] = 0;
        keep = !is_claimed(S, name);
    }
    free(name);
    close(fd);
    return keep;
}

void stored_cache_prune(const char *dir, const stored *S, char *const *keys, size_t n)
{
    char path[4200];
    DIR *d;
    struct dirent *e;
    snprintf(path, sizeof path, "%s/.cells", dir);
    if (!(d = opendir(path))) return;
    while ((e = readdir(d))) {
        char key[64], *name = key;
        size_t len = strlen(e->d_name);
        if (!(len == 16 + 5 && !strcmp(e->d_name + 16, ".cell")) &&
            !(len == 16 + 7 && !strcmp(e->d_name + 16, ".failed")))
            continue;
        memcpy(key, e->d_name, 16);
        key[16] = 0;
        if (n && bsearch(&name, keys, n, sizeof *keys, cmp_key)) continue;
        snprintf(path, sizeof path, "%s/.cells/%s", dir, e->d_name);
        if (S && unclaimed(path, key, S)) continue;
        unlink(path);
    }
    closedir(d);
}

/* ---- lock ------------------------------------------------------------------- */

int stored_lock(const char *dir, int *fd, char *err, size_t errlen)
{
    char path[4200], pid[32];
    int f;
    snprintf(path, sizeof path, "%s/.amor.lock", dir);
    f = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (f < 0)
        return amor_errorf(err, errlen, AMOR_EDATA, "cannot create %s: %s", path, strerror(errno));
    if (flock(f, LOCK_EX | LOCK_NB)) {
        ssize_t n = read(f, pid, sizeof pid - 1);
        while (n > 0 && (pid[n - 1] == '\n' || pid[n - 1] == ' ')) n--;
        pid[n > 0 ? n : 0] = 0;
        close(f);
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "another amor run (pid %s) is writing to %s; wait for it or use "
                           "another --out", n > 0 ? pid : "?", dir);
    }
    snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    if (ftruncate(f, 0) == 0) (void)!pwrite(f, pid, strlen(pid), 0);
    *fd = f;
    /* temporaries of writers that died (this host's only: fileutil.h) */
    {
        static const char *const tables[] = {".csv", ".gp", ".png", ".svg", ".state", NULL}, *const cells[] = {".cell", ".failed", NULL},
                                 *const models[] = {".amor", NULL};
        am_remove_stale_tmp(dir, tables);
        snprintf(path, sizeof path, "%s/.cells", dir);
        am_remove_stale_tmp(path, cells);
        snprintf(path, sizeof path, "%s/models", dir);
        am_remove_stale_tmp(path, models);
    }
    return 0;
}
