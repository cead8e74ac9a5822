#!/usr/bin/env perl
# End to end: scripts/paradigms.lua (quick) -- the tutorial's 2x2 of learning
# paradigms, {mlp, unroll_gd} x {regression, objective} plus objective_sum for
# unroll_gd, on tutorial1d and rosenbrock, two seeds.  Checks that every cell
# trains, that the summary table (paradigms.md, paradigms_table.csv) has one
# row per (problem, model, loss) whose numbers are the seed mean and sample
# std of runs.csv, that the semi-amortized models call the oracle K = 5 times
# per instance and the fully-amortized ones never, that training the
# semi-amortized model on the objective cuts its Rosenbrock gap well below
# the untrained model's, and that every figure exists and reruns.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Cwd qw(getcwd);
use List::Util qw(sum);
use Time::HiRes qw(time);
use Test::More;

my $d = tmpdir();
my $out = "$d/out";
my $t0 = time;
my $r = amor("run", "scripts/paradigms.lua", "--set", "quick=true", "--out", $out);
diag(sprintf("paradigms quick run: %.1f s", time - $t0));
is($r->{status}, 0, "paradigms (quick) exits 0") or diag($r->{err});
like($r->{out}, qr/20 cells, 0 failed/, "20 cells, none failed");

my ($h, $rows) = read_csv("$out/runs.csv");
is(scalar @$rows, 20, "runs.csv: 2 problems x (2 mlp + 3 unroll_gd losses) x 2 seeds");
is(scalar(grep { $_->{status} eq 'ok' } @$rows), 20, "every cell ok");

my @PROBLEMS = qw(tutorial1d rosenbrock);
my @PAIRS = (['mlp', 'regression'], ['mlp', 'objective'], ['unroll_gd', 'regression'],
             ['unroll_gd', 'objective'], ['unroll_gd', 'objective_sum']);
my @KEYS = map { my $p = $_; map { "$p|$_->[0]|$_->[1]" } @PAIRS } @PROBLEMS;

# runs.csv grouped by (problem, model, loss)
my %cells;
push @{ $cells{"$_->{problem}|$_->{model}|$_->{loss}"} }, $_ for @$rows;
is_deeply([sort keys %cells], [sort @KEYS], "runs.csv holds exactly the 10 (problem, model, loss) groups");

# oracle calls per instance at evaluation: K = 5 for unroll_gd, 0 for mlp
for my $row (@$rows) {
    my $want = $row->{model} eq 'unroll_gd' ? 5 : 0;
    is($row->{oracle_calls_per_instance}, $want, "$row->{cell}: $want oracle calls per instance");
}

sub mean { return sum(@_) / @_ }
sub sd { my $m = mean(@_); return @_ > 1 ? sqrt(sum(map { ($_ - $m) ** 2 } @_) / (@_ - 1)) : 0 }
sub close_to { my ($a, $b) = @_; return abs($a - $b) <= 1e-8 * (abs($a) + abs($b)) + 1e-300 }

# ---- the table -----------------------------------------------------------------
my ($th, $trows) = read_csv("$out/paradigms_table.csv");
is_deeply([@$th[0 .. 8]], [qw(problem model loss seeds ok gap_mean gap_std distance_mean distance_std)],
          "paradigms_table.csv columns");
is(scalar @$trows, 10, "paradigms_table.csv: one row per (problem, model, loss)");
my %trow = map { ("$_->{problem}|$_->{model}|$_->{loss}" => $_) } @$trows;
is_deeply([sort keys %trow], [sort @KEYS], "table rows are the 10 groups, each once");
for my $k (@KEYS) {
    my $t = $trow{$k} or next;
    my @c = @{ $cells{$k} || [] };
    my @gap = map { $_->{gap_mean} } @c;
    my @dist = map { $_->{distance_mean} } @c;
    is("$t->{seeds}/$t->{ok}", "2/2", "$k: 2 seeds, both ok");
    ok(@gap == 2 && close_to($t->{gap_mean}, mean(@gap)) && close_to($t->{gap_std}, sd(@gap)),
       "$k: gap $t->{gap_mean} +- $t->{gap_std} is the seeds' mean and sample std");
    ok(@dist == 2 && close_to($t->{distance_mean}, mean(@dist)) && close_to($t->{distance_std}, sd(@dist)),
       "$k: distance $t->{distance_mean} +- $t->{distance_std} likewise");
    ok($t->{gap_mean} > -1e-9 && $t->{gap_mean} < $t->{initial_gap_mean},
       "$k: trained gap $t->{gap_mean} is >= 0 and below the untrained $t->{initial_gap_mean}");
}
my $md = do { local $/; open(my $fh, '<', "$out/paradigms.md") or die "paradigms.md: $!"; <$fh> };
for my $k (@KEYS) {
    my ($p, $m, $l) = split /\|/, $k;
    like($md, qr/^\| \Q$p\E \| \Q$m\E \| \Q$l\E \| 2\/2 \| [-0-9.e+]+ ± /m, "paradigms.md has the row $p / $m / $l");
}

