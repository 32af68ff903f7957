// alignment.c — the grading suite of the alignment lab (labs/alignment/README.md).
//
// The ground truth is the C compiler of this machine, never a table typed in
// here and never the student's code:
//   - the handout's examples are compiled into this suite, so sizeof,
//     _Alignof and offsetof of each member are the compiler's own answers;
//   - random structs (seeded) are written to a C file with a main() that
//     prints sizeof, _Alignof and every offsetof, compiled with `cc` in one
//     run per batch, and the student's layout must match every number;
//   - the student's smallest order is compiled too: its sizeof must be the
//     size claimed and the true minimum, which the suite finds itself by
//     dynamic programming over subsets of members (ref_min_size below).
// The report's format is the handout's, compared line by line with blank
// lines and runs of white space ignored.
// MEMLAB_KEEP_GENERATED=1 keeps the generated C programs (their directory is
// in the test's notes).
//
// Points: abi 6, layout 35, stats 6, report 14, order 11, compiler 26,
// robustness 2 (total 100).
#include "memlab/grade.h"
#include "memlab/rng.h"

#include "cdecl.h"
#include "structlayout.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

// ---- small helpers -------------------------------------------------------------

typedef struct strbuf {
    char *s;
    size_t len, cap;
} strbuf_t;

static void sb_printf(strbuf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(strbuf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (b->len + (size_t)n + 1 > b->cap) {
        size_t cap = (b->cap ? b->cap * 2 : 4096) + (size_t)n;
        char *s = realloc(b->s, cap);
        cr_assert(s != NULL, "internal: out of memory in the suite");
        b->s = s;
        b->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

static void sb_free(strbuf_t *b)
{
    free(b->s);
    *b = (strbuf_t){0};
}

static cdecl_file_t *parse_text(const char *path, const char *text)
{
    char err[600];
    cdecl_file_t *f = cdecl_parse(path, text, strlen(text), 0, err, sizeof err);
    cr_assert(f != NULL, "internal: the suite's own header did not parse: %s", err);
    return f;
}

static const cdecl_type_t *find(const cdecl_file_t *f, const char *name)
{
    const cdecl_type_t *t = cdecl_find(f, name);
    cr_assert(t != NULL, "internal: no struct `%s` in the suite's header", name);
    return t;
}

static size_t round_up(size_t n, size_t a)
{
    return (n + a - 1) / a * a;
}

// ---- the reference: layout rules, independent of the student's file -------------
// Used only where the compiler cannot answer directly: the smallest possible
// size, and pointer bytes. Basic sizes come from this suite's compiler.

typedef struct rsa {
    size_t size, align;
} rsa_t;

static rsa_t ref_scalar(cdecl_scalar_t s)
{
#define RS(k, T) case k: return (rsa_t){sizeof(T), _Alignof(T)}
    switch (s) {
    RS(CDECL_BOOL, _Bool); RS(CDECL_CHAR, char); RS(CDECL_SCHAR, signed char);
    RS(CDECL_UCHAR, unsigned char); RS(CDECL_SHORT, short); RS(CDECL_USHORT, unsigned short);
    RS(CDECL_INT, int); RS(CDECL_UINT, unsigned); RS(CDECL_LONG, long);
    RS(CDECL_ULONG, unsigned long); RS(CDECL_LLONG, long long);
    RS(CDECL_ULLONG, unsigned long long); RS(CDECL_FLOAT, float); RS(CDECL_DOUBLE, double);
    RS(CDECL_LDOUBLE, long double);
    default: break;
    }
#undef RS
    cr_assert_fail("internal: unknown scalar %d", (int)s);
    return (rsa_t){0, 1};
}

static rsa_t ref_place(const cdecl_type_t *agg, const size_t *order, size_t *offsets);

static rsa_t ref_type(const cdecl_type_t *t)
{
    switch (t->kind) {
    case CDECL_SCALAR: return ref_scalar(t->scalar);
    case CDECL_POINTER: return (rsa_t){sizeof(void *), _Alignof(void *)};
    case CDECL_ARRAY: {
        rsa_t e = ref_type(t->elem);
        return (rsa_t){e.size * t->count, e.align};
    }
    case CDECL_STRUCT:
    case CDECL_UNION: return ref_place(t, NULL, NULL);
    default: return (rsa_t){0, 1};
    }
}

static rsa_t ref_member(const cdecl_member_t *m)
{
    rsa_t r = ref_type(m->type);
    if (m->alignas > r.align)
        r.align = m->alignas;
    return r;
}

// ref_place — offsets (by member index, may be NULL) of agg's members placed
// in `order` (NULL: declaration order); returns size and alignment.
static rsa_t ref_place(const cdecl_type_t *agg, const size_t *order, size_t *offsets)
{
    size_t end = 0, align = 1;
    for (size_t k = 0; k < agg->nmembers; k++) {
        size_t i = order ? order[k] : k;
        rsa_t r = ref_member(&agg->members[i]);
        size_t off = agg->kind == CDECL_UNION ? 0 : round_up(end, r.align);
        end = off + r.size > end ? off + r.size : end;
        align = r.align > align ? r.align : align;
        if (offsets)
            offsets[i] = off;
    }
    return (rsa_t){round_up(end, align), align};
}

static size_t ref_ptrbytes_placed(const cdecl_type_t *agg, const size_t *offsets);

static size_t ref_ptrbytes(const cdecl_type_t *t)
{
    if (t->kind == CDECL_POINTER)
        return sizeof(void *);
    if (t->kind == CDECL_ARRAY) {
        size_t p = ref_ptrbytes(t->elem);
        return p && t->count ? (t->count - 1) * ref_type(t->elem).size + p : 0;
    }
    if (t->kind == CDECL_STRUCT || t->kind == CDECL_UNION) {
        size_t off[256];
        cr_assert(t->nmembers <= 256, "internal: struct too large for the reference");
        ref_place(t, NULL, off);
        return ref_ptrbytes_placed(t, off);
    }
    return 0;
}

static size_t ref_ptrbytes_placed(const cdecl_type_t *agg, const size_t *offsets)
{
    size_t end = 0;
    for (size_t i = 0; i < agg->nmembers; i++) {
        size_t p = ref_ptrbytes(agg->members[i].type);
        if (p && offsets[i] + p > end)
            end = offsets[i] + p;
    }
    return end;
}

// ref_overaligned — whether some member's size is not a multiple of its
// alignment (only _Alignas does that), where Go's rule may not be smallest.
static bool ref_overaligned(const cdecl_type_t *agg)
{
    for (size_t i = 0; i < agg->nmembers; i++) {
        rsa_t r = ref_member(&agg->members[i]);
        if (r.size % r.align)
            return true;
    }
    return false;
}

// ref_go_order — Go's fieldalignment order (a flexible array member last).
static void ref_go_order(const cdecl_type_t *agg, size_t *order)
{
    size_t n = agg->nmembers, movable = agg->has_flexible ? n - 1 : n;
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    for (size_t i = 1; i < movable; i++)
        for (size_t k = i; k > 0; k--) {
            const cdecl_member_t *a = &agg->members[order[k]], *b = &agg->members[order[k - 1]];
            rsa_t ra = ref_member(a), rb = ref_member(b);
            size_t pa = ref_ptrbytes(a->type), pb = ref_ptrbytes(b->type);
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

// ref_min_size — the smallest size of struct agg over all member orders (a
// flexible array member stays last): end(S) = min over m in S of
// roundup(end(S - m), align m) + size m, over subsets S of the members.
static size_t ref_min_size(const cdecl_type_t *agg)
{
    size_t n = agg->has_flexible ? agg->nmembers - 1 : agg->nmembers;
    cr_assert(n <= 18, "internal: too many members for the exact search");
    rsa_t r[18];
    size_t align = 1;
    for (size_t i = 0; i < agg->nmembers; i++) {
        rsa_t x = ref_member(&agg->members[i]);
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

// ---- the handout's examples, compiled here and parsed from the same text ---------
// Keep in sync with labs/alignment/data/examples.h and README.md.

#define STR_(...) #__VA_ARGS__
#define STR(...) STR_(__VA_ARGS__)

#define EX_S1 struct s1 { char c; long l; int i; };
#define EX_BASICS struct basics { _Bool b; char c; short s; int i; long l; long long ll; \
    float f; double d; long double ld; void *p; };
#define EX_POINT struct point { int x, y; };
#define EX_RECT struct rect { char tag; struct point corners[2]; short id[3]; };
#define EX_VALUE union value { char c; int i; double d; char name[12]; };
#define EX_TAGGED struct tagged { int kind; union value v; char flag; };
#define EX_PACKET struct packet { char type; union { int i; float f; }; \
    struct { short lo, hi; }; char crc; };
#define EX_COUNTERS struct counters { char name[3]; _Alignas(64) long hits; long misses; };
#define EX_MESSAGE struct message { unsigned short len; char kind; char body[]; };
#define EX_FRAME struct frame { long seq; char flag; double samples[]; };
#define EX_GCOBJ struct gcobj { long id; char *name; long size; void *next; };
#define EX_WIDE struct wide { char a; double d[9]; char b; void *p; };
#define EX_OVER struct over { _Alignas(16) char tag; long a; int x; };
#define EX_MIX struct mix { char name[3]; short id; char flag; };
// Not in the handout: more shapes of the same rules.
#define EX_GRID struct grid { char name[5]; short cells[3][2]; double *rows[2]; \
    struct point origin; int (*visit)(struct grid *, int); char (*line)[80]; };
#define EX_OVER2 struct over2 { char a; _Alignas(32) char b[3]; short c; \
    _Alignas(8) char d; int e; long f; char g; };
#define EX_NEST struct nest { char a; struct { char b; double c; } in; \
    union { short s; char t[3]; } u; };

EX_S1 EX_BASICS EX_POINT EX_RECT EX_VALUE EX_TAGGED EX_PACKET EX_COUNTERS EX_MESSAGE
EX_FRAME EX_GCOBJ EX_WIDE EX_OVER EX_MIX EX_GRID EX_OVER2 EX_NEST

static const char examples_text[] =
    STR(EX_S1) "\n" STR(EX_BASICS) "\n" STR(EX_POINT) "\n" STR(EX_RECT) "\n" STR(EX_VALUE) "\n"
    STR(EX_TAGGED) "\n" STR(EX_PACKET) "\n" STR(EX_COUNTERS) "\n" STR(EX_MESSAGE) "\n"
    STR(EX_FRAME) "\n" STR(EX_GCOBJ) "\n" STR(EX_WIDE) "\n" STR(EX_OVER) "\n" STR(EX_MIX) "\n"
    STR(EX_GRID) "\n"
    STR(EX_OVER2) "\n" STR(EX_NEST) "\n";

static const char *const example_names[] = {
    "s1", "basics", "point", "rect", "value", "tagged", "packet", "counters", "message",
    "frame", "gcobj", "wide", "over", "mix", "grid", "over2", "nest",
};
#define NEXAMPLES (sizeof(example_names) / sizeof(example_names[0]))

// What the compiler says about one direct member of an example.
typedef struct want {
    const char *name;       // the member's name, or for an anonymous member
                            // the first field inside it
    size_t offset, size, align;
    bool anonymous;         // size and align unknown (0): check the offset only
} want_t;

#define W(T, f) {#f, offsetof(T, f), sizeof(((T *)0)->f), __alignof__(((T *)0)->f), false}
#define WANON(T, f) {#f, offsetof(T, f), 0, 0, true}

// check_layout — the student's sl_layout and sl_type of example `name`
// against the compiler's answers for its direct members w[0..n).
static void check_layout(const cdecl_file_t *f, const char *name, size_t size, size_t align,
                         const want_t *w, size_t n)
{
    const cdecl_type_t *agg = find(f, name);
    cr_assert(agg->nmembers == n, "internal: %s has %zu members, the table %zu", agg->name,
              agg->nmembers, n);
    sl_member_layout_t *m = calloc(n, sizeof(*m));
    cr_assert(m != NULL, "internal: out of memory");
    sl_size_align_t sa = sl_layout(agg, m);
    for (size_t i = 0; i < n; i++) {
        if (w[i].anonymous) {
            cr_assert(m[i].offset == w[i].offset,
                      "%s: the anonymous %s (member %zu, holding `%s`) at offset %zu, the "
                      "compiler puts it at %zu", agg->name,
                      agg->members[i].type->kind == CDECL_UNION ? "union" : "struct", i,
                      w[i].name, m[i].offset, w[i].offset);
            continue;
        }
        cr_assert(m[i].offset == w[i].offset, "%s: member `%s` at offset %zu, the compiler "
                  "puts it at %zu", agg->name, w[i].name, m[i].offset, w[i].offset);
        cr_assert(m[i].size == w[i].size, "%s: member `%s` has size %zu, the compiler says "
                  "sizeof is %zu", agg->name, w[i].name, m[i].size, w[i].size);
        cr_assert(m[i].align == w[i].align, "%s: member `%s` has alignment %zu, the compiler "
                  "says %zu", agg->name, w[i].name, m[i].align, w[i].align);
    }
    cr_assert(sa.size == size, "%s: sl_layout says size %zu, the compiler says sizeof is %zu",
              agg->name, sa.size, size);
    cr_assert(sa.align == align, "%s: sl_layout says alignment %zu, the compiler says _Alignof "
              "is %zu", agg->name, sa.align, align);
    sl_size_align_t t = sl_type(agg);
    cr_assert(t.size == size && t.align == align, "%s: sl_type says size %zu, alignment %zu; "
              "the compiler says %zu, %zu", agg->name, t.size, t.align, size, align);
    free(m);
}

#define CHECK(f, T, tag, ...)                                                          \
    do {                                                                               \
        const want_t w_[] = {__VA_ARGS__};                                             \
        check_layout(f, tag, sizeof(T), _Alignof(T), w_, sizeof(w_) / sizeof(w_[0])); \
    } while (0)

// ---- abi and layout ------------------------------------------------------------

ML_TEST(abi, basic_types_match_the_compiler, 6, 10)
{
#define SC(k, T) {k, #T, sizeof(T), _Alignof(T)}
    static const struct { cdecl_scalar_t s; const char *name; size_t size, align; } table[] = {
        SC(CDECL_BOOL, _Bool), SC(CDECL_CHAR, char), SC(CDECL_SCHAR, signed char),
        SC(CDECL_UCHAR, unsigned char), SC(CDECL_SHORT, short),
        SC(CDECL_USHORT, unsigned short), SC(CDECL_INT, int), SC(CDECL_UINT, unsigned int),
        SC(CDECL_LONG, long), SC(CDECL_ULONG, unsigned long), SC(CDECL_LLONG, long long),
        SC(CDECL_ULLONG, unsigned long long), SC(CDECL_FLOAT, float),
        SC(CDECL_DOUBLE, double), SC(CDECL_LDOUBLE, long double),
    };
#undef SC
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        sl_size_align_t sa = sl_scalar(table[i].s);
        cr_assert(sa.size == table[i].size && sa.align == table[i].align,
                  "sl_scalar(%s): size %zu, alignment %zu; the compiler says sizeof %zu, "
                  "_Alignof %zu", table[i].name, sa.size, sa.align, table[i].size,
                  table[i].align);
    }
    cdecl_file_t *f = parse_text("ptr.h", "struct p { char *a; int (*b)(void); void **c; };");
    const cdecl_type_t *p = find(f, "p");
    for (size_t i = 0; i < p->nmembers; i++) {
        sl_size_align_t sa = sl_type(p->members[i].type);
        cr_assert(sa.size == sizeof(void *) && sa.align == _Alignof(void *),
                  "sl_type(%s): size %zu, alignment %zu; a pointer has %zu, %zu",
                  p->members[i].type_name, sa.size, sa.align, sizeof(void *),
                  _Alignof(void *));
    }
    cdecl_free(f);
}

ML_TEST(layout, structs_of_basic_types, 6, 10)
{
    cdecl_file_t *f = parse_text("examples.h", examples_text);
    CHECK(f, struct s1, "s1", W(struct s1, c), W(struct s1, l), W(struct s1, i));
    CHECK(f, struct gcobj, "gcobj", W(struct gcobj, id), W(struct gcobj, name),
          W(struct gcobj, size), W(struct gcobj, next));
    CHECK(f, struct basics, "basics", W(struct basics, b), W(struct basics, c),
          W(struct basics, s), W(struct basics, i), W(struct basics, l), W(struct basics, ll),
          W(struct basics, f), W(struct basics, d), W(struct basics, ld), W(struct basics, p));
    cdecl_free(f);
}

ML_TEST(layout, arrays_and_nested_structs, 8, 10)
{
    cdecl_file_t *f = parse_text("examples.h", examples_text);
    CHECK(f, struct point, "point", W(struct point, x), W(struct point, y));
    CHECK(f, struct rect, "rect", W(struct rect, tag), W(struct rect, corners),
          W(struct rect, id));
    CHECK(f, struct wide, "wide", W(struct wide, a), W(struct wide, d), W(struct wide, b),
          W(struct wide, p));
    CHECK(f, struct grid, "grid", W(struct grid, name), W(struct grid, cells),
          W(struct grid, rows), W(struct grid, origin), W(struct grid, visit),
          W(struct grid, line));
    cdecl_free(f);
}

ML_TEST(layout, unions, 6, 10)
{
    cdecl_file_t *f = parse_text("examples.h", examples_text);
    CHECK(f, union value, "value", W(union value, c), W(union value, i), W(union value, d),
          W(union value, name));
    CHECK(f, struct tagged, "tagged", W(struct tagged, kind), W(struct tagged, v),
          W(struct tagged, flag));
    CHECK(f, struct nest, "nest", W(struct nest, a), W(struct nest, in), W(struct nest, u));
    cdecl_free(f);
}

ML_TEST(layout, anonymous_members, 5, 10)
{
    cdecl_file_t *f = parse_text("examples.h", examples_text);
    CHECK(f, struct packet, "packet", W(struct packet, type), WANON(struct packet, i),
          WANON(struct packet, lo), W(struct packet, crc));
    cdecl_free(f);
}

ML_TEST(layout, alignas, 6, 10)
{
    cdecl_file_t *f = parse_text("examples.h", examples_text);
    CHECK(f, struct counters, "counters", W(struct counters, name), W(struct counters, hits),
          W(struct counters, misses));
    CHECK(f, struct over, "over", W(struct over, tag), W(struct over, a), W(struct over, x));
    CHECK(f, struct over2, "over2", W(struct over2, a), W(struct over2, b), W(struct over2, c),
          W(struct over2, d), W(struct over2, e), W(struct over2, f), W(struct over2, g));
    cdecl_free(f);
}

ML_TEST(layout, flexible_array_members, 4, 10)
{
    cdecl_file_t *f = parse_text("examples.h", examples_text);
    // A flexible array member has no size; offsetof still places it.
    CHECK(f, struct message, "message", W(struct message, len), W(struct message, kind),
          {"body", offsetof(struct message, body), 0, _Alignof(char), false});
    CHECK(f, struct frame, "frame", W(struct frame, seq), W(struct frame, flag),
          {"samples", offsetof(struct frame, samples), 0, _Alignof(double), false});
    cdecl_free(f);
}

// ---- stats ----------------------------------------------------------------------

ML_TEST(stats, holes_padding_and_pointer_bytes, 6, 10)
{
    cdecl_file_t *f = parse_text("examples.h", examples_text);
    for (size_t e = 0; e < NEXAMPLES; e++) {
        const cdecl_type_t *agg = find(f, example_names[e]);
        size_t off[64];
        rsa_t r = ref_place(agg, NULL, off);
        sl_stats_t want = {.size = r.size, .align = r.align, .members = agg->nmembers,
                           .cachelines = (r.size + 63) / 64, .ptrbytes = ref_ptrbytes(agg)};
        size_t end = 0;
        for (size_t i = 0; i < agg->nmembers; i++) {
            size_t sz = ref_member(&agg->members[i]).size;
            want.sum_members += sz;
            if (agg->kind == CDECL_STRUCT && off[i] > end) {
                want.holes++;
                want.sum_holes += off[i] - end;
            }
            end = off[i] + sz > end ? off[i] + sz : end;
        }
        want.padding = r.size - end;
        sl_stats_t got = sl_stats(agg);
#define SAME(field, what)                                                                 \
    cr_assert(got.field == want.field, "sl_stats(%s): %s is %zu, expected %zu", agg->name, \
              what, got.field, want.field)
        SAME(size, "size");
        SAME(align, "align");
        SAME(members, "members");
        SAME(cachelines, "cachelines");
        SAME(sum_members, "sum_members");
        SAME(holes, "holes");
        SAME(sum_holes, "sum_holes");
        SAME(padding, "padding");
        SAME(ptrbytes, "ptrbytes (pointer bytes)");
#undef SAME
        size_t p = sl_ptrbytes(agg);
        cr_assert(p == want.ptrbytes, "sl_ptrbytes(%s) is %zu, expected %zu", agg->name, p,
                  want.ptrbytes);
    }
    cdecl_free(f);
}

// ---- the report --------------------------------------------------------------------

// report_of — what sl_report writes for agg (malloc'd).
static char *report_of(const cdecl_type_t *agg)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    cr_assert(out != NULL, "internal: open_memstream failed");
    sl_report(out, agg);
    fclose(out);
    return text;
}

