#!/usr/bin/env perl
# The fields of the tables experiment{} and amor.run_cell return are the
# ones docs/scripting.md lists ("What experiment{} returns"): a script runs a
# cell that has every field (y*, a checkpoint, both baselines reaching the
# model, predict, eval.track, eval.iterates) and prints every field's path (nested tables
# as a.b, baseline names as <method>); the test compares both ways, so a
# field added to the code without the docs, or documented but never
# returned, fails here.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

# --- the documented fields ----------------------------------------------------------
my $doc = read_file('docs/scripting.md');
my ($section) = $doc =~ /^## What experiment\{\} returns\n(.*?)(?=^## )/ms;
ok(defined $section, 'docs/scripting.md has a section "What experiment{} returns"');
my @documented = ($section // '') =~ /^\| `([^`]+)` \|/mg;
my %doc = map { $_ => 1 } @documented;
ok(@documented >= 20, scalar(@documented) . " fields documented");
is(scalar(keys %doc), scalar(@documented), "each field documented once");

# --- the returned fields --------------------------------------------------------------
my $d = tmpdir();
write_file("$d/fields.lua", <<"LUA");
-- every path of a result table: nested tables with named fields as a.b,
-- lists (rows, curves) as one field
local function walk(t, prefix, out)
  for k, v in pairs(t) do
    local name = prefix .. tostring(k)
    if type(v) == "table" and #v == 0 and next(v) ~= nil then walk(v, name .. ".", out)
    else out[name] = true end
  end
end
-- the baselines' names as <method>: adam_speedup_budget -> <method>_speedup_budget
local function generic(paths, r)
  local out = {}
  for p in pairs(paths) do
    for m in pairs(r.solver or {}) do
      p = p:gsub("^" .. m .. "_", "<method>_"):gsub("^solver%." .. m .. "%.", "solver.<method>.")
    end
    out[p] = true
  end
  return out
end
local function print_fields(tag, results)
  local all = {}
  for _, r in ipairs(results) do
    local paths = {}
    walk(r, "", paths)
    for p in pairs(generic(paths, r)) do all[p] = true end
  end
  local list = {}
  for p in pairs(all) do list[#list + 1] = p end
  table.sort(list)
  for _, p in ipairs(list) do print(tag .. "=" .. p) end
end

-- a cell with every field: a problem with y*, a checkpoint, a model trained
-- for 5 steps that both baselines overtake, predict, eval.track and
-- eval.iterates
local res = experiment {
  name = "fields",
  problems = {{"quadratic", dim = 2}},
  models = {"linear"},
  losses = {"regression"},
  train = {steps = 5, batch = 8, eval_every = 5, save_model = true},
  eval = {contexts = 8, track = 2, iterates = {0}},
  solver = {iterations = 300, methods = {"adam", "gd"}, adam_lr = 0.1, gd_lr = 0.1},
  predict = {{1, 0}, {0, 1}},
}
print("STATUS=" .. res[1].status)
-- and a cell on a problem with a validation objective and a solver of its
-- own (fixture fx_private), with eval.tolerances and Anderson
local res2 = experiment {
  name = "fields11",
  problems = {{"$BUILD/fixtures/fx_private.so", dim = 2}},
  models = {"linear"},
  losses = {"regression"},
  train = {steps = 5, batch = 8},
  eval = {contexts = 8, tolerances = {1e-2, 1e-4}, max_iterations = 50},
  solver = {iterations = 0, methods = {"anderson"}},
}
print("STATUS2=" .. res2[1].status)
for _, r in ipairs(res2) do res[#res + 1] = r end
print_fields("FIELD", res)
-- amor.run_cell: a failing cell and a plain one, same kind of table
local bad = amor.run_cell{problem = {"vae", data_dir = "/nonexistent"}, model = "linear",
                          loss = "objective", train = {steps = 5}}
local plain = amor.run_cell{problem = {"rosenbrock"}, model = "linear", loss = "objective",
                            train = {steps = 5}, eval = {contexts = 8}, solver = {iterations = 0}}
print("BAD=" .. bad.status)
print_fields("RUN_CELL", {bad, plain})
LUA
my $r = amor("run", "$d/fields.lua", "--out", "$d/out", "-j", "1");
is($r->{status}, 1, "the script runs (exit 1: one cell fails on purpose)") or diag($r->{err});
like($r->{out}, qr/^STATUS=ok$/m, "the cell with every field is ok");
like($r->{out}, qr/^STATUS2=ok$/m, "the cell with the ABI 1.1 fields is ok");
like($r->{out}, qr/^BAD=error$/m, "the failing run_cell cell is an error");
my @returned = $r->{out} =~ /^FIELD=(\S+)$/mg;
my @run_cell = $r->{out} =~ /^RUN_CELL=(\S+)$/mg;
my %ret = map { $_ => 1 } @returned;

my @undocumented = grep { !$doc{$_} } sort(@returned, @run_cell);
my @not_returned = grep { !$ret{$_} } @documented;
is_deeply(\@undocumented, [], "every returned field is documented")
    or diag("returned but not in docs/scripting.md: @undocumented");
is_deeply(\@not_returned, [], "every documented field is returned by the cell that has them all")
    or diag("documented but not returned: @not_returned");
ok(scalar(@run_cell) >= 7, "amor.run_cell returns such tables too (" . scalar(@run_cell) . " fields)");

done_testing();
