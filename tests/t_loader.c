/*
 * t_loader.c -- the loader accepts a good plugin file and refuses each kind
 * of broken one with a message naming the file and the reason, also one
 * that crashes, exits or hangs while it is loaded (the probe), and this
 * program lives on.
 */
#include <dlfcn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"
#include "tap.h"

#ifndef AMOR_TEST_BUILD
#define AMOR_TEST_BUILD "build" /* the build directory; the Makefile passes $(B) */
#endif
#define FX AMOR_TEST_BUILD "/fixtures/"

static int contains(const char *hay, const char *needle)
{
    int ok = strstr(hay, needle) != NULL;
    if (!ok) tap_diag("got: %s\n# want it to contain: %s", hay, needle);
    return ok;
}

static int same(const char *got, const char *want)
{
    int ok = !strcmp(got, want);
    if (!ok) tap_diag("got:  %s\n# want: %s", got, want);
    return ok;
}

/* The fixtures that fail while being loaded, and the probe's message. */
static const struct {
    const char *file, *msg;
} CRASHERS[] = {
    {"fx_abort_ctor.so", "crashed while loading (SIGABRT, Aborted)"},
    {"fx_bad_doc_ptr.so",
     "crashed while reading descriptor 0 ('fx_bad_doc') (SIGSEGV, Segmentation fault)"},
    {"fx_bad_name_ptr.so",
     "crashed while reading the name of descriptor 0 (SIGSEGV, Segmentation fault)"},
    {"fx_crash_ctor.so", "crashed while loading (SIGSEGV, Segmentation fault)"},
    {"fx_crash_entry.so",
     "crashed in amor_plugin_descriptor(1) (SIGSEGV, Segmentation fault)"},
    {"fx_exit_ctor.so", "exited with status 3 while loading"},
    {"fx_hang_ctor.so",
     "timed out while loading (no progress in 1 s; AMOR_LOAD_TIMEOUT sets the limit)"},
};
#define NCRASHERS (sizeof CRASHERS / sizeof CRASHERS[0])

/* AMOR_LOAD_TIMEOUT: accepted values, refused ones with their message. */
static void test_timeout_setting(void)
{
    static const char *const bad[] = {"", "0", "-1", "abc", "10s", "inf", "nan"};
    char err[256], want[256];
    loader *T = loader_new();
    size_t i;
    setenv("AMOR_LOAD_TIMEOUT", "0.25", 1);
    tap_ok(loader_configure(T, err, sizeof err) == 0, "AMOR_LOAD_TIMEOUT=0.25 is accepted");
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        setenv("AMOR_LOAD_TIMEOUT", bad[i], 1);
        snprintf(want, sizeof want,
                 "AMOR_LOAD_TIMEOUT: expected a positive number of seconds, got '%s'", bad[i]);
        tap_ok(loader_configure(T, err, sizeof err) != 0 && same(err, want),
               "AMOR_LOAD_TIMEOUT='%s' is refused, naming the variable and the value", bad[i]);
    }
    unsetenv("AMOR_LOAD_TIMEOUT");
    tap_ok(loader_configure(T, err, sizeof err) == 0, "without AMOR_LOAD_TIMEOUT the default holds");
    loader_free(T);
}

/* Each file that crashes, exits or hangs while loading is refused with the
 * probe's message naming it; this process, and what it loaded, live on. */
