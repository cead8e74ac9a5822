/*
 * slurm.c -- `amor slurm SCRIPT.lua --array N ...`: writes DIR/slurm/
 * array.sbatch (task i runs `amor run SCRIPT --shard i/N --out DIR`) and
 * merge.sbatch (`amor merge SCRIPT DIR`), and with --submit hands them to
 * sbatch, the merge depending on the array (afterany: it runs however the
 * tasks ended, and says which cells are missing).  Every path in the job
 * scripts is absolute: jobs start in another directory, on another node.
 */
#include "slurm.h"

#include "amor.h"
#include "cliopt.h"
#include "fileutil.h"
#include "sbuf.h"
#include "shards.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

const char slurm_usage[] =
    "usage: amor slurm SCRIPT.lua --array N [--partition P] [--time T]\n"
    "                  [--cpus-per-task C] [--mem M] [--out DIR] [--set key=value ...]\n"
    "                  [--sweep key=values ...] [--no-merge] [--submit]\n";

enum { SL_ARRAY = 256, SL_PARTITION, SL_TIME, SL_CPUS, SL_MEM, SL_OUT, SL_SET, SL_SWEEP,
       SL_NOMERGE, SL_SUBMIT };

static const cliopt SLURM_OPTS[] = {
    {"array", SL_ARRAY, "N", "tasks in the array: the sweep's shards (required)"},
    {"partition", SL_PARTITION, "P", "sbatch --partition"},
    {"time", SL_TIME, "T", "sbatch --time, per task (and for the merge)"},
    {"cpus-per-task", SL_CPUS, "C",
     "CPUs per task (default 1): each task runs amor run\n-j C"},
    {"mem", SL_MEM, "M", "sbatch --mem, per task"},
    {"out", SL_OUT, "DIR",
     "the results directory, on a file system every node\nsees (default: "
     "results/<script name>)"},
    {"set", SL_SET, "key=value", "passed to amor run and amor merge"},
    {"sweep", SL_SWEEP, "key=values", "passed to amor run and amor merge"},
    {"no-merge", SL_NOMERGE, NULL, "no merge job (run amor merge SCRIPT DIR yourself)"},
    {"submit", SL_SUBMIT, NULL,
     "submit with sbatch and print the job ids (default:\nwrite the job scripts and "
     "print how to submit them)"},
    {"help", 'h', NULL, "this help"},
    {NULL, 0, NULL, NULL}};

typedef struct slurm_opts {
    const char *script, *outdir, *partition, *time, *mem;
    const char **args; /* "--set", "k=v", "--sweep", "k=vs", ... */
    size_t nargs;
    long array, cpus;
    int merge, submit;
} slurm_opts;

static int usage(const char *fmt, const char *a)
{
    fprintf(stderr, "amor slurm: ");
    fprintf(stderr, fmt, a);
    fprintf(stderr, "\n%s(amor slurm --help describes every option)\n", slurm_usage);
    return 2;
}

/* s single-quoted for sh: 'it'\''s' */
static void sh_quote(sbuf *b, const char *s)
{
    sb_str(b, "'");
    for (; *s; s++) {
        if (*s == '\'') sb_str(b, "'\\''");
        else sb_add(b, s, 1);
    }
    sb_str(b, "'");
}

/* "#SBATCH --name=value" lines are read by sbatch, not by a shell: a value
 * holds no blank or newline. */
static int sbatch_value_error(const char *opt, const char *v)
{
    char what[64];
    if (*v && !v[strcspn(v, " \t\r\n")]) return 0;
    snprintf(what, sizeof what, "--%s", opt);
    fprintf(stderr, "amor slurm: %s '%s': expected a value without blanks (sbatch's %s)\n",
            what, v, what);
    fprintf(stderr, "%s(amor slurm --help describes every option)\n", slurm_usage);
    return 1;
}

static void sbatch_common(sbuf *b, const slurm_opts *o, const char *name, long cpus)
{
    char t[64];
    sb_str(b, "#SBATCH --job-name=");
    sb_str(b, name);
    snprintf(t, sizeof t, "\n#SBATCH --cpus-per-task=%ld\n", cpus);
    sb_str(b, t);
    if (o->partition) {
        sb_str(b, "#SBATCH --partition=");
        sb_str(b, o->partition);
        sb_str(b, "\n");
    }
    if (o->time) {
        sb_str(b, "#SBATCH --time=");
        sb_str(b, o->time);
        sb_str(b, "\n");
    }
}

