#!/usr/bin/env perl
# End to end: eval.model (a trained theta evaluated by a model with other
# parameters: MAML trained with 1 inner step, evaluated with 10) and
# eval.iterates (held-out metrics of chosen iterates of the output).
# - sinusoid with unroll_gd, learn_steps = false (theta does not depend on
#   steps): trained with steps = 1, evaluated with eval.model = {steps = 10}
#   and eval.iterates = {0, 1, 10}.  The same seed trains the same theta
#   whatever the eval settings, so iterates 0 and 1 are those of the cell
#   without eval.model bit for bit, iterate 10 is the cell's own objective,
#   and 10 gradient steps of 0.01 on the smooth support MSE lower it; the
#   existing way (train.init_from the first cell's checkpoint, train.steps
#   = 0, model steps = 10) gives the same numbers, with train.threads = 2
#   too;
# - quadratic (y* known): iter<t>_gap_mean / _distance_mean, predict and
#   the tracks come from the evaluation model: its prediction is 4 more
#   gradient steps (the problem's own gradient, from Lua) from the 1-step
#   model's;
# - every held-out evaluation runs the evaluation model (curves.csv), and
#   eval.tolerances warm-starts from its predictions (lasso);
# - -j 2 gives the same runs.csv, a finished cell is resumed from the store,
#   another eval.model is another key; --only eval.model.steps selects;
# - bad input: unknown or mistyped eval.model parameters, a num_params
#   mismatch, eval.iterates out of range, negative, not increasing,
#   --set eval.model.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

my $d = tmpdir();

