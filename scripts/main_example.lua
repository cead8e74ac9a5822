-- main_example.lua -- the tutorial's main example (Amos 2023, §1-2, figures
-- opt, learning-reg, learning-obj and learning-rl): f(y; x) =
-- sigmoid((y - y*(x))^2 / 80), y*(x) = sin x + x (1 + 0.1 cos x), x ~ U[-5, 5]
-- (problem tutorial1d).  One deliberately small model -- affine, y_hat = w x + b,
-- which can follow y*'s trend but not its wiggles (like the tutorial's
-- y_hat_theta, it visibly misses y*) -- is trained three ways:
--   regression    L = 1/2 |y_hat - y*|^2          (needs y*)
--   objective     L = f(y_hat; x)                 (needs grad_y f)
--   zeroth_order  L = f(y_hat; x), its gradient estimated from values of f
--                 alone by antithetic Gaussian smoothing with radius SIGMA
-- and each trained model is drawn over f's contours the way the tutorial
-- draws the paradigm: residuals to y* (regression), -grad_y f at the
-- predictions (objective), the Gaussian perturbations y_hat + sigma eps the
-- estimator evaluates f at (zeroth order, "RL-based").
--   build/amor run scripts/main_example.lua            (results/main_example/)
--   build/amor run scripts/main_example.lua --set quick=true
-- Writes runs.csv / curves.csv, main_example.md (held-out gap and distance
-- to y* of each model, trained and untrained) and opt, learning-reg,
-- learning-obj, learning-rl as .gp + .png + .svg.

local quick = amor.setting("quick", false)

local X_LO, X_HI, Y_LO, Y_HI = -5, 5, -10, 10 -- the tutorial's axes
local MODEL, MODEL_LABEL = "linear", "linear (y_hat = w x + b)"
local STEPS = quick and 1000 or 4000
local CONTEXTS = quick and 512 or 2048
local SIGMA, SAMPLES = 1.0, 4  -- zeroth-order smoothing radius and antithetic pairs
local N_CURVE = 201            -- x grid of the drawn curves (predictions, y*)
local LEVELS = {0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85} -- f's filled contour levels
local N_MARK = 15              -- residuals / arrows, at the tutorial's x positions
local PERTURB_SEED = 2         -- the figure's own draws of eps (the tutorial's seed)
-- -grad f is drawn scaled by 1 / f''(y*; x) = 160 (f'' = sigmoid'(0) / 40 at
-- the minimizer), i.e. as the Newton step: it ends on y* for small residuals
-- and falls short where the sigmoid flattens.
local ARROW_SCALE = 160

local function linspace(a, b, n)
  local t = {}
  for i = 1, n do t[i] = a + (b - a) * (i - 1) / (n - 1) end
  return t
end

local function rows(v)
  local t = {}
  for i, a in ipairs(v) do t[i] = {a} end
  return t
end

local function col(r)
  local t = {}
  for i, a in ipairs(r) do t[i] = a[1] end
  return t
end

local xs = linspace(X_LO, X_HI, N_CURVE)

-- ---- the three training runs ----------------------------------------------

local LOSSES = {
  {key = "regression", spec = "regression", label = "regression"},
  {key = "objective", spec = "objective", label = "objective"},
  {key = "zeroth_order", spec = {"zeroth_order", sigma = SIGMA, samples = SAMPLES},
   label = string.format("zeroth order (sigma = %g, %d antithetic pairs)", SIGMA, SAMPLES)},
}
local loss_specs = {}
for i, l in ipairs(LOSSES) do loss_specs[i] = l.spec end

local results = experiment {
  name = "main_example",
  problems = {"tutorial1d"},
  models = {MODEL},
  losses = loss_specs,
  seeds = {1},
  train = {steps = STEPS, batch = 256, lr = 1e-2, eval_every = quick and 100 or 200},
  eval = {contexts = CONTEXTS},
  solver = {iterations = 0},
  predict = rows(xs),
}

-- the result of each loss, by its name in the cell id (".../<loss>/seed=1")
local by_loss = {}
for _, r in ipairs(results) do
  for _, l in ipairs(LOSSES) do
    if r.cell:find("/" .. l.key .. "[/(]") then by_loss[l.key] = r end
  end
end

