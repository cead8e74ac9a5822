#!/usr/bin/python3
"""run.py -- `make bench`: amor against PyTorch on the same workloads.

    /usr/bin/python3 scripts/bench/run.py [--build DIR] [--out DIR] [--reps N]
        [--threads N] [--seconds S] [--only NAME,...] [--quick]

For every workload: one warm-up measurement of each side (discarded; it also
sizes the runs), then --reps rounds of amor, PyTorch float32, PyTorch float64,
alternating, one process per measurement; the medians are reported.  A
workload with a `loop` twin (maml_meta_step) adds PyTorch float32 written as
a Python loop over its tasks to each round, reported as torch_f32_loop.  amor is
measured by scripts/bench/amor_bench.lua (build/amor run ...), PyTorch by
scripts/bench/torch_bench.py under /usr/bin/python3.  The dgemm rate of this
machine (build/bench/dgemm_peak, same OpenBLAS, same threads) is measured
before and after the workloads, and after every round of a GEMM-bound one:
its peak_fraction divides by the median of those rounds, so a machine
busier in some minutes than in others does not skew it.  Writes
DIR/bench.csv (every measurement and the medians, tidy long format) and
DIR/summary.txt (the lines printed).

Threads (--threads, BENCH_THREADS): by default as many as this process may
run on (the issue's reference: PyTorch with two threads on a two-core
machine).  Clock: with one thread training throughput is timed by process
CPU time on both sides, which other work on the machine disturbs far less
than wall time; with more threads by wall time.  The 12-cell sweep always
runs its workers with one BLAS thread each (it measures scaling over
workers: -j 1 on one core against -j 2 on two).  Inference is timed by wall time on both sides (the host times
amor's inference that way).

Threads: PyTorch runs its intra-op threads (torch.set_num_threads); amor's
cells run with train.threads = threads (each batch of 128 or more rows split
into shards trained on threads of the cell, OpenBLAS one thread per call;
smaller batches on one thread).

Environment of both sides: OPENBLAS_NUM_THREADS = OMP_NUM_THREADS = threads
(Debian's PyTorch does its matrix products in the same OpenBLAS); the same
OpenBLAS kernels (--coretype, BENCH_CORETYPE: "auto", the default, removes
OPENBLAS_CORETYPE so that OpenBLAS picks the kernels for this CPU itself --
some machine images pin OPENBLAS_CORETYPE=Haswell, AVX2 kernels that run
dgemm at about half the rate of the AVX-512 ones on an AVX-512 CPU, while
the issue's reference machine measured ~170 GFLOP/s on two cores, which
only the AVX-512 kernels reach; "env" keeps the environment's value; any
other value is set as OPENBLAS_CORETYPE); and
GLIBC_TUNABLES fixing malloc's mmap threshold at 32 MiB, so PyTorch's
per-step tensors of a few hundred KiB are reused from the heap instead of
being mmap'ed and page-faulted anew on every step, a cost amor, which
allocates once per cell, never pays (it made PyTorch's batch-1024 inference
seven times slower on this machine).
"""
import argparse
import csv
import os
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PY = "/usr/bin/python3"

# Matrix-product FLOPs of one training step per context, as amor does them
# in float64 (PyTorch does the same products): forward, weight gradients
# and the input gradients that backpropagation needs.
SPHERE_ROW = 2 * (16 * 128 + 128 * 128 + 128 * 3) * 2 + 2 * (3 * 128 + 128 * 128)
VAE_ENC = 784 * 512 + 512 * 256 + 256 * 20   # encoder 784 -> 512 -> 256 -> 20
VAE_DEC = 10 * 256 + 256 * 512 + 512 * 784   # decoder 10 -> 256 -> 512 -> 784
VAE_ROW = 2 * (VAE_ENC + VAE_DEC + VAE_DEC + VAE_ENC + (20 * 256 + 256 * 512))

