#!/usr/bin/env perl
# End to end: the quickstart grid runs and writes the documented schema;
# objective training of an MLP on quadratic cuts the held-out gap >= 100x;
# results are reproducible; adding a cell does not change the others; sweeps,
# overrides, filters, run_cell and divergence behave as documented.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

my $d = tmpdir();
my @TIMING = qw(train_seconds infer_seconds adam_seconds_to_within_delta adam_speedup_to_within_delta adam_seconds_budget adam_speedup_budget
                gd_seconds_to_within_delta gd_speedup_to_within_delta gd_seconds_budget gd_speedup_budget);

# --- quickstart -------------------------------------------------------------
my $r = amor("run", "scripts/quickstart.lua", "--set", "quick=true", "--out", "$d/q1");
is($r->{status}, 0, "quickstart (quick) exits 0");
like($r->{out}, qr/16 cells, 0 failed/, "quickstart: 16 cells, none failed");
like($r->{out}, qr/^cell\s+status\s+objective\s+gap\s+infer_us/m, "prints a summary table");
my ($h, $rows) = read_csv("$d/q1/runs.csv");
my @want = qw(experiment cell problem model loss seed status error train_steps
              train_seconds eval_contexts objective_mean objective_std
              optimal_objective_mean gap_mean distance_mean infer_seconds);
