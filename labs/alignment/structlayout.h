// structlayout.h — what the student implements in structlayout.c: the
// x86-64 System V layout of C structs and unions, a pahole-style report,
// and the field order that makes a struct smallest (Go's fieldalignment).
//
// The types come from the provided parser (cdecl.h). Every function takes
// types the parser returned: complete where used by value, smaller than
// 2^48 bytes, so size arithmetic in size_t never overflows.
#ifndef STRUCTLAYOUT_H
#define STRUCTLAYOUT_H

#include <stddef.h>
#include <stdio.h>

#include "support/cdecl/cdecl.h"

#define SL_CACHELINE 64   // bytes in a cache line on x86-64

typedef struct sl_size_align {
    size_t size;    // sizeof
    size_t align;   // _Alignof (a power of two, at least 1)
} sl_size_align_t;

// Where one member of a struct or union goes.
typedef struct sl_member_layout {
    size_t offset;  // offsetof: bytes from the start of the aggregate
    size_t size;    // sizeof the member's type
    size_t align;   // the member's alignment: its type's, raised by _Alignas
} sl_member_layout_t;

// The numbers at the bottom of a report (see sl_report).
typedef struct sl_stats {
    size_t size, align;     // of the aggregate
    size_t cachelines;      // cache lines the size spans: ceil(size / 64)
    size_t members;         // direct members (an anonymous one counts once)
    size_t sum_members;     // the sum of the members' sizes
    size_t holes;           // gaps between consecutive members (struct only)
    size_t sum_holes;       // bytes in those gaps
    size_t padding;         // bytes after the end of the last member (struct)
                            // or after the largest member (union)
    size_t ptrbytes;        // pointer bytes: see sl_ptrbytes
} sl_stats_t;

// The result of sl_optimal_order.
typedef struct sl_order {
    size_t size;            // sizeof the struct with its members in that order
    size_t ptrbytes;        // its pointer bytes in that order
} sl_order_t;

// sl_scalar — size and alignment of a basic type on x86-64 System V.
sl_size_align_t sl_scalar(cdecl_scalar_t s);

// sl_type — size and alignment of any type a member can have: a basic type,
// a pointer, an array (count 0: a flexible array member, size 0), a struct
// or a union. Pure: no output, no allocation that outlives the call.
sl_size_align_t sl_type(const cdecl_type_t *t);

// sl_layout — lay out the struct or union `agg`: fill m[i] for each of its
// agg->nmembers members (declaration order) and return the aggregate's size
// and alignment. A struct puts each member at the first offset after the
// previous member that is a multiple of the member's alignment; a union puts
// them all at 0. The aggregate's size is a multiple of its alignment, the
// largest of its members'.
sl_size_align_t sl_layout(const cdecl_type_t *agg, sl_member_layout_t *m);

// sl_ptrbytes — how many leading bytes of an object of type t a garbage
// collector must scan for pointers: the end of the last pointer in it (Go's
// `ptrdata`). A pointer: 8; a basic type: 0; an array: up to the end of the
// last element's pointer bytes; a struct: up to the end of the last member
// that holds pointers; a union: the most of its members'. A flexible array
// member counts as 0 (its elements lie outside sizeof).
size_t sl_ptrbytes(const cdecl_type_t *t);

// sl_stats — the report numbers of struct or union `agg`.
sl_stats_t sl_stats(const cdecl_type_t *agg);

// sl_report — write a pahole-style report of struct or union `agg` to out.
// The exact format is in README.md ("The report"); tests compare it line by
// line, ignoring blank lines and runs of white space.
void sl_report(FILE *out, const cdecl_type_t *agg);

// sl_optimal_order — an order of the members of struct `agg` with the
// smallest size and, among those, few pointer bytes: writes a permutation
// of 0..agg->nmembers-1 into order[] (order[k] = the member placed k-th) and
// returns the size and pointer bytes of the struct laid out that way. A
// flexible array member stays last. For a union, the order is unchanged.
sl_order_t sl_optimal_order(const cdecl_type_t *agg, size_t *order);

#endif
