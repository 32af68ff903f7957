#!/bin/sh
# escape-expected.sh — the escape lab's ground truth: for every Go file of
# the corpus (labs/escape/data/<concept>/<name>.go) the real compiler's
# escape diagnostics, in <name>.expected beside it.
#
#   scripts/escape-expected.sh           regenerate every .expected file
#   scripts/escape-expected.sh --check   verify that every committed .expected
#                                        file is what the installed Go prints
#
# The compiler runs as `go build -gcflags='-m -l'` runs it: its compile step,
# `go tool compile -m -l -p main` (the same flags, without building and
# linking a binary, so the corpus takes seconds). The corpus follows Go
# 1.19's analysis and wording; another Go version may print other lines,
# which --check reports. Without Go, it says so and exits 0 (grading needs
# only the committed files).
set -eu
mode=write
[ "${1:-}" = "--check" ] && mode=check
data=labs/escape/data
if ! command -v go >/dev/null 2>&1; then
    echo "escape-expected: Go is not installed (scripts/deps.sh --test installs golang-go); the committed expectations are not checked"
    exit 0
fi
ver=$(go env GOVERSION 2>/dev/null || echo unknown)
case $ver in go1.19*) ;; *) echo "escape-expected: note: Go is $ver; the corpus was made with go1.19" ;; esac
export GOCACHE="$PWD/build/go-cache" GOPATH="$PWD/build/go-path" GOFLAGS= GO111MODULE=off
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0 n=0
for f in "$data"/*/*.go harness/suites/escape/units/*.go; do
    n=$((n + 1))
    dir=$(dirname "$f") base=$(basename "$f" .go)
    # The object file goes to the temporary directory, never to /dev/null: run
    # as root, the compiler replaces /dev/null with an ordinary file.
    (cd "$dir" && go tool compile -m -l -p main -o "$tmp/obj.o" "$base.go") >"$tmp/out" 2>&1 || {
        echo "escape-expected: $f does not compile:"; cat "$tmp/out"; bad=$((bad + 1)); continue; }
    sed "s|^$base\.go:|./$base.go:|" "$tmp/out" >"$tmp/exp"
    if [ $mode = write ]; then
        cp "$tmp/exp" "$dir/$base.expected"
    elif ! cmp -s "$tmp/exp" "$dir/$base.expected"; then
        echo "escape-expected: $dir/$base.expected is not what $ver prints:"
        diff "$dir/$base.expected" "$tmp/exp" || true
        bad=$((bad + 1))
    fi
done
if [ $mode = write ]; then
    echo "escape-expected: wrote $n expectations with $ver"
elif [ $bad -ne 0 ]; then
    echo "escape-expected: $bad of $n expectations are stale; run scripts/escape-expected.sh"
    exit 1
else
    echo "escape-expected: the $n committed expectations are what $ver prints"
fi
[ $bad -eq 0 ]
