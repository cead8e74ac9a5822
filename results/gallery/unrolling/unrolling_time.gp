# unrolling_time.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# series 1: exact (5 points)
$s1 << EOD
# x y
1 0.17593499299997006
2 0.21922796550001067
5 0.33505426050001574
10 0.6091811080000582
20 1.1345384905000628
EOD
$s1_band << EOD
# x ylo yhi
1 0.17593499299997006 0.1912961665000239
2 0.21922796550001067 0.2225793289999558
5 0.33505426050001574 0.3713503810000418
10 0.6091811080000582 0.6420546555000612
20 1.1345384905000628 1.2117327250000187
EOD
# series 2: first_order (5 points)
$s2 << EOD
# x y
1 0.15797609050000005
2 0.18381897700007244
5 0.2616053895000334
10 0.45529251899995415
20 0.8169018845000267
EOD
$s2_band << EOD
# x ylo yhi
1 0.15797609050000005 0.1610158899999874
2 0.18381897700007244 0.21745092149996026
5 0.2616053895000334 0.2769800835000069
10 0.45529251899995415 0.4829949939999665
20 0.8169018845000267 0.9468938584999478
EOD
# series 3: truncated (W = 5) (3 points)
$s3 << EOD
# x y
5 0.35743774350004287
10 0.4724647260000836
20 0.7725244274999454
EOD
$s3_band << EOD
# x ylo yhi
5 0.35743774350004287 0.4727254369999514
10 0.4724647260000836 0.5097153974999742
20 0.7725244274999454 0.8004475804999913
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
amor_out(ext) = amor_dir . 'unrolling_time.' . ext . amor_suffix

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
set title 'training cost vs K (batch 256, ny = 32)'
set xlabel 'unrolled gradient steps K'
set ylabel 'milliseconds per training step'
set grid xtics ytics nomxtics nomytics
set key top left
# reference 1: mlp alone (K = 0) (y = 0.12960076849992674, band [0.12960076849992674, 0.13673422899992715])
set object 1 rect from graph 0, first 0.12960076849992674 to graph 1, first 0.13673422899992715 behind fc rgb '#808080' fs transparent solid 0.2 noborder
set arrow 1 from graph 0, first 0.12960076849992674 to graph 1, first 0.12960076849992674 nohead front lc rgb '#000000' lw 1.5 dt 2

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
         0.12960076849992674 lt nodraw notitle, \
         0.12960076849992674 lt nodraw notitle, \
         0.13673422899992715 lt nodraw notitle, \
         $s1 using 1:2 with linespoints lt 1 title 'exact', \
         $s2 using 1:2 with linespoints lt 2 title 'first_order', \
         $s3 using 1:2 with linespoints lt 3 title 'truncated (W = 5)', \
         keyentry with lines lc rgb '#000000' lw 1.5 dt 2 title 'mlp alone (K = 0)'
    unset output
}
