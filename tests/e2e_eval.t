#!/usr/bin/env perl
# End to end: `amor eval PROBLEM --contexts X.csv --solutions Y.csv
# [--gradient]`.  Round trip against quadratic's known form f = 1/2 y'Ay - x'y:
# against amor.problem in a Lua script, and against an independent
# computation here (A recovered from gradients at x = 0, then f and grad f
# recomputed in Perl; with cond = 1, A = I exactly).  Headers, --out, large
# inputs, the messages for malformed input (file, line, column), and
# devices, FIFOs and directories refused as not regular files.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;
use POSIX ();

my $d = tmpdir();
my $dim = 5;

# --- contexts and solutions from a script (amor.problem) -------------------
write_file("$d/gen.lua", <<"LUA");
local p = amor.problem{"quadratic", dim = $dim, cond = 30, matrix_seed = 3}
local xs = p:sample(20, 7)
local ys = p:solve(xs)
local rs = p:sample(20, 8)  -- random solutions
local function dump(path, rows, header)
  local t = {}
  if header then t[#t + 1] = header end
  for _, r in ipairs(rows) do
    local c = {}
    for j, v in ipairs(r) do c[j] = string.format("%.17g", v) end
    t[#t + 1] = table.concat(c, ",")
  end
  amor.write_file(path, table.concat(t, "\\n") .. "\\n")
end
dump("X.csv", xs, "x1,x2,x3,x4,x5")
dump("Ystar.csv", ys)
dump("Y.csv", rs)
local f, g = p:grad(xs, rs)
local ref = {}
for i = 1, #xs do ref[i] = {f[i], table.unpack(g[i])} end
dump("ref.csv", ref)
-- unit solutions at x = 0: the gradient there is a column of A
local zx, ey = {}, {}
for k = 1, $dim do
  zx[k], ey[k] = {}, {}
  for j = 1, $dim do zx[k][j] = 0; ey[k][j] = (j == k) and 1 or 0 end
end
dump("X0.csv", zx)
dump("E.csv", ey)
LUA
my $r = amor('run', "$d/gen.lua", '--out', $d);
is($r->{status}, 0, 'the generating script runs') or diag($r->{err});

sub rows {
    my ($text) = @_;
    my @l = grep { /\S/ } split /\n/, $text;
    return map { [split /,/] } @l;
}
sub close_rel { my ($a, $b, $tol) = @_; return abs($a - $b) <= $tol * (1 + abs($b)) }

my @set = ('--set', "dim=$dim", '--set', 'cond=30', '--set', 'matrix_seed=3');
$r = amor('eval', 'quadratic', '--contexts', "$d/X.csv", '--solutions', "$d/Y.csv", '--gradient', @set);
is($r->{status}, 0, 'amor eval --gradient exits 0') or diag($r->{err});
my ($hdr, @out) = rows($r->{out});
is(join(',', @$hdr), 'f,g1,g2,g3,g4,g5', 'header row: f,g1..g5');
is(scalar @out, 20, 'one output row per input row');
my @ref = rows(do { local (@ARGV, $/) = "$d/ref.csv"; <> });
my $same = 1;
for my $i (0 .. $#ref) {
    for my $j (0 .. $dim) { $same = 0 unless $out[$i][$j] == $ref[$i][$j] }
}
ok($same, 'f and grad f equal amor.problem\'s in a Lua script, to the last digit (%.17g)');

# independent: A from gradients at x = 0, y = e_k (g = A e_k)
$r = amor('eval', 'quadratic', '--contexts', "$d/X0.csv", '--solutions', "$d/E.csv", '--gradient', @set);
is($r->{status}, 0, 'gradients at the unit vectors') or diag($r->{err});
my (undef, @cols) = rows($r->{out});
my @A = map { my $j = $_; [map { $cols[$_][1 + $j] } 0 .. $dim - 1] } 0 .. $dim - 1;
my ($asym, $diagok) = (0, 1);
for my $i (0 .. $dim - 1) {
    for my $j (0 .. $dim - 1) { $asym = abs($A[$i][$j] - $A[$j][$i]) if abs($A[$i][$j] - $A[$j][$i]) > $asym }
    $diagok = 0 unless close_rel($cols[$i][0], 0.5 * $A[$i][$i], 1e-13);
}
cmp_ok($asym, '<', 1e-12, 'the recovered A is symmetric');
ok($diagok, 'f(e_k; 0) = A_kk / 2');
my @X = rows(do { local (@ARGV, $/) = "$d/X.csv"; <> });
shift @X;  # header
my @Y = rows(do { local (@ARGV, $/) = "$d/Y.csv"; <> });
my ($fok, $gok) = (1, 1);
for my $i (0 .. 19) {
    my ($f, @g) = (0);
    for my $a (0 .. $dim - 1) {
        my $ay = 0;
        $ay += $A[$a][$_] * $Y[$i][$_] for 0 .. $dim - 1;
        $f += 0.5 * $Y[$i][$a] * $ay - $X[$i][$a] * $Y[$i][$a];
        push @g, $ay - $X[$i][$a];
    }
    $fok = 0 unless close_rel($out[$i][0], $f, 1e-12);
    for my $a (0 .. $dim - 1) { $gok = 0 unless close_rel($out[$i][1 + $a], $g[$a], 1e-12) }
}
ok($fok, 'f = 1/2 y\'Ay - x\'y recomputed in Perl (relative 1e-12)');
ok($gok, 'grad f = Ay - x recomputed in Perl (relative 1e-12)');

# at y* = A^-1 x: grad f = 0 and f = -x'y*/2
$r = amor('eval', 'quadratic', '--contexts', "$d/X.csv", '--solutions', "$d/Ystar.csv", '--gradient', @set);
my (undef, @os) = rows($r->{out});
my @Ys = rows(do { local (@ARGV, $/) = "$d/Ystar.csv"; <> });
my ($gmax, $fstar) = (0, 1);
for my $i (0 .. 19) {
    my $xy = 0;
    $xy += $X[$i][$_] * $Ys[$i][$_] for 0 .. $dim - 1;
    $fstar = 0 unless close_rel($os[$i][0], -0.5 * $xy, 1e-10);
    for my $a (1 .. $dim) { $gmax = abs($os[$i][$a]) if abs($os[$i][$a]) > $gmax }
}
cmp_ok($gmax, '<', 1e-12, 'grad f vanishes at y*');
ok($fstar, 'f(y*) = -x\'y*/2');

# cond = 1: A = I whatever the random basis: f = |y|^2/2 - x'y exactly known;
# 2500 rows, more than one chunk of calls into the plugin
{
    my (@x, @y, $xt, $yt);
    srand(5);
    $xt = "a,b,c\n";  # a header
    $yt = '';
    for my $i (0 .. 2499) {
        my @xi = map { sprintf('%.6f', rand(4) - 2) } 1 .. 3;
        my @yi = map { sprintf('%.6f', rand(4) - 2) } 1 .. 3;
        push @x, \@xi; push @y, \@yi;
        $xt .= join(',', @xi) . "\n";
        $yt .= join(' , ', @yi) . "\r\n";  # blanks around fields, CRLF
    }
    write_file("$d/xb.csv", $xt);
    write_file("$d/yb.csv", $yt);
    my $r2 = amor('eval', 'quadratic', '--set', 'dim=3', '--set', 'cond=1', '--contexts', "$d/xb.csv",
                  '--solutions', "$d/yb.csv", '--out', "$d/fb.csv");
    is($r2->{status}, 0, '2500 rows, --out FILE') or diag($r2->{err});
    is($r2->{out}, '', 'nothing on stdout with --out');
    my (undef, @fb) = rows(do { local (@ARGV, $/) = "$d/fb.csv"; <> });
    is(scalar @fb, 2500, '2500 values written');
    my $ok = 1;
    for my $i (0 .. 2499) {
        my $f = 0;
        $f += 0.5 * $y[$i][$_] ** 2 - $x[$i][$_] * $y[$i][$_] for 0 .. 2;
        $ok = 0 unless close_rel($fb[$i][0], $f, 1e-12);
    }
    ok($ok, 'cond = 1: f = |y|^2/2 - x\'y for every row');
    opendir(my $dh, $d);
    ok(!grep({ /fb\.csv\.tmp/ } readdir $dh), 'no temporary file left behind');
}

# --- malformed input -------------------------------------------------------------
sub ev { return amor('eval', 'quadratic', '--set', 'dim=3', '--contexts', $_[0], '--solutions', $_[1], @_[2 .. $#_]) }
# amor(@args) with `text` on its standard input, through a pipe
sub amor_stdin {
    my ($text, @args) = @_;
    my $dir = tmpdir();
    pipe(my $rd, my $wr) or die "pipe: $!";
    my $pid = fork() // die "fork: $!";
    if ($pid == 0) {
        close $wr;
        open(STDIN, '<&', $rd) or die;
        open(STDOUT, '>', "$dir/out") or die;
        open(STDERR, '>', "$dir/err") or die;
        exec($AMOR, @args) or die "exec $AMOR: $!";
    }
    close $rd;
    print $wr $text;  # less than a pipe's buffer: never blocks
    close $wr;
    waitpid($pid, 0);
    my $status = $? >> 8;
    my $err = read_file("$dir/err");
    sanitizer_check($err, @args);
    return { out => read_file("$dir/out"), err => $err, status => $status };
}
write_file("$d/x3.csv", "1,2,3\n4,5,6\n7,8,9\n");
write_file("$d/y3.csv", "1,2,3\n4,5,6\n7,8,9\n");
my @bad = (
    ['a row with too few columns', "1,2,3\n4,5\n7,8,9\n", 'y',
     qr/y\.csv:2: 2 columns, expected 3 \(ny of problem 'quadratic'\)/],
    ['a row with too many columns', "1,2,3\n4,5,6\n7,8,9,10\n", 'x',
     qr/x\.csv:3: 4 columns, expected 3 \(nx of problem 'quadratic'\)/],
    ['a first row of the wrong width', "1,2\n4,5\n", 'x',
     qr/x\.csv:1: the row has 2 columns, expected 3 \(nx of problem 'quadratic'\)/],
    ['a non-numeric field', "h1,h2,h3\n1,2,3\n4,abc,6\n7,8,9\n", 'y',
     qr/y\.csv:3: column 2: 'abc' is not a finite number/],
    ['an empty field', "1,2,3\n4,,6\n7,8,9\n", 'x', qr/x\.csv:2: column 2: empty field/],
    ['a non-finite number', "1,2,3\n4,5,6\n7,8,inf\n", 'y',
     qr/y\.csv:3: column 3: 'inf' is not a finite number/],
    ['a header only', "a,b,c\n", 'x', qr/x\.csv: no data rows \(only a header\)/],
    ['an unterminated quote', "1,\"2,3\n", 'x', qr/x\.csv:1: unterminated or misplaced quote/],
    ['fewer solutions than contexts', "1,2,3\n4,5,6\n", 'y',
     qr/x3\.csv has 3 data rows but \S*\/y\.csv has 2: one solution per context \(the first unmatched row is \S*x3\.csv line 3\)/],
);
for my $b (@bad) {
    my ($what, $text, $which, $want) = @$b;
    write_file("$d/$which.csv", $text);
    my $r2 = $which eq 'x' ? ev("$d/x.csv", "$d/y3.csv") : ev("$d/x3.csv", "$d/y.csv");
    is($r2->{status}, 1, "$what: exit 1");
    like($r2->{err}, $want, "$what: the message names file, line and column") or diag($r2->{err});
    is($r2->{out}, '', "$what: nothing written to stdout");
}
{
    write_file("$d/q.csv", "\"1\", 2 ,3\n\n4,5,6\n7,8,9\n");
    my $r2 = ev("$d/q.csv", "$d/y3.csv");
    my $r3 = ev("$d/x3.csv", "$d/y3.csv");
    is($r2->{status}, 0, 'quoted fields, blanks and blank lines are fine');
    is($r2->{out}, $r3->{out}, 'and read as the same numbers');
}
{
    my $r2 = ev("$d/nope.csv", "$d/y3.csv");
    like($r2->{err}, qr/nope\.csv: cannot open: No such file/, 'a missing file is named');
    $r2 = ev("$d/x3.csv", "$d/y3.csv", '--out', "$d/no/such/dir/f.csv");
    is($r2->{status}, 1, 'an unwritable --out: exit 1');
    like($r2->{err}, qr/f\.csv: cannot write/, 'and named');
    $r2 = amor('eval', 'quadratic', '--contexts', "$d/x3.csv");
    is($r2->{status}, 2, 'missing --solutions: exit 2');
    like($r2->{err}, qr/missing --solutions Y\.csv\nusage: amor eval/, 'with the usage');
    $r2 = amor('eval', 'nosuch', '--contexts', "$d/x3.csv", '--solutions', "$d/y3.csv");
    like($r2->{err}, qr/unknown problem 'nosuch' \(known: .*quadratic/, 'an unknown problem lists the known ones');
    $r2 = amor('eval', 'quadratic', '--set', 'dim=0', '--contexts', "$d/x3.csv", '--solutions', "$d/y3.csv");
    like($r2->{err}, qr/--set dim=0: parameter 'dim' of problem 'quadratic' must be in \[1, 4096\], got 0/,
         'an out-of-range --set value is named');
    $r2 = amor('eval', "$BUILD/fixtures/fx_good.so", '--contexts', "$d/x3.csv", '--solutions', "$d/y3.csv",
               '--gradient');
    like($r2->{err}, qr/problem 'fx_one' provides no gradient/, '--gradient on a problem without one');
    write_file("$d/x1.csv", "1\n2\n");
    write_file("$d/y1.csv", "0.5\n1\n");
    $r2 = amor('eval', "$BUILD/fixtures/fx_good.so", '--contexts', "$d/x1.csv", '--solutions', "$d/y1.csv");
    is($r2->{status}, 0, 'a problem given as a .so path') or diag($r2->{err});
    is($r2->{out}, "f\n0.125\n0.5\n", 'f = (y - x)^2 / 2 of the fixture');
}

# --- what is not a regular file is refused, not read without end ----------------
{
    my $r2 = ev('/dev/zero', "$d/y3.csv", '--out', "$d/z.csv");
    is($r2->{status}, 1, '--contexts /dev/zero: exit 1');
    is($r2->{err}, "amor eval: /dev/zero: not a regular file\n", '--contexts /dev/zero: refused as not a regular file');
    ok(!-e "$d/z.csv", '--contexts /dev/zero: no output file written');
    opendir(my $dh, $d);
    ok(!grep({ /^z\.csv/ } readdir $dh), '--contexts /dev/zero: no temporary output file either');
    $r2 = ev("$d/x3.csv", $d);
    is($r2->{err}, "amor eval: $d: not a regular file\n", '--solutions DIRECTORY: refused as not a regular file');
    # nobody writes to the FIFO: opening it must not wait for a writer
    POSIX::mkfifo("$d/fifo", 0600) or die "mkfifo $d/fifo: $!";
    my $h = amor_start('eval', 'quadratic', '--set', 'dim=3', '--contexts', "$d/x3.csv",
                       '--solutions', "$d/fifo", '--out', "$d/zf.csv");
    my $rf = amor_wait($h, 60);
    ok(!$rf->{killed}, '--solutions FIFO: refused at once, no wait for a writer');
    is($rf->{status}, 1, '--solutions FIFO: exit 1');
    is($rf->{err}, "amor eval: $d/fifo: not a regular file\n", '--solutions FIFO: refused as not a regular file');
    ok(!-e "$d/zf.csv", '--solutions FIFO: no output file written');
    # standard input ('-') is a pipe, and still read
    $r2 = amor_stdin("1,2,3\n4,5,6\n7,8,9\n", 'eval', 'quadratic', '--set', 'dim=3', '--contexts', '-',
                     '--solutions', "$d/y3.csv");
    my $r3 = ev("$d/x3.csv", "$d/y3.csv");
    is($r2->{status}, 0, '--contexts - reads a pipe on standard input') or diag($r2->{err});
    is($r2->{out}, $r3->{out}, 'and reads it as the file with the same text');
}

# --- the header rule: a first row is a header iff one of its fields is a name
# (neither blank nor a number of any kind: nan, inf, 1e999 are numbers) ---------
{
    # both files starting with a row holding nan or inf were read as headers:
    # two rows each gave one value, with no error
    write_file("$d/xn.csv", "nan,1,2\n3,4,5\n");
    write_file("$d/yn.csv", "1, Inf ,2\n3,4,5\n");
    write_file("$d/x2.csv", "1,2,3\n4,5,6\n");
    write_file("$d/y2.csv", "1,2,3\n4,5,6\n");
    my $r2 = ev("$d/xn.csv", "$d/yn.csv");
    is($r2->{status}, 1, 'a first row holding nan: exit 1');
    is($r2->{err}, "amor eval: $d/xn.csv:1: column 1: 'nan' is not a finite number\n",
       'a first row holding nan is data, refused at line 1, column 1');
    is($r2->{out}, '', 'a first row holding nan: nothing written');
    $r2 = ev("$d/x2.csv", "$d/yn.csv");
    is($r2->{err}, "amor eval: $d/yn.csv:1: column 2: 'Inf' is not a finite number\n",
       'a first row holding Inf is data, refused at line 1, column 2');
    write_file("$d/xo.csv", "1e999,-infinity,nan\n1,2,3\n");
    $r2 = ev("$d/xo.csv", "$d/y2.csv");
    is($r2->{err}, "amor eval: $d/xo.csv:1: column 1: '1e999' is not a finite number\n",
       'a first row of nothing but non-finite numbers is data too');
    write_file("$d/xe.csv", "1,,3\n4,5,6\n");
    $r2 = ev("$d/xe.csv", "$d/y2.csv");
    is($r2->{err}, "amor eval: $d/xe.csv:1: column 2: empty field\n",
       'a first row of numbers with an empty field is data: the empty field is refused');
    write_file("$d/xh.csv", "x1,,x3\n1,2,3\n4,5,6\n");
    $r2 = ev("$d/xh.csv", "$d/y2.csv");
    my $r3 = ev("$d/x2.csv", "$d/y2.csv");
    is($r2->{status}, 0, 'a header with a blank name beside a name is a header') or diag($r2->{err});
    is($r2->{out}, $r3->{out}, '... and the rows after it are the data');
}

# --- values that are not finite: written as inf, -inf, nan (never -nan), exit 0,
# a note on stderr naming the first such row ---------------------------------------
{
    my $fx = "$BUILD/fixtures/fx_overflow.so";  # f = cosh(1000 (y - x))
    write_file("$d/x0.csv", "y\n0\n0\n0\n0\n");
    write_file("$d/y0.csv", "0\n\n0.71\n1\n-1\n");
    my $r2 = amor('eval', $fx, '--contexts', "$d/x0.csv", '--solutions', "$d/y0.csv", '--gradient');
    is($r2->{status}, 0, 'an overflowing objective: exit 0 (it is the answer)') or diag($r2->{err});
    my @o = split /\n/, $r2->{out};
    my ($f710) = split /,/, $o[2] // '';
    ok(@o == 5 && $o[0] eq 'f,g1' && $o[1] eq '1,0' && $o[2] =~ /^[0-9.e+]+,inf$/ &&
       $o[3] eq 'inf,inf' && $o[4] eq 'inf,-inf',
       'an overflowing objective or gradient is written as inf / -inf') or diag($r2->{out});
    ok(close_rel($f710, exp(710 - log(2)), 1e-12), "cosh(710) = e^710 / 2 is finite ($f710), its gradient is not");
    is($r2->{err}, "amor eval: note: values that are not finite in 3 of 4 rows; the first: row 2 "
                   . "($d/x0.csv line 3, $d/y0.csv line 3), g1 = inf\n",
       'a note names how many rows, the first row with its input lines, and the value');
    write_file("$d/xq.csv", "1e200,1e200\n0,0\n");
    write_file("$d/yq.csv", "1e200,-1e200\n0,0\n");
    $r2 = amor('eval', 'quadratic', '--set', 'dim=2', '--set', 'cond=1', '--contexts', "$d/xq.csv",
               '--solutions', "$d/yq.csv", '--out', "$d/fq.csv");
    is($r2->{status}, 0, 'a NaN objective (inf - inf): exit 0') or diag($r2->{err});
    is(read_file("$d/fq.csv"), "f\nnan\n0\n", 'a NaN is written nan, whatever its sign bit');
    is($r2->{err}, "amor eval: note: values that are not finite in 1 of 2 rows; the first: row 1 "
                   . "($d/xq.csv line 1, $d/yq.csv line 1), f = nan\n",
       'the note with --out');
}

done_testing();