is_deeply([@$h[0 .. $#want]], \@want, "runs.csv starts with the documented columns");
ok((grep { $_ eq 'model.hidden' } @$h), "runs.csv has a column per explicit parameter");
is(scalar @$rows, 16, "runs.csv: one row per cell");
is(scalar(grep { $_->{__nfields} == scalar @$h } @$rows), 16, "every row has every field");
is(scalar(grep { $_->{status} eq 'ok' } @$rows), 16, "every cell ok");
my ($ch, $crows) = read_csv("$d/q1/curves.csv");
is_deeply($ch, [qw(experiment cell step split metric value)], "curves.csv schema");
ok(scalar(grep { $_->{metric} eq 'gap' && $_->{split} eq 'eval' } @$crows) >= 16 * 7,
   "curves.csv has held-out gap rows for every cell and eval step");
my ($sh, $srows) = read_csv("$d/q1/solver.csv");
is_deeply($sh, [qw(experiment cell solver iteration seconds objective_mean objective_std residual_mean
                   residual_median)],
          "solver.csv schema");
is(scalar(grep { $_->{residual_mean} ne '' || $_->{residual_median} ne '' } @$srows), 0,
   "... the residual columns empty in the baselines' rows");
ok(scalar(grep { $_->{solver} eq 'adam' } @$srows) > 0 && scalar(grep { $_->{solver} eq 'gd' } @$srows) > 0,
   "solver.csv has adam and gd rows");
for my $fig (qw(quickstart_training_quadratic_dim_4_cond_10 quickstart_solver_quadratic_dim_4_cond_10
                quickstart_training_rosenbrock quickstart_solver_rosenbrock)) {
    ok(-s "$d/q1/$fig.gp" && -s "$d/q1/$fig.png" && -s "$d/q1/$fig.svg", "figure $fig: .gp, .png and .svg");
}

# --- the demo's Rosenbrock solver figure reads right ------------------------------
# Adam at a fixed step that is too large for the valley falls to 1e-30 and
# jumps back to 1e-5; the demo's lr (5e-3) descends without climbing back
# (on the log axis: never above 10x its best so far), and the figure says
# that it draws each iterate's own value
my %adam_rows;
push @{$adam_rows{$_->{cell}}}, $_ for grep { $_->{solver} eq 'adam' && $_->{cell} =~ /^rosenbrock/ } @$srows;
is(scalar keys %adam_rows, 8, "Adam rows for the 8 Rosenbrock cells");
for my $cell (sort keys %adam_rows) {
    my ($best, $worst) = (9**9**9, 1);
    for my $row (sort { $a->{iteration} <=> $b->{iteration} } @{$adam_rows{$cell}}) {
        $worst = $row->{objective_mean} / $best if $best > 0 && $row->{objective_mean} / $best > $worst;
        $best = $row->{objective_mean} if $row->{objective_mean} < $best;
    }
    ok($worst <= 10, sprintf("%s: Adam never climbs above 10x its best so far (worst %.3g x)", $cell, $worst));
}
my $gp = read_file("$d/q1/quickstart_solver_rosenbrock.gp");
like($gp, qr/set title 'held-out mean objective at each solver iterate \(not best so far\); lines: the models'' predictions'/,
     "the solver figure's caption says what is plotted");

# --- objective-trained MLP on quadratic: >= 100x gap reduction ---------------
for my $row (grep { $_->{problem} eq 'quadratic' && $_->{model} eq 'mlp' && $_->{loss} eq 'objective' } @$rows) {
    my $ratio = $row->{initial_gap_mean} / $row->{gap_mean};
    ok($ratio >= 100, sprintf("%s: held-out gap %.3g -> %.3g (%.0fx, want >= 100x)",
                              $row->{cell}, $row->{initial_gap_mean}, $row->{gap_mean}, $ratio));
}
# and the regression loss reaches y* in distance
for my $row (grep { $_->{problem} eq 'quadratic' && $_->{model} eq 'mlp' && $_->{loss} eq 'regression' } @$rows) {
    ok($row->{distance_mean} < 0.1, "$row->{cell}: distance to y* $row->{distance_mean} < 0.1");
}

# --- determinism ----------------------------------------------------------------
$r = amor("run", "scripts/quickstart.lua", "--set", "quick=true", "--out", "$d/q2");
my (undef, $rows2) = read_csv("$d/q2/runs.csv");
is_deeply([map { strip_cols($_, @TIMING) } @$rows2], [map { strip_cols($_, @TIMING) } @$rows],
          "same script, same seeds: identical runs.csv apart from timing columns");
my (undef, $crows2) = read_csv("$d/q2/curves.csv");
is_deeply([map { strip_cols($_) } @$crows2], [map { strip_cols($_) } @$crows],
          "identical curves.csv");
my (undef, $srows2) = read_csv("$d/q2/solver.csv");
is_deeply([map { strip_cols($_, 'seconds') } @$srows2], [map { strip_cols($_, 'seconds') } @$srows],
          "identical solver.csv apart from seconds");

# --- adding a cell does not change the others -------------------------------
my $base = <<'LUA';
experiment { name = "grow", problems = {{"quadratic", dim = 3}, "rosenbrock"},
  models = MODELS, losses = {"objective"}, seeds = SEEDS,
  train = {steps = 60, batch = 16, eval_every = 20}, eval = {contexts = 32},
  solver = {iterations = 20} }
LUA
(my $small = $base) =~ s/MODELS/{{"mlp", hidden = {8}}}/; $small =~ s/SEEDS/{1}/;
(my $big = $base) =~ s/MODELS/{"linear", {"mlp", hidden = {8}}, {"mlp", hidden = {16}}}/; $big =~ s/SEEDS/{3, 1}/;
write_file("$d/small.lua", $small);
write_file("$d/big.lua", $big);
amor("run", "$d/small.lua", "--out", "$d/g1");
$r = amor("run", "$d/big.lua", "--out", "$d/g2");
my (undef, $g1) = read_csv("$d/g1/runs.csv");
my (undef, $g2) = read_csv("$d/g2/runs.csv");
my $by2 = csv_rows_by($g2, 'cell');
is(scalar @$g2, 12, "the larger grid has 12 cells");
for my $row (@$g1) {
    my $other = $by2->{$row->{cell}};
    ok($other, "cell $row->{cell} exists in the larger grid");
    is($other && strip_cols($other, @TIMING, 'model.hidden'), strip_cols($row, @TIMING, 'model.hidden'),
       "cell $row->{cell}: same numbers with other cells added");
}

# --- sweeps, overrides, filters ----------------------------------------------
write_file("$d/sweep.lua", <<'LUA');
local res = experiment { name = "sw", problems = {{"quadratic", dim = 2}},
  models = {{"mlp", hidden = amor.sweep{{4}, {8, 8}}}}, losses = {"regression", "objective"},
  train = {steps = 30, lr = amor.sweep{1e-3, 1e-2}, eval_every = 10}, eval = {contexts = 16},
  solver = {iterations = 10},
  override = function(cell) if cell.loss.name == "regression" then cell.train.batch = 8 end end,
  filter = function(cell) return not (cell.loss.name == "regression" and cell.train.lr > 0.005) end }
assert(#res == 6, "expected 6 results, got " .. #res)
local one = amor.run_cell { experiment = "adhoc", problem = {"quadratic", dim = 2}, model = "linear",
  loss = "objective", seed = 5, train = {steps = 10}, eval = {contexts = 8}, solver = {iterations = 0} }
assert(one.status == "ok" and type(one.objective_mean) == "number", "run_cell returns metrics")
print("RUN_CELL_OBJECTIVE=" .. one.objective_mean)
LUA
$r = amor("run", "$d/sweep.lua", "--out", "$d/s1");
is($r->{status}, 0, "sweep script runs") or diag($r->{err});
like($r->{out}, qr/RUN_CELL_OBJECTIVE=-?\d/, "amor.run_cell returns metrics to Lua");
($h, $rows) = read_csv("$d/s1/runs.csv");
is(scalar @$rows, 7, "2 hidden x 2 lr x 2 losses, minus 2 filtered, plus one run_cell");
ok((grep { $_ eq 'train.lr' } @$h), "swept setting gets a column");
my %lrs = map { $_->{'train.lr'} => 1 } grep { $_->{experiment} eq 'sw' } @$rows;
is_deeply([sort keys %lrs], ['0.001', '0.01'], "train.lr column holds the swept values");
my %hid = map { $_->{'model.hidden'} => 1 } grep { $_->{experiment} eq 'sw' } @$rows;
is_deeply([sort keys %hid], ['4', '8,8'], "model.hidden column holds both sizes");
ok(!(grep { $_->{loss} eq 'regression' && $_->{'train.lr'} eq '0.01' } @$rows), "filter removed cells");

# command-line overrides of settings
$r = amor("run", "$d/small.lua", "--out", "$d/g3", "--set", "train.steps=7");
($h, $rows) = read_csv("$d/g3/runs.csv");
is($rows->[0]{train_steps}, 7, "--set train.steps=7 overrides the script's setting");

# --- divergence ----------------------------------------------------------------
write_file("$d/diverge.lua", <<"LUA");
experiment { name = "dv", problems = {"$BUILD/fixtures/fx_nan.so"}, models = {"linear"},
  losses = {"objective"}, train = {steps = 50, lr = amor.sweep{1e-3, 1e3}}, eval = {contexts = 8},
  solver = {iterations = 5} }
LUA
$r = amor("run", "$d/diverge.lua", "--out", "$d/dv");
isnt($r->{status}, 0, "a diverged cell makes the exit status non-zero");
($h, $rows) = read_csv("$d/dv/runs.csv");
my %st = map { $_->{'train.lr'} => $_ } @$rows;
is($st{'1000'}{status}, 'diverged', "huge learning rate: status diverged");
like($st{'1000'}{error}, qr/non-finite/, "diverged: the error says what went non-finite");
is($st{'0.001'}{status}, 'ok', "the other cell still ran");
like($r->{out}, qr/2 cells, 1 failed/, "summary counts the failure");

done_testing();
