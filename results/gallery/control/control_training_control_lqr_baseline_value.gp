# control_training_control_lqr_baseline_value.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# ---- panel 1 data
# series 1: mlp(hidden=64,64,activation=relu)/regression (21 points)
$p1_s1 << EOD
# x y
0 31.91096752302621
1000 0.16017803395383926
2000 0.016878070847321083
3000 0.0015392778363379235
4000 0.0017259234088665566
5000 0.0008765664624000565
6000 0.0021732226201331742
7000 0.0012963984896087553
8000 0.0009498825781451999
9000 0.0013160785379857315
10000 0.0005893102765312648
11000 0.0016884002037293583
12000 0.0010902453167118296
13000 0.000974815740595588
14000 0.0018951368546977535
15000 0.0004943182713060139
16000 0.0005708732485982182
17000 0.0010265049984864234
18000 0.0018339196670690186
19000 0.0026199646244112955
20000 0.0012052867267486746
EOD
$p1_s1_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
# skipped row 2: ylo = nan is NaN
# skipped row 3: ylo = nan is NaN
# skipped row 4: ylo = nan is NaN
# skipped row 5: ylo = nan is NaN
# skipped row 6: ylo = nan is NaN
# skipped row 7: ylo = nan is NaN
# skipped row 8: ylo = nan is NaN
# skipped row 9: ylo = nan is NaN
# skipped row 10: ylo = nan is NaN
# skipped row 11: ylo = nan is NaN
# skipped row 12: ylo = nan is NaN
# skipped row 13: ylo = nan is NaN
# skipped row 14: ylo = nan is NaN
# skipped row 15: ylo = nan is NaN
# skipped row 16: ylo = nan is NaN
# skipped row 17: ylo = nan is NaN
# skipped row 18: ylo = nan is NaN
# skipped row 19: ylo = nan is NaN
# skipped row 20: ylo = nan is NaN
# skipped row 21: ylo = nan is NaN
EOD
# series 2: mlp(hidden=64,64,activation=relu)/objective (21 points)
$p1_s2 << EOD
# x y
0 31.03858209966277
1000 0.13537907170611463
2000 0.012312740760092566
3000 0.001558579048114666
4000 0.001084004351697871
5000 0.0005173822735837277
6000 0.0014285364934623103
7000 0.0005662531064077499
8000 0.000853376028359456
9000 0.0005530097371315606
10000 0.001608476715084336
11000 0.001255255184109089
12000 0.0025356632396295
13000 0.003317388957672364
14000 0.001824680992244147
15000 0.0009756937199472233
16000 0.005174365832681858
17000 0.0022733625235297835
18000 0.01000432606005424
19000 0.0019830300534250398
20000 0.001296478113229533
EOD
$p1_s2_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
# skipped row 2: ylo = nan is NaN
# skipped row 3: ylo = nan is NaN
# skipped row 4: ylo = nan is NaN
# skipped row 5: ylo = nan is NaN
# skipped row 6: ylo = nan is NaN
# skipped row 7: ylo = nan is NaN
# skipped row 8: ylo = nan is NaN
# skipped row 9: ylo = nan is NaN
# skipped row 10: ylo = nan is NaN
# skipped row 11: ylo = nan is NaN
# skipped row 12: ylo = nan is NaN
# skipped row 13: ylo = nan is NaN
# skipped row 14: ylo = nan is NaN
# skipped row 15: ylo = nan is NaN
# skipped row 16: ylo = nan is NaN
# skipped row 17: ylo = nan is NaN
# skipped row 18: ylo = nan is NaN
# skipped row 19: ylo = nan is NaN
# skipped row 20: ylo = nan is NaN
# skipped row 21: ylo = nan is NaN
EOD

