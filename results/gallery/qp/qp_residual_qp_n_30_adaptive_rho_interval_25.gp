# qp_residual_qp_n_30_adaptive_rho_interval_25.gp -- a figure written by amor.  Restyle freely, then rerun
#     gnuplot path/to/this.gp
# from any directory: the .png and .svg are rewritten beside this script.
# Data points that cannot be plotted (NaN, Inf, <= 0 on a log axis) are
# left out of the datablocks, each with a comment saying why.

# ---- panel 1 data
# series 1: cold (128 points)
$p1_s1 << EOD
# x y
0 0.6951370837090654
100 0.007452275095242534
200 0.0018997803822975612
300 0.0009477356631392607
400 0.00030909476656809046
500 0.00015387360709439267
600 0.0001110786931645939
700 3.665380284681884e-05
800 1.9425005074486754e-05
900 1.2761478041840208e-05
1000 9.00086463577163e-06
1100 6.735826993472233e-06
1200 4.972140954859634e-06
1300 3.850498025565497e-06
1400 3.055756825580489e-06
1500 2.473248935236551e-06
1600 4.188996049006353e-06
1700 1.6478330110696743e-06
1800 2.011190689291194e-06
1900 1.128649599919123e-06
2000 1.1245667796987008e-06
2100 8.072894575675188e-07
2200 7.242771740578599e-07
2300 6.306036217408326e-07
2400 5.528781117450512e-07
2500 4.2283892980663135e-07
2600 3.8438730854088993e-07
2700 3.285156838080352e-07
2800 2.971746578484948e-07
2900 2.643954953080979e-07
3000 2.3976694852494727e-07
3100 2.170143976634107e-07
3200 1.979377974626405e-07
3300 1.8091948643777894e-07
3400 1.6610310344688846e-07
3500 1.529485989497942e-07
3600 1.4131564822917952e-07
3700 1.3095041478275277e-07
3800 1.217002821143598e-07
3900 1.1340968348588701e-07
4000 1.0595751014499531e-07
4100 9.923557397808168e-08
4200 9.31531999046983e-08
4300 8.763168809874952e-08
4400 8.260362532379366e-08
4500 7.801071910426992e-08
4600 7.380262842807682e-08
4700 6.993572914457489e-08
4800 6.637216874656973e-08
4900 6.30790321155069e-08
5000 6.002764519609397e-08
5100 5.71929800310973e-08
5200 5.455314854718448e-08
5300 5.208897042984174e-08
5400 4.978360382961587e-08
5500 4.762222953001764e-08
5600 4.5591779700455723e-08
5700 4.3680705607855607e-08
5800 4.1878778074648944e-08
5900 4.017691529792339e-08
6000 3.856703526452334e-08
6100 3.70419279200248e-08
6200 3.559514546521864e-08
6300 3.422090703497331e-08
6400 3.29140166711888e-08
6500 3.166979192912721e-08
6600 3.0484002491375384e-08
6700 2.9352816352545276e-08
6800 2.8272753652072156e-08
6900 2.7240645826253887e-08
7000 2.6253600726108882e-08
7100 2.5308971819757728e-08
7200 2.4404331262309263e-08
7300 2.353744659785606e-08
7400 2.2706260007194597e-08
7500 2.19088705802258e-08
7600 2.1143518254963984e-08
7700 2.0408569863708643e-08
7800 1.9702507164788847e-08
7900 1.9023915588019346e-08
8000 1.8371474818461012e-08
8100 1.7743950460814124e-08
8200 1.7140186114383243e-08
8300 1.6559096921024674e-08
8400 1.5999663573103752e-08
8500 1.5460926689979355e-08
8600 1.494198232843285e-08
8700 1.4441977377683731e-08
8800 1.3960106036568113e-08
8900 1.3495605935508902e-08
9000 1.3047755173695931e-08
9100 1.2615869498305352e-08
9200 1.2199299534047327e-08
9300 1.179742865373587e-08
9400 1.1409670681219106e-08
9500 1.1035467738221266e-08
9600 1.0674288895493048e-08
9700 1.032562813744996e-08
9800 9.989003007935796e-09
9900 9.663953197130419e-09
10000 9.350039241109156e-09
10100 9.046841284190288e-09
10200 8.753958040766308e-09
10300 8.471005741422831e-09
10400 8.19761725718898e-09
10500 7.933441060491502e-09
10600 7.678140520228733e-09
10700 7.431393119526339e-09
10800 7.192889700037211e-09
10900 6.962333803427667e-09
11000 6.7394410795085285e-09
11100 6.5239386906816645e-09
11200 6.315564690083241e-09
11300 6.114067551701272e-09
11400 5.9192056245958765e-09
11500 5.730746812721959e-09
11600 5.548467941101491e-09
11700 5.3721545352501005e-09
11800 5.201600382473104e-09
11900 5.03660692703176e-09
12000 4.876983356954313e-09
12100 4.722545934468441e-09
12200 4.5731177772277005e-09
12300 4.428528597534833e-09
12400 4.288614476245972e-09
12500 4.1532174320822495e-09
12600 4.022185245805771e-09
12642 3.968417910912969e-09
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
EOD
# series 2: warm (128 points)
$p1_s2 << EOD
# x y
0 0.6459136361374825
100 0.007484331045439107
200 0.0019949900553558166
300 0.0008335830864475962
400 0.00033473111301562627
500 0.00019024671165444672
600 0.00010984821900897758
700 4.31083115532623e-05
800 2.6411390635109283e-05
900 1.9257660178933363e-05
1000 2.367482439891091e-05
1100 9.582348915218211e-06
1200 6.06360461151823e-06
1300 4.533353650544081e-06
1400 3.4388271140642867e-06
1500 2.756045042420072e-06
1600 4.436316901519958e-06
1700 1.852634113660286e-06
1800 2.1503530604243277e-06
1900 1.2429589640062537e-06
2000 1.2119768967070157e-06
2100 8.811753950681476e-07
2200 7.946419533726009e-07
2300 6.704347489715269e-07
2400 6.00208672191717e-07
2500 4.524925896289222e-07
2600 4.1288644817062226e-07
2700 3.5080551744041403e-07
2800 3.161444278157689e-07
2900 2.8001265693279046e-07
3000 2.527881625882809e-07
3100 2.2785607527659724e-07
3200 2.0700356009223488e-07
3300 1.8851104035254562e-07
3400 1.7246756882954918e-07
3500 1.5829351497881408e-07
3600 1.4580542289880217e-07
3700 1.3472454860766775e-07
3800 1.2487170558291664e-07
3900 1.1607295467394034e-07
4000 1.0819073004018334e-07
4100 1.011041488782766e-07
4200 9.471179922679113e-08
4300 8.89263289001382e-08
4400 8.36731161066243e-08
4500 7.888794113354819e-08
4600 7.451552280121596e-08
4700 7.050812497413316e-08
4800 6.682444762227716e-08
4900 6.342867758041103e-08
5000 6.028969253767061e-08
5100 5.738038828013348e-08
5200 5.467710850030993e-08
5300 5.2159161362601437e-08
5400 4.980840818257815e-08
5500 4.7608912897355973e-08
5600 4.554664340601206e-08
5700 4.360921554422249e-08
5800 4.1785674584662854e-08
5900 4.006630729200092e-08
6000 3.844248084168945e-08
6100 3.6906504105989135e-08
6200 3.545150846380415e-08
6300 3.407134447720192e-08
6400 3.276049326811926e-08
6500 3.151398922319252e-08
6600 3.032735370836398e-08
6700 2.919653702425606e-08
6800 2.8117868382019812e-08
6900 2.708801210927146e-08
7000 2.6103929745594883e-08
7100 2.5162846717715126e-08
7200 2.4262223561471718e-08
7300 2.339973047097431e-08
7400 2.2573224962810362e-08
7500 2.1780732716354503e-08
7600 2.102043020398989e-08
7700 2.029062956854205e-08
7800 1.9589765397332786e-08
7900 1.8916383009992926e-08
8000 1.8269127952628833e-08
8100 1.7646736945994832e-08
8200 1.704802939710517e-08
8300 1.647190036898691e-08
8400 1.5917314020011074e-08
8500 1.5383297709361455e-08
8600 1.4868936797578126e-08
8700 1.4373370113434237e-08
8800 1.3895785665263484e-08
8900 1.3435416752125031e-08
9000 1.2991538869810791e-08
9100 1.2563466293272655e-08
9200 1.215054951057724e-08
9300 1.1752172485803437e-08
9400 1.1367750651445209e-08
9500 1.0996728499803279e-08
9600 1.0638577879307797e-08
9700 1.02927961245359e-08
9800 9.95890446154924e-09
9900 9.636446631221179e-09
10000 9.324987430459004e-09
10100 9.024111392497038e-09
10200 8.733421825352072e-09
10300 8.452539687189211e-09
10400 8.18110239945032e-09
10500 7.918763236055336e-09
10600 7.66519023262699e-09
10700 7.420065475695991e-09
10800 7.1830844315430555e-09
10900 6.953955140561305e-09
11000 6.7323976793051576e-09
11100 6.5181434624231306e-09
11200 6.310934698712608e-09
11300 6.110524008325754e-09
11400 5.916673687390567e-09
11500 5.729155414736635e-09
11600 5.547749683652185e-09
11700 5.3722456220450935e-09
11800 5.202440313896759e-09
11900 5.038138661677723e-09
12000 4.879152885195825e-09
12100 4.725302226764342e-09
12200 4.576412786312926e-09
12300 4.432316972593961e-09
12400 4.292853495970397e-09
12500 4.157866907782926e-09
12600 4.02720739846366e-09
12657 3.954612115994617e-09
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
EOD

