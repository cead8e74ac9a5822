#!/usr/bin/env perl
# Reliable sweeps: cells run in worker processes; a cell that crashes, hangs
# past limits.timeout or runs out of limits.memory is recorded as such and
# the sweep goes on; rows keep the script's order whatever the number of
# workers; an interrupted sweep (kill -9) resumes without duplicating or
# dropping rows; changing one cell reruns only that cell; progress output.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;
use Time::HiRes qw(time sleep);

my $d = tmpdir();
my $FX = "$BUILD/fixtures/fx_misbehave.so";
my @TIMING = qw(train_seconds infer_seconds adam_seconds_to_within_delta adam_speedup_to_within_delta adam_seconds_budget adam_speedup_budget
                gd_seconds_to_within_delta gd_speedup_to_within_delta gd_seconds_budget gd_speedup_budget);

# pids of processes whose command line holds `--out $dir` (amor and its
# workers, which are forks of it)
sub procs_of {
    my ($dir) = @_;
    return map { m{/proc/(\d+)/} ? $1 : () }
           grep { read_file($_) =~ /\0--out\0\Q$dir\E\0/ } glob("/proc/[0-9]*/cmdline");
}

sub rows_of { my ($path) = @_; my ($h, $rows) = read_csv($path); return ($h, $rows) }
sub whole { my ($h, $rows) = @_; return !grep { $_->{__nfields} != scalar @$h } @$rows }

# --- (a, b, c, g) failures are recorded and the sweep goes on ------------------
# Seven cells: one segfaults, one sleeps forever (timeout 2 s), two allocate
# until the 200M memory limit stops them (one checks malloc, one does not),
# one calls exit(); the first and the last behave.
write_file("$d/bad.lua", <<"LUA");
experiment { name = "bad",
  problems = {{"$FX", mode = amor.sweep{"none", "segv", "sleep", "hog", "hog_crash", "exit"}},
              {"$FX", after = 1}},
  models = {"linear"}, losses = {"objective"},
  train = {steps = 30, batch = 8, eval_every = 10}, eval = {contexts = 16},
  solver = {iterations = 10}, limits = {memory = "200M"},
  override = function(cell)
    if cell.problem.params.mode == "sleep" then cell.limits.timeout = 2 end
  end }
LUA
my $h = amor_start("run", "$d/bad.lua", "--out", "$d/bad", "-j", "2");
my $r = amor_wait($h, 120);
ok(!$r->{killed}, sprintf("a sweep with a hanging cell ends by itself (%.1f s)", $r->{seconds}));
isnt($r->{status}, 0, "failed cells make the exit status non-zero");
my ($hd, $rows) = rows_of("$d/bad/runs.csv");
is(scalar @$rows, 7, "every cell has a row, failed or not") or diag($r->{out}, $r->{err});
ok(whole($hd, $rows), "every row is whole");
my %by = map { ($_->{'problem.mode'} || 'last') => $_ } @$rows;
is($by{none}{status}, 'ok', "a good cell before the failures: ok");
is($by{last}{status}, 'ok', "a good cell after the failures: ok");
is($rows->[6]{cell}, $by{last}{cell}, "rows in the script's order");
is($by{segv}{status}, 'crashed', "a segfaulting plugin: status crashed");
like($by{segv}{error}, qr/^killed by signal SIGSEGV \(Segmentation fault\)/,
     "crashed: the error names the signal");
is($by{sleep}{status}, 'timeout', "a plugin sleeping forever under timeout = 2: status timeout");
like($by{sleep}{error}, qr/exceeded the time limit of 2 s \(limits\.timeout\)/,
     "timeout: the error names the limit");
