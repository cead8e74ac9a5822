-- control.lua -- the tutorial's control experiments (§7.1, figures
-- control-model-free-{iter,time} and control-model-based-{iter,time}): a
-- policy pi(x) amortizes
--   model-free  (eq. Q-opt): u*(x) = argmin_u Q(x, u), control_lqr -- the exact
--               action-value of a random 45-state, 17-action LQR system;
--               trained by behavioural cloning (regression onto y* = -Kx) and
--               by DPG (objective: Q(x, pi(x)));
--   model-based (eq. mpc):   u*_{1:3}(x) = argmin of the 3-step cost of a
--               nonlinear pendulum chain (44 states, 17 motors, ny = 51) with
--               an LQR terminal value, control_mpc; trained by the objective.
-- Against the tutorial's baseline: Adam from zero actions, lr 5e-3, 500
-- iterations, on a batch of 1000 held-out states.  Values are normalized per
-- problem so that the zero action is -1 and the best of {Adam after 500
-- iterations, the policies} is 0 (the tutorial uses the expert policy's value
-- as 0 and clamps); each problem subtracts the LQR value x'Px per context
-- (baseline = "value"), which leaves the normalized means unchanged and makes
-- the std bands measure solution quality rather than how far states are from
-- the origin.  Speedups: runs.csv's adam_speedup (Adam's seconds to reach the
-- policy's mean objective / the policy's inference time for the batch) and the
-- tutorial's (all 500 Adam iterations / the policy's inference time).
--   build/amor run scripts/control.lua                 (results/control/)
--   build/amor run scripts/control.lua --set quick=true

local quick = amor.setting("quick", false)
local N, ITERS, ADAM_LR = 1000, 500, 5e-3
local POLICY = {"mlp", hidden = {64, 64}, activation = "relu"}

local results = experiment {
  name = "control",
  problems = {{"control_lqr", baseline = "value"}, {"control_mpc", baseline = "value"}},
  models = {POLICY},
  losses = {"regression", "objective"},
  seeds = {1},
  train = {steps = quick and 1000 or 20000, batch = 256, lr = 1e-3,
           eval_every = quick and 500 or 1000},
  eval = {contexts = N},
  solver = {iterations = ITERS, methods = {"adam"}, adam_lr = ADAM_LR, log_every = 1},
  override = function(cell)
    -- behavioural cloning from MPC solutions: a fixed set of solved states
    if cell.problem.name == "control_mpc" and cell.loss.name == "regression" then
      cell.train.train_set = 20000
    end
  end,
  -- the quick run skips BC on the MPC problem (20000 Newton solves)
  filter = function(cell)
    return not (quick and cell.problem.name == "control_mpc" and cell.loss.name == "regression")
  end,
}

-- a shard of a sweep (amor run --shard) has only its own cells: the tables
-- below need all of them, which amor merge has
if amor.shard then return end

-- ---------------------------------------------------------------------------
-- Group the cells by problem; normalize.

local SETTINGS = {
  control_lqr = {stem = "control-model-free", title = "Model-free control (LQR Q-values, 45 -> 17)",
                 tutorial_speedup = 1000, tutorial_ms = 0.65},
  control_mpc = {stem = "control-model-based", title = "Model-based control (pendulum chain, H = 3, 44 -> 51)",
                 tutorial_speedup = 700, tutorial_ms = 5.8},
}
local LOSS_LABEL = {regression = "behavioural cloning (regression)", objective = "DPG (objective)"}

