#!/usr/bin/env perl
# scripts/gallery_solver.pl (the gallery's solver.csv): a cell's block of a
# from-scratch solver is left out only when an earlier ok cell of the same
# experiment, problem (with its parameters) and seed wrote the same
# iterations and values; blocks of failed cells never stand in for others,
# residual rows and cells runs.csv does not know are kept, the order is
# the run's; a file without the columns it needs is refused by name.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

my $d = tmpdir();
my $runs = "experiment,cell,problem,model,loss,seed,status,problem.dim\n"
    . "e,A,quadratic,linear,objective,1,error,2\n"   # failed, first
    . "e,B,quadratic,linear,regression,1,ok,2\n"     # the first ok: drawn
    . "e,C,quadratic,mlp,objective,1,ok,2\n"         # B's copy: left out
    . "e,D,quadratic,mlp,objective,2,ok,2\n"         # another seed
    . "e,E,quadratic,mlp,regression,1,ok,2\n"        # same problem, other values
    . "e,F,quadratic,mlp,objective,1,ok,3\n"         # other problem parameter
    . "f,G,quadratic,mlp,objective,1,ok,2\n";        # other experiment
write_file("$d/runs.csv", $runs);
my $head = "experiment,cell,solver,iteration,seconds,objective_mean,objective_std,residual_mean,residual_median\n";
sub block {
    my ($exp, $cell, $solver, $secs, @v) = @_;
    my $i = 0;
    return join('', map { "$exp,\"$cell\",$solver," . 10 * $i++ . ",$secs,$_,0.5,,\n" } @v);
}
my $solver = $head
    . block('e', 'A', 'adam', 0.1, 3, 2, 1)
    . block('e', 'B', 'adam', 0.2, 3, 2, 1)
    . block('e', 'B', 'gd', 0.2, 3, 2.5, 2)
    . "e,\"B\",step,0,0,,,5,5\n"
    . block('e', 'C', 'adam', 0.3, 3, 2, 1)     # out
    . block('e', 'C', 'gd', 0.3, 3, 2.5, 2)     # out
    . "e,\"C\",step,0,0,,,5,5\n"                # residual: kept
    . block('e', 'D', 'adam', 0.4, 3, 2, 1)
    . block('e', 'E', 'adam', 0.5, 3, 2, 0.9)   # differs at its last row
    . block('e', 'F', 'adam', 0.6, 3, 2, 1)
    . block('f', 'G', 'adam', 0.7, 3, 2, 1)
    . block('e', 'H', 'adam', 0.8, 3, 2, 1);    # not in runs.csv
write_file("$d/solver.csv", $solver);

my $out = `perl scripts/gallery_solver.pl '$d/runs.csv' '$d/solver.csv' 2>&1`;
is($?, 0, "gallery_solver.pl exits 0");
(my $want = $solver) =~ s/^e,"C",(adam|gd),.*\n//mg;
is($out, $want, "C's adam and gd blocks, copies of B's, are left out; nothing else, in the run's order");
is(scalar(() = $out =~ /^e,"C",/mg), 1, "C keeps its residual row");
like($out, qr/^e,"A",adam,0,/m, "the failed cell's block is kept (it does not stand in for B's)");
like($out, qr/^e,"B",adam,0,0.2,/m, "B's block is kept with its own seconds");

# a copy of a failed cell's block is kept
write_file("$d/runs2.csv", "experiment,cell,problem,model,loss,seed,status\n"
    . "e,A,quadratic,linear,objective,1,diverged\ne,B,quadratic,linear,regression,1,ok\n");
write_file("$d/solver2.csv", $head . block('e', 'A', 'adam', 0.1, 3, 2) . block('e', 'B', 'adam', 0.2, 3, 2));
$out = `perl scripts/gallery_solver.pl '$d/runs2.csv' '$d/solver2.csv' 2>&1`;
is($out, read_file("$d/solver2.csv"), "only an ok cell's block stands in for a later one");

# refusals
write_file("$d/bad.csv", "experiment,cell,solver,iteration\ne,B,adam,0\n");
$out = `perl scripts/gallery_solver.pl '$d/runs.csv' '$d/bad.csv' 2>&1`;
isnt($?, 0, "a solver.csv without the value columns: non-zero exit");
is($out, "gallery_solver.pl: $d/bad.csv: no column 'objective_mean'\n", "... naming the file and the column");
$out = `perl scripts/gallery_solver.pl '$d/missing.csv' '$d/solver.csv' 2>&1`;
isnt($?, 0, "a missing runs.csv: non-zero exit");
like($out, qr/^gallery_solver\.pl: \Q$d\E\/missing\.csv: No such file or directory$/, "... naming it");

done_testing();
