#!/bin/sh
# plots.sh — render every chart whose data exists: plots/<lab>-<chart>.gp
# reads DATA/<lab>/<chart>.csv and writes OUT/<lab>-<chart>.svg and .png.
#
#   scripts/plots.sh DATA_DIR OUT_DIR
#
# Each chart script gets the gnuplot variables `datafile`, `outfile`,
# `termtype` ("svg" or "png"), `footnote` (machine and date) and `leftout`
# (the peers the bench left out of this chart, one "peer: reason" per line,
# lines separated by tabs; empty when none), after plots/common.gp has set
# the house style. A bench names a peer it left out in the CSV itself, as a
# comment line `# left out: PEER: REASON` (gnuplot skips it as a comment),
# so the note can never outlive or miss its data; common.gp prints each one
# under the chart. A chart is written to a temporary file and renamed into
# place, so a failed chart never looks complete.
#
# PLOTS_FORMATS="svg" (default "svg png") draws only those formats.
set -u
[ $# -eq 2 ] || { echo "usage: scripts/plots.sh DATA_DIR OUT_DIR" >&2; exit 2; }
data=$1 out=$2
command -v gnuplot >/dev/null || { echo "plots.sh: gnuplot is not installed (scripts/deps.sh)" >&2; exit 1; }
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
foot="$(uname -n) · $(nproc) cores · $(uname -m) · $(date +%Y-%m-%d)"
tab=$(printf '\t')
status=0 n=0
labs=""                              # the labs' names (labs/*/lab.mk), found once
for mk in "$here"/labs/*/lab.mk; do
    [ -e "$mk" ] || continue
    l=${mk%/lab.mk}; labs="$labs ${l##*/}"
done
for gp in "$here"/plots/*-*.gp; do
    [ -e "$gp" ] || continue
    base=${gp##*/}; base=${base%.gp} # <lab>-<chart>
    lab=${base%%-*}                  # the longest lab name it starts with
    for l in $labs; do
        case "$base" in "$l"-*) [ ${#l} -gt ${#lab} ] && lab=$l ;; esac
    done
    chart=${base#"$lab"-}
    csv="$data/$lab/$chart.csv"
    [ -f "$csv" ] || continue
    # The left-out peers, tab-separated, last first (common.gp stacks them
    # upwards), quotes doubled for gnuplot's '...'.
    left=$(sed -n 's/^# left out: *//p' "$csv" | tr -d '\r' | tac | sed "s/'/''/g" | paste -sd "$tab" -)
    for t in ${PLOTS_FORMATS:-svg png}; do
        tmp="$out/.$base.$t.tmp"
        if gnuplot -e "datafile='$csv'; outfile='$tmp'; termtype='$t'; footnote='$foot'; leftout='$left'" \
                   "$here/plots/common.gp" "$gp" 2>"$out/.$base.log"; then
            mv "$tmp" "$out/$base.$t"
        else
            echo "plots.sh: $gp failed on $csv:" >&2; sed 's/^/  /' "$out/.$base.log" >&2
            rm -f "$tmp"; status=1
        fi
    done
    rm -f "$out/.$base.log"
    n=$((n + 1))
done
echo "memlab: $n chart(s) in $out"
exit $status
