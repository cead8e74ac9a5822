/*
 * cell.c -- what every layer does with a cell (cell.h): its hash, freeing a
 * spec and a result, telling an incompatible combination, recording a
 * failure.
 */
#include "cell.h"

#include "amhash.h"
#include "checkpoint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint64_t cell_hash(const char *s)
{
    uint64_t h = am_fnv1a(AM_FNV_START, s, strlen(s));
    return amor_splitmix64(&h);
}

void cell_spec_free(cell_spec *c)
{
    size_t i;
    free(c->predict);
    free(c->experiment);
    free(c->id);
    free(c->model_text);
    free(c->checkpoint);
    free(c->init_path);
    free(c->train.init_from);
    if (c->init) checkpoint_free(c->init);
    free(c->init);
    params_free(&c->problem.ps);
    params_free(&c->model.ps);
    params_free(&c->loss.ps);
    for (i = 0; i < c->ncols; i++) {
        free(c->cols[i].name);
        free(c->cols[i].value);
    }
    free(c->cols);
    memset(c, 0, sizeof *c);
}

void cell_result_free(cell_result *r)
{
    free(r->curves);
    free(r->solver_rows);
    free(r->track_x);
    free(r->track_ystar);
    free(r->track_steps);
    free(r->track_yhat);
    free(r->predictions);
    memset(r, 0, sizeof *r);
}

int cell_incompatible(const cell_spec *c, char *why, size_t whylen)
{
    const amor_problem_desc *p = (const amor_problem_desc *)c->problem.head;
    const amor_loss_desc *l = (const amor_loss_desc *)c->loss.head;
    if ((l->needs & AMOR_NEEDS_YSTAR) && !p->solve)
        return amor_errorf(why, whylen, 1,
                           "loss '%s' needs reference solutions y* but problem "
                           "'%s' has no solver", l->head.name, p->head.name);
    const amor_model_desc *m = (const amor_model_desc *)c->model.head;
    if ((m->needs & AMOR_NEEDS_GRAD) && !p->value_grad)
        return amor_errorf(why, whylen, 1,
                           "model '%s' takes gradient steps but problem '%s' provides "
                           "only values", m->head.name, p->head.name);
    if ((l->needs & AMOR_NEEDS_GRAD) && !p->value_grad)
        return amor_errorf(why, whylen, 1,
                           "loss '%s' needs gradients but problem '%s' provides "
                           "only values", l->head.name, p->head.name);
    /* eval.tolerances: iterations of the problem's own method (solver.h) */
    if (c->eval.ntolerances > 0 &&
        !(p->state_dim && p->solver_init && p->solver_step && p->residual))
        return amor_errorf(why, whylen, 1,
                           "eval.tolerances needs the problem's own solver step (state_dim, "
                           "solver_init, solver_step, residual), but problem '%s' has none",
                           p->head.name);
    return 0;
}

const char *const cell_status_names[CELL_NSTATUS] = {"ok",      "diverged", "error",
                                                     "crashed", "timeout",  "oom"};

int cell_status_parse(const char *name)
{
    int k;
    for (k = 0; k < CELL_NSTATUS; k++)
        if (!strcmp(name, cell_status_names[k])) return k;
    return -1;
}

void cell_fail(cell_result *r, cell_status status, int code, const char *what, const char *msg)
{
    r->status = status;
    r->code = code;
    snprintf(r->error, sizeof r->error, "%s%s%s", what, msg && *msg ? ": " : "",
             msg ? msg : "");
}
