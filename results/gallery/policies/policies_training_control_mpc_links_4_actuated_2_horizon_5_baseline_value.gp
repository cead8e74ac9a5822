# policies_training_control_mpc_links_4_actuated_2_horizon_5_baseline_value.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# ---- panel 1 data
# series 1: dcem(samples=30,elites=5,iters=5)/regression (1 points)
$p1_s1 << EOD
# x y
0 235.90534832068465
EOD
$p1_s1_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 2: dcem(samples=30,elites=5,iters=1)/regression (1 points)
$p1_s2 << EOD
# x y
0 146.64589548274526
EOD
$p1_s2_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 3: dcem(samples=30,elites=5,iters=2)/regression (1 points)
$p1_s3 << EOD
# x y
0 57.63644616037091
EOD
$p1_s3_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 4: dcem(samples=30,elites=5,iters=3)/regression (1 points)
$p1_s4 << EOD
# x y
0 30.23389629885612
EOD
$p1_s4_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 5: dcem(samples=30,elites=5,iters=10)/regression (1 points)
$p1_s5 << EOD
# x y
0 1.399800863769879
EOD
$p1_s5_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 6: dcem(samples=30,elites=5,iters=20)/regression (1 points)
$p1_s6 << EOD
# x y
0 0.9790512010920869
EOD
$p1_s6_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 7: dcem(latent_dim=0,samples=100,elites=10,iters=1,soft=false)/regression (1 points)
$p1_s7 << EOD
# x y
0 76.50573587578221
EOD
$p1_s7_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 8: dcem(latent_dim=0,samples=100,elites=10,iters=2,soft=false)/regression (1 points)
$p1_s8 << EOD
# x y
0 25.130558399470047
EOD
$p1_s8_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 9: dcem(latent_dim=0,samples=100,elites=10,iters=3,soft=false)/regression (1 points)
$p1_s9 << EOD
# x y
0 16.588246273689197
EOD
$p1_s9_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 10: dcem(latent_dim=0,samples=100,elites=10,iters=5,soft=false)/regression (1 points)
$p1_s10 << EOD
# x y
0 10.735920828969252
EOD
$p1_s10_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 11: dcem(latent_dim=0,samples=100,elites=10,iters=10,soft=false)/regression (1 points)
$p1_s11 << EOD
# x y
0 6.576936385210686
EOD
$p1_s11_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 12: dcem(latent_dim=0,samples=100,elites=10,iters=20,soft=false)/regression (1 points)
$p1_s12 << EOD
# x y
0 5.6154053701507385
EOD
$p1_s12_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 13: dcem(latent_dim=0,samples=100,elites=10,iters=30,soft=false)/regression (1 points)
$p1_s13 << EOD
# x y
0 5.547175500260916
EOD
$p1_s13_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 14: warmstart(hidden=128,128,steps=0)/objective (1 points)
$p1_s14 << EOD
# x y
0 400.9094416516771
EOD
$p1_s14_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 15: warmstart(hidden=128,128,steps=0,step_size=0.002,refine=gd)/objective (1 points)
$p1_s15 << EOD
# x y
0 0.10173499021312504
EOD
$p1_s15_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 16: warmstart(hidden=128,128,steps=1,step_size=0.002,refine=gd)/objective (1 points)
$p1_s16 << EOD
# x y
0 0.029861398196832895
EOD
$p1_s16_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 17: warmstart(hidden=128,128,steps=2,step_size=0.002,refine=gd)/objective (1 points)
$p1_s17 << EOD
# x y
0 0.016946961362390975
EOD
$p1_s17_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 18: warmstart(hidden=128,128,steps=5,step_size=0.002,refine=gd)/objective (1 points)
$p1_s18 << EOD
# x y
0 0.011777002004729961
EOD
$p1_s18_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 19: warmstart(hidden=128,128,steps=10,step_size=0.002,refine=gd)/objective (1 points)
$p1_s19 << EOD
# x y
0 0.009633449664704516
EOD
$p1_s19_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 20: warmstart(hidden=128,128,steps=20,step_size=0.002,refine=gd)/objective (1 points)
$p1_s20 << EOD
# x y
0 0.006734611188069645
EOD
$p1_s20_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 21: warmstart(hidden=128,128,steps=50,step_size=0.002,refine=gd)/objective (1 points)
$p1_s21 << EOD
# x y
0 0.0028538931909461995
EOD
$p1_s21_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 22: warmstart(hidden=128,128,steps=100,step_size=0.002,refine=gd)/objective (1 points)
$p1_s22 << EOD
# x y
0 0.0010939097811865223
EOD
$p1_s22_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 23: warmstart(hidden=128,128,steps=0,step_size=0.02,refine=adam)/objective (1 points)
$p1_s23 << EOD
# x y
0 0.10173499021312504
EOD
$p1_s23_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 24: warmstart(hidden=128,128,steps=1,step_size=0.02,refine=adam)/objective (1 points)
$p1_s24 << EOD
# x y
0 0.23175919136090006
EOD
$p1_s24_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 25: warmstart(hidden=128,128,steps=2,step_size=0.02,refine=adam)/objective (1 points)
$p1_s25 << EOD
# x y
0 0.0764338052898554
EOD
$p1_s25_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 26: warmstart(hidden=128,128,steps=5,step_size=0.02,refine=adam)/objective (1 points)
$p1_s26 << EOD
# x y
0 0.09247550517285047
EOD
$p1_s26_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 27: warmstart(hidden=128,128,steps=10,step_size=0.02,refine=adam)/objective (1 points)
$p1_s27 << EOD
# x y
0 0.043526083882409916
EOD
$p1_s27_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 28: warmstart(hidden=128,128,steps=20,step_size=0.02,refine=adam)/objective (1 points)
$p1_s28 << EOD
# x y
0 0.015418619219262325
EOD
$p1_s28_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 29: warmstart(hidden=128,128,steps=50,step_size=0.02,refine=adam)/objective (1 points)
$p1_s29 << EOD
# x y
0 0.0005780808312184499
EOD
$p1_s29_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 30: warmstart(hidden=128,128,steps=100,step_size=0.02,refine=adam)/objective (1 points)
$p1_s30 << EOD
# x y
0 4.240353063400537e-06
EOD
$p1_s30_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 31: warmstart(hidden=128,128,steps=0,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective (1 points)
$p1_s31 << EOD
# x y
0 0.10173499021312504
EOD
$p1_s31_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 32: warmstart(hidden=128,128,steps=1,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective (1 points)
$p1_s32 << EOD
# x y
0 0.04335766256564609
EOD
$p1_s32_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 33: warmstart(hidden=128,128,steps=2,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective (1 points)
$p1_s33 << EOD
# x y
0 0.022033386726262025
EOD
$p1_s33_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 34: warmstart(hidden=128,128,steps=5,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective (1 points)
$p1_s34 << EOD
# x y
0 0.012601894821292856
EOD
$p1_s34_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 35: warmstart(hidden=128,128,steps=10,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective (1 points)
$p1_s35 << EOD
# x y
0 0.010221050196782197
EOD
$p1_s35_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 36: warmstart(hidden=128,128,steps=20,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective (1 points)
$p1_s36 << EOD
# x y
0 0.007211848577117028
EOD
$p1_s36_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 37: warmstart(hidden=128,128,steps=50,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective (1 points)
$p1_s37 << EOD
# x y
0 0.003192489290402764
EOD
$p1_s37_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 38: warmstart(hidden=128,128,steps=100,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective (1 points)
$p1_s38 << EOD
# x y
0 0.0012665396601257706
EOD
$p1_s38_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD

# ---- panel 2 data
# series 1: dcem(samples=30,elites=5,iters=5)/regression (1 points)
$p2_s1 << EOD
# x y
0 207.64656277589174
EOD
$p2_s1_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 2: dcem(samples=30,elites=5,iters=1)/regression (1 points)
$p2_s2 << EOD
# x y
0 118.38710993795229
EOD
$p2_s2_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 3: dcem(samples=30,elites=5,iters=2)/regression (1 points)
$p2_s3 << EOD
# x y
0 29.377660615577977
EOD
$p2_s3_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 4: dcem(samples=30,elites=5,iters=3)/regression (1 points)
$p2_s4 << EOD
# x y
0 1.9751107540631994
EOD
$p2_s4_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 5: dcem(samples=30,elites=5,iters=10)/regression (1 points)
$p2_s5 << EOD
# x y
0 -26.858984681023045
EOD
$p2_s5_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 6: dcem(samples=30,elites=5,iters=20)/regression (1 points)
$p2_s6 << EOD
# x y
0 -27.27973434370084
EOD
$p2_s6_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 7: dcem(latent_dim=0,samples=100,elites=10,iters=1,soft=false)/regression (1 points)
$p2_s7 << EOD
# x y
0 48.2469503309893
EOD
$p2_s7_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 8: dcem(latent_dim=0,samples=100,elites=10,iters=2,soft=false)/regression (1 points)
$p2_s8 << EOD
# x y
0 -3.128227145322879
EOD
$p2_s8_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 9: dcem(latent_dim=0,samples=100,elites=10,iters=3,soft=false)/regression (1 points)
$p2_s9 << EOD
# x y
0 -11.670539271103728
EOD
$p2_s9_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 10: dcem(latent_dim=0,samples=100,elites=10,iters=5,soft=false)/regression (1 points)
$p2_s10 << EOD
# x y
0 -17.522864715823673
EOD
$p2_s10_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 11: dcem(latent_dim=0,samples=100,elites=10,iters=10,soft=false)/regression (1 points)
$p2_s11 << EOD
# x y
0 -21.681849159582228
EOD
$p2_s11_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 12: dcem(latent_dim=0,samples=100,elites=10,iters=20,soft=false)/regression (1 points)
$p2_s12 << EOD
# x y
0 -22.643380174642182
EOD
$p2_s12_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 13: dcem(latent_dim=0,samples=100,elites=10,iters=30,soft=false)/regression (1 points)
$p2_s13 << EOD
# x y
0 -22.711610044532012
EOD
$p2_s13_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 14: warmstart(hidden=128,128,steps=0)/objective (1 points)
$p2_s14 << EOD
# x y
0 372.650656106884
EOD
$p2_s14_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 15: warmstart(hidden=128,128,steps=0,step_size=0.002,refine=gd)/objective (1 points)
$p2_s15 << EOD
# x y
0 -28.157050554579797
EOD
$p2_s15_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 16: warmstart(hidden=128,128,steps=1,step_size=0.002,refine=gd)/objective (1 points)
$p2_s16 << EOD
# x y
0 -28.2289241465961
EOD
$p2_s16_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 17: warmstart(hidden=128,128,steps=2,step_size=0.002,refine=gd)/objective (1 points)
$p2_s17 << EOD
# x y
0 -28.241838583430532
EOD
$p2_s17_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 18: warmstart(hidden=128,128,steps=5,step_size=0.002,refine=gd)/objective (1 points)
$p2_s18 << EOD
# x y
0 -28.247008542788194
EOD
$p2_s18_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 19: warmstart(hidden=128,128,steps=10,step_size=0.002,refine=gd)/objective (1 points)
$p2_s19 << EOD
# x y
0 -28.24915209512821
EOD
$p2_s19_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 20: warmstart(hidden=128,128,steps=20,step_size=0.002,refine=gd)/objective (1 points)
$p2_s20 << EOD
# x y
0 -28.252050933604846
EOD
$p2_s20_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 21: warmstart(hidden=128,128,steps=50,step_size=0.002,refine=gd)/objective (1 points)
$p2_s21 << EOD
# x y
0 -28.255931651601983
EOD
$p2_s21_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 22: warmstart(hidden=128,128,steps=100,step_size=0.002,refine=gd)/objective (1 points)
$p2_s22 << EOD
# x y
0 -28.257691635011735
EOD
$p2_s22_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 23: warmstart(hidden=128,128,steps=0,step_size=0.02,refine=adam)/objective (1 points)
$p2_s23 << EOD
# x y
0 -28.157050554579797
EOD
$p2_s23_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 24: warmstart(hidden=128,128,steps=1,step_size=0.02,refine=adam)/objective (1 points)
$p2_s24 << EOD
# x y
0 -28.02702635343202
EOD
$p2_s24_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 25: warmstart(hidden=128,128,steps=2,step_size=0.02,refine=adam)/objective (1 points)
$p2_s25 << EOD
# x y
0 -28.182351739503055
EOD
$p2_s25_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 26: warmstart(hidden=128,128,steps=5,step_size=0.02,refine=adam)/objective (1 points)
$p2_s26 << EOD
# x y
0 -28.166310039620072
EOD
$p2_s26_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 27: warmstart(hidden=128,128,steps=10,step_size=0.02,refine=adam)/objective (1 points)
$p2_s27 << EOD
# x y
0 -28.215259460910517
EOD
$p2_s27_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 28: warmstart(hidden=128,128,steps=20,step_size=0.02,refine=adam)/objective (1 points)
$p2_s28 << EOD
# x y
0 -28.243366925573653
EOD
$p2_s28_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 29: warmstart(hidden=128,128,steps=50,step_size=0.02,refine=adam)/objective (1 points)
$p2_s29 << EOD
# x y
0 -28.258207463961707
EOD
$p2_s29_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 30: warmstart(hidden=128,128,steps=100,step_size=0.02,refine=adam)/objective (1 points)
$p2_s30 << EOD
# x y
0 -28.258781304439864
EOD
$p2_s30_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 31: warmstart(hidden=128,128,steps=0,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective (1 points)
$p2_s31 << EOD
# x y
0 -28.157050554579797
EOD
$p2_s31_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 32: warmstart(hidden=128,128,steps=1,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective (1 points)
$p2_s32 << EOD
# x y
0 -28.21542788222728
EOD
$p2_s32_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 33: warmstart(hidden=128,128,steps=2,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective (1 points)
$p2_s33 << EOD
# x y
0 -28.236752158066658
EOD
$p2_s33_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 34: warmstart(hidden=128,128,steps=5,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective (1 points)
$p2_s34 << EOD
# x y
0 -28.246183649971623
EOD
$p2_s34_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 35: warmstart(hidden=128,128,steps=10,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective (1 points)
$p2_s35 << EOD
# x y
0 -28.248564494596128
EOD
$p2_s35_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 36: warmstart(hidden=128,128,steps=20,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective (1 points)
$p2_s36 << EOD
# x y
0 -28.2515736962158
EOD
$p2_s36_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 37: warmstart(hidden=128,128,steps=50,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective (1 points)
$p2_s37 << EOD
# x y
0 -28.25559305550252
EOD
$p2_s37_band << EOD
# x ylo yhi
# skipped row 1: ylo = nan is NaN
EOD
# series 38: warmstart(hidden=128,128,steps=100,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective (1 points)
$p2_s38 << EOD
# x y
0 -28.25751900513279
EOD
$p2_s38_band << EOD
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
amor_out(ext) = amor_dir . 'policies_training_control_mpc_links_4_actuated_2_horizon_5_baseline_value.' . ext . amor_suffix

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
        set terminal pngcairo size 1500,1314 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 1500,1314 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    set multiplot title 'policies: control_mpc(links=4,actuated=2,horizon=5,baseline=value), training curves (1 seed)' font ',13'

    # ---- panel 1
    set origin 0.00000, 0.59665; set size 0.50000, 0.37291
    unset object; unset arrow; unset logscale; set autoscale
    set title 'held-out gap f(yhat) - f(y*)'
    set xlabel 'training step'
    set ylabel 'gap (log scale)'
    set format x '% h'
    set logscale y; set format y '%g'
    set grid xtics ytics nomxtics mytics
    set key off
    plot $p1_s1 using 1:2 with lines lt 1 title 'dcem(samples=30,elites=5,iters=5)/regression', \
         $p1_s2 using 1:2 with lines lt 2 title 'dcem(samples=30,elites=5,iters=1)/regression', \
         $p1_s3 using 1:2 with lines lt 3 title 'dcem(samples=30,elites=5,iters=2)/regression', \
         $p1_s4 using 1:2 with lines lt 4 title 'dcem(samples=30,elites=5,iters=3)/regression', \
         $p1_s5 using 1:2 with lines lt 5 title 'dcem(samples=30,elites=5,iters=10)/regression', \
         $p1_s6 using 1:2 with lines lt 6 title 'dcem(samples=30,elites=5,iters=20)/regression', \
         $p1_s7 using 1:2 with lines lt 7 title 'dcem(latent_dim=0,samples=100,elites=10,iters=1,soft=false)/regression', \
         $p1_s8 using 1:2 with lines lt 8 title 'dcem(latent_dim=0,samples=100,elites=10,iters=2,soft=false)/regression', \
         $p1_s9 using 1:2 with lines lt 1 title 'dcem(latent_dim=0,samples=100,elites=10,iters=3,soft=false)/regression', \
         $p1_s10 using 1:2 with lines lt 2 title 'dcem(latent_dim=0,samples=100,elites=10,iters=5,soft=false)/regression', \
         $p1_s11 using 1:2 with lines lt 3 title 'dcem(latent_dim=0,samples=100,elites=10,iters=10,soft=false)/regression', \
         $p1_s12 using 1:2 with lines lt 4 title 'dcem(latent_dim=0,samples=100,elites=10,iters=20,soft=false)/regression', \
         $p1_s13 using 1:2 with lines lt 5 title 'dcem(latent_dim=0,samples=100,elites=10,iters=30,soft=false)/regression', \
         $p1_s14 using 1:2 with lines lt 6 title 'warmstart(hidden=128,128,steps=0)/objective', \
         $p1_s15 using 1:2 with lines lt 7 title 'warmstart(hidden=128,128,steps=0,step_size=0.002,refine=gd)/objective', \
         $p1_s16 using 1:2 with lines lt 8 title 'warmstart(hidden=128,128,steps=1,step_size=0.002,refine=gd)/objective', \
         $p1_s17 using 1:2 with lines lt 1 title 'warmstart(hidden=128,128,steps=2,step_size=0.002,refine=gd)/objective', \
         $p1_s18 using 1:2 with lines lt 2 title 'warmstart(hidden=128,128,steps=5,step_size=0.002,refine=gd)/objective', \
         $p1_s19 using 1:2 with lines lt 3 title 'warmstart(hidden=128,128,steps=10,step_size=0.002,refine=gd)/objective', \
         $p1_s20 using 1:2 with lines lt 4 title 'warmstart(hidden=128,128,steps=20,step_size=0.002,refine=gd)/objective', \
         $p1_s21 using 1:2 with lines lt 5 title 'warmstart(hidden=128,128,steps=50,step_size=0.002,refine=gd)/objective', \
         $p1_s22 using 1:2 with lines lt 6 title 'warmstart(hidden=128,128,steps=100,step_size=0.002,refine=gd)/objective', \
         $p1_s23 using 1:2 with lines lt 7 title 'warmstart(hidden=128,128,steps=0,step_size=0.02,refine=adam)/objective', \
         $p1_s24 using 1:2 with lines lt 8 title 'warmstart(hidden=128,128,steps=1,step_size=0.02,refine=adam)/objective', \
         $p1_s25 using 1:2 with lines lt 1 title 'warmstart(hidden=128,128,steps=2,step_size=0.02,refine=adam)/objective', \
         $p1_s26 using 1:2 with lines lt 2 title 'warmstart(hidden=128,128,steps=5,step_size=0.02,refine=adam)/objective', \
         $p1_s27 using 1:2 with lines lt 3 title 'warmstart(hidden=128,128,steps=10,step_size=0.02,refine=adam)/objective', \
         $p1_s28 using 1:2 with lines lt 4 title 'warmstart(hidden=128,128,steps=20,step_size=0.02,refine=adam)/objective', \
         $p1_s29 using 1:2 with lines lt 5 title 'warmstart(hidden=128,128,steps=50,step_size=0.02,refine=adam)/objective', \
         $p1_s30 using 1:2 with lines lt 6 title 'warmstart(hidden=128,128,steps=100,step_size=0.02,refine=adam)/objective', \
         $p1_s31 using 1:2 with lines lt 7 title 'warmstart(hidden=128,128,steps=0,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         $p1_s32 using 1:2 with lines lt 8 title 'warmstart(hidden=128,128,steps=1,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         $p1_s33 using 1:2 with lines lt 1 title 'warmstart(hidden=128,128,steps=2,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         $p1_s34 using 1:2 with lines lt 2 title 'warmstart(hidden=128,128,steps=5,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         $p1_s35 using 1:2 with lines lt 3 title 'warmstart(hidden=128,128,steps=10,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         $p1_s36 using 1:2 with lines lt 4 title 'warmstart(hidden=128,128,steps=20,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         $p1_s37 using 1:2 with lines lt 5 title 'warmstart(hidden=128,128,steps=50,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         $p1_s38 using 1:2 with lines lt 6 title 'warmstart(hidden=128,128,steps=100,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective'

    # ---- panel 2
    set origin 0.50000, 0.59665; set size 0.50000, 0.37291
    unset object; unset arrow; unset logscale; set autoscale
    set title 'held-out objective f(yhat)'
    set xlabel 'training step'
    set ylabel 'objective'
    set format x '% h'
    set format y '% h'
    set grid xtics ytics nomxtics nomytics
    set key off
    plot $p2_s1 using 1:2 with lines lt 1 title 'dcem(samples=30,elites=5,iters=5)/regression', \
         $p2_s2 using 1:2 with lines lt 2 title 'dcem(samples=30,elites=5,iters=1)/regression', \
         $p2_s3 using 1:2 with lines lt 3 title 'dcem(samples=30,elites=5,iters=2)/regression', \
         $p2_s4 using 1:2 with lines lt 4 title 'dcem(samples=30,elites=5,iters=3)/regression', \
         $p2_s5 using 1:2 with lines lt 5 title 'dcem(samples=30,elites=5,iters=10)/regression', \
         $p2_s6 using 1:2 with lines lt 6 title 'dcem(samples=30,elites=5,iters=20)/regression', \
         $p2_s7 using 1:2 with lines lt 7 title 'dcem(latent_dim=0,samples=100,elites=10,iters=1,soft=false)/regression', \
         $p2_s8 using 1:2 with lines lt 8 title 'dcem(latent_dim=0,samples=100,elites=10,iters=2,soft=false)/regression', \
         $p2_s9 using 1:2 with lines lt 1 title 'dcem(latent_dim=0,samples=100,elites=10,iters=3,soft=false)/regression', \
         $p2_s10 using 1:2 with lines lt 2 title 'dcem(latent_dim=0,samples=100,elites=10,iters=5,soft=false)/regression', \
         $p2_s11 using 1:2 with lines lt 3 title 'dcem(latent_dim=0,samples=100,elites=10,iters=10,soft=false)/regression', \
         $p2_s12 using 1:2 with lines lt 4 title 'dcem(latent_dim=0,samples=100,elites=10,iters=20,soft=false)/regression', \
         $p2_s13 using 1:2 with lines lt 5 title 'dcem(latent_dim=0,samples=100,elites=10,iters=30,soft=false)/regression', \
         $p2_s14 using 1:2 with lines lt 6 title 'warmstart(hidden=128,128,steps=0)/objective', \
         $p2_s15 using 1:2 with lines lt 7 title 'warmstart(hidden=128,128,steps=0,step_size=0.002,refine=gd)/objective', \
         $p2_s16 using 1:2 with lines lt 8 title 'warmstart(hidden=128,128,steps=1,step_size=0.002,refine=gd)/objective', \
         $p2_s17 using 1:2 with lines lt 1 title 'warmstart(hidden=128,128,steps=2,step_size=0.002,refine=gd)/objective', \
         $p2_s18 using 1:2 with lines lt 2 title 'warmstart(hidden=128,128,steps=5,step_size=0.002,refine=gd)/objective', \
         $p2_s19 using 1:2 with lines lt 3 title 'warmstart(hidden=128,128,steps=10,step_size=0.002,refine=gd)/objective', \
         $p2_s20 using 1:2 with lines lt 4 title 'warmstart(hidden=128,128,steps=20,step_size=0.002,refine=gd)/objective', \
         $p2_s21 using 1:2 with lines lt 5 title 'warmstart(hidden=128,128,steps=50,step_size=0.002,refine=gd)/objective', \
         $p2_s22 using 1:2 with lines lt 6 title 'warmstart(hidden=128,128,steps=100,step_size=0.002,refine=gd)/objective', \
         $p2_s23 using 1:2 with lines lt 7 title 'warmstart(hidden=128,128,steps=0,step_size=0.02,refine=adam)/objective', \
         $p2_s24 using 1:2 with lines lt 8 title 'warmstart(hidden=128,128,steps=1,step_size=0.02,refine=adam)/objective', \
         $p2_s25 using 1:2 with lines lt 1 title 'warmstart(hidden=128,128,steps=2,step_size=0.02,refine=adam)/objective', \
         $p2_s26 using 1:2 with lines lt 2 title 'warmstart(hidden=128,128,steps=5,step_size=0.02,refine=adam)/objective', \
         $p2_s27 using 1:2 with lines lt 3 title 'warmstart(hidden=128,128,steps=10,step_size=0.02,refine=adam)/objective', \
         $p2_s28 using 1:2 with lines lt 4 title 'warmstart(hidden=128,128,steps=20,step_size=0.02,refine=adam)/objective', \
         $p2_s29 using 1:2 with lines lt 5 title 'warmstart(hidden=128,128,steps=50,step_size=0.02,refine=adam)/objective', \
         $p2_s30 using 1:2 with lines lt 6 title 'warmstart(hidden=128,128,steps=100,step_size=0.02,refine=adam)/objective', \
         $p2_s31 using 1:2 with lines lt 7 title 'warmstart(hidden=128,128,steps=0,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         $p2_s32 using 1:2 with lines lt 8 title 'warmstart(hidden=128,128,steps=1,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         $p2_s33 using 1:2 with lines lt 1 title 'warmstart(hidden=128,128,steps=2,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         $p2_s34 using 1:2 with lines lt 2 title 'warmstart(hidden=128,128,steps=5,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         $p2_s35 using 1:2 with lines lt 3 title 'warmstart(hidden=128,128,steps=10,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         $p2_s36 using 1:2 with lines lt 4 title 'warmstart(hidden=128,128,steps=20,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         $p2_s37 using 1:2 with lines lt 5 title 'warmstart(hidden=128,128,steps=50,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         $p2_s38 using 1:2 with lines lt 6 title 'warmstart(hidden=128,128,steps=100,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective'

    # ---- the key of every panel, below them
    unset object; unset arrow; unset logscale; unset title; unset xlabel; unset ylabel
    unset border; unset tics; unset grid
    set origin 0, 0; set size 1, 0.59665
    set lmargin 0; set rmargin 0; set tmargin 0; set bmargin 0
    set xrange [0:1]; set yrange [0:1]
    set key inside center center horizontal Left reverse samplen 2.5 spacing 1.15 width 2 maxrows 38
    plot keyentry with lines lt 1 title 'dcem(samples=30,elites=5,iters=5)/regression', \
         keyentry with lines lt 2 title 'dcem(samples=30,elites=5,iters=1)/regression', \
         keyentry with lines lt 3 title 'dcem(samples=30,elites=5,iters=2)/regression', \
         keyentry with lines lt 4 title 'dcem(samples=30,elites=5,iters=3)/regression', \
         keyentry with lines lt 5 title 'dcem(samples=30,elites=5,iters=10)/regression', \
         keyentry with lines lt 6 title 'dcem(samples=30,elites=5,iters=20)/regression', \
         keyentry with lines lt 7 title 'dcem(latent_dim=0,samples=100,elites=10,iters=1,soft=false)/regression', \
         keyentry with lines lt 8 title 'dcem(latent_dim=0,samples=100,elites=10,iters=2,soft=false)/regression', \
         keyentry with lines lt 1 title 'dcem(latent_dim=0,samples=100,elites=10,iters=3,soft=false)/regression', \
         keyentry with lines lt 2 title 'dcem(latent_dim=0,samples=100,elites=10,iters=5,soft=false)/regression', \
         keyentry with lines lt 3 title 'dcem(latent_dim=0,samples=100,elites=10,iters=10,soft=false)/regression', \
         keyentry with lines lt 4 title 'dcem(latent_dim=0,samples=100,elites=10,iters=20,soft=false)/regression', \
         keyentry with lines lt 5 title 'dcem(latent_dim=0,samples=100,elites=10,iters=30,soft=false)/regression', \
         keyentry with lines lt 6 title 'warmstart(hidden=128,128,steps=0)/objective', \
         keyentry with lines lt 7 title 'warmstart(hidden=128,128,steps=0,step_size=0.002,refine=gd)/objective', \
         keyentry with lines lt 8 title 'warmstart(hidden=128,128,steps=1,step_size=0.002,refine=gd)/objective', \
         keyentry with lines lt 1 title 'warmstart(hidden=128,128,steps=2,step_size=0.002,refine=gd)/objective', \
         keyentry with lines lt 2 title 'warmstart(hidden=128,128,steps=5,step_size=0.002,refine=gd)/objective', \
         keyentry with lines lt 3 title 'warmstart(hidden=128,128,steps=10,step_size=0.002,refine=gd)/objective', \
         keyentry with lines lt 4 title 'warmstart(hidden=128,128,steps=20,step_size=0.002,refine=gd)/objective', \
         keyentry with lines lt 5 title 'warmstart(hidden=128,128,steps=50,step_size=0.002,refine=gd)/objective', \
         keyentry with lines lt 6 title 'warmstart(hidden=128,128,steps=100,step_size=0.002,refine=gd)/objective', \
         keyentry with lines lt 7 title 'warmstart(hidden=128,128,steps=0,step_size=0.02,refine=adam)/objective', \
         keyentry with lines lt 8 title 'warmstart(hidden=128,128,steps=1,step_size=0.02,refine=adam)/objective', \
         keyentry with lines lt 1 title 'warmstart(hidden=128,128,steps=2,step_size=0.02,refine=adam)/objective', \
         keyentry with lines lt 2 title 'warmstart(hidden=128,128,steps=5,step_size=0.02,refine=adam)/objective', \
         keyentry with lines lt 3 title 'warmstart(hidden=128,128,steps=10,step_size=0.02,refine=adam)/objective', \
         keyentry with lines lt 4 title 'warmstart(hidden=128,128,steps=20,step_size=0.02,refine=adam)/objective', \
         keyentry with lines lt 5 title 'warmstart(hidden=128,128,steps=50,step_size=0.02,refine=adam)/objective', \
         keyentry with lines lt 6 title 'warmstart(hidden=128,128,steps=100,step_size=0.02,refine=adam)/objective', \
         keyentry with lines lt 7 title 'warmstart(hidden=128,128,steps=0,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         keyentry with lines lt 8 title 'warmstart(hidden=128,128,steps=1,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         keyentry with lines lt 1 title 'warmstart(hidden=128,128,steps=2,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         keyentry with lines lt 2 title 'warmstart(hidden=128,128,steps=5,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         keyentry with lines lt 3 title 'warmstart(hidden=128,128,steps=10,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         keyentry with lines lt 4 title 'warmstart(hidden=128,128,steps=20,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         keyentry with lines lt 5 title 'warmstart(hidden=128,128,steps=50,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         keyentry with lines lt 6 title 'warmstart(hidden=128,128,steps=100,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         NaN notitle
    set border 3 lw 1 lc rgb '#404040'; set tics; set tics nomirror out scale 0.6
    set lmargin -1; set tmargin -1; set bmargin -1; set rmargin 4
    set key noreverse Right samplen 2.5 spacing 1.15 width 0 maxrows auto
    unset multiplot
    unset output
}
