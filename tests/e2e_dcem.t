#!/usr/bin/env perl
# End to end: the dcem model on a small control_mpc (4 links, 2 motors,
# horizon 5: ny = 10).  Latent DCEM (latent_dim 2, 30 samples, 5 elites, 5
# iterations: 150 objective evaluations per state) trained by regression to
# the expert's controls y* beats its untrained decoder by far, and beats
# full-space CEM (latent_dim = 0, hard elites) with the same 150 evaluations
# per state; every cell makes exactly samples x iters oracle calls per
# instance.  Values normalized per state as in scripts/control.lua: the
# expert (y*) 0, the zero action -1.  Bad parameters fail the cell before
# training with messages naming them.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;
use Time::HiRes qw(time);

my $d = tmpdir();
write_file("$d/dcem.lua", <<'LUA');
local P = {"control_mpc", links = 4, actuated = 2, horizon = 5, baseline = "value"}
local function cell(tag, model, steps)
  local r = amor.run_cell{problem = P, model = model, loss = "regression",
    train = {steps = steps, batch = 16, lr = 3e-3}, eval = {contexts = 128},
    solver = {iterations = 1, methods = {"adam"}, log_every = 1}}
  if r.status ~= "ok" then error(tag .. ": " .. r.error) end
  local f0, fs = r.solver.adam.mean[1], r.optimal_objective_mean
  print(string.format("RES %s %.17g %.17g %.17g %.17g %g", tag, r.objective_mean, fs, f0,
                      r.distance_mean, r.oracle_calls_per_instance))
end
local D = {"dcem", samples = 30, elites = 5, iters = 5, hidden = {32}}
cell("untrained", D, 0)
cell("trained", D, 600)
cell("cem", {"dcem", latent_dim = 0, soft = false, samples = 30, elites = 5, iters = 5}, 0)
LUA
my $t0 = time;
my $r = amor("run", "$d/dcem.lua", "--out", "$d/out", "--quiet");
diag(sprintf("dcem comparison: %.1f s", time - $t0));
is($r->{status}, 0, "the comparison runs") or diag($r->{err});
my %res;
for my $l (split /\n/, $r->{out}) {
    next unless $l =~ /^RES (\S+) (\S+) (\S+) (\S+) (\S+) (\S+)$/;
    $res{$1} = {f => $2, fstar => $3, f0 => $4, dist => $5, calls => $6,
                norm => -($2 - $3) / ($4 - $3)};
}
is_deeply([sort keys %res], [qw(cem trained untrained)], "three cells reported");
for my $k (sort keys %res) {
    is($res{$k}{calls}, 150, "$k: samples x iters = 150 oracle calls per instance");
    diag(sprintf("%-9s objective %.4f  normalized %.4f  |y - y*| %.3f", $k, $res{$k}{f},
                 $res{$k}{norm}, $res{$k}{dist}));
}
SKIP: {
    skip "cells missing", 6 unless keys %res == 3;
    my ($u, $t, $c) = @res{qw(untrained trained cem)};
    # measured: untrained -0.70, trained -0.023, CEM -0.054 (|y - y*| 2.49,
    # 0.45, 2.24); the thresholds leave room for BLAS rounding and the
    # nonlinear chain's sensitivity
    cmp_ok($u->{norm}, '<', -0.4, "the untrained decoder is far from the expert");
    cmp_ok($t->{norm}, '>', -0.035, "trained DCEM comes within 3.5 % of the expert");
    cmp_ok($c->{norm}, '<', -0.04, "CEM over the 10 actions with the same samples does not");
    cmp_ok($t->{f} - $t->{fstar}, '<', 0.6 * ($c->{f} - $c->{fstar}),
           "trained DCEM's gap to f(y*) is below 0.6 of CEM's");
    cmp_ok($t->{dist}, '<', 0.7, "trained DCEM's controls are near the expert's");
    cmp_ok($c->{dist}, '>', 1.5, "CEM's are not");
}

# bad parameters: the cells fail before training, messages naming them
write_file("$d/bad.lua", <<'LUA');
experiment { name = "bad", problems = {{"control_mpc", links = 4, actuated = 2, horizon = 5}},
  models = {{"dcem", samples = 10, elites = 10}, {"dcem", latent_dim = 11}, {"dcem", temperature = 0}},
  losses = {"regression"}, train = {steps = 5, batch = 4}, eval = {contexts = 4}, solver = {iterations = 0} }
LUA
$r = amor("run", "$d/bad.lua", "--out", "$d/bad");
is($r->{status}, 1, "bad parameters: exit status 1");
my (undef, $rows) = read_csv("$d/bad/runs.csv");
my %err = map { ($_->{cell} => $_) } @$rows;
my $p = 'control_mpc(links=4,actuated=2,horizon=5)';
my %want = (
    "$p/dcem(samples=10,elites=10)/regression/seed=1" =>
        "model create: dcem: parameter 'elites' (10) must be below 'samples' (10)",
    "$p/dcem(latent_dim=11)/regression/seed=1" =>
        "model create: dcem: parameter 'latent_dim' (11) must not exceed the length of the solution (the action sequence), ny = 10",
    "$p/dcem(temperature=0)/regression/seed=1" =>
        "model create: dcem: parameter 'temperature' must be > 0, got 0",
);
for my $cell (sort keys %want) {
    my $row = $err{$cell};
    ok($row && $row->{status} eq 'error' && $row->{train_steps} == 0, "$cell: error before training");
    is($row && $row->{error}, $want{$cell}, "$cell: the message");
}
write_file("$d/neg.lua", <<'LUA');
experiment { name = "neg", problems = {{"control_mpc", links = 4, actuated = 2, horizon = 5}},
  models = {{"dcem", temperature = -1}}, losses = {"regression"} }
LUA
$r = amor("run", "$d/neg.lua", "--out", "$d/neg");
is($r->{status}, 1, "a negative temperature: exit status 1");
like($r->{err}, qr/^amor: \Q$d\E\/neg\.lua:1: parameter 'temperature' of model 'dcem' must be in \[0, 1e\+06\], got -1$/m,
     "a negative temperature is refused before any cell runs");
ok(!-e "$d/neg/runs.csv", "nothing written for it");
done_testing();
