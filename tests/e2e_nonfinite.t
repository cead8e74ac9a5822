#!/usr/bin/env perl
# Non-finite parameters and held-out objectives end a cell "diverged", never
# "ok": a problem whose objective overflows at the model's predictions
# (fixture fx_overflow, f = cosh(1000 (y - x)) with x in [1, 2] and a linear
# model predicting y = 0), and a checkpoint whose theta holds Inf and NaN
# with a correct checksum (train.init_from, evaluated and fine-tuned).  Each
# with its exact message in runs.csv.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

my $d = tmpdir();

# 64-bit FNV-1a (checkpoint.h) in 32-bit halves, exact in Perl's integers:
# h * (2^40 + 0x1b3) mod 2^64
sub fnv1a {
    my ($bytes) = @_;
    my ($hi, $lo) = (0xcbf29ce4, 0x84222325);
    for my $c (unpack('C*', $bytes)) {
        $lo ^= $c;
        my $l = $lo * 0x1b3;
        my $h = $hi * 0x1b3 + ($l >> 32) + (($lo << 8) & 0xffffffff);
        ($hi, $lo) = ($h & 0xffffffff, $l & 0xffffffff);
    }
    return pack('V V', $lo, $hi);
}

# ---- an objective that overflows at the final evaluation -----------------------
write_file("$d/ov.lua", <<"LUA");
experiment { name = "ov", problems = {"$BUILD/fixtures/fx_overflow.so"},
  models = {{"linear", init_scale = 0}}, losses = {"objective"},
  train = {steps = 0, save_model = true}, eval = {contexts = 16, timing = 0}, solver = {iterations = 0} }
LUA
my $r = amor('run', "$d/ov.lua", '--out', "$d/ov", '--quiet');
is($r->{status}, 1, 'an overflowing held-out objective: exit 1');
like($r->{out}, qr/^1 cell, 1 failed: 1 diverged; results in /m, '... counted as diverged');
my (undef, $rows) = read_csv("$d/ov/runs.csv");
is($rows->[0]{status}, 'diverged', 'an infinite objective_mean: status diverged, not ok');
is($rows->[0]{error},
   'non-finite held-out objective_mean at the final evaluation: inf; 16 of 16 held-out objectives are not finite',
   '... with the metric, its value and how many contexts');
is($rows->[0]{objective_mean}, '', '... and no objective_mean recorded');
is($rows->[0]{checkpoint}, '', '... nor a checkpoint (save_model = true)');
ok(!-e "$d/ov/models/$rows->[0]{key}.amor", '... no checkpoint file written');

# ---- a checkpoint whose theta is not finite, with a valid checksum ---------------
write_file("$d/save.lua", <<'LUA');
experiment { name = "save", problems = {{"quadratic", dim = 2}}, models = {"linear"},
  losses = {"objective"}, train = {steps = 20, save_model = true}, eval = {contexts = 16, timing = 0},
  solver = {iterations = 0} }
LUA
$r = amor('run', "$d/save.lua", '--out', "$d/s", '--quiet');
is($r->{status}, 0, 'a linear model saved') or diag($r->{err});
(undef, $rows) = read_csv("$d/s/runs.csv");
my $n = $rows->[0]{num_params};
is($n, 6, 'linear on dim 2: 6 parameters');
my $bytes = read_file("$d/s/$rows->[0]{checkpoint}");
ok(fnv1a(substr($bytes, 0, -8)) eq substr($bytes, -8), 'the checksum recomputed here matches the file');
my $at = length($bytes) - 8 - 8 * $n;   # theta, then the checksum
substr($bytes, $at + 8 * 2, 8) = pack('d<', 9**9**9);           # theta[2] = inf
substr($bytes, $at + 8 * 4, 8) = pack('d<', -(9**9**9) / (9**9**9)); # theta[4] = nan
substr($bytes, -8) = fnv1a(substr($bytes, 0, -8));
write_file("$d/inf.amor", $bytes);

write_file("$d/use.lua", <<'LUA');
local C = {problems = {{"quadratic", dim = 2}}, models = {"linear"}, losses = {"objective"},
  eval = {contexts = 16, timing = 0}, solver = {iterations = 0}}
local function with(t) local e = {} for k, v in pairs(C) do e[k] = v end for k, v in pairs(t) do e[k] = v end return e end
experiment(with{name = "evaluate", train = {steps = 0, init_from = amor.setting("path")}})
experiment(with{name = "finetune", train = {steps = 10, init_from = amor.setting("path")}})
LUA
$r = amor('run', "$d/use.lua", '--out', "$d/u", '--quiet', '--set', "path=$d/inf.amor");
is($r->{status}, 1, 'a checkpoint with Inf and NaN parameters: exit 1 (not a script error)');
(undef, $rows) = read_csv("$d/u/runs.csv");
my $want = "train.init_from: checkpoint $d/inf.amor has non-finite parameters (2 of 6), the first theta[2] = inf";
for my $row (@$rows) {
    is($row->{status}, 'diverged', "$row->{experiment}: status diverged, not ok");
    is($row->{error}, $want, "$row->{experiment}: the message names the file, the count and the first bad index");
    is($row->{objective_mean}, '', "$row->{experiment}: no objective_mean");
    is($row->{train_steps}, 0, "$row->{experiment}: no training step");
}
is(scalar @$rows, 2, 'both cells recorded');

done_testing();
