# ot_conjugate_finetune_training_conjugate.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# ---- panel 1 data
# series 1: warmstart(hidden=64,64,steps=100,step_size=0.003,refine=adam)/objective (6 points)
$p1_s1 << EOD
# x y
0 1.6444792458262176
1000 5.215847888433618e-09
2000 5.359150183088107e-10
3000 3.590106535623569e-10
4000 2.793953689463694e-10
5000 1.9113846472009385e-10
EOD
$p1_s1_band << EOD
# x ylo yhi
0 1.6117124866768766 1.6878111776004712
1000 7.635118523204899e-10 1.3564872243152469e-08
2000 3.8765792404480207e-10 6.379150023429377e-10
3000 3.0363630663596264e-10 4.149491090901618e-10
4000 2.250113048359384e-10 3.679062354788355e-10
5000 1.8142359674028913e-10 2.0834581726959095e-10
EOD
# series 2: warmstart(hidden=64,64,steps=100,step_size=0.5,refine=gd)/objective (6 points)
$p1_s2 << EOD
# x y
0 3.3610267347050637e-18
1000 1.1600963245594897e-17
2000 5.2583805365546965e-18
# skipped point 4: y = -8.673617379884035e-19 is not positive on a log axis
4000 3.650147314034531e-18
5000 4.445228907190568e-18
EOD
$p1_s2_band << EOD
# x ylo yhi
# skipped row 1: ylo = -7.209944447028604e-18 is not positive on a log axis
# skipped row 2: ylo = -1.620882247865829e-17 is not positive on a log axis
# skipped row 3: ylo = -2.542454094478508e-17 is not positive on a log axis
# skipped row 4: ylo = -1.5341460740669888e-17 is not positive on a log axis
# skipped row 5: ylo = -9.324138683375338e-18 is not positive on a log axis
# skipped row 6: ylo = -2.0166160408230382e-17 is not positive on a log axis
EOD

# ---- panel 2 data
# series 1: warmstart(hidden=64,64,steps=100,step_size=0.003,refine=adam)/objective (6 points)
$p2_s1 << EOD
# x y
0 0.33202898776477
1000 -1.3124502528456
2000 -1.3124502575255337
3000 -1.312450257702437
4000 -1.312450257782053
5000 -1.3124502578703094
EOD
$p2_s1_band << EOD
# x ylo yhi
0 0.282049229646937 0.39776579155494246
1000 -1.3518648299894949 -1.2900453847263678
2000 -1.3518648429721987 -1.2900453854076108
3000 -1.3330567435198828 -1.2900453856870817
4000 -1.351864843186462 -1.2900453858002598
5000 -1.3518648433460223 -1.2900453858641046
EOD
# series 2: warmstart(hidden=64,64,steps=100,step_size=0.5,refine=gd)/objective (6 points)
$p2_s2 << EOD
# x y
0 -1.3124502580614474
1000 -1.3124502580614472
2000 -1.3124502580614472
3000 -1.3124502580614472
4000 -1.3124502580614472
5000 -1.3124502580614472
EOD
$p2_s2_band << EOD
# x ylo yhi
0 -1.3518648435543694 -1.2900453860455257
1000 -1.3518648435543692 -1.2900453860455257
2000 -1.3518648435543692 -1.2900453860455257
3000 -1.3518648435543692 -1.2900453860455257
4000 -1.3518648435543692 -1.2900453860455257
5000 -1.3518648435543692 -1.2900453860455257
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
amor_out(ext) = amor_dir . 'ot_conjugate_finetune_training_conjugate.' . ext . amor_suffix

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
    set multiplot title 'ot_conjugate_finetune: conjugate, training curves (mean of 3 seeds, 95% bootstrap band)' font ',13'

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
         $p1_s1 using 1:2 with lines lt 1 title 'warmstart(hidden=64,64,steps=100,step_size=0.003,refine=adam)/objective', \
         $p1_s2 using 1:2 with lines lt 2 title 'warmstart(hidden=64,64,steps=100,step_size=0.5,refine=gd)/objective'

    # ---- panel 2
    set origin 0.50000, 0.07666; set size 0.50000, 0.85366
    unset object; unset arrow; unset logscale; set autoscale
    set title 'held-out objective f(yhat)'
    set xlabel 'training step'
    set ylabel 'objective'
    set format x '% h'
    set format y '% h'
    set grid xtics ytics nomxtics nomytics
    set key off
    plot $p2_s1_band using 1:2:3 with filledcurves lt 1 fs transparent solid 0.2 noborder notitle, \
         $p2_s2_band using 1:2:3 with filledcurves lt 2 fs transparent solid 0.2 noborder notitle, \
         $p2_s1 using 1:2 with lines lt 1 title 'warmstart(hidden=64,64,steps=100,step_size=0.003,refine=adam)/objective', \
         $p2_s2 using 1:2 with lines lt 2 title 'warmstart(hidden=64,64,steps=100,step_size=0.5,refine=gd)/objective'

    # ---- the key of every panel, below them
    unset object; unset arrow; unset logscale; unset title; unset xlabel; unset ylabel
    unset border; unset tics; unset grid
    set origin 0, 0; set size 1, 0.07666
    set lmargin 0; set rmargin 0; set tmargin 0; set bmargin 0
    set xrange [0:1]; set yrange [0:1]
    set key inside center center horizontal Left reverse samplen 2.5 spacing 1.15 width 2 maxrows 1
    plot keyentry with lines lt 1 title 'warmstart(hidden=64,64,steps=100,step_size=0.003,refine=adam)/objective', \
         keyentry with lines lt 2 title 'warmstart(hidden=64,64,steps=100,step_size=0.5,refine=gd)/objective', \
         NaN notitle
    set border 3 lw 1 lc rgb '#404040'; set tics; set tics nomirror out scale 0.6
    set lmargin -1; set tmargin -1; set bmargin -1; set rmargin 4
    set key noreverse Right samplen 2.5 spacing 1.15 width 0 maxrows auto
    unset multiplot
    unset output
}
