/*
 * checkpoint.h -- a trained model's parameters theta in a file: written by
 * the worker after training when train.save_model is set
 * (<out>/models/<key>.amor), read when a cell starts from one
 * (train.init_from, read and verified when the cell is built).
 *
 * Format version 2.  Little-endian throughout; reals are IEEE-754 bit
 * patterns as u64, so every double (NaN payloads included) round-trips and
 * the bytes are the same on every machine:
 *
 *   offset 0   "AMORCKPT"                 8 bytes, the magic
 *          8   u32 format version         2
 *         12   u32 ABI version            AMOR_ABI_VERSION (major) of the amor
 *                                         that wrote it
 *         16   u32 length + bytes         the key of the cell that saved it
 *                                         (16 hex digits; empty if no cell did)
 *              u32 length + bytes         model plugin name, no NUL
 *              u64 n                      parameter count (num_params)
 *              u32 length + bytes         the model's parameters as canonical
 *                                         text, every declared parameter with
 *                                         defaults included, the form the cell
 *                                         key hashes: "mlp(activation=relu,
 *                                         hidden=64,64,...)" -- so a size
 *                                         mismatch can be explained
 *              u64 nx, u64 ny             the model's input and output widths
 *                                         it was trained for (nx: the visible
 *                                         width, without private task data)
 *              f64 theta[n]
 *              u64 checksum               64-bit FNV-1a of every byte before
 *                                         it (always the file's last 8 bytes)
 *
 * FNV-1a changes with any change confined to one byte (each step is a
 * bijection of its state), so a flipped byte is always caught; it is not a
 * defence against deliberate tampering.  Only theta is stored: fine-tuning
 * from a checkpoint restarts Adam's moments from zero.  Format 1 (earlier
 * amors) had no key: refused, and a resumed cell whose checkpoint it is runs
 * again.
 *
 * Reading checks, in this order, each failure a message starting
 * "checkpoint PATH: ": the file can be read; the magic; the format version;
 * the length the header implies (shorter: "truncated", longer: bytes after
 * the checksum); the checksum; the ABI major version; and, for a file named
 * like amor names them (<16 hex digits>.amor), that the cell key inside is
 * the one in its name (a file renamed from another cell's checkpoint).  The
 * caller compares the model name, parameter count and dimensions with the
 * cell's.
 */
#ifndef AMOR_CHECKPOINT_H
#define AMOR_CHECKPOINT_H

#include <stddef.h>
#include <stdint.h>

#include "sbuf.h"

#define CHECKPOINT_MAGIC "AMORCKPT"
#define CHECKPOINT_VERSION 2u

typedef struct checkpoint {
    uint32_t format;   /* CHECKPOINT_VERSION */
    uint32_t abi;      /* AMOR_ABI_VERSION of the writer */
    char *key;         /* the key of the cell that saved it, or "" */
    char *model;       /* model plugin name */
    char *params;      /* canonical text of the model and all its parameters */
    uint64_t nx, ny;   /* the model's input (visible) and output widths */
    size_t n;          /* parameter count */
    double *theta;     /* (n) */
    uint64_t checksum; /* as stored (and verified): identifies the content */
} checkpoint;


/* Append ck's encoding (format and abi as given, the checksum computed) to
 * out; check out->oom. */
void checkpoint_encode(const checkpoint *ck, sbuf *out);

/* Decode len bytes read from `path` (used in messages) into ck (zeroed first;
 * checkpoint_free it, also after a failure). */
int checkpoint_decode(const void *buf, size_t len, const char *path, checkpoint *ck, char *err,
                      size_t errlen);

/* Read and decode a file (train.init_from: a symbolic link is followed, a
 * device or a FIFO refused). */
int checkpoint_read(const char *path, checkpoint *ck, char *err, size_t errlen);

/* Is `path` the intact checkpoint cell `key` saved?  For resuming a cell
 * that saves one: STORED_OK, STORED_ABSENT (no file) or STORED_REFUSED
 * (stored.h) with "checkpoint PATH: what failed" -- not a regular file (a
 * symbolic link is refused wherever it points, a FIFO without waiting for
 * it), any check of checkpoint_read, or another cell's key. */
int checkpoint_verify(const char *path, const char *key, char *err, size_t errlen);

/* Write theta and its description, saved by cell `key`, atomically
 * (temporary file and rename; the directory is created if missing). */
int checkpoint_write(const char *path, const char *key, const char *model, const char *params,
                     size_t nx, size_t ny, const double *theta, size_t n, char *err,
                     size_t errlen);

/* Index of the first element of ck->theta that is NaN or infinite, ck->n
 * if all are finite; *count (may be NULL) gets how many are not.  The
 * format stores any double as it is: using such a theta is the caller's
 * decision (train.c: a cell starting from it ends "diverged"). */
size_t checkpoint_first_nonfinite(const checkpoint *ck, size_t *count);

void checkpoint_free(checkpoint *ck);

#endif
