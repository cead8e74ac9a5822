/*
 * max_sliced.c -- problem plugin: the max-sliced Wasserstein direction
 * between two mini-batches (Deshpande et al. 2019; amortized by Nguyen & Ho,
 * NeurIPS 2022),
 *     f(theta; X, Y) = -W_p(u'X, u'Y),  u = theta / |theta|,
 * the context x = (X (n1, d), Y (n2, d)) row-major, the solution theta in R^d
 * read through the sphere projection.  W_p between the projected empirical
 * measures is computed by sorting: the monotone (quantile-matching) coupling,
 * which for n1 != n2 splits the points' masses where the two CDFs interleave.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "amath.h"
#include "amor.h"
#include "idx.h"

#define MS_NPIX 784 /* Fashion-MNIST: 28 x 28 */
#define MS_NCLASS 10
#define DATA_HINT                                                             \
    "Fashion-MNIST comes from Debian's package dataset-fashion-mnist "        \
    "(apt-get install dataset-fashion-mnist); or set parameter data_dir"

enum {
    P_DATA, P_N1, P_N2, P_DIM, P_MEAN_SCALE, P_GAUSS_SEED, P_DATA_DIR, P_CLASSES, P_P,
    P_OBJECTIVE, P_INIT_SEED, NUM_P
};

static const amor_param_decl ms_params[NUM_P] = {
    {"data", AMOR_PARAM_STRING, "the two mini-batches: gaussian or fashion_mnist", 0,
     "gaussian", NULL, 0, 0, 0, "gaussian|fashion_mnist"},
    {"n1", AMOR_PARAM_INT, "size of the first mini-batch X", 32, NULL, NULL, 0, 1, 1e6, NULL},
    {"n2", AMOR_PARAM_INT, "size of the second mini-batch Y", 32, NULL, NULL, 0, 1, 1e6, NULL},
    {"dim", AMOR_PARAM_INT, "gaussian: dimension d of the points (fashion_mnist: 784)", 10,
     NULL, NULL, 0, 1, 100000, NULL},
    {"mean_scale", AMOR_PARAM_REAL,
     "gaussian: the two means ~ N(0, mean_scale^2 I / d), so E|m1 - m2|^2 = 2 mean_scale^2",
     2.0, NULL, NULL, 0, 0, 1e6, NULL},
    {"gaussian_seed", AMOR_PARAM_INT, "gaussian: seed of the two means and covariances", 0,
     NULL, NULL, 0, 0, 2147483647.0, NULL},
    {"data_dir", AMOR_PARAM_STRING, "fashion_mnist: directory of the IDX .gz files", 0,
     "/usr/share/datasets/fashion-mnist", NULL, 0, 0, 0, NULL},
    {"classes", AMOR_PARAM_STRING,
     "fashion_mnist: pair (X and Y from two distinct random classes per context) or all "
     "(both from all images)",
     0, "pair", NULL, 0, 0, 0, "pair|all"},
    {"p", AMOR_PARAM_REAL, "order p >= 1 of W_p", 2.0, NULL, NULL, 0, 1, 64, NULL},
    {"objective", AMOR_PARAM_STRING, "wp: f = -W_p; wpp: f = -W_p^p", 0, "wp", NULL, 0, 0,
     0, "wp|wpp"},
    {"init_seed", AMOR_PARAM_INT, "seed of the fixed random unit direction `initial`", 0,
     NULL, NULL, 0, 0, 2147483647.0, NULL},
};

typedef struct ms_key {
    double t;   /* projection theta'x */
    size_t i;   /* the point's row */
} ms_key;

