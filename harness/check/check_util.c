/*
 * check_util.c -- what every part of `amor check` shares: TAP output with
 * buffered diagnostics and progress reports to the parent process, the
 * finite-difference judgement, random vectors and guarded buffers, the
 * create/destroy leak check, and the problem that models and losses run
 * against.
 */
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
/* Under AddressSanitizer (make test SAN=1) malloc is ASan's: the heap is
 * counted by its allocator, and its quarantine of freed blocks makes the
 * resident set grow by design, so that criterion is left out. */
#if defined(__SANITIZE_ADDRESS__)
#define CK_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CK_ASAN 1
#endif
#endif
#ifdef CK_ASAN
/* from <sanitizer/allocator_interface.h>, which gcc does not install */
size_t __sanitizer_get_current_allocated_bytes(void);
#endif

#include "cell.h"
#include "check_int.h"
#include "clock.h"

/* ------------------------------------------------------------------------ */
/* TAP                                                                      */

static void tell(ck *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tell(ck *c, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    int len;
    ssize_t w;
    if (c->pipe < 0) return;
    va_start(ap, fmt);
    len = vsnprintf(buf, sizeof buf - 1, fmt, ap);
    va_end(ap);
    if (len < 0) return;
    if ((size_t)len >= sizeof buf - 1) len = (int)sizeof buf - 2;
    buf[len++] = '\n';
    w = write(c->pipe, buf, (size_t)len);
    (void)w;
}

void ck_begin(ck *c, const char *name)
{
    snprintf(c->check, sizeof c->check, "%s", name);
    c->note[0] = 0;
    c->dlen = 0;
    c->ndiag = 0;
    fflush(stdout);
    tell(c, "B %s", name);
}

void ck_note(ck *c, const char *fmt, ...)
{
    va_list ap;
    char *p;
    va_start(ap, fmt);
    vsnprintf(c->note, sizeof c->note, fmt, ap);
    va_end(ap);
    for (p = c->note; *p; p++) /* '#' would start a TAP directive */
        if (*p == '#' || *p == '\n') *p = ' ';
}

void ck_diag(ck *c, const char *fmt, ...)
{
    char line[1024];
    size_t len;
    va_list ap;
    if (++c->ndiag > CK_MAX_DIAG) return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    len = strlen(line);
    if (c->dlen + 4 + len + 1 > c->dcap) { /* "#   ", the line, '\n' */
        size_t nc = (c->dcap + 4 + len + 1) * 2;
        char *nd = realloc(c->diag, nc);
        if (!nd) return;
        c->diag = nd;
        c->dcap = nc;
    }
    memcpy(c->diag + c->dlen, "#   ", 4);
    memcpy(c->diag + c->dlen + 4, line, len);
    c->dlen += len + 4;
    c->diag[c->dlen++] = '\n';
}

int ck_end(ck *c, int ok)
{
    c->count++;
    if (!ok) c->failed++;
    printf("%s %d - %s: %s%s%s\n", ok ? "ok" : "not ok", c->count, c->who, c->check,
           c->note[0] ? " " : "", c->note);
    if (!ok || c->o->verbose) {
        fwrite(c->diag, 1, c->dlen, stdout);
        if (c->ndiag > CK_MAX_DIAG)
            printf("#   ... and %d more\n", c->ndiag - CK_MAX_DIAG);
    }
    fflush(stdout);
    tell(c, "E %d", ok ? 0 : 1);
    c->dlen = 0;
    c->ndiag = 0;
    c->note[0] = 0;
    return ok;
}

void ck_skip(ck *c, const char *name, const char *fmt, ...)
{
    char why[256];
    va_list ap;
    ck_begin(c, name);
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    c->count++;
    printf("ok %d - %s: %s # SKIP %s\n", c->count, c->who, name, why);
    fflush(stdout);
    tell(c, "E 2");
}

int ck_report(ck *c, const char *name, int ok, const char *fmt, ...)
{
    ck_begin(c, name);
    if (fmt) {
        char msg[1024];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        ck_diag(c, "%s", msg);
    }
    return ck_end(c, ok);
}

const char *ck_vec(char *buf, size_t len, const double *v, size_t n)
{
    size_t k, off = 0;
    off += (size_t)snprintf(buf + off, len - off, "(");
    for (k = 0; k < n && k < 6 && off < len; k++)
        off += (size_t)snprintf(buf + off, len - off, "%s%.6g", k ? ", " : "", v[k]);
    if (n > 6 && off < len) off += (size_t)snprintf(buf + off, len - off, ", ... %zu entries", n);
    if (off < len) snprintf(buf + off, len - off, ")");
    return buf;
}

/* ------------------------------------------------------------------------ */
/* Numbers                                                                  */

const double CK_FD_OFF[CK_FD_N] = {1.0, -1.0, 0.5, -0.5, 0.25, -0.25};

/* The judgement both orders share: fd = R(h/2) = r2, gap = |R(h) - R(h/2)|,
 * allowed = the relative tolerance plus `noise` (phi's rounding through the
 * differences). */
static void fd_verdict(ck_fd *r, double a, double r1, double r2, double h, double rtol,
                       double scale, double noise)
{
    r->a = a;
    r->h = h;
    r->fd = r2;
    r->gap = fabs(r1 - r2);
    r->err = fabs(a - r2);
    r->allowed = rtol * fmax(fmax(fabs(a), fabs(r2)), 1e-3 * scale) + noise;
    r->smooth = isfinite(r->gap) && r->gap <= r->allowed;
    r->ok = r->smooth && r->err <= r->allowed;
}

/* max(|phi0|, |phi[j]|) */
static double fd_mag(const double *phi, double phi0)
{
    double m = fabs(phi0);
    int j;
    for (j = 0; j < CK_FD_N; j++) m = fmax(m, fabs(phi[j]));
    return m;
}

void ck_fd_judge(ck_fd *r, double a, const double *phi, double h, double rtol,
                 double scale)
{
    double d1 = (phi[0] - phi[1]) / (2 * h), d2 = (phi[2] - phi[3]) / h,
           d3 = (phi[4] - phi[5]) / (h / 2);
    fd_verdict(r, a, (4 * d2 - d1) / 3, (4 * d3 - d2) / 3, h, rtol, scale,
               1e3 * 2.220446049250313e-16 * fd_mag(phi, 0) / h);
}

void ck_fd_judge2(ck_fd *r, double a, const double *phi, double phi0, double h, double rtol,
                  double scale)
{
    double s1 = (phi[0] - 2 * phi0 + phi[1]) / (h * h),
           s2 = (phi[2] - 2 * phi0 + phi[3]) / (h * h / 4),
           s3 = (phi[4] - 2 * phi0 + phi[5]) / (h * h / 16);
    /* rounding: phi's noise eps |phi| enters s3 as 64 eps |phi| / h^2 and r2
     * as about 90 eps |phi| / h^2; 1e4 leaves room for f's own rounding */
    fd_verdict(r, a, (4 * s2 - s1) / 3, (4 * s3 - s2) / 3, h, rtol, scale,
               1e4 * 2.220446049250313e-16 * fd_mag(phi, phi0) / (h * h));
}

double ck_fd_step(const double *p, size_t len)
{
    return 1e-3 * fmax(1.0, ck_maxabs(p, len));
}

void ck_normal(amor_rng *r, double *v, size_t n)
{
    size_t k;
    for (k = 0; k < n; k++) v[k] = amor_rng_normal(r);
}

void ck_unit(amor_rng *r, double *v, size_t n)
{
    size_t k;
    double s;
    do {
        ck_normal(r, v, n);
        s = ck_norm(v, n);
    } while (!(s > 0));
    for (k = 0; k < n; k++) v[k] /= s;
}

double ck_dot(const double *a, const double *b, size_t n)
{
    double s = 0;
    size_t k;
    for (k = 0; k < n; k++) s += a[k] * b[k];
    return s;
}

double ck_norm(const double *v, size_t n) { return sqrt(ck_dot(v, v, n)); }

double ck_maxabs(const double *v, size_t n)
{
    double m = 0;
    size_t k;
    for (k = 0; k < n; k++)
        if (!(fabs(v[k]) <= m)) m = fabs(v[k]); /* NaN sticks */
    return m;
}

int ck_all_finite(const double *v, size_t n)
{
    size_t k;
    for (k = 0; k < n; k++)
        if (!isfinite(v[k])) return 0;
    return 1;
}

long ck_mismatch(const double *a, const double *b, size_t n, double rtol)
{
    size_t k;
    for (k = 0; k < n; k++)
        if (!(fabs(a[k] - b[k]) <= rtol * (1.0 + fabs(a[k]))) &&
            !(a[k] == b[k]) && !(isnan(a[k]) && isnan(b[k]))) /* equal infinities, NaNs */
            return (long)k;
    return -1;
}

void *ck_alloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p) {
        printf("Bail out! amor check: out of memory (%zu x %zu bytes)\n", count, size);
        fflush(stdout);
        _exit(3);
    }
    return p;
}

