-- paradigms.lua -- the tutorial's 2x2 of learning paradigms (Amos 2023, §2):
--
--                       regression loss            objective loss
--                       L = 1/2|y_hat - y*|^2      L = f(y_hat; x)
--   fully amortized     mlp                        mlp
--   semi-amortized      unroll_gd                  unroll_gd (+ L^sum)
--
-- on the main example (tutorial1d) and on Rosenbrock, three seeds (quick:
-- two seeds, 1000 instead of 4000 training steps).
--   fully amortized: an MLP x -> y (32-32 relu) that never touches f;
--   semi-amortized:  unroll_gd, a smaller MLP init (16-16 relu) followed by
--                    K = 5 gradient steps y^t = y^{t-1} - alpha_t grad f with
--                    learned step sizes alpha_t, trained by backpropagating
--                    through the steps (grad = exact, Hessian-vector products);
--   plus the iterate-weighted objective L^sum = 1/T sum_t f(y^t; x)
--   (objective_sum, uniform weights over y^0 .. y^5) for the semi-amortized
--   model, which also asks the init and every intermediate iterate to be good.
-- The regression-trained unroll_gd still needs grad f (its forward pass runs
-- the steps); only the fully-amortized regression model needs nothing but y*.
--
--   build/amor run scripts/paradigms.lua               (results/paradigms/)
--   build/amor run scripts/paradigms.lua --set quick=true
--
-- Writes, besides runs.csv / curves.csv / solver.csv and the automatic
-- training-curve and solver figures per problem:
--   paradigms.md, paradigms_table.csv   held-out gap f(y_hat) - f(y*) and
--       distance |y_hat - y*| as mean +/- std over seeds (sample std, n - 1)
--       of the per-seed means, per (problem, model, loss), with the untrained
--       model's gap, parameters, oracle calls per instance and training time;
--   paradigms_gap.{gp,png,svg}   grouped bars: one group per problem, one bar
--       per model/loss, height = mean held-out gap, whisker = std over seeds
--       (log y).
--
-- Settings: the unrolled step sizes start at step0, about a stable step for
-- each problem: tutorial1d's f = sigmoid((y - y*)^2 / 80) has curvature
-- f'' = 1/160 at y* (so 50 is a damped Newton step; the learned steps grow
-- towards 160), Rosenbrock's Hessian reaches ~2 + 8b ~ 80 at b = 10 (stable
-- steps < 2/80, step0 = 0.01).  The solver baselines' learning rates are the
-- ones that work for each problem (the sigmoid's flat tails need a huge GD
-- step on tutorial1d).  On tutorial1d, whose y* is found numerically, every
-- cell trains on one fixed set of 8192 contexts with cached y* (train_set)
-- rather than fresh contexts (and fresh solves) every step.

local quick = amor.setting("quick", false)

local K = 5
local STEP0 = {tutorial1d = 50, rosenbrock = 0.01}
local SEEDS = quick and {1, 2} or {1, 2, 3}

