-- metalearn.lua -- meta-learning as amortized optimization (the tutorial's
-- meta-learning family, HyperNets and MAML) on few-shot sine regression
-- (Finn et al. 2017, §5.1).  A task's solution is the learner's weight
-- vector θ*(T) = argmin_θ support MSE, 1,761 numbers of a ReLU MLP
-- 1 -> 40 -> 40 -> 1 (the problem `sinusoid`: the support set is
-- what models see, the query set is private task data and its MSE is the
-- validation objective).
--
-- Models, each trained on the query MSE after its inner steps on the
-- support MSE (loss `objective`, on = "validation"):
--   hypernet   fully amortized: an MLP from the support set to the weights
--              (`warmstart`: trained as predicted; evaluated as predicted and
--              after 1 and 10 gradient steps of 0.01 on the support MSE)
--   maml       `unroll_gd` from a learned θ0 (init = constant), K = 1 inner
--              step of the fixed lr 0.01, second order (exact)
--   maml_k5    the same with K = 5 inner steps
--   fomaml     K = 1, first order (grad = first_order)
--   metasgd    Meta-SGD (Li et al. 2017): per-coordinate learned step sizes
--              α ∈ R^1761 (step_shape = coordinate), drawn in [0.005, 0.1]
--   imaml      implicit MAML (Rajeswaran et al. 2019): the inner problem
--              min f(y) + λ/2 |y - θ0|^2 by gradient steps, the
--              meta-gradient by conjugate gradient on HVPs (grad = implicit)
--   learned    a learned optimizer (`learned_update`, K = 1 update, output scaled by 0.1)
-- Every model is evaluated after 0, 1 and 10 inner steps with eval.model =
-- {steps = 10} (more steps than trained) and eval.iterates = {0, 1, 10}, on
-- 600 held-out tasks with 100 query points each (cells that start from the
-- trained θ: train.init_from, train.steps = 0).
--
--   build/amor run scripts/metalearn.lua                 (results/metalearn/)
--   build/amor run scripts/metalearn.lua --set quick=true
--
-- Writes, besides the CSVs and the host's figures:
--   metalearn.md                  the table (query MSE with 95 % intervals,
--                                 seconds per meta-step, peak memory) and
--                                 the Meta-SGD comparison
--   metalearn_adapt.{gp,png,svg}  MAML's Fig. 2: the true sine, the support
--                                 points, the prediction before the update
--                                 and after 1 and 10 steps, per model
--   metalearn_imaml.{gp,png,svg}  the tutorial's iMAML sketch on a bounded
--                                 non-convex f (double_well) and the implicit
--                                 against the unrolled meta-gradient

local quick = amor.setting("quick", false)

local SHOTS = quick and {5} or {5, 10}
local TASKS, EVAL_Q = 600, 100        -- held-out tasks, query points each
local STEPS = quick and 800 or 70000 -- Finn's protocol: meta-iterations
local LU_STEPS = quick and 200 or 10000
local MSGD_STEPS = quick and 800 or 60000
local EVAL_STEPS = {0, 1, 10}

