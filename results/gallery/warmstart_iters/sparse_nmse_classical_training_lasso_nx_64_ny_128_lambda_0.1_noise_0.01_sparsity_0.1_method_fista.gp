# sparse_nmse_classical_training_lasso_nx_64_ny_128_lambda_0.1_noise_0.01_sparsity_0.1_method_fista.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# ---- panel 1 data
# series 1: lista(steps=1,init=dictionary)/objective(on=validation) (1 points)
$p1_s1 << EOD
# x y
0 1.7327200678889807
EOD
$p1_s1_band << EOD
# x ylo yhi
0 1.7117825284117665 1.7536576073661947
EOD
# series 2: lista(steps=2,init=dictionary)/objective(on=validation) (1 points)
$p1_s2 << EOD
# x y
0 1.0748542264547827
EOD
$p1_s2_band << EOD
# x ylo yhi
0 1.0625217479084914 1.0871867050010737
EOD
# series 3: lista(steps=3,init=dictionary)/objective(on=validation) (1 points)
$p1_s3 << EOD
# x y
0 0.8124001658719828
EOD
$p1_s3_band << EOD
# x ylo yhi
0 0.8028912434754685 0.8219090882684971
EOD
# series 4: lista(steps=4,init=dictionary)/objective(on=validation) (1 points)
$p1_s4 << EOD
# x y
0 0.6712547771073829
EOD
$p1_s4_band << EOD
# x ylo yhi
0 0.6632792315121541 0.6792303227026119
EOD
# series 5: lista(steps=6,init=dictionary)/objective(on=validation) (1 points)
$p1_s5 << EOD
# x y
0 0.5157036497096581
EOD
$p1_s5_band << EOD
# x ylo yhi
0 0.5095324937184471 0.5218748057008691
EOD
# series 6: lista(steps=8,init=dictionary)/objective(on=validation) (1 points)
$p1_s6 << EOD
# x y
0 0.42476754856227106
EOD
$p1_s6_band << EOD
# x ylo yhi
0 0.41977066543911395 0.4297644316854282
EOD
# series 7: lista(steps=12,init=dictionary)/objective(on=validation) (1 points)
$p1_s7 << EOD
# x y
0 0.3123740812426873
EOD
$p1_s7_band << EOD
# x ylo yhi
0 0.3085905359646636 0.3161576265207109
EOD
# series 8: lista(steps=16,init=dictionary)/objective(on=validation) (1 points)
$p1_s8 << EOD
# x y
0 0.2401614739447126
EOD
$p1_s8_band << EOD
# x ylo yhi
0 0.2370606888795707 0.2432622590098545
EOD
# series 9: solver_steps(steps=1)/objective(on=validation) (1 points)
$p1_s9 << EOD
# x y
0 1.7327200678889807
EOD
$p1_s9_band << EOD
# x ylo yhi
0 1.7117825284117667 1.753657607366195
EOD
# series 10: solver_steps(steps=2)/objective(on=validation) (1 points)
$p1_s10 << EOD
# x y
0 1.0748542264547827
EOD
$p1_s10_band << EOD
# x ylo yhi
0 1.0625217479084916 1.087186705001074
EOD
# series 11: solver_steps(steps=3)/objective(on=validation) (1 points)
$p1_s11 << EOD
# x y
0 0.7563570646645582
EOD
$p1_s11_band << EOD
# x ylo yhi
0 0.7474325020802566 0.7652816272488598
EOD
# series 12: solver_steps(steps=4)/objective(on=validation) (1 points)
$p1_s12 << EOD
# x y
0 0.5828893269666089
EOD
$p1_s12_band << EOD
# x ylo yhi
0 0.5759018866699978 0.58987676726322
EOD
# series 13: solver_steps(steps=6)/objective(on=validation) (1 points)
$p1_s13 << EOD
# x y
0 0.3909543457896968
EOD
$p1_s13_band << EOD
# x ylo yhi
0 0.3863980036599159 0.39551068791947763
EOD
# series 14: solver_steps(steps=8)/objective(on=validation) (1 points)
$p1_s14 << EOD
# x y
0 0.27208124179623694
EOD
$p1_s14_band << EOD
# x ylo yhi
0 0.2687186830602285 0.2754438005322453
EOD
# series 15: solver_steps(steps=12)/objective(on=validation) (1 points)
$p1_s15 << EOD
# x y
0 0.12119342092927987
EOD
$p1_s15_band << EOD
# x ylo yhi
0 0.11934267676106755 0.1230441650974922
EOD
# series 16: solver_steps(steps=16)/objective(on=validation) (1 points)
$p1_s16 << EOD
# x y
0 0.04355140996320863
EOD
$p1_s16_band << EOD
# x ylo yhi
0 0.042934679089958315 0.044168140836458945
EOD

