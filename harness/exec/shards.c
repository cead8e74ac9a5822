/*
 * shards.c -- a sweep's shards: which cell goes where, each shard's state
 * file, and what amor merge takes from the shards (see shards.h).
 */
#include "shards.h"

#include "checkpoint.h"
#include "fileutil.h"
#include "stored.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int shards_parse(const char *text, unsigned *i, unsigned *n, char *err, size_t errlen)
{
    char *end;
    unsigned long a, b;
    if (!*text || *text < '0' || *text > '9') goto bad;
    a = strtoul(text, &end, 10);
    if (*end != '/' || end[1] < '0' || end[1] > '9') goto bad;
    b = strtoul(end + 1, &end, 10);
    if (*end) goto bad;
    if (b == 0 || b > SHARDS_MAX)
        return amor_errorf(err, errlen, 1, "--shard %s: N must be from 1 to %u", text, SHARDS_MAX);
    if (a >= b)
        return amor_errorf(err, errlen, 1, "--shard %s: shards are numbered from 0 to N-1 (%lu "
                           "here), got %lu", text, b - 1, a);
    *i = (unsigned)a;
    *n = (unsigned)b;
    return 0;
bad:
    return amor_errorf(err, errlen, 1, "--shard %s: expected i/N, shard i (from 0) of N, e.g. "
                       "--shard 0/4", text);
}

unsigned shards_of(const char *key, unsigned n)
{
    uint64_t k = strtoull(key, NULL, 16); /* the key is already a hash: its digits spread well */
    return (unsigned)(k % n);
}

int shards_path(char *buf, size_t len, const char *dir, unsigned i, unsigned n)
{
    return snprintf(buf, len, "%s/shards/%u-of-%u", dir, i, n) >= (int)len;
}

/* ---- state ---------------------------------------------------------------- */

static void now_text(char *buf, size_t len)
{
    time_t t = time(NULL);
    struct tm tm;
    if (!gmtime_r(&t, &tm) || !strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm))
        snprintf(buf, len, "%lld", (long long)t);
}

static int write_state(const char *shard_dir, const char *text, char *err, size_t errlen)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/shard.state", shard_dir);
    return fu_write(path, text, strlen(text), err, errlen);
}

/* The start time, kept from shards_begin for shards_end. */
static char g_started[64];

int shards_begin(const char *shard_dir, char *err, size_t errlen)
{
    char text[512];
    now_text(g_started, sizeof g_started);
    snprintf(text, sizeof text, "state running\nhost %s\npid %ld\nstarted %s\n", am_host(),
             (long)getpid(), g_started);
    return write_state(shard_dir, text, err, errlen);
}

int shards_end(const char *shard_dir, const char *state, size_t cells, size_t failed,
               const char *message, char *err, size_t errlen)
{
    char text[1400], ended[64], msg[512];
    size_t k;
    now_text(ended, sizeof ended);
    /* the first line of the message, on one line of its own */
    snprintf(msg, sizeof msg, "%s", message ? message : "");
    for (k = 0; msg[k]; k++)
        if (msg[k] == '\n' || msg[k] == '\r') msg[k] = 0;
    snprintf(text, sizeof text,
             "state %s\nhost %s\npid %ld\nstarted %s\nended %s\ncells %zu\nfailed %zu\n%s%s%s",
             state, am_host(), (long)getpid(), g_started, ended, cells, failed,
             *msg ? "message " : "", msg, *msg ? "\n" : "");
    return write_state(shard_dir, text, err, errlen);
}

/* ---- merging ------------------------------------------------------------------ */

typedef enum {
    SH_ABSENT,     /* no directory: never started */
    SH_NOSTATE,    /* a directory without a readable shard.state */
    SH_RUNNING,    /* running, and its lock is held (this host) */
    SH_STOPPED,    /* "running" on this host, but its lock is free: killed */
    SH_UNKNOWN,    /* "running" on another host: alive or killed */
    SH_FINISHED,
    SH_FAILED,     /* the script's error, or interrupted */
} shard_state;

typedef struct shard_ent {
    unsigned i, n;
    char *path;
    shard_state st;
    char host[80], pid[32], started[64], ended[64], state[32], message[512];
    size_t cells, failed;
} shard_ent;

struct shardset {
    shard_ent *e; /* by n, then i */
    size_t n;
    unsigned *ns; /* the distinct N, ascending */
    size_t nns;
};

