#!/usr/bin/env perl
# The command line (harness/main.c, harness/cliopt.c): the command table and
# `--help` of amor and of each command (exact text), getopt_long's spellings
# (--opt=value, -j4, -qj1, clusters, "--", no abbreviations), the message
# and exit status 2 of every kind of wrong option, and amor run's --only
# (which cells run: runs.csv; cells outside kept from the store; errors) and
# --sweep (cells and runs.csv columns; errors).
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

my $d = tmpdir();

# --- help ---------------------------------------------------------------------
my %help;
$help{amor} = <<'TXT';
usage: amor run SCRIPT.lua [--out DIR] [--set key=value ...]
                [--sweep key=values ...] [--only key=values ...] [-j N]
                [--resume | --fresh] [--shard i/N] [--quiet]
       amor slurm SCRIPT.lua --array N [--partition P] [--time T]
                  [--cpus-per-task C] [--mem M] [--out DIR] [--set key=value ...]
                  [--sweep key=values ...] [--no-merge] [--submit]
       amor merge SCRIPT.lua DIR [--set key=value ...] [--sweep key=values ...]
                  [-j N] [--quiet]
       amor plot DIR [--experiment NAME ...] [--kind KIND ...]
       amor list [problems|models|losses]
       amor describe NAME
       amor check PLUGIN [--set name=value ...] [--problem NAME]
                  [--problem-set name=value ...] [--seed N] [--batch N]
                  [--cycles N] [--iterates T] [--timeout SECONDS] [--no-fork]
                  [--verbose]
       amor eval PROBLEM --contexts X.csv --solutions Y.csv [--gradient]
                 [--set name=value ...] [--out FILE]
       amor COMMAND --help
       amor --help | --version

commands:
  run       run the experiments a Lua script declares, write their results
  slurm     run a script's sweep as a Slurm job array (shards), then merge
  merge     combine the shards of a sweep into one results directory
  plot      redraw the figures of a results directory from its CSVs
  list      list the plugins found, with their one-line docs
  describe  a plugin's parameters: type, default, range, doc
  check     test a plugin against the ABI and finite differences (TAP)
  eval      a problem's f (and df/dy) at contexts and solutions from CSV files

`amor COMMAND --help` shows the command's usage and options.

Plugins are searched in <amor's directory>/plugins and
<amor's directory>/../lib/amor/plugins (an installed amor), then in each
directory of AMOR_PLUGIN_PATH (colon-separated); a script, check and eval
may also name a .so file.
TXT
$help{run} = <<'TXT';
usage: amor run SCRIPT.lua [--out DIR] [--set key=value ...]
                [--sweep key=values ...] [--only key=values ...] [-j N]
                [--resume | --fresh] [--shard i/N] [--quiet]

Runs the experiments a Lua script declares and writes their results (runs.csv,
curves.csv, solver.csv, figures) to DIR.  Exit status: 0 if every cell ended
ok; 1 if one did not, or on an error of the script; 2 for a usage error; 130
after Ctrl-C (143: SIGTERM) in the script's own code.

options:
  --out DIR             the results directory (default:
                        results/<script name>)
  --set key=value       visible to the script as amor.setting(key); train.*,
                        eval.*, solver.* and limits.* keys replace that
                        setting in every cell, a sweep of it included
                        (limits.timeout=SECONDS, limits.memory=SIZE);
                        problem.P, model.P and loss.P set parameter P of
                        every plugin of that kind declaring it
                        (--set model.hidden=64,64)
  --sweep key=values    sweep a setting or parameter (a key of --set with a
                        '.') over values in every experiment{}, as
                        amor.sweep{...} would, replacing the script's value
                        or sweep: --sweep train.lr=1e-3,1e-2; a list value
                        in brackets: --sweep model.hidden=[32,32],[64,64]
  --only key=values     run only the experiment{} cells whose key has one of
                        the values; key: experiment, problem, model, loss,
                        seed, or a setting or parameter named as in runs.csv
                        (train.lr, model.hidden); values as for --sweep.
                        Repeated: one key, any of its values; several keys,
                        all of them.  Cells outside are not run; those DIR
                        holds finished are kept, as on --resume
  -j, --jobs N          run cells in N worker processes (default: the number
                        of cores); a cell that crashes, exceeds
                        limits.timeout or limits.memory is recorded as
                        crashed, timeout or oom and the sweep goes on.  -j 0
                        runs cells inside amor itself (for gdb; no limits,
                        and a crash ends the run)
  --resume              reuse the cells DIR already holds with the same key
                        and status ok, run the others (the default)
  --fresh, --no-resume  ignore what DIR holds and run every cell
  --shard i/N           run only shard i (0 to N-1) of the cells: those whose
                        content key is i modulo N, into DIR/shards/i-of-N
                        (its own lock, store and CSVs; no figures); amor
                        merge SCRIPT DIR combines the shards
  -q, --quiet           no per-cell lines, progress or summary tables
  -h, --help            this help
