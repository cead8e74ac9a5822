#!/usr/bin/env perl
# A plugin file built against the ABI 1.0 header (tests/fixtures/abi10/amor.h,
# frozen; tests/fixtures/abi10/fx_abi10.c: a quadratic problem with y* in
# closed form, a linear model, a regression loss) loads and runs unchanged
# under this host: amor check passes it, amor describe shows "ABI 1.0" and
# none of the later capabilities (the bytes after each of its descriptors
# are not NULL: a host reading past struct_size would see capabilities
# there, or crash calling them), and a run learns y* = A^-1 x exactly.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;
use Cwd qw(abs_path);

my $dir = abs_path("$BUILD/fixtures/abi10");
my $so = "$dir/fx_abi10.so";
ok(-f $so, "the ABI 1.0 fixture is built") or BAIL_OUT("no $so");
delete $ENV{AMOR_PLUGIN_PATH};

# --- amor check ------------------------------------------------------------------
my $r = amor("check", $so);
is($r->{status}, 0, "amor check passes the 1.0 plugins") or diag($r->{out});
my ($plan) = $r->{out} =~ /^1\.\.(\d+)$/m;
my $oks = () = $r->{out} =~ /^ok \d+ /mg;
ok($plan && $oks == $plan && $r->{out} !~ /^not ok/m, "every check ok (" . ($oks // 0) . " of " . ($plan // '?') . ")");
for my $name (qw(fx10_quad fx10_linear fx10_regression)) {
    like($r->{out}, qr/^ok \d+ - \Q$name\E: descriptor: ABI version \(plugin 1\.0, host 1\.\d+\)$/m,
         "$name: checked as a 1.0 plugin");
}
like($r->{out}, qr/^ok \d+ - fx10_quad: solve: /m, "the problem's solve is checked");
like($r->{out}, qr/^ok \d+ - fx10_linear: backward: VJP matches finite differences/m,
     "the model's backward is checked");
like($r->{out}, qr/^ok \d+ - fx10_regression: eval \[T = 3\]: d_iterates matches finite differences/m,
     "the loss's gradient is checked");

# --- amor describe -----------------------------------------------------------------
{
    local $ENV{AMOR_PLUGIN_PATH} = $dir;
    $r = amor("describe", "fx10_quad");
    is($r->{status}, 0, "describe fx10_quad exits 0") or diag($r->{err});
    like($r->{out}, qr/^problem fx10_quad \(version 1\.0, ABI 1\.0, \Q$so\E\)$/m, "describe: ABI 1.0");
    like($r->{out}, qr/^  provides: value, gradient, hvp, solve \(y\*\)$/m,
         "describe: what 1.0 declared, no 1.1 capability read past struct_size");
    $r = amor("describe", "fx10_linear");
    like($r->{out}, qr/^model fx10_linear \(version 1\.0, ABI 1\.0, .*\n.*\n  needs: nothing$/m,
         "the model: ABI 1.0, needs nothing (no needs_for read past its struct)");
    $r = amor("describe", "fx10_regression");
    like($r->{out}, qr/^loss fx10_regression \(version 1\.0, ABI 1\.0, .*\n.*\n  needs: y\*$/m,
         "the loss: ABI 1.0, needs y*");
}

# --- amor run ----------------------------------------------------------------------
my $d = tmpdir();
write_file("$d/abi10.lua", <<'LUA');
local res = experiment {
  name = "abi10",
  problems = {{"fx10_quad", dim = 3}},
  models = {"fx10_linear"},
  losses = {"fx10_regression"},
  train = {steps = 300, batch = 32, lr = 0.05, eval_every = 100},
  eval = {contexts = 64},
  solver = {iterations = 50, methods = {"gd"}, gd_lr = 0.5},
  predict = {{1, 2, 3}, {-3, 0, 6}},
}
for i, p in ipairs(res[1].predictions) do
  print(string.format("PRED%d=%.17g,%.17g,%.17g", i, p[1], p[2], p[3]))
end
LUA
{
    local $ENV{AMOR_PLUGIN_PATH} = $dir;
    $r = amor("run", "$d/abi10.lua", "--out", "$d/out", "-j", "1");
}
is($r->{status}, 0, "amor run of the 1.0 plugins exits 0") or diag($r->{err});
my (undef, $rows) = read_csv("$d/out/runs.csv");
my $row = $rows->[0] // {};
is($row->{status}, 'ok', "the cell's status is ok") or diag($row->{error} // '');
ok(defined $row->{gap_mean} && $row->{gap_mean} ne '' && $row->{gap_mean} < 1e-8,
   "the linear model reaches the optimum (gap " . ($row->{gap_mean} // 'none') . " < 1e-8)");
ok(defined $row->{gd_iters_to_within_delta} && $row->{gd_iters_to_within_delta} ne '',
   "gradient descent through the 1.0 problem's gradient reaches the model (" .
   ($row->{gd_iters_to_within_delta} // 'none') . " iterations)");
# y* = A^-1 x, A = diag(1, 2, 3): x = (1, 2, 3) -> (1, 1, 1), (-3, 0, 6) -> (-3, 0, 2)
my %want = (1 => [1, 1, 1], 2 => [-3, 0, 2]);
for my $i (1, 2) {
    my ($p) = $r->{out} =~ /^PRED$i=(\S+)$/m;
    my @got = split /,/, ($p // '');
    my $err = @got == 3 ? 0 : 1e9;
    $err = abs($got[$_] - $want{$i}[$_]) > $err ? abs($got[$_] - $want{$i}[$_]) : $err for 0 .. $#got;
    ok($err < 1e-4, "prediction $i equals y* = A^-1 x in closed form (@{$want{$i}}; worst error $err)");
}

done_testing();
