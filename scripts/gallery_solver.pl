#!/usr/bin/env perl
# scripts/gallery_solver.pl RUNS_CSV SOLVER_CSV > OUT -- the solver.csv of
# the gallery (scripts/gallery.sh): the full run's rows, less the blocks
# that repeat.  A from-scratch solver's trajectory does not depend on the
# cell's model or loss: every cell of one problem and seed writes the same
# rows (only their seconds differ), and amor plot draws, per problem and
# seed, those of the first ok cell.  So a cell's block of one solver (its
# rows without a residual) is left out when an earlier ok cell of the same
# experiment, problem (with its parameters) and seed wrote the same
# iterations and values.  Residual rows (eval.tolerances) are all kept: the
# residual figure draws every cell's.  Everything else is copied as it is,
# in its order.
use strict;
use warnings;
use Text::ParseWords qw(parse_line);

my ($runs, $solver) = @ARGV;
die "usage: gallery_solver.pl RUNS_CSV SOLVER_CSV\n" unless defined $solver;

sub fields { my ($l) = @_; chomp $l; return parse_line(',', 0, $l) }

# cell -> its status and the key of its problem and seed
my (%ok, %key);
open(my $rf, '<', $runs) or die "gallery_solver.pl: $runs: $!\n";
my @rh = fields(scalar <$rf> // die "gallery_solver.pl: $runs: empty\n");
my %ri = map { $rh[$_] => $_ } 0 .. $#rh;
defined $ri{$_} or die "gallery_solver.pl: $runs: no column '$_'\n" for qw(experiment cell problem seed status);
my @kcols = grep { $_ eq 'experiment' || $_ eq 'problem' || $_ eq 'seed' || /^problem\./ } @rh;
while (my $l = <$rf>) {
    my @f = fields($l);
    my $cell = $f[$ri{cell}] // next;
    $ok{$cell} = ($f[$ri{status}] // '') eq 'ok';
    $key{$cell} = join("\x1f", map { $f[$ri{$_}] // '' } @kcols);
}
close $rf;

open(my $sf, '<', $solver) or die "gallery_solver.pl: $solver: $!\n";
my $head = <$sf> // die "gallery_solver.pl: $solver: empty\n";
my @sh = fields($head);
my %si = map { $sh[$_] => $_ } 0 .. $#sh;
defined $si{$_} or die "gallery_solver.pl: $solver: no column '$_'\n"
    for qw(cell solver iteration objective_mean objective_std residual_mean);
my @lines = <$sf>;
close $sf;

# each (cell, solver) block of rows without a residual: its lines and values
my (%block, @order);
for my $n (0 .. $#lines) {
    my @f = fields($lines[$n]);
    next if ($f[$si{residual_mean}] // '') ne '';
    my $b = ($f[$si{cell}] // '') . "\x1e" . ($f[$si{solver}] // '');
    push @order, $b unless $block{$b};
    $block{$b}{cell} //= $f[$si{cell}] // '';
    push @{$block{$b}{lines}}, $n;
    $block{$b}{values} .= join(',', map { $f[$si{$_}] // '' } qw(iteration objective_mean objective_std)) . ';';
}
# the blocks of earlier ok cells: key and solver and values -> seen
my (%seen, %drop);
for my $b (@order) {
    my $cell = $block{$b}{cell};
    next unless defined $key{$cell}; # a cell runs.csv does not know: kept
    (my $solver_name = $b) =~ s/^.*\x1e//;
    my $k = join("\x1d", $key{$cell}, $solver_name, $block{$b}{values});
    if ($seen{$k}) { $drop{$_} = 1 for @{$block{$b}{lines}} }
    elsif ($ok{$cell}) { $seen{$k} = 1 }
}
print $head;
print $lines[$_] for grep { !$drop{$_} } 0 .. $#lines;
