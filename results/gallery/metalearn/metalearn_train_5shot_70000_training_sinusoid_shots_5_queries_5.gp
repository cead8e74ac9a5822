# metalearn_train_5shot_70000_training_sinusoid_shots_5_queries_5.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# ---- panel 1 data
# series 1: warmstart(hidden=128,128,steps=10,step_size=0.01)/objective(on=validation) (10 points)
$p1_s1 << EOD
# x y
7000 0.08647272857313573
14000 0.07385879003316566
21000 0.14414121706855446
28000 0.12731953059600787
35000 0.24338671499336953
42000 0.40616247498996155
49000 0.28976945181187047
56000 0.3356833314343909
63000 0.3114917580417601
70000 0.39786563142270087
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
EOD
# series 2: unroll_gd(init=constant,steps=1,step0=0.01,learn_steps=false,init_std=0.01)/objective(on=validation) (11 points)
$p1_s2 << EOD
# x y
0 4.4871236791134255
7000 0.8501836179572005
14000 0.5903135063974382
21000 0.4413230728957976
28000 0.4210283549186564
35000 0.42494116826202144
42000 0.42425490959638806
49000 0.41860310911165305
56000 0.42470962178630556
63000 0.4289269244398426
70000 0.41873199275689926
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
EOD
# series 3: unroll_gd(init=constant,steps=5,step0=0.01,learn_steps=false,init_std=0.01)/objective(on=validation) (11 points)
$p1_s3 << EOD
# x y
0 4.337412036663182
7000 0.2652177643678101
14000 0.2026139354564948
21000 0.19232547355363572
28000 0.22260843350710172
35000 0.22668076061014422
42000 0.2056059045566331
49000 0.23445354069967578
56000 0.22447756466885632
63000 0.20369686989062374
70000 0.1696349645590481
EOD
$p1_s3_band << EOD
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
EOD
# series 4: unroll_gd(init=constant,steps=1,step0=0.01,learn_steps=false,grad=first_order,init_std=0.01)/objective(on=validation) (11 points)
$p1_s4 << EOD
# x y
0 4.4896751685673815
7000 0.855356266911777
14000 0.7375610539319998
21000 0.565489066830441
28000 0.5704584968294146
35000 0.5765591903463078
42000 0.5527489206402899
49000 0.5660813151334497
56000 0.5724683095160757
63000 0.6055037702395014
70000 0.6149091468763266
EOD
$p1_s4_band << EOD
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
EOD
# series 5: unroll_gd(init=constant,steps=1,step0=0.1,init_std=0.01,step_shape=coordinate,step0_low=0.005)/objective(on=validation) (11 points)
$p1_s5 << EOD
# x y
0 4.512132459428759
7000 0.3974110192333126
14000 0.330351354805189
21000 0.339701235239065
28000 0.33544682582502944
35000 0.319047964744041
42000 0.31142733440757536
49000 0.29681749941091096
56000 0.3227211391668727
63000 0.29574711011283905
70000 0.3186156751171276
EOD
$p1_s5_band << EOD
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
EOD
# series 6: unroll_gd(init=constant,steps=10,step0=0.01,learn_steps=false,grad=implicit,init_std=0.01,lambda=0.5,cg_steps=5,inner_safeguard=true)/objective(on=validation) (11 points)
$p1_s6 << EOD
# x y
0 4.1878685182874635
7000 1.0861751151027574
14000 0.8602011720004181
21000 0.7080311816464114
28000 0.5678285403933517
35000 0.5885390015198937
42000 0.32357160575855415
49000 0.20023090916961842
56000 0.16545431132889724
63000 0.14927833755106432
70000 0.15339482435870996
EOD
$p1_s6_band << EOD
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
amor_out(ext) = amor_dir . 'metalearn_train_5shot_70000_training_sinusoid_shots_5_queries_5.' . ext . amor_suffix

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
        set terminal pngcairo size 900,674 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 900,674 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    set multiplot title 'metalearn_train_5shot_70000: sinusoid(shots=5,queries=5), training curves (1 seed)' font ',13'

    # ---- panel 1
    set origin 0.00000, 0.21365; set size 1.00000, 0.72700
    unset object; unset arrow; unset logscale; set autoscale
    set title 'held-out objective f(yhat)'
    set xlabel 'training step'
    set ylabel 'objective (log scale)'
    set format x '% h'
    set logscale y; set format y '%g'
    set grid xtics ytics nomxtics mytics
    set key off
    plot $p1_s1 using 1:2 with lines lt 1 title 'warmstart(hidden=128,128,steps=10,step_size=0.01)/objective(on=validation)', \
         $p1_s2 using 1:2 with lines lt 2 title 'unroll_gd(init=constant,steps=1,step0=0.01,learn_steps=false,init_std=0.01)/objective(on=validation)', \
         $p1_s3 using 1:2 with lines lt 3 title 'unroll_gd(init=constant,steps=5,step0=0.01,learn_steps=false,init_std=0.01)/objective(on=validation)', \
         $p1_s4 using 1:2 with lines lt 4 title 'unroll_gd(init=constant,steps=1,step0=0.01,learn_steps=false,grad=first_order,init_std=0.01)/objective(on=validation)', \
         $p1_s5 using 1:2 with lines lt 5 title 'unroll_gd(init=constant,steps=1,step0=0.1,init_std=0.01,step_shape=coordinate,step0_low=0.005)/objective(on=validation)', \
         $p1_s6 using 1:2 with lines lt 6 title 'unroll_gd(init=constant,steps=10,step0=0.01,learn_steps=false,grad=implicit,init_std=0.01,lambda=0.5,cg_steps=5,inner_safeguard=true)/objective(on=validation)'

    # ---- the key of every panel, below them
    unset object; unset arrow; unset logscale; unset title; unset xlabel; unset ylabel
    unset border; unset tics; unset grid
    set origin 0, 0; set size 1, 0.21365
    set lmargin 0; set rmargin 0; set tmargin 0; set bmargin 0
    set xrange [0:1]; set yrange [0:1]
    set key inside center center horizontal Left reverse samplen 2.5 spacing 1.15 width 2 maxrows 6
    plot keyentry with lines lt 1 title 'warmstart(hidden=128,128,steps=10,step_size=0.01)/objective(on=validation)', \
         keyentry with lines lt 2 title 'unroll_gd(init=constant,steps=1,step0=0.01,learn_steps=false,init_std=0.01)/objective(on=validation)', \
         keyentry with lines lt 3 title 'unroll_gd(init=constant,steps=5,step0=0.01,learn_steps=false,init_std=0.01)/objective(on=validation)', \
         keyentry with lines lt 4 title 'unroll_gd(init=constant,steps=1,step0=0.01,learn_steps=false,grad=first_order,init_std=0.01)/objective(on=validation)', \
         keyentry with lines lt 5 title 'unroll_gd(init=constant,steps=1,step0=0.1,init_std=0.01,step_shape=coordinate,step0_low=0.005)/objective(on=validation)', \
         keyentry with lines lt 6 title 'unroll_gd(init=constant,steps=10,step0=0.01,learn_steps=false,grad=implicit,init_std=0.01,lambda=0.5,cg_steps=5,inner_safeguard=true)/objective(on=validation)', \
         NaN notitle
    set border 3 lw 1 lc rgb '#404040'; set tics; set tics nomirror out scale 0.6
    set lmargin -1; set tmargin -1; set bmargin -1; set rmargin 4
    set key noreverse Right samplen 2.5 spacing 1.15 width 0 maxrows auto
    unset multiplot
    unset output
}
