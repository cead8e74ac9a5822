/*
 * loader.c -- opens plugin shared objects (dlopen, RTLD_NOW | RTLD_LOCAL),
 * validates every descriptor against the ABI and keeps a registry by name.
 * Each failure names the file and the stage that failed.  A file is first
 * loaded and validated in a child process (the probe), so that one whose
 * constructor or entry point crashes, exits or hangs is refused with a
 * message instead of taking amor down with it.
 */
#include "loader.h"
#include "loader_probe.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_TIMEOUT 10.0 /* seconds; AMOR_LOAD_TIMEOUT */

struct loader {
    loader_entry *entries;
    size_t n, cap;
    char **paths; /* owned copies of file paths, one per opened file */
    void **handles;
    size_t npaths, cappaths;
    char **broken;
    size_t nbroken, capbroken;
    double timeout; /* seconds a probe may go without news of progress */
};

loader *loader_new(void)
{
    loader *L = calloc(1, sizeof(loader));
    if (L) L->timeout = DEFAULT_TIMEOUT;
    return L;
}

int loader_configure(loader *L, char *err, size_t errlen)
{
    const char *v = getenv("AMOR_LOAD_TIMEOUT");
    char *end;
    double t;
    if (!v) return 0;
    errno = 0;
    t = strtod(v, &end);
    if (!*v || *end || errno || !isfinite(t) || t <= 0)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "AMOR_LOAD_TIMEOUT: expected a positive number of seconds, got '%s'", v);
    L->timeout = t;
    return 0;
}

void loader_free(loader *L)
{
    size_t i;
    if (!L) return;
    for (i = 0; i < L->npaths; i++) {
        free(L->paths[i]);
        /* handles stay open: descriptors point into them until exit */
    }
    for (i = 0; i < L->nbroken; i++) free(L->broken[i]);
    for (i = 0; i < L->n; i++) free(L->entries[i].own);
    free(L->paths);
    free(L->handles);
    free(L->broken);
    free(L->entries);
    free(L);
}

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return 0;
    size_t nc = *cap ? *cap * 2 : 16;
    while (nc < need) nc *= 2;
    void *q = realloc(*p, nc * elem);
    if (!q) return -1;
    *p = q;
    *cap = nc;
    return 0;
}

const char *loader_kind_name(uint32_t kind)
{
    switch (kind) {
    case AMOR_KIND_PROBLEM: return "problem";
    case AMOR_KIND_MODEL: return "model";
    case AMOR_KIND_LOSS: return "loss";
    default: return "plugin";
    }
}

/* The size of the version-1.0 descriptor of each kind (up to the first
 * field ABI 1.1 appended): the least the host accepts. */
size_t loader_min_struct_size(uint32_t kind)
{
    switch (kind) {
    case AMOR_KIND_PROBLEM: return offsetof(amor_problem_desc, nx_model);
    case AMOR_KIND_MODEL: return offsetof(amor_model_desc, needs_for);
    case AMOR_KIND_LOSS: return offsetof(amor_loss_desc, needs_for);
    default: return 0;
    }
}

/* The size of the descriptor of each kind in this host's header. */
static size_t full_struct_size(uint32_t kind)
{
    switch (kind) {
    case AMOR_KIND_PROBLEM: return sizeof(amor_problem_desc);
    case AMOR_KIND_MODEL: return sizeof(amor_model_desc);
    case AMOR_KIND_LOSS: return sizeof(amor_loss_desc);
    default: return 0;
    }
}

/* A descriptor built against an older minor version ends before the fields
 * this host knows: the host works on a zero-filled copy of full size, so
 * every field it reads past the plugin's struct_size is NULL / 0 (the
 * header's promise), and no code needs to compare offsets.  NULL when out of
 * memory; the caller frees the copy. */
amor_plugin_head *loader_widen(const amor_plugin_head *h)
{
    size_t full = full_struct_size(h->kind);
    amor_plugin_head *c = calloc(1, full);
    if (c) memcpy(c, h, h->struct_size < full ? h->struct_size : full);
    return c;
}

static int valid_name(const char *s)
{
    if (!s || !*s) return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return 1;
}