TXT
$help{slurm} = <<'TXT';
usage: amor slurm SCRIPT.lua --array N [--partition P] [--time T]
                  [--cpus-per-task C] [--mem M] [--out DIR] [--set key=value ...]
                  [--sweep key=values ...] [--no-merge] [--submit]

Writes DIR/slurm/array.sbatch, a Slurm job array whose task i runs shard i
of the script's cells (amor run --shard i/N --out DIR -j C), each task
logging to DIR/logs/<job>_<task>.out, and DIR/slurm/merge.sbatch, which
runs amor merge SCRIPT DIR once the array has ended.  DIR must be on a
file system every node sees.  With --submit, submits both and prints the
job ids and how to watch them.  Exit status 1 on an error, 2 for a usage
error.

options:
  --array N             tasks in the array: the sweep's shards (required)
  --partition P         sbatch --partition
  --time T              sbatch --time, per task (and for the merge)
  --cpus-per-task C     CPUs per task (default 1): each task runs amor run
                        -j C
  --mem M               sbatch --mem, per task
  --out DIR             the results directory, on a file system every node
                        sees (default: results/<script name>)
  --set key=value       passed to amor run and amor merge
  --sweep key=values    passed to amor run and amor merge
  --no-merge            no merge job (run amor merge SCRIPT DIR yourself)
  --submit              submit with sbatch and print the job ids (default:
                        write the job scripts and print how to submit them)
  -h, --help            this help
TXT
$help{merge} = <<'TXT';
usage: amor merge SCRIPT.lua DIR [--set key=value ...] [--sweep key=values ...]
                  [-j N] [--quiet]

Combines the shards of a sweep (amor run --shard i/N --out DIR, amor slurm)
into DIR: runs the script with every cell served from the shards' stores,
never run, and writes DIR's runs.csv, curves.csv, solver.csv and figures in
the script's order, as one machine would.  A cell no shard holds is recorded
"missing" with its shard's state (not started, running, killed, failed).
Idempotent.  Exit status: 0 if every cell is there and ok; 1 if not, or on an
error; 2 for a usage error.

options:
  --set key=value       as amor run's: give the shards' --set
  --sweep key=values    as amor run's: give the shards' --sweep
  -j, --jobs N          figures rendered at once (default: the number of cores)
  -q, --quiet           no summary tables
  -h, --help            this help
TXT
$help{plot} = <<'TXT';
usage: amor plot DIR [--experiment NAME ...] [--kind KIND ...]

Redraws the figures of a results directory (of amor run) from its runs.csv,
curves.csv and solver.csv: cells that differ only by seed are averaged, with
95% bootstrap bands and intervals; training curves, solvers and residuals per
problem, final gaps per experiment.  Exit status 1 on an error, 2 for a usage
error.

options:
  --experiment NAME     only that experiment's figures (repeatable)
  --kind KIND           only figures of that kind (repeatable): training,
                        solver, residual or final
  -h, --help            this help
TXT
$help{list} = <<'TXT';
usage: amor list [problems|models|losses]

Lists the plugins found (see amor --help for where), with their one-line docs;
a kind lists only the plugins of that kind.

options:
  -h, --help            this help
