# unrolling_gap.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# series 1: exact (5 points)
$s1 << EOD
# x y
1 0.11972313582086125
2 0.06763404945690928
5 0.01516719114208158
10 0.0018841184680177157
20 0.0007760627877997969
EOD
$s1_band << EOD
# x ylo yhi
1 0.11465042108734833 0.12775154819013854
2 0.06271381184379422 0.07334343735671582
5 0.012480444967014559 0.020080393575959306
10 0.0012998782229387091 0.0029430978031728147
20 0.0003978608677870001 0.0013384597077547894
EOD
# series 2: first_order (5 points)
$s2 << EOD
# x y
1 0.1913337554109471
2 0.06633275678175594
5 0.22627779041496351
10 0.0005156076015118282
20 8.290235675594872e-05
EOD
$s2_band << EOD
# x ylo yhi
1 0.18287992680481308 0.1983387310875449
2 0.06511171183093438 0.0677031125624093
5 0.008823076745742266 0.6533142896079628
10 0.00032219366932169716 0.0006135277226179173
20 7.431902592021974e-05 8.958129109970601e-05
EOD
# series 3: truncated (W = 5) (3 points)
$s3 << EOD
# x y
5 0.01226175099813595
10 1.6069174380063114
20 0.5109141174067233
EOD
$s3_band << EOD
# x ylo yhi
5 0.011852821385340544 0.012745999927713306
10 1.5310662024652406 1.671702249722115
20 0.46963502369853644 0.5408452611976677
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
amor_out(ext) = amor_dir . 'unrolling_gap.' . ext . amor_suffix

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

# Axes
set title 'held-out gap vs unrolled steps K (quadratic ny = 32, cond 100; 3 seeds: mean, min-max band)'
set xlabel 'unrolled gradient steps K'
set ylabel 'f(y_hat; x) - f(y*; x)'
set logscale y; set format y '%g'
set grid xtics ytics nomxtics mytics
set key bottom left
# reference 1: mlp alone (K = 0) (y = 0.32592000280867756, band [0.3189654620562017, 0.33574073157296547])
set object 1 rect from graph 0, first 0.3189654620562017 to graph 1, first 0.33574073157296547 behind fc rgb '#808080' fs transparent solid 0.2 noborder
set arrow 1 from graph 0, first 0.32592000280867756 to graph 1, first 0.32592000280867756 nohead front lc rgb '#000000' lw 1.5 dt 2

do for [amor_fmt in 'png svg'] {
    if (amor_fmt eq 'png') {
        set terminal pngcairo size 800,500 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 800,500 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    plot $s1_band using 1:2:3 with filledcurves lt 1 fs transparent solid 0.2 noborder notitle, \
         $s2_band using 1:2:3 with filledcurves lt 2 fs transparent solid 0.2 noborder notitle, \
         $s3_band using 1:2:3 with filledcurves lt 3 fs transparent solid 0.2 noborder notitle, \
         0.32592000280867756 lt nodraw notitle, \
         0.3189654620562017 lt nodraw notitle, \
         0.33574073157296547 lt nodraw notitle, \
         $s1 using 1:2 with linespoints lt 1 title 'exact', \
         $s2 using 1:2 with linespoints lt 2 title 'first_order', \
         $s3 using 1:2 with linespoints lt 3 title 'truncated (W = 5)', \
         keyentry with lines lc rgb '#000000' lw 1.5 dt 2 title 'mlp alone (K = 0)'
    unset output
}
