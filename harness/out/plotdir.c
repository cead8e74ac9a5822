/*
 * plotdir.c -- a results directory's figures from its CSVs (see plotdir.h):
 * grouping cells over seeds, means with bootstrap intervals, the figures'
 * file names, and the training, solver and final-gap figures.  Reading
 * runs/curves/solver.csv into cells is plotread.c's.
 */
#include "plotdir.h"
#include "plotdir_int.h"

#include "fileutil.h"

#include "amor.h"
#include "cell.h"
#include "csvread.h"
#include "plot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- small helpers --------------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void file_safe(char *dst, size_t dlen, const char *src)
{
    size_t k = 0;
    for (; *src && k + 1 < dlen; src++) {
        char ch = *src;
        dst[k++] = ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || ch == '.')
                       ? ch : '_';
    }
    while (k > 0 && dst[k - 1] == '_') k--; /* "dim_4_" -> "dim_4" */
    dst[k] = 0;
}

/* ---- figure names --------------------------------------------------------- */

/* Longest file name a figure gets before its extension and temporary
 * suffix (".svg.tmp.<host>.<pid>", under 90 characters): file systems stop
 * at 255. */
#define STEM_MAX 160

/* <exp>_<kind>[_<problem>], file-safe. */
static void base_stem(char *stem, size_t len, const char *exp, const char *kind,
                      const char *problem)
{
    char raw[2048];
    if (problem) snprintf(raw, sizeof raw, "%s_%s_%s", exp, kind, problem);
    else snprintf(raw, sizeof raw, "%s_%s", exp, kind);
    file_safe(stem, len, raw);
}

/* The file name (stem) of a figure.  Different figures of one directory can
 * map to one file-safe name: experiments "a b" and "a_b", problems whose
 * parameters differ only in characters that become '_' (a path in a string
 * parameter), names cut to length.  Every figure whose name another figure
 * of the directory shares, or whose name is longer than STEM_MAX, gets "_"
 * and eight hex digits of a hash of its exact identity (experiment, kind,
 * problem): no figure overwrites another, and names stay the same from run
 * to run for the same contents of runs.csv. */
static void figure_stem(const pdir *D, char *stem, size_t len, const char *exp,
                        const char *kind, const char *problem)
{
    /* the per-problem kinds, then the per-experiment one */
    static const char *const KINDS[4] = {"training", "solver", "residual", "final"};
    char other[STEM_MAX + 256], mine[STEM_MAX + 256], id[2048];
    int clash = 0;
    size_t i, k;
    base_stem(mine, sizeof mine, exp, kind, problem);
    clash = strlen(mine) > STEM_MAX;
    for (i = 0; i < D->n && !clash; i++) {
        const cellrec *c = &D->c[i];
        if (!c->ok) continue;
        for (k = 0; k < 4 && !clash; k++) {
            const char *p = k < 3 ? c->problem : NULL;
            if (!strcmp(c->exp, exp) && !strcmp(KINDS[k], kind) &&
                (p ? problem && !strcmp(p, problem) : !problem))
                continue; /* this very figure */
            base_stem(other, sizeof other, c->exp, KINDS[k], p);
            clash = !strcmp(other, mine);
        }
    }
    if (!clash) {
        snprintf(stem, len, "%s", mine);
        return;
    }
    snprintf(id, sizeof id, "%s\x1f%s", kind, problem ? problem : "");
    mine[STEM_MAX] = 0;
    snprintf(stem, len, "%s_%08lx", mine, (unsigned long)(plotdir_hash2(exp, id) & 0xffffffffu));
}

/* ---- groups and their statistics ----------------------------------------- */

typedef struct group {
    const char *key, *label;
    size_t *m;   /* member cells (status ok), in runs.csv order */
    size_t n;
} group;

static void groups_free(group *g, size_t n)
{
    size_t i;
    for (i = 0; g && i < n; i++) free(g[i].m);
    free(g);
}

