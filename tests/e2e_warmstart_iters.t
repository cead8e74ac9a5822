#!/usr/bin/env perl
# End to end: scripts/warmstart_iters.lua (quick) -- sparse coding on lasso
# with its generating code as private task data.  Checks that every cell
# runs; that models see only the signal (the MLP's parameter count); that
# Anderson acceleration reaches residual 1e-8 in fewer iterations than plain
# ISTA (issue 13); that LISTA's prediction saves ISTA iterations; the NMSE
# curves' known structure (FISTA's first two steps are ISTA's, FISTA ahead
# of ISTA at K = 16, trained LISTA ahead of both at every K); that the
# table's dB are 10 log10 of runs.csv's validation_mean; and the figures.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

my $d = tmpdir();
my $out = "$d/out";
my $r = amor("run", "scripts/warmstart_iters.lua", "--set", "quick=true", "--out", $out);
is($r->{status}, 0, "warmstart_iters (quick) exits 0") or diag($r->{err});
like($r->{out}, qr/18 cells, 0 failed/, "18 cells, none failed");

my ($h, $rows) = read_csv("$out/runs.csv");
is(scalar(grep { $_->{status} eq 'ok' } @$rows), 18, "every cell ok");
my %it = map { ($_->{model} => $_) } grep { $_->{experiment} eq 'warmstart_iters' } @$rows;
# mlp 16 -> 256 -> 256 -> 32 on the 16 visible entries of the 48 of a context
is($it{mlp}{num_params}, 16 * 256 + 256 + 256 * 256 + 256 + 256 * 32 + 32,
   "the MLP sees the signal only (16 of the 48 entries of a lasso context)");
for my $m (qw(mlp lista)) {
    my $row = $it{$m};
    cmp_ok($row->{'tol_1e-08_anderson_cold_iters_mean'}, '<', $row->{'tol_1e-08_cold_iters_mean'},
           "$m cell: Anderson reaches 1e-8 in fewer iterations than plain ISTA from zero "
           . "($row->{'tol_1e-08_anderson_cold_iters_mean'} < $row->{'tol_1e-08_cold_iters_mean'})");
    is($row->{'tol_1e-08_anderson_cold_unconverged'}, 0, "$m cell: Anderson converges on every context");
}
is($it{mlp}{'tol_0.0001_cold_iters_mean'},
   $it{lista}{'tol_0.0001_cold_iters_mean'}, "the cold start is the same for both models (same contexts)");
cmp_ok($it{lista}{'tol_0.0001_ratio'}, '>', 1, "LISTA's prediction saves ISTA iterations to 1e-4 "
       . "(ratio $it{lista}{'tol_0.0001_ratio'})");

# NMSE (dB) by series and K
my (%ista, %fista, %lista);
for my $row (@$rows) {
    next unless $row->{experiment} =~ /^sparse_nmse/ && $row->{model} ne 'psd';
    my $db = 10 * log($row->{validation_mean}) / log(10);
    my $K = $row->{'model.steps'};
    if ($row->{experiment} eq 'sparse_nmse') { $lista{$K} = $db }
    elsif ($row->{model} eq 'lista') { $ista{$K} = $db }
    else { $fista{$K} = $db }
}
is_deeply([sort { $a <=> $b } keys %ista], [1, 2, 4, 8, 16], "ISTA at K = 1, 2, 4, 8, 16");
for my $K (1, 2) {
    ok(abs($ista{$K} - $fista{$K}) < 1e-9, "K = $K: FISTA's first steps are ISTA's ($fista{$K} dB)");
}
cmp_ok($fista{16}, '<', $ista{16} - 1, "K = 16: FISTA ($fista{16} dB) well ahead of ISTA ($ista{16} dB)");
for my $K (1, 2, 4, 8, 16) {
    cmp_ok($lista{$K}, '<', $fista{$K}, "K = $K: trained LISTA ($lista{$K} dB) ahead of FISTA and ISTA");
}
cmp_ok($ista{16}, '<', $ista{1}, "ISTA's NMSE falls from K = 1 to K = 16");

my $md = read_file("$out/warmstart_iters.md");
like($md, qr/^\| 16 \| \Q@{[sprintf "%.2f", $ista{16}]}\E \| \Q@{[sprintf "%.2f", $fista{16}]}\E \| \Q@{[sprintf "%.2f", $lista{16}]}\E \| -?\d+\.\d\d \|$/m,
     "warmstart_iters.md: the K = 16 row has the runs' NMSE in dB");
like($md, qr/^\| lista \| 1e-08 \| /m, "warmstart_iters.md: the iterations table");
for my $f ("sparse_nmse.png", "sparse_nmse.gp") { ok(-s "$out/$f", "$f written") }
my @res = glob("$out/warmstart_iters_residual_lasso*.png");
is(scalar @res, 1, "the host's residual figure for lasso");
done_testing();
