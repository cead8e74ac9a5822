#!/usr/bin/env perl
# amor slurm against a real Slurm (Debian's slurm-wlm and munge, which
# `make deps` installs), started here on loopback from a temporary directory:
# munged as user munge, slurmctld and slurmd from a slurm.conf of our own.
# The quickstart as a 4-task array merges to the one-machine run, row for
# row; a task cancelled leaves its cells missing in the merge, named as
# such, and submitted again completes it with identical rows; a cell failing
# in a plugin shows its status as on one machine.  The daemons are stopped
# by pid at the end, also on failure.  Skipped only when it cannot run: not
# root (munged must run as munge, slurmd as root), or no Slurm binaries.
use strict;
use warnings;
no warnings 'portable'; # hex() of 16-digit keys
use lib 'tests/lib';
use AmorTest;
use Cwd qw(abs_path);
use IO::Socket::INET;
use POSIX qw(WNOHANG);
use Test::More;
use Time::HiRes qw(time sleep);

my @BIN = qw(munged slurmctld slurmd sbatch squeue scontrol scancel sinfo);
my %path;
for my $b (@BIN) {
    ($path{$b}) = grep { -x } map { "$_/$b" } split(/:/, "$ENV{PATH}:/usr/sbin:/sbin");
}
plan skip_all => "not root (munged runs as user munge, slurmd as root)" if $> != 0;
my @missing = grep { !$path{$_} } @BIN;
plan skip_all => "no Slurm here (missing: @missing; make deps installs slurm-wlm and munge)" if @missing;
my @munge = getpwnam('munge');
plan skip_all => "no user munge (the munge package creates it)" unless @munge;

my $d = tmpdir();
chmod 0755, $d; # munge must reach its socket below it
my (%daemon, @order); # name -> pid, in start order

# Stop what we started, by pid, in reverse order: jobs first (their steps
# are children of slurmd), then the daemons; also when a test died.
END {
    my $st = $?;
    if (%daemon) {
        system("$path{scancel} --full --quiet --user=root >/dev/null 2>&1") if $daemon{slurmctld};
        for my $name (reverse @order) {
            my $pid = $daemon{$name} or next;
            kill 'TERM', $pid;
            my $t0 = time;
            while (waitpid($pid, WNOHANG) == 0) {
                if (time - $t0 > 10) { kill 'KILL', $pid; waitpid($pid, 0); last }
                sleep 0.05;
            }
        }
    }
    $? = $st;
}

sub start {
    my ($name, $user, @cmd) = @_;
    my $pid = fork();
    die "fork: $!" unless defined $pid;
    if ($pid == 0) {
        open(STDOUT, '>', "$d/$name.stdout") or die;
        open(STDERR, '>&', \*STDOUT) or die;
        setpgrp(0, 0);
        if ($user) {
            POSIX::setgid($user->[3]) or die "setgid: $!";
            POSIX::setuid($user->[2]) or die "setuid: $!";
        }
        exec(@cmd) or die "exec $cmd[0]: $!";
    }
    $daemon{$name} = $pid;
    push @order, $name;
    return $pid;
}

sub free_port {
    my $s = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => 0, Proto => 'tcp', Listen => 1)
        or die "socket: $!";
    my $p = $s->sockport;
    close $s;
    return $p;
}

sub logs { return join '', map { "--- $_\n" . read_file($_) } glob("$d/*.log $d/*.stdout") }

# ---- munge --------------------------------------------------------------------------
mkdir "$d/munge", 0700;
mkdir "$d/munge-run", 0755;
{
    open(my $r, '<', '/dev/urandom') or die;
    read($r, my $key, 1024) == 1024 or die;
    write_file("$d/munge/munge.key", $key);
}
chmod 0600, "$d/munge/munge.key";
chown $munge[2], $munge[3], "$d/munge", "$d/munge/munge.key", "$d/munge-run";
my $sock = "$d/munge-run/munge.socket";
start('munged', \@munge, $path{munged}, '-F', "--key-file=$d/munge/munge.key", "--socket=$sock",
      "--pid-file=$d/munge-run/munged.pid", "--seed-file=$d/munge/seed", "--log-file=$d/munge/munged.log");
for (1 .. 100) { last if -S $sock; sleep 0.05 }
ok(-S $sock, "munged runs as user munge, its socket in the test's directory")
    or BAIL_OUT("munged did not start:\n" . read_file("$d/munged.stdout") . read_file("$d/munge/munged.log"));

