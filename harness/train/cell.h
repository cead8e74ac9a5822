/*
 * cell.h -- one cell of an experiment grid (problem x model x loss x seed x
 * settings) and what running it produces.
 */
#ifndef AMOR_CELL_H
#define AMOR_CELL_H

#include "amor.h"
#include "params.h"

typedef struct cell_plugin {
    const amor_plugin_head *head;
    params_set ps;
} cell_plugin;

typedef struct train_cfg {
    long steps;          /* Adam steps on theta */
    long batch;          /* contexts per step */
    double lr, beta1, beta2, eps;
    double weight_decay; /* decoupled (AdamW-style) decay, 0 = none */
    double clip;         /* clip the gradient's 2-norm to this; see has_clip */
    int has_clip;
    long train_set;      /* >0: a fixed training set of this many contexts;
                            0: fresh contexts from p(x) every step */
    long eval_every;     /* steps between held-out evaluations */
    int save_model;      /* write theta after training (cell_spec.checkpoint) */
    char *init_from;     /* as the script gave it, or NULL: start from this
                            checkpoint's theta (cell_spec.init) */
    long threads;        /* >1: every training step and evaluation split into
                            this many slices of the batch, run in parallel */
    char *estimator;     /* the gradient: NULL or "backprop" (the model's
                            backward), "es" (evolution strategies: es.h) */
    long es_pairs;       /* es: antithetic pairs per step */
    double es_sigma;     /* es: the smoothing's standard deviation on theta */
} train_cfg;

/* eval.tolerances holds at most this many */
#define CELL_MAX_TOLERANCES 16
/* eval.iterates holds at most this many */
#define CELL_MAX_ITERATES 16

typedef struct eval_cfg {
    long contexts;       /* held-out contexts */
    int on_train_set;    /* evaluate on the fixed training set (train.train_set
                            contexts) instead of a held-out set: the
                            tutorial's sphere figure, fitting a few functions */
    double timing;       /* seconds spent timing inference (at least 3 passes) */
    long track;          /* record the predictions for the first `track`
                            held-out contexts at every evaluation (tracks.csv) */
    /* eval.tolerances: iterations of the problem's own solver (solver_step)
     * to bring each held-out context's residual below each tolerance, from
     * the cold start and from the model's predictions (solver.h) */
    size_t ntolerances;  /* 0: not measured */
    double tolerances[CELL_MAX_TOLERANCES]; /* positive, decreasing, their
                            %g texts distinct (runs.csv column names) */
    long max_iterations; /* the budget of those runs */
    /* eval.model: parameters of the cell's model overridden for every
     * held-out evaluation (initial, during training, final; predict,
     * tracks, timing, the solvers' warm starts): the trained theta is
     * evaluated by a second model instance made with the cell's model
     * parameters and these.  Declared over the cell's model (values
     * NULL: none given); model.set[i] marks the overridden ones. */
    params_set model;
    /* eval.iterates: held-out metrics of these iterates of the
     * (evaluation) model's output, y^t of y^0 .. y^{T-1}, at the final
     * evaluation (cell_result.iter_*) */
    size_t niterates;    /* 0: not measured */
    long iterates[CELL_MAX_ITERATES]; /* non-negative, increasing */
} eval_cfg;

/* The from-scratch gradient baselines of solver.methods (objective vs
 * iterations, iterations to match the model). */
enum { SOLVER_ADAM = 0, SOLVER_GD = 1, SOLVER_COUNT = 2 };

/* What a solver.csv row (solver_row.solver) comes from: the baselines
 * above, then the problem's own method (solver_step) from the cold start
 * and from the model's predictions, plain and with Anderson acceleration,
 * and from the cold start with the model as its policy (solver_policy);
 * solver_kind_names[] holds the names solver.csv uses, in this order. */
enum {
    SOLVER_STEP = SOLVER_COUNT, SOLVER_STEP_WARM, SOLVER_ANDERSON, SOLVER_ANDERSON_WARM,
    SOLVER_POLICY, SOLVER_NKINDS
};
extern const char *const solver_kind_names[SOLVER_NKINDS];