static void test_crashers(loader *L)
{
    char err[2048], path[256], want[512];
    const amor_plugin_head *h;
    size_t i, before = loader_count(L);
    for (i = 0; i < NCRASHERS; i++) {
        snprintf(path, sizeof path, FX "%s", CRASHERS[i].file);
        snprintf(want, sizeof want, "%s: %s", path, CRASHERS[i].msg);
        tap_ok(loader_open_file(L, path, err, sizeof err) != 0 && same(err, want),
               "%s is refused: %s", CRASHERS[i].file, CRASHERS[i].msg);
    }
    tap_ok(loader_count(L) == before, "they register nothing");
    h = loader_find(L, AMOR_KIND_PROBLEM, "fx_one", err, sizeof err);
    tap_ok(h && !strcmp(h->name, "fx_one") && h->doc && !strcmp(h->doc, "fixture one"),
           "what was loaded before is still there");
    h = loader_find(L, AMOR_KIND_PROBLEM, FX "fx_crash_ctor.so", err, sizeof err);
    tap_ok(!h && same(err, FX "fx_crash_ctor.so: crashed while loading (SIGSEGV, "
                          "Segmentation fault)"),
           "a crashing file named in place of a plugin name is an error naming it");

    /* amor check's probe: only a crash, an exit or a hang is its to report */
    for (i = 0; i < NCRASHERS; i++) {
        if (!strcmp(CRASHERS[i].file, "fx_hang_ctor.so")) continue; /* as above; 1 s */
        snprintf(path, sizeof path, FX "%s", CRASHERS[i].file);
        snprintf(want, sizeof want, "%s: %s", path, CRASHERS[i].msg);
        if (!strcmp(CRASHERS[i].file, "fx_bad_doc_ptr.so"))
            tap_ok(loader_probe_file(L, path, err, sizeof err) == 0,
                   "loader_probe_file: %s passes (names are all amor check reads itself)",
                   CRASHERS[i].file);
        else
            tap_ok(loader_probe_file(L, path, err, sizeof err) != 0 && same(err, want),
                   "loader_probe_file: %s: %s", CRASHERS[i].file, CRASHERS[i].msg);
    }
    tap_ok(loader_probe_file(L, FX "fx_bad_abi.so", err, sizeof err) == 0 &&
               loader_probe_file(L, FX "not_elf.so", err, sizeof err) == 0 &&
               loader_probe_file(L, FX "fx_no_symbol.so", err, sizeof err) == 0 &&
               loader_probe_file(L, FX "fx_good.so", err, sizeof err) == 0,
           "loader_probe_file passes files that load and fail only validation, or do not "
           "load at all (amor check reports those itself)");
}

/* Whether the n bytes at p are all zero. */
static int all_zero(const void *p, size_t n)
{
    const unsigned char *b = p;
    size_t k;
    for (k = 0; k < n; k++)
        if (b[k]) return 0;
    return 1;
}

/* The fixture built against the frozen 1.0 header (tests/fixtures/abi10):
 * its descriptors end where 1.0 ended, and what follows each in the file
 * is not zero.  The loader hands out zero-filled full-size copies, so every
 * 1.1 field reads NULL / 0, and the 1.0 fields are the plugin's own. */
static void test_abi10_widened(void)
{
    static const char *const NAMES[] = {"fx10_quad", "fx10_linear", "fx10_regression"};
    const char *path = AMOR_TEST_BUILD "/fixtures/abi10/fx_abi10.so";
    char err[1024];
    void *dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    amor_descriptor_fn entry = NULL;
    loader *W = loader_new();
    const amor_plugin_head *raw[3] = {NULL, NULL, NULL}, *h[3];
    size_t i;
    if (dl) *(void **)(&entry) = dlsym(dl, AMOR_ENTRY_SYMBOL);
    for (i = 0; entry && i < 3; i++) raw[i] = entry((uint32_t)i);
    if (!tap_ok(raw[0] && raw[1] && raw[2], "the ABI 1.0 fixture opens with dlopen (%s)", path)) {
        loader_free(W);
        return;
    }
    for (i = 0; i < 3; i++) {
        size_t full = i == 0 ? sizeof(amor_problem_desc) : i == 1 ? sizeof(amor_model_desc)
                                                                  : sizeof(amor_loss_desc);
        tap_ok(raw[i]->abi_minor == 0 && raw[i]->struct_size == loader_min_struct_size(raw[i]->kind) &&
                   raw[i]->struct_size < full &&
                   !all_zero((const char *)raw[i] + raw[i]->struct_size, full - raw[i]->struct_size),
               "%s: built with minor 0, struct_size %u of ABI 1.0 (< %zu), and the bytes after "
               "it in the file are not zero", NAMES[i], (unsigned)raw[i]->struct_size, full);
    }
    tap_ok(loader_open_file(W, path, err, sizeof err) == 0 && loader_count(W) == 3,
           "the loader registers its three plugins");
    for (i = 0; i < 3; i++) h[i] = loader_find(W, 0, NAMES[i], err, sizeof err);
    if (!tap_ok(h[0] && h[1] && h[2], "and finds them by name")) {
        loader_free(W);
        return;
    }
    for (i = 0; i < 3; i++) {
        const loader_entry *e = loader_get(W, i);
        tap_ok(e && e->own && e->head == e->own && h[i] != raw[i] &&
                   h[i]->struct_size == raw[i]->struct_size &&
                   !memcmp(h[i], raw[i], raw[i]->struct_size),
               "%s: the host's descriptor is a copy, equal to the plugin's over its struct_size",
               NAMES[i]);
    }
    {
        const amor_problem_desc *p = (const amor_problem_desc *)h[0];
        const amor_model_desc *m = (const amor_model_desc *)h[1];
        const amor_loss_desc *l = (const amor_loss_desc *)h[2];
        tap_ok(!p->nx_model && !p->sample_split && !p->valid_value && !p->valid_value_grad &&
                   !p->valid_hvp && !p->state_dim && !p->solver_init && !p->solver_step &&
                   !p->residual,
               "problem: every 1.1 field reads NULL (nx_model, sample_split, valid_*, state_dim, "
               "solver_init, solver_step, residual)");
        tap_ok(p->create && p->value == ((const amor_problem_desc *)raw[0])->value && p->solve &&
                   p->hvp && !p->project && !p->aux,
               "problem: the 1.0 fields are the plugin's");
        tap_ok(!m->needs_for && m->forward == ((const amor_model_desc *)raw[1])->forward &&
                   m->needs == 0,
               "model: needs_for reads NULL, forward is the plugin's");
        tap_ok(!l->needs_for && l->eval == ((const amor_loss_desc *)raw[2])->eval &&
                   l->needs == AMOR_NEEDS_YSTAR,
               "loss: needs_for reads NULL, eval and needs are the plugin's");
    }
    {
        amor_plugin_head *c = loader_widen(raw[0]);
        tap_ok(c && !((amor_problem_desc *)c)->sample_split &&
                   !((amor_problem_desc *)c)->residual && !memcmp(c, raw[0], raw[0]->struct_size),
               "loader_widen on its own: the same zero-filled copy");
        free(c);
    }
    loader_free(W);
    /* the handle stays open, as the loader's do: nothing is unloaded under a test */
}