# ---- slurmctld, slurmd ------------------------------------------------------------------
chomp(my $host = `hostname -s`);
chomp(my $cpus = `nproc --all`);
my ($memkb) = read_file('/proc/meminfo') =~ /^MemTotal:\s+(\d+) kB/m;
my $mem = int($memkb / 1024);
mkdir "$d/$_" for qw(state spool);
my ($cport, $dport) = (free_port(), free_port());
$dport = free_port() while $dport == $cport;
write_file("$d/slurm.conf", <<"CONF");
ClusterName=amortest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$cport
SlurmdPort=$dport
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$sock
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$d/state
SlurmdSpoolDir=$d/spool
SlurmctldPidFile=$d/slurmctld.pid
SlurmdPidFile=$d/slurmd.pid
SlurmctldLogFile=$d/slurmctld.log
SlurmdLogFile=$d/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
ReturnToService=2
MpiDefault=none
SwitchType=switch/none
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=amortest Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
$ENV{SLURM_CONF} = "$d/slurm.conf";
delete @ENV{grep { /^SLURM_|^SBATCH_|^SQUEUE_/ && $_ ne 'SLURM_CONF' } keys %ENV};
start('slurmctld', undef, $path{slurmctld}, '-D', '-i', '-f', "$d/slurm.conf");
start('slurmd', undef, $path{slurmd}, '-D', '-N', $host, '-f', "$d/slurm.conf");
my $state = '';
for (1 .. 300) {
    $state = `$path{sinfo} -h -o %t 2>/dev/null`;
    last if $state =~ /^idle/;
    sleep 0.1;
}
like($state, qr/^idle/, "slurmctld and slurmd up: the node is idle") or BAIL_OUT("Slurm did not start:\n" . logs());

# Wait (at most $limit s) until none of the jobs is in the queue.
sub wait_jobs {
    my ($limit, @ids) = @_;
    my $t0 = time;
    while (time - $t0 < $limit) {
        my $q = `$path{squeue} -h -j ${\ join(',', @ids)} -o %i 2>&1`;
        return time - $t0 if $? == 0 && $q !~ /\S/;
        sleep 0.2;
    }
    diag("jobs @ids still queued after $limit s:\n" . `$path{squeue} 2>&1` . logs());
    return undef;
}

sub rows { my ($p) = @_; my (undef, $r) = read_csv($p); return $r }
my @TIMING = qw(train_seconds infer_seconds adam_seconds_to_within_delta adam_speedup_to_within_delta adam_seconds_budget adam_speedup_budget
                gd_seconds_to_within_delta gd_speedup_to_within_delta gd_seconds_budget gd_speedup_budget);
sub same_rows {
    my ($a, $b, $what) = @_;
    is_deeply([map { strip_cols($_, @TIMING) } @{rows($a)}], [map { strip_cols($_, @TIMING) } @{rows($b)}], $what);
}

# ---- the quickstart as a 4-task array --------------------------------------------------
my $qs = abs_path('scripts/quickstart.lua');
my $r = amor('run', $qs, '--set', 'quick=true', '--out', "$d/one", '-j', '2', '-q');
is($r->{status}, 0, "the quickstart on one machine") or diag($r->{err});
my $t0 = time;
$r = amor('slurm', $qs, '--array', '4', '--set', 'quick=true', '--out', "$d/qs", '--time', '10',
          '--submit');
