/*
 * t_csvread.c -- the CSV reader used to resume sweeps: RFC 4180 quoting
 * (commas, doubled quotes, line breaks inside quotes), CRLF, a missing final
 * newline, empty fields, and errors that name the file and line.  Its
 * tokenizer's forgiving dialect, and csvmatrix.c (amor eval's numeric files)
 * on top of it: byte order mark, blank lines, header, quotes, exact
 * messages.  Both file readers refuse what is not a regular file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvmatrix.h"
#include "csvread.h"
#include "sbuf.h"
#include "tap.h"

static int parse(const char *s, csv_file *t, char *err, size_t errlen)
{
    size_t n = strlen(s);
    char *text = malloc(n + 1);
    memcpy(text, s, n + 1);
    return csv_parse(text, n, "x.csv", t, err, errlen);
}

static int field_is(const csv_file *t, size_t r, size_t c, const char *want)
{
    const char *got = csv_get(t, r, c);
    int ok = got && !strcmp(got, want);
    if (!ok) tap_diag("record %zu field %zu: got: [%s]  want: [%s]", r, c, got ? got : "(none)", want);
    return ok;
}

static int contains(const char *hay, const char *needle)
{
    int ok = strstr(hay, needle) != NULL;
    if (!ok) tap_diag("got: %s\n# want it to contain: %s", hay, needle);
    return ok;
}

static int same(const char *got, const char *want)
{
    int ok = !strcmp(got, want);
    if (!ok) tap_diag("got:  %s\n# want: %s", got, want);
    return ok;
}

/* csvread_file (csvmatrix.c) on `text` written to dir/name. */
static int matrix(const char *dir, const char *name, const char *text, size_t want_cols,
                  csv_matrix *m, char *err, size_t errlen)
{
    char path[512];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (!(f = fopen(path, "wb"))) {
        tap_diag("%s: %s", path, strerror(errno));
        return -1;
    }
    fputs(text, f);
    fclose(f);
    err[0] = 0;
    return csvread_file(path, want_cols, want_cols ? "nx of problem 'p'" : NULL, m, err, errlen);
}

/* The tokenizer's forgiving dialect and csvmatrix.c through it. */
static void matrix_tests(void)
{
    char dir[] = "/tmp/amor-t-csvread.XXXXXX", err[512], want[600], path[600];
    csv_matrix m;
    int rc;

    {
        char text[] = "  \"a\"\"b\" ,\tc\"d , \"\",";
        char **fields = NULL;
        size_t n = 0, cap = 0;
        csv_scan s = {text, strlen(text), 0, 1, CSV_TRIM | CSV_LAX_QUOTES, 0, 0};
        rc = csv_scan_record(&s, &fields, &n, &cap);
        tap_ok(rc == CSV_OK && n == 4 && same(fields[0], "a\"b") && same(fields[1], "c\"d") &&
                   same(fields[2], "") && same(fields[3], "") && s.pos == s.len,
               "CSV_TRIM | CSV_LAX_QUOTES: blanks around fields dropped, a quote inside an "
               "unquoted field is text");
        free(fields);
    }
    if (!mkdtemp(dir)) {
        tap_ok(0, "mkdtemp: %s", strerror(errno));
        return;
    }
    rc = matrix(dir, "ok.csv", "\xEF\xBB\xBF" "a, \"b\" ,c\r\n\n  \t\n1,\"2\", 3 \r\n\n4,5e-1,-6\n",
                3, &m, err, sizeof err);
    if (!tap_ok(rc == 0 && m.rows == 2 && m.cols == 3 && m.header && same(m.header[0], "a") &&
                    same(m.header[1], "b") && m.data[1] == 2 && m.data[2] == 3 &&
                    m.data[4] == 0.5 && m.line[0] == 4 && m.line[1] == 6,
               "a byte order mark, a header, blank lines, CRLF, quoted and padded fields"))
        tap_diag("%s", err);
    csvread_free(&m);

    rc = matrix(dir, "stray.csv", "1,2,3\n4,5\"x,6\n", 3, &m, err, sizeof err);
    snprintf(want, sizeof want, "%s/stray.csv:2: column 2: '5\"x' is not a finite number", dir);
    tap_ok(rc != 0 && same(err, want), "a quote inside an unquoted field is read as text");
    rc = matrix(dir, "span.csv", "1,2,3\n4,\"5\n6\",7\n", 3, &m, err, sizeof err);
    snprintf(want, sizeof want, "%s/span.csv:2: unterminated or misplaced quote", dir);
    tap_ok(rc != 0 && same(err, want), "a quote does not span lines in a matrix");
    rc = matrix(dir, "after.csv", "1,2,3\n\"4\" x,5,6\n", 3, &m, err, sizeof err);
    snprintf(want, sizeof want, "%s/after.csv:2: unterminated or misplaced quote", dir);
    tap_ok(rc != 0 && same(err, want), "text after a closing quote is misplaced");
    rc = matrix(dir, "wide.csv", "1,2\n", 3, &m, err, sizeof err);
    snprintf(want, sizeof want, "%s/wide.csv:1: the row has 2 columns, expected 3 (nx of problem 'p')",
             dir);
    tap_ok(rc != 0 && same(err, want), "a first row of the wrong width");

    /* not regular files: refused at once, read not at all */
    rc = csvread_file("/dev/zero", 0, NULL, &m, err, sizeof err);
    tap_ok(rc != 0 && same(err, "/dev/zero: not a regular file"), "csvmatrix: /dev/zero is refused");
    rc = csvread_file(dir, 0, NULL, &m, err, sizeof err);
    snprintf(want, sizeof want, "%s: not a regular file", dir);
    tap_ok(rc != 0 && same(err, want), "csvmatrix: a directory is refused");
    snprintf(path, sizeof path, "%s/fifo", dir);
    if (mkfifo(path, 0600)) {
        tap_ok(0, "mkfifo %s: %s", path, strerror(errno));
    } else {
        csv_file t;
        alarm(60); /* a regression (waiting for a writer) fails instead of hanging */
        rc = csvread_file(path, 0, NULL, &m, err, sizeof err);
        snprintf(want, sizeof want, "%s: not a regular file", path);
        tap_ok(rc != 0 && same(err, want), "csvmatrix: a FIFO without a writer is refused, not waited on");
        rc = csv_read_file(path, &t, err, sizeof err);
        tap_ok(rc != 0 && same(err, want), "csvread: a FIFO without a writer is refused, not waited on");
        alarm(0);
        remove(path);
    }
    {
        csv_file t;
        rc = csv_read_file("/dev/zero", &t, err, sizeof err);
        tap_ok(rc != 0 && same(err, "/dev/zero: not a regular file") && t.nrecords == 0,
               "csvread: /dev/zero is refused");
        rc = csv_read_file(dir, &t, err, sizeof err);
        snprintf(want, sizeof want, "%s: not a regular file", dir);
        tap_ok(rc != 0 && same(err, want), "csvread: a directory is refused");
    }
    {
        static const char *const names[] = {"ok.csv", "stray.csv", "span.csv", "after.csv",
                                            "wide.csv"};
        size_t i;
        for (i = 0; i < sizeof names / sizeof names[0]; i++) {
            snprintf(path, sizeof path, "%s/%s", dir, names[i]);
            remove(path);
        }
        rmdir(dir);
    }
}

