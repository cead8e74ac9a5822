#!/usr/bin/env perl
# The host's structure: harness/ is split into folders along its dependency
# graph, each including only from itself and the folders below it; no two
# modules (a .c and its .h) depend on each other in a circle, neither by
# their #includes nor by the functions their objects call (nm); plugins and
# fixtures include only the public header (include/amor.h) and
# plugins/common.  A cycle or an include from above fails here.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;
use File::Basename qw(basename dirname);

# bottom up; folders of one rank must not include each other either
my @ORDER = (['base'], ['train'], ['out'], ['exec'], ['lua', 'check'], ['cmd']);
my (%rank, %where);
for my $r (0 .. $#ORDER) { $rank{$_} = $r for @{ $ORDER[$r] } }
my @dirs = map { @$_ } @ORDER;
is(join(" ", sort map { basename($_) } grep { -d } glob("harness/*")), join(" ", sort @dirs),
   "harness/ holds exactly the layered folders");
for my $d (@dirs) {
    ok(-s "harness/$d/README", "harness/$d/README says what the folder is");
    for my $f (glob("harness/$d/*.[ch]")) { $where{basename($f)} = $d }
}
my %common = map { basename($_) => 1 } glob("plugins/common/*.h");

sub includes {
    my ($f) = @_;
    open(my $fh, '<', $f) or die "$f: $!";
    my @inc;
    while (<$fh>) { push @inc, $1 if /^\s*#\s*include\s+"([^"]+)"/ }
    return @inc;
}

# --- folders ---------------------------------------------------------------------
my @bad;
for my $f (sort glob("harness/*/*.[ch]")) {
    my $d = basename(dirname($f));
    for my $h (includes($f)) {
        next if $h eq 'amor.h' || $h eq 'prelude.inc' || $common{$h};
        my $t = $where{$h};
        if (!defined $t) { push @bad, "$f includes \"$h\", which is in no folder of harness/"; next }
        next if $t eq $d;
        push @bad, "$f (harness/$d) includes $h from harness/$t, not a folder below it"
            if $rank{$t} >= $rank{$d};
    }
}
is(scalar @bad, 0, "every file includes only from its folder and the folders below it")
    or diag(join "\n", @bad);

# --- plugins see the public header only ---------------------------------------------
@bad = ();
for my $f (sort(glob("plugins/*/*.[ch]"), glob("tests/fixtures/*.[ch]"), glob("tests/fixtures/check/*.c"))) {
    for my $h (includes($f)) {
        push @bad, "$f includes host header $h" if $where{$h};
    }
}
is(scalar @bad, 0, "plugins and fixtures include no host header") or diag(join "\n", @bad);

# --- no cycles between modules ---------------------------------------------------------
sub cycle {
    my (%g) = @_;
    my (%state, @stack, $found);
    my $visit;
    $visit = sub {
        my ($v) = @_;
        $state{$v} = 1;
        push @stack, $v;
        for my $w (sort keys %{ $g{$v} || {} }) {
            next if $found;
            if (($state{$w} // 0) == 1) {
                my @s = @stack;
                shift @s while $s[0] ne $w;
                $found = join(" -> ", @s, $w);
            } elsif (!$state{$w}) {
                $visit->($w);
            }
        }
        pop @stack;
        $state{$v} = 2;
    };
    for my $v (sort keys %g) { $visit->($v) if !$state{$v} && !$found }
    return $found;
}

# a module's internal header (plot_int.h, train_int.h, check_int.h: what
# its parts in several .c files share) belongs to the module it names
my %inc;
for my $f (glob("harness/*/*.[ch]")) {
    (my $m = basename($f)) =~ s/(_int)?\.[ch]$//;
    for my $h (includes($f)) {
        next unless $where{$h};
        (my $t = $h) =~ s/(_int)?\.h$//;
        $inc{$m}{$t} = 1 if $t ne $m;
    }
}
my $c = cycle(%inc);
ok(!$c, "no cycle between modules by #include") or diag("cycle: $c");

# by the functions their objects call (what the linker resolves)
my @objs = glob("$BUILD/harness/*/*.o");
SKIP: {
    skip "no objects in $BUILD/harness", 2 unless @objs;
    my (%def, %und);
    for my $o (@objs) {
        (my $m = basename($o)) =~ s/\.o$//;
        for (`nm $o`) {
            if (/^\S+\s+[TDBR]\s+(\S+)$/) { $def{$1} = $m }
            elsif (/^\s+U\s+(\S+)$/) { $und{$m}{$1} = 1 }
        }
    }
    ok(scalar keys %def > 100, "nm read the objects' symbols");
    my %calls;
    for my $m (keys %und) {
        for my $s (keys %{ $und{$m} }) {
            my $t = $def{$s};
            $calls{$m}{$t} = 1 if defined $t && $t ne $m;
        }
    }
    $c = cycle(%calls);
    ok(!$c, "no cycle between modules by the functions they call") or diag("cycle: $c");
}

done_testing();
