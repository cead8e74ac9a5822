#!/usr/bin/env perl
# amor plot DIR: the figures of a results directory from its CSVs alone --
# the ones amor run draws, byte for byte -- with each group of cells that
# differ only by seed drawn as its mean and a 95% bootstrap band/interval.
# The numbers in the .gp files are recomputed here from runs.csv, curves.csv
# and solver.csv; the intervals are checked against the exact bootstrap
# distribution; every .gp reruns under gnuplot; bad input is refused with
# the file and line.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;
use File::Copy qw(copy);
use Cwd qw(getcwd);

my $d = tmpdir();
my $out = "$d/r";

write_file("$d/grid.lua", <<'LUA');
local E = {contexts = 32, timing = 0}
experiment { name = "grid", problems = {{"quadratic", dim = 4, cond = 10}, "rosenbrock"},
  models = {"linear", {"mlp", hidden = {8}}}, losses = {"objective"}, seeds = {1, 2, 3},
  train = {steps = 60, lr = 5e-3, eval_every = 20}, eval = E,
  solver = {iterations = 40, log_every = 10} }
experiment { name = "many", problems = {{"quadratic", dim = 4, cond = 10}}, models = {"linear"},
  losses = {"objective"}, seeds = {1, 2, 3, 4, 5, 6}, train = {steps = 10, lr = 1e-2, eval_every = 5},
  eval = E, solver = {iterations = 0} }
experiment { name = "single", problems = {{"quadratic", dim = 4, cond = 10}}, models = {"linear"},
  losses = {"objective"}, seeds = {7}, train = {steps = 20, eval_every = 10}, eval = E,
  solver = {iterations = 20, log_every = 10} }
LUA
my $r = amor("run", "$d/grid.lua", "--out", $out, "--quiet");
is($r->{status}, 0, "a 2-problem x 2-model x 3-seed grid (and two small ones) runs") or diag($r->{err});

my @FIGS = qw(grid_training_quadratic_dim_4_cond_10 grid_training_rosenbrock
              grid_solver_quadratic_dim_4_cond_10 grid_solver_rosenbrock grid_final
              many_training_quadratic_dim_4_cond_10 many_final
              single_training_quadratic_dim_4_cond_10 single_solver_quadratic_dim_4_cond_10 single_final);
my %by_run;
for my $f (@FIGS) {
    ok(-s "$out/$f.gp" && -s "$out/$f.png" && -s "$out/$f.svg", "amor run drew $f");
    $by_run{$f} = read_file("$out/$f.gp");
    unlink "$out/$f.gp", "$out/$f.png", "$out/$f.svg";
}

# ---- amor plot DIR regenerates them -------------------------------------------
$r = amor("plot", $out);
is($r->{status}, 0, "amor plot DIR exits 0") or diag($r->{err});
for my $f (@FIGS) {
    like($r->{out}, qr/^wrote \Q$out\/$f\E\.\{gp,png,svg\}$/m, "reports $f");
    ok(-s "$out/$f.gp" && -s "$out/$f.png" && -s "$out/$f.svg", "$f: .gp, .png and .svg");
    ok(read_file("$out/$f.gp") eq $by_run{$f}, "$f.gp: the same as amor run wrote");
}
is(scalar(() = $r->{out} =~ /^wrote /mg), scalar @FIGS, "and nothing else");
is(scalar(grep { /\.tmp/ } glob("$out/*")), 0, "no temporary files left");

