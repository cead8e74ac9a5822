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
# like every cell: -j 2 gives the same numbers as -j 1, and train.threads = 2
# (two shards of a meta-batch of 128 tasks, each shard's oracle mapping its
# own rows) trains too
$r = amor('run', "$d/m.lua", '--out', "$d/j2", '--quiet', '-j', '2');
is($r->{status}, 0, '-j 2 runs') or diag($r->{err});
my (undef, $rows2) = read_csv("$d/j2/runs.csv");
my %v1 = map { ($_->{cell} => $_->{validation_mean}) } @$rows;
my %v2 = map { ($_->{cell} => $_->{validation_mean}) } @$rows2;
is_deeply(\%v2, \%v1, '-j 2: the same query MSE for every cell, bit for bit');
write_file("$d/t.lua", <<'LUA');
experiment { name = "mamlt", problems = {{"sinusoid", shots = 5, queries = 10}},
  models = {{"unroll_gd", init = "constant", init_std = 0.01, steps = 1, step0 = 0.01, learn_steps = false}},
  losses = {{"objective", on = "validation"}},
  train = {steps = 1000, batch = 128, lr = 2e-3, threads = 2},
  eval = {contexts = 256, timing = 0}, solver = {iterations = 0} }
LUA
$r = amor('run', "$d/t.lua", '--out', "$d/t", '--quiet');
is($r->{status}, 0, 'train.threads = 2 runs') or diag($r->{err});
my (undef, $rt) = read_csv("$d/t/runs.csv");
ok($rt->[0]{status} eq 'ok' && $rt->[0]{validation_mean} < 0.75 * $rt->[0]{initial_validation_mean},
   "train.threads = 2: MAML trains ($rt->[0]{initial_validation_mean} -> $rt->[0]{validation_mean} in 1000 meta-steps)");
# the HyperNetwork: an mlp from the 10 support numbers (all it sees) to the
# 1,761 weights, trained on the query MSE
write_file("$d/h.lua", <<'LUA');
experiment { name = "hyper", problems = {{"sinusoid", shots = 5, queries = 10}},
  models = {{"mlp", hidden = {64, 64}}}, losses = {{"objective", on = "validation"}},
  train = {steps = 1000, batch = 25, lr = 1e-3}, eval = {contexts = 300, timing = 0},
  solver = {iterations = 0} }
LUA
$r = amor('run', "$d/h.lua", '--out', "$d/h", '--quiet');
is($r->{status}, 0, 'HyperNetwork cell runs') or diag($r->{err});
my (undef, $rh) = read_csv("$d/h/runs.csv");
is($rh->[0]{num_params}, 10 * 64 + 64 + 64 * 64 + 64 + 64 * 1761 + 1761,
   'HyperNetwork: 10 visible inputs -> 64 -> 64 -> 1,761 weights');
ok($rh->[0]{validation_mean} < 0.5 * $rh->[0]{initial_validation_mean},
   "HyperNetwork trains on the query MSE ($rh->[0]{initial_validation_mean} -> $rh->[0]{validation_mean})");
# memory: implicit MAML's peak resident set does not grow with the inner
# steps (2 iterates, a workspace of a few vectors), exact unrolling's does
# (every step's iterate and gradient, K + 1 iterates); peak_rss_mib is the
# worker's getrusage peak.  25 tasks of 1,761 weights: a step of exact
# unrolling keeps 3 x 25 x 1761 doubles, about 1 MiB.
write_file("$d/mem.lua", <<'LUA');
experiment { name = "mem", problems = {{"sinusoid", shots = 5, queries = 5}},
  models = {{"unroll_gd", init = "constant", init_std = 0.01, learn_steps = false, step0 = 0.01,
             lambda = 1, steps = amor.sweep{5, 100}, grad = amor.sweep{"implicit", "exact"}}},
  losses = {{"objective", on = "validation"}},
  train = {steps = 2, batch = 25, eval_every = 2}, eval = {contexts = 25, timing = 0},
  solver = {iterations = 0} }
LUA
$r = amor('run', "$d/mem.lua", '--out', "$d/mem", '--quiet');
is($r->{status}, 0, 'memory cells run') or diag($r->{err});
my (undef, $rm) = read_csv("$d/mem/runs.csv");
my %rss = map { ("$_->{'model.grad'}/$_->{'model.steps'}" => $_->{peak_rss_mib}) } @$rm;
ok((grep { defined $_ && $_ =~ /^[0-9.]+$/ && $_ > 1 } values %rss) == 4, 'peak_rss_mib is filled for every cell')
    or diag(explain(\%rss));
ok($rss{'exact/100'} - $rss{'exact/5'} > 60,
   "exact unrolling: peak memory grows with K ($rss{'exact/5'} MiB at 5 steps, $rss{'exact/100'} at 100)");
ok(abs($rss{'implicit/100'} - $rss{'implicit/5'}) < 8,
   "implicit MAML: flat in K ($rss{'implicit/5'} MiB at 5 steps, $rss{'implicit/100'} at 100)");
done_testing();
