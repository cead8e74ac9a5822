/*
 * amlp.c -- shared plugin math (see amath.h), part 2: dense layers (BLAS
 * through amath.c's wrapper, narrow outputs by loops of their own) and the
 * MLP stack, forward and backward in panels of rows.
 */
#include "amath.h"
#include "amath_impl.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Dense layer                                                              */

void am_rows_fill(double *dst, const double *v, size_t n, size_t d)
{
    size_t i;
    if (d == 0) return;
    for (i = 0; i < n; i++) memcpy(dst + i * d, v, d * sizeof *dst);
}

void am_colsum_acc(double *dv, const double *src, size_t n, size_t d)
{
    size_t i;
    for (i = 0; i < n; i++) add_row(dv, src + i * d, d); /* row by row */
}

/* Layers with at most AM_NARROW outputs (an MLP's last layer: ny = 3 on the
 * sphere, 2 for Rosenbrock) are done by the loops below instead of BLAS:
 * BLAS would copy the whole wide operand into its panel format for a
 * product that reads it once, and its kernels are built for wide tiles
 * (measured with OpenBLAS 0.3.21 at n = 4096, nin = 128, nout = 3:
 * forward 9 GFLOPS, weight gradient 7, against 45 for the 128-wide layer). */
#define AM_NARROW 4

#if defined(__GNUC__) || defined(__clang__)
#define AM_INLINE static inline __attribute__((always_inline))
#else
#define AM_INLINE static inline
#endif

/* The narrow kernels take the width as a constant NOUT (1 .. AM_NARROW; the
 * dispatchers below switch on it) so that, inlined, the per-output
 * accumulators are plain registers. */

/* out (n, NOUT) = in (n, nin) W^T + b (NULL: none): every row of `in` read
 * once for all NOUT dot products, each summed in two-lane pairs (k even, k
 * odd) that are added at the end. */
AM_INLINE void narrow_forward_k(double *out, const double *in, const double *w,
                                const double *b, size_t n, size_t nin,
                                const size_t NOUT)
{
    size_t i, j, k;
    const double *w0 = w, *w1 = w + (NOUT > 1) * nin, *w2 = w + (NOUT > 2) * 2 * nin,
                 *w3 = w + (NOUT > 3) * 3 * nin;
    for (i = 0; i < n; i++) {
        const double *a = in + i * nin;
        double s[AM_NARROW];
        k = 0;
#ifdef AM_VEC2
        {
            am_v2d c0 = {0.0, 0.0}, c1 = c0, c2 = c0, c3 = c0;
            am_v2d d0 = c0, d1 = c0, d2 = c0, d3 = c0; /* second chains: 2x the adds in flight */
            for (; k + 4 <= nin; k += 4) {
                am_v2d v = v2_load(a + k), u = v2_load(a + k + 2);
                c0 += v * v2_load(w0 + k);
                d0 += u * v2_load(w0 + k + 2);
                if (NOUT > 1) c1 += v * v2_load(w1 + k), d1 += u * v2_load(w1 + k + 2);
                if (NOUT > 2) c2 += v * v2_load(w2 + k), d2 += u * v2_load(w2 + k + 2);
                if (NOUT > 3) c3 += v * v2_load(w3 + k), d3 += u * v2_load(w3 + k + 2);
            }
            c0 += d0, c1 += d1, c2 += d2, c3 += d3;
            for (; k + 2 <= nin; k += 2) {
                am_v2d v = v2_load(a + k);
                c0 += v * v2_load(w0 + k);
                if (NOUT > 1) c1 += v * v2_load(w1 + k);
                if (NOUT > 2) c2 += v * v2_load(w2 + k);
                if (NOUT > 3) c3 += v * v2_load(w3 + k);
            }
            s[0] = c0[0] + c0[1];
            if (NOUT > 1) s[1] = c1[0] + c1[1];
            if (NOUT > 2) s[2] = c2[0] + c2[1];
            if (NOUT > 3) s[3] = c3[0] + c3[1];
        }
#else
        for (j = 0; j < NOUT; j++) s[j] = 0.0;
#endif
        for (; k < nin; k++)
            for (j = 0; j < NOUT; j++) s[j] += a[k] * w[j * nin + k];
        for (j = 0; j < NOUT; j++) out[i * NOUT + j] = b ? b[j] + s[j] : s[j];
    }
}

