/*
 * sbuf.c -- growable byte buffer and CSV field formatting (see sbuf.h).
 */
#include "sbuf.h"

#include "params.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sb_add(sbuf *b, const void *s, size_t n)
{
    if (b->oom) return;
    if (b->len + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap : 4096;
        while (nc < b->len + n + 1) nc *= 2;
        char *q = realloc(b->p, nc);
        if (!q) {
            b->oom = 1;
            return;
        }
        b->p = q;
        b->cap = nc;
    }
    if (n) memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

void sb_str(sbuf *b, const char *s) { sb_add(b, s, strlen(s)); }

void sb_field(sbuf *b, const char *s)
{
    if (!s) return;
    if (!strpbrk(s, ",\"\n\r")) {
        sb_str(b, s);
        return;
    }
    sb_add(b, "\"", 1);
    for (; *s; s++) {
        if (*s == '"') sb_add(b, "\"", 1);
        sb_add(b, s, 1);
    }
    sb_add(b, "\"", 1);
}

void sb_real(sbuf *b, double v)
{
    char t[40];
    if (isnan(v)) snprintf(t, sizeof t, "nan");
    else if (isinf(v)) snprintf(t, sizeof t, v > 0 ? "inf" : "-inf");
    else params_format_real(v, t, sizeof t);
    sb_str(b, t);
}

void bytes_text(double v, const char *plain, char *buf, size_t len)
{
    static const char units[] = "KMGT";
    int u = -1;
    while (u < 3 && v >= 1024 && fmod(v, 1024) == 0) {
        v /= 1024;
        u++;
    }
    if (u < 0) snprintf(buf, len, "%.0f%s", v, plain);
    else snprintf(buf, len, "%.0f%c", v, units[u]);
}
