#!/usr/bin/env perl
# End to end: scripts/tutorial_figures.lua (quick) -- the tutorial's
# smoothed-loss and maxent figures from computations, and p:loss, the Lua
# binding that evaluates a loss plugin on a problem.
#
# smoothed-loss: f is cos y + 0.2 |y - pi/2| exactly; each Monte Carlo
# estimate of the zeroth_order loss (20000 draws per point in the quick run:
# standard error under 0.008) is within 0.04 of the closed form computed here,
#   e^{-s^2/2} cos y + 0.2 (s sqrt(2/pi) e^{-d^2/(2 s^2)} + d erf(d/(s sqrt 2))),
# d = y - pi/2 (the folded normal's mean), and the script's own Simpson
# column agrees with it to 1e-6.
# maxent: the plugin's entropy at the tutorial's phi = (0, 1.5, 0.7, 6)
# equals the one computed here (softmax on the grid, H = -sum w log w +
# log h - log s); the steps never lower it; the flow holds mean 0 and
# deviation 1; after 20 steps the entropy is within 1e-3 below the Gaussian's
# (1/2) log(2 pi e) and the density within 0.005 of N(0, 1).
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;
use POSIX qw(erf);
use List::Util qw(max);

my $PI = 4 * atan2(1, 1);
my $d = tmpdir();
my $out = "$d/out";
my $r = amor("run", "scripts/tutorial_figures.lua", "--set", "quick=true", "--out", $out);
is($r->{status}, 0, "tutorial_figures (quick) exits 0") or diag($r->{err});

# ---- smoothed-loss
my ($h, $rows) = read_csv("$out/smoothed_loss.csv");
is(scalar @$rows, 100, "smoothed_loss.csv: the figure's 100 points");
my $ferr = max(map { abs($_->{f} - (cos($_->{y}) + 0.2 * abs($_->{y} - $PI / 2))) } @$rows);
ok($ferr < 1e-12, "f column = cos y + 0.2 |y - pi/2| (max err $ferr)");
ok(abs($rows->[0]{y} + 4 * $PI) < 1e-12 && abs($rows->[-1]{y} - 2 * $PI) < 1e-12, "y on [-4 pi, 2 pi]");
for my $s (1, 1.5, 2.5) {
    my ($mc, $simpson) = (0, 0);
    for my $row (@$rows) {
        my $dd = $row->{y} - $PI / 2;
        my $want = exp(-$s * $s / 2) * cos($row->{y})
                 + 0.2 * ($s * sqrt(2 / $PI) * exp(-$dd * $dd / (2 * $s * $s)) + $dd * erf($dd / ($s * sqrt(2))));
        $mc = max($mc, abs($row->{"smoothed_$s"} - $want));
        $simpson = max($simpson, abs($row->{"closed_form_$s"} - $want));
    }
    ok($mc < 0.04, "sigma = $s: zeroth_order's estimate within 0.04 of the closed form (max err $mc)");
    ok($simpson < 1e-6, "sigma = $s: the script's Simpson column = the closed form (max err $simpson)");
}

