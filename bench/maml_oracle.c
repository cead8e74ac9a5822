/*
 * maml_oracle.c -- the problem side of one MAML meta-step alone: the three
 * batched calls into the `sinusoid` plugin that unroll_gd (one inner step,
 * grad = exact) makes per meta-step, loaded from its .so through the ABI as
 * the host does.  A profiling aid for `make bench`'s maml_meta_step (which
 * reports whole steps); never run by the tests.
 *
 *   build/bench/maml_oracle [--plugins DIR] [--seconds S] [--tasks T]
 *       [--shots K] [--queries Q]
 *
 * Per meta-step, on T tasks (default 25, 5 shots, 5 queries): value_grad of
 * the support MSE at theta0 (the inner step's gradient), valid_value_grad
 * of the query MSE at the adapted weights, hvp of the support MSE at theta0
 * along the query gradient (the second-order term).  Prints the CPU time of
 * each call and of the three together, and the rate of their multiply-adds
 * (the hidden 40 x 40 layer's and the rest).
 *
 *   build/bench/maml_oracle --meta-grad [--plugins DIR] [--shots K] [--queries Q]
 *
 * instead reads T, the contexts (T, nx) and theta0 (ny) from stdin as
 * native doubles and writes the meta-loss L = mean_t MSE_query,t(theta_t),
 * theta_t = theta0 - 0.01 grad MSE_support,t(theta0), and its gradient
 * dL/dtheta0 = mean_t (I - 0.01 H_support,t(theta0)) grad MSE_query,t(theta_t)
 * (ny), what unroll_gd's exact backward computes from these three calls,
 * for scripts/bench/torch_bench.py --check-amor to compare with PyTorch's.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "amor.h"

void openblas_set_num_threads(int num_threads);

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

typedef struct job {
    const amor_problem_desc *d;
    void *inst;
    size_t n, nx, ny;
    double *x;     /* (n, nx) contexts */
    double *y0;    /* (n, ny) theta0 per task */
    double *y1;    /* (n, ny) adapted weights */
    double *adj;   /* (n, ny) query gradient */
    double *g, *hv; /* (n, ny) outputs */
    double *f;     /* (n) */
    int which;     /* 0 value_grad, 1 valid_value_grad, 2 hvp, 3 all three */
} job;

static void die(const char *what, const char *err)
{
    fprintf(stderr, "maml_oracle: %s: %s\n", what, err);
    exit(1);
}

static void step(job *j)
{
    char err[256] = "";
    if ((j->which == 0 || j->which == 3) &&
        j->d->value_grad(j->inst, j->n, j->x, j->y0, j->f, j->g, err, sizeof err))
        die("value_grad", err);
    if ((j->which == 1 || j->which == 3) &&
        j->d->valid_value_grad(j->inst, j->n, j->x, j->y1, j->f, j->adj, err, sizeof err))
        die("valid_value_grad", err);
    if ((j->which == 2 || j->which == 3) &&
        j->d->hvp(j->inst, j->n, j->x, j->y0, j->adj, j->hv, err, sizeof err))
        die("hvp", err);
}

/* Seconds per call over about `seconds`, best of three. */
static double time_it(job *j, double seconds)
{
    double best = 1e300;
    int run;
    step(j);
    for (run = 0; run < 3; run++) {
        long reps = 0;
        double t0 = cpu_now(), t;
        do {
            step(j);
            reps++;
            t = cpu_now() - t0;
        } while (t < seconds);
        if (t / (double)reps < best) best = t / (double)reps;
    }
    return best;
}