TXT
$help{describe} = <<'TXT';
usage: amor describe NAME

Shows a plugin's kind, version, file and doc, and its parameters: type,
default, range, doc.  NAME is a plugin's name.

options:
  -h, --help            this help
TXT
$help{check} = <<'TXT';
usage: amor check PLUGIN [--set name=value ...] [--problem NAME]
                  [--problem-set name=value ...] [--seed N] [--batch N]
                  [--cycles N] [--iterates T] [--timeout SECONDS] [--no-fork]
                  [--verbose]

Tests a plugin (a name, or a .so file: every plugin in it) against the ABI and
finite differences.  Prints TAP; exit status 0 when every check passed, 1 on
a failure, 2 for a usage error.

options:
  --set name=value      a parameter of the checked plugin, parsed by its
                        declared type (hidden=64,64, activation=tanh);
                        repeatable; in a file of several plugins it applies
                        to each plugin that declares it, and
                        plugin.name=value to that plugin only
  --problem NAME        the problem models and losses run against (a name
                        or a .so; default quadratic, or the first problem
                        on the plugin path that provides what they need)
  --problem-set name=value
                        a parameter of that problem (repeatable)
  --seed N              seed of every random draw (default 1)
  --batch N             instances per call (default 8, at least 2)
  --cycles N            create/destroy cycles of the leak check (default
                        100, at least 10)
  --iterates T          losses: check with T iterates only (default: 1
                        and 3)
  --timeout SECONDS     per plugin (default 300; 0 = none)
  --no-fork             run in-process (for a debugger or valgrind), not
                        each plugin in a child process
  -v, --verbose         diagnostics for passing checks too
  -h, --help            this help
TXT
$help{eval} = <<'TXT';
usage: amor eval PROBLEM --contexts X.csv --solutions Y.csv [--gradient]
                 [--set name=value ...] [--out FILE]

Writes f(y_i; x_i) of problem PROBLEM (a name or a .so) for every row, and with
--gradient also grad_y f, as CSV with 17 significant digits.  Exit status 1 on
an error, 2 for a usage error.

options:
  --contexts X.csv      the contexts: a row of nx numbers per instance
                        (- : standard input)
  --solutions Y.csv     the solutions: a row of ny numbers per instance
                        (- : standard input)
  --gradient            also df/dy: columns g1..gny after f
  --set name=value      a parameter of the problem, parsed by its declared
                        type (repeatable)
  --out FILE            write the CSV to FILE (atomically), not stdout
  -h, --help            this help
TXT

for my $form (['--help'], ['-h'], ['help']) {
    my $r = amor(@$form);
    is($r->{status}, 0, "amor @$form: exit status 0");
    is($r->{out}, $help{amor}, "amor @$form: the commands with their summaries");
    is($r->{err}, '', "amor @$form: nothing on stderr");
}
my $r = amor();
is($r->{status}, 2, "amor alone: usage error");
is($r->{err}, $help{amor}, "amor alone: the same text, on stderr");
for my $cmd (qw(run slurm merge plot list describe check eval)) {
    for my $form (["$cmd", '--help'], ["$cmd", '-h'], ['help', $cmd], [$cmd, 'x', '--help']) {
        $r = amor(@$form);
        is($r->{status}, 0, "amor @$form: exit status 0");
        is($r->{out}, $help{$cmd}, "amor @$form: its usage and options");
        is($r->{err}, '', "amor @$form: nothing on stderr");
    }
}
$r = amor('help', 'nope');
is($r->{status}, 2, "amor help nope: usage error");
is($r->{err}, "amor help: no such command (amor --help lists them)\n", "amor help nope: says so");

# --- wrong options and operands: the message, the command's usage, exit 2 -------
write_file("$d/one.lua", <<'LUA');
experiment { name = "one", problems = {{"quadratic", dim = 2}}, models = {"linear"},
  losses = {"objective"}, train = {steps = 3}, eval = {contexts = 4, timing = 0},
  solver = {iterations = 0} }
