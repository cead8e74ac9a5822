/*
 * qp_admm.c -- amor's side of `make bench`'s qp workload: OSQP's ADMM
 * iterations of the `qp` problem (n = 50, m = 500, OSQP's Random QP
 * class), each one call of the plugin's solver_step on a batch of 256
 * contexts, loaded from its .so through the ABI as the host does; and the
 * problem's from-scratch solve on 32 contexts with data = random, whose
 * contexts and y* it writes for scripts/bench/cvxopt_bench.py (cvxopt's QP
 * solver on the same instances).
 *
 *   build/bench/qp_admm [--plugins DIR] [--seconds S] [--clock cpu|wall]
 *       [--dump FILE]
 *
 * Steps: from the cold start (solver_init at y = 0, data = fixed, rho
 * adapted every 25 iterations as by default), solver_step calls
 * ping-ponging between two states for about S seconds, best of three.
 * Solve: seconds per context of one solve call on the 32 contexts, best of
 * three.  --dump FILE writes n, m, then each context (q, l, u, M, A) and its
 * y* as raw little-endian doubles.  Prints a BENCH line (step = seconds per
 * call at batch 256, solve = seconds per context).  Never run by the tests.
 */
#include "benchutil.h"

#define BATCH 256
#define NSOLVE 32

/* An instance with the declared defaults but data. */
static void *make(const amor_problem_desc *d, const char *data)
{
    static const char *const names[] = {"data"};
    const char *strings[] = {data};
    return bench_instance(d, 1, names, strings, NULL);
}

int main(int argc, char **argv)
{
    const char *dir = "build/plugins", *dump = NULL;
    double seconds = 1.0, best_step = 1e300, best_solve = 1e300, *x, *s0, *s1, *y;
    char err[1024] = "";
    const amor_problem_desc *d;
    amor_rng rng;
    size_t nx, ny, S;
    void *inst;
    int a, run;
    bench_name = "qp_admm";
    for (a = 1; a < argc; a++) {
        if (!strcmp(argv[a], "--plugins") && a + 1 < argc) dir = argv[++a];
        else if (!strcmp(argv[a], "--seconds") && a + 1 < argc) seconds = atof(argv[++a]);
        else if (!strcmp(argv[a], "--dump") && a + 1 < argc) dump = argv[++a];
        else if (!strcmp(argv[a], "--clock") && a + 1 < argc &&
                 (!strcmp(argv[a + 1], "cpu") || !strcmp(argv[a + 1], "wall")))
            use_cpu = !strcmp(argv[++a], "cpu");
        else {
            fprintf(stderr, "usage: qp_admm [--plugins DIR] [--seconds S] [--clock cpu|wall] "
                            "[--dump FILE]\n");
            return 2;
        }
    }
    d = bench_problem(dir, "qp");

    /* ADMM steps at batch 256 from the cold start */
    inst = make(d, "fixed");
    d->dims(inst, &nx, &ny);
    S = d->state_dim(inst);
    x = xmalloc(BATCH * nx * sizeof *x);
    s0 = xmalloc(BATCH * S * sizeof *s0);
    s1 = xmalloc(BATCH * S * sizeof *s1);
    y = calloc(BATCH * ny, sizeof *y);
    if (!y) die("malloc", "out of memory");
    amor_rng_seed(&rng, 7);
    if (d->sample(inst, &rng, BATCH, x, err, sizeof err)) die("sample", err);
    for (run = 0; run < 3; run++) {
        long calls = 0;
        double t0, t;
        if (d->solver_init(inst, BATCH, x, y, s0, err, sizeof err)) die("solver_init", err);
        t0 = now();
        do {
            double *p = calls % 2 ? s1 : s0, *q = calls % 2 ? s0 : s1;
            if (d->solver_step(inst, BATCH, x, p, q, err, sizeof err)) die("solver_step", err);
            calls++;
            t = now() - t0;
        } while (t < seconds);
        if (t / (double)calls < best_step) best_step = t / (double)calls;
    }
    printf("qp_admm n=%zu batch=%d us_per_iteration=%.1f iterations_per_s=%.4g "
           "context_iterations_per_s=%.4g\n", ny, BATCH, 1e6 * best_step, 1.0 / best_step,
           BATCH / best_step);
    fflush(stdout);
    d->destroy(inst);
    free(x), free(s0), free(s1), free(y);

    /* from-scratch solve, data = random */
    inst = make(d, "random");
    d->dims(inst, &nx, &ny);
    x = xmalloc(NSOLVE * nx * sizeof *x);
    y = xmalloc(NSOLVE * ny * sizeof *y);
    amor_rng_seed(&rng, 8);
    if (d->sample(inst, &rng, NSOLVE, x, err, sizeof err)) die("sample", err);
    for (run = 0; run < 3; run++) {
        double t0 = now(), t;
        if (d->solve(inst, NSOLVE, x, y, err, sizeof err)) die("solve", err);
        t = (now() - t0) / NSOLVE;
        if (t < best_solve) best_solve = t;
    }
    printf("qp_solve n=%zu contexts=%d ms_per_context=%.3f\n", ny, NSOLVE, 1e3 * best_solve);
    if (dump) {
        FILE *f = fopen(dump, "wb");
        /* nx = n + 2m + n^2 + m n, so m = (nx - n - n^2) / (n + 2) */
        double dims[2] = {(double)ny, (double)((nx - ny - ny * ny) / (ny + 2))};
        size_t i;
        if (!f) die("dump", dump);
        fwrite(dims, sizeof *dims, 2, f);
        for (i = 0; i < NSOLVE; i++) {
            fwrite(x + i * nx, sizeof *x, nx, f);
            fwrite(y + i * ny, sizeof *y, ny, f);
        }
        if (fclose(f)) die("dump", dump);
    }
    printf("BENCH step=%.9g solve=%.9g clock=%s\n", best_step, best_solve, use_cpu ? "cpu" : "wall");
    d->destroy(inst);
    free(x), free(y);
    return 0;
}
