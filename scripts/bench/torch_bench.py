#!/usr/bin/python3
"""torch_bench.py -- the PyTorch twin of one `make bench` workload.

Run by scripts/bench/run.py, alternating with scripts/bench/amor_bench.lua;
never run by the tests.  One measurement per process; prints one line

    BENCH workload=<name> dtype=<f32|f64> batch=<n> cpu=<s/unit> wall=<s/unit> ...

The programs do what amor does and nothing more: the same model sizes,
objective, batch, optimizer (Adam, lr 1e-3, PyTorch's defaults = amor's),
contexts sampled with torch ops inside the step, no per-step .item() or
other host synchronisation (amor only adds the batch's losses up in C), no
evaluation.  Idiomatic eager PyTorch, as the tutorial's code: nn.Sequential,
autograd, torch.optim.Adam with foreach=True (the faster of its two CPU
implementations in 1.13 for these many small tensors), zero_grad(set_to_none).

Timing: a warm-up of at least `--warmup` seconds (allocator, caches,
autograd graph shapes), then a fixed number of steps chosen from the warm-up
rate to last about `--seconds`, timed by process CPU time and wall time.
Threads: torch.set_num_threads(--threads); run.py also sets
OPENBLAS_NUM_THREADS / OMP_NUM_THREADS, because Debian's torch does its
matrix products in the same OpenBLAS amor uses.

Checks instead of timing (docs/performance.md): --curve STEPS prints the
held-out objective along training (maml_train: the query MSE;
policy_sac_train: the gap to the analytic optimum pi*), --check-amor BUILD
compares one MAML meta-step's loss and meta-gradient with amor's.
"""
import argparse
import gzip
import math
import os
import struct
import subprocess
import sys
import time

import torch
from torch import nn
import torch.nn.functional as F


def mlp(sizes, dtype):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i + 2 < len(sizes):
            layers.append(nn.ReLU())
    return nn.Sequential(*layers).to(dtype)


# --------------------------------------------------------------------------
# sphere (scripts/sphere.lua, the tutorial's code/train-sphere.py): contexts
# x = (z_1..z_4 uniform on S^2, alpha ~ 0.7 U(0, 1)), an MLP 16 -> 128 -> 128
# -> 3 whose output is normalized onto the sphere, and the c-convex objective
# f(y; x) = softmin_0.5 {d(y/|y|, z_i)^2 / 2 + alpha_i}.  The geodesic
# distance is arccos of the inner product as in the tutorial (amor computes
# it as atan2(|zhat - t u|, t), more accurate near 0 and pi and a little more
# work); the clamp keeps arccos' derivative finite, as amor's atan2 form does.

M, GAMMA, ALPHA_SCALE = 4, 0.5, 0.7


def sphere_sample(batch, dtype):
    z = torch.randn(batch, M, 3, dtype=dtype)
    z = z / z.norm(dim=-1, keepdim=True)
    alpha = ALPHA_SCALE * torch.rand(batch, M, dtype=dtype)
    return torch.cat((z.reshape(batch, 3 * M), alpha), 1), z, alpha


def sphere_model(y_raw):
    return y_raw / y_raw.norm(dim=-1, keepdim=True)


def sphere_objective(y, z, alpha, eps):
    u = y / y.norm(dim=-1, keepdim=True)  # f(pi(y)), as the problem plugin
    inner = (z * u.unsqueeze(1)).sum(-1).clamp(-1 + eps, 1 - eps)
    c = 0.5 * torch.arccos(inner) ** 2 + alpha
    return -GAMMA * torch.logsumexp(-c / GAMMA, dim=1)


def sphere_train(args, dtype):
    net = mlp([4 * M, 128, 128, 3], dtype)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, foreach=True)
    eps = 1e-6 if dtype == torch.float32 else 1e-12
    batch = args.batch

    def step():
        x, z, alpha = sphere_sample(batch, dtype)
        y = sphere_model(net(x))
        loss = sphere_objective(y, z, alpha, eps).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()

    return step


