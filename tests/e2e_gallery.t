#!/usr/bin/env perl
# The committed gallery (results/gallery/, docs/gallery.md) against
# results/README.md and against amor plot:
# - every gallery file the README links exists, and a linked PNG has its .gp
#   and .svg beside it; every experiment directory of the gallery has a
#   figure in the README and its run.txt (the seconds it took);
# - `amor plot` on a copy of an experiment's committed CSVs alone writes the
#   committed .gp scripts of the host's figures byte for byte and renders
#   them without error; the figures it writes that the gallery lacks are the
#   run's diagnostics only (what `amor plot --kind training --kind final`
#   draws: training curves, final-gap bars, left out);
# - the scripts' own figures (amor.plot_raw and friends: self-contained .gp
#   scripts, their data inside) render with gnuplot without an error or a
#   warning, from a copy.
# Nothing in the gallery is left changed: the copies are in a temporary
# directory.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;
use File::Copy qw(copy);

my $G = "results/gallery";
my $readme = read_file("results/README.md");

# ---- the README's links into the gallery
my @links = $readme =~ /\]\((gallery\/[^)\s]+)\)/g;
ok(scalar @links >= 1, "results/README.md links figures of the gallery (" . scalar(@links) . " links)");
my %linked_exp;
for my $l (@links) {
    my $f = "results/$l";
    ok(-f $f, "README link $l: $f exists");
    if ($l =~ /^gallery\/([^\/]+)\/(.+)\.png$/) {
        $linked_exp{$1}++;
        ok(-f "$G/$1/$2.gp" && -f "$G/$1/$2.svg", "$l: its .gp and .svg are beside it");
    }
}

# ---- each experiment of the gallery
opendir(my $dh, $G) or BAIL_OUT("$G: $!");
my @exps = sort grep { !/^\./ && -d "$G/$_" } readdir($dh);
closedir($dh);
ok(scalar @exps >= 1, "results/gallery holds experiments (@exps)");
my $d = tmpdir();
for my $e (@exps) {
    my $dir = "$G/$e";
    ok($linked_exp{$e}, "$e: the README shows a figure of it");
    my $run = read_file("$dir/run.txt");
    like($run, qr/^seconds: \d+$/m, "$e: run.txt says how long it took");
    opendir(my $eh, $dir) or die "$dir: $!";
    my @files = sort grep { -f "$dir/$_" } readdir($eh);
    closedir($eh);
    my @gp = grep { /\.gp$/ } @files;
    my %host;
    if (-f "$dir/runs.csv") {
        my $c = "$d/$e.plot";
        mkdir $c or die "$c: $!";
        copy("$dir/$_", "$c/$_") or die "copy $_: $!" for grep { /\.csv$/ } @files;
        my $r = amor("plot", $c);
        is($r->{status}, 0, "$e: amor plot on the committed CSVs exits 0") or diag($r->{err});
        opendir(my $ch, $c) or die "$c: $!";
        my @wrote = sort grep { /\.gp$/ } readdir($ch);
        closedir($ch);
        ok(scalar @wrote >= 1, "$e: amor plot drew " . scalar(@wrote) . " figures");
        # the run's diagnostics (training curves, final-gap bars): what
        # amor plot --kind training --kind final draws
        my $cd = "$d/$e.diag";
        mkdir $cd or die "$cd: $!";
        copy("$dir/$_", "$cd/$_") or die "copy $_: $!" for grep { /\.csv$/ } @files;
        $r = amor("plot", $cd, "--kind", "training", "--kind", "final");
        is($r->{status}, 0, "$e: amor plot --kind training --kind final exits 0") or diag($r->{err});
        opendir(my $xh, $cd) or die "$cd: $!";
        my %diag = map { $_ => 1 } grep { /\.gp$/ } readdir($xh);
        closedir($xh);
        for my $g (@wrote) {
            $host{$g} = 1;
            (my $stem = $g) =~ s/\.gp$//;
            ok(-s "$c/$stem.png" && -s "$c/$stem.svg", "$e: amor plot rendered $stem.png and .svg");
            if ($diag{$g}) { # left to amor plot
                ok(!-e "$dir/$g" && !-e "$dir/$stem.png" && !-e "$dir/$stem.svg",
                   "$e: the diagnostic $stem is left to amor plot, not kept");
                next;
            }
            ok(-f "$dir/$g" && read_file("$c/$g") eq read_file("$dir/$g"),
               "$e: amor plot regenerates $g byte for byte");
        }
        ok(!(grep { !$host{$_} } keys %diag), "$e: --kind draws a subset of the figures");
    }
    # the script's own figures: rendered from a copy of the .gp alone
    for my $g (grep { !$host{$_} } @gp) {
        (my $stem = $g) =~ s/\.gp$//;
        my $c = "$d/$e.raw";
        mkdir $c unless -d $c;
        copy("$dir/$g", "$c/$g") or die "copy $g: $!";
        my $err = `gnuplot '$c/$g' 2>&1`;
        ok($? == 0 && $err eq '' && -s "$c/$stem.png" && -s "$c/$stem.svg",
           "$e: gnuplot renders the script's figure $g (png and svg), silently") or diag($err);
    }
}

done_testing();
