#!/usr/bin/env perl
# End to end: `make install PREFIX=<temporary prefix>`; the installed amor
# finds its installed plugins relative to its own location; the out-of-tree
# template (installed under share/amor/template) builds with `pkg-config
# --cflags amor` against the installed header only, passes the installed
# `amor check`, and runs in an experiment through the installed `amor run`
# (by path, by AMOR_PLUGIN_PATH, and installed into the plugin directory);
# the man page lands in share/man/man1, where man finds it; `make uninstall`
# removes exactly what install put there.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;
use Cwd qw(getcwd);
use File::Find;

# run a command, capturing output: { out, status }
sub run {
    my (%o) = @_;
    my $cmd = $o{cmd};
    local %ENV = (%ENV, %{ $o{env} || {} });
    delete @ENV{qw(MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES)};  # not the outer make's jobserver
    my $dir = $o{dir} // '.';
    my $out = `cd '$dir' && $cmd 2>&1`;
    return { out => $out, status => $? >> 8 };
}

sub files_under {
    my ($root) = @_;
    my @f;
    find({ wanted => sub { push @f, $File::Find::name if -f $_ || -l $_ }, no_chdir => 1 }, $root);
    return sort map { substr($_, length($root) + 1) } @f;
}

my $repo = getcwd();
my $t = tmpdir();
my $prefix = "$t/prefix";
my $pc = { PKG_CONFIG_PATH => "$prefix/lib/pkgconfig" };
delete $ENV{AMOR_PLUGIN_PATH};

# under `make test SAN=1`, the sanitized build (build-san/) is the one installed
my $san = $ENV{AMOR_SAN} ? ' SAN=1' : '';
my $r = run(cmd => "make -s install PREFIX='$prefix'$san");
is($r->{status}, 0, 'make install PREFIX=<tmp> succeeds') or diag($r->{out});

my @shipped = map { (split ' ')[1] } grep { /\S/ } split /\n/, amor('list')->{out};
my @files = files_under($prefix);
my %have = map { $_ => 1 } @files;
ok(-x "$prefix/bin/amor", 'bin/amor, executable');
ok($have{'include/amor.h'}, 'include/amor.h');
ok($have{'lib/pkgconfig/amor.pc'}, 'lib/pkgconfig/amor.pc');
my @plug = grep { m{^lib/amor/plugins/(problems|models|losses)/\w+\.so$} } @files;
is(scalar @plug, scalar @shipped, 'every plugin under lib/amor/plugins/<kind>/ (' . scalar(@plug) . ')');
ok($have{'share/amor/scripts/quickstart.lua'}, 'the Lua scripts under share/amor/scripts/');
ok($have{'share/amor/template/Makefile'} && $have{'share/amor/template/myproblem.c'}
   && $have{'share/amor/template/myproblem_cxx.cc'} && $have{'share/amor/template/README.md'},
   'the plugin template (C and C++) under share/amor/template/');
is(system('cmp', '-s', 'include/amor.h', "$prefix/include/amor.h"), 0, 'the installed header is include/amor.h');
ok($have{'share/man/man1/amor.1'}, 'the man page as share/man/man1/amor.1');
is(system('cmp', '-s', 'docs/amor.1', "$prefix/share/man/man1/amor.1"), 0, 'the installed man page is docs/amor.1');
like(read_file("$prefix/lib/amor/install-manifest"), qr{^share/man/man1/amor\.1$}m,
     'the manifest lists it, so uninstall removes it');
SKIP: {
    skip 'man (man-db) not installed', 1 unless system('sh', '-c', 'command -v man >/dev/null 2>&1') == 0;
    # MANPATH alone: man searches <prefix>/share/man as it does a prefix on its path
    $r = run(cmd => 'man -w amor', env => { MANPATH => "$prefix/share/man" });
    is($r->{out}, "$prefix/share/man/man1/amor.1\n", 'man -w amor finds it under <prefix>/share/man');
}