typedef struct ms {
    size_t n1, n2, d;
    double p;
    int root;              /* objective wp: f = -(W_p^p)^(1/p) */
    int fashion, pairs;
    /* gaussian: X ~ N(m1, L1 L1'), Y ~ N(m2, L2 L2') */
    double *m1, *m2;       /* (d) */
    double *L1, *L2;       /* (d, d) row-major */
    /* fashion_mnist: split s (0 train, 1 test) has nimg[s] images img[s]
     * (nimg, 784) bytes; the images of class c are rows
     * bycls[s][start[s][c] .. start[s][c + 1]) */
    unsigned char *img[2];
    size_t nimg[2];
    size_t *bycls[2];
    size_t start[2][MS_NCLASS + 1];
    double *init;          /* (d) the unit initial direction */
    /* scratch of one row (an instance is used by one thread at a time) */
    ms_key *ku, *kv;       /* (n1), (n2) */
    double *a, *b;         /* (n1), (n2) dS/dt per point */
    double *a2, *b2;       /* (n1), (n2) (d^2 S/dt^2 . Dt) per point, for hvp */
    double *su, *sv;       /* (n1), (n2) X v, Y v */
    double *gs, *hs, *th;  /* (d) grad S, Hess S v, theta used */
} ms;

/* ------------------------------------------------------------------------ */
/* The 1-D transport cost by quantile matching                              */

static int key_cmp(const void *pa, const void *pb)
{
    const ms_key *a = pa, *b = pb;
    if (a->t < b->t) return -1;
    if (a->t > b->t) return 1;
    return (a->i > b->i) - (a->i < b->i); /* ties by row: deterministic */
}

/* S = W_p^p between the empirical measures (1/n1) sum delta_{ku} and
 * (1/n2) sum delta_{kv}, both sorted.  The monotone coupling walks the
 * merged CDFs in integer units of 1/(n1 n2) (each x carries n2 units, each
 * y n1), so the masses are exact.  Pair (i, j) of mass w and gap t = u_i -
 * v_j adds w |t|^p; with a, b != NULL it also adds dS/dt = w p |t|^(p-1)
 * sgn t to a[i] and subtracts it from b[j] (the coupling is locally
 * constant, so dS/dtheta = X'a + Y'b).  With a2 != NULL and the directions'
 * projections su = X v, sv = Y v, a2[i] += e, b2[j] -= e with e = w p (p-1)
 * |t|^(p-2) (su_i - sv_j) (so Hess S v = X'a2 + Y'b2); |t|^(p-2) at t = 0
 * with p < 2 (a measure-zero tie) is taken as 0. */
static double qm_cost(const ms_key *ku, size_t n1, const ms_key *kv, size_t n2, double p,
                      double *a, double *b, const double *su, const double *sv, double *a2,
                      double *b2)
{
    size_t i = 0, j = 0, ra = n2, rb = n1;
    double S = 0.0, unit = 1.0 / ((double)n1 * (double)n2);
    while (i < n1 && j < n2) {
        size_t m = ra < rb ? ra : rb, xi = ku[i].i, yj = kv[j].i;
        double w = (double)m * unit, t = ku[i].t - kv[j].t, at = fabs(t);
        S += p == 2.0 ? w * t * t : w * pow(at, p);
        if (a) {
            double c = p == 2.0 ? 2.0 * w * t : (at > 0.0 ? w * p * pow(at, p - 1.0) * (t > 0 ? 1 : -1) : 0.0);
            a[xi] += c;
            b[yj] -= c;
        }
        if (a2) {
            double k = p == 2.0 ? 2.0 * w : (at > 0.0 && p != 1.0 ? w * p * (p - 1.0) * pow(at, p - 2.0) : 0.0);
            double e = k * (su[xi] - sv[yj]);
            a2[xi] += e;
            b2[yj] -= e;
        }
        ra -= m, rb -= m;
        if (!ra) i++, ra = n2;
        if (!rb) j++, rb = n1;
    }
    return S;
}

/* ------------------------------------------------------------------------ */
/* The objective, one row at a time                                         */

