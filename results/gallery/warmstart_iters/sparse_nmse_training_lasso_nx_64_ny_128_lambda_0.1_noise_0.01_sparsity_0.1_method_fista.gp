# sparse_nmse_training_lasso_nx_64_ny_128_lambda_0.1_noise_0.01_sparsity_0.1_method_fista.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# ---- panel 1 data
# series 1: lista(steps=1,init=dictionary)/objective(on=validation) (7 points)
$p1_s1 << EOD
# x y
0 1.7327200678889807
500 0.5500189581977146
1000 0.6634089519842454
1500 0.7399084361074131
2000 0.7888195117313646
2500 0.8234424508522198
3000 0.8415704573373527
EOD
$p1_s1_band << EOD
# x ylo yhi
0 1.7117825284117665 1.7536576073661947
500 0.5417214857020588 0.5583164306933704
1000 0.650501175980326 0.676316727988165
1500 0.72388817563039 0.7559286965844363
2000 0.7784508607282917 0.7991881627344373
2500 0.8100868573967275 0.836798044307712
3000 0.8301640581171847 0.8529768565575206
EOD
# series 2: lista(steps=2,init=dictionary)/objective(on=validation) (7 points)
$p1_s2 << EOD
# x y
0 1.0748542264547827
500 0.387300499464217
1000 0.2485768582292141
1500 0.2359248390573597
2000 0.23838636565358123
2500 0.2383187448995095
3000 0.2367113052986536
EOD
$p1_s2_band << EOD
# x ylo yhi
0 1.0625217479084914 1.0871867050010737
500 0.3828428860443659 0.39175811288406814
1000 0.24722075272719246 0.24993296373123572
1500 0.2350237484716491 0.23682592964307028
2000 0.23702986559031994 0.23974286571684256
2500 0.23660901474318807 0.24002847505583091
3000 0.23512813545195244 0.2382944751453548
EOD
# series 3: lista(steps=3,init=dictionary)/objective(on=validation) (7 points)
$p1_s3 << EOD
# x y
0 0.8124001658719828
500 0.23545060332322107
1000 0.21900533842318037
1500 0.20580975594173972
2000 0.18468709897588895
2500 0.1609250028177066
3000 0.15242118994099968
EOD
$p1_s3_band << EOD
# x ylo yhi
0 0.8028912434754685 0.8219090882684971
500 0.23263891335049605 0.2382622932959461
1000 0.21699058331754525 0.2210200935288155
1500 0.20320763678652085 0.20841187509695863
2000 0.18395856761541837 0.18541563033635952
2500 0.1604894678146471 0.16136053782076615
3000 0.15075117784357808 0.1540912020384213
EOD
# series 4: lista(steps=4,init=dictionary)/objective(on=validation) (7 points)
$p1_s4 << EOD
# x y
0 0.6712547771073829
500 0.2239255192759892
1000 0.21705588105086115
1500 0.20497039711738377
2000 0.18781331327998743
2500 0.17374949527351097
3000 0.16052790329379032
EOD
$p1_s4_band << EOD
# x ylo yhi
0 0.6632792315121541 0.6792303227026119
500 0.22093934726593809 0.2269116912860403
1000 0.212277890398875 0.22183387170284727
1500 0.2017837540790541 0.20815704015571343
2000 0.18386893603155957 0.1917576905284153
2500 0.1706722862647409 0.176826704282281
3000 0.1577583941710831 0.16329741241649756
EOD
# series 5: lista(steps=6,init=dictionary)/objective(on=validation) (7 points)
$p1_s5 << EOD
# x y
0 0.5157036497096581
500 0.22503049852621831
1000 0.20229401387686047
1500 0.18330816817720633
2000 0.16533837457542844
2500 0.15335424041147105
3000 0.14259816437353612
EOD
$p1_s5_band << EOD
# x ylo yhi
0 0.5095324937184471 0.5218748057008691
500 0.21888119941864242 0.23117979763379418
1000 0.19763871068845923 0.2069493170652617
1500 0.18000677286687697 0.18660956348753568
2000 0.16105622726488572 0.16962052188597115
2500 0.15163930842763107 0.15506917239531107
3000 0.13990236088892194 0.14529396785815027
EOD
# series 6: lista(steps=8,init=dictionary)/objective(on=validation) (7 points)
$p1_s6 << EOD
# x y
0 0.42476754856227106
500 0.21185504930712767
1000 0.17873974405692256
1500 0.1638154272345951
2000 0.15070611874874773
2500 0.13735639330458566
3000 0.13022809027783863
EOD
$p1_s6_band << EOD
# x ylo yhi
0 0.41977066543911395 0.4297644316854282
500 0.20961226369606506 0.21409783491819026
1000 0.17443156037317867 0.18304792774066642
1500 0.1597008020232097 0.16793005244598053
2000 0.14716190201439747 0.15425033548309802
2500 0.13598569664219876 0.13872708996697253
3000 0.1276646319861991 0.13279154856947817
EOD
# series 7: lista(steps=12,init=dictionary)/objective(on=validation) (7 points)
$p1_s7 << EOD
# x y
0 0.3123740812426873
500 0.18493587476370055
1000 0.15374080284857272
1500 0.14014139355941269
2000 0.12839834952325302
2500 0.11875320614772428
3000 0.11751571977971124
EOD
$p1_s7_band << EOD
# x ylo yhi
0 0.3085905359646636 0.3161576265207109
500 0.18411655429132062 0.18575519523608044
1000 0.14937444566501476 0.1581071600321307
1500 0.139374622920551 0.14090816419827434
2000 0.1274762688464331 0.12932043020007294
2500 0.1173210509862802 0.12018536130916836
3000 0.1148250054722762 0.12020643408714629
EOD
# series 8: lista(steps=16,init=dictionary)/objective(on=validation) (7 points)
$p1_s8 << EOD
# x y
0 0.2401614739447126
500 0.1688361626559895
1000 0.13885326187961178
1500 0.1299019575489489
2000 0.11699639084690525
2500 0.11542060117965958
3000 0.10821815754176578
EOD
$p1_s8_band << EOD
# x ylo yhi
0 0.2370606888795707 0.2432622590098545
500 0.16688288869259837 0.17078943661938062
1000 0.13818699644681232 0.1395195273124112
1500 0.12375784342447271 0.1360460716734251
2000 0.11277277220433163 0.12122000948947886
2500 0.1127319305801466 0.11810927177917253
3000 0.10789440827553837 0.10854190680799321
EOD
# series 9: psd(hidden=256)/objective(on=validation) (7 points)
$p1_s9 << EOD
# x y
0 8.323519783156119
500 1.0265607299186277
1000 1.020909350461042
1500 1.0236201338611346
2000 1.0285038304124066
2500 0.995024893875856
3000 0.9271306945675893
EOD
$p1_s9_band << EOD
# x ylo yhi
0 8.301963839221473 8.345075727090766
500 1.0227635620388342 1.0303578977984214
1000 1.017241152951663 1.024577547970421
1500 1.0197715993815883 1.0274686683406808
2000 1.0238316469720372 1.0331760138527757
2500 0.9905463550639293 0.9995034326877827
3000 0.9246361406383958 0.9296252484967829
EOD

