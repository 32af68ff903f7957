// structlayout.c — YOUR FILE for the alignment lab: where the x86-64 System V
// ABI puts every byte of a C struct, a pahole-style report of the holes, and
// the member order that makes a struct smallest (Go's fieldalignment check).
//
// How it fits: the provided parser (cdecl.h) reads a header into a tree of
// cdecl_type_t; the program (main.c) and the grading suite call the
// functions below on that tree. The suite compares your numbers with what
// the C compiler on this machine really does (sizeof, _Alignof, offsetof).
//
// Work through the tasks in README.md in order; each function below says
// what it must return. Build and try:
//     make alignment                   build the program and the tests
//     build/student/bin/alignment labs/alignment/data/examples.h
//     make grade LAB=alignment         run the tests
//
// Every function must work on any type the parser returns, must not print
// anything except where it is asked to (sl_report), and must not keep memory
// between calls (malloc what you need and free it before returning).
#include <stdlib.h>
#include <string.h>

#include "structlayout.h"

// ---- Task 1: the basic types -------------------------------------------------

// sl_scalar — size and alignment of one basic type on x86-64 System V
// (Linux, macOS on Intel, the BSDs): the table in the ABI document, which
// README.md points to. Returns {0, 1} for a value that is not a
// cdecl_scalar_t.
sl_size_align_t sl_scalar(cdecl_scalar_t s)
{
    (void)s;
    // TODO (task 1): a switch over the CDECL_* basic types.
    return (sl_size_align_t){0, 1};
}

// ---- Tasks 1-4: sizes and layout ---------------------------------------------

// sl_type — size and alignment of a member's type:
//   CDECL_SCALAR   sl_scalar(t->scalar)
//   CDECL_POINTER  every pointer (to data or to a function) is the same
//   CDECL_ARRAY    t->count elements of t->elem, one after another; aligned
//                  like one element. count 0 (a flexible array member): size 0
//   CDECL_STRUCT,
//   CDECL_UNION    whatever sl_layout computes for it
// Never called on CDECL_VOID or CDECL_FUNCTION (return {0, 1} for them).
sl_size_align_t sl_type(const cdecl_type_t *t)
{
    (void)t;
    // TODO (task 1: scalars and pointers; task 2: structs; task 3: arrays and
    // unions; task 4: flexible array members)
    return (sl_size_align_t){0, 1};
}

// sl_layout — lay out struct or union `agg` (agg->kind is CDECL_STRUCT or
// CDECL_UNION). For each member i in 0..agg->nmembers-1, in declaration order,
// fill m[i] with its offset, size and alignment, and return the size and
// alignment of the whole aggregate.
//   - A member's alignment is its type's, raised to agg->members[i].alignas
//     when that is larger (alignas is 0 when the member has no _Alignas).
//   - struct: each member goes at the first offset at or after the end of
//     the previous member that is a multiple of its alignment.
//   - union: every member goes at offset 0.
//   - Both: the alignment is the largest member alignment; the size is the
//     end of the furthest-reaching member, rounded up to a multiple of the
//     alignment (why? think of an array of this struct).
// An anonymous member (name == NULL) is one member whose type is a struct or
// union: lay it out as a unit, like any other member.
sl_size_align_t sl_layout(const cdecl_type_t *agg, sl_member_layout_t *m)
{
    // TODO (tasks 2-4)
    memset(m, 0, agg->nmembers * sizeof(*m));
    return (sl_size_align_t){0, 1};
}

// sl_ptrbytes — the number of leading bytes of an object of type t that can
// hold pointers: the offset just past the last pointer in it (0 if it has
// none). This is what Go's garbage collector calls `ptrdata`: it scans an
// object only up to there. See structlayout.h for each kind of type.
size_t sl_ptrbytes(const cdecl_type_t *t)
{
    (void)t;
    // TODO (task 5)
    return 0;
}

// sl_stats — the numbers at the bottom of the report for `agg`, in the
// declaration order of its members (see sl_stats_t in structlayout.h):
//   holes      gaps between the end of one member and the start of the next
//              (a union has none);
//   padding    bytes from the end of the last member (struct) or of the
//              largest member (union) to the size;
//   cachelines ceil(size / SL_CACHELINE).
sl_stats_t sl_stats(const cdecl_type_t *agg)
{
    (void)agg;
    // TODO (task 5)
    return (sl_stats_t){.align = 1};
}

// ---- Task 6: the report ------------------------------------------------------

// sl_report — print `agg` the way pahole prints a struct (README.md, "The
// report", gives the exact format and an example):
//     <agg->name> {
//     one line per member: its decl, then /* offset size */
//     a `/* XXX N bytes hole, try to pack */` line after a member followed
//     by a hole, a `/* --- cacheline N boundary (M bytes) --- */` line
//     before the first member that starts in cache line N (N >= 1), then
//     the summary lines, and for a struct that could be smaller (task 7)
//     the line `/* struct of size 24 could be 16 */`.
//     };
void sl_report(FILE *out, const cdecl_type_t *agg)
{
    // TODO (task 6)
    fprintf(out, "%s {\n\t/* report not written yet */\n};\n", agg->name);
}

// ---- Tasks 7-8: the smallest order ------------------------------------------

// sl_optimal_order — choose an order of the members of struct `agg` that
// gives the smallest possible size and, among orders of that size, few
// pointer bytes (pointer-holding members first). Write it as a permutation
// into order[0..agg->nmembers-1] (order[k] is the index of the member
// placed k-th) and return the size and pointer bytes of `agg` laid out in
// that order. A flexible array member must stay last. For a union, return
// the declaration order 0, 1, 2, ... and its size and pointer bytes.
// Task 7 is Go's sorting rule; task 8 is the case where it is not enough.
sl_order_t sl_optimal_order(const cdecl_type_t *agg, size_t *order)
{
    // TODO (tasks 7-8)
    for (size_t i = 0; i < agg->nmembers; i++)
        order[i] = i;
    return (sl_order_t){0, 0};
}
