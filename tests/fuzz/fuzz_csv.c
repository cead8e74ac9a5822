/*
 * fuzz_csv.c -- the two CSV readers on arbitrary bytes: csvmatrix.c (the
 * numeric matrices of `amor eval --contexts/--solutions`, read from a file)
 * and csvread.c (amor's own runs.csv & co., read back to resume), which
 * share csvread.c's tokenizer in its two dialects.  The first
 * byte picks the column count csvmatrix is asked for (0 = any).  Every
 * accepted matrix is walked (rows x cols, header, line numbers) so a wrong
 * shape is an out-of-bounds read, its values must be finite and its header
 * must hold a name (not only numbers such as nan); every parsed table
 * likewise.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvmatrix.h"
#include "csvread.h"
#include "fuzz_util.h"

static void done(void) { fz_cleanup("csv"); }

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    atexit(done);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    volatile double sink = 0;
    size_t want = 0, i, j;
    const char *path;
    csv_matrix m;
    csv_file t;
    char *text;

    if (size) {
        want = data[0] % 8; /* 0: the first row decides */
        data++, size--;
    }
    /* csvmatrix, from a file */
    if ((path = fz_file("csv", data, size))) {
        err[0] = 0;
        if (csvread_file(path, want, want ? "fuzz" : NULL, &m, err, sizeof err) == 0) {
            if (!m.rows || !m.cols || (want && m.cols != want)) __builtin_trap();
            for (i = 0; i < m.rows; i++) {
                sink += (double)m.line[i];
                for (j = 0; j < m.cols; j++) {
                    if (!isfinite(m.data[i * m.cols + j])) __builtin_trap(); /* refused */
                    sink += m.data[i * m.cols + j];
                }
            }
            if (m.header) {
                /* a header has a name: a field neither blank nor a number
                 * (csvmatrix.h), so a first row of "nan" is never one */
                size_t names = 0;
                for (j = 0; j < m.cols; j++) {
                    const char *h = m.header[j];
                    char *end;
                    sink += (double)strlen(h);
                    h += strspn(h, " \t");
                    if (!*h) continue;
                    (void)strtod(h, &end);
                    names += end == h || end[strspn(end, " \t")] != 0;
                }
                if (!names) __builtin_trap();
            }
            csvread_free(&m);
        } else if (!err[0] || memchr(err, 0, sizeof err) == NULL) {
            __builtin_trap(); /* a failure always says why */
        }
    }
    /* csvread, from memory (it takes the buffer over) */
    if ((text = malloc(size + 1))) {
        memcpy(text, data, size);
        text[size] = 0;
        err[0] = 0;
        if (csv_parse(text, size, "fuzz.csv", &t, err, sizeof err) == 0) {
            for (i = 0; i < t.nrecords; i++) {
                size_t nf = csv_nfields(&t, i);
                for (j = 0; j <= nf; j++) {
                    const char *f = csv_get(&t, i, j);
                    if ((j < nf) != (f != NULL)) __builtin_trap();
                    if (f) sink += (double)strlen(f);
                }
                sink += (double)t.line[i];
            }
            sink += (double)csv_column(&t, "status");
            csv_free(&t);
        } else if (!err[0]) {
            __builtin_trap();
        }
    }
    (void)sink;
    return 0;
}
