#!/bin/bash
# lab_class.sh — the starter and every hand-written mutant of one lab graded,
# and each held to its bound (`make test-lab-<lab>`, tests/labs.mk).
#
#   tests/lab_class.sh LAB FILE LOST_POINTS MAKE JOBS [killed-by|full]
#
# LAB's student file is FILE; LOST_POINTS is build/test/lost_points
# (tests/harness/lost_points.c), which lists the tests that took points in a
# grading's results.json.
#
# Every mutant tests/mutants/LAB/<name>.c names, in its header comment, the
# tests that take points from it (tests/mutants/README.md):
#
#   // Killed by: suite/test suite/other
#
# Each submission is copied to build/mutants/LAB/subs/<row>/FILE (<row> is
# `starter` for labs/LAB/FILE, `mutant-<name>` for each mutant) and graded
# exactly as one student of a class is graded, in a build of its own:
#
#   MAKE grade GRADE_BATCH=1 SUBMISSION=subs/<row> BUILD_DIR=rows/<row> LAB=LAB
#
# JOBS at a time (xargs -P), every run from scratch. The steps of a mutant's
# grading are the same as a student's (compile, link, run the suite, score);
# what differs is which tests run:
#
#   killed-by (the default)  each mutant runs only the tests its line names
#             (TEST='@(suite/test|suite/other)', the grader's --filter) and
#             must score below the maximum of that subset; a name that is no
#             test of the suite fails, as does a header without the line;
#   full      (MUTANTS_FULL=1) each mutant runs the whole suite and must
#             score below the lab's maximum; the line must still name tests
#             that exist.
#
# The starter always runs the whole suite and must score below half the
# lab's maximum. One line per check, with the score and the tests that took
# points; a row that breaks its bound is named with its file and its grading
# log (build/mutants/LAB/rows/<row>/grade.log), and the script exits 1 after
# checking every row.
set -u
[ $# -eq 5 ] || [ $# -eq 6 ] ||
    { echo "usage: tests/lab_class.sh LAB FILE LOST_POINTS MAKE JOBS [killed-by|full]" >&2; exit 2; }
lab=$1 file=$2 lost_points=$3 make=$4 jobs=$5 mode=${6:-killed-by}
case $mode in killed-by|full) ;; *) echo "lab_class.sh: unknown mode '$mode'" >&2; exit 2 ;; esac
base=build/mutants/$lab
subs=$base/subs rows=$base/rows

# The names on the `// Killed by:` lines of mutant $1's header comment (the
# first lines, each starting with //), one per line; "" when there is none.
killed_by() {
    awk '!/^\/\// { exit } sub(/^\/\/ Killed by:/, "") { for (i = 1; i <= NF; i++) print $i }' "$1"
}