static void pass_args(sbuf *b, const slurm_opts *o)
{
    size_t k;
    for (k = 0; k < o->nargs; k++) {
        sb_str(b, k % 2 ? " " : " \\\n    ");
        sh_quote(b, o->args[k]);
    }
    sb_str(b, "\n");
}

/* Run `sbatch --parsable [--dependency=...] FILE`: its job id into id
 * ("123", the part before a ';cluster'), or 1 with a message. */
static int sbatch(const char *file, const char *after, char *id, size_t idlen, char *err,
                  size_t errlen)
{
    char dep[96], out[256];
    const char *argv[5];
    int fd[2], status, k = 0;
    size_t n = 0;
    ssize_t got;
    pid_t pid;
    argv[k++] = "sbatch";
    argv[k++] = "--parsable";
    if (after) {
        snprintf(dep, sizeof dep, "--dependency=afterany:%s", after);
        argv[k++] = dep;
    }
    argv[k++] = file;
    argv[k] = NULL;
    if (pipe(fd)) return amor_errorf(err, errlen, 1, "pipe: %s", strerror(errno));
    if ((pid = fork()) < 0) {
        close(fd[0]);
        close(fd[1]);
        return amor_errorf(err, errlen, 1, "fork: %s", strerror(errno));
    }
    if (pid == 0) {
        dup2(fd[1], 1);
        close(fd[0]);
        close(fd[1]);
        execvp("sbatch", (char *const *)argv);
        fprintf(stderr, "amor slurm: cannot run sbatch: %s (is Slurm's client installed "
                "and on PATH?)\n", strerror(errno));
        _exit(127);
    }
    close(fd[1]);
    while ((got = read(fd[0], out + n, sizeof out - 1 - n)) > 0 ||
           (got < 0 && errno == EINTR))
        if (got > 0) n += (size_t)got;
    close(fd[0]);
    out[n] = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    if (!WIFEXITED(status) || WEXITSTATUS(status))
        return amor_errorf(err, errlen, 1, "sbatch %s failed (%s %d)", file,
                           WIFEXITED(status) ? "exit status" : "signal",
                           WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
    n = strspn(out, "0123456789");
    if (!n || n >= idlen)
        return amor_errorf(err, errlen, 1, "sbatch %s printed no job id (got '%.100s')", file,
                           out);
    snprintf(id, idlen, "%.*s", (int)n, out);
    return 0;
}

static int write_text(const char *path, sbuf *b)
{
    char err[4400];
    if (b->oom) {
        fprintf(stderr, "amor slurm: out of memory\n");
        return 1;
    }
    if (fu_write(path, b->p, b->len, err, sizeof err)) {
        fprintf(stderr, "amor slurm: %s\n", err);
        return 1;
    }
    return 0;
}

/* "amor-<script name><suffix>", characters other than [A-Za-z0-9_.-] as
 * '_': an #SBATCH line is not a shell's, a blank would end the value. */
static void job_name(char *buf, size_t len, const char *name, const char *suffix)
{
    size_t k;
    snprintf(buf, len, "amor-%s%s", name, suffix);
    for (k = 5; buf[k]; k++)
        if (!((buf[k] >= 'a' && buf[k] <= 'z') || (buf[k] >= 'A' && buf[k] <= 'Z') ||
              (buf[k] >= '0' && buf[k] <= '9') || strchr("_.-", buf[k])))
            buf[k] = '_';
}

/* The job scripts, and with --submit the jobs; o's paths are absolute. */
static int slurm_jobs(const slurm_opts *o, const char *amor, const char *name)
{
    char path[PATH_MAX + 64], merge[PATH_MAX + 64], err[4400], jid[64], mid[64];
    char jobname[200];
    sbuf a = {0}, m = {0};
    int rc;
    snprintf(path, sizeof path, "%s/slurm", o->outdir);
    if (am_mkdirs(path, err, sizeof err)) goto fail;
    snprintf(path, sizeof path, "%s/logs", o->outdir); /* sbatch does not create it */
    if (am_mkdirs(path, err, sizeof err)) goto fail;

    job_name(jobname, sizeof jobname, name, "");
    sb_str(&a, "#!/bin/sh\n# amor slurm: task i of the array runs shard i of the sweep of\n# ");
    sb_str(&a, o->script);
    sb_str(&a, " into ");
    sb_str(&a, o->outdir);
    sb_str(&a, "/shards/i-of-N.\n# A task submitted again (sbatch --array=2 this file) resumes "
               "its shard.\n");
    sbatch_common(&a, o, jobname, o->cpus);
    {
        char t[64];
        snprintf(t, sizeof t, "#SBATCH --array=0-%ld\n", o->array - 1);
        sb_str(&a, t);
    }
    if (o->mem) {
        sb_str(&a, "#SBATCH --mem=");
        sb_str(&a, o->mem);
        sb_str(&a, "\n");
    }
    sb_str(&a, "#SBATCH --output=");
    sb_str(&a, o->outdir);
    sb_str(&a, "/logs/%A_%a.out\nexec ");
    sh_quote(&a, amor);
    sb_str(&a, " run ");
    sh_quote(&a, o->script);
    {
        char t[64];
        snprintf(t, sizeof t, " --shard \"$SLURM_ARRAY_TASK_ID/%ld\" --out ", o->array);
        sb_str(&a, t);
    }
    sh_quote(&a, o->outdir);
    sb_str(&a, " -j \"${SLURM_CPUS_PER_TASK:-1}\"");
    pass_args(&a, o);
    snprintf(path, sizeof path, "%s/slurm/array.sbatch", o->outdir);
    rc = write_text(path, &a);

    if (!rc && o->merge) {
        job_name(jobname, sizeof jobname, name, "-merge");
        sb_str(&m, "#!/bin/sh\n# amor slurm: merges the shards of the array into ");
        sb_str(&m, o->outdir);
        sb_str(&m, "\n# (amor merge is idempotent: run it again at any time).\n");
        sbatch_common(&m, o, jobname, o->cpus);
        sb_str(&m, "#SBATCH --output=");
        sb_str(&m, o->outdir);
        sb_str(&m, "/logs/merge_%j.out\nexec ");
        sh_quote(&m, amor);
        sb_str(&m, " merge ");
        sh_quote(&m, o->script);
        sb_str(&m, " ");
        sh_quote(&m, o->outdir);
        sb_str(&m, " -j \"${SLURM_CPUS_PER_TASK:-1}\"");
        pass_args(&m, o);
        snprintf(merge, sizeof merge, "%s/slurm/merge.sbatch", o->outdir);
        rc = write_text(merge, &m);
    }
    free(a.p);
    free(m.p);
    if (rc) return 1;
    printf("wrote %s (%ld task%s)%s%s\n", path, o->array, o->array == 1 ? "" : "s",
           o->merge ? " and " : "", o->merge ? merge : "");
    if (!o->submit) {
        if (o->merge)
            printf("submit: jid=$(sbatch --parsable %s) && sbatch --dependency=afterany:$jid "
                   "%s\n", path, merge);
        else
            printf("submit: sbatch %s\n", path);
        return 0;
    }
    if (sbatch(path, NULL, jid, sizeof jid, err, sizeof err)) goto fail;
    if (o->merge && sbatch(merge, jid, mid, sizeof mid, err, sizeof err)) {
        fprintf(stderr, "amor slurm: job array %s is submitted, its merge job is not: %s\n", jid,
                err);
        return 1;
    }
    printf("submitted job array %s (tasks 0-%ld)", jid, o->array - 1);
    if (o->merge) printf(" and merge job %s (when the array has ended)", mid);
    printf("\nwatch:   squeue -j %s%s%s   (sacct -j %s once they have ended)\n", jid,
           o->merge ? "," : "", o->merge ? mid : "", jid);
    printf("logs:    %s/logs/%s_<task>.out", o->outdir, jid);
    if (o->merge) printf(", %s/logs/merge_%s.out", o->outdir, mid);
    printf("\nresults: %s (amor merge %s %s again at any time)\n", o->outdir, o->script,
           o->outdir);
    return 0;
fail:
    fprintf(stderr, "amor slurm: %s\n", err);
    return 1;
}

int slurm_main(int argc, char **argv)
{
    slurm_opts o;
    const char *arg, *out = NULL;
    char err[512], amor[PATH_MAX], script[PATH_MAX], dir[PATH_MAX], name[256];
    cliparse p;
    int c, rc = -1;
    ssize_t n;
    memset(&o, 0, sizeof o);
    o.cpus = 1;
    o.merge = 1;
    if (!(o.args = calloc((size_t)argc + 1, sizeof *o.args))) return 1;
    cliopt_begin(&p, SLURM_OPTS, argc - 1, argv + 1);
    while (rc < 0 && (c = cliopt_next(&p, &arg, err, sizeof err)) != -1) {
        char *end;
        switch (c) {
        case 'h':
            printf("%s\n", slurm_usage); /* as print_help in main.c */
            printf("Writes DIR/slurm/array.sbatch, a Slurm job array whose task i runs shard i\n"
                   "of the script's cells (amor run --shard i/N --out DIR -j C), each task\n"
                   "logging to DIR/logs/<job>_<task>.out, and DIR/slurm/merge.sbatch, which\n"
                   "runs amor merge SCRIPT DIR once the array has ended.  DIR must be on a\n"
                   "file system every node sees.  With --submit, submits both and prints the\n"
                   "job ids and how to watch them.  Exit status 1 on an error, 2 for a usage\n"
                   "error.\n\noptions:\n");
            cliopt_print(stdout, SLURM_OPTS);
            rc = 0;
            break;
        case '?': rc = usage("%s", err); break;
        case SL_ARRAY:
            o.array = strtol(arg, &end, 10);
            if (*end || end == arg || o.array < 1 || o.array > (long)SHARDS_MAX)
                rc = usage("--array expects a number of tasks from 1 to 100000, got '%s'", arg);
            break;
        case SL_CPUS:
            o.cpus = strtol(arg, &end, 10);
            if (*end || end == arg || o.cpus < 1 || o.cpus > 4096)
                rc = usage("--cpus-per-task expects a number from 1 to 4096, got '%s'", arg);
            break;
        case SL_PARTITION: o.partition = arg; rc = sbatch_value_error("partition", arg) ? 2 : -1; break;
        case SL_TIME: o.time = arg; rc = sbatch_value_error("time", arg) ? 2 : -1; break;
        case SL_MEM: o.mem = arg; rc = sbatch_value_error("mem", arg) ? 2 : -1; break;
        case SL_OUT: out = arg; break;
        case SL_SET:
        case SL_SWEEP:
            if (!strchr(arg, '=')) {
                rc = usage("%s: no '=' (expected key=value)", arg);
                break;
            }
            o.args[o.nargs++] = c == SL_SET ? "--set" : "--sweep";
            o.args[o.nargs++] = arg;
            break;
        case SL_NOMERGE: o.merge = 0; break;
        case SL_SUBMIT: o.submit = 1; break;
        default:
            if (o.script) rc = usage("more than one script ('%s', ...)", o.script);
            else o.script = arg;
        }
    }
    if (rc < 0 && !o.script) rc = usage("missing SCRIPT.lua%s", "");
    if (rc < 0 && !o.array) rc = usage("missing --array N (the number of tasks: shards)%s", "");
    if (rc >= 0) {
        free(o.args);
        return rc;
    }
    /* absolute paths: the jobs start elsewhere */
    {
        const char *base = strrchr(o.script, '/');
        size_t len;
        base = base ? base + 1 : o.script;
        len = strlen(base);
        if (len > 4 && !strcmp(base + len - 4, ".lua")) len -= 4;
        snprintf(name, sizeof name, "%.*s", (int)len, base);
    }
    if (!realpath(o.script, script)) {
        fprintf(stderr, "amor slurm: %s: %s\n", o.script, strerror(errno));
        free(o.args);
        return 1;
    }
    if ((n = readlink("/proc/self/exe", amor, sizeof amor - 1)) < 0) {
        fprintf(stderr, "amor slurm: cannot find amor's own path: %s\n", strerror(errno));
        free(o.args);
        return 1;
    }
    amor[n] = 0;
    if (!out) {
        snprintf(dir, sizeof dir, "results/%s", name);
        out = dir;
    }
    {
        char e[4400] = "", abs[PATH_MAX], cwd[PATH_MAX];
        /* #SBATCH --output=DIR/logs/... is no shell line: refused before
         * anything is created */
        if (out[strcspn(out, " \t\r\n")] ||
            (out[0] != '/' && getcwd(cwd, sizeof cwd) && cwd[strcspn(cwd, " \t\r\n")])) {
            fprintf(stderr, "amor slurm: --out %s: a results directory whose path has no "
                    "blanks, please (sbatch reads it from an #SBATCH line)\n", out);
            free(o.args);
            return 1;
        }
        if (am_mkdirs(out, e, sizeof e) || !realpath(out, abs)) {
            fprintf(stderr, "amor slurm: %s: %s\n", out, *e ? e : strerror(errno));
            free(o.args);
            return 1;
        }
        snprintf(dir, sizeof dir, "%s", abs);
    }
    o.script = script;
    o.outdir = dir;
    rc = slurm_jobs(&o, amor, name);
    free(o.args);
    return rc;
}
