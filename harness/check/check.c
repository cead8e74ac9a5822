/*
 * check.c -- `amor check PLUGIN`: opens a plugin (by name, or a .so file and
 * every descriptor in it), checks its descriptor and declared parameters,
 * then runs the checks of its kind (check_problem.c and check_local.c,
 * check_model.c), each plugin in a child process so that a crash or a hang
 * is reported as the failure of the check that was running.  Output is TAP
 * on stdout; shared helpers are in check_util.c.
 */
#define _GNU_SOURCE /* pipe2 */
#include "check.h"
#include "check_int.h"
#include "cliopt.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

const char check_usage[] =
    "usage: amor check PLUGIN [--set name=value ...] [--problem NAME]\n"
    "                  [--problem-set name=value ...] [--seed N] [--batch N]\n"
    "                  [--cycles N] [--iterates T] [--timeout SECONDS] [--no-fork]\n"
    "                  [--verbose]\n";

enum { CK_SET = 256, CK_PROBLEM, CK_PROBLEM_SET, CK_SEED, CK_BATCH, CK_CYCLES, CK_ITERATES,
       CK_TIMEOUT, CK_NO_FORK };

static const cliopt CHECK_OPTS[] = {
    {"set", CK_SET, "name=value",
     "a parameter of the checked plugin, parsed by its\n"
     "declared type (hidden=64,64, activation=tanh);\n"
     "repeatable; in a file of several plugins it applies\n"
     "to each plugin that declares it, and\n"
     "plugin.name=value to that plugin only"},
    {"problem", CK_PROBLEM, "NAME",
     "the problem models and losses run against (a name\n"
     "or a .so; default quadratic, or the first problem\n"
     "on the plugin path that provides what they need)"},
    {"problem-set", CK_PROBLEM_SET, "name=value", "a parameter of that problem (repeatable)"},
    {"seed", CK_SEED, "N", "seed of every random draw (default 1)"},
    {"batch", CK_BATCH, "N", "instances per call (default 8, at least 2)"},
    {"cycles", CK_CYCLES, "N",
     "create/destroy cycles of the leak check (default\n"
     "100, at least 10)"},
    {"iterates", CK_ITERATES, "T", "losses: check with T iterates only (default: 1\nand 3)"},
    {"timeout", CK_TIMEOUT, "SECONDS", "per plugin (default 300; 0 = none)"},
    {"no-fork", CK_NO_FORK, NULL,
     "run in-process (for a debugger or valgrind), not\n"
     "each plugin in a child process"},
    {"verbose", 'v', NULL, "diagnostics for passing checks too"},
    {"help", 'h', NULL, "this help"},
    {NULL, 0, NULL, NULL}};