// next_line — the next non-blank line of *p with white space runs made one
// space and the ends trimmed, into buf; false at the end of the text.
static bool next_line(const char **p, char *buf, size_t cap)
{
    while (**p) {
        const char *s = *p, *e = strchr(s, '\n');
        if (!e)
            e = s + strlen(s);
        *p = *e ? e + 1 : e;
        size_t n = 0;
        bool space = false;
        for (const char *c = s; c < e && n + 2 < cap; c++) {
            if (*c == ' ' || *c == '\t' || *c == '\r') {
                space = n > 0;
                continue;
            }
            if (space)
                buf[n++] = ' ';
            space = false;
            buf[n++] = *c;
        }
        buf[n] = '\0';
        if (n)
            return true;
    }
    return false;
}

// check_report — the student's report of `name` equals `expected`, line by
// line (blank lines and white space runs ignored).
static void check_report(const cdecl_file_t *f, const char *name, const char *expected)
{
    const cdecl_type_t *agg = find(f, name);
    char *got = report_of(agg);
    ml_note("your report of %s:\n%s", agg->name, got ? got : "");
    const char *g = got ? got : "", *x = expected;
    char gl[512], xl[512];
    for (int line = 1;; line++) {
        bool hg = next_line(&g, gl, sizeof gl), hx = next_line(&x, xl, sizeof xl);
        if (!hg && !hx)
            break;
        cr_assert(hg, "report of %s: it ends before line %d, which should be `%s`", agg->name,
                  line, xl);
        cr_assert(hx, "report of %s: line %d `%s` should not be there (the report ends with "
                  "`};`)", agg->name, line, gl);
        cr_assert(strcmp(gl, xl) == 0, "report of %s, line %d (not counting blank lines): "
                  "yours is `%s`, expected `%s`", agg->name, line, gl, xl);
    }
    free(got);
}

