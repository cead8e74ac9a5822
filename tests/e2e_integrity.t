#!/usr/bin/env perl
# What resume reads back is checked, and only that: a stored cell result
# (.cells/<key>.cell) or a saved model (models/<key>.amor) with a flipped
# bit (header, a double in the middle, the trailer), swapped with another
# cell's, replaced by a symbolic link, a FIFO or a directory, truncated or
# in an older format is named in a warning, its cell runs again giving the
# original values, and the rerun's file replaces it.  The CSVs are for
# people: editing them reruns nothing, the next run writes them again from
# the store, and deleting an experiment's rows does not lose its stored
# results.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;
use POSIX ();

my $d = tmpdir();
my $out = "$d/out";
my $N = 17;
my $COMMON = <<'LUA';
  problems = {{"quadratic", dim = 3}}, models = {"linear"}, losses = {"objective"},
  train = {steps = 40, eval_every = 20, save_model = true}, eval = {contexts = 16, timing = 0},
  solver = {iterations = 10}
LUA
write_file("$d/main.lua", "local s = {}\nfor i = 1, $N do s[i] = i end\n" .
           "experiment { name = \"integ\", seeds = s,\n$COMMON}\n");
write_file("$d/other.lua", "experiment { name = \"other\", seeds = {1},\n$COMMON}\n");

sub run_script {
    my ($name) = @_;
    my $r = amor_wait(amor_start("run", "$d/$name.lua", "--out", $out, "--quiet"), 120);
    ok(!$r->{killed}, "$name: amor finishes by itself (no read waits for a FIFO)");
    return $r;
}
sub spew { my ($path, $bytes) = @_; unlink $path; write_file($path, $bytes) }
sub flip { my ($bytes, $at, $mask) = @_; substr($bytes, $at, 1) = chr(ord(substr($bytes, $at, 1)) ^ $mask); $bytes }
sub main_rows {
    my (undef, $rows) = read_csv("$out/runs.csv");
    return { map { $_->{key} => $_ } grep { $_->{experiment} eq 'integ' } @$rows };
}

# ---- the reference: every cell run once --------------------------------------
my $r = run_script("other");
is($r->{status}, 0, "another experiment first, into the same directory");
$r = run_script("main");
is($r->{status}, 0, "$N cells run") or diag($r->{err});
is($r->{err}, '', "no warning");
my (undef, $rows) = read_csv("$out/runs.csv");
my @K = map { $_->{key} } grep { $_->{experiment} eq 'integ' } @$rows;
is(scalar @K, $N, "$N rows");
my %obj = map { $_->{key} => $_->{objective_mean} } grep { $_->{experiment} eq 'integ' } @$rows;
my %csv = map { $_ => read_file("$out/$_") } qw(runs.csv curves.csv solver.csv);
my (%cell, %ckpt);
for my $k (@K) {
    $cell{$k} = read_file("$out/.cells/$k.cell");
    $ckpt{$k} = read_file("$out/models/$k.amor");
}
is(substr($cell{$K[0]}, 0, 12), "AMORCELL" . pack("V", 2), "a stored cell: AMORCELL, format 2");
is(substr($cell{$K[0]}, 12, 16), $K[0], "... then its key");

# ---- the CSVs are for people: edits rerun nothing ------------------------------
my $other_line;
{
    my @lines = split /^/, $csv{'runs.csv'};
    ($other_line) = grep { /^other,/ } @lines;
    my @kept;
    for my $l (@lines) {
        next if $l =~ /^other,/ || $l =~ /,\Q$K[1]\E,/;     # rows deleted
        if ($l =~ /,\Q$K[0]\E,/) {                             # a row edited
            $l =~ s/,ok,/,error,/;
            $l =~ s/,\Q$obj{$K[0]}\E,/,0,/;
        }
        push @kept, $l;
    }
    write_file("$out/runs.csv", join('', @kept));
    write_file("$out/curves.csv", join('', grep { !/^integ,/ } split /^/, $csv{'curves.csv'}));
    write_file("$out/solver.csv", join('', grep { !/^integ,/ } split /^/, $csv{'solver.csv'}));
}
$r = run_script("main");
like($r->{out}, qr/^$N cells, 0 failed: $N ok \($N resumed\)/m,
     "edited runs.csv (a row's status and objective changed, rows deleted), curves.csv and solver.csv: every cell resumed");
