/*
 * mlp_step.c -- the plugin side of one training step of the sphere MLP
 * alone: the `mlp` model plugin's forward (training) and backward on a
 * batch, loaded from its .so through the ABI as the host does, without
 * sampling, objective or Adam; and its inference forward.  A profiling aid
 * for `make bench` (which reports whole steps); never run by the tests.
 *
 *   build/bench/mlp_step [--plugins DIR] [--seconds S] [B ...]
 *
 * Model: 16 -> 128 -> 128 -> 3, ReLU, output = sphere (scripts/sphere.lua).
 * For each batch B (default 8 256 4096) prints the CPU time of one
 * forward + backward, its rate in GFLOPS of the products (forward, weight
 * and input gradients), and the CPU time of an inference forward.
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

/* Seconds per call of step(ctx) over about `seconds`, best of three. */
static double time_it(void (*step)(void *), void *ctx, double seconds)
{
    double best = 1e300;
    int run;
    step(ctx);
    for (run = 0; run < 3; run++) {
        long reps = 0;
        double t0 = cpu_now(), t;
        do {
            step(ctx);
            reps++;
            t = cpu_now() - t0;
        } while (t < seconds);
        if (t / (double)reps < best) best = t / (double)reps;
    }
    return best;
}

typedef struct job {
    const amor_model_desc *m;
    void *inst;
    size_t n, np;
    double *theta, *dtheta, *x, *it, *dit;
    void *ws;
} job;

static void train_step(void *p)
{
    job *j = p;
    char err[256];
    memset(j->dtheta, 0, j->np * sizeof *j->dtheta);
    if (j->m->forward(j->inst, j->theta, j->n, j->x, j->it, j->ws, AMOR_FORWARD_TRAIN, err,
                      sizeof err) ||
        j->m->backward(j->inst, j->theta, j->n, j->x, j->dit, j->dtheta, j->ws, err,
                       sizeof err)) {
        fprintf(stderr, "mlp_step: %s\n", err);
        exit(1);
    }
}

static void infer_step(void *p)
{
    job *j = p;
    char err[256];
    if (j->m->forward(j->inst, j->theta, j->n, j->x, j->it, j->ws, 0, err, sizeof err)) {
        fprintf(stderr, "mlp_step: %s\n", err);
        exit(1);
    }
}

int main(int argc, char **argv)
{
    const char *dir = "build/plugins";
    double seconds = 0.3;
    size_t batches[16], nb = 0, b, k;
    char path[4096], err[256];
    const amor_plugin_head *(*entry)(uint32_t);
    const amor_model_desc *m;
    void *so;
    static const int64_t hidden[] = {128, 128};
    amor_value pv[5];
    amor_env env;
    int i;
    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--plugins") && i + 1 < argc) dir = argv[++i];
        else if (!strcmp(argv[i], "--seconds") && i + 1 < argc) seconds = atof(argv[++i]);
        else if (nb < 16 && atol(argv[i]) > 0) batches[nb++] = (size_t)atol(argv[i]);
        else {
            fprintf(stderr, "usage: mlp_step [--plugins DIR] [--seconds S] [B ...]\n");
            return 2;
        }
    }
    if (!nb) batches[0] = 8, batches[1] = 256, batches[2] = 4096, nb = 3;
    if (!getenv("OPENBLAS_NUM_THREADS")) openblas_set_num_threads(1);
    snprintf(path, sizeof path, "%s/models/mlp.so", dir);
    if (!(so = dlopen(path, RTLD_NOW | RTLD_LOCAL)) ||
        !(*(void **)&entry = dlsym(so, "amor_plugin_descriptor"))) {
        fprintf(stderr, "mlp_step: %s\n", dlerror());
        return 1;
    }
    m = (const amor_model_desc *)entry(0);
    memset(pv, 0, sizeof pv); /* hidden, activation, output, box_lo, box_hi */
    pv[0].list = hidden, pv[0].len = 2;
    pv[1].s = "relu";
    pv[2].s = "sphere";
    pv[3].r = -1.0, pv[4].r = 1.0;
    memset(&env, 0, sizeof env);
    env.struct_size = sizeof env, env.nx = 16, env.ny = 3;
    for (b = 0; b < nb; b++) {
        job j;
        amor_rng rng;
        size_t n = batches[b];
        double flops = 2.0 * (double)n * (2.0 * (16 * 128 + 128 * 128 + 128 * 3) +
                                          (3 * 128 + 128 * 128));
        double t, ti;
        memset(&j, 0, sizeof j);
        j.m = m, j.n = n;
        if (m->create(pv, &env, &j.inst, err, sizeof err)) {
            fprintf(stderr, "mlp_step: %s\n", err);
            return 1;
        }
        j.np = m->num_params(j.inst);
        j.theta = malloc(j.np * sizeof(double));
        j.dtheta = malloc(j.np * sizeof(double));
        j.x = malloc(n * 16 * sizeof(double));
        j.it = malloc(n * 3 * sizeof(double));
        j.dit = malloc(n * 3 * sizeof(double));
        j.ws = aligned_alloc(64, (m->workspace_size(j.inst, n) + 64) / 64 * 64);
        if (!j.theta || !j.dtheta || !j.x || !j.it || !j.dit || !j.ws) return 1;
        amor_rng_seed(&rng, 7);
        m->init(j.inst, &rng, j.theta, err, sizeof err);
        for (k = 0; k < n * 16; k++) j.x[k] = amor_rng_normal(&rng);
        for (k = 0; k < n * 3; k++) j.dit[k] = amor_rng_normal(&rng) / (double)n;
        t = time_it(train_step, &j, seconds);
        ti = time_it(infer_step, &j, seconds);
        printf("mlp_step B=%zu train_us=%.3f gflops=%.2f infer_us=%.3f infer_us_per_instance=%.4f\n",
               n, 1e6 * t, flops / t / 1e9, 1e6 * ti, 1e6 * ti / (double)n);
        m->destroy(j.inst);
        free(j.theta), free(j.dtheta), free(j.x), free(j.it), free(j.dit), free(j.ws);
    }
    return 0;
}
