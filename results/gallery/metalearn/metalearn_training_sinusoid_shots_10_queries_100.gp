# metalearn_training_sinusoid_shots_10_queries_100.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# ---- panel 1 data
# series 1: warmstart(hidden=128,128,steps=10,step_size=0.01)/objective(on=validation) (1 points)
$p1_s1 << EOD
# x y
0 0.3507703027233803
EOD
$p1_s1_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 2: unroll_gd(init=constant,steps=1,step0=0.01,learn_steps=false,init_std=0.01)/objective(on=validation)/eval.model.steps=10 (1 points)
$p1_s2 << EOD
# x y
0 0.060072936435906416
EOD
$p1_s2_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 3: unroll_gd(init=constant,steps=5,step0=0.01,learn_steps=false,init_std=0.01)/objective(on=validation)/eval.model.steps=10 (1 points)
$p1_s3 << EOD
# x y
0 0.005339632572950151
EOD
$p1_s3_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 4: unroll_gd(init=constant,steps=1,step0=0.01,learn_steps=false,grad=first_order,init_std=0.01)/objective(on=validation)/eval.model.steps=10 (1 points)
$p1_s4 << EOD
# x y
0 0.020462256423507654
EOD
$p1_s4_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 5: unroll_gd(init=constant,steps=1,step0=0.1,init_std=0.01,step_shape=coordinate,step0_low=0.005)/objective(on=validation)/eval.model.steps=1 (1 points)
$p1_s5 << EOD
# x y
0 0.18856249890642096
EOD
$p1_s5_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 6: unroll_gd(init=constant,steps=10,step0=0.01,learn_steps=false,grad=implicit,init_std=0.01,lambda=0.5,cg_steps=5,inner_safeguard=true)/objective(on=validation)/eval.model.steps=1 (1 points)
$p1_s6 << EOD
# x y
0 28.76006935353364
EOD
$p1_s6_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 7: unroll_gd(init=constant,steps=10,step0=0.01,learn_steps=false,grad=implicit,init_std=0.01,lambda=0.5,cg_steps=5,inner_safeguard=true)/objective(on=validation)/eval.model.steps=10 (1 points)
$p1_s7 << EOD
# x y
0 1.8582181723033628
EOD
$p1_s7_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 8: learned_update(steps=1,hidden=16,init=constant,init_std=0.01,update_scale=0.1)/objective(on=validation)/eval.model.steps=10 (1 points)
$p1_s8 << EOD
# x y
0 8.679525176491854
EOD
$p1_s8_band << EOD
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
amor_out(ext) = amor_dir . 'metalearn_training_sinusoid_shots_10_queries_100.' . ext . amor_suffix

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
        set terminal pngcairo size 900,714 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 900,714 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    set multiplot title 'metalearn: sinusoid(shots=10,queries=100), training curves (1 seed; 1 cell not ok left out)' font ',12'

    # ---- panel 1
    set origin 0.00000, 0.25770; set size 1.00000, 0.68627
    unset object; unset arrow; unset logscale; set autoscale
    set title 'held-out objective f(yhat)'
    set xlabel 'training step'
    set ylabel 'objective (log scale)'
    set format x '% h'
    set logscale y; set format y '%g'
    set grid xtics ytics nomxtics mytics
    set key off
    plot $p1_s1 using 1:2 with lines lt 1 title 'warmstart(hidden=128,128,steps=10,step_size=0.01)/objective(on=validation)', \
         $p1_s2 using 1:2 with lines lt 2 title 'unroll_gd(init=constant,steps=1,step0=0.01,learn_steps=false,init_std=0.01)/objective(on=validation)/eval.model.steps=10', \
         $p1_s3 using 1:2 with lines lt 3 title 'unroll_gd(init=constant,steps=5,step0=0.01,learn_steps=false,init_std=0.01)/objective(on=validation)/eval.model.steps=10', \
         $p1_s4 using 1:2 with lines lt 4 title 'unroll_gd(init=constant,steps=1,step0=0.01,learn_steps=false,grad=first_order,init_std=0.01)/objective(on=validation)/eval.model.steps=10', \
         $p1_s5 using 1:2 with lines lt 5 title 'unroll_gd(init=constant,steps=1,step0=0.1,init_std=0.01,step_shape=coordinate,step0_low=0.005)/objective(on=validation)/eval.model.steps=1', \
         $p1_s6 using 1:2 with lines lt 6 title 'unroll_gd(init=constant,steps=10,step0=0.01,learn_steps=false,grad=implicit,init_std=0.01,lambda=0.5,cg_steps=5,inner_safeguard=true)/objective(on=validation)/eval.model.steps=1', \
         $p1_s7 using 1:2 with lines lt 7 title 'unroll_gd(init=constant,steps=10,step0=0.01,learn_steps=false,grad=implicit,init_std=0.01,lambda=0.5,cg_steps=5,inner_safeguard=true)/objective(on=validation)/eval.model.steps=10', \
         $p1_s8 using 1:2 with lines lt 8 title 'learned_update(steps=1,hidden=16,init=constant,init_std=0.01,update_scale=0.1)/objective(on=validation)/eval.model.steps=10'

    # ---- the key of every panel, below them
    unset object; unset arrow; unset logscale; unset title; unset xlabel; unset ylabel
    unset border; unset tics; unset grid
    set origin 0, 0; set size 1, 0.25770
    set lmargin 0; set rmargin 0; set tmargin 0; set bmargin 0
    set xrange [0:1]; set yrange [0:1]
    set key inside center center horizontal Left reverse samplen 2.5 spacing 1.15 width 2 maxrows 8
    plot keyentry with lines lt 1 title 'warmstart(hidden=128,128,steps=10,step_size=0.01)/objective(on=validation)', \
         keyentry with lines lt 2 title 'unroll_gd(init=constant,steps=1,step0=0.01,learn_steps=false,init_std=0.01)/objective(on=validation)/eval.model.steps=10', \
         keyentry with lines lt 3 title 'unroll_gd(init=constant,steps=5,step0=0.01,learn_steps=false,init_std=0.01)/objective(on=validation)/eval.model.steps=10', \
         keyentry with lines lt 4 title 'unroll_gd(init=constant,steps=1,step0=0.01,learn_steps=false,grad=first_order,init_std=0.01)/objective(on=validation)/eval.model.steps=10', \
         keyentry with lines lt 5 title 'unroll_gd(init=constant,steps=1,step0=0.1,init_std=0.01,step_shape=coordinate,step0_low=0.005)/objective(on=validation)/eval.model.steps=1', \
         keyentry with lines lt 6 title 'unroll_gd(init=constant,steps=10,step0=0.01,learn_steps=false,grad=implicit,init_std=0.01,lambda=0.5,cg_steps=5,inner_safeguard=true)/objective(on=validation)/eval.model.steps=1', \
         keyentry with lines lt 7 title 'unroll_gd(init=constant,steps=10,step0=0.01,learn_steps=false,grad=implicit,init_std=0.01,lambda=0.5,cg_steps=5,inner_safeguard=true)/objective(on=validation)/eval.model.steps=10', \
         keyentry with lines lt 8 title 'learned_update(steps=1,hidden=16,init=constant,init_std=0.01,update_scale=0.1)/objective(on=validation)/eval.model.steps=10', \
         NaN notitle
    set border 3 lw 1 lc rgb '#404040'; set tics; set tics nomirror out scale 0.6
    set lmargin -1; set tmargin -1; set bmargin -1; set rmargin 4
    set key noreverse Right samplen 2.5 spacing 1.15 width 0 maxrows auto
    unset multiplot
    unset output
}
