# fixed_points_residual_fixed_point.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# ---- panel 1 data
# series 1: cold (2 points)
$p1_s1 << EOD
# x y
0 5.270989304246475
13 9.644677834022754e-07
EOD
$p1_s1_band << EOD
# x ylo yhi
0 5.265962318883452 5.276016289609498
13 9.549531594221587e-07 9.73982407382392e-07
EOD
# series 2: mlp(hidden=128,128)/regression_sum: warm (2 points)
$p1_s2 << EOD
# x y
0 0.8711545274622519
11 1.567813942227013e-06
EOD
$p1_s2_band << EOD
# x ylo yhi
0 0.849197818604812 0.8931112363196916
11 1.557879854140391e-06 1.5777480303136352e-06
EOD
# series 3: neural_fp(steps=5,init=mlp,init_hidden=128,delta_scale=0.1)/regression_sum: warm (2 points)
$p1_s3 << EOD
# x y
0 0.015474137428657803
8 1.045442294178603e-06
EOD
$p1_s3_band << EOD
# x ylo yhi
0 0.014977049231510149 0.015971225625805458
8 9.359473478261568e-07 1.1549372405310491e-06
EOD
# series 4: neural_fp(steps=5,init=zero,init_hidden=128,delta_scale=0.1)/regression_sum: warm (2 points)
$p1_s4 << EOD
# x y
0 0.02354911546452201
8 1.5641147145441778e-06
EOD
$p1_s4_band << EOD
# x ylo yhi
0 0.02256917385416904 0.02452905707487498
8 1.4713441356466287e-06 1.656885293441727e-06
EOD
# series 5: hyper_aa(steps=5,init=mlp,init_hidden=128)/regression_sum: warm (2 points)
$p1_s5 << EOD
# x y
0 0.0020615994008195684
6 1.6690084528744577e-06
EOD
$p1_s5_band << EOD
# x ylo yhi
0 0.00201199000323478 0.0021112087984043572
6 1.6427908246968251e-06 1.6952260810520903e-06
EOD
# series 6: hyper_aa(steps=5,init=zero,init_hidden=128)/regression_sum: warm (2 points)
$p1_s6 << EOD
# x y
0 0.011919753510942991
8 9.472739302376517e-07
EOD
$p1_s6_band << EOD
# x ylo yhi
0 0.011781833867849834 0.01205767315403615
8 9.45759778327319e-07 9.487880821479844e-07
EOD
# series 7: Anderson, cold (1 points)
$p1_s7 << EOD
# x y
0 5.270989304246475
EOD
$p1_s7_band << EOD
# x ylo yhi
0 5.265962318883452 5.276016289609498
EOD
# series 8: mlp(hidden=128,128)/regression_sum: Anderson, warm (2 points)
$p1_s8 << EOD
# x y
0 0.8711545274622519
11 8.975337511781069e-07
EOD
$p1_s8_band << EOD
# x ylo yhi
0 0.849197818604812 0.8931112363196916
11 8.906963162061578e-07 9.043711861500561e-07
EOD
# series 9: neural_fp(steps=5,init=mlp,init_hidden=128,delta_scale=0.1)/regression_sum: Anderson, warm (1 points)
$p1_s9 << EOD
# x y
0 0.015474137428657803
EOD
$p1_s9_band << EOD
# x ylo yhi
0 0.014977049231510149 0.015971225625805458
EOD
# series 10: neural_fp(steps=5,init=zero,init_hidden=128,delta_scale=0.1)/regression_sum: Anderson, warm (2 points)
$p1_s10 << EOD
# x y
0 0.02354911546452201
8 1.12013189098295e-06
EOD
$p1_s10_band << EOD
# x ylo yhi
0 0.02256917385416904 0.02452905707487498
8 1.0735028472956717e-06 1.1667609346702281e-06
EOD
# series 11: hyper_aa(steps=5,init=mlp,init_hidden=128)/regression_sum: Anderson, warm (2 points)
$p1_s11 << EOD
# x y
0 0.0020615994008195684
6 9.955337782059336e-07
EOD
$p1_s11_band << EOD
# x ylo yhi
0 0.00201199000323478 0.0021112087984043572
6 9.81402924086962e-07 1.0096646323249054e-06
EOD
# series 12: hyper_aa(steps=5,init=zero,init_hidden=128)/regression_sum: Anderson, warm (1 points)
$p1_s12 << EOD
# x y
0 0.011919753510942991
EOD
$p1_s12_band << EOD
# x ylo yhi
0 0.011781833867849834 0.01205767315403615
EOD