/* The groups of experiment exp's ok cells on `problem`, in order. */
static group *groups_of(pdir *D, const char *exp, const char *problem, size_t *ng)
{
    group *g = calloc(D->n + 1, sizeof *g);
    size_t i, k;
    *ng = 0;
    if (!g) return NULL;
    for (i = 0; i < D->n; i++) {
        const cellrec *c = &D->c[i];
        if (!c->ok || strcmp(c->exp, exp) || strcmp(c->problem, problem)) continue;
        for (k = 0; k < *ng && strcmp(g[k].key, c->group); k++) {}
        if (k == *ng) {
            g[k].key = c->group;
            g[k].label = c->label;
            if (!(g[k].m = malloc((D->n + 1) * sizeof *g[k].m))) {
                groups_free(g, *ng + 1);
                return NULL;
            }
            ++*ng;
        }
        g[k].m[g[k].n++] = i;
    }
    return g;
}

/* Mean of v[0..n) in order; with n >= 2 the bootstrap interval (plotdir.h)
 * of the stream seeded from `what`, else NaN. */
static double mean_ci(pdir *D, const double *v, size_t n, const char *what, double *lo, double *hi)
{
    double s = 0;
    size_t i, b;
    for (i = 0; i < n; i++) s += v[i];
    *lo = *hi = NAN;
    if (n >= 2) {
        amor_rng r;
        amor_rng_seed(&r, cell_hash(what));
        for (b = 0; b < PLOTDIR_BOOT; b++) {
            double t = 0;
            for (i = 0; i < n; i++) t += v[amor_rng_next(&r) % n];
            D->boot[b] = t / (double)n;
        }
        qsort(D->boot, PLOTDIR_BOOT, sizeof *D->boot, cmp_double);
        *lo = D->boot[PLOTDIR_LO_RANK - 1];
        *hi = D->boot[PLOTDIR_HI_RANK - 1];
    }
    return n ? s / (double)n : NAN;
}

/* One aggregated curve: at each x that some member has, the mean over the
 * members that have it (finite values only).  Arrays of n; free x. */
typedef struct curve {
    size_t n;
    double *x, *y, *lo, *hi, *sec;
} curve;

/* Aggregate metric m (for M_SOLVER and M_RESIDUAL: solver s) of cells
 * idx[0..k).  by_std: with one value at x, the band is +/- its sd (solver
 * rows). */
static int aggregate(pdir *D, const size_t *idx, size_t k, int m, size_t s, int by_std,
                     const char *what, curve *o)
{
    int by_solver = m == M_SOLVER || m == M_RESIDUAL;
    size_t total = 0, i, j, nx = 0, *cur = calloc(k + 1, sizeof *cur);
    double *xs, *vals = malloc((k + 1) * sizeof *vals), *secs = malloc((k + 1) * sizeof *vals);
    memset(o, 0, sizeof *o);
    for (i = 0; i < k; i++) total += D->c[idx[i]].m[m].n;
    xs = malloc((total + 1) * sizeof *xs);
    o->x = malloc((5 * total + 1) * sizeof *o->x);
    if (!cur || !vals || !secs || !xs || !o->x) {
        free(cur), free(vals), free(secs), free(xs), free(o->x);
        o->x = NULL;
        return amor_errorf(D->err, D->errlen, AMOR_ENOMEM, "out of memory");
    }
    o->y = o->x + total, o->lo = o->y + total, o->hi = o->lo + total, o->sec = o->hi + total;
    for (i = 0; i < k; i++) {
        const ptvec *v = &D->c[idx[i]].m[m];
        for (j = 0; j < v->n; j++)
            if (!by_solver || v->p[j].solver == s) xs[nx++] = v->p[j].x;
    }
    qsort(xs, nx, sizeof *xs, cmp_double);
    /* a residual run stops once its every context has converged, so seeds
     * end at different iterations: a point stands only where every seed
     * that ran the method has one, or the mean would jump up where the
     * first seed stops */
    size_t need = 0;
    if (m == M_RESIDUAL)
        for (i = 0; i < k; i++) {
            const ptvec *v = &D->c[idx[i]].m[m];
            for (j = 0; j < v->n && v->p[j].solver != s; j++) {}
            need += j < v->n;
        }
    for (j = 0; j < nx; j++) {
        size_t nv = 0;
        double sd = NAN;
        char w[512];
        if (j && xs[j] == xs[j - 1]) continue;
        for (i = 0; i < k; i++) {
            const ptvec *v = &D->c[idx[i]].m[m];
            while (cur[i] < v->n && (v->p[cur[i]].x < xs[j] ||
                                     (by_solver && v->p[cur[i]].solver != s)))
                cur[i]++;
            if (cur[i] < v->n && v->p[cur[i]].x == xs[j] && isfinite(v->p[cur[i]].v)) {
                secs[nv] = v->p[cur[i]].sec;
                sd = v->p[cur[i]].sd;
                vals[nv++] = v->p[cur[i]].v;
            }
        }
        if (!nv || nv < need) continue;
        snprintf(w, sizeof w, "%s|%.17g", what, xs[j]);
        o->x[o->n] = xs[j];
        o->y[o->n] = mean_ci(D, vals, nv, w, &o->lo[o->n], &o->hi[o->n]);
        if (by_std && nv == 1) {
            o->lo[o->n] = vals[0] - sd;
            o->hi[o->n] = vals[0] + sd;
        }
        {
            double t = 0;
            for (i = 0; i < nv; i++) t += secs[i];
            o->sec[o->n] = t / (double)nv;
        }
        o->n++;
    }
    free(cur);
    free(vals);
    free(secs);
    free(xs);
    return 0;
}

