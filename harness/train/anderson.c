/*
 * anderson.c -- Anderson acceleration of a batched fixed-point step (see
 * anderson.h for the method, the regularization and the safeguard).
 */
#include "anderson.h"

#include "amor.h"
#include "blas.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct anderson {
    size_t n, S, nx, m, M;   /* instances, state length, context width, memory,
                                rows of the least squares (S + m) */
    anderson_cfg cfg;
    double *dX, *dF;         /* (n, m, S): instance i's secant pairs, column j at
                                (i * m + j) * S, a ring of cnt[i] columns */
    double *xprev, *fprev;   /* (n, S): x_k and f_k of the last iteration */
    double *g;               /* (n, S): step(x_k) */
    double *rnew;            /* (n) */
    size_t *cnt, *head;      /* (n): columns held, the slot written next */
    unsigned char *started;  /* (n): xprev, fprev hold an iterate */
    unsigned char *plain;    /* (n): this iteration took the plain step */
    double *a, *b, *work;    /* least squares: (M, m) column-major, (M), (lwork) */
    size_t lwork;
    double *px, *ps, *pr;    /* (n, nx), (n, S), (n): rejected rows, packed */
    size_t *pidx;            /* (n) */
    size_t rejected, singular;
    void *block;             /* the one allocation the arrays above are carved from */
};

int anderson_new(anderson **out, size_t n, size_t S, size_t nx, const anderson_cfg *cfg,
                 char *err, size_t errlen)
{
    anderson *A;
    size_t m = cfg->memory, M = S + m, lwork, nd, nz, k;
    double *p;
    size_t *q;
    *out = NULL;
    if (!n || !S || !m)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "anderson: instances, state length and memory must be positive");
    /* everything below is counted in doubles: refuse what would overflow */
    if (m > ((size_t)-1 / 16) / S || nx > ((size_t)-1 / 16) / 2 ||
        n > ((size_t)-1 / 16) / (2 * m * S + 4 * S + nx + 8))
        return amor_errorf(err, errlen, AMOR_ENOMEM, "anderson: %zu instances of state length "
                           "%zu with memory %zu: too large", n, S, m);
    if (!(lwork = blas_dgels_work(M, m, err, errlen))) return AMOR_EINVAL;
    nd = 2 * n * m * S + 4 * n * S + 2 * n + M * m + M + lwork + n * nx;
    nz = 3 * n;
    A = calloc(1, sizeof *A);
    /* zeroed: every page touched now, not in the first timed iteration */
    if (!A || !(A->block = calloc(1, nd * sizeof(double) + nz * sizeof(size_t) + 2 * n))) {
        free(A);
        return amor_errorf(err, errlen, AMOR_ENOMEM, "anderson: out of memory");
    }
    A->n = n;
    A->S = S;
    A->nx = nx;
    A->m = m;
    A->M = M;
    A->cfg = *cfg;
    A->lwork = lwork;
    p = A->block;
    A->dX = p; p += n * m * S;
    A->dF = p; p += n * m * S;
    A->xprev = p; p += n * S;
    A->fprev = p; p += n * S;
    A->g = p; p += n * S;
    A->rnew = p; p += n;
    A->pr = p; p += n;
    A->a = p; p += M * m;
    A->b = p; p += M;
    A->work = p; p += lwork;
    A->px = p; p += n * nx;
    A->ps = p; p += n * S;
    q = (size_t *)p;
    A->cnt = q; q += n;
    A->head = q; q += n;
    A->pidx = q; q += n;
    A->started = (unsigned char *)q;
    A->plain = A->started + n;
    anderson_reset(A);
    /* OpenBLAS maps its work buffers on its first triangular solve: pay
     * that here, not in the iterations the solver phase times */
    for (k = 1; k <= m; k++) { /* each width once, on a dense matrix (a sparse one
                                  skips the reflections' BLAS calls) */
        size_t j;
        for (j = 0; j < M * k; j++) A->a[j] = 1.0 / (double)(j % M + j / M + 1);
        for (j = 0; j < M; j++) A->b[j] = 1;
        if (blas_dgels(M, k, A->a, M, A->b, A->work, lwork, err, errlen) < 0) {
            anderson_free(A);
            return AMOR_EINVAL;
        }
    }
    *out = A;
    return 0;
}

void anderson_free(anderson *A)
{
    if (!A) return;
    free(A->block);
    free(A);
}

void anderson_reset(anderson *A)
{
    memset(A->cnt, 0, A->n * sizeof *A->cnt);
    memset(A->head, 0, A->n * sizeof *A->head);
    memset(A->started, 0, A->n);
}

