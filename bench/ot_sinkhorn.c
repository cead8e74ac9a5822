/*
 * ot_sinkhorn.c -- amor's side of `make bench`'s ot_sinkhorn workloads:
 * log-domain Sinkhorn iterations of the `ot_pairs` problem (784-point
 * Fashion-MNIST measures on the 28 x 28 grid, squared-Euclidean cost,
 * epsilon 1e-2), each one call of the plugin's solver_step (the g-update
 * then the f-update of every pair in the batch), loaded from its .so
 * through the ABI as the host does.  scripts/bench/pot_bench.py is POT's
 * twin.
 *
 *   build/bench/ot_sinkhorn [--plugins DIR] [--seconds S] [--clock cpu|wall]
 *       [--data-dir DIR]
 *
 * For kernel = separable and dense, and batches of 1 and 64 pairs (drawn by
 * the problem's sampler, pixels floored at min_mass = 1e-6 as the POT side
 * does): from f = 0, solver_step calls ping-ponging between two states for
 * about S seconds, best of three.  Prints one line per case and a BENCH
 * line of seconds per call (sep_b1, dense_b1, sep_b64, dense_b64) for
 * scripts/bench/run.py.  Never run by the tests.
 */
#include "benchutil.h"

/* An instance with the declared defaults but kernel, min_mass and
 * data_dir. */
static void *make(const amor_problem_desc *d, const char *kernel, const char *data_dir)
{
    static const char *const names[] = {"kernel", "min_mass", "data_dir"};
    const char *strings[] = {kernel, NULL, data_dir};
    const double reals[] = {0, 1e-6, 0};
    return bench_instance(d, 3, names, strings, reals);
}

/* Seconds per solver_step call on n pairs, best of three runs of about
 * `seconds` each, after a warm-up call. */
static double time_steps(const amor_problem_desc *d, void *inst, size_t n, const double *x,
                         double *s0, double *s1, size_t ny, double seconds)
{
    char err[1024] = "";
    double best = 1e300;
    int run;
    memset(s0, 0, n * ny * sizeof *s0);
    if (d->solver_step(inst, n, x, s0, s1, err, sizeof err)) die("solver_step", err);
    for (run = 0; run < 3; run++) {
        long calls = 0;
        double t0 = now(), t;
        do {
            double *a = calls % 2 ? s1 : s0, *b = calls % 2 ? s0 : s1;
            if (d->solver_step(inst, n, x, a, b, err, sizeof err)) die("solver_step", err);
            calls++;
            t = now() - t0;
        } while (t < seconds);
        if (t / (double)calls < best) best = t / (double)calls;
    }
    return best;
}

int main(int argc, char **argv)
{
    const char *dir = "build/plugins", *data_dir = NULL;
    static const char *kernels[2] = {"separable", "dense"};
    static const size_t batches[2] = {1, 64};
    double seconds = 1.0, t[2][2], *x, *s0, *s1;
    char err[1024] = "";
    const amor_problem_desc *d;
    amor_rng rng;
    size_t nx, ny, b, k;
    void *inst;
    int a;
    bench_name = "ot_sinkhorn";
    for (a = 1; a < argc; a++) {
        if (!strcmp(argv[a], "--plugins") && a + 1 < argc) dir = argv[++a];
        else if (!strcmp(argv[a], "--seconds") && a + 1 < argc) seconds = atof(argv[++a]);
        else if (!strcmp(argv[a], "--data-dir") && a + 1 < argc) data_dir = argv[++a];
        else if (!strcmp(argv[a], "--clock") && a + 1 < argc &&
                 (!strcmp(argv[a + 1], "cpu") || !strcmp(argv[a + 1], "wall")))
            use_cpu = !strcmp(argv[++a], "cpu");
        else {
            fprintf(stderr, "usage: ot_sinkhorn [--plugins DIR] [--seconds S] "
                            "[--clock cpu|wall] [--data-dir DIR]\n");
            return 2;
        }
    }
    d = bench_problem(dir, "ot_pairs");
    for (k = 0; k < 2; k++) {
        inst = make(d, kernels[k], data_dir);
        d->dims(inst, &nx, &ny);
        x = malloc(batches[1] * nx * sizeof *x);
        s0 = malloc(batches[1] * ny * sizeof *s0);
        s1 = malloc(batches[1] * ny * sizeof *s1);
        if (!x || !s0 || !s1) die("malloc", "out of memory");
        amor_rng_seed(&rng, 7);
        if (d->sample(inst, &rng, batches[1], x, err, sizeof err)) die("sample", err);
        for (b = 0; b < 2; b++) {
            t[k][b] = time_steps(d, inst, batches[b], x, s0, s1, ny, seconds);
            printf("ot_sinkhorn kernel=%s pairs=%zu us_per_iteration=%.1f iterations_per_s=%.4g "
                   "pair_iterations_per_s=%.4g\n",
                   kernels[k], batches[b], 1e6 * t[k][b], 1.0 / t[k][b],
                   (double)batches[b] / t[k][b]);
            fflush(stdout);
        }
        d->destroy(inst);
        free(x), free(s0), free(s1);
    }
    printf("BENCH sep_b1=%.9g dense_b1=%.9g sep_b64=%.9g dense_b64=%.9g clock=%s\n", t[0][0],
           t[1][0], t[0][1], t[1][1], use_cpu ? "cpu" : "wall");
    return 0;
}
