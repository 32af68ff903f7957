// reference.c — the alignment suite's own layout rules, independent of the
// student's file: size and alignment of a type, offsets in a given order,
// pointer bytes, Go's field order and the smallest size over all orders.
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "memlab/grade.h"
#include "alignment_suite.h"

// Used only where the compiler cannot answer directly: the smallest possible
// size, and pointer bytes. Basic sizes come from this suite's compiler.

// round_up — n rounded up to a multiple of a.
static size_t round_up(size_t n, size_t a)
{
    return (n + a - 1) / a * a;
}

// ref_scalar — size and alignment of a basic type, from this compiler.
static rsa_t ref_scalar(cdecl_scalar_t s)
{
#define RS(k, T)                   \
    case k:                        \
        return (rsa_t)             \
        {                          \
            sizeof(T), _Alignof(T) \
        }
    switch (s) {
        RS(CDECL_BOOL, _Bool);
        RS(CDECL_CHAR, char);
        RS(CDECL_SCHAR, signed char);
        RS(CDECL_UCHAR, unsigned char);
        RS(CDECL_SHORT, short);
        RS(CDECL_USHORT, unsigned short);
        RS(CDECL_INT, int);
        RS(CDECL_UINT, unsigned);
        RS(CDECL_LONG, long);
        RS(CDECL_ULONG, unsigned long);
        RS(CDECL_LLONG, long long);
        RS(CDECL_ULLONG, unsigned long long);
        RS(CDECL_FLOAT, float);
        RS(CDECL_DOUBLE, double);
        RS(CDECL_LDOUBLE, long double);
    default: break;
    }
#undef RS
    cr_assert_fail("internal: unknown scalar %d", (int)s);
    return (rsa_t){ 0, 1 };
}

// ref_type — size and alignment of type t.
static rsa_t ref_type(const cdecl_type_t *t)
{
    switch (t->kind) {
    case CDECL_SCALAR: return ref_scalar(t->scalar);
    case CDECL_POINTER: return (rsa_t){ sizeof(void *), _Alignof(void *) };
    case CDECL_ARRAY: {
        rsa_t e = ref_type(t->elem);
        return (rsa_t){ e.size * t->count, e.align };
    }
    case CDECL_STRUCT:
    case CDECL_UNION: return suite_ref_place(t, NULL, NULL);
    default: return (rsa_t){ 0, 1 };
    }
}

rsa_t suite_ref_member(const cdecl_member_t *m)
{
    rsa_t r = ref_type(m->type);
    if (m->alignas > r.align)
        r.align = m->alignas;
    return r;
}

// suite_ref_place — offsets (by member index, may be NULL) of agg's members placed
// in `order` (NULL: declaration order); returns size and alignment.
rsa_t suite_ref_place(const cdecl_type_t *agg, const size_t *order, size_t *offsets)
{
    size_t end = 0, align = 1;
    for (size_t k = 0; k < agg->nmembers; k++) {
        size_t i = order ? order[k] : k;
        rsa_t r = suite_ref_member(&agg->members[i]);
        size_t off = agg->kind == CDECL_UNION ? 0 : round_up(end, r.align);
        end = off + r.size > end ? off + r.size : end;
        align = r.align > align ? r.align : align;
        if (offsets)
            offsets[i] = off;
    }
    return (rsa_t){ round_up(end, align), align };
}

size_t suite_ref_ptrbytes(const cdecl_type_t *t)
{
    if (t->kind == CDECL_POINTER)
        return sizeof(void *);
    if (t->kind == CDECL_ARRAY) {
        size_t p = suite_ref_ptrbytes(t->elem);
        return p && t->count ? (t->count - 1) * ref_type(t->elem).size + p : 0;
    }
    if (t->kind == CDECL_STRUCT || t->kind == CDECL_UNION) {
        size_t off[256];
        cr_assert(t->nmembers <= 256, "internal: struct too large for the reference");
        suite_ref_place(t, NULL, off);
        return suite_ref_ptrbytes_placed(t, off);
    }
    return 0;
}

size_t suite_ref_ptrbytes_placed(const cdecl_type_t *agg, const size_t *offsets)
{
    size_t end = 0;
    for (size_t i = 0; i < agg->nmembers; i++) {
        size_t p = suite_ref_ptrbytes(agg->members[i].type);
        if (p && offsets[i] + p > end)
            end = offsets[i] + p;
    }
    return end;
}

// suite_ref_overaligned — whether some member's size is not a multiple of its
// alignment (only _Alignas does that), where Go's rule may not be smallest.
bool suite_ref_overaligned(const cdecl_type_t *agg)
{
    for (size_t i = 0; i < agg->nmembers; i++) {
        rsa_t r = suite_ref_member(&agg->members[i]);
        if (r.size % r.align)
            return true;
    }
    return false;
}

// suite_ref_go_order — Go's fieldalignment order (a flexible array member last).
void suite_ref_go_order(const cdecl_type_t *agg, size_t *order)
{
    size_t n = agg->nmembers, movable = agg->has_flexible ? n - 1 : n;
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    for (size_t i = 1; i < movable; i++)
        for (size_t k = i; k > 0; k--) {
            const cdecl_member_t *a = &agg->members[order[k]], *b = &agg->members[order[k - 1]];
            rsa_t ra = suite_ref_member(a), rb = suite_ref_member(b);
            size_t pa = suite_ref_ptrbytes(a->type), pb = suite_ref_ptrbytes(b->type);
            bool before;
            if (ra.align != rb.align)
                before = ra.align > rb.align;
            else if ((pa == 0) != (pb == 0))
                before = pa != 0;
            else if (pa && ra.size - pa != rb.size - pb)
                before = ra.size - pa < rb.size - pb;
            else
                before = ra.size > rb.size;
            if (!before)
                break;
            size_t t = order[k];
            order[k] = order[k - 1];
            order[k - 1] = t;
        }
}

// suite_ref_min_size — the smallest size of struct agg over all member orders (a
// flexible array member stays last): end(S) = min over m in S of
// roundup(end(S - m), align m) + size m, over subsets S of the members.
size_t suite_ref_min_size(const cdecl_type_t *agg)
{
    size_t n = agg->has_flexible ? agg->nmembers - 1 : agg->nmembers;
    cr_assert(n <= 18, "internal: too many members for the exact search");
    rsa_t r[18];
    size_t align = 1;
    for (size_t i = 0; i < agg->nmembers; i++) {
        rsa_t x = suite_ref_member(&agg->members[i]);
        if (i < n)
            r[i] = x;
        align = x.align > align ? x.align : align;
    }
    size_t *end = malloc(((size_t)1 << n) * sizeof(*end));
    cr_assert(end != NULL, "internal: out of memory");
    end[0] = 0;
    for (size_t s = 1; s < ((size_t)1 << n); s++) {
        end[s] = SIZE_MAX;
        for (size_t i = 0; i < n; i++)
            if (s >> i & 1) {
                size_t e = round_up(end[s & ~((size_t)1 << i)], r[i].align) + r[i].size;
                end[s] = e < end[s] ? e : end[s];
            }
    }
    size_t best = round_up(end[((size_t)1 << n) - 1], align);
    free(end);
    return best;
}
