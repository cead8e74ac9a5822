#!/usr/bin/env perl
# End to end: scripts/control.lua --set quick=true (the tutorial's §7.1
# comparison of amortized policies with Adam from zero actions) runs, its
# policies come within 5 % of the best value (normalized: zero action -1,
# best of Adam after 500 iterations and the policies 0), the numbers it
# reports agree with runs.csv and solver.csv recomputed here, y* is the best
# objective found, and every figure exists and re-renders with gnuplot.
# Also scripts/sizes.lua's table.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;
use Time::HiRes qw(time);

my $d = tmpdir();
my $t0 = time();
my $r = amor("run", "scripts/control.lua", "--set", "quick=true", "--out", "$d/c");
my $secs = time() - $t0;
is($r->{status}, 0, "control.lua (quick) exits 0") or diag($r->{err});
diag(sprintf("control.lua quick run: %.1f s wall", $secs));
like($r->{out}, qr/3 cells, 0 failed/, "three cells (LQR: BC and DPG; MPC: objective), none failed");
like($r->{out}, qr/^\| control_lqr \| behavioural cloning/m, "the comparison table is printed");

my ($rh, $runs) = read_csv("$d/c/runs.csv");
is(scalar @$runs, 3, "runs.csv: three rows");
my %run = map { (($_->{problem} // '') . '/' . ($_->{loss} // '')) => $_ } @$runs;
my ($sh, $srows) = read_csv("$d/c/solver.csv");
my ($ch, $ctl) = read_csv("$d/c/control.csv");
is(scalar @$ctl, 3, "control.csv: one row per policy");
my %ctl = map { ("$_->{problem}/$_->{loss}") => $_ } @$ctl;

# --- the thresholds ------------------------------------------------------------
# LQR (the brief): both policies within 5 % of the best, relative to the zero
# action.  MPC: the same -0.05.  Adam itself needs about 260 of its 500
# iterations to get there (-0.053 at 250, -0.041 at 300 in the quick run), so
# a policy above it saves over 250 gradient steps per state; the quick policy
# is at 0.000 (it beats Adam's 500 iterations), a margin that BLAS rounding
# differences between machines cannot use up.
for my $k ('control_lqr/regression', 'control_lqr/objective', 'control_mpc/objective') {
    my $c = $ctl{$k};
    ok($c && $c->{normalized} > -0.05, sprintf("%s: normalized value %s > -0.05", $k, $c ? $c->{normalized} : 'missing'));
}

# --- the reported numbers agree with runs.csv and solver.csv ------------------------
my %adam; # cell -> [iteration-ordered rows]
push @{$adam{$_->{cell}}}, $_ for grep { $_->{solver} eq 'adam' } @$srows;
for my $prob ('control_lqr', 'control_mpc') {
    my @cells = grep { $_->{problem} eq $prob } @$runs;
    my @rows = map { $adam{$_->{cell}} } @cells;
    is(scalar(grep { $_ && @$_ == 501 } @rows), scalar @cells, "$prob: solver.csv has Adam's 501 rows (iterations 0..500) per cell");
    next unless @cells && $rows[0];
    my $f0 = $rows[0][0]{objective_mean};
    my $best = $rows[0][-1]{objective_mean};
    for my $c (@cells) { $best = $c->{objective_mean} if $c->{objective_mean} < $best }
    for my $c (@cells) {
        my $k = "$prob/$c->{loss}";
        my $want = ($best - $c->{objective_mean}) / ($f0 - $best);
        ok(abs($ctl{$k}{normalized} - $want) <= 1e-9 * (1 + abs($want)),
           "$k: control.csv's normalized value ($ctl{$k}{normalized}) = (best - f) / (f(0) - best) from runs.csv and solver.csv ($want)");
        if ($c->{adam_speedup_to_within_delta} ne '') {
            ok(abs($ctl{$k}{adam_speedup} - $c->{adam_speedup_to_within_delta}) <= 1e-9 * $c->{adam_speedup_to_within_delta},
               "$k: adam_speedup in control.csv equals runs.csv's ($c->{adam_speedup_to_within_delta})");
        } else {
            is($ctl{$k}{adam_speedup}, '', "$k: Adam never matched the policy: no adam_speedup in either file");
        }
        ok($ctl{$k}{tutorial_speedup} > 1, "$k: the policy is faster than 500 Adam iterations ($ctl{$k}{tutorial_speedup}x)");
        # y*: the LQR's closed form, the MPC's Newton solve -- nothing found beats it
        ok($c->{optimal_objective_mean} <= $c->{objective_mean} + 1e-9 * abs($c->{objective_mean})
           && $c->{optimal_objective_mean} <= $rows[0][-1]{objective_mean} + 1e-9 * abs($rows[0][-1]{objective_mean}),
           "$k: f(y*) ($c->{optimal_objective_mean}) is no worse than the policy ($c->{objective_mean}) and Adam's 500 iterations ($rows[0][-1]{objective_mean})");
    }
}

# --- control.md and the figures ---------------------------------------------------------
ok(-s "$d/c/control.md", "control.md written");
for my $stem (qw(control-model-free-iter control-model-free-time control-model-based-iter control-model-based-time)) {
    ok(-s "$d/c/$stem.gp" && -s "$d/c/$stem.png" && -s "$d/c/$stem.svg", "figure $stem: .gp, .png and .svg");
    unlink "$d/c/$stem.png";
    my $rc = system("gnuplot", "$d/c/$stem.gp");
    is($rc, 0, "gnuplot $stem.gp exits 0");
    ok(-s "$d/c/$stem.png", "gnuplot $stem.gp regenerates the PNG");
}

# --- sizes.lua ------------------------------------------------------------------------
$r = amor("run", "scripts/sizes.lua", "--out", "$d/s");
is($r->{status}, 0, "sizes.lua exits 0") or diag($r->{err});
my (undef, $sz) = read_csv("$d/s/sizes.csv");
my %sz = map { $_->{problem} => $_ } @$sz;
is(scalar @$sz, 4, "sizes.csv: the tutorial's four settings");
is(join(",", map { $_->{tutorial_x} . "->" . $_->{tutorial_y} } @$sz), "784->20,45->17,45->51,16->3",
   "the tutorial's dimensions");
is("$sz{control_lqr}{ours_x}->$sz{control_lqr}{ours_y}", "45->17", "control_lqr: 45 -> 17");
is("$sz{control_mpc}{ours_x}->$sz{control_mpc}{ours_y}", "44->51", "control_mpc: 44 -> 51");
like($r->{out}, qr/\| Model-free control \| 45 .*\| 45 \| 17 \|/, "the table is printed");
ok(-s "$d/s/sizes.md", "sizes.md written");

done_testing();
