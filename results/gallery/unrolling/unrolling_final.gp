# unrolling_final.gp -- a bar chart written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# One datablock per bar label, one row per group: group is the group's
# x position (0 = the first), err the half-width of its error bar
# (err_lo and err_hi: below and above the value).
# Values that cannot be plotted (NaN, Inf, <= 0 on a log axis) are left
# out, each with a comment saying why.
# groups: 0 = quadratic(dim=32,cond=100)

# bar 1: mlp(hidden=16)/objective
$bar1 << EOD
# group value err_lo err_hi
0 0.32592000280867756 0.0069545407524758684 0.009820728764287912
EOD
# bar 2: unroll_gd(init=mlp,hidden=16,steps=1,step0=0.01,grad=exact)/objective
$bar2 << EOD
# group value err_lo err_hi
0 0.11972313582086125 0.005072714733512937 0.008028412369277288
EOD
# bar 3: unroll_gd(init=mlp,hidden=16,steps=2,step0=0.01,grad=exact)/objective
$bar3 << EOD
# group value err_lo err_hi
0 0.06763404945690928 0.004920237613115053 0.005709387899806545
EOD
# bar 4: unroll_gd(init=mlp,hidden=16,steps=5,step0=0.01,grad=exact)/objective
$bar4 << EOD
# group value err_lo err_hi
0 0.01516719114208158 0.00268674617506702 0.004913202433877727
EOD
# bar 5: unroll_gd(init=mlp,hidden=16,steps=10,step0=0.01,grad=exact)/objective
$bar5 << EOD
# group value err_lo err_hi
0 0.0018841184680177157 0.0005842402450790065 0.001058979335155099
EOD
# bar 6: unroll_gd(init=mlp,hidden=16,steps=20,step0=0.01,grad=exact)/objective
$bar6 << EOD
# group value err_lo err_hi
0 0.0007760627877997969 0.00037820192001279673 0.0003135329466559297
EOD
# bar 7: unroll_gd(init=mlp,hidden=16,steps=1,step0=0.01,grad=first_order)/objective
$bar7 << EOD
# group value err_lo err_hi
0 0.1913337554109471 0.008453828606134056 0.00700497567659783
EOD
# bar 8: unroll_gd(init=mlp,hidden=16,steps=2,step0=0.01,grad=first_order)/objective
$bar8 << EOD
# group value err_lo err_hi
0 0.06633275678175594 0.0012210449508215648 0.0013703557806533512
EOD
# bar 9: unroll_gd(init=mlp,hidden=16,steps=5,step0=0.01,grad=first_order)/objective
$bar9 << EOD
# group value err_lo err_hi
0 0.22627779041496351 0.21745471366922126 0.42703649919299924
EOD
# bar 10: unroll_gd(init=mlp,hidden=16,steps=10,step0=0.01,grad=first_order)/objective
$bar10 << EOD
# group value err_lo err_hi
0 0.0005156076015118282 0.000193413932190131 9.792012110608917e-05
EOD
# bar 11: unroll_gd(init=mlp,hidden=16,steps=20,step0=0.01,grad=first_order)/objective
$bar11 << EOD
# group value err_lo err_hi
0 8.290235675594872e-05 8.58333083572898e-06 6.678934343757291e-06
EOD
# bar 12: unroll_gd(init=mlp,hidden=16,steps=5,step0=0.01,grad=truncated,window=5)/objective
$bar12 << EOD
# group value err_lo err_hi
0 0.01226175099813595 0.000408929612795407 0.0004842489295773574
EOD
# bar 13: unroll_gd(init=mlp,hidden=16,steps=10,step0=0.01,grad=truncated,window=5)/objective
$bar13 << EOD
# group value err_lo err_hi
0 1.6069174380063114 0.07585123554107054 0.06478481171580364
EOD
# bar 14: unroll_gd(init=mlp,hidden=16,steps=20,step0=0.01,grad=truncated,window=5)/objective
$bar14 << EOD
# group value err_lo err_hi
0 0.5109141174067233 0.04127909370818689 0.029931143790944414
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
amor_out(ext) = amor_dir . 'unrolling_final.' . ext . amor_suffix

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
set xtics scale 0 nomirror ('quadratic(dim=32,cond=100)' 0)
set xrange [-0.5:0.5]
set logscale y; set format y '%g'
set grid noxtics ytics nomytics back lt 1 lw 1 lc rgb '#e4e4e4'
set title 'unrolling: final held-out gap (mean of 3 seeds, 95% bootstrap intervals)'
set ylabel 'gap f(yhat) - f(y*)'
set key bmargin center horizontal reverse Left samplen 1.5 width 2 height 0.6
set style fill solid 0.85 border lc rgb '#303030'
set errorbars 1.50 lc rgb '#000000' lw 1.2  # cap width in tic lengths
bar_n = 14
bar_width = 0.8 / bar_n  # one bar; a group's bars fill 80% of a unit
bar_x(g, j) = g + (j - (bar_n + 1) / 2.0) * bar_width
# lower end of a whisker: on a log axis it cannot reach 0, so it is cut at a tenth of the value
bar_lo(v, e) = v - e > 0 ? v - e : v * 0.1

