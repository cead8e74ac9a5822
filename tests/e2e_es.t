#!/usr/bin/env perl
# End to end: train.estimator = "es" (evolution strategies on theta, values
# only: harness/train/es.c).  A linear model on a quadratic problem trains
# by ES with the regression and the objective loss down to the gaps plain
# backprop reaches (to within a small multiple, ES's estimate being noisy);
# the cell id and runs.csv name the estimator; an absent estimator is the
# same cell as "backprop"; bad values are refused naming the setting.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

my $d = tmpdir();
write_file("$d/es.lua", <<'LUA');
local r = experiment {
  name = "es",
  problems = {{"quadratic", dim = 4, cond = 10}},
  models = {"linear"},
  losses = {"regression", "objective"},
  train = {steps = 1500, batch = 64, lr = 1e-2, estimator = amor.sweep{"backprop", "es"},
           es_pairs = 16, es_sigma = 0.01, eval_every = 0},
  eval = {contexts = 256}, solver = {iterations = 0},
}
LUA
my $r = amor("run", "$d/es.lua", "--out", "$d/o", "-j", "2");
is($r->{status}, 0, "the ES grid runs") or diag($r->{err});
my ($h, $rows) = read_csv("$d/o/runs.csv");
my %c = map { ("$_->{loss}/$_->{'train.estimator'}" => $_) } @$rows;
is(scalar(keys %c), 4, "four cells: {regression, objective} x {backprop, es}");
like($c{'regression/es'}{cell}, qr{/train\.estimator=es$}, "the cell id names the estimator");
for my $loss (qw(regression objective)) {
    my ($bp, $es) = ($c{"$loss/backprop"}, $c{"$loss/es"});
    is($es->{status}, 'ok', "$loss, es: ok");
    cmp_ok($es->{gap_mean}, '<', 1e-4 * $es->{initial_gap_mean},
           "$loss, es: the gap falls by four orders ($es->{initial_gap_mean} -> $es->{gap_mean})");
    cmp_ok($bp->{gap_mean}, '<', $es->{gap_mean} + 1e-12,
           "$loss: backprop's exact gradient ends at least as low ($bp->{gap_mean})");
}

# an absent estimator is backprop: the same cell key
write_file("$d/bp.lua", <<'LUA');
experiment { name = "es", problems = {{"quadratic", dim = 4, cond = 10}}, models = {"linear"},
  losses = {"regression"}, train = {steps = 10, batch = 8, estimator = amor.sweep{"backprop"}},
  eval = {contexts = 16}, solver = {iterations = 0} }
LUA
write_file("$d/none.lua", <<'LUA');
experiment { name = "es", problems = {{"quadratic", dim = 4, cond = 10}}, models = {"linear"},
  losses = {"regression"}, train = {steps = 10, batch = 8},
  eval = {contexts = 16}, solver = {iterations = 0} }
LUA
amor("run", "$d/bp.lua", "--out", "$d/bp");
amor("run", "$d/none.lua", "--out", "$d/none");
my (undef, $rb) = read_csv("$d/bp/runs.csv");
my (undef, $rn) = read_csv("$d/none/runs.csv");
is($rb->[0]{key}, $rn->[0]{key}, "estimator = \"backprop\" is the same cell as no estimator");

# bad values
for my $case (['estimator = "adjoint"', qr/train setting 'estimator' must be backprop or es, got string "adjoint"/],
              ['estimator = "es", es_pairs = 0', qr/es_pairs/],
              ['estimator = "es", es_sigma = 0', qr/es_sigma/]) {
    my ($set, $want) = @$case;
    write_file("$d/bad.lua", <<"LUA");
experiment { name = "bad", problems = {"quadratic"}, models = {"linear"}, losses = {"regression"},
  train = {steps = 10, $set}, solver = {iterations = 0} }
LUA
    my $b = amor("run", "$d/bad.lua", "--out", "$d/bad");
    isnt($b->{status}, 0, "$set: refused");
    like($b->{err}, $want, "$set: the message names the setting") or diag($b->{err});
    like($b->{err}, qr/bad\.lua:1:/, "$set: at the script's line") or diag($b->{err});
}
done_testing();
