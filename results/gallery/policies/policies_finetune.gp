# policies_finetune.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# ---- panel 1 data
# series 1: gradient steps (0.002) (8 points)
$p1_s1 << EOD
# x y
0.5 0.0011908532628679453
1 0.0003250479200118209
2 0.00016895433735926964
5 0.00010927303719125232
10 8.773143978932385e-05
20 5.931698290066578e-05
50 2.3163922772564826e-05
100 8.556518439896513e-06
EOD
# series 2: Adam steps (lr 0.02) (8 points)
$p1_s2 << EOD
# x y
0.5 0.0011908532628679453
1 0.003138654449510683
2 0.0009905781502510687
5 0.00122087975313926
10 0.0005517579815961012
20 0.00020347926876517557
50 9.030094851590671e-06
100 3.923191679094932e-07
EOD
# series 3: ES steps, 8 pairs (values only) (8 points)
$p1_s3 << EOD
# x y
0.5 0.0011908532628679453
1 0.0004981807544039209
2 0.00025231557025621445
5 0.00012221012407015206
10 9.554163525996116e-05
20 6.542628343563207e-05
50 2.5308407291817462e-05
100 9.465403787838223e-06
EOD

# ---- panel 2 data
# series 1: gradient steps (0.002) (8 points)
$p2_s1 << EOD
# x y
1.2783043423804033e-06 0.0011908532628679453
1.4496650220318116e-06 0.0003250479200118209
1.9010691833922567e-06 0.00016895433735926964
3.3541035340694915e-06 0.00010927303719125232
5.66553357110319e-06 8.773143978932385e-05
1.0694120212040912e-05 5.931698290066578e-05
2.449041411134445e-05 2.3163922772564826e-05
4.840492341814151e-05 8.556518439896513e-06
EOD
# series 2: Adam steps (lr 0.02) (8 points)
$p2_s2 << EOD
# x y
9.316250763925575e-07 0.0011908532628679453
1.482026982169031e-06 0.003138654449510683
1.962450319402983e-06 0.0009905781502510687
3.5079232285130287e-06 0.00122087975313926
6.009653175444046e-06 0.0005517579815961012
1.102596061795796e-05 0.00020347926876517557
2.6218974674918627e-05 9.030094851590671e-06
4.970760512260543e-05 3.923191679094932e-07
EOD
# series 3: ES steps, 8 pairs (values only) (8 points)
$p2_s3 << EOD
# x y
9.060325256571685e-07 0.0011908532628679453
6.945471333336981e-06 0.0004981807544039209
1.3640295675178685e-05 0.00025231557025621445
3.273233145919782e-05 0.00012221012407015206
6.334373437499516e-05 9.554163525996116e-05
0.00011653669531241917 6.542628343563207e-05
0.0002809883872768434 2.5308407291817462e-05
0.0005540168135420724 9.465403787838223e-06
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
amor_out(ext) = amor_dir . 'policies_finetune.' . ext . amor_suffix

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
        set terminal pngcairo size 1120,430 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 1120,430 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    set multiplot layout 1,2 title 'test-time fine-tuning of a trained policy (control_mpc)' font ',13'

    # ---- panel 1
    unset object; unset arrow; unset logscale; set autoscale
    set title 'suboptimality against refinement steps (K = 0 drawn at 0.5)'
    set xlabel 'steps K'
    set ylabel 'normalized suboptimality (expert 0, zero action 1)'
    set logscale x; set format x '%g'
    set logscale y; set format y '%g'
    set grid xtics ytics mxtics mytics
    set key top right
    plot $p1_s1 using 1:2 with lines lt 1 title 'gradient steps (0.002)', \
         $p1_s2 using 1:2 with lines lt 2 title 'Adam steps (lr 0.02)', \
         $p1_s3 using 1:2 with lines lt 3 title 'ES steps, 8 pairs (values only)'

    # ---- panel 2
    unset object; unset arrow; unset logscale; set autoscale
    set title 'suboptimality against inference time'
    set xlabel 'seconds per state'
    set ylabel 'normalized suboptimality'
    set logscale x; set format x '%g'
    set logscale y; set format y '%g'
    set grid xtics ytics mxtics mytics
    set key top right
    plot $p2_s1 using 1:2 with lines lt 1 title 'gradient steps (0.002)', \
         $p2_s2 using 1:2 with lines lt 2 title 'Adam steps (lr 0.02)', \
         $p2_s3 using 1:2 with lines lt 3 title 'ES steps, 8 pairs (values only)'
    unset multiplot
    unset output
}
