# AmorTest.pm -- helpers for amor's end-to-end tests (run from the repo root):
# run the amor binary capturing stdout/stderr/exit status, read CSV files
# (RFC 4180 quoting), write temporary scripts.
package AmorTest;
use strict;
use warnings;
use File::Temp qw(tempdir);
use Exporter 'import';
our @EXPORT = qw(amor tmpdir write_file read_csv csv_rows_by strip_cols $AMOR);

our $AMOR = "build/amor";

sub tmpdir { return tempdir("amor-test-XXXXXX", TMPDIR => 1, CLEANUP => 1) }

sub write_file {
    my ($path, $text) = @_;
    open(my $fh, '>', $path) or die "$path: $!";
    print $fh $text;
    close $fh;
    return $path;
}

# amor(@args) -> { out => ..., err => ..., status => exit code }
sub amor {
    my @args = @_;
    my $dir = tmpdir();
    my $pid = fork();
    die "fork: $!" unless defined $pid;
    if ($pid == 0) {
        open(STDOUT, '>', "$dir/out") or die;
        open(STDERR, '>', "$dir/err") or die;
        exec($AMOR, @args) or die "exec $AMOR: $!";
    }
    waitpid($pid, 0);
    my $status = $? >> 8;
    local $/;
    open(my $o, '<', "$dir/out"); my $out = <$o> // ''; close $o;
    open(my $e, '<', "$dir/err"); my $err = <$e> // ''; close $e;
    return { out => $out, err => $err, status => $status, signal => $? & 127 };
}

sub parse_line {
    my ($line) = @_;
    my @f;
    while (1) {
        if ($line =~ s/^"((?:[^"]|"")*)"(,|$)//) {
            (my $v = $1) =~ s/""/"/g;
            push @f, $v;
            last if $2 eq '';
        } elsif ($line =~ s/^([^,]*)(,|$)//) {
            push @f, $1;
            last if $2 eq '';
        } else {
            last;
        }
    }
    return @f;
}

# read_csv(path) -> (\@header, \@rows) with rows as hashes
sub read_csv {
    my ($path) = @_;
    open(my $fh, '<', $path) or return ([], []);
    my $h = <$fh>;
    return ([], []) unless defined $h;
    chomp $h;
    my @header = parse_line($h);
    my @rows;
    while (my $l = <$fh>) {
        chomp $l;
        my @f = parse_line($l);
        my %r;
        @r{@header} = @f;
        $r{__nfields} = scalar @f;
        push @rows, \%r;
    }
    close $fh;
    return (\@header, \@rows);
}

# key => row hash
sub csv_rows_by {
    my ($rows, $key) = @_;
    return { map { $_->{$key} => $_ } @$rows };
}

# A row as text without the named columns (for comparisons).
sub strip_cols {
    my ($row, @drop) = @_;
    my %d = map { $_ => 1 } @drop, '__nfields';
    return join("|", map { "$_=" . ($row->{$_} // '') } grep { !$d{$_} } sort keys %$row);
}

1;
