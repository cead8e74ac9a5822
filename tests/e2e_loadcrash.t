#!/usr/bin/env perl
# Plugins that crash, abort, exit or hang while being loaded (a constructor,
# the entry point, a descriptor string in unmapped memory): amor lives on and
# names the file and what happened.  Named explicitly (describe, check, eval,
# a script), such a file is an error, exit status non-zero; found while
# scanning (amor list, names in a script) it is skipped with a warning and
# the other plugins work.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Cwd qw(abs_path);
use Test::More;

delete $ENV{AMOR_PLUGIN_PATH};
# a hang costs this long; a loaded machine still loads a fixture in it
$ENV{AMOR_LOAD_TIMEOUT} = 1;

my $FX = "$BUILD/fixtures";
my %crash = (
    'fx_abort_ctor.so'   => 'crashed while loading (SIGABRT, Aborted)',
    'fx_bad_doc_ptr.so'  => "crashed while reading descriptor 0 ('fx_bad_doc') (SIGSEGV, Segmentation fault)",
    'fx_bad_name_ptr.so' => 'crashed while reading the name of descriptor 0 (SIGSEGV, Segmentation fault)',
    'fx_crash_ctor.so'   => 'crashed while loading (SIGSEGV, Segmentation fault)',
    'fx_crash_entry.so'  => 'crashed in amor_plugin_descriptor(1) (SIGSEGV, Segmentation fault)',
    'fx_exit_ctor.so'    => 'exited with status 3 while loading',
    'fx_hang_ctor.so'    => 'timed out while loading (no progress in 1 s; AMOR_LOAD_TIMEOUT sets the limit)',
);
my @crashers = sort keys %crash;
my @quick = grep { $_ ne 'fx_hang_ctor.so' } @crashers;   # the hang: once per command

# amor, killed after 60 s: without the probe's timeout, the hang would hang
# this test too
sub amor_bounded {
    my $r = amor_wait(amor_start(@_), 60);
    $r->{err} .= "(killed after 60 s)\n" if $r->{killed};
    return $r;
}

# --- named explicitly: an error naming the file -------------------------------
for my $f (@crashers) {
    my $r = amor_bounded('describe', "$FX/$f");
    is($r->{status}, 1, "describe $f: exit status 1 (amor was not killed: signal $r->{signal})");
    is($r->{err}, "amor describe: $FX/$f: $crash{$f}\n", "describe $f: the message names the file");
    is($r->{out}, '', "describe $f: nothing on stdout");
}
for my $f (grep { $_ ne 'fx_bad_doc_ptr.so' } @crashers) {
    my $r = amor_bounded('check', "$FX/$f");
    is($r->{status}, 1, "check $f: exit status 1");
    is($r->{out}, "not ok 1 - $FX/$f: loads as a shared object\n#   $FX/$f: $crash{$f}\n" .
                  "1..1\n# 1 of 1 checks failed\n", "check $f: one failed check, saying why");
}
{
    # its name loads fine; the doc string is read by a check, in a child of its own
    my $r = amor('check', "$FX/fx_bad_doc_ptr.so");
    is($r->{status}, 1, "check fx_bad_doc_ptr.so: exit status 1");
    like($r->{out}, qr/^not ok 5 - fx_bad_doc: descriptor: name, version and doc\n#   crashed: killed by signal 11 /m,
         "check fx_bad_doc_ptr.so: the check that reads the doc fails with the crash");
}
{
    my $d = tmpdir();
    write_file("$d/x.csv", "1\n");
    my $r = amor('eval', "$FX/fx_crash_ctor.so", '--contexts', "$d/x.csv", '--solutions', "$d/x.csv");
    is($r->{status}, 1, "eval fx_crash_ctor.so: exit status 1");
    is($r->{err}, "amor eval: $FX/fx_crash_ctor.so: $crash{'fx_crash_ctor.so'}\n",
       "eval fx_crash_ctor.so: the message names the file");
}

# --- scanning: skipped with a warning, the others work ------------------------
my $dir = tmpdir();
for my $f (@crashers, 'fx_good.so') {
    symlink(abs_path("$FX/$f"), "$dir/$f") or die "symlink $f: $!";
}
my $quick_dir = tmpdir();
for my $f (@quick, 'fx_misbehave.so') {
    symlink(abs_path("$FX/$f"), "$quick_dir/$f") or die "symlink $f: $!";
}
my $warnings = join('', map { "amor: warning: skipped $dir/$_: $crash{$_}\n" } @crashers);
(my $quick_warnings = join('', map { "amor: warning: skipped $dir/$_: $crash{$_}\n" } @quick))
    =~ s/\Q$dir\E/$quick_dir/g;
{
    my $plain = amor('list');
    is($plain->{status}, 0, 'list without the broken directory');
    local $ENV{AMOR_PLUGIN_PATH} = $dir;
    my $r = amor_bounded('list');
    is($r->{status}, 0, 'list with a directory of broken plugins: exit status 0');
    is($r->{err}, $warnings, 'list: one warning per broken file, naming it and what happened, in order');
    is($r->{out}, $plain->{out} . "problem  fx_one           fixture one\n" .
                  "problem  fx_two           fixture two\n",
       'list: every good plugin, those of the same directory included');
    $r = amor('describe', 'fx_two');
    is($r->{status}, 0, 'describe a good plugin found next to broken ones') or diag($r->{err});
    like($r->{out}, qr/^problem fx_two \(version 1\.0, ABI 1\.\d+, \S+fx_good\.so\)\n  fixture two\n/,
         'describe: the good plugin, from its file');
}

