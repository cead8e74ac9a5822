/*
 * plotcheck.h -- what the figure writer's tests (t_plot.c, t_plot_more.c)
 * look at: a temp directory, paths in it, whole files, PNG magic and size,
 * counting leftover files.  Header-only; include once per test program.
 */
#ifndef AMOR_PLOTCHECK_H
#define AMOR_PLOTCHECK_H

#include "tap.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmp[256];  /* the temp dir */
static char buf[8192]; /* scratch path / command */

static inline const char *at(const char *name)
{
    snprintf(buf, sizeof buf, "%s/%s", tmp, name);
    return buf;
}

static inline int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Whole file as a NUL-terminated string (caller frees), or NULL. */
static inline char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *s = NULL;
    long n;
    if (!f) return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (s = malloc((size_t)n + 1))) {
        size_t got = fread(s, 1, (size_t)n, f);
        s[got] = '\0';
        if (len) *len = got;
    }
    fclose(f);
    return s;
}

static inline int file_contains(const char *path, const char *needle)
{
    char *s = slurp(path, NULL);
    int ok = s && strstr(s, needle) != NULL;
    if (!ok) tap_diag("%s does not contain: %s", path, needle);
    free(s);
    return ok;
}

static inline int file_contains_quiet(const char *path, const char *needle)
{
    char *s = slurp(path, NULL);
    int ok = s && strstr(s, needle) != NULL;
    free(s);
    return ok;
}

static inline int is_png(const char *path)
{
    static const unsigned char magic[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    size_t len = 0;
    char *s = slurp(path, &len);
    int ok = s && len > 8 && memcmp(s, magic, 8) == 0;
    free(s);
    return ok;
}

/* Width and height from the PNG's IHDR chunk (bytes 16..23), or -1. */
static inline void png_size(const char *path, double *w, double *h)
{
    size_t len = 0;
    unsigned char *s = (unsigned char *)slurp(path, &len);
    *w = *h = -1;
    if (s && len >= 24) {
        *w = (double)((unsigned long)s[16] << 24 | s[17] << 16 | s[18] << 8 | s[19]);
        *h = (double)((unsigned long)s[20] << 24 | s[21] << 16 | s[22] << 8 | s[23]);
    }
    free(s);
}

/* Files in dir whose name ends in suffix. */
static inline int count_suffix(const char *dir, const char *suffix)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    size_t ls = strlen(suffix);
    if (!d) return -1;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l >= ls && strcmp(e->d_name + l - ls, suffix) == 0) n++;
    }
    closedir(d);
    return n;
}

/* Run cmd (gnuplot on a written script, from working directory cwd) and
 * check it regenerates tmp/stem.png and .svg, writing nothing into cwd. */
static inline void rerun(const char *cwd, const char *stem, const char *cmd, const char *what)
{
    char png[512], svg[512];
    int before = count_suffix(cwd, ".png") + count_suffix(cwd, ".svg");
    snprintf(png, sizeof png, "%s/%s.png", tmp, stem);
    snprintf(svg, sizeof svg, "%s/%s.svg", tmp, stem);
    unlink(png);
    unlink(svg);
    int rc = system(cmd);
    if (!tap_ok(rc == 0 && is_png(png) && file_contains(svg, "<svg"),
                "rerun %s regenerates %s.png and %s.svg beside the script", what, stem, stem))
        tap_diag("command: %s (status %d)", cmd, rc);
    if (strcmp(cwd, tmp) != 0)
        tap_ok(count_suffix(cwd, ".png") + count_suffix(cwd, ".svg") == before,
               "rerun %s writes nothing into the working directory", what);
    tap_ok(count_suffix(tmp, ".tmp") == 0, "rerun %s leaves no *.tmp files", what);
}

/* A fresh temp dir in tmp (named after the program), or skip everything
 * when gnuplot is missing. */
static inline int plotcheck_setup(const char *prog)
{
    snprintf(tmp, sizeof tmp, "/tmp/amor_%s.XXXXXX", prog);
    if (system("command -v gnuplot >/dev/null 2>&1") != 0)
        tap_skip_all("gnuplot not installed (Debian package gnuplot-nox)");
    if (!mkdtemp(tmp)) {
        tap_ok(0, "mkdtemp: %s", strerror(errno));
        return 0;
    }
    return 1;
}

#endif
