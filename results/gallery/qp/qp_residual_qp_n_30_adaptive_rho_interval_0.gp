# qp_residual_qp_n_30_adaptive_rho_interval_0.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# ---- panel 1 data
# series 1: cold (201 points)
$p1_s1 << EOD
# x y
0 0.6960997681613409
100 0.02065081780715314
200 0.011252456788550592
300 0.007598744895311203
400 0.0055846830890145995
500 0.004399423311974564
600 0.0035830617014133313
700 0.002917233000372124
800 0.002398034252679795
900 0.0020310492900834933
1000 0.0017346386275528174
1100 0.0015117525604241549
1200 0.0012975913421047812
1300 0.0011235254371554503
1400 0.0009857572751825715
1500 0.0008717338963767557
1600 0.0007759706784750985
1700 0.0007016298696649328
1800 0.0006352026882812073
1900 0.0005725756702081086
2000 0.000523208879236031
2100 0.0004782682905116808
2200 0.00044630560425865535
2300 0.00041281357697311983
2400 0.00038331751269636577
2500 0.00035527231636487956
2600 0.0003317362385758393
2700 0.0003121618788874257
2800 0.00029542019935669864
2900 0.00027953174831137355
3000 0.0002663911023957323
3100 0.0002552217752490459
3200 0.0002440191889944693
3300 0.00023418697303838147
3400 0.00022607187519329733
3500 0.00021591356728065304
3600 0.0002081923286501933
3700 0.0002013205870047534
3800 0.00019389953779853957
3900 0.00018414301106044087
4000 0.0001754080352499007
4100 0.00016903001907532175
4200 0.0001632932659265643
4300 0.00015820504274226713
4400 0.0001503351111732808
4500 0.00014400311439737373
4600 0.0001383608480373843
4700 0.0001298809645214195
4800 0.00012536931974326614
4900 0.00012171590665572262
5000 0.00011817049838773408
5100 0.00011510235576451092
5200 0.00011238595780193828
5300 0.00010989312950672743
5400 0.00010748369688911022
5500 0.00010515407433250032
5600 0.00010293100840236151
5700 0.00010091124693652616
5800 9.908714657265573e-05
5900 9.69685762036357e-05
6000 9.464329327400143e-05
6100 9.28078045758381e-05
6200 9.103079840373088e-05
6300 8.93640853616451e-05
6400 8.796357010193097e-05
6500 8.650218939505532e-05
6600 8.507051173508082e-05
6700 8.245978908790333e-05
6800 8.085772479220617e-05
6900 7.92832295096184e-05
7000 7.776348678589215e-05
7100 7.573386597811197e-05
7200 7.398207639620216e-05
7300 7.237475868226279e-05
7400 7.072963139456804e-05
7500 6.887151870847751e-05
7600 6.718509980263233e-05
7700 6.54916865325589e-05
7800 6.38400426207315e-05
7900 6.235910879401429e-05
8000 6.1006634324716104e-05
8100 5.979407984583689e-05
8200 5.8693533450374574e-05
8300 5.7687552043570706e-05
8400 5.663382088960031e-05
8500 5.51640694301777e-05
8600 5.414125512705946e-05
8700 5.322106320845035e-05
8800 5.2375948111445364e-05
8900 5.1101265528079536e-05
9000 5.009179844553797e-05
9100 4.9266423424884204e-05
9200 4.815974508445056e-05
9300 4.716439789494046e-05
9400 4.631463258824414e-05
9500 4.5568401736184664e-05
9600 4.4852987308951734e-05
9700 4.419629253293656e-05
9800 4.359995118374902e-05
9900 4.3070883689563506e-05
10000 4.2587088246062466e-05
10100 4.2145736816471033e-05
10200 4.1668549486574976e-05
10300 4.1200711657208795e-05
10400 4.0753744561375697e-05
10500 4.032388420277459e-05
10600 3.990614870859607e-05
10700 3.950250357868155e-05
10800 3.911350288011326e-05
10900 3.793941054907722e-05
11000 3.675107640820983e-05
11100 3.598127501817253e-05
11200 3.527854506043806e-05
11300 3.4703443949731235e-05
11400 3.4085440004538186e-05
11500 3.351107797922655e-05
11600 3.298869192662824e-05
11700 3.25529266189558e-05
11800 3.215911340318817e-05
11900 3.179182020733071e-05
12000 3.144526644209755e-05
12100 3.111615106550888e-05
12200 3.0802312654966046e-05
12300 3.0502104391602564e-05
12400 3.0214495897526922e-05
12500 2.993865997650046e-05
12600 2.9673583281236514e-05
12700 2.9418438962650647e-05
12800 2.9172511883953405e-05
12900 2.893511977574383e-05
13000 2.8705673938469136e-05
13100 2.8483643672308875e-05
13200 2.8266403183397825e-05
13300 2.8055312661908372e-05
13400 2.7850373496899942e-05
13500 2.7651679567126838e-05
13600 2.745998619980836e-05
13700 2.7273817936156137e-05
13800 2.7059950637918146e-05
13900 2.684706198909699e-05
14000 2.664803604335195e-05
14100 2.645689392746339e-05
14200 2.6272146889769447e-05
14300 2.6093206996802442e-05
14400 2.5508305085060775e-05
14500 2.5076093450050316e-05
14600 2.4720242963590897e-05
14700 2.4404670869474636e-05
14800 2.4118377968938725e-05
14900 2.370248964443899e-05
15000 2.3369659627196664e-05
15100 2.310558956625998e-05
15200 2.286611672517982e-05
15300 2.265077059031536e-05
15400 2.2475020072524545e-05
15500 2.2307240058815625e-05
15600 2.214699242700896e-05
15700 2.19937596192372e-05
15800 2.1846944955812296e-05
15900 2.168410900565153e-05
16000 2.1553384946299695e-05
16100 2.1421946586805962e-05
16200 2.129133395940575e-05
16300 2.1172659110905293e-05
16400 2.105761455024333e-05
16500 2.0943965436263105e-05
16600 2.083184521631103e-05
16700 2.0721512033647524e-05
16800 2.061312390469312e-05
16900 2.0506742510610576e-05
17000 2.0402363136744787e-05
17100 2.0299940840431818e-05
17200 2.0199408815003417e-05
17300 2.010069017006059e-05
17400 2.0003705075598775e-05
17500 1.9908374878280917e-05
17600 1.9814624319797422e-05
17700 1.972238260042817e-05
17800 1.9627387879782313e-05
17900 1.953567903951663e-05
18000 1.9445269280613515e-05
18100 1.9356103565810424e-05
18200 1.9268226878425852e-05
18300 1.918155112162407e-05
18400 1.9096021246739514e-05
18500 1.9011605082232194e-05
18600 1.8928270857875356e-05
18700 1.8845987817999612e-05
18800 1.8764726476341173e-05
18900 1.8684458699591164e-05
19000 1.860515770513722e-05
19100 1.852679801611775e-05
19200 1.840776234598349e-05
19300 1.8210684582204506e-05
19400 1.8056897427682275e-05
19500 1.7928305137571055e-05
19600 1.7815777681713055e-05
19700 1.7531004812158906e-05
19800 1.6965073471421134e-05
19900 1.6516868397515337e-05
20000 1.6137932912264765e-05
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
# skipped row 102: ylo = nan is NaN
# skipped row 103: ylo = nan is NaN
# skipped row 104: ylo = nan is NaN
# skipped row 105: ylo = nan is NaN
# skipped row 106: ylo = nan is NaN
# skipped row 107: ylo = nan is NaN
# skipped row 108: ylo = nan is NaN
# skipped row 109: ylo = nan is NaN
# skipped row 110: ylo = nan is NaN
# skipped row 111: ylo = nan is NaN
# skipped row 112: ylo = nan is NaN
# skipped row 113: ylo = nan is NaN
# skipped row 114: ylo = nan is NaN
# skipped row 115: ylo = nan is NaN
# skipped row 116: ylo = nan is NaN
# skipped row 117: ylo = nan is NaN
# skipped row 118: ylo = nan is NaN
# skipped row 119: ylo = nan is NaN
# skipped row 120: ylo = nan is NaN
# skipped row 121: ylo = nan is NaN
# skipped row 122: ylo = nan is NaN
# skipped row 123: ylo = nan is NaN
# skipped row 124: ylo = nan is NaN
# skipped row 125: ylo = nan is NaN
# skipped row 126: ylo = nan is NaN
# skipped row 127: ylo = nan is NaN
# skipped row 128: ylo = nan is NaN
# skipped row 129: ylo = nan is NaN
# skipped row 130: ylo = nan is NaN
# skipped row 131: ylo = nan is NaN
# skipped row 132: ylo = nan is NaN
# skipped row 133: ylo = nan is NaN
# skipped row 134: ylo = nan is NaN
# skipped row 135: ylo = nan is NaN
# skipped row 136: ylo = nan is NaN
# skipped row 137: ylo = nan is NaN
# skipped row 138: ylo = nan is NaN
# skipped row 139: ylo = nan is NaN
# skipped row 140: ylo = nan is NaN
# skipped row 141: ylo = nan is NaN
# skipped row 142: ylo = nan is NaN
# skipped row 143: ylo = nan is NaN
# skipped row 144: ylo = nan is NaN
# skipped row 145: ylo = nan is NaN
# skipped row 146: ylo = nan is NaN
# skipped row 147: ylo = nan is NaN
# skipped row 148: ylo = nan is NaN
# skipped row 149: ylo = nan is NaN
# skipped row 150: ylo = nan is NaN
# skipped row 151: ylo = nan is NaN
# skipped row 152: ylo = nan is NaN
# skipped row 153: ylo = nan is NaN
# skipped row 154: ylo = nan is NaN
# skipped row 155: ylo = nan is NaN
# skipped row 156: ylo = nan is NaN
# skipped row 157: ylo = nan is NaN
# skipped row 158: ylo = nan is NaN
# skipped row 159: ylo = nan is NaN
# skipped row 160: ylo = nan is NaN
# skipped row 161: ylo = nan is NaN
# skipped row 162: ylo = nan is NaN
# skipped row 163: ylo = nan is NaN
# skipped row 164: ylo = nan is NaN
# skipped row 165: ylo = nan is NaN
# skipped row 166: ylo = nan is NaN
# skipped row 167: ylo = nan is NaN
# skipped row 168: ylo = nan is NaN
# skipped row 169: ylo = nan is NaN
# skipped row 170: ylo = nan is NaN
# skipped row 171: ylo = nan is NaN
# skipped row 172: ylo = nan is NaN
# skipped row 173: ylo = nan is NaN
# skipped row 174: ylo = nan is NaN
# skipped row 175: ylo = nan is NaN
# skipped row 176: ylo = nan is NaN
# skipped row 177: ylo = nan is NaN
# skipped row 178: ylo = nan is NaN
# skipped row 179: ylo = nan is NaN
# skipped row 180: ylo = nan is NaN
# skipped row 181: ylo = nan is NaN
# skipped row 182: ylo = nan is NaN
# skipped row 183: ylo = nan is NaN
# skipped row 184: ylo = nan is NaN
# skipped row 185: ylo = nan is NaN
# skipped row 186: ylo = nan is NaN
# skipped row 187: ylo = nan is NaN
# skipped row 188: ylo = nan is NaN
# skipped row 189: ylo = nan is NaN
# skipped row 190: ylo = nan is NaN
# skipped row 191: ylo = nan is NaN
# skipped row 192: ylo = nan is NaN
# skipped row 193: ylo = nan is NaN
# skipped row 194: ylo = nan is NaN
# skipped row 195: ylo = nan is NaN
# skipped row 196: ylo = nan is NaN
# skipped row 197: ylo = nan is NaN
# skipped row 198: ylo = nan is NaN
# skipped row 199: ylo = nan is NaN
# skipped row 200: ylo = nan is NaN
# skipped row 201: ylo = nan is NaN
EOD
# series 2: solver_steps(steps=100)/regression: warm (201 points)
$p1_s2 << EOD
# x y
0 0.6422311661033692
100 0.02064855019584932
200 0.011241691987399837
300 0.007594089336611779
400 0.005581399619723296
500 0.004397223347343373
600 0.0035815480378493325
700 0.0029151808938051855
800 0.0023970202720251534
900 0.002029990955268494
1000 0.0017341161528351982
1100 0.0015113597988690344
1200 0.0012972461234734148
1300 0.0011231494827712498
1400 0.0009854511747104625
1500 0.0008714913565568807
1600 0.0007757528333962942
1700 0.0007014413757143362
1800 0.0006349325703812779
1900 0.0005725228318055909
2000 0.0005231867772607109
2100 0.00047820605395490766
2200 0.0004462234220130308
2300 0.0004128558589551052
2400 0.0003832747303049197
2500 0.00035514053180012324
2600 0.00033169503272307866
2700 0.0003120767431911814
2800 0.0002953447148878646
2900 0.0002794633025266785
3000 0.00026634132090922467
3100 0.0002551764848536387
3200 0.00024397748899341465
3300 0.00023428179832070693
3400 0.00022604049918762122
3500 0.00021584490128394063
3600 0.00020816106444457666
3700 0.00020128861650227375
3800 0.0001938611448418759
3900 0.00018411481205467476
4000 0.00017537783773944766
4100 0.00016900295660585076
4200 0.0001632715251898868
4300 0.00015818488092447948
4400 0.0001503085702236548
4500 0.00014397996776581323
4600 0.00013832803662860136
4700 0.000129873160285754
4800 0.00012535349112355277
4900 0.0001217097681357347
5000 0.00011816812688792223
5100 0.00011510310918448356
5200 0.00011238376500416423
5300 0.00010989277030919035
5400 0.00010748177706091934
5500 0.00010515090766649478
5600 0.00010292749037521843
5700 0.00010090759822692584
5800 9.908504843791154e-05
5900 9.69642669204621e-05
6000 9.463255920722264e-05
6100 9.28069117078973e-05
6200 9.102652763497773e-05
6300 8.936355933871847e-05
6400 8.79637558943798e-05
6500 8.650183413737976e-05
6600 8.507068056319556e-05
6700 8.245600444233003e-05
6800 8.085636683117308e-05
6900 7.927965821630333e-05
7000 7.775997384992447e-05
7100 7.572822976833964e-05
7200 7.397775843775714e-05
7300 7.237118356652383e-05
7400 7.072555083297309e-05
7500 6.886717091510323e-05
7600 6.718134577113378e-05
7700 6.547388275084775e-05
7800 6.382700668984583e-05
7900 6.234673907072841e-05
8000 6.099690435359951e-05
8100 5.978634451947673e-05
8200 5.868714904012256e-05
8300 5.768365490378068e-05
8400 5.663465740398238e-05
8500 5.5163642855120983e-05
8600 5.413960395161136e-05
8700 5.3219410200694836e-05
8800 5.237440128083063e-05
8900 5.1083620326434946e-05
9000 5.008515691726136e-05
9100 4.9263129072971365e-05
9200 4.816280358294841e-05
9300 4.716621164153851e-05
9400 4.6315187784701376e-05
9500 4.556840573753621e-05
9600 4.485291492839756e-05
9700 4.419592297031758e-05
9800 4.3599396699601256e-05
9900 4.3069450809594906e-05
10000 4.258521647333591e-05
10100 4.214394854480768e-05
10200 4.166716859562042e-05
10300 4.1199591067589e-05
10400 4.075274383889278e-05
10500 4.032298817168185e-05
10600 3.990527737062205e-05
10700 3.950170212953616e-05
10800 3.911276035666919e-05
10900 3.7932921645295545e-05
11000 3.6746441808648385e-05
11100 3.596897538196191e-05
11200 3.5272456165732755e-05
11300 3.469837932393893e-05
11400 3.408054364216774e-05
11500 3.3506583665693746e-05
11600 3.2985681721940526e-05
11700 3.255144975447614e-05
11800 3.215806848847825e-05
11900 3.1791007631404326e-05
12000 3.144459612496122e-05
12100 3.1115577736108556e-05
12200 3.080181191301108e-05
12300 3.050171442132805e-05
12400 3.0214058918160487e-05
12500 2.9938218293941405e-05
12600 2.9673145562416784e-05
12700 2.9418006691404143e-05
12800 2.9172091568390038e-05
12900 2.8934714465541547e-05
13000 2.870528596008034e-05
13100 2.848327464806496e-05
13200 2.826603953202635e-05
13300 2.8054969748762523e-05
13400 2.785005141953302e-05
13500 2.7651395878107442e-05
13600 2.745973158728827e-05
13700 2.7273585010865086e-05
13800 2.7061291393270858e-05
13900 2.684788427798137e-05
14000 2.6648704447476493e-05
14100 2.645748799101008e-05
14200 2.6272686387531487e-05
14300 2.6093698601861444e-05
14400 2.5491062417178306e-05
14500 2.506507003346815e-05
14600 2.4711555415222445e-05
14700 2.4397455585220906e-05
14800 2.411228139668245e-05
14900 2.3777065157606506e-05
15000 2.336780335722152e-05
15100 2.3103769959539464e-05
15200 2.286434995089717e-05
15300 2.264710380691592e-05
15400 2.2471904602123608e-05
15500 2.2304560993728005e-05
15600 2.2144669471916722e-05
15700 2.1991731452860215e-05
15800 2.1845163492721963e-05
15900 2.1683144555171024e-05
16000 2.1552540598806883e-05
16100 2.1421167996492914e-05
16200 2.1291498148524797e-05
16300 2.11732982367653e-05
16400 2.105794616912061e-05
16500 2.094400352799446e-05
16600 2.0831679163705145e-05
16700 2.0721215805461104e-05
16800 2.0612749340430857e-05
16900 2.050632390431389e-05
17000 2.0401922539251083e-05
17100 2.0299492180187824e-05
17200 2.0198960757447183e-05
17300 2.0100248010057424e-05
17400 2.00032719627585e-05
17500 1.990795260221074e-05
17600 1.98142138111151e-05
17700 1.9721984249877262e-05
17800 1.962698834521453e-05
17900 1.9535291702848896e-05
18000 1.9444893442649076e-05
18100 1.935573909561444e-05
18200 1.9267877644423746e-05
18300 1.918121178476947e-05
18400 1.909569156846259e-05
18500 1.9011284792365402e-05
18600 1.8927959669453727e-05
18700 1.88456854363541e-05
18800 1.87644326050407e-05
18900 1.8684173044230623e-05
19000 1.8604879975904285e-05
19100 1.8526527929555783e-05
19200 1.8407105652661274e-05
19300 1.8210195042391475e-05
19400 1.805649118853092e-05
19500 1.792795180773313e-05
19600 1.781546072240812e-05
19700 1.753317780344034e-05
19800 1.6966380842060673e-05
19900 1.6517882344384007e-05
20000 1.6138748416035153e-05
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
# skipped row 102: ylo = nan is NaN
# skipped row 103: ylo = nan is NaN
# skipped row 104: ylo = nan is NaN
# skipped row 105: ylo = nan is NaN
# skipped row 106: ylo = nan is NaN
# skipped row 107: ylo = nan is NaN
# skipped row 108: ylo = nan is NaN
# skipped row 109: ylo = nan is NaN
# skipped row 110: ylo = nan is NaN
# skipped row 111: ylo = nan is NaN
# skipped row 112: ylo = nan is NaN
# skipped row 113: ylo = nan is NaN
# skipped row 114: ylo = nan is NaN
# skipped row 115: ylo = nan is NaN
# skipped row 116: ylo = nan is NaN
# skipped row 117: ylo = nan is NaN
# skipped row 118: ylo = nan is NaN
# skipped row 119: ylo = nan is NaN
# skipped row 120: ylo = nan is NaN
# skipped row 121: ylo = nan is NaN
# skipped row 122: ylo = nan is NaN
# skipped row 123: ylo = nan is NaN
# skipped row 124: ylo = nan is NaN
# skipped row 125: ylo = nan is NaN
# skipped row 126: ylo = nan is NaN
# skipped row 127: ylo = nan is NaN
# skipped row 128: ylo = nan is NaN
# skipped row 129: ylo = nan is NaN
# skipped row 130: ylo = nan is NaN
# skipped row 131: ylo = nan is NaN
# skipped row 132: ylo = nan is NaN
# skipped row 133: ylo = nan is NaN
# skipped row 134: ylo = nan is NaN
# skipped row 135: ylo = nan is NaN
# skipped row 136: ylo = nan is NaN
# skipped row 137: ylo = nan is NaN
# skipped row 138: ylo = nan is NaN
# skipped row 139: ylo = nan is NaN
# skipped row 140: ylo = nan is NaN
# skipped row 141: ylo = nan is NaN
# skipped row 142: ylo = nan is NaN
# skipped row 143: ylo = nan is NaN
# skipped row 144: ylo = nan is NaN
# skipped row 145: ylo = nan is NaN
# skipped row 146: ylo = nan is NaN
# skipped row 147: ylo = nan is NaN
# skipped row 148: ylo = nan is NaN
# skipped row 149: ylo = nan is NaN
# skipped row 150: ylo = nan is NaN
# skipped row 151: ylo = nan is NaN
# skipped row 152: ylo = nan is NaN
# skipped row 153: ylo = nan is NaN
# skipped row 154: ylo = nan is NaN
# skipped row 155: ylo = nan is NaN
# skipped row 156: ylo = nan is NaN
# skipped row 157: ylo = nan is NaN
# skipped row 158: ylo = nan is NaN
# skipped row 159: ylo = nan is NaN
# skipped row 160: ylo = nan is NaN
# skipped row 161: ylo = nan is NaN
# skipped row 162: ylo = nan is NaN
# skipped row 163: ylo = nan is NaN
# skipped row 164: ylo = nan is NaN
# skipped row 165: ylo = nan is NaN
# skipped row 166: ylo = nan is NaN
# skipped row 167: ylo = nan is NaN
# skipped row 168: ylo = nan is NaN
# skipped row 169: ylo = nan is NaN
# skipped row 170: ylo = nan is NaN
# skipped row 171: ylo = nan is NaN
# skipped row 172: ylo = nan is NaN
# skipped row 173: ylo = nan is NaN
# skipped row 174: ylo = nan is NaN
# skipped row 175: ylo = nan is NaN
# skipped row 176: ylo = nan is NaN
# skipped row 177: ylo = nan is NaN
# skipped row 178: ylo = nan is NaN
# skipped row 179: ylo = nan is NaN
# skipped row 180: ylo = nan is NaN
# skipped row 181: ylo = nan is NaN
# skipped row 182: ylo = nan is NaN
# skipped row 183: ylo = nan is NaN
# skipped row 184: ylo = nan is NaN
# skipped row 185: ylo = nan is NaN
# skipped row 186: ylo = nan is NaN
# skipped row 187: ylo = nan is NaN
# skipped row 188: ylo = nan is NaN
# skipped row 189: ylo = nan is NaN
# skipped row 190: ylo = nan is NaN
# skipped row 191: ylo = nan is NaN
# skipped row 192: ylo = nan is NaN
# skipped row 193: ylo = nan is NaN
# skipped row 194: ylo = nan is NaN
# skipped row 195: ylo = nan is NaN
# skipped row 196: ylo = nan is NaN
# skipped row 197: ylo = nan is NaN
# skipped row 198: ylo = nan is NaN
# skipped row 199: ylo = nan is NaN
# skipped row 200: ylo = nan is NaN
# skipped row 201: ylo = nan is NaN
EOD
# series 3: rho_policy(mode=once,steps=100,interval=10)/regression: warm (201 points)
$p1_s3 << EOD
# x y
0 0.6503656658509192
100 0.02066838015227605
200 0.011252490352771009
300 0.007600425608611088
400 0.0055854601183088146
500 0.004398923416928248
600 0.0035834269134512133
700 0.002916890589365073
800 0.002397895439757758
900 0.002030989179707951
1000 0.0017347378570037712
1100 0.0015119126075988957
1200 0.0012976878279439771
1300 0.00112356354134315
1400 0.0009858090084706506
1500 0.0008717854591651396
1600 0.0007759373100177526
1700 0.0007015743431280875
1800 0.0006344598993654911
1900 0.0005725606647556675
2000 0.0005232132180031413
2100 0.00047824181142657574
2200 0.00044624872605112764
2300 0.0004129101604129885
2400 0.0003833199890462552
2500 0.0003552005428789887
2600 0.0003317201667197899
2700 0.0003120805270113839
2800 0.00029538095290876473
2900 0.0002794828049597412
3000 0.0002663664118089
3100 0.00025519715994476005
3200 0.00024399745759945212
3300 0.0002343109448019073
3400 0.00022605541334737387
3500 0.00021588784838726203
3600 0.00020817333519195812
3700 0.0002012993690080009
3800 0.00019387278987911206
3900 0.000184123884572006
4000 0.00017537895700481514
4100 0.00016900502605470726
4200 0.0001632754516745835
4300 0.00015818848688681144
4400 0.00015031657078638135
4500 0.00014398746226918201
4600 0.00013833803181803226
4700 0.00012986495233762726
4800 0.00012536410964790893
4900 0.00012171639538988626
5000 0.00011817371007804824
5100 0.00011510829302567299
5200 0.0001123876440855001
5300 0.00010989636325881084
5400 0.00010748594412174124
5500 0.00010515535906629611
5600 0.00010293167075592408
5700 0.00010091140060166994
5800 9.908801514757002e-05
5900 9.696606574348407e-05
6000 9.463627548808019e-05
6100 9.280865667353431e-05
6200 9.10296502321005e-05
6300 8.936842682467638e-05
6400 8.796781704143746e-05
6500 8.650549098045604e-05
6600 8.507421843651388e-05
6700 8.246140040760443e-05
6800 8.086048464861378e-05
6900 7.928217744200203e-05
7000 7.776246153782225e-05
7100 7.573166985116668e-05
7200 7.397667562627141e-05
7300 7.237053667161442e-05
7400 7.072511430213355e-05
7500 6.886734002961926e-05
7600 6.718164012965692e-05
7700 6.547947255120748e-05
7800 6.38311242747941e-05
7900 6.235056314247475e-05
8000 6.099989563452696e-05
8100 5.978867236891961e-05
8200 5.8689094031577575e-05
8300 5.7684807490066286e-05
8400 5.663859421401925e-05
8500 5.5166136457331064e-05
8600 5.414091143640435e-05
8700 5.322055620646391e-05
8800 5.23754588703359e-05
8900 5.1083640830994706e-05
9000 5.008629122346414e-05
9100 4.9264496044713546e-05
9200 4.816528253326772e-05
9300 4.71680830033864e-05
9400 4.63167512904078e-05
9500 4.556972147356111e-05
9600 4.485386629131228e-05
9700 4.41968051546171e-05
9800 4.360021483072435e-05
9900 4.307013149795343e-05
10000 4.258576597338112e-05
10100 4.214448220108161e-05
10200 4.1667843759539335e-05
10300 4.120019075107117e-05
10400 4.0753298483050384e-05
10500 4.032350912886811e-05
10600 3.990578190758509e-05
10700 3.95021854631606e-05
10800 3.9113225445353076e-05
10900 3.793429051044352e-05
11000 3.6747506151910754e-05
11100 3.597492903019171e-05
11200 3.527586730365471e-05
11300 3.470134841222713e-05
11400 3.408368909519315e-05
11500 3.350953269937234e-05
11600 3.298773241185632e-05
11700 3.255253911932003e-05
11800 3.215889892383035e-05
11900 3.179170121880417e-05
12000 3.14452071634076e-05
12100 3.111613282779108e-05
12200 3.080232483441339e-05
12300 3.050215694603124e-05
12400 3.0214513426584267e-05
12500 2.9938653507449263e-05
12600 2.9673561580957052e-05
12700 2.9418408021528807e-05
12800 2.9172474648713438e-05
12900 2.8935079725209775e-05
13000 2.870563385069909e-05
13100 2.848360566187877e-05
13200 2.8266354394051814e-05
13300 2.8055268824292387e-05
13400 2.78503352908893e-05
13500 2.7651665254486945e-05
13600 2.7459987003143037e-05
13700 2.7273827009603006e-05
13800 2.7061684798473187e-05
13900 2.6848205622312943e-05
14000 2.664899606324153e-05
14100 2.6457758908600528e-05
14200 2.6272939303461368e-05
14300 2.6093934806041246e-05
14400 2.5494559066208956e-05
14500 2.5067418067380982e-05
14600 2.4713447184146702e-05
14700 2.4399051428750877e-05
14800 2.4113648166835147e-05
14900 2.376060125775802e-05
15000 2.3368368462965075e-05
15100 2.3104302535443608e-05
15200 2.286485100883607e-05
15300 2.2647910526212318e-05
15400 2.247259670194758e-05
15500 2.230515970106399e-05
15600 2.2145190444511986e-05
15700 2.1992186778955992e-05
15800 2.1845562775307304e-05
15900 2.168337653993913e-05
16000 2.155271756218148e-05
16100 2.1421318373036912e-05
16200 2.129142903991022e-05
16300 2.117305666969695e-05
16400 2.1057792308258503e-05
16500 2.0943929628774983e-05
16600 2.083166011345988e-05
16700 2.0721231177831937e-05
16800 2.0612784863239296e-05
16900 2.050637013508964e-05
17000 2.0401973400584932e-05
17100 2.029954383096454e-05
17200 2.019901081103113e-05
17300 2.0100295016167712e-05
17400 2.000331507124344e-05
17500 1.9907991346513615e-05
17600 1.9814247969379327e-05
17700 1.972201375576406e-05
17800 1.962701341100017e-05
17900 1.9535312236476446e-05
18000 1.9444909582904986e-05
18100 1.9355750991740163e-05
18200 1.9267884681125853e-05
18300 1.9181215068213572e-05
18400 1.9095691241733137e-05
18500 1.9011281000911818e-05
18600 1.8927952558572764e-05
18700 1.884567514955544e-05
18800 1.8764419282888254e-05
18900 1.868415682355028e-05
19000 1.860486098935709e-05
19100 1.8526506305232462e-05
19200 1.8405595743553546e-05
19300 1.820930426750873e-05
19400 1.8055904198084237e-05
19500 1.7927544934833578e-05
19600 1.781516766623272e-05
19700 1.75308941698949e-05
19800 1.6964891638602465e-05
19900 1.6516688539297557e-05
20000 1.6137757244096703e-05
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
# skipped row 102: ylo = nan is NaN
# skipped row 103: ylo = nan is NaN
# skipped row 104: ylo = nan is NaN
# skipped row 105: ylo = nan is NaN
# skipped row 106: ylo = nan is NaN
# skipped row 107: ylo = nan is NaN
# skipped row 108: ylo = nan is NaN
# skipped row 109: ylo = nan is NaN
# skipped row 110: ylo = nan is NaN
# skipped row 111: ylo = nan is NaN
# skipped row 112: ylo = nan is NaN
# skipped row 113: ylo = nan is NaN
# skipped row 114: ylo = nan is NaN
# skipped row 115: ylo = nan is NaN
# skipped row 116: ylo = nan is NaN
# skipped row 117: ylo = nan is NaN
# skipped row 118: ylo = nan is NaN
# skipped row 119: ylo = nan is NaN
# skipped row 120: ylo = nan is NaN
# skipped row 121: ylo = nan is NaN
# skipped row 122: ylo = nan is NaN
# skipped row 123: ylo = nan is NaN
# skipped row 124: ylo = nan is NaN
# skipped row 125: ylo = nan is NaN
# skipped row 126: ylo = nan is NaN
# skipped row 127: ylo = nan is NaN
# skipped row 128: ylo = nan is NaN
# skipped row 129: ylo = nan is NaN
# skipped row 130: ylo = nan is NaN
# skipped row 131: ylo = nan is NaN
# skipped row 132: ylo = nan is NaN
# skipped row 133: ylo = nan is NaN
# skipped row 134: ylo = nan is NaN
# skipped row 135: ylo = nan is NaN
# skipped row 136: ylo = nan is NaN
# skipped row 137: ylo = nan is NaN
# skipped row 138: ylo = nan is NaN
# skipped row 139: ylo = nan is NaN
# skipped row 140: ylo = nan is NaN
# skipped row 141: ylo = nan is NaN
# skipped row 142: ylo = nan is NaN
# skipped row 143: ylo = nan is NaN
# skipped row 144: ylo = nan is NaN
# skipped row 145: ylo = nan is NaN
# skipped row 146: ylo = nan is NaN
# skipped row 147: ylo = nan is NaN
# skipped row 148: ylo = nan is NaN
# skipped row 149: ylo = nan is NaN
# skipped row 150: ylo = nan is NaN
# skipped row 151: ylo = nan is NaN
# skipped row 152: ylo = nan is NaN
# skipped row 153: ylo = nan is NaN
# skipped row 154: ylo = nan is NaN
# skipped row 155: ylo = nan is NaN
# skipped row 156: ylo = nan is NaN
# skipped row 157: ylo = nan is NaN
# skipped row 158: ylo = nan is NaN
# skipped row 159: ylo = nan is NaN
# skipped row 160: ylo = nan is NaN
# skipped row 161: ylo = nan is NaN
# skipped row 162: ylo = nan is NaN
# skipped row 163: ylo = nan is NaN
# skipped row 164: ylo = nan is NaN
# skipped row 165: ylo = nan is NaN
# skipped row 166: ylo = nan is NaN
# skipped row 167: ylo = nan is NaN
# skipped row 168: ylo = nan is NaN
# skipped row 169: ylo = nan is NaN
# skipped row 170: ylo = nan is NaN
# skipped row 171: ylo = nan is NaN
# skipped row 172: ylo = nan is NaN
# skipped row 173: ylo = nan is NaN
# skipped row 174: ylo = nan is NaN
# skipped row 175: ylo = nan is NaN
# skipped row 176: ylo = nan is NaN
# skipped row 177: ylo = nan is NaN
# skipped row 178: ylo = nan is NaN
# skipped row 179: ylo = nan is NaN
# skipped row 180: ylo = nan is NaN
# skipped row 181: ylo = nan is NaN
# skipped row 182: ylo = nan is NaN
# skipped row 183: ylo = nan is NaN
# skipped row 184: ylo = nan is NaN
# skipped row 185: ylo = nan is NaN
# skipped row 186: ylo = nan is NaN
# skipped row 187: ylo = nan is NaN
# skipped row 188: ylo = nan is NaN
# skipped row 189: ylo = nan is NaN
# skipped row 190: ylo = nan is NaN
# skipped row 191: ylo = nan is NaN
# skipped row 192: ylo = nan is NaN
# skipped row 193: ylo = nan is NaN
# skipped row 194: ylo = nan is NaN
# skipped row 195: ylo = nan is NaN
# skipped row 196: ylo = nan is NaN
# skipped row 197: ylo = nan is NaN
# skipped row 198: ylo = nan is NaN
# skipped row 199: ylo = nan is NaN
# skipped row 200: ylo = nan is NaN
# skipped row 201: ylo = nan is NaN
EOD
# series 4: rho_policy(steps=100,interval=10)/regression: warm (201 points)
$p1_s4 << EOD
# x y
0 0.6504630400893602
100 0.02066912222427105
200 0.01125266427267693
300 0.007600234892877327
400 0.005585576987261379
500 0.004398963268529776
600 0.0035834629892425853
700 0.002916951346179537
800 0.0023979236267758766
900 0.0020310321539160413
1000 0.0017347734527196513
1100 0.0015119360496539016
1200 0.001297712830960182
1300 0.0011235951858025463
1400 0.0009858271892311664
1500 0.0008718023049020074
1600 0.000775955935681112
1700 0.000701593050279531
1800 0.0006344369974374406
1900 0.0005725738698393052
2000 0.00052322575954668
2100 0.00047825322289675877
2200 0.000446262902644155
2300 0.0004129073043660422
2400 0.000383335549222507
2500 0.0003552288972064114
2600 0.00033173278399400454
2700 0.0003120856886703299
2800 0.0002953959274150303
2900 0.0002794940991536136
3000 0.0002663775243497554
3100 0.0002552063285154852
3200 0.00024401153638543607
3300 0.00023432089700990488
3400 0.00022606373675509284
3500 0.00021589652570575988
3600 0.00020818177831387357
3700 0.00020130624763156288
3800 0.00019388039522807627
3900 0.0001841319300513073
4000 0.00017538525669191053
4100 0.0001690107883720493
4200 0.00016327989778915113
4300 0.0001581927541856131
4400 0.000150323927955572
4500 0.00014399346411951363
4600 0.00013834338179231727
4700 0.00012987165537313525
4800 0.0001253703246118793
4900 0.00012172093810477442
5000 0.0001181780030462791
5100 0.0001151119678859712
5200 0.00011239050694790839
5300 0.00010989867923444065
5400 0.00010748833919802355
5500 0.00010515775457592537
5600 0.00010293390583027996
5700 0.00010091351775995884
5800 9.909015992459851e-05
5900 9.696849707025842e-05
6000 9.464096416418202e-05
6100 9.281156944459173e-05
6200 9.103197693732444e-05
6300 8.936969660582777e-05
6400 8.79698247804697e-05
6500 8.650760776807003e-05
6600 8.507637076704057e-05
6700 8.24641202274929e-05
6800 8.086256188847582e-05
6900 7.928523632472553e-05
7000 7.776536624759124e-05
7100 7.573488332755999e-05
7200 7.398079451265507e-05
7300 7.237416072023715e-05
7400 7.072878532984471e-05
7500 6.887060674555854e-05
7600 6.718462047475578e-05
7700 6.548295173048699e-05
7800 6.383418148990345e-05
7900 6.23535333896293e-05
8000 6.100257146823855e-05
8100 5.979110665421603e-05
8200 5.869135223082982e-05
8300 5.768684352389543e-05
8400 5.6643294685627286e-05
8500 5.516943231121488e-05
8600 5.4143121025253777e-05
8700 5.322257445714889e-05
8800 5.237721462857003e-05
8900 5.1085724962195035e-05
9000 5.00880674274122e-05
9100 4.926611214989743e-05
9200 4.816749264497582e-05
9300 4.716979288090017e-05
9400 4.6318358290157166e-05
9500 4.5571156579219935e-05
9600 4.48553787041615e-05
9700 4.419814398187047e-05
9800 4.3601428291842406e-05
9900 4.307118801294324e-05
10000 4.2586709926344106e-05
10100 4.214537652865703e-05
10200 4.166880624712563e-05
10300 4.120112769708347e-05
10400 4.07542134570732e-05
10500 4.0324393737384584e-05
10600 3.990666357994475e-05
10700 3.950303993173642e-05
10800 3.911405489622015e-05
10900 3.793765040394044e-05
11000 3.675004125119643e-05
11100 3.597882577662849e-05
11200 3.52779791533878e-05
11300 3.4703142512816716e-05
11400 3.408532972734018e-05
11500 3.351105311591707e-05
11600 3.2988922056417136e-05
11700 3.255340049853368e-05
11800 3.215965614504349e-05
11900 3.179239714016505e-05
12000 3.1445861617681684e-05
12100 3.111675620150482e-05
12200 3.08029230750961e-05
12300 3.050273172724868e-05
12400 3.0215071871882223e-05
12500 2.99391955613791e-05
12600 2.967408864821517e-05
12700 2.9418921218875222e-05
12800 2.9172975069939516e-05
12900 2.893556824780074e-05
13000 2.8706111245131744e-05
13100 2.8484072611524744e-05
13200 2.826681922453374e-05
13300 2.80557242237047e-05
13400 2.785078175648281e-05
13500 2.765210348000592e-05
13600 2.7460417276275017e-05
13700 2.7274249612749568e-05
13800 2.706223606972716e-05
13900 2.684869969747223e-05
14000 2.6649468593166597e-05
14100 2.6458217178637893e-05
14200 2.627338536764027e-05
14300 2.609436955809746e-05
14400 2.549725222673538e-05
14500 2.5069310594169324e-05
14600 2.4715024228434224e-05
14700 2.440042420488446e-05
14800 2.411486289040066e-05
14900 2.3760874975156876e-05
15000 2.3369320872742218e-05
15100 2.3105164584864417e-05
15200 2.286563521272878e-05
15300 2.2648644410148334e-05
15400 2.247326809010467e-05
15500 2.2305778876028493e-05
15600 2.2145764127698127e-05
15700 2.1992720862420485e-05
15800 2.1846062376015886e-05
15900 2.168377005756697e-05
16000 2.1553104399906124e-05
16100 2.1421696425669358e-05
16200 2.1291812192771927e-05
16300 2.1173441788193036e-05
16400 2.1058162128528797e-05
16500 2.0944285119755982e-05
16600 2.083200350276453e-05
16700 2.0721564343487452e-05
16800 2.0613109222365927e-05
16900 2.0506686736170022e-05
17000 2.0402283027632464e-05
17100 2.029984708468505e-05
17200 2.0199308165802654e-05
17300 2.010058685853571e-05
17400 2.000360172537849e-05
17500 1.9908273091296613e-05
17600 1.981452504968548e-05
17700 1.9722286390230174e-05
17800 1.962728890829556e-05
17900 1.9535583567212523e-05
18000 1.9445177161787188e-05
18100 1.935601485713598e-05
18200 1.926814437810024e-05
18300 1.918147134570614e-05
18400 1.909594419021991e-05
18500 1.901153071346434e-05
18600 1.8928199127691135e-05
18700 1.8845918665670455e-05
18800 1.8764659833568242e-05
18900 1.8684394493180573e-05
19000 1.8605095858924438e-05
19100 1.852673845237314e-05
19200 1.8406565347918995e-05
19300 1.820996868189653e-05
19400 1.805641598037668e-05
19500 1.7927964249148833e-05
19600 1.7815526924444105e-05
19700 1.75337023228506e-05
19800 1.69667751162251e-05
19900 1.6518237862035136e-05
20000 1.6139076847743493e-05
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
# skipped row 102: ylo = nan is NaN
# skipped row 103: ylo = nan is NaN
# skipped row 104: ylo = nan is NaN
# skipped row 105: ylo = nan is NaN
# skipped row 106: ylo = nan is NaN
# skipped row 107: ylo = nan is NaN
# skipped row 108: ylo = nan is NaN
# skipped row 109: ylo = nan is NaN
# skipped row 110: ylo = nan is NaN
# skipped row 111: ylo = nan is NaN
# skipped row 112: ylo = nan is NaN
# skipped row 113: ylo = nan is NaN
# skipped row 114: ylo = nan is NaN
# skipped row 115: ylo = nan is NaN
# skipped row 116: ylo = nan is NaN
# skipped row 117: ylo = nan is NaN
# skipped row 118: ylo = nan is NaN
# skipped row 119: ylo = nan is NaN
# skipped row 120: ylo = nan is NaN
# skipped row 121: ylo = nan is NaN
# skipped row 122: ylo = nan is NaN
# skipped row 123: ylo = nan is NaN
# skipped row 124: ylo = nan is NaN
# skipped row 125: ylo = nan is NaN
# skipped row 126: ylo = nan is NaN
# skipped row 127: ylo = nan is NaN
# skipped row 128: ylo = nan is NaN
# skipped row 129: ylo = nan is NaN
# skipped row 130: ylo = nan is NaN
# skipped row 131: ylo = nan is NaN
# skipped row 132: ylo = nan is NaN
# skipped row 133: ylo = nan is NaN
# skipped row 134: ylo = nan is NaN
# skipped row 135: ylo = nan is NaN
# skipped row 136: ylo = nan is NaN
# skipped row 137: ylo = nan is NaN
# skipped row 138: ylo = nan is NaN
# skipped row 139: ylo = nan is NaN
# skipped row 140: ylo = nan is NaN
# skipped row 141: ylo = nan is NaN
# skipped row 142: ylo = nan is NaN
# skipped row 143: ylo = nan is NaN
# skipped row 144: ylo = nan is NaN
# skipped row 145: ylo = nan is NaN
# skipped row 146: ylo = nan is NaN
# skipped row 147: ylo = nan is NaN
# skipped row 148: ylo = nan is NaN
# skipped row 149: ylo = nan is NaN
# skipped row 150: ylo = nan is NaN
# skipped row 151: ylo = nan is NaN
# skipped row 152: ylo = nan is NaN
# skipped row 153: ylo = nan is NaN
# skipped row 154: ylo = nan is NaN
# skipped row 155: ylo = nan is NaN
# skipped row 156: ylo = nan is NaN
# skipped row 157: ylo = nan is NaN
# skipped row 158: ylo = nan is NaN
# skipped row 159: ylo = nan is NaN
# skipped row 160: ylo = nan is NaN
# skipped row 161: ylo = nan is NaN
# skipped row 162: ylo = nan is NaN
# skipped row 163: ylo = nan is NaN
# skipped row 164: ylo = nan is NaN
# skipped row 165: ylo = nan is NaN
# skipped row 166: ylo = nan is NaN
# skipped row 167: ylo = nan is NaN
# skipped row 168: ylo = nan is NaN
# skipped row 169: ylo = nan is NaN
# skipped row 170: ylo = nan is NaN
# skipped row 171: ylo = nan is NaN
# skipped row 172: ylo = nan is NaN
# skipped row 173: ylo = nan is NaN
# skipped row 174: ylo = nan is NaN
# skipped row 175: ylo = nan is NaN
# skipped row 176: ylo = nan is NaN
# skipped row 177: ylo = nan is NaN
# skipped row 178: ylo = nan is NaN
# skipped row 179: ylo = nan is NaN
# skipped row 180: ylo = nan is NaN
# skipped row 181: ylo = nan is NaN
# skipped row 182: ylo = nan is NaN
# skipped row 183: ylo = nan is NaN
# skipped row 184: ylo = nan is NaN
# skipped row 185: ylo = nan is NaN
# skipped row 186: ylo = nan is NaN
# skipped row 187: ylo = nan is NaN
# skipped row 188: ylo = nan is NaN
# skipped row 189: ylo = nan is NaN
# skipped row 190: ylo = nan is NaN
# skipped row 191: ylo = nan is NaN
# skipped row 192: ylo = nan is NaN
# skipped row 193: ylo = nan is NaN
# skipped row 194: ylo = nan is NaN
# skipped row 195: ylo = nan is NaN
# skipped row 196: ylo = nan is NaN
# skipped row 197: ylo = nan is NaN
# skipped row 198: ylo = nan is NaN
# skipped row 199: ylo = nan is NaN
# skipped row 200: ylo = nan is NaN
# skipped row 201: ylo = nan is NaN
EOD
# series 5: rho_policy(steps=100,interval=10)/regression/eval.model.beyond=hold: warm (201 points)
$p1_s5 << EOD
# x y
0 0.6504630400893602
100 0.02066912222427105
200 0.01125266427267693
300 0.007600234892877327
400 0.005585576987261379
500 0.004398963268529776
600 0.0035834629892425853
700 0.002916951346179537
800 0.0023979236267758766
900 0.0020310321539160413
1000 0.0017347734527196513
1100 0.0015119360496539016
1200 0.001297712830960182
1300 0.0011235951858025463
1400 0.0009858271892311664
1500 0.0008718023049020074
1600 0.000775955935681112
1700 0.000701593050279531
1800 0.0006344369974374406
1900 0.0005725738698393052
2000 0.00052322575954668
2100 0.00047825322289675877
2200 0.000446262902644155
2300 0.0004129073043660422
2400 0.000383335549222507
2500 0.0003552288972064114
2600 0.00033173278399400454
2700 0.0003120856886703299
2800 0.0002953959274150303
2900 0.0002794940991536136
3000 0.0002663775243497554
3100 0.0002552063285154852
3200 0.00024401153638543607
3300 0.00023432089700990488
3400 0.00022606373675509284
3500 0.00021589652570575988
3600 0.00020818177831387357
3700 0.00020130624763156288
3800 0.00019388039522807627
3900 0.0001841319300513073
4000 0.00017538525669191053
4100 0.0001690107883720493
4200 0.00016327989778915113
4300 0.0001581927541856131
4400 0.000150323927955572
4500 0.00014399346411951363
4600 0.00013834338179231727
4700 0.00012987165537313525
4800 0.0001253703246118793
4900 0.00012172093810477442
5000 0.0001181780030462791
5100 0.0001151119678859712
5200 0.00011239050694790839
5300 0.00010989867923444065
5400 0.00010748833919802355
5500 0.00010515775457592537
5600 0.00010293390583027996
5700 0.00010091351775995884
5800 9.909015992459851e-05
5900 9.696849707025842e-05
6000 9.464096416418202e-05
6100 9.281156944459173e-05
6200 9.103197693732444e-05
6300 8.936969660582777e-05
6400 8.79698247804697e-05
6500 8.650760776807003e-05
6600 8.507637076704057e-05
6700 8.24641202274929e-05
6800 8.086256188847582e-05
6900 7.928523632472553e-05
7000 7.776536624759124e-05
7100 7.573488332755999e-05
7200 7.398079451265507e-05
7300 7.237416072023715e-05
7400 7.072878532984471e-05
7500 6.887060674555854e-05
7600 6.718462047475578e-05
7700 6.548295173048699e-05
7800 6.383418148990345e-05
7900 6.23535333896293e-05
8000 6.100257146823855e-05
8100 5.979110665421603e-05
8200 5.869135223082982e-05
8300 5.768684352389543e-05
8400 5.6643294685627286e-05
8500 5.516943231121488e-05
8600 5.4143121025253777e-05
8700 5.322257445714889e-05
8800 5.237721462857003e-05
8900 5.1085724962195035e-05
9000 5.00880674274122e-05
9100 4.926611214989743e-05
9200 4.816749264497582e-05
9300 4.716979288090017e-05
9400 4.6318358290157166e-05
9500 4.5571156579219935e-05
9600 4.48553787041615e-05
9700 4.419814398187047e-05
9800 4.3601428291842406e-05
9900 4.307118801294324e-05
10000 4.2586709926344106e-05
10100 4.214537652865703e-05
10200 4.166880624712563e-05
10300 4.120112769708347e-05
10400 4.07542134570732e-05
10500 4.0324393737384584e-05
10600 3.990666357994475e-05
10700 3.950303993173642e-05
10800 3.911405489622015e-05
10900 3.793765040394044e-05
11000 3.675004125119643e-05
11100 3.597882577662849e-05
11200 3.52779791533878e-05
11300 3.4703142512816716e-05
11400 3.408532972734018e-05
11500 3.351105311591707e-05
11600 3.2988922056417136e-05
11700 3.255340049853368e-05
11800 3.215965614504349e-05
11900 3.179239714016505e-05
12000 3.1445861617681684e-05
12100 3.111675620150482e-05
12200 3.08029230750961e-05
12300 3.050273172724868e-05
12400 3.0215071871882223e-05
12500 2.99391955613791e-05
12600 2.967408864821517e-05
12700 2.9418921218875222e-05
12800 2.9172975069939516e-05
12900 2.893556824780074e-05
13000 2.8706111245131744e-05
13100 2.8484072611524744e-05
13200 2.826681922453374e-05
13300 2.80557242237047e-05
13400 2.785078175648281e-05
13500 2.765210348000592e-05
13600 2.7460417276275017e-05
13700 2.7274249612749568e-05
13800 2.706223606972716e-05
13900 2.684869969747223e-05
14000 2.6649468593166597e-05
14100 2.6458217178637893e-05
14200 2.627338536764027e-05
14300 2.609436955809746e-05
14400 2.549725222673538e-05
14500 2.5069310594169324e-05
14600 2.4715024228434224e-05
14700 2.440042420488446e-05
14800 2.411486289040066e-05
14900 2.3760874975156876e-05
15000 2.3369320872742218e-05
15100 2.3105164584864417e-05
15200 2.286563521272878e-05
15300 2.2648644410148334e-05
15400 2.247326809010467e-05
15500 2.2305778876028493e-05
15600 2.2145764127698127e-05
15700 2.1992720862420485e-05
15800 2.1846062376015886e-05
15900 2.168377005756697e-05
16000 2.1553104399906124e-05
16100 2.1421696425669358e-05
16200 2.1291812192771927e-05
16300 2.1173441788193036e-05
16400 2.1058162128528797e-05
16500 2.0944285119755982e-05
16600 2.083200350276453e-05
16700 2.0721564343487452e-05
16800 2.0613109222365927e-05
16900 2.0506686736170022e-05
17000 2.0402283027632464e-05
17100 2.029984708468505e-05
17200 2.0199308165802654e-05
17300 2.010058685853571e-05
17400 2.000360172537849e-05
17500 1.9908273091296613e-05
17600 1.981452504968548e-05
17700 1.9722286390230174e-05
17800 1.962728890829556e-05
17900 1.9535583567212523e-05
18000 1.9445177161787188e-05
18100 1.935601485713598e-05
18200 1.926814437810024e-05
18300 1.918147134570614e-05
18400 1.909594419021991e-05
18500 1.901153071346434e-05
18600 1.8928199127691135e-05
18700 1.8845918665670455e-05
18800 1.8764659833568242e-05
18900 1.8684394493180573e-05
19000 1.8605095858924438e-05
19100 1.852673845237314e-05
19200 1.8406565347918995e-05
19300 1.820996868189653e-05
19400 1.805641598037668e-05
19500 1.7927964249148833e-05
19600 1.7815526924444105e-05
19700 1.75337023228506e-05
19800 1.69667751162251e-05
19900 1.6518237862035136e-05
20000 1.6139076847743493e-05
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
# skipped row 102: ylo = nan is NaN
# skipped row 103: ylo = nan is NaN
# skipped row 104: ylo = nan is NaN
# skipped row 105: ylo = nan is NaN
# skipped row 106: ylo = nan is NaN
# skipped row 107: ylo = nan is NaN
# skipped row 108: ylo = nan is NaN
# skipped row 109: ylo = nan is NaN
# skipped row 110: ylo = nan is NaN
# skipped row 111: ylo = nan is NaN
# skipped row 112: ylo = nan is NaN
# skipped row 113: ylo = nan is NaN
# skipped row 114: ylo = nan is NaN
# skipped row 115: ylo = nan is NaN
# skipped row 116: ylo = nan is NaN
# skipped row 117: ylo = nan is NaN
# skipped row 118: ylo = nan is NaN
# skipped row 119: ylo = nan is NaN
# skipped row 120: ylo = nan is NaN
# skipped row 121: ylo = nan is NaN
# skipped row 122: ylo = nan is NaN
# skipped row 123: ylo = nan is NaN
# skipped row 124: ylo = nan is NaN
# skipped row 125: ylo = nan is NaN
# skipped row 126: ylo = nan is NaN
# skipped row 127: ylo = nan is NaN
# skipped row 128: ylo = nan is NaN
# skipped row 129: ylo = nan is NaN
# skipped row 130: ylo = nan is NaN
# skipped row 131: ylo = nan is NaN
# skipped row 132: ylo = nan is NaN
# skipped row 133: ylo = nan is NaN
# skipped row 134: ylo = nan is NaN
# skipped row 135: ylo = nan is NaN
# skipped row 136: ylo = nan is NaN
# skipped row 137: ylo = nan is NaN
# skipped row 138: ylo = nan is NaN
# skipped row 139: ylo = nan is NaN
# skipped row 140: ylo = nan is NaN
# skipped row 141: ylo = nan is NaN
# skipped row 142: ylo = nan is NaN
# skipped row 143: ylo = nan is NaN
# skipped row 144: ylo = nan is NaN
# skipped row 145: ylo = nan is NaN
# skipped row 146: ylo = nan is NaN
# skipped row 147: ylo = nan is NaN
# skipped row 148: ylo = nan is NaN
# skipped row 149: ylo = nan is NaN
# skipped row 150: ylo = nan is NaN
# skipped row 151: ylo = nan is NaN
# skipped row 152: ylo = nan is NaN
# skipped row 153: ylo = nan is NaN
# skipped row 154: ylo = nan is NaN
# skipped row 155: ylo = nan is NaN
# skipped row 156: ylo = nan is NaN
# skipped row 157: ylo = nan is NaN
# skipped row 158: ylo = nan is NaN
# skipped row 159: ylo = nan is NaN
# skipped row 160: ylo = nan is NaN
# skipped row 161: ylo = nan is NaN
# skipped row 162: ylo = nan is NaN
# skipped row 163: ylo = nan is NaN
# skipped row 164: ylo = nan is NaN
# skipped row 165: ylo = nan is NaN
# skipped row 166: ylo = nan is NaN
# skipped row 167: ylo = nan is NaN
# skipped row 168: ylo = nan is NaN
# skipped row 169: ylo = nan is NaN
# skipped row 170: ylo = nan is NaN
# skipped row 171: ylo = nan is NaN
# skipped row 172: ylo = nan is NaN
# skipped row 173: ylo = nan is NaN
# skipped row 174: ylo = nan is NaN
# skipped row 175: ylo = nan is NaN
# skipped row 176: ylo = nan is NaN
# skipped row 177: ylo = nan is NaN
# skipped row 178: ylo = nan is NaN
# skipped row 179: ylo = nan is NaN
# skipped row 180: ylo = nan is NaN
# skipped row 181: ylo = nan is NaN
# skipped row 182: ylo = nan is NaN
# skipped row 183: ylo = nan is NaN
# skipped row 184: ylo = nan is NaN
# skipped row 185: ylo = nan is NaN
# skipped row 186: ylo = nan is NaN
# skipped row 187: ylo = nan is NaN
# skipped row 188: ylo = nan is NaN
# skipped row 189: ylo = nan is NaN
# skipped row 190: ylo = nan is NaN
# skipped row 191: ylo = nan is NaN
# skipped row 192: ylo = nan is NaN
# skipped row 193: ylo = nan is NaN
# skipped row 194: ylo = nan is NaN
# skipped row 195: ylo = nan is NaN
# skipped row 196: ylo = nan is NaN
# skipped row 197: ylo = nan is NaN
# skipped row 198: ylo = nan is NaN
# skipped row 199: ylo = nan is NaN
# skipped row 200: ylo = nan is NaN
# skipped row 201: ylo = nan is NaN
EOD
# series 6: rho_policy(mode=once,steps=100,interval=10)/regression: policy, cold (105 points)
$p1_s6 << EOD
# x y
0 0.6960997681613409
100 0.005171053570243712
200 0.0007279897381253576
300 0.00023431459991526163
400 0.00010769045585596721
500 5.452063031562186e-05
600 3.738237422379001e-05
700 2.832671695348127e-05
800 2.4856135973203617e-05
900 1.9668975202306385e-05
1000 1.7789806449799628e-05
1100 1.2611733758463418e-05
1200 1.176722944273847e-05
1300 9.234892742521321e-06
1400 6.745480032776091e-06
1500 5.734855686637972e-06
1600 5.043936921207267e-06
1700 4.578717081820054e-06
1800 4.1366817872312246e-06
1900 3.7951136753792874e-06
2000 3.529435307266102e-06
2100 3.2672899219637746e-06
2200 2.981853616681371e-06
2300 2.7363999696740057e-06
2400 2.5196886750888964e-06
2500 2.3259965587123054e-06
2600 2.1520131173573064e-06
2700 1.9921878858370216e-06
2800 1.8532904095217237e-06
2900 1.7248967354826147e-06
3000 1.8458343455405933e-06
3100 1.3116248454517647e-06
3200 1.1986776241317714e-06
3300 1.1077576419043629e-06
3400 1.027095388428449e-06
3500 9.531838340833633e-07
3600 8.483880296370235e-07
3700 7.544205093092742e-07
3800 6.710816619615469e-07
3900 6.029294076874765e-07
4000 5.490300118207509e-07
4100 5.009418061310169e-07
4200 4.580095307155624e-07
4300 4.1965294420943706e-07
4400 3.853604475145506e-07
4500 3.5468032999909455e-07
4600 3.2721325478667695e-07
4700 3.026058363730555e-07
4800 2.805450748178986e-07
4900 2.607535225383949e-07
5000 2.4298507422630376e-07
5100 2.2702128947067617e-07
5200 2.1266817246838097e-07
5300 1.9975334666446782e-07
5400 1.8812357121894958e-07
5500 1.7764255435581342e-07
5600 1.681890263021497e-07
5700 1.5965503790223436e-07
5800 1.5194445803837056e-07
5900 1.4497164506451325e-07
6000 1.386602716022416e-07
6100 1.3294228336439468e-07
6200 1.2775697744315008e-07
6300 1.2305018573635008e-07
6400 1.1877354983780857e-07
6500 1.1488387926562539e-07
6600 1.1134258090454082e-07
6700 1.0811515357272714e-07
6800 1.0517073839181927e-07
6900 1.0248172048024821e-07
7000 1.0002337436116946e-07
7100 9.777354932063136e-08
7200 9.571238992086067e-08
7300 9.382208704717877e-08
7400 9.208665738121395e-08
7500 9.049174645375863e-08
7600 8.902445432683978e-08
7700 8.767317949584545e-08
7800 8.642748120798887e-08
7900 8.527795549092268e-08
8000 8.421612636573612e-08
8100 8.323434759334926e-08
8200 8.23257158464501e-08
8300 8.148399321458232e-08
8400 8.070353824737989e-08
8500 7.997924408772732e-08
8600 7.930648356436653e-08
8700 7.868106051803676e-08
8800 8.568031028103493e-08
8900 6.358478021117529e-08
9000 5.389222384618187e-08
9100 4.58172767597494e-08
9200 3.904089821785126e-08
9300 3.3334060309035926e-08
9400 2.8525464483814163e-08
9500 2.446964102499904e-08
9600 2.1045040847019855e-08
9700 1.8149955892763954e-08
9800 1.5699273776007975e-08
9900 1.3621756556869871e-08
10000 1.1857767373257907e-08
10100 1.0357370104896005e-08
10200 9.078741440877514e-09
10300 7.986842924520381e-09
10374 7.28159989905097e-09
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
# skipped row 102: ylo = nan is NaN
# skipped row 103: ylo = nan is NaN
# skipped row 104: ylo = nan is NaN
# skipped row 105: ylo = nan is NaN
EOD
# series 7: rho_policy(steps=100,interval=10)/regression: policy, cold (201 points)
$p1_s7 << EOD
# x y
0 0.6960997681613409
100 0.00024551946611861623
200 6.95787537673189e-05
300 8.045596745279711e-05
400 7.02520671539839e-05
500 7.052649565168866e-05
600 6.805798307525419e-05
700 6.89379279388242e-05
800 7.085672399302264e-05
900 7.314514610837154e-05
1000 7.31258046048446e-05
1100 6.696437413866336e-05
1200 6.64150667754541e-05
1300 7.078837168289121e-05
1400 7.421164801453499e-05
1500 7.41421390234293e-05
1600 7.309682532314965e-05
1700 6.898846952023175e-05
1800 6.215466832936508e-05
1900 6.607666463870077e-05
2000 7.212968054423762e-05
2100 6.725616504507453e-05
2200 7.435356998453308e-05
2300 7.858409272614046e-05
2400 6.926543872957999e-05
2500 7.113922135816639e-05
2600 7.000109121116439e-05
2700 6.074684628871184e-05
2800 6.225714171585895e-05
2900 6.481286166708658e-05
3000 6.800164095175738e-05
3100 7.515087201443092e-05
3200 6.621383619237333e-05
3300 6.531102661294348e-05
3400 6.81722184927135e-05
3500 7.045755417468788e-05
3600 7.411383162830615e-05
3700 7.174185388578795e-05
3800 7.533031084717902e-05
3900 7.03139477364699e-05
4000 7.462657152426348e-05
4100 7.085874752396432e-05
4200 6.010658318682643e-05
4300 6.65536691764581e-05
4400 7.992043540834333e-05
4500 7.087763897865401e-05
4600 7.509654446106536e-05
4700 7.23600470392327e-05
4800 7.12999115556008e-05
4900 7.988361680246869e-05
5000 6.859199284879474e-05
5100 7.303789749485429e-05
5200 9.013583019410663e-05
5300 7.397305494731987e-05
5400 7.082385310989244e-05
5500 7.147561514390496e-05
5600 7.24524652998782e-05
5700 6.941868482067003e-05
5800 6.714348098862121e-05
5900 7.316185554929164e-05
6000 7.049564280421788e-05
6100 6.306641048611619e-05
6200 7.242837306715886e-05
6300 6.753504339622441e-05
6400 7.932784257571338e-05
6500 6.562467542453555e-05
6600 7.104665378881227e-05
6700 6.936448020516077e-05
6800 6.59745738987707e-05
6900 7.750689107981547e-05
7000 6.822140348303746e-05
7100 6.363039886970593e-05
7200 7.1764052716588e-05
7300 6.570921063281148e-05
7400 6.0641999972711295e-05
7500 7.215252778466399e-05
7600 6.258542295098763e-05
7700 6.789276589053668e-05
7800 7.00155216396351e-05
7900 7.147382006342911e-05
8000 7.093432944783716e-05
8100 7.121908142432378e-05
8200 6.856796155585773e-05
8300 7.238902144288633e-05
8400 6.628728015204295e-05
8500 6.970563007322673e-05
8600 6.87190885502392e-05
8700 6.391830371164464e-05
8800 7.088606219262372e-05
8900 6.89225775245843e-05
9000 6.767546909611005e-05
9100 7.079670686512898e-05
9200 6.563577702137234e-05
9300 6.962494752400923e-05
9400 6.344963626236133e-05
9500 6.83253821021797e-05
9600 6.527024813529549e-05
9700 5.7315172608319405e-05
9800 6.462337442555753e-05
9900 6.939374018111501e-05
10000 7.77905067486083e-05
10100 6.102090616893583e-05
10200 7.566038376993525e-05
10300 7.337584791847939e-05
10400 6.852945093695932e-05
10500 7.173548378620816e-05
10600 6.992868273781268e-05
10700 7.757977367591477e-05
10800 7.084879427810783e-05
10900 7.16362865007967e-05
11000 7.062098139699367e-05
11100 6.820763643757623e-05
11200 7.303649063778817e-05
11300 6.985168822946358e-05
11400 6.952134915556187e-05
11500 7.660056316198549e-05
11600 6.436690703969541e-05
11700 7.013766798219814e-05
11800 7.224231495155681e-05
11900 6.556163023139003e-05
12000 6.447677634636947e-05
12100 7.534790682782932e-05
12200 7.505566323095898e-05
12300 7.462209447781148e-05
12400 7.160247904607092e-05
12500 6.896577927218118e-05
12600 6.692652001968057e-05
12700 6.880095843326878e-05
12800 7.14838417329453e-05
12900 6.594751138330466e-05
13000 6.574099019287121e-05
13100 6.793949741577406e-05
13200 6.302276188877931e-05
13300 6.532046505453066e-05
13400 6.844668108982947e-05
13500 6.850706250313537e-05
13600 7.528790901087029e-05
13700 6.876873696522764e-05
13800 6.611752963453109e-05
13900 7.370346939349106e-05
14000 7.204896920140664e-05
14100 6.830009941370827e-05
14200 7.814607323134825e-05
14300 6.373428924734835e-05
14400 7.418106739861346e-05
14500 6.658932896371228e-05
14600 6.558575582653725e-05
14700 6.674686737594e-05
14800 6.960846601088928e-05
14900 7.087592183953274e-05
15000 7.263169043830736e-05
15100 7.215653082379187e-05
15200 6.825961668067857e-05
15300 6.991956085499825e-05
15400 7.301298810686876e-05
15500 6.934963538445847e-05
15600 6.578888799342852e-05
15700 6.296760172545482e-05
15800 6.68904176061517e-05
15900 6.660149908463611e-05
16000 6.480674229610263e-05
16100 6.634300004235533e-05
16200 6.278465019713012e-05
16300 6.88680716866353e-05
16400 6.792376288946335e-05
16500 6.576258574333083e-05
16600 6.473536820537894e-05
16700 7.51786920046125e-05
16800 7.210804773433196e-05
16900 6.629480841365617e-05
17000 6.834801109645643e-05
17100 6.701729374366e-05
17200 7.139360243309465e-05
17300 6.85377739104647e-05
17400 6.682211688160847e-05
17500 7.537105011216349e-05
17600 7.183699518014128e-05
17700 6.684106140940318e-05
17800 6.305879895095881e-05
17900 7.600783787263417e-05
18000 6.84288511823539e-05
18100 7.220818451639947e-05
18200 6.562772803991296e-05
18300 6.667155658101068e-05
18400 6.655160666640129e-05
18500 6.171013031061467e-05
18600 6.877677677293304e-05
18700 6.708404106523582e-05
18800 7.474471391851692e-05
18900 7.26205742730704e-05
19000 7.034438082863507e-05
19100 6.74077320242969e-05
19200 6.923834429190364e-05
19300 7.409604638050565e-05
19400 7.077438212492758e-05
19500 7.246519731970577e-05
19600 7.334262366231707e-05
19700 6.73837253689482e-05
19800 7.434642551777834e-05
19900 5.7941637823097574e-05
20000 7.248002071198918e-05
EOD
$p1_s7_band << EOD
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
# skipped row 102: ylo = nan is NaN
# skipped row 103: ylo = nan is NaN
# skipped row 104: ylo = nan is NaN
# skipped row 105: ylo = nan is NaN
# skipped row 106: ylo = nan is NaN
# skipped row 107: ylo = nan is NaN
# skipped row 108: ylo = nan is NaN
# skipped row 109: ylo = nan is NaN
# skipped row 110: ylo = nan is NaN
# skipped row 111: ylo = nan is NaN
# skipped row 112: ylo = nan is NaN
# skipped row 113: ylo = nan is NaN
# skipped row 114: ylo = nan is NaN
# skipped row 115: ylo = nan is NaN
# skipped row 116: ylo = nan is NaN
# skipped row 117: ylo = nan is NaN
# skipped row 118: ylo = nan is NaN
# skipped row 119: ylo = nan is NaN
# skipped row 120: ylo = nan is NaN
# skipped row 121: ylo = nan is NaN
# skipped row 122: ylo = nan is NaN
# skipped row 123: ylo = nan is NaN
# skipped row 124: ylo = nan is NaN
# skipped row 125: ylo = nan is NaN
# skipped row 126: ylo = nan is NaN
# skipped row 127: ylo = nan is NaN
# skipped row 128: ylo = nan is NaN
# skipped row 129: ylo = nan is NaN
# skipped row 130: ylo = nan is NaN
# skipped row 131: ylo = nan is NaN
# skipped row 132: ylo = nan is NaN
# skipped row 133: ylo = nan is NaN
# skipped row 134: ylo = nan is NaN
# skipped row 135: ylo = nan is NaN
# skipped row 136: ylo = nan is NaN
# skipped row 137: ylo = nan is NaN
# skipped row 138: ylo = nan is NaN
# skipped row 139: ylo = nan is NaN
# skipped row 140: ylo = nan is NaN
# skipped row 141: ylo = nan is NaN
# skipped row 142: ylo = nan is NaN
# skipped row 143: ylo = nan is NaN
# skipped row 144: ylo = nan is NaN
# skipped row 145: ylo = nan is NaN
# skipped row 146: ylo = nan is NaN
# skipped row 147: ylo = nan is NaN
# skipped row 148: ylo = nan is NaN
# skipped row 149: ylo = nan is NaN
# skipped row 150: ylo = nan is NaN
# skipped row 151: ylo = nan is NaN
# skipped row 152: ylo = nan is NaN
# skipped row 153: ylo = nan is NaN
# skipped row 154: ylo = nan is NaN
# skipped row 155: ylo = nan is NaN
# skipped row 156: ylo = nan is NaN
# skipped row 157: ylo = nan is NaN
# skipped row 158: ylo = nan is NaN
# skipped row 159: ylo = nan is NaN
# skipped row 160: ylo = nan is NaN
# skipped row 161: ylo = nan is NaN
# skipped row 162: ylo = nan is NaN
# skipped row 163: ylo = nan is NaN
# skipped row 164: ylo = nan is NaN
# skipped row 165: ylo = nan is NaN
# skipped row 166: ylo = nan is NaN
# skipped row 167: ylo = nan is NaN
# skipped row 168: ylo = nan is NaN
# skipped row 169: ylo = nan is NaN
# skipped row 170: ylo = nan is NaN
# skipped row 171: ylo = nan is NaN
# skipped row 172: ylo = nan is NaN
# skipped row 173: ylo = nan is NaN
# skipped row 174: ylo = nan is NaN
# skipped row 175: ylo = nan is NaN
# skipped row 176: ylo = nan is NaN
# skipped row 177: ylo = nan is NaN
# skipped row 178: ylo = nan is NaN
# skipped row 179: ylo = nan is NaN
# skipped row 180: ylo = nan is NaN
# skipped row 181: ylo = nan is NaN
# skipped row 182: ylo = nan is NaN
# skipped row 183: ylo = nan is NaN
# skipped row 184: ylo = nan is NaN
# skipped row 185: ylo = nan is NaN
# skipped row 186: ylo = nan is NaN
# skipped row 187: ylo = nan is NaN
# skipped row 188: ylo = nan is NaN
# skipped row 189: ylo = nan is NaN
# skipped row 190: ylo = nan is NaN
# skipped row 191: ylo = nan is NaN
# skipped row 192: ylo = nan is NaN
# skipped row 193: ylo = nan is NaN
# skipped row 194: ylo = nan is NaN
# skipped row 195: ylo = nan is NaN
# skipped row 196: ylo = nan is NaN
# skipped row 197: ylo = nan is NaN
# skipped row 198: ylo = nan is NaN
# skipped row 199: ylo = nan is NaN
# skipped row 200: ylo = nan is NaN
# skipped row 201: ylo = nan is NaN
EOD
# series 8: rho_policy(steps=100,interval=10)/regression/eval.model.beyond=hold: policy, cold (81 points)
$p1_s8 << EOD
# x y
0 0.6960997681613409
100 0.00024551946611861623
200 4.6960843909573324e-05
300 1.9426720465072777e-05
400 9.035411486956207e-06
500 4.683382438177984e-06
600 2.8278344934400174e-06
700 1.873455140505554e-06
800 1.4075203582988097e-06
900 1.15042210549877e-06
1000 9.844381151198335e-07
1100 8.600718299683405e-07
1200 7.660004941394786e-07
1300 6.86927326293334e-07
1400 6.202577134932537e-07
1500 5.6233514539452e-07
1600 5.133944309134248e-07
1700 4.694784272761126e-07
1800 4.3092369063975863e-07
1900 3.970369422456737e-07
2000 3.6633149587367435e-07
2100 3.388713249714031e-07
2200 3.1417309587467165e-07
2300 2.9181833137621996e-07
2400 2.71525606726542e-07
2500 2.530552954149641e-07
2600 2.3620327631387204e-07
2700 2.2078900606068377e-07
2800 2.0663632101244026e-07
2900 1.9364396136909988e-07
3000 1.816788289176425e-07
3100 1.7063414432651882e-07
3200 1.6043378010325365e-07
3300 1.509905216384887e-07
3400 1.422355992349334e-07
3500 1.3410966148867955e-07
3600 1.2655509072995867e-07
3700 1.1952396013966397e-07
3800 1.1297203257865577e-07
3900 1.0685930564909634e-07
4000 1.011504973753096e-07
4100 9.581327643930539e-08
4200 9.081848699117687e-08
4300 8.613976586531542e-08
4400 8.175474789309964e-08
4500 7.764028221322944e-08
4600 7.37759842126669e-08
4700 7.014374252749715e-08
4800 6.672700949228127e-08
4900 6.351056376382555e-08
5000 6.048052117713046e-08
5100 5.7624084912733614e-08
5200 5.492950264277763e-08
5300 5.2386017292004595e-08
5400 4.998361963462531e-08
5500 4.771311120477174e-08
5600 4.5565931212610266e-08
5700 4.35342131446459e-08
5800 4.1610907454483186e-08
5900 3.9789070367312485e-08
6000 3.806235473065848e-08
6100 3.642496094975321e-08
6200 3.487150117584087e-08
6300 3.339694895392102e-08
6400 3.199664006312827e-08
6500 3.0666216473611816e-08
6600 2.9401618640264222e-08
6700 2.819912183788848e-08
6800 2.7055153292265048e-08
6900 2.5966364932341536e-08
7000 2.492966333119857e-08
7100 2.394215566174467e-08
7200 2.3001134597917065e-08
7300 2.2104063413158492e-08
7400 2.1248557340966024e-08
7500 2.0432381773521383e-08
7600 1.9653451546272282e-08
7700 1.8909785297752307e-08
7800 1.8199537266926997e-08
7900 1.752097339229547e-08
7935 1.729065381368904e-08
EOD
$p1_s8_band << EOD
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
EOD

