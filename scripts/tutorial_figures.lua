-- tutorial_figures.lua -- two of the tutorial's illustrations redrawn from
-- computations with amor's plugins (no training):
--
-- 1. smoothed-loss (its code/figures/smoothed-loss.py): the non-smooth
--    f(y) = cos y + 0.2 |y - pi/2| (problem `kink1d`) and its Gaussian
--    smoothings f_sigma(y) = E f(y + sigma eps) for sigma in {1, 1.5, 2.5},
--    on the figure's 100 points of [-4 pi, 2 pi], each the Monte Carlo
--    estimate of the `zeroth_order` loss itself (report = smoothed), reached
--    through p:loss: one-sided draws (antithetic = false), 50000 per point
--    as the tutorial's np.random.randn(50000), so the estimator is the
--    figure's.  The table compares them with the closed form
--    e^{-sigma^2/2} cos y + 0.2 E|y - pi/2 + sigma eps|, the second term by
--    Simpson's rule over eps in [-10, 10].
-- 2. maxent (its code/figures/maxent.py): 20 gradient steps of size 1 on the
--    negative entropy of the 4-parameter density of problem `maxent`
--    (normalized to mean 0 and deviation 1 by an affine flow, x = (0, 1)),
--    from the tutorial's phi = (0, 1.5, 0.7, 6); f and its gradient are the
--    plugin's (p:grad), the densities its aux view.  They converge towards
--    N(0, 1), whose entropy (1/2) log(2 pi e) = 1.4189 bounds them.
--
--   build/amor run scripts/tutorial_figures.lua      (results/tutorial_figures/)
--   build/amor run scripts/tutorial_figures.lua --set quick=true
--
-- Writes:
--   tutorial_figures.md                 both tables
--   smoothed_loss.csv, maxent.csv       the numbers behind the figures
--   smoothed_loss.{gp,png,svg}          f and its three smoothings
--   maxent.{gp,png,svg}                 the densities along the steps
--   maxent_entropy.{gp,png,svg}         entropy against the update

local quick = amor.setting("quick", false)

