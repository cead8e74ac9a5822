/*
 * csvmatrix.c -- numeric CSV matrices with header detection and error
 * positions (file:line: column k).  Lines, a byte order mark, blank lines
 * and numbers are read here; the fields of a line are split by csvread.c's
 * tokenizer, in its forgiving dialect (blanks around fields dropped, a quote
 * inside an unquoted field kept as text, to fail as a number).
 */
#include "csvmatrix.h"

#include "csvread.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 0 if the whole of s (blanks around it allowed) is a number in strtod's
 * syntax, finite or not: "nan", "-inf", "infinity" and "1e999" are numbers
 * here, so a first row of them is data (refused there), never a header. */
static int any_number(const char *s, double *v)
{
    char *end;
    while (*s == ' ' || *s == '\t') s++;
    if (!*s) return -1;
    *v = strtod(s, &end);
    if (end == s) return -1;
    while (*end == ' ' || *end == '\t') end++;
    return *end ? -1 : 0;
}

int csvread_number(const char *s, double *v)
{
    return any_number(s, v) || !isfinite(*v) ? -1 : 0;
}

void csvread_free(csv_matrix *m)
{
    size_t j;
    if (m->header)
        for (j = 0; j < m->cols; j++) free(m->header[j]);
    free(m->header);
    free(m->data);
    free(m->line);
    memset(m, 0, sizeof *m);
}

static int blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t') return 0;
    return 1;
}

int csvread_file(const char *path, size_t want_cols, const char *what,
                 csv_matrix *m, char *err, size_t errlen)
{
    FILE *f;
    char *buf = NULL, **fields = NULL;
    size_t bufcap = 0, fcap = 0, lineno = 0, cap = 0, k;
    ssize_t len;
    int first = 1, rc = 1, oe = 0;
    const char *name = strcmp(path, "-") ? path : "<stdin>";

    memset(m, 0, sizeof *m);
    m->cols = want_cols;
    /* standard input is taken as it comes (a pipe); a named file must be a
     * regular one, or /dev/zero would be read without end */
    if (strcmp(path, "-")) oe = csv_open_regular(path, &f);
    else f = stdin;
    if (oe == CSV_NOT_REGULAR) {
        snprintf(err, errlen, "%s: not a regular file", name);
        return 1;
    }
    if (oe) {
        snprintf(err, errlen, "%s: cannot open: %s", name, strerror(oe));
        return 1;
    }
    while ((len = getline(&buf, &bufcap, f)) >= 0) {
        size_t nf = 0;
        csv_scan s = {buf, 0, 0, 0, CSV_TRIM | CSV_LAX_QUOTES, 0, 0};
        lineno++;
        while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r')) buf[--len] = 0;
        if (lineno == 1 && (unsigned char)buf[0] == 0xEF && (unsigned char)buf[1] == 0xBB &&
            (unsigned char)buf[2] == 0xBF)
            memmove(buf, buf + 3, (size_t)len - 2); /* UTF-8 byte order mark */
        if (blank(buf)) continue;
        /* one line, up to a NUL if it holds one, is one record: a quote
         * cannot span lines here */
        s.len = strlen(buf);
        s.line = (long)lineno;
        switch (csv_scan_record(&s, &fields, &nf, &fcap)) {
        case CSV_OK:
            break;
        case CSV_NOMEM:
            snprintf(err, errlen, "%s:%zu: out of memory", name, lineno);
            goto out;
        default:
            snprintf(err, errlen, "%s:%zu: unterminated or misplaced quote", name, lineno);
            goto out;
        }
        if (first) {
            int header = 0;
            double v;
            first = 0;
            /* a header needs a name: a field that is neither blank nor a
             * number of any kind (csvmatrix.h) */
            for (k = 0; k < nf; k++)
                if (!blank(fields[k]) && any_number(fields[k], &v)) header = 1;
            if (!m->cols) m->cols = nf;
            if (nf != m->cols) {
                snprintf(err, errlen, "%s:%zu: %s has %zu column%s, expected %zu%s%s%s", name,
                         lineno, header ? "the header" : "the row", nf, nf == 1 ? "" : "s",
                         m->cols, what ? " (" : "", what ? what : "", what ? ")" : "");
                goto out;
            }
            if (header) {
                m->header = calloc(nf, sizeof *m->header);
                if (!m->header) {
                    snprintf(err, errlen, "%s: out of memory", name);
                    goto out;
                }
                for (k = 0; k < nf; k++)
                    if (!(m->header[k] = strdup(fields[k]))) {
                        snprintf(err, errlen, "%s: out of memory", name);
                        goto out;
                    }
                continue;
            }
        }
        if (nf != m->cols) {
            snprintf(err, errlen, "%s:%zu: %zu column%s, expected %zu%s%s%s", name, lineno, nf,
                     nf == 1 ? "" : "s", m->cols,
                     what ? " (" : m->header ? " (as in the header)" : " (as in the first row)",
                     what ? what : "", what ? ")" : "");
            goto out;
        }
        if (m->rows == cap) {
            size_t nc = cap ? 2 * cap : 64;
            double *nd = realloc(m->data, nc * m->cols * sizeof *nd);
            size_t *nl;
            if (!nd) {
                snprintf(err, errlen, "%s: out of memory", name);
                goto out;
            }
            m->data = nd;
            nl = realloc(m->line, nc * sizeof *nl);
            if (!nl) {
                snprintf(err, errlen, "%s: out of memory", name);
                goto out;
            }
            m->line = nl;
            cap = nc;
        }
        for (k = 0; k < nf; k++)
            if (csvread_number(fields[k], &m->data[m->rows * m->cols + k])) {
                if (blank(fields[k]))
                    snprintf(err, errlen, "%s:%zu: column %zu: empty field", name, lineno, k + 1);
                else
                    snprintf(err, errlen, "%s:%zu: column %zu: '%.40s' is not a finite number",
                             name, lineno, k + 1, fields[k]);
                goto out;
            }
        m->line[m->rows++] = lineno;
    }
    if (ferror(f)) {
        snprintf(err, errlen, "%s: read error: %s", name, strerror(errno));
        goto out;
    }
    if (!m->rows) {
        snprintf(err, errlen, "%s: no data rows%s", name, m->header ? " (only a header)" : "");
        goto out;
    }
    rc = 0;
out:
    free(buf);
    free(fields);
    if (f != stdin) fclose(f);
    if (rc) csvread_free(m);
    return rc;
}
