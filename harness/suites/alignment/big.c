// big.c — types the handout's examples leave out, compiled into the
// alignment suite and parsed from the same text: types past the first word
// (larger than a cache line, pointers past byte 512 that need more than one
// 64-bit word of a pointer bitmap, long double, _Alignas(128) and
// _Alignas(4096), arrays of structs larger than 64 bytes), unions whose
// largest member is not the last or not the most aligned, anonymous members
// nested in anonymous members, and flexible array members of pointers, of
// structs and over-aligned; and structs whose sizes sit on both sides of a
// cache-line boundary (1, 64, 65, 128, 129 bytes) for the cache-line count.
//
// Each test checks every member of every struct it owns against the
// compiler (offsetof, sizeof, _Alignof) and the numbers of sl_stats and
// sl_ptrbytes against the suite's reference rules, and lists every wrong
// number in one message, not only the first.
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "memlab/grade.h"
#include "alignment_suite.h"

#define STR_(...) #__VA_ARGS__
#define STR(...) STR_(__VA_ARGS__)

// ---- the types, compiled here and parsed from the same text -----------------------

#define BG_ROW       \
    struct row {     \
        double v[9]; \
        char *name;  \
    };
#define BG_ROWS          \
    struct rows {        \
        char tag;        \
        struct row r[3]; \
        int n;           \
    };
#define BG_BIGPTR      \
    struct bigptr {    \
        char pad[600]; \
        void *late;    \
        long tail[3];  \
    };
#define BG_PTRGRID       \
    struct ptrgrid {     \
        long id;         \
        char *cells[70]; \
        int last;        \
    };
#define BG_LD             \
    struct ld {           \
        char c;           \
        long double x;    \
        char d;           \
        long double y[5]; \
        short e;          \
    };
#define BG_A128              \
    struct a128 {            \
        char c;              \
        _Alignas(128) int x; \
        char d;              \
    };
#define BG_PAGE                       \
    struct page {                     \
        int n;                        \
        _Alignas(4096) char data[10]; \
        void *owner;                  \
    };
#define BG_WIDEU            \
    union wideu {           \
        long double big[5]; \
        char c;             \
        int i;              \
    };
#define BG_SKEW        \
    union skew {       \
        char text[20]; \
        double d;      \
        short s;       \
    };
#define BG_SKEW2               \
    union skew2 {              \
        struct row r;          \
        _Alignas(32) char tag; \
        int i;                 \
    };
#define BG_HOLDER     \
    struct holder {   \
        char k;       \
        union skew u; \
        char z;       \
    };
#define BG_NESTANON         \
    struct nestanon {       \
        char a;             \
        union {             \
            struct {        \
                char b;     \
                long c;     \
            };              \
            struct {        \
                short d;    \
                char e[11]; \
            };              \
        };                  \
        char f;             \
    };
#define BG_TAILPAD   \
    struct tailpad { \
        char a;      \
        struct {     \
            long x;  \
            char y;  \
        };           \
        char z;      \
    };
#define BG_FLEXPTR     \
    struct flexptr {   \
        long n;        \
        char *items[]; \
    };
#define BG_FLEXROWS        \
    struct flexrows {      \
        char c;            \
        struct row rows[]; \
    };
#define BG_FLEXALIGN              \
    struct flexalign {            \
        char c;                   \
        _Alignas(64) char data[]; \
    };
#define BG_FLEXMIX       \
    struct flexmix {     \
        void *head;      \
        char c;          \
        long double v[]; \
    };
// Sizes on both sides of a cache-line boundary: 1, 64, 65, 128 and 129
// bytes (1, 1, 2, 2 and 3 cache lines).
#define BG_CL1   \
    struct cl1 { \
        char c;  \
    };
#define BG_CL64     \
    struct cl64 {   \
        char a[63]; \
        char b;     \
    };
#define BG_CL65     \
    struct cl65 {   \
        char a[64]; \
        char b;     \
    };
#define BG_CL128     \
    struct cl128 {   \
        char a[127]; \
        char b;      \
    };
#define BG_CL129     \
    struct cl129 {   \
        char a[128]; \
        char b;      \
    };

BG_ROW BG_ROWS BG_BIGPTR BG_PTRGRID BG_LD BG_A128 BG_PAGE BG_WIDEU BG_SKEW BG_SKEW2 BG_HOLDER
    BG_NESTANON BG_TAILPAD BG_FLEXPTR BG_FLEXROWS BG_FLEXALIGN BG_FLEXMIX BG_CL1 BG_CL64 BG_CL65
        BG_CL128 BG_CL129

    static const char big_text[] =
        STR(BG_ROW) "\n" STR(BG_ROWS) "\n" STR(BG_BIGPTR) "\n" STR(BG_PTRGRID) "\n" STR(BG_LD) "\n" STR(
            BG_A128) "\n" STR(BG_PAGE) "\n" STR(BG_WIDEU) "\n" STR(BG_SKEW) "\n" STR(BG_SKEW2) "\n" STR(BG_HOLDER) "\n" STR(BG_NESTANON) "\n" STR(BG_TAILPAD) "\n" STR(BG_FLEXPTR) "\n" STR(BG_FLEXROWS) "\n" STR(BG_FLEXALIGN) "\n" STR(BG_FLEXMIX) "\n" STR(BG_CL1) "\n" STR(BG_CL64) "\n" STR(BG_CL65) "\n" STR(BG_CL128) "\n" STR(BG_CL129) "\n";