# the installed amor, run from elsewhere, finds the installed plugins
$r = run(cmd => "'$prefix/bin/amor' list", dir => $t);
is($r->{status}, 0, 'installed amor list exits 0');
my @listed = map { (split ' ')[1] } grep { /\S/ } split /\n/, $r->{out};
is_deeply([sort @listed], [sort @shipped], 'and lists the installed plugins (<bindir>/../lib/amor/plugins)');
$r = run(cmd => "'$prefix/bin/amor' describe quadratic", dir => $t);
like($r->{out}, qr{\Q$prefix\E/bin/\.\./lib/amor/plugins/problems/quadratic\.so|\Q$prefix\E/lib/amor/plugins/problems/quadratic\.so},
     'describe shows the installed file');
$r = run(cmd => "'$prefix/bin/amor' check rosenbrock", dir => $t);
is($r->{status}, 0, 'installed amor check of an installed plugin passes') or diag($r->{out});

# pkg-config
$r = run(cmd => 'pkg-config --cflags amor', env => $pc);
like($r->{out}, qr/^-I\Q$prefix\E\/include\s*$/, 'pkg-config --cflags amor: -I<prefix>/include');
$r = run(cmd => 'pkg-config --modversion amor', env => $pc);
like($r->{out}, qr/^\d+\.\d+\.\d+$/, 'pkg-config --modversion amor');
(my $modver = $r->{out}) =~ s/\s+//g;
my $ver = run(cmd => "'$prefix/bin/amor' --version")->{out};
like($ver, qr/^amor \Q$modver\E /, 'the same version as amor --version');
$r = run(cmd => 'pkg-config --variable=plugindir amor', env => $pc);
is($r->{out}, "$prefix/lib/amor/plugins\n", 'plugindir variable');
$r = run(cmd => 'pkg-config --variable=abi_version amor', env => $pc);
(my $abi = $r->{out}) =~ s/\s+//g;
like($ver, qr/plugin ABI \Q$abi\E\./, 'abi_version variable matches the host ABI');

