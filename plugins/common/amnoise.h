/*
 * amnoise.h -- deterministic noise of stochastic objectives (the vae
 * problem's ELBO, the Gaussian policies of the control problems): value and
 * value_grad take no rng, so a sample's eps is a function of the context's
 * bytes, a key from the problem's noise_seed, the sample index and, for
 * noise = fresh, a per-instance call counter.  One copy, so every problem
 * keys its noise the same way.
 */
#ifndef AMOR_AMNOISE_H
#define AMOR_AMNOISE_H

#include <stddef.h>
#include <stdint.h>

/* The key of noise_seed: mixed into every context's noise. */
uint64_t am_noise_key(uint64_t seed);

/* A hash of the d doubles of a context (their bit patterns). */
uint64_t am_noise_hash(const double *x, size_t d);

/* eps (len) ~ N(0, I) for sample s of a context with hash hx, under key;
 * call = 0 for fixed noise, the instance's call count for fresh noise. */
void am_noise_fill(double *eps, size_t len, uint64_t hx, uint64_t key, size_t s,
                   uint64_t call);

#endif
