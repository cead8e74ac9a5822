#!/usr/bin/env perl
# End to end: scripts/warmstart.lua (quick) -- a fully-amortized MLP
# fine-tuned by K gradient steps at inference (warmstart, K in {0, 1, 5, 10})
# vs unroll_gd trained through K = 5 steps (fixed and learned step sizes), on
# a quadratic (ny = 32, cond 100) and Rosenbrock.  Checks that every cell
# trains, that each model queries the oracle exactly K times per instance,
# that the inference-time steps lower warmstart's quadratic gap below its
# K = 0 gap, that training through the steps beats steps added afterwards,
# that warmstart.md carries the runs' numbers and that the figures rerun.
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
my $r = amor("run", "scripts/warmstart.lua", "--set", "quick=true", "--out", $out);
diag(sprintf("warmstart quick run: %.1f s", time - $t0));
is($r->{status}, 0, "warmstart (quick) exits 0") or diag($r->{err});
like($r->{out}, qr/12 cells, 0 failed/, "12 cells, none failed");

my ($h, $rows) = read_csv("$out/runs.csv");
is(scalar @$rows, 12, "runs.csv: 2 problems x (warmstart K = 0, 1, 5, 10 + unroll_gd fixed/learned K = 5)");
is(scalar(grep { $_->{status} eq 'ok' } @$rows), 12, "every cell ok");

my %by; # problem|variant|K
for my $row (@$rows) {
    my $v = $row->{model} eq 'warmstart' ? 'warmstart'
          : $row->{'model.learn_steps'} eq 'true' ? 'learned' : 'fixed';
    $by{"$row->{problem}|$v|$row->{'model.steps'}"} = $row;
}
my @want = map { my $p = $_; ((map { "$p|warmstart|$_" } 0, 1, 5, 10), "$p|fixed|5", "$p|learned|5") }
           qw(quadratic rosenbrock);
is_deeply([sort keys %by], [sort @want], "cells: each (problem, variant, K) once");

# both models take exactly K oracle calls per instance at inference
for my $row (@$rows) {
    is($row->{oracle_calls_per_instance}, $row->{'model.steps'},
       "$row->{cell}: oracle_calls_per_instance = K = $row->{'model.steps'}");
}
# same network and step size on both sides of the comparison
for my $p (qw(quadratic rosenbrock)) {
    my ($w, $u) = ($by{"$p|warmstart|5"}, $by{"$p|fixed|5"});
    is($w->{'model.hidden'}, $u->{'model.hidden'}, "$p: warmstart and unroll_gd share hidden = $w->{'model.hidden'}");
    is($w->{'model.step_size'}, $u->{'model.step0'}, "$p: warmstart step_size = unroll_gd step0 = $w->{'model.step_size'}");
}

# warmstart on the quadratic: steps of 1/L = 0.01 (L = cond = 100) decrease
# f(.; x) for every instance; the K = 0 and K > 0 cells hold different
# networks (each cell's initialization is drawn from all its parameters), and
# after the quick run's 800 training steps their gaps differ by up to ~20%
# (K = 0 0.694 and K = 1 0.814 once warmstart gained the parameter `refine`,
# which moved every cell's seed), about what one step removes from the stiff
# directions alone; five and ten steps remove far more (0.388, 0.25), so only
# those are compared with the K = 0 network.  (No such check on Rosenbrock:
# 0.005-sized steps move less than the networks differ.)
my $g0 = $by{'quadratic|warmstart|0'}{gap_mean};
for my $K (5, 10) {
    my $g = $by{"quadratic|warmstart|$K"}{gap_mean};
    ok($g < $g0, sprintf("quadratic: warmstart K = %d gap %.3g below its K = 0 gap %.3g", $K, $g, $g0));
}
# on one and the same network (the K = 0 cell's, through train.init_from and
# no further training), f decreases along steps of 1/L on the convex
# quadratic, so the gap decreases strictly with K
my $wd = "$d/same";
write_file("$d/same.lua", <<"LUA");
local spec = {"quadratic", dim = 32, cond = 100}
local base = amor.run_cell{problem = spec, model = {"warmstart", hidden = {16}, steps = 0, step_size = 0.01},
                           loss = "objective", train = {steps = 300, batch = 128, lr = 2e-3, save_model = true},
                           eval = {contexts = 256}, solver = {iterations = 0}}
for _, K in ipairs{0, 1, 5, 10} do
  local r = amor.run_cell{problem = spec, model = {"warmstart", hidden = {16}, steps = K, step_size = 0.01},
                          loss = "objective", train = {steps = 0, init_from = base.checkpoint},
                          eval = {contexts = 256}, solver = {iterations = 0}}
  print(string.format("GAP %d %.17g", K, r.gap_mean))
end
LUA
my $rs = amor("run", "$d/same.lua", "--out", $wd, "--quiet");
is($rs->{status}, 0, "warmstart K = 0, 1, 5, 10 on one saved network") or diag($rs->{err});
my %gs = $rs->{out} =~ /^GAP (\d+) (\S+)$/mg;
ok(defined $gs{10} && $gs{0} > $gs{1} && $gs{1} > $gs{5} && $gs{5} > $gs{10},
   sprintf("quadratic, one network: warmstart gap decreases with K: %.3g > %.3g > %.3g > %.3g",
           map { $gs{$_} // 'nan' } 0, 1, 5, 10));
# training through the steps (with learned step sizes) beats adding them at
# inference: measured 0.040 vs 0.40 (quick) and 0.013 vs 0.050 (full, 3 seeds)
ok($by{'quadratic|learned|5'}{gap_mean} * 2 < $by{'quadratic|warmstart|5'}{gap_mean},
   sprintf("quadratic, K = 5: unroll_gd (learned steps) %.3g is >= 2x below warmstart %.3g",
           $by{'quadratic|learned|5'}{gap_mean}, $by{'quadratic|warmstart|5'}{gap_mean}));
for my $row (@$rows) {
    ok($row->{gap_mean} > 0 && $row->{gap_mean} < $row->{initial_gap_mean},
       sprintf("%s: gap %.3g below the untrained %s", $row->{cell}, $row->{gap_mean}, $row->{initial_gap_mean}));
}

# ---- warmstart.md --------------------------------------------------------------------
my $md = do { local $/; open(my $fh, '<', "$out/warmstart.md") or die "warmstart.md: $!"; <$fh> };
for my $key (sort keys %by) {
    my ($p, $v, $K) = split /\|/, $key;
    my $label = $v eq 'warmstart' ? 'warmstart' : "unroll_gd $v";
    my $gap = sprintf("%.3g", $by{$key}{gap_mean});
    like($md, qr/^\| \Q$p\E \| \Q$label\E \| $K \| [^|]+ \| 1\/1 \| \Q$gap\E ± 0 \| .* \| $K \|$/m,
         "warmstart.md: $p $label K = $K, gap $gap, $K oracle calls");
}

# ---- figures ----------------------------------------------------------------------------
my @FIGS = qw(warmstart_gap warmstart_training_quadratic_dim_32_cond_100 warmstart_training_rosenbrock);
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

done_testing();
