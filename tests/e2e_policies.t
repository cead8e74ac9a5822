#!/usr/bin/env perl
# End to end: the diagonal Gaussian policy reaches the best diagonal
# Gaussian of its direction of KL -- the SAC objective (reverse KL) the
# variances alpha / H_jj, GPS (policy_kl forward to pi*'s marginals) the
# variances alpha (H^-1)_jj, which differ -- with H from the deterministic
# problem's own HVPs and inverted here; and scripts/policies.lua in quick
# mode: its four sections, figures, and the orderings its quick run shows
# (SAC lowers the KL to pi*, SVG's forward KL is the largest of the
# full-covariance ones, the semi-amortized policy ends closest to pi*,
# fine-tuning lowers the planning objective, latent DCEM with 150 samples
# beats CEM with 100).
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

my $d = tmpdir();

# --- the two diagonal optima -------------------------------------------------
write_file("$d/diag.lua", <<'LUA');
local NX, NU, ALPHA = 4, 3, 10
local det = amor.problem{"control_lqr", nx = NX, nu = NU}
local x1 = det:sample(1, 3, "heldout")
local u1 = det:solve(x1)
for j = 1, NU do
  local e = {}
  for q = 1, NU do e[q] = q == j and 1 or 0 end
  print("H " .. table.concat(det:hvp(x1, u1, {e})[1], " "))
end
local function train(name, prob, loss)
  local xs = amor.problem(prob):sample(32, 9, "heldout")
  local r = amor.run_cell{problem = prob, model = "linear", loss = loss,
                          train = {steps = 6000, batch = 64, lr = 1e-2, eval_every = 0},
                          eval = {contexts = 32}, predict = xs}
  assert(r.status == "ok", r.error)
  local s = {}
  for j = 1, NU do
    s[j] = 0
    for i = 1, #xs do s[j] = s[j] + math.exp(2 * r.predictions[i][NU + j]) / #xs end
  end
  print(name .. " " .. table.concat(s, " "))
end
local base = {"control_lqr", nx = NX, nu = NU, alpha = ALPHA, policy = "gaussian_diag"}
train("SAC", base, "objective")
local fwd = {"control_lqr", nx = NX, nu = NU, alpha = ALPHA, policy = "gaussian_diag",
             diag_pistar = "forward"}
train("GPS", fwd, {"policy_kl", direction = "forward", policy = "gaussian_diag"})
LUA
my $r = amor("run", "$d/diag.lua", "--out", "$d/diag", "-j", "0");
is($r->{status}, 0, "the diagonal policies train") or diag($r->{err});
my @H = map { [split / /] } $r->{out} =~ /^H (.*)$/mg;
my ($sac) = $r->{out} =~ /^SAC (.*)$/m;
my ($gps) = $r->{out} =~ /^GPS (.*)$/m;
is(scalar(@H), 3, "H: 3 x 3 from the problem's HVPs");
# (H^-1)_jj by cofactors of the symmetric 3 x 3
my @h = map { @$_ } @H;
my $det = $h[0] * ($h[4] * $h[8] - $h[5] * $h[7]) - $h[1] * ($h[3] * $h[8] - $h[5] * $h[6])
        + $h[2] * ($h[3] * $h[7] - $h[4] * $h[6]);
my @inv = (($h[4] * $h[8] - $h[5] * $h[7]) / $det, ($h[0] * $h[8] - $h[2] * $h[6]) / $det,
           ($h[0] * $h[4] - $h[1] * $h[3]) / $det);
my @rev = map { 10 / $H[$_][$_] } 0 .. 2;
my @fwd = map { 10 * $inv[$_] } 0 .. 2;
my @s = split / /, $sac // '';
my @g = split / /, $gps // '';
my $differ = 0;
for my $j (0 .. 2) {
    cmp_ok(abs($s[$j] / $rev[$j] - 1), '<', 0.02,
           "SAC diagonal: sigma_$j^2 = $s[$j], alpha / H_jj = $rev[$j]");
    cmp_ok(abs($g[$j] / $fwd[$j] - 1), '<', 0.02,
           "GPS diagonal: sigma_$j^2 = $g[$j], alpha (H^-1)_jj = $fwd[$j]");
    $differ++ if abs($fwd[$j] / $rev[$j] - 1) > 0.1;
}
cmp_ok($differ, '>=', 1, "the two directions' optima differ (by more than 10 % in $differ of 3)");

# --- scripts/policies.lua, quick -------------------------------------------
$r = amor("run", "scripts/policies.lua", "--set", "quick=true", "--out", "$d/q", "-j", "2");
is($r->{status}, 0, "scripts/policies.lua quick runs") or diag($r->{err});
my $md = read_file("$d/q/policies.md");
like($md, qr/^## $_\./m, "section $_") for 1 .. 4;
ok(-s "$d/q/$_.png", "$_.png drawn") for qw(policies_kl policies_dcem policies_finetune);
my @rows = $md =~ /^\| ([^|]+?) \| gaussian(?:_diag)? \| (\S+) \| (\S+) \| (\S+) \|$/mg;
my %row;
while (my ($name, $a, $b, $c) = splice(@rows, 0, 4)) { $row{$name} = [$a, $b, $c] }
is(scalar(keys %row), 6, "six KL rows");
cmp_ok($row{SAC}[1], '<', $row{SAC}[0] / 100, "SAC: KL(pi || pi*) falls a hundredfold ($row{SAC}[0] -> $row{SAC}[1])");
cmp_ok($row{SVG}[2], '>', $row{SAC}[2], "SVG's KL(pi* || pi) is above SAC's: no entropy term ($row{SVG}[2] > $row{SAC}[2])");
my %gap = $md =~ /^\| (direct: mlp|iterative: learned_update \(K = 5\)|semi-amortized: unroll_gd \(K = 5\)) \| \S+ \| (\S+) \|/mg;
is(scalar(keys %gap), 3, "three iterative-policy rows");
cmp_ok($gap{'semi-amortized: unroll_gd (K = 5)'}, '<', $gap{'direct: mlp'},
       "gradient steps from the learned init end closer to pi* than the direct policy");
my ($d150) = $md =~ /^\| 150 \| (\S+) \|/m;
my ($c100) = $md =~ /^\| 100 \| +\| (\S+) \|/m;
ok(defined $d150 && defined $c100 && $d150 > $c100,
   "latent DCEM with 150 samples beats CEM with 100 (" . ($d150 // '?') . " > " . ($c100 // '?') . ")");
my ($k0) = $md =~ /^\| 0 \| (\S+) /m;
my ($k10) = $md =~ /^\| 10 \| (\S+) /m;
ok(defined $k0 && defined $k10 && $k10 < $k0, "10 gradient steps at test time lower the trained policy's suboptimality (" . ($k0 // "?") . " -> " . ($k10 // "?") . ")");
done_testing();
