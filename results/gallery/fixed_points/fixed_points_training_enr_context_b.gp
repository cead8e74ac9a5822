# fixed_points_training_enr_context_b.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# ---- panel 1 data
# series 1: mlp(hidden=128,128)/regression_sum (5 points)
$p1_s1 << EOD
# x y
0 34.84755311598845
1000 0.245491709616517
2000 0.13539656070694983
3000 0.08707591667453621
4000 0.057092560255957256
EOD
$p1_s1_band << EOD
# x ylo yhi
0 33.173690148879096 36.521416083097805
1000 0.23794554313823246 0.25303787609480155
2000 0.13142335273141492 0.13936976868248477
3000 0.08582127768791081 0.08833055566116162
4000 0.04800218695616248 0.06618293355575204
EOD
# series 2: neural_fp(steps=5,init=mlp,init_hidden=128,delta_scale=0.1)/regression_sum (5 points)
$p1_s2 << EOD
# x y
0 2.934863875450332
1000 0.022872326647323044
2000 0.011882199483110702
3000 0.007779719590551702
4000 0.005811736650399612
EOD
$p1_s2_band << EOD
# x ylo yhi
0 2.767009972040965 3.102717778859699
1000 0.02148310598731902 0.024261547307327068
2000 0.011355240113733268 0.012409158852488136
3000 0.007592485200466795 0.00796695398063661
4000 0.005231047110988345 0.00639242618981088
EOD
# series 3: neural_fp(steps=5,init=zero,init_hidden=128,delta_scale=0.1)/regression_sum (5 points)
$p1_s3 << EOD
# x y
0 1.1527376516096388
1000 0.03610345344638533
2000 0.3463227056943469
3000 0.2011414622004567
4000 0.19213040071805598
EOD
$p1_s3_band << EOD
# x ylo yhi
0 1.1036135583393223 1.2018617448799551
1000 0.034950733372695435 0.03725617352007523
2000 0.016531621170955316 0.6761137902177385
3000 0.16091742668190023 0.24136549771901317
4000 0.16325104511101435 0.2210097563250976
EOD
# series 4: hyper_aa(steps=5,init=mlp,init_hidden=128)/regression_sum (5 points)
$p1_s4 << EOD
# x y
0 13.45602774577456
1000 0.0373014857195217
2000 0.019204411694810426
3000 0.012388469332223326
4000 0.008468993411945541
EOD
$p1_s4_band << EOD
# x ylo yhi
0 11.500565305682532 15.411490185866585
1000 0.03555008491318628 0.03905288652585713
2000 0.019141352937157192 0.01926747045246366
3000 0.012314201867121444 0.012462736797325208
4000 0.00820936549603645 0.008728621327854635
EOD
# series 5: hyper_aa(steps=5,init=zero,init_hidden=128)/regression_sum (5 points)
$p1_s5 << EOD
# x y
0 5.827505250708677
1000 1.1242613697294015
2000 1.1399325299249914
3000 1.145439149181842
4000 1.1440278305654519
EOD
$p1_s5_band << EOD
# x ylo yhi
0 5.762607145868231 5.892403355549124
1000 1.0488815003355052 1.1996412391232976
2000 1.0786745943138063 1.2011904655361763
3000 1.0891319064932312 1.201746391870453
4000 1.0861391924604946 1.2019164686704091
EOD

# ---- panel 2 data
# series 1: mlp(hidden=128,128)/regression_sum (5 points)
$p2_s1 << EOD
# x y
0 34.915183258605396
1000 0.3131218522334299
2000 0.20302670332386252
3000 0.154706059291449
4000 0.12472270287287007
EOD
$p2_s1_band << EOD
# x ylo yhi
0 33.240194389024175 36.590172128186616
1000 0.3044497832833208 0.321793921183539
2000 0.19792759287650274 0.20812581377122233
3000 0.1523255178329986 0.1570866007498994
4000 0.11450642710125038 0.13493897864448978
EOD
# series 2: neural_fp(steps=5,init=mlp,init_hidden=128,delta_scale=0.1)/regression_sum (5 points)
$p2_s2 << EOD
# x y
0 3.002494018067246
1000 0.09050246926423583
2000 0.07951234210002348
3000 0.07540986220746448
4000 0.07344187926731244
EOD
$p2_s2_band << EOD
# x ylo yhi
0 2.8357660171297048 3.169222019004787
1000 0.08798734613240687 0.09301759239606479
2000 0.07785948025882106 0.08116520394122591
3000 0.07409672534555457 0.0767229990693744
4000 0.07173528725607617 0.07514847127854869
EOD
# series 3: neural_fp(steps=5,init=zero,init_hidden=128,delta_scale=0.1)/regression_sum (5 points)
$p2_s3 << EOD
# x y
0 1.2203677942265516
1000 0.1037335960632981
2000 0.41395284831125906
3000 0.2687716048173696
4000 0.25976054333496873
EOD
$p2_s3_band << EOD
# x ylo yhi
0 1.170117798484409 1.270617789968694
1000 0.10145497351778332 0.10601221860881288
2000 0.08303586131604301 0.7448698353064751
3000 0.22742166682698814 0.31012154280775106
4000 0.2320070901997523 0.28751399647018516
EOD
# series 4: hyper_aa(steps=5,init=mlp,init_hidden=128)/regression_sum (5 points)
$p2_s4 << EOD
# x y
0 13.523657888391472
1000 0.10493162833643446
2000 0.08683455431172317
3000 0.08001861194913613
4000 0.07609913602885829
EOD
$p2_s4_band << EOD
# x ylo yhi
0 11.569321350771283 15.477994426011664
1000 0.10430613000192401 0.10555712667094493
2000 0.0856455930822449 0.08802351554120144
3000 0.07881844201220932 0.08121878188606295
4000 0.07471360564112418 0.07748466641659241
EOD
# series 5: hyper_aa(steps=5,init=zero,init_hidden=128)/regression_sum (5 points)
$p2_s5 << EOD
# x y
0 5.895135393325587
1000 1.1918915123463134
2000 1.2075626725419037
3000 1.213069291798753
4000 1.2116579731823633
EOD
$p2_s5_band << EOD
# x ylo yhi
0 5.82911138601332 5.961159400637853
1000 1.1153857404805925 1.2683972842120343
2000 1.1451788344588951 1.2699465106249124
3000 1.155636146638317 1.2705024369591889
4000 1.1526434326055823 1.2706725137591446
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
amor_out(ext) = amor_dir . 'fixed_points_training_enr_context_b.' . ext . amor_suffix

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
    set multiplot title 'fixed_points: enr(context=b), training curves (mean of 2 seeds, 95% bootstrap band)' font ',13'

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
