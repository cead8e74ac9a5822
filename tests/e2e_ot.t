#!/usr/bin/env perl
# End to end: scripts/ot.lua (quick) -- Meta OT on Fashion-MNIST pairs, amortized
# conjugates, amortized max-sliced Wasserstein.  Checks that every cell runs; that the
# predicted potentials save Sinkhorn iterations to marginal error 1e-2 and lower the
# held-out gap; that ot.md's iterations are runs.csv's and it states Meta OT's published
# number beside ours; that conjugate errors are nonnegative (a prediction's
# <z, x> - phi(z) is a lower bound of phi*) and fall with fine-tuning steps to rounding
# level after 100 gradient steps; that the amortized slicing direction beats a random one
# and ascent from it does not lose; and the interpolation figure's structure (t = 0 is
# image a whatever the potentials, so both rows of a pair start alike).
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

my $d = tmpdir();
my $out = "$d/out";
my $r = amor("run", "scripts/ot.lua", "--set", "quick=true", "--out", $out);
is($r->{status}, 0, "ot (quick) exits 0") or diag($r->{err});
like($r->{out}, qr/6 cells, 0 failed/, "6 cells, none failed");

my ($h, $rows) = read_csv("$out/runs.csv");
is(scalar(grep { $_->{status} eq 'ok' } @$rows), 6, "every cell ok");
my ($meta) = grep { $_->{experiment} eq 'ot_meta' } @$rows;
cmp_ok($meta->{'tol_0.01_warm_iters_mean'}, '<', $meta->{'tol_0.01_cold_iters_mean'},
       "Meta OT: Sinkhorn from the prediction reaches 1e-2 in fewer iterations "
       . "($meta->{'tol_0.01_warm_iters_mean'} < $meta->{'tol_0.01_cold_iters_mean'})");
is($meta->{"tol_${_}_warm_unconverged"}, 0, "Meta OT: every warm start converges to $_")
    for qw(0.01 0.001 0.0001);
cmp_ok($meta->{gap_mean}, '<', $meta->{initial_gap_mean} / 5,
       "Meta OT: training lowers the held-out gap ($meta->{initial_gap_mean} -> $meta->{gap_mean})");
cmp_ok($meta->{gap_mean}, '>', 0, "Meta OT: the gap is positive (the semi-dual is minimized at y*)");

my $md = read_file("$out/ot.md");
like($md, qr/^\| 0\.01 \| \Q@{[sprintf "%.1f", $meta->{'tol_0.01_cold_iters_mean'}]}\E \| \Q@{[sprintf "%.1f", $meta->{'tol_0.01_warm_iters_mean'}]}\E \| \Q@{[sprintf "%.2f", $meta->{'tol_0.01_ratio'}]}\E \|/m,
     "ot.md: the 1e-2 row has runs.csv's iterations and ratio");
like($md, qr/4\.5e-3 ± 1\.5e-3 from zeros, 2\.3e-3 ± 9\.2e-6 from Meta OT's prediction, 1\.96x/,
     "ot.md: Meta OT's published number beside ours");

my @conj = grep { $_->{experiment} =~ /^ot_conjugate/ } @$rows;
is(scalar @conj, 4, "four conjugate cells");
for my $c (@conj) {
    # a lower bound up to rounding: 100 gradient steps reach z* to 1e-13
    cmp_ok($c->{gap_mean}, '>=', -1e-15, "$c->{cell}: conjugate error >= 0 (to rounding)");
}
my ($gd) = grep { $_->{cell} =~ /refine=gd/ } @conj;
my ($adam) = grep { $_->{cell} =~ /refine=adam/ } @conj;
cmp_ok($gd->{iter0_gap_mean}, '>', 1e-6, "fine-tuning starts from the prediction's error ($gd->{iter0_gap_mean})");
cmp_ok($gd->{iter100_gap_mean}, '<', 1e-12, "100 gradient steps: error at rounding level ($gd->{iter100_gap_mean})");
cmp_ok($adam->{iter100_gap_mean}, '<', $adam->{iter10_gap_mean}, "Adam: 100 steps below 10");
cmp_ok($adam->{iter10_gap_mean}, '<', $adam->{iter0_gap_mean}, "Adam: 10 steps below the prediction");

like($md, qr/^\| random direction \| (\d\.\d+) \|$/m, "ot.md: the slicing table");
my ($wr) = $md =~ /^\| random direction \| (\d\.\d+) \|$/m;
my ($wm) = $md =~ /^\| MLP prediction \(one forward pass\) \| (\d\.\d+) \|$/m;
my ($wp) = $md =~ /^\| ascent, 50 steps from the prediction \| (\d\.\d+) \|$/m;
cmp_ok($wm, '>', 2 * $wr, "max-sliced: the amortized direction's W_2 ($wm) is far above a random one's ($wr)");
cmp_ok($wp, '>=', $wm, "max-sliced: ascent from the prediction does not lose ($wp >= $wm)");

# the interpolation figure: a matrix of 30-pixel tiles (28 + a 2-pixel border)
my $gp = read_file("$out/ot_interp.gp");
my ($data) = $gp =~ /\$img << EOD\n(.*?)\nEOD/s;
my @m = map { [split / /] } split /\n/, $data;
is(scalar @m, 2 * 2 * 30 + 2, "interpolation: 2 pairs x 2 rows of tiles");
is(scalar @{$m[0]}, 6 * 30 + 2, "interpolation: 5 times and the target b");
my ($same, $ink) = (1, 0);
for my $pair (0, 1) {
    for my $rr (0 .. 27) {
        for my $cc (0 .. 27) {
            my $p = $m[2 + 60 * $pair + $rr][2 + $cc];
            my $c = $m[2 + 60 * $pair + 30 + $rr][2 + $cc];
            $same &&= $p eq $c;
            $ink++ if $p < 0.5;
        }
    }
}
ok($same, "interpolation: t = 0 is image a in both rows of each pair (predicted and Sinkhorn f)");
cmp_ok($ink, '>', 50, "interpolation: the t = 0 tiles are not blank ($ink dark pixels)");
for my $f (qw(ot_interp.png ot_conjugate.png ot_sliced.png ot_meta_residual_ot_pairs.png)) {
    ok(-s "$out/$f", "$f written");
}
done_testing();