/* dw (NOUT, nin) += dout^T (NOUT, n) in (n, nin): four (then two) columns
 * of dw per output stay in registers over all n rows (summed in row
 * order). */
AM_INLINE void narrow_dw_k(double *dw, const double *dout, const double *in,
                           size_t n, size_t nin, const size_t NOUT)
{
    size_t i, j, k = 0;
#ifdef AM_VEC2
    for (; k + 4 <= nin; k += 4) {
        am_v2d c0 = {0.0, 0.0}, c1 = c0, c2 = c0, c3 = c0;
        am_v2d d0 = c0, d1 = c0, d2 = c0, d3 = c0;
        const double *a = in + k, *g = dout;
        for (i = 0; i < n; i++, a += nin, g += NOUT) {
            am_v2d v = v2_load(a), u = v2_load(a + 2), gj = {g[0], g[0]};
            c0 += gj * v, d0 += gj * u;
            if (NOUT > 1) gj = (am_v2d){g[1], g[1]}, c1 += gj * v, d1 += gj * u;
            if (NOUT > 2) gj = (am_v2d){g[2], g[2]}, c2 += gj * v, d2 += gj * u;
            if (NOUT > 3) gj = (am_v2d){g[3], g[3]}, c3 += gj * v, d3 += gj * u;
        }
        for (j = 0; j < NOUT; j++) {
            am_v2d c = j == 0 ? c0 : j == 1 ? c1 : j == 2 ? c2 : c3;
            am_v2d d = j == 0 ? d0 : j == 1 ? d1 : j == 2 ? d2 : d3;
            v2_store(dw + j * nin + k, v2_load(dw + j * nin + k) + c);
            v2_store(dw + j * nin + k + 2, v2_load(dw + j * nin + k + 2) + d);
        }
    }
    for (; k + 2 <= nin; k += 2) {
        am_v2d c0 = {0.0, 0.0}, c1 = c0, c2 = c0, c3 = c0;
        const double *a = in + k, *g = dout;
        for (i = 0; i < n; i++, a += nin, g += NOUT) {
            am_v2d v = v2_load(a);
            c0 += (am_v2d){g[0], g[0]} * v;
            if (NOUT > 1) c1 += (am_v2d){g[1], g[1]} * v;
            if (NOUT > 2) c2 += (am_v2d){g[2], g[2]} * v;
            if (NOUT > 3) c3 += (am_v2d){g[3], g[3]} * v;
        }
        v2_store(dw + k, v2_load(dw + k) + c0);
        if (NOUT > 1) v2_store(dw + nin + k, v2_load(dw + nin + k) + c1);
        if (NOUT > 2) v2_store(dw + 2 * nin + k, v2_load(dw + 2 * nin + k) + c2);
        if (NOUT > 3) v2_store(dw + 3 * nin + k, v2_load(dw + 3 * nin + k) + c3);
    }
#endif
    for (; k < nin; k++)
        for (j = 0; j < NOUT; j++) {
            double s = 0.0;
            for (i = 0; i < n; i++) s += dout[i * NOUT + j] * in[i * nin + k];
            dw[j * nin + k] += s;
        }
}

/* dinp (n, nin) = dout (n, NOUT) W (NOUT, nin), or += with acc: one pass
 * over each row. */
