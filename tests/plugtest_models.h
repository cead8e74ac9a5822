/*
 * plugtest_models.h -- the model and loss half of plugtest.h (included at its
 * end; include plugtest.h, not this): model and loss instances on an oracle
 * or a problem's model view, their forward/backward and evaluation, and the
 * finite-difference checks of their gradients.
 */
#ifndef AMOR_PLUGTEST_MODELS_H
#define AMOR_PLUGTEST_MODELS_H

/* ------------------------------------------------------------------------ */
/* Model instances                                                          */

/* A model instance.  It must not move while it lives (the plugin may keep
 * the address of env). */
typedef struct pt_model {
    const amor_model_desc *d;
    void *m;
    size_t nx, ny, np, T;
    amor_env env;
} pt_model;

/* Create model `name` for (nx, ny), whole contexts of width nxc >= nx, on
 * oracle o (NULL: pt_no_oracle) with settings, which must be accepted;
 * create's status, message in err (m NULL on failure). */
static inline int pt_model_make_nxc(pt_model *mo, const char *name, const amor_oracle *o,
                                    size_t nx, size_t nxc, size_t ny, const pt_setting *set,
                                    size_t nset, char *err, size_t errlen)
{
    const amor_plugin_head *h = pt_find(AMOR_KIND_MODEL, name);
    params_set ps = pt_params_with(h, set, nset);
    int rc;
    memset(mo, 0, sizeof *mo);
    mo->d = (const amor_model_desc *)h;
    mo->nx = nx;
    mo->ny = ny;
    mo->env = (amor_env){sizeof(amor_env), 0, nx, ny, 0, o ? o : &pt_no_oracle, nxc};
    err[0] = 0;
    rc = mo->d->create(ps.values, &mo->env, &mo->m, err, errlen);
    params_free(&ps);
    if (rc) {
        mo->m = NULL;
    } else {
        mo->np = mo->d->num_params(mo->m);
        mo->T = mo->d->num_iterates(mo->m);
    }
    return rc;
}

/* pt_model_make_nxc with everything visible (nxc = nx). */
static inline int pt_model_make(pt_model *mo, const char *name, const amor_oracle *o, size_t nx,
                                size_t ny, const pt_setting *set, size_t nset, char *err,
                                size_t errlen)
{
    return pt_model_make_nxc(mo, name, o, nx, nx, ny, set, nset, err, errlen);
}

/* pt_model_make, bailing out on failure. */
static inline void pt_model_open(pt_model *mo, const char *name, const amor_oracle *o, size_t nx,
                                 size_t ny, const pt_setting *set, size_t nset)
{
    char err[1024];
    pt_must(pt_model_make(mo, name, o, nx, ny, set, nset, err, sizeof err), name, err);
}

/* pt_model_open on the oracle and dimensions of a wrapped problem. */
static inline void pt_model_on(pt_model *mo, const char *name, const pt_prob *p,
                               const pt_setting *set, size_t nset)
{
    pt_model_open(mo, name, &p->oc.table, p->nx, p->ny, set, nset);
}

/* pt_model_make on the model view of a wrapped problem, as the host creates
 * models: oracle p->oc.mtable, env->nx the visible width, nx_context the
 * problem's. */
static inline int pt_model_make_view(pt_model *mo, const char *name, const pt_prob *p,
                                     const pt_setting *set, size_t nset, char *err,
                                     size_t errlen)
{
    return pt_model_make_nxc(mo, name, &p->oc.mtable, p->nxm, p->nx, p->ny, set, nset, err,
                             errlen);
}

/* pt_model_make_view, bailing out on failure. */
static inline void pt_model_open_view(pt_model *mo, const char *name, const pt_prob *p,
                                      const pt_setting *set, size_t nset)
{
    char err[1024];
    pt_must(pt_model_make_view(mo, name, p, set, nset, err, sizeof err), name, err);
}

static inline void pt_model_close(pt_model *mo)
{
    if (mo->m) mo->d->destroy(mo->m);
    mo->m = NULL;
}

/* Workspace for a batch of n as the host allocates it (64-byte aligned, never NULL). */
static inline void *pt_model_ws(const pt_model *mo, size_t n)
{
    size_t bytes = mo->d->workspace_size(mo->m, n);
    void *ws = aligned_alloc(64, ((bytes ? bytes : 1) + 63) / 64 * 64);
    if (!ws) pt_must(1, "workspace", "out of memory");
    return ws;
}

/* theta (np) from init with rng r, then s N(0, 1) added to every entry from the
 * same stream, so that nothing sits at a symmetric point. */
static inline void pt_model_init(const pt_model *mo, amor_rng *r, double s, double *theta)
{
    char err[256] = "";
    size_t k;
    pt_must(mo->d->init(mo->m, r, theta, err, sizeof err), "init", err);
    for (k = 0; k < mo->np; k++) theta[k] += s * amor_rng_normal(r);
}

