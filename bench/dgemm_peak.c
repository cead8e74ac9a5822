/*
 * dgemm_peak.c -- this machine's measured double-precision matrix-product
 * rate through the same OpenBLAS and thread count amor uses: the limit the
 * GEMM-bound workloads of `make bench` are judged against (their
 * peak_fraction).  Never run by the tests.
 *
 *   build/bench/dgemm_peak [--clock cpu|wall] [--seconds S] [N ...]
 *
 * For each N (default 512 1024 2048): C = A B with square N x N row-major
 * operands, beta = 0, repeated for about S seconds (default 0.5) after one
 * untimed call; the best of three such runs.  Prints one line per size and
 * a last line "dgemm_peak gflops=<best over sizes> ..." that
 * scripts/bench/run.py reads.  --clock cpu (default) times by process CPU
 * time, which other processes on the machine disturb far less than wall
 * time; use wall with more than one BLAS thread (CPU time then adds the
 * threads up).  Threads: OPENBLAS_NUM_THREADS (read by OpenBLAS itself), or
 * one when it is unset -- what amor does.
 */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void openblas_set_num_threads(int num_threads); /* OpenBLAS's, as amor's main.c */

static int use_cpu = 1;

static double now(void)
{
    struct timespec ts;
    clock_gettime(use_cpu ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* GFLOPS of the best of three timed runs of about `seconds` each. */
static double rate(size_t n, double seconds)
{
    double *a = malloc(n * n * sizeof *a), *b = malloc(n * n * sizeof *b);
    double *c = malloc(n * n * sizeof *c), best = 0.0, flops = 2.0 * n * n * n;
    size_t i;
    int run;
    if (!a || !b || !c) {
        free(a), free(b), free(c);
        return -1.0;
    }
    for (i = 0; i < n * n; i++) { /* fixed, well-scaled, nonzero values */
        a[i] = 1e-3 * (double)(i % 97) - 0.05;
        b[i] = 1e-3 * (double)(i % 89) - 0.04;
    }
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)n, (int)n, (int)n, 1.0, a,
                (int)n, b, (int)n, 0.0, c, (int)n);
    for (run = 0; run < 3; run++) {
        long reps = 0;
        double t0 = now(), t;
        do {
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)n, (int)n, (int)n,
                        1.0, a, (int)n, b, (int)n, 0.0, c, (int)n);
            reps++;
            t = now() - t0;
        } while (t < seconds);
        if (flops * (double)reps / t / 1e9 > best) best = flops * (double)reps / t / 1e9;
    }
    free(a), free(b), free(c);
    return best;
}

int main(int argc, char **argv)
{
    size_t sizes[16], nsizes = 0, k;
    double seconds = 0.5, peak = 0.0;
    size_t at = 0;
    int i;
    const char *threads = getenv("OPENBLAS_NUM_THREADS");
    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--clock") && i + 1 < argc) {
            use_cpu = strcmp(argv[++i], "wall") != 0;
        } else if (!strcmp(argv[i], "--seconds") && i + 1 < argc) {
            seconds = atof(argv[++i]);
        } else if (nsizes < sizeof sizes / sizeof sizes[0] && atol(argv[i]) > 0) {
            sizes[nsizes++] = (size_t)atol(argv[i]);
        } else {
            fprintf(stderr, "usage: dgemm_peak [--clock cpu|wall] [--seconds S] [N ...]\n");
            return 2;
        }
    }
    if (!threads || !*threads) { /* amor's default */
        openblas_set_num_threads(1);
        threads = "1";
    }
    if (!nsizes) {
        sizes[0] = 512, sizes[1] = 1024, sizes[2] = 2048;
        nsizes = 3;
    }
    for (k = 0; k < nsizes; k++) {
        double r = rate(sizes[k], seconds);
        if (r < 0) {
            fprintf(stderr, "dgemm_peak: out of memory at N = %zu\n", sizes[k]);
            return 1;
        }
        printf("dgemm N=%zu gflops=%.2f\n", sizes[k], r);
        if (r > peak) peak = r, at = sizes[k];
    }
    printf("dgemm_peak gflops=%.2f n=%zu clock=%s threads=%s\n", peak, at,
           use_cpu ? "cpu" : "wall", threads);
    return 0;
}
