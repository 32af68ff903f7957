#!/bin/bash
# check_cli.sh — every program's answer to bad input, checked case by case.
#
# usage: tests/cli/check_cli.sh BIN_DIR GRADER [CASES]
#
# Runs each case of tests/cli/cases.txt (format in that file) with the
# programs of BIN_DIR (e.g. build/solution/bin), the grader GRADER and the
# mutation generator beside it (mutate), and
# checks the exit status, the message, that no output file was left behind
# in the must-stay-empty scratch directory, and that nothing crashed (under
# a sanitizer build, any sanitizer report fails the case). Prints one line
# per failed case and a count; exits 1 if any case failed.
#
# A case costs the program it runs and two greps: the line is split and its
# @ % + replaced with bash's own expansions, and the scratch directories are
# made again only when a case left something in them (each process the
# script itself starts costs more than most of the programs it tests).
set -u
shopt -s nullglob dotglob

bin=${1:?usage: check_cli.sh BIN_DIR GRADER [CASES]}
grader=${2:?usage: check_cli.sh BIN_DIR GRADER [CASES]}
cases=${3:-tests/cli/cases.txt}
data=tests/cli/data/
case $grader in */*) tools=${grader%/*} ;; *) tools=. ;; esac

scratch=$(mktemp -d "${TMPDIR:-/tmp}/memlab-cli.XXXXXX") || exit 1
trap 'rm -rf "$scratch"' EXIT INT TERM

# A sanitizer report exits 99 so it cannot pass for an expected status 1.
ASAN_OPTIONS="exitcode=99:detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
UBSAN_OPTIONS="exitcode=99:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export ASAN_OPTIONS UBSAN_OPTIONS

n=0 failed=0 lineno=0
while IFS= read -r line || [ -n "$line" ]; do
    lineno=$((lineno + 1))
    case $line in ''|'#'*) continue ;; esac
    # EXIT | PATTERN | COMMAND: the fields between ' | ', EXIT without its
    # blanks, PATTERN without its trailing ones.
    want=${line%% | *} rest=${line#* | }
    pattern=${rest%% | *} cmd=
    [ "$rest" = "$line" ] || [ "$pattern" = "$rest" ] || cmd=${rest#* | }
    want=${want// /}
    pattern=${pattern%"${pattern##*[! ]}"}
    case $want in 0|1|2|125|126|127) ;; *)
        echo "$cases:$lineno: the exit status must be 0, 1, 2 (or 125-127, a program that runs others), not '$want'"; exit 1 ;;
    esac
    if [ -z "$pattern" ] || [ -z "$cmd" ]; then
        echo "$cases:$lineno: expected 'EXIT | PATTERN | COMMAND ARGS...'"; exit 1
    fi
    n=$((n + 1))
    left=("$scratch/empty"/* "$scratch/free"/*)
    if [ ${#left[@]} -gt 0 ] || [ ! -d "$scratch/empty" ] || [ ! -d "$scratch/free" ]; then
        rm -rf "$scratch/empty" "$scratch/free" && mkdir "$scratch/empty" "$scratch/free"
    fi
    cmd=${cmd//@/$data}
    cmd=${cmd//%/$scratch/empty}
    cmd=${cmd//+/$scratch/free}
    # The command's words, split at blanks as the case wrote them (no globbing).
    set -f
    # shellcheck disable=SC2086
    set -- $cmd
    set +f
    prog=$1
    shift
    # grader, and the tools built beside it (mutate), or a lab's program.
    if [ "$prog" = grader ]; then exe=$grader
    elif [ "$prog" = mutate ]; then exe=$tools/$prog
    # the labs' race probes, built with ThreadSanitizer beside bin/
    elif [ "$prog" = pools-race ] || [ "$prog" = allocator-race ]; then exe=$bin/../tsan/$prog
    else exe=$bin/$prog; fi
    if [ ! -x "$exe" ]; then
        echo "$cases:$lineno: FAIL: $exe is not built"
        failed=$((failed + 1))
        continue
    fi
    timeout 60 "$exe" "$@" >"$scratch/out" 2>"$scratch/err" </dev/null
    got=$?
    if [ "$want" = 0 ]; then shown=$scratch/out; else shown=$scratch/err; fi
    why=
    if [ "$got" -ne "$want" ]; then
        why="exit status $got, expected $want"
    elif ! grep -Eq -- "$pattern" "$shown"; then
        why="the message does not match /$pattern/"
    elif grep -Eq 'Sanitizer|runtime error:' "$scratch/err"; then
        why="a sanitizer reported an error"
    else
        left=("$scratch/empty"/*)
        [ ${#left[@]} -eq 0 ] || why="left output behind: ${left[*]##*/}"
    fi
    if [ -n "$why" ]; then
        failed=$((failed + 1))
        echo "$cases:$lineno: FAIL: $prog $*: $why"
        sed -n '1,5s/^/    | /p' "$scratch/err"
    fi
done <"$cases"

if [ "$n" -eq 0 ]; then
    echo "$cases: no cases"
    exit 1
fi
echo "$((n - failed)) of $n bad-input cases behave ($bin)"
[ "$failed" -eq 0 ]
