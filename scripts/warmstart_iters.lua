-- warmstart_iters.lua -- sparse coding: what a prediction is worth in the
-- problem's own iterations (Meta OT's measure, Amos et al. 2023), and
-- learned vs classical iterations at equal K (Gregor & LeCun 2010; the plot
-- Open-L2O reports for its LISTA family).
--
-- The problem is `lasso`: f(y; s) = 1/2 |s - D y|^2 + lambda |y|_1 with a
-- fixed random unit-column dictionary D, signals s = D y_true + noise from
-- sparse codes y_true.  Each context carries y_true as private task data
-- (models see only s), and the validation objective |y - y_true|^2 /
-- E|y_true|^2 has the NMSE against the generating code as its held-out
-- mean.  lasso's own method is ISTA (method = "ista") or FISTA ("fista"),
-- its residual L |y - prox(y - grad/L)| (zero exactly at a minimizer).
--
-- 1. warmstart_iters: ISTA iterations to reach residual 1e-4, 1e-6, 1e-8
--    from zero (cold), from an MLP's prediction and from LISTA's (K = 16,
--    both trained by regression to y*), each also with Anderson
--    acceleration (eval.tolerances; the host's residual figure
--    warmstart_iters_residual_lasso).
-- 2. sparse_nmse: NMSE in dB against the generating code after K = 1..16
--    layers or iterations: LISTA (trained, objective loss on the validation
--    objective, i.e. on the NMSE itself, as Open-L2O trains), ISTA (LISTA at
--    its ISTA initialization, untrained: exactly K ISTA steps from 0, see
--    tests/t_sparse.c), FISTA (solver_steps: K of lasso's FISTA steps from
--    0), and PSD (an encoder without K) as a horizontal line.  All on one
--    problem instance, so every cell is evaluated on the same contexts.
--
--   build/amor run scripts/warmstart_iters.lua            (results/warmstart_iters/)
--   build/amor run scripts/warmstart_iters.lua --set quick=true
--
-- Writes, besides the CSVs and the host's figures:
--   sparse_nmse.{gp,png,svg}   NMSE (dB) vs K, mean over seeds
--   warmstart_iters.md         both tables

local quick = amor.setting("quick", false)

local NX, NY = quick and 16 or 64, quick and 32 or 128
local SEEDS = quick and {1} or {1, 2}
local TOLS = {1e-4, 1e-6, 1e-8}
local KS = quick and {1, 2, 4, 8, 16} or {1, 2, 3, 4, 6, 8, 12, 16}
local STEPS = quick and 600 or 3000
local LASSO = {nx = NX, ny = NY, lambda = 0.1, sparsity = 0.1, noise = 0.01}

local function lasso(method)
  local p = {"lasso", method = method}
  for k, v in pairs(LASSO) do p[k] = v end
  return p
end

-- ---- 1. iterations to tolerance: cold vs warm vs Anderson -------------------------------

local iters = experiment {
  name = "warmstart_iters",
  problems = {lasso("ista")},
  models = {{"mlp", hidden = {256, 256}}, {"lista", steps = 16, init = "dictionary"}},
  losses = {"regression"},
  seeds = SEEDS,
  train = {steps = STEPS, batch = 128, lr = 1e-3, eval_every = quick and 200 or 500},
  eval = {contexts = quick and 256 or 512, tolerances = TOLS,
          max_iterations = quick and 5000 or 10000},
  solver = {iterations = 0, methods = {"anderson"}},
}

-- ---- 2. NMSE vs K ---------------------------------------------------------------------

local P = lasso("fista")
local learned = experiment {
  name = "sparse_nmse",
  problems = {P},
  models = {{"lista", steps = amor.sweep(KS), init = "dictionary"}, {"psd", hidden = 2 * NY}},
  losses = {{"objective", on = "validation"}},
  seeds = SEEDS,
  train = {steps = STEPS, batch = 128, lr = 1e-3, eval_every = quick and 200 or 500},
  eval = {contexts = quick and 256 or 1024},
  solver = {iterations = 0},
}
local classical = experiment {
  name = "sparse_nmse_classical",
  problems = {P},
  models = {{"lista", steps = amor.sweep(KS), init = "dictionary"}, {"solver_steps", steps = amor.sweep(KS)}},
  losses = {{"objective", on = "validation"}},
  seeds = SEEDS,
  train = {steps = 0},
  eval = {contexts = quick and 256 or 1024},
  solver = {iterations = 0},
}

-- ---- tables and the figure ---------------------------------------------------------------

local mean_std = amor.mean_std
local function db(v) return 10 * math.log(v, 10) end
local function model_of(cell) return cell:match("/(%a[%w_]*)%(") or cell:match("/(%a[%w_]*)/") end
local function k_of(cell) return tonumber(cell:match("steps=(%d+)")) end

local md = {
  "# Sparse coding: warm starts in ISTA iterations, and NMSE against K",
  "",
  string.format("lasso nx = %d, ny = %d, lambda = %g, sparsity %g, noise %g; %d training steps " ..
                "(batch 128, lr 1e-3), seeds %s; %d held-out contexts (%d for the iterations, " ..
                "budget %d).", NX, NY, LASSO.lambda, LASSO.sparsity, LASSO.noise, STEPS,
                table.concat(SEEDS, ", "), quick and 256 or 1024, quick and 256 or 512,
                quick and 5000 or 10000),
  "",
  "## ISTA iterations to the residual tolerance (mean over contexts, then over seeds)",
  "",
  "Cold: from y = 0; warm: from the model's prediction. Ratio: mean cold ÷ mean warm " ..
  "iterations; median ratio: median over contexts of cold ÷ warm. Unconverged contexts " ..
  "(counted at the budget) in brackets after the mean, summed over seeds, when there are any.",
  "",
  "| model | tolerance | cold | warm | ratio | median ratio | Anderson cold | Anderson warm |",
  "|---|---|---|---|---|---|---|---|",
}