# ---- panel 2 data
# series 1: cold (201 points)
$p2_s1 << EOD
# x y
0 0.6960997681613409
0.0009104929140590912 0.02065081780715314
0.001807278257805578 0.011252456788550592
0.0027025987382778283 0.007598744895311203
0.0036021828710977033 0.0055846830890145995
0.004502744273439774 0.004399423311974564
0.005395602144529832 0.0035830617014133313
0.006293507058592773 0.002917233000372124
0.007183166957037912 0.002398034252679795
0.008071315902347997 0.0020310492900834933
0.008957347988285846 0.0017346386275528174
0.009864872847662909 0.0015117525604241549
0.010763676089853291 0.0012975913421047812
0.011668625937502064 0.0011235254371554503
0.012575791824219529 0.0009857572751825715
0.013491592624998106 0.0008717338963767557
0.014412087945309793 0.0007759706784750985
0.015324646515615825 0.0007016298696649328
0.016234357699214108 0.0006352026882812073
0.01714168180077369 0.0005725756702081086
0.01804569209373863 0.000523208879236031
0.01895713446874492 0.0004782682905116808
0.019868215812491208 0.00044630560425865535
0.020784295453116997 0.00041281357697311983
0.021702313632804504 0.00038331751269636577
0.022614774132807547 0.00035527231636487956
0.02352877882420934 0.0003317362385758393
0.02444223750389707 0.0003121618788874257
0.02535214900780236 0.00029542019935669864
0.026250802007798058 0.00027953174831137355
0.027152632394517262 0.0002663911023957323
0.028055053746073533 0.0002552217752490459
0.02896343821091829 0.0002440191889944693
0.0298713869999796 0.00023418697303838147
0.03076813098435327 0.00022607187519329733
0.031664052964814005 0.00021591356728065304
0.03256269194918815 0.0002081923286501933
0.033465195589807095 0.0002013205870047534
0.03435225650777163 0.00019389953779853957
0.035251032828076845 0.00018414301106044087
0.036143621816360216 0.0001754080352499007
0.03704850851166963 0.00016903001907532175
0.03795410501948204 0.0001632932659265643
0.038859890320269486 0.00015820504274226713
0.03976514459370151 0.0001503351111732808
0.04066975535151851 0.00014400311439737373
0.041572795945267416 0.0001383608480373843
0.042471942628856674 0.0001298809645214195
0.043377829472603935 0.00012536931974326614
0.04428475314838032 0.00012171590665572262
0.04518950508588215 0.00011817049838773408
0.04608848146478817 0.00011510235576451092
0.046992995874944654 0.00011238595780193828
0.04789205608197733 0.00010989312950672743
0.04878985666009683 0.00010748369688911022
0.04969901352338191 0.00010515407433250032
0.0506211918554067 0.00010293100840236151
0.05153722637102831 0.00010091124693652616
0.05244265254290337 9.908714657265573e-05
0.05335166508588074 9.69685762036357e-05
0.054256590433542584 9.464329327400143e-05
0.05516659236322852 9.28078045758381e-05
0.05607155773432915 9.103079840373088e-05
0.05697053885933112 8.93640853616451e-05
0.05786680091401486 8.796357010193097e-05
0.05876700999213913 8.650218939505532e-05
0.05967946385932699 8.507051173508082e-05
0.060592862199174036 8.245978908790333e-05
0.061498292632770735 8.085772479220617e-05
0.062401533206990045 7.92832295096184e-05
0.06330533133199534 7.776348678589215e-05
0.06419581232028015 7.573386597811197e-05
0.06510357342965634 7.398207639620216e-05
0.06601190845699989 7.237475868226279e-05
0.06691594252340227 7.072963139456804e-05
0.0678082793280943 6.887151870847751e-05
0.06871639491012171 6.718509980263233e-05
0.06962048023043899 6.54916865325589e-05
0.07052934203903227 6.38400426207315e-05
0.0714441405546582 6.235910879401429e-05
0.07235880301168685 6.1006634324716104e-05
0.07326256115622254 5.979407984583689e-05
0.0741664345585642 5.8693533450374574e-05
0.07507303452341318 5.7687552043570706e-05
0.07597318382419171 5.663382088960031e-05
0.07687796937497371 5.51640694301777e-05
0.077784215738256 5.414125512705946e-05
0.07868679610544138 5.322106320845035e-05
0.07959846949215965 5.2375948111445364e-05
0.08051234429294585 5.1101265528079536e-05
0.0814226643671585 5.009179844553797e-05
0.08232360661325089 4.9266423424884204e-05
0.08322812058200135 4.815974508445056e-05
0.0841277612695066 4.716439789494046e-05
0.08502769784372521 4.631463258824414e-05
0.08592632483590634 4.5568401736184664e-05
0.08682455908981801 4.4852987308951734e-05
0.087717241226545 4.419629253293656e-05
0.08860960098045556 4.359995118374902e-05
0.08950749694530113 4.3070883689563506e-05
0.09040859766014098 4.2587088246062466e-05
0.09131685397654898 4.2145736816471033e-05
0.0922236235937337 4.1668549486574976e-05
0.09311893124607984 4.1200711657208795e-05
0.09402814327733466 4.0753744561375697e-05
0.09492484798046075 4.032388420277459e-05
0.09581532297264594 3.990614870859607e-05
0.0967097188359265 3.950250357868155e-05
0.09760514549608068 3.911350288011326e-05
0.09849847250779664 3.793941054907722e-05
0.09939484601952397 3.675107640820983e-05
0.1002914180195269 3.598127501817253e-05
0.10119602549217799 3.527854506043806e-05
0.10209583985936366 3.4703443949731235e-05
0.10299758066404952 3.4085440004538186e-05
0.1039078476718549 3.351107797922655e-05
0.10483228528903954 3.298869192662824e-05
0.10573518407809956 3.25529266189558e-05
0.10664735880075504 3.215911340318817e-05
0.10754455748825809 3.179182020733071e-05
0.1084089471093499 3.144526644209755e-05
0.10925117530075212 3.111615106550888e-05
0.11014704058591018 3.0802312654966046e-05
0.11104365444137976 3.0502104391602564e-05
0.11193850679294393 3.0214495897526922e-05
0.1128260009804487 2.993865997650046e-05
0.11371574250388594 2.9673583281236514e-05
0.11461866396872455 2.9418438962650647e-05
0.11550747920701188 2.9172511883953405e-05
0.11640269896873434 2.893511977574383e-05
0.11729753339451143 2.8705673938469136e-05
0.11819995333201483 2.8483643672308875e-05
0.11909711021092217 2.8266403183397825e-05
0.12000554923826812 2.8055312661908372e-05
0.12091505955076709 2.7850373496899942e-05
0.1218121458593604 2.7651679567126838e-05
0.12270776668357808 2.745998619980836e-05
0.1236042128085737 2.7273817936156137e-05
0.12449113671872958 2.7059950637918146e-05
0.12539435260545062 2.684706198909699e-05
0.12628650964061094 2.664803604335195e-05
0.1271906786562349 2.645689392746339e-05
0.12808415937888906 2.6272146889769447e-05
0.12897662289841794 2.6093206996802442e-05
0.12986787675388456 2.5508305085060775e-05
0.1307611146718548 2.5076093450050316e-05
0.13166551192576126 2.4720242963590897e-05
0.1325679043515473 2.4404670869474636e-05
0.1334713211171703 2.4118377968938725e-05
0.13437985533201413 2.370248964443899e-05
0.13528147101950605 2.3369659627196664e-05
0.13618087242966492 2.310558956625998e-05
0.13707980363669314 2.286611672517982e-05
0.13798119024606414 2.265077059031536e-05
0.13888677175777708 2.2475020072524545e-05
0.13979619398824372 2.2307240058815625e-05
0.1406996146679358 2.214699242700896e-05
0.1415967242069902 2.19937596192372e-05
0.1424968037265204 2.1846944955812296e-05
0.1433962107733988 2.168410900565153e-05
0.14429948191012 2.1553384946299695e-05
0.1452089757890187 2.1421946586805962e-05
0.14611271816401672 2.129133395940575e-05
0.147013961667934 2.1172659110905293e-05
0.1479120770819966 2.105761455024333e-05
0.1488147729882483 2.0943965436263105e-05
0.14970807292965027 2.083184521631103e-05
0.1506099970858994 2.0721512033647524e-05
0.15150117058590507 2.061312390469312e-05
0.15239377152731137 2.0506742510610576e-05
0.15329245485933907 2.0402363136744787e-05
0.15419538163277924 2.0299940840431818e-05
0.15510159807028323 2.0199408815003417e-05
0.1560021965898155 2.010069017006059e-05
0.15690567200388195 2.0003705075598775e-05
0.15781407162888428 1.9908374878280917e-05
0.15871733972654134 1.9814624319797422e-05
0.15961116967184985 1.972238260042817e-05
0.16052392285544492 1.9627387879782313e-05
0.16141886829294982 1.953567903951663e-05
0.16231447432420332 1.9445269280613515e-05
0.16321284193748387 1.9356103565810424e-05
0.16411073932420628 1.9268226878425852e-05
0.1649692364101467 1.918155112162407e-05
0.16587467866796146 1.9096021246739514e-05
0.16677127762108235 1.9011605082232194e-05
0.1676677619570217 1.8928270857875356e-05
0.1685605330781179 1.8845987817999612e-05
0.16944983608201714 1.8764726476341173e-05
0.17034262324217586 1.8684458699591164e-05
0.17123339126951898 1.860515770513722e-05
0.17213073024999126 1.852679801611775e-05
0.173025208605452 1.840776234598349e-05
0.17392020830467203 1.8210684582204506e-05
0.17481758691404892 1.8056897427682275e-05
0.1757046237851405 1.7928305137571055e-05
0.17660156436326702 1.7815777681713055e-05
0.1774924004726426 1.7531004812158906e-05
0.17839570460154697 1.6965073471421134e-05
0.1792992060741989 1.6516868397515337e-05
0.1801979379335723 1.6137932912264765e-05
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
# skipped row 102: ylo = nan is NaN
# skipped row 103: ylo = nan is NaN
# skipped row 104: ylo = nan is NaN
# skipped row 105: ylo = nan is NaN
# skipped row 106: ylo = nan is NaN
# skipped row 107: ylo = nan is NaN
# skipped row 108: ylo = nan is NaN
# skipped row 109: ylo = nan is NaN
# skipped row 110: ylo = nan is NaN
# skipped row 111: ylo = nan is NaN
# skipped row 112: ylo = nan is NaN
# skipped row 113: ylo = nan is NaN
# skipped row 114: ylo = nan is NaN
# skipped row 115: ylo = nan is NaN
# skipped row 116: ylo = nan is NaN
# skipped row 117: ylo = nan is NaN
# skipped row 118: ylo = nan is NaN
# skipped row 119: ylo = nan is NaN
# skipped row 120: ylo = nan is NaN
# skipped row 121: ylo = nan is NaN
# skipped row 122: ylo = nan is NaN
# skipped row 123: ylo = nan is NaN
# skipped row 124: ylo = nan is NaN
# skipped row 125: ylo = nan is NaN
# skipped row 126: ylo = nan is NaN
# skipped row 127: ylo = nan is NaN
# skipped row 128: ylo = nan is NaN
# skipped row 129: ylo = nan is NaN
# skipped row 130: ylo = nan is NaN
# skipped row 131: ylo = nan is NaN
# skipped row 132: ylo = nan is NaN
# skipped row 133: ylo = nan is NaN
# skipped row 134: ylo = nan is NaN
# skipped row 135: ylo = nan is NaN
# skipped row 136: ylo = nan is NaN
# skipped row 137: ylo = nan is NaN
# skipped row 138: ylo = nan is NaN
# skipped row 139: ylo = nan is NaN
# skipped row 140: ylo = nan is NaN
# skipped row 141: ylo = nan is NaN
# skipped row 142: ylo = nan is NaN
# skipped row 143: ylo = nan is NaN
# skipped row 144: ylo = nan is NaN
# skipped row 145: ylo = nan is NaN
# skipped row 146: ylo = nan is NaN
# skipped row 147: ylo = nan is NaN
# skipped row 148: ylo = nan is NaN
# skipped row 149: ylo = nan is NaN
# skipped row 150: ylo = nan is NaN
# skipped row 151: ylo = nan is NaN
# skipped row 152: ylo = nan is NaN
# skipped row 153: ylo = nan is NaN
# skipped row 154: ylo = nan is NaN
# skipped row 155: ylo = nan is NaN
# skipped row 156: ylo = nan is NaN
# skipped row 157: ylo = nan is NaN
# skipped row 158: ylo = nan is NaN
# skipped row 159: ylo = nan is NaN
# skipped row 160: ylo = nan is NaN
# skipped row 161: ylo = nan is NaN
# skipped row 162: ylo = nan is NaN
# skipped row 163: ylo = nan is NaN
# skipped row 164: ylo = nan is NaN
# skipped row 165: ylo = nan is NaN
# skipped row 166: ylo = nan is NaN
# skipped row 167: ylo = nan is NaN
# skipped row 168: ylo = nan is NaN
# skipped row 169: ylo = nan is NaN
# skipped row 170: ylo = nan is NaN
# skipped row 171: ylo = nan is NaN
# skipped row 172: ylo = nan is NaN
# skipped row 173: ylo = nan is NaN
# skipped row 174: ylo = nan is NaN
# skipped row 175: ylo = nan is NaN
# skipped row 176: ylo = nan is NaN
# skipped row 177: ylo = nan is NaN
# skipped row 178: ylo = nan is NaN
# skipped row 179: ylo = nan is NaN
# skipped row 180: ylo = nan is NaN
# skipped row 181: ylo = nan is NaN
# skipped row 182: ylo = nan is NaN
# skipped row 183: ylo = nan is NaN
# skipped row 184: ylo = nan is NaN
# skipped row 185: ylo = nan is NaN
# skipped row 186: ylo = nan is NaN
# skipped row 187: ylo = nan is NaN
# skipped row 188: ylo = nan is NaN
# skipped row 189: ylo = nan is NaN
# skipped row 190: ylo = nan is NaN
# skipped row 191: ylo = nan is NaN
# skipped row 192: ylo = nan is NaN
# skipped row 193: ylo = nan is NaN
# skipped row 194: ylo = nan is NaN
# skipped row 195: ylo = nan is NaN
# skipped row 196: ylo = nan is NaN
# skipped row 197: ylo = nan is NaN
# skipped row 198: ylo = nan is NaN
# skipped row 199: ylo = nan is NaN
# skipped row 200: ylo = nan is NaN
# skipped row 201: ylo = nan is NaN
EOD
# series 2: solver_steps(steps=100)/regression: warm (201 points)
$p2_s2 << EOD
# x y
0 0.6422311661033692
0.0009129975546855462 0.02064855019584932
0.001812893265621618 0.011241691987399837
0.0027101336718695634 0.007594089336611779
0.003609642152336612 0.005581399619723296
0.004513455132808097 0.004397223347343373
0.005421077707029376 0.0035815480378493325
0.006332368992183035 0.0029151808938051855
0.00722602348046486 0.0023970202720251534
0.008124635945311098 0.002029990955268494
0.00901421496093402 0.0017341161528351982
0.009909337203120039 0.0015113597988690344
0.010794098203120939 0.0012972461234734148
0.01168943438671377 0.0011231494827712498
0.012580133691405315 0.0009854511747104625
0.013473463726559665 0.0008714913565568807
0.01436727508202651 0.0007757528333962942
0.0152625697968638 0.0007014413757143362
0.016162411972649338 0.0006349325703812779
0.017055376996090388 0.0005725228318055909
0.017954305578122387 0.0005231867772607109
0.018852146550777604 0.00047820605395490766
0.019751369433588017 0.0004462234220130308
0.020648084667961975 0.0004128558589551052
0.021539085874994868 0.0003832747303049197
0.022428665683587035 0.00035514053180012324
0.023320474121088175 0.00033169503272307866
0.024213443359369258 0.0003120767431911814
0.02511350939452406 0.0002953447148878646
0.026006017464833775 0.0002794633025266785
0.026903300257805185 0.00026634132090922467
0.0278004866835877 0.0002551764848536387
0.02869017295702836 0.00024397748899341465
0.029580829089842275 0.00023428179832070693
0.030471737250000075 0.00022604049918762122
0.03136363060937697 0.00021584490128394063
0.0322562525429726 0.00020816106444457666
0.03314971941015621 0.00020128861650227375
0.03404046502343849 0.0001938611448418759
0.034932459191407084 0.00018411481205467476
0.03582690732812566 0.00017537783773944766
0.036724502996091424 0.00016900295660585076
0.03762018171875159 0.0001632715251898868
0.03852039793359552 0.00015818488092447948
0.039422203843751724 0.0001503085702236548
0.040318276128901154 0.00014397996776581323
0.041214063187487326 0.00013832803662860136
0.04210246151951402 0.000129873160285754
0.04299532523435712 0.00012535349112355277
0.04388353819529911 0.0001217097681357347
0.0447801705663986 0.00011816812688792223
0.04566876130076469 0.00011510310918448356
0.046564480855447954 0.00011238376500416423
0.04746398935154339 0.00010989277030919035
0.04833330961325899 0.00010748177706091934
0.04922762064059949 0.00010515090766649478
0.050137263277324706 0.00010292749037521843
0.051039715390603924 0.00010090759822692584
0.05194078981639105 9.908504843791154e-05
0.05283310383591644 9.69642669204621e-05
0.05372274260154786 9.463255920722264e-05
0.05461806457029983 9.28069117078973e-05
0.05551609878905328 9.102652763497773e-05
0.05641246328904881 8.936355933871847e-05
0.05730824051170558 8.79637558943798e-05
0.058202782519519936 8.650183413737976e-05
0.059104323144524074 8.507068056319556e-05
0.059999740238272814 8.245600444233003e-05
0.06091271724999281 8.085636683117308e-05
0.061805525292959906 7.927965821630333e-05
0.06269429814061311 7.775997384992447e-05
0.06360353371874172 7.572822976833964e-05
0.06451956757811228 7.397775843775714e-05
0.06544786795311541 7.237118356652383e-05
0.06633903751561387 7.072555083297309e-05
0.06722395364452094 6.886717091510323e-05
0.06811680445311641 6.718134577113378e-05
0.06900857999218069 6.547388275084775e-05
0.06990059409765781 6.382700668984583e-05
0.07079672928515723 6.234673907072841e-05
0.07169977427344243 6.099690435359951e-05
0.07260105339453204 5.978634451947673e-05
0.07354826657812907 5.868714904012256e-05
0.07451480405078659 5.768365490378068e-05
0.07554903048438355 5.663465740398238e-05
0.07663868703516741 5.5163642855120983e-05
0.07754573757813521 5.413960395161136e-05
0.07862458696485497 5.3219410200694836e-05
0.0796840875820477 5.237440128083063e-05
0.08063339628126798 5.1083620326434946e-05
0.08155867339454304 5.008515691726136e-05
0.08268938561329175 4.9263129072971365e-05
0.08390672284376333 4.816280358294841e-05
0.08491279178517175 4.716621164153851e-05
0.08609632465236228 4.6315187784701376e-05
0.08704310905861323 4.556840573753621e-05
0.08812355401564176 4.485291492839756e-05
0.08928144430861096 4.419592297031758e-05
0.09046626900392507 4.3599396699601256e-05
0.09138874979298706 4.3069450809594906e-05
0.09229505022267936 4.258521647333591e-05
0.0932000786523659 4.214394854480768e-05
0.09410813322267586 4.166716859562042e-05
0.09501544591408262 4.1199591067589e-05
0.09591549641408026 4.075274383889278e-05
0.09682629778126639 4.032298817168185e-05
0.09773326699220775 3.990527737062205e-05
0.09863437404689712 3.950170212953616e-05
0.09953786767189854 3.911276035666919e-05
0.10044533009377865 3.7932921645295545e-05
0.10134726982424702 3.6746441808648385e-05
0.1022490727422154 3.596897538196191e-05
0.10315530042971943 3.5272456165732755e-05
0.1040535488789418 3.469837932393893e-05
0.10494755390628718 3.408054364216774e-05
0.10584700213284925 3.3506583665693746e-05
0.1067478338281651 3.2985681721940526e-05
0.10765423418362996 3.255144975447614e-05
0.108553890355501 3.215806848847825e-05
0.10944975782424926 3.1791007631404326e-05
0.11035462280471897 3.144459612496122e-05
0.11125955592972314 3.1115577736108556e-05
0.11216375113675703 3.080181191301108e-05
0.11306857798050451 3.050171442132805e-05
0.11397307660160205 3.0214058918160487e-05
0.11486895933988528 2.9938218293941405e-05
0.11577169692972689 2.9673145562416784e-05
0.1166652480039474 2.9418006691404143e-05
0.11756299516410085 2.9172091568390038e-05
0.1184570687109785 2.8934714465541547e-05
0.11935702653518998 2.870528596008034e-05
0.1202571165859716 2.848327464806496e-05
0.1211562016914467 2.826603953202635e-05
0.12206061352347675 2.8054969748762523e-05
0.12296643540238339 2.785005141953302e-05
0.12386736950003652 2.7651395878107442e-05
0.12476945480472512 2.745973158728827e-05
0.1256768369375365 2.7273585010865086e-05
0.1265854074531667 2.7061291393270858e-05
0.12749108471097426 2.684788427798137e-05
0.12839920228519386 2.6648704447476493e-05
0.1293017740976996 2.645748799101008e-05
0.1302052850000459 2.6272686387531487e-05
0.1311078216250463 2.6093698601861444e-05
0.13201770400395496 2.5491062417178306e-05
0.13293088090629457 2.506507003346815e-05
0.13384498923832577 2.4711555415222445e-05
0.13475937643754943 2.4397455585220906e-05
0.13567099505473745 2.411228139668245e-05
0.13657713577739639 2.3777065157606506e-05
0.13749225401177068 2.336780335722152e-05
0.13840242041802586 2.3103769959539464e-05
0.1393092124023978 2.286434995089717e-05
0.14022354905082945 2.264710380691592e-05
0.14112633876568204 2.2471904602123608e-05
0.14203815259380637 2.2304560993728005e-05
0.14295727753912235 2.2144669471916722e-05
0.1438671802539666 2.1991731452860215e-05
0.14477679630474505 2.1845163492721963e-05
0.14568595405083684 2.1683144555171024e-05
0.1465981151484934 2.1552540598806883e-05
0.14750926284380927 2.1421167996492914e-05
0.14842423141802286 2.1291498148524797e-05
0.1493463664648944 2.11732982367653e-05
0.15026190691802466 2.105794616912061e-05
0.1511876801406853 2.094400352799446e-05
0.15211121280083884 2.0831679163705145e-05
0.1530360179648964 2.0721215805461104e-05
0.15395288295318377 2.0612749340430857e-05
0.15487263942584129 2.050632390431389e-05
0.15578672165631335 2.0401922539251083e-05
0.15670731054302678 2.0299492180187824e-05
0.15762535600005823 2.0198960757447183e-05
0.15853650712505907 2.0100248010057424e-05
0.15945027545317636 2.00032719627585e-05
0.16037889470317435 1.990795260221074e-05
0.1613072482930189 1.98142138111151e-05
0.16222046331645323 1.9721984249877262e-05
0.16313175610160346 1.962698834521453e-05
0.16404652406254439 1.9535291702848896e-05
0.1649578695508298 1.9444893442649076e-05
0.16587196206255062 1.935573909561444e-05
0.16679026689067467 1.9267877644423746e-05
0.16771792579692146 1.918121178476947e-05
0.16864402014066648 1.909569156846259e-05
0.16957221859769778 1.9011284792365402e-05
0.17049096004692021 1.8927959669453727e-05
0.1714104833555119 1.88456854363541e-05
0.17234100246488193 1.87644326050407e-05
0.17326087633597087 1.8684173044230623e-05
0.17417907641409602 1.8604879975904285e-05
0.1750970653008146 1.8526527929555783e-05
0.17600641820315843 1.8407105652661274e-05
0.1769271754648747 1.8210195042391475e-05
0.1778517746211259 1.805649118853092e-05
0.17877568072268968 1.792795180773313e-05
0.17968877658206495 1.781546072240812e-05
0.1806123700195581 1.753317780344034e-05
0.18153839309377862 1.6966380842060673e-05
0.18244694814846074 1.6517882344384007e-05
0.1833639602968944 1.6138748416035153e-05
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
# skipped row 102: ylo = nan is NaN
# skipped row 103: ylo = nan is NaN
# skipped row 104: ylo = nan is NaN
# skipped row 105: ylo = nan is NaN
# skipped row 106: ylo = nan is NaN
# skipped row 107: ylo = nan is NaN
# skipped row 108: ylo = nan is NaN
# skipped row 109: ylo = nan is NaN
# skipped row 110: ylo = nan is NaN
# skipped row 111: ylo = nan is NaN
# skipped row 112: ylo = nan is NaN
# skipped row 113: ylo = nan is NaN
# skipped row 114: ylo = nan is NaN
# skipped row 115: ylo = nan is NaN
# skipped row 116: ylo = nan is NaN
# skipped row 117: ylo = nan is NaN
# skipped row 118: ylo = nan is NaN
# skipped row 119: ylo = nan is NaN
# skipped row 120: ylo = nan is NaN
# skipped row 121: ylo = nan is NaN
# skipped row 122: ylo = nan is NaN
# skipped row 123: ylo = nan is NaN
# skipped row 124: ylo = nan is NaN
# skipped row 125: ylo = nan is NaN
# skipped row 126: ylo = nan is NaN
# skipped row 127: ylo = nan is NaN
# skipped row 128: ylo = nan is NaN
# skipped row 129: ylo = nan is NaN
# skipped row 130: ylo = nan is NaN
# skipped row 131: ylo = nan is NaN
# skipped row 132: ylo = nan is NaN
# skipped row 133: ylo = nan is NaN
# skipped row 134: ylo = nan is NaN
# skipped row 135: ylo = nan is NaN
# skipped row 136: ylo = nan is NaN
# skipped row 137: ylo = nan is NaN
# skipped row 138: ylo = nan is NaN
# skipped row 139: ylo = nan is NaN
# skipped row 140: ylo = nan is NaN
# skipped row 141: ylo = nan is NaN
# skipped row 142: ylo = nan is NaN
# skipped row 143: ylo = nan is NaN
# skipped row 144: ylo = nan is NaN
# skipped row 145: ylo = nan is NaN
# skipped row 146: ylo = nan is NaN
# skipped row 147: ylo = nan is NaN
# skipped row 148: ylo = nan is NaN
# skipped row 149: ylo = nan is NaN
# skipped row 150: ylo = nan is NaN
# skipped row 151: ylo = nan is NaN
# skipped row 152: ylo = nan is NaN
# skipped row 153: ylo = nan is NaN
# skipped row 154: ylo = nan is NaN
# skipped row 155: ylo = nan is NaN
# skipped row 156: ylo = nan is NaN
# skipped row 157: ylo = nan is NaN
# skipped row 158: ylo = nan is NaN
# skipped row 159: ylo = nan is NaN
# skipped row 160: ylo = nan is NaN
# skipped row 161: ylo = nan is NaN
# skipped row 162: ylo = nan is NaN
# skipped row 163: ylo = nan is NaN
# skipped row 164: ylo = nan is NaN
# skipped row 165: ylo = nan is NaN
# skipped row 166: ylo = nan is NaN
# skipped row 167: ylo = nan is NaN
# skipped row 168: ylo = nan is NaN
# skipped row 169: ylo = nan is NaN
# skipped row 170: ylo = nan is NaN
# skipped row 171: ylo = nan is NaN
# skipped row 172: ylo = nan is NaN
# skipped row 173: ylo = nan is NaN
# skipped row 174: ylo = nan is NaN
# skipped row 175: ylo = nan is NaN
# skipped row 176: ylo = nan is NaN
# skipped row 177: ylo = nan is NaN
# skipped row 178: ylo = nan is NaN
# skipped row 179: ylo = nan is NaN
# skipped row 180: ylo = nan is NaN
# skipped row 181: ylo = nan is NaN
# skipped row 182: ylo = nan is NaN
# skipped row 183: ylo = nan is NaN
# skipped row 184: ylo = nan is NaN
# skipped row 185: ylo = nan is NaN
# skipped row 186: ylo = nan is NaN
# skipped row 187: ylo = nan is NaN
# skipped row 188: ylo = nan is NaN
# skipped row 189: ylo = nan is NaN
# skipped row 190: ylo = nan is NaN
# skipped row 191: ylo = nan is NaN
# skipped row 192: ylo = nan is NaN
# skipped row 193: ylo = nan is NaN
# skipped row 194: ylo = nan is NaN
# skipped row 195: ylo = nan is NaN
# skipped row 196: ylo = nan is NaN
# skipped row 197: ylo = nan is NaN
# skipped row 198: ylo = nan is NaN
# skipped row 199: ylo = nan is NaN
# skipped row 200: ylo = nan is NaN
# skipped row 201: ylo = nan is NaN
EOD
# series 3: rho_policy(mode=once,steps=100,interval=10)/regression: warm (201 points)
$p2_s3 << EOD
# x y
0 0.6503656658509192
0.0009012370429690719 0.02066838015227605
0.0017917716484436852 0.011252490352771009
0.0026773952617169527 0.007600425608611088
0.0035531248710984897 0.0055854601183088146
0.004445689144528586 0.004398923416928248
0.005322683289058716 0.0035834269134512133
0.006202772207025475 0.002916890589365073
0.007062034820323859 0.002397895439757758
0.00788602458595733 0.002030989179707951
0.008703450527370649 0.0017347378570037712
0.009567655043003498 0.0015119126075988957
0.01042726933988014 0.0012976878279439771
0.011244346835962205 0.00112356354134315
0.012098641789080489 0.0009858090084706506
0.012976606144556868 0.0008717854591651396
0.013856936164089007 0.0007759373100177526
0.014734002554705583 0.0007015743431280875
0.015617419722673276 0.0006344598993654911
0.01649310812110727 0.0005725606647556675
0.017366434839859224 0.0005232132180031413
0.018227335312513304 0.00047824181142657574
0.019040336250016665 0.00044624872605112764
0.019914681253927924 0.0004129101604129885
0.02078810217579985 0.0003833199890462552
0.021659428312522877 0.0003552005428789887
0.022532758281272436 0.0003317201667197899
0.023423846152372363 0.0003120805270113839
0.02432084544142299 0.00029538095290876473
0.02520065375784064 0.0002794828049597412
0.026097114578151448 0.0002663664118089
0.026989462957057953 0.00025519715994476005
0.027881138441435027 0.00024399745759945212
0.02876153144143423 0.0002343109448019073
0.029650609527374527 0.00022605541334737387
0.030536405972680924 0.00021588784838726203
0.031418714667980296 0.00020817333519195812
0.03230509035547513 0.0002012993690080009
0.03318376428907932 0.00019387278987911206
0.034065125472661606 0.000184123884572006
0.03494765176562886 0.00017537895700481514
0.03583677161718768 0.00016900502605470726
0.03671597356641065 0.0001632754516745835
0.037598011832026046 0.00015818848688681144
0.03847938708202214 0.00015031657078638135
0.03936955933202668 0.00014398746226918201
0.04026325351951776 0.00013833803181803226
0.04115615526559857 0.00012986495233762726
0.04204818974606894 0.00012536410964790893
0.04292914395310987 0.00012171639538988626
0.043825036089804925 0.00011817371007804824
0.04471419636714913 0.00011510829302567299
0.04559836396090411 0.0001123876440855001
0.04648310950387824 0.00010989636325881084
0.04736709374996906 0.00010748594412174124
0.04825453943747071 0.00010515535906629611
0.049135292011698084 0.00010293167075592408
0.05002724015623805 0.00010091140060166994
0.05091016300390372 9.908801514757002e-05
0.05179752799609538 9.696606574348407e-05
0.052680781308595215 9.463627548808019e-05
0.05356670992578927 9.280865667353431e-05
0.05445003891406941 9.10296502321005e-05
0.055328108296880174 8.936842682467638e-05
0.05621149428516681 8.796781704143746e-05
0.05709025347266561 8.650549098045604e-05
0.05797911093751651 8.507421843651388e-05
0.05886449815626982 8.246140040760443e-05
0.059755443175802725 8.086048464861378e-05
0.060641026257835406 7.928217744200203e-05
0.06152014548440299 7.776246153782225e-05
0.062408631679717885 7.573166985116668e-05
0.06328839103518469 7.397667562627141e-05
0.06417430809377045 7.237053667161442e-05
0.06505514907814636 7.072511430213355e-05
0.06594780785548515 6.886734002961926e-05
0.06682889504689093 6.718164012965692e-05
0.06771626786328966 6.547947255120748e-05
0.0685982416171953 6.38311242747941e-05
0.06947880782031213 6.235056314247475e-05
0.07036115985937563 6.099989563452696e-05
0.07130648837890163 5.978867236891961e-05
0.07219649056639632 5.8689094031577575e-05
0.07307151149218072 5.7684807490066286e-05
0.07395938280858516 5.663859421401925e-05
0.07484127875778945 5.5166136457331064e-05
0.07572509464451471 5.414091143640435e-05
0.07660202635545588 5.322055620646391e-05
0.07747584083202064 5.23754588703359e-05
0.07836187198437727 5.1083640830994706e-05
0.07926506753906182 5.008629122346414e-05
0.08015489621092264 4.9264496044713546e-05
0.08103341565234068 4.816528253326772e-05
0.08192116667185978 4.71680830033864e-05
0.08279319902732496 4.63167512904078e-05
0.08368554226950131 4.556972147356111e-05
0.08455997907418755 4.485386629131228e-05
0.08542549207027861 4.41968051546171e-05
0.08630077751949017 4.360021483072435e-05
0.08717898674995439 4.307013149795343e-05
0.08805884856635338 4.258576597338112e-05
0.08892711135150222 4.214448220108161e-05
0.0898083504100935 4.1667843759539335e-05
0.09067925330462856 4.120019075107117e-05
0.09157062173822794 4.0753298483050384e-05
0.09244807210540706 4.032350912886811e-05
0.09332418936712017 3.990578190758509e-05
0.09420484562102871 3.95021854631606e-05
0.09507722257024298 3.9113225445353076e-05
0.09596382406633452 3.793429051044352e-05
0.0968388887069569 3.6747506151910754e-05
0.09772011964836658 3.597492903019171e-05
0.0985966423046154 3.527586730365471e-05
0.09947341874992865 3.470134841222713e-05
0.10034943078117564 3.408368909519315e-05
0.10122520560148374 3.350953269937234e-05
0.10211457289445924 3.298773241185632e-05
0.1029950474218122 3.255253911932003e-05
0.10388870555464003 3.215889892383035e-05
0.10475998017574284 3.179170121880417e-05
0.1056343771132422 3.14452071634076e-05
0.10650360828901739 3.111613282779108e-05
0.10737650246089636 3.080232483441339e-05
0.10826474473825343 3.050215694603124e-05
0.10915024750778812 3.0214513426584267e-05
0.11004092358200701 2.9938653507449263e-05
0.11092343078903433 2.9673561580957052e-05
0.11180576042574053 2.9418408021528807e-05
0.11268314414839331 2.9172474648713438e-05
0.11356797636324067 2.8935079725209775e-05
0.11444337951558659 2.870563385069909e-05
0.11531921576558979 2.848360566187877e-05
0.11619536718355405 2.8266354394051814e-05
0.11707399325386447 2.8055268824292387e-05
0.117960871382774 2.78503352908893e-05
0.11884094286324576 2.7651665254486945e-05
0.11972065896479478 2.7459987003143037e-05
0.1205949061132312 2.7273827009603006e-05
0.12146971502730075 2.7061684798473187e-05
0.12235190104682836 2.6848205622312943e-05
0.12323244211323114 2.664899606324153e-05
0.12411511916011797 2.6457758908600528e-05
0.1249860914335521 2.6272939303461368e-05
0.12585751527730693 2.6093934806041246e-05
0.12673501027340706 2.5494559066208956e-05
0.12761411844136816 2.5067418067380982e-05
0.1284926788163716 2.4713447184146702e-05
0.1293701641562066 2.4399051428750877e-05
0.13024523904292806 2.4113648166835147e-05
0.13112012572261023 2.376060125775802e-05
0.1319851352187147 2.3368368462965075e-05
0.13286152794136719 2.3104302535443608e-05
0.13373914615230476 2.286485100883607e-05
0.13461768742964253 2.2647910526212318e-05
0.13549454379682757 2.247259670194758e-05
0.13637679404682856 2.230515970106399e-05
0.1372569839218194 2.2145190444511986e-05
0.13813876553120075 2.1992186778955992e-05
0.13901800190621572 2.1845562775307304e-05
0.13990542428902053 2.168337653993913e-05
0.14077992099996628 2.155271756218148e-05
0.14165532321090168 2.1421318373036912e-05
0.1425362411874591 2.129142903991022e-05
0.14341409271479932 2.117305666969695e-05
0.14429402912105083 2.1057792308258503e-05
0.1451676070585428 2.0943929628774983e-05
0.14604807399603104 2.083166011345988e-05
0.14691925780462434 2.0721231177831937e-05
0.14779570092181515 2.0612784863239296e-05
0.14867104070307668 2.050637013508964e-05
0.1495567024374438 2.0401973400584932e-05
0.15044547783977613 2.029954383096454e-05
0.15132904447258966 2.019901081103113e-05
0.15222464928119095 2.0100295016167712e-05
0.1531121312772914 2.000331507124344e-05
0.1540105898632138 1.9907991346513615e-05
0.15489914360932033 1.9814247969379327e-05
0.15579846874994097 1.972201375576406e-05
0.15668324106245457 1.962701341100017e-05
0.15757326444916764 1.9535312236476446e-05
0.15846345545697993 1.9444909582904986e-05
0.15934933507027438 1.9355750991740163e-05
0.16023989775778702 1.9267884681125853e-05
0.1611295137968618 1.9181215068213572e-05
0.1620229527617063 1.9095691241733137e-05
0.16290757201171147 1.9011281000911818e-05
0.16380668828125344 1.8927952558572764e-05
0.16468593241406637 1.884567514955544e-05
0.16557538984766396 1.8764419282888254e-05
0.16645805903126032 1.868415682355028e-05
0.16733359781251345 1.860486098935709e-05
0.16822553413281582 1.8526506305232462e-05
0.1691039874140472 1.8405595743553546e-05
0.169987828167951 1.820930426750873e-05
0.17087108684374108 1.8055904198084237e-05
0.1717584377890642 1.7927544934833578e-05
0.172637196496094 1.781516766623272e-05
0.1735188303320232 1.75308941698949e-05
0.17439814667967823 1.6964891638602465e-05
0.17527236338280083 1.6516688539297557e-05
0.17616173176561034 1.6137757244096703e-05
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
# skipped row 102: ylo = nan is NaN
# skipped row 103: ylo = nan is NaN
# skipped row 104: ylo = nan is NaN
# skipped row 105: ylo = nan is NaN
# skipped row 106: ylo = nan is NaN
# skipped row 107: ylo = nan is NaN
# skipped row 108: ylo = nan is NaN
# skipped row 109: ylo = nan is NaN
# skipped row 110: ylo = nan is NaN
# skipped row 111: ylo = nan is NaN
# skipped row 112: ylo = nan is NaN
# skipped row 113: ylo = nan is NaN
# skipped row 114: ylo = nan is NaN
# skipped row 115: ylo = nan is NaN
# skipped row 116: ylo = nan is NaN
# skipped row 117: ylo = nan is NaN
# skipped row 118: ylo = nan is NaN
# skipped row 119: ylo = nan is NaN
# skipped row 120: ylo = nan is NaN
# skipped row 121: ylo = nan is NaN
# skipped row 122: ylo = nan is NaN
# skipped row 123: ylo = nan is NaN
# skipped row 124: ylo = nan is NaN
# skipped row 125: ylo = nan is NaN
# skipped row 126: ylo = nan is NaN
# skipped row 127: ylo = nan is NaN
# skipped row 128: ylo = nan is NaN
# skipped row 129: ylo = nan is NaN
# skipped row 130: ylo = nan is NaN
# skipped row 131: ylo = nan is NaN
# skipped row 132: ylo = nan is NaN
# skipped row 133: ylo = nan is NaN
# skipped row 134: ylo = nan is NaN
# skipped row 135: ylo = nan is NaN
# skipped row 136: ylo = nan is NaN
# skipped row 137: ylo = nan is NaN
# skipped row 138: ylo = nan is NaN
# skipped row 139: ylo = nan is NaN
# skipped row 140: ylo = nan is NaN
# skipped row 141: ylo = nan is NaN
# skipped row 142: ylo = nan is NaN
# skipped row 143: ylo = nan is NaN
# skipped row 144: ylo = nan is NaN
# skipped row 145: ylo = nan is NaN
# skipped row 146: ylo = nan is NaN
# skipped row 147: ylo = nan is NaN
# skipped row 148: ylo = nan is NaN
# skipped row 149: ylo = nan is NaN
# skipped row 150: ylo = nan is NaN
# skipped row 151: ylo = nan is NaN
# skipped row 152: ylo = nan is NaN
# skipped row 153: ylo = nan is NaN
# skipped row 154: ylo = nan is NaN
# skipped row 155: ylo = nan is NaN
# skipped row 156: ylo = nan is NaN
# skipped row 157: ylo = nan is NaN
# skipped row 158: ylo = nan is NaN
# skipped row 159: ylo = nan is NaN
# skipped row 160: ylo = nan is NaN
# skipped row 161: ylo = nan is NaN
# skipped row 162: ylo = nan is NaN
# skipped row 163: ylo = nan is NaN
# skipped row 164: ylo = nan is NaN
# skipped row 165: ylo = nan is NaN
# skipped row 166: ylo = nan is NaN
# skipped row 167: ylo = nan is NaN
# skipped row 168: ylo = nan is NaN
# skipped row 169: ylo = nan is NaN
# skipped row 170: ylo = nan is NaN
# skipped row 171: ylo = nan is NaN
# skipped row 172: ylo = nan is NaN
# skipped row 173: ylo = nan is NaN
# skipped row 174: ylo = nan is NaN
# skipped row 175: ylo = nan is NaN
# skipped row 176: ylo = nan is NaN
# skipped row 177: ylo = nan is NaN
# skipped row 178: ylo = nan is NaN
# skipped row 179: ylo = nan is NaN
# skipped row 180: ylo = nan is NaN
# skipped row 181: ylo = nan is NaN
# skipped row 182: ylo = nan is NaN
# skipped row 183: ylo = nan is NaN
# skipped row 184: ylo = nan is NaN
# skipped row 185: ylo = nan is NaN
# skipped row 186: ylo = nan is NaN
# skipped row 187: ylo = nan is NaN
# skipped row 188: ylo = nan is NaN
# skipped row 189: ylo = nan is NaN
# skipped row 190: ylo = nan is NaN
# skipped row 191: ylo = nan is NaN
# skipped row 192: ylo = nan is NaN
# skipped row 193: ylo = nan is NaN
# skipped row 194: ylo = nan is NaN
# skipped row 195: ylo = nan is NaN
# skipped row 196: ylo = nan is NaN
# skipped row 197: ylo = nan is NaN
# skipped row 198: ylo = nan is NaN
# skipped row 199: ylo = nan is NaN
# skipped row 200: ylo = nan is NaN
# skipped row 201: ylo = nan is NaN
EOD
# series 4: rho_policy(steps=100,interval=10)/regression: warm (201 points)
$p2_s4 << EOD
# x y
0 0.6504630400893602
0.0008798220898214026 0.02066912222427105
0.0017559731796872313 0.01125266427267693
0.0026303309687421006 0.007600234892877327
0.003523939570285961 0.005585576987261379
0.004396071210916119 0.004398963268529776
0.005268928367168968 0.0035834629892425853
0.006145068867169812 0.002916951346179537
0.0070273549413713 0.0023979236267758766
0.007895583816384999 0.0020310321539160413
0.008762746187457537 0.0017347734527196513
0.009608102933540863 0.0015119360496539016
0.010472590777258262 0.001297712830960182
0.011352613425682279 0.0011235951858025463
0.012228637402259324 0.0009858271892311664
0.0130928129686545 0.0008718023049020074
0.013965185238198785 0.000775955935681112
0.014838382734293276 0.000701593050279531
0.015719162831949518 0.0006344369974374406
0.016584587148340546 0.0005725738698393052
0.017450724242081606 0.00052322575954668
0.018311255894413847 0.00047825322289675877
0.019195549253790745 0.000446262902644155
0.020032929921754317 0.0004129073043660422
0.02089263154679699 0.000383335549222507
0.021765413867083083 0.0003552288972064114
0.022638243839725902 0.00033173278399400454
0.023525271578016316 0.0003120856886703299
0.02439051640616796 0.0002953959274150303
0.025263114214741478 0.0002794940991536136
0.02613963369522665 0.0002663775243497554
0.027013837535061924 0.0002552063285154852
0.027895727523343794 0.00024401153638543607
0.028757925742084467 0.00023432089700990488
0.029587186136591725 0.00022606373675509284
0.030426474656128022 0.00021589652570575988
0.0312898445037888 0.00020818177831387357
0.0321729766170904 0.00020130624763156288
0.03303574142176302 0.00019388039522807627
0.033903965800707425 0.0001841319300513073
0.034777403042895116 0.00017538525669191053
0.03565152059367449 0.0001690107883720493
0.03653009294912124 0.00016327989778915113
0.03740528273035437 0.0001581927541856131
0.03827911794908445 0.000150323927955572
0.03914621620690184 0.00014399346411951363
0.04003454785924987 0.00013834338179231727
0.040899352745970674 0.00012987165537313525
0.041771441031116296 0.0001253703246118793
0.042639507035040936 0.00012172093810477442
0.043455017261596396 0.0001181780030462791
0.044337176870957506 0.0001151119678859712
0.04520367930454583 0.00011239050694790839
0.04608718599985551 0.00010989867923444065
0.046952927296704416 0.00010748833919802355
0.04782719385138279 0.00010515775457592537
0.04870592721854905 0.00010293390583027996
0.049585319241998604 0.00010091351775995884
0.050453357929509224 9.909015992459851e-05
0.0513155566873138 9.696849707025842e-05
0.05219558769511323 9.464096416418202e-05
0.053056245597478124 9.281156944459173e-05
0.05392049375762298 9.103197693732444e-05
0.05477986929667367 8.936969660582777e-05
0.05564440058575215 8.79698247804697e-05
0.05651800067171209 8.650760776807003e-05
0.05739418707013044 8.507637076704057e-05
0.05826140374202993 8.24641202274929e-05
0.059120398824063614 8.086256188847582e-05
0.0599953847732877 7.928523632472553e-05
0.06085366731624475 7.776536624759124e-05
0.061724255367014536 7.573488332755999e-05
0.06257951290217889 7.398079451265507e-05
0.06343820950764467 7.237416072023715e-05
0.064316078757642 7.072878532984471e-05
0.06518517316777306 6.887060674555854e-05
0.06606581497245756 6.718462047475578e-05
0.06691227114433573 6.548295173048699e-05
0.0677866560388587 6.383418148990345e-05
0.06866065493728968 6.23535333896293e-05
0.06950757134356067 6.100257146823855e-05
0.07036986549589486 5.979110665421603e-05
0.07122596715996465 5.869135223082982e-05
0.07208746269119004 5.768684352389543e-05
0.07295678614040924 5.6643294685627286e-05
0.07382755824588827 5.516943231121488e-05
0.07468971628105336 5.4143121025253777e-05
0.07556023868339778 5.322257445714889e-05
0.07641464119900832 5.237721462857003e-05
0.07729064738651559 5.1085724962195035e-05
0.07815395262478475 5.00880674274122e-05
0.07901024167948023 4.926611214989743e-05
0.07986797804278112 4.816749264497582e-05
0.08071699185920167 4.716979288090017e-05
0.08156730608968132 4.6318358290157166e-05
0.08237626823420996 4.5571156579219935e-05
0.08318608747248035 4.48553787041615e-05
0.08399636719903114 4.419814398187047e-05
0.08484476850372502 4.3601428291842406e-05
0.08570387260920143 4.307118801294324e-05
0.08656681778108322 4.2586709926344106e-05
0.08743309613657146 4.214537652865703e-05
0.08829027008972545 4.166880624712563e-05
0.08915734834754119 4.120112769708347e-05
0.09001973054677492 4.07542134570732e-05
0.09087330761317602 4.0324393737384584e-05
0.09173403451942619 3.990666357994475e-05
0.0925861568475348 3.950303993173642e-05
0.09345550962094862 3.911405489622015e-05
0.09430215815999787 3.793765040394044e-05
0.09515541027325725 3.675004125119643e-05
0.09599681849981323 3.597882577662849e-05
0.09680667826935618 3.52779791533878e-05
0.09766281923423392 3.4703142512816716e-05
0.0985103768084592 3.408532972734018e-05
0.09936510439050039 3.351105311591707e-05
0.10020725257411911 3.2988922056417136e-05
0.10105826569521525 3.255340049853368e-05
0.10192257008584704 3.215965614504349e-05
0.10277566776160896 3.179239714016505e-05
0.10363450198033775 3.1445861617681684e-05
0.10449642096471834 3.111675620150482e-05
0.1053814469959562 3.08029230750961e-05
0.1063191649412758 3.050273172724868e-05
0.10718235655847153 3.0215071871882223e-05
0.10804578394128228 2.99391955613791e-05
0.10890776121861379 2.967408864821517e-05
0.1097963823787822 2.9418921218875222e-05
0.11065617269909112 2.9172975069939516e-05
0.11157601539831674 2.893556824780074e-05
0.1124372805897238 2.8706111245131744e-05
0.11328842295691643 2.8484072611524744e-05
0.11415714031630841 2.826681922453374e-05
0.11501375889052667 2.80557242237047e-05
0.11587912213662221 2.785078175648281e-05
0.11674044587099885 2.765210348000592e-05
0.11760941435144545 2.7460417276275017e-05
0.11848251083973338 2.7274249612749568e-05
0.11928558718738458 2.706223606972716e-05
0.12010711877723068 2.684869969747223e-05
0.12096217985535063 2.6649468593166597e-05
0.12181526505067808 2.6458217178637893e-05
0.12267894603895613 2.627338536764027e-05
0.12353664217957672 2.609436955809746e-05
0.12439228132018343 2.549725222673538e-05
0.1252458307264277 2.5069310594169324e-05
0.12611625146080385 2.4715024228434224e-05
0.12698613613656917 2.440042420488446e-05
0.12785057162092883 2.411486289040066e-05
0.1287041859490472 2.3760874975156876e-05
0.12956291333185632 2.3369320872742218e-05
0.13042149059357655 2.3105164584864417e-05
0.13127269907014139 2.286563521272878e-05
0.13213704878495847 2.2648644410148334e-05
0.1329894052302869 2.247326809010467e-05
0.13384883615216125 2.2305778876028493e-05
0.1347205493396757 2.2145764127698127e-05
0.13558740368344857 2.1992720862420485e-05
0.1364482883592366 2.1846062376015886e-05
0.13733585053111597 2.168377005756697e-05
0.13820947238265902 2.1553104399906124e-05
0.13906572819125884 2.1421696425669358e-05
0.13999577810921338 2.1291812192771927e-05
0.14086260991389565 2.1173441788193036e-05
0.14173365723420517 2.1058162128528797e-05
0.14260406780451262 2.0944285119755982e-05
0.14346980292559763 2.083200350276453e-05
0.14432403592169507 2.0721564343487452e-05
0.14518065255843382 2.0613109222365927e-05
0.1460485748982876 2.0506686736170022e-05
0.1469233387068698 2.0402283027632464e-05
0.1477864941638849 2.029984708468505e-05
0.14864161075374938 2.0199308165802654e-05
0.14950610447641566 2.010058685853571e-05
0.1503670737264038 2.000360172537849e-05
0.15121787701544775 1.9908273091296613e-05
0.15207691432017612 1.981452504968548e-05
0.15292649904674604 1.9722286390230174e-05
0.1537812731014263 1.962728890829556e-05
0.15464445247643965 1.9535583567212523e-05
0.15550069794517185 1.9445177161787188e-05
0.15634937655062942 1.935601485713598e-05
0.15719707076549838 1.926814437810024e-05
0.15804646975768932 1.918147134570614e-05
0.15890720942176983 1.909594419021991e-05
0.15976059002724696 1.901153071346434e-05
0.16061492600771743 1.8928199127691135e-05
0.1614683381678539 1.8845918665670455e-05
0.16232552387097243 1.8764659833568242e-05
0.16319286953505596 1.8684394493180573e-05
0.16404418398035858 1.8605095858924438e-05
0.16489103809752947 1.852673845237314e-05
0.16573769888270462 1.8406565347918995e-05
0.16658412036319348 1.820996868189653e-05
0.1674531356171194 1.805641598037668e-05
0.1683056084140162 1.7927964249148833e-05
0.1691496584687222 1.7815526924444105e-05
0.16995553667969787 1.75337023228506e-05
0.1707915063085892 1.69667751162251e-05
0.17166672728123444 1.6518237862035136e-05
0.17253489831250945 1.6139076847743493e-05
EOD
$p2_s4_band << EOD
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
# skipped row 102: ylo = nan is NaN
# skipped row 103: ylo = nan is NaN
# skipped row 104: ylo = nan is NaN
# skipped row 105: ylo = nan is NaN
# skipped row 106: ylo = nan is NaN
# skipped row 107: ylo = nan is NaN
# skipped row 108: ylo = nan is NaN
# skipped row 109: ylo = nan is NaN
# skipped row 110: ylo = nan is NaN
# skipped row 111: ylo = nan is NaN
# skipped row 112: ylo = nan is NaN
# skipped row 113: ylo = nan is NaN
# skipped row 114: ylo = nan is NaN
# skipped row 115: ylo = nan is NaN
# skipped row 116: ylo = nan is NaN
# skipped row 117: ylo = nan is NaN
# skipped row 118: ylo = nan is NaN
# skipped row 119: ylo = nan is NaN
# skipped row 120: ylo = nan is NaN
# skipped row 121: ylo = nan is NaN
# skipped row 122: ylo = nan is NaN
# skipped row 123: ylo = nan is NaN
# skipped row 124: ylo = nan is NaN
# skipped row 125: ylo = nan is NaN
# skipped row 126: ylo = nan is NaN
# skipped row 127: ylo = nan is NaN
# skipped row 128: ylo = nan is NaN
# skipped row 129: ylo = nan is NaN
# skipped row 130: ylo = nan is NaN
# skipped row 131: ylo = nan is NaN
# skipped row 132: ylo = nan is NaN
# skipped row 133: ylo = nan is NaN
# skipped row 134: ylo = nan is NaN
# skipped row 135: ylo = nan is NaN
# skipped row 136: ylo = nan is NaN
# skipped row 137: ylo = nan is NaN
# skipped row 138: ylo = nan is NaN
# skipped row 139: ylo = nan is NaN
# skipped row 140: ylo = nan is NaN
# skipped row 141: ylo = nan is NaN
# skipped row 142: ylo = nan is NaN
# skipped row 143: ylo = nan is NaN
# skipped row 144: ylo = nan is NaN
# skipped row 145: ylo = nan is NaN
# skipped row 146: ylo = nan is NaN
# skipped row 147: ylo = nan is NaN
# skipped row 148: ylo = nan is NaN
# skipped row 149: ylo = nan is NaN
# skipped row 150: ylo = nan is NaN
# skipped row 151: ylo = nan is NaN
# skipped row 152: ylo = nan is NaN
# skipped row 153: ylo = nan is NaN
# skipped row 154: ylo = nan is NaN
# skipped row 155: ylo = nan is NaN
# skipped row 156: ylo = nan is NaN
# skipped row 157: ylo = nan is NaN
# skipped row 158: ylo = nan is NaN
# skipped row 159: ylo = nan is NaN
# skipped row 160: ylo = nan is NaN
# skipped row 161: ylo = nan is NaN
# skipped row 162: ylo = nan is NaN
# skipped row 163: ylo = nan is NaN
# skipped row 164: ylo = nan is NaN
# skipped row 165: ylo = nan is NaN
# skipped row 166: ylo = nan is NaN
# skipped row 167: ylo = nan is NaN
# skipped row 168: ylo = nan is NaN
# skipped row 169: ylo = nan is NaN
# skipped row 170: ylo = nan is NaN
# skipped row 171: ylo = nan is NaN
# skipped row 172: ylo = nan is NaN
# skipped row 173: ylo = nan is NaN
# skipped row 174: ylo = nan is NaN
# skipped row 175: ylo = nan is NaN
# skipped row 176: ylo = nan is NaN
# skipped row 177: ylo = nan is NaN
# skipped row 178: ylo = nan is NaN
# skipped row 179: ylo = nan is NaN
# skipped row 180: ylo = nan is NaN
# skipped row 181: ylo = nan is NaN
# skipped row 182: ylo = nan is NaN
# skipped row 183: ylo = nan is NaN
# skipped row 184: ylo = nan is NaN
# skipped row 185: ylo = nan is NaN
# skipped row 186: ylo = nan is NaN
# skipped row 187: ylo = nan is NaN
# skipped row 188: ylo = nan is NaN
# skipped row 189: ylo = nan is NaN
# skipped row 190: ylo = nan is NaN
# skipped row 191: ylo = nan is NaN
# skipped row 192: ylo = nan is NaN
# skipped row 193: ylo = nan is NaN
# skipped row 194: ylo = nan is NaN
# skipped row 195: ylo = nan is NaN
# skipped row 196: ylo = nan is NaN
# skipped row 197: ylo = nan is NaN
# skipped row 198: ylo = nan is NaN
# skipped row 199: ylo = nan is NaN
# skipped row 200: ylo = nan is NaN
# skipped row 201: ylo = nan is NaN
EOD
# series 5: rho_policy(steps=100,interval=10)/regression/eval.model.beyond=hold: warm (201 points)
$p2_s5 << EOD
# x y
0 0.6504630400893602
0.0008767931952959884 0.02066912222427105
0.0017494394491777143 0.01125266427267693
0.0026183537226458498 0.007600234892877327
0.003488760695308457 0.005585576987261379
0.004354520558578656 0.004398963268529776
0.005217878074208926 0.0035834629892425853
0.006084602019512886 0.002916951346179537
0.006954216238259647 0.0023979236267758766
0.0078068934726367445 0.0020310321539160413
0.008637680753889043 0.0017347734527196513
0.009468081792942229 0.0015119360496539016
0.010325677578087777 0.001297712830960182
0.011176147066400688 0.0011235951858025463
0.012019263246077827 0.0009858271892311664
0.012867454535154366 0.0008718023049020074
0.013721458351554361 0.000775955935681112
0.014575907812492517 0.000701593050279531
0.015440038300795322 0.0006344369974374406
0.016310675515619266 0.0005725738698393052
0.017167757019517893 0.00052322575954668
0.018026177496082596 0.00047825322289675877
0.01887889088672523 0.000446262902644155
0.019722315757835673 0.0004129073043660422
0.020579178585940383 0.000383335549222507
0.021432219148458387 0.0003552288972064114
0.02227283435550831 0.00033173278399400454
0.023102862597681906 0.0003120856886703299
0.023917534179698663 0.0002953959274150303
0.02475876175391889 0.0002794940991536136
0.025611996347635113 0.0002663775243497554
0.026447916679661176 0.0002552063285154852
0.0272875901757601 0.00024401153638543607
0.02813538530076798 0.00023432089700990488
0.028976926964851657 0.00022606373675509284
0.02982540064846617 0.00021589652570575988
0.030682727062529835 0.00020818177831387357
0.03153787780077977 0.00020130624763156288
0.032396461789037545 0.00019388039522807627
0.03326402089059499 0.0001841319300513073
0.034126824300727776 0.00017538525669191053
0.03498727691791714 0.0001690107883720493
0.03584486747255866 0.00016327989778915113
0.036700757718659105 0.0001581927541856131
0.03756541249989809 0.000150323927955572
0.0384371202928655 0.00014399346411951363
0.03930620943738816 0.00013834338179231727
0.04017823526550046 0.00012987165537313525
0.04104678225378322 0.0001253703246118793
0.04191410612486024 0.00012172093810477442
0.0427782647108117 0.0001181780030462791
0.0436495827967498 0.0001151119678859712
0.044520467214699266 0.00011239050694790839
0.045379910406104784 0.00010989867923444065
0.046236597249844635 0.00010748833919802355
0.04709920851548688 0.00010515775457592537
0.04795998160919268 0.00010293390583027996
0.048814558331834235 0.00010091351775995884
0.04967161546072418 9.909015992459851e-05
0.050529548206817765 9.696849707025842e-05
0.05138221670291898 9.464096416418202e-05
0.05224476499197195 9.281156944459173e-05
0.053106892632616365 9.103197693732444e-05
0.053965337074018294 8.936969660582777e-05
0.05481319337866708 8.79698247804697e-05
0.05567396928882218 8.650760776807003e-05
0.056534408390380264 8.507637076704057e-05
0.05738248971461246 8.24641202274929e-05
0.0582404755622683 8.086256188847582e-05
0.059093441273223135 7.928523632472553e-05
0.059948063007588814 7.776536624759124e-05
0.06080630425365996 7.573488332755999e-05
0.06166467968337486 7.398079451265507e-05
0.06252098807010498 7.237416072023715e-05
0.06337086157400407 7.072878532984471e-05
0.0642297717771605 6.887060674555854e-05
0.06508199026544048 6.718462047475578e-05
0.06593875277714645 6.548295173048699e-05
0.06680280583185194 6.383418148990345e-05
0.06767705951544656 6.23535333896293e-05
0.06854502062091328 6.100257146823855e-05
0.06941449766778263 5.979110665421603e-05
0.07028492623418359 5.869135223082982e-05
0.07115494130450983 5.768684352389543e-05
0.07202236330452294 5.6643294685627286e-05
0.07288724310139116 5.516943231121488e-05
0.07375378697638624 5.4143121025253777e-05
0.07462696898809185 5.322257445714889e-05
0.07547034797249452 5.237721462857003e-05
0.07633920925375293 5.1085724962195035e-05
0.07719260160920527 5.00880674274122e-05
0.0780403218631065 4.926611214989743e-05
0.07889502667172721 4.816749264497582e-05
0.07975655134359982 4.716979288090017e-05
0.08061014297641478 4.6318358290157166e-05
0.08146574488266012 4.5571156579219935e-05
0.08232999752718584 4.48553787041615e-05
0.08318441685530686 4.419814398187047e-05
0.0840333395623496 4.3601428291842406e-05
0.08489349392173651 4.307118801294324e-05
0.08574044321078844 4.2586709926344106e-05
0.08659203546859473 4.214537652865703e-05
0.08744746889438204 4.166880624712563e-05
0.08828744260140908 4.120112769708347e-05
0.08909724974201794 4.07542134570732e-05
0.08991151450763724 4.0324393737384584e-05
0.09073271179279985 3.990666357994475e-05
0.09160588033579131 3.950303993173642e-05
0.0924760910467235 3.911405489622015e-05
0.09334038186703708 3.793765040394044e-05
0.09420792980844439 3.675004125119643e-05
0.09507064843736046 3.597882577662849e-05
0.09593450203112397 3.52779791533878e-05
0.09679638510142752 3.4703142512816716e-05
0.0976600269295389 3.408532972734018e-05
0.09851762299595634 3.351105311591707e-05
0.0993417305037596 3.2988922056417136e-05
0.10017893878893958 3.255340049853368e-05
0.1010255642459974 3.215965614504349e-05
0.10187188725381446 3.179239714016505e-05
0.10270627896084861 3.1445861617681684e-05
0.10355668248817906 3.111675620150482e-05
0.10440982586708003 3.08029230750961e-05
0.10526711609361783 3.050273172724868e-05
0.10613453558191921 3.0215071871882223e-05
0.1069978281366204 2.99391955613791e-05
0.10785667008195432 2.967408864821517e-05
0.1087137322928946 2.9418921218875222e-05
0.10956826325381996 2.9172975069939516e-05
0.1104245918514799 2.893556824780074e-05
0.11128180625383521 2.8706111245131744e-05
0.11213887538665546 2.8484072611524744e-05
0.11299224344914549 2.826681922453374e-05
0.113844196484294 2.80557242237047e-05
0.11468635251554105 2.785078175648281e-05
0.11553633726944668 2.765210348000592e-05
0.11641021923035666 2.7460417276275017e-05
0.11727396848815275 2.7274249612749568e-05
0.11813200728111184 2.706223606972716e-05
0.11899478301550559 2.684869969747223e-05
0.11985781807410589 2.6649468593166597e-05
0.12072209241785714 2.6458217178637893e-05
0.121583948257733 2.627338536764027e-05
0.12244259876554153 2.609436955809746e-05
0.12329995720691755 2.549725222673538e-05
0.12413513093353146 2.5069310594169324e-05
0.12497385562495111 2.4715024228434224e-05
0.12581627632805947 2.440042420488446e-05
0.1266609829101384 2.411486289040066e-05
0.1274806309843477 2.3760874975156876e-05
0.12831824982421125 2.3369320872742218e-05
0.1291790971757827 2.3105164584864417e-05
0.1300360281210935 2.286563521272878e-05
0.13089752596094684 2.2648644410148334e-05
0.13175278843360516 2.247326809010467e-05
0.13260597407031938 2.2305778876028493e-05
0.1334576996640564 2.2145764127698127e-05
0.13430803861719554 2.1992720862420485e-05
0.13515939994921666 2.1846062376015886e-05
0.13602043440623746 2.168377005756697e-05
0.13686954230857395 2.1553104399906124e-05
0.13771759797652194 2.1421696425669358e-05
0.13858440085540735 2.1291812192771927e-05
0.13944498792571025 2.1173441788193036e-05
0.14030749576556545 2.1058162128528797e-05
0.1411662350780567 2.0944285119755982e-05
0.14203212962491563 2.083200350276453e-05
0.14289755580459484 2.0721564343487452e-05
0.14376124448426708 2.0613109222365927e-05
0.14462254021085386 2.0506686736170022e-05
0.14548553453117208 2.0402283027632464e-05
0.14631792560929568 2.029984708468505e-05
0.14717553349210633 2.0199308165802654e-05
0.14802804808976333 2.010058685853571e-05
0.14888503442178447 2.000360172537849e-05
0.14973763463662948 1.9908273091296613e-05
0.15058993440225166 1.981452504968548e-05
0.1514547074139827 1.9722286390230174e-05
0.15231052428115177 1.962728890829556e-05
0.15316670813273703 1.9535583567212523e-05
0.1540314670741587 1.9445177161787188e-05
0.15488978283978128 1.935601485713598e-05
0.15574252535538236 1.926814437810024e-05
0.15659161466399496 1.918147134570614e-05
0.1574417689999308 1.909594419021991e-05
0.15830694502728448 1.901153071346434e-05
0.15916864179681056 1.8928199127691135e-05
0.16002890005071535 1.8845918665670455e-05
0.16088421797648422 1.8764659833568242e-05
0.16174791639835462 1.8684394493180573e-05
0.16261183423426928 1.8605095858924438e-05
0.16346511581239298 1.852673845237314e-05
0.16431942287099588 1.8406565347918995e-05
0.16517801253505837 1.820996868189653e-05
0.16600430911710262 1.805641598037668e-05
0.1668427649686599 1.7927964249148833e-05
0.1677003810975961 1.7815526924444105e-05
0.16857003304290785 1.75337023228506e-05
0.16943970818356746 1.69667751162251e-05
0.1702996142890285 1.6518237862035136e-05
0.17116091287885382 1.6139076847743493e-05
EOD
$p2_s5_band << EOD
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
# skipped row 102: ylo = nan is NaN
# skipped row 103: ylo = nan is NaN
# skipped row 104: ylo = nan is NaN
# skipped row 105: ylo = nan is NaN
# skipped row 106: ylo = nan is NaN
# skipped row 107: ylo = nan is NaN
# skipped row 108: ylo = nan is NaN
# skipped row 109: ylo = nan is NaN
# skipped row 110: ylo = nan is NaN
# skipped row 111: ylo = nan is NaN
# skipped row 112: ylo = nan is NaN
# skipped row 113: ylo = nan is NaN
# skipped row 114: ylo = nan is NaN
# skipped row 115: ylo = nan is NaN
# skipped row 116: ylo = nan is NaN
# skipped row 117: ylo = nan is NaN
# skipped row 118: ylo = nan is NaN
# skipped row 119: ylo = nan is NaN
# skipped row 120: ylo = nan is NaN
# skipped row 121: ylo = nan is NaN
# skipped row 122: ylo = nan is NaN
# skipped row 123: ylo = nan is NaN
# skipped row 124: ylo = nan is NaN
# skipped row 125: ylo = nan is NaN
# skipped row 126: ylo = nan is NaN
# skipped row 127: ylo = nan is NaN
# skipped row 128: ylo = nan is NaN
# skipped row 129: ylo = nan is NaN
# skipped row 130: ylo = nan is NaN
# skipped row 131: ylo = nan is NaN
# skipped row 132: ylo = nan is NaN
# skipped row 133: ylo = nan is NaN
# skipped row 134: ylo = nan is NaN
# skipped row 135: ylo = nan is NaN
# skipped row 136: ylo = nan is NaN
# skipped row 137: ylo = nan is NaN
# skipped row 138: ylo = nan is NaN
# skipped row 139: ylo = nan is NaN
# skipped row 140: ylo = nan is NaN
# skipped row 141: ylo = nan is NaN
# skipped row 142: ylo = nan is NaN
# skipped row 143: ylo = nan is NaN
# skipped row 144: ylo = nan is NaN
# skipped row 145: ylo = nan is NaN
# skipped row 146: ylo = nan is NaN
# skipped row 147: ylo = nan is NaN
# skipped row 148: ylo = nan is NaN
# skipped row 149: ylo = nan is NaN
# skipped row 150: ylo = nan is NaN
# skipped row 151: ylo = nan is NaN
# skipped row 152: ylo = nan is NaN
# skipped row 153: ylo = nan is NaN
# skipped row 154: ylo = nan is NaN
# skipped row 155: ylo = nan is NaN
# skipped row 156: ylo = nan is NaN
# skipped row 157: ylo = nan is NaN
# skipped row 158: ylo = nan is NaN
# skipped row 159: ylo = nan is NaN
# skipped row 160: ylo = nan is NaN
# skipped row 161: ylo = nan is NaN
# skipped row 162: ylo = nan is NaN
# skipped row 163: ylo = nan is NaN
# skipped row 164: ylo = nan is NaN
# skipped row 165: ylo = nan is NaN
# skipped row 166: ylo = nan is NaN
# skipped row 167: ylo = nan is NaN
# skipped row 168: ylo = nan is NaN
# skipped row 169: ylo = nan is NaN
# skipped row 170: ylo = nan is NaN
# skipped row 171: ylo = nan is NaN
# skipped row 172: ylo = nan is NaN
# skipped row 173: ylo = nan is NaN
# skipped row 174: ylo = nan is NaN
# skipped row 175: ylo = nan is NaN
# skipped row 176: ylo = nan is NaN
# skipped row 177: ylo = nan is NaN
# skipped row 178: ylo = nan is NaN
# skipped row 179: ylo = nan is NaN
# skipped row 180: ylo = nan is NaN
# skipped row 181: ylo = nan is NaN
# skipped row 182: ylo = nan is NaN
# skipped row 183: ylo = nan is NaN
# skipped row 184: ylo = nan is NaN
# skipped row 185: ylo = nan is NaN
# skipped row 186: ylo = nan is NaN
# skipped row 187: ylo = nan is NaN
# skipped row 188: ylo = nan is NaN
# skipped row 189: ylo = nan is NaN
# skipped row 190: ylo = nan is NaN
# skipped row 191: ylo = nan is NaN
# skipped row 192: ylo = nan is NaN
# skipped row 193: ylo = nan is NaN
# skipped row 194: ylo = nan is NaN
# skipped row 195: ylo = nan is NaN
# skipped row 196: ylo = nan is NaN
# skipped row 197: ylo = nan is NaN
# skipped row 198: ylo = nan is NaN
# skipped row 199: ylo = nan is NaN
# skipped row 200: ylo = nan is NaN
# skipped row 201: ylo = nan is NaN
EOD
# series 6: rho_policy(mode=once,steps=100,interval=10)/regression: policy, cold (105 points)
$p2_s6 << EOD
# x y
0 0.6960997681613409
0.0010398857382867277 0.005171053570243712
0.0019246909882966179 0.0007279897381253576
0.0028429963828315863 0.00023431459991526163
0.003724407519545281 0.00010769045585596721
0.0046006337148494225 5.452063031562186e-05
0.0054830709765756325 3.738237422379001e-05
0.006352678906257125 2.832671695348127e-05
0.007232633984378012 2.4856135973203617e-05
0.008115476105471586 1.9668975202306385e-05
0.00898964772656008 1.7789806449799628e-05
0.00987086365624279 1.2611733758463418e-05
0.010749235480464137 1.176722944273847e-05
0.011634482289053949 9.234892742521321e-06
0.012519699015625108 6.745480032776091e-06
0.013409767656254346 5.734855686637972e-06
0.014288245937501998 5.043936921207267e-06
0.015166272558596816 4.578717081820054e-06
0.016049280609379935 4.1366817872312246e-06
0.016924679492181127 3.7951136753792874e-06
0.01780498803124786 3.529435307266102e-06
0.018682736187502158 3.2672899219637746e-06
0.019577537105456955 2.981853616681371e-06
0.02046103062889948 2.7363999696740057e-06
0.02134529471483937 2.5196886750888964e-06
0.022226382976558767 2.3259965587123054e-06
0.023108161304676855 2.1520131173573064e-06
0.023986829730457515 1.9921878858370216e-06
0.02486412968358742 1.8532904095217237e-06
0.025744452558592812 1.7248967354826147e-06
0.026622107015620955 1.8458343455405933e-06
0.02751567060155935 1.3116248454517647e-06
0.028394673566394246 1.1986776241317714e-06
0.029269257304679996 1.1077576419043629e-06
0.030148397667963067 1.027095388428449e-06
0.0310278849179646 9.531838340833633e-07
0.031910849398435914 8.483880296370235e-07
0.03278350812890274 7.544205093092742e-07
0.033659104167970355 6.710816619615469e-07
0.03453406574610085 6.029294076874765e-07
0.03541682510937605 5.490300118207509e-07
0.03629322796093071 5.009418061310169e-07
0.03717888721483398 4.580095307155624e-07
0.03806073215233852 4.1965294420943706e-07
0.03893761058202294 3.853604475145506e-07
0.03982078129295097 3.5468032999909455e-07
0.04069862102734412 3.2721325478667695e-07
0.041590355484391495 3.026058363730555e-07
0.042467357656256866 2.805450748178986e-07
0.043350369445308345 2.607535225383949e-07
0.044230338789050805 2.4298507422630376e-07
0.04511590796873577 2.2702128947067617e-07
0.04600102319921362 2.1266817246838097e-07
0.04687559203125247 1.9975334666446782e-07
0.047767137492195744 1.8812357121894958e-07
0.04864461225391281 1.7764255435581342e-07
0.0495234792109418 1.681890263021497e-07
0.05039678061718966 1.5965503790223436e-07
0.05128288390623581 1.5194445803837056e-07
0.052156119234370024 1.4497164506451325e-07
0.0530388970664184 1.386602716022416e-07
0.053922380734377384 1.3294228336439468e-07
0.054799708921883905 1.2775697744315008e-07
0.055684609035163035 1.2305018573635008e-07
0.056564404382822175 1.1877354983780857e-07
0.057443145343748725 1.1488387926562539e-07
0.05831462918750496 1.1134258090454082e-07
0.05918439864454861 1.0811515357272714e-07
0.06006170066018335 1.0517073839181927e-07
0.06093446834378824 1.0248172048024821e-07
0.06181060241018521 1.0002337436116946e-07
0.06267956033597422 9.777354932063136e-08
0.063556566355496 9.571238992086067e-08
0.06442599557816564 9.382208704717877e-08
0.0653069095039509 9.208665738121395e-08
0.06619141453130695 9.049174645375863e-08
0.06706843408209195 8.902445432683978e-08
0.06795543919147207 8.767317949584545e-08
0.06882350221100886 8.642748120798887e-08
0.06969573923834993 8.527795549092268e-08
0.070554207761786 8.421612636573612e-08
0.0714250547930444 8.323434759334926e-08
0.07229193625007646 8.23257158464501e-08
0.07315301760555037 8.148399321458232e-08
0.07402043571492989 8.070353824737989e-08
0.07488311651961155 7.997924408772732e-08
0.07575536002352123 7.930648356436653e-08
0.0766193028828912 7.868106051803676e-08
0.07748328523054404 8.568031028103493e-08
0.0783518574024189 6.358478021117529e-08
0.07922397406255932 5.389222384618187e-08
0.08009740660943265 4.58172767597494e-08
0.08096221449614305 3.904089821785126e-08
0.08184220823051724 3.3334060309035926e-08
0.08270241755864127 2.8525464483814163e-08
0.08357751451177009 2.446964102499904e-08
0.08444284623051423 2.1045040847019855e-08
0.08532320732817134 1.8149955892763954e-08
0.08619169136723315 1.5699273776007975e-08
0.08705594610160894 1.3621756556869871e-08
0.08792960976175479 1.1857767373257907e-08
0.08880094384770132 1.0357370104896005e-08
0.08966965131254234 9.078741440877514e-09
0.09053498652348146 7.986842924520381e-09
0.0911741501640968 7.28159989905097e-09
EOD
$p2_s6_band << EOD
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
# skipped row 102: ylo = nan is NaN
# skipped row 103: ylo = nan is NaN
# skipped row 104: ylo = nan is NaN
# skipped row 105: ylo = nan is NaN
EOD
# series 7: rho_policy(steps=100,interval=10)/regression: policy, cold (201 points)
$p2_s7 << EOD
# x y
0 0.6960997681613409
0.002401264476549869 0.00024551946611861623
0.0048085146796701395 6.95787537673189e-05
0.00720773879686476 8.045596745279711e-05
0.00958415178124028 7.02520671539839e-05
0.011968852082016923 7.052649565168866e-05
0.014356251582032797 6.805798307525419e-05
0.016734254871114018 6.89379279388242e-05
0.0191342465156481 7.085672399302264e-05
0.02150104330078051 7.314514610837154e-05
0.02388257070702693 7.31258046048446e-05
0.026246448437493797 6.696437413866336e-05
0.02862544533984135 6.64150667754541e-05
0.03099091380467911 7.078837168289121e-05
0.033339026093731405 7.421164801453499e-05
0.03567952939843266 7.41421390234293e-05
0.038040264449200833 7.309682532314965e-05
0.040392714015609954 6.898846952023175e-05
0.042750008437511866 6.215466832936508e-05
0.0451145508359545 6.607666463870077e-05
0.04746565041016382 7.212968054423762e-05
0.04982209319529929 6.725616504507453e-05
0.05219257987888071 7.435356998453308e-05
0.054564163132802435 7.858409272614046e-05
0.056950651128893526 6.926543872957999e-05
0.059293449105471296 7.113922135816639e-05
0.06166590641014835 7.000109121116439e-05
0.06403668580857769 6.074684628871184e-05
0.06638494630467306 6.225714171585895e-05
0.06873354844140422 6.481286166708658e-05
0.0710929343164004 6.800164095175738e-05
0.07346892820311268 7.515087201443092e-05
0.07582601858981519 6.621383619237333e-05
0.07818022726948826 6.531102661294348e-05
0.08052663712887309 6.81722184927135e-05
0.08285081028902752 7.045755417468788e-05
0.08514600703902175 7.411383162830615e-05
0.08748801463276834 7.174185388578795e-05
0.08983933744134731 7.533031084717902e-05
0.0921283400936943 7.03139477364699e-05
0.09441824488665418 7.462657152426348e-05
0.09675743073430709 7.085874752396432e-05
0.09910693094130707 6.010658318682643e-05
0.1014671657225712 6.65536691764581e-05
0.10380834019524343 7.992043540834333e-05
0.10616682616788253 7.087763897865401e-05
0.1085076216444385 7.509654446106536e-05
0.11088558001163307 7.23600470392327e-05
0.113261390855385 7.12999115556008e-05
0.11564720461322153 7.988361680246869e-05
0.11802854426948883 6.859199284879474e-05
0.1203912130976299 7.303789749485429e-05
0.12275688128123363 9.013583019410663e-05
0.12502252594140018 7.397305494731987e-05
0.1272773592148333 7.082385310989244e-05
0.12960336143749984 7.147561514390496e-05
0.13196254162111032 7.24524652998782e-05
0.13430868498438642 6.941868482067003e-05
0.13655898128907396 6.714348098862121e-05
0.13887200458594862 7.316185554929164e-05
0.1411922181406311 7.049564280421788e-05
0.1434400252539163 6.306641048611619e-05
0.14576144391407198 7.242837306715886e-05
0.1480829411445228 6.753504339622441e-05
0.1504117875859059 7.932784257571338e-05
0.15275568135935202 6.562467542453555e-05
0.15499771144529717 7.104665378881227e-05
0.15730520389061553 6.936448020516077e-05
0.15964239996873175 6.59745738987707e-05
0.16198173036325159 7.750689107981547e-05
0.16432099144918055 6.822140348303746e-05
0.1666756912382148 6.363039886970593e-05
0.1690122192421093 7.1764052716588e-05
0.17137852093346595 6.570921063281148e-05
0.17372859542173913 6.0641999972711295e-05
0.17609484537878117 7.215252778466399e-05
0.17842897833973836 6.258542295098763e-05
0.18071663701943308 6.789276589053668e-05
0.18310136112489772 7.00155216396351e-05
0.18549425830067534 7.147382006342911e-05
0.18788763145689913 7.093432944783716e-05
0.19024168945689013 7.121908142432378e-05
0.1926358474647074 6.856796155585773e-05
0.19503111819126673 7.238902144288633e-05
0.19733003911312252 6.628728015204295e-05
0.19960996887484583 6.970563007322673e-05
0.2020077733787602 6.87190885502392e-05
0.20438099788265518 6.391830371164464e-05
0.20672792552328545 7.088606219262372e-05
0.20908942413657883 6.89225775245843e-05
0.2115019180975075 6.767546909611005e-05
0.21390703610530082 7.079670686512898e-05
0.21631377119902595 6.563577702137234e-05
0.21871611997244855 6.962494752400923e-05
0.22112005642167176 6.344963626236133e-05
0.22342752507400476 6.83253821021797e-05
0.2257245544841453 6.527024813529549e-05
0.22806884246854153 5.7315172608319405e-05
0.23043656270292345 6.462337442555753e-05
0.23280937967171056 6.939374018111501e-05
0.23516638288262826 7.77905067486083e-05
0.23742144810529808 6.102090616893583e-05
0.2396787350310703 7.566038376993525e-05
0.24202343310529528 7.337584791847939e-05
0.24438823186311254 6.852945093695932e-05
0.2467871991795043 7.173548378620816e-05
0.24918568278107145 6.992868273781268e-05
0.2515885433045284 7.757977367591477e-05
0.2539685407068646 7.084879427810783e-05
0.2563403644099864 7.16362865007967e-05
0.2587503556521611 7.062098139699367e-05
0.26115127511312153 6.820763643757623e-05
0.26353921289435434 7.303649063778817e-05
0.2658596021013935 6.985168822946358e-05
0.26827688446858744 6.952134915556187e-05
0.2707024295974989 7.660056316198549e-05
0.2731051535076503 6.436690703969541e-05
0.27549976746466953 7.013766798219814e-05
0.2778960745974963 7.224231495155681e-05
0.2802852736599739 6.556163023139003e-05
0.28266368634748673 6.447677634636947e-05
0.28504563074985967 7.534790682782932e-05
0.2874513058943897 7.505566323095898e-05
0.2898535147928314 7.462209447781148e-05
0.29225046401937504 7.160247904607092e-05
0.2946264115350026 6.896577927218118e-05
0.2970058274022165 6.692652001968057e-05
0.2994157119998775 6.880095843326878e-05
0.30181934864439697 7.14838417329453e-05
0.30421609481237866 6.594751138330466e-05
0.3066236530194324 6.574099019287121e-05
0.3090240368319215 6.793949741577406e-05
0.3114220391756959 6.302276188877931e-05
0.31383115909365245 6.532046505453066e-05
0.31624427281629863 6.844668108982947e-05
0.3186932136873999 6.850706250313537e-05
0.3211069840389591 7.528790901087029e-05
0.32353149674208836 6.876873696522764e-05
0.32586012205851134 6.611752963453109e-05
0.3281903921522549 7.370346939349106e-05
0.33058671377333226 7.204896920140664e-05
0.33298545858582074 6.830009941370827e-05
0.33526584778111257 7.814607323134825e-05
0.337657461593615 6.373428924734835e-05
0.34003807059362856 7.418106739861346e-05
0.3424202236053766 6.658932896371228e-05
0.3448283525545932 6.558575582653725e-05
0.3472271181483144 6.674686737594e-05
0.3496265543787942 6.960846601088928e-05
0.35201642482801176 7.087592183953274e-05
0.35432553308972103 7.263169043830736e-05
0.35672538846079505 7.215653082379187e-05
0.3591136377498678 6.825961668067857e-05
0.36150891242173344 6.991956085499825e-05
0.36390828282018717 7.301298810686876e-05
0.36629743287096517 6.934963538445847e-05
0.3686755340350345 6.578888799342852e-05
0.3710781991444101 6.296760172545482e-05
0.37346992834361004 6.68904176061517e-05
0.37587298556234217 6.660149908463611e-05
0.3782736589764184 6.480674229610263e-05
0.38069238651548787 6.634300004235533e-05
0.38308843582014873 6.278465019713012e-05
0.3854723035584158 6.88680716866353e-05
0.38776340634358064 6.792376288946335e-05
0.3901202570584097 6.576258574333083e-05
0.3925184149373031 6.473536820537894e-05
0.39493072126153095 7.51786920046125e-05
0.3973569423513972 7.210804773433196e-05
0.3997513140193689 6.629480841365617e-05
0.40215220580062905 6.834801109645643e-05
0.4045602820818601 6.701729374366e-05
0.40698295453888633 7.139360243309465e-05
0.40939271064436866 6.85377739104647e-05
0.41179004064438374 6.682211688160847e-05
0.41420159607406504 7.537105011216349e-05
0.4166156916873476 7.183699518014128e-05
0.4190393516717208 6.684106140940318e-05
0.4213176101404841 6.305879895095881e-05
0.42371811702721374 7.600783787263417e-05
0.42611109227328825 6.84288511823539e-05
0.4284930704139107 7.220818451639947e-05
0.43090029571076727 6.562772803991296e-05
0.43335187743342374 6.667155658101068e-05
0.4357384704646776 6.655160666640129e-05
0.43813670464827936 6.171013031061467e-05
0.4405136142420112 6.877677677293304e-05
0.44290695203108044 6.708404106523582e-05
0.4452840150467239 7.474471391851692e-05
0.44768478740611783 7.26205742730704e-05
0.4500830392694084 7.034438082863507e-05
0.4524680100389311 6.74077320242969e-05
0.454877430675694 6.923834429190364e-05
0.45728458803115757 7.409604638050565e-05
0.4596747053671173 7.077438212492758e-05
0.46205160437104453 7.246519731970577e-05
0.46442683216791636 7.334262366231707e-05
0.46674692510935145 6.73837253689482e-05
0.4690955767460778 7.434642551777834e-05
0.47148523313669344 5.7941637823097574e-05
0.47387486999605954 7.248002071198918e-05
EOD
$p2_s7_band << EOD
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
# skipped row 102: ylo = nan is NaN
# skipped row 103: ylo = nan is NaN
# skipped row 104: ylo = nan is NaN
# skipped row 105: ylo = nan is NaN
# skipped row 106: ylo = nan is NaN
# skipped row 107: ylo = nan is NaN
# skipped row 108: ylo = nan is NaN
# skipped row 109: ylo = nan is NaN
# skipped row 110: ylo = nan is NaN
# skipped row 111: ylo = nan is NaN
# skipped row 112: ylo = nan is NaN
# skipped row 113: ylo = nan is NaN
# skipped row 114: ylo = nan is NaN
# skipped row 115: ylo = nan is NaN
# skipped row 116: ylo = nan is NaN
# skipped row 117: ylo = nan is NaN
# skipped row 118: ylo = nan is NaN
# skipped row 119: ylo = nan is NaN
# skipped row 120: ylo = nan is NaN
# skipped row 121: ylo = nan is NaN
# skipped row 122: ylo = nan is NaN
# skipped row 123: ylo = nan is NaN
# skipped row 124: ylo = nan is NaN
# skipped row 125: ylo = nan is NaN
# skipped row 126: ylo = nan is NaN
# skipped row 127: ylo = nan is NaN
# skipped row 128: ylo = nan is NaN
# skipped row 129: ylo = nan is NaN
# skipped row 130: ylo = nan is NaN
# skipped row 131: ylo = nan is NaN
# skipped row 132: ylo = nan is NaN
# skipped row 133: ylo = nan is NaN
# skipped row 134: ylo = nan is NaN
# skipped row 135: ylo = nan is NaN
# skipped row 136: ylo = nan is NaN
# skipped row 137: ylo = nan is NaN
# skipped row 138: ylo = nan is NaN
# skipped row 139: ylo = nan is NaN
# skipped row 140: ylo = nan is NaN
# skipped row 141: ylo = nan is NaN
# skipped row 142: ylo = nan is NaN
# skipped row 143: ylo = nan is NaN
# skipped row 144: ylo = nan is NaN
# skipped row 145: ylo = nan is NaN
# skipped row 146: ylo = nan is NaN
# skipped row 147: ylo = nan is NaN
# skipped row 148: ylo = nan is NaN
# skipped row 149: ylo = nan is NaN
# skipped row 150: ylo = nan is NaN
# skipped row 151: ylo = nan is NaN
# skipped row 152: ylo = nan is NaN
# skipped row 153: ylo = nan is NaN
# skipped row 154: ylo = nan is NaN
# skipped row 155: ylo = nan is NaN
# skipped row 156: ylo = nan is NaN
# skipped row 157: ylo = nan is NaN
# skipped row 158: ylo = nan is NaN
# skipped row 159: ylo = nan is NaN
# skipped row 160: ylo = nan is NaN
# skipped row 161: ylo = nan is NaN
# skipped row 162: ylo = nan is NaN
# skipped row 163: ylo = nan is NaN
# skipped row 164: ylo = nan is NaN
# skipped row 165: ylo = nan is NaN
# skipped row 166: ylo = nan is NaN
# skipped row 167: ylo = nan is NaN
# skipped row 168: ylo = nan is NaN
# skipped row 169: ylo = nan is NaN
# skipped row 170: ylo = nan is NaN
# skipped row 171: ylo = nan is NaN
# skipped row 172: ylo = nan is NaN
# skipped row 173: ylo = nan is NaN
# skipped row 174: ylo = nan is NaN
# skipped row 175: ylo = nan is NaN
# skipped row 176: ylo = nan is NaN
# skipped row 177: ylo = nan is NaN
# skipped row 178: ylo = nan is NaN
# skipped row 179: ylo = nan is NaN
# skipped row 180: ylo = nan is NaN
# skipped row 181: ylo = nan is NaN
# skipped row 182: ylo = nan is NaN
# skipped row 183: ylo = nan is NaN
# skipped row 184: ylo = nan is NaN
# skipped row 185: ylo = nan is NaN
# skipped row 186: ylo = nan is NaN
# skipped row 187: ylo = nan is NaN
# skipped row 188: ylo = nan is NaN
# skipped row 189: ylo = nan is NaN
# skipped row 190: ylo = nan is NaN
# skipped row 191: ylo = nan is NaN
# skipped row 192: ylo = nan is NaN
# skipped row 193: ylo = nan is NaN
# skipped row 194: ylo = nan is NaN
# skipped row 195: ylo = nan is NaN
# skipped row 196: ylo = nan is NaN
# skipped row 197: ylo = nan is NaN
# skipped row 198: ylo = nan is NaN
# skipped row 199: ylo = nan is NaN
# skipped row 200: ylo = nan is NaN
# skipped row 201: ylo = nan is NaN
EOD
# series 8: rho_policy(steps=100,interval=10)/regression/eval.model.beyond=hold: policy, cold (81 points)
$p2_s8 << EOD
# x y
0 0.6960997681613409
0.0022847885624805997 0.00024551946611861623
0.0031557851288823713 4.6960843909573324e-05
0.004019999148422215 1.9426720465072777e-05
0.004884185328101864 9.035411486956207e-06
0.005749667277342496 4.683382438177984e-06
0.006614459796878691 2.8278344934400174e-06
0.007474333984358594 1.873455140505554e-06
0.00834348409763308 1.4075203582988097e-06
0.009214278496060047 1.15042210549877e-06
0.010092706414020824 9.844381151198335e-07
0.01096073168742251 8.600718299683405e-07
0.011825757613216581 7.660004941394786e-07
0.01269445648040346 6.86927326293334e-07
0.013560942402289555 6.202577134932537e-07
0.014431887640562024 5.6233514539452e-07
0.015293609042913658 5.133944309134248e-07
0.016164462956993475 4.694784272761126e-07
0.017033178328087928 4.3092369063975863e-07
0.017893467156223863 3.970369422456737e-07
0.018753233363248967 3.6633149587367435e-07
0.019612549824202574 3.388713249714031e-07
0.020476805300788214 3.1417309587467165e-07
0.021342952499999512 2.9181833137621996e-07
0.02221156618749376 2.71525606726542e-07
0.023080862738261487 2.530552954149641e-07
0.02395111422262275 2.3620327631387204e-07
0.024819093164023087 2.2078900606068377e-07
0.025682130011645654 2.0663632101244026e-07
0.026545036437422453 1.9364396136909988e-07
0.027411373648355664 1.816788289176425e-07
0.028275629761591148 1.7063414432651882e-07
0.029140110242057204 1.6043378010325365e-07
0.029999349023320576 1.509905216384887e-07
0.03086711348426263 1.422355992349334e-07
0.03173114600377147 1.3410966148867955e-07
0.032592658452976764 1.2655509072995867e-07
0.03346089973422295 1.1952396013966397e-07
0.03433542081236851 1.1297203257865577e-07
0.035199445800653706 1.0685930564909634e-07
0.036069407249854635 1.011504973753096e-07
0.036936356460802955 9.581327643930539e-08
0.03780345494518755 9.081848699117687e-08
0.03866773172643789 8.613976586531542e-08
0.039525948656134346 8.175474789309964e-08
0.040386432656116966 7.764028221322944e-08
0.04124751904673829 7.37759842126669e-08
0.042110587476432926 7.014374252749715e-08
0.0429775685272169 6.672700949228127e-08
0.043842676339700404 6.351056376382555e-08
0.044701707472501795 6.048052117713046e-08
0.04555779289826489 5.7624084912733614e-08
0.04641947874982222 5.492950264277763e-08
0.047281689437319585 5.2386017292004595e-08
0.04814566960136446 4.998361963462531e-08
0.049014668339637524 4.771311120477174e-08
0.04987795608180079 4.5565931212610266e-08
0.050745117448983024 4.35342131446459e-08
0.05162015389038288 4.1610907454483186e-08
0.05249091342160739 3.9789070367312485e-08
0.053359130757534956 3.806235473065848e-08
0.05422636906613221 3.642496094975321e-08
0.05509511340207496 3.487150117584087e-08
0.05596602562081898 3.339694895392102e-08
0.05683954299972527 3.199664006312827e-08
0.05771167145675804 3.0666216473611816e-08
0.058579673644278074 2.9401618640264222e-08
0.05944958381224197 2.819912183788848e-08
0.06032354658178107 2.7055153292265048e-08
0.06119343139822675 2.5966364932341536e-08
0.06205942410917942 2.492966333119857e-08
0.0629235764724605 2.394215566174467e-08
0.06379087359744773 2.3001134597917065e-08
0.06465825365214783 2.2104063413158492e-08
0.06552734427325291 2.1248557340966024e-08
0.06639251846467431 2.0432381773521383e-08
0.06726156138264372 1.9653451546272282e-08
0.06812975744514205 1.8909785297752307e-08
0.06897104091778061 1.8199537266926997e-08
0.06984040179667517 1.752097339229547e-08
0.07014047392165779 1.729065381368904e-08
EOD
$p2_s8_band << EOD
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
amor_out(ext) = amor_dir . 'qp_residual_qp_n_30_adaptive_rho_interval_0.' . ext . amor_suffix

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
        set terminal pngcairo size 1400,694 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 1400,694 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    set multiplot title 'qp: qp(n=30,adaptive_rho_interval=0), its own method cold and warm (1 seed)' font ',13'

    # ---- panel 1
    set origin 0.00000, 0.26513; set size 0.50000, 0.67723
    unset object; unset arrow; unset logscale; set autoscale
    set title 'residual vs iterations'
    set xlabel 'iterations'
    set ylabel 'residual (mean over contexts; log scale)'
    set format x '% h'
    set logscale y; set format y '%g'
    set grid xtics ytics nomxtics mytics
    set key off
    plot $p1_s1 using 1:2 with lines lt 1 title 'cold', \
         $p1_s2 using 1:2 with lines lt 2 title 'solver_steps(steps=100)/regression: warm', \
         $p1_s3 using 1:2 with lines lt 3 title 'rho_policy(mode=once,steps=100,interval=10)/regression: warm', \
         $p1_s4 using 1:2 with lines lt 4 title 'rho_policy(steps=100,interval=10)/regression: warm', \
         $p1_s5 using 1:2 with lines lt 5 title 'rho_policy(steps=100,interval=10)/regression/eval.model.beyond=hold: warm', \
         $p1_s6 using 1:2 with lines lt 6 title 'rho_policy(mode=once,steps=100,interval=10)/regression: policy, cold', \
         $p1_s7 using 1:2 with lines lt 7 title 'rho_policy(steps=100,interval=10)/regression: policy, cold', \
         $p1_s8 using 1:2 with lines lt 8 title 'rho_policy(steps=100,interval=10)/regression/eval.model.beyond=hold: policy, cold'

    # ---- panel 2
    set origin 0.50000, 0.26513; set size 0.50000, 0.67723
    unset object; unset arrow; unset logscale; set autoscale
    set title 'residual vs time'
    set xlabel 'seconds per context'
    set ylabel 'residual (mean over contexts; log scale)'
    set format x '% h'
    set logscale y; set format y '%g'
    set grid xtics ytics nomxtics mytics
    set key off
    plot $p2_s1 using 1:2 with lines lt 1 title 'cold', \
         $p2_s2 using 1:2 with lines lt 2 title 'solver_steps(steps=100)/regression: warm', \
         $p2_s3 using 1:2 with lines lt 3 title 'rho_policy(mode=once,steps=100,interval=10)/regression: warm', \
         $p2_s4 using 1:2 with lines lt 4 title 'rho_policy(steps=100,interval=10)/regression: warm', \
         $p2_s5 using 1:2 with lines lt 5 title 'rho_policy(steps=100,interval=10)/regression/eval.model.beyond=hold: warm', \
         $p2_s6 using 1:2 with lines lt 6 title 'rho_policy(mode=once,steps=100,interval=10)/regression: policy, cold', \
         $p2_s7 using 1:2 with lines lt 7 title 'rho_policy(steps=100,interval=10)/regression: policy, cold', \
         $p2_s8 using 1:2 with lines lt 8 title 'rho_policy(steps=100,interval=10)/regression/eval.model.beyond=hold: policy, cold'

    # ---- the key of every panel, below them
    unset object; unset arrow; unset logscale; unset title; unset xlabel; unset ylabel
    unset border; unset tics; unset grid
    set origin 0, 0; set size 1, 0.26513
    set lmargin 0; set rmargin 0; set tmargin 0; set bmargin 0
    set xrange [0:1]; set yrange [0:1]
    set key inside center center horizontal Left reverse samplen 2.5 spacing 1.15 width 2 maxrows 8
    plot keyentry with lines lt 1 title 'cold', \
         keyentry with lines lt 2 title 'solver_steps(steps=100)/regression: warm', \
         keyentry with lines lt 3 title 'rho_policy(mode=once,steps=100,interval=10)/regression: warm', \
         keyentry with lines lt 4 title 'rho_policy(steps=100,interval=10)/regression: warm', \
         keyentry with lines lt 5 title 'rho_policy(steps=100,interval=10)/regression/eval.model.beyond=hold: warm', \
         keyentry with lines lt 6 title 'rho_policy(mode=once,steps=100,interval=10)/regression: policy, cold', \
         keyentry with lines lt 7 title 'rho_policy(steps=100,interval=10)/regression: policy, cold', \
         keyentry with lines lt 8 title 'rho_policy(steps=100,interval=10)/regression/eval.model.beyond=hold: policy, cold', \
         NaN notitle
    set border 3 lw 1 lc rgb '#404040'; set tics; set tics nomirror out scale 0.6
    set lmargin -1; set tmargin -1; set bmargin -1; set rmargin 4
    set key noreverse Right samplen 2.5 spacing 1.15 width 0 maxrows auto
    unset multiplot
    unset output
}
