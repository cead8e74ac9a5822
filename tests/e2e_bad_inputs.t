#!/usr/bin/env perl
# The corpus of bad inputs in tests/bad/: malformed scripts, wrong parameter
# types and values, plugins that crash, return NaN, hang or report an error
# (fixtures in tests/fixtures/), an output directory that cannot be created.
# Each script states in its leading comments what amor must do with it:
#   -- exit: N              the exit status
#   -- stderr: TEXT         the first line of stderr, exactly
#   -- stderr-like: REGEX   the first line of stderr matches
#   -- stdout: TEXT         a line of stdout, exactly
#   -- row: FIELD=TEXT      runs.csv, first row: the field, exactly (row2: second row)
#   -- row-like: FIELD=REGEX
#   -- no-output: FILE      FILE is not written in the output directory
#   -- setup: file PATH     create a regular file first
#   -- args: ARGS           amor's arguments (default: run {script} --out {tmp}/out,
#                           plus --set fixtures={fixtures} for a script that reads
#                           amor.setting("fixtures"): a key it did not read would be
#                           refused)
#   -- nothing-written      the output directory is not even created
# with {script} the script's path, {tmp} a fresh directory, {fixtures} the
# fixture plugins' directory.  Messages are compared whole, so a change of
# wording is a deliberate edit of the corpus.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;
use Cwd qw(abs_path);

my $fixtures = abs_path("$BUILD/fixtures") // "$BUILD/fixtures";
my @scripts = sort glob("tests/bad/*.lua");
cmp_ok(scalar @scripts, '>=', 20, 'the corpus holds its scripts (' . scalar(@scripts) . ')');

for my $script (@scripts) {
    my $tmp = tmpdir();
    my %sub = (script => $script, tmp => $tmp, fixtures => $fixtures);
    my $subst = sub { my ($s) = @_; $s =~ s/\{(script|tmp|fixtures)\}/$sub{$1}/g; $s };
    my $subst_re = sub { my ($s) = @_; $s =~ s/\{(script|tmp|fixtures)\}/\Q$sub{$1}\E/g; $s };
    my (@expect, %args);
    open(my $fh, '<', $script) or die "$script: $!";
    while (my $l = <$fh>) {
        last unless $l =~ /^--/;
        chomp $l;
        push @expect, [$1, $2] if $l =~ /^-- (exit|stderr|stderr-like|stdout|row|row2|row-like|no-output|setup|args): (.*)$/;
        push @expect, ['nothing-written', ''] if $l =~ /^-- nothing-written$/;
    }
    close $fh;
    my $fx = read_file($script) =~ /amor\.setting\("fixtures"\)/ ? ' --set fixtures={fixtures}' : '';
    my @args = split ' ', $subst->("run {script} --out {tmp}/out$fx");
    for my $e (@expect) {
        my ($k, $v) = @$e;
        if ($k eq 'args') { @args = split ' ', $subst->($v) }
        elsif ($k eq 'setup' && $v =~ /^file (\S+)$/) { write_file($subst->($1), "a regular file\n") }
    }
    my $name = $script =~ s{.*/}{}r;
    ok((grep { $_->[0] eq 'exit' } @expect) && (grep { $_->[0] =~ /^(stderr|stdout|row)/ } @expect),
       "$name: states its exit status and a message");
    my $r = amor(@args);
    my ($first_err) = split /\n/, $r->{err};
    $first_err //= '';
    my (undef, $rows) = read_csv("$tmp/out/runs.csv");
    for my $e (@expect) {
        my ($k, $v) = @$e;
        if ($k eq 'exit') {
            is($r->{status}, $v, "$name: exit status $v") or diag($r->{err});
        } elsif ($k eq 'stderr') {
            is($first_err, $subst->($v), "$name: the message");
        } elsif ($k eq 'stderr-like') {
            my $re = $subst_re->($v);
            like($first_err, qr/$re/, "$name: the message");
        } elsif ($k eq 'stdout') {
            my $want = $subst->($v);
            ok((grep { $_ eq $want } split /\n/, $r->{out}), "$name: stdout says '$want'")
                or diag($r->{out});
        } elsif ($k =~ /^row(2)?$/ && $v =~ /^(\w+)=(.*)$/) {
            my $row = $rows->[$k eq 'row2' ? 1 : 0] || {};
            is($row->{$1}, $2, "$name: runs.csv" . ($k eq 'row2' ? ' row 2' : '') . " $1");
        } elsif ($k eq 'row-like' && $v =~ /^(\w+)=(.*)$/) {
            my ($f, $re) = ($1, $2);
            like(($rows->[0] || {})->{$f} // '', qr/$re/, "$name: runs.csv $f");
        } elsif ($k eq 'no-output') {
            ok(!-e "$tmp/out/$v", "$name: no $v written");
        } elsif ($k eq 'nothing-written') {
            ok(!-e "$tmp/out", "$name: no output directory created");
        }
    }
}

done_testing();
