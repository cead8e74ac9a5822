#!/usr/bin/env perl
# The documentation holds together: README.md keeps the two set-up/test
# commands; docs/README.md indexes every file of docs/; every relative link
# of the Markdown files reaches an existing file and heading; every
# repository path they name in backquotes exists; the .md files named in the
# sources' comments exist, and a quoted section after one is a heading of
# it; every command and option of `amor --help` is in the man page and in
# docs/cli.md; the man page renders without a warning (groff, and mandoc's
# lint when installed).
use strict;
use warnings;
use lib 'tests/lib';
use AmorTest;
use Test::More;
use File::Find;

# GitHub's anchor for a heading: lower case, punctuation other than '-' and
# '_' dropped, each space a '-'
sub slug {
    my ($h) = @_;
    $h = lc $h;
    $h =~ s/[^\w\- ]//g;
    $h =~ s/ /-/g;
    return $h;
}

# a Markdown file's headings, outside fenced code blocks
sub headings {
    my ($path) = @_;
    my ($fence, @h) = (0);
    for (split /\n/, read_file($path)) {
        $fence = !$fence if /^```/;
        push @h, $1 if !$fence && /^#{1,6}\s+(.*?)\s*$/;
    }
    return @h;
}

sub prose {    # the text outside fenced code blocks
    my ($path) = @_;
    my ($fence, $t) = (0, '');
    for (split /\n/, read_file($path)) {
        if (/^```/) { $fence = !$fence; next }
        $t .= "$_\n" unless $fence;
    }
    return $t;
}

# ---- README.md: what amor is and the two commands ---------------------------
my $readme = read_file('README.md');
ok(length $readme, 'README.md exists');
my ($two) = $readme =~ /^## Two commands\n(.*?)(?=^## )/ms;
ok(defined $two, 'README.md has a section "Two commands"');
$two //= '';
like($two, qr/^```sh\nmake demo\s+#[^\n]*\nmake test\s+#[^\n]*\n```$/m,
     'it gives `make demo` and `make test` as the set-up and test commands');
my $lines = () = $readme =~ /\n/g;
cmp_ok($lines, '<=', 200, "README.md stays short ($lines lines; the rest is in docs/)");

# ---- docs/README.md indexes docs/ ----------------------------------------------
opendir(my $dh, 'docs') or die "docs: $!";
my @docs = sort grep { !/^\./ && $_ ne 'README.md' && -f "docs/$_" } readdir $dh;
closedir $dh;
my $index = read_file('docs/README.md');
my %listed = map { $_ => 1 } $index =~ /^- \[[^\]]+\]\(([^)#]+)\)/mg;
is_deeply([sort keys %listed], \@docs, 'docs/README.md lists every file of docs/, one line each');

# ---- links, anchors and paths of the Markdown files ----------------------------
my @md = ('README.md', map({ "docs/$_" } grep { /\.md$/ } @docs, 'README.md'),
          'results/README.md', 'template/README.md', 'tests/fuzz/README.md');
my (@bad_links, @bad_paths);
my $nlinks = 0;
for my $f (@md) {
    (my $dir = $f) =~ s{[^/]*$}{};
    my $text = prose($f);
    while ($text =~ /\]\(([^)\s]+)\)/g) {
        my $link = $1;
        next if $link =~ m{^[a-z]+:};    # http:, mailto:
        $nlinks++;
        my ($file, $anchor) = split /#/, $link, 2;
        my $target = $file eq '' ? $f : "$dir$file";
        1 while $target =~ s{[^/]+/\.\./}{};
        if (!-e $target) { push @bad_links, "$f: $link (no file $target)"; next }
        next unless defined $anchor;
        my %slugs = map { slug($_) => 1 } headings($target);
        push @bad_links, "$f: $link (no heading #$anchor in $target)" unless $slugs{$anchor};
    }
    # `harness/stored.h`, `scripts/bench/sweep12.lua`: paths of this repository
    # (under results/ only its README is; `bench/mlp_step` is built from .c)
    for my $p ($text =~ /`((?:harness|plugins|tests|scripts|bench|template|docs|results)\/[^`\s]*)`/g) {
        next if $p =~ /[<>{}*…]|\.\.\./;    # a pattern, not a path
        next if $p =~ m{^results/} && $p ne 'results/README.md';
        push @bad_paths, "$f: $p" unless -e $p || -e "$p.c";
    }
    # a section by its quoted title: see "Checkpoints", the README's "Figures"
    while ($text =~ /(?:\bsee|README's) ("[^"\n]+")/g) {
        my $section = $1;
        my $in = $text =~ /README's \Q$section\E/ ? 'README.md' : $f;
        (my $s = $section) =~ s/^"|"$//g;
        push @bad_links, "$f: $section (no such heading in $in)"
            unless grep { my $h = $_; $h =~ s/`//g; $h eq $s } headings($in);
    }
}
cmp_ok($nlinks, '>=', 30, "the Markdown files link to each other ($nlinks links)");
is_deeply(\@bad_links, [], 'every relative link reaches a file, and its #anchor a heading there')
    or diag(join "\n", @bad_links);