/* --meta-grad: see the header. */
static int meta_grad(const amor_problem_desc *d, void *inst)
{
    size_t nx, ny, n, i, k;
    double nd, L = 0.0, *x, *th, *y0, *y1, *g, *adj, *hv, *f, *mg;
    char err[256] = "";
    d->dims(inst, &nx, &ny);
    if (fread(&nd, sizeof nd, 1, stdin) != 1 || !(nd >= 1 && nd <= 1e6)) {
        fprintf(stderr, "maml_oracle: --meta-grad: stdin must start with the number of tasks\n");
        return 1;
    }
    n = (size_t)nd;
    x = malloc(n * nx * sizeof *x), th = malloc(ny * sizeof *th);
    y0 = malloc(n * ny * sizeof *y0), y1 = malloc(n * ny * sizeof *y1);
    g = malloc(n * ny * sizeof *g), adj = malloc(n * ny * sizeof *adj);
    hv = malloc(n * ny * sizeof *hv), f = malloc(n * sizeof *f), mg = calloc(ny, sizeof *mg);
    if (!x || !th || !y0 || !y1 || !g || !adj || !hv || !f || !mg) die("malloc", "out of memory");
    if (fread(x, sizeof *x, n * nx, stdin) != n * nx || fread(th, sizeof *th, ny, stdin) != ny) {
        fprintf(stderr, "maml_oracle: --meta-grad: stdin ended before %zu contexts of %zu and "
                        "%zu weights\n", n, nx, ny);
        return 1;
    }
    for (i = 0; i < n; i++) memcpy(y0 + i * ny, th, ny * sizeof *th);
    if (d->value_grad(inst, n, x, y0, f, g, err, sizeof err)) die("value_grad", err);
    for (k = 0; k < n * ny; k++) y1[k] = y0[k] - 0.01 * g[k];
    if (d->valid_value_grad(inst, n, x, y1, f, adj, err, sizeof err))
        die("valid_value_grad", err);
    if (d->hvp(inst, n, x, y0, adj, hv, err, sizeof err)) die("hvp", err);
    for (i = 0; i < n; i++) {
        L += f[i] / (double)n;
        for (k = 0; k < ny; k++) mg[k] += (adj[i * ny + k] - 0.01 * hv[i * ny + k]) / (double)n;
    }
    if (fwrite(&L, sizeof L, 1, stdout) != 1 || fwrite(mg, sizeof *mg, ny, stdout) != ny)
        die("stdout", "write failed");
    free(x), free(th), free(y0), free(y1), free(g), free(adj), free(hv), free(f), free(mg);
    return 0;
}

