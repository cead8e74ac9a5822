/*
 * evalcmd.c -- `amor eval PROBLEM --contexts X.csv --solutions Y.csv
 * [--gradient] [--set name=value ...] [--out FILE]`: reads n contexts (nx
 * columns) and n solutions (ny columns), writes "f" (and "g1..gny") for each
 * row as CSV with 17 significant digits.  A value that is not finite is
 * written as inf, -inf or nan, with a note on stderr naming the first such
 * row; it is the problem's answer at that input, so the exit status stays 0.
 */
#include "evalcmd.h"

#include "cliopt.h"
#include "fileutil.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "amor.h"
#include "csvmatrix.h"
#include "params.h"

const char eval_usage[] =
    "usage: amor eval PROBLEM --contexts X.csv --solutions Y.csv [--gradient]\n"
    "                 [--set name=value ...] [--out FILE]\n";

enum { EV_CONTEXTS = 256, EV_SOLUTIONS, EV_OUT, EV_GRADIENT, EV_SET };

static const cliopt EVAL_OPTS[] = {
    {"contexts", EV_CONTEXTS, "X.csv",
     "the contexts: a row of nx numbers per instance\n(- : standard input)"},
    {"solutions", EV_SOLUTIONS, "Y.csv",
     "the solutions: a row of ny numbers per instance\n(- : standard input)"},
    {"gradient", EV_GRADIENT, NULL, "also df/dy: columns g1..gny after f"},
    {"set", EV_SET, "name=value",
     "a parameter of the problem, parsed by its declared\ntype (repeatable)"},
    {"out", EV_OUT, "FILE", "write the CSV to FILE (atomically), not stdout"},
    {"help", 'h', NULL, "this help"},
    {NULL, 0, NULL, NULL}};

/* A usage error: the message, the usage, exit status 2. */
static int eval_usage_error(const char *msg)
{
    fprintf(stderr, "amor eval: %s\n%s(amor eval --help describes every option)\n", msg,
            eval_usage);
    return 2;
}

#define EVAL_CHUNK 1024 /* rows per call into the plugin */

/* Rows with a value that is not finite: how many, and the first one's row
 * (0-based) and column (0 = f, k = gk). */
typedef struct nonfinite {
    size_t rows, row, col;
    double v;
} nonfinite;

/* v as %.17g, but a NaN is "nan" whatever its sign bit (glibc prints
 * "-nan"), so the output is the same on every machine and strtod reads it. */
static void put_real(FILE *out, const char *sep, double v)
{
    if (isnan(v)) fprintf(out, "%snan", sep);
    else fprintf(out, "%s%.17g", sep, v);
}

/* Rows r0.. of the output; non-finite values are written as they are (inf,
 * -inf, nan: they are the answer) and counted in *bad. */
static int write_rows(FILE *out, const double *f, const double *g, size_t rows, size_t ny,
                      size_t r0, nonfinite *bad)
{
    size_t i, k;
    for (i = 0; i < rows; i++) {
        int hit = !isfinite(f[i]);
        size_t col = 0;
        put_real(out, "", f[i]);
        if (g)
            for (k = 0; k < ny; k++) {
                put_real(out, ",", g[i * ny + k]);
                if (!hit && !isfinite(g[i * ny + k])) {
                    hit = 1;
                    col = k + 1;
                }
            }
        fputc('\n', out);
        if (hit && !bad->rows++) {
            bad->row = r0 + i;
            bad->col = col;
            bad->v = col ? g[i * ny + col - 1] : f[i];
        }
    }
    return ferror(out) ? -1 : 0;
}