/* f(theta; x) for one row, with grad (d) and hv = Hess f v (d) when not NULL.
 * S(theta) = W_p^p(theta'X, theta'Y) with theta unnormalized is p-homogeneous,
 * so with N = S^q (q = 1/p for wp, 1 for wpp; N is m = pq homogeneous) and
 * r = |theta|,
 *     f = -N h,  h = r^(-m),
 * which is -W_p(u'X, u'Y) (or its p-th power) at u = theta / r, and
 *     grad f = -(h grad N + N grad h),
 *     Hess f v = -(h Hess N v + grad N (grad h'v) + grad h (grad N'v) + N Hess h v),
 *     grad N = q S^(q-1) grad S,
 *     Hess N v = q S^(q-1) Hess S v + q (q-1) S^(q-2) grad S (grad S'v),
 *     grad h = -m r^(-m-2) theta,
 *     Hess h v = -m r^(-m-2) v + m (m+2) r^(-m-4) theta (theta'v).
 * theta = 0 is read as e_1 (as the projection maps it), with grad and hv 0;
 * where S = 0 (both batches project to the same points) grad N and Hess N
 * are taken as 0. */
static double ms_row(ms *p, const double *x, const double *y, double *grad, const double *v,
                     double *hv)
{
    size_t n1 = p->n1, n2 = p->n2, d = p->d, i;
    const double *X = x, *Y = x + n1 * d, *th = y;
    double r = sqrt(am_ddot(d, y, y)), q = p->root ? 1.0 / p->p : 1.0, m = p->p * q;
    double S, N, h, *u = p->a2, *w = p->b2; /* a2, b2 hold the projections until sorted */
    int want = grad || hv;
    if (!(r > 0.0)) {
        memset(p->th, 0, d * sizeof *p->th);
        p->th[0] = 1.0;
        th = p->th;
        r = 1.0;
        if (grad) memset(grad, 0, d * sizeof *grad);
        if (hv) memset(hv, 0, d * sizeof *hv);
        want = 0;
    }
    am_dgemv(AM_NOTRANS, n1, d, 1.0, X, d, th, 0.0, u);
    am_dgemv(AM_NOTRANS, n2, d, 1.0, Y, d, th, 0.0, w);
    for (i = 0; i < n1; i++) p->ku[i] = (ms_key){u[i], i};
    for (i = 0; i < n2; i++) p->kv[i] = (ms_key){w[i], i};
    qsort(p->ku, n1, sizeof *p->ku, key_cmp);
    qsort(p->kv, n2, sizeof *p->kv, key_cmp);
    if (want) {
        memset(p->a, 0, n1 * sizeof *p->a);
        memset(p->b, 0, n2 * sizeof *p->b);
    }
    if (hv && want) {
        am_dgemv(AM_NOTRANS, n1, d, 1.0, X, d, v, 0.0, p->su);
        am_dgemv(AM_NOTRANS, n2, d, 1.0, Y, d, v, 0.0, p->sv);
        memset(p->a2, 0, n1 * sizeof *p->a2);
        memset(p->b2, 0, n2 * sizeof *p->b2);
    }
    S = qm_cost(p->ku, n1, p->kv, n2, p->p, want ? p->a : NULL, want ? p->b : NULL, p->su,
                p->sv, hv && want ? p->a2 : NULL, hv && want ? p->b2 : NULL);
    N = q == 1.0 ? S : pow(S, q);
    h = pow(r, -m);
    if (want) {
        double *gs = p->gs, gsv = 0.0, c1 = S > 0.0 ? q * N / S : 0.0; /* q S^(q-1) */
        double tv = 0.0, gnv, ght = -m * pow(r, -m - 2.0); /* grad h = ght theta */
        am_dgemv(AM_TRANS, n1, d, 1.0, X, d, p->a, 0.0, gs);
        am_dgemv(AM_TRANS, n2, d, 1.0, Y, d, p->b, 1.0, gs);
        if (grad)
            for (i = 0; i < d; i++) grad[i] = -(h * c1 * gs[i] + N * ght * th[i]);
        if (hv) {
            double *hs = p->hs, c2 = S > 0.0 ? q * (q - 1.0) * N / (S * S) : 0.0;
            am_dgemv(AM_TRANS, n1, d, 1.0, X, d, p->a2, 0.0, hs);
            am_dgemv(AM_TRANS, n2, d, 1.0, Y, d, p->b2, 1.0, hs);
            gsv = am_ddot(d, gs, v);
            tv = am_ddot(d, th, v);
            gnv = c1 * gsv; /* grad N'v */
            for (i = 0; i < d; i++) {
                double hn = c1 * hs[i] + c2 * gs[i] * gsv; /* Hess N v */
                double hh = -m * pow(r, -m - 2.0) * v[i] + m * (m + 2.0) * pow(r, -m - 4.0) * th[i] * tv;
                hv[i] = -(h * hn + c1 * gs[i] * ght * tv + ght * th[i] * gnv + N * hh);
            }
        }
    }
    return -N * h;
}

