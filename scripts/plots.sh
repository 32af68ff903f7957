#!/bin/sh
# plots.sh — render every chart whose data exists: plots/<lab>-<chart>.gp
# reads DATA/<lab>/<chart>.csv and writes OUT/<lab>-<chart>.svg and .png.
#
#   scripts/plots.sh DATA_DIR OUT_DIR
#
# Each chart script gets the gnuplot variables `datafile`, `outfile`,
# `termtype` ("svg" or "png") and `footnote` (machine and date), after
# plots/common.gp has set the house style. A chart is written to a temporary
# file and renamed into place, so a failed chart never looks complete.
set -u
[ $# -eq 2 ] || { echo "usage: scripts/plots.sh DATA_DIR OUT_DIR" >&2; exit 2; }
data=$1 out=$2
command -v gnuplot >/dev/null || { echo "plots.sh: gnuplot is not installed (scripts/deps.sh)" >&2; exit 1; }
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
foot="$(uname -n) · $(nproc) cores · $(uname -m) · $(date +%Y-%m-%d)"
status=0 n=0
for gp in "$here"/plots/*-*.gp; do
    [ -e "$gp" ] || continue
    base=$(basename "$gp" .gp)       # <lab>-<chart>
    lab=${base%%-*}                  # the longest lab name (labs/*/lab.mk) it starts with
    for mk in "$here"/labs/*/lab.mk; do
        l=$(basename "$(dirname "$mk")")
        case "$base" in "$l"-*) [ ${#l} -gt ${#lab} ] && lab=$l ;; esac
    done
    chart=${base#"$lab"-}
    csv="$data/$lab/$chart.csv"
    [ -f "$csv" ] || continue
    for t in svg png; do
        tmp="$out/.$base.$t.tmp"
        if gnuplot -e "datafile='$csv'; outfile='$tmp'; termtype='$t'; footnote='$foot'" \
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
