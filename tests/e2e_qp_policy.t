#!/usr/bin/env perl
# End to end: the rho_policy model (RLQP's learned ADMM rho on qp) and
# scripts/qp.lua in quick mode.  The untrained policy (zero last layer)
# keeps rho, so its iterates are fixed-rho ADMM's bit for bit (solver_steps
# on qp with adaptive_rho_interval = 0); problems it cannot drive and
# backprop training are refused with their messages; ES training brings
# y_K closer to y* than fixed rho and OSQP's rule at the same K; with the
# policy in the loop (solver_policy) the host counts ADMM's iterations to
# each tolerance, the plain method's exactly when the policy keeps rho.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

my $d = tmpdir();
write_file("$d/eq.lua", <<'LUA');
local qp = {"qp", n = 6, m_ratio = 3, adaptive_rho_interval = 0}
local xs = amor.problem(qp):sample(5, 7, "heldout")
local function run(model)
  local r = amor.run_cell{problem = qp, model = model, loss = "regression",
                          train = {steps = 0}, eval = {contexts = 8}, predict = xs}
  assert(r.status == "ok", r.error)
  return r.predictions
end
local a = run{"rho_policy", steps = 20, interval = 5}
local b = run{"rho_policy", mode = "once", steps = 20, interval = 7}
local c = run{"solver_steps", steps = 20}
for i = 1, #xs do for j = 1, 6 do
  print(string.format("%.17g %.17g %.17g", a[i][j], b[i][j], c[i][j]))
end end
LUA
my $r = amor("run", "$d/eq.lua", "--out", "$d/eq", "-j", "0");
is($r->{status}, 0, "the untrained policies run") or diag($r->{err});
my @rows = grep { /^\S+ \S+ \S+$/ } split /\n/, $r->{out};
is(scalar(@rows), 30, "30 numbers of each");
is(scalar(grep { my @v = split / /; $v[0] eq $v[2] && $v[1] eq $v[2] } @rows), 30,
   "untrained policy and one-shot: fixed-rho ADMM bit for bit");

# The policy in the loop (solver_policy, ABI 1.2): untrained it keeps rho,
# so its counts to each tolerance are the plain method's from the cold
# start, and its residual rows the plain ones.
write_file("$d/tol.lua", <<'LUA');
local r = amor.run_cell{problem = {"qp", n = 6, m_ratio = 3, adaptive_rho_interval = 0},
                        model = {"rho_policy", steps = 20, interval = 5}, loss = "regression",
                        train = {steps = 0}, eval = {contexts = 16, tolerances = {1e-3, 1e-6},
                        max_iterations = 3000}}
assert(r.status == "ok", r.error)
for i, t in ipairs(r.tolerances) do
  print(string.format("TOL %g %.17g %.17g %.17g %.17g %d %d %.17g %.17g", t.tol,
                      t.policy.iters_mean, t.cold.iters_mean, t.policy.iters_median,
                      t.cold.iters_median, t.policy.unconverged, t.cold.unconverged,
                      t.policy.ratio, t.policy.ratio_median))
end
LUA
$r = amor("run", "$d/tol.lua", "--out", "$d/tol", "-j", "0");
is($r->{status}, 0, "the untrained policy's iterations to tolerance run") or diag($r->{err});
my @tol = $r->{out} =~ /^TOL (.*)$/mg;
is(scalar(@tol), 2, "two tolerances");
for (@tol) {
    my ($t, $pm, $cm, $pmed, $cmed, $pu, $cu, $ratio, $rmed) = split / /;
    ok($pm eq $cm && $pmed eq $cmed && $pu eq $cu && $cm > 0,
       "tolerance $t: the untrained policy counts what the plain method counts ($pm = $cm, median $pmed = $cmed)");
    ok($ratio == 1 && $rmed == 1, "tolerance $t: its ratios are 1 ($ratio, $rmed)");
}
my @hdr = split /,/, (split /\n/, read_file("$d/tol/runs.csv"))[0];
is(scalar(grep { /^tol_(0\.001|1e-06)_policy_(iters_mean|iters_median|unconverged|seconds_mean|ratio|ratio_median)$/ } @hdr),
   12, "runs.csv has the six policy columns of each tolerance");
my (%rows);
for (split /\n/, read_file("$d/tol/solver.csv")) {
    my @f = split /,/;
    next unless @f >= 9 && ($f[-7] eq 'step' || $f[-7] eq 'policy');
    push @{$rows{$f[-7]}}, join(',', @f[-6, -2, -1]);
}
ok(@{$rows{policy} || []} > 2, "solver.csv has the policy's residual rows");
is_deeply($rows{policy}, $rows{step}, "... equal to the plain method's, iteration by iteration");