/* ------------------------------------------------------------------------ */
/* Data                                                                     */

static void ms_destroy(void *inst)
{
    ms *p = inst;
    int s;
    if (!p) return;
    free(p->m1), free(p->m2), free(p->L1), free(p->L2);
    for (s = 0; s < 2; s++) free(p->img[s]), free(p->bycls[s]);
    free(p->init), free(p->ku), free(p->kv), free(p->a), free(p->b), free(p->a2), free(p->b2);
    free(p->su), free(p->sv), free(p->gs), free(p->hs), free(p->th);
    free(p);
}

/* The two Gaussians from gaussian_seed: m_k ~ N(0, mean_scale^2 I / d) and
 * L_k = A_k / sqrt(d), A_k with iid N(0, 1) entries, so E[L_k L_k'] = I and
 * the two covariances differ in scale and orientation (their eigenvalues
 * spread as Marchenko-Pastur's over (0, 4)). */
static int make_gaussians(ms *p, double mean_scale, uint64_t seed)
{
    size_t d = p->d, k;
    amor_rng rng;
    if (!(p->m1 = malloc(d * sizeof *p->m1)) || !(p->m2 = malloc(d * sizeof *p->m2)) ||
        !(p->L1 = malloc(d * d * sizeof *p->L1)) || !(p->L2 = malloc(d * d * sizeof *p->L2)))
        return AMOR_ENOMEM;
    amor_rng_seed(&rng, seed);
    amor_rng_normal_fill(&rng, d, p->m1);
    amor_rng_normal_fill(&rng, d, p->m2);
    amor_rng_normal_fill(&rng, d * d, p->L1);
    amor_rng_normal_fill(&rng, d * d, p->L2);
    for (k = 0; k < d; k++) p->m1[k] *= mean_scale / sqrt((double)d), p->m2[k] *= mean_scale / sqrt((double)d);
    am_dscal(d * d, 1.0 / sqrt((double)d), p->L1);
    am_dscal(d * d, 1.0 / sqrt((double)d), p->L2);
    return AMOR_OK;
}

