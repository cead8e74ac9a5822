-- sphere.lua -- the tutorial's sphere experiment (section 7.2, fig. sphere/0-7):
-- amortize the minimization of random c-convex functions on S^2,
--   f(y; x) = softmin_gamma_i { d(y/|y|, z_i)^2 / 2 + alpha_i },  x = (z_1..z_4, alpha_1..alpha_4),
-- with an MLP 16 -> 128 -> 128 -> 3 (ReLU) whose output is normalized onto the
-- sphere, trained with the objective loss by Adam, as code/train-sphere.py
-- (lr 5e-4, 8 functions per step) -- but on fresh functions from p(x) every
-- step and judged on held-out ones, plus a larger-batch variant.  The figure
-- draws 8 held-out functions on a Mollweide map (filled contours), y* (star)
-- and the model's prediction during training (dots at log-spaced steps).
--   build/amor run scripts/sphere.lua                  (results/sphere/)
--   build/amor run scripts/sphere.lua --set quick=true
-- Writes runs.csv, curves.csv, tracks.csv, solver.csv, sphere.md, the 2x4
-- figures sphere_batch8 and sphere_batch256 and the single panels
-- sphere_0 .. sphere_7 (the tutorial's files), each as .gp, .png and .svg.

local quick = amor.setting("quick", false)

local PROBLEM = {"sphere", m = 4, gamma = 0.5, alpha_scale = 0.7}
local MODEL = {"mlp", hidden = {128, 128}, activation = "relu", output = "sphere"}
local NTRACK = 8          -- held-out functions drawn (the tutorial's 8)
local NEVAL = quick and 200 or 500 -- held-out evaluations (and tracked predictions) per run
-- batch -> learning rate and steps.  Batch 8 at lr 5e-4 is the tutorial's
-- setting (code/train-sphere.py sums f over its 8 functions for 100 steps;
-- here the 8 are fresh draws every step, so it takes longer).  Batch 256: of
-- lr 5e-4, 1e-3, 3e-3 at 10000 steps, 1e-3 gave the lowest held-out gap
-- (0.0192, 0.0158, 0.0159).
local VARIANTS = {
  [8] = {lr = 5e-4, steps = quick and 4000 or 50000},
  [256] = {lr = 1e-3, steps = quick and 2000 or 10000},
}
local MAIN_BATCH = 8      -- whose paths are the single-panel files sphere_0..7
local RANGE_CONTEXTS = 256
local RANGE_POINTS = 2000 -- Fibonacci points per function for max f
local IMG_ROWS = 100     -- map image rows (columns: twice as many; 10 colour bands)
local STAR_R = 0.07 * IMG_ROWS -- star radius, pixels
local PATH_POINTS = 24    -- evaluations drawn on each path (log-spaced)

local used_lr = {}         -- batch -> the learning rate its cell ran with
-- settings given on the command line (--set train.steps=...) win over these
local cmdline_steps = amor.setting("train.steps") ~= nil
local cmdline_lr = amor.setting("train.lr") ~= nil

local results = experiment {
  name = "sphere",
  problems = {PROBLEM},
  models = {MODEL},
  losses = {"objective"},
  seeds = {1},
  train = {batch = amor.sweep{8, 256}, lr = 5e-4, steps = 1000},
  eval = {contexts = 256, track = NTRACK},
  solver = {iterations = quick and 300 or 500, adam_lr = 5e-2, gd_lr = 0.5},
  override = function(cell)
    local v = VARIANTS[cell.train.batch]
    if v then
      if not cmdline_lr then cell.train.lr = v.lr end
      if not cmdline_steps then cell.train.steps = v.steps end
    end
    if amor.setting("train.eval_every") == nil then
      cell.train.eval_every = math.max(1, cell.train.steps // NEVAL)
    end
    used_lr[cell.train.batch] = cell.train.lr
  end,
}

-- Tutorial mode (code/train-sphere.py): 8 fixed functions (the cell's fixed
-- training set, drawn from its seed: the same protocol as the tutorial's
-- torch draws, not the same numbers), trained full batch (batch = train_set
-- = 8: every step sees all 8) for 100 Adam steps at lr 5e-4, evaluated and
-- tracked on those 8 (eval.on_train_set) after every step: 101 iterates,
-- step 0 .. 100.  The tutorial sums f over the 8, the objective loss takes
-- the mean: Adam's steps are the same up to its epsilon.
local TUT_STEPS = 100
local tutorial = experiment {
  name = "sphere_tutorial",
  problems = {PROBLEM},
  models = {MODEL},
  losses = {"objective"},
  seeds = {1},
  train = {batch = 8, train_set = 8, lr = 5e-4, steps = TUT_STEPS, eval_every = 1},
  eval = {on_train_set = true, track = NTRACK},
  solver = {iterations = 0},
}

-- ---------------------------------------------------------------------------
-- Geometry

local P = amor.problem(PROBLEM)
local SQRT2 = math.sqrt(2)

local function lonlat(y)
  local r = math.sqrt(y[1] * y[1] + y[2] * y[2] + y[3] * y[3])
  return math.atan(y[2], y[1]), math.asin(math.max(-1, math.min(1, y[3] / r)))
end

-- Mollweide: 2t + sin 2t = pi sin(lat) (Newton), X = 2 sqrt2/pi lon cos t, Y = sqrt2 sin t
local function mollweide(lon, lat)
  local t = lat
  if math.abs(lat) < math.pi / 2 - 1e-9 then
    for _ = 1, 60 do
      local d = (2 * t + math.sin(2 * t) - math.pi * math.sin(lat)) / (2 + 2 * math.cos(2 * t))
      t = t - d
      if math.abs(d) < 1e-12 then break end
    end
  end
  return 2 * SQRT2 / math.pi * lon * math.cos(t), SQRT2 * math.sin(t)
end

local function fibonacci(n)
  local pts, ga = {}, math.pi * (3 - math.sqrt(5))
  for k = 0, n - 1 do
    local z = 1 - (2 * k + 1) / n
    local r = math.sqrt(1 - z * z)
    pts[#pts + 1] = {r * math.cos(k * ga), r * math.sin(k * ga), z}
  end
  return pts
end

-- f(.; x) at every point of pts (the context row is shared, not copied)
local function values_at(x, pts)
  local xr = {}
  for k = 1, #pts do xr[k] = x end
  return P:value(xr, pts)
end

local function maxof(t)
  local m = -math.huge
  for _, v in ipairs(t) do if v > m then m = v end end
  return m
end

-- ---------------------------------------------------------------------------
-- The normalizer: mean range max f - min f of functions from p(x) (min at
-- y*, max over a Fibonacci lattice), the same distribution as the held-out set.

local fib = fibonacci(RANGE_POINTS)
local rx = P:sample(RANGE_CONTEXTS, 20230)
local rfs = P:value(rx, P:solve(rx))
local mean_range = 0
for i, x in ipairs(rx) do mean_range = mean_range + (maxof(values_at(x, fib)) - rfs[i]) end
mean_range = mean_range / #rx

-- ---------------------------------------------------------------------------
-- runs.csv numbers the Lua results do not carry (speedups)

local runs = {}
for _, row in ipairs(amor.read_csv("runs.csv")) do runs[row.cell] = row end

-- ---------------------------------------------------------------------------
-- Figures: gnuplot bodies for amor.plot_raw.  f is drawn `with image` on a
-- regular pixel grid of the Mollweide plane (so the SVG embeds one raster per
-- panel instead of thousands of polygons), plotted in pixel coordinates, and
-- the corners off the map are covered by white fills bounded by the ellipse.

local PURPLES = "set palette defined (0 '#fcfbfd', 1 '#efedf5', 2 '#dadaeb', 3 '#bcbddc', " ..
                "4 '#9e9ac8', 5 '#807dba', 6 '#6a51a3', 7 '#54278f', 8 '#3f007d')"
local IMG_W, IMG_H = 2 * IMG_ROWS, IMG_ROWS
local PIX = 2 * SQRT2 / IMG_H -- pixel size in map units (square)

-- map (X, Y) -> pixel coordinates (pixel (i, j) is centred at (i, j))
local function to_px(X, Y) return (X + 2 * SQRT2) / PIX - 0.5, (Y + SQRT2) / PIX - 0.5 end

-- pixel centres inside the ellipse -> points on the sphere (inverse Mollweide)
local img_pts, img_idx = {}, {}
for j = 0, IMG_H - 1 do
  local Y = -SQRT2 + (j + 0.5) * PIX
  local t = math.asin(Y / SQRT2)
  local lat = math.asin((2 * t + math.sin(2 * t)) / math.pi)
  for i = 0, IMG_W - 1 do
    local X = -2 * SQRT2 + (i + 0.5) * PIX
    local lon = math.pi * X / (2 * SQRT2 * math.cos(t))
    if math.abs(lon) <= math.pi then
      img_pts[#img_pts + 1] = {math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)}
      img_idx[j * IMG_W + i] = #img_pts
    end
  end
end

-- One function's panel: its image (datablock text: 100 (f - f(y*)) /
-- (max f - f(y*)) per pixel, 0 off the map, where the mask covers it), range,
-- y* in pixel coordinates.  The tracked contexts are the same in every cell
-- (the held-out set depends on the problem and seed only), so panels are
-- computed once.
local function panel_data(x, ystar, name)
  local f = values_at(x, img_pts)
  local fstar = P:value({x}, {ystar})[1]
  local fmax = math.max(maxof(f), fstar + 1e-12)
  local lines = {string.format("$%s << EOD", name)}
  for j = 0, IMG_H - 1 do
    local row = {}
    for i = 0, IMG_W - 1 do
      local k = img_idx[j * IMG_W + i]
      row[#row + 1] = k and string.format("%d", math.floor(100 * (f[k] - fstar) / (fmax - fstar) + 0.5)) or "0"
    end
    lines[#lines + 1] = table.concat(row, " ")
  end
  lines[#lines + 1] = "EOD"
  local px, py = to_px(mollweide(lonlat(ystar)))
  -- the tutorial's star: the argmin over its plotting grid (here the pixels)
  local kmin = 1
  for k = 2, #f do if f[k] < f[kmin] then kmin = k end end
  local gx, gy = to_px(mollweide(lonlat(img_pts[kmin])))
  return {block = table.concat(lines, "\n"), name = name, fstar = fstar, fmax = fmax, px = px, py = py,
          gx = gx, gy = gy, grid_min = f[kmin], grid_argmin = img_pts[kmin]}
end

-- The evaluations drawn as the path: log-spaced over the run (0, 1, 2, 3,
-- 4, 6, 8, 11, ... , last), so the approach to y* early in training shows
-- and the later small fluctuations around it do not bury it.
local function path_indices(nsteps)
  local idx, seen = {}, {}
  local function add(i) if i >= 1 and i <= nsteps and not seen[i] then seen[i] = true; idx[#idx + 1] = i end end
  add(1)
  local last = nsteps - 1
  for q = 0, PATH_POINTS - 2 do add(1 + math.floor(last ^ (q / (PATH_POINTS - 2)) + 0.5)) end
  add(nsteps)
  table.sort(idx)
  return idx
end

-- path of tracked context k through training: consecutive predictions are
-- joined by great-circle arcs (slerp in steps of at most 2 degrees), cut
-- where an arc crosses the map's edge at longitude +-180.
local function path_block(name, track, k, indices)
  local lines = {"$" .. name .. " << EOD"}
  local function emit(lon, lat)
    local px, py = to_px(mollweide(lon, lat))
    lines[#lines + 1] = string.format("%.3f %.3f", px, py)
  end
  local function unit(y)
    local r = math.sqrt(y[1] * y[1] + y[2] * y[2] + y[3] * y[3])
    return {y[1] / r, y[2] / r, y[3] / r}
  end
  local prev
  for _, s in ipairs(indices or path_indices(#track.steps)) do
    local b = unit(track.yhat[s][k])
    if not prev then
      emit(lonlat(b))
    else
      local a = prev
      local c = math.max(-1, math.min(1, a[1] * b[1] + a[2] * b[2] + a[3] * b[3]))
      local ang = math.acos(c)
      local n = math.max(1, math.ceil(ang / math.rad(2)))
      local plon, plat = lonlat(a)
      for q = 1, n do
        local t = q / n
        local wa, wb = 1 - t, t
        if ang > 1e-9 then wa, wb = math.sin((1 - t) * ang) / math.sin(ang), math.sin(t * ang) / math.sin(ang) end
        local lon, lat = lonlat({wa * a[1] + wb * b[1], wa * a[2] + wb * b[2], wa * a[3] + wb * b[3]})
        if math.abs(lon - plon) > math.pi then -- crosses +-180: split at the edge
          local edge = plon > 0 and math.pi or -math.pi
          local ulon = lon + (plon > 0 and 2 * math.pi or -2 * math.pi)
          local f = (edge - plon) / (ulon - plon)
          local elat = plat + f * (lat - plat)
          emit(edge, elat)
          lines[#lines + 1] = ""
          emit(-edge, elat)
        end
        emit(lon, lat)
        plon, plat = lon, lat
      end
    end
    prev = b
  end
  lines[#lines + 1] = "EOD"
  return table.concat(lines, "\n")
end

-- a five-pointed star polygon of outer radius R (pixels) around (px, py)
local function star_block(name, px, py, R)
  local lines = {"$" .. name .. " << EOD"}
  for v = 0, 10 do
    local a = math.pi / 2 + v * math.pi / 5
    local r = (v % 2 == 0) and R or 0.42 * R
    lines[#lines + 1] = string.format("%.3f %.3f", px + r * math.cos(a), py + r * math.sin(a))
  end
  lines[#lines + 1] = "EOD"
  return table.concat(lines, "\n")
end

local COMMON = table.concat({
  "# Pixel coordinates: pixel (i, j) of an image $F<k> is centred at (i, j), i.e. at",
  "# Mollweide X = -2 sqrt2 + (i + 1/2) PIX, Y = -sqrt2 + (j + 1/2) PIX; it holds",
  "# 100 (f - f(y*)) / (max f - f(y*)), drawn in 10 colour bands (Purples).",
  PURPLES,
  "set palette maxcolors 10",
  "set cbrange [0:100]",
  "unset colorbox", "unset border", "unset tics", "unset key",
  "set size ratio -1",
  string.format("W = %d; H = %d; PIX = %.17g", IMG_W, IMG_H, PIX),
  "CX = (W - 1) / 2.0; CY = (H - 1) / 2.0; A = W / 2.0; B = H / 2.0  # the map's ellipse",
  "set xrange [CX - 1.01 * A:CX + 1.01 * A]; set yrange [CY - 1.02 * B:CY + 1.02 * B]",
  "EDGE(x) = B * sqrt(abs(1 - ((x - CX) / A)**2))",
  "set samples 400",
}, "\n")

local function panel_cmd(pd, path, star, title)
  return table.concat({
    string.format("set title %q font ',10' offset 0,-0.8", title or ""),
    string.format("plot $%s matrix with image, \\", pd.name),
    "     [CX - A:CX + A] '+' using 1:(CY + EDGE($1)):(CY + 1.1 * B) with filledcurves fs solid 1.0 noborder fc rgb '#ffffff', \\",
    "     [CX - A:CX + A] '+' using 1:(CY - EDGE($1)):(CY - 1.1 * B) with filledcurves fs solid 1.0 noborder fc rgb '#ffffff', \\",
    string.format("     $%s using 1:2 with lines lw 4 dt (0.1, 7) lc rgb '#5499FF', \\", path),
    string.format("     $%s using 1:2 with filledcurves closed fs solid 1.0 noborder fc rgb '#AA0000'", star),
  }, "\n")
end

-- ---------------------------------------------------------------------------
-- Per cell: numbers and figures

local function batch_of(r) return tonumber(r.cell:match("train%.batch=(%d+)")) end
local function fmt_pct(v) return string.format("%.2f %%", 100 * v) end

local function num(v) return tonumber(v) end -- runs.csv field or nil when empty

local panels, md_rows, per_fn = nil, {}, {}
for _, r in ipairs(results) do
  local b = batch_of(r)
  if r.status ~= "ok" then
    md_rows[#md_rows + 1] = string.format("| %s | %s: %s |", tostring(b), r.status, r.error or "")
  else
    local row = runs[r.cell] or {}
    local rel = r.gap_mean / mean_range
    local adam = r.solver and r.solver.adam
    local adam_final = adam and adam.mean[#adam.mean]
    local speedup = num(row.adam_speedup_to_within_delta)
    print(string.format("SPHERE batch=%d lr=%g steps=%d objective=%.6g gap=%.6g range=%.6g gap_pct=%.4f " ..
                        "initial_gap=%.6g distance=%.4g train_s=%.3f infer_us=%.3f adam_final=%.6g " ..
                        "adam_iters_to_within_delta=%s adam_speedup_to_within_delta=%s",
                        b, used_lr[b], r.train_steps, r.objective_mean, r.gap_mean, mean_range, 100 * rel,
                        r.initial_gap_mean, r.distance_mean, r.train_seconds, 1e6 * r.infer_seconds,
                        adam_final or 0 / 0, row.adam_iters_to_within_delta ~= "" and row.adam_iters_to_within_delta or "-",
                        speedup and string.format("%.3g", speedup) or "-"))
    md_rows[#md_rows + 1] = string.format(
      "| %d | %g | %d | %.1f | %.4f | %.3g | %.4g | **%s** | %.3g | %.2f | %.4f | %s | %s |", b,
      used_lr[b], r.train_steps, r.train_seconds, r.objective_mean, r.initial_gap_mean, r.gap_mean,
      fmt_pct(rel), r.distance_mean, 1e6 * r.infer_seconds, adam_final or 0 / 0,
      (row.adam_iters_to_within_delta ~= "" and row.adam_iters_to_within_delta) or "not reached",
      speedup and string.format("%.3g", speedup) or "-")
    if r.track then
      local tr = r.track
      if not panels then
        panels = {}
        for k = 1, #tr.x do panels[k] = panel_data(tr.x[k], tr.ystar[k], "F" .. k) end
      end
      -- per-function final gaps, relative to each function's own range
      local fl = P:value(tr.x, tr.yhat[#tr.steps])
      per_fn[b] = {}
      local blocks, cmds = {}, {}
      for k, pd in ipairs(panels) do
        local g = fl[k] - pd.fstar
        per_fn[b][k] = g / (pd.fmax - pd.fstar)
        local path, star = string.format("P%d_%d", b, k), "S" .. k
        blocks[#blocks + 1] = path_block(path, tr, k)
        blocks[#blocks + 1] = star_block(star, pd.px, pd.py, STAR_R)
        cmds[#cmds + 1] = panel_cmd(pd, path, star,
          string.format("%d: gap %.2g (%.1f%% of range)", k - 1, g, 100 * per_fn[b][k]))
      end
      local datablocks = {}
      for _, pd in ipairs(panels) do datablocks[#datablocks + 1] = pd.block end
      local title = string.format("sphere: 8 held-out c-convex functions (white = low), y* (star) and the " ..
        "amortized prediction during training (dots, log-spaced steps 0 .. %d), batch %d, lr %g",
        r.train_steps, b, used_lr[b])
      amor.plot_raw {
        stem = "sphere_batch" .. b, width = 1600, height = 520,
        body = table.concat(datablocks, "\n") .. "\n" .. table.concat(blocks, "\n") .. "\n" .. COMMON .. "\n" ..
          string.format("set multiplot layout 2,4 title %q font ',12' margins 0.005,0.995,0.01,0.90 spacing 0.01,0.06", title) ..
          "\n" .. table.concat(cmds, "\n") .. "\nunset multiplot\n",
      }
      if b == MAIN_BATCH then -- the tutorial's single panels sphere/0..7
        for k, pd in ipairs(panels) do
          local path, star = string.format("P%d_%d", b, k), "S" .. k
          amor.plot_raw {
            stem = "sphere_" .. (k - 1), width = 420, height = 230,
            body = pd.block .. "\n" .. path_block(path, tr, k) .. "\n" .. star_block(star, pd.px, pd.py, STAR_R) ..
              "\n" .. COMMON .. "\nset margins 0,0,0,0\n" .. panel_cmd(pd, path, star, nil) .. "\n",
          }
        end
      end
    end
  end
end

-- ---------------------------------------------------------------------------
-- Tutorial mode's figure: the 8 trained functions, every iterate joined (the
-- tutorial's dotted path), a star at the grid argmin.

local tut = tutorial[1]
if tut.status ~= "ok" then error("sphere_tutorial: cell " .. tut.cell .. " " .. tut.status .. ": " .. tut.error) end
local ttr = tut.track
local all_steps = {}
for s = 1, #ttr.steps do all_steps[s] = s end
local tblocks, tcmds, tdata = {}, {}, {}
for k = 1, #ttr.x do
  local pd = panel_data(ttr.x[k], ttr.ystar[k], "T" .. k)
  local path, star = "TP" .. k, "TS" .. k
  local fl = P:value({ttr.x[k]}, {ttr.yhat[#ttr.steps][k]})[1]
  tdata[#tdata + 1] = pd.block
  tblocks[#tblocks + 1] = path_block(path, ttr, k, all_steps)
  tblocks[#tblocks + 1] = star_block(star, pd.gx, pd.gy, STAR_R)
  tcmds[#tcmds + 1] = panel_cmd(pd, path, star, string.format("%d: f after %d steps %.3f, grid min %.3f",
                                                               k - 1, TUT_STEPS, fl, pd.grid_min))
  print(string.format("SPHERE_TUTORIAL function=%d iterates=%d f_final=%.6g grid_min=%.6g fstar=%.6g " ..
                      "argmin=%.6f,%.6f,%.6f", k - 1, #ttr.steps, fl, pd.grid_min, pd.fstar,
                      pd.grid_argmin[1], pd.grid_argmin[2], pd.grid_argmin[3]))
end
amor.plot_raw {
  stem = "sphere_tutorial", width = 1600, height = 520,
  body = table.concat(tdata, "\n") .. "\n" .. table.concat(tblocks, "\n") .. "\n" .. COMMON .. "\n" ..
    string.format("set multiplot layout 2,4 title %q font ',12' margins 0.005,0.995,0.01,0.90 spacing 0.01,0.06",
      string.format("sphere, tutorial mode: 8 fixed functions trained full batch, %d Adam steps at lr 5e-4; " ..
                    "the prediction after every step (path), grid argmin (star)", TUT_STEPS)) ..
    "\n" .. table.concat(tcmds, "\n") .. "\nunset multiplot\n",
}

-- ---------------------------------------------------------------------------
-- sphere.md

local md = {
  "# sphere (tutorial section 7.2)",
  "",
  "Amortized minimization of random c-convex functions on S^2, f(y; x) = softmin_0.5 " ..
  "{ d(y/|y|, z_i)^2/2 + alpha_i }, i = 1..4, z_i uniform on S^2, alpha_i ~ 0.7 U(0, 1); " ..
  "model mlp 16 -> 128 -> 128 -> 3 (ReLU) with output y/|y|, objective loss, Adam; " ..
  "fresh functions from p(x) every step; 256 held-out functions." ..
  (quick and " **Quick run (--set quick=true): fewer steps.**" or ""),
  "",
  string.format("Mean range max f - min f of the functions (%d draws from p(x), max over %d " ..
                "Fibonacci points, min at y*): **%.4f**.", RANGE_CONTEXTS, RANGE_POINTS, mean_range),
  "",
  "| batch | lr | steps | train s | held-out f(ŷ) | initial gap | final gap | gap / mean range | " ..
  "distance to y* | infer µs | Adam final f | Adam iters to within δ = 0.02 | Adam speedup to within δ |",
  "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
}
for _, l in ipairs(md_rows) do md[#md + 1] = l end
md[#md + 1] = ""
md[#md + 1] = "Per drawn function (figure panels 0-7): final gap / that function's range."
md[#md + 1] = ""
local bs = {}
for b in pairs(per_fn) do bs[#bs + 1] = b end
table.sort(bs)
local head = "| batch |"
for k = 0, NTRACK - 1 do head = head .. " " .. k .. " |" end
md[#md + 1] = head
md[#md + 1] = "|---|" .. string.rep("---|", NTRACK)
for _, b in ipairs(bs) do
  local l = "| " .. b .. " |"
  for k = 1, #per_fn[b] do l = l .. string.format(" %.2f %% |", 100 * per_fn[b][k]) end
  md[#md + 1] = l
end
md[#md + 1] = ""
md[#md + 1] = "Adam final f: the from-scratch Adam baseline (lr 0.05) on the same held-out functions " ..
  "after its whole budget, started from the problem's fixed initial point; a local method " ..
  "from one start often stops in a worse local minimum, which is when it never matches the model."
md[#md + 1] = ""
md[#md + 1] = string.format("Tutorial mode (code/train-sphere.py): 8 fixed functions, full batch, %d " ..
  "Adam steps at lr 5e-4; mean f of the 8 (the functions it trains on) %.4f after training, %.4f " ..
  "untrained; gap to y* %.4f, from %.4f; figure sphere_tutorial: every iterate as a path, a star " ..
  "at the grid argmin.", TUT_STEPS, tut.objective_mean, tut.initial_objective_mean, tut.gap_mean,
  tut.initial_gap_mean)
md[#md + 1] = ""
md[#md + 1] = "Figures: sphere_batch8 and sphere_batch256 (2x4 panels: filled contours of f in 10 " ..
  "bands on a Mollweide map, white = low; red star = y*; blue dots = the model's prediction " ..
  "for that function during training, at log-spaced evaluation steps joined by great-circle " ..
  "arcs), sphere_0 .. sphere_7 (the batch-8 panels alone, as the tutorial's sphere/0..7); " ..
  "sphere_training_* and sphere_solver_* are the harness's training-curve and solver figures."
amor.write_file("sphere.md", table.concat(md, "\n") .. "\n")
print(string.format("SPHERE mean_range=%.6g", mean_range))