def sphere_infer(args, dtype):
    net = mlp([4 * M, 128, 128, 3], dtype).eval()
    x, _, _ = sphere_sample(args.batch, dtype)
    # inference mode for the rest of the process (entered once, so no
    # per-call context-manager cost): no autograd bookkeeping at all
    torch.inference_mode().__enter__()

    def step():
        sphere_model(net(x))

    return step


# --------------------------------------------------------------------------
# VAE encoder (scripts/vae.lua): an MLP 784 -> 512 -> 256 -> 20 predicting
# y = (mu, log sigma^2) of q(z | x) for Fashion-MNIST test images, trained on
# -ELBO = BCE(x, dec(mu + sigma eps)) + KL(q || N(0, I)) with one noise
# sample and a fixed decoder 10 -> 256 -> 512 -> 784.  The decoder's weights
# are PyTorch's initialization (amor's are trained; the work is the same).

FMNIST = "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"


def load_images(dtype):
    with gzip.open(FMNIST, "rb") as fh:
        raw = fh.read()
    img = torch.frombuffer(bytearray(raw[16:]), dtype=torch.uint8).reshape(-1, 784)
    return img.to(dtype) / 255.0


def vae_train(args, dtype):
    L = 10
    images = load_images(dtype)
    enc = mlp([784, 512, 256, 2 * L], dtype)
    dec = mlp([L, 256, 512, 784], dtype)
    for p in dec.parameters():
        p.requires_grad_(False)
    opt = torch.optim.Adam(enc.parameters(), lr=1e-3, foreach=True)
    batch, n = args.batch, images.shape[0]

    def step():
        x = images[torch.randint(0, n, (batch,))]
        y = enc(x)
        mu, lv = y[:, :L], y[:, L:]
        z = mu + torch.exp(0.5 * lv) * torch.randn_like(mu)
        logits = dec(z)
        bce = F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(-1)
        kl = 0.5 * (mu * mu + torch.exp(lv) - 1.0 - lv).sum(-1)
        loss = (bce + kl).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()

    return step


# --------------------------------------------------------------------------
# unroll_gd K = 10, exact (second-order) backpropagation through the steps:
# f(y; x) = 1/2 y'Ay - x'y on dimension 32 with A SPD, eigenvalues log-spaced
# on [1, 100]; y^0 = MLP 32 -> 64 -> 64 -> 32 of x, then K steps
# y^t = y^{t-1} - exp(log alpha_t) grad f(y^{t-1}), the gradient taken by
# autograd with create_graph=True (MAML style), loss f(y^K; x) averaged.


def unroll_train(args, dtype):
    d, K, cond = 32, 10, 100.0
    g = torch.Generator().manual_seed(0)
    q, _ = torch.linalg.qr(torch.randn(d, d, generator=g, dtype=torch.float64))
    lam = torch.tensor([cond ** (i / (d - 1)) for i in range(d)], dtype=torch.float64)
    A = ((q * lam) @ q.T).to(dtype)
    A = 0.5 * (A + A.T)
    net = mlp([d, 64, 64, d], dtype)
    log_alpha = nn.Parameter(torch.full((K,), math.log(0.01), dtype=dtype))
    opt = torch.optim.Adam(list(net.parameters()) + [log_alpha], lr=1e-3, foreach=True)
    batch = args.batch

    def f(y, x):
        return 0.5 * ((y @ A) * y).sum(-1) - (x * y).sum(-1)

    def step():
        x = torch.randn(batch, d, dtype=dtype)
        y = net(x)
        for t in range(K):
            (gy,) = torch.autograd.grad(f(y, x).sum(), y, create_graph=True)
            y = y - torch.exp(log_alpha[t]) * gy
        loss = f(y, x).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()

    return step


