#!/usr/bin/env perl
# End to end: the learned fixed-point accelerators neural_fp and hyper_aa
# trained with regression_sum on lasso (ISTA, its solver step as the map),
# against plain ISTA at the same K (solver_steps).  After 600 training steps
# each model's K-th iterate is closer to y* than K ISTA steps from zero, and
# ISTA warm-started from it needs fewer iterations to the residual tolerance
# than from the K-th ISTA iterate.  Every cell makes exactly K solver steps
# per instance at evaluation.  Deterministic (one seed, one thread).
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

my $d = tmpdir();
my $K = 5;
write_file("$d/accel.lua", <<"LUA");
local P = {"lasso", nx = 16, ny = 32, lambda = 0.1, sparsity = 0.1, noise = 0.01, method = "ista"}
experiment {
  name = "accel",
  problems = {P},
  models = {{"neural_fp", steps = $K, hidden = 32, init_hidden = {64}, delta_scale = 0.1},
            {"hyper_aa", steps = $K, memory = 3, init_hidden = {64}},
            {"solver_steps", steps = $K}},
  losses = {{"regression_sum", weights = "uniform"}},
  seeds = {1},
  train = {steps = 600, batch = 64, lr = 1e-3, eval_every = 200},
  eval = {contexts = 256, tolerances = {1e-3}, max_iterations = 3000},
  solver = {iterations = 0},
}
LUA
my $out = "$d/out";
my $r = amor("run", "$d/accel.lua", "--out", $out, "--quiet");
is($r->{status}, 0, "accel.lua exits 0") or diag($r->{err});
my ($h, $rows) = read_csv("$out/runs.csv");
my %by = map { ($_->{model} => $_) } @$rows;
is_deeply([sort keys %by], [qw(hyper_aa neural_fp solver_steps)], "one cell per model");
is(scalar(grep { $_->{status} eq 'ok' } @$rows), 3, "every cell ok");
for my $m (sort keys %by) {
    is($by{$m}{oracle_calls_per_instance}, $K, "$m: $K solver steps per instance at evaluation");
}
my $ista = $by{solver_steps};
# measured: distance 0.715 (neural_fp), 0.759 (hyper_aa), 0.836 (ISTA); warm
# iterations to 1e-3: 124.2, 127.8, 129.9 (cold 134.6)
for my $m (qw(neural_fp hyper_aa)) {
    my $row = $by{$m};
    cmp_ok($row->{distance_mean}, '<', 0.95 * $ista->{distance_mean},
           sprintf("%s: held-out |y^%d - y*|^2 %.4g below 0.95 x plain ISTA's after %d steps (%.4g)",
                   $m, $K, $row->{distance_mean}, $K, $ista->{distance_mean}));
    cmp_ok($row->{'tol_0.001_warm_iters_mean'}, '<', $ista->{'tol_0.001_warm_iters_mean'},
           sprintf("%s: ISTA from its y^%d reaches residual 1e-3 in fewer iterations (%.1f) than "
                   . "from ISTA's y^%d (%.1f)", $m, $K, $row->{'tol_0.001_warm_iters_mean'}, $K,
                   $ista->{'tol_0.001_warm_iters_mean'}));
    is($row->{'tol_0.001_warm_unconverged'}, 0, "$m: every warm start converges");
}
done_testing();
