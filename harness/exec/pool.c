/*
 * pool.c -- forked workers for a list of cells: start, multiplex with
 * poll(), enforce the time limit, reap and classify (see pool.h).
 */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include "pool.h"
#include "codec.h"
#include "signame.h"
#include "worker.h"
#include "clock.h"

#include "sbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef struct slot {
    int busy;
    size_t job;
    pid_t pid;
    int fd;               /* read end of the worker's pipe, -1 after EOF */
    double start;
    int timed_out;        /* we killed it for limits.timeout */
    int oom;              /* it sent an 'o' frame */
    unsigned char *buf;   /* bytes received, not yet parsed */
    size_t len, cap;
    codec_progress last;
    int has_progress;
    cell_result r;
    int has_result;
    char bad[512];        /* a result frame that did not decode */
} slot;

int pool_cores(void)
{
    cpu_set_t set;
    long n;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) return CPU_COUNT(&set);
    n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

int pool_blas_threads(int jobs)
{
    const char *env = getenv("OPENBLAS_NUM_THREADS");
    int t, cap;
    if (!env || (t = atoi(env)) < 1) return 0;
    cap = pool_cores() / (jobs > 0 ? jobs : 1);
    if (cap < 1) cap = 1;
    return t < cap ? t : cap;
}

/* "during setup", "at step 12 of 50", ... from the last progress frame */
static void where(const slot *s, char *buf, size_t len)
{
    if (!s->has_progress) {
        snprintf(buf, len, "before reporting progress");
        return;
    }
    switch (s->last.phase) {
    case CELL_PHASE_SETUP: snprintf(buf, len, "during setup"); break;
    case CELL_PHASE_TRAIN:
        if (s->last.step) snprintf(buf, len, "at training step %ld of %ld", s->last.step, s->last.steps);
        else snprintf(buf, len, "before the first training step");
        break;
    case CELL_PHASE_EVAL: snprintf(buf, len, "during the final evaluation"); break;
    default: snprintf(buf, len, "during the solver baseline"); break;
    }
}

/* The outcome of a reaped worker into s->r. */
static void classify(slot *s, const cell_spec *c, int status)
{
    char at[128], sig[32], lim[64];
    cell_result *r = &s->r;
    where(s, at, sizeof at);
    if (s->timed_out || WIFSIGNALED(status)) {
        cell_result_free(r); /* whatever it sent before dying is not a result */
        s->has_result = 0;
        if (s->has_progress) r->train_steps = s->last.step;
    }
    if (s->timed_out) {
        r->status = CELL_TIMEOUT;
        snprintf(r->error, sizeof r->error,
                 "exceeded the time limit of %g s (limits.timeout); killed %s",
                 c->limits.timeout, at);
    } else if (WIFSIGNALED(status)) {
        int n = WTERMSIG(status);
        const char *name = signal_name(n, sig, sizeof sig);
        if (s->oom) {
            bytes_text(c->limits.memory, " bytes", lim, sizeof lim);
            r->status = CELL_OOM;
            snprintf(r->error, sizeof r->error,
                     "out of memory (limits.memory = %s): killed by signal %s (%s) %s", lim,
                     name, strsignal(n), at);
        } else {
            r->status = CELL_CRASHED;
            snprintf(r->error, sizeof r->error, "killed by signal %s (%s) %s", name,
                     strsignal(n), at);
        }
    } else if (s->bad[0]) {
        cell_result_free(r);
        r->status = CELL_ERROR;
        snprintf(r->error, sizeof r->error, "bad result from the worker: %s", s->bad);
    } else if (!s->has_result) {
        r->status = CELL_CRASHED;
        snprintf(r->error, sizeof r->error,
                 "worker exited with status %d without a result %s (did a plugin call exit()?)",
                 WEXITSTATUS(status), at);
    } else if (WEXITSTATUS(status) != 0) { /* e.g. a tool like valgrind exiting with its own code */
        cell_result_free(r);
        r->status = CELL_CRASHED;
        snprintf(r->error, sizeof r->error, "worker exited with status %d after sending its result",
                 WEXITSTATUS(status));
    }
}

/* Parse the complete frames in s->buf. */
static void frames(slot *s, const pool_hooks *h)
{
    size_t off = 0;
    while (s->len - off >= CODEC_FRAME_HEAD) {
        const unsigned char *f = s->buf + off;
        size_t plen = (size_t)f[1] | (size_t)f[2] << 8 | (size_t)f[3] << 16 | (size_t)f[4] << 24;
        if (s->len - off - CODEC_FRAME_HEAD < plen) break;
        f += CODEC_FRAME_HEAD;
        if (s->buf[off] == CODEC_FRAME_PROGRESS) {
            if (codec_decode_progress(f, plen, &s->last) == 0) {
                s->has_progress = 1;
                if (h->progress) h->progress(h->ctx, s->job, &s->last);
            }
        } else if (s->buf[off] == CODEC_FRAME_RESULT) {
            cell_result_free(&s->r);
            if (codec_decode_result(f, plen, &s->r, s->bad, sizeof s->bad)) cell_result_free(&s->r);
            else s->has_result = 1;
        } else if (s->buf[off] == CODEC_FRAME_OOM) {
            s->oom = 1;
        }
        off += CODEC_FRAME_HEAD + plen;
    }
    memmove(s->buf, s->buf + off, s->len - off);
    s->len -= off;
}

