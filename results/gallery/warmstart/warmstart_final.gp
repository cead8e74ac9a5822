# warmstart_final.gp -- a bar chart written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# One datablock per bar label, one row per group: group is the group's
# x position (0 = the first), err the half-width of its error bar
# (err_lo and err_hi: below and above the value).
# Values that cannot be plotted (NaN, Inf, <= 0 on a log axis) are left
# out, each with a comment saying why.
# groups: 0 = quadratic(dim=32,cond=100), 1 = rosenbrock

# bar 1: warmstart(hidden=16,steps=0,step_size=0.01)/objective
$bar1 << EOD
# group value err_lo err_hi
0 0.32329821983590956 0.004833009626073137 0.009600151696891046
# skipped group 2: value = nan is NaN
EOD
# bar 2: warmstart(hidden=16,steps=1,step_size=0.01)/objective
$bar2 << EOD
# group value err_lo err_hi
0 0.1891432939624773 0.003361086166667665 0.004509258429152313
# skipped group 2: value = nan is NaN
EOD
# bar 3: warmstart(hidden=16,steps=5,step_size=0.01)/objective
$bar3 << EOD
# group value err_lo err_hi
0 0.052164496573379994 0.0022448574729930504 0.0039446704927250525
# skipped group 2: value = nan is NaN
EOD
# bar 4: warmstart(hidden=16,steps=10,step_size=0.01)/objective
$bar4 << EOD
# group value err_lo err_hi
0 0.014323933961179305 0.0008886247269701032 0.0015072415363378468
# skipped group 2: value = nan is NaN
EOD
# bar 5: unroll_gd(init=mlp,hidden=16,steps=1,step0=0.01,learn_steps=false)/objective
$bar5 << EOD
# group value err_lo err_hi
0 0.18526468475275562 0.0013111054298544644 0.0019470385216349695
# skipped group 2: value = nan is NaN
EOD
# bar 6: unroll_gd(init=mlp,hidden=16,steps=5,step0=0.01,learn_steps=false)/objective
$bar6 << EOD
# group value err_lo err_hi
0 0.04701482912454072 0.0016292514368057842 0.003101276012424166
# skipped group 2: value = nan is NaN
EOD
# bar 7: unroll_gd(init=mlp,hidden=16,steps=10,step0=0.01,learn_steps=false)/objective
$bar7 << EOD
# group value err_lo err_hi
0 0.011246377001302635 9.888709859464002e-05 5.0779730460540073e-05
# skipped group 2: value = nan is NaN
EOD
# bar 8: unroll_gd(init=mlp,hidden=16,steps=1,step0=0.01,learn_steps=true)/objective
$bar8 << EOD
# group value err_lo err_hi
0 0.1168712141844851 0.00255497958693901 0.0021058081875254403
# skipped group 2: value = nan is NaN
EOD
# bar 9: unroll_gd(init=mlp,hidden=16,steps=5,step0=0.01,learn_steps=true)/objective
$bar9 << EOD
# group value err_lo err_hi
0 0.012424335901305969 0.00048600951296026706 0.0003154556826294591
# skipped group 2: value = nan is NaN
EOD
# bar 10: unroll_gd(init=mlp,hidden=16,steps=10,step0=0.01,learn_steps=true)/objective
$bar10 << EOD
# group value err_lo err_hi
0 0.0027603187858808195 0.0013417019087248684 0.002123884066663351
# skipped group 2: value = nan is NaN
EOD
# bar 11: warmstart(hidden=16,16,steps=0,step_size=0.005)/objective
$bar11 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
1 0.0007692502972385646 0.00035462078929169867 0.0005322825613920372
EOD
# bar 12: warmstart(hidden=16,16,steps=1,step_size=0.005)/objective
$bar12 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
1 0.001186908042667987 0.0002773269765816768 0.0003004667913443786
EOD
# bar 13: warmstart(hidden=16,16,steps=5,step_size=0.005)/objective
$bar13 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
1 0.0005006244068265284 0.0002976973153666323 0.0002786088291868527
EOD
# bar 14: warmstart(hidden=16,16,steps=10,step_size=0.005)/objective
$bar14 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
1 0.0004717306794583204 0.00022064330416411818 0.0003336001699127941
EOD
# bar 15: unroll_gd(init=mlp,hidden=16,16,steps=1,step0=0.005,learn_steps=false)/objective
$bar15 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
1 0.0004977856379890429 0.00022464558284157366 0.0004233887957214835
EOD
# bar 16: unroll_gd(init=mlp,hidden=16,16,steps=5,step0=0.005,learn_steps=false)/objective
$bar16 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
1 0.00030941956653407786 0.00014075299389169695 0.0002725213647030837
EOD
# bar 17: unroll_gd(init=mlp,hidden=16,16,steps=10,step0=0.005,learn_steps=false)/objective
$bar17 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
1 0.00012301909226891707 2.8343788024819006e-05 4.1502305142187244e-05
EOD
# bar 18: unroll_gd(init=mlp,hidden=16,16,steps=1,step0=0.005,learn_steps=true)/objective
$bar18 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
1 0.0009685446938992167 0.000587822262110711 0.00047551617369443627
EOD
# bar 19: unroll_gd(init=mlp,hidden=16,16,steps=5,step0=0.005,learn_steps=true)/objective
$bar19 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
1 0.0001677054430856816 9.028917309783613e-05 5.9747196379430156e-05
EOD
# bar 20: unroll_gd(init=mlp,hidden=16,16,steps=10,step0=0.005,learn_steps=true)/objective
$bar20 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
1 9.071562646135918e-05 2.7303114184238012e-05 2.9266138593661545e-05
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
amor_out(ext) = amor_dir . 'warmstart_final.' . ext . amor_suffix

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
set xtics scale 0 nomirror ('quadratic(dim=32,cond=100)' 0, 'rosenbrock' 1)
set xrange [-0.5:1.5]
set logscale y; set format y '%g'
set grid noxtics ytics nomytics back lt 1 lw 1 lc rgb '#e4e4e4'
set title 'warmstart: final held-out gap (mean of 3 seeds, 95% bootstrap intervals)'
set ylabel 'gap f(yhat) - f(y*)'
set key bmargin center horizontal reverse Left samplen 1.5 width 2 height 0.6
set style fill solid 0.85 border lc rgb '#303030'
set errorbars 1.19 lc rgb '#000000' lw 1.2  # cap width in tic lengths
bar_n = 20
bar_width = 0.8 / bar_n  # one bar; a group's bars fill 80% of a unit
bar_x(g, j) = g + (j - (bar_n + 1) / 2.0) * bar_width
# lower end of a whisker: on a log axis it cannot reach 0, so it is cut at a tenth of the value
bar_lo(v, e) = v - e > 0 ? v - e : v * 0.1

