/*
 * main.c -- the `amor` command line: run, plot, list, describe, check, eval,
 * --help, --version.
 * The only place in amor that prints usage or exits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amor.h"
#include "blas.h"
#include "check.h"
#include "evalcmd.h"
#include "loader.h"
#include "params.h"
#include "plotdir.h"
#include "pool.h"
#include "script.h"

static const char USAGE[] =
    "usage: amor run SCRIPT.lua [--out DIR] [--set key=value ...] [-j N]\n"
    "                [--resume | --fresh] [--quiet]\n"
    "       amor plot DIR [--experiment NAME ...]\n"
    "       amor list [problems|models|losses]\n"
    "       amor describe NAME\n"
    "       amor check PLUGIN [--set name=value ...] [--problem NAME]\n"
    "                  [--problem-set name=value ...] [--seed N] [--batch N]\n"
    "                  [--cycles N] [--iterates T] [--timeout SECONDS] [--no-fork]\n"
    "                  [--verbose]\n"
    "       amor eval PROBLEM --contexts X.csv --solutions Y.csv [--gradient]\n"
    "                 [--set name=value ...] [--out FILE]\n"
    "       amor --help | --version\n"
    "\n"
    "run       run the experiments a Lua script declares; results (runs.csv,\n"
    "          curves.csv, solver.csv, figures) go to DIR, by default\n"
    "          results/<script name>/.  --set key=value is visible to the script\n"
    "          as amor.setting(key); train.*, eval.* and solver.* keys override\n"
    "          those settings in every cell (limits.timeout=SECONDS and\n"
    "          limits.memory=SIZE too), problem.P, model.P and loss.P parameter P\n"
    "          of every plugin declaring it.  Exit status 0 only if every cell\n"
    "          ended ok; 130 after Ctrl-C (143: SIGTERM) in the script's own code.\n"
    "  -j N, --jobs N  run cells in N worker processes (default: the number of\n"
    "          cores); a cell that crashes, exceeds limits.timeout or\n"
    "          limits.memory is recorded as crashed, timeout or oom and the\n"
    "          sweep goes on.  -j 0 runs cells inside amor itself (for gdb;\n"
    "          no limits, and a crash ends the run).\n"
    "  --resume  reuse the cells DIR already holds with the same key and status\n"
    "          ok, run the others (the default)\n"
    "  --fresh   ignore what DIR holds and run every cell (--no-resume)\n"
    "  --quiet   no per-cell lines, progress or summary tables\n"
    "plot      redraw the figures of a results directory from its runs.csv,\n"
    "          curves.csv and solver.csv: cells that differ only by seed are\n"
    "          averaged, with 95% bootstrap bands and intervals; training\n"
    "          curves and solvers per problem, final gaps per experiment.\n"
    "          --experiment NAME: only that experiment (repeatable)\n"
    "list      plugins found on the search path, with one-line docs\n"
    "describe  a plugin's parameters: type, default, range, doc\n"
    "check     test a plugin (a name, or a .so file: every plugin in it) against\n"
    "          the ABI and finite differences; prints TAP, exits 1 on a failure.\n"
    "          --set configures the plugin; models and losses run against\n"
    "          --problem (default quadratic) configured by --problem-set\n"
    "eval      f (with --gradient also df/dy) of a problem at the contexts and\n"
    "          solutions of two CSV files (one row per instance, optional header),\n"
    "          as CSV on stdout or in --out FILE\n"
    "\n"
    "Plugins are searched in <amor's directory>/plugins and\n"
    "<amor's directory>/../lib/amor/plugins (an installed amor), then in each\n"
    "directory of AMOR_PLUGIN_PATH (colon-separated); a script, check and eval\n"
    "may also name a .so file.\n";

static const char *kind_arg(const char *a)
{
    if (!strcmp(a, "problems") || !strcmp(a, "problem")) return "problem";
    if (!strcmp(a, "models") || !strcmp(a, "model")) return "model";
    if (!strcmp(a, "losses") || !strcmp(a, "loss")) return "loss";
    return NULL;
}

static void warn_broken(loader *L)
{
    size_t i;
    for (i = 0; i < loader_broken_count(L); i++)
        fprintf(stderr, "amor: warning: skipped %s\n", loader_broken_message(L, i));
}

static int cmd_list(loader *L, int argc, char **argv)
{
    const char *kind = NULL;
    size_t i;
    if (argc > 2 && !(kind = kind_arg(argv[2]))) {
        fprintf(stderr, "amor list: unknown kind '%s' (valid: problems, models, losses)\n", argv[2]);
        return 2;
    }
    warn_broken(L);
    for (i = 0; i < loader_count(L); i++) {
        const amor_plugin_head *h = loader_get(L, i)->head;
        if (kind && strcmp(kind, loader_kind_name(h->kind))) continue;
        printf("%-8s %-16s %s\n", loader_kind_name(h->kind), h->name, h->doc ? h->doc : "");
    }
    return 0;
}

static void print_default(const amor_param_decl *d)
{
    char buf[64];
    size_t k;
    switch (d->type) {
    case AMOR_PARAM_INT: printf("%lld", (long long)d->def); break;
    case AMOR_PARAM_REAL: params_format_real(d->def, buf, sizeof buf); printf("%s", buf); break;
    case AMOR_PARAM_BOOL: printf("%s", d->def != 0 ? "true" : "false"); break;
    case AMOR_PARAM_STRING: printf("\"%s\"", d->def_string ? d->def_string : ""); break;
    case AMOR_PARAM_INT_LIST:
        printf("{");
        for (k = 0; k < d->def_list_len; k++) printf("%s%lld", k ? ", " : "", (long long)d->def_list[k]);
        printf("}");
        break;
    }
}

static int cmd_describe(loader *L, int argc, char **argv)
{
    char err[2048];
    const amor_plugin_head *h;
    size_t i;
    if (argc < 3) {
        fprintf(stderr, "amor describe: missing plugin name\n%s", USAGE);
        return 2;
    }
    if (!(h = loader_find(L, 0, argv[2], err, sizeof err))) {
        fprintf(stderr, "amor describe: %s\n", err);
        return 1;
    }
    printf("%s %s (version %s, %s)\n  %s\n", loader_kind_name(h->kind), h->name,
           h->version ? h->version : "?", loader_path_of(L, h), h->doc ? h->doc : "");
    if (h->kind == AMOR_KIND_PROBLEM) {
        const amor_problem_desc *d = (const amor_problem_desc *)h;
        printf("  provides: value%s%s%s%s%s\n", d->value_grad ? ", gradient" : "",
               d->hvp ? ", hvp" : "", d->solve ? ", solve (y*)" : "",
               d->project ? ", projection" : "", d->initial ? ", initial point" : "");
    } else if (h->kind == AMOR_KIND_LOSS) {
        const amor_loss_desc *d = (const amor_loss_desc *)h;
        printf("  needs:%s%s%s\n", d->needs & AMOR_NEEDS_YSTAR ? " y*" : "",
               d->needs & AMOR_NEEDS_GRAD ? " gradient" : "",
               d->needs & AMOR_NEEDS_VALUE ? " value" : "");
    }
    if (!h->num_params) printf("  no parameters\n");
    for (i = 0; i < h->num_params; i++) {
        const amor_param_decl *d = &h->params[i];
        printf("  %-16s %-8s default ", d->name, params_type_name(d->type));
        print_default(d);
        if (d->type == AMOR_PARAM_INT || d->type == AMOR_PARAM_REAL || d->type == AMOR_PARAM_INT_LIST)
            printf("  range [%g, %g]", d->min, d->max);
        if (d->type == AMOR_PARAM_STRING && d->choices) printf("  one of %s", d->choices);
        printf("\n      %s\n", d->doc ? d->doc : "");
    }
    return 0;
}

/* "-j 4", "-j4", "--jobs 4", "--jobs=4": the value, or NULL if argv[*i]
 * is not that option; *i moves past a separate value. */
