# maxent_entropy.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# series 1: H[p] (21 points)
$s1 << EOD
# x y
0 1.305929574608412
1 1.378090975678338
2 1.406708997188129
3 1.4152402860669384
4 1.4175073362618913
5 1.4181037873848843
6 1.4182741505478451
7 1.418336205795076
8 1.4183699235642926
9 1.4183954220832298
10 1.418417822936969
11 1.4184384885372112
12 1.4184578337368277
13 1.4184760296215304
14 1.4184931801876326
15 1.4185093671556104
16 1.4185246617429117
17 1.4185391281109834
18 1.41855282467341
19 1.4185658048186134
20 1.4185781174424954
EOD
# series 2: N(0, 1): (1/2) log(2 pi e) (21 points)
$s2 << EOD
# x y
0 1.4189385332046727
1 1.4189385332046727
2 1.4189385332046727
3 1.4189385332046727
4 1.4189385332046727
5 1.4189385332046727
6 1.4189385332046727
7 1.4189385332046727
8 1.4189385332046727
9 1.4189385332046727
10 1.4189385332046727
11 1.4189385332046727
12 1.4189385332046727
13 1.4189385332046727
14 1.4189385332046727
15 1.4189385332046727
16 1.4189385332046727
17 1.4189385332046727
18 1.4189385332046727
19 1.4189385332046727
20 1.4189385332046727
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
amor_out(ext) = amor_dir . 'maxent_entropy.' . ext . amor_suffix

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
set title 'maximum entropy by gradient steps: the entropy'
set xlabel 'update'
set ylabel 'H[p]'
set grid xtics ytics nomxtics nomytics
set key bottom right

do for [amor_fmt in 'png svg'] {
    if (amor_fmt eq 'png') {
        set terminal pngcairo size 800,500 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 800,500 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    plot $s1 using 1:2 with linespoints lt 1 pt 7 lc rgb 'black' title 'H[p]', \
         $s2 using 1:2 with lines lt 2 dt 2 lc rgb '#D55E00' title 'N(0, 1): (1/2) log(2 pi e)'
    unset output
}