/* Check required function pointers of a validated-size descriptor. */
static const char *missing_required(const amor_plugin_head *h)
{
    switch (h->kind) {
    case AMOR_KIND_PROBLEM: {
        const amor_problem_desc *d = (const amor_problem_desc *)h;
        if (!d->create) return "create";
        if (!d->destroy) return "destroy";
        if (!d->dims) return "dims";
        if (!d->sample) return "sample";
        if (!d->value) return "value";
        if (d->project_vjp && !d->project) return "project (project_vjp given)";
        if (!d->aux_dim != !d->aux) return d->aux ? "aux_dim (aux given)" : "aux (aux_dim given)";
        /* ABI 1.1 fields, only where the descriptor has them */
        if (h->struct_size < offsetof(amor_problem_desc, residual) + sizeof d->residual)
            return NULL;
        if (d->state_dim || d->solver_init || d->solver_step || d->residual) {
            if (!d->state_dim) return "state_dim (the solver's four calls come together)";
            if (!d->solver_init) return "solver_init (the solver's four calls come together)";
            if (!d->solver_step) return "solver_step (the solver's four calls come together)";
            if (!d->residual) return "residual (the solver's four calls come together)";
        }
        if ((d->valid_value_grad || d->valid_hvp) && !d->valid_value)
            return "valid_value (valid_value_grad or valid_hvp given)";
        if (d->valid_hvp && !d->valid_value_grad) return "valid_value_grad (valid_hvp given)";
        return NULL;
    }
    case AMOR_KIND_MODEL: {
        const amor_model_desc *d = (const amor_model_desc *)h;
        if (!d->create) return "create";
        if (!d->destroy) return "destroy";
        if (!d->num_params) return "num_params";
        if (!d->num_iterates) return "num_iterates";
        if (!d->workspace_size) return "workspace_size";
        if (!d->init) return "init";
        if (!d->forward) return "forward";
        return NULL; /* backward may be NULL: a model without a gradient (amor.h) */
    }
    case AMOR_KIND_LOSS: {
        const amor_loss_desc *d = (const amor_loss_desc *)h;
        if (!d->create) return "create";
        if (!d->destroy) return "destroy";
        if (!d->eval) return "eval";
        return NULL;
    }
    }
    return NULL;
}

static int check_params(const amor_plugin_head *h, char *err, size_t errlen,
                        const char *path)
{
    size_t i, j;
    if (h->num_params && !h->params)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "%s: plugin '%s' declares %zu parameters but no table",
                           path, h->name, h->num_params);
    for (i = 0; i < h->num_params; i++) {
        const amor_param_decl *p = &h->params[i];
        if (!valid_name(p->name))
            return amor_errorf(err, errlen, AMOR_EINVAL,
                               "%s: plugin '%s': parameter %zu has an invalid name",
                               path, h->name, i);
        if (p->type < AMOR_PARAM_INT || p->type > AMOR_PARAM_INT_LIST)
            return amor_errorf(err, errlen, AMOR_EINVAL,
                               "%s: plugin '%s': parameter '%s' has unknown type %u",
                               path, h->name, p->name, (unsigned)p->type);
        for (j = 0; j < i; j++)
            if (!strcmp(h->params[j].name, p->name))
                return amor_errorf(err, errlen, AMOR_EINVAL,
                                   "%s: plugin '%s': parameter '%s' declared twice",
                                   path, h->name, p->name);
    }
    return 0;
}

/* Validate one descriptor; the message names the file, the failing stage
 * and, once its name has been read and found valid, the plugin.  The name
 * is read right after the version check, before the checks whose messages
 * use it: in the probe child (po given, LOADER_STEP_NAME announced) a name
 * pointer into unmapped memory faults there and is reported as such; amor
 * validates only what the probe passed. */