/* Sort every cell's points by x (curves.csv is in step order already; a
 * stable merge of equal x keeps solver rows apart by solver). */
static void seeds_phrase(pdir *D, const char *exp, const char *problem, const group *g,
                         size_t ng, const char *band, char *buf, size_t len)
{
    size_t lo = (size_t)-1, hi = 0, i, bad = 0;
    for (i = 0; i < ng; i++) {
        if (g[i].n < lo) lo = g[i].n;
        if (g[i].n > hi) hi = g[i].n;
    }
    for (i = 0; i < D->n; i++)
        bad += !D->c[i].ok && !strcmp(D->c[i].exp, exp) &&
               (!problem || !strcmp(D->c[i].problem, problem));
    if (hi <= 1) snprintf(buf, len, "1 seed");
    else if (lo == hi) snprintf(buf, len, "mean of %zu seeds, %s", hi, band);
    else snprintf(buf, len, "mean of %zu-%zu seeds, %s", lo, hi, band);
    if (bad) {
        size_t l = strlen(buf);
        snprintf(buf + l, len - l, "; %zu cell%s not ok left out", bad, bad == 1 ? "" : "s");
    }
}

/* Labels: the group's, plus its number of seeds when the groups differ. */
static char **labels_of(const group *g, size_t ng)
{
    char **l = calloc(ng + 1, sizeof *l);
    size_t i, same = 1;
    if (!l) return NULL;
    for (i = 1; i < ng; i++) same &= g[i].n == g[0].n;
    for (i = 0; i < ng; i++) {
        size_t len = strlen(g[i].label) + 32;
        if (!(l[i] = malloc(len))) continue;
        if (same) snprintf(l[i], len, "%s", *g[i].label ? g[i].label : "(all)");
        else snprintf(l[i], len, "%s (%zu seed%s)", *g[i].label ? g[i].label : "(all)", g[i].n,
                      g[i].n == 1 ? "" : "s");
    }
    return l;
}

static void labels_free(char **l, size_t n)
{
    size_t i;
    for (i = 0; l && i < n; i++) free(l[i]);
    free(l);
}

/* ---- figures --------------------------------------------------------------- */

