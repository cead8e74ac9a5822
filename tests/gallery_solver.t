#!/usr/bin/env perl
# scripts/gallery_solver.pl (the gallery's solver.csv): a cell's block of a
# from-scratch solver is left out only when an earlier ok cell of the same
# experiment, problem (with its parameters) and seed wrote the same
# iterations and values; blocks of failed cells never stand in for others,
# a cell id shared by two experiments is two cells, residual rows and cells
# runs.csv does not know are kept, the order is the run's; a file without
# the columns it needs is refused by name.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

my $d = tmpdir();
# cell ids as amor writes them: quoted, with commas inside parentheses
my %id = (
    A => 'quadratic(dim=2)/linear/objective/seed=1',
    B => 'quadratic(dim=2)/mlp(hidden=8,8)/regression/seed=1',
    C => 'quadratic(dim=2)/mlp(hidden=8,8)/objective/seed=1',
    D => 'quadratic(dim=2)/mlp(hidden=8,8)/objective/seed=2',
    E => 'quadratic(dim=2)/mlp(hidden=8,8)/objective/seed=1/solver.adam_lr=0.1',
    F => 'quadratic(dim=3)/mlp(hidden=8,8)/objective/seed=1',
    H => 'quadratic(dim=2)/mlp(hidden=4)/objective/seed=1',
);
my $runs = "experiment,cell,problem,model,loss,seed,status,problem.dim\n"
    . "e,\"$id{A}\",quadratic,linear,objective,1,error,2\n"   # failed, first
    . "e,\"$id{B}\",quadratic,mlp,regression,1,ok,2\n"        # the first ok: drawn
    . "e,\"$id{C}\",quadratic,mlp,objective,1,ok,2\n"         # B's copy: left out
    . "e,\"$id{D}\",quadratic,mlp,objective,2,ok,2\n"         # another seed
    . "e,\"$id{E}\",quadratic,mlp,objective,1,ok,2\n"         # same problem, other values
    . "e,\"$id{F}\",quadratic,mlp,objective,1,ok,3\n"         # other problem parameter
    . "f,\"$id{B}\",quadratic,mlp,regression,1,error,2\n"     # B's id in experiment f: failed
    . "f,\"$id{C}\",quadratic,mlp,objective,1,ok,2\n";        # the first ok of f: drawn
write_file("$d/runs.csv", $runs);
my $head = "experiment,cell,solver,iteration,seconds,objective_mean,objective_std,residual_mean,residual_median\n";
sub block {
    my ($exp, $cell, $solver, $secs, @v) = @_;
    my $i = 0;
    return join('', map { "$exp,\"$id{$cell}\",$solver," . 10 * $i++ . ",$secs,$_,0.5,,\n" } @v);
}
my $solver = $head
    . block('e', 'A', 'adam', 0.1, 3, 2, 1)
    . block('e', 'B', 'adam', 0.2, 3, 2, 1)
    . block('e', 'B', 'gd', 0.2, 3, 2.5, 2)
    . "e,\"$id{B}\",step,0,0,,,5,5\n"
    . block('e', 'C', 'adam', 0.3, 3, 2, 1)     # out
    . block('e', 'C', 'gd', 0.3, 3, 2.5, 2)     # out
    . "e,\"$id{C}\",step,0,0,,,5,5\n"           # residual: kept
    . block('e', 'D', 'adam', 0.4, 3, 2, 1)
    . block('e', 'E', 'adam', 0.5, 3, 2, 0.9)   # differs at its last row
    . block('e', 'F', 'adam', 0.6, 3, 2, 1)
    . block('f', 'B', 'adam', 0.7, 3, 2, 1)     # failed: kept
    . block('f', 'C', 'adam', 0.8, 3, 2, 1)     # kept: e's ok cells are another experiment
    . block('e', 'H', 'adam', 0.9, 3, 2, 1);    # not in runs.csv: kept
write_file("$d/solver.csv", $solver);

my $out = `perl scripts/gallery_solver.pl '$d/runs.csv' '$d/solver.csv' 2>&1`;
is($?, 0, "gallery_solver.pl exits 0");
(my $want = $solver) =~ s/^e,"\Q$id{C}\E",(adam|gd),.*\n//mg;
isnt($want, $solver, "(the expected output lacks C's blocks)");
is($out, $want, "C's adam and gd blocks, copies of B's, are left out; nothing else, in the run's order");
is(scalar(() = $out =~ /^e,"\Q$id{C}\E",/mg), 1, "C keeps its residual row");
like($out, qr/^f,"\Q$id{C}\E",adam,0,0.8,/m,
     "the same cell id in another experiment is another cell: f's first ok cell keeps its block");

# a copy of a failed cell's block is kept; CRLF line ends are read as well
write_file("$d/runs2.csv", "experiment,cell,problem,model,loss,seed,status\r\n"
    . "e,\"$id{A}\",quadratic,linear,objective,1,diverged\r\ne,\"$id{B}\",quadratic,mlp,regression,1,ok\r\n"
    . "e,\"$id{C}\",quadratic,mlp,objective,1,ok\r\n");
write_file("$d/solver2.csv", $head . block('e', 'A', 'adam', 0.1, 3, 2) . block('e', 'B', 'adam', 0.2, 3, 2)
    . block('e', 'C', 'adam', 0.3, 3, 2));
$out = `perl scripts/gallery_solver.pl '$d/runs2.csv' '$d/solver2.csv' 2>&1`;
is($out, $head . block('e', 'A', 'adam', 0.1, 3, 2) . block('e', 'B', 'adam', 0.2, 3, 2),
   "only an ok cell's block stands in for a later one (CRLF runs.csv)");

# refusals
write_file("$d/bad.csv", "experiment,cell,solver,iteration\ne,B,adam,0\n");
$out = `perl scripts/gallery_solver.pl '$d/runs.csv' '$d/bad.csv' 2>&1`;
isnt($?, 0, "a solver.csv without the value columns: non-zero exit");
is($out, "gallery_solver.pl: $d/bad.csv: no column 'objective_mean'\n", "... naming the file and the column");
$out = `perl scripts/gallery_solver.pl '$d/missing.csv' '$d/solver.csv' 2>&1`;
isnt($?, 0, "a missing runs.csv: non-zero exit");
like($out, qr/^gallery_solver\.pl: \Q$d\E\/missing\.csv: /, "... naming it");

done_testing();
