/*
 * main.c -- the `amor` command line: a table of commands (run, plot, list,
 * describe, check, eval), each parsing its options with cliopt.h; --help,
 * --version.  The only place in amor that exits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amor.h"
#include "blas.h"
#include "cell.h"
#include "check.h"
#include "cliopt.h"
#include "evalcmd.h"
#include "loader.h"
#include "params.h"
#include "plotdir.h"
#include "pool.h"
#include "script.h"
#include "shards.h"
#include "slurm.h"

/* A command: its name, what runs it (argv[1] is the name; it parses its own
 * options and scans the plugins only if it needs them, so `amor CMD --help`
 * needs none), its line in `amor --help` and its usage ("usage: amor ..."
 * lines; `amor CMD --help` adds the options). */
typedef struct command {
    const char *name;
    int (*main)(loader *L, int argc, char **argv);
    const char *summary;
    const char *usage;
} command;

static const char EPILOGUE[] =
    "Plugins are searched in <amor's directory>/plugins and\n"
    "<amor's directory>/../lib/amor/plugins (an installed amor), then in each\n"
    "directory of AMOR_PLUGIN_PATH (colon-separated); a script, check and eval\n"
    "may also name a .so file.\n";

/* `amor CMD --help`: usage, what the command does, its options. */
static void print_help(const char *usage, const char *about, const cliopt *opts)
{
    printf("%s\n%s\noptions:\n", usage, about);
    cliopt_print(stdout, opts);
}

/* A usage error of `amor CMD`: the message, the command's usage, exit 2. */
static int usage_error(const char *cmd, const char *usage, const char *fmt, const char *a,
                       const char *b)
{
    fprintf(stderr, "amor %s: ", cmd);
    fprintf(stderr, fmt, a, b);
    fprintf(stderr, "\n%s(amor %s --help describes every option)\n", usage, cmd);
    return 2;
}

/* The operand of a command that takes at most one: *slot, or a usage error
 * (returns 1) for a second one. */
static int one_operand(const char **slot, const char *arg, const char *cmd, const char *what,
                       const char *usage)
{
    if (!*slot) {
        *slot = arg;
        return 0;
    }
    usage_error(cmd, usage, what, *slot, arg);
    return 1;
}

static const char LIST_USAGE[] = "usage: amor list [problems|models|losses]\n";
static const cliopt LIST_OPTS[] = {{"help", 'h', NULL, "this help"}, {NULL, 0, NULL, NULL}};

static const char DESCRIBE_USAGE[] = "usage: amor describe NAME\n";
static const cliopt DESCRIBE_OPTS[] = {{"help", 'h', NULL, "this help"}, {NULL, 0, NULL, NULL}};

static const char *kind_arg(const char *a)
{
    if (!strcmp(a, "problems") || !strcmp(a, "problem")) return "problem";
    if (!strcmp(a, "models") || !strcmp(a, "model")) return "model";
    if (!strcmp(a, "losses") || !strcmp(a, "loss")) return "loss";
    return NULL;
}

/* Files the scan skipped -- broken, or shadowed by an earlier file on the
 * plugin path that provides the same name -- as warnings (list, describe,
 * run). */
static void warn_broken(loader *L)
{
    size_t i;
    for (i = 0; i < loader_broken_count(L); i++)
        fprintf(stderr, "amor: warning: skipped %s\n", loader_broken_message(L, i));
}

