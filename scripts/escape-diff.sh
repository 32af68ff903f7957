#!/bin/sh
# escape-diff.sh — the escape lab's differential test: random programs of the
# lab's Go subset (`escape --generate SEED`), analysed by the real Go compiler
# (`go tool compile -m -l`, the compiler of `go build -gcflags='-m -l'`) and
# by an escape binary, compared diagnostic line by diagnostic line.
#
#   scripts/escape-diff.sh [-n N] [-s FIRST-SEED] [-j JOBS] [-t MIN-PERCENT] BIN
#
# The compiler sees each program as its own package (`package main`
# renamed to `package pN`, so nothing is linked) and compiles them all in one
# `go build -gcflags='-m -l' ./...` on a fresh build cache, which runs the
# compilers in parallel: about 0.1 s of CPU per program.
#
# Prints the agreement: programs whose output is identical (order included),
# and diagnostic lines in agreement (a line of either side that the other
# side lacks is one disagreement). Exits 1 when line agreement is below
# MIN-PERCENT (default 99) or a program the generator wrote is refused; 0
# otherwise. Without Go it says so and exits 0. The programs and both
# outputs stay in build/escape-diff/ for inspection.
set -eu
n=300 seed=1 jobs=$(nproc 2>/dev/null || echo 2) min=99
while getopts n:s:j:t: o; do
    case $o in
    n) n=$OPTARG ;; s) seed=$OPTARG ;; j) jobs=$OPTARG ;; t) min=$OPTARG ;;
    *) echo "usage: $0 [-n N] [-s SEED] [-j JOBS] [-t MIN-PERCENT] BIN" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || { echo "usage: $0 [-n N] [-s SEED] [-j JOBS] [-t MIN-PERCENT] BIN" >&2; exit 2; }
bin=$1
if ! command -v go >/dev/null 2>&1; then
    echo "escape-diff: Go is not installed (scripts/deps.sh --test installs golang-go); the comparison with the real compiler is skipped"
    exit 0
fi
out=build/escape-diff
rm -rf "$out"
mkdir -p "$out"
export GOCACHE="$PWD/build/go-cache" GOPATH="$PWD/build/go-path" GOFLAGS= GO111MODULE=off
last=$((seed + n - 1))
for i in $(seq "$seed" "$last"); do
    "$bin" --generate "$i" >"$out/p$i.go"
done
# One package per program, one `go build` for all of them.
mod="$out/mod"
mkdir -p "$mod"
printf 'module gen\n\ngo 1.19\n' >"$mod/go.mod"
for i in $(seq "$seed" "$last"); do
    mkdir -p "$mod/p$i"
    sed "s/^package main\$/package p$i/" "$out/p$i.go" >"$mod/p$i/p.go"
    : >"$out/p$i.go.txt"
done
(cd "$mod" && GO111MODULE=on GOFLAGS=-mod=mod GOCACHE="$PWD/../go-cache" \
    go build -p "$jobs" -gcflags='-m -l' ./... >../go.log 2>&1) || true
rm -rf "$out/go-cache"
awk -v dir="$out" '
/^# gen\/p[0-9]+$/ { n = substr($2, 6); next }
/^p[0-9]+\/p\.go:/ { split($0, a, "/"); n = substr(a[1], 2); sub(/^p[0-9]+\/p\.go:/, "./p" n ".go:"); print > (dir "/p" n ".go.txt"); next }
{ print > (dir "/go.other.txt") }' "$out/go.log"
refused=0
for i in $(seq "$seed" "$last"); do
    if ! "$bin" --no-header "$out/p$i.go" >"$out/p$i.mine.txt" 2>"$out/p$i.err"; then
        echo "escape-diff: program $i was refused: $(cat "$out/p$i.err")"
        refused=$((refused + 1))
    fi
    grep -q ': \(moved to heap\|leaking param\|.* escape\|.*escapes to heap\|.*ignoring self\)' \
        "$out/p$i.go.txt" || grep -v '^#' "$out/p$i.go.txt" | head -3 | sed "s/^/escape-diff: program $i: go says: /"
done
# Compare: identical programs, and per line (a multiset match per program).
for i in $(seq "$seed" "$last"); do
    printf '%s\n' "$i"
done | awk -v dir="$out" -v min="$min" -v refused="$refused" '
{
    gof = dir "/p" $1 ".go.txt"; mine = dir "/p" $1 ".mine.txt"
    delete cnt; ng = 0; nm = 0; a = ""; b = ""
    while ((getline l < gof) > 0) { if (l ~ /^#/) continue; cnt[l]++; ng++; a = a l "\n" }
    close(gof)
    extra = 0
    while ((getline l < mine) > 0) { nm++; b = b l "\n"; if (cnt[l] > 0) cnt[l]--; else extra++ }
    close(mine)
    missing = 0; for (k in cnt) missing += cnt[k]
    lines += ng; bad += missing + extra; progs++
    if (a == b) same++; else if (shown++ < 5) printf "escape-diff: program %d differs (%d missing, %d extra): diff %s %s\n", $1, missing, extra, gof, mine
}
END {
    total = lines + 0
    pct = total ? 100 * (total - bad) / total : 100
    if (pct < 0) pct = 0
    printf "escape-diff: %d/%d programs identical (%.1f %%), %d diagnostic lines, %d disagreements: %.2f %% of lines agree\n", same, progs, 100 * same / progs, total, bad, pct
    if (pct < min || refused > 0) { printf "escape-diff: FAILED (want at least %s %% and no refused program)\n", min; exit 1 }
}'
