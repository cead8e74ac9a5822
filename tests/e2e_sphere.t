#!/usr/bin/env perl
# End to end: the quick sphere experiment (tutorial section 7.2) runs, both
# cells train, the held-out gap ends below 5 % of the mean range of f, the
# amortized model (batch 256) beats the from-scratch Adam baseline started
# from the fixed initial point, the tracks and sphere.md hold what the
# figures draw, and every figure has its .gp, .png and .svg, each .gp
# re-rendering with gnuplot.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

my $d = tmpdir();
my $t0 = time;
my $r = amor("run", "scripts/sphere.lua", "--set", "quick=true", "--out", "$d/s");
is($r->{status}, 0, "sphere.lua (quick) exits 0") or diag($r->{err});
like($r->{out}, qr/3 cells, 0 failed/, "3 cells (batch 8 and 256, tutorial mode), none failed");
diag(sprintf("quick sphere run: %d s", time - $t0));

# --- the printed numbers --------------------------------------------------------
my %cell;
while ($r->{out} =~ /^SPHERE batch=(\d+) (.*)$/mg) {
    my ($b, $rest) = ($1, $2);
    $cell{$b} = {map { split /=/, $_, 2 } split ' ', $rest};
}
my ($range) = $r->{out} =~ /^SPHERE mean_range=(\S+)$/m;
ok(defined $range && $range > 1.0 && $range < 2.5,
   "mean range of f over p(x) is about 1.6 (got " . ($range // 'none') . ")");
is_deeply([sort { $a <=> $b } keys %cell], [8, 256], "a SPHERE line for batch 8 and batch 256");

my ($h, $all) = read_csv("$d/s/runs.csv");
my $rows = [grep { $_->{experiment} eq 'sphere' } @$all];
is(scalar @$rows, 2, "runs.csv: two cells of the generalization run");
my %run = map { $_->{'train.batch'} => $_ } @$rows;
for my $b (8, 256) {
    my $c = $cell{$b} or next;
    my $row = $run{$b};
    ok($row && $row->{status} eq 'ok' && $row->{problem} eq 'sphere', "batch $b: status ok in runs.csv");
    next unless $row;
    # the printed gap is the held-out gap of runs.csv, and the fraction is gap / range
    ok(abs($c->{gap} - $row->{gap_mean}) <= 1e-5 * $row->{gap_mean},
       "batch $b: printed gap $c->{gap} = runs.csv gap_mean $row->{gap_mean}");
    ok(abs($c->{gap_pct} - 100 * $row->{gap_mean} / $range) <= 1e-3,
       "batch $b: gap_pct = 100 gap / mean range");
    ok($c->{gap_pct} < 5.0,
       sprintf("batch %d: held-out gap %.4g = %.2f %% of the mean range (want < 5 %%)", $b, $c->{gap}, $c->{gap_pct}));
    ok($row->{initial_gap_mean} / $row->{gap_mean} >= 5,
       sprintf("batch %d: training cut the held-out gap %.3g -> %.3g (want >= 5x)",
               $b, $row->{initial_gap_mean}, $row->{gap_mean}));
    is($row->{model}, 'mlp', "batch $b: model mlp");
    is($row->{'model.hidden'}, '128,128', "batch $b: hidden 128,128");
    is($row->{'model.output'}, 'sphere', "batch $b: output on the sphere");
    is($row->{num_params}, 16 * 128 + 128 + 128 * 128 + 128 + 128 * 3 + 3, "batch $b: 16-128-128-3 parameters");
}
is($cell{8}{lr}, '0.0005', "batch 8 runs at the tutorial's lr 5e-4");

# the larger batch reaches a lower gap, and beats Adam from the fixed start
if ($cell{8} && $cell{256}) {
    ok($cell{256}{gap} < $cell{8}{gap}, "batch 256 ends with a lower gap than batch 8 "
       . "($cell{256}{gap} < $cell{8}{gap})");
    ok($cell{256}{objective} < $cell{256}{adam_final},
       "amortized f(y_hat) $cell{256}{objective} < from-scratch Adam's final f $cell{256}{adam_final} "
       . "(one start finds local minima)");
}

# --- tracks: 8 contexts, x = (z, alpha), y* and predictions on the sphere -----
my (undef, $tr) = read_csv("$d/s/tracks.csv");
my (%ctx, %steps, $maxnorm);
my %yh;
for my $t (@$tr) {
    next unless $t->{cell} =~ /batch=8$/;
    $ctx{$t->{context}} = 1;
    if ($t->{var} eq 'yhat') {
        $steps{$t->{step}} = 1;
        $yh{"$t->{step}/$t->{context}"} += $t->{value} ** 2;
    }
}
is(scalar keys %ctx, 8, "tracks.csv: 8 tracked held-out contexts");
is(scalar keys %steps, 201, "tracks.csv: 201 evaluations (step 0 and every 20 of 4000)");
$maxnorm = 0;
for (values %yh) { my $e = abs(sqrt($_) - 1); $maxnorm = $e if $e > $maxnorm }
ok($maxnorm < 1e-12, "every tracked prediction lies on the sphere (max ||y| - 1| $maxnorm)");

# --- sphere.md --------------------------------------------------------------------
open(my $fh, '<', "$d/s/sphere.md") or die "sphere.md: $!";
my $md = do { local $/; <$fh> };
close $fh;
for my $b (8, 256) {
    next unless $cell{$b};
    my $pct = sprintf("%.2f %%", $cell{$b}{gap_pct});
    like($md, qr/^\| $b \| .*\*\*\Q$pct\E\*\*/m, "sphere.md reports batch ${b}'s gap as $pct of the range");
}
like($md, qr/^\| 8 \|( [\d.]+ % \|){8}$/m, "sphere.md: per-function gaps of the 8 drawn functions");

# --- figures ------------------------------------------------------------------------
my @stems = ((map { "sphere_$_" } 0 .. 7), "sphere_batch8", "sphere_batch256");
for my $s (@stems) {
    ok(-s "$d/s/$s.gp" && -s "$d/s/$s.png" && -s "$d/s/$s.svg", "figure $s: .gp, .png and .svg");
}
open($fh, '<', "$d/s/sphere_batch8.gp") or die;
my $gp = do { local $/; <$fh> };
close $fh;
is(scalar(() = $gp =~ /^\$F\d << EOD$/mg), 8, "sphere_batch8.gp: 8 function images");
is(scalar(() = $gp =~ /^\$P8_\d << EOD$/mg), 8, "sphere_batch8.gp: 8 prediction paths");
is(scalar(() = $gp =~ /^\$S\d << EOD$/mg), 8, "sphere_batch8.gp: 8 stars at y*");
is(scalar(() = $gp =~ /with image/g), 8, "sphere_batch8.gp: 8 panels drawn");
my ($img) = $gp =~ /^\$F1 << EOD\n(.*?)\nEOD$/ms;
my @img = split /\n/, ($img // '');
is(scalar @img, 100, "quick image: 100 rows");
is(scalar(split ' ', $img[50] // ''), 200, "quick image: 200 columns");
my ($lo, $hi) = (1e9, -1e9);
for (map { split ' ' } @img) { $lo = $_ if $_ < $lo; $hi = $_ if $_ > $hi }
ok($lo >= 0 && $hi == 100, "image values are percent of the range, max f at 100 (got $lo .. $hi)");

my @gps = glob("$d/s/*.gp");
ok(@gps >= 12, "at least 12 figures (10 sphere, training, solver): " . scalar @gps);
for my $g (@gps) {
    (my $base = $g) =~ s/\.gp$//;
    ok(-s "$base.png" && -s "$base.svg", "$base: .png and .svg beside the .gp") if $base !~ /sphere_\d$|sphere_batch/;
    unlink "$base.png", "$base.svg";
    my $rc = system("gnuplot", $g);
    ok($rc == 0 && -s "$base.png" && -s "$base.svg", "gnuplot " . ($g =~ s/.*\///r) . " exits 0 and rewrites both images");
}

# --- tutorial mode (code/train-sphere.py) ---------------------------------------------
my ($tut) = grep { $_->{experiment} eq 'sphere_tutorial' } @$all;
ok($tut && $tut->{status} eq 'ok', "tutorial mode: one cell, ok");
is($tut->{train_steps}, 100, "tutorial mode: 100 Adam steps");
is($tut->{'train.lr'} // '', '', "tutorial mode: lr not swept (5e-4 in the script)");
is($tut->{eval_contexts}, 8, "tutorial mode: evaluated on its 8 training functions");
my %tut;
while ($r->{out} =~ /^SPHERE_TUTORIAL function=(\d+) (.*)$/mg) {
    $tut{$1} = {map { split /=/, $_, 2 } split ' ', $2};
}
is_deeply([sort keys %tut], [0 .. 7], "tutorial mode: 8 functions");
is(scalar(grep { $tut{$_}{iterates} == 101 } keys %tut), 8, "tutorial mode: 101 iterates (steps 0 .. 100) of each");
my $mean = 0;
$mean += $tut{$_}{f_final} / 8 for keys %tut;
ok(abs($mean - $tut->{objective_mean}) <= 1e-5, # printed with 6 digits
   "the 8 functions' final f average to the cell's objective_mean ($mean)");
# the grid argmin (the star) is a point of the pixel grid: never below y*,
# and within the grid's resolution of it
is(scalar(grep { $tut{$_}{grid_min} >= $tut{$_}{fstar} - 1e-9 && $tut{$_}{grid_min} - $tut{$_}{fstar} < 0.01 } keys %tut), 8,
   "each star's f (grid min) is at or just above f(y*)");
my (%tsteps, %tctx);
for my $t (grep { $_->{experiment} eq 'sphere_tutorial' } @$tr) {
    next unless $t->{var} eq 'yhat';
    $tsteps{$t->{step}} = 1;
    $tctx{$t->{context}} = 1;
}
is(scalar keys %tctx, 8, "tracks.csv: the 8 functions");
is_deeply([sort { $a <=> $b } keys %tsteps], [0 .. 100], "tracks.csv: a prediction after every step 0 .. 100");
# full batch on a fixed set, evaluated on that set: step k's training loss
# is the mean f of the 8 at the parameters of step k - 1, which the
# evaluation after step k - 1 measured
my (undef, $cv) = read_csv("$d/s/curves.csv");
my (%loss, %obj);
for my $c (grep { $_->{experiment} eq 'sphere_tutorial' } @$cv) {
    $loss{$c->{step}} = $c->{value} if $c->{split} eq 'train' && $c->{metric} eq 'loss';
    $obj{$c->{step}} = $c->{value} if $c->{split} eq 'eval' && $c->{metric} eq 'objective';
}
is(scalar(grep { defined $obj{$_ - 1} && abs($loss{$_} - $obj{$_ - 1}) <= 1e-12 * (1 + abs($loss{$_})) } 1 .. 100), 100,
   "full batch: the training loss of step k equals the evaluation of the 8 after step k - 1, for k = 1 .. 100");
open($fh, '<', "$d/s/sphere_tutorial.gp") or die;
$gp = do { local $/; <$fh> };
close $fh;
is(scalar(() = $gp =~ /^\$TP\d << EOD$/mg), 8, "sphere_tutorial.gp: 8 paths");
is(scalar(() = $gp =~ /^\$TS\d << EOD$/mg), 8, "sphere_tutorial.gp: 8 stars");
ok(-s "$d/s/sphere_tutorial.png" && -s "$d/s/sphere_tutorial.svg", "sphere_tutorial: .png and .svg");

# eval.on_train_set needs a fixed training set
write_file("$d/bad.lua", <<'LUA');
experiment{name = "bad", problems = {"quadratic"}, models = {"linear"}, losses = {"objective"},
           train = {steps = 1}, eval = {on_train_set = true}, solver = {iterations = 0}}
LUA
$r = amor("run", "$d/bad.lua", "--out", "$d/bad");
isnt($r->{status}, 0, "eval.on_train_set without train.train_set fails");
my (undef, $bad) = read_csv("$d/bad/runs.csv");
like($bad->[0]{error} // '', qr/eval\.on_train_set.*needs a fixed training set: set train\.train_set > 0/,
     "... naming the setting to give");

done_testing();
