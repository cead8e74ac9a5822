-- warmstart.lua -- warm-starting a solver from a fully-amortized model vs
-- training the model through the solver (Amos 2023, §2.1.2.3 and §2.2):
--   warmstart          an MLP trained fully amortized (objective loss on its
--                      own output), then K plain gradient steps with a fixed
--                      step size at inference only: the steps are never
--                      seen in training;
--   unroll_gd fixed    the same MLP, the same K steps with the same fixed
--                      step size (learn_steps = false) -- the inference
--                      computation is identical to warmstart's -- but trained
--                      through the steps (semi-amortized, exact backprop);
--   unroll_gd learned  as above with the K step sizes learned too
--                      (learn_steps = true, initialized at the same size).
-- At K = 0 all three are the same fully-amortized MLP: the warmstart K = 0
-- cell is drawn as every curve's first point.  K in {0, 1, 5, 10}.
--
-- Problems, with the init network and step size of each:
--   quadratic ny = 32, cond 100   MLP 32 -> 16 -> 32 (too narrow to represent
--                                 A^-1 alone), step 1/L = 0.01;
--   rosenbrock                    MLP 2 -> 16 -> 16 -> 2, step 0.005 (stable
--                                 near the valley, where the Hessian reaches
--                                 ~80 for b = 10; larger steps blow up from
--                                 an untrained network's far-off guesses).
--
--   build/amor run scripts/warmstart.lua               (results/warmstart/)
--   build/amor run scripts/warmstart.lua --set quick=true
--
-- Writes, besides runs.csv / curves.csv and the automatic training-curve
-- figures:
--   warmstart_gap.{gp,png,svg}   held-out gap vs K, one panel per problem,
--                                mean and min-max band over seeds (log y);
--   warmstart.md                 the numbers: gap and distance (mean ± std
--                                over seeds), untrained gap, oracle calls per
--                                instance at inference (= K for all three).

local quick = amor.setting("quick", false)

local KS = {0, 1, 5, 10}
local SEEDS = quick and {1} or {1, 2, 3}
local SETUP = {
  quadratic = {spec = {"quadratic", dim = 32, cond = 100}, title = "quadratic (ny = 32, cond 100)",
               hidden = {16}, step = 0.01},
  rosenbrock = {spec = "rosenbrock", title = "rosenbrock", hidden = {16, 16}, step = 0.005},
}
local PROBLEMS = {"quadratic", "rosenbrock"}
local VARIANTS = {
  {key = "warmstart", label = "warmstart (MLP + K GD steps at inference)"},
  {key = "fixed", label = "unroll_gd, fixed steps (trained through them)"},
  {key = "learned", label = "unroll_gd, learned steps"},
}

local problem_specs = {}
for i, p in ipairs(PROBLEMS) do problem_specs[i] = SETUP[p].spec end

local results = experiment {
  name = "warmstart",
  problems = problem_specs,
  models = {
    {"warmstart", steps = amor.sweep(KS)},
    {"unroll_gd", init = "mlp", steps = amor.sweep{1, 5, 10}, learn_steps = amor.sweep{false, true}},
  },
  losses = {"objective"},
  seeds = SEEDS,
  train = {steps = quick and 800 or 3000, batch = 128, lr = 2e-3, eval_every = quick and 100 or 200},
  eval = {contexts = quick and 256 or 1024},
  solver = {iterations = 0},
  override = function(cell)
    local s, p = SETUP[cell.problem.name], cell.model.params
    p.hidden = s.hidden
    if cell.model.name == "warmstart" then p.step_size = s.step else p.step0 = s.step end
  end,
  -- quick: the K = 5 unroll_gd cells only
  filter = function(cell)
    return not (quick and cell.model.name == "unroll_gd" and cell.model.params.steps ~= 5)
  end,
}

-- ---- aggregate ---------------------------------------------------------------------


local mean_std = amor.mean_std

local minmax = amor.minmax

-- key "problem|variant|K"
local G = {}
for _, r in ipairs(results) do
  local p = r.cell:match("^(%a[%w_]*)")
  local m = r.cell:match("/(%a[%w_]*)%(")
  local K = tonumber(r.cell:match("steps=(%d+)"))
  local v = m == "warmstart" and "warmstart" or
            (r.cell:match("learn_steps=true") and "learned" or "fixed")
  local key = p .. "|" .. v .. "|" .. K
  local g = G[key] or {gap = {}, dist = {}, init = {}, calls = {}, n = 0, ok = 0}
  G[key] = g
  g.n = g.n + 1
  if r.status == "ok" and r.gap_mean then
    g.ok = g.ok + 1
    g.gap[#g.gap + 1] = r.gap_mean
    g.dist[#g.dist + 1] = r.distance_mean
    g.init[#g.init + 1] = r.initial_gap_mean
    g.calls[#g.calls + 1] = r.oracle_calls_per_instance
  end
end

local function pm(v)
  local m, s = mean_std(v)
  return m and string.format("%.3g ± %.2g", m, s) or "-"
end

local md = {
  "# Warm-starting vs semi-amortization at equal K",
  "",
  string.format("Objective loss, %d Adam steps (lr 2e-3, batch 128), seeds %s; held-out gap " ..
                "f(y_hat; x) - f(y*; x) and distance |y_hat - y*| over %d contexts, mean ± std " ..
                "(sample) over seeds. warmstart takes its K steps at inference only; unroll_gd " ..
                "is trained through them. At K = 0 every variant is the warmstart K = 0 MLP.",
                quick and 800 or 3000, table.concat(SEEDS, ", "), quick and 256 or 1024),
  "",
  "| problem | model | K | step size | ok | gap | distance | untrained gap | oracle calls / instance |",
  "|---|---|---|---|---|---|---|---|---|",
}
print()
print(string.format("%-10s %-10s %3s %5s %22s %22s", "problem", "model", "K", "ok", "gap (mean ± std)",
                    "distance (mean ± std)"))
local panels = {}
for _, p in ipairs(PROBLEMS) do
  local series = {}
  for _, v in ipairs(VARIANTS) do
    local xs, ys, lo, hi = {}, {}, {}, {}
    for _, K in ipairs(KS) do
      local g = G[p .. "|" .. v.key .. "|" .. K]
      local shared = false
      if not g and K == 0 then g, shared = G[p .. "|warmstart|0"], true end
      if g and not shared then
        local cm = mean_std(g.calls)
        print(string.format("%-10s %-10s %3d %2d/%-2d %22s %22s", p, v.key, K, g.ok, g.n, pm(g.gap), pm(g.dist)))
        md[#md + 1] = string.format("| %s | %s | %d | %g%s | %d/%d | %s | %s | %s | %s |", p,
                                    v.key == "warmstart" and "warmstart" or "unroll_gd " .. v.key, K,
                                    SETUP[p].step, v.key == "learned" and " (init)" or "", g.ok, g.n,
                                    pm(g.gap), pm(g.dist),
                                    mean_std(g.init) and string.format("%.3g", mean_std(g.init)) or "-",
                                    cm and string.format("%g", cm) or "-")
      end
      if g and #g.gap > 0 then
        local a, b = minmax(g.gap)
        xs[#xs + 1], ys[#ys + 1], lo[#lo + 1], hi[#hi + 1] = K, mean_std(g.gap), a, b
      end
    end
    local band = #SEEDS > 1
    series[#series + 1] = {label = v.label, x = xs, y = ys, ylo = band and lo or nil,
                           yhi = band and hi or nil, style = "linespoints"}
  end
  panels[#panels + 1] = {title = SETUP[p].title, xlabel = "gradient steps K", ylabel = "held-out gap",
                         logy = true, key = "top right", series = series}
end
md[#md + 1] = ""
md[#md + 1] = "Figure: warmstart_gap.png (gap vs K per problem), warmstart_training_*.png."
amor.write_file("warmstart.md", table.concat(md, "\n") .. "\n")

amor.plot_multi {
  stem = "warmstart_gap",
  title = string.format("warm-started MLP vs unroll_gd at equal K (%d seed%s)", #SEEDS,
                        #SEEDS == 1 and "" or "s: mean, min-max band"),
  rows = 1, cols = 2,
  panels = panels,
}
