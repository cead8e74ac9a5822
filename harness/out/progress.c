/*
 * progress.c -- live progress lines on a terminal, plain periodic lines
 * otherwise (see progress.h).  The live block is redrawn by moving the
 * cursor up over it and clearing to the end of the screen (ANSI), each line
 * cut to the terminal's width so none wraps.
 */
#include "progress.h"
#include "clock.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define PLAIN_EVERY 10.0 /* seconds between plain status lines */
#define TTY_EVERY 0.1    /* seconds between redraws */

typedef struct cellstate {
    int running;
    const char *id;      /* owned by the cell_spec, alive for the batch */
    double start;
    codec_progress w;
    int has_w;
} cellstate;

struct progress {
    FILE *out;
    int mode;
    cellstate *cs;
    size_t n, resumed, done, failed, running;
    double start, last_draw, last_plain;
    int drawn;           /* lines of the live block on screen */
};

progress *progress_new(FILE *out, int mode)
{
    progress *P = calloc(1, sizeof *P);
    if (!P) return NULL;
    P->out = out;
    P->mode = mode;
    if (mode == PROGRESS_TTY && !(isatty(fileno(out)) && getenv("TERM") &&
                                  strcmp(getenv("TERM"), "dumb")))
        P->mode = PROGRESS_PLAIN;
    return P;
}

void progress_free(progress *P)
{
    if (!P) return;
    free(P->cs);
    free(P);
}

void progress_begin(progress *P, size_t n, size_t resumed, const char *dir)
{
    free(P->cs);
    P->cs = calloc(n ? n : 1, sizeof *P->cs);
    P->n = n;
    P->resumed = resumed;
    P->done = resumed;
    P->failed = P->running = 0;
    P->start = P->last_plain = clock_now();
    P->last_draw = 0;
    P->drawn = 0;
    if (P->mode != PROGRESS_QUIET && resumed) {
        fprintf(P->out, "  resumed %zu of %zu cell%s (same key, status ok) from %s/.cells\n",
                resumed, n, n == 1 ? "" : "s", dir);
        fflush(P->out);
    }
}