typedef struct solver_cfg {
    long iterations;     /* budget of each from-scratch solver, 0 = none */
    int use[SOLVER_COUNT];
    double lr[SOLVER_COUNT];
    long log_every;      /* 0 = about 200 rows per solver */
    double match_delta;  /* "reached the model": within this fraction of the
                            distance from the solver's start to the model */
    /* "anderson" in solver.methods: Anderson acceleration of the problem's
     * own method beside the plain one, when eval.tolerances are measured
     * (anderson.h) */
    int anderson;
    long anderson_memory;   /* m: secant pairs kept */
    double anderson_beta;   /* mixing */
    double anderson_reg;    /* Tikhonov weight, relative to |dF|_F^2 */
    int anderson_safeguard; /* fall back to the plain step when the residual grows */
} solver_cfg;

/* Enforced only when the cell runs in a worker process (amor run -j N >= 1;
 * see worker.h and pool.h). */
typedef struct limits_cfg {
    double timeout;      /* wall-clock seconds, 0 = none: the parent kills the
                            worker (SIGKILL) and records status "timeout" */
    double memory;       /* bytes the worker may map beyond its size at fork,
                            0 = none: setrlimit(RLIMIT_AS), status "oom" */
} limits_cfg;

typedef struct cell_column {
    char *name;  /* e.g. "model.hidden", "train.lr" */
    char *value; /* canonical text */
} cell_column;

typedef struct cell_spec {
    char *experiment;
    char *id;            /* unique within the experiment, stable */
    cell_plugin problem, model, loss;
    long seed;
    uint64_t stream_seed; /* hash of experiment, plugins, parameters, seed */
    uint64_t eval_seed;   /* hash of problem, parameters, seed (shared by
                             every model/loss on the same problem) */
    train_cfg train;
    eval_cfg eval;
    solver_cfg solver;
    limits_cfg limits;
    char key[17];        /* content key, 16 hex digits (see cellbuild.h) */
    cell_column *cols;   /* explicit parameters and swept settings */
    size_t ncols;
    double *predict;     /* (npredict, nx) contexts to predict after training */
    size_t npredict, predict_nx;
    char *model_text;    /* the model with every parameter, defaults included:
                            "mlp(activation=relu,hidden=64,64,...)" */
    char *checkpoint;    /* train.save_model: where theta is written,
                            "<out>/models/<key>.amor"; NULL = not saved */
    struct checkpoint *init; /* train.init_from, read and verified (checksum,
                            model name) when the cell was built; NULL = the
                            model's own init */
    char *init_path;     /* the file init came from */
} cell_spec;

/* How many parameters eval.model overrides (0: the evaluation runs the
 * trained model instance itself). */
size_t cell_eval_model_count(const cell_spec *c);

/* The parameter values of the model held-out evaluations run: the cell's
 * model parameters with eval.model's overrides in place.  A new array of
 * c->model.ps.n values (free it, not what it points to: the strings and
 * lists belong to c), or NULL when out of memory. */
amor_value *cell_eval_model_values(const cell_spec *c);

/* eval.model's overrides as text, "name<sep>value" joined by ", " in
 * declaration order ("steps = 10, step0 = 0.02" with sep " = "); with
 * trained = 1 the cell's own values of the same parameters. */
void cell_eval_model_text(const cell_spec *c, int trained, const char *sep, char *buf,
                          size_t len);

typedef struct curve_row {
    long step;
    const char *split;  /* static strings: "train", "eval" */
    const char *metric; /* "loss", "objective", "gap", "distance" */
    double value;
} curve_row;

typedef struct solver_row {
    int solver;  /* SOLVER_ADAM ... SOLVER_ANDERSON_WARM */
    long iteration;
    double seconds;
    /* SOLVER_ADAM, SOLVER_GD: the objective over the held-out contexts */
    double objective_mean, objective_std;
    /* the problem's own method (solver >= SOLVER_COUNT): its residual */
    double residual_mean, residual_median;
} solver_row;