static int validate(const loader_probe_out *po, const amor_plugin_head *h, const char *path,
                    uint32_t index, char *err, size_t errlen)
{
    const char *miss;
    char who[96]; /* "descriptor 0 ('foo')" */
    int named = 0;
    if (h->abi_version != AMOR_ABI_VERSION) /* another major: its layout is not ours */
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "%s: descriptor %u was built for amor ABI version %u, "
                           "this host speaks ABI version %u",
                           path, index, (unsigned)h->abi_version,
                           (unsigned)AMOR_ABI_VERSION);
    if (h->struct_size >= offsetof(amor_plugin_head, name) + sizeof h->name) {
        loader_probe_step(po, LOADER_STEP_NAME, index, NULL);
        named = valid_name(h->name);
        loader_probe_step(po, LOADER_STEP_READ, index, named ? h->name : NULL);
    }
    if (named)
        snprintf(who, sizeof who, "descriptor %u ('%.64s')", (unsigned)index, h->name);
    else
        snprintf(who, sizeof who, "descriptor %u", (unsigned)index);
    if (h->kind < AMOR_KIND_PROBLEM || h->kind > AMOR_KIND_LOSS)
        return amor_errorf(err, errlen, AMOR_EINVAL, "%s: %s has unknown kind %u", path, who,
                           (unsigned)h->kind);
    if (h->struct_size < loader_min_struct_size(h->kind))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "%s: descriptor %u (%s%s%.64s%s) has struct_size %u, smaller "
                           "than the %zu bytes of an ABI %u %s descriptor",
                           path, index, loader_kind_name(h->kind), named ? " '" : "",
                           named ? h->name : "", named ? "'" : "", (unsigned)h->struct_size,
                           loader_min_struct_size(h->kind), (unsigned)AMOR_ABI_VERSION,
                           loader_kind_name(h->kind));
    if (!named)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "%s: descriptor %u has an invalid name (want [a-z0-9_]+)",
                           path, index);
    if ((miss = missing_required(h)))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "%s: %s '%s' lacks the required function '%s'", path,
                           loader_kind_name(h->kind), h->name, miss);
    return check_params(h, err, errlen, path);
}

static const loader_entry *find_entry(const loader *L, uint32_t kind,
                                      const char *name)
{
    size_t i;
    for (i = 0; i < L->n; i++)
        if ((!kind || L->entries[i].head->kind == kind) &&
            !strcmp(L->entries[i].head->name, name))
            return &L->entries[i];
    return NULL;
}

static int already_open(const loader *L, const char *real)
{
    size_t i;
    for (i = 0; i < L->npaths; i++)
        if (!strcmp(L->paths[i], real)) return 1;
    return 0;
}

/* ------------------------------------------------------------------------ */
/* Opening a file                                                           */

/* Keeps the probe's reads of strings from being optimized away. */
static volatile size_t probe_sink;

/* Read every string and list of a validated descriptor that amor may read
 * later (list, describe, parameter defaults), so that a pointer into
 * unmapped memory faults in the probe child rather than in amor. */
static size_t touch(const amor_plugin_head *h)
{
    size_t n = 0, i, k;
    if (h->version) n += strlen(h->version);
    if (h->doc) n += strlen(h->doc);
    for (i = 0; i < h->num_params; i++) {
        const amor_param_decl *p = &h->params[i];
        if (p->doc) n += strlen(p->doc);
        if (p->type == AMOR_PARAM_STRING && p->def_string) n += strlen(p->def_string);
        if (p->type == AMOR_PARAM_STRING && p->choices) n += strlen(p->choices);
        if (p->type == AMOR_PARAM_INT_LIST && p->def_list)
            for (k = 0; k < p->def_list_len; k++) n += (size_t)p->def_list[k];
    }
    return n;
}

/* dlopen `real` (the file `path` names) and validate every descriptor it
 * exports.  In amor (L given) the descriptors are registered; in the probe
 * child (po given) each step is reported first, the strings are read, and
 * nothing is closed (the child exits; a destructor could fail too). */