rm -rf "$base"
mkdir -p "$subs/starter" "$rows"
cp "labs/$lab/$file" "$subs/starter/"
jobs_list=("starter" "-")     # pairs: row, the tests it runs ("-": all)
declare -A names=()           # row -> the names its header gives
fail=0 failed=() n=0
for m in tests/mutants/"$lab"/*.c; do
    [ -e "$m" ] || continue
    row=mutant-$(basename "$m" .c)
    n=$((n + 1))
    list=$(killed_by "$m" | tr '\n' ' ')
    list=${list% }
    bad=$(killed_by "$m" | grep -vE '^[A-Za-z0-9_]+/[A-Za-z0-9_]+$' | head -1)
    if [ -z "$list" ] || [ -n "$bad" ]; then
        what=${bad:+"'$bad' is not a SUITE/TEST name"}
        failed+=("" "FAILED: $m: ${what:-its header has no '// Killed by: SUITE/TEST ...' line} (the format: tests/mutants/README.md)")
        fail=1
        continue
    fi
    names[$row]=$list
    mkdir -p "$subs/$row"
    cp "$m" "$subs/$row/$file"
    if [ "$mode" = full ]; then
        jobs_list+=("$row" "-")
    else
        case $list in
            *" "*) jobs_list+=("$row" "@(${list// /|})") ;;
            *) jobs_list+=("$row" "$list") ;;
        esac
    fi
done
if [ "$mode" = full ]; then
    echo "== $lab: the starter scores below half marks; each of its $n mutants loses points" \
         "(the whole suite, $jobs at a time)"
else
    echo "== $lab: the starter scores below half marks; each of its $n mutants loses points" \
         "in the tests its header names ($jobs at a time; MUTANTS_FULL=1 runs the whole suite)"
fi

# Grades row $1 with the tests $2 ("-": all) into rows/$1; its exit status
# goes to rows/$1/status. The reference build (build/solution, which
# test-lab-<lab>-grade graded just before) lists the tests of a submission
# that does not compile, so its maximum is the real one. (xargs runs it.)
# shellcheck disable=SC2317
grade_one() {
    local row=$1 out=$rows/$1 filter=()
    [ "$2" = - ] || filter=("TEST=$2")
    mkdir -p "$out"
    "$make" --no-print-directory grade SAN= GRADE_BATCH=1 LAB="$lab" \
        SUBMISSION="$subs/$row" BUILD_DIR="$out" \
        GRADEFLAGS="--quiet --no-color --reference build/solution" "${filter[@]}" \
        >"$out/grade.log" 2>&1
    echo $? >"$out/status"
}
export -f grade_one
export make lab subs rows
# shellcheck disable=SC2016 # $1 and $2 are grade_one's, in the shell xargs starts
printf '%s\n' "${jobs_list[@]}" | xargs -d '\n' -n 2 -P "$jobs" bash -c 'grade_one "$1" "$2"' _

lines=()
for ((i = 0; i < ${#jobs_list[@]}; i += 2)); do
    row=${jobs_list[i]} out=$rows/${jobs_list[i]}
    if [ "$row" = starter ]; then
        file_of=labs/$lab/$file what="the starter"
    else
        file_of=tests/mutants/$lab/${row#mutant-}.c what="mutant ${row#mutant-}"
    fi
    # shellcheck disable=SC2086 # the names are words by construction
    if [ "$(cat "$out/status" 2>/dev/null)" != 0 ] ||
        ! report=$("$lost_points" "$out/grade/results.json" ${names[$row]:-} 2>&1); then
        failed+=("$out/grade.log" "FAILED: $lab: $what was not graded ($file_of; log: $out/grade.log)")
        fail=1
        continue
    fi
    read -r _ score max <<<"$(grep '^score ' <<<"$report")"
    took=$(awk '$1 == "lost" { print $2 }' <<<"$report" | tr '\n' ' ')
    missing=$(awk '$1 == "missing" { print $2 }' <<<"$report" | tr '\n' ' ')
    if [ "$row" = starter ]; then bound=0.5; else bound=1; fi
    if [ -n "$missing" ]; then
        failed+=("$out/grade.log" "FAILED: $lab: $file_of names ${missing% }, not a test of the $lab suite (build/solution/suites/$lab --list lists them)")
        fail=1
    elif awk -v s="$score" -v m="$max" -v b="$bound" 'BEGIN { exit !(s < b * m) }'; then
        read -r -a t <<<"$took"
        shown=${t[*]}
        [ ${#t[@]} -gt 4 ] && shown="${t[*]:0:4} and $((${#t[@]} - 4)) more"
        line=$(printf '   %-40s Score %s/%s in %s' "$what" "$score" "$max" "$shown")
        # A named test that gave full marks this time (its header may be out of date).
        spared=
        for t in ${names[$row]:-}; do
            [[ " $took" == *" $t "* ]] || spared+=" $t"
        done
        [ -n "$spared" ] && line+="; full marks in:$spared"
        [ "$row" = starter ] && line=$(printf '   %-40s Score %s/%s (the whole suite)' "$what" "$score" "$max")
        lines+=("$line")
    elif [ "$row" = starter ]; then
        failed+=("$out/grade.log" "FAILED: $lab: the starter does not score below half marks (Score $score/$max; log: $out/grade.log)")
        fail=1
    else
        failed+=("$out/grade.log" "FAILED: $lab: $what was not caught: Score $score/$max in ${names[$row]} ($file_of; log: $out/grade.log)")
        fail=1
    fi
done
[ ${#lines[@]} -gt 0 ] && printf '%s\n' "${lines[@]}"
# Each row that broke its bound: its grading log, then what failed.
for ((i = 0; i < ${#failed[@]}; i += 2)); do
    if [ -n "${failed[i]}" ]; then
        echo "---- ${failed[i]}"
        cat "${failed[i]}" 2>/dev/null
    fi
    echo "${failed[i + 1]}"
done
exit $fail
