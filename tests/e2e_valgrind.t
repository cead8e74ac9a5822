#!/usr/bin/env perl
# valgrind memcheck on amor itself: loading every plugin (amor list), one
# cell run in-process (-j 0, so memcheck sees the training, the evaluation,
# the solver baseline and the result files), and `amor check --no-fork` of
# one plugin of each kind (rosenbrock, mlp, regression).  Each must end with
# no memory error and no definitely lost block (--errors-for-leak-kinds=
# definite; tests/valgrind.supp holds glibc's dlopen bookkeeping only).
# Skipped when valgrind is not installed, and under `make test SAN=1`
# (valgrind cannot run an AddressSanitizer build).  About 30 s.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

if (!grep { -x "$_/valgrind" } split /:/, $ENV{PATH}) {
    plan skip_all => 'valgrind not installed';
}
if ($ENV{AMOR_SAN}) {
    plan skip_all => 'valgrind cannot run the AddressSanitizer build (make test SAN=1)';
}

my $d = tmpdir();
local $ENV{OPENBLAS_NUM_THREADS} = 1;
delete $ENV{AMOR_PLUGIN_PATH};
my @vg = ('valgrind', '-q', '--error-exitcode=9', '--leak-check=full',
          '--errors-for-leak-kinds=definite', '--show-leak-kinds=definite',
          '--suppressions=tests/valgrind.supp');

# run amor under memcheck: { status, out, err }
sub vg {
    my ($tag, @args) = @_;
    my $pid = fork();
    die "fork: $!" unless defined $pid;
    if ($pid == 0) {
        open(STDOUT, '>', "$d/$tag.out") or die;
        open(STDERR, '>', "$d/$tag.err") or die;
        exec(@vg, $AMOR, @args) or die "exec valgrind: $!";
    }
    waitpid($pid, 0);
    return { status => $? >> 8, signal => $? & 127, out => read_file("$d/$tag.out"),
             err => read_file("$d/$tag.err") };
}

sub clean {
    my ($r, $what) = @_;
    my @vgl = grep { /^==\d+==/ } split /\n/, $r->{err};
    ok($r->{status} == 0 && !$r->{signal} && !@vgl, "$what: no memory errors, no definite leaks")
        or diag("exit $r->{status}, signal $r->{signal}\n$r->{err}");
}

my $r = vg('list', 'list');
clean($r, 'amor list (loads every plugin)');
my @plugins = grep { /\S/ } split /\n/, $r->{out};
cmp_ok(scalar @plugins, '>=', 15, 'and lists them all (' . scalar(@plugins) . ')');

write_file("$d/one.lua", <<'LUA');
experiment { name = "one", problems = {{"quadratic", dim = 2}}, models = {{"mlp", hidden = {4}}},
  losses = {"objective"}, train = {steps = 20, batch = 4, eval_every = 10},
  eval = {contexts = 8, timing = 0}, solver = {iterations = 10} }
LUA
$r = vg('run', 'run', "$d/one.lua", '--out', "$d/out", '-j', '0');
clean($r, 'amor run -j 0 of one cell');
my (undef, $rows) = read_csv("$d/out/runs.csv");
is(($rows->[0] || {})->{status}, 'ok', 'the cell ran to the end (status ok)');

for my $p (['problem', 'rosenbrock'], ['model', 'mlp'], ['loss', 'regression']) {
    my ($kind, $name) = @$p;
    $r = vg("check-$name", 'check', $name, '--no-fork', '--cycles', '10');
    clean($r, "amor check $name --no-fork (a $kind)");
    like($r->{out}, qr/^1\.\.\d+$/m, "amor check $name: every check ran");
}

done_testing();
