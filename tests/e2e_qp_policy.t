#!/usr/bin/env perl
# End to end: the rho_policy model (RLQP's learned ADMM rho on qp) and
# scripts/qp.lua in quick mode.  The untrained policy (zero last layer)
# keeps rho, so its iterates are fixed-rho ADMM's bit for bit (solver_steps
# on qp with adaptive_rho_interval = 0); problems it cannot drive and
# backprop training are refused with their messages; ES training brings
# y_K closer to y* than fixed rho and OSQP's rule at the same K.
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
like($md, qr/^\| osqp \| \S+ \| \d+\.\d \| \d+\.\d \|$/m, "OSQP's iterations to 1e-3 and 1e-6 are in the table");
ok(-s "$d/q/qp_distance.png", "the figure is drawn");
done_testing();