/* Read what the worker sent; EOF closes fd. */
static void drain(slot *s, const pool_hooks *h)
{
    for (;;) {
        ssize_t got;
        if (s->cap - s->len < 65536) {
            size_t nc = s->cap ? 2 * s->cap : 131072;
            unsigned char *q = realloc(s->buf, nc);
            if (!q) return; /* try again on the next poll */
            s->buf = q;
            s->cap = nc;
        }
        got = read(s->fd, s->buf + s->len, s->cap - s->len);
        if (got > 0) {
            s->len += (size_t)got;
            continue;
        }
        if (got < 0 && errno == EINTR) continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
        close(s->fd); /* EOF, or an error: nothing more will come */
        s->fd = -1;
        break;
    }
    frames(s, h);
}

static int start(slot *s, size_t job, const cell_spec *c, int blas, char *err, size_t errlen)
{
    int p[2];
    pid_t pid;
    memset(&s->r, 0, sizeof s->r);
    s->len = 0;
    s->timed_out = s->oom = s->has_progress = s->has_result = 0;
    s->bad[0] = 0;
    s->job = job;
    /* close-on-exec on both ends: a program the cell's plugins start (system,
     * popen, exec) must not hold the worker's pipe open after the worker is
     * gone, or the cell's end would wait for it (see worker_done) */
    if (pipe2(p, O_CLOEXEC)) return amor_errorf(err, errlen, AMOR_EINVAL, "pipe: %s", strerror(errno));
    fflush(NULL); /* or the child's copy of stdio buffers could be written twice */
    pid = fork();
    if (pid < 0) {
        close(p[0]);
        close(p[1]);
        return amor_errorf(err, errlen, AMOR_EINVAL, "cannot fork a worker: %s", strerror(errno));
    }
    if (pid == 0) {
        close(p[0]);
        worker_child(c, p[1], blas);
    }
    /* the worker leads a process group of its own (it sets it too: whichever
     * runs first), so everything its plugins start ends with the cell */
    setpgid(pid, pid);
    close(p[1]);
    fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
    s->pid = pid;
    s->fd = p[0];
    s->start = clock_now();
    s->busy = 1;
    return 0;
}

/* Has the worker exited (or been killed)?  Without reaping it: while it is
 * a zombie its pid stays reserved, so the group it led can be killed
 * without hitting an unrelated process that got the pid since. */
static int worker_exited(pid_t pid, int block)
{
    siginfo_t si;
    int rc;
    memset(&si, 0, sizeof si);
    do rc = waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT | (block ? 0 : WNOHANG));
    while (rc < 0 && errno == EINTR);
    return rc == 0 && si.si_pid == pid;
}

/* The cell is over: end whatever its plugins left running in the worker's
 * process group (a helper started with system("... &"), a forked child),
 * then reap the worker.  A cell's result never depends on its plugins'
 * children: they cannot hold the pipe open or outlive the cell. */
static void worker_done(slot *s, int *status)
{
    kill(-s->pid, SIGKILL);
    while (waitpid(s->pid, status, 0) < 0 && errno == EINTR) {}
}

static void kill_all(slot *sl, int jobs)
{
    int k, st;
    for (k = 0; k < jobs; k++)
        if (sl[k].busy) {
            kill(-sl[k].pid, SIGKILL);
            kill(sl[k].pid, SIGKILL);
            while (waitpid(sl[k].pid, &st, 0) < 0 && errno == EINTR) {}
            if (sl[k].fd >= 0) close(sl[k].fd);
            cell_result_free(&sl[k].r);
            sl[k].busy = 0;
        }
}

/* ---- in this process (-j 0) ------------------------------------------------ */

typedef struct inproc {
    const pool_hooks *h;
    size_t job;
    double last;
    int last_phase;
} inproc;

static void inproc_progress(void *ctx, int phase, long step, long steps, double loss)
{
    inproc *q = ctx;
    double t = clock_now();
    codec_progress p = {phase, step, steps, loss};
    if (phase == q->last_phase && t - q->last < 0.1) return;
    q->last = t;
    q->last_phase = phase;
    if (q->h->progress) q->h->progress(q->h->ctx, q->job, &p);
    if (q->h->idle) q->h->idle(q->h->ctx);
}