/* "key value" lines of shard.state into the entry. */
static void read_state(shard_ent *s)
{
    char path[4200], *buf, *line, *save = NULL, err[64];
    size_t len;
    snprintf(path, sizeof path, "%s/shard.state", s->path);
    if (fu_read_own(path, &buf, &len, err, sizeof err) != FU_OK) {
        s->st = SH_NOSTATE;
        return;
    }
    for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *v = strchr(line, ' ');
        if (!v) continue;
        *v++ = 0;
#define FIELD(name) else if (!strcmp(line, #name)) snprintf(s->name, sizeof s->name, "%s", v)
        if (0) {}
        FIELD(state); FIELD(host); FIELD(pid); FIELD(started); FIELD(ended); FIELD(message);
#undef FIELD
        else if (!strcmp(line, "cells")) s->cells = (size_t)strtoull(v, NULL, 10);
        else if (!strcmp(line, "failed")) s->failed = (size_t)strtoull(v, NULL, 10);
    }
    free(buf);
    if (!strcmp(s->state, "finished")) s->st = SH_FINISHED;
    else if (!strcmp(s->state, "failed") || !strcmp(s->state, "interrupted")) s->st = SH_FAILED;
    else if (!strcmp(s->state, "running")) {
        /* a pid says something on its own host only; there, the lock (an
         * flock, gone with its process) tells a live shard from a killed one */
        if (strcmp(s->host, am_host())) {
            s->st = SH_UNKNOWN;
        } else {
            int fd;
            snprintf(path, sizeof path, "%s/.amor.lock", s->path);
            fd = open(path, O_RDONLY | O_CLOEXEC);
            s->st = SH_STOPPED;
            if (fd >= 0) {
                if (flock(fd, LOCK_SH | LOCK_NB)) s->st = SH_RUNNING;
                close(fd);
            }
        }
    } else
        s->st = SH_NOSTATE;
}