static int training_figure(pdir *D, const char *exp, const char *problem)
{
    size_t ng, i, k, ngap = 0;
    group *g = groups_of(D, exp, problem, &ng);
    curve *cv = calloc(2 * ng + 1, sizeof *cv);
    plot_series *ser = calloc(2 * ng + 1, sizeof *ser);
    char **lab = g ? labels_of(g, ng) : NULL;
    char stem[1024], title[1024], seeds[256], what[2048];
    int rc = 0, positive = 1;
    if (!g || !cv || !ser || !lab) {
        rc = amor_errorf(D->err, D->errlen, AMOR_ENOMEM, "out of memory");
        goto out;
    }
    for (i = 0; i < ng && !rc; i++)
        for (k = 0; k < 2 && !rc; k++) {
            int m = k ? M_OBJECTIVE : M_GAP;
            snprintf(what, sizeof what, "%s|%s|%s", exp, g[i].key, k ? "objective" : "gap");
            rc = aggregate(D, g[i].m, g[i].n, m, 0, 0, what, &cv[k * ng + i]);
            ser[k * ng + i] = (plot_series){lab[i], cv[k * ng + i].n, cv[k * ng + i].x,
                                            cv[k * ng + i].y, cv[k * ng + i].lo,
                                            cv[k * ng + i].hi, NULL};
            if (!k) ngap += cv[i].n > 0;
            for (size_t j = 0; k && j < cv[ng + i].n; j++) positive &= cv[ng + i].y[j] > 0;
        }
    if (!rc && ng) {
        /* every group in both panels (an empty gap series keeps colours aligned) */
        plot_figure p[2];
        plot_layout lay = {title, 1, ngap ? 2 : 1, ngap ? 1500 : 900, 520, 1};
        memset(p, 0, sizeof p);
        p[0] = (plot_figure){"held-out gap f(yhat) - f(y*)", "training step", "gap (log scale)",
                             0, 1, ng, ser, 0, NULL, NULL, 0, 0};
        p[1] = (plot_figure){"held-out objective f(yhat)", "training step",
                             positive ? "objective (log scale)" : "objective", 0, positive, ng,
                             ser + ng, 0, NULL, NULL, 0, 0};
        seeds_phrase(D, exp, problem, g, ng, "95% bootstrap band", seeds, sizeof seeds);
        snprintf(title, sizeof title, "%s: %s, training curves (%s)", exp, problem, seeds);
        figure_stem(D, stem, sizeof stem, exp, "training", problem);
        /* logged by the batch (plotdir_figures) once rendered */
        rc = plot_write_multi(D->dir, stem, &lay, ngap ? 2 : 1, ngap ? p : p + 1, D->err,
                              D->errlen) != 0;
    }
out:
    for (i = 0; cv && i < 2 * ng; i++) free(cv[i].x);
    free(cv);
    free(ser);
    labels_free(lab, ng);
    groups_free(g, ng);
    return rc;
}