static const char report_s1[] =
    "struct s1 {\n"
    "	char c;                                  /*     0     1 */\n"
    "\n"
    "	/* XXX 7 bytes hole, try to pack */\n"
    "\n"
    "	long l;                                  /*     8     8 */\n"
    "	int i;                                   /*    16     4 */\n"
    "\n"
    "	/* size: 24, cachelines: 1, members: 3 */\n"
    "	/* sum members: 13, holes: 1, sum holes: 7 */\n"
    "	/* padding: 4 */\n"
    "	/* struct of size 24 could be 16 */\n"
    "};\n";

static const char report_value[] =
    "union value {\n"
    "	char c;                                  /*     0     1 */\n"
    "	int i;                                   /*     0     4 */\n"
    "	double d;                                /*     0     8 */\n"
    "	char name[12];                           /*     0    12 */\n"
    "\n"
    "	/* size: 16, cachelines: 1, members: 4 */\n"
    "	/* padding: 4 */\n"
    "};\n";

static const char report_packet[] =
    "struct packet {\n"
    "	char type;                               /*     0     1 */\n"
    "\n"
    "	/* XXX 3 bytes hole, try to pack */\n"
    "\n"
    "	union {...};                             /*     4     4 */\n"
    "	struct {...};                            /*     8     4 */\n"
    "	char crc;                                /*    12     1 */\n"
    "\n"
    "	/* size: 16, cachelines: 1, members: 4 */\n"
    "	/* sum members: 10, holes: 1, sum holes: 3 */\n"
    "	/* padding: 3 */\n"
    "	/* struct of size 16 could be 12 */\n"
    "};\n";

