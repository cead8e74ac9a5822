# main_example_training_tutorial1d.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# ---- panel 1 data
# series 1: linear/regression (21 points)
$p1_s1 << EOD
# x y
0 0.12232618671518809
200 0.012852854609191599
400 0.0018447628113890113
600 0.0016005849056698312
800 0.0015988103758809808
1000 0.0015988197020557968
1200 0.0015988732985959561
1400 0.0015988025151733242
1600 0.0015992566643512967
1800 0.0015994762795904372
2000 0.001598748269808562
2200 0.001598807286094624
2400 0.0015991415827602074
2600 0.0015988566379994522
2800 0.0016002440789503276
3000 0.0015990826793714711
3200 0.0015988306813783785
3400 0.0015990365058637167
3600 0.00159903231527576
3800 0.0015991991387565082
4000 0.0016035346508116667
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
EOD
# series 2: linear/objective (21 points)
$p1_s2 << EOD
# x y
0 0.05694086836826887
200 0.0023237334736723415
400 0.0015989437347311724
600 0.0015990690257297222
800 0.0016024373786383223
1000 0.0015987837937327877
1200 0.0015987944724446276
1400 0.0015988823700141042
1600 0.0015991348590636634
1800 0.0016037183284049535
2000 0.0015998154434086881
2200 0.0015988693908332587
2400 0.001598858623742233
2600 0.0016014547606200175
2800 0.0015989191237025752
3000 0.0015990815981120716
3200 0.0016001849972907438
3400 0.0015994914114309303
3600 0.0016016980897844012
3800 0.0015994023592374022
4000 0.0015995180400391472
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
EOD
# series 3: linear/zeroth_order(samples=4,sigma=1) (21 points)
$p1_s3 << EOD
# x y
0 0.07791423397416003
200 0.003982986016923197
400 0.0016052566652358488
600 0.0015987857181199525
800 0.0015991431881258763
1000 0.001598854346684499
1200 0.0015989459427171134
1400 0.0015988974214888332
1600 0.0015987637041387573
1800 0.0015988537969338237
2000 0.0016023734122979397
2200 0.0016005382001173544
2400 0.0015993674234021983
2600 0.0015998468702206725
2800 0.001599452955170707
3000 0.001599087180823542
3200 0.0016000329079454243
3400 0.00159985836928532
3600 0.0015994161065178685
3800 0.001598864417161773
4000 0.0016002454395982974
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
EOD

# ---- panel 2 data
# series 1: linear/regression (21 points)
$p2_s1 << EOD
# x y
0 0.6223261867151888
200 0.5128528546091918
400 0.5018447628113887
600 0.5016005849056704
800 0.5015988103758813
1000 0.5015988197020561
1200 0.5015988732985955
1400 0.5015988025151731
1600 0.5015992566643518
1800 0.5015994762795899
2000 0.5015987482698088
2200 0.5015988072860946
2400 0.5015991415827609
2600 0.5015988566379996
2800 0.5016002440789495
3000 0.5015990826793718
3200 0.5015988306813792
3400 0.5015990365058651
3600 0.5015990323152754
3800 0.5015991991387568
4000 0.5016035346508118
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
EOD
# series 2: linear/objective (21 points)
$p2_s2 << EOD
# x y
0 0.5569408683682692
200 0.5023237334736719
400 0.5015989437347302
600 0.50159906902573
800 0.501602437378638
1000 0.5015987837937336
1200 0.5015987944724447
1400 0.5015988823700149
1600 0.5015991348590642
1800 0.5016037183284046
2000 0.5015998154434087
2200 0.5015988693908332
2400 0.5015988586237424
2600 0.5016014547606207
2800 0.5015989191237028
3000 0.5015990815981123
3200 0.5016001849972908
3400 0.5015994914114307
3600 0.5016016980897846
3800 0.5015994023592374
4000 0.5015995180400384
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
EOD
# series 3: linear/zeroth_order(samples=4,sigma=1) (21 points)
$p2_s3 << EOD
# x y
0 0.5779142339741615
200 0.5039829860169222
400 0.5016052566652357
600 0.50159878571812
800 0.5015991431881268
1000 0.501598854346684
1200 0.5015989459427164
1400 0.5015988974214882
1600 0.5015987637041388
1800 0.5015988537969333
2000 0.5016023734122979
2200 0.5016005382001176
2400 0.5015993674234016
2600 0.5015998468702212
2800 0.5015994529551709
3000 0.5015990871808231
3200 0.5016000329079452
3400 0.5015998583692861
3600 0.5015994161065171
3800 0.5015988644171612
4000 0.5016002454395976
EOD
$p2_s3_band << EOD
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
amor_out(ext) = amor_dir . 'main_example_training_tutorial1d.' . ext . amor_suffix

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
    set multiplot title 'main_example: tutorial1d, training curves (1 seed)' font ',13'

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
    plot $p1_s1 using 1:2 with lines lt 1 title 'linear/regression', \
         $p1_s2 using 1:2 with lines lt 2 title 'linear/objective', \
         $p1_s3 using 1:2 with lines lt 3 title 'linear/zeroth_order(samples=4,sigma=1)'

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
    plot $p2_s1 using 1:2 with lines lt 1 title 'linear/regression', \
         $p2_s2 using 1:2 with lines lt 2 title 'linear/objective', \
         $p2_s3 using 1:2 with lines lt 3 title 'linear/zeroth_order(samples=4,sigma=1)'

    # ---- the key of every panel, below them
    unset object; unset arrow; unset logscale; unset title; unset xlabel; unset ylabel
    unset border; unset tics; unset grid
    set origin 0, 0; set size 1, 0.07666
    set lmargin 0; set rmargin 0; set tmargin 0; set bmargin 0
    set xrange [0:1]; set yrange [0:1]
    set key inside center center horizontal Left reverse samplen 2.5 spacing 1.15 width 2 maxrows 1
    plot keyentry with lines lt 1 title 'linear/regression', \
         keyentry with lines lt 2 title 'linear/objective', \
         keyentry with lines lt 3 title 'linear/zeroth_order(samples=4,sigma=1)', \
         NaN notitle
    set border 3 lw 1 lc rgb '#404040'; set tics; set tics nomirror out scale 0.6
    set lmargin -1; set tmargin -1; set bmargin -1; set rmargin 4
    set key noreverse Right samplen 2.5 spacing 1.15 width 0 maxrows auto
    unset multiplot
    unset output
}