static int open_file(loader *L, const loader_probe_out *po, const char *path, const char *real,
                     char *err, size_t errlen)
{
    void *dl;
    amor_descriptor_fn entry;
    const amor_plugin_head *h;
    uint32_t i;
    size_t first = L ? L->n : 0;

    loader_probe_step(po, LOADER_STEP_OPEN, 0, NULL);
    dlerror();
    dl = dlopen(real, RTLD_NOW | RTLD_LOCAL);
    if (!dl)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "%s: cannot open plugin (not a loadable shared object?): %s",
                           path, dlerror());
    dlerror();
    *(void **)(&entry) = dlsym(dl, AMOR_ENTRY_SYMBOL);
    if (!entry) {
        if (L) dlclose(dl);
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "%s: no entry point '%s' in shared library", path,
                           AMOR_ENTRY_SYMBOL);
    }
    for (i = 0;; i++) {
        const loader_entry *dup;
        loader_probe_step(po, LOADER_STEP_ENTRY, i, NULL);
        if (!(h = entry(i))) break;
        loader_probe_step(po, LOADER_STEP_READ, i, NULL);
        if (validate(po, h, path, i, err, errlen)) goto fail;
        if (!L) {
            probe_sink += touch(h);
            continue;
        }
        if ((dup = find_entry(L, h->kind, h->name))) {
            amor_errorf(err, errlen, AMOR_EINVAL,
                        "%s: %s '%s' is already provided by %s", path,
                        loader_kind_name(h->kind), h->name, dup->path);
            goto fail;
        }
        if (grow((void **)&L->entries, &L->cap, L->n + 1, sizeof *L->entries))
            goto nomem;
        L->entries[L->n].own = NULL;
        if (h->struct_size < full_struct_size(h->kind)) {
            if (!(L->entries[L->n].own = loader_widen(h))) goto nomem;
            h = L->entries[L->n].own;
        }
        L->entries[L->n].head = h;
        L->entries[L->n].path = NULL; /* set below, once the path is stored */
        L->n++;
    }
    if (i == 0) {
        amor_errorf(err, errlen, AMOR_EINVAL,
                    "%s: '%s' returns no descriptor for index 0", path,
                    AMOR_ENTRY_SYMBOL);
        goto fail;
    }
    if (!L) return 0;
    if (grow((void **)&L->paths, &L->cappaths, L->npaths + 1, sizeof *L->paths) ||
        !(L->paths[L->npaths] = strdup(real)))
        goto nomem;
    {
        size_t ch = L->cappaths;
        void **nh = realloc(L->handles, ch * sizeof *nh);
        if (!nh) goto nomem;
        L->handles = nh;
        L->handles[L->npaths] = dl;
    }
    for (size_t k = first; k < L->n; k++) L->entries[k].path = L->paths[L->npaths];
    L->npaths++;
    return 0;
nomem:
    amor_errorf(err, errlen, AMOR_ENOMEM, "%s: out of memory", path);
fail:
    if (L) {
        for (size_t k = first; k < L->n; k++) free(L->entries[k].own);
        L->n = first;
        dlclose(dl);
    }
    return AMOR_EINVAL;
}

/* In the probe child: open_file, without registering. */
static int probe_open(const loader_probe_out *po, const char *path, const char *real, char *err,
                      size_t errlen)
{
    return open_file(NULL, po, path, real, err, errlen);
}

/* In the probe child: what `amor check` does with a file in amor itself
 * before its checks run in children (check_file in check.c): dlopen it, call
 * the entry point for up to 64 descriptors and read their names.  A file
 * that does not open or has no entry point is for the checks to report, not
 * the probe. */
static int probe_open_raw(const loader_probe_out *po, const char *path, const char *real,
                          char *err, size_t errlen)
{
    void *dl;
    amor_descriptor_fn entry;
    const amor_plugin_head *h;
    uint32_t i;
    (void)path;
    (void)err;
    (void)errlen;
    loader_probe_step(po, LOADER_STEP_OPEN, 0, NULL);
    if (!(dl = dlopen(real, RTLD_NOW | RTLD_LOCAL))) return 0;
    *(void **)(&entry) = dlsym(dl, AMOR_ENTRY_SYMBOL);
    if (!entry) return 0;
    for (i = 0; i < 64; i++) {
        loader_probe_step(po, LOADER_STEP_ENTRY, i, NULL);
        if (!(h = entry(i))) break;
        loader_probe_step(po, LOADER_STEP_READ, i, NULL);
        probe_sink += h->abi_version;
        loader_probe_step(po, LOADER_STEP_NAME, i, NULL);
        if (h->name) probe_sink += strlen(h->name);
    }
    return 0;
}

static const char *probe_message(const loader_probe *p)
{
    return p->msg ? p->msg : "(out of memory for the message)";
}

