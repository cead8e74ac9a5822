# qp_final.gp -- a bar chart written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# One datablock per bar label, one row per group: group is the group's
# x position (0 = the first), err the half-width of its error bar
# (err_lo and err_hi: below and above the value).
# Values that cannot be plotted (NaN, Inf, <= 0 on a log axis) are left
# out, each with a comment saying why.
# groups: 0 = qp(n=30,adaptive_rho_interval=0), 1 = qp(n=30,adaptive_rho_interval=25)

# bar 1: solver_steps(steps=100)/regression
$bar1 << EOD
# group value err_lo err_hi
# group 1: no error bar, err = nan
0 16.378478306843974 0 0
# group 2: no error bar, err = nan
1 3.8566383835541083 0 0
EOD
# bar 2: rho_policy(mode=once,steps=100,interval=10)/regression
$bar2 << EOD
# group value err_lo err_hi
# group 1: no error bar, err = nan
0 0.5684638816965428 0 0
# skipped group 2: value = nan is NaN
EOD
# bar 3: rho_policy(steps=100,interval=10)/regression
$bar3 << EOD
# group value err_lo err_hi
# group 1: no error bar, err = nan
0 0.0013615191871257132 0 0
# skipped group 2: value = nan is NaN
EOD
# bar 4: rho_policy(steps=100,interval=10)/regression/eval.model.beyond=hold
$bar4 << EOD
# group value err_lo err_hi
# group 1: no error bar, err = nan
0 0.0013615191871257132 0 0
# skipped group 2: value = nan is NaN
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
amor_out(ext) = amor_dir . 'qp_final.' . ext . amor_suffix

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
set xtics scale 0 nomirror ('qp(n=30,adaptive_rho_interval=0)' 0, 'qp(n=30,adaptive_rho_interval=25)' 1)
set xrange [-0.5:1.5]
set logscale y; set format y '%g'
set grid noxtics ytics nomytics back lt 1 lw 1 lc rgb '#e4e4e4'
set title 'qp: final held-out gap (1 seed)'
set ylabel 'gap f(yhat) - f(y*)'
set key bmargin center horizontal reverse Left samplen 1.5 width 2 height 0.6
set style fill solid 0.85 border lc rgb '#303030'
set errorbars 1.50 lc rgb '#000000' lw 1.2  # cap width in tic lengths
bar_n = 4
bar_width = 0.8 / bar_n  # one bar; a group's bars fill 80% of a unit
bar_x(g, j) = g + (j - (bar_n + 1) / 2.0) * bar_width
# lower end of a whisker: on a log axis it cannot reach 0, so it is cut at a tenth of the value
bar_lo(v, e) = v - e > 0 ? v - e : v * 0.1

do for [amor_fmt in 'png svg'] {
    if (amor_fmt eq 'png') {
        set terminal pngcairo size 900,560 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 900,560 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    plot $bar1 using (bar_x($1, 1)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 1 lw 1 title 'solver_steps(steps=100)/regression', \
         $bar2 using (bar_x($1, 2)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 2 lw 1 title 'rho_policy(mode=once,steps=100,interval=10)/regression', \
         $bar3 using (bar_x($1, 3)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 3 lw 1 title 'rho_policy(steps=100,interval=10)/regression', \
         $bar4 using (bar_x($1, 4)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 4 lw 1 title 'rho_policy(steps=100,interval=10)/regression/eval.model.beyond=hold'
    unset output
}