LUA
my %usage = map { $_ => ($help{$_} =~ /\A(usage:.*?\n)\n/s)[0] } qw(run plot list describe check eval);
my @wrong = (
    [[qw(run --bogus), "$d/one.lua"], "unknown option '--bogus'"],
    [[qw(run --bogus=3), "$d/one.lua"], "unknown option '--bogus'"],
    [['run', "$d/one.lua", '--fre'], "unknown option '--fre' (options are spelt out in full: --fresh?)"],
    [['run', "$d/one.lua", '--s', 'x=1'], "unknown option '--s' (options are spelt out in full: --set, --sweep, --shard?)"],
    [['run', "$d/one.lua", '--fresh=yes'], "--fresh takes no value (got '--fresh=yes')"],
    [['run', "$d/one.lua", '--out'], "--out needs DIR after it"],
    [['run', "$d/one.lua", '--out='], "--out needs DIR after it, got an empty value"],
    [['run', "$d/one.lua", '-j'], "-j needs N after it"],
    [['run', "$d/one.lua", '--jobs'], "--jobs needs N after it"],
    [['run', "$d/one.lua", '-x'], "unknown option '-x'"],
    [['run', "$d/one.lua", '-qx'], "unknown option '-x'"],
    [['run', "$d/one.lua", '--set'], "--set needs key=value after it"],
    [['run', "$d/one.lua", "$d/two.lua"], "more than one script ('$d/one.lua', '$d/two.lua')"],
    [['run'], "missing SCRIPT.lua"],
    [[qw(plot --bogus)], "unknown option '--bogus'"],
    [[qw(plot --experiment)], "--experiment needs NAME after it"],
    [['plot'], "missing DIR (a results directory of amor run)"],
    [[qw(list --bogus)], "unknown option '--bogus'"],
    [[qw(list models losses)], "more than one kind ('models', 'losses')"],
    [[qw(describe --bogus mlp)], "unknown option '--bogus'"],
    [['describe'], "missing plugin name"],
    [[qw(check quadratic --bogus)], "unknown option '--bogus'"],
    [[qw(check quadratic --seed)], "--seed needs N after it"],
    [[qw(eval quadratic --bogus)], "unknown option '--bogus'"],
    [[qw(eval quadratic --contexts x.csv)], "missing --solutions Y.csv"],
);
for my $w (@wrong) {
    my ($args, $msg) = @$w;
    $r = amor(@$args);
    is($r->{status}, 2, "amor @$args: exit status 2");
    is($r->{err}, "amor $args->[0]: $msg\n$usage{$args->[0]}(amor $args->[0] --help describes every option)\n",
       "amor @$args: '$msg', the usage");
}
$r = amor('run', "$d/one.lua", '-j', 'two');
is($r->{status}, 2, "-j two: exit status 2");
is($r->{err}, "amor run: -j expects a number of workers from 0 to 4096, got 'two'\n", "-j two: says why");
$r = amor('frobnicate');
is($r->{status}, 2, "an unknown command: exit status 2");
is($r->{err}, "amor: unknown command 'frobnicate' (commands: run, slurm, merge, plot, list, describe, check, eval; amor --help describes them)\n",
   "an unknown command: named, with the commands");
$r = amor('--bogus');
is($r->{err}, "amor: unknown option '--bogus' (commands: run, slurm, merge, plot, list, describe, check, eval; amor --help describes them)\n",
   "an unknown option before the command");

