// union_summed.c — a wrong structlayout.c for the alignment lab.
//
// The mistake: a union's size is the sum of its members' sizes, as if its
// members were stored one after another; in fact they all share offset 0,
// and a union is only as big as its biggest member (rounded up to its
// alignment). (union value { char c; int i; double d; char name[12]; }
// comes out as 32 bytes instead of 16.)
// Caught by: layout/unions ("union value: sl_layout says size 32, the
// compiler says sizeof is 16") and the compiler/ tests with unions.
// Killed by: layout/unions
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "structlayout.h"

#define SEARCH_MAX 16   // exact search for at most this many members

static size_t round_up(size_t n, size_t align)
{
    return (n + align - 1) / align * align;
}

sl_size_align_t sl_scalar(cdecl_scalar_t s)
{
    switch (s) {
    case CDECL_BOOL:
    case CDECL_CHAR:
    case CDECL_SCHAR:
    case CDECL_UCHAR:
        return (sl_size_align_t){1, 1};
    case CDECL_SHORT:
    case CDECL_USHORT:
        return (sl_size_align_t){2, 2};
    case CDECL_INT:
    case CDECL_UINT:
    case CDECL_FLOAT:
        return (sl_size_align_t){4, 4};
    case CDECL_LONG:
    case CDECL_ULONG:
    case CDECL_LLONG:
    case CDECL_ULLONG:
    case CDECL_DOUBLE:
        return (sl_size_align_t){8, 8};
    case CDECL_LDOUBLE:   // the x87 80-bit format, padded to 16 bytes
        return (sl_size_align_t){16, 16};
    default:
        return (sl_size_align_t){0, 1};
    }
}

// member_size_align — a member's size and alignment (_Alignas included).
static sl_size_align_t member_size_align(const cdecl_member_t *m)
{
    sl_size_align_t sa = sl_type(m->type);
    if (m->alignas > sa.align)
        sa.align = m->alignas;
    return sa;
}

// place — lay out the members of agg in the given order (NULL: declaration
// order), filling m[] (indexed by member, may be NULL); returns the size
// and alignment.
static sl_size_align_t place(const cdecl_type_t *agg, const size_t *order, sl_member_layout_t *m)
{
    size_t end = 0, align = 1;
    for (size_t k = 0; k < agg->nmembers; k++) {
        size_t i = order ? order[k] : k;
        sl_size_align_t sa = member_size_align(&agg->members[i]);
        size_t offset = agg->kind == CDECL_UNION ? 0 : round_up(end, sa.align);
        if (agg->kind == CDECL_UNION)
            end += sa.size;   // BUG: sizes added up
        else if (offset + sa.size > end)
            end = offset + sa.size;
        if (sa.align > align)
            align = sa.align;
        if (m)
            m[i] = (sl_member_layout_t){offset, sa.size, sa.align};
    }
    return (sl_size_align_t){round_up(end, align), align};
}

sl_size_align_t sl_type(const cdecl_type_t *t)
{
    switch (t->kind) {
    case CDECL_SCALAR:
        return sl_scalar(t->scalar);
    case CDECL_POINTER:
        return (sl_size_align_t){8, 8};
    case CDECL_ARRAY: {
        sl_size_align_t e = sl_type(t->elem);
        return (sl_size_align_t){e.size * t->count, e.align};
    }
    case CDECL_STRUCT:
    case CDECL_UNION:
        return place(t, NULL, NULL);
    default:   // void and functions have no size; the parser never asks
        return (sl_size_align_t){0, 1};
    }
}

sl_size_align_t sl_layout(const cdecl_type_t *agg, sl_member_layout_t *m)
{
    return place(agg, NULL, m);
}

// ptrbytes_placed — the pointer bytes of agg with members placed as in m[].
static size_t ptrbytes_placed(const cdecl_type_t *agg, const sl_member_layout_t *m)
{
    size_t end = 0;
    for (size_t i = 0; i < agg->nmembers; i++) {
        size_t p = sl_ptrbytes(agg->members[i].type);
        if (p && m[i].offset + p > end)
            end = m[i].offset + p;
    }
    return end;
}

