/*
 * stored.c -- the output directory's earlier results, the cache of finished
 * cells and the directory lock (see stored.h).
 */
#include "stored.h"

#include "fileutil.h"

#include "csvread.h"
#include "results.h"
#include "worker.h"

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
    long key_col, status_col;     /* of runs.csv; key may be -1 (older files) */
    struct keyrow *by_key;        /* runs.csv records sorted by key */
    size_t nby_key;
    char **claimed;
    size_t nclaimed;
};

typedef struct keyrow {
    const char *key;
    size_t r;
} keyrow;

static int cmp_keyrow(const void *a, const void *b)
{
    return strcmp(((const keyrow *)a)->key, ((const keyrow *)b)->key);
}

static int index_keys(stored *S)
{
    size_t r, n = stored_count(S);
    if (S->key_col < 0 || !n) return 0;
    if (!(S->by_key = malloc(n * sizeof *S->by_key))) return -1;
    for (r = 0; r < n; r++) {
        S->by_key[r].key = csv_get(&S->t[STORED_RUNS], r + 1, (size_t)S->key_col);
        S->by_key[r].r = r + 1;
    }
    qsort(S->by_key, n, sizeof *S->by_key, cmp_keyrow);
    S->nby_key = n;
    return 0;
}

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
        if (k == STORED_RUNS) {
            S->key_col = csv_column(t, "key"); /* -1 in files older than keys */
            S->status_col = csv_column(t, "status");
            if (S->status_col < 0) {
                amor_errorf(err, errlen, AMOR_EDATA, "%s:1: no 'status' column: not a table amor wrote",
                            path);
                goto bad;
            }
        }
    }
    if (S->t[STORED_RUNS].nrecords == 0) S->key_col = -1;
    if (index_keys(S)) {
        amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
        goto bad;
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
    free(S->by_key);
    free(S);
}

size_t stored_count(const stored *S)
{
    return S && S->t[STORED_RUNS].nrecords ? S->t[STORED_RUNS].nrecords - 1 : 0;
}

int stored_has_ok(const stored *S, const char *experiment, const char *key)
{
    const csv_file *t;
    size_t lo = 0, hi, i;
    if (!S || !S->nby_key) return 0;
    t = &S->t[STORED_RUNS];
    hi = S->nby_key;
    while (lo < hi) { /* the first record whose key is >= key */
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(S->by_key[mid].key, key) < 0) lo = mid + 1;
        else hi = mid;
    }
    for (i = lo; i < S->nby_key; i++) {
        size_t r = S->by_key[i].r;
        if (strcmp(S->by_key[i].key, key)) break;
        if (!strcmp(csv_get(t, r, (size_t)S->exp_col[STORED_RUNS]), experiment) &&
            !strcmp(csv_get(t, r, (size_t)S->status_col), "ok"))
            return 1;
    }
    return 0;
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

void stored_keys(const stored *S, void (*add)(void *ctx, const char *key), void *ctx)
{
    size_t r;
    if (!S || S->key_col < 0) return;
    for (r = 1; r < S->t[STORED_RUNS].nrecords; r++)
        if (kept(S, STORED_RUNS, r)) add(ctx, csv_get(&S->t[STORED_RUNS], r, (size_t)S->key_col));
}

/* ---- cache ------------------------------------------------------------------ */

static int valid_key(const char *key)
{
    size_t i;
    for (i = 0; key[i]; i++)
        if (!((key[i] >= '0' && key[i] <= '9') || (key[i] >= 'a' && key[i] <= 'f'))) return 0;
    return i == 16;
}

int stored_cache_put(const char *dir, const char *key, const cell_result *r, char *err,
                     size_t errlen)
{
    char path[4200];
    sbuf b = {0};
    int rc;
    if (!valid_key(key)) return amor_errorf(err, errlen, AMOR_EINVAL, "bad cell key '%s'", key);
    snprintf(path, sizeof path, "%s/.cells", dir);
    if (results_mkdirs(path, err, errlen)) return 1;
    snprintf(path, sizeof path, "%s/.cells/%s.cell", dir, key);
    worker_encode(r, &b);
    rc = b.oom ? amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory")
               : results_write_file(path, b.p, b.len, err, errlen);
    free(b.p);
    return rc;
}

int stored_cache_get(const char *dir, const char *key, cell_result *r)
{
    char path[4200], err[256];
    FILE *f;
    char *buf = NULL;
    long len;
    int rc = -1;
    memset(r, 0, sizeof *r);
    if (!valid_key(key)) return -1;
    snprintf(path, sizeof path, "%s/.cells/%s.cell", dir, key);
    if (!(f = fopen(path, "rb"))) return -1;
    if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)len)) && fread(buf, 1, (size_t)len, f) == (size_t)len)
        rc = worker_decode(buf, (size_t)len, r, err, sizeof err) ? -1 : 0;
    if (rc) cell_result_free(r);
    free(buf);
    fclose(f);
    return rc;
}

static int cmp_key(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void stored_cache_prune(const char *dir, char *const *keys, size_t n)
{
    char path[4200];
    DIR *d;
    struct dirent *e;
    snprintf(path, sizeof path, "%s/.cells", dir);
    if (!(d = opendir(path))) return;
    while ((e = readdir(d))) {
        char key[64], *name = key;
        size_t len = strlen(e->d_name);
        if (len != 16 + 5 || strcmp(e->d_name + 16, ".cell")) continue;
        memcpy(key, e->d_name, 16);
        key[16] = 0;
        if (n && bsearch(&name, keys, n, sizeof *keys, cmp_key)) continue;
        snprintf(path, sizeof path, "%s/.cells/%s", dir, e->d_name);
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
        return amor_errorf(err, errlen, AMOR_EINVAL, "cannot create %s: %s", path, strerror(errno));
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
        static const char *const tables[] = {".csv", ".gp", ".png", ".svg", NULL}, *const cells[] = {".cell", NULL},
                                 *const models[] = {".amor", NULL};
        fu_remove_stale_tmp(dir, tables);
        snprintf(path, sizeof path, "%s/.cells", dir);
        fu_remove_stale_tmp(path, cells);
        snprintf(path, sizeof path, "%s/models", dir);
        fu_remove_stale_tmp(path, models);
    }
    return 0;
}
