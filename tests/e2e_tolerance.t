#!/usr/bin/env perl
# End to end: eval.tolerances and Anderson acceleration on a problem whose
# iteration counts are known in closed form (tests/fixtures/solver/
# fs_contraction.c: y <- diag(0.5, -0.8) y + shift x, residual
# max_i (1 - a_i) |y_i - y*_i|, cold start y0 = x).  The model is `linear`
# with init_scale = 0 and no training: it predicts 0, which is y* exactly
# when shift = 0 (a perfect prediction) and a start at distance y* when
# shift = 1.  The runs.csv counts are checked against the closed form
# k-th residual max_i (1 - a_i) |a_i|^k |y0_i - y*_i| for every held-out
# context (its x from tracks.csv), contexts that do not converge within the
# budget are counted at it, solver.csv's residual rows are the closed form's
# means, the figure is drawn and redrawn from the CSVs alone, the result
# resumes, and a problem without a solver step is refused.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Cwd qw(abs_path);
use List::Util qw(max sum);
use Test::More;

my $d = tmpdir();
my $fx = abs_path("$BUILD/fixtures/solver");
ok(defined $fx && -f "$fx/fs_contraction.so", "the fixture problems are built ($BUILD/fixtures/solver/fs_contraction.so)")
    or BAIL_OUT("no fixture");
$ENV{AMOR_PLUGIN_PATH} = $fx;

my @a = (0.5, -0.8);
my $N = 12;
my $BUDGET = 40;
my @TOL = (1e-2, 1e-6);

write_file("$d/tol.lua", <<"LUA");
experiment {
  name = "tol",
  problems = {{"fs_contraction", shift = 1}, {"fs_contraction", shift = 0}},
  models = {{"linear", init_scale = 0}},
  losses = {"regression"},
  seeds = {1, 2},
  train = {steps = 0},
  eval = {contexts = $N, track = $N, max_iterations = $BUDGET},
  solver = {iterations = 0, methods = {"anderson"}, log_every = 1},
}
LUA
my $out = "$d/out";
# the tolerances as --set text: converted like a list in the script
my $r = amor("run", "$d/tol.lua", "--out", $out, "--quiet", "--set", "eval.tolerances=1e-6,0.01");
is($r->{status}, 0, "the grid runs") or diag($r->{err});

my ($h, $rows) = read_csv("$out/runs.csv");
is(scalar @$rows, 4, "4 cells (2 problems x 2 seeds)");
is(scalar(grep { $_->{status} eq 'ok' } @$rows), 4, "all ok");

# ---- the columns ---------------------------------------------------------------
my @stat = qw(iters_mean iters_median unconverged seconds_mean);
my @want_cols = ('tol_cold_iter_seconds', 'tol_warm_iter_seconds', 'tol_anderson_cold_iter_seconds',
                 'tol_anderson_warm_iter_seconds');
for my $t ('0.01', '1e-06') {    # %g, the loosest first whatever order they were given in
    for my $m ('', 'anderson_') {
        push @want_cols, map({ my $s = $_; map { "tol_${t}_$m${s}_$_" } @stat } qw(cold warm)),
            "tol_${t}_${m}ratio", "tol_${t}_${m}ratio_median";
    }
}
my @tolcols = grep { /^tol_/ } @$h;
is_deeply(\@tolcols, \@want_cols, "runs.csv: the tol_* columns, in order (" . scalar(@want_cols) . ")");
my ($first_tol) = grep { $h->[$_] =~ /^tol_/ } 0 .. $#$h;
is($h->[$first_tol - 1], 'checkpoint', "... right after the fixed columns");
like(join(',', @$h), qr/,initial_gap_mean,validation_mean,validation_std,initial_validation_mean,final_train_loss,/,
     "runs.csv has the validation columns");
is(join('', map { $_->{validation_mean} . $_->{initial_validation_mean} } @$rows), '',
   "... empty for a problem without a validation objective");

