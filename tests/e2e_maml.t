#!/usr/bin/env perl
# MAML on the sinusoid problem (issue 14, first steps): unroll_gd with a
# learned constant start (init = constant), one inner step of 0.01 on the
# support MSE, trained on the query MSE (objective, on = validation).
# - Started at MAML's truncated-normal init (init_std = 0.01) the held-out
#   query MSE falls from about 4.2 to well below 2 in 2000 meta-steps;
# - started at all zeros (init_std = 0, the 1.0 default) it cannot: zero
#   weights are a stationary point of a ReLU MLP (only the output bias gets
#   a gradient), which is why init_std exists;
# - first-order MAML (grad = first_order) gives other numbers than second
#   order (grad = exact): the Hessian term is not zero on sinusoid.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

my $d = tmpdir();
write_file("$d/m.lua", <<'LUA');
experiment { name = "maml", problems = {{"sinusoid", shots = 5, queries = 10}},
  models = {{"unroll_gd", init = "constant", init_std = 0.01, steps = 1, step0 = 0.01, learn_steps = false,
             grad = amor.sweep{"exact", "first_order"}},
            {"unroll_gd", init = "constant", steps = 1, step0 = 0.01, learn_steps = false}},
  losses = {{"objective", on = "validation"}},
  train = {steps = 2000, batch = 25, lr = 1e-3, eval_every = 1000},
  eval = {contexts = 300, timing = 0}, solver = {iterations = 0} }
LUA
my $r = amor('run', "$d/m.lua", '--out', "$d/o", '--quiet');
is($r->{status}, 0, 'MAML cells on sinusoid run') or diag($r->{err});
my (undef, $rows) = read_csv("$d/o/runs.csv");
my ($so) = grep { ($_->{'model.grad'} // '') eq 'exact' } @$rows;
my ($fo) = grep { ($_->{'model.grad'} // '') eq 'first_order' } @$rows;
my ($zero) = grep { ($_->{'model.init_std'} // '') eq '' } @$rows;
ok($so && $fo && $zero, 'three cells: second order, first order, zero start');
ok($so->{initial_validation_mean} > 3, "untrained query MSE about A^2/2 ($so->{initial_validation_mean})");
ok($so->{validation_mean} < 2, "second-order MAML from init_std = 0.01: query MSE $so->{validation_mean} after 2000 meta-steps");
ok($fo->{validation_mean} < 2.5, "first-order MAML trains too ($fo->{validation_mean})");
isnt($so->{validation_mean}, $fo->{validation_mean}, 'first and second order differ');
ok($zero->{validation_mean} > 3.5,
   "from all-zero weights (a ReLU MLP's stationary point) it does not train ($zero->{validation_mean})");
is($so->{num_params}, 1761, 'theta0 has the learner\'s 1,761 weights');
done_testing();
