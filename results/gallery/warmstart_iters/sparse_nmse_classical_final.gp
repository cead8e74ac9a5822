# sparse_nmse_classical_final.gp -- a bar chart written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# One datablock per bar label, one row per group: group is the group's
# x position (0 = the first), err the half-width of its error bar
# (err_lo and err_hi: below and above the value).
# Values that cannot be plotted (NaN, Inf, <= 0 on a log axis) are left
# out, each with a comment saying why.
# groups: 0 = lasso(nx=64,ny=128,lambda=0.1,noise=0.01,sparsity=0.1,method=fista)

# bar 1: lista(steps=1,init=dictionary)/objective(on=validation)
$bar1 << EOD
# group value err_lo err_hi
0 1.7327200678889807 0.020937539477214218 0.020937539477213996
EOD
# bar 2: lista(steps=2,init=dictionary)/objective(on=validation)
$bar2 << EOD
# group value err_lo err_hi
0 1.0748542264547827 0.01233247854629127 0.012332478546291048
EOD
# bar 3: lista(steps=3,init=dictionary)/objective(on=validation)
$bar3 << EOD
# group value err_lo err_hi
0 0.8124001658719828 0.009508922396514352 0.009508922396514241
EOD
# bar 4: lista(steps=4,init=dictionary)/objective(on=validation)
$bar4 << EOD
# group value err_lo err_hi
0 0.6712547771073829 0.007975545595228839 0.00797554559522895
EOD
# bar 5: lista(steps=6,init=dictionary)/objective(on=validation)
$bar5 << EOD
# group value err_lo err_hi
0 0.5157036497096581 0.006171155991210986 0.006171155991210986
EOD
# bar 6: lista(steps=8,init=dictionary)/objective(on=validation)
$bar6 << EOD
# group value err_lo err_hi
0 0.42476754856227106 0.004996883123157103 0.004996883123157159
EOD
# bar 7: lista(steps=12,init=dictionary)/objective(on=validation)
$bar7 << EOD
# group value err_lo err_hi
0 0.3123740812426873 0.003783545278023659 0.0037835452780236034
EOD
# bar 8: lista(steps=16,init=dictionary)/objective(on=validation)
$bar8 << EOD
# group value err_lo err_hi
0 0.2401614739447126 0.0031007850651418867 0.0031007850651418867
EOD
# bar 9: solver_steps(steps=1)/objective(on=validation)
$bar9 << EOD
# group value err_lo err_hi
0 1.7327200678889807 0.020937539477213996 0.020937539477214218
EOD
# bar 10: solver_steps(steps=2)/objective(on=validation)
$bar10 << EOD
# group value err_lo err_hi
0 1.0748542264547827 0.012332478546291048 0.01233247854629127
EOD
# bar 11: solver_steps(steps=3)/objective(on=validation)
$bar11 << EOD
# group value err_lo err_hi
0 0.7563570646645582 0.008924562584301632 0.008924562584301632
EOD
# bar 12: solver_steps(steps=4)/objective(on=validation)
$bar12 << EOD
# group value err_lo err_hi
0 0.5828893269666089 0.006987440296611136 0.006987440296611136
EOD
# bar 13: solver_steps(steps=6)/objective(on=validation)
$bar13 << EOD
# group value err_lo err_hi
0 0.3909543457896968 0.004556342129780899 0.004556342129780844
EOD
# bar 14: solver_steps(steps=8)/objective(on=validation)
$bar14 << EOD
# group value err_lo err_hi
0 0.27208124179623694 0.0033625587360084364 0.003362558736008381
EOD
# bar 15: solver_steps(steps=12)/objective(on=validation)
$bar15 << EOD
# group value err_lo err_hi
0 0.12119342092927987 0.0018507441682123205 0.0018507441682123343
EOD
# bar 16: solver_steps(steps=16)/objective(on=validation)
$bar16 << EOD
# group value err_lo err_hi
0 0.04355140996320863 0.0006167308732503152 0.0006167308732503152
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
amor_out(ext) = amor_dir . 'sparse_nmse_classical_final.' . ext . amor_suffix

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
set xtics scale 0 nomirror ('lasso(nx=64,ny=128,lambda=0.1,noise=0.01,sparsity=0.1,method=fista)' 0)
set xrange [-0.5:0.5]
set logscale y; set format y '%g'
set grid noxtics ytics nomytics back lt 1 lw 1 lc rgb '#e4e4e4'
set title 'sparse_nmse_classical: final held-out gap (mean of 2 seeds, 95% bootstrap intervals)'
set ylabel 'gap f(yhat) - f(y*)'
set key bmargin center horizontal reverse Left samplen 1.5 width 2 height 0.6
set style fill solid 0.85 border lc rgb '#303030'
set errorbars 1.50 lc rgb '#000000' lw 1.2  # cap width in tic lengths
bar_n = 16
bar_width = 0.8 / bar_n  # one bar; a group's bars fill 80% of a unit
bar_x(g, j) = g + (j - (bar_n + 1) / 2.0) * bar_width
# lower end of a whisker: on a log axis it cannot reach 0, so it is cut at a tenth of the value
bar_lo(v, e) = v - e > 0 ? v - e : v * 0.1

do for [amor_fmt in 'png svg'] {
    if (amor_fmt eq 'png') {
        set terminal pngcairo size 900,800 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 900,800 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    plot $bar1 using (bar_x($1, 1)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 1 lw 1 title 'lista(steps=1,init=dictionary)/objective(on=validation)', \
         $bar2 using (bar_x($1, 2)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 2 lw 1 title 'lista(steps=2,init=dictionary)/objective(on=validation)', \
         $bar3 using (bar_x($1, 3)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 3 lw 1 title 'lista(steps=3,init=dictionary)/objective(on=validation)', \
         $bar4 using (bar_x($1, 4)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 4 lw 1 title 'lista(steps=4,init=dictionary)/objective(on=validation)', \
         $bar5 using (bar_x($1, 5)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 5 lw 1 title 'lista(steps=6,init=dictionary)/objective(on=validation)', \
         $bar6 using (bar_x($1, 6)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 6 lw 1 title 'lista(steps=8,init=dictionary)/objective(on=validation)', \
         $bar7 using (bar_x($1, 7)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 7 lw 1 title 'lista(steps=12,init=dictionary)/objective(on=validation)', \
         $bar8 using (bar_x($1, 8)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 8 lw 1 title 'lista(steps=16,init=dictionary)/objective(on=validation)', \
         $bar9 using (bar_x($1, 9)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 1 lw 1 title 'solver_steps(steps=1)/objective(on=validation)', \
         $bar10 using (bar_x($1, 10)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 2 lw 1 title 'solver_steps(steps=2)/objective(on=validation)', \
         $bar11 using (bar_x($1, 11)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 3 lw 1 title 'solver_steps(steps=3)/objective(on=validation)', \
         $bar12 using (bar_x($1, 12)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 4 lw 1 title 'solver_steps(steps=4)/objective(on=validation)', \
         $bar13 using (bar_x($1, 13)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 5 lw 1 title 'solver_steps(steps=6)/objective(on=validation)', \
         $bar14 using (bar_x($1, 14)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 6 lw 1 title 'solver_steps(steps=8)/objective(on=validation)', \
         $bar15 using (bar_x($1, 15)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 7 lw 1 title 'solver_steps(steps=12)/objective(on=validation)', \
         $bar16 using (bar_x($1, 16)):2:(bar_lo($2, $3)):($2 + $4):(bar_width) with boxerrorbars lt 8 lw 1 title 'solver_steps(steps=16)/objective(on=validation)'
    unset output
}
