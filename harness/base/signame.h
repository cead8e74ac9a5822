/*
 * signame.h -- "SIGSEGV" for SIGSEGV, for the messages about a process that
 * died of a signal (workers, the plugin probe).
 */
#ifndef AMOR_SIGNAME_H
#define AMOR_SIGNAME_H

#include <stddef.h>

/* "SIGSEGV" for SIGSEGV, "SIG34" (written into buf) for a signal without a
 * name. */
const char *signal_name(int sig, char *buf, size_t len);

#endif
