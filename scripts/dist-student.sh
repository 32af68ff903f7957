#!/bin/sh
# dist-student.sh — the copy of memlab a course hands to its students.
#
#   scripts/dist-student.sh OUT_DIR
#
# Writes OUT_DIR/memlab-student/ and OUT_DIR/memlab-student.tar.gz: every file
# of the repository except the reference solutions (solutions/), the project's
# own tests and the mutants (tests/) and CI (.ci/). The README loses the parts
# between `<!-- instructors -->` and `<!-- /instructors -->` (the instructors'
# workflow, `make test`, IMPL=solution). `make grade` and every lab's program
# work in the copy from a fresh clone; `make test-dist` checks that they do.
# The copy is built beside its final name and renamed into place, so a failed
# run never leaves a half copy that looks complete.
set -eu
[ $# -eq 1 ] || { echo "usage: scripts/dist-student.sh OUT_DIR" >&2; exit 2; }
here=$(cd "$(dirname "$0")/.." && pwd)
out=$1
name=memlab-student
mkdir -p "$out"
tmp="$out/.$name.tmp"
rm -rf "$tmp" "$out/.$name.tar.gz.tmp"
mkdir -p "$tmp"
cd "$here"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    list=$(git ls-files)
else
    list=$(find . -type f ! -path './build/*' ! -path './.git/*' | sed 's|^\./||')
fi
printf '%s\n' "$list" | while IFS= read -r f; do
    case "$f" in
        solutions/*|tests/*|.ci/*) continue ;;
    esac
    [ -f "$f" ] || continue
    mkdir -p "$tmp/$(dirname "$f")"
    cp -p "$f" "$tmp/$f"
done
sed -e '/<!-- instructors -->/,/<!-- \/instructors -->/d' -e '/^make test  /d' README.md \
    >"$tmp/README.md"
# A handout's section for instructors (how well its suite catches mistakes)
# runs to the next section or the end.
for h in "$tmp"/labs/*/README.md; do
    [ -f "$h" ] || continue
    awk '/^## For instructors/ { skip = 1; next } /^## / { skip = 0 } !skip' "$h" >"$h.tmp" &&
        mv "$h.tmp" "$h"
done
rm -rf "${out:?}/$name"
mv "$tmp" "$out/$name"
tar -C "$out" -czf "$out/.$name.tar.gz.tmp" "$name"
mv "$out/.$name.tar.gz.tmp" "$out/$name.tar.gz"
echo "memlab: the students' copy is in $out/$name/ and $out/$name.tar.gz"
