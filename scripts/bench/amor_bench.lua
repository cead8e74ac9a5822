-- bench/amor_bench.lua -- one measurement of one `make bench` workload with
-- amor (scripts/bench/run.py runs it, alternating with the PyTorch twin in
-- scripts/bench/torch_bench.py; never run by the tests).  Prints one line
--   BENCH workload=<name> batch=<n> cpu=<s/step> wall=<s/step> steps=<n> ...
-- that run.py parses.
--
--   build/amor run scripts/bench/amor_bench.lua --out DIR -j 0 --fresh \
--     --set workload=sphere_train --set batch=256 --set steps=2000 [--set short=400]
--
-- -j 0 runs the cells inside amor itself, where os.clock sees their CPU time
-- (a forked worker's would not count), --fresh makes every run train anew
-- instead of reusing an earlier run's cells.
--
-- Training workloads (sphere_train, vae_train, unroll_train, maml_train,
-- policy_sac_train): two cells with the same settings, `steps` and `short`
-- Adam steps (the cell id printed on a CELL line); per-step CPU time is the
-- difference of the process CPU time (os.clock) of the two cells divided by
-- the difference of their steps, so every per-cell constant (plugin setup,
-- the held-out set, the final evaluation) cancels and other processes on the
-- machine disturb the number far less than wall time would (with one BLAS
-- thread CPU time is the work).  Wall time per step is the long cell's
-- train_seconds / train_steps (runs.csv: evaluation excluded), reported beside.
-- Nothing is evaluated during training (eval_every = 0), no solver baseline.
--
-- Inference (sphere_infer): one cell whose held-out set has `batch` contexts;
-- the host times repeated forward passes over it for eval.timing seconds and
-- reports infer_seconds per instance (wall time; no CPU clock is available
-- for it from a script).

local workload = amor.setting("workload", "sphere_train")
local batch = tonumber(amor.setting("batch", 256))
local steps = tonumber(amor.setting("steps", 1000))
local short = tonumber(amor.setting("short", math.max(1, steps // 5)))
local timing = tonumber(amor.setting("timing", 0.5))
local cache_dir = amor.setting("cache_dir") -- vae: where its decoder is cached
-- threads of the cell (train.threads): the batch split into shards run in
-- parallel; run.py passes --threads here
local threads = tonumber(amor.setting("threads", 1))

-- The tutorial's sphere experiment (scripts/sphere.lua): m = 4, gamma 0.5, an
-- MLP 16 -> 128 -> 128 -> 3 (ReLU) normalized onto the sphere, objective loss.
-- solve_starts = 0 only shortens the reference solver of the held-out set
-- (set-up time, not measured); training and inference do not use it.
local SPHERE = {"sphere", m = 4, gamma = 0.5, alpha_scale = 0.7, solve_starts = 0}
local SPHERE_MLP = {"mlp", hidden = {128, 128}, activation = "relu", output = "sphere"}

-- The VAE encoder of scripts/vae.lua (784 -> 512 -> 256 -> 20, ReLU) trained
-- objective-based on -ELBO (one noise sample) under the problem's fixed
-- decoder (10 -> 256 -> 512 -> 784).  The decoder's weights do not change the
-- work, so the bench trains a small one once (cached in cache_dir).
local function vae_problem()
  local p = {"vae", train_images = 2000, decoder_epochs = 1}
  if cache_dir then p.cache_dir = cache_dir end
  return p
end
local VAE_MLP = {"mlp", hidden = {512, 256}, activation = "relu"}

-- unroll_gd K = 10, exact backpropagation through the steps (Hessian-vector
-- products), learned step sizes, its init an MLP 32 -> 64 -> 64 -> 32, on a
-- quadratic of dimension 32 (scripts/bench/unroll_cost.lua's configuration).
local QUAD = {"quadratic", dim = 32, cond = 100}
local UNROLL = {"unroll_gd", init = "mlp", hidden = {64, 64}, steps = 10, step0 = 0.01,
                grad = "exact"}

-- A MAML meta-step (Finn et al. 2017, section 5.1, cbfinn/maml's sinusoid
-- settings): meta-batch = batch tasks (25), 5 support and 5 query points per
-- task (cbfinn/maml draws 2 K points per task and splits them K / K), learner
-- MLP 1 -> 40 -> 40 -> 1 (ReLU), theta0 from a normal of std 0.01 truncated
-- at 2 std, one inner step of 0.01 on the support MSE, the query MSE after it
-- backpropagated exactly (second order: one Hessian-vector product per task),
-- Adam 1e-3 on theta0 -- tests/e2e_maml.t's cell.
local SINUSOID = {"sinusoid", shots = 5, queries = 5}
local MAML = {"unroll_gd", init = "constant", init_std = 0.01, steps = 1, step0 = 0.01,
              learn_steps = false, grad = "exact"}

-- The stochastic-policy cell of scripts/policies.lua's section 1, "SAC":
-- control_lqr (nx 6, nu 3, its random system and DARE) with a full-covariance
-- Gaussian policy y = (mu, Cholesky factor with log diagonal), ny = 9, the
-- maximum-entropy objective E_pi[alpha log pi + f] with alpha 1 in its exact
-- form (f is quadratic in u: f(mu) + 1/2 tr(L'HL) - alpha entropy; the
-- problem's defaults policy_objective = sac, expectation = exact), a linear
-- model, the objective loss, Adam lr 1e-2 -- cell id
-- control_lqr(nx=6,nu=3,policy=gaussian,alpha=1)/linear/objective/seed=1
-- (policies.lua trains it at batch 64; the bench's batch is run.py's).
local LQR_SAC = {"control_lqr", nx = 6, nu = 3, policy = "gaussian", alpha = 1}

local function train_cell(problem, model, lr, nsteps, seed, loss)
  local t0 = os.clock()
  local r = amor.run_cell {
    experiment = "bench_" .. workload, problem = problem, model = model,
    loss = loss or "objective",
    seed = seed, train = {steps = nsteps, batch = batch, lr = lr, eval_every = 0, threads = threads},
    eval = {contexts = 1, timing = 0}, solver = {iterations = 0},
  }
  local cpu = os.clock() - t0
  if r.status ~= "ok" then
    error(string.format("amor_bench: %s: %s %s", r.cell, r.status, r.error or ""))
  end
  return cpu, r
end

local function train_bench(problem, model, lr, loss)
  local cpu_long, r = train_cell(problem, model, lr, steps, 1, loss)
  local cpu_short = train_cell(problem, model, lr, short, 1, loss)
  local cpu = (cpu_long - cpu_short) / (steps - short)
  print("CELL " .. r.cell) -- the cell id (runs.csv's), to compare with the scripts'
  print(string.format("BENCH workload=%s batch=%d cpu=%.9g wall=%.9g steps=%d short=%d",
                      workload, batch, cpu, r.train_seconds / r.train_steps, steps, short))
end

if workload == "sphere_train" then
  train_bench(SPHERE, SPHERE_MLP, 1e-3)
elseif workload == "vae_train" then
  train_bench(vae_problem(), VAE_MLP, 1e-3)
elseif workload == "unroll_train" then
  train_bench(QUAD, UNROLL, 1e-3)
elseif workload == "maml_train" then
  train_bench(SINUSOID, MAML, 1e-3, {"objective", on = "validation"})
elseif workload == "policy_sac_train" then
  train_bench(LQR_SAC, "linear", 1e-2)
elseif workload == "sphere_infer" then
  local r = amor.run_cell {
    experiment = "bench_sphere_infer", problem = SPHERE, model = SPHERE_MLP, loss = "objective",
    seed = 1, train = {steps = steps, batch = 8, lr = 1e-3, eval_every = 0, threads = threads},
    eval = {contexts = batch, timing = timing}, solver = {iterations = 0},
  }
  if r.status ~= "ok" then error("amor_bench: sphere_infer: " .. r.status .. " " .. (r.error or "")) end
  -- per instance; one forward pass over `batch` contexts takes batch * this
  print(string.format("BENCH workload=%s batch=%d infer=%.9g", workload, batch, r.infer_seconds))
else
  error("amor_bench: unknown workload '" .. workload ..
        "' (sphere_train, vae_train, unroll_train, maml_train, policy_sac_train, sphere_infer)")
end
