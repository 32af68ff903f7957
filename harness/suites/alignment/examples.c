// examples.c — the handout's examples, compiled into the alignment suite and
// parsed from the same text, and the tests that check the student's layout of
// them against the compiler's sizeof, _Alignof and offsetof: abi, layout, stats.
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

#include "memlab/grade.h"
#include "alignment_suite.h"

// ---- the handout's examples, compiled here and parsed from the same text ---------
// Keep in sync with labs/alignment/data/examples.h and README.md.

#define STR_(...) #__VA_ARGS__
#define STR(...) STR_(__VA_ARGS__)

#define EX_S1   \
    struct s1 { \
        char c; \
        long l; \
        int i;  \
    };
#define EX_BASICS       \
    struct basics {     \
        _Bool b;        \
        char c;         \
        short s;        \
        int i;          \
        long l;         \
        long long ll;   \
        float f;        \
        double d;       \
        long double ld; \
        void *p;        \
    };
#define EX_POINT   \
    struct point { \
        int x, y;  \
    };
#define EX_RECT                  \
    struct rect {                \
        char tag;                \
        struct point corners[2]; \
        short id[3];             \
    };
#define EX_VALUE       \
    union value {      \
        char c;        \
        int i;         \
        double d;      \
        char name[12]; \
    };
#define EX_TAGGED      \
    struct tagged {    \
        int kind;      \
        union value v; \
        char flag;     \
    };
#define EX_PACKET         \
    struct packet {       \
        char type;        \
        union {           \
            int i;        \
            float f;      \
        };                \
        struct {          \
            short lo, hi; \
        };                \
        char crc;         \
    };
#define EX_COUNTERS             \
    struct counters {           \
        char name[3];           \
        _Alignas(64) long hits; \
        long misses;            \
    };
#define EX_MESSAGE          \
    struct message {        \
        unsigned short len; \
        char kind;          \
        char body[];        \
    };
#define EX_FRAME          \
    struct frame {        \
        long seq;         \
        char flag;        \
        double samples[]; \
    };
#define EX_GCOBJ    \
    struct gcobj {  \
        long id;    \
        char *name; \
        long size;  \
        void *next; \
    };
#define EX_WIDE      \
    struct wide {    \
        char a;      \
        double d[9]; \
        char b;      \
        void *p;     \
    };
#define EX_OVER                \
    struct over {              \
        _Alignas(16) char tag; \
        long a;                \
        int x;                 \
    };
#define EX_MIX        \
    struct mix {      \
        char name[3]; \
        short id;     \
        char flag;    \
    };
// Not in the handout: more shapes of the same rules.
#define EX_GRID                           \
    struct grid {                         \
        char name[5];                     \
        short cells[3][2];                \
        double *rows[2];                  \
        struct point origin;              \
        int (*visit)(struct grid *, int); \
        char (*line)[80];                 \
    };
#define EX_OVER2                \
    struct over2 {              \
        char a;                 \
        _Alignas(32) char b[3]; \
        short c;                \
        _Alignas(8) char d;     \
        int e;                  \
        long f;                 \
        char g;                 \
    };
#define EX_NEST        \
    struct nest {      \
        char a;        \
        struct {       \
            char b;    \
            double c;  \
        } in;          \
        union {        \
            short s;   \
            char t[3]; \
        } u;           \
    };

EX_S1 EX_BASICS EX_POINT EX_RECT EX_VALUE EX_TAGGED EX_PACKET EX_COUNTERS EX_MESSAGE EX_FRAME
    EX_GCOBJ EX_WIDE EX_OVER EX_MIX EX_GRID EX_OVER2 EX_NEST

    const char suite_examples_text[] =
        STR(EX_S1) "\n" STR(EX_BASICS) "\n" STR(EX_POINT) "\n" STR(EX_RECT) "\n" STR(EX_VALUE) "\n" STR(EX_TAGGED) "\n" STR(EX_PACKET) "\n" STR(EX_COUNTERS) "\n" STR(
            EX_MESSAGE) "\n" STR(EX_FRAME) "\n" STR(EX_GCOBJ) "\n" STR(EX_WIDE) "\n" STR(EX_OVER) "\n" STR(EX_MIX) "\n" STR(EX_GRID) "\n" STR(EX_OVER2) "\n" STR(EX_NEST) "\n";

static const char *const example_names[] = {
    "s1",    "basics", "point", "rect", "value", "tagged", "packet", "counters", "message",
    "frame", "gcobj",  "wide",  "over", "mix",   "grid",   "over2",  "nest",
};
#define NEXAMPLES (sizeof(example_names) / sizeof(example_names[0]))

// What the compiler says about one direct member of an example.
typedef struct want {
    const char *name; // the member's name, or for an anonymous member
                      // the first field inside it
    size_t offset, size, align;
    bool anonymous; // size and align unknown (0): check the offset only
} want_t;

