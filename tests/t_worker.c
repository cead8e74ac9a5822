/*
 * t_worker.c -- the binary encoding of a cell_result that workers send over
 * their pipe and the resume cache stores: every field round-trips bit for
 * bit, and truncated or corrupt input is refused without crashing.
 */
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "codec.h"
#include "signame.h"
#include "worker.h"

static int same_bits(double a, double b) { return !memcmp(&a, &b, sizeof a); }

static int same_doubles(const double *a, const double *b, size_t n)
{
    size_t i;
    if (!a || !b) return a == b && n == 0;
    for (i = 0; i < n; i++)
        if (!same_bits(a[i], b[i])) return 0;
    return 1;
}

static double *fill(size_t n, double base)
{
    double *a = malloc(n * sizeof *a);
    size_t i;
    for (i = 0; i < n; i++) a[i] = base + 0.1 * (double)i;
    return a;
}

static void make_result(cell_result *r)
{
    size_t i;
    memset(r, 0, sizeof *r);
    r->status = CELL_DIVERGED;
    r->code = AMOR_ENUMERIC;
    strcpy(r->error, "non-finite loss, \"quoted\"\nand a second line");
    strcpy(r->note, "hvp by finite differences");
    r->train_steps = 1234;
    r->train_seconds = 1.5e-3;
    r->eval_contexts = 256;
    r->num_params = 4097;
    r->has_eval = 1;
    r->objective_mean = -0.0;
    r->objective_std = NAN;
    r->infer_seconds = 3.25e-7;
    r->has_optimal = 1;
    r->optimal_objective_mean = -INFINITY;
    r->gap_mean = 1e-300;
    r->distance_mean = 0.1;
    r->has_initial = 1;
    r->initial_objective_mean = 42;
    r->initial_gap_mean = INFINITY;
    r->final_train_loss = 0.3;
    r->oracle_calls_per_instance = 7;
    r->peak_rss_bytes = 12345678.0;
    r->solver_ran[SOLVER_ADAM] = 1;
    r->solver_reached[SOLVER_ADAM] = 1;
    r->solver_iters[SOLVER_ADAM] = 99;
    r->solver_seconds[SOLVER_ADAM] = 0.25;
    r->solver_budget_seconds[SOLVER_ADAM] = 0.75;
    r->solver_final[SOLVER_ADAM] = -1;
    r->solver_ran[SOLVER_GD] = 1;
    r->solver_iters[SOLVER_GD] = -5;
    r->solver_final[SOLVER_GD] = 2;
    r->ncurves = r->capcurves = 4;
    r->curves = malloc(4 * sizeof *r->curves);
    r->curves[0] = (curve_row){0, "eval", "objective", 1.0};
    r->curves[1] = (curve_row){10, "train", "loss", 0.5};
    r->curves[2] = (curve_row){10, "eval", "gap", 1e-9};
    r->curves[3] = (curve_row){20, "eval", "custom_metric", -2.0};
    r->nsolver = r->capsolver = SOLVER_NKINDS + 1;
    r->solver_rows = malloc((SOLVER_NKINDS + 1) * sizeof *r->solver_rows);
    for (i = 0; i <= SOLVER_NKINDS; i++) /* every kind, the residual rows' objective unused */
        r->solver_rows[i] = (solver_row){(int)(i % SOLVER_NKINDS), (long)i * 10, 0.01 * (double)i,
                                         1.0 / (double)(i + 1), 0.5, i < SOLVER_COUNT ? 0 : 1e-3 * (double)i,
                                         i == SOLVER_STEP ? NAN : -0.0};
    r->has_validation = 1;
    r->validation_mean = 0.75;
    r->validation_std = NAN;
    r->initial_validation_mean = -INFINITY;
    r->ntol = 3;
    r->tol_budget = 500;
    r->tol_ran[TOL_STEP] = 1;
    r->tol_ran[TOL_ANDERSON] = 1;
    for (int m = 0; m < TOL_NMETHODS; m++)
        for (int st = 0; st < TOL_NSTARTS; st++) r->tol_iter_seconds[m][st] = 1e-7 * (m + 2 * st + 1);
    for (i = 0; i < 3; i++) {
        r->tol[i] = pow(10, -4.0 - 2.0 * (double)i);
        for (int m = 0; m < TOL_NMETHODS; m++) {
            for (int st = 0; st < TOL_NSTARTS; st++)
                r->tol_st[i][m][st] = (tol_stats){10.5 * (double)(i + m + st), 7, (long)(i * 3 + st),
                                                  3e-6 * (double)(i + 1)};
            r->tol_ratio[i][m] = i == 2 ? NAN : 2.5;
            r->tol_ratio_median[i][m] = 1.0 + (double)m;
        }
    }
    r->niter = 3;
    for (i = 0; i < 3; i++) {
        r->iter_t[i] = (long)(i * i * 5);
        r->iter_objective_mean[i] = 1.0 / (double)(i + 1);
        r->iter_objective_std[i] = i == 1 ? NAN : 0.25;
        r->iter_validation_mean[i] = -0.0;
        r->iter_validation_std[i] = INFINITY;
        r->iter_gap_mean[i] = 1e-310 * (double)i;
        r->iter_distance_mean[i] = 3.0 + (double)i;
    }
    r->ntrack = 3;
    r->nx = 2;
    r->ny = 4;
    r->track_x = fill(3 * 2, 1.0);
    r->track_ystar = fill(3 * 4, 2.0);
    r->ntrack_steps = r->cap_track_steps = 5;
    r->track_steps = malloc(5 * sizeof *r->track_steps);
    for (i = 0; i < 5; i++) r->track_steps[i] = (long)i * 100;
    r->track_yhat = fill(5 * 3 * 4, 3.0);
    r->npredict = 6;
    r->predictions = fill(6 * 4, 4.0);
}

