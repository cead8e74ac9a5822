#!/usr/bin/env perl
# train.threads: a cell's batch split into shards trained on threads of the
# cell.  Against one thread the same cell must agree to rounding (the shards'
# gradients summed, each scaled by the whole batch: eps = 1 makes Adam's step
# depend on the gradient's scale, so a wrongly scaled shard would show);
# twice the same is identical; small batches stay on one shard, bit for bit;
# the semi-amortized model's oracle calls and iterates, y* solved by the
# shards, a stochastic loss's streams, errors, workers and bad values.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

my $d = tmpdir();
my $FX = "$BUILD/fixtures/fx_misbehave.so";
write_file("$d/threads.lua", <<'LUA');
-- every number a cell returns, one line per cell: NAME key=value ...
local function dump(name, r)
  assert(r.status == "ok", name .. ": " .. r.status .. " " .. (r.error or ""))
  local out = {name}
  for _, k in ipairs{"objective_mean", "gap_mean", "final_train_loss",
                     "oracle_calls_per_instance", "initial_objective_mean"} do
    if r[k] then out[#out + 1] = string.format("%s=%.17g", k, r[k]) end
  end
  local p = {}
  for _, row in ipairs(r.predictions or {}) do
    for _, v in ipairs(row) do p[#p + 1] = string.format("%.17g", v) end
  end
  out[#out + 1] = "pred=" .. table.concat(p, ",")
  local t = {}
  for _, step in ipairs(r.track and r.track.yhat or {}) do
    for _, row in ipairs(step) do
      for _, v in ipairs(row) do t[#t + 1] = string.format("%.17g", v) end
    end
  end
  out[#out + 1] = "track=" .. table.concat(t, ",")
  print("CELL " .. table.concat(out, " "))
end

local PRED4 = {{0.5, -1, 2, 0.25}, {1, 1, 1, 1}, {-2, 0.5, 0, 3}}
local function cell(name, threads, spec)
  spec.experiment = "threads_" .. name
  spec.seed = 1
  spec.train.threads = threads
  spec.train.eps = 1
  spec.solver = {iterations = 0}
  dump(name .. "_t" .. threads, amor.run_cell(spec))
end

for _, t in ipairs{1, 2, 2} do
  cell("mlp", t, {problem = {"quadratic", dim = 4, cond = 10}, model = {"mlp", hidden = {32}},
    loss = "objective", train = {steps = 60, batch = 256, lr = 3e-3, eval_every = 20},
    eval = {contexts = 200, track = 200}, predict = PRED4})
end
for _, t in ipairs{1, 3} do -- shards of 66, 67, 67 rows; held-out 130 = 65 + 65
  cell("three", t, {problem = {"quadratic", dim = 4, cond = 10}, model = {"mlp", hidden = {16}},
    loss = "objective", train = {steps = 40, batch = 200, lr = 3e-3, eval_every = 20},
    eval = {contexts = 130, track = 130}, predict = PRED4})
end
for _, t in ipairs{1, 2} do -- y* solved by the shards
  cell("regression", t, {problem = "tutorial1d", model = {"mlp", hidden = {16}},
    loss = "regression", train = {steps = 40, batch = 128, lr = 3e-3, eval_every = 20},
    eval = {contexts = 128, track = 128}, predict = {{0.5}, {2}}})
end
for _, t in ipairs{1, 2} do -- T = 4 iterates, HVPs through each shard's oracle
  cell("unroll", t, {problem = {"quadratic", dim = 4, cond = 10},
    model = {"unroll_gd", init = "mlp", hidden = {16}, steps = 3, step0 = 0.02, grad = "exact"},
    loss = "objective", train = {steps = 40, batch = 128, lr = 3e-3, eval_every = 20},
    eval = {contexts = 151, track = 151}, predict = PRED4})
end
for _, t in ipairs{1, 2, 2} do -- each shard its own noise stream
  cell("zo", t, {problem = {"quadratic", dim = 4, cond = 10}, model = {"mlp", hidden = {16}},
    loss = {"zeroth_order", samples = 8}, train = {steps = 60, batch = 128, lr = 3e-3, eval_every = 30},
    eval = {contexts = 64}, predict = PRED4})
end
for _, t in ipairs{1, 2} do -- 100 rows: one shard of at least 64 (two would be < 64)
  cell("small", t, {problem = {"quadratic", dim = 4, cond = 10}, model = {"mlp", hidden = {16}},
    loss = "objective", train = {steps = 40, batch = 100, lr = 3e-3, eval_every = 20},
    eval = {contexts = 100, track = 100}, predict = PRED4})
end
LUA
my $r = amor("run", "$d/threads.lua", "--out", "$d/o");
is($r->{status}, 0, "cells with train.threads run") or diag($r->{err});
my %c;
for my $line ($r->{out} =~ /^CELL (.*)$/mg) {
    my ($name, @kv) = split / /, $line;
    my %v = map { split /=/, $_, 2 } @kv;
    $c{$name} = \%v;
}

# largest |a - b| / max(1, |b|) over every number of two cells
sub maxrel {
    my ($a, $b) = @_;
    my $worst = 0;
    for my $k (sort keys %$b) {
        my @x = split /,/, $a->{$k} // '';
        my @y = split /,/, $b->{$k};
        return 1e300 unless @x == @y;
        for my $i (0 .. $#y) {
            my $s = abs($y[$i]) > 1 ? abs($y[$i]) : 1;
            my $e = abs($x[$i] - $y[$i]) / $s;
            $worst = $e if $e > $worst;
        }
    }
    return $worst;
}

for my $case (['mlp', 2], ['three', 3], ['regression', 2], ['unroll', 2]) {
    my ($n, $t) = @$case;
    my ($one, $many) = ($c{"${n}_t1"}, $c{"${n}_t$t"});
    ok($one && $many && length $one->{track} > 1000, "$n: both cells ran, tracks recorded");
    my $e = maxrel($many, $one);
    ok($e < 1e-9, sprintf("%s: %d threads agree with one to %.1e (every prediction, track "
                          . "and metric; want < 1e-9)", $n, $t, $e));
    ok($e > 0, "$n: and differ at rounding level (the shards ran)");
}
is($c{unroll_t2}{oracle_calls_per_instance}, $c{unroll_t1}{oracle_calls_per_instance},
   "unroll: oracle calls per instance counted over the shards ($c{unroll_t1}{oracle_calls_per_instance})");

# the same cell twice with 2 threads: identical (the third run of "mlp" and
# "zo" printed lines with the same name; compare them as printed)
my @mlp2 = $r->{out} =~ /^CELL mlp_t2 (.*)$/mg;
is(scalar @mlp2, 2, "mlp: two runs with 2 threads");
is($mlp2[0], $mlp2[1], "mlp: 2 threads, twice: every number identical");
my @zo2 = $r->{out} =~ /^CELL zo_t2 (.*)$/mg;
is($zo2[0], $zo2[1], "zeroth_order: 2 threads, twice: identical (per-shard noise streams)");
my ($zo1) = $r->{out} =~ /^CELL zo_t1 (.*)$/m;
my %z1 = map { split /=/, $_, 2 } split / /, $zo1;
my %z2 = map { split /=/, $_, 2 } split / /, $zo2[0];
isnt($z2{pred}, $z1{pred}, "zeroth_order: 2 threads draw other noise than one");
ok($z2{objective_mean} < 0.5 * $z2{initial_objective_mean},
   "zeroth_order with 2 threads trains: objective $z2{initial_objective_mean} -> $z2{objective_mean}");
is_deeply($c{small_t2}, $c{small_t1}, "100 rows, 2 threads: one shard, identical to one thread");

# a failing oracle call in the shards: the same message as with one thread
write_file("$d/fail.lua", <<"LUA");
for _, t in ipairs{1, 2} do
  local r = amor.run_cell { experiment = "fail", problem = {"$FX", mode = "error", after = 3},
    model = {"mlp", hidden = {8}}, loss = "objective", seed = 1,
    train = {steps = 10, batch = 128, threads = t}, eval = {contexts = 128}, solver = {iterations = 0} }
  print("FAIL" .. t .. " " .. r.status .. " " .. r.error)
end
LUA
$r = amor("run", "$d/fail.lua", "--out", "$d/f");
my ($f1) = $r->{out} =~ /^FAIL1 (.*)$/m;
my ($f2) = $r->{out} =~ /^FAIL2 (.*)$/m;
is($f1, "error loss: fx_misbehave: deliberate failure after 3 good calls",
   "one thread: the failing call is reported");
is($f2, $f1, "two threads: the same report");

# in sweep workers (-j 2), a swept setting like any other
write_file("$d/sweep.lua", <<'LUA');
experiment { name = "sw", problems = {{"quadratic", dim = 3}}, models = {{"mlp", hidden = {8}}},
  losses = {"objective"}, train = {steps = 30, batch = 128, eval_every = 10,
  threads = amor.sweep{1, 2}}, eval = {contexts = 64}, solver = {iterations = 0} }
LUA
$r = amor("run", "$d/sweep.lua", "--out", "$d/s", "-j", "2");
is($r->{status}, 0, "sweep over train.threads in two workers runs") or diag($r->{err});
my ($h, $rows) = read_csv("$d/s/runs.csv");
is_deeply([sort map { $_->{'train.threads'} } @$rows], [1, 2], "runs.csv: a train.threads column");
is(scalar(grep { $_->{status} eq 'ok' } @$rows), 2, "both cells ok");
my ($a1, $a2) = sort { $a->{'train.threads'} <=> $b->{'train.threads'} } @$rows;
ok(abs($a1->{objective_mean} - $a2->{objective_mean}) <= 1e-9 * abs($a1->{objective_mean}),
   "and agree: $a1->{objective_mean} vs $a2->{objective_mean}");
isnt($a1->{key}, $a2->{key}, "train.threads is part of the content key");

# bad values
write_file("$d/bad.lua", <<'LUA');
experiment { name = "bad", problems = {"quadratic"}, models = {"linear"}, losses = {"objective"},
  train = {steps = 5, threads = 0} }
LUA
$r = amor("run", "$d/bad.lua", "--out", "$d/b");
isnt($r->{status}, 0, "train.threads = 0: non-zero exit");
like($r->{err}, qr/\Q$d\E\/bad\.lua:1: train setting 'threads' must be an integer in \[1, 256\], got 0/,
     "train.threads = 0: named with file and line");

done_testing();