static int solver_figure(pdir *D, const char *exp, const char *problem)
{
    size_t ng, i, j, s, nseeds = 0, nser = 0, maxn = 0;
    group *g = groups_of(D, exp, problem, &ng);
    size_t *first = calloc(D->n + 1, sizeof *first);
    plot_hband *bands = calloc(ng + 1, sizeof *bands);
    double *vals = malloc((D->n + 1) * sizeof *vals);
    curve cv[8];
    plot_series ser[16];
    char **lab = g ? labels_of(g, ng) : NULL;
    char stem[1024], title[1024], seeds[256], what[2048];
    int rc = 0;
    memset(cv, 0, sizeof cv);
    if (!g || !first || !bands || !vals || !lab) {
        rc = amor_errorf(D->err, D->errlen, AMOR_ENOMEM, "out of memory");
        goto out;
    }
    /* per seed, the first ok cell of the problem with solver rows */
    for (i = 0; i < D->n; i++) {
        const cellrec *c = &D->c[i];
        if (!c->ok || !c->m[M_SOLVER].n || strcmp(c->exp, exp) || strcmp(c->problem, problem))
            continue;
        for (j = 0; j < nseeds && D->c[first[j]].seed != c->seed; j++) {}
        if (j == nseeds) first[nseeds++] = i;
    }
    if (!nseeds) goto out;
    for (i = 0; i < ng; i++)
        if (g[i].n > maxn) maxn = g[i].n;
    for (s = 0; s < D->nsolvers && !rc; s++) {
        snprintf(what, sizeof what, "%s|%s|solver|%s", exp, problem, D->solvers[s]);
        rc = aggregate(D, first, nseeds, M_SOLVER, s, maxn <= 1 && nseeds == 1, what, &cv[s]);
        if (rc || !cv[s].n) continue;
        ser[nser] = (plot_series){D->solvers[s], cv[s].n, cv[s].x, cv[s].y, cv[s].lo, cv[s].hi, NULL};
        ser[8 + nser] = ser[nser];
        ser[8 + nser].x = cv[s].sec;
        nser++;
    }
    for (i = 0; i < ng && !rc; i++) {
        size_t nv = 0;
        for (j = 0; j < g[i].n; j++)
            if (isfinite(D->c[g[i].m[j]].obj)) vals[nv++] = D->c[g[i].m[j]].obj;
        snprintf(what, sizeof what, "%s|%s|objective", exp, g[i].key);
        bands[i].label = lab[i];
        bands[i].y = mean_ci(D, vals, nv, what, &bands[i].lo, &bands[i].hi);
        if (nv == 1 && maxn <= 1) {
            double sd = D->c[g[i].m[0]].obj_sd;
            bands[i].lo = bands[i].y - sd;
            bands[i].hi = bands[i].y + sd;
        } else if (nv < 2)
            bands[i].lo = bands[i].hi = bands[i].y;
    }
    if (!rc && nser) {
        plot_figure p[2];
        plot_layout lay = {title, 1, 2, 1400, 500, 1};
        const char *yl = maxn <= 1 && nseeds == 1 ? "objective (mean +/- std over contexts)"
                                                  : "objective (mean over seeds, 95% CI)";
        int logy = 1; /* a log scale when every level drawn is positive */
        for (s = 0; s < nser; s++)
            for (j = 0; j < ser[s].n; j++) logy &= !(ser[s].y[j] <= 0);
        for (i = 0; i < ng; i++) logy &= !(bands[i].y <= 0);
        memset(p, 0, sizeof p);
        /* say what is drawn: the iterate's own value, not the best so far
         * (fixed-step Adam can rise again near an optimum) */
        p[0] = (plot_figure){"held-out mean objective at each solver iterate (not best so far); "
                             "lines: the models' predictions",
                             "iterations", yl, 0, logy, nser, ser, ng, bands, NULL, 0, 0};
        p[1] = (plot_figure){"the same vs the solvers' wall time for the batch", "seconds", yl, 0,
                             logy, nser, ser + 8, ng, bands, NULL, 0, 0};
        if (maxn <= 1 && nseeds == 1)
            snprintf(seeds, sizeof seeds, "seed %ld", D->c[first[0]].seed);
        else
            seeds_phrase(D, exp, problem, g, ng, "95% bootstrap intervals", seeds, sizeof seeds);
        snprintf(title, sizeof title, "%s: %s, from-scratch solvers vs amortized models (%s)", exp,
                 problem, seeds);
        figure_stem(D, stem, sizeof stem, exp, "solver", problem);
        rc = plot_write_multi(D->dir, stem, &lay, 2, p, D->err, D->errlen) != 0;
    }
out:
    for (s = 0; s < 8; s++) free(cv[s].x);
    free(first);
    free(bands);
    free(vals);
    labels_free(lab, ng);
    groups_free(g, ng);
    return rc;
}

/* The problem's own method (eval.tolerances) in the style of Meta OT's
 * warm-start figure: residual (log) against iterations and against seconds
 * per context, from the cold start and from each group's predictions,
 * plain and with Anderson, mean over seeds.  A residual row's solver name
 * ending in "_warm" belongs to the model's group; the others (cold starts)
 * do not depend on the model, and a cold curve that is the same in every
 * group is drawn once. */
static const char *residual_label(const char *name)
{
    return !strcmp(name, "step")            ? "cold"
           : !strcmp(name, "step_warm")     ? "warm"
           : !strcmp(name, "anderson")      ? "Anderson, cold"
           : !strcmp(name, "anderson_warm") ? "Anderson, warm"
           : !strcmp(name, "policy")        ? "policy, cold"
                                            : name;
}

static int same_curve(const curve *a, const curve *b)
{
    return a->n == b->n && !memcmp(a->x, b->x, a->n * sizeof *a->x) &&
           !memcmp(a->y, b->y, a->n * sizeof *a->y);
}

