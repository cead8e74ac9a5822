/*
 * worker.h -- one cell in a forked worker process: the child's side (limits,
 * crash handler, running the cell, sending progress and the result back over
 * a pipe, in the frames of codec.h).
 */
#ifndef AMOR_WORKER_H
#define AMOR_WORKER_H

#include "cell.h"

/* The child's side, called right after fork(): never returns.  Dies with
 * the parent (PR_SET_PDEATHSIG), applies c->limits.memory as an address
 * space limit on top of what the process already maps (RLIMIT_AS = current
 * size + memory), sets the BLAS thread count (if blas_threads > 0), runs the
 * cell reporting progress at most every 0.1 s, and writes the result frame
 * to fd.
 *
 * Out of memory is recognised when a memory limit is set and either
 *  - the cell failed (status error) with the code AMOR_ENOMEM (a plugin's
 *    or the host's failed allocation): status "oom"; or
 *  - the worker is dying of SIGSEGV, SIGBUS or SIGABRT (what a failed
 *    allocation used unchecked, or a library's abort, turns into) while errno
 *    is ENOMEM or the address space is within an eighth of the limit: the
 *    crash handler sends an 'o' frame before the signal's default action,
 *    and the parent records "oom" instead of "crashed". */
void worker_child(const cell_spec *c, int fd, int blas_threads) __attribute__((noreturn));

#endif
