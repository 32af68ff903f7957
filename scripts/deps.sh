#!/bin/sh
# deps.sh — the one place memlab's dependencies are installed.
#
# Checks the Debian packages memlab needs and installs the missing ones with
# apt-get (as root, or through sudo when it is available without a password).
# When neither is possible it prints the exact command to run and exits 1.
# Quick and silent when everything is present, so the Makefile can call it
# before every build.
#
#   scripts/deps.sh            install what is missing for building and grading
#   scripts/deps.sh --test     also what `make test` and `make bench` need: the
#                              real tools the labs are compared with (Go) and a browser
#   scripts/deps.sh --debug    also the debugger a student steps through a
#                              failed test with (gdb, and gdbserver for
#                              Criterion's --debug=gdb)
#   scripts/deps.sh --check    only report; exit 1 if something is missing
#   scripts/deps.sh --list     print the package names, one per line

set -u

# Required: building, testing and grading.
REQUIRED="gcc make pkg-config libcriterion-dev libjansson-dev libxml2-dev
libseccomp-dev gnuplot-nox graphviz binutils libdw-dev elfutils bubblewrap zip unzip"
# Comparators for benchmarks (a missing one is skipped with a visible note).
COMPARATORS="libjemalloc-dev libmimalloc-dev libgoogle-perftools-dev libgc-dev
valgrind"
# For `make test` and the benches, not needed to grade: the real Go compiler
# and runtime, which the escape and pacer labs are checked against; a
# headless browser that loads the HTML report; and clang-format, for
# `make format-check`.
TESTING="golang-go chromium clang-format"
# For students debugging a failed test (README, "Debugging a failed test"):
# gdb, and gdbserver, which a suite's `--debug=gdb` starts the test under.
DEBUGGING="gdb gdbserver"
ALL="$REQUIRED $COMPARATORS"

missing() {
    # One dpkg-query for them all (it reads its database once): a line
    # "<package> install ok installed" for each one present.
    # shellcheck disable=SC2086
    st=$(dpkg-query -W -f='${Package} ${Status}\n' $ALL 2>/dev/null)
    for p in $ALL; do
        case "
$st
" in
            *"
$p install ok installed
"*) ;;
            *) printf '%s ' "$p" ;;
        esac
    done
}

MODE=""
for a in "$@"; do
    case "$a" in
        --test) ALL="$ALL $TESTING" ;;
        --debug) ALL="$ALL $DEBUGGING" ;;
        --list|--check) MODE="$a" ;;
        -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "deps.sh: unknown option '$a' (try --help)" >&2; exit 2 ;;
    esac
done
if [ "$MODE" = "--list" ]; then
    for p in $ALL; do echo "$p"; done; exit 0
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "deps.sh: this is not a Debian/Ubuntu system; install the equivalents of:" >&2
    echo "  $ALL" | tr '\n' ' ' >&2; echo >&2
    exit 1
fi

need=$(missing)
[ -z "$need" ] && exit 0

if [ "$MODE" = "--check" ]; then
    echo "deps.sh: missing packages: $need" >&2
    exit 1
fi

echo "memlab: installing missing packages: $need"
if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo"
else
    echo "deps.sh: cannot install packages without root. Run:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y $need" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
$SUDO apt-get update -qq || { echo "deps.sh: apt-get update failed" >&2; exit 1; }
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null ||
    { echo "deps.sh: apt-get install failed for: $need" >&2; exit 1; }

need=$(missing)
if [ -n "$need" ]; then
    echo "deps.sh: still missing after install: $need" >&2
    exit 1
fi
echo "memlab: dependencies installed."
