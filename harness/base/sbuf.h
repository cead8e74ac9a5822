/*
 * sbuf.h -- a growable byte buffer (always NUL-terminated) with the CSV field
 * and number formatting shared by the results writers, and a sticky
 * out-of-memory flag so callers check once at the end.
 */
#ifndef AMOR_SBUF_H
#define AMOR_SBUF_H

#include <stddef.h>

typedef struct sbuf {
    char *p;     /* NULL until the first append; owned, free() it */
    size_t len, cap;
    int oom;     /* an append failed; the content is incomplete */
} sbuf;

void sb_add(sbuf *b, const void *s, size_t n);
void sb_str(sbuf *b, const char *s);

/* A CSV field, quoted when it holds a comma, quote, CR or LF (RFC 4180).
 * NULL is the empty field. */
void sb_field(sbuf *b, const char *s);

/* A real in the shortest form that reads back exactly; nan, inf, -inf. */
void sb_real(sbuf *b, double v);

/* A byte count as text: "200M" when it is a whole number of K, M, G or T
 * (binary units, as limits.memory is written), else the number followed by
 * plain ("" or " bytes"). */
void bytes_text(double v, const char *plain, char *buf, size_t len);

#endif
