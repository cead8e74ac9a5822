# AmorTest.pm -- helpers for amor's end-to-end tests (run from the repo root):
# run the amor binary capturing stdout/stderr/exit status, read CSV files
# (RFC 4180 quoting), write temporary scripts.  The build directory is
# $AMOR_BUILD (build/ by default; `make test SAN=1` sets build-san/); in such
# a sanitized run every amor whose stderr holds a sanitizer report fails a
# test of its own, so a report on an error path (where the test expects a
# non-zero exit anyway) is not missed.
package AmorTest;
use strict;
use warnings;
use File::Temp qw(tempdir);
use Time::HiRes qw(time);
use Exporter 'import';
our @EXPORT = qw(amor amor_start amor_wait tmpdir write_file read_file ended_within read_csv csv_rows_by
                 strip_cols sanitizer_check $AMOR $BUILD);

our $BUILD = $ENV{AMOR_BUILD} || "build";
our $AMOR = "$BUILD/amor";

# A report of AddressSanitizer, LeakSanitizer or UndefinedBehaviorSanitizer
# in text (amor's stderr, workers' included) is a failed test.
sub sanitizer_check {
    my ($err, @what) = @_;
    return unless defined $err && $err =~ /==\d+==ERROR: \w+Sanitizer|SUMMARY: \w+Sanitizer|: runtime error: /;
    require Test::More;
    Test::More::fail("sanitizer report from amor @what");
    Test::More::diag($err);
}

sub tmpdir { return tempdir("amor-test-XXXXXX", TMPDIR => 1, CLEANUP => 1) }

sub write_file {
    my ($path, $text) = @_;
    open(my $fh, '>', $path) or die "$path: $!";
    print $fh $text;
    close $fh;
    return $path;
}

# amor(@args) -> { out => ..., err => ..., status => exit code, signal }
sub amor {
    my @args = @_;
    my $h = amor_start(@args);
    waitpid($h->{pid}, 0);
    my $st = $?;
    my $err = read_file("$h->{dir}/err");
    sanitizer_check($err, @args);
    return { out => read_file("$h->{dir}/out"), err => $err, status => $st >> 8,
             signal => $st & 127 };
}

# amor_start(@args) -> handle: amor running in the background (stdout and
# stderr to files); amor_wait($h, $seconds) -> { out, err, status, signal,
# seconds, killed }: waits at most $seconds, then kill -9 (killed => 1).
sub amor_start {
    my @args = @_;
    my $dir = tmpdir();
    my $pid = fork();
    die "fork: $!" unless defined $pid;
    if ($pid == 0) {
        open(STDOUT, '>', "$dir/out") or die;
        open(STDERR, '>', "$dir/err") or die;
        exec($AMOR, @args) or die "exec $AMOR: $!";
    }
    return { pid => $pid, dir => $dir, start => time() };
}

sub amor_wait {
    my ($h, $limit) = @_;
    my ($killed, $t0) = (0, time());
    while (waitpid($h->{pid}, 1) == 0) {          # 1 = WNOHANG
        if (time() - $t0 > $limit) {
            kill 'KILL', $h->{pid};
            waitpid($h->{pid}, 0);
            $killed = 1;
            last;
        }
        select(undef, undef, undef, 0.05);
    }
    my $st = $?;
    my $err = read_file("$h->{dir}/err");
    sanitizer_check($err, "(started in the background)");
    return { out => read_file("$h->{dir}/out"), err => $err,
             status => $st >> 8, signal => $st & 127, killed => $killed,
             seconds => time() - $h->{start} };
}

# Is process $pid gone (or a zombie) within $secs seconds (default 5)?  A
# process group killed with SIGKILL dies asynchronously: whoever sent the
# signal may have exited a moment before the kernel finished the victim.
sub ended_within {
    my ($pid, $secs) = @_;
    $secs //= 5;
    for (my $i = 0; $i <= 10 * $secs; $i++) {
        my $st = read_file("/proc/$pid/stat");
        return 1 if $st eq '' || $st =~ /^\d+ \(.*\) Z/s;
        select(undef, undef, undef, 0.1);
    }
    return 0;
}

sub read_file {
    my ($path) = @_;
    open(my $fh, '<', $path) or return '';
    local $/;
    my $t = <$fh> // '';
    close $fh;
    return $t;
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

# A row's text without the columns @drop, nor peak_rss_mib (a measurement
# of the process, like the timing columns callers drop).
sub strip_cols {
    my ($row, @drop) = @_;
    my %d = map { $_ => 1 } @drop, '__nfields', 'peak_rss_mib';
    return join("|", map { "$_=" . ($row->{$_} // '') } grep { !$d{$_} } sort keys %$row);
}

1;
