/*
 * loader_probe.c -- plugin files opened in a child process first: the child
 * announces each step on a pipe before taking it and its verdict on each
 * file after; amor follows, and puts a crash, an exit or a silence longer
 * than the timeout down to the file and step the child was in.
 */
#define _GNU_SOURCE /* pipe2 */
#include "loader_probe.h"
#include "clock.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "amor.h"
#include "signame.h"

/* The verdicts, after the steps of loader_probe.h. */
enum { STEP_OK = LOADER_STEP_READ + 1, STEP_REFUSED };

/* A report is four uint32 (step, file, index, message length) and the
 * message: at most PIPE_BUF bytes, so one write() delivers it whole. */
#define REPORT_HEAD (4 * sizeof(uint32_t))
#define REPORT_MAX 1024

struct loader_probe_out {
    int fd;        /* the pipe to amor */
    uint32_t file; /* the file's index in amor's list */
};

static void report(const loader_probe_out *po, uint32_t step, uint32_t index, const char *msg)
{
    char buf[REPORT_HEAD + REPORT_MAX];
    uint32_t head[4];
    size_t len = msg ? strnlen(msg, REPORT_MAX) : 0, off = 0;
    head[0] = step;
    head[1] = po->file;
    head[2] = index;
    head[3] = (uint32_t)len;
    memcpy(buf, head, REPORT_HEAD);
    if (len) memcpy(buf + REPORT_HEAD, msg, len);
    while (off < REPORT_HEAD + len) {
        ssize_t w = write(po->fd, buf + off, REPORT_HEAD + len - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) _exit(1); /* amor is gone */
        off += (size_t)w;
    }
}

void loader_probe_step(const loader_probe_out *po, uint32_t step, uint32_t index,
                       const char *name)
{
    if (po) report(po, step, index, name);
}

static size_t next_pending(const loader_probe *p, size_t k, size_t n)
{
    while (k < n && p[k].state != LOADER_PROBE_PENDING) k++;
    return k;
}

/* The child: the signals of a crash get their default action (a handler
 * inherited from amor or a sanitizer would report the plugin's crash as its
 * own), no core file; then every pending file from `from` on, in order. */
static void child(loader_probe *p, size_t from, size_t n, loader_probe_open_fn open, int fd)
{
    static const int crash[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS};
    struct rlimit nocore = {0, 0};
    loader_probe_out po;
    size_t k;
    setpgid(0, 0); /* a group of its own: what a plugin starts ends with the probe */
    prctl(PR_SET_NAME, "amor-probe"); /* as ps and top show it */
    for (k = 0; k < sizeof crash / sizeof crash[0]; k++) signal(crash[k], SIG_DFL);
    setrlimit(RLIMIT_CORE, &nocore);
    po.fd = fd;
    for (k = next_pending(p, from, n); k < n; k = next_pending(p, k + 1, n)) {
        char err[REPORT_MAX];
        po.file = (uint32_t)k;
        if (open(&po, p[k].path, p[k].real, err, sizeof err))
            report(&po, STEP_REFUSED, 0, err);
        else
            report(&po, STEP_OK, 0, NULL);
    }
    _exit(0);
}

/* "while loading", "in amor_plugin_descriptor(1)", "while reading the name
 * of descriptor 0", "while reading descriptor 0 ('foo')" (name: "" when not
 * known). */
static void step_text(uint32_t step, uint32_t index, const char *name, char *buf, size_t len)
{
    if (step == LOADER_STEP_ENTRY)
        snprintf(buf, len, "in %s(%u)", AMOR_ENTRY_SYMBOL, (unsigned)index);
    else if (step == LOADER_STEP_NAME)
        snprintf(buf, len, "while reading the name of descriptor %u", (unsigned)index);
    else if (step == LOADER_STEP_READ && *name)
        snprintf(buf, len, "while reading descriptor %u ('%s')", (unsigned)index, name);
    else if (step == LOADER_STEP_READ)
        snprintf(buf, len, "while reading descriptor %u", (unsigned)index);
    else
        snprintf(buf, len, "while loading");
}

