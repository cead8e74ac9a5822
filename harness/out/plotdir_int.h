/*
 * plotdir_int.h -- the cells of a results directory as plotdir.c draws
 * them and plotread.c reads them.
 */
#ifndef AMOR_PLOTDIR_INT_H
#define AMOR_PLOTDIR_INT_H

#include <stdint.h>
#include <stdio.h>

#include "csvread.h"
#include "plotdir.h"

typedef struct pt {
    double x, v, sec, sd; /* step or iteration, value; solver rows: seconds, std
                             (residual rows: the median) */
    size_t solver;        /* solver rows: index into pdir.solvers */
} pt;

typedef struct ptvec {
    pt *p;
    size_t n, cap;
} ptvec;

/* eval objective and gap (curves.csv); solver.csv's rows with an objective
 * (the gradient baselines) and with a residual (the problem's own method) */
enum { M_OBJECTIVE, M_GAP, M_SOLVER, M_RESIDUAL, NMETRICS };

typedef struct cellrec {
    const char *exp, *id; /* into runs.csv's text */
    char *problem;        /* the problem part of the id */
    char *group;          /* the id without "/seed=N" */
    const char *label;    /* the group without the problem part */
    long seed;
    int ok;
    double obj, obj_sd, gap; /* NaN: missing */
    ptvec m[NMETRICS];    /* eval objective, eval gap, solver rows, residual rows */
} cellrec;

typedef struct pdir {
    const char *dir;
    csv_file t[3];        /* runs, curves, solver */
    char path[3][4200];
    cellrec *c;
    size_t n;
    size_t *hash, hcap;   /* (experiment, cell) -> index + 1 */
    const char *solvers[8];
    size_t nsolvers;
    double boot[PLOTDIR_BOOT];
    FILE *log;
    unsigned kinds;       /* PLOTDIR_KIND_* of the figures to draw */
    char *err;
    size_t errlen;
} pdir;

/* FNV-1a of a, a separator and b, mixed: the cell index's hash, and the
 * figure names' and bootstrap streams' too. */
uint64_t plotdir_hash2(const char *a, const char *b);

/* Read dir's runs.csv, curves.csv and solver.csv into D (cells, their
 * points sorted); 0, or non-zero with the message in err (D->err). */
int plotdir_read(pdir *D, const char *dir, char *err, size_t errlen);

/* Free what plotdir_read filled (not D itself). */
void plotdir_free_cells(pdir *D);

#endif
