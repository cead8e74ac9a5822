# policies_training_control_lqr_nx_6_nu_3_policy_gaussian_diag_alpha_1.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# ---- panel 1 data
# series 1: linear/objective (31 points)
$p1_s1 << EOD
# x y
0 252.3257373865486
200 8.261025117129112
400 2.822806621089192
600 1.2550563793075782
800 0.6380249016866928
1000 0.34824058631892757
1200 0.20170681146340635
1400 0.12464575445944064
1600 0.07986920248990537
1800 0.0530950680673518
2000 0.03616223615531468
2200 0.024444589092693224
2400 0.01605461436430889
2600 0.010205355280348138
2800 0.006192055524659195
3000 0.0035364770086902184
3200 0.0019043520548227312
3400 0.000960239812585929
3600 0.00044996817678277616
3800 0.0001958229657102982
4000 7.781280531891747e-05
4200 2.7672276301739587e-05
4400 8.560349542288681e-06
4600 2.4849883609213974e-06
4800 6.093317638407314e-07
5000 1.2654062833857005e-07
5200 2.1997107354371215e-08
5400 3.195048683957147e-09
5600 3.652672539433688e-10
5800 3.3014604938763625e-11
6000 2.258313328007411e-12
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
0 261.57917713971864
200 17.514464870299246
400 12.076246374259306
600 10.508496132477696
800 9.891464654856817
1000 9.601680339489054
1200 9.455146564633518
1400 9.37808550762956
1600 9.333308955660033
1800 9.306534821237472
2000 9.289601989325435
2200 9.277884342262814
2400 9.269494367534435
2600 9.263645108450463
2800 9.259631808694778
3000 9.256976230178797
3200 9.25534410522494
3400 9.254399992982709
3600 9.253889721346898
3800 9.253635576135835
4000 9.253517565975438
4200 9.253467425446432
4400 9.253448313519668
4600 9.253442238158481
4800 9.25344036250188
5000 9.253439879710745
5200 9.253439775167221
5400 9.253439756365166
5600 9.253439753535377
5800 9.253439753203134
6000 9.253439753172374
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
amor_out(ext) = amor_dir . 'policies_training_control_lqr_nx_6_nu_3_policy_gaussian_diag_alpha_1.' . ext . amor_suffix

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
    set multiplot title 'policies: control_lqr(nx=6,nu=3,policy=gaussian_diag,alpha=1), training curves (1 seed)' font ',13'

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