/* pt_model_init into a new theta with an rng seeded with seed. */
static inline double *pt_model_theta(const pt_model *mo, uint64_t seed, double s)
{
    double *th = pt_dalloc(mo->np);
    amor_rng r;
    amor_rng_seed(&r, seed);
    pt_model_init(mo, &r, s, th);
    return th;
}

/* forward into it (T, n, ny); bails out on failure. */
static inline void pt_model_forward(const pt_model *mo, const double *th, size_t n,
                                    const double *x, double *it, void *ws, unsigned flags)
{
    char err[256] = "";
    pt_must(mo->d->forward(mo->m, th, n, x, it, ws, flags, err, sizeof err), "forward", err);
}

/* g (np) += dL/dtheta of L = sum_t G_t . y^t (G (T, n, ny)), after a training forward. */
static inline void pt_model_grad(const pt_model *mo, const double *th, size_t n, const double *x,
                                 const double *G, double *g, void *ws)
{
    char err[256] = "";
    double *it = pt_dalloc(mo->T * n * mo->ny);
    pt_model_forward(mo, th, n, x, it, ws, AMOR_FORWARD_TRAIN);
    pt_must(mo->d->backward(mo->m, th, n, x, G, g, ws, err, sizeof err), "backward", err);
    free(it);
}

/* sum_t G_t . y^t(theta) of a forward with flags, as a scalar function for pt_fd_*. */
typedef struct pt_model_fd {
    const pt_model *mo;
    size_t n;
    const double *x, *G; /* (n, nx), (T, n, ny) */
    double *it;          /* (T, n, ny) scratch */
    void *ws;
    unsigned flags;
} pt_model_fd;

static inline double pt_model_fd_loss(void *ctx, const double *theta)
{
    pt_model_fd *c = ctx;
    size_t k, len = c->mo->T * c->n * c->mo->ny;
    double s = 0.0;
    pt_model_forward(c->mo, theta, c->n, c->x, c->it, c->ws, c->flags);
    for (k = 0; k < len; k++) s += c->G[k] * c->it[k];
    return s;
}

/* Max relative error (pt_max_relerr) of backward against central differences (h 1e-6)
 * of sum_t G_t . y^t through a forward with fd_flags: theta from pt_model_theta(seed,
 * 0.1), n contexts sampled from p (seed + 1), G ~ N(0, 1) (seed + 2).  The first
 * entries are printed when the error passes 1e-5. */
static inline double pt_model_grad_err(const pt_model *mo, const pt_prob *p, size_t n,
                                       uint64_t seed, unsigned fd_flags)
{
    amor_rng r;
    size_t len = mo->T * n * mo->ny, k;
    double *th = pt_model_theta(mo, seed, 0.1), *g = pt_dalloc(mo->np), *fd = pt_dalloc(mo->np);
    double *x = pt_dalloc(n * mo->nx), *G = pt_dalloc(len), *it = pt_dalloc(len);
    void *ws = pt_model_ws(mo, n);
    pt_model_fd c = {mo, n, x, G, it, ws, fd_flags};
    double e;
    pt_prob_sample(p, seed + 1, n, x);
    amor_rng_seed(&r, seed + 2);
    pt_randn(G, len, 1.0, &r);
    pt_model_grad(mo, th, n, x, G, g, ws);
    pt_fd_grad(pt_model_fd_loss, &c, th, mo->np, 1e-6, fd);
    e = pt_max_relerr(g, fd, mo->np);
    if (!(e <= 1e-5))
        for (k = 0; k < mo->np && k < 12; k++)
            tap_diag("theta[%zu]: got: %.12g  want: %.12g", k, g[k], fd[k]);
    free(th), free(g), free(fd), free(x), free(G), free(it), free(ws);
    return e;
}

/* hidden = {5}: the small MLP of the semi-amortized models' tests. */
static const int64_t pt_h5[] = {5};

/* Settings of an unroll_gd instance into s (room for 8; t_unroll*.c); returns the
 * count.  hidden {5} is ignored by init = constant. */
static inline size_t pt_ugd_set(pt_setting *s, const char *init, int K, double step0, int learn,
                                const char *grad, int window)
{
    size_t k = 0;
    s[k++] = (pt_setting)PT_STR("init", init);
    s[k++] = (pt_setting)PT_LIST("hidden", pt_h5);
    s[k++] = (pt_setting)PT_INT("steps", K);
    s[k++] = (pt_setting)PT_REAL("step0", step0);
    s[k++] = (pt_setting)PT_BOOL("learn_steps", learn);
    s[k++] = (pt_setting)PT_STR("grad", grad);
    s[k++] = (pt_setting)PT_INT("window", window);
    return k;
}