# --- the spellings of an option ---------------------------------------------------
# each gives one run of one.lua with train.steps = 2 and no per-cell output
my @forms = (
    ['run', "$d/one.lua", '--out', "$d/f1", '--set', 'train.steps=2', '-j', '1', '--quiet', '--fresh'],
    ['run', "--out=$d/f2", '--set=train.steps=2', '--jobs=1', '-q', '--no-resume', "$d/one.lua"],
    ['run', '-qj1', "--out=$d/f3", "$d/one.lua", '--set', 'train.steps=2'],
    ['run', '-j1', '--quiet', "--out=$d/f4", '--set=train.steps=2', '--', "$d/one.lua"],
);
for my $i (0 .. $#forms) {
    my $f = $forms[$i];
    $r = amor(@$f);
    is($r->{status}, 0, "amor @$f: runs") or diag($r->{err});
    is($r->{out}, "\n1 cell, 0 failed: 1 ok; results in $d/f" . ($i + 1) . "\n", "... quietly, into its --out");
    my (undef, $rows) = read_csv("$d/f" . ($i + 1) . "/runs.csv");
    is($rows->[0]{train_steps}, 2, "... with its --set");
}
# an operand after "--" may start with '-'
write_file("$d/-dash.lua", "print('DASH')\n");
$r = amor('run', '--out', "$d/dash", '--', "-dash.lua");
like($r->{err}, qr/^amor: cannot open -dash\.lua/, "after --, -dash.lua is the script, not an option");
# check, eval and plot take --opt=value too
$r = amor('check', 'quadratic', '--seed=2', '--batch=4', '--cycles=10', '--set=dim=3');
is($r->{status}, 0, "amor check --seed=2 --batch=4 --cycles=10 --set=dim=3") or diag($r->{out});
like($r->{out}, qr/^ok \d+ - quadratic: create\/destroy cycles without leaks \(10 create/m, "... --cycles=10 taken");
write_file("$d/x.csv", "1,2\n");
write_file("$d/y.csv", "0,0\n");
$r = amor('eval', 'quadratic', "--contexts=$d/x.csv", "--solutions=$d/y.csv", '--set=dim=2',
          "--out=$d/f.csv");
is($r->{status}, 0, "amor eval --contexts=X --solutions=Y --set=dim=2 --out=FILE") or diag($r->{err});
like(read_file("$d/f.csv"), qr/^f\n-?[0-9.e+-]+\n\z/, "... wrote f to --out");
$r = amor('plot', "--experiment=one", "$d/f1");
is($r->{status}, 0, "amor plot --experiment=one DIR") or diag($r->{err});
like($r->{out}, qr/^wrote \Q$d\E\/f1\/one_final\.\{gp,png,svg\}$/m, "... drew that experiment");

# --- --only ------------------------------------------------------------------------
write_file("$d/grid.lua", <<'LUA');
print("LR=" .. tostring(amor.setting("train.lr", "script")))
local res = experiment { name = "g", problems = {{"quadratic", dim = 2}},
  models = {"linear", {"mlp", hidden = {4}}}, losses = {"objective", "regression"}, seeds = {1, 2},
  train = {steps = 2, lr = amor.sweep{1e-3, 1e-2}}, eval = {contexts = 4, timing = 0},
  solver = {iterations = 0} }
print("RESULTS=" .. #res)
LUA
sub cells_of {
    my ($dir) = @_;
    my (undef, $rows) = read_csv("$dir/runs.csv");
    return [map { $_->{cell} } @$rows];
}
my @mlp_obj = map { my ($lr, $s) = @$_; "quadratic(dim=2)/mlp(hidden=4)/objective/seed=$s/train.lr=$lr" }
              ([0.001, 1], [0.001, 2], [0.01, 1], [0.01, 2]);
$r = amor('run', "$d/grid.lua", '--out', "$d/o1", '--only', 'model=mlp', '--only', 'loss=objective');
is($r->{status}, 0, "--only model=mlp --only loss=objective runs") or diag($r->{err});
is_deeply(cells_of("$d/o1"), \@mlp_obj, "... the mlp cells with the objective loss, and no other");
like($r->{out}, qr/^experiment g: 4 cells \(12 outside --only: left out\) -> \Q$d\E\/o1$/m, "... says how many it left out");
like($r->{out}, qr/^RESULTS=4$/m, "... experiment{} returns the 4 results");
my @o1 = glob("$d/o1/.cells/*.cell");
is(scalar(@o1), 4, "... and stores only their results");

# one key twice or a comma list: either value
my @linear_seed2 = map { my ($l, $lr) = @$_; "quadratic(dim=2)/linear/$l/seed=2/train.lr=$lr" }
                   (['objective', 0.001], ['objective', 0.01], ['regression', 0.001], ['regression', 0.01]);
my @mlp_seed2 = map { s/linear/mlp(hidden=4)/r } @linear_seed2;
for my $sel (['--only', 'model=mlp', '--only', 'model=linear'], ['--only', 'model=mlp,linear']) {
    $r = amor('run', "$d/grid.lua", '--out', "$d/o2", '--fresh', '--quiet', @$sel, '--only', 'seed=2');
    is($r->{status}, 0, "@$sel --only seed=2 runs") or diag($r->{err});
    is_deeply(cells_of("$d/o2"), [@linear_seed2, @mlp_seed2], "... both models, seed 2 only");
}
# a setting's value as runs.csv shows it (1e-2 is 0.01), a parameter by its declared type
$r = amor('run', "$d/grid.lua", '--out', "$d/o3", '--quiet', '--only', 'train.lr=1e-2',
          '--only', 'model.hidden=[4]', '--only', 'seed=1', '--only', 'loss=objective');
is($r->{status}, 0, "--only train.lr=1e-2 --only model.hidden=[4] runs") or diag($r->{err});
is_deeply(cells_of("$d/o3"), ["quadratic(dim=2)/mlp(hidden=4)/objective/seed=1/train.lr=0.01"],
          "... the one cell with lr 0.01 and hidden {4}");

# cells outside --only keep what the directory holds: o1 holds the mlp/objective cells
$r = amor('run', "$d/grid.lua", '--out', "$d/o1", '--only', 'model=linear', '--only', 'loss=objective');
is($r->{status}, 0, "--only model=linear into a directory holding the mlp cells") or diag($r->{err});
like($r->{out}, qr/^experiment g: 8 cells \(12 outside --only: 4 kept as stored, 8 left out\) -> /m,
     "... keeps the 4 stored cells outside --only, leaves out the 8 others");
like($r->{out}, qr/^  resumed 4 of 8 cells/m, "... taken from the store, not run");
unlike($r->{out}, qr/^\[\d+\/8\] quadratic\(dim=2\)\/mlp/m, "... no mlp cell ran");
is_deeply(cells_of("$d/o1"), [(map { s/mlp\(hidden=4\)/linear/r } @mlp_obj), @mlp_obj],
          "... runs.csv: the linear cells it ran and the mlp cells it kept");
is(scalar(my @c = glob("$d/o1/.cells/*.cell")), 8, "... and the store holds both");
# --fresh: nothing is taken from the directory, so nothing outside is kept
$r = amor('run', "$d/grid.lua", '--out', "$d/o1", '--fresh', '--quiet', '--only', 'model=linear',
          '--only', 'loss=objective');
is_deeply(cells_of("$d/o1"), [map { s/mlp\(hidden=4\)/linear/r } @mlp_obj], "--fresh --only: only the selected cells remain");

# a value no cell has: an error naming the values the cells have; nothing ran
$r = amor('run', "$d/grid.lua", '--out', "$d/o4", '--only', 'model=mpl');
is($r->{status}, 1, "--only model=mpl: exit status 1");
is((split /\n/, $r->{err})[0], "amor: --only model=mpl: no experiment{} cell of the run has model mpl (its cells have: linear, mlp)",
   "... names the filter and the values that exist");
like($r->{out}, qr/^experiment g: no cell selected by --only \(16 outside it\); nothing run$/m, "... ran nothing");
ok(!-e "$d/o4", "... and wrote nothing");
$r = amor('run', "$d/grid.lua", '--out', "$d/o5", '--quiet', '--only', 'train.lr=0.001,0.5');
is((split /\n/, $r->{err})[0], "amor: --only train.lr=0.5: no experiment{} cell of the run has train.lr 0.5 (its cells have: 0.001, 0.01)",
   "a setting's value no cell has: named, with the values in numeric order");
$r = amor('run', "$d/grid.lua", '--out', "$d/o6", '--quiet', '--only', 'model=linear', '--only', 'model.hidden=4');
is((split /\n/, $r->{err})[0], "amor: --only model=linear --only model.hidden=4: no experiment{} cell of the run has all of them",
   "keys whose values exist but no cell has all of them: an error");
my $valid = "train.steps, train.batch, train.lr, train.beta1, train.beta2, train.eps, train.weight_decay, train.clip, train.train_set, train.eval_every, train.save_model, train.init_from, train.threads, train.estimator, train.es_pairs, train.es_sigma, eval.contexts, eval.timing, eval.on_train_set, eval.track, eval.tolerances, eval.max_iterations, eval.iterates, solver.iterations, solver.methods, solver.adam_lr, solver.gd_lr, solver.match_delta, solver.log_every, solver.anderson_memory, solver.anderson_beta, solver.anderson_reg, solver.anderson_safeguard, limits.timeout, limits.memory";
for my $e (['modle=mlp', "--only modle=mlp: unknown key 'modle' (valid: experiment, problem, model, loss, seed, $valid; problem.NAME, model.NAME or loss.NAME for a parameter NAME, eval.model.NAME for an eval.model override)"],
           ['train.lr=fast', "--only train.lr=fast: train setting 'lr' must be a number in [0, 1e+06], got string \"fast\""],
           ['seed=one', "--only seed=one: a seed is a non-negative integer, got 'one'"],
           ['model', "--only model: no '=' (expected key=values, e.g. --only model=mlp)"],
           ['model=mlp,,linear', "--only model=mlp,,linear: an empty value (values are separated by ',')"],
           ['model=mlp,mlp', "--only model=mlp,mlp: the value 'mlp' is given twice"]) {
    $r = amor('run', "$d/grid.lua", '--out', "$d/o7", '--only', $e->[0]);
    is($r->{status}, 2, "--only $e->[0]: usage error");
    is($r->{err}, "amor run: $e->[1]\n", "--only $e->[0]: the message");
}
ok(!-e "$d/o7", "... nothing written");
# amor.run_cell is not filtered
write_file("$d/cell.lua", <<'LUA');
local r = amor.run_cell { problem = {"quadratic", dim = 2}, model = "linear", loss = "objective",
  train = {steps = 2}, eval = {contexts = 4, timing = 0}, solver = {iterations = 0} }
print("STATUS=" .. r.status)
LUA
$r = amor('run', "$d/cell.lua", '--out', "$d/c1", '--only', 'model=mlp');
like($r->{out}, qr/^STATUS=ok$/m, "amor.run_cell runs its cell whatever --only says");
is((split /\n/, $r->{err})[0], "amor: --only model=mlp: the run has no experiment{} cell to select from (amor.run_cell is not filtered)",
   "... and --only in a run without experiment{} is an error");

# --- --sweep -----------------------------------------------------------------------
$r = amor('run', "$d/grid.lua", '--out', "$d/s1", '--quiet', '--sweep', 'train.lr=0.5,0.25',
          '--only', 'seed=1', '--only', 'loss=objective');
is($r->{status}, 0, "--sweep train.lr=0.5,0.25 runs") or diag($r->{err});
my (undef, $rows) = read_csv("$d/s1/runs.csv");
is_deeply([map { "$_->{model}:$_->{'train.lr'}" } @$rows], ['linear:0.5', 'linear:0.25', 'mlp:0.5', 'mlp:0.25'],
          "... replaces the script's sweep of train.lr: a train.lr column with 0.5 and 0.25");
like($r->{out}, qr/^LR=script$/m, "... amor.setting('train.lr') of a swept key is the script's default");
$r = amor('run', "$d/grid.lua", '--out', "$d/s2", '--quiet', '--sweep', 'model.hidden=[3,3],5',
          '--sweep', 'train.steps=1,3', '--only', 'seed=1', '--only', 'loss=objective', '--only', 'train.lr=0.01');
is($r->{status}, 0, "--sweep model.hidden=[3,3],5 --sweep train.steps=1,3 runs") or diag($r->{err});
my $hdr;
($hdr, $rows) = read_csv("$d/s2/runs.csv");
is_deeply([map { join ':', $_->{model}, $_->{'model.hidden'}, $_->{'train.steps'}, $_->{train_steps} } @$rows],
          ['linear::1:1', 'linear::3:3', 'mlp:3,3:1:1', 'mlp:3,3:3:3', 'mlp:5:1:1', 'mlp:5:3:3'],
          "... a list value in brackets, a plain one as one layer; train.steps swept in every model");
ok((grep { $_ eq 'train.steps' } @$hdr) && (grep { $_ eq 'model.hidden' } @$hdr), "... both are runs.csv columns");
# mlp hidden {3, 3} on dim 2: (2*3+3) + (3*3+3) + (3*2+2)
is($rows->[2]{num_params}, 29, "... hidden = {3, 3} is two layers of 3");
for my $e (['trian.lr=1,2', "--sweep trian.lr=1,2: unknown key 'trian.lr' (valid: $valid; problem.NAME, model.NAME or loss.NAME for a parameter NAME that plugins of that kind in the run declare)"],
           ['quick=1,2', "--sweep quick=1,2: 'quick' is no setting or parameter, and amor cannot sweep a key of the script's own (--sweep takes train.*, eval.*, solver.*, limits.*, problem.NAME, model.NAME or loss.NAME; the script may sweep over amor.setting(\"quick\") itself)"],
           ['train.lr=1,x', "--sweep train.lr=1,x: train setting 'lr' must be a number in [0, 1e+06], got string \"x\""],
           ['train.lr=1,1', "--sweep train.lr=1,1: the value '1' is given twice"],
           ['model.hidden=[3', "--sweep model.hidden=[3: a '[' without its ']'"],
           ['model.hidden=[3]x', "--sweep model.hidden=[3]x: 'x' after ']' (values are separated by ',')"],
           ['model.hidden=3,[[4]]', "--sweep model.hidden=3,[[4]]: a '[' inside [...] (a value is a list of numbers or names, not of lists)"],
           ['model.hidden=3,4]', "--sweep model.hidden=3,4]: a ']' inside a value (a list value is written whole in brackets: [64,64])"],
           ['train.lr=1,', "--sweep train.lr=1,: an empty value after the last ','"],
           ['train.lr', "--sweep train.lr: no '=' (expected key=values, e.g. --sweep train.lr=1,2)"]) {
    $r = amor('run', "$d/grid.lua", '--out', "$d/s3", '--sweep', $e->[0]);
    is($r->{status}, 2, "--sweep $e->[0]: usage error");
    is($r->{err}, "amor run: $e->[1]\n", "--sweep $e->[0]: the message");
}
$r = amor('run', "$d/grid.lua", '--out', "$d/s3", '--set', 'train.lr=0.1', '--sweep', 'train.lr=0.2,0.3');
is($r->{err}, "amor run: --set train.lr=0.1 and --sweep train.lr=0.2,0.3: the key 'train.lr' is given twice\n",
   "--set and --sweep of one key: refused");
ok(!-e "$d/s3", "... nothing written");
$r = amor('run', "$d/grid.lua", '--out', "$d/s4", '--sweep', 'model.hidden=[3],wide');
is($r->{status}, 1, "--sweep model.hidden=[3],wide: exit status 1");
is((split /\n/, $r->{err})[0], "amor: $d/grid.lua:2: --sweep model.hidden=[3],wide: parameter 'hidden' of model 'mlp' expects a list of integers such as 64,64, got 'wide'",
   "... a value the plugin refuses, at the experiment's line");
$r = amor('run', "$d/grid.lua", '--out', "$d/s4", '--sweep', 'loss.weights=1,2');
is((split /\n/, $r->{err})[0], "amor: $d/grid.lua:2: --sweep loss.weights=1,2: no loss of experiment 'g' declares a parameter 'weights' (they declare: on, huber_delta)",
   "a parameter no plugin of the experiment declares: refused at its line");
ok(!-e "$d/s4", "... nothing written");
$r = amor('run', "$d/cell.lua", '--out', "$d/s5", '--sweep', 'train.lr=0.1,0.2');
is((split /\n/, $r->{err})[0], "amor: $d/cell.lua:1: --sweep train.lr=0.1,0.2: amor.run_cell runs one cell; --sweep applies to experiment{} (--set gives a setting or parameter one value)",
   "--sweep in a script's amor.run_cell: refused at its line");

done_testing();
