# warmstart_iters_training_lasso_nx_64_ny_128_lambda_0.1_noise_0.01_sparsity_0.1_method_ista.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# ---- panel 1 data
# series 1: mlp(hidden=256,256)/regression (7 points)
$p1_s1 << EOD
# x y
0 6.399217624871913
500 1.066337673011339
1000 0.9886439024092718
1500 0.9695926518809703
2000 0.9588052547584316
2500 0.9652374985692831
3000 0.9558572873692455
EOD
$p1_s1_band << EOD
# x ylo yhi
0 6.322653783389376 6.47578146635445
500 1.064870017033088 1.0678053289895901
1000 0.9847695574621627 0.992518247356381
1500 0.969060269011021 0.9701250347509197
2000 0.9469205593052381 0.9706899502116252
2500 0.9586323812861117 0.9718426158524546
3000 0.9436900574294134 0.9680245173090777
EOD
# series 2: lista(steps=16,init=dictionary)/regression (7 points)
$p1_s2 << EOD
# x y
0 0.24347067040524695
500 0.10902688660804087
1000 0.08008592975354921
1500 0.06873138242247807
2000 0.05041051066828511
2500 0.047343328819336256
3000 0.040125174114464146
EOD
$p1_s2_band << EOD
# x ylo yhi
0 0.24311578899547043 0.24382555181502347
500 0.10704507701241146 0.11100869620367028
1000 0.07981294324229189 0.08035891626480653
1500 0.06695779742765101 0.07050496741730514
2000 0.04956629497383032 0.0512547263627399
2500 0.04630610674077721 0.0483805508978953
3000 0.03873239462851708 0.0415179536004112
EOD

# ---- panel 2 data
# series 1: mlp(hidden=256,256)/regression (7 points)
$p2_s1 << EOD
# x y
0 7.354979742137533
500 2.02209979027696
1000 1.9444060196748922
1500 1.9253547691465935
2000 1.9145673720240532
2500 1.920999615834904
3000 1.9116194046348671
EOD
$p2_s1_band << EOD
# x ylo yhi
0 7.272266136556549 7.4376933477185165
500 2.017417682156764 2.026781898397156
1000 1.934381910629336 1.9544301287204484
1500 1.9197373879180966 1.9309721503750907
2000 1.9088324406693065 1.9203023033788
2500 1.9205442626501792 1.9214549690196288
3000 1.9056019387934826 1.9176368704762516
EOD
# series 2: lista(steps=16,init=dictionary)/regression (7 points)
$p2_s2 << EOD
# x y
0 1.199232787670867
500 1.0647890038736618
1000 1.0358480470191695
1500 1.0244934996880986
2000 1.0061726279339065
2500 1.0031054460849584
3000 0.9958872913800849
EOD
$p2_s2_band << EOD
# x ylo yhi
0 1.1927281421626443 1.20573743317909
500 1.0566574301795855 1.0729205775677382
1000 1.0299712694319798 1.0417248246063595
1500 1.0165701505948244 1.0324168487813727
2000 1.000867079529914 1.0114781763378993
2500 0.9959184599079521 1.0102924322619649
3000 0.9883447477956913 1.0034298349644786
EOD

# Where the images go: the directory of this script, taken from ARG0
# (gnuplot 5.4 sets it to the script path for `gnuplot file.gp`, `load`
# and `call`; when the script comes on stdin it is empty and the images go
# to the working directory).  amor renders with -e "amor_suffix='.tmp.HOST.PID'"
# and renames the files into place once gnuplot has succeeded.
if (!exists("amor_suffix")) { amor_suffix = '' }
amor_dir = ''
amor_i = strlen(ARG0)
while (amor_i > 0 && ARG0[amor_i:amor_i] ne '/') { amor_i = amor_i - 1 }
if (amor_i > 0) { amor_dir = ARG0[1:amor_i] }
amor_out(ext) = amor_dir . 'warmstart_iters_training_lasso_nx_64_ny_128_lambda_0.1_noise_0.01_sparsity_0.1_method_ista.' . ext . amor_suffix