# name, amor/torch workload, batch, unit, target (ratio to torch f32, or a
# bound), GEMM FLOPs per step (None: not GEMM-bound); cell: the cell id amor
# must train (checked on every amor run, printed before the workload's line)
WORKLOADS = [
    dict(name="sphere_train_b8", work="sphere_train", batch=8, unit="steps/s",
         target=("ratio_f32", 10.0), flops=None),
    dict(name="sphere_train_b256", work="sphere_train", batch=256, unit="steps/s",
         target=("ratio_f32", 5.0), flops=256 * SPHERE_ROW),
    dict(name="sphere_train_b4096", work="sphere_train", batch=4096, unit="steps/s",
         target=("ratio_f32", 1.0), flops=4096 * SPHERE_ROW),
    dict(name="vae_encoder_train_b256", work="vae_train", batch=256, unit="steps/s",
         target=None, flops=256 * VAE_ROW),
    dict(name="vae_encoder_train_b1024", work="vae_train", batch=1024, unit="steps/s",
         target=("peak_fraction", 0.6), flops=1024 * VAE_ROW),
    dict(name="unroll_gd_k10_quadratic32_b256", work="unroll_train", batch=256,
         unit="steps/s", target=("ratio_f32", 3.0), flops=None),
    # MAML meta-step: 25 tasks, 5 support + 5 query points, one second-order
    # inner step; PyTorch with task-stacked weights (loop: the same step as a
    # Python loop over the tasks, a second, labelled PyTorch number)
    dict(name="maml_meta_step", work="maml_train", batch=25, unit="steps/s",
         target=("ratio_f32", 5.0), flops=None, loop="maml_train_loop"),
    # a full-covariance Gaussian policy on control_lqr trained on the exact
    # SAC (maximum-entropy) objective: scripts/policies.lua's "SAC" cell, whose
    # id amor_bench.lua's run must report (cell)
    dict(name="policy_sac_train_b256", work="policy_sac_train", batch=256, unit="steps/s",
         target=None, flops=None,
         cell="control_lqr(nx=6,nu=3,policy=gaussian,alpha=1)/linear/objective/seed=1"),
    dict(name="sphere_infer_b1", work="sphere_infer", batch=1, unit="instances/s",
         target=None, flops=None),
    dict(name="sphere_infer_b1024", work="sphere_infer", batch=1024, unit="instances/s",
         target=None, flops=None),
]


def parse_bench(text):
    """The key=value pairs of the last BENCH line in text."""
    line = None
    for l in text.splitlines():
        if l.startswith("BENCH "):
            line = l
    if line is None:
        return None
    return dict(kv.split("=", 1) for kv in line.split()[1:])