-- by model, by tolerance index: lists over seeds
local IT = {}
for _, r in ipairs(iters) do
  if r.status == "ok" and r.tolerances then
    local m = model_of(r.cell)
    IT[m] = IT[m] or {}
    for t, row in ipairs(r.tolerances) do
      local e = IT[m][t] or {tol = row.tol, cold = {}, warm = {}, ratio = {}, med = {}, acold = {},
                             awarm = {}, ucold = 0, uwarm = 0}
      IT[m][t] = e
      e.cold[#e.cold + 1] = row.cold.iters_mean
      e.warm[#e.warm + 1] = row.warm.iters_mean
      if row.ratio then e.ratio[#e.ratio + 1] = row.ratio end
      e.med[#e.med + 1] = row.ratio_median
      e.ucold = e.ucold + row.cold.unconverged
      e.uwarm = e.uwarm + row.warm.unconverged
      if row.anderson then
        e.acold[#e.acold + 1] = row.anderson.cold.iters_mean
        e.awarm[#e.awarm + 1] = row.anderson.warm.iters_mean
      end
    end
  end
end
local function f(v, fmt)
  local m = mean_std(v)
  return m and string.format(fmt or "%.1f", m) or "-"
end
print()
print(string.format("%-6s %8s %10s %10s %8s %8s %10s %10s", "model", "tol", "cold", "warm", "ratio",
                    "med", "AA cold", "AA warm"))
for _, m in ipairs{"mlp", "lista"} do
  for _, e in ipairs(IT[m] or {}) do
    print(string.format("%-6s %8g %10s %10s %8s %8s %10s %10s", m, e.tol, f(e.cold), f(e.warm),
                        f(e.ratio, "%.2f"), f(e.med, "%.2f"), f(e.acold), f(e.awarm)))
    local function u(n) return n > 0 and string.format(" (%d)", n) or "" end
    md[#md + 1] = string.format("| %s | %g | %s%s | %s%s | %s | %s | %s | %s |", m, e.tol, f(e.cold),
                                u(e.ucold), f(e.warm), u(e.uwarm), f(e.ratio, "%.2f"),
                                f(e.med, "%.2f"), f(e.acold), f(e.awarm))
  end
end

-- NMSE (dB) by series and K
local S = {lista = {}, ista = {}, fista = {}}
local psd = {}
local function add(tab, K, v)
  tab[K] = tab[K] or {}
  tab[K][#tab[K] + 1] = v
end
for _, r in ipairs(learned) do
  if r.status == "ok" and r.validation_mean then
    local m = model_of(r.cell)
    if m == "psd" then psd[#psd + 1] = db(r.validation_mean)
    else add(S.lista, k_of(r.cell), db(r.validation_mean)) end
  end
end
for _, r in ipairs(classical) do
  if r.status == "ok" and r.validation_mean then
    local m = model_of(r.cell)
    add(m == "lista" and S.ista or S.fista, k_of(r.cell), db(r.validation_mean))
  end
end

md[#md + 1] = ""
md[#md + 1] = "## NMSE (dB) against the generating code after K layers or iterations"
md[#md + 1] = ""
md[#md + 1] = "10 log10 of the mean over held-out contexts of |y - y_true|^2 / E|y_true|^2 " ..
              "(lasso's validation objective), mean over seeds. ISTA and FISTA start from 0; " ..
              "LISTA and PSD are trained on this NMSE."
md[#md + 1] = ""
md[#md + 1] = "| K | ISTA | FISTA | LISTA | PSD |"
md[#md + 1] = "|---|---|---|---|---|"
local series = {}
local labels = {ista = "ISTA", fista = "FISTA", lista = "LISTA (trained)"}
local psd_m = mean_std(psd)
for _, key in ipairs{"ista", "fista", "lista"} do
  local xs, ys = {}, {}
  for _, K in ipairs(KS) do
    local m = S[key][K] and mean_std(S[key][K])
    if m then xs[#xs + 1], ys[#ys + 1] = K, m end
  end
  series[#series + 1] = {label = labels[key], x = xs, y = ys, style = "linespoints"}
end
if psd_m then
  series[#series + 1] = {label = "PSD (no K)", x = {KS[1], KS[#KS]}, y = {psd_m, psd_m},
                         style = "lines dt 2"}
end
for _, K in ipairs(KS) do
  local function c(key) return S[key][K] and string.format("%.2f", mean_std(S[key][K])) or "-" end
  md[#md + 1] = string.format("| %d | %s | %s | %s | %s |", K, c("ista"), c("fista"), c("lista"),
                              psd_m and string.format("%.2f", psd_m) or "-")
end
md[#md + 1] = ""
md[#md + 1] = "Figures: sparse_nmse.png; warmstart_iters_residual_lasso_*.png (residual vs " ..
              "iterations and seconds, cold / warm / Anderson)."
amor.write_file("warmstart_iters.md", table.concat(md, "\n") .. "\n")

amor.plot {
  stem = "sparse_nmse",
  title = string.format("sparse coding (nx = %d, ny = %d): NMSE vs K (%d seed%s)", NX, NY, #SEEDS,
                        #SEEDS == 1 and "" or "s, mean"),
  xlabel = "layers / iterations K",
  ylabel = "NMSE (dB)",
  key = "top right",
  series = series,
}
