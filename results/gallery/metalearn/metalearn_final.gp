# metalearn_final.gp -- a bar chart written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# One datablock per bar label, one row per group: group is the group's
# x position (0 = the first), err the half-width of its error bar
# (err_lo and err_hi: below and above the value).
# Values that cannot be plotted (NaN, Inf, <= 0 on a log axis) are left
# out, each with a comment saying why.
# groups: 0 = sinusoid(shots=5,queries=100), 1 = sinusoid(shots=10,queries=100)

# bar 1: warmstart(hidden=128,128,steps=10,step_size=0.01)/objective(on=validation)
$bar1 << EOD
# group value err_lo err_hi
# group 1: no error bar, err = nan
0 0.34826763310812897 0 0
# group 2: no error bar, err = nan
1 0.3507703027233803 0 0
EOD
# bar 2: unroll_gd(init=constant,steps=1,step0=0.01,learn_steps=false,init_std=0.01)/objective(on=validation)/eval.model.steps=10
$bar2 << EOD
# group value err_lo err_hi
# group 1: no error bar, err = nan
0 0.03402032996075052 0 0
# group 2: no error bar, err = nan
1 0.060072936435906416 0 0
EOD
# bar 3: unroll_gd(init=constant,steps=5,step0=0.01,learn_steps=false,init_std=0.01)/objective(on=validation)/eval.model.steps=10
$bar3 << EOD
# group value err_lo err_hi
# group 1: no error bar, err = nan
0 0.12086998843213562 0 0
# group 2: no error bar, err = nan
1 0.005339632572950151 0 0
EOD
# bar 4: unroll_gd(init=constant,steps=1,step0=0.01,learn_steps=false,grad=first_order,init_std=0.01)/objective(on=validation)/eval.model.steps=10
$bar4 << EOD
# group value err_lo err_hi
# group 1: no error bar, err = nan
0 0.07648906713020007 0 0
# group 2: no error bar, err = nan
1 0.020462256423507654 0 0
EOD
# bar 5: unroll_gd(init=constant,steps=1,step0=0.1,init_std=0.01,step_shape=coordinate,step0_low=0.005)/objective(on=validation)/eval.model.steps=1
$bar5 << EOD
# group value err_lo err_hi
# group 1: no error bar, err = nan
0 0.3338189831605705 0 0
# group 2: no error bar, err = nan
1 0.18856249890642096 0 0
EOD
# bar 6: unroll_gd(init=constant,steps=10,step0=0.01,learn_steps=false,grad=implicit,init_std=0.01,lambda=0.5,cg_steps=5,inner_safeguard=true)/objective(on=validation)/eval.model.steps=1
$bar6 << EOD
# group value err_lo err_hi
# group 1: no error bar, err = nan
0 2.3048570977549114 0 0
# group 2: no error bar, err = nan
1 28.76006935353364 0 0
EOD
# bar 7: unroll_gd(init=constant,steps=10,step0=0.01,learn_steps=false,grad=implicit,init_std=0.01,lambda=0.5,cg_steps=5,inner_safeguard=true)/objective(on=validation)/eval.model.steps=10
$bar7 << EOD
# group value err_lo err_hi
# group 1: no error bar, err = nan
0 0.12756471171192463 0 0
# group 2: no error bar, err = nan
1 1.8582181723033628 0 0
EOD
# bar 8: learned_update(steps=1,hidden=16,init=constant,init_std=0.01,update_scale=0.1)/objective(on=validation)/eval.model.steps=10
$bar8 << EOD
# group value err_lo err_hi
# group 1: no error bar, err = nan
0 7.422902852872318 0 0
# group 2: no error bar, err = nan
1 8.679525176491854 0 0
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
amor_out(ext) = amor_dir . 'metalearn_final.' . ext . amor_suffix

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

# Axes
set border 3 lw 1 lc rgb '#404040'
set tics nomirror out scale 0.6
set xtics scale 0 nomirror ('sinusoid(shots=5,queries=100)' 0, 'sinusoid(shots=10,queries=100)' 1)
set xrange [-0.5:1.5]
set logscale y; set format y '%g'
set grid noxtics ytics nomytics back lt 1 lw 1 lc rgb '#e4e4e4'
set title 'metalearn: final held-out objective (1 seed; 2 cells not ok left out)'
set ylabel 'objective f(yhat)'
set key bmargin center horizontal reverse Left samplen 1.5 width 2 height 0.6
set style fill solid 0.85 border lc rgb '#303030'
set errorbars 1.50 lc rgb '#000000' lw 1.2  # cap width in tic lengths
bar_n = 8
bar_width = 0.8 / bar_n  # one bar; a group's bars fill 80% of a unit
bar_x(g, j) = g + (j - (bar_n + 1) / 2.0) * bar_width
# lower end of a whisker: on a log axis it cannot reach 0, so it is cut at a tenth of the value
bar_lo(v, e) = v - e > 0 ? v - e : v * 0.1

do for [amor_fmt in 'png svg'] {
    if (amor_fmt eq 'png') {
        set terminal pngcairo size 900,640 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 900,640 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    plot $bar1 using (bar_x($1, 1)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 1 lw 1 title 'warmstart(hidden=128,128,steps=10,step_size=0.01)/objective(on=validation)', \
         $bar2 using (bar_x($1, 2)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 2 lw 1 title 'unroll_gd(init=constant,steps=1,step0=0.01,learn_steps=false,init_std=0.01)/objective(on=validation)/eval.model.steps=10', \
         $bar3 using (bar_x($1, 3)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 3 lw 1 title 'unroll_gd(init=constant,steps=5,step0=0.01,learn_steps=false,init_std=0.01)/objective(on=validation)/eval.model.steps=10', \
         $bar4 using (bar_x($1, 4)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 4 lw 1 title 'unroll_gd(init=constant,steps=1,step0=0.01,learn_steps=false,grad=first_order,init_std=0.01)/objective(on=validation)/eval.model.steps=10', \
         $bar5 using (bar_x($1, 5)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 5 lw 1 title 'unroll_gd(init=constant,steps=1,step0=0.1,init_std=0.01,step_shape=coordinate,step0_low=0.005)/objective(on=validation)/eval.model.steps=1', \
         $bar6 using (bar_x($1, 6)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 6 lw 1 title 'unroll_gd(init=constant,steps=10,step0=0.01,learn_steps=false,grad=implicit,init_std=0.01,lambda=0.5,cg_steps=5,inner_safeguard=true)/objective(on=validation)/eval.model.steps=1', \
         $bar7 using (bar_x($1, 7)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 7 lw 1 title 'unroll_gd(init=constant,steps=10,step0=0.01,learn_steps=false,grad=implicit,init_std=0.01,lambda=0.5,cg_steps=5,inner_safeguard=true)/objective(on=validation)/eval.model.steps=10', \
         $bar8 using (bar_x($1, 8)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 8 lw 1 title 'learned_update(steps=1,hidden=16,init=constant,init_std=0.01,update_scale=0.1)/objective(on=validation)/eval.model.steps=10'
    unset output
}
