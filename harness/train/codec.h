/*
 * codec.h -- the binary encoding of a cell_result, shared by the worker's
 * pipe and the store of finished cells (stored.h wraps it in
 * <out>/.cells/<key>.cell with the cell's key and a checksum), and the
 * frames a worker sends.
 *
 * Result encoding, version 6 (5 lacked either the solvers' budget seconds
 * or the policy method of the tolerances -- two encodings carried that
 * number for a while -- 4 both, 3 also the eval.iterates metrics, 2 also
 * the residual columns of solver rows, the validation metrics and the
 * tolerances; a stored result of an earlier version is refused and its
 * cell runs again).  Integers are little-endian, reals are the
 * IEEE-754 bit pattern as a little-endian u64, so the bytes are the same on
 * every machine and every double (NaN payloads included) round-trips:
 *
 *   "AMRC" u32 version=6
 *   str status (its name)  u32 code (amor_status)
 *   str error, str note                      str = u32 length + bytes, no NUL
 *   i64 train_steps   f64 train_seconds   i64 eval_contexts   u64 num_params
 *   u8 has_eval  f64 objective_mean  f64 objective_std  f64 infer_seconds
 *   u8 has_optimal  f64 optimal_objective_mean  f64 gap_mean  f64 distance_mean
 *   u8 has_initial  f64 initial_objective_mean  f64 initial_gap_mean
 *   f64 final_train_loss  f64 oracle_calls_per_instance
 *   per solver (adam, gd): u8 ran  u8 reached  i64 iters  f64 seconds
 *     f64 budget seconds  f64 final
 *   u64 ncurves, each: i64 step  str split  str metric  f64 value
 *   u64 nsolver, each: u8 solver (SOLVER_ADAM ... SOLVER_POLICY)
 *     i64 iteration  f64 seconds  f64 objective mean  f64 objective std
 *     f64 residual mean  f64 residual median
 *   u64 ntrack  u64 nx  u64 ny  u64 ntrack_steps  u8 has_ystar
 *     f64 x[ntrack*nx]  f64 ystar[ntrack*ny] (if has_ystar)
 *     i64 steps[ntrack_steps]  f64 yhat[ntrack_steps*ntrack*ny]
 *   u64 npredict  f64 predictions[npredict*ny]
 *   u8 has_validation  f64 validation_mean  f64 validation_std
 *     f64 initial_validation_mean
 *   u32 ntol (<= CELL_MAX_TOLERANCES); when ntol > 0: i64 budget,
 *     per method (step, anderson, policy): u8 ran  f64 seconds per iteration
 *       (cold, warm);
 *     per tolerance: f64 tolerance, per method: per start (cold, warm)
 *       f64 iters_mean  f64 iters_median  i64 unconverged  f64 seconds_mean,
 *       then f64 ratio  f64 ratio_median
 *   u32 niter (<= CELL_MAX_ITERATES), each: i64 iterate  f64 objective mean
 *     f64 objective std  f64 validation mean  f64 validation std
 *     f64 gap mean  f64 distance mean
 *   "END." (and nothing after it)
 *
 * Pipe frames from a worker: u8 type, u32 payload length, payload.
 *   'p' progress: u8 phase  i64 step  i64 steps  f64 loss
 *   'r' the result, encoded as above (the last frame)
 *   'o' (empty) sent by the crash handler: the worker is dying of a signal
 *       after running out of memory (see worker_child)
 */
#ifndef AMOR_CODEC_H
#define AMOR_CODEC_H

#include "cell.h"
#include "sbuf.h"

enum { CODEC_FRAME_PROGRESS = 'p', CODEC_FRAME_RESULT = 'r', CODEC_FRAME_OOM = 'o' };
#define CODEC_FRAME_HEAD 5 /* u8 type + u32 length */

/* Append r's encoding to out (check out->oom). */
void codec_encode_result(const cell_result *r, sbuf *out);

/* Decode into r (zeroed first; free with cell_result_free, also after a
 * failure).  Truncated, oversized or malformed input is an error, never a
 * crash or an allocation larger than the input implies. */
int codec_decode_result(const void *buf, size_t len, cell_result *r, char *err, size_t errlen);

/* A progress frame's payload. */
typedef struct codec_progress {
    int phase;  /* CELL_PHASE_* */
    long step, steps;
    double loss;
} codec_progress;

/* Append a progress payload (25 bytes) to b. */
void codec_encode_progress(int phase, long step, long steps, double loss, sbuf *b);
int codec_decode_progress(const void *buf, size_t len, codec_progress *p);

#endif