# ---- maxent
($h, $rows) = read_csv("$out/maxent.csv");
is(scalar @$rows, 21, "maxent.csv: the start and 20 steps");
{
    my ($N, $lo, $hi) = (1000, -5, 5);
    my $hh = ($hi - $lo) / ($N - 1);
    my @a = map { my $t = $lo + $hh * $_; -0.5 * ($t / 1.5)**2 + 0.7 * sin(6 * $t) } 0 .. $N - 1;
    my $am = max(@a);
    my @w = map { exp($_ - $am) } @a;
    my $z = 0;
    $z += $_ for @w;
    @w = map { $_ / $z } @w;
    my ($m, $v, $ent) = (0, 0, 0);
    $m += $w[$_] * ($lo + $hh * $_) for 0 .. $N - 1;
    $v += $w[$_] * ($lo + $hh * $_ - $m)**2 for 0 .. $N - 1;
    $ent -= $_ * log($_) for grep { $_ > 0 } @w;
    my $want = $ent + log($hh) - 0.5 * log($v);
    ok(abs($rows->[0]{entropy} - $want) < 1e-9,
       "entropy at the tutorial's phi = $want, computed here (plugin: $rows->[0]{entropy})");
}
my $mono = 1;
for my $k (1 .. $#$rows) { $mono = 0 if $rows->[$k]{entropy} < $rows->[$k - 1]{entropy} - 1e-12 }
ok($mono, "the entropy never decreases along the steps");
ok(!(grep { abs($_->{mean}) > 1e-9 || abs($_->{std} - 1) > 1e-9 } @$rows), "the flow holds mean 0 and deviation 1");
my $hg = 0.5 * log(2 * $PI * exp(1));
my $last = $rows->[-1];
ok($last->{entropy} <= $hg + 1e-9 && $last->{entropy} > $hg - 1e-3,
   "after 20 steps the entropy $last->{entropy} is within 1e-3 below the Gaussian's $hg");
ok($last->{max_abs_gauss_dev} < 0.005 && $rows->[0]{max_abs_gauss_dev} > 0.1,
   "the density ends within 0.005 of N(0, 1) ($last->{max_abs_gauss_dev}), from $rows->[0]{max_abs_gauss_dev}");

my $md = read_file("$out/tutorial_figures.md");
like($md, qr/^\| 2\.5 \| 0\.0\d+ \|/m, "tutorial_figures.md: the smoothing table");
like($md, qr/^\| 20 \| \(.*\) \| 1\.418\d \|/m, "tutorial_figures.md: the maxent table's last step");
ok(-s "$out/$_.png" && -s "$out/$_.gp", "$_ figure written") for qw(smoothed_loss maxent maxent_entropy);

# ---- p:loss
my $lua = write_file("$d/loss.lua", <<'LUA');
local q = amor.problem{"quadratic", dim = 2}
local xs = q:sample(3, 5)
local ys = q:solve(xs)
local reg = q:loss("regression", xs, ys)
local obj = q:loss({"objective"}, xs, ys)
local f = q:value(xs, ys)
print(string.format("REG=%g OBJ_DIFF=%g", math.max(reg[1], reg[2], reg[3]),
      math.max(math.abs(obj[1] - f[1]), math.abs(obj[3] - f[3]))))
local k = amor.problem{"kink1d"}
print("NOSOLVE=" .. select(2, pcall(k.loss, k, "regression", {{1}}, {{0}})))
print("BADKEY=" .. select(2, pcall(k.loss, k, {"zeroth_order", sigmaa = 1}, {{1}}, {{0}})))
local a = k:loss({"zeroth_order", sigma = 1, report = "smoothed"}, {{1}}, {{0}}, 3)
local b = k:loss({"zeroth_order", sigma = 1, report = "smoothed"}, {{1}}, {{0}}, 3)
local c = k:loss({"zeroth_order", sigma = 1, report = "smoothed"}, {{1}}, {{0}}, 4)
print(string.format("SAME_SEED=%s OTHER_SEED=%s", tostring(a[1] == b[1]), tostring(a[1] ~= c[1])))
LUA
$r = amor("run", $lua, "--out", "$d/lout");
is($r->{status}, 0, "p:loss script exits 0") or diag($r->{err});
like($r->{out}, qr/^REG=0 OBJ_DIFF=0$/m, "p:loss: regression at y* is 0, the objective loss is p:value");
like($r->{out}, qr/^NOSOLVE=.*p:loss: loss 'regression' needs what problem 'kink1d' lacks: reference solutions y\* \(solve\)$/m,
     "p:loss: a loss needing y* on a problem without solve is refused, naming both");
like($r->{out}, qr/^BADKEY=.*unknown parameter 'sigmaa' for loss 'zeroth_order'/m, "p:loss: parameters validated");
like($r->{out}, qr/^SAME_SEED=true OTHER_SEED=true$/m, "p:loss: the seed fixes the loss's rng");
done_testing();
