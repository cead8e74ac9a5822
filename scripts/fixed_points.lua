-- fixed_points.lua -- roots and fixed points as amortized optimization (the
-- tutorial's fixed-point family: DEQ-style fixed points, NeuralFP, HyperDEQ).
--
-- 1. fixed_points: iterations of the problem's own map to residual 1e-3 and
--    1e-5 on `fixed_point` (y = tanh(W y + U x + b), |W|_2 = 0.9, ny 64,
--    nx 32; Picard steps) and `enr` (NeuralFP's elastic net, context b with
--    A fixed; proximal-gradient steps of 1.8/L), for
--      plain      the map from y = 0 (cold) and from an MLP's prediction
--                 (the learned initializer, trained by regression to y*)
--      Anderson   Anderson(5) acceleration of the map, cold and warm
--      neural_fp  NeuralFP: learned init + GRU accelerator, K = 5 steps,
--                 then the plain map (its count is K + the map's)
--      hyper_aa   HyperDEQ-style learned Anderson mixing, K = 5, likewise
--    the two learned accelerators trained with regression_sum over their
--    iterates (weights increasing along them), from a learned init (init =
--    mlp) and from zero (init = zero).
-- 2. fp: the tutorial's fixed-point figure redrawn from a computation: the
--    1-D map g(y) = -2 sin y + 0.9 y (1 + 0.1 cos y)^2 on [-5, 5] (its
--    code/figures/fixed-point.py), the identity line, its fixed points found
--    by Newton on g(y) - y from a grid of starts (attracting where |g'| < 1),
--    and the iterates of the plain map and of Anderson acceleration (in 1-D,
--    memory 1: the secant method on g(y) - y) from a few starts.
--
--   build/amor run scripts/fixed_points.lua                 (results/fixed_points/)
--   build/amor run scripts/fixed_points.lua --set quick=true
--
-- Writes, besides the CSVs and the host's residual figures
-- (fixed_points_residual_<problem>):
--   fixed_points.md        the iterations table and the 1-D fixed points
--   fp.{gp,png,svg}        the 1-D figure

local quick = amor.setting("quick", false)

local TOLS = {1e-3, 1e-5}
local STEPS = quick and 400 or 4000
local SEEDS = quick and {1} or {1, 2}
local K = 5
local PROBLEMS = {
  {key = "fixed_point", spec = {"fixed_point"}, label = "fixed_point (ny 64, |W| 0.9)"},
  {key = "enr", spec = {"enr", context = "b"}, label = "enr (n 25, context b)"},
}

local models = {
  {"mlp", hidden = {128, 128}},
  {"neural_fp", steps = K, init = "mlp", init_hidden = {128}, delta_scale = 0.1},
  {"neural_fp", steps = K, init = "zero", init_hidden = {128}, delta_scale = 0.1},
  {"hyper_aa", steps = K, init = "mlp", init_hidden = {128}},
  {"hyper_aa", steps = K, init = "zero", init_hidden = {128}},
}
local specs = {}
for i, p in ipairs(PROBLEMS) do specs[i] = p.spec end

local res = experiment {
  name = "fixed_points",
  problems = specs,
  models = models,
  losses = {"regression_sum"},
  seeds = SEEDS,
  train = {steps = STEPS, batch = 64, lr = 1e-3, eval_every = quick and 200 or 1000},
  eval = {contexts = quick and 128 or 512, tolerances = TOLS, max_iterations = 20000},
  solver = {iterations = 0, methods = {"anderson"}, anderson_memory = 5},
}

if amor.shard then return end -- amor merge draws the tables

local mean_std = amor.mean_std
local md = {}
local function say(fmt, ...)
  local s = string.format(fmt, ...)
  md[#md + 1] = s
  print(s)
end

-- by problem, by row label, by tolerance: lists over seeds
local T, order = {}, {}
local function add(pk, label, t, v)
  T[pk] = T[pk] or {}
  if not T[pk][label] then
    T[pk][label] = {}
    order[pk] = order[pk] or {}
    table.insert(order[pk], label)
  end
  T[pk][label][t] = T[pk][label][t] or {}
  table.insert(T[pk][label][t], v)
end
for _, r in ipairs(res) do
  if r.status == "ok" and r.tolerances then
    local pk = r.cell:match("^(%a[%w_]*)")
    local model = r.cell:match("/(%a[%w_]*)%(") or r.cell:match("/(%a[%w_]*)/")
    local init = r.cell:find("init=zero") and "zero" or "learned"
    for t, row in ipairs(r.tolerances) do
      if model == "mlp" then
        add(pk, "plain, from zero", t, {row.cold.iters_mean, row.cold.iters_median})
        add(pk, "Anderson(5), from zero", t,
            {row.anderson.cold.iters_mean, row.anderson.cold.iters_median})
        add(pk, "plain, from the learned init (MLP)", t, {row.warm.iters_mean, row.warm.iters_median})
        add(pk, "Anderson(5), from the learned init", t,
            {row.anderson.warm.iters_mean, row.anderson.warm.iters_median})
      else
        -- K accelerated steps, then the plain map from y^K
        add(pk, string.format("%s (K = %d), from %s", model, K,
                              init == "zero" and "zero" or "its learned init"), t,
            {K + row.warm.iters_mean, K + row.warm.iters_median})
      end
    end
  end
end

say("# Fixed points: learned initializers and accelerators against plain and Anderson iteration%s",
    quick and " -- quick" or "")
say("")
say("Iterations of the problem's own map (Picard for fixed_point, proximal gradient for enr) " ..
    "to its absolute residual below each tolerance: mean (median) over %d held-out contexts, " ..
    "then mean over seeds %s. Learned accelerators count their K = %d steps (one map " ..
    "evaluation each) plus the plain map's from y^K. Training: %d steps of batch 64, Adam 1e-3, " ..
    "regression_sum to y*.", quick and 128 or 512, table.concat(SEEDS, ", "), K, STEPS)
for _, p in ipairs(PROBLEMS) do
  say("")
  say("## %s", p.label)
  say("")
  local hdr, sep = "| method |", "|---|"
  for _, tol in ipairs(TOLS) do
    hdr = hdr .. string.format(" to %g |", tol)
    sep = sep .. "---|"
  end
  say("%s", hdr)
  say("%s", sep)
  for _, label in ipairs(order[p.key] or {}) do
    local line = "| " .. label .. " |"
    for t = 1, #TOLS do
      local means, meds = {}, {}
      for _, v in ipairs(T[p.key][label][t] or {}) do
        means[#means + 1], meds[#meds + 1] = v[1], v[2]
      end
      local a, b = mean_std(means), mean_std(meds)
      line = line .. (a and string.format(" %.1f (%.1f) |", a, b) or " - |")
    end
    say("%s", line)
  end
end

-- ---- 2. the tutorial's 1-D fixed-point figure ------------------------------------------

local function g(y) return -2 * math.sin(y) + 0.9 * y * (1 + 0.1 * math.cos(y)) ^ 2 end
local function dg(y)
  local c = 1 + 0.1 * math.cos(y)
  return -2 * math.cos(y) + 0.9 * c * c - 0.18 * y * c * math.sin(y)
end
-- Newton on h(y) = g(y) - y from a grid of starts; distinct roots in [-5, 5]
local roots = {}
for i = 0, 200 do
  local y = -5 + 10 * i / 200
  for _ = 1, 100 do
    local d = dg(y) - 1
    if d == 0 then break end
    local step = (g(y) - y) / d
    y = y - step
    if math.abs(step) < 1e-15 * math.max(1, math.abs(y)) then break end
  end
  if math.abs(g(y) - y) < 1e-12 and y >= -5 and y <= 5 then
    local seen = false
    for _, r in ipairs(roots) do if math.abs(r - y) < 1e-8 then seen = true end end
    if not seen then roots[#roots + 1] = y end
  end
end
table.sort(roots)
say("")
say("## The tutorial's 1-D map g(y) = -2 sin y + 0.9 y (1 + 0.1 cos y)^2 on [-5, 5]")
say("")
say("Fixed points by Newton on g(y) - y from 201 starts (|g(y) - y| < 1e-12):")
say("")
say("| y | g'(y) | |")
say("|---|---|---|")
for _, r in ipairs(roots) do
  say("| %.12f | %.6f | %s |", r, dg(r), math.abs(dg(r)) < 1 and "attracting" or "repelling")
end

local STARTS = {-4.5, -1.2, 0.7, 3.9}
local ITERS = 40
local function picard(y0)
  local xs, ys = {y0}, {g(y0)}
  local y = y0
  for _ = 1, ITERS do y = g(y); xs[#xs + 1], ys[#ys + 1] = y, g(y) end
  return xs, ys, y
end
-- Anderson with memory 1 on the map in 1-D: the secant step on f(y) = g(y) - y
local function anderson(y0)
  local xs, ys = {y0}, {g(y0)}
  local yp, fp = y0, g(y0) - y0
  local y = g(y0)
  xs[#xs + 1], ys[#ys + 1] = y, g(y)
  for _ = 2, ITERS do
    local f = g(y) - y
    if f == fp or math.abs(f) < 1e-14 then break end
    local gamma = f / (f - fp)
    local yn = y + f - gamma * ((y - yp) + (f - fp))
    yp, fp, y = y, f, yn
    xs[#xs + 1], ys[#ys + 1] = y, g(y)
  end
  return xs, ys, y
end
local series = {}
local grid_x, grid_y = {}, {}
for i = 0, 400 do
  local y = -5 + 10 * i / 400
  grid_x[#grid_x + 1], grid_y[#grid_y + 1] = y, g(y)
end
series[#series + 1] = {label = "g(y)", x = grid_x, y = grid_y, style = "lines lw 2 lc rgb 'black'"}
series[#series + 1] = {label = "y", x = {-5, 5}, y = {-5, 5}, style = "lines dt 2 lc rgb 'gray'"}
local attr, rep = {x = {}, y = {}}, {x = {}, y = {}}
for _, r in ipairs(roots) do
  local t = math.abs(dg(r)) < 1 and attr or rep
  t.x[#t.x + 1], t.y[#t.y + 1] = r, r
end
series[#series + 1] = {label = "attracting fixed points", x = attr.x, y = attr.y,
                       style = "points pt 3 ps 2.5 lc rgb '#AA0000'"}
if #rep.x > 0 then
  series[#series + 1] = {label = "repelling fixed points", x = rep.x, y = rep.y,
                         style = "points pt 6 ps 2.5 lc rgb '#AA0000'"}
end
say("")
say("Iterates from %s (%d steps): where each start ends.", table.concat(STARTS, ", "), ITERS)
say("")
say("| start | plain map | Anderson (memory 1) |")
say("|---|---|---|")
-- the figure shows [-5, 5]: iterates that leave it are left out of it (the table says where
-- they end)
local function inside(xs, ys)
  local fx, fy = {}, {}
  for k = 1, #xs do
    if math.abs(xs[k]) <= 5 and math.abs(ys[k]) <= 6 then fx[#fx + 1], fy[#fy + 1] = xs[k], ys[k] end
  end
  return fx, fy
end
for i, y0 in ipairs(STARTS) do
  local px, py, pe = picard(y0)
  local ax, ay, ae = anderson(y0)
  say("| %g | %.6f | %.6f |", y0, pe, ae)
  px, py = inside(px, py)
  ax, ay = inside(ax, ay)
  series[#series + 1] = {label = i == 1 and "plain map" or nil, x = px, y = py,
                         style = "points pt 7 ps 0.6 lc rgb '#0072B2'"}
  series[#series + 1] = {label = i == 1 and "Anderson" or nil, x = ax, y = ay,
                         style = "points pt 9 ps 0.8 lc rgb '#D55E00'"}
end
amor.plot {
  stem = "fp",
  title = "the tutorial's fixed-point map: fixed points by Newton, iterates (y, g(y))",
  xlabel = "y", ylabel = "g(y)", key = "top left", series = series,
}
amor.write_file("fixed_points.md", table.concat(md, "\n") .. "\n")
