# policies_final.gp -- a bar chart written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# One datablock per bar label, one row per group: group is the group's
# x position (0 = the first), err the half-width of its error bar
# (err_lo and err_hi: below and above the value).
# Values that cannot be plotted (NaN, Inf, <= 0 on a log axis) are left
# out, each with a comment saying why.
# groups: 0 = control_lqr(nx=6,nu=3,policy=gaussian,policy_objective=svg,alpha=1), 1 = control_lqr(nx=6,nu=3,policy=gaussian,alpha=1), 2 = control_lqr(nx=6,nu=3,policy=gaussian,alpha=1,expectation=sampled,noise=fresh,samples=8), 3 = control_lqr(nx=6,nu=3,policy=gaussian_diag,alpha=1), 4 = control_lqr(nx=6,nu=3,policy=gaussian_diag,alpha=1,diag_pistar=forward), 5 = control_mpc(links=4,actuated=2,horizon=5,baseline=value)

# bar 1: linear/objective
$bar1 << EOD
# group value err_lo err_hi
# group 1: no error bar, err = nan
0 -1.4470253688259649 0 0
# group 2: no error bar, err = nan
1 -2.5240226575462543e-16 0 0
# group 3: no error bar, err = nan
2 0.020300598787127474 0 0
# group 4: no error bar, err = nan
3 2.258313328007411e-12 0 0
# skipped group 5: value = nan is NaN
# skipped group 6: value = nan is NaN
EOD
# bar 2: linear/policy_kl(direction=forward)
$bar2 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# group 2: no error bar, err = nan
1 0.0011856451495861568 0 0
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# skipped group 6: value = nan is NaN
EOD
# bar 3: mlp(hidden=64,64)/objective
$bar3 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# group 2: no error bar, err = nan
1 0.00017976812084555087 0 0
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# skipped group 6: value = nan is NaN
EOD
# bar 4: learned_update(steps=5,hidden=16)/objective
$bar4 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# group 2: no error bar, err = nan
1 0.003062527589339459 0 0
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# skipped group 6: value = nan is NaN
EOD
# bar 5: unroll_gd(init=mlp,hidden=64,64,steps=5,step0=0.01,step_shape=coordinate)/objective
$bar5 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# group 2: no error bar, err = nan
1 1.3169114693860687e-05 0 0
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# skipped group 6: value = nan is NaN
EOD
# bar 6: linear/policy_kl(direction=forward,policy=gaussian_diag)
$bar6 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# group 5: no error bar, err = nan
4 -2.220446049250313e-16 0 0
# skipped group 6: value = nan is NaN
EOD
# bar 7: dcem(samples=30,elites=5,iters=5)/regression
$bar7 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 9.972639249145452 0 0
EOD
# bar 8: dcem(samples=30,elites=5,iters=1)/regression
$bar8 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 146.64589548274526 0 0
EOD
# bar 9: dcem(samples=30,elites=5,iters=2)/regression
$bar9 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 57.63644616037091 0 0
EOD
# bar 10: dcem(samples=30,elites=5,iters=3)/regression
$bar10 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 30.23389629885612 0 0
EOD
# bar 11: dcem(samples=30,elites=5,iters=10)/regression
$bar11 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 1.399800863769879 0 0
EOD
# bar 12: dcem(samples=30,elites=5,iters=20)/regression
$bar12 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 0.9790512010920869 0 0
EOD
# bar 13: dcem(latent_dim=0,samples=100,elites=10,iters=1,soft=false)/regression
$bar13 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 76.50573587578221 0 0
EOD
# bar 14: dcem(latent_dim=0,samples=100,elites=10,iters=2,soft=false)/regression
$bar14 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 25.130558399470047 0 0
EOD
# bar 15: dcem(latent_dim=0,samples=100,elites=10,iters=3,soft=false)/regression
$bar15 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 16.588246273689197 0 0
EOD
# bar 16: dcem(latent_dim=0,samples=100,elites=10,iters=5,soft=false)/regression
$bar16 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 10.735920828969252 0 0
EOD
# bar 17: dcem(latent_dim=0,samples=100,elites=10,iters=10,soft=false)/regression
$bar17 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 6.576936385210686 0 0
EOD
# bar 18: dcem(latent_dim=0,samples=100,elites=10,iters=20,soft=false)/regression
$bar18 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 5.6154053701507385 0 0
EOD
# bar 19: dcem(latent_dim=0,samples=100,elites=10,iters=30,soft=false)/regression
$bar19 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 5.547175500260916 0 0
EOD
# bar 20: warmstart(hidden=128,128,steps=0)/objective
$bar20 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 0.10173499021312504 0 0
EOD
# bar 21: warmstart(hidden=128,128,steps=0,step_size=0.002,refine=gd)/objective
$bar21 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 0.10173499021312504 0 0
EOD
# bar 22: warmstart(hidden=128,128,steps=1,step_size=0.002,refine=gd)/objective
$bar22 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 0.029861398196832895 0 0
EOD
# bar 23: warmstart(hidden=128,128,steps=2,step_size=0.002,refine=gd)/objective
$bar23 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 0.016946961362390975 0 0
EOD
# bar 24: warmstart(hidden=128,128,steps=5,step_size=0.002,refine=gd)/objective
$bar24 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 0.011777002004729961 0 0
EOD
# bar 25: warmstart(hidden=128,128,steps=10,step_size=0.002,refine=gd)/objective
$bar25 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 0.009633449664704516 0 0
EOD
# bar 26: warmstart(hidden=128,128,steps=20,step_size=0.002,refine=gd)/objective
$bar26 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 0.006734611188069645 0 0
EOD
# bar 27: warmstart(hidden=128,128,steps=50,step_size=0.002,refine=gd)/objective
$bar27 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 0.0028538931909461995 0 0
EOD
# bar 28: warmstart(hidden=128,128,steps=100,step_size=0.002,refine=gd)/objective
$bar28 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 0.0010939097811865223 0 0
EOD
# bar 29: warmstart(hidden=128,128,steps=0,step_size=0.02,refine=adam)/objective
$bar29 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 0.10173499021312504 0 0
EOD
# bar 30: warmstart(hidden=128,128,steps=1,step_size=0.02,refine=adam)/objective
$bar30 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 0.23175919136090006 0 0
EOD
# bar 31: warmstart(hidden=128,128,steps=2,step_size=0.02,refine=adam)/objective
$bar31 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 0.0764338052898554 0 0
EOD
# bar 32: warmstart(hidden=128,128,steps=5,step_size=0.02,refine=adam)/objective
$bar32 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 0.09247550517285047 0 0
EOD
# bar 33: warmstart(hidden=128,128,steps=10,step_size=0.02,refine=adam)/objective
$bar33 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 0.043526083882409916 0 0
EOD
# bar 34: warmstart(hidden=128,128,steps=20,step_size=0.02,refine=adam)/objective
$bar34 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 0.015418619219262325 0 0
EOD
# bar 35: warmstart(hidden=128,128,steps=50,step_size=0.02,refine=adam)/objective
$bar35 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 0.0005780808312184499 0 0
EOD
# bar 36: warmstart(hidden=128,128,steps=100,step_size=0.02,refine=adam)/objective
$bar36 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 4.240353063400537e-06 0 0
EOD
# bar 37: warmstart(hidden=128,128,steps=0,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective
$bar37 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 0.10173499021312504 0 0
EOD
# bar 38: warmstart(hidden=128,128,steps=1,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective
$bar38 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 0.04335766256564609 0 0
EOD
# bar 39: warmstart(hidden=128,128,steps=2,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective
$bar39 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 0.022033386726262025 0 0
EOD
# bar 40: warmstart(hidden=128,128,steps=5,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective
$bar40 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 0.012601894821292856 0 0
EOD
# bar 41: warmstart(hidden=128,128,steps=10,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective
$bar41 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 0.010221050196782197 0 0
EOD
# bar 42: warmstart(hidden=128,128,steps=20,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective
$bar42 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 0.007211848577117028 0 0
EOD
# bar 43: warmstart(hidden=128,128,steps=50,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective
$bar43 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 0.003192489290402764 0 0
EOD
# bar 44: warmstart(hidden=128,128,steps=100,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective
$bar44 << EOD
# group value err_lo err_hi
# skipped group 1: value = nan is NaN
# skipped group 2: value = nan is NaN
# skipped group 3: value = nan is NaN
# skipped group 4: value = nan is NaN
# skipped group 5: value = nan is NaN
# group 6: no error bar, err = nan
5 0.0012665396601257706 0 0
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
amor_out(ext) = amor_dir . 'policies_final.' . ext . amor_suffix

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

