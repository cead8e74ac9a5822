/*
 * team.h -- a fixed team of threads that runs one function on every member
 * and waits for all of them: the cell's `train.threads` (train.c) run the
 * slices of a batch this way.
 *
 * team_run is a fork-join round: member 0 is the caller, members 1..n-1 are
 * threads kept for the team's life.  Between rounds a member spins briefly
 * (a training step is a fraction of a millisecond) and then sleeps on a
 * condition variable, so an idle or oversubscribed team costs no CPU.
 * The caller, done with its own part, also runs the parts no member has
 * started yet: a member the scheduler is not running (another process on
 * its core) does not hold the round up.  Which thread runs part k does not
 * change what it computes.
 */
#ifndef AMOR_TEAM_H
#define AMOR_TEAM_H

typedef struct team team;

/* fn(ctx, k) for member k of a round. */
typedef void (*team_fn)(void *ctx, int k);

/* A team of n >= 1 members (n - 1 threads).  NULL if a thread or memory
 * could not be had (errno tells). */
team *team_create(int n);

/* Run fn(ctx, k) for k = 0 .. n-1, k = 0 on the calling thread; returns when
 * every member has returned.  Everything the caller wrote before is visible
 * to fn, and everything fn wrote is visible to the caller after. */
void team_run(team *t, team_fn fn, void *ctx);

/* Join the threads and free the team (NULL is ignored). */
void team_destroy(team *t);

#endif
