# ot_conjugate.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# series 1: objective + K Adam steps (lr 3e-3) (4 points)
$s1 << EOD
# x y
0.5 1.759952148675301e-05
1 8.576808294325202e-06
10 2.0212824722380188e-06
100 1.9113846472009385e-10
EOD
# series 2: objective + K gradient steps (0.5) (4 points)
$s2 << EOD
# x y
0.5 3.542295194050043e-05
1 1.8634127791593688e-05
10 6.02819194627688e-08
100 4.445228907190568e-18
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
amor_out(ext) = amor_dir . 'ot_conjugate.' . ext . amor_suffix

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
set title 'amortized conjugate: error after K fine-tuning steps (K = 0 plotted at 0.5)'
set xlabel 'fine-tuning steps K'
set ylabel 'conjugate error'
set logscale x; set format x '%g'
set logscale y; set format y '%g'
set grid xtics ytics mxtics mytics
set key bottom left

do for [amor_fmt in 'png svg'] {
    if (amor_fmt eq 'png') {
        set terminal pngcairo size 800,500 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 800,500 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    plot $s1 using 1:2 with linespoints lt 1 title 'objective + K Adam steps (lr 3e-3)', \
         $s2 using 1:2 with linespoints lt 2 title 'objective + K gradient steps (0.5)'
    unset output
}