static const char report_message[] =
    "struct message {\n"
    "	unsigned short len;                      /*     0     2 */\n"
    "	char kind;                               /*     2     1 */\n"
    "	char body[];                             /*     3     0 */\n"
    "\n"
    "	/* size: 4, cachelines: 1, members: 3 */\n"
    "	/* padding: 1 */\n"
    "};\n";

static const char report_point[] =
    "struct point {\n"
    "	int x;                                   /*     0     4 */\n"
    "	int y;                                   /*     4     4 */\n"
    "\n"
    "	/* size: 8, cachelines: 1, members: 2 */\n"
    "};\n";

ML_TEST(report, matches_the_handout, 6, 10)
{
    cdecl_file_t *f = parse_text("examples.h", examples_text);
    check_report(f, "point", report_point);
    check_report(f, "s1", report_s1);
    check_report(f, "value", report_value);
    check_report(f, "message", report_message);
    check_report(f, "packet", report_packet);
    cdecl_free(f);
}

static const char report_wide[] =
    "struct wide {\n"
    "	char a;                                  /*     0     1 */\n"
    "\n"
    "	/* XXX 7 bytes hole, try to pack */\n"
    "\n"
    "	double d[9];                             /*     8    72 */\n"
    "	/* --- cacheline 1 boundary (64 bytes) was 16 bytes ago --- */\n"
    "	char b;                                  /*    80     1 */\n"
    "\n"
    "	/* XXX 7 bytes hole, try to pack */\n"
    "\n"
    "	void *p;                                 /*    88     8 */\n"
    "\n"
    "	/* size: 96, cachelines: 2, members: 4 */\n"
    "	/* sum members: 82, holes: 2, sum holes: 14 */\n"
    "	/* struct of size 96 could be 88 */\n"
    "};\n";

static const char report_counters[] =
    "struct counters {\n"
    "	char name[3];                            /*     0     3 */\n"
    "\n"
    "	/* XXX 61 bytes hole, try to pack */\n"
    "\n"
    "	/* --- cacheline 1 boundary (64 bytes) --- */\n"
    "	_Alignas(64) long hits;                  /*    64     8 */\n"
    "	long misses;                             /*    72     8 */\n"
    "\n"
    "	/* size: 128, cachelines: 2, members: 3 */\n"
    "	/* sum members: 19, holes: 1, sum holes: 61 */\n"
    "	/* padding: 48 */\n"
    "	/* struct of size 128 could be 64 */\n"
    "};\n";

static const char report_big[] =
    "struct big {\n"
    "	char a[100];                             /*     0   100 */\n"
    "	/* --- cacheline 1 boundary (64 bytes) was 36 bytes ago --- */\n"
    "	char b[100];                             /*   100   100 */\n"
    "	/* --- cacheline 3 boundary (192 bytes) was 8 bytes ago --- */\n"
    "	char c;                                  /*   200     1 */\n"
    "\n"
    "	/* XXX 1 byte hole, try to pack */\n"
    "\n"
    "	short d;                                 /*   202     2 */\n"
    "\n"
    "	/* size: 204, cachelines: 4, members: 4 */\n"
    "	/* sum members: 203, holes: 1, sum holes: 1 */\n"
    "};\n";

ML_TEST(report, cache_line_boundaries, 4, 10)
{
    cdecl_file_t *f = parse_text("examples.h", examples_text);
    check_report(f, "wide", report_wide);
    check_report(f, "counters", report_counters);
    cdecl_free(f);
    f = parse_text("big.h", "struct big { char a[100]; char b[100]; char c; short d; };");
    check_report(f, "big", report_big);
    cdecl_free(f);
}

// has_line — whether text has the (normalized) line `want`; counts lines
// containing `part` into *count.
static bool has_line(const char *text, const char *want, const char *part, int *count)
{
    char l[512];
    bool found = false;
    *count = 0;
    while (next_line(&text, l, sizeof l)) {
        found |= strcmp(l, want) == 0;
        *count += strstr(l, part) != NULL;
    }
    return found;
}

ML_TEST(report, says_what_could_be_smaller, 4, 10)
{
    static const struct { const char *name, *line; } cases[] = {
        {"tagged", "/* struct of size 32 could be 24 */"},
        {"over", "/* struct of size 32 could be 16 */"},
        {"gcobj", "/* struct with 32 pointer bytes could be 16 */"},
        {"basics", "/* struct of size 80 could be 64 */"},
        {"point", NULL},
        {"value", NULL},
        {"message", NULL},
    };
    cdecl_file_t *f = parse_text("examples.h", examples_text);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const cdecl_type_t *agg = find(f, cases[i].name);
        char *got = report_of(agg);
        int n;
        bool found = has_line(got ? got : "", cases[i].line ? cases[i].line : "", "could be", &n);
        ml_note("your report of %s:\n%s", agg->name, got ? got : "");
        if (cases[i].line)
            cr_assert(found && n == 1, "report of %s: expected the line `%s`%s", agg->name,
                      cases[i].line, n > 1 ? " and no other `could be` line" : "");
        else
            cr_assert(n == 0, "report of %s: it is already as small as it can be, with as few "
                      "pointer bytes, yet the report says `could be`", agg->name);
        free(got);
    }
    cdecl_free(f);
}

// ---- the smallest order -----------------------------------------------------------

// order_names — "a, b, (anonymous union), c" for an order of agg's members
// (one of two static buffers, used in turn: two calls may share a message).
static const char *order_names(const cdecl_type_t *agg, const size_t *order)
{
    static char bufs[2][1024];
    static int turn;
    char *buf = bufs[turn ^= 1];
    size_t n = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < agg->nmembers && n + 1 < sizeof bufs[0]; k++) {
        const cdecl_member_t *m = &agg->members[order[k]];
        n += (size_t)snprintf(buf + n, sizeof bufs[0] - n, "%s%s", k ? ", " : "",
                              m->name ? m->name
                              : m->type->kind == CDECL_UNION ? "(anonymous union)"
                                                             : "(anonymous struct)");
    }
    return buf;
}

// order_problem — what is wrong with the order the student returned for
// struct agg (NULL if nothing): not a permutation, the flexible member moved,
// claimed numbers not those of the order, not the smallest size, or (when no
// member is over-aligned) more pointer bytes than Go's rule leaves.
static const char *order_problem(const cdecl_type_t *agg, const size_t *order, sl_order_t got)
{
    static char msg[2048];
    size_t n = agg->nmembers;
    bool *seen = calloc(n, sizeof(*seen));
    cr_assert(seen != NULL, "internal: out of memory");
    for (size_t k = 0; k < n; k++) {
        if (order[k] >= n || seen[order[k]]) {
            snprintf(msg, sizeof msg, "%s: your order is not a permutation of its %zu members "
                     "(order[%zu] = %zu %s)", agg->name, n, k, order[k],
                     order[k] >= n ? "is not a member index" : "appears twice");
            free(seen);
            return msg;
        }
        seen[order[k]] = true;
    }
    free(seen);
    if (agg->has_flexible && order[n - 1] != n - 1) {
        snprintf(msg, sizeof msg, "%s: the flexible array member `%s` must stay last; your "
                 "order is %s", agg->name, agg->members[n - 1].name, order_names(agg, order));
        return msg;
    }
    size_t off[64];
    cr_assert(n <= 64, "internal: too many members");
    rsa_t r = ref_place(agg, order, off);
    size_t ptr = ref_ptrbytes_placed(agg, off);
    if (got.size != r.size) {
        snprintf(msg, sizeof msg, "%s: in your order (%s) the struct has size %zu, but you "
                 "returned size %zu", agg->name, order_names(agg, order), r.size, got.size);
        return msg;
    }
    if (got.ptrbytes != ptr) {
        snprintf(msg, sizeof msg, "%s: in your order (%s) the struct has %zu pointer bytes, but "
                 "you returned %zu", agg->name, order_names(agg, order), ptr, got.ptrbytes);
        return msg;
    }
    size_t best = ref_min_size(agg);
    if (r.size != best) {
        snprintf(msg, sizeof msg, "%s: your order (%s) has size %zu; the smallest possible is "
                 "%zu", agg->name, order_names(agg, order), r.size, best);
        return msg;
    }
    if (!ref_overaligned(agg)) {
        size_t go[64], goff[64];
        ref_go_order(agg, go);
        ref_place(agg, go, goff);
        size_t gptr = ref_ptrbytes_placed(agg, goff);
        if (ptr > gptr) {
            snprintf(msg, sizeof msg, "%s: your order (%s) leaves %zu pointer bytes; Go's rule "
                     "leaves %zu (%s)", agg->name, order_names(agg, order), ptr, gptr,
                     order_names(agg, go));
            return msg;
        }
    }
    return NULL;
}