#define CK_GUARD_VALUE 1.2345678901234567e300

double *ck_guarded(size_t n)
{
    double *p = ck_alloc(n + CK_GUARD, sizeof *p);
    size_t k;
    for (k = 0; k < n; k++) p[k] = NAN;
    for (k = 0; k < CK_GUARD; k++) p[n + k] = CK_GUARD_VALUE;
    return p;
}

int ck_guard_intact(const double *p, size_t n)
{
    size_t k;
    for (k = 0; k < CK_GUARD; k++)
        if (p[n + k] != CK_GUARD_VALUE) return 0;
    return 1;
}

/* ------------------------------------------------------------------------ */
/* Leaks                                                                    */

/* Bytes of heap in use (allocated chunks, including mmapped ones); 0 when
 * the C library cannot tell. */
static long heap_in_use(void)
{
#ifdef CK_ASAN
    return (long)__sanitizer_get_current_allocated_bytes();
#elif defined(__GLIBC__)
    struct mallinfo2 mi = mallinfo2();
    return (long)(mi.uordblks + mi.hblkhd);
#else
    return 0;
#endif
}

/* Resident set in KiB from /proc/self/statm, read without stdio (whose
 * buffers would count as heap). */
static long rss_kib(void)
{
    char buf[128];
    int fd = open("/proc/self/statm", O_RDONLY);
    ssize_t n;
    long size = 0, res = 0;
    if (fd < 0) return 0;
    n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) return 0;
    buf[n] = 0;
    if (sscanf(buf, "%ld %ld", &size, &res) != 2) return 0;
    return res * (sysconf(_SC_PAGESIZE) / 1024);
}

