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

my ($runs, $solver) = @ARGV;
die "usage: gallery_solver.pl RUNS_CSV SOLVER_CSV\n" unless defined $solver;

# one CSV record of one line (RFC 4180 quoting; amor writes no newline
# inside a field)
sub fields {
    my ($l) = @_;
    $l =~ s/\r?\n\z//;
    my @f;
    while (1) {
        if ($l =~ /\G"((?:[^"]|"")*)"/gc) { push @f, $1 =~ s/""/"/gr }
        else { $l =~ /\G([^,]*)/gc; push @f, $1 }
        last unless $l =~ /\G,/gc;
    }
    return @f;
}

# the problem part of a cell id: up to its first '/' outside parentheses
sub problem_of {
    my ($id) = @_;
    my $depth = 0;
    for my $i (0 .. length($id) - 1) {
        my $ch = substr($id, $i, 1);
        if ($ch eq '(') { $depth++ }
        elsif ($ch eq ')' && $depth > 0) { $depth-- }
        elsif ($ch eq '/' && !$depth) { return substr($id, 0, $i) }
    }
    return $id;
}

# (experiment, cell) -> its status and the key of its problem and seed: the
# id's problem part (amor plot's grouping) and the runs.csv columns of the
# problem and seed; a repeated row: the first counts, as for amor plot
my (%ok, %key);
open(my $rf, '<', $runs) or die "gallery_solver.pl: $runs: $!\n";
my @rh = fields(scalar <$rf> // die "gallery_solver.pl: $runs: empty\n");
my %ri = map { $rh[$_] => $_ } 0 .. $#rh;
defined $ri{$_} or die "gallery_solver.pl: $runs: no column '$_'\n" for qw(experiment cell problem seed status);
my @kcols = grep { $_ eq 'problem' || $_ eq 'seed' || /^problem\./ } @rh;
while (my $l = <$rf>) {
    my @f = fields($l);
    my ($exp, $cell) = ($f[$ri{experiment}] // '', $f[$ri{cell}] // '');
    my $c = "$exp\x1f$cell";
    next if exists $ok{$c};
    $ok{$c} = ($f[$ri{status}] // '') eq 'ok';
    $key{$c} = join("\x1f", $exp, problem_of($cell), map { $f[$ri{$_}] // '' } @kcols);
}
close $rf;

open(my $sf, '<', $solver) or die "gallery_solver.pl: $solver: $!\n";
my $head = <$sf> // die "gallery_solver.pl: $solver: empty\n";
my @sh = fields($head);
my %si = map { $sh[$_] => $_ } 0 .. $#sh;
defined $si{$_} or die "gallery_solver.pl: $solver: no column '$_'\n"
    for qw(experiment cell solver iteration objective_mean objective_std residual_mean);
my @lines = <$sf>;
close $sf;

# each (experiment, cell, solver) block of rows without a residual: its
# lines and values
my (%block, @order);
for my $n (0 .. $#lines) {
    my @f = fields($lines[$n]);
    next if ($f[$si{residual_mean}] // '') ne '';
    my $c = ($f[$si{experiment}] // '') . "\x1f" . ($f[$si{cell}] // '');
    my $b = "$c\x1e" . ($f[$si{solver}] // '');
    push @order, $b unless $block{$b};
    $block{$b}{cell} //= $c;
    $block{$b}{solver} //= $f[$si{solver}] // '';
    push @{$block{$b}{lines}}, $n;
    $block{$b}{values} .= join(',', map { $f[$si{$_}] // '' } qw(iteration objective_mean objective_std)) . ';';
}
# the blocks of earlier ok cells: key and solver and values -> seen
my (%seen, %drop);
for my $b (@order) {
    my $c = $block{$b}{cell};
    next unless defined $key{$c}; # a cell runs.csv does not know: kept
    my $k = join("\x1d", $key{$c}, $block{$b}{solver}, $block{$b}{values});
    if ($seen{$k}) { $drop{$_} = 1 for @{$block{$b}{lines}} }
    elsif ($ok{$c}) { $seen{$k} = 1 }
}
print $head;
print $lines[$_] for grep { !$drop{$_} } 0 .. $#lines;
