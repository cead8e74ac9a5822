#!/usr/bin/env perl
# End to end: scripts/fixed_points.lua (quick) -- fixed_point and enr with plain
# iteration, Anderson(5), a learned initializer, neural_fp and hyper_aa.  Checks
# that every cell runs; the table's counts are runs.csv's (learned accelerators
# counted as K + the plain map's iterations); the shape known from the methods:
# Anderson(5) cuts enr's iterations several-fold, the learned init saves plain
# iterations on both problems; and the 1-D figure's fixed points: 0 attracting
# (g'(0) = -2 + 0.9 * 1.1^2 = -0.911) and the two symmetric ones repelling, each
# a root of g(y) - y.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

my $d = tmpdir();
my $out = "$d/out";
my $r = amor("run", "scripts/fixed_points.lua", "--set", "quick=true", "--out", $out);
is($r->{status}, 0, "fixed_points (quick) exits 0") or diag($r->{err});
like($r->{out}, qr/10 cells, 0 failed/, "10 cells, none failed");

my ($h, $rows) = read_csv("$out/runs.csv");
is(scalar(grep { $_->{status} eq 'ok' } @$rows), 10, "every cell ok");
my %mlp = map { ($_->{problem} => $_) } grep { $_->{model} eq 'mlp' } @$rows;
my $md = read_file("$out/fixed_points.md");
for my $p (qw(fixed_point enr)) {
    my $m = $mlp{$p};
    cmp_ok($m->{'tol_1e-05_warm_iters_mean'}, '<', $m->{'tol_1e-05_cold_iters_mean'},
           "$p: the learned init saves plain iterations to 1e-5 "
           . "($m->{'tol_1e-05_cold_iters_mean'} -> $m->{'tol_1e-05_warm_iters_mean'})");
}
cmp_ok($mlp{enr}{'tol_1e-05_anderson_cold_iters_mean'}, '<', $mlp{enr}{'tol_1e-05_cold_iters_mean'} / 4,
       "enr: Anderson(5) needs under a quarter of the plain iterations to 1e-5");
like($md, qr/^\| plain, from zero \| \Q@{[sprintf "%.1f", $mlp{enr}{'tol_0.001_cold_iters_mean'}]}\E \(/m,
     "fixed_points.md: the plain cold count is runs.csv's");
my ($nfp) = grep { $_->{problem} eq 'enr' && $_->{model} eq 'neural_fp' && $_->{cell} !~ /init=zero/ } @$rows;
like($md, qr/^\| neural_fp \(K = 5\), from its learned init \| [\d.]+ \([\d.]+\) \| \Q@{[sprintf "%.1f", 5 + $nfp->{'tol_1e-05_warm_iters_mean'}]}\E \(/m,
     "fixed_points.md: neural_fp's count is K + the map's from y^K");

my @fp = $md =~ /^\| (-?\d\.\d{12}) \| (-?\d+\.\d+) \| (attracting|repelling) \|$/mg;
is(scalar @fp, 9, "three fixed points of the 1-D map in [-5, 5]");
ok(abs($fp[3]) < 1e-12 && $fp[4] == -0.911 && $fp[5] eq 'attracting', "y = 0: g'(0) = -0.911, attracting");
ok(abs($fp[0] + $fp[6]) < 1e-10 && $fp[2] eq 'repelling' && $fp[8] eq 'repelling',
   "the symmetric pair +-$fp[6] is repelling");
my $y = $fp[6];
my $gy = -2 * sin($y) + 0.9 * $y * (1 + 0.1 * cos($y))**2;
ok(abs($gy - $y) < 1e-10, "g($y) = $y: a fixed point, computed here");
ok(-s "$out/fp.png", "fp.png written");
my @res = glob("$out/fixed_points_residual_*.png");
cmp_ok(scalar @res, '>=', 1, "the host's residual figures");
done_testing();