is($r->{err}, '', "without a warning");
(my $want_runs = $csv{'runs.csv'}) =~ s/^\Q$other_line\E//m;
is(read_file("$out/runs.csv"), $want_runs, "runs.csv written again from the store, byte for byte (the deleted row of the other experiment stays deleted)");
is(read_file("$out/curves.csv"), $csv{'curves.csv'}, "curves.csv too");
is(read_file("$out/solver.csv"), $csv{'solver.csv'}, "solver.csv too");
$r = run_script("other");
like($r->{out}, qr/^1 cells?, 0 failed: 1 ok \(1 resumed\)/m,
     "the other experiment, whose row was deleted from runs.csv, still resumes from its stored result");

# ---- damaged stored cells and checkpoints -----------------------------------------
my $cells = "$out/.cells";
my $models = "$out/models";
my $elsewhere = "$d/elsewhere";
mkdir $elsewhere;
my $cellid = qr/quadratic\(dim=3\)\/linear\/objective\/seed=\d+/;

# Run after damaging the cells (indices into @K) whose expected warnings
# %$want holds: each named, each rerun giving its original objective, each
# file replaced; $resumed cells taken from the store.
sub damaged_run {
    my ($label, $want, $resumed) = @_;
    my $r = run_script("main");
    is($r->{status}, 0, "$label: the damaged cells run again, successfully") or diag($r->{err});
    like($r->{out}, qr/^$N cells, 0 failed: $N ok \($resumed resumed\)/m, "$label: $resumed of $N resumed");
    for my $i (sort { $a <=> $b } keys %$want) {
        like($r->{err}, qr/^amor: warning: (?:$want->{$i})[^\n]*; rerunning cell $cellid$/m,
             "$label: cell " . ($i + 1) . ": the warning names the file and what failed");
    }
    my $rows = main_rows();
    is(scalar(grep { $rows->{$K[$_]} && $rows->{$K[$_]}{status} eq 'ok' &&
                     $rows->{$K[$_]}{objective_mean} eq $obj{$K[$_]} } keys %$want),
       scalar(keys %$want), "$label: every rerun gives the original objective_mean");
    for my $i (sort { $a <=> $b } keys %$want) {
        my $k = $K[$i];
        if ($i >= 10) {
            ok(-f "$models/$k.amor" && !-l "$models/$k.amor" && read_file("$models/$k.amor") eq $ckpt{$k},
               "$label: cell " . ($i + 1) . ": the rerun writes its checkpoint again, byte for byte");
        } elsif ($i != 6) {
            ok(-f "$cells/$k.cell" && !-l "$cells/$k.cell" && -s _ == length($cell{$k}),
               "$label: cell " . ($i + 1) . ": the rerun's result replaces the refused file");
        }
    }
    return $r;
}

