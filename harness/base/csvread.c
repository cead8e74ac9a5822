/*
 * csvread.c -- RFC 4180 reader (see csvread.h).  The file is read whole and
 * unescaped in place: an unquoted field is a span of the text, a quoted one
 * shrinks as "" becomes ", so the write position never passes the read
 * position.  The tokenizer is shared with csvmatrix.c, which hands it one
 * line at a time with CSV_TRIM | CSV_LAX_QUOTES.
 */
#include "csvread.h"

#include "amor.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Length of the line end at text[i]: 1 for LF, 2 for CRLF, 0 for none (a
 * lone CR is text). */
static size_t line_end(const char *text, size_t i, size_t len)
{
    if (i < len && text[i] == '\n') return 1;
    return i + 1 < len && text[i] == '\r' && text[i + 1] == '\n' ? 2 : 0;
}

static int blank(char c)
{
    return c == ' ' || c == '\t';
}

int csv_scan_record(csv_scan *s, char ***fields, size_t *n, size_t *cap)
{
    char *text = s->text;
    size_t i = s->pos, len = s->len, eol;
    int trim = (s->flags & CSV_TRIM) != 0;
    for (;;) { /* one field per iteration */
        char *w, *f;
        if (trim)
            while (i < len && blank(text[i])) i++;
        w = f = text + i;
        if (i < len && text[i] == '"') {
            long qline = s->line;
            i++;
            for (;;) {
                if (i >= len) {
                    s->bad_line = qline;
                    return CSV_UNTERMINATED;
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
                if (text[i] == '\n') s->line++;
                *w++ = text[i++];
            }
            if (trim)
                while (i < len && blank(text[i])) i++;
            if (i < len && text[i] != ',' && !line_end(text, i, len)) {
                s->bad_line = s->line;
                s->bad = text[i];
                return CSV_AFTER_QUOTE;
            }
        } else {
            while (i < len && text[i] != ',' && !line_end(text, i, len)) {
                if (text[i] == '"' && !(s->flags & CSV_LAX_QUOTES)) {
                    s->bad_line = s->line;
                    return CSV_STRAY_QUOTE;
                }
                i++;
            }
            w = text + i;
            if (trim)
                while (w > f && blank(w[-1])) w--;
        }
        /* text[i] is now ',', a line end or the end; w <= text + i */
        if (*n == *cap) {
            size_t nc = *cap ? 2 * *cap : 64;
            char **q = realloc(*fields, nc * sizeof *q);
            if (!q) return CSV_NOMEM;
            *fields = q;
            *cap = nc;
        }
        (*fields)[(*n)++] = f;
        if (i < len && text[i] == ',') {
            *w = 0;
            i++;
            continue;
        }
        eol = line_end(text, i, len); /* before *w = 0, which may stand on it */
        *w = 0;
        if (eol) s->line++;
        s->pos = i + eol;
        return CSV_OK;
    }
}

/* Record r of t begins at field `first`; caprec is the room of start[] and
 * line[]. */
static int push_record(csv_file *t, size_t *caprec, size_t first, long line)
{
    if (t->nrecords + 2 > *caprec) {
        size_t nc = *caprec ? 2 * *caprec : 64;
        size_t *s = realloc(t->start, nc * sizeof *s);
        if (!s) return -1;
        t->start = s;
        long *l = realloc(t->line, nc * sizeof *l);
        if (!l) return -1;
        t->line = l;
        *caprec = nc;
    }
    t->start[t->nrecords] = first;
    t->line[t->nrecords] = line;
    t->nrecords++;
    return 0;
}

int csv_parse(char *text, size_t len, const char *name, csv_file *out, char *err,
              size_t errlen)
{
    csv_scan s = {text, len, 0, 1, 0, 0, 0};
    size_t nfields = 0, capfields = 0, caprec = 0;
    memset(out, 0, sizeof *out);
    out->text = text;
    while (s.pos < len) {
        size_t eol = line_end(text, s.pos, len);
        if (eol) { /* empty line */
            s.pos += eol;
            s.line++;
            continue;
        }
        if (push_record(out, &caprec, nfields, s.line)) goto oom;
        switch (csv_scan_record(&s, &out->fields, &nfields, &capfields)) {
        case CSV_OK:
            continue;
        case CSV_NOMEM:
            goto oom;
        case CSV_UNTERMINATED:
            amor_errorf(err, errlen, AMOR_EDATA, "%s:%ld: unterminated quoted field", name,
                        s.bad_line);
            break;
        case CSV_AFTER_QUOTE:
            amor_errorf(err, errlen, AMOR_EDATA, "%s:%ld: unexpected '%c' after a quoted field",
                        name, s.bad_line, s.bad);
            break;
        default:
            amor_errorf(err, errlen, AMOR_EDATA, "%s:%ld: stray quote in an unquoted field", name,
                        s.bad_line);
            break;
        }
        goto bad;
    }
    if (push_record(out, &caprec, nfields, s.line)) goto oom; /* sentinel: start[nrecords] */
    out->nrecords--;
    return 0;
oom:
    amor_errorf(err, errlen, AMOR_ENOMEM, "%s: out of memory", name);
bad:
    csv_free(out);
    return 1;
}

int csv_open_regular(const char *path, FILE **f)
{
    /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a
     * writer before fstat could refuse it; cleared again for the reads */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC), e;
    struct stat st;
    *f = NULL;
    if (fd < 0) return errno;
    if (fstat(fd, &st)) {
        e = errno;
        close(fd);
        return e;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return CSV_NOT_REGULAR;
    }
    if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) || !(*f = fdopen(fd, "rb"))) {
        e = errno;
        close(fd);
        return e;
    }
    return 0;
}

int csv_slurp_regular(const char *path, char **text, size_t *len)
{
    FILE *f;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    int rc = csv_open_regular(path, &f);
    *text = NULL;
    *len = 0;
    if (rc) return rc;
    for (;;) {
        size_t got;
        if (n + 65536 + 1 > cap) {
            size_t nc = cap ? 2 * cap : 65536 * 2;
            char *q = realloc(buf, nc);
            if (!q) {
                free(buf);
                fclose(f);
                return CSV_NO_MEMORY;
            }
            buf = q;
            cap = nc;
        }
        got = fread(buf + n, 1, 65536, f);
        n += got;
        if (got < 65536) break;
    }
    rc = ferror(f) ? CSV_READ_ERROR : 0;
    fclose(f);
    if (rc) {
        free(buf);
        return rc;
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return 0;
}

int csv_read_file(const char *path, csv_file *out, char *err, size_t errlen)
{
    char *text;
    size_t len;
    int rc = csv_slurp_regular(path, &text, &len);
    memset(out, 0, sizeof *out);
    if (rc == ENOENT) return 0;
    if (rc == CSV_NOT_REGULAR)
        return amor_errorf(err, errlen, AMOR_EDATA, "%s: not a regular file", path);
    if (rc == CSV_NO_MEMORY) return amor_errorf(err, errlen, AMOR_ENOMEM, "%s: out of memory", path);
    if (rc == CSV_READ_ERROR) return amor_errorf(err, errlen, AMOR_EDATA, "cannot read %s", path);
    if (rc) return amor_errorf(err, errlen, AMOR_EDATA, "cannot read %s: %s", path, strerror(rc));
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
