// alignment_suite.h — what the files of the alignment suite share: text
// buffers and parsed headers, the reference layout rules, the handout's
// examples, order checks, random structs, the compiler driver, and the body
// of every graded test (declared with its points in ../alignment.c).
//
// Names shared between the suite's files start with suite_ so that they never
// clash with a non-static name in the student's code, linked into the same binary.
#ifndef ALIGNMENT_SUITE_H
#define ALIGNMENT_SUITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "support/cdecl/cdecl.h"
#include "memlab/rng.h"
#include "structlayout.h"

// ---- text (text.c) ---------------------------------------------------------------------

// A growing NUL-terminated string (all zero: empty).
typedef struct strbuf {
    char *s;
    size_t len, cap;
} strbuf_t;

// suite_sb_printf — appends printf-style text to b; fails the test when out
// of memory.
void suite_sb_printf(strbuf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
// suite_sb_free — frees b's text and empties it.
void suite_sb_free(strbuf_t *b);
// suite_parse_text — `text` parsed as the header `path` with the lab's parser;
// fails the test if it does not parse (a suite error). Free with cdecl_free.
cdecl_file_t *suite_parse_text(const char *path, const char *text);
// suite_find — the aggregate `name` of f; fails the test if there is none.
const cdecl_type_t *suite_find(const cdecl_file_t *f, const char *name);

// ---- the reference layout rules (reference.c) --------------------------------------------
// Used only where the compiler cannot answer directly: the smallest possible
// size, and pointer bytes. Basic sizes come from this suite's compiler.

// A size and an alignment.
typedef struct rsa {
    size_t size, align;
} rsa_t;

// suite_ref_member — size and alignment of member m (its _Alignas included).
rsa_t suite_ref_member(const cdecl_member_t *m);
// suite_ref_place — offsets (by member index, may be NULL) of agg's members
// placed in `order` (NULL: declaration order); returns size and alignment.
rsa_t suite_ref_place(const cdecl_type_t *agg, const size_t *order, size_t *offsets);
// suite_ref_ptrbytes — the pointer bytes of type t: the end of its last
// pointer (0 if it holds none).
size_t suite_ref_ptrbytes(const cdecl_type_t *t);
// suite_ref_ptrbytes_placed — the pointer bytes of agg with its members at
// `offsets` (by member index).
size_t suite_ref_ptrbytes_placed(const cdecl_type_t *agg, const size_t *offsets);
// suite_ref_overaligned — whether some member's size is not a multiple of its
// alignment (only _Alignas does that), where Go's rule may not be smallest.
bool suite_ref_overaligned(const cdecl_type_t *agg);
// suite_ref_go_order — Go's fieldalignment order of agg's members into
// order[0..nmembers) (a flexible array member last).
void suite_ref_go_order(const cdecl_type_t *agg, size_t *order);
// suite_ref_min_size — the smallest size of struct agg over all member orders
// (a flexible array member stays last). Fails the test past 18 movable members.
size_t suite_ref_min_size(const cdecl_type_t *agg);

// ---- the handout's examples (examples.c) ---------------------------------------------

// The examples' definitions, one per line (labs/alignment/data/examples.h);
// examples.c compiles the same definitions.
extern const char suite_examples_text[];

// ---- the smallest order (order.c) ------------------------------------------------------

// suite_order_names — "a, b, (anonymous union), c" for an order of agg's
// members (one of two static buffers, used in turn: two calls may share a message).
const char *suite_order_names(const cdecl_type_t *agg, const size_t *order);
// suite_order_problem — what is wrong with the order the student returned for
// struct agg (a static message), or NULL if nothing: not a permutation, the
// flexible member moved, claimed numbers not those of the order, not the
// smallest size, or (when no member is over-aligned) more pointer bytes than
// Go's rule leaves.
const char *suite_order_problem(const cdecl_type_t *agg, const size_t *order, sl_order_t got);

// ---- random structs (gen.c) ---------------------------------------------------------------

enum { F_ARRAYS = 1, F_NESTED = 2, F_UNIONS = 4, F_ANON = 8, F_ALIGNAS = 16, F_FLEX = 32 };
#define F_ALL (F_ARRAYS | F_NESTED | F_UNIONS | F_ANON | F_ALIGNAS | F_FLEX)
#define GEN_MAX 64   // aggregates in one batch
#define GEN_LINES 12 // top-level members of one aggregate, at most

// One generated struct or union, with the text of each top-level member so
// that a reordered copy can be written.
typedef struct gen_agg {
    char name[16]; // "s3", or "t3" for a typedef'd anonymous struct
    char ref[24];  // how C names it: "struct s3", "union s3", "t3"
    bool is_union, has_flex;
    size_t maxalignas; // the largest _Alignas inside it (0: none)
    char *lines[GEN_LINES];
    size_t nlines;
} gen_agg_t;

typedef struct gen {
    ml_rng_t r;
    unsigned features;
    gen_agg_t aggs[GEN_MAX];
    size_t naggs;
    int counter; // member names m0, m1, ... unique per aggregate
    int fwd;     // forward-declared tags fwd0, fwd1, ...
} gen_t;

// suite_gen_batch — n (at most GEN_MAX) random aggregates with `features`
// (F_*), from `seed`, appended to `header` as C; *g records them.
void suite_gen_batch(gen_t *g, uint64_t seed, unsigned features, size_t n, strbuf_t *header);
// suite_gen_free — frees the member texts g holds.
void suite_gen_free(gen_t *g);
// suite_gen_find — the generated aggregate that agg was parsed from; fails
// the test if there is none.
const gen_agg_t *suite_gen_find(const gen_t *g, const cdecl_type_t *agg);
// suite_gen_source — the definition of a generated aggregate on one line,
// for messages (a static buffer).
const char *suite_gen_source(const gen_agg_t *a);

// ---- compiling and running a generated program (program.c) ------------------------------

// A program of queries, each a size_t expression the compiler answers.
typedef struct prog {
    char dir[64];
    strbuf_t queries; // the body of main(): one printf per query
    size_t nqueries;
    size_t *answers; // what the compiled program printed, by query
} prog_t;

// suite_query — adds the printf-style expression as a query; returns its
// index into p->answers.
size_t suite_query(prog_t *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
// suite_prog_compile_and_run — writes header + extra + main() to a C file,
// compiles it with cc, runs it, and reads one number per query into
// p->answers. Fails the test if any step fails. MEMLAB_KEEP_GENERATED=1
// keeps the files (their directory is in the test's notes).
void suite_prog_compile_and_run(prog_t *p, const char *header, const char *extra);
// suite_prog_free — frees the queries and the answers.
void suite_prog_free(prog_t *p);

// ---- the graded tests ----------------------------------------------------------------
// suite_<suite>_<name> is the body of the test <suite>/<name>; it runs in the
// test's own process and fails it through cr_assert.

// examples.c
void suite_abi_basic_types_match_the_compiler(void);
void suite_layout_structs_of_basic_types(void);
void suite_layout_arrays_and_nested_structs(void);
void suite_layout_unions(void);
void suite_layout_anonymous_members(void);
void suite_layout_alignas(void);
void suite_layout_flexible_array_members(void);
void suite_stats_holes_padding_and_pointer_bytes(void);

// big.c
void suite_layout_types_past_the_first_word(void);
void suite_layout_unions_whose_largest_member_is_not_last(void);
void suite_layout_nested_anonymous_and_flexible_members(void);
void suite_stats_pointer_bytes_past_the_first_word(void);

// report.c
void suite_report_matches_the_handout(void);
void suite_report_cache_line_boundaries(void);
void suite_report_says_what_could_be_smaller(void);

// order.c
void suite_order_go_rule_on_the_examples(void);
void suite_order_over_aligned_members(void);

// compiler.c
void suite_compiler_random_structs_of_basic_types_and_pointers(void);
void suite_compiler_random_arrays_nested_structs_and_unions(void);
void suite_compiler_random_anonymous_alignas_and_flexible_members(void);
void suite_compiler_random_smallest_orders_compile_to_their_size(void);

// fuzz.c
void suite_robustness_fuzzed_headers_do_not_crash_the_layout(void);

// memory.c
void suite_robustness_repeated_calls_keep_no_memory(void);

#endif
