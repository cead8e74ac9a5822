#!/usr/bin/env perl
# End to end: the two speedup conventions of runs.csv (docs/results.md
# "Speedups").  The baseline's time to within solver.match_delta of the
# model -- the first solver.csv row (log_every = 1) whose mean is at most
# f_model + delta |f_start - f_model| -- and its time for the whole
# budget, each over the model's time for the batch; delta = 0 is the
# model's own value, delta = 1 the start itself; the Lua result carries the
# same numbers; a delta outside [0, 1] is refused naming the setting.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

my $d = tmpdir();
write_file("$d/sp.lua", <<'LUA');
-- a linear model half way to y* (1000 steps): Adam from zeros passes it
-- after some tens of iterations
for i, delta in ipairs{0, 0.02, 0.3, 1} do
  local r = experiment{name = "d" .. i, problems = {{"quadratic", dim = 4}}, models = {"linear"},
    losses = {"regression"}, train = {steps = 1000}, eval = {contexts = 64},
    solver = {iterations = 300, log_every = 1, match_delta = delta}}
  for _, k in ipairs{"adam_iters_to_within_delta", "adam_seconds_to_within_delta",
                     "adam_speedup_to_within_delta", "adam_seconds_budget", "adam_speedup_budget",
                     "gd_seconds_budget"} do
    print(string.format("LUA d%d %s=%.17g", i, k, r[1][k] or -1))
  end
end
LUA
my $r = amor("run", "$d/sp.lua", "--out", "$d/o");
is($r->{status}, 0, "the script runs") or diag($r->{err});
my ($head, $runs) = read_csv("$d/o/runs.csv");
my (undef, $srows) = read_csv("$d/o/solver.csv");
my %col = map { $_ => 1 } @$head;
for my $m (qw(adam gd)) {
    for my $c (qw(iters_to_within_delta seconds_to_within_delta speedup_to_within_delta
                  seconds_budget speedup_budget)) {
        ok($col{"${m}_$c"}, "runs.csv has ${m}_$c");
    }
}
ok(!$col{adam_speedup} && !$col{adam_iters_to_match}, "the old ambiguous names are gone");
is(scalar @$runs, 4, "four cells (delta 0, 0.02, 0.3, 1)");

my %DELTA = (d1 => 0, d2 => 0.02, d3 => 0.3, d4 => 1);
sub close_to { my ($a, $b) = @_; return abs($a - $b) <= 1e-12 * (abs($a) + abs($b)) + 1e-300 }
my %iters;
for my $row (@$runs) {
    my $delta = $DELTA{$row->{experiment}};
    my $fm = $row->{objective_mean};
    my $batch = $row->{infer_seconds} * $row->{eval_contexts};
    for my $m (qw(adam gd)) {
        my @s = sort { $a->{iteration} <=> $b->{iteration} }
                grep { $_->{cell} eq $row->{cell} && $_->{experiment} eq $row->{experiment}
                       && $_->{solver} eq $m } @$srows;
        is(scalar @s, 301, "d=$delta $m: 301 solver rows");
        my $f0 = $s[0]{objective_mean};
        my $target = $fm + $delta * abs($f0 - $fm);
        my ($hit) = grep { $_->{objective_mean} <= $target } @s;
        my $tag = "delta $delta, $m";
        if ($hit) {
            is($row->{"${m}_iters_to_within_delta"}, $hit->{iteration},
               "$tag: iterations to within delta = the first solver.csv row at or below f_model + delta|f0 - f_model| ($hit->{iteration})");
            ok(close_to($row->{"${m}_seconds_to_within_delta"}, $hit->{seconds}), "$tag: its seconds are that row's");
            ok(close_to($row->{"${m}_speedup_to_within_delta"}, $hit->{seconds} / $batch),
               "$tag: speedup to within delta = those seconds / (infer_seconds x eval_contexts)");
            ok($row->{"${m}_seconds_to_within_delta"} <= $row->{"${m}_seconds_budget"},
               "$tag: seconds to within delta <= seconds of the budget");
        } else {
            is($row->{"${m}_iters_to_within_delta"}, '', "$tag: not reached: empty");
        }
        ok(close_to($row->{"${m}_seconds_budget"}, $s[-1]{seconds}), "$tag: seconds of the budget = the last row's");
        ok(close_to($row->{"${m}_speedup_budget"}, $s[-1]{seconds} / $batch), "$tag: speedup of the budget");
        $iters{$delta}{$m} = $row->{"${m}_iters_to_within_delta"};
    }
}
# the model is better than the start and Adam passes it: delta = 0 is the
# model's own value (the old "to match"), later than any delta > 0
ok($iters{0}{adam} ne '' && $iters{0}{adam} > 0, "delta 0: Adam reaches the model's value after $iters{0}{adam} iterations");
ok($iters{0.02}{adam} <= $iters{0}{adam} && $iters{0.3}{adam} < $iters{0.02}{adam},
   "a larger delta is reached no later ($iters{0}{adam} >= $iters{0.02}{adam} > $iters{0.3}{adam})");
is($iters{1}{$_}, 0, "delta 1: the start itself counts ($_)") for qw(adam gd);
for my $row (@$runs) {
    my $delta = $DELTA{$row->{experiment}};
    for my $k (qw(adam_iters_to_within_delta adam_seconds_to_within_delta adam_speedup_to_within_delta
                  adam_seconds_budget adam_speedup_budget gd_seconds_budget)) {
        my ($v) = $r->{out} =~ /^LUA \Q$row->{experiment}\E \Q$k\E=(\S+)$/m;
        ok(defined $v && close_to($v, $row->{$k}), "delta $delta: the Lua result's $k equals runs.csv's");
    }
}

$r = amor("run", "$d/sp.lua", "--out", "$d/bad", "--set", "solver.match_delta=1.5");
isnt($r->{status}, 0, "match_delta 1.5 is refused");
like($r->{err}, qr/solver setting 'match_delta' must be a number in \[0, 1\], got 1\.5/, "naming the setting and its range");
done_testing();
