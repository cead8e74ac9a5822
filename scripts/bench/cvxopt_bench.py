#!/usr/bin/python3
"""cvxopt_bench.py -- cvxopt's side of `make bench`'s qp workload: Debian's
python3-cvxopt QP solver (solvers.qp, a primal-dual interior-point method)
on the contexts bench/qp_admm.c solved with the qp problem's own solve, for
the two to be compared at the same accuracy.

    /usr/bin/python3 scripts/bench/cvxopt_bench.py --contexts FILE
        [--clock cpu|wall]

FILE is qp_admm's --dump: n, m, then per context (q, l, u, M, A) and amor's
y*, raw doubles.  Each QP is solved as cvxopt writes it, P = M M' + 1e-2 I,
G = [A; -A], h = [u; -l], with abstol = reltol = feastol = 1e-10 (amor's
solve_tol), best of three passes; the time per context includes building
the cvxopt matrices from numpy arrays.  Prints the accuracy reached -- the
qp problem's residual (OSQP's test, scaled) at cvxopt's primal-dual
solution and the largest |y_cvxopt - y_amor| -- and a BENCH line of seconds
per context.
"""
import argparse
import time

import numpy as np
from cvxopt import matrix, solvers


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--contexts", required=True)
    ap.add_argument("--clock", choices=("cpu", "wall"), default="cpu")
    a = ap.parse_args()
    clock = time.process_time if a.clock == "cpu" else time.perf_counter
    raw = np.fromfile(a.contexts, dtype="<f8")
    n, m = int(raw[0]), int(raw[1])
    nx = n + 2 * m + n * n + m * n
    rows = raw[2:].reshape(-1, nx + n)
    probs = []
    for r in rows:
        q, l, u = r[:n], r[n:n + m], r[n + m:n + 2 * m]
        M = r[n + 2 * m:n + 2 * m + n * n].reshape(n, n)
        A = r[n + 2 * m + n * n:nx].reshape(m, n)
        probs.append((M @ M.T + 1e-2 * np.eye(n), q, A, l, u, r[nx:]))
    solvers.options.update(show_progress=False, abstol=1e-10, reltol=1e-10, feastol=1e-10)
    best, sols = float("inf"), []
    for _ in range(3):
        t0 = clock()
        sols = [solvers.qp(matrix(P), matrix(q), matrix(np.vstack([A, -A])),
                           matrix(np.concatenate([u, -l]))) for P, q, A, l, u, _ in probs]
        best = min(best, (clock() - t0) / len(probs))
    res, dy = 0.0, 0.0
    for (P, q, A, l, u, ya), s in zip(probs, sols):
        x = np.array(s["x"]).ravel()
        z = np.array(s["z"]).ravel()
        lam = z[:m] - z[m:]
        ax, px, atl = A @ x, P @ x, A.T @ lam
        pr = np.abs(ax - np.clip(ax, l, u)).max() / (1 + np.abs(ax).max())
        du = np.abs(px + q + atl).max() / (1 + max(np.abs(px).max(), np.abs(atl).max(),
                                                   np.abs(q).max()))
        res = max(res, pr, du)
        dy = max(dy, np.abs(x - ya).max())
    print("cvxopt_qp n=%d m=%d contexts=%d ms_per_context=%.3f residual_max=%.3g "
          "max_abs_dy_vs_amor=%.3g" % (n, m, len(probs), 1e3 * best, res, dy))
    print("BENCH cvxopt=%.9g residual=%.9g dy=%.9g clock=%s" % (best, res, dy, a.clock))


if __name__ == "__main__":
    main()
