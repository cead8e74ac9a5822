/*
 * t_loader.c -- the loader accepts a good plugin file and refuses each kind
 * of broken one with a message naming the file and the reason.
 */
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

int main(void)
{
    char err[2048];
    loader *L = loader_new();
    const amor_plugin_head *h;
    int rc;

    rc = loader_open_file(L, FX "fx_good.so", err, sizeof err);
    tap_ok(rc == 0, "a good plugin file loads");
    tap_ok(loader_count(L) == 2, "both descriptors of a two-plugin file are registered");
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
    tap_ok(rc != 0 && contains(err, FX "fx_short_struct.so: descriptor 0 (problem) has "
                                    "struct_size 48, smaller than the 168 bytes of an ABI 1 "
                                    "problem descriptor"),
           "a descriptor with a too-small struct_size is refused");

    rc = loader_open_file(L, FX "fx_missing_fn.so", err, sizeof err);
    tap_ok(rc != 0 && contains(err, FX "fx_missing_fn.so: problem 'fx_novalue' lacks the "
                                    "required function 'value'"),
           "a descriptor without a required function is refused");

    rc = loader_open_file(L, FX "does_not_exist.so", err, sizeof err);
    tap_ok(rc != 0 && contains(err, FX "does_not_exist.so: cannot open plugin: no such file"),
           "a missing file is refused");

    tap_ok(loader_count(L) == 2, "refused files register nothing");

    h = loader_find(L, AMOR_KIND_MODEL, "nosuch", err, sizeof err);
    tap_ok(!h && contains(err, "unknown model 'nosuch' (known:)"),
           "an unknown name is an error naming it");
    h = loader_find(L, AMOR_KIND_PROBLEM, "nosuch", err, sizeof err);
    tap_ok(!h && contains(err, "unknown problem 'nosuch' (known: fx_one fx_two)"),
           "the error lists the known plugins of that kind");

    /* scanning a directory collects broken files instead of failing */
    {
        loader *S = loader_new();
        size_t i;
        int saw_abi = 0;
        loader_scan_dir(S, AMOR_TEST_BUILD "/fixtures");
        tap_ok(loader_find(S, AMOR_KIND_PROBLEM, "fx_one", err, sizeof err) != NULL,
               "scanning a directory loads the good files");
        for (i = 0; i < loader_broken_count(S); i++)
            saw_abi |= strstr(loader_broken_message(S, i), "ABI version 99") != NULL;
        tap_ok(loader_broken_count(S) == 5 && saw_abi,
               "and remembers the five broken ones with their reasons");
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