class Bench:
    def __init__(self, args):
        self.a = args
        self.env = dict(os.environ)
        t = str(args.threads)
        if args.coretype == "auto":
            self.env.pop("OPENBLAS_CORETYPE", None)
        elif args.coretype != "env":
            self.env["OPENBLAS_CORETYPE"] = args.coretype
        self.env.update(OPENBLAS_NUM_THREADS=t, OMP_NUM_THREADS=t, MKL_NUM_THREADS=t,
                        GLIBC_TUNABLES="glibc.malloc.mmap_threshold=33554432:"
                                       "glibc.malloc.trim_threshold=1073741824")
        self.clock = "cpu" if args.threads == 1 else "wall"
        self.amor = os.path.join(args.build, "amor")
        self.rows = []
        # cells inside amor itself (-j 0: its CPU clock sees them) and never
        # reused from an earlier run (--fresh), on a host that has them
        usage = subprocess.run([self.amor, "--help"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True).stdout
        self.amor_flags = (["-j", "0"] if "-j N" in usage else []) + \
                          (["--fresh"] if "--fresh" in usage else [])

    def run(self, cmd, what):
        p = subprocess.run(cmd, cwd=ROOT, env=self.env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
        kv = parse_bench(p.stdout)
        if p.returncode != 0 or kv is None:
            raise RuntimeError("%s failed (exit %d):\n%s%s" % (what, p.returncode,
                                                              p.stdout[-2000:], p.stderr[-2000:]))
        for l in p.stdout.splitlines():  # amor_bench.lua: the id of the cell it trained
            if l.startswith("CELL "):
                kv["cell"] = l[len("CELL "):].strip()
        return kv

    # one amor measurement: seconds per unit (step or instance)
    def amor_once(self, w, steps):
        cmd = [self.amor, "run", "scripts/bench/amor_bench.lua", "--out",
               os.path.join(self.a.out, "amor")] + self.amor_flags + [
               "--set", "workload=" + w["work"],
               "--set", "batch=%d" % w["batch"], "--set", "steps=%d" % steps,
               "--set", "short=%d" % max(1, steps // 5),
               "--set", "timing=%g" % self.a.seconds,
               "--set", "threads=%d" % self.a.threads]
        if w["work"] == "vae_train":
            cmd += ["--set", "cache_dir=" + os.path.join(self.a.out, "cache")]
        kv = self.run(cmd, "amor " + w["name"])
        if w.get("cell") and kv.get("cell") != w["cell"]:
            raise RuntimeError("amor %s trained cell %s, not %s" % (
                w["name"], kv.get("cell"), w["cell"]))
        if w["work"] == "sphere_infer":
            return float(kv["infer"]) * w["batch"]  # seconds per forward pass
        return float(kv["cpu" if self.clock == "cpu" else "wall"])

    def torch_once(self, w, dtype, work=None):
        kv = self.run([PY, "scripts/bench/torch_bench.py", "--workload", work or w["work"],
                       "--batch", str(w["batch"]), "--dtype", dtype,
                       "--threads", str(self.a.threads), "--seconds", str(self.a.seconds)],
                      "torch %s %s" % (dtype, w["name"]))
        if w["work"] == "sphere_infer":
            return float(kv["wall"])
        return float(kv["cpu" if self.clock == "cpu" else "wall"])

    def steps_for(self, per_step):
        """amor steps so that the long cell trains about --seconds."""
        return max(10, int(self.a.seconds / max(per_step, 1e-7)) + 1)

    def workload(self, w):
        infer = w["work"] == "sphere_infer"
        # warm-up of each side, discarded; amor's also sizes its runs
        if infer:
            steps = 1
            self.amor_once(w, steps)
        else:
            steps = 10 if w["work"] == "vae_train" else 50
            steps = self.steps_for(self.amor_once(w, steps))
        self.torch_once(w, "f32")
        self.torch_once(w, "f64")
        per = {"amor": [], "torch_f32": [], "torch_f64": []}
        if w.get("loop"):
            self.torch_once(w, "f32", w["loop"])
            per["torch_f32_loop"] = []
        peaks = []
        for rep in range(1, self.a.reps + 1):
            per["amor"].append(self.amor_once(w, steps))
            per["torch_f32"].append(self.torch_once(w, "f32"))
            per["torch_f64"].append(self.torch_once(w, "f64"))
            if w.get("loop"):
                per["torch_f32_loop"].append(self.torch_once(w, "f32", w["loop"]))
            for impl in per:
                self.rows.append(dict(workload=w["name"], impl=impl, rep=rep,
                                      value=self.value(w, per[impl][-1]), unit=w["unit"]))
            if w["flops"]:  # the dgemm rate under the same conditions, round by round
                peaks.append(self.dgemm_peak(quick=True))
                self.rows.append(dict(workload=w["name"], impl="dgemm_peak", rep=rep,
                                      value=peaks[-1], unit="GFLOPS"))
        med = {impl: statistics.median(v) for impl, v in per.items()}
        if peaks:
            med["dgemm_peak"] = statistics.median(peaks)
        return med

    def value(self, w, seconds):
        """seconds per step / per forward pass -> the reported unit."""
        if w["unit"] == "instances/s":
            return w["batch"] / seconds
        return 1.0 / seconds

    def sweep(self):
        """Wall seconds of the 12-cell sweep with -j 1 and -j 2 (medians),
        alternating after a warm-up of each."""
        # scaling over workers: each worker one BLAS thread in both runs (with
        # OPENBLAS_NUM_THREADS = 2, -j 1's only worker would take both cores
        # through BLAS and -j 2 would measure BLAS threads against workers)
        env = dict(self.env, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")

        def once(j):
            t0 = time.perf_counter()
            p = subprocess.run([self.amor, "run", "scripts/bench/sweep12.lua", "--out",
                                os.path.join(self.a.out, "sweep_j%d" % j), "--fresh", "--quiet",
                                "-j", str(j)], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            if p.returncode != 0:
                raise RuntimeError("sweep12 -j %d failed:\n%s%s" % (j, p.stdout[-2000:],
                                                                   p.stderr[-2000:]))
            return time.perf_counter() - t0
        once(1), once(2)
        per = {1: [], 2: []}
        for rep in range(1, self.a.reps + 1):
            for j in (1, 2):
                per[j].append(once(j))
                self.rows.append(dict(workload="sweep12", impl="amor_j%d" % j, rep=rep,
                                      value=per[j][-1], unit="s"))
        return {j: statistics.median(v) for j, v in per.items()}

    def imaml_memory(self):
        """Peak RSS (MiB) of the worker training MAML on sinusoid with K = 5,
        20, 100 inner steps, implicit and exact (scripts/bench/imaml_memory.lua,
        runs.csv's peak_rss_mib): {(grad, K): MiB}."""
        out = os.path.join(self.a.out, "imaml_memory")
        p = subprocess.run([self.amor, "run", "scripts/bench/imaml_memory.lua", "--out", out,
                            "--fresh", "--quiet", "-j", "1"], cwd=ROOT, env=self.env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            raise RuntimeError("imaml_memory failed:\n%s%s" % (p.stdout[-2000:], p.stderr[-2000:]))
        with open(os.path.join(out, "runs.csv"), newline="") as f:
            return {(r["model.grad"], int(r["model.steps"])): float(r["peak_rss_mib"])
                    for r in csv.DictReader(f)}

    def ot_sinkhorn(self):
        """Seconds per log-domain Sinkhorn iteration on 784-point measures
        (ot_pairs, epsilon 1e-2), one pair and a batch of 64: amor's
        separable and dense kernels (bench/ot_sinkhorn, the plugin's
        solver_step) and POT's sinkhorn_log (scripts/bench/pot_bench.py),
        after a warm-up of each, --reps rounds in turn; medians
        {impl_bN: seconds}."""
        exe = os.path.join(self.a.build, "bench", "ot_sinkhorn")
        amor = [exe, "--plugins", os.path.join(self.a.build, "plugins"), "--clock", self.clock,
                "--seconds", "%g" % (self.a.seconds / 3)]
        pot = [PY, "scripts/bench/pot_bench.py", "--clock", self.clock,
               "--seconds", "%g" % self.a.seconds]

        def once():
            kv = self.run(amor, "bench/ot_sinkhorn")
            t = {"amor_separable_b1": kv["sep_b1"], "amor_dense_b1": kv["dense_b1"],
                 "amor_separable_b64": kv["sep_b64"], "amor_dense_b64": kv["dense_b64"]}
            for n in (1, 64):
                t["pot_b%d" % n] = self.run(pot + ["--pairs", str(n)], "pot_bench")["pot"]
            return {k: float(v) for k, v in t.items()}
        once()
        per = {}
        for rep in range(1, self.a.reps + 1):
            for impl, s in once().items():
                per.setdefault(impl, []).append(s)
                self.rows.append(dict(workload="ot_sinkhorn", impl=impl, rep=rep, value=1.0 / s,
                                      unit="iterations/s"))
        return {impl: statistics.median(v) for impl, v in per.items()}

    def qp(self):
        """The qp problem (n = 50, m = 500): seconds per ADMM iteration of a
        batch of 256 (bench/qp_admm, the plugin's solver_step) and per
        from-scratch solve, against cvxopt's solvers.qp on the same 32
        instances (scripts/bench/cvxopt_bench.py, tolerances 1e-10 = the
        problem's solve_tol), after a warm-up, --reps rounds in turn;
        medians {step, solve, cvxopt} and cvxopt's accuracy (the problem's
        residual at its solution, its largest distance to amor's y*)."""
        exe = os.path.join(self.a.build, "bench", "qp_admm")
        dump = os.path.join(self.a.out, "qp_contexts.bin")
        amor = [exe, "--plugins", os.path.join(self.a.build, "plugins"), "--clock", self.clock,
                "--seconds", "%g" % (self.a.seconds / 3), "--dump", dump]
        cvx = [PY, "scripts/bench/cvxopt_bench.py", "--clock", self.clock, "--contexts", dump]

        def once():
            kv = self.run(amor, "bench/qp_admm")
            kc = self.run(cvx, "cvxopt_bench")
            return {"step": float(kv["step"]), "solve": float(kv["solve"]),
                    "cvxopt": float(kc["cvxopt"]), "cvxopt_residual": float(kc["residual"]),
                    "cvxopt_dy": float(kc["dy"])}
        once()
        per = {}
        for rep in range(1, self.a.reps + 1):
            for k, v in once().items():
                per.setdefault(k, []).append(v)
            self.rows.append(dict(workload="qp_admm_b256", impl="amor", rep=rep,
                                  value=1.0 / per["step"][-1], unit="iterations/s"))
            for impl in ("solve", "cvxopt"):
                self.rows.append(dict(workload="qp_solve", impl="amor" if impl == "solve" else impl,
                                      rep=rep, value=1e3 * per[impl][-1], unit="ms/context"))
        return {k: statistics.median(v) if k in ("step", "solve", "cvxopt") else max(v)
                for k, v in per.items()}

    def mlp_step(self):
        """The sphere MLP's plugin-side forward + backward alone
        (bench/mlp_step), for reading the whole-step numbers against."""
        exe = os.path.join(self.a.build, "bench", "mlp_step")
        if not os.path.exists(exe):
            return []
        p = subprocess.run([exe, "--plugins", os.path.join(self.a.build, "plugins")], cwd=ROOT,
                           env=self.env, stdout=subprocess.PIPE, text=True)
        return [l for l in p.stdout.splitlines() if l.startswith("mlp_step")]

    def maml_oracle(self):
        """The sinusoid problem's three oracle calls of a MAML meta-step
        alone (bench/maml_oracle), for reading maml_meta_step against."""
        exe = os.path.join(self.a.build, "bench", "maml_oracle")
        if not os.path.exists(exe):
            return []
        p = subprocess.run([exe, "--plugins", os.path.join(self.a.build, "plugins")], cwd=ROOT,
                           env=self.env, stdout=subprocess.PIPE, text=True)
        return [l for l in p.stdout.splitlines() if l.startswith("maml_oracle")]

    def dgemm_peak(self, quick=False):
        """GFLOPS of bench/dgemm_peak: the best of N = 512, 1024, 2048, or
        (quick, between the rounds of a GEMM-bound workload) N = 1024 for
        0.2 s, best of three."""
        exe = os.path.join(self.a.build, "bench", "dgemm_peak")
        args = ["--seconds", "0.2", "1024"] if quick else []
        p = subprocess.run([exe, "--clock", self.clock] + args, cwd=ROOT, env=self.env,
                           stdout=subprocess.PIPE, text=True, check=True)
        m = re.search(r"dgemm_peak gflops=([0-9.]+)", p.stdout)
        return float(m.group(1))

    def vae_works(self):
        """Does the vae problem plugin train an encoder step (another branch
        is finishing it)?"""
        if not os.path.exists(os.path.join(self.a.build, "plugins", "problems", "vae.so")):
            return "build/plugins/problems/vae.so is missing"
        try:
            self.amor_once(dict(name="vae check", work="vae_train", batch=8), 3)
        except RuntimeError as e:
            return str(e).splitlines()[0] + ": " + " ".join(str(e).splitlines()[-3:])
        return None


def fmt(v):
    return "%.4g" % v


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--out", default=os.path.join(ROOT, "results", "bench"))
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--threads", type=int,
                    default=int(os.environ.get("BENCH_THREADS", len(os.sched_getaffinity(0)))),
                    help="threads of both sides (default: the cores this process may use)")
    ap.add_argument("--seconds", type=float, default=1.0, help="timed length of a measurement")
    ap.add_argument("--coretype", default=os.environ.get("BENCH_CORETYPE", "auto"),
                    help="OpenBLAS kernels of both sides: auto (OpenBLAS detects the CPU), "
                         "env (keep OPENBLAS_CORETYPE as it is) or a core name (Haswell, ...)")
    ap.add_argument("--only", default="", help="comma-separated workload names (prefixes)")
    ap.add_argument("--quick", action="store_true", help="2 repetitions of 0.3 s (a smoke run)")
    a = ap.parse_args()
    if a.quick:
        a.reps, a.seconds = 2, 0.3
    a.build = os.path.abspath(a.build)
    a.out = os.path.abspath(a.out)
    os.makedirs(a.out, exist_ok=True)
    b = Bench(a)

    try:
        subprocess.run([PY, "-c", "import torch"], check=True, env=b.env)
    except subprocess.CalledProcessError:
        sys.exit("bench: %s cannot import torch (apt-get install python3-torch)" % PY)

    only = [s for s in a.only.split(",") if s]
    chosen = [w for w in WORKLOADS if not only or any(w["name"].startswith(o) for o in only)]
    lines = []

    def say(line):
        print(line, flush=True)
        lines.append(line)

    say("# amor vs PyTorch %s: %d thread(s), clock %s for training, wall for inference; "
        "%d repetitions after a warm-up, medians" % (
            subprocess.run([PY, "-c", "import torch; print(torch.__version__)"],
                           stdout=subprocess.PIPE, text=True, env=b.env).stdout.strip(),
            a.threads, b.clock, a.reps))
    ver = subprocess.run([b.amor, "--version"], stdout=subprocess.PIPE, text=True,
                         env=b.env).stdout
    blas = [l[len("blas: "):] for l in ver.splitlines() if l.startswith("blas: ")]
    say("# blas (both sides): %s" % (blas[0] if blas else "unknown (amor --version)"))
    peak = b.dgemm_peak()
    say("# dgemm_peak gflops=%s (bench/dgemm_peak: square products, best of N = 512, 1024, 2048)"
        % fmt(peak))
    for line in b.mlp_step():
        say("# " + line)
    if any(w["work"] == "maml_train" for w in chosen):
        for line in b.maml_oracle():
            say("# " + line)
    vae_problem = b.vae_works() if any(w["work"] == "vae_train" for w in chosen) else None
    results = []
    for w in chosen:
        if w["work"] == "vae_train" and vae_problem:
            say("workload=%s TODO=vae-problem-not-usable-yet reason=%r" % (w["name"], vae_problem))
            continue
        t0 = time.time()
        med = b.workload(w)
        results.append((w, med))
        if w.get("cell"):
            say("# %s: amor trained cell %s" % (w["name"], w["cell"]))
        wpeak = med.pop("dgemm_peak", peak)
        v = {impl: b.value(w, s) for impl, s in med.items()}
        line = "workload=%s amor=%s torch_f32=%s torch_f64=%s unit=%s ratio_f32=%s ratio_f64=%s" % (
            w["name"], fmt(v["amor"]), fmt(v["torch_f32"]), fmt(v["torch_f64"]), w["unit"],
            fmt(v["amor"] / v["torch_f32"]), fmt(v["amor"] / v["torch_f64"]))
        if "torch_f32_loop" in v:  # PyTorch as a Python loop over the tasks
            line += " torch_f32_loop=%s ratio_f32_loop=%s" % (
                fmt(v["torch_f32_loop"]), fmt(v["amor"] / v["torch_f32_loop"]))
        extra = {}
        if w["flops"]:
            extra["gflops"] = w["flops"] * v["amor"] / 1e9
            line += " gflops=%s dgemm_peak=%s peak_fraction=%s" % (
                fmt(extra["gflops"]), fmt(wpeak), fmt(extra["gflops"] / wpeak))
            extra["peak_fraction"] = extra["gflops"] / wpeak
            extra["dgemm_peak"] = wpeak
        tg = w["target"]
        if tg:
            got = v["amor"] / v["torch_f32"] if tg[0] == "ratio_f32" else extra["peak_fraction"]
            line += " target=%s>=%g met=%s" % (tg[0], tg[1], "yes" if got >= tg[1] else "no")
        say(line + " (%.0fs)" % (time.time() - t0))
        for impl, s in med.items():
            b.rows.append(dict(workload=w["name"], impl=impl, rep="median",
                               value=b.value(w, s), unit=w["unit"]))
        for impl in ("torch_f32", "torch_f64", "torch_f32_loop"):
            if impl in v:
                b.rows.append(dict(workload=w["name"], impl="ratio" + impl[len("torch"):],
                                   rep="median", value=v["amor"] / v[impl], unit="ratio"))
        for k, x in extra.items():
            b.rows.append(dict(workload=w["name"], impl=k, rep="median", value=x,
                               unit="fraction" if k == "peak_fraction" else "GFLOPS"))
        if w["name"] == "sphere_infer_b1":  # the same runs, as a latency
            lat = {impl: 1e6 * s for impl, s in med.items()}
            say("workload=sphere_latency_b1 amor=%s torch_f32=%s torch_f64=%s unit=us "
                "ratio_f32=%s ratio_f64=%s target=amor<=5us met=%s" % (
                    fmt(lat["amor"]), fmt(lat["torch_f32"]), fmt(lat["torch_f64"]),
                    fmt(lat["amor"] / lat["torch_f32"]), fmt(lat["amor"] / lat["torch_f64"]),
                    "yes" if lat["amor"] <= 5.0 else "no"))
            for impl, x in lat.items():
                b.rows.append(dict(workload="sphere_latency_b1", impl=impl, rep="median",
                                   value=x, unit="us"))
    if not only or any(o.startswith("sweep") for o in only):
        if "-j" in b.amor_flags:
            t0 = time.time()
            med = b.sweep()
            say("workload=sweep12 amor_j1=%s amor_j2=%s unit=s speedup_j2=%s (%.0fs)" % (
                fmt(med[1]), fmt(med[2]), fmt(med[1] / med[2]), time.time() - t0))
            for j, x in med.items():
                b.rows.append(dict(workload="sweep12", impl="amor_j%d" % j, rep="median",
                                   value=x, unit="s"))
        else:  # TODO: this host has no parallel cells (amor run -j N)
            say("workload=sweep12 TODO=host-without-amor-run-j (time "
                "scripts/bench/sweep12.lua with -j 1 and -j 2)")
    if not only or any(o.startswith("ot") or "ot_sinkhorn".startswith(o) for o in only):
        t0 = time.time()
        med = b.ot_sinkhorn()
        for n in (1, 64):
            v = {impl: 1.0 / med["%s_b%d" % (impl, n)]
                 for impl in ("amor_separable", "amor_dense", "pot")}
            rs, rd = v["amor_separable"] / v["pot"], v["amor_dense"] / v["pot"]
            say("workload=ot_sinkhorn_b%d amor_separable=%s amor_dense=%s pot=%s "
                "unit=iterations/s ratio_separable=%s ratio_dense=%s "
                "target=ratio_separable>=5,ratio_dense>1 met=%s (%.0fs)" % (
                    n, fmt(v["amor_separable"]), fmt(v["amor_dense"]), fmt(v["pot"]), fmt(rs),
                    fmt(rd), "yes" if rs >= 5 and rd > 1 else "no", time.time() - t0))
            for impl, x in list(v.items()) + [("ratio_separable", rs), ("ratio_dense", rd)]:
                b.rows.append(dict(workload="ot_sinkhorn_b%d" % n, impl=impl, rep="median",
                                   value=x, unit="ratio" if impl.startswith("ratio")
                                   else "iterations/s"))
    if not only or any(o.startswith("qp") for o in only):
        t0 = time.time()
        med = b.qp()
        say("workload=qp_admm_b256 amor=%s unit=iterations/s (n = 50, m = 500, batch 256: %s "
            "context-iterations/s)" % (fmt(1.0 / med["step"]), fmt(256 / med["step"])))
        say("workload=qp_solve amor=%s cvxopt=%s unit=ms/context ratio=%s "
            "cvxopt_residual=%s cvxopt_max_dy=%s (32 instances, data = random; %.0fs)" % (
                fmt(1e3 * med["solve"]), fmt(1e3 * med["cvxopt"]), fmt(med["cvxopt"] / med["solve"]),
                fmt(med["cvxopt_residual"]), fmt(med["cvxopt_dy"]), time.time() - t0))
        b.rows.append(dict(workload="qp_admm_b256", impl="amor", rep="median",
                           value=1.0 / med["step"], unit="iterations/s"))
        for impl, key in (("amor", "solve"), ("cvxopt", "cvxopt")):
            b.rows.append(dict(workload="qp_solve", impl=impl, rep="median",
                               value=1e3 * med[key], unit="ms/context"))
        b.rows.append(dict(workload="qp_solve", impl="ratio", rep="median",
                           value=med["cvxopt"] / med["solve"], unit="ratio"))
    if not only or any(o.startswith("imaml") for o in only):
        t0 = time.time()
        mem = b.imaml_memory()
        say("workload=imaml_peak_rss %s unit=MiB (sinusoid 5-shot, 25 tasks; %.0fs)" % (
            " ".join("%s_k%d=%s" % (g, k, fmt(mem[(g, k)])) for g in ("implicit", "exact")
                     for k in (5, 20, 100)), time.time() - t0))
        for (g, k), x in sorted(mem.items()):
            b.rows.append(dict(workload="imaml_peak_rss", impl="%s_k%d" % (g, k), rep="once",
                               value=x, unit="MiB"))
    peak2 = b.dgemm_peak()
    say("dgemm_peak gflops=%s (before the workloads) %s (after); threads=%d clock=%s" % (
        fmt(peak), fmt(peak2), a.threads, b.clock))
    for p_, when in ((peak, "before"), (peak2, "after")):
        b.rows.append(dict(workload="dgemm_peak", impl=when, rep="best", value=p_, unit="GFLOPS"))

    with open(os.path.join(a.out, "bench.csv"), "w", newline="") as fh:
        wr = csv.DictWriter(fh, fieldnames=["workload", "impl", "rep", "value", "unit",
                                            "clock", "threads"])
        wr.writeheader()
        for r in b.rows:
            r = dict(r, clock=("wall" if r["workload"].startswith(("sphere_infer",
                                                                   "sphere_latency", "sweep"))
                               else b.clock),
                     threads=a.threads)
            r["value"] = "%.6g" % r["value"]
            wr.writerow(r)
    with open(os.path.join(a.out, "summary.txt"), "w") as fh:
        fh.write("\n".join(lines) + "\n")
    print("bench: wrote %s and summary.txt" % os.path.join(a.out, "bench.csv"))


if __name__ == "__main__":
    main()