static void check_order(const cdecl_file_t *f, const char *name)
{
    const cdecl_type_t *agg = find(f, name);
    size_t order[64];
    for (size_t i = 0; i < 64; i++)
        order[i] = SIZE_MAX;
    sl_order_t got = sl_optimal_order(agg, order);
    const char *problem = order_problem(agg, order, got);
    cr_assert(problem == NULL, "%s", problem);
}

ML_TEST(order, go_rule_on_the_examples, 6, 10)
{
    static const char *const names[] = {"s1", "mix", "basics", "point", "rect", "tagged",
                                        "packet", "message", "frame", "gcobj", "wide", "grid",
                                        "nest"};
    cdecl_file_t *f = parse_text("examples.h", examples_text);
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        check_order(f, names[i]);
    cdecl_free(f);
}

ML_TEST(order, over_aligned_members, 5, 10)
{
    cdecl_file_t *f = parse_text("examples.h", examples_text);
    check_order(f, "over");
    check_order(f, "counters");
    check_order(f, "over2");
    cdecl_free(f);
    f = parse_text("over.h",
                   "struct o3 { _Alignas(8) char a; _Alignas(8) char b; int c; int d; };\n"
                   "struct o4 { char a[3]; _Alignas(16) short b; long c; short d; int e; };\n"
                   "struct o5 { _Alignas(32) char a; _Alignas(32) char b; long c[3]; char d; "
                   "short e; int f; double g; };\n");
    check_order(f, "o3");
    check_order(f, "o4");
    check_order(f, "o5");
    cdecl_free(f);
}

// ---- random structs, compiled by cc ---------------------------------------------------

enum { F_ARRAYS = 1, F_NESTED = 2, F_UNIONS = 4, F_ANON = 8, F_ALIGNAS = 16, F_FLEX = 32 };
#define F_ALL (F_ARRAYS | F_NESTED | F_UNIONS | F_ANON | F_ALIGNAS | F_FLEX)
#define GEN_MAX 64      // aggregates in one batch
#define GEN_LINES 12    // top-level members of one aggregate, at most

// One generated struct or union, with the text of each top-level member so
// that a reordered copy can be written.
typedef struct gen_agg {
    char name[16];              // "s3", or "t3" for a typedef'd anonymous struct
    char ref[24];               // how C names it: "struct s3", "union s3", "t3"
    bool is_union, has_flex;
    size_t maxalignas;          // the largest _Alignas inside it (0: none)
    char *lines[GEN_LINES];
    size_t nlines;
} gen_agg_t;

typedef struct gen {
    ml_rng_t r;
    unsigned features;
    gen_agg_t aggs[GEN_MAX];
    size_t naggs;
    int counter;                // member names m0, m1, ... unique per aggregate
    int fwd;                    // forward-declared tags fwd0, fwd1, ...
} gen_t;

static const struct { const char *spelling; size_t align; } gen_basics[] = {
    {"char", _Alignof(char)}, {"signed char", 1}, {"unsigned char", 1}, {"_Bool", 1},
    {"bool", _Alignof(_Bool)}, {"short", _Alignof(short)}, {"unsigned short", 2},
    {"int", _Alignof(int)}, {"unsigned", 4}, {"long", _Alignof(long)}, {"unsigned long", 8},
    {"long long", _Alignof(long long)}, {"unsigned long long", 8}, {"float", _Alignof(float)},
    {"double", _Alignof(double)}, {"long double", _Alignof(long double)},
    {"size_t", _Alignof(size_t)}, {"int8_t", 1}, {"uint16_t", 2}, {"int32_t", 4},
    {"uint64_t", 8}, {"intptr_t", 8}, {"ptrdiff_t", 8}, {"ssize_t", 8},
    {"enum color", _Alignof(int)}, {"long int", 8}, {"short unsigned int", 2},
};
#define NBASICS (sizeof(gen_basics) / sizeof(gen_basics[0]))

static bool chance(gen_t *g, unsigned percent)
{
    return ml_rng_below(&g->r, 100) < percent;
}

// gen_alignas — sometimes "_Alignas(N) " with N a power of two from lo to 64.
static void gen_alignas(gen_t *g, strbuf_t *b, size_t lo, size_t *maxalignas)
{
    if (!(g->features & F_ALIGNAS) || !chance(g, 18) || lo > 64)
        return;
    int k = 0;
    while (((size_t)1 << k) < lo)
        k++;
    size_t n = (size_t)1 << ml_rng_range(&g->r, (uint64_t)k, 6);
    sb_printf(b, "_Alignas(%zu) ", n);
    if (n > *maxalignas)
        *maxalignas = n;
}

// gen_nestable — a random earlier aggregate that may be a member, or NULL.
static const gen_agg_t *gen_nestable(gen_t *g)
{
    if (!(g->features & F_NESTED) || g->naggs == 0)
        return NULL;
    for (int tries = 0; tries < 8; tries++) {
        const gen_agg_t *a = &g->aggs[ml_rng_below(&g->r, g->naggs)];
        if (!a->has_flex)
            return a;
    }
    return NULL;
}

static void gen_members(gen_t *g, strbuf_t *b, size_t n, int depth, size_t *maxalignas);

