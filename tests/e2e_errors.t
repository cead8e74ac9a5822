#!/usr/bin/env perl
# Bad input: each gets a clear message (script path:line, the plugin or
# parameter named) and a non-zero exit, and nothing already written is lost.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

my $d = tmpdir();
my $good = <<'LUA';
experiment { name = "ok", problems = {{"quadratic", dim = 2}}, models = {"linear"},
             losses = {"objective"}, train = {steps = 20}, eval = {contexts = 16},
             solver = {iterations = 10} }
LUA

# --- syntax error -------------------------------------------------------
write_file("$d/syntax.lua", "-- comment\nlocal x = 1\nexperiment { name = \"a\" \n  problems = 3\n}\n");
my $r = amor("run", "$d/syntax.lua", "--out", "$d/out1");
isnt($r->{status}, 0, "syntax error: non-zero exit");
like($r->{err}, qr/\Q$d\E\/syntax\.lua:4: '}' expected \(to close '\{' at line 3\) near 'problems'/,
     "syntax error: Lua's message with path:line");
ok(!-e "$d/out1/runs.csv", "syntax error: no results written");

# --- runtime error --------------------------------------------------------
write_file("$d/runtime.lua", "local t = nil\n\nlocal y = t.field\n");
$r = amor("run", "$d/runtime.lua", "--out", "$d/out2");
isnt($r->{status}, 0, "runtime error: non-zero exit");
like($r->{err}, qr/\Q$d\E\/runtime\.lua:3: attempt to index a nil value \(local 't'\)/,
     "runtime error: path:line and Lua's message");
like($r->{err}, qr/stack traceback/, "runtime error: with a traceback");

# --- unknown plugin -------------------------------------------------------
write_file("$d/unknown_plugin.lua", "\n\nexperiment { name = \"u\", problems = {\"quadratic\"},\n" .
           "  models = {\"mlpp\"}, losses = {\"objective\"} }\n");
