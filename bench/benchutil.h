/*
 * benchutil.h -- what the timers of `make bench` that load a problem plugin
 * share (bench/ot_sinkhorn.c, bench/qp_admm.c): the clock, fatal errors,
 * loading a problem's descriptor and making an instance with its declared
 * defaults but a few parameters.  Header-only: each timer is one file.
 * Set bench_name first thing in main.
 */
#ifndef AMOR_BENCHUTIL_H
#define AMOR_BENCHUTIL_H

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "amor.h"

static const char *bench_name = "bench";
static int use_cpu = 1; /* --clock cpu (the default) or wall */

static inline double now(void)
{
    struct timespec ts;
    clock_gettime(use_cpu ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static inline void die(const char *what, const char *err)
{
    fprintf(stderr, "%s: %s: %s\n", bench_name, what, err);
    exit(1);
}

static inline void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p) die("malloc", "out of memory");
    return p;
}

/* The descriptor of dir/problems/<name>.so (the process keeps it loaded). */
static inline const amor_problem_desc *bench_problem(const char *dir, const char *name)
{
    const amor_plugin_head *(*entry)(uint32_t);
    char path[4096];
    void *so;
    snprintf(path, sizeof path, "%s/problems/%s.so", dir, name);
    if (!(so = dlopen(path, RTLD_NOW | RTLD_LOCAL)) ||
        !(*(void **)&entry = dlsym(so, "amor_plugin_descriptor")))
        die("dlopen", dlerror());
    return (const amor_problem_desc *)entry(0);
}

/* An instance with the declared defaults but the n parameters names[k] set
 * to the text strings[k] (string parameters) or the number reals[k] (the
 * others); a NULL string leaves that parameter at its default. */
static inline void *bench_instance(const amor_problem_desc *d, size_t n, const char *const *names,
                            const char *const *strings, const double *reals)
{
    amor_value pv[64];
    char err[1024] = "";
    void *inst;
    size_t k, j;
    if (d->head.num_params > 64) die("create", "more parameters than this timer knows");
    memset(pv, 0, sizeof pv);
    for (k = 0; k < d->head.num_params; k++) {
        const amor_param_decl *p = &d->head.params[k];
        pv[k].r = p->def;
        pv[k].i = (int64_t)p->def;
        pv[k].s = p->def_string;
        for (j = 0; j < n; j++) {
            if (strcmp(p->name, names[j])) continue;
            if (p->type == AMOR_PARAM_STRING) {
                if (strings[j]) pv[k].s = strings[j];
            } else {
                pv[k].r = reals[j];
                pv[k].i = (int64_t)reals[j];
            }
        }
    }
    if (d->create(pv, &inst, err, sizeof err)) die("create", err);
    return inst;
}

#endif