is($r->{status}, 0, "amor slurm --submit") or diag($r->{out}, $r->{err}, logs());
my ($job, $mjob) = $r->{out} =~ /^submitted job array (\d+) \(tasks 0-3\) and merge job (\d+) \(when the array has ended\)$/m;
ok($job && $mjob, "... prints the array's and the merge's job ids") or diag($r->{out});
my $qsd = abs_path("$d/qs");
like($r->{out}, qr/^watch:   squeue -j $job,$mjob   \(sacct -j $job once they have ended\)$/m, "... how to watch them");
like($r->{out}, qr/^logs:    \Q$qsd\E\/logs\/${job}_<task>.out, \Q$qsd\E\/logs\/merge_$mjob.out$/m, "... and the logs");
my $waited = wait_jobs(120, $job, $mjob);
ok(defined $waited, "the array and the merge ended (bounded wait)");
my $wall = time - $t0;
note(sprintf("4-task array and merge: %.1f s from submission to the merge's end", $wall));
for my $i (0 .. 3) {
    like(read_file("$qsd/logs/${job}_$i.out"), qr/^experiment quickstart: \d+ cells? of shard $i\/4 /m,
         "task $i ran shard $i/4, its log in logs/${job}_$i.out");
}
my $mlog = read_file("$qsd/logs/merge_$mjob.out");
like($mlog, qr/^16 cells, 0 failed: 16 ok \(16 from the shards' stores\); shards: 4 of 4 finished; results in \Q$qsd\E$/m,
     "the merge job merged the 4 shards") or diag($mlog);
same_rows("$qsd/runs.csv", "$d/one/runs.csv", "the 4-way array merged = the one-machine run, row for row (timing aside)");
is_deeply([map { strip_cols($_) } @{rows("$qsd/curves.csv")}], [map { strip_cols($_) } @{rows("$d/one/curves.csv")}],
          "... curves.csv too");
ok(-e "$qsd/quickstart_final.png", "... and the merge drew the figures");

# ---- faults: a task cancelled, then submitted again; cells failing in a plugin ---------------
# A grid of its own: cells that train and cells whose plugin fails.
my $FX = abs_path("$BUILD/fixtures/fx_misbehave.so");
write_file("$d/fault.lua", <<"LUA");
experiment {
  name = "fault",
  problems = {{"$FX", mode = "error", after = 3}, {"quadratic", dim = 2}, {"quadratic", dim = 3}},
  models = {"linear"}, losses = {"objective"}, seeds = {1, 2, 3, 4},
  train = {steps = 10, batch = 8}, eval = {contexts = 8}, solver = {iterations = 0},
}
LUA
$r = amor('run', "$d/fault.lua", '--out', "$d/fault1", '-j', '2', '-q');
is($r->{status}, 1, "the fault grid on one machine: 4 cells fail");
my $one = rows("$d/fault1/runs.csv");
$r = amor('slurm', "$d/fault.lua", '--array', '4', '--out', "$d/cx", '--no-merge');
is($r->{status}, 0, "amor slurm --no-merge: writes the array's script");
my $cx = abs_path("$d/cx");
# the task to cancel: the shard with the most cells (keys hash the build,
# so which shard has how many differs from build to build)
my %per;
$per{hex($_->{key}) % 4}++ for @$one;
my ($c) = sort { $per{$b} <=> $per{$a} || $a <=> $b } keys %per;
chomp(my $cjob = `$path{sbatch} --parsable --hold $cx/slurm/array.sbatch`);
like($cjob, qr/^\d+$/, "the array submitted held");
is(system("$path{scancel} ${cjob}_$c"), 0, "scancel ${cjob}_$c");
system("$path{scontrol} release $cjob >/dev/null");
ok(defined wait_jobs(120, $cjob), "the other tasks ended");
$r = amor('merge', "$d/fault.lua", $cx, '-q');
is($r->{status}, 1, "merge without task $c: exit status 1");
my $nc = grep { hex($_->{key}) % 4 == $c } @$one;
my @miss = grep { $_->{status} eq 'missing' } @{rows("$cx/runs.csv")};
is(scalar @miss, $nc, "... the $nc cells of shard $c/4 are missing");
is(scalar(grep { hex($_->{key}) % 4 == $c && $_->{error} eq "not in the store of shard $c/4, which has not run (no $cx/shards/$c-of-4)" } @miss),
   $nc, "... each named as such");
like($r->{out}, qr/^12 cells, \d+ failed: .*\b$nc missing \(\d+ from the shards' stores\); shards: 3 of 4 finished;/m,
     "... in the closing count");
like($r->{out}, qr/^shard $c\/4 has not run \(no \Q$cx\E\/shards\/$c-of-4\)$/m, "... and the shard named");
chomp(my $again = `$path{sbatch} --parsable --array=$c $cx/slurm/array.sbatch`);
ok(defined wait_jobs(120, $again), "task $c submitted again (sbatch --array=$c) ended");
$r = amor('merge', "$d/fault.lua", $cx, '-q');
like($r->{out}, qr/^12 cells, 4 failed: 8 ok, 4 error \(8 from the shards' stores\); shards: 4 of 4 finished;/m,
     "merge after it: complete") or diag($r->{out});
same_rows("$cx/runs.csv", "$d/fault1/runs.csv",
          "... with the one-machine run's rows: each failing cell with its status and message");
is(scalar(grep { $_->{status} eq 'error' && $_->{error} =~ /fx_misbehave: deliberate failure after 3 good calls/ }
          @{rows("$cx/runs.csv")}), 4, "... the plugin's 4 cells: error, its message");

done_testing();
