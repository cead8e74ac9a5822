#!/usr/bin/env perl
# End to end: stochastic policies on control_lqr (nx 4, nu 3, alpha 10).  A
# linear model (pi* = N(-Kx, alpha H^-1) is affine in x, so it can represent
# pi* exactly) trained with the SAC objective (objective loss, exact
# expectation) and with GPS (policy_kl, forward) approaches pi*: the mean
# KL(pi || pi*) and KL(pi* || pi) over 64 held-out states, read from the
# problem's aux view, fall below thresholds measured with margin.  The bad
# inputs: alpha = 0, a Gaussian policy on a problem without the parameter,
# expectation = exact on control_mpc, and policy_kl on an ny that fits no
# layout, each refused with its message before training.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

my $d = tmpdir();
write_file("$d/p.lua", <<'LUA');
local base = {"control_lqr", nx = 4, nu = 3, alpha = 10, policy = "gaussian"}
local xs = amor.problem(base):sample(64, 11, "heldout")
local function run(name, loss)
  local r = amor.run_cell{problem = base, model = "linear", loss = loss,
                          train = {steps = 4000, batch = 64, lr = 1e-2, eval_every = 4000},
                          eval = {contexts = 64}, predict = xs}
  assert(r.status == "ok", r.error)
  local aux = amor.problem(base):aux(xs, r.predictions)
  local k1, k2 = 0, 0
  for i = 1, #xs do k1 = k1 + aux[i][5] / #xs; k2 = k2 + aux[i][6] / #xs end
  print(string.format("KL %s %.6g %.6g", name, k1, k2))
end
local y0 = {}
for i = 1, #xs do y0[i] = {0, 0, 0, 0, 0, 0, 0, 0, 0} end
local aux0 = amor.problem(base):aux(xs, y0)
print(string.format("KL zero %.6g %.6g", aux0[1][5], aux0[1][6]))
run("sac", "objective")
run("gps", {"policy_kl", direction = "forward"})
LUA
my $r = amor("run", "$d/p.lua", "--out", "$d/p", "-j", "0");
is($r->{status}, 0, "the policies train") or diag($r->{err});
my %kl = map { /^KL (\S+) (\S+) (\S+)$/ ? ($1 => [$2, $3]) : () } split /\n/, $r->{out};
diag("mean KL(pi || pi*), KL(pi* || pi): " . join("; ", map { "$_ @{$kl{$_} || []}" } qw(zero sac gps)));
ok($kl{zero} && $kl{zero}[0] > 3 && $kl{zero}[1] > 0.5, "the zero policy N(0, I) is far from pi* (measured 3.45, 0.82)");
# measured: 4.6e-5 both ways after 4000 steps
ok($kl{sac} && $kl{sac}[0] < 1e-3 && $kl{sac}[1] < 1e-3, "SAC (exact expectation): both KLs to pi* below 1e-3");
# measured: 0.24 and 0.14 after 4000 steps (GPS's forward KL converges slower under Adam)
ok($kl{gps} && $kl{gps}[0] < 0.5 && $kl{gps}[1] < 0.3, "GPS (policy_kl forward): KL(pi || pi*) < 0.5, KL(pi* || pi) < 0.3");

sub refused {
    my ($cell, $want, $what) = @_;
    write_file("$d/bad.lua", "local r = amor.run_cell{$cell, train = {steps = 1}}\n"
                           . "print(r.status, r.error)\n");
    my $b = amor("run", "$d/bad.lua", "--out", "$d/bad", "-j", "0");
    like($b->{out} . $b->{err}, $want, $what);
}
refused('problem = {"control_lqr", policy = "gaussian", alpha = 0}, model = "linear", loss = "objective"',
        qr/control_lqr: parameter 'alpha' must be > 0 with policy = gaussian \(the entropy temperature of pi\* = N\(argmin f, alpha H\^-1\)\); got 0/,
        "alpha = 0 refused, naming the parameter");
refused('problem = {"sinusoid", policy = "gaussian"}, model = "linear", loss = "objective"',
        qr/unknown parameter 'policy' for problem 'sinusoid' \(valid: shots, queries,/,
        "a Gaussian policy on a problem without the parameter: the host's unknown-parameter message");
refused('problem = {"control_mpc", policy = "gaussian", expectation = "exact"}, model = "linear", loss = "objective"',
        qr/control_mpc: parameter 'expectation' = exact needs f quadratic in the actions \(control_lqr\); control_mpc's is not: use expectation = sampled/,
        "expectation = exact on control_mpc refused");
refused('problem = {"control_lqr", nx = 4, nu = 3}, model = "linear", loss = "policy_kl"',
        qr/policy_kl: ny = 3 fits no policy = gaussian over d actions \(ny = d \+ d\(d\+1\)\/2: 2, 5, 9, 14, \.\.\. for some d >= 1\); is the problem's policy parameter gaussian\?/,
        "policy_kl on an ny that fits no layout refused");

# amor check: the Gaussian policies pass every check except, where solve is
# not the argmin of the configured objective, solve's two optimality checks
sub check_failures {
    my @args = @_;
    my $c = amor("check", @args);
    return join(",", map { /^not ok \d+ - [^:]+: ([^(]*?) \(/ ? $1 : () } split /\n/, $c->{out});
}
is(check_failures('control_lqr', map { ('--set', $_) } 'nx=4', 'nu=3', 'policy=gaussian'), '',
   'amor check control_lqr policy=gaussian (sac, exact): every check passes');
is(check_failures('control_lqr', map { ('--set', $_) } 'nx=4', 'nu=3', 'policy=gaussian_diag'), '',
   'amor check control_lqr policy=gaussian_diag (diag_pistar = reverse): every check passes');
my $solve2 = 'solve: no descent direction at y*,solve: no random point is better than y*';
is(check_failures('control_lqr', map { ('--set', $_) } 'nx=4', 'nu=3', 'policy=gaussian_diag', 'diag_pistar=forward'),
   $solve2, 'diag_pistar = forward: pi*\'s marginals are not the sac objective\'s argmin (only solve\'s optimality checks fail)');
for my $pol ('gaussian', 'gaussian_diag') {
    is(check_failures('control_mpc', map { ('--set', $_) } 'links=3', 'actuated=2', 'horizon=2', "policy=$pol", 'samples=4'),
       $solve2, "amor check control_mpc policy=$pol: all but solve's optimality pass (the Laplace pi* is not the sampled objective's argmin)");
}
is(check_failures('policy_kl', '--problem', 'control_lqr', map { ('--problem-set', $_) } 'nx=4', 'nu=3', 'policy=gaussian'), '',
   'amor check policy_kl (against control_lqr, policy = gaussian) passes');
is(check_failures('policy_kl', '--set', 'policy=gaussian_diag', '--set', 'direction=reverse'), '',
   'amor check policy_kl (gaussian_diag, reverse, against quadratic) passes');

done_testing();
