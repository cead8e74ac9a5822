-- unrolling.lua -- the cost of differentiating through K unrolled gradient
-- steps (Amos 2023, §2.1.2.4 and §3.3): a semi-amortized model unroll_gd
-- (an init MLP x -> y^0 followed by K steps y^t = y^{t-1} - alpha_t grad f
-- with learned step sizes) trained on the objective with three ways of
-- getting dL/dtheta through the steps:
--   exact        backpropagation through all K steps (K Hessian-vector
--                products per backward pass, O(K ny) memory per instance);
--   first_order  (I - alpha H) taken as I (FOMAML): no Hessian products;
--   truncated    only the last W = 5 steps are backpropagated (the input of
--                step K - W is detached): the init network and the first
--                K - W step sizes get no gradient at all.
-- for K in {1, 2, 5, 10, 20} on a quadratic f = 1/2 y'Ay - x'y with ny = 32
-- and cond(A) = 100 (y* = A^-1 x).  truncated needs W <= K and is exact
-- when W = K, so it runs only for K >= 5 (its K = 5 point is exact
-- backpropagation through the truncated code path; it differs from exact
-- for K = 10 and 20).  The init network is deliberately narrow (32 -> 16 ->
-- 32, relu): it cannot represent the rank-32 map A^-1 on its own, so the
-- steps have work to do.  The same network trained alone (mlp, K = 0) is
-- the fully-amortized reference.
--
--   build/amor run scripts/unrolling.lua               (results/unrolling/)
--   build/amor run scripts/unrolling.lua --set quick=true
--
-- Writes, besides runs.csv / curves.csv and the automatic training-curve
-- figure (no from-scratch solver baseline: it is not the question here):
--   unrolling_gap.{gp,png,svg}   held-out gap vs K per gradient mode
--                                (mean and min-max band over seeds, log y),
--                                the mlp alone as a horizontal band;
--   unrolling_time.{gp,png,svg}  milliseconds per training step
--                                (train_seconds / train_steps) vs K per mode,
--                                fastest seed (the least disturbed by other
--                                load) and min-max band, same reference;
--   unrolling.md                 the numbers, with oracle calls per instance
--                                at evaluation (= K) and the model workspace
--                                per instance.
-- The cost of a step in objective-gradient evaluations, measured in CPU time
-- and set against the fully-amortized step: scripts/bench/unroll_cost.lua.
-- Wall times depend on the machine and its load; the gap does not.

local quick = amor.setting("quick", false)

local DIM, COND = 32, 100
local HIDDEN = {16}
local WINDOW = 5
local STEP0 = 0.01 -- 1/L: the stable step of f (L = cond = 100)
local KS = quick and {1, 2, 5, 10} or {1, 2, 5, 10, 20}
local MODES = {"exact", "first_order", "truncated"}
local SEEDS = quick and {1} or {1, 2, 3}
local BATCH = 256
local STEPS = quick and 300 or 2000

local function grid(seed)
  return {
    name = "unrolling",
    problems = {{"quadratic", dim = DIM, cond = COND}},
    models = {
      {"mlp", hidden = HIDDEN},
      {"unroll_gd", init = "mlp", hidden = HIDDEN, step0 = STEP0, steps = amor.sweep(KS),
       grad = amor.sweep(MODES)},
    },
    losses = {"objective"},
    seeds = {seed},
    train = {steps = STEPS, batch = BATCH, lr = 3e-3, eval_every = quick and 50 or 100},
    eval = {contexts = 256},
    solver = {iterations = 0},
    filter = function(cell)
      local p = cell.model.params
      if cell.model.name ~= "unroll_gd" then return true end
      if p.grad == "truncated" then return p.steps >= WINDOW end
      -- quick: K = 10 only through the truncated path (window < K)
      return not (quick and p.steps == 10)
    end,
    override = function(cell)
      local p = cell.model.params
      if cell.model.name == "unroll_gd" and p.grad == "truncated" then p.window = WINDOW end
    end,
  }
end