local groups, order = {}, {}
for _, r in ipairs(results) do
  local prob, loss = r.cell:match("^([%w_]+)"), r.cell:match("/([%w_]+)/seed=")
  if r.status ~= "ok" then error("control: cell " .. r.cell .. " " .. r.status .. ": " .. r.error) end
  if not groups[prob] then groups[prob] = {}; order[#order + 1] = prob end
  table.insert(groups[prob], {r = r, loss = loss})
end

local rows = {}
for _, prob in ipairs(order) do
  local g, set = groups[prob], SETTINGS[prob]
  local adam = g[1].r.solver.adam -- every cell on a problem shares its held-out states and Adam run
  local f0, fT = adam.mean[1], adam.mean[#adam.mean]
  local best = fT
  for _, c in ipairs(g) do
    if c.r.solver.adam.mean[1] ~= f0 then error("control: cells on " .. prob .. " disagree on f(0)") end
    best = math.min(best, c.r.objective_mean)
  end
  local scale = f0 - best
  local function norm(v) return (best - v) / scale end
  local adam_all = adam.seconds[#adam.seconds] -- all ITERS iterations (first cell's run)

  local ax = {it = {}, sec = {}, y = {}, lo = {}, hi = {}}
  for k = 1, #adam.mean do
    ax.it[k], ax.sec[k] = adam.iteration[k], adam.seconds[k]
    ax.y[k] = norm(adam.mean[k])
    ax.lo[k], ax.hi[k] = ax.y[k] - adam.std[k] / scale, ax.y[k] + adam.std[k] / scale
  end
  local function figure(kind, xs, xmax, xlabel)
    local series = {{label = string.format("Adam from zero actions (lr %g)", ADAM_LR), x = xs,
                     y = ax.y, ylo = ax.lo, yhi = ax.hi}}
    for _, c in ipairs(g) do
      local v, s = norm(c.r.objective_mean), c.r.objective_std / scale
      series[#series + 1] = {
        label = string.format("policy, %s: %.2f ms", LOSS_LABEL[c.loss] or c.loss,
                              c.r.infer_seconds * N * 1e3),
        x = {0, xmax}, y = {v, v}, ylo = {v - s, v - s}, yhi = {v + s, v + s}, style = "lines dt 2"}
    end
    amor.plot {stem = set.stem .. "-" .. kind, title = set.title, xlabel = xlabel,
               ylabel = "normalized value (zero action -1, best 0)", key = "bottom right",
               series = series}
  end
  figure("iter", ax.it, ITERS, "Adam iterations")
  figure("time", ax.sec, adam_all, "runtime (seconds)")

  local opt = g[1].r.optimal_objective_mean
  for _, c in ipairs(g) do
    -- each cell ran the same Adam iterates; its own run's clock times them
    local r, infer_batch, sec = c.r, c.r.infer_seconds * N, c.r.solver.adam.seconds
    local matched = r.adam_iters_to_within_delta
    rows[#rows + 1] = {
      problem = prob, loss = c.loss, normalized = norm(r.objective_mean),
      normalized_std = r.objective_std / scale, objective = r.objective_mean,
      zero_objective = f0, adam_final_objective = fT, best_objective = best,
      optimal_objective = opt, optimal_normalized = opt and norm(opt),
      adam_final_normalized = norm(fT), infer_ms = infer_batch * 1e3,
      adam_seconds = sec[#sec], tutorial_speedup = sec[#sec] / infer_batch,
      adam_iters_to_match = matched,
      adam_speedup = matched and sec[matched + 1] / infer_batch,
      paper_speedup = set.tutorial_speedup, paper_ms = set.tutorial_ms,
    }
  end
end

-- ---------------------------------------------------------------------------
-- Report: control.md (and printed), control.csv for scripts and tests.

local function f4(v) return v and string.format("%.4f", v) or "-" end
local function fsp(v) return string.format("%.0fx", v) end

local md = {
  "# Control: amortized policies vs Adam (tutorial §7.1)", "",
  string.format("Batch of %d held-out states; Adam from zero actions, lr %g, %d iterations; " ..
                "policy `mlp` %s.  Normalized value: zero action -1, best of {Adam after %d " ..
                "iterations, policies} 0 (higher is better).", N, ADAM_LR, ITERS,
                "hidden 64,64 relu", ITERS), "",
  "| problem | policy training | normalized value | Adam after 500 | f(y*) normalized | " ..
  "inference (batch) | Adam 500 iterations | speedup (tutorial's: 500 its / inference) | " ..
  "adam_speedup (runs.csv: to match / inference) | Adam iterations to match | tutorial |",
  "|---|---|---|---|---|---|---|---|---|---|---|",
}
for _, w in ipairs(rows) do
  md[#md + 1] = string.format("| %s | %s | %s ± %s | %s | %s | %.3f ms | %.3f s | %s | %s | %s | %dx, %.2f ms (GPU) |",
    w.problem, LOSS_LABEL[w.loss] or w.loss, f4(w.normalized), f4(w.normalized_std),
    f4(w.adam_final_normalized), f4(w.optimal_normalized), w.infer_ms, w.adam_seconds,
    fsp(w.tutorial_speedup),
    -- Adam never reached the policy's value: it is faster than all 500 iterations
    w.adam_speedup and fsp(w.adam_speedup) or "> " .. fsp(w.tutorial_speedup) .. " (not reached)",
    w.adam_iters_to_match and string.format("%d", w.adam_iters_to_match) or "> " .. ITERS,
    w.paper_speedup, w.paper_ms)
end
md[#md + 1] = ""
md[#md + 1] = "Figures: control-model-free-{iter,time}, control-model-based-{iter,time} (.gp/.png/.svg)."
local text = table.concat(md, "\n") .. "\n"
amor.write_file("control.md", text)
io.write("\n", text)

local cols = {"problem", "loss", "normalized", "normalized_std", "objective", "zero_objective",
              "adam_final_objective", "best_objective", "optimal_objective", "infer_ms",
              "adam_seconds", "tutorial_speedup", "adam_iters_to_match", "adam_speedup"}
local csv = {table.concat(cols, ",")}
for _, w in ipairs(rows) do
  local f = {}
  for i, k in ipairs(cols) do
    local v = w[k]
    f[i] = type(v) == "number" and string.format("%.17g", v) or (v or "")
  end
  csv[#csv + 1] = table.concat(f, ",")
end
amor.write_file("control.csv", table.concat(csv, "\n") .. "\n")
