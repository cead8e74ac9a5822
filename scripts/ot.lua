-- ot.lua -- optimal transport as amortized optimization (the tutorial's OT
-- family: Meta OT, amortized conjugates, amortized slicing).
--
-- 1. Meta OT (Amos, Cohen, Luise & Redko, ICML 2023), discrete setting on
--    Fashion-MNIST pairs (`ot_pairs`: two 28 x 28 images as measures on the
--    grid of [0, 1]^2, squared-Euclidean cost, eps = 1e-2; y = the dual
--    potential f). An `mlp` from (a, b) (1,568 numbers) to f, trained on the
--    objective (the negative entropic semi-dual), as Meta OT trains; then
--    log-domain Sinkhorn from f = 0 (cold) and from the prediction (warm)
--    to marginal error 1e-2, 1e-3 and 1e-4 on held-out test-image pairs
--    (eval.tolerances). Meta OT's MLP has three hidden layers of 1,024 and
--    trains 50,000 steps of batch 128 on a GPU; here three of 512 (a third
--    of the weights, a third of the time per step on two cores).
-- 2. Amortized convex conjugates (Amos, ICLR 2023; `conjugate`, the default
--    ICNN potential in 2-D plus mu/2 |z|^2): an mlp trained with the
--    objective and with regression to z*, and fine-tuned predictions
--    (`warmstart`: K Adam or gradient steps after the prediction); the
--    conjugate's error phi*(x) - (<z, x> - phi(z)) is the host's gap
--    against Newton's z* (|grad| <= 1e-12).
-- 3. Amortized max-sliced Wasserstein (Nguyen & Ho, NeurIPS 2022;
--    `max_sliced`, two Gaussian mini-batches of sizes 32 and 48 in R^20,
--    W_2 by quantile matching): an mlp from the two mini-batches to the
--    direction, against projected gradient ascent on the sphere from a
--    random direction and from the prediction (written out below, on the
--    problem's exact gradient).
--
--   build/amor run scripts/ot.lua                 (results/ot/)
--   build/amor run scripts/ot.lua --set quick=true
--
-- Writes, besides the CSVs and the host's figures (the warm-start residual
-- curves ot_meta_residual_ot_pairs_*):
--   ot.md                        the tables, ours beside Meta OT's
--   ot_interp.{gp,png,svg}       displacement interpolation between test
--                                pairs through the plan's barycentric map,
--                                with the predicted potentials (no Sinkhorn
--                                step) and with the converged ones
--   ot_conjugate.{gp,png,svg}    conjugate error against fine-tuning steps
--   ot_sliced.{gp,png,svg}       max-sliced W_2 against ascent iterations

local quick = amor.setting("quick", false)

local TOLS = {1e-2, 1e-3, 1e-4}
local OT_STEPS = quick and 300 or 12000
local OT_HIDDEN = {512, 512, 512}
local OT_CONTEXTS = quick and 64 or 512
local NSHOW = quick and 2 or 4
local TS = {0, 0.25, 0.5, 0.75, 1}

