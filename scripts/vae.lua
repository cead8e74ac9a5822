-- vae.lua -- tutorial §7.1 ("25000x faster than Adam"): amortized
-- variational inference in a VAE on Fashion-MNIST, following the tutorial's
-- evaluate_amortization_speed protocol.
--
--   1. the `vae` problem trains its decoder once (cached in cache_dir) and
--      reports the VAE's held-out ELBO (decoder.txt);
--   2. an amortized encoder (model mlp, 784 -> 512 -> 256 -> 20) is trained
--      objective-based on -ELBO with the decoder fixed, and compared with
--      Adam (lr 5e-3, 2000 iterations) from lambda = 0 on 1024 test images;
--      SAVAE (unroll_gd: an mlp init + K learned gradient steps) alongside;
--      every evaluation of -ELBO draws fresh noise (noise = fresh), as the
--      tutorial's torch.randn_like: with the problem's deterministic
--      fixed-noise mode a per-image solver fits the one noise draw (Adam
--      "wins" by ~100 nats that vanish under independent noise), which the
--      report checks with a 256-sample estimate on the shown images;
--   3. figures: normalized ELBO vs Adam iterations and vs seconds (vae_iter,
--      vae_time; lambda = 0 -> -1, the best of Adam and the encoder -> 0),
--      and decoded means of 15 test images during Adam, from the encoder and
--      the data (vae_samples); numbers in vae.md.
--
-- build/amor run scripts/vae.lua [--set quick=true] [--set cache_dir=DIR]

local quick = amor.setting("quick", false)
local cache_dir = amor.setting("cache_dir") -- nil: the plugin's default, results/cache

-- ---------------------------------------------------------------------------
-- Settings

local S = quick and {
  train_images = 5000, decoder_epochs = 2,  -- the VAE behind the decoder
  hidden = {256, 128},                      -- amortized encoder
  contexts = 64, iterations = 300, log_every = 10,
  enc_steps = 400, enc_batch = 64,
  savae_K = {2}, savae_steps = 100, savae_batch = 32,
  saves = {0, 25, 50, 100, 300},
} or {
  train_images = 0, decoder_epochs = 20,
  hidden = {512, 256},
  contexts = 1024, iterations = 2000, log_every = 50,
  enc_steps = 6000, enc_batch = 128,
  savae_K = {5, 20}, savae_steps = 3000, savae_batch = 64,
  saves = {0, 250, 500, 1000, 2000},
}
local ADAM_LR = 5e-3
local MATCH_DELTA = 0.02 -- runs.csv adam_*_to_within_delta (docs/results.md, Speedups)
local NSHOW = 15

