/*
 * check_int.h -- internals of `amor check` shared by check.c (command line,
 * descriptor and parameter checks, the forked runner), check_util.c (TAP
 * reporting with buffered diagnostics, finite-difference judgement, random
 * vectors, leaks, the problem models and losses run against), check_problem.c,
 * check_local.c and check_iter.c (problems) and check_model.c (models and
 * losses).
 */
#ifndef AMOR_CHECK_INT_H
#define AMOR_CHECK_INT_H

#include <stdint.h>

#include "amor.h"
#include "loader.h"
#include "oracle.h"
#include "params.h"

typedef struct check_opts {
    const char **sets;   /* name=value or plugin.name=value (--set) */
    size_t nsets;
    const char *problem; /* models and losses run against it */
    const char **psets;  /* name=value for that problem */
    size_t npsets;
    uint64_t seed;
    size_t batch;        /* instances per call */
    size_t cycles;       /* create/destroy cycles of the leak check */
    size_t iterates;     /* losses: check with this T only; 0 = T = 1 and T = 3 */
    unsigned timeout;    /* seconds per plugin, 0 = none */
    int fork;            /* run each plugin in a child process */
    int verbose;         /* diagnostics for passing checks too */
} check_opts;

/* One plugin under check. */
typedef struct ck {
    const check_opts *o;
    loader *L;
    const amor_plugin_head *h; /* full-size once the descriptor checks passed */
    amor_plugin_head *wide;    /* the copy h then points at (loader_widen) */
    const char *who;     /* the plugin's label in TAP lines */
    const char **sets;   /* the --set settings for this plugin, as name=value */
    size_t nsets;
    params_set ps;       /* its parameters, --set applied */
    int pipe;            /* progress to the parent process, or -1 */
    int count, failed;   /* TAP numbering and failures so far */
    char check[160];     /* the check running */
    char note[240];      /* appended to its description */
    char *diag;          /* buffered "# ..." lines of the running check */
    size_t dlen, dcap;
    int ndiag;           /* diagnostics offered to the running check */
} ck;

/* At most this many failure diagnostics per check; the rest are counted. */
#define CK_MAX_DIAG 4

void ck_begin(ck *c, const char *name);
/* Text appended to the check's description, e.g. "(24 points, worst error
 * 0.03 times the allowed)". */
