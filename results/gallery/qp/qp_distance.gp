# qp_distance.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# series 1: fixed (11 points)
$s1 << EOD
# x y
0 0.3082811972650412
10 0.2734050760178848
20 0.2021796168818161
30 0.1693161188620416
40 0.14863338102505472
50 0.1349470258558212
60 0.12417068051935505
70 0.11534082876973006
80 0.10785394150884088
90 0.10195837404334984
100 0.09636194468832252
EOD
# series 2: osqp (11 points)
$s2 << EOD
# x y
0 0.31259181558941707
10 0.27272840296992584
20 0.1959809492697296
30 0.15319498034726092
40 0.12329522187424007
50 0.10677769602557274
60 0.08310596311908448
70 0.06688772532432015
80 0.05712458671276832
90 0.04746244411468744
100 0.040711099713725135
EOD
# series 3: once (11 points)
$s3 << EOD
# x y
0 0.3082811972650412
10 0.12579859117391493
20 0.07740054520097009
30 0.053622449186648165
40 0.03867925809928621
50 0.029535251227784224
60 0.02333685459521864
70 0.019088324197511615
80 0.015680835356782732
90 0.013107087632040788
100 0.011200172824018948
EOD
# series 4: policy (11 points)
$s4 << EOD
# x y
0 0.3082811972650412
10 0.2734050760178848
20 0.11247926297244754
30 0.0475242563302342
40 0.01816135584317858
50 0.006078854818089576
60 0.002029388806867733
70 0.0007798708022547605
80 0.0004197511340047975
90 0.00015133429981012344
100 8.491495446220305e-05
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
amor_out(ext) = amor_dir . 'qp_distance.' . ext . amor_suffix

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
set title 'distance to y* along ADMM'
set xlabel 'iteration'
set ylabel 'mean |y - y*|'
set logscale y; set format y '%g'
set grid xtics ytics nomxtics mytics
set key top right

do for [amor_fmt in 'png svg'] {
    if (amor_fmt eq 'png') {
        set terminal pngcairo size 800,500 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 800,500 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    plot $s1 using 1:2 with lines lt 1 title 'fixed', \
         $s2 using 1:2 with lines lt 2 title 'osqp', \
         $s3 using 1:2 with lines lt 3 title 'once', \
         $s4 using 1:2 with lines lt 4 title 'policy'
    unset output
}