# --------------------------------------------------------------------------
# A MAML meta-step (Finn et al. 2017, section 5.1; cbfinn/maml's sinusoid
# settings), amor's unroll_gd cell with init = constant, steps = 1, step0 =
# 0.01, grad = exact on problem sinusoid: T = batch tasks y = A sin(x - phi),
# A ~ U[0.1, 5], phi ~ U[0, pi], x ~ U[-5, 5], K = 5 support and Q = 5 query
# points (cbfinn/maml draws 2 K points and splits them K / K); the learner
# an MLP 1 -> 40 -> 40 -> 1 (ReLU) with weights theta0 (normal of std 0.01
# truncated at 2 std, biases 0, as amor's init_std = 0.01); per task one
# inner step theta_t = theta0 - 0.01 grad MSE_support,t(theta0), by
# autograd.grad with create_graph=True (second order); the meta-loss the
# mean over tasks of MSE_query,t(theta_t), backward, Adam 1e-3 on theta0.
# MSE = mean of squared errors (no 1/2), as MAML's and the problem plugin's.
#
# maml_train: the T tasks batched -- task-stacked weights, W (T, in, out) =
# theta0's W expanded over tasks, so each task's gradient is its own, and
# every layer one batched product (torch.baddbmm) over the tasks.
# maml_train_loop: the same step as a Python loop over the tasks (how the
# tutorials write it), for reference.

MAML_SIZES, MAML_K, MAML_Q, MAML_INNER_LR = (1, 40, 40, 1), 5, 5, 0.01


def maml_theta0(dtype):
    """theta0: [W_l (in, out), b_l (out)] per layer."""
    params = []
    for nin, nout in zip(MAML_SIZES[:-1], MAML_SIZES[1:]):
        w = torch.empty(nin, nout, dtype=dtype)
        nn.init.trunc_normal_(w, std=0.01, a=-0.02, b=0.02)
        params += [nn.Parameter(w), nn.Parameter(torch.zeros(nout, dtype=dtype))]
    return params


def maml_sample(tasks, dtype):
    """(x, y) of shape (tasks, K + Q, 1): the support points, then the query points."""
    amp = 0.1 + 4.9 * torch.rand(tasks, 1, 1, dtype=dtype)
    phase = math.pi * torch.rand(tasks, 1, 1, dtype=dtype)
    x = -5.0 + 10.0 * torch.rand(tasks, MAML_K + MAML_Q, 1, dtype=dtype)
    return x, amp * torch.sin(x - phase)


def maml_forward(w, x):
    """Batched learner: x (T, m, 1), w = [W_l (T, in, out), b_l (T, 1, out)]."""
    h = x
    for l in range(0, len(w), 2):
        h = torch.baddbmm(w[l + 1], h, w[l])
        if l + 2 < len(w):
            h = torch.relu(h)
    return h


def maml_mse(pred, y):
    """Per-task MSE (T,) over the points of each task."""
    return ((pred - y) ** 2).mean(dim=(1, 2))


def maml_query_loss(theta0, x, y, create_graph):
    """Mean over the tasks of x, y (T, K + Q, 1) of the query MSE after one
    inner step from theta0 on the support MSE."""
    T = x.shape[0]
    xs, ys, xq, yq = x[:, :MAML_K], y[:, :MAML_K], x[:, MAML_K:], y[:, MAML_K:]
    # per-task copies of theta0 (views); biases as (T, 1, out) for baddbmm
    w = [p.expand(T, *p.shape) if p.dim() == 2 else p.expand(T, 1, p.shape[0])
         for p in theta0]
    # summed over tasks: the gradient of each task's copy is its own MSE's
    grads = torch.autograd.grad(maml_mse(maml_forward(w, xs), ys).sum(), w,
                                create_graph=create_graph)
    fast = [p - MAML_INNER_LR * g for p, g in zip(w, grads)]
    return maml_mse(maml_forward(fast, xq), yq).mean()


def maml_train(args, dtype):
    theta0 = maml_theta0(dtype)
    opt = torch.optim.Adam(theta0, lr=1e-3, foreach=True)
    T = args.batch

    def step():
        x, y = maml_sample(T, dtype)
        loss = maml_query_loss(theta0, x, y, True)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()

    # --curve: the held-out query MSE after the inner step on 1000 fixed tasks
    held = maml_sample(1000, dtype)
    step.evaluate = lambda: maml_query_loss(theta0, held[0], held[1], False).item()
    return step