/* Images and labels of one split; the images of each class listed apart. */
static int read_split(ms *p, int s, const char *dir, char *err, size_t errlen)
{
    static const char *const stem[2] = {"train", "t10k"};
    const am_idx_shape ishape = {3, {0, 28, 28, 0}, {"images", "rows", "columns", NULL}, DATA_HINT};
    const am_idx_shape lshape = {1, {0, 0, 0, 0}, {"labels", NULL, NULL, NULL}, DATA_HINT};
    char ipath[4096], lpath[4096];
    am_idx im = {0}, lb = {0};
    size_t k, c, fill[MS_NCLASS];
    int rc;
    snprintf(ipath, sizeof ipath, "%s/%s-images-idx3-ubyte.gz", dir, stem[s]);
    snprintf(lpath, sizeof lpath, "%s/%s-labels-idx1-ubyte.gz", dir, stem[s]);
    if ((rc = am_idx_read(&im, ipath, &ishape, err, errlen))) return rc;
    if ((rc = am_idx_read(&lb, lpath, &lshape, err, errlen))) goto out;
    if (lb.dims[0] != im.dims[0]) {
        rc = amor_errorf(err, errlen, AMOR_EDATA, "max_sliced: '%s' holds %zu labels but '%s' %zu images",
                         lpath, lb.dims[0], ipath, im.dims[0]);
        goto out;
    }
    memset(p->start[s], 0, sizeof p->start[s]);
    for (k = 0; k < lb.count; k++) {
        if (lb.data[k] >= MS_NCLASS) {
            rc = amor_errorf(err, errlen, AMOR_EDATA,
                             "max_sliced: '%s': label %u of image %zu is not a class 0..9", lpath,
                             (unsigned)lb.data[k], k);
            goto out;
        }
        p->start[s][lb.data[k] + 1]++;
    }
    for (c = 0; c < MS_NCLASS; c++) {
        if (p->pairs && !p->start[s][c + 1]) {
            rc = amor_errorf(err, errlen, AMOR_EDATA,
                             "max_sliced: '%s' has no image of class %zu (classes = pair draws "
                             "from every class)", lpath, c);
            goto out;
        }
        p->start[s][c + 1] += p->start[s][c];
        fill[c] = p->start[s][c];
    }
    if (!(p->bycls[s] = malloc(lb.count * sizeof *p->bycls[s]))) {
        rc = amor_errorf(err, errlen, AMOR_ENOMEM, "max_sliced: out of memory");
        goto out;
    }
    for (k = 0; k < lb.count; k++) p->bycls[s][fill[lb.data[k]]++] = k;
    p->img[s] = im.data;
    p->nimg[s] = im.dims[0];
    im.data = NULL;
out:
    am_idx_free(&im);
    am_idx_free(&lb);
    return rc;
}

static int ms_create(const amor_value *pv, void **inst, char *err, size_t errlen)
{
    ms *p = calloc(1, sizeof *p);
    size_t n1, n2, d, nmax;
    int rc = AMOR_ENOMEM, s;
    amor_rng rng;
    if (!p) return amor_errorf(err, errlen, AMOR_ENOMEM, "max_sliced: out of memory");
    p->n1 = n1 = (size_t)pv[P_N1].i;
    p->n2 = n2 = (size_t)pv[P_N2].i;
    p->p = pv[P_P].r;
    p->root = !strcmp(pv[P_OBJECTIVE].s, "wp");
    p->fashion = !strcmp(pv[P_DATA].s, "fashion_mnist");
    p->pairs = !strcmp(pv[P_CLASSES].s, "pair");
    if (!p->fashion && strcmp(pv[P_DATA].s, "gaussian")) {
        rc = amor_errorf(err, errlen, AMOR_EINVAL,
                         "max_sliced: parameter 'data' must be gaussian or fashion_mnist, got '%s'",
                         pv[P_DATA].s);
        goto fail;
    }
    p->d = d = p->fashion ? MS_NPIX : (size_t)pv[P_DIM].i;
    nmax = n1 > n2 ? n1 : n2;
    if (!(p->init = malloc(d * sizeof *p->init)) || !(p->ku = malloc(n1 * sizeof *p->ku)) ||
        !(p->kv = malloc(n2 * sizeof *p->kv)) || !(p->a = malloc(n1 * sizeof *p->a)) ||
        !(p->b = malloc(n2 * sizeof *p->b)) || !(p->a2 = malloc(nmax * sizeof *p->a2)) ||
        !(p->b2 = malloc(nmax * sizeof *p->b2)) || !(p->su = malloc(n1 * sizeof *p->su)) ||
        !(p->sv = malloc(n2 * sizeof *p->sv)) || !(p->gs = malloc(d * sizeof *p->gs)) ||
        !(p->hs = malloc(d * sizeof *p->hs)) || !(p->th = malloc(d * sizeof *p->th)))
        goto nomem;
    if (p->fashion) {
        for (s = 0; s < 2; s++)
            if ((rc = read_split(p, s, pv[P_DATA_DIR].s, err, errlen))) goto fail;
    } else if (make_gaussians(p, pv[P_MEAN_SCALE].r, (uint64_t)pv[P_GAUSS_SEED].i)) {
        goto nomem;
    }
    amor_rng_seed(&rng, (uint64_t)pv[P_INIT_SEED].i);
    do {
        amor_rng_normal_fill(&rng, d, p->init);
    } while (!(am_ddot(d, p->init, p->init) > 0.0));
    am_dscal(d, 1.0 / sqrt(am_ddot(d, p->init, p->init)), p->init);
    *inst = p;
    return AMOR_OK;
nomem:
    rc = amor_errorf(err, errlen, AMOR_ENOMEM, "max_sliced: out of memory");
fail:
    ms_destroy(p);
    return rc;
}

