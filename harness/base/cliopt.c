/*
 * cliopt.c -- getopt_long over a table of options (cliopt.h): "--out DIR",
 * "--out=DIR", "-j 4", "-j4", "--jobs=4", clusters such as "-qj4", operands
 * anywhere, "--" before operands that start with '-'; every wrong option
 * gets a message of its own, and --help its option list from the same table.
 */
#include "cliopt.h"

#include <string.h>

#include "amor.h"

void cliopt_begin(cliparse *p, const cliopt *opts, int argc, char **argv)
{
    size_t i, n = 0, s = 0;
    memset(p, 0, sizeof *p);
    p->opts = opts;
    p->argc = argc;
    p->argv = argv;
    /* '-': operands come back in order as key 1, whatever POSIXLY_CORRECT
     * says (argv is not permuted); ':': no messages from getopt itself, a
     * missing value is ':' */
    p->shorts[s++] = '-';
    p->shorts[s++] = ':';
    for (i = 0; opts[i].name && n < CLIOPT_MAX; i++, n++) {
        p->longs[n].name = opts[i].name;
        p->longs[n].has_arg = opts[i].arg ? required_argument : no_argument;
        p->longs[n].flag = NULL;
        p->longs[n].val = opts[i].key;
        if (opts[i].key < 256 && !strchr(p->shorts, opts[i].key)) {
            p->shorts[s++] = (char)opts[i].key;
            if (opts[i].arg) p->shorts[s++] = ':';
        }
    }
    p->shorts[s] = 0;
    optind = 0; /* glibc: start over, a new argv */
}

static const cliopt *by_key(const cliopt *opts, int key)
{
    for (; opts->name; opts++)
        if (opts->key == key) return opts;
    return NULL;
}

/* "--jobs" or "-j": how the option was written, for messages. */
static void spelling(const char *elem, int key, char *buf, size_t len)
{
    if (elem && elem[0] == '-' && elem[1] == '-') {
        size_t n = strcspn(elem, "=");
        snprintf(buf, len, "%.*s", (int)(n < 200 ? n : 200), elem);
    } else {
        snprintf(buf, len, "-%c", key);
    }
}

/* "unknown option '--fre'" plus the options it abbreviates, if any. */
static int unknown(const cliparse *p, const char *elem, int key, char *err, size_t errlen)
{
    char name[256], cand[512] = "";
    size_t i, off = 0, n;
    spelling(elem, key, name, sizeof name);
    n = strlen(name);
    if (n > 2 && name[1] == '-')
        for (i = 0; p->opts[i].name; i++)
            if (!strncmp(p->opts[i].name, name + 2, n - 2) && off < sizeof cand)
                off += (size_t)snprintf(cand + off, sizeof cand - off, "%s--%s",
                                        off ? ", " : "", p->opts[i].name);
    if (off)
        return amor_errorf(err, errlen, '?', "unknown option '%s' (options are spelt out in "
                           "full: %s?)", name, cand);
    return amor_errorf(err, errlen, '?', "unknown option '%s'", name);
}

int cliopt_next(cliparse *p, const char **arg, char *err, size_t errlen)
{
    int idx = -1, c, before = optind ? optind : 1;
    const char *elem;
    char name[256];
    const cliopt *o;
    *arg = NULL;
    if (p->rest) {
        if (p->rest >= p->argc) return -1;
        *arg = p->argv[p->rest++];
        return CLIOPT_OPERAND;
    }
    c = getopt_long(p->argc, p->argv, p->shorts, p->longs, &idx);
    if (c == -1) {
        if (optind < p->argc) { /* after "--" */
            p->rest = optind;
            return cliopt_next(p, arg, err, errlen);
        }
        return -1;
    }
    if (c == 1) {
        *arg = optarg;
        return CLIOPT_OPERAND;
    }
    /* the element the option came from: optind has moved past it (and past
     * its value when that was the next element); a short option inside a
     * cluster leaves optind on its element */
    elem = optind - before == 2 ? p->argv[optind - 2]
         : optind > before      ? p->argv[optind - 1] : p->argv[before];
    if (c == '?') {
        /* an option without value given one ("--fresh=1") comes back as '?'
         * too, with optopt its key */
        if (elem[0] == '-' && elem[1] == '-' && strchr(elem, '=') && optopt &&
            (o = by_key(p->opts, optopt)) && !o->arg) {
            spelling(elem, optopt, name, sizeof name);
            return amor_errorf(err, errlen, '?', "%s takes no value (got '%s')", name, elem);
        }
        return unknown(p, elem, optopt, err, errlen);
    }
    if (c == ':') {
        o = by_key(p->opts, optopt);
        spelling(elem, optopt, name, sizeof name);
        return amor_errorf(err, errlen, '?', "%s needs %s after it", name,
                           o && o->arg ? o->arg : "a value");
    }
    /* getopt_long takes any unique prefix of a long name: refuse it */
    if (idx >= 0 && elem[0] == '-' && elem[1] == '-' &&
        (strncmp(elem + 2, p->longs[idx].name, strlen(p->longs[idx].name)) ||
         (elem[2 + strlen(p->longs[idx].name)] && elem[2 + strlen(p->longs[idx].name)] != '=')))
        return unknown(p, elem, c, err, errlen);
    o = by_key(p->opts, c);
    if (o && o->arg) {
        if (!optarg || !*optarg) {
            spelling(elem, c, name, sizeof name);
            return amor_errorf(err, errlen, '?', "%s needs %s after it, got an empty value",
                               name, o->arg);
        }
        *arg = optarg;
    }
    return c;
}

/* The left column of one key: "-j, --jobs N", "--fresh, --no-resume". */
static void names_of(const cliopt *opts, int key, char *buf, size_t len)
{
    size_t off = 0;
    const char *arg = NULL;
    buf[0] = 0;
    if (key < 256) off += (size_t)snprintf(buf, len, "-%c", key);
    for (; opts->name && off < len; opts++)
        if (opts->key == key) {
            off += (size_t)snprintf(buf + off, len - off, "%s--%s", off ? ", " : "", opts->name);
            if (opts->arg) arg = opts->arg;
        }
    if (arg && off < len) snprintf(buf + off, len - off, " %s", arg);
}

void cliopt_print(FILE *out, const cliopt *opts)
{
    const cliopt *o;
    for (o = opts; o->name; o++) {
        char left[256];
        const char *h = o->help, *nl;
        int col = 24;
        if (!h) continue;
        names_of(opts, o->key, left, sizeof left);
        if ((int)strlen(left) + 4 > col) fprintf(out, "  %s\n%*s", left, col, "");
        else fprintf(out, "  %-*s", col - 2, left);
        while ((nl = strchr(h, '\n'))) {
            fprintf(out, "%.*s\n%*s", (int)(nl - h), h, col, "");
            h = nl + 1;
        }
        fprintf(out, "%s\n", h);
    }
}