def maml_check_amor(build):
    """One meta-step's loss and meta-gradient, float64, on the same tasks
    and theta0 both sides: PyTorch's (task-stacked) against the sinusoid
    plugin's three oracle calls composed as unroll_gd composes them
    (build/bench/maml_oracle --meta-grad).  Returns the CHECK line and
    whether they agree to 1e-10."""
    dtype = torch.float64
    theta0 = maml_theta0(dtype)
    with torch.no_grad():  # larger than the init: mixed ReLUs, nonzero biases
        for p in theta0:
            p.normal_(0.0, 0.3)
    x, y = maml_sample(25, dtype)
    loss = maml_query_loss(theta0, x, y, True)
    grads = torch.autograd.grad(loss, theta0)

    def flat(ps):  # amor's layout: per layer W (out, in) row-major, then b
        return torch.cat([t for i in range(0, len(ps), 2)
                          for t in (ps[i].T.reshape(-1), ps[i + 1].reshape(-1))])

    # a context: support inputs, support targets, query inputs, query targets
    ctx = torch.cat([x[:, :MAML_K, 0], y[:, :MAML_K, 0], x[:, MAML_K:, 0], y[:, MAML_K:, 0]], 1)
    data = (struct.pack("d", float(x.shape[0])) + ctx.contiguous().numpy().tobytes() +
            flat([p.detach() for p in theta0]).numpy().tobytes())
    out = subprocess.run([os.path.join(build, "bench", "maml_oracle"), "--meta-grad",
                          "--plugins", os.path.join(build, "plugins")],
                         input=data, stdout=subprocess.PIPE, check=True).stdout
    loss_amor = struct.unpack("d", out[:8])[0]
    grad_amor = torch.frombuffer(bytearray(out[8:]), dtype=torch.float64)
    g = flat(grads)
    diff = float((grad_amor - g).abs().max())
    scale = float(g.abs().max())
    ok = abs(loss_amor - float(loss)) <= 1e-10 * float(loss) and diff <= 1e-10 * scale
    return ("CHECK workload=maml_train loss_torch=%.15g loss_amor=%.15g grad_max=%.4g "
            "grad_maxdiff=%.3g agree=%s" % (float(loss), loss_amor, scale, diff,
                                            "yes" if ok else "no")), ok


def maml_train_loop(args, dtype):
    theta0 = maml_theta0(dtype)
    opt = torch.optim.Adam(theta0, lr=1e-3, foreach=True)
    T = args.batch

    def forward(w, x):
        h = x
        for l in range(0, len(w), 2):
            h = torch.addmm(w[l + 1], h, w[l])
            if l + 2 < len(w):
                h = torch.relu(h)
        return h

    def step():
        x, y = maml_sample(T, dtype)
        loss = 0.0
        for t in range(T):
            xs, ys, xq, yq = x[t, :MAML_K], y[t, :MAML_K], x[t, MAML_K:], y[t, MAML_K:]
            grads = torch.autograd.grad(((forward(theta0, xs) - ys) ** 2).mean(), theta0,
                                        create_graph=True)
            fast = [p - MAML_INNER_LR * g for p, g in zip(theta0, grads)]
            loss = loss + ((forward(fast, xq) - yq) ** 2).mean()
        loss = loss / T
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()

    return step


