/*
 * worker.c -- the binary encoding of a cell_result and the worker process's
 * side of a cell run (see worker.h for the format, the frames and the
 * out-of-memory rule).
 */
#include "worker.h"
#include "clock.h"
#include "codec.h"

#include "blas.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

/* ---- the worker process ---------------------------------------------------- */

/* Everything the child's callbacks and crash handler need.  A worker runs
 * one cell and exits, so this is the process's only instance. */
static struct child {
    int fd;
    double last;         /* time of the last progress frame */
    int last_phase;
    size_t limit;        /* RLIMIT_AS set for the cell, 0 = none */
    size_t memory;       /* the part of it the cell may use */
} K;

/* write() all of it; the parent reads concurrently, so this may block. */
static int write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n) {
        ssize_t w = write(fd, c, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

static void frame_head(unsigned char *h, int type, uint32_t len)
{
    int i;
    h[0] = (unsigned char)type;
    for (i = 0; i < 4; i++) h[1 + i] = (unsigned char)(len >> (8 * i));
}

static void on_progress(void *ctx, int phase, long step, long steps, double loss)
{
    unsigned char msg[CODEC_FRAME_HEAD + 25];
    sbuf b = {0};
    double t = clock_now();
    (void)ctx;
    /* at most every 0.1 s, but also at each 1% of the training steps, so a
     * cell that hangs right after a burst of fast steps is not reported
     * where the burst began */
    if (phase == K.last_phase && t - K.last < 0.1 &&
        !(steps >= 100 && step % (steps / 100) == 0))
        return;
    K.last = t;
    K.last_phase = phase;
    codec_encode_progress(phase, step, steps, loss, &b);
    if (b.oom || b.len != 25) {
        free(b.p);
        return;
    }
    frame_head(msg, CODEC_FRAME_PROGRESS, 25);
    memcpy(msg + CODEC_FRAME_HEAD, b.p, 25);
    free(b.p);
    (void)write_all(K.fd, msg, sizeof msg);
}

/* Address space in bytes, from /proc/self/statm (async-signal-safe). */
static size_t vm_size(void)
{
    char buf[64];
    size_t v = 0;
    ssize_t n, i;
    int fd = open("/proc/self/statm", O_RDONLY);
    if (fd < 0) return 0;
    n = read(fd, buf, sizeof buf - 1);
    close(fd);
    for (i = 0; i < n && buf[i] >= '0' && buf[i] <= '9'; i++) v = 10 * v + (size_t)(buf[i] - '0');
    return v * (size_t)sysconf(_SC_PAGESIZE);
}

static void on_crash(int sig)
{
    int e = errno;
    if (K.limit) {
        size_t vs = vm_size();
        if (e == ENOMEM || vs + K.memory / 8 >= K.limit) {
            unsigned char h[CODEC_FRAME_HEAD];
            frame_head(h, CODEC_FRAME_OOM, 0);
            (void)!write(K.fd, h, sizeof h);
        }
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Close every descriptor but 0-2 and keep: other workers' pipes, the
 * output directory's lock, files the script opened. */
static void close_fds(int keep)
{
    DIR *d = opendir("/proc/self/fd");
    int fds[4096];
    size_t n = 0, i;
    if (d) {
        struct dirent *e;
        int self = dirfd(d);
        while ((e = readdir(d)) && n < sizeof fds / sizeof fds[0])
            if (e->d_name[0] >= '0' && e->d_name[0] <= '9' && atoi(e->d_name) != self)
                fds[n++] = atoi(e->d_name);
        closedir(d);
        for (i = 0; i < n; i++)
            if (fds[i] > 2 && fds[i] != keep) close(fds[i]);
    } else {
        int fd;
        for (fd = 3; fd < 1024; fd++)
            if (fd != keep) close(fd);
    }
}

static void set_memory_limit(const cell_spec *c)
{
    static char altstack[64 * 1024];
    stack_t ss;
    struct sigaction sa;
    struct rlimit rl;
    if (!(c->limits.memory > 0)) return;
    /* the crash handler runs on its own stack: the faulting one may be the
     * very thing that could not grow */
    ss.ss_sp = altstack;
    ss.ss_size = sizeof altstack;
    ss.ss_flags = 0;
    sigaltstack(&ss, NULL);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_crash;
    sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGABRT, &sa, NULL);
    K.memory = (size_t)c->limits.memory;
    K.limit = vm_size() + K.memory;
    getrlimit(RLIMIT_AS, &rl);
    rl.rlim_cur = K.limit < rl.rlim_max ? K.limit : rl.rlim_max;
    setrlimit(RLIMIT_AS, &rl); /* soft only: lifted again to send the result */
}

void worker_child(const cell_spec *c, int fd, int blas_threads)
{
    cell_result r;
    sbuf b = {0};
    unsigned char h[CODEC_FRAME_HEAD];
    pid_t parent = getppid();

    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127); /* the parent died before prctl */
    setpgid(0, 0); /* a group of its own, ended with the cell (pool.c) */
    prctl(PR_SET_NAME, "amor-worker"); /* as ps and top show it */
    signal(SIGINT, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    close_fds(fd);
    K.fd = fd;
    K.last_phase = -1;
    if (blas_threads > 0) blas_set_threads(blas_threads);
    /* the cell's BLAS callers: the threads of train.threads (each calls
     * OpenBLAS with one thread of its own), or this thread and OpenBLAS's
     * own threads, which take a buffer each for their part of a product */
    if (c->limits.memory > 0)
        blas_reserve((c->train.threads > 1 ? (int)c->train.threads : 1) + blas_get_threads());
    set_memory_limit(c);

    cell_run_progress(c, &r, on_progress, NULL);
    if (K.limit) {
        struct rlimit rl;
        getrlimit(RLIMIT_AS, &rl);
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_AS, &rl);
        /* the failure's own code, not errno or the message's words: an
         * ordinary plugin error is not oom because errno was ENOMEM */
        if (r.status == CELL_ERROR && r.code == AMOR_ENOMEM) {
            char msg[sizeof r.error], lim[64];
            snprintf(msg, sizeof msg, "%s", r.error);
            bytes_text(c->limits.memory, " bytes", lim, sizeof lim);
            r.status = CELL_OOM;
            snprintf(r.error, sizeof r.error, "out of memory (limits.memory = %s): %s", lim, msg);
        }
    }
    {
        struct rusage ru; /* ru_maxrss: KiB on Linux */
        if (!getrusage(RUSAGE_SELF, &ru)) r.peak_rss_bytes = (double)ru.ru_maxrss * 1024.0;
    }
    codec_encode_result(&r, &b);
    if (b.oom || b.len > UINT32_MAX) _exit(3);
    frame_head(h, CODEC_FRAME_RESULT, (uint32_t)b.len);
    if (write_all(fd, h, sizeof h) || write_all(fd, b.p, b.len)) _exit(4);
    _exit(0);
}