static int same_result(const cell_result *a, const cell_result *b)
{
    size_t i;
    int s, ok = 1;
#define CHECK(cond) do { if (!(cond)) { tap_diag("differs: %s", #cond); ok = 0; } } while (0)
    CHECK(a->status == b->status && a->code == b->code);
    CHECK(!strcmp(a->error, b->error));
    CHECK(!strcmp(a->note, b->note));
    CHECK(a->train_steps == b->train_steps);
    CHECK(same_bits(a->train_seconds, b->train_seconds));
    CHECK(a->eval_contexts == b->eval_contexts);
    CHECK(a->num_params == b->num_params);
    CHECK(a->has_eval == b->has_eval && a->has_optimal == b->has_optimal &&
          a->has_initial == b->has_initial);
    CHECK(same_bits(a->objective_mean, b->objective_mean));
    CHECK(same_bits(a->objective_std, b->objective_std));
    CHECK(same_bits(a->infer_seconds, b->infer_seconds));
    CHECK(same_bits(a->optimal_objective_mean, b->optimal_objective_mean));
    CHECK(same_bits(a->gap_mean, b->gap_mean));
    CHECK(same_bits(a->distance_mean, b->distance_mean));
    CHECK(same_bits(a->initial_objective_mean, b->initial_objective_mean));
    CHECK(same_bits(a->initial_gap_mean, b->initial_gap_mean));
    CHECK(same_bits(a->final_train_loss, b->final_train_loss));
    CHECK(same_bits(a->oracle_calls_per_instance, b->oracle_calls_per_instance));
    CHECK(same_bits(a->peak_rss_bytes, b->peak_rss_bytes));
    for (s = 0; s < SOLVER_COUNT; s++) {
        CHECK(a->solver_ran[s] == b->solver_ran[s]);
        CHECK(a->solver_reached[s] == b->solver_reached[s]);
        CHECK(a->solver_iters[s] == b->solver_iters[s]);
        CHECK(same_bits(a->solver_seconds[s], b->solver_seconds[s]));
        CHECK(same_bits(a->solver_budget_seconds[s], b->solver_budget_seconds[s]));
        CHECK(same_bits(a->solver_final[s], b->solver_final[s]));
    }
    CHECK(a->ncurves == b->ncurves);
    for (i = 0; ok && i < a->ncurves; i++) {
        CHECK(a->curves[i].step == b->curves[i].step);
        CHECK(!strcmp(a->curves[i].split, b->curves[i].split));
        CHECK(!strcmp(a->curves[i].metric, b->curves[i].metric));
        CHECK(same_bits(a->curves[i].value, b->curves[i].value));
    }
    CHECK(a->nsolver == b->nsolver);
    for (i = 0; ok && i < a->nsolver; i++) {
        const solver_row *p = &a->solver_rows[i], *q = &b->solver_rows[i];
        CHECK(p->solver == q->solver && p->iteration == q->iteration);
        CHECK(same_bits(p->seconds, q->seconds) && same_bits(p->objective_mean, q->objective_mean) &&
              same_bits(p->objective_std, q->objective_std));
        CHECK(same_bits(p->residual_mean, q->residual_mean) &&
              same_bits(p->residual_median, q->residual_median));
    }
    CHECK(a->has_validation == b->has_validation);
    CHECK(same_bits(a->validation_mean, b->validation_mean));
    CHECK(same_bits(a->validation_std, b->validation_std));
    CHECK(same_bits(a->initial_validation_mean, b->initial_validation_mean));
    CHECK(a->ntol == b->ntol && a->tol_budget == b->tol_budget);
    for (s = 0; s < TOL_NMETHODS; s++) {
        CHECK(a->tol_ran[s] == b->tol_ran[s]);
        for (int st = 0; st < TOL_NSTARTS; st++)
            CHECK(same_bits(a->tol_iter_seconds[s][st], b->tol_iter_seconds[s][st]));
    }
    for (i = 0; i < a->ntol; i++) {
        CHECK(same_bits(a->tol[i], b->tol[i]));
        for (s = 0; s < TOL_NMETHODS; s++) {
            for (int st = 0; st < TOL_NSTARTS; st++) {
                const tol_stats *p = &a->tol_st[i][s][st], *q = &b->tol_st[i][s][st];
                CHECK(same_bits(p->iters_mean, q->iters_mean) &&
                      same_bits(p->iters_median, q->iters_median) &&
                      p->unconverged == q->unconverged && same_bits(p->seconds_mean, q->seconds_mean));
            }
            CHECK(same_bits(a->tol_ratio[i][s], b->tol_ratio[i][s]));
            CHECK(same_bits(a->tol_ratio_median[i][s], b->tol_ratio_median[i][s]));
        }
    }
    CHECK(a->niter == b->niter);
    for (i = 0; ok && i < a->niter; i++) {
        CHECK(a->iter_t[i] == b->iter_t[i]);
        CHECK(same_bits(a->iter_objective_mean[i], b->iter_objective_mean[i]) &&
              same_bits(a->iter_objective_std[i], b->iter_objective_std[i]));
        CHECK(same_bits(a->iter_validation_mean[i], b->iter_validation_mean[i]) &&
              same_bits(a->iter_validation_std[i], b->iter_validation_std[i]));
        CHECK(same_bits(a->iter_gap_mean[i], b->iter_gap_mean[i]) &&
              same_bits(a->iter_distance_mean[i], b->iter_distance_mean[i]));
    }
    CHECK(a->ntrack == b->ntrack && a->nx == b->nx && a->ny == b->ny);
    CHECK(a->ntrack_steps == b->ntrack_steps);
    if (ok && a->ntrack) {
        CHECK(same_doubles(a->track_x, b->track_x, a->ntrack * a->nx));
        CHECK(same_doubles(a->track_ystar, b->track_ystar, a->track_ystar ? a->ntrack * a->ny : 0));
        CHECK(!memcmp(a->track_steps, b->track_steps, a->ntrack_steps * sizeof(long)));
        CHECK(same_doubles(a->track_yhat, b->track_yhat, a->ntrack_steps * a->ntrack * a->ny));
    }
    CHECK(a->npredict == b->npredict);
    CHECK(same_doubles(a->predictions, b->predictions, a->predictions ? a->npredict * a->ny : 0));
#undef CHECK
    return ok;
}