static int residual_figure(pdir *D, const char *exp, const char *problem)
{
    size_t ng, i, s, k, nser = 0, nrows = 0, cap, *gof = NULL;
    group *g = groups_of(D, exp, problem, &ng);
    curve *cv = NULL;
    plot_series *ser = NULL;
    char **lab = g ? labels_of(g, ng) : NULL, **names = NULL;
    char stem[1024], title[1024], seeds[256], what[2048];
    int rc = 0;
    if (!g || !lab) {
        rc = amor_errorf(D->err, D->errlen, AMOR_ENOMEM, "out of memory");
        goto out;
    }
    for (i = 0; i < ng; i++)
        for (k = 0; k < g[i].n; k++) nrows += D->c[g[i].m[k]].m[M_RESIDUAL].n;
    if (!nrows) goto out;
    cap = D->nsolvers * ng + 1;
    cv = calloc(cap, sizeof *cv);
    ser = calloc(2 * cap, sizeof *ser);
    names = calloc(cap, sizeof *names);
    gof = calloc(cap, sizeof *gof); /* the group of each curve */
    if (!cv || !ser || !names || !gof) {
        rc = amor_errorf(D->err, D->errlen, AMOR_ENOMEM, "out of memory");
        goto out;
    }
    for (s = 0; s < D->nsolvers && !rc; s++) {
        const char *name = D->solvers[s], *l = residual_label(name);
        size_t len = strlen(name), first = nser, shared;
        int warm = len >= 5 && !strcmp(name + len - 5, "_warm");
        for (i = 0; i < ng && !rc; i++) {
            snprintf(what, sizeof what, "%s|%s|residual|%s", exp, g[i].key, name);
            rc = aggregate(D, g[i].m, g[i].n, M_RESIDUAL, s, 0, what, &cv[nser]);
            if (rc) break;
            if (!cv[nser].n) {
                free(cv[nser].x);
                cv[nser].x = NULL;
                continue;
            }
            gof[nser++] = i;
        }
        /* a cold curve every group shares: once, without a group's label */
        for (shared = nser - first == ng && ng > 1 && !warm, i = first + 1; i < nser; i++)
            shared &= same_curve(&cv[first], &cv[i]);
        if (shared) {
            for (i = first + 1; i < nser; i++) free(cv[i].x);
            nser = first + 1;
        }
        for (i = first; i < nser; i++) {
            size_t n = strlen(l) + strlen(lab[gof[i]]) + 8;
            if (!(names[i] = malloc(n))) {
                rc = amor_errorf(D->err, D->errlen, AMOR_ENOMEM, "out of memory");
                break;
            }
            if (shared || ng == 1) snprintf(names[i], n, "%s", l);
            else snprintf(names[i], n, "%s: %s", lab[gof[i]], l);
            ser[i] = (plot_series){names[i], cv[i].n, cv[i].x, cv[i].y, cv[i].lo, cv[i].hi,
                                   !strncmp(name, "anderson", 8) ? "lines dt 2" : NULL};
            ser[cap + i] = ser[i];
            ser[cap + i].x = cv[i].sec;
        }
    }
    if (!rc && nser) {
        plot_figure p[2];
        plot_layout lay = {title, 1, 2, 1400, 500, 1};
        const char *yl = "residual (mean over contexts; log scale)";
        memset(p, 0, sizeof p);
        p[0] = (plot_figure){"residual vs iterations", "iterations", yl, 0, 1, nser, ser, 0,
                             NULL, NULL, 0, 0};
        p[1] = (plot_figure){"residual vs time", "seconds per context", yl, 0, 1, nser, ser + cap,
                             0, NULL, NULL, 0, 0};
        seeds_phrase(D, exp, problem, g, ng, "95% bootstrap band", seeds, sizeof seeds);
        snprintf(title, sizeof title, "%s: %s, its own method cold and warm (%s)", exp, problem,
                 seeds);
        figure_stem(D, stem, sizeof stem, exp, "residual", problem);
        rc = plot_write_multi(D->dir, stem, &lay, 2, p, D->err, D->errlen) != 0;
    }
out:
    for (i = 0; cv && i < nser; i++) free(cv[i].x);
    for (i = 0; names && i < nser; i++) free(names[i]);
    free(cv);
    free(ser);
    free(names);
    free(gof);
    labels_free(lab, ng);
    groups_free(g, ng);
    return rc;
}

