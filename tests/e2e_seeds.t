#!/usr/bin/env perl
# Seeds hash the parameters that differ from their declared defaults
# (docs/scripting.md, Randomness): a parameter set to its default value gives
# the same random streams and held-out contexts as leaving it out, so a
# plugin that appends a parameter with a default moves no existing cell;
# a non-default value moves them.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

my $d = tmpdir();
write_file("$d/s.lua", <<'LUA');
local function one(model, problem)
  return amor.run_cell{problem = problem or {"quadratic", dim = 3}, model = model,
                       loss = "objective", train = {steps = 20, batch = 16},
                       eval = {contexts = 16, timing = 0}, solver = {iterations = 0}}
end
local plain = one({"mlp", hidden = {8}})
local dflt = one({"mlp", hidden = {8}, activation = "relu"})
local other = one({"mlp", hidden = {8}, activation = "tanh"})
local pd = one({"mlp", hidden = {8}}, {"quadratic", dim = 3, cond = 10})
print(string.format("PLAIN %.17g %.17g", plain.objective_mean, plain.initial_objective_mean))
print(string.format("DFLT %.17g %.17g", dflt.objective_mean, dflt.initial_objective_mean))
print(string.format("OTHER %.17g", other.initial_objective_mean))
print(string.format("PDFLT %.17g", pd.optimal_objective_mean))
print(string.format("POPT %.17g", plain.optimal_objective_mean))
LUA
my $r = amor('run', "$d/s.lua", '--out', "$d/o", '--quiet');
is($r->{status}, 0, 'the script runs') or diag($r->{err});
my %v = $r->{out} =~ /^(\w+) (.*)$/mg;
ok(defined $v{PLAIN} && $v{PLAIN} eq $v{DFLT},
   "a model parameter set to its default: the same cell, bit for bit ($v{PLAIN})");
my ($pi) = split ' ', $v{PLAIN};
isnt((split ' ', $v{PLAIN})[1], $v{OTHER}, 'a non-default value: other initial weights');
is($v{PDFLT}, $v{POPT}, 'a problem parameter set to its default: the same held-out contexts');
# a plugin that grew a parameter with a default keeping its behaviour: the
# same script gives the same numbers with either build
write_file("$d/g.lua", <<'LUA');
experiment { name = "grow", problems = {"fx_grow"}, models = {{"mlp", hidden = {8}}},
  losses = {"objective"}, train = {steps = 20, batch = 16}, eval = {contexts = 16, timing = 0},
  solver = {iterations = 0} }
LUA
my %obj;
for my $v (qw(v1 v2)) {
    local $ENV{AMOR_PLUGIN_PATH} = "$BUILD/fixtures/grow/$v";
    my $g = amor('run', "$d/g.lua", '--out', "$d/$v", '--quiet');
    is($g->{status}, 0, "fx_grow $v runs") or diag($g->{err});
    my (undef, $rows) = read_csv("$d/$v/runs.csv");
    $obj{$v} = "$rows->[0]{initial_objective_mean} $rows->[0]{objective_mean}";
}
is($obj{v2}, $obj{v1}, "fx_grow grew the parameter 'scale' (default 1): the same cell's numbers, bit for bit");

done_testing();