do for [amor_fmt in 'png svg'] {
    if (amor_fmt eq 'png') {
        set terminal pngcairo size 1640,680 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 1640,680 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    plot $bar1 using (bar_x($1, 1)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 1 lw 1 title 'warmstart(hidden=16,steps=0,step_size=0.01)/objective', \
         $bar2 using (bar_x($1, 2)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 2 lw 1 title 'warmstart(hidden=16,steps=1,step_size=0.01)/objective', \
         $bar3 using (bar_x($1, 3)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 3 lw 1 title 'warmstart(hidden=16,steps=5,step_size=0.01)/objective', \
         $bar4 using (bar_x($1, 4)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 4 lw 1 title 'warmstart(hidden=16,steps=10,step_size=0.01)/objective', \
         $bar5 using (bar_x($1, 5)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 5 lw 1 title 'unroll_gd(init=mlp,hidden=16,steps=1,step0=0.01,learn_steps=false)/objective', \
         $bar6 using (bar_x($1, 6)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 6 lw 1 title 'unroll_gd(init=mlp,hidden=16,steps=5,step0=0.01,learn_steps=false)/objective', \
         $bar7 using (bar_x($1, 7)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 7 lw 1 title 'unroll_gd(init=mlp,hidden=16,steps=10,step0=0.01,learn_steps=false)/objective', \
         $bar8 using (bar_x($1, 8)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 8 lw 1 title 'unroll_gd(init=mlp,hidden=16,steps=1,step0=0.01,learn_steps=true)/objective', \
         $bar9 using (bar_x($1, 9)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 1 lw 1 title 'unroll_gd(init=mlp,hidden=16,steps=5,step0=0.01,learn_steps=true)/objective', \
         $bar10 using (bar_x($1, 10)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 2 lw 1 title 'unroll_gd(init=mlp,hidden=16,steps=10,step0=0.01,learn_steps=true)/objective', \
         $bar11 using (bar_x($1, 11)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 3 lw 1 title 'warmstart(hidden=16,16,steps=0,step_size=0.005)/objective', \
         $bar12 using (bar_x($1, 12)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 4 lw 1 title 'warmstart(hidden=16,16,steps=1,step_size=0.005)/objective', \
         $bar13 using (bar_x($1, 13)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 5 lw 1 title 'warmstart(hidden=16,16,steps=5,step_size=0.005)/objective', \
         $bar14 using (bar_x($1, 14)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 6 lw 1 title 'warmstart(hidden=16,16,steps=10,step_size=0.005)/objective', \
         $bar15 using (bar_x($1, 15)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 7 lw 1 title 'unroll_gd(init=mlp,hidden=16,16,steps=1,step0=0.005,learn_steps=false)/objective', \
         $bar16 using (bar_x($1, 16)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 8 lw 1 title 'unroll_gd(init=mlp,hidden=16,16,steps=5,step0=0.005,learn_steps=false)/objective', \
         $bar17 using (bar_x($1, 17)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 1 lw 1 title 'unroll_gd(init=mlp,hidden=16,16,steps=10,step0=0.005,learn_steps=false)/objective', \
         $bar18 using (bar_x($1, 18)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 2 lw 1 title 'unroll_gd(init=mlp,hidden=16,16,steps=1,step0=0.005,learn_steps=true)/objective', \
         $bar19 using (bar_x($1, 19)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 3 lw 1 title 'unroll_gd(init=mlp,hidden=16,16,steps=5,step0=0.005,learn_steps=true)/objective', \
         $bar20 using (bar_x($1, 20)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 4 lw 1 title 'unroll_gd(init=mlp,hidden=16,16,steps=10,step0=0.005,learn_steps=true)/objective'
    unset output
}