local MODELS = {
  {key = "hypernet", label = "HyperNetwork (+ GD)", spec = {"warmstart", hidden = {128, 128},
    steps = 10, step_size = 0.01}, eval_model = nil},
  {key = "maml", label = "MAML, K = 1", spec = {"unroll_gd", init = "constant", init_std = 0.01,
    steps = 1, step0 = 0.01, learn_steps = false}, eval_model = {steps = 10}},
  {key = "maml_k5", label = "MAML, K = 5", spec = {"unroll_gd", init = "constant", init_std = 0.01,
    steps = 5, step0 = 0.01, learn_steps = false}, eval_model = {steps = 10}},
  {key = "fomaml", label = "first-order MAML, K = 1", spec = {"unroll_gd", init = "constant",
    init_std = 0.01, steps = 1, step0 = 0.01, learn_steps = false, grad = "first_order"},
    eval_model = {steps = 10}},
  {key = "metasgd", label = "Meta-SGD, K = 1", spec = {"unroll_gd", init = "constant",
    init_std = 0.01, steps = 1, step_shape = "coordinate", step0 = 0.1, step0_low = 0.005},
    eval_model = {steps = 10}},
  -- iMAML's inner steps of MAML's 0.01 diverge once meta-training has moved θ0 where the
  -- support MSE is steep (its implicit gradient does not see the path): inner_safeguard
  -- halves a context's step when it would not descend (docs/plugins.md, unroll_gd)
  {key = "imaml", label = "iMAML (λ = 0.5, K = 10, CG 5)", spec = {"unroll_gd",
    init = "constant", init_std = 0.01, steps = 10, step0 = 0.01, learn_steps = false,
    grad = "implicit", lambda = 0.5, cg_steps = 5, inner_safeguard = true}, implicit = true},
  {key = "learned", label = "learned optimizer, K = 1", spec = {"learned_update", init = "constant",
    init_std = 0.01, steps = 1, hidden = 16, update_scale = 0.1}, eval_model = {steps = 10},
    steps = LU_STEPS},
}

local function copy(t)
  local c = {}
  for k, v in pairs(t) do c[k] = type(v) == "table" and copy(v) or v end
  return c
end

local function sinusoid(shots, queries) return {"sinusoid", shots = shots, queries = queries} end

-- ---- training: Finn's protocol (meta-batch 25, Adam 1e-3, K query points) ----------------

