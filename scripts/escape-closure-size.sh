#!/bin/sh
# escape-closure-size.sh — writes the escape suite's unit program
# harness/suites/escape/units/closure_size.go: three closures whose sizes sit
# on both sides of Go 1.19's 64 KiB limit for an implicit stack allocation
# (ir.MaxImplicitStackVarSize), a file too long to write or review by hand.
#
#   scripts/escape-closure-size.sh           rewrite the committed program
#   scripts/escape-closure-size.sh --check   verify that the committed
#                                            program is what this script
#                                            writes, byte for byte
#   scripts/escape-closure-size.sh --stdout  print the program
#   scripts/escape-closure-size.sh --help    this text
#
# A closure is laid out as a struct (typecheck.ClosureType): the code
# pointer, then each captured variable in the order of its first use, by
# value the variable itself (at most 128 bytes, never reassigned or
# address-taken), by reference a pointer to it, each field aligned as in any
# struct. The sizes below are computed here, not typed in, and the script
# refuses to write a program whose closures miss their targets:
#
#   f:  code 8 | b0 int 8 | c0 bool 1, pad 7 | &e 8 ([129]byte: over 128
#       bytes) | &q 8 (address taken) | &r 8 (reassigned)       = 48 bytes,
#       then NA values [16]int (128 bytes each), b1..b9 (9 ints) and
#       c1..c8 (8 bools): exactly LIMIT bytes, so f's closure stays;
#   g:  f's closure and one bool more (c9): LIMIT + 1, to the heap;
#   h:  code 8 | c0 bool 1, pad 7 | &e 8                         = 24 bytes,
#       then ND values [128]bool (128 bytes, 1-aligned) and t [NT]bool:
#       LIMIT + 1 with no 8-byte field after e, so a size rounded up to 8
#       bytes, or padding added where none is, is found out.
#
# The expectations (closure_size.expected) come from the real compiler like
# every other unit's (scripts/escape-expected.sh); make test-lab-escape runs
# --check (no Go needed).
set -eu
LIMIT=65536 # ir.MaxImplicitStackVarSize, Go 1.19
out=harness/suites/escape/units/closure_size.go
mode="write"
case ${1:-} in
--check) mode=check ;;
--stdout) mode=stdout ;;
-h | --help)
    sed -n '2,/^set -eu/p' "$0" | sed -e '/^set -eu/d' -e 's/^# \{0,1\}//'
    exit 0
    ;;
'') ;;
*)
    echo "usage: $0 [--check | --stdout | --help]" >&2
    exit 2
    ;;
esac

# f's fixed fields (48 bytes), then NA arrays of 128 bytes, 9 ints and 8
# bools must make exactly LIMIT.
f_head=48 f_tail=$((9 * 8 + 8))
NA=$(((LIMIT - f_head - f_tail) / 128))
[ $((f_head + NA * 128 + f_tail)) -eq $LIMIT ] || {
    echo "escape-closure-size: f's closure cannot be made exactly $LIMIT bytes" >&2
    exit 1
}
# h's fixed fields (24 bytes), then ND arrays of 128 bools, and t: LIMIT + 1.
h_head=24
ND=$(((LIMIT - h_head) / 128))
NT=$((LIMIT + 1 - h_head - ND * 128))
if [ "$NT" -lt 1 ] || [ "$NT" -gt 128 ]; then
    echo "escape-closure-size: h's last array would be $NT bools" >&2
    exit 1
fi

# seq_lines FMT N — FMT (one %d) for 0 .. N-1.
seq_lines() {
    i=0
    while [ $i -lt "$2" ]; do
        # shellcheck disable=SC2059
        printf "$1" $i
        i=$((i + 1))
    done
}

# fg NAME NBOOLS — f (8 bools c1..c8) or g (9 bools c1..c9).
fg() {
    printf 'func %s() int {\n\tb0 := 1\n\tvar c0 bool\n\tvar e [129]byte\n' "$1"
    printf '\tvar q [16]int\n\tvar r [16]int\n'
    seq_lines '\tvar a%d [16]int\n' $NA
    i=1
    while [ $i -le 9 ]; do
        printf '\tb%d := %d\n' $i $i
        i=$((i + 1))
    done
    i=1
    while [ $i -le "$2" ]; do
        printf '\tvar c%d bool\n' $i
        i=$((i + 1))
    done
    printf '\tn := keep(&q)\n\th := func() int {\n\t\tm := b0\n\t\tif c0 {\n'
    printf '\t\t\tif e[0] == 0 {\n\t\t\t\tm = q[0]\n\t\t\t}\n\t\t}\n'
    printf '\t\tr = a0\n\t\tm = m + r[0]\n'
    seq_lines '\t\tm = m + a%d[0]\n' $NA
    printf '\t\tm = m + b1 + b2 + b3 + b4 + b5 + b6 + b7 + b8 + b9\n'
    i=1
    while [ $i -le "$2" ]; do
        printf '\t\tif c%d {\n\t\t\tm = m + 1\n\t\t}\n' $i
        i=$((i + 1))
    done
    printf '\t\treturn m\n\t}\n\treturn n + h()\n}\n'
}

program() {
    cat <<'EOF'
// Closure sizes at the 64 KiB limit (written by scripts/escape-closure-size.sh:
// edit the script). A closure is a struct: the code pointer, then each
// captured variable in the order of its first use, by value the variable
// itself, by reference a pointer to it, each field aligned as in any struct.
// No closure leaves its function. f's closure is exactly 65536 bytes; g's
// holds one bool more; h's (nothing 8-byte aligned after e) is 65537 bytes.
package main

func keep(p *[16]int) int {
	if p == nil {
		return 1
	}
	return 0
}

EOF
    fg f 8
    printf '\n'
    fg g 9
    printf '\nfunc h() int {\n\tvar c0 bool\n\tvar e [129]byte\n'
    seq_lines '\tvar d%d [128]bool\n' $ND
    printf '\tvar t [%d]bool\n' $NT
    printf '\tk := func() int {\n\t\tm := 0\n\t\tif c0 {\n\t\t\tif e[0] == 0 {\n'
    printf '\t\t\t\tm = 1\n\t\t\t}\n\t\t}\n'
    seq_lines '\t\tif d%d[0] {\n\t\t\tm = m + 1\n\t\t}\n' $ND
    printf '\t\tif t[0] {\n\t\t\tm = m + 1\n\t\t}\n\t\treturn m\n\t}\n\treturn k()\n}\n'
    printf '\nfunc main() {\n\t_ = f() + g() + h()\n}\n'
}

case $mode in
stdout) program ;;
write)
    tmp=$(mktemp "$out.XXXXXX")
    program >"$tmp"
    mv "$tmp" "$out"
    echo "escape-closure-size: wrote $out ($NA arrays in f and g, $ND in h)"
    ;;
check)
    tmp=$(mktemp)
    trap 'rm -f "$tmp"' EXIT
    program >"$tmp"
    if cmp -s "$tmp" "$out"; then
        echo "escape-closure-size: $out is what the script writes"
    else
        echo "escape-closure-size: $out is not what scripts/escape-closure-size.sh writes:"
        diff "$out" "$tmp" | head -20 || true
        echo "run scripts/escape-closure-size.sh (then scripts/escape-expected.sh)"
        exit 1
    fi
    ;;
esac
