/*
 * plot_raw.c -- figures from caller-written gnuplot commands (plot_write_raw,
 * see plot.h).  The body runs once per image format inside the png/svg loop.
 * gnuplot 5.4 refuses to define a datablock inside a { } block ("attempt to
 * define data block from invalid context") and cannot `load` a datablock, so
 * the body's here-documents are moved ahead of the loop (in their order) and
 * the rest of the body is written verbatim inside it.
 */
#include "plot_int.h"

#include <string.h>

/* One line of the body and what it is. */
enum line_kind { CMD, DOC_START, DOC, DOC_END };

typedef struct scan {
    const char *p;         /* next line */
    size_t lineno;         /* of the current line, 1-based */
    const char *line;      /* the current line ... */
    size_t len;            /* ... without its '\n' */
    const char *name;      /* DOC_START: the datablock's name, from '$' */
    size_t namelen;
    const char *tag;       /* the open here-document's end tag, or NULL */
    size_t taglen;
    int cont;              /* the previous command line ended in '\' */
} scan;

static int is_word(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_';
}

/* `$name << TAG` (blanks anywhere between, a # comment after): the start of a
 * here-document, as gnuplot reads it. */
static int doc_start(scan *s)
{
    const char *p = s->line, *end = s->line + s->len, *tag;
    while (p < end && (*p == ' ' || *p == '\t')) p++;
    if (p == end || *p != '$') return 0;
    s->name = p++;
    while (p < end && is_word((unsigned char)*p)) p++;
    s->namelen = (size_t)(p - s->name);
    if (s->namelen < 2) return 0;
    while (p < end && (*p == ' ' || *p == '\t')) p++;
    if (end - p < 2 || p[0] != '<' || p[1] != '<') return 0;
    p += 2;
    while (p < end && (*p == ' ' || *p == '\t')) p++;
    tag = p;
    while (p < end && is_word((unsigned char)*p)) p++;
    if (p == tag) return 0;
    s->tag = tag;
    s->taglen = (size_t)(p - tag);
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r')) p++;
    return p == end || *p == '#';
}

/* Advance to the next line; 0 at the end of the body. */
static int next_line(scan *s, enum line_kind *kind)
{
    const char *nl;
    size_t n;
    if (!*s->p) return 0;
    nl = strchr(s->p, '\n');
    s->line = s->p;
    s->len = nl ? (size_t)(nl - s->p) : strlen(s->p);
    s->p += s->len + (nl ? 1 : 0);
    s->lineno++;
    n = s->len;
    if (n && s->line[n - 1] == '\r') n--;
    if (s->tag) { /* gnuplot ends the block at a line that starts with the tag */
        *kind = DOC;
        if (s->len >= s->taglen && memcmp(s->line, s->tag, s->taglen) == 0) {
            *kind = DOC_END;
            s->tag = NULL;
        }
    } else if (!s->cont && doc_start(s)) {
        *kind = DOC_START;
    } else {
        *kind = CMD;
        s->cont = n && s->line[n - 1] == '\\';
    }
    return 1;
}

/* w (n bytes) abbreviates full, with at least min characters. */
static int abbrev(const char *w, size_t n, const char *full, size_t min)
{
    return n >= min && n <= strlen(full) && strncmp(w, full, n) == 0;
}

/* Commands the body must not use: amor owns the terminal and the output of
 * each format, and `reset session` would delete amor_out(). */
static const char *forbidden(const char *a, size_t na, const char *b, size_t nb)
{
    if (abbrev(a, na, "set", 2) || abbrev(a, na, "unset", 3)) {
        if (abbrev(b, nb, "terminal", 1)) return "set/unset terminal";
        if (abbrev(b, nb, "output", 1)) return "set/unset output";
    }
    if (abbrev(a, na, "reset", 3) && abbrev(b, nb, "session", 1)) return "reset session";
    return NULL;
}

/* Look through the command lines (not the here-documents) for forbidden
 * commands: words outside quotes and # comments, two adjacent words at a time.
 * A continuation line ('\' at the end) joins the next one. */
static int check_commands(const char *line, size_t len, size_t lineno, int *quote,
                          const char **prev, size_t *nprev, char *err, size_t errlen)
{
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)line[i];
        if (*quote) { /* '' inside '...', \x inside "..." */
            if (*quote == '"' && c == '\\' && i + 1 < len) i += 2;
            else if (c == (unsigned char)*quote) {
                if (*quote == '\'' && i + 1 < len && line[i + 1] == '\'') i += 2;
                else *quote = 0, i++;
            } else i++;
            continue;
        }
        if (c == '#') break;
        if (c == '\'' || c == '"') {
            *quote = c;
            *prev = NULL;
            i++;
        } else if (is_word(c)) {
            size_t j = i;
            const char *what;
            while (j < len && is_word((unsigned char)line[j])) j++;
            if (*prev && (what = forbidden(*prev, *nprev, line + i, j - i)))
                return plot_fail(err, errlen, PLOT_EINVAL,
                                 "plot: raw body line %zu: %s is not allowed: amor sets the "
                                 "terminal and output of each format (amor_fmt tells png "
                                 "from svg)", lineno, what);
            *prev = line + i;
            *nprev = j - i;
            i = j;
        } else {
            if (c != ' ' && c != '\t' && c != '\r' && !(c == '\\' && i + 1 >= len)) *prev = NULL;
            i++;
        }
    }
    return PLOT_OK;
}

