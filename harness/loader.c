/*
 * loader.c -- opens plugin shared objects (dlopen, RTLD_NOW | RTLD_LOCAL),
 * validates every descriptor against the ABI and keeps a registry by name.
 * Each failure names the file and the stage that failed.
 */
#include "loader.h"

#include <dirent.h>
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct loader {
    loader_entry *entries;
    size_t n, cap;
    char **paths; /* owned copies of file paths, one per opened file */
    void **handles;
    size_t npaths, cappaths;
    char **broken;
    size_t nbroken, capbroken;
};

loader *loader_new(void)
{
    return calloc(1, sizeof(loader));
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

/* The size of the version-1 descriptor of each kind: the least the host
 * accepts. */
static size_t min_struct_size(uint32_t kind)
{
    switch (kind) {
    case AMOR_KIND_PROBLEM: return sizeof(amor_problem_desc);
    case AMOR_KIND_MODEL: return sizeof(amor_model_desc);
    case AMOR_KIND_LOSS: return sizeof(amor_loss_desc);
    default: return 0;
    }
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
        if (!d->backward) return "backward";
        return NULL;
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

/* Validate one descriptor; message names the file and the failing stage. */
static int validate(const amor_plugin_head *h, const char *path, uint32_t index,
                    char *err, size_t errlen)
{
    const char *miss;
    if (h->abi_version != AMOR_ABI_VERSION)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "%s: descriptor %u was built for amor ABI version %u, "
                           "this host speaks ABI version %u",
                           path, index, (unsigned)h->abi_version,
                           (unsigned)AMOR_ABI_VERSION);
    if (h->kind < AMOR_KIND_PROBLEM || h->kind > AMOR_KIND_LOSS)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "%s: descriptor %u has unknown kind %u", path, index,
                           (unsigned)h->kind);
    if (h->struct_size < min_struct_size(h->kind))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "%s: descriptor %u (%s) has struct_size %u, smaller "
                           "than the %zu bytes of an ABI %u %s descriptor",
                           path, index, loader_kind_name(h->kind),
                           (unsigned)h->struct_size, min_struct_size(h->kind),
                           (unsigned)AMOR_ABI_VERSION, loader_kind_name(h->kind));
    if (!valid_name(h->name))
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

int loader_open_file(loader *L, const char *path, char *err, size_t errlen)
{
    char real[PATH_MAX];
    void *dl;
    amor_descriptor_fn entry;
    const amor_plugin_head *h;
    uint32_t i;
    size_t first = L->n;

    if (!realpath(path, real))
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "%s: cannot open plugin: no such file", path);
    if (already_open(L, real)) return 0;

    dlerror();
    dl = dlopen(real, RTLD_NOW | RTLD_LOCAL);
    if (!dl)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "%s: cannot open plugin (not a loadable shared object?): %s",
                           path, dlerror());
    dlerror();
    *(void **)(&entry) = dlsym(dl, AMOR_ENTRY_SYMBOL);
    if (!entry) {
        dlclose(dl);
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "%s: no entry point '%s' in shared library", path,
                           AMOR_ENTRY_SYMBOL);
    }
    for (i = 0; (h = entry(i)) != NULL; i++) {
        const loader_entry *dup;
        if (validate(h, path, i, err, errlen)) goto fail;
        if ((dup = find_entry(L, h->kind, h->name))) {
            amor_errorf(err, errlen, AMOR_EINVAL,
                        "%s: %s '%s' is already provided by %s", path,
                        loader_kind_name(h->kind), h->name, dup->path);
            goto fail;
        }
        if (grow((void **)&L->entries, &L->cap, L->n + 1, sizeof *L->entries))
            goto nomem;
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
    L->n = first;
    dlclose(dl);
    return AMOR_EINVAL;
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

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Load every *.so directly in dir, in name order (deterministic). */
static void scan_one(loader *L, const char *dir)
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
        char path[PATH_MAX], err[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (loader_open_file(L, path, err, sizeof err)) add_broken(L, err);
        free(names[i]);
    }
    free(names);
}

void loader_scan_dir(loader *L, const char *dir)
{
    static const char *const sub[] = {"problems", "models", "losses"};
    char path[PATH_MAX];
    size_t i;
    for (i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, sub[i]);
        scan_one(L, path);
    }
    scan_one(L, dir);
}

void loader_scan_default(loader *L, const char *exe_path)
{
    char exe[PATH_MAX], path[PATH_MAX];
    const char *env;
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
        loader_scan_dir(L, path);
        snprintf(path, sizeof path, "%s/../lib/amor/plugins", exe);
        loader_scan_dir(L, path);
    }
    env = getenv("AMOR_PLUGIN_PATH");
    if (env && *env) {
        char *copy = strdup(env), *tok, *save = NULL;
        if (!copy) return;
        for (tok = strtok_r(copy, ":", &save); tok; tok = strtok_r(NULL, ":", &save))
            if (*tok) loader_scan_dir(L, tok);
        free(copy);
    }
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