// gen_member — one member declaration (with its `;`) appended to b. `flex`:
// it is the last member of a struct and becomes a flexible array member.
static void gen_member(gen_t *g, strbuf_t *b, int depth, bool flex, size_t *maxalignas)
{
    char name[16];
    snprintf(name, sizeof name, "m%d", g->counter++);
    const gen_agg_t *nest = gen_nestable(g);
    unsigned w_basic = 6, w_ptr = 3, w_arr = g->features & F_ARRAYS ? 3 : 0,
             w_nest = nest ? 2 : 0, w_inline = g->features & F_ANON && depth < 2 ? 1 : 0,
             w_anon = w_inline;
    if (flex)
        w_ptr = w_nest = w_inline = w_anon = 0, w_arr = 1, w_basic = 0;
    unsigned pick = (unsigned)ml_rng_below(&g->r, w_basic + w_ptr + w_arr + w_nest + w_inline + w_anon);
    if (pick < w_basic) {
        size_t k = ml_rng_below(&g->r, NBASICS);
        gen_alignas(g, b, gen_basics[k].align, maxalignas);
        sb_printf(b, "%s %s;", gen_basics[k].spelling, name);
        return;
    }
    pick -= w_basic;
    if (pick < w_ptr) {
        gen_alignas(g, b, 8, maxalignas);
        switch (ml_rng_below(&g->r, 8)) {
        case 0: sb_printf(b, "char *%s;", name); break;
        case 1: sb_printf(b, "void *%s;", name); break;
        case 2: sb_printf(b, "int **%s;", name); break;
        case 3: sb_printf(b, "int (*%s)(void);", name); break;
        case 4: sb_printf(b, "void (*%s)(int, char *);", name); break;
        case 5: sb_printf(b, "double (*%s)[4];", name); break;
        case 6: sb_printf(b, "const char *%s;", name); break;
        default: sb_printf(b, "struct fwd%d *%s;", g->fwd++, name); break;
        }
        return;
    }
    pick -= w_ptr;
    if (pick < w_arr) {
        char dims[32];
        size_t d1 = chance(g, 80) ? 1 + ml_rng_below(&g->r, 5) : 1 + ml_rng_below(&g->r, 24);
        if (flex)
            snprintf(dims, sizeof dims, "[]");
        else if (chance(g, 30))
            snprintf(dims, sizeof dims, "[%zu][%zu]", d1, 1 + (size_t)ml_rng_below(&g->r, 4));
        else
            snprintf(dims, sizeof dims, "[%zu]", d1);
        unsigned e = (unsigned)ml_rng_below(&g->r, 10);
        if (e < 6 || (e >= 8 && !nest)) {
            size_t k = ml_rng_below(&g->r, NBASICS);
            gen_alignas(g, b, gen_basics[k].align, maxalignas);
            sb_printf(b, "%s %s%s;", gen_basics[k].spelling, name, dims);
        } else if (e < 8) {
            gen_alignas(g, b, 8, maxalignas);
            if (e == 6)
                sb_printf(b, "char *%s%s;", name, dims);
            else
                sb_printf(b, "int (*%s%s)(void);", name, dims);
        } else {
            gen_alignas(g, b, nest->maxalignas > 16 ? nest->maxalignas : 16, maxalignas);
            sb_printf(b, "%s %s%s;", nest->ref, name, dims);
            if (nest->maxalignas > *maxalignas)
                *maxalignas = nest->maxalignas;
        }
        return;
    }
    pick -= w_arr;
    if (pick < w_nest) {
        gen_alignas(g, b, nest->maxalignas > 16 ? nest->maxalignas : 16, maxalignas);
        sb_printf(b, "%s %s;", nest->ref, name);
        if (nest->maxalignas > *maxalignas)
            *maxalignas = nest->maxalignas;
        return;
    }
    pick -= w_nest;
    // An aggregate written in place: named (pick < w_inline) or anonymous.
    bool is_union = chance(g, 50);
    strbuf_t inner = {0};
    size_t inner_align = 0;
    gen_members(g, &inner, 1 + ml_rng_below(&g->r, 3), depth + 1, &inner_align);
    if (pick < w_inline)
        gen_alignas(g, b, inner_align > 16 ? inner_align : 16, maxalignas);
    sb_printf(b, "%s { %s }%s%s;", is_union ? "union" : "struct", inner.s,
              pick < w_inline ? " " : "", pick < w_inline ? name : "");
    if (inner_align > *maxalignas)
        *maxalignas = inner_align;
    sb_free(&inner);
}

static void gen_members(gen_t *g, strbuf_t *b, size_t n, int depth, size_t *maxalignas)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            sb_printf(b, " ");
        gen_member(g, b, depth, false, maxalignas);
    }
}

// gen_aggregate — one more top-level struct or union, appended to `header`.
static void gen_aggregate(gen_t *g, strbuf_t *header)
{
    gen_agg_t *a = &g->aggs[g->naggs];
    memset(a, 0, sizeof *a);
    a->is_union = g->features & F_UNIONS && chance(g, 25);
    bool typedefd = chance(g, 15);
    char name[16];
    snprintf(name, sizeof name, "%c%zu", typedefd ? 't' : 's', g->naggs);
    memcpy(a->name, name, sizeof name);
    if (typedefd)
        snprintf(a->ref, sizeof a->ref, "%s", name);
    else
        snprintf(a->ref, sizeof a->ref, "%s %s", a->is_union ? "union" : "struct", name);
    size_t n = 1 + ml_rng_below(&g->r, 8);
    a->has_flex = !a->is_union && g->features & F_FLEX && n >= 2 && chance(g, 30);
    g->counter = 0;
    for (size_t i = 0; i < n; i++) {
        strbuf_t line = {0};
        gen_member(g, &line, 0, a->has_flex && i == n - 1, &a->maxalignas);
        a->lines[a->nlines++] = line.s;
    }
    sb_printf(header, "%s%s%s%s {\n", typedefd ? "typedef " : "", a->is_union ? "union" : "struct",
              typedefd ? "" : " ", typedefd ? "" : a->name);
    for (size_t i = 0; i < a->nlines; i++)
        sb_printf(header, "    %s\n", a->lines[i]);
    sb_printf(header, "}%s%s;\n", typedefd ? " " : "", typedefd ? a->name : "");
    g->naggs++;
}

// gen_batch — n random aggregates as a header.
static void gen_batch(gen_t *g, uint64_t seed, unsigned features, size_t n, strbuf_t *header)
{
    memset(g, 0, sizeof *g);
    ml_rng_seed(&g->r, seed);
    g->features = features;
    sb_printf(header, "enum color { RED, GREEN, BLUE };\n");
    for (size_t i = 0; i < n && i < GEN_MAX; i++)
        gen_aggregate(g, header);
}

static void gen_free(gen_t *g)
{
    for (size_t i = 0; i < g->naggs; i++)
        for (size_t k = 0; k < g->aggs[i].nlines; k++)
            free(g->aggs[i].lines[k]);
}

static const gen_agg_t *gen_find(const gen_t *g, const cdecl_type_t *agg)
{
    const char *name = agg->tag ? agg->tag : agg->name;
    for (size_t i = 0; i < g->naggs; i++)
        if (strcmp(g->aggs[i].name, name) == 0)
            return &g->aggs[i];
    cr_assert_fail("internal: generated aggregate %s not found", agg->name);
    return NULL;
}

// gen_source — the definition of a generated aggregate, for messages.
static const char *gen_source(const gen_agg_t *a)
{
    static char buf[1200];
    size_t n = (size_t)snprintf(buf, sizeof buf, "%s {", a->ref);
    for (size_t i = 0; i < a->nlines && n < sizeof buf; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, " %s", a->lines[i]);
    if (n < sizeof buf)
        snprintf(buf + n, sizeof buf - n, " };");
    return buf;
}

// ---- compiling and running a generated program ------------------------------------------

typedef struct prog {
    char dir[64];
    strbuf_t queries;           // the body of main(): one printf per query
    size_t nqueries;
    size_t *answers;            // what the compiled program printed, by query
} prog_t;