AM_INLINE void narrow_dx_k(double *dinp, const double *dout, const double *w,
                           size_t n, size_t nin, int acc, const size_t NOUT)
{
    size_t i, k;
    const double *w0 = w, *w1 = w + (NOUT > 1) * nin, *w2 = w + (NOUT > 2) * 2 * nin,
                 *w3 = w + (NOUT > 3) * 3 * nin;
    for (i = 0; i < n; i++) {
        double *row = dinp + i * nin;
        const double *g = dout + i * NOUT;
        k = 0;
#ifdef AM_VEC2
        {
            am_v2d g0 = {g[0], g[0]}, g1 = g0, g2 = g0, g3 = g0;
            if (NOUT > 1) g1 = (am_v2d){g[1], g[1]};
            if (NOUT > 2) g2 = (am_v2d){g[2], g[2]};
            if (NOUT > 3) g3 = (am_v2d){g[3], g[3]};
            for (; k + 2 <= nin; k += 2) {
                am_v2d t = g0 * v2_load(w0 + k);
                if (NOUT > 1) t += g1 * v2_load(w1 + k);
                if (NOUT > 2) t += g2 * v2_load(w2 + k);
                if (NOUT > 3) t += g3 * v2_load(w3 + k);
                v2_store(row + k, acc ? v2_load(row + k) + t : t);
            }
        }
#endif
        for (; k < nin; k++) {
            double t = g[0] * w0[k];
            if (NOUT > 1) t += g[1] * w1[k];
            if (NOUT > 2) t += g[2] * w2[k];
            if (NOUT > 3) t += g[3] * w3[k];
            row[k] = acc ? row[k] + t : t;
        }
    }
}

static void narrow_forward(double *out, const double *in, const double *w,
                           const double *b, size_t n, size_t nin, size_t nout)
{
    switch (nout) {
    case 1: narrow_forward_k(out, in, w, b, n, nin, 1); break;
    case 2: narrow_forward_k(out, in, w, b, n, nin, 2); break;
    case 3: narrow_forward_k(out, in, w, b, n, nin, 3); break;
    default: narrow_forward_k(out, in, w, b, n, nin, 4); break;
    }
}

static void narrow_dw(double *dw, const double *dout, const double *in, size_t n,
                      size_t nin, size_t nout)
{
    switch (nout) {
    case 1: narrow_dw_k(dw, dout, in, n, nin, 1); break;
    case 2: narrow_dw_k(dw, dout, in, n, nin, 2); break;
    case 3: narrow_dw_k(dw, dout, in, n, nin, 3); break;
    default: narrow_dw_k(dw, dout, in, n, nin, 4); break;
    }
}

static void narrow_dx(double *dinp, const double *dout, const double *w, size_t n,
                      size_t nin, size_t nout, int acc)
{
    switch (nout) {
    case 1: narrow_dx_k(dinp, dout, w, n, nin, acc, 1); break;
    case 2: narrow_dx_k(dinp, dout, w, n, nin, acc, 2); break;
    case 3: narrow_dx_k(dinp, dout, w, n, nin, acc, 3); break;
    default: narrow_dx_k(dinp, dout, w, n, nin, acc, 4); break;
    }
}

void am_dense_forward(double *out, const double *in, const double *w,
                      const double *b, size_t n, size_t nin, size_t nout)
{
    if (n == 0 || nout == 0) return;
    if (nout <= AM_NARROW) {
        narrow_forward(out, in, w, b, n, nin, nout);
        return;
    }
    if (b) am_rows_fill(out, b, n, nout);
    if (n == 1) /* a matrix-vector product: dgemm would first copy all of W */
        am_dgemv(AM_NOTRANS, nout, nin, 1.0, w, nin, in, b ? 1.0 : 0.0, out);
    else
        am_dgemm(AM_NOTRANS, AM_TRANS, n, nout, nin, 1.0, in, nin, w, nin,
                 b ? 1.0 : 0.0, out, nout);
}

/* dw (nout, nin) += dout^T (nout, n) in (n, nin) */
static void dense_dw(double *dw, const double *dout, const double *in, size_t n,
                     size_t nin, size_t nout)
{
    if (nout <= AM_NARROW)
        narrow_dw(dw, dout, in, n, nin, nout);
    else
        am_dgemm(AM_TRANS, AM_NOTRANS, nout, nin, n, 1.0, dout, nout, in, nin, 1.0,
                 dw, nin);
}

