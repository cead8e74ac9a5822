/*
 * t_team.c -- TAP tests of team.c, the fork-join rounds of a cell's
 * train.threads: every part of every round runs exactly once, sees what the
 * caller wrote before the round, and the caller sees what it wrote after;
 * the same with the whole process on one CPU, where members are often not
 * running when their round starts and the caller takes their parts.
 */
#define _GNU_SOURCE
#include "tap.h"
#include "team.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <string.h>

enum { MAXN = 8 };

typedef struct rounds {
    long round;            /* written by the caller before each round */
    long ran[MAXN];        /* times part k ran (plain: one runner per part) */
    long saw[MAXN];        /* the round part k saw */
    long by_caller;        /* parts k > 0 the caller ran */
    pthread_t caller;
    volatile double sink;
} rounds;

static void part(void *ctx, int k)
{
    rounds *r = ctx;
    double x = 0;
    int i;
    r->ran[k]++;
    r->saw[k] = r->round;
    if (k > 0 && pthread_equal(pthread_self(), r->caller)) r->by_caller++;
    for (i = 0; i < 200 * (k + 1); i++) x += (double)i * 1e-9; /* unequal parts */
    r->sink = x;
}

/* n members, nrounds rounds; 1 if every part ran once per round and saw it */
static int run_rounds(int n, long nrounds, long *by_caller)
{
    rounds r;
    team *t = team_create(n);
    long i;
    int k, ok = t != NULL;
    memset(&r, 0, sizeof r);
    r.caller = pthread_self();
    for (i = 1; ok && i <= nrounds; i++) {
        r.round = i;
        team_run(t, part, &r);
        for (k = 0; k < n; k++) ok &= r.ran[k] == i && r.saw[k] == i;
        if (!ok) tap_diag("round %ld: part %d ran %ld times, saw round %ld", i, k - 1,
                          r.ran[k - 1], r.saw[k - 1]);
    }
    team_destroy(t);
    *by_caller = r.by_caller;
    return ok;
}

int main(void)
{
    long by = 0;
    cpu_set_t all, one;
    int n;

    for (n = 1; n <= 4; n++) {
        int ok = run_rounds(n, 20000, &by);
        tap_ok(ok, "%d member%s, 20000 rounds: every part once per round, seeing the caller's "
               "writes (the caller ran %ld of the others' %ld parts)", n, n == 1 ? "" : "s", by,
               20000L * (n - 1));
    }

    /* one CPU: a member woken for a round often does not run before the
     * caller is done with part 0, and the caller takes its part */
    if (sched_getaffinity(0, sizeof all, &all) == 0) {
        CPU_ZERO(&one);
        for (n = 0; n < CPU_SETSIZE && !CPU_ISSET(n, &all); n++) {}
        CPU_SET(n, &one);
        if (sched_setaffinity(0, sizeof one, &one) == 0) {
            for (n = 2; n <= 3; n++) {
                int ok = run_rounds(n, 5000, &by);
                tap_ok(ok, "on one CPU, %d members, 5000 rounds: every part once per round (the "
                       "caller ran %ld of the others' %ld parts)", n, by, 5000L * (n - 1));
            }
            sched_setaffinity(0, sizeof all, &all);
        } else
            tap_diag("sched_setaffinity failed: one-CPU rounds not run");
    }
    return tap_done();
}
