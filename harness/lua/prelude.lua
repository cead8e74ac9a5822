-- prelude.lua -- the Lua half of amor's script interface, run before every
-- script.  It expands experiment{...} into a cartesian grid of cells, applies
-- per-cell overrides and filters, and hands each cell to the C host
-- (I.cell validates it, I.run_all trains and evaluates cells).
-- Errors are raised at level 2 so messages carry the script's path:line.
--
-- The host calls this chunk with two tables: amor, the module scripts see
-- (its C functions already in it: luabind.c), which the prelude completes;
-- and I, the host's private helpers and the command line's settings, which
-- stay upvalues of the functions below -- a script cannot see or call them.
-- It returns the function the host calls when the script's top level has
-- ended.

local amor, I = ...
local SWEEP = {}

-- nil if v is a list (its keys exactly 1..#v), else why not, worded to follow
-- "must be a list of ..., ": "got string", "got table: it has a key 'a'",
-- "got table: it has no element 2 (a hole)" (the host's cellbuild_list).
local list_fault = I.list_fault

-- amor.sweep{a, b, c}: a list of values for one parameter or setting; every
-- value becomes its own cell.  (Plain tables are values: hidden = {64, 64}.)
function amor.sweep(values)
  local why = list_fault(values)
  if why or #values == 0 then
    error("amor.sweep expects a non-empty list of values" .. (why and ", " .. why or ""), 2)
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

local function sorted_keys(t, what)
  local ks = {}
  for k in pairs(t) do
    if type(k) ~= "string" then
      fail(what .. " has a key " .. tostring(k) .. " (setting and parameter names are strings)")
    end
    ks[#ks + 1] = k
  end
  table.sort(ks)
  return ks
end

-- Expand the sweeps of a flat table into variants {values = {...}, swept = {k...}}.
local function expand(t, prefix, what)
  local out = {{values = {}, swept = {}}}
  for _, k in ipairs(sorted_keys(t, what)) do
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

-- eval = {model = {steps = amor.sweep{1, 10}}}: the sweeps inside eval.model
-- (a table of model parameters) expand like a section's, as eval.model.NAME.
local function expand_eval_model(variants, what)
  local out = {}
  for _, v in ipairs(variants) do
    local m = v.values.model
    if type(m) == "table" and not is_sweep(m) then
      for _, mv in ipairs(expand(m, "eval.model.", what .. ": 'eval.model'")) do
        local c = {values = copy(v.values), swept = copy(v.swept)}
        c.values.model = mv.values
        for _, s in ipairs(mv.swept) do c.swept[#c.swept + 1] = s end
        out[#out + 1] = c
      end
    else
      out[#out + 1] = v
    end
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
  if p.name ~= nil and p[1] ~= nil then
    fail(what .. ": plugin entry with two names, '" .. tostring(p[1]) .. "' and name = '" ..
         tostring(p.name) .. "' (give one)")
  end
  local params = {}
  for k, v in pairs(p) do
    if k ~= 1 and k ~= "name" then params[k] = v end
  end
  return {name = name, params = params}
end

-- problems/models/losses: one plugin or a list of them.
local function as_list(v, what, name)
  if v == nil then fail("experiment: '" .. what .. "' is required") end
  if type(v) ~= "table" or has_string_keys(v) then return {v} end
  local why = list_fault(v)
  if why then
    fail("experiment '" .. name .. "': '" .. what .. "' must be a plugin or a list of plugins, " .. why)
  end
  if #v == 0 then fail("experiment: '" .. what .. "' is empty") end
  return v
end

-- The plugin specs of a list, their parameters not yet expanded.
local function plugin_specs(list, what)
  local out = {}
  for i, p in ipairs(list) do out[i] = plugin_spec(p, what) end
  return out
end

local function plugin_variants(specs, kind)
  local out = {}
  for _, s in ipairs(specs) do
    for _, var in ipairs(expand(s.params, "", kind .. " '" .. s.name .. "'")) do
      out[#out + 1] = {name = s.name, params = var.values}
    end
  end
  return out
end

-- v is a list of numbers, or an error at the caller's caller's line.
local function numbers(v, fn)
  local why = list_fault(v)
  if why then error(fn .. " expects a list of numbers, " .. why, 3) end
  for i, a in ipairs(v) do
    if type(a) ~= "number" then
      error(string.format("%s expects a list of numbers, got table: element %d is %s", fn, i,
                          type(a) == "string" and string.format("string %q", a) or type(a)), 3)
    end
  end
end

-- Small statistics scripts share: mean and sample std (n - 1) of a list of
-- numbers (nil, nil for an empty list; std 0 for one value), and its range.
function amor.mean_std(v)
  numbers(v, "amor.mean_std")
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
  numbers(v, "amor.minmax")
  local lo, hi = math.huge, -math.huge
  for _, a in ipairs(v) do lo = math.min(lo, a); hi = math.max(hi, a) end
  return lo, hi
end

-- ---- the command line's --set and --sweep keys ------------------------------
--
-- SET lists them in order ({op=, key=, text=, kind=, name=, value=,
-- values=}, checked by the host before the script ran: script.c
-- push_settings); VALUES holds the --set values as scripts see them.
--   train.*, eval.*, solver.*, limits.*  replace that setting (a sweep of it
--       included) in every cell; --sweep makes it a sweep of its values;
--   problem.P, model.P, loss.P  set parameter P, parsed by its declared type,
--       of every plugin of that kind that declares it (--sweep: a sweep of
--       its values); an experiment{} or amor.run_cell none of whose plugins
--       of that kind declares P is an error (a misspelt P would otherwise
--       change nothing);
--   --sweep applies to experiment{}: amor.run_cell runs one cell, so a
--       --sweep key is an error there;
--   a key without '.' (--set only) is the script's own: it must have read it
--       with amor.setting (or amor.settings[key]) by the time it first runs a
--       cell or writes a file -- or by its end if it does neither -- else it
--       is refused as a typo, before it could be silently ignored.
local SET, VALUES = I.set, {}
local asked = {}       -- keys the script has read

-- A --set value as amor.setting returns it: a setting's value as the host
-- converted it by the setting's type (train.init_from=0123 stays text);
-- otherwise true, false, a number, or the text itself.  (A --sweep key has
-- no single value: amor.setting returns its default.)
for _, s in ipairs(SET) do
  if s.op ~= "set" then -- a sweep
  elseif s.value ~= nil then VALUES[s.key] = s.value
  elseif s.text == "true" or s.text == "false" then VALUES[s.key] = s.text == "true"
  else VALUES[s.key] = tonumber(s.text) or s.text end
end

local acted = false    -- the plain keys were checked when the script first acted

amor.settings = setmetatable({}, {
  __index = function(_, k) asked[k] = true; return VALUES[k] end,
  __newindex = function(_, k, v) VALUES[k] = v end,
  __pairs = function()
    for k in pairs(VALUES) do asked[k] = true end
    return next, VALUES, nil
  end,
})

-- amor.setting("quick", false): a --set key=value from the command line.
function amor.setting(key, default)
  if type(key) ~= "string" then
    error("amor.setting: the key must be a string, got " .. type(key), 2)
  end
  asked[key] = true
  local v = VALUES[key]
  if v == nil then return default end
  return v
end

-- The message for the first plain key the script has not read, or nil.
local function unread(when)
  for _, s in ipairs(SET) do
    if s.kind == "plain" and not asked[s.key] then
      local names = {}
      for k in pairs(asked) do names[#names + 1] = k end
      table.sort(names)
      return string.format(when, s.key .. "=" .. s.text, s.key) ..
             (#names > 0 and "; it read: " .. table.concat(names, ", ") or "; it read no setting")
    end
  end
end

local BEFORE_ACT = "--set %s: the script has not read '%s' (amor.setting) before its first " ..
                   "cell or file"

local function first_act()
  if acted then return end
  local m = unread(BEFORE_ACT)
  if m then fail(m) end
  acted = true
end

-- At the end of the script's top level, for a script that never acted.
local function check_settings()
  if acted then return end
  local m = unread("--set %s: the script never read '%s' (amor.setting)")
  if m then error(m, 0) end
end

-- Writing a file is acting too: amor.write_file and amor.plot* call this
-- first (from C, so level 3 is the script's line).
I.on_write(function()
  if acted then return end
  local m = unread(BEFORE_ACT)
  if m then error(m, 3) end
  acted = true
end)

-- "--set train.lr=0.1", "--sweep model.hidden=[4],[8]": s as given.
local function given(s) return "--" .. s.op .. " " .. s.key .. "=" .. s.text end

-- amor.run_cell runs one cell: a --sweep key would make it several.
local function no_sweep_keys()
  for _, s in ipairs(SET) do
    if s.op == "sweep" then
      fail(given(s) .. ": amor.run_cell runs one cell; --sweep applies to experiment{} (--set " ..
           "gives a setting or parameter one value)")
    end
  end
end

-- train = {...} of a script with --set train.* in place (a copy if changed),
-- --sweep train.* as a sweep of its values.
local function with_command_line(t, section)
  local c
  for _, s in ipairs(SET) do
    if s.kind == section then
      c = c or copy(t)
      if s.op == "sweep" then c[s.name] = setmetatable({values = copy(s.values)}, SWEEP)
      else c[s.name] = copy(VALUES[s.key]) end
    end
  end
  return c or t
end

-- --set model.P=V into the specs (kind "model") of an experiment, before
-- their sweeps are expanded (V replaces a sweep of P); --sweep model.P=V,W
-- a sweep of V and W, each parsed by the type each plugin declares.
local function apply_plugin_keys(kind, specs, experiment)
  for _, s in ipairs(SET) do
    if s.kind == kind then
      local declared, names, seen = false, {}, {}
      for _, spec in ipairs(specs) do
        local texts, values, ok, v = s.op == "sweep" and s.values or {s.text}, {}
        for i, text in ipairs(texts) do
          ok, v = I.plugin_param(kind, spec.name, s.name, text, given(s))
          if ok == nil then fail(v) end
          if not ok then break end
          values[i] = v
        end
        if ok then
          spec.params[s.name] = s.op == "sweep" and setmetatable({values = values}, SWEEP) or values[1]
          declared = true
        else
          for _, n in ipairs(v) do
            if not seen[n] then seen[n], names[#names + 1] = true, n end
          end
        end
      end
      if not declared then
        fail(string.format("%s: no %s of experiment '%s' declares a parameter '%s' (%s)",
                           given(s), kind, experiment, s.name, #names > 0 and
                           "they declare: " .. table.concat(names, ", ") or "they declare none"))
      end
    end
  end
end

-- ---- the command line's --only -----------------------------------------------
--
-- ONLY lists its keys ({key=, kind=, texts=, values=}: script.c push_only).
-- An experiment{} cell is selected when, for every key, its value (as
-- runs.csv shows it: I.value) is one of the key's values; a parameter's
-- values are read by the type the cell's plugin declares (I.param_text), a
-- cell whose plugin does not declare it has none.  The cells outside are
-- not run: the sweep keeps those the results directory holds finished
-- (I.stored), as a resumed run would, and leaves out the others.
-- amor.run_cell is not filtered: it runs the one cell the script asks for.
-- When the script has ended, a value no cell of the run had, or keys no
-- cell had all of, is an error naming the values the run's cells had.
local ONLY = I.only
local only_seen, only_hit = {}, {}   -- key -> {value = true}; key -> {index = true}
local only_cells, only_selected = 0, 0

local function selected(ud)
  if #ONLY == 0 then return true end
  local all = true
  only_cells = only_cells + 1
  for _, f in ipairs(ONLY) do
    local v, hit = I.value(ud, f.key), false
    only_seen[f.key], only_hit[f.key] = only_seen[f.key] or {}, only_hit[f.key] or {}
    if v ~= nil then
      only_seen[f.key][v] = true
      for i, want in ipairs(f.values) do
        if f.kind == "param" then want = I.param_text(ud, f.key, want) end
        if want == v then hit, only_hit[f.key][i] = true, true end
      end
    end
    all = all and hit
  end
  if all then only_selected = only_selected + 1 end
  return all
end

-- numbers in numeric order, before other text
local function value_order(a, b)
  local x, y = tonumber(a), tonumber(b)
  if x and y and x ~= y then return x < y end
  if (x ~= nil) ~= (y ~= nil) then return x ~= nil end
  return a < b
end

local function check_only()
  if #ONLY == 0 then return end
  local all = {}
  for _, f in ipairs(ONLY) do
    for _, t in ipairs(f.texts) do all[#all + 1] = "--only " .. f.key .. "=" .. t end
  end
  if only_cells == 0 then
    error(table.concat(all, " ") .. ": the run has no experiment{} cell to select from " ..
          "(amor.run_cell is not filtered)", 0)
  end
  for _, f in ipairs(ONLY) do
    for i, t in ipairs(f.texts) do
      if not only_hit[f.key][i] then
        local have = {}
        for v in pairs(only_seen[f.key]) do have[#have + 1] = v end
        table.sort(have, value_order)
        error(string.format("--only %s=%s: no experiment{} cell of the run has %s %s (%s)", f.key,
                            t, f.key, t, #have > 0 and "its cells have: " .. table.concat(have, ", ")
                            or "no cell has a " .. f.key), 0)
      end
    end
  end
  if only_selected == 0 then
    error(table.concat(all, " ") .. ": no experiment{} cell of the run has all of them", 0)
  end
end

-- train/eval/solver/limits of experiment{} and amor.run_cell: a table of
-- settings (each may be swept), or nil.  where: "experiment 'e'", "run_cell".
local function section(v, what, where)
  if v == nil then return {} end
  if type(v) ~= "table" or is_sweep(v) then
    fail(string.format("%s: '%s' must be a table of settings, got %s", where,
                       what, is_sweep(v) and "amor.sweep{...} (sweep the settings inside it)" or
                       type(v)))
  end
  return v
end

-- outside[i]: cells[i] is outside --only.
local function add_cell(cells, ids, cell, spec, skipped, outside)
  local ud, msg, incompatible = I.cell(cell)
  if not ud then fail(msg) end
  local inside = selected(ud)
  if incompatible and not spec.keep_incompatible then
    if inside then skipped[#skipped + 1] = I.id(ud) .. " (" .. incompatible .. ")" end
    return
  end
  local id = I.id(ud)
  if ids[id] then fail("experiment '" .. cell.experiment .. "': duplicate cell " .. id) end
  ids[id] = true
  cells[#cells + 1] = ud
  outside[#cells] = not inside
end

-- A host call that may fail (the output directory cannot be written, ...):
-- its error is one of the script's, at the script's line (through entry).
local function host(fn, ...)
  local res = table.pack(pcall(fn, ...))
  if not res[1] then fail(tostring(res[2])) end
  return table.unpack(res, 2, res.n)
end

-- ---- amor run --shard i/N ----------------------------------------------------
--
-- SHARD is {index =, count =} in a shard's run (script.c), else nil; the
-- script sees a copy as amor.shard.  The host runs only the cells whose key
-- falls in the shard (I.shard_of); every other cell's result is a table of
-- its own, so the script still gets one per cell, in order: status
-- "other_shard", no metrics -- what code that passes over a failed cell
-- already does.  amor merge runs the script again with every result.
local SHARD = I.shard
if SHARD then amor.shard = {index = SHARD.index, count = SHARD.count} end

local function elsewhere(ud, s)
  local _, key = I.shard_of(ud)
  return {cell = I.id(ud), key = key, status = "other_shard", shard = s,
          error = string.format("runs in shard %d/%d (amor merge combines the shards)", s,
                                SHARD.count)}
end

-- Submit every cell of the experiment at once, then collect: the host runs
-- them in worker processes (amor run -j N), writes each row as its cell
-- finishes (rows stay in this order) and returns the results in this order.
-- Of the cells outside --only, those the directory holds finished are
-- submitted too (the sweep takes them from the store), the others left out.
local function run_cells(name, all, skipped, outside)
  local cells, nout, kept = {}, 0, 0
  for i, ud in ipairs(all) do
    if outside[i] then nout = nout + 1 else cells[#cells + 1] = ud end
  end
  if #ONLY > 0 and #cells == 0 then -- nothing to run: the directory stays as it is
    if not I.quiet then
      io.write(string.format("experiment %s: no cell selected by --only (%d outside it); " ..
                             "nothing run\n", name, nout))
      io.flush()
    end
    return {}
  end
  if nout > 0 then
    cells = {}
    for i, ud in ipairs(all) do
      if not outside[i] then cells[#cells + 1] = ud
      elseif host(I.stored, ud) then cells[#cells + 1], kept = ud, kept + 1 end
    end
  end
  -- of a shard's cells, those of the others are not submitted: other[k] is
  -- cells[k]'s shard
  local submit, other, nother = cells, {}, 0
  if SHARD then
    submit = {}
    for k, ud in ipairs(cells) do
      local s = I.shard_of(ud)
      if s == SHARD.index then submit[#submit + 1] = ud else other[k], nother = s, nother + 1 end
    end
  end
  if not I.quiet then
    io.write(string.format("experiment %s: %d cell%s", name, #submit, #submit == 1 and "" or "s"))
    if SHARD then
      io.write(string.format(" of shard %d/%d (%d in other shards)", SHARD.index, SHARD.count,
                             nother))
    end
    if nout > 0 then
      io.write(string.format(" (%d outside --only: ", nout),
               kept > 0 and string.format("%d kept as stored, %d left out)", kept, nout - kept)
               or "left out)")
    end
    if #skipped > 0 then io.write(string.format(", %d skipped as incompatible", #skipped)) end
    io.write(" -> ", I.outdir(), "\n")
    for _, s in ipairs(skipped) do io.write("  skipped ", s, "\n") end
    io.flush()
  end
  if #cells == 0 then io.stderr:write("amor: warning: experiment '", name, "' has no cells to run\n") end
  local results = host(I.run_all, submit)
  I.finish(name, I.quiet)
  if not SHARD then return results end
  local all_results, j = {}, 0
  for k, ud in ipairs(cells) do
    if other[k] then all_results[k] = elsewhere(ud, other[k])
    else j = j + 1; all_results[k] = results[j] end
  end
  return all_results
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
  for _, f in ipairs{"override", "filter"} do
    if spec[f] ~= nil and type(spec[f]) ~= "function" then
      fail("experiment '" .. name .. "': '" .. f .. "' must be a function, got " .. type(spec[f]))
    end
  end
  if spec.keep_incompatible ~= nil and type(spec.keep_incompatible) ~= "boolean" then
    fail("experiment '" .. name .. "': 'keep_incompatible' must be true or false, got " ..
         type(spec.keep_incompatible))
  end
  local specs = {}
  for _, kind in ipairs{"problem", "model", "loss"} do
    local field = kind == "loss" and "losses" or kind .. "s"
    specs[kind] = plugin_specs(as_list(spec[field], field, name), field)
    apply_plugin_keys(kind, specs[kind], name)
  end
  local problems = plugin_variants(specs.problem, "problem")
  local models = plugin_variants(specs.model, "model")
  local losses = plugin_variants(specs.loss, "loss")
  local seeds = spec.seeds or {1}
  if type(seeds) == "number" then seeds = {seeds} end
  local why = list_fault(seeds)
  if why then
    fail("experiment '" .. name .. "': 'seeds' must be a seed or a list of seeds " ..
         "(non-negative integers), " .. why)
  end
  if #seeds == 0 then fail("experiment '" .. name .. "': 'seeds' is empty") end
  local sections = {}
  for _, sec in ipairs{"train", "eval", "solver", "limits"} do
    sections[sec] = expand(with_command_line(section(spec[sec], sec, "experiment '" .. name .. "'"),
                                             sec), sec .. ".",
                           "experiment '" .. name .. "': '" .. sec .. "'")
  end
  sections.eval = expand_eval_model(sections.eval, "experiment '" .. name .. "'")
  local trains, evals, solvers, limits = sections.train, sections.eval, sections.solver,
                                         sections.limits
  local cells, ids, skipped, outside = {}, {}, {}, {}
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
                  if spec.override then
                    local r = spec.override(cell)
                    if r ~= nil then
                      if type(r) ~= "table" then
                        fail("experiment '" .. name .. "': override must return nothing or " ..
                             "the cell, got " .. type(r))
                      end
                      cell = r
                    end
                  end
                  if not spec.filter or spec.filter(cell) then
                    add_cell(cells, ids, cell, spec, skipped, outside)
                  end
                end
              end
            end
          end
        end
      end
    end
  end
  first_act()
  return name, cells, skipped, outside
end

function amor.experiment(spec)
  local results = entry(run_cells, entry(build, spec))
  return results -- not a tail call: entry reports errors at the caller's line
end

-- amor.run_cell{problem=, model=, loss=, seed=, train=, eval=, solver=,
--               limits=, predict=, experiment="adhoc"}: one cell, now;
-- returns its metrics.
local function build_one(spec)
  if type(spec) ~= "table" then fail("run_cell expects a table") end
  local known = {experiment = 1, problem = 1, model = 1, loss = 1, seed = 1, train = 1,
                 eval = 1, solver = 1, limits = 1, predict = 1}
  for k in pairs(spec) do
    if not known[k] then
      fail("run_cell: unknown field '" .. tostring(k) .. "' (valid: experiment, problem, " ..
           "model, loss, seed, train, eval, solver, limits, predict)")
    end
  end
  local name = spec.experiment or "adhoc"
  if type(name) ~= "string" or not name:match("^[%w_%-]+$") then
    fail("run_cell: 'experiment' must be a string of letters, digits, '_' or '-'")
  end
  no_sweep_keys()
  local cell = {experiment = name, seed = spec.seed or 1, predict = spec.predict, swept = {}}
  for _, kind in ipairs{"problem", "model", "loss"} do
    cell[kind] = plugin_spec(spec[kind], kind)
    apply_plugin_keys(kind, {cell[kind]}, name)
  end
  for _, sec in ipairs{"train", "eval", "solver", "limits"} do
    cell[sec] = copy(with_command_line(section(spec[sec], sec, "run_cell"), sec))
  end
  -- one cell: a sweep would reach the host as a table where a value belongs
  for _, part in ipairs{"problem", "model", "loss", "train", "eval", "solver", "limits"} do
    local t, swept = cell[part].params or cell[part], {}
    for k, v in pairs(t) do
      if is_sweep(v) then swept[#swept + 1] = tostring(k) end
    end
    table.sort(swept)
    if swept[1] then
      fail("run_cell: " .. part .. "." .. swept[1] .. " is amor.sweep{...}, but run_cell runs " ..
           "one cell (sweep in experiment{}, or call run_cell once per value)")
    end
  end
  if type(cell.eval.model) == "table" and not is_sweep(cell.eval.model) then
    local swept = {}
    for k, v in pairs(cell.eval.model) do
      if is_sweep(v) then swept[#swept + 1] = tostring(k) end
    end
    table.sort(swept)
    if swept[1] then
      fail("run_cell: eval.model." .. swept[1] .. " is amor.sweep{...}, but run_cell runs " ..
           "one cell (sweep in experiment{}, or call run_cell once per value)")
    end
  end
  local ud, msg, incompatible = I.cell(cell)
  if not ud then fail(msg) end
  if incompatible then fail(incompatible) end
  first_act()
  return cell.experiment, ud
end

function amor.run_cell(spec)
  local name, ud = entry(build_one, spec)
  if SHARD then -- partitioned like experiment{}'s cells, by key
    local s = I.shard_of(ud)
    if s ~= SHARD.index then return elsewhere(ud, s) end
  end
  local r = entry(host, I.run, ud)
  I.finish(name, true)
  return r
end

experiment = amor.experiment

return function()
  check_settings()
  check_only()
end
