-- policies.lua -- control and RL beyond deterministic policies (the
-- tutorial's RL family): stochastic policies against the analytic
-- maximum-entropy optimum, iterative amortized policies, the differentiable
-- cross-entropy method, and test-time fine-tuning of a trained policy.
--
-- 1. kl: a linear Gaussian policy (full covariance; the diagonal variant
--    too) on control_lqr, where f is quadratic in u and the maximum-entropy
--    optimum is pi* = N(argmin f, alpha H^-1).  Trained by
--      SVG   E_pi[f(u; x)] (policy_objective = svg, exact expectation),
--      SAC   E_pi[alpha log pi + f] (sac; exact, and sampled with fresh
--            reparameterized noise),
--      GPS   KL(pi* || pi) to the solver's pi* (loss policy_kl, forward).
--    KL(pi || pi*) and KL(pi* || pi) on tracked held-out states during
--    training, from the problem's aux view.  The diagonal policy's learned
--    variances against the two best diagonal Gaussians: alpha / H_ii
--    (reverse KL, SAC) and alpha (H^-1)_ii (forward KL, GPS).
-- 2. iterative: Marino et al.'s iterative amortized policy optimization at
--    our scale, on the same SAC objective: the direct policy (mlp), a
--    learned update over (mean, scale, gradient) coordinates
--    (learned_update: no network of x, only the update), and gradient steps
--    with learned per-coordinate sizes from an MLP's prediction (unroll_gd),
--    K = 5, equal training steps.
-- 3. dcem: latent DCEM (model dcem, latent_dim 2, LML soft elites) trained
--    by regression to the expert's controls on a small control_mpc, against
--    full-space CEM (100 samples, 10 elites, up to 30 iterations): the
--    objective against objective evaluations per state.
-- 4. finetune: a policy (warmstart's MLP, trained on the objective) refined
--    per state at test time by K gradient, Adam or ES (values only) steps on
--    the planning objective: objective against K and against time.
-- Objectives of 3 and 4 are normalized per state: the expert's y* 0, the
-- zero action -1 (clamped at 0 when a method beats the expert's solve).
--
--   build/amor run scripts/policies.lua                 (results/policies/)
--   build/amor run scripts/policies.lua --set quick=true
--
-- Writes, besides the CSVs: policies.md (the tables), policies_kl,
-- policies_dcem and policies_finetune (.gp, .png, .svg).

local quick = amor.setting("quick", false)

local function say(...) io.write(string.format(...), "\n") end
local function run(name, spec)
  spec.experiment = spec.experiment or "policies"
  spec.solver = spec.solver or {iterations = 0}
  local r = amor.run_cell(spec)
  if r.status == "other_shard" then return nil end
  if r.status ~= "ok" then error(name .. ": " .. (r.error or r.status)) end
  return r
end
local md = {"# policies: stochastic, iterative and planning policies", ""}
local function out(s) md[#md + 1] = s end

-- ---------------------------------------------------------------------------
-- 1. KL to pi* during training

local NX, NU, ALPHA = 6, 3, 1
local KL_STEPS = quick and 600 or 6000
local function lqr(extra)
  local p = {"control_lqr", nx = NX, nu = NU, policy = "gaussian", alpha = ALPHA}
  for k, v in pairs(extra or {}) do p[k] = v end
  return p
end
local KL_CELLS = {
  {"SVG", lqr{policy_objective = "svg"}, "objective"},
  {"SAC", lqr{}, "objective"},
  {"SAC, sampled (8 fresh draws)", lqr{expectation = "sampled", noise = "fresh", samples = 8},
   "objective"},
  {"GPS", lqr{}, {"policy_kl", direction = "forward"}, 3e-2},
  {"SAC, diagonal", lqr{policy = "gaussian_diag"}, "objective"},
  {"GPS, diagonal", lqr{policy = "gaussian_diag", diag_pistar = "forward"},
   {"policy_kl", direction = "forward", policy = "gaussian_diag"}, 3e-2},
}

-- mean KL(pi || pi*) and KL(pi* || pi) of predictions ys of states xs (the
-- last two entries of the problem's aux view)
local function kls(p, xs, ys)
  local a, rk, fk = p:aux(xs, ys), 0, 0
  for i = 1, #a do rk = rk + a[i][#a[i] - 1]; fk = fk + a[i][#a[i]] end
  return rk / #a, fk / #a
end

local kl_runs = {}
for _, c in ipairs(KL_CELLS) do
  local r = run(c[1], {problem = c[2], model = "linear", loss = c[3],
                       train = {steps = KL_STEPS, batch = 64, lr = c[4] or 1e-2,
                                eval_every = KL_STEPS // 30},
                       eval = {contexts = 256, track = 64}})
  kl_runs[#kl_runs + 1] = {cell = c, r = r}
end

-- ---------------------------------------------------------------------------
-- 2. iterative amortized policies

local IT_STEPS = quick and 300 or 3000
local IT_MODELS = {
  {"direct: mlp", {"mlp", hidden = {64, 64}}},
  {"iterative: learned_update (K = 5)", {"learned_update", steps = 5, hidden = 16}},
  {"semi-amortized: unroll_gd (K = 5)", {"unroll_gd", init = "mlp", steps = 5,
                                         hidden = {64, 64}, step0 = 0.01,
                                         step_shape = "coordinate"}},
}
local it_runs = {}
for _, m in ipairs(IT_MODELS) do
  local r = run(m[1], {problem = lqr{}, model = m[2], loss = "objective",
                       train = {steps = IT_STEPS, batch = 64, lr = 3e-3, eval_every = 0},
                       eval = {contexts = 256}, predict = amor.problem(lqr{}):sample(128, 11,
                                                                                    "heldout")})
  it_runs[#it_runs + 1] = {m = m, r = r}
end

-- ---------------------------------------------------------------------------
-- 3. DCEM against CEM on a small control_mpc

local MPC = {"control_mpc", links = 4, actuated = 2, horizon = 5, baseline = "value"}
local mpc = amor.problem(MPC)
local xs = mpc:sample(quick and 32 or 256, 5, "heldout")
local ystar = mpc:solve(xs)
local zero = {}
for i = 1, #xs do
  zero[i] = {}
  for j = 1, #ystar[1] do zero[i][j] = 0 end
end
local f_star, f_zero = mpc:value(xs, ystar), mpc:value(xs, zero)

-- mean over states of the objective normalized per state: y* 0, zero action
-- -1, clamped at 0
local function normalized(ys)
  local f, s = mpc:value(xs, ys), 0
  for i = 1, #xs do
    local d = f_zero[i] - f_star[i]
    s = s + math.min(0, -(f[i] - f_star[i]) / d)
  end
  return s / #xs
end

local DC_STEPS = quick and 60 or 400
local dcem_pts, cem_pts = {}, {}
local dc_cfg = {samples = 30, elites = 5}
local base = run("dcem", {problem = MPC, model = {"dcem", samples = 30, elites = 5, iters = 5},
                          loss = "regression",
                          train = {steps = DC_STEPS, batch = 16, lr = 3e-3, save_model = true,
                                   eval_every = 0},
                          eval = {contexts = 64}})
for _, K in ipairs(quick and {1, 5} or {1, 2, 3, 5, 10, 20}) do
  local r = run("dcem K" .. K, {problem = MPC, model = {"dcem", samples = dc_cfg.samples,
                                                       elites = dc_cfg.elites, iters = K},
                                loss = "regression",
                                train = {steps = 0, init_from = base and base.checkpoint},
                                eval = {contexts = 64}, predict = xs})
  if r then dcem_pts[#dcem_pts + 1] = {K * dc_cfg.samples, normalized(r.predictions)} end
end
for _, K in ipairs(quick and {1, 5} or {1, 2, 3, 5, 10, 20, 30}) do
  local r = run("cem K" .. K, {problem = MPC, model = {"dcem", latent_dim = 0, soft = false,
                                                      samples = 100, elites = 10, iters = K},
                               loss = "regression", train = {steps = 0},
                               eval = {contexts = 64}, predict = xs})
  if r then cem_pts[#cem_pts + 1] = {K * 100, normalized(r.predictions)} end
end

-- ---------------------------------------------------------------------------
-- 4. test-time fine-tuning

local FT_STEPS = quick and 300 or 3000
local ws = {"warmstart", hidden = {128, 128}, steps = 0}
local pol = run("policy", {problem = MPC, model = ws, loss = "objective",
                          train = {steps = FT_STEPS, batch = 64, lr = 1e-3, save_model = true,
                                   eval_every = 0},
                          eval = {contexts = 64}})
local REFINE = {
  {"gradient steps (0.002)", {refine = "gd", step_size = 2e-3}},
  {"Adam steps (lr 0.02)", {refine = "adam", step_size = 2e-2}},
  {"ES steps, 8 pairs (values only)", {refine = "es", step_size = 2e-3, es_pairs = 8,
                                       es_sigma = 0.05}},
}
local KS = quick and {0, 2, 10} or {0, 1, 2, 5, 10, 20, 50, 100}
local ft = {}
for _, rf in ipairs(REFINE) do
  local pts = {}
  for _, K in ipairs(KS) do
    local m = {"warmstart", hidden = {128, 128}, steps = K}
    for k, v in pairs(rf[2]) do m[k] = v end
    local r = run(rf[1] .. " K" .. K, {problem = MPC, model = m, loss = "objective",
                                        train = {steps = 0, init_from = pol and pol.checkpoint},
                                        eval = {contexts = 64, timing = quick and 0.05 or 0.5},
                                        predict = xs})
    if r then pts[#pts + 1] = {K, normalized(r.predictions), r.infer_seconds} end
  end
  ft[#ft + 1] = {label = rf[1], pts = pts}
end

if amor.shard then return end -- tables and figures from the merged run

-- ---------------------------------------------------------------------------
-- tables and figures

out(string.format("## 1. KL to pi* on control_lqr (nx %d, nu %d, alpha %g)", NX, NU, ALPHA))
out("")
out(string.format("Linear Gaussian policy, %d Adam steps (batch 64, lr 0.01; GPS 0.03); mean "
  .. "over 64 tracked held-out states. pi* = N(-Kx, alpha H^-1) is analytic. GPS's forward KL "
  .. "has a slow region from this initialization: at lr 0.01 it was still at KL 58.6 after "
  .. "6000 steps, while the same cell from another initialization (experiment 'adhoc') "
  .. "reached 3e-10 by step 2000.", KL_STEPS))
out("")
out("| training | layout | KL(pi \\|\\| pi*) at the start | at the end | KL(pi* \\|\\| pi) at the end |")
out("|---|---|---|---|---|")
local kl_series_r, kl_series_f = {}, {}
for _, kr in ipairs(kl_runs) do
  local c, r = kr.cell, kr.r
  local p = amor.problem(c[2])
  local xs_r, ys_r, xsf = {}, {}, {}
  for k, s in ipairs(r.track.steps) do
    local rk, fk = kls(p, r.track.x, r.track.yhat[k])
    xs_r[k], ys_r[k], xsf[k] = math.max(s, 1), rk, fk
  end
  out(string.format("| %s | %s | %.3g | %.3g | %.3g |", c[1], c[2].policy, ys_r[1], ys_r[#ys_r],
                    xsf[#xsf]))
  kl_series_r[#kl_series_r + 1] = {label = c[1], x = xs_r, y = ys_r}
  kl_series_f[#kl_series_f + 1] = {label = c[1], x = xs_r, y = xsf}
  kr.final_r, kr.final_f = ys_r[#ys_r], xsf[#xsf]
end
out("")

-- the diagonal policies' variances against the closed forms, from H at one
-- state (f is quadratic in u: H does not depend on x or u)
do
  local det = amor.problem{"control_lqr", nx = NX, nu = NU}
  local x1 = det:sample(1, 3, "heldout")
  local u1 = det:solve(x1)
  local H = {}
  for j = 1, NU do
    local e = {}
    for q = 1, NU do e[q] = q == j and 1 or 0 end
    H[j] = det:hvp(x1, u1, {e})[1]
  end
  -- alpha (H^-1)_jj by Gauss-Jordan on the small H
  local A, Inv = {}, {}
  for i = 1, NU do
    A[i], Inv[i] = {}, {}
    for j = 1, NU do A[i][j], Inv[i][j] = H[i][j], i == j and 1 or 0 end
  end
  for c = 1, NU do
    local piv = A[c][c]
    for j = 1, NU do A[c][j], Inv[c][j] = A[c][j] / piv, Inv[c][j] / piv end
    for i = 1, NU do
      if i ~= c then
        local f = A[i][c]
        for j = 1, NU do A[i][j], Inv[i][j] = A[i][j] - f * A[c][j], Inv[i][j] - f * Inv[c][j] end
      end
    end
  end
  out("Diagonal policies: learned variances sigma_j^2 (mean over the tracked states) against "
    .. "the two best diagonal Gaussians.")
  out("")
  out("| training | sigma^2 learned | alpha / H_jj (reverse KL) | alpha (H^-1)_jj (forward KL) |")
  out("|---|---|---|---|")
  for _, kr in ipairs(kl_runs) do
    if kr.cell[2].policy == "gaussian_diag" then
      local r = kr.r
      local yh = r.track.yhat[#r.track.yhat]
      local learned, rev, fwd = {}, {}, {}
      for j = 1, NU do
        local s = 0
        for i = 1, #yh do s = s + math.exp(2 * yh[i][NU + j]) end
        learned[j] = string.format("%.4g", s / #yh)
        rev[j] = string.format("%.4g", ALPHA / H[j][j])
        fwd[j] = string.format("%.4g", ALPHA * Inv[j][j])
      end
      out(string.format("| %s | %s | %s | %s |", kr.cell[1], table.concat(learned, ", "),
                        table.concat(rev, ", "), table.concat(fwd, ", ")))
    end
  end
  out("")
end

amor.plot_multi{stem = "policies_kl",
  title = string.format("Gaussian policies on control_lqr (alpha %g): KL to the analytic pi* "
    .. "during training", ALPHA),
  panels = {
    {title = "reverse KL(pi || pi*)", xlabel = "training step", ylabel = "mean KL",
     logy = true, logx = true, key = "bottom left", series = kl_series_r},
    {title = "forward KL(pi* || pi)", xlabel = "training step", ylabel = "mean KL",
     logy = true, logx = true, key = "bottom left", series = kl_series_f}}}

out(string.format("## 2. Iterative amortized policies (SAC objective, control_lqr, %d steps)",
                  IT_STEPS))
out("")
out("| policy | held-out objective | gap to pi* = alpha KL(pi \\|\\| pi*) | KL(pi* \\|\\| pi) |")
out("|---|---|---|---|")
do
  local p = amor.problem(lqr{})
  local xsi = p:sample(128, 11, "heldout")
  for _, ir in ipairs(it_runs) do
    local rk, fk = kls(p, xsi, ir.r.predictions)
    out(string.format("| %s | %.5g | %.3g | %.3g |", ir.m[1], ir.r.objective_mean, ir.r.gap_mean,
                      fk))
    ir.kl = rk
  end
end
out("")

out("## 3. DCEM against CEM (control_mpc, 4 links, 2 motors, H = 5: ny = 10)")
out("")
out(string.format("Latent DCEM: 30 samples, 5 soft elites, latent_dim 2, decoder trained %d "
  .. "steps by regression to y* with 5 iterations, evaluated with K iterations (30 K "
  .. "samples). CEM over y: 100 samples, 10 elites, K iterations. Normalized objective, "
  .. "mean over %d held-out states.", DC_STEPS, #xs))
out("")
out("| samples per state | latent DCEM | CEM |")
out("|---|---|---|")
local rows = {}
for _, p in ipairs(dcem_pts) do rows[p[1]] = {p[2]} end
for _, p in ipairs(cem_pts) do rows[p[1]] = rows[p[1]] or {}; rows[p[1]][2] = p[2] end
local keys = {}
for k in pairs(rows) do keys[#keys + 1] = k end
table.sort(keys)
for _, k in ipairs(keys) do
  local a, b = rows[k][1], rows[k][2]
  out(string.format("| %d | %s | %s |", k, a and string.format("%.4f", a) or "",
                    b and string.format("%.4f", b) or ""))
end
out("")
local function xy(pts)
  local x, y = {}, {}
  for i, p in ipairs(pts) do x[i], y[i] = p[1], p[2] end
  return x, y
end
local dx, dy = xy(dcem_pts)
local cx, cy = xy(cem_pts)
amor.plot{stem = "policies_dcem", title = "DCEM in a learned 2-D latent space against CEM over "
  .. "the action sequence (control_mpc)", xlabel = "objective evaluations per state",
  ylabel = "normalized objective (expert 0, zero action -1)", logx = true, key = "bottom right",
  series = {{label = "latent DCEM (30 samples, 5 soft elites)", x = dx, y = dy},
            {label = "CEM (100 samples, 10 elites)", x = cx, y = cy}}}

out("## 4. Test-time fine-tuning of a trained policy (control_mpc as in 3)")
out("")
out(string.format("warmstart's MLP (128, 128) trained %d steps on the objective, refined per "
  .. "state by K steps. Normalized suboptimality (mean over %d held-out states of (f - f*) / "
  .. "(f(0) - f*), 0 at the expert's y*) and inference seconds per state.", FT_STEPS, #xs))
out("")
local head, sep = {"| K"}, {"|---"}
for _, f in ipairs(ft) do head[#head + 1] = f.label; sep[#sep + 1] = "---" end
out(table.concat(head, " | ") .. " |")
out(table.concat(sep, "|") .. "|")
for i, K in ipairs(KS) do
  local cells = {"| " .. K}
  for _, f in ipairs(ft) do
    local p = f.pts[i]
    cells[#cells + 1] = p and string.format("%.3g (%.2g s)", -p[2], p[3]) or ""
  end
  out(table.concat(cells, " | ") .. " |")
end
out("")
local pk, pt = {}, {}
for _, f in ipairs(ft) do
  local x, y, t = {}, {}, {}
  for i, p in ipairs(f.pts) do x[i], y[i], t[i] = math.max(p[1], 0.5), math.max(-p[2], 1e-9), p[3] end
  pk[#pk + 1] = {label = f.label, x = x, y = y}
  pt[#pt + 1] = {label = f.label, x = t, y = y}
end
amor.plot_multi{stem = "policies_finetune",
  title = "test-time fine-tuning of a trained policy (control_mpc)",
  panels = {
    {title = "suboptimality against refinement steps (K = 0 drawn at 0.5)", xlabel = "steps K",
     logx = true, logy = true, ylabel = "normalized suboptimality (expert 0, zero action 1)",
     series = pk},
    {title = "suboptimality against inference time", xlabel = "seconds per state", logx = true,
     logy = true, ylabel = "normalized suboptimality", series = pt}}}

amor.write_file("policies.md", table.concat(md, "\n") .. "\n")
say("%s", table.concat(md, "\n"))