do for [amor_fmt in 'png svg'] {
    if (amor_fmt eq 'png') {
        set terminal pngcairo size 900,760 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 900,760 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    plot $bar1 using (bar_x($1, 1)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 1 lw 1 title 'mlp(hidden=16)/objective', \
         $bar2 using (bar_x($1, 2)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 2 lw 1 title 'unroll_gd(init=mlp,hidden=16,steps=1,step0=0.01,grad=exact)/objective', \
         $bar3 using (bar_x($1, 3)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 3 lw 1 title 'unroll_gd(init=mlp,hidden=16,steps=2,step0=0.01,grad=exact)/objective', \
         $bar4 using (bar_x($1, 4)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 4 lw 1 title 'unroll_gd(init=mlp,hidden=16,steps=5,step0=0.01,grad=exact)/objective', \
         $bar5 using (bar_x($1, 5)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 5 lw 1 title 'unroll_gd(init=mlp,hidden=16,steps=10,step0=0.01,grad=exact)/objective', \
         $bar6 using (bar_x($1, 6)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 6 lw 1 title 'unroll_gd(init=mlp,hidden=16,steps=20,step0=0.01,grad=exact)/objective', \
         $bar7 using (bar_x($1, 7)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 7 lw 1 title 'unroll_gd(init=mlp,hidden=16,steps=1,step0=0.01,grad=first_order)/objective', \
         $bar8 using (bar_x($1, 8)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 8 lw 1 title 'unroll_gd(init=mlp,hidden=16,steps=2,step0=0.01,grad=first_order)/objective', \
         $bar9 using (bar_x($1, 9)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 1 lw 1 title 'unroll_gd(init=mlp,hidden=16,steps=5,step0=0.01,grad=first_order)/objective', \
         $bar10 using (bar_x($1, 10)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 2 lw 1 title 'unroll_gd(init=mlp,hidden=16,steps=10,step0=0.01,grad=first_order)/objective', \
         $bar11 using (bar_x($1, 11)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 3 lw 1 title 'unroll_gd(init=mlp,hidden=16,steps=20,step0=0.01,grad=first_order)/objective', \
         $bar12 using (bar_x($1, 12)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 4 lw 1 title 'unroll_gd(init=mlp,hidden=16,steps=5,step0=0.01,grad=truncated,window=5)/objective', \
         $bar13 using (bar_x($1, 13)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 5 lw 1 title 'unroll_gd(init=mlp,hidden=16,steps=10,step0=0.01,grad=truncated,window=5)/objective', \
         $bar14 using (bar_x($1, 14)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 6 lw 1 title 'unroll_gd(init=mlp,hidden=16,steps=20,step0=0.01,grad=truncated,window=5)/objective'
    unset output
}