-- The untrained model's held-out distance: curves.csv's step-0 evaluation.
local initial_distance = {}
do
  local fh = io.open(amor.path("curves.csv"))
  if fh then
    for line in fh:lines() do
      local cell, v = line:match('^main_example,"?(.-)"?,0,eval,distance,([^,]+)$')
      if cell then initial_distance[cell] = tonumber(v) end
    end
    fh:close()
  end
end

-- ---- the problem itself: y*, f on a grid, gradients -------------------------

local P = amor.problem{"tutorial1d"}
local ystar = col(P:solve(rows(xs)))

-- ---- summary: printed and main_example.md -----------------------------------
-- For the affine model, also the fitted line y_hat = w x + b (read off the
-- predictions) next to the best line in the least-squares sense over
-- U[X_LO, X_HI], from y* on the curve grid: what the regression loss
-- converges to, and a floor no affine model gets far below.

local function fmt(v) return v and string.format("%.4g", v) or "-" end

local function line_of(ys) -- w, b of an affine curve on xs
  return (ys[#ys] - ys[1]) / (X_HI - X_LO), ys[1] - X_LO * (ys[#ys] - ys[1]) / (X_HI - X_LO)
end

local affine = MODEL == "linear"
local md = {
  "# main example: one small model, three losses",
  "",
  string.format("tutorial1d (x ~ U[%g, %g]), model %s, seed 1, %d training steps, " ..
                "%d held-out contexts.  gap = f(y_hat; x) - f(y*; x) and distance = " ..
                "|y_hat - y*| are held-out means; \"untrained\" is the same model at step 0.",
                X_LO, X_HI, MODEL_LABEL, STEPS, CONTEXTS),
  "",
  "| loss | status | gap | distance | untrained gap | untrained distance |" ..
    (affine and " w | b |" or ""),
  "|---|---|---|---|---|---|" .. (affine and "---|---|" or ""),
}
local head = string.format("%-44s %-6s %10s %10s %14s %14s", "loss", "status", "gap", "distance",
                           "untrained_gap", "untrained_dist")
print()
print(head .. (affine and string.format(" %8s %8s", "w", "b") or ""))
for _, l in ipairs(LOSSES) do
  local r = by_loss[l.key] or {status = "missing"}
  local d0 = r.cell and initial_distance[r.cell]
  local cols = {l.label, r.status, fmt(r.gap_mean), fmt(r.distance_mean),
                fmt(r.initial_gap_mean), fmt(d0)}
  local line = string.format("%-44s %-6s %10s %10s %14s %14s", table.unpack(cols))
  if affine and r.predictions then
    local w, b0 = line_of(col(r.predictions))
    cols[#cols + 1], cols[#cols + 2] = string.format("%.4f", w), string.format("%.4f", b0)
    line = line .. string.format(" %8s %8s", cols[7], cols[8])
  end
  print(line)
  md[#md + 1] = "| " .. table.concat(cols, " | ") .. " |"
end
if affine then
  local n, mx, my = #xs, 0, 0
  for i = 1, n do mx, my = mx + xs[i] / n, my + ystar[i] / n end
  local sxy, sxx = 0, 0
  for i = 1, n do
    sxy, sxx = sxy + (xs[i] - mx) * (ystar[i] - my), sxx + (xs[i] - mx) ^ 2
  end
  local w = sxy / sxx
  local b0 = my - w * mx
  local yl, d = {}, 0
  for i = 1, n do
    yl[i] = {w * xs[i] + b0}
    d = d + math.abs(yl[i][1] - ystar[i]) / n
  end
  local f, fstar = P:value(rows(xs), yl), P:value(rows(xs), rows(ystar))
  local gap = 0
  for i = 1, n do gap = gap + (f[i] - fstar[i]) / n end
  local label = "least-squares line (reference; x grid)"
  print(string.format("%-44s %-6s %10s %10s %14s %14s %8.4f %8.4f", label, "-", fmt(gap),
                      fmt(d), "-", "-", w, b0))
  md[#md + 1] = string.format("| %s | - | %s | %s | - | - | %.4f | %.4f |", label, fmt(gap),
                              fmt(d), w, b0)
end
md[#md + 1] = ""
md[#md + 1] = string.format([[
Figures (each a .gp with its data inline, beside its .png and .svg): `opt` (f's
filled contours and y*), `learning-reg` (the regression-trained y_hat with its
residuals to y* at %d points), `learning-obj` (the objective-trained y_hat with
-df/dy at %d of its predictions, drawn as the Newton step -f'/f''(y*) =
-%g f'), `learning-rl` (the zeroth-order-trained y_hat with %d antithetic pairs
y_hat +- %g eps, eps ~ N(0, 1), at every other of %d x, as the loss draws them).
]], N_MARK, N_MARK, ARROW_SCALE, SAMPLES, SIGMA, N_CURVE)
amor.write_file("main_example.md", table.concat(md, "\n"))

-- ---- figures ------------------------------------------------------------------
-- Each figure is a gnuplot body (amor.plot_raw) with its data inline, styled
-- after the tutorial's matplotlib figures: f's filled contours in Purples
-- without axes or tics, y* red, y_hat blue, math in serif italics.

local function datablock(name, header, lines)
  return "$" .. name .. " << EOD\n# " .. header .. "\n" .. table.concat(lines, "\n") .. "\nEOD\n"
end

-- f's filled contours as vector bands, from the plugin's values: for each x
-- of the curve grid and each level c, the sublevel set {y : f(y; x) < c} is an
-- interval (lo, hi) around y*(x) (f(.; x) is unimodal), whose ends are found
-- by bisection on f.  Ends beyond the axes are cut at Y_LO - 1 / Y_HI + 1
-- (gnuplot clips them).
local function contour_bands()
  local n, L = #xs, #LEVELS
  local a, b, qx, lev = {}, {}, {}, {} -- one bisection per (x, level, side)
  for i = 1, n do
    for k = 1, L do
      for _, cut in ipairs({Y_LO - 1, Y_HI + 1}) do
        local m = #a + 1
        qx[m], lev[m] = xs[i], LEVELS[k]
        a[m] = ystar[i] -- f < c here ...
        b[m] = cut      -- ... and, unless open[m], f >= c here
      end
    end
  end
  local xr = rows(qx)
  local fb = P:value(xr, rows(b))
  local open = {} -- the level set's end lies beyond the cut: keep b
  for m = 1, #a do open[m] = fb[m] < lev[m] end
  for _ = 1, 50 do -- |b - a| <= 11 / 2^50
    local mid = {}
    for m = 1, #a do mid[m] = {0.5 * (a[m] + b[m])} end
    local fm = P:value(xr, mid)
    for m = 1, #a do
      if not open[m] then
        if fm[m] < lev[m] then a[m] = mid[m][1] else b[m] = mid[m][1] end
      end
    end
  end
  local out, m = {}, 0
  for i = 1, n do
    local row = {string.format("%.6g", xs[i])}
    for _ = 1, L do
      row[#row + 1] = string.format("%.6g", b[m + 1]) -- side -1: lower end
      row[#row + 1] = string.format("%.6g", b[m + 2]) -- side +1: upper end
      m = m + 2
    end
    out[i] = table.concat(row, " ")
  end
  return datablock("bands", "x, then lo hi of {y : f(y; x) < c} for c = " ..
                   table.concat(LEVELS, " "), out)
end

-- Purples (ColorBrewer's nine anchors, as matplotlib interpolates them), one
-- colour per band: K = #LEVELS + 1 bands [0.5, 0.55), ..., [0.8, 0.85),
-- [0.85, max f], band k at (k - 1/2) / K, as the tutorial's contourf colours
-- them (its figure shows these same eight colours).
local PURPLES = {{252, 251, 253}, {239, 237, 245}, {218, 218, 235}, {188, 189, 220},
                 {158, 154, 200}, {128, 125, 186}, {106, 81, 163}, {84, 39, 143},
                 {63, 0, 125}}
local function purples(t)
  local u = t * (#PURPLES - 1)
  local i = math.min(math.floor(u), #PURPLES - 2)
  local w, c = u - i, {}
  for j = 1, 3 do c[j] = math.floor(PURPLES[i + 1][j] * (1 - w) + PURPLES[i + 2][j] * w + 0.5) end
  return string.format("#%02x%02x%02x", c[1], c[2], c[3])
end

local function curve_block(name, what, ys)
  local out = {}
  for i, x in ipairs(xs) do out[i] = string.format("%.6g %.6g", x, ys[i]) end
  return datablock(name, "x, " .. what, out)
end

local BANDS_BLOCK = contour_bands()
local YSTAR_BLOCK = curve_block("ystar", "y*(x) from the problem's solve", ystar)

-- The contour plot under every figure.  Band k > 1 is two strips, from
-- hi(k-1) to hi(k) above y* and from lo(k) to lo(k-1) below, band 1 is
-- (lo(1), hi(1)); the last band reaches past the axes.  The strips are drawn
-- from the outside in, each reaching a hair (d) under its inner neighbour so
-- no seam shows between bands, and they do not nest: nested polygons would
-- stack their antialiased edges into a dark line along the axes.
local CONTOURS
do
  local K = #LEVELS + 1
  local cols = {}
  for k = 1, K do cols[k] = purples((k - 0.5) / K) end
  CONTOURS = string.format([[
band_colour = '%s'
d = 0.05
lo(j) = j > %d ? %g : column(2 * j)
hi(j) = j > %d ? %g : column(2 * j + 1)
plot for [k = %d:2:-1] $bands using 1:(lo(k)):(lo(k - 1) + d) \
         with filledcurves fc rgb word(band_colour, k) fs solid noborder, \
     for [k = %d:2:-1] $bands using 1:(hi(k - 1) - d):(hi(k)) \
         with filledcurves fc rgb word(band_colour, k) fs solid noborder, \
     $bands using 1:2:3 with filledcurves fc rgb word(band_colour, 1) fs solid noborder]],
    table.concat(cols, " "), #LEVELS, Y_LO - 1, #LEVELS, Y_HI + 1, K, K)
end

-- x of the residuals / arrows: the tutorial's 15 indices from 35 to 964 of a
-- 1000-point grid over [-5, 5].
local mark_x = {}
for k = 0, N_MARK - 1 do
  local idx = math.floor(35 + k * (999 - 70) / (N_MARK - 1) + 0.5)
  mark_x[#mark_x + 1] = X_LO + (X_HI - X_LO) * idx / 999
end

-- a curve (on xs) at any x in [X_LO, X_HI], linearly interpolated
local function at(ys, x)
  local t = (x - X_LO) / (X_HI - X_LO) * (N_CURVE - 1)
  local i = math.min(math.max(math.floor(t), 0), N_CURVE - 2)
  local w = t - i
  return ys[i + 1] * (1 - w) + ys[i + 2] * w
end

local YSTAR_COLOUR, YHAT_COLOUR = "#AA0000", "#5499FF"
local YSTAR_TEXT = "{/:Italic y}^⋆({/:Italic x})"
local YHAT_TEXT = "{/:Italic ŷ}_{/:Italic θ}({/:Italic x})"

-- Axes without border or tics; TOP is the plot's top edge (room for a title).
local FRAME = string.format("set xrange [%g:%g]\nset yrange [%g:%g]\n", X_LO, X_HI, Y_LO, Y_HI) ..
                [[
set termoption enhanced
unset key
unset border
unset tics
set lmargin at screen 0.075
set rmargin at screen 0.99
set bmargin at screen 0.08
set tmargin at screen TOP
set xlabel '{/:Italic x}' font 'Serif,20' offset 0,0.3
set ylabel '{/:Italic y}' font 'Serif,20' rotate by 0 offset 1.2,-1
set style textbox opaque fc rgb '#ffffff' noborder margins 2,2
set label 1 '{/:Italic f}({/:Italic y}; {/:Italic x})' at graph 0.005, graph 0.975 left front \
    font 'Serif,17' tc rgb '#491386' boxed
]]

local function write_fig(stem, width, height, top, blocks, settings, layers)
  local body = table.concat(blocks) .. FRAME:gsub("TOP", top) .. settings ..
               CONTOURS .. ", \\\n" .. layers
  amor.plot_raw{stem = stem, width = width, height = height, body = body}
end

local YSTAR_LABEL = string.format("set label 2 '%s' at graph 0.92, graph 0.8 right front " ..
                                  "font 'Serif,20' tc rgb '%s'\n", YSTAR_TEXT, YSTAR_COLOUR)
local YSTAR_SOLID = string.format("     $ystar using 1:2 with lines lw 7 lc rgb '%s'", YSTAR_COLOUR)
local YSTAR_DASHED = string.format("     $ystar using 1:2 with lines lw 7 dt (12,7) lc rgb '%s'",
                                   YSTAR_COLOUR)
local YHAT_LINE = string.format("     $yhat using 1:2 with lines lw 7 lc rgb '%s'", YHAT_COLOUR)

local function yhat_block(key)
  local r = by_loss[key]
  if not (r and r.predictions) then return nil end
  local yh = col(r.predictions)
  return yh, curve_block("yhat", "y_hat(x) of the " .. key .. "-trained model", yh)
end

local function skipped(stem, key)
  io.stderr:write("main_example: no ", stem, " figure: the ", key, " cell did not train\n")
end

-- 1. opt: f and y*.
write_fig("opt", 600, 510, "0.99", {BANDS_BLOCK, YSTAR_BLOCK}, YSTAR_LABEL, YSTAR_SOLID .. "\n")

-- 2. learning-reg: the regression-trained model, residual segments to y*.
do
  local yh, block = yhat_block("regression")
  if not yh then
    skipped("learning-reg", "regression")
  else
    local seg = {}
    for _, x in ipairs(mark_x) do
      local a = at(yh, x)
      seg[#seg + 1] = string.format("%.6g %.6g %.6g", x, a, at(ystar, x) - a)
    end
    write_fig("learning-reg", 600, 560, "0.9",
              {BANDS_BLOCK, YSTAR_BLOCK, block, datablock("res", "x, y_hat, y* - y_hat", seg)},
              YSTAR_LABEL .. string.format([[
set title 'Regression-Based' font 'Serif,22' offset 0,-0.3
set label 3 '%s' at first -2.3, first %.4g left front font 'Serif,20' tc rgb '%s' boxed
]], YHAT_TEXT, at(yh, -2.3) + 2.8, YHAT_COLOUR),
              YSTAR_SOLID .. ", \\\n" .. YHAT_LINE .. ", \\\n" ..
              "     $res using 1:2:(0):3 with vectors nohead lw 2.5 lc rgb '#000000'\n")
  end
end

-- 3. learning-obj: the objective-trained model and -grad_y f at its
-- predictions (drawn as the Newton step, ARROW_SCALE), y* dashed.
do
  local yh, block = yhat_block("objective")
  if not yh then
    skipped("learning-obj", "objective")
  else
    local mx, my = {}, {}
    for i, x in ipairs(mark_x) do mx[i], my[i] = {x}, {at(yh, x)} end
    local _, g = P:grad(mx, my)
    local arr = {}
    for i, x in ipairs(mark_x) do
      arr[i] = string.format("%.6g %.6g %.6g", x, my[i][1], -ARROW_SCALE * g[i][1])
    end
    write_fig("learning-obj", 600, 560, "0.9",
              {BANDS_BLOCK, YSTAR_BLOCK, block,
               datablock("arrows", string.format("x, y_hat, -%g df/dy at y_hat", ARROW_SCALE), arr)},
              "set title 'Objective-Based' font 'Serif,22' offset 0,-0.3\nunset label 1\n",
              YSTAR_DASHED .. ", \\\n" .. YHAT_LINE .. ", \\\n" ..
              "     $arrows using 1:2:(0):3 with vectors head filled size screen 0.014,25 \\\n" ..
              "         lw 2.5 lc rgb '#000000'\n")
  end
end

-- 4. learning-rl: the zeroth-order-trained model and the points y_hat +-
-- sigma eps (eps ~ N(0, 1), SAMPLES antithetic pairs per context, the loss's
-- sigma) at which the estimator evaluates f; the figure draws its own eps
-- with a fixed seed, at every other x of the curve grid.
do
  local yh, block = yhat_block("zeroth_order")
  if not yh then
    skipped("learning-rl", "zeroth_order")
  else
    math.randomseed(PERTURB_SEED)
    local function normal() -- Box-Muller; 1 - random() is in (0, 1]
      local u1, u2 = 1.0 - math.random(), math.random()
      return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)
    end
    local pts = {}
    for i = 1, N_CURVE, 2 do
      for _ = 1, SAMPLES do
        local e = SIGMA * normal()
        pts[#pts + 1] = string.format("%.6g %.6g", xs[i], yh[i] + e)
        pts[#pts + 1] = string.format("%.6g %.6g", xs[i], yh[i] - e)
      end
    end
    write_fig("learning-rl", 600, 450, "0.99",
              {BANDS_BLOCK, YSTAR_BLOCK, block,
               datablock("pert", string.format("x, y_hat +- %g eps", SIGMA), pts)}, [[
unset label 1
unset xlabel
unset ylabel
set lmargin at screen 0.01
set bmargin at screen 0.01
]],
              YSTAR_DASHED .. ", \\\n" ..
              "     $pert using 1:2 with points pt 7 ps 0.45 lc rgb '#905499FF', \\\n" ..
              YHAT_LINE .. "\n")
  end
end