/* The header rule (csvmatrix.h): a first row is a header iff one of its
 * fields is a name -- neither blank nor a number of any kind.  nan, inf and
 * overflowing numbers are numbers: such a first row is data, refused at its
 * line and column, instead of being swallowed as a header (which paired
 * every context with the next row's solution). */
static void header_tests(void)
{
    static const struct {
        const char *text, *what, *msg; /* msg: after "DIR/h.csv" */
    } refused[] = {
        {"nan,1,2\n3,4,5\n", "a first row starting with nan", ":1: column 1: 'nan' is not a finite number"},
        {"1, -inf ,2\n3,4,5\n", "a first row holding -inf", ":1: column 2: '-inf' is not a finite number"},
        {"1,2,Infinity\n3,4,5\n", "Infinity", ":1: column 3: 'Infinity' is not a finite number"},
        {"\"NaN\",\"1\",\"2\"\n3,4,5\n", "quoted NaN", ":1: column 1: 'NaN' is not a finite number"},
        {"nan(0x7),1,2\n3,4,5\n", "nan with a payload", ":1: column 1: 'nan(0x7)' is not a finite number"},
        {"1e999,1,2\n3,4,5\n", "a number that overflows", ":1: column 1: '1e999' is not a finite number"},
        {"nan,inf,-inf\n", "a first row of nothing but non-finite numbers", ":1: column 1: 'nan' is not a finite number"},
        {"1,,3\n4,5,6\n", "an empty field in the first row", ":1: column 2: empty field"},
        {",,\n4,5,6\n", "a first row of empty fields", ":1: column 1: empty field"},
        {"\n  \nnan,1,2\n", "the first non-blank line", ":3: column 1: 'nan' is not a finite number"},
    };
    char dir[] = "/tmp/amor-t-csvhdr.XXXXXX", err[512], want[600], path[600];
    csv_matrix m;
    size_t i;
    int rc;
    if (!mkdtemp(dir)) {
        tap_ok(0, "mkdtemp: %s", strerror(errno));
        return;
    }
    for (i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        rc = matrix(dir, "h.csv", refused[i].text, 3, &m, err, sizeof err);
        snprintf(want, sizeof want, "%s/h.csv%s", dir, refused[i].msg);
        tap_ok(rc != 0 && same(err, want) && !m.data && !m.header,
               "header rule: %s is data, refused at its line and column", refused[i].what);
    }
    rc = matrix(dir, "h.csv", "x1,,x3\n1,2,3\n", 3, &m, err, sizeof err);
    tap_ok(rc == 0 && m.header && same(m.header[0], "x1") && same(m.header[1], "") &&
               same(m.header[2], "x3") && m.rows == 1 && m.line[0] == 2,
           "header rule: one name makes a header, blank names beside it are kept");
    csvread_free(&m);
    rc = matrix(dir, "h.csv", "nan_x,1,2\n3,4,5\n", 3, &m, err, sizeof err);
    tap_ok(rc == 0 && m.header && same(m.header[0], "nan_x") && m.rows == 1 && m.data[0] == 3,
           "header rule: a word that strtod only begins to read (nan_x) is a name");
    csvread_free(&m);
    rc = matrix(dir, "h.csv", "0x10,1e-400,+2\n3,4,5\n", 3, &m, err, sizeof err);
    tap_ok(rc == 0 && !m.header && m.rows == 2 && m.data[0] == 16 && m.data[1] == 0 &&
               m.data[2] == 2 && m.line[0] == 1,
           "header rule: hex, underflowing and signed numbers are data");
    csvread_free(&m);
    snprintf(path, sizeof path, "%s/h.csv", dir);
    remove(path);
    rmdir(dir);
}