# ---- the held-out contexts, and the closed form ------------------------------------
my (undef, $tr) = read_csv("$out/tracks.csv");
my %x;    # cell -> [context][i]
for my $t (@$tr) {
    next unless $t->{var} eq 'x' && $t->{step} eq '';
    $x{ $t->{cell} }[ $t->{context} ][ $t->{index} ] = $t->{value};
}

# residual after k steps from y0 toward y*, per context
sub resid_k {
    my ($y0, $ys, $k) = @_;
    return max(map { (1 - $a[$_]) * abs($a[$_])**$k * abs($y0->[$_] - $ys->[$_]) } 0, 1);
}
sub count_to {    # first k with residual < tol, or undef within the budget
    my ($y0, $ys, $tol) = @_;
    for my $k (0 .. $BUDGET) { return $k if resid_k($y0, $ys, $k) < $tol }
    return undef;
}
sub median {
    my @v = sort { $a <=> $b } @_;
    return @v % 2 ? $v[$#v / 2] : ($v[@v / 2 - 1] + $v[@v / 2]) / 2;
}
sub close_to {
    my ($got, $want, $what) = @_;
    my $ok = defined $got && $got ne '' && abs($got - $want) <= 1e-12 * (1 + abs($want));
    ok($ok, $what) or diag("got " . ($got // 'undef') . ", want $want");
}

my $saw_unconverged = 0;
for my $row (@$rows) {
    my $cell = $row->{cell};
    my ($shift) = $cell =~ /shift=(\d+)/;
    my $xs = $x{$cell};
    is(scalar @{ $xs || [] }, $N, "$cell: tracks.csv holds its $N held-out contexts");
    my (%cnt, %unc);
    for my $c (0 .. $N - 1) {
        my @x = @{ $xs->[$c] };
        my @ys = map { $shift * $x[$_] / (1 - $a[$_]) } 0, 1;
        my %y0 = (cold => \@x, warm => [0, 0]);
        for my $t (@TOL) {
            for my $s (qw(cold warm)) {
                my $k = count_to($y0{$s}, \@ys, $t);
                $unc{"$t|$s"} += !defined $k;
                push @{ $cnt{"$t|$s"} }, $k // $BUDGET;    # counted at the budget
            }
        }
    }
    for my $t (@TOL) {
        my $ts = $t == 1e-2 ? '0.01' : '1e-06';
        for my $s (qw(cold warm)) {
            my @c = @{ $cnt{"$t|$s"} };
            close_to($row->{"tol_${ts}_${s}_iters_mean"}, sum(@c) / @c, "$cell: tol $ts $s: mean iterations, closed form");
            close_to($row->{"tol_${ts}_${s}_iters_median"}, median(@c), "$cell: tol $ts $s: median");
            is($row->{"tol_${ts}_${s}_unconverged"}, $unc{"$t|$s"}, "$cell: tol $ts $s: $unc{\"$t|$s\"} not converged within $BUDGET");
            $saw_unconverged += $unc{"$t|$s"};
            close_to($row->{"tol_${ts}_${s}_seconds_mean"},
                     $row->{"tol_${ts}_${s}_iters_mean"} * $row->{"tol_${s}_iter_seconds"},
                     "$cell: tol $ts $s: seconds = iterations x seconds per iteration per context");
        }
        my ($mc, $mw) = map { sum(@{ $cnt{"$t|$_"} }) / $N } qw(cold warm);
        if ($mw > 0) {
            close_to($row->{"tol_${ts}_ratio"}, $mc / $mw, "$cell: tol $ts: ratio of the means");
        } else {
            is($row->{"tol_${ts}_ratio"}, '', "$cell: tol $ts: ratio of the means empty (the warm mean is 0)");
        }
        my @pr = map { max($cnt{"$t|cold"}[$_], 1) / max($cnt{"$t|warm"}[$_], 1) } 0 .. $N - 1;
        close_to($row->{"tol_${ts}_ratio_median"}, median(@pr), "$cell: tol $ts: median of max(cold,1)/max(warm,1)");
        # Anderson on a linear map of a state of length 3: a few iterations
        for my $s (qw(cold warm)) {
            my $m = $row->{"tol_${ts}_anderson_${s}_iters_mean"};
            ok($m ne '' && $m <= 5 && $row->{"tol_${ts}_anderson_${s}_unconverged"} == 0,
               "$cell: tol $ts: Anderson $s converges in <= 5 iterations ($m)");
        }
    }
    if ($shift == 0) {
        is(join(',', map { $row->{"tol_${_}_warm_iters_mean"} } '0.01', '1e-06'), '0,0',
           "$cell: a perfect prediction needs 0 iterations");
        is($row->{'tol_1e-06_anderson_warm_iters_mean'}, '0', "$cell: ... with Anderson too");
    } else {
        ok($row->{'tol_1e-06_cold_iters_mean'} > $row->{'tol_1e-06_anderson_cold_iters_mean'},
           "$cell: Anderson needs fewer iterations than the plain step");
    }
}
ok($saw_unconverged > 0, "some contexts do not converge within the budget ($saw_unconverged), and are counted at it");

# ---- solver.csv ---------------------------------------------------------------------
my ($sh, $srows) = read_csv("$out/solver.csv");
is_deeply($sh, [qw(experiment cell solver iteration seconds objective_mean objective_std residual_mean residual_median)],
          "solver.csv: the residual columns are appended");
my %srow;    # cell|solver|iteration
for my $s (@$srows) { $srow{"$s->{cell}|$s->{solver}|$s->{iteration}"} = $s }
is_deeply([sort keys %{ { map { $_->{solver} => 1 } @$srows } }], [qw(anderson anderson_warm step step_warm)],
          "rows of the plain step and Anderson, cold and warm");
is(scalar(grep { $_->{objective_mean} ne '' || $_->{objective_std} ne '' } @$srows), 0,
   "their objective columns are empty");
for my $row (@$rows) {
    my $cell = $row->{cell};
    my ($shift) = $cell =~ /shift=(\d+)/;
    my @iters = sort { $a <=> $b } map { $_->{iteration} } grep { $_->{cell} eq $cell && $_->{solver} eq 'step' } @$srows;
    is_deeply(\@iters, [0 .. $BUDGET], "$cell: step (cold) logged at every iteration up to the budget (some contexts never converge)");
    my $bad = 0;
    for my $k (0, 1, 7, $BUDGET) {
        my @r = map {
            my @x = @{ $x{$cell}[$_] };
            resid_k(\@x, [map { $shift * $x[$_] / (1 - $a[$_]) } 0, 1], $k)
        } 0 .. $N - 1;
        my $s = $srow{"$cell|step|$k"};
        $bad++ unless $s && abs($s->{residual_mean} - sum(@r) / $N) <= 1e-9 * (sum(@r) / $N)
                        && abs($s->{residual_median} - median(@r)) <= 1e-9 * median(@r);
    }
    is($bad, 0, "$cell: step rows: residual mean and median at iterations 0, 1, 7, $BUDGET are the closed form's");
    if ($shift == 0) {
        my @w = grep { $_->{cell} eq $cell && $_->{solver} eq 'step_warm' } @$srows;
        ok(@w == 1 && $w[0]{iteration} == 0 && $w[0]{residual_mean} == 0,
           "$cell: step_warm: one row, iteration 0, residual 0 (nothing to iterate)");
    }
}

# ---- the figure ---------------------------------------------------------------------
my @fig = map { "$out/tol_residual_fs_contraction_shift_$_" } 0, 1;
ok((!grep { !-s "$_.png" || !-s "$_.svg" || !-s "$_.gp" } @fig), "tol_residual_<problem>.{gp,png,svg} for both problems");
my $gp = read_file("$fig[1].gp");
like($gp, qr/title 'cold'.*title 'warm'.*title 'Anderson, cold'.*title 'Anderson, warm'/s,
     "the figure: cold, warm, Anderson cold and warm");
like($gp, qr/set logscale y/, "... on a log y axis");
{
    my $p = "$d/plot";
    mkdir $p;
    for my $f (qw(runs.csv curves.csv solver.csv)) { write_file("$p/$f", read_file("$out/$f")) }
    my $pr = amor("plot", $p);
    is($pr->{status}, 0, "amor plot on the CSVs alone") or diag($pr->{err});
    is(read_file("$p/tol_residual_fs_contraction_shift_1.gp"), $gp, "... draws the same residual figure");
}

# ---- resume -------------------------------------------------------------------------
{
    my $before = read_file("$out/runs.csv");
    my $r2 = amor("run", "$d/tol.lua", "--out", $out, "--set", "eval.tolerances=1e-6,0.01");
    like($r2->{out}, qr/resumed 4 of 4 cells/, "a second run resumes every cell from .cells") or diag($r2->{out} . $r2->{err});
    is(read_file("$out/runs.csv"), $before, "... and writes the same runs.csv, tolerance columns included");
}

# ---- refusals -----------------------------------------------------------------------
write_file("$d/nostep.lua", <<"LUA");
amor.run_cell{problem = "fs_contraction_nostep", model = "linear", loss = "regression",
  train = {steps = 0}, eval = {contexts = 4, tolerances = {1e-6}}, solver = {iterations = 0}}
LUA
$r = amor("run", "$d/nostep.lua", "--out", "$d/nostep");
is($r->{status}, 1, "tolerances on a problem without a solver step: exit 1");
like($r->{err}, qr/nostep\.lua:1: eval\.tolerances needs the problem's own solver step \(state_dim, solver_init, solver_step, residual\), but problem 'fs_contraction_nostep' has none/,
     "... refused before training, naming the problem");
ok(!-e "$d/nostep/runs.csv", "... nothing written");

# a step that fails: the cell's error, with the problem's message, and no
# counts.  At 1e-12 no context converges within 40 iterations (0.8^40 |x|
# > 1e-10), so the plain runs take 40 + 40 steps and Anderson's third fails.
write_file("$d/fail.lua", <<"LUA");
experiment { name = "fail", problems = {{"fs_contraction", fail_at = 83}}, models = {{"linear", init_scale = 0}},
  losses = {"regression"}, train = {steps = 0}, eval = {contexts = 4, tolerances = {1e-12}, max_iterations = 40},
  solver = {iterations = 0, methods = {"anderson"}, log_every = 1} }
LUA
$r = amor("run", "$d/fail.lua", "--out", "$d/fail", "--quiet");
is($r->{status}, 1, "a failing solver step: exit 1");
{
    my ($fh, $frows) = read_csv("$d/fail/runs.csv");
    is($frows->[0]{status}, 'error', "... the cell's status is error");
    is($frows->[0]{error}, "eval.tolerances (the problem's solver step): fs_contraction: step 83 fails (fail_at)",
       "... with the problem's message");
    is(scalar(grep { /^tol_/ } @$fh), 0, "... and no tolerance columns, not even the plain step's that finished");
    my (undef, $fs) = read_csv("$d/fail/solver.csv");
    my %n;
    $n{ $_->{solver} }++ for @$fs;
    is_deeply(\%n, {step => 41, step_warm => 41, anderson => 3},
              "... its solver.csv rows stay: both plain runs, and Anderson up to the failure");
}

$r = amor("run", "$d/tol.lua", "--out", "$d/bad", "--set", "eval.tolerances=1e-6,abc");
is($r->{status}, 2, "--set eval.tolerances with a word: usage error");
is($r->{err}, "amor run: --set eval.tolerances=1e-6,abc: eval setting 'tolerances': element 2 must be a positive number, got string \"abc\"\n",
   "... naming the element");

done_testing();