/* Heap growth allowed over the second half of the measured cycles.  The
 * first cycles may grow the heap once (glibc's tcache keeps freed chunks,
 * which mallinfo2 counts as in use, until its bins fill; lazily allocated
 * library buffers), so the count is taken again halfway and only the growth
 * after that is judged: a plugin that leaks even one chunk (>= 32 bytes) per
 * cycle exceeds 128 bytes over the >= 5 cycles of the second half. */
#define CK_LEAK_HEAP 128
/* Resident-set growth allowed over all measured cycles, for leaks the heap
 * count cannot see (direct mmap): 1 MiB; not judged under ASan. */
#define CK_LEAK_RSS 1024
#define STR_(x) #x
#define STR(x) STR_(x)
#ifdef CK_ASAN
#define CK_JUDGE_RSS 0
#else
#define CK_JUDGE_RSS 1
#endif
/* Time budget of the measured cycles, seconds; at least 10 cycles run. */
#define CK_LEAK_BUDGET 1.0
#define CK_LEAK_WARMUP 3

void ck_leaks(ck *c, int (*cycle)(void *ctx, char *err, size_t errlen), void *ctx)
{
    char err[1024];
    size_t i, n = c->o->cycles;
    long h0, h1 = 0, h2, r0, r2;
    double t0 = 0, per;
    ck_begin(c, "create/destroy cycles without leaks");
    err[0] = 0;
    for (i = 0; i < CK_LEAK_WARMUP; i++) {
        if (i == CK_LEAK_WARMUP - 1) t0 = clock_now();
        if (cycle(ctx, err, sizeof err)) {
            ck_diag(c, "warm-up cycle failed: %s", err);
            ck_end(c, 0);
            return;
        }
    }
    per = clock_now() - t0;
    if (per * (double)n > CK_LEAK_BUDGET) n = (size_t)(CK_LEAK_BUDGET / per);
    if (n < 10) n = 10;
    if (n > c->o->cycles) n = c->o->cycles;
    h0 = heap_in_use();
    r0 = rss_kib();
    for (i = 0; i < n; i++) {
        if (i == n / 2) h1 = heap_in_use();
        if (cycle(ctx, err, sizeof err)) {
            ck_diag(c, "cycle %zu failed: %s", i + 1, err);
            ck_end(c, 0);
            return;
        }
    }
    h2 = heap_in_use();
    r2 = rss_kib();
    ck_note(c, "(%zu create/use/destroy cycles: heap %+ld B then %+ld B, allowed %d in the second "
               "half; resident %+ld KiB, %s)",
            n, h1 - h0, h2 - h1, CK_LEAK_HEAP, r2 - r0,
            CK_JUDGE_RSS ? "allowed " STR(CK_LEAK_RSS) : "not judged under AddressSanitizer");
    if (h2 - h1 > CK_LEAK_HEAP)
        ck_diag(c, "heap in use grew by %ld bytes over the last %zu cycles (%.1f bytes per cycle; "
                   "allowed %d in all): create/destroy (or the call between them) leaks",
                h2 - h1, n - n / 2, (double)(h2 - h1) / (double)(n - n / 2), CK_LEAK_HEAP);
    if (CK_JUDGE_RSS && r2 - r0 > CK_LEAK_RSS)
        ck_diag(c, "resident set grew by %ld KiB over %zu cycles (allowed %d KiB)", r2 - r0, n,
                CK_LEAK_RSS);
    ck_end(c, h2 - h1 <= CK_LEAK_HEAP && (!CK_JUDGE_RSS || r2 - r0 <= CK_LEAK_RSS));
}

