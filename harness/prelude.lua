-- prelude.lua -- the Lua half of amor's script interface, loaded before every
-- script.  It expands experiment{...} into a cartesian grid of cells, applies
-- per-cell overrides and filters, and hands each cell to the C host
-- (amor._cell validates it, amor._run trains and evaluates it).
-- Errors are raised at level 2 so messages carry the script's path:line.

local amor = amor
local SWEEP = {}

-- amor.sweep{a, b, c}: a list of values for one parameter or setting; every
-- value becomes its own cell.  (Plain tables are values: hidden = {64, 64}.)
function amor.sweep(values)
  if type(values) ~= "table" or #values == 0 then
    error("amor.sweep expects a non-empty list of values", 2)
  end
  return setmetatable({values = values}, SWEEP)
end

local function is_sweep(v) return getmetatable(v) == SWEEP end

-- Errors about the script's own tables are raised as {amor_msg = ...} and
-- re-raised by the public entry points at the script's line (level 2).
local function fail(msg) error({amor_msg = msg}, 0) end

local function entry(fn, ...)
  local res = table.pack(pcall(fn, ...))
  if res[1] then return table.unpack(res, 2, res.n) end
  local e = res[2]
  if type(e) == "table" and e.amor_msg then error(e.amor_msg, 3) end
  error(e, 0)
end

local function has_string_keys(t)
  for k in pairs(t) do if type(k) == "string" then return true end end
  return false
end

local function copy(t)
  if type(t) ~= "table" or is_sweep(t) then return t end
  local c = {}
  for k, v in pairs(t) do c[k] = copy(v) end
  return c
end