static int cmd_list(loader *L, int argc, char **argv)
{
    const char *kind = NULL, *arg, *operand = NULL;
    char err[512];
    cliparse p;
    size_t i;
    int c;
    cliopt_begin(&p, LIST_OPTS, argc - 1, argv + 1);
    while ((c = cliopt_next(&p, &arg, err, sizeof err)) != -1) {
        if (c == 'h') {
            print_help(LIST_USAGE, "Lists the plugins found (see amor --help for where), with "
                       "their one-line docs;\na kind lists only the plugins of that kind.\n",
                       LIST_OPTS);
            return 0;
        }
        if (c == '?') return usage_error("list", LIST_USAGE, "%s", err, NULL);
        if (one_operand(&operand, arg, "list", "more than one kind ('%s', '%s')", LIST_USAGE))
            return 2;
    }
    if (operand && !(kind = kind_arg(operand))) {
        fprintf(stderr, "amor list: unknown kind '%s' (valid: problems, models, losses)\n", operand);
        return 2;
    }
    loader_scan_default(L, argv[0]);
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

/* "  needs: y* gradient" (AMOR_NEEDS_* bits), "  needs: nothing"; with
 * needs_for (depends), needs are those of the default parameter values, and
 * the line says that other values may change them. */
static void print_needs(uint32_t needs, int depends)
{
    static const struct {
        uint32_t bit;
        const char *name;
    } NEEDS[] = {{AMOR_NEEDS_YSTAR, "y*"},
                 {AMOR_NEEDS_GRAD, "gradient"},
                 {AMOR_NEEDS_VALUE, "value"},
                 {AMOR_NEEDS_DICTIONARY, "dictionary"},
                 {AMOR_NEEDS_SOLVER, "solver step"},
                 {AMOR_NEEDS_VALID, "validation objective"},
                 {AMOR_NEEDS_VALID_GRAD, "validation gradient"},
                 {AMOR_NEEDS_PROJECT, "projection"},
                 {AMOR_NEEDS_HVP, "exact HVP"}};
    size_t k;
    printf("  needs:");
    for (k = 0; k < sizeof NEEDS / sizeof NEEDS[0]; k++)
        if (needs & NEEDS[k].bit) printf(" %s", NEEDS[k].name);
    if (!needs) printf(" nothing");
    if (depends) printf(" (with the defaults; parameters may change it)");
    printf("\n");
}

static int cmd_describe(loader *L, int argc, char **argv)
{
    char err[2048];
    const char *arg, *name = NULL;
    const amor_plugin_head *h;
    cliparse p;
    size_t i;
    int c;
    cliopt_begin(&p, DESCRIBE_OPTS, argc - 1, argv + 1);
    while ((c = cliopt_next(&p, &arg, err, sizeof err)) != -1) {
        if (c == 'h') {
            print_help(DESCRIBE_USAGE, "Shows a plugin's kind, version, file and doc, and its "
                       "parameters: type,\ndefault, range, doc.  NAME is a plugin's name.\n",
                       DESCRIBE_OPTS);
            return 0;
        }
        if (c == '?') return usage_error("describe", DESCRIBE_USAGE, "%s", err, NULL);
        if (one_operand(&name, arg, "describe", "more than one plugin ('%s', '%s')",
                        DESCRIBE_USAGE))
            return 2;
    }
    if (!name) return usage_error("describe", DESCRIBE_USAGE, "missing plugin name", NULL, NULL);
    loader_scan_default(L, argv[0]);
    warn_broken(L);
    if (!(h = loader_find(L, 0, name, err, sizeof err))) {
        fprintf(stderr, "amor describe: %s\n", err);
        return 1;
    }
    printf("%s %s (version %s, ABI %u.%u, %s)\n  %s\n", loader_kind_name(h->kind), h->name,
           h->version ? h->version : "?", (unsigned)h->abi_version, (unsigned)h->abi_minor,
           loader_path_of(L, h), h->doc ? h->doc : "");
    if (h->kind == AMOR_KIND_PROBLEM) {
        /* the loader's copy is full size: 1.1 fields of a 1.0 plugin are NULL */
        const amor_problem_desc *d = (const amor_problem_desc *)h;
        printf("  provides: value%s%s%s%s%s%s%s%s%s%s%s\n", d->value_grad ? ", gradient" : "",
               d->hvp ? ", hvp" : "", d->solve ? ", solve (y*)" : "",
               d->project ? ", projection" : "", d->initial ? ", initial point" : "",
               d->dictionary ? ", dictionary" : "", d->aux ? ", aux view" : "",
               d->sample_split ? ", splits (train, held-out)" : "",
               d->nx_model ? ", private task data" : "",
               d->valid_value ? ", validation objective" : "",
               d->solver_step ? ", solver step and residual" : "");
    } else {
        /* needs_for with the defaults, as a cell without settings calls it
         * (the descriptor's `needs` is only what a 1.0 host reads) */
        int depends = h->kind == AMOR_KIND_LOSS ? ((const amor_loss_desc *)h)->needs_for != NULL
                                                : ((const amor_model_desc *)h)->needs_for != NULL;
        params_set ps;
        if (params_init(&ps, h, err, sizeof err)) {
            fprintf(stderr, "amor describe: %s\n", err);
            return 1;
        }
        print_needs(cell_needs(h, ps.values), depends);
        params_free(&ps);
    }
    if (!h->num_params) printf("  no parameters\n");
    for (i = 0; i < h->num_params; i++) {
        const amor_param_decl *d = &h->params[i];
        printf("  %-16s %-8s default ", d->name, params_type_name(d->type));
        print_default(d);
        if (d->type == AMOR_PARAM_INT || d->type == AMOR_PARAM_REAL ||
            d->type == AMOR_PARAM_INT_LIST) {
            char range[80];
            params_format_range(d, range, sizeof range);
            printf("  range %s", range);
        }
        if (d->type == AMOR_PARAM_STRING && d->choices) printf("  one of %s", d->choices);
        printf("\n      %s\n", d->doc ? d->doc : "");
    }
    return 0;
}

/* The run's closing line: "12 cells, 3 failed: 9 ok, 1 crashed, 1 timeout,
 * 1 oom (4 resumed); results in DIR"; a merge's: "... 2 missing (10 from
 * the shards' stores); shards: 3 of 4 finished; results in DIR". */
static void print_summary(const script_outcome *out, const char *outdir, int merge)
{
    size_t k, listed = 0;
    printf("\n%zu cell%s, %zu failed", out->cells, out->cells == 1 ? "" : "s", out->failed);
    for (k = 0; k < CELL_NSTATUS; k++) {
        if (!out->status[k]) continue;
        printf("%s %zu %s", listed ? "," : ":", out->status[k], cell_status_names[k]);
        listed += out->status[k];
    }
    if (listed < out->cells) printf(", %zu other", out->cells - listed);
    if (merge)
        printf(" (%zu from the shards' stores); shards: %zu of %zu finished", out->resumed,
               out->shards - out->shards_unfinished, out->shards);
    else if (out->resumed)
        printf(" (%zu resumed)", out->resumed);
    printf("; results in %s\n", outdir);
}

static const char PLOT_USAGE[] = "usage: amor plot DIR [--experiment NAME ...] [--kind KIND ...]\n";
static const cliopt PLOT_OPTS[] = {
    {"experiment", 'e' + 256, "NAME", "only that experiment's figures (repeatable)"},
    {"kind", 'k' + 256, "KIND",
     "only figures of that kind (repeatable): training,\nsolver, residual or final"},
    {"help", 'h', NULL, "this help"},
    {NULL, 0, NULL, NULL}};

static int cmd_plot(loader *L, int argc, char **argv)
{
    const char **exps = calloc((size_t)argc, sizeof *exps), *dir = NULL, *arg;
    size_t n = 0;
    unsigned kinds = 0, kind;
    char err[4096];
    cliparse p;
    int rc, c;
    (void)L; /* the CSVs alone: no plugin is needed */
    if (!exps) return 1;
    cliopt_begin(&p, PLOT_OPTS, argc - 1, argv + 1);
    while ((c = cliopt_next(&p, &arg, err, sizeof err)) != -1) {
        rc = -1;
        if (c == 'h') {
            print_help(PLOT_USAGE,
                       "Redraws the figures of a results directory (of amor run) from its "
                       "runs.csv,\ncurves.csv and solver.csv: cells that differ only by seed are "
                       "averaged, with\n95% bootstrap bands and intervals; training curves, "
                       "solvers and residuals per\nproblem, final gaps per experiment.  Exit "
                       "status 1 on an error, 2 for a usage\nerror.\n", PLOT_OPTS);
            rc = 0;
        } else if (c == '?') {
            rc = usage_error("plot", PLOT_USAGE, "%s", err, NULL);
        } else if (c == 'e' + 256) {
            exps[n++] = arg;
        } else if (c == 'k' + 256) {
            if (!(kind = plotdir_kind(arg)))
                rc = usage_error("plot", PLOT_USAGE, "--kind %s: unknown kind (training, solver, "
                                 "residual, final)", arg, NULL);
            kinds |= kind;
        } else if (one_operand(&dir, arg, "plot", "more than one directory ('%s', '%s')",
                               PLOT_USAGE)) {
            rc = 2;
        }
        if (rc >= 0) {
            free(exps);
            return rc;
        }
    }
    if (!dir) {
        free(exps);
        return usage_error("plot", PLOT_USAGE, "missing DIR (a results directory of amor run)",
                           NULL, NULL);
    }
    rc = plotdir_figures(dir, exps, n, kinds ? kinds : PLOTDIR_KIND_ALL, stdout, pool_cores(), err,
                         sizeof err);
    free(exps);
    if (rc) {
        fprintf(stderr, "amor plot: %s\n", err);
        return 1;
    }
    return 0;
}

/* The syntax of `--set key=value` against the ones before it; prints the
 * message and returns 1 if wrong.
 * What the key names is checked in script.c, with the script's plugins. */
static int set_arg_error(const char *kv, const char *const *prev, size_t nprev)
{
    const char *eq = strchr(kv, '=');
    size_t i, klen;
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

static const char RUN_USAGE[] =
    "usage: amor run SCRIPT.lua [--out DIR] [--set key=value ...]\n"
    "                [--sweep key=values ...] [--only key=values ...] [-j N]\n"
    "                [--resume | --fresh] [--shard i/N] [--quiet]\n";

enum { RUN_OUT = 256, RUN_SET, RUN_SWEEP, RUN_ONLY, RUN_RESUME, RUN_FRESH, RUN_SHARD };

static const cliopt RUN_OPTS[] = {
    {"out", RUN_OUT, "DIR", "the results directory (default:\nresults/<script name>)"},
    {"set", RUN_SET, "key=value",
     "visible to the script as amor.setting(key); train.*,\n"
     "eval.*, solver.* and limits.* keys replace that\n"
     "setting in every cell, a sweep of it included\n"
     "(limits.timeout=SECONDS, limits.memory=SIZE);\n"
     "problem.P, model.P and loss.P set parameter P of\n"
     "every plugin of that kind declaring it\n"
     "(--set model.hidden=64,64)"},
    {"sweep", RUN_SWEEP, "key=values",
     "sweep a setting or parameter (a key of --set with a\n"
     "'.') over values in every experiment{}, as\n"
     "amor.sweep{...} would, replacing the script's value\n"
     "or sweep: --sweep train.lr=1e-3,1e-2; a list value\n"
     "in brackets: --sweep model.hidden=[32,32],[64,64]"},
    {"only", RUN_ONLY, "key=values",
     "run only the experiment{} cells whose key has one of\n"
     "the values; key: experiment, problem, model, loss,\n"
     "seed, or a setting or parameter named as in runs.csv\n"
     "(train.lr, model.hidden); values as for --sweep.\n"
     "Repeated: one key, any of its values; several keys,\n"
     "all of them.  Cells outside are not run; those DIR\n"
     "holds finished are kept, as on --resume"},
    {"jobs", 'j', "N",
     "run cells in N worker processes (default: the number\n"
     "of cores); a cell that crashes, exceeds\n"
     "limits.timeout or limits.memory is recorded as\n"
     "crashed, timeout or oom and the sweep goes on.  -j 0\n"
     "runs cells inside amor itself (for gdb; no limits,\n"
     "and a crash ends the run)"},
    {"resume", RUN_RESUME, NULL,
     "reuse the cells DIR already holds with the same key\n"
     "and status ok, run the others (the default)"},
    {"fresh", RUN_FRESH, NULL, "ignore what DIR holds and run every cell"},
    {"no-resume", RUN_FRESH, NULL, NULL},
    {"shard", RUN_SHARD, "i/N",
     "run only shard i (0 to N-1) of the cells: those whose\n"
     "content key is i modulo N, into DIR/shards/i-of-N\n"
     "(its own lock, store and CSVs; no figures); amor\n"
     "merge SCRIPT DIR combines the shards"},
    {"quiet", 'q', NULL, "no per-cell lines, progress or summary tables"},
    {"help", 'h', NULL, "this help"},
    {NULL, 0, NULL, NULL}};

static int cmd_run(loader *L, int argc, char **argv)
{
    script_opts o;
    script_outcome out;
    /* --set, --sweep and --only values, each list at most argc long */
    const char **settings = calloc(3 * (size_t)argc, sizeof *settings), *arg;
    const char **sweeps = settings + argc, **only = settings + 2 * argc;
    char outdir[4096], err[512];
    cliparse p;
    int rc, c;
    memset(&o, 0, sizeof o);
    if (!settings) return 1;
    o.jobs = pool_cores();
    cliopt_begin(&p, RUN_OPTS, argc - 1, argv + 1);
    while ((c = cliopt_next(&p, &arg, err, sizeof err)) != -1) {
        rc = -1;
        if (c == 'h') {
            print_help(RUN_USAGE,
                       "Runs the experiments a Lua script declares and writes their results "
                       "(runs.csv,\ncurves.csv, solver.csv, figures) to DIR.  Exit status: 0 "
                       "if every cell ended\nok; 1 if one did not, or on an error of the "
                       "script; 2 for a usage error; 130\nafter Ctrl-C (143: SIGTERM) in the "
                       "script's own code.\n", RUN_OPTS);
            rc = 0;
        } else if (c == '?') {
            rc = usage_error("run", RUN_USAGE, "%s", err, NULL);
        } else if (c == 'j') {
            char *end;
            long v = strtol(arg, &end, 10);
            if (*end || v < 0 || v > 4096) {
                fprintf(stderr, "amor run: -j expects a number of workers from 0 to 4096, got '%s'\n",
                        arg);
                rc = 2;
            }
            o.jobs = (int)v;
        } else if (c == RUN_RESUME) {
            o.fresh = 0;
        } else if (c == RUN_FRESH) {
            o.fresh = 1;
        } else if (c == 'q') {
            o.quiet = 1;
        } else if (c == RUN_SHARD) {
            if (shards_parse(arg, &o.shard, &o.nshards, err, sizeof err))
                rc = usage_error("run", RUN_USAGE, "%s", err, NULL);
        } else if (c == RUN_OUT) {
            o.outdir = arg;
        } else if (c == RUN_SET) {
            if (set_arg_error(arg, settings, o.nsettings)) rc = 2;
            settings[o.nsettings++] = arg;
        } else if (c == RUN_SWEEP) {
            sweeps[o.nsweeps++] = arg; /* checked in script.c, with the --set keys */
        } else if (c == RUN_ONLY) {
            only[o.nonly++] = arg;
        } else if (one_operand(&o.script, arg, "run", "more than one script ('%s', '%s')",
                               RUN_USAGE)) {
            rc = 2;
        }
        if (rc >= 0) {
            free(settings);
            return rc;
        }
    }
    if (!o.script) {
        free(settings);
        return usage_error("run", RUN_USAGE, "missing SCRIPT.lua", NULL, NULL);
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
    if (o.nshards) { /* everything the shard writes goes to its own directory */
        char top[4096];
        snprintf(top, sizeof top, "%s", o.outdir);
        if (shards_path(outdir, sizeof outdir, top, o.shard, o.nshards)) {
            free(settings);
            fprintf(stderr, "amor run: --out %s: too long a path\n", top);
            return 2;
        }
        o.outdir = outdir;
    }
    o.settings = settings;
    o.sweeps = sweeps;
    o.only = only;
    loader_scan_default(L, argv[0]);
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
    print_summary(&out, o.outdir, 0);
    return out.failed ? 1 : 0;
}

static const char MERGE_USAGE[] =
    "usage: amor merge SCRIPT.lua DIR [--set key=value ...] [--sweep key=values ...]\n"
    "                  [-j N] [--quiet]\n";

static const cliopt MERGE_OPTS[] = {
    {"set", RUN_SET, "key=value", "as amor run's: give the shards' --set"},
    {"sweep", RUN_SWEEP, "key=values", "as amor run's: give the shards' --sweep"},
    {"jobs", 'j', "N", "figures rendered at once (default: the number of cores)"},
    {"quiet", 'q', NULL, "no summary tables"},
    {"help", 'h', NULL, "this help"},
    {NULL, 0, NULL, NULL}};

static int cmd_merge(loader *L, int argc, char **argv)
{
    script_opts o;
    script_outcome out;
    const char **settings = calloc(2 * (size_t)argc, sizeof *settings), *arg;
    const char **sweeps = settings + argc;
    char err[512];
    cliparse p;
    int rc, c;
    memset(&o, 0, sizeof o);
    if (!settings) return 1;
    o.jobs = pool_cores();
    o.merge = 1;
    cliopt_begin(&p, MERGE_OPTS, argc - 1, argv + 1);
    while ((c = cliopt_next(&p, &arg, err, sizeof err)) != -1) {
        rc = -1;
        if (c == 'h') {
            print_help(MERGE_USAGE,
                       "Combines the shards of a sweep (amor run --shard i/N --out DIR, "
                       "amor slurm)\ninto DIR: runs the script with every cell served from the "
                       "shards' stores,\nnever run, and writes DIR's runs.csv, curves.csv, "
                       "solver.csv and figures in\nthe script's order, as one machine would.  "
                       "A cell no shard holds is recorded\n\"missing\" with its shard's state "
                       "(not started, running, killed, failed).\nIdempotent.  Exit status: 0 "
                       "if every cell is there and ok; 1 if not, or on an\nerror; 2 for a "
                       "usage error.\n",
                       MERGE_OPTS);
            rc = 0;
        } else if (c == '?') {
            rc = usage_error("merge", MERGE_USAGE, "%s", err, NULL);
        } else if (c == 'j') {
            char *end;
            long v = strtol(arg, &end, 10);
            if (*end || v < 1 || v > 4096) {
                fprintf(stderr, "amor merge: -j expects a number from 1 to 4096, got '%s'\n",
                        arg);
                rc = 2;
            }
            o.jobs = (int)v;
        } else if (c == 'q') {
            o.quiet = 1;
        } else if (c == RUN_SET) {
            if (set_arg_error(arg, settings, o.nsettings)) rc = 2;
            settings[o.nsettings++] = arg;
        } else if (c == RUN_SWEEP) {
            sweeps[o.nsweeps++] = arg;
        } else if (!o.script) {
            o.script = arg;
        } else if (one_operand(&o.outdir, arg, "merge", "more than one directory ('%s', '%s')",
                               MERGE_USAGE)) {
            rc = 2;
        }
        if (rc >= 0) {
            free(settings);
            return rc;
        }
    }
    if (!o.script || !o.outdir) {
        free(settings);
        return usage_error("merge", MERGE_USAGE, o.script ? "missing DIR (the --out of the shards)"
                                                          : "missing SCRIPT.lua and DIR",
                           NULL, NULL);
    }
    o.settings = settings;
    o.sweeps = sweeps;
    loader_scan_default(L, argv[0]);
    warn_broken(L);
    rc = script_run(&o, L, &out);
    free(settings);
    if (out.settings_error) {
        fprintf(stderr, "amor merge: %s\n", out.message);
        return 2;
    }
    if (out.script_error) {
        fprintf(stderr, "amor: %s\n", out.message);
        return out.interrupted ? 128 + out.interrupted : 1;
    }
    if (rc) {
        fprintf(stderr, "amor merge: %s\n", out.message);
        return 1;
    }
    print_summary(&out, o.outdir, 1);
    return out.failed ? 1 : 0;
}

static int cmd_slurm(loader *L, int argc, char **argv)
{
    (void)L; /* writes a job script: no plugin is needed */
    return slurm_main(argc, argv);
}

static int cmd_check(loader *L, int argc, char **argv) { return check_main(L, argc, argv); }
static int cmd_eval(loader *L, int argc, char **argv) { return eval_main(L, argc, argv); }

static const command COMMANDS[] = {
    {"run", cmd_run, "run the experiments a Lua script declares, write their results", RUN_USAGE},
    {"slurm", cmd_slurm, "run a script's sweep as a Slurm job array (shards), then merge",
     slurm_usage},
    {"merge", cmd_merge, "combine the shards of a sweep into one results directory",
     MERGE_USAGE},
    {"plot", cmd_plot, "redraw the figures of a results directory from its CSVs", PLOT_USAGE},
    {"list", cmd_list, "list the plugins found, with their one-line docs", LIST_USAGE},
    {"describe", cmd_describe, "a plugin's parameters: type, default, range, doc", DESCRIBE_USAGE},
    {"check", cmd_check, "test a plugin against the ABI and finite differences (TAP)", check_usage},
    {"eval", cmd_eval, "a problem's f (and df/dy) at contexts and solutions from CSV files",
     eval_usage},
};
enum { NCOMMANDS = sizeof COMMANDS / sizeof COMMANDS[0] };

/* amor --help: every command's usage, then the commands' summaries. */
static void print_commands(FILE *out)
{
    size_t i;
    for (i = 0; i < NCOMMANDS; i++) /* "usage: " once, then aligned under it */
        fprintf(out, "%s%s", i ? "       " : "", COMMANDS[i].usage + (i ? 7 : 0));
    fprintf(out, "       amor COMMAND --help\n"
                 "       amor --help | --version\n\ncommands:\n");
    for (i = 0; i < NCOMMANDS; i++) fprintf(out, "  %-10s%s\n", COMMANDS[i].name, COMMANDS[i].summary);
    fprintf(out, "\n`amor COMMAND --help` shows the command's usage and options.\n\n%s", EPILOGUE);
}

static const command *find_command(const char *name)
{
    size_t i;
    for (i = 0; i < NCOMMANDS; i++)
        if (!strcmp(COMMANDS[i].name, name)) return &COMMANDS[i];
    return NULL;
}

int main(int argc, char **argv)
{
    loader *L;
    const command *cmd;
    char err[256], help[] = "--help";
    int rc;
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
        (!strcmp(argv[1], "help") && argc == 2)) {
        print_commands(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (!strcmp(argv[1], "help")) { /* amor help CMD: amor CMD --help */
        if (argc > 3 || !find_command(argv[2])) {
            fprintf(stderr, "amor help: %s\n", argc > 3 ? "one command at most"
                                                        : "no such command (amor --help lists them)");
            return 2;
        }
        argv[1] = argv[2];
        argv[2] = help;
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
    if (!(cmd = find_command(argv[1]))) {
        size_t i;
        fprintf(stderr, "amor: unknown %s '%s' (commands:", argv[1][0] == '-' ? "option" : "command",
                argv[1]);
        for (i = 0; i < NCOMMANDS; i++) fprintf(stderr, "%s %s", i ? "," : "", COMMANDS[i].name);
        fprintf(stderr, "; amor --help describes them)\n");
        return 2;
    }
    L = loader_new();
    if (!L) return 1;
    if (loader_configure(L, err, sizeof err)) {
        fprintf(stderr, "amor: %s\n", err);
        loader_free(L);
        return 2;
    }
    rc = cmd->main(L, argc, argv);
    loader_free(L);
    return rc;
}
