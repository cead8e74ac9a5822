# qp_training_qp_n_30_adaptive_rho_interval_0.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# ---- panel 1 data
# series 1: solver_steps(steps=100)/regression (1 points)
$p1_s1 << EOD
# x y
0 16.378478306843974
EOD
$p1_s1_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 2: rho_policy(mode=once,steps=100,interval=10)/regression (1 points)
$p1_s2 << EOD
# x y
0 16.378478306843974
EOD
$p1_s2_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 3: rho_policy(steps=100,interval=10)/regression (1 points)
$p1_s3 << EOD
# x y
0 16.378478306843974
EOD
$p1_s3_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 4: rho_policy(steps=100,interval=10)/regression/eval.model.beyond=hold (1 points)
$p1_s4 << EOD
# x y
0 16.378478306843974
EOD
$p1_s4_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD

# ---- panel 2 data
# series 1: solver_steps(steps=100)/regression (1 points)
$p2_s1 << EOD
# x y
0 15.431031999007338
EOD
$p2_s1_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 2: rho_policy(mode=once,steps=100,interval=10)/regression (1 points)
$p2_s2 << EOD
# x y
0 15.431031999007338
EOD
$p2_s2_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 3: rho_policy(steps=100,interval=10)/regression (1 points)
$p2_s3 << EOD
# x y
0 15.431031999007338
EOD
$p2_s3_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 4: rho_policy(steps=100,interval=10)/regression/eval.model.beyond=hold (1 points)
$p2_s4 << EOD
# x y
0 15.431031999007338
EOD
$p2_s4_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
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
amor_out(ext) = amor_dir . 'qp_training_qp_n_30_adaptive_rho_interval_0.' . ext . amor_suffix

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
        set terminal pngcairo size 1500,594 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 1500,594 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    set multiplot title 'qp: qp(n=30,adaptive_rho_interval=0), training curves (1 seed)' font ',13'

    # ---- panel 1
    set origin 0.00000, 0.10774; set size 0.50000, 0.82492
    unset object; unset arrow; unset logscale; set autoscale
    set title 'held-out gap f(yhat) - f(y*)'
    set xlabel 'training step'
    set ylabel 'gap (log scale)'
    set format x '% h'
    set logscale y; set format y '%g'
    set grid xtics ytics nomxtics mytics
    set key off
    plot $p1_s1 using 1:2 with lines lt 1 title 'solver_steps(steps=100)/regression', \
         $p1_s2 using 1:2 with lines lt 2 title 'rho_policy(mode=once,steps=100,interval=10)/regression', \
         $p1_s3 using 1:2 with lines lt 3 title 'rho_policy(steps=100,interval=10)/regression', \
         $p1_s4 using 1:2 with lines lt 4 title 'rho_policy(steps=100,interval=10)/regression/eval.model.beyond=hold'

    # ---- panel 2
    set origin 0.50000, 0.10774; set size 0.50000, 0.82492
    unset object; unset arrow; unset logscale; set autoscale
    set title 'held-out objective f(yhat)'
    set xlabel 'training step'
    set ylabel 'objective (log scale)'
    set format x '% h'
    set logscale y; set format y '%g'
    set grid xtics ytics nomxtics mytics
    set key off
    plot $p2_s1 using 1:2 with lines lt 1 title 'solver_steps(steps=100)/regression', \
         $p2_s2 using 1:2 with lines lt 2 title 'rho_policy(mode=once,steps=100,interval=10)/regression', \
         $p2_s3 using 1:2 with lines lt 3 title 'rho_policy(steps=100,interval=10)/regression', \
         $p2_s4 using 1:2 with lines lt 4 title 'rho_policy(steps=100,interval=10)/regression/eval.model.beyond=hold'

    # ---- the key of every panel, below them
    unset object; unset arrow; unset logscale; unset title; unset xlabel; unset ylabel
    unset border; unset tics; unset grid
    set origin 0, 0; set size 1, 0.10774
    set lmargin 0; set rmargin 0; set tmargin 0; set bmargin 0
    set xrange [0:1]; set yrange [0:1]
    set key inside center center horizontal Left reverse samplen 2.5 spacing 1.15 width 2 maxrows 2
    plot keyentry with lines lt 1 title 'solver_steps(steps=100)/regression', \
         keyentry with lines lt 2 title 'rho_policy(mode=once,steps=100,interval=10)/regression', \
         keyentry with lines lt 3 title 'rho_policy(steps=100,interval=10)/regression', \
         keyentry with lines lt 4 title 'rho_policy(steps=100,interval=10)/regression/eval.model.beyond=hold', \
         NaN notitle
    set border 3 lw 1 lc rgb '#404040'; set tics; set tics nomirror out scale 0.6
    set lmargin -1; set tmargin -1; set bmargin -1; set rmargin 4
    set key noreverse Right samplen 2.5 spacing 1.15 width 0 maxrows auto
    unset multiplot
    unset output
}
