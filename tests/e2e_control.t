#!/usr/bin/env perl
# End to end: scripts/control.lua --set quick=true (the tutorial's §7.1
# comparison of amortized policies with Adam from zero actions) runs, its
# policies come within 5 % of the expert (normalized per state: expert 0,
# zero action -1, clamped at 0), the normalized values and speedups it
# reports agree with control_states.csv, runs.csv and solver.csv recomputed
# here, the batch-mean variant (--set normalize=batch) with its own
# formula, y* is the best objective found, and every figure exists and
# re-renders with gnuplot.
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

# --- the reported numbers agree with runs.csv, solver.csv, control_states.csv ---------
my ($sth, $st) = read_csv("$d/c/control_states.csv");
is(scalar @$st, 2000, "control_states.csv: 1000 states per problem");
my %adam; # cell -> [iteration-ordered rows]
push @{$adam{$_->{cell}}}, $_ for grep { $_->{solver} eq 'adam' } @$srows;
sub mean_sd {
    my @v = @_;
    my $m = 0; $m += $_ / @v for @v;
    my $s = 0; $s += ($_ - $m) ** 2 for @v;
    return ($m, sqrt($s / (@v - 1)));
}
# the tutorial's per-state normalization, from the per-state values
sub state_norm {
    my ($f, $e, $z) = @_;
    my @n;
    for my $i (0 .. $#$f) {
        my $d = $z->[$i] - $e->[$i];
        next unless $d > 0;
        my $v = ($e->[$i] - $f->[$i]) / $d;
        push @n, $v > 0 ? 0 : $v;
    }
    return mean_sd(@n);
}
for my $prob ('control_lqr', 'control_mpc') {
    my @cells = grep { $_->{problem} eq $prob } @$runs;
    my @rows = map { $adam{$_->{cell}} } @cells;
    is(scalar(grep { $_ && @$_ == 501 } @rows), scalar @cells, "$prob: solver.csv has Adam's 501 rows (iterations 0..500) per cell");
    next unless @cells && $rows[0];
    my @s = grep { $_->{problem} eq $prob } @$st;
    my %col = map { my $k = $_; ($k => [map { $_->{$k} } @s]) } qw(zero expert objective regression adam_final);
    # Adam per state (the script's rerun on its own 1000 states) and the
    # host's Adam (its held-out states): two samples of the same
    # distribution agree within 5 standard errors, at zero and at 500
    for my $pair (['zero', 0], ['adam_final', -1]) {
        my ($m, $sd) = mean_sd(@{$col{$pair->[0]}});
        my $h = $rows[0][$pair->[1]];
        my $se = sqrt(($sd ** 2 + $h->{objective_std} ** 2) / 1000);
        ok(abs($m - $h->{objective_mean}) <= 5 * $se,
           sprintf("%s: per-state %s mean %.4g agrees with the host's Adam at iteration %d (%.4g, 5 se = %.2g)",
                   $prob, $pair->[0], $m, $h->{iteration}, $h->{objective_mean}, 5 * $se));
    }
    is_deeply($col{expert}, $col{objective}, "$prob: the expert is the DPG (objective) policy");
    for my $c (@cells) {
        my $k = "$prob/$c->{loss}";
        my ($want, $wsd) = state_norm($col{$c->{loss}}, $col{expert}, $col{zero});
        ok(abs($ctl{$k}{normalized} - $want) <= 1e-9 && abs($ctl{$k}{normalized_std} - $wsd) <= 1e-9,
           "$k: normalized value $ctl{$k}{normalized} ± $ctl{$k}{normalized_std} = the per-state mean ± std from control_states.csv ($want ± $wsd)");
        ok($ctl{$k}{normalized} <= 0, "$k: clamped at 0: never above the expert");
        my ($af) = state_norm($col{adam_final}, $col{expert}, $col{zero});
        ok(abs($ctl{$k}{adam_final_normalized} - $af) <= 1e-9, "$k: Adam after 500, normalized per state ($af)");
        for my $f (qw(adam_speedup_to_within_delta adam_iters_to_within_delta adam_speedup_budget)) {
            if ($c->{$f} ne '') {
                ok(abs($ctl{$k}{$f} - $c->{$f}) <= 1e-9 * $c->{$f}, "$k: $f in control.csv equals runs.csv's ($c->{$f})");
            } else {
                is($ctl{$k}{$f}, '', "$k: $f empty in both files");
            }
        }
        ok($c->{adam_speedup_budget} > 1, "$k: the policy is faster than 500 Adam iterations ($c->{adam_speedup_budget}x)");
        ok($c->{adam_speedup_to_within_delta} eq '' || $c->{adam_speedup_to_within_delta} <= $c->{adam_speedup_budget},
           "$k: speedup to within delta <= the whole budget's");
        my $it = $ctl{$k}{adam_iters_to_within_delta_state};
        if ($it ne '') {
            my $sec = $adam{$c->{cell}}[$it]{seconds};
            ok(abs($ctl{$k}{adam_speedup_to_within_delta_state} - $sec / ($c->{infer_seconds} * 1000)) <= 1e-9 * $ctl{$k}{adam_speedup_to_within_delta_state},
               "$k: per-state speedup = the host's Adam seconds at iteration $it / the policy's batch time");
        }
        # y*: the LQR's closed form, the MPC's Newton solve -- nothing found beats it
        ok($c->{optimal_objective_mean} <= $c->{objective_mean} + 1e-9 * abs($c->{objective_mean})
           && $c->{optimal_objective_mean} <= $rows[0][-1]{objective_mean} + 1e-9 * abs($rows[0][-1]{objective_mean}),
           "$k: f(y*) ($c->{optimal_objective_mean}) is no worse than the policy ($c->{objective_mean}) and Adam's 500 iterations ($rows[0][-1]{objective_mean})");
    }
}

