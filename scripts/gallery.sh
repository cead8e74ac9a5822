#!/bin/sh
# scripts/gallery.sh EXP AMOR JOBS [SCRIPT [ARG ...]] -- one experiment of
# `make gallery` (docs/gallery.md): the full run of scripts/SCRIPT.lua
# (default: EXP) with the ARGs (--set calibration=untuned) into results/full/EXP
# (resuming the cells an earlier, interrupted run finished there), then its
# figures (.gp, .png, .svg; not the host's training curves and final-gap
# bars, which amor plot redraws from the CSVs), CSVs and tables (.md) into
# results/gallery/EXP,
# which is replaced as a whole only when the script ran to its end with
# every cell ok or diverged (a measured outcome some scripts report, as
# metalearn.lua's learned step sizes repeated past their training),
# and results/gallery/EXP/run.txt: the command, the commit, the machine and
# the seconds it took (summed over the invocations a resumed run continues).
# Models, .cells/, tracks.csv and plugins' caches stay behind in
# results/full/ (not committed).
set -u
exp=$1
amor=$2
jobs=$3
shift 3
name=$exp
if [ $# -gt 0 ]; then name=$1; shift; fi
script=scripts/$name.lua
work=results/full/$exp
gallery=results/gallery/$exp
[ -f "$script" ] || { echo "gallery.sh: no script $script" >&2; exit 2; }
mkdir -p results/full results/gallery

echo "make gallery: $exp: $amor run $script${*:+ $*} --out $work -j $jobs (log: $work.log)"
start=$(date +%s)
"$amor" run "$script" "$@" --out "$work" -j "$jobs" > "$work.log" 2>&1
rc=$?
secs=$(( $(date +%s) - start ))
tail -n 1 "$work.log"
# amor run's closing line, "51 cells, 5 failed: 46 ok, 5 diverged (46
# resumed); results in DIR": the cells, their statuses, how many resumed
summary=$(grep -E '^[0-9]+ cells?, [0-9]+ failed' "$work.log" | tail -n 1)
cells=${summary%% *}
statuses=$(printf '%s\n' "$summary" | sed -n 's/^[^:]*: \([^(;]*\).*/\1/p' | sed 's/ *$//')
resumed=$(printf '%s\n' "$summary" | sed -n 's/.*(\([0-9][0-9]*\) resumed).*/\1/p')
# the seconds it took: this invocation's, plus those of the earlier ones
# whose cells it resumed (results/full/EXP.seconds: "total invocations")
total=$secs
runs=1
if [ "${resumed:-0}" -gt 0 ] && [ -f "$work.seconds" ]; then
    read -r ptotal pruns < "$work.seconds"
    total=$(( ptotal + secs ))
    runs=$(( pruns + 1 ))
fi
echo "$total $runs" > "$work.seconds"
if [ "$rc" -eq 1 ] && [ -n "$summary" ] &&
   ! printf '%s\n' "$summary" | grep -Eq '[0-9]+ (error|crashed|timeout|oom|missing|other)' &&
   ! grep -Eq '^amor: .*\.lua:[0-9]+:' "$work.log"; then
    rc=0 # only ok and diverged cells, no error of the script: it ran to its end
fi
if [ "$rc" -ne 0 ]; then
    echo "make gallery: $exp: amor run exited $rc after $secs s; results/gallery/$exp unchanged (see $work.log)" >&2
    exit 1
fi

tmp=results/gallery/.$exp.tmp
rm -rf "$tmp" && mkdir "$tmp" || exit 1
trap 'rm -rf "$tmp" "results/full/$exp.plot"' EXIT
# tracks.csv (the tracked contexts' predictions at every evaluation: 14 MB
# for policies.lua) is left out: no figure is drawn from it (amor plot reads
# runs, curves and solver.csv; a script's figure carries its data inside)
for f in "$work"/*.csv "$work"/*.gp "$work"/*.png "$work"/*.svg "$work"/*.md; do
    [ -f "$f" ] && [ "${f##*/}" != tracks.csv ] && { cp "$f" "$tmp/" || exit 1; }
done
# solver.csv less the from-scratch solvers' blocks that repeat from cell to
# cell (the same problem and seed: only their seconds differ), as
# scripts/gallery_solver.pl says; the figures are drawn the same
if [ -f "$work/solver.csv" ] && [ -f "$work/runs.csv" ]; then
    perl scripts/gallery_solver.pl "$work/runs.csv" "$work/solver.csv" > "$tmp/solver.csv" || exit 1
fi
# The host's training curves and final-gap bars are the run's diagnostics,
# not reproductions: left out, as `amor plot DIR --kind training --kind
# final` draws them again from the committed CSVs (the same .gp byte for
# byte); which files they are, amor plot says by drawing them on a copy.
if [ -f "$tmp/runs.csv" ]; then
    scratch=results/full/$exp.plot
    rm -rf "$scratch" && mkdir "$scratch" && cp "$tmp"/*.csv "$scratch"/ || exit 1
    if ! "$amor" plot "$scratch" --kind training --kind final > "$scratch.log" 2>&1; then
        echo "make gallery: $exp: amor plot on the CSVs failed (see $scratch.log)" >&2
        exit 1
    fi
    for g in "$scratch"/*.gp; do
        [ -f "$g" ] || continue
        stem=${g##*/}
        stem=${stem%.gp}
        rm -f "$tmp/$stem.gp" "$tmp/$stem.png" "$tmp/$stem.svg"
    done
    rm -rf "$scratch" "$scratch.log"
fi
commit=$(git describe --always --dirty 2>/dev/null || echo unknown)
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
{
    echo "script: $script (full settings)"
    echo "command: $amor run $script${*:+ $*} --out $work -j $jobs"
    echo "commit: $commit"
    echo "machine: $(nproc) cores, ${cpu:-unknown CPU}"
    echo "cells: ${cells:-?} (${statuses:-none}), ${resumed:-0} of them resumed from an earlier run"
    echo "seconds: $total"
    echo "invocations: $runs (wall seconds of amor run summed over them; the last took $secs)"
} > "$tmp/run.txt"
rm -rf "$gallery.old"
[ -d "$gallery" ] && { mv "$gallery" "$gallery.old" || exit 1; }
mv "$tmp" "$gallery" && rm -rf "$gallery.old"
echo "make gallery: $exp: $total s ($runs invocations); $(du -sh "$gallery" | cut -f1) in $gallery"
