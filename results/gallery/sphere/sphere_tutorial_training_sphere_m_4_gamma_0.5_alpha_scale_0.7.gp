# sphere_tutorial_training_sphere_m_4_gamma_0.5_alpha_scale_0.7.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# ---- panel 1 data
# series 1: mlp(hidden=128,128,activation=relu,output=sphere)/objective (101 points)
$p1_s1 << EOD
# x y
0 0.5340510610127326
1 0.39484500644683623
2 0.31333370758627127
3 0.2559190997938112
4 0.20909371963918605
5 0.1672069055370228
6 0.12965066516324056
7 0.09884564957852761
8 0.07745802941296251
9 0.06638320387523121
10 0.06359519292717175
11 0.06465187248131288
12 0.06543807218460408
13 0.06418159423447709
14 0.06111084394119487
15 0.05711937527528186
16 0.05324599762236464
17 0.05013913838907494
18 0.04818583914636809
19 0.047411160378388564
20 0.0475231487557608
21 0.048126061040146856
22 0.04881800089180057
23 0.04936112480120244
24 0.04961892833960209
25 0.04956645583434876
26 0.04924893553599981
27 0.04878012723612356
28 0.04822913924524416
29 0.047679270594319825
30 0.04719852726688333
31 0.04683083573257454
32 0.04658822717525778
33 0.046449811347121
34 0.046394376541249095
35 0.04638498812770047
36 0.04638994476797789
37 0.04638440044806932
38 0.04635264407274184
39 0.04628882013376458
40 0.04619643729025372
41 0.04608632370593804
42 0.04597128718059532
43 0.04586384154368313
44 0.04577390795181429
45 0.04570695934131668
46 0.0456637917550038
47 0.04564113250317668
48 0.045634701427435954
49 0.045638973968534384
50 0.045647574245527685
51 0.04565518220656566
52 0.04565822665814055
53 0.0456550338523977
54 0.04564572236933526
55 0.045631765090300244
56 0.045615470293102464
57 0.045599364234587825
58 0.04558555997818654
59 0.04557495424101775
60 0.045567775639748315
61 0.04556341862783082
62 0.04556071169391206
63 0.04555828886033775
64 0.04555497289020324
65 0.045550025397237084
66 0.04554337187563029
67 0.04553548613495313
68 0.04552723033605304
69 0.04551960307964112
70 0.045513476727201366
71 0.04550939706357067
72 0.04550748726805573
73 0.045507465105039765
74 0.045508752233786004
75 0.0455106351922467
76 0.04551243201424641
77 0.04551362524877237
78 0.045513937059914765
79 0.04551333977424054
80 0.04551201100466964
81 0.045510253173824206
82 0.0455084015683685
83 0.04550674328439259
84 0.045505463059602735
85 0.04550462317963632
86 0.04550417569068597
87 0.04550399804008843
88 0.04550393933037551
89 0.04550386406844362
90 0.045503683182265386
91 0.04550336700768947
92 0.045502940392471845
93 0.045502464559893374
94 0.045502012906238835
95 0.04550164813852376
96 0.04550140643272602
97 0.04550129142218012
98 0.04550127777989909
99 0.045501321758493606
100 0.04550137477675096
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
# skipped row 32: ylo = nan is NaN
# skipped row 33: ylo = nan is NaN
# skipped row 34: ylo = nan is NaN
# skipped row 35: ylo = nan is NaN
# skipped row 36: ylo = nan is NaN
# skipped row 37: ylo = nan is NaN
# skipped row 38: ylo = nan is NaN
# skipped row 39: ylo = nan is NaN
# skipped row 40: ylo = nan is NaN
# skipped row 41: ylo = nan is NaN
# skipped row 42: ylo = nan is NaN
# skipped row 43: ylo = nan is NaN
# skipped row 44: ylo = nan is NaN
# skipped row 45: ylo = nan is NaN
# skipped row 46: ylo = nan is NaN
# skipped row 47: ylo = nan is NaN
# skipped row 48: ylo = nan is NaN
# skipped row 49: ylo = nan is NaN
# skipped row 50: ylo = nan is NaN
# skipped row 51: ylo = nan is NaN
# skipped row 52: ylo = nan is NaN
# skipped row 53: ylo = nan is NaN
# skipped row 54: ylo = nan is NaN
# skipped row 55: ylo = nan is NaN
# skipped row 56: ylo = nan is NaN
# skipped row 57: ylo = nan is NaN
# skipped row 58: ylo = nan is NaN
# skipped row 59: ylo = nan is NaN
# skipped row 60: ylo = nan is NaN
# skipped row 61: ylo = nan is NaN
# skipped row 62: ylo = nan is NaN
# skipped row 63: ylo = nan is NaN
# skipped row 64: ylo = nan is NaN
# skipped row 65: ylo = nan is NaN
# skipped row 66: ylo = nan is NaN
# skipped row 67: ylo = nan is NaN
# skipped row 68: ylo = nan is NaN
# skipped row 69: ylo = nan is NaN
# skipped row 70: ylo = nan is NaN
# skipped row 71: ylo = nan is NaN
# skipped row 72: ylo = nan is NaN
# skipped row 73: ylo = nan is NaN
# skipped row 74: ylo = nan is NaN
# skipped row 75: ylo = nan is NaN
# skipped row 76: ylo = nan is NaN
# skipped row 77: ylo = nan is NaN
# skipped row 78: ylo = nan is NaN
# skipped row 79: ylo = nan is NaN
# skipped row 80: ylo = nan is NaN
# skipped row 81: ylo = nan is NaN
# skipped row 82: ylo = nan is NaN
# skipped row 83: ylo = nan is NaN
# skipped row 84: ylo = nan is NaN
# skipped row 85: ylo = nan is NaN
# skipped row 86: ylo = nan is NaN
# skipped row 87: ylo = nan is NaN
# skipped row 88: ylo = nan is NaN
# skipped row 89: ylo = nan is NaN
# skipped row 90: ylo = nan is NaN
# skipped row 91: ylo = nan is NaN
# skipped row 92: ylo = nan is NaN
# skipped row 93: ylo = nan is NaN
# skipped row 94: ylo = nan is NaN
# skipped row 95: ylo = nan is NaN
# skipped row 96: ylo = nan is NaN
# skipped row 97: ylo = nan is NaN
# skipped row 98: ylo = nan is NaN
# skipped row 99: ylo = nan is NaN
# skipped row 100: ylo = nan is NaN
# skipped row 101: ylo = nan is NaN
EOD