local mean_std = amor.mean_std
local md = {}
local function say(fmt, ...)
  local s = string.format(fmt, ...)
  md[#md + 1] = s
  print(s)
end

-- ---- 1. Meta OT ------------------------------------------------------------------------

local OT = {"ot_pairs"}
local P = amor.problem(OT)
local show = P:sample(NSHOW, 2023, "heldout") -- the pairs of the interpolation figure

local meta = experiment {
  name = "ot_meta",
  problems = {OT},
  models = {{"mlp", hidden = OT_HIDDEN}},
  losses = {"objective"},
  train = {steps = OT_STEPS, batch = quick and 64 or 128, lr = 1e-3, clip = 1,
           eval_every = quick and 100 or 1000},
  eval = {contexts = OT_CONTEXTS, tolerances = TOLS, max_iterations = 5000},
  solver = {iterations = 0},
  predict = show,
}

-- ---- 2. amortized conjugates -----------------------------------------------------------

local CONJ = {"conjugate"}
local CSEEDS = quick and {1} or {1, 2, 3}
local CSTEPS = quick and 500 or 5000
local KS = {0, 1, 10, 100}
local ctrain = {steps = CSTEPS, batch = 128, lr = 1e-3, eval_every = quick and 250 or 1000}
local direct = experiment {
  name = "ot_conjugate", problems = {CONJ}, models = {{"mlp", hidden = {64, 64}}},
  losses = {"objective", "regression"}, seeds = CSEEDS, train = ctrain,
  eval = {contexts = 1024}, solver = {iterations = 0},
}
local FT = {
  {key = "adam", label = "objective + K Adam steps (lr 3e-3)", refine = "adam", step = 3e-3},
  {key = "gd", label = "objective + K gradient steps (0.5)", refine = "gd", step = 0.5},
}
local ftm = {}
for i, f in ipairs(FT) do
  ftm[i] = {"warmstart", hidden = {64, 64}, steps = KS[#KS], refine = f.refine, step_size = f.step}
end
local tuned = experiment {
  name = "ot_conjugate_finetune", problems = {CONJ}, models = ftm, losses = {"objective"},
  seeds = CSEEDS, train = ctrain, eval = {contexts = 1024, iterates = KS},
  solver = {iterations = 0},
}

-- ---- 3. amortized max-sliced Wasserstein -----------------------------------------------

local MS = {"max_sliced", dim = 20, n1 = 32, n2 = 48}
local Q = amor.problem(MS)
local NMS = quick and 64 or 256
local xs = Q:sample(NMS, 7, "heldout")
local sliced = experiment {
  name = "ot_sliced", problems = {MS}, models = {{"mlp", hidden = {128, 128}}},
  losses = {"objective"}, train = {steps = quick and 500 or 5000, batch = 64, lr = 1e-3,
  eval_every = quick and 250 or 1000}, eval = {contexts = NMS}, solver = {iterations = 0},
  predict = xs,
}

-- ---- tables and figures ----------------------------------------------------------------

-- a shard of a sweep (amor run --shard) has the results of its own cells only; amor merge
-- runs the script again with every cell and draws everything
if amor.shard then return end

-- ---- 1. Meta OT: the table and the interpolation figure ----------------------------
local m = meta[1]
assert(m.status == "ok", "ot_meta: " .. m.cell .. ": " .. m.status .. " " .. m.error)

say("# Optimal transport: Meta OT, amortized conjugates, amortized slicing%s",
    quick and " -- quick" or "")
say("")
say("## Meta OT on Fashion-MNIST pairs (ot_pairs, eps = 1e-2)")
say("")
say("MLP 1568 -> %s -> 784 (ReLU), objective loss (the negative entropic semi-dual), " ..
    "%d steps of batch %d, Adam lr 1e-3, gradient norm clipped at 1 (%.0f s); %d held-out " ..
    "pairs of test images. Held-out objective %.6f against %.6f at the converged " ..
    "potentials (gap %.3g; untrained %.3g).", table.concat(OT_HIDDEN, " -> "), OT_STEPS,
    quick and 64 or 128, m.train_seconds, OT_CONTEXTS, m.objective_mean,
    m.optimal_objective_mean, m.gap_mean, m.initial_gap_mean)
say("")
say("Log-domain Sinkhorn iterations (and seconds per pair, from the measured seconds per " ..
    "iteration of a batch) to marginal error |P1 - a|_1 + |P'1 - b|_1 below each " ..
    "tolerance, from f = 0 (cold) and from the prediction (warm). Warm + prediction adds " ..
    "the MLP's %.3g s per pair.", m.infer_seconds)
say("")
say("| tolerance | cold iterations | warm iterations | ratio | median ratio | cold s | warm s | " ..
    "warm + prediction s | time ratio |")
say("|---|---|---|---|---|---|---|---|---|")
local tol_rows = {}
for _, t in ipairs(m.tolerances or {}) do
  local warm_total = t.warm.seconds_mean + m.infer_seconds
  tol_rows[#tol_rows + 1] = t
  local function u(c) return c.unconverged > 0 and string.format(" (%d not)", c.unconverged) or "" end
  say("| %g | %.1f%s | %.1f%s | %.2f | %.2f | %.2e | %.2e | %.2e | %.2f |", t.tol,
      t.cold.iters_mean, u(t.cold), t.warm.iters_mean, u(t.warm), t.ratio or 0 / 0,
      t.ratio_median, t.cold.seconds_mean, t.warm.seconds_mean, warm_total,
      t.cold.seconds_mean / warm_total)
end
say("")
say("Meta OT's published number (MNIST pairs, GPU, seconds per pair to marginal error " ..
    "1e-2, prediction included): 4.5e-3 ± 1.5e-3 from zeros, 2.3e-3 ± 9.2e-6 from " ..
    "Meta OT's prediction, 1.96x. Ours at 1e-2 (Fashion-MNIST, CPU, one core per cell): " ..
    "%.2e from zeros, %.2e warm with the prediction, %.2fx in time, %.2fx in iterations.",
    tol_rows[1] and tol_rows[1].cold.seconds_mean or 0 / 0,
    tol_rows[1] and tol_rows[1].warm.seconds_mean + m.infer_seconds or 0 / 0,
    tol_rows[1] and tol_rows[1].cold.seconds_mean /
      (tol_rows[1].warm.seconds_mean + m.infer_seconds) or 0 / 0,
    tol_rows[1] and tol_rows[1].ratio or 0 / 0)

say("")
say("Figure ot_interp: displacement interpolation of %d test pairs, the mass a_i at x_i moved " ..
    "to (1 - t) x_i + t T(x_i) by the barycentric map T of the plan, with the predicted " ..
    "potentials (no Sinkhorn step) and with the converged ones. The map averages each " ..
    "pixel's destinations under the entropic plan (eps = 1e-2 blurs over sqrt(eps) = 0.1, " ..
    "2.7 pixels), so t = 1 is b contracted towards those averages rather than b itself, and " ..
    "a pixel's mass moves as one point: where b is wider than a the moved rows leave gaps, " ..
    "and mass that the plan splits (two trouser legs into one dress) stays split.", NSHOW)

-- ---- the interpolation figure ------------------------------------------------------------

local S, N = 28, 784
local converged = P:solve(show)
local maps = {pred = P:aux(show, m.predictions), conv = P:aux(show, converged)}

-- mass a_i moved to (1 - t) x_i + t T(x_i), splatted bilinearly on the grid
local function interp(a, map, t)
  local img = {}
  for k = 1, N do img[k] = 0 end
  for k = 1, N do
    local w = a[k]
    if w > 0 then
      local r0, c0 = (k - 1) // S, (k - 1) % S
      local c = ((1 - t) * c0 / (S - 1) + t * map[k]) * (S - 1)
      local r = ((1 - t) * r0 / (S - 1) + t * map[N + k]) * (S - 1)
      local ci, ri = math.floor(c), math.floor(r)
      local fc, fr = c - ci, r - ri
      for _, q in ipairs{{0, 0, (1 - fr) * (1 - fc)}, {0, 1, (1 - fr) * fc},
                         {1, 0, fr * (1 - fc)}, {1, 1, fr * fc}} do
        local rr, cc = ri + q[1], ci + q[2]
        if rr >= 0 and rr < S and cc >= 0 and cc < S and q[3] > 0 then
          img[rr * S + cc + 1] = img[rr * S + cc + 1] + w * q[3]
        end
      end
    end
  end
  return img
end

local tiles, labels = {}, {}
for i = 1, NSHOW do
  local a, b = {}, {}
  for k = 1, N do a[k], b[k] = show[i][k], show[i][N + k] end
  for _, which in ipairs{"pred", "conv"} do
    local row = {}
    for _, t in ipairs(TS) do row[#row + 1] = interp(a, maps[which][i], t) end
    row[#row + 1] = b
    tiles[#tiles + 1] = row
    labels[#labels + 1] = string.format("pair %d, %s", i, which == "pred" and "predicted f" or
                                        "Sinkhorn f")
  end
end

local PAD = 2
local H, W = #tiles * (S + PAD) + PAD, (#TS + 1) * (S + PAD) + PAD
local mat = {}
for r = 1, H do
  local line = {}
  for c = 1, W do line[c] = "1" end
  mat[r] = line
end
for ri, row in ipairs(tiles) do
  for ci, img in ipairs(row) do
    local mx = 0
    for k = 1, N do mx = math.max(mx, img[k]) end
    local r0, c0 = (ri - 1) * (S + PAD) + PAD, (ci - 1) * (S + PAD) + PAD
    for pr = 0, S - 1 do
      for pc = 0, S - 1 do
        mat[r0 + pr + 1][c0 + pc + 1] = string.format("%.3g", 1 - img[pr * S + pc + 1] / mx)
      end
    end
  end
end
local body = {"$img << EOD"}
for r = 1, H do body[#body + 1] = table.concat(mat[r], " ") end
body[#body + 1] = "EOD"
body[#body + 1] = "unset border; unset tics; unset key; unset colorbox"
body[#body + 1] = "set palette gray; set cbrange [0:1]"
body[#body + 1] = "set lmargin at screen 0.2; set rmargin at screen 0.99"
body[#body + 1] = "set tmargin at screen 0.93; set bmargin at screen 0.01"
body[#body + 1] = string.format("set xrange [-0.5:%g]; set yrange [%g:-0.5]", W - 0.5, H - 0.5)
local nl = 0
for ri, lab in ipairs(labels) do
  nl = nl + 1
  body[#body + 1] = string.format('set label %d "%s" at -2,%g right font ",11"', nl, lab,
                                  (ri - 1) * (S + PAD) + PAD + S / 2)
end
for ci = 1, #TS + 1 do
  nl = nl + 1
  body[#body + 1] = string.format('set label %d "%s" at %g,-1.5 center font ",11"', nl,
                                  ci <= #TS and string.format("t = %g", TS[ci]) or "b",
                                  (ci - 1) * (S + PAD) + PAD + S / 2)
end
body[#body + 1] = 'set title "displacement interpolation a -> b through the barycentric map of ' ..
                  'the plan" font ",12"'
body[#body + 1] = "plot $img matrix with image"
amor.plot_raw{stem = "ot_interp", width = 900,
              height = math.floor(900 * 0.92 * H / W / 0.79 + 0.5),
              body = table.concat(body, "\n") .. "\n"}

-- ---- 2. amortized conjugates: the table and the figure ---------------------------

local function loss_of(cell) return cell:match("/(%a+)/seed=") end
local C = {} -- label -> {gap = {...}, dist = {...}}
local corder = {}
local function cadd(label, gap, dist)
  if not C[label] then C[label], corder[#corder + 1] = {gap = {}, dist = {}}, label end
  table.insert(C[label].gap, gap)
  table.insert(C[label].dist, dist)
end
for _, r in ipairs(direct) do
  if r.status == "ok" then cadd("mlp, " .. loss_of(r.cell) .. " loss", r.gap_mean, r.distance_mean) end
end
local curves = {}
for _, r in ipairs(tuned) do
  if r.status == "ok" then
    local f = FT[r.cell:find("refine=adam") and 1 or 2]
    curves[f.key] = curves[f.key] or {}
    for _, it in ipairs(r.iterates or {}) do
      curves[f.key][it.iterate] = curves[f.key][it.iterate] or {}
      table.insert(curves[f.key][it.iterate], it.gap_mean)
      cadd(string.format("%s, K = %d", (f.label:gsub(" %+ K", " +")), it.iterate), it.gap_mean,
           it.distance_mean)
    end
  end
end
say("")
say("## Amortized convex conjugates (conjugate: ICNN potential in 2-D + 0.5/2 |z|^2)")
say("")
say("MLP 2 -> 64 -> 64 -> 2, %d steps of batch 128, Adam lr 1e-3, seeds %s; 1024 held-out " ..
    "points x ~ N(0, I). Conjugate error: phi*(x) - (<z, x> - phi(z)) at the prediction z, " ..
    "phi*(x) from Newton's z* (|grad| <= 1e-12); distance |z - z*| (the transport map's " ..
    "error). Mean over points, then over seeds (± std over seeds).", CSTEPS,
    table.concat(CSEEDS, ", "))
say("")
say("| model | conjugate error | distance |")
say("|---|---|---|")
for _, label in ipairs(corder) do
  local g, gs = mean_std(C[label].gap)
  local d = mean_std(C[label].dist)
  say("| %s | %.2e ± %.1e | %.2e |", label, g, gs or 0, d)
end
local cseries = {}
for _, f in ipairs(FT) do
  local xs, ys = {}, {}
  for _, K in ipairs(KS) do
    local v = curves[f.key] and curves[f.key][K] and mean_std(curves[f.key][K])
    if v and v > 0 then xs[#xs + 1], ys[#ys + 1] = math.max(K, 0.5), v end
  end
  cseries[#cseries + 1] = {label = f.label, x = xs, y = ys, style = "linespoints"}
end
amor.plot {
  stem = "ot_conjugate",
  title = "amortized conjugate: error after K fine-tuning steps (K = 0 plotted at 0.5)",
  xlabel = "fine-tuning steps K", ylabel = "conjugate error", logx = true, logy = true,
  key = "bottom left", series = cseries,
}

-- ---- 3. amortized max-sliced Wasserstein: ascent against the prediction -----------
local s = sliced[1]
assert(s.status == "ok", "ot_sliced: " .. s.cell .. ": " .. s.status .. " " .. s.error)

local PGA_STEPS, ETA = quick and 50 or 200, 0.05
local function normalize(rows)
  for _, y in ipairs(rows) do
    local n2 = 0
    for _, v in ipairs(y) do n2 = n2 + v * v end
    local n = math.sqrt(n2)
    for k = 1, #y do y[k] = y[k] / n end
  end
  return rows
end
local function mean(list)
  local t = 0
  for _, v in ipairs(list) do t = t + v end
  return t / #list
end
-- projected gradient ascent on W_2: y <- (y - eta grad f) / |.|, f = -W_2
local function ascent(y0)
  local y, w = normalize(y0), {}
  for k = 0, PGA_STEPS do
    local f, g = Q:grad(xs, y)
    for i = 1, #f do f[i] = -f[i] end
    w[k + 1] = mean(f)
    if k == PGA_STEPS then break end
    for i, row in ipairs(y) do
      for j = 1, #row do row[j] = row[j] - ETA * g[i][j] end
    end
    normalize(y)
  end
  return w
end
math.randomseed(11)
local rand = {}
for i = 1, NMS do
  rand[i] = {}
  for j = 1, MS.dim do
    rand[i][j] = math.sqrt(-2 * math.log(1 - math.random())) * math.cos(2 * math.pi * math.random())
  end
end
local w_rand = ascent(rand)
local w_pred = ascent(s.predictions)
local w_mlp = w_pred[1]
local first
for k, v in ipairs(w_rand) do
  if not first and v >= w_mlp then first = k - 1 end
end
say("")
say("## Amortized max-sliced Wasserstein (max_sliced: Gaussian mini-batches of 32 and 48 in R^20)")
say("")
say("MLP 1600 -> 128 -> 128 -> 20, objective loss (-W_2), %d steps of batch 64; %d held-out " ..
    "pairs of mini-batches. Projected gradient ascent: y <- (y - %g grad f) / |.| on f = -W_2, " ..
    "from a random direction and from the prediction. Mean W_2 over the pairs:",
    quick and 500 or 5000, NMS, ETA)
say("")
say("| method | W_2 |")
say("|---|---|")
say("| random direction | %.4f |", w_rand[1])
say("| MLP prediction (one forward pass) | %.4f |", w_mlp)
for _, k in ipairs(PGA_STEPS > 50 and {10, 50, PGA_STEPS} or {10, PGA_STEPS}) do
  if w_rand[k + 1] then
    say("| ascent, %d steps from random | %.4f |", k, w_rand[k + 1])
    say("| ascent, %d steps from the prediction | %.4f |", k, w_pred[k + 1])
  end
end
say("")
say(first and string.format("Ascent from a random direction first reaches the MLP's mean W_2 " ..
                            "after %d steps.", first)
    or string.format("Ascent from a random direction does not reach the MLP's mean W_2 in %d " ..
                     "steps.", PGA_STEPS))
local ks = {}
for k = 0, PGA_STEPS do ks[#ks + 1] = k end
amor.plot {
  stem = "ot_sliced",
  title = "max-sliced W_2: projected gradient ascent vs the amortized direction",
  xlabel = "ascent steps", ylabel = "mean W_2 of the projections",
  key = "bottom right",
  series = {
    {label = "ascent from a random direction", x = ks, y = w_rand, style = "lines"},
    {label = "ascent from the MLP's prediction", x = ks, y = w_pred, style = "lines"},
    {label = "MLP prediction", x = {0, PGA_STEPS}, y = {w_mlp, w_mlp}, style = "lines dt 2"},
  },
}

say("")
say("Figures: ot_interp.png (interpolation), ot_meta_residual_ot_pairs_*.png (warm-start " ..
    "residual curves), ot_conjugate.png, ot_sliced.png.")
amor.write_file("ot.md", table.concat(md, "\n") .. "\n")