static const char *jobs_arg(int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) return *i + 1 < argc ? argv[++*i] : "";
    if (!strncmp(a, "-j", 2)) return a + 2;
    if (!strncmp(a, "--jobs=", 7)) return a + 7;
    return NULL;
}

/* The run's closing line: "12 cells, 3 failed: 9 ok, 1 crashed, 1 timeout,
 * 1 oom (4 resumed); results in DIR". */
static void print_summary(const script_outcome *out, const char *outdir)
{
    static const char *const names[SCRIPT_NSTATUS] = {"ok", "diverged", "error", "crashed",
                                                        "timeout", "oom"};
    size_t k, listed = 0;
    printf("\n%zu cell%s, %zu failed", out->cells, out->cells == 1 ? "" : "s", out->failed);
    for (k = 0; k < SCRIPT_NSTATUS; k++) {
        if (!out->status[k]) continue;
        printf("%s %zu %s", listed ? "," : ":", out->status[k], names[k]);
        listed += out->status[k];
    }
    if (listed < out->cells) printf(", %zu other", out->cells - listed);
    if (out->resumed) printf(" (%zu resumed)", out->resumed);
    printf("; results in %s\n", outdir);
}

static int cmd_plot(int argc, char **argv)
{
    const char **exps = calloc((size_t)argc, sizeof *exps), *dir = NULL;
    size_t n = 0;
    char err[4096];
    int i, rc;
    if (!exps) return 1;
    for (i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--experiment") && i + 1 < argc) {
            exps[n++] = argv[++i];
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "amor plot: unknown option '%s'\n%s", argv[i], USAGE);
            free(exps);
            return 2;
        } else if (!dir) {
            dir = argv[i];
        } else {
            fprintf(stderr, "amor plot: more than one directory ('%s', '%s')\n", dir, argv[i]);
            free(exps);
            return 2;
        }
    }
    if (!dir) {
        fprintf(stderr, "amor plot: missing DIR (a results directory of amor run)\n%s", USAGE);
        free(exps);
        return 2;
    }
    rc = plotdir_figures(dir, exps, n, stdout, pool_cores(), err, sizeof err);
    free(exps);
    if (rc) {
        fprintf(stderr, "amor plot: %s\n", err);
        return 1;
    }
    return 0;
}