int main(void)
{
    csv_file t;
    char err[512];
    int rc;

    rc = parse("a,b,c\n1,,3\n", &t, err, sizeof err);
    tap_ok(rc == 0 && t.nrecords == 2 && csv_nfields(&t, 0) == 3 && csv_nfields(&t, 1) == 3 &&
               field_is(&t, 1, 0, "1") && field_is(&t, 1, 1, "") && field_is(&t, 1, 2, "3"),
           "plain fields, an empty field in the middle");
    tap_ok(csv_column(&t, "c") == 2 && csv_column(&t, "d") == -1, "header columns by name");
    tap_ok(csv_get(&t, 1, 3) == NULL && csv_get(&t, 2, 0) == NULL, "past the end is NULL");
    csv_free(&t);

    rc = parse("h1,h2\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",last", &t, err, sizeof err);
    tap_ok(rc == 0 && t.nrecords == 3 && field_is(&t, 1, 0, "x, y") &&
               field_is(&t, 1, 1, "say \"hi\"") && field_is(&t, 2, 0, "two\nlines") &&
               field_is(&t, 2, 1, "last"),
           "quoted commas, doubled quotes, a line break inside quotes, no final newline");
    tap_ok(rc == 0 && t.line[2] == 3, "records know their first line (a quoted line break counts)");
    csv_free(&t);

    rc = parse("a,b\r\n1,2\r\n\r\n3,\r\n", &t, err, sizeof err);
    tap_ok(rc == 0 && t.nrecords == 3 && field_is(&t, 1, 1, "2") && field_is(&t, 2, 0, "3") &&
               field_is(&t, 2, 1, "") && csv_nfields(&t, 2) == 2,
           "CRLF records, a blank line skipped, a trailing empty field");
    csv_free(&t);

    rc = parse("", &t, err, sizeof err);
    tap_ok(rc == 0 && t.nrecords == 0, "an empty file has no records");
    csv_free(&t);

    rc = parse("a,b\n1,\"open\n2,3\n", &t, err, sizeof err);
    tap_ok(rc != 0 && contains(err, "x.csv:2: unterminated quoted field"),
           "an unterminated quote is an error naming the file and line");
    rc = parse("a,b\n1,2\n3,x\"y\n", &t, err, sizeof err);
    tap_ok(rc != 0 && contains(err, "x.csv:3: stray quote in an unquoted field"),
           "a quote inside an unquoted field is an error");
    rc = parse("a,b\n\"q\"z,2\n", &t, err, sizeof err);
    tap_ok(rc != 0 && contains(err, "x.csv:2: unexpected 'z' after a quoted field"),
           "text after a closing quote is an error");

    /* what sb_field writes, csv_parse reads back */
    {
        static const char *const vals[] = {"plain", "", "comma,inside", "quote\"inside",
                                           "\"", "line\nbreak", "cr\rx", "trailing,"};
        size_t i, n = sizeof vals / sizeof vals[0];
        sbuf b = {0};
        int all = 1;
        for (i = 0; i < n; i++) {
            if (i) sb_str(&b, ",");
            sb_field(&b, vals[i]);
        }
        sb_str(&b, "\n");
        rc = csv_parse(b.p, b.len, "rt.csv", &t, err, sizeof err);
        all = rc == 0 && t.nrecords == 1 && csv_nfields(&t, 0) == n;
        for (i = 0; all && i < n; i++) all &= field_is(&t, 0, i, vals[i]);
        tap_ok(all, "every field the writer quotes reads back unchanged");
        csv_free(&t);
    }

    rc = csv_read_file("/nonexistent/amor/runs.csv", &t, err, sizeof err);
    tap_ok(rc == 0 && t.nrecords == 0, "a missing file is an empty table");
    matrix_tests();
    header_tests();
    return tap_done();
}