int main(void)
{
    char err[2048];
    loader *L = loader_new();
    const amor_plugin_head *h;
    int rc;

    rc = loader_open_file(L, FX "fx_good.so", err, sizeof err);
    tap_ok(rc == 0, "a good plugin file loads");
    tap_ok(loader_count(L) == 2, "both descriptors of a two-plugin file are registered");
    tap_ok(loader_get(L, 0) && !loader_get(L, 0)->own && loader_get(L, 0)->head->struct_size ==
                                                            sizeof(amor_problem_desc),
           "a descriptor of this header's size is used in place, not copied");
    h = loader_find(L, AMOR_KIND_PROBLEM, "fx_two", err, sizeof err);
    tap_ok(h && !strcmp(h->name, "fx_two"), "plugins are found by name, not index");
    tap_ok(loader_open_file(L, FX "fx_good.so", err, sizeof err) == 0 && loader_count(L) == 2,
           "opening the same file twice registers nothing twice");

    rc = loader_open_file(L, FX "fx_bad_abi.so", err, sizeof err);
    tap_ok(rc != 0 && contains(err, FX "fx_bad_abi.so: descriptor 0 was built for amor ABI "
                                    "version 99, this host speaks ABI version 1"),
           "another ABI major version is refused, naming both numbers");

    rc = loader_open_file(L, FX "fx_no_symbol.so", err, sizeof err);
    tap_ok(rc != 0 && contains(err, FX "fx_no_symbol.so: no entry point "
                                    "'amor_plugin_descriptor' in shared library"),
           "a missing entry symbol is refused");

    rc = loader_open_file(L, FX "not_elf.so", err, sizeof err);
    tap_ok(rc != 0 && contains(err, FX "not_elf.so: cannot open plugin (not a loadable "
                                    "shared object?)") && contains(err, "invalid ELF header"),
           "a file that is not a shared object is refused with dlerror's reason");

    rc = loader_open_file(L, FX "fx_short_struct.so", err, sizeof err);
    tap_ok(rc != 0 && same(err, FX "fx_short_struct.so: descriptor 0 (problem 'fx_short') has "
                                "struct_size 48, smaller than the 168 bytes of an ABI 1 "
                                "problem descriptor"),
           "a descriptor with a too-small struct_size is refused, naming the plugin");

    rc = loader_open_file(L, FX "fx_bad_kind.so", err, sizeof err);
    tap_ok(rc != 0 && same(err, FX "fx_bad_kind.so: descriptor 0 ('fx_strange') has unknown kind 7"),
           "a descriptor of an unknown kind is refused, naming the plugin");

    rc = loader_open_file(L, FX "fx_missing_fn.so", err, sizeof err);
    tap_ok(rc != 0 && contains(err, FX "fx_missing_fn.so: problem 'fx_novalue' lacks the "
                                    "required function 'value'"),
           "a descriptor without a required function is refused");

    rc = loader_open_file(L, FX "fx_half_solver.so", err, sizeof err);
    tap_ok(rc != 0 && same(err, FX "fx_half_solver.so: problem 'fx_half_solver' lacks the required "
                                "function 'residual (the solver's four calls come together)'"),
           "a problem declaring three of its solver's four calls is refused (%s)", err);

    rc = loader_open_file(L, FX "does_not_exist.so", err, sizeof err);
    tap_ok(rc != 0 && contains(err, FX "does_not_exist.so: cannot open plugin: no such file"),
           "a missing file is refused");

    tap_ok(loader_count(L) == 2, "refused files register nothing");

    test_abi10_widened();
    test_timeout_setting();
    /* a hang costs this much; a loaded machine still loads a fixture in it */
    setenv("AMOR_LOAD_TIMEOUT", "1", 1);
    tap_ok(loader_configure(L, err, sizeof err) == 0, "AMOR_LOAD_TIMEOUT=1");
    test_crashers(L);

    h = loader_find(L, AMOR_KIND_MODEL, "nosuch", err, sizeof err);
    tap_ok(!h && contains(err, "unknown model 'nosuch' (known:)"),
           "an unknown name is an error naming it");
    h = loader_find(L, AMOR_KIND_PROBLEM, "nosuch", err, sizeof err);
    tap_ok(!h && contains(err, "unknown problem 'nosuch' (known: fx_one fx_two)"),
           "the error lists the known plugins of that kind");

    /* scanning a directory collects broken files instead of failing, those
     * that crash, exit or hang while loading too */
    {
        loader *S = loader_new();
        size_t i, j;
        int saw_abi = 0;
        tap_ok(loader_configure(S, err, sizeof err) == 0, "a second loader, AMOR_LOAD_TIMEOUT=1");
        loader_scan_dir(S, AMOR_TEST_BUILD "/fixtures");
        tap_ok(loader_find(S, AMOR_KIND_PROBLEM, "fx_one", err, sizeof err) != NULL &&
                   loader_find(S, AMOR_KIND_PROBLEM, "fx_two", err, sizeof err) != NULL &&
                   loader_find(S, AMOR_KIND_PROBLEM, "fx_misbehave", err, sizeof err) != NULL &&
                   loader_find(S, AMOR_KIND_PROBLEM, "fx_nan", err, sizeof err) != NULL &&
                   loader_find(S, AMOR_KIND_PROBLEM, "fx_zero", err, sizeof err) != NULL &&
                   loader_find(S, AMOR_KIND_PROBLEM, "fx_overflow", err, sizeof err) != NULL &&
                   loader_find(S, AMOR_KIND_PROBLEM, "fx_spawn_ctor", err, sizeof err) != NULL &&
                   loader_find(S, AMOR_KIND_PROBLEM, "fx_private", err, sizeof err) != NULL &&
                   loader_find(S, AMOR_KIND_MODEL, "fx_copycat", err, sizeof err) != NULL &&
                   loader_count(S) == 9,
               "scanning a directory loads the good files, all nine plugins of them");
        for (i = 0; i < loader_broken_count(S); i++)
            saw_abi |= strstr(loader_broken_message(S, i), "ABI version 99") != NULL;
        tap_ok(loader_broken_count(S) == 7 + NCRASHERS && saw_abi,
               "and remembers the %zu broken ones with their reasons", 7 + NCRASHERS);
        for (i = 0; i < NCRASHERS; i++) {
            char want[512];
            int found = 0;
            snprintf(want, sizeof want, FX "%s: %s", CRASHERS[i].file, CRASHERS[i].msg);
            for (j = 0; j < loader_broken_count(S); j++)
                found |= !strcmp(loader_broken_message(S, j), want);
            if (!tap_ok(found, "skipped %s", want))
                for (j = 0; j < loader_broken_count(S); j++)
                    tap_diag("broken: %s", loader_broken_message(S, j));
        }
        tap_ok(loader_broken_count(S) > 0 &&
                   same(loader_broken_message(S, 0), FX "fx_abort_ctor.so: crashed while "
                                                     "loading (SIGABRT, Aborted)"),
               "broken files are listed in the order of their names");
        h = loader_find(S, AMOR_KIND_PROBLEM, "fx_future", err, sizeof err);
        tap_ok(!h && contains(err, "skipped " FX "fx_bad_abi.so"),
               "a name from a broken file reports why the file was skipped");
        loader_free(S);
    }

    /* a path given as a name is opened on demand */
    h = loader_find(L, AMOR_KIND_PROBLEM, FX "fx_zero_dims.so", err, sizeof err);
    tap_ok(h && !strcmp(h->name, "fx_zero"), "a .so path in place of a name is loaded");

    loader_free(L);
    return tap_done();
}