/* The syntax of `--set key=value` (kv NULL: --set ended the command line)
 * against the ones before it; prints the message and returns 1 if wrong.
 * What the key names is checked in script.c, with the script's plugins. */
static int set_arg_error(const char *kv, const char *const *prev, size_t nprev)
{
    const char *eq = kv ? strchr(kv, '=') : NULL;
    size_t i, klen;
    if (!kv) {
        fprintf(stderr, "amor run: --set needs key=value after it\n");
        return 1;
    }
    if (!eq) {
        fprintf(stderr, "amor run: --set %s: no '=' (expected key=value, e.g. --set %s=true)\n",
                kv, kv);
        return 1;
    }
    if (eq == kv) {
        fprintf(stderr, "amor run: --set %s: empty key before '='\n", kv);
        return 1;
    }
    klen = (size_t)(eq - kv);
    for (i = 0; i < nprev; i++)
        if (!strncmp(prev[i], kv, klen) && prev[i][klen] == '=') {
            fprintf(stderr, "amor run: --set %s and --set %s: the key '%.*s' is given twice\n",
                    prev[i], kv, (int)klen, kv);
            return 1;
        }
    return 0;
}

static int cmd_run(loader *L, int argc, char **argv)
{
    script_opts o;
    script_outcome out;
    const char **settings = calloc((size_t)argc, sizeof *settings);
    char outdir[4096];
    int i, rc;
    memset(&o, 0, sizeof o);
    if (!settings) return 1;
    o.jobs = pool_cores();
    for (i = 2; i < argc; i++) {
        const char *j;
        if ((j = jobs_arg(argc, argv, &i))) {
            char *end;
            long v = strtol(j, &end, 10);
            if (!*j || *end || v < 0 || v > 4096) {
                fprintf(stderr, "amor run: -j expects a number of workers from 0 to 4096, got '%s'\n", j);
                free(settings);
                return 2;
            }
            o.jobs = (int)v;
        } else if (!strcmp(argv[i], "--resume")) {
            o.fresh = 0;
        } else if (!strcmp(argv[i], "--fresh") || !strcmp(argv[i], "--no-resume")) {
            o.fresh = 1;
        } else if (!strcmp(argv[i], "--quiet") || !strcmp(argv[i], "-q")) {
            o.quiet = 1;
        } else if (!strcmp(argv[i], "--out") && i + 1 < argc) {
            o.outdir = argv[++i];
        } else if (!strcmp(argv[i], "--set")) {
            const char *kv = i + 1 < argc ? argv[++i] : NULL;
            if (set_arg_error(kv, settings, o.nsettings)) {
                free(settings);
                return 2;
            }
            settings[o.nsettings++] = kv;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "amor run: unknown option '%s'\n%s", argv[i], USAGE);
            free(settings);
            return 2;
        } else if (!o.script) {
            o.script = argv[i];
        } else {
            fprintf(stderr, "amor run: more than one script ('%s', '%s')\n", o.script, argv[i]);
            free(settings);
            return 2;
        }
    }
    if (!o.script) {
        fprintf(stderr, "amor run: missing SCRIPT.lua\n%s", USAGE);
        free(settings);
        return 2;
    }
    if (!o.outdir) {
        const char *base = strrchr(o.script, '/');
        size_t len;
        base = base ? base + 1 : o.script;
        len = strlen(base);
        if (len > 4 && !strcmp(base + len - 4, ".lua")) len -= 4;
        snprintf(outdir, sizeof outdir, "results/%.*s", (int)len, base);
        o.outdir = outdir;
    }
    o.settings = settings;
    warn_broken(L);
    rc = script_run(&o, L, &out);
    free(settings);
    if (out.settings_error) {
        fprintf(stderr, "amor run: %s\n", out.message);
        return 2;
    }
    if (out.script_error) {
        fprintf(stderr, "amor: %s\n", out.message);
        if (out.cells)
            fprintf(stderr, "amor: %zu cell%s finished before the %s; results kept in %s\n",
                    out.cells, out.cells == 1 ? "" : "s",
                    out.interrupted ? "interruption" : "error", o.outdir);
        return out.interrupted ? 128 + out.interrupted : 1; /* 130: SIGINT, 143: SIGTERM */
    }
    if (rc) {
        fprintf(stderr, "amor: %s\n", out.message);
        return 1;
    }
    print_summary(&out, o.outdir);
    return out.failed ? 1 : 0;
}