local md = {}
local function say(fmt, ...) md[#md + 1] = string.format(fmt, ...) end
local function csv(name, header, rows)
  local out = {table.concat(header, ",")}
  for _, r in ipairs(rows) do
    local cells = {}
    for i, v in ipairs(r) do cells[i] = string.format("%.17g", v) end
    out[#out + 1] = table.concat(cells, ",")
  end
  amor.write_file(name, table.concat(out, "\n") .. "\n")
end

say("# The tutorial's smoothed-loss and maxent figures%s", quick and " -- quick" or "")

-- 1. smoothed-loss ------------------------------------------------------------

local KINK = math.pi / 2
local N = 100
local SAMPLES = quick and 20000 or 50000
local SIGMAS = {1, 1.5, 2.5}
local kink = amor.problem {"kink1d", weight = 0.2}
local xs, ys, grid = {}, {}, {}
for i = 1, N do
  grid[i] = -4 * math.pi + 6 * math.pi * (i - 1) / (N - 1)
  xs[i], ys[i] = {KINK}, {grid[i]}
end
local f = kink:value(xs, ys)

-- E|d + sigma eps| by Simpson's rule over eps in [-10, 10], split at the
-- kink eps = -d / sigma so that each piece is smooth (1000 panels each)
local function simpson(fn, a, b, M)
  local h, s = (b - a) / M, 0
  for k = 0, M do
    s = s + ((k == 0 or k == M) and 1 or (k % 2 == 1 and 4 or 2)) * fn(a + k * h)
  end
  return s * h / 3
end
local function abs_conv(d, sigma)
  local function g(e) return math.abs(d + sigma * e) * math.exp(-e * e / 2) end
  local c = math.max(-10, math.min(10, -d / sigma))
  return (simpson(g, -10, c, 1000) + simpson(g, c, 10, 1000)) / math.sqrt(2 * math.pi)
end

local smooth, exact = {}, {}
for j, sigma in ipairs(SIGMAS) do
  smooth[j] = kink:loss({"zeroth_order", sigma = sigma, samples = SAMPLES, antithetic = false,
                         report = "smoothed"}, xs, ys, j)
  exact[j] = {}
  for i, y in ipairs(grid) do
    exact[j][i] = math.exp(-sigma * sigma / 2) * math.cos(y) + 0.2 * abs_conv(y - KINK, sigma)
  end
end

say("")
say("## smoothed-loss: f(y) = cos y + 0.2 |y - pi/2| and E f(y + sigma eps)")
say("")
say("%d points on [-4 pi, 2 pi]; each smoothed value is the zeroth_order loss's Monte Carlo "
    .. "estimate (report = smoothed, %d one-sided draws per point), against the closed form "
    .. "e^{-sigma^2/2} cos y + 0.2 E|y - pi/2 + sigma eps| (Simpson's rule).", N, SAMPLES)
say("")
say("| sigma | max abs error | mean abs error | min of f_sigma (at y) |")
say("|---|---|---|---|")
local rows = {}
for i, y in ipairs(grid) do
  local r = {y, f[i]}
  for j = 1, #SIGMAS do r[#r + 1] = smooth[j][i] end
  for j = 1, #SIGMAS do r[#r + 1] = exact[j][i] end
  rows[i] = r
end
for j, sigma in ipairs(SIGMAS) do
  local worst, sum, best, at = 0, 0, math.huge, 0
  for i = 1, N do
    local e = math.abs(smooth[j][i] - exact[j][i])
    worst, sum = math.max(worst, e), sum + e
    if exact[j][i] < best then best, at = exact[j][i], grid[i] end
  end
  say("| %g | %.4f | %.4f | %.4f (%.3f) |", sigma, worst, sum / N, best, at)
end
local header = {"y", "f"}
for _, s in ipairs(SIGMAS) do header[#header + 1] = string.format("smoothed_%g", s) end
for _, s in ipairs(SIGMAS) do header[#header + 1] = string.format("closed_form_%g", s) end
csv("smoothed_loss.csv", header, rows)

local COLORS = {"#0072B2", "#D55E00", "#009E73"}
local series = {{label = "f(y)", x = grid, y = f, style = "lines lw 2 lc rgb 'black'"}}
for j, sigma in ipairs(SIGMAS) do
  series[#series + 1] = {label = string.format("sigma = %g", sigma), x = grid, y = smooth[j],
                         style = string.format("lines lw 3 lc rgb '%s'", COLORS[j])}
end
amor.plot {
  stem = "smoothed_loss",
  title = "Gaussian smoothing of cos y + 0.2 |y - pi/2| (zeroth_order's estimate)",
  xlabel = "y", ylabel = "f and E f(y + sigma eps)", key = "top right", series = series,
}

-- 2. maxent ---------------------------------------------------------------------

local STEPS = 20
local me = amor.problem {"maxent"}
local ctx = {{0, 1}}
local phi = {0, 1.5, 0.7, 6}
local H_GAUSS = 0.5 * math.log(2 * math.pi * math.exp(1))
local curves, hist = {}, {}
local function record(t)
  local fv = me:value(ctx, {phi})[1]
  local aux = me:aux(ctx, {phi})[1]
  local P = #aux // 2
  local u, q = {}, {}
  local mean, var, dev = 0, 0, 0
  for k = 1, P do u[k], q[k] = aux[k], aux[P + k] end
  local du = u[2] - u[1]
  for k = 1, P do mean = mean + u[k] * q[k] * du end
  for k = 1, P do
    var = var + (u[k] - mean) ^ 2 * q[k] * du
    dev = math.max(dev, math.abs(q[k] - math.exp(-u[k] * u[k] / 2) / math.sqrt(2 * math.pi)))
  end
  curves[#curves + 1] = {u = u, q = q}
  hist[#hist + 1] = {t, phi[1], phi[2], phi[3], phi[4], -fv, mean, math.sqrt(var), dev}
end
record(0)
for t = 1, STEPS do
  local _, g = me:grad(ctx, {phi})
  for k = 1, 4 do phi[k] = phi[k] - g[1][k] end
  record(t)
end
csv("maxent.csv", {"step", "phi0", "phi1", "phi2", "phi3", "entropy", "mean", "std",
                   "max_abs_gauss_dev"}, hist)

say("")
say("## maxent: max H[p] subject to E[X] = 0, Var[X] = 1")
say("")
say("%d gradient steps of size 1 on phi from (0, 1.5, 0.7, 6) (problem maxent, 1000 grid "
    .. "points on [-5, 5] before the flow). The Gaussian's entropy is %.4f.", STEPS, H_GAUSS)
say("")
say("| step | phi | entropy | mean | std | max |p - N(0,1)| |")
say("|---|---|---|---|---|---|")
for _, h in ipairs(hist) do
  if h[1] <= 3 or h[1] % 5 == 0 then
    say("| %d | (%.3f, %.3f, %.3f, %.3f) | %.4f | %.1e | %.6f | %.4f |", h[1], h[2], h[3], h[4],
        h[5], h[6], h[7], h[8], h[9])
  end
end

-- the densities drawn through every 5th of their 1000 points (and the last):
-- smooth curves, a fifth of the figure's size
local function thin(v)
  local out = {}
  for k = 1, #v, 5 do out[#out + 1] = v[k] end
  if (#v - 1) % 5 ~= 0 then out[#out + 1] = v[#v] end
  return out
end
series = {}
for t, c in ipairs(curves) do
  local first, last = t == 1, t == #curves
  local grey = first and "#555555" or (last and "#000000" or "#BBBBBB")
  series[#series + 1] = {
    label = first and "initial" or (last and string.format("after %d steps", STEPS) or
            (t == 2 and "steps" or nil)),
    x = thin(c.u), y = thin(c.q), style = string.format("lines lw %d lc rgb '%s'", last and 2 or 1, grey)}
end
do
  local gu, gq = {}, {}
  for k = 0, 200 do
    gu[#gu + 1] = -4 + 8 * k / 200
    gq[#gq + 1] = math.exp(-gu[#gu] ^ 2 / 2) / math.sqrt(2 * math.pi)
  end
  series[#series + 1] = {label = "N(0, 1)", x = gu, y = gq, style = "lines dt 2 lw 2 lc rgb '#D55E00'"}
end
amor.plot {
  stem = "maxent",
  title = "maximum entropy by gradient steps: the density along the steps",
  xlabel = "x", ylabel = "p(x)", key = "top right", series = series,
}
local tx, hy, gy = {}, {}, {}
for i, h in ipairs(hist) do tx[i], hy[i], gy[i] = h[1], h[6], H_GAUSS end
amor.plot {
  stem = "maxent_entropy",
  title = "maximum entropy by gradient steps: the entropy",
  xlabel = "update", ylabel = "H[p]", key = "bottom right",
  series = {{label = "H[p]", x = tx, y = hy, style = "linespoints pt 7 lc rgb 'black'"},
            {label = "N(0, 1): (1/2) log(2 pi e)", x = tx, y = gy,
             style = "lines dt 2 lc rgb '#D55E00'"}},
}

amor.write_file("tutorial_figures.md", table.concat(md, "\n") .. "\n")
