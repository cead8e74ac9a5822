-- bench/unroll_cost.lua -- what one training step of an unrolled model costs,
-- against its parts (a benchmark, never run by the tests):
--   T_grad    one objective gradient (value_grad) on a batch of 256
--             contexts, timed as one GD iteration of the from-scratch
--             baseline (the update itself is an axpy, negligible next to the
--             256 x 32 x 32 product with A);
--   T_mlp     one training step of the fully-amortized mlp (sample a batch,
--             forward, the loss with its gradient of f at y_hat, backward,
--             Adam);
--   T_unroll  one training step of unroll_gd (init = the same mlp, K steps,
--             learned step sizes), grad = exact / first_order / truncated.
-- The issue's expectation: a K-step exact step costs at most about
-- (K + 1) T_grad + T_mlp.  Exact backpropagation makes K gradient calls
-- forward and K Hessian-vector products backward (for the quadratic an HVP
-- is one product with A, the same work as a gradient), so the natural
-- accounting is T_mlp + 2K T_grad; both ratios are printed.
--
-- Timing: process CPU time (os.clock) around amor.run_cell, differenced
-- between a long and a short run of the same configuration, so the
-- per-cell constants (evaluation, untrained metrics, figures) cancel and
-- other processes on the machine disturb the numbers far less than wall
-- time would (one BLAS thread: CPU time = the work).  Each measurement is
-- repeated REPS times, the configurations interleaved, the smallest counts.
-- Wall-time seconds per step (train_seconds / train_steps) are shown beside.
--   build/amor run scripts/bench/unroll_cost.lua [--set reps=3] [--set K=10]
--   (results/unroll_cost/: runs.csv, unroll_cost.md)

local REPS = tonumber(amor.setting("reps", 3))
local K = tonumber(amor.setting("K", 10))
local LONG, SHORT = tonumber(amor.setting("long", 1500)), tonumber(amor.setting("short", 300))
local GD_LONG, GD_SHORT = 4000, 400
local DIM, BATCH = 32, 256
local HIDDENS = {{64, 64}, {16}}
local MODES = {"exact", "first_order", "truncated"}
local WINDOW = 5
local PROBLEM = {"quadratic", dim = DIM, cond = 100}

local configs = {}
for _, h in ipairs(HIDDENS) do
  local hs = table.concat(h, ",")
  configs[#configs + 1] = {key = "mlp|" .. hs, model = {"mlp", hidden = h}}
  for _, mode in ipairs(MODES) do
    configs[#configs + 1] = {key = mode .. "|" .. hs,
                             model = {"unroll_gd", init = "mlp", hidden = h, steps = K, step0 = 0.01,
                                      grad = mode, window = mode == "truncated" and WINDOW or nil}}
  end
end

local function run(model, seed, steps, gd_iters)
  local t0 = os.clock()
  local r = amor.run_cell {
    experiment = "unroll_cost", problem = PROBLEM, model = model, loss = "objective", seed = seed,
    train = {steps = steps, batch = BATCH, lr = 1e-3, eval_every = 0},
    eval = {contexts = BATCH, timing = 0},
    solver = {iterations = gd_iters or 0, methods = {"gd"}, gd_lr = 0.01},
  }
  local cpu = os.clock() - t0
  if r.status ~= "ok" then error("unroll_cost: " .. r.cell .. ": " .. r.status .. " " .. (r.error or "")) end
  return cpu, r
end

local cpu_step, wall_step, t_grad = {}, {}, nil
local function keep_min(t, k, v) if t[k] == nil or v < t[k] then t[k] = v end end
for rep = 1, REPS do
  -- one objective gradient: GD iterations of the baseline, long minus short
  local a = run({"mlp", hidden = {16}}, 2000 + rep, 1, GD_LONG)
  local b = run({"mlp", hidden = {16}}, 3000 + rep, 1, GD_SHORT)
  local tg = (a - b) / (GD_LONG - GD_SHORT)
  if not t_grad or tg < t_grad then t_grad = tg end
  for _, c in ipairs(configs) do
    local long, r = run(c.model, rep, LONG)
    local short = run(c.model, 1000 + rep, SHORT)
    keep_min(cpu_step, c.key, (long - short) / (LONG - SHORT))
    keep_min(wall_step, c.key, r.train_seconds / r.train_steps)
  end
  io.write(string.format("rep %d/%d done\n", rep, REPS))
end

local md = {
  "# Cost of a training step of unroll_gd vs its parts",
  "",
  string.format("quadratic ny = %d, cond 100, batch %d, K = %d; CPU seconds per step from a %d- minus " ..
                "a %d-step run, smallest of %d interleaved repetitions; T_grad = one objective gradient " ..
                "on %d contexts = %.3g us (CPU, GD iterations %d minus %d).",
                DIM, BATCH, K, LONG, SHORT, REPS, BATCH, t_grad * 1e6, GD_LONG, GD_SHORT),
  "",
  "| init hidden | grad | CPU us / step | wall us / step | (T - T_mlp) / T_grad | T / ((K+1) T_grad + T_mlp) | T / (2K T_grad + T_mlp) |",
  "|---|---|---|---|---|---|---|",
}
print()
print(string.format("T_grad (256 contexts) = %.3g us", t_grad * 1e6))
for _, h in ipairs(HIDDENS) do
  local hs = table.concat(h, ",")
  local Tm = cpu_step["mlp|" .. hs]
  print(string.format("init hidden %-6s mlp step %.4g us (CPU), %.4g us (wall)", hs, Tm * 1e6,
                      wall_step["mlp|" .. hs] * 1e6))
  md[#md + 1] = string.format("| %s | (mlp alone) | %.4g | %.4g | - | - | - |", hs, Tm * 1e6,
                              wall_step["mlp|" .. hs] * 1e6)
  for _, mode in ipairs(MODES) do
    local T = cpu_step[mode .. "|" .. hs]
    local a, b, c = (T - Tm) / t_grad, T / ((K + 1) * t_grad + Tm), T / (2 * K * t_grad + Tm)
    print(string.format("  %-12s %.4g us/step = mlp + %.1f gradients;  T / ((K+1) T_grad + T_mlp) = %.2f;" ..
                        "  T / (2K T_grad + T_mlp) = %.2f", mode, T * 1e6, a, b, c))
    md[#md + 1] = string.format("| %s | %s | %.4g | %.4g | %.1f | %.2f | %.2f |", hs, mode, T * 1e6,
                                wall_step[mode .. "|" .. hs] * 1e6, a, b, c)
  end
end
-- memory (plugins/models/unroll_gd.c, workspace_size): per context, in doubles
md[#md + 1] = ""
for _, h in ipairs(HIDDENS) do
  local hsum, hmax = 0, 0
  for _, w in ipairs(h) do hsum = hsum + w; hmax = math.max(hmax, w) end
  local a, b = (2 * K + 2) * DIM + 1, 2 * hsum + 2 * hmax
  md[#md + 1] = string.format("Exact backprop memory per instance, init hidden %s: model workspace " ..
                              "(2K + 2) ny + 1 = %d doubles (K kept iterates and K gradients, adjoint, " ..
                              "HVP output, value) + %d for the init MLP's activations = %d doubles " ..
                              "(%d bytes); the host's K + 1 iterates and their loss gradients add " ..
                              "2 (K + 1) ny = %d doubles.", table.concat(h, "-"), a, b, a + b,
                              8 * (a + b), 2 * (K + 1) * DIM)
end
amor.write_file("unroll_cost.md", table.concat(md, "\n") .. "\n")
print(table.concat(md, "\n", #md - #HIDDENS + 1))
