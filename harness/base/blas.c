/*
 * blas.c -- the OpenBLAS amor's plugins share: its kernels and its threads.
 *
 * The amor binary does not link OpenBLAS; the plugins do, so the library is
 * loaded -- and reads its environment, once -- when the first plugin is.
 * blas_prepare() runs before that and sets what it reads, never overriding
 * the user's environment:
 *
 *   OPENBLAS_NUM_THREADS=1 unless set: the batches here are small, workers
 *   of a parallel sweep each get their share of the cores (pool.c), and a
 *   fixed thread count keeps results bit-reproducible.
 *
 * OpenBLAS picks its kernels itself (OPENBLAS_CORETYPE, when set, names
 * them: some machines pin Haswell kernels that way); `amor --version`
 * prints the kernels, threads and build configuration it runs with.
 */
#define _GNU_SOURCE
#include "blas.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#define OPENBLAS_SONAME "libopenblas.so.0"

void blas_prepare(void)
{
    setenv("OPENBLAS_NUM_THREADS", "1", 0);
}

/* OpenBLAS if this process has loaded it already (load = 0), or loading
 * it now (load = 1); NULL when it cannot be found. */
static void *openblas(int load)
{
    return dlopen(OPENBLAS_SONAME, RTLD_NOW | RTLD_LOCAL | (load ? 0 : RTLD_NOLOAD));
}

void blas_set_threads(int n)
{
    void *h = openblas(0);
    if (h) {
        void (*set)(int) = (void (*)(int))dlsym(h, "openblas_set_num_threads");
        if (set) set(n);
        dlclose(h);
    } else {
        char v[16];
        snprintf(v, sizeof v, "%d", n);
        setenv("OPENBLAS_NUM_THREADS", v, 1);
    }
}

int blas_get_threads(void)
{
    void *h = openblas(0);
    int n = 0;
    if (h) {
        int (*get)(void) = (int (*)(void))dlsym(h, "openblas_get_num_threads");
        if (get) n = get();
        dlclose(h);
    } else {
        const char *v = getenv("OPENBLAS_NUM_THREADS");
        n = v ? atoi(v) : 0;
    }
    return n > 0 ? n : 1;
}

/* OpenBLAS keeps a pool of work buffers (BUFFER_SIZE, 128 MB of address
 * space each in Debian's build, mostly never touched) and maps one the
 * first time a thread needs it.  When that mapping fails it does not report
 * an error: blas_memory_alloc retries mmap and malloc in an endless loop.
 * Under a worker's address-space limit (limits.memory) a cell would then
 * spin in its first matrix product forever.  Mapping the buffers the cell
 * will use before the limit is set keeps them out of it: after this the
 * pool holds `callers` free buffers, and its own threads (when
 * OPENBLAS_NUM_THREADS > 1) are started and hold theirs. */
int blas_reserve(int callers)
{
    void *h = openblas(0);
    void *(*alloc)(int);
    void (*release)(void *);
    void (*init)(void);
    void *b[256];
    int n = 0, k;
    if (!h) return 0; /* not loaded: no plugin of this cell uses it */
    alloc = (void *(*)(int))dlsym(h, "blas_memory_alloc");
    release = (void (*)(void *))dlsym(h, "blas_memory_free");
    init = (void (*)(void))dlsym(h, "blas_thread_init");
    if (init && blas_get_threads() > 1) init();
    if (alloc && release) {
        if (callers > (int)(sizeof b / sizeof b[0])) callers = (int)(sizeof b / sizeof b[0]);
        for (n = 0; n < callers; n++)
            if (!(b[n] = alloc(0))) break;
        for (k = 0; k < n; k++) release(b[k]);
    }
    dlclose(h);
    return n;
}

void blas_describe(char *buf, size_t len)
{
    void *h = openblas(1);
    const char *coretype = getenv("OPENBLAS_CORETYPE");
    char *(*config)(void), *(*core)(void);
    int (*threads)(void);
    if (!h) {
        snprintf(buf, len, "OpenBLAS not found (%s)", dlerror());
        return;
    }
    config = (char *(*)(void))dlsym(h, "openblas_get_config");
    core = (char *(*)(void))dlsym(h, "openblas_get_corename");
    threads = (int (*)(void))dlsym(h, "openblas_get_num_threads");
    snprintf(buf, len, "%s core=%s threads=%d coretype=%s", config ? config() : "OpenBLAS",
             core ? core() : "?", threads ? threads() : 0,
             coretype ? coretype : "unset");
    dlclose(h);
}