/* ------------------------------------------------------------------------ */
/* What models and losses need, and the problem they run against            */

/* Parameters of problem h with the --problem-set settings; non-zero with a
 * message when one is refused. */
static int problem_params(ck *c, const amor_plugin_head *h, params_set *ps, char *err, size_t errlen)
{
    size_t i;
    if (params_init(ps, h, err, errlen)) return -1;
    for (i = 0; i < c->o->npsets; i++) {
        char kv[512], *eq, e[1024];
        snprintf(kv, sizeof kv, "%s", c->o->psets[i]);
        eq = strchr(kv, '=');
        *eq = 0;
        if (params_set_text(ps, kv, eq + 1, e, sizeof e)) {
            snprintf(err, errlen, "--problem-set %s: %s", c->o->psets[i], e);
            params_free(ps);
            return -1;
        }
    }
    return 0;
}

/* Without --problem: quadratic when it provides `needs`, else the first
 * problem on the plugin path that does, in the loader's order (the shipped
 * plugins first, then AMOR_PLUGIN_PATH's).  The --problem-set settings then
 * apply to it (they do not steer the choice: a misspelt one is an error, not
 * another problem).  why says which and why; NULL with a message in err
 * when none provides `needs`. */
static const amor_plugin_head *choose_problem(ck *c, uint32_t needs, char *why, size_t wlen,
                                              char *err, size_t errlen)
{
    char miss[512], e[2048];
    const amor_plugin_head *q = loader_find(c->L, AMOR_KIND_PROBLEM, "quadratic", e, sizeof e);
    size_t i;
    miss[0] = 0;
    if (q && !cell_needs_missing((const amor_problem_desc *)q, needs, miss, sizeof miss)) {
        snprintf(why, wlen, "the default");
        return q;
    }
    for (i = 0; i < loader_count(c->L); i++) {
        const amor_plugin_head *h = loader_get(c->L, i)->head;
        if (h->kind != AMOR_KIND_PROBLEM || h == q ||
            cell_needs_missing((const amor_problem_desc *)h, needs, NULL, 0))
            continue;
        snprintf(why, wlen, "the first problem on the plugin path that provides what %s needs "
                            "with these parameters; quadratic, the default, %s%s",
                 c->h->name, q ? "lacks " : "is not on the path", q ? miss : "");
        return h;
    }
    cell_needs_text(needs, miss, sizeof miss);
    snprintf(err, errlen, "no problem on the plugin path provides what %s needs with these "
                          "parameters (%s); name one with --problem",
             c->h->name, needs ? miss : "nothing: quadratic, the default, is not on the path");
    return NULL;
}

