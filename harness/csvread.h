/*
 * csvread.h -- a reader for the CSV files amor writes (RFC 4180: fields
 * separated by commas, records by LF or CRLF, fields that hold a comma, quote
 * or line break quoted with "" for a quote).  Used to resume a sweep from
 * the output directory's runs.csv, curves.csv, solver.csv and tracks.csv.
 */
#ifndef AMOR_CSVREAD_H
#define AMOR_CSVREAD_H

#include <stddef.h>

typedef struct csv_file {
    char *text;        /* the file's bytes, fields unescaped in place */
    char **fields;     /* every field of every record, record-major */
    size_t *start;     /* record r is fields[start[r] .. start[r+1]) */
    long *line;        /* line number where record r starts (1-based) */
    size_t nrecords;   /* records, the header (record 0) included */
} csv_file;

/* Parse text: len bytes plus room for a NUL at text[len], malloc'd and taken
 * over (freed by csv_free, also on failure).
 * Empty lines are skipped.  Errors name `name` and the line:
 * "runs.csv:7: unterminated quoted field". */
int csv_parse(char *text, size_t len, const char *name, csv_file *out, char *err,
              size_t errlen);

/* Read and parse a file; a missing file is an empty table (nrecords 0). */
int csv_read_file(const char *path, csv_file *out, char *err, size_t errlen);

void csv_free(csv_file *t);

/* Fields of record r, and field c of record r (NULL past the end). */
size_t csv_nfields(const csv_file *t, size_t r);
const char *csv_get(const csv_file *t, size_t r, size_t c);

/* Column of the header (record 0) named `name`, or -1. */
long csv_column(const csv_file *t, const char *name);

#endif