# --- a script ------------------------------------------------------------------
my $d = tmpdir();
my $cell = 'models = {"linear"}, losses = {"objective"}, seeds = {1}, ' .
           'train = {steps = 10, batch = 8, eval_every = 5}, eval = {contexts = 16}, ' .
           'solver = {iterations = 10}';
{
    # a grid naming a plugin by name, broken plugins on the path: the run goes on
    local $ENV{AMOR_PLUGIN_PATH} = $quick_dir;
    write_file("$d/byname.lua", "experiment { name = \"a\", problems = {\"fx_misbehave\"}, $cell }\n");
    my $r = amor('run', "$d/byname.lua", '--out', "$d/out_byname", '-j', '1', '--quiet');
    is($r->{status}, 0, 'run: a plugin found next to broken ones runs') or diag($r->{err});
    is($r->{err}, $quick_warnings, 'run: the broken files are skipped with a warning each');
    my (undef, $rows) = read_csv("$d/out_byname/runs.csv");
    is(scalar(@$rows), 1, 'run: its cell is in runs.csv');

    # naming a plugin whose file was skipped: the error says why it is missing
    write_file("$d/skipped.lua", "experiment { name = \"s\", problems = {\"fx_crash_ctor\"}, $cell }\n");
    $r = amor('run', "$d/skipped.lua", '--out', "$d/out_skipped", '-j', '1');
    is($r->{status}, 1, 'run: a name no good file provides: exit status 1');
    like($r->{err}, qr/^amor: \Q$d\E\/skipped\.lua:1: unknown problem 'fx_crash_ctor' \(known: [a-z0-9_ ]*\); skipped .*\Q$quick_dir\E\/fx_crash_ctor\.so: crashed while loading \(SIGSEGV, Segmentation fault\)/m,
         'run: unknown name, with the skipped file and why');
    ok(!-e "$d/out_skipped/runs.csv", 'run: no cell ran');
}
{
    # a grid naming a crashing file: an error naming it, before any cell of
    # that experiment runs (those of earlier experiments are kept)
    write_file("$d/bypath.lua",
               "experiment { name = \"a\", problems = {{\"quadratic\", dim = 2}}, $cell }\n" .
               "experiment { name = \"b\", problems = {\"$FX/fx_crash_ctor.so\"}, $cell }\n");
    my $r = amor('run', "$d/bypath.lua", '--out', "$d/out_bypath", '-j', '1', '--quiet');
    is($r->{status}, 1, 'run: a grid naming a crashing file: exit status 1');
    like($r->{err}, qr/^amor: \Q$d\E\/bypath\.lua:2: \Q$FX\E\/fx_crash_ctor\.so: crashed while loading \(SIGSEGV, Segmentation fault\)\n/,
         'run: the message names the script line, the file and what happened');
    like($r->{err}, qr/^amor: 1 cell finished before the error; results kept in \Q$d\E\/out_bypath$/m,
         'run: the earlier experiment\'s cell is kept');
    my (undef, $rows) = read_csv("$d/out_bypath/runs.csv");
    is_deeply([map { $_->{experiment} } @$rows], ['a'], 'run: no cell of the experiment naming it ran');
}

# --- the timeout setting -------------------------------------------------------
{
    local $ENV{AMOR_LOAD_TIMEOUT} = '5s';
    my $r = amor('list');
    is($r->{status}, 2, 'AMOR_LOAD_TIMEOUT=5s: exit status 2');
    is($r->{err}, "amor: AMOR_LOAD_TIMEOUT: expected a positive number of seconds, got '5s'\n",
       'AMOR_LOAD_TIMEOUT=5s: the message names the variable and the value');
}

# --- a constructor that leaves a helper running ------------------------------------
# `sleep 120 &` from a plugin's constructor (in the probe's child, and again
# in amor when it loads the file): the probe ends when its child does, not
# when the helper lets go of the pipe; the probe's helper ends with it.
{
    my $d = tmpdir();
    local $ENV{AMOR_LOAD_TIMEOUT} = 60;
    local $ENV{FX_SPAWN_PIDS} = "$d/pids";
    my $h = amor_start("describe", "$FX/fx_spawn_ctor.so");
    my $r = amor_wait($h, 30);
    ok(!$r->{killed}, "a constructor leaving a helper: amor describe ends by itself");
    is($r->{status}, 0, "... and succeeds") or diag($r->{err});
    like($r->{out}, qr/^problem fx_spawn_ctor /m, "... describing the plugin");
    my @pids = read_file("$d/pids") =~ /(\d+)/g;
    is(scalar @pids, 2, "the constructor ran twice (the probe's child, then amor)");
    ok(@pids && ended_within($pids[0]), "the probe child's helper ended with the probe");
    kill 'KILL', @pids;
}

done_testing();
