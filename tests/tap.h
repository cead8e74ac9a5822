/*
 * tap.h -- a tiny TAP emitter for amor's C tests (git's test-lib style):
 * lazy plan, ok/not ok with descriptions, diagnostics, float comparison.
 * Include it in exactly one .c file (a test program); functions are static.
 */
#ifndef AMOR_TAP_H
#define AMOR_TAP_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int tap_count, tap_failed;

static inline void tap_diag(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("# ");
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    fflush(stdout);
}

/* Record one check; returns cond so callers can chain diagnostics. */
static inline int tap_ok(int cond, const char *fmt, ...)
{
    va_list ap;
    tap_count++;
    if (!cond) tap_failed++;
    printf("%s %d - ", cond ? "ok" : "not ok", tap_count);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
    return cond;
}

/* |got - want| <= atol + rtol * |want|; prints got/want on failure. */
static inline int tap_close(double got, double want, double rtol, double atol,
                     const char *what)
{
    double err = fabs(got - want);
    int ok = isfinite(got) && err <= atol + rtol * fabs(want);
    if (!tap_ok(ok, "%s", what))
        tap_diag("got: %.17g  want: %.17g  (abs err %.3g, allowed %.3g)", got,
                 want, err, atol + rtol * fabs(want));
    return ok;
}

/* Skip a whole program (e.g. a missing optional dependency). */
static inline void tap_skip_all(const char *why)
{
    printf("1..0 # SKIP %s\n", why);
    exit(0);
}

/* Print the lazy plan and return the exit status.  No checks is a failure. */
static inline int tap_done(void)
{
    if (tap_count == 0) {
        printf("not ok 1 - no checks were run\n1..1\n");
        return 1;
    }
    printf("1..%d\n", tap_count);
    return tap_failed ? 1 : 0;
}

#endif