is_deeply(\@bad_paths, [], 'every repository path named in backquotes exists')
    or diag(join "\n", @bad_paths);

# ---- documentation named in the sources' comments ------------------------------
my @src;
find({ wanted => sub { push @src, $File::Find::name if -f $_ && /\.(c|h|lua|t|pm|py|sh)$|^Makefile$/ },
       no_chdir => 1 }, qw(harness plugins tests scripts template bench));
push @src, 'Makefile', '.ci/run';
my (@bad_refs, %seen);
my $nrefs = 0;
for my $f (@src) {
    next if $f eq 'tests/docs.t';
    my $text = read_file($f);
    (my $dir = $f) =~ s{[^/]*$}{};
    # a Markdown file by name: docs/<name>.md, or an upper-case one (README.md)
    while ($text =~ m{(?<![\w./-])((?:[\w.-]+/)*(?:docs/[\w.-]+|[A-Z][A-Z_]*\.md))
                      (?:'s)?(?:\s+\(?("[^"\n]+"))?}gx) {
        my ($name, $section) = ($1, $2);
        next if $name =~ m{^share/};    # an installed path, not one of the repository
        $nrefs++;
        my ($path) = grep { -e } ($name, "$dir$name");
        if (!$path) { push @bad_refs, "$f: $name (no such file)"; next }
        next unless defined $section && $path =~ /\.md$/;
        (my $s = $section) =~ s/^"|"$//g;
        push @bad_refs, "$f: $name $section (no such heading)"
            unless grep { my $h = $_; $h =~ s/`//g; $h eq $s } headings($path);
    }
    # "see README ..." / "the README's ..." without a file name
    push @bad_refs, map { "$f: $_" } $text =~ /(the README's "[^"]+"|see README "[^"]+")/g;
}
cmp_ok($nrefs, '>=', 3, "the sources name documentation files ($nrefs references)");
is_deeply(\@bad_refs, [], 'every documentation file (and section) the sources name exists')
    or diag(join "\n", @bad_refs);

# ---- the man page and docs/cli.md against `amor --help` -----------------------
my $help = amor('--help');
is($help->{status}, 0, 'amor --help exits 0');
my @cmds = $help->{out} =~ /^\s*(?:usage:\s*)?amor ([a-z]+) /mg;
my %opt = map { $_ => 1 } $help->{out} =~ /(?<![\w-])(--[a-z][a-z-]*|-[a-z])\b/g;
cmp_ok(scalar @cmds, '>=', 6, 'amor --help lists the commands (' . join(' ', @cmds) . ')');
my $man = read_file('docs/amor.1');
(my $man_text = $man) =~ s/\\-/-/g;
my $cli = read_file('docs/cli.md');
my @missing;
for my $c (@cmds) {
    push @missing, "man page: command $c" unless $man_text =~ /^\.SY "amor \Q$c\E"$/m;
    push @missing, "docs/cli.md: command $c" unless $cli =~ /^amor \Q$c\E\b/m;
}
for my $o (sort keys %opt) {
    push @missing, "man page: option $o" unless $man_text =~ /(?<![\w-])\Q$o\E(?![\w-])/;
    push @missing, "docs/cli.md: option $o" unless $cli =~ /(?<![\w-])\Q$o\E(?![\w-])/;
}
is_deeply(\@missing, [], 'every command and option of amor --help is in the man page and docs/cli.md ('
          . scalar(keys %opt) . ' options)') or diag(join "\n", @missing);

SKIP: {
    skip 'groff not installed', 2 unless system('sh', '-c', 'command -v groff >/dev/null 2>&1') == 0;
    my $out = `groff -man -Tutf8 -ww -z docs/amor.1 2>&1`;
    is($?, 0, 'groff renders docs/amor.1');
    is($out, '', 'without a warning (-ww)');
}
SKIP: {
    skip 'mandoc not installed', 1 unless system('sh', '-c', 'command -v mandoc >/dev/null 2>&1') == 0;
    my $out = `mandoc -Tlint -W all docs/amor.1 2>&1`;
    is($out, '', 'mandoc -Tlint -W all: nothing to say about docs/amor.1');
}

done_testing();