# ---- panel 2 data
# series 1: lista(steps=1,init=dictionary)/objective(on=validation) (1 points)
$p2_s1 << EOD
# x y
0 2.6747857844171175
EOD
$p2_s1_band << EOD
# x ylo yhi
0 2.646172051089925 2.7033995177443098
EOD
# series 2: lista(steps=2,init=dictionary)/objective(on=validation) (1 points)
$p2_s2 << EOD
# x y
0 2.016919942982923
EOD
$p2_s2_band << EOD
# x ylo yhi
0 1.9969112705866554 2.036928615379191
EOD
# series 3: lista(steps=3,init=dictionary)/objective(on=validation) (1 points)
$p2_s3 << EOD
# x y
0 1.7544658824001216
EOD
$p2_s3_band << EOD
# x ylo yhi
0 1.7372807661536283 1.7716509986466147
EOD
# series 4: lista(steps=4,init=dictionary)/objective(on=validation) (1 points)
$p2_s4 << EOD
# x y
0 1.6133204936355217
EOD
$p2_s4_band << EOD
# x ylo yhi
0 1.5976687541903138 1.6289722330807295
EOD
# series 5: lista(steps=6,init=dictionary)/objective(on=validation) (1 points)
$p2_s5 << EOD
# x y
0 1.457769366237799
EOD
$p2_s5_band << EOD
# x ylo yhi
0 1.4439220163966096 1.4716167160789884
EOD
# series 6: lista(steps=8,init=dictionary)/objective(on=validation) (1 points)
$p2_s6 << EOD
# x y
0 1.3668332650904094
EOD
$p2_s6_band << EOD
# x ylo yhi
0 1.3541601881172756 1.3795063420635432
EOD
# series 7: lista(steps=12,init=dictionary)/objective(on=validation) (1 points)
$p2_s7 << EOD
# x y
0 1.2544397977708266
EOD
$p2_s7_band << EOD
# x ylo yhi
0 1.2429800586428255 1.2658995368988277
EOD
# series 8: lista(steps=16,init=dictionary)/objective(on=validation) (1 points)
$p2_s8 << EOD
# x y
0 1.1822271904728514
EOD
$p2_s8_band << EOD
# x ylo yhi
0 1.1714502115577303 1.1930041693879725
EOD
# series 9: solver_steps(steps=1)/objective(on=validation) (1 points)
$p2_s9 << EOD
# x y
0 2.6747857844171175
EOD
$p2_s9_band << EOD
# x ylo yhi
0 2.646172051089925 2.7033995177443098
EOD
# series 10: solver_steps(steps=2)/objective(on=validation) (1 points)
$p2_s10 << EOD
# x y
0 2.0169199429829234
EOD
$p2_s10_band << EOD
# x ylo yhi
0 1.9969112705866554 2.0369286153791912
EOD
# series 11: solver_steps(steps=3)/objective(on=validation) (1 points)
$p2_s11 << EOD
# x y
0 1.698422781192697
EOD
$p2_s11_band << EOD
# x ylo yhi
0 1.6818220247584166 1.7150235376269778
EOD
# series 12: solver_steps(steps=4)/objective(on=validation) (1 points)
$p2_s12 << EOD
# x y
0 1.5249550434947488
EOD
$p2_s12_band << EOD
# x ylo yhi
0 1.5102914093481608 1.5396186776413368
EOD
# series 13: solver_steps(steps=6)/objective(on=validation) (1 points)
$p2_s13 << EOD
# x y
0 1.3330200623178357
EOD
$p2_s13_band << EOD
# x ylo yhi
0 1.320787526338077 1.3452525982975942
EOD
# series 14: solver_steps(steps=8)/objective(on=validation) (1 points)
$p2_s14 << EOD
# x y
0 1.2141469583243762
EOD
$p2_s14_band << EOD
# x ylo yhi
0 1.2031082057383902 1.225185710910362
EOD
# series 15: solver_steps(steps=12)/objective(on=validation) (1 points)
$p2_s15 << EOD
# x y
0 1.0632591374574187
EOD
$p2_s15_band << EOD
# x ylo yhi
0 1.0537321994392284 1.0727860754756091
EOD
# series 16: solver_steps(steps=16)/objective(on=validation) (1 points)
$p2_s16 << EOD
# x y
0 0.9856171264913478
EOD
$p2_s16_band << EOD
# x ylo yhi
0 0.9773242017681196 0.9939100512145759
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
amor_out(ext) = amor_dir . 'sparse_nmse_classical_training_lasso_nx_64_ny_128_lambda_0.1_noise_0.01_sparsity_0.1_method_fista.' . ext . amor_suffix

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
        set terminal pngcairo size 1500,714 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 1500,714 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    set multiplot title 'sparse_nmse_classical: lasso(nx=64,ny=128,lambda=0.1,noise=0.01,sparsity=0.1,method=fista), training curves (mean of 2 seeds, 95% bootstrap band)' font ',13'

    # ---- panel 1
    set origin 0.00000, 0.25770; set size 0.50000, 0.68627
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
         $p1_s3_band using 1:2:3 with filledcurves lt 3 fs transparent solid 0.2 noborder notitle, \
         $p1_s4_band using 1:2:3 with filledcurves lt 4 fs transparent solid 0.2 noborder notitle, \
         $p1_s5_band using 1:2:3 with filledcurves lt 5 fs transparent solid 0.2 noborder notitle, \
         $p1_s6_band using 1:2:3 with filledcurves lt 6 fs transparent solid 0.2 noborder notitle, \
         $p1_s7_band using 1:2:3 with filledcurves lt 7 fs transparent solid 0.2 noborder notitle, \
         $p1_s8_band using 1:2:3 with filledcurves lt 8 fs transparent solid 0.2 noborder notitle, \
         $p1_s9_band using 1:2:3 with filledcurves lt 1 fs transparent solid 0.2 noborder notitle, \
         $p1_s10_band using 1:2:3 with filledcurves lt 2 fs transparent solid 0.2 noborder notitle, \
         $p1_s11_band using 1:2:3 with filledcurves lt 3 fs transparent solid 0.2 noborder notitle, \
         $p1_s12_band using 1:2:3 with filledcurves lt 4 fs transparent solid 0.2 noborder notitle, \
         $p1_s13_band using 1:2:3 with filledcurves lt 5 fs transparent solid 0.2 noborder notitle, \
         $p1_s14_band using 1:2:3 with filledcurves lt 6 fs transparent solid 0.2 noborder notitle, \
         $p1_s15_band using 1:2:3 with filledcurves lt 7 fs transparent solid 0.2 noborder notitle, \
         $p1_s16_band using 1:2:3 with filledcurves lt 8 fs transparent solid 0.2 noborder notitle, \
         $p1_s1 using 1:2 with lines lt 1 title 'lista(steps=1,init=dictionary)/objective(on=validation)', \
         $p1_s2 using 1:2 with lines lt 2 title 'lista(steps=2,init=dictionary)/objective(on=validation)', \
         $p1_s3 using 1:2 with lines lt 3 title 'lista(steps=3,init=dictionary)/objective(on=validation)', \
         $p1_s4 using 1:2 with lines lt 4 title 'lista(steps=4,init=dictionary)/objective(on=validation)', \
         $p1_s5 using 1:2 with lines lt 5 title 'lista(steps=6,init=dictionary)/objective(on=validation)', \
         $p1_s6 using 1:2 with lines lt 6 title 'lista(steps=8,init=dictionary)/objective(on=validation)', \
         $p1_s7 using 1:2 with lines lt 7 title 'lista(steps=12,init=dictionary)/objective(on=validation)', \
         $p1_s8 using 1:2 with lines lt 8 title 'lista(steps=16,init=dictionary)/objective(on=validation)', \
         $p1_s9 using 1:2 with lines lt 1 title 'solver_steps(steps=1)/objective(on=validation)', \
         $p1_s10 using 1:2 with lines lt 2 title 'solver_steps(steps=2)/objective(on=validation)', \
         $p1_s11 using 1:2 with lines lt 3 title 'solver_steps(steps=3)/objective(on=validation)', \
         $p1_s12 using 1:2 with lines lt 4 title 'solver_steps(steps=4)/objective(on=validation)', \
         $p1_s13 using 1:2 with lines lt 5 title 'solver_steps(steps=6)/objective(on=validation)', \
         $p1_s14 using 1:2 with lines lt 6 title 'solver_steps(steps=8)/objective(on=validation)', \
         $p1_s15 using 1:2 with lines lt 7 title 'solver_steps(steps=12)/objective(on=validation)', \
         $p1_s16 using 1:2 with lines lt 8 title 'solver_steps(steps=16)/objective(on=validation)'

    # ---- panel 2
    set origin 0.50000, 0.25770; set size 0.50000, 0.68627
    unset object; unset arrow; unset logscale; set autoscale
    set title 'held-out objective f(yhat)'
    set xlabel 'training step'
    set ylabel 'objective (log scale)'
    set format x '% h'
    set logscale y; set format y '%g'
    set grid xtics ytics nomxtics mytics
    set key off
    plot $p2_s1_band using 1:2:3 with filledcurves lt 1 fs transparent solid 0.2 noborder notitle, \
         $p2_s2_band using 1:2:3 with filledcurves lt 2 fs transparent solid 0.2 noborder notitle, \
         $p2_s3_band using 1:2:3 with filledcurves lt 3 fs transparent solid 0.2 noborder notitle, \
         $p2_s4_band using 1:2:3 with filledcurves lt 4 fs transparent solid 0.2 noborder notitle, \
         $p2_s5_band using 1:2:3 with filledcurves lt 5 fs transparent solid 0.2 noborder notitle, \
         $p2_s6_band using 1:2:3 with filledcurves lt 6 fs transparent solid 0.2 noborder notitle, \
         $p2_s7_band using 1:2:3 with filledcurves lt 7 fs transparent solid 0.2 noborder notitle, \
         $p2_s8_band using 1:2:3 with filledcurves lt 8 fs transparent solid 0.2 noborder notitle, \
         $p2_s9_band using 1:2:3 with filledcurves lt 1 fs transparent solid 0.2 noborder notitle, \
         $p2_s10_band using 1:2:3 with filledcurves lt 2 fs transparent solid 0.2 noborder notitle, \
         $p2_s11_band using 1:2:3 with filledcurves lt 3 fs transparent solid 0.2 noborder notitle, \
         $p2_s12_band using 1:2:3 with filledcurves lt 4 fs transparent solid 0.2 noborder notitle, \
         $p2_s13_band using 1:2:3 with filledcurves lt 5 fs transparent solid 0.2 noborder notitle, \
         $p2_s14_band using 1:2:3 with filledcurves lt 6 fs transparent solid 0.2 noborder notitle, \
         $p2_s15_band using 1:2:3 with filledcurves lt 7 fs transparent solid 0.2 noborder notitle, \
         $p2_s16_band using 1:2:3 with filledcurves lt 8 fs transparent solid 0.2 noborder notitle, \
         $p2_s1 using 1:2 with lines lt 1 title 'lista(steps=1,init=dictionary)/objective(on=validation)', \
         $p2_s2 using 1:2 with lines lt 2 title 'lista(steps=2,init=dictionary)/objective(on=validation)', \
         $p2_s3 using 1:2 with lines lt 3 title 'lista(steps=3,init=dictionary)/objective(on=validation)', \
         $p2_s4 using 1:2 with lines lt 4 title 'lista(steps=4,init=dictionary)/objective(on=validation)', \
         $p2_s5 using 1:2 with lines lt 5 title 'lista(steps=6,init=dictionary)/objective(on=validation)', \
         $p2_s6 using 1:2 with lines lt 6 title 'lista(steps=8,init=dictionary)/objective(on=validation)', \
         $p2_s7 using 1:2 with lines lt 7 title 'lista(steps=12,init=dictionary)/objective(on=validation)', \
         $p2_s8 using 1:2 with lines lt 8 title 'lista(steps=16,init=dictionary)/objective(on=validation)', \
         $p2_s9 using 1:2 with lines lt 1 title 'solver_steps(steps=1)/objective(on=validation)', \
         $p2_s10 using 1:2 with lines lt 2 title 'solver_steps(steps=2)/objective(on=validation)', \
         $p2_s11 using 1:2 with lines lt 3 title 'solver_steps(steps=3)/objective(on=validation)', \
         $p2_s12 using 1:2 with lines lt 4 title 'solver_steps(steps=4)/objective(on=validation)', \
         $p2_s13 using 1:2 with lines lt 5 title 'solver_steps(steps=6)/objective(on=validation)', \
         $p2_s14 using 1:2 with lines lt 6 title 'solver_steps(steps=8)/objective(on=validation)', \
         $p2_s15 using 1:2 with lines lt 7 title 'solver_steps(steps=12)/objective(on=validation)', \
         $p2_s16 using 1:2 with lines lt 8 title 'solver_steps(steps=16)/objective(on=validation)'

    # ---- the key of every panel, below them
    unset object; unset arrow; unset logscale; unset title; unset xlabel; unset ylabel
    unset border; unset tics; unset grid
    set origin 0, 0; set size 1, 0.25770
    set lmargin 0; set rmargin 0; set tmargin 0; set bmargin 0
    set xrange [0:1]; set yrange [0:1]
    set key inside center center horizontal Left reverse samplen 2.5 spacing 1.15 width 2 maxrows 8
    plot keyentry with lines lt 1 title 'lista(steps=1,init=dictionary)/objective(on=validation)', \
         keyentry with lines lt 2 title 'lista(steps=2,init=dictionary)/objective(on=validation)', \
         keyentry with lines lt 3 title 'lista(steps=3,init=dictionary)/objective(on=validation)', \
         keyentry with lines lt 4 title 'lista(steps=4,init=dictionary)/objective(on=validation)', \
         keyentry with lines lt 5 title 'lista(steps=6,init=dictionary)/objective(on=validation)', \
         keyentry with lines lt 6 title 'lista(steps=8,init=dictionary)/objective(on=validation)', \
         keyentry with lines lt 7 title 'lista(steps=12,init=dictionary)/objective(on=validation)', \
         keyentry with lines lt 8 title 'lista(steps=16,init=dictionary)/objective(on=validation)', \
         keyentry with lines lt 1 title 'solver_steps(steps=1)/objective(on=validation)', \
         keyentry with lines lt 2 title 'solver_steps(steps=2)/objective(on=validation)', \
         keyentry with lines lt 3 title 'solver_steps(steps=3)/objective(on=validation)', \
         keyentry with lines lt 4 title 'solver_steps(steps=4)/objective(on=validation)', \
         keyentry with lines lt 5 title 'solver_steps(steps=6)/objective(on=validation)', \
         keyentry with lines lt 6 title 'solver_steps(steps=8)/objective(on=validation)', \
         keyentry with lines lt 7 title 'solver_steps(steps=12)/objective(on=validation)', \
         keyentry with lines lt 8 title 'solver_steps(steps=16)/objective(on=validation)', \
         NaN notitle
    set border 3 lw 1 lc rgb '#404040'; set tics; set tics nomirror out scale 0.6
    set lmargin -1; set tmargin -1; set bmargin -1; set rmargin 4
    set key noreverse Right samplen 2.5 spacing 1.15 width 0 maxrows auto
    unset multiplot
    unset output
}
