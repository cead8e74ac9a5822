/*
 * check.c -- `amor check PLUGIN`: opens a plugin (by name, or a .so file and
 * every descriptor in it), checks its descriptor and declared parameters,
 * then runs the checks of its kind (check_problem.c, check_model.c), each
 * plugin in a child process so that a crash or a hang is reported as the
 * failure of the check that was running.  Output is TAP on stdout.
 */
#include "check.h"
#include "check_int.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

static const char CHECK_USAGE[] =
    "usage: amor check PLUGIN [--set name=value ...] [--problem NAME]\n"
    "                  [--problem-set name=value ...] [--seed N] [--batch N]\n"
    "                  [--cycles N] [--timeout SECONDS] [--no-fork] [--verbose]\n";

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
    if (c->dlen + len + 4 > c->dcap) {
        size_t nc = (c->dcap + len + 4) * 2;
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

void ck_fd_judge(ck_fd *r, double a, const double *phi, double h, double rtol,
                 double scale)
{
    double d1 = (phi[0] - phi[1]) / (2 * h), d2 = (phi[2] - phi[3]) / h,
           d3 = (phi[4] - phi[5]) / (h / 2);
    double r1 = (4 * d2 - d1) / 3, r2 = (4 * d3 - d2) / 3, fmag = 0;
    int j;
    for (j = 0; j < CK_FD_N; j++) fmag = fmax(fmag, fabs(phi[j]));
    r->a = a;
    r->h = h;
    r->fd = r2;
    r->gap = fabs(r1 - r2);
    r->err = fabs(a - r2);
    r->allowed = rtol * fmax(fmax(fabs(a), fabs(r2)), 1e-3 * scale) +
                 1e3 * 2.220446049250313e-16 * fmag / h;
    r->smooth = isfinite(r->gap) && r->gap <= r->allowed;
    r->ok = r->smooth && r->err <= r->allowed;
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
#ifdef __GLIBC__
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

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Heap growth allowed over the second half of the measured cycles.  The
 * first cycles may grow the heap once (glibc's tcache keeps freed chunks,
 * which mallinfo2 counts as in use, until its bins fill; lazily allocated
 * library buffers), so the count is taken again halfway and only the growth
 * after that is judged: a plugin that leaks even one chunk (>= 32 bytes) per
 * cycle exceeds 128 bytes over the >= 5 cycles of the second half. */
#define CK_LEAK_HEAP 128
/* Resident-set growth allowed over all measured cycles, for leaks the heap
 * count cannot see (direct mmap): 1 MiB. */
#define CK_LEAK_RSS 1024
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
        if (i == CK_LEAK_WARMUP - 1) t0 = now();
        if (cycle(ctx, err, sizeof err)) {
            ck_diag(c, "warm-up cycle failed: %s", err);
            ck_end(c, 0);
            return;
        }
    }
    per = now() - t0;
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
               "half; resident %+ld KiB, allowed %d)",
            n, h1 - h0, h2 - h1, CK_LEAK_HEAP, r2 - r0, CK_LEAK_RSS);
    if (h2 - h1 > CK_LEAK_HEAP)
        ck_diag(c, "heap in use grew by %ld bytes over the last %zu cycles (%.1f bytes per cycle; "
                   "allowed %d in all): create/destroy (or the call between them) leaks",
                h2 - h1, n - n / 2, (double)(h2 - h1) / (double)(n - n / 2), CK_LEAK_HEAP);
    if (r2 - r0 > CK_LEAK_RSS)
        ck_diag(c, "resident set grew by %ld KiB over %zu cycles (allowed %d KiB)", r2 - r0, n,
                CK_LEAK_RSS);
    ck_end(c, h2 - h1 <= CK_LEAK_HEAP && r2 - r0 <= CK_LEAK_RSS);
}

/* ------------------------------------------------------------------------ */
/* The problem models and losses run against                                */

