#!/usr/bin/env perl
# A sweep split into shards (amor run --shard i/N) and merged (amor merge),
# without Slurm (e2e_slurm.t submits to a real one): the partition by key
# (each cell in exactly one shard, the one its key names), each shard in its
# own directory, the script's results of other shards' cells, the merge
# against a one-machine run row for row, merging twice, a failed cell as on
# one machine, a shard that never ran, one still running, one killed, a shard
# run again, the job scripts of amor slurm run by hand, and the errors.
use strict;
use warnings;
no warnings 'portable'; # hex() of 16 digits: a 64-bit Perl reads it whole
use lib 'tests/lib';
use AmorTest;
use Cwd qw(abs_path);
use Test::More;

my $d = tmpdir();
my $FX = abs_path("$BUILD/fixtures/fx_misbehave.so");
my @TIMING = qw(train_seconds infer_seconds adam_seconds_to_within_delta adam_speedup_to_within_delta adam_seconds_budget adam_speedup_budget
                gd_seconds_to_within_delta gd_speedup_to_within_delta gd_seconds_budget gd_speedup_budget);

# 16 cells that train, 3 of which fail in a plugin; the script's own table
# reads every result, as bundled scripts do; hang=true adds a cell that
# never ends (for a shard killed while it runs)
write_file("$d/g.lua", <<"LUA");
local hang = amor.setting("hang", false)
local res = experiment {
  name = "g",
  problems = {{"quadratic", dim = 2}, "rosenbrock"},
  models = {"linear", {"mlp", hidden = {8}}},
  losses = {"objective", "regression"},
  seeds = {1, 2},
  train = {steps = 20, batch = 16, eval_every = 10}, eval = {contexts = 16},
  solver = {iterations = 20},
}
local f = experiment {
  name = "f",
  problems = {{"$FX", mode = "error", after = 3}},
  models = {"linear"}, losses = {"objective"}, seeds = {1, 2, 3},
  train = {steps = 10, batch = 8}, eval = {contexts = 8}, solver = {iterations = 0},
}
local lines = {}
for _, list in ipairs{res, f} do
  for _, r in ipairs(list) do
    lines[#lines + 1] = string.format("%s %s %s", r.cell, r.status,
                                      r.status == "ok" and string.format("%.17g", r.objective_mean) or r.error)
  end
end
amor.write_file("table.txt", table.concat(lines, "\\n") .. "\\n")
print(string.format("script: %d + %d results, shard %s", #res, #f,
                    amor.shard and amor.shard.index .. "/" .. amor.shard.count or "none"))
if hang then
  experiment { name = "h", problems = {{"$FX", mode = "sleep"}}, models = {"linear"},
               losses = {"objective"}, train = {steps = 10}, solver = {iterations = 0} }
end
LUA

sub rows { my ($p) = @_; my (undef, $r) = read_csv($p); return $r }

# ---- errors ---------------------------------------------------------------------
for my $case (['4/4', "--shard 4/4: shards are numbered from 0 to N-1 (3 here), got 4"],
              ['1', "--shard 1: expected i/N, shard i (from 0) of N, e.g. --shard 0/4"],
              ['-1/4', "--shard -1/4: expected i/N, shard i (from 0) of N, e.g. --shard 0/4"],
              ['0/0', "--shard 0/0: N must be from 1 to 100000"]) {
    my $r = amor('run', "$d/g.lua", '--out', "$d/bad", '--shard', $case->[0]);
    is($r->{status}, 2, "--shard $case->[0]: a usage error");
    like($r->{err}, qr/^amor run: \Q$case->[1]\E\nusage: amor run/, "... '$case->[1]'");
}
ok(!-e "$d/bad", "... and nothing written");
my $r = amor('merge', "$d/g.lua", "$d/none");
is($r->{status}, 1, "merge of a directory without shards: an error");
like($r->{err}, qr{^amor merge: \Q$d\E/none/shards: No such file or directory \(amor run --shard i/N --out \Q$d\E/none writes the shards, amor slurm submits them\)$}m,
     "... naming it and what writes shards");
$r = amor('merge', "$d/g.lua");
is($r->{status}, 2, "merge without DIR: a usage error");
like($r->{err}, qr/^amor merge: missing DIR \(the --out of the shards\)$/m, "... saying so");