/* Iterations to a tolerance (cell_result.tol_*). */
enum { TOL_STEP, TOL_ANDERSON, TOL_POLICY, TOL_NMETHODS };
enum { TOL_COLD, TOL_WARM, TOL_NSTARTS };

typedef struct tol_stats {
    double iters_mean, iters_median; /* over the held-out contexts, each
                                        counted at the budget if it did not
                                        converge */
    long unconverged;                /* contexts not below the tolerance
                                        within the budget */
    double seconds_mean;             /* iters_mean x seconds per iteration
                                        per context */
} tol_stats;

/* How a cell ended; cell_status_names[] holds the names runs.csv, the
 * summary and the Lua result table use, in this order (the summary's). */
typedef enum cell_status {
    CELL_OK,       /* trained and evaluated */
    CELL_DIVERGED, /* non-finite loss, parameters or held-out metrics */
    CELL_ERROR,    /* a plugin or the host reported an error (code says which) */
    CELL_CRASHED,  /* the worker died of a signal or exited without a result */
    CELL_TIMEOUT,  /* killed at limits.timeout */
    CELL_OOM,      /* out of limits.memory */
    CELL_MISSING,  /* amor merge: no shard's store holds the cell (never run
                      by a worker; the host's alone) */
    CELL_NSTATUS
} cell_status;

extern const char *const cell_status_names[CELL_NSTATUS];

/* The status named name, or -1. */
int cell_status_parse(const char *name);

typedef struct cell_result {
    cell_status status;
    int code;          /* with CELL_ERROR: the amor_status of the failure
                          (AMOR_ENOMEM: an allocation failed), else 0 */
    char error[1024];
    long train_steps;
    double train_seconds;
    long eval_contexts;
    size_t num_params;
    double objective_mean, objective_std;
    int has_optimal;
    double optimal_objective_mean, gap_mean, distance_mean;
    double infer_seconds;  /* per instance */
    int has_eval;          /* metrics above are filled */
    double initial_objective_mean, initial_gap_mean;
    int has_initial;
    double final_train_loss;
    /* the problem's validation objective (amor_problem_desc.valid_value) of
     * the final predictions on the held-out set, and before training */
    int has_validation;
    double validation_mean, validation_std, initial_validation_mean;
    double oracle_calls_per_instance;
    /* the peak resident set of the worker process that ran the cell
     * (getrusage's ru_maxrss, bytes; what the process had when forked
     * included); 0 when the cell ran in the host process (-j 0) */
    double peak_rss_bytes;
    int solver_ran[SOLVER_COUNT];
    int solver_reached[SOLVER_COUNT];
    /* reached: the solver's mean objective came within solver.match_delta
     * of the model's (solver.h); its first such iteration and seconds */
    long solver_iters[SOLVER_COUNT];
    double solver_seconds[SOLVER_COUNT];
    double solver_budget_seconds[SOLVER_COUNT]; /* of every iteration run */
    double solver_final[SOLVER_COUNT];    /* objective mean at the budget */
    /* eval.tolerances (solver.h): the problem's own method, plain (TOL_STEP)
     * and with Anderson acceleration (TOL_ANDERSON), from the cold start
     * (TOL_COLD) and from the model's predictions (TOL_WARM); with the
     * model's solver_policy in the loop (TOL_POLICY) from the cold start
     * only (its TOL_WARM entries stay 0), whose ratios are the plain cold
     * count over the policy's */
    size_t ntol;                          /* 0: not measured */
    double tol[CELL_MAX_TOLERANCES];      /* eval.tolerances */
    long tol_budget;                      /* eval.max_iterations */
    int tol_ran[TOL_NMETHODS];
    double tol_iter_seconds[TOL_NMETHODS][TOL_NSTARTS]; /* measured seconds per
                                             iteration per context */
    tol_stats tol_st[CELL_MAX_TOLERANCES][TOL_NMETHODS][TOL_NSTARTS];
    /* mean cold over mean warm iterations (NaN when the warm mean is 0),
     * and the median over contexts of max(cold, 1) / max(warm, 1) */
    double tol_ratio[CELL_MAX_TOLERANCES][TOL_NMETHODS];
    double tol_ratio_median[CELL_MAX_TOLERANCES][TOL_NMETHODS];
    /* eval.iterates: the held-out metrics of iterate iter_t[j] of the
     * final evaluation's output (objective always; validation with
     * has_validation, gap and distance with has_optimal) */
    size_t niter;                         /* 0: not measured */
    long iter_t[CELL_MAX_ITERATES];
    double iter_objective_mean[CELL_MAX_ITERATES], iter_objective_std[CELL_MAX_ITERATES];
    double iter_validation_mean[CELL_MAX_ITERATES], iter_validation_std[CELL_MAX_ITERATES];
    double iter_gap_mean[CELL_MAX_ITERATES], iter_distance_mean[CELL_MAX_ITERATES];
    curve_row *curves;
    size_t ncurves, capcurves;
    solver_row *solver_rows;
    size_t nsolver, capsolver;
    char note[256];        /* e.g. "hvp by finite differences" */
    /* eval.track: the tracked contexts and predictions at each evaluation */
    size_t ntrack, nx, ny;
    double *track_x;       /* (ntrack, nx) */
    double *track_ystar;   /* (ntrack, ny), or NULL without a solver */
    long *track_steps;     /* (ntrack_steps) */
    double *track_yhat;    /* (ntrack_steps, ntrack, ny) */
    size_t ntrack_steps, cap_track_steps;
    double *predictions;   /* (npredict, ny) for cell_spec.predict */
    size_t npredict;
} cell_result;

