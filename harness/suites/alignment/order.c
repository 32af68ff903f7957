// order.c — the alignment suite's checks of a smallest member order
// (sl_optimal_order) against the reference: a permutation, the flexible member
// last, the claimed numbers, the smallest size, Go's pointer bytes.
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "memlab/grade.h"
#include "alignment_suite.h"

// ---- the smallest order -----------------------------------------------------------

// suite_order_names — "a, b, (anonymous union), c" for an order of agg's members
// (one of two static buffers, used in turn: two calls may share a message).
const char *suite_order_names(const cdecl_type_t *agg, const size_t *order)
{
    static char bufs[2][1024];
    static int turn;
    char *buf = bufs[turn ^= 1];
    size_t n = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < agg->nmembers && n + 1 < sizeof bufs[0]; k++) {
        const cdecl_member_t *m = &agg->members[order[k]];
        n += (size_t)snprintf(buf + n, sizeof bufs[0] - n, "%s%s", k ? ", " : "",
                              m->name                        ? m->name
                              : m->type->kind == CDECL_UNION ? "(anonymous union)"
                                                             : "(anonymous struct)");
    }
    return buf;
}

// suite_order_problem — what is wrong with the order the student returned for
// struct agg (NULL if nothing): not a permutation, the flexible member moved,
// claimed numbers not those of the order, not the smallest size, or (when no
// member is over-aligned) more pointer bytes than Go's rule leaves.
const char *suite_order_problem(const cdecl_type_t *agg, const size_t *order, sl_order_t got)
{
    static char msg[2048];
    size_t n = agg->nmembers;
    bool *seen = calloc(n, sizeof(*seen));
    cr_assert(seen != NULL, "internal: out of memory");
    for (size_t k = 0; k < n; k++) {
        if (order[k] >= n || seen[order[k]]) {
            snprintf(msg, sizeof msg,
                     "%s: your order is not a permutation of its %zu members "
                     "(order[%zu] = %zu %s)",
                     agg->name, n, k, order[k],
                     order[k] >= n ? "is not a member index" : "appears twice");
            free(seen);
            return msg;
        }
        seen[order[k]] = true;
    }
    free(seen);
    if (agg->has_flexible && order[n - 1] != n - 1) {
        snprintf(msg, sizeof msg,
                 "%s: the flexible array member `%s` must stay last; your "
                 "order is %s",
                 agg->name, agg->members[n - 1].name, suite_order_names(agg, order));
        return msg;
    }
    size_t off[64];
    cr_assert(n <= 64, "internal: too many members");
    rsa_t r = suite_ref_place(agg, order, off);
    size_t ptr = suite_ref_ptrbytes_placed(agg, off);
    if (got.size != r.size) {
        snprintf(msg, sizeof msg,
                 "%s: in your order (%s) the struct has size %zu, but you "
                 "returned size %zu",
                 agg->name, suite_order_names(agg, order), r.size, got.size);
        return msg;
    }
    if (got.ptrbytes != ptr) {
        snprintf(msg, sizeof msg,
                 "%s: in your order (%s) the struct has %zu pointer bytes, but "
                 "you returned %zu",
                 agg->name, suite_order_names(agg, order), ptr, got.ptrbytes);
        return msg;
    }
    size_t best = suite_ref_min_size(agg);
    if (r.size != best) {
        snprintf(msg, sizeof msg,
                 "%s: your order (%s) has size %zu; the smallest possible is "
                 "%zu",
                 agg->name, suite_order_names(agg, order), r.size, best);
        return msg;
    }
    if (!suite_ref_overaligned(agg)) {
        size_t go[64], goff[64];
        suite_ref_go_order(agg, go);
        suite_ref_place(agg, go, goff);
        size_t gptr = suite_ref_ptrbytes_placed(agg, goff);
        if (ptr > gptr) {
            snprintf(msg, sizeof msg,
                     "%s: your order (%s) leaves %zu pointer bytes; Go's rule "
                     "leaves %zu (%s)",
                     agg->name, suite_order_names(agg, order), ptr, gptr,
                     suite_order_names(agg, go));
            return msg;
        }
    }
    return NULL;
}

// check_order — the student's smallest order of example `name` of f; fails
// the test with suite_order_problem's message.
static void check_order(const cdecl_file_t *f, const char *name)
{
    const cdecl_type_t *agg = suite_find(f, name);
    size_t order[64];
    for (size_t i = 0; i < 64; i++)
        order[i] = SIZE_MAX;
    sl_order_t got = sl_optimal_order(agg, order);
    const char *problem = suite_order_problem(agg, order, got);
    cr_assert(problem == NULL, "%s", problem);
}

void suite_order_go_rule_on_the_examples(void)
{
    static const char *const names[] = { "s1",     "mix",    "basics",  "point", "rect",
                                         "tagged", "packet", "message", "frame", "gcobj",
                                         "wide",   "grid",   "nest" };
    cdecl_file_t *f = suite_parse_text("examples.h", suite_examples_text);
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        check_order(f, names[i]);
    cdecl_free(f);
}

void suite_order_over_aligned_members(void)
{
    cdecl_file_t *f = suite_parse_text("examples.h", suite_examples_text);
    check_order(f, "over");
    check_order(f, "counters");
    check_order(f, "over2");
    cdecl_free(f);
    f = suite_parse_text("over.h",
                         "struct o3 { _Alignas(8) char a; _Alignas(8) char b; int c; int d; };\n"
                         "struct o4 { char a[3]; _Alignas(16) short b; long c; short d; int e; };\n"
                         "struct o5 { _Alignas(32) char a; _Alignas(32) char b; long c[3]; char d; "
                         "short e; int f; double g; };\n"
                         "struct o6 { char a[10]; int b; _Alignas(4) char c[9]; };\n"
                         // every member over-aligned: Go's order gives 16 bytes, the
                         // smallest is 8 (c into the hole after a, then b)
                         "struct o7 { _Alignas(2) char c; _Alignas(4) char b[3]; "
                         "_Alignas(8) char a; };\n"
                         // 16 movable members, the most the handout searches exactly:
                         // Go's order gives 48 bytes, the smallest is 32.
                         "struct o16 { _Alignas(16) char tag; long a; int x; char c1, c2, c3, "
                         "c4, c5, c6, c7, c8, c9, c10, c11, c12, c13; };\n");
    check_order(f, "o3");
    check_order(f, "o4");
    check_order(f, "o5");
    check_order(f, "o6");
    check_order(f, "o7");
    check_order(f, "o16");
    cdecl_free(f);
}