# the template, out of tree, against the installed copy only
my $work = "$t/myplugin";
system('cp', '-r', "$prefix/share/amor/template", $work) == 0 or die "cp: $!";
$r = run(cmd => 'make', dir => $work, env => $pc);
is($r->{status}, 0, 'the template builds with pkg-config --cflags amor') or diag($r->{out});
like($r->{out}, qr/-I\Q$prefix\E\/include/, 'against the installed header');
unlike($r->{out}, qr/\Q$repo\E|harness/, 'not the source tree');
ok(-f "$work/myproblem.so", 'myproblem.so built');
$r = run(cmd => "make check AMOR='$prefix/bin/amor'", dir => $work, env => $pc);
is($r->{status}, 0, 'the installed amor check passes the template') or diag($r->{out});
my $nok = () = $r->{out} =~ /^ok \d+ - myproblem: (?!.*# SKIP)/mg;
cmp_ok($nok, '>=', 18, "with $nok checks run (gradient, hvp, solver among them)");
like($r->{out}, qr/^ok \d+ - myproblem: gradient matches finite differences of value/m, 'the gradient check ran');
like($r->{out}, qr/^ok \d+ - myproblem: solve: no descent direction at y\*/m, 'the solver check ran');

# its fixed random data: drawn at create from the seed parameter
write_file("$work/x.csv", "1,-2,0.5,3\n");
write_file("$work/y.csv", "0.3,-1,0.2,1.5\n");
my %f;
for my $seed (0, 0, 5) {
    $r = run(cmd => "'$prefix/bin/amor' eval ./myproblem.so --contexts x.csv --solutions y.csv --set seed=$seed",
             dir => $work);
    is($r->{status}, 0, "amor eval of the template with seed=$seed") or diag($r->{out});
    push @{ $f{$seed} }, $r->{out};
}
is($f{0}[0], $f{0}[1], 'the same seed gives the same problem');
isnt($f{0}[0], $f{5}[0], 'another seed, other fixed weights');
like(read_file("$work/myproblem.c"), qr/\[P_DIM\] = \{\.name = "dim", \.type = AMOR_PARAM_INT/,
     'its parameters are declared with designated initializers');

# the C++ example: built with the C++ compiler against the same header
SKIP: {
    skip 'no C++ compiler', 3 unless system('sh', '-c', 'command -v c++ >/dev/null 2>&1') == 0;
    $r = run(cmd => 'make cxx', dir => $work, env => $pc);
    is($r->{status}, 0, 'the C++ example builds (make cxx)') or diag($r->{out});
    like($r->{out}, qr/-std=c\+\+11 .*-I\Q$prefix\E\/include/, 'as C++11 against the installed header');
    $r = run(cmd => "make check-cxx AMOR='$prefix/bin/amor'", dir => $work, env => $pc);
    is($r->{status}, 0, 'and passes amor check') or diag($r->{out});
}

write_file("$work/run.lua", <<'LUA');
experiment {
  name = "tpl",
  problems = {{"./myproblem.so", dim = 3, lambda = 0.5}},
  models = {"linear"},
  losses = {"objective", "regression"},
  train = {steps = 150, batch = 32, lr = 1e-2},
  eval = {contexts = 64},
  solver = {iterations = 40},
}
LUA
$r = run(cmd => "'$prefix/bin/amor' run run.lua --out out", dir => $work);
is($r->{status}, 0, 'an experiment naming the plugin by path runs through the installed amor') or diag($r->{out});
my (undef, $rows) = read_csv("$work/out/runs.csv");
is(scalar @$rows, 2, 'two cells');
ok(!grep({ $_->{status} ne 'ok' || $_->{problem} ne 'myproblem' } @$rows), 'both ok, on myproblem');
ok(!grep({ !($_->{gap_mean} < $_->{initial_gap_mean}) } @$rows), 'and training reduced the gap')
    if @$rows && exists $rows->[0]{initial_gap_mean};

$r = run(cmd => "'$prefix/bin/amor' describe myproblem", dir => $t, env => { AMOR_PLUGIN_PATH => $work });
like($r->{out}, qr/problem myproblem .*\n.*\n.*lambda\s+real\s+default 1/s, 'found by name through AMOR_PLUGIN_PATH');

# installed next to the shipped plugins (the template's make install)
$r = run(cmd => 'make -s install', dir => $work, env => $pc);
is($r->{status}, 0, 'the template installs into the plugin directory') or diag($r->{out});
ok(-f "$prefix/lib/amor/plugins/problems/myproblem.so", 'as lib/amor/plugins/problems/myproblem.so');
$r = run(cmd => "'$prefix/bin/amor' list problems", dir => $t);
like($r->{out}, qr/^problem\s+myproblem\s/m, 'the installed amor finds it by name');

# uninstall: exactly what install put there
$r = run(cmd => "make -s uninstall PREFIX='$prefix'$san");
is($r->{status}, 0, 'make uninstall succeeds') or diag($r->{out});
is_deeply([files_under($prefix)], ['lib/amor/plugins/problems/myproblem.so'],
          'it removed every file it installed, and left the plugin installed by hand');
ok(!-e "$prefix/share/man/man1/amor.1", 'the man page among them');
unlink "$prefix/lib/amor/plugins/problems/myproblem.so";
$r = run(cmd => "make -s uninstall PREFIX='$prefix'$san");
is($r->{status}, 0, 'a second uninstall is harmless');
is_deeply([files_under($prefix)], [], 'the prefix holds no files');
ok(!-d "$prefix/lib/amor" && !-d "$prefix/share/amor", "amor's own directories are gone");

# staged install (DESTDIR): amor.pc names the final prefix
my $stage = "$t/stage";
$r = run(cmd => "make -s install DESTDIR='$stage' PREFIX=/opt/amor$san");
is($r->{status}, 0, 'make install DESTDIR=... PREFIX=/opt/amor') or diag($r->{out});
ok(-x "$stage/opt/amor/bin/amor", 'files land under DESTDIR');
my $pcfile = do { local (@ARGV, $/) = "$stage/opt/amor/lib/pkgconfig/amor.pc"; <> } // '';
like($pcfile, qr/^prefix=\/opt\/amor$/m, 'amor.pc records the final prefix');
$r = run(cmd => "make -s uninstall DESTDIR='$stage' PREFIX=/opt/amor$san");
is_deeply([files_under($stage)], [], 'and uninstall with the same DESTDIR empties it');

done_testing();