# ---- one machine --------------------------------------------------------------------
$r = amor('run', "$d/g.lua", '--out', "$d/one", '-j', '2', '-q');
is($r->{status}, 1, "one machine: exit status 1 (3 cells fail)");
like($r->{out}, qr/^script: 16 \+ 3 results, shard none$/m, "one machine: amor.shard is nil");
my $one = rows("$d/one/runs.csv");
is(scalar @$one, 19, "one machine: 19 rows");
my %status = map { $_->{cell} => $_->{status} } @$one;
is(scalar(grep { $_ eq 'error' } values %status), 3, "... 3 of them error");

# ---- three shards ---------------------------------------------------------------------
my (%where, $nrun);
for my $i (0 .. 2) {
    $r = amor('run', "$d/g.lua", '--out', "$d/sh", '--shard', "$i/3", '-j', '2');
    my $rows = rows("$d/sh/shards/$i-of-3/runs.csv");
    my $nf = grep { $_->{status} ne 'ok' } @$rows;
    is($r->{status}, $nf ? 1 : 0, "shard $i/3: exit status as its own cells say");
    like($r->{out}, qr/^experiment g: (\d+) cells? of shard $i\/3 \((\d+) in other shards\) -> \Q$d\E\/sh\/shards\/$i-of-3$/m,
         "shard $i/3: says which cells it runs, and where");
    like($r->{out}, qr/^script: 16 \+ 3 results, shard $i\/3$/m,
         "shard $i/3: the script gets a result for every cell, amor.shard = {index = $i, count = 3}");
    like($r->{out}, qr/^\d+ cells?, \d+ failed: .*; results in \Q$d\E\/sh\/shards\/$i-of-3$/m,
         "shard $i/3: its closing count");
    for my $row (@$rows) {
        $where{$row->{cell}}{$i}++;
        is(hex($row->{key}) % 3, $i, "shard $i/3 ran $row->{cell}: its key $row->{key} is $i mod 3")
            if $row->{cell} =~ /seed=1$/; # a sample: the count below covers every cell
    }
    $nrun += @$rows;
    my $state = read_file("$d/sh/shards/$i-of-3/shard.state");
    like($state, qr/\Astate finished\nhost \S+\npid \d+\nstarted \S+Z\nended \S+Z\ncells ${\ scalar @$rows}\nfailed $nf\n\z/,
         "shard $i/3: shard.state says it finished, with its count");
    # the script's table: its own cells' values, the others as other_shard
    my $table = read_file("$d/sh/shards/$i-of-3/table.txt");
    my $others = () = $table =~ /^\S+ other_shard runs in shard \d\/3 \(amor merge combines the shards\)$/mg;
    is($others, 19 - @$rows, "shard $i/3: the script's table has its other cells as other_shard");
    ok(!glob("$d/sh/shards/$i-of-3/*.png"), "shard $i/3: draws no figures");
    ok(!-e "$d/sh/runs.csv", "shard $i/3: writes nothing outside its directory");
}
is($nrun, 19, "the three shards ran 19 cells in all");
is(scalar(grep { keys %{$where{$_}} == 1 && (values %{$where{$_}})[0] == 1 } keys %where), 19,
   "... each cell in exactly one shard");
ok(-e glob("$d/sh/shards/*/.cells/*.failed"), "a shard keeps its failed cells' results for the merge");