void loader_probe_files(loader_probe *p, size_t n, double timeout, loader_probe_open_fn open,
                        void (*passed)(void *ctx, loader_probe *q), void *ctx)
{
    size_t from = next_pending(p, 0, n);
    fflush(NULL); /* a plugin calling exit() must not write amor's buffers twice */
    while (from < n) {
        char buf[REPORT_HEAD + REPORT_MAX], where[160], why[352], msg[PATH_MAX + 416];
        char name[72] = ""; /* the plugin's name with the last step, if known (cut at 71) */
        uint32_t step = LOADER_STEP_OPEN, index = 0;
        size_t cur = from, have = 0;
        int fds[2], status = 0, eof = 0, timed_out = 0;
        const char *lost = NULL; /* why the child could not be followed */
        double deadline;
        pid_t pid;

        /* close-on-exec: a program a plugin's constructor starts must not
         * hold the pipe (the end of the probe would wait for it) */
        if (pipe2(fds, O_CLOEXEC)) break;
        if ((pid = fork()) < 0) {
            close(fds[0]);
            close(fds[1]);
            break;
        }
        if (pid == 0) {
            close(fds[0]);
            child(p, from, n, open, fds[1]);
        }
        setpgid(pid, pid);
        close(fds[1]);
        deadline = clock_now() + timeout;
        /* until every file has its verdict, the child is gone (the pipe's
         * end, or its exit while something it started holds the pipe), or
         * it is silent for too long */
        while (!eof && !timed_out && !lost && cur < n) {
            struct pollfd pf = {fds[0], POLLIN, 0};
            double left = (deadline - clock_now()) * 1000;
            ssize_t r;
            if (left <= 0) {
                timed_out = 1;
                break;
            }
            r = poll(&pf, 1, left > 200 ? 200 : (int)ceil(left));
            if (r < 0 && errno != EINTR) lost = strerror(errno);
            if (r == 0) {
                siginfo_t si;
                memset(&si, 0, sizeof si);
                if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT | WNOHANG) == 0 &&
                    si.si_pid == pid)
                    eof = 1; /* exited, and nothing more in the pipe */
            }
            if (r <= 0) continue;
            r = read(fds[0], buf + have, sizeof buf - have);
            if (r < 0 && errno == EINTR) continue;
            if (r < 0) lost = strerror(errno);
            if (r == 0) eof = 1; /* the child is done, or dead */
            have += r > 0 ? (size_t)r : 0;
            while (have >= REPORT_HEAD) {
                uint32_t head[4];
                size_t whole;
                memcpy(head, buf, REPORT_HEAD);
                if (head[1] < from || head[1] >= n || head[3] > REPORT_MAX) {
                    lost = "its reports were garbled";
                    break;
                }
                whole = REPORT_HEAD + head[3];
                if (have < whole) break;
                if (head[0] == STEP_OK || head[0] == STEP_REFUSED) {
                    loader_probe *q = &p[head[1]];
                    q->state = head[0] == STEP_OK ? LOADER_PROBE_OK : LOADER_PROBE_REFUSED;
                    if (head[0] == STEP_REFUSED) q->msg = strndup(buf + REPORT_HEAD, head[3]);
                    else if (passed) passed(ctx, q);
                    cur = next_pending(p, head[1] + 1, n);
                    step = LOADER_STEP_OPEN;
                    index = 0;
                    name[0] = 0;
                } else {
                    size_t k = head[3] < sizeof name - 1 ? head[3] : sizeof name - 1;
                    cur = head[1];
                    step = head[0];
                    index = head[2];
                    memcpy(name, buf + REPORT_HEAD, k);
                    name[k] = 0;
                }
                deadline = clock_now() + timeout; /* progress (and not amor's time in passed) */
                memmove(buf, buf + whole, have - whole);
                have -= whole;
            }
        }
        kill(-pid, SIGKILL); /* it, or what a plugin started, may be alive */
        kill(pid, SIGKILL);
        close(fds[0]);
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        if (cur >= n) break; /* every file answered */

        step_text(step, index, name, where, sizeof where);
        if (timed_out) {
            snprintf(why, sizeof why, "timed out %s (no progress in %g s; AMOR_LOAD_TIMEOUT "
                     "sets the limit)", where, timeout);
        } else if (lost) {
            snprintf(why, sizeof why, "could not be followed %s (%s)", where, lost);
        } else if (WIFSIGNALED(status)) {
            char num[16];
            int sig = WTERMSIG(status);
            snprintf(why, sizeof why, "crashed %s (%s, %s)", where,
                     signal_name(sig, num, sizeof num), strsignal(sig));
        } else {
            snprintf(why, sizeof why, "exited with status %d %s", WEXITSTATUS(status), where);
        }
        snprintf(msg, sizeof msg, "%s: %s", p[cur].path, why);
        p[cur].state = LOADER_PROBE_FAILED;
        p[cur].msg = strdup(msg);
        from = next_pending(p, cur + 1, n);
    }
    for (; from < n; from++)
        if (p[from].state == LOADER_PROBE_PENDING) p[from].state = LOADER_PROBE_OK;
}