static int run_here(const cell_spec *const *cells, size_t n, const pool_hooks *h, char *err,
                    size_t errlen)
{
    size_t i;
    for (i = 0; i < n; i++) {
        inproc q = {h, i, 0, -1};
        cell_result r;
        double t0 = clock_now();
        if (h->started) h->started(h->ctx, i);
        cell_run_progress(cells[i], &r, inproc_progress, &q);
        if (h->finished(h->ctx, i, &r, clock_now() - t0))
            return err[0] ? 1 : amor_errorf(err, errlen, 1, "stopped");
    }
    return 0;
}

/* ---- workers --------------------------------------------------------------- */

int pool_run(const cell_spec *const *cells, size_t n, int jobs, const pool_hooks *h,
             char *err, size_t errlen)
{
    slot *sl;
    struct pollfd *pf;
    size_t next = 0, done = 0;
    int running = 0, blas, k, rc = 0;
    err[0] = 0;
    if (jobs <= 0) return run_here(cells, n, h, err, errlen);
    if ((size_t)jobs > n) jobs = n ? (int)n : 1;
    blas = pool_blas_threads(jobs);
    sl = calloc((size_t)jobs, sizeof *sl);
    pf = calloc((size_t)jobs, sizeof *pf);
    if (!sl || !pf) {
        free(sl);
        free(pf);
        return amor_errorf(err, errlen, AMOR_ENOMEM, "out of memory");
    }
    for (k = 0; k < jobs; k++) sl[k].fd = -1;
    while (done < n && !rc) {
        int np = 0, wait_ms = 250;
        double t = clock_now();
        /* start cells while there are free workers */
        for (k = 0; k < jobs && next < n; k++) {
            char why[512];
            if (sl[k].busy) continue;
            if (start(&sl[k], next, cells[next], blas, why, sizeof why)) {
                cell_result r;
                memset(&r, 0, sizeof r);
                if (running) break; /* try again once a worker is done */
                r.status = CELL_ERROR;
                snprintf(r.error, sizeof r.error, "%s", why);
                rc = h->finished(h->ctx, next, &r, 0);
                next++;
                done++;
                continue;
            }
            if (h->started) h->started(h->ctx, next);
            next++;
            running++;
        }
        /* wait for output, a time limit or the next redraw */
        for (k = 0; k < jobs; k++) {
            slot *s = &sl[k];
            if (!s->busy) continue;
            if (s->fd >= 0) {
                pf[np].fd = s->fd;
                pf[np].events = POLLIN;
                pf[np].revents = 0;
                np++;
            } else {
                wait_ms = 20; /* EOF seen, waiting for the exit */
            }
            if (cells[s->job]->limits.timeout > 0 && !s->timed_out) {
                double left = s->start + cells[s->job]->limits.timeout - t;
                int ms = left <= 0 ? 0 : (int)ceil(left * 1000);
                if (ms < wait_ms) wait_ms = ms;
            }
        }
        if (poll(pf, (nfds_t)np, wait_ms) < 0 && errno != EINTR) {
            rc = amor_errorf(err, errlen, AMOR_EINVAL, "poll: %s", strerror(errno));
            break;
        }
        for (k = 0; k < jobs; k++) {
            slot *s = &sl[k];
            int st = 0;
            if (!s->busy) continue;
            if (s->fd >= 0) drain(s, h);
            if (cells[s->job]->limits.timeout > 0 && !s->timed_out && !s->has_result &&
                clock_now() - s->start >= cells[s->job]->limits.timeout) {
                kill(-s->pid, SIGKILL);
                kill(s->pid, SIGKILL);
                s->timed_out = 1;
            }
            /* running until its pipe ends -- or until it has exited, even if
             * something it started still holds the pipe: the result frame
             * comes right before the worker's _exit, and a pipe keeps what
             * was written after its writer is gone */
            if (!s->timed_out && !worker_exited(s->pid, s->has_result || s->fd < 0)) continue;
            worker_done(s, &st);
            if (s->fd >= 0) { /* read what it left, then close */
                drain(s, h);
                if (s->fd >= 0) close(s->fd);
                s->fd = -1;
            }
            classify(s, cells[s->job], st);
            s->busy = 0;
            running--;
            done++;
            /* clock_now(), not t: an earlier hook in this pass may have taken long */
            if (!rc) rc = h->finished(h->ctx, s->job, &s->r, clock_now() - s->start);
            else cell_result_free(&s->r);
            memset(&s->r, 0, sizeof s->r);
        }
        if (h->idle) h->idle(h->ctx);
    }
    if (rc && !err[0]) amor_errorf(err, errlen, 1, "stopped");
    kill_all(sl, jobs);
    for (k = 0; k < jobs; k++) free(sl[k].buf);
    free(sl);
    free(pf);
    return rc;
}
