# policies_dcem.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# series 1: latent DCEM (30 samples, 5 soft elites) (6 points)
$s1 << EOD
# x y
30 -0.545579587734314
60 -0.3868630736520901
90 -0.22931829502970963
150 -0.08249767488739851
300 -0.01299520747472916
600 -0.008257256138311206
EOD
# series 2: CEM (100 samples, 10 elites) (7 points)
$s2 << EOD
# x y
100 -0.15426548757139055
200 -0.0749710265822821
300 -0.05699682712450911
500 -0.03371586078336415
1000 -0.015942686050842633
2000 -0.01151737049797804
3000 -0.01119585205018172
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
amor_out(ext) = amor_dir . 'policies_dcem.' . ext . amor_suffix

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
set title 'DCEM in a learned 2-D latent space against CEM over the action sequence (control_mpc)'
set xlabel 'objective evaluations per state'
set ylabel 'normalized objective (expert 0, zero action -1)'
set logscale x; set format x '%g'
set grid xtics ytics mxtics nomytics
set key bottom right

do for [amor_fmt in 'png svg'] {
    if (amor_fmt eq 'png') {
        set terminal pngcairo size 800,500 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 800,500 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    plot $s1 using 1:2 with lines lt 1 title 'latent DCEM (30 samples, 5 soft elites)', \
         $s2 using 1:2 with lines lt 2 title 'CEM (100 samples, 10 elites)'
    unset output
}
