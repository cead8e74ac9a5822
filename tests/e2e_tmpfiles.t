#!/usr/bin/env perl
# Temporary files and concurrent writers of one results directory.
# - A killed run leaves <file>.tmp.<host>.<pid> files (checkpoints of tens
#   of MB among them); the next run removes those whose writer is gone, on
#   this host only, and nothing else.
# - `amor plot` while another `amor plot` or an `amor run` works on the same
#   directory: every command succeeds, every figure is whole, no temporary
#   is left.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;
use Sys::Hostname;

my $d = tmpdir();
(my $host = hostname()) =~ s/[^A-Za-z0-9_-]/_/g;
$host = substr($host, 0, 64);

# a pid that no process has: a child that has exited and been reaped
sub dead_pid { my $p = fork(); exit 0 unless $p; waitpid($p, 0); return $p }

write_file("$d/q.lua", <<'LUA');
experiment { name = "q", problems = {{"quadratic", dim = 2}}, models = {"linear"},
  losses = {"regression", "objective"}, seeds = {1, 2},
  train = {steps = 40, batch = 16, eval_every = 20, save_model = true},
  eval = {contexts = 32}, solver = {iterations = 20} }
LUA
my $r = amor("run", "$d/q.lua", "--out", "$d/out", "--quiet");
is($r->{status}, 0, "first run") or diag($r->{err});
my ($key) = map { m{/([0-9a-f]{16})\.amor$} ? $1 : () } glob("$d/out/models/*.amor");
ok($key, "a checkpoint was saved");

# what a killed run (or another host, or a live writer) leaves behind
my $dead = dead_pid();
my %stale = (
    "runs.csv.tmp.$host.$dead"                 => 1,
    "q_final.png.tmp.$host.$dead"              => 1,
    "q_final.gp.tmp.$host.$dead"               => 1,
    ".cells/$key.cell.tmp.$host.$dead"         => 1,
    "models/$key.amor.tmp.$host.$dead"         => 1,
    "runs.csv.tmp.$host.$$"                    => 0,   # a live writer (this test)
    "models/$key.amor.tmp.other-host.$dead"    => 0,   # another machine's
    "notes.txt.tmp.$host.$dead"                => 0,   # not a file amor writes
    "runs.csv.tmp.$host.x$dead"                => 0,   # not a pid
);
write_file("$d/out/$_", "partial") for keys %stale;
$r = amor("run", "$d/q.lua", "--out", "$d/out", "--quiet");
is($r->{status}, 0, "the run after a killed one") or diag($r->{err});
for my $f (sort keys %stale) {
    if ($stale{$f}) { ok(!-e "$d/out/$f", "removed: $f (writer gone, this host)") }
    else            { ok(-e "$d/out/$f", "kept: $f") }
}
unlink "$d/out/$_" for grep { !$stale{$_} } keys %stale;

# `amor plot` removes its own kind (figures) the same way
write_file("$d/out/q_final.svg.tmp.$host.$dead", "partial");
$r = amor("plot", "$d/out");
is($r->{status}, 0, "amor plot") or diag($r->{err});
ok(!-e "$d/out/q_final.svg.tmp.$host.$dead", "amor plot removes a dead renderer's temporary");

# --- concurrent readers and writers --------------------------------------------
sub png_whole {
    my ($path) = @_;
    my $b = read_file($path);
    return length($b) > 64 && substr($b, 0, 8) eq "\x89PNG\r\n\x1a\n" && substr($b, -8, 4) eq "IEND";
}
for my $round (1 .. 3) {
    my @h = (amor_start("plot", "$d/out"), amor_start("plot", "$d/out"),
             amor_start("run", "$d/q.lua", "--out", "$d/out", "--quiet", "--fresh"),
             amor_start("plot", "$d/out"));
    my @r = map { amor_wait($_, 120) } @h;
    my @what = ("plot", "plot", "run --fresh", "plot");
    for my $k (0 .. $#r) {
        is($r[$k]{status}, 0, "round $round: concurrent amor $what[$k] succeeds")
            or diag($r[$k]{err});
    }
    my @png = glob("$d/out/*.png");
    ok(@png >= 3, "round $round: figures exist");
    ok(!grep({ !png_whole($_) } @png), "round $round: every PNG is whole");
    my @left = grep { /\.tmp\./ } (glob("$d/out/*"), glob("$d/out/.cells/*"), glob("$d/out/models/*"));
    is(scalar @left, 0, "round $round: no temporary file is left") or diag("@left");
}

done_testing();