static void ms_dims(const void *inst, size_t *nx, size_t *ny)
{
    const ms *p = inst;
    *nx = (p->n1 + p->n2) * p->d;
    *ny = p->d;
}

/* rows (k, d) ~ N(m, L L'). */
static void draw_gaussian(amor_rng *rng, const double *m, const double *L, size_t k, size_t d,
                          double *z, double *rows)
{
    size_t i;
    for (i = 0; i < k; i++) {
        amor_rng_normal_fill(rng, d, z);
        memcpy(rows + i * d, m, d * sizeof *m);
        am_dgemv(AM_NOTRANS, d, d, 1.0, L, d, z, 1.0, rows + i * d);
    }
}

/* rows (k, 784): k images drawn uniformly with replacement from the list
 * idx[0..nidx) of split s, pixels / 255. */
static void draw_images(const ms *p, amor_rng *rng, int s, const size_t *idx, size_t nidx,
                        size_t k, double *rows)
{
    size_t i, j;
    for (i = 0; i < k; i++) {
        size_t r = (size_t)(amor_rng_uniform(rng) * (double)nidx);
        const unsigned char *im;
        if (r >= nidx) r = nidx - 1;
        im = p->img[s] + (idx ? idx[r] : r) * MS_NPIX;
        for (j = 0; j < MS_NPIX; j++) rows[i * MS_NPIX + j] = im[j] / 255.0;
    }
}

/* Per context: gaussian, n1 points of N(m1, S1) then n2 of N(m2, S2), the
 * same two distributions for every context and split (mini-batch noise is
 * what varies); fashion_mnist, classes = pair: two distinct classes c1 != c2
 * drawn uniformly, then n1 images of c1 and n2 of c2; classes = all: n1 + n2
 * images of any class.  Training images for the train split, test images
 * for the held-out one. */
static int ms_sample_split(void *inst, amor_rng *rng, uint32_t split, size_t n, double *x,
                           char *err, size_t errlen)
{
    ms *p = inst;
    size_t nx = (p->n1 + p->n2) * p->d, i;
    int s = split == AMOR_SPLIT_HELDOUT;
    if (split != AMOR_SPLIT_TRAIN && split != AMOR_SPLIT_HELDOUT)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "max_sliced: unknown split %u (want AMOR_SPLIT_TRAIN %u or "
                           "AMOR_SPLIT_HELDOUT %u)",
                           (unsigned)split, AMOR_SPLIT_TRAIN, AMOR_SPLIT_HELDOUT);
    for (i = 0; i < n; i++) {
        double *X = x + i * nx, *Y = X + p->n1 * p->d;
        if (!p->fashion) {
            draw_gaussian(rng, p->m1, p->L1, p->n1, p->d, p->gs, X);
            draw_gaussian(rng, p->m2, p->L2, p->n2, p->d, p->gs, Y);
        } else if (p->pairs) {
            size_t c1 = (size_t)(amor_rng_uniform(rng) * MS_NCLASS), c2;
            size_t c2r = (size_t)(amor_rng_uniform(rng) * (MS_NCLASS - 1));
            if (c1 >= MS_NCLASS) c1 = MS_NCLASS - 1;
            if (c2r >= MS_NCLASS - 1) c2r = MS_NCLASS - 2;
            c2 = c2r < c1 ? c2r : c2r + 1; /* uniform over the other nine */
            draw_images(p, rng, s, p->bycls[s] + p->start[s][c1],
                        p->start[s][c1 + 1] - p->start[s][c1], p->n1, X);
            draw_images(p, rng, s, p->bycls[s] + p->start[s][c2],
                        p->start[s][c2 + 1] - p->start[s][c2], p->n2, Y);
        } else {
            draw_images(p, rng, s, NULL, p->nimg[s], p->n1 + p->n2, X);
        }
    }
    return AMOR_OK;
}

