# metalearn_train_10shot_70000_training_sinusoid_shots_10_queries_10.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# ---- panel 1 data
# series 1: warmstart(hidden=128,128,steps=10,step_size=0.01)/objective(on=validation) (10 points)
$p1_s1 << EOD
# x y
7000 0.16184947148504883
14000 0.12061641985699055
21000 0.1466132015010712
28000 0.1544319305443822
35000 6.126907560156707e+16
42000 14.788617248498166
49000 1.7114528658033972e+64
56000 0.23375120503427987
63000 0.13906361279730126
70000 0.15708775845581224
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
EOD
# series 2: unroll_gd(init=constant,steps=1,step0=0.01,learn_steps=false,init_std=0.01)/objective(on=validation) (11 points)
$p1_s2 << EOD
# x y
0 4.242125208797388
7000 0.4910378177188304
14000 0.36097009158189197
21000 0.3573662305074021
28000 0.3387949112377738
35000 0.3328549823212771
42000 0.3260802627014403
49000 0.3024125081557018
56000 0.3126372014060713
63000 0.31901084442002364
70000 0.3051957294127197
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
EOD
# series 3: unroll_gd(init=constant,steps=5,step0=0.01,learn_steps=false,init_std=0.01)/objective(on=validation) (11 points)
$p1_s3 << EOD
# x y
0 4.161974555153317
7000 0.15536272604708662
14000 0.08089520992718587
21000 0.038754983717562905
28000 0.030110703954352953
35000 0.03408629420845451
42000 0.027290640169883158
49000 0.024671372762560557
56000 0.02410189937814642
63000 0.02230526908737085
70000 0.016917584349331168
EOD
$p1_s3_band << EOD
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
EOD
# series 4: unroll_gd(init=constant,steps=1,step0=0.01,learn_steps=false,grad=first_order,init_std=0.01)/objective(on=validation) (11 points)
$p1_s4 << EOD
# x y
0 4.242003062002773
7000 0.5498547419016259
14000 0.5492635740336107
21000 0.4716934833903439
28000 0.39881366272696256
35000 0.4885502485926894
42000 0.4310624051784711
49000 0.3297481592738898
56000 0.5059235831888815
63000 0.5240799006436258
70000 0.46788121945788336
EOD
$p1_s4_band << EOD
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
EOD
# series 5: unroll_gd(init=constant,steps=1,step0=0.1,init_std=0.01,step_shape=coordinate,step0_low=0.005)/objective(on=validation) (11 points)
$p1_s5 << EOD
# x y
0 4.064212875879177
7000 0.26126118634841616
14000 0.20186170275038937
21000 0.19137965586335384
28000 0.18442459798827326
35000 0.18640536643453856
42000 0.20885148058642258
49000 0.18522644747506067
56000 0.17240294295111983
63000 0.17218267045625765
70000 0.17279283304448367
EOD
$p1_s5_band << EOD
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
EOD
# series 6: unroll_gd(init=constant,steps=10,step0=0.01,learn_steps=false,grad=implicit,init_std=0.01,lambda=0.5,cg_steps=5,inner_safeguard=true)/objective(on=validation) (11 points)
$p1_s6 << EOD
# x y
0 4.078347219826803
7000 0.4878594608049749
14000 0.10508340316804024
21000 0.15428017280338818
28000 0.09065439344804997
35000 0.22002735906912804
42000 0.10324655287021267
49000 0.21520296174563644
56000 0.1620510297587261
63000 0.17514441345661652
70000 1.7418352410802183
EOD
$p1_s6_band << EOD
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
amor_out(ext) = amor_dir . 'metalearn_train_10shot_70000_training_sinusoid_shots_10_queries_10.' . ext . amor_suffix

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
        set terminal pngcairo size 900,674 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 900,674 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    set multiplot title 'metalearn_train_10shot_70000: sinusoid(shots=10,queries=10), training curves (1 seed)' font ',13'

    # ---- panel 1
    set origin 0.00000, 0.21365; set size 1.00000, 0.72700
    unset object; unset arrow; unset logscale; set autoscale
    set title 'held-out objective f(yhat)'
    set xlabel 'training step'
    set ylabel 'objective (log scale)'
    set format x '% h'
    set logscale y; set format y '%g'
    set grid xtics ytics nomxtics mytics
    set key off
    plot $p1_s1 using 1:2 with lines lt 1 title 'warmstart(hidden=128,128,steps=10,step_size=0.01)/objective(on=validation)', \
         $p1_s2 using 1:2 with lines lt 2 title 'unroll_gd(init=constant,steps=1,step0=0.01,learn_steps=false,init_std=0.01)/objective(on=validation)', \
         $p1_s3 using 1:2 with lines lt 3 title 'unroll_gd(init=constant,steps=5,step0=0.01,learn_steps=false,init_std=0.01)/objective(on=validation)', \
         $p1_s4 using 1:2 with lines lt 4 title 'unroll_gd(init=constant,steps=1,step0=0.01,learn_steps=false,grad=first_order,init_std=0.01)/objective(on=validation)', \
         $p1_s5 using 1:2 with lines lt 5 title 'unroll_gd(init=constant,steps=1,step0=0.1,init_std=0.01,step_shape=coordinate,step0_low=0.005)/objective(on=validation)', \
         $p1_s6 using 1:2 with lines lt 6 title 'unroll_gd(init=constant,steps=10,step0=0.01,learn_steps=false,grad=implicit,init_std=0.01,lambda=0.5,cg_steps=5,inner_safeguard=true)/objective(on=validation)'

    # ---- the key of every panel, below them
    unset object; unset arrow; unset logscale; unset title; unset xlabel; unset ylabel
    unset border; unset tics; unset grid
    set origin 0, 0; set size 1, 0.21365
    set lmargin 0; set rmargin 0; set tmargin 0; set bmargin 0
    set xrange [0:1]; set yrange [0:1]
    set key inside center center horizontal Left reverse samplen 2.5 spacing 1.15 width 2 maxrows 6
    plot keyentry with lines lt 1 title 'warmstart(hidden=128,128,steps=10,step_size=0.01)/objective(on=validation)', \
         keyentry with lines lt 2 title 'unroll_gd(init=constant,steps=1,step0=0.01,learn_steps=false,init_std=0.01)/objective(on=validation)', \
         keyentry with lines lt 3 title 'unroll_gd(init=constant,steps=5,step0=0.01,learn_steps=false,init_std=0.01)/objective(on=validation)', \
         keyentry with lines lt 4 title 'unroll_gd(init=constant,steps=1,step0=0.01,learn_steps=false,grad=first_order,init_std=0.01)/objective(on=validation)', \
         keyentry with lines lt 5 title 'unroll_gd(init=constant,steps=1,step0=0.1,init_std=0.01,step_shape=coordinate,step0_low=0.005)/objective(on=validation)', \
         keyentry with lines lt 6 title 'unroll_gd(init=constant,steps=10,step0=0.01,learn_steps=false,grad=implicit,init_std=0.01,lambda=0.5,cg_steps=5,inner_safeguard=true)/objective(on=validation)', \
         NaN notitle
    set border 3 lw 1 lc rgb '#404040'; set tics; set tics nomirror out scale 0.6
    set lmargin -1; set tmargin -1; set bmargin -1; set rmargin 4
    set key noreverse Right samplen 2.5 spacing 1.15 width 0 maxrows auto
    unset multiplot
    unset output
}