my %want;   # index into @K => regex of its warning
# a bit in the header (inside the key)
spew("$cells/$K[0].cell", flip($cell{$K[0]}, 12 + 5, 0x01));
$want{0} = qr/\Q$cells\/$K[0].cell\E: checksum mismatch \(stored [0-9a-f]{16}, computed [0-9a-f]{16}\)/;
# the lowest exponent bit of objective_mean: halves or doubles it
my $at = index($cell{$K[1]}, pack("d<", $obj{$K[1]}));
ok($at > 40, "objective_mean of $K[1] found at byte $at of its stored result");
spew("$cells/$K[1].cell", flip($cell{$K[1]}, $at + 6, 0x10));
$want{1} = qr/\Q$cells\/$K[1].cell\E: checksum mismatch/;
# the last byte (the checksum)
spew("$cells/$K[2].cell", flip($cell{$K[2]}, length($cell{$K[2]}) - 1, 0x80));
$want{2} = qr/\Q$cells\/$K[2].cell\E: checksum mismatch/;
spew("$cells/$K[3].cell", substr($cell{$K[3]}, 0, int(length($cell{$K[3]}) / 2)));
$want{3} = qr/\Q$cells\/$K[3].cell\E: truncated: \d+ bytes, but its header promises a \d+-byte result/;
spew("$elsewhere/a.cell", $cell{$K[4]});
unlink("$cells/$K[4].cell");
symlink("$elsewhere/a.cell", "$cells/$K[4].cell") or die "symlink: $!";
$want{4} = qr/\Q$cells\/$K[4].cell\E: not a regular file \(a symbolic link\)/;
unlink("$cells/$K[6].cell");
mkdir("$cells/$K[6].cell") or die "mkdir: $!";
$want{6} = qr/\Q$cells\/$K[6].cell\E: not a regular file \(a directory\)/;
{   # format 1: the bare result encoding, as earlier amors stored it
    my $elen = unpack("V", substr($cell{$K[7]}, 28, 4));
    my $plen = unpack("Q<", substr($cell{$K[7]}, 32 + $elen, 8));
    spew("$cells/$K[7].cell", substr($cell{$K[7]}, 40 + $elen, $plen));
    $want{7} = qr/\Q$cells\/$K[7].cell\E: cell file format 1 \(an older amor's, without a checksum\), this amor reads format 2/;
}
spew("$cells/$K[8].cell", $cell{$K[9]});
spew("$cells/$K[9].cell", $cell{$K[8]});
$want{8} = qr/\Q$cells\/$K[8].cell\E: holds the result of cell $K[9], not of cell $K[8]/;
$want{9} = qr/\Q$cells\/$K[9].cell\E: holds the result of cell $K[8], not of cell $K[9]/;
# checkpoints of cells whose stored result is intact
spew("$models/$K[10].amor", flip($ckpt{$K[10]}, length($ckpt{$K[10]}) - 12, 0x04));
$want{10} = qr/checkpoint \Q$models\/$K[10].amor\E: checksum mismatch \(stored [0-9a-f]{16}, computed [0-9a-f]{16}\): the file is corrupted/;
spew("$models/$K[11].amor", $ckpt{$K[12]});
spew("$models/$K[12].amor", $ckpt{$K[11]});
$want{11} = qr/checkpoint \Q$models\/$K[11].amor\E: saved by cell $K[12], but its name says cell $K[11]/;
$want{12} = qr/checkpoint \Q$models\/$K[12].amor\E: saved by cell $K[11], but its name says cell $K[12]/;
spew("$elsewhere/a.amor", $ckpt{$K[13]});
unlink("$models/$K[13].amor");
symlink("$elsewhere/a.amor", "$models/$K[13].amor") or die "symlink: $!";
$want{13} = qr/checkpoint \Q$models\/$K[13].amor\E: not a regular file \(a symbolic link\)/;
spew("$models/$K[15].amor", substr($ckpt{$K[15]}, 0, length($ckpt{$K[15]}) - 30));
$want{15} = qr/checkpoint \Q$models\/$K[15].amor\E: truncated: \d+ bytes, but its header promises \d+ parameters/;
spew("$models/$K[16].amor", substr($ckpt{$K[16]}, 0, 8) . pack("V", 1) . substr($ckpt{$K[16]}, 12));
$want{16} = qr/checkpoint \Q$models\/$K[16].amor\E: format version 1, this amor reads version 2/;
$r = damaged_run("damaged files", \%want, $N - 15);
like($r->{err}, qr/^amor: warning: cannot cache results for --resume: cannot rename \Q$cells\/$K[6].cell\E\.tmp\.[\w-]+\.\d+ to \Q$cells\/$K[6].cell\E: Is a directory$/m,
     "a directory in a stored result's place is left alone, with a warning");
is(read_file("$elsewhere/a.cell"), $cell{$K[4]}, "what the stored result's link pointed to is untouched");
is(read_file("$elsewhere/a.amor"), $ckpt{$K[13]}, "what the checkpoint's link pointed to is untouched");

# FIFOs: refused without waiting for a writer (a run of their own, so that a
# reader that waits cannot hide the checks above)
rmdir("$cells/$K[6].cell");
unlink("$cells/$K[5].cell");
POSIX::mkfifo("$cells/$K[5].cell", 0600) or die "mkfifo: $!";
unlink("$models/$K[14].amor");
POSIX::mkfifo("$models/$K[14].amor", 0600) or die "mkfifo: $!";
$r = damaged_run("FIFOs", {5 => qr/\Q$cells\/$K[5].cell\E: not a regular file \(a FIFO\)/,
                           14 => qr/checkpoint \Q$models\/$K[14].amor\E: not a regular file \(a FIFO\)/},
                 $N - 3);
is(scalar(() = $r->{err} =~ /^amor: warning:/mg), 2, "FIFOs: two warnings (the removed directory's cell runs without one)");

$r = run_script("main");
like($r->{out}, qr/^$N cells, 0 failed: $N ok \($N resumed\)/m, "the next run resumes every cell: each file was replaced");
is($r->{err}, '', "without a warning");

done_testing();
