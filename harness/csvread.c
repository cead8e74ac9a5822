/*
 * csvread.c -- RFC 4180 reader (see csvread.h).  The file is read whole and
 * unescaped in place: an unquoted field is a span of the text, a quoted one
 * shrinks as "" becomes ", so the write position never passes the read
 * position.
 */
#include "csvread.h"

#include "amor.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct growth {
    csv_file *t;
    size_t nfields, capfields, caprec;
} growth;

static int push_field(growth *g, char *f)
{
    if (g->nfields == g->capfields) {
        size_t nc = g->capfields ? 2 * g->capfields : 256;
        char **q = realloc(g->t->fields, nc * sizeof *q);
        if (!q) return -1;
        g->t->fields = q;
        g->capfields = nc;
    }
    g->t->fields[g->nfields++] = f;
    return 0;
}

/* Record r begins at the current field count. */
static int push_record(growth *g, long line)
{
    csv_file *t = g->t;
    if (t->nrecords + 2 > g->caprec) {
        size_t nc = g->caprec ? 2 * g->caprec : 64;
        size_t *s = realloc(t->start, nc * sizeof *s);
        if (!s) return -1;
        t->start = s;
        long *l = realloc(t->line, nc * sizeof *l);
        if (!l) return -1;
        t->line = l;
        g->caprec = nc;
    }
    t->start[t->nrecords] = g->nfields;
    t->line[t->nrecords] = line;
    t->nrecords++;
    return 0;
}

int csv_parse(char *text, size_t len, const char *name, csv_file *out, char *err,
              size_t errlen)
{
    growth g = {out, 0, 0, 0};
    size_t i = 0;
    long line = 1;
    memset(out, 0, sizeof *out);
    out->text = text;
    while (i < len) {
        long rec_line = line;
        if (text[i] == '\n' || (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')) {
            i += text[i] == '\r' ? 2 : 1; /* empty line */
            line++;
            continue;
        }
        if (push_record(&g, rec_line)) goto oom;
        for (;;) { /* one field per iteration */
            char *w = text + i, *f = w;
            if (i < len && text[i] == '"') {
                long qline = line;
                i++;
                for (;;) {
                    if (i >= len) {
                        amor_errorf(err, errlen, AMOR_EDATA, "%s:%ld: unterminated quoted field",
                                    name, qline);
                        goto bad;
                    }
                    if (text[i] == '"') {
                        if (i + 1 < len && text[i + 1] == '"') {
                            *w++ = '"';
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (text[i] == '\n') line++;
                    *w++ = text[i++];
                }
                if (i < len && text[i] != ',' && text[i] != '\n' &&
                    !(text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')) {
                    amor_errorf(err, errlen, AMOR_EDATA,
                                "%s:%ld: unexpected '%c' after a quoted field", name, line,
                                text[i]);
                    goto bad;
                }
            } else {
                while (i < len && text[i] != ',' && text[i] != '\n' &&
                       !(text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')) {
                    if (text[i] == '"') {
                        amor_errorf(err, errlen, AMOR_EDATA,
                                    "%s:%ld: stray quote in an unquoted field", name, line);
                        goto bad;
                    }
                    i++;
                }
                w = text + i;
            }
            /* text[i] is now ',', '\r', '\n' or the end */
            {
                char sep = i < len ? text[i] : '\n';
                if (push_field(&g, f)) goto oom;
                if (sep == ',') {
                    *w = 0; /* w <= text + i */
                    i++;
                    continue;
                }
                if (i < len) {
                    i += sep == '\r' ? 2 : 1;
                    line++;
                }
                *w = 0;
                break;
            }
        }
    }
    if (push_record(&g, line)) goto oom; /* sentinel: start[nrecords] */
    out->nrecords--;
    return 0;
oom:
    amor_errorf(err, errlen, AMOR_ENOMEM, "%s: out of memory", name);
bad:
    csv_free(out);
    return 1;
}

int csv_read_file(const char *path, csv_file *out, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    char *text = NULL;
    size_t len = 0, cap = 0;
    memset(out, 0, sizeof *out);
    if (!f) {
        if (errno == ENOENT) return 0;
        return amor_errorf(err, errlen, AMOR_EDATA, "cannot read %s: %s", path, strerror(errno));
    }
    for (;;) {
        size_t got;
        if (len + 65536 + 1 > cap) {
            size_t nc = cap ? 2 * cap : 65536 * 2;
            char *q = realloc(text, nc);
            if (!q) {
                free(text);
                fclose(f);
                return amor_errorf(err, errlen, AMOR_ENOMEM, "%s: out of memory", path);
            }
            text = q;
            cap = nc;
        }
        got = fread(text + len, 1, 65536, f);
        len += got;
        if (got < 65536) break;
    }
    if (ferror(f)) {
        free(text);
        fclose(f);
        return amor_errorf(err, errlen, AMOR_EDATA, "cannot read %s", path);
    }
    fclose(f);
    text[len] = 0;
    return csv_parse(text, len, path, out, err, errlen);
}

void csv_free(csv_file *t)
{
    free(t->text);
    free(t->fields);
    free(t->start);
    free(t->line);
    memset(t, 0, sizeof *t);
}

size_t csv_nfields(const csv_file *t, size_t r)
{
    return r < t->nrecords ? t->start[r + 1] - t->start[r] : 0;
}

const char *csv_get(const csv_file *t, size_t r, size_t c)
{
    return c < csv_nfields(t, r) ? t->fields[t->start[r] + c] : NULL;
}

long csv_column(const csv_file *t, const char *name)
{
    size_t c, n = csv_nfields(t, 0);
    for (c = 0; c < n; c++)
        if (!strcmp(t->fields[t->start[0] + c], name)) return (long)c;
    return -1;
}