local PROBLEMS = {"tutorial1d", "rosenbrock"}
-- (relu, grad = exact, learn_steps = true and uniform L^sum weights are the
-- plugins' defaults; leaving them out keeps the cell names short)
local MODELS = {
  {key = "mlp", spec = {"mlp", hidden = {32, 32}}},
  {key = "unroll_gd", spec = {"unroll_gd", init = "mlp", hidden = {16, 16}, steps = K}},
}
local LOSSES = {
  {key = "regression", spec = "regression"},
  {key = "objective", spec = "objective"},
  {key = "objective_sum", spec = "objective_sum"},
}

local model_specs, loss_specs = {}, {}
for i, m in ipairs(MODELS) do model_specs[i] = m.spec end
for i, l in ipairs(LOSSES) do loss_specs[i] = l.spec end

local results = experiment {
  name = "paradigms",
  problems = PROBLEMS,
  models = model_specs,
  losses = loss_specs,
  seeds = SEEDS,
  train = {steps = quick and 1000 or 4000, batch = 128, lr = 1e-3,
           eval_every = quick and 50 or 200},
  eval = {contexts = quick and 256 or 1024},
  solver = {iterations = quick and 200 or 2000, adam_lr = 5e-2, gd_lr = 1e-2},
  -- a model with one iterate has L^sum = L: no fully-amortized objective_sum
  filter = function(cell)
    return not (cell.model.name == "mlp" and cell.loss.name == "objective_sum")
  end,
  override = function(cell)
    if cell.model.name == "unroll_gd" then cell.model.params.step0 = STEP0[cell.problem.name] end
    if cell.problem.name == "tutorial1d" then
      -- y* of the main example is found numerically (grid, then refinement):
      -- solve a fixed training set of contexts once instead of every batch
      -- (x is 1-d, 8192 draws cover [-5, 5] densely); every loss trains on it
      cell.train.train_set = 8192
      -- the sigmoid's gradient vanishes away from y*: large solver steps
      cell.solver.adam_lr = 0.5
      cell.solver.gd_lr = 50
      cell.solver.iterations = quick and 100 or 200
    end
  end,
}

-- ---- aggregate over seeds ----------------------------------------------------

-- "problem/model(params)/loss(params)/seed=N" -> problem, model, loss names
local function parse_cell(id)
  local p, m, l = id:match("^([^/]+)/([^/]+)/([^/]+)/seed=%d+$")
  if not p then return nil end
  return p:match("^[^(]+"), m:match("^[^(]+"), l:match("^[^(]+")
end

local mean_std = amor.mean_std

-- oracle calls per instance from runs.csv (the result tables do not carry it)

local groups = {} -- key "problem|model|loss" -> {gaps, dists, init, secs, params, calls, n, ok}
for _, r in ipairs(results) do
  local p, m, l = parse_cell(r.cell)
  if p then
    local key = p .. "|" .. m .. "|" .. l
    local g = groups[key] or {gap = {}, dist = {}, init = {}, secs = {}, calls = {}, n = 0, ok = 0}
    groups[key] = g
    g.n = g.n + 1
    if r.status == "ok" and r.gap_mean then
      g.ok = g.ok + 1
      g.gap[#g.gap + 1] = r.gap_mean
      g.dist[#g.dist + 1] = r.distance_mean
      g.init[#g.init + 1] = r.initial_gap_mean
      g.secs[#g.secs + 1] = r.train_seconds
      g.calls[#g.calls + 1] = r.oracle_calls_per_instance
      g.params = r.num_params
    end
  end
end

local function fmt(v) return v and string.format("%.3g", v) or "-" end
local function pm(m, s) return m and string.format("%.3g ± %.2g", m, s) or "-" end

local md = {
  "# Learning paradigms: fully- vs semi-amortized x regression vs objective",
  "",
  string.format("Held-out gap f(y_hat; x) - f(y*; x) and distance |y_hat - y*| over %s " ..
                "contexts, mean ± std (sample, n - 1) over seeds %s; %d training steps, " ..
                "batch 128, Adam lr 1e-3. 'untrained' is the same model at its " ..
                "initialization (for unroll_gd: its K steps from the random init).",
                quick and "256" or "1024", table.concat(SEEDS, ", "), quick and 1000 or 4000),
  "",
  "| problem | model | loss | ok | gap | distance | untrained gap | params | oracle calls | train s |",
  "|---|---|---|---|---|---|---|---|---|---|",
}
local csv = {"problem,model,loss,seeds,ok,gap_mean,gap_std,distance_mean,distance_std," ..
             "initial_gap_mean,num_params,oracle_calls_per_instance,train_seconds_mean"}
local bar_labels, bar_keys = {}, {}
for _, m in ipairs(MODELS) do
  for _, l in ipairs(LOSSES) do
    if not (m.key == "mlp" and l.key == "objective_sum") then
      bar_labels[#bar_labels + 1] = m.key .. " / " .. l.key
      bar_keys[#bar_keys + 1] = m.key .. "|" .. l.key
    end
  end
end

print()
print(string.format("%-11s %-10s %-14s %3s %22s %22s %12s", "problem", "model", "loss", "ok",
                    "gap (mean ± std)", "distance (mean ± std)", "untrained"))
local value, err = {}, {}
for gi, p in ipairs(PROBLEMS) do
  value[gi], err[gi] = {}, {}
  for bi, mk in ipairs(bar_keys) do
    local m, l = mk:match("^(.-)|(.*)$")
    local g = groups[p .. "|" .. mk] or {gap = {}, dist = {}, init = {}, secs = {}, calls = {}, n = 0, ok = 0}
    local gm, gs = mean_std(g.gap)
    local dm, ds = mean_std(g.dist)
    local im = mean_std(g.init)
    local sm = mean_std(g.secs)
    local cm = mean_std(g.calls)
    value[gi][bi], err[gi][bi] = gm or (0 / 0), gs or (0 / 0)
    print(string.format("%-11s %-10s %-14s %d/%d %22s %22s %12s", p, m, l, g.ok, g.n, pm(gm, gs),
                        pm(dm, ds), fmt(im)))
    md[#md + 1] = string.format("| %s | %s | %s | %d/%d | %s | %s | %s | %s | %s | %s |", p, m, l,
                                g.ok, g.n, pm(gm, gs), pm(dm, ds), fmt(im),
                                g.params and string.format("%d", g.params) or "-", fmt(cm), fmt(sm))
    csv[#csv + 1] = string.format("%s,%s,%s,%d,%d,%.10g,%.10g,%.10g,%.10g,%.10g,%s,%s,%.6g", p, m, l,
                                  g.n, g.ok, gm or 0 / 0, gs or 0 / 0, dm or 0 / 0, ds or 0 / 0,
                                  im or 0 / 0, g.params and string.format("%d", g.params) or "",
                                  cm and string.format("%g", cm) or "", sm or 0 / 0)
  end
end
md[#md + 1] = ""
md[#md + 1] = "Figure: paradigms_gap.png (bars), paradigms_training_<problem>.png (held-out gap " ..
              "during training, one line per cell), paradigms_solver_<problem>.png (from-scratch " ..
              "Adam/GD against the models' gaps)."
amor.write_file("paradigms.md", table.concat(md, "\n") .. "\n")
amor.write_file("paradigms_table.csv", table.concat(csv, "\n") .. "\n")

amor.plot_bars {
  stem = "paradigms_gap",
  title = string.format("held-out gap per paradigm (mean ± std over %d seeds)", #SEEDS),
  ylabel = "f(y_hat; x) - f(y*; x)",
  logy = true,
  groups = PROBLEMS,
  bars = bar_labels,
  value = value,
  err = err,
}
