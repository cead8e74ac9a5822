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
#include <limits.h>
#include <pthread.h>
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
    void *h = openblas(1);
    void *(*alloc)(int);
    void (*release)(void *);
    void (*init)(void);
    void *b[256];
    int n = 0, k;
    if (!h) return 0; /* not installed: nothing can use it */
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

/* ---- LAPACK ----------------------------------------------------------------- */

/* dgels as OpenBLAS exports it (reference LAPACK built by gfortran, LP64:
 * int sizes, and the hidden length of the character argument last). */
typedef void (*dgels_fn)(const char *trans, const int *m, const int *n, const int *nrhs,
                         double *a, const int *lda, double *b, const int *ldb, double *work,
                         const int *lwork, int *info, size_t trans_len);

static pthread_once_t g_lapack_once = PTHREAD_ONCE_INIT;
static dgels_fn g_dgels;
static char g_lapack_err[256];

/* OpenBLAS stays loaded for the process's life (the handle is not closed:
 * the function pointer must outlive this call) */
static void lapack_load(void)
{
    void *h = openblas(1);
    if (!h) {
        snprintf(g_lapack_err, sizeof g_lapack_err, "LAPACK: cannot load %s: %s", OPENBLAS_SONAME,
                 dlerror());
        return;
    }
    if (!(g_dgels = (dgels_fn)dlsym(h, "dgels_")))
        snprintf(g_lapack_err, sizeof g_lapack_err, "LAPACK: %s has no dgels_", OPENBLAS_SONAME);
}

static dgels_fn lapack_dgels(char *err, size_t errlen)
{
    pthread_once(&g_lapack_once, lapack_load);
    if (!g_dgels && err && errlen) snprintf(err, errlen, "%s", g_lapack_err);
    return g_dgels;
}

static int int_sizes(size_t a, size_t b, size_t c, char *err, size_t errlen)
{
    if (a <= INT_MAX && b <= INT_MAX && c <= INT_MAX) return 0;
    if (err && errlen) snprintf(err, errlen, "LAPACK: a dimension passes INT_MAX");
    return -1;
}

size_t blas_dgels_work(size_t m, size_t n, char *err, size_t errlen)
{
    dgels_fn f = lapack_dgels(err, errlen);
    int im = (int)m, in = (int)n, one = 1, lwork = -1, info = 0;
    double w = 0, a = 0, b = 0;
    size_t min = n + (n > 1 ? n : 1);
    if (!n || m < n) {
        if (err && errlen)
            snprintf(err, errlen, "LAPACK: dgels on a %zu x %zu matrix (needs m >= n >= 1)", m, n);
        return 0;
    }
    if (!f || int_sizes(m, n, min, err, errlen)) return 0;
    /* the query reads no matrix; lda and ldb must still be valid */
    {
        int ld = im > 1 ? im : 1;
        f("N", &im, &in, &one, &a, &ld, &b, &ld, &w, &lwork, &info, 1);
    }
    if (info != 0 || !(w >= 1) || w > (double)INT_MAX) {
        if (err && errlen) snprintf(err, errlen, "LAPACK: dgels workspace query failed (info %d)", info);
        return 0;
    }
    return (size_t)w > min ? (size_t)w : min;
}

int blas_dgels(size_t m, size_t n, double *a, size_t lda, double *b, double *work,
               size_t lwork, char *err, size_t errlen)
{
    dgels_fn f = lapack_dgels(err, errlen);
    int im = (int)m, in = (int)n, ilda = (int)lda, one = 1, ilw = (int)lwork, info = 0;
    if (!n || m < n || lda < m) {
        if (err && errlen)
            snprintf(err, errlen, "LAPACK: dgels on a %zu x %zu matrix of leading dimension %zu "
                     "(needs m >= n >= 1, lda >= m)", m, n, lda);
        return -1;
    }
    if (!f || int_sizes(m, lda, lwork, err, errlen)) return -1;
    f("N", &im, &in, &one, a, &ilda, b, &ilda, work, &ilw, &info, 1);
    if (info < 0) { /* an argument LAPACK refused: a bug of the caller's */
        if (err && errlen) snprintf(err, errlen, "LAPACK: dgels refused argument %d", -info);
        return -1;
    }
    return info;
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
