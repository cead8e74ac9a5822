#!/usr/bin/env perl
# amor describe: warns, as amor list does, about a file on the plugin path
# that the scan skipped because an earlier file provides the same name (the
# shadowed file's plugin is not the one described); prints numeric ranges
# in the shortest text that reads back exactly, the plugin's ABI version,
# what a problem provides and what a model or loss needs (needs_for with the
# default parameter values).
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;
use File::Copy qw(copy);
use Cwd qw(abs_path);

my $d = tmpdir();
my $shipped = abs_path("$BUILD/plugins/problems/quadratic.so");
copy($shipped, "$d/quadratic.so") or die "copy: $!";
my $warning = "amor: warning: skipped $d/quadratic.so: problem 'quadratic' is already provided "
            . "by $shipped\n";

my $r = amor("describe", "quadratic");
is($r->{status}, 0, "describe quadratic exits 0");
is($r->{err}, '', "nothing shadows it: no warning");
{
    local $ENV{AMOR_PLUGIN_PATH} = $d;
    $r = amor("describe", "quadratic");
    is($r->{status}, 0, "with a copy on AMOR_PLUGIN_PATH: exits 0");
    is($r->{err}, $warning, "and warns that the copy is shadowed, naming both files");
    like($r->{out}, qr/^problem quadratic \(version 1\.0, ABI 1\.\d+, \Q$shipped\E\)$/m,
         "it describes the first file's plugin");
    my $l = amor("list", "problems");
    is($l->{err}, $warning, "amor list gives the same warning");
}

$r = amor("describe", "vae");
like($r->{out}, qr/^  decoder_seed\s+int\s+default 1\s+range \[0, 2147483647\]$/m,
     "an int range in full: [0, 2147483647] (not 2.14748e+09)");
like($r->{out}, qr/^  train_images\s+int\s+default 0\s+range \[0, 1e\+09\]$/m,
     "1e+09 where that is shorter than the digits");
like($r->{out}, qr/^  heldout\s+string\s+default "test"\s+one of test\|train$/m,
     "vae: the held-out choice");
like($r->{out}, qr/^  provides: value, gradient, hvp, aux view, splits \(train, held-out\)$/m,
     "vae provides its splits");
$r = amor("describe", "control_lqr");
like($r->{out}, qr/^  r\s+real\s+default 0\.1\s+range \[1e-06, 1e\+06\]$/m,
     "a real range: [1e-06, 1e+06]");
$r = amor("describe", "mlp");
like($r->{out}, qr/^  box_lo\s+real\s+default -1\s+range \[-1\.7976931348623157e\+308, 1\.7976931348623157e\+308\]$/m,
     "the largest doubles exactly (not 1.79769e+308, which is not a double's text)");
like($r->{out}, qr/^  needs: nothing$/m, "a fully amortized model needs nothing");
$r = amor("describe", "regression");
like($r->{out}, qr/^  needs: y\*$/m, "the regression loss needs y*");
$r = amor("describe", "unroll_gd");
like($r->{out}, qr/^  needs: gradient/m, "unroll_gd needs gradients");
# needs_for: what the default parameter values need (lista's init =
# dictionary), not the descriptor's 1.0 `needs`
$r = amor("describe", "lista");
like($r->{out}, qr/^  needs: dictionary \(with the defaults; parameters may change it\)$/m,
     "lista: needs the dictionary with the defaults");
$r = amor("describe", "objective");
like($r->{out}, qr/^  needs: gradient \(with the defaults; parameters may change it\)$/m,
     "objective: the gradient with on = train, the default");

done_testing();