int main(int argc, char **argv)
{
    const char *dir = "build/plugins";
    double seconds = 0.3, t[4], macs;
    long tasks = 25, shots = 5, queries = 5;
    char path[4096], err[256];
    const amor_plugin_head *(*entry)(uint32_t);
    static const int64_t hidden[] = {40, 40};
    amor_value pv[9];
    amor_rng rng;
    job j;
    void *so;
    size_t k, i;
    int a, check = 0;
    for (a = 1; a < argc; a++) {
        if (!strcmp(argv[a], "--meta-grad")) check = 1;
        else if (!strcmp(argv[a], "--plugins") && a + 1 < argc) dir = argv[++a];
        else if (!strcmp(argv[a], "--seconds") && a + 1 < argc) seconds = atof(argv[++a]);
        else if (!strcmp(argv[a], "--tasks") && a + 1 < argc) tasks = atol(argv[++a]);
        else if (!strcmp(argv[a], "--shots") && a + 1 < argc) shots = atol(argv[++a]);
        else if (!strcmp(argv[a], "--queries") && a + 1 < argc) queries = atol(argv[++a]);
        else {
            fprintf(stderr, "usage: maml_oracle [--meta-grad] [--plugins DIR] [--seconds S] "
                            "[--tasks T] [--shots K] [--queries Q]\n");
            return 2;
        }
    }
    if (tasks < 1 || shots < 1 || queries < 1) {
        fprintf(stderr, "maml_oracle: --tasks, --shots and --queries must be at least 1\n");
        return 2;
    }
    if (!getenv("OPENBLAS_NUM_THREADS")) openblas_set_num_threads(1);
    snprintf(path, sizeof path, "%s/problems/sinusoid.so", dir);
    if (!(so = dlopen(path, RTLD_NOW | RTLD_LOCAL)) ||
        !(*(void **)&entry = dlsym(so, "amor_plugin_descriptor"))) {
        fprintf(stderr, "maml_oracle: %s\n", dlerror());
        return 1;
    }
    memset(&j, 0, sizeof j);
    j.d = (const amor_problem_desc *)entry(0);
    /* shots, queries, hidden, seed, init_std, amplitude_min/max, phase_max, input_max */
    memset(pv, 0, sizeof pv);
    pv[0].i = shots, pv[1].i = queries;
    pv[2].list = hidden, pv[2].len = 2;
    pv[3].i = 0, pv[4].r = 0.01;
    pv[5].r = 0.1, pv[6].r = 5.0, pv[7].r = 3.14159265358979323846, pv[8].r = 5.0;
    if (j.d->create(pv, &j.inst, err, sizeof err)) die("create", err);
    if (check) {
        int rc = meta_grad(j.d, j.inst);
        j.d->destroy(j.inst);
        return rc;
    }
    j.d->dims(j.inst, &j.nx, &j.ny);
    j.n = (size_t)tasks;
    j.x = malloc(j.n * j.nx * sizeof(double));
    j.y0 = malloc(j.n * j.ny * sizeof(double));
    j.y1 = malloc(j.n * j.ny * sizeof(double));
    j.adj = malloc(j.n * j.ny * sizeof(double));
    j.g = malloc(j.n * j.ny * sizeof(double));
    j.hv = malloc(j.n * j.ny * sizeof(double));
    j.f = malloc(j.n * sizeof(double));
    if (!j.x || !j.y0 || !j.y1 || !j.adj || !j.g || !j.hv || !j.f) die("malloc", "out of memory");
    amor_rng_seed(&rng, 7);
    if (j.d->sample(j.inst, &rng, j.n, j.x, err, sizeof err)) die("sample", err);
    /* theta0 = initial with std 0.5 (so that the ReLUs are mixed, as after
     * some training), the inner step, the query gradient at its result */
    {
        amor_value pv2[9];
        void *i2;
        memcpy(pv2, pv, sizeof pv2);
        pv2[4].r = 0.5;
        if (j.d->create(pv2, &i2, err, sizeof err)) die("create", err);
        if (j.d->initial(i2, j.n, j.x, j.y0, err, sizeof err)) die("initial", err);
        j.d->destroy(i2);
    }
    if (j.d->value_grad(j.inst, j.n, j.x, j.y0, j.f, j.g, err, sizeof err)) die("value_grad", err);
    for (k = 0; k < j.n * j.ny; k++) j.y1[k] = j.y0[k] - 0.01 * j.g[k];
    if (j.d->valid_value_grad(j.inst, j.n, j.x, j.y1, j.f, j.adj, err, sizeof err))
        die("valid_value_grad", err);
    for (i = 0; i < 4; i++) {
        j.which = (int)i;
        t[i] = time_it(&j, seconds);
    }
    /* multiply-adds: forward 40 + 1600 + 40 per point; value_grad adds
     * dW (same) and dH of the two upper layers (1600 + 40); hvp: forward,
     * R-forward (2 x), R-backward (dW 2 x, dH, R(dH) 2 x) */
    {
        double fw = 40 + 1600 + 40, vg = 3 * fw - 40, hv = fw + 2 * fw + 5 * fw;
        macs = (double)tasks * ((double)shots * vg + (double)queries * vg + (double)shots * hv);
    }
    printf("maml_oracle tasks=%ld shots=%ld queries=%ld value_grad_us=%.2f "
           "valid_value_grad_us=%.2f hvp_us=%.2f meta_step_us=%.2f gflops=%.2f\n",
           tasks, shots, queries, 1e6 * t[0], 1e6 * t[1], 1e6 * t[2], 1e6 * t[3],
           2.0 * macs / t[3] / 1e9);
    j.d->destroy(j.inst);
    free(j.x), free(j.y0), free(j.y1), free(j.adj), free(j.g), free(j.hv), free(j.f);
    dlclose(so);
    return 0;
}
