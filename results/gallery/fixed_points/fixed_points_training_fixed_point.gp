# fixed_points_training_fixed_point.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# ---- panel 1 data
# series 1: mlp(hidden=128,128)/regression_sum (5 points)
$p1_s1 << EOD
# x y
0 14.563248318533535
1000 1.046372952789849
2000 0.730807848521547
3000 0.5407597370676134
4000 0.40554165798726843
EOD
$p1_s1_band << EOD
# x ylo yhi
0 14.50670520764406 14.619791429423012
1000 1.0355209126477318 1.0572249929319666
2000 0.7148311675102501 0.7467845295328439
3000 0.5170522392725657 0.564467234862661
4000 0.38434502094122464 0.42673829503331223
EOD
# series 2: neural_fp(steps=5,init=mlp,init_hidden=128,delta_scale=0.1)/regression_sum (5 points)
$p1_s2 << EOD
# x y
0 9.511805370358541e-05
1000 0.00013896067777394573
2000 0.00010107366574477661
3000 8.975944832455976e-05
4000 0.00012079824403917604
EOD
$p1_s2_band << EOD
# x ylo yhi
0 9.266655314354447e-05 9.756955426362633e-05
1000 0.0001192986900239856 0.00015862266552390587
2000 8.852289707579271e-05 0.00011362443441376049
3000 8.791540091863133e-05 9.160349573048818e-05
4000 0.00011333564835419528 0.0001282608397241568
EOD
# series 3: neural_fp(steps=5,init=zero,init_hidden=128,delta_scale=0.1)/regression_sum (5 points)
$p1_s3 << EOD
# x y
0 8.69964540833209e-05
1000 0.0003289509303635618
2000 0.0002486884667452754
3000 0.00028252263717187093
4000 0.00028493766153683727
EOD
$p1_s3_band << EOD
# x ylo yhi
0 8.609950196269604e-05 8.789340620394577e-05
1000 0.00029910084043234086 0.00035880102029478274
2000 0.00020919902346737578 0.000288177910023175
3000 0.0002597680701560961 0.0003052772041876458
4000 0.0002614520123907499 0.00030842331068292464
EOD
# series 4: hyper_aa(steps=5,init=mlp,init_hidden=128)/regression_sum (5 points)
$p1_s4 << EOD
# x y
0 0.9093044991926251
1000 1.4430163502465523e-05
2000 4.460757739243389e-06
3000 3.11237616269337e-06
4000 2.4738384812618086e-06
EOD
$p1_s4_band << EOD
# x ylo yhi
0 0.6953930907642947 1.1232159076209556
1000 1.4138418603214538e-05 1.4721908401716508e-05
2000 4.132526167948267e-06 4.788989310538511e-06
3000 3.0694506915326448e-06 3.1553016338540955e-06
4000 2.346792372857037e-06 2.6008845896665805e-06
EOD
# series 5: hyper_aa(steps=5,init=zero,init_hidden=128)/regression_sum (5 points)
$p1_s5 << EOD
# x y
0 0.7887360018294662
1000 0.00018959567966833122
2000 8.859317204914388e-05
3000 8.196497406257747e-05
4000 8.026911180216789e-05
EOD
$p1_s5_band << EOD
# x ylo yhi
0 0.7540759042271369 0.8233960994317956
1000 0.00018278448580682905 0.0001964068735298334
2000 8.570236786042013e-05 9.148397623786761e-05
3000 8.098934101712272e-05 8.29406071080322e-05
4000 7.90971473696857e-05 8.144107623465007e-05
EOD