/* ------------------------------------------------------------------------ */
/* Loss instances                                                           */

typedef struct pt_loss {
    const amor_loss_desc *d;
    void *inst;
    amor_env env;
} pt_loss;

/* Create loss `name` for (nx, ny), T iterates and oracle o with settings, which must
 * be accepted; create's status, message in err (inst NULL on failure). */
static inline int pt_loss_make(pt_loss *l, const char *name, const amor_oracle *o, size_t nx,
                               size_t ny, size_t T, const pt_setting *set, size_t nset, char *err,
                               size_t errlen)
{
    const amor_plugin_head *h = pt_find(AMOR_KIND_LOSS, name);
    params_set ps = pt_params_with(h, set, nset);
    int rc;
    memset(l, 0, sizeof *l);
    l->d = (const amor_loss_desc *)h;
    l->env = (amor_env){sizeof(amor_env), 0, nx, ny, T, o, nx};
    err[0] = 0;
    rc = l->d->create(ps.values, &l->env, &l->inst, err, errlen);
    params_free(&ps);
    if (rc) l->inst = NULL;
    return rc;
}

/* pt_loss_make, bailing out on failure. */
static inline void pt_loss_open(pt_loss *l, const char *name, const amor_oracle *o, size_t nx,
                                size_t ny, size_t T, const pt_setting *set, size_t nset)
{
    char err[1024];
    pt_must(pt_loss_make(l, name, o, nx, ny, T, set, nset, err, sizeof err), name, err);
}

static inline void pt_loss_close(pt_loss *l)
{
    if (l->inst) l->d->destroy(l->inst);
    l->inst = NULL;
}

/* eval (d may be NULL: no gradient); bails out on failure. */
static inline void pt_loss_eval(const pt_loss *l, size_t n, size_t T, const double *x,
                                const double *it, const double *ys, amor_rng *rng, double *lossv,
                                double *d)
{
    char err[1024];
    pt_must(l->d->eval(l->inst, n, T, x, it, ys, rng, lossv, d, err, sizeof err),
            l->d->head.name, err);
}

/* loss[row] as a function of one row of the iterates for pt_fd_*: the argument
 * aliases that row of it, which is varied in place. */
typedef struct pt_loss_fd {
    const pt_loss *l;
    size_t n, T, row;
    const double *x, *it, *ys; /* (n, nx), (T, n, ny), (n, ny) or NULL */
    double *lb;                /* (n) scratch */
} pt_loss_fd;

static inline double pt_loss_fd_row(void *c, const double *p)
{
    pt_loss_fd *fc = c;
    (void)p; /* p aliases the iterate row being varied */
    pt_loss_eval(fc->l, fc->n, fc->T, fc->x, fc->it, fc->ys, NULL, fc->lb, NULL);
    return fc->lb[fc->row];
}

/* Max abs differences between losses a and b evaluated on the same batch (x, it (T, n,
 * ny), ys): *dl over the losses (n), *dg over d_iterates. */
static inline void pt_loss_diff(const pt_loss *a, const pt_loss *b, size_t n, size_t T, size_t ny,
                                const double *x, const double *it, const double *ys, double *dl,
                                double *dg)
{
    double *la = pt_dalloc(n), *lb = pt_dalloc(n);
    double *da = pt_dalloc(T * n * ny), *db = pt_dalloc(T * n * ny);
    pt_loss_eval(a, n, T, x, it, ys, NULL, la, da);
    pt_loss_eval(b, n, T, x, it, ys, NULL, lb, db);
    *dl = pt_max_absdiff(la, lb, n);
    *dg = pt_max_absdiff(da, db, T * n * ny);
    free(la), free(lb), free(da), free(db);
}

/* Central differences (step h) of loss[i] in every row (t, i) of every iterate
 * against d (T, n, ny); the worst error relative to max(1, |d|_inf). */
static inline double pt_loss_fd_all(const pt_loss *l, size_t n, size_t T, size_t ny,
                                    const double *x, double *it, const double *ys,
                                    const double *d, double h)
{
    double *fd = pt_dalloc(ny), worst = 0.0, scale = fmax(1.0, pt_max_abs(d, T * n * ny));
    size_t t, i, k, block = n * ny;
    pt_loss_fd fc = {l, n, T, 0, x, it, ys, pt_dalloc(n)};
    for (t = 0; t < T; t++)
        for (i = 0; i < n; i++) {
            fc.row = i;
            pt_fd_grad(pt_loss_fd_row, &fc, it + t * block + i * ny, ny, h, fd);
            for (k = 0; k < ny; k++)
                pt_worsen(&worst, fabs(fd[k] - d[t * block + i * ny + k]) / scale);
        }
    free(fd), free(fc.lb);
    return worst;
}

#endif
