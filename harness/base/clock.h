/*
 * clock.h -- the one clock amor times things with: CLOCK_MONOTONIC in
 * seconds (training and inference times, solver baselines, time limits,
 * progress).  Never the wall clock, which jumps.
 */
#ifndef AMOR_CLOCK_H
#define AMOR_CLOCK_H

double clock_now(void);

#endif