static int check_body(const char *body, char *err, size_t errlen)
{
    scan s = {.p = body};
    enum line_kind kind;
    const char *prev = NULL;
    size_t nprev = 0, doc_line = 0;
    int quote = 0, rc;

    if (!body) return plot_fail(err, errlen, PLOT_EINVAL, "plot: raw body is NULL");
    if (body[strspn(body, " \t\r\n")] == '\0')
        return plot_fail(err, errlen, PLOT_EINVAL, "plot: raw body has no commands");
    while (next_line(&s, &kind)) {
        for (size_t i = 0; i < s.len; i++) {
            unsigned char c = (unsigned char)s.line[i];
            if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f)
                return plot_fail(err, errlen, PLOT_EINVAL,
                                 "plot: raw body line %zu contains control character 0x%02x",
                                 s.lineno, c);
        }
        if (kind == DOC_START) doc_line = s.lineno;
        if (kind != CMD) continue;
        if ((rc = check_commands(s.line, s.len - (s.len && s.line[s.len - 1] == '\r'),
                                 s.lineno, &quote, &prev, &nprev, err, errlen)))
            return rc;
        if (!s.cont) quote = 0, prev = NULL; /* the statement ends with the line */
    }
    if (s.tag)
        return plot_fail(err, errlen, PLOT_EINVAL,
                         "plot: raw body line %zu: datablock %.*s has no end line '%.*s'",
                         doc_line, (int)s.namelen, s.name, (int)s.taglen, s.tag);
    return PLOT_OK;
}

/* ---- the script ----------------------------------------------------------- */

typedef struct raw_ctx {
    const char *body;
    int width, height;
} raw_ctx;

static void put_line(FILE *f, const scan *s)
{
    fwrite(s->line, 1, s->len, f);
    fputc('\n', f);
}

static void write_raw_script(FILE *f, const char *stem, void *vctx)
{
    const raw_ctx *c = vctx;
    scan s = {.p = c->body};
    enum line_kind kind;
    int ndocs = 0;

    fputs("# ", f);
    plot_put_comment_text(f, stem);
    fputs(".gp -- a figure written by amor from caller-written gnuplot commands.\n"
          "# Restyle freely, then rerun\n"
          "#     gnuplot path/to/this.gp\n"
          "# from any directory: the .png and .svg are rewritten beside this script.\n"
          "# The commands between the \"body\" lines below run once per image format\n"
          "# in the loop at the end (amor_fmt is 'png', then 'svg'), each time after a\n"
          "# `reset` and the house style.  gnuplot cannot define a datablock inside a\n"
          "# { } block, so the body's datablocks are defined here, ahead of the loop.\n\n",
          f);
    while (next_line(&s, &kind)) {
        if (kind == CMD) continue;
        if (kind == DOC_START && !ndocs++) fputs("# ---- datablocks of the body\n", f);
        put_line(f, &s);
    }
    if (ndocs) fputc('\n', f);

    plot_put_outputs(f, stem);
    plot_put_linetypes(f);
    fputc('\n', f);

    plot_put_loop_begin(f, c->width, c->height);
    fputs("    reset  # the same start for both formats (keeps linetypes, terminal, output)\n"
          "    set border lw 1 lc rgb '#404040'\n"
          "    set tics out scale 0.6\n"
          "    set key noreverse Right samplen 2.5 spacing 1.15\n"
          "    set palette defined (0 '#440154', 1 '#482878', 2 '#3e4989', 3 '#31688e', \\\n"
          "        4 '#26828e', 5 '#1f9e89', 6 '#35b779', 7 '#6ece58', 8 '#fde725')  # viridis\n"
          "# ---- body\n", f);
    s = (scan){.p = c->body};
    while (next_line(&s, &kind)) {
        if (kind == CMD) put_line(f, &s);
        else if (kind == DOC_START)
            fprintf(f, "# (datablock %.*s is defined at the top of this script)\n",
                    (int)s.namelen, s.name);
    }
    fputs("# ---- end of body\n"
          "    unset multiplot  # in case the body left one open\n", f);
    plot_put_loop_end(f);
}

int plot_write_raw(const char *dir, const char *stem, int width, int height,
                   const char *body, char *err, size_t errlen)
{
    raw_ctx c = {body, width > 0 ? width : 800, height > 0 ? height : 500};
    int rc;
    if (err && errlen) err[0] = '\0';
    if ((rc = plot_check_target(dir, stem, err, errlen))) return rc;
    if ((rc = plot_check_size(width, height, err, errlen))) return rc;
    if ((rc = check_body(body, err, errlen))) return rc;
    return plot_emit(dir, stem, write_raw_script, &c, err, errlen);
}