is($by{hog}{status}, 'oom', "unbounded allocation under memory = 200M (malloc checked): status oom");
like($by{hog}{error}, qr/out of memory \(limits\.memory = 200M\)/, "oom: the error names the limit");
is($by{hog_crash}{status}, 'oom', "unbounded allocation, the failed malloc used (SIGSEGV): still oom");
like($by{hog_crash}{error}, qr/killed by signal SIGSEGV/, "oom by signal: the signal is named");
is($by{exit}{status}, 'crashed', "a plugin calling exit(): status crashed");
like($by{exit}{error}, qr/exited with status 3 without a result/, "exit(): the error says so");
like($r->{out}, qr/^7 cells, 5 failed: 2 ok, 2 crashed, 1 timeout, 2 oom; results in /m,
     "the summary counts each status");
like($r->{out}, qr/^\[\d\/7\] .*mode=segv.* crashed: killed by signal SIGSEGV/m,
     "a per-cell line reports the crash as it happens");

# out of memory is the failure's code (AMOR_ENOMEM), not errno or words: a
# plugin error that leaves errno at ENOMEM and says "out of memory" is an
# ordinary error under a memory limit (it was recorded oom)
write_file("$d/enomem.lua", <<"LUA");
experiment { name = "enomem", problems = {{"$FX", mode = "error_enomem", after = 2}},
  models = {"linear"}, losses = {"objective"}, train = {steps = 10, batch = 4},
  eval = {contexts = 8}, solver = {iterations = 0}, limits = {memory = "1G"} }