# ---- panel 2 data
# series 1: lista(steps=1,init=dictionary)/objective(on=validation) (7 points)
$p2_s1 << EOD
# x y
0 2.6747857844171175
500 1.492084674725853
1000 1.6054746685123846
1500 1.6819741526355527
2000 1.7308852282595044
2500 1.7655081673803585
3000 1.7836361738654922
EOD
$p2_s1_band << EOD
# x ylo yhi
0 2.646172051089925 2.7033995177443098
500 1.4761110083802185 1.5080583410714874
1000 1.5848906986584885 1.626058638366281
1500 1.6582776983085503 1.7056706069625551
2000 1.7128403834064552 1.7489300731125537
2500 1.7444763800748886 1.7865399546858283
3000 1.7645535807953476 1.8027187669356368
EOD
# series 2: lista(steps=2,init=dictionary)/objective(on=validation) (7 points)
$p2_s2 << EOD
# x y
0 2.016919942982923
500 1.3293662159923563
1000 1.1906425747573541
1500 1.1779905555855004
2000 1.1804520821817213
2500 1.1803844614276495
3000 1.1787770218267932
EOD
$p2_s2_band << EOD
# x ylo yhi
0 1.9969112705866554 2.036928615379191
500 1.3172324087225271 1.3415000232621856
1000 1.1816102754053546 1.199674874109354
1500 1.1694132711498118 1.186567840021189
2000 1.1714193882684807 1.189484776094962
2500 1.1709985374213505 1.1897703854339483
3000 1.1695176581301152 1.1880363855234712
EOD
# series 3: lista(steps=3,init=dictionary)/objective(on=validation) (7 points)
$p2_s3 << EOD
# x y
0 1.7544658824001216
500 1.1775163198513607
1000 1.1610710549513217
1500 1.1478754724698792
2000 1.126752815504029
2500 1.1029907193458464
3000 1.0944869064691405
EOD
$p2_s3_band << EOD
# x ylo yhi
0 1.7372807661536283 1.7716509986466147
500 1.1670284360286574 1.1880042036740641
1000 1.1513801059957092 1.1707620039069342
1500 1.137597159464682 1.158153785475076
2000 1.1198051530145223 1.1337004779935356
2500 1.0948789904928085 1.1111024481988843
3000 1.0851407005217424 1.1038331124165384
EOD
# series 4: lista(steps=4,init=dictionary)/objective(on=validation) (7 points)
$p2_s4 << EOD
# x y
0 1.6133204936355217
500 1.1659912358041284
1000 1.1591215975790004
1500 1.1470361136455234
2000 1.129879029808127
2500 1.115815211801649
3000 1.102593619821929
EOD
$p2_s4_band << EOD
# x ylo yhi
0 1.5976687541903138 1.6289722330807295
500 1.1553288699440991 1.1766536016641578
1000 1.1466674130770376 1.1715757820809631
1500 1.1361732767572168 1.15789895053383
2000 1.1182584587097202 1.1414996009065335
2500 1.1050618089429003 1.126568614660398
3000 1.0921479168492425 1.1130393227946156
EOD
# series 5: lista(steps=6,init=dictionary)/objective(on=validation) (7 points)
$p2_s5 << EOD
# x y
0 1.457769366237799
500 1.167096215054357
1000 1.1443597304050004
1500 1.1253738847053452
2000 1.107404091103569
2500 1.09541995693961
3000 1.0846638809016755
EOD
$p2_s5_band << EOD
# x ylo yhi
0 1.4439220163966096 1.4716167160789884
500 1.1532707220968037 1.18092170801191
1000 1.1320282333666218 1.156691227443379
1500 1.1143962955450375 1.1363514738656528
2000 1.0954457499430488 1.119362432264089
2500 1.0860288311057915 1.1048110827734285
3000 1.0742918835670834 1.0950358782362675
EOD
# series 6: lista(steps=8,init=dictionary)/objective(on=validation) (7 points)
$p2_s6 << EOD
# x y
0 1.3668332650904094
500 1.153920765835268
1000 1.120805460585062
1500 1.1058811437627347
2000 1.0927718352768867
2500 1.0794221098327248
3000 1.0722938068059782
EOD
$p2_s6_band << EOD
# x ylo yhi
0 1.3541601881172756 1.3795063420635432
500 1.1484873575963512 1.1593541740741844
1000 1.1088210830513399 1.1327898381187842
1500 1.0940903247013718 1.1176719628240976
2000 1.0815514246925588 1.1039922458612144
2500 1.0703752193203597 1.0884690003450899
3000 1.0620541546643618 1.0825334589475946
EOD
# series 7: lista(steps=12,init=dictionary)/objective(on=validation) (7 points)
$p2_s7 << EOD
# x y
0 1.2544397977708266
500 1.1270015912918405
1000 1.0958065193767108
1500 1.0822071100875528
2000 1.0704640660513915
2500 1.0608189226758635
3000 1.0595814363078495
EOD
$p2_s7_band << EOD
# x ylo yhi
0 1.2429800586428255 1.2658995368988277
500 1.1201447179142425 1.1338584646694385
1000 1.083763968343176 1.1078490704102457
1500 1.073764145598714 1.0906500745763916
2000 1.0618657915245946 1.0790623405781885
2500 1.051710573664441 1.0699272716872859
3000 1.0492145281504366 1.0699483444652624
EOD
# series 8: lista(steps=16,init=dictionary)/objective(on=validation) (7 points)
$p2_s8 << EOD
# x y
0 1.1822271904728514
500 1.1109018791841287
1000 1.0809189784077504
1500 1.0719676740770887
2000 1.0590621073750441
2500 1.0574863177077987
3000 1.0502838740699043
EOD
$p2_s8_band << EOD
# x ylo yhi
0 1.1714502115577303 1.1930041693879725
500 1.1012724113707602 1.1205313469974976
1000 1.0739090499905735 1.0879289068249276
1500 1.0581473661026342 1.0857879820515435
2000 1.047162294882493 1.0709619198675953
2500 1.0471214532583069 1.0678511821572905
3000 1.0429314294861558 1.0576363186536528
EOD
# series 9: psd(hidden=256)/objective(on=validation) (7 points)
$p2_s9 << EOD
# x y
0 9.265585499684256
500 1.9686264464467658
1000 1.962975066989181
1500 1.965685850389273
2000 1.970569546940545
2500 1.9370906104039947
3000 1.8691964110957282
EOD
$p2_s9_band << EOD
# x ylo yhi
0 9.236353361899637 9.294817637468878
500 1.9571530847169933 1.980099808176538
1000 1.9516306756298232 1.9743194583485388
1500 1.95416112205975 1.977210578718796
2000 1.9582211696501988 1.9829179242308914
2500 1.9249358777420906 1.9492453430658987
3000 1.8590256633165567 1.8793671588748997
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
amor_out(ext) = amor_dir . 'sparse_nmse_training_lasso_nx_64_ny_128_lambda_0.1_noise_0.01_sparsity_0.1_method_fista.' . ext . amor_suffix

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
    set multiplot title 'sparse_nmse: lasso(nx=64,ny=128,lambda=0.1,noise=0.01,sparsity=0.1,method=fista), training curves (mean of 2 seeds, 95% bootstrap band)' font ',13'

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
    plot $p1_s1_band using 1:2:3 with filledcurves lt 1 fs transparent solid 0.2 noborder notitle, \
         $p1_s2_band using 1:2:3 with filledcurves lt 2 fs transparent solid 0.2 noborder notitle, \
         $p1_s3_band using 1:2:3 with filledcurves lt 3 fs transparent solid 0.2 noborder notitle, \
         $p1_s4_band using 1:2:3 with filledcurves lt 4 fs transparent solid 0.2 noborder notitle, \
         $p1_s5_band using 1:2:3 with filledcurves lt 5 fs transparent solid 0.2 noborder notitle, \
         $p1_s6_band using 1:2:3 with filledcurves lt 6 fs transparent solid 0.2 noborder notitle, \
         $p1_s7_band using 1:2:3 with filledcurves lt 7 fs transparent solid 0.2 noborder notitle, \
         $p1_s8_band using 1:2:3 with filledcurves lt 8 fs transparent solid 0.2 noborder notitle, \
         $p1_s9_band using 1:2:3 with filledcurves lt 1 fs transparent solid 0.2 noborder notitle, \
         $p1_s1 using 1:2 with lines lt 1 title 'lista(steps=1,init=dictionary)/objective(on=validation)', \
         $p1_s2 using 1:2 with lines lt 2 title 'lista(steps=2,init=dictionary)/objective(on=validation)', \
         $p1_s3 using 1:2 with lines lt 3 title 'lista(steps=3,init=dictionary)/objective(on=validation)', \
         $p1_s4 using 1:2 with lines lt 4 title 'lista(steps=4,init=dictionary)/objective(on=validation)', \
         $p1_s5 using 1:2 with lines lt 5 title 'lista(steps=6,init=dictionary)/objective(on=validation)', \
         $p1_s6 using 1:2 with lines lt 6 title 'lista(steps=8,init=dictionary)/objective(on=validation)', \
         $p1_s7 using 1:2 with lines lt 7 title 'lista(steps=12,init=dictionary)/objective(on=validation)', \
         $p1_s8 using 1:2 with lines lt 8 title 'lista(steps=16,init=dictionary)/objective(on=validation)', \
         $p1_s9 using 1:2 with lines lt 1 title 'psd(hidden=256)/objective(on=validation)'

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
    plot $p2_s1_band using 1:2:3 with filledcurves lt 1 fs transparent solid 0.2 noborder notitle, \
         $p2_s2_band using 1:2:3 with filledcurves lt 2 fs transparent solid 0.2 noborder notitle, \
         $p2_s3_band using 1:2:3 with filledcurves lt 3 fs transparent solid 0.2 noborder notitle, \
         $p2_s4_band using 1:2:3 with filledcurves lt 4 fs transparent solid 0.2 noborder notitle, \
         $p2_s5_band using 1:2:3 with filledcurves lt 5 fs transparent solid 0.2 noborder notitle, \
         $p2_s6_band using 1:2:3 with filledcurves lt 6 fs transparent solid 0.2 noborder notitle, \
         $p2_s7_band using 1:2:3 with filledcurves lt 7 fs transparent solid 0.2 noborder notitle, \
         $p2_s8_band using 1:2:3 with filledcurves lt 8 fs transparent solid 0.2 noborder notitle, \
         $p2_s9_band using 1:2:3 with filledcurves lt 1 fs transparent solid 0.2 noborder notitle, \
         $p2_s1 using 1:2 with lines lt 1 title 'lista(steps=1,init=dictionary)/objective(on=validation)', \
         $p2_s2 using 1:2 with lines lt 2 title 'lista(steps=2,init=dictionary)/objective(on=validation)', \
         $p2_s3 using 1:2 with lines lt 3 title 'lista(steps=3,init=dictionary)/objective(on=validation)', \
         $p2_s4 using 1:2 with lines lt 4 title 'lista(steps=4,init=dictionary)/objective(on=validation)', \
         $p2_s5 using 1:2 with lines lt 5 title 'lista(steps=6,init=dictionary)/objective(on=validation)', \
         $p2_s6 using 1:2 with lines lt 6 title 'lista(steps=8,init=dictionary)/objective(on=validation)', \
         $p2_s7 using 1:2 with lines lt 7 title 'lista(steps=12,init=dictionary)/objective(on=validation)', \
         $p2_s8 using 1:2 with lines lt 8 title 'lista(steps=16,init=dictionary)/objective(on=validation)', \
         $p2_s9 using 1:2 with lines lt 1 title 'psd(hidden=256)/objective(on=validation)'

    # ---- the key of every panel, below them
    unset object; unset arrow; unset logscale; unset title; unset xlabel; unset ylabel
    unset border; unset tics; unset grid
    set origin 0, 0; set size 1, 0.18960
    set lmargin 0; set rmargin 0; set tmargin 0; set bmargin 0
    set xrange [0:1]; set yrange [0:1]
    set key inside center center horizontal Left reverse samplen 2.5 spacing 1.15 width 2 maxrows 5
    plot keyentry with lines lt 1 title 'lista(steps=1,init=dictionary)/objective(on=validation)', \
         keyentry with lines lt 2 title 'lista(steps=2,init=dictionary)/objective(on=validation)', \
         keyentry with lines lt 3 title 'lista(steps=3,init=dictionary)/objective(on=validation)', \
         keyentry with lines lt 4 title 'lista(steps=4,init=dictionary)/objective(on=validation)', \
         keyentry with lines lt 5 title 'lista(steps=6,init=dictionary)/objective(on=validation)', \
         keyentry with lines lt 6 title 'lista(steps=8,init=dictionary)/objective(on=validation)', \
         keyentry with lines lt 7 title 'lista(steps=12,init=dictionary)/objective(on=validation)', \
         keyentry with lines lt 8 title 'lista(steps=16,init=dictionary)/objective(on=validation)', \
         keyentry with lines lt 1 title 'psd(hidden=256)/objective(on=validation)', \
         NaN notitle
    set border 3 lw 1 lc rgb '#404040'; set tics; set tics nomirror out scale 0.6
    set lmargin -1; set tmargin -1; set bmargin -1; set rmargin 4
    set key noreverse Right samplen 2.5 spacing 1.15 width 0 maxrows auto
    unset multiplot
    unset output
}