void ck_note(ck *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A diagnostic line printed after the result; beyond CK_MAX_DIAG only counted. */
void ck_diag(ck *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print "ok N - who: check note" or "not ok ...", then the diagnostics.
 * Returns ok. */
int ck_end(ck *c, int ok);
/* A check that does not apply: "ok N - who: name # SKIP why". */
void ck_skip(ck *c, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Begin and end a check in one go (no diagnostics unless msg). */
int ck_report(ck *c, const char *name, int ok, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* "(0.5, -1.25, 3)" with at most 6 entries, then "... (n entries)". */
const char *ck_vec(char *buf, size_t len, const double *v, size_t n);

/* Finite differences.  phi holds a scalar function of t at the offsets
 * CK_FD_OFF[j] * h: +h, -h, +h/2, -h/2, +h/4, -h/4.  With central
 * differences D(s) and Richardson R(s) = (4 D(s/2) - D(s)) / 3, the estimate
 * is R(h/2) and gap = |R(h) - R(h/2)|, which is O(h^4) where phi is smooth
 * and O(1) when a kink or jump lies within h (relu, |y|, thresholds): such
 * points are not usable for the comparison, whatever the analytic value.
 * allowed = rtol max(|a|, |fd|, 1e-3 scale) + 1e3 eps max|phi| / h: the
 * relative tolerance, plus the rounding noise of phi divided by the step.
 * smooth = gap <= allowed; ok = smooth && |a - fd| <= allowed. */
#define CK_FD_N 6
extern const double CK_FD_OFF[CK_FD_N];
typedef struct ck_fd {
    double a, fd, gap, err, allowed, h;
    int smooth, ok;
} ck_fd;
void ck_fd_judge(ck_fd *r, double a, const double *phi, double h, double rtol,
                 double scale);
/* The same for a second derivative: phi at the same six offsets and phi0 at
 * 0, second differences S(s) = (phi(s) - 2 phi0 + phi(-s)) / s^2, Richardson
 * as above; the rounding term is 1e4 eps max|phi| / h^2. */
void ck_fd_judge2(ck_fd *r, double a, const double *phi, double phi0, double h, double rtol,
                  double scale);
/* The FD step for a point p (len): 1e-3 max(1, |p|_inf). */
double ck_fd_step(const double *p, size_t len);

void ck_normal(amor_rng *r, double *v, size_t n);
void ck_unit(amor_rng *r, double *v, size_t n); /* uniform on the unit sphere */
double ck_norm(const double *v, size_t n);
double ck_dot(const double *a, const double *b, size_t n);
double ck_maxabs(const double *v, size_t n);
int ck_all_finite(const double *v, size_t n);
/* Index of the first entry of a and b (n) with |a - b| > rtol (1 + |a|), or -1
 * (equal infinities and two NaNs agree). */
long ck_mismatch(const double *a, const double *b, size_t n, double rtol);

/* calloc / malloc that bail out of the child on failure (checks only). */
void *ck_alloc(size_t count, size_t size);
/* A block of n doubles filled with NaN followed by CK_GUARD guard values. */
#define CK_GUARD 8
double *ck_guarded(size_t n);
int ck_guard_intact(const double *p, size_t n);

/* The create/destroy leak check: runs `cycle` (one create and destroy)
 * o->cycles times (fewer when a cycle is slow, at least 10) after two
 * warm-up cycles, and judges the growth of the heap in use (glibc
 * mallinfo2) and of the resident set (/proc/self/statm). */
void ck_leaks(ck *c, int (*cycle)(void *ctx, char *err, size_t errlen), void *ctx);

/* The AMOR_NEEDS_* bits a model may declare (y* and the validation objective
 * are for losses), and every bit a loss may. */
#define CK_MODEL_NEEDS                                                                     \
    ((uint32_t)(AMOR_NEEDS_GRAD | AMOR_NEEDS_VALUE | AMOR_NEEDS_DICTIONARY | AMOR_NEEDS_SOLVER | \
                AMOR_NEEDS_PROJECT | AMOR_NEEDS_HVP))
#define CK_LOSS_NEEDS (CK_MODEL_NEEDS | AMOR_NEEDS_YSTAR | AMOR_NEEDS_VALID | AMOR_NEEDS_VALID_GRAD)

/* Models and losses: the problem they run against (--problem, else the
 * first problem on the plugin path, quadratic first, that provides what the
 * plugin needs) with its oracle. */
typedef struct ck_problem {
    const amor_problem_desc *d; /* full-size: the loader widens older ones */
    params_set ps;
    void *inst;
    oracle_ctx oc;              /* oc.nxm: the width models see */
    size_t nx, ny;
} ck_problem;
/* Reports a failing check named `check` and returns non-zero when the
 * problem cannot be chosen, found or created, or lacks what `needs` asks. */
int ck_problem_open(ck *c, ck_problem *p, uint32_t needs, const char *check);
void ck_problem_close(ck_problem *p);
/* The host's oracle (oracle.h) with only what `needs` declares: for a model
 * its view (mtable: the visible width, rows mapped back to whole contexts
 * once oracle_bind has named them, never the validation objective), for a
 * loss (for_loss) whole contexts (table).  value always (every problem has
 * it), value_grad and hvp only with AMOR_NEEDS_GRAD, the solver calls only
 * with AMOR_NEEDS_SOLVER, the validation objective only with
 * AMOR_NEEDS_VALID / AMOR_NEEDS_VALID_GRAD; projection and dictionary as the
 * problem offers them (1.0 plugins used them without a bit to declare). */
amor_oracle ck_restricted_oracle(const ck_problem *p, uint32_t needs, int for_loss);

void check_problem(ck *c);
void check_model(ck *c);
void check_loss(ck *c);

/* check_model.c, for check_loss.c: a plugin's message, or "(no message)";
 * the oracle's calls as a list ("value, value_grad, ..."). */
const char *ck_ws(const char *err);
const char *ck_oracle_calls(const amor_oracle *o, char *buf, size_t len);

/* ------------------------------------------------------------------------ */
/* Problems: check_problem.c (setup, values, batching, capabilities, leaks)  */
/* and check_local.c (derivatives, projection, the reference solver)         */

typedef struct pb {
    ck *c;
    const amor_problem_desc *d;
    void *inst;
    size_t nx, ny, n;
    double *x;    /* (n, nx) contexts from sample() */
    double *y0;   /* (n, ny) initial points (zeros without initial()) */
    double *ys;   /* (n, ny) y* from solve(), or NULL */
    double *base; /* (n, ny) where random points are centred: ys, else y0 */
    amor_rng rng;
    char err[1024];
} pb;

/* A width (nx, ny, state_dim) this large is taken for a failed size
 * computation (SIZE_MAX and the like), not used. */
#define CK_MAX_DIM ((size_t)1 << 26)

/* Relative tolerance of "the same computation done twice or in another
 * batch layout" (BLAS blocking may change the rounding). */
#define CK_TOL_SAME 1e-10

/* The plugin's last message, or "(no message)". */
const char *pb_err(pb *p);
/* y (n, ny) := P(y) in place when the problem projects. */
int pb_project(pb *p, size_t n, const double *x, double *y);
/* out (n, ny) := P(base + sigma max(1, |base_i|_inf) N(0, I)) row by row. */
int pb_random_points(pb *p, const double *base, double sigma, double *out);

/* One objective of the problem: the training one (value, value_grad, hvp)
 * or the validation one (valid_*), for the checks both get. */
typedef struct pb_obj {
    const char *value, *value_grad, *hvp; /* the calls' names */
    const char *grad_check, *hvp_check, *sym_check; /* the checks' names */
    int (*f)(void *inst, size_t n, const double *x, const double *y, double *f, char *err,
             size_t errlen);
    int (*fg)(void *inst, size_t n, const double *x, const double *y, double *f, double *grad,
              char *err, size_t errlen);
    int (*hv)(void *inst, size_t n, const double *x, const double *y, const double *v,
              double *hv, char *err, size_t errlen);
} pb_obj;
/* The training or (valid != 0) the validation objective of p. */
pb_obj pb_objective(const pb *p, int valid);

void pb_check_derivatives(pb *p, const pb_obj *o);
void pb_check_projection(pb *p);
void pb_check_solver(pb *p);
/* The problem's own iterative solver (check_iter.c). */
void pb_check_iter(pb *p);

#endif