# ---- panel 2 data
# series 1: mlp(hidden=64,64,activation=relu)/regression (21 points)
$p2_s1 << EOD
# x y
0 31.91096752302664
1000 0.16017803395426244
2000 0.016878070847744377
3000 0.0015392778367612151
4000 0.0017259234092898482
5000 0.0008765664628233481
6000 0.002173222620556466
7000 0.0012963984900320469
8000 0.0009498825785684915
9000 0.0013160785384090231
10000 0.0005893102769545564
11000 0.00168840020415265
12000 0.0010902453171351212
13000 0.0009748157410188796
14000 0.0018951368551210451
15000 0.0004943182717293055
16000 0.0005708732490215099
17000 0.001026504998909715
18000 0.0018339196674923102
19000 0.002619964624834587
20000 0.0012052867271719664
EOD
$p2_s1_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
# skipped row 2: ylo = nan is NaN
# skipped row 3: ylo = nan is NaN
# skipped row 4: ylo = nan is NaN
# skipped row 5: ylo = nan is NaN
# skipped row 6: ylo = nan is NaN
# skipped row 7: ylo = nan is NaN
# skipped row 8: ylo = nan is NaN
# skipped row 9: ylo = nan is NaN
# skipped row 10: ylo = nan is NaN
# skipped row 11: ylo = nan is NaN
# skipped row 12: ylo = nan is NaN
# skipped row 13: ylo = nan is NaN
# skipped row 14: ylo = nan is NaN
# skipped row 15: ylo = nan is NaN
# skipped row 16: ylo = nan is NaN
# skipped row 17: ylo = nan is NaN
# skipped row 18: ylo = nan is NaN
# skipped row 19: ylo = nan is NaN
# skipped row 20: ylo = nan is NaN
# skipped row 21: ylo = nan is NaN
EOD
# series 2: mlp(hidden=64,64,activation=relu)/objective (21 points)
$p2_s2 << EOD
# x y
0 31.038582099663184
1000 0.13537907170653796
2000 0.012312740760515858
3000 0.0015585790485379575
4000 0.0010840043521211627
5000 0.0005173822740070193
6000 0.001428536493885602
7000 0.0005662531068310415
8000 0.0008533760287827477
9000 0.0005530097375548522
10000 0.001608476715507628
11000 0.0012552551845323805
12000 0.0025356632400527915
13000 0.0033173889580956554
14000 0.0018246809926674387
15000 0.0009756937203705149
16000 0.005174365833105149
17000 0.002273362523953075
18000 0.010004326060477532
19000 0.0019830300538483314
20000 0.0012964781136528246
EOD
$p2_s2_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
# skipped row 2: ylo = nan is NaN
# skipped row 3: ylo = nan is NaN
# skipped row 4: ylo = nan is NaN
# skipped row 5: ylo = nan is NaN
# skipped row 6: ylo = nan is NaN
# skipped row 7: ylo = nan is NaN
# skipped row 8: ylo = nan is NaN
# skipped row 9: ylo = nan is NaN
# skipped row 10: ylo = nan is NaN
# skipped row 11: ylo = nan is NaN
# skipped row 12: ylo = nan is NaN
# skipped row 13: ylo = nan is NaN
# skipped row 14: ylo = nan is NaN
# skipped row 15: ylo = nan is NaN
# skipped row 16: ylo = nan is NaN
# skipped row 17: ylo = nan is NaN
# skipped row 18: ylo = nan is NaN
# skipped row 19: ylo = nan is NaN
# skipped row 20: ylo = nan is NaN
# skipped row 21: ylo = nan is NaN
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
amor_out(ext) = amor_dir . 'control_training_control_lqr_baseline_value.' . ext . amor_suffix

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
    set multiplot title 'control: control_lqr(baseline=value), training curves (1 seed)' font ',13'

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
    plot $p1_s1 using 1:2 with lines lt 1 title 'mlp(hidden=64,64,activation=relu)/regression', \
         $p1_s2 using 1:2 with lines lt 2 title 'mlp(hidden=64,64,activation=relu)/objective'

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
    plot $p2_s1 using 1:2 with lines lt 1 title 'mlp(hidden=64,64,activation=relu)/regression', \
         $p2_s2 using 1:2 with lines lt 2 title 'mlp(hidden=64,64,activation=relu)/objective'

    # ---- the key of every panel, below them
    unset object; unset arrow; unset logscale; unset title; unset xlabel; unset ylabel
    unset border; unset tics; unset grid
    set origin 0, 0; set size 1, 0.07666
    set lmargin 0; set rmargin 0; set tmargin 0; set bmargin 0
    set xrange [0:1]; set yrange [0:1]
    set key inside center center horizontal Left reverse samplen 2.5 spacing 1.15 width 2 maxrows 1
    plot keyentry with lines lt 1 title 'mlp(hidden=64,64,activation=relu)/regression', \
         keyentry with lines lt 2 title 'mlp(hidden=64,64,activation=relu)/objective', \
         NaN notitle
    set border 3 lw 1 lc rgb '#404040'; set tics; set tics nomirror out scale 0.6
    set lmargin -1; set tmargin -1; set bmargin -1; set rmargin 4
    set key noreverse Right samplen 2.5 spacing 1.15 width 0 maxrows auto
    unset multiplot
    unset output
}
