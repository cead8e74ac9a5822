#!/usr/bin/python3
"""pot_bench.py -- POT's side of `make bench`'s ot_sinkhorn workloads: the
log-domain Sinkhorn iteration of POT (Python Optimal Transport, Debian's
python3-pot, numpy backend) on the ot_pairs problem's measures, for
bench/ot_sinkhorn.c (amor's side) to be compared with.

    /usr/bin/python3 scripts/bench/pot_bench.py [--pairs P] [--seconds S]
        [--clock cpu|wall] [--data-dir DIR]

The same setting as amor's: P pairs of Fashion-MNIST training images
(uniform, seed 7 of numpy's generator: other images than amor's sampler
draws, which does not change the cost of an iteration), each image divided
by its total and floored at 1e-6 then renormalised (the ot_pairs problem's
min_mass = 1e-6), on the 28 x 28 grid of [0, 1]^2 with the squared
Euclidean cost (ot.dist) and reg = epsilon = 1e-2.  POT runs
ot.sinkhorn(a, b, M, 1e-2, method='sinkhorn_log', numItermax=N,
stopThr=0) -- for P > 1 with b the (784, P) matrix of the pairs' b (POT's
multiple-target form, which runs its columns one after the other; a is
the first pair's).

Seconds per iteration (of all P pairs): the difference of the times of
numItermax = N2 and N1 over N2 - N1 (N1 = 1; N2 = 10 for one pair, 2 for
P > 1, repeated until S seconds for one pair), so POT's set-up (M / reg,
the logs), the plan it builds at the end and its marginal check (at
iteration 0 and every 10th) cancel: what remains is its bare iteration,
two log-sum-exps over the 784 x 784 kernel.  Prints a BENCH line.
"""
import argparse
import gzip
import os
import sys
import time
import warnings

# POT imports every backend it finds; only numpy is used here, and torch
# alone takes two seconds to import
for _m in ("torch", "jax", "cupy", "tensorflow"):
    sys.modules[_m] = None
import numpy as np  # noqa: E402
import ot  # noqa: E402

EPS = 1e-2
FLOOR = 1e-6


def images(data_dir):
    with gzip.open(os.path.join(data_dir, "train-images-idx3-ubyte.gz"), "rb") as f:
        raw = f.read()
    n = int.from_bytes(raw[4:8], "big")
    return np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(n, 784).astype(np.float64)


def measure(img):
    m = img / img.sum()
    m = np.maximum(m, FLOOR)
    return m / m.sum()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pairs", type=int, default=1)
    ap.add_argument("--seconds", type=float, default=1.0)
    ap.add_argument("--clock", choices=("cpu", "wall"), default="cpu")
    ap.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    a = ap.parse_args()
    # the multiple-target form does not pass warn=False on to its columns
    warnings.filterwarnings("ignore", "Sinkhorn did not converge")
    clock = time.process_time if a.clock == "cpu" else time.perf_counter
    img = images(a.data_dir)
    rng = np.random.default_rng(7)
    idx = rng.integers(0, img.shape[0], size=(a.pairs, 2))
    A = np.stack([measure(img[i]) for i in idx[:, 0]])
    B = np.stack([measure(img[j]) for j in idx[:, 1]], axis=1)  # (784, pairs)
    t = np.linspace(0, 1, 28)
    X = np.array([[c, r] for r in t for c in t])  # point r * 28 + c at (c/27, r/27)
    M = ot.dist(X, X)
    b = B[:, 0] if a.pairs == 1 else B

    def run(n):
        t0 = clock()
        ot.sinkhorn(A[0], b, M, EPS, method="sinkhorn_log", numItermax=n, stopThr=0,
                    warn=False)
        return clock() - t0

    n1, n2 = 1, (10 if a.pairs == 1 else 2)
    run(n1)  # warm-up
    t1 = t2 = 0.0
    rounds = 0
    while True:
        t1 += run(n1)
        t2 += run(n2)
        rounds += 1
        if a.pairs > 1 or t1 + t2 >= a.seconds:
            break
    per = (t2 - t1) / (rounds * (n2 - n1))
    print("pot_sinkhorn pairs=%d us_per_iteration=%.1f iterations_per_s=%.4g rounds=%d" % (
        a.pairs, 1e6 * per, 1.0 / per, rounds))
    print("BENCH pot=%.9g clock=%s pot_version=%s" % (per, a.clock, ot.__version__))


if __name__ == "__main__":
    main()