LUA
$r = amor("run", "$d/enomem.lua", "--out", "$d/enomem", "--quiet");
($hd, $rows) = rows_of("$d/enomem/runs.csv");
is($rows->[0]{status}, 'error', "a plugin error with errno ENOMEM under a memory limit: error, not oom");
like($rows->[0]{error}, qr/: fx_misbehave: a bad value \(not out of memory/, "... with the plugin's message");

# in-process cells and the --set form of a limit
write_file("$d/one.lua", <<"LUA");
local r = amor.run_cell { experiment = "one", problem = {"$FX", mode = amor.setting("mode", "none")},
  model = "linear", loss = "objective", train = {steps = 10}, eval = {contexts = 8},
  solver = {iterations = 0} }
print("STATUS=" .. r.status .. " ERROR=" .. r.error)
LUA
$r = amor_wait(amor_start("run", "$d/one.lua", "--out", "$d/one", "--set", "mode=sleep",
                          "--set", "limits.timeout=1"), 60);
like($r->{out}, qr/STATUS=timeout ERROR=exceeded the time limit of 1 s/,
     "--set limits.timeout=1 applies to amor.run_cell, whose result table says timeout");
$r = amor("run", "$d/one.lua", "--out", "$d/one0", "-j", "0", "--set", "limits.memory=1G");
like($r->{err}, qr/-j 0 runs cells in this process: limits\.timeout and limits\.memory are not enforced/,
     "-j 0 with limits: a warning that they are not enforced");
like($r->{out}, qr/STATUS=ok/, "-j 0 runs the cell in-process");
$r = amor("run", "$d/one.lua", "-j", "two");
is($r->{status}, 2, "-j two: usage error");
like($r->{err}, qr/-j expects a number of workers from 0 to 4096, got 'two'/, "-j two: says why");
$r = amor("run", "$d/one.lua", "--out", "$d/one1", "--set", "limits.memory=lots");
like($r->{err}, qr/limits setting 'memory' must be a size in bytes .* got lots/,
     "a bad memory size is an error naming the setting");

# --- (d) the number of workers does not change the results -----------------------
my %csv;
for my $j (1, 2, 0) {
    $r = amor("run", "scripts/quickstart.lua", "--set", "quick=true", "--out", "$d/j$j", "-j", $j);
    is($r->{status}, 0, "quickstart with -j $j") or diag($r->{err});
    $csv{$j} = { runs => [rows_of("$d/j$j/runs.csv")], curves => [rows_of("$d/j$j/curves.csv")],
                 solver => [rows_of("$d/j$j/solver.csv")] };
}
for my $j (2, 0) {
    is_deeply($csv{$j}{runs}[0], $csv{1}{runs}[0], "-j $j and -j 1: the same runs.csv header");
    is_deeply([map { strip_cols($_, @TIMING) } @{$csv{$j}{runs}[1]}],
              [map { strip_cols($_, @TIMING) } @{$csv{1}{runs}[1]}],
              "-j $j and -j 1: identical runs.csv rows, in the same order, apart from timing columns");
    is_deeply([map { strip_cols($_) } @{$csv{$j}{curves}[1]}], [map { strip_cols($_) } @{$csv{1}{curves}[1]}],
              "-j $j and -j 1: identical curves.csv");
    is_deeply([map { strip_cols($_, 'seconds') } @{$csv{$j}{solver}[1]}],
              [map { strip_cols($_, 'seconds') } @{$csv{1}{solver}[1]}],
              "-j $j and -j 1: identical solver.csv apart from seconds");
}
is(scalar @{$csv{2}{runs}[1]}, 16, "all 16 quickstart rows");

# --- (e) kill -9 mid-sweep, then resume ----------------------------------------
write_file("$d/twelve.lua", <<'LUA');
experiment { name = "twelve", problems = {{"quadratic", dim = 4}},
  models = {{"mlp", hidden = {32}}}, losses = {"regression", "objective"}, seeds = {1, 2, 3, 4, 5, 6},
  train = {steps = 400, batch = 32, eval_every = 100}, eval = {contexts = 64},
  solver = {iterations = 50} }
LUA
$h = amor_start("run", "$d/twelve.lua", "--out", "$d/killed", "-j", "2");
my $t0 = time();
while (time() - $t0 < 120) {
    my (undef, $now) = rows_of("$d/killed/runs.csv");
    last if @$now >= 2;
    sleep(0.01);
}
kill 'KILL', $h->{pid};
waitpid($h->{pid}, 0);
my ($kh, $krows) = rows_of("$d/killed/runs.csv");
my $k = scalar @$krows;
ok($k >= 2 && $k < 12, "killed mid-sweep with $k of 12 rows written");
ok(whole($kh, $krows), "the interrupted runs.csv holds whole rows only");
# the finished cells' stored results: the rows' cells and maybe more (rows
# are written in the script's order, so a cell that finished before the one
# above it is stored without its row yet)
my $stored = () = glob("$d/killed/.cells/*.cell");
ok($stored >= $k && $stored < 12, "$stored finished cells stored, at least the $k with rows");
# the workers die with the parent
my $orphans;
for (1 .. 100) {
    last unless $orphans = () = procs_of("$d/killed");
    sleep(0.05);
}
is($orphans, 0, "no worker outlives the killed amor");

$r = amor("run", "$d/twelve.lua", "--out", "$d/killed", "-j", "2");
is($r->{status}, 0, "the rerun finishes");
like($r->{out}, qr/resumed $stored of 12 cells \(same key, status ok\)/,
     "the rerun says it resumed the $stored finished cells");
like($r->{out}, qr/^12 cells, 0 failed: 12 ok \($stored resumed\)/m, "and counts them in the summary");
$r = amor("run", "$d/twelve.lua", "--out", "$d/whole", "-j", "2");
my ($wh, $wrows) = rows_of("$d/whole/runs.csv");
($kh, $krows) = rows_of("$d/killed/runs.csv");
is(scalar @$krows, 12, "resumed: 12 rows");
my %seen;
$seen{$_->{cell}}++ for @$krows;
is(scalar(grep { $seen{$_} > 1 } keys %seen), 0, "resumed: no cell twice");
ok(whole($kh, $krows), "resumed: no row truncated");
is_deeply($kh, $wh, "resumed and uninterrupted: the same header");
is_deeply([map { strip_cols($_, @TIMING) } @$krows], [map { strip_cols($_, @TIMING) } @$wrows],
          "resumed and uninterrupted: the same rows in the same order (timing aside)");
for my $f ([qw(curves.csv)], [qw(solver.csv seconds)]) {
    my ($name, @drop) = @$f;
    my (undef, $a) = rows_of("$d/killed/$name");
    my (undef, $b) = rows_of("$d/whole/$name");
    is_deeply([map { strip_cols($_, @drop) } @$a], [map { strip_cols($_, @drop) } @$b],
              "resumed and uninterrupted: the same $name");
}
is(scalar(() = glob("$d/killed/*.tmp.*")), 0, "no temporary files left behind");

# --- (f) changing one cell reruns only that cell ----------------------------------
write_file("$d/change.lua", <<'LUA');
experiment { name = "change", problems = {{"quadratic", dim = 2}}, models = {"linear", {"mlp", hidden = {8}}},
  losses = {"objective"}, seeds = {1, 2}, train = {steps = 60, eval_every = 20},
  eval = {contexts = 16}, solver = {iterations = 20},
  override = function(cell)
    if cell.seed == 2 and cell.model.name == "mlp" then cell.model.params.hidden = {amor.setting("h", 8)} end
  end }
LUA
$r = amor("run", "$d/change.lua", "--out", "$d/ch");
my (undef, $c1) = rows_of("$d/ch/runs.csv");
$r = amor("run", "$d/change.lua", "--out", "$d/ch", "--set", "h=6");
like($r->{out}, qr/resumed 3 of 4 cells/, "one parameter changed: 3 of 4 cells resumed");
my (undef, $c2) = rows_of("$d/ch/runs.csv");
is(scalar @$c2, 4, "still 4 rows");
is_deeply([map { $_->{cell} } @$c2], [map { $_->{cell} =~ s/hidden=8\)\/objective\/seed=2/hidden=6)\/objective\/seed=2/r } @$c1],
          "in the same order, the changed cell in its place");