local function sorted_keys(t)
  local ks = {}
  for k in pairs(t) do
    if type(k) ~= "string" then
      fail("setting and parameter names must be strings, got " .. tostring(k))
    end
    ks[#ks + 1] = k
  end
  table.sort(ks)
  return ks
end

-- Expand the sweeps of a flat table into variants {values = {...}, swept = {k...}}.
local function expand(t, prefix)
  local out = {{values = {}, swept = {}}}
  for _, k in ipairs(sorted_keys(t)) do
    local v = t[k]
    local nxt = {}
    for _, o in ipairs(out) do
      if is_sweep(v) then
        for _, sv in ipairs(v.values) do
          local c = {values = copy(o.values), swept = copy(o.swept)}
          c.values[k] = copy(sv)
          c.swept[#c.swept + 1] = prefix .. k
          nxt[#nxt + 1] = c
        end
      else
        local c = {values = copy(o.values), swept = copy(o.swept)}
        c.values[k] = copy(v)
        nxt[#nxt + 1] = c
      end
    end
    out = nxt
  end
  return out
end

-- "mlp" | {"mlp", hidden = {64}} | {name = "mlp", ...} -> {name=, params=}
local function plugin_spec(p, what)
  if type(p) == "string" then return {name = p, params = {}} end
  if type(p) ~= "table" then
    fail(what .. ": expected a plugin name or {name, param = value, ...}, got " .. type(p))
  end
  local name = p.name or p[1]
  if type(name) ~= "string" then
    fail(what .. ": plugin entry without a name (put the name first: {\"mlp\", ...})")
  end
  local params = {}
  for k, v in pairs(p) do
    if k ~= 1 and k ~= "name" then params[k] = v end
  end
  return {name = name, params = params}
end

local function as_list(v, what)
  if v == nil then fail("experiment: '" .. what .. "' is required") end
  if type(v) ~= "table" or has_string_keys(v) then return {v} end
  if #v == 0 then fail("experiment: '" .. what .. "' is empty") end
  return v
end

local function plugin_variants(list, what)
  local out = {}
  for _, p in ipairs(list) do
    local s = plugin_spec(p, what)
    for _, var in ipairs(expand(s.params, "")) do
      out[#out + 1] = {name = s.name, params = var.values}
    end
  end
  return out
end

-- Small statistics scripts share: mean and sample std (n - 1) of a list of
-- numbers (nil, nil for an empty list; std 0 for one value), and its range.
function amor.mean_std(v)
  local n, s = #v, 0
  if n == 0 then return nil, nil end
  for _, a in ipairs(v) do s = s + a end
  local m = s / n
  if n < 2 then return m, 0 end
  local q = 0
  for _, a in ipairs(v) do q = q + (a - m) ^ 2 end
  return m, math.sqrt(q / (n - 1))
end

function amor.minmax(v)
  local lo, hi = math.huge, -math.huge
  for _, a in ipairs(v) do lo = math.min(lo, a); hi = math.max(hi, a) end
  return lo, hi
end

-- amor.setting("quick", false): a --set key=value from the command line.
function amor.setting(key, default)
  local v = amor.settings[key]
  if v == nil then return default end
  return v
end

local function apply_command_line(cell)
  for k, v in pairs(amor.settings) do
    local sec, key = k:match("^(%a+)%.([%w_]+)$")
    if sec == "train" or sec == "eval" or sec == "solver" or sec == "limits" then
      cell[sec][key] = v
    end
  end
end

local function add_cell(cells, ids, cell, spec, skipped)
  local ud, msg, incompatible = amor._cell(cell)
  if not ud then fail(msg) end
  if incompatible and not spec.keep_incompatible then
    skipped[#skipped + 1] = amor._id(ud) .. " (" .. incompatible .. ")"
    return
  end
  local id = amor._id(ud)
  if ids[id] then fail("experiment '" .. cell.experiment .. "': duplicate cell " .. id) end
  ids[id] = true
  cells[#cells + 1] = ud
end

-- A host call that may fail (the output directory cannot be written, ...):
-- its error is one of the script's, at the script's line (through entry).
local function host(fn, ...)
  local res = table.pack(pcall(fn, ...))
  if not res[1] then fail(tostring(res[2])) end
  return table.unpack(res, 2, res.n)
end

-- Submit every cell of the experiment at once, then collect: the host runs
-- them in worker processes (amor run -j N), writes each row as its cell
-- finishes (rows stay in this order) and returns the results in this order.
local function run_cells(name, cells, skipped)
  if not amor._quiet then
    io.write(string.format("experiment %s: %d cell%s", name, #cells, #cells == 1 and "" or "s"))
    if #skipped > 0 then io.write(string.format(", %d skipped as incompatible", #skipped)) end
    io.write(" -> ", amor._outdir(), "\n")
    for _, s in ipairs(skipped) do io.write("  skipped ", s, "\n") end
    io.flush()
  end
  if #cells == 0 then io.stderr:write("amor: warning: experiment '", name, "' has no cells to run\n") end
  local results = host(amor._run_all, cells)
  amor._finish(name, amor._quiet)
  return results
end

-- experiment{ name=, problems=, models=, losses=, seeds=, train=, eval=,
--             solver=, override=function(cell) end, filter=function(cell) end,
--             keep_incompatible=false }
local function build(spec)
  if type(spec) ~= "table" then fail("experiment expects a table: experiment{...}") end
  local name = spec.name
  if type(name) ~= "string" or not name:match("^[%w_%-]+$") then
    fail("experiment: 'name' must be a string of letters, digits, '_' or '-'")
  end
  local known = {name = 1, problems = 1, models = 1, losses = 1, seeds = 1, train = 1,
                 eval = 1, solver = 1, limits = 1, override = 1, filter = 1,
                 keep_incompatible = 1, predict = 1}
  for k in pairs(spec) do
    if not known[k] then
      fail("experiment '" .. name .. "': unknown field '" .. tostring(k) ..
           "' (valid: name, problems, models, losses, seeds, train, eval, solver, " ..
           "limits, override, filter, keep_incompatible, predict)")
    end
  end
  local problems = plugin_variants(as_list(spec.problems, "problems"), "problems")
  local models = plugin_variants(as_list(spec.models, "models"), "models")
  local losses = plugin_variants(as_list(spec.losses, "losses"), "losses")
  local seeds = spec.seeds or {1}
  if type(seeds) == "number" then seeds = {seeds} end
  local trains = expand(spec.train or {}, "train.")
  local evals = expand(spec.eval or {}, "eval.")
  local solvers = expand(spec.solver or {}, "solver.")
  local limits = expand(spec.limits or {}, "limits.")
  local cells, ids, skipped = {}, {}, {}
  for _, p in ipairs(problems) do
    for _, m in ipairs(models) do
      for _, l in ipairs(losses) do
        for _, tv in ipairs(trains) do
          for _, ev in ipairs(evals) do
            for _, sv in ipairs(solvers) do
              for _, lv in ipairs(limits) do
                for _, seed in ipairs(seeds) do
                  local swept = {}
                  for _, s in ipairs(tv.swept) do swept[#swept + 1] = s end
                  for _, s in ipairs(ev.swept) do swept[#swept + 1] = s end
                  for _, s in ipairs(sv.swept) do swept[#swept + 1] = s end
                  for _, s in ipairs(lv.swept) do swept[#swept + 1] = s end
                  local cell = {experiment = name, problem = copy(p), model = copy(m),
                                loss = copy(l), seed = seed, train = copy(tv.values),
                                eval = copy(ev.values), solver = copy(sv.values),
                                limits = copy(lv.values), predict = spec.predict,
                                swept = swept}
                  apply_command_line(cell)
                  if spec.override then
                    local r = spec.override(cell)
                    if r ~= nil then cell = r end
                  end
                  if not spec.filter or spec.filter(cell) then
                    add_cell(cells, ids, cell, spec, skipped)
                  end
                end
              end
            end
          end
        end
      end
    end
  end
  return name, cells, skipped
end

function amor.experiment(spec)
  local results = entry(run_cells, entry(build, spec))
  return results -- not a tail call: entry reports errors at the caller's line
end

-- amor.run_cell{problem=, model=, loss=, seed=, train=, eval=, solver=,
--               experiment="adhoc"}: one cell, now; returns its metrics.
local function build_one(spec)
  if type(spec) ~= "table" then fail("run_cell expects a table") end
  local cell = {experiment = spec.experiment or "adhoc",
                problem = plugin_spec(spec.problem, "problem"),
                model = plugin_spec(spec.model, "model"),
                loss = plugin_spec(spec.loss, "loss"),
                seed = spec.seed or 1, train = copy(spec.train or {}),
                eval = copy(spec.eval or {}), solver = copy(spec.solver or {}),
                limits = copy(spec.limits or {}), predict = spec.predict, swept = {}}
  apply_command_line(cell)
  local ud, msg, incompatible = amor._cell(cell)
  if not ud then fail(msg) end
  if incompatible then fail(incompatible) end
  return cell.experiment, ud
end

function amor.run_cell(spec)
  local name, ud = entry(build_one, spec)
  local r = entry(host, amor._run, ud)
  amor._finish(name, true)
  return r
end

experiment = amor.experiment