-- One experiment{} per seed, so that the configurations interleave in time:
-- a burst of load from other processes then slows one seed of a
-- configuration, not all of them, and the fastest seed is a fair timing.
local results = {}
for _, seed in ipairs(SEEDS) do
  for _, r in ipairs(experiment(grid(seed))) do results[#results + 1] = r end
end

-- ---- collect -------------------------------------------------------------------


local mean_std = amor.mean_std

local minmax = amor.minmax

-- group key: "mlp" or "<mode>|K"
local G = {}
for _, r in ipairs(results) do
  local m = r.cell:match("/(%w[%w_]*)%(") or r.cell:match("/(%w[%w_]*)/")
  local key
  if m == "mlp" then
    key = "mlp"
  else
    local K = tonumber(r.cell:match("steps=(%d+)"))
    local mode = r.cell:match("grad=([%w_]+)")
    key = mode .. "|" .. K
  end
  local g = G[key] or {gap = {}, init = {}, sps = {}, calls = {}, n = 0, ok = 0}
  G[key] = g
  g.n = g.n + 1
  if r.status == "ok" and r.gap_mean then
    g.ok = g.ok + 1
    g.gap[#g.gap + 1] = r.gap_mean
    g.init[#g.init + 1] = r.initial_gap_mean
    g.sps[#g.sps + 1] = r.train_seconds / r.train_steps
    g.calls[#g.calls + 1] = r.oracle_calls_per_instance
  end
end

-- model workspace per instance in doubles (plugins/models/unroll_gd.c: kept
-- iterates y^{t-1} and gradients of S steps, adjoint, HVP output, value; the
-- init MLP's activations 2 hsum + 2 hmax over its hidden layers); the host also keeps the T = K + 1
-- iterates and their loss gradients (2 (K + 1) ny), not counted here.
local function hsum_hmax()
  local s, m = 0, 0
  for _, h in ipairs(HIDDEN) do s = s + h; m = math.max(m, h) end
  return s, m
end
local function workspace(mode, K)
  local hs, hm = hsum_hmax()
  local mlp = 2 * hs + 2 * hm
  if mode == "mlp" then return mlp end
  local S = K
  if mode == "truncated" and WINDOW < K then S = WINDOW + 1 end
  local keep_y = mode ~= "first_order" and 1 or 0
  local keep_g = 1 -- learned step sizes
  local scratch = 1 + (mode ~= "first_order" and 1 or 0)
  return (S * (keep_y + keep_g) + scratch) * DIM + 1 + mlp
end

local function g3(v) return v and string.format("%.3g", v) or "-" end
local mlp = G.mlp or {gap = {}, init = {}, sps = {}, calls = {}, n = 0, ok = 0}
local mlp_gap = mean_std(mlp.gap)
-- seconds per step: the fastest seed, the one least disturbed by other load
local function fastest(v) if #v == 0 then return nil end return (minmax(v)) end
local mlp_sps = fastest(mlp.sps)

local md = {
  "# Unrolled differentiation: gap and cost vs K",
  "",
  string.format("quadratic, ny = %d, cond = %g; unroll_gd init = mlp (%d -> %s -> %d relu), step0 = %g, " ..
                "learned step sizes, objective loss, %d Adam steps (lr 3e-3, batch %d), seeds %s; " ..
                "held-out gap over 256 contexts, mean ± std over seeds. truncated: window W = %d " ..
                "(K >= W only; W = K is exact).", DIM, COND, DIM, table.concat(HIDDEN, "-"), DIM,
                STEP0, STEPS, BATCH, table.concat(SEEDS, ", "), WINDOW),
  "",
  "| grad | K | ok | gap | untrained gap | s / training step (fastest seed) | step / mlp step | oracle calls / instance | workspace doubles / instance |",
  "|---|---|---|---|---|---|---|---|---|",
}
local function md_row(label, K, g, mode)
  local gm, gs = mean_std(g.gap)
  local sm = fastest(g.sps)
  local cm = mean_std(g.calls)
  md[#md + 1] = string.format("| %s | %d | %d/%d | %s | %s | %s | %s | %s | %d |", label, K, g.ok, g.n,
                              gm and string.format("%.3g ± %.2g", gm, gs) or "-",
                              g3(mean_std(g.init)), sm and string.format("%.3g", sm) or "-",
                              (sm and mlp_sps) and string.format("%.2f", sm / mlp_sps) or "-",
                              cm and string.format("%g", cm) or "-", workspace(mode, K))
end
md_row("mlp alone", 0, mlp, "mlp")

print()
print(string.format("%-12s %3s %5s %22s %14s %12s", "grad", "K", "ok", "gap (mean ± std)", "s/step", "oracle/inst"))
print(string.format("%-12s %3d %2d/%-2d %22s %14s %12s", "mlp alone", 0, mlp.ok, mlp.n,
                    mlp_gap and string.format("%.3g ± %.2g", mean_std(mlp.gap)) or "-", g3(mlp_sps),
                    g3(mean_std(mlp.calls))))

local gap_series, time_series = {}, {}
for _, mode in ipairs(MODES) do
  local xs, ys, lo, hi, ts, tlo, thi = {}, {}, {}, {}, {}, {}, {}
  for _, K in ipairs(KS) do
    local g = G[mode .. "|" .. K]
    if g then
      md_row(mode == "truncated" and string.format("truncated (W = %d)", WINDOW) or mode, K, g, mode)
      local gm, gs = mean_std(g.gap)
      local sm = fastest(g.sps)
      print(string.format("%-12s %3d %2d/%-2d %22s %14s %12s", mode, K, g.ok, g.n,
                          gm and string.format("%.3g ± %.2g", gm, gs) or "-", g3(sm), g3(mean_std(g.calls))))
      if gm then
        local a, b = minmax(g.gap)
        local c, d = minmax(g.sps)
        xs[#xs + 1], ys[#ys + 1], lo[#lo + 1], hi[#hi + 1] = K, gm, a, b
        ts[#ts + 1], tlo[#tlo + 1], thi[#thi + 1] = 1e3 * sm, 1e3 * c, 1e3 * d
      end
    end
  end
  local label = mode == "truncated" and string.format("truncated (W = %d)", WINDOW) or mode
  local band = #SEEDS > 1
  gap_series[#gap_series + 1] = {label = label, x = xs, y = ys, ylo = band and lo or nil,
                                 yhi = band and hi or nil, style = "linespoints"}
  local tx = {}
  for i, v in ipairs(xs) do tx[i] = v end
  time_series[#time_series + 1] = {label = label, x = tx, y = ts, ylo = band and tlo or nil,
                                   yhi = band and thi or nil, style = "linespoints"}
end
md[#md + 1] = ""
md[#md + 1] = "Seconds per training step = train_seconds / train_steps of the fastest seed (wall " ..
              "time; the least disturbed by other processes). " ..
              "'step / mlp step' divides by the seconds per step of the mlp alone (same init network, " ..
              "fully amortized); scripts/bench/unroll_cost.lua measures the cost in CPU time against " ..
              "one objective gradient. The workspace " ..
              "is the model's (plugins/models/unroll_gd.c): S ny kept iterates (not first_order) + " ..
              "S ny kept gradients (learned step sizes) + adjoint + HVP output (not first_order) + 1, " ..
              "S = K (exact, first_order) or W + 1 (truncated, W < K), plus the init MLP's " ..
              "activations; the host keeps the K + 1 iterates and their loss gradients besides."
md[#md + 1] = ""
md[#md + 1] = "Figures: unrolling_gap.png, unrolling_time.png, unrolling_training_*.png."
amor.write_file("unrolling.md", table.concat(md, "\n") .. "\n")

local ref_gap = mlp_gap and {{label = "mlp alone (K = 0)", y = mlp_gap, lo = minmax(mlp.gap),
                               hi = select(2, minmax(mlp.gap))}} or {}
local ref_time = mlp_sps and {{label = "mlp alone (K = 0)", y = 1e3 * mlp_sps,
                                lo = 1e3 * minmax(mlp.sps), hi = 1e3 * select(2, minmax(mlp.sps))}} or {}
amor.plot {
  stem = "unrolling_gap",
  title = string.format("held-out gap vs unrolled steps K (quadratic ny = %d, cond %g; %d seed%s)",
                        DIM, COND, #SEEDS, #SEEDS == 1 and "" or "s: mean, min-max band"),
  xlabel = "unrolled gradient steps K",
  ylabel = "f(y_hat; x) - f(y*; x)",
  logy = true,
  key = "bottom left",
  series = gap_series,
  bands = ref_gap,
}
amor.plot {
  stem = "unrolling_time",
  title = string.format("training cost vs K (batch %d, ny = %d)", BATCH, DIM),
  xlabel = "unrolled gradient steps K",
  ylabel = "milliseconds per training step",
  key = "top left",
  series = time_series,
  bands = ref_time,
}