static int cmp_ent(const void *a, const void *b)
{
    const shard_ent *x = a, *y = b;
    if (x->n != y->n) return x->n < y->n ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

void shards_free(shardset *T)
{
    size_t k;
    if (!T) return;
    for (k = 0; k < T->n; k++) free(T->e[k].path);
    free(T->e);
    free(T->ns);
    free(T);
}

shardset *shards_scan(const char *dir, char *err, size_t errlen)
{
    char path[4200];
    shardset *T = calloc(1, sizeof *T);
    DIR *d;
    struct dirent *de;
    size_t k, cap = 0;
    if (!T) goto oom;
    snprintf(path, sizeof path, "%s/shards", dir);
    if (!(d = opendir(path))) {
        amor_errorf(err, errlen, AMOR_EDATA, "%s: %s (amor run --shard i/N --out %s writes the "
                    "shards, amor slurm submits them)", path, strerror(errno), dir);
        shards_free(T);
        return NULL;
    }
    /* the N of every i-of-N directory */
    while ((de = readdir(d))) {
        unsigned i, n, j;
        int used = 0;
        char tail;
        struct stat st;
        if (sscanf(de->d_name, "%u-of-%u%c", &i, &n, &tail) != 2 || n == 0 || i >= n ||
            n > SHARDS_MAX)
            continue;
        snprintf(path, sizeof path, "%s/shards/%s", dir, de->d_name);
        if (stat(path, &st) || !S_ISDIR(st.st_mode)) continue;
        for (j = 0; j < T->nns; j++) used |= T->ns[j] == n;
        if (!used) {
            unsigned *q = realloc(T->ns, (T->nns + 1) * sizeof *q);
            if (!q) {
                closedir(d);
                goto oom;
            }
            T->ns = q;
            T->ns[T->nns++] = n;
        }
    }
    closedir(d);
    if (!T->nns) {
        amor_errorf(err, errlen, AMOR_EDATA, "%s/shards: no shard directories (i-of-N) in it "
                    "(amor run --shard i/N --out %s writes them)", dir, dir);
        shards_free(T);
        return NULL;
    }
    /* every shard of each N, whether it ran or not */
    for (k = 0; k < T->nns; k++) cap += T->ns[k];
    if (!(T->e = calloc(cap, sizeof *T->e))) goto oom;
    for (k = 0; k < T->nns; k++) {
        unsigned i;
        for (i = 0; i < T->ns[k]; i++) {
            shard_ent *s = &T->e[T->n++];
            struct stat st;
            s->i = i;
            s->n = T->ns[k];
            if (shards_path(path, sizeof path, dir, i, s->n) || !(s->path = strdup(path)))
                goto oom;
            if (stat(path, &st) || !S_ISDIR(st.st_mode)) s->st = SH_ABSENT;
            else read_state(s);
        }
    }
    qsort(T->e, T->n, sizeof *T->e, cmp_ent);
    return T;
oom:
    shards_free(T);
    amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
    return NULL;
}

size_t shards_total(const shardset *T) { return T->n; }

size_t shards_unfinished(const shardset *T)
{
    size_t k, u = 0;
    for (k = 0; k < T->n; k++) u += T->e[k].st != SH_FINISHED;
    return u;
}

/* What happened to shard s, as a clause: "never ran (no DIR)", ... */
static void describe(const shard_ent *s, char *buf, size_t len)
{
    switch (s->st) {
    case SH_ABSENT:
        snprintf(buf, len, "has not run (no %s)", s->path);
        break;
    case SH_NOSTATE:
        snprintf(buf, len, "has no readable %s/shard.state (not written by amor run --shard)",
                 s->path);
        break;
    case SH_RUNNING:
        snprintf(buf, len, "is still running (on %s, pid %s, since %s)", s->host, s->pid,
                 s->started);
        break;
    case SH_STOPPED:
        snprintf(buf, len, "stopped without finishing: killed? (started on %s at %s, pid %s, "
                 "which is gone)", s->host, s->started, s->pid);
        break;
    case SH_UNKNOWN:
        snprintf(buf, len, "has not finished: still running, or killed (started on %s at %s, "
                 "pid %s; its log tells)", s->host, s->started, s->pid);
        break;
    case SH_FINISHED:
        snprintf(buf, len, "finished at %s (%zu cells, %zu failed) without it: were the "
                 "shards run with other --set or --sweep, or another build of amor?", s->ended,
                 s->cells, s->failed);
        break;
    case SH_FAILED:
        snprintf(buf, len, "%s at %s: %s",
                 !strcmp(s->state, "interrupted") ? "was interrupted" : "ended with an error",
                 s->ended, *s->message ? s->message : "(no message)");
        break;
    }
}

void shards_report(const shardset *T, FILE *out)
{
    size_t k;
    for (k = 0; k < T->n; k++) {
        char what[1200];
        if (T->e[k].st == SH_FINISHED) continue;
        describe(&T->e[k], what, sizeof what);
        fprintf(out, "shard %u/%u %s\n", T->e[k].i, T->e[k].n, what);
    }
}

void shards_missing(const shardset *T, const char *key, char *why, size_t len)
{
    size_t k, at = 0;
    why[0] = 0;
    for (k = 0; k < T->n && at < len; k++) {
        const shard_ent *s = &T->e[k];
        char what[1200];
        if (s->i != shards_of(key, s->n)) continue;
        describe(s, what, sizeof what);
        at += (size_t)snprintf(why + at, len - at, "%snot in the store of shard %u/%u, which %s",
                               at ? "; " : "", s->i, s->n, what);
    }
}

/* Copy src to dst (atomically) unless dst already holds the same bytes. */
static int copy_file(const char *src, const char *dst, char *err, size_t errlen)
{
    char *a, *b, why[256];
    size_t na, nb;
    int rc;
    if ((rc = fu_read_own(src, &a, &na, err, errlen)))
        return rc == FU_ABSENT ? amor_errorf(err, errlen, AMOR_EDATA, "%s: gone", src) : 1;
    if (fu_read_own(dst, &b, &nb, why, sizeof why) == FU_OK) {
        int same = na == nb && !memcmp(a, b, na);
        free(b);
        if (same) {
            free(a);
            return 0;
        }
    }
    rc = fu_write(dst, a, na, err, errlen);
    free(a);
    return rc;
}

int shards_fetch(shardset *T, const char *dir, const cell_spec *c, char *err, size_t errlen)
{
    size_t k;
    for (k = 0; k < T->n; k++) {
        const shard_ent *s = &T->e[k];
        char why[4600], src[4200], dst[4200];
        cell_result r;
        int rc;
        if (s->st == SH_ABSENT || s->i != shards_of(c->key, s->n)) continue;
        rc = stored_cache_get(s->path, c->key, c->experiment, &r, why, sizeof why);
        cell_result_free(&r);
        if (rc == STORED_OK && c->checkpoint) {
            snprintf(src, sizeof src, "%s/models/%s.amor", s->path, c->key);
            rc = checkpoint_verify(src, c->key, why, sizeof why);
            if (rc == STORED_ABSENT)
                rc = amor_errorf(why, sizeof why, STORED_REFUSED, "%s: missing, the checkpoint "
                                 "of a stored cell", src);
        }
        if (rc == STORED_REFUSED)
            fprintf(stderr, "amor: warning: %s; cell %s not taken from shard %u/%u\n", why,
                    c->id, s->i, s->n);
        if (rc != STORED_OK) continue;
        /* the checkpoint first: a stored cell's checkpoint is always there */
        if (c->checkpoint) {
            snprintf(dst, sizeof dst, "%s/models", dir);
            if (am_mkdirs(dst, err, errlen) || copy_file(src, c->checkpoint, err, errlen))
                return -1;
        }
        snprintf(dst, sizeof dst, "%s/.cells", dir);
        if (am_mkdirs(dst, err, errlen)) return -1;
        snprintf(src, sizeof src, "%s/.cells/%s.cell", s->path, c->key);
        snprintf(dst, sizeof dst, "%s/.cells/%s.cell", dir, c->key);
        if (copy_file(src, dst, err, errlen)) return -1;
        return 1;
    }
    return 0;
}

int shards_failed(shardset *T, const cell_spec *c, cell_result *r)
{
    size_t k;
    for (k = 0; k < T->n; k++) {
        const shard_ent *s = &T->e[k];
        char why[4600];
        int rc;
        if (s->st == SH_ABSENT || s->i != shards_of(c->key, s->n)) continue;
        rc = stored_failed_get(s->path, c->key, c->experiment, r, why, sizeof why);
        if (rc == STORED_OK) return 1;
        if (rc == STORED_REFUSED) fprintf(stderr, "amor: warning: %s\n", why);
    }
    return 0;
}