int main(void)
{
    cell_result a, b;
    sbuf enc = {0};
    char err[512], sig[32];
    size_t cut;
    int rc, all;

    make_result(&a);
    codec_encode_result(&a, &enc);
    tap_ok(!enc.oom && enc.len > 100, "a full result encodes (%zu bytes)", enc.len);
    rc = codec_decode_result(enc.p, enc.len, &b, err, sizeof err);
    if (!tap_ok(rc == 0, "and decodes")) tap_diag("%s", err);
    tap_ok(rc == 0 && same_result(&a, &b),
           "every field round-trips bit for bit (NaN, -0, inf, strings with quotes and newlines; "
           "solver rows of every kind with their residuals, validation, tolerances, iterates)");
    tap_ok(rc == 0 && b.curves[0].split == b.curves[2].split && !strcmp(b.curves[3].metric, "custom_metric"),
           "curve names come back as shared strings, unknown ones too");
    cell_result_free(&b);

    /* a result without tracks, predictions, curves or solver rows */
    {
        cell_result e, d;
        sbuf be = {0};
        memset(&e, 0, sizeof e);
        e.status = CELL_ERROR;
        strcpy(e.error, "problem create: bad");
        codec_encode_result(&e, &be);
        rc = codec_decode_result(be.p, be.len, &d, err, sizeof err);
        tap_ok(rc == 0 && same_result(&e, &d) && !d.curves && !d.track_x && !d.predictions,
               "an empty result round-trips with no arrays");
        cell_result_free(&d);
        free(be.p);
    }

    all = 1;
    for (cut = 0; cut < enc.len; cut++) {
        rc = codec_decode_result(enc.p, cut, &b, err, sizeof err);
        all &= rc != 0;
        cell_result_free(&b);
    }
    tap_ok(all, "every truncation of the encoding is refused");
    {
        char *longer = malloc(enc.len + 1);
        memcpy(longer, enc.p, enc.len);
        longer[enc.len] = 'x';
        rc = codec_decode_result(longer, enc.len + 1, &b, err, sizeof err);
        if (!tap_ok(rc != 0 && strstr(err, "trailing bytes"), "trailing bytes are refused")) tap_diag("%s", err);
        cell_result_free(&b);
        memcpy(longer, enc.p, enc.len);
        longer[0] = 'X';
        rc = codec_decode_result(longer, enc.len, &b, err, sizeof err);
        tap_ok(rc != 0 && strstr(err, "not an encoded cell result"), "a wrong magic is refused");
        cell_result_free(&b);
        memcpy(longer, enc.p, enc.len);
        longer[4] = 9;
        rc = codec_decode_result(longer, enc.len, &b, err, sizeof err);
        if (!tap_ok(rc != 0 && strstr(err, "version 9, this host reads version 6"),
                    "another format version is refused naming both"))
            tap_diag("%s", err);
        cell_result_free(&b);
        free(longer);
    }
    {
        /* a curve count of 2^60 must fail the size check, not malloc */
        sbuf bad = {0};
        cell_result e;
        size_t off;
        memset(&e, 0, sizeof e);
        e.status = CELL_OK;
        codec_encode_result(&e, &bad);
        off = 4 + 4 + 3 * 4 + 8 * 4 + 1 + 3 * 8 + 1 + 3 * 8 + 1 + 2 * 8 + 3 * 8 +
              SOLVER_COUNT * (2 + 4 * 8) + 2; /* "ok" */
        bad.p[off + 7] = 0x10;
        rc = codec_decode_result(bad.p, bad.len, &b, err, sizeof err);
        if (!tap_ok(rc != 0 && strstr(err, "at curves"), "an absurd count is refused before allocating"))
            tap_diag("%s", err);
        cell_result_free(&b);
        free(bad.p);
    }
    {
        /* a solver row of a kind this host does not know, more tolerances
         * than a cell can ask for: refused, naming where */
        sbuf bad = {0};
        cell_result e;
        memset(&e, 0, sizeof e);
        e.status = CELL_OK;
        e.nsolver = 1;
        e.solver_rows = &(solver_row){.solver = SOLVER_NKINDS};
        codec_encode_result(&e, &bad);
        rc = codec_decode_result(bad.p, bad.len, &b, err, sizeof err);
        if (!tap_ok(rc != 0 && strstr(err, "at solver rows (unknown solver)"),
                    "a solver row of an unknown kind is refused"))
            tap_diag("%s", err);
        cell_result_free(&b);
        bad.len = 0;
        e.nsolver = 0;
        e.solver_rows = NULL;
        codec_encode_result(&e, &bad);
        bad.p[bad.len - 12] = CELL_MAX_TOLERANCES + 1; /* ntol, before niter and "END." */
        rc = codec_decode_result(bad.p, bad.len, &b, err, sizeof err);
        if (!tap_ok(rc != 0 && strstr(err, "at tolerances (too many)"),
                    "more than %d tolerances are refused", CELL_MAX_TOLERANCES))
            tap_diag("%s", err);
        cell_result_free(&b);
        bad.p[bad.len - 12] = 0;
        bad.p[bad.len - 8] = CELL_MAX_ITERATES + 1; /* niter, before "END." */
        rc = codec_decode_result(bad.p, bad.len, &b, err, sizeof err);
        if (!tap_ok(rc != 0 && strstr(err, "at iterates (too many)"),
                    "more than %d iterates are refused", CELL_MAX_ITERATES))
            tap_diag("%s", err);
        cell_result_free(&b);
        free(bad.p);
    }
    {
        codec_progress p;
        unsigned char buf[25] = {CELL_PHASE_TRAIN, 7, 0, 0, 0, 0, 0, 0, 0, 100, 0, 0, 0, 0, 0, 0, 0};
        double loss = 0.5;
        uint64_t u;
        int i;
        memcpy(&u, &loss, 8);
        for (i = 0; i < 8; i++) buf[17 + i] = (unsigned char)(u >> (8 * i));
        tap_ok(codec_decode_progress(buf, 25, &p) == 0 && p.phase == CELL_PHASE_TRAIN &&
                   p.step == 7 && p.steps == 100 && p.loss == 0.5,
               "a progress frame decodes");
        tap_ok(codec_decode_progress(buf, 24, &p) != 0, "a short progress frame is refused");
    }
    tap_ok(!strcmp(signal_name(SIGSEGV, sig, sizeof sig), "SIGSEGV") &&
               !strcmp(signal_name(SIGKILL, sig, sizeof sig), "SIGKILL") &&
               !strcmp(signal_name(77, sig, sizeof sig), "SIG77"),
           "signal names");
    cell_result_free(&a);
    free(enc.p);
    return tap_done();
}
