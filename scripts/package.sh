#!/bin/sh
# package.sh — memlab as the autograding platforms run it.
#
#   scripts/package.sh gradescope OUT "LABS" [HIDDEN_DIR] [ASSIGNMENT]
#   scripts/package.sh autolab    OUT LAB    [HIDDEN_DIR] [ASSIGNMENT]
#
# Both start from the students' copy (scripts/dist-student.sh: no solutions,
# no tests) and add, under instructor/, the hidden suites and the assignment
# file; the grader's jail hides instructor/ from student code like build/.
#
# gradescope → OUT/gradescope.zip: setup.sh and run_autograder at the top
#   (scripts/package/gradescope-*), the copy as memlab/. Gradescope unzips it
#   into /autograder/source and runs setup.sh once (dependencies through
#   scripts/deps.sh, then every build grading needs, so grading needs no
#   network); run_autograder grades /autograder/submission as uploaded and
#   writes /autograder/results/results.json. AUTOGRADER_ROOT replaces
#   /autograder (make test-packages runs both in a fake tree).
# autolab → OUT/autolab-LAB.tar: autograde.tar (the copy) and
#   autograde-Makefile (scripts/package/autolab-Makefile), which builds,
#   grades the handin file and prints {"scores": {...}} as its last line.
set -eu
[ $# -ge 3 ] && [ $# -le 5 ] || { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
kind=$1 out=$2 labs=$3 hidden=${4:-} assignment=${5:-}
here=$(cd "$(dirname "$0")/.." && pwd)
case "$kind" in gradescope|autolab) ;; *) echo "package.sh: unknown kind '$kind'" >&2; exit 2 ;; esac
[ -z "$hidden" ] || [ -d "$hidden" ] || { echo "package.sh: HIDDEN=$hidden: no such directory" >&2; exit 1; }
[ -z "$assignment" ] || [ -f "$assignment" ] || { echo "package.sh: ASSIGNMENT=$assignment: no such file" >&2; exit 1; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
work="$out/.$kind.tmp"
rm -rf "$work"
mkdir -p "$work"
"$here/scripts/dist-student.sh" "$work" >/dev/null
copy="$work/memlab"
mv "$work/memlab-student" "$copy"
rm -f "$work/memlab-student.tar.gz"
mkdir -p "$copy/instructor"
printf 'LABS="%s"\n' "$labs" >"$copy/instructor/package.conf"
if [ -n "$hidden" ]; then
    mkdir -p "$copy/instructor/hidden"
    for l in $labs; do [ ! -f "$hidden/$l.c" ] || cp "$hidden/$l.c" "$copy/instructor/hidden/"; done
fi
[ -z "$assignment" ] || cp "$assignment" "$copy/instructor/assignment.txt"
case "$kind" in
gradescope)
    cp "$here/scripts/package/gradescope-setup.sh" "$work/setup.sh"
    cp "$here/scripts/package/gradescope-run_autograder" "$work/run_autograder"
    chmod +x "$work/setup.sh" "$work/run_autograder"
    rm -f "$out/.gradescope.zip.tmp"
    (cd "$work" && zip -qr "$out/.gradescope.zip.tmp" setup.sh run_autograder memlab)
    mv "$out/.gradescope.zip.tmp" "$out/gradescope.zip"
    echo "memlab: Gradescope autograder in $out/gradescope.zip (labs: $labs)"
    ;;
autolab)
    tar -C "$work" -cf "$work/autograde.tar" memlab
    cp "$here/scripts/package/autolab-Makefile" "$work/autograde-Makefile"
    tar -C "$work" -cf "$out/.autolab-$labs.tar.tmp" autograde.tar autograde-Makefile
    mv "$out/.autolab-$labs.tar.tmp" "$out/autolab-$labs.tar"
    echo "memlab: Autolab autograder in $out/autolab-$labs.tar (lab: $labs)"
    ;;
esac
rm -rf "$work"