void cell_spec_free(cell_spec *c);
/* Free n columns, their names and values (either may be NULL), and the array. */
void cell_columns_free(cell_column *cols, size_t n);
void cell_result_free(cell_result *r);

/* Train and evaluate one cell.  Never fails as a function: the outcome is
 * r->status ("ok", "diverged", "error") with r->error.  (A worker process
 * adds "crashed", "timeout" and "oom": see worker.h.) */
void cell_run(const cell_spec *c, cell_result *r);

/* Phases a running cell reports, in order. */
enum { CELL_PHASE_SETUP, CELL_PHASE_TRAIN, CELL_PHASE_EVAL, CELL_PHASE_SOLVER };

/* Called at each phase change and after every training step with the mean
 * training loss since the last evaluation (NaN when there is none yet);
 * steps is train.steps.  Must be cheap: rate-limit inside. */
typedef void (*cell_progress_fn)(void *ctx, int phase, long step, long steps, double loss);

/* cell_run, reporting progress to fn (may be NULL). */
void cell_run_progress(const cell_spec *c, cell_result *r, cell_progress_fn fn, void *ctx);

/* 64-bit FNV-1a of a string, finalized with splitmix64. */
uint64_t cell_hash(const char *s);

/* Does the cell's problem give what its model and loss need (their
 * needs_for with the cell's parameters, or needs)?  0, or 1 with a message
 * naming each missing capability.  Checked before training. */
int cell_incompatible(const cell_spec *c, char *why, size_t whylen);

/* What a model or loss needs of its problem (AMOR_NEEDS_* bits) with these
 * parameter values: needs_for(values) when it has one, else needs; 0 for a
 * problem.  The host and amor check ask this one question. */
uint32_t cell_needs(const amor_plugin_head *h, const amor_value *values);

/* The capabilities of `bits` (AMOR_NEEDS_* bits) into buf as a list, "the
 * sparse-coding dictionary (dictionary); gradients (value_grad)", each named
 * with the problem's calls that serve it. */
void cell_needs_text(uint32_t bits, char *buf, size_t len);

/* The bits of `needs` problem p lacks (0: none), listed into buf as
 * cell_needs_text does (buf may be NULL when len is 0). */
uint32_t cell_needs_missing(const amor_problem_desc *p, uint32_t needs, char *buf, size_t len);

/* Record a failure in r: its status, the amor_status code it carried (0
 * when none applies), what failed, and the message (may be NULL). */
void cell_fail(cell_result *r, cell_status status, int code, const char *what, const char *msg);

#endif
