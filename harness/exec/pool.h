/*
 * pool.h -- runs a list of cells in forked worker processes, at most `jobs`
 * at a time (or one by one in this process with jobs = 0), and reports each
 * result as it arrives.
 *
 * The parent forks one worker per cell after loading every plugin and
 * building every cell_spec, so a worker needs nothing but its fork; the
 * worker sends progress frames and finally the whole cell_result over a pipe
 * (worker.h).  The parent multiplexes the pipes with poll(), kills a worker
 * whose cell exceeds limits.timeout (SIGKILL: a hard stop, not a polite
 * check) and reaps workers with waitpid:
 *   killed by us for the time limit          -> status "timeout"
 *   killed by a signal after running out of
 *   memory (the worker's 'o' frame)           -> status "oom"
 *   killed by any other signal                -> status "crashed",
 *                                  error "killed by signal SIGSEGV (Segmentation fault)"
 *   exited without sending a result           -> status "crashed" (a plugin called exit()?)
 * A worker dies with the parent (PR_SET_PDEATHSIG), so kill -9 of amor
 * leaves no orphans computing.
 */
#ifndef AMOR_POOL_H
#define AMOR_POOL_H

#include "cell.h"
#include "codec.h"

typedef struct pool_hooks {
    void *ctx;
    /* cell i is starting */
    void (*started)(void *ctx, size_t i);
    /* cell i reports progress */
    void (*progress)(void *ctx, size_t i, const codec_progress *p);
    /* cell i is done; the hook takes over r (cell_result_free it).  Non-zero
     * stops the pool: running workers are killed and pool_run fails. */
    int (*finished)(void *ctx, size_t i, cell_result *r, double seconds);
    /* called at least every 0.25 s while cells run (to redraw progress) */
    void (*idle)(void *ctx);
} pool_hooks;

/* Run cells[0..n) with `jobs` workers (0: in this process, no limits, no
 * isolation -- for debuggers).  Returns non-zero only when a hook stopped it
 * (message in err); cell failures are results, not errors. */
int pool_run(const cell_spec *const *cells, size_t n, int jobs, const pool_hooks *h,
             char *err, size_t errlen);

/* CPUs this process may run on (sched_getaffinity), at least 1. */
int pool_cores(void);

/* OpenBLAS threads per worker: OPENBLAS_NUM_THREADS if set, capped so that
 * workers x threads <= cores; 0 (keep the host's single thread) otherwise. */
int pool_blas_threads(int jobs);

#endif