# ---- what training achieved ---------------------------------------------------------
# Rosenbrock, unroll_gd (16-16 init + 5 steps of 0.01) trained on the objective.
# Untrained, its 5 small steps from a random network's guess leave a gap of
# about 0.3 (f(y0) - f* is O(1) for y0 near 0: a^2 + b a^4 with b up to 10);
# trained, it lands within about 0.05 of y* where the gap is O(1e-3) (1000
# steps: 0.0008 and 0.003, i.e. > 100x).  20x is a floor far from both the
# untrained value and the measured one.
for my $row (grep { $_->{problem} eq 'rosenbrock' && $_->{model} eq 'unroll_gd' && $_->{loss} eq 'objective' } @$rows) {
    ok($row->{gap_mean} * 20 < $row->{initial_gap_mean},
       sprintf("%s: gap %.3g, untrained %.3g (%.0fx, want >= 20x)", $row->{cell}, $row->{gap_mean},
               $row->{initial_gap_mean}, $row->{initial_gap_mean} / ($row->{gap_mean} || 1e-300)));
}
# tutorial1d: f'' = 1/160 at y*, so learned steps near 160 are Newton steps
# and the semi-amortized model refines a rough init to within ~1e-6 of f*,
# where the fully-amortized MLP stays at ~1e-4 (measured: ~30x apart).
{
    my $semi = $trow{'tutorial1d|unroll_gd|objective'};
    my $full = $trow{'tutorial1d|mlp|objective'};
    ok($semi && $full && $semi->{gap_mean} * 3 < $full->{gap_mean},
       sprintf("tutorial1d, objective: semi-amortized gap %.3g is >= 3x below the MLP's %.3g",
               $semi ? $semi->{gap_mean} : -1, $full ? $full->{gap_mean} : -1));
}

# ---- figures -----------------------------------------------------------------------
my @FIGS = qw(paradigms_gap paradigms_training_tutorial1d paradigms_training_rosenbrock
              paradigms_solver_tutorial1d paradigms_solver_rosenbrock);
my $cwd = getcwd();
chdir $d or die;
for my $fig (@FIGS) {
    ok(-s "$out/$fig.gp" && -s "$out/$fig.png" && -s "$out/$fig.svg", "figure $fig: .gp, .png and .svg");
    unlink "$out/$fig.png", "$out/$fig.svg";
    my $rc = system("gnuplot $out/$fig.gp >$d/gp.err 2>&1");
    is($rc, 0, "gnuplot $fig.gp exits 0") or diag(`cat $d/gp.err`);
    ok(-s "$out/$fig.png" && -s "$out/$fig.svg", "$fig: the rerun rewrote the PNG and SVG");
}
chdir $cwd;
# the bar chart carries the table's means, one bar label per model/loss
my $gp = do { local $/; open(my $fh, '<', "$out/paradigms_gap.gp"); <$fh> } // '';
for my $i (0 .. $#PAIRS) {
    my ($m, $l) = @{ $PAIRS[$i] };
    my $n = $i + 1;
    my ($block) = $gp =~ /^\$bar$n << EOD\n(.*?)^EOD/ms;
    my @v = map { (split ' ', $_)[1] } grep { !/^#/ } split /\n/, $block // '';
    ok(@v == 2 && close_to($v[0], $trow{"tutorial1d|$m|$l"}{gap_mean}) && close_to($v[1], $trow{"rosenbrock|$m|$l"}{gap_mean}),
       "paradigms_gap bar $n ($m / $l) holds the table's mean gap per problem")
        or diag("bar $n: @v");
}

done_testing();
