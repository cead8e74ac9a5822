# policies_training_control_lqr_nx_6_nu_3_policy_gaussian_alpha_1.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# ---- panel 1 data
# series 1: linear/objective (31 points)
$p1_s1 << EOD
# x y
0 233.08178851009288
200 2.2315631659295896
400 0.7076091110192043
600 0.3140486139177988
800 0.15114480471918407
1000 0.07420507635067301
1200 0.03579584030778006
1400 0.01665937216125548
1600 0.0073424308855460805
1800 0.0030008883467532946
2000 0.0011325930650527543
2200 0.00038865480912794823
2400 0.00011871367097773637
2600 3.175337154438622e-05
2800 7.3308547559733026e-06
3000 1.4342330470736367e-06
3200 2.3338624710947387e-07
3400 3.074387248860194e-08
3600 3.2176095425204276e-09
3800 2.591908597471271e-10
4000 1.5517487468585944e-11
4200 6.701141377907227e-13
4400 2.046106339914644e-14
4600 9.367506770274758e-17
# skipped point 25: y = -2.8449465006019636e-16 is not positive on a log axis
# skipped point 26: y = -2.5153490401663703e-16 is not positive on a log axis
# skipped point 27: y = -2.1076890233118206e-16 is not positive on a log axis
# skipped point 28: y = -6.071532165918825e-17 is not positive on a log axis
# skipped point 29: y = -2.0556473190325164e-16 is not positive on a log axis
# skipped point 30: y = -1.8388068845354155e-16 is not positive on a log axis
# skipped point 31: y = -2.5240226575462543e-16 is not positive on a log axis
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
# series 2: linear/policy_kl(direction=forward) (31 points)
$p1_s2 << EOD
# x y
0 225.04411468633197
200 198.8283903055558
400 173.522583909182
600 149.2975008615782
800 129.1696072856823
1000 111.08597627708868
1200 95.22774786526907
1400 80.91468072178414
1600 69.62484550632924
1800 59.7144007572143
2000 50.91570334887644
2200 42.87249464159906
2400 35.62623861249559
2600 29.191528712268656
2800 23.660612981933355
3000 19.018038281398386
3200 15.047929301518428
3400 11.74730096568909
3600 8.954391387987052
3800 6.578976169826015
4000 4.620534426929682
4200 3.019018878296514
4400 1.7476374821355705
4600 0.8615837714591695
4800 0.3590211863337985
5000 0.14161266604085881
5200 0.05727220003219692
5400 0.022662086173676578
5600 0.008750970622661112
5800 0.003340585915835227
6000 0.0011856451495861568
EOD
$p1_s2_band << EOD
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
# series 3: mlp(hidden=64,64)/objective (1 points)
$p1_s3 << EOD
# x y
0 41.625124847820025
EOD
$p1_s3_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 4: learned_update(steps=5,hidden=16)/objective (1 points)
$p1_s4 << EOD
# x y
0 114.29170197366986
EOD
$p1_s4_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 5: unroll_gd(init=mlp,hidden=64,64,steps=5,step0=0.01,step_shape=coordinate)/objective (1 points)
$p1_s5 << EOD
# x y
0 3.523706117741605
EOD
$p1_s5_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD

