/*
 * plot_core.c -- what every figure of the figure writer shares (see plot.h and
 * plot_int.h): quoting for gnuplot strings, the script prologue (outputs
 * located from ARG0, palette, the png/svg loop), running gnuplot with
 * temporary output names, and renaming the images into place only when
 * gnuplot succeeded.
 */
#include "plot_int.h"

#include "fileutil.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

enum { PATH_LEN = 4096, STDERR_KEEP = 8192 };

const char *const plot_palette[PLOT_NCOLORS] = {
    "#0072b2", "#d55e00", "#009e73", "#cc79a7",
    "#e69f00", "#56b4e9", "#882255", "#666666",
};
static const int point_type[PLOT_NCOLORS] = {7, 5, 9, 11, 13, 15, 7, 5};

int plot_fail(char *err, size_t errlen, int code, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return code;
}

int plot_has_ctrl(const char *s)
{
    for (; s && *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f) return 1;
    return 0;
}

/* Inside a gnuplot single-quoted string only '' needs escaping; control
 * characters (which would end the script line) become spaces. */
void plot_put_escaped(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\'') fputs("''", f);
        else fputc(c < 0x20 || c == 0x7f ? ' ' : c, f);
    }
}

/* gnuplot 5.4 reads '' inside '...' as one quote, but not two of them in
 * a row (the title 'a'''' + c' is a syntax error): text with consecutive
 * quotes (a second derivative f'') goes inside "...", with \ and " escaped. */
void plot_put_quoted(FILE *f, const char *s)
{
    if (strstr(s, "''")) {
        fputc('"', f);
        for (; *s; s++) {
            unsigned char c = (unsigned char)*s;
            if (c == '"' || c == '\\') fputc('\\', f), fputc(c, f);
            else fputc(c < 0x20 || c == 0x7f ? ' ' : c, f);
        }
        fputc('"', f);
        return;
    }
    fputc('\'', f);
    plot_put_escaped(f, s);
    fputc('\'', f);
}

/* The shortest %.Ng (N <= 17) that reads back as exactly v: as faithful as
 * %.17g, but 0.35 stays "0.35" for whoever restyles the script. */
const char *plot_num(char out[32], double v)
{
    for (int p = 6; p < 17; p++) {
        snprintf(out, 32, "%.*g", p, v);
        if (strtod(out, NULL) == v) return out;
    }
    snprintf(out, 32, "%.17g", v);
    return out;
}

/* Text inside a # comment: same, minus the quoting. */
void plot_put_comment_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        fputc(c < 0x20 || c == 0x7f ? ' ' : c, f);
    }
}

/* Why v cannot be plotted, or NULL if it can. */
const char *plot_unplottable(double v, int logaxis)
{
    if (isnan(v)) return "NaN";
    if (!isfinite(v)) return "infinite";
    if (logaxis && v <= 0) return "not positive on a log axis";
    return NULL;
}

/* ---- running gnuplot ------------------------------------------------------ */

/* gnuplot's stderr as one line: blank lines and the "^" marker lines dropped,
 * the rest joined with " | ".  Keeps the end, where the error is, if long. */
static void stderr_summary(char *out, size_t outlen, const char *text)
{
    char buf[STDERR_KEEP + 64];
    size_t len = 0;
    const char *line = text;
    while (*line) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        size_t a = 0, b = n;
        while (a < b && (line[a] == ' ' || line[a] == '\t' || line[a] == '\r')) a++;
        while (b > a && (line[b - 1] == ' ' || line[b - 1] == '\t' || line[b - 1] == '\r')) b--;
        if (b > a && !(b - a == 1 && line[a] == '^') && len + (b - a) + 4 < sizeof buf) {
            if (len) { memcpy(buf + len, " | ", 3); len += 3; }
            memcpy(buf + len, line + a, b - a);
            len += b - a;
        }
        line += n + (end ? 1 : 0);
    }
    buf[len] = '\0';
    if (!outlen) return;
    if (len < outlen) memcpy(out, buf, len + 1);
    else if (outlen > 4) {
        memcpy(out, "...", 3);
        memcpy(out + 3, buf + len - (outlen - 4), outlen - 3);
    } else
        out[0] = '\0';
}

/* Start `gnuplot -e "amor_suffix='.tmp.<host>.<pid>'" gp` with its stderr
 * on *fd. */
