/*
 * plotread.c -- runs.csv, curves.csv and solver.csv of a results directory
 * into the cells plotdir.c draws (plotdir_int.h): every row checked (its
 * width, its numbers), cells indexed by (experiment, cell), points sorted.
 */
#include "plotdir.h"
#include "plotdir_int.h"

#include "amhash.h"
#include "amor.h"
#include "csvread.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int push(ptvec *v, pt p)
{
    if (v->n == v->cap) {
        size_t nc = v->cap ? 2 * v->cap : 16;
        pt *q = realloc(v->p, nc * sizeof *q);
        if (!q) return -1;
        v->p = q;
        v->cap = nc;
    }
    v->p[v->n++] = p;
    return 0;
}

static int cmp_pt(const void *a, const void *b)
{
    double x = ((const pt *)a)->x, y = ((const pt *)b)->x;
    return x < y ? -1 : x > y;
}

uint64_t plotdir_hash2(const char *a, const char *b)
{
    uint64_t h = am_fnv1a(AM_FNV_START, a, strlen(a));
    h = am_fnv1a(h, "\x1f", 1);
    h = am_fnv1a(h, b, strlen(b));
    return amor_splitmix64(&h);
}

static long find_cell(const pdir *D, const char *exp, const char *id)
{
    size_t i = (size_t)plotdir_hash2(exp, id) & (D->hcap - 1);
    for (; D->hash[i]; i = (i + 1) & (D->hcap - 1)) {
        const cellrec *c = &D->c[D->hash[i] - 1];
        if (!strcmp(c->exp, exp) && !strcmp(c->id, id)) return (long)D->hash[i] - 1;
    }
    return -1;
}

/* The problem part of a cell id: up to the first '/' outside parentheses
 * (a string parameter may hold '/', as in vae(cache_dir=/tmp/x)). */
static size_t problem_len(const char *id)
{
    size_t i;
    int depth = 0;
    for (i = 0; id[i]; i++) {
        if (id[i] == '(') depth++;
        else if (id[i] == ')' && depth > 0) depth--;
        else if (id[i] == '/' && !depth) break;
    }
    return i;
}

/* id without its "/seed=N" segment (N = seed), outside parentheses. */
static char *group_key(const char *id, long seed)
{
    char seg[40];
    size_t n, i, len = strlen(id);
    int depth = 0;
    char *g = malloc(len + 1);
    if (!g) return NULL;
    n = (size_t)snprintf(seg, sizeof seg, "/seed=%ld", seed);
    for (i = 0; i < len; i++) {
        if (id[i] == '(') depth++;
        else if (id[i] == ')' && depth > 0) depth--;
        else if (!depth && !strncmp(id + i, seg, n) && (id[i + n] == '/' || !id[i + n])) break;
    }
    memcpy(g, id, i);
    if (i < len) memcpy(g + i, id + i + n, len - i - n + 1);
    else g[i] = 0;
    return g;
}

/* ---- reading --------------------------------------------------------------- */

static const char *const FILES[3] = {"runs.csv", "curves.csv", "solver.csv"};

static long need_col(pdir *D, int f, const char *name)
{
    long c = csv_column(&D->t[f], name);
    if (c < 0)
        amor_errorf(D->err, D->errlen, AMOR_EDATA, "%s:1: no column '%s' in the header",
                    D->path[f], name);
    return c;
}

/* Field col of record r as a number; empty = NaN. */
static int num(pdir *D, int f, size_t r, long col, double *v)
{
    const char *s = csv_get(&D->t[f], r, (size_t)col);
    char *end;
    if (!s || !*s) {
        *v = NAN;
        return 0;
    }
    *v = strtod(s, &end);
    if (end == s || *end)
        return amor_errorf(D->err, D->errlen, AMOR_EDATA, "%s:%ld: column '%s': '%s' is not a number",
                           D->path[f], D->t[f].line[r], csv_get(&D->t[f], 0, (size_t)col), s);
    return 0;
}

static int check_width(pdir *D, int f, size_t r)
{
    size_t n = csv_nfields(&D->t[f], r), h = csv_nfields(&D->t[f], 0);
    if (n != h)
        return amor_errorf(D->err, D->errlen, AMOR_EDATA, "%s:%ld: %zu fields, the header has %zu",
                           D->path[f], D->t[f].line[r], n, h);
    return 0;
}