# $got and $want are the same number as runs.csv writes it (shortest
# round-trip text: the same text is the same double), not both empty
sub same {
    my ($got, $want, $name) = @_;
    ok(defined $got && defined $want && $got =~ /\d/ && $got eq $want, $name)
        or diag("got '" . ($got // 'undef') . "', want '" . ($want // 'undef') . "'");
}

# ---- sinusoid: MAML's 1 and 10 inner steps ----------------------------------------
write_file("$d/m.lua", <<'LUA');
local esteps = amor.setting("esteps", 10)
local res = experiment { name = "em",
  problems = {{"sinusoid", shots = 5, queries = 10, hidden = {16}}},
  models = {{"unroll_gd", init = "constant", init_std = 0.1, steps = 1, step0 = 0.01,
             learn_steps = false}},
  losses = {{"objective", on = "validation"}},
  train = {steps = 300, batch = 25, lr = 1e-3, eval_every = 100, save_model = true},
  eval = {contexts = 200, timing = 0, model = amor.sweep{{}, {steps = esteps}}},
  solver = {iterations = 0},
  override = function(cell)
    cell.eval.iterates = cell.eval.model.steps and {0, 1, esteps} or {0, 1}
  end }
for i, r in ipairs(res) do
  for _, it in ipairs(r.iterates or {}) do
    print(string.format("IT %d %d %.17g %.17g %.17g %.17g %s", i, it.iterate, it.objective_mean,
                        it.objective_std, it.validation_mean, it.validation_std,
                        tostring(it.gap_mean)))
  end
end
LUA
my $r = amor('run', "$d/m.lua", '--out', "$d/o", '-j', '1');
is($r->{status}, 0, 'the sinusoid cells run') or diag($r->{err});
my ($hdr, $rows) = read_csv("$d/o/runs.csv");
my ($B, $A) = @$rows;
is(scalar @$rows, 2, 'two cells: without and with eval.model');
is($A->{status} . $B->{status}, 'okok', 'both ok') or diag("$A->{error} $B->{error}");
like($A->{cell}, qr{/seed=1/eval\.model\.steps=10$}, "the cell's id names eval.model ($A->{cell})");
unlike($B->{cell}, qr/eval\.model/, 'the other id does not');
is($A->{'eval.model.steps'}, '10', 'column eval.model.steps: 10');
is($B->{'eval.model.steps'}, '', '... empty without eval.model');
is($A->{num_params}, 49, 'both models have the 49 weights of the learner 1 -> 16 -> 1');
my @cols = grep { /^iter/ } @$hdr;
is_deeply(\@cols, [map { my $t = $_; map { "iter${t}_$_" } qw(objective_mean objective_std validation_mean validation_std) } 0, 1, 10],
          'iter<t>_* columns for the iterates some cell measured (no gap: sinusoid has no y*)');
my ($first_param) = grep { $hdr->[$_] =~ /\./ } 0 .. $#$hdr;
my ($last_iter) = grep { $hdr->[$_] eq 'iter10_validation_std' } 0 .. $#$hdr;
ok($hdr->[$last_iter - 12] eq 'checkpoint' && $last_iter + 1 == $first_param,
   'they follow the fixed columns, before the parameter columns');
is($B->{iter10_objective_mean}, '', 'a cell that did not measure iterate 10 leaves it empty');
for my $m (qw(objective_mean objective_std validation_mean validation_std)) {
    same($A->{"iter1_$m"}, $B->{"iter1_$m"}, "iterate 1 of the 10-step evaluation = that of the trained 1-step model: $m $A->{\"iter1_$m\"}");
    same($A->{"iter0_$m"}, $B->{"iter0_$m"}, "iterate 0 (theta's y0) the same in both: $m");
}
same($B->{iter1_objective_mean}, $B->{objective_mean}, "the 1-step model's iterate 1 is its prediction: objective_mean");
same($B->{iter1_validation_mean}, $B->{validation_mean}, '... validation_mean');
same($A->{iter10_objective_mean}, $A->{objective_mean}, "iterate 10 is the evaluation model's prediction: objective_mean");
same($A->{iter10_validation_mean}, $A->{validation_mean}, '... validation_mean');
same($A->{iter10_validation_std}, $A->{validation_std}, '... validation_std');
ok($A->{iter10_objective_mean} < $A->{iter1_objective_mean} && $A->{iter1_objective_mean} < $A->{iter0_objective_mean},
   "gradient steps of 0.01 lower the support MSE: $A->{iter0_objective_mean} > $A->{iter1_objective_mean} > $A->{iter10_objective_mean}");
ok($A->{initial_objective_mean} < $B->{initial_objective_mean},
   "initial_* is the untrained theta through the evaluation model too: 10 steps $A->{initial_objective_mean} < 1 step $B->{initial_objective_mean}");
# the Lua result table: iterates = {{iterate =, objective_mean =, ...}}
my @it = $r->{out} =~ /^IT (.*)$/mg;
is(scalar @it, 5, 'the result tables list 2 and 3 iterates');
my %lua = map { my @f = split / /; ("$f[0]/$f[1]" => \@f) } @it;
for my $k (['1/1', $B, 1], ['2/0', $A, 0], ['2/10', $A, 10]) {
    my ($f, $row, $t) = ($lua{$k->[0]}, $k->[1], $k->[2]);
    ok($f && $f->[2] == $row->{"iter${t}_objective_mean"} && $f->[3] == $row->{"iter${t}_objective_std"} &&
       $f->[4] == $row->{"iter${t}_validation_mean"} && $f->[5] == $row->{"iter${t}_validation_std"} &&
       $f->[6] eq 'nil', "result table iterates[$t] of cell $k->[0] = its runs.csv columns, no gap_mean without y*");
}
# every held-out evaluation runs the evaluation model: the curve's last
# point is the final objective, its first the initial one
my (undef, $curves) = read_csv("$d/o/curves.csv");
for my $row ($A, $B) {
    my %c = map { ($_->{step} => $_->{value}) } grep { $_->{cell} eq $row->{cell} && $_->{metric} eq 'objective' } @$curves;
    same($c{0}, $row->{initial_objective_mean}, "curves.csv: the held-out objective at step 0 is initial_objective_mean ($row->{cell})");
    same($c{300}, $row->{objective_mean}, '... at step 300 objective_mean');
}

# the existing way: the checkpoint of the trained theta, evaluated by a
# 10-step model (train.steps = 0), with one thread and with two (two shards
# of the 200 held-out contexts, each with its own evaluation instance)
ok(-f "$d/o/$A->{checkpoint}", "the cell saved its theta ($A->{checkpoint})");
write_file("$d/c.lua", <<"LUA");
for _, th in ipairs{1, 2} do
  for _, ev in ipairs{{model = {}}, {model = {steps = 10}}} do
    ev.contexts, ev.timing, ev.iterates = 200, 0, {0, 1, 10}
    amor.run_cell { experiment = "ck", problem = {"sinusoid", shots = 5, queries = 10, hidden = {16}},
      model = {"unroll_gd", init = "constant", init_std = 0.1, steps = ev.model.steps and 1 or 10,
               step0 = 0.01, learn_steps = false},
      loss = {"objective", on = "validation"},
      train = {steps = 0, init_from = "$d/o/$A->{checkpoint}", threads = th},
      eval = ev, solver = {iterations = 0} }
  end
end
LUA
$r = amor('run', "$d/c.lua", '--out', "$d/c", '--quiet');
is($r->{status}, 0, 'the checkpoint cells run') or diag($r->{err});
my (undef, $crows) = read_csv("$d/c/runs.csv");
is(scalar @$crows, 4, 'four: a 10-step model, and a 1-step one with eval.model steps = 10, each with 1 and 2 threads');
my @same = qw(objective_mean objective_std validation_mean validation_std
              iter0_objective_mean iter0_validation_mean iter1_objective_mean iter1_objective_std
              iter1_validation_mean iter1_validation_std iter10_objective_mean iter10_validation_mean
              iter10_validation_std);
is(scalar(grep { ($A->{$_} // '') =~ /\d/ } @same), scalar @same, 'the trained cell has all of these numbers');
for my $c (@$crows) {
    my $th = $c->{'train.threads'} || 1;
    my $how = ($c->{'eval.model.steps'} ? 'steps = 1, eval.model.steps = 10' : 'steps = 10') . ", train.threads = $th";
    is($c->{status}, 'ok', "$how: ok") or diag($c->{error});
    same(join(',', map { $c->{$_} } @same), join(',', map { $A->{$_} } @same),
         "$how: the numbers of the trained cell's evaluation, bit for bit");
    same($c->{initial_objective_mean}, $A->{objective_mean}, "$how: initial_objective_mean too (no training step)");
}

# -j 2: the same runs.csv, timing aside
$r = amor('run', "$d/m.lua", '--out', "$d/j2", '-j', '2', '--quiet');
is($r->{status}, 0, '-j 2 runs') or diag($r->{err});
my (undef, $rows2) = read_csv("$d/j2/runs.csv");
is(scalar @$rows2, 2, '-j 2: two rows');
is_deeply([map { strip_cols($_, qw(train_seconds infer_seconds)) } @$rows2],
          [map { strip_cols($_, qw(train_seconds infer_seconds)) } @$rows],
          '-j 2: runs.csv is the same but for the timing columns');

# resume: both cells from the store; another eval.model is another key
$r = amor('run', "$d/m.lua", '--out', "$d/o");
is($r->{status}, 0, 'run again') or diag($r->{err});
like($r->{out}, qr/^\s*resumed 2 of 2 cells /m, 'both cells come back from the store');
$r = amor('run', "$d/m.lua", '--out', "$d/o", '--set', 'esteps=5');
is($r->{status}, 0, 'eval.model.steps = 5') or diag($r->{err});
like($r->{out}, qr/^\s*resumed 1 of 2 cells /m, 'only the cell with eval.model runs again');
my (undef, $rows5) = read_csv("$d/o/runs.csv");
isnt($rows5->[1]{key}, $A->{key}, 'another eval.model, another key');
same($rows5->[0]{key}, $B->{key}, 'the cell without it keeps its key');
same($rows5->[1]{iter1_objective_mean}, $A->{iter1_objective_mean}, 'its iterate 1 is the same');
ok($rows5->[1]{iter5_objective_mean} > $A->{iter10_objective_mean} && $rows5->[1]{iter5_objective_mean} < $A->{iter1_objective_mean},
   "iterate 5 lies between 1 and 10 ($rows5->[1]{iter5_objective_mean})");
# --only eval.model.steps: the cells with that override
$r = amor('run', "$d/m.lua", '--out', "$d/only", '--quiet', '--only', 'eval.model.steps=10');
is($r->{status}, 0, '--only eval.model.steps=10 runs') or diag($r->{err});
my (undef, $ro) = read_csv("$d/only/runs.csv");
is_deeply([map { $_->{cell} } @$ro], [$A->{cell}], '... the one cell with that override');

# ---- quadratic: gap and distance per iterate, predict, tracks -------------------------
write_file("$d/q.lua", <<'LUA');
local res = experiment { name = "eq", problems = {{"quadratic", dim = 2}},
  models = {{"unroll_gd", init = "constant", steps = 1, step0 = 0.1, learn_steps = false}},
  losses = {"objective"},
  train = {steps = 100, batch = 16, lr = 1e-2, eval_every = 50},
  eval = {contexts = 64, timing = 0, track = 2, model = {steps = amor.sweep{1, 5}}},
  solver = {iterations = 0}, predict = {{1, 0}, {0.5, -2}},
  override = function(cell)
    cell.eval.iterates = cell.eval.model.steps > 1 and {0, 1, cell.eval.model.steps} or {0, 1}
  end }
-- 4 more steps y <- y - 0.1 grad f(y; x) from the 1-step model's predictions
local p = amor.problem{"quadratic", dim = 2}
local y = res[1].predictions
print(string.format("PREDICT_STEP %.3g", math.abs(y[1][1] - res[2].predictions[1][1])))
for _ = 1, 4 do
  local _, g = p:grad({{1, 0}, {0.5, -2}}, y)
  for i = 1, 2 do for k = 1, 2 do y[i][k] = y[i][k] - 0.1 * g[i][k] end end
end
local e = 0
for i = 1, 2 do for k = 1, 2 do e = math.max(e, math.abs(y[i][k] - res[2].predictions[i][k])) end end
print(string.format("PREDICT_ERR %.3g", e))
LUA
$r = amor('run', "$d/q.lua", '--out', "$d/q", '--quiet');
is($r->{status}, 0, 'the quadratic cells run') or diag($r->{err});
my ($qh, $q) = read_csv("$d/q/runs.csv");
my ($q1, $q5) = @$q;
is(join(',', map { $_->{'eval.model.steps'} } @$q), '1,5', 'a sweep inside eval.model: eval.model.steps 1 and 5');
is($q1->{status} . $q5->{status}, 'okok', 'both ok') or diag("$q1->{error} $q5->{error}");
ok((grep { $_ eq 'iter5_gap_mean' } @$qh) && (grep { $_ eq 'iter5_distance_mean' } @$qh), 'with y*: iter<t>_gap_mean and _distance_mean');
same($q5->{iter5_gap_mean}, $q5->{gap_mean}, "the last iterate's gap is gap_mean ($q5->{gap_mean})");
same($q5->{iter5_distance_mean}, $q5->{distance_mean}, '... its distance distance_mean');
same($q5->{iter1_gap_mean}, $q1->{gap_mean}, 'iterate 1 of the 5-step evaluation: the 1-step gap');
same($q5->{iter1_distance_mean}, $q1->{distance_mean}, '... and distance');
same($q5->{iter0_gap_mean}, $q1->{iter0_gap_mean}, 'iterate 0: the same in both');
ok($q5->{gap_mean} < $q1->{gap_mean}, "5 steps close more of the gap than 1 ($q5->{gap_mean} < $q1->{gap_mean})");
my ($err) = $r->{out} =~ /^PREDICT_ERR (\S+)$/m;
my ($step) = $r->{out} =~ /^PREDICT_STEP (\S+)$/m;
ok(defined $err && $err < 1e-12 && $step > 1e-3,
   "predict: the 5-step evaluation model's predictions are 4 gradient steps from the 1-step model's (max error $err; they differ by $step)");
my (undef, $tr) = read_csv("$d/q/tracks.csv");
my %last;
$last{$_->{cell}}{$_->{step}} .= "$_->{value}," for grep { $_->{var} eq 'yhat' } @$tr;
ok(($last{$q5->{cell}}{100} // '') =~ /\d/ && $last{$q5->{cell}}{100} ne ($last{$q1->{cell}}{100} // ''),
   'tracks: the final predictions of the two cells differ');
ok(($last{$q5->{cell}}{0} // '') =~ /\d/ && $last{$q5->{cell}}{0} ne ($last{$q1->{cell}}{0} // ''),
   '... from the start on (every evaluation runs the evaluation model)');

# ---- eval.tolerances: the warm starts come from the evaluation model ------------------
# warmstart with refine = solver takes its K steps with the problem's own
# step (ISTA on lasso), the step the tolerance runs take: the 7 steps of the
# evaluation model save exactly 7 iterations of a context that needs more
write_file("$d/w.lua", <<'LUA');
experiment { name = "ew", problems = {{"lasso", nx = 8, ny = 16}},
  models = {{"warmstart", hidden = {16}, steps = 0, refine = "solver"}}, losses = {"regression"},
  train = {steps = 50, batch = 16, lr = 1e-2},
  eval = {contexts = 32, timing = 0, tolerances = {1e-3, 1e-6}, max_iterations = 500,
          model = amor.sweep{{}, {steps = 7}}},
  solver = {iterations = 0} }
LUA
$r = amor('run', "$d/w.lua", '--out', "$d/w", '--quiet');
is($r->{status}, 0, 'the lasso cells run') or diag($r->{err});
my (undef, $w) = read_csv("$d/w/runs.csv");
for my $t ('0.001', '1e-06') {
    my ($w0, $w7) = map { $_->{"tol_${t}_warm_iters_median"} } @$w;
    ok(defined $w7 && $w0 =~ /\d/ && $w7 == $w0 - 7,
       "tolerance $t: median warm-start iterations $w0 from the trained model, $w7 from its 7-step evaluation model");
    same($w->[1]{"tol_${t}_cold_iters_median"}, $w->[0]{"tol_${t}_cold_iters_median"}, "tolerance $t: the cold start is the same");
}

# ---- bad input ----------------------------------------------------------------------
sub script_error {
    my ($body, $want, $what) = @_;
    write_file("$d/bad.lua", $body);
    my $r = amor('run', "$d/bad.lua", '--out', "$d/bad", '--quiet');
    is($r->{status}, 1, "$what: exit status 1");
    is((split /\n/, $r->{err})[0], "amor: $d/bad.lua:1: $want", "$what: the message");
}
my $lin = 'experiment { name = "b", problems = {"quadratic"}, models = {"linear"}, losses = {"objective"}, '
        . 'train = {steps = 1}, solver = {iterations = 0}, eval = %s }';
script_error(sprintf($lin, '{model = {init_scal = 2}}'),
             "eval.model.init_scal: unknown parameter 'init_scal' for model 'linear' (valid: init_scale)",
             'an unknown eval.model parameter');
script_error(sprintf($lin, '{model = {init_scale = "2"}}'),
             "eval.model.init_scale: parameter 'init_scale' of model 'linear' must be of type real, got string",
             'an eval.model value of the wrong type');
script_error(sprintf($lin, '{model = 5}'),
             "eval setting 'model' must be a table of the model's parameters (model = {steps = 10}), got 5",
             'eval.model not a table');
script_error(sprintf($lin, '{iterates = {0, -1}}'),
             "eval setting 'iterates': element 2 must be a non-negative integer, got -1",
             'a negative iterate');
script_error(sprintf($lin, '{iterates = {0, 3, 1}}'),
             "eval setting 'iterates': element 3 is 1 after 3; the iterates must be increasing",
             'iterates not increasing');
script_error(sprintf($lin, '{iterates = {0, 1, 1}}'),
             "eval setting 'iterates': element 3 is 1 after 1; the iterates must be increasing",
             'an iterate twice');
script_error(sprintf($lin, '{iterates = {' . join(',', 0 .. 16) . '}}'),
             "eval setting 'iterates' holds 17 values, at most 16 are measured",
             'more than 16 iterates');
script_error('amor.run_cell { problem = "quadratic", model = "unroll_gd", loss = "objective", '
             . 'eval = {model = {steps = amor.sweep{1, 2}}} }',
             "run_cell: eval.model.steps is amor.sweep{...}, but run_cell runs one cell (sweep in experiment{}, or call run_cell once per value)",
             'a sweep inside eval.model of run_cell');
$r = amor('run', "$d/bad.lua", '--out', "$d/bad", '--set', 'eval.model.steps=10');
is($r->{status}, 2, '--set eval.model.steps: usage error');
is($r->{err}, "amor run: --set eval.model.steps=10: eval.model is a table of the model's parameters, given in the script (eval = {model = {steps = 10}}), not on the command line (a script may read a value with amor.setting; --only eval.model.NAME=V selects cells by one)\n",
   '--set eval.model.steps: the message');
# errors of the cell (the evaluation instance is needed): status error, the
# sweep goes on
write_file("$d/cell.lua", <<'LUA');
experiment { name = "bc", problems = {{"sinusoid", hidden = {16}}},
  models = {{"unroll_gd", steps = 1, step0 = 0.01, learn_steps = amor.sweep{true, false}}},
  losses = {"objective"}, train = {steps = 2, batch = 4},
  eval = {contexts = 4, timing = 0, model = {steps = 5}, iterates = {0, 6}}, solver = {iterations = 0} }
LUA
$r = amor('run', "$d/cell.lua", '--out', "$d/bc", '--quiet');
is($r->{status}, 1, 'cells failing on eval.model or eval.iterates: exit status 1');
my (undef, $bc) = read_csv("$d/bc/runs.csv");
is($bc->[0]{status} . $bc->[1]{status}, 'errorerror', 'both cells: status error');
is($bc->[0]{error}, "eval.model: unroll_gd with steps = 5 has 54 parameters, the trained model (steps = 1) 50; the trained theta must fit the evaluation model",
   'learned per-step sizes: theta has another size with steps = 5 (a cell error naming both counts)');
is($bc->[1]{error}, "eval.iterates: iterate 6, but model 'unroll_gd' with steps = 5 (eval.model) outputs 6 iterates (0 .. 5)",
   'an iterate beyond the evaluation model\'s last: a cell error naming its range');
is($bc->[1]{train_steps}, 0, '... before training');

done_testing();
