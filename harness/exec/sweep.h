/*
 * sweep.h -- running the cells a script submits: resume from the output
 * directory, run the rest in workers (pool.h), stream each result into the
 * CSVs as it finishes while keeping rows in submission order, show progress.
 * One per `amor run`.
 */
#ifndef AMOR_SWEEP_H
#define AMOR_SWEEP_H

#include "cell.h"
#include "results.h"

typedef struct sweep_opts {
    const char *outdir;
    int jobs;     /* worker processes; 0 = run cells in this process */
    int resume;   /* reuse finished cells the directory holds (the default);
                     0 = --fresh: ignore (and replace) what it holds */
    int quiet;    /* no per-cell lines, no progress */
    int keep_failed; /* a shard (amor run --shard): keep the results of cells
                        that did not end ok too, for amor merge */
    struct shardset *merge; /* amor merge: serve every cell from these
                        shards' stores (shards.h), never run one; a cell no
                        shard has is recorded "missing" */
} sweep_opts;

typedef struct sweep sweep;

sweep *sweep_new(const sweep_opts *o);

/* Releases the directory lock after pruning cached results no row uses. */
void sweep_free(sweep *W);

/* Run cells[0..n) (rows in this order after the rows of earlier batches);
 * out[i] receives cell i's result (cell_result_free each).  Fails only when
 * results cannot be written or the directory cannot be used (message in
 * err; out[] is then freed). */
int sweep_run(sweep *W, cell_spec *const *cells, size_t n, cell_result *out, char *err,
              size_t errlen);

/* Whether sweep_run would take cell c from the store rather than run it:
 * resume is on and c's stored result (and checkpoint) pass every check; a
 * file refused is named in a warning.  For amor run --only, whose cells
 * outside the selection are submitted only then.  Opens the output
 * directory as sweep_run does (-1 with a message if it cannot), so nothing
 * changes in it between the two. */
int sweep_stored(sweep *W, const cell_spec *c, char *err, size_t errlen);

/* Open the output directory now (create, lock, read) rather than at the
 * first sweep_run: a shard marks itself running before its script does
 * anything.  0, or 1 with the message. */
int sweep_open(sweep *W, char *err, size_t errlen);

/* NULL until the first sweep_run. */
results *sweep_results(sweep *W);

/* Cells taken from earlier results instead of run. */
size_t sweep_resumed(const sweep *W);

#endif