static size_t query(prog_t *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static size_t query(prog_t *p, const char *fmt, ...)
{
    char expr[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(expr, sizeof expr, fmt, ap);
    va_end(ap);
    sb_printf(&p->queries, "    printf(\"%%zu\\n\", (size_t)(%s));\n", expr);
    return p->nqueries++;
}

// run — run argv with stdout and stderr sent to files; its exit status, or
// -1 if it could not run or was killed.
static int run(char *const argv[], const char *out, const char *err)
{
    pid_t pid = fork();
    cr_assert(pid >= 0, "internal: fork failed: %s", strerror(errno));
    if (pid == 0) {
        int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int e = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (o < 0 || e < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0)
            _exit(126);
        execvp(argv[0], argv);
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    strbuf_t b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        sb_printf(&b, "%.*s", (int)n, chunk);
    fclose(f);
    return b.s ? b.s : calloc(1, 1);
}

// prog_compile_and_run — write header + extra + main() to a C file, compile
// it with cc, run it, and read one number per query into p->answers.
static void prog_compile_and_run(prog_t *p, const char *header, const char *extra)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(p->dir, sizeof p->dir, "%s/memlab-align-XXXXXX", tmp && strlen(tmp) < 40 ? tmp : "/tmp");
    cr_assert(mkdtemp(p->dir) != NULL, "internal: mkdtemp failed: %s", strerror(errno));
    char src[128], exe[128], out[128], err[128];
    snprintf(src, sizeof src, "%s/layout.c", p->dir);
    snprintf(exe, sizeof exe, "%s/layout", p->dir);
    snprintf(out, sizeof out, "%s/out.txt", p->dir);
    snprintf(err, sizeof err, "%s/err.txt", p->dir);
    FILE *f = fopen(src, "w");
    cr_assert(f != NULL, "internal: cannot write %s", src);
    fprintf(f, "#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n"
               "#include <stdio.h>\n#include <sys/types.h>\n%s\n%s\nint main(void)\n{\n%s"
               "    return 0;\n}\n", header, extra ? extra : "", p->queries.s ? p->queries.s : "");
    fclose(f);
    char *cc[] = {"cc", "-std=gnu11", "-w", "-O0", "-o", exe, src, NULL};
    int rc = run(cc, out, err);
    if (rc != 0) {
        char *msg = slurp(err);
        cr_assert_fail("internal: the generated C file did not compile (exit %d; is cc "
                       "installed?): %.600s", rc, msg ? msg : "");
    }
    char *prog[] = {exe, NULL};
    rc = run(prog, out, err);
    cr_assert(rc == 0, "internal: the generated program failed (exit %d)", rc);
    char *text = slurp(out);
    cr_assert(text != NULL, "internal: no output from the generated program");
    p->answers = calloc(p->nqueries + 1, sizeof(size_t));
    cr_assert(p->answers != NULL, "internal: out of memory");
    const char *s = text;
    for (size_t i = 0; i < p->nqueries; i++) {
        char *end;
        p->answers[i] = strtoull(s, &end, 10);
        cr_assert(end != s, "internal: the generated program printed %zu numbers, not %zu", i,
                  p->nqueries);
        s = end;
    }
    free(text);
    if (getenv("MEMLAB_KEEP_GENERATED")) {   // for looking at what was compiled
        ml_note("generated program kept in %s", p->dir);
        return;
    }
    unlink(src);
    unlink(exe);
    unlink(out);
    unlink(err);
    rmdir(p->dir);
}

static void prog_free(prog_t *p)
{
    sb_free(&p->queries);
    free(p->answers);
}

// ---- checking random layouts against the compiler -------------------------------------

// One number of the student's layout and the query that asks the compiler.
typedef struct check {
    const cdecl_type_t *agg;    // the top-level aggregate
    char what[160];             // "member `m3`", "size", ...
    size_t mine;                // the student's number
    size_t q;                   // the query
    const char *unit;           // "at offset", "has size", "has alignment"
} check_t;

typedef struct checks {
    check_t *v;
    size_t n, cap;
} checks_t;

static void add_check(checks_t *c, const cdecl_type_t *agg, const char *unit, size_t mine,
                      size_t q, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static void add_check(checks_t *c, const cdecl_type_t *agg, const char *unit, size_t mine,
                      size_t q, const char *fmt, ...)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 256;
        c->v = realloc(c->v, c->cap * sizeof(*c->v));
        cr_assert(c->v != NULL, "internal: out of memory");
    }
    check_t *k = &c->v[c->n++];
    k->agg = agg;
    k->unit = unit;
    k->mine = mine;
    k->q = q;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(k->what, sizeof k->what, fmt, ap);
    va_end(ap);
}

static bool is_inline_aggregate(const cdecl_member_t *m)
{
    return (m->type->kind == CDECL_STRUCT || m->type->kind == CDECL_UNION) && !m->type->tag &&
           strstr(m->type->name, "{...}");
}

// walk — add checks for every member reachable in `t` (members of anonymous
// members and of aggregates written in place included); `path` is how
// offsetof names t's members from the top-level aggregate `top`.
static void walk(prog_t *p, checks_t *c, const cdecl_type_t *top, const char *ref,
                 const cdecl_type_t *t, const char *path, size_t base, const char *where)
{
    sl_member_layout_t *m = calloc(t->nmembers, sizeof(*m));
    cr_assert(m != NULL, "internal: out of memory");
    sl_layout(t, m);
    for (size_t i = 0; i < t->nmembers; i++) {
        const cdecl_member_t *mb = &t->members[i];
        if (!mb->name) {
            char in[96];
            snprintf(in, sizeof in, " (in an anonymous %s)",
                     mb->type->kind == CDECL_UNION ? "union" : "struct");
            walk(p, c, top, ref, mb->type, path, base + m[i].offset, in);
            continue;
        }
        char full[256];
        snprintf(full, sizeof full, "%s%s", path, mb->name);
        add_check(c, top, "at offset", base + m[i].offset,
                  query(p, "offsetof(%s, %s)", ref, full), "member `%s`%s", full, where);
        bool flexible = mb->type->kind == CDECL_ARRAY && mb->type->count == 0;
        if (!flexible) {
            add_check(c, top, "has size", m[i].size,
                      query(p, "sizeof(((%s *)0)->%s)", ref, full), "member `%s`%s", full, where);
            add_check(c, top, "has alignment", m[i].align,
                      query(p, "__alignof__(((%s *)0)->%s)", ref, full), "member `%s`%s", full,
                      where);
        }
        if (is_inline_aggregate(mb)) {
            char sub[260];
            snprintf(sub, sizeof sub, "%s.", full);
            walk(p, c, top, ref, mb->type, sub, base + m[i].offset, where);
        }
    }
    free(m);
}

// random_layouts — generate n aggregates with `features`, lay them out with
// the student's code and require every number to be the compiler's.
static void random_layouts(uint64_t seed, unsigned features, size_t n)
{
    gen_t *g = calloc(1, sizeof(*g));
    cr_assert(g != NULL, "internal: out of memory");
    strbuf_t header = {0};
    gen_batch(g, seed, features, n, &header);
    ml_note("random structs from seed %#llx (features %#x)", (unsigned long long)seed, features);
    cdecl_file_t *f = parse_text("random.h", header.s);
    prog_t p = {0};
    checks_t c = {0};
    for (size_t a = 0; a < f->naggregates; a++) {
        const cdecl_type_t *agg = f->aggregates[a];
        const gen_agg_t *ga = gen_find(g, agg);
        sl_member_layout_t *m = calloc(agg->nmembers, sizeof(*m));
        cr_assert(m != NULL, "internal: out of memory");
        sl_size_align_t sa = sl_layout(agg, m);
        free(m);
        sl_size_align_t ta = sl_type(agg);
        size_t qs = query(&p, "sizeof(%s)", ga->ref), qa = query(&p, "_Alignof(%s)", ga->ref);
        add_check(&c, agg, "has size", sa.size, qs, "the whole (sl_layout)");
        add_check(&c, agg, "has alignment", sa.align, qa, "the whole (sl_layout)");
        add_check(&c, agg, "has size", ta.size, qs, "the whole (sl_type)");
        add_check(&c, agg, "has alignment", ta.align, qa, "the whole (sl_type)");
        walk(&p, &c, agg, ga->ref, agg, "", 0, "");
    }
    prog_compile_and_run(&p, header.s, NULL);
    const char *first = NULL;
    static char msg[600];
    const cdecl_type_t *bad_agg = NULL, *last = NULL;
    size_t nbad = 0;
    for (size_t i = 0; i < c.n; i++) {
        const check_t *k = &c.v[i];
        size_t truth = p.answers[k->q];
        if (k->mine == truth)
            continue;
        if (k->agg != last)
            nbad++;
        last = k->agg;
        if (!first) {
            snprintf(msg, sizeof msg, "%s: %s %s %zu, the compiler %s %zu", k->agg->name,
                     k->what, k->unit, k->mine,
                     strcmp(k->unit, "at offset") == 0 ? "puts it at" : "says", truth);
            first = msg;
            bad_agg = k->agg;
        }
    }
    if (first)
        cr_assert_fail("%s (%zu of %zu random structs and unions wrong; the first: `%s`)", first,
                       nbad, f->naggregates, gen_source(gen_find(g, bad_agg)));
    free(c.v);
    prog_free(&p);
    cdecl_free(f);
    gen_free(g);
    free(g);
    sb_free(&header);
}

ML_TEST(compiler, random_structs_of_basic_types_and_pointers, 6, 60, .allow_exec = true,
        .mem_mb = 2048)
{
    random_layouts(0xa11c0001, 0, 60);
}

ML_TEST(compiler, random_arrays_nested_structs_and_unions, 6, 60, .allow_exec = true,
        .mem_mb = 2048)
{
    random_layouts(0xa11c0002, F_ARRAYS | F_NESTED | F_UNIONS, 60);
}

ML_TEST(compiler, random_anonymous_alignas_and_flexible_members, 6, 60, .allow_exec = true,
        .mem_mb = 2048)
{
    random_layouts(0xa11c0003, F_ALL, 60);
}

// ---- random smallest orders, compiled ------------------------------------------------

ML_TEST(compiler, random_smallest_orders_compile_to_their_size, 8, 60, .allow_exec = true,
        .mem_mb = 2048)
{
    uint64_t seed = 0xa11c0004;
    gen_t *g = calloc(1, sizeof(*g));
    cr_assert(g != NULL, "internal: out of memory");
    strbuf_t header = {0}, extra = {0};
    gen_batch(g, seed, F_ALL, 60, &header);
    ml_note("random structs from seed %#llx", (unsigned long long)seed);
    cdecl_file_t *f = parse_text("random.h", header.s);
    prog_t p = {0};
    size_t *qsize = calloc(f->naggregates, sizeof(*qsize));
    size_t (*orders)[GEN_LINES] = calloc(f->naggregates, sizeof(*orders));
    sl_order_t *got = calloc(f->naggregates, sizeof(*got));
    cr_assert(qsize && orders && got, "internal: out of memory");
    const char *first = NULL;
    char msg[2400];
    size_t nbad = 0, nstructs = 0;
    for (size_t a = 0; a < f->naggregates; a++) {
        const cdecl_type_t *agg = f->aggregates[a];
        qsize[a] = SIZE_MAX;
        if (agg->kind != CDECL_STRUCT)
            continue;
        nstructs++;
        const gen_agg_t *ga = gen_find(g, agg);
        for (size_t i = 0; i < GEN_LINES; i++)
            orders[a][i] = SIZE_MAX;
        got[a] = sl_optimal_order(agg, orders[a]);
        const char *problem = order_problem(agg, orders[a], got[a]);
        if (problem) {
            nbad++;
            if (!first) {
                snprintf(msg, sizeof msg, "%s (the struct: `%s`)", problem, gen_source(ga));
                first = msg;
            }
            continue;
        }
        // A permutation that keeps a flexible member last: compile it.
        sb_printf(&extra, "struct %s__o {", ga->name);
        for (size_t k = 0; k < agg->nmembers; k++)
            sb_printf(&extra, " %s", ga->lines[orders[a][k]]);
        sb_printf(&extra, " };\n");
        qsize[a] = query(&p, "sizeof(struct %s__o)", ga->name);
    }
    prog_compile_and_run(&p, header.s, extra.s);
    for (size_t a = 0; a < f->naggregates; a++) {
        if (qsize[a] == SIZE_MAX)
            continue;
        const cdecl_type_t *agg = f->aggregates[a];
        size_t truth = p.answers[qsize[a]];
        if (truth == got[a].size)
            continue;
        nbad++;
        if (!first) {
            snprintf(msg, sizeof msg, "%s: in your order (%s) the compiler makes it %zu bytes, "
                     "but you returned size %zu (the struct: `%s`)", agg->name,
                     order_names(agg, orders[a]), truth, got[a].size,
                     gen_source(gen_find(g, agg)));
            first = msg;
        }
    }
    if (first)
        cr_assert_fail("%s — %zu of %zu random structs wrong", first, nbad, nstructs);
    free(qsize);
    free(orders);
    free(got);
    prog_free(&p);
    cdecl_free(f);
    gen_free(g);
    free(g);
    sb_free(&header);
    sb_free(&extra);
}

// ---- robustness: whatever the parser accepts, the student's code survives ------------

static const char tricky_text[] =
    "/* a comment */ // another\n"
    "#include <stdint.h>\n#define N 4\n#if 0\nstruct gone { int x : 1; };\n#endif\n"
    "typedef unsigned long word_t;\ntypedef struct node node_t;\n"
    "enum mode { M_A = -1, M_B = 1 << 4, M_C };\n"
    "struct node { node_t *next; word_t w[M_C - 15]; enum mode m; "
    "int (*fns[2])(node_t *, int); };\n"
    "typedef union { char b[sizeof(long) * 3]; double d; } cell_t;\n"
    "struct table { cell_t cells[2][3]; struct { char k; union { int i; void *p; }; } e; "
    "_Alignas(32) char tail; node_t *first; char name[]; };\n"
    "extern int table_size(const struct table *);\nstatic int x = 3;\n";

static const char *const fuzz_snippets[] = {
    "{", "}", ";", "[", "]", "(", ")", "*", ":", ",", "struct", "union", "enum", "typedef",
    "_Alignas(8)", "_Alignas(", "int", "long double", "x", "y0", "0", "-1", "4096",
    "99999999999999999999", "'", "\"", "/*", "*/", "//", "#", "\\\n", "\n", "sizeof(int)",
    "__attribute__((packed))", "[]", "[0]", "(*)", "struct s1", "node_t", "...", "\0x",
};

ML_TEST(robustness, fuzzed_headers_do_not_crash_the_layout, 2, 60)
{
    strbuf_t generated = {0};
    gen_t *g = calloc(1, sizeof(*g));
    cr_assert(g != NULL, "internal: out of memory");
    gen_batch(g, 0xa11c0005, F_ALL, 12, &generated);
    const char *seeds[] = {examples_text, tricky_text, generated.s};
    ml_rng_t r;
    ml_rng_seed(&r, 0xf022);
    FILE *devnull = fopen("/dev/null", "w");
    cr_assert(devnull != NULL, "internal: cannot open /dev/null");
    size_t parsed = 0;
    for (int iter = 0; iter < 400; iter++) {
        const char *seed = seeds[ml_rng_below(&r, 3)];
        size_t len = strlen(seed), cap = len * 2 + 256;
        char *buf = malloc(cap);
        cr_assert(buf != NULL, "internal: out of memory");
        memcpy(buf, seed, len);
        for (int k = 0, nmut = 1 + (int)ml_rng_below(&r, 4); k < nmut && len > 0; k++) {
            size_t at = ml_rng_below(&r, len), n;
            switch (ml_rng_below(&r, 4)) {
            case 0:   // delete a range
                n = 1 + ml_rng_below(&r, 16);
                n = n > len - at ? len - at : n;
                memmove(buf + at, buf + at + n, len - at - n);
                len -= n;
                break;
            case 1: {   // duplicate a range somewhere
                size_t from = ml_rng_below(&r, len);
                n = 1 + ml_rng_below(&r, 64);
                n = n > len - from ? len - from : n;
                if (len + n > cap)
                    break;
                char tmp[64];
                memcpy(tmp, buf + from, n);
                memmove(buf + at + n, buf + at, len - at);
                memcpy(buf + at, tmp, n);
                len += n;
                break;
            }
            case 2: {   // insert a snippet
                const char *s = fuzz_snippets[ml_rng_below(&r, sizeof(fuzz_snippets) /
                                                                sizeof(fuzz_snippets[0]))];
                n = *s ? strlen(s) : 2;
                if (len + n > cap)
                    break;
                memmove(buf + at + n, buf + at, len - at);
                memcpy(buf + at, s, n);
                len += n;
                break;
            }
            default:   // one random byte
                buf[at] = (char)ml_rng_below(&r, 256);
                break;
            }
        }
        char err[600];
        cdecl_file_t *f = cdecl_parse("fuzz.h", buf, len, iter % 2 ? CDECL_KEEP_GOING : 0, err,
                                      sizeof err);
        if (!f) {
            int line = 0, at = 0;
            cr_assert(sscanf(err, "fuzz.h:%d: %n", &line, &at) == 1 && at > 0 && line >= 1,
                      "internal: a parser error without file:line: %s", err);
            free(buf);
            continue;
        }
        parsed++;
        for (size_t a = 0; a < f->naggregates; a++) {
            const cdecl_type_t *agg = f->aggregates[a];
            sl_member_layout_t *m = calloc(agg->nmembers, sizeof(*m));
            size_t *order = calloc(agg->nmembers, sizeof(*order));
            bool *seen = calloc(agg->nmembers, sizeof(*seen));
            cr_assert(m && order && seen, "internal: out of memory");
            sl_layout(agg, m);
            sl_type(agg);
            sl_stats(agg);
            sl_ptrbytes(agg);
            sl_report(devnull, agg);
            sl_optimal_order(agg, order);
            for (size_t k = 0; k < agg->nmembers; k++) {
                cr_assert(order[k] < agg->nmembers && !seen[order[k]],
                          "sl_optimal_order(%s) returned an order that is not a permutation of "
                          "its members, on this header:\n%.*s", agg->name, (int)len, buf);
                seen[order[k]] = true;
            }
            free(m);
            free(order);
            free(seen);
        }
        cdecl_free(f);
        free(buf);
    }
    ml_note("%zu of 400 fuzzed headers parsed", parsed);
    fclose(devnull);
    gen_free(g);
    free(g);
    sb_free(&generated);
}
