#!/usr/bin/env perl
# ABI 1.1 in the host, on the fixture fx_private (tests/fixtures/fx_private.c),
# whose numbers are known in closed form: context x = (a, b) with b private
# task data (nx_model = d), f = |y - a - b|^2 / 2, validation |y - a|^2 / 2,
# b ~ N(0, 0.5^2) in the train split and N(0, 2^2) in the held-out split.
# - models are created with the visible width (a linear model has d(d + 1)
#   parameters, not 2d(d + 1)) and get only a: the best a linear model can do
#   is y = a, whose held-out gap is E|b|^2 / 2 = 2 d -- with the train split's
#   b it would be 0.125 d, so this also shows the held-out set is drawn from
#   the held-out split;
# - a semi-amortized model's oracle calls reach whole contexts: one gradient
#   step of size 1 lands on y* = a + b (gap 0);
# - a model calling the oracle with rows it was not given is refused;
# - cells whose problem lacks a capability the model declares (needs_for or
#   needs) are refused before training, naming it.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

my $d = tmpdir();
my $fx = "$BUILD/fixtures/fx_private.so";

write_file("$d/p.lua", <<"LUA");
experiment { name = "priv", problems = {{"$fx", dim = 2}},
  models = {{"linear", init_scale = 0}, {"unroll_gd", init = "mlp", hidden = {}, steps = 1, step0 = 1, learn_steps = false}},
  losses = {"regression"},
  train = {steps = 600, batch = 64, lr = 1e-2}, eval = {contexts = 2000, timing = 0},
  solver = {iterations = 0} }
LUA
my $r = amor('run', "$d/p.lua", '--out', "$d/p", '--quiet');
is($r->{status}, 0, 'a grid on a problem with private task data runs') or diag($r->{err}, $r->{out});
my (undef, $rows) = read_csv("$d/p/runs.csv");
my %by = map { ($_->{model} => $_) } @$rows;
is($by{linear}{status}, 'ok', 'linear: ok') or diag($by{linear}{error});
is($by{linear}{num_params}, 6, 'linear is created with the visible width: 2 x 2 + 2 = 6 parameters (not 10)');
# held-out b ~ N(0, 4 I_2): E|b|^2 / 2 = 4, the mean of 2000 draws within 0.4
# (its standard error is 0.09)
my $g = $by{linear}{gap_mean};
ok(abs($g - 4) < 0.4, "linear sees only a: its held-out gap is E|b|^2/2 = 4 of the held-out split ($g)");
is($by{unroll_gd}{status}, 'ok', 'unroll_gd: ok') or diag($by{unroll_gd}{error});
ok($by{unroll_gd}{gap_mean} < 1e-12,
   "one step of size 1 through the oracle reaches y* = a + b: the oracle maps to whole contexts (gap $by{unroll_gd}{gap_mean})");
is($by{unroll_gd}{oracle_calls_per_instance}, 1, 'unroll_gd: one oracle call per instance');

# ---- the same with train.threads = 2: each shard's oracle maps its own rows ---------------
write_file("$d/t.lua", <<"LUA");
experiment { name = "privt", problems = {{"$fx", dim = 2}},
  models = {{"unroll_gd", init = "mlp", hidden = {}, steps = 1, step0 = 1, learn_steps = false}},
  losses = {"regression"}, train = {steps = 50, batch = 256, threads = 2},
  eval = {contexts = 512, timing = 0}, solver = {iterations = 0} }
LUA
$r = amor('run', "$d/t.lua", '--out', "$d/t", '--quiet');
is($r->{status}, 0, 'two threads, two shards of 128 training and 256 held-out rows') or diag($r->{err});
(undef, $rows) = read_csv("$d/t/runs.csv");
ok($rows->[0]{gap_mean} < 1e-12, "... every shard's oracle reaches whole contexts (gap $rows->[0]{gap_mean})");

# ---- a validation objective that overflows at the final evaluation ------------------
write_file("$d/v.lua", <<"LUA");
experiment { name = "vinf", problems = {{"$fx", dim = 2, valid_scale = 1e308}},
  models = {{"linear", init_scale = 0}}, losses = {"regression"},
  train = {steps = 0}, eval = {contexts = 16, timing = 0}, solver = {iterations = 0} }
LUA
$r = amor('run', "$d/v.lua", '--out', "$d/v", '--quiet');
is($r->{status}, 1, 'an overflowing validation objective: exit 1');
(undef, $rows) = read_csv("$d/v/runs.csv");
is($rows->[0]{status}, 'diverged', '... the cell is diverged, not ok');
like($rows->[0]{error},
     qr/^non-finite held-out validation_mean at the final evaluation: inf; \d+ of 16 held-out validation objectives are not finite$/,
     '... naming the metric, its value and how many contexts');