# ---- panel 2 data
# series 1: cold (128 points)
$p2_s1 << EOD
# x y
0 0.6951370837090654
0.0009720667070380884 0.007452275095242534
0.0019005055312577568 0.0018997803822975612
0.0028263398593759703 0.0009477356631392607
0.003746537210945533 0.00030909476656809046
0.0046744150546942365 0.00015387360709439267
0.005614615265630896 0.0001110786931645939
0.006551339304690096 3.665380284681884e-05
0.00748484652343695 1.9425005074486754e-05
0.008408350300780576 1.2761478041840208e-05
0.009337478988279635 9.00086463577163e-06
0.010259531937502508 6.735826993472233e-06
0.011190375519536389 4.972140954859634e-06
0.012123344074225884 3.850498025565497e-06
0.013049623394540966 3.055756825580489e-06
0.013978213402347173 2.473248935236551e-06
0.014905757292976496 4.188996049006353e-06
0.01582328980860659 1.6478330110696743e-06
0.016747713031259437 2.011190689291194e-06
0.017664419042974444 1.128649599919123e-06
0.018579200125010686 1.1245667796987008e-06
0.019499274757819762 8.072894575675188e-07
0.020411393308600978 7.242771740578599e-07
0.021324777894546898 6.306036217408326e-07
0.022245538789080754 5.528781117450512e-07
0.023206842953146456 4.2283892980663135e-07
0.024134659359400068 3.8438730854088993e-07
0.025072405328152136 3.285156838080352e-07
0.026003013015653664 2.971746578484948e-07
0.02692565886330822 2.643954953080979e-07
0.027842170082052142 2.3976694852494727e-07
0.02876740503908426 2.170143976634107e-07
0.029690818628930415 1.979377974626405e-07
0.03061798280080641 1.8091948643777894e-07
0.031530498398462115 1.6610310344688846e-07
0.03244359243361927 1.529485989497942e-07
0.0333604664297118 1.4131564822917952e-07
0.03430298996878012 1.3095041478275277e-07
0.035224182187521436 1.217002821143598e-07
0.036133827703148214 1.1340968348588701e-07
0.037056568222681996 1.0595751014499531e-07
0.037972965464878605 9.923557397808168e-08
0.03890950294144169 9.31531999046983e-08
0.039827821406285935 8.763168809874952e-08
0.04074551421488248 8.260362532379366e-08
0.04166359239456785 7.801071910426992e-08
0.042588053230502965 7.380262842807682e-08
0.0435179576015976 6.993572914457489e-08
0.04445724579300503 6.637216874656973e-08
0.04538807926175181 6.30790321155069e-08
0.046308517757847056 6.002764519609397e-08
0.04723625857424896 5.71929800310973e-08
0.04816197047268567 5.455314854718448e-08
0.049085497957062074 5.208897042984174e-08
0.05002080339065529 4.978360382961587e-08
0.05094937077346362 4.762222953001764e-08
0.05188931947269104 4.5591779700455723e-08
0.05281817614456408 4.3680705607855607e-08
0.05374776933207137 4.1878778074648944e-08
0.05467750306253727 4.017691529792339e-08
0.05562008835941157 3.856703526452334e-08
0.05654960180863711 3.70419279200248e-08
0.057492647281295994 3.559514546521864e-08
0.05841847095317121 3.422090703497331e-08
0.05935815730864302 3.29140166711888e-08
0.060298498281294854 3.166979192912721e-08
0.06123999250785328 3.0484002491375384e-08
0.062166448273480945 2.9352816352545276e-08
0.06309104999613879 2.8272753652072156e-08
0.06404091359379382 2.7240645826253887e-08
0.06498624888675764 2.6253600726108882e-08
0.06592622585160335 2.5308971819757728e-08
0.06684666714066267 2.4404331262309263e-08
0.06777187202347879 2.353744659785606e-08
0.06869419006253885 2.2706260007194597e-08
0.06961312439456702 2.19088705802258e-08
0.07053632058207082 2.1143518254963984e-08
0.07147898729691526 2.0408569863708643e-08
0.07240737594144697 1.9702507164788847e-08
0.0733336890273808 1.9023915588019346e-08
0.0742631442539432 1.8371474818461012e-08
0.07519399716410113 1.7743950460814124e-08
0.07610177971879217 1.7140186114383243e-08
0.07701758027347783 1.6559096921024674e-08
0.0779481986719146 1.5999663573103752e-08
0.07886129831253719 1.5460926689979355e-08
0.079731074664104 1.494198232843285e-08
0.08064697598832105 1.4441977377683731e-08
0.08155674957425774 1.3960106036568113e-08
0.08246414189457063 1.3495605935508902e-08
0.08337454644535214 1.3047755173695931e-08
0.0842854585820687 1.2615869498305352e-08
0.08520105120316401 1.2199299534047327e-08
0.08611623342582497 1.179742865373587e-08
0.0870249681484756 1.1409670681219106e-08
0.08793962439456937 1.1035467738221266e-08
0.08885128194144265 1.0674288895493048e-08
0.08977336360940757 1.032562813744996e-08
0.09069639335159252 9.989003007935796e-09
0.09160777771487272 9.663953197130419e-09
0.09251349775784679 9.350039241109156e-09
0.09342798583597212 9.046841284190288e-09
0.09433724111331543 8.753958040766308e-09
0.09524328403909355 8.471005741422831e-09
0.0961690528047221 8.19761725718898e-09
0.09709713706253531 7.933441060491502e-09
0.0980297452109653 7.678140520228733e-09
0.09896082046877819 7.431393119526339e-09
0.09988382707033772 7.192889700037211e-09
0.10081205170705676 6.962333803427667e-09
0.10173925736720957 6.7394410795085285e-09
0.10265509169142639 6.5239386906816645e-09
0.10358683638282784 6.315564690083241e-09
0.10451534935938689 6.114067551701272e-09
0.10545074107032715 5.9192056245958765e-09
0.10638167498048201 5.730746812721959e-09
0.10730667132423122 5.548467941101491e-09
0.10824565112110385 5.3721545352501005e-09
0.10917065448829089 5.201600382473104e-09
0.11009487147267638 5.03660692703176e-09
0.11101697965626656 4.876983356954313e-09
0.11194775880470154 4.722545934468441e-09
0.11287893394532311 4.5731177772277005e-09
0.11380948558594639 4.428528597534833e-09
0.11473723077735265 4.288614476245972e-09
0.11566840392968913 4.1532174320822495e-09
0.11660235732030699 4.022185245805771e-09
0.11699785567967957 3.968417910912969e-09
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
EOD
# series 2: warm (128 points)
$p2_s2 << EOD
# x y
0 0.6459136361374825
0.0009842899296801377 0.007484331045439107
0.0019086916484312155 0.0019949900553558166
0.0028483518906288197 0.0008335830864475962
0.0037728079648466917 0.00033473111301562627
0.004701561613281058 0.00019024671165444672
0.005623806023431044 0.00010984821900897758
0.006554320808600522 4.31083115532623e-05
0.007471462742195456 2.6411390635109283e-05
0.008412008433596796 1.9257660178933363e-05
0.009345424359375798 2.367482439891091e-05
0.01026930632813361 9.582348915218211e-06
0.01119564550781682 6.06360461151823e-06
0.012121180460944458 4.533353650544081e-06
0.013045676796869188 3.4388271140642867e-06
0.013970623503908541 2.756045042420072e-06
0.014898886695316804 4.436316901519958e-06
0.01582252872657186 1.852634113660286e-06
0.016763002453130227 2.1503530604243277e-06
0.01769131037891114 1.2429589640062537e-06
0.0186202260273447 1.2119768967070157e-06
0.019552810175788693 8.811753950681476e-07
0.02047415178125611 7.946419533726009e-07
0.02140274385936536 6.704347489715269e-07
0.022334737828103357 6.00208672191717e-07
0.02325252017185342 4.524925896289222e-07
0.024184647691384953 4.1288644817062226e-07
0.025101182015601964 3.5080551744041403e-07
0.026023735355442668 3.161444278157689e-07
0.02694663302340139 2.8001265693279046e-07
0.02785847114058093 2.527881625882809e-07
0.02878780581636775 2.2785607527659724e-07
0.02971034853121779 2.0700356009223488e-07
0.03062834637887235 1.8851104035254562e-07
0.03154691860152781 1.7246756882954918e-07
0.032459920496055616 1.5829351497881408e-07
0.0333733771171385 1.4580542289880217e-07
0.03429882568746656 1.3472454860766775e-07
0.03522389214059274 1.2487170558291664e-07
0.03615574352731166 1.1607295467394034e-07
0.03707915029293751 1.0819073004018334e-07
0.0380031098280913 1.011041488782766e-07
0.038927057925759456 9.471179922679113e-08
0.039859886144510526 8.89263289001382e-08
0.04079209851560961 8.36731161066243e-08
0.04172287124607621 7.888794113354819e-08
0.042658973554670965 7.451552280121596e-08
0.04358762199217736 7.050812497413316e-08
0.04452052950780505 6.682444762227716e-08
0.0454462537656255 6.342867758041103e-08
0.04637227026563551 6.028969253767061e-08
0.04729864335548761 5.738038828013348e-08
0.04821797210939671 5.467710850030993e-08
0.04913192815627454 5.2159161362601437e-08
0.05005253049611902 4.980840818257815e-08
0.05096974082424843 4.7608912897355973e-08
0.051896815281269326 4.554664340601206e-08
0.052821438214861516 4.360921554422249e-08
0.053743938667988544 4.1785674584662854e-08
0.05466879074612585 4.006630729200092e-08
0.055589395722686064 3.844248084168945e-08
0.05650986198048713 3.6906504105989135e-08
0.05742586077346523 3.545150846380415e-08
0.058345637320345034 3.407134447720192e-08
0.05928047499221556 3.276049326811926e-08
0.060209731984400605 3.151398922319252e-08
0.06113449071095722 3.032735370836398e-08
0.06205303083204505 2.919653702425606e-08
0.06297860094533725 2.8117868382019812e-08
0.06390857989454624 2.708801210927146e-08
0.06482933882814557 2.6103929745594883e-08
0.06575560968753358 2.5162846717715126e-08
0.06668887406251756 2.4262223561471718e-08
0.06762414523828753 2.339973047097431e-08
0.06855584101563039 2.2573224962810362e-08
0.06949728519140841 2.1780732716354503e-08
0.07043366748827928 2.102043020398989e-08
0.07137607099220133 2.029062956854205e-08
0.07230231788282282 1.9589765397332786e-08
0.07323796432814156 1.8916383009992926e-08
0.07417680934767823 1.8269127952628833e-08
0.07510860136719977 1.7646736945994832e-08
0.07602810527735215 1.704802939710517e-08
0.07696191665626095 1.647190036898691e-08
0.07789439173047619 1.5917314020011074e-08
0.07883718732033351 1.5383297709361455e-08
0.07977046934376553 1.4868936797578126e-08
0.08069371083594667 1.4373370113434237e-08
0.0816182020586016 1.3895785665263484e-08
0.08253445943359061 1.3435416752125031e-08
0.0834628173515668 1.2991538869810791e-08
0.08438624060937627 1.2563466293272655e-08
0.08531075809376887 1.215054951057724e-08
0.086234652386727 1.1752172485803437e-08
0.08716465374220306 1.1367750651445209e-08
0.08809677088673062 1.0996728499803279e-08
0.08903336894531932 1.0638577879307797e-08
0.0899590681875111 1.02927961245359e-08
0.09090014219142972 9.95890446154924e-09
0.09184042114064717 9.636446631221179e-09
0.09277054764454284 9.324987430459004e-09
0.09370320913673069 9.024111392497038e-09
0.0946477273281392 8.733421825352072e-09
0.09558839249220519 8.452539687189211e-09
0.09651955592580563 8.18110239945032e-09
0.09745892108987242 7.918763236055336e-09
0.09840338251955671 7.66519023262699e-09
0.09935878829299227 7.420065475695991e-09
0.10030806739065667 7.1830844315430555e-09
0.10124407759378329 6.953955140561305e-09
0.10218399247660592 6.7323976793051576e-09
0.10312807678129055 6.5181434624231306e-09
0.1040675453281743 6.310934698712608e-09
0.10499188721880515 6.110524008325754e-09
0.10592722047661063 5.916673687390567e-09
0.10686290777347729 5.729155414736635e-09
0.10778966193754336 5.547749683652185e-09
0.10871530167191601 5.3722456220450935e-09
0.10964908541410345 5.202440313896759e-09
0.11057310944145016 5.038138661677723e-09
0.11151277526957593 4.879152885195825e-09
0.11244275206254528 4.725302226764342e-09
0.1133704721250588 4.576412786312926e-09
0.11430482964849809 4.432316972593961e-09
0.11523358814849516 4.292853495970397e-09
0.1161652011524037 4.157866907782926e-09
0.11710324979693176 4.02720739846366e-09
0.11763834267974893 3.954612115994617e-09
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
amor_out(ext) = amor_dir . 'qp_residual_qp_n_30_adaptive_rho_interval_25.' . ext . amor_suffix

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
        set terminal pngcairo size 1400,554 noenhanced font 'Sans,11' rounded
    } else {
        set terminal svg size 1400,554 dynamic noenhanced font 'Sans,11' rounded background '#ffffff'
    }
    set output amor_out(amor_fmt)
    set multiplot title 'qp: qp(n=30,adaptive_rho_interval=25), its own method cold and warm (1 seed)' font ',13'

    # ---- panel 1
    set origin 0.00000, 0.07942; set size 0.50000, 0.84838
    unset object; unset arrow; unset logscale; set autoscale
    set title 'residual vs iterations'
    set xlabel 'iterations'
    set ylabel 'residual (mean over contexts; log scale)'
    set format x '% h'
    set logscale y; set format y '%g'
    set grid xtics ytics nomxtics mytics
    set key off
    plot $p1_s1 using 1:2 with lines lt 1 title 'cold', \
         $p1_s2 using 1:2 with lines lt 2 title 'warm'

    # ---- panel 2
    set origin 0.50000, 0.07942; set size 0.50000, 0.84838
    unset object; unset arrow; unset logscale; set autoscale
    set title 'residual vs time'
    set xlabel 'seconds per context'
    set ylabel 'residual (mean over contexts; log scale)'
    set format x '% h'
    set logscale y; set format y '%g'
    set grid xtics ytics nomxtics mytics
    set key off
    plot $p2_s1 using 1:2 with lines lt 1 title 'cold', \
         $p2_s2 using 1:2 with lines lt 2 title 'warm'

    # ---- the key of every panel, below them
    unset object; unset arrow; unset logscale; unset title; unset xlabel; unset ylabel
    unset border; unset tics; unset grid
    set origin 0, 0; set size 1, 0.07942
    set lmargin 0; set rmargin 0; set tmargin 0; set bmargin 0
    set xrange [0:1]; set yrange [0:1]
    set key inside center center horizontal Left reverse samplen 2.5 spacing 1.15 width 2 maxrows 1
    plot keyentry with lines lt 1 title 'cold', \
         keyentry with lines lt 2 title 'warm', \
         NaN notitle
    set border 3 lw 1 lc rgb '#404040'; set tics; set tics nomirror out scale 0.6
    set lmargin -1; set tmargin -1; set bmargin -1; set rmargin 4
    set key noreverse Right samplen 2.5 spacing 1.15 width 0 maxrows auto
    unset multiplot
    unset output
}