/* dinp (n, nin) = dout (n, nout) W (nout, nin), or += with acc */
static void dense_dx(double *dinp, const double *dout, const double *w, size_t n,
                     size_t nin, size_t nout, int acc)
{
    if (nout <= AM_NARROW)
        narrow_dx(dinp, dout, w, n, nin, nout, acc);
    else
        am_dgemm(AM_NOTRANS, AM_NOTRANS, n, nin, nout, 1.0, dout, nout, w, nin,
                 acc ? 1.0 : 0.0, dinp, nin);
}

void am_dense_backward(double *dinp, double *dw, double *db,
                       const double *dout, const double *in, const double *w,
                       size_t n, size_t nin, size_t nout)
{
    if (n == 0 || nout == 0 || nin == 0) {
        if (db) am_colsum_acc(db, dout, n, nout);
        return;
    }
    if (dw) dense_dw(dw, dout, in, n, nin, nout);
    if (db) am_colsum_acc(db, dout, n, nout);
    if (dinp) dense_dx(dinp, dout, w, n, nin, nout, 1);
}

/* ------------------------------------------------------------------------ */
/* MLP stack                                                                */

void am_mlp_free(am_mlp *m)
{
    if (!m) return;
    free(m->dims);
    free(m->woff);
    free(m->boff);
    free(m->hoff);
    memset(m, 0, sizeof *m);
}

int am_mlp_create(am_mlp *m, const size_t *dims, size_t nlayers, am_act act,
                  char *err, size_t errlen)
{
    size_t l, off = 0, hrow = 0;
    memset(m, 0, sizeof *m);
    if (nlayers == 0)
        return amor_errorf(err, errlen, AMOR_EINVAL, "mlp: no layers");
    if (nlayers > SIZE_MAX / (4 * sizeof(size_t)))
        return amor_errorf(err, errlen, AMOR_EINVAL, "mlp: too many layers");
    m->nlayers = nlayers;
    m->act = act;
    m->dims = malloc((nlayers + 1) * sizeof *m->dims);
    m->woff = malloc(nlayers * sizeof *m->woff);
    m->boff = malloc(nlayers * sizeof *m->boff);
    m->hoff = malloc(nlayers * sizeof *m->hoff); /* uses nlayers - 1 */
    if (!m->dims || !m->woff || !m->boff || !m->hoff) {
        am_mlp_free(m);
        return amor_errorf(err, errlen, AMOR_ENOMEM, "mlp: out of memory");
    }
    memcpy(m->dims, dims, (nlayers + 1) * sizeof *m->dims);
    for (l = 0; l < nlayers; l++) {
        size_t wlen;
        m->woff[l] = off;
        if (am_mul_size(dims[l + 1], dims[l], &wlen) || am_add_size(off, wlen, &off))
            goto overflow;
        m->boff[l] = off;
        if (am_add_size(off, dims[l + 1], &off)) goto overflow;
        if (l + 1 < nlayers) { /* hidden: Z_l then H_l */
            size_t two;
            m->hoff[l] = hrow;
            if (am_mul_size(2, dims[l + 1], &two) || am_add_size(hrow, two, &hrow))
                goto overflow;
            m->hsum += dims[l + 1];
            if (dims[l + 1] > m->hmax) m->hmax = dims[l + 1];
        }
    }
    m->num_params = off;
    /* per-row workspace 2 hsum + 2 hmax must fit too */
    if (am_add_size(hrow, m->hmax, &hrow) || am_add_size(hrow, m->hmax, &hrow))
        goto overflow;
    return AMOR_OK;
overflow:
    am_mlp_free(m);
    return amor_errorf(err, errlen, AMOR_EINVAL, "mlp: layer sizes overflow size_t");
}

int am_act_parse_hidden(const char *name, am_act *act, const char *who,
                        char *err, size_t errlen)
{
    if (am_act_parse(name, act) || *act == AM_ACT_IDENTITY)
        return amor_errorf(err, errlen, AMOR_EINVAL,
                           "%s: parameter 'activation' must be one of %s", who,
                           AM_ACT_CHOICES);
    return AMOR_OK;
}