int ck_problem_open(ck *c, ck_problem *p, const char *check)
{
    char err[2048];
    const char *name = c->o->problem ? c->o->problem : "quadratic";
    const amor_plugin_head *h;
    size_t i;
    memset(p, 0, sizeof *p);
    h = loader_find(c->L, AMOR_KIND_PROBLEM, name, err, sizeof err);
    if (!h) return !ck_report(c, check, 0, "cannot load the problem: %s", err);
    p->d = (const amor_problem_desc *)h;
    if (params_init(&p->ps, h, err, sizeof err))
        return !ck_report(c, check, 0, "problem %s: %s", name, err);
    for (i = 0; i < c->o->npsets; i++) {
        char kv[512], *eq;
        snprintf(kv, sizeof kv, "%s", c->o->psets[i]);
        eq = strchr(kv, '=');
        *eq = 0;
        if (params_set_text(&p->ps, kv, eq + 1, err, sizeof err)) {
            params_free(&p->ps);
            return !ck_report(c, check, 0, "--problem-set %s: %s", c->o->psets[i], err);
        }
    }
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

amor_oracle ck_restricted_oracle(const ck_problem *p, uint32_t needs)
{
    amor_oracle o = p->oc.table;
    if (!(needs & AMOR_NEEDS_GRAD)) {
        o.value_grad = NULL;
        o.hvp = NULL;
    }
    return o;
}

/* ------------------------------------------------------------------------ */
/* Descriptor and parameter declarations                                    */

static size_t min_size(uint32_t kind)
{
    switch (kind) {
    case AMOR_KIND_PROBLEM: return sizeof(amor_problem_desc);
    case AMOR_KIND_MODEL: return sizeof(amor_model_desc);
    case AMOR_KIND_LOSS: return sizeof(amor_loss_desc);
    }
    return 0;
}

static int valid_name(const char *s)
{
    if (!s || !*s) return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_')) return 0;
    return 1;
}

static int one_line(const char *s)
{
    return s && *s && !strchr(s, '\n');
}

/* Missing required members, as a list in buf; empty when complete. */
static void missing(const amor_plugin_head *h, char *buf, size_t len)
{
    size_t off = 0;
#define NEED(cond, what)                                                              \
    do {                                                                              \
        if (!(cond) && off < len)                                                     \
            off += (size_t)snprintf(buf + off, len - off, "%s%s", off ? ", " : "", what); \
    } while (0)
    buf[0] = 0;
    if (h->kind == AMOR_KIND_PROBLEM) {
        const amor_problem_desc *d = (const amor_problem_desc *)h;
        NEED(d->create, "create");
        NEED(d->destroy, "destroy");
        NEED(d->dims, "dims");
        NEED(d->sample, "sample");
        NEED(d->value, "value");
        NEED(!d->project_vjp || d->project, "project (project_vjp is given)");
        NEED(!d->aux || d->aux_dim, "aux_dim (aux is given)");
        NEED(!d->aux_dim || d->aux, "aux (aux_dim is given)");
    } else if (h->kind == AMOR_KIND_MODEL) {
        const amor_model_desc *d = (const amor_model_desc *)h;
        NEED(d->create, "create");
        NEED(d->destroy, "destroy");
        NEED(d->num_params, "num_params");
        NEED(d->num_iterates, "num_iterates");
        NEED(d->workspace_size, "workspace_size");
        NEED(d->init, "init");
        NEED(d->forward, "forward");
        NEED(d->backward, "backward");
        NEED(!(d->needs & ~(uint32_t)AMOR_NEEDS_GRAD), "needs: only AMOR_NEEDS_GRAD applies to a model");
    } else {
        const amor_loss_desc *d = (const amor_loss_desc *)h;
        NEED(d->create, "create");
        NEED(d->destroy, "destroy");
        NEED(d->eval, "eval");
        NEED(!(d->needs & ~(uint32_t)(AMOR_NEEDS_YSTAR | AMOR_NEEDS_GRAD | AMOR_NEEDS_VALUE)),
             "needs: unknown AMOR_NEEDS_* bits");
    }
#undef NEED
}

static int in_choices(const char *choices, const char *v)
{
    size_t len = strlen(v);
    const char *p = choices;
    while (p) {
        const char *bar = strchr(p, '|');
        size_t l = bar ? (size_t)(bar - p) : strlen(p);
        if (l == len && !strncmp(p, v, len)) return 1;
        p = bar ? bar + 1 : NULL;
    }
    return 0;
}

/* Problems with one declaration, as a message; NULL when fine. */
static const char *decl_problem(const amor_param_decl *d, char *buf, size_t len)
{
    size_t k;
    if (!valid_name(d->name)) return "invalid name (want [a-z0-9_]+)";
    if (!one_line(d->doc)) return "no one-line doc";
    switch (d->type) {
    case AMOR_PARAM_INT:
    case AMOR_PARAM_REAL:
    case AMOR_PARAM_INT_LIST:
        if (isnan(d->min) || isnan(d->max) || d->min > d->max) {
            snprintf(buf, len, "empty range [%g, %g]", d->min, d->max);
            return buf;
        }
        if (d->type == AMOR_PARAM_INT_LIST) {
            if (d->def_list_len && !d->def_list) return "default list of nonzero length is NULL";
            for (k = 0; k < d->def_list_len; k++)
                if ((double)d->def_list[k] < d->min || (double)d->def_list[k] > d->max) {
                    snprintf(buf, len, "default element %zu = %lld outside [%.17g, %.17g]", k + 1,
                             (long long)d->def_list[k], d->min, d->max);
                    return buf;
                }
            return NULL;
        }
        if (!isfinite(d->def) || d->def < d->min || d->def > d->max) {
            snprintf(buf, len, "default %.17g outside [%.17g, %.17g]", d->def, d->min, d->max);
            return buf;
        }
        if (d->type == AMOR_PARAM_INT && d->def != floor(d->def)) {
            snprintf(buf, len, "integer default %.17g is not an integer", d->def);
            return buf;
        }
        return NULL;
    case AMOR_PARAM_BOOL:
        if (d->def != 0 && d->def != 1) {
            snprintf(buf, len, "bool default %.17g is neither 0 nor 1", d->def);
            return buf;
        }
        return NULL;
    case AMOR_PARAM_STRING:
        if (d->choices && !in_choices(d->choices, d->def_string ? d->def_string : "")) {
            snprintf(buf, len, "default \"%s\" is not one of %s",
                     d->def_string ? d->def_string : "", d->choices);
            return buf;
        }
        return NULL;
    }
    snprintf(buf, len, "unknown type %u", (unsigned)d->type);
    return buf;
}

/* The descriptor checks; returns non-zero when the kind's checks can run. */
static int check_descriptor(ck *c)
{
    const amor_plugin_head *h = c->h;
    char buf[512];
    size_t i, j;
    int ok;

    ck_begin(c, "descriptor: ABI version");
    ck_note(c, "(plugin %u.%u, host %u.%u)", (unsigned)h->abi_version, (unsigned)h->abi_minor,
            AMOR_ABI_VERSION, AMOR_ABI_MINOR);
    if (h->abi_version != AMOR_ABI_VERSION)
        ck_diag(c, "built for amor ABI version %u, this host speaks ABI version %u: rebuild "
                   "the plugin against this amor.h",
                (unsigned)h->abi_version, AMOR_ABI_VERSION);
    if (!ck_end(c, h->abi_version == AMOR_ABI_VERSION)) return 0;

    ck_begin(c, "descriptor: kind and struct_size");
    ok = min_size(h->kind) != 0;
    if (!ok) {
        ck_diag(c, "unknown kind %u (1 problem, 2 model, 3 loss)", (unsigned)h->kind);
    } else {
        ck_note(c, "(%s, %u bytes)", loader_kind_name(h->kind), (unsigned)h->struct_size);
        if (h->struct_size < min_size(h->kind)) {
            ok = 0;
            ck_diag(c, "struct_size %u is smaller than the %zu bytes of an ABI %u %s descriptor",
                    (unsigned)h->struct_size, min_size(h->kind), AMOR_ABI_VERSION,
                    loader_kind_name(h->kind));
        }
    }
    if (!ck_end(c, ok)) return 0;

    ck_begin(c, "descriptor: name, version and doc");
    ok = 1;
    if (!valid_name(h->name)) {
        ok = 0;
        ck_diag(c, "name \"%s\" is not [a-z0-9_]+", h->name ? h->name : "(null)");
    }
    if (!h->version || !*h->version) {
        ok = 0;
        ck_diag(c, "no version string");
    }
    if (!one_line(h->doc)) {
        ok = 0;
        ck_diag(c, "doc is missing or not one line");
    }
    ck_end(c, ok);

    missing(h, buf, sizeof buf);
    ck_begin(c, "descriptor: required functions");
    if (buf[0]) ck_diag(c, "missing or inconsistent: %s", buf);
    if (!ck_end(c, !buf[0])) return 0;

    ck_begin(c, "parameters: declarations valid, defaults inside their ranges");
    ck_note(c, "(%zu parameter%s)", h->num_params, h->num_params == 1 ? "" : "s");
    ok = 1;
    if (h->num_params && !h->params) {
        ok = 0;
        ck_diag(c, "num_params is %zu but the table is NULL", h->num_params);
    } else {
        for (i = 0; i < h->num_params; i++) {
            const amor_param_decl *d = &h->params[i];
            const char *why = decl_problem(d, buf, sizeof buf);
            if (why) {
                ok = 0;
                ck_diag(c, "parameter %zu '%s': %s", i + 1, d->name ? d->name : "(null)", why);
            }
            for (j = 0; j < i && d->name; j++)
                if (h->params[j].name && !strcmp(h->params[j].name, d->name)) {
                    ok = 0;
                    ck_diag(c, "parameter name '%s' declared twice (entries %zu and %zu)",
                            d->name, j + 1, i + 1);
                }
        }
    }
    if (!ck_end(c, ok)) return 0;

    if (params_init(&c->ps, h, buf, sizeof buf)) return !ck_report(c, "parameters: defaults", 0, "%s", buf);
    if (c->o->nsets) {
        ck_begin(c, "parameters: --set values accepted");
        ok = 1;
        for (i = 0; i < c->o->nsets; i++) {
            char kv[512], *eq;
            snprintf(kv, sizeof kv, "%s", c->o->sets[i]);
            eq = strchr(kv, '=');
            *eq = 0;
            if (params_set_text(&c->ps, kv, eq + 1, buf, sizeof buf)) {
                ok = 0;
                ck_diag(c, "--set %s: %s", c->o->sets[i], buf);
            }
        }
        if (!ck_end(c, ok)) return 0;
    }
    return 1;
}

static void check_one(ck *c)
{
    if (check_descriptor(c)) {
        switch (c->h->kind) {
        case AMOR_KIND_PROBLEM: check_problem(c); break;
        case AMOR_KIND_MODEL: check_model(c); break;
        case AMOR_KIND_LOSS: check_loss(c); break;
        }
    }
    params_free(&c->ps);
    free(c->diag);
    c->diag = NULL;
    c->dcap = c->dlen = 0;
}

/* ------------------------------------------------------------------------ */
/* Running one plugin's checks in a child                                   */

/* Run the checks of h as `who`, in a child unless --no-fork; the parent
 * follows the child's progress through a pipe ("B check" when a check
 * begins, "E 0|1|2" when it ends ok / failed / skipped), so that a crash or
 * a timeout is reported as the failure of the check that was running. */
static void run_plugin(ck *c, const amor_plugin_head *h, const char *who)
{
    int fds[2], status;
    pid_t pid;
    FILE *in;
    char line[512], open_check[200] = "";
    c->h = h;
    c->who = who;
    memset(&c->ps, 0, sizeof c->ps);
    if (!c->o->fork || pipe(fds)) {
        c->pipe = -1;
        check_one(c);
        return;
    }
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        c->pipe = -1;
        check_one(c);
        return;
    }
    if (pid == 0) {
        close(fds[0]);
        c->pipe = fds[1];
        if (c->o->timeout) alarm(c->o->timeout);
        check_one(c);
        fflush(stdout);
        _exit(0);
    }
    close(fds[1]);
    in = fdopen(fds[0], "r");
    while (in && fgets(line, sizeof line, in)) {
        size_t len = strlen(line);
        if (len && line[len - 1] == '\n') line[--len] = 0;
        if (line[0] == 'B' && line[1] == ' ') {
            snprintf(open_check, sizeof open_check, "%s", line + 2);
        } else if (line[0] == 'E' && line[1] == ' ') {
            c->count++;
            if (line[2] == '1') c->failed++;
            open_check[0] = 0;
        }
    }
    if (in) fclose(in);
    else close(fds[0]);
    while (waitpid(pid, &status, 0) < 0) {}
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return;
    c->count++;
    c->failed++;
    printf("not ok %d - %s: %s\n", c->count, who, open_check[0] ? open_check : "checks ran to the end");
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
        printf("#   timed out after %u s (--timeout) during this check; the remaining checks of "
               "%s did not run\n", c->o->timeout, who);
    else if (WIFSIGNALED(status))
        printf("#   crashed: killed by signal %d (%s) during this check; the remaining checks "
               "of %s did not run (rerun with --no-fork under a debugger)\n",
               WTERMSIG(status), strsignal(WTERMSIG(status)), who);
    else
        printf("#   the check process exited with status %d during this check\n",
               WEXITSTATUS(status));
    fflush(stdout);
}

