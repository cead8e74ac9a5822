#!/usr/bin/env perl
# End to end: scripts/unrolling.lua (quick) -- unroll_gd on a quadratic
# (ny = 32, cond 100) with grad = exact / first_order for K in {1, 2, 5} and
# truncated (window 5) for K in {5, 10}, plus the init network alone (mlp).
# Checks that every cell trains, that the model queries the oracle exactly K
# times per instance at evaluation (deterministic, unlike wall time, which
# no test measures), that exact unrolling lowers the held-out gap as K grows,
# that unrolling.md carries the runs' numbers, and that both figures (gap vs
# K, seconds per step vs K) and the automatic ones exist and rerun.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Cwd qw(getcwd);
use Time::HiRes qw(time);
use Test::More;

my $d = tmpdir();
my $out = "$d/out";
my $t0 = time;
my $r = amor("run", "scripts/unrolling.lua", "--set", "quick=true", "--out", $out);
diag(sprintf("unrolling quick run: %.1f s", time - $t0));
is($r->{status}, 0, "unrolling (quick) exits 0") or diag($r->{err});
like($r->{out}, qr/9 cells, 0 failed/, "9 cells, none failed");

my ($h, $rows) = read_csv("$out/runs.csv");
is(scalar @$rows, 9, "runs.csv: mlp + exact/first_order x {1,2,5} + truncated x {5,10}");
is(scalar(grep { $_->{status} eq 'ok' } @$rows), 9, "every cell ok");
ok((grep { $_ eq 'model.steps' } @$h) && (grep { $_ eq 'model.grad' } @$h),
   "runs.csv has model.steps and model.grad columns");

# the grid, by (grad, K)
my %by;
for my $row (@$rows) {
    my $key = $row->{model} eq 'mlp' ? 'mlp' : "$row->{'model.grad'}|$row->{'model.steps'}";
    $by{$key} = $row;
}
is_deeply([sort keys %by],
          [sort qw(mlp exact|1 exact|2 exact|5 first_order|1 first_order|2 first_order|5 truncated|5 truncated|10)],
          "cells: the mlp and each (grad, K) once");
is($by{'truncated|10'}{'model.window'}, 5, "truncated K = 10 uses window 5");
is($by{'truncated|5'}{'model.window'}, 5, "truncated K = 5 uses window 5 (= exact)");

# oracle calls per instance at evaluation = K (each step one value_grad)
for my $row (@$rows) {
    my $K = $row->{model} eq 'mlp' ? 0 : $row->{'model.steps'};
    is($row->{oracle_calls_per_instance}, $K, "$row->{cell}: oracle_calls_per_instance = $K");
}

# every model learned something
for my $row (@$rows) {
    ok($row->{gap_mean} > 0 && $row->{gap_mean} < $row->{initial_gap_mean},
       sprintf("%s: gap %.3g below the untrained %.3g", $row->{cell}, $row->{gap_mean}, $row->{initial_gap_mean}));
}

# exact unrolling: more steps, lower gap.  The 32 -> 16 -> 32 init cannot
# represent A^-1 (rank 32), so what the steps add shows: measured (300 steps)
# 0.56, 0.35, 0.097 for K = 1, 2, 5 and 1.9 for the init alone.
my @g = map { $by{"exact|$_"}{gap_mean} } 1, 2, 5;
ok($g[0] > $g[1] && $g[1] > $g[2], sprintf("exact: gap decreases with K: %.3g > %.3g > %.3g", @g));
ok($g[2] * 2 < $g[0], sprintf("exact: K = 5 at least halves the K = 1 gap (%.3g vs %.3g)", $g[2], $g[0]));
ok($g[0] < $by{mlp}{gap_mean}, sprintf("exact K = 1 (%.3g) beats the init network alone (%.3g)", $g[0], $by{mlp}{gap_mean}));
# truncation with W < K gives the init network no gradient: it stays at its
# random initialization and the model ends far behind exact K = 5
ok($by{'truncated|10'}{gap_mean} > 2 * $g[2],
   sprintf("truncated (W = 5 < K = 10) %.3g is worse than exact K = 5 %.3g", $by{'truncated|10'}{gap_mean}, $g[2]));

# ---- unrolling.md ----------------------------------------------------------------
my $md = do { local $/; open(my $fh, '<', "$out/unrolling.md") or die "unrolling.md: $!"; <$fh> };
for my $key (sort keys %by) {
    my $row = $by{$key};
    my ($mode, $K) = $key eq 'mlp' ? ('mlp alone', 0) : split /\|/, $key;
    my $label = $mode eq 'truncated' ? 'truncated (W = 5)' : $mode;
    my $want = sprintf("%.3g", $row->{gap_mean});
    like($md, qr/^\| \Q$label\E \| $K \| 1\/1 \| \Q$want\E ± 0 \| .* \| $K \| \d+ \|$/m,
         "unrolling.md: $label K = $K row with gap $want and $K oracle calls");
}

# ---- figures -------------------------------------------------------------------------
my @FIGS = qw(unrolling_gap unrolling_time unrolling_training_quadratic_dim_32_cond_100);
my $cwd = getcwd();
chdir $d or die;
for my $fig (@FIGS) {
    ok(-s "$out/$fig.gp" && -s "$out/$fig.png" && -s "$out/$fig.svg", "figure $fig: .gp, .png and .svg");
    unlink "$out/$fig.png", "$out/$fig.svg";
    my $rc = system("gnuplot $out/$fig.gp >$d/gp.err 2>&1");
    is($rc, 0, "gnuplot $fig.gp exits 0") or diag(`cat $d/gp.err`);
    ok(-s "$out/$fig.png" && -s "$out/$fig.svg", "$fig: the rerun rewrote the PNG and SVG");
}
chdir $cwd;
# the gap figure plots the runs' gaps: series 1 (exact) holds K = 1, 2, 5
my $gp = do { local $/; open(my $fh, '<', "$out/unrolling_gap.gp"); <$fh> } // '';
my ($s1) = $gp =~ /^\$s1 << EOD\n(.*?)^EOD/ms;
my %pt = map { split ' ' } grep { !/^#/ } split /\n/, $s1 // '';
is_deeply([sort { $a <=> $b } keys %pt], [1, 2, 5], "unrolling_gap: the exact series has K = 1, 2, 5");
ok(!grep({ !defined $pt{$_->[0]} || abs($pt{$_->[0]} - $_->[1]) > 1e-12 * $_->[1] } ([1, $g[0]], [2, $g[1]], [5, $g[2]])),
   "unrolling_gap: the exact series' points are runs.csv's gaps");
# the time figure: ms per step = 1000 train_seconds / train_steps (one seed)
my $tp = do { local $/; open(my $fh, '<', "$out/unrolling_time.gp"); <$fh> } // '';
my ($t1) = $tp =~ /^\$s1 << EOD\n(.*?)^EOD/ms;
my %tt = map { my @f = split ' '; ($f[0] => $f[1]) } grep { !/^#/ } split /\n/, $t1 // '';
ok(!grep({ my $row = $by{"exact|$_"}; !defined $tt{$_} || abs($tt{$_} - 1e3 * $row->{train_seconds} / $row->{train_steps}) > 1e-9 * $tt{$_} } 1, 2, 5),
   "unrolling_time: the exact series is 1000 train_seconds / train_steps at K = 1, 2, 5");

done_testing();