# ---- the data, recomputed -------------------------------------------------------
sub datablocks {
    my ($text) = @_;
    my (%b, $name);
    for my $l (split /\n/, $text) {
        if (defined $name) {
            if ($l =~ /^EOD/) { undef $name; next }
            next if $l =~ /^#/;
            push @{$b{$name}}, [split ' ', $l];
        } elsif ($l =~ /^\$(\w+) << EOD/) {
            $name = $1;
            $b{$name} = [];
        }
    }
    return \%b;
}
sub close_to { my ($a, $b) = @_; return abs($a - $b) <= 1e-12 * (abs($a) + abs($b)) + 1e-300 }
sub mean { my $s = 0; $s += $_ for @_; return $s / @_ }
# every mean of a resample (with replacement) of @v
sub resample_means {
    my @v = @_;
    my $n = @v;
    my @out;
    my $rec;
    $rec = sub {
        my ($start, $k, $sum) = @_;
        if ($k == $n) { push @out, $sum / $n; return }
        $rec->($_, $k + 1, $sum + $v[$_]) for $start .. $n - 1;
    };
    $rec->(0, 0, 0);
    return @out;
}
sub achievable { my ($x, @v) = @_; return scalar grep { close_to($x, $_) } resample_means(@v) }

my ($rh, $runs) = read_csv("$out/runs.csv");
my (undef, $curves) = read_csv("$out/curves.csv");
my (undef, $solver) = read_csv("$out/solver.csv");
sub group_of { my ($row) = @_; (my $g = $row->{cell}) =~ s{/seed=\d+(?=/|$)}{}; return $g }
sub problem_of { my ($id) = @_; $id =~ m{^([^/]*)}; return $1 }
my %cells;      # experiment -> group -> [rows in runs.csv order]
push @{$cells{$_->{experiment}}{group_of($_)}}, $_ for @$runs;
my %curve;      # experiment/cell/metric/step -> value
$curve{"$_->{experiment}|$_->{cell}|$_->{metric}|$_->{step}"} = $_->{value}
    for grep { $_->{split} eq 'eval' } @$curves;

