#!/usr/bin/env perl
# End to end: scripts/vae.lua in quick mode, from an empty decoder cache
# (tutorial §7.1).  The VAE's held-out ELBO beats a stated threshold; the
# amortized encoder's normalized ELBO, recomputed here from runs.csv and
# solver.csv, lies in [-0.5, 0] while Adam from lambda = 0 starts at -1; the
# figures exist and gnuplot renders them again.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;
use Time::HiRes qw(time);

my $d = tmpdir();
my $t0 = time();
my $r = amor("run", "scripts/vae.lua", "--set", "quick=true", "--set", "cache_dir=$d/cache",
             "--out", "$d/out");
my $secs = time() - $t0;
is($r->{status}, 0, "vae.lua (quick) exits 0") or diag($r->{err});
diag(sprintf("vae.lua quick run, decoder trained from an empty cache: %.1f s", $secs));
my $o = "$d/out";

# --- the decoder -------------------------------------------------------------
my %dec;
if (open(my $fh, '<', "$o/decoder.txt")) {
    while (<$fh>) { $dec{$1} = $2 if /^(\w+): (.*)$/ }
    close $fh;
}
is($dec{cache}, 'trained', "the decoder was trained (the cache was empty)");
ok(-s ($dec{cache_file} // ''), "the decoder was cached") or diag("cache_file: " . ($dec{cache_file} // 'none'));
is($dec{test_images}, 10000, "held-out ELBO over the 10000 Fashion-MNIST test images");
# Quick VAE: 5000 training images, 2 epochs.  Measured held-out ELBO -302.8;
# a decoder that ignores z (independent Bernoulli pixels at the training
# mean) gets -385.1 and an untrained one about -543.  -320 leaves 17 nats
# of slack for other BLAS builds and still demands a decoder that uses its
# latent code (65 nats better than independent pixels).
my $THRESH = -320;
ok(defined $dec{heldout_elbo} && $dec{heldout_elbo} > $THRESH,
   "VAE held-out ELBO " . ($dec{heldout_elbo} // 'missing') . " > $THRESH");
ok(defined $dec{pixel_baseline_nll} && $dec{heldout_elbo} > -$dec{pixel_baseline_nll} + 50,
   "and beats independent pixels (" . (defined $dec{pixel_baseline_nll} ? -$dec{pixel_baseline_nll} : '?')
   . ") by more than 50 nats");

# --- the cells -----------------------------------------------------------------
my (undef, $rows) = read_csv("$o/runs.csv");
is(scalar @$rows, 2, "two cells: the amortized encoder and SAVAE");
my ($enc) = grep { $_->{model} eq 'mlp' } @$rows;
my ($sav) = grep { $_->{model} eq 'unroll_gd' } @$rows;
ok($enc && $enc->{status} eq 'ok', "encoder cell ok");
ok($sav && $sav->{status} eq 'ok', "SAVAE cell ok");

my (undef, $srows) = read_csv("$o/solver.csv");
my @adam = sort { $a->{iteration} <=> $b->{iteration} }
           grep { $enc && $_->{cell} eq $enc->{cell} && $_->{solver} eq 'adam' } @$srows;
ok(@adam > 10, "Adam's curve on the held-out images (" . scalar(@adam) . " rows)");
SKIP: {
    skip "no encoder cell or Adam curve", 6 unless $enc && @adam && $sav;
    is($adam[0]{iteration}, 0, "Adam's curve starts at iteration 0 (lambda = 0)");
    my $f0 = $adam[0]{objective_mean};
    my $fa = $adam[-1]{objective_mean};
    my $fe = $enc->{objective_mean};
    my $best = $fa < $fe ? $fa : $fe;
    my $norm = sub { -($_[0] - $best) / ($f0 - $best) };
    ok($f0 - $best > 100, sprintf("the prior lambda = 0 is far from the best (-ELBO %.1f vs %.1f)", $f0, $best));
    my $ne = $norm->($fe);
    ok($ne >= -0.5 && $ne <= 0, sprintf("normalized: the encoder is at %.3f, within [-0.5, 0]", $ne));
    ok($sav->{objective_mean} < $f0 - 100,
       sprintf("SAVAE improves on lambda = 0 (-ELBO %.1f vs %.1f)", $sav->{objective_mean}, $f0));
    # the figure carries the same normalization, recomputed here: Adam's
    # first point is (0, -1) and the encoder's line is at $ne
    my $gp = '';
    if (open(my $fh, '<', "$o/vae_iter.gp")) { local $/; $gp = <$fh>; close $fh }
    like($gp, qr/^\$\w*s1 << EOD\n(?:#[^\n]*\n)*0\s+-1\s/m, "vae_iter.gp: Adam's first point is (0, -1)");
    my ($line) = $gp =~ /^# reference 1: amortized encoder \(y = (\S+),/m;
    ok(defined $line && abs($line - $ne) < 1e-9,
       "vae_iter.gp: the encoder's line is at its normalized -ELBO (" . ($line // 'none') . ")");
}

# --- report and figures ----------------------------------------------------------
my $md = '';
if (open(my $fh, '<', "$o/vae.md")) { local $/; $md = <$fh>; close $fh }
like($md, qr/Held-out ELBO of the VAE/, "vae.md reports the decoder's held-out ELBO");
like($md, qr/to within delta \(runs\.csv adam_speedup_to_within_delta, delta = 0\.02/, "vae.md reports the speedup to within delta");
like($md, qr/whole budget, the tutorial's 25000x convention \(runs\.csv adam_speedup_budget: time of \d+ Adam iterations \/ encoder time\).*\*\*\d+x\*\*/,
     "vae.md reports the whole-budget (tutorial's) speedup");
like($md, qr/SAVAE \(unroll_gd, K = \d+\)/, "vae.md has the SAVAE row");
like($r->{out}, qr/whole budget, the tutorial/, "the report is printed too");

for my $fig (qw(vae_iter vae_time vae_samples)) {
    ok(-s "$o/$fig.gp" && -s "$o/$fig.png" && -s "$o/$fig.svg", "figure $fig: .gp, .png and .svg");
    my $st = system("gnuplot", "$o/$fig.gp");
    is($st, 0, "gnuplot $fig.gp exits 0");
}

done_testing();
