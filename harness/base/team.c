/*
 * team.c -- see team.h.  One generation counter says "a new round"; one
 * pending counter says "parts still running".  Both are read spinning
 * first and then under the mutex; the generation is written under it, and
 * the part that brings pending to 0 on a member signals under it, so no
 * wake-up is lost whichever path a member takes.  Part k of a round is claimed before
 * it runs (claim[k] = the round's generation, by compare-exchange): member k
 * claims its own, and the caller, done with part 0, claims the parts whose
 * member has not started yet, so a member that the scheduler does not run
 * (another process on its core) costs the round one part's time instead
 * of its whole wait.
 */
#include "team.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

/* Spin iterations before sleeping: ~10-50 us, less than one training step
 * of the batches worth splitting, far less than a sleep-wake-up cycle. */
#define TEAM_SPIN 20000

struct team {
    int n;
    pthread_t *th;
    pthread_mutex_t mu;
    pthread_cond_t go, done;
    atomic_ullong gen;  /* rounds started (64 bits: never wraps) */
    atomic_int pending; /* parts 1..n-1 of this round not finished */
    atomic_ullong *claim; /* claim[k]: the generation of the last round
                             whose part k someone took */
    int quit;
    team_fn fn;
    void *ctx;
};

typedef struct member {
    team *t;
    int k;
} member;

static inline void relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

/* Take part k of round g unless someone took it, or a later round's: a
 * member that read round g and was held up past it must not run it. */
static int claim_part(team *t, int k, unsigned long long g)
{
    unsigned long long old = atomic_load(&t->claim[k]);
    while (old < g)
        if (atomic_compare_exchange_weak(&t->claim[k], &old, g)) return 1;
    return 0;
}

static void *member_main(void *arg)
{
    member *m = arg;
    team *t = m->t;
    int k = m->k;
    unsigned long long seen = 0;
    free(m);
    for (;;) {
        int i;
        for (i = 0; i < TEAM_SPIN && atomic_load(&t->gen) == seen; i++) relax();
        pthread_mutex_lock(&t->mu);
        while (atomic_load(&t->gen) == seen && !t->quit) pthread_cond_wait(&t->go, &t->mu);
        if (t->quit) {
            pthread_mutex_unlock(&t->mu);
            return NULL;
        }
        seen = atomic_load(&t->gen);
        team_fn fn = t->fn;
        void *ctx = t->ctx;
        pthread_mutex_unlock(&t->mu);
        if (!claim_part(t, k, seen)) continue; /* the caller took it */
        fn(ctx, k);
        if (atomic_fetch_sub(&t->pending, 1) == 1) {
            pthread_mutex_lock(&t->mu);
            pthread_cond_signal(&t->done);
            pthread_mutex_unlock(&t->mu);
        }
    }
}

team *team_create(int n)
{
    team *t;
    int k;
    if (n < 1) {
        errno = EINVAL;
        return NULL;
    }
    t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->n = 1;
    pthread_mutex_init(&t->mu, NULL);
    pthread_cond_init(&t->go, NULL);
    pthread_cond_init(&t->done, NULL);
    atomic_init(&t->gen, 0);
    atomic_init(&t->pending, 0);
    t->th = calloc((size_t)n, sizeof *t->th);
    t->claim = calloc((size_t)n, sizeof *t->claim);
    if (!t->th || !t->claim) {
        team_destroy(t);
        return NULL;
    }
    for (k = 0; k < n; k++) atomic_init(&t->claim[k], 0);
    for (k = 1; k < n; k++) {
        member *m = malloc(sizeof *m);
        int e;
        if (!m) {
            team_destroy(t);
            errno = ENOMEM;
            return NULL;
        }
        m->t = t;
        m->k = k;
        e = pthread_create(&t->th[k], NULL, member_main, m);
        if (e) {
            free(m);
            team_destroy(t);
            errno = e;
            return NULL;
        }
        t->n = k + 1;
    }
    return t;
}

void team_run(team *t, team_fn fn, void *ctx)
{
    int i, k;
    unsigned long long g;
    if (t->n == 1) {
        fn(ctx, 0);
        return;
    }
    pthread_mutex_lock(&t->mu);
    t->fn = fn;
    t->ctx = ctx;
    atomic_store(&t->pending, t->n - 1);
    g = atomic_fetch_add(&t->gen, 1) + 1;
    pthread_cond_broadcast(&t->go);
    pthread_mutex_unlock(&t->mu);
    fn(ctx, 0);
    /* the parts no member has started: this thread runs them */
    for (k = 1; k < t->n; k++)
        if (claim_part(t, k, g)) {
            fn(ctx, k);
            atomic_fetch_sub(&t->pending, 1);
        }
    for (i = 0; i < TEAM_SPIN && atomic_load(&t->pending) > 0; i++) relax();
    if (atomic_load(&t->pending) > 0) {
        pthread_mutex_lock(&t->mu);
        while (atomic_load(&t->pending) > 0) pthread_cond_wait(&t->done, &t->mu);
        pthread_mutex_unlock(&t->mu);
    }
}

void team_destroy(team *t)
{
    int k;
    if (!t) return;
    pthread_mutex_lock(&t->mu);
    t->quit = 1;
    pthread_cond_broadcast(&t->go);
    pthread_mutex_unlock(&t->mu);
    for (k = 1; k < t->n; k++) pthread_join(t->th[k], NULL);
    pthread_cond_destroy(&t->go);
    pthread_cond_destroy(&t->done);
    pthread_mutex_destroy(&t->mu);
    free(t->th);
    free(t->claim);
    free(t);
}
