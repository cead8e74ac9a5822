/*
 * t_team.c -- TAP tests of team.c, the fork-join rounds of a cell's
 * train.threads: every part of every round runs exactly once, sees what the
 * caller wrote before the round, and the caller sees what it wrote after;
 * no part runs with a round's context once the round has returned (the
 * context lives on the caller's stack and is poisoned at once); rounds
 * whose members' parts outlast the caller's spin (it sleeps on the
 * condition variable: a lost wake-up hangs, and the alarm fails the test);
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
#include <time.h>
#include <unistd.h>

enum { MAXN = 8, MAGIC = 0x7ea3 };

/* what the parts of all rounds share */
typedef struct tally {
    long ran[MAXN];        /* times part k ran (plain: one runner per part) */
    long saw[MAXN];        /* the round part k saw */
    long by_caller;        /* parts k > 0 the caller ran */
    atomic_int stale;      /* parts run with a poisoned context */
    pthread_t caller;
    volatile double sink[MAXN];
} tally;

/* one round's context, on the caller's stack */
typedef struct round_ctx {
    int magic;
    long round;
    long part0_us, parts_us; /* sleeps of part 0 and of parts k > 0 */
    tally *t;
} round_ctx;

static void nap(long us)
{
    struct timespec ts = {0, us * 1000};
    if (us > 0) nanosleep(&ts, NULL);
}

static void part(void *ctx, int k)
{
    round_ctx *c = ctx;
    double x = 0;
    int i;
    if (c->magic != MAGIC) { /* a stale run: the round has returned */
        atomic_fetch_add(&((tally *)c->t)->stale, 1);
        return;
    }
    c->t->ran[k]++;
    c->t->saw[k] = c->round;
    if (k > 0 && pthread_equal(pthread_self(), c->t->caller)) c->t->by_caller++;
    nap(k == 0 ? c->part0_us : c->parts_us);
    for (i = 0; i < 200 * (k + 1); i++) x += (double)i * 1e-9; /* unequal parts */
    c->t->sink[k] = x;
}

/* n members, nrounds rounds whose parts sleep part0_us / parts_us; 1 if
 * every part ran once per round and saw it, none ran stale */
static int run_rounds(int n, long nrounds, long part0_us, long parts_us, long *by_caller)
{
    static tally t;
    team *tm = team_create(n);
    long i;
    int k, bad = -1, ok = tm != NULL;
    memset(&t, 0, sizeof t);
    t.caller = pthread_self();
    for (i = 1; ok && i <= nrounds; i++) {
        round_ctx c = {MAGIC, i, part0_us, parts_us, &t};
        team_run(tm, part, &c);
        memset(&c, 0xff, sizeof c); /* a part run after this finds no magic */
        c.t = &t;
        for (k = 0; k < n && bad < 0; k++)
            if (t.ran[k] != i || t.saw[k] != i) bad = k;
        if (bad >= 0) {
            tap_diag("round %ld: part %d ran %ld times, saw round %ld", i, bad, t.ran[bad], t.saw[bad]);
            ok = 0;
        }
    }
    team_destroy(tm); /* joins: a stale run would have happened by now */
    if (atomic_load(&t.stale)) {
        tap_diag("%d parts ran with a returned round's context", atomic_load(&t.stale));
        ok = 0;
    }
    *by_caller = t.by_caller;
    return ok;
}

int main(void)
{
    long by = 0;
    cpu_set_t all, one;
    int n, ok;

    alarm(120); /* a lost wake-up hangs a round: SIGALRM fails the test */
    for (n = 1; n <= 4; n++) {
        ok = run_rounds(n, 20000, 0, 0, &by);
        tap_ok(ok, "%d member%s, 20000 short rounds: every part once per round, seeing the "
               "caller's writes (the caller ran %ld of the others' %ld parts)", n,
               n == 1 ? "" : "s", by, 20000L * (n - 1));
    }
    /* members start during a long part 0 and outlast the caller's spin:
     * the caller waits on the condition variable for their signal */
    for (n = 2; n <= 3; n++) {
        ok = run_rounds(n, 300, 300, 2000, &by);
        tap_ok(ok, "%d members, 300 rounds whose members' parts outlast the caller's spin: every "
               "part once per round (the caller ran %ld of the others' %ld parts)", n, by,
               300L * (n - 1));
    }

    /* one CPU: a member woken for a round often does not run before the
     * caller is done with part 0, and the caller takes its part */
    if (sched_getaffinity(0, sizeof all, &all) == 0) {
        CPU_ZERO(&one);
        for (n = 0; n < CPU_SETSIZE && !CPU_ISSET(n, &all); n++) {}
        CPU_SET(n, &one);
        if (sched_setaffinity(0, sizeof one, &one) == 0) {
            for (n = 2; n <= 3; n++) {
                ok = run_rounds(n, 5000, 0, 0, &by);
                tap_ok(ok, "on one CPU, %d members, 5000 rounds: every part once per round (the "
                       "caller ran %ld of the others' %ld parts)", n, by, 5000L * (n - 1));
            }
            ok = run_rounds(2, 100, 200, 1000, &by);
            tap_ok(ok, "on one CPU, 2 members, 100 rounds of sleeping parts: every part once per "
                   "round (the caller ran %ld of the others' 100 parts)", by);
            sched_setaffinity(0, sizeof all, &all);
        } else
            tap_diag("sched_setaffinity failed: one-CPU rounds not run");
    }
    return tap_done();
}
