#!/usr/bin/env perl
# Checkpoints: train.save_model writes theta per cell to
# <out>/models/<key>.amor in the documented format (runs.csv column
# checkpoint, the Lua result's checkpoint); train.init_from with steps = 0
# reproduces the saved cell's held-out objective exactly, with steps > 0
# fine-tunes starting from it; init_from is part of the content key; resume
# reruns a cell whose checkpoint is gone; truncated, corrupted, renamed and
# mismatched checkpoints (other model, other sizes) are refused, each with
# its message.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;

my $d = tmpdir();
my $out = "$d/out";

my $COMMON = <<'LUA';
local P = {"quadratic", dim = 4, cond = 10}
local E = {contexts = 64, timing = 0}
local S = {iterations = 0}
LUA

# ---- save -------------------------------------------------------------------
write_file("$d/save.lua", $COMMON . <<'LUA');
local r = experiment { name = "save", problems = {P}, models = {"linear", {"mlp", hidden = {16}}},
  losses = {"objective"}, seeds = {1, 2}, train = {steps = 150, lr = 3e-3, eval_every = 50, save_model = true},
  eval = E, solver = S }
for _, c in ipairs(r) do print("CHECKPOINT " .. c.cell .. " " .. tostring(c.checkpoint)) end
LUA
my $r = amor("run", "$d/save.lua", "--out", $out, "--quiet");
is($r->{status}, 0, "training with save_model = true exits 0") or diag($r->{err});
my ($h, $rows) = read_csv("$out/runs.csv");
is(scalar @$rows, 4, "4 cells");
my @want17 = qw(experiment cell problem model loss seed status error train_steps train_seconds
                eval_contexts objective_mean objective_std optimal_objective_mean gap_mean
                distance_mean infer_seconds);
is_deeply([@$h[0 .. 16]], \@want17, "runs.csv: the first 17 columns unchanged");
my ($ck_at) = grep { $h->[$_] eq 'checkpoint' } 0 .. $#$h;
my ($key_at) = grep { $h->[$_] eq 'key' } 0 .. $#$h;
ok(defined $ck_at && $ck_at == $key_at + 1, "runs.csv: column checkpoint right after key");
my %by = map { ("$_->{model}/$_->{seed}" => $_) } @$rows;
for my $row (@$rows) {
    is($row->{checkpoint}, "models/$row->{key}.amor", "$row->{cell}: checkpoint = models/<key>.amor");
    ok(-s "$out/$row->{checkpoint}", "$row->{cell}: the file exists");
    like($r->{out}, qr/^CHECKPOINT \Q$row->{cell}\E \Q$out\/models\/$row->{key}.amor\E$/m,
         "$row->{cell}: the Lua result's checkpoint is the path");
}
is(scalar(grep { /\.tmp/ } glob("$out/models/*")), 0, "no temporary files left in models/");