/* Bars: the final held-out gap (objective without y*) per problem x group. */
static int final_figure(pdir *D, const char *exp, char **problems, size_t np)
{
    size_t nb = 0, p, k, j, nobj = 0, maxn = 0, minn = (size_t)-1;
    const char **bl = calloc(D->n + 1, sizeof *bl);
    char **gl = calloc(np + 1, sizeof *gl);
    double *val = malloc((np * D->n + 1) * 3 * sizeof *val), *vals = malloc((D->n + 1) * sizeof *vals);
    int *use_obj = calloc(np + 1, sizeof *use_obj), rc = 0, logy = 1, any = 0;
    group **gs = calloc(np + 1, sizeof *gs);
    size_t *ngs = calloc(np + 1, sizeof *ngs);
    char stem[1024], title[1024], seeds[256], what[2048];
    if (!bl || !gl || !val || !vals || !use_obj || !gs || !ngs) {
        rc = amor_errorf(D->err, D->errlen, AMOR_ENOMEM, "out of memory");
        goto out;
    }
    for (p = 0; p < np && !rc; p++) {
        if (!(gs[p] = groups_of(D, exp, problems[p], &ngs[p]))) {
            rc = amor_errorf(D->err, D->errlen, AMOR_ENOMEM, "out of memory");
            break;
        }
        for (k = 0; k < ngs[p]; k++) {
            for (j = 0; j < nb && strcmp(bl[j], gs[p][k].label); j++) {}
            if (j == nb) bl[nb++] = gs[p][k].label;
            if (gs[p][k].n > maxn) maxn = gs[p][k].n;
            if (gs[p][k].n < minn) minn = gs[p][k].n;
            for (j = 0; j < gs[p][k].n; j++) use_obj[p] |= !isfinite(D->c[gs[p][k].m[j]].gap);
        }
        nobj += use_obj[p];
    }
    if (rc || !nb) goto out;
    double *lo = val + np * nb, *hi = lo + np * nb;
    for (p = 0; p < np; p++) {
        size_t len = strlen(problems[p]) + 16;
        if ((gl[p] = malloc(len)))
            snprintf(gl[p], len, "%s%s", problems[p], use_obj[p] && nobj < np ? " (objective)" : "");
        for (j = 0; j < nb; j++) {
            double m = NAN, l = NAN, h = NAN;
            for (k = 0; k < ngs[p]; k++) {
                const group *G = &gs[p][k];
                size_t nv = 0, q;
                if (strcmp(G->label, bl[j])) continue;
                for (q = 0; q < G->n; q++) {
                    double v = use_obj[p] ? D->c[G->m[q]].obj : D->c[G->m[q]].gap;
                    if (isfinite(v)) vals[nv++] = v;
                }
                snprintf(what, sizeof what, "%s|%s|final", exp, G->key);
                m = mean_ci(D, vals, nv, what, &l, &h);
            }
            val[p * nb + j] = m;
            lo[p * nb + j] = m - l; /* NaN without an interval: no error bar */
            hi[p * nb + j] = h - m;
            if (isfinite(m)) {
                any = 1;
                logy &= m > 0;
            }
        }
    }
    {
        plot_bars b;
        group range[2] = {{NULL, NULL, NULL, minn}, {NULL, NULL, NULL, maxn}};
        memset(&b, 0, sizeof b);
        seeds_phrase(D, exp, NULL, range, 2, "95% bootstrap intervals", seeds, sizeof seeds);
        snprintf(title, sizeof title, "%s: final held-out %s (%s)", exp,
                 nobj == np ? "objective" : nobj ? "gap, or objective" : "gap", seeds);
        b.title = title;
        b.ylabel = nobj == np ? "objective f(yhat)"
                   : nobj   ? "gap f(yhat) - f(y*), or objective"
                            : "gap f(yhat) - f(y*)";
        b.logy = any && logy;
        b.ngroups = np;
        b.group_labels = (const char *const *)gl;
        b.nbars = nb;
        b.bar_labels = bl;
        b.value = val;
        b.err = lo;
        b.err_hi = hi;
        size_t longest = 0, cols;
        for (j = 0; j < nb; j++)
            if (strlen(bl[j]) > longest) longest = strlen(bl[j]);
        b.width = (int)(np * nb * 36 + 200 > 900 ? np * nb * 36 + 200 : 900);
        if (b.width > 4000) b.width = 4000;
        /* the key is below the axes: room for its rows (as plot.c estimates) */
        cols = (size_t)(b.width - 40) / (8 * longest + 80);
        cols = cols ? cols : 1;
        b.height = 480 + 20 * (int)((nb + cols - 1) / cols);
        if (b.height > 4000) b.height = 4000;
        figure_stem(D, stem, sizeof stem, exp, "final", NULL);
        rc = plot_write_bars(D->dir, stem, &b, D->err, D->errlen) != 0;
    }
out:
    for (p = 0; gs && p < np; p++) groups_free(gs[p], ngs[p]);
    for (p = 0; gl && p < np; p++) free(gl[p]);
    free(gs);
    free(ngs);
    free(gl);
    free(bl);
    free(val);
    free(vals);
    free(use_obj);
    return rc;
}

