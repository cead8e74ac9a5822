#!/usr/bin/env perl
# End to end: iterations to tolerance on the qp problem (OSQP's ADMM with
# adaptive rho) with a small MLP trained by regression on y*: the cell runs,
# runs.csv has the tol_1e-3 columns, and the warm start from the MLP's
# prediction needs no more ADMM iterations on average than the cold start.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

my $d = tmpdir();
write_file("$d/qp.lua", <<'LUA');
experiment {
  name = "qp",
  problems = {{"qp", n = 10}},
  models = {{"mlp", hidden = {64}}},
  losses = {"regression"},
  seeds = {1},
  train = {steps = 200, batch = 16, lr = 3e-3},
  eval = {contexts = 64, tolerances = {1e-3}, max_iterations = 3000},
  solver = {iterations = 0},
}
LUA
my $r = amor("run", "$d/qp.lua", "--out", "$d/out", "--quiet");
is($r->{status}, 0, "the qp cell runs") or diag($r->{err});
my ($h, $rows) = read_csv("$d/out/runs.csv");
is(scalar @$rows, 1, "one cell");
my $c = $rows->[0];
is($c->{status}, 'ok', "status ok") or diag($c->{note});
my @cols = map { "tol_0.001_$_" } qw(cold_iters_mean cold_iters_median cold_unconverged
                                     warm_iters_mean warm_iters_median warm_unconverged ratio);
for my $col (@cols) {
    ok(defined $c->{$col} && $c->{$col} =~ /^[0-9.eE+-]+$/, "runs.csv: $col is a number ("
       . ($c->{$col} // 'missing') . ")");
}
cmp_ok($c->{'tol_0.001_cold_iters_mean'}, '>', 50,
       "the cold start takes OSQP-like iteration counts to 1e-3 ($c->{'tol_0.001_cold_iters_mean'})");
cmp_ok($c->{'tol_0.001_warm_iters_mean'}, '<=', $c->{'tol_0.001_cold_iters_mean'},
       "warm start from the MLP: no more iterations than cold ($c->{'tol_0.001_warm_iters_mean'} <= "
       . "$c->{'tol_0.001_cold_iters_mean'})");
done_testing();