for my $i (0 .. 3) {
    next if $c2->[$i]{'model.hidden'} eq '6';
    is(strip_cols($c2->[$i]), strip_cols($c1->[$i]), "unchanged cell $c1->[$i]{cell}: the same row, timing included (not rerun)");
}
my ($changed) = grep { $_->{'model.hidden'} eq '6' } @$c2;
ok($changed && $changed->{status} eq 'ok', "the changed cell ran");
isnt($changed && $changed->{key}, (grep { $_->{cell} =~ /hidden=8\)\/objective\/seed=2/ } @$c1)[0]{key},
     "with a new key");
my $before = read_file("$d/ch/runs.csv");
$r = amor("run", "$d/change.lua", "--out", "$d/ch", "--set", "h=6");
like($r->{out}, qr/resumed 4 of 4 cells/, "nothing changed: every cell resumed");
is(read_file("$d/ch/runs.csv"), $before, "and runs.csv is byte for byte the same");
$r = amor("run", "$d/change.lua", "--out", "$d/ch", "--set", "h=6", "--set", "limits.timeout=600");
like($r->{out}, qr/resumed 4 of 4 cells/, "limits are not part of the key");
$r = amor("run", "$d/change.lua", "--out", "$d/ch", "--set", "h=6", "--set", "eval.contexts=17");
unlike($r->{out}, qr/resumed/, "a setting is part of the key: changing it reruns every cell");
$r = amor("run", "$d/change.lua", "--out", "$d/ch", "--set", "h=6", "--fresh");
unlike($r->{out}, qr/resumed/, "--fresh runs every cell again");

# rows of other experiments in the directory are kept
write_file("$d/other.lua", <<'LUA');
experiment { name = "other", problems = {"rosenbrock"}, models = {"linear"}, losses = {"objective"},
  train = {steps = 20}, eval = {contexts = 8}, solver = {iterations = 0} }
LUA
amor("run", "$d/other.lua", "--out", "$d/ch");
$r = amor("run", "$d/change.lua", "--out", "$d/ch", "--set", "h=6");
my (undef, $c3) = rows_of("$d/ch/runs.csv");
is(scalar(grep { $_->{experiment} eq 'other' } @$c3), 1, "another experiment's row stays in runs.csv");
is(scalar(grep { $_->{experiment} eq 'change' } @$c3), 4, "beside this experiment's rows");
my (undef, $cc) = rows_of("$d/ch/curves.csv");
ok(scalar(grep { $_->{experiment} eq 'other' } @$cc) > 0, "and its curves stay in curves.csv");