int ck_problem_open(ck *c, ck_problem *p, uint32_t needs, const char *check)
{
    char err[2048], why[1024], miss[512];
    const amor_plugin_head *h;
    const char *name;
    uint32_t allowed = c->h->kind == AMOR_KIND_MODEL ? CK_MODEL_NEEDS : CK_LOSS_NEEDS;
    memset(p, 0, sizeof *p);
    if (needs & ~allowed)
        return !ck_report(c, check, 0, "%s declares AMOR_NEEDS_* bits 0x%x that %s", c->h->name,
                          (unsigned)(needs & ~allowed),
                          c->h->kind == AMOR_KIND_MODEL
                              ? "a model cannot have (y* and the validation objective are for "
                                "losses), or unknown ones"
                              : "are unknown");
    if (c->o->problem) {
        h = loader_find(c->L, AMOR_KIND_PROBLEM, c->o->problem, err, sizeof err);
        if (!h) return !ck_report(c, check, 0, "cannot load the problem: %s", err);
        snprintf(why, sizeof why, "named by --problem");
    } else if (!(h = choose_problem(c, needs, why, sizeof why, err, sizeof err))) {
        return !ck_report(c, check, 0, "%s", err);
    }
    p->d = (const amor_problem_desc *)h;
    name = h->name;
    if (cell_needs_missing(p->d, needs, miss, sizeof miss))
        return !ck_report(c, check, 0, "%s needs %s, which problem %s lacks; choose another with "
                                       "--problem", c->h->name, miss, name);
    printf("# %s: runs against problem %s (%s)\n", c->who, name, why);
    if (problem_params(c, h, &p->ps, err, sizeof err))
        return !ck_report(c, check, 0, "problem %s: %s", name, err);
    err[0] = 0;
    if (p->d->create(p->ps.values, &p->inst, err, sizeof err)) {
        params_free(&p->ps);
        p->inst = NULL;
        return !ck_report(c, check, 0, "problem %s: create failed: %s", name, err);
    }
    oracle_init(&p->oc, p->d, p->inst);
    p->nx = p->oc.nx;
    p->ny = p->oc.ny;
    if (!p->nx || !p->ny) {
        ck_problem_close(p);
        return !ck_report(c, check, 0, "problem %s reports nx = %zu, ny = %zu", name,
                          p->oc.nx, p->oc.ny);
    }
    return 0;
}

void ck_problem_close(ck_problem *p)
{
    if (p->inst) {
        oracle_free(&p->oc);
        p->d->destroy(p->inst);
        p->inst = NULL;
    }
    params_free(&p->ps);
}

amor_oracle ck_restricted_oracle(const ck_problem *p, uint32_t needs, int for_loss)
{
    /* the host's tables: a model's view (visible width, no validation
     * objective) or whole contexts for a loss */
    amor_oracle o = for_loss ? p->oc.table : p->oc.mtable;
    if (!(needs & AMOR_NEEDS_GRAD)) {
        o.value_grad = NULL;
        o.hvp = NULL;
    }
    if (!(needs & AMOR_NEEDS_SOLVER)) {
        o.state_dim = 0;
        o.solver_init = NULL;
        o.solver_step = NULL;
        o.residual = NULL;
    }
    if (!(needs & (AMOR_NEEDS_VALID | AMOR_NEEDS_VALID_GRAD))) o.valid_value = NULL;
    if (!(needs & AMOR_NEEDS_VALID_GRAD)) {
        o.valid_value_grad = NULL;
        o.valid_hvp = NULL;
    }
    return o;
}

/* ------------------------------------------------------------------------ */
/* The problem under check (pb), shared by check_problem.c and check_local.c */

const char *pb_err(pb *p)
{
    return p->err[0] ? p->err : "(no message)";
}

int pb_project(pb *p, size_t n, const double *x, double *y)
{
    if (!p->d->project) return 0;
    p->err[0] = 0;
    return p->d->project(p->inst, n, x, y, p->err, sizeof p->err);
}

int pb_random_points(pb *p, const double *base, double sigma, double *out)
{
    size_t i, k, ny = p->ny;
    for (i = 0; i < p->n; i++) {
        double s = sigma * fmax(1.0, ck_maxabs(base + i * ny, ny));
        for (k = 0; k < ny; k++) out[i * ny + k] = base[i * ny + k] + s * amor_rng_normal(&p->rng);
    }
    return pb_project(p, p->n, p->x, out);
}