size_t sl_ptrbytes(const cdecl_type_t *t)
{
    switch (t->kind) {
    case CDECL_POINTER:
        return 8;
    case CDECL_ARRAY: {
        size_t p = sl_ptrbytes(t->elem);
        return p && t->count ? (t->count - 1) * sl_type(t->elem).size + p : 0;
    }
    case CDECL_STRUCT:
    case CDECL_UNION: {
        sl_member_layout_t *m = malloc(t->nmembers * sizeof(*m));
        if (!m)
            abort();   // a few bytes per member; nothing sensible to return
        place(t, NULL, m);
        size_t p = ptrbytes_placed(t, m);
        free(m);
        return p;
    }
    default:
        return 0;
    }
}

// stats_placed — the report numbers of agg laid out as in m[].
static sl_stats_t stats_placed(const cdecl_type_t *agg, const sl_member_layout_t *m,
                               sl_size_align_t sa)
{
    sl_stats_t s = {.size = sa.size, .align = sa.align, .members = agg->nmembers};
    s.cachelines = (sa.size + SL_CACHELINE - 1) / SL_CACHELINE;
    size_t end = 0;
    for (size_t i = 0; i < agg->nmembers; i++) {
        s.sum_members += m[i].size;
        if (agg->kind == CDECL_STRUCT && i > 0 && m[i].offset > end) {
            s.holes++;
            s.sum_holes += m[i].offset - end;
        }
        if (m[i].offset + m[i].size > end)
            end = m[i].offset + m[i].size;
    }
    s.padding = sa.size - end;
    s.ptrbytes = ptrbytes_placed(agg, m);
    return s;
}

sl_stats_t sl_stats(const cdecl_type_t *agg)
{
    sl_member_layout_t *m = malloc(agg->nmembers * sizeof(*m));
    if (!m)
        abort();
    sl_stats_t s = stats_placed(agg, m, place(agg, NULL, m));
    free(m);
    return s;
}

// ---- the smallest order ------------------------------------------------------

typedef struct field {
    size_t index, size, align, ptrbytes;
} field_t;

// go_before — Go's fieldalignment order: larger alignment first; then
// fields with pointers before those without; among fields with pointers,
// fewer trailing pointer-free bytes first; then larger size first.
static bool go_before(const field_t *a, const field_t *b)
{
    if (a->align != b->align)
        return a->align > b->align;
    if ((a->ptrbytes == 0) != (b->ptrbytes == 0))
        return a->ptrbytes != 0;
    if (a->ptrbytes && a->size - a->ptrbytes != b->size - b->ptrbytes)
        return a->size - a->ptrbytes < b->size - b->ptrbytes;
    return a->size > b->size;
}

// order_result — size and pointer bytes of agg with its members in `order`.
static sl_order_t order_result(const cdecl_type_t *agg, const size_t *order)
{
    sl_member_layout_t *m = malloc(agg->nmembers * sizeof(*m));
    if (!m)
        abort();
    sl_order_t r = {.size = place(agg, order, m).size};
    r.ptrbytes = ptrbytes_placed(agg, m);
    free(m);
    return r;
}

// search — the exact smallest order of f[0..n) by dynamic programming over
// subsets (see the top of the file); writes it to order[0..n) and returns
// false if there is no memory for the table. Ties go to Go's order (f[] is
// sorted that way): of the members that can end a set, the one Go puts
// latest is placed last.
static bool search(const field_t *f, size_t n, size_t *order)
{
    size_t full = ((size_t)1 << n) - 1;
    size_t *end = malloc((full + 1) * sizeof(*end));
    if (!end)
        return false;
    end[0] = 0;
    for (size_t s = 1; s <= full; s++) {
        end[s] = SIZE_MAX;
        for (size_t i = 0; i < n; i++)
            if (s & ((size_t)1 << i)) {
                size_t e = round_up(end[s & ~((size_t)1 << i)], f[i].align) + f[i].size;
                if (e < end[s])
                    end[s] = e;
            }
    }
    for (size_t s = full, k = n; k-- > 0;) {
        for (size_t i = n; i-- > 0;) {
            size_t rest = s & ~((size_t)1 << i);
            if ((s & ((size_t)1 << i)) && round_up(end[rest], f[i].align) + f[i].size == end[s]) {
                order[k] = f[i].index;
                s = rest;
                break;
            }
        }
    }
    free(end);
    return true;
}

