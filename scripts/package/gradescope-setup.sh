#!/bin/sh
# setup.sh — Gradescope runs this once, as root, when it builds the
# autograder image (memlab's package: scripts/package.sh). It installs
# memlab's dependencies through scripts/deps.sh and builds everything grading
# needs — the core, the grader, each lab's own objects and the starter's
# suites (each lab's maximum) — so run_autograder needs no network.
# AUTOGRADER_ROOT replaces /autograder (for memlab's own tests).
set -eu
ROOT=${AUTOGRADER_ROOT:-/autograder}
cd "$ROOT/source/memlab"
scripts/deps.sh
. instructor/package.conf
make --no-print-directory tools
make --no-print-directory prebuild IMPL=student BUILD_DIR=build/class/.maxima LAB="$LABS" \
    $( [ -d instructor/hidden ] && echo HIDDEN=instructor/hidden )
echo "memlab: autograder ready for $LABS"
