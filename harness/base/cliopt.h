/*
 * cliopt.h -- the options of amor's commands.  One table per command gives
 * getopt_long its options, the messages about a wrong one and the option
 * list of `amor CMD --help`, so the three always agree.
 */
#ifndef AMOR_CLIOPT_H
#define AMOR_CLIOPT_H

#include <getopt.h>
#include <stddef.h>
#include <stdio.h>

/* One option; a table ends with an entry whose name is NULL. */
typedef struct cliopt {
    const char *name; /* the long name without "--"; spelt out in full on the command
                         line (getopt_long's abbreviations are refused: a prefix that is
                         unique today would change meaning when an option is added) */
    int key;          /* a letter for a short option too (-j), or a code >= 256; entries
                         with the same key are one option under several names */
    const char *arg;  /* the value's name in messages and --help ("DIR"), or NULL: the
                         option takes no value */
    const char *help; /* its --help text ('\n' between lines); NULL for an alias, listed
                         with the entry of its key that has a text */
} cliopt;

enum { CLIOPT_MAX = 32, CLIOPT_OPERAND = 1 };

typedef struct cliparse {
    const cliopt *opts;
    int argc;
    char **argv;
    int rest; /* after "--": the next operand, or 0 */
    struct option longs[CLIOPT_MAX + 1];
    char shorts[3 * CLIOPT_MAX + 3];
} cliparse;

/* Start parsing argv[1..argc) -- argv[0] is the command's name, e.g. "run"
 * -- against opts (at most CLIOPT_MAX entries). */
void cliopt_begin(cliparse *p, const cliopt *opts, int argc, char **argv);

/* The next argument in command-line order: an option's key with its value
 * in *arg (NULL for an option without one), CLIOPT_OPERAND with *arg the
 * operand (anything that is not an option, "-" included, and everything
 * after "--"), or -1 at the end.  On a wrong option, '?' with the message
 * in err: "unknown option '--bogus'", "--out needs DIR after it", ... */
int cliopt_next(cliparse *p, const char **arg, char *err, size_t errlen);

/* The option list of `amor CMD --help`: one entry per key, its names and
 * value on the left ("-j, --jobs N"), its help text on the right. */
void cliopt_print(FILE *out, const cliopt *opts);

#endif
