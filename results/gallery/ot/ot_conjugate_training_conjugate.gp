# ot_conjugate_training_conjugate.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# ---- panel 1 data
# series 1: mlp(hidden=64,64)/objective (6 points)
$p1_s1 << EOD
# x y
0 2.0517582686163927
1000 0.00012002197816413161
2000 5.210382505227703e-05
3000 2.9533094595907178e-05
4000 2.3242383386099576e-05
5000 2.2313738309338604e-05
EOD
$p1_s1_band << EOD
# x ylo yhi
0 1.8775514466275454 2.1490823246101125
1000 0.00010016821057598453 0.00013417094222242906
2000 4.40874662806056e-05 6.0373012443310176e-05
3000 2.5880587973338193e-05 3.2117015229771347e-05
4000 1.9947624041229963e-05 2.9406408788375813e-05
5000 2.0440214251915513e-05 2.3414043816807472e-05
EOD
# series 2: mlp(hidden=64,64)/regression (6 points)
$p1_s2 << EOD
# x y
0 2.0186475634571206
1000 0.00013885804246833015
2000 6.052465134953674e-05
3000 3.983167747282075e-05
4000 2.8850259704084145e-05
5000 3.0124646596246985e-05
EOD
$p1_s2_band << EOD
# x ylo yhi
0 1.9527669327749848 2.08567637033924
1000 0.0001209913518375846 0.00016898585171358667
2000 4.1955664257279214e-05 8.043747511966078e-05
3000 3.325033195126847e-05 5.2771738821671174e-05
4000 2.162637856041442e-05 3.809475541685214e-05
5000 2.4953464087898024e-05 3.9961496350376143e-05
EOD

# ---- panel 2 data
# series 1: mlp(hidden=64,64)/objective (6 points)
$p2_s1 << EOD
# x y
0 0.7393080105549457
1000 -1.3123302360832845
2000 -1.3123981542363967
3000 -1.3124207249668527
4000 -1.312427015678062
5000 -1.3124279443231386
EOD
$p2_s1_band << EOD
# x ylo yhi
0 0.5875060605820169 0.8176587710543393
1000 -1.3517391167726733 -1.2899112151033079
2000 -1.333001799400674 -1.2899935350490952
3000 -1.351834241873784 -1.2900132690302974
4000 -1.3518444704370423 -1.2900159796367372
5000 -1.3518414295105516 -1.2900249458312745
EOD
# series 2: mlp(hidden=64,64)/regression (6 points)
$p2_s2 << EOD
# x y
0 0.7061973053956732
1000 -1.31231140001898
2000 -1.3123897334101005
3000 -1.312410426383974
4000 -1.3124214078017444
5000 -1.3124201334148526
EOD
$p2_s2_band << EOD
# x ylo yhi
0 0.6009020892206177 0.7956309842937128
1000 -1.3516958577026557 -1.2899243946936885
2000 -1.3517844060792497 -1.289986205230858
3000 -1.3518120718155469 -1.2900119130838805
4000 -1.3518267487989533 -1.290018556400392
5000 -1.3518393845750183 -1.2900204325814415
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
amor_out(ext) = amor_dir . 'ot_conjugate_training_conjugate.' . ext . amor_suffix

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
        set terminal pngcairo size 1500,574 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 1500,574 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    set multiplot title 'ot_conjugate: conjugate, training curves (mean of 3 seeds, 95% bootstrap band)' font ',13'

    # ---- panel 1
    set origin 0.00000, 0.07666; set size 0.50000, 0.85366
    unset object; unset arrow; unset logscale; set autoscale
    set title 'held-out gap f(yhat) - f(y*)'
    set xlabel 'training step'
    set ylabel 'gap (log scale)'
    set format x '% h'
    set logscale y; set format y '%g'
    set grid xtics ytics nomxtics mytics
    set key off
    plot $p1_s1_band using 1:2:3 with filledcurves lt 1 fs transparent solid 0.2 noborder notitle, \
         $p1_s2_band using 1:2:3 with filledcurves lt 2 fs transparent solid 0.2 noborder notitle, \
         $p1_s1 using 1:2 with lines lt 1 title 'mlp(hidden=64,64)/objective', \
         $p1_s2 using 1:2 with lines lt 2 title 'mlp(hidden=64,64)/regression'

    # ---- panel 2
    set origin 0.50000, 0.07666; set size 0.50000, 0.85366
    unset object; unset arrow; unset logscale; set autoscale
    set title 'held-out objective f(yhat)'
    set xlabel 'training step'
    set ylabel 'objective'
    set format x '% h'
    set format y '% h'
    set grid xtics ytics nomxtics nomytics
    set key off
    plot $p2_s1_band using 1:2:3 with filledcurves lt 1 fs transparent solid 0.2 noborder notitle, \
         $p2_s2_band using 1:2:3 with filledcurves lt 2 fs transparent solid 0.2 noborder notitle, \
         $p2_s1 using 1:2 with lines lt 1 title 'mlp(hidden=64,64)/objective', \
         $p2_s2 using 1:2 with lines lt 2 title 'mlp(hidden=64,64)/regression'

    # ---- the key of every panel, below them
    unset object; unset arrow; unset logscale; unset title; unset xlabel; unset ylabel
    unset border; unset tics; unset grid
    set origin 0, 0; set size 1, 0.07666
    set lmargin 0; set rmargin 0; set tmargin 0; set bmargin 0
    set xrange [0:1]; set yrange [0:1]
    set key inside center center horizontal Left reverse samplen 2.5 spacing 1.15 width 2 maxrows 1
    plot keyentry with lines lt 1 title 'mlp(hidden=64,64)/objective', \
         keyentry with lines lt 2 title 'mlp(hidden=64,64)/regression', \
         NaN notitle
    set border 3 lw 1 lc rgb '#404040'; set tics; set tics nomirror out scale 0.6
    set lmargin -1; set tmargin -1; set bmargin -1; set rmargin 4
    set key noreverse Right samplen 2.5 spacing 1.15 width 0 maxrows auto
    unset multiplot
    unset output
}
