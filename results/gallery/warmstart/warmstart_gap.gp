# warmstart_gap.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# ---- panel 1 data
# series 1: warmstart (MLP + K GD steps at inference) (4 points)
$p1_s1 << EOD
# x y
0 0.32329821983590956
1 0.1891432939624773
5 0.052164496573379994
10 0.014323933961179305
EOD
$p1_s1_band << EOD
# x ylo yhi
0 0.3184652102098364 0.3328983715328006
1 0.18578220779580962 0.19365255239162965
5 0.049919639100386944 0.05610916706610504
10 0.01316530131660685 0.015831175497517152
EOD
# series 2: unroll_gd, fixed steps (trained through them) (4 points)
$p1_s2 << EOD
# x y
0 0.32329821983590956
1 0.18526468475275562
5 0.04701482912454072
10 0.011246377001302635
EOD
$p1_s2_band << EOD
# x ylo yhi
0 0.3184652102098364 0.3328983715328006
1 0.18395357932290116 0.1872117232743906
5 0.045385577687734935 0.050116105136964885
10 0.011147489902707995 0.011297156731763177
EOD
# series 3: unroll_gd, learned steps (4 points)
$p1_s3 << EOD
# x y
0 0.32329821983590956
1 0.1168712141844851
5 0.012424335901305969
10 0.0027603187858808195
EOD
$p1_s3_band << EOD
# x ylo yhi
0 0.3184652102098364 0.3328983715328006
1 0.11431623459754608 0.11897702237201055
5 0.011938326388345702 0.012739791583935428
10 0.001418616877155951 0.0048842028525441705
EOD

# ---- panel 2 data
# series 1: warmstart (MLP + K GD steps at inference) (4 points)
$p2_s1 << EOD
# x y
0 0.0007692502972385646
1 0.001186908042667987
5 0.0005006244068265284
10 0.0004717306794583204
EOD
$p2_s1_band << EOD
# x ylo yhi
0 0.0004146295079468659 0.0013015328586306017
1 0.0009095810660863103 0.0014873748340123655
5 0.00020292709145989607 0.0007792332360133812
10 0.0002510873752942022 0.0008053308493711145
EOD
# series 2: unroll_gd, fixed steps (trained through them) (4 points)
$p2_s2 << EOD
# x y
0 0.0007692502972385646
1 0.0004977856379890429
5 0.00030941956653407786
10 0.00012301909226891707
EOD
$p2_s2_band << EOD
# x ylo yhi
0 0.0004146295079468659 0.0013015328586306017
1 0.0002731400551474693 0.0009211744337105265
5 0.0001686665726423809 0.0005819409312371616
10 9.467530424409807e-05 0.00016452139741110432
EOD
# series 3: unroll_gd, learned steps (4 points)
$p2_s3 << EOD
# x y
0 0.0007692502972385646
1 0.0009685446938992167
5 0.0001677054430856816
10 9.071562646135918e-05
EOD
$p2_s3_band << EOD
# x ylo yhi
0 0.0004146295079468659 0.0013015328586306017
1 0.0003807224317885057 0.001444060867593653
5 7.741626998784547e-05 0.00022745263946511175
10 6.341251227712116e-05 0.00011998176505502073
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
amor_out(ext) = amor_dir . 'warmstart_gap.' . ext . amor_suffix

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
        set terminal pngcairo size 1120,430 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 1120,430 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    set multiplot layout 1,2 title 'warm-started MLP vs unroll_gd at equal K (3 seeds: mean, min-max band)' font ',13'

    # ---- panel 1
    unset object; unset arrow; unset logscale; set autoscale
    set title 'quadratic (ny = 32, cond 100)'
    set xlabel 'gradient steps K'
    set ylabel 'held-out gap'
    set format x '% h'
    set logscale y; set format y '%g'
    set grid xtics ytics nomxtics mytics
    set key top right
    plot $p1_s1_band using 1:2:3 with filledcurves lt 1 fs transparent solid 0.2 noborder notitle, \
         $p1_s2_band using 1:2:3 with filledcurves lt 2 fs transparent solid 0.2 noborder notitle, \
         $p1_s3_band using 1:2:3 with filledcurves lt 3 fs transparent solid 0.2 noborder notitle, \
         $p1_s1 using 1:2 with linespoints lt 1 title 'warmstart (MLP + K GD steps at inference)', \
         $p1_s2 using 1:2 with linespoints lt 2 title 'unroll_gd, fixed steps (trained through them)', \
         $p1_s3 using 1:2 with linespoints lt 3 title 'unroll_gd, learned steps'

    # ---- panel 2
    unset object; unset arrow; unset logscale; set autoscale
    set title 'rosenbrock'
    set xlabel 'gradient steps K'
    set ylabel 'held-out gap'
    set format x '% h'
    set logscale y; set format y '%g'
    set grid xtics ytics nomxtics mytics
    set key top right
    plot $p2_s1_band using 1:2:3 with filledcurves lt 1 fs transparent solid 0.2 noborder notitle, \
         $p2_s2_band using 1:2:3 with filledcurves lt 2 fs transparent solid 0.2 noborder notitle, \
         $p2_s3_band using 1:2:3 with filledcurves lt 3 fs transparent solid 0.2 noborder notitle, \
         $p2_s1 using 1:2 with linespoints lt 1 title 'warmstart (MLP + K GD steps at inference)', \
         $p2_s2 using 1:2 with linespoints lt 2 title 'unroll_gd, fixed steps (trained through them)', \
         $p2_s3 using 1:2 with linespoints lt 3 title 'unroll_gd, learned steps'
    unset multiplot
    unset output
}
