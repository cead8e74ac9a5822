/*
 * fuzz_checkpoint.c -- the checkpoint reader (harness/checkpoint.c, the
 * files of train.save_model / train.init_from) on arbitrary bytes, decoded
 * twice: as they are (the checksum almost always fails, so this mostly
 * exercises the header and its length arithmetic) and with the last 8 bytes
 * replaced by the correct checksum (so the fuzzer also gets past it).  A
 * decoded checkpoint is re-encoded and must come back byte for byte, and
 * checkpoint_first_nonfinite must find its first NaN/Inf and count them.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "amhash.h"
#include "checkpoint.h"

static void decode(const uint8_t *data, size_t size)
{
    char err[1024];
    volatile double sink = 0;
    checkpoint ck;
    size_t i;
    err[0] = 0;
    if (checkpoint_decode(data, size, "fuzz.amor", &ck, err, sizeof err) == 0) {
        sbuf b = {0};
        size_t nbad, bad = checkpoint_first_nonfinite(&ck, &nbad), count = 0;
        for (i = 0; i < ck.n; i++) {
            sink += ck.theta[i];
            count += !isfinite(ck.theta[i]);
            if (i < bad ? !isfinite(ck.theta[i]) : i == bad && isfinite(ck.theta[i]))
                __builtin_trap(); /* the first non-finite one, and only it */
        }
        if (count != nbad || (bad < ck.n) != (nbad > 0)) __builtin_trap();
        sink += (double)strlen(ck.key) + (double)strlen(ck.model) + (double)strlen(ck.params);
        /* a key, name or parameter text with a NUL inside does not round-trip */
        if (strlen(ck.key) + strlen(ck.model) + strlen(ck.params) + 60 + 8 * ck.n == size) {
            checkpoint_encode(&ck, &b);
            if (!b.oom && (b.len != size || memcmp(b.p, data, size))) __builtin_trap();
            free(b.p);
        }
    } else if (!err[0]) {
        __builtin_trap();
    }
    checkpoint_free(&ck);
    (void)sink;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *fixed;
    uint64_t sum;
    size_t k;
    decode(data, size);
    if (size < 16 || !(fixed = malloc(size))) return 0;
    memcpy(fixed, data, size);
    sum = am_fnv1a(AM_FNV_START, fixed, size - 8);
    for (k = 0; k < 8; k++) fixed[size - 8 + k] = (uint8_t)(sum >> (8 * k));
    decode(fixed, size);
    free(fixed);
    return 0;
}