# Axes
set border 3 lw 1 lc rgb '#404040'
set tics nomirror out scale 0.6
set xtics scale 0 nomirror ('control_lqr(nx=6,nu=3,policy=gaussian,policy_objective=svg,alpha=1)' 0, 'control_lqr(nx=6,nu=3,policy=gaussian,alpha=1)' 1, 'control_lqr(nx=6,nu=3,policy=gaussian,alpha=1,expectation=sampled,noise=fresh,samples=8)' 2, 'control_lqr(nx=6,nu=3,policy=gaussian_diag,alpha=1)' 3, 'control_lqr(nx=6,nu=3,policy=gaussian_diag,alpha=1,diag_pistar=forward)' 4, 'control_mpc(links=4,actuated=2,horizon=5,baseline=value)' 5)
set xtics rotate by 30 right  # long group labels
set lmargin 14  # room for the first slanted label
set xrange [-0.5:5.5]
set grid noxtics ytics nomytics back lt 1 lw 1 lc rgb '#e4e4e4'
set xzeroaxis lt 1 lw 1 lc rgb '#404040'
set offsets 0, 0, graph 0.05, 0  # headroom above the tallest bar
set title 'policies: final held-out gap (1 seed)'
set ylabel 'gap f(yhat) - f(y*)'
set key bmargin center horizontal reverse Left samplen 1.5 width 2 height 0.6
set style fill solid 0.85 border lc rgb '#303030'
set errorbars 0.46 lc rgb '#000000' lw 1.2  # cap width in tic lengths
bar_n = 44
bar_width = 0.8 / bar_n  # one bar; a group's bars fill 80% of a unit
bar_x(g, j) = g + (j - (bar_n + 1) / 2.0) * bar_width