static int read_runs(pdir *D)
{
    csv_file *t = &D->t[0];
    long ce = need_col(D, 0, "experiment"), ci, cs, cst, co, csd, cg;
    size_t r;
    if (ce < 0 || (ci = need_col(D, 0, "cell")) < 0 || (cs = need_col(D, 0, "seed")) < 0 ||
        (cst = need_col(D, 0, "status")) < 0 || (co = need_col(D, 0, "objective_mean")) < 0 ||
        (csd = need_col(D, 0, "objective_std")) < 0 || (cg = need_col(D, 0, "gap_mean")) < 0)
        return 1;
    D->c = calloc(t->nrecords + 1, sizeof *D->c);
    for (D->hcap = 16; D->hcap < 2 * t->nrecords; D->hcap *= 2) {}
    D->hash = calloc(D->hcap, sizeof *D->hash);
    if (!D->c || !D->hash) return amor_errorf(D->err, D->errlen, AMOR_ENOMEM, "out of memory");
    for (r = 1; r < t->nrecords; r++) {
        cellrec *c = &D->c[D->n];
        double seed;
        size_t h;
        if (check_width(D, 0, r) || num(D, 0, r, cs, &seed) || num(D, 0, r, co, &c->obj) ||
            num(D, 0, r, csd, &c->obj_sd) || num(D, 0, r, cg, &c->gap))
            return 1;
        if (!(seed >= 0 && seed == floor(seed) && seed < 9e15))
            return amor_errorf(D->err, D->errlen, AMOR_EDATA, "%s:%ld: column 'seed': '%s' is not "
                               "a seed (a non-negative integer)", D->path[0], t->line[r],
                               csv_get(t, r, (size_t)cs));
        c->exp = csv_get(t, r, (size_t)ce);
        c->id = csv_get(t, r, (size_t)ci);
        if (find_cell(D, c->exp, c->id) >= 0) continue; /* a repeated row: the first counts */
        c->seed = (long)seed;
        c->ok = !strcmp(csv_get(t, r, (size_t)cst), "ok");
        c->problem = strndup(c->id, problem_len(c->id));
        c->group = group_key(c->id, c->seed);
        if (!c->problem || !c->group) return amor_errorf(D->err, D->errlen, AMOR_ENOMEM, "out of memory");
        c->label = c->group + strlen(c->problem) + (c->group[strlen(c->problem)] == '/');
        for (h = (size_t)plotdir_hash2(c->exp, c->id) & (D->hcap - 1); D->hash[h]; h = (h + 1) & (D->hcap - 1)) {}
        D->hash[h] = ++D->n;
    }
    return 0;
}

static int read_curves(pdir *D)
{
    csv_file *t = &D->t[1];
    long ce, ci, cst, csp, cm, cv;
    size_t r;
    if (!t->nrecords) return 0;
    if ((ce = need_col(D, 1, "experiment")) < 0 || (ci = need_col(D, 1, "cell")) < 0 ||
        (cst = need_col(D, 1, "step")) < 0 || (csp = need_col(D, 1, "split")) < 0 ||
        (cm = need_col(D, 1, "metric")) < 0 || (cv = need_col(D, 1, "value")) < 0)
        return 1;
    for (r = 1; r < t->nrecords; r++) {
        const char *metric;
        long k;
        pt p = {0, 0, 0, 0, 0};
        int m;
        if (check_width(D, 1, r) || num(D, 1, r, cst, &p.x) || num(D, 1, r, cv, &p.v)) return 1;
        if (strcmp(csv_get(t, r, (size_t)csp), "eval")) continue;
        metric = csv_get(t, r, (size_t)cm);
        m = !strcmp(metric, "objective") ? M_OBJECTIVE : !strcmp(metric, "gap") ? M_GAP : -1;
        k = find_cell(D, csv_get(t, r, (size_t)ce), csv_get(t, r, (size_t)ci));
        if (m < 0 || k < 0) continue; /* other metrics; cells runs.csv does not have */
        if (push(&D->c[k].m[m], p)) return amor_errorf(D->err, D->errlen, AMOR_ENOMEM, "out of memory");
    }
    return 0;
}