my $gp = datablocks(read_file("$out/grid_training_rosenbrock.gp"));
my @groups = ('rosenbrock/linear/objective', 'rosenbrock/mlp(hidden=8)/objective');
my ($npts, $bad_mean, $bad_band, $band_pts) = (0, 0, 0, 0);
for my $gi (0 .. 1) {
    my @members = @{$cells{grid}{$groups[$gi]}};
    is(scalar @members, 3, "$groups[$gi]: 3 seeds");
    for my $p ([1, 'gap'], [2, 'objective']) {
        my ($panel, $metric) = @$p;
        my $s = "p${panel}_s" . ($gi + 1);
        my @pts = @{$gp->{$s} // []};
        my %band = map { $_->[0] => $_ } @{$gp->{"${s}_band"} // []};
        is(scalar @pts, 4, "$s ($metric of $groups[$gi]): steps 0, 20, 40, 60");
        for my $pt (@pts) {
            my ($step, $y) = @$pt;
            my @v = map { $curve{"grid|$_->{cell}|$metric|$step"} } @members;
            $npts++;
            $bad_mean++ unless close_to($y, ($v[0] + $v[1] + $v[2]) / 3);
            my $b = $band{$step} or next;
            $band_pts++;
            $bad_band++ unless $b->[1] <= $y && $y <= $b->[2] && achievable($b->[1], @v) && achievable($b->[2], @v);
        }
    }
}
is($bad_mean, 0, "training figure: each of $npts points is the mean of the 3 seeds' curves.csv values");
is($band_pts, $npts, "every point has a band (3 seeds)");
is($bad_band, 0, "each band: lo <= mean <= hi, both ends means of a resample of the seeds");
my $tgp = $by_run{grid_training_rosenbrock};
like($tgp, qr/^# series 1: linear\/objective \(4 points\)$/m, "series labelled by group (no seed)");
like($tgp, qr/set multiplot title 'grid: rosenbrock, training curves \(mean of 3 seeds, 95% bootstrap band\)'/,
     "the title says what the lines and bands are");
is(scalar(() = $tgp =~ /^    set key off$/mg), 2, "the panels have no key of their own ...");
like($tgp, qr/# ---- the key of every panel, below them\n(?:    [^\n]*\n){1,6}?    set key inside center center horizontal/,
     "... one key below them, so long labels cannot cover the curves");
unlike($tgp, qr/set key top right/, "no key in a corner of the axes");

# solver figure: per seed the first cell's solver rows, averaged over seeds
my %first;
for my $row (@$runs) {
    next unless $row->{experiment} eq 'grid';
    $first{problem_of($row->{cell}) . "|$row->{seed}"} //= $row->{cell};
}
my %srow;
$srow{"$_->{cell}|$_->{solver}|$_->{iteration}"} = $_->{objective_mean} for grep { $_->{experiment} eq 'grid' } @$solver;
my $sgp = read_file("$out/grid_solver_quadratic_dim_4_cond_10.gp");
my $sb = datablocks($sgp);
my ($sbad, $sn) = (0, 0);
for my $pt (@{$sb->{p1_s1} // []}) {
    my ($it, $y) = @$pt;
    my @v = map { $srow{$first{"quadratic(dim=4,cond=10)|$_"} . "|adam|$it"} } 1 .. 3;
    $sn++;
    $sbad++ unless close_to($y, ($v[0] + $v[1] + $v[2]) / 3);
}
is($sn, 5, "solver figure: adam at iterations 0, 10, ..., 40");
is($sbad, 0, "solver figure: adam's curve is the mean over seeds of solver.csv");
for my $gname ('linear/objective', 'mlp(hidden=8)/objective') {
    my @v = map { $_->{objective_mean} } @{$cells{grid}{"quadratic(dim=4,cond=10)/$gname"}};
    my ($y, $lo, $hi) = $sgp =~ /^    # reference \d+: \Q$gname\E \(y = (\S+), band \[(\S+), (\S+)\]\)$/m;
    ok(defined $y && close_to($y, ($v[0] + $v[1] + $v[2]) / 3),
       "solver figure: ${gname}'s line at its mean objective over seeds");
    ok(defined $lo && achievable($lo, @v) && achievable($hi, @v) && $lo <= $y && $y <= $hi,
       "solver figure: ${gname}'s grey band is its bootstrap interval");
}

# final bars: the mean final gap per problem x group, asymmetric intervals
my $fb = datablocks(read_file("$out/grid_final.gp"));
my ($fbad, $fn) = (0, 0);
for my $bi (0 .. 1) {
    my $gname = ('linear/objective', 'mlp(hidden=8)/objective')[$bi];
    for my $row (@{$fb->{"bar" . ($bi + 1)} // []}) {
        my ($g, $v, $elo, $ehi) = @$row;
        my $prob = ('quadratic(dim=4,cond=10)', 'rosenbrock')[$g];
        my @gaps = map { $_->{gap_mean} } @{$cells{grid}{"$prob/$gname"}};
        $fn++;
        $fbad++ unless close_to($v, ($gaps[0] + $gaps[1] + $gaps[2]) / 3) &&
                       achievable($v - $elo, @gaps) && achievable($v + $ehi, @gaps);
    }
}
is($fn, 4, "final figure: 2 problems x 2 groups");
is($fbad, 0, "final figure: each bar the mean final gap of 3 seeds, whiskers the bootstrap interval");
like(read_file("$out/grid_final.gp"), qr/set xtics scale 0 nomirror \('quadratic\(dim=4,cond=10\)' 0, 'rosenbrock' 1\)/,
     "final figure: one group of bars per problem");

# the interval against the exact bootstrap distribution (6 seeds: it is not
# simply the range of the seeds)
my @g6 = map { $_->{gap_mean} } @{$cells{many}{'quadratic(dim=4,cond=10)/linear/objective'}};
my ($row6) = @{datablocks(read_file("$out/many_final.gp"))->{bar1} // [[]]};
my ($v6, $lo6, $hi6) = ($row6->[1] // 0, ($row6->[1] // 0) - ($row6->[2] // 0), ($row6->[1] // 0) + ($row6->[3] // 0));
ok(close_to($v6, mean(@g6)), "6 seeds: the bar is their mean");
{
    # exact distribution of the resample mean: multinomial weights
    my @means;
    my $n = 6;
    my @f = (1); $f[$_] = $f[$_ - 1] * $_ for 1 .. $n;
    my $rec;
    $rec = sub {
        my ($i, $left, $sum, $w) = @_;
        if ($i == $n - 1) { push @means, [($sum + $left * $g6[$i]) / $n, $w / $f[$left]]; return }
        $rec->($i + 1, $left - $_, $sum + $_ * $g6[$i], $w / $f[$_]) for 0 .. $left;
    };
    $rec->(0, $n, 0, $f[$n]);
    my $tot = 0; $tot += $_->[1] for @means;
    @means = sort { $a->[0] <=> $b->[0] } @means;
    my $q = sub { my ($p) = @_; my $c = 0; for (@means) { $c += $_->[1] / $tot; return $_->[0] if $c >= $p } };
    my @s = sort { $a <=> $b } @g6;
    ok($lo6 > $s[0] && $hi6 < $s[-1], "6 seeds: the interval lies strictly inside the seeds' range");
    ok($lo6 >= $q->(0.01) && $lo6 <= $q->(0.045),
       sprintf("6 seeds: lower end %.6g between the exact bootstrap 1%% and 4.5%% quantiles (%.6g, %.6g)", $lo6, $q->(0.01), $q->(0.045)));
    ok($hi6 >= $q->(0.955) && $hi6 <= $q->(0.99),
       sprintf("6 seeds: upper end %.6g between the exact 95.5%% and 99%% quantiles (%.6g, %.6g)", $hi6, $q->(0.955), $q->(0.99)));
}

# one seed: no band; the solver figure falls back to +/- std over contexts
my $one = read_file("$out/single_training_quadratic_dim_4_cond_10.gp");
unlike($one, qr/_band << EOD\n(?:#[^\n]*\n)*[-0-9]/, "one seed: the training figure has no band rows");
like($one, qr/training curves \(1 seed\)/, "one seed: the title says so");
my $ones = read_file("$out/single_solver_quadratic_dim_4_cond_10.gp");
like($ones, qr/objective \(mean \+\/- std over contexts\)/, "one seed: solver bands are +/- std over contexts");
my ($srun) = grep { $_->{experiment} eq 'single' } @$runs;
my ($y1, $l1, $h1) = $ones =~ /# reference 1: linear\/objective \(y = (\S+), band \[(\S+), (\S+)\]\)/;
ok(defined $y1 && close_to($y1, $srun->{objective_mean}) && close_to($h1 - $y1, $srun->{objective_std}),
   "one seed: the reference line is objective_mean, its band +/- objective_std");

# ---- every .gp reruns with gnuplot from another directory ---------------------------
my $cwd = getcwd();
chdir $d or die;
for my $f (@FIGS) {
    unlink "$out/$f.png";
    my $rc = system("gnuplot $out/$f.gp >$d/gp.err 2>&1");
    is($rc, 0, "gnuplot $f.gp exits 0") or diag(read_file("$d/gp.err"));
    ok(-s "$out/$f.png", "... and rewrites $f.png");
}
chdir $cwd or die;

# --kind: only figures of those kinds, under the names a full plot gives them
{
    my $k = "$d/kinds";
    mkdir $k or die;
    copy("$out/$_", "$k/$_") for qw(runs.csv curves.csv solver.csv);
    $r = amor("plot", $k, "--kind", "solver", "--kind", "final");
    is($r->{status}, 0, "--kind solver --kind final exits 0") or diag($r->{err});
    my @kg = sort map { s{.*/}{}r } glob("$k/*.gp");
    my @all = sort map { s{.*/}{}r } glob("$out/*_solver_*.gp"), glob("$out/*_final.gp");
    ok(@kg >= 2 && !(grep { !/_solver_|_final\.gp$/ } @kg), "--kind: solver and final figures only (@kg)");
    is("@kg", "@all", "--kind: the same names as in the full plot") or diag("@kg | @all");
    is(scalar(grep { read_file("$k/$_") ne read_file("$out/$_") } @kg), 0, "--kind: the same .gp, byte for byte");
    $r = amor("plot", $k, "--kind", "bars");
    is($r->{status}, 2, "--kind bars: usage error, exit status 2");
    is((split /\n/, $r->{err})[0], "amor plot: --kind bars: unknown kind (training, solver, residual, final)",
       "... naming the kind and the valid ones");
}


# ---- --experiment, and bad input --------------------------------------------------
unlink "$out/grid_final.gp", "$out/many_final.gp";
$r = amor("plot", $out, "--experiment", "many");
is($r->{status}, 0, "--experiment many exits 0");
ok(-s "$out/many_final.gp" && !-e "$out/grid_final.gp", "--experiment: only that experiment's figures");
$r = amor("plot", $out, "--experiment", "nope");
is($r->{status}, 1, "an unknown experiment: exit 1");
like($r->{err}, qr/amor plot: \Q$out\E\/runs\.csv has no rows of experiment 'nope'/, "... named");

mkdir "$d/empty";
$r = amor("plot", "$d/empty");
is($r->{status}, 1, "a directory without runs.csv: exit status 1");
like($r->{err}, qr/^amor plot: \Q$d\E\/empty\/runs\.csv: no such file/, "... and the message names runs.csv");
$r = amor("plot");
is($r->{status}, 2, "no DIR: usage error, exit status 2");

sub broken {
    my ($name, $file, $edit) = @_;
    my $b = "$d/$name";
    mkdir $b;
    copy("$out/$_", "$b/$_") for qw(runs.csv curves.csv solver.csv);
    my @l = split /\n/, read_file("$b/$file"), -1;
    $edit->(\@l);
    write_file("$b/$file", join("\n", @l));
    return (amor("plot", $b), $b);
}
my $b;
($r, $b) = broken("quote", "curves.csv", sub { $_[0][4] .= 'x"y' });
is($r->{status}, 1, "a malformed curves.csv: exit status 1");
like($r->{err}, qr/amor plot: \Q$b\E\/curves\.csv:5: stray quote in an unquoted field/, "... file:line and what is wrong");
($r, $b) = broken("number", "runs.csv", sub { $_[0][2] =~ s/^((?:[^,"]*|"[^"]*")(?:,(?:[^,"]*|"[^"]*")){13}),[^,]*/$1,abc/ });
like($r->{err}, qr/amor plot: \Q$b\E\/runs\.csv:3: column 'gap_mean': 'abc' is not a number/,
     "a field that should be a number: file:line, the column and the text");
($r, $b) = broken("fields", "solver.csv", sub { $_[0][7] .= ",1" });
like($r->{err}, qr/amor plot: \Q$b\E\/solver\.csv:8: 10 fields, the header has 9/, "a row with an extra field: file:line");
($r, $b) = broken("column", "runs.csv", sub { $_[0][0] =~ s/,seed,/,sed,/ });
like($r->{err}, qr/amor plot: \Q$b\E\/runs\.csv:1: no column 'seed' in the header/, "a missing column: named");

# ---- the figure API underneath, from Lua: asymmetric bars, one key below -----------
write_file("$d/api.lua", <<'LUA');
amor.plot_bars{stem = "asym", groups = {"a", "b"}, bars = {"x", "y"},
  value = {{2, 3}, {4, 5}}, err = {{0.5, 1}, {0, 0.25}}, err_hi = {{1.5, 2}, {0.5, 0}}}
amor.plot_multi{stem = "below", title = "t", key_below = true, panels = {
  {series = {{label = "first series", x = {1, 2}, y = {1, 2}}, {label = "second", x = {1, 2}, y = {2, 1}}}},
  {series = {{label = "first series", x = {1, 2}, y = {3, 4}}, {label = "second", x = {1, 2}, y = {4, 3}}}}}}
local ok, e = pcall(amor.plot_bars, {stem = "neg", groups = {"a"}, bars = {"x"}, value = {{1}},
  err = {{0.1}}, err_hi = {{-1}}})
print("NEG " .. tostring(e))
ok, e = pcall(amor.plot_bars, {stem = "half", groups = {"a"}, bars = {"x"}, value = {{1}}, err_hi = {{1}}})
print("HALF " .. tostring(e))
LUA
$r = amor("run", "$d/api.lua", "--out", "$d/api");
is($r->{status}, 0, "amor.plot_bars with err_hi and amor.plot_multi with key_below") or diag($r->{err});
my $asym = read_file("$d/api/asym.gp");
like($asym, qr/^\$bar1 << EOD\n# group value err_lo err_hi\n0 2 0\.5 1\.5\n1 4 0 0\.5\nEOD$/m,
     "asymmetric bars: value, lower and upper half-widths per row");
like($asym, qr/using \(bar_x\(\$1, 1\)\):2:\(\$2 - \$3\):\(\$2 \+ \$4\)/, "whiskers from value - err_lo to value + err_hi");
like($r->{out}, qr/^NEG .*err_hi of group 1 'a', bar 1 'x' is -1/m, "a negative err_hi is refused");
like($r->{out}, qr/^HALF .*err_hi is set but err is NULL/m, "err_hi without err is refused");
my $below = read_file("$d/api/below.gp");
is(scalar(() = $below =~ /^    set key off$/mg), 2, "key_below: no key in the panels");
is(scalar(() = $below =~ /keyentry with lines lt \d title 'first series'/g), 1, "key_below: each entry once");
ok(-s "$d/api/below.png" && -s "$d/api/asym.png", "both render");

# --- two figures never share one file name ---------------------------------------
# Problems whose ids differ only in characters a file name cannot hold map to
# one file-safe name ("/tmp/a" and "_tmp_a" both become "_tmp_a"): each such
# figure gets a hash of its exact identity; a figure whose name is unique
# keeps its plain name; the names are the same on the next run.
{
    my $FX = "$BUILD/fixtures/fx_misbehave.so";
    write_file("$d/clash.lua", <<"LUA");
experiment { name = "c", problems = {{"$FX", pidfile = "/tmp/a"}, {"$FX", pidfile = "_tmp_a"},
    {"$FX", pidfile = "x y"}}, models = {"linear"}, losses = {"objective"},
  train = {steps = 10, batch = 8, eval_every = 5}, eval = {contexts = 8}, solver = {iterations = 5} }
LUA
    my $r = amor("run", "$d/clash.lua", "--out", "$d/clash", "--quiet");
    is($r->{status}, 0, "figure names: run") or diag($r->{err});
    my @gp = sort map { s{.*/}{}r } glob("$d/clash/*.gp");
    is(scalar @gp, 7, "figure names: 3 training + 3 solver + 1 final figures, 7 files") or diag("@gp");
    is(scalar(grep { /^c_(training|solver)_fx_misbehave_pidfile__tmp_a_[0-9a-f]{8}\.gp$/ } @gp), 4,
       "figure names: the two clashing problems get a hash each, per kind");
    ok((grep { $_ eq 'c_training_fx_misbehave_pidfile_x_y.gp' } @gp), "figure names: a unique name stays plain");
    my %title;
    for my $g (grep { /_training_.*_tmp_a/ } @gp) {
        my ($t) = read_file("$d/clash/$g") =~ /pidfile=(\S+?)\)/;
        $title{$t // '?'}++;
    }
    is(join(",", sort keys %title), "/tmp/a,_tmp_a", "figure names: each file holds its own problem's figure");
    $r = amor("plot", "$d/clash");
    my @again = sort map { s{.*/}{}r } glob("$d/clash/*.gp");
    is("@again", "@gp", "figure names: amor plot gives the same names");
}

done_testing();