# ---- panel 2 data
# series 1: mlp(hidden=128,128)/regression_sum (5 points)
$p2_s1 << EOD
# x y
0 14.563248318533535
1000 1.046372952789849
2000 0.730807848521547
3000 0.5407597370676134
4000 0.40554165798726843
EOD
$p2_s1_band << EOD
# x ylo yhi
0 14.50670520764406 14.619791429423012
1000 1.0355209126477318 1.0572249929319666
2000 0.7148311675102501 0.7467845295328439
3000 0.5170522392725657 0.564467234862661
4000 0.38434502094122464 0.42673829503331223
EOD
# series 2: neural_fp(steps=5,init=mlp,init_hidden=128,delta_scale=0.1)/regression_sum (5 points)
$p2_s2 << EOD
# x y
0 9.511805370358541e-05
1000 0.00013896067777394573
2000 0.00010107366574477661
3000 8.975944832455976e-05
4000 0.00012079824403917604
EOD
$p2_s2_band << EOD
# x ylo yhi
0 9.266655314354447e-05 9.756955426362633e-05
1000 0.0001192986900239856 0.00015862266552390587
2000 8.852289707579271e-05 0.00011362443441376049
3000 8.791540091863133e-05 9.160349573048818e-05
4000 0.00011333564835419528 0.0001282608397241568
EOD
# series 3: neural_fp(steps=5,init=zero,init_hidden=128,delta_scale=0.1)/regression_sum (5 points)
$p2_s3 << EOD
# x y
0 8.69964540833209e-05
1000 0.0003289509303635618
2000 0.0002486884667452754
3000 0.00028252263717187093
4000 0.00028493766153683727
EOD
$p2_s3_band << EOD
# x ylo yhi
0 8.609950196269604e-05 8.789340620394577e-05
1000 0.00029910084043234086 0.00035880102029478274
2000 0.00020919902346737578 0.000288177910023175
3000 0.0002597680701560961 0.0003052772041876458
4000 0.0002614520123907499 0.00030842331068292464
EOD
# series 4: hyper_aa(steps=5,init=mlp,init_hidden=128)/regression_sum (5 points)
$p2_s4 << EOD
# x y
0 0.9093044991926251
1000 1.4430163502465523e-05
2000 4.460757739243389e-06
3000 3.11237616269337e-06
4000 2.4738384812618086e-06
EOD
$p2_s4_band << EOD
# x ylo yhi
0 0.6953930907642947 1.1232159076209556
1000 1.4138418603214538e-05 1.4721908401716508e-05
2000 4.132526167948267e-06 4.788989310538511e-06
3000 3.0694506915326448e-06 3.1553016338540955e-06
4000 2.346792372857037e-06 2.6008845896665805e-06
EOD
# series 5: hyper_aa(steps=5,init=zero,init_hidden=128)/regression_sum (5 points)
$p2_s5 << EOD
# x y
0 0.7887360018294662
1000 0.00018959567966833122
2000 8.859317204914388e-05
3000 8.196497406257747e-05
4000 8.026911180216789e-05
EOD
$p2_s5_band << EOD
# x ylo yhi
0 0.7540759042271369 0.8233960994317956
1000 0.00018278448580682905 0.0001964068735298334
2000 8.570236786042013e-05 9.148397623786761e-05
3000 8.098934101712272e-05 8.29406071080322e-05
4000 7.90971473696857e-05 8.144107623465007e-05
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
amor_out(ext) = amor_dir . 'fixed_points_training_fixed_point.' . ext . amor_suffix

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
        set terminal pngcairo size 1500,614 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 1500,614 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    set multiplot title 'fixed_points: fixed_point, training curves (mean of 2 seeds, 95% bootstrap band)' font ',13'

    # ---- panel 1
    set origin 0.00000, 0.13681; set size 0.50000, 0.79805
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
         $p1_s1 using 1:2 with lines lt 1 title 'mlp(hidden=128,128)/regression_sum', \
         $p1_s2 using 1:2 with lines lt 2 title 'neural_fp(steps=5,init=mlp,init_hidden=128,delta_scale=0.1)/regression_sum', \
         $p1_s3 using 1:2 with lines lt 3 title 'neural_fp(steps=5,init=zero,init_hidden=128,delta_scale=0.1)/regression_sum', \
         $p1_s4 using 1:2 with lines lt 4 title 'hyper_aa(steps=5,init=mlp,init_hidden=128)/regression_sum', \
         $p1_s5 using 1:2 with lines lt 5 title 'hyper_aa(steps=5,init=zero,init_hidden=128)/regression_sum'

    # ---- panel 2
    set origin 0.50000, 0.13681; set size 0.50000, 0.79805
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
         $p2_s1 using 1:2 with lines lt 1 title 'mlp(hidden=128,128)/regression_sum', \
         $p2_s2 using 1:2 with lines lt 2 title 'neural_fp(steps=5,init=mlp,init_hidden=128,delta_scale=0.1)/regression_sum', \
         $p2_s3 using 1:2 with lines lt 3 title 'neural_fp(steps=5,init=zero,init_hidden=128,delta_scale=0.1)/regression_sum', \
         $p2_s4 using 1:2 with lines lt 4 title 'hyper_aa(steps=5,init=mlp,init_hidden=128)/regression_sum', \
         $p2_s5 using 1:2 with lines lt 5 title 'hyper_aa(steps=5,init=zero,init_hidden=128)/regression_sum'

    # ---- the key of every panel, below them
    unset object; unset arrow; unset logscale; unset title; unset xlabel; unset ylabel
    unset border; unset tics; unset grid
    set origin 0, 0; set size 1, 0.13681
    set lmargin 0; set rmargin 0; set tmargin 0; set bmargin 0
    set xrange [0:1]; set yrange [0:1]
    set key inside center center horizontal Left reverse samplen 2.5 spacing 1.15 width 2 maxrows 3
    plot keyentry with lines lt 1 title 'mlp(hidden=128,128)/regression_sum', \
         keyentry with lines lt 2 title 'neural_fp(steps=5,init=mlp,init_hidden=128,delta_scale=0.1)/regression_sum', \
         keyentry with lines lt 3 title 'neural_fp(steps=5,init=zero,init_hidden=128,delta_scale=0.1)/regression_sum', \
         keyentry with lines lt 4 title 'hyper_aa(steps=5,init=mlp,init_hidden=128)/regression_sum', \
         keyentry with lines lt 5 title 'hyper_aa(steps=5,init=zero,init_hidden=128)/regression_sum', \
         NaN notitle
    set border 3 lw 1 lc rgb '#404040'; set tics; set tics nomirror out scale 0.6
    set lmargin -1; set tmargin -1; set bmargin -1; set rmargin 4
    set key noreverse Right samplen 2.5 spacing 1.15 width 0 maxrows auto
    unset multiplot
    unset output
}