int main(int argc, char **argv)
{
    loader *L;
    char err[256];
    int rc;
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
        !strcmp(argv[1], "help")) {
        fputs(USAGE, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    /* OpenBLAS's threads and kernels, before the first plugin loads it */
    blas_prepare();
    if (!strcmp(argv[1], "--version")) {
        char blas[512];
        blas_describe(blas, sizeof blas);
        printf("amor %s (plugin ABI %u.%u)\nblas: %s\n", AMOR_VERSION_STRING, AMOR_ABI_VERSION,
               AMOR_ABI_MINOR, blas);
        return 0;
    }
    L = loader_new();
    if (!L) return 1;
    if (loader_configure(L, err, sizeof err)) {
        fprintf(stderr, "amor: %s\n", err);
        loader_free(L);
        return 2;
    }
    loader_scan_default(L, argv[0]);
    if (!strcmp(argv[1], "run")) rc = cmd_run(L, argc, argv);
    else if (!strcmp(argv[1], "plot")) rc = cmd_plot(argc, argv);
    else if (!strcmp(argv[1], "list")) rc = cmd_list(L, argc, argv);
    else if (!strcmp(argv[1], "describe")) rc = cmd_describe(L, argc, argv);
    else if (!strcmp(argv[1], "check")) rc = check_main(L, argc, argv);
    else if (!strcmp(argv[1], "eval")) rc = eval_main(L, argc, argv);
    else {
        fprintf(stderr, "amor: unknown command '%s'\n%s", argv[1], USAGE);
        rc = 2;
    }
    loader_free(L);
    return rc;
}