// What the compiler says about one direct member.
typedef struct bwant {
    const char *name; // the member, or for an anonymous one the first field inside it
    size_t offset, size, align;
    bool anonymous; // size and align not known here: the offset is checked
} bwant_t;

#define M(T, f)                                                                  \
    {                                                                            \
#f, offsetof(T, f), sizeof(((T *)0)->f), __alignof__(((T *)0)->f), false \
    }
#define MANON(T, f)                    \
    {                                  \
#f, offsetof(T, f), 0, 0, true \
    }
#define MFLEX(T, f, E)                            \
    {                                             \
#f, offsetof(T, f), 0, _Alignof(E), false \
    }

// A message listing every wrong number of a test.
typedef struct faults {
    char text[6000];
    size_t used, n;
} faults_t;

static void fault(faults_t *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fault(faults_t *x, const char *fmt, ...)
{
    x->n++;
    if (x->used + 2 >= sizeof x->text)
        return;
    x->text[x->used++] = '\n';
    x->text[x->used++] = ' ';
    x->text[x->used++] = ' ';
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(x->text + x->used, sizeof x->text - x->used, fmt, ap);
    va_end(ap);
    x->used += k > 0 ? (size_t)k : 0;
    if (x->used >= sizeof x->text)
        x->used = sizeof x->text - 1;
}

// check_one — the student's layout of aggregate `name` against the
// compiler's size, alignment and members w[0..n), and the stats and pointer
// bytes against the reference. Every difference goes to x.
static void check_one(faults_t *x, const cdecl_file_t *f, const char *name, size_t size,
                      size_t align, const bwant_t *w, size_t n)
{
    const cdecl_type_t *agg = suite_find(f, name);
    cr_assert(agg->nmembers == n, "internal: %s has %zu members, the table %zu", agg->name,
              agg->nmembers, n);
    sl_member_layout_t *m = calloc(n, sizeof(*m));
    cr_assert(m != NULL, "internal: out of memory");
    sl_size_align_t sa = sl_layout(agg, m);
    for (size_t i = 0; i < n; i++) {
        if (m[i].offset != w[i].offset)
            fault(x, "%s: %s `%s` at offset %zu, the compiler puts it at %zu", agg->name,
                  w[i].anonymous ? "the anonymous member holding" : "member", w[i].name,
                  m[i].offset, w[i].offset);
        if (w[i].anonymous)
            continue;
        if (m[i].size != w[i].size)
            fault(x, "%s: member `%s` has size %zu, the compiler says %zu", agg->name, w[i].name,
                  m[i].size, w[i].size);
        if (m[i].align != w[i].align)
            fault(x, "%s: member `%s` has alignment %zu, the compiler says %zu", agg->name,
                  w[i].name, m[i].align, w[i].align);
    }
    if (sa.size != size || sa.align != align)
        fault(x, "%s: sl_layout says size %zu, alignment %zu; the compiler says %zu, %zu",
              agg->name, sa.size, sa.align, size, align);
    sl_size_align_t t = sl_type(agg);
    if (t.size != size || t.align != align)
        fault(x, "%s: sl_type says size %zu, alignment %zu; the compiler says %zu, %zu", agg->name,
              t.size, t.align, size, align);
    free(m);
}

// check_numbers — sl_stats and sl_ptrbytes of `name` against the reference.
static void check_numbers(faults_t *x, const cdecl_file_t *f, const char *name)
{
    const cdecl_type_t *agg = suite_find(f, name);
    size_t off[64];
    cr_assert(agg->nmembers <= 64, "internal: %s has too many members", agg->name);
    rsa_t r = suite_ref_place(agg, NULL, off);
    size_t end = 0, sum = 0, holes = 0, sum_holes = 0;
    for (size_t i = 0; i < agg->nmembers; i++) {
        size_t sz = suite_ref_member(&agg->members[i]).size;
        sum += sz;
        if (agg->kind == CDECL_STRUCT && off[i] > end) {
            holes++;
            sum_holes += off[i] - end;
        }
        end = off[i] + sz > end ? off[i] + sz : end;
    }
    size_t ptr = suite_ref_ptrbytes(agg);
    sl_stats_t s = sl_stats(agg);
#define SAME(got, want, what)                                                           \
    if ((got) != (want))                                                                \
    fault(x, "%s: sl_stats gives %s %zu, expected %zu", agg->name, what, (size_t)(got), \
          (size_t)(want))
    SAME(s.size, r.size, "size");
    SAME(s.align, r.align, "align");
    SAME(s.cachelines, (r.size + SL_CACHELINE - 1) / SL_CACHELINE, "cachelines");
    SAME(s.members, agg->nmembers, "members");
    SAME(s.sum_members, sum, "sum_members");
    SAME(s.holes, holes, "holes");
    SAME(s.sum_holes, sum_holes, "sum_holes");
    SAME(s.padding, r.size - end, "padding");
    SAME(s.ptrbytes, ptr, "ptrbytes");
#undef SAME
    size_t p = sl_ptrbytes(agg);
    if (p != ptr)
        fault(x, "%s: sl_ptrbytes is %zu, expected %zu", agg->name, p, ptr);
}

#define CHECK(x, f, T, tag, ...)                                                      \
    do {                                                                              \
        const bwant_t w_[] = { __VA_ARGS__ };                                         \
        check_one(x, f, tag, sizeof(T), _Alignof(T), w_, sizeof(w_) / sizeof(w_[0])); \
    } while (0)

// finish — fail the test with every fault, or pass.
static void finish(faults_t *x, cdecl_file_t *f, const char *what)
{
    cdecl_free(f);
    cr_assert(x->n == 0,
              "%zu wrong number%s in %s (the definitions: harness/suites/alignment/big.c; paste "
              "one into a header and run build/student/bin/alignment on it):%s",
              x->n, x->n == 1 ? "" : "s", what, x->text);
}

// ---- the tests -----------------------------------------------------------------------

void suite_layout_types_past_the_first_word(void)
{
    static faults_t x;
    x = (faults_t){ .n = 0 };
    cdecl_file_t *f = suite_parse_text("big.h", big_text);
    CHECK(&x, f, struct row, "row", M(struct row, v), M(struct row, name));
    CHECK(&x, f, struct rows, "rows", M(struct rows, tag), M(struct rows, r), M(struct rows, n));
    CHECK(&x, f, struct bigptr, "bigptr", M(struct bigptr, pad), M(struct bigptr, late),
          M(struct bigptr, tail));
    CHECK(&x, f, struct ptrgrid, "ptrgrid", M(struct ptrgrid, id), M(struct ptrgrid, cells),
          M(struct ptrgrid, last));
    CHECK(&x, f, struct ld, "ld", M(struct ld, c), M(struct ld, x), M(struct ld, d),
          M(struct ld, y), M(struct ld, e));
    CHECK(&x, f, struct a128, "a128", M(struct a128, c), M(struct a128, x), M(struct a128, d));
    CHECK(&x, f, struct page, "page", M(struct page, n), M(struct page, data),
          M(struct page, owner));
    finish(&x, f, "types larger than a cache line, long double, _Alignas(128) and (4096)");
}

void suite_layout_unions_whose_largest_member_is_not_last(void)
{
    static faults_t x;
    x = (faults_t){ .n = 0 };
    cdecl_file_t *f = suite_parse_text("big.h", big_text);
    CHECK(&x, f, union wideu, "wideu", M(union wideu, big), M(union wideu, c), M(union wideu, i));
    CHECK(&x, f, union skew, "skew", M(union skew, text), M(union skew, d), M(union skew, s));
    CHECK(&x, f, union skew2, "skew2", M(union skew2, r), M(union skew2, tag), M(union skew2, i));
    CHECK(&x, f, struct holder, "holder", M(struct holder, k), M(struct holder, u),
          M(struct holder, z));
    finish(&x, f, "unions whose largest member comes first, or is not the most aligned");
}

void suite_layout_nested_anonymous_and_flexible_members(void)
{
    static faults_t x;
    x = (faults_t){ .n = 0 };
    cdecl_file_t *f = suite_parse_text("big.h", big_text);
    CHECK(&x, f, struct nestanon, "nestanon", M(struct nestanon, a), MANON(struct nestanon, b),
          M(struct nestanon, f));
    CHECK(&x, f, struct tailpad, "tailpad", M(struct tailpad, a), MANON(struct tailpad, x),
          M(struct tailpad, z));
    CHECK(&x, f, struct flexptr, "flexptr", M(struct flexptr, n),
          MFLEX(struct flexptr, items, char *));
    CHECK(&x, f, struct flexrows, "flexrows", M(struct flexrows, c),
          MFLEX(struct flexrows, rows, struct row));
    CHECK(&x, f, struct flexalign, "flexalign", M(struct flexalign, c),
          { "data", offsetof(struct flexalign, data), 0, 64, false });
    CHECK(&x, f, struct flexmix, "flexmix", M(struct flexmix, head), M(struct flexmix, c),
          MFLEX(struct flexmix, v, long double));
    finish(&x, f, "anonymous members inside anonymous members, and flexible array members");
}

void suite_stats_pointer_bytes_past_the_first_word(void)
{
    static faults_t x;
    x = (faults_t){ .n = 0 };
    cdecl_file_t *f = suite_parse_text("big.h", big_text);
    static const char *const names[] = {
        "row",     "rows",  "bigptr", "ptrgrid",  "ld",      "a128",    "page",     "wideu",
        "skew",    "skew2", "holder", "nestanon", "tailpad", "flexptr", "flexrows", "flexalign",
        "flexmix", "cl1",   "cl64",   "cl65",     "cl128",   "cl129",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        check_numbers(&x, f, names[i]);
    finish(&x, f, "sl_stats and sl_ptrbytes of large, over-aligned and flexible types");
}
