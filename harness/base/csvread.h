/*
 * csvread.h -- a reader for the CSV files amor writes (RFC 4180: fields
 * separated by commas, records by LF or CRLF, fields that hold a comma, quote
 * or line break quoted with "" for a quote).  Used to resume a sweep from
 * the output directory's runs.csv, curves.csv, solver.csv and tracks.csv.
 * Its tokenizer (csv_scan_record) is the only one in amor: csvmatrix.c reads
 * users' numeric files through it too, in a more forgiving dialect.
 */
#ifndef AMOR_CSVREAD_H
#define AMOR_CSVREAD_H

#include <stddef.h>
#include <stdio.h>

/* The dialect of csv_scan_record: none of these is strict RFC 4180. */
enum {
    CSV_TRIM = 1,      /* blanks (space, tab) around a field, quoted or not, are dropped */
    CSV_LAX_QUOTES = 2 /* a quote inside an unquoted field is text, not an error */
};

/* What csv_scan_record returns. */
enum {
    CSV_OK = 0,
    CSV_UNTERMINATED, /* the text ends inside quotes */
    CSV_AFTER_QUOTE,  /* a closing quote followed by something else than , or a line end */
    CSV_STRAY_QUOTE,  /* a quote inside an unquoted field (not with CSV_LAX_QUOTES) */
    CSV_NOMEM
};

typedef struct csv_scan {
    char *text;      /* len bytes, and a writable byte at text[len] */
    size_t len, pos; /* pos: where the next record starts */
    long line;       /* line number of text[pos] (1-based) */
    unsigned flags;  /* CSV_TRIM, CSV_LAX_QUOTES */
    long bad_line;   /* on an error, its line (an unterminated quote's opening line) */
    char bad;        /* CSV_AFTER_QUOTE: the character after the closing quote */
} csv_scan;

/* Split the record at s->pos into fields, unescaped in place and each
 * NUL-terminated, appended at (*fields)[*n] (the array grows, *cap is its
 * room); s->pos and s->line move past the record and its line end (LF or
 * CRLF).  An empty line is one empty field: skipping them is the caller's
 * choice.  Returns CSV_OK or one of the errors above. */
int csv_scan_record(csv_scan *s, char ***fields, size_t *n, size_t *cap);

/* Open `path` for reading if it is a regular file: a device (/dev/zero) or a
 * FIFO would be read without end.  The open does not wait for a FIFO's
 * writer.  Returns 0 with *f open, CSV_NOT_REGULAR, or open(2)'s errno. */
#define CSV_NOT_REGULAR (-1)
int csv_open_regular(const char *path, FILE **f);

/* The whole of the regular file `path` (csv_open_regular) into *text,
 * malloc'd and NUL-terminated after its *len bytes (the caller frees).
 * Returns 0, CSV_NOT_REGULAR, CSV_NO_MEMORY, CSV_READ_ERROR (a read failed
 * after the open) or open(2)'s errno. */
#define CSV_NO_MEMORY (-2)
#define CSV_READ_ERROR (-3)
int csv_slurp_regular(const char *path, char **text, size_t *len);

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

/* Read and parse a file; a missing file is an empty table (nrecords 0), one
 * that is not a regular file an error ("runs.csv: not a regular file"). */
int csv_read_file(const char *path, csv_file *out, char *err, size_t errlen);

void csv_free(csv_file *t);

/* Fields of record r, and field c of record r (NULL past the end). */
size_t csv_nfields(const csv_file *t, size_t r);
const char *csv_get(const csv_file *t, size_t r, size_t c);

/* Column of the header (record 0) named `name`, or -1. */
long csv_column(const csv_file *t, const char *name);

#endif