#define W(T, f)                                                                  \
    {                                                                            \
#f, offsetof(T, f), sizeof(((T *)0)->f), __alignof__(((T *)0)->f), false \
    }
#define WANON(T, f)                    \
    {                                  \
#f, offsetof(T, f), 0, 0, true \
    }

// check_layout — the student's sl_layout and sl_type of example `name`
// against the compiler's answers for its direct members w[0..n).
static void check_layout(const cdecl_file_t *f, const char *name, size_t size, size_t align,
                         const want_t *w, size_t n)
{
    const cdecl_type_t *agg = suite_find(f, name);
    cr_assert(agg->nmembers == n, "internal: %s has %zu members, the table %zu", agg->name,
              agg->nmembers, n);
    sl_member_layout_t *m = calloc(n, sizeof(*m));
    cr_assert(m != NULL, "internal: out of memory");
    sl_size_align_t sa = sl_layout(agg, m);
    for (size_t i = 0; i < n; i++) {
        if (w[i].anonymous) {
            cr_assert(m[i].offset == w[i].offset,
                      "%s: the anonymous %s (member %zu, holding `%s`) at offset %zu, the "
                      "compiler puts it at %zu",
                      agg->name, agg->members[i].type->kind == CDECL_UNION ? "union" : "struct", i,
                      w[i].name, m[i].offset, w[i].offset);
            continue;
        }
        cr_assert(m[i].offset == w[i].offset,
                  "%s: member `%s` at offset %zu, the compiler "
                  "puts it at %zu",
                  agg->name, w[i].name, m[i].offset, w[i].offset);
        cr_assert(m[i].size == w[i].size,
                  "%s: member `%s` has size %zu, the compiler says "
                  "sizeof is %zu",
                  agg->name, w[i].name, m[i].size, w[i].size);
        cr_assert(m[i].align == w[i].align,
                  "%s: member `%s` has alignment %zu, the compiler "
                  "says %zu",
                  agg->name, w[i].name, m[i].align, w[i].align);
    }
    cr_assert(sa.size == size, "%s: sl_layout says size %zu, the compiler says sizeof is %zu",
              agg->name, sa.size, size);
    cr_assert(sa.align == align,
              "%s: sl_layout says alignment %zu, the compiler says _Alignof "
              "is %zu",
              agg->name, sa.align, align);
    sl_size_align_t t = sl_type(agg);
    cr_assert(t.size == size && t.align == align,
              "%s: sl_type says size %zu, alignment %zu; "
              "the compiler says %zu, %zu",
              agg->name, t.size, t.align, size, align);
    free(m);
}

#define CHECK(f, T, tag, ...)                                                         \
    do {                                                                              \
        const want_t w_[] = { __VA_ARGS__ };                                          \
        check_layout(f, tag, sizeof(T), _Alignof(T), w_, sizeof(w_) / sizeof(w_[0])); \
    } while (0)

// ---- abi and layout ------------------------------------------------------------

void suite_abi_basic_types_match_the_compiler(void)
{
#define SC(k, T)                      \
    {                                 \
        k, #T, sizeof(T), _Alignof(T) \
    }
    static const struct {
        cdecl_scalar_t s;
        const char *name;
        size_t size, align;
    } table[] = {
        SC(CDECL_BOOL, _Bool),
        SC(CDECL_CHAR, char),
        SC(CDECL_SCHAR, signed char),
        SC(CDECL_UCHAR, unsigned char),
        SC(CDECL_SHORT, short),
        SC(CDECL_USHORT, unsigned short),
        SC(CDECL_INT, int),
        SC(CDECL_UINT, unsigned int),
        SC(CDECL_LONG, long),
        SC(CDECL_ULONG, unsigned long),
        SC(CDECL_LLONG, long long),
        SC(CDECL_ULLONG, unsigned long long),
        SC(CDECL_FLOAT, float),
        SC(CDECL_DOUBLE, double),
        SC(CDECL_LDOUBLE, long double),
    };
#undef SC
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        sl_size_align_t sa = sl_scalar(table[i].s);
        cr_assert(sa.size == table[i].size && sa.align == table[i].align,
                  "sl_scalar(%s): size %zu, alignment %zu; the compiler says sizeof %zu, "
                  "_Alignof %zu",
                  table[i].name, sa.size, sa.align, table[i].size, table[i].align);
    }
    cdecl_file_t *f = suite_parse_text("ptr.h", "struct p { char *a; int (*b)(void); void **c; };");
    const cdecl_type_t *p = suite_find(f, "p");
    for (size_t i = 0; i < p->nmembers; i++) {
        sl_size_align_t sa = sl_type(p->members[i].type);
        cr_assert(sa.size == sizeof(void *) && sa.align == _Alignof(void *),
                  "sl_type(%s): size %zu, alignment %zu; a pointer has %zu, %zu",
                  p->members[i].type_name, sa.size, sa.align, sizeof(void *), _Alignof(void *));
    }
    cdecl_free(f);
}