# ---- panel 2 data
# series 1: linear/objective (31 points)
$p2_s1 << EOD
# x y
0 241.6445137344326
200 10.794288390269175
400 9.27033433535878
600 8.876773838257382
800 8.713870029058778
1000 8.636930300690258
1200 8.598521064647363
1400 8.579384596500837
1600 8.57006765522513
1800 8.565726112686338
2000 8.563857817404633
2200 8.56311387914871
2400 8.56284393801056
2600 8.562756977711127
2800 8.562732555194344
3000 8.56272665857263
3200 8.562725457725827
3400 8.562725255083457
3600 8.562725227557191
3800 8.562725224598774
4000 8.562725224355109
4200 8.562725224340252
4400 8.562725224339607
4600 8.562725224339587
4800 8.562725224339587
5000 8.562725224339587
5200 8.562725224339587
5400 8.562725224339587
5600 8.562725224339587
5800 8.562725224339587
6000 8.562725224339587
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
# series 2: linear/policy_kl(direction=forward) (31 points)
$p2_s2 << EOD
# x y
0 233.60683991067157
200 207.3911155298955
400 182.08530913352158
600 157.86022608591782
800 137.732332510022
1000 119.64870150142825
1200 103.79047308960864
1400 89.47740594612381
1600 78.18757073066884
1800 68.27712598155392
2000 59.47842857321603
2200 51.43521986593866
2400 44.188963836835114
2600 37.75425393660823
2800 32.22333820627291
3000 27.580763505737988
3200 23.610654525858006
3400 20.310026190028683
3600 17.51711661232664
3800 15.14170139416561
4000 13.183259651269264
4200 11.581744102636105
4400 10.310362706475159
4600 9.424308995798752
4800 8.921746410673379
5000 8.704337890380437
5200 8.619997424371782
5400 8.585387310513259
5600 8.571476194962248
5800 8.566065810255422
6000 8.563910869489172
EOD
$p2_s2_band << EOD
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
# series 3: mlp(hidden=64,64)/objective (1 points)
$p2_s3 << EOD
# x y
0 50.18785007215964
EOD
$p2_s3_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 4: learned_update(steps=5,hidden=16)/objective (1 points)
$p2_s4 << EOD
# x y
0 122.85442719800938
EOD
$p2_s4_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 5: unroll_gd(init=mlp,hidden=64,64,steps=5,step0=0.01,step_shape=coordinate)/objective (1 points)
$p2_s5 << EOD
# x y
0 12.086431342081193
EOD
$p2_s5_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
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
amor_out(ext) = amor_dir . 'policies_training_control_lqr_nx_6_nu_3_policy_gaussian_alpha_1.' . ext . amor_suffix

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
        set terminal pngcairo size 1500,654 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 1500,654 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    set multiplot title 'policies: control_lqr(nx=6,nu=3,policy=gaussian,alpha=1), training curves (1 seed)' font ',13'

    # ---- panel 1
    set origin 0.00000, 0.18960; set size 0.50000, 0.74924
    unset object; unset arrow; unset logscale; set autoscale
    set title 'held-out gap f(yhat) - f(y*)'
    set xlabel 'training step'
    set ylabel 'gap (log scale)'
    set format x '% h'
    set logscale y; set format y '%g'
    set grid xtics ytics nomxtics mytics
    set key off
    plot $p1_s1 using 1:2 with lines lt 1 title 'linear/objective', \
         $p1_s2 using 1:2 with lines lt 2 title 'linear/policy_kl(direction=forward)', \
         $p1_s3 using 1:2 with lines lt 3 title 'mlp(hidden=64,64)/objective', \
         $p1_s4 using 1:2 with lines lt 4 title 'learned_update(steps=5,hidden=16)/objective', \
         $p1_s5 using 1:2 with lines lt 5 title 'unroll_gd(init=mlp,hidden=64,64,steps=5,step0=0.01,step_shape=coordinate)/objective'

    # ---- panel 2
    set origin 0.50000, 0.18960; set size 0.50000, 0.74924
    unset object; unset arrow; unset logscale; set autoscale
    set title 'held-out objective f(yhat)'
    set xlabel 'training step'
    set ylabel 'objective (log scale)'
    set format x '% h'
    set logscale y; set format y '%g'
    set grid xtics ytics nomxtics mytics
    set key off
    plot $p2_s1 using 1:2 with lines lt 1 title 'linear/objective', \
         $p2_s2 using 1:2 with lines lt 2 title 'linear/policy_kl(direction=forward)', \
         $p2_s3 using 1:2 with lines lt 3 title 'mlp(hidden=64,64)/objective', \
         $p2_s4 using 1:2 with lines lt 4 title 'learned_update(steps=5,hidden=16)/objective', \
         $p2_s5 using 1:2 with lines lt 5 title 'unroll_gd(init=mlp,hidden=64,64,steps=5,step0=0.01,step_shape=coordinate)/objective'

    # ---- the key of every panel, below them
    unset object; unset arrow; unset logscale; unset title; unset xlabel; unset ylabel
    unset border; unset tics; unset grid
    set origin 0, 0; set size 1, 0.18960
    set lmargin 0; set rmargin 0; set tmargin 0; set bmargin 0
    set xrange [0:1]; set yrange [0:1]
    set key inside center center horizontal Left reverse samplen 2.5 spacing 1.15 width 2 maxrows 5
    plot keyentry with lines lt 1 title 'linear/objective', \
         keyentry with lines lt 2 title 'linear/policy_kl(direction=forward)', \
         keyentry with lines lt 3 title 'mlp(hidden=64,64)/objective', \
         keyentry with lines lt 4 title 'learned_update(steps=5,hidden=16)/objective', \
         keyentry with lines lt 5 title 'unroll_gd(init=mlp,hidden=64,64,steps=5,step0=0.01,step_shape=coordinate)/objective', \
         NaN notitle
    set border 3 lw 1 lc rgb '#404040'; set tics; set tics nomirror out scale 0.6
    set lmargin -1; set tmargin -1; set bmargin -1; set rmargin 4
    set key noreverse Right samplen 2.5 spacing 1.15 width 0 maxrows auto
    unset multiplot
    unset output
}