int am_mlp_create_hidden(am_mlp *m, size_t nx, const int64_t *hidden,
                         size_t nhidden, size_t ny, am_act act, const char *who,
                         char *err, size_t errlen)
{
    size_t *dims, k;
    int rc;
    if (nhidden > SIZE_MAX / sizeof *dims - 2)
        return amor_errorf(err, errlen, AMOR_EINVAL, "%s: too many layers", who);
    for (k = 0; k < nhidden; k++)
        if (hidden[k] < 1 || hidden[k] > 65536)
            return amor_errorf(err, errlen, AMOR_EINVAL,
                               "%s: parameter 'hidden': element %zu must be in "
                               "[1, 65536], got %lld",
                               who, k + 1, (long long)hidden[k]);
    dims = malloc((nhidden + 2) * sizeof *dims);
    if (!dims) return amor_errorf(err, errlen, AMOR_ENOMEM, "%s: out of memory", who);
    dims[0] = nx;
    for (k = 0; k < nhidden; k++) dims[k + 1] = (size_t)hidden[k];
    dims[nhidden + 1] = ny;
    rc = am_mlp_create(m, dims, nhidden + 1, act, err, errlen);
    free(dims);
    return rc;
}

size_t am_mlp_workspace_size(const am_mlp *m, size_t n)
{
    size_t row = 2 * m->hsum + 2 * m->hmax, bytes; /* checked at create */
    if (am_mul_size(n, row, &bytes) || am_mul_size(bytes, sizeof(double), &bytes))
        return SIZE_MAX;
    return bytes;
}

void am_mlp_init_torch(const am_mlp *m, double *theta, amor_rng *rng)
{
    size_t l;
    for (l = 0; l < m->nlayers; l++) {
        size_t nin = m->dims[l], nout = m->dims[l + 1];
        double bound = nin ? 1.0 / sqrt((double)nin) : 0.0;
        am_fill_uniform(theta + m->woff[l], nout * nin, -bound, bound, rng);
        am_fill_uniform(theta + m->boff[l], nout, -bound, bound, rng);
    }
}

/* Rows per pass of the MLP: forward and backward run the whole stack on a
 * panel of this many rows before the next one, so a panel's activations are
 * still in cache (L2) when the next layer, the activation pass or the
 * gradient pass reads them, and every product is a BLAS call of a size its
 * kernels run at full speed (at 4096 rows the 128-wide products ran at
 * 42-45 GFLOPS, as 256-row panels at 44-49).  Weight gradients are summed
 * panel by panel. */
#define AM_MLP_ROWS 256

void am_mlp_forward(const am_mlp *m, double *out, const double *theta,
                    const double *x, size_t n, void *ws)
{
    double *w = ws;
    size_t l, L = m->nlayers, r0, rows;
    for (r0 = 0; r0 < n; r0 += rows) {
        const double *in = x + r0 * m->dims[0]; /* (rows, dims[0]) */
        rows = min_sz(AM_MLP_ROWS, n - r0);
        for (l = 0; l < L; l++) {
            size_t nin = m->dims[l], nout = m->dims[l + 1];
            double *z = (l + 1 == L ? out : w + n * m->hoff[l]) + r0 * nout; /* (rows, nout) */
            am_dense_forward(z, in, theta + m->woff[l], theta + m->boff[l], rows, nin,
                             nout);
            if (l + 1 < L) {
                double *h = w + n * (m->hoff[l] + nout) + r0 * nout; /* (rows, nout) */
                am_act_forward(h, z, rows * nout, m->act);
                in = h;
            }
        }
    }
}

/* dz (d) = dh * act'(z) for one row, overwritten: the same arithmetic as
 * am_act_backward into a zeroed dz, without the zeroing pass. */
