/*
 * evalcmd.h -- `amor eval PROBLEM`: objective values (and gradients) of a
 * problem plugin at given contexts and solutions, as CSV, for validating a
 * plugin against a reference implementation in another language.
 */
#ifndef AMOR_EVALCMD_H
#define AMOR_EVALCMD_H

#include "loader.h"

/* argv[1] is "eval".  Returns the exit status: 0 ok, 1 an error (bad input
 * file, plugin failure), 2 a usage error. */
int eval_main(loader *L, int argc, char **argv);

/* "usage: amor eval PROBLEM --contexts X.csv ...\n" (lines). */
extern const char eval_usage[];

#endif