local trained = {} -- by shots, by model key: the result
for _, K in ipairs(SHOTS) do
  trained[K] = {}
  -- one grid per training budget, so that `-j N` trains N cells at a time
  local budgets, order = {}, {}
  for _, m in ipairs(MODELS) do
    local n = m.steps or STEPS
    if not budgets[n] then budgets[n], order[#order + 1] = {}, n end
    table.insert(budgets[n], m)
  end
  for _, n in ipairs(order) do
    local models = {}
    for i, m in ipairs(budgets[n]) do models[i] = copy(m.spec) end
    local res = experiment {
      name = string.format("metalearn_train_%dshot_%d", K, n),
      problems = {sinusoid(K, K)}, models = models, losses = {{"objective", on = "validation"}},
      train = {steps = n, batch = 25, lr = 1e-3, save_model = true, eval_every = math.max(100, n // 10)},
      eval = {contexts = TASKS, timing = 0}, solver = {iterations = 0},
    }
    for i, m in ipairs(budgets[n]) do
      assert(res[i].cell:find("/" .. m.spec[1] .. "%("), "cell order: " .. res[i].cell)
      trained[K][m.key] = res[i]
    end
  end
end

-- ---- evaluation: 0, 1 and 10 inner steps on 600 tasks with 100 query points -----------

local evaluate

-- implicit MAML reports two iterates, y^0 and y^K: K = 1 and K = 10 are two
-- evaluation cells (its own safeguarded inner descent, not plain steps)
local function evaluate_implicit(K, m, r)
  local out = {iterates = {}}
  for _, k in ipairs{1, 10} do
    local mm = {spec = m.spec, eval_model = {steps = k}, iterates = {0, 1}}
    local e = evaluate(K, mm, r)
    if not e or e.status ~= "ok" then return e end
    for _, it in ipairs(e.iterates or {}) do
      if it.iterate == 0 and k == 1 then out.iterates[#out.iterates + 1] = it end
      if it.iterate == 1 then
        local c = {}
        for f, v in pairs(it) do c[f] = v end
        c.iterate = k
        out.iterates[#out.iterates + 1] = c
      end
    end
    out.status = e.status
  end
  return out
end

evaluate = function(K, m, r, extra)
  if r.status ~= "ok" then return nil end
  if m.implicit and not extra then return evaluate_implicit(K, m, r) end
  local eval = {contexts = TASKS, timing = 0, iterates = m.iterates or EVAL_STEPS}
  local model = copy(m.spec)
  if m.eval_model then eval.model = copy(m.eval_model) end
  local cell = {
    experiment = "metalearn",
    problem = sinusoid(K, EVAL_Q), model = model, loss = {"objective", on = "validation"},
    train = {steps = 0, init_from = r.key}, eval = eval, solver = {iterations = 0},
  }
  for k, v in pairs(extra or {}) do cell[k] = v end
  local e = amor.run_cell(cell)
  -- learned step sizes repeated past the steps they were trained for can
  -- diverge: then the final (10th) iterate is non-finite and the cell ends
  -- "diverged"; the earlier iterates come from a cell evaluating 1 step
  if e.status == "diverged" and eval.model and (eval.model.steps or 0) > 1 then
    cell.eval.model.steps, cell.eval.iterates = 1, {0, 1}
    local e1 = amor.run_cell(cell)
    if e1.status == "ok" then
      e1.diverged_at = EVAL_STEPS[#EVAL_STEPS]
      return e1
    end
  end
  return e
end

local evals = {}
for _, K in ipairs(SHOTS) do
  evals[K] = {}
  for _, m in ipairs(MODELS) do evals[K][m.key] = evaluate(K, m, trained[K][m.key]) end
end

-- ---- Meta-SGD's protocol for its Table 1 (MAML and Meta-SGD, one step) -------------------

local MSGD = {}
for _, K in ipairs(SHOTS) do
  MSGD[K] = {}
  local ms = {}
  for _, key in ipairs{"maml", "metasgd"} do
    for _, mm in ipairs(MODELS) do if mm.key == key then ms[#ms + 1] = mm end end
  end
  local res = experiment {
    name = string.format("metalearn_metasgd_train_%dshot", K),
    problems = {sinusoid(K, K)}, models = {copy(ms[1].spec), copy(ms[2].spec)},
    losses = {{"objective", on = "validation"}},
    train = {steps = MSGD_STEPS, batch = 4, lr = 1e-3, save_model = true,
             eval_every = math.max(100, MSGD_STEPS // 10)},
    eval = {contexts = TASKS, timing = 0}, solver = {iterations = 0},
  }
  for i, m in ipairs(ms) do MSGD[K][m.key] = {train = res[i], eval = evaluate(K, m, res[i])} end
end

-- ---- the table ----------------------------------------------------------------------------

local function iterate_of(r, t)
  for _, it in ipairs(r and r.iterates or {}) do
    if it.iterate == t then return it end
  end
end

-- mean ± the half-width of the normal 95 % interval over the held-out tasks
local function ci(it, ev, t)
  if ev and ev.diverged_at == t then return "diverged" end
  if not it or not it.validation_mean then return "-" end
  return string.format("%.3f ± %.3f", it.validation_mean, 1.96 * it.validation_std / math.sqrt(TASKS))
end

local function mib(r)
  return r and r.peak_rss_mib and string.format("%.0f", r.peak_rss_mib) or "-"
end

local md = {
  "# Few-shot sine regression: meta-learning as amortized optimization",
  "",
  string.format("Query MSE (mean over %d held-out tasks, %d query points each, ± the half-width " ..
                "of the 95 %% normal interval over tasks) after 0, 1 and 10 inner steps on the " ..
                "support MSE; models trained with Finn et al.'s protocol: meta-batch 25, Adam 1e-3, " ..
                "%d meta-steps (the learned optimizer %d), K query points per training task. " ..
                "Seconds per meta-step: training seconds ÷ meta-steps; peak memory: the peak " ..
                "resident set of the worker process that trained the cell.%s", TASKS, EVAL_Q, STEPS,
                LU_STEPS, quick and " **Quick mode: far shorter training than the papers'.**" or ""),
  "",
}
for _, K in ipairs(SHOTS) do
  md[#md + 1] = string.format("## %d-shot", K)
  md[#md + 1] = ""
  md[#md + 1] = "| model | 0 steps | 1 step | 10 steps | s / meta-step | peak MiB |"
  md[#md + 1] = "|---|---|---|---|---|---|"
  for _, m in ipairs(MODELS) do
    local tr, ev = trained[K][m.key], evals[K][m.key]
    local sps = tr.status == "ok" and tr.train_steps > 0 and
                string.format("%.2e", tr.train_seconds / tr.train_steps) or tr.status
    md[#md + 1] = string.format("| %s | %s | %s | %s | %s | %s |", m.label, ci(iterate_of(ev, 0)),
                                ci(iterate_of(ev, 1)), ci(iterate_of(ev, 10), ev, 10), sps, mib(tr))
  end
  md[#md + 1] = ""
end
md[#md + 1] = "\"diverged\" in a step column: 10 steps of the learned step sizes, trained for 1, " ..
              "leave the finite range (the cell evaluating 10 steps ends diverged; 0 and 1 step " ..
              "come from a cell evaluating 1). \"diverged\" in the seconds column: the training " ..
              "itself diverged (runs.csv says at which step)."
md[#md + 1] = ""

md[#md + 1] = "## Against Meta-SGD's Table 1 (one inner step)"
md[#md + 1] = ""
md[#md + 1] = string.format("Published (Li et al. 2017, Table 1): 5-shot MAML 1.13 ± 0.18, Meta-SGD " ..
                            "0.90 ± 0.16; 10-shot MAML 0.85 ± 0.14, Meta-SGD 0.53 ± 0.09. Their " ..
                            "setup as we read it (the paper's §4.1; our search library holds only its " ..
                            "abstract, so check these against the paper): MAML's task distribution and " ..
                            "learner, one inner step (MAML's of 0.01; Meta-SGD's α of the learner's " ..
                            "shape, drawn in [0.005, 0.1]), %d meta-iterations of 4 tasks, intervals " ..
                            "over the evaluation tasks. Ours the same, with these differences: %d " ..
                            "evaluation tasks of %d query points each, K query points per training " ..
                            "task (as cbfinn/maml), Adam 1e-3, float64, one seed.",
                            MSGD_STEPS, TASKS, EVAL_Q)
md[#md + 1] = ""
md[#md + 1] = "| shots | MAML (ours) | Meta-SGD (ours) | MAML (published) | Meta-SGD (published) |"
md[#md + 1] = "|---|---|---|---|---|"
local PUBLISHED = {[5] = {"1.13 ± 0.18", "0.90 ± 0.16"}, [10] = {"0.85 ± 0.14", "0.53 ± 0.09"}}
for _, K in ipairs(SHOTS) do
  md[#md + 1] = string.format("| %d | %s | %s | %s | %s |", K, ci(iterate_of(MSGD[K].maml.eval, 1)),
                              ci(iterate_of(MSGD[K].metasgd.eval, 1)), PUBLISHED[K][1], PUBLISHED[K][2])
end

-- ---- MAML's Fig. 2: adapting to one held-out task --------------------------------------

local K0 = SHOTS[1]
local P = amor.problem(sinusoid(K0, EVAL_Q))
local task = P:sample(1, 7, "heldout")[1]
local sx, sy, qx, qy = {}, {}, {}, {}
for j = 1, K0 do sx[j], sy[j] = task[j], task[K0 + j] end
for j = 1, EVAL_Q do qx[j], qy[j] = task[2 * K0 + j], task[2 * K0 + EVAL_Q + j] end

-- the task's sine from its query points: y = a sin x - b cos x (= A sin(x - φ)) by least
-- squares, exact up to rounding since the targets are noise-free
local s11, s12, s22, r1, r2 = 0, 0, 0, 0, 0
for j = 1, EVAL_Q do
  local u, v = math.sin(qx[j]), -math.cos(qx[j])
  s11, s12, s22, r1, r2 = s11 + u * u, s12 + u * v, s22 + v * v, r1 + u * qy[j], r2 + v * qy[j]
end
local det = s11 * s22 - s12 * s12
local fa, fb = (s22 * r1 - s12 * r2) / det, (s11 * r2 - s12 * r1) / det
local function truth(x) return fa * math.sin(x) - fb * math.cos(x) end

-- the learner f_w(x): 1 -> 40 -> 40 -> 1, ReLU, weights laid out as am_mlp (per layer W
-- out x in row-major, then b); checked against the plugin's own support MSE below
local function learner(w, x)
  local h1, h2 = {}, {}
  for i = 1, 40 do h1[i] = math.max(0, w[i] * x + w[40 + i]) end
  local o = 80
  for i = 1, 40 do
    local s = w[o + 1600 + i]
    for j = 1, 40 do s = s + w[o + (i - 1) * 40 + j] * h1[j] end
    h2[i] = math.max(0, s)
  end
  o = o + 1640
  local s = w[o + 41]
  for j = 1, 40 do s = s + w[o + j] * h2[j] end
  return s
end

local GRID = {}
for i = 0, 200 do GRID[#GRID + 1] = -5 + 10 * i / 200 end
local function curve(w)
  local ys = {}
  for i, x in ipairs(GRID) do ys[i] = learner(w, x) end
  return ys
end

local panels = {}
for _, key in ipairs{"maml", "metasgd", "hypernet"} do
  local m
  for _, mm in ipairs(MODELS) do if mm.key == key then m = mm end end
  local r = trained[K0][key]
  local series = {{label = "true sine", x = GRID, y = (function()
    local ys = {}
    for i, x in ipairs(GRID) do ys[i] = truth(x) end
    return ys end)(), style = "lines lw 2 lc rgb 'black'"}}
  local missing = {}
  local STY = {[0] = "lines dt 2 lc rgb '#1f77b4'", [1] = "lines lc rgb '#2ca02c'",
               [10] = "lines lw 2 lc rgb '#d62728'"}
  for _, k in ipairs(EVAL_STEPS) do
    local em = m.eval_model and copy(m.eval_model) or {}
    em.steps = k
    if r.status == "ok" then
      local cell = {
        experiment = "metalearn_adapt", problem = sinusoid(K0, EVAL_Q), model = copy(m.spec),
        loss = {"objective", on = "validation"}, train = {steps = 0, init_from = r.key},
        eval = {contexts = 16, timing = 0, model = em}, solver = {iterations = 0},
        predict = {task},
      }
      local pr = amor.run_cell(cell)
      local w = pr.predictions and pr.predictions[1]
      if not w then missing[#missing + 1] = string.format("%d steps: %s", k, pr.status) end
      if w then
        -- the Lua learner must give the plugin's support MSE
        local mse = 0
        for j = 1, K0 do mse = mse + (learner(w, sx[j]) - sy[j])^2 / K0 end
        local f = P:value({task}, {w})[1]
        assert(math.abs(mse - f) <= 1e-9 * math.max(1, f),
               string.format("learner in Lua: support MSE %.17g, the plugin's %.17g", mse, f))
        series[#series + 1] = {label = string.format("%d step%s", k, k == 1 and "" or "s"),
                               x = GRID, y = curve(w), style = STY[k]}
      end
    end
  end
  series[#series + 1] = {label = "support points", x = sx, y = sy,
                         style = "points pt 7 ps 1.5 lc rgb '#ff7f0e'"}
  local title = #missing > 0 and string.format("%s (%s)", m.label, table.concat(missing, ", ")) or m.label
  panels[#panels + 1] = {title = title, xlabel = "x", ylabel = "y", key = "bottom right",
                         series = series}
end
amor.plot_multi {
  stem = "metalearn_adapt",
  title = string.format("adapting to a held-out task from %d support points", K0),
  rows = 1, cols = #panels, width = 1500, height = 500, key_below = true, panels = panels,
}

-- ---- the tutorial's iMAML sketch, with a bounded non-convex f ---------------------------

-- f(y) = (y^2 - 1)^2 + x y at the tilt x = 0.5 (double_well), start ŷ0 = 0.3 on the hump
-- between the wells, downhill of the shallow one; the proximal problems f(y) + λ/2 (y - ŷ0)^2 for λ = 0 .. 12, each minimized by
-- gradient descent from ŷ0 (iMAML's inner solver), which stays in ŷ0's well
local D = amor.problem{"double_well"}
local X, Y0, ALPHA = 0.5, 0.3, 0.02
local function grad(y) local _, g = D:grad({{X}}, {{y}}); return g[1][1] end
local function hess(y) return D:hvp({{X}}, {{y}}, {{1}})[1][1] end
local function fval(y) return D:value({{X}}, {{y}})[1] end
local function inner(lambda, K)
  local y, d = Y0, 1 -- d = dy_t/dy0 by forward mode through the steps (the unrolled gradient)
  local ds = {}
  for t = 1, K do
    local h = hess(y)
    local g = grad(y) + lambda * (y - Y0)
    d = (1 - ALPHA * (h + lambda)) * d + ALPHA * lambda
    y = y - ALPHA * g
    ds[t] = {y = y, unrolled = d, implicit = lambda / (hess(y) + lambda)}
  end
  return y, ds
end

local YS = {}
for i = 0, 300 do YS[#YS + 1] = -1.5 + 3 * i / 300 end
local sk_series, argx, argy = {}, {}, {}
for i = 0, 14 do
  local lambda = 12 * i / 14
  local zs = {}
  for j, y in ipairs(YS) do zs[j] = fval(y) + lambda / 2 * (y - Y0)^2 end
  sk_series[#sk_series + 1] = {label = i == 0 and "f + λ/2 (y - ŷ0)², λ = 0 .. 12" or nil, x = YS,
                               y = zs, style = i == 0 and "lines lw 2 lc rgb 'black'" or
                               "lines lc rgb '#999999'"}
  local ystar = inner(lambda, 3000)
  argx[#argx + 1], argy[#argy + 1] = ystar, fval(ystar) + lambda / 2 * (ystar - Y0)^2
end
local D0 = D:solve({{X}})[1][1]
sk_series[#sk_series + 1] = {label = "argmin found from ŷ0 (GD)", x = argx, y = argy,
                             style = "points pt 7 ps 1 lc rgb '#d62728'"}
sk_series[#sk_series + 1] = {label = "ŷ0", x = {Y0}, y = {fval(Y0)}, style = "points pt 9 ps 2 lc rgb '#1f77b4'"}
sk_series[#sk_series + 1] = {label = "global minimizer of f", x = {D0}, y = {fval(D0)},
                             style = "points pt 3 ps 2 lc rgb 'black'"}

-- the implicit formula holds at a minimizer only: at an iterate still on the hump, where
-- f''(y_K) + λ passes through 0, it is far off (hence |.| on a log axis)
local KMAX = 300
local mg_series = {}
for li, lam in ipairs{1, 4} do
  local color = li == 1 and "'#1f77b4'" or "'#d62728'"
  local _, ds = inner(lam, KMAX)
  local ks, un, im = {}, {}, {}
  for t = 1, KMAX do ks[t], un[t], im[t] = t, math.abs(ds[t].unrolled), math.abs(ds[t].implicit) end
  mg_series[#mg_series + 1] = {label = string.format("unrolled, λ = %g", lam), x = ks, y = un,
                               style = "lines lw 2 lc rgb " .. color}
  print(string.format("IMAML lambda=%g K=%d unrolled=%.17g implicit=%.17g", lam, KMAX, ds[KMAX].unrolled,
                      ds[KMAX].implicit))
  mg_series[#mg_series + 1] = {label = string.format("implicit λ/(f''(y_K) + λ), λ = %g", lam), x = ks,
                               y = im, style = "lines dt 2 lw 3 lc rgb " .. color}
end
amor.plot_multi {
  stem = "metalearn_imaml",
  title = "iMAML on the double well f = (y² - 1)² + 0.5 y",
  rows = 1, cols = 2, width = 1300, height = 520,
  panels = {
    {title = "proximal problems and their argmins", xlabel = "y", ylabel = "f(y) + λ/2 (y - ŷ0)²",
     key = "top center", series = sk_series},
    {title = "meta-gradient: unrolled vs implicit (at the K-th iterate)", xlabel = "inner gradient steps K",
     ylabel = "|dy_K / dŷ0|", logx = true, logy = true, key = "top right", series = mg_series},
  },
}

amor.write_file("metalearn.md", table.concat(md, "\n") .. "\n")
print(table.concat(md, "\n"))