/* ------------------------------------------------------------------------ */
/* Descriptor and parameter declarations                                    */


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
        NEED(!(d->valid_value_grad || d->valid_hvp) || d->valid_value,
             "valid_value (valid_value_grad or valid_hvp is given)");
        if (d->state_dim || d->solver_init || d->solver_step || d->residual) {
            NEED(d->state_dim, "state_dim (the solver's four calls come together)");
            NEED(d->solver_init, "solver_init (the solver's four calls come together)");
            NEED(d->solver_step, "solver_step (the solver's four calls come together)");
            NEED(d->residual, "residual (the solver's four calls come together)");
        }
    } else if (h->kind == AMOR_KIND_MODEL) {
        const amor_model_desc *d = (const amor_model_desc *)h;
        NEED(d->create, "create");
        NEED(d->destroy, "destroy");
        NEED(d->num_params, "num_params");
        NEED(d->num_iterates, "num_iterates");
        NEED(d->workspace_size, "workspace_size");
        NEED(d->init, "init");
        NEED(d->forward, "forward");
        NEED(!(d->needs & ~CK_MODEL_NEEDS),
             "needs: a model may declare only AMOR_NEEDS_GRAD, _VALUE, _DICTIONARY, _SOLVER and "
             "_PROJECT");
    } else {
        const amor_loss_desc *d = (const amor_loss_desc *)h;
        NEED(d->create, "create");
        NEED(d->destroy, "destroy");
        NEED(d->eval, "eval");
        NEED(!(d->needs & ~CK_LOSS_NEEDS), "needs: unknown AMOR_NEEDS_* bits");
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
    char lo[40], hi[40], dv[40]; /* shortest text that reads back exactly: 1e-06, not
                                    9.9999999999999995e-07 */
    params_format_real(d->min, lo, sizeof lo);
    params_format_real(d->max, hi, sizeof hi);
    params_format_real(d->def, dv, sizeof dv);
    if (!valid_name(d->name)) return "invalid name (want [a-z0-9_]+)";
    if (!one_line(d->doc)) return "no one-line doc";
    switch (d->type) {
    case AMOR_PARAM_INT:
    case AMOR_PARAM_REAL:
    case AMOR_PARAM_INT_LIST:
        if (isnan(d->min) || isnan(d->max) || d->min > d->max) {
            snprintf(buf, len, "empty range [%s, %s]", lo, hi);
            return buf;
        }
        if (d->type == AMOR_PARAM_INT_LIST) {
            if (d->def_list_len && !d->def_list) return "default list of nonzero length is NULL";
            for (k = 0; k < d->def_list_len; k++)
                if ((double)d->def_list[k] < d->min || (double)d->def_list[k] > d->max) {
                    snprintf(buf, len, "default element %zu = %lld outside [%s, %s]", k + 1,
                             (long long)d->def_list[k], lo, hi);
                    return buf;
                }
            return NULL;
        }
        if (!isfinite(d->def) || d->def < d->min || d->def > d->max) {
            snprintf(buf, len, "default %s outside [%s, %s]", dv, lo, hi);
            return buf;
        }
        if (d->type == AMOR_PARAM_INT && d->def != floor(d->def)) {
            snprintf(buf, len, "integer default %s is not an integer", dv);
            return buf;
        }
        return NULL;
    case AMOR_PARAM_BOOL:
        if (d->def != 0 && d->def != 1) {
            snprintf(buf, len, "bool default %s is neither 0 nor 1", dv);
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
    ok = loader_min_struct_size(h->kind) != 0;
    if (!ok) {
        ck_diag(c, "unknown kind %u (1 problem, 2 model, 3 loss)", (unsigned)h->kind);
    } else {
        ck_note(c, "(%s, %u bytes)", loader_kind_name(h->kind), (unsigned)h->struct_size);
        if (h->struct_size < loader_min_struct_size(h->kind)) {
            ok = 0;
            ck_diag(c, "struct_size %u is smaller than the %zu bytes of an ABI %u %s descriptor",
                    (unsigned)h->struct_size, loader_min_struct_size(h->kind), AMOR_ABI_VERSION,
                    loader_kind_name(h->kind));
        }
    }
    if (!ck_end(c, ok)) return 0;
    /* checked from here on as a full-size copy: the fields an older minor
     * version lacks read as NULL / 0 */
    if (!(c->wide = loader_widen(c->h)))
        return !ck_report(c, "descriptor: copied to this host's size", 0, "out of memory");
    c->h = h = c->wide;

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
    if (c->nsets) {
        ck_begin(c, "parameters: --set values accepted");
        ok = 1;
        for (i = 0; i < c->nsets; i++) {
            char kv[512], *eq;
            snprintf(kv, sizeof kv, "%s", c->sets[i]);
            eq = strchr(kv, '=');
            *eq = 0;
            if (params_set_text(&c->ps, kv, eq + 1, buf, sizeof buf)) {
                ok = 0;
                ck_diag(c, "--set %s: %s", c->sets[i], buf);
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
    free(c->wide);
    c->wide = NULL;
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
/* One line of the child's progress ("B check", "E 0|1|2"). */
static void progress_line(ck *c, const char *line, char *open_check, size_t len)
{
    if (line[0] == 'B' && line[1] == ' ') {
        snprintf(open_check, len, "%s", line + 2);
    } else if (line[0] == 'E' && line[1] == ' ') {
        c->count++;
        if (line[2] == '1') c->failed++;
        open_check[0] = 0;
    }
}

/* Has the child exited?  Without reaping it, so that its process group
 * cannot be reused before we kill it. */
static int child_exited(pid_t pid)
{
    siginfo_t si;
    memset(&si, 0, sizeof si);
    return waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT | WNOHANG) == 0 && si.si_pid == pid;
}

static void run_plugin(ck *c, const amor_plugin_head *h, const char *who, const char **sets,
                       size_t nsets)
{
    int fds[2], status = 0;
    pid_t pid;
    char buf[4096], open_check[200] = "";
    size_t have = 0;
    c->h = h;
    c->who = who;
    c->sets = sets;
    c->nsets = nsets;
    memset(&c->ps, 0, sizeof c->ps);
    /* close-on-exec: a program the plugin starts must not hold the pipe */
    if (!c->o->fork || pipe2(fds, O_CLOEXEC)) {
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
        setpgid(0, 0); /* ended with the checks, with whatever it started */
        prctl(PR_SET_NAME, "amor-check"); /* as ps and top show it */
        close(fds[0]);
        c->pipe = fds[1];
        if (c->o->timeout) alarm(c->o->timeout);
        check_one(c);
        fflush(stdout);
        _exit(0);
    }
    setpgid(pid, pid);
    close(fds[1]);
    /* follow the progress until the pipe ends -- or, when nothing comes,
     * until the child has exited while something it started still holds
     * the pipe (then read what is left without blocking) */
    for (;;) {
        struct pollfd pf = {fds[0], POLLIN, 0};
        ssize_t got;
        char *nl;
        if (poll(&pf, 1, 200) == 0) {
            if (!child_exited(pid)) continue;
            fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
        }
        got = read(fds[0], buf + have, sizeof buf - 1 - have);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break; /* the end, nothing left after the exit, or an error */
        have += (size_t)got;
        buf[have] = 0;
        while ((nl = strchr(buf, '\n'))) {
            *nl = 0;
            progress_line(c, buf, open_check, sizeof open_check);
            have -= (size_t)(nl + 1 - buf);
            memmove(buf, nl + 1, have + 1);
        }
        if (have == sizeof buf - 1) have = 0; /* a line too long to be ours */
    }
    close(fds[0]);
    kill(-pid, SIGKILL); /* what the plugin left running */
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
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
/* --set in a file of several plugins                                       */

static int declares(const amor_plugin_head *h, const char *key, size_t len)
{
    size_t i;
    for (i = 0; i < h->num_params && h->params; i++)
        if (h->params[i].name && strlen(h->params[i].name) == len &&
            !strncmp(h->params[i].name, key, len))
            return 1;
    return 0;
}

/* The plugin a "plugin.name=value" setting names (the part before the first
 * '.' of the name, which names never contain), its length in *len; NULL
 * when the setting is not qualified. */
static const char *qualifier(const char *set, size_t *len)
{
    const char *eq = strchr(set, '='), *dot = strchr(set, '.');
    if (!dot || dot > eq) return NULL;
    *len = (size_t)(dot - set);
    return set;
}

/* The settings of plugin k among heads[0..nh): "plugin.name=value" when it
 * names this plugin (as "name=value"); "name=value" when the plugin declares
 * name, or when it is the only plugin (its own check then names an unknown
 * parameter).  Returns the count written to out. */
static size_t sets_for(const check_opts *o, const amor_plugin_head *const *heads, size_t nh,
                       size_t k, const char **out)
{
    size_t i, n = 0, len;
    const char *hn = heads[k]->name ? heads[k]->name : "";
    for (i = 0; i < o->nsets; i++) {
        const char *s = o->sets[i], *q = qualifier(s, &len);
        if (q) {
            if (strlen(hn) == len && !strncmp(hn, q, len)) out[n++] = s + len + 1;
        } else if (nh == 1 || declares(heads[k], s, (size_t)(strchr(s, '=') - s))) {
            out[n++] = s;
        }
    }
    return n;
}

/* Whether setting s reaches a plugin of heads[0..nh) (see sets_for). */
static int reaches(const char *s, const amor_plugin_head *const *heads, size_t nh)
{
    size_t k, len;
    const char *q = qualifier(s, &len);
    for (k = 0; k < nh; k++) {
        if (q ? heads[k]->name && strlen(heads[k]->name) == len && !strncmp(heads[k]->name, q, len)
              : nh == 1 || declares(heads[k], s, (size_t)(strchr(s, '=') - s)))
            return 1;
    }
    return 0;
}

/* Settings that reach no plugin of the file (or of the one plugin named,
 * by_name): a failing check of the file (`who`), naming the plugins and what
 * they declare.  Nothing is printed when every setting reaches one. */
static void check_routes(ck *c, const char *who, const amor_plugin_head *const *heads, size_t nh,
                         int by_name)
{
    size_t i, k, len, off = 0;
    char names[1024] = "";
    for (i = 0; i < c->o->nsets && reaches(c->o->sets[i], heads, nh); i++) {}
    if (i == c->o->nsets) return;
    for (k = 0; k < nh && off < sizeof names; k++) {
        size_t j;
        off += (size_t)snprintf(names + off, sizeof names - off, "%s%s: ", k ? "; " : "",
                                heads[k]->name ? heads[k]->name : "?");
        for (j = 0; j < heads[k]->num_params && heads[k]->params && off < sizeof names; j++)
            off += (size_t)snprintf(names + off, sizeof names - off, "%s%s", j ? ", " : "",
                                    heads[k]->params[j].name ? heads[k]->params[j].name : "?");
        if (!heads[k]->num_params && off < sizeof names)
            off += (size_t)snprintf(names + off, sizeof names - off, "no parameters");
    }
    c->who = who;
    c->pipe = -1;
    ck_begin(c, by_name ? "--set: every setting reaches the plugin"
                        : "--set: every setting reaches a plugin of the file");
    for (i = 0; i < c->o->nsets; i++) {
        const char *s = c->o->sets[i], *q = qualifier(s, &len);
        if (reaches(s, heads, nh)) continue;
        if (q && by_name)
            ck_diag(c, "--set %s: names plugin '%.*s', not the plugin checked (%s)", s, (int)len,
                    q, names);
        else if (q)
            ck_diag(c, "--set %s: the file carries no plugin '%.*s' (it carries %s)", s, (int)len,
                    q, names);
        else
            ck_diag(c, "--set %s: no plugin of the file declares a parameter '%.*s' (%s)", s,
                    (int)(strchr(s, '=') - s), s, names);
    }
    ck_end(c, 0);
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
    char real[PATH_MAX], err[PATH_MAX + 320];
    void *dl;
    amor_descriptor_fn entry;
    const amor_plugin_head *h, *heads[64];
    size_t i, nh;
    static char labels[64][160];

    c->who = path;
    c->pipe = -1;
    if (!realpath(path, real)) {
        ck_report(c, "loads as a shared object", 0, "no such file");
        return;
    }
    /* a file that crashes, exits or hangs while loading would take amor
     * with it below; --no-fork (for a debugger) lets it */
    if (c->o->fork && loader_probe_file(c->L, path, err, sizeof err)) {
        ck_report(c, "loads as a shared object", 0, "%s", err);
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
    for (nh = 0; nh < 64 && (h = entry((uint32_t)nh)) != NULL; nh++) heads[nh] = h;
    if (nh == 0) {
        ck_report(c, "returns a descriptor for index 0", 0, "%s(0) returned NULL", AMOR_ENTRY_SYMBOL);
        return;
    }
    check_routes(c, path, heads, nh, 0);
    for (i = 0; i < nh; i++) {
        const char **mine = ck_alloc(c->o->nsets + 1, sizeof *mine);
        size_t nm = sets_for(c->o, heads, nh, i, mine);
        if (valid_name(heads[i]->name)) snprintf(labels[i], sizeof labels[i], "%s", heads[i]->name);
        else snprintf(labels[i], sizeof labels[i], "%s[%zu]", path, i);
        run_plugin(c, heads[i], labels[i], mine, nm);
        free(mine);
    }
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
    const char *plugin = NULL, *a;
    char err[512];
    cliparse p;
    int k;
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
    cliopt_begin(&p, CHECK_OPTS, argc - 1, argv + 1);
    while ((k = cliopt_next(&p, &a, err, sizeof err)) != -1) {
        if (k == 'h') {
            printf("%s\nTests a plugin (a name, or a .so file: every plugin in it) against the ABI "
                   "and\nfinite differences.  Prints TAP; exit status 0 when every check "
                   "passed, 1 on\na failure, 2 for a usage error.\n\noptions:\n", check_usage);
            cliopt_print(stdout, CHECK_OPTS);
            free(o.sets);
            free(o.psets);
            return 0;
        }
        if (k == '?') {
            fprintf(stderr, "amor check: %s\n", err);
            goto usage;
        }
        if (k == CK_SET || k == CK_PROBLEM_SET) {
            if (!strchr(a, '=') || a[0] == '=') {
                fprintf(stderr, "amor check: --%s expects name=value, got '%s'\n",
                        k == CK_SET ? "set" : "problem-set", a);
                goto usage;
            }
            if (k == CK_SET) o.sets[o.nsets++] = a;
            else o.psets[o.npsets++] = a;
        } else if (k == CK_PROBLEM) {
            o.problem = a;
        } else if (k == CK_SEED) {
            if (parse_count("--seed", a, 0, &v)) goto usage;
            o.seed = v;
        } else if (k == CK_BATCH) {
            if (parse_count("--batch", a, 2, &o.batch)) goto usage;
        } else if (k == CK_CYCLES) {
            if (parse_count("--cycles", a, 10, &o.cycles)) goto usage;
        } else if (k == CK_ITERATES) {
            if (parse_count("--iterates", a, 1, &o.iterates)) goto usage;
        } else if (k == CK_TIMEOUT) {
            if (parse_count("--timeout", a, 0, &v)) goto usage;
            o.timeout = (unsigned)v;
        } else if (k == CK_NO_FORK) {
            o.fork = 0;
        } else if (k == 'v') {
            o.verbose = 1;
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
    loader_scan_default(L, argv[0]);

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
        {
            const amor_plugin_head *one[1] = {h};
            const char **mine = ck_alloc(o.nsets + 1, sizeof *mine);
            size_t nm = sets_for(&o, one, 1, 0, mine);
            check_routes(&c, h->name, one, 1, 1);
            run_plugin(&c, h, h->name, mine, nm);
            free(mine);
        }
    }
    printf("1..%d\n", c.count);
    if (c.failed) printf("# %d of %d checks failed\n", c.failed, c.count);
    fflush(stdout);
    free(c.diag);
    free(o.sets);
    free(o.psets);
    return c.failed ? 1 : 0;
usage:
    fprintf(stderr, "%s(amor check --help describes every option)\n", check_usage);
    free(o.sets);
    free(o.psets);
    return 2;
}
