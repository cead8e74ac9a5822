# policies_training_control_lqr_nx_6_nu_3_policy_gaussian_alpha_1_expectation_sampled_noise_fresh_samples_8.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# ---- panel 1 data
# series 1: linear/objective (31 points)
$p1_s1 << EOD
# x y
0 133.4595963053913
200 1.952050942744492
400 0.5108862572735945
600 0.17508326201572705
800 0.06752511438996717
1000 0.02214691271119789
1200 0.012752125234953792
1400 0.0102947314833873
1600 0.003321628892431117
1800 0.010704375596332225
2000 0.005575772725720194
2200 0.0023470557137514458
2400 0.005659167447437004
2600 0.010387877242494906
2800 0.012802654593837568
3000 0.009358811670365867
3200 0.00829946743134072
3400 0.007548179015108523
3600 0.003724534819545074
3800 0.018066379984381178
4000 0.009858930202939273
4200 0.0055096585102393115
4400 0.014672582307912853
4600 0.012058458199755036
4800 0.013777387185712855
5000 0.0063803238380622865
5200 0.0118709663011499
5400 0.020191477269553885
5600 0.01940052504519888
5800 0.015597991333969328
6000 0.007892223726332819
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
# skipped row 10: ylo = nan is NaN
# skipped row 11: ylo = nan is NaN
# skipped row 12: ylo = nan is NaN
# skipped row 13: ylo = nan is NaN
# skipped row 14: ylo = nan is NaN
# skipped row 15: ylo = nan is NaN
# skipped row 16: ylo = nan is NaN
# skipped row 17: ylo = nan is NaN
# skipped row 18: ylo = nan is NaN
# skipped row 19: ylo = nan is NaN
# skipped row 20: ylo = nan is NaN
# skipped row 21: ylo = nan is NaN
# skipped row 22: ylo = nan is NaN
# skipped row 23: ylo = nan is NaN
# skipped row 24: ylo = nan is NaN
# skipped row 25: ylo = nan is NaN
# skipped row 26: ylo = nan is NaN
# skipped row 27: ylo = nan is NaN
# skipped row 28: ylo = nan is NaN
# skipped row 29: ylo = nan is NaN
# skipped row 30: ylo = nan is NaN
# skipped row 31: ylo = nan is NaN
EOD

# ---- panel 2 data
# series 1: linear/objective (31 points)
$p2_s1 << EOD
# x y
0 141.92138272038366
200 10.413837357736826
400 8.972672672265931
600 8.63686967700806
800 8.529311529382305
1000 8.483933327703529
1200 8.47453854022729
1400 8.472081146475727
1600 8.46510804388477
1800 8.472490790588674
2000 8.46736218771806
2200 8.464133470706086
2400 8.467445582439773
2600 8.472174292234827
2800 8.474589069586175
3000 8.471145226662708
3200 8.470085882423678
3400 8.469334594007451
3600 8.465510949811883
3800 8.479852794976722
4000 8.471645345195281
4200 8.467296073502578
4400 8.476458997300245
4600 8.473844873192089
4800 8.475563802178055
5000 8.46816673883039
5200 8.473657381293489
5400 8.481977892261892
5600 8.481186940037531
5800 8.477384406326305
6000 8.469678638718669
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
# skipped row 10: ylo = nan is NaN
# skipped row 11: ylo = nan is NaN
# skipped row 12: ylo = nan is NaN
# skipped row 13: ylo = nan is NaN
# skipped row 14: ylo = nan is NaN
# skipped row 15: ylo = nan is NaN
# skipped row 16: ylo = nan is NaN
# skipped row 17: ylo = nan is NaN
# skipped row 18: ylo = nan is NaN
# skipped row 19: ylo = nan is NaN
# skipped row 20: ylo = nan is NaN
# skipped row 21: ylo = nan is NaN
# skipped row 22: ylo = nan is NaN
# skipped row 23: ylo = nan is NaN
# skipped row 24: ylo = nan is NaN
# skipped row 25: ylo = nan is NaN
# skipped row 26: ylo = nan is NaN
# skipped row 27: ylo = nan is NaN
# skipped row 28: ylo = nan is NaN
# skipped row 29: ylo = nan is NaN
# skipped row 30: ylo = nan is NaN
# skipped row 31: ylo = nan is NaN
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
amor_out(ext) = amor_dir . 'policies_training_control_lqr_nx_6_nu_3_policy_gaussian_alpha_1_expectation_sampled_noise_fresh_samples_8.' . ext . amor_suffix

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
    set multiplot title 'policies: control_lqr(nx=6,nu=3,policy=gaussian,alpha=1,expectation=sampled,noise=fresh,samples=8), training curves (1 seed)' font ',13'

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
    plot $p1_s1 using 1:2 with lines lt 1 title 'linear/objective'

    # ---- panel 2
    set origin 0.50000, 0.07666; set size 0.50000, 0.85366
    unset object; unset arrow; unset logscale; set autoscale
    set title 'held-out objective f(yhat)'
    set xlabel 'training step'
    set ylabel 'objective (log scale)'
    set format x '% h'
    set logscale y; set format y '%g'
    set grid xtics ytics nomxtics mytics
    set key off
    plot $p2_s1 using 1:2 with lines lt 1 title 'linear/objective'

    # ---- the key of every panel, below them
    unset object; unset arrow; unset logscale; unset title; unset xlabel; unset ylabel
    unset border; unset tics; unset grid
    set origin 0, 0; set size 1, 0.07666
    set lmargin 0; set rmargin 0; set tmargin 0; set bmargin 0
    set xrange [0:1]; set yrange [0:1]
    set key inside center center horizontal Left reverse samplen 2.5 spacing 1.15 width 2 maxrows 1
    plot keyentry with lines lt 1 title 'linear/objective', \
         NaN notitle
    set border 3 lw 1 lc rgb '#404040'; set tics; set tics nomirror out scale 0.6
    set lmargin -1; set tmargin -1; set bmargin -1; set rmargin 4
    set key noreverse Right samplen 2.5 spacing 1.15 width 0 maxrows auto
    unset multiplot
    unset output
}