int eval_main(loader *L, int argc, char **argv)
{
    const char *name = NULL, *xpath = NULL, *ypath = NULL, *outpath = NULL;
    const char **sets = calloc((size_t)argc, sizeof *sets);
    size_t nsets = 0, i, nx, ny, r0, k;
    int gradient = 0, rc = 1, key;
    char err[2048], what[256], tmp[4096] = "";
    const char *arg;
    cliparse p;
    const amor_problem_desc *d = NULL;
    const amor_plugin_head *h;
    params_set ps;
    void *inst = NULL;
    csv_matrix X, Y;
    double *f = NULL, *g = NULL;
    FILE *out = NULL;
    nonfinite bad = {0, 0, 0, 0};

    memset(&ps, 0, sizeof ps);
    memset(&X, 0, sizeof X);
    memset(&Y, 0, sizeof Y);
    if (!sets) return 1;
    cliopt_begin(&p, EVAL_OPTS, argc - 1, argv + 1);
    while ((key = cliopt_next(&p, &arg, err, sizeof err)) != -1) {
        rc = -1;
        if (key == 'h') {
            printf("%s\nWrites f(y_i; x_i) of problem PROBLEM (a name or a .so) for every row, and "
                   "with\n--gradient also grad_y f, as CSV with 17 significant digits.  Exit "
                   "status 1 on\nan error, 2 for a usage error.\n\noptions:\n", eval_usage);
            cliopt_print(stdout, EVAL_OPTS);
            rc = 0;
        } else if (key == '?') {
            rc = eval_usage_error(err);
        } else if (key == EV_CONTEXTS) {
            xpath = arg;
        } else if (key == EV_SOLUTIONS) {
            ypath = arg;
        } else if (key == EV_OUT) {
            outpath = arg;
        } else if (key == EV_GRADIENT) {
            gradient = 1;
        } else if (key == EV_SET) {
            if (!strchr(arg, '=') || arg[0] == '=') {
                snprintf(err, sizeof err, "--set expects name=value, got '%s'", arg);
                rc = eval_usage_error(err);
            }
            sets[nsets++] = arg;
        } else if (!name) {
            name = arg;
        } else {
            snprintf(err, sizeof err, "more than one problem ('%s', '%s')", name, arg);
            rc = eval_usage_error(err);
        }
        if (rc >= 0) {
            free(sets);
            return rc;
        }
    }
    rc = 1;
    if (!name || !xpath || !ypath) {
        free(sets);
        return eval_usage_error(!name ? "missing PROBLEM" : !xpath ? "missing --contexts X.csv"
                                                             : "missing --solutions Y.csv");
    }
    if (!strcmp(xpath, "-") && !strcmp(ypath, "-")) {
        fprintf(stderr, "amor eval: only one of --contexts and --solutions can be '-' (stdin)\n");
        free(sets);
        return 2;
    }
    loader_scan_default(L, argv[0]);

    if (!(h = loader_find(L, AMOR_KIND_PROBLEM, name, err, sizeof err))) {
        fprintf(stderr, "amor eval: %s\n", err);
        goto done;
    }
    d = (const amor_problem_desc *)h;
    if (gradient && !d->value_grad) {
        fprintf(stderr, "amor eval: problem '%s' provides no gradient (value_grad); drop --gradient\n",
                h->name);
        goto done;
    }
    if (params_init(&ps, h, err, sizeof err)) {
        fprintf(stderr, "amor eval: %s\n", err);
        goto done;
    }
    for (i = 0; i < nsets; i++) {
        char kv[1024], *eq;
        snprintf(kv, sizeof kv, "%s", sets[i]);
        eq = strchr(kv, '=');
        *eq = 0;
        if (params_set_text(&ps, kv, eq + 1, err, sizeof err)) {
            fprintf(stderr, "amor eval: --set %s: %s\n", sets[i], err);
            goto done;
        }
    }
    err[0] = 0;
    if (d->create(ps.values, &inst, err, sizeof err)) {
        fprintf(stderr, "amor eval: problem '%s': create failed: %s\n", h->name, err);
        inst = NULL;
        goto done;
    }
    d->dims(inst, &nx, &ny);

    snprintf(what, sizeof what, "nx of problem '%s'", h->name);
    if (csvread_file(xpath, nx, what, &X, err, sizeof err)) {
        fprintf(stderr, "amor eval: %s\n", err);
        goto done;
    }
    snprintf(what, sizeof what, "ny of problem '%s'", h->name);
    if (csvread_file(ypath, ny, what, &Y, err, sizeof err)) {
        fprintf(stderr, "amor eval: %s\n", err);
        goto done;
    }
    if (X.rows != Y.rows) {
        fprintf(stderr,
                "amor eval: %s has %zu data row%s but %s has %zu: one solution per context "
                "(the first unmatched row is %s line %zu)\n",
                strcmp(xpath, "-") ? xpath : "<stdin>", X.rows, X.rows == 1 ? "" : "s",
                strcmp(ypath, "-") ? ypath : "<stdin>", Y.rows,
                X.rows > Y.rows ? (strcmp(xpath, "-") ? xpath : "<stdin>")
                                : (strcmp(ypath, "-") ? ypath : "<stdin>"),
                X.rows > Y.rows ? X.line[Y.rows] : Y.line[X.rows]);
        goto done;
    }

    if (outpath) {
        am_tmp_path(tmp, sizeof tmp, outpath);
        if (!(out = fopen(tmp, "w"))) {
            fprintf(stderr, "amor eval: %s: cannot write: %s\n", outpath, strerror(errno));
            tmp[0] = 0;
            goto done;
        }
    } else {
        out = stdout;
    }
    fputs("f", out);
    if (gradient)
        for (k = 0; k < ny; k++) fprintf(out, ",g%zu", k + 1);
    fputc('\n', out);
    f = malloc(EVAL_CHUNK * sizeof *f);
    g = gradient ? malloc(EVAL_CHUNK * ny * sizeof *g) : NULL;
    if (!f || (gradient && !g)) {
        fprintf(stderr, "amor eval: out of memory\n");
        goto done;
    }
    for (r0 = 0; r0 < X.rows; r0 += EVAL_CHUNK) {
        size_t m = X.rows - r0 < EVAL_CHUNK ? X.rows - r0 : EVAL_CHUNK;
        int prc;
        err[0] = 0;
        prc = gradient ? d->value_grad(inst, m, X.data + r0 * nx, Y.data + r0 * ny, f, g, err, sizeof err)
                       : d->value(inst, m, X.data + r0 * nx, Y.data + r0 * ny, f, err, sizeof err);
        if (prc) {
            fprintf(stderr, "amor eval: problem '%s': %s failed on rows %zu..%zu: %s\n", h->name,
                    gradient ? "value_grad" : "value", r0 + 1, r0 + m, err[0] ? err : "(no message)");
            goto done;
        }
        if (write_rows(out, f, g, m, ny, r0, &bad)) {
            fprintf(stderr, "amor eval: %s: write error\n", outpath ? outpath : "<stdout>");
            goto done;
        }
    }
    if (fflush(out) || ferror(out)) {
        fprintf(stderr, "amor eval: %s: write error\n", outpath ? outpath : "<stdout>");
        goto done;
    }
    if (outpath) {
        char why[4400];
        int cr = fsync(fileno(out)) | fclose(out);
        out = NULL;
        if (cr) {
            fprintf(stderr, "amor eval: %s: cannot write: %s\n", outpath, strerror(errno));
            goto done;
        }
        cr = fu_commit(tmp, outpath, why, sizeof why); /* removes tmp on failure */
        tmp[0] = 0;
        if (cr) {
            fprintf(stderr, "amor eval: %s\n", why);
            goto done;
        }
    }
    if (bad.rows) { /* written as they are, exit 0: said once, on stderr */
        char col[32];
        if (bad.col) snprintf(col, sizeof col, "g%zu", bad.col);
        else snprintf(col, sizeof col, "f");
        fprintf(stderr,
                "amor eval: note: values that are not finite in %zu of %zu rows; the first: "
                "row %zu (%s line %zu, %s line %zu), %s = %s\n",
                bad.rows, X.rows, bad.row + 1, strcmp(xpath, "-") ? xpath : "<stdin>",
                X.line[bad.row], strcmp(ypath, "-") ? ypath : "<stdin>", Y.line[bad.row], col,
                isnan(bad.v) ? "nan" : bad.v > 0 ? "inf" : "-inf");
    }
    rc = 0;
done:
    if (out && out != stdout) fclose(out);
    if (tmp[0]) remove(tmp);
    if (inst) d->destroy(inst);
    params_free(&ps);
    csvread_free(&X);
    csvread_free(&Y);
    free(f);
    free(g);
    free(sets);
    return rc;
}