# Style: Okabe-Ito palette, series k uses linetype k.
set encoding utf8
set linetype 1 lc rgb '#0072b2' lw 2 pt 7 ps 0.9 dt solid
set linetype 2 lc rgb '#d55e00' lw 2 pt 5 ps 0.9 dt solid
set linetype 3 lc rgb '#009e73' lw 2 pt 9 ps 0.9 dt solid
set linetype 4 lc rgb '#cc79a7' lw 2 pt 11 ps 0.9 dt solid
set linetype 5 lc rgb '#e69f00' lw 2 pt 13 ps 0.9 dt solid
set linetype 6 lc rgb '#56b4e9' lw 2 pt 15 ps 0.9 dt solid
set linetype 7 lc rgb '#882255' lw 2 pt 7 ps 0.9 dt solid
set linetype 8 lc rgb '#666666' lw 2 pt 5 ps 0.9 dt solid
set linetype cycle 8
set border 3 lw 1 lc rgb '#404040'
set tics nomirror out scale 0.6
set rmargin 4  # room for the last x tic label
set grid back lt 1 lw 1 lc rgb '#e4e4e4', lt 1 lw 1 lc rgb '#f2f2f2'
set key noreverse Right samplen 2.5 spacing 1.15
set style fill transparent solid 0.2 noborder

do for [amor_fmt in 'png svg'] {
    if (amor_fmt eq 'png') {
        set terminal pngcairo size 1500,574 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 1500,574 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    set multiplot title 'warmstart_iters: lasso(nx=64,ny=128,lambda=0.1,noise=0.01,sparsity=0.1,method=ista), training curves (mean of 2 seeds, 95% bootstrap band)' font ',13'

    # ---- panel 1
    set origin 0.00000, 0.07666; set size 0.50000, 0.85366
    unset object; unset arrow; unset logscale; set autoscale
    set title 'held-out gap f(yhat) - f(y*)'
    set xlabel 'training step'
    set ylabel 'gap (log scale)'
    set format x '% h'
    set logscale y; set format y '%g'
    set grid xtics ytics nomxtics mytics
    set key off
    plot $p1_s1_band using 1:2:3 with filledcurves lt 1 fs transparent solid 0.2 noborder notitle, \
         $p1_s2_band using 1:2:3 with filledcurves lt 2 fs transparent solid 0.2 noborder notitle, \
         $p1_s1 using 1:2 with lines lt 1 title 'mlp(hidden=256,256)/regression', \
         $p1_s2 using 1:2 with lines lt 2 title 'lista(steps=16,init=dictionary)/regression'

    # ---- panel 2
    set origin 0.50000, 0.07666; set size 0.50000, 0.85366
    unset object; unset arrow; unset logscale; set autoscale
    set title 'held-out objective f(yhat)'
    set xlabel 'training step'
    set ylabel 'objective (log scale)'
    set format x '% h'
    set logscale y; set format y '%g'
    set grid xtics ytics nomxtics mytics
    set key off
    plot $p2_s1_band using 1:2:3 with filledcurves lt 1 fs transparent solid 0.2 noborder notitle, \
         $p2_s2_band using 1:2:3 with filledcurves lt 2 fs transparent solid 0.2 noborder notitle, \
         $p2_s1 using 1:2 with lines lt 1 title 'mlp(hidden=256,256)/regression', \
         $p2_s2 using 1:2 with lines lt 2 title 'lista(steps=16,init=dictionary)/regression'

    # ---- the key of every panel, below them
    unset object; unset arrow; unset logscale; unset title; unset xlabel; unset ylabel
    unset border; unset tics; unset grid
    set origin 0, 0; set size 1, 0.07666
    set lmargin 0; set rmargin 0; set tmargin 0; set bmargin 0
    set xrange [0:1]; set yrange [0:1]
    set key inside center center horizontal Left reverse samplen 2.5 spacing 1.15 width 2 maxrows 1
    plot keyentry with lines lt 1 title 'mlp(hidden=256,256)/regression', \
         keyentry with lines lt 2 title 'lista(steps=16,init=dictionary)/regression', \
         NaN notitle
    set border 3 lw 1 lc rgb '#404040'; set tics; set tics nomirror out scale 0.6
    set lmargin -1; set tmargin -1; set bmargin -1; set rmargin 4
    set key noreverse Right samplen 2.5 spacing 1.15 width 0 maxrows auto
    unset multiplot
    unset output
}
