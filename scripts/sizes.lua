-- sizes.lua -- the tutorial's table of context and solution dimensions
-- (§7, "Dimensions for the settings considered in this section") with ours
-- beside it, read from each problem plugin's dims() at its parameters below.
-- A plugin that is not built (or fails to create) is listed as such.
--   build/amor run scripts/sizes.lua        (results/sizes/sizes.md, sizes.csv)

-- Instant already: --set quick=true, which every bundled script takes, is
-- read (amor run refuses a key the script never reads) and changes nothing.
local _ = amor.setting("quick")

local ROWS = {
  {setting = "VAE on MNIST", tx = 784, tx_note = "28x28 digits", ty = 20,
   ty_note = "a 10-D Gaussian (mean, log variance)",
   -- our VAE is on Fashion-MNIST (also 28x28).  Its dims do not depend on how
   -- long the decoder trains, so a 1-epoch, 64-image decoder (cached beside
   -- this table) keeps the table instant; the experiments use the defaults.
   problem = {"vae", decoder_epochs = 1, train_images = 64, cache_dir = amor.path("cache")},
   ours_note = "Fashion-MNIST images, latent 10"},
  {setting = "Model-free control", tx = 45, tx_note = "humanoid states", ty = 17,
   ty_note = "action dimension", problem = {"control_lqr"},
   ours_note = "random LQR system, Q(x, u) from the Riccati equation"},
  {setting = "Model-based control", tx = 45, tx_note = "humanoid states", ty = 51,
   ty_note = "17 x 3, short action sequence", problem = {"control_mpc"},
   ours_note = "22-link pendulum chain (2 x 22 states), 17 motors x H = 3"},
  {setting = "Sphere", tx = 16, tx_note = "c-convex function parameterizations", ty = 3,
   ty_note = "sphere", problem = {"sphere"}, ours_note = "m = 4 centres on S^2 and offsets"},
}

local built = {}
for _, name in ipairs(amor.list("problem")) do built[name] = true end

local function spec_text(spec)
  local keys, parts = {}, {}
  for k in pairs(spec) do if type(k) == "string" and k ~= "cache_dir" then keys[#keys + 1] = k end end
  table.sort(keys)
  for _, k in ipairs(keys) do parts[#parts + 1] = k .. "=" .. tostring(spec[k]) end
  return spec[1] .. (#parts > 0 and "(" .. table.concat(parts, ", ") .. ")" or "")
end

local md = {
  "# Context and solution dimensions: the tutorial's table and ours", "",
  "| setting | tutorial dim X | tutorial dim Y | our problem | our dim X | our dim Y | notes |",
  "|---|---|---|---|---|---|---|",
}
local csv = {"setting,tutorial_x,tutorial_y,problem,ours_x,ours_y,status"}
for _, row in ipairs(ROWS) do
  local name = row.problem[1]
  local nx, ny, status
  if not built[name] then
    status = "not built"
  else
    local ok, p = pcall(amor.problem, row.problem)
    if ok then
      nx, ny = p:dims()
      status = "ok"
    else
      status = "error: " .. tostring(p):gsub("\n.*", "")
    end
  end
  local ox, oy = nx and tostring(nx) or status, ny and tostring(ny) or status
  md[#md + 1] = string.format("| %s | %d (%s) | %d (%s) | `%s` | %s | %s | %s |", row.setting,
    row.tx, row.tx_note, row.ty, row.ty_note, spec_text(row.problem), ox, oy,
    status == "ok" and row.ours_note or status)
  csv[#csv + 1] = string.format("%s,%d,%d,%s,%s,%s,%q", row.setting, row.tx, row.ty, name,
    nx and tostring(nx) or "", ny and tostring(ny) or "", status)
end
local text = table.concat(md, "\n") .. "\n"
amor.write_file("sizes.md", text)
amor.write_file("sizes.csv", table.concat(csv, "\n") .. "\n")
io.write(text)