# ---- merge ------------------------------------------------------------------------------
$r = amor('merge', "$d/g.lua", "$d/sh");
is($r->{status}, 1, "merge: exit status 1, as the one-machine run (3 cells failed)");
like($r->{out}, qr/^19 cells, 3 failed: 16 ok, 3 error \(16 from the shards' stores\); shards: 3 of 3 finished; results in \Q$d\E\/sh$/m,
     "merge: the closing count");
unlike($r->{out}, qr/^shard /m, "merge: no shard to report");
like($r->{out}, qr/^script: 16 \+ 3 results, shard none$/m, "merge: the script gets every result");
my $merged = rows("$d/sh/runs.csv");
is_deeply([map { strip_cols($_, @TIMING) } @$merged], [map { strip_cols($_, @TIMING) } @$one],
          "merged = one machine: runs.csv row for row, timing aside (failed cells included)");
is_deeply([map { strip_cols($_) } @{rows("$d/sh/curves.csv")}], [map { strip_cols($_) } @{rows("$d/one/curves.csv")}],
          "merged = one machine: curves.csv");
is_deeply([map { strip_cols($_, 'seconds') } @{rows("$d/sh/solver.csv")}],
          [map { strip_cols($_, 'seconds') } @{rows("$d/one/solver.csv")}], "merged = one machine: solver.csv");
is(read_file("$d/sh/table.txt"), read_file("$d/one/table.txt"), "merged = one machine: the script's own table");
is_deeply([map { s{.*/}{}r } sort glob("$d/sh/*.gp")], [map { s{.*/}{}r } sort glob("$d/one/*.gp")],
          "merged = one machine: the same figures");
my %snap = map { $_ => read_file("$d/sh/$_") } qw(runs.csv curves.csv solver.csv table.txt g_final.gp);
$r = amor('merge', "$d/g.lua", "$d/sh", '-q');
is($r->{status}, 1, "merge again: the same exit status");
is_deeply({map { $_ => read_file("$d/sh/$_") } keys %snap}, \%snap, "merge again: identical files");

# ---- a shard that never ran, then runs ---------------------------------------------------
# the shard left out: the one with the most cells (keys hash the build)
my %per;
$per{hex($_->{key}) % 3}++ for @$one;
my ($c) = sort { $per{$b} <=> $per{$a} || $a <=> $b } keys %per;
for my $i (grep { $_ != $c } 0 .. 2) { amor('run', "$d/g.lua", '--out', "$d/part", '--shard', "$i/3", '-q') }
$r = amor('merge', "$d/g.lua", "$d/part", '-q');
my @miss = grep { $_->{status} eq 'missing' } @{rows("$d/part/runs.csv")};
my $nc = grep { hex($_->{key}) % 3 == $c } @$one;
is(scalar @miss, $nc, "shard $c/3 not run: its $nc cells are missing in the merge");
is(scalar(grep { $_->{error} eq "not in the store of shard $c/3, which has not run (no $d/part/shards/$c-of-3)" } @miss),
   $nc, "... each naming its shard and why");
like($r->{out}, qr/^shard $c\/3 has not run \(no \Q$d\E\/part\/shards\/$c-of-3\)$/m, "... the merge names the shard");
like($r->{out}, qr/^19 cells, \d+ failed: .*\b$nc missing \(\d+ from the shards' stores\); shards: 2 of 3 finished;/m,
     "... and counts it");
is($r->{status}, 1, "... exit status 1");
$r = amor('run', "$d/g.lua", '--out', "$d/part", '--shard', "$c/3", '-q');
$r = amor('merge', "$d/g.lua", "$d/part", '-q');
like($r->{out}, qr/^19 cells, 3 failed: 16 ok, 3 error \(16 from the shards' stores\); shards: 3 of 3 finished;/m,
     "shard $c/3 run afterwards: the merge is complete");
is_deeply([map { strip_cols($_, @TIMING) } @{rows("$d/part/runs.csv")}], [map { strip_cols($_, @TIMING) } @$one],
          "... row for row the one-machine run, no row twice");
$r = amor('run', "$d/g.lua", '--out', "$d/part", '--shard', "$c/3");
like($r->{out}, qr/resumed (\d+) of \1 cells/, "a shard run again resumes from its own store");

# ---- a shard running, then killed --------------------------------------------------------
my $h = amor_start('run', "$d/g.lua", '--out', "$d/kill", '--shard', '0/1', '--set', 'hang=true', '-j', '1');
my $state = '';
for (1 .. 600) { # the hanging cell runs once experiment h is submitted
    last if read_file("$h->{dir}/out") =~ /^experiment h:/m;
    select(undef, undef, undef, 0.05);
}
$r = amor('merge', "$d/g.lua", "$d/kill", '--set', 'hang=true', '-q');
like($r->{out}, qr/^shard 0\/1 is still running \(on \S+, pid $h->{pid}, since \S+Z\)$/m,
     "a shard still running: the merge says so") or diag($r->{out}, $r->{err});
like($r->{out}, qr/^20 cells, 4 failed: 16 ok, 3 error, 1 missing .*shards: 0 of 1 finished;/m,
     "... its cell not yet finished is missing");
kill 'KILL', $h->{pid};
amor_wait($h, 30);
$r = amor('merge', "$d/g.lua", "$d/kill", '--set', 'hang=true', '-q');
like($r->{out}, qr/^shard 0\/1 stopped without finishing: killed\? \(started on \S+ at \S+Z, pid $h->{pid}, which is gone\)$/m,
     "a shard killed: the merge says so");
my ($hung) = grep { $_->{experiment} eq 'h' } @{rows("$d/kill/runs.csv")};
is($hung->{status}, 'missing', "... the cell it was running is missing");
like($hung->{error}, qr/^not in the store of shard 0\/1, which stopped without finishing: killed\?/,
     "... saying why");

# ---- a shard whose script failed --------------------------------------------------------
$r = amor('run', "$d/g.lua", '--out', "$d/err", '--shard', '0/1', '--set', 'bogus=1', '-q');
is($r->{status}, 1, "a shard whose script fails: exit status 1");
$r = amor('merge', "$d/g.lua", "$d/err", '-q');
like($r->{out}, qr/^shard 0\/1 ended with an error at \S+Z: \Q$d\E\/g.lua:\d+: --set bogus=1: the script has not read 'bogus'/m,
     "the merge names the shard and the script's error") or diag($r->{out});
like($r->{out}, qr/^19 cells, 19 failed: 19 missing \(0 from the shards' stores\); shards: 0 of 1 finished;/m,
     "... its cells missing");

# ---- amor slurm's job scripts, run by hand ------------------------------------------------
$r = amor('slurm', "$d/g.lua", '--out', "$d/sl", '--array', '3', '--time', '10:00', '--partition', 'p',
          '--mem', '1G', '--cpus-per-task', '2', '--set', "it's=x y");
is($r->{status}, 0, "amor slurm without --submit: writes the job scripts") or diag($r->{err});
my $sl = abs_path("$d/sl");
like($r->{out}, qr/^wrote \Q$sl\E\/slurm\/array.sbatch \(3 tasks\) and \Q$sl\E\/slurm\/merge.sbatch\nsubmit: jid=\$\(sbatch --parsable \Q$sl\E\/slurm\/array.sbatch\) && sbatch --dependency=afterany:\$jid \Q$sl\E\/slurm\/merge.sbatch$/m,
     "... and says how to submit them");
my $arr = read_file("$sl/slurm/array.sbatch");
my $amor = abs_path($AMOR);
my $script = abs_path("$d/g.lua");
for my $line ('#SBATCH --array=0-2', '#SBATCH --cpus-per-task=2', '#SBATCH --partition=p', '#SBATCH --time=10:00',
              '#SBATCH --mem=1G', "#SBATCH --output=$sl/logs/%A_%a.out",
              "exec '$amor' run '$script' --shard \"\$SLURM_ARRAY_TASK_ID/3\" --out '$sl' -j \"\${SLURM_CPUS_PER_TASK:-1}\" \\",
              "    '--set' 'it'\\''s=x y'") {
    like($arr, qr/^\Q$line\E$/m, "array.sbatch: $line");
}
ok(-d "$sl/logs", "... the log directory exists (sbatch does not create it)");
like(read_file("$sl/slurm/merge.sbatch"), qr/^exec '\Q$amor\E' merge '\Q$script\E' '\Q$sl\E' -j "\$\{SLURM_CPUS_PER_TASK:-1\}" \\\n    '--set' 'it'\\''s=x y'$/m,
     "merge.sbatch: amor merge with the same --set");
for my $bad ([['--array', '0'], "--array expects a number of tasks from 1 to 100000, got '0'"],
             [[], "missing --array N (the number of tasks: shards)"],
             [['--array', '2', '--time', '1 h'], "--time '1 h': expected a value without blanks (sbatch's --time)"]) {
    $r = amor('slurm', "$d/g.lua", '--out', "$d/sl2", @{$bad->[0]});
    is($r->{status}, 2, "amor slurm @{$bad->[0]}: a usage error");
    like($r->{err}, qr/^amor slurm: \Q$bad->[1]\E$/m, "... '$bad->[1]'");
}
$r = amor('slurm', "$d/g.lua", '--out', "$d/a b", '--array', '2');
is($r->{status}, 1, "amor slurm --out with a blank: an error");
is($r->{err}, "amor slurm: --out $d/a b: a results directory whose path has no blanks, please (sbatch reads it from an #SBATCH line)\n",
   "... saying why");
ok(!-e "$d/a b", "... before creating anything");
# the scripts as Slurm would run them (without the --set, which the script does not read)
$r = amor('slurm', "$d/g.lua", '--out', "$d/sl", '--array', '3');
for my $i (0 .. 2) {
    local $ENV{SLURM_ARRAY_TASK_ID} = $i;
    local $ENV{SLURM_CPUS_PER_TASK} = 2;
    system("sh $sl/slurm/array.sbatch > $d/task$i.log 2>&1");
}
is(system("sh $sl/slurm/merge.sbatch > $d/merge.log 2>&1") >> 8, 1, "the job scripts run: the merge exits 1 (3 cells failed)");
is_deeply([map { strip_cols($_, @TIMING) } @{rows("$sl/runs.csv")}], [map { strip_cols($_, @TIMING) } @$one],
          "... and its runs.csv is the one-machine run's");

done_testing();
