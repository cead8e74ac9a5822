/*
 * fuzz_params.c -- parameter values from text (harness/params.c:
 * params_set_text, what `amor check --set`, `--problem-set` and `amor eval
 * --set` pass on), against the declarations of every shipped plugin, then
 * the canonical text of each value (params_format, which cell keys and CSV
 * columns use).  The input is "PLUGIN\nNAME=VALUE\nNAME=VALUE...": the
 * plugin by index modulo the number loaded when PLUGIN is a number, else by
 * name.  Plugins come from $AMOR_FUZZ_PLUGINS (default build/plugins).
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"
#include "params.h"

static loader *L;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *dir = getenv("AMOR_FUZZ_PLUGINS");
    (void)argc, (void)argv;
    L = loader_new();
    loader_scan_dir(L, dir && *dir ? dir : "build/plugins");
    if (!loader_count(L)) {
        fprintf(stderr, "fuzz_params: no plugins in %s (run make first)\n",
                dir && *dir ? dir : "build/plugins");
        exit(2);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text, *line, *save = NULL, err[2048], buf[4096];
    const amor_plugin_head *h = NULL;
    volatile size_t sink = 0;
    params_set ps;
    size_t i;
    if (!(text = malloc(size + 1))) return 0;
    memcpy(text, data, size);
    text[size] = 0;
    line = strtok_r(text, "\n", &save);
    if (line) {
        char *end;
        unsigned long k = strtoul(line, &end, 10);
        if (*line && !*end) h = loader_get(L, k % loader_count(L))->head;
        else for (i = 0; i < loader_count(L) && !h; i++)
            if (!strcmp(loader_get(L, i)->head->name, line)) h = loader_get(L, i)->head;
    }
    if (!h) h = loader_get(L, 0)->head;
    if (params_init(&ps, h, err, sizeof err)) abort(); /* shipped declarations are valid */
    while ((line = strtok_r(NULL, "\n", &save))) {
        char *eq = strchr(line, '=');
        if (!eq) continue;
        *eq = 0;
        err[0] = 0;
        if (params_set_text(&ps, line, eq + 1, err, sizeof err) && !err[0]) abort();
    }
    for (i = 0; i < ps.n; i++) sink += strlen(params_format(&ps, i, buf, sizeof buf));
    params_free(&ps);
    free(text);
    (void)sink;
    return 0;
}
