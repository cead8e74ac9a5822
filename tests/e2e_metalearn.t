#!/usr/bin/env perl
# End to end: scripts/metalearn.lua (quick) -- meta-learning on few-shot sine
# regression (issue 14).  Checks that every training cell runs; that the
# evaluation cells start from the trained theta (train.init_from) on 100
# query points while training used 5 (the checkpoint's width is the visible
# support set); that the table's numbers are the evaluation cells' per-iterate
# query MSE with 95 % intervals; that adaptation helps where it must (MAML
# with 5 inner steps, the HyperNetwork refined by gradient steps); that the
# only failures are 10-step evaluations of learned step sizes trained for 1
# (reported as "diverged" in the table); the iMAML figure's implicit and
# unrolled meta-gradients agreeing once the inner problem is solved; and the
# figures.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

my $d = tmpdir();
my $out = "$d/out";
my $r = amor("run", "scripts/metalearn.lua", "--set", "quick=true", "--out", $out, "-j", "2");
my ($h, $rows) = read_csv("$out/runs.csv");
my @bad = grep { $_->{status} ne 'ok' } @$rows;
ok(!(grep { $_->{status} ne 'diverged' || ($_->{'eval.model.steps'} // '') ne '10' } @bad),
   "every cell ok but 10-step evaluations that diverged (" . scalar(@bad) . " of them)")
    or diag(join("\n", map { "$_->{cell}: $_->{status} $_->{error}" } @bad));
is($r->{status}, @bad ? 1 : 0, "exit status: 0 only when every cell is ok") or diag($r->{err});

my @train = grep { $_->{experiment} =~ /^metalearn_train_/ } @$rows;
is(scalar(@train), 7, "seven models trained at 5 shots");
is(scalar(grep { $_->{status} eq 'ok' && $_->{'problem.queries'} eq '5' } @train), 7,
   "... each ok, on tasks with 5 query points");
ok(!(grep { !($_->{peak_rss_mib} > 1) } @train), "each training cell reports its peak memory");

my @ev = grep { $_->{experiment} eq 'metalearn' && $_->{status} eq 'ok' } @$rows;
ok(@ev >= 7, "evaluation cells ran (" . scalar(@ev) . ")");
ok(!(grep { $_->{'problem.queries'} ne '100' || $_->{train_steps} != 0 || $_->{eval_contexts} != 600 } @ev),
   "evaluation cells: 600 held-out tasks of 100 query points, no training (init_from)");
my ($maml5) = grep { $_->{cell} =~ m{/unroll_gd\([^)]*steps=5[,)]} && $_->{'eval.model.steps'} eq '10' } @ev;
ok($maml5, "MAML K = 5 evaluated with 10 inner steps");
cmp_ok($maml5->{iter1_validation_mean}, '<', $maml5->{iter0_validation_mean},
       "MAML K = 5: one inner step lowers the query MSE ($maml5->{iter0_validation_mean} -> $maml5->{iter1_validation_mean})");
is($maml5->{iter10_validation_mean}, $maml5->{validation_mean}, "iterate 10 is the evaluation's final prediction");
my ($hyper) = grep { $_->{model} eq 'warmstart' && ($_->{'eval.model.steps'} // '') eq '' } @ev;
cmp_ok($hyper->{iter10_validation_mean}, '<', $hyper->{iter0_validation_mean},
       "HyperNetwork: 10 gradient steps on the support set improve its prediction "
       . "($hyper->{iter0_validation_mean} -> $hyper->{iter10_validation_mean})");

# the table is made of those numbers: mean and 1.96 std / sqrt(600)
open(my $fh, '<', "$out/metalearn.md") or die "metalearn.md: $!";
my $md = do { local $/; <$fh> };
my $want = sprintf("%.3f ± %.3f", $maml5->{iter1_validation_mean},
                   1.96 * $maml5->{iter1_validation_std} / sqrt(600));
like($md, qr/\| MAML, K = 5 \| [^|]+ \| \Q$want\E \|/, "metalearn.md: MAML K = 5 after 1 step is $want");
for my $m ('HyperNetwork (+ GD)', 'MAML, K = 1', 'first-order MAML, K = 1', 'Meta-SGD, K = 1',
           'learned optimizer, K = 1') {
    like($md, qr/\| \Q$m\E \| \d+\.\d{3} ± \d+\.\d{3} \| \d+\.\d{3} ± \d+\.\d{3} \| (?:\d+\.\d{3} ± \d+\.\d{3}|diverged) \|/,
         "metalearn.md: a row for $m with 0, 1 and 10 steps");
}
like($md, qr/\| iMAML[^|]*\| \d+\.\d{3} ± \d+\.\d{3} \| \d+\.\d{3} ± \d+\.\d{3} \| \d+\.\d{3} ± \d+\.\d{3} \|/,
     "metalearn.md: a row for iMAML");
like($md, qr/\| 5 \| \d+\.\d{3} ± \d+\.\d{3} \| \d+\.\d{3} ± \d+\.\d{3} \| 1\.13 ± 0\.18 \| 0\.90 ± 0\.16 \|/,
     "metalearn.md: Meta-SGD's Table 1 beside ours");

# iMAML sketch: on the double well, once the inner problem is solved (K = 300
# steps) the implicit meta-gradient lambda / (f'' + lambda) equals the
# unrolled one
for my $lam (1, 4) {
    my ($u, $i) = $r->{out} =~ /IMAML lambda=$lam K=300 unrolled=(\S+) implicit=(\S+)/;
    ok(defined $u && abs($u - $i) < 1e-7 * abs($i),
       "iMAML figure, lambda = $lam: implicit = unrolled at K = 300 (" . ($u // '?') . " vs " . ($i // '?') . ")");
}
for my $stem (qw(metalearn_adapt metalearn_imaml)) {
    ok(-s "$out/$stem.png" && -s "$out/$stem.svg" && -s "$out/$stem.gp", "$stem: .png, .svg and .gp");
}
like(slurp_file("$out/metalearn_adapt.gp"), qr/true sine.*support points/s,
     "adaptation figure: the true sine and the support points");
done_testing();

sub slurp_file { local (@ARGV, $/) = @_; return <> }