# ---- panel 2 data
# series 1: mlp(hidden=128,128,activation=relu,output=sphere)/objective (101 points)
$p2_s1 << EOD
# x y
0 0.41366170061518487
1 0.27445564604928857
2 0.19294434718872366
3 0.13552973939626348
4 0.08870435924163834
5 0.04681754513947511
6 0.00926130476569284
7 -0.02154371081902009
8 -0.042931330984585195
9 -0.05400615652231648
10 -0.05679416747037595
11 -0.05573748791623481
12 -0.05495128821294361
13 -0.056207766163070605
14 -0.05927851645635283
15 -0.06326998512226584
16 -0.06714336277518307
17 -0.07025022200847275
18 -0.07220352125117961
19 -0.07297820001915914
20 -0.07286621164178689
21 -0.07226329935740085
22 -0.07157135950574713
23 -0.07102823559634527
24 -0.07077043205794561
25 -0.07082290456319895
26 -0.0711404248615479
27 -0.07160923316142415
28 -0.07216022115230353
29 -0.07271008980322788
30 -0.07319083313066438
31 -0.07355852466497316
32 -0.07380113322228993
33 -0.07393954905042671
34 -0.07399498385629862
35 -0.07400437226984723
36 -0.07399941562956981
37 -0.0740049599494784
38 -0.07403671632480587
39 -0.07410054026378313
40 -0.07419292310729397
41 -0.07430303669160968
42 -0.07441807321695237
43 -0.07452551885386458
44 -0.07461545244573342
45 -0.07468240105623103
46 -0.0747255686425439
47 -0.07474822789437102
48 -0.07475465897011174
49 -0.0747503864290133
50 -0.07474178615202001
51 -0.07473417819098205
52 -0.07473113373940715
53 -0.07473432654515
54 -0.07474363802821243
55 -0.07475759530724746
56 -0.07477389010444524
57 -0.07478999616295989
58 -0.07480380041936116
59 -0.07481440615652996
60 -0.07482158475779939
61 -0.07482594176971688
62 -0.07482864870363565
63 -0.07483107153720996
64 -0.07483438750734446
65 -0.07483933500031062
66 -0.0748459885219174
67 -0.07485387426259457
68 -0.07486213006149466
69 -0.07486975731790657
70 -0.07487588367034632
71 -0.07487996333397703
72 -0.07488187312949197
73 -0.07488189529250794
74 -0.07488060816376169
75 -0.074878725205301
76 -0.07487692838330129
77 -0.07487573514877532
78 -0.07487542333763295
79 -0.07487602062330716
80 -0.07487734939287806
81 -0.07487910722372348
82 -0.0748809588291792
83 -0.07488261711315511
84 -0.07488389733794495
85 -0.07488473721791138
86 -0.07488518470686173
87 -0.07488536235745927
88 -0.07488542106717219
89 -0.07488549632910407
90 -0.07488567721528233
91 -0.07488599338985823
92 -0.07488642000507584
93 -0.07488689583765433
94 -0.07488734749130886
95 -0.07488771225902395
96 -0.07488795396482167
97 -0.07488806897536758
98 -0.07488808261764861
99 -0.0748880386390541
100 -0.07488798562079674
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
# skipped row 32: ylo = nan is NaN
# skipped row 33: ylo = nan is NaN
# skipped row 34: ylo = nan is NaN
# skipped row 35: ylo = nan is NaN
# skipped row 36: ylo = nan is NaN
# skipped row 37: ylo = nan is NaN
# skipped row 38: ylo = nan is NaN
# skipped row 39: ylo = nan is NaN
# skipped row 40: ylo = nan is NaN
# skipped row 41: ylo = nan is NaN
# skipped row 42: ylo = nan is NaN
# skipped row 43: ylo = nan is NaN
# skipped row 44: ylo = nan is NaN
# skipped row 45: ylo = nan is NaN
# skipped row 46: ylo = nan is NaN
# skipped row 47: ylo = nan is NaN
# skipped row 48: ylo = nan is NaN
# skipped row 49: ylo = nan is NaN
# skipped row 50: ylo = nan is NaN
# skipped row 51: ylo = nan is NaN
# skipped row 52: ylo = nan is NaN
# skipped row 53: ylo = nan is NaN
# skipped row 54: ylo = nan is NaN
# skipped row 55: ylo = nan is NaN
# skipped row 56: ylo = nan is NaN
# skipped row 57: ylo = nan is NaN
# skipped row 58: ylo = nan is NaN
# skipped row 59: ylo = nan is NaN
# skipped row 60: ylo = nan is NaN
# skipped row 61: ylo = nan is NaN
# skipped row 62: ylo = nan is NaN
# skipped row 63: ylo = nan is NaN
# skipped row 64: ylo = nan is NaN
# skipped row 65: ylo = nan is NaN
# skipped row 66: ylo = nan is NaN
# skipped row 67: ylo = nan is NaN
# skipped row 68: ylo = nan is NaN
# skipped row 69: ylo = nan is NaN
# skipped row 70: ylo = nan is NaN
# skipped row 71: ylo = nan is NaN
# skipped row 72: ylo = nan is NaN
# skipped row 73: ylo = nan is NaN
# skipped row 74: ylo = nan is NaN
# skipped row 75: ylo = nan is NaN
# skipped row 76: ylo = nan is NaN
# skipped row 77: ylo = nan is NaN
# skipped row 78: ylo = nan is NaN
# skipped row 79: ylo = nan is NaN
# skipped row 80: ylo = nan is NaN
# skipped row 81: ylo = nan is NaN
# skipped row 82: ylo = nan is NaN
# skipped row 83: ylo = nan is NaN
# skipped row 84: ylo = nan is NaN
# skipped row 85: ylo = nan is NaN
# skipped row 86: ylo = nan is NaN
# skipped row 87: ylo = nan is NaN
# skipped row 88: ylo = nan is NaN
# skipped row 89: ylo = nan is NaN
# skipped row 90: ylo = nan is NaN
# skipped row 91: ylo = nan is NaN
# skipped row 92: ylo = nan is NaN
# skipped row 93: ylo = nan is NaN
# skipped row 94: ylo = nan is NaN
# skipped row 95: ylo = nan is NaN
# skipped row 96: ylo = nan is NaN
# skipped row 97: ylo = nan is NaN
# skipped row 98: ylo = nan is NaN
# skipped row 99: ylo = nan is NaN
# skipped row 100: ylo = nan is NaN
# skipped row 101: ylo = nan is NaN
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
amor_out(ext) = amor_dir . 'sphere_tutorial_training_sphere_m_4_gamma_0.5_alpha_scale_0.7.' . ext . amor_suffix

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
    set multiplot title 'sphere_tutorial: sphere(m=4,gamma=0.5,alpha_scale=0.7), training curves (1 seed)' font ',13'

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
    plot $p1_s1 using 1:2 with lines lt 1 title 'mlp(hidden=128,128,activation=relu,output=sphere)/objective'

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
    plot $p2_s1 using 1:2 with lines lt 1 title 'mlp(hidden=128,128,activation=relu,output=sphere)/objective'

    # ---- the key of every panel, below them
    unset object; unset arrow; unset logscale; unset title; unset xlabel; unset ylabel
    unset border; unset tics; unset grid
    set origin 0, 0; set size 1, 0.07666
    set lmargin 0; set rmargin 0; set tmargin 0; set bmargin 0
    set xrange [0:1]; set yrange [0:1]
    set key inside center center horizontal Left reverse samplen 2.5 spacing 1.15 width 2 maxrows 1
    plot keyentry with lines lt 1 title 'mlp(hidden=128,128,activation=relu,output=sphere)/objective', \
         NaN notitle
    set border 3 lw 1 lc rgb '#404040'; set tics; set tics nomirror out scale 0.6
    set lmargin -1; set tmargin -1; set bmargin -1; set rmargin 4
    set key noreverse Right samplen 2.5 spacing 1.15 width 0 maxrows auto
    unset multiplot
    unset output
}
