# ot_meta_residual_ot_pairs.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# ---- panel 1 data
# series 1: cold (9 points)
$p1_s1 << EOD
# x y
0 0.6146781686012595
25 0.03403406493828477
50 0.006843042377811737
75 0.0015651279089246536
100 0.0003866781127101093
125 0.00010086027916034608
150 2.739612238841545e-05
175 7.682333500775565e-06
182 5.407385382444235e-06
EOD
$p1_s1_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
# skipped row 2: ylo = nan is NaN
# skipped row 3: ylo = nan is NaN
# skipped row 4: ylo = nan is NaN
# skipped row 5: ylo = nan is NaN
# skipped row 6: ylo = nan is NaN
# skipped row 7: ylo = nan is NaN
# skipped row 8: ylo = nan is NaN
# skipped row 9: ylo = nan is NaN
EOD
# series 2: warm (6 points)
$p1_s2 << EOD
# x y
0 0.08602383441788178
25 0.0011045434389825946
50 0.00021800277606512277
75 5.067261325729944e-05
100 1.2855270684389277e-05
119 4.72136861687435e-06
EOD
$p1_s2_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
# skipped row 2: ylo = nan is NaN
# skipped row 3: ylo = nan is NaN
# skipped row 4: ylo = nan is NaN
# skipped row 5: ylo = nan is NaN
# skipped row 6: ylo = nan is NaN
EOD

# ---- panel 2 data
# series 1: cold (9 points)
$p2_s1 << EOD
# x y
0 0.6146781686012595
0.0018236089140626355 0.03403406493828477
0.0036366728710968133 0.006843042377811737
0.005459387324221243 0.0015651279089246536
0.0072713525136745005 0.0003866781127101093
0.009089568105470569 0.00010086027916034608
0.010912526884768514 2.739612238841545e-05
0.01273149485351821 7.682333500775565e-06
0.013245213794924826 5.407385382444235e-06
EOD
$p2_s1_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
# skipped row 2: ylo = nan is NaN
# skipped row 3: ylo = nan is NaN
# skipped row 4: ylo = nan is NaN
# skipped row 5: ylo = nan is NaN
# skipped row 6: ylo = nan is NaN
# skipped row 7: ylo = nan is NaN
# skipped row 8: ylo = nan is NaN
# skipped row 9: ylo = nan is NaN
EOD
# series 2: warm (6 points)
$p2_s2 << EOD
# x y
0 0.08602383441788178
0.001818993318360107 0.0011045434389825946
0.003635529644532287 0.00021800277606512277
0.0054535241054702865 5.067261325729944e-05
0.007266460791017781 1.2855270684389277e-05
0.008642820125001727 4.72136861687435e-06
EOD
$p2_s2_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
# skipped row 2: ylo = nan is NaN
# skipped row 3: ylo = nan is NaN
# skipped row 4: ylo = nan is NaN
# skipped row 5: ylo = nan is NaN
# skipped row 6: ylo = nan is NaN
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
amor_out(ext) = amor_dir . 'ot_meta_residual_ot_pairs.' . ext . amor_suffix

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

do for [amor_fmt in 'png svg'] {
    if (amor_fmt eq 'png') {
        set terminal pngcairo size 1400,554 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 1400,554 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    set multiplot title 'ot_meta: ot_pairs, its own method cold and warm (1 seed)' font ',13'

    # ---- panel 1
    set origin 0.00000, 0.07942; set size 0.50000, 0.84838
    unset object; unset arrow; unset logscale; set autoscale
    set title 'residual vs iterations'
    set xlabel 'iterations'
    set ylabel 'residual (mean over contexts; log scale)'
    set format x '% h'
    set logscale y; set format y '%g'
    set grid xtics ytics nomxtics mytics
    set key off
    plot $p1_s1 using 1:2 with lines lt 1 title 'cold', \
         $p1_s2 using 1:2 with lines lt 2 title 'warm'

    # ---- panel 2
    set origin 0.50000, 0.07942; set size 0.50000, 0.84838
    unset object; unset arrow; unset logscale; set autoscale
    set title 'residual vs time'
    set xlabel 'seconds per context'
    set ylabel 'residual (mean over contexts; log scale)'
    set format x '% h'
    set logscale y; set format y '%g'
    set grid xtics ytics nomxtics mytics
    set key off
    plot $p2_s1 using 1:2 with lines lt 1 title 'cold', \
         $p2_s2 using 1:2 with lines lt 2 title 'warm'

    # ---- the key of every panel, below them
    unset object; unset arrow; unset logscale; unset title; unset xlabel; unset ylabel
    unset border; unset tics; unset grid
    set origin 0, 0; set size 1, 0.07942
    set lmargin 0; set rmargin 0; set tmargin 0; set bmargin 0
    set xrange [0:1]; set yrange [0:1]
    set key inside center center horizontal Left reverse samplen 2.5 spacing 1.15 width 2 maxrows 1
    plot keyentry with lines lt 1 title 'cold', \
         keyentry with lines lt 2 title 'warm', \
         NaN notitle
    set border 3 lw 1 lc rgb '#404040'; set tics; set tics nomirror out scale 0.6
    set lmargin -1; set tmargin -1; set bmargin -1; set rmargin 4
    set key noreverse Right samplen 2.5 spacing 1.15 width 0 maxrows auto
    unset multiplot
    unset output
}