/* The train split, for hosts that do not know splits (ABI 1.0). */
static int ms_sample(void *inst, amor_rng *rng, size_t n, double *x, char *err, size_t errlen)
{
    return ms_sample_split(inst, rng, AMOR_SPLIT_TRAIN, n, x, err, errlen);
}

static int ms_value(void *inst, size_t n, const double *x, const double *y, double *f,
                    char *err, size_t errlen)
{
    ms *p = inst;
    size_t nx = (p->n1 + p->n2) * p->d, i;
    (void)err;
    (void)errlen;
    for (i = 0; i < n; i++) f[i] = ms_row(p, x + i * nx, y + i * p->d, NULL, NULL, NULL);
    return AMOR_OK;
}

static int ms_value_grad(void *inst, size_t n, const double *x, const double *y, double *f,
                         double *grad, char *err, size_t errlen)
{
    ms *p = inst;
    size_t nx = (p->n1 + p->n2) * p->d, i;
    (void)err;
    (void)errlen;
    for (i = 0; i < n; i++)
        f[i] = ms_row(p, x + i * nx, y + i * p->d, grad + i * p->d, NULL, NULL);
    return AMOR_OK;
}

static int ms_hvp(void *inst, size_t n, const double *x, const double *y, const double *v,
                  double *hv, char *err, size_t errlen)
{
    ms *p = inst;
    size_t nx = (p->n1 + p->n2) * p->d, i;
    (void)err;
    (void)errlen;
    for (i = 0; i < n; i++)
        ms_row(p, x + i * nx, y + i * p->d, NULL, v + i * p->d, hv + i * p->d);
    return AMOR_OK;
}

/* theta / |theta| in place (0 -> e_1); its VJP (I - u u') g / |theta|,
 * u = theta / |theta| (0 at theta = 0): amath's sphere projection. */
static int ms_project(void *inst, size_t n, const double *x, double *y, char *err,
                      size_t errlen)
{
    (void)x, (void)err, (void)errlen;
    am_sphere_project(y, y, n, ((const ms *)inst)->d);
    return AMOR_OK;
}

static int ms_project_vjp(void *inst, size_t n, const double *x, const double *y,
                          const double *gout, double *gin, char *err, size_t errlen)
{
    (void)x, (void)err, (void)errlen;
    am_sphere_project_vjp(gin, y, gout, n, ((const ms *)inst)->d);
    return AMOR_OK;
}

/* The same fixed random unit direction (init_seed) for every context. */
static int ms_initial(void *inst, size_t n, const double *x, double *y0, char *err,
                      size_t errlen)
{
    const ms *p = inst;
    size_t i;
    (void)x;
    (void)err;
    (void)errlen;
    for (i = 0; i < n; i++) memcpy(y0 + i * p->d, p->init, p->d * sizeof *y0);
    return AMOR_OK;
}

static const amor_problem_desc ms_desc = {
    .head = AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "max_sliced", "1.0",
                      "max-sliced Wasserstein direction: -W_p(u'X, u'Y), u = y/|y|, x = (X, Y) "
                      "two mini-batches (Gaussians or Fashion-MNIST)",
                      ms_params, NUM_P),
    .create = ms_create,
    .destroy = ms_destroy,
    .dims = ms_dims,
    .sample = ms_sample,
    .value = ms_value,
    .value_grad = ms_value_grad,
    .hvp = ms_hvp,
    .project = ms_project,
    .project_vjp = ms_project_vjp,
    .initial = ms_initial,
    .sample_split = ms_sample_split,
};

AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t index)
{
    return index == 0 ? &ms_desc.head : NULL;
}