# ---- the problem's solver through a model's oracle: solver_steps ---------------------------
# fx_private's method is y <- y - (y - y*)/2 from y = 0: after K steps the gap
# is 4^-K times the gap at y = 0, for every context alike
write_file("$d/s.lua", <<"LUA");
experiment { name = "ss", problems = {{"$fx", dim = 2}},
  models = {{"solver_steps", steps = 0}, {"solver_steps", steps = 1}, {"solver_steps", steps = 10}},
  losses = {"objective"}, train = {steps = 0}, eval = {contexts = 500, timing = 0}, solver = {iterations = 0} }
LUA
$r = amor('run', "$d/s.lua", '--out', "$d/s", '--quiet');
is($r->{status}, 0, 'solver_steps on fx_private: exit 0') or diag($r->{err});
(undef, $rows) = read_csv("$d/s/runs.csv");
my %g = map { ($_->{'model.steps'} => $_) } @$rows;
is($g{0}{num_params}, 0, 'solver_steps has no parameters');
for my $K (1, 10) {
    my $want = $g{0}{gap_mean} / 4**$K;
    ok(abs($g{$K}{gap_mean} - $want) <= 1e-12 * $g{0}{gap_mean},
       "K = $K steps of the problem's method: gap = gap(K = 0) / 4^$K ($g{$K}{gap_mean} vs $want)");
    is($g{$K}{oracle_calls_per_instance}, $K, "... $K solver steps per instance counted as oracle calls");
}

# ---- a model that calls the oracle with its own copy of x --------------------------
write_file("$d/c.lua", <<"LUA");
experiment { name = "copy", problems = {{"$fx", dim = 2}}, models = {"$fx"},
  losses = {"objective"}, train = {steps = 1}, eval = {contexts = 8, timing = 0}, solver = {iterations = 0} }
LUA
$r = amor('run', "$d/c.lua", '--out', "$d/c", '--quiet');
is($r->{status}, 1, 'a model calling the oracle with a copy of its contexts: exit 1');
(undef, $rows) = read_csv("$d/c/runs.csv");
is($rows->[0]{error},
   'initial evaluation: a model called the oracle with contexts that are not rows of the x it was '
   . 'given (the problem keeps private task data: the host maps the model\'s rows back to whole contexts)',
   '... refused with the rule it broke');

# ---- capabilities declared by models are checked before training ------------------------
# fx_copycat declares through needs_for what its parameter `need` names
write_file("$d/n.lua", <<"LUA");
experiment { name = "needs", problems = {{"quadratic", dim = 4}},
  models = {{"$fx", need = "dictionary"}},
  losses = {"objective"}, train = {steps = 1}, eval = {contexts = 8, timing = 0},
  solver = {iterations = 0} }
LUA
$r = amor('run', "$d/n.lua", '--out', "$d/n");
like($r->{out}, qr/0 cells, 1 skipped as incompatible/, 'a model needing what the problem lacks: the cell is skipped');
like($r->{out}, qr/skipped quadratic\(dim=4\)\/fx_copycat\(need=dictionary\)\/objective\/seed=1 \(model 'fx_copycat' \(fx_copycat\(need=dictionary\)\) needs the sparse-coding dictionary \(dictionary\), which problem 'quadratic' does not provide/,
     '... before training, naming the capability (dictionary)');
ok(!-e "$d/n/runs.csv", '... no cell ran');
write_file("$d/n2.lua", <<"LUA");
experiment { name = "needs", problems = {{"quadratic", dim = 4}},
  models = {{"$fx", need = "solver"}},
  losses = {"objective"}, train = {steps = 1}, eval = {contexts = 8, timing = 0},
  solver = {iterations = 0} }
LUA
$r = amor('run', "$d/n2.lua", '--out', "$d/n2");
like($r->{out}, qr/model 'fx_copycat' \(fx_copycat\(need=solver\)\) needs the problem's own solver \(state_dim, solver_init, solver_step, residual\), which problem 'quadratic' does not provide/,
     '... (its own solver)');
write_file("$d/n3.lua", <<"LUA");
experiment { name = "needs", problems = {{"$fx", dim = 2}},
  models = {{"$fx", need = "solver"}},
  losses = {"objective"}, train = {steps = 1}, eval = {contexts = 8, timing = 0},
  solver = {iterations = 0} }
LUA
$r = amor('run', "$d/n3.lua", '--out', "$d/n3");
unlike($r->{out}, qr/does not provide/, '... and accepted on a problem that has it');
like($r->{out}, qr/1 cell, 1 failed/, '... (where it runs, and breaks the oracle rule)');
# a loss needing two capabilities the problem lacks: each named, in the words
# amor check uses
write_file("$d/n4.lua", <<"LUA");
experiment { name = "needs", problems = {{"quadratic", dim = 4}}, models = {"linear"},
  losses = {{"objective", on = "validation"}}, train = {steps = 1},
  eval = {contexts = 8, timing = 0}, solver = {iterations = 0} }
LUA
$r = amor('run', "$d/n4.lua", '--out', "$d/n4");
like($r->{out}, qr/\(loss 'objective' needs the validation objective \(valid_value\); the validation objective's gradient \(valid_value_grad\), which problem 'quadratic' does not provide\)/,
     '... a loss missing two: both named');

done_testing();