like(read_file("$d/c/control-model-free-iter.gp"), qr/value normalized per state \(expert 0, zero action -1, clamped at 0\)/,
     "the figure's axis says which normalization");

# --- the batch-mean variant (the same cells, resumed) -------------------------------
my $rb = amor("run", "scripts/control.lua", "--set", "quick=true", "--set", "normalize=batch", "--out", "$d/c");
is($rb->{status}, 0, "normalize=batch exits 0") or diag($rb->{err});
like($rb->{out}, qr/resumed 3 of 3 cells/, "it resumes the same three cells");
my (undef, $ctlb) = read_csv("$d/c/control.csv");
my %ctlb = map { ("$_->{problem}/$_->{loss}") => $_ } @$ctlb;
for my $prob ('control_lqr', 'control_mpc') {
    my @cells = grep { $_->{problem} eq $prob } @$runs;
    my $rows = $adam{$cells[0]{cell}};
    my $f0 = $rows->[0]{objective_mean};
    my $best = $rows->[-1]{objective_mean};
    for my $c (@cells) { $best = $c->{objective_mean} if $c->{objective_mean} < $best }
    for my $c (@cells) {
        my $k = "$prob/$c->{loss}";
        my $want = ($best - $c->{objective_mean}) / ($f0 - $best);
        is($ctlb{$k}{normalize}, 'batch', "$k: normalize = batch");
        ok(abs($ctlb{$k}{normalized} - $want) <= 1e-9 * (1 + abs($want)),
           "$k: batch-mean normalized value ($ctlb{$k}{normalized}) = (best - f) / (f(0) - best) from runs.csv and solver.csv ($want)");
    }
}
$rb = amor("run", "scripts/control.lua", "--set", "quick=true", "--set", "normalize=mean", "--out", "$d/c");
isnt($rb->{status}, 0, "normalize=mean is refused");
like($rb->{err}, qr/--set normalize must be state or batch, got 'mean'/, "... naming the two choices");
like(read_file("$d/c/control-model-free-iter.gp"), qr/value normalized on batch means \(zero action -1, best 0\)/,
     "the batch run's figure says which normalization");

$rb = amor("run", "scripts/control.lua", "--set", "quick=true", "--set", "calibration=tuned", "--out", "$d/c");
isnt($rb->{status}, 0, "calibration=tuned is refused");
like($rb->{err}, qr/--set calibration must be tutorial or untuned, got 'tuned'/, "... naming the two choices");

# --- the calibrations, stated where a user reads parameters ------------------------------
like(amor("describe", "control_lqr")->{out},
     qr/calibrated: 3 was tuned so that Adam\s+from zero actions \(lr 5e-3\) progresses as in the tutorial's control figure, 1 is\s+unscaled/,
     "control_lqr's describe text: b_scale 3 is a calibration, 1 unscaled");
like(amor("describe", "control_mpc")->{out},
     qr/calibrated: 40 was tuned so that Adam\s+from zero actions \(lr 5e-3\) progresses as in the tutorial's model-based figure, 1 is\s+unscaled/,
     "control_mpc's describe text: gain 40 is a calibration, 1 unscaled");

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