$r = amor("run", "$d/unknown_plugin.lua", "--out", "$d/out3");
isnt($r->{status}, 0, "unknown plugin: non-zero exit");
like($r->{err}, qr/unknown_plugin\.lua:3: unknown model 'mlpp' \(known: [a-z_ ]*\blinear\b[a-z_ ]*\bmlp\b/,
     "unknown plugin: named, with the script line and the known models");

# --- unknown parameter ----------------------------------------------------
write_file("$d/unknown_param.lua", "experiment { name = \"p\", problems = {\"quadratic\"},\n" .
           "  models = {{\"mlp\", hiden = {8}}}, losses = {\"objective\"} }\n");
$r = amor("run", "$d/unknown_param.lua", "--out", "$d/out4");
isnt($r->{status}, 0, "unknown parameter: non-zero exit");
like($r->{err}, qr/unknown_param\.lua:1: unknown parameter 'hiden' for model 'mlp' \(valid: hidden, activation, output, box_lo, box_hi\)/,
     "unknown parameter: named, with the valid names");

# --- out of range / wrong type -------------------------------------------
write_file("$d/range.lua", "experiment { name = \"r\", problems = {{\"quadratic\", cond = 0.5}},\n" .
           "  models = {\"linear\"}, losses = {\"objective\"} }\n");
$r = amor("run", "$d/range.lua", "--out", "$d/out5");
isnt($r->{status}, 0, "out-of-range parameter: non-zero exit");
like($r->{err}, qr/range\.lua:1: parameter 'cond' of problem 'quadratic' must be in \[1, 1e\+08\], got 0\.5/,
     "out-of-range parameter: names the parameter, its range and the value");
write_file("$d/type.lua", "experiment { name = \"t\", problems = {{\"quadratic\", dim = \"four\"}},\n" .
           "  models = {\"linear\"}, losses = {\"objective\"} }\n");
$r = amor("run", "$d/type.lua", "--out", "$d/out6");
like($r->{err}, qr/type\.lua:1: parameter 'dim' of problem 'quadratic' must be of type int, got string/,
     "wrong parameter type: names the parameter and the types");

# --- unknown setting --------------------------------------------------------
write_file("$d/setting.lua", "experiment { name = \"s\", problems = {\"quadratic\"},\n" .
           "  models = {\"linear\"}, losses = {\"objective\"}, train = {stepz = 3} }\n");
$r = amor("run", "$d/setting.lua", "--out", "$d/out7");
like($r->{err}, qr/setting\.lua:1: unknown train setting 'stepz' \(valid: steps, batch, lr,/,
     "unknown train setting: named, with the valid ones");
write_file("$d/field.lua", "experiment { name = \"f\", problem = {\"quadratic\"},\n" .
           "  models = {\"linear\"}, losses = {\"objective\"} }\n");
$r = amor("run", "$d/field.lua", "--out", "$d/out8");
like($r->{err}, qr/field\.lua:1: experiment 'f': unknown field 'problem' \(valid: name, problems,/,
     "unknown experiment field: named");

# --- an error after an experiment ran keeps its results -------------------
write_file("$d/late.lua", $good . "\nerror('stop here')\n");
$r = amor("run", "$d/late.lua", "--out", "$d/out9");
isnt($r->{status}, 0, "late error: non-zero exit");
like($r->{err}, qr/late\.lua:5: stop here/, "late error: path:line");
like($r->{err}, qr/1 cell finished before the error; results kept in/, "late error: says what was kept");
my ($h, $rows) = read_csv("$d/out9/runs.csv");
is(scalar @$rows, 1, "late error: the finished cell's row is in runs.csv");
is($rows->[0]{status}, "ok", "late error: and it is whole");

# --- a failing script leaves earlier results of the directory intact -----
write_file("$d/good.lua", $good);
$r = amor("run", "$d/good.lua", "--out", "$d/out10");
is($r->{status}, 0, "good script runs");
open(my $fh, '<', "$d/out10/runs.csv"); my $before = do { local $/; <$fh> }; close $fh;
$r = amor("run", "$d/unknown_param.lua", "--out", "$d/out10");
open($fh, '<', "$d/out10/runs.csv"); my $after = do { local $/; <$fh> }; close $fh;
is($after, $before, "a script failing validation leaves the directory's runs.csv untouched");
my @tmp = glob("$d/out10/*.tmp*");
is(scalar @tmp, 0, "no temporary files are left behind");

# --- incompatible combinations and broken plugins --------------------------
write_file("$d/incompat.lua", "experiment { name = \"i\", problems = {\"$d/../no\"}, models = {\"linear\"}, losses = {\"objective\"} }\n");
$r = amor("run", "$d/incompat.lua", "--out", "$d/out11");
like($r->{err}, qr/incompat\.lua:1: .*no: cannot open plugin: no such file/, "a missing plugin file is named");

write_file("$d/zero.lua", "experiment { name = \"z\", problems = {\"$BUILD/fixtures/fx_zero_dims.so\"},\n" .
           "  models = {\"linear\"}, losses = {\"objective\"}, train = {steps = 5}, solver = {iterations = 0} }\n");
$r = amor("run", "$d/zero.lua", "--out", "$d/out12");
isnt($r->{status}, 0, "a problem with ny = 0: non-zero exit");
($h, $rows) = read_csv("$d/out12/runs.csv");
is($rows->[0]{status}, "error", "a problem with ny = 0: the cell is recorded as an error");
like($rows->[0]{error}, qr/problem 'fx_zero' reports dims nx = 1, ny = 0; both must be positive/,
     "a problem with ny = 0: the message names the plugin and the dims");

# --- a model needing gradients on a problem without them ---------------------
write_file("$d/needs.lua", "experiment { name = \"n\", problems = {\"$BUILD/fixtures/fx_good.so\"},\n" .
           "  models = {{\"unroll_gd\", steps = 2}}, losses = {\"regression\"}, keep_incompatible = true,\n" .
           "  train = {steps = 5}, solver = {iterations = 0} }\n");
$r = amor("run", "$d/needs.lua", "--out", "$d/out13", "-j", "1");
isnt($r->{status}, 0, "model needing gradients: non-zero exit");
($h, $rows) = read_csv("$d/out13/runs.csv");
like($rows->[0]{error} // '', qr/loss 'regression' needs reference solutions y\* but problem 'fx_one' has no solver|model 'unroll_gd' takes gradient steps but problem 'fx_one' provides only values/,
     "an incompatible cell is refused before training, naming the capability");
write_file("$d/needs2.lua", "experiment { name = \"n2\", problems = {\"$BUILD/fixtures/fx_good.so\"},\n" .
           "  models = {{\"unroll_gd\", steps = 2}}, losses = {\"zeroth_order\"},\n" .
           "  train = {steps = 5}, solver = {iterations = 0} }\n");
$r = amor("run", "$d/needs2.lua", "--out", "$d/out14");
like($r->{out}, qr/skipped .*unroll_gd.* \(model 'unroll_gd' takes gradient steps but problem 'fx_one' provides only values\)/,
     "a model needing gradients on a value-only problem is skipped with the reason");

# implicit differentiation needs the problem's own HVPs (the host's finite
# differences of value_grad serve the other modes, not CG to 1e-10)
write_file("$d/needs3.lua", "experiment { name = \"n3\", problems = {\"$BUILD/fixtures/fx_overflow.so\"},\n" .
           "  models = {{\"unroll_gd\", steps = 2, lambda = 1, learn_steps = false, grad = amor.sweep{\"implicit\", \"exact\"}}},\n" .
           "  losses = {\"objective\"}, train = {steps = 2}, eval = {contexts = 4, timing = 0}, solver = {iterations = 0} }\n");
$r = amor("run", "$d/needs3.lua", "--out", "$d/out15");
like($r->{out}, qr/skipped fx_overflow\/unroll_gd\([^)]*grad=implicit[^)]*\)\/objective\/seed=1 \(model 'unroll_gd' \(unroll_gd\([^)]*grad=implicit[^)]*\)\) needs exact Hessian-vector products \(hvp\), which problem 'fx_overflow' does not provide\)/,
     "grad = implicit on a problem without hvp is skipped before training, naming the capability");