do for [amor_fmt in 'png svg'] {
    if (amor_fmt eq 'png') {
        set terminal pngcairo size 4000,700 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 4000,700 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    plot $bar1 using (bar_x($1, 1)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 1 lw 1 title 'linear/objective', \
         $bar2 using (bar_x($1, 2)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 2 lw 1 title 'linear/policy_kl(direction=forward)', \
         $bar3 using (bar_x($1, 3)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 3 lw 1 title 'mlp(hidden=64,64)/objective', \
         $bar4 using (bar_x($1, 4)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 4 lw 1 title 'learned_update(steps=5,hidden=16)/objective', \
         $bar5 using (bar_x($1, 5)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 5 lw 1 title 'unroll_gd(init=mlp,hidden=64,64,steps=5,step0=0.01,step_shape=coordinate)/objective', \
         $bar6 using (bar_x($1, 6)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 6 lw 1 title 'linear/policy_kl(direction=forward,policy=gaussian_diag)', \
         $bar7 using (bar_x($1, 7)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 7 lw 1 title 'dcem(samples=30,elites=5,iters=5)/regression', \
         $bar8 using (bar_x($1, 8)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 8 lw 1 title 'dcem(samples=30,elites=5,iters=1)/regression', \
         $bar9 using (bar_x($1, 9)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 1 lw 1 title 'dcem(samples=30,elites=5,iters=2)/regression', \
         $bar10 using (bar_x($1, 10)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 2 lw 1 title 'dcem(samples=30,elites=5,iters=3)/regression', \
         $bar11 using (bar_x($1, 11)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 3 lw 1 title 'dcem(samples=30,elites=5,iters=10)/regression', \
         $bar12 using (bar_x($1, 12)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 4 lw 1 title 'dcem(samples=30,elites=5,iters=20)/regression', \
         $bar13 using (bar_x($1, 13)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 5 lw 1 title 'dcem(latent_dim=0,samples=100,elites=10,iters=1,soft=false)/regression', \
         $bar14 using (bar_x($1, 14)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 6 lw 1 title 'dcem(latent_dim=0,samples=100,elites=10,iters=2,soft=false)/regression', \
         $bar15 using (bar_x($1, 15)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 7 lw 1 title 'dcem(latent_dim=0,samples=100,elites=10,iters=3,soft=false)/regression', \
         $bar16 using (bar_x($1, 16)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 8 lw 1 title 'dcem(latent_dim=0,samples=100,elites=10,iters=5,soft=false)/regression', \
         $bar17 using (bar_x($1, 17)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 1 lw 1 title 'dcem(latent_dim=0,samples=100,elites=10,iters=10,soft=false)/regression', \
         $bar18 using (bar_x($1, 18)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 2 lw 1 title 'dcem(latent_dim=0,samples=100,elites=10,iters=20,soft=false)/regression', \
         $bar19 using (bar_x($1, 19)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 3 lw 1 title 'dcem(latent_dim=0,samples=100,elites=10,iters=30,soft=false)/regression', \
         $bar20 using (bar_x($1, 20)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 4 lw 1 title 'warmstart(hidden=128,128,steps=0)/objective', \
         $bar21 using (bar_x($1, 21)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 5 lw 1 title 'warmstart(hidden=128,128,steps=0,step_size=0.002,refine=gd)/objective', \
         $bar22 using (bar_x($1, 22)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 6 lw 1 title 'warmstart(hidden=128,128,steps=1,step_size=0.002,refine=gd)/objective', \
         $bar23 using (bar_x($1, 23)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 7 lw 1 title 'warmstart(hidden=128,128,steps=2,step_size=0.002,refine=gd)/objective', \
         $bar24 using (bar_x($1, 24)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 8 lw 1 title 'warmstart(hidden=128,128,steps=5,step_size=0.002,refine=gd)/objective', \
         $bar25 using (bar_x($1, 25)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 1 lw 1 title 'warmstart(hidden=128,128,steps=10,step_size=0.002,refine=gd)/objective', \
         $bar26 using (bar_x($1, 26)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 2 lw 1 title 'warmstart(hidden=128,128,steps=20,step_size=0.002,refine=gd)/objective', \
         $bar27 using (bar_x($1, 27)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 3 lw 1 title 'warmstart(hidden=128,128,steps=50,step_size=0.002,refine=gd)/objective', \
         $bar28 using (bar_x($1, 28)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 4 lw 1 title 'warmstart(hidden=128,128,steps=100,step_size=0.002,refine=gd)/objective', \
         $bar29 using (bar_x($1, 29)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 5 lw 1 title 'warmstart(hidden=128,128,steps=0,step_size=0.02,refine=adam)/objective', \
         $bar30 using (bar_x($1, 30)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 6 lw 1 title 'warmstart(hidden=128,128,steps=1,step_size=0.02,refine=adam)/objective', \
         $bar31 using (bar_x($1, 31)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 7 lw 1 title 'warmstart(hidden=128,128,steps=2,step_size=0.02,refine=adam)/objective', \
         $bar32 using (bar_x($1, 32)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 8 lw 1 title 'warmstart(hidden=128,128,steps=5,step_size=0.02,refine=adam)/objective', \
         $bar33 using (bar_x($1, 33)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 1 lw 1 title 'warmstart(hidden=128,128,steps=10,step_size=0.02,refine=adam)/objective', \
         $bar34 using (bar_x($1, 34)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 2 lw 1 title 'warmstart(hidden=128,128,steps=20,step_size=0.02,refine=adam)/objective', \
         $bar35 using (bar_x($1, 35)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 3 lw 1 title 'warmstart(hidden=128,128,steps=50,step_size=0.02,refine=adam)/objective', \
         $bar36 using (bar_x($1, 36)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 4 lw 1 title 'warmstart(hidden=128,128,steps=100,step_size=0.02,refine=adam)/objective', \
         $bar37 using (bar_x($1, 37)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 5 lw 1 title 'warmstart(hidden=128,128,steps=0,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         $bar38 using (bar_x($1, 38)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 6 lw 1 title 'warmstart(hidden=128,128,steps=1,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         $bar39 using (bar_x($1, 39)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 7 lw 1 title 'warmstart(hidden=128,128,steps=2,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         $bar40 using (bar_x($1, 40)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 8 lw 1 title 'warmstart(hidden=128,128,steps=5,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         $bar41 using (bar_x($1, 41)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 1 lw 1 title 'warmstart(hidden=128,128,steps=10,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         $bar42 using (bar_x($1, 42)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 2 lw 1 title 'warmstart(hidden=128,128,steps=20,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         $bar43 using (bar_x($1, 43)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 3 lw 1 title 'warmstart(hidden=128,128,steps=50,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         $bar44 using (bar_x($1, 44)):2:($2 - $3):($2 + $4):(bar_width) with boxerrorbars lt 4 lw 1 title 'warmstart(hidden=128,128,steps=100,step_size=0.002,refine=es,es_pairs=8,es_sigma=0.05)/objective', \
         0 lt nodraw notitle
    unset output
}
