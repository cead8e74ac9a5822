#!/usr/bin/env perl
# Ctrl-C (SIGINT) and SIGTERM: a script stuck in its own Lua code (a loop at
# top level) is interrupted with the line it was at, exit status 128 + the
# signal, and nothing half-written: rows of cells that finished stay whole
# and no temporary file is left.  While a cell runs in a worker, the signal
# still ends amor at once, as it always did, and the worker with it.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;
use Time::HiRes qw(sleep);

# A shell that started this test in the background may have left SIGINT
# ignored, and amor (rightly) keeps an ignored SIGINT ignored: give amor the
# default disposition to start from.
$SIG{INT} = 'DEFAULT';

my $d = tmpdir();

# Start amor on a script, wait until it printed `line`, send `sig`; returns
# amor_wait's result (60 s at most: a signal that is not acted on fails).
sub interrupt {
    my ($sig, $line, @args) = @_;
    my $h = amor_start(@args);
    for (1 .. 1200) {
        last if read_file("$h->{dir}/out") =~ /^\Q$line\E$/m;
        return { early => 1, err => read_file("$h->{dir}/err") } if waitpid($h->{pid}, 1) == $h->{pid};
        sleep(0.05);
    }
    kill $sig, $h->{pid};
    return amor_wait($h, 60);
}

sub first_line { my ($t) = @_; return (split /\n/, $t // '')[0] // '' }

# --- a loop at the script's top level -------------------------------------------------
write_file("$d/loop.lua", <<'LUA');
print("looping")
io.stdout:flush()
while true do end
LUA
for my $case (['INT', 130, 'SIGINT'], ['TERM', 143, 'SIGTERM']) {
    my ($sig, $status, $name) = @$case;
    my $r = interrupt($sig, 'looping', 'run', "$d/loop.lua", '--out', "$d/loop_$sig");
    ok(!$r->{early} && !$r->{killed}, "$name ends a script looping at top level") or diag($r->{err});
    is($r->{signal}, 0, "$name: amor exits by itself");
    is($r->{status}, $status, "$name: exit status $status");
    is(first_line($r->{err}), "amor: $d/loop.lua:3: interrupted by $name",
       "$name: the message names the script's line");
    ok(!-e "$d/loop_$sig", "$name: nothing written (no cell ran)");
}

# --- after an experiment: its results stay whole ------------------------------------------
write_file("$d/after.lua", <<'LUA');
experiment { name = "before", problems = {{"quadratic", dim = 2}}, models = {"linear"},
  losses = {"objective"}, train = {steps = 5}, eval = {contexts = 8}, solver = {iterations = 0} }
print("experiment done")
io.stdout:flush()
local n = 0
-- a pcall of the script's own that swallows errors does not keep it running
while true do pcall(function() while true do n = n + 1 end end) end
LUA
my $r = interrupt('INT', 'experiment done', 'run', "$d/after.lua", '--out', "$d/after", '--quiet');
ok(!$r->{early} && !$r->{killed}, "SIGINT ends a loop whose pcall catches the interruption")
    or diag($r->{err});
is($r->{status}, 130, "... exit status 130");
like(first_line($r->{err}), qr/^amor: \Q$d\E\/after\.lua:7: interrupted by SIGINT$/,
     "... the message names the loop's line");
like($r->{err}, qr/^amor: 1 cell finished before the interruption; results kept in \Q$d\E\/after$/m,
     "... and says the finished cell's results are kept");
my ($h, $rows) = read_csv("$d/after/runs.csv");
is(scalar @$rows, 1, "the experiment's row is in runs.csv");
is($rows->[0]{status} // '', 'ok', "... whole (status ok)");
is($rows->[0]{__nfields}, scalar @$h, "... with every field");
opendir(my $dh, "$d/after") or die;
my @tmp = grep { /\.tmp/ } readdir($dh);
closedir($dh);
is("@tmp", '', "no temporary file left in the output directory");
write_file("$d/again.lua", <<'LUA');
experiment { name = "again", problems = {{"quadratic", dim = 2}}, models = {"linear"},
  losses = {"objective"}, train = {steps = 5}, eval = {contexts = 8}, solver = {iterations = 0} }
LUA
$r = amor_wait(amor_start('run', "$d/again.lua", '--out', "$d/after", '--quiet'), 120);
is($r->{status}, 0, "the directory is not left locked by the interrupted run") or diag($r->{err});

# --- while a cell runs in a worker: amor ends at once, as before -------------------------
my $FX = "$BUILD/fixtures/fx_misbehave.so";
write_file("$d/hang.lua", <<"LUA");
print("submitting")
io.stdout:flush()
experiment { name = "hang", problems = {{"$FX", mode = "sleep"}}, models = {"linear"},
  losses = {"objective"}, train = {steps = 10}, solver = {iterations = 0} }
LUA
my $hd = amor_start('run', "$d/hang.lua", '--out', "$d/hang", '-j', '1', '--quiet');
my @workers;
# the worker, a child of amor named amor-worker, sleeps in the plugin for
# ever; the plugin's probe (amor-probe), a child too, comes before it and runs
# while the script's own handler is in place
sub comm { my ($pid) = @_; my $c = read_file("/proc/$pid/comm"); chomp $c; return $c }
for (1 .. 1200) {
    @workers = grep { comm($_) eq 'amor-worker' }
        split ' ', read_file("/proc/$hd->{pid}/task/$hd->{pid}/children");
    last if @workers;
    sleep(0.05);
}
ok(scalar @workers, "a worker runs the hanging cell");
kill 'INT', $hd->{pid};
$r = amor_wait($hd, 60);
ok(!$r->{killed}, "SIGINT while a cell runs ends amor (it does not wait for the cell)");
is($r->{signal}, 2, "... killed by SIGINT, as before the script's handler existed");
# a process is gone when /proc has no entry for it or it is a zombie (whoever
# inherited it may not reap it)
sub alive { my ($pid) = @_; my $st = read_file("/proc/$pid/stat"); return $st ne '' && $st !~ /^\d+ \(.*\) Z/ }
my $alive = 1;
for (1 .. 1200) {
    $alive = grep { alive($_) } @workers;
    last unless $alive;
    sleep(0.05);
}
ok(!$alive, "... and the worker dies with it");

done_testing();
