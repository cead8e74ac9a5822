#!/usr/bin/env perl
# End to end: eval.tolerances on the fixed-point problems.  An MLP trained
# by regression to y* (a few hundred steps on a fixed training set) on
# fixed_point, on enr with A fixed (context = b) and on enr as published
# (context = ab); the problems' own steps (Picard, proximal gradient) run
# from zero and from the predictions, plain and with Anderson(5).  Checks
# the tol_* columns, that every context converges, that the warm start saves
# iterations where the MLP can learn y*(x) in so few steps (fixed_point,
# enr context = b), and that Anderson saves proximal-gradient iterations on
# enr.  The counts are printed as diagnostics.  (Picard on fixed_point
# needs about 11 steps to 1e-5 from zero, so a prediction saves about one.)
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

my $d = tmpdir();
write_file("$d/fp.lua", <<'LUA');
experiment {
  name = "fp",
  problems = {{"fixed_point"}, {"enr", context = "b"}, {"enr"}},
  models = {{"mlp", hidden = {128}}},
  losses = {"regression"},
  seeds = {1},
  train = {steps = 500, batch = 64, lr = 3e-3, train_set = 512, eval_every = 250},
  eval = {contexts = 64, tolerances = {1e-3, 1e-5}, max_iterations = 30000},
  solver = {iterations = 0, methods = {"anderson"}},
}
LUA
my $r = amor("run", "$d/fp.lua", "--out", "$d/out", "--quiet");
is($r->{status}, 0, "the experiment runs") or diag($r->{err});

my ($h, $rows) = read_csv("$d/out/runs.csv");
is(scalar(grep { $_->{status} eq 'ok' } @$rows), 3, "3 cells, all ok");
my %cols = map { $_ => 1 } @$h;
my @want = map { my $t = $_; map { my $m = $_; map { "tol_${t}_$m${_}_iters_mean" } qw(cold warm) } '', 'anderson_' }
    '0.001', '1e-05';
is(scalar(grep { $cols{$_} } @want), scalar @want, "runs.csv has the tol_* columns (" . join(' ', @want[0, 1]) . " ...)");

my %row = map { (($_->{problem} . ($_->{'problem.context'} ? " context=$_->{'problem.context'}" : '')) => $_) } @$rows;
for my $p ('fixed_point', 'enr context=b', 'enr') {
    my $c = $row{$p} or next;
    for my $t ('0.001', '1e-05') {
        diag(sprintf("%-14s to %-6s  cold %8.2f  warm %8.2f  anderson cold %7.2f  warm %7.2f", $p, $t,
                     map { $c->{"tol_${t}_$_"} } qw(cold_iters_mean warm_iters_mean anderson_cold_iters_mean
                                                    anderson_warm_iters_mean)));
        is(join(',', map { $c->{"tol_${t}_${_}_unconverged"} } qw(cold warm anderson_cold anderson_warm)), '0,0,0,0',
           "$p: every context reaches $t, cold and warm, plain and with Anderson");
    }
}
for my $p ('fixed_point', 'enr context=b') {
    my $c = $row{$p} or next;
    for my $t ('0.001', '1e-05') {
        cmp_ok($c->{"tol_${t}_warm_iters_mean"}, '<', $c->{"tol_${t}_cold_iters_mean"},
               "$p: warm starts from the MLP reach $t in fewer iterations than cold");
    }
}
for my $p ('enr context=b', 'enr') {
    my $c = $row{$p} or next;
    cmp_ok($c->{'tol_1e-05_anderson_cold_iters_mean'}, '<', 0.5 * $c->{'tol_1e-05_cold_iters_mean'},
           "$p: Anderson(5) halves the proximal-gradient iterations to 1e-5 from zero");
}
done_testing();
