/*
 * sweep.c -- submit all cells, then collect (see sweep.h): resumed cells are
 * recorded from the store of finished cells first, the others go to the
 * worker pool, and each result is stored, recorded at its submission
 * position and written out as soon as it arrives.
 */
#include "sweep.h"

#include "checkpoint.h"
#include "pool.h"
#include "progress.h"
#include "shards.h"
#include "stored.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct sweep {
    sweep_opts o;
    results *R;
    int lock;            /* fd holding the directory lock, -1 before */
    progress *P;
    size_t seq;          /* rows submitted so far */
    size_t resumed;
    int warned_inproc, warned_cache;
};

sweep *sweep_new(const sweep_opts *o)
{
    sweep *W = calloc(1, sizeof *W);
    if (!W) return NULL;
    W->o = *o;
    W->lock = -1;
    W->P = progress_new(stdout, o->quiet ? PROGRESS_QUIET : PROGRESS_TTY);
    if (!W->P) {
        free(W);
        return NULL;
    }
    return W;
}

void sweep_free(sweep *W)
{
    if (!W) return;
    if (W->R) results_prune_cache(W->R);
    results_free(W->R);
    if (W->lock >= 0) close(W->lock);
    progress_free(W->P);
    free(W);
}

results *sweep_results(sweep *W) { return W->R; }
size_t sweep_resumed(const sweep *W) { return W->resumed; }

/* The output directory: created, locked, and (unless --fresh) read. */
static int open_dir(sweep *W, char *err, size_t errlen)
{
    if (W->R) return 0;
    if (!(W->R = results_new(W->o.outdir, err, errlen))) return 1;
    if (stored_lock(W->o.outdir, &W->lock, err, errlen)) goto bad;
    if (W->o.resume) {
        stored *S = stored_load(W->o.outdir, err, errlen);
        if (!S) {
            size_t len = strlen(err);
            snprintf(err + len, errlen - len, " (amor run --fresh starts over)");
            goto bad;
        }
        results_attach(W->R, S);
    }
    return 0;
bad:
    results_free(W->R);
    W->R = NULL;
    return 1;
}

int sweep_open(sweep *W, char *err, size_t errlen) { return open_dir(W, err, errlen); }

typedef struct batch {
    sweep *W;
    cell_spec *const *cells;
    cell_result *out;
    size_t *todo;        /* pool index -> cell index */
    size_t seq0;
    char *err;
    size_t errlen;
} batch;

static void on_started(void *ctx, size_t j)
{
    batch *b = ctx;
    size_t i = b->todo[j];
    progress_started(b->W->P, i, b->cells[i]->id);
}

static void on_progress(void *ctx, size_t j, const codec_progress *p)
{
    batch *b = ctx;
    progress_update(b->W->P, b->todo[j], p);
}

static void on_idle(void *ctx)
{
    batch *b = ctx;
    progress_tick(b->W->P);
}

static int on_finished(void *ctx, size_t j, cell_result *r, double seconds)
{
    batch *b = ctx;
    sweep *W = b->W;
    size_t i = b->todo[j];
    const cell_spec *c = b->cells[i];
    char why[1024];
    b->out[i] = *r; /* taken over */
    /* the cache before the row: a row with status ok always has its result */
    if (r->status == CELL_OK &&
        stored_cache_put(W->o.outdir, c->key, c->experiment, r, why, sizeof why) &&
        !W->warned_cache) {
        fprintf(stderr, "amor: warning: cannot cache results for --resume: %s\n", why);
        W->warned_cache = 1;
    }
    /* a shard's failed cells, for the merge; never resumed from */
    if (W->o.keep_failed && r->status == CELL_OK) stored_failed_remove(W->o.outdir, c->key);
    if (W->o.keep_failed && r->status != CELL_OK &&
        stored_failed_put(W->o.outdir, c->key, c->experiment, r, why, sizeof why))
        fprintf(stderr, "amor: warning: cannot keep the result of failed cell %s for amor "
                        "merge: %s\n", c->id, why);
    if (results_record(W->R, b->seq0 + i, c, &b->out[i], b->err, b->errlen) ||
        results_write(W->R, b->err, b->errlen))
        return 1;
    progress_finished(W->P, i, c->id, &b->out[i], seconds);
    return 0;
}

/* Can cell c be taken from the store instead of run?  Only if its stored
 * result, and the checkpoint of a cell that saves one, are there and pass
 * every check (stored.h, checkpoint.h); a file that is there but refused is
 * named in a warning, and the cell runs again, its new files replacing the
 * refused ones.  The CSVs play no part. */
static int stored_result(sweep *W, const cell_spec *c, cell_result *r, char *why, size_t len)
{
    int rc = stored_cache_get(W->o.outdir, c->key, c->experiment, r, why, len);
    if (rc == STORED_OK && c->checkpoint) rc = checkpoint_verify(c->checkpoint, c->key, why, len);
    return rc;
}

