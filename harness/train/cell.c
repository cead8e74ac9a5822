/*
 * cell.c -- what every layer does with a cell (cell.h): its hash, freeing a
 * spec and a result, telling an incompatible combination, recording a
 * failure.
 */
#include "cell.h"

#include "amhash.h"
#include "checkpoint.h"
#include "oracle.h"

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
    free(c->predict);
    free(c->experiment);
    free(c->id);
    free(c->model_text);
    free(c->checkpoint);
    free(c->init_path);
    free(c->train.init_from);
    free(c->train.estimator);
    if (c->init) checkpoint_free(c->init);
    free(c->init);
    params_free(&c->problem.ps);
    params_free(&c->model.ps);
    params_free(&c->loss.ps);
    params_free(&c->eval.model);
    cell_columns_free(c->cols, c->ncols);
    memset(c, 0, sizeof *c);
}

void cell_columns_free(cell_column *cols, size_t n)
{
    size_t i;
    for (i = 0; cols && i < n; i++) {
        free(cols[i].name);
        free(cols[i].value);
    }
    free(cols);
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

size_t cell_eval_model_count(const cell_spec *c)
{
    size_t i, n = 0;
    for (i = 0; c->eval.model.set && i < c->eval.model.n; i++) n += c->eval.model.set[i] != 0;
    return n;
}

amor_value *cell_eval_model_values(const cell_spec *c)
{
    size_t i, n = c->model.ps.n;
    int any = cell_eval_model_count(c) > 0;
    amor_value *v = malloc((n ? n : 1) * sizeof *v);
    if (!v) return NULL;
    for (i = 0; i < n; i++)
        v[i] = any && c->eval.model.set[i] ? c->eval.model.values[i] : c->model.ps.values[i];
    return v;
}

void cell_eval_model_text(const cell_spec *c, int trained, const char *sep, char *buf,
                          size_t len)
{
    const params_set *ps = trained ? &c->model.ps : &c->eval.model;
    size_t i, off = 0;
    if (len) buf[0] = 0;
    for (i = 0; c->eval.model.set && i < c->eval.model.n && off < len; i++) {
        char v[512];
        if (!c->eval.model.set[i]) continue;
        off += (size_t)snprintf(buf + off, len - off, "%s%s%s%s", off ? ", " : "",
                                c->model.head->params[i].name, sep,
                                params_format(ps, i, v, sizeof v));
    }
}

uint32_t cell_needs(const amor_plugin_head *h, const amor_value *values)
{
    if (h->kind == AMOR_KIND_MODEL) {
        const amor_model_desc *m = (const amor_model_desc *)h;
        return m->needs_for ? m->needs_for(values) : m->needs;
    }
    if (h->kind == AMOR_KIND_LOSS) {
        const amor_loss_desc *l = (const amor_loss_desc *)h;
        return l->needs_for ? l->needs_for(values) : l->needs;
    }
    return 0;
}

/* What each AMOR_NEEDS_* bit asks of a problem, and how the host's messages
 * and amor check name it. */
static const struct {
    uint32_t bit;
    const char *what;
} NEED_NAMES[] = {
    {AMOR_NEEDS_YSTAR, "reference solutions y* (solve)"},
    {AMOR_NEEDS_GRAD, "gradients (value_grad)"},
    {AMOR_NEEDS_VALUE, "values (value)"},
    {AMOR_NEEDS_DICTIONARY, "the sparse-coding dictionary (dictionary)"},
    {AMOR_NEEDS_SOLVER, "the problem's own solver (state_dim, solver_init, solver_step, residual)"},
    {AMOR_NEEDS_VALID, "the validation objective (valid_value)"},
    {AMOR_NEEDS_VALID_GRAD, "the validation objective's gradient (valid_value_grad)"},
    {AMOR_NEEDS_PROJECT, "the projection (project, project_vjp)"},
    {AMOR_NEEDS_HVP, "exact Hessian-vector products (hvp)"},
};

/* The AMOR_NEEDS_* bits problem p can serve. */
static uint32_t problem_provides(const amor_problem_desc *p)
{
    uint32_t b = AMOR_NEEDS_VALUE;
    if (p->solve) b |= AMOR_NEEDS_YSTAR;
    if (p->value_grad) b |= AMOR_NEEDS_GRAD;
    if (p->dictionary) b |= AMOR_NEEDS_DICTIONARY;
    if (oracle_has_solver(p)) b |= AMOR_NEEDS_SOLVER;
    if (p->valid_value) b |= AMOR_NEEDS_VALID;
    if (p->valid_value && p->valid_value_grad) b |= AMOR_NEEDS_VALID_GRAD;
    if (p->project && p->project_vjp) b |= AMOR_NEEDS_PROJECT;
    if (p->value_grad && p->hvp) b |= AMOR_NEEDS_HVP;
    return b;
}

void cell_needs_text(uint32_t bits, char *buf, size_t len)
{
    size_t k, off = 0;
    int n = 0;
    if (len) buf[0] = 0;
    for (k = 0; k < sizeof NEED_NAMES / sizeof NEED_NAMES[0]; k++) {
        if (!(bits & NEED_NAMES[k].bit)) continue;
        if (off < len)
            off += (size_t)snprintf(buf + off, len - off, "%s%s", n ? "; " : "",
                                    NEED_NAMES[k].what);
        n++;
        bits &= ~NEED_NAMES[k].bit;
    }
    if (bits && off < len)
        snprintf(buf + off, len - off, "%scapability bits 0x%x this host does not know",
                 n ? "; " : "", (unsigned)bits);
}

uint32_t cell_needs_missing(const amor_problem_desc *p, uint32_t needs, char *buf, size_t len)
{
    uint32_t miss = needs & ~problem_provides(p);
    cell_needs_text(miss, buf, len);
    return miss;
}

int cell_incompatible(const cell_spec *c, char *why, size_t whylen)
{
    const amor_problem_desc *p = (const amor_problem_desc *)c->problem.head;
    const amor_loss_desc *l = (const amor_loss_desc *)c->loss.head;
    const amor_model_desc *m = (const amor_model_desc *)c->model.head;
    uint32_t mneeds = cell_needs(c->model.head, c->model.ps.values);
    uint32_t lneeds = cell_needs(c->loss.head, c->loss.ps.values);
    char list[512];
    /* the evaluation model (eval.model) runs on the same problem: what it
     * needs with its own parameters counts too */
    if (cell_eval_model_count(c)) {
        amor_value *ev = cell_eval_model_values(c);
        if (!ev) return amor_errorf(why, whylen, 1, "out of memory");
        mneeds |= cell_needs(c->model.head, ev);
        free(ev);
    }
    /* the messages of ABI 1.0's three bits, as before */
    if ((lneeds & AMOR_NEEDS_YSTAR) && !p->solve)
        return amor_errorf(why, whylen, 1,
                           "loss '%s' needs reference solutions y* but problem "
                           "'%s' has no solver", l->head.name, p->head.name);
    if ((mneeds & AMOR_NEEDS_GRAD) && !p->value_grad)
        return amor_errorf(why, whylen, 1,
                           "model '%s' takes gradient steps but problem '%s' provides "
                           "only values", m->head.name, p->head.name);
    if ((lneeds & AMOR_NEEDS_GRAD) && !p->value_grad)
        return amor_errorf(why, whylen, 1,
                           "loss '%s' needs gradients but problem '%s' provides "
                           "only values", l->head.name, p->head.name);
    /* a model without backward (amor.h) learns from loss values only */
    if (!m->backward && c->train.steps > 0 &&
        !(c->train.estimator && !strcmp(c->train.estimator, "es")))
        return amor_errorf(why, whylen, 1,
                           "model '%s' has no gradient (no backward): train it with "
                           "train.estimator = \"es\", or evaluate it with train.steps = 0",
                           m->head.name);
    /* eval.tolerances: iterations of the problem's own method (solver.h) */
    if (c->eval.ntolerances > 0 && !oracle_has_solver(p))
        return amor_errorf(why, whylen, 1,
                           "eval.tolerances needs the problem's own solver step (state_dim, "
                           "solver_init, solver_step, residual), but problem '%s' has none",
                           p->head.name);
    /* models never see the validation objective (amor.h) */
    if (cell_needs_missing(p, mneeds & ~(uint32_t)(AMOR_NEEDS_VALID | AMOR_NEEDS_VALID_GRAD), list,
                           sizeof list))
        return amor_errorf(why, whylen, 1, "model '%s' (%s) needs %s, which "
                           "problem '%s' does not provide", m->head.name,
                           c->model_text ? c->model_text : m->head.name, list, p->head.name);
    if (mneeds & (AMOR_NEEDS_VALID | AMOR_NEEDS_VALID_GRAD))
        return amor_errorf(why, whylen, 1, "model '%s' asks for the validation objective, "
                           "which the host gives only to losses", m->head.name);
    if (cell_needs_missing(p, lneeds, list, sizeof list))
        return amor_errorf(why, whylen, 1, "loss '%s' needs %s, which problem "
                           "'%s' does not provide", l->head.name, list, p->head.name);
    return 0;
}

const char *const cell_status_names[CELL_NSTATUS] = {"ok",      "diverged", "error",
                                                     "crashed", "timeout",  "oom",
                                                     "missing"};

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