static int spawn_gnuplot(const char *gp, pid_t *pidp, int *fd, char *err, size_t errlen)
{
    char arg[PATH_LEN + 2], suffix[128];
    char *argv[] = {"gnuplot", "-e", suffix, arg, NULL};
    posix_spawn_file_actions_t fa;
    int pfd[2], rc;
    pid_t pid;

    /* a path starting with '-' would be taken for an option */
    snprintf(arg, sizeof arg, "%s%s", gp[0] == '-' ? "./" : "", gp);
    /* the host part holds only [A-Za-z0-9_-]: nothing to quote */
    snprintf(suffix, sizeof suffix, "amor_suffix='%s'", am_tmp_suffix());
    if (pipe(pfd) != 0)
        return plot_fail(err, errlen, PLOT_EIO, "plot: pipe: %s", strerror(errno));
    /* neither end may leak into children spawned meanwhile by other threads;
     * the dup2 onto fd 2 in our child clears the flag there */
    fcntl(pfd[0], F_SETFD, FD_CLOEXEC);
    fcntl(pfd[1], F_SETFD, FD_CLOEXEC);
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, pfd[1], 2);
    posix_spawn_file_actions_addclose(&fa, pfd[1]);
    rc = posix_spawnp(&pid, "gnuplot", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(pfd[1]);
    if (rc != 0) {
        close(pfd[0]);
        if (rc == ENOENT)
            return plot_fail(err, errlen, PLOT_ENOGNUPLOT,
                        "plot: gnuplot not found on PATH, so %s was written but not "
                        "rendered; install the Debian package gnuplot-nox", gp);
        return plot_fail(err, errlen, PLOT_EIO, "plot: cannot run gnuplot: %s", strerror(rc));
    }
    *pidp = pid;
    *fd = pfd[0];
    return PLOT_OK;
}

/* Append n bytes read from gnuplot's stderr to text (tlen bytes, room for
 * STDERR_KEEP and a NUL), keeping the tail, where the error is. */
static void stderr_append(char *text, size_t *tlen, const char *chunk, size_t n)
{
    if (n > STDERR_KEEP) {
        chunk += n - STDERR_KEEP;
        n = STDERR_KEEP;
    }
    if (*tlen + n > STDERR_KEEP) {
        size_t drop = *tlen + n - STDERR_KEEP;
        memmove(text, text + drop, *tlen - drop);
        *tlen -= drop;
    }
    memcpy(text + *tlen, chunk, n);
    *tlen += n;
    text[*tlen] = '\0';
}

/* gnuplot on gp ended with wait status wst: PLOT_OK on exit status 0, else
 * the failure with its stderr text in err. */
static int gnuplot_status(const char *gp, int wst, const char *text, char *err, size_t errlen)
{
    char head[PATH_LEN + 96];
    size_t hl;
    if (WIFEXITED(wst) && WEXITSTATUS(wst) == 0) return PLOT_OK;
    if (WIFEXITED(wst))
        snprintf(head, sizeof head, "plot: gnuplot failed on %s (exit status %d): ", gp,
                 WEXITSTATUS(wst));
    else
        snprintf(head, sizeof head, "plot: gnuplot failed on %s (signal %d): ", gp,
                 WIFSIGNALED(wst) ? WTERMSIG(wst) : 0);
    plot_fail(err, errlen, PLOT_ERENDER, "%s", head);
    hl = strlen(head);
    if (err && errlen > hl + 1) stderr_summary(err + hl, errlen - hl, text);
    return PLOT_ERENDER;
}

/* Wait for the gnuplot spawn_gnuplot started; its stderr into the message
 * when it failed. */
static int wait_gnuplot(const char *gp, pid_t pid, int fd, char *err, size_t errlen)
{
    char text[STDERR_KEEP + 1] = "";
    size_t tlen = 0;
    int wst;
    for (;;) {
        char chunk[1024];
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        stderr_append(text, &tlen, chunk, (size_t)n);
    }
    close(fd);
    while (waitpid(pid, &wst, 0) < 0)
        if (errno != EINTR)
            return plot_fail(err, errlen, PLOT_EIO, "plot: waitpid(gnuplot): %s", strerror(errno));
    return gnuplot_status(gp, wst, text, err, errlen);
}

static int nonempty_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
}