# a runs.csv amor cannot read is an error, not a silent overwrite
mkdir("$d/broken");
write_file("$d/broken/runs.csv", "experiment,cell,status\nchange,\"unterminated,ok\n");
$r = amor("run", "$d/change.lua", "--out", "$d/broken");
isnt($r->{status}, 0, "an unreadable runs.csv stops the run");
like($r->{err}, qr/\Q$d\E\/broken\/runs\.csv:2: unterminated quoted field \(amor run --fresh starts over\)/,
     "naming the file and line, and the way out");
$r = amor("run", "$d/change.lua", "--out", "$d/broken", "--fresh");
is($r->{status}, 0, "--fresh starts over");
# and one that is not a regular file is refused, not read without end
mkdir("$d/dev");
symlink("/dev/zero", "$d/dev/runs.csv") or die "symlink: $!";
$r = amor("run", "$d/change.lua", "--out", "$d/dev");
isnt($r->{status}, 0, "a runs.csv that is /dev/zero stops the run");
like($r->{err}, qr/^amor: \Q$d\E\/change\.lua:1: \Q$d\E\/dev\/runs\.csv: not a regular file \(amor run --fresh starts over\)$/m,
     "refused as not a regular file, named");

# --- one run per directory; workers die with amor ----------------------------------
write_file("$d/hang.lua", <<"LUA");
experiment { name = "hang", problems = {{"$FX", mode = "sleep"}}, models = {"linear"},
  losses = {"objective"}, train = {steps = 10}, solver = {iterations = 0} }
LUA
$h = amor_start("run", "$d/hang.lua", "--out", "$d/lock", "-j", "1");
$t0 = time();
# the lock is taken before the worker is forked: wait for the worker
sleep(0.05) until grep({ $_ != $h->{pid} } procs_of("$d/lock")) || time() - $t0 > 60;
$r = amor("run", "$d/change.lua", "--out", "$d/lock");
like($r->{err}, qr/another amor run \(pid $h->{pid}\) is writing to \Q$d\E\/lock/,
     "a second run into the same directory is refused, naming the first");
kill 'KILL', $h->{pid};
waitpid($h->{pid}, 0);
for (1 .. 100) {
    last unless $orphans = () = procs_of("$d/lock");
    sleep(0.05);
}
is($orphans, 0, "the worker stuck in a plugin dies with amor (kill -9)");

# --- a plugin's leftover processes --------------------------------------------------
# A plugin that starts a background helper (system("sleep 30 &")) or forks a
# child that lives on: the cell ends when the worker does, ok, not at the
# time limit (the helper held the worker's pipe open), and the helper is
# ended with the cell (the worker's process group).
sub alive { my ($pid) = @_; return !ended_within($pid) }
write_file("$d/spawn.lua", <<"LUA");
experiment { name = "spawn",
  problems = {{"$FX", mode = "spawn", helper = 30, pidfile = "$d/spawn.pid"},
              {"$FX", mode = "fork", helper = 30, pidfile = "$d/fork.pid", after = 3}},
  models = {"linear"}, losses = {"objective"},
  train = {steps = 30, batch = 8, eval_every = 10}, eval = {contexts = 16},
  solver = {iterations = 10}, limits = {timeout = 10} }
