#!/usr/bin/env perl
# The script helpers: amor.problem (dims, sample with its splits, value, grad, solve),
# eval.track / predict results (returned to Lua and in tracks.csv),
# amor.write_file and amor.plot.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

my $d = tmpdir();
write_file("$d/api.lua", <<'LUA');
local p = amor.problem{"quadratic", dim = 2, cond = 4}
local nx, ny = p:dims()
assert(nx == 2 and ny == 2, "dims")
local xs = p:sample(5, 11)
assert(#xs == 5 and #xs[1] == 2, "sample shape")
local again = p:sample(5, 11)
assert(again[3][2] == xs[3][2], "sample is deterministic for a seed")
local ys = p:solve(xs)
local f, g = p:grad(xs, ys)
local worst = 0
for i = 1, 5 do for j = 1, 2 do worst = math.max(worst, math.abs(g[i][j])) end end
print(string.format("GRAD_AT_YSTAR=%.3e", worst))
-- p:hvp against central differences of p:grad (the quadratic's H = A: exact)
local vs = {{1, 0}, {0, 1}, {0.3, -2}, {1, 1}, {-1, 0.5}}
local hv = p:hvp(xs, ys, vs)
local hworst, h = 0, 1e-3
for i = 1, 5 do
  local yp, ym = {}, {}
  for j = 1, 2 do yp[j], ym[j] = ys[i][j] + h * vs[i][j], ys[i][j] - h * vs[i][j] end
  local _, gp = p:grad({xs[i]}, {yp})
  local _, gm = p:grad({xs[i]}, {ym})
  for j = 1, 2 do hworst = math.max(hworst, math.abs(hv[i][j] - (gp[1][j] - gm[1][j]) / (2 * h))) end
end
print(string.format("HVP_VS_FD=%.3e", hworst))
print("HVP_EMPTY=" .. #p:hvp({}, {}, {}))
-- no rows: no plugin call with n = 0 (the header forbids it), empty answers
print("EMPTY=" .. #p:sample(0, 1) .. #p:value({}, {}) .. #p:solve({}) .. #select(2, p:grad({}, {})))
local okh, errh = pcall(function() return p:hvp(xs, ys, {{1, 0}}) end)
print("HVP_ERROR=" .. tostring(errh))
local f0 = p:value(xs, {{0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}})
assert(f0[1] == 0, "f(0) = 0 for the quadratic")
local res = experiment { name = "api", problems = {{"quadratic", dim = 2}}, models = {"linear"},
  losses = {"objective"}, train = {steps = 40, eval_every = 10}, eval = {contexts = 16, track = 3},
  solver = {iterations = 0}, predict = {{1, 0}, {0, 1}, {2, 2}} }
local r = res[1]
print("TRACK_STEPS=" .. #r.track.steps .. " TRACK_CONTEXTS=" .. #r.track.x .. " PREDICTIONS=" .. #r.predictions)
amor.write_file("notes.md", "| a | b |\n")
-- a label with consecutive quotes (gnuplot 5.4 cannot read the title 'f'''' (y)'), a
-- double quote and a backslash
amor.plot{stem = "line", title = "t", series = {{label = "f''(y) \"q\" \\n", x = {1, 2, 3}, y = {1, 4, 9}}},
          bands = {{label = "b", y = 2, lo = 1, hi = 3}}}
amor.plot_bars{stem = "bars", ylabel = "gap", groups = {"a", "b"}, bars = {"x", "y", "z"},
  value = {{1, 2, 3}, {0.5, 0.7, 0.2}}, err = {{0.1, 0.2, 0.1}, {0.05, 0.1, 0.02}}}
amor.plot_raw{stem = "raw", body = "$d << EOD\n1 2\n2 3\nEOD\nplot $d with lines title 'x'\n"}
local okb, errb = pcall(amor.plot_bars, {stem = "badbars", groups = {"a"}, bars = {"x", "y"}, value = {{1}}})
print("BARS_ERROR=" .. tostring(errb))
local okr, errr = pcall(amor.plot_raw, {stem = "badraw", body = "set terminal dumb\nplot x"})
print("RAW_ERROR=" .. tostring(errr))
local ok, err = pcall(amor.plot, {stem = "bad", series = {{x = {1, 2}, y = {1}}}})
print("PLOT_ERROR=" .. tostring(err))
local ok2, err2 = pcall(amor.problem, {"quadratic", dimm = 3})
print("PROBLEM_ERROR=" .. tostring(err2))
local ok3, err3 = pcall(amor.problem, {"quadratic", dim = "two"})
print("PROBLEM_TYPE_ERROR=" .. tostring(err3))
-- int-list parameters, as in experiment{}: a list, or one integer
local v = amor.problem{"vae", latent = 3, encoder_hidden = {16}, decoder_hidden = 16,
  train_images = 64, decoder_epochs = 1, decoder_batch = 32, cache_dir = amor.path("cache")}
local vx, vy = v:dims()
print("VAE_DIMS=" .. vx .. "x" .. vy)
-- splits: vae's held-out contexts are test images, quadratic has one p(x)
local function same_rows(a, b)
  for i = 1, #a do for j = 1, #a[i] do if a[i][j] ~= b[i][j] then return false end end end
  return #a == #b
end
local vt, vh = v:sample(3, 5), v:sample(3, 5, "heldout")
print("VAE_SPLITS_DIFFER=" .. tostring(same_rows(vt, v:sample(3, 5, "train")) and not same_rows(vt, vh)))
print("QUAD_SPLITS_SAME=" .. tostring(same_rows(p:sample(4, 9, "heldout"), p:sample(4, 9))))
local ok5, err5 = pcall(function() return v:sample(3, 5, "test") end)
print("SPLIT_ERROR=" .. tostring(err5))
local ok4, err4 = pcall(amor.problem, {"vae", encoder_hidden = {16, "wide"}})
print("LIST_ERROR=" .. tostring(err4))
LUA
my $r = amor("run", "$d/api.lua", "--out", "$d/o");
is($r->{status}, 0, "script using the helpers runs") or diag($r->{err});
my ($g) = $r->{out} =~ /GRAD_AT_YSTAR=(\S+)/;
ok(defined $g && $g < 1e-12, "amor.problem: gradient at solve()'s y* vanishes (" . ($g // 'none') . ")");
my ($hvp) = $r->{out} =~ /HVP_VS_FD=(\S+)/;
ok(defined $hvp && $hvp < 1e-9, "amor.problem: p:hvp equals central differences of p:grad (" . ($hvp // 'none') . ")");
like($r->{out}, qr/HVP_EMPTY=0\b/, "p:hvp of no rows is no rows (the plugin is not called with n = 0)");
like($r->{out}, qr/EMPTY=0000\b/, "sample/value/solve/grad of no rows: no rows");
like($r->{out}, qr/HVP_ERROR=.*hvp: 5 contexts, 5 solutions and 1 directions/, "p:hvp: mismatched row counts named");
like($r->{out}, qr/TRACK_STEPS=5 TRACK_CONTEXTS=3 PREDICTIONS=3/, "track (steps 0,10..40) and predictions returned to Lua");
my ($h, $rows) = read_csv("$d/o/tracks.csv");
is_deeply($h, [qw(experiment cell step context var index value)], "tracks.csv schema");
is(scalar(grep { $_->{var} eq 'yhat' } @$rows), 5 * 3 * 2, "tracks.csv: 5 steps x 3 contexts x 2 components");
is(scalar(grep { $_->{var} eq 'x' } @$rows), 3 * 2, "tracks.csv: the tracked contexts");
ok(-s "$d/o/notes.md", "amor.write_file writes under the output directory");
ok(-s "$d/o/line.gp" && -s "$d/o/line.png" && -s "$d/o/line.svg", "amor.plot writes .gp, .png, .svg");
my $svg = do { local (@ARGV, $/) = ("$d/o/line.svg"); <> };
like($svg, qr/f''\(y\) (?:"|&quot;)q(?:"|&quot;) \\n/, "amor.plot: a label with f'', a double quote and a backslash comes out as written");
ok(-s "$d/o/bars.png" && -s "$d/o/bars.gp", "amor.plot_bars renders");
ok(-s "$d/o/raw.png" && -s "$d/o/raw.svg", "amor.plot_raw renders a caller-written body");
like($r->{out}, qr/BARS_ERROR=.*'value' row 1 must have 2 numbers/, "amor.plot_bars: shape errors named");
like($r->{out}, qr/RAW_ERROR=.*terminal/, "amor.plot_raw: a body setting the terminal is refused");
ok(!-e "$d/o/badraw.png", "amor.plot_raw: no image for a refused body");
like($r->{out}, qr/PLOT_ERROR=.*series 1 has 2 x and 1 y values/, "amor.plot: mismatched lengths are an error");
like($r->{out}, qr/PROBLEM_ERROR=.*unknown parameter 'dimm' for problem 'quadratic'/, "amor.problem: parameters validated");
like($r->{out}, qr/PROBLEM_TYPE_ERROR=.*parameter 'dim' of problem 'quadratic' must be of type int, got string/,
     "amor.problem: a value of the wrong type named with both types (as in experiment{})");
like($r->{out}, qr/VAE_DIMS=784x6/, "amor.problem: int-list parameters from a list and from one integer");
like($r->{out}, qr/VAE_SPLITS_DIFFER=true/,
     "p:sample(n, seed, 'heldout') draws vae's held-out split; 'train' is the default");
like($r->{out}, qr/QUAD_SPLITS_SAME=true/, "a problem without sample_split: both splits are sample()");
like($r->{out}, qr/SPLIT_ERROR=.*bad argument #3 to 'sample' \(invalid option 'test'\)/,
     "p:sample: an unknown split is an error naming the argument");
my @cached = glob("$d/o/cache/vae-decoder-*.bin");
is(scalar(@cached), 1, "amor.problem{vae}: its decoder cached where cache_dir says");
like($r->{out}, qr/LIST_ERROR=.*parameter 'encoder_hidden' of problem 'vae' must be of type int list, got table/,
     "amor.problem: a list with a non-integer is refused, naming the parameter");
# The amor table holds the public module only: the host's helpers the prelude
# calls (they were amor._cell, amor._run_all, ...) are upvalues of the
# prelude, out of a script's reach; the globals amor adds are amor and
# experiment.
write_file("$d/surface.lua", <<'LUA');
local names = {}
for k in pairs(amor) do names[#names + 1] = k end
table.sort(names)
print("AMOR=" .. table.concat(names, ","))
local seen = {}
for _, k in ipairs{"_cell", "_id", "_run", "_run_all", "_finish", "_outdir", "_list_fault",
                   "_plugin_param", "_on_write", "_set", "_quiet", "_check_settings", "cell",
                   "run_all", "finish", "set", "quiet", "on_write"} do
  if amor[k] ~= nil then seen[#seen + 1] = k end
end
print("INTERNALS=" .. table.concat(seen, ","))
local std = {}
for k in ("_G _VERSION arg assert collectgarbage coroutine debug dofile error getmetatable io " ..
          "ipairs load loadfile math next os package pairs pcall print rawequal rawget rawlen " ..
          "rawset require select setmetatable string table tonumber tostring type utf8 warn " ..
          "xpcall"):gmatch("%S+") do std[k] = true end
local extra = {}
for k in pairs(_G) do if not std[k] then extra[#extra + 1] = k end end
table.sort(extra)
print("GLOBALS=" .. table.concat(extra, ","))
LUA
$r = amor('run', "$d/surface.lua", '--out', "$d/surface");
is($r->{status}, 0, "a script listing the amor table runs") or diag($r->{err});
like($r->{out}, qr/^AMOR=describe,experiment,list,mean_std,minmax,path,plot,plot_bars,plot_multi,plot_raw,problem,read_csv,run_cell,setting,settings,sweep,version,write_file$/m,
     "the amor table: the public functions and fields, nothing else");
like($r->{out}, qr/^INTERNALS=$/m, "amor._cell, amor._run_all, ... are nil in a script");
like($r->{out}, qr/^GLOBALS=amor,experiment$/m, "the globals amor adds: amor and experiment");
done_testing();
