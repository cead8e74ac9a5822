/*
 * csvmatrix.h -- reading a numeric matrix from a CSV file: one row per line,
 * comma-separated fields (optionally double-quoted; blanks around a field and
 * CR line ends ignored), an optional header row, blank lines skipped.  Every
 * error names the file, the line and the column.
 */
#ifndef AMOR_CSVMATRIX_H
#define AMOR_CSVMATRIX_H

#include <stddef.h>

typedef struct csv_matrix {
    double *data;  /* (rows, cols) row-major, owned */
    size_t rows, cols;
    char **header; /* cols column names when the file has a header row, else NULL */
    size_t *line;  /* (rows): the file line of each data row, for messages */
} csv_matrix;

/* Read `path` ("-" = standard input) into m; a named file must be a regular
 * file ("x.csv: not a regular file": /dev/zero would never end).  The first
 * non-blank line is a header when one of its fields is a name: neither
 * blank nor a number in strtod's syntax, finite or not.  So "x1,x2" and
 * "x1,,x3" are headers, while "nan,1", "1,inf", "1e999" and "1,,3" are
 * data rows, refused as any other row would be ("x.csv:1: column 1: 'nan'
 * is not a finite number"); a header of numbers is read as data.  Every
 * data field must be a finite number (strtod syntax).
 * want_cols > 0 fixes the column count, and `what` (may be NULL) says where
 * it comes from, e.g. "nx of problem 'quadratic'"; with 0 the first row sets
 * it.  A file without data rows is an error.  Returns 0, or non-zero with a
 * message such as
 *     x.csv:4: column 3: 'abc' is not a finite number
 *     x.csv:4: 3 columns, expected 4 (nx of problem 'quadratic')
 * in err.  m is zeroed on failure. */
int csvread_file(const char *path, size_t want_cols, const char *what,
                 csv_matrix *m, char *err, size_t errlen);

void csvread_free(csv_matrix *m);

/* 0 if the whole of s (blanks around it allowed) is a finite number. */
int csvread_number(const char *s, double *v);

#endif