static void sync_file(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* ---- entry point ---------------------------------------------------------- */

typedef struct paths {
    char dir[PATH_LEN];
    char gp[PATH_LEN], gp_tmp[PATH_LEN];
    char png[PATH_LEN], png_tmp[PATH_LEN];
    char svg[PATH_LEN], svg_tmp[PATH_LEN];
} paths;

static int make_paths(paths *P, const char *dir, const char *stem, char *err,
                      size_t errlen)
{
    const char *sep = dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/";
    char *dst[6] = {P->gp, P->gp_tmp, P->png, P->png_tmp, P->svg, P->svg_tmp};
    const char *ext[3] = {".gp", ".png", ".svg"};
    /* temporaries named per process (fileutil.h): two amors rendering into
     * one directory at once never write one file */
    const char *tmp = am_tmp_suffix();
    snprintf(P->dir, PATH_LEN, "%s", dir);
    for (int k = 0; k < 6; k++) {
        int n = snprintf(dst[k], PATH_LEN, "%s%s%s%s%s", dir, sep, stem, ext[k / 2],
                         k % 2 ? tmp : "");
        if (n < 0 || n >= PATH_LEN)
            return plot_fail(err, errlen, PLOT_EINVAL, "plot: path %s%s%s%s%s is too long", dir,
                             sep, stem, ext[k / 2], k % 2 ? tmp : "");
    }
    return PLOT_OK;
}

int plot_check_target(const char *dir, const char *stem, char *err, size_t errlen)
{
    if (!dir || !stem)
        return plot_fail(err, errlen, PLOT_EINVAL, "plot: dir and stem must not be NULL");
    if (!stem[0] || strchr(stem, '/') || plot_has_ctrl(stem))
        return plot_fail(err, errlen, PLOT_EINVAL,
                         "plot: stem '%s' must be a non-empty file name without '/'", stem);
    return PLOT_OK;
}

int plot_check_size(int width, int height, char *err, size_t errlen)
{
    if (width < 0 || height < 0 || width > 32767 || height > 32767)
        return plot_fail(err, errlen, PLOT_EINVAL,
                         "plot: figure size %dx%d px is out of range (0 = default, max 32767)",
                         width, height);
    return PLOT_OK;
}

/* After gnuplot ran on P->gp with result rc: check both images exist and
 * rename them into place, or remove them (never half-written images). */
static int finish_images(const paths *P, int rc, char *err, size_t errlen)
{
    if (rc == PLOT_OK && !(nonempty_file(P->png_tmp) && nonempty_file(P->svg_tmp)))
        rc = plot_fail(err, errlen, PLOT_ERENDER,
                       "plot: gnuplot ran on %s but did not write %s and %s", P->gp,
                       P->png_tmp, P->svg_tmp);
    if (rc == PLOT_OK) {
        sync_file(P->png_tmp);
        sync_file(P->svg_tmp);
        if (rename(P->png_tmp, P->png) != 0 || rename(P->svg_tmp, P->svg) != 0)
            rc = plot_fail(err, errlen, PLOT_EIO, "plot: cannot rename the images into %s: %s",
                           P->dir, strerror(errno));
    }
    if (rc != PLOT_OK) { /* never leave half-written images behind */
        unlink(P->png_tmp);
        unlink(P->svg_tmp);
    }
    return rc;
}

/* ---- rendering several figures at once ------------------------------------ */

/* Between plot_batch_begin and plot_batch_end, plot_emit writes a figure's
 * script, hands it to a gnuplot and returns; at most `jobs` figures render
 * at once, and figures are finished (checked, renamed into place, logged) in
 * the order they were emitted, so the log and the files do not depend on
 * which gnuplot ends first.  A figure's gnuplot writes only its own .tmp
 * files, so renders of different figures cannot collide.
 *
 * The gnuplots of a batch are servers: one process renders figure after
 * figure (`reset session`, then `call` of the figure's script, then a
 * marker line on stderr), which halves a figure's cost -- starting gnuplot
 * (82 shared objects, fontconfig) is half of it.  A server reads its
 * commands as a script file from a pipe on fd 3, its stdin is /dev/null
 * (a `pause` in a raw body returns at once, as with one process per
 * figure), and like any gnuplot running a script file it exits on the
 * first error: that figure fails with gnuplot's message and exit status as
 * it would alone, and the next figure starts a new server. */
enum { BATCH_MAX = 64 };

typedef struct server {
    pid_t pid;      /* 0: none running */
    int cmd;        /* its fd 3: the commands */
    int out;        /* its stderr */
    unsigned long figure; /* marker of the figure it renders */
} server;

typedef struct pending {
    paths *P;
    int server;  /* index into batch.srv */
    char *label; /* dir/stem, for the log */
} pending;

static struct {
    int active, jobs;
    FILE *log;
    size_t head, n; /* a ring of n pending figures from q[head] */
    pending q[BATCH_MAX];
    server srv[BATCH_MAX];
    int busy[BATCH_MAX];
    unsigned long figures; /* markers handed out */
} batch;

/* fd moved to a number >= 10 with FD_CLOEXEC (so that dup2 onto 2 or 3 in
 * the child always copies, clearing the flag there). */
static int high_fd(int fd)
{
    int h = fcntl(fd, F_DUPFD_CLOEXEC, 10);
    close(fd);
    return h;
}

static int server_start(server *S, char *err, size_t errlen)
{
    char *argv[] = {"gnuplot", "/dev/fd/3", NULL};
    posix_spawn_file_actions_t fa;
    int pc[2], pe[2], rc;
    pid_t pid;
    if (pipe(pc) != 0)
        return plot_fail(err, errlen, PLOT_EIO, "plot: pipe: %s", strerror(errno));
    if (pipe(pe) != 0) {
        close(pc[0]);
        close(pc[1]);
        return plot_fail(err, errlen, PLOT_EIO, "plot: pipe: %s", strerror(errno));
    }
    pc[0] = high_fd(pc[0]);
    pc[1] = high_fd(pc[1]);
    pe[0] = high_fd(pe[0]);
    pe[1] = high_fd(pe[1]);
    if (pc[0] < 0 || pc[1] < 0 || pe[0] < 0 || pe[1] < 0) {
        for (int k = 0; k < 2; k++) {
            if (pc[k] >= 0) close(pc[k]);
            if (pe[k] >= 0) close(pe[k]);
        }
        return plot_fail(err, errlen, PLOT_EIO, "plot: fcntl: %s", strerror(errno));
    }
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
    posix_spawn_file_actions_adddup2(&fa, pc[0], 3);
    rc = posix_spawnp(&pid, "gnuplot", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(pe[1]);
    close(pc[0]);
    if (rc != 0) {
        close(pe[0]);
        close(pc[1]);
        if (rc == ENOENT)
            return plot_fail(err, errlen, PLOT_ENOGNUPLOT,
                             "plot: gnuplot not found on PATH, so the scripts were written "
                             "but not rendered; install the Debian package gnuplot-nox");
        return plot_fail(err, errlen, PLOT_EIO, "plot: cannot run gnuplot: %s", strerror(rc));
    }
    S->pid = pid;
    S->cmd = pc[1];
    S->out = pe[0];
    return PLOT_OK;
}

/* Close a server's command pipe (it exits at the end of its script) and
 * reap it; its exit status. */
static int server_stop(server *S)
{
    int wst = 0;
    if (!S->pid) return 0;
    if (S->cmd >= 0) close(S->cmd);
    if (S->out >= 0) close(S->out);
    while (waitpid(S->pid, &wst, 0) < 0 && errno == EINTR) {}
    S->pid = 0;
    S->cmd = S->out = -1;
    return wst;
}

/* write() without dying of SIGPIPE when the reader is gone: 0 or -1. */
static int write_nosigpipe(int fd, const char *buf, size_t len)
{
    sigset_t pipe_set, old;
    ssize_t n;
    int e;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
    do n = write(fd, buf, len);
    while (n < 0 && errno == EINTR);
    e = errno;
    if (n < 0 && e == EPIPE) { /* take the signal this write raised */
        struct timespec zero = {0, 0};
        sigtimedwait(&pipe_set, NULL, &zero);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    errno = e;
    return n == (ssize_t)len ? 0 : -1;
}

/* Hand figure P->gp to server S (started if need be). */
static int server_render(server *S, const paths *P, char *err, size_t errlen)
{
    char cmd[2 * PATH_LEN + 128];
    size_t k = 0;
    int n;
    const char *gp = P->gp;
    if (!S->pid) {
        int rc = server_start(S, err, errlen);
        if (rc != PLOT_OK) return rc;
    }
    S->figure = ++batch.figures;
    /* the path inside '...': a quote is doubled */
    k = (size_t)snprintf(cmd, sizeof cmd, "reset session\namor_suffix = '%s'\ncall '",
                         am_tmp_suffix());
    for (; *gp && k + 8 < sizeof cmd; gp++) {
        if (*gp == '\'') cmd[k++] = '\'';
        cmd[k++] = *gp;
    }
    n = snprintf(cmd + k, sizeof cmd - k, "'\nset print\nprint 'AMOR_FIGURE_DONE %lu'\n",
                 S->figure);
    if (n < 0 || (size_t)n >= sizeof cmd - k || write_nosigpipe(S->cmd, cmd, k + (size_t)n)) {
        server_stop(S); /* it died after its last figure: a new one renders this */
        int rc = server_start(S, err, errlen);
        if (rc != PLOT_OK) return rc;
        if (write_nosigpipe(S->cmd, cmd, k + (size_t)n))
            return plot_fail(err, errlen, PLOT_EIO, "plot: cannot write to gnuplot: %s",
                             strerror(errno));
    }
    return PLOT_OK;
}

/* Read server S's stderr up to the marker of its figure.  PLOT_OK when the
 * marker came; otherwise gnuplot ended (an error in the figure, or the
 * script ran `exit`): judged by its exit status, like one gnuplot per
 * figure, and the server is gone. */
static int server_wait(server *S, const char *gp, char *err, size_t errlen)
{
    char text[STDERR_KEEP + 1] = "", marker[64];
    size_t tlen = 0, mlen;
    mlen = (size_t)snprintf(marker, sizeof marker, "AMOR_FIGURE_DONE %lu\n", S->figure);
    for (;;) {
        char chunk[1024];
        ssize_t n = read(S->out, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        stderr_append(text, &tlen, chunk, (size_t)n);
        /* the marker is the last thing a figure prints */
        if (tlen >= mlen && !memcmp(text + tlen - mlen, marker, mlen) &&
            (tlen == mlen || text[tlen - mlen - 1] == '\n'))
            return PLOT_OK;
    }
    /* ended: an error, or `exit` in the script (status 0) */
    return gnuplot_status(gp, server_stop(S), text, err, errlen);
}

void plot_batch_begin(int jobs, FILE *log)
{
    batch.active = 1;
    batch.jobs = jobs < 1 ? 1 : jobs > BATCH_MAX ? BATCH_MAX : jobs;
    batch.log = log;
    batch.head = batch.n = 0;
    for (int k = 0; k < BATCH_MAX; k++) {
        batch.srv[k] = (server){0, -1, -1, 0};
        batch.busy[k] = 0;
    }
}

/* Wait for the oldest pending figure and finish it. */
static int batch_pop(char *err, size_t errlen)
{
    pending *q = &batch.q[batch.head];
    int rc = server_wait(&batch.srv[q->server], q->P->gp, err, errlen);
    batch.busy[q->server] = 0;
    rc = finish_images(q->P, rc, err, errlen);
    if (rc == PLOT_OK && batch.log) fprintf(batch.log, "wrote %s.{gp,png,svg}\n", q->label);
    free(q->P);
    free(q->label);
    batch.head = (batch.head + 1) % BATCH_MAX;
    batch.n--;
    return rc;
}

/* One gnuplot for figure P alone: started, waited for, images finished. */
static int render_alone(const paths *P, char *err, size_t errlen)
{
    pid_t pid;
    int fd, rc = spawn_gnuplot(P->gp, &pid, &fd, err, errlen);
    if (rc == PLOT_OK) rc = wait_gnuplot(P->gp, pid, fd, err, errlen);
    return finish_images(P, rc, err, errlen);
}

static int batch_add(paths *P, const char *dir, const char *stem, char *err, size_t errlen)
{
    pending *q;
    size_t len = strlen(dir) + strlen(stem) + 2;
    int rc = PLOT_OK;
    /* a path with a line break cannot go into a server's command line: that
     * figure gets a gnuplot of its own, after the ones before it */
    int alone = plot_has_ctrl(P->gp);
    while ((alone ? batch.n > 0 : batch.n >= (size_t)batch.jobs) && rc == PLOT_OK)
        rc = batch_pop(err, errlen);
    if (rc == PLOT_OK && alone) {
        rc = render_alone(P, err, errlen);
        if (rc == PLOT_OK && batch.log) fprintf(batch.log, "wrote %s/%s.{gp,png,svg}\n", dir, stem);
    }
    if (rc != PLOT_OK || alone) {
        free(P);
        return rc;
    }
    q = &batch.q[(batch.head + batch.n) % BATCH_MAX];
    if (!(q->label = malloc(len))) {
        free(P);
        return plot_fail(err, errlen, PLOT_EIO, "plot: out of memory");
    }
    snprintf(q->label, len, "%s/%s", dir, stem);
    for (q->server = 0; batch.busy[q->server]; q->server++) {}
    if ((rc = server_render(&batch.srv[q->server], P, err, errlen)) != PLOT_OK) {
        free(q->label);
        free(P);
        return rc;
    }
    batch.busy[q->server] = 1;
    q->P = P;
    batch.n++;
    return PLOT_OK;
}

int plot_batch_end(char *err, size_t errlen)
{
    int rc = PLOT_OK;
    while (batch.n) {
        char e[1024];
        int r = batch_pop(rc == PLOT_OK ? err : e, rc == PLOT_OK ? errlen : sizeof e);
        if (rc == PLOT_OK) rc = r;
    }
    for (int k = 0; k < BATCH_MAX; k++) server_stop(&batch.srv[k]);
    batch.active = 0;
    return rc;
}

int plot_emit(const char *dir, const char *stem, plot_script_fn write, void *ctx,
              char *err, size_t errlen)
{
    paths *P;
    FILE *f;
    int rc, bad;

    if (err && errlen) err[0] = '\0';
    if ((rc = plot_check_target(dir, stem, err, errlen))) return rc;
    if (!dir[0]) dir = ".";
    if (!(P = malloc(sizeof *P))) return plot_fail(err, errlen, PLOT_EIO, "plot: out of memory");
    if ((rc = make_paths(P, dir, stem, err, errlen))) goto out;

    if (!(f = fopen(P->gp_tmp, "w"))) {
        rc = plot_fail(err, errlen, PLOT_EIO, "plot: cannot write %s: %s", P->gp_tmp,
                       strerror(errno));
        goto out;
    }
    write(f, stem, ctx);
    bad = ferror(f) || fflush(f) != 0 || fsync(fileno(f)) != 0;
    if (bad) {
        int e = errno;
        fclose(f);
        unlink(P->gp_tmp);
        rc = plot_fail(err, errlen, PLOT_EIO, "plot: cannot write %s: %s", P->gp_tmp,
                       strerror(e));
        goto out;
    }
    if (fclose(f) != 0 || rename(P->gp_tmp, P->gp) != 0) {
        rc = plot_fail(err, errlen, PLOT_EIO, "plot: cannot write %s: %s", P->gp,
                       strerror(errno));
        unlink(P->gp_tmp);
        goto out;
    }

    if (batch.active) return batch_add(P, dir, stem, err, errlen);
    rc = render_alone(P, err, errlen);
out:
    free(P);
    return rc;
}

/* ---- script pieces -------------------------------------------------------- */

void plot_put_outputs(FILE *f, const char *stem)
{
    fputs("# Where the images go: the directory of this script, taken from ARG0\n"
          "# (gnuplot 5.4 sets it to the script path for `gnuplot file.gp`, `load`\n"
          "# and `call`; when the script comes on stdin it is empty and the images go\n"
          "# to the working directory).  amor renders with -e \"amor_suffix='.tmp.HOST.PID'\"\n"
          "# and renames the files into place once gnuplot has succeeded.\n"
          "if (!exists(\"amor_suffix\")) { amor_suffix = '' }\n"
          "amor_dir = ''\n"
          "amor_i = strlen(ARG0)\n"
          "while (amor_i > 0 && ARG0[amor_i:amor_i] ne '/') { amor_i = amor_i - 1 }\n"
          "if (amor_i > 0) { amor_dir = ARG0[1:amor_i] }\n"
          "amor_out(ext) = amor_dir . '", f);
    plot_put_escaped(f, stem);
    fputs(".' . ext . amor_suffix\n\n", f);
}

void plot_put_linetypes(FILE *f)
{
    fputs("# Style: Okabe-Ito palette, series k uses linetype k.\n"
          "set encoding utf8\n", f);
    for (int k = 0; k < PLOT_NCOLORS; k++)
        fprintf(f, "set linetype %d lc rgb '%s' lw 2 pt %d ps 0.9 dt solid\n", k + 1,
                plot_palette[k], point_type[k]);
    fprintf(f, "set linetype cycle %d\n", PLOT_NCOLORS);
}

void plot_put_loop_begin(FILE *f, int width, int height)
{
    fprintf(f, "do for [amor_fmt in 'png svg'] {\n"
               "    if (amor_fmt eq 'png') {\n"
               "        set terminal pngcairo size %d,%d noenhanced font 'Sans,11' rounded\n"
               "    } else {\n"
               "        set terminal svg size %d,%d dynamic noenhanced font 'Sans,11' rounded "
               "background '#ffffff'\n"
               "    }\n"
               "    set output amor_out(amor_fmt)\n",
            width, height, width, height);
}

void plot_put_loop_end(FILE *f)
{
    fputs("    unset output\n}\n", f);
}