int loader_open_file(loader *L, const char *path, char *err, size_t errlen)
{
    char real[PATH_MAX];
    loader_probe p;

    if (!realpath(path, real))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "%s: cannot open plugin: no such file", path);
    if (already_open(L, real)) return 0;
    p.path = path;
    p.real = real;
    p.state = LOADER_PROBE_PENDING;
    p.msg = NULL;
    loader_probe_files(&p, 1, L->timeout, probe_open, NULL, NULL);
    if (p.state != LOADER_PROBE_OK) {
        amor_errorf(err, errlen, AMOR_EINVAL, "%s", probe_message(&p));
        free(p.msg);
        return AMOR_EINVAL;
    }
    return open_file(L, NULL, path, real, err, errlen);
}

int loader_probe_file(const loader *L, const char *path, char *err, size_t errlen)
{
    char real[PATH_MAX];
    loader_probe p;
    int rc = 0;
    if (!realpath(path, real)) return 0;
    p.path = path;
    p.real = real;
    p.state = LOADER_PROBE_PENDING;
    p.msg = NULL;
    loader_probe_files(&p, 1, L->timeout, probe_open_raw, NULL, NULL);
    if (p.state == LOADER_PROBE_FAILED) rc = amor_errorf(err, errlen, AMOR_EINVAL, "%s", probe_message(&p));
    free(p.msg);
    return rc;
}

static void add_broken(loader *L, const char *msg)
{
    char *c = strdup(msg);
    if (!c) return;
    if (grow((void **)&L->broken, &L->capbroken, L->nbroken + 1, sizeof *L->broken)) {
        free(c);
        return;
    }
    L->broken[L->nbroken++] = c;
}

/* ------------------------------------------------------------------------ */
/* Scanning directories                                                     */

/* The files of a scan, in order: probed together (one child for the whole
 * search path, while no file fails), then opened in amor. */
typedef struct batch {
    loader_probe *p; /* path and real are owned here */
    size_t n, cap;
} batch;

static void batch_add(const loader *L, batch *b, const char *path)
{
    char real[PATH_MAX];
    loader_probe *q;
    size_t i;
    int found = realpath(path, real) != NULL;
    if (found && already_open(L, real)) return;
    for (i = 0; found && i < b->n; i++)
        if (b->p[i].real && !strcmp(b->p[i].real, real)) return; /* a directory named twice */
    if (grow((void **)&b->p, &b->cap, b->n + 1, sizeof *b->p)) return;
    q = &b->p[b->n];
    q->path = strdup(path);
    q->real = found ? strdup(real) : NULL;
    q->state = found ? LOADER_PROBE_PENDING : LOADER_PROBE_REFUSED;
    q->msg = NULL;
    if (!q->path || (found && !q->real)) {
        free((char *)q->path);
        free((char *)q->real);
        return;
    }
    if (!found) {
        char msg[PATH_MAX + 64];
        snprintf(msg, sizeof msg, "%s: cannot open plugin: no such file", path);
        q->msg = strdup(msg);
    }
    b->n++;
}

/* A file the probe passed, opened in amor: LOADED, or REFUSED with the
 * message (a name another file provides already). */
static void batch_open(void *ctx, loader_probe *q)
{
    char err[1024];
    if (!open_file(ctx, NULL, q->path, q->real, err, sizeof err)) {
        q->state = LOADER_PROBE_LOADED;
        return;
    }
    q->state = LOADER_PROBE_REFUSED;
    q->msg = strdup(err);
}

/* Probe and open what passed, then remember the rest (loader_broken), in
 * the order of the files. */
static void batch_load(loader *L, batch *b)
{
    size_t i;
    loader_probe_files(b->p, b->n, L->timeout, probe_open, batch_open, L);
    for (i = 0; i < b->n; i++) {
        loader_probe *q = &b->p[i];
        if (q->state == LOADER_PROBE_OK) batch_open(L, q); /* unprobed: no process for a probe */
        if (q->state != LOADER_PROBE_LOADED) add_broken(L, probe_message(q));
        free((char *)q->path);
        free((char *)q->real);
        free(q->msg);
    }
    free(b->p);
    memset(b, 0, sizeof *b);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.so directly in dir, in name order (deterministic). */
static void collect_one(const loader *L, batch *b, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0, i;
    if (!d) return;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len > 3 && !strcmp(e->d_name + len - 3, ".so")) {
            if (grow((void **)&names, &cap, n + 1, sizeof *names)) break;
            if (!(names[n] = strdup(e->d_name))) break;
            n++;
        }
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, cmp_str);
    for (i = 0; i < n; i++) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        batch_add(L, b, path);
        free(names[i]);
    }
    free(names);
}