/* solver.csv: the baselines' rows carry an objective, the rows of the
 * problem's own method (eval.tolerances) a residual and an empty objective;
 * a solver.csv of an amor before the residual columns has only the first. */
static int read_solver(pdir *D)
{
    csv_file *t = &D->t[2];
    long ce, ci, cs, cit, csec, cm, csd, crm, crd;
    size_t r, s;
    if (!t->nrecords) return 0;
    if ((ce = need_col(D, 2, "experiment")) < 0 || (ci = need_col(D, 2, "cell")) < 0 ||
        (cs = need_col(D, 2, "solver")) < 0 || (cit = need_col(D, 2, "iteration")) < 0 ||
        (csec = need_col(D, 2, "seconds")) < 0 || (cm = need_col(D, 2, "objective_mean")) < 0 ||
        (csd = need_col(D, 2, "objective_std")) < 0)
        return 1;
    crm = csv_column(t, "residual_mean");
    crd = csv_column(t, "residual_median");
    if ((crm < 0) != (crd < 0))
        return need_col(D, 2, crm < 0 ? "residual_mean" : "residual_median") < 0;
    for (r = 1; r < t->nrecords; r++) {
        const char *name;
        pt p = {0, 0, 0, 0, 0};
        long k;
        int m = M_SOLVER;
        if (check_width(D, 2, r) || num(D, 2, r, cit, &p.x) || num(D, 2, r, csec, &p.sec))
            return 1;
        if (crm >= 0 && !*csv_get(t, r, (size_t)cm)) {
            m = M_RESIDUAL;
            if (num(D, 2, r, crm, &p.v) || num(D, 2, r, crd, &p.sd)) return 1;
        } else if (num(D, 2, r, cm, &p.v) || num(D, 2, r, csd, &p.sd))
            return 1;
        if ((k = find_cell(D, csv_get(t, r, (size_t)ce), csv_get(t, r, (size_t)ci))) < 0) continue;
        name = csv_get(t, r, (size_t)cs);
        for (s = 0; s < D->nsolvers && strcmp(D->solvers[s], name); s++) {}
        if (s == D->nsolvers) {
            if (s == sizeof D->solvers / sizeof D->solvers[0]) continue;
            D->solvers[D->nsolvers++] = name;
        }
        p.solver = s;
        if (push(&D->c[k].m[m], p)) return amor_errorf(D->err, D->errlen, AMOR_ENOMEM, "out of memory");
    }
    return 0;
}

static void sort_points(pdir *D)
{
    size_t i;
    int m;
    for (i = 0; i < D->n; i++)
        for (m = 0; m < NMETRICS; m++)
            if (D->c[i].m[m].n > 1) /* p is NULL when empty: qsort(NULL, 0) is undefined */
                qsort(D->c[i].m[m].p, D->c[i].m[m].n, sizeof(pt), cmp_pt);
}

/* "mean of 3 seeds", "mean of 2-3 seeds", "1 seed"; plus cells left out. */

int plotdir_read(pdir *D, const char *dir, char *err, size_t errlen)
{
    int f, rc = 0;
    D->dir = dir;
    D->err = err;
    D->errlen = errlen;
    for (f = 0; f < 3 && !rc; f++) {
        snprintf(D->path[f], sizeof D->path[f], "%s/%s", dir, FILES[f]);
        rc = csv_read_file(D->path[f], &D->t[f], err, errlen);
    }
    if (!rc && !D->t[0].nrecords)
        rc = amor_errorf(err, errlen, AMOR_EDATA, "%s: no such file, or empty (a directory "
                         "amor run wrote its results to holds runs.csv)", D->path[0]);
    if (!rc) rc = read_runs(D);
    if (!rc) rc = read_curves(D);
    if (!rc) rc = read_solver(D);
    if (!rc) sort_points(D);
    return rc;
}

void plotdir_free_cells(pdir *D)
{
    size_t i;
    int f;
    for (i = 0; i < D->n; i++) {
        free(D->c[i].problem);
        free(D->c[i].group);
        for (f = 0; f < NMETRICS; f++) free(D->c[i].m[f].p);
    }
    free(D->c);
    free(D->hash);
    for (f = 0; f < 3; f++) csv_free(&D->t[f]);
}