sub refused {
    my ($problem, $model, $train, $want, $what) = @_;
    write_file("$d/bad.lua", <<"LUA");
local r = amor.run_cell{problem = $problem, model = $model, loss = "regression",
                        train = $train, eval = {contexts = 8}}
print("STATUS " .. r.status .. ": " .. r.error)
LUA
    my $b = amor("run", "$d/bad.lua", "--out", "$d/bad", "-j", "0", "--fresh");
    like($b->{out} . $b->{err}, qr/\Q$want\E/, $what);
}
refused('{"quadratic"}', '{"rho_policy"}', '{steps = 0}',
        "needs the problem's own solver (state_dim, solver_init, solver_step, residual), which problem 'quadratic' does not provide",
        'a problem without a solver: refused by the host (AMOR_NEEDS_SOLVER)');
refused('{"qp", n = 4, data = "random"}', '{"rho_policy"}', '{steps = 0}',
        "rho_policy: needs problem qp with data = fixed (x = (q, l, u) of n + 2m, state (y, z, lambda, log rho, k) of n + 3m + 1); this problem has nx = 260, ny = 4, state_dim = 125",
        'qp with data = random (no room for the layout): refused, naming the sizes');
refused('{"enr"}', '{"rho_policy"}', '{steps = 0}',
        "rho_policy: needs problem qp with data = fixed",
        'another problem with a solver (enr): refused');
refused('{"qp", n = 4}', '{"rho_policy", steps = 5, interval = 6}', '{steps = 0}',
        "rho_policy: parameter 'interval' (6) exceeds 'steps' (5): the policy would never act",
        'interval > steps: refused');
refused('{"qp", n = 4}', '{"rho_policy", steps = 5, interval = 5}', '{steps = 2, batch = 4}',
        'model \'rho_policy\' has no gradient (no backward): train it with train.estimator = "es", or evaluate it with train.steps = 0',
        'backprop training: refused by the host before it starts, pointing at ES');

$r = amor("run", "scripts/qp.lua", "--set", "quick=true", "--out", "$d/q", "-j", "2");
is($r->{status}, 0, "scripts/qp.lua quick runs") or diag($r->{err});
my $md = read_file("$d/q/qp.md");
my %dist = $md =~ /^\| (\w+) \| (\S+) \|/mg;
is_deeply([sort keys %dist], [qw(fixed once osqp policy)], "the table has the four rho settings");
cmp_ok($dist{policy}, '<', $dist{osqp}, "the trained policy ends closer to y* than OSQP's rule ($dist{policy} < $dist{osqp})");
cmp_ok($dist{once}, '<', $dist{fixed}, "the trained one-shot rho beats its fixed start ($dist{once} < $dist{fixed})");
my %med = $md =~ /^\| (\w+) \| \S+ \| \d+\.\d \/ (\d+\.\d) \(\d+\) \| \d+\.\d \/ \d+\.\d \(\d+\) \| \d+\.\d\dx \/ \d+\.\d\dx \|$/mg;
is_deeply([sort keys %med], [qw(fixed once osqp policy)],
          "each row has iterations to 1e-3 and 1e-6 (mean / median (unconverged)) and the ratio to OSQP's rule");
cmp_ok($med{policy}, '<', $med{fixed},
       "with the trained policy in the loop the median context needs fewer iterations to 1e-3 than at its fixed start ($med{policy} < $med{fixed})");
cmp_ok($med{once}, '<', $med{fixed}, "so does the one-shot rho ($med{once} < $med{fixed})");
my ($hold_dist) = $md =~ /^\| policy, held after K \| (\S+) \|/m;
is($hold_dist, $dist{policy}, "the policy held after K: the same training, the same distance after K ($dist{policy})");
# beyond = hold acts: past K the held rho leaves fewer contexts unconverged
# at 1e-6 than the policy acting on states it never trained on
my ($act_unc) = $md =~ /^\| policy \| [^|]+\| [^|]+\| \S+ \/ \S+ \((\d+)\) \|/m;
my ($hold_unc) = $md =~ /^\| policy, held after K \| [^|]+\| [^|]+\| \S+ \/ \S+ \((\d+)\) \|/m;
ok(defined $hold_unc && defined $act_unc && $hold_unc < $act_unc,
   "held after K, fewer contexts unconverged at 1e-6 than acting (" . ($hold_unc // '?') . " < " . ($act_unc // '?') . ")");
ok(-s "$d/q/qp_distance.png", "the figure is drawn");
done_testing();