static void act_grad_row(double *dz, const double *dh, const double *z,
                         const double *h, size_t d, am_act act)
{
    size_t j = 0;
    switch (act) {
    case AM_ACT_IDENTITY:
        memcpy(dz, dh, d * sizeof *dz);
        break;
    case AM_ACT_RELU: /* h > 0 exactly where z > 0 (NaN: neither); h is the
                         row the weight gradient just read, still in cache */
#ifdef AM_VEC2
        for (; j + 4 <= d; j += 4) {
            const am_v2d zero = {0.0, 0.0};
            am_v2d a = v2_load(h + j), b = v2_load(h + j + 2);
            v2_store(dz + j, v2_select(a > zero, v2_load(dh + j)));
            v2_store(dz + j + 2, v2_select(b > zero, v2_load(dh + j + 2)));
        }
#endif
        for (; j < d; j++) dz[j] = h[j] > 0.0 ? dh[j] : 0.0;
        break;
    case AM_ACT_TANH:
        for (; j < d; j++) dz[j] = dh[j] * (1.0 - h[j] * h[j]);
        break;
    case AM_ACT_SOFTPLUS:
        for (; j < d; j++) dz[j] = dh[j] * sigmoid(z[j]);
        break;
    case AM_ACT_ELU:
        for (; j < d; j++) dz[j] = z[j] > 0.0 ? dh[j] : dh[j] * exp(z[j]);
        break;
    }
}

/* Backward, one panel of rows at a time (see AM_MLP_ROWS), layer by layer
 * from the top, each pass over a panel doing as much as it can while its
 * rows are in cache:
 *   dW_l += dcur^T in_l,  dh = dcur W_l (into scratch, not read first),
 *   then one pass per row: dz = dh * act'(Z_{l-1}) and db_{l-1} += dz
 *   (the bias gradient of the layer below; the top layer's is a column sum
 *   of dout).  Bias gradients are summed row by row in row order, as
 *   am_dense_backward; dz is am_act_backward's value without its zeroing
 *   and re-reading passes. */
void am_mlp_backward(const am_mlp *m, double *dx, double *dtheta,
                     const double *dout, const double *theta, const double *x,
                     size_t n, void *ws)
{
    double *w = ws;
    double *dh = w + n * 2 * m->hsum;  /* (rows, hmax) dL/dH of the layer below */
    double *dz = dh + n * m->hmax;     /* (rows, hmax) dL/dZ of the layer below */
    size_t L = m->nlayers, r0, rows, i;
    for (r0 = 0; r0 < n; r0 += rows) {
        const double *dcur = dout + r0 * m->dims[L]; /* (rows, dims[l+1]) dL/dZ_l */
        size_t l = L;
        rows = min_sz(AM_MLP_ROWS, n - r0);
        if (dtheta) /* the top layer's bias */
            am_colsum_acc(dtheta + m->boff[L - 1], dcur, rows, m->dims[L]);
        while (l-- > 0) {
            size_t nin = m->dims[l], nout = m->dims[l + 1];
            const double *in = l ? w + n * (m->hoff[l - 1] + nin) + r0 * nin
                                 : x + r0 * nin;        /* (rows, nin) */
            const double *wl = theta + m->woff[l];      /* (nout, nin) */
            if (nout == 0 || nin == 0) break;           /* no gradient flows further */
            if (dtheta) dense_dw(dtheta + m->woff[l], dcur, in, rows, nin, nout);
            if (!l) {
                if (dx) dense_dx(dx + r0 * nin, dcur, wl, rows, nin, nout, 1);
                break;
            }
            dense_dx(dh, dcur, wl, rows, nin, nout, 0);
            {
                const double *zb = w + n * m->hoff[l - 1] + r0 * nin; /* (rows, nin) */
                double *db = dtheta ? dtheta + m->boff[l - 1] : NULL;
                for (i = 0; i < rows; i++) { /* dcur may be dz: consumed above */
                    act_grad_row(dz + i * nin, dh + i * nin, zb + i * nin, in + i * nin,
                                 nin, m->act);
                    if (db) add_row(db, dz + i * nin, nin);
                }
            }
            dcur = dz;
        }
    }
}