# --------------------------------------------------------------------------
# A stochastic policy trained on the maximum-entropy (SAC) objective:
# scripts/policies.lua's "SAC" cell, control_lqr(nx=6, nu=3, policy=gaussian,
# alpha=1)/linear/objective.  States x ~ N(0, I_6); a linear model x -> y =
# (mu (3), then the Cholesky factor L of the covariance row by row, its
# diagonal stored as log L_ii (6)) -- gpolicy.h's GP_FULL layout, ny = 9,
# W ~ N(0, 1/nx), b = 0 as amor's linear model; f(u; x) = Q(x, u) = x'x +
# r u'u + gamma (Ax + Bu)'P(Ax + Bu), r = 0.1, gamma = 0.99; the loss is the
# batch mean of the SAC objective E_{u ~ N(mu, LL')}[alpha log pi(u) + f(u)]
# in the exact form control_lqr uses by default (expectation = exact: f is
# quadratic in u, so E f = f(mu) + 1/2 tr(L'HL), H = 2 (r I + gamma B'PB),
# and E log pi = -entropy = -d/2 (1 + log 2 pi) - sum log L_ii): no samples
# are drawn, on either side.  Adam lr 1e-2 (policies.lua's).
#
# The system is drawn as control_lqr draws it (A = G / rho(G), B = 3 G2 /
# sqrt(nx) for Gaussian G, G2, P the discounted DARE's solution, H = 2 (r I +
# gamma B'PB)), outside the timed steps, from torch's generator rather
# than amor's, so the numbers differ and the work is the same.  The held-out
# objective (--curve) is reported as the gap to pi* = N(-Kx, alpha H^-1),
# mean alpha KL(pi || pi*), which is 0 at the optimum.

SAC_NX, SAC_NU, SAC_ALPHA, SAC_R, SAC_GAMMA, SAC_BSCALE = 6, 3, 1.0, 0.1, 0.99, 3.0


def lqr_system(seed=0):
    """(A, B, P, K, H) in float64: control_lqr's construction, torch's RNG."""
    nx, nu, dt = SAC_NX, SAC_NU, torch.float64
    for draw in range(8):
        g = torch.Generator().manual_seed(seed + draw)
        A = torch.randn(nx, nx, generator=g, dtype=dt)
        B = SAC_BSCALE * torch.randn(nx, nu, generator=g, dtype=dt) / math.sqrt(nx)
        A = A / torch.linalg.eigvals(A).abs().max()
        Q, R = torch.eye(nx, dtype=dt), SAC_R * torch.eye(nu, dtype=dt)
        P = Q.clone()
        for _ in range(10000):
            S = R + SAC_GAMMA * B.T @ P @ B
            K = SAC_GAMMA * torch.linalg.solve(S, B.T @ P @ A)
            Pn = Q + SAC_GAMMA * A.T @ P @ A - SAC_GAMMA * A.T @ P @ B @ K
            Pn = 0.5 * (Pn + Pn.T)
            done = float((Pn - P).abs().max()) <= 1e-13 * float(Pn.abs().max())
            P = Pn
            if done or not torch.isfinite(P).all():
                break
        if done:
            return A, B, P, K, 2.0 * (R + SAC_GAMMA * B.T @ P @ B)
    sys.exit("torch_bench: policy_sac_train: no stabilizable system in 8 draws")


