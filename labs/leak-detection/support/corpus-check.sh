#!/bin/sh
# corpus-check.sh — the leak-detection lab's ground truth, checked (thin glue
# around valgrind, the reference tracker and LeakSanitizer; make runs it).
#
#   corpus-check.sh check  CORPUS_BIN_DIR TRACKER_PROGRAM OUT_DIR
#   corpus-check.sh update CORPUS_BIN_DIR
#
# check: for every labs/leak-detection/data/NAME.c,
#   1. valgrind --leak-check=full --show-leak-kinds=all on the built program:
#      its LEAK SUMMARY (the main process's) must equal data/NAME.expected
#      (skipped, with a message, when valgrind is not installed);
#   2. the tracker program (the reference's) must print the same lines;
#   3. the program built with -fsanitize=leak (CORPUS_BIN_DIR/lsan/NAME,
#      when make built it): its direct and indirect
#      totals beside valgrind's definite and indirect ones, in
#      OUT_DIR/lsan-vs-valgrind.txt (differences are reported, not failures:
#      the handout explains them).
# update: rewrites data/NAME.expected from valgrind.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:-}
bin=${2:-}
[ -n "$mode" ] && [ -d "$bin" ] || { echo "usage: corpus-check.sh check|update CORPUS_BIN_DIR [TRACKER OUT_DIR]" >&2; exit 2; }

# The main process's LEAK SUMMARY lines from valgrind's log on stdin.
vg_summary() {
    awk 'NR == 1 { match($0, /^==[0-9]+==/); pid = substr($0, 1, RLENGTH) }
         index($0, pid) == 1 { sub(/^==[0-9]+== ?/, ""); print }' |
    sed -n '/^LEAK SUMMARY:/,/suppressed:/p; /no leaks are possible/p'
}
run_vg() {
    valgrind --leak-check=full --show-leak-kinds=all "$1" 2>&1 >/dev/null | vg_summary
}

if [ "$mode" = update ]; then
    command -v valgrind >/dev/null || { echo "corpus-check: valgrind is not installed (scripts/deps.sh)" >&2; exit 1; }
    for src in "$here"/data/*.c; do
        name=$(basename "$src" .c)
        (run_vg "$bin/$name") >"$here/data/$name.expected" 2>/dev/null
        echo "$name: $(tr '\n' ' ' <"$here/data/$name.expected")"
    done
    exit 0
fi

tracker=${3:-}
out=${4:-}
[ -x "$tracker" ] && [ -n "$out" ] || { echo "usage: corpus-check.sh check CORPUS_BIN_DIR TRACKER OUT_DIR" >&2; exit 2; }
mkdir -p "$out"
fail=0 n=0 stale=0 differ=0
have_vg=1
command -v valgrind >/dev/null || { have_vg=0; echo "   valgrind is not installed: the expectations are not re-checked (scripts/deps.sh installs it)"; }
# valgrind on every program first, two at a time (the slow part).
if [ $have_vg = 1 ]; then
    for src in "$here"/data/*.c; do basename "$src" .c; done |
        xargs -P 2 -I{} sh -c 'valgrind --leak-check=full --show-leak-kinds=all "$0/$1" \
            2>"$2/$1.vglog" >/dev/null' "$bin" {} "$out" 2>/dev/null
fi
lsan_table="$out/lsan-vs-valgrind.txt"
printf '%-20s %-28s %-28s %s\n' program "valgrind definite/indirect" "LSan direct/indirect" verdict >"$lsan_table"
for src in "$here"/data/*.c; do
    name=$(basename "$src" .c)
    exp="$here/data/$name.expected"
    n=$((n + 1))
    [ -f "$exp" ] || { echo "   $name: no expectation data/$name.expected (corpus-check.sh update)"; fail=1; continue; }
    if [ $have_vg = 1 ]; then
        vg_summary <"$out/$name.vglog" >"$out/$name.valgrind"
        if ! cmp -s "$exp" "$out/$name.valgrind"; then
            echo "   $name: data/$name.expected is stale; valgrind now says:"; sed 's/^/      /' "$out/$name.valgrind"
            stale=1
        fi
    fi
    ("$tracker" -q -- "$bin/$name" 2>&1 >/dev/null | vg_summary) >"$out/$name.tracker" 2>/dev/null
    if ! cmp -s "$exp" "$out/$name.tracker"; then
        echo "   $name: the tracker's summary differs from valgrind's:"
        diff "$exp" "$out/$name.tracker" | sed 's/^/      /'
        fail=1
    fi
    # LeakSanitizer on the same source (built by make into CORPUS_BIN_DIR/lsan/).
    if [ -x "$bin/lsan/$name" ]; then
        (LSAN_OPTIONS=exitcode=0 "$bin/lsan/$name" >/dev/null 2>"$out/$name.lsan.log") 2>/dev/null
        ld=$(awk '/^Direct leak of/ { b += $4; o += $7 } END { printf "%d/%d", b, o }' "$out/$name.lsan.log")
        li=$(awk '/^Indirect leak of/ { b += $4; o += $7 } END { printf "%d/%d", b, o }' "$out/$name.lsan.log")
        vd=$(awk '/definitely lost:/ { gsub(",", ""); printf "%s/%s", $3, $6 }' "$exp")
        vi=$(awk '/indirectly lost:/ { gsub(",", ""); printf "%s/%s", $3, $6 }' "$exp")
        [ -n "$vd" ] || vd=0/0
        [ -n "$vi" ] || vi=0/0
        verdict=same
        [ "$vd $vi" = "$ld $li" ] || { verdict=DIFFERS; differ=$((differ + 1)); }
        printf '%-20s %-28s %-28s %s\n' "$name" "$vd $vi" "$ld $li" "$verdict" >>"$lsan_table"
    fi
done
echo "   $n corpus programs: valgrind's summaries $([ $have_vg = 1 ] && { [ $stale = 0 ] && echo "match the expectations" || echo "DO NOT match the expectations"; } || echo "not re-checked")," \
     "the reference tracker $([ $fail = 0 ] && echo "agrees on all four kinds" || echo "DISAGREES")," \
     "LeakSanitizer differs from valgrind on $differ (table: $lsan_table)"
[ $fail = 0 ] && [ $stale = 0 ]
