#!/usr/bin/env perl
# End to end: `amor check`.  Every shipped plugin (the loop runs over `amor
# list`) passes every check; the loader's broken fixtures fail with the check
# that names their defect; the fixtures under build/fixtures/check carry one
# deliberate mistake each, and each is caught by the check meant for it
# (with the failing input and measured vs allowed error as diagnostics),
# the ABI 1.1 capabilities (the problem's solver, the validation objective,
# nx_model, sample_split) among them; models and losses run against a
# problem that provides what they need (needs_for), and --set reaches each
# plugin of a file that declares the parameter; crashes and hangs are
# reported as failures of the check that was running.
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;
use Time::HiRes qw(time);

my $d = tmpdir();
delete $ENV{AMOR_PLUGIN_PATH};

# Parse TAP: { plugin => { check => 'ok' | 'not ok' | 'skip' } }, plus the
# diagnostics following each failing line, keyed "plugin: check".
sub parse_tap {
    my ($out) = @_;
    my (%res, %diag, $last);
    for my $line (split /\n/, $out) {
        # check names never contain '(' or '#': the note is the rest
        if ($line =~ /^(ok|not ok) \d+ - ([^:]+): ([^(#]*?)(?: \(.*\))?( # SKIP .*)?$/) {
            my ($st, $p, $c) = ($1, $2, $3);
            $res{$p}{$c} = $4 ? 'skip' : $st;
            $last = "$p: $c";
        } elsif ($line =~ /^#   (.*)$/ && defined $last) {
            push @{ $diag{$last} }, $1;
        }
    }
    return (\%res, \%diag);
}

sub failing {
    my ($res, $p) = @_;
    return sort grep { $res->{$p}{$_} eq 'not ok' } keys %{ $res->{$p} || {} };
}

# --- every shipped plugin passes -------------------------------------------
# Small settings where the defaults are large: vae trains its decoder in
# create (a tiny one here, cached in a temporary directory); lista starts from
# the dictionary of a sparse-coding problem, so it runs against lasso (named
# here until lista declares AMOR_NEEDS_DICTIONARY through needs_for: amor
# check then picks lasso itself, as it does for the cx_needs fixtures below).
# neural_fp and hyper_aa differentiate with the solver step's outputs held
# constant by default (jacobian = jfb), which is the gradient of their forward
# only where the step does not depend on y (checked below); with jacobian =
# fd they go through the step too and run against lasso's ISTA here.
my %extra = (
    vae => [map { ('--set', $_) } 'latent=2', 'encoder_hidden=16', 'decoder_hidden=16',
            'decoder_epochs=1', 'train_images=256', "cache_dir=$d/vae-cache"],
    neural_fp => ['--set', 'jacobian=fd'],
    hyper_aa => ['--set', 'jacobian=fd'],
    # its default layout (gaussian) needs ny = d + d(d+1)/2: quadratic's 4 fits none
    policy_kl => ['--problem', 'control_lqr', map { ('--problem-set', $_) } 'nx=4', 'nu=3',
                  'policy=gaussian'],
    rho_policy => ['--problem', 'qp', '--problem-set', 'n=4', '--set', 'steps=4',
                   '--set', 'interval=2'],
);
my $list = amor('list');
is($list->{status}, 0, 'amor list exits 0');
my @plugins = map { (split ' ')[1] } grep { /\S/ } split /\n/, $list->{out};
cmp_ok(scalar @plugins, '>=', 20, scalar(@plugins) . ' shipped plugins listed');
my $t0 = time();
for my $p (@plugins) {
    my $r = amor('check', $p, @{ $extra{$p} || [] });
    my ($res) = parse_tap($r->{out});
    my @bad = failing($res, $p);
    my $n = () = $r->{out} =~ /^ok /mg;
    ok($r->{status} == 0 && !@bad && $r->{out} =~ /^1\.\.(\d+)$/m && $n == $1 && $n >= 15,
       "amor check $p passes ($n checks)")
        or diag("status $r->{status}; failing: @bad\n$r->{out}$r->{err}");
}
# how long it took is information, not a test (speed is make bench's)
diag(sprintf("amor check of all %d shipped plugins: %.1f s", scalar @plugins, time() - $t0));

# --- Jacobian-free backward (the accelerators' default) ------------------------
# the gradient of the forward where the step does not depend on y (the fixture
# fs_contraction with a1 = a2 = 0 steps to y <- b(x)); on lasso's ISTA it is
# not, and exactly the VJP check says so
for my $m (qw(neural_fp hyper_aa)) {
    my $r = amor('check', $m, '--problem', "$BUILD/fixtures/solver/fs_contraction.so",
                 '--problem-set', 'a1=0', '--problem-set', 'a2=0');
    my ($res) = parse_tap($r->{out});
    ok($r->{status} == 0 && !failing($res, $m),
       "$m (jacobian = jfb) passes against a step independent of y") or diag($r->{out});
    $r = amor('check', $m, '--problem', 'lasso');
    ($res) = parse_tap($r->{out});
    is_deeply([failing($res, $m)], ['backward: VJP matches finite differences of forward'],
              "$m (jacobian = jfb) against lasso: only the VJP check fails (the step's Jacobian "
              . "is dropped by design)") or diag($r->{out});
}

# --- the loader's fixtures -----------------------------------------------------
my %loader = (
    'fx_bad_abi.so'      => ['fx_future', 'descriptor: ABI version', qr/ABI version 99, this host speaks ABI version 1/],
    'fx_missing_fn.so'   => ['fx_novalue', 'descriptor: required functions', qr/missing or inconsistent: value/],
    'fx_short_struct.so' => ['fx_short', 'descriptor: kind and struct_size', qr/struct_size 48 is smaller than the \d+ bytes/],
    'fx_zero_dims.so'    => ['fx_zero', 'dims: nx >= 1, ny >= 1', undef],
    'fx_no_symbol.so'    => ["$BUILD/fixtures/fx_no_symbol.so", 'exports amor_plugin_descriptor', qr/no entry point/],
    'not_elf.so'         => ["$BUILD/fixtures/not_elf.so", 'loads as a shared object', qr/dlopen: .*(invalid ELF|too short|not)/],
);
for my $f (sort keys %loader) {
    my ($p, $check, $why) = @{ $loader{$f} };
    my $r = amor('check', "$BUILD/fixtures/$f");
    my ($res, $diag) = parse_tap($r->{out});
    is($r->{status}, 1, "$f: amor check exits 1");
    is_deeply([failing($res, $p)], [$check], "$f: fails exactly '$check'") or diag($r->{out});
    like(join("\n", @{ $diag->{"$p: $check"} || [] }), $why, "$f: the diagnostic says why")
        if $why;
}
for my $f ('fx_good.so', 'fx_nan.so') {
    # fx_nan's objective is NaN only for |y| > 10, beyond where any check
    # looks; it exists to make a training cell diverge, not to be wrong here
    my $r = amor('check', "$BUILD/fixtures/$f");
    is($r->{status}, 0, "$f passes") or diag($r->{out});
}
{
    my $r = amor('check', "$BUILD/fixtures/fx_good.so");
    my ($res) = parse_tap($r->{out});
    ok($res->{fx_one} && $res->{fx_two}, 'a file carrying two plugins: both are checked');
}

# --- one deliberate mistake per fixture ----------------------------------------
my %want = (
    # problems
    # a wrong gradient is blamed alone: the hvp is checked against second
    # differences of the value, which do not go through the gradient
    cx_grad2x        => ['gradient matches finite differences of value'],
    cx_hvp_asym      => ['hvp matches second differences of value', 'hvp symmetric'],
    cx_sample_state  => ['sample: deterministic for a given RNG state, finite'],
    cx_initial_state => ['initial: finite, deterministic',
                         'batched calls agree with one instance at a time'],
    cx_solve_half    => ['solve: no descent direction at y*', 'solve: no random point is better than y*'],
    cx_solve_raw     => ['solve: finite, deterministic, feasible'],
    cx_value_nan     => ['value: finite at sampled points'],
    cx_vg_off        => ['value_grad: finite, f agrees with value'],
    cx_batch         => ['batched calls agree with one instance at a time'],
    cx_inputs        => ['calls leave their inputs unchanged'],
    cx_proj_half     => ['project: idempotent'],
    cx_proj_radial   => ['project: nearest feasible point'],
    cx_pvjp_wrong    => ['project_vjp matches finite differences of project'],
    cx_dict_wrong    => ['dictionary: f = 1/2 |x - D y|^2 + lambda |y|_1'],
    cx_aux_nan       => ['aux: finite, shaped n x aux_dim'],
    cx_leak          => ['create/destroy cycles without leaks'],
    cx_param_range   => ['parameters: declarations valid, defaults inside their ranges'],
    cx_param_dup     => ['parameters: declarations valid, defaults inside their ranges'],
    cx_nodoc         => ['descriptor: name, version and doc'],
    cx_solver_part   => ['descriptor: required functions'],
    cx_valid_part    => ['descriptor: required functions'],
    # ABI 1.1: the problem's solver, the validation objective, nx_model, splits
    cx_state_small   => ['solver: state_dim >= ny'],
    cx_init_float    => ['solver_init: state[:ny] = y exactly, finite, deterministic'],
    cx_step_stuck    => ['solver: the residual decreases along the first steps from a cold start',
                         'solver: converges from a cold start, then one more step leaves y in place'],
    cx_step_inplace  => ['solver_step: finite, deterministic, writes all of next and reads only state'],
    cx_step_state    => ['solver_step: finite, deterministic, writes all of next and reads only state',
                         'batched calls agree with one instance at a time'],
    cx_res_offset    => ['solver: converges from a cold start, then one more step leaves y in place'],
    cx_res_neg       => ['residual: finite, >= 0, not 0 where a step moves y',
                         'solver: converges from a cold start, then one more step leaves y in place'],
    cx_vgrad2x       => ['valid_value_grad matches finite differences of valid_value'],
    cx_vvg_off       => ['valid_value_grad: finite, f agrees with valid_value'],
    cx_vhvp2x        => ['valid_hvp matches second differences of valid_value'],
    cx_nxm_big       => ['nx_model: at most nx'],
    cx_split_state   => ['sample_split: both splits deterministic for a given RNG state, finite, n x nx'],
    cx_split_short   => ['sample_split: both splits deterministic for a given RNG state, finite, n x nx'],
    # models
    cx_mvjp          => ['backward: VJP matches finite differences of forward'],
    cx_moverwrite    => ['backward: accumulates into dtheta, deterministic'],
    cx_miterates     => ['forward: writes every iterate and nothing past them'],
    cx_mws           => ['forward: writes every iterate and nothing past them'],
    cx_minit         => ['init: deterministic for a given RNG state, finite'],
    cx_mnondet       => ['forward: deterministic'],
    cx_mbatch        => ['forward: batched agrees with one instance at a time'],
    cx_minputs       => ['forward: leaves theta and x unchanged'],
    cx_mzero         => ['sizes: num_iterates >= 1, num_params, workspace_size'],
    cx_mneeds        => ['create'],
    cx_mleak         => ['create/destroy cycles without leaks'],
    # losses
    cx_lgrad         => ['eval [T = 1]: d_iterates matches finite differences of the loss',
                         'eval [T = 3]: d_iterates matches finite differences of the loss'],
    cx_lystar        => ['eval [T = 1]: finite, overwrites all of d_iterates'],
    cx_laccum        => ['eval [T = 1]: finite, overwrites all of d_iterates',
                         'eval [T = 3]: finite, overwrites all of d_iterates'],
    cx_lvalue        => ['eval [T = 1]: without d_iterates gives the same loss',
                         'eval [T = 3]: without d_iterates gives the same loss'],
    cx_lnondet       => ['eval [T = 1]: deterministic for a given RNG state'],
    cx_linputs       => ['eval [T = 1]: leaves x, iterates and y* unchanged'],
    cx_lbatch        => ['eval [T = 1]: batched agrees with one instance at a time'],
    cx_lneeds        => ['create [T = 1]'],
    cx_lleak         => ['create/destroy cycles without leaks'],
);
# fixtures whose mistake trips exactly the checks listed (the others may
# cascade: e.g. a sampler with global state also breaks batching)
my %exact = map { $_ => 1 } qw(cx_grad2x cx_hvp_asym cx_sample_state cx_solve_half cx_solve_raw
    cx_vg_off cx_proj_half cx_proj_radial cx_pvjp_wrong cx_dict_wrong cx_leak cx_param_range
    cx_param_dup cx_nodoc cx_mvjp cx_moverwrite cx_minit cx_mzero cx_mneeds cx_mleak cx_lgrad
    cx_lystar cx_laccum cx_lvalue cx_lneeds cx_lleak cx_solver_part cx_valid_part cx_state_small
    cx_init_float cx_step_stuck cx_step_inplace cx_step_state cx_res_offset cx_res_neg cx_vgrad2x
    cx_vvg_off cx_vhvp2x cx_nxm_big cx_split_state cx_split_short);
my (%res, %diag);
for my $f (qw(cx_problems cx_models cx_losses cx_decls cx_iter)) {
    my $r = amor('check', "$BUILD/fixtures/check/$f.so");
    is($r->{status}, 1, "$f.so: amor check exits 1 (it carries broken plugins)");
    my ($res, $diag) = parse_tap($r->{out});
    %res = (%res, %$res);
    %diag = (%diag, %$diag);
}
for my $ok (qw(cx_ok cx_mok cx_lok cx_iter_ok)) {
    ok($res{$ok} && !failing(\%res, $ok) && keys %{ $res{$ok} } >= 15,
       "$ok, a correct plugin, passes every check")
        or diag(join(', ', failing(\%res, $ok)));
}
# the ABI 1.1 checks, which cx_ok (a 1.0 plugin) skips and cx_iter_ok runs
my @abi11 = ('sample_split: both splits deterministic for a given RNG state, finite, n x nx',
    'nx_model: at most nx', 'valid_value: finite at sampled points',
    'valid_value_grad: finite, f agrees with valid_value',
    'valid_value_grad matches finite differences of valid_value',
    'valid_hvp matches second differences of valid_value', 'valid_hvp symmetric',
    'solver: state_dim >= ny', 'solver_init: state[:ny] = y exactly, finite, deterministic',
    'solver_step: finite, deterministic, writes all of next and reads only state',
    'residual: finite, >= 0, not 0 where a step moves y',
    'solver: the residual decreases along the first steps from a cold start',
    'solver: converges from a cold start, then one more step leaves y in place');
{
    # cx_ok exercises every optional capability of ABI 1.0: only the 1.1
    # checks are skipped
    my @skipped = sort grep { $res{cx_ok}{$_} eq 'skip' } keys %{ $res{cx_ok} || {} };
    is_deeply(\@skipped, [sort @abi11], 'cx_ok: only the ABI 1.1 checks are skipped');
    my @ran = grep { ($res{cx_iter_ok}{$_} // '') eq 'ok' } @abi11;
    is(scalar @ran, scalar @abi11, 'cx_iter_ok: every ABI 1.1 check runs and passes')
        or diag(join(', ', grep { ($res{cx_iter_ok}{$_} // 'missing') ne 'ok' } @abi11));
}
for my $p (sort keys %want) {
    my %f = map { $_ => 1 } failing(\%res, $p);
    my @missing = grep { !$f{$_} } @{ $want{$p} };
    ok(!@missing && %f, "$p: caught by '" . join("', '", @{ $want{$p} }) . "'")
        or diag("failing: " . join(', ', sort keys %f));
    if ($exact{$p}) {
        is_deeply([sort keys %f], [sort @{ $want{$p} }], "$p: and by nothing else");
    }
}

# the diagnostics name the input and the measured vs allowed error
my $g = join("\n", @{ $diag{'cx_grad2x: gradient matches finite differences of value'} || [] });
like($g, qr/instance \d+, x = \(.*\), y = \(.*\), direction \(.*\): g\.d (\S+), finite differences (\S+) \(step \S+\): error (\S+) > allowed (\S+)/,
     'gradient failure: instance, x, y, direction, analytic vs FD, error vs allowed');
if ($g =~ /g\.d (\S+), finite differences (\S+)/) {
    cmp_ok(abs($1 / $2 - 2), '<', 1e-6, 'the gradient is off by the fixture\'s factor 2');
}
like(join("\n", @{ $diag{'cx_mvjp: backward: VJP matches finite differences of forward'} || [] }),
     qr/dL\/dtheta(\.d)? = \S+, finite differences \S+ \(step \S+\): error \S+ > allowed \S+/,
     'VJP failure: analytic vs FD, error vs allowed');
like(join("\n", @{ $diag{'cx_lgrad: eval [T = 1]: d_iterates matches finite differences of the loss'} || [] }),
     qr/d_iterates\.D \S+, finite differences \S+ \(step \S+\): error \S+ > allowed \S+/,
     'loss gradient failure: analytic vs FD, error vs allowed');
like(join("\n", @{ $diag{'cx_lystar: eval [T = 1]: finite, overwrites all of d_iterates'} || [] }),
     qr/crashed: killed by signal \d+ .*remaining checks of cx_lystar did not run/,
     'a crash in a plugin fails the check that was running, and the other plugins go on');
ok($res{cx_lneeds}, 'checks continued after the crashing plugin');
like(join("\n", @{ $diag{'cx_leak: create/destroy cycles without leaks'} || [] }),
     qr/heap in use grew by \d+ bytes over the last \d+ cycles \((64|80)\.0 bytes per cycle/,
     'the leak is measured: one 64-byte block (an 80-byte malloc chunk) per cycle');
like(join("\n", @{ $diag{'cx_param_range: parameters: declarations valid, defaults inside their ranges'} || [] }),
     qr/'steps': default 0 outside \[1, 10\].*\n.*'mode': default "fast" is not one of slow\|exact/,
     'parameter declarations: the default and the range are named');
like(join("\n", @{ $diag{'cx_param_range: parameters: declarations valid, defaults inside their ranges'} || [] }),
     qr/^parameter 3 'rate': default 0 outside \[1e-06, 1000000\]$/m,
     'a real range reads as written (1e-06, not 9.9999999999999995e-07)');
like(join("\n", @{ $diag{'cx_mneeds: create'} || [] }), qr/the problem has no gradient/,
     'a model that uses gradients without declaring them gets an oracle without them');
# the hvp of cx_grad2x is right, and its check says so
is($res{cx_grad2x}{'hvp matches second differences of value'}, 'ok',
   'cx_grad2x: the hvp check passes: it does not go through the wrong gradient');
like(join("\n", @{ $diag{'cx_hvp_asym: hvp matches second differences of value'} || [] }),
     qr/direction \(.*\): v'Hv \S+, second differences of value \S+ \(step \S+\): error \S+ > allowed \S+/,
     'hvp failure: v\'Hv against second differences of the value');
{
    my $r = amor('check', "$BUILD/fixtures/check/cx_problems.so");
    like($r->{out}, qr/^not ok \d+ - cx_grad2x: gradient matches finite differences of value \(\d+ probes, \d+ redrawn near kinks; worst error \S+ times the allowed, rtol 1e-06\)$/m,
         'the worst error is said as "N times the allowed"');
    unlike($r->{out}, qr/of allowed/, 'and never "of allowed"');
}

# the diagnostics of the ABI 1.1 checks
my %d11 = (
    'cx_state_small: solver: state_dim >= ny' =>
        qr/^state_dim is 2, less than ny = 3: the state's first ny entries are y$/,
    'cx_init_float: solver_init: state[:ny] = y exactly, finite, deterministic' =>
        qr/^instance 0, entry 0: the state holds (\S+), y is (\S+) \(state\[:ny\] must be y bit for bit: a warm start hands over the model's prediction unchanged\)$/,
    'cx_step_stuck: solver: the residual decreases along the first steps from a cold start' =>
        qr/^instance 0: the residual goes \((\S+), \1, \1, \1, \1, \1, \.\.\. 11 entries\) over the first 10 steps: it does not decrease$/,
    'cx_step_stuck: solver: converges from a cold start, then one more step leaves y in place' =>
        qr/^instance 0: solver_step stands still \(the last step moved y by 0\) but the residual there is \S+, not near 0 \(<= \S+\): the residual must be 0 at the method's fixed point$/,
    'cx_res_offset: solver: converges from a cold start, then one more step leaves y in place' =>
        qr/^instance 0: solver_step stands still \(the last step moved y by \S+\) but the residual there is 0\.1, not near 0 \(<= \S+\): the residual must be 0 at the method's fixed point$/,
    'cx_step_inplace: solver_step: finite, deterministic, writes all of next and reads only state' =>
        qr/^next is not finite or not all written: instance 0, entry 0 is nan \(next held NaN before the call: solver_step must write every entry of next and read only state, which next never aliases\)$/,
    'cx_step_state: solver_step: finite, deterministic, writes all of next and reads only state' =>
        qr/^two steps from the same state differ: instance 0, entry 0: \S+ vs \S+ \(a step must be deterministic and must not read what next held before the call\)$/,
    'cx_res_neg: residual: finite, >= 0, not 0 where a step moves y' =>
        qr/^instance 0: residual -\S+ at the state, -\S+ one step later \(it must be finite and >= 0\)$/,
    'cx_vvg_off: valid_value_grad: finite, f agrees with valid_value' =>
        qr/^valid_value_grad's f = \S+ but valid_value's f = \S+ at the initial points, instance 0$/,
    'cx_vhvp2x: valid_hvp matches second differences of valid_value' =>
        qr/^instance 0, x = \(.*\), y = \(.*\), direction \(.*\): v'Hv 2, second differences of valid_value 1(\.0+\d*|0\.9+\d*)? \(step \S+\): error \S+ > allowed \S+$/,
    'cx_nxm_big: nx_model: at most nx' =>
        qr/^nx_model is 7 but contexts have nx = 6 entries: models see the first nx_model entries \(0 or nx when all are visible\)$/,
    'cx_split_state: sample_split: both splits deterministic for a given RNG state, finite, n x nx' =>
        qr/^the train split: two calls from the same RNG state differ: instance 0, entry 0: \S+ vs \S+ \(draw only from the rng given, keep no mutable state\)$/,
    'cx_split_short: sample_split: both splits deterministic for a given RNG state, finite, n x nx' =>
        qr/^the held-out split: contexts not finite or not all n x nx = 48 entries written \(x held NaN before the call\): \(\S+, \S+, \S+, \S+, \S+, nan, \.\.\. 48 entries\)$/,
    'cx_solver_part: descriptor: required functions' =>
        qr/^missing or inconsistent: solver_step \(the solver's four calls come together\), residual \(the solver's four calls come together\)$/,
    'cx_valid_part: descriptor: required functions' =>
        qr/^missing or inconsistent: valid_value \(valid_value_grad or valid_hvp is given\)$/,
);
for my $k (sort keys %d11) {
    like(($diag{$k} || [])->[0] // '', $d11{$k}, "diagnostic of $k");
}
if (($diag{'cx_init_float: solver_init: state[:ny] = y exactly, finite, deterministic'} || [''])->[0]
        =~ /holds (\S+), y is (\S+)/) {
    ok($1 != $2 && abs($1 - $2) < 1e-6 * (1 + abs($2)), 'cx_init_float: y came back rounded to single precision');
}
if (join("\n", @{ $diag{'cx_vgrad2x: valid_value_grad matches finite differences of valid_value'} || [] })
        =~ /g\.d (\S+), finite differences (\S+)/) {
    cmp_ok(abs($1 / $2 - 2), '<', 1e-6, 'the validation gradient is off by the fixture\'s factor 2');
} else {
    fail('cx_vgrad2x: the validation gradient diagnostic names g.d and the finite differences');
}
is($res{cx_vgrad2x}{'valid_hvp matches second differences of valid_value'}, 'ok',
   'cx_vgrad2x: the validation hvp check does not go through the wrong gradient');

# --- the problem models and losses run against ------------------------------------
# Without --problem: quadratic when it provides what the plugin needs with
# its --set values, else the first problem on the plugin path that does.
{
    local $ENV{AMOR_PLUGIN_PATH} = "$BUILD/fixtures/check";
    my $r = amor('check', "$BUILD/fixtures/check/cx_needs.so");
    my ($res, $diag) = parse_tap($r->{out});
    is($r->{status}, 1, 'cx_needs.so: exit 1 (it carries broken plugins)');
    like($r->{out}, qr/^# cx_mdict: runs against problem lasso \(the first problem on the plugin path that provides what cx_mdict needs with these parameters; quadratic, the default, lacks the sparse-coding dictionary \(dictionary\)\)$/m,
         'a model needing the dictionary runs against lasso, and says why');
    ok($res->{cx_mdict} && !failing($res, 'cx_mdict') && keys %{ $res->{cx_mdict} } >= 10,
       'and passes') or diag($r->{out});
    like($r->{out}, qr/^ok \d+ - cx_mdict: create \(against problem lasso, nx = \d+ visible of \d+, ny = \d+; oracle: value, dictionary\)$/m,
         'its oracle: the value and the dictionary, no gradient');
    like($r->{out}, qr/^# cx_msolver: runs against problem enr \(the first problem on the plugin path that provides what cx_msolver needs with these parameters; quadratic, the default, lacks the problem's own solver \(state_dim, solver_init, solver_step, residual\)\)$/m,
         'a model needing the solver runs against a problem with one (enr, the first in name order)');
    ok($res->{cx_msolver} && !failing($res, 'cx_msolver') && keys %{ $res->{cx_msolver} } >= 10,
       'and passes') or diag($r->{out});
    like($r->{out}, qr/^ok \d+ - cx_msolver: create \(against problem enr, nx = 650, ny = 25; oracle: value, the solver\)$/m,
         'its oracle: the value and the solver');
    # against lasso, whose contexts carry private task data
    my $rl = amor('check', "$BUILD/fixtures/check/cx_needs.so", '--problem', 'lasso');
    my ($resl) = parse_tap($rl->{out});
    ok($resl->{cx_msolver} && !failing($resl, 'cx_msolver') && keys %{ $resl->{cx_msolver} } >= 10,
       'against lasso it passes, its oracle calls mapped from visible to whole contexts') or diag($rl->{out});
    like($rl->{out}, qr/^ok \d+ - cx_msolver: create \(against problem lasso, nx = 16 visible of 48, ny = 32; oracle: value, dictionary, the solver\)$/m,
         'created with the visible width (nx_model) and an oracle with the solver');
    is_deeply([failing($res, 'cx_mundecl')], ['create'], 'a model using the solver without declaring it: create fails');
    is(($diag->{'cx_mundecl: create'} || [])->[0],
       'create failed: refine = 3 needs the problem\'s solver, but the oracle has none',
       'its oracle has no solver');
    is_deeply([failing($res, 'cx_mvalid')], ['create'], 'a model declaring a loss-only bit: create fails');
    is(($diag->{'cx_mvalid: create'} || [])->[0],
       'cx_mvalid declares AMOR_NEEDS_* bits 0x20 that a model cannot have (y* and the validation objective are for losses), or unknown ones',
       'naming the bits');

    # --set: to each plugin that declares the parameter, or plugin.name=value
    $r = amor('check', "$BUILD/fixtures/check/cx_needs.so", '--set', 'init=random', '--set', 'refine=0');
    ($res, $diag) = parse_tap($r->{out});
    like($r->{out}, qr/^# cx_mdict: runs against problem quadratic \(the default\)$/m,
         'init=random: cx_mdict needs nothing, so quadratic');
    like($r->{out}, qr/^# cx_msolver: runs against problem quadratic \(the default\)$/m, 'refine=0: so does cx_msolver');
    ok(!failing($res, 'cx_mdict') && !failing($res, 'cx_msolver') && !failing($res, 'cx_mundecl'),
       '--set reaches every plugin that declares the parameter, and no other') or diag($r->{out});
    unlike($r->{out}, qr/unknown parameter/, 'no "unknown parameter" from the plugins that do not declare it');
    $r = amor('check', "$BUILD/fixtures/check/cx_needs.so", '--set', 'cx_msolver.refine=0');
    ($res, $diag) = parse_tap($r->{out});
    like($r->{out}, qr/^# cx_msolver: runs against problem quadratic/m, '--set cx_msolver.refine=0 reaches cx_msolver');
    like($r->{out}, qr/^ok \d+ - cx_msolver: parameters: --set values accepted$/m, 'which accepts it');
    unlike($r->{out}, qr/cx_mundecl: parameters: --set/, 'and only cx_msolver');
    is_deeply([failing($res, 'cx_mundecl')], ['create'], 'cx_mundecl keeps refine = 3');
    $r = amor('check', "$BUILD/fixtures/check/cx_needs.so", '--set', 'nosuch=1', '--set', 'cx_nope.refine=1');
    is($r->{status}, 1, 'a setting no plugin of the file declares: exit 1');
    like($r->{out}, qr/^not ok \d+ - \S+cx_needs\.so: --set: every setting reaches a plugin of the file\n#   --set nosuch=1: no plugin of the file declares a parameter 'nosuch' \(cx_mdict: init; cx_msolver: refine; cx_mundecl: refine; cx_mvalid: no parameters\)\n#   --set cx_nope\.refine=1: the file carries no plugin 'cx_nope' \(it carries cx_mdict: init; cx_msolver: refine; cx_mundecl: refine; cx_mvalid: no parameters\)$/m,
         'named, with what each plugin declares');

    # a loss asking for the validation objective
    $r = amor('check', 'objective', '--set', 'on=validation');
    is($r->{status}, 0, 'objective on=validation passes against a problem with a validation objective') or diag($r->{out});
    like($r->{out}, qr/^# objective: runs against problem lasso \(/m, 'which it picked (the first on the path with one)');
    like($r->{out}, qr/create \[T = 1\] \(against problem lasso; oracle: value, dictionary, valid_value, valid_value_grad; y\* NULL/,
         'its oracle: the validation objective, not the training gradient');
    $r = amor('check', 'objective', '--set', 'on=validation', '--problem', 'cx_vgrad2x');
    is($r->{status}, 1, 'against a wrong validation gradient it fails');
    like($r->{out}, qr/^not ok \d+ - objective: eval \[T = 1\]: d_iterates matches finite differences of the loss/m,
         'in its gradient check');
}
{
    # (no problem lacking from the plugin path can be shown any more: the
    # shipped lasso has the dictionary, a solver and a validation objective)
    my ($r, $res, $diag);
    $r = amor('check', "$BUILD/fixtures/check/cx_needs.so", '--problem', 'quadratic');
    ($res, $diag) = parse_tap($r->{out});
    is(($diag->{'cx_mdict: create'} || [])->[0],
       'cx_mdict needs the sparse-coding dictionary (dictionary), which problem quadratic lacks; choose another with --problem',
       '--problem naming a problem that lacks a need: said so');
    $r = amor('check', 'objective', '--set', 'on=validation', '--problem', 'quadratic');
    ($res, $diag) = parse_tap($r->{out});
    is(($diag->{'objective: create [T = 1]'} || [])->[0],
       "objective needs the validation objective (valid_value); the validation objective's gradient (valid_value_grad), which problem quadratic lacks; choose another with --problem",
       'two missing: each named, in the words the host uses');
    $r = amor('check', 'linear', '--problem-set', 'nx=8');
    ($res, $diag) = parse_tap($r->{out});
    is(($diag->{'linear: create'} || [])->[0],
       "problem quadratic: --problem-set nx=8: unknown parameter 'nx' for problem 'quadratic' (valid: dim, cond, matrix_seed)",
       '--problem-set applies to the problem chosen by needs, and does not steer the choice');
}

# --- a file without descriptors, a create that fails ---------------------------------
{
    my $r = amor('check', "$BUILD/fixtures/check/cx_empty.so");
    is($r->{status}, 1, 'a file returning no descriptor: exit 1');
    like($r->{out}, qr/^not ok \d+ - \S+cx_empty\.so: returns a descriptor for index 0\n#   amor_plugin_descriptor\(0\) returned NULL/m,
         'named as such');
    $r = amor('check', 'rosenbrock', '--set', 'a_min=2', '--set', 'a_max=1');
    my ($res, $diag) = parse_tap($r->{out});
    is_deeply([failing($res, 'rosenbrock')], ['create'], 'parameters create refuses: the create check fails');
    like(join("\n", @{ $diag->{'rosenbrock: create'} || [] }), qr/create failed: rosenbrock: a_min \(2\) must be <= a_max \(1\)/,
         "with the plugin's message");
}

# --- a hang ----------------------------------------------------------------------
{
    my $r = amor('check', "$BUILD/fixtures/check/cx_hang.so", '--timeout', '1');
    my ($res, $diag) = parse_tap($r->{out});
    is($r->{status}, 1, 'a hanging plugin: exit 1');
    is_deeply([failing($res, 'cx_hang')], ['solve: finite, deterministic, feasible'],
              'the check that hung fails');
    like(join("\n", @{ $diag->{'cx_hang: solve: finite, deterministic, feasible'} || [] }),
         qr/timed out after 1 s/, 'and says it timed out');
}

# --- names, options, errors -----------------------------------------------------------
{
    local $ENV{AMOR_PLUGIN_PATH} = "$BUILD/fixtures/check";
    my $r = amor('check', 'cx_ok');
    is($r->{status}, 0, 'a plugin found through AMOR_PLUGIN_PATH is checked by name') or diag($r->{out});
    $r = amor('check', 'cx_grad2x', '--no-fork');
    my ($res) = parse_tap($r->{out});
    is($r->{status}, 1, '--no-fork: still exits 1 on a failure');
    ok(grep({ $_ eq 'gradient matches finite differences of value' } failing($res, 'cx_grad2x')),
       '--no-fork: the same check fails');
}
{
    my $r = amor('check', 'nosuch');
    is($r->{status}, 2, 'an unknown plugin: exit 2');
    like($r->{err}, qr/unknown plugin 'nosuch' \(known: .*quadratic/, 'naming the known ones');
    $r = amor('check', 'quadratic', '--set', 'dimm=3');
    ($res{x}) = parse_tap($r->{out});
    is($r->{status}, 1, 'an unknown --set parameter fails the check');
    like($r->{out}, qr/not ok \d+ - quadratic: parameters: --set values accepted\n#   --set dimm=3: unknown parameter 'dimm' for problem 'quadratic' \(valid: dim, cond, matrix_seed\)/,
         'naming the valid parameters');
    $r = amor('check', 'quadratic', '--set', 'quadratic.dim=3');
    is($r->{status}, 0, '--set plugin.name=value names the plugin checked by name') or diag($r->{out});
    like($r->{out}, qr/\(nx = 3, ny = 3\)/, 'and takes effect');
    $r = amor('check', 'quadratic', '--set', 'other.dim=3');
    like($r->{out}, qr/^not ok 1 - quadratic: --set: every setting reaches the plugin\n#   --set other\.dim=3: names plugin 'other', not the plugin checked \(quadratic: dim, cond, matrix_seed\)$/m,
         '--set naming another plugin: said so');
    $r = amor('check', 'quadratic', '--set', 'dim=many');
    like($r->{out}, qr/parameter 'dim' of problem 'quadratic' expects an integer, got 'many'/,
         'a --set value of the wrong type is named');
    $r = amor('check', 'mlp', '--set', 'hidden=8,8', '--set', 'activation=tanh', '--batch', '3',
              '--seed', '9', '--cycles', '10');
    is($r->{status}, 0, '--set list and string values, --batch, --seed, --cycles') or diag($r->{out});
    like($r->{out}, qr/\(T = 1, 148 parameters,/, 'hidden=8,8 took effect (148 parameters on dim 4)');
    like($r->{out}, qr/10 create\/use\/destroy cycles/, '--cycles took effect');
    $r = amor('check', 'objective', '--problem', 'rosenbrock');
    is($r->{status}, 0, '--problem rosenbrock') or diag($r->{out});
    like($r->{out}, qr/against problem rosenbrock/, 'the loss ran against it');
    $r = amor('check', 'linear', '--problem', 'quadratic', '--problem-set', 'dim=7');
    like($r->{out}, qr/nx = 7, ny = 7/, '--problem-set configures the problem');
    $r = amor('check', 'regression', '--problem', 'vae', '--problem-set', "cache_dir=$d/vae-cache",
              map { ('--problem-set', $_) } 'latent=2', 'encoder_hidden=16', 'decoder_hidden=16',
              'decoder_epochs=1', 'train_images=256');
    is($r->{status}, 1, 'a loss needing y* against a problem without solve fails');
    like($r->{out}, qr/regression needs reference solutions y\* \(solve\), which problem vae lacks; choose another with --problem/, 'saying why');
    $r = amor('check', 'objective_sum', '--set', 'weights=list', '--set', 'weight_list=1,2,3');
    is($r->{status}, 1, 'a loss with 3 iterate weights cannot be created with T = 1');
    $r = amor('check', 'objective_sum', '--set', 'weights=list', '--set', 'weight_list=1,2,3',
              '--iterates', '3');
    is($r->{status}, 0, '--iterates 3 checks it with T = 3 only') or diag($r->{out});
    unlike($r->{out}, qr/\[T = 1\]/, 'and not with T = 1');
    $r = amor('check', 'quadratic', '--frobnicate');
    is($r->{status}, 2, 'an unknown option: exit 2');
    like($r->{err}, qr/unknown option '--frobnicate'.*\nusage: amor check/s, 'with the usage');
    $r = amor('check');
    is($r->{status}, 2, 'no plugin: exit 2');
}

# --- under valgrind ------------------------------------------------------------------
# memcheck on the checker itself (no invalid access, no leak in check code or
# in the plugins), and its verdict on the leaking fixture agrees with the heap
# count of the leak check
SKIP: {
    skip 'valgrind not installed', 4 unless grep { -x "$_/valgrind" } split /:/, $ENV{PATH};
    skip 'valgrind cannot run the AddressSanitizer build (make test SAN=1)', 4 if $ENV{AMOR_SAN};
    my @vg = ('valgrind', '-q', '--error-exitcode=9', '--leak-check=full',
              '--errors-for-leak-kinds=definite', '--suppressions=tests/valgrind.supp');
    for my $p ('quadratic', 'objective') {
        my $st = system(join(' ', @vg, $AMOR, 'check', $p, '--no-fork', '--cycles', '10',
                             ">$d/vg.out 2>$d/vg.err")) >> 8;
        is($st, 0, "amor check $p --no-fork under valgrind: no memory errors, no leaks")
            or diag(`cat $d/vg.err`);
    }
    local $ENV{AMOR_PLUGIN_PATH} = "$BUILD/fixtures/check";
    my $st = system(join(' ', @vg, $AMOR, 'check', 'cx_leak', '--no-fork', '--cycles', '10',
                         ">$d/vg.out 2>$d/vg.err")) >> 8;
    is($st, 9, 'valgrind finds the leak of cx_leak too');
    like(`cat $d/vg.err`, qr/definitely lost.*\n.*malloc.*\n.*p_create_leak/, 'in its create');
}

# --- a plugin's leftover processes ---------------------------------------------------
# A plugin that starts a helper living for ten minutes (system("sleep 600 &")
# or a forked child): the checks end when the check process does, and the
# helper ends with them.
for my $m ("spawn", "fork") {
    my $pf = "$d/check_$m.pid";
    unlink $pf;
    my $h = amor_start("check", "$BUILD/fixtures/fx_misbehave.so", "--set", "mode=$m",
                       "--set", "helper=600", "--set", "pidfile=$pf");
    my $r = amor_wait($h, 60);
    ok(!$r->{killed}, "amor check, a plugin leaving a helper ($m): the checks end");
    is($r->{status}, 0, "amor check, $m helper: every check passes") or diag($r->{out});
    my ($pid) = read_file($pf) =~ /^(\d+)/;
    ok($pid, "amor check, $m helper: it was started");
    my $gone = $pid ? ended_within($pid) : 1;
    ok($gone, "amor check, $m helper: ended with the checks");
    my $st = $pid ? read_file("/proc/$pid/stat") : '';
    kill 'KILL', $pid if $pid && $st ne '' && $st !~ /\) Z/;
}

done_testing();
