# policies_training_control_lqr_nx_6_nu_3_policy_gaussian_policy_objective_svg_alpha_1.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# ---- panel 1 data
# series 1: linear/objective (31 points)
$p1_s1 << EOD
# x y
0 312.2104314073143
200 6.6280467439018125
400 2.8614118546883653
600 1.380986031786037
800 0.5882703019765041
1000 0.09032695187191131
# skipped point 7: y = -0.24133100737384836 is not positive on a log axis
# skipped point 8: y = -0.47931097713674686 is not positive on a log axis
# skipped point 9: y = -0.6575746874350852 is not positive on a log axis
# skipped point 10: y = -0.7942163573699818 is not positive on a log axis
# skipped point 11: y = -0.9013347393620444 is not positive on a log axis
# skipped point 12: y = -0.9877517800069376 is not positive on a log axis
# skipped point 13: y = -1.058539767743844 is not positive on a log axis
# skipped point 14: y = -1.117086986006722 is not positive on a log axis
# skipped point 15: y = -1.1660132796706337 is not positive on a log axis
# skipped point 16: y = -1.2071253202466077 is not positive on a log axis
# skipped point 17: y = -1.2424989399627335 is not positive on a log axis
# skipped point 18: y = -1.272773671167068 is not positive on a log axis
# skipped point 19: y = -1.2990028973043903 is not positive on a log axis
# skipped point 20: y = -1.3215952433347289 is not positive on a log axis
# skipped point 21: y = -1.341313798317749 is not positive on a log axis
# skipped point 22: y = -1.358625032677405 is not positive on a log axis
# skipped point 23: y = -1.3737922575844148 is not positive on a log axis
# skipped point 24: y = -1.3872105444242553 is not positive on a log axis
# skipped point 25: y = -1.3990556049662535 is not positive on a log axis
# skipped point 26: y = -1.4095375250700348 is not positive on a log axis
# skipped point 27: y = -1.418839388306888 is not positive on a log axis
# skipped point 28: y = -1.427141352155012 is not positive on a log axis
# skipped point 29: y = -1.434528563085035 is not positive on a log axis
# skipped point 30: y = -1.441126630110714 is not positive on a log axis
# skipped point 31: y = -1.4470253688259649 is not positive on a log axis
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
# skipped row 22: ylo = nan is NaN
# skipped row 23: ylo = nan is NaN
# skipped row 24: ylo = nan is NaN
# skipped row 25: ylo = nan is NaN
# skipped row 26: ylo = nan is NaN
# skipped row 27: ylo = nan is NaN
# skipped row 28: ylo = nan is NaN
# skipped row 29: ylo = nan is NaN
# skipped row 30: ylo = nan is NaN
# skipped row 31: ylo = nan is NaN
EOD

# ---- panel 2 data
# series 1: linear/objective (31 points)
$p2_s1 << EOD
# x y
0 321.97559477280413
200 16.39321010939137
400 12.62657522017793
600 11.146149397275602
800 10.353433667466078
1000 9.855490317361465
1200 9.523832358115712
1400 9.285852388352817
1600 9.107588678054489
1800 8.97094700811958
2000 8.863828626127518
2200 8.777411585482628
2400 8.706623597745715
2600 8.648076379482841
2800 8.599150085818925
3000 8.558038045242961
3200 8.52266442552683
3400 8.492389694322497
3600 8.466160468185175
3800 8.44356812215484
4000 8.423849567171812
4200 8.406538332812161
4400 8.391371107905156
4600 8.377952821065314
4800 8.366107760523311
5000 8.355625840419526
5200 8.34632397718267
5400 8.338022013334555
5600 8.330634802404527
5800 8.324036735378852
6000 8.318137996663593
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
# skipped row 22: ylo = nan is NaN
# skipped row 23: ylo = nan is NaN
# skipped row 24: ylo = nan is NaN
# skipped row 25: ylo = nan is NaN
# skipped row 26: ylo = nan is NaN
# skipped row 27: ylo = nan is NaN
# skipped row 28: ylo = nan is NaN
# skipped row 29: ylo = nan is NaN
# skipped row 30: ylo = nan is NaN
# skipped row 31: ylo = nan is NaN
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
amor_out(ext) = amor_dir . 'policies_training_control_lqr_nx_6_nu_3_policy_gaussian_policy_objective_svg_alpha_1.' . ext . amor_suffix

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
    set multiplot title 'policies: control_lqr(nx=6,nu=3,policy=gaussian,policy_objective=svg,alpha=1), training curves (1 seed)' font ',13'

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
    plot $p1_s1 using 1:2 with lines lt 1 title 'linear/objective'

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
    plot $p2_s1 using 1:2 with lines lt 1 title 'linear/objective'

    # ---- the key of every panel, below them
    unset object; unset arrow; unset logscale; unset title; unset xlabel; unset ylabel
    unset border; unset tics; unset grid
    set origin 0, 0; set size 1, 0.07666
    set lmargin 0; set rmargin 0; set tmargin 0; set bmargin 0
    set xrange [0:1]; set yrange [0:1]
    set key inside center center horizontal Left reverse samplen 2.5 spacing 1.15 width 2 maxrows 1
    plot keyentry with lines lt 1 title 'linear/objective', \
         NaN notitle
    set border 3 lw 1 lc rgb '#404040'; set tics; set tics nomirror out scale 0.6
    set lmargin -1; set tmargin -1; set bmargin -1; set rmargin 4
    set key noreverse Right samplen 2.5 spacing 1.15 width 0 maxrows auto
    unset multiplot
    unset output
}