# ---- panel 2 data
# series 1: cold (2 points)
$p2_s1 << EOD
# x y
0 5.270989304246475
4.416292480480255e-05 9.644677834022754e-07
EOD
$p2_s1_band << EOD
# x ylo yhi
0 5.265962318883452 5.276016289609498
4.416292480480255e-05 9.549531594221587e-07 9.73982407382392e-07
EOD
# series 2: mlp(hidden=128,128)/regression_sum: warm (2 points)
$p2_s2 << EOD
# x y
0 0.8711545274622519
3.699595800799038e-05 1.567813942227013e-06
EOD
$p2_s2_band << EOD
# x ylo yhi
0 0.849197818604812 0.8931112363196916
3.699595800799038e-05 1.557879854140391e-06 1.5777480303136352e-06
EOD
# series 3: neural_fp(steps=5,init=mlp,init_hidden=128,delta_scale=0.1)/regression_sum: warm (2 points)
$p2_s3 << EOD
# x y
0 0.015474137428657803
2.669507421870776e-05 1.045442294178603e-06
EOD
$p2_s3_band << EOD
# x ylo yhi
0 0.014977049231510149 0.015971225625805458
2.669507421870776e-05 9.359473478261568e-07 1.1549372405310491e-06
EOD
# series 4: neural_fp(steps=5,init=zero,init_hidden=128,delta_scale=0.1)/regression_sum: warm (2 points)
$p2_s4 << EOD
# x y
0 0.02354911546452201
3.0152196289212618e-05 1.5641147145441778e-06
EOD
$p2_s4_band << EOD
# x ylo yhi
0 0.02256917385416904 0.02452905707487498
3.0152196289212618e-05 1.4713441356466287e-06 1.656885293441727e-06
EOD
# series 5: hyper_aa(steps=5,init=mlp,init_hidden=128)/regression_sum: warm (2 points)
$p2_s5 << EOD
# x y
0 0.0020615994008195684
2.0118632812482495e-05 1.6690084528744577e-06
EOD
$p2_s5_band << EOD
# x ylo yhi
0 0.00201199000323478 0.0021112087984043572
2.0118632812482495e-05 1.6427908246968251e-06 1.6952260810520903e-06
EOD
# series 6: hyper_aa(steps=5,init=zero,init_hidden=128)/regression_sum: warm (2 points)
$p2_s6 << EOD
# x y
0 0.011919753510942991
2.8326564452951786e-05 9.472739302376517e-07
EOD
$p2_s6_band << EOD
# x ylo yhi
0 0.011781833867849834 0.01205767315403615
2.8326564452951786e-05 9.45759778327319e-07 9.487880821479844e-07
EOD
# series 7: Anderson, cold (1 points)
$p2_s7 << EOD
# x y
0 5.270989304246475
EOD
$p2_s7_band << EOD
# x ylo yhi
0 5.265962318883452 5.276016289609498
EOD
# series 8: mlp(hidden=128,128)/regression_sum: Anderson, warm (2 points)
$p2_s8 << EOD
# x y
0 0.8711545274622519
6.578647167942986e-05 8.975337511781069e-07
EOD
$p2_s8_band << EOD
# x ylo yhi
0 0.849197818604812 0.8931112363196916
6.578647167942986e-05 8.906963162061578e-07 9.043711861500561e-07
EOD
# series 9: neural_fp(steps=5,init=mlp,init_hidden=128,delta_scale=0.1)/regression_sum: Anderson, warm (1 points)
$p2_s9 << EOD
# x y
0 0.015474137428657803
EOD
$p2_s9_band << EOD
# x ylo yhi
0 0.014977049231510149 0.015971225625805458
EOD
# series 10: neural_fp(steps=5,init=zero,init_hidden=128,delta_scale=0.1)/regression_sum: Anderson, warm (2 points)
$p2_s10 << EOD
# x y
0 0.02354911546452201
4.525204589855836e-05 1.12013189098295e-06
EOD
$p2_s10_band << EOD
# x ylo yhi
0 0.02256917385416904 0.02452905707487498
4.525204589855836e-05 1.0735028472956717e-06 1.1667609346702281e-06
EOD
# series 11: hyper_aa(steps=5,init=mlp,init_hidden=128)/regression_sum: Anderson, warm (2 points)
$p2_s11 << EOD
# x y
0 0.0020615994008195684
3.7795084961156356e-05 9.955337782059336e-07
EOD
$p2_s11_band << EOD
# x ylo yhi
0 0.00201199000323478 0.0021112087984043572
3.7795084961156356e-05 9.81402924086962e-07 1.0096646323249054e-06
EOD
# series 12: hyper_aa(steps=5,init=zero,init_hidden=128)/regression_sum: Anderson, warm (1 points)
$p2_s12 << EOD
# x y
0 0.011919753510942991
EOD
$p2_s12_band << EOD
# x ylo yhi
0 0.011781833867849834 0.01205767315403615
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
amor_out(ext) = amor_dir . 'fixed_points_residual_fixed_point.' . ext . amor_suffix

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
        set terminal pngcairo size 1400,774 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 1400,774 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    set multiplot title 'fixed_points: fixed_point, its own method cold and warm (mean of 2 seeds, 95% bootstrap band)' font ',13'

    # ---- panel 1
    set origin 0.00000, 0.34109; set size 0.50000, 0.60724
    unset object; unset arrow; unset logscale; set autoscale
    set title 'residual vs iterations'
    set xlabel 'iterations'
    set ylabel 'residual (mean over contexts; log scale)'
    set format x '% h'
    set logscale y; set format y '%g'
    set grid xtics ytics nomxtics mytics
    set key off
    plot $p1_s1_band using 1:2:3 with filledcurves lt 1 fs transparent solid 0.2 noborder notitle, \
         $p1_s2_band using 1:2:3 with filledcurves lt 2 fs transparent solid 0.2 noborder notitle, \
         $p1_s3_band using 1:2:3 with filledcurves lt 3 fs transparent solid 0.2 noborder notitle, \
         $p1_s4_band using 1:2:3 with filledcurves lt 4 fs transparent solid 0.2 noborder notitle, \
         $p1_s5_band using 1:2:3 with filledcurves lt 5 fs transparent solid 0.2 noborder notitle, \
         $p1_s6_band using 1:2:3 with filledcurves lt 6 fs transparent solid 0.2 noborder notitle, \
         $p1_s7_band using 1:2:3 with filledcurves lt 7 fs transparent solid 0.2 noborder notitle, \
         $p1_s8_band using 1:2:3 with filledcurves lt 8 fs transparent solid 0.2 noborder notitle, \
         $p1_s9_band using 1:2:3 with filledcurves lt 1 fs transparent solid 0.2 noborder notitle, \
         $p1_s10_band using 1:2:3 with filledcurves lt 2 fs transparent solid 0.2 noborder notitle, \
         $p1_s11_band using 1:2:3 with filledcurves lt 3 fs transparent solid 0.2 noborder notitle, \
         $p1_s12_band using 1:2:3 with filledcurves lt 4 fs transparent solid 0.2 noborder notitle, \
         $p1_s1 using 1:2 with lines lt 1 title 'cold', \
         $p1_s2 using 1:2 with lines lt 2 title 'mlp(hidden=128,128)/regression_sum: warm', \
         $p1_s3 using 1:2 with lines lt 3 title 'neural_fp(steps=5,init=mlp,init_hidden=128,delta_scale=0.1)/regression_sum: warm', \
         $p1_s4 using 1:2 with lines lt 4 title 'neural_fp(steps=5,init=zero,init_hidden=128,delta_scale=0.1)/regression_sum: warm', \
         $p1_s5 using 1:2 with lines lt 5 title 'hyper_aa(steps=5,init=mlp,init_hidden=128)/regression_sum: warm', \
         $p1_s6 using 1:2 with lines lt 6 title 'hyper_aa(steps=5,init=zero,init_hidden=128)/regression_sum: warm', \
         $p1_s7 using 1:2 with lines lt 7 dt 2 title 'Anderson, cold', \
         $p1_s8 using 1:2 with lines lt 8 dt 2 title 'mlp(hidden=128,128)/regression_sum: Anderson, warm', \
         $p1_s9 using 1:2 with lines lt 1 dt 2 title 'neural_fp(steps=5,init=mlp,init_hidden=128,delta_scale=0.1)/regression_sum: Anderson, warm', \
         $p1_s10 using 1:2 with lines lt 2 dt 2 title 'neural_fp(steps=5,init=zero,init_hidden=128,delta_scale=0.1)/regression_sum: Anderson, warm', \
         $p1_s11 using 1:2 with lines lt 3 dt 2 title 'hyper_aa(steps=5,init=mlp,init_hidden=128)/regression_sum: Anderson, warm', \
         $p1_s12 using 1:2 with lines lt 4 dt 2 title 'hyper_aa(steps=5,init=zero,init_hidden=128)/regression_sum: Anderson, warm'

    # ---- panel 2
    set origin 0.50000, 0.34109; set size 0.50000, 0.60724
    unset object; unset arrow; unset logscale; set autoscale
    set title 'residual vs time'
    set xlabel 'seconds per context'
    set ylabel 'residual (mean over contexts; log scale)'
    set format x '% h'
    set logscale y; set format y '%g'
    set grid xtics ytics nomxtics mytics
    set key off
    plot $p2_s1_band using 1:2:3 with filledcurves lt 1 fs transparent solid 0.2 noborder notitle, \
         $p2_s2_band using 1:2:3 with filledcurves lt 2 fs transparent solid 0.2 noborder notitle, \
         $p2_s3_band using 1:2:3 with filledcurves lt 3 fs transparent solid 0.2 noborder notitle, \
         $p2_s4_band using 1:2:3 with filledcurves lt 4 fs transparent solid 0.2 noborder notitle, \
         $p2_s5_band using 1:2:3 with filledcurves lt 5 fs transparent solid 0.2 noborder notitle, \
         $p2_s6_band using 1:2:3 with filledcurves lt 6 fs transparent solid 0.2 noborder notitle, \
         $p2_s7_band using 1:2:3 with filledcurves lt 7 fs transparent solid 0.2 noborder notitle, \
         $p2_s8_band using 1:2:3 with filledcurves lt 8 fs transparent solid 0.2 noborder notitle, \
         $p2_s9_band using 1:2:3 with filledcurves lt 1 fs transparent solid 0.2 noborder notitle, \
         $p2_s10_band using 1:2:3 with filledcurves lt 2 fs transparent solid 0.2 noborder notitle, \
         $p2_s11_band using 1:2:3 with filledcurves lt 3 fs transparent solid 0.2 noborder notitle, \
         $p2_s12_band using 1:2:3 with filledcurves lt 4 fs transparent solid 0.2 noborder notitle, \
         $p2_s1 using 1:2 with lines lt 1 title 'cold', \
         $p2_s2 using 1:2 with lines lt 2 title 'mlp(hidden=128,128)/regression_sum: warm', \
         $p2_s3 using 1:2 with lines lt 3 title 'neural_fp(steps=5,init=mlp,init_hidden=128,delta_scale=0.1)/regression_sum: warm', \
         $p2_s4 using 1:2 with lines lt 4 title 'neural_fp(steps=5,init=zero,init_hidden=128,delta_scale=0.1)/regression_sum: warm', \
         $p2_s5 using 1:2 with lines lt 5 title 'hyper_aa(steps=5,init=mlp,init_hidden=128)/regression_sum: warm', \
         $p2_s6 using 1:2 with lines lt 6 title 'hyper_aa(steps=5,init=zero,init_hidden=128)/regression_sum: warm', \
         $p2_s7 using 1:2 with lines lt 7 dt 2 title 'Anderson, cold', \
         $p2_s8 using 1:2 with lines lt 8 dt 2 title 'mlp(hidden=128,128)/regression_sum: Anderson, warm', \
         $p2_s9 using 1:2 with lines lt 1 dt 2 title 'neural_fp(steps=5,init=mlp,init_hidden=128,delta_scale=0.1)/regression_sum: Anderson, warm', \
         $p2_s10 using 1:2 with lines lt 2 dt 2 title 'neural_fp(steps=5,init=zero,init_hidden=128,delta_scale=0.1)/regression_sum: Anderson, warm', \
         $p2_s11 using 1:2 with lines lt 3 dt 2 title 'hyper_aa(steps=5,init=mlp,init_hidden=128)/regression_sum: Anderson, warm', \
         $p2_s12 using 1:2 with lines lt 4 dt 2 title 'hyper_aa(steps=5,init=zero,init_hidden=128)/regression_sum: Anderson, warm'

    # ---- the key of every panel, below them
    unset object; unset arrow; unset logscale; unset title; unset xlabel; unset ylabel
    unset border; unset tics; unset grid
    set origin 0, 0; set size 1, 0.34109
    set lmargin 0; set rmargin 0; set tmargin 0; set bmargin 0
    set xrange [0:1]; set yrange [0:1]
    set key inside center center horizontal Left reverse samplen 2.5 spacing 1.15 width 2 maxrows 12
    plot keyentry with lines lt 1 title 'cold', \
         keyentry with lines lt 2 title 'mlp(hidden=128,128)/regression_sum: warm', \
         keyentry with lines lt 3 title 'neural_fp(steps=5,init=mlp,init_hidden=128,delta_scale=0.1)/regression_sum: warm', \
         keyentry with lines lt 4 title 'neural_fp(steps=5,init=zero,init_hidden=128,delta_scale=0.1)/regression_sum: warm', \
         keyentry with lines lt 5 title 'hyper_aa(steps=5,init=mlp,init_hidden=128)/regression_sum: warm', \
         keyentry with lines lt 6 title 'hyper_aa(steps=5,init=zero,init_hidden=128)/regression_sum: warm', \
         keyentry with lines lt 7 dt 2 title 'Anderson, cold', \
         keyentry with lines lt 8 dt 2 title 'mlp(hidden=128,128)/regression_sum: Anderson, warm', \
         keyentry with lines lt 1 dt 2 title 'neural_fp(steps=5,init=mlp,init_hidden=128,delta_scale=0.1)/regression_sum: Anderson, warm', \
         keyentry with lines lt 2 dt 2 title 'neural_fp(steps=5,init=zero,init_hidden=128,delta_scale=0.1)/regression_sum: Anderson, warm', \
         keyentry with lines lt 3 dt 2 title 'hyper_aa(steps=5,init=mlp,init_hidden=128)/regression_sum: Anderson, warm', \
         keyentry with lines lt 4 dt 2 title 'hyper_aa(steps=5,init=zero,init_hidden=128)/regression_sum: Anderson, warm', \
         NaN notitle
    set border 3 lw 1 lc rgb '#404040'; set tics; set tics nomirror out scale 0.6
    set lmargin -1; set tmargin -1; set bmargin -1; set rmargin 4
    set key noreverse Right samplen 2.5 spacing 1.15 width 0 maxrows auto
    unset multiplot
    unset output
}