static int experiment_figures(pdir *D, const char *exp)
{
    char **problems = calloc(D->n + 1, sizeof *problems);
    size_t np = 0, i, k;
    int rc = 0;
    if (!problems) return amor_errorf(D->err, D->errlen, AMOR_ENOMEM, "out of memory");
    for (i = 0; i < D->n; i++) {
        if (!D->c[i].ok || strcmp(D->c[i].exp, exp)) continue;
        for (k = 0; k < np && strcmp(problems[k], D->c[i].problem); k++) {}
        if (k == np) problems[np++] = D->c[i].problem;
    }
    for (k = 0; k < np && !rc; k++) {
        if (D->kinds & PLOTDIR_KIND_TRAINING) rc = training_figure(D, exp, problems[k]);
        if (!rc && (D->kinds & PLOTDIR_KIND_SOLVER)) rc = solver_figure(D, exp, problems[k]);
        if (!rc && (D->kinds & PLOTDIR_KIND_RESIDUAL)) rc = residual_figure(D, exp, problems[k]);
    }
    if (!rc && np && (D->kinds & PLOTDIR_KIND_FINAL)) rc = final_figure(D, exp, problems, np);
    free(problems);
    return rc;
}

unsigned plotdir_kind(const char *name)
{
    return !strcmp(name, "training")   ? PLOTDIR_KIND_TRAINING
           : !strcmp(name, "solver")   ? PLOTDIR_KIND_SOLVER
           : !strcmp(name, "residual") ? PLOTDIR_KIND_RESIDUAL
           : !strcmp(name, "final")    ? PLOTDIR_KIND_FINAL
                                       : 0;
}

int plotdir_figures(const char *dir, const char *const *experiments, size_t n, unsigned kinds,
                    FILE *log, int jobs, char *err, size_t errlen)
{
    pdir *D = calloc(1, sizeof *D);
    size_t i, k;
    int rc = 0;
    if (!D) return amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
    {   /* figures' temporaries of renderers that died (this host's only) */
        static const char *const figs[] = {".gp", ".png", ".svg", NULL};
        am_remove_stale_tmp(dir, figs);
    }
    D->log = log;
    D->kinds = kinds;
    rc = plotdir_read(D, dir, err, errlen);
    for (k = 0; k < n && !rc; k++) {
        for (i = 0; i < D->n && strcmp(D->c[i].exp, experiments[k]); i++) {}
        if (i == D->n)
            rc = amor_errorf(err, errlen, AMOR_EINVAL, "%s has no rows of experiment '%s'",
                             D->path[0], experiments[k]);
    }
    if (!rc) {
        plot_batch_begin(jobs, log);
        for (i = 0; i < D->n && !rc; i++) {
            const char *exp = D->c[i].exp;
            int want = n == 0, seen = 0;
            for (k = 0; k < n; k++) want |= !strcmp(experiments[k], exp);
            for (k = 0; k < i && !seen; k++) seen = !strcmp(D->c[k].exp, exp);
            if (want && !seen) rc = experiment_figures(D, exp);
        }
        if (rc) {
            char e[256];
            plot_batch_end(e, sizeof e); /* the first error is already in err */
        } else
            rc = plot_batch_end(err, errlen);
    }
    plotdir_free_cells(D);
    free(D);
    return rc;
}