LUA
for my $j (1, 2) {
    unlink "$d/spawn.pid", "$d/fork.pid";
    $r = amor_wait(amor_start("run", "$d/spawn.lua", "--out", "$d/spawn$j", "-j", $j, "--quiet"), 60);
    is($r->{status}, 0, "-j $j: cells whose plugin leaves a helper running end ok") or diag($r->{err});
    ($hd, $rows) = rows_of("$d/spawn$j/runs.csv");
    is(join(",", map { $_->{status} } @$rows), "ok,ok", "-j $j: both cells ok, not timeout");
    for my $m ("spawn", "fork") {
        my $pid = read_file("$d/$m.pid");
        ok(defined $pid && $pid =~ /^(\d+)\s*$/, "-j $j: the $m helper started (pid recorded)");
        ok(!alive($1 // 0), "-j $j: the $m helper was ended with its cell");
    }
}

# --- memory limits end as oom or ok, never as a hang ---------------------------------
# An mlp's matrix products run in OpenBLAS, which retries a failed mapping of
# its work buffer forever: under 48-96 MB the cell used to spin until
# limits.timeout (recorded `timeout`) or for ever.  Limits from tight to
# generous, with and without train.threads, on one and two OpenBLAS threads.
write_file("$d/mem.lua", <<"LUA");
experiment { name = "mem", problems = {{"quadratic", dim = 16, cond = 10}},
  models = {{"mlp", hidden = {256, 256}}}, losses = {"objective"},
  train = {steps = 3, batch = 2048, threads = amor.sweep{1, 2}}, eval = {contexts = 2048},
  solver = {iterations = 0},
  limits = {memory = amor.sweep{"1M", "16M", "32M", "48M", "64M", "80M", "96M", "128M", "512M"},
            timeout = 60} }
LUA
for my $bt (1, 2) {
    local $ENV{OPENBLAS_NUM_THREADS} = $bt;
    $r = amor_wait(amor_start("run", "$d/mem.lua", "--out", "$d/mem$bt", "-j", 2, "--quiet"), 300);
    ($hd, $rows) = rows_of("$d/mem$bt/runs.csv");
    is(scalar @$rows, 18, "OpenBLAS threads $bt: every limit has a row") or diag($r->{err});
    my @bad = grep { $_->{status} !~ /^(ok|oom)$/ } @$rows;
    is(scalar @bad, 0, "OpenBLAS threads $bt: every cell ends ok or oom")
        or diag(join "\n", map { "$_->{'limits.memory'} threads $_->{'train.threads'}: $_->{status} $_->{error}" } @bad);
    for my $th (1, 2) {
        my @s = map { $_->{status} } grep { $_->{'train.threads'} == $th } @$rows;
        is($s[0], 'oom', "OpenBLAS threads $bt, train.threads $th: 1M ends oom");
        is($s[-1], 'ok', "OpenBLAS threads $bt, train.threads $th: 512M ends ok");
    }
    ok(!grep({ $_->{status} eq 'oom' && $_->{error} !~ /^out of memory \(limits\.memory = \d+M\): / } @$rows),
       "OpenBLAS threads $bt: each oom names its limit");
}

# --- progress ----------------------------------------------------------------------
$r = amor("run", "$d/change.lua", "--out", "$d/q", "--quiet");
is($r->{status}, 0, "--quiet runs");
unlike($r->{out}, qr/^\[\d+\/\d+\]|^experiment |^cell\s+status/m, "--quiet: no per-cell lines or tables");
like($r->{out}, qr/^4 cells, 0 failed: 4 ok; results in /m, "--quiet: still the closing summary");
SKIP: {
    skip "no script(1) to give amor a terminal", 3 unless -x "/usr/bin/script";
    local $ENV{TERM} = "xterm";
    # cells of about a second (the display redraws every 0.1 s): long
    # enough that a redraw falls inside training
    write_file("$d/tty.lua", <<'LUA');
experiment { name = "tty", problems = {{"quadratic", dim = 4}}, models = {{"mlp", hidden = {32}}},
  losses = {"objective"}, seeds = {1, 2}, train = {steps = 200000, eval_every = 50000},
  solver = {iterations = 0} }
LUA
    my $out = `/usr/bin/script -qec 'stty cols 200; $AMOR run $d/tty.lua --out $d/tty -j 2' /dev/null 2>&1`;
    like($out, qr/\[\d\/2\] quadratic\(dim=4\)\/mlp\(hidden=32\)\/objective\/seed=\d  step \d+\/200000  loss \S+  \S+  ETA/,
         "on a terminal: a live line per running cell (cell i/N, step, loss, ETA)");
    like($out, qr/\[[#.]{30}\] \d\/2 done  \d running  \S+ elapsed  ETA/, "and an overall bar");
    like($out, qr/\e\[\d+F\e\[J/, "redrawn in place");
}

done_testing();
