# main_example_final.gp -- a bar chart written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# One datablock per bar label, one row per group: group is the group's
# x position (0 = the first), err the half-width of its error bar
# (err_lo and err_hi: below and above the value).
# Values that cannot be plotted (NaN, Inf, <= 0 on a log axis) are left
# out, each with a comment saying why.
# groups: 0 = tutorial1d

# bar 1: linear/regression
$bar1 << EOD
# group value err_lo err_hi
# group 1: no error bar, err = nan
0 0.0016035346508116667 0 0
EOD
# bar 2: linear/objective
$bar2 << EOD
# group value err_lo err_hi
# group 1: no error bar, err = nan
0 0.0015995180400391472 0 0
EOD
# bar 3: linear/zeroth_order(samples=4,sigma=1)
$bar3 << EOD
# group value err_lo err_hi
# group 1: no error bar, err = nan
0 0.0016002454395982974 0 0
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
amor_out(ext) = amor_dir . 'main_example_final.' . ext . amor_suffix

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
set xtics scale 0 nomirror ('tutorial1d' 0)
set xrange [-0.5:0.5]
set logscale y; set format y '%g'
set grid noxtics ytics nomytics back lt 1 lw 1 lc rgb '#e4e4e4'
set title 'main_example: final held-out gap (1 seed)'
set ylabel 'gap f(yhat) - f(y*)'
set key bmargin center horizontal reverse Left samplen 1.5 width 2 height 0.6
set style fill solid 0.85 border lc rgb '#303030'
set errorbars 1.50 lc rgb '#000000' lw 1.2  # cap width in tic lengths
bar_n = 3
bar_width = 0.8 / bar_n  # one bar; a group's bars fill 80% of a unit
bar_x(g, j) = g + (j - (bar_n + 1) / 2.0) * bar_width
# lower end of a whisker: on a log axis it cannot reach 0, so it is cut at a tenth of the value
bar_lo(v, e) = v - e > 0 ? v - e : v * 0.1

do for [amor_fmt in 'png svg'] {
    if (amor_fmt eq 'png') {
        set terminal pngcairo size 900,520 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 900,520 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    plot $bar1 using (bar_x($1, 1)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 1 lw 1 title 'linear/regression', \
         $bar2 using (bar_x($1, 2)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 2 lw 1 title 'linear/objective', \
         $bar3 using (bar_x($1, 3)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 3 lw 1 title 'linear/zeroth_order(samples=4,sigma=1)'
    unset output
}