void suite_layout_structs_of_basic_types(void)
{
    cdecl_file_t *f = suite_parse_text("examples.h", suite_examples_text);
    CHECK(f, struct s1, "s1", W(struct s1, c), W(struct s1, l), W(struct s1, i));
    CHECK(f, struct gcobj, "gcobj", W(struct gcobj, id), W(struct gcobj, name),
          W(struct gcobj, size), W(struct gcobj, next));
    CHECK(f, struct basics, "basics", W(struct basics, b), W(struct basics, c), W(struct basics, s),
          W(struct basics, i), W(struct basics, l), W(struct basics, ll), W(struct basics, f),
          W(struct basics, d), W(struct basics, ld), W(struct basics, p));
    cdecl_free(f);
}

void suite_layout_arrays_and_nested_structs(void)
{
    cdecl_file_t *f = suite_parse_text("examples.h", suite_examples_text);
    CHECK(f, struct point, "point", W(struct point, x), W(struct point, y));
    CHECK(f, struct rect, "rect", W(struct rect, tag), W(struct rect, corners), W(struct rect, id));
    CHECK(f, struct wide, "wide", W(struct wide, a), W(struct wide, d), W(struct wide, b),
          W(struct wide, p));
    CHECK(f, struct grid, "grid", W(struct grid, name), W(struct grid, cells), W(struct grid, rows),
          W(struct grid, origin), W(struct grid, visit), W(struct grid, line));
    cdecl_free(f);
}

void suite_layout_unions(void)
{
    cdecl_file_t *f = suite_parse_text("examples.h", suite_examples_text);
    CHECK(f, union value, "value", W(union value, c), W(union value, i), W(union value, d),
          W(union value, name));
    CHECK(f, struct tagged, "tagged", W(struct tagged, kind), W(struct tagged, v),
          W(struct tagged, flag));
    CHECK(f, struct nest, "nest", W(struct nest, a), W(struct nest, in), W(struct nest, u));
    cdecl_free(f);
}

void suite_layout_anonymous_members(void)
{
    cdecl_file_t *f = suite_parse_text("examples.h", suite_examples_text);
    CHECK(f, struct packet, "packet", W(struct packet, type), WANON(struct packet, i),
          WANON(struct packet, lo), W(struct packet, crc));
    cdecl_free(f);
}

void suite_layout_alignas(void)
{
    cdecl_file_t *f = suite_parse_text("examples.h", suite_examples_text);
    CHECK(f, struct counters, "counters", W(struct counters, name), W(struct counters, hits),
          W(struct counters, misses));
    CHECK(f, struct over, "over", W(struct over, tag), W(struct over, a), W(struct over, x));
    CHECK(f, struct over2, "over2", W(struct over2, a), W(struct over2, b), W(struct over2, c),
          W(struct over2, d), W(struct over2, e), W(struct over2, f), W(struct over2, g));
    cdecl_free(f);
}

void suite_layout_flexible_array_members(void)
{
    cdecl_file_t *f = suite_parse_text("examples.h", suite_examples_text);
    // A flexible array member has no size; offsetof still places it.
    CHECK(f, struct message, "message", W(struct message, len), W(struct message, kind),
          { "body", offsetof(struct message, body), 0, _Alignof(char), false });
    CHECK(f, struct frame, "frame", W(struct frame, seq), W(struct frame, flag),
          { "samples", offsetof(struct frame, samples), 0, _Alignof(double), false });
    cdecl_free(f);
}

// ---- stats ----------------------------------------------------------------------

void suite_stats_holes_padding_and_pointer_bytes(void)
{
    cdecl_file_t *f = suite_parse_text("examples.h", suite_examples_text);
    for (size_t e = 0; e < NEXAMPLES; e++) {
        const cdecl_type_t *agg = suite_find(f, example_names[e]);
        size_t off[64];
        rsa_t r = suite_ref_place(agg, NULL, off);
        sl_stats_t want = { .size = r.size,
                            .align = r.align,
                            .members = agg->nmembers,
                            .cachelines = (r.size + 63) / 64,
                            .ptrbytes = suite_ref_ptrbytes(agg) };
        size_t end = 0;
        for (size_t i = 0; i < agg->nmembers; i++) {
            size_t sz = suite_ref_member(&agg->members[i]).size;
            want.sum_members += sz;
            if (agg->kind == CDECL_STRUCT && off[i] > end) {
                want.holes++;
                want.sum_holes += off[i] - end;
            }
            end = off[i] + sz > end ? off[i] + sz : end;
        }
        want.padding = r.size - end;
        sl_stats_t got = sl_stats(agg);
#define SAME(field, what)                                                                        \
    cr_assert(got.field == want.field, "sl_stats(%s): %s is %zu, expected %zu", agg->name, what, \
              got.field, want.field)
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