static int resumable(sweep *W, const cell_spec *c, cell_result *r)
{
    char why[4600];
    int rc = stored_result(W, c, r, why, sizeof why);
    if (rc == STORED_OK) return 1;
    if (rc == STORED_REFUSED)
        fprintf(stderr, "amor: warning: %s; rerunning cell %s\n", why, c->id);
    cell_result_free(r);
    return 0;
}

int sweep_stored(sweep *W, const cell_spec *c, char *err, size_t errlen)
{
    cell_result r;
    char why[4600];
    int rc;
    if (!W->o.resume) return 0;
    if (open_dir(W, err, errlen)) return -1;
    memset(&r, 0, sizeof r);
    rc = stored_result(W, c, &r, why, sizeof why);
    cell_result_free(&r);
    if (rc == STORED_REFUSED)
        fprintf(stderr, "amor: warning: %s; cell %s is outside --only: left out\n", why, c->id);
    return rc == STORED_OK;
}

/* amor merge: cell c's result from the shards (shards.h), as it ended
 * there, or status "missing" saying why; 1 if from a store (counted as
 * resumed), 0 if not, -1 when the directory cannot be written. */
static int merged(sweep *W, const cell_spec *c, cell_result *r, char *err, size_t errlen)
{
    char why[4600];
    int rc;
    if (shards_fetch(W->o.merge, W->o.outdir, c, err, errlen) < 0) return -1;
    /* what the shards brought, or an earlier merge did */
    rc = stored_result(W, c, r, why, sizeof why);
    if (rc == STORED_OK) return 1;
    cell_result_free(r);
    if (rc == STORED_REFUSED) fprintf(stderr, "amor: warning: %s\n", why);
    if (shards_failed(W->o.merge, c, r)) return 0;
    memset(r, 0, sizeof *r);
    r->status = CELL_MISSING;
    shards_missing(W->o.merge, c->key, r->error, sizeof r->error);
    return 0;
}

int sweep_run(sweep *W, cell_spec *const *cells, size_t n, cell_result *out, char *err,
              size_t errlen)
{
    batch b = {W, cells, out, NULL, 0, err, errlen};
    const cell_spec **run;
    pool_hooks h = {&b, on_started, on_progress, on_finished, on_idle};
    stored *S;
    size_t i, nrun = 0, resumed = 0;
    int rc, limits = 0;

    memset(out, 0, n * sizeof *out);
    if (n == 0) return 0; /* nothing to write: leave the directory alone */
    if (open_dir(W, err, errlen)) return 1;
    S = results_stored(W->R);
    b.seq0 = W->seq;
    W->seq += n;
    b.todo = malloc((n + 1) * sizeof *b.todo);
    run = malloc((n + 1) * sizeof *run);
    if (!b.todo || !run) {
        free(b.todo);
        free(run);
        return amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
    }
    for (i = 0; i < n; i++)
        if (stored_claim(S, cells[i]->experiment)) {
            rc = amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
            goto out;
        }
    for (i = 0; i < n; i++) {
        const cell_spec *c = cells[i];
        if (W->o.merge) { /* served, never run */
            int got = merged(W, c, &out[i], err, errlen);
            if (got < 0) {
                rc = 1;
                goto out;
            }
            if ((rc = results_record(W->R, b.seq0 + i, c, &out[i], err, errlen))) goto out;
            resumed += (size_t)got;
            continue;
        }
        if (W->o.resume && resumable(W, c, &out[i])) {
            if ((rc = results_record(W->R, b.seq0 + i, c, &out[i], err, errlen))) goto out;
            resumed++;
            continue;
        }
        limits |= c->limits.timeout > 0 || c->limits.memory > 0;
        b.todo[nrun] = i;
        run[nrun++] = c;
    }
    W->resumed += resumed;
    /* the experiments' old rows go now; the resumed ones are back */
    if ((rc = results_write(W->R, err, errlen))) goto out;
    if (W->o.merge) {
        if (!W->o.quiet)
            printf("  %zu of %zu cell%s from the shards' stores\n", resumed, n, n == 1 ? "" : "s");
        goto out;
    }
    if (W->o.jobs == 0 && limits && !W->warned_inproc) {
        fprintf(stderr, "amor: warning: -j 0 runs cells in this process: limits.timeout and "
                        "limits.memory are not enforced\n");
        W->warned_inproc = 1;
    }
    progress_begin(W->P, n, resumed, W->o.outdir);
    rc = pool_run(run, nrun, W->o.jobs, &h, err, errlen);
    progress_end(W->P);
out:
    if (rc)
        for (i = 0; i < n; i++) cell_result_free(&out[i]);
    free(b.todo);
    free(run);
    return rc;
}