size_t anderson_rejected(const anderson *A) { return A->rejected; }
size_t anderson_singular(const anderson *A) { return A->singular; }

/* Instance i's next iterate into x (its row of the state), from x_k (in x),
 * g_k and its history; 1 when that is the plain step g_k. */
static int next_iterate(anderson *A, size_t i, double *x, const double *g, char *err,
                        size_t errlen, int *fail)
{
    size_t S = A->S, m = A->m, M = A->M, s, j, k = A->cnt[i];
    double *dX = A->dX + i * m * S, *dF = A->dF + i * m * S;
    double *xp = A->xprev + i * S, *fp = A->fprev + i * S;
    double beta = A->cfg.beta, lambda = 0, *gam = A->b;
    int info;
    /* the new secant pair, then x_k and f_k become the previous ones */
    if (A->started[i]) {
        double *cx = dX + A->head[i] * S, *cf = dF + A->head[i] * S;
        for (s = 0; s < S; s++) {
            double f = g[s] - x[s];
            cx[s] = x[s] - xp[s];
            cf[s] = f - fp[s];
        }
        A->head[i] = (A->head[i] + 1) % m;
        if (k < m) A->cnt[i] = ++k;
    }
    for (s = 0; s < S; s++) {
        fp[s] = g[s] - x[s];
        xp[s] = x[s];
    }
    A->started[i] = 1;
    if (!k) {
        if (beta == 1) { /* exactly g_k, not x_k + (g_k - x_k) rounded */
            memcpy(x, g, S * sizeof *x);
            return 1;
        }
        for (s = 0; s < S; s++) x[s] += beta * fp[s];
        return 0;
    }
    /* [dF; sqrt(lambda) I] gamma ~ [f_k; 0] */
    for (j = 0; j < k; j++)
        for (s = 0; s < S; s++) lambda += dF[j * S + s] * dF[j * S + s];
    lambda = sqrt(A->cfg.reg * lambda);
    for (j = 0; j < k; j++) {
        double *col = A->a + j * M;
        memcpy(col, dF + j * S, S * sizeof *col);
        memset(col + S, 0, m * sizeof *col);
        col[S + j] = lambda;
    }
    memcpy(A->b, fp, S * sizeof *A->b);
    memset(A->b + S, 0, m * sizeof *A->b);
    info = blas_dgels(M, k, A->a, M, A->b, A->work, A->lwork, err, errlen);
    if (info < 0) {
        *fail = 1;
        return 0;
    }
    for (j = 0; j < k && info == 0; j++)
        if (!isfinite(gam[j])) info = 1;
    if (info) { /* singular: the plain step, and a new history */
        A->singular++;
        A->cnt[i] = A->head[i] = 0;
        memcpy(x, g, S * sizeof *x);
        return 1;
    }
    for (s = 0; s < S; s++) {
        double v = x[s] + beta * fp[s];
        for (j = 0; j < k; j++) v -= gam[j] * (dX[j * S + s] + beta * dF[j * S + s]);
        x[s] = v;
    }
    return 0;
}

int anderson_iterate(anderson *A, const anderson_map *F, double *state, double *r, char *err,
                     size_t errlen)
{
    size_t n = A->n, S = A->S, i, nb = 0;
    int rc, fail = 0;
    if ((rc = F->step(F->ctx, n, F->x, state, A->g, err, errlen))) return rc;
    for (i = 0; i < n && !fail; i++)
        A->plain[i] = (unsigned char)next_iterate(A, i, state + i * S, A->g + i * S, err, errlen,
                                                  &fail);
    if (fail) return AMOR_EINVAL;
    if ((rc = F->residual(F->ctx, n, F->x, state, A->rnew, err, errlen))) return rc;
    if (A->cfg.safeguard) {
        /* the residual grew (or is NaN): the plain step instead */
        for (i = 0; i < n; i++) {
            if (A->plain[i] || A->rnew[i] <= r[i]) continue;
            memcpy(state + i * S, A->g + i * S, S * sizeof *state);
            A->cnt[i] = A->head[i] = 0;
            memcpy(A->px + nb * A->nx, F->x + i * A->nx, A->nx * sizeof *A->px);
            memcpy(A->ps + nb * S, A->g + i * S, S * sizeof *A->ps);
            A->pidx[nb++] = i;
        }
        A->rejected += nb;
        if (nb) {
            if ((rc = F->residual(F->ctx, nb, A->px, A->ps, A->pr, err, errlen))) return rc;
            for (i = 0; i < nb; i++) A->rnew[A->pidx[i]] = A->pr[i];
        }
    }
    memcpy(r, A->rnew, n * sizeof *r);
    return 0;
}