-- The problem: the encoder trains on the training images; its held-out
-- contexts, Adam's and the figure's are test images, which neither the
-- decoder nor the encoder ever sees (the problem's splits).
local function problem_spec(extra)
  local p = {"vae", noise = "fresh", cache_dir = cache_dir}
  if S.train_images > 0 then p.train_images = S.train_images end
  if S.decoder_epochs ~= 20 then p.decoder_epochs = S.decoder_epochs end
  for k, v in pairs(extra or {}) do p[k] = v end
  return p
end

-- ---------------------------------------------------------------------------
-- 1. The decoder (trained on the first use of these settings, then cached)

amor.write_file("decoder.txt", "") -- creates the output directory
local P = amor.problem(problem_spec{report = amor.path("decoder.txt")})
local dec = {}
do
  local fh = assert(io.open(amor.path("decoder.txt")))
  for line in fh:lines() do
    local k, v = line:match("^([%w_]+): (.*)$")
    if k then dec[k] = tonumber(v) or v end
  end
  fh:close()
end
print(string.format("decoder: %s, VAE held-out ELBO %.2f nats/image on %d test images " ..
                    "(independent pixels: %.2f); trained on %d images in %.1f s",
                    dec.cache, dec.heldout_elbo, dec.test_images, -dec.pixel_baseline_nll,
                    dec.train_images, dec.train_seconds))

-- the images of the samples figure: test images
local show = P:sample(NSHOW, 20230, "heldout")

-- ---------------------------------------------------------------------------
-- 2. Amortized encoder and SAVAE against Adam from lambda = 0

local common = {
  problems = {problem_spec()},
  losses = {"objective"},
  seeds = {1},
  eval = {contexts = S.contexts},
  predict = show,
}
local function with(t)
  local c = {}
  for k, v in pairs(common) do c[k] = v end
  for k, v in pairs(t) do c[k] = v end
  return c
end

-- The encoder and Adam's curve on its held-out images: an experiment of one
-- cell, so nothing else computes while the harness times them.
local res = experiment(with {
  name = "vae",
  models = {{"mlp", hidden = S.hidden}},
  train = {steps = S.enc_steps, batch = S.enc_batch, lr = 1e-3,
           eval_every = math.max(1, S.enc_steps // 10)},
  solver = {iterations = S.iterations, methods = {"adam"}, adam_lr = ADAM_LR,
            match_delta = MATCH_DELTA,
            log_every = S.log_every},
})
-- SAVAE (Kim et al., 2018): an MLP init and K gradient steps of a fixed
-- size (learned sizes grew until some images diverged), trained end to end.
-- First order: with fresh noise an HVP would draw other noise than the step
-- it differentiates (and it saves 2K gradient calls a step).  Same held-out
-- images (they depend on the problem and seed only), no Adam baseline.
for _, r in ipairs(experiment(with {
  name = "vae_savae",
  models = {{"unroll_gd", init = "mlp", hidden = S.hidden, steps = amor.sweep(S.savae_K),
             step0 = 1e-3, learn_steps = false, grad = "first_order"}},
  train = {steps = S.savae_steps, batch = S.savae_batch, lr = 1e-3,
           eval_every = math.max(1, S.savae_steps // 5)},
  solver = {iterations = 0},
})) do res[#res + 1] = r end

-- a shard of a sweep (amor run --shard) has only its own cells: the tables
-- below need all of them, which amor merge has
if amor.shard then return end

local enc, savae = nil, {}
for _, r in ipairs(res) do
  if r.status ~= "ok" then error("cell " .. r.cell .. " failed: " .. tostring(r.error)) end
  if r.cell:find("/unroll_gd", 1, true) then savae[#savae + 1] = r
  elseif r.cell:find("/mlp", 1, true) then enc = r end
end
assert(enc and enc.solver and enc.solver.adam, "the encoder cell has no Adam baseline")

-- speedups as the harness computed them (runs.csv)
local function csv_fields(line)
  local out, i = {}, 1
  while i <= #line + 1 do
    if line:sub(i, i) == '"' then
      local j, buf = i + 1, {}
      while true do
        local c = line:sub(j, j)
        if c == '"' and line:sub(j + 1, j + 1) == '"' then buf[#buf + 1] = '"'; j = j + 2
        elseif c == '"' or c == "" then j = j + 1; break
        else buf[#buf + 1] = c; j = j + 1 end
      end
      out[#out + 1] = table.concat(buf)
      i = j + 1
    else
      local j = line:find(",", i, true) or (#line + 1)
      out[#out + 1] = line:sub(i, j - 1)
      i = j + 1
    end
  end
  return out
end
local runs = {}
do
  local fh = assert(io.open(amor.path("runs.csv")))
  local head = csv_fields(fh:read("l"))
  for line in fh:lines() do
    local f, row = csv_fields(line), {}
    for k, name in ipairs(head) do row[name] = f[k] end
    runs[row.cell] = row
  end
  fh:close()
end

-- ---------------------------------------------------------------------------
-- Normalization: lambda = 0 -> -1, the best of Adam's final and the encoder -> 0

local adam = enc.solver.adam
local f0 = adam.mean[1]
local adam_best = math.huge
for _, m in ipairs(adam.mean) do adam_best = math.min(adam_best, m) end
local adam_final = adam.mean[#adam.mean]
local best = math.min(adam_final, enc.objective_mean)
local function norm(f) return -(f - best) / (f0 - best) end

local function curve(xs)
  local y, lo, hi = {}, {}, {}
  for k, m in ipairs(adam.mean) do
    y[k] = norm(m)
    lo[k] = norm(m + adam.std[k])
    hi[k] = norm(m - adam.std[k])
  end
  return {label = "Adam from λ = 0", x = xs, y = y, ylo = lo, yhi = hi}
end
local enc_band = {label = "amortized encoder", y = norm(enc.objective_mean),
                  lo = norm(enc.objective_mean + enc.objective_std),
                  hi = norm(enc.objective_mean - enc.objective_std)}
local YL = "ELBO (normalized)"
amor.plot{stem = "vae_iter", xlabel = "Adam iterations", ylabel = YL, key = "bottom right",
          width = 800, height = 420, series = {curve(adam.iteration)}, bands = {enc_band}}
amor.plot{stem = "vae_time", xlabel = "Runtime (seconds)", ylabel = YL, key = "bottom right",
          width = 800, height = 420, series = {curve(adam.seconds)}, bands = {enc_band}}

-- ---------------------------------------------------------------------------
-- 3. Samples: decoded means during Adam (from lambda = 0), the encoder, data

local _, ny = P:dims()
local y, m, v, t = {}, {}, {}, 0
for i = 1, NSHOW do
  y[i], m[i], v[i] = {}, {}, {}
  for k = 1, ny do y[i][k], m[i][k], v[i][k] = 0, 0, 0 end
end
local function copy_rows(r)
  local c = {}
  for i, row in ipairs(r) do c[i] = table.move(row, 1, #row, 1, {}) end
  return c
end
local saved, last = {}, S.saves[#S.saves]
for it = 0, last do
  for _, s in ipairs(S.saves) do if s == it then saved[#saved + 1] = copy_rows(y) end end
  if it == last then break end
  local _, g = P:grad(show, y)
  t = t + 1
  local c1, c2 = 1 - 0.9 ^ t, 1 - 0.999 ^ t
  for i = 1, NSHOW do
    for k = 1, ny do
      local gk = g[i][k]
      m[i][k] = 0.9 * m[i][k] + 0.1 * gk
      v[i][k] = 0.999 * v[i][k] + 0.001 * gk * gk
      y[i][k] = y[i][k] - ADAM_LR / c1 * m[i][k] / (math.sqrt(v[i][k]) / math.sqrt(c2) + 1e-8)
    end
  end
end
-- A deterministic 256-sample estimate of -ELBO (fixed noise, independent of
-- the noise either method saw) on the shown images.
local function avg(list)
  local s = 0
  for _, x in ipairs(list) do s = s + x end
  return s / #list
end
local P_indep = amor.problem(problem_spec{noise = "fixed", noise_seed = 1, samples = 256})
local shown = {
  adam = avg(P_indep:value(show, saved[#saved])),
  enc = avg(P_indep:value(show, enc.predictions)),
}

local rows, labels = {}, {}
for k, s in ipairs(S.saves) do
  rows[#rows + 1] = P:aux(show, saved[k])
  labels[#labels + 1] = "Adam " .. s
end
rows[#rows + 1] = P:aux(show, enc.predictions)
labels[#labels + 1] = "encoder"
rows[#rows + 1] = show
labels[#labels + 1] = "data"

-- one matrix: tiles of 28 x 28 inverted images (dark on white, as the
-- tutorial's figure) with 2-pixel black borders
local PAD, T = 2, 28
local H, W = #rows * (T + PAD) + PAD, NSHOW * (T + PAD) + PAD
local mat = {}
for r = 1, H do
  local line = {}
  for c = 1, W do line[c] = "0" end
  mat[r] = line
end
for ri, imgs in ipairs(rows) do
  for ci = 1, NSHOW do
    local img = imgs[ci]
    local r0, c0 = (ri - 1) * (T + PAD) + PAD, (ci - 1) * (T + PAD) + PAD
    for pr = 0, T - 1 do
      for pc = 0, T - 1 do
        mat[r0 + pr + 1][c0 + pc + 1] = string.format("%.3g", 1 - img[pr * T + pc + 1])
      end
    end
  end
end
local body = {"$img << EOD"}
for r = 1, H do body[#body + 1] = table.concat(mat[r], " ") end
body[#body + 1] = "EOD"
body[#body + 1] = "unset border; unset tics; unset key; unset colorbox"
body[#body + 1] = "set palette gray; set cbrange [0:1]"
body[#body + 1] = "set lmargin at screen 0.12; set rmargin at screen 0.99"
body[#body + 1] = "set tmargin at screen 0.98; set bmargin at screen 0.02"
body[#body + 1] = string.format("set xrange [-0.5:%g]; set yrange [%g:-0.5]", W - 0.5, H - 0.5)
for ri, lab in ipairs(labels) do
  body[#body + 1] = string.format('set label %d "%s" at -3,%g right font ",13"', ri, lab,
                                  (ri - 1) * (T + PAD) + PAD + T / 2)
end
body[#body + 1] = "plot $img matrix with image"
local width = 1100
amor.plot_raw{stem = "vae_samples", width = width,
              height = math.floor(width * 0.87 * H / W / 0.96 + 0.5),
              body = table.concat(body, "\n") .. "\n"}

-- ---------------------------------------------------------------------------
-- Report

local function speed(r)
  local row = runs[r.cell] or {}
  return tonumber(row.adam_speedup_to_within_delta), tonumber(row.adam_seconds_to_within_delta)
end
local batch_time = enc.infer_seconds * S.contexts
local adam_time = adam.seconds[#adam.seconds]
local sp_match, sec_match = speed(enc)
local sp_tutorial = adam_time / batch_time
local out = {}
local function say(fmt, ...)
  local s = string.format(fmt, ...)
  out[#out + 1] = s
  print(s)
end
say("# VAE on Fashion-MNIST: amortized encoder vs Adam (tutorial §7.1)%s", quick and " -- quick" or "")
say("")
say("Decoder: a VAE (encoder 784-512-256-20, decoder 10-256-512-784, ReLU, Bernoulli)")
say("trained on %d training images for %d epochs (%s; %.1f s).", dec.train_images,
    S.decoder_epochs, dec.cache == "hit" and "loaded from the cache" or "trained now",
    dec.train_seconds)
say("Held-out ELBO of the VAE on the %d test images: **%.2f** nats/image", dec.test_images,
    dec.heldout_elbo)
say("(independent Bernoulli pixels at the training mean: %.2f).", -dec.pixel_baseline_nll)
say("")
say("Objective: -ELBO, one reparameterized sample with fresh noise at every evaluation;")
say("%d test images (held out from the decoder's training);", S.contexts)
say("Adam lr %g from lambda = 0 for %d iterations.", ADAM_LR, S.iterations)
say("")
say("| method | -ELBO mean | std | normalized | gap to Adam's best | batch time (s) |")
say("|---|---|---|---|---|---|")
say("| lambda = 0 (prior) | %.2f | %.2f | -1 | %.2f | |", f0, adam.std[1], f0 - adam_best)
say("| Adam, %d iterations | %.2f | %.2f | %.3f | %.2f | %.3g |", S.iterations, adam_final,
    adam.std[#adam.std], norm(adam_final), adam_final - adam_best, adam_time)
say("| amortized encoder (mlp) | %.2f | %.2f | %.3f | %.2f | %.3g |", enc.objective_mean,
    enc.objective_std, norm(enc.objective_mean), enc.objective_mean - adam_best, batch_time)
for _, r in ipairs(savae) do
  local K = r.cell:match("steps=(%d+)") or "?"
  say("| SAVAE (unroll_gd, K = %s) | %.2f | %.2f | %.3f | %.2f | %.3g |", K, r.objective_mean,
      r.objective_std, norm(r.objective_mean), r.objective_mean - adam_best,
      r.infer_seconds * S.contexts)
end
say("")
say("Normalized: lambda = 0 is -1, the better of Adam's last iterate and the encoder 0.")
say("Gap to Adam's best: -ELBO minus the lowest mean -ELBO on Adam's curve (negative: better")
say("than %d Adam iterations).  SAVAE: an MLP init and K gradient steps of size 1e-3 (fixed),", S.iterations)
say("trained end to end (first order); %d steps of batch %d, the encoder %d of batch %d.",
    S.savae_steps, S.savae_batch, S.enc_steps, S.enc_batch)
say("")
say("On the %d images of vae_samples, a 256-sample estimate of -ELBO: Adam after %d " ..
    "iterations %.2f, the encoder %.2f.", NSHOW, last, shown.adam, shown.enc)
say("")
say("Speedup of the encoder over Adam:")
if sp_match then
  say("- to within delta (runs.csv adam_speedup_to_within_delta, delta = %g of the distance " ..
      "from lambda = 0 to the encoder): Adam needs %.3g s (%d iterations): **%.0fx**",
      MATCH_DELTA, sec_match, enc.adam_iters_to_within_delta or -1, sp_match)
else
  say("- to within delta (runs.csv adam_speedup_to_within_delta, delta = %g): Adam does not " ..
      "come within delta of the encoder's -ELBO in %d iterations (no such speedup)",
      MATCH_DELTA, S.iterations)
end
say("- whole budget, the tutorial's 25000x convention (runs.csv adam_speedup_budget: time of " ..
    "%d Adam iterations / encoder time): %.3g s / %.3g s = **%.0fx**",
    S.iterations, adam_time, batch_time, sp_tutorial)
amor.write_file("vae.md", table.concat(out, "\n") .. "\n")