# ---- the format, byte by byte --------------------------------------------------
my $mlp1 = $by{"mlp/1"};
my $bytes = read_file("$out/$mlp1->{checkpoint}");
my $n = $mlp1->{num_params};
is(substr($bytes, 0, 8), "AMORCKPT", "magic AMORCKPT");
my ($ver, $abi, $klen) = unpack("V V V", substr($bytes, 8, 12));
is($ver, 2, "format version 2 (u32 LE)");
is($abi, 1, "ABI version 1 (u32 LE)");
is(substr($bytes, 20, $klen), $mlp1->{key}, "the key of the cell that saved it, length-prefixed");
my $nlen = unpack("V", substr($bytes, 20 + $klen, 4));
is(substr($bytes, 24 + $klen, $nlen), "mlp", "model name, length-prefixed");
my $at = 24 + $klen + $nlen;
my ($lo, $hi) = unpack("V V", substr($bytes, $at, 8));
is($lo + 2**32 * $hi, $n, "u64 parameter count = runs.csv num_params ($n)");
$at += 8;
my $plen = unpack("V", substr($bytes, $at, 4));
my $ptext = substr($bytes, $at + 4, $plen);
like($ptext, qr/^mlp\(hidden=16,activation=relu,/, "the model parameters as canonical text ($ptext)");
$at += 4 + $plen;
is_deeply([unpack("V V V V", substr($bytes, $at, 16))], [4, 0, 4, 0], "u64 nx = 4, u64 ny = 4");
$at += 16;
is(length($bytes), $at + 8 * $n + 8, "then theta (8 bytes each) and the 8-byte checksum");
my @theta = unpack("d<*", substr($bytes, $at, 8 * $n));
is(scalar(grep { $_ != $_ || abs($_) > 1e6 } @theta), 0, "theta: finite IEEE doubles");

# ---- evaluate and fine-tune from a checkpoint --------------------------------
my $ckpath = "$out/$mlp1->{checkpoint}";
write_file("$d/use.lua", $COMMON . <<'LUA');
local key, path = amor.setting("key"), amor.setting("path")
local ev = experiment { name = "evaluate", problems = {P}, models = {{"mlp", hidden = {16}}},
  losses = {"objective"}, seeds = {1}, train = {steps = 0, init_from = path}, eval = E, solver = S }
local ft = experiment { name = "finetune", problems = {P}, models = {{"mlp", hidden = {16}}},
  losses = {"objective"}, seeds = {1}, train = {steps = 60, lr = 1e-3, eval_every = 20, init_from = key},
  eval = E, solver = S }
print("EVKEY " .. ev[1].key)
LUA
$r = amor("run", "$d/use.lua", "--out", $out, "--quiet", "--set", "key=$mlp1->{key}", "--set", "path=$ckpath");
is($r->{status}, 0, "init_from by path (steps = 0) and by key (steps = 60) exit 0") or diag($r->{err});
($h, $rows) = read_csv("$out/runs.csv");
my ($ev) = grep { $_->{experiment} eq 'evaluate' } @$rows;
my ($ft) = grep { $_->{experiment} eq 'finetune' } @$rows;
is($ev->{status}, 'ok', "evaluate-only cell ok");
is($ev->{train_steps}, 0, "steps = 0: no training step");
is($ev->{objective_mean}, $mlp1->{objective_mean},
   "steps = 0 reproduces the saved cell's held-out objective exactly ($mlp1->{objective_mean})");
is($ev->{gap_mean}, $mlp1->{gap_mean}, "... and its gap");
is($ev->{initial_objective_mean}, $mlp1->{objective_mean}, "... which is also its initial objective");
isnt($ev->{initial_objective_mean}, $mlp1->{initial_objective_mean},
     "not the untrained model's objective ($mlp1->{initial_objective_mean})");
is($ev->{checkpoint}, '', "no save_model: checkpoint column empty");
is($ft->{status}, 'ok', "fine-tuning cell ok");
is($ft->{initial_objective_mean}, $mlp1->{objective_mean},
   "fine-tuning starts from the checkpoint's objective (initial_objective_mean)");
my (undef, $crows) = read_csv("$out/curves.csv");
my @ftc = grep { $_->{experiment} eq 'finetune' && $_->{metric} eq 'objective' && $_->{split} eq 'eval' } @$crows;
is($ftc[0]{step} // '', 0, "fine-tuning curve starts at step 0 ...");
is($ftc[0]{value} // '', $mlp1->{objective_mean}, "... at the checkpoint's objective");
isnt($ft->{objective_mean}, $mlp1->{objective_mean}, "and training moves it ($ft->{objective_mean})");
my ($evkey) = $r->{out} =~ /^EVKEY (\w+)$/m;

# ---- the checkpoint's content is part of the key; resume ------------------------
$r = amor("run", "$d/use.lua", "--out", $out, "--set", "key=$mlp1->{key}", "--set", "path=$ckpath");
like($r->{out}, qr/^experiment evaluate: 1 cell.*\n\s+resumed 1 of 1 cell\b/m, "same checkpoint: the evaluate cell resumes");
my $other = "$out/" . $by{"mlp/2"}{checkpoint};
$r = amor("run", "$d/use.lua", "--out", $out, "--quiet", "--set", "key=$mlp1->{key}", "--set", "path=$other");
my ($evkey2) = $r->{out} =~ /^EVKEY (\w+)$/m;
ok(defined $evkey && defined $evkey2 && $evkey ne $evkey2,
   "another checkpoint (same model and sizes): another key (" . ($evkey // '?') . " vs " . ($evkey2 // '?') . ")");
($h, $rows) = read_csv("$out/runs.csv");
($ev) = grep { $_->{experiment} eq 'evaluate' } @$rows;
isnt($ev->{objective_mean}, $mlp1->{objective_mean}, "... and evaluates that checkpoint, not the first");

my $saved = read_file($ckpath);
unlink $ckpath;
$r = amor("run", "$d/save.lua", "--out", $out);
like($r->{out}, qr/resumed 3 of 4 cells/, "resume: a cell whose checkpoint was deleted runs again");
ok(read_file($ckpath) eq $saved, "... and writes the same checkpoint, byte for byte");

# ---- refusals -----------------------------------------------------------------
sub use_ck {
    my ($name, $path, $model, $dim) = @_;
    $model //= '{"mlp", hidden = {16}}';
    $dim //= 4;
    write_file("$d/$name.lua", <<"LUA");
experiment { name = "$name", problems = {{"quadratic", dim = $dim, cond = 10}}, models = {$model},
  losses = {"objective"}, train = {steps = 0, init_from = "$path"}, eval = {contexts = 16, timing = 0},
  solver = {iterations = 0} }
LUA
    return amor("run", "$d/$name.lua", "--out", "$d/refused", "--quiet");
}
my $len = length($saved);
write_file("$d/trunc.amor", substr($saved, 0, $len - 100));
$r = use_ck("trunc", "$d/trunc.amor");
is($r->{status}, 1, "a truncated checkpoint: exit status 1");
like($r->{err}, qr/trunc\.lua:1: train\.init_from: checkpoint \Q$d\E\/trunc\.amor: truncated: @{[$len - 100]} bytes, but its header promises $n parameters \($len bytes in all\)/,
     "a truncated checkpoint: script error at the script's line, naming the file, its size and what the header promises");
write_file("$d/short.amor", substr($saved, 0, 48));
$r = use_ck("short", "$d/short.amor");
like($r->{err}, qr/checkpoint \Q$d\E\/short\.amor: truncated: 48 bytes, it ends inside the parameter count/,
     "cut inside the header: the field is named");
my $flip = $saved;
substr($flip, $len - 8 * 5, 1) = chr(ord(substr($flip, $len - 8 * 5, 1)) ^ 0x01);
write_file("$d/flip.amor", $flip);
$r = use_ck("flip", "$d/flip.amor");
like($r->{err}, qr/checkpoint \Q$d\E\/flip\.amor: checksum mismatch \(stored [0-9a-f]{16}, computed [0-9a-f]{16}\): the file is corrupted/,
     "one flipped bit in theta: checksum mismatch");
write_file("$d/magic.amor", "PK\x03\x04" . substr($saved, 4));
$r = use_ck("magic", "$d/magic.amor");
like($r->{err}, qr/checkpoint \Q$d\E\/magic\.amor: not an amor checkpoint \(it does not start with AMORCKPT\)/,
     "another file type: bad magic");
my $k2 = $by{"mlp/2"}{key};
write_file("$d/$k2.amor", $saved);
$r = use_ck("renamed", "$d/$k2.amor");
like($r->{err}, qr/renamed\.lua:1: train\.init_from: checkpoint \Q$d\/$k2.amor\E: saved by cell $mlp1->{key}, but its name says cell $k2/,
     "a checkpoint under another cell's key (a file renamed): refused, naming both keys");
$r = use_ck("missing", "$d/nothere.amor");
like($r->{err}, qr/checkpoint \Q$d\E\/nothere\.amor: cannot read: No such file or directory/, "a missing file");
$r = use_ck("model", "$out/" . $by{"linear/1"}{checkpoint});
like($r->{err}, qr/model\.lua:1: train\.init_from: checkpoint \S+\.amor holds a model 'linear' \(linear\([^)]*\)\), this cell's model is 'mlp' \(mlp\(hidden=16,/,
     "another model: refused, naming both models and their parameters");
ok(!-e "$d/refused/runs.csv", "script errors before any cell ran: no results written");

$r = use_ck("hidden", $ckpath, '{"mlp", hidden = {32}}');
isnt($r->{status}, 0, "other sizes (hidden = 32 from a hidden = 16 checkpoint): a failed cell");
my (undef, $rr) = read_csv("$d/refused/runs.csv");
my ($hid) = grep { $_->{experiment} eq 'hidden' } @$rr;
is($hid->{status} // '', 'error', "other sizes: status error");
like($hid->{error} // '', qr/^train\.init_from: checkpoint \Q$ckpath\E holds $n parameters of mlp\(hidden=16,[^)]*\) trained with nx = 4, ny = 4; this cell's model has 292 parameters: mlp\(hidden=32,[^)]*\) with nx = 4, ny = 4$/,
     "other sizes: both counts and both models' parameters named");
$r = use_ck("dims", $ckpath, undef, 6);
(undef, $rr) = read_csv("$d/refused/runs.csv");
my ($dims) = grep { $_->{experiment} eq 'dims' } @$rr;
is($dims->{status} // '', 'error', "another problem size (dim = 6): status error");
like($dims->{error} // '', qr/holds $n parameters of mlp\(hidden=16,[^)]*\) trained with nx = 4, ny = 4; this cell's model has \d+ parameters: .* with nx = 6, ny = 6$/,
     "another problem size: the dimensions are named");

# a bad setting value
write_file("$d/badset.lua", <<'LUA');
experiment { name = "b", problems = {"quadratic"}, models = {"linear"}, losses = {"objective"},
  train = {save_model = "yes"} }
LUA
$r = amor("run", "$d/badset.lua", "--out", "$d/b", "--quiet");
like($r->{err}, qr/badset\.lua:1: train setting 'save_model' must be true or false, got string "yes"/, "save_model must be a boolean");

# a device is not a checkpoint: refused instead of read without end
{
    my $dz = tmpdir();
    write_file("$dz/dev.lua", "experiment { name = \"dz\", problems = {{\"quadratic\", dim = 2}}, models = {\"linear\"},\n" .
               "  losses = {\"objective\"}, train = {steps = 0, init_from = \"/dev/zero\"}, solver = {iterations = 0} }\n");
    my $rz = amor("run", "$dz/dev.lua", "--out", "$dz/o");
    isnt($rz->{status}, 0, "init_from = /dev/zero: non-zero exit");
    like($rz->{err}, qr/dev\.lua:1: train\.init_from: checkpoint \/dev\/zero: not a regular file/,
         "init_from = /dev/zero: refused as not a regular file");
    # a FIFO without a writer: refused at once, not waited on (timeout 60 s
    # turns a hang into a failure)
    require POSIX;
    POSIX::mkfifo("$dz/fifo", 0600) or die "mkfifo: $!";
    write_file("$dz/fifo.lua", "experiment { name = \"ff\", problems = {{\"quadratic\", dim = 2}}, models = {\"linear\"},\n" .
               "  losses = {\"objective\"}, train = {steps = 0, init_from = \"$dz/fifo\"}, solver = {iterations = 0} }\n");
    my $h = amor_start("run", "$dz/fifo.lua", "--out", "$dz/f");
    my $rf = amor_wait($h, 60);
    ok(!$rf->{killed}, "init_from = a FIFO: amor does not wait for a writer");
    isnt($rf->{status}, 0, "init_from = a FIFO: non-zero exit");
    like($rf->{err}, qr/fifo\.lua:1: train\.init_from: checkpoint \Q$dz\E\/fifo: not a regular file/,
         "init_from = a FIFO without a writer: refused at once as not a regular file");
}

done_testing();