($h, $rows) = read_csv("$d/out15/runs.csv");
is(scalar(@$rows), 1, "the exact-mode cell (finite-difference HVPs) still runs");

# --- CLI ----------------------------------------------------------------------
$r = amor("--version");
like($r->{out}, qr/^amor \d+\.\d+\.\d+ \(plugin ABI 1\.\d+\)$/m, "--version prints the ABI version");
{
    # the OpenBLAS line: one thread unless the environment says otherwise,
    # and the environment's kernel choice passed through untouched
    local $ENV{OPENBLAS_NUM_THREADS};
    local $ENV{OPENBLAS_CORETYPE};
    delete $ENV{OPENBLAS_NUM_THREADS};
    delete $ENV{OPENBLAS_CORETYPE};
    $r = amor("--version");
    like($r->{out}, qr/^blas: OpenBLAS \d+\.\d+\.\d+ .* core=\w+ threads=1 coretype=unset$/m,
         "--version: OpenBLAS, its kernels, one thread by default, no pinned kernels");
    $ENV{OPENBLAS_NUM_THREADS} = 2;
    $ENV{OPENBLAS_CORETYPE} = "Prescott";
    $r = amor("--version");
    like($r->{out}, qr/^blas: .* core=Prescott threads=2 coretype=Prescott$/m,
         "--version: OPENBLAS_NUM_THREADS and OPENBLAS_CORETYPE from the environment are kept");
}
$r = amor("run");
is($r->{status}, 2, "run without a script: usage error");
like($r->{err}, qr/missing SCRIPT\.lua/, "run without a script: says so");
$r = amor("frobnicate");
like($r->{err}, qr/unknown command 'frobnicate'/, "unknown command named");
$r = amor("describe", "nosuch");
like($r->{err}, qr/unknown plugin 'nosuch' \(known: /, "describe of an unknown plugin");
$r = amor("describe", "quadratic");
like($r->{out}, qr/^  cond\s+real\s+default 10\s+range \[1, 1e\+08\]/m, "describe lists parameters with defaults and ranges");
$r = amor("list", "losses");
like($r->{out}, qr/^loss\s+regression\s/m, "list losses");
unlike($r->{out}, qr/^model/m, "list losses lists only losses");

done_testing();
