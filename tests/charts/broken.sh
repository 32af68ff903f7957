#!/bin/sh
# broken.sh — check_charts must reject a chart that a student could not read.
# Each case breaks one thing in a chart drawn from tests/charts/data (or in
# its data) and expects check_charts to fail with the fault named:
#
#   tests/charts/broken.sh CHECK_CHARTS WORK_DIR
#
# Exit 0 when every broken chart was caught, 1 (with the case) otherwise.
set -u
[ $# -eq 2 ] || { echo "usage: tests/charts/broken.sh CHECK_CHARTS WORK_DIR" >&2; exit 2; }
check=$1 work=$2
here=$(cd "$(dirname "$0")/../.." && pwd)
data=$here/tests/charts/data
good=$work/svg                  # the charts test-charts drew from the data
status=0 n=0

# expect CASE LAB CHART SED MESSAGE — CHART.svg of LAB with SED applied to the
# SVG must fail with MESSAGE in the output. With FROM=without-peers the chart
# and its data come from data-without-peers/ (svg-without-peers/).
expect() {
    case_dir=$work/broken/$1; mkdir -p "$case_dir/data/$2" "$case_dir/svg"
    d=$data s=$good
    [ "${FROM:-}" = without-peers ] && d=$data-without-peers s=$good-without-peers
    cp "$d/$2/$3.csv" "$case_dir/data/$2/"
    sed "$4" "$s/$2-$3.svg" >"$case_dir/svg/$2-$3.svg"
    verdict "$1" "$case_dir" "$5"
}

# verdict CASE DIR MESSAGE — check_charts on DIR fails, naming MESSAGE.
verdict() {
    n=$((n + 1))
    if "$check" --plots "$here/plots" --data "$2/data" --charts "$2/svg" >"$2/out" 2>&1; then
        echo "FAILED: check_charts passed a broken chart ($1)"; status=1
    elif ! grep -qF -- "$3" "$2/out"; then
        echo "FAILED: check_charts did not say \"$3\" ($1):"; sed 's/^/  /' "$2/out"; status=1
    fi
}

expect no-title write-barrier store-cost \
    's/>Write barriers: cost of a pointer store[^<]*</></' "no title at the top"
expect no-footnote alignment list 's/>[^<>]* · [0-9]* cores · [^<]*</></' "no footnote"
expect no-ylabel-unit tri-color gcbench \
    's/>CPU time of one full collection (ms, log scale)</>CPU time of one full collection</' \
    "names no unit"
expect no-xlabel pools victim 's/>cycle (each: get a burst[^<]*</></' "x-axis label"
FROM=without-peers expect note-not-drawn escape cost 's/>left out: Go: [^<]*</></' \
    "is not drawn under the chart"

# A peer dropped from the data without a `# left out:` line: jemalloc's
# column taken out of the allocator's throughput, the chart redrawn.
d=$work/broken/peer-dropped; mkdir -p "$d/data/allocator" "$d/svg"
awk -F, -v OFS=, '/^#/ { print; next } {
    if (!col) for (i = 1; i <= NF; i++) if ($i ~ /^jemalloc/) col = i
    out = ""; for (i = 1; i <= NF; i++) if (i != col) out = out (out == "" ? "" : OFS) $i
    print out }' "$data/allocator/throughput.csv" >"$d/data/allocator/throughput.csv"
PLOTS_FORMATS=svg "$here/scripts/plots.sh" "$d/data" "$d/svg" >/dev/null
verdict peer-dropped "$d" "peer jemalloc is neither in the chart nor named"

# The same peer named as left out: the chart passes.
{ echo "# left out: jemalloc: not installed (a test of the check)"; cat "$d/data/allocator/throughput.csv"; } \
    >"$d/named.csv" && mv "$d/named.csv" "$d/data/allocator/throughput.csv"
PLOTS_FORMATS=svg "$here/scripts/plots.sh" "$d/data" "$d/svg" >/dev/null
n=$((n + 1))
if ! "$check" --plots "$here/plots" --data "$d/data" --charts "$d/svg" >"$d/out" 2>&1; then
    echo "FAILED: a peer named as left out was refused:"; sed 's/^/  /' "$d/out"; status=1
fi
[ $status -eq 0 ] && echo "   $n broken charts: each caught, with its fault named"
exit $status
