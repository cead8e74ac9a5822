# sparse_nmse.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# series 1: ISTA (8 points)
$s1 << EOD
# x y
1 -1.4085115249117681
2 -2.0303455763292315
3 -2.4593190228478172
4 -2.8018381425981644
6 -3.3623032129706125
8 -3.838606714448135
12 -4.673355943422
16 -5.425731223695727
EOD
# series 2: FISTA (8 points)
$s2 << EOD
# x y
1 -1.4085115249117681
2 -2.030345576329231
3 -2.575467023960269
4 -3.0797857133635915
6 -4.060643254827335
8 -5.085034486559074
12 -7.388808354099023
16 -9.948614117882524
EOD
# series 3: LISTA (trained) (8 points)
$s3 << EOD
# x y
1 -6.1127611361019145
2 -9.654423662167114
3 -11.366032990194057
4 -11.889376094975198
6 -12.924221743568811
8 -13.692343906759106
12 -14.596244779822188
16 -15.298377629063896
EOD
# series 4: PSD (no K) (2 points)
$s4 << EOD
# x y
1 -5.672040031714017
16 -5.672040031714017
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
amor_out(ext) = amor_dir . 'sparse_nmse.' . ext . amor_suffix

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
set title 'sparse coding (nx = 64, ny = 128): NMSE vs K (2 seeds, mean)'
set xlabel 'layers / iterations K'
set ylabel 'NMSE (dB)'
set grid xtics ytics nomxtics nomytics
set key top right

do for [amor_fmt in 'png svg'] {
    if (amor_fmt eq 'png') {
        set terminal pngcairo size 800,500 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 800,500 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    plot $s1 using 1:2 with linespoints lt 1 title 'ISTA', \
         $s2 using 1:2 with linespoints lt 2 title 'FISTA', \
         $s3 using 1:2 with linespoints lt 3 title 'LISTA (trained)', \
         $s4 using 1:2 with lines lt 4 dt 2 title 'PSD (no K)'
    unset output
}