sl_order_t sl_optimal_order(const cdecl_type_t *agg, size_t *order)
{
    size_t n = agg->nmembers;
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    if (agg->kind == CDECL_UNION)
        return order_result(agg, order);
    size_t movable = agg->has_flexible ? n - 1 : n;   // the flexible member stays last
    field_t *f = malloc((n + 1) * sizeof(*f));
    if (!f)
        abort();
    bool overaligned = false;
    for (size_t i = 0; i < movable; i++) {
        sl_size_align_t sa = member_size_align(&agg->members[i]);
        field_t x = {i, sa.size, sa.align, sl_ptrbytes(agg->members[i].type)};
        overaligned |= sa.size % sa.align != 0;
        size_t k = i;   // insertion sort: stable, and n is small
        while (k > 0 && go_before(&x, &f[k - 1])) {
            f[k] = f[k - 1];
            k--;
        }
        f[k] = x;
    }
    for (size_t k = 0; k < movable; k++)
        order[k] = f[k].index;
    sl_order_t best = order_result(agg, order);
    if (overaligned && movable <= SEARCH_MAX) {
        size_t *alt = malloc(n * sizeof(*alt));
        if (alt) {
            memcpy(alt, order, n * sizeof(*alt));
            if (search(f, movable, alt)) {
                sl_order_t r = order_result(agg, alt);
                if (r.size < best.size) {
                    best = r;
                    memcpy(order, alt, n * sizeof(*order));
                }
            }
            free(alt);
        }
    }
    free(f);
    return best;
}

// ---- the report ----------------------------------------------------------------

void sl_report(FILE *out, const cdecl_type_t *agg)
{
    size_t n = agg->nmembers;
    sl_member_layout_t *m = malloc(n * sizeof(*m));
    size_t *order = malloc(n * sizeof(*order));
    if (!m || !order)
        abort();
    sl_stats_t s = stats_placed(agg, m, place(agg, NULL, m));
    fprintf(out, "%s {\n", agg->name);
    size_t line = 0;   // the last cache line announced
    for (size_t i = 0; i < n; i++) {
        size_t l = m[i].offset / SL_CACHELINE;
        if (l > line) {
            size_t ago = m[i].offset - l * SL_CACHELINE;
            if (ago)
                fprintf(out, "\t/* --- cacheline %zu boundary (%zu bytes) was %zu bytes ago --- */\n",
                        l, l * SL_CACHELINE, ago);
            else
                fprintf(out, "\t/* --- cacheline %zu boundary (%zu bytes) --- */\n", l,
                        l * SL_CACHELINE);
            line = l;
        }
        char decl[512];
        snprintf(decl, sizeof(decl), "%s;", agg->members[i].decl);
        fprintf(out, "\t%-40s /* %5zu %5zu */\n", decl, m[i].offset, m[i].size);
        size_t end = m[i].offset + m[i].size;
        if (agg->kind == CDECL_STRUCT && i + 1 < n && m[i + 1].offset > end) {
            size_t hole = m[i + 1].offset - end;
            fprintf(out, "\n\t/* XXX %zu byte%s hole, try to pack */\n\n", hole,
                    hole == 1 ? "" : "s");
        }
    }
    fprintf(out, "\n\t/* size: %zu, cachelines: %zu, members: %zu */\n", s.size, s.cachelines,
            s.members);
    if (s.holes)
        fprintf(out, "\t/* sum members: %zu, holes: %zu, sum holes: %zu */\n", s.sum_members,
                s.holes, s.sum_holes);
    if (s.padding)
        fprintf(out, "\t/* padding: %zu */\n", s.padding);
    if (agg->kind == CDECL_STRUCT) {
        sl_order_t best = sl_optimal_order(agg, order);
        if (best.size < s.size)
            fprintf(out, "\t/* struct of size %zu could be %zu */\n", s.size, best.size);
        else if (best.ptrbytes < s.ptrbytes)
            fprintf(out, "\t/* struct with %zu pointer bytes could be %zu */\n", s.ptrbytes,
                    best.ptrbytes);
    }
    fprintf(out, "};\n");
    free(m);
    free(order);
}