static void collect_dir(const loader *L, batch *b, const char *dir)
{
    static const char *const sub[] = {"problems", "models", "losses"};
    char path[PATH_MAX];
    size_t i;
    for (i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, sub[i]);
        collect_one(L, b, path);
    }
    collect_one(L, b, dir);
}

void loader_scan_dir(loader *L, const char *dir)
{
    batch b = {NULL, 0, 0};
    collect_dir(L, &b, dir);
    batch_load(L, &b);
}

void loader_scan_default(loader *L, const char *exe_path)
{
    char exe[PATH_MAX], path[PATH_MAX];
    const char *env;
    batch b = {NULL, 0, 0};
    ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (k > 0) {
        exe[k] = 0;
    } else if (!exe_path || !realpath(exe_path, exe)) {
        exe[0] = 0;
    }
    if (exe[0]) {
        char *slash = strrchr(exe, '/');
        if (slash) *slash = 0;
        snprintf(path, sizeof path, "%s/plugins", exe);
        collect_dir(L, &b, path);
        snprintf(path, sizeof path, "%s/../lib/amor/plugins", exe);
        collect_dir(L, &b, path);
    }
    env = getenv("AMOR_PLUGIN_PATH");
    if (env && *env) {
        char *copy = strdup(env), *tok, *save = NULL;
        if (copy) {
            for (tok = strtok_r(copy, ":", &save); tok; tok = strtok_r(NULL, ":", &save))
                if (*tok) collect_dir(L, &b, tok);
            free(copy);
        }
    }
    batch_load(L, &b);
}

static int looks_like_path(const char *name)
{
    size_t len = strlen(name);
    return strchr(name, '/') || (len > 3 && !strcmp(name + len - 3, ".so"));
}

const amor_plugin_head *loader_find(loader *L, uint32_t kind, const char *name,
                                    char *err, size_t errlen)
{
    const loader_entry *e;
    size_t i, off;
    if (!name || !*name) {
        amor_errorf(err, errlen, AMOR_EINVAL, "empty %s name", loader_kind_name(kind));
        return NULL;
    }
    if (looks_like_path(name)) {
        size_t before = L->n;
        char real[PATH_MAX];
        if (loader_open_file(L, name, err, errlen)) return NULL;
        /* the file's plugins (or, if it was open already, the ones it gave) */
        if (!realpath(name, real)) real[0] = 0;
        for (i = 0; i < L->n; i++) {
            if (i < before && strcmp(L->entries[i].path, real)) continue;
            if (!kind || L->entries[i].head->kind == kind) return L->entries[i].head;
        }
        amor_errorf(err, errlen, AMOR_EINVAL, "%s: carries no %s plugin", name,
                    loader_kind_name(kind));
        return NULL;
    }
    if ((e = find_entry(L, kind, name))) return e->head;
    off = (size_t)snprintf(err, errlen, "unknown %s '%s' (known:", loader_kind_name(kind), name);
    for (i = 0; i < L->n && off < errlen; i++)
        if (!kind || L->entries[i].head->kind == kind)
            off += (size_t)snprintf(err + off, errlen - off, " %s", L->entries[i].head->name);
    if (off < errlen) off += (size_t)snprintf(err + off, errlen - off, ")");
    for (i = 0; i < L->nbroken && off < errlen; i++)
        off += (size_t)snprintf(err + off, errlen - off, "; skipped %s", L->broken[i]);
    return NULL;
}

size_t loader_count(const loader *L) { return L->n; }
const loader_entry *loader_get(const loader *L, size_t i) { return i < L->n ? &L->entries[i] : NULL; }
size_t loader_broken_count(const loader *L) { return L->nbroken; }
const char *loader_broken_message(const loader *L, size_t i) { return i < L->nbroken ? L->broken[i] : NULL; }

const char *loader_path_of(const loader *L, const amor_plugin_head *h)
{
    size_t i;
    for (i = 0; i < L->n; i++)
        if (L->entries[i].head == h) return L->entries[i].path;
    return NULL;
}