def policy_sac_train(args, dtype):
    nx, d = SAC_NX, SAC_NU
    A, B, P, K, H = lqr_system()
    At, Bt, Pd, Hd = (m.to(dtype) for m in (A.T.contiguous(), B.T.contiguous(), P, H))
    net = nn.Linear(nx, d + d * (d + 1) // 2).to(dtype)  # amor's linear init
    with torch.no_grad():
        net.weight.normal_(0.0, 1.0 / math.sqrt(nx))
        net.bias.zero_()
    opt = torch.optim.Adam(net.parameters(), lr=1e-2, foreach=True)
    rows, cols = torch.tril_indices(d, d)  # row-major lower triangle: gpolicy's order
    diag = rows == cols
    dpos, opos = diag.nonzero().squeeze(1), (~diag).nonzero().squeeze(1)  # log L_ii, L_ab
    tpos = cols * d + rows                 # L_ab's place in L' (row-major)
    tdiag, toff = tpos[dpos], tpos[opos]
    const = -0.5 * d * (1.0 + math.log(2.0 * math.pi))  # E log pi + sum log L_ii
    batch = args.batch

    def objective(x):
        """The SAC objective per state, exact in expectation."""
        n = x.shape[0]
        y = net(x)
        mu, ly = y[:, :d], y[:, d:]
        logdiag = ly.index_select(1, dpos)
        # L' (n d, d): the columns of L as rows, as gpolicy's exact objective
        # lays them out for the problem's Hessian product
        Lt = (y.new_zeros(n, d * d).index_copy(1, toff, ly.index_select(1, opos))
              .index_copy(1, tdiag, torch.exp(logdiag)).view(n * d, d))
        z = x @ At + mu @ Bt  # the next state Ax + Bu
        f = (x * x).sum(-1) + SAC_R * (mu * mu).sum(-1) + SAC_GAMMA * (z * (z @ Pd)).sum(-1)
        f = f + 0.5 * (Lt * (Lt @ Hd)).view(n, d * d).sum(-1)  # + 1/2 tr(L'HL)
        return f + SAC_ALPHA * (const - logdiag.sum(-1))  # alpha E log pi

    def step():
        x = torch.randn(batch, nx, dtype=dtype)
        loss = objective(x).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()

    # --curve: the mean gap to pi* = N(-Kx, alpha H^-1) on 1000 fixed states,
    # alpha KL(pi || pi*): F(pi*) = x'Px - alpha (d/2 log 2 pi + 1/2 log det(alpha H^-1))
    held = torch.randn(1000, nx, dtype=dtype)
    hd = held.double()
    fstar = ((hd @ P) * hd).sum(-1) - SAC_ALPHA * (
        0.5 * d * math.log(2.0 * math.pi) +
        0.5 * torch.logdet(SAC_ALPHA * torch.linalg.inv(H)))

    def evaluate():
        with torch.no_grad():
            return float((objective(held).double() - fstar).mean())

    step.evaluate = evaluate
    return step


WORKLOADS = {
    "sphere_train": sphere_train,
    "sphere_infer": sphere_infer,
    "vae_train": vae_train,
    "unroll_train": unroll_train,
    "maml_train": maml_train,
    "maml_train_loop": maml_train_loop,
    "policy_sac_train": policy_sac_train,
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--workload", required=True, choices=sorted(WORKLOADS))
    ap.add_argument("--batch", type=int, required=True)
    ap.add_argument("--dtype", choices=["f32", "f64"], default="f32")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seconds", type=float, default=1.0, help="timed length")
    ap.add_argument("--warmup", type=float, default=0.3, help="warm-up length")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--curve", type=int, default=0, metavar="STEPS",
                    help="instead of timing: train STEPS steps and print the held-out "
                         "objective eight times along the way (maml_train, policy_sac_train)")
    ap.add_argument("--check-amor", metavar="BUILD",
                    help="instead of timing: compare one meta-step's loss and meta-gradient "
                         "with amor's sinusoid plugin in BUILD (maml_train; exit 1 if they "
                         "differ)")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    if args.check_amor:
        if args.workload != "maml_train":
            sys.exit("torch_bench: --check-amor: only for workload maml_train")
        line, ok = maml_check_amor(args.check_amor)
        print(line)
        sys.exit(0 if ok else 1)
    dtype = torch.float32 if args.dtype == "f32" else torch.float64
    step = WORKLOADS[args.workload](args, dtype)
    if args.curve:
        if not hasattr(step, "evaluate"):
            sys.exit("torch_bench: --curve: workload %s has no held-out objective" % args.workload)
        for n in range(args.curve + 1):
            if n % max(1, args.curve // 8) == 0 or n == args.curve:
                print(f"CURVE workload={args.workload} dtype={args.dtype} step={n} "
                      f"value={step.evaluate():.6g}", flush=True)
            if n < args.curve:
                step()
        return

    # warm-up: at least 3 steps and `warmup` seconds; its rate sizes the run
    n, t0 = 0, time.perf_counter()
    while n < 3 or time.perf_counter() - t0 < args.warmup:
        step()
        n += 1
    per = (time.perf_counter() - t0) / n
    steps = max(3, int(math.ceil(args.seconds / per)))

    c0, w0 = time.process_time(), time.perf_counter()
    for _ in range(steps):
        step()
    cpu = (time.process_time() - c0) / steps
    wall = (time.perf_counter() - w0) / steps
    print(f"BENCH workload={args.workload} dtype={args.dtype} batch={args.batch} "
          f"cpu={cpu:.9g} wall={wall:.9g} steps={steps} threads={torch.get_num_threads()} "
          f"torch={torch.__version__}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
