/*
 * check.h -- `amor check PLUGIN`: a plugin author's conformance and
 * correctness checks, printed as TAP (see check.c for the list).
 */
#ifndef AMOR_CHECK_H
#define AMOR_CHECK_H

#include "loader.h"

/* argv[1] is "check".  Returns the exit status: 0 all checks passed, 1 some
 * failed, 2 a usage error. */
int check_main(loader *L, int argc, char **argv);

/* "usage: amor check PLUGIN [--set name=value ...] ...\n" (lines). */
extern const char check_usage[];

#endif