/* ------------------------------------------------------------------------ */
/* A plugin file named by path                                              */

static int looks_like_path(const char *name)
{
    size_t len = strlen(name);
    return strchr(name, '/') || (len > 3 && !strcmp(name + len - 3, ".so"));
}

/* Open the file ourselves (not through the loader, which refuses a bad
 * descriptor as a whole) so that every problem is a TAP line. */
static void check_file(ck *c, const char *path)
{
    char real[PATH_MAX];
    void *dl;
    amor_descriptor_fn entry;
    const amor_plugin_head *h;
    uint32_t i;
    static char labels[64][160];

    c->who = path;
    c->pipe = -1;
    if (!realpath(path, real)) {
        ck_report(c, "loads as a shared object", 0, "no such file");
        return;
    }
    dlerror();
    dl = dlopen(real, RTLD_NOW | RTLD_LOCAL);
    if (!ck_report(c, "loads as a shared object", dl != NULL, "dlopen: %s",
                   dl ? "" : dlerror()))
        return;
    dlerror();
    *(void **)(&entry) = dlsym(dl, AMOR_ENTRY_SYMBOL);
    if (!ck_report(c, "exports " AMOR_ENTRY_SYMBOL, entry != NULL,
                   "no entry point '%s' in the shared library", AMOR_ENTRY_SYMBOL))
        return;
    for (i = 0; i < 64 && (h = entry(i)) != NULL; i++) {
        if (valid_name(h->name)) snprintf(labels[i], sizeof labels[i], "%s", h->name);
        else snprintf(labels[i], sizeof labels[i], "%s[%u]", path, (unsigned)i);
        run_plugin(c, h, labels[i]);
    }
    if (i == 0) ck_report(c, "returns a descriptor for index 0", 0, "%s(0) returned NULL", AMOR_ENTRY_SYMBOL);
    /* the handle stays open: nothing else runs after the checks */
}