static void duration(double s, char *buf, size_t len)
{
    long t = (long)(s + 0.5);
    if (!(s >= 0) || s > 1e8) snprintf(buf, len, "?");
    else if (t < 60) snprintf(buf, len, "%lds", t);
    else if (t < 3600) snprintf(buf, len, "%ld:%02ld", t / 60, t % 60);
    else snprintf(buf, len, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
}

/* How far cell i is, 0..1. */
static double fraction(const cellstate *c)
{
    if (!c->has_w) return 0;
    if (c->w.phase == CELL_PHASE_TRAIN && c->w.steps > 0) return (double)c->w.step / (double)c->w.steps;
    return c->w.phase > CELL_PHASE_TRAIN ? 1 : 0;
}

/* "step 340/1000  loss 1.234e-02  ETA 5s" and the like */
static void cellstate_text(const cellstate *c, double t, char *buf, size_t len)
{
    char eta[32], el[32];
    duration(t - c->start, el, sizeof el);
    if (!c->has_w || c->w.phase == CELL_PHASE_SETUP) {
        snprintf(buf, len, "setting up  %s", el);
    } else if (c->w.phase == CELL_PHASE_TRAIN) {
        double f = fraction(c);
        char loss[32] = "";
        if (!isnan(c->w.loss)) snprintf(loss, sizeof loss, "  loss %.4g", c->w.loss);
        if (f > 0) duration((t - c->start) * (1 - f) / f, eta, sizeof eta);
        else snprintf(eta, sizeof eta, "?");
        snprintf(buf, len, "step %ld/%ld%s  %s  ETA %s", c->w.step, c->w.steps, loss, el, eta);
    } else {
        snprintf(buf, len, "%s  %s",
                 c->w.phase == CELL_PHASE_EVAL ? "evaluating" : "solver baseline", el);
    }
}

/* Overall: elapsed and an ETA from the work done so far. */
static void overall(const progress *P, double t, char *el, char *eta, size_t len)
{
    size_t i, todo = P->n - P->resumed;
    double f = (double)(P->done - P->resumed);
    for (i = 0; i < P->n; i++)
        if (P->cs[i].running) f += fraction(&P->cs[i]);
    duration(t - P->start, el, len);
    if (todo && f > 0) duration((t - P->start) * ((double)todo - f) / f, eta, len);
    else snprintf(eta, len, "?");
}

static int width(const progress *P)
{
    struct winsize ws;
    if (ioctl(fileno(P->out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20) return ws.ws_col;
    return 80;
}

static void line(const progress *P, const char *s, int w)
{
    fprintf(P->out, "%.*s\n", w - 1, s);
}

static void clear_block(progress *P)
{
    if (P->drawn) fprintf(P->out, "\033[%dF\033[J", P->drawn);
    P->drawn = 0;
}

static void draw(progress *P, double t)
{
    char buf[1024], st[256], el[32], eta[32], bar[41];
    int w = width(P), nb = 30, k, fill;
    size_t i;
    clear_block(P);
    for (i = 0; i < P->n; i++) {
        const cellstate *c = &P->cs[i];
        if (!c->running) continue;
        cellstate_text(c, t, st, sizeof st);
        snprintf(buf, sizeof buf, "  [%zu/%zu] %s  %s", i + 1, P->n, c->id, st);
        line(P, buf, w);
        P->drawn++;
    }
    overall(P, t, el, eta, sizeof el);
    fill = P->n ? (int)((double)nb * (double)P->done / (double)P->n) : nb;
    for (k = 0; k < nb; k++) bar[k] = k < fill ? '#' : '.';
    bar[nb] = 0;
    if (P->failed) snprintf(st, sizeof st, " (%zu failed)", P->failed);
    else st[0] = 0;
    snprintf(buf, sizeof buf, "  [%s] %zu/%zu done%s  %zu running  %s elapsed  ETA %s", bar,
             P->done, P->n, st, P->running, el, eta);
    line(P, buf, w);
    P->drawn++;
    fflush(P->out);
    P->last_draw = t;
}

void progress_started(progress *P, size_t i, const char *id)
{
    if (i >= P->n) return;
    P->cs[i].running = 1;
    P->cs[i].id = id;
    P->cs[i].start = clock_now();
    P->running++;
    if (P->mode == PROGRESS_TTY) draw(P, clock_now());
}

void progress_update(progress *P, size_t i, const codec_progress *w)
{
    if (i >= P->n) return;
    P->cs[i].w = *w;
    P->cs[i].has_w = 1;
}

void progress_finished(progress *P, size_t i, const char *id, const cell_result *r,
                       double seconds)
{
    int ok = r->status == CELL_OK;
    if (i < P->n && P->cs[i].running) {
        P->cs[i].running = 0;
        P->running--;
    }
    P->done++;
    P->failed += !ok;
    if (P->mode == PROGRESS_QUIET) return;
    if (P->mode == PROGRESS_TTY) clear_block(P);
    fprintf(P->out, "[%zu/%zu] %s %s%s%s (%.2fs)\n", i + 1, P->n, id, cell_status_names[r->status], ok ? "" : ": ",
            ok ? "" : r->error, seconds);
    if (P->mode == PROGRESS_TTY && P->done < P->n) draw(P, clock_now());
    fflush(P->out);
}

void progress_tick(progress *P)
{
    double t = clock_now();
    if (P->mode == PROGRESS_TTY) {
        if (t - P->last_draw >= TTY_EVERY) draw(P, t);
    } else if (P->mode == PROGRESS_PLAIN && P->running && t - P->last_plain >= PLAIN_EVERY) {
        char buf[2048], st[256], el[32], eta[32];
        size_t i, off, shown = 0;
        overall(P, t, el, eta, sizeof el);
        off = (size_t)snprintf(buf, sizeof buf, "  ... %zu/%zu done, %zu running, %s elapsed, ETA %s",
                               P->done, P->n, P->running, el, eta);
        for (i = 0; i < P->n && off < sizeof buf && shown < 8; i++) {
            if (!P->cs[i].running) continue;
            cellstate_text(&P->cs[i], t, st, sizeof st);
            off += (size_t)snprintf(buf + off, sizeof buf - off, "%s [%zu/%zu] %s",
                                    shown ? ";" : ":", i + 1, P->n, st);
            shown++;
        }
        fprintf(P->out, "%s\n", buf);
        fflush(P->out);
        P->last_plain = t;
    }
}

void progress_end(progress *P)
{
    if (P->mode == PROGRESS_TTY) clear_block(P);
    fflush(P->out);
}
