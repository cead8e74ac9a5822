#!/usr/bin/env perl
# What `amor run --set key=value` does with each kind of key (the keys it
# refuses are in tests/bad/set_*.lua): train.*/eval.*/solver.*/limits.*
# replace a setting in every cell, a sweep of it included; problem.P,
# model.P, loss.P set a parameter of every plugin that declares it; a key
# without '.' is the script's, read through amor.setting or amor.settings.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

my $d = tmpdir();
write_file("$d/grid.lua", <<'LUA');
local tag = amor.settings.tag or "none" -- read through the table, not amor.setting
print("TAG=" .. tostring(tag))
print("STEPS=" .. tostring(amor.setting("train.steps")) .. " " .. math.type(amor.setting("train.steps") or 0))
experiment { name = "g", problems = {{"quadratic", dim = amor.sweep{2, 4}}},
  models = {"linear", {"mlp", hidden = amor.sweep{{4}, {6}}}}, losses = {"objective"},
  train = {steps = 3, eval_every = 0, lr = amor.sweep{1e-3, 2e-3}}, eval = {contexts = 4, timing = 0},
  solver = {iterations = 4, log_every = 2},
  override = function(cell) print("LR=" .. cell.train.lr .. " " .. cell.model.name) end }
LUA

my $r = amor('run', "$d/grid.lua", '--out', "$d/a", '--quiet', '--set', 'model.hidden=8',
             '--set', 'train.lr=0.5', '--set', 'problem.dim=3', '--set', 'solver.methods=adam',
             '--set', 'train.steps=5', '--set', 'tag=x');
is($r->{status}, 0, "--set of settings, parameters and a plain key runs") or diag($r->{err});
my ($h, $rows) = read_csv("$d/a/runs.csv");
is_deeply([map { $_->{cell} } @$rows],
          ['quadratic(dim=3)/linear/objective/seed=1', 'quadratic(dim=3)/mlp(hidden=8)/objective/seed=1'],
          "problem.dim and model.hidden replace their sweeps (one cell each), train.lr its sweep");
is($rows->[1]{'model.hidden'}, '8', "runs.csv: model.hidden = 8");
# mlp with one hidden layer of 8 on nx = ny = 3: (3 * 8 + 8) + (8 * 3 + 3)
is($rows->[1]{num_params}, 59, "the mlp has the parameter count of hidden = {8} on dim 3");
is($rows->[0]{num_params}, 12, "the linear model (no 'hidden') is left as it was: 3 * 3 + 3");
is_deeply([map { $_->{train_steps} } @$rows], [5, 5], "train.steps = 5 in every cell");
like($r->{out}, qr/^LR=0\.5 linear$/m, "train.lr = 0.5 is what override sees");
unlike($r->{out}, qr/^LR=0\.00/m, "... and no cell keeps the script's swept values");
like($r->{out}, qr/^STEPS=5 integer$/m, "amor.setting('train.steps') is the number 5");
like($r->{out}, qr/^TAG=x$/m, "a plain key read through amor.settings[key] counts as read");
my (undef, $solver) = read_csv("$d/a/solver.csv");
my %methods = map { $_->{solver} => 1 } @$solver;
is_deeply([sort keys %methods], ['adam'], "solver.methods=adam: only Adam's baseline");

# a plain key read only inside override (called before any cell runs)
write_file("$d/late.lua", <<'LUA');
experiment { name = "late", problems = {{"quadratic", dim = 2}}, models = {"mlp"},
  losses = {"objective"}, train = {steps = 2}, eval = {contexts = 4}, solver = {iterations = 0},
  override = function(cell) cell.model.params.hidden = {amor.setting("width", 5)} end }
LUA
$r = amor('run', "$d/late.lua", '--out', "$d/b", '--quiet', '--set', 'width=7');
is($r->{status}, 0, "a key the script reads in override is accepted") or diag($r->{err});
(undef, $rows) = read_csv("$d/b/runs.csv");
is($rows->[0]{'model.hidden'}, '7', "... and used");

# train.init_from is text: a cell key of 16 decimal digits stays a key (it
# once became the number 123456789012345)
$r = amor('run', "$d/late.lua", '--out', "$d/c", '--quiet', '--set', 'width=7',
          '--set', 'train.init_from=0123456789012345');
like($r->{err}, qr/^amor: \Q$d\E\/late\.lua:1: train\.init_from: checkpoint \Q$d\E\/c\/models\/0123456789012345\.amor: cannot read/,
     "--set train.init_from=<16 digits> names the checkpoint file of that key");

# a model parameter in amor.run_cell
write_file("$d/one.lua", <<'LUA');
local r = amor.run_cell { problem = {"quadratic", dim = 2}, model = {"mlp", hidden = {4}},
  loss = "objective", train = {steps = 2}, eval = {contexts = 4}, solver = {iterations = 0} }
print(string.format("PARAMS=%d", r.num_params))
LUA
$r = amor('run', "$d/one.lua", '--out', "$d/d", '--quiet', '--set', 'model.hidden=3,3');
is($r->{status}, 0, "--set model.hidden=3,3 with amor.run_cell") or diag($r->{err});
# (2 * 3 + 3) + (3 * 3 + 3) + (3 * 2 + 2)
like($r->{out}, qr/^PARAMS=29$/m, "... gives the mlp two hidden layers of 3");

# every bundled script takes --set quick=true, the one that is always quick too
$r = amor('run', 'scripts/sizes.lua', '--out', "$d/s", '--set', 'quick=true');
is($r->{status}, 0, "scripts/sizes.lua takes --set quick=true") or diag($r->{err});

done_testing();