/* ------------------------------------------------------------------------ */
/* Command line                                                             */

static int parse_count(const char *opt, const char *s, size_t lo, size_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (!*s || *end || v < lo || v > 1000000000ull || *s == '-') {
        fprintf(stderr, "amor check: %s expects an integer >= %zu, got '%s'\n", opt, lo, s);
        return -1;
    }
    *out = (size_t)v;
    return 0;
}

int check_main(loader *L, int argc, char **argv)
{
    check_opts o;
    ck c;
    const char *plugin = NULL;
    int i;
    size_t v;

    memset(&o, 0, sizeof o);
    o.seed = 1;
    o.batch = 8;
    o.cycles = 100;
    o.timeout = 300;
    o.fork = 1;
    o.sets = calloc((size_t)argc, sizeof *o.sets);
    o.psets = calloc((size_t)argc, sizeof *o.psets);
    if (!o.sets || !o.psets) return 1;
    for (i = 2; i < argc; i++) {
        const char *a = argv[i];
        int has = i + 1 < argc;
        if ((!strcmp(a, "--set") || !strcmp(a, "--problem-set")) && has) {
            const char *kv = argv[++i];
            if (!strchr(kv, '=') || kv[0] == '=') {
                fprintf(stderr, "amor check: %s expects name=value, got '%s'\n", a, kv);
                goto usage;
            }
            if (!strcmp(a, "--set")) o.sets[o.nsets++] = kv;
            else o.psets[o.npsets++] = kv;
        } else if (!strcmp(a, "--problem") && has) {
            o.problem = argv[++i];
        } else if (!strcmp(a, "--seed") && has) {
            if (parse_count(a, argv[++i], 0, &v)) goto usage;
            o.seed = v;
        } else if (!strcmp(a, "--batch") && has) {
            if (parse_count(a, argv[++i], 2, &o.batch)) goto usage;
        } else if (!strcmp(a, "--cycles") && has) {
            if (parse_count(a, argv[++i], 10, &o.cycles)) goto usage;
        } else if (!strcmp(a, "--timeout") && has) {
            if (parse_count(a, argv[++i], 0, &v)) goto usage;
            o.timeout = (unsigned)v;
        } else if (!strcmp(a, "--no-fork")) {
            o.fork = 0;
        } else if (!strcmp(a, "--verbose") || !strcmp(a, "-v")) {
            o.verbose = 1;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "amor check: unknown option '%s'%s\n", a,
                    has ? "" : " (or its value is missing)");
            goto usage;
        } else if (!plugin) {
            plugin = a;
        } else {
            fprintf(stderr, "amor check: more than one plugin ('%s', '%s')\n", plugin, a);
            goto usage;
        }
    }
    if (!plugin) {
        fprintf(stderr, "amor check: missing PLUGIN (a name or a path to a .so)\n");
        goto usage;
    }

    memset(&c, 0, sizeof c);
    c.o = &o;
    c.L = L;
    c.pipe = -1;
    if (looks_like_path(plugin)) {
        check_file(&c, plugin);
    } else {
        char err[2048];
        const amor_plugin_head *h = loader_find(L, 0, plugin, err, sizeof err);
        if (!h) {
            fprintf(stderr, "amor check: %s\n", err);
            free(o.sets);
            free(o.psets);
            return 2;
        }
        run_plugin(&c, h, h->name);
    }
    printf("1..%d\n", c.count);
    if (c.failed) printf("# %d of %d checks failed\n", c.failed, c.count);
    fflush(stdout);
    free(o.sets);
    free(o.psets);
    return c.failed ? 1 : 0;
usage:
    fputs(CHECK_USAGE, stderr);
    free(o.sets);
    free(o.psets);
    return 2;
}
