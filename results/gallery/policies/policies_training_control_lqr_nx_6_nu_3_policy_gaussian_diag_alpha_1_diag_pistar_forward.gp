# policies_training_control_lqr_nx_6_nu_3_policy_gaussian_diag_alpha_1_diag_pistar_forward.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# ---- panel 1 data
# series 1: linear/policy_kl(direction=forward,policy=gaussian_diag) (31 points)
$p1_s1 << EOD
# x y
0 432.22312146496523
200 2.734242354185386
# skipped point 3: y = -0.00019499439944628376 is not positive on a log axis
600 3.1570365245647825e-09
# skipped point 5: y = -3.0183321120258455e-13 is not positive on a log axis
# skipped point 6: y = -7.008282842946301e-16 is not positive on a log axis
# skipped point 7: y = -6.140921104957897e-16 is not positive on a log axis
# skipped point 8: y = -6.557254739192331e-16 is not positive on a log axis
# skipped point 9: y = -6.696032617270475e-16 is not positive on a log axis
# skipped point 10: y = -7.251144129583054e-16 is not positive on a log axis
# skipped point 11: y = -6.696032617270475e-16 is not positive on a log axis
# skipped point 12: y = -6.765421556309548e-16 is not positive on a log axis
# skipped point 13: y = -4.753142324176451e-16 is not positive on a log axis
# skipped point 14: y = -4.718447854656915e-16 is not positive on a log axis
# skipped point 15: y = -4.579669976578771e-16 is not positive on a log axis
# skipped point 16: y = -4.579669976578771e-16 is not positive on a log axis
# skipped point 17: y = -2.0816681711721685e-17 is not positive on a log axis
# skipped point 18: y = -6.938893903907228e-18 is not positive on a log axis
# skipped point 19: y = 0 is not positive on a log axis
# skipped point 20: y = -6.938893903907228e-18 is not positive on a log axis
# skipped point 21: y = -2.8102520310824275e-16 is not positive on a log axis
# skipped point 22: y = -2.8449465006019636e-16 is not positive on a log axis
# skipped point 23: y = -3.122502256758253e-16 is not positive on a log axis
# skipped point 24: y = 0 is not positive on a log axis
# skipped point 25: y = -1.3877787807814457e-17 is not positive on a log axis
5000 5.204170427930421e-17
5200 7.28583859910259e-17
5400 4.85722573273506e-17
# skipped point 29: y = -2.3245294578089215e-16 is not positive on a log axis
# skipped point 30: y = -1.3530843112619095e-16 is not positive on a log axis
# skipped point 31: y = -2.220446049250313e-16 is not positive on a log axis
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
# series 1: linear/policy_kl(direction=forward,policy=gaussian_diag) (31 points)
$p2_s1 << EOD
# x y
0 443.18714854815687
200 13.698269437377322
400 10.9638320887925
600 10.964027086348977
800 10.964027083191645
1000 10.964027083191937
1200 10.964027083191937
1400 10.964027083191937
1600 10.964027083191937
1800 10.964027083191937
2000 10.964027083191937
2200 10.964027083191935
2400 10.964027083191937
2600 10.964027083191937
2800 10.964027083191937
3000 10.964027083191937
3200 10.964027083191937
3400 10.964027083191937
3600 10.964027083191937
3800 10.964027083191937
4000 10.964027083191937
4200 10.964027083191937
4400 10.964027083191937
4600 10.964027083191937
4800 10.964027083191937
5000 10.964027083191937
5200 10.964027083191937
5400 10.964027083191937
5600 10.964027083191937
5800 10.964027083191937
6000 10.964027083191937
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
amor_out(ext) = amor_dir . 'policies_training_control_lqr_nx_6_nu_3_policy_gaussian_diag_alpha_1_diag_pistar_forward.' . ext . amor_suffix

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
    set multiplot title 'policies: control_lqr(nx=6,nu=3,policy=gaussian_diag,alpha=1,diag_pistar=forward), training curves (1 seed)' font ',13'

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
    plot $p1_s1 using 1:2 with lines lt 1 title 'linear/policy_kl(direction=forward,policy=gaussian_diag)'

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
    plot $p2_s1 using 1:2 with lines lt 1 title 'linear/policy_kl(direction=forward,policy=gaussian_diag)'

    # ---- the key of every panel, below them
    unset object; unset arrow; unset logscale; unset title; unset xlabel; unset ylabel
    unset border; unset tics; unset grid
    set origin 0, 0; set size 1, 0.07666
    set lmargin 0; set rmargin 0; set tmargin 0; set bmargin 0
    set xrange [0:1]; set yrange [0:1]
    set key inside center center horizontal Left reverse samplen 2.5 spacing 1.15 width 2 maxrows 1
    plot keyentry with lines lt 1 title 'linear/policy_kl(direction=forward,policy=gaussian_diag)', \
         NaN notitle
    set border 3 lw 1 lc rgb '#404040'; set tics; set tics nomirror out scale 0.6
    set lmargin -1; set tmargin -1; set bmargin -1; set rmargin 4
    set key noreverse Right samplen 2.5 spacing 1.15 width 0 maxrows auto
    unset multiplot
    unset output
}
